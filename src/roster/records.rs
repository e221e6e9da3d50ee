//! What the duty roster holds: leave cancellations, exceptions and leaves; posts, shifts and
//! check-ins; volunteers; and the rows its queries give.

use std::fmt;

use serde::Serialize;

use super::kind::PostKind;
use super::labels::ExceptionReason;
use crate::calendar::{Day, Instant};
use crate::ids::{
    LeaveCancellationId, LeaveExceptionId, LeaveId, PostId, ShiftId, StaffId, UnitId,
};

/// A leave cancellation (取消休假): the leave of the staff of a unit and the units below it is
/// cancelled from its first day until lifted. It is in force on `first ..= lifted − 1`, the
/// lift day being the first day on which it no longer applies (as a gathering order's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LeaveCancellation {
    /// Its id.
    pub id: LeaveCancellationId,
    /// The unit: its staff and those of every unit below it.
    pub unit: UnitId,
    /// Its title, such as "全体干部取消休假、返岗到位".
    pub title: String,
    /// The first day leave is cancelled.
    pub first: Day,
    /// The first day it no longer applies, once lifted.
    pub lifted: Option<Day>,
    /// The leader who issued it.
    pub issued_by: StaffId,
    /// When it was recorded.
    pub issued_at: Instant,
}

impl LeaveCancellation {
    /// Whether leave is cancelled on `day`: from the first day, until the day it is lifted.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let c = reg.cancel_leave(leader, t, reg.township(), "全体干部取消休假", "2020-01-26".parse()?)?;
    /// let held = reg.leave_cancellation(c).unwrap();
    /// assert!(!held.in_force_on("2020-01-25".parse()?));
    /// assert!(held.in_force_on("2020-01-26".parse()?));
    /// assert!(held.in_force_on("2020-12-31".parse()?)); // until lifted
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn in_force_on(&self, day: Day) -> bool {
        day >= self.first && self.lifted.is_none_or(|l| day < l)
    }

    /// Its last day in force, once lifted (the day before the lift day).
    pub fn last_day(&self) -> Option<Day> {
        self.lifted.and_then(|l| l.plus_days(-1).ok())
    }
}

/// A leader's exception (特批) to a leave cancellation: one member of staff may take leave on
/// `first ..= last` despite it, for a reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LeaveException {
    /// Its id.
    pub id: LeaveExceptionId,
    /// The cancellation it excepts from.
    pub cancellation: LeaveCancellationId,
    /// Who may take leave.
    pub staff: StaffId,
    /// The first day excepted.
    pub first: Day,
    /// The last day excepted.
    pub last: Day,
    /// Why.
    pub reason: ExceptionReason,
    /// What the leader wrote (required for [`ExceptionReason::Other`]).
    pub note: String,
    /// The leader who granted it.
    pub granted_by: StaffId,
    /// When it was recorded.
    pub granted_at: Instant,
}

/// A leave (请假) on record for a member of staff, on `first ..= last`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Leave {
    /// Its id.
    pub id: LeaveId,
    /// Who is on leave.
    pub staff: StaffId,
    /// The first day of leave.
    pub first: Day,
    /// The last day of leave.
    pub last: Day,
    /// What was written with the request.
    pub note: String,
    /// The exceptions it rests on (for days inside a leave cancellation).
    pub exceptions: Vec<LeaveExceptionId>,
    /// Who recorded it: the person, or a leader of theirs.
    pub recorded_by: StaffId,
    /// When.
    pub recorded_at: Instant,
}

/// A post (岗位): a checkpoint at a place, office duty or village duty, in a unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Post {
    /// Its id.
    pub id: PostId,
    /// The unit it lies in.
    pub unit: UnitId,
    /// Its kind.
    pub kind: PostKind,
    /// Its name or place, such as "前进村东入口卡点".
    pub name: String,
}

impl Post {
    /// How messages name it: `checkpoint 前进村东入口卡点 (PT1)`.
    pub fn label(&self) -> String {
        format!("{} {} ({})", self.kind, self.name, self.id)
    }
}

/// One stretch on post: a check-in and, once recorded, the check-out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Presence {
    /// When the person checked in.
    pub check_in: Instant,
    /// When they checked out, once they did.
    pub check_out: Option<Instant>,
}

impl Presence {
    /// Whether the person was on post at `at`: checked in at or before it and not yet out.
    pub fn covers(&self, at: Instant) -> bool {
        self.check_in <= at && self.check_out.is_none_or(|out| at < out)
    }
}

