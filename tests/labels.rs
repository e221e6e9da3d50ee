//! Labels (标签): every label enum reads back its own English and Chinese names, the aliases
//! clerks write, and refuses the rest with a message that lists what is accepted.

use fangkong::ValueError;
use fangkong::gathering::{Binds, Flag, Indicator, PersuasionResult, Stringency};
use fangkong::observation::{
    Comparison, EndReason, Method, ObservationPlace, Reporter, SlotCounting, Supply, Symptom,
    TestOutcome,
};
use fangkong::place::{DivisionLevel, StatisticalLevel, TownshipKind, VillageKind};
use fangkong::publicity::{Channel, Form};
use fangkong::report::{Lang, RowStatus};
use fangkong::screening::{DayZeroBasis, ExposureAnchor, RiskLevel, VisitResult};
use fangkong::supervision::{
    AdmonitionManner, FormCategory, GovernmentSanction, InspectionMode, ItemOutcome,
    OrganisationForm, OrganisationalHandling,
};
use fangkong::{DeregistrationReason, Duty, Error, PhoneKind, Relation, Role, Sex, UnitKind};

/// A CJK ideograph.
fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The first English word (three or more ASCII letters in a row) in `text`, if any. Shorter
/// runs are codes and units (`C2`, `ID`, `℃` aside); ids such as `S12` are a letter and digits.
fn english_word(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| w.len() >= 3)
        .map(str::to_owned)
}

/// Given every value of a label enum, when its Chinese term, its English name, its English
/// name in upper case with `_` for spaces, and its `Display` are parsed, then each gives the
/// value back.
macro_rules! round_trips {
    ($($ty:ty),+ $(,)?) => {$(
        for v in <$ty>::ALL.iter().copied() {
            let what = stringify!($ty);
            assert_eq!(v.label_zh().parse::<$ty>(), Ok(v), "{what}: {}", v.label_zh());
            assert_eq!(v.label_en().parse::<$ty>(), Ok(v), "{what}: {}", v.label_en());
            let shouted = v.label_en().to_uppercase().replace(' ', "_");
            assert_eq!(shouted.parse::<$ty>(), Ok(v), "{what}: {shouted}");
            assert_eq!(v.to_string(), v.label_en(), "{what}");
            assert_eq!(format!("  {}\u{3000}", v.label_zh()).parse::<$ty>(), Ok(v), "{what}");
            // One script per language: the Chinese term holds Chinese and no English word, the
            // English name no Chinese.
            assert!(v.label_zh().chars().any(is_cjk), "{what}: {}", v.label_zh());
            assert_eq!(english_word(v.label_zh()), None, "{what}: {}", v.label_zh());
            assert!(!v.label_en().chars().any(is_cjk), "{what}: {}", v.label_en());
        }
    )+};
}

#[test]
fn every_label_enum_reads_back_its_chinese_and_english_names() {
    round_trips!(
        Sex,
        PhoneKind,
        UnitKind,
        Role,
        Duty,
        DivisionLevel,
        TownshipKind,
        VillageKind,
        StatisticalLevel,
        VisitResult,
        ExposureAnchor,
        DayZeroBasis,
        Comparison,
        Supply,
        TestOutcome,
        Method,
        Reporter,
        SlotCounting,
        ObservationPlace,
        Symptom,
        Lang,
        RowStatus,
        // defined through the same macro in gathering and supervision
        Stringency,
        Binds,
        Indicator,
        Flag,
        PersuasionResult,
        InspectionMode,
        ItemOutcome,
        OrganisationForm,
        AdmonitionManner,
        OrganisationalHandling,
        GovernmentSanction,
        FormCategory,
        // publicity
        Form,
        Channel,
        // and in the duty roster (its kinds of post are data, like gathering kinds)
        fangkong::roster::ExceptionReason,
        // the grid's actions and contact fields, and a kept head's problems
        fangkong::grid::Action,
        fangkong::grid::ContactField,
        fangkong::ledger::KeptHeadProblem,
        // and in disinfection (its kinds of site are data too)
        fangkong::disinfection::Task,
        fangkong::disinfection::AmountUnit,
        fangkong::disinfection::RoundStatus,
    );
}

