//! The duty roster's errors (值班排班错误), in words a township clerk can act on.

use std::fmt;

use crate::calendar::{Day, Instant};
use crate::ids::{LeaveCancellationId, PostId, ShiftId, UnitId};

/// Everything the duty roster refuses. Wrapped by [`Error::Roster`](crate::Error::Roster);
/// failures shared with other modules (an unknown unit or member of staff, a role not
/// permitted, a unit outside the actor's reach, a text required or too long) keep the crate's
/// own variants.
///
/// ```
/// use fangkong::roster::RosterError;
/// let err = RosterError::ZeroRequired;
/// assert_eq!(err.code(), "shift_requires_nobody");
/// assert_eq!(err.to_string(), "a shift must require at least one person");
/// assert_eq!(err.display_zh().to_string(), "班次至少需要一人");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RosterError {
    /// A leave request with days inside a leave cancellation in force, and no exception.
    #[error(
        "{staff} may not take leave {}: leave is cancelled by {cancellation} \"{title}\" for {unit} from {first}{}; a leader must record an exception first",
        days_en(*from, *to),
        lifted.map_or_else(|| " until lifted".to_owned(), |l| format!(" until lifted on {l}"))
    )]
    LeaveCancelled {
        /// Who asked, as a name and id.
        staff: String,
        /// The first day of the request inside the cancellation.
        from: Day,
        /// The last day of the request inside the cancellation.
        to: Day,
        /// The cancellation.
        cancellation: LeaveCancellationId,
        /// Its title.
        title: String,
        /// Its unit, as a label.
        unit: String,
        /// Its first day.
        first: Day,
        /// The day it was lifted from, if it was.
        lifted: Option<Day>,
    },
    /// A leave or an exception whose last day comes before its first.
    #[error("{what} ends on {last}, before it starts on {first}")]
    DaysReversed {
        /// What ("the leave", "the exception").
        what: &'static str,
        /// Its first day.
        first: Day,
        /// Its last day.
        last: Day,
    },
    /// No leave cancellation with this id.
    #[error("there is no leave cancellation {cancellation}")]
    UnknownLeaveCancellation {
        /// The id given.
        cancellation: LeaveCancellationId,
    },
    /// The cancellation was already lifted.
    #[error("leave cancellation {cancellation} was already lifted from {lifted}")]
    CancellationAlreadyLifted {
        /// The cancellation.
        cancellation: LeaveCancellationId,
        /// The first day it no longer applies.
        lifted: Day,
    },
    /// A lift on or before the cancellation's first day.
    #[error(
        "leave cancellation {cancellation} starts on {first}; it can be lifted from the day after at the earliest, not from {day}"
    )]
    LiftNotAfterStart {
        /// The cancellation.
        cancellation: LeaveCancellationId,
        /// The lift day given.
        day: Day,
        /// The cancellation's first day.
        first: Day,
    },
    /// An exception for someone the cancellation does not bind.
    #[error(
        "leave cancellation {cancellation} does not bind {staff}: no exception is needed (it binds staff assigned in {unit}, volunteers excepted)"
    )]
    NotBound {
        /// Who, as name and id.
        staff: String,
        /// The cancellation.
        cancellation: LeaveCancellationId,
        /// Its unit, as a label.
        unit: String,
    },
    /// No post with this id.
    #[error("there is no post {post}")]
    UnknownPost {
        /// The id given.
        post: PostId,
    },
    /// No shift with this id.
    #[error("there is no shift {shift}")]
    UnknownShift {
        /// The id given.
        shift: ShiftId,
    },
    /// A shift that ends at or before its start.
    #[error("the shift ends at {end}, not after it starts at {start}")]
    ShiftEndsBeforeStart {
        /// Its start.
        start: Instant,
        /// Its end.
        end: Instant,
    },
    /// A shift longer than the longest allowed.
    #[error("the shift from {start} to {end} is longer than {hours} hours; split it into shifts")]
    ShiftTooLong {
        /// Its start.
        start: Instant,
        /// Its end.
        end: Instant,
        /// The longest shift, in hours.
        hours: u32,
    },
    /// A shift that requires nobody.
    #[error("a shift must require at least one person")]
    ZeroRequired,
    /// A member of staff with the volunteer role and no consent on record.
    #[error(
        "{staff} has no consent on record: enroll them as a volunteer with the day they consented before they stand a shift"
    )]
    VolunteerWithoutConsent {
        /// Who, as name and id.
        staff: String,
    },
    /// Enrolling as a volunteer someone whose role is not volunteer.
    #[error(
        "{staff} is not a volunteer: only staff with the volunteer role are enrolled as volunteers"
    )]
    NotAVolunteer {
        /// Who, as name and id.
        staff: String,
    },
    /// A volunteer enrolled twice.
    #[error("{staff} is already enrolled as a volunteer")]
    AlreadyEnrolled {
        /// Who, as name and id.
        staff: String,
    },
    /// A consent dated after the day it is recorded.
    #[error("consent dated {day} lies after today ({today})")]
    ConsentInFuture {
        /// The consent's day.
        day: Day,
        /// Today.
        today: Day,
    },
    /// A birth year after the consent or more than 120 years before it.
    #[error("birth year {year} is not plausible for a volunteer consenting on {consent}")]
    ImplausibleBirthYear {
        /// The year given.
        year: i32,
        /// The day of consent.
        consent: Day,
    },
    /// A volunteer put on a post outside the unit they serve.
    #[error("{staff} serves {serves}; the post lies in {post_unit}, outside it")]
    VolunteerOutsideUnit {
        /// Who, as name and id.
        staff: String,
        /// The unit they serve, as a label.
        serves: String,
        /// The post's unit, as a label.
        post_unit: String,
    },
    /// A volunteer put where volunteers do not stand, or made a shift's leader.
    #[error("{staff} is a volunteer and may not {what}")]
    NotForVolunteers {
        /// Who, as name and id.
        staff: String,
        /// What they may not do ("stand office duty", "lead a shift").
        what: &'static str,
    },
    /// Assigning someone already on the shift.
    #[error("{staff} is already on shift {shift}")]
    AlreadyOnShift {
        /// Who, as name and id.
        staff: String,
        /// The shift.
        shift: ShiftId,
    },
    /// A check-in, check-out or removal for someone not on the shift.
    #[error("{staff} is not assigned to shift {shift}")]
    NotOnShift {
        /// Who, as name and id.
        staff: String,
        /// The shift.
        shift: ShiftId,
    },
    /// Assigning someone to a shift that overlaps another of theirs.
    #[error("{staff} is already on shift {other}, which overlaps shift {shift}")]
    ShiftsOverlap {
        /// Who, as name and id.
        staff: String,
        /// The shift asked for.
        shift: ShiftId,
        /// Their shift that overlaps it.
        other: ShiftId,
    },
    /// Assigning someone to a shift during their leave.
    #[error("{staff} is on leave from {first} to {last}, which covers shift {shift}")]
    OnLeave {
        /// Who, as name and id.
        staff: String,
        /// The shift.
        shift: ShiftId,
        /// The leave's first day.
        first: Day,
        /// The leave's last day.
        last: Day,
    },
    /// A check-in or check-out by someone other than the person or the shift's leader.
    #[error(
        "{actor} may not check {staff} in or out of shift {shift}: only the person or the shift's leader may"
    )]
    NotSelfOrShiftLeader {
        /// Who tried, as name and id.
        actor: String,
        /// Whose check-in, as name and id.
        staff: String,
        /// The shift.
        shift: ShiftId,
    },
    /// A check-in while already checked in.
    #[error("{staff} has been checked in to shift {shift} since {since}")]
    AlreadyCheckedIn {
        /// Who, as name and id.
        staff: String,
        /// The shift.
        shift: ShiftId,
        /// Since when.
        since: Instant,
    },
    /// A check-out without a check-in.
    #[error("{staff} is not checked in to shift {shift}")]
    NotCheckedIn {
        /// Who, as name and id.
        staff: String,
        /// The shift.
        shift: ShiftId,
    },
    /// A check-in too early or after the shift ended.
    #[error(
        "a check-in at {at} lies outside shift {shift} ({start} to {end}; check-in opens {early} minutes before the start)"
    )]
    CheckInOutsideShift {
        /// The shift.
        shift: ShiftId,
        /// The check-in's instant.
        at: Instant,
        /// The shift's start.
        start: Instant,
        /// The shift's end.
        end: Instant,
        /// How early check-in opens, in minutes.
        early: u32,
    },
    /// A key for a kind of post that is not lower-case letters, digits and hyphens.
    #[error(
        "{input:?} is not a kind of post: write a known name (such as \"checkpoint\" or \"卡点\"), or a key of lower-case letters, digits and hyphens starting with a letter, such as \"bridge-watch\""
    )]
    InvalidPostKindKey {
        /// The text as given (at most 40 characters, masked).
        input: String,
    },
    /// A kind of post neither preset nor defined.
    #[error(
        "there is no kind of post {kind:?}: define it first, or use a preset such as \"checkpoint\""
    )]
    UnknownPostKind {
        /// The key given.
        kind: String,
    },
    /// A kind of post defined twice, or with a preset's key.
    #[error("the kind of post {kind:?} already exists: give the new kind another key")]
    PostKindAlreadyDefined {
        /// The key given.
        kind: String,
    },
    /// An inspection of a post in a unit where the post does not lie.
    #[error("post {post} lies in {post_unit}, not in {unit}")]
    PostNotInUnit {
        /// The post.
        post: PostId,
        /// Its unit, as a label.
        post_unit: String,
        /// The unit named.
        unit: UnitId,
    },
}

