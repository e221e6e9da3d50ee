//! Screening's errors (排查错误): the risk register and its designations, stays and
//! interviews, screening rounds and rules.

use std::fmt;

use crate::calendar::Day;
use crate::ids::DesignationId;
use crate::ids::HouseholdId;
use crate::ids::RoundId;
use crate::mask::mask_personal_data;
use crate::place::DivisionCode;

/// What screening refuses (排查错误): risk-area designations, stays, rounds, rules and
/// interviews.
///
/// Wrapped by [`Error::Screening`](crate::Error::Screening). New variants may be added in minor
/// releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScreeningError {
    /// A user-defined risk level whose name cannot be used.
    #[error("{:?} cannot name a risk level: {reason}", mask_personal_data(.name))]
    InvalidRiskLevel {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        reason: String,
        /// The same in Chinese.
        reason_zh: String,
    },
    /// A risk-area designation with no basis (the notice or figures it rests on).
    #[error(
        "the designation of {} as a risk area needs a basis: name the notice or the figures it \
         rests on",
        .area.label()
    )]
    EmptyDesignationBasis {
        /// The area to be designated.
        area: DivisionCode,
    },
    /// The register has used up its designation numbers.
    #[error("the risk register cannot number any more designations; start a new register")]
    RiskRegisterFull,
    /// A designation number that is not in the register.
    #[error("there is no risk-area designation {id} in the register")]
    UnknownDesignation {
        /// The number asked for.
        id: DesignationId,
    },
    /// A register read from a file that holds two designations of one number (a register
    /// numbers each designation once; reading never drops one in silence).
    #[error(
        "the risk register holds designation {id} twice; a register numbers each designation once"
    )]
    DuplicateDesignation {
        /// The number held twice.
        id: DesignationId,
    },
    /// Lifting a designation that was already lifted.
    #[error(
        "designation {id} was already lifted on {lifted}; to put the area at risk again, \
         designate it anew"
    )]
    DesignationAlreadyLifted {
        /// The designation.
        id: DesignationId,
        /// The day it was lifted.
        lifted: Day,
    },
    /// Lifting a designation on a day before it came into force.
    #[error(
        "designation {id} cannot be lifted on {day}, before it came into force on {from}; lift \
         it on {from} or later (lifting it on {from} means it never applied)"
    )]
    LiftBeforeDesignation {
        /// The designation.
        id: DesignationId,
        /// The day it came into force.
        from: Day,
        /// The lift day asked for.
        day: Day,
    },
    /// A proposal that names a designation of another area.
    #[error(
        "the proposal for {} cannot change designation {id}, which is about {}",
        .proposal_area.label(),
        .designation_area.label()
    )]
    ProposalAreaMismatch {
        /// The designation named by the proposal.
        id: DesignationId,
        /// The area of the proposal.
        proposal_area: DivisionCode,
        /// The area of the designation.
        designation_area: DivisionCode,
    },
    /// A stay (逗留) whose last day is before its first.
    #[error("a stay in {} cannot end on {last}, before it starts on {first}", .place.label())]
    StayEndsBeforeItStarts {
        /// The place of the stay.
        place: DivisionCode,
        /// The first day given.
        first: Day,
        /// The last day given.
        last: Day,
    },
    /// A screening interview answering "passed through Wuhan" with no stay or transit there.
    #[error(
        "the resident said they passed through Wuhan, but no stay or transit in Wuhan (420100) \
         is recorded: ask on which days they were there and record it"
    )]
    WuhanAnswerWithoutWuhanTravel,
    /// No such screening round.
    #[error("there is no screening round {round} in this registry")]
    UnknownRound {
        /// The id given.
        round: RoundId,
    },
    /// A visit or interview before a round opened.
    #[error("screening round {round} opens on {opens}; nothing can be recorded in it on {day}")]
    RoundNotOpen {
        /// The round.
        round: RoundId,
        /// Its first day.
        opens: Day,
        /// The day given.
        day: Day,
    },
    /// A visit or interview after a round closed, or a second closing.
    #[error("screening round {round} closed on {closes}; nothing can be recorded in it on {day}")]
    RoundClosed {
        /// The round.
        round: RoundId,
        /// Its last day.
        closes: Day,
        /// The day given.
        day: Day,
    },
    /// A household outside the round's units.
    #[error("household {household} is in {group}, which screening round {round} does not cover")]
    OutsideRound {
        /// The household.
        household: HouseholdId,
        /// Its group.
        group: String,
        /// The round.
        round: RoundId,
    },
    /// An interview before any screening rule was adopted.
    #[error(
        "no screening rule has been adopted yet, so the interview cannot be judged: a leader must adopt one first"
    )]
    NoScreeningRule,
    /// A confirmed proposal that changes nothing.
    #[error("the proposal for {area} keeps the current level, so there is nothing to record")]
    NothingToConfirm {
        /// The area.
        area: DivisionCode,
    },
    /// A screening rule whose look-back window is zero days or longer than
    /// [`MAX_LOOK_BACK_DAYS`](crate::screening::MAX_LOOK_BACK_DAYS).
    #[error(
        "a look-back window of {days} days cannot be adopted: it must be from 1 to {max} days \
         (the notices look back 14 days, or 7)"
    )]
    LookBackOutOfRange {
        /// The window given, in days.
        days: u32,
        /// The longest allowed.
        max: u32,
    },
    /// A second closing of a screening round.
    #[error("screening round {round} was already closed on {closes}")]
    RoundAlreadyClosed {
        /// The round.
        round: RoundId,
        /// Its closing day.
        closes: Day,
    },
    /// A closing day before the opening day.
    #[error("screening round {round} opened on {opens}, so it cannot close on {closes}")]
    RoundClosesBeforeItOpens {
        /// The round.
        round: RoundId,
        /// Its opening day.
        opens: Day,
        /// The closing day given.
        closes: Day,
    },
    /// An interview whose travel ends after the day of the interview.
    #[error(
        "the interview gives {day} as a day of travel or return, but the interview is on {today}: check the dates"
    )]
    TravelAfterInterview {
        /// The latest day of travel given.
        day: Day,
        /// The day of the interview.
        today: Day,
    },
}

