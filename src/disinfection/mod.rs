//! Cleaning and disinfection (环境消杀): sites, schedules of rounds, the staff who answer for
//! them, the rounds they record, and the rounds missed.
//!
//! The article's township had designated staff at township and village level clean and
//! disinfect the township office building, the villages' public places, rubbish bins, the
//! Xiangxinan fruit market and other key places, every day (日清扫、日消毒; DOMAIN.md §9). A
//! skipped round is what supervision looks for. This module records it:
//!
//! - **Sites** ([`Site`], 消杀点位) in units of the grid, of a kind ([`SiteKind`]: presets
//!   office building 办公楼, public place 公共场所, rubbish bin 垃圾桶, market 市场; users
//!   define their own with [`SiteKindDefinition`]).
//! - **Schedules** ([`DisinfectionSchedule`], 消杀计划) as data: what ([`Task`]: cleaning,
//!   disinfection), how often ([`Frequency`]: daily, twice daily, every N days), a window in
//!   local time ([`Window`]), the agent and amount expected ([`Amount`]), from a day F until a
//!   day U (rounds on F ..= U) or until lifted on L (rounds on F ..= L − 1, as a gathering
//!   order). A change gives new terms from a day on and keeps the old ones
//!   ([`ScheduleVersion`]).
//! - **Designated staff** ([`SiteAssignment`], 消杀责任人): a kind of assignment of its own,
//!   to a site from a day until ended; they answer for its rounds.
//! - **Rounds** ([`DisinfectionRound`], 消杀记录) recorded by designated staff (or a leader of
//!   the site's unit) at the instant of the command, with the agent and amount used.
//! - **The rounds of a day** ([`RoundRow`]) are computed, never stored: each round a schedule
//!   expects ([`ExpectedRound`]) is done, late or missed ([`RoundStatus`]), with the staff
//!   responsible; a round no schedule expects is kept and listed as unscheduled.
//!
//! The registry composes what reads other modules: an inspection's "disinfection done" item
//! gets the missed rounds of the unit as proposed evidence (`Registry::propose_evidence`), and
//! the daily figures count rounds done, late and missed.
//!
//! # Choices made here
//! - **Days.** A round counts on the local day of its instant (the township's UTC offset): a
//!   round at 23:30 counts for that day, one at 00:10 for the next.
//! - **Windows** lie within one local day: a window whose end is not after its start is
//!   refused ([`DisinfectionError::WindowEndsBeforeStart`]), including one that would cross
//!   midnight. Both ends are included, to the minute.
//! - **Matching.** On a day, the rounds recorded at a site for a task are matched to the
//!   rounds expected there for that task (every schedule of the site together): first each
//!   round to an open round whose window holds it (done), then each round left to the
//!   earliest expected round left — late if recorded after its window closed, done if before
//!   it opened. Rounds left over are unscheduled. Expected rounds left are missed.
//! - **Missed** is judged with the day taken as over: a query for today lists the rounds not
//!   yet done as missed. Supervision's evidence at an instant counts only windows that have
//!   closed by then.
//! - **No rewriting the past.** A schedule, a change of its terms, a lift, a designation of
//!   staff for a site and its end take effect from today or later, never from a past day:
//!   what was expected and who answered for it stays on record, and no round can be made
//!   missed after the fact.
//! - **Who records a round**: staff assigned to the site on the day, or a leader whose reach
//!   covers the site's unit. Inspectors cannot be assigned to a site.
//! - **Amounts** are whole numbers more than zero, in millilitres, litres, grams or bottles;
//!   both cleaning and disinfection name their agent (`"清水"` for plain water).
//!
//! ```
//! use fangkong::disinfection::{SiteKind, Task};
//! assert_eq!("垃圾点".parse::<SiteKind>()?, SiteKind::RUBBISH_BIN);
//! assert_eq!(Task::Disinfection.label_zh(), "消毒");
//! # Ok::<(), fangkong::Error>(())
//! ```

