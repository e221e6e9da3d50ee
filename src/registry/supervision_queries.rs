//! Supervision queries (督查问责) and the evidence the registry's own records give an
//! inspector. Evidence reads several modules, so it lives beside the registry.

use super::Registry;
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::ids::{AccountabilityId, FindingId, HouseholdId, InspectionId, StaffId, UnitId};
use crate::registry::Receipt;
use crate::supervision::{
    AccountabilityCounts, ChecklistItem, Decision, DecisionRow, Evidence, Finding, Inspection,
    InspectionTarget, OverdueFinding, RecordShows, SupervisionCommand, SupervisionDay,
};

/// # Supervision: what the records show (督查)
///
/// Inspections, findings, decisions, overdue
/// findings, accountability counts, a day's supervision and proposed evidence.
impl Registry {
    /// Executes a supervision command: a shortcut for [`execute`](Registry::execute) with
    /// [`SupervisionCommand`].
    ///
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{
    ///     ChecklistItem, InspectionMode, InspectionTarget, ItemCheck, SupervisionCommand,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, .. } = doc_fixture()?;
    /// let zhao = reg.enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)?;
    /// reg.assign(leader, t, zhao, reg.township(), Duty::Supervision)?;
    /// let afternoon: Instant = "2020-01-24T14:00:00+08:00".parse()?;
    /// reg.supervise(zhao, afternoon, SupervisionCommand::RecordInspection {
    ///     mode: InspectionMode::Open,
    ///     target: InspectionTarget::Unit(qianjin),
    ///     at: afternoon,
    ///     checklist: vec![ItemCheck::passed(ChecklistItem::DailyReportSubmitted)],
    /// })?;
    /// assert_eq!(reg.inspections().count(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute): an inspection by someone who is not an inspector, a
    /// deadline before the finding, a decision on a finding that does not exist or by someone
    /// who is not a leader, probation over 24 months.
    pub fn supervise(
        &mut self,
        actor: StaffId,
        at: Instant,
        command: SupervisionCommand,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, command)
    }

