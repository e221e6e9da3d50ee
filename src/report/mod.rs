//! The daily report and the zero report (日报告、零报告).
//!
//! Every reporting unit reports every day, and a day with nothing new is reported explicitly
//! as zero; a missing report is itself a finding. The reporting units are the township's own
//! row (township-level work: inspections, township orders), its villages and communities, and
//! any groups or zones a leader adds. A leader sets the first day from which reports are
//! required and the [`Deadline`]. The unit's leader or a cadre in charge submits the unit's
//! [`DailyFigures`] with a note and the ledger's head; a resubmission supersedes the earlier
//! report, and both stay.
//!
//! Figures are disjoint by construction (a choice of this library): a village with reporting groups
//! reports only what lies outside them, so a township's figures are the plain sum of its rows
//! ([`DayTable::submitted_total`] beside [`DayTable::registry_total`]), and townships add up
//! to the county ([`Rollup`]).
//!
//! Exports: [`DayTable`] renders in English (`Display`) and Chinese
//! ([`DayTable::display_zh`]) and serializes with serde; feature `csv` writes CSV, feature
//! `xlsx` an Excel workbook (one sheet per day), feature `fhir` temperature readings as FHIR R4
//! Observations. The tables hold unit figures only, no personal data. Every text field of
//! every CSV is neutralised against formula injection ([`csv_safe_field`]; read it back with
//! [`csv_field_value`]); xlsx cells hold text as text and need no such care.

pub(crate) mod check;
mod error;
mod figures;
mod formula;
mod labels;
mod rollup;
mod table;

#[cfg(feature = "csv")]
mod csv;
#[cfg(feature = "fhir")]
mod fhir;
#[cfg(feature = "xlsx")]
mod xlsx;

#[cfg(test)]
mod tests;

use crate::grid::GridError;
use crate::value_error::ValueError;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::calendar::{Day, Instant, TimeOfDay, UtcOffset};
use crate::error::Error;
use crate::grid::context::{Context, EntryMeta, GridView, TextKind, text_field};
use crate::grid::{Action, Unit, UnitKind};
use crate::hash::{Head, TreeHead};
use crate::ids::{StaffId, UnitId};

#[cfg(feature = "csv")]
pub use self::csv::{rollup_to_csv, sheet_to_csv, tables_to_csv};
#[cfg(feature = "fhir")]
pub use self::fhir::{TemperatureObservation, VITAL_SIGNS_PROFILE, temperature_observation};
#[cfg(feature = "xlsx")]
pub use self::xlsx::{rollup_to_xlsx, sheets_to_xlsx, tables_to_xlsx};
pub use error::ReportError;
pub use figures::{DailyFigures, FIGURE_LABELS, FigureLabel};
pub use formula::{FORMULA_TRIGGERS, csv_field_value, csv_safe_field};
pub use rollup::{ROLLUP_DISPLAY_FIGURES, Rollup};
pub(crate) use table::both;
pub use table::{Cell, DayRow, DayTable, Lang, RowStatus, Sheet};

/// When a day's report is due (上报时限).
///
/// A report submitted at or after the instant [`Deadline::late_from`] gives is late. The
/// default is [`Deadline::EndOfDay`]: a report for 2020-02-01 is on time until 23:59:59 on
/// 2020-02-01 local time, and late from 00:00 on 2020-02-02.
///
/// ```
/// use fangkong::{Day, TimeOfDay, UtcOffset};
/// use fangkong::report::Deadline;
/// let day: Day = "2020-02-01".parse()?;
/// assert_eq!(Deadline::default(), Deadline::EndOfDay);
/// assert_eq!(Deadline::EndOfDay.late_from(day, UtcOffset::CHINA).unwrap().to_string(),
///            "2020-02-02T00:00:00+08:00");
/// let nine = Deadline::NextDayAt(TimeOfDay::from_hm(9, 0)?);
/// assert_eq!(nine.late_from(day, UtcOffset::CHINA).unwrap().to_string(), "2020-02-02T09:00:00+08:00");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Deadline {
    /// By the end of the day reported, local time: late from midnight.
    #[default]
    EndOfDay,
    /// Before this time on the day reported (e.g. 17:00 for a county that collects the same
    /// afternoon): late from that time.
    SameDayAt(TimeOfDay),
    /// Before this time on the day after the day reported (e.g. 09:00): late from that time.
    NextDayAt(TimeOfDay),
}

