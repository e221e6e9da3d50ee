//! Publicity campaigns (宣传活动): a named message to cover a set of units within a span.

use std::fmt;

use serde::Serialize;

use crate::calendar::{Day, Instant};
use crate::ids::{CampaignId, StaffId, UnitId};

/// A publicity campaign (宣传活动), such as the township's "letter to all residents"
/// (致广大居民的一封信): a named message that a unit runs to cover a set of its units, from a
/// first day to a last day (or until it ends). Its actions are recorded with its id; its
/// coverage counts the households of its units reached by its door-to-door actions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Campaign {
    /// Its id.
    pub id: CampaignId,
    /// The unit that runs it (its flag for OxCGRT H1 is by this unit).
    pub unit: UnitId,
    /// Its message, as the township names it.
    pub title: String,
    /// The units it is to cover (all within `unit`).
    pub cover: Vec<UnitId>,
    /// Its first day.
    pub first: Day,
    /// Its last day, once known.
    pub last: Option<Day>,
    /// Who launched it.
    pub launched_by: StaffId,
    /// When.
    pub launched_at: Instant,
}

impl Campaign {
    /// Whether the campaign runs on `day`.
    pub fn runs_on(&self, day: Day) -> bool {
        self.first <= day && self.last.is_none_or(|l| day <= l)
    }
}

impl fmt::Display for Campaign {
    /// `campaign PC1 "致广大居民的一封信" from 2020-01-24 (until it ends)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "campaign {} \"{}\" from {}",
            self.id, self.title, self.first
        )?;
        match self.last {
            Some(l) => write!(f, " to {l}"),
            None => f.write_str(" (until it ends)"),
        }
    }
}