crate::value_error::error_codes! {
    RosterError {
            LeaveCancelled => "leave_cancelled",
            DaysReversed => "leave_days_reversed",
            UnknownLeaveCancellation => "unknown_leave_cancellation",
            CancellationAlreadyLifted => "cancellation_already_lifted",
            LiftNotAfterStart => "lift_not_after_start",
            NotBound => "not_bound_by_cancellation",
            UnknownPost => "unknown_post",
            UnknownShift => "unknown_shift",
            ShiftEndsBeforeStart => "shift_ends_before_start",
            ShiftTooLong => "shift_too_long",
            ZeroRequired => "shift_requires_nobody",
            VolunteerWithoutConsent => "volunteer_without_consent",
            NotAVolunteer => "not_a_volunteer",
            AlreadyEnrolled => "volunteer_already_enrolled",
            ConsentInFuture => "consent_in_future",
            ImplausibleBirthYear => "implausible_birth_year",
            VolunteerOutsideUnit => "volunteer_outside_unit",
            NotForVolunteers => "not_for_volunteers",
            AlreadyOnShift => "already_on_shift",
            NotOnShift => "not_on_shift",
            ShiftsOverlap => "shifts_overlap",
            OnLeave => "on_leave",
            NotSelfOrShiftLeader => "not_self_or_shift_leader",
            AlreadyCheckedIn => "already_checked_in",
            NotCheckedIn => "not_checked_in",
            CheckInOutsideShift => "check_in_outside_shift",
            InvalidPostKindKey => "invalid_post_kind_key",
            UnknownPostKind => "unknown_post_kind",
            PostKindAlreadyDefined => "post_kind_already_defined",
            PostNotInUnit => "post_not_in_unit",
    }
}

