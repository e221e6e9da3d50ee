//! Labels (标签): the English and Chinese names of the crate's label enums, and how clerks'
//! words are parsed back into them.
//!
//! Every label enum has `label_en()` (English, lower case), `label_zh()` (the Chinese term),
//! `Display` (the English name) and `FromStr`, which accepts:
//! - the English name in any case, with `_`, `-` and spaces alike (`"Grid_Worker"`,
//!   `"grid-worker"`, `"GRID WORKER"`);
//! - the Chinese term (`"网格员"`), with surrounding spaces;
//! - the aliases listed in each type's documentation (`"村医"`, `"男性"`…).
//!
//! Anything else is refused with [`Error::UnknownLabel`], which quotes the text given (at
//! most 40 characters, identity and phone numbers masked) and lists the accepted names:
//!
//! ```
//! use fangkong::Role;
//! assert_eq!("网格员".parse::<Role>()?, Role::GridWorker);
//! assert_eq!("Grid_Worker".parse::<Role>()?, Role::GridWorker);
//! assert_eq!(Role::HealthWorker.label_zh(), "卫生院医生");
//! assert_eq!(
//!     "boss".parse::<Role>().unwrap_err().to_string(),
//!     "\"boss\" is not a role; write one of: leader (组长), cadre (干部), grid worker (网格员), \
//!      health worker (卫生院医生), inspector (纪委), volunteer (志愿者)"
//! );
//! # Ok::<(), fangkong::Error>(())
//! ```
//!
//! The macro [`labels!`] implements all of this for a fieldless enum; the label enums of
//! [`gathering`](crate::gathering) and [`supervision`](crate::supervision) are defined through
//! it too. Enums that carry data ([`Relation::Other`], [`EndReason::Other`],
//! [`DeregistrationReason::RegisteredInError`]) and [`RiskLevel`] have their own
//! implementations below, on the same helpers.

use std::fmt;
use std::str::FromStr;

use crate::household::DeregistrationReason;
use crate::observation::{
    Comparison, EndReason, Method, ObservationPlace, Reporter, SlotCounting, Supply, Symptom,
    TestOutcome,
};
use crate::report::{Lang, RowStatus};
use crate::screening::{DayZeroBasis, ExposureAnchor, VisitResult};
use crate::{
    DivisionLevel, Duty, Error, PhoneKind, Relation, RiskLevel, Role, Sex, StatisticalLevel,
    TownshipKind, UnitKind, VillageKind,
};

/// Normalizes text for comparison: trimmed, lower case, `_` and `-` read as spaces, runs of
/// spaces (full-width ones too) collapsed to one.
pub(crate) fn normalize(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most 40 characters of user text, with identity and phone numbers masked, for messages.
pub(crate) fn quote(s: &str) -> String {
    crate::MaskedText::truncated(s, 40).as_str().to_owned()
}

/// The value among `all` whose English name, Chinese term or an alias is `input` (compared
/// after [`normalize`]).
pub(crate) fn find_label<T: Copy>(
    input: &str,
    all: &[T],
    names: impl Fn(T) -> (&'static str, &'static str, &'static [&'static str]),
) -> Option<T> {
    let wanted = normalize(input);
    all.iter().copied().find(|&v| {
        let (en, zh, aliases) = names(v);
        wanted == normalize(en)
            || wanted == normalize(zh)
            || aliases.iter().any(|a| wanted == normalize(a))
    })
}