crate::value_error::error_codes! {
    ScreeningError {
            InvalidRiskLevel => "invalid_risk_level",
            EmptyDesignationBasis => "empty_designation_basis",
            RiskRegisterFull => "risk_register_full",
            UnknownDesignation => "unknown_designation",
            DuplicateDesignation => "duplicate_designation",
            DesignationAlreadyLifted => "designation_already_lifted",
            LiftBeforeDesignation => "lift_before_designation",
            ProposalAreaMismatch => "proposal_area_mismatch",
            StayEndsBeforeItStarts => "stay_ends_before_it_starts",
            WuhanAnswerWithoutWuhanTravel => "wuhan_answer_without_wuhan_travel",
            UnknownRound => "unknown_round",
            RoundNotOpen => "round_not_open",
            RoundClosed => "round_closed",
            OutsideRound => "outside_round",
            NoScreeningRule => "no_screening_rule",
            NothingToConfirm => "nothing_to_confirm",
            LookBackOutOfRange => "look_back_out_of_range",
            RoundAlreadyClosed => "round_already_closed",
            RoundClosesBeforeItOpens => "round_closes_before_it_opens",
            TravelAfterInterview => "travel_after_interview",
    }
}

impl ScreeningError {
    /// The message in Chinese (中文), for clerks who read Chinese; `Display` gives it in
    /// English. Identity and phone numbers are masked exactly as in the English message.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        self.zh()
    }

    fn zh(&self) -> String {
        use ScreeningError::*;
        match self {
            InvalidRiskLevel {
                name, reason_zh, ..
            } => {
                format!(
                    "“{}”不能作为风险等级名称：{reason_zh}",
                    mask_personal_data(name)
                )
            }
            EmptyDesignationBasis { area } => format!(
                "将{}划为风险地区需要依据：请写明所依据的通知或数据",
                area_zh(area)
            ),
            RiskRegisterFull => "风险区名单的编号已用完；请新建名单".to_owned(),
            UnknownDesignation { id } => format!("风险区名单中没有第{id}号划定"),
            DuplicateDesignation { id } => {
                format!("风险区名单中第{id}号划定出现两次；每个编号只能用于一次划定")
            }
            DesignationAlreadyLifted { id, lifted } => {
                format!("第{id}号划定已于{lifted}解除；如需再次划为风险地区，请重新划定")
            }
            LiftBeforeDesignation { id, from, day } => format!(
                "第{id}号划定{from}起生效，不能在{day}解除；请在{from}或以后解除（在{from}解除即视为从未适用）"
            ),
            ProposalAreaMismatch {
                id,
                proposal_area,
                designation_area,
            } => format!(
                "关于{}的建议不能改变第{id}号划定，该划定针对的是{}",
                area_zh(proposal_area),
                area_zh(designation_area)
            ),
            StayEndsBeforeItStarts { place, first, last } => format!(
                "在{}的居留不能在{last}结束，早于开始日期{first}",
                area_zh(place)
            ),
            WuhanAnswerWithoutWuhanTravel => {
                "居民说途经武汉，但没有记录在武汉（420100）的居留或途经：\
                 请询问在武汉的日期并记录"
                    .to_owned()
            }
            UnknownRound { round } => format!("本登记簿中没有排查轮次{round}"),
            RoundNotOpen { round, opens, day } => {
                format!("排查轮次{round}于{opens}开始；{day}不能在其中录入")
            }
            RoundClosed { round, closes, day } => {
                format!("排查轮次{round}已于{closes}结束；{day}不能在其中录入")
            }
            OutsideRound {
                household,
                group,
                round,
            } => format!("户{household}在{group}，不在排查轮次{round}的范围内"),
            NoScreeningRule => {
                "尚未采用排查规则，无法判定本次询问：须先由领导采用一项规则".to_owned()
            }
            NothingToConfirm { area } => format!("关于{area}的建议维持现有等级，无需记录"),
            LookBackOutOfRange { days, max } => {
                format!("回溯期{days}天不能采用：应为1至{max}天（通知规定回溯14天或7天）")
            }
            RoundAlreadyClosed { round, closes } => {
                format!("排查轮次{round}已于{closes}结束")
            }
            RoundClosesBeforeItOpens {
                round,
                opens,
                closes,
            } => format!("排查轮次{round}于{opens}开始，不能在{closes}结束"),
            TravelAfterInterview { day, today } => {
                format!("询问记录中{day}为出行或返回日期，但询问日期是{today}：请核对日期")
            }
        }
    }
}

/// An area as the Chinese messages name it: its Chinese name and code, `武汉市（420100）`, or
/// the bare code when no name is shipped.
fn area_zh(area: &DivisionCode) -> String {
    match area.name_zh() {
        Some(name) => format!("{name}（{area}）"),
        None => area.to_string(),
    }
}
