//! Cleaning and disinfection's errors (消杀错误), in words a township clerk can act on.

use std::fmt;

use crate::calendar::{Day, TimeOfDay};
use crate::ids::{DisinfectionScheduleId, SiteId};

/// Everything cleaning and disinfection refuses. Wrapped by
/// [`Error::Disinfection`](crate::Error::Disinfection); failures shared with other modules (an
/// unknown unit or member of staff, a role not permitted, a unit outside the actor's reach, a
/// text required or too long) keep the crate's own variants.
///
/// ```
/// use fangkong::disinfection::DisinfectionError;
/// let err = DisinfectionError::AmountNotPositive { what: "the amount used" };
/// assert_eq!(err.code(), "amount_not_positive");
/// assert_eq!(err.to_string(), "the amount used must be more than zero");
/// assert_eq!(err.display_zh().to_string(), "用量必须大于零");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DisinfectionError {
    /// No site with this id.
    #[error("there is no disinfection site {site}")]
    UnknownSite {
        /// The id given.
        site: SiteId,
    },
    /// No schedule with this id.
    #[error("there is no disinfection schedule {schedule}")]
    UnknownSchedule {
        /// The id given.
        schedule: DisinfectionScheduleId,
    },
    /// A kind of site neither preset nor defined.
    #[error(
        "there is no kind of site \"{kind}\": define it first, or use a preset such as \"public place\""
    )]
    UnknownSiteKind {
        /// The key given.
        kind: String,
    },
    /// A kind of site defined twice, or with a preset's key.
    #[error("the kind of site \"{kind}\" already exists: give the new kind another key")]
    SiteKindAlreadyDefined {
        /// The key given.
        kind: String,
    },
    /// A window that ends at or before it starts (a window cannot cross midnight).
    #[error(
        "the window ends at {end}, not after it starts at {start}: a window lies within one local day and cannot cross midnight (end it by 23:59, or split a night round into two schedules)"
    )]
    WindowEndsBeforeStart {
        /// Its start.
        start: TimeOfDay,
        /// Its end.
        end: TimeOfDay,
    },
    /// A twice-daily schedule whose second window does not start after the first ends.
    #[error(
        "the second round's window starts at {second_start}, not after the first round's window ends at {first_end}"
    )]
    WindowsOverlap {
        /// The end of the first window.
        first_end: TimeOfDay,
        /// The start of the second window.
        second_start: TimeOfDay,
    },
    /// Rounds every N days with N zero or too large.
    #[error("rounds every {days} days: the interval must be from 1 to {max} days")]
    InvalidInterval {
        /// The days given.
        days: u32,
        /// The longest interval allowed.
        max: u32,
    },
    /// An amount of zero (negative amounts do not parse).
    #[error("{what} must be more than zero")]
    AmountNotPositive {
        /// What ("the amount used", "the amount expected").
        what: &'static str,
    },
    /// An amount that does not parse.
    #[error(
        "\"{input}\" is not an amount: write a whole number more than zero and a unit, such as \"500 ml\", \"2 瓶\" or \"500毫升\""
    )]
    InvalidAmount {
        /// The text as given, masked and cut.
        input: String,
    },
    /// A schedule whose last day comes before its first.
    #[error("the schedule ends on {last}, before it starts on {first}")]
    ScheduleDaysReversed {
        /// Its first day.
        first: Day,
        /// Its last day.
        last: Day,
    },
    /// A schedule lifted a second time.
    #[error("disinfection schedule {schedule} was already lifted from {lifted}")]
    ScheduleAlreadyLifted {
        /// The schedule.
        schedule: DisinfectionScheduleId,
        /// The first day it no longer applies.
        lifted: Day,
    },
    /// A lift on or before the schedule's first day.
    #[error(
        "disinfection schedule {schedule} starts on {first}; it can be lifted from the day after at the earliest, not from {day}"
    )]
    LiftNotAfterStart {
        /// The schedule.
        schedule: DisinfectionScheduleId,
        /// The lift day given.
        day: Day,
        /// Its first day.
        first: Day,
    },
    /// A lift or change from a day after the schedule's last day of rounds.
    #[error(
        "disinfection schedule {schedule} has no rounds after {last}: nothing changes from {day}"
    )]
    AfterScheduleEnd {
        /// The schedule.
        schedule: DisinfectionScheduleId,
        /// The day given.
        day: Day,
        /// Its last day of rounds.
        last: Day,
    },
    /// A change not after the schedule's latest change.
    #[error(
        "disinfection schedule {schedule} was last set from {latest}: a change takes effect from a later day, not from {day}"
    )]
    ChangeNotAfterLatest {
        /// The schedule.
        schedule: DisinfectionScheduleId,
        /// The day given.
        day: Day,
        /// The first day of its latest terms.
        latest: Day,
    },
    /// A schedule, change, lift, designation or end of one reaching back before today.
    #[error(
        "{what} cannot take effect from {day}, before today ({today}): what was expected on past days stays on record"
    )]
    ReachesIntoPast {
        /// What ("the schedule", "the change", "the lift", "the designation", "the end of the
        /// assignment").
        what: &'static str,
        /// The day given.
        day: Day,
        /// Today.
        today: Day,
    },
    /// Someone assigned to a site they already answer for.
    #[error("{staff} is already assigned to site {site}")]
    AlreadyAssignedToSite {
        /// Who, as name and id.
        staff: String,
        /// The site.
        site: SiteId,
    },
    /// The end of a site assignment for someone not assigned to it.
    #[error("{staff} is not assigned to site {site}")]
    NotAssignedToSite {
        /// Who, as name and id.
        staff: String,
        /// The site.
        site: SiteId,
    },
    /// The end of a site assignment on or before its first day.
    #[error(
        "{staff} answers for site {site} from {from}; the assignment can end from the day after at the earliest, not from {day}"
    )]
    AssignmentEndNotAfterStart {
        /// Who, as name and id.
        staff: String,
        /// The site.
        site: SiteId,
        /// The day given.
        day: Day,
        /// The assignment's first day.
        from: Day,
    },
    /// An inspector assigned to a site (inspectors check rounds, they do not do them).
    #[error("{staff} is an inspector: inspectors check rounds and cannot answer for a site")]
    InspectorNotDesignated {
        /// Who, as name and id.
        staff: String,
    },
    /// A round recorded by someone not designated for the site.
    #[error(
        "{actor} is not designated for site {site} ({name}) today: a round is recorded by the staff assigned to the site, or a leader of its unit"
    )]
    NotDesignated {
        /// Who tried, as name and id.
        actor: String,
        /// The site.
        site: SiteId,
        /// Its name.
        name: String,
    },
}