/// `"en (zh), en (zh), …"`: the accepted names, for messages.
pub(crate) fn expected<T: Copy>(
    all: &[T],
    names: impl Fn(T) -> (&'static str, &'static str, &'static [&'static str]),
) -> String {
    all.iter()
        .map(|&v| {
            let (en, zh, _) = names(v);
            format!("{en} ({zh})")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses a label among `all`, or refuses it with [`Error::UnknownLabel`].
pub(crate) fn parse_label<T: Copy>(
    input: &str,
    what: &'static str,
    all: &[T],
    names: impl Fn(T) -> (&'static str, &'static str, &'static [&'static str]) + Copy,
) -> Result<T, Error> {
    find_label(input, all, names).ok_or_else(|| Error::UnknownLabel {
        what,
        input: quote(input),
        expected: expected(all, names),
    })
}

/// Implements the labels of a fieldless enum: `ALL`, `label_en`, `label_zh`, `FromStr`, and
/// `Display` (the English name) unless the enum has its own.
///
/// ```text
/// labels!(Sex: "sex", with_display {
///     Male => "male", "男", ["m", "男性"];
///     Female => "female", "女", ["f", "女性"];
/// });
/// ```
///
/// `with_display` adds `Display`; `no_display` leaves an existing one (which must print the
/// English name). An optional `error = Variant` after it names an error variant with
/// the fields `what`, `input` and `expected` other than [`Error::UnknownLabel`].
macro_rules! labels {
    (
        $name:ident : $what:literal, $display:ident $(, error = $err:ident)? {
            $( $variant:ident => $en:literal, $zh:literal $(, [$($alias:literal),* $(,)?])? ; )+
        }
    ) => {
        impl $name {
            #[doc = concat!(
                "Every value, in order. `FromStr` reads each from its English name (any case, ",
                "`_`, `-` and spaces alike), its Chinese term or an alias: ",
                $( "`", $en, "` (`", $zh, "`", $($(", `", $alias, "`",)*)? "); ", )+
            )]
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The English name, lower case; what `Display` prints.
            pub fn label_en(self) -> &'static str {
                match self { $( $name::$variant => $en, )+ }
            }

            /// The Chinese term.
            pub fn label_zh(self) -> &'static str {
                match self { $( $name::$variant => $zh, )+ }
            }

            #[allow(dead_code)]
            fn aliases(self) -> &'static [&'static str] {
                match self { $( $name::$variant => &[$($($alias),*)?], )+ }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;

            fn from_str(s: &str) -> Result<Self, $crate::Error> {
                let names = |v: $name| (v.label_en(), v.label_zh(), v.aliases());
                $crate::label::find_label(s, $name::ALL, names).ok_or_else(|| {
                    $crate::label::labels!(
                        @error [$($err)?]
                        $what,
                        $crate::label::quote(s),
                        $crate::label::expected($name::ALL, names)
                    )
                })
            }
        }

        $crate::label::labels!(@$display $name);
    };
    (@error [] $what:expr, $input:expr, $expected:expr) => {
        $crate::label::labels!(@error [UnknownLabel] $what, $input, $expected)
    };
    (@error [$err:ident] $what:expr, $input:expr, $expected:expr) => {
        $crate::Error::$err { what: $what, input: $input, expected: $expected }
    };
    (@with_display $name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.label_en())
            }
        }
    };
    (@no_display $name:ident) => {};
}

pub(crate) use labels;

// --- people (identity, household) ---

labels!(Sex: "sex", no_display {
    Male => "male", "男", ["m", "男性"];
    Female => "female", "女", ["f", "女性"];
});

labels!(PhoneKind: "kind of phone number", no_display {
    Mobile => "mobile", "手机", ["手机号码", "手机号", "cell", "cellphone", "mobile phone"];
    Landline => "landline", "固定电话", ["座机", "固话", "fixed line"];
});

/// The fixed relations of [`Relation`], in order.
const RELATIONS: &[Relation] = &[
    Relation::Head,
    Relation::Spouse,
    Relation::Child,
    Relation::Parent,
    Relation::Grandchild,
    Relation::Grandparent,
    Relation::Sibling,
    Relation::ChildInLaw,
];

impl Relation {
    /// The fixed relations, in order (not [`Relation::Other`]).
    pub const ALL: &'static [Relation] = RELATIONS;

    /// The English name, lower case (`"head of household"`); for [`Relation::Other`] the
    /// relation as written. What `Display` prints.
    pub fn label_en(&self) -> &str {
        match self {
            Relation::Head => "head of household",
            Relation::Spouse => "spouse",
            Relation::Child => "child",
            Relation::Parent => "parent",
            Relation::Grandchild => "grandchild",
            Relation::Grandparent => "grandparent",
            Relation::Sibling => "sibling",
            Relation::ChildInLaw => "child-in-law",
            Relation::Other(s) => s,
        }
    }

