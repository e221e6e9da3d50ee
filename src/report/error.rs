//! Reporting's errors (报告错误): reporting units, schedules and exports.

use std::fmt;

use crate::calendar::Day;

/// What daily reporting refuses (报告错误): reporting units, the schedule, exports.
///
/// Wrapped by [`Error::Report`](crate::Error::Report). New variants may be added in minor
/// releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A report for a unit that does not report.
    #[error(
        "{unit} is not a reporting unit: reports come from the township's own row, its villages and communities, and the groups or zones a leader has added"
    )]
    NotAReportingUnit {
        /// The unit, as labelled.
        unit: String,
    },
    /// Adding a reporting unit that is not a group or zone.
    #[error(
        "{unit} is a {kind}: only groups and zones can be added as reporting units (the township, villages and communities report already)"
    )]
    NotAddableReportingUnit {
        /// The unit, as labelled.
        unit: String,
        /// Its kind.
        kind: &'static str,
        /// Its kind, in Chinese.
        kind_zh: &'static str,
    },
    /// Adding a group or zone that already reports.
    #[error("{unit} is already a reporting unit")]
    AlreadyReportingUnit {
        /// The unit, as labelled.
        unit: String,
    },
    /// A report before a leader has set when reports are required.
    #[error(
        "no report is required for {day} yet: a leader must first set the first day from which reports are required"
    )]
    NoReportingSchedule {
        /// The day reported.
        day: Day,
    },
    /// A report for a day before the first required day.
    #[error("no report is required for {day}: reports are required from {first_day} on")]
    ReportBeforeFirstDay {
        /// The day reported.
        day: Day,
        /// The first day from which reports are required.
        first_day: Day,
    },
    /// A report for a day that has not come yet.
    #[error("{day} has not come yet (today is {today}): report a day on or after it")]
    ReportForFutureDay {
        /// The day reported.
        day: Day,
        /// Today.
        today: Day,
    },
    /// A township's table added to a roll-up of another day.
    #[error("the table of {township} is for {day}, but the roll-up is for {expected}")]
    RollupOtherDay {
        /// The township whose table it is.
        township: String,
        /// The table's day.
        day: Day,
        /// The roll-up's day.
        expected: Day,
    },
    /// A township added twice to one roll-up (by its name).
    #[error(
        "{township} is already in the roll-up: two townships of one name cannot be told apart in the county's sheets (name one of them otherwise)"
    )]
    RollupTownshipTwice {
        /// The township's name.
        township: String,
    },
    /// An export could not be written.
    #[error("the {format} export could not be written: {reason}")]
    ExportFailed {
        /// The format (`"csv"`, `"xlsx"`).
        format: &'static str,
        /// What went wrong.
        reason: String,
    },
}

crate::value_error::error_codes! {
    ReportError {
            NotAReportingUnit => "not_a_reporting_unit",
            NotAddableReportingUnit => "not_addable_reporting_unit",
            AlreadyReportingUnit => "already_reporting_unit",
            NoReportingSchedule => "no_reporting_schedule",
            ReportBeforeFirstDay => "report_before_first_day",
            ReportForFutureDay => "report_for_future_day",
            ExportFailed => "export_failed",
            RollupOtherDay => "rollup_other_day",
            RollupTownshipTwice => "rollup_township_twice",
    }
}

impl ReportError {
    /// The message in Chinese (中文), for clerks who read Chinese; `Display` gives it in
    /// English. Identity and phone numbers are masked exactly as in the English message.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        self.zh()
    }

    fn zh(&self) -> String {
        use ReportError::*;
        match self {
            NotAReportingUnit { unit } => {
                format!("{unit}不是报告单位：报告来自乡镇本级、各村和社区，以及领导添加的组或片")
            }
            NotAddableReportingUnit { unit, kind_zh, .. } => format!(
                "{unit}是{kind_zh}：只有组和片可以添加为报告单位（乡镇、村和社区本来就要报告）"
            ),
            AlreadyReportingUnit { unit } => format!("{unit}已是报告单位"),
            NoReportingSchedule { day } => {
                format!("{day}还不需要报告：须先由领导设定从哪一天开始要求报告")
            }
            ReportBeforeFirstDay { day, first_day } => {
                format!("{day}不需要报告：从{first_day}起才要求报告")
            }
            ReportForFutureDay { day, today } => {
                format!("{day}还没有到（今天是{today}）：请报告当天或以前的日子")
            }
            ExportFailed { format, reason } => format!("{format}导出文件无法写入：{reason}"),
            RollupOtherDay {
                township,
                day,
                expected,
            } => format!("{township}的日报表是{day}的，但汇总的是{expected}"),
            RollupTownshipTwice { township } => format!(
                "{township}已在汇总中：同名的两个乡镇在全县报表中无法区分（请给其中一个另起名称）"
            ),
        }
    }
}