    /// Every inspection, in the order recorded.
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
    /// let done: Vec<_> = reg.inspections().map(|i| (i.id, i.inspector)).collect();
    /// assert_eq!(done, vec![(inspection, zhao)]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn inspections(&self) -> impl Iterator<Item = &Inspection> {
        self.state.supervision.inspections()
    }

    /// An inspection.
    ///
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{ChecklistItem, InspectionMode, InspectionTarget, ItemCheck};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, group_1, .. } = doc_fixture()?;
    /// let zhao = reg.enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)?;
    /// reg.assign(leader, t, zhao, reg.township(), Duty::Supervision)?;
    /// let afternoon: Instant = "2020-01-24T14:00:00+08:00".parse()?;
    /// let inspection = reg.record_inspection(zhao, afternoon, InspectionMode::Covert,
    ///     InspectionTarget::Unit(group_1), afternoon, vec![
    ///         ItemCheck::passed(ChecklistItem::ScreeningDone),
    ///         ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00"),
    ///     ])?;
    /// let held = reg.inspection(inspection).unwrap();
    /// assert_eq!((held.mode, held.day), (InspectionMode::Covert, day));
    /// assert!(held.check(&ChecklistItem::ScreeningDone).is_some());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn inspection(&self, id: InspectionId) -> Option<&Inspection> {
        self.state.supervision.inspection(id)
    }

    /// Every finding, in the order recorded.
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
    /// let found: Vec<_> = reg.findings().map(|f| (f.id, f.responsible)).collect();
    /// assert_eq!(found, vec![(finding, li)]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.state.supervision.findings()
    }

    /// A finding.
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
    /// assert_eq!(recorded.item(), Some(&ChecklistItem::StaffOnPost));
    /// assert!(recorded.is_overdue_on("2020-01-27".parse()?)); // deadline the 26th, not rectified
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn finding(&self, id: FindingId) -> Option<&Finding> {
        self.state.supervision.finding(id)
    }

    /// Every accountability decision, in the order recorded.
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
    /// let next_day: Instant = "2020-01-25T10:00:00+08:00".parse()?;
    /// let written = CadreForm::Admonition(AdmonitionManner::Written);
    /// let decision = reg.decide_accountability(leader, next_day, vec![finding],
    ///     Accountable::Cadre { staff: li, form: written }, "2020-01-25".parse()?, "absent from post")?;
    /// let made: Vec<_> = reg.accountability_decisions().map(|d| d.id).collect();
    /// assert_eq!(made, vec![decision]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn accountability_decisions(&self) -> impl Iterator<Item = &Decision> {
        self.state.supervision.decisions()
    }

    /// An accountability decision.
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
    /// let next_day: Instant = "2020-01-25T10:00:00+08:00".parse()?;
    /// let written = CadreForm::Admonition(AdmonitionManner::Written);
    /// let decision = reg.decide_accountability(leader, next_day, vec![finding],
    ///     Accountable::Cadre { staff: li, form: written }, "2020-01-25".parse()?, "absent from post")?;
    /// let made = reg.accountability_decision(decision).unwrap();
    /// assert_eq!((made.by, made.reason.as_str()), (leader, "absent from post"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn accountability_decision(&self, id: AccountabilityId) -> Option<&Decision> {
        self.state.supervision.decision(id)
    }

    /// The inspections that took place on `day` under `unit`.
    ///
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{ChecklistItem, InspectionMode, InspectionTarget, ItemCheck};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, group_1, .. } = doc_fixture()?;
    /// let zhao = reg.enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)?;
    /// reg.assign(leader, t, zhao, reg.township(), Duty::Supervision)?;
    /// let afternoon: Instant = "2020-01-24T14:00:00+08:00".parse()?;
    /// let inspection = reg.record_inspection(zhao, afternoon, InspectionMode::Covert,
    ///     InspectionTarget::Unit(group_1), afternoon, vec![
    ///         ItemCheck::passed(ChecklistItem::ScreeningDone),
    ///         ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00"),
    ///     ])?;
    /// assert_eq!(reg.inspections_on(day, qianjin)[0].id, inspection);
    /// assert!(reg.inspections_on("2020-01-25".parse()?, qianjin).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn inspections_on(&self, day: Day, unit: UnitId) -> Vec<&Inspection> {
        self.state
            .supervision
            .inspections_on(&self.state.grid, day, unit)
            .collect()
    }

    /// The findings overdue on `day` (under `unit`, or everywhere with `None`), oldest deadline
    /// first. A finding is overdue from the day after its deadline until it is rectified.
    ///
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{
    ///     ChecklistItem, FindingSource, InspectionMode, InspectionTarget, ItemCheck,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, group_1, li, .. } = doc_fixture()?;
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
    /// // The deadline is the 26th: overdue from the 27th.
    /// assert!(reg.overdue_findings("2020-01-26".parse()?, None).is_empty());
    /// let overdue = reg.overdue_findings("2020-01-27".parse()?, Some(qianjin));
    /// assert_eq!((overdue[0].finding, overdue[0].days_overdue), (finding, 1));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn overdue_findings(&self, day: Day, unit: Option<UnitId>) -> Vec<OverdueFinding> {
        self.state
            .supervision
            .overdue_on(&self.state.grid, day, unit)
    }

    /// The accountability decisions made on `from ..= to`, as rows naming who was held
    /// accountable.
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
    /// let next_day: Instant = "2020-01-25T10:00:00+08:00".parse()?;
    /// let written = CadreForm::Admonition(AdmonitionManner::Written);
    /// let decision = reg.decide_accountability(leader, next_day, vec![finding],
    ///     Accountable::Cadre { staff: li, form: written }, "2020-01-25".parse()?, "absent from post")?;
    /// let rows = reg.decisions_made("2020-01-25".parse()?, "2020-01-31".parse()?);
    /// assert_eq!(rows[0].decision.id, decision);
    /// assert!(rows[0].subject.to_string().contains("Li Hua"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn decisions_made(&self, from: Day, to: Day) -> Vec<DecisionRow> {
        self.state
            .supervision
            .decisions_made(&self.state.grid, from, to)
    }

    /// Accountability counts for the decisions made on `from ..= to`: decisions and people by
    /// category, admonition (诫勉) apart from organisational handling (组织处理).
    ///
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{
    ///     Accountable, AdmonitionManner, CadreForm, ChecklistItem, FindingSource, FormCategory,
    ///     InspectionMode, InspectionTarget, ItemCheck,
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
    /// let next_day: Instant = "2020-01-25T10:00:00+08:00".parse()?;
    /// let written = CadreForm::Admonition(AdmonitionManner::Written);
    /// let decision = reg.decide_accountability(leader, next_day, vec![finding],
    ///     Accountable::Cadre { staff: li, form: written }, "2020-01-25".parse()?, "absent from post")?;
    /// let counts = reg.accountability_counts("2020-01-25".parse()?, "2020-01-31".parse()?);
    /// assert_eq!((counts.decisions, counts.people), (1, 1));
    /// assert_eq!(counts.category(FormCategory::Admonition).people, 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn accountability_counts(&self, from: Day, to: Day) -> AccountabilityCounts {
        self.state.supervision.accountability_counts(from, to)
    }

    /// The supervision figures of `unit` on `day`: inspections (covert among them), findings
    /// made, rectified and overdue, decisions.
    ///
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{
    ///     ChecklistItem, FindingSource, InspectionMode, InspectionTarget, ItemCheck,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, group_1, li, .. } = doc_fixture()?;
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
    /// let figures = reg.supervision_day(day, qianjin);
    /// assert_eq!((figures.inspections, figures.covert, figures.findings), (1, 1, 1));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn supervision_day(&self, day: Day, unit: UnitId) -> SupervisionDay {
        self.state
            .supervision
            .day_figures(&self.state.grid, day, unit)
    }

    /// What the registry's own records show, for an inspection of `target` on `day`, for each
    /// checklist item they say something about:
    ///
    /// - **screening done**: the households under the unit not screened by the end of the day;
    /// - **observations followed up**: the checks missed on the day by people under observation
    ///   under the unit;
    /// - **venues closed**: a venue under the unit found open on the day while ordered closed;
    /// - **daily report submitted**: a reporting unit under the unit whose report for the day
    ///   before is missing;
    /// - **disinfection done** (for a unit): the cleaning and disinfection rounds the schedules
    ///   of its sites expected the day before and nobody recorded (消杀漏做), with the staff
    ///   designated for the first such site ([`Registry::missed_rounds`]).
    ///   [`propose_evidence_at`](Registry::propose_evidence_at) adds the rounds of the day
    ///   itself whose windows have closed.
    ///
    /// The inspector confirms or contradicts each ([`EvidenceReview`](crate::supervision::EvidenceReview)),
    /// and both are kept with the inspection.
    ///
    /// ```
    /// use fangkong::supervision::{ChecklistItem, InspectionTarget, RecordShows};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, day, group_1, .. } = doc_fixture()?;
    /// // Nobody has screened the one household of group 1 yet.
    /// let proposed = reg.propose_evidence(&InspectionTarget::Unit(group_1), day);
    /// let (item, evidence) = &proposed[0];
    /// assert_eq!(*item, ChecklistItem::ScreeningDone);
    /// assert_eq!(evidence.shows, RecordShows::UnscreenedHouseholds { count: 1 });
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn propose_evidence(
        &self,
        target: &InspectionTarget,
        day: Day,
    ) -> Vec<(ChecklistItem, Evidence)> {
        let s = &self.state;
        let unit = target.unit();
        let mut out = Vec::new();

        // Screening.
        let households: Vec<HouseholdId> = self.households_in(unit);
        if !households.is_empty() {
            let screened = s.screening.screened_by(day);
            let missing: Vec<HouseholdId> = households
                .into_iter()
                .filter(|h| !screened.contains(h))
                .collect();
            let shows = if missing.is_empty() {
                RecordShows::NothingAmiss
            } else {
                RecordShows::UnscreenedHouseholds {
                    count: u32::try_from(missing.len()).unwrap_or(u32::MAX),
                }
            };
            let reference = list("households", missing.iter().map(ToString::to_string));
            out.push((
                ChecklistItem::ScreeningDone,
                Evidence::new(shows, reference),
            ));
        }

        // Observation follow-up.
        let mut missed = 0u32;
        let mut which = Vec::new();
        let mut any = false;
        if let Ok(next) = day.plus_days(1) {
            for rec in s.observation.observations.values() {
                let Some(group) = s
                    .grid
                    .residents
                    .get(&rec.resident)
                    .and_then(|r| s.grid.households.get(&r.household))
                    .map(|h| h.group)
                else {
                    continue;
                };
                if !s.grid.covering_units(group).contains(&unit) {
                    continue;
                }
                let o = &rec.observation;
                any |= !o.checks_on(day, o.start_of(next)).is_empty();
                let n = o.missed_checks_on(day);
                if n > 0 {
                    missed = missed.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
                    which.push(rec.id.to_string());
                }
            }
        }
        if any {
            let shows = if missed == 0 {
                RecordShows::NothingAmiss
            } else {
                RecordShows::MissedChecks { count: missed }
            };
            out.push((
                ChecklistItem::ObservationsFollowedUp,
                Evidence::new(shows, list("observations", which.into_iter())),
            ));
        }

        // Venues.
        let closed = self.venues_closed_on(unit, day);
        let violations = self.violations_on(unit, day);
        if let Some(v) = violations.first() {
            out.push((
                ChecklistItem::VenuesClosed,
                Evidence::new(
                    RecordShows::VenueOpenUnderClosure { venue: v.venue },
                    format!("violation {}", v.id),
                ),
            ));
        } else if !closed.is_empty() {
            out.push((
                ChecklistItem::VenuesClosed,
                Evidence::new(
                    RecordShows::NothingAmiss,
                    format!(
                        "{} venues ordered closed, no violation recorded",
                        closed.len()
                    ),
                ),
            ));
        }

        // Daily reports of the day before.
        if let Ok(before) = day.plus_days(-1)
            && self
                .report_schedule()
                .is_some_and(|sch| before >= sch.first_day)
        {
            let missing: Vec<UnitId> = self
                .missing_reports(before)
                .into_iter()
                .filter(|u| s.grid.covering_units(*u).contains(&unit))
                .collect();
            let (shows, reference) = match missing.first() {
                Some(u) => (
                    RecordShows::DailyReportNotSubmitted {
                        unit: *u,
                        day: before,
                    },
                    list("units", missing.iter().map(ToString::to_string)),
                ),
                None => (
                    RecordShows::NothingAmiss,
                    format!("every report for {before} submitted"),
                ),
            };
            out.push((
                ChecklistItem::DailyReportSubmitted,
                Evidence::new(shows, reference),
            ));
        }

        // Disinfection rounds of the day before (every window of it has closed).
        if let InspectionTarget::Unit(u) = target
            && let Ok(before) = day.plus_days(-1)
            && let Some(e) = self.disinfection_evidence(*u, &[(before, None)])
        {
            out.push((ChecklistItem::DisinfectionDone, e));
        }
        out
    }
}

/// "households H1, H2, H3 and 4 more".
fn list(what: &str, items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.len() {
        0 => format!("no {what}"),
        n if n <= 5 => format!("{what} {}", items.join(", ")),
        n => format!("{what} {} and {} more", items[..5].join(", "), n - 5),
    }
}
