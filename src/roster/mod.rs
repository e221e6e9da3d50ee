//! Duty rosters (值班排班) and staff on post (人员在岗): leave cancelled, posts and shifts,
//! volunteers, check-in and check-out.
//!
//! From 正月初二 (2020-01-26) the article's township cancelled every cadre's leave and put
//! cadres and volunteers on checkpoint duty at the village entries; its supervision group
//! checked "staff on post" by covert visits (DOMAIN.md §9). This module records it:
//!
//! - **Leave cancellations** ([`LeaveCancellation`], 取消休假): a leader of a unit cancels the
//!   leave of the staff of the unit and the units below it from a day F until lifted on a day
//!   L; it is in force on F ..= L − 1 (as a gathering order lifted on L). A leave request
//!   ([`RosterCommand::RequestLeave`]) with any of its days in force is refused, naming the
//!   cancellation and the days, unless a leader recorded an exception ([`LeaveException`],
//!   特批) for that person covering those days, with a reason ([`ExceptionReason`]: illness,
//!   family, other with a text). Nothing is overwritten: a lift, an exception and a leave are
//!   events of their own.
//! - **Posts** ([`Post`], 岗位) of a kind ([`PostKind`]: presets checkpoint 卡点, office duty
//!   值班, village duty 村级值守; users define their own with [`PostKindDefinition`],
//!   saying whether volunteers stand it) in a unit; **shifts** ([`Shift`], 班次) with a start, an end
//!   after it (a shift may cross midnight) and the number of people required, an optional
//!   shift leader (带班人); staff and volunteers assigned to shifts.
//! - **Volunteers** ([`Volunteer`], 志愿者): staff with the volunteer role, enrolled with the day
//!   they consented (and who recorded it), their birth year and the unit they serve. A
//!   volunteer may stand a checkpoint or village-duty shift in that unit, never office duty,
//!   and never lead a shift ([`Duty::fits`](crate::Duty::fits) already keeps them from taking
//!   charge of a unit). Their service record ([`ServiceRecord`]) gives each shift with the
//!   minutes served.
//! - **On post** ([`OnPost`], 人员在岗): check-in and check-out by the person or the shift's
//!   leader; for any instant, who should be on a post and who is recorded there; the shifts of
//!   a day with how they were staffed ([`ShiftRow`]), those short of people among them.
//!
//! The registry composes what reads other modules: an inspection of a post gets evidence for
//! its "staff on post" item from the roster (`Registry::propose_evidence_at`), and the daily
//! figures count shifts staffed and short and volunteers on duty.
//!
//! # Choices made here
//! - **Who a leave cancellation binds.** Every member of staff but volunteers with an
//!   assignment to its unit or a unit below it; a cancellation of the township binds every
//!   member of staff but volunteers. Volunteers volunteer: they take no leave.
//! - **Who cancels, lifts and excepts.** A leader of the cancellation's unit (one assigned to
//!   it or above it: the one reach rule). A leave is recorded by the person themselves or by
//!   a leader whose reach covers a unit the person is assigned to.
//! - **Days.** A shift counts on the local day it starts (a night shift from 20:00 to 08:00
//!   counts on its first day). A shift lasts at most [`MAX_SHIFT_HOURS`] hours. Check-in opens
//!   [`CHECK_IN_EARLY_MINUTES`] minutes before the start and closes at the end; check-out is
//!   recorded whenever it comes, and the minutes served are cut to the shift.
//! - **Check-in and check-out** happen at the command's instant, recorded by the person or by
//!   the shift's leader. A stretch not yet checked out counts as on post from its check-in,
//!   and counts no minutes served until it is checked out.
//! - **Short.** A shift of a day is short when fewer distinct people checked in during it than
//!   it requires; at an instant, a post is short when fewer are checked in than its shifts at
//!   that instant require.
//!
//! ```
//! use fangkong::roster::{ExceptionReason, PostKind};
//! assert_eq!("卡点".parse::<PostKind>()?, PostKind::CHECKPOINT);
//! assert_eq!(ExceptionReason::Illness.label_zh(), "患病");
//! # Ok::<(), fangkong::Error>(())
//! ```

pub(crate) mod check;
mod error;
mod kind;
mod labels;
mod records;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::ids::{LeaveCancellationId, LeaveExceptionId, LeaveId, PostId, ShiftId};
pub use error::RosterError;
pub use kind::{PostKind, PostKindDefinition};
pub use labels::ExceptionReason;
pub use records::{
    Leave, LeaveCancellation, LeaveException, OnPost, Post, Presence, ServiceEntry, ServiceRecord,
    Shift, ShiftRow, Volunteer,
};

use crate::calendar::{Day, Instant, UtcOffset};
use crate::error::{Error, text_required};
use crate::grid::context::{Context, EntryMeta, GridView, TextKind, text_field};
use crate::grid::{Action, Role, Staff};
use crate::ids::next_id;
use crate::ids::{StaffId, UnitId};

/// The longest shift, in hours: a longer one is split into shifts.
pub const MAX_SHIFT_HOURS: u32 = 24;

/// How many minutes before its start a shift opens for check-in.
pub const CHECK_IN_EARLY_MINUTES: u32 = 60;