pub(crate) mod check;
mod error;
mod kind;
mod labels;
mod records;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::ids::{DisinfectionRoundId, DisinfectionScheduleId, SiteId};
pub use error::DisinfectionError;
pub use kind::{SiteKind, SiteKindDefinition};
pub use labels::{AmountUnit, RoundStatus, Task};
pub use records::{
    Amount, DisinfectionRound, DisinfectionSchedule, ExpectedRound, Frequency, MAX_INTERVAL_DAYS,
    MissedRound, RoundRow, ScheduleTerms, ScheduleVersion, Site, SiteAssignment, Window,
};

use crate::calendar::{Day, Instant, UtcOffset};
use crate::error::{Error, text_required};
use crate::grid::context::{Context, EntryMeta, GridView, TextKind, text_field};
use crate::grid::{Action, Role};
use crate::ids::next_id;
use crate::ids::{StaffId, UnitId};

/// What staff ask of cleaning and disinfection. Variant names are the stored format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DisinfectionCommand {
    /// Define a kind of site of your own (one assigned to the township).
    DefineSiteKind(SiteKindDefinition),
    /// Register a site in a unit.
    RegisterSite {
        /// The unit.
        unit: UnitId,
        /// Its kind.
        kind: SiteKind,
        /// Its name or place.
        name: String,
    },
    /// Designate a member of staff for a site from a day on (today or later): they answer
    /// for its rounds.
    AssignToSite {
        /// The site.
        site: SiteId,
        /// Who.
        staff: StaffId,
        /// The first day they answer for it.
        from: Day,
    },
    /// End a designation from a day on (today or later).
    EndSiteAssignment {
        /// The site.
        site: SiteId,
        /// Who.
        staff: StaffId,
        /// The first day they no longer answer for it.
        from: Day,
    },
    /// Set a schedule of rounds at a site, from a day (today or later) until a day or until
    /// lifted.
    SetSchedule {
        /// The site.
        site: SiteId,
        /// What is done.
        task: Task,
        /// How often, when, with what.
        terms: ScheduleTerms,
        /// The first day of rounds.
        first: Day,
        /// The last day of rounds; `None` until lifted.
        last: Option<Day>,
    },
    /// Give a schedule new terms from a day on (today or later; the old terms are kept).
    ChangeSchedule {
        /// The schedule.
        schedule: DisinfectionScheduleId,
        /// The first day of the new terms.
        from: Day,
        /// The new terms.
        terms: ScheduleTerms,
    },
    /// Lift a schedule from a day on (today or later): rounds on F ..= L − 1.
    LiftSchedule {
        /// The schedule.
        schedule: DisinfectionScheduleId,
        /// The first day it no longer applies.
        from: Day,
    },
    /// Record a round at a site now (designated staff, or a leader of the site's unit).
    RecordRound {
        /// The site.
        site: SiteId,
        /// What was done.
        task: Task,
        /// The agent used.
        agent: String,
        /// How much of it.
        amount: Amount,
        /// What the recorder writes (may be empty).
        note: String,
    },
}

impl DisinfectionCommand {
    /// The permission row of the command.
    pub fn action(&self) -> Action {
        match self {
            DisinfectionCommand::RecordRound { .. } => Action::RecordDisinfection,
            _ => Action::ManageDisinfection,
        }
    }
}