/// A shift (班次) at a post: from a start to an end (it may cross midnight), requiring a
/// number of people, with the staff and volunteers assigned and their check-ins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Shift {
    /// Its id.
    pub id: ShiftId,
    /// The post.
    pub post: PostId,
    /// Its start.
    pub start: Instant,
    /// Its end, after the start.
    pub end: Instant,
    /// How many people it requires.
    pub required: u32,
    /// Its leader (带班人), who may check its people in and out.
    pub leader: Option<StaffId>,
    /// The people assigned, in the order assigned.
    pub staff: Vec<StaffId>,
    /// Each person's stretches on post, in order.
    pub presence: Vec<(StaffId, Vec<Presence>)>,
}

impl Shift {
    /// Whether `at` lies within the shift: from its start, before its end.
    pub fn covers(&self, at: Instant) -> bool {
        self.start <= at && at < self.end
    }

    /// Whether it overlaps `other` in time.
    pub fn overlaps(&self, other: &Shift) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The stretches on post of `staff`, in order.
    pub fn presence_of(&self, staff: StaffId) -> &[Presence] {
        self.presence
            .iter()
            .find(|(s, _)| *s == staff)
            .map_or(&[], |(_, p)| p.as_slice())
    }

    /// Whether `staff` was recorded on post at `at`.
    pub fn present_at(&self, staff: StaffId, at: Instant) -> bool {
        self.presence_of(staff).iter().any(|p| p.covers(at))
    }

    /// Whether `staff` checked in at any time for this shift.
    pub fn checked_in(&self, staff: StaffId) -> bool {
        !self.presence_of(staff).is_empty()
    }

    /// The seconds `staff` served: their checked-out stretches, each cut to the shift's start
    /// and end (a stretch not yet checked out counts nothing until it is).
    pub fn served_seconds(&self, staff: StaffId) -> u64 {
        self.presence_of(staff)
            .iter()
            .filter_map(|p| {
                let out = p.check_out?;
                let from = if p.check_in > self.start {
                    p.check_in
                } else {
                    self.start
                };
                let to = if out < self.end { out } else { self.end };
                u64::try_from(to.seconds_since(from)).ok()
            })
            .sum()
    }
}

/// A volunteer (志愿者) enrolled with consent: a member of staff with the volunteer role,
/// the unit they serve, their birth year, and the day they consented, with who recorded it
/// (志愿服务条例, State Council Decree 685, 2017).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Volunteer {
    /// The member of staff.
    pub staff: StaffId,
    /// The unit they serve: they stand posts in it and below it.
    pub unit: UnitId,
    /// Their year of birth.
    pub birth_year: i32,
    /// The day they consented.
    pub consent: Day,
    /// Who recorded the consent.
    pub consent_recorded_by: StaffId,
}

/// Who should be on a post at an instant and who is recorded there (人员在岗).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OnPost {
    /// The post.
    pub post: PostId,
    /// The instant.
    pub at: Instant,
    /// The shifts of the post at that instant.
    pub shifts: Vec<ShiftId>,
    /// How many people those shifts require.
    pub required: u32,
    /// Those assigned to them, in order: who should be there.
    pub expected: Vec<StaffId>,
    /// Those checked in at that instant.
    pub present: Vec<StaffId>,
    /// Those assigned and not checked in at that instant.
    pub absent: Vec<StaffId>,
}

impl OnPost {
    /// Whether fewer people are on post than the shifts require.
    pub fn is_short(&self) -> bool {
        u32::try_from(self.present.len()).unwrap_or(u32::MAX) < self.required
    }

    /// Who is on post, in Chinese (`PT1 2020-02-04T23:41:00+08:00：应到2人，实到1人（S9未到）`).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let ids = |v: &[StaffId]| {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、")
        };
        let mut s = format!(
            "{} {}：应到{}人，实到{}人",
            self.post,
            self.at,
            self.required,
            self.present.len()
        );
        if !self.present.is_empty() {
            s.push_str(&format!("（在岗：{}）", ids(&self.present)));
        }
        if !self.absent.is_empty() {
            s.push_str(&format!("（未到：{}）", ids(&self.absent)));
        }
        s
    }
}