impl Deadline {
    /// The instant from which a report for `day` is late, in the local time `offset`;
    /// `None` at the end of the supported calendar (never late).
    pub fn late_from(self, day: Day, offset: UtcOffset) -> Option<Instant> {
        match self {
            Deadline::EndOfDay => Some(Instant::at(day.next()?, TimeOfDay::MIDNIGHT, offset)),
            Deadline::SameDayAt(t) => Some(Instant::at(day, t, offset)),
            Deadline::NextDayAt(t) => Some(Instant::at(day.next()?, t, offset)),
        }
    }
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Deadline::EndOfDay => f.write_str("by the end of the day reported"),
            Deadline::SameDayAt(t) => write!(f, "before {t} on the day reported"),
            Deadline::NextDayAt(t) => write!(f, "before {t} on the next day"),
        }
    }
}

/// From which day reports are required, and by when (上报要求).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Schedule {
    /// The first day for which every reporting unit must report.
    pub first_day: Day,
    /// When a day's report is due.
    pub deadline: Deadline,
}

impl Schedule {
    /// Reports required from `first_day`, due by the end of each day.
    pub fn new(first_day: Day) -> Schedule {
        Schedule {
            first_day,
            deadline: Deadline::default(),
        }
    }

    /// The schedule with another deadline.
    pub fn with_deadline(mut self, deadline: Deadline) -> Schedule {
        self.deadline = deadline;
        self
    }
}

/// What staff ask of the daily report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // a report's figures are the point; no need to box them
pub enum ReportCommand {
    /// A leader makes a group or zone a reporting unit, from today on (villages, communities
    /// and the township's own row report by default).
    AddReportingUnit {
        /// The group or zone.
        unit: UnitId,
    },
    /// A leader sets the first day from which reports are required, and the deadline.
    SetSchedule {
        /// The schedule.
        schedule: Schedule,
    },
    /// The unit's leader or a cadre in charge submits its report for a day; a resubmission
    /// supersedes the earlier report.
    ///
    /// The report carries what the registry itself holds, never figures or a head the caller
    /// states: the unit's figures for the day as the registry computes them at the submission
    /// ([`Registry::daily_figures`](crate::Registry::daily_figures); all new figures zero: a
    /// zero report), and the ledger's head just before the report's own entry (for a past day,
    /// that day's last head, [`Registry::head_at_end_of`](crate::Registry::head_at_end_of)),
    /// with the tree head (树头) of the ledger's Merkle tree at that head.
    /// Replay computes both again and refuses a report that differs.
    SubmitReport {
        /// The reporting unit.
        unit: UnitId,
        /// The day reported.
        day: Day,
        /// A note (may be empty).
        note: String,
    },
}

impl ReportCommand {
    /// The permission row: adding units and setting the schedule is
    /// [`Action::ManageReports`]; submitting is [`Action::SubmitReport`].
    pub(crate) fn action(&self) -> Action {
        match self {
            ReportCommand::AddReportingUnit { .. } | ReportCommand::SetSchedule { .. } => {
                Action::ManageReports
            }
            ReportCommand::SubmitReport { .. } => Action::SubmitReport,
        }
    }
}

/// What happened to the daily report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // a report's figures are the point; no need to box them
pub enum ReportEvent {
    /// A group or zone became a reporting unit.
    ReportingUnitAdded {
        /// The unit.
        unit: UnitId,
        /// The first day it must report (the day it was added).
        from: Day,
    },
    /// The schedule was set (replacing any earlier one).
    ScheduleSet {
        /// The schedule.
        schedule: Schedule,
    },
    /// A unit's report for a day was submitted.
    ReportSubmitted {
        /// The reporting unit.
        unit: UnitId,
        /// The day reported.
        day: Day,
        /// Its figures, as the registry computed them at the submission.
        figures: DailyFigures,
        /// Its note.
        note: String,
        /// The ledger's head it carries: the head just before the report's own entry (for a
        /// past day, that day's last head).
        head: Head,
        /// The tree head (树头) of the ledger's Merkle tree at that same head: its size is
        /// `head.seq` (schema 4).
        tree_head: TreeHead,
        /// The instant from which it counted as late, under the deadline then in force
        /// (`None`: never late).
        late_from: Option<Instant>,
    },
}

