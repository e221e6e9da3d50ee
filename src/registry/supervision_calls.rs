//! Supervision (督查): the typed calls. Each executes one command through
//! [`Registry::execute`] and returns what it created, with the same authorization, validation
//! and ledger entry.

use super::receipt::created;
use super::{Receipt, Registry};
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::ids::{AccountabilityId, FindingId, InspectionId, StaffId};
use crate::supervision::{
    Accountable, FindingSource, InspectionMode, InspectionTarget, ItemCheck, SupervisionCommand,
};

/// # Supervision (督查)
///
/// Inspections, findings, rectifications and accountability.
///
/// Its queries are under "Supervision: what the records show".
impl Registry {
    /// Records an inspection (督查) with its checklist, and returns it. Inspectors only.
    ///
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{ChecklistItem, InspectionMode, InspectionTarget, ItemCheck};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, .. } = doc_fixture()?;
    /// let zhao = reg.enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)?;
    /// reg.assign(leader, t, zhao, reg.township(), Duty::Supervision)?;
    /// let afternoon: Instant = "2020-01-24T14:00:00+08:00".parse()?;
    /// let inspection = reg.record_inspection(zhao, afternoon, InspectionMode::Covert,
    ///     InspectionTarget::Unit(group_1), afternoon, vec![
    ///         ItemCheck::passed(ChecklistItem::ScreeningDone),
    ///         ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00"),
    ///     ])?;
    /// assert_eq!(reg.inspection(inspection).unwrap().failed().count(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`SupervisionCommand::RecordInspection`]: an actor
    /// who is not an inspector, an empty checklist or an item checked twice, an inspection
    /// dated after the command.
    pub fn record_inspection(
        &mut self,
        actor: StaffId,
        at: Instant,
        mode: InspectionMode,
        target: InspectionTarget,
        held_at: Instant,
        checklist: Vec<ItemCheck>,
    ) -> Result<InspectionId, Error> {
        let command = SupervisionCommand::RecordInspection {
            mode,
            target,
            at: held_at,
            checklist,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Inspection))
    }

    /// Records a finding (问题) with the staff member responsible and a deadline, and returns
    /// it. Inspectors only.
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
    ///         ItemCheck::passed(ChecklistItem::ScreeningDone),
    ///         ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00"),
    ///     ])?;
    /// let source = FindingSource::ChecklistItem { inspection, item: ChecklistItem::StaffOnPost };
    /// let finding = reg.record_finding(zhao, afternoon, source, li, "2020-01-26".parse()?,
    ///     "nobody at the Qianjin checkpoint at 14:00")?;
    /// let recorded = reg.finding(finding).unwrap();
    /// assert_eq!((recorded.unit, recorded.responsible), (group_1, li));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`SupervisionCommand::RecordFinding`]: a deadline
    /// before today, an unknown inspection item or staff member.
    pub fn record_finding(
        &mut self,
        actor: StaffId,
        at: Instant,
        source: FindingSource,
        responsible: StaffId,
        deadline: Day,
        text: impl Into<String>,
    ) -> Result<FindingId, Error> {
        let command = SupervisionCommand::RecordFinding {
            source,
            responsible,
            deadline,
            text: text.into(),
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Finding))
    }

    /// Records the rectification (整改) of a finding.
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
    ///         ItemCheck::passed(ChecklistItem::ScreeningDone),
    ///         ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00"),
    ///     ])?;
    /// let source = FindingSource::ChecklistItem { inspection, item: ChecklistItem::StaffOnPost };
    /// let finding = reg.record_finding(zhao, afternoon, source, li, "2020-01-26".parse()?,
    ///     "nobody at the Qianjin checkpoint at 14:00")?;
    /// let next_day = "2020-01-25T10:00:00+08:00".parse()?;
    /// reg.record_rectification(li, next_day, finding, "a second volunteer on the roster")?;
    /// assert!(reg.finding(finding).unwrap().rectification.is_some());
    /// assert!(reg.overdue_findings("2020-01-27".parse()?, None).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`SupervisionCommand::RecordRectification`]: an
    /// unknown or already rectified finding, an actor who is neither responsible nor a leader.
    pub fn record_rectification(
        &mut self,
        actor: StaffId,
        at: Instant,
        finding: FindingId,
        note: impl Into<String>,
    ) -> Result<Receipt, Error> {
        let command = SupervisionCommand::RecordRectification {
            finding,
            note: note.into(),
        };
        self.execute(actor, at, command)
    }

    /// Records an accountability decision (问责决定), and returns it. Leaders only.
    ///
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{
    ///     Accountable, AdmonitionManner, CadreForm, ChecklistItem, FindingSource, InspectionMode,
    ///     InspectionTarget, ItemCheck,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, li, .. } = doc_fixture()?;
    /// let zhao = reg.enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)?;
    /// reg.assign(leader, t, zhao, reg.township(), Duty::Supervision)?;
    /// let afternoon: Instant = "2020-01-24T14:00:00+08:00".parse()?;
    /// let inspection = reg.record_inspection(zhao, afternoon, InspectionMode::Covert,
    ///     InspectionTarget::Unit(group_1), afternoon, vec![
    ///         ItemCheck::passed(ChecklistItem::ScreeningDone),
    ///         ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00"),
    ///     ])?;
    /// let source = FindingSource::ChecklistItem { inspection, item: ChecklistItem::StaffOnPost };
    /// let finding = reg.record_finding(zhao, afternoon, source, li, "2020-01-26".parse()?,
    ///     "nobody at the Qianjin checkpoint at 14:00")?;
    /// let next_day = "2020-01-25T10:00:00+08:00".parse()?;
    /// let written = CadreForm::Admonition(AdmonitionManner::Written);
    /// let decision = reg.decide_accountability(leader, next_day, vec![finding],
    ///     Accountable::Cadre { staff: li, form: written }, "2020-01-25".parse()?,
    ///     "absent from post")?;
    /// assert_eq!(reg.accountability_decision(decision).unwrap().findings, vec![finding]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`SupervisionCommand::DecideAccountability`]: no
    /// findings, an unknown finding, a day after today or before a finding.
    pub fn decide_accountability(
        &mut self,
        actor: StaffId,
        at: Instant,
        findings: Vec<FindingId>,
        accountable: Accountable,
        made: Day,
        reason: impl Into<String>,
    ) -> Result<AccountabilityId, Error> {
        let command = SupervisionCommand::DecideAccountability {
            findings,
            accountable,
            made,
            reason: reason.into(),
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Accountability))
    }
}