#[test]
fn labels_with_data_read_back_their_names() {
    for r in Relation::ALL {
        assert_eq!(r.label_zh().parse::<Relation>().as_ref(), Ok(r));
        assert_eq!(r.label_en().parse::<Relation>().as_ref(), Ok(r));
        assert_eq!(r.to_string(), r.label_en());
    }
    for level in [RiskLevel::HIGH, RiskLevel::MEDIUM, RiskLevel::LOW] {
        assert_eq!(level.label_zh().parse::<RiskLevel>().as_ref(), Ok(&level));
        assert_eq!(level.label_en().parse::<RiskLevel>().as_ref(), Ok(&level));
    }
    for e in [
        EndReason::IndexCaseRuledOut,
        EndReason::Died,
        EndReason::LostToFollowUp,
    ] {
        assert_eq!(e.label_zh().parse::<EndReason>().as_ref(), Ok(&e));
        assert_eq!(e.label_en().parse::<EndReason>().as_ref(), Ok(&e));
    }
    for d in [DeregistrationReason::Died, DeregistrationReason::MovedAway] {
        assert_eq!(
            d.label_zh().parse::<DeregistrationReason>().as_ref(),
            Ok(&d)
        );
        assert_eq!(
            d.label_en().parse::<DeregistrationReason>().as_ref(),
            Ok(&d)
        );
    }
    let dup = DeregistrationReason::RegisteredInError("duplicate of R3".into());
    assert_eq!(dup.to_string(), "registered in error: duplicate of R3");
    assert_eq!(
        dup.to_string().parse::<DeregistrationReason>().as_ref(),
        Ok(&dup)
    );
    assert_eq!(
        "误登：重复登记".parse::<DeregistrationReason>(),
        Ok(DeregistrationReason::RegisteredInError("重复登记".into()))
    );
}

#[test]
fn aliases_clerks_write_are_read() {
    assert_eq!("男性".parse::<Sex>(), Ok(Sex::Male));
    assert_eq!("F".parse::<Sex>(), Ok(Sex::Female));
    assert_eq!("座机".parse::<PhoneKind>(), Ok(PhoneKind::Landline));
    assert_eq!("村民小组".parse::<UnitKind>(), Ok(UnitKind::Group));
    assert_eq!("镇".parse::<UnitKind>(), Ok(UnitKind::Township));
    assert_eq!("村医".parse::<Role>(), Ok(Role::HealthWorker));
    assert_eq!("grid-worker".parse::<Role>(), Ok(Role::GridWorker));
    assert_eq!("包村".parse::<Duty>(), Ok(Duty::ChargeOfVillage));
    assert_eq!("高".parse::<RiskLevel>(), Ok(RiskLevel::HIGH));
    assert_eq!("High-Risk".parse::<RiskLevel>(), Ok(RiskLevel::HIGH));
    assert_eq!("中风险地区".parse::<RiskLevel>(), Ok(RiskLevel::MEDIUM));
    assert_eq!("≥".parse::<Comparison>(), Ok(Comparison::AtOrAbove));
    assert_eq!("发烧".parse::<Symptom>(), Ok(Symptom::Fever));
    assert_eq!("额温枪".parse::<Method>(), Ok(Method::Forehead));
    assert!("无人".parse::<VisitResult>().is_err());
    assert_eq!("不在家".parse::<VisitResult>(), Ok(VisitResult::NobodyHome));
    assert_eq!("零报".parse::<RowStatus>(), Ok(RowStatus::Zero));
    assert_eq!("儿子".parse::<Relation>(), Ok(Relation::Child));
    assert_eq!("外孙女".parse::<Relation>(), Ok(Relation::Grandchild));
    assert_eq!("失联".parse::<EndReason>(), Ok(EndReason::LostToFollowUp));
}

#[test]
fn unknown_text_becomes_the_written_variant_where_the_type_allows_it() {
    assert_eq!(
        "侄子".parse::<Relation>(),
        Ok(Relation::Other("侄子".into()))
    );
    assert_eq!(
        " moved to Guangzhou for work ".parse::<EndReason>(),
        Ok(EndReason::Other("moved to Guangzhou for work".into()))
    );
    assert!(matches!(
        " ".parse::<Relation>(),
        Err(Error::TextRequired { .. })
    ));
}

