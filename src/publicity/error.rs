//! Publicity's errors (宣传错误): kinds, campaigns and the actions recorded.

use std::fmt;

use crate::calendar::{Day, Instant};
use crate::value_error::zh_or_en;

/// What publicity refuses (宣传错误): an unknown or inconsistent kind, a campaign ended twice,
/// an action outside its campaign or its unit, an empty list, a zero count, a span that ends
/// before it starts.
///
/// Wrapped by [`Error::Publicity`](crate::Error::Publicity). New variants may be added in
/// minor releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PublicityError {
    /// A kind of publicity neither preset nor defined.
    #[error(
        "there is no kind of publicity \"{kind}\": define it first, or use a preset such as \"letter\" or \"loudspeaker\""
    )]
    UnknownPublicityKind {
        /// The kind's key.
        kind: String,
    },
    /// A kind of publicity whose channel does not fit its form: a kind delivered to households
    /// is door to door, and only such a kind is.
    #[error("{}", kind_inconsistent_en(kind, *delivered))]
    PublicityKindInconsistent {
        /// The kind's key.
        kind: String,
        /// Whether it is delivered to households.
        delivered: bool,
    },
    /// An action recorded in a form its kind does not take (a letter recorded as an outing).
    #[error("\"{kind}\" is recorded in the form \"{expected}\", not \"{found}\"")]
    PublicityFormMismatch {
        /// The kind's English name.
        kind: String,
        /// The kind's Chinese name.
        kind_zh: String,
        /// The form the kind takes (its English name).
        expected: &'static str,
        /// The form given (its English name).
        found: &'static str,
    },
    /// No such publicity campaign.
    #[error("there is no publicity campaign {campaign} in this registry")]
    UnknownCampaign {
        /// The id given.
        campaign: crate::ids::CampaignId,
    },
    /// A publicity campaign ended twice.
    #[error("publicity campaign {campaign} already ended on {last}")]
    CampaignAlreadyEnded {
        /// The campaign.
        campaign: crate::ids::CampaignId,
        /// Its last day.
        last: Day,
    },
    /// An action of a campaign outside the campaign's days.
    #[error(
        "the action runs from {start} to {end}, outside publicity campaign {campaign}, which runs from {first} {}: record it within the campaign's days, or without the campaign",
        last.map_or_else(|| "until it ends".to_owned(), |l| format!("to {l}"))
    )]
    ActionOutsideCampaign {
        /// The campaign.
        campaign: crate::ids::CampaignId,
        /// The campaign's first day.
        first: Day,
        /// The campaign's last day, if it has ended.
        last: Option<Day>,
        /// The action's first day.
        start: Day,
        /// The action's last day.
        end: Day,
    },
    /// A campaign ended before the last day of one of its actions.
    #[error(
        "publicity campaign {campaign} cannot end on {last}: its action {action} runs to {day}"
    )]
    CampaignEndsBeforeAction {
        /// The campaign.
        campaign: crate::ids::CampaignId,
        /// The last day given.
        last: Day,
        /// The action.
        action: crate::ids::PublicityActionId,
        /// The action's last day.
        day: Day,
    },
    /// Something an action or a campaign names that does not lie in its unit (a household of
    /// another group, a village outside the campaign's unit).
    #[error("{item} is not within {within}")]
    NotWithinUnit {
        /// What was named: an id or a unit's label, with where it lies.
        item: String,
        /// The unit it should lie in (its label).
        within: String,
    },
    /// A list that must name something is empty.
    #[error("{what} cannot be empty: list at least one")]
    NothingListed {
        /// Which list, e.g. "the households of a delivery".
        what: &'static str,
    },
    /// The same thing listed twice in one command.
    #[error("{item} is listed twice: list each once")]
    ListedTwice {
        /// What was listed twice: an id, a unit or an instant.
        item: String,
    },
    /// A count that must be at least 1 is zero.
    #[error("{what} cannot be 0: write at least 1")]
    ZeroCount {
        /// Which count, e.g. "the copies delivered to a household".
        what: &'static str,
    },
    /// A span of time that ends before it starts.
    #[error("{what} ends at {end}, before it starts at {start}: check the times")]
    SpanEndsBeforeStart {
        /// What, e.g. "the outing".
        what: &'static str,
        /// Its start.
        start: Instant,
        /// Its end.
        end: Instant,
    },
    /// A span of time longer than any the registry records at once.
    #[error("{what} lasts {days} days, longer than {max}: check the dates, or record it in parts")]
    SpanTooLong {
        /// What, e.g. "the broadcast".
        what: &'static str,
        /// Its length in days (counting its first and last).
        days: i64,
        /// The most allowed.
        max: u16,
    },
    /// An action dated after the day it is recorded.
    #[error("{what} is dated {day}, after today ({today}): record it once it has happened")]
    ActionInFuture {
        /// What, e.g. "the delivery".
        what: &'static str,
        /// The day given.
        day: Day,
        /// The local day of recording.
        today: Day,
    },
    /// An action that starts after the instant it is recorded.
    #[error("{what} starts at {start}, after it is recorded ({now}): record it once it has begun")]
    ActionStartsInFuture {
        /// What, e.g. "the outing".
        what: &'static str,
        /// Its start.
        start: Instant,
        /// The instant of recording.
        now: Instant,
    },
}

