//! Observation's errors (医学观察错误): temperatures, protocols, periods, readings, tests,
//! alerts and releases.

use std::fmt;

use crate::value_error::zh_or_en;

use crate::calendar::Day;
use crate::ids::ObservationId;
use crate::ids::ResidentId;
use crate::mask::MaskedText;

/// What home medical observation refuses (医学观察错误): temperatures, protocols, periods,
/// readings, tests, alerts and releases.
///
/// Wrapped by [`Error::Observation`](crate::Error::Observation). New variants may be added in
/// minor releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ObservationError {
    /// Text that is not a temperature in degrees Celsius.
    #[error(
        "{input:?} is not a temperature in degrees Celsius with at most one decimal, such as 37.3"
    )]
    InvalidTemperature {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// A temperature outside the plausible 34.0–43.0 ℃, refused rather than taken for a fever.
    #[error(
        "a temperature of {} ℃ is not plausible for a living person (34.0–43.0 ℃): measure again",
        tenths_text(*.tenths)
    )]
    ImplausibleTemperature {
        /// The reading in tenths of a degree Celsius.
        tenths: i32,
    },
    /// A protocol that cannot be used as it stands.
    #[error("protocol {key:?} cannot be used: {problem}")]
    InvalidProtocol {
        /// The protocol's key.
        key: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A day of exposure after the day it is recorded.
    #[error(
        "the exposure on {day0} is after today, {today}: day 0 is a day that has already happened"
    )]
    ExposureInFuture {
        /// The day of exposure given.
        day0: Day,
        /// The local day of recording.
        today: Day,
    },
    /// A test sampled on a day after the day it is recorded.
    #[error("a test sampled on {sampled} is after today, {today}: check the sampling day")]
    TestSampledInFuture {
        /// The sampling day given.
        sampled: Day,
        /// The local day of recording.
        today: Day,
    },
    /// An observation that no longer takes records.
    #[error("this observation is closed ({status}): nothing more can be recorded on it")]
    ObservationClosed {
        /// Where it stands, e.g. "released on 2020-02-04".
        status: String,
        /// The same in Chinese, e.g. "已于2020-02-04解除观察".
        status_zh: String,
    },
    /// A supply handout listing nothing.
    #[error("a supply handout must list at least one item")]
    EmptyHandout,
    /// An alert number with no alert.
    #[error("there is no alert {number} on this observation")]
    AlertNotFound {
        /// The number given.
        number: u32,
    },
    /// An alert already referred or cleared.
    #[error("alert {number} is already resolved")]
    AlertAlreadyResolved {
        /// Its number.
        number: u32,
    },
    /// A period change to the current last day.
    #[error("the last day under observation is already {last_day}: there is nothing to change")]
    PeriodUnchanged {
        /// The current last day.
        last_day: Day,
    },
    /// A period change to a last day on or before day 0.
    #[error(
        "the last day under observation must come after the exposure on {day0} (day 0); {new_last_day} does not"
    )]
    PeriodTooShort {
        /// Day 0.
        day0: Day,
        /// The last day given.
        new_last_day: Day,
    },
    /// A "new" exposure that is not later than the current day 0.
    #[error(
        "a new exposure on {new_day0} is not later than the current day 0, {current_day0}: only a later exposure restarts the period"
    )]
    ExposureNotLater {
        /// The current day 0.
        current_day0: Day,
        /// The day given.
        new_day0: Day,
    },
    /// A release the rules do not allow, without an override.
    #[error(
        "release on {day} is refused: {reasons}. A health worker may override this with a written reason"
    )]
    ReleaseRefused {
        /// The local day of the attempted release.
        day: Day,
        /// Every reason, as sentences separated by "; ".
        reasons: String,
        /// Every reason in Chinese, separated by "；".
        reasons_zh: String,
    },
    /// An override when the rules already allow release.
    #[error("the rules allow release on {day}: release without an override")]
    OverrideNotNeeded {
        /// The day of release.
        day: Day,
    },
    /// No such observation.
    #[error("there is no observation {observation} in this registry")]
    UnknownObservation {
        /// The id given.
        observation: ObservationId,
    },
    /// A protocol key that is neither adopted nor a preset.
    #[error(
        "there is no observation protocol {key:?}: adopt it first, or use a preset such as \"returnee-jan2020\""
    )]
    UnknownProtocol {
        /// The key given.
        key: String,
    },
    /// A second observation for someone already under observation.
    #[error(
        "resident {resident} is already under observation ({observation}); record a new exposure on it instead"
    )]
    AlreadyUnderObservation {
        /// The resident.
        resident: ResidentId,
        /// Their open observation.
        observation: ObservationId,
    },
    /// Something dated before its observation was opened.
    #[error("{what} dated {day} is before the observation was opened on {opened}")]
    BeforeOpening {
        /// What.
        what: &'static str,
        /// Its day.
        day: Day,
        /// The opening day.
        opened: Day,
    },
    /// A protocol adopted under a preset's key.
    #[error("{key:?} is the key of a preset protocol; give your own protocol another key")]
    PresetProtocolKey {
        /// The key.
        key: String,
    },
    /// An observation period or follow-on monitoring longer than
    /// [`MAX_PERIOD_DAYS`](crate::observation::MAX_PERIOD_DAYS).
    #[error(
        "{what} of {days} days is longer than {max} days: no observation lasts more than a year, \
         so the number was probably mistyped"
    )]
    PeriodTooLong {
        /// Which period, e.g. "an observation period".
        what: &'static str,
        /// The length given, in days.
        days: i64,
        /// The longest allowed, in days.
        max: u16,
    },
}