#[test]
fn refusals_say_what_is_accepted() {
    assert_eq!(
        "x".parse::<Sex>().unwrap_err().to_string(),
        "\"x\" is not a sex; write one of: male (男), female (女)"
    );
    assert_eq!(
        "hamlet".parse::<UnitKind>().unwrap_err().to_string(),
        "\"hamlet\" is not a kind of unit; write one of: township (乡), village (村), \
         community (社区), zone (片), group (组)"
    );
    assert_eq!(
        "extreme".parse::<RiskLevel>().unwrap_err().to_string(),
        "\"extreme\" is not a risk level; write one of: high (高风险), medium (中风险), low (低风险)"
    );
    assert_eq!(
        "moved"
            .parse::<DeregistrationReason>()
            .unwrap_err()
            .to_string(),
        "\"moved\" is not a reason for deregistration; write one of: died (死亡), moved away \
         (迁出), registered in error: <explanation> (误登：<说明>)"
    );
    // Registered in error needs its explanation.
    assert!(
        "registered in error"
            .parse::<DeregistrationReason>()
            .is_err()
    );
    assert_eq!(
        "倍"
            .parse::<Comparison>()
            .unwrap_err()
            .display_zh()
            .to_string(),
        "“倍”不是发热比较方式；请写以下之一：above (高于), at or above (不低于)"
    );
}

#[test]
fn refusals_mask_personal_data_and_clip_long_text() {
    let err = "13807311234".parse::<Role>().unwrap_err();
    assert!(err.to_string().starts_with("\"138****1234\" is not a role"));
    assert!(!format!("{err:?}").contains("13807311234"));
    let err = "11010519491231002X".parse::<InspectionMode>().unwrap_err();
    assert!(err.to_string().starts_with("\"1101**********002X\" is not"));
    let long = "a".repeat(100);
    let ValueError::UnknownLabel { input, .. } = long.parse::<Symptom>().unwrap_err() else {
        panic!("UnknownLabel expected");
    };
    assert_eq!(input.chars().count(), 40);
}

/// Given text a clerk typed wrong, when it is refused, then the Chinese message says the same
/// as the English one, with personal data masked alike.
#[test]
fn errors_read_in_chinese() {
    use fangkong::observation::Temperature;
    use fangkong::{IdentityNumber, Phone};
    let cases: Vec<(Error, &str)> = vec![
        (
            "2020/1/24".parse::<fangkong::Day>().unwrap_err().into(),
            "“2020/1/24”不是按YYYY-MM-DD书写的日期，例如2020-01-24",
        ),
        (
            "45.0".parse::<Temperature>().unwrap_err(),
            "45.0 ℃的体温对活人来说不合理（应在34.0–43.0 ℃之间）：请重新测量",
        ),
        (
            "110105194912310021"
                .parse::<IdentityNumber>()
                .unwrap_err()
                .into(),
            "身份证号1101**********0021的校验码是1，但前17位算出的是X：可能抄错了某一位",
        ),
        (
            "1380731123".parse::<Phone>().unwrap_err().into(),
            "电话号码**********无效：手机号码为11位，以13至19开头，如138 0731 1234",
        ),
        (
            "hamlet".parse::<UnitKind>().unwrap_err().into(),
            "“hamlet”不是单位类型；请写以下之一：township (乡), village (村), \
             community (社区), zone (片), group (组)",
        ),
        (
            fangkong::Day::parse_lenient("13807311234")
                .unwrap_err()
                .into(),
            "“138****1234”不是日期：请写成2020-01-24、2020/1/24、2020-1-24、2020.1.24、\
             2020年1月24日或20200124",
        ),
    ];
    for (err, zh) in cases {
        assert_eq!(err.display_zh().to_string(), zh, "{err}");
        assert!(!err.display_zh().to_string().contains("13807311234"));
    }
}

