//! Commands (what a member of staff asks for) and events (what was recorded), over every module.
//!
//! A [`Command`] is authorized and routed by the [`Registry`](crate::Registry) to the module
//! that owns it, which validates it and, if it is accepted, turns it into one or more
//! [`Event`]s: past-tense facts that are appended to the ledger and applied to the state.
//! Applying an event cannot fail, so replaying the ledger always rebuilds the same registry.
//! Variant names are part of the stored format: they are never renamed.
//!
//! Each module's command converts into a [`Command`] (`From`), so
//! [`Registry::execute`](crate::Registry::execute) takes either.

use serde::{Deserialize, Serialize};

use crate::audit::{AuditCommand, AuditEvent};
use crate::disinfection::{DisinfectionCommand, DisinfectionEvent};
use crate::gathering::{GatheringCommand, GatheringEvent};
use crate::grid::{Action, GridCommand, GridEvent};
use crate::observation::{ObservationCommand, ObservationEvent};
use crate::publicity::{PublicityCommand, PublicityEvent};
use crate::report::{ReportCommand, ReportEvent};
use crate::roster::{RosterCommand, RosterEvent};
use crate::screening::{ScreeningCommand, ScreeningEvent};
use crate::supervision::{SupervisionCommand, SupervisionEvent};
use crate::supplies::{SuppliesCommand, SuppliesEvent};

/// A request to change the registry, made by a member of staff at an instant: one module's
/// command.
///
/// ```
/// use fangkong::{Command, Role};
/// use fangkong::grid::GridCommand;
/// let c: Command = GridCommand::EnrollStaff { name: "Li Hua".into(), role: Role::GridWorker, phone: None }.into();
/// assert_eq!(serde_json::to_string(&c).unwrap(),
///     r#"{"grid":{"EnrollStaff":{"name":"Li Hua","role":"grid_worker","phone":null}}}"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Command {
    /// The grid: units, staff, assignments, households and residents.
    Grid(GridCommand),
    /// Screening (摸底排查): risk areas, rules, rounds, visits and interviews.
    Screening(ScreeningCommand),
    /// Observation (医学观察): protocols, openings and changes.
    Observation(ObservationCommand),
    /// The daily report (日报告、零报告): reporting units, the schedule, submissions.
    Report(ReportCommand),
    /// Gatherings (聚集) and venues: orders, planned gatherings, persuasion, closures.
    Gathering(GatheringCommand),
    /// Supervision (督查问责): inspections, findings, rectification, accountability.
    Supervision(SupervisionCommand),
    /// Unmasked reads of personal data (an exported audit trail), recorded.
    Audit(AuditCommand),
    /// Publicity (宣传引导): kinds, campaigns and actions.
    Publicity(PublicityCommand),
    /// Duty rosters (值班排班): leave cancelled, posts, shifts, volunteers, check-ins.
    Roster(RosterCommand),
    /// Cleaning and disinfection (消杀): sites, schedules, designated staff, rounds.
    Disinfection(DisinfectionCommand),
    /// Supplies and donations (防疫物资): items, stores, receipts, issues, counts.
    Supplies(SuppliesCommand),
}

impl Command {
    /// The action the command needs permission for ([`Action::roles`]).
    pub fn action(&self) -> Action {
        match self {
            Command::Grid(c) => c.action(),
            Command::Screening(c) => c.action(),
            Command::Observation(c) => c.action(),
            Command::Report(c) => c.action(),
            Command::Gathering(c) => c.action(),
            Command::Supervision(c) => c.action(),
            Command::Audit(c) => c.action(),
            Command::Publicity(c) => c.action(),
            Command::Roster(c) => c.action(),
            Command::Disinfection(c) => c.action(),
            Command::Supplies(c) => c.action(),
        }
    }
}

/// A fact recorded in the ledger: one module's event. Past tense; applying one cannot fail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
// Events are read one at a time from the ledger, never held in bulk.
#[allow(clippy::large_enum_variant)]
pub enum Event {
    /// The grid.
    Grid(GridEvent),
    /// Screening.
    Screening(ScreeningEvent),
    /// Observation.
    Observation(ObservationEvent),
    /// The daily report.
    Report(ReportEvent),
    /// Gatherings and venues.
    Gathering(GatheringEvent),
    /// Supervision.
    Supervision(SupervisionEvent),
    /// Unmasked reads.
    Audit(AuditEvent),
    /// Publicity.
    Publicity(PublicityEvent),
    /// Duty rosters.
    Roster(RosterEvent),
    /// Cleaning and disinfection.
    Disinfection(DisinfectionEvent),
    /// Supplies and donations.
    Supplies(SuppliesEvent),
}

macro_rules! wrap {
    ($outer:ident :: $variant:ident ($inner:ty)) => {
        impl From<$inner> for $outer {
            fn from(inner: $inner) -> $outer {
                $outer::$variant(inner)
            }
        }
    };
}

wrap!(Command::Grid(GridCommand));
wrap!(Command::Screening(ScreeningCommand));
wrap!(Command::Observation(ObservationCommand));
wrap!(Event::Grid(GridEvent));
wrap!(Event::Screening(ScreeningEvent));
wrap!(Event::Observation(ObservationEvent));
wrap!(Command::Report(ReportCommand));
wrap!(Event::Report(ReportEvent));
wrap!(Command::Gathering(GatheringCommand));
wrap!(Event::Gathering(GatheringEvent));
wrap!(Command::Supervision(SupervisionCommand));
wrap!(Event::Supervision(SupervisionEvent));
wrap!(Command::Audit(AuditCommand));
wrap!(Event::Audit(AuditEvent));
wrap!(Command::Publicity(PublicityCommand));
wrap!(Event::Publicity(PublicityEvent));
wrap!(Command::Roster(RosterCommand));
wrap!(Event::Roster(RosterEvent));
wrap!(Command::Disinfection(DisinfectionCommand));
wrap!(Event::Disinfection(DisinfectionEvent));
wrap!(Command::Supplies(SuppliesCommand));
wrap!(Event::Supplies(SuppliesEvent));