crate::value_error::error_codes! {
    ObservationError {
            InvalidTemperature => "invalid_temperature",
            ImplausibleTemperature => "implausible_temperature",
            InvalidProtocol => "invalid_protocol",
            ExposureInFuture => "exposure_in_future",
            TestSampledInFuture => "test_sampled_in_future",
            ObservationClosed => "observation_closed",
            EmptyHandout => "empty_handout",
            AlertNotFound => "alert_not_found",
            AlertAlreadyResolved => "alert_already_resolved",
            PeriodUnchanged => "period_unchanged",
            PeriodTooShort => "period_too_short",
            ExposureNotLater => "exposure_not_later",
            ReleaseRefused => "release_refused",
            OverrideNotNeeded => "override_not_needed",
            UnknownObservation => "unknown_observation",
            UnknownProtocol => "unknown_protocol",
            AlreadyUnderObservation => "already_under_observation",
            BeforeOpening => "before_opening",
            PresetProtocolKey => "preset_protocol_key",
            PeriodTooLong => "period_too_long",
    }
}

impl ObservationError {
    /// The message in Chinese (中文), for clerks who read Chinese; `Display` gives it in
    /// English. Identity and phone numbers are masked exactly as in the English message.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        self.zh()
    }

    fn zh(&self) -> String {
        use ObservationError::*;
        match self {
            InvalidTemperature { input } => {
                format!("“{input}”不是摄氏温度（最多一位小数），例如37.3")
            }
            ImplausibleTemperature { tenths } => format!(
                "{} ℃的体温对活人来说不合理（应在34.0–43.0 ℃之间）：请重新测量",
                tenths_text(*tenths)
            ),
            InvalidProtocol { key, problem } => format!("观察方案“{key}”不能使用：{problem}"),
            ExposureInFuture { day0, today } => {
                format!("暴露日{day0}晚于今天{today}：第0天必须是已经过去的日子")
            }
            TestSampledInFuture { sampled, today } => {
                format!("{sampled}采样的检测晚于今天{today}：请核对采样日期")
            }
            ObservationClosed { status_zh, .. } => {
                format!("该观察已结束（{status_zh}）：不能再录入")
            }
            EmptyHandout => "物资发放至少要列出一项".to_owned(),
            AlertNotFound { number } => format!("该观察没有第{number}号预警"),
            AlertAlreadyResolved { number } => format!("第{number}号预警已处理"),
            PeriodUnchanged { last_day } => {
                format!("观察的最后一天已经是{last_day}：无需更改")
            }
            PeriodTooShort { day0, new_last_day } => {
                format!("观察的最后一天必须晚于{day0}（第0天）的暴露；{new_last_day}不符合")
            }
            ExposureNotLater {
                current_day0,
                new_day0,
            } => format!(
                "{new_day0}的新暴露不晚于当前的第0天{current_day0}：只有更晚的暴露才重新计算观察期"
            ),
            ReleaseRefused {
                day,
                reasons_zh: reasons,
                ..
            } => {
                format!("{day}不能解除观察：{reasons}。医务人员可写明理由破例解除")
            }
            OverrideNotNeeded { day } => format!("规则允许在{day}解除：无需破例，直接解除"),
            UnknownObservation { observation } => format!("本登记簿中没有观察{observation}"),
            UnknownProtocol { key } => {
                format!("没有观察方案“{key}”：请先采用该方案，或使用预设方案，如“returnee-jan2020”")
            }
            AlreadyUnderObservation {
                resident,
                observation,
            } => format!("居民{resident}已在医学观察中（{observation}）；请在该观察上记录新的暴露"),
            BeforeOpening { what, day, opened } => {
                format!(
                    "{day}的{what}早于观察开始日期{opened}",
                    what = zh_or_en(what)
                )
            }
            PresetProtocolKey { key } => {
                format!("“{key}”是预设方案的代号；请给自定义方案另取代号")
            }
            PeriodTooLong { what, days, max } => {
                format!(
                    "{days}天的{what}超过{max}天：医学观察不会超过一年，可能是数字输错了",
                    what = zh_or_en(what)
                )
            }
        }
    }
}

/// Tenths of a degree as `37.3` (the error's own copy, so the error imports no domain module).
fn tenths_text(tenths: i32) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    format!("{sign}{}.{}", abs / 10, abs % 10)
}