/// What happened in cleaning and disinfection: past-tense facts. Who and when come from the
/// ledger entry that carries the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DisinfectionEvent {
    /// A kind of site was defined.
    SiteKindDefined(SiteKindDefinition),
    /// A site was registered.
    SiteRegistered {
        /// Its id.
        site: SiteId,
        /// The unit.
        unit: UnitId,
        /// Its kind.
        kind: SiteKind,
        /// Its name.
        name: String,
    },
    /// Someone was designated for a site.
    AssignedToSite {
        /// The site.
        site: SiteId,
        /// Who.
        staff: StaffId,
        /// From which day.
        from: Day,
    },
    /// A designation ended.
    SiteAssignmentEnded {
        /// The site.
        site: SiteId,
        /// Who.
        staff: StaffId,
        /// The first day they no longer answer for it.
        from: Day,
    },
    /// A schedule was set.
    ScheduleSet {
        /// Its id.
        schedule: DisinfectionScheduleId,
        /// The site.
        site: SiteId,
        /// What is done.
        task: Task,
        /// Its terms.
        terms: ScheduleTerms,
        /// The first day.
        first: Day,
        /// The last day, if any.
        last: Option<Day>,
    },
    /// A schedule got new terms from a day on.
    ScheduleChanged {
        /// The schedule.
        schedule: DisinfectionScheduleId,
        /// Its site.
        site: SiteId,
        /// The first day of the new terms.
        from: Day,
        /// The new terms.
        terms: ScheduleTerms,
    },
    /// A schedule was lifted.
    ScheduleLifted {
        /// The schedule.
        schedule: DisinfectionScheduleId,
        /// Its site.
        site: SiteId,
        /// The first day it no longer applies.
        from: Day,
    },
    /// A round was recorded (at the entry's instant).
    RoundRecorded {
        /// Its id.
        round: DisinfectionRoundId,
        /// The site.
        site: SiteId,
        /// What was done.
        task: Task,
        /// The agent used.
        agent: String,
        /// How much.
        amount: Amount,
        /// The note.
        note: String,
    },
}

impl DisinfectionEvent {
    /// The site, schedule and round the event is about, for the audit trail.
    pub(crate) fn subjects(
        &self,
    ) -> (
        Option<SiteId>,
        Option<DisinfectionScheduleId>,
        Option<DisinfectionRoundId>,
        Option<StaffId>,
    ) {
        match self {
            DisinfectionEvent::SiteKindDefined(_) => (None, None, None, None),
            DisinfectionEvent::SiteRegistered { site, .. } => (Some(*site), None, None, None),
            DisinfectionEvent::AssignedToSite { site, staff, .. }
            | DisinfectionEvent::SiteAssignmentEnded { site, staff, .. } => {
                (Some(*site), None, None, Some(*staff))
            }
            DisinfectionEvent::ScheduleSet { schedule, site, .. }
            | DisinfectionEvent::ScheduleChanged { schedule, site, .. }
            | DisinfectionEvent::ScheduleLifted { schedule, site, .. } => {
                (Some(*site), Some(*schedule), None, None)
            }
            DisinfectionEvent::RoundRecorded { round, site, .. } => {
                (Some(*site), None, Some(*round), None)
            }
        }
    }
}

/// Cleaning and disinfection's state, built only by [`DisinfectionState::apply`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DisinfectionState {
    site_kinds: BTreeMap<SiteKind, SiteKindDefinition>,
    sites: BTreeMap<SiteId, Site>,
    assignments: Vec<SiteAssignment>,
    schedules: BTreeMap<DisinfectionScheduleId, DisinfectionSchedule>,
    rounds: BTreeMap<DisinfectionRoundId, DisinfectionRound>,
    /// The rounds of each local day, by site.
    rounds_by_day: BTreeMap<(Day, SiteId), Vec<DisinfectionRoundId>>,
}

/// How messages name a member of staff: name and id (`王建国 (S7)`).
fn who(grid: &dyn GridView, staff: StaffId) -> String {
    grid.staff(staff)
        .map_or_else(|| staff.to_string(), |s| format!("{} ({})", s.name, s.id))
}

/// Checks the free text a command carries against its limits ([`crate::limits`]).
fn check_texts(cmd: &DisinfectionCommand) -> Result<(), Error> {
    use TextKind::{Name, Note};
    match cmd {
        DisinfectionCommand::DefineSiteKind(def) => {
            text_field(&def.name_en, "the English name of the kind of site", Name)?;
            Ok(text_field(
                &def.name_zh,
                "the Chinese name of the kind of site",
                Name,
            )?)
        }
        DisinfectionCommand::RegisterSite { name, .. } => {
            Ok(text_field(name, "the site's name", Name)?)
        }
        DisinfectionCommand::SetSchedule { terms, .. }
        | DisinfectionCommand::ChangeSchedule { terms, .. } => {
            Ok(text_field(&terms.agent, "the agent expected", Name)?)
        }
        DisinfectionCommand::RecordRound { agent, note, .. } => {
            text_field(agent, "the agent used", Name)?;
            Ok(text_field(note, "the round's note", Note)?)
        }
        _ => Ok(()),
    }
}

