//! Identity numbers and phones are masked in every error and refusal, whatever separates their
//! digits (issue 18, item 11; DOMAIN.md §8).

use fangkong::gathering::{
    ClosureId, GatheringId, GatheringOrderId, PersuasionId, ReopeningId, VenueId, ViolationId,
};
use fangkong::observation::ObservationId;
use fangkong::observation::Temperature;
use fangkong::place::{DivisionCode, StatisticalCode};
use fangkong::screening::RoundId;
use fangkong::supervision::{AccountabilityId, FindingId, InspectionId};
use fangkong::{
    Day, Duty, Error, Founding, Hash, HouseholdId, IdentityNumber, Instant, Phone, Registry,
    ResidentId, Role, Sex, StaffId, TimeOfDay, UnitId, UnitKind, UtcOffset, mask_personal_data,
};
use proptest::prelude::*;

use crate::common::{T0, at};

/// Every parser's error for `text`, as `Display` and as `Debug`.
fn parse_errors(text: &str) -> Vec<String> {
    fn both(out: &mut Vec<String>, e: impl Into<Error>) {
        let e: Error = e.into();
        out.push(e.to_string());
        out.push(format!("{e:?}"));
    }
    macro_rules! parse_each {
        ($out:ident, $text:ident; $($t:ty),+ $(,)?) => {
            $( if let Err(e) = $text.parse::<$t>() { both(&mut $out, e); } )+
        };
    }
    let mut out = Vec::new();
    parse_each!(out, text;
        Day, Instant, TimeOfDay, UtcOffset, Temperature, Hash, DivisionCode, StatisticalCode,
        Role, Sex, IdentityNumber, Phone,
        UnitId, StaffId, HouseholdId, ResidentId, RoundId, ObservationId, GatheringOrderId,
        GatheringId, PersuasionId, VenueId, ClosureId, ReopeningId, ViolationId, InspectionId,
        FindingId, AccountabilityId,
    );
    if let Err(e) = Day::parse_lenient(text) {
        both(&mut out, e);
    }
    out
}

/// A township with one grid worker, assigned to group 1 of its one village.
struct Town {
    reg: Registry,
    worker: StaffId,
    group_1: UnitId,
    group_2: UnitId,
}

fn town() -> Town {
    let t = at(T0);
    let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    let s1 = StaffId::new(1);
    let township = reg.township();
    let village = reg
        .establish_unit(s1, t, UnitKind::Village, "Qianjin", township, None)
        .unwrap();
    let group_1 = reg
        .establish_group(s1, t, village, 1, "Qianjin group 1")
        .unwrap();
    let group_2 = reg
        .establish_group(s1, t, village, 2, "Qianjin group 2")
        .unwrap();
    let worker = reg
        .enroll_staff(s1, t, "Li Hua", Role::GridWorker, None)
        .unwrap();
    reg.assign(s1, t, worker, group_1, Duty::Grid).unwrap();
    Town {
        reg,
        worker,
        group_1,
        group_2,
    }
}

/// Given the town, when an unknown member of staff (S9999917) and the grid worker outside
/// their group each register a household at `address`: the refusal reasons and the bytes of
/// every ledger entry.
fn refused_texts(address: &str) -> Vec<String> {
    let mut town = town();
    let t = at(T0);
    let unknown = StaffId::new(9_999_917);
    assert!(
        town.reg
            .register_household(unknown, t, town.group_1, address)
            .is_err()
    );
    assert!(
        town.reg
            .register_household(town.worker, t, town.group_2, address)
            .is_err()
    );
    let mut out = Vec::new();
    let refusals = town.reg.refusals().unwrap();
    assert_eq!(refusals.len(), 2);
    for r in &refusals {
        if let fangkong::Body::Refused(refusal) = &r.body {
            out.push(refusal.reason.clone());
            out.push(refusal.attempt.to_string());
        }
        out.push(format!("{r:?}"));
    }
    for e in town.reg.ledger().entries() {
        out.push(e.record_bytes().unwrap_or_default().to_owned());
    }
    out
}

// --- the shapes of issue 18, item 11 ---

#[test]
fn given_a_phone_with_dots_slashes_underscores_or_zero_width_spaces_when_masked_then_its_middle_is_hidden()
 {
    for (text, masked) in [
        ("tel 139.7456.1234", "tel 139.****.1234"),
        ("tel 139/7456/1234", "tel 139/****/1234"),
        ("tel 139_7456_1234", "tel 139_****_1234"),
        (
            "tel 139\u{200B}7456\u{200B}1234",
            "tel 139\u{200B}****\u{200B}1234",
        ),
        (
            "tel 139\u{FEFF}7456\u{2060}1234",
            "tel 139\u{FEFF}****\u{2060}1234",
        ),
        ("tel 139 / 7456 . 1234", "tel 139 / **** . 1234"),
    ] {
        assert_eq!(mask_personal_data(text), masked, "{text}");
        assert_eq!(mask_personal_data(masked), masked, "{masked}");
    }
}

