//! Gathering control's errors (聚集管控错误): kinds, orders, planned gatherings, persuasion
//! and venues.

use std::fmt;

use crate::grid::staff_label_zh;
use crate::value_error::zh_or_en;

use crate::calendar::Day;
use crate::ids::GatheringId;
use crate::ids::GatheringOrderId;
use crate::ids::VenueId;

/// What gathering control refuses (聚集管控错误): kinds of gathering and venue, orders,
/// planned gatherings, persuasion, venue closures.
///
/// Wrapped by [`Error::Gathering`](crate::Error::Gathering). New variants may be added in minor
/// releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GatheringError {
    /// A label (kind of restriction, persuasion outcome, …) that is not one of the known names.
    #[error("{input:?} is not a {what}; write one of: {expected}")]
    InvalidGatheringLabel {
        /// What was expected, e.g. "kind of restriction".
        what: &'static str,
        /// The text as given (at most 40 characters).
        input: String,
        /// The accepted names.
        expected: String,
    },
    /// A key for a kind of gathering or venue that is not lower-case letters, digits and hyphens.
    #[error(
        "{input:?} is not a {what}: write a known name (such as \"wedding\" or \"婚礼\") or a key of \
         lower-case letters, digits and hyphens starting with a letter, such as \"village-opera\""
    )]
    InvalidKindKey {
        /// "kind of gathering" or "kind of venue".
        what: &'static str,
        /// The text as given (at most 40 characters).
        input: String,
    },
    /// A kind of gathering neither preset nor defined.
    #[error(
        "there is no kind of gathering {kind:?}: define it first, or use a preset such as \"wedding\""
    )]
    UnknownGatheringKind {
        /// The key given.
        kind: String,
    },
    /// A kind of venue neither preset nor defined.
    #[error(
        "there is no kind of venue {kind:?}: define it first, or use a preset such as \"catering\""
    )]
    UnknownVenueKind {
        /// The key given.
        kind: String,
    },
    /// Defining a kind that is a preset or already defined.
    #[error("the {what} {kind:?} already exists: give a new kind another key")]
    KindAlreadyDefined {
        /// "kind of gathering" or "kind of venue".
        what: &'static str,
        /// The key given.
        kind: String,
    },
    /// An order issued or lifted by someone who is not a leader of the unit. No longer
    /// produced: such an order is refused with [`Error::OutsideAssignedUnits`](crate::Error::OutsideAssignedUnits), by the one reach
    /// rule; kept so that a refusal recorded in an older ledger still reads.
    #[error(
        "{actor} is not a leader of {unit}: only a leader assigned to the unit or a unit above it \
         may issue or lift its orders"
    )]
    NotLeaderOfUnit {
        /// Who tried (role, name, id).
        actor: String,
        /// The unit.
        unit: String,
    },
    /// An order or a planned gathering whose last day is before its first.
    #[error("{what} ends on {last}, before it starts on {first}: check the dates")]
    EndsBeforeStart {
        /// What, e.g. "the order" or "the planned gathering".
        what: &'static str,
        /// The first day given.
        first: Day,
        /// The last day given.
        last: Day,
    },
    /// An order with no rules, or a rule naming no kind, or a closure naming no kind of venue.
    #[error("{what} is empty: name at least one {item}")]
    EmptyOrder {
        /// What is empty, e.g. "rule 2 of the order".
        what: String,
        /// What it must name, e.g. "kind of gathering".
        item: &'static str,
    },
    /// A rule limiting gatherings to zero people or zero days.
    #[error(
        "rule {rule} of the order limits gatherings to 0 {what}: prohibit them instead, or give a limit of at least 1"
    )]
    ZeroLimit {
        /// The rule's number in the order (from 1).
        rule: usize,
        /// "people" or "days".
        what: &'static str,
    },
    /// No such gathering order.
    #[error("there is no gathering order {order} in this registry")]
    UnknownGatheringOrder {
        /// The id given.
        order: GatheringOrderId,
    },
    /// Lifting an order that was already lifted.
    #[error("gathering order {order} was already lifted from {lifted}")]
    OrderAlreadyLifted {
        /// The order.
        order: GatheringOrderId,
        /// Its lift day.
        lifted: Day,
    },
    /// A lift day outside the days the order applies.
    #[error(
        "gathering order {order} applies from {first} through {last}: it cannot be lifted from {day}"
    )]
    LiftOutsideOrder {
        /// The order.
        order: GatheringOrderId,
        /// The lift day given.
        day: Day,
        /// Its first day.
        first: Day,
        /// Its last day ("until lifted" when open-ended).
        last: String,
    },
    /// A planned gathering of nobody.
    #[error("a planned gathering must expect at least 1 person; 0 were given")]
    ZeroAttendance,
    /// A planned gathering whose place lies in no unit of the registry.
    #[error(
        "the planned gathering is to be held at {place}, which is in no unit of this registry: \
         register the household or venue first"
    )]
    GatheringOutsideGrid {
        /// The household or venue given.
        place: String,
    },
    /// No such planned gathering.
    #[error(
        "there is no planned gathering {gathering} in this registry: record the household's report first"
    )]
    UnknownGathering {
        /// The id given.
        gathering: GatheringId,
    },
    /// A persuasion outcome "postponed to" a day not after the planned first day.
    #[error(
        "the gathering was planned to start on {first}: postponing it to {to} is not a postponement"
    )]
    PostponementNotLater {
        /// The planned first day.
        first: Day,
        /// The day given.
        to: Day,
    },
    /// A persuasion outcome "simplified to N people" with N zero or not fewer than expected.
    #[error(
        "simplified to {to} people is not a simplification of a gathering of {expected}: give between 1 and {expected} - 1"
    )]
    NotSimplified {
        /// The number given.
        to: u32,
        /// The attendance expected.
        expected: u32,
    },
    /// No such venue.
    #[error("there is no venue {venue} in the venue register")]
    UnknownVenue {
        /// The id given.
        venue: VenueId,
    },
    /// A violation recorded for a venue that no closure order keeps closed that day.
    #[error("{venue} is not ordered closed on {day}: a venue open on that day is no violation")]
    VenueNotClosed {
        /// How messages name the venue: `"Xiangxinan fruit market (VE66)"`.
        venue: String,
        /// The day.
        day: Day,
    },
}