/// Checks terms: the window (and a second one after it), the interval, the agent, the amount.
fn check_terms(terms: &ScheduleTerms) -> Result<(), Error> {
    terms.window.check()?;
    match terms.frequency {
        Frequency::Daily => {}
        Frequency::TwiceDaily { second } => {
            second.check()?;
            if second.start <= terms.window.end {
                return Err(DisinfectionError::WindowsOverlap {
                    first_end: terms.window.end,
                    second_start: second.start,
                }
                .into());
            }
        }
        Frequency::EveryNDays { days } => {
            if days == 0 || days > MAX_INTERVAL_DAYS {
                return Err(DisinfectionError::InvalidInterval {
                    days,
                    max: MAX_INTERVAL_DAYS,
                }
                .into());
            }
        }
    }
    text_required(&terms.agent, "the agent expected")?;
    terms.amount.checked("the amount expected")?;
    Ok(())
}

fn not_in_past(what: &'static str, day: Day, today: Day) -> Result<(), Error> {
    if day < today {
        return Err(DisinfectionError::ReachesIntoPast { what, day, today }.into());
    }
    Ok(())
}

/// Decides a command: authorizes it (beyond the role table, which the registry checks) and
/// validates it against the state; returns the events to record, or the error. Changes
/// nothing.
///
/// # Errors
/// The crate's shared refusals ([`Error::UnknownStaff`], [`Error::OutsideAssignedUnits`],
/// [`Error::TextRequired`], an unknown unit, the limits on text, [`Error::Value`] when the
/// numbers run out) and the module's own ([`Error::Disinfection`]).
pub(crate) fn decide(
    state: &DisinfectionState,
    ctx: &Context<'_>,
    cmd: &DisinfectionCommand,
) -> Result<Vec<DisinfectionEvent>, Error> {
    check_texts(cmd)?;
    let action = cmd.action();
    let grid = ctx.grid;
    match cmd {
        DisinfectionCommand::DefineSiteKind(def) => {
            ctx.reach_township(action)?;
            if def.kind.is_preset() || state.site_kinds.contains_key(&def.kind) {
                return Err(DisinfectionError::SiteKindAlreadyDefined {
                    kind: def.kind.key().to_owned(),
                }
                .into());
            }
            text_required(&def.name_en, "the English name of the kind of site")?;
            text_required(&def.name_zh, "the Chinese name of the kind of site")?;
            Ok(vec![DisinfectionEvent::SiteKindDefined(def.clone())])
        }
        DisinfectionCommand::RegisterSite { unit, kind, name } => {
            grid.known_unit(*unit)?;
            ctx.reach(action, *unit)?;
            text_required(name, "the site's name")?;
            if !kind.is_preset() && !state.site_kinds.contains_key(kind) {
                return Err(DisinfectionError::UnknownSiteKind {
                    kind: kind.key().to_owned(),
                }
                .into());
            }
            Ok(vec![DisinfectionEvent::SiteRegistered {
                site: SiteId::new(next_id(&state.sites, SiteId::get, "disinfection sites")?),
                unit: *unit,
                kind: kind.clone(),
                name: name.trim().to_owned(),
            }])
        }
        DisinfectionCommand::AssignToSite { site, staff, from } => {
            let s = state.site_of(*site)?;
            ctx.reach(action, s.unit)?;
            let person = grid
                .staff(*staff)
                .ok_or(Error::UnknownStaff { staff: *staff })?;
            if person.role == Role::Inspector {
                return Err(DisinfectionError::InspectorNotDesignated {
                    staff: who(grid, *staff),
                }
                .into());
            }
            if state
                .assignments
                .iter()
                .any(|a| a.site == *site && a.staff == *staff && a.until.is_none_or(|u| *from < u))
            {
                return Err(DisinfectionError::AlreadyAssignedToSite {
                    staff: who(grid, *staff),
                    site: *site,
                }
                .into());
            }
            not_in_past("the designation", *from, ctx.today)?;
            Ok(vec![DisinfectionEvent::AssignedToSite {
                site: *site,
                staff: *staff,
                from: *from,
            }])
        }
        DisinfectionCommand::EndSiteAssignment { site, staff, from } => {
            let s = state.site_of(*site)?;
            ctx.reach(action, s.unit)?;
            let open = state
                .assignments
                .iter()
                .find(|a| a.site == *site && a.staff == *staff && a.until.is_none())
                .ok_or_else(|| DisinfectionError::NotAssignedToSite {
                    staff: who(grid, *staff),
                    site: *site,
                })?;
            if *from <= open.from {
                return Err(DisinfectionError::AssignmentEndNotAfterStart {
                    staff: who(grid, *staff),
                    site: *site,
                    day: *from,
                    from: open.from,
                }
                .into());
            }
            not_in_past("the end of the assignment", *from, ctx.today)?;
            Ok(vec![DisinfectionEvent::SiteAssignmentEnded {
                site: *site,
                staff: *staff,
                from: *from,
            }])
        }
        DisinfectionCommand::SetSchedule {
            site,
            task,
            terms,
            first,
            last,
        } => {
            let s = state.site_of(*site)?;
            ctx.reach(action, s.unit)?;
            check_terms(terms)?;
            if let Some(l) = last
                && l < first
            {
                return Err(DisinfectionError::ScheduleDaysReversed {
                    first: *first,
                    last: *l,
                }
                .into());
            }
            not_in_past("the schedule", *first, ctx.today)?;
            Ok(vec![DisinfectionEvent::ScheduleSet {
                schedule: DisinfectionScheduleId::new(next_id(
                    &state.schedules,
                    DisinfectionScheduleId::get,
                    "disinfection schedules",
                )?),
                site: *site,
                task: *task,
                terms: trimmed(terms),
                first: *first,
                last: *last,
            }])
        }
        DisinfectionCommand::ChangeSchedule {
            schedule,
            from,
            terms,
        } => {
            let sch = state.schedule_of(*schedule)?;
            let s = state.site_of(sch.site)?;
            ctx.reach(action, s.unit)?;
            check_terms(terms)?;
            let latest = sch.versions.last().map_or(sch.first, |v| v.from);
            if *from <= latest {
                return Err(DisinfectionError::ChangeNotAfterLatest {
                    schedule: *schedule,
                    day: *from,
                    latest,
                }
                .into());
            }
            if let Some(last) = sch.last_day()
                && *from > last
            {
                return Err(DisinfectionError::AfterScheduleEnd {
                    schedule: *schedule,
                    day: *from,
                    last,
                }
                .into());
            }
            not_in_past("the change", *from, ctx.today)?;
            Ok(vec![DisinfectionEvent::ScheduleChanged {
                schedule: *schedule,
                site: sch.site,
                from: *from,
                terms: trimmed(terms),
            }])
        }
        DisinfectionCommand::LiftSchedule { schedule, from } => {
            let sch = state.schedule_of(*schedule)?;
            let s = state.site_of(sch.site)?;
            ctx.reach(action, s.unit)?;
            if let Some(lifted) = sch.lifted {
                return Err(DisinfectionError::ScheduleAlreadyLifted {
                    schedule: *schedule,
                    lifted,
                }
                .into());
            }
            if *from <= sch.first {
                return Err(DisinfectionError::LiftNotAfterStart {
                    schedule: *schedule,
                    day: *from,
                    first: sch.first,
                }
                .into());
            }
            if let Some(last) = sch.last
                && *from > last
            {
                return Err(DisinfectionError::AfterScheduleEnd {
                    schedule: *schedule,
                    day: *from,
                    last,
                }
                .into());
            }
            not_in_past("the lift", *from, ctx.today)?;
            Ok(vec![DisinfectionEvent::ScheduleLifted {
                schedule: *schedule,
                site: sch.site,
                from: *from,
            }])
        }
        DisinfectionCommand::RecordRound {
            site,
            task,
            agent,
            amount,
            note,
        } => {
            let s = state.site_of(*site)?;
            let designated = state
                .designated(*site, ctx.today)
                .any(|x| x == ctx.actor.id);
            if !designated {
                // Outside the recorder's reach: the shared refusal names their units.
                ctx.reach(action, s.unit)?;
                if ctx.actor.role != Role::Leader {
                    return Err(DisinfectionError::NotDesignated {
                        actor: who(grid, ctx.actor.id),
                        site: *site,
                        name: s.name.clone(),
                    }
                    .into());
                }
            }
            text_required(agent, "the agent used")?;
            amount.checked("the amount used")?;
            Ok(vec![DisinfectionEvent::RoundRecorded {
                round: DisinfectionRoundId::new(next_id(
                    &state.rounds,
                    DisinfectionRoundId::get,
                    "disinfection rounds",
                )?),
                site: *site,
                task: *task,
                agent: agent.trim().to_owned(),
                amount: *amount,
                note: note.trim().to_owned(),
            }])
        }
    }
}