crate::value_error::error_codes! {
    PublicityError {
            UnknownPublicityKind => "unknown_publicity_kind",
            PublicityKindInconsistent => "publicity_kind_inconsistent",
            PublicityFormMismatch => "publicity_form_mismatch",
            UnknownCampaign => "unknown_campaign",
            CampaignAlreadyEnded => "campaign_already_ended",
            ActionOutsideCampaign => "action_outside_campaign",
            CampaignEndsBeforeAction => "campaign_ends_before_action",
            NotWithinUnit => "not_within_unit",
            NothingListed => "nothing_listed",
            ListedTwice => "listed_twice",
            ZeroCount => "zero_count",
            SpanEndsBeforeStart => "span_ends_before_start",
            SpanTooLong => "span_too_long",
            ActionInFuture => "action_in_future",
            ActionStartsInFuture => "action_starts_in_future",
    }
}

/// The English message of [`PublicityError::PublicityKindInconsistent`].
fn kind_inconsistent_en(kind: &str, delivered: bool) -> String {
    if delivered {
        format!(
            "the kind of publicity \"{kind}\" is delivered to households, so it is door to door: give it the door-to-door channel"
        )
    } else {
        format!(
            "the kind of publicity \"{kind}\" is not delivered to households, so it cannot be door to door: give it the traditional or the online channel"
        )
    }
}

impl PublicityError {
    /// The message in Chinese (中文), for clerks who read Chinese; `Display` gives it in
    /// English.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        self.zh()
    }

    fn zh(&self) -> String {
        use PublicityError::*;
        match self {
            UnknownPublicityKind { kind } => format!(
                "没有宣传方式“{kind}”：请先定义，或使用预设方式，如“letter”（一封信）或“loudspeaker”（村村响广播）"
            ),
            PublicityKindInconsistent { kind, delivered } => {
                if *delivered {
                    format!("宣传方式“{kind}”是入户发放，属于入户宣传：请选入户渠道")
                } else {
                    format!("宣传方式“{kind}”不是入户发放，不能选入户渠道：请选传统媒体或网络媒体")
                }
            }
            PublicityFormMismatch {
                kind_zh,
                expected,
                found,
                ..
            } => format!(
                "“{kind_zh}”应按“{}”记录，不能按“{}”记录",
                zh_or_en(expected),
                zh_or_en(found)
            ),
            UnknownCampaign { campaign } => format!("本登记簿中没有宣传活动{campaign}"),
            CampaignAlreadyEnded { campaign, last } => {
                format!("宣传活动{campaign}已于{last}结束")
            }
            ActionOutsideCampaign {
                campaign,
                first,
                last,
                start,
                end,
            } => format!(
                "该宣传从{start}到{end}，不在宣传活动{campaign}的日期内（{first}{}）：请在活动日期内记录，或不归入该活动",
                last.map_or_else(|| "起，尚未结束".to_owned(), |l| format!("至{l}"))
            ),
            CampaignEndsBeforeAction {
                campaign,
                last,
                action,
                day,
            } => format!("宣传活动{campaign}不能在{last}结束：其宣传记录{action}持续到{day}"),
            NotWithinUnit { item, within } => format!("{item}不在{within}范围内"),
            NothingListed { what } => {
                format!("{}不能为空：至少列出一项", zh_or_en(what))
            }
            ListedTwice { item } => format!("{item}重复列出：每项只列一次"),
            ZeroCount { what } => format!("{}不能为0：至少为1", zh_or_en(what)),
            SpanEndsBeforeStart { what, start, end } => format!(
                "{}在{end}结束，早于开始时间{start}：请核对时间",
                zh_or_en(what)
            ),
            SpanTooLong { what, days, max } => format!(
                "{}持续{days}天，超过{max}天：请核对日期，或分段记录",
                zh_or_en(what)
            ),
            ActionInFuture { what, day, today } => format!(
                "{}的日期为{day}，晚于今天（{today}）：请在发生后记录",
                zh_or_en(what)
            ),
            ActionStartsInFuture { what, start, now } => format!(
                "{}于{start}开始，晚于录入时间（{now}）：请在开始后记录",
                zh_or_en(what)
            ),
        }
    }
}