/// What staff ask of the duty roster. Variant names are the stored format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum RosterCommand {
    /// Define a kind of post of your own (one assigned to the township).
    DefinePostKind(PostKindDefinition),
    /// Cancel the leave of the staff of a unit and the units below it, from a day until lifted
    /// (a leader of the unit).
    CancelLeave {
        /// The unit.
        unit: UnitId,
        /// The notice's title.
        title: String,
        /// The first day leave is cancelled.
        first: Day,
    },
    /// Lift a leave cancellation from a day on (a leader of its unit).
    LiftLeaveCancellation {
        /// The cancellation.
        cancellation: LeaveCancellationId,
        /// The first day it no longer applies: after its first day.
        from: Day,
    },
    /// Except one member of staff from a leave cancellation on some days, for a reason
    /// (a leader of its unit).
    GrantLeaveException {
        /// The cancellation.
        cancellation: LeaveCancellationId,
        /// Who may take leave.
        staff: StaffId,
        /// The first day excepted.
        first: Day,
        /// The last day excepted.
        last: Day,
        /// Why.
        reason: ExceptionReason,
        /// What the leader writes (required for [`ExceptionReason::Other`]).
        note: String,
    },
    /// Record a leave (the person, or a leader of theirs): refused on days a leave
    /// cancellation binds them, unless excepted.
    RequestLeave {
        /// Who.
        staff: StaffId,
        /// The first day of leave.
        first: Day,
        /// The last day of leave.
        last: Day,
        /// What they write.
        note: String,
    },
    /// Establish a post in a unit.
    EstablishPost {
        /// The unit.
        unit: UnitId,
        /// Its kind.
        kind: PostKind,
        /// Its name or place.
        name: String,
    },
    /// Schedule a shift at a post.
    ScheduleShift {
        /// The post.
        post: PostId,
        /// Its start.
        start: Instant,
        /// Its end: after the start, at most [`MAX_SHIFT_HOURS`] later.
        end: Instant,
        /// How many people it requires: at least one.
        required: u32,
        /// Its leader (带班人), who may check people in and out: not a volunteer.
        leader: Option<StaffId>,
    },
    /// Assign a member of staff or a volunteer to a shift.
    AssignToShift {
        /// The shift.
        shift: ShiftId,
        /// Who.
        staff: StaffId,
    },
    /// Take someone off a shift before they checked in.
    RemoveFromShift {
        /// The shift.
        shift: ShiftId,
        /// Who.
        staff: StaffId,
    },
    /// Enroll a member of staff with the volunteer role as a volunteer, with their consent.
    EnrollVolunteer {
        /// The member of staff (role volunteer).
        staff: StaffId,
        /// The day they consented; required (a volunteer serves only with consent).
        consent: Option<Day>,
        /// Their year of birth.
        birth_year: i32,
        /// The unit they serve.
        unit: UnitId,
    },
    /// Check someone in to their shift now (the person or the shift's leader).
    CheckIn {
        /// The shift.
        shift: ShiftId,
        /// Who.
        staff: StaffId,
    },
    /// Check someone out of their shift now (the person or the shift's leader).
    CheckOut {
        /// The shift.
        shift: ShiftId,
        /// Who.
        staff: StaffId,
    },
}

impl RosterCommand {
    /// The permission row of the command.
    pub fn action(&self) -> Action {
        match self {
            RosterCommand::CancelLeave { .. }
            | RosterCommand::LiftLeaveCancellation { .. }
            | RosterCommand::GrantLeaveException { .. } => Action::ManageLeaveCancellations,
            RosterCommand::RequestLeave { .. } => Action::RequestLeave,
            RosterCommand::DefinePostKind(_)
            | RosterCommand::EstablishPost { .. }
            | RosterCommand::ScheduleShift { .. } => Action::ManagePosts,
            RosterCommand::AssignToShift { .. } | RosterCommand::RemoveFromShift { .. } => {
                Action::AssignShifts
            }
            RosterCommand::EnrollVolunteer { .. } => Action::EnrollVolunteer,
            RosterCommand::CheckIn { .. } | RosterCommand::CheckOut { .. } => Action::CheckInOut,
        }
    }
}

