//! The crate error's message in Chinese (错误信息中文版), for clerks who read Chinese.
//!
//! A wrapped error gives its own Chinese (each nested enum's `display_zh`, beside it in its
//! module); `Error`'s own variants have one arm each here, with no catch-all. Personal data is
//! masked exactly as in the English message.

use std::fmt;

use super::Error;
use crate::grid::{grid_zh, roles_text_zh, staff_label_zh};
use crate::value_error::{field_zh, zh_or_en};

impl Error {
    /// The message in Chinese (中文), for clerks who read Chinese; `Display` gives it in
    /// English. Identity and phone numbers are masked exactly as in the English message.
    ///
    /// ```
    /// use fangkong::{Day, Error};
    /// let err = Error::from("2020/1/24".parse::<Day>().unwrap_err());
    /// assert_eq!(err.display_zh().to_string(), "“2020/1/24”不是按YYYY-MM-DD书写的日期，例如2020-01-24");
    /// let err = "day 11010519491231002X".parse::<Day>().unwrap_err();
    /// assert_eq!(err.display_zh().to_string(), "“day 1101**********002X”不是按YYYY-MM-DD书写的日期，例如2020-01-24");
    /// ```
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        self.zh()
    }

    /// The message in Chinese, as a `String`.
    #[deprecated(note = "use display_zh")]
    pub fn to_string_zh(&self) -> String {
        self.zh()
    }

    fn zh(&self) -> String {
        use Error::*;
        match self {
            Value(e) => e.display_zh().to_string(),
            Ledger(e) => e.display_zh().to_string(),
            Grid(e) => e.display_zh().to_string(),
            Screening(e) => e.display_zh().to_string(),
            Observation(e) => e.display_zh().to_string(),
            Gathering(e) => e.display_zh().to_string(),
            Supervision(e) => e.display_zh().to_string(),
            Report(e) => e.display_zh().to_string(),
            ReplayRefused { seq, reason } => format!("账本第{seq}条无法重放：{reason}"),
            InstantBeforeLedger { at, last } => format!(
                "该命令的时间为{at}，早于账本最后一条的时间{last}：请按录入时间记录（事实本身的时间，\
                 如测温时间，写在命令里）"
            ),
            UnknownStaff { staff } => {
                format!("{staff}不是登记在册的工作人员：只有登记在册的工作人员才能录入")
            }
            RoleNotPermitted {
                actor,
                action,
                allowed,
            } => format!(
                "{}无权{}：只有{}可以",
                staff_label_zh(actor),
                grid_zh(action),
                roles_text_zh(allowed)
            ),
            OutsideAssignedUnits {
                actor,
                action,
                unit,
                assigned,
            } => format!(
                "{}无权在{unit}{}：需分配到{unit}或其上级单位，其分配的单位为：{assigned}",
                staff_label_zh(actor),
                grid_zh(action)
            ),
            InFuture { what, at, now } => {
                format!(
                    "{}的时间为{at}，晚于录入时间（{now}）：请核对日期和时间",
                    zh_or_en(what)
                )
            }
            TextRequired { what } => format!("{}为必填项，不能为空", zh_or_en(what)),
            DependsOnRefusedRow { row, reason_zh, .. } => {
                format!("本批次第{row}行被拒绝，本命令依赖该行：{reason_zh}")
            }
            BatchRowNotEarlier { row, this } => {
                format!("本批次第{this}行引用了第{row}行，但该行不在它之前")
            }
            BatchRowCreatedNone { row, what } => {
                format!("本批次第{row}行没有创建{}，不能这样引用", field_zh(what))
            }
            Error::Proof(e) => e.display_zh().to_string(),
            Error::Publicity(e) => e.display_zh().to_string(),
            Error::Roster(e) => e.display_zh().to_string(),
            Error::Disinfection(e) => e.display_zh().to_string(),
            Error::Supplies(e) => e.display_zh().to_string(),
        }
    }
}