/// Given release decisions, when they are read in Chinese, then every reason is there.
#[test]
fn release_decisions_read_in_chinese() {
    use fangkong::observation::{AlertCause, Method, Reason, Reporter, TestDay};
    use fangkong::observation::{FeverRule, Reading, ReleaseDecision};
    use fangkong::{Day, Instant};
    let day = |s: &str| s.parse::<Day>().unwrap();
    let at: Instant = "2020-01-23T13:30:00+08:00".parse().unwrap();
    let blocked = ReleaseDecision::Blocked {
        reasons: vec![
            Reason::PeriodNotOver {
                day: day("2020-01-24"),
                day_number: 4,
                length: 14,
                earliest: day("2020-02-04"),
            },
            Reason::OpenAlert {
                number: 1,
                raised_at: at,
                cause: AlertCause::Fever {
                    reading: Reading {
                        at,
                        temperature: "37.8".parse().unwrap(),
                        method: Method::Armpit,
                        by: Reporter::SelfReported,
                    },
                    rule: FeverRule::default(),
                },
            },
            Reason::TestMissing {
                test: TestDay::Observation(3),
                day: day("2020-01-23"),
            },
        ],
    };
    assert_eq!(
        blocked.display_zh().to_string(),
        "不能解除：观察期14天，今天是第4天，仍在观察中；2020-02-04起可解除；\
         第1号预警（2020-01-23T13:30:00+08:00发出，体温37.8 ℃，高于37.3 ℃）尚未处理：\
         请转诊定点医院，或由医务人员写明理由后排除；\
         方案要求在第3天（2020-01-23）采样检测，但没有采样"
    );
    let release = ReleaseDecision::Release {
        reasons: vec![
            Reason::PeriodComplete {
                length: 14,
                last_day: day("2020-02-03"),
            },
            Reason::NoOpenAlert,
            Reason::ChecksWithinTolerance {
                missed: vec![],
                tolerance: 2,
            },
            Reason::EnoughNegativeTests {
                required: 2,
                through_day: 3,
            },
        ],
    };
    assert_eq!(
        release.display_zh().to_string(),
        "可以解除：14天观察期已于2020-02-03（第14天）届满；没有未处理的预警；没有漏测；\
         第1至3天已有2次不同日的阴性检测"
    );
    assert_eq!(
        release.to_string(),
        "release: the 14-day observation period ended on 2020-02-03 (day 14); no alert is \
         open; no check was missed; 2 negative tests were sampled on different days within \
         days 1–3"
    );
}

/// Given a returnee from Wuhan, when the screening outcome is read in Chinese, then it names
/// the stay, the designation, the rule, the protocol and day 0.
#[test]
fn screening_outcomes_read_in_chinese() {
    use fangkong::place::DivisionCode;
    use fangkong::screening::{
        Interview, ReportedSymptoms, RiskRegister, ScreeningRule, Stay, TravelHistory,
    };
    let day = |s: &str| s.parse::<fangkong::Day>().unwrap();
    let rule = ScreeningRule::returnee_jan2020();
    let register = RiskRegister::jan2020_hubei();
    let travel = TravelHistory {
        stays: vec![Stay::new(DivisionCode::WUHAN, day("2020-01-10"), day("2020-01-20")).unwrap()],
        transits: vec![],
        returned_home: Some(day("2020-01-21")),
    };
    let interview = Interview::new(travel, true, ReportedSymptoms::default()).unwrap();
    let outcome = rule.screen(&register, &interview, day("2020-01-26"));
    assert_eq!(
        outcome.display_zh().to_string(),
        "重点人员：2020-01-10至2020-01-20在武汉市（420100）居留，当时为2020-01-08起的高风险地区；\
         按规则“Wuhan/Hubei returnee, January 2020”开始医学观察“returnee-jan2020”，\
         第0天为2020-01-20（离开之日）。"
    );
    let outcome = rule.screen(&register, &interview, day("2020-02-20"));
    assert_eq!(
        outcome.display_zh().to_string(),
        "无风险：按规则“Wuhan/Hubei returnee, January 2020”，2020-02-06至2020-02-20没有在风险地区\
         居留或途经。"
    );
}