#[test]
fn given_a_phone_with_its_first_digits_in_brackets_when_masked_then_four_digits_are_hidden() {
    // The old masking counted only the 8 digits after the bracket and showed "745".
    assert_eq!(mask_personal_data("(139)74561234"), "(139)****1234");
}

#[test]
fn given_an_identity_number_with_dots_when_masked_then_the_check_character_cannot_restore_a_digit()
{
    // The old masking hid one digit (110105.194*1231.002X), which the check character gives
    // back; now ten are hidden.
    assert_eq!(
        mask_personal_data("110105.19491231.002X"),
        "1101**.********.002X"
    );
}

#[test]
fn given_a_dotted_phone_when_any_parser_refuses_it_then_the_error_masks_it() {
    // Day, Instant, Temperature, every id, Hash, DivisionCode, StatisticalCode,
    // Day::parse_lenient, Role and Sex quoted it in full.
    let errors = parse_errors("139.7456.1234");
    assert!(errors.len() >= 2 * 29, "{}", errors.len());
    for e in &errors {
        assert!(!e.contains("7456"), "{e}");
    }
    let day = "139.7456.1234".parse::<Day>().unwrap_err().to_string();
    assert!(
        day.starts_with("\"139.****.1234\" is not a calendar day"),
        "{day}"
    );
    let unit = "139.7456.1234".parse::<UnitId>().unwrap_err().to_string();
    assert!(unit.contains("139.****.1234"), "{unit}");
    let role = "139.7456.1234".parse::<Role>().unwrap_err().to_string();
    assert!(role.contains("139.****.1234"), "{role}");
}

#[test]
fn given_a_phone_cut_short_by_a_message_limit_when_quoted_then_it_is_masked_as_the_whole_number() {
    // A hash error quotes at most 80 characters, a lenient day 40: masking the cut text left
    // the 6 digits before the cut readable.
    let text = format!("{}13974561234", "a".repeat(74));
    let hash = text.parse::<Hash>().unwrap_err().to_string();
    assert!(!hash.contains("139745"), "{hash}");
    let text = format!("{}13974561234", "a".repeat(34));
    let lenient = Day::parse_lenient(&text).unwrap_err().to_string();
    assert!(!lenient.contains("139745"), "{lenient}");
    let role = text.parse::<Role>().unwrap_err().to_string();
    assert!(!role.contains("139745"), "{role}");
}

#[test]
fn given_an_unknown_staff_id_when_its_command_is_refused_then_the_reason_names_it() {
    // Given the town, when S9999917 (not enrolled) registers a household
    let texts = refused_texts("Qianjin 1-01");
    // Then the refusal reason names S9999917 in full: it is an identifier, not a phone
    let reason = &texts[0];
    assert!(reason.contains("S9999917"), "{reason}");
}

#[test]
fn given_dates_and_times_when_masked_then_they_stay_readable_unless_more_digits_follow() {
    for (text, masked) in [
        ("2020-01-24", "2020-01-24"),
        ("2020-01-24T08:30:00+08:00", "2020-01-24T08:30:00+08:00"),
        ("2020-01-24 08:30", "2020-01-24 08:30"),
        ("checks 06:00–12:00", "checks 06:00–12:00"),
        ("at 08:30", "at 08:30"),
        ("37.5 ℃", "37.5 ℃"),
        // A date followed by other digits may hide a phone
        ("1381-02-03 45678", "138*-**-** *5678"),
        ("08:30 4567890", "08:3* ***7890"),
    ] {
        assert_eq!(mask_personal_data(text), masked, "{text}");
        assert_eq!(mask_personal_data(masked), masked, "{masked}");
    }
}

// --- the property ---

/// What may stand between the digits of a number: ASCII punctuation, brackets, spaces of
/// several widths, zero-width characters, full-width punctuation.
const SEPARATORS: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\u{3000}\u{A0}\u{200B}\u{200C}\
                          \u{200D}\u{2060}\u{FEFF}\u{AD}，。、；：（）【】《》－／．＿～！？";

fn separator() -> impl Strategy<Value = String> {
    let set: Vec<char> = SEPARATORS.chars().collect();
    prop::collection::vec(prop::sample::select(set), 1..=3).prop_map(String::from_iter)
}

fn digits(len: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(0u8..10, len)
        .prop_map(|d| d.into_iter().map(|d| char::from(b'0' + d)).collect())
}

/// An identity number (18 characters, the last may be X), a mobile number (11 digits starting
/// with 1), or a landline (7 or 8 digits, with or without a 3- or 4-digit area code).
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (digits(17), prop_oneof![digits(1), Just("X".to_owned())]).prop_map(|(a, b)| a + &b),
        digits(10).prop_map(|d| format!("1{d}")),
        (
            prop_oneof![Just(String::new()), digits(3), digits(4)],
            prop_oneof![digits(7), digits(8)]
        )
            .prop_map(|(area, local)| area + &local),
    ]
}

