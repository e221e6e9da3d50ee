//! Nothing invalid gets in (issue 23, item 3): every public type with a check either does not
//! deserialize or deserializes through the same check, with the error its command (or its
//! checked constructor) gives; command payloads stay unchecked on reading, so a refused
//! attempt reads back from the ledger.
//!
//! Covered elsewhere, with the same pattern: `GatheringOrder` and `Finding` (with the errors of
//! their commands), `Rollup`, `AccountabilityCounts` and `KeptHead` in tests/county.rs; `Stay`,
//! `Interview` and `RiskLevel` in the screening module's unit tests.

use std::fmt::Debug;
use std::str::FromStr;

use fangkong::disinfection::{Amount, AmountUnit, SiteKind, Task};
use fangkong::screening::{RiskRegister, ScreeningError};
use fangkong::supervision::{
    Accountable, ChecklistItem, Decision, InspectionMode, InspectionTarget, ItemCheck,
    ProbationMonths, SupervisionDay, SupervisionError,
};
use fangkong::{Duty, Error, Registry, Role, StaffId, ValueError};
use serde::de::DeserializeOwned;

use crate::common::*;

/// Reading `json` as a `T` fails with `expected` (its code `code`): the message read is the
/// expected error's message (serde adds where in the text it was).
#[track_caller]
fn refused<T: DeserializeOwned + Debug>(json: &str, expected: Error, code: &str) {
    assert_eq!(expected.code(), code);
    let err = serde_json::from_str::<T>(json).expect_err(json);
    assert!(
        err.to_string().starts_with(&expected.to_string()),
        "read: {err}\nexpected: {expected}"
    );
}

/// A value read from a file fails as parsing the same text fails.
#[track_caller]
fn refused_like_parsing<T>(text: &str, code: &str)
where
    T: FromStr + DeserializeOwned + Debug,
    T::Err: Into<Error>,
{
    let parsed: Error = text.parse::<T>().map(|_| ()).unwrap_err().into();
    let json = serde_json::to_string(text).unwrap();
    refused::<T>(&json, parsed, code);
}

#[track_caller]
fn replay_equal(reg: &Registry) {
    let again = Registry::replay(reg.ledger()).expect("the ledger replays");
    assert_eq!(&again, reg);
}

/// Whether a type deserializes, known at compile time for a named type (an inherent constant
/// where the bound holds, the trait's otherwise).
macro_rules! deserializes {
    ($t:ty) => {{
        struct Probe<T>(std::marker::PhantomData<T>);
        #[allow(dead_code)]
        trait No {
            const YES: bool = false;
        }
        impl<T> No for Probe<T> {}
        #[allow(dead_code)]
        impl<T: DeserializeOwned> Probe<T> {
            const YES: bool = true;
        }
        <Probe<$t>>::YES
    }};
}

#[test]
fn values_read_from_a_file_are_checked_as_parsing_checks_them() {
    // Given texts each value's parser refuses, when each is read from JSON, then it is refused
    // with the parser's error
    refused_like_parsing::<fangkong::Day>("1700-01-01", "day_outside_range");
    refused_like_parsing::<fangkong::Day>("2020-02-30", "invalid_day");
    refused_like_parsing::<fangkong::TimeOfDay>("25:00", "invalid_time_of_day");
    refused_like_parsing::<fangkong::Instant>("2020-01-24 09:00", "invalid_instant");
    refused_like_parsing::<fangkong::place::DivisionCode>("4305", "invalid_division_code");
    refused_like_parsing::<fangkong::IdentityNumber>(
        "110105194912310021",
        "identity_number_check_digit",
    );
    refused_like_parsing::<fangkong::Phone>("139 7456", "invalid_phone");
    refused_like_parsing::<fangkong::observation::Temperature>("45.0", "implausible_temperature");
    // And a probation of 30 months is refused as its conversion refuses it
    let err = ProbationMonths::try_from(30).unwrap_err();
    refused::<ProbationMonths>("30", err, "invalid_probation");
}

#[test]
fn an_accountability_decision_reads_only_through_the_checks_of_deciding() {
    // Given a decision as a file holds it
    let accountable = Accountable::Cadre {
        staff: StaffId::new(7),
        form: "诫勉：口头".parse().unwrap(),
    };
    let decision = |findings: &str, reason: &str| {
        format!(
            r#"{{"id":1,"findings":{findings},"accountable":{},"made":"2020-02-10","reason":{},"by":1}}"#,
            serde_json::to_string(&accountable).unwrap(),
            serde_json::to_string(reason).unwrap(),
        )
    };
    // When it names its findings twice and out of order, then it reads with each once, in order
    // (as deciding keeps them), and writes back the same
    let read: Decision = serde_json::from_str(&decision("[2,1,2]", "unmanned checkpoint")).unwrap();
    assert_eq!(read.findings.len(), 2);
    assert!(read.findings[0] < read.findings[1]);
    let json = serde_json::to_string(&read).unwrap();
    assert_eq!(serde_json::from_str::<Decision>(&json).unwrap(), read);
    // When it rests on no finding, then it is refused as deciding refuses it
    refused::<Decision>(
        &decision("[]", "unmanned checkpoint"),
        Error::Supervision(SupervisionError::DecisionWithoutFindings),
        "decision_without_findings",
    );
    // When its grounds are blank, then too
    refused::<Decision>(
        &decision("[1]", "   "),
        Error::TextRequired {
            what: "the grounds of an accountability decision".to_owned(),
        },
        "text_required",
    );
}