impl RosterError {
    /// The message in Chinese (`Display` gives it in English).
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        Zh(self)
    }
}

/// "on 2020-01-27" or "from 2020-01-27 to 2020-01-29".
fn days_en(from: Day, to: Day) -> String {
    if from == to {
        format!("on {from}")
    } else {
        format!("from {from} to {to}")
    }
}

/// The Chinese rendering of a [`RosterError`].
struct Zh<'a>(&'a RosterError);

impl fmt::Display for Zh<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RosterError::*;
        match self.0 {
            LeaveCancelled {
                staff,
                from,
                to,
                cancellation,
                title,
                unit,
                first,
                lifted,
            } => {
                let days = if from == to {
                    from.to_string()
                } else {
                    format!("{from}至{to}")
                };
                let until =
                    lifted.map_or_else(|| "至解除为止".to_owned(), |l| format!("至{l}解除"));
                write!(
                    f,
                    "{staff}不能在{days}休假：{cancellation}“{title}”自{first}起{until}取消{unit}人员休假；须先由领导登记特批"
                )
            }
            DaysReversed { what, first, last } => {
                let what = match *what {
                    "the exception" => "特批",
                    _ => "休假",
                };
                write!(f, "{what}结束于{last}，早于开始日{first}")
            }
            UnknownLeaveCancellation { cancellation } => {
                write!(f, "没有取消休假通知{cancellation}")
            }
            CancellationAlreadyLifted {
                cancellation,
                lifted,
            } => write!(f, "取消休假通知{cancellation}已自{lifted}起解除"),
            LiftNotAfterStart {
                cancellation,
                day,
                first,
            } => write!(
                f,
                "取消休假通知{cancellation}自{first}起执行，最早只能自次日起解除，不能自{day}起解除"
            ),
            NotBound {
                staff,
                cancellation,
                unit,
            } => write!(
                f,
                "取消休假通知{cancellation}不约束{staff}，无须特批（它约束{unit}内的在岗人员，志愿者除外）"
            ),
            UnknownPost { post } => write!(f, "没有岗位{post}"),
            UnknownShift { shift } => write!(f, "没有班次{shift}"),
            ShiftEndsBeforeStart { start, end } => {
                write!(f, "班次结束于{end}，不晚于开始时间{start}")
            }
            ShiftTooLong { start, end, hours } => {
                write!(f, "自{start}至{end}的班次超过{hours}小时，请拆分为多个班次")
            }
            ZeroRequired => f.write_str("班次至少需要一人"),
            VolunteerWithoutConsent { staff } => write!(
                f,
                "{staff}没有登记本人同意：须先登记为志愿者并写明同意日期，才能上岗"
            ),
            NotAVolunteer { staff } => {
                write!(f, "{staff}不是志愿者：只有志愿者角色的人员才能登记为志愿者")
            }
            AlreadyEnrolled { staff } => write!(f, "{staff}已登记为志愿者"),
            ConsentInFuture { day, today } => {
                write!(f, "同意日期{day}晚于今天（{today}）")
            }
            ImplausibleBirthYear { year, consent } => {
                write!(f, "出生年份{year}对于{consent}同意的志愿者不合理")
            }
            VolunteerOutsideUnit {
                staff,
                serves,
                post_unit,
            } => write!(f, "{staff}服务于{serves}；该岗位位于{post_unit}，不在其内"),
            NotForVolunteers { staff, what } => {
                let what = match *what {
                    "lead a shift" => "担任带班人",
                    "stand office duty" => "值班",
                    _ => "担任此岗位",
                };
                write!(f, "{staff}是志愿者，不能{what}")
            }
            AlreadyOnShift { staff, shift } => write!(f, "{staff}已在班次{shift}上"),
            NotOnShift { staff, shift } => write!(f, "{staff}未排入班次{shift}"),
            ShiftsOverlap {
                staff,
                shift,
                other,
            } => write!(f, "{staff}已排入班次{other}，与班次{shift}时间重叠"),
            OnLeave {
                staff,
                shift,
                first,
                last,
            } => write!(f, "{staff}自{first}至{last}休假，覆盖班次{shift}"),
            NotSelfOrShiftLeader {
                actor,
                staff,
                shift,
            } => write!(
                f,
                "{actor}不能为{staff}登记班次{shift}的签到签退：只有本人或带班人可以"
            ),
            AlreadyCheckedIn {
                staff,
                shift,
                since,
            } => write!(f, "{staff}自{since}起已在班次{shift}签到"),
            NotCheckedIn { staff, shift } => write!(f, "{staff}未在班次{shift}签到"),
            CheckInOutsideShift {
                shift,
                at,
                start,
                end,
                early,
            } => write!(
                f,
                "{at}的签到不在班次{shift}内（{start}至{end}；签到于开始前{early}分钟开放）"
            ),
            InvalidPostKindKey { input } => write!(
                f,
                "“{input}”不是岗位类型：请写已知名称（如“卡点”），或由小写字母、数字和连字符组成、以字母开头的代号"
            ),
            UnknownPostKind { kind } => {
                write!(
                    f,
                    "没有岗位类型“{kind}”：请先定义，或使用预设类型，如“卡点”"
                )
            }
            PostKindAlreadyDefined { kind } => {
                write!(f, "岗位类型“{kind}”已存在：请给新类型另取代号")
            }
            PostNotInUnit {
                post,
                post_unit,
                unit,
            } => write!(f, "岗位{post}位于{post_unit}，不在{unit}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant, with names and units written in Chinese (as a township writes them).
    fn every_variant() -> Vec<RosterError> {
        let d = |s: &str| s.parse::<Day>().unwrap();
        let t = |s: &str| s.parse::<Instant>().unwrap();
        let staff = || "王建国 (S7)".to_owned();
        let unit = || "前进村 (U2)".to_owned();
        let c = LeaveCancellationId::new(1);
        let shift = ShiftId::new(3);
        let (start, end) = (
            t("2020-01-27T08:00:00+08:00"),
            t("2020-01-27T20:00:00+08:00"),
        );
        vec![
            RosterError::LeaveCancelled {
                staff: staff(),
                from: d("2020-01-27"),
                to: d("2020-01-28"),
                cancellation: c,
                title: "取消休假".into(),
                unit: unit(),
                first: d("2020-01-26"),
                lifted: Some(d("2020-02-10")),
            },
            RosterError::DaysReversed {
                what: "the exception",
                first: d("2020-01-28"),
                last: d("2020-01-27"),
            },
            RosterError::UnknownLeaveCancellation { cancellation: c },
            RosterError::CancellationAlreadyLifted {
                cancellation: c,
                lifted: d("2020-02-10"),
            },
            RosterError::LiftNotAfterStart {
                cancellation: c,
                day: d("2020-01-26"),
                first: d("2020-01-26"),
            },
            RosterError::NotBound {
                staff: staff(),
                cancellation: c,
                unit: unit(),
            },
            RosterError::UnknownPost {
                post: PostId::new(9),
            },
            RosterError::UnknownShift { shift },
            RosterError::ShiftEndsBeforeStart {
                start: end,
                end: start,
            },
            RosterError::ShiftTooLong {
                start,
                end,
                hours: 24,
            },
            RosterError::ZeroRequired,
            RosterError::VolunteerWithoutConsent { staff: staff() },
            RosterError::NotAVolunteer { staff: staff() },
            RosterError::AlreadyEnrolled { staff: staff() },
            RosterError::ConsentInFuture {
                day: d("2020-02-01"),
                today: d("2020-01-27"),
            },
            RosterError::ImplausibleBirthYear {
                year: 2030,
                consent: d("2020-01-26"),
            },
            RosterError::VolunteerOutsideUnit {
                staff: staff(),
                serves: unit(),
                post_unit: "白云村 (U3)".into(),
            },
            RosterError::NotForVolunteers {
                staff: staff(),
                what: "stand office duty",
            },
            RosterError::AlreadyOnShift {
                staff: staff(),
                shift,
            },
            RosterError::NotOnShift {
                staff: staff(),
                shift,
            },
            RosterError::ShiftsOverlap {
                staff: staff(),
                shift,
                other: ShiftId::new(4),
            },
            RosterError::OnLeave {
                staff: staff(),
                shift,
                first: d("2020-01-27"),
                last: d("2020-01-27"),
            },
            RosterError::NotSelfOrShiftLeader {
                actor: "唐平 (S5)".into(),
                staff: staff(),
                shift,
            },
            RosterError::AlreadyCheckedIn {
                staff: staff(),
                shift,
                since: start,
            },
            RosterError::NotCheckedIn {
                staff: staff(),
                shift,
            },
            RosterError::CheckInOutsideShift {
                shift,
                at: end,
                start,
                end,
                early: 60,
            },
            RosterError::InvalidPostKindKey {
                input: "路口 卡点".into(),
            },
            RosterError::UnknownPostKind {
                kind: "bridge-watch".into(),
            },
            RosterError::PostKindAlreadyDefined {
                kind: "bridge-watch".into(),
            },
            RosterError::PostNotInUnit {
                post: PostId::new(1),
                post_unit: unit(),
                unit: UnitId::new(3),
            },
        ]
    }

    #[test]
    fn every_variant_has_its_listed_code_and_reads_in_chinese() {
        let all = every_variant();
        // Given every variant, then each code is listed once, in the order of the variants,
        let codes: Vec<&str> = all.iter().map(RosterError::code).collect();
        assert_eq!(codes, RosterError::CODES);
        for e in &all {
            // and the Chinese holds no English word (three ASCII letters in a row) outside the
            // input it quotes (“…”).
            let zh = e.display_zh().to_string();
            let word = crate::test_support::english_word_outside_quotes(&zh);
            assert_eq!(word, None, "{}: {zh}", e.code());
            assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn a_leave_refused_names_the_days_and_the_lift() {
        let e = &every_variant()[0];
        assert_eq!(
            e.to_string(),
            "王建国 (S7) may not take leave from 2020-01-27 to 2020-01-28: leave is cancelled by LC1 \
             \"取消休假\" for 前进村 (U2) from 2020-01-26 until lifted on 2020-02-10; a leader must \
             record an exception first"
        );
        assert_eq!(
            e.display_zh().to_string(),
            "王建国 (S7)不能在2020-01-27至2020-01-28休假：LC1“取消休假”自2020-01-26起至2020-02-10解除取消前进村 (U2)人员休假；须先由领导登记特批"
        );
    }
}
