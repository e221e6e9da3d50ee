//! The crate's error (错误): what crosses modules, and one variant wrapping each layer's and
//! module's own error enum.
//!
//! As in rustls, a caller matches the concern first, then the detail:
//! [`Error::Grid`]`(`[`GridError::UnknownUnit`]` { .. })`. Each nested enum lives with its
//! module, with its Chinese: [`ValueError`] (the values at the bottom: days, codes, ids,
//! identity numbers, text limits…), [`LedgerError`], [`GridError`], [`ScreeningError`],
//! [`ObservationError`], [`GatheringError`], [`SupervisionError`] and [`ReportError`]. `?` turns
//! each into an `Error` (`From`). Every error has a stable code ([`Error::code`]), the same as
//! before the split: the codes belong to the failures, not to the enums.

use crate::calendar::Instant;
use crate::disinfection::DisinfectionError;
use crate::gathering::GatheringError;
use crate::grid::GridError;
use crate::ids::StaffId;
use crate::ledger::LedgerError;
use crate::ledger::merkle::ProofError;
use crate::observation::ObservationError;
use crate::publicity::PublicityError;
use crate::report::ReportError;
use crate::roster::RosterError;
use crate::screening::ScreeningError;
use crate::supervision::SupervisionError;
use crate::supplies::SuppliesError;
use crate::value_error::ValueError;

mod code;
pub(crate) use code::{BATCH_ONLY, possible_for};
mod zh;

