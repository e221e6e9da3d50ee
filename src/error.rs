//! The crate's one error type.

use crate::Day;

/// Everything that can go wrong in fangkong, in words a township clerk can act on.
///
/// Every message names the value, unit, person or rule concerned. Identity numbers and phone
/// numbers only ever appear masked. New variants may be added in minor releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // --- calendar ---
    /// A day that is not a calendar date in `YYYY-MM-DD` form.
    #[error("{input:?} is not a calendar day written YYYY-MM-DD, such as 2020-01-24")]
    InvalidDay {
        /// The text as given.
        input: String,
    },
    /// Counting days went beyond the supported calendar.
    #[error("{days} days from {day} lies outside the supported calendar")]
    DayOutOfRange {
        /// The day counted from.
        day: Day,
        /// The number of days added.
        days: i64,
    },
    /// A time of day that is not `HH:MM` with `HH` < 24 and `MM` < 60.
    #[error("{input:?} is not a time of day written HH:MM, such as 06:30")]
    InvalidTimeOfDay {
        /// The text as given.
        input: String,
    },
    /// An instant that is not an RFC 3339 date and time with an offset.
    #[error(
        "{input:?} is not a date and time with a UTC offset, such as 2020-01-24T08:30:00+08:00"
    )]
    InvalidInstant {
        /// The text as given.
        input: String,
    },
    /// A UTC offset of a day or more.
    #[error("a UTC offset of {seconds} seconds is not a time zone; it must be less than a day")]
    InvalidUtcOffset {
        /// The offset as given, in seconds east of UTC.
        seconds: i32,
    },
}
