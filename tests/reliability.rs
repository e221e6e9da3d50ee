//! Reliability (issue 13): supported ranges of days and instants, errors that never quote
//! personal data, bounded observation periods.

use fangkong::ValueError;
use fangkong::observation::ObservationError;
use fangkong::observation::{MAX_PERIOD_DAYS, check_period_days};
use fangkong::observation::{ObservationId, Protocol, Temperature};
use fangkong::place::{DivisionCode, StatisticalCode};
use fangkong::screening::RoundId;
use fangkong::{
    Day, Error, Hash, HouseholdId, IdentityNumber, Instant, Phone, ResidentId, StaffId, TimeOfDay,
    UnitId, UtcOffset,
};

/// Inputs that are, or contain, an identity number or a phone number.
const PERSONAL_INPUTS: [&str; 12] = [
    "11010519491231002X",
    "11010519491231002x",
    "110105194912310",
    "11010519491231002",
    "13812345678",
    "0731-84567890",
    "day 11010519491231002X",
    "138 1234 5678",
    "+8613812345678",
    "tel:13812345678;",
    "U11010519491231002X",
    " 11010519491231002X\n",
];

/// The full values hidden in [`PERSONAL_INPUTS`], each as digits only.
const SECRETS: [&str; 6] = [
    "11010519491231002",
    "110105194912310",
    "13812345678",
    "073184567890",
    "84567890",
    "1234567",
];

/// Asserts that neither `shown` nor its digits run together reveal any of [`SECRETS`].
#[track_caller]
fn assert_masked(shown: &str, input: &str) {
    let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
    for secret in SECRETS {
        assert!(
            !shown.contains(secret) && !digits.contains(secret),
            "{secret} leaked for input {input:?} in: {shown}"
        );
    }
}

/// Every parser of the crate's public types, by name.
type Parser = fn(&str) -> Option<Error>;

fn parsers() -> Vec<(&'static str, Parser)> {
    vec![
        ("Day", |s| s.parse::<Day>().err().map(Error::from)),
        ("Instant", |s| s.parse::<Instant>().err().map(Error::from)),
        ("UtcOffset", |s| {
            s.parse::<UtcOffset>().err().map(Error::from)
        }),
        ("TimeOfDay", |s| {
            s.parse::<TimeOfDay>().err().map(Error::from)
        }),
        ("DivisionCode", |s| {
            s.parse::<DivisionCode>().err().map(Error::from)
        }),
        ("StatisticalCode", |s| {
            s.parse::<StatisticalCode>().err().map(Error::from)
        }),
        ("UnitId", |s| s.parse::<UnitId>().err().map(Error::from)),
        ("StaffId", |s| s.parse::<StaffId>().err().map(Error::from)),
        ("HouseholdId", |s| {
            s.parse::<HouseholdId>().err().map(Error::from)
        }),
        ("ResidentId", |s| {
            s.parse::<ResidentId>().err().map(Error::from)
        }),
        ("RoundId", |s| s.parse::<RoundId>().err().map(Error::from)),
        ("ObservationId", |s| {
            s.parse::<ObservationId>().err().map(Error::from)
        }),
        ("Hash", |s| s.parse::<Hash>().err().map(Error::from)),
        ("Temperature", |s| s.parse::<Temperature>().err()),
        ("IdentityNumber", |s| {
            s.parse::<IdentityNumber>().err().map(Error::from)
        }),
        ("Phone", |s| s.parse::<Phone>().err().map(Error::from)),
    ]
}

#[test]
fn personal_data_in_errors_is_masked_by_every_parser() {
    for (name, parse) in parsers() {
        for input in PERSONAL_INPUTS {
            // Given personal data typed into the wrong field (or the right one, wrongly)
            let Some(e) = parse(input) else {
                continue; // a valid identity number or phone: nothing to report
            };
            // Then the error says what was wrong without repeating the number in full
            assert_masked(&format!("{e} | {e:?} | {e:#?}"), &format!("{name} {input}"));
        }
    }
}

#[test]
fn personal_data_in_errors_is_masked_when_a_stored_value_is_read() {
    macro_rules! check {
        ($($t:ty),*) => {$(
            for input in PERSONAL_INPUTS {
                for json in [
                    serde_json::to_string(input).unwrap(),
                    input.chars().filter(char::is_ascii_digit).collect::<String>(),
                ] {
                    if let Err(e) = serde_json::from_str::<$t>(&json) {
                        assert_masked(&format!("{e} | {e:?}"), &format!("{} {json}", stringify!($t)));
                    }
                }
            }
        )*};
    }
    check!(
        Day,
        Instant,
        UtcOffset,
        TimeOfDay,
        DivisionCode,
        StatisticalCode,
        UnitId,
        StaffId,
        HouseholdId,
        ResidentId,
        RoundId,
        ObservationId,
        Temperature,
        IdentityNumber,
        Phone
    );
}