/// Everything that can go wrong in fangkong (错误), in words a township clerk can act on.
///
/// What crosses modules is a variant of its own (authorization and reach, the order of
/// instants, required text, replay, batches); each layer's and module's errors are one variant
/// wrapping that module's enum. Every message names the value, unit, person or rule concerned.
/// Identity numbers and phone numbers only ever appear masked. New variants may be added in
/// minor releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value that is not well formed: a day, an instant, an id, a code, an identity or phone
    /// number, a label, a text beyond its limits ([`ValueError`]).
    #[error(transparent)]
    Value(#[from] ValueError),
    /// A ledger, record or proof that cannot be read or does not hold ([`LedgerError`]).
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// What the grid refuses: units, assignments, households, residents ([`GridError`]).
    #[error(transparent)]
    Grid(#[from] GridError),
    /// What screening refuses: designations, stays, rounds, interviews ([`ScreeningError`]).
    #[error(transparent)]
    Screening(#[from] ScreeningError),
    /// What home medical observation refuses ([`ObservationError`]).
    #[error(transparent)]
    Observation(#[from] ObservationError),
    /// What gathering control refuses ([`GatheringError`]).
    #[error(transparent)]
    Gathering(#[from] GatheringError),
    /// What supervision refuses ([`SupervisionError`]).
    #[error(transparent)]
    Supervision(#[from] SupervisionError),
    /// What daily reporting refuses ([`ReportError`]).
    #[error(transparent)]
    Report(#[from] ReportError),

    /// A replayed entry that the registry would not have accepted.
    #[error("ledger entry {seq} cannot be replayed: {reason}")]
    ReplayRefused {
        /// The entry's sequence number.
        seq: u64,
        /// Why.
        reason: String,
    },
    /// A command dated before the last entry of the ledger: the ledger's instants never
    /// decrease.
    #[error(
        "the command is dated {at}, before the ledger's last entry at {last}: record it with the time it is recorded (a fact's own time, such as a reading's, goes inside the command)"
    )]
    InstantBeforeLedger {
        /// The command's instant.
        at: Instant,
        /// The last entry's instant.
        last: Instant,
    },
    /// The actor is not an enrolled member of staff.
    #[error("{staff} is not an enrolled member of staff: only enrolled staff can record anything")]
    UnknownStaff {
        /// The id given.
        staff: StaffId,
    },
    /// The actor's role may not take the action at all.
    #[error("{actor} may not {action}: only {allowed} may")]
    RoleNotPermitted {
        /// Who tried (role, name, id).
        actor: String,
        /// What they tried.
        action: &'static str,
        /// The roles that may.
        allowed: String,
    },
    /// The action concerns a unit outside the actor's reach: they are assigned neither to it nor
    /// to a unit above it (for what covers the whole township, the unit is the township).
    #[error(
        "{actor} may not {action} in {unit}: that needs an assignment to {unit} or a unit above it, and they are assigned to {assigned}"
    )]
    OutsideAssignedUnits {
        /// Who tried (role, name, id).
        actor: String,
        /// What they tried.
        action: &'static str,
        /// The unit concerned.
        unit: String,
        /// The units assigned to them.
        assigned: String,
    },
    /// Something recorded with a date and time after the moment it is recorded.
    #[error("{what} is dated {at}, after the time it is recorded ({now}): check the date and time")]
    InFuture {
        /// What was recorded, e.g. "a reading".
        what: String,
        /// Its date and time.
        at: Instant,
        /// The time of recording.
        now: Instant,
    },
    /// A required text (reason, note, name) left empty.
    #[error("{what} is required and was left empty")]
    TextRequired {
        /// What was required, e.g. "the reason for clearing alert 1".
        what: String,
    },
    /// A batch command depends on what an earlier row of the same batch would have created,
    /// and that row was refused.
    #[error("row {row} of the batch, which this command depends on, was refused: {reason}")]
    DependsOnRefusedRow {
        /// The row depended on (its index in the batch, from 0).
        row: usize,
        /// Why that row was refused.
        reason: String,
        /// The same in Chinese.
        reason_zh: String,
    },
    /// A batch command refers to a row that is not an earlier row of the same batch.
    #[error(
        "row {this} of the batch refers to row {row}, which is not an earlier row of the batch"
    )]
    BatchRowNotEarlier {
        /// The row referred to.
        row: usize,
        /// The referring row.
        this: usize,
    },
    /// A batch command refers to a row that created nothing of the kind it needs.
    #[error("row {row} of the batch created no {what}, so it cannot be referred to as one")]
    BatchRowCreatedNone {
        /// The row referred to.
        row: usize,
        /// What was needed ("household", "unit"…).
        what: &'static str,
    },

    /// A Merkle tree proof (包含证明, 一致性证明) or tree head (树头) that does not hold: the
    /// detail is the ledger's own [`ProofError`], with its own codes.
    #[error(transparent)]
    Proof(#[from] ProofError),

    /// A publicity command refused (宣传): the detail is publicity's own [`PublicityError`].
    #[error(transparent)]
    Publicity(#[from] PublicityError),
    /// A duty-roster command refused (值班排班): a leave inside a cancellation, a shift ending
    /// before it starts, a volunteer without consent, a check-in to a shift the person is not
    /// on…; the detail is the roster's own [`RosterError`].
    #[error(transparent)]
    Roster(#[from] RosterError),
    /// A cleaning or disinfection command refused (消杀): a window ending before it starts, an
    /// amount of zero, a round by someone not designated for the site, an unknown site…; the
    /// detail is the module's own [`DisinfectionError`].
    #[error(transparent)]
    Disinfection(#[from] DisinfectionError),
    /// A supplies command refused (防疫物资): stock that would go below zero, a purchase
    /// spending more of a donation than is left, an unknown store, item or lot…; the detail
    /// is the supplies ledger's own [`SuppliesError`].
    #[error(transparent)]
    Supplies(#[from] SuppliesError),
}

/// `Ok` when `text` says something; [`Error::TextRequired`] naming `what` when it is empty or
/// blank. Every module's commands check their required texts so.
pub(crate) fn text_required(text: &str, what: impl Into<String>) -> Result<(), Error> {
    if text.trim().is_empty() {
        Err(Error::TextRequired { what: what.into() })
    } else {
        Ok(())
    }
}
