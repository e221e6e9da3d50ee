//! The audit trail (审计追踪): every entry of the ledger that concerns one person, household,
//! observation, venue or member of staff, with who, when and the command it belonged to, and
//! the proof that ties each to a head kept elsewhere.
//!
//! The trail itself ([`Trail`](crate::registry::Trail), [`TrailExport`](crate::registry::TrailExport)) is read
//! beside the registry, which keeps the index. Reading a trail is free
//! ([`Registry::trail`](crate::Registry::trail)). Exporting one takes a
//! person's own data out unmasked, so it goes through a command
//! ([`AuditCommand::ExportTrail`]) and the ledger records who took what, when.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::grid::Action;
use crate::grid::context::{Context, EntryMeta};
use crate::ids::{
    DisinfectionRoundId, DisinfectionScheduleId, DonationId, HouseholdId, LotId, ObservationId,
    PostId, ResidentId, ShiftId, SiteId, StaffId, StoreId, UnitId, VenueId,
};

/// What a trail is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Subject {
    /// A resident: the events that name them, and those of their interviews and observations.
    Resident(ResidentId),
    /// A household.
    Household(HouseholdId),
    /// An observation.
    Observation(ObservationId),
    /// A venue.
    Venue(VenueId),
    /// A member of staff: the events that name them, and those they recorded. A volunteer
    /// (志愿者) is a member of staff: their enrolment, shifts and check-ins are found here.
    Staff(StaffId),
    /// A post of the duty roster (岗位): its establishment, its shifts, inspections of it.
    Post(PostId),
    /// A shift (班次): its scheduling, the people assigned, their check-ins and check-outs.
    Shift(ShiftId),
    /// A disinfection site (消杀点位): its registration, the staff designated for it, its
    /// schedules and their changes, the rounds recorded there.
    Site(SiteId),
    /// A disinfection schedule (消杀计划): its setting, changes and lift.
    DisinfectionSchedule(DisinfectionScheduleId),
    /// A recorded disinfection round (消杀记录).
    DisinfectionRound(DisinfectionRoundId),
    /// A store of supplies (仓库): its establishment, receipts, transfers, issues, counts.
    Store(StoreId),
    /// A lot (批次): its receipt, the issues and transfers that drew it.
    Lot(LotId),
    /// A donation (捐赠): its receipt, the purchases that spent it, reveals of its donor.
    Donation(DonationId),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Resident(id) => write!(f, "resident {id}"),
            Subject::Household(id) => write!(f, "household {id}"),
            Subject::Observation(id) => write!(f, "observation {id}"),
            Subject::Venue(id) => write!(f, "venue {id}"),
            Subject::Staff(id) => write!(f, "staff member {id}"),
            Subject::Post(id) => write!(f, "post {id}"),
            Subject::Shift(id) => write!(f, "shift {id}"),
            Subject::Site(id) => write!(f, "disinfection site {id}"),
            Subject::DisinfectionSchedule(id) => write!(f, "disinfection schedule {id}"),
            Subject::DisinfectionRound(id) => write!(f, "disinfection round {id}"),
            Subject::Store(id) => write!(f, "store {id}"),
            Subject::Lot(id) => write!(f, "lot {id}"),
            Subject::Donation(id) => write!(f, "donation {id}"),
        }
    }
}

/// A read that takes personal data out unmasked, recorded so the ledger shows who took what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum AuditCommand {
    /// Export the audit trail of a subject (leaders and inspectors).
    ExportTrail {
        /// What it is about.
        subject: Subject,
    },
    /// Export a list of people with their identity numbers and phones in full.
    ExportList {
        /// Which list.
        list: ExportedList,
    },
}

/// A list of people that can be exported unmasked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ExportedList {
    /// The key-person list (重点人员台账).
    KeyPeople,
    /// The resident roster (户籍花名册).
    Residents,
}

impl AuditCommand {
    /// The action this command needs permission for.
    pub fn action(&self) -> Action {
        match self {
            AuditCommand::ExportTrail { .. } | AuditCommand::ExportList { .. } => {
                Action::ExportPersonalData
            }
        }
    }
}

/// A recorded unmasked read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum AuditEvent {
    /// An audit trail was exported.
    TrailExported {
        /// What it was about.
        subject: Subject,
        /// How many entries it held (those recorded before this one).
        entries: u64,
    },
    /// A list of people was exported unmasked.
    ListExported {
        /// Which list.
        list: ExportedList,
        /// How many rows it held.
        rows: u64,
    },
}

/// Decides an audit command: the count of entries or rows is the registry's to give, and so
/// is the unit a trail's subject belongs to (`None` for a member of staff, a subject the
/// registry does not hold, or a list).
///
/// Reach (the one rule, DOMAIN.md §1): a trail takes an assignment over its subject's unit; a
/// list of the township's people, a trail of a member of staff or of an unknown subject, an
/// assignment to the township. Inspectors act township-wide by their role.
pub(crate) fn decide(
    ctx: &Context<'_>,
    command: &AuditCommand,
    count: u64,
    unit: Option<UnitId>,
) -> Result<Vec<AuditEvent>, Error> {
    match unit {
        Some(unit) => ctx.reach(command.action(), unit)?,
        None => ctx.reach_township(command.action())?,
    }
    Ok(vec![match command {
        AuditCommand::ExportTrail { subject } => AuditEvent::TrailExported {
            subject: *subject,
            entries: count,
        },
        AuditCommand::ExportList { list } => AuditEvent::ListExported {
            list: *list,
            rows: count,
        },
    }])
}

/// Audit events change no domain state.
pub(crate) fn apply(_event: &AuditEvent, _meta: &EntryMeta) {}