/// One submitted report (日报), as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Submission {
    /// The reporting unit.
    pub unit: UnitId,
    /// The day reported.
    pub day: Day,
    /// Its figures.
    pub figures: DailyFigures,
    /// Its note.
    pub note: String,
    /// The ledger's head it carries.
    pub head: Head,
    /// The tree head (树头) it carries: the Merkle tree of the ledger at `head`.
    pub tree_head: TreeHead,
    /// Who submitted it.
    pub by: StaffId,
    /// When.
    pub at: Instant,
    /// The ledger entry that recorded it.
    pub seq: u64,
    /// The instant from which it counted as late (`None`: never late).
    pub late_from: Option<Instant>,
}

impl Submission {
    /// Whether it came at or after its deadline (迟报).
    pub fn is_late(&self) -> bool {
        self.late_from.is_some_and(|due| self.at >= due)
    }

    /// Whether it is a zero report (零报告).
    pub fn is_zero(&self) -> bool {
        self.figures.is_zero_report()
    }

    /// Its status in a [`DayTable`].
    pub fn status(&self) -> RowStatus {
        if self.is_late() {
            RowStatus::Late
        } else if self.is_zero() {
            RowStatus::Zero
        } else {
            RowStatus::Submitted
        }
    }
}

/// The daily report's state, built only by [`ReportState::apply`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ReportState {
    /// Groups and zones added as reporting units, with the first day each must report.
    added: BTreeMap<UnitId, Day>,
    /// The schedule in force, if set.
    schedule: Option<Schedule>,
    /// Every submission per unit and day, oldest first: the last one is in force.
    submissions: BTreeMap<(UnitId, Day), Vec<Submission>>,
}

/// Whether units of this kind report by default.
fn reports_by_default(kind: UnitKind) -> bool {
    matches!(
        kind,
        UnitKind::Township | UnitKind::Village | UnitKind::Community
    )
}

/// Checks the free text a report command carries against its limits ([`crate::limits`]).
fn check_texts(cmd: &ReportCommand) -> Result<(), ValueError> {
    match cmd {
        ReportCommand::SubmitReport { note, .. } => {
            Ok(text_field(note, "the report's note", TextKind::Note)?)
        }
        _ => Ok(()),
    }
}

