//! The duty roster (值班排班) through the registry: typed calls, queries, and the evidence the
//! roster gives an inspection of a post ("staff on post", 人员在岗). Evidence reads the roster
//! and supervision together, so it lives beside the registry.

use super::Registry;
use super::created;
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::grid::GridState;
use crate::ids::{
    LeaveCancellationId, LeaveExceptionId, LeaveId, PostId, ShiftId, StaffId, UnitId,
};
use crate::registry::Receipt;
use crate::roster::{
    ExceptionReason, Leave, LeaveCancellation, LeaveException, OnPost, Post, PostKind,
    PostKindDefinition, RosterCommand, RosterError, RosterState, ServiceRecord, Shift, ShiftRow,
    Volunteer,
};
use crate::supervision::{
    ChecklistItem, Evidence, InspectionTarget, RecordShows, SupervisionCommand,
};

/// Refuses an inspection of a post that does not exist or does not lie in the unit named
/// (supervision does not hold the roster; the registry checks it before routing).
pub(super) fn check_post_target(
    roster: &RosterState,
    grid: &GridState,
    command: &SupervisionCommand,
) -> Result<(), Error> {
    let SupervisionCommand::RecordInspection {
        target: InspectionTarget::Post { post, unit },
        ..
    } = command
    else {
        return Ok(());
    };
    let p = roster
        .post(*post)
        .ok_or(RosterError::UnknownPost { post: *post })?;
    if p.unit != *unit {
        return Err(RosterError::PostNotInUnit {
            post: *post,
            post_unit: grid.label(p.unit),
            unit: *unit,
        }
        .into());
    }
    Ok(())
}