crate::value_error::error_codes! {
    DisinfectionError {
            UnknownSite => "unknown_site",
            UnknownSchedule => "unknown_disinfection_schedule",
            UnknownSiteKind => "unknown_site_kind",
            SiteKindAlreadyDefined => "site_kind_already_defined",
            WindowEndsBeforeStart => "window_ends_before_start",
            WindowsOverlap => "round_windows_overlap",
            InvalidInterval => "invalid_round_interval",
            AmountNotPositive => "amount_not_positive",
            InvalidAmount => "invalid_round_amount",
            ScheduleDaysReversed => "schedule_days_reversed",
            ScheduleAlreadyLifted => "schedule_already_lifted",
            LiftNotAfterStart => "schedule_lift_not_after_start",
            AfterScheduleEnd => "after_schedule_end",
            ChangeNotAfterLatest => "schedule_change_not_after_latest",
            ReachesIntoPast => "disinfection_change_in_past",
            AlreadyAssignedToSite => "already_assigned_to_site",
            NotAssignedToSite => "not_assigned_to_site",
            AssignmentEndNotAfterStart => "site_assignment_end_not_after_start",
            InspectorNotDesignated => "inspector_not_designated",
            NotDesignated => "not_designated_for_site",
    }
}

impl DisinfectionError {
    /// The message in Chinese (`Display` gives it in English).
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        Zh(self)
    }
}

/// The Chinese of the `what` texts the module passes.
fn what_zh(what: &str) -> &'static str {
    match what {
        "the amount used" => "用量",
        "the amount expected" => "计划用量",
        "the change" => "计划变更",
        "the lift" => "计划解除",
        "the end of the assignment" => "人员指定的结束",
        "the designation" => "人员指定",
        "the schedule" => "消杀计划",
        _ => "所填内容",
    }
}

/// The Chinese rendering of a [`DisinfectionError`].
struct Zh<'a>(&'a DisinfectionError);

