//! fangkong (防控): a pure library for grassroots epidemic prevention.
#![deny(missing_docs)]

mod calendar;
mod error;

pub use calendar::{Day, Instant, TimeOfDay, UtcOffset};
pub use error::Error;
