//! Medical observation (医学观察): protocols, temperature follow-up, alerts and release.
//!
//! - A [`Protocol`] (观察方案) is data: length, place, follow-on monitoring, check slots, fever
//!   rule, referral symptoms, test days and release conditions. Named presets cover every row
//!   of the table in DOMAIN.md §4 ([`Protocol::presets`]); users define their own.
//! - An [`Observation`] is one person's record: opened with a day 0 and a protocol, it collects
//!   [`Reading`]s, symptom reports, home visits, supplies, tests, [`Alert`]s, period changes and
//!   exposure restarts, and ends in a [`Release`] or a [`Closure`]. Each change is checked by a
//!   `check_*` method and recorded by an infallible `apply_*` method, for the registry to turn
//!   into commands and events. No identities are held here: the registry keys observations.
//! - Follow-up: [`Observation::checks_on`] (and the pure [`slot_statuses`]) say which check
//!   slots of a day are upcoming, due, done, overdue, late or missed; [`non_reporting`] lists
//!   who has not reported.
//! - Release: [`evaluate_release`] returns a [`ReleaseDecision`] with every [`Reason`] as a
//!   sentence; [`Observation::release`] refuses what the rules forbid unless overridden with a
//!   written reason; [`due_for_review`] lists the records requiring review.
//!
//! # Day counting
//! The day of last exposure (or of leaving the risk area) is **day 0**. A period of N days
//! covers days 1 ..= N, so the last day under observation is day0 + N and the earliest day of
//! release is day0 + N + 1; follow-on monitoring of M days covers days N + 1 ..= N + M; test
//! days are numbered the same way (DOMAIN.md §4). Days are calendar days in the unit's local
//! time ([`crate::UtcOffset::CHINA`] by default), never UTC dates.
//!
//! Worked example: a returnee left Wuhan on 2020-01-20 (day 0) and is under
//! `returnee-jan2020` (14 days at home). Day 1 is 2020-01-21; day 14, the last day under
//! observation, is 2020-02-03; release is possible from 2020-02-04 (day 15).
//!
//! ```
//! use fangkong::{
//!     Day, Duty, Founding, Instant, Registry, Relation, ResidentDetails, Role, Sex, UnitKind,
//!     UtcOffset,
//! };
//! use fangkong::observation::{
//!     Method, ObservationUpdate, OpeningBasis, Reading, Reporter, evaluate_release,
//! };
//! let t: Instant = "2020-01-20T18:00:00+08:00".parse()?;
//! let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
//! let secretary = reg.staff_ids().next().unwrap();
//! let v = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
//! let g = reg.establish_group(secretary, t, v, 1, "Qianjin group 1")?;
//! let doctor = reg.enroll_staff(secretary, t, "Dr Xie", Role::HealthWorker, None)?;
//! reg.assign(secretary, t, doctor, reg.township(), Duty::MedicalService)?;
//! let home = reg.register_household(secretary, t, g, "Qianjin 1-01")?;
//! let details = ResidentDetails::new("王强", Sex::Male, "1990-05-01".parse()?, Relation::Head);
//! let returnee = reg.register_resident(secretary, t, home, details)?;
//!
//! // Left Wuhan on 2020-01-20: day 0.
//! let day0: Day = "2020-01-20".parse()?;
//! let obs = reg.open_observation(doctor, t, returnee, "returnee-jan2020", day0,
//!     OpeningBasis::Other { note: "reported by the village".into() })?;
//! let record = reg.observation(obs).unwrap();
//! assert_eq!(record.observation.last_day().to_string(), "2020-02-03");
//! assert_eq!(record.observation.earliest_release().to_string(), "2020-02-04");
//!
//! // Twice-daily self-reported readings on days 1 to 14.
//! for n in 1..=14 {
//!     for time in ["07:30", "19:30"] {
//!         let at = Instant::at(day0.plus_days(n)?, time.parse()?, UtcOffset::CHINA);
//!         let reading = Reading { at, temperature: "36.6".parse()?,
//!                                 method: Method::Armpit, by: Reporter::SelfReported };
//!         reg.update_observation(doctor, at, obs, ObservationUpdate::RecordReading(reading))?;
//!     }
//! }
//! let observation = &reg.observation(obs).unwrap().observation;
//! assert_eq!(
//!     evaluate_release(observation, "2020-02-03".parse()?).to_string(),
//!     "not yet: day 14 of 14 is still under observation; release from 2020-02-04"
//! );
//! assert_eq!(
//!     evaluate_release(observation, "2020-02-04".parse()?).to_string(),
//!     "release: the 14-day observation period ended on 2020-02-03 (day 14); no alert is open; \
//!      no check was missed"
//! );
//! # Ok::<(), fangkong::Error>(())
//! ```
//!
//! # Choices made here
//! - Check windows include their first and last minute; a reading up to
//!   [`Protocol::late_grace_minutes`] after a window (never past 23:59) counts as late, later
//!   ones count for nothing. A slot is one check however many readings fall in it.
//! - Every reading is checked for fever, whether or not it counts for a slot. While an alert is
//!   open, further causes are added to it rather than raising new alerts.
//! - Missed checks beyond the protocol's tolerance (0 in the presets) block release; so does a
//!   scheduled test missing, pending or positive once its day has passed.
//! - Follow-on monitoring is derived, not recorded: a release opens it; its check slots are the
//!   protocol's; it does not hold up release.
//! - A new exposure restarts the protocol's period from the new day 0; a period change moves
//!   the last day. Both keep their history.

pub(crate) mod check;
mod command;
mod error;
mod followup;
mod labels;
mod protocol;
mod record;
mod release;
mod release_zh;
mod temperature;

pub use crate::ids::ObservationId;
pub use error::ObservationError;
pub use followup::{Method, Reading, Reporter, SlotCheck, SlotStatus, slot_statuses};
pub use protocol::{
    CheckSlot, FollowOn, ObservationPlace, Protocol, ProtocolBuilder, ReleaseConditions,
    SlotCounting, Symptom, TestDay, TestRequirement, day_number,
};
pub use protocol::{MAX_PERIOD_DAYS, check_period_days};
pub use record::{
    Alert, AlertCause, AlertClearance, AlertResolution, Closure, EndReason, Ending,
    ExposureRestart, HomeVisit, Observation, Opening, OpeningBasis, PeriodChange, Referral, Status,
    Supply, SupplyHandout, SupplyItem, SymptomReport, TestOutcome, TestResult, Transfer,
};
pub use release::{
    MissedCheck, NonReporting, Reason, Release, ReleaseDecision, Review, due_for_review,
    evaluate_release, non_reporting,
};
pub use temperature::{Comparison, FeverRule, Temperature};

pub use command::{
    ObservationChange, ObservationCommand, ObservationCounts, ObservationEvent, ObservationRecord,
    ObservationUpdate,
};
pub(crate) use command::{ObservationState, decide};

#[cfg(test)]
mod tests;