#[test]
fn supervision_figures_add_up_on_one_day_and_read_only_when_they_hold() {
    // Given the figures of two villages on one day
    let d = day("2020-02-03");
    let mut a = SupervisionDay::none(d);
    a.inspections = 2;
    a.covert = 1;
    let mut b = SupervisionDay::none(d);
    b.findings = 1;
    b.overdue = 1;
    // When they are added, then they add up; a sum of none is refused (it has no day)
    let both = (a + b).unwrap();
    assert_eq!((both.inspections, both.covert, both.overdue), (2, 1, 1));
    let summed: Result<SupervisionDay, Error> = [a, b].into_iter().sum();
    assert_eq!(summed.unwrap(), both);
    let none: Result<SupervisionDay, Error> = std::iter::empty().sum();
    assert_eq!(none.unwrap_err().code(), "no_counts_to_add");
    // When figures of another day are added, then they are refused, not added (findings overdue
    // at the end of a day are that day's)
    let other = SupervisionDay::none(day("2020-02-04"));
    let err = (a + other).unwrap_err();
    assert_eq!(err.code(), "counts_of_other_span");
    assert!(
        err.to_string()
            .starts_with(&format!("counts of {d} and of 2020-02-04 cannot be added")),
        "{err}"
    );
    assert!(
        err.display_zh()
            .to_string()
            .starts_with(&format!("{d}的统计与2020-02-04的统计不能相加")),
        "{}",
        err.display_zh()
    );
    // When a sum no longer fits its numbers, then it is refused, not held at the largest number
    let mut huge = SupervisionDay::none(d);
    huge.findings = u32::MAX;
    let err = (huge + b).unwrap_err();
    assert_eq!(err.code(), "counts_too_large");
    assert!(err.to_string().contains("supervision figures"), "{err}");
    // And the figures go through JSON and back, and more covert inspections than inspections
    // do not read
    let json = serde_json::to_string(&both).unwrap();
    assert_eq!(serde_json::from_str::<SupervisionDay>(&json).unwrap(), both);
    let forged = json.replace(r#""covert":1"#, r#""covert":3"#);
    refused::<SupervisionDay>(
        &forged,
        Error::Supervision(SupervisionError::InvalidCounts { problem: "covert" }),
        "invalid_counts",
    );
}

#[test]
fn publicity_counts_add_up_and_refuse_a_total_too_large() {
    use fangkong::publicity::PublicityCounts;
    // Given the counts of two townships
    let mut a = PublicityCounts::default();
    a.copies = 60;
    let mut b = PublicityCounts::default();
    b.copies = 40;
    b.messages = 2;
    // When they are added, then every figure adds up
    let total = (a + b).unwrap();
    assert_eq!((total.copies, total.messages), (100, 2));
    // When a total no longer fits, then it is refused with the words for it
    b.copies = u64::MAX;
    let err: Error = (a + b).unwrap_err().into();
    assert_eq!(err.code(), "counts_too_large");
    assert_eq!(
        err.to_string(),
        "the publicity counts added together are too large to count"
    );
    assert_eq!(err.display_zh().to_string(), "宣传统计相加后过大，无法计数");
    let summed: Result<PublicityCounts, ValueError> = [a, b].into_iter().sum();
    assert!(summed.is_err());
}

#[test]
fn a_risk_register_reads_only_when_each_designation_is_numbered_once_and_has_a_basis() {
    // Given the January 2020 register as a file holds it
    let register = RiskRegister::jan2020_hubei();
    let json = serde_json::to_string(&register).unwrap();
    assert_eq!(
        serde_json::from_str::<RiskRegister>(&json).unwrap(),
        register
    );
    // When its second designation carries the first one's number, then it is refused, naming
    // the number (reading used to keep the first and drop the other in silence)
    let twice = json.replacen(r#""id":2"#, r#""id":1"#, 1);
    assert_ne!(twice, json);
    refused::<RiskRegister>(
        &twice,
        Error::Screening(ScreeningError::DuplicateDesignation {
            id: fangkong::screening::DesignationId(1),
        }),
        "duplicate_designation",
    );
    // When a designation's basis is blank, then it is refused as designating refuses it
    let start = json.find(r#""basis":""#).unwrap() + r#""basis":""#.len();
    let end = start + json[start..].find('"').unwrap();
    let blank = format!("{} {}", &json[..start], &json[end..]);
    let designating = RiskRegister::new()
        .plan_designation(
            fangkong::place::DivisionCode::WUHAN,
            fangkong::screening::RiskLevel::HIGH,
            day("2020-01-08"),
            " ",
        )
        .unwrap_err();
    refused::<RiskRegister>(&blank, designating, "empty_designation_basis");
}

#[test]
fn state_built_only_after_the_checks_of_decide_does_not_deserialize() {
    // Records the registry holds once a command passed its checks, and which nothing reads
    // back (events carry their fields, not these): they serialize only.
    assert!(!deserializes!(fangkong::screening::Round));
    assert!(!deserializes!(fangkong::screening::Visit));
    assert!(!deserializes!(fangkong::screening::InterviewRecord));
    assert!(!deserializes!(fangkong::supervision::Inspection));
    assert!(!deserializes!(fangkong::publicity::Campaign));
    assert!(!deserializes!(fangkong::publicity::RecordedAction));
    assert!(!deserializes!(fangkong::supplies::Store));
    assert!(!deserializes!(fangkong::supplies::Lot));
    assert!(!deserializes!(fangkong::supplies::Donation));
    assert!(!deserializes!(fangkong::supplies::Issue));
    assert!(!deserializes!(fangkong::supplies::Disposal));
    assert!(!deserializes!(fangkong::supplies::Adjustment));
    assert!(!deserializes!(fangkong::supplies::StockLine));
    assert!(!deserializes!(fangkong::roster::Leave));
    assert!(!deserializes!(fangkong::roster::LeaveCancellation));
    assert!(!deserializes!(fangkong::roster::LeaveException));
    assert!(!deserializes!(fangkong::roster::Post));
    assert!(!deserializes!(fangkong::roster::Presence));
    assert!(!deserializes!(fangkong::roster::Shift));
    assert!(!deserializes!(fangkong::roster::Volunteer));
    assert!(!deserializes!(fangkong::gathering::Venue));
    assert!(!deserializes!(fangkong::gathering::ClosureOrder));
    assert!(!deserializes!(fangkong::gathering::ReopeningOrder));
    assert!(!deserializes!(fangkong::gathering::Violation));
    assert!(!deserializes!(fangkong::gathering::Persuasion));
    assert!(!deserializes!(fangkong::grid::Unit));
    assert!(!deserializes!(fangkong::grid::Staff));
    assert!(!deserializes!(fangkong::grid::Assignment));
    assert!(!deserializes!(fangkong::Household));
    assert!(!deserializes!(fangkong::Resident));
    // The checked types do (through their checks), and so do command payloads (unchecked)
    assert!(deserializes!(Decision));
    assert!(deserializes!(SupervisionDay));
    assert!(deserializes!(RiskRegister));
    assert!(deserializes!(Amount));
    assert!(deserializes!(ChecklistItem));
}

#[test]
fn refused_commands_carrying_unchecked_payloads_read_back_from_the_ledger() {
    // Given a township with a disinfection site and an inspector for the township
    let mut g = given();
    let t = at(T0);
    let town = g.reg.township();
    let site = g
        .reg
        .register_site(
            g.secretary,
            t,
            town,
            SiteKind::OFFICE_BUILDING,
            "乡政府办公楼",
        )
        .unwrap();
    let inspector = g
        .reg
        .enroll_staff(g.secretary, t, "Zhao Min", Role::Inspector, None)
        .unwrap();
    g.reg
        .assign(g.secretary, t, inspector, town, Duty::Supervision)
        .unwrap();
    // When a round of no agent at all (an amount of zero, built unchecked) is recorded, then it
    // is refused with the check the payload skipped
    let err = g
        .reg
        .record_round(
            g.secretary,
            t,
            site,
            Task::Disinfection,
            "84消毒液",
            Amount::new(0, AmountUnit::Millilitre),
        )
        .unwrap_err();
    assert_eq!(err.code(), "amount_not_positive");
    assert_eq!(
        Amount::try_new(0, AmountUnit::Millilitre)
            .unwrap_err()
            .code(),
        err.code()
    );
    // When an inspection lists a custom item without a name, then it is refused too
    let err = g
        .reg
        .record_inspection(
            inspector,
            t,
            InspectionMode::Open,
            InspectionTarget::Unit(g.qianjin),
            t,
            vec![ItemCheck::passed(ChecklistItem::Custom(String::new()))],
        )
        .unwrap_err();
    assert_eq!(err.code(), "text_required");
    // Then both refusals are in the ledger with their attempts, and replay reads them back to
    // the same registry
    replay_equal(&g.reg);
}