/// What happened in the duty roster: past-tense facts. Who and when come from the ledger
/// entry that carries the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum RosterEvent {
    /// A kind of post was defined.
    PostKindDefined(PostKindDefinition),
    /// Leave was cancelled.
    LeaveCancelled {
        /// Its id.
        cancellation: LeaveCancellationId,
        /// The unit.
        unit: UnitId,
        /// Its title.
        title: String,
        /// Its first day.
        first: Day,
    },
    /// A leave cancellation was lifted.
    LeaveCancellationLifted {
        /// The cancellation.
        cancellation: LeaveCancellationId,
        /// The first day it no longer applies.
        from: Day,
    },
    /// An exception to a leave cancellation was granted.
    LeaveExceptionGranted {
        /// Its id.
        exception: LeaveExceptionId,
        /// The cancellation.
        cancellation: LeaveCancellationId,
        /// Who.
        staff: StaffId,
        /// The first day excepted.
        first: Day,
        /// The last day excepted.
        last: Day,
        /// Why.
        reason: ExceptionReason,
        /// The leader's note.
        note: String,
    },
    /// A leave was recorded.
    LeaveRecorded {
        /// Its id.
        leave: LeaveId,
        /// Who.
        staff: StaffId,
        /// The first day.
        first: Day,
        /// The last day.
        last: Day,
        /// What they wrote.
        note: String,
        /// The exceptions it rests on.
        exceptions: Vec<LeaveExceptionId>,
    },
    /// A post was established.
    PostEstablished {
        /// Its id.
        post: PostId,
        /// The unit.
        unit: UnitId,
        /// Its kind.
        kind: PostKind,
        /// Its name or place.
        name: String,
    },
    /// A shift was scheduled.
    ShiftScheduled {
        /// Its id.
        shift: ShiftId,
        /// The post.
        post: PostId,
        /// Its start.
        start: Instant,
        /// Its end.
        end: Instant,
        /// How many people it requires.
        required: u32,
        /// Its leader.
        leader: Option<StaffId>,
    },
    /// Someone was assigned to a shift.
    AssignedToShift {
        /// The shift.
        shift: ShiftId,
        /// Who.
        staff: StaffId,
    },
    /// Someone was taken off a shift.
    RemovedFromShift {
        /// The shift.
        shift: ShiftId,
        /// Who.
        staff: StaffId,
    },
    /// A volunteer was enrolled.
    VolunteerEnrolled {
        /// The member of staff.
        staff: StaffId,
        /// The day they consented.
        consent: Day,
        /// Their year of birth.
        birth_year: i32,
        /// The unit they serve.
        unit: UnitId,
    },
    /// Someone checked in (at the entry's instant).
    CheckedIn {
        /// The shift.
        shift: ShiftId,
        /// Who.
        staff: StaffId,
    },
    /// Someone checked out (at the entry's instant).
    CheckedOut {
        /// The shift.
        shift: ShiftId,
        /// Who.
        staff: StaffId,
    },
}

/// The duty roster's state, built only by [`RosterState::apply`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RosterState {
    post_kinds: BTreeMap<PostKind, PostKindDefinition>,
    cancellations: BTreeMap<LeaveCancellationId, LeaveCancellation>,
    exceptions: BTreeMap<LeaveExceptionId, LeaveException>,
    leaves: BTreeMap<LeaveId, Leave>,
    posts: BTreeMap<PostId, Post>,
    shifts: BTreeMap<ShiftId, Shift>,
    volunteers: BTreeMap<StaffId, Volunteer>,
}

/// How roster messages name a member of staff: name and id (`王建国 (S7)`), in either
/// language.
fn who(grid: &dyn GridView, staff: StaffId) -> String {
    grid.staff(staff)
        .map_or_else(|| staff.to_string(), |s| format!("{} ({})", s.name, s.id))
}

fn known_staff(grid: &dyn GridView, staff: StaffId) -> Result<&Staff, Error> {
    grid.staff(staff).ok_or(Error::UnknownStaff { staff })
}

/// Checks the free text a roster command carries against its limits ([`crate::limits`]).
fn check_texts(cmd: &RosterCommand) -> Result<(), Error> {
    use TextKind::{Name, Note, Title};
    match cmd {
        RosterCommand::DefinePostKind(def) => {
            text_field(&def.name_en, "the English name of the kind of post", Name)?;
            Ok(text_field(
                &def.name_zh,
                "the Chinese name of the kind of post",
                Name,
            )?)
        }
        RosterCommand::CancelLeave { title, .. } => {
            Ok(text_field(title, "the leave cancellation's title", Title)?)
        }
        RosterCommand::GrantLeaveException { note, .. } => {
            Ok(text_field(note, "the exception's note", Note)?)
        }
        RosterCommand::RequestLeave { note, .. } => Ok(text_field(note, "the leave's note", Note)?),
        RosterCommand::EstablishPost { name, .. } => Ok(text_field(name, "the post's name", Name)?),
        _ => Ok(()),
    }
}

fn days_in_order(what: &'static str, first: Day, last: Day) -> Result<(), Error> {
    if last < first {
        return Err(RosterError::DaysReversed { what, first, last }.into());
    }
    Ok(())
}

/// The days of `first ..= last` that no interval of `covered` covers: the first and the last
/// of them, if any.
fn uncovered(first: Day, last: Day, covered: &mut [(Day, Day)]) -> Option<(Day, Day)> {
    covered.sort_unstable();
    let mut cursor = Some(first);
    let mut out: Option<(Day, Day)> = None;
    let mut gap = |from: Day, to: Day| {
        out = Some(out.map_or((from, to), |(f, _)| (f, to)));
    };
    for &(a, b) in covered.iter() {
        let Some(c) = cursor else { break };
        if c > last {
            break;
        }
        if b < c {
            continue;
        }
        if a > c {
            let before = a.plus_days(-1).unwrap_or(a);
            gap(c, if before < last { before } else { last });
        }
        cursor = b.next();
    }
    if let Some(c) = cursor
        && c <= last
    {
        gap(c, last);
    }
    out
}