fn trimmed(terms: &ScheduleTerms) -> ScheduleTerms {
    let mut t = terms.clone();
    t.agent = t.agent.trim().to_owned();
    t
}

impl DisinfectionState {
    /// Folds one event into the state. Cannot fail: the event was decided against this state.
    pub(crate) fn apply(&mut self, e: &DisinfectionEvent, meta: &EntryMeta) {
        match e {
            DisinfectionEvent::SiteKindDefined(def) => {
                self.site_kinds.insert(def.kind.clone(), def.clone());
            }
            DisinfectionEvent::SiteRegistered {
                site,
                unit,
                kind,
                name,
            } => {
                self.sites.insert(
                    *site,
                    Site {
                        id: *site,
                        unit: *unit,
                        kind: kind.clone(),
                        name: name.clone(),
                    },
                );
            }
            DisinfectionEvent::AssignedToSite { site, staff, from } => {
                self.assignments.push(SiteAssignment {
                    site: *site,
                    staff: *staff,
                    from: *from,
                    until: None,
                    assigned_by: meta.actor,
                });
            }
            DisinfectionEvent::SiteAssignmentEnded { site, staff, from } => {
                if let Some(a) = self
                    .assignments
                    .iter_mut()
                    .find(|a| a.site == *site && a.staff == *staff && a.until.is_none())
                {
                    a.until = Some(*from);
                }
            }
            DisinfectionEvent::ScheduleSet {
                schedule,
                site,
                task,
                terms,
                first,
                last,
            } => {
                self.schedules.insert(
                    *schedule,
                    DisinfectionSchedule {
                        id: *schedule,
                        site: *site,
                        task: *task,
                        first: *first,
                        last: *last,
                        lifted: None,
                        versions: vec![ScheduleVersion {
                            from: *first,
                            terms: terms.clone(),
                            set_by: meta.actor,
                            set_at: meta.at,
                        }],
                    },
                );
            }
            DisinfectionEvent::ScheduleChanged {
                schedule,
                from,
                terms,
                ..
            } => {
                if let Some(s) = self.schedules.get_mut(schedule) {
                    s.versions.push(ScheduleVersion {
                        from: *from,
                        terms: terms.clone(),
                        set_by: meta.actor,
                        set_at: meta.at,
                    });
                }
            }
            DisinfectionEvent::ScheduleLifted { schedule, from, .. } => {
                if let Some(s) = self.schedules.get_mut(schedule) {
                    s.lifted = Some(*from);
                }
            }
            DisinfectionEvent::RoundRecorded {
                round,
                site,
                task,
                agent,
                amount,
                note,
            } => {
                self.rounds.insert(
                    *round,
                    DisinfectionRound {
                        id: *round,
                        site: *site,
                        task: *task,
                        at: meta.at,
                        day: meta.day,
                        agent: agent.clone(),
                        amount: *amount,
                        note: note.clone(),
                        recorded_by: meta.actor,
                    },
                );
                self.rounds_by_day
                    .entry((meta.day, *site))
                    .or_default()
                    .push(*round);
            }
        }
    }

