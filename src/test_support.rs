//! Helpers shared by the unit tests: parse literals that are known to be valid.

use crate::{Day, DivisionCode, Instant};

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

/// An RFC 3339 instant.
#[track_caller]
#[allow(dead_code)]
pub(crate) fn at(s: &str) -> Instant {
    s.parse().unwrap()
}