    /// The Chinese term of the household register (`"户主"`); for [`Relation::Other`] the
    /// relation as written.
    pub fn label_zh(&self) -> &str {
        match self {
            Relation::Head => "户主",
            Relation::Spouse => "配偶",
            Relation::Child => "子女",
            Relation::Parent => "父母",
            Relation::Grandchild => "孙子女",
            Relation::Grandparent => "祖父母",
            Relation::Sibling => "兄弟姐妹",
            Relation::ChildInLaw => "儿媳/女婿",
            Relation::Other(s) => s,
        }
    }

    fn aliases(&self) -> &'static [&'static str] {
        match self {
            Relation::Head => &["head", "householder", "本人"],
            Relation::Spouse => &["wife", "husband", "妻", "夫", "妻子", "丈夫"],
            Relation::Child => &[
                "son", "daughter", "子", "女", "儿子", "女儿", "长子", "长女", "次子", "次女",
            ],
            Relation::Parent => &["father", "mother", "父亲", "母亲"],
            Relation::Grandchild => &[
                "grandson",
                "granddaughter",
                "孙子",
                "孙女",
                "外孙",
                "外孙女",
                "外孙子女",
            ],
            Relation::Grandparent => &[
                "grandfather",
                "grandmother",
                "祖父",
                "祖母",
                "外祖父",
                "外祖母",
                "外祖父母",
            ],
            Relation::Sibling => &["brother", "sister", "兄", "弟", "姐", "妹", "兄弟", "姐妹"],
            Relation::ChildInLaw => &[
                "daughter-in-law",
                "son-in-law",
                "儿媳",
                "女婿",
                "媳妇",
                "儿媳妇",
            ],
            Relation::Other(_) => &[],
        }
    }
}

impl FromStr for Relation {
    type Err = Error;

    /// A fixed relation by its English name, Chinese term or an alias (`"wife"`, `"儿子"`,
    /// `"外孙女"`…); any other non-empty text is [`Relation::Other`] as written (trimmed),
    /// since the household register allows any relation (`"侄子"`, `"lodger"`).
    ///
    /// # Errors
    /// [`Error::TextRequired`] for empty or blank text.
    fn from_str(s: &str) -> Result<Relation, Error> {
        let raw = s.trim();
        if raw.is_empty() {
            return Err(Error::TextRequired {
                what: "the relation to the head of the household (与户主关系)".to_owned(),
            });
        }
        let names = |r: &Relation| {
            [r.label_en(), r.label_zh()]
                .into_iter()
                .chain(r.aliases().iter().copied())
                .any(|n| normalize(n) == normalize(raw))
        };
        Ok(RELATIONS
            .iter()
            .find(|r| names(r))
            .cloned()
            .unwrap_or_else(|| Relation::Other(raw.to_owned())))
    }
}

impl DeregistrationReason {
    /// The English name, lower case, without the explanation (`"registered in error"`).
    pub fn label_en(&self) -> &'static str {
        match self {
            DeregistrationReason::Died => "died",
            DeregistrationReason::MovedAway => "moved away",
            DeregistrationReason::RegisteredInError(_) => "registered in error",
        }
    }

    /// The Chinese term, without the explanation (`"误登"`).
    pub fn label_zh(&self) -> &'static str {
        match self {
            DeregistrationReason::Died => "死亡",
            DeregistrationReason::MovedAway => "迁出",
            DeregistrationReason::RegisteredInError(_) => "误登",
        }
    }
}

impl fmt::Display for DeregistrationReason {
    /// `"died"`, `"moved away"`, `"registered in error: duplicate of R3"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeregistrationReason::RegisteredInError(why) => {
                write!(f, "{}: {why}", self.label_en())
            }
            other => f.write_str(other.label_en()),
        }
    }
}

impl FromStr for DeregistrationReason {
    type Err = Error;

