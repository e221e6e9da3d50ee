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
