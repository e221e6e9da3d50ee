//! Screening rounds (摸底排查): door-to-door visits over a set of units, and coverage.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::calendar::{Day, Instant};
use crate::ids::{HouseholdId, ResidentId, StaffId, UnitId};

use super::{Interview, ScreeningOutcome};

/// How a visit to a household ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum VisitResult {
    /// The household was screened: everyone at home was asked, returnees were interviewed.
    Screened,
    /// Nobody was at home (无人在家): the household must be visited again.
    NobodyHome,
    /// The household refused to be screened (拒绝排查): to be followed up.
    Refused,
}

/// One recorded visit to a household.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Visit {
    /// Who visited.
    pub by: StaffId,
    /// When.
    pub at: Instant,
    /// The local calendar day of the visit.
    pub day: Day,
    /// How it ended.
    pub result: VisitResult,
}

/// A screening round over a set of units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Round {
    /// Its identifier.
    pub id: crate::ids::RoundId,
    /// Its name (e.g. `"Carpet screening, January 2020"`).
    pub name: String,
    /// The units it covers (and everything below them).
    pub units: Vec<UnitId>,
    /// The first day of the round.
    pub opens: Day,
    /// The day it was closed, if it was.
    pub closes: Option<Day>,
    /// The visits made, by household, in the order recorded (a boxed slice: most households
    /// have one, and the map's entries are 8 bytes smaller than with a vector, issue 14).
    pub visits: BTreeMap<HouseholdId, Box<[Visit]>>,
}

impl Round {
    /// Whether the round accepts visits on `day`: from its opening day to its closing day.
    pub fn open_on(&self, day: Day) -> bool {
        day >= self.opens && self.closes.is_none_or(|c| day <= c)
    }

    /// Whether a household was screened in this round.
    pub fn screened(&self, household: HouseholdId) -> bool {
        self.visits
            .get(&household)
            .is_some_and(|v| v.iter().any(|v| v.result == VisitResult::Screened))
    }
}

/// A recorded screening interview of a resident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct InterviewRecord {
    /// Who was interviewed.
    pub resident: ResidentId,
    /// The cadre or grid worker who asked.
    pub by: StaffId,
    /// When.
    pub at: Instant,
    /// The local day the outcome was decided for.
    pub on: Day,
    /// The round it belongs to, if any.
    pub round: Option<crate::ids::RoundId>,
    /// The answers.
    pub interview: Interview,
    /// The outcome, as decided when it was recorded.
    pub outcome: ScreeningOutcome,
}

/// How many "nobody home" visits, without a screening, put a household on the follow-up list
/// by default.
pub const DEFAULT_REPEATED_ABSENCES: usize = 2;

/// The coverage of a screening round: 村不漏组、组不漏户, no group of a village and no household
/// of a group missed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Coverage {
    /// The round.
    pub round: crate::ids::RoundId,
    /// Households in the round's units.
    pub households: usize,
    /// Households screened.
    pub screened: usize,
    /// For each village or community of the round, what is missing.
    pub villages: Vec<VillageCoverage>,
    /// Households to follow up: refusals and repeated absences.
    pub follow_up: Vec<FollowUp>,
}

impl Coverage {
    /// Whether every household of the round was screened.
    pub fn complete(&self) -> bool {
        self.households == self.screened
    }
}

/// What a screening round has missed in one village or community.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct VillageCoverage {
    /// The village or community.
    pub village: UnitId,
    /// Its groups with households nobody has visited, each with those households.
    pub unvisited: Vec<(UnitId, Vec<HouseholdId>)>,
    /// Its households not screened (unvisited, nobody home, or refused).
    pub not_screened: Vec<HouseholdId>,
}

/// A household to follow up after a screening round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FollowUp {
    /// The household.
    pub household: HouseholdId,
    /// Why.
    pub reason: FollowUpReason,
}

/// Why a household needs following up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FollowUpReason {
    /// It refused screening on this day (and was not screened afterwards).
    Refused {
        /// The day of the last refusal.
        on: Day,
    },
    /// Nobody was home this many times, and it was never screened.
    RepeatedlyAbsent {
        /// The number of visits with nobody home.
        visits: usize,
    },
}