    /// `"died"` (`"死亡"`, `"dead"`, `"deceased"`, `"去世"`), `"moved away"` (`"迁出"`,
    /// `"moved out"`, `"户口迁出"`), or `"registered in error: <explanation>"` (`"误登：重复登记"`;
    /// also `"登记错误"`, `"duplicate"` as the kind), either colon.
    ///
    /// # Errors
    /// [`Error::UnknownLabel`] for another reason, or a registration in error without its
    /// explanation.
    fn from_str(s: &str) -> Result<DeregistrationReason, Error> {
        const IN_ERROR: &[&str] = &["registered in error", "误登", "登记错误", "duplicate"];
        let unknown = || Error::UnknownLabel {
            what: "reason for deregistration",
            input: quote(s),
            expected: "died (死亡), moved away (迁出), registered in error: <explanation> \
                       (误登：<说明>)"
                .to_owned(),
        };
        let (kind, why) = match s.split_once([':', '：']) {
            Some((k, w)) => (k, Some(w.trim())),
            None => (s, None),
        };
        let kind = normalize(kind);
        let is = |names: &[&str]| names.iter().any(|n| normalize(n) == kind);
        match why {
            None if is(&["died", "死亡", "dead", "deceased", "去世"]) => {
                Ok(DeregistrationReason::Died)
            }
            None if is(&["moved away", "迁出", "moved out", "户口迁出"]) => {
                Ok(DeregistrationReason::MovedAway)
            }
            Some(why) if !why.is_empty() && is(IN_ERROR) => {
                Ok(DeregistrationReason::RegisteredInError(why.to_owned()))
            }
            _ => Err(unknown()),
        }
    }
}

// --- the grid ---

labels!(UnitKind: "kind of unit", no_display {
    Township => "township", "乡", ["镇", "街道", "乡镇", "town", "street office"];
    Village => "village", "村", ["行政村", "村委会"];
    Community => "community", "社区", ["居委会"];
    Zone => "zone", "片", ["片区"];
    Group => "group", "组", ["村民小组", "小组", "居民小组", "villagers group"];
});

labels!(Role: "role", no_display {
    Leader => "leader", "组长", ["领导", "领导小组", "领导小组成员", "leading group member"];
    Cadre => "cadre", "干部", ["村干部", "乡干部"];
    GridWorker => "grid worker", "网格员", ["gridworker"];
    HealthWorker => "health worker", "卫生院医生", ["医生", "医务人员", "村医", "乡村医生", "doctor"];
    Inspector => "inspector", "纪委", ["纪委干部", "督查员", "discipline inspector"];
    Volunteer => "volunteer", "志愿者", ["义工"];
});

labels!(Duty: "duty", with_display {
    ChargeOfVillage => "in charge of the village", "联点包村", ["charge of village", "包村"];
    DepartmentLink => "department linked to the village", "部门联村", ["department link", "联村"];
    ZoneAndGroups => "zone and groups", "分片包组", ["包组", "分片"];
    Grid => "grid", "网格", ["grid work"];
    MedicalService => "medical service", "卫生院上门服务", ["上门服务", "医疗服务"];
    Supervision => "supervision", "督查", ["督导"];
});

// --- places ---

labels!(DivisionLevel: "level of division", with_display {
    Province => "province", "省级", ["省", "provincial"];
    Prefecture => "prefecture", "地级", ["市", "地级市", "prefectural"];
    County => "county", "县级", ["县", "区", "county level"];
});

labels!(TownshipKind: "kind of township", with_display {
    StreetOffice => "street office", "街道", ["街道办事处", "street"];
    Town => "town", "镇";
    Township => "township", "乡";
});

labels!(VillageKind: "kind of village", with_display {
    Community => "community", "社区", ["居委会", "社区居委会", "residents committee"];
    Village => "village", "村", ["村委会", "行政村", "villagers committee"];
});

labels!(StatisticalLevel: "statistical level", with_display {
    Division => "division", "区县", ["county"];
    Township => "township", "乡级", ["乡镇"];
    Village => "village", "村级", ["村"];
});

// --- screening ---

impl RiskLevel {
    /// The English name: `"high"`, `"medium"`, `"low"`, or a user-defined level's name.
    /// What `Display` prints.
    pub fn label_en(&self) -> &str {
        self.name()
    }

    /// The Chinese term of a shipped level (`"高风险"`, `"中风险"`, `"低风险"`); a
    /// user-defined level's own name.
    pub fn label_zh(&self) -> &str {
        match self.name() {
            "high" if *self == RiskLevel::HIGH => "高风险",
            "medium" if *self == RiskLevel::MEDIUM => "中风险",
            "low" if *self == RiskLevel::LOW => "低风险",
            other => other,
        }
    }
}

