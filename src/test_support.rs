//! Helpers shared by the unit tests: parse literals that are known to be valid.

use crate::calendar::Day;
use crate::place::DivisionCode;

/// A day written `YYYY-MM-DD`.
#[track_caller]
pub(crate) fn day(s: &str) -> Day {
    s.parse().unwrap()
}

/// A GB/T 2260 division code.
#[track_caller]
pub(crate) fn code(s: &str) -> DivisionCode {
    s.parse().unwrap()
}

/// The first English word (three ASCII letters in a row) of a Chinese rendering outside the
/// input it quotes (“…”), if any: what the modules' error tests require to be `None`.
pub(crate) fn english_word_outside_quotes(zh: &str) -> Option<String> {
    let unquoted: String = zh
        .split('“')
        .map(|part| part.split_once('”').map_or(part, |(_, rest)| rest))
        .collect();
    unquoted
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| w.len() >= 3)
        .map(str::to_owned)
}

#[test]
fn an_english_word_is_found_outside_quotes_only() {
    assert_eq!(english_word_outside_quotes("“Qianjin”的班次SF1"), None);
    assert_eq!(
        english_word_outside_quotes("班次shift缺岗").as_deref(),
        Some("shift")
    );
}
