//! Travel-history screening (摸底排查) against a dated register of risk areas (风险区).
//!
//! - [`RiskRegister`]: designations of areas at a [`RiskLevel`] from a day, lifted on a day;
//!   history is kept. [`RiskRegister::at_risk`] answers "was this place, or an area containing
//!   it, at risk on this day, at which level, by which designation".
//! - [`RiskProposal`]: level changes proposed from daily figures under the February 2020
//!   county zoning and plan ed. 9 de-designation; a person confirms them.
//! - [`Interview`]: the five questions put to every returnee, with the [`TravelHistory`].
//! - [`ScreeningRule`]: look-back window, level → observation protocol, how day 0 is taken;
//!   [`ScreeningRule::screen`] gives a [`ScreeningOutcome`] that explains itself.
//!
//! Conventions (DOMAIN.md §3–4): a designation from F lifted on L is in force on F ..= L − 1;
//! a look-back window of W days on day S covers S − W ..= S; day 0 is the last day of exposure.

pub(crate) mod check;
mod command;
mod error;
mod explain_zh;
mod interview;
mod labels;
mod proposal;
mod risk;
mod round;
mod rules;

pub use crate::ids::{DesignationId, RoundId};
pub use command::{ScreeningCommand, ScreeningEvent};
pub(crate) use command::{ScreeningState, decide};
pub use error::ScreeningError;
pub use interview::{Interview, ReportedSymptoms, Stay, Transit, TravelHistory};
pub use proposal::{CaseFigures, DowngradeDays, ProposedChange, RiskProposal};
pub use risk::{Designation, RegisterChange, RiskLevel, RiskRegister};
pub use round::{
    Coverage, DEFAULT_REPEATED_ABSENCES, FollowUp, FollowUpReason, InterviewRecord, Round,
    VillageCoverage, Visit, VisitResult,
};
pub use rules::{
    DayZeroBasis, Exposure, ExposureAnchor, KeyPerson, LevelObservation, MAX_LOOK_BACK_DAYS,
    ScreeningOutcome, ScreeningRule,
};