impl fmt::Display for Zh<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DisinfectionError::*;
        match self.0 {
            UnknownSite { site } => write!(f, "没有消杀点位{site}"),
            UnknownSchedule { schedule } => write!(f, "没有消杀计划{schedule}"),
            UnknownSiteKind { kind } => write!(
                f,
                "没有点位类型“{kind}”：请先定义，或使用预设类型，如“公共场所”"
            ),
            SiteKindAlreadyDefined { kind } => {
                write!(f, "点位类型“{kind}”已存在：请给新类型另取代号")
            }
            WindowEndsBeforeStart { start, end } => write!(
                f,
                "时段结束于{end}，不晚于开始时间{start}：时段须在同一天内，不能跨过午夜（最晚到23:59结束，或把夜间消杀分成两个计划）"
            ),
            WindowsOverlap {
                first_end,
                second_start,
            } => write!(
                f,
                "第二次消杀的时段开始于{second_start}，不晚于第一次时段的结束时间{first_end}"
            ),
            InvalidInterval { days, max } => {
                write!(f, "每{days}天一次：间隔须为1至{max}天")
            }
            AmountNotPositive { what } => write!(f, "{}必须大于零", what_zh(what)),
            InvalidAmount { input } => write!(
                f,
                "“{input}”不是用量：请写大于零的整数和单位，如“500毫升”或“2瓶”"
            ),
            ScheduleDaysReversed { first, last } => {
                write!(f, "计划结束于{last}，早于开始日期{first}")
            }
            ScheduleAlreadyLifted { schedule, lifted } => {
                write!(f, "消杀计划{schedule}已自{lifted}起解除")
            }
            LiftNotAfterStart {
                schedule,
                day,
                first,
            } => write!(
                f,
                "消杀计划{schedule}自{first}开始，最早只能从次日起解除，不能从{day}起解除"
            ),
            AfterScheduleEnd {
                schedule,
                day,
                last,
            } => write!(
                f,
                "消杀计划{schedule}在{last}之后没有安排：从{day}起无可变更"
            ),
            ChangeNotAfterLatest {
                schedule,
                day,
                latest,
            } => write!(
                f,
                "消杀计划{schedule}最近一次自{latest}起调整：变更须从更晚的日期起生效，不能从{day}起"
            ),
            ReachesIntoPast { what, day, today } => write!(
                f,
                "{}不能从今天（{today}）之前的{day}起生效：过去各天应做的消杀保留在案",
                what_zh(what)
            ),
            AlreadyAssignedToSite { staff, site } => {
                write!(f, "{staff}已被指定负责点位{site}")
            }
            NotAssignedToSite { staff, site } => write!(f, "{staff}未被指定负责点位{site}"),
            AssignmentEndNotAfterStart {
                staff,
                site,
                day,
                from,
            } => write!(
                f,
                "{staff}自{from}起负责点位{site}，最早只能从次日起结束，不能从{day}起"
            ),
            InspectorNotDesignated { staff } => {
                write!(f, "{staff}是纪委督查人员：督查人员检查消杀，不能负责点位")
            }
            NotDesignated { actor, site, name } => write!(
                f,
                "{actor}今天未被指定负责点位{site}（{name}）：消杀记录由指定负责该点位的人员或所在单位的领导录入"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<DisinfectionError> {
        let d = |s: &str| s.parse::<Day>().unwrap();
        let t = |s: &str| s.parse::<TimeOfDay>().unwrap();
        let staff = || "王建国 (S7)".to_owned();
        let site = SiteId::new(3);
        let schedule = DisinfectionScheduleId::new(2);
        vec![
            DisinfectionError::UnknownSite { site },
            DisinfectionError::UnknownSchedule { schedule },
            DisinfectionError::UnknownSiteKind {
                kind: "clinic-yard".into(),
            },
            DisinfectionError::SiteKindAlreadyDefined {
                kind: "clinic-yard".into(),
            },
            DisinfectionError::WindowEndsBeforeStart {
                start: t("22:00"),
                end: t("02:00"),
            },
            DisinfectionError::WindowsOverlap {
                first_end: t("10:00"),
                second_start: t("09:00"),
            },
            DisinfectionError::InvalidInterval { days: 0, max: 30 },
            DisinfectionError::AmountNotPositive {
                what: "the amount used",
            },
            DisinfectionError::InvalidAmount {
                input: "-5 瓶".into(),
            },
            DisinfectionError::ScheduleDaysReversed {
                first: d("2020-01-28"),
                last: d("2020-01-27"),
            },
            DisinfectionError::ScheduleAlreadyLifted {
                schedule,
                lifted: d("2020-02-10"),
            },
            DisinfectionError::LiftNotAfterStart {
                schedule,
                day: d("2020-01-26"),
                first: d("2020-01-26"),
            },
            DisinfectionError::AfterScheduleEnd {
                schedule,
                day: d("2020-03-01"),
                last: d("2020-02-20"),
            },
            DisinfectionError::ChangeNotAfterLatest {
                schedule,
                day: d("2020-01-27"),
                latest: d("2020-01-28"),
            },
            DisinfectionError::ReachesIntoPast {
                what: "the change",
                day: d("2020-01-20"),
                today: d("2020-01-27"),
            },
            DisinfectionError::AlreadyAssignedToSite {
                staff: staff(),
                site,
            },
            DisinfectionError::NotAssignedToSite {
                staff: staff(),
                site,
            },
            DisinfectionError::AssignmentEndNotAfterStart {
                staff: staff(),
                site,
                day: d("2020-01-26"),
                from: d("2020-01-26"),
            },
            DisinfectionError::InspectorNotDesignated { staff: staff() },
            DisinfectionError::NotDesignated {
                actor: staff(),
                site,
                name: "乡政府办公楼".into(),
            },
        ]
    }

    #[test]
    fn every_variant_has_its_listed_code_and_reads_in_chinese() {
        let all = every_variant();
        // Given every variant, then each code is listed once, in the order of the variants,
        let codes: Vec<&str> = all.iter().map(DisinfectionError::code).collect();
        assert_eq!(codes, DisinfectionError::CODES);
        for e in &all {
            // and the Chinese holds no English word outside the input it quotes.
            let zh = e.display_zh().to_string();
            let word = crate::test_support::english_word_outside_quotes(&zh);
            assert_eq!(word, None, "{}: {zh}", e.code());
            assert!(!e.to_string().is_empty());
        }
    }
}