crate::value_error::error_codes! {
    GatheringError {
            InvalidGatheringLabel => "invalid_gathering_label",
            InvalidKindKey => "invalid_kind_key",
            UnknownGatheringKind => "unknown_gathering_kind",
            UnknownVenueKind => "unknown_venue_kind",
            KindAlreadyDefined => "kind_already_defined",
            NotLeaderOfUnit => "not_leader_of_unit",
            EndsBeforeStart => "ends_before_start",
            EmptyOrder => "empty_order",
            ZeroLimit => "zero_limit",
            UnknownGatheringOrder => "unknown_gathering_order",
            OrderAlreadyLifted => "order_already_lifted",
            LiftOutsideOrder => "lift_outside_order",
            ZeroAttendance => "zero_attendance",
            GatheringOutsideGrid => "gathering_outside_grid",
            UnknownGathering => "unknown_gathering",
            PostponementNotLater => "postponement_not_later",
            NotSimplified => "not_simplified",
            UnknownVenue => "unknown_venue",
            VenueNotClosed => "venue_not_closed",
    }
}

impl GatheringError {
    /// The message in Chinese (中文), for clerks who read Chinese; `Display` gives it in
    /// English. Identity and phone numbers are masked exactly as in the English message.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        self.zh()
    }

    fn zh(&self) -> String {
        use GatheringError::*;
        match self {
            InvalidGatheringLabel {
                what,
                input,
                expected,
            } => format!(
                "“{input}”不是{what}；请写以下之一：{expected}",
                what = zh_or_en(what)
            ),
            InvalidKindKey { what, input } => format!(
                "“{input}”不是{what}：请写已知名称（如“wedding”或“婚礼”），或由小写字母、数字和\
                 连字符组成、以字母开头的代号，如“village-opera”",
                what = zh_or_en(what)
            ),
            UnknownGatheringKind { kind } => {
                format!("没有聚集类型“{kind}”：请先定义，或使用预设类型，如“wedding”")
            }
            UnknownVenueKind { kind } => {
                format!("没有场所类型“{kind}”：请先定义，或使用预设类型，如“catering”")
            }
            KindAlreadyDefined { what, kind } => {
                format!(
                    "{what}“{kind}”已存在：请给新类型另取代号",
                    what = zh_or_en(what)
                )
            }
            NotLeaderOfUnit { actor, unit } => format!(
                "{actor}不是{unit}的领导：只有分配到该单位或其上级单位的领导才能发布或解除其禁令",
                actor = staff_label_zh(actor)
            ),
            EndsBeforeStart { what, first, last } => {
                format!(
                    "{what}在{last}结束，早于开始日期{first}：请核对日期",
                    what = zh_or_en(what)
                )
            }
            EmptyOrder { what, item } => format!(
                "{what}为空：至少写一项{item}",
                what = order_part_zh(what),
                item = zh_or_en(item)
            ),
            ZeroLimit { rule, what } => {
                format!(
                    "禁令第{rule}条把聚集限制为0{what}：请改为禁止，或给出至少为1的上限",
                    what = zh_or_en(what)
                )
            }
            UnknownGatheringOrder { order } => format!("本登记簿中没有聚集禁令{order}"),
            OrderAlreadyLifted { order, lifted } => {
                format!("聚集禁令{order}已于{lifted}起解除")
            }
            LiftOutsideOrder {
                order,
                day,
                first,
                last,
            } => format!("聚集禁令{order}适用于{first}至{last}：不能从{day}起解除"),
            ZeroAttendance => "计划的聚集至少要有1人；所填为0".to_owned(),
            GatheringOutsideGrid { place } => {
                format!("计划的聚集在{place}举办，不在本登记簿的任何单位内：请先登记该户或场所")
            }
            UnknownGathering { gathering } => {
                format!("本登记簿中没有计划聚集{gathering}：请先记录该户的报备")
            }
            PostponementNotLater { first, to } => {
                format!("该聚集原定{first}开始：改到{to}不算缓办")
            }
            NotSimplified { to, expected } => {
                format!("简办为{to}人不是对{expected}人聚集的简化：请填1至{expected}减1之间的人数")
            }
            UnknownVenue { venue } => format!("场所名单中没有场所{venue}"),
            VenueNotClosed { venue, day } => {
                format!("{venue}在{day}没有被责令关停：当天营业不算违规")
            }
        }
    }
}

/// The Chinese of a part of an order as messages name it (`the order`, `rule 2 of the order`).
fn order_part_zh(what: &str) -> String {
    let rule = what
        .strip_prefix("rule ")
        .and_then(|r| r.strip_suffix(" of the order"));
    match rule {
        Some(n) => format!("禁令第{n}条"),
        None => zh_or_en(what).to_owned(),
    }
}