impl fmt::Display for OnPost {
    /// `PT1 at 2020-02-04T23:41:00+08:00: 1 of 2 required on post (present: S114; absent: S9)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids = |v: &[StaffId]| {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        write!(
            f,
            "{} at {}: {} of {} required on post",
            self.post,
            self.at,
            self.present.len(),
            self.required
        )?;
        match (self.present.is_empty(), self.absent.is_empty()) {
            (true, true) => Ok(()),
            (false, true) => write!(f, " (present: {})", ids(&self.present)),
            (true, false) => write!(f, " (absent: {})", ids(&self.absent)),
            (false, false) => write!(
                f,
                " (present: {}; absent: {})",
                ids(&self.present),
                ids(&self.absent)
            ),
        }
    }
}

/// One shift of a day, with how it was staffed (one row of the list of shifts).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ShiftRow {
    /// The shift.
    pub shift: ShiftId,
    /// Its post.
    pub post: PostId,
    /// The post's unit.
    pub unit: UnitId,
    /// Its start.
    pub start: Instant,
    /// Its end.
    pub end: Instant,
    /// How many people it requires.
    pub required: u32,
    /// Those assigned.
    pub assigned: Vec<StaffId>,
    /// Those who checked in during it.
    pub checked_in: Vec<StaffId>,
    /// Those assigned who never checked in.
    pub absent: Vec<StaffId>,
}

impl ShiftRow {
    /// Whether the shift is short of people (缺岗): fewer checked in than it requires.
    pub fn is_short(&self) -> bool {
        u32::try_from(self.checked_in.len()).unwrap_or(u32::MAX) < self.required
    }
}

impl fmt::Display for ShiftRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {} from {} to {}: {} of {} checked in",
            self.shift,
            self.post,
            self.start,
            self.end,
            self.checked_in.len(),
            self.required
        )?;
        if self.is_short() {
            f.write_str(" (short)")?;
        }
        Ok(())
    }
}

impl ShiftRow {
    /// The row in Chinese: `SF1 于 PT1 …：应到2人，实到1人（缺岗）`.
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        struct Zh<'a>(&'a ShiftRow);
        impl fmt::Display for Zh<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let r = self.0;
                write!(
                    f,
                    "{}（{}，{}至{}）：应到{}人，实到{}人",
                    r.shift,
                    r.post,
                    r.start,
                    r.end,
                    r.required,
                    r.checked_in.len()
                )?;
                if r.is_short() {
                    f.write_str("（缺岗）")?;
                }
                Ok(())
            }
        }
        Zh(self)
    }
}

/// One shift of a volunteer's service record (志愿服务记录).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceEntry {
    /// The shift.
    pub shift: ShiftId,
    /// Its post.
    pub post: PostId,
    /// The shift's start.
    pub start: Instant,
    /// The shift's end.
    pub end: Instant,
    /// The minutes served: checked-in time, cut to the shift.
    pub minutes: u64,
}

/// A volunteer's service record (志愿服务记录): content (the post), time (each shift) and
/// hours (checked-in time, capped at each shift), as the 志愿服务条例 asks.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceRecord {
    /// The volunteer.
    pub volunteer: StaffId,
    /// Each shift they were assigned to, in the order of their starts.
    pub entries: Vec<ServiceEntry>,
    /// The minutes of every entry added up.
    pub total_minutes: u64,
}

impl ServiceRecord {
    /// The hours served, as text: `"5 h 30 min"`.
    pub fn hours_text(&self) -> String {
        format!(
            "{} h {} min",
            self.total_minutes / 60,
            self.total_minutes % 60
        )
    }
}

impl fmt::Display for ServiceRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "service record of {}: {} shift(s), {}",
            self.volunteer,
            self.entries.len(),
            self.hours_text()
        )?;
        for e in &self.entries {
            writeln!(
                f,
                "  {} at {} from {} to {}: {} min",
                e.shift, e.post, e.start, e.end, e.minutes
            )?;
        }
        Ok(())
    }
}

impl ServiceRecord {
    /// The record in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        struct Zh<'a>(&'a ServiceRecord);
        impl fmt::Display for Zh<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let r = self.0;
                writeln!(
                    f,
                    "{}的志愿服务记录：{}个班次，共{}小时{}分钟",
                    r.volunteer,
                    r.entries.len(),
                    r.total_minutes / 60,
                    r.total_minutes % 60
                )?;
                for e in &r.entries {
                    writeln!(
                        f,
                        "  {}（{}，{}至{}）：{}分钟",
                        e.shift, e.post, e.start, e.end, e.minutes
                    )?;
                }
                Ok(())
            }
        }
        Zh(self)
    }
}