    fn site_of(&self, id: SiteId) -> Result<&Site, Error> {
        self.sites
            .get(&id)
            .ok_or_else(|| DisinfectionError::UnknownSite { site: id }.into())
    }

    fn schedule_of(&self, id: DisinfectionScheduleId) -> Result<&DisinfectionSchedule, Error> {
        self.schedules
            .get(&id)
            .ok_or_else(|| DisinfectionError::UnknownSchedule { schedule: id }.into())
    }

    // --- queries ---

    /// The definition of a kind of site of the users' own.
    pub(crate) fn site_kind(&self, kind: &SiteKind) -> Option<&SiteKindDefinition> {
        self.site_kinds.get(kind)
    }

    /// A site.
    pub(crate) fn site(&self, id: SiteId) -> Option<&Site> {
        self.sites.get(&id)
    }

    /// Every site, by id.
    pub(crate) fn sites(&self) -> impl Iterator<Item = &Site> {
        self.sites.values()
    }

    /// Every site assignment, in the order recorded.
    pub(crate) fn assignments(&self) -> &[SiteAssignment] {
        &self.assignments
    }

    /// The staff designated for `site` on `day`.
    pub(crate) fn designated(&self, site: SiteId, day: Day) -> impl Iterator<Item = StaffId> + '_ {
        self.assignments
            .iter()
            .filter(move |a| a.site == site && a.covers(day))
            .map(|a| a.staff)
    }

    /// A schedule.
    pub(crate) fn schedule(&self, id: DisinfectionScheduleId) -> Option<&DisinfectionSchedule> {
        self.schedules.get(&id)
    }

    /// Every schedule, by id.
    pub(crate) fn schedules(&self) -> impl Iterator<Item = &DisinfectionSchedule> {
        self.schedules.values()
    }

    /// A recorded round.
    pub(crate) fn round(&self, id: DisinfectionRoundId) -> Option<&DisinfectionRound> {
        self.rounds.get(&id)
    }

    /// Every recorded round, by id.
    pub(crate) fn rounds(&self) -> impl Iterator<Item = &DisinfectionRound> {
        self.rounds.values()
    }

    /// The rounds every schedule expects on `day`, by site, window and schedule.
    pub(crate) fn expected_on(&self, day: Day) -> Vec<ExpectedRound> {
        let mut out = Vec::new();
        for sch in self.schedules.values() {
            let Some(site) = self.sites.get(&sch.site) else {
                continue;
            };
            let Some(version) = sch.version_on(day) else {
                continue;
            };
            for (i, window) in version
                .terms
                .windows_on(version.from, day)
                .into_iter()
                .enumerate()
            {
                out.push(ExpectedRound {
                    schedule: sch.id,
                    site: sch.site,
                    unit: site.unit,
                    day,
                    slot: if i == 0 { 1 } else { 2 },
                    task: sch.task,
                    window,
                    agent: version.terms.agent.clone(),
                    amount: version.terms.amount,
                });
            }
        }
        out.sort_by_key(|e| (e.site, e.task, e.window.start, e.schedule, e.slot));
        out
    }

    /// The rounds expected on `day` and what became of them, and the rounds recorded that day
    /// no schedule expects (unscheduled). With `cutoff`, only rounds recorded by then count,
    /// and only expected rounds whose window closed before it are judged (for evidence at an
    /// instant); without it the day is taken as over.
    pub(crate) fn rounds_on(
        &self,
        day: Day,
        offset: UtcOffset,
        cutoff: Option<Instant>,
    ) -> (Vec<RoundRow>, Vec<DisinfectionRoundId>) {
        let expected: Vec<ExpectedRound> = self
            .expected_on(day)
            .into_iter()
            .filter(|e| {
                cutoff.is_none_or(|c| Instant::at(day, e.window.end, offset).plus_seconds(60) <= c)
            })
            .collect();
        let mut rows: Vec<RoundRow> = Vec::with_capacity(expected.len());
        let mut unscheduled = Vec::new();
        // Group the expected rounds by site and task; match each group to its rounds.
        let mut groups: BTreeMap<(SiteId, Task), Vec<ExpectedRound>> = BTreeMap::new();
        for e in expected {
            groups.entry((e.site, e.task)).or_default().push(e);
        }
        let recorded = |site: SiteId, task: Option<Task>| -> Vec<&DisinfectionRound> {
            self.rounds_by_day
                .get(&(day, site))
                .into_iter()
                .flatten()
                .filter_map(|id| self.rounds.get(id))
                .filter(|r| task.is_none_or(|t| r.task == t))
                .filter(|r| cutoff.is_none_or(|c| r.at <= c))
                .collect()
        };
        for ((site, task), slots) in &groups {
            let rounds = recorded(*site, Some(*task));
            let matched = match_rounds(slots, &rounds, offset);
            let responsible: Vec<StaffId> = self.designated(*site, day).collect();
            let mut used = vec![false; rounds.len()];
            for (slot, m) in slots.iter().zip(matched) {
                let (status, round, done_at) = match m {
                    Some((i, status)) => {
                        used[i] = true;
                        (status, Some(rounds[i].id), Some(rounds[i].at))
                    }
                    None => (RoundStatus::Missed, None, None),
                };
                rows.push(RoundRow {
                    expected: slot.clone(),
                    status,
                    round,
                    done_at,
                    responsible: responsible.clone(),
                });
            }
            unscheduled.extend(
                rounds
                    .iter()
                    .zip(&used)
                    .filter(|(_, u)| !**u)
                    .map(|(r, _)| r.id),
            );
        }
        // Rounds at sites or of tasks with nothing expected that day.
        let day_range = (day, SiteId::new(0))..=(day, SiteId::new(u32::MAX));
        for ((_, site), ids) in self.rounds_by_day.range(day_range) {
            for id in ids {
                let Some(r) = self.rounds.get(id) else {
                    continue;
                };
                if cutoff.is_some_and(|c| r.at > c) {
                    continue;
                }
                if !groups.contains_key(&(*site, r.task)) {
                    unscheduled.push(*id);
                }
            }
        }
        unscheduled.sort_unstable();
        (rows, unscheduled)
    }
}