/// Decides a command: authorizes it (beyond the role table, which the registry checks) and
/// validates it against the state; returns the events to record, or the error. Changes
/// nothing.
///
/// # Errors
/// The crate's shared refusals ([`Error::UnknownUnit`], [`Error::UnknownStaff`],
/// [`Error::OutsideAssignedUnits`], [`Error::RoleNotPermitted`], [`Error::TextRequired`], the
/// limits on text, [`Error::TooManyRecords`]) and the roster's own ([`Error::Roster`]).
pub(crate) fn decide(
    state: &RosterState,
    ctx: &Context<'_>,
    cmd: &RosterCommand,
) -> Result<Vec<RosterEvent>, Error> {
    check_texts(cmd)?;
    let action = cmd.action();
    let grid = ctx.grid;
    match cmd {
        RosterCommand::DefinePostKind(def) => {
            // Kinds are the township's: defining one takes an assignment to the township.
            ctx.reach_township(action)?;
            if def.kind.is_preset() || state.post_kinds.contains_key(&def.kind) {
                return Err(RosterError::PostKindAlreadyDefined {
                    kind: def.kind.key().to_owned(),
                }
                .into());
            }
            text_required(&def.name_en, "the English name of the kind of post")?;
            text_required(&def.name_zh, "the Chinese name of the kind of post")?;
            Ok(vec![RosterEvent::PostKindDefined(def.clone())])
        }
        RosterCommand::CancelLeave { unit, title, first } => {
            grid.known_unit(*unit)?;
            ctx.reach(action, *unit)?;
            text_required(title, "the leave cancellation's title")?;
            Ok(vec![RosterEvent::LeaveCancelled {
                cancellation: LeaveCancellationId::new(next_id(
                    &state.cancellations,
                    LeaveCancellationId::get,
                    "leave cancellations",
                )?),
                unit: *unit,
                title: title.trim().to_owned(),
                first: *first,
            }])
        }
        RosterCommand::LiftLeaveCancellation { cancellation, from } => {
            let c = state.cancellation(*cancellation)?;
            ctx.reach(action, c.unit)?;
            if let Some(lifted) = c.lifted {
                return Err(RosterError::CancellationAlreadyLifted {
                    cancellation: *cancellation,
                    lifted,
                }
                .into());
            }
            if *from <= c.first {
                return Err(RosterError::LiftNotAfterStart {
                    cancellation: *cancellation,
                    day: *from,
                    first: c.first,
                }
                .into());
            }
            Ok(vec![RosterEvent::LeaveCancellationLifted {
                cancellation: *cancellation,
                from: *from,
            }])
        }
        RosterCommand::GrantLeaveException {
            cancellation,
            staff,
            first,
            last,
            reason,
            note,
        } => {
            let c = state.cancellation(*cancellation)?;
            ctx.reach(action, c.unit)?;
            let person = known_staff(grid, *staff)?;
            if !binds(grid, c, person) {
                return Err(RosterError::NotBound {
                    staff: who(grid, *staff),
                    cancellation: *cancellation,
                    unit: grid.label(c.unit),
                }
                .into());
            }
            days_in_order("the exception", *first, *last)?;
            if *reason == ExceptionReason::Other {
                text_required(
                    note,
                    "the reason for the exception (\"other\" takes a text)",
                )?;
            }
            Ok(vec![RosterEvent::LeaveExceptionGranted {
                exception: LeaveExceptionId::new(next_id(
                    &state.exceptions,
                    LeaveExceptionId::get,
                    "leave exceptions",
                )?),
                cancellation: *cancellation,
                staff: *staff,
                first: *first,
                last: *last,
                reason: *reason,
                note: note.trim().to_owned(),
            }])
        }
        RosterCommand::RequestLeave {
            staff,
            first,
            last,
            note,
        } => {
            let person = known_staff(grid, *staff)?;
            if ctx.actor.id != *staff {
                if ctx.actor.role != Role::Leader {
                    return Err(Error::RoleNotPermitted {
                        actor: ctx.actor.label(),
                        action: "record leave for someone else",
                        allowed: "leaders".to_owned(),
                    });
                }
                let units = grid.units_of_staff(*staff);
                if !units.iter().any(|u| ctx.assigned_over(*u)) {
                    match units.first() {
                        Some(u) => ctx.reach(action, *u)?,
                        None => ctx.reach_township(action)?,
                    }
                }
            }
            days_in_order("the leave", *first, *last)?;
            let exceptions = state.check_leave(grid, person, *first, *last)?;
            Ok(vec![RosterEvent::LeaveRecorded {
                leave: LeaveId::new(next_id(&state.leaves, LeaveId::get, "leaves")?),
                staff: *staff,
                first: *first,
                last: *last,
                note: note.trim().to_owned(),
                exceptions,
            }])
        }
        RosterCommand::EstablishPost { unit, kind, name } => {
            grid.known_unit(*unit)?;
            ctx.reach(action, *unit)?;
            text_required(name, "the post's name")?;
            if state.takes_volunteers(kind).is_none() {
                return Err(RosterError::UnknownPostKind {
                    kind: kind.key().to_owned(),
                }
                .into());
            }
            Ok(vec![RosterEvent::PostEstablished {
                post: PostId::new(next_id(&state.posts, PostId::get, "posts")?),
                unit: *unit,
                kind: kind.clone(),
                name: name.trim().to_owned(),
            }])
        }
        RosterCommand::ScheduleShift {
            post,
            start,
            end,
            required,
            leader,
        } => {
            let p = state.post_of(*post)?;
            ctx.reach(action, p.unit)?;
            if end <= start {
                return Err(RosterError::ShiftEndsBeforeStart {
                    start: *start,
                    end: *end,
                }
                .into());
            }
            if end.seconds_since(*start) > i64::from(MAX_SHIFT_HOURS) * 3600 {
                return Err(RosterError::ShiftTooLong {
                    start: *start,
                    end: *end,
                    hours: MAX_SHIFT_HOURS,
                }
                .into());
            }
            if *required == 0 {
                return Err(RosterError::ZeroRequired.into());
            }
            if let Some(l) = leader {
                let l = known_staff(grid, *l)?;
                if l.role == Role::Volunteer {
                    return Err(RosterError::NotForVolunteers {
                        staff: who(grid, l.id),
                        what: "lead a shift",
                    }
                    .into());
                }
            }
            Ok(vec![RosterEvent::ShiftScheduled {
                shift: ShiftId::new(next_id(&state.shifts, ShiftId::get, "shifts")?),
                post: *post,
                start: *start,
                end: *end,
                required: *required,
                leader: *leader,
            }])
        }
        RosterCommand::AssignToShift { shift, staff } => {
            let s = state.shift_of(*shift)?;
            let p = state.post_of(s.post)?;
            ctx.reach(action, p.unit)?;
            let person = known_staff(grid, *staff)?;
            if person.role == Role::Volunteer {
                let v = state.volunteers.get(staff).ok_or_else(|| {
                    RosterError::VolunteerWithoutConsent {
                        staff: who(grid, *staff),
                    }
                })?;
                if state.takes_volunteers(&p.kind) != Some(true) {
                    return Err(RosterError::NotForVolunteers {
                        staff: who(grid, *staff),
                        what: if p.kind == PostKind::OFFICE_DUTY {
                            "stand office duty"
                        } else {
                            "stand this post"
                        },
                    }
                    .into());
                }
                if !grid.covering_units(p.unit).contains(&v.unit) {
                    return Err(RosterError::VolunteerOutsideUnit {
                        staff: who(grid, *staff),
                        serves: grid.label(v.unit),
                        post_unit: grid.label(p.unit),
                    }
                    .into());
                }
            }
            if s.staff.contains(staff) {
                return Err(RosterError::AlreadyOnShift {
                    staff: who(grid, *staff),
                    shift: *shift,
                }
                .into());
            }
            if let Some(other) = state
                .shifts
                .values()
                .find(|o| o.id != *shift && o.staff.contains(staff) && o.overlaps(s))
            {
                return Err(RosterError::ShiftsOverlap {
                    staff: who(grid, *staff),
                    shift: *shift,
                    other: other.id,
                }
                .into());
            }
            let (from, to) = shift_days(s, ctx.offset);
            if let Some(l) = state
                .leaves
                .values()
                .find(|l| l.staff == *staff && l.first <= to && from <= l.last)
            {
                return Err(RosterError::OnLeave {
                    staff: who(grid, *staff),
                    shift: *shift,
                    first: l.first,
                    last: l.last,
                }
                .into());
            }
            Ok(vec![RosterEvent::AssignedToShift {
                shift: *shift,
                staff: *staff,
            }])
        }
        RosterCommand::RemoveFromShift { shift, staff } => {
            let s = state.shift_of(*shift)?;
            let p = state.post_of(s.post)?;
            ctx.reach(action, p.unit)?;
            known_staff(grid, *staff)?;
            if !s.staff.contains(staff) {
                return Err(RosterError::NotOnShift {
                    staff: who(grid, *staff),
                    shift: *shift,
                }
                .into());
            }
            if let Some(first) = s.presence_of(*staff).first() {
                return Err(RosterError::AlreadyCheckedIn {
                    staff: who(grid, *staff),
                    shift: *shift,
                    since: first.check_in,
                }
                .into());
            }
            Ok(vec![RosterEvent::RemovedFromShift {
                shift: *shift,
                staff: *staff,
            }])
        }
        RosterCommand::EnrollVolunteer {
            staff,
            consent,
            birth_year,
            unit,
        } => {
            let person = known_staff(grid, *staff)?;
            grid.known_unit(*unit)?;
            ctx.reach(action, *unit)?;
            if person.role != Role::Volunteer {
                return Err(RosterError::NotAVolunteer {
                    staff: who(grid, *staff),
                }
                .into());
            }
            if state.volunteers.contains_key(staff) {
                return Err(RosterError::AlreadyEnrolled {
                    staff: who(grid, *staff),
                }
                .into());
            }
            let consent = consent.ok_or_else(|| RosterError::VolunteerWithoutConsent {
                staff: who(grid, *staff),
            })?;
            if consent > ctx.today {
                return Err(RosterError::ConsentInFuture {
                    day: consent,
                    today: ctx.today,
                }
                .into());
            }
            let year = consent.year();
            if *birth_year > year || *birth_year < year.saturating_sub(120) {
                return Err(RosterError::ImplausibleBirthYear {
                    year: *birth_year,
                    consent,
                }
                .into());
            }
            Ok(vec![RosterEvent::VolunteerEnrolled {
                staff: *staff,
                consent,
                birth_year: *birth_year,
                unit: *unit,
            }])
        }
        RosterCommand::CheckIn { shift, staff } => {
            let s = state.check_on_post(ctx, *shift, *staff)?;
            let early = i64::from(CHECK_IN_EARLY_MINUTES) * 60;
            if ctx.at < s.start.plus_seconds(-early) || ctx.at >= s.end {
                return Err(RosterError::CheckInOutsideShift {
                    shift: *shift,
                    at: ctx.at,
                    start: s.start,
                    end: s.end,
                    early: CHECK_IN_EARLY_MINUTES,
                }
                .into());
            }
            if let Some(open) = s
                .presence_of(*staff)
                .last()
                .filter(|p| p.check_out.is_none())
            {
                return Err(RosterError::AlreadyCheckedIn {
                    staff: who(grid, *staff),
                    shift: *shift,
                    since: open.check_in,
                }
                .into());
            }
            Ok(vec![RosterEvent::CheckedIn {
                shift: *shift,
                staff: *staff,
            }])
        }
        RosterCommand::CheckOut { shift, staff } => {
            let s = state.check_on_post(ctx, *shift, *staff)?;
            if s.presence_of(*staff)
                .last()
                .is_none_or(|p| p.check_out.is_some())
            {
                return Err(RosterError::NotCheckedIn {
                    staff: who(grid, *staff),
                    shift: *shift,
                }
                .into());
            }
            Ok(vec![RosterEvent::CheckedOut {
                shift: *shift,
                staff: *staff,
            }])
        }
    }
}

