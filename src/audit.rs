//! The audit trail (审计追踪): every entry of the ledger that concerns one person, household,
//! observation, venue or member of staff, with who, when and the command it belonged to, and
//! the proof that ties each to a head kept elsewhere.
//!
//! Reading a trail is free ([`Registry::trail`](crate::Registry::trail)). Exporting one takes a
//! person's own data out unmasked, so it goes through a command
//! ([`AuditCommand::ExportTrail`]) and the ledger records who took what, when.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::context::{Context, EntryMeta};
use crate::grid::Action;
use crate::ledger::Proof;
use crate::record::{Body, CommandMark};
use crate::{Error, HouseholdId, Instant, ObservationId, ResidentId, StaffId, VenueId};

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
    /// A member of staff: the events that name them, and those they recorded.
    Staff(StaffId),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Resident(id) => write!(f, "resident {id}"),
            Subject::Household(id) => write!(f, "household {id}"),
            Subject::Observation(id) => write!(f, "observation {id}"),
            Subject::Venue(id) => write!(f, "venue {id}"),
            Subject::Staff(id) => write!(f, "staff member {id}"),
        }
    }
}

/// One entry of a trail: who, when, the command it belonged to, and what it recorded (an event,
/// or a refused attempt).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TrailEntry {
    /// The entry's sequence number in the ledger.
    pub seq: u64,
    /// When it was recorded.
    pub at: Instant,
    /// Who recorded it (or tried to).
    pub actor: StaffId,
    /// The command it belonged to.
    pub command: CommandMark,
    /// What it recorded.
    pub body: Body,
}

impl fmt::Display for TrailEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &self.body {
            Body::Event(e) => {
                // The kind of event: {"module":{"Kind":…}}.
                let v = serde_json::to_value(e).unwrap_or_default();
                v.as_object()
                    .and_then(|m| m.values().next())
                    .and_then(|inner| match inner {
                        serde_json::Value::Object(m) => m.keys().next().cloned(),
                        serde_json::Value::String(s) => Some(s.clone()),
                        _ => None,
                    })
                    .unwrap_or_else(|| "event".to_owned())
            }
            Body::Refused(r) => format!("refused: {}", r.reason),
        };
        write!(
            f,
            "#{} {} by {} (command #{}): {}",
            self.seq, self.at, self.actor, self.command.first, what
        )
    }
}

/// The trail of one subject, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Trail {
    /// What it is about.
    pub subject: Subject,
    /// Its entries, oldest first.
    pub entries: Vec<TrailEntry>,
}

impl fmt::Display for Trail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "audit trail of {} ({} entries)",
            self.subject,
            self.entries.len()
        )?;
        for e in &self.entries {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

/// One exported entry: its record's exact bytes and the proof that ties them to the head of the
/// end of its day. A third party checks it with nothing but SHA-256 (LEDGER.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProvedEntry {
    /// The record's exact bytes, unmasked (the subject's own data).
    pub record: String,
    /// The proof: the hash before the entry, the digests of it and of every later entry up to
    /// the head, and that head.
    pub proof: Proof,
}

impl ProvedEntry {
    /// Checks the record against its proof.
    ///
    /// # Errors
    /// [`Error::ProofMismatch`] if the record or a digest was changed.
    pub fn check(&self) -> Result<(), Error> {
        self.proof.check(self.record.as_bytes()).map(|_| ())
    }
}

/// An exported trail: every entry with its proof (an unmasked export, recorded in the ledger).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrailExport {
    /// What it is about.
    pub subject: Subject,
    /// The entries, oldest first.
    pub entries: Vec<ProvedEntry>,
}

impl TrailExport {
    /// Checks every entry against its proof.
    ///
    /// # Errors
    /// [`Error::ProofMismatch`] for the first entry that does not hold.
    pub fn check(&self) -> Result<(), Error> {
        self.entries.iter().try_for_each(ProvedEntry::check)
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
}

impl AuditCommand {
    /// The action this command needs permission for.
    pub fn action(&self) -> Action {
        match self {
            AuditCommand::ExportTrail { .. } => Action::ExportPersonalData,
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
}

impl AuditEvent {
    /// The action of the command that records this event.
    pub(crate) fn action(&self) -> Action {
        match self {
            AuditEvent::TrailExported { .. } => Action::ExportPersonalData,
        }
    }
}

/// Decides an audit command: the count of entries is the registry's to give.
pub(crate) fn decide(
    _ctx: &Context<'_>,
    command: &AuditCommand,
    entries: u64,
) -> Result<Vec<AuditEvent>, Error> {
    match command {
        AuditCommand::ExportTrail { subject } => Ok(vec![AuditEvent::TrailExported {
            subject: *subject,
            entries,
        }]),
    }
}

/// Audit events change no domain state.
pub(crate) fn apply(_event: &AuditEvent, _meta: &EntryMeta) {}
