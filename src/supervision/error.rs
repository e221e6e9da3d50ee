//! Supervision's errors (督查问责错误): inspections, findings, rectifications and
//! accountability decisions.

use std::fmt;

use crate::grid::staff_label_zh;
use crate::value_error::zh_or_en;

use crate::calendar::Day;
use crate::ids::StaffId;

/// What supervision refuses (督查问责错误): inspections, findings, rectifications and
/// accountability decisions.
///
/// Wrapped by [`Error::Supervision`](crate::Error::Supervision). New variants may be added in
/// minor releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SupervisionError {
    /// An accountability decision against someone who answers for none of its findings.
    #[error(
        "{who} answers for none of findings {findings}: hold accountable the member of staff \
         responsible for a finding or assigned over its unit, or the unit itself or one above it"
    )]
    AccountableNotLinked {
        /// Who was named (a member of staff or a unit, labelled).
        who: String,
        /// The findings, as `F1, F2`.
        findings: String,
    },
    /// A party probation (留党察看) outside 1 to 24 months.
    #[error(
        "party probation (留党察看) lasts 1 to 24 months (at most two years); {months} months is not allowed"
    )]
    InvalidProbation {
        /// The number of months given.
        months: u32,
    },
    /// An inspection with no checklist item.
    #[error("an inspection must check at least one item of its checklist")]
    EmptyChecklist,
    /// The same checklist item twice in one inspection.
    #[error("checklist item {item:?} appears twice in the inspection: check each item once")]
    DuplicateChecklistItem {
        /// The item.
        item: String,
    },
    /// Records confirmed by the inspector that point the other way from the item's outcome.
    #[error(
        "for {item:?} the records show {shows}, which the inspector confirmed, yet the item is marked {outcome}: mark the evidence contradicted, saying what was seen, or change the outcome"
    )]
    VerdictDisagrees {
        /// The checklist item.
        item: String,
        /// What the records show.
        shows: String,
        /// The outcome given.
        outcome: &'static str,
    },
    /// No such inspection.
    #[error("there is no inspection {inspection} in this registry")]
    UnknownInspection {
        /// The id given.
        inspection: crate::ids::InspectionId,
    },
    /// A finding from a checklist item that the inspection did not check.
    #[error("inspection {inspection} did not check {item:?}, so no finding can come from it")]
    ItemNotOnChecklist {
        /// The inspection.
        inspection: crate::ids::InspectionId,
        /// The item given.
        item: String,
    },
    /// A finding from a checklist item that passed.
    #[error(
        "{item:?} passed in inspection {inspection}, so no finding can come from it: record a stand-alone finding instead"
    )]
    ItemNotFailed {
        /// The inspection.
        inspection: crate::ids::InspectionId,
        /// The item.
        item: String,
    },
    /// A staff member named (as responsible, or as the cadre held accountable) who is not enrolled.
    #[error("there is no member of staff {staff} in this registry to name as {role}")]
    UnknownStaffMember {
        /// The id given.
        staff: StaffId,
        /// In which capacity they were named, e.g. "the person responsible".
        role: &'static str,
    },
    /// A rectification deadline before the day of the finding.
    #[error(
        "the rectification deadline {deadline} is before the day of the finding, {day}: give a deadline on or after {day}"
    )]
    DeadlineBeforeFinding {
        /// The deadline given.
        deadline: Day,
        /// The day of the finding.
        day: Day,
    },
    /// No such finding.
    #[error("there is no finding {finding} in this registry")]
    UnknownFinding {
        /// The id given.
        finding: crate::ids::FindingId,
    },
    /// A second rectification of the same finding.
    #[error("finding {finding} was already rectified on {day}")]
    AlreadyRectified {
        /// The finding.
        finding: crate::ids::FindingId,
        /// The day it was rectified.
        day: Day,
    },
    /// A finding read from a file whose rectification is dated before the finding itself
    /// (recording one never gives this: a rectification comes after its finding).
    #[error(
        "finding {finding} was made on {day} but its rectification is dated {rectified}, before it; a rectification comes after its finding"
    )]
    RectifiedBeforeFinding {
        /// The finding.
        finding: crate::ids::FindingId,
        /// The finding's day.
        day: Day,
        /// The rectification's day.
        rectified: Day,
    },
    /// A rectification recorded by someone other than the person responsible or a leader of the
    /// finding's unit.
    #[error(
        "{actor} may not record the rectification of finding {finding}: only {responsible}, who answers for it, or a leader of its unit may"
    )]
    NotResponsibleForFinding {
        /// Who tried (role, name, id).
        actor: String,
        /// The finding.
        finding: crate::ids::FindingId,
        /// Who answers for it (role, name, id).
        responsible: String,
    },
    /// An accountability decision that names no finding.
    #[error("an accountability decision must name at least one finding it rests on")]
    DecisionWithoutFindings,
    /// An accountability decision dated after the day it is recorded.
    #[error("the decision is dated {made}, after today ({today}): check the day it was made")]
    DecisionInFuture {
        /// The day the decision was made, as given.
        made: Day,
        /// The local day of recording.
        today: Day,
    },
    /// An accountability decision dated before a finding it rests on.
    #[error(
        "the decision is dated {made}, before finding {finding} was made on {found}: check the day or the findings"
    )]
    DecisionBeforeFinding {
        /// The finding.
        finding: crate::ids::FindingId,
        /// The day of the finding.
        found: Day,
        /// The day of the decision, as given.
        made: Day,
    },
    /// Counts of different spans of days added together (accountability counts, or the
    /// supervision figures of two days): they do not add up.
    #[error(
        "counts of {} and of {} cannot be added: count the same days in every township",
        span(*first_from, *first_to, " to "),
        span(*second_from, *second_to, " to ")
    )]
    CountsOfOtherSpan {
        /// The first day of the first counts.
        first_from: Day,
        /// The last day of the first counts.
        first_to: Day,
        /// The first day of the second counts.
        second_from: Day,
        /// The last day of the second counts.
        second_to: Day,
    },
    /// No counts to add (an empty list has no span of days): accountability counts or
    /// supervision figures.
    #[error("no counts were given to add")]
    NoCountsToAdd,
    /// Counts that do not hold together (read from a file): accountability counts with a span
    /// ending before it starts or totals other than the sum of the categories, supervision
    /// figures with more covert inspections than inspections.
    #[error("the counts do not hold together: {problem}")]
    InvalidCounts {
        /// What is wrong.
        problem: &'static str,
    },
}