/// Whether a leave cancellation binds a member of staff: not a volunteer, and assigned to its
/// unit or below it (anyone, for the township's).
fn binds(grid: &dyn GridView, c: &LeaveCancellation, staff: &Staff) -> bool {
    if staff.role == Role::Volunteer {
        return false;
    }
    grid.township() == Some(c.unit)
        || grid
            .units_of_staff(staff.id)
            .iter()
            .any(|u| grid.covering_units(*u).contains(&c.unit))
}

/// The local days a shift touches: the day it starts and the day of its last second.
fn shift_days(s: &Shift, offset: UtcOffset) -> (Day, Day) {
    let from = s.start.day_in(offset);
    let to = s.end.plus_seconds(-1).day_in(offset);
    (from, if to < from { from } else { to })
}

impl RosterState {
    /// Folds one event into the state. Cannot fail: the event was decided against this state.
    pub(crate) fn apply(&mut self, e: &RosterEvent, meta: &EntryMeta) {
        match e {
            RosterEvent::PostKindDefined(def) => {
                self.post_kinds.insert(def.kind.clone(), def.clone());
            }
            RosterEvent::LeaveCancelled {
                cancellation,
                unit,
                title,
                first,
            } => {
                self.cancellations.insert(
                    *cancellation,
                    LeaveCancellation {
                        id: *cancellation,
                        unit: *unit,
                        title: title.clone(),
                        first: *first,
                        lifted: None,
                        issued_by: meta.actor,
                        issued_at: meta.at,
                    },
                );
            }
            RosterEvent::LeaveCancellationLifted { cancellation, from } => {
                if let Some(c) = self.cancellations.get_mut(cancellation) {
                    c.lifted = Some(*from);
                }
            }
            RosterEvent::LeaveExceptionGranted {
                exception,
                cancellation,
                staff,
                first,
                last,
                reason,
                note,
            } => {
                self.exceptions.insert(
                    *exception,
                    LeaveException {
                        id: *exception,
                        cancellation: *cancellation,
                        staff: *staff,
                        first: *first,
                        last: *last,
                        reason: *reason,
                        note: note.clone(),
                        granted_by: meta.actor,
                        granted_at: meta.at,
                    },
                );
            }
            RosterEvent::LeaveRecorded {
                leave,
                staff,
                first,
                last,
                note,
                exceptions,
            } => {
                self.leaves.insert(
                    *leave,
                    Leave {
                        id: *leave,
                        staff: *staff,
                        first: *first,
                        last: *last,
                        note: note.clone(),
                        exceptions: exceptions.clone(),
                        recorded_by: meta.actor,
                        recorded_at: meta.at,
                    },
                );
            }
            RosterEvent::PostEstablished {
                post,
                unit,
                kind,
                name,
            } => {
                self.posts.insert(
                    *post,
                    Post {
                        id: *post,
                        unit: *unit,
                        kind: kind.clone(),
                        name: name.clone(),
                    },
                );
            }
            RosterEvent::ShiftScheduled {
                shift,
                post,
                start,
                end,
                required,
                leader,
            } => {
                self.shifts.insert(
                    *shift,
                    Shift {
                        id: *shift,
                        post: *post,
                        start: *start,
                        end: *end,
                        required: *required,
                        leader: *leader,
                        staff: Vec::new(),
                        presence: Vec::new(),
                    },
                );
            }
            RosterEvent::AssignedToShift { shift, staff } => {
                if let Some(s) = self.shifts.get_mut(shift) {
                    s.staff.push(*staff);
                }
            }
            RosterEvent::RemovedFromShift { shift, staff } => {
                if let Some(s) = self.shifts.get_mut(shift) {
                    s.staff.retain(|x| x != staff);
                }
            }
            RosterEvent::VolunteerEnrolled {
                staff,
                consent,
                birth_year,
                unit,
            } => {
                self.volunteers.insert(
                    *staff,
                    Volunteer {
                        staff: *staff,
                        unit: *unit,
                        birth_year: *birth_year,
                        consent: *consent,
                        consent_recorded_by: meta.actor,
                    },
                );
            }
            RosterEvent::CheckedIn { shift, staff } => {
                if let Some(s) = self.shifts.get_mut(shift) {
                    let stretch = Presence {
                        check_in: meta.at,
                        check_out: None,
                    };
                    match s.presence.iter_mut().find(|(x, _)| x == staff) {
                        Some((_, list)) => list.push(stretch),
                        None => s.presence.push((*staff, vec![stretch])),
                    }
                }
            }
            RosterEvent::CheckedOut { shift, staff } => {
                if let Some(open) = self
                    .shifts
                    .get_mut(shift)
                    .and_then(|s| s.presence.iter_mut().find(|(x, _)| x == staff))
                    .and_then(|(_, list)| list.last_mut())
                {
                    open.check_out = Some(meta.at);
                }
            }
        }
    }

