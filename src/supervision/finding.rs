//! Findings (问题) and their rectification (整改).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::SupervisionError;
use super::labels::ChecklistItem;
use crate::calendar::{Day, Instant};
use crate::grid::{StaffRef, UnitRef};
use crate::ids::{FindingId, InspectionId, StaffId, UnitId};

/// Where a finding comes from: a failed item of an inspection, or nowhere in particular.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingSource {
    /// A failed item of an inspection; the finding counts under the inspection's unit.
    ChecklistItem {
        /// The inspection.
        inspection: InspectionId,
        /// Its failed item.
        item: ChecklistItem,
    },
    /// A stand-alone finding (e.g. from a complaint), in a unit.
    StandAlone {
        /// The unit it concerns.
        unit: UnitId,
    },
}

/// The rectification (整改) of a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rectification {
    /// Who recorded it: the staff member responsible, or a leader.
    pub by: StaffId,
    /// When it was recorded.
    pub at: Instant,
    /// Its local day: the finding is not overdue from this day on.
    pub day: Day,
    /// What was done.
    pub note: String,
}

/// A finding of the supervision group. It deserializes through the checks recording it
/// makes that need no registry: a deadline not before its day
/// ([`SupervisionError::DeadlineBeforeFinding`]) and a text that says something; and, for a
/// rectification, a day not before the finding's
/// ([`SupervisionError::RectifiedBeforeFinding`], which only a file can give) and a note that
/// says something.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FindingFields")]
#[non_exhaustive]
pub struct Finding {
    /// Its id.
    pub id: FindingId,
    /// Where it comes from.
    pub source: FindingSource,
    /// The unit it counts under.
    pub unit: UnitId,
    /// The staff member who answers for it.
    pub responsible: StaffId,
    /// The last day to rectify it (整改期限).
    pub deadline: Day,
    /// What was found.
    pub text: String,
    /// Who recorded it.
    pub by: StaffId,
    /// The local day it was recorded.
    pub day: Day,
    /// Its rectification, once recorded.
    pub rectification: Option<Rectification>,
}

/// The fields of a [`Finding`] as a file holds them, before they are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingFields {
    id: FindingId,
    source: FindingSource,
    unit: UnitId,
    responsible: StaffId,
    deadline: Day,
    text: String,
    by: StaffId,
    day: Day,
    rectification: Option<Rectification>,
}

impl TryFrom<FindingFields> for Finding {
    type Error = crate::error::Error;

    fn try_from(f: FindingFields) -> Result<Finding, crate::error::Error> {
        if f.deadline < f.day {
            return Err(SupervisionError::DeadlineBeforeFinding {
                deadline: f.deadline,
                day: f.day,
            }
            .into());
        }
        if f.text.trim().is_empty() {
            return Err(crate::error::Error::TextRequired {
                what: "the text of the finding".to_owned(),
            });
        }
        if let Some(r) = &f.rectification {
            if r.day < f.day {
                return Err(SupervisionError::RectifiedBeforeFinding {
                    finding: f.id,
                    day: f.day,
                    rectified: r.day,
                }
                .into());
            }
            if r.note.trim().is_empty() {
                return Err(crate::error::Error::TextRequired {
                    what: "the note of the rectification".to_owned(),
                });
            }
        }
        Ok(Finding {
            id: f.id,
            source: f.source,
            unit: f.unit,
            responsible: f.responsible,
            deadline: f.deadline,
            text: f.text,
            by: f.by,
            day: f.day,
            rectification: f.rectification,
        })
    }
}

impl Finding {
    /// Whether the finding is overdue on `day`: from the day after its deadline until the day
    /// it is rectified (not overdue on the day of rectification).
    ///
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{
    ///     ChecklistItem, FindingSource, InspectionMode, InspectionTarget, ItemCheck,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, li, .. } = doc_fixture()?;
    /// let zhao = reg.enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)?;
    /// reg.assign(leader, t, zhao, reg.township(), Duty::Supervision)?;
    /// let afternoon: Instant = "2020-01-24T14:00:00+08:00".parse()?;
    /// let inspection = reg.record_inspection(zhao, afternoon, InspectionMode::Covert,
    ///     InspectionTarget::Unit(group_1), afternoon, vec![
    ///         ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00"),
    ///     ])?;
    /// let source = FindingSource::ChecklistItem { inspection, item: ChecklistItem::StaffOnPost };
    /// let finding = reg.record_finding(zhao, afternoon, source, li, "2020-01-26".parse()?,
    ///     "nobody at the Qianjin checkpoint at 14:00")?;
    /// let f = reg.finding(finding).unwrap();
    /// // Deadline 2020-01-26, not rectified: overdue from the 27th.
    /// assert!(!f.is_overdue_on("2020-01-26".parse()?));
    /// assert!(f.is_overdue_on("2020-01-27".parse()?));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn is_overdue_on(&self, day: Day) -> bool {
        day > self.deadline && self.rectification.as_ref().is_none_or(|r| day < r.day)
    }

    /// The checklist item it comes from, if any.
    pub fn item(&self) -> Option<&ChecklistItem> {
        match &self.source {
            FindingSource::ChecklistItem { item, .. } => Some(item),
            FindingSource::StandAlone { .. } => None,
        }
    }
}

/// A row of the overdue findings of a day (逾期未整改): ids and values, named when printed
/// (`Display` in English, [`display_zh`](OverdueFinding::display_zh) in Chinese).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OverdueFinding {
    /// The finding.
    pub finding: FindingId,
    /// The unit it counts under.
    pub unit: UnitRef,
    /// The checklist item it comes from, if any.
    pub item: Option<ChecklistItem>,
    /// Who answers for it.
    pub responsible: StaffRef,
    /// Its deadline.
    pub deadline: Day,
    /// Days past the deadline on the day asked about (1 on the day after the deadline).
    pub days_overdue: i64,
    /// What was found.
    pub text: String,
}

impl fmt::Display for OverdueFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} in {}", self.finding, self.unit)?;
        if let Some(item) = &self.item {
            write!(f, ", {item}")?;
        }
        write!(
            f,
            ": {} to rectify by {}, {} day{} overdue — {}",
            self.responsible,
            self.deadline,
            self.days_overdue,
            if self.days_overdue == 1 { "" } else { "s" },
            self.text
        )
    }
}

impl OverdueFinding {
    /// The row in Chinese (`FD3，前进村 (U2)，消毒消杀：干部 Zhang Wei (S7)应于2020-02-03前整改，已逾期2天——…`).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let mut s = format!("{}，{}", self.finding, self.unit.display_zh());
        if let Some(item) = &self.item {
            s.push_str(&format!("，{}", item.label_zh()));
        }
        s.push_str(&format!(
            "：{}应于{}前整改，已逾期{}天——{}",
            self.responsible.display_zh(),
            self.deadline,
            self.days_overdue,
            self.text
        ));
        s
    }
}
