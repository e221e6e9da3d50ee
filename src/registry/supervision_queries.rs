//! Supervision queries (督查问责) and the evidence the registry's own records give an
//! inspector. Evidence reads several modules, so it lives beside the registry.

use std::collections::BTreeSet;

use super::Registry;
use crate::observation::SlotStatus;
use crate::screening::VisitResult;
use crate::supervision::{
    AccountabilityCounts, ChecklistItem, Decision, DecisionRow, Evidence, Finding, Inspection,
    InspectionTarget, OverdueFinding, RecordShows, SupervisionCommand, SupervisionDay,
};
use crate::{
    AccountabilityId, Day, Error, FindingId, HouseholdId, InspectionId, Instant, Receipt, StaffId,
    UnitId,
};

impl Registry {
    /// Executes a supervision command: a shortcut for [`execute`](Registry::execute) with
    /// [`SupervisionCommand`].
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
    pub fn inspections(&self) -> impl Iterator<Item = &Inspection> {
        self.state.supervision.inspections()
    }

    /// An inspection.
    pub fn inspection(&self, id: InspectionId) -> Option<&Inspection> {
        self.state.supervision.inspection(id)
    }

    /// Every finding, in the order recorded.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.state.supervision.findings()
    }

    /// A finding.
    pub fn finding(&self, id: FindingId) -> Option<&Finding> {
        self.state.supervision.finding(id)
    }

    /// Every accountability decision, in the order recorded.
    pub fn accountability_decisions(&self) -> impl Iterator<Item = &Decision> {
        self.state.supervision.decisions()
    }

    /// An accountability decision.
    pub fn accountability_decision(&self, id: AccountabilityId) -> Option<&Decision> {
        self.state.supervision.decision(id)
    }

    /// The inspections that took place on `day` under `unit`.
    pub fn inspections_on(&self, day: Day, unit: UnitId) -> Vec<&Inspection> {
        self.state
            .supervision
            .inspections_on(&self.state.grid, day, unit)
            .collect()
    }

    /// The findings overdue on `day` (under `unit`, or everywhere with `None`), oldest deadline
    /// first. A finding is overdue from the day after its deadline until it is rectified.
    pub fn overdue_findings(&self, day: Day, unit: Option<UnitId>) -> Vec<OverdueFinding> {
        self.state
            .supervision
            .overdue_on(&self.state.grid, day, unit)
    }

    /// The accountability decisions made on `from ..= to`, as rows naming who was held
    /// accountable.
    pub fn decisions_made(&self, from: Day, to: Day) -> Vec<DecisionRow> {
        self.state
            .supervision
            .decisions_made(&self.state.grid, from, to)
    }

    /// Accountability counts for the decisions made on `from ..= to`: decisions and people by
    /// category, admonition (诫勉) apart from organisational handling (组织处理).
    pub fn accountability_counts(&self, from: Day, to: Day) -> AccountabilityCounts {
        self.state.supervision.accountability_counts(from, to)
    }

    /// The supervision figures of `unit` on `day`: inspections (covert among them), findings
    /// made, rectified and overdue, decisions.
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
    ///   before is missing.
    ///
    /// The inspector confirms or contradicts each ([`EvidenceReview`](crate::supervision::EvidenceReview)),
    /// and both are kept with the inspection.
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
            let screened: BTreeSet<HouseholdId> = s
                .screening
                .rounds
                .values()
                .flat_map(|r| r.visits.iter())
                .filter(|(_, v)| {
                    v.iter()
                        .any(|v| v.result == VisitResult::Screened && v.day <= day)
                })
                .map(|(h, _)| *h)
                .collect();
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
                let checks = o.checks_on(day, o.start_of(next));
                any |= !checks.is_empty();
                let n = checks
                    .iter()
                    .filter(|c| c.status == SlotStatus::Missed)
                    .count();
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