    // --- validation helpers ---

    /// Whether volunteers may stand a post of `kind`: the preset's rule, or the definition's;
    /// `None` for a kind neither preset nor defined.
    fn takes_volunteers(&self, kind: &PostKind) -> Option<bool> {
        kind.preset_takes_volunteers()
            .or_else(|| self.post_kinds.get(kind).map(|d| d.takes_volunteers))
    }

    fn cancellation(&self, id: LeaveCancellationId) -> Result<&LeaveCancellation, Error> {
        self.cancellations
            .get(&id)
            .ok_or_else(|| RosterError::UnknownLeaveCancellation { cancellation: id }.into())
    }

    fn post_of(&self, id: PostId) -> Result<&Post, Error> {
        self.posts
            .get(&id)
            .ok_or_else(|| RosterError::UnknownPost { post: id }.into())
    }

    fn shift_of(&self, id: ShiftId) -> Result<&Shift, Error> {
        self.shifts
            .get(&id)
            .ok_or_else(|| RosterError::UnknownShift { shift: id }.into())
    }

    /// The checks common to check-in and check-out: the shift exists, the person is on it, and
    /// the actor is the person or the shift's leader.
    fn check_on_post(
        &self,
        ctx: &Context<'_>,
        shift: ShiftId,
        staff: StaffId,
    ) -> Result<&Shift, Error> {
        let s = self.shift_of(shift)?;
        known_staff(ctx.grid, staff)?;
        if !s.staff.contains(&staff) {
            return Err(RosterError::NotOnShift {
                staff: who(ctx.grid, staff),
                shift,
            }
            .into());
        }
        if ctx.actor.id != staff && s.leader != Some(ctx.actor.id) {
            return Err(RosterError::NotSelfOrShiftLeader {
                actor: who(ctx.grid, ctx.actor.id),
                staff: who(ctx.grid, staff),
                shift,
            }
            .into());
        }
        Ok(s)
    }