/// Decides a report command: authorizes and validates it, changing nothing.
///
/// # Errors
/// - [`GridError::UnknownUnit`](crate::grid::GridError::UnknownUnit) for a unit not in the grid;
/// - [`ReportError::NotAddableReportingUnit`](crate::report::ReportError::NotAddableReportingUnit) when adding a unit that is not a group or zone,
///   [`ReportError::AlreadyReportingUnit`](crate::report::ReportError::AlreadyReportingUnit) when it already reports;
/// - [`Error::OutsideAssignedUnits`] when a leader or cadre submits for, or adds, a unit they
///   are not assigned to (nor to a unit above it), or sets the schedule without an assignment
///   to the township;
/// - [`ReportError::NotAReportingUnit`](crate::report::ReportError::NotAReportingUnit), [`ReportError::NoReportingSchedule`](crate::report::ReportError::NoReportingSchedule),
///   [`ReportError::ReportBeforeFirstDay`](crate::report::ReportError::ReportBeforeFirstDay), [`ReportError::ReportForFutureDay`](crate::report::ReportError::ReportForFutureDay) for a report that is not
///   required.
///
/// `held` gives, for a unit and a day, the figures the registry computes and the head and tree
/// head a report of that day carries: the report module holds none of them.
pub(crate) fn decide(
    state: &ReportState,
    ctx: &Context<'_>,
    cmd: &ReportCommand,
    held: &dyn Fn(UnitId, Day) -> (DailyFigures, Head, TreeHead),
) -> Result<Vec<ReportEvent>, Error> {
    check_texts(cmd)?;
    match cmd {
        ReportCommand::AddReportingUnit { unit } => {
            let u = known_unit(ctx.grid, *unit)?;
            ctx.reach(Action::ManageReports, *unit)?;
            if !matches!(u.kind, UnitKind::Group | UnitKind::Zone) {
                return Err(Error::Report(ReportError::NotAddableReportingUnit {
                    unit: ctx.grid.label(*unit),
                    kind: u.kind.label_en(),
                    kind_zh: u.kind.label_zh(),
                }));
            }
            if state.added.contains_key(unit) {
                return Err(Error::Report(ReportError::AlreadyReportingUnit {
                    unit: ctx.grid.label(*unit),
                }));
            }
            Ok(vec![ReportEvent::ReportingUnitAdded {
                unit: *unit,
                from: ctx.today,
            }])
        }
        ReportCommand::SetSchedule { schedule } => {
            // The schedule is the township's: setting it takes an assignment to the township.
            ctx.reach_township(Action::ManageReports)?;
            Ok(vec![ReportEvent::ScheduleSet {
                schedule: *schedule,
            }])
        }
        ReportCommand::SubmitReport { unit, day, note } => {
            let u = known_unit(ctx.grid, *unit)?;
            ctx.reach(Action::SubmitReport, *unit)?;
            if !state.is_reporting_unit(u) {
                return Err(Error::Report(ReportError::NotAReportingUnit {
                    unit: ctx.grid.label(*unit),
                }));
            }
            let schedule =
                state
                    .schedule
                    .ok_or(Error::Report(ReportError::NoReportingSchedule {
                        day: *day,
                    }))?;
            if *day < schedule.first_day {
                return Err(Error::Report(ReportError::ReportBeforeFirstDay {
                    day: *day,
                    first_day: schedule.first_day,
                }));
            }
            if *day > ctx.today {
                return Err(Error::Report(ReportError::ReportForFutureDay {
                    day: *day,
                    today: ctx.today,
                }));
            }
            let (figures, head, tree_head) = held(*unit, *day);
            Ok(vec![ReportEvent::ReportSubmitted {
                unit: *unit,
                day: *day,
                figures,
                note: note.clone(),
                head,
                tree_head,
                late_from: schedule.deadline.late_from(*day, ctx.offset),
            }])
        }
    }
}

fn known_unit(grid: &dyn GridView, unit: UnitId) -> Result<&Unit, Error> {
    grid.unit(unit)
        .ok_or(Error::Grid(GridError::UnknownUnit { unit }))
}

impl ReportState {
    /// Folds an event into the state; cannot fail.
    pub(crate) fn apply(&mut self, e: &ReportEvent, meta: &EntryMeta) {
        match e {
            ReportEvent::ReportingUnitAdded { unit, from } => {
                self.added.entry(*unit).or_insert(*from);
            }
            ReportEvent::ScheduleSet { schedule } => self.schedule = Some(*schedule),
            ReportEvent::ReportSubmitted {
                unit,
                day,
                figures,
                note,
                head,
                tree_head,
                late_from,
            } => self
                .submissions
                .entry((*unit, *day))
                .or_default()
                .push(Submission {
                    unit: *unit,
                    day: *day,
                    figures: *figures,
                    note: note.clone(),
                    head: *head,
                    tree_head: *tree_head,
                    by: meta.actor,
                    at: meta.at,
                    seq: meta.seq,
                    late_from: *late_from,
                }),
        }
    }

    /// The schedule in force, if a leader has set one.
    pub(crate) fn schedule(&self) -> Option<Schedule> {
        self.schedule
    }

    fn is_reporting_unit(&self, unit: &Unit) -> bool {
        reports_by_default(unit.kind) || self.added.contains_key(&unit.id)
    }