/// # Duty rosters (值班排班)
///
/// Leave cancelled, leave and exceptions, posts, shifts,
/// volunteers, check-in and check-out, who is on post, service records.
impl Registry {
    /// Executes a duty-roster command: a shortcut for [`execute`](Registry::execute) with
    /// [`RosterCommand`].
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, UnitKind};
    /// use fangkong::roster::{PostId, PostKind, RosterCommand};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let receipt = reg.roster(leader, t, RosterCommand::EstablishPost {
    ///     unit: qianjin, kind: PostKind::CHECKPOINT, name: "前进村东入口卡点".into(),
    /// })?;
    /// assert_eq!(receipt.created_one::<PostId>(), Some(PostId::new(1)));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute): a leave inside a cancellation without an exception
    /// ([`RosterError::LeaveCancelled`]), a shift ending before it starts, a volunteer without
    /// consent, a check-in to a shift the person is not on, and the shared refusals.
    pub fn roster(
        &mut self,
        actor: StaffId,
        at: Instant,
        command: RosterCommand,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, command)
    }

    /// Cancels the leave of the staff of `unit` and the units below it from `first` until
    /// lifted (取消休假).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let c = reg.cancel_leave(leader, t, reg.township(), "全体干部取消休假", "2020-01-26".parse()?)?;
    /// assert_eq!(reg.leave_cancellations().count(), 1);
    /// assert_eq!(reg.leave_cancellation(c).map(|c| c.lifted), Some(None));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`RosterCommand::CancelLeave`].
    pub fn cancel_leave(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
        title: impl Into<String>,
        first: Day,
    ) -> Result<LeaveCancellationId, Error> {
        let receipt = self.roster(
            actor,
            at,
            RosterCommand::CancelLeave {
                unit,
                title: title.into(),
                first,
            },
        )?;
        Ok(created!(receipt, LeaveCancellation))
    }

    /// Excepts `staff` from leave cancellation `cancellation` on `first ..= last` (特批).
    ///
    /// ```
    /// use fangkong::{Day, Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::{ExceptionReason, PostKind};
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// let c = reg.cancel_leave(leader, t, reg.township(), "全体干部取消休假", "2020-01-26".parse()?)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// let day: Day = "2020-01-27".parse()?;
    /// let x = reg.grant_leave_exception(leader, eight, c, chen, (day, day), ExceptionReason::Illness, "发烧")?;
    /// assert_eq!(reg.leave_exceptions().map(|x| x.id).collect::<Vec<_>>(), vec![x]);
    /// reg.request_leave(chen, eight, chen, (day, day), "")?;
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`RosterCommand::GrantLeaveException`].
    #[allow(clippy::too_many_arguments)]
    pub fn grant_leave_exception(
        &mut self,
        actor: StaffId,
        at: Instant,
        cancellation: LeaveCancellationId,
        staff: StaffId,
        (first, last): (Day, Day),
        reason: ExceptionReason,
        note: impl Into<String>,
    ) -> Result<LeaveExceptionId, Error> {
        let receipt = self.roster(
            actor,
            at,
            RosterCommand::GrantLeaveException {
                cancellation,
                staff,
                first,
                last,
                reason,
                note: note.into(),
            },
        )?;
        Ok(created!(receipt, LeaveException))
    }

    /// Records a leave of `staff` on `first ..= last` (请假).
    ///
    /// ```
    /// use fangkong::{Day, Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.cancel_leave(leader, t, reg.township(), "全体干部取消休假", "2020-01-26".parse()?)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// let day: Day = "2020-01-27".parse()?;
    /// // Leave on the 27th is cancelled for the township: refused, naming the cancellation.
    /// let err = reg.request_leave(chen, eight, chen, (day, day), "回老家").unwrap_err();
    /// assert_eq!(err.code(), "leave_cancelled");
    /// // The 25th is before it: accepted.
    /// let before: Day = "2020-01-25".parse()?;
    /// reg.request_leave(chen, eight, chen, (before, before), "")?;
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`RosterCommand::RequestLeave`]: refused with
    /// [`RosterError::LeaveCancelled`] for days a cancellation binds them without an exception.
    pub fn request_leave(
        &mut self,
        actor: StaffId,
        at: Instant,
        staff: StaffId,
        (first, last): (Day, Day),
        note: impl Into<String>,
    ) -> Result<LeaveId, Error> {
        let receipt = self.roster(
            actor,
            at,
            RosterCommand::RequestLeave {
                staff,
                first,
                last,
                note: note.into(),
            },
        )?;
        Ok(created!(receipt, Leave))
    }

    /// Establishes a post in `unit`.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// let office = reg.establish_post(leader, eight, qianjin, PostKind::OFFICE_DUTY, "村委会值班室")?;
    /// assert_eq!(reg.post(office).map(|p| &p.kind), Some(&PostKind::OFFICE_DUTY));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`RosterCommand::EstablishPost`].
    pub fn establish_post(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
        kind: PostKind,
        name: impl Into<String>,
    ) -> Result<PostId, Error> {
        let receipt = self.roster(
            actor,
            at,
            RosterCommand::EstablishPost {
                unit,
                kind,
                name: name.into(),
            },
        )?;
        Ok(created!(receipt, Post))
    }

    /// Schedules a shift at `post` from `start` to `end`, requiring `required` people.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// // A night shift crossing midnight, one person.
    /// let night = reg.schedule_shift(leader, eight, post, (eight_pm, "2020-01-28T08:00:00+08:00".parse()?), 1, None)?;
    /// assert_eq!(reg.shift(night).map(|s| s.required), Some(1));
    /// // One ending before it starts is refused.
    /// assert!(reg.schedule_shift(leader, eight, post, (eight_pm, eight), 1, None).is_err());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`RosterCommand::ScheduleShift`].
    #[allow(clippy::too_many_arguments)]
    pub fn schedule_shift(
        &mut self,
        actor: StaffId,
        at: Instant,
        post: PostId,
        (start, end): (Instant, Instant),
        required: u32,
        leader: Option<StaffId>,
    ) -> Result<ShiftId, Error> {
        let receipt = self.roster(
            actor,
            at,
            RosterCommand::ScheduleShift {
                post,
                start,
                end,
                required,
                leader,
            },
        )?;
        Ok(created!(receipt, Shift))
    }

    /// Assigns `staff` to `shift`.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// assert_eq!(reg.shift(shift).map(|s| s.staff.clone()), Some(vec![chen, tang]));
    /// // Twice is refused.
    /// assert_eq!(reg.assign_to_shift(leader, eight, shift, tang).unwrap_err().code(), "already_on_shift");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`RosterCommand::AssignToShift`].
    pub fn assign_to_shift(
        &mut self,
        actor: StaffId,
        at: Instant,
        shift: ShiftId,
        staff: StaffId,
    ) -> Result<Receipt, Error> {
        self.roster(actor, at, RosterCommand::AssignToShift { shift, staff })
    }

    /// Enrolls `staff` (role volunteer) as a volunteer serving `unit`, with the day they
    /// consented.
    ///
    /// ```
    /// use fangkong::{Day, Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// let day: Day = "2020-01-27".parse()?;
    /// assert_eq!(reg.volunteer(tang).map(|v| v.birth_year), Some(1961));
    /// let wu = reg.enroll_staff(leader, eight, "Wu Lan", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, eight, wu, day, 1990, qianjin)?;
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`RosterCommand::EnrollVolunteer`].
    pub fn enroll_volunteer(
        &mut self,
        actor: StaffId,
        at: Instant,
        staff: StaffId,
        consent: Day,
        birth_year: i32,
        unit: UnitId,
    ) -> Result<Receipt, Error> {
        self.roster(
            actor,
            at,
            RosterCommand::EnrollVolunteer {
                staff,
                consent: Some(consent),
                birth_year,
                unit,
            },
        )
    }

    /// Checks `staff` in to `shift` at `at` (the person or the shift's leader).
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// // The shift's leader checks himself in; the volunteer checked herself in at 08:00.
    /// reg.check_in(chen, eight, shift, chen)?;
    /// assert_eq!(reg.on_post(post, eight).present, vec![chen, tang]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`RosterCommand::CheckIn`].
    pub fn check_in(
        &mut self,
        actor: StaffId,
        at: Instant,
        shift: ShiftId,
        staff: StaffId,
    ) -> Result<Receipt, Error> {
        self.roster(actor, at, RosterCommand::CheckIn { shift, staff })
    }

    /// Checks `staff` out of `shift` at `at` (the person or the shift's leader).
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// let noon: Instant = "2020-01-27T12:00:00+08:00".parse()?;
    /// reg.check_out(tang, noon, shift, tang)?;
    /// assert_eq!(reg.service_record(tang).total_minutes, 4 * 60);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`RosterCommand::CheckOut`].
    pub fn check_out(
        &mut self,
        actor: StaffId,
        at: Instant,
        shift: ShiftId,
        staff: StaffId,
    ) -> Result<Receipt, Error> {
        self.roster(actor, at, RosterCommand::CheckOut { shift, staff })
    }

    // ----- queries -----

    /// Every leave cancellation, in the order issued.
    ///
    /// ```
    /// use fangkong::{Day, Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// let c = reg.cancel_leave(leader, t, reg.township(), "全体干部取消休假", "2020-01-26".parse()?)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// assert_eq!(reg.leave_cancellations().map(|c| c.first).collect::<Vec<_>>(), vec!["2020-01-26".parse::<Day>()?]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn leave_cancellations(&self) -> impl Iterator<Item = &LeaveCancellation> {
        self.state.roster.cancellations()
    }

    /// A leave cancellation.
    ///
    /// ```
    /// use fangkong::{Day, Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// let c = reg.cancel_leave(leader, t, reg.township(), "全体干部取消休假", "2020-01-26".parse()?)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// let day: Day = "2020-01-27".parse()?;
    /// assert!(reg.leave_cancellation(c).is_some_and(|c| c.in_force_on(day)));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn leave_cancellation(&self, id: LeaveCancellationId) -> Option<&LeaveCancellation> {
        self.state.roster.cancellation_of(id)
    }

    /// Every exception to a leave cancellation, in the order granted.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.cancel_leave(leader, t, reg.township(), "全体干部取消休假", "2020-01-26".parse()?)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// assert_eq!(reg.leave_exceptions().count(), 0);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn leave_exceptions(&self) -> impl Iterator<Item = &LeaveException> {
        self.state.roster.exceptions()
    }

    /// Every leave on record, in the order recorded.
    ///
    /// ```
    /// use fangkong::{Day, Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.cancel_leave(leader, t, reg.township(), "全体干部取消休假", "2020-01-26".parse()?)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// let before: Day = "2020-01-25".parse()?;
    /// reg.request_leave(chen, eight, chen, (before, before), "")?;
    /// assert_eq!(reg.leaves().map(|l| l.staff).collect::<Vec<_>>(), vec![chen]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn leaves(&self) -> impl Iterator<Item = &Leave> {
        self.state.roster.leaves()
    }

    /// The definition of a kind of post of the users' own (presets have none).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::roster::{PostKind, PostKindDefinition, RosterCommand};
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let bridge: PostKind = "bridge-watch".parse()?;
    /// reg.roster(leader, t, RosterCommand::DefinePostKind(
    ///     PostKindDefinition::new(bridge.clone(), "bridge watch", "桥头值守", true)))?;
    /// assert_eq!(reg.post_kind(&bridge).map(|d| d.name_zh.as_str()), Some("桥头值守"));
    /// assert!(reg.post_kind(&PostKind::CHECKPOINT).is_none());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn post_kind(&self, kind: &PostKind) -> Option<&PostKindDefinition> {
        self.state.roster.post_kind(kind)
    }

    /// A post.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// assert_eq!(reg.post(post).map(|p| p.unit), Some(qianjin));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn post(&self, id: PostId) -> Option<&Post> {
        self.state.roster.post(id)
    }

    /// Every post, in the order established.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// assert_eq!(reg.posts().map(|p| p.id).collect::<Vec<_>>(), vec![post]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn posts(&self) -> impl Iterator<Item = &Post> {
        self.state.roster.posts()
    }

    /// A shift.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// assert_eq!(reg.shift(shift).map(|s| (s.start, s.end)), Some((eight, eight_pm)));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn shift(&self, id: ShiftId) -> Option<&Shift> {
        self.state.roster.shift(id)
    }

    /// Every shift, in the order scheduled.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// assert_eq!(reg.shifts().count(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn shifts(&self) -> impl Iterator<Item = &Shift> {
        self.state.roster.shifts()
    }

    /// A volunteer enrolled with consent.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// assert_eq!(reg.volunteer(tang).map(|v| v.unit), Some(qianjin));
    /// assert!(reg.volunteer(chen).is_none());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn volunteer(&self, staff: StaffId) -> Option<&Volunteer> {
        self.state.roster.volunteer(staff)
    }

    /// Every volunteer enrolled, by staff id.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// assert_eq!(reg.volunteers().map(|v| v.staff).collect::<Vec<_>>(), vec![tang]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn volunteers(&self) -> impl Iterator<Item = &Volunteer> {
        self.state.roster.volunteers()
    }

    /// Who should be on `post` at `at` (the people assigned to its shifts then) and who is
    /// recorded there (checked in and not out).
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// let two_pm: Instant = "2020-01-27T14:00:00+08:00".parse()?;
    /// let on = reg.on_post(post, two_pm);
    /// assert_eq!((on.expected, on.present, on.absent), (vec![chen, tang], vec![tang], vec![chen]));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn on_post(&self, post: PostId, at: Instant) -> OnPost {
        self.state.roster.on_post(post, at)
    }

    /// The shifts starting on `day` (local time), with how each was staffed, in the order of
    /// their starts.
    ///
    /// ```
    /// use fangkong::{Day, Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// let day: Day = "2020-01-27".parse()?;
    /// let rows = reg.shifts_on(day);
    /// assert_eq!((rows[0].required, rows[0].checked_in.clone()), (2, vec![tang]));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn shifts_on(&self, day: Day) -> Vec<ShiftRow> {
        self.state.roster.shifts_on(day, self.offset())
    }

    /// The shifts starting on `day` short of people (缺岗): fewer checked in than required.
    ///
    /// ```
    /// use fangkong::{Day, Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// let day: Day = "2020-01-27".parse()?;
    /// // Two required, one checked in: short.
    /// assert_eq!(reg.short_shifts(day).len(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn short_shifts(&self, day: Day) -> Vec<ShiftRow> {
        self.shifts_on(day)
            .into_iter()
            .filter(ShiftRow::is_short)
            .collect()
    }

    /// A volunteer's service record (志愿服务记录): each of their shifts with the minutes
    /// served (checked-in time, cut to the shift), and the total.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// reg.check_out(tang, "2020-01-27T21:00:00+08:00".parse()?, shift, tang)?;
    /// // Checked in 08:00 to 21:00, counted to the shift's end at 20:00.
    /// assert_eq!(reg.service_record(tang).hours_text(), "12 h 0 min");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn service_record(&self, volunteer: StaffId) -> ServiceRecord {
        self.state.roster.service_record(volunteer)
    }

    /// What the registry's records show for an inspection of `target` at the instant `at`:
    /// everything [`propose_evidence`](Registry::propose_evidence) gives for the day of `at`
    /// (for a unit, "disinfection done" also counts the rounds of that day whose windows closed
    /// by `at`),
    /// and, for a post (or a unit: each post in it), **staff on post** from the duty roster —
    /// who should have been at the post at that instant and was not checked in.
    ///
    /// The inspector confirms or contradicts it as any evidence
    /// ([`EvidenceReview`](crate::supervision::EvidenceReview)).
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Instant, Registry, Role, UnitKind};
    /// use fangkong::roster::PostKind;
    /// use fangkong::supervision::{ChecklistItem, InspectionTarget};
    ///
    /// let t: Instant = "2020-01-27T07:30:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let chen = reg.enroll_staff(leader, t, "Chen Gang", Role::Cadre, None)?;
    /// reg.assign(leader, t, chen, qianjin, Duty::ZoneAndGroups)?;
    /// let tang = reg.enroll_staff(leader, t, "Tang Ping", Role::Volunteer, None)?;
    /// reg.enroll_volunteer(leader, t, tang, "2020-01-26".parse()?, 1961, qianjin)?;
    /// let post = reg.establish_post(leader, t, qianjin, PostKind::CHECKPOINT, "前进村东入口卡点")?;
    /// let eight: Instant = "2020-01-27T08:00:00+08:00".parse()?;
    /// let eight_pm: Instant = "2020-01-27T20:00:00+08:00".parse()?;
    /// let shift = reg.schedule_shift(leader, t, post, (eight, eight_pm), 2, Some(chen))?;
    /// reg.assign_to_shift(leader, t, shift, chen)?;
    /// reg.assign_to_shift(leader, t, shift, tang)?;
    /// reg.check_in(tang, eight, shift, tang)?;
    /// let two_pm: Instant = "2020-01-27T14:00:00+08:00".parse()?;
    /// let target = InspectionTarget::Post { post, unit: qianjin };
    /// let proposed = reg.propose_evidence_at(&target, two_pm);
    /// let (_, evidence) = proposed.iter().find(|(i, _)| *i == ChecklistItem::StaffOnPost).unwrap();
    /// assert_eq!(evidence.shows.suggests(), fangkong::supervision::ItemOutcome::Failed);
    /// assert!(evidence.reference.contains("Chen Gang (S2)"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn propose_evidence_at(
        &self,
        target: &InspectionTarget,
        at: Instant,
    ) -> Vec<(ChecklistItem, Evidence)> {
        let mut out = self.propose_evidence(target, self.day_of(at));
        // Disinfection: the day before, and the rounds of the day whose windows have closed.
        if let InspectionTarget::Unit(unit) = target {
            let today = self.day_of(at);
            let mut days: Vec<(Day, Option<Instant>)> = today
                .plus_days(-1)
                .ok()
                .map(|d| (d, None))
                .into_iter()
                .collect();
            days.push((today, Some(at)));
            out.retain(|(item, _)| *item != ChecklistItem::DisinfectionDone);
            if let Some(e) = self.disinfection_evidence(*unit, &days) {
                out.push((ChecklistItem::DisinfectionDone, e));
            }
        }
        if let Some(e) = self.roster_evidence(target, at) {
            out.push((ChecklistItem::StaffOnPost, e));
        }
        out
    }

    /// The duty roster's evidence for "staff on post": for a post, its shifts at `at`; for a
    /// unit, the first post in it with someone absent (else the first with a shift at `at`).
    /// `None` when no shift of a post concerned covers `at`.
    fn roster_evidence(&self, target: &InspectionTarget, at: Instant) -> Option<Evidence> {
        let roster = &self.state.roster;
        let grid = &self.state.grid;
        let posts: Vec<PostId> = match target {
            InspectionTarget::Post { post, .. } => vec![*post],
            InspectionTarget::Unit(unit) => roster
                .posts()
                .filter(|p| grid.covering_units(p.unit).contains(unit))
                .map(|p| p.id)
                .collect(),
            _ => Vec::new(),
        };
        let views: Vec<OnPost> = posts
            .into_iter()
            .map(|p| roster.on_post(p, at))
            .filter(|v| !v.shifts.is_empty())
            .collect();
        let view = views
            .iter()
            .find(|v| !v.absent.is_empty() || v.is_short())
            .or_else(|| views.first())?;
        let shifts: Vec<String> = view.shifts.iter().map(ToString::to_string).collect();
        let names: Vec<String> = view
            .absent
            .iter()
            .map(|s| {
                self.staff(*s)
                    .map_or_else(|| s.to_string(), |x| format!("{} ({})", x.name, x.id))
            })
            .collect();
        let mut reference = format!("duty roster: shift {}", shifts.join(", "));
        if !names.is_empty() {
            reference.push_str(&format!("; not checked in: {}", names.join(", ")));
        }
        Some(Evidence::new(
            RecordShows::StaffAbsentFromPost {
                post: view.post,
                at,
                required: view.required,
                present: u32::try_from(view.present.len()).unwrap_or(u32::MAX),
                absent: view.absent.clone(),
            },
            reference,
        ))
    }
}