    /// Checks a leave of `person` on `first ..= last` against every leave cancellation that
    /// binds them: each day in force must be covered by an exception for them. Gives the
    /// exceptions the leave rests on.
    fn check_leave(
        &self,
        grid: &dyn GridView,
        person: &Staff,
        first: Day,
        last: Day,
    ) -> Result<Vec<LeaveExceptionId>, Error> {
        let mut used = Vec::new();
        for c in self.cancellations.values() {
            if !binds(grid, c, person) {
                continue;
            }
            // The days of the leave the cancellation is in force on.
            let from = if first > c.first { first } else { c.first };
            let to = match c.last_day() {
                Some(l) if l < last => l,
                _ => last,
            };
            if from > to {
                continue;
            }
            let mine: Vec<&LeaveException> = self
                .exceptions
                .values()
                .filter(|x| x.cancellation == c.id && x.staff == person.id)
                .filter(|x| x.first <= to && from <= x.last)
                .collect();
            let mut covered: Vec<(Day, Day)> = mine.iter().map(|x| (x.first, x.last)).collect();
            if let Some((a, b)) = uncovered(from, to, &mut covered) {
                return Err(RosterError::LeaveCancelled {
                    staff: who(grid, person.id),
                    from: a,
                    to: b,
                    cancellation: c.id,
                    title: c.title.clone(),
                    unit: grid.label(c.unit),
                    first: c.first,
                    lifted: c.lifted,
                }
                .into());
            }
            used.extend(mine.iter().map(|x| x.id));
        }
        Ok(used)
    }
}

impl RosterState {
    // --- queries ---

    /// The definition of a kind of post of the users' own.
    pub(crate) fn post_kind(&self, kind: &PostKind) -> Option<&PostKindDefinition> {
        self.post_kinds.get(kind)
    }