impl FromStr for RiskLevel {
    type Err = Error;

    /// A shipped level: `"high"`, `"High risk"`, `"high-risk"`, `"高"`, `"高风险"`, `"高风险区"`
    /// (likewise medium: `"中"`, `"中风险"`; low: `"低"`, `"低风险"`). A user-defined level has a
    /// rank, which text does not carry: build it with [`RiskLevel::new`].
    ///
    /// # Errors
    /// [`Error::UnknownLabel`] for anything else.
    fn from_str(s: &str) -> Result<RiskLevel, Error> {
        const SHIPPED: &[RiskLevel] = &[RiskLevel::HIGH, RiskLevel::MEDIUM, RiskLevel::LOW];
        let wanted = normalize(s);
        let wanted = wanted
            .strip_suffix(" risk area")
            .or_else(|| wanted.strip_suffix(" risk"))
            .or_else(|| wanted.strip_suffix("风险区"))
            .or_else(|| wanted.strip_suffix("风险地区"))
            .or_else(|| wanted.strip_suffix("风险"))
            .unwrap_or(&wanted);
        let short = |l: &RiskLevel| l.label_zh().trim_end_matches("风险").to_owned();
        SHIPPED
            .iter()
            .find(|l| wanted == l.label_en() || wanted == short(l))
            .cloned()
            .ok_or_else(|| Error::UnknownLabel {
                what: "risk level",
                input: quote(s),
                expected: "high (高风险), medium (中风险), low (低风险)".to_owned(),
            })
    }
}

labels!(VisitResult: "result of a visit", with_display {
    Screened => "screened", "已排查", ["排查", "done"];
    NobodyHome => "nobody home", "无人在家", ["absent", "not at home", "不在家"];
    Refused => "refused", "拒绝排查", ["拒绝", "拒绝配合"];
});

labels!(ExposureAnchor: "day-0 anchor", with_display {
    LastDayInArea => "last day in the area", "离开之日", ["last day in area", "离汉之日", "离开当日"];
    DayOfReturn => "day of return", "返乡之日", ["return", "返回之日", "到家之日"];
});

labels!(DayZeroBasis: "basis of day 0", with_display {
    LastDayInArea => "last day in the area", "离开之日", ["last day in area"];
    LastDayAtRisk => "last day at risk", "风险期内离开之日", ["last day in the area while at risk"];
    DayOfReturn => "day of return", "返乡之日", ["return"];
    LastDayInAreaReturnUnknown => "last day in the area, return unknown", "离开之日（返乡日不详）", ["return unknown"];
});

// --- observation ---

labels!(Comparison: "fever comparison", with_display {
    Above => "above", "高于", [">", "over", "超过"];
    AtOrAbove => "at or above", "不低于", [">=", "≥", "以上", "及以上", "大于等于"];
});

labels!(Supply: "kind of supply", with_display {
    Masks => "masks", "口罩", ["mask"];
    Disinfectant => "disinfectant", "消毒液", ["消毒剂", "消毒水"];
    Thermometer => "thermometer", "体温计", ["温度计", "体温表"];
    Other => "other", "其他", ["其它"];
});

labels!(TestOutcome: "test result", with_display {
    Negative => "negative", "阴性", ["neg"];
    Positive => "positive", "阳性", ["pos"];
    Pending => "pending", "待出结果", ["待检", "sampled", "已采样"];
});

labels!(Method: "method of measurement", with_display {
    Armpit => "armpit", "腋温", ["axillary", "腋下"];
    Oral => "oral", "口温", ["mouth", "口腔"];
    Forehead => "forehead", "额温", ["infrared", "额温枪"];
    Ear => "ear", "耳温", ["tympanic"];
    Other => "other", "其他", ["其它"];
});

labels!(Reporter: "reporter of a reading", with_display {
    SelfReported => "self reported", "自测上报", ["self", "自测", "本人"];
    HealthWorker => "health worker", "医务人员", ["医生", "卫生院", "doctor"];
});