/// The number split at random places, joined by random separators.
fn written(number: &str) -> impl Strategy<Value = String> + use<> {
    let chars: Vec<char> = number.chars().collect();
    let gaps = chars.len() - 1;
    prop::collection::vec(prop::option::weighted(0.35, separator()), gaps).prop_map(move |seps| {
        let mut out = String::new();
        for (k, c) in chars.iter().enumerate() {
            out.push(*c);
            if let Some(Some(s)) = seps.get(k) {
                out.push_str(s);
            }
        }
        out
    })
}

/// Random text of letters, Chinese characters and spaces, no digits.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z 中文电话号码身份证住址 ]{0,12}"
}

/// Text before the number: its last character is not an upper-case ASCII letter, because an
/// identifier prefix (`S`, `U`, `R`, …) directly before a landline of 7 to 10 digits makes an
/// identifier (`S9999917`), which masking keeps on purpose.
fn before() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (text(), "[a-z 中文 ]").prop_map(|(t, last)| t + &last),
    ]
}

/// Digits as ASCII.
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        _ => None,
    }
}

/// The windows of 6 consecutive digits of `number` that `shown` still shows, once the
/// characters between digits are removed.
///
/// Removed: every character that can separate digits (punctuation, spaces, format characters,
/// and `\u{…}` escapes, which is how `Debug` writes some of them). Not removed, but breaking
/// the digits apart: the star of a hidden digit, and letters. A star stands for a digit:
/// reading `1101**********4567` as `11014567` would count the kept ends as a leak whenever
/// the 5th and 6th digits equal the 15th and 16th (1 number in 100). Letters stand between the
/// quoted text and a message's own digits (`such as 2020-01-24`), which could by chance
/// continue the kept ends; no separator generated here is a letter.
fn shown_windows(shown: &str, number: &str) -> Vec<String> {
    let original: Vec<char> = number.chars().filter_map(ascii_digit).collect();
    let mut unescaped = String::new();
    let mut rest = shown;
    while let Some(at) = rest.find("\\u{") {
        unescaped.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        rest = match after.find('}') {
            Some(end) => &after[end + 1..],
            None => after,
        };
    }
    unescaped.push_str(rest);
    let segments: Vec<String> = unescaped
        .split(|c: char| c == '*' || (c.is_alphanumeric() && ascii_digit(c).is_none()))
        .map(|s| s.chars().filter_map(ascii_digit).collect())
        .collect();
    original
        .windows(6)
        .map(String::from_iter)
        .filter(|w| segments.iter().any(|s| s.contains(w.as_str())))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Given an identity number or a phone, written with any separators inside random text,
    /// when any parser refuses the text, the text is masked, or a refused command carries it
    /// in an address, then no error, refusal or ledger record shows 6 digits of it in a row.
    #[test]
    fn no_six_digits_of_a_number_in_a_row_survive(
        (number, written, before, after) in number().prop_flat_map(|n| {
            (Just(n.clone()), written(&n), before(), text())
        })
    ) {
        let shown_for = |input: &str| {
            let mut shown = parse_errors(input);
            shown.push(mask_personal_data(input));
            shown.extend(refused_texts(input));
            shown
        };
        let input = format!("{before}{written}{after}");
        // The same text without the number: the messages' own digits (`such as
        // 2020-01-24T08:30:00+08:00`, the instant of the refusals), which may by chance hold
        // 6 digits of the number (`000080` of 10000008003 in `08:30:00+08:00`).
        let own: Vec<String> = shown_for(&format!("{before}电{after}"))
            .iter()
            .flat_map(|s| shown_windows(s, &number))
            .collect();
        for s in &shown_for(&input) {
            for w in shown_windows(s, &number) {
                prop_assert!(
                    own.contains(&w),
                    "{} of {} shows in {:?} (input {:?})", w, number, s, input
                );
            }
        }
        let masked = mask_personal_data(&input);
        prop_assert_eq!(mask_personal_data(&masked), masked);
    }

    /// Masking never panics and is idempotent, whatever the text; the second alphabet puts
    /// letters (an `x` above all) between runs of digits and stars, as the fuzzer did.
    #[test]
    fn masking_any_text_is_idempotent(
        text in "\\PC{0,40}|[0-9０-９XxSU*:. \\-]{0,40}|([0-9]{1,9}[xXa*]{1,2}){1,5}"
    ) {
        let masked = mask_personal_data(&text);
        prop_assert_eq!(mask_personal_data(&masked), masked);
    }
}

/// Found by the `commands` fuzz target (2026-12-03): an `x` between two runs of digits is a
/// letter, but once the digits after it were masked to stars it was read as a closing check
/// character, and masking the masked text hid six more digits.
#[test]
fn given_an_x_between_runs_of_digits_when_masked_twice_then_nothing_changes_the_second_time() {
    // Given a note with an `x` between runs of digits, the last long enough to be masked.
    let note = "lno666666x666666x66666666in_";
    // When it is masked, and masked again.
    let once = mask_personal_data(note);
    let twice = mask_personal_data(&once);
    // Then the long run is masked once, and the second masking changes nothing.
    assert_eq!(once, "lno666666x666666x****6666in_");
    assert_eq!(twice, once);
}