    /// Every leave cancellation, by id.
    pub(crate) fn cancellations(&self) -> impl Iterator<Item = &LeaveCancellation> {
        self.cancellations.values()
    }

    /// A leave cancellation.
    pub(crate) fn cancellation_of(&self, id: LeaveCancellationId) -> Option<&LeaveCancellation> {
        self.cancellations.get(&id)
    }

    /// Every exception, by id.
    pub(crate) fn exceptions(&self) -> impl Iterator<Item = &LeaveException> {
        self.exceptions.values()
    }

    /// Every leave on record, by id.
    pub(crate) fn leaves(&self) -> impl Iterator<Item = &Leave> {
        self.leaves.values()
    }

    /// A post.
    pub(crate) fn post(&self, id: PostId) -> Option<&Post> {
        self.posts.get(&id)
    }

    /// Every post, by id.
    pub(crate) fn posts(&self) -> impl Iterator<Item = &Post> {
        self.posts.values()
    }

    /// A shift.
    pub(crate) fn shift(&self, id: ShiftId) -> Option<&Shift> {
        self.shifts.get(&id)
    }

    /// Every shift, by id.
    pub(crate) fn shifts(&self) -> impl Iterator<Item = &Shift> {
        self.shifts.values()
    }

    /// A volunteer.
    pub(crate) fn volunteer(&self, staff: StaffId) -> Option<&Volunteer> {
        self.volunteers.get(&staff)
    }

    /// Every volunteer, by staff id.
    pub(crate) fn volunteers(&self) -> impl Iterator<Item = &Volunteer> {
        self.volunteers.values()
    }

    /// Who should be on `post` at `at` and who is recorded there.
    pub(crate) fn on_post(&self, post: PostId, at: Instant) -> OnPost {
        let mut out = OnPost {
            post,
            at,
            shifts: Vec::new(),
            required: 0,
            expected: Vec::new(),
            present: Vec::new(),
            absent: Vec::new(),
        };
        for s in self
            .shifts
            .values()
            .filter(|s| s.post == post && s.covers(at))
        {
            out.shifts.push(s.id);
            out.required = out.required.saturating_add(s.required);
            for staff in &s.staff {
                out.expected.push(*staff);
                if s.present_at(*staff, at) {
                    out.present.push(*staff);
                } else {
                    out.absent.push(*staff);
                }
            }
        }
        out
    }

    /// The shifts starting on local `day` (in `offset`), in the order of their starts, with
    /// how they were staffed.
    pub(crate) fn shifts_on(&self, day: Day, offset: UtcOffset) -> Vec<ShiftRow> {
        let mut rows: Vec<ShiftRow> = self
            .shifts
            .values()
            .filter(|s| s.start.day_in(offset) == day)
            .filter_map(|s| {
                let post = self.posts.get(&s.post)?;
                let checked_in: Vec<StaffId> = s
                    .presence
                    .iter()
                    .filter(|(_, p)| !p.is_empty())
                    .map(|(x, _)| *x)
                    .collect();
                let absent = s
                    .staff
                    .iter()
                    .filter(|x| !checked_in.contains(x))
                    .copied()
                    .collect();
                Some(ShiftRow {
                    shift: s.id,
                    post: s.post,
                    unit: post.unit,
                    start: s.start,
                    end: s.end,
                    required: s.required,
                    assigned: s.staff.clone(),
                    checked_in,
                    absent,
                })
            })
            .collect();
        rows.sort_by_key(|r| (r.start, r.shift));
        rows
    }

    /// The service record of `volunteer`: every shift they were assigned to or checked in on.
    pub(crate) fn service_record(&self, volunteer: StaffId) -> ServiceRecord {
        let mut entries: Vec<ServiceEntry> = self
            .shifts
            .values()
            .filter(|s| s.staff.contains(&volunteer) || s.checked_in(volunteer))
            .map(|s| ServiceEntry {
                shift: s.id,
                post: s.post,
                start: s.start,
                end: s.end,
                minutes: s.served_seconds(volunteer) / 60,
            })
            .collect();
        entries.sort_by_key(|e| (e.start, e.shift));
        let total_minutes = entries.iter().map(|e| e.minutes).sum();
        ServiceRecord {
            volunteer,
            entries,
            total_minutes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        s.parse().unwrap()
    }

    #[test]
    fn uncovered_days_are_found_around_exceptions() {
        // Given a span of five days,
        let (a, b) = (d("2020-01-27"), d("2020-01-31"));
        // none covered gives all of it,
        assert_eq!(uncovered(a, b, &mut []), Some((a, b)));
        // all covered gives none,
        assert_eq!(
            uncovered(a, b, &mut [(d("2020-01-26"), d("2020-02-01"))]),
            None
        );
        // a hole in the middle is found,
        assert_eq!(
            uncovered(a, b, &mut [(d("2020-01-30"), b), (a, d("2020-01-28"))]),
            Some((d("2020-01-29"), d("2020-01-29")))
        );
        // and the first and last uncovered days span the holes.
        assert_eq!(
            uncovered(a, b, &mut [(d("2020-01-28"), d("2020-01-29"))]),
            Some((a, b))
        );
    }
}