labels!(SlotCounting: "way of counting a slot", with_display {
    FirstReading => "first reading", "首次读数", ["first", "首次"];
    LastReading => "last reading", "末次读数", ["last", "末次"];
    HighestReading => "highest reading", "最高读数", ["highest", "最高"];
});

labels!(ObservationPlace: "place of observation", no_display {
    Home => "at home", "居家", ["home", "居家观察", "居家隔离"];
    Centralized => "centralized", "集中隔离点", ["centralised", "集中", "集中隔离", "集中观察"];
    DesignatedHotel => "in a designated hotel", "指定酒店", ["designated hotel", "hotel", "酒店"];
});

labels!(Symptom: "symptom", no_display {
    Fever => "fever", "发热", ["发烧"];
    DryCough => "dry cough", "干咳", ["cough", "咳嗽"];
    Fatigue => "fatigue", "乏力";
    SoreThroat => "sore throat", "咽痛", ["咽喉痛", "嗓子疼"];
    ShortnessOfBreath => "shortness of breath", "气促", ["气短", "呼吸困难"];
    LossOfSmellOrTaste => "loss of smell or taste", "嗅觉、味觉减退", ["嗅觉味觉减退", "嗅觉减退", "味觉减退"];
    Diarrhoea => "diarrhoea", "腹泻", ["diarrhea"];
    Other => "another symptom", "其他", ["other", "其它"];
});

impl EndReason {
    /// The English words (`"the index case was ruled out"`); for [`EndReason::Other`] the
    /// reason as written. What `Display` prints.
    pub fn label_en(&self) -> &str {
        match self {
            EndReason::IndexCaseRuledOut => "the index case was ruled out",
            EndReason::Died => "the person died",
            EndReason::LostToFollowUp => "lost to follow-up",
            EndReason::Other(r) => r,
        }
    }

    /// The Chinese term (`"指示病例排除"`, `"死亡"`, `"失访"`); for [`EndReason::Other`] the
    /// reason as written.
    pub fn label_zh(&self) -> &str {
        match self {
            EndReason::IndexCaseRuledOut => "指示病例排除",
            EndReason::Died => "死亡",
            EndReason::LostToFollowUp => "失访",
            EndReason::Other(r) => r,
        }
    }
}

impl FromStr for EndReason {
    type Err = Error;

    /// A fixed reason by its English words, Chinese term or an alias: `"index case ruled
    /// out"`, `"排除"`; `"died"`, `"dead"`; `"lost to follow up"`. Any other non-empty text is
    /// [`EndReason::Other`] as written (trimmed).
    ///
    /// # Errors
    /// [`Error::TextRequired`] for empty or blank text.
    fn from_str(s: &str) -> Result<EndReason, Error> {
        let raw = s.trim();
        if raw.is_empty() {
            return Err(Error::TextRequired {
                what: "the reason the observation ended".to_owned(),
            });
        }
        let fixed = [
            (
                EndReason::IndexCaseRuledOut,
                &["index case ruled out", "排除", "指示病例已排除"][..],
            ),
            (EndReason::Died, &["died", "dead", "去世"][..]),
            (EndReason::LostToFollowUp, &["lost", "失联"][..]),
        ];
        let wanted = normalize(raw);
        Ok(fixed
            .into_iter()
            .find(|(r, aliases)| {
                [r.label_en(), r.label_zh()]
                    .iter()
                    .chain(aliases.iter())
                    .any(|n| normalize(n) == wanted)
            })
            .map(|(r, _)| r)
            .unwrap_or_else(|| EndReason::Other(raw.to_owned())))
    }
}

// --- report ---

labels!(Lang: "language", with_display {
    Zh => "chinese", "中文", ["zh", "cn", "汉语"];
    En => "english", "英文", ["en", "英语"];
    Both => "both", "中英文", ["bilingual", "双语", "中英"];
});

labels!(RowStatus: "report status", no_display {
    Submitted => "submitted", "已报", ["已上报", "reported"];
    Zero => "zero", "零报告", ["zero report", "零报"];
    Late => "late", "迟报", ["late report"];
    Missing => "missing", "未报", ["未上报", "not reported"];
});