crate::value_error::error_codes! {
    SupervisionError {
            AccountableNotLinked => "accountable_not_linked",
            InvalidProbation => "invalid_probation",
            EmptyChecklist => "empty_checklist",
            DuplicateChecklistItem => "duplicate_checklist_item",
            VerdictDisagrees => "verdict_disagrees",
            UnknownInspection => "unknown_inspection",
            ItemNotOnChecklist => "item_not_on_checklist",
            ItemNotFailed => "item_not_failed",
            UnknownStaffMember => "unknown_staff_member",
            DeadlineBeforeFinding => "deadline_before_finding",
            UnknownFinding => "unknown_finding",
            AlreadyRectified => "already_rectified",
            RectifiedBeforeFinding => "rectified_before_finding",
            NotResponsibleForFinding => "not_responsible_for_finding",
            DecisionWithoutFindings => "decision_without_findings",
            DecisionInFuture => "decision_in_future",
            DecisionBeforeFinding => "decision_before_finding",
            CountsOfOtherSpan => "counts_of_other_span",
            NoCountsToAdd => "no_counts_to_add",
            InvalidCounts => "invalid_counts",
    }
}

impl SupervisionError {
    /// The message in Chinese (中文), for clerks who read Chinese; `Display` gives it in
    /// English. Identity and phone numbers are masked exactly as in the English message.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        self.zh()
    }

    fn zh(&self) -> String {
        use SupervisionError::*;
        match self {
            AccountableNotLinked { who, findings } => format!(
                "{who}与问题{findings}均无关联：应对问题的责任人或其所在单位的包联人员问责，或对问题所在单位及其上级单位问责",
                who = staff_label_zh(who)
            ),
            InvalidProbation { months } => {
                format!("留党察看期限为1至24个月（最长两年）；不能为{months}个月")
            }
            EmptyChecklist => "督查至少要检查清单中的一项".to_owned(),
            DuplicateChecklistItem { item } => {
                format!("检查项目“{item}”在督查中出现两次：每项只检查一次")
            }
            VerdictDisagrees {
                item,
                shows,
                outcome,
            } => format!(
                "对“{item}”，记录显示{shows}，督查人员已确认属实，但该项被标为{outcome}：\
                 请把证据标为不属实并写明所见，或更改结果",
                outcome = outcome_zh(outcome)
            ),
            UnknownInspection { inspection } => format!("本登记簿中没有督查{inspection}"),
            ItemNotOnChecklist { inspection, item } => {
                format!("督查{inspection}没有检查“{item}”，不能据此形成问题")
            }
            ItemNotFailed { inspection, item } => {
                format!("“{item}”在督查{inspection}中合格，不能据此形成问题：请另行记录单独的问题")
            }
            UnknownStaffMember { staff, role } => {
                format!(
                    "本登记簿中没有可作为{role}的工作人员{staff}",
                    role = zh_or_en(role)
                )
            }
            DeadlineBeforeFinding { deadline, day } => {
                format!("整改期限{deadline}早于发现问题的日期{day}：请给出{day}或以后的期限")
            }
            UnknownFinding { finding } => format!("本登记簿中没有问题{finding}"),
            AlreadyRectified { finding, day } => format!("问题{finding}已于{day}整改"),
            RectifiedBeforeFinding {
                finding,
                day,
                rectified,
            } => format!(
                "问题{finding}于{day}发现，但整改日期为{rectified}，早于发现之日；整改应在发现之后"
            ),
            NotResponsibleForFinding {
                actor,
                finding,
                responsible,
            } => format!(
                "{actor}不能记录问题{finding}的整改：只有负责人{responsible}或该单位的领导可以",
                actor = staff_label_zh(actor),
                responsible = staff_label_zh(responsible)
            ),
            DecisionWithoutFindings => "问责决定至少要写明所依据的一个问题".to_owned(),
            DecisionInFuture { made, today } => {
                format!("决定日期为{made}，晚于今天（{today}）：请核对作出决定的日期")
            }
            DecisionBeforeFinding {
                finding,
                found,
                made,
            } => format!("决定日期为{made}，早于问题{finding}的发现日期{found}：请核对日期或问题"),
            CountsOfOtherSpan {
                first_from,
                first_to,
                second_from,
                second_to,
            } => format!(
                "{}的统计与{}的统计不能相加：各乡镇须统计同样的日子",
                span(*first_from, *first_to, "至"),
                span(*second_from, *second_to, "至")
            ),
            NoCountsToAdd => "没有可相加的统计".to_owned(),
            InvalidCounts { problem } => format!(
                "统计数据不一致：{}",
                match *problem {
                    "span" => "统计的最后一天早于第一天",
                    "covert" => "暗访次数多于检查次数",
                    _ => "合计不等于各类之和",
                }
            ),
        }
    }
}

/// The Chinese of a checklist outcome as messages name it (`passed`, `failed`).
fn outcome_zh(en: &str) -> &str {
    crate::supervision::ItemOutcome::ALL
        .iter()
        .find(|o| o.label_en() == en)
        .map_or(en, |o| o.label_zh())
}

/// A span of days as a clerk writes it: one day alone (`2020-02-03`), or the first and the
/// last joined by `to` (`2020-02-01 to 2020-02-07`, `2020-02-01至2020-02-07`).
fn span(from: Day, to: Day, to_word: &str) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}{to_word}{to}")
    }
}