/// Matches the rounds recorded at a site for a task on a day (in the order recorded) to the
/// rounds expected (by window): for each expected round, the index of its round and whether
/// it was done or late, or `None` if missed. See the module's "Matching".
fn match_rounds(
    slots: &[ExpectedRound],
    rounds: &[&DisinfectionRound],
    offset: UtcOffset,
) -> Vec<Option<(usize, RoundStatus)>> {
    let mut out: Vec<Option<(usize, RoundStatus)>> = vec![None; slots.len()];
    let mut used = vec![false; rounds.len()];
    let time = |r: &DisinfectionRound| r.at.time_in(offset);
    // First, rounds inside a window.
    for (i, r) in rounds.iter().enumerate() {
        if let Some(k) =
            (0..slots.len()).find(|k| out[*k].is_none() && slots[*k].window.contains(time(r)))
        {
            out[k] = Some((i, RoundStatus::Done));
            used[i] = true;
        }
    }
    // Then the rounds left, to the earliest expected rounds left.
    for (i, r) in rounds.iter().enumerate() {
        if used[i] {
            continue;
        }
        if let Some(k) = (0..slots.len()).find(|k| out[*k].is_none()) {
            let status = if time(r) > slots[k].window.end {
                RoundStatus::Late
            } else {
                RoundStatus::Done
            };
            out[k] = Some((i, status));
            used[i] = true;
        }
    }
    out
}