#[test]
fn mask_keeps_the_ends_of_identity_and_phone_numbers() {
    assert_eq!(
        "day 11010519491231002X"
            .parse::<Day>()
            .unwrap_err()
            .to_string(),
        "\"day 1101**********002X\" is not a calendar day written YYYY-MM-DD, such as 2020-01-24"
    );
    assert_eq!(
        "13812345678"
            .parse::<Temperature>()
            .unwrap_err()
            .to_string(),
        "\"138****5678\" is not a temperature in degrees Celsius with at most one decimal, such as 37.3"
    );
    assert_eq!(
        "U13812345678".parse::<UnitId>().unwrap_err().to_string(),
        "\"U138****5678\" is not a unit identifier; write it like U12"
    );
    assert_eq!(
        serde_json::from_str::<UnitId>("13812345678")
            .unwrap_err()
            .to_string(),
        "invalid value: number 138****5678, expected the number of a unit identifier"
    );
    // Ordinary mistakes stay readable
    assert_eq!(
        "2020-02-30".parse::<Day>().unwrap_err().to_string(),
        "\"2020-02-30\" is not a calendar day written YYYY-MM-DD, such as 2020-01-24"
    );
}

#[test]
fn days_have_a_documented_range_from_1800_to_9999() {
    // The oldest worked example of DOMAIN.md §2 is born on 1880-01-01
    let id: IdentityNumber = "440524188001010014".parse().unwrap();
    assert!(id.birth_date() >= Day::MIN);
    assert_eq!(
        (Day::MIN.to_string(), Day::MAX.to_string()),
        ("1800-01-01".into(), "9999-12-31".into())
    );
    for text in ["+10000-01-01", "-0001-01-01", "1799-12-31", "0000-01-01"] {
        assert!(text.parse::<Day>().is_err(), "{text}");
        assert!(
            serde_json::from_str::<Day>(&format!("\"{text}\"")).is_err(),
            "{text}"
        );
    }
    // Every day in range round trips through text and serde
    let mut d = Day::MAX.plus_days(-3).unwrap();
    while let Some(next) = d.next() {
        assert_eq!(d.to_string().parse::<Day>().unwrap(), d);
        d = next;
    }
    assert_eq!(d, Day::MAX);
}

#[test]
fn instants_have_a_documented_range_from_1970_to_2200() {
    assert_eq!(Instant::MIN.unix_seconds(), 0);
    assert_eq!(Instant::MAX.to_string(), "2200-12-31T23:59:59+00:00");
    let e = "2201-01-01T00:00:00Z".parse::<Instant>().unwrap_err();
    assert!(matches!(e, ValueError::InstantOutsideRange { .. }));
    assert!(
        e.to_string()
            .contains("1970-01-01T00:00:00+00:00 to 2200-12-31T23:59:59+00:00")
    );
}

#[test]
fn instant_from_chrono_with_a_sub_minute_offset_is_refused() {
    // Beijing local mean time, +08:05:43
    let lmt = chrono::FixedOffset::east_opt(29_143).unwrap();
    let t = chrono::DateTime::from_timestamp(1_579_825_800, 0)
        .unwrap()
        .with_timezone(&lmt);
    let e = Instant::try_from(t).unwrap_err();
    assert_eq!(
        e.to_string(),
        "a UTC offset of 29143 seconds is not a time zone; it must be a whole number of minutes, less than a day"
    );
}

#[test]
fn instant_day_in_never_panics_for_any_instant_and_offset() {
    for t in [
        Instant::MIN,
        Instant::MAX,
        Instant::MIN.plus_seconds(-1),
        Instant::MAX.plus_seconds(1),
    ] {
        for minutes in (-1439..=1439).step_by(7) {
            let o = UtcOffset::from_seconds(minutes * 60).unwrap();
            let day = t.day_in(o);
            assert!(Day::MIN <= day && day <= Day::MAX);
        }
    }
}

#[test]
fn protocol_period_longer_than_a_year_is_refused() {
    let mut p = Protocol::close_contact_ed9();
    p.length_days = 1400;
    assert!(matches!(
        p.validate(),
        Err(Error::Observation(ObservationError::PeriodTooLong {
            days: 1400,
            max: 366,
            ..
        }))
    ));
    assert_eq!(MAX_PERIOD_DAYS, 366);
    assert!(check_period_days("an observation period", 367).is_err());
}

#[test]
fn a_caller_given_head_near_the_end_of_the_sequence_numbers_does_not_overflow() {
    // Given a genuine ledger read as if it followed a head near u64::MAX
    let g = crate::common::given();
    let text = g.reg.ledger().to_jsonl();
    for seq in [u64::MAX, u64::MAX - 1, u64::MAX - 3] {
        let base = fangkong::Head {
            seq,
            hash: fangkong::Hash::GENESIS,
        };
        let ledger = fangkong::Ledger::from_jsonl_after(base, text.as_bytes()).unwrap();
        // When it is checked and queried, then nothing panics: the sequence numbers do not
        // fit after that base, and verification says so.
        assert!(ledger.verify().is_err());
        let _ = ledger.head();
        let _ = ledger.entry(u64::MAX);
        let _ = ledger.proof(u64::MAX);
        let _ = ledger.verify_against(base);
    }
}