    /// The reporting units among `units` (the registry's units), in id order: the township,
    /// its villages and communities, and the groups and zones added.
    pub(crate) fn reporting_units<'a>(
        &self,
        units: impl IntoIterator<Item = &'a Unit>,
    ) -> Vec<UnitId> {
        let mut ids: Vec<UnitId> = units
            .into_iter()
            .filter(|u| self.is_reporting_unit(u))
            .map(|u| u.id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The units that must report for `day`: none before the first day or without a
    /// schedule; an added group or zone from the day it was added.
    pub(crate) fn required_units<'a>(
        &self,
        units: impl IntoIterator<Item = &'a Unit>,
        day: Day,
    ) -> Vec<UnitId> {
        match self.schedule {
            Some(s) if day >= s.first_day => self
                .reporting_units(units)
                .into_iter()
                .filter(|u| self.added.get(u).is_none_or(|from| day >= *from))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Every head a submitted report carried (superseded submissions included: the county
    /// kept them too), in order of sequence number, each once.
    pub(crate) fn heads(&self) -> Vec<Head> {
        let mut heads: Vec<Head> = self
            .submissions
            .values()
            .flatten()
            .map(|s| s.head)
            .collect();
        heads.sort_unstable_by_key(|h| h.seq);
        heads.dedup();
        heads
    }

    /// Every submission, superseded ones included, in order of their ledger entry.
    pub(crate) fn all_submissions(&self) -> Vec<&Submission> {
        let mut all: Vec<&Submission> = self.submissions.values().flatten().collect();
        all.sort_unstable_by_key(|s| s.seq);
        all
    }

    /// Every tree head a submitted report carried (superseded submissions included), in order
    /// of size, each once.
    pub(crate) fn tree_heads(&self) -> Vec<TreeHead> {
        let mut heads: Vec<TreeHead> = self
            .submissions
            .values()
            .flatten()
            .map(|s| s.tree_head)
            .collect();
        heads.sort_unstable_by_key(|h| h.size);
        heads.dedup();
        heads
    }

    /// The report in force for a unit and day: the latest submission.
    pub(crate) fn report(&self, unit: UnitId, day: Day) -> Option<&Submission> {
        self.submissions.get(&(unit, day)).and_then(|v| v.last())
    }

    /// Every submission for a unit and day, oldest first (the last is in force).
    pub(crate) fn history(&self, unit: UnitId, day: Day) -> &[Submission] {
        self.submissions
            .get(&(unit, day))
            .map_or(&[], Vec::as_slice)
    }

    /// The units required to report for `day` that have not.
    pub(crate) fn missing<'a>(
        &self,
        units: impl IntoIterator<Item = &'a Unit>,
        day: Day,
    ) -> Vec<UnitId> {
        self.required_units(units, day)
            .into_iter()
            .filter(|u| self.report(*u, day).is_none())
            .collect()
    }

    /// The units whose report in force for `day` came after the deadline.
    pub(crate) fn late(&self, day: Day) -> Vec<UnitId> {
        self.submissions
            .iter()
            .filter(|((_, d), v)| *d == day && v.last().is_some_and(Submission::is_late))
            .map(|((u, _), _)| *u)
            .collect()
    }

    /// The table of `day`: a row per unit required to report (or that reported), labelled by
    /// the grid, and their total.
    pub(crate) fn day_table<'a>(
        &self,
        grid: &dyn GridView,
        units: impl IntoIterator<Item = &'a Unit>,
        area: &str,
        day: Day,
        held: &dyn Fn(UnitId) -> DailyFigures,
    ) -> DayTable {
        let units: Vec<&Unit> = units.into_iter().collect();
        let mut ids: BTreeSet<UnitId> = self
            .required_units(units.iter().copied(), day)
            .into_iter()
            .collect();
        ids.extend(
            self.submissions
                .keys()
                .filter(|(_, d)| *d == day)
                .map(|(u, _)| *u),
        );
        let rows = ids
            .into_iter()
            .map(|u| match self.report(u, day) {
                Some(s) => DayRow {
                    unit: u,
                    label: grid.label(u),
                    status: s.status(),
                    figures: s.figures,
                    registry: Some(held(u)),
                    submitted_at: Some(s.at),
                    note: s.note.clone(),
                },
                None => DayRow::new(u, grid.label(u), RowStatus::Missing).with_registry(held(u)),
            })
            .collect();
        DayTable::new(day, area, rows)
    }
}
