//! The registry's observation commands, events and queries (医学观察).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Registry, State};
use crate::event::{Command, Event};
use crate::grid::{Action, Role, Staff};
use crate::observation::{
    AlertClearance, Ending, ExposureRestart, HomeVisit, NonReporting, Observation, Opening,
    OpeningBasis, PeriodChange, Protocol, Reading, Referral, Release, Review, Status,
    SupplyHandout, SymptomReport, TestResult, Transfer, due_for_review, non_reporting,
};
use crate::screening::ScreeningOutcome;
use crate::{Day, Error, Instant, ObservationId, ResidentId, StaffId};

/// A change to an open observation, as a member of staff asks for it
/// (see [`Command::UpdateObservation`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ObservationCommand {
    /// Record a temperature reading (体温), self-reported or taken by a health worker.
    RecordReading(Reading),
    /// Report symptoms.
    ReportSymptoms(SymptomReport),
    /// Record a home visit by the health centre (上门服务). Health workers only.
    RecordHomeVisit(HomeVisit),
    /// Record supplies handed out (masks, disinfectant, thermometer).
    HandOutSupplies(SupplyHandout),
    /// Record a test result. Health workers only.
    RecordTestResult(TestResult),
    /// Clear an alert with a reason. Health workers only.
    ClearAlert(AlertClearance),
    /// Refer to a designated hospital (转诊). Health workers only.
    Refer(Referral),
    /// Record a transfer out of the jurisdiction. Health workers only.
    TransferOut(Transfer),
    /// End the observation for another reason. Health workers only.
    End(Ending),
    /// Extend or shorten the period to a new last day, with the reason. Health workers only.
    ChangePeriod {
        /// The new last day under observation.
        new_last_day: Day,
        /// Why.
        reason: String,
    },
    /// Restart day 0 after a new exposure. Health workers only.
    RestartExposure {
        /// The new day of last exposure.
        new_day0: Day,
        /// What the new exposure was.
        reason: String,
    },
    /// Release from observation (解除医学观察) on the command's day. Health workers only.
    /// Refused when the rules say no, unless `override_reason` gives a written reason, which
    /// is recorded with the release.
    Release {
        /// The written reason for overriding the rules, if the rules say no.
        override_reason: Option<String>,
    },
}

impl ObservationCommand {
    fn action(&self) -> Action {
        match self {
            ObservationCommand::RecordReading(_)
            | ObservationCommand::ReportSymptoms(_)
            | ObservationCommand::HandOutSupplies(_) => Action::RecordFollowUp,
            _ => Action::RecordMedicalDecision,
        }
    }
}

/// A recorded change to an observation (the event form of [`ObservationCommand`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ObservationChange {
    /// A reading was recorded.
    ReadingRecorded(Reading),
    /// Symptoms were reported.
    SymptomsReported(SymptomReport),
    /// The health centre visited.
    HomeVisited(HomeVisit),
    /// Supplies were handed out.
    SuppliesHandedOut(SupplyHandout),
    /// A test result was recorded.
    TestResultRecorded(TestResult),
    /// An alert was cleared.
    AlertCleared(AlertClearance),
    /// The person was referred to a designated hospital.
    Referred(Referral),
    /// The person was transferred out.
    TransferredOut(Transfer),
    /// The observation ended for another reason.
    Ended(Ending),
    /// The period was extended or shortened.
    PeriodChanged(PeriodChange),
    /// Day 0 was restarted by a new exposure.
    ExposureRestarted(ExposureRestart),
    /// The person was released.
    Released(Release),
}

/// An observation as the registry holds it: whose it is, and the record.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ObservationRecord {
    /// Its identifier.
    pub id: ObservationId,
    /// The resident observed.
    pub resident: ResidentId,
    /// The record.
    pub observation: Observation,
}

/// Counts of observations by where they stand on a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ObservationCounts {
    /// Opened in all.
    pub total: usize,
    /// Under observation (including past the last day, awaiting release).
    pub under_observation: usize,
    /// Released and in follow-on health monitoring.
    pub follow_on: usize,
    /// Released and done (including contacts whose index case was ruled out, which releases
    /// them: DOMAIN.md §4).
    pub released: usize,
    /// Referred to a designated hospital.
    pub referred: usize,
    /// Transferred out of the jurisdiction.
    pub transferred: usize,
    /// Ended for another recorded reason (died, lost to follow-up, other).
    pub ended: usize,
}

impl ObservationCounts {
    /// Released, whether or not still in follow-on monitoring.
    pub fn released_all(&self) -> usize {
        self.released + self.follow_on
    }

    /// Left observation other than by release: referred, transferred or ended.
    pub fn left_otherwise(&self) -> usize {
        self.referred + self.transferred + self.ended
    }
}

/// One grid worker's non-reporting list (未按时报告名单).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorkerNonReporting {
    /// The grid worker (or, where a group has none, cadre) who answers for the households;
    /// `None` for observations nobody answers for.
    pub worker: Option<StaffId>,
    /// Their observations with overdue or missed checks.
    pub items: Vec<NonReporting<ObservationId>>,
}

impl Registry {
    pub(super) fn decide_observation(
        &self,
        who: &Staff,
        at: Instant,
        command: &Command,
    ) -> Result<Vec<Event>, Error> {
        let s = &self.state;
        match command {
            Command::AdoptProtocol { protocol } => {
                protocol.validate()?;
                if Protocol::preset(&protocol.key).is_some() {
                    return Err(Error::PresetProtocolKey {
                        key: protocol.key.clone(),
                    });
                }
                Ok(vec![Event::ProtocolAdopted {
                    protocol: protocol.clone(),
                }])
            }
            Command::OpenObservation {
                resident,
                protocol,
                day0,
                basis,
            } => {
                let r = s.active_resident(*resident)?;
                self.authorize_unit(
                    who,
                    Action::RecordMedicalDecision,
                    s.household(r.household)?.group,
                )?;
                if let Some(open) = s.open_observation(*resident, self.day_of(at)) {
                    return Err(Error::AlreadyUnderObservation {
                        resident: *resident,
                        observation: open,
                    });
                }
                let protocol = s.protocol(protocol)?;
                let opening = Opening {
                    protocol,
                    day0: *day0,
                    at,
                    offset: s.offset,
                    basis: basis.clone(),
                };
                opening.check()?;
                Ok(vec![Event::ObservationOpened {
                    observation: ObservationId::new(s.next_observation.max(1)),
                    resident: *resident,
                    opening,
                }])
            }
            Command::UpdateObservation {
                observation,
                command,
            } => {
                let action = command.action();
                if !who.role.may(action) {
                    return Err(Error::RoleNotPermitted {
                        actor: who.label(),
                        action: action.as_str(),
                        allowed: super::roles_text(action.roles()),
                    });
                }
                let rec = s.observation(*observation)?;
                // A resident deregistered while under observation can still have it closed.
                let household = s
                    .residents
                    .get(&rec.resident)
                    .ok_or(Error::UnknownResident {
                        resident: rec.resident,
                    })?
                    .household;
                self.authorize_unit(who, action, s.household(household)?.group)?;
                let o = &rec.observation;
                let today = self.day_of(at);
                let not_after = |what: &'static str, when: Instant| {
                    if when > at {
                        Err(Error::InFuture {
                            what: what.into(),
                            at: when,
                            now: at,
                        })
                    } else {
                        Ok(())
                    }
                };
                let opened_day = o.opened_at().day_in(s.offset);
                let change = match command {
                    ObservationCommand::RecordReading(x) => {
                        o.check_reading(x, at)?;
                        let taken = x.at.day_in(s.offset);
                        if taken < opened_day {
                            return Err(Error::BeforeOpening {
                                what: "a reading",
                                day: taken,
                                opened: opened_day,
                            });
                        }
                        ObservationChange::ReadingRecorded(*x)
                    }
                    ObservationCommand::ReportSymptoms(x) => {
                        o.check_symptoms(x, at)?;
                        ObservationChange::SymptomsReported(x.clone())
                    }
                    ObservationCommand::RecordHomeVisit(x) => {
                        o.check_visit(x, at)?;
                        ObservationChange::HomeVisited(x.clone())
                    }
                    ObservationCommand::HandOutSupplies(x) => {
                        o.check_handout(x, at)?;
                        ObservationChange::SuppliesHandedOut(x.clone())
                    }
                    ObservationCommand::RecordTestResult(x) => {
                        not_after("a test result", x.at)?;
                        if x.sampled > today {
                            return Err(Error::TestSampledInFuture {
                                sampled: x.sampled,
                                today,
                            });
                        }
                        o.check_test_result(x)?;
                        ObservationChange::TestResultRecorded(*x)
                    }
                    ObservationCommand::ClearAlert(x) => {
                        not_after("clearing an alert", x.at)?;
                        o.check_clearance(x)?;
                        ObservationChange::AlertCleared(x.clone())
                    }
                    ObservationCommand::Refer(x) => {
                        not_after("a referral", x.at)?;
                        o.check_referral(x)?;
                        ObservationChange::Referred(x.clone())
                    }
                    ObservationCommand::TransferOut(x) => {
                        not_after("a transfer", x.at)?;
                        o.check_transfer(x)?;
                        ObservationChange::TransferredOut(x.clone())
                    }
                    ObservationCommand::End(x) => {
                        not_after("the end of an observation", x.at)?;
                        o.check_ending(x)?;
                        ObservationChange::Ended(x.clone())
                    }
                    ObservationCommand::ChangePeriod {
                        new_last_day,
                        reason,
                    } => ObservationChange::PeriodChanged(o.period_change(
                        *new_last_day,
                        reason,
                        at,
                    )?),
                    ObservationCommand::RestartExposure { new_day0, reason } => {
                        ObservationChange::ExposureRestarted(
                            o.exposure_restart(*new_day0, reason, at)?,
                        )
                    }
                    ObservationCommand::Release { override_reason } => {
                        ObservationChange::Released(o.release(at, override_reason.as_deref())?)
                    }
                };
                Ok(vec![Event::ObservationUpdated {
                    observation: *observation,
                    change,
                }])
            }
            // The parent module decides every other command and never passes one here.
            _ => Ok(Vec::new()),
        }
    }

    /// The events that follow from a screening outcome: a key person's observation is opened
    /// with the protocol the rule names and the outcome's day 0; if they are already under
    /// observation from an earlier exposure, day 0 restarts when the new one is later.
    pub(super) fn observation_for_outcome(
        &self,
        resident: ResidentId,
        outcome: &ScreeningOutcome,
        at: Instant,
    ) -> Result<Vec<Event>, Error> {
        let s = &self.state;
        let Some(key) = outcome.key_person() else {
            return Ok(Vec::new());
        };
        if matches!(outcome, ScreeningOutcome::Symptomatic { .. }) {
            // Symptomatic people are referred at once, not observed at home.
            return Ok(Vec::new());
        }
        let today = self.day_of(at);
        if let Some(open) = s.open_observation(resident, today) {
            let Some(o) = s.observations.get(&open).map(|r| &r.observation) else {
                return Ok(Vec::new());
            };
            if key.day0 <= o.day0() {
                return Ok(Vec::new());
            }
            let restart = o.exposure_restart(key.day0, &outcome.explain(), at)?;
            return Ok(vec![Event::ObservationUpdated {
                observation: open,
                change: ObservationChange::ExposureRestarted(restart),
            }]);
        }
        let opening = Opening {
            protocol: s.protocol(&key.protocol)?,
            day0: key.day0,
            at,
            offset: s.offset,
            basis: OpeningBasis::Screening {
                rule: key.rule.clone(),
            },
        };
        opening.check()?;
        Ok(vec![Event::ObservationOpened {
            observation: ObservationId::new(s.next_observation.max(1)),
            resident,
            opening,
        }])
    }

    /// Changes an observation: a shortcut for [`Command::UpdateObservation`].
    ///
    /// # Errors
    /// As [`execute`](Registry::execute): the actor's role and units, the observation's state
    /// (closed, released), and the change itself (a date after `at`, a reading before the
    /// opening, a release the rules refuse without an override).
    pub fn update_observation(
        &mut self,
        actor: StaffId,
        at: Instant,
        observation: ObservationId,
        command: ObservationCommand,
    ) -> Result<crate::Receipt, Error> {
        self.execute(
            actor,
            at,
            Command::UpdateObservation {
                observation,
                command,
            },
        )
    }

    /// An observation.
    pub fn observation(&self, id: ObservationId) -> Option<&ObservationRecord> {
        self.state.observations.get(&id)
    }

    /// Every observation, in the order opened.
    pub fn observations(&self) -> impl Iterator<Item = &ObservationRecord> {
        self.state.observations.values()
    }

    /// The resident's observation under way on `day` (not released, referred, transferred or
    /// ended), if any. A released person in follow-on monitoring has none: a new exposure
    /// opens a new observation.
    pub fn open_observation_of(&self, resident: ResidentId, day: Day) -> Option<ObservationId> {
        self.state.open_observation(resident, day)
    }

    /// The protocols adopted by this registry (beyond the presets), by key.
    pub fn protocols(&self) -> impl Iterator<Item = &Protocol> {
        self.state.protocols.values()
    }

    /// The records requiring review (待审核解除) on `day`: observations whose earliest release
    /// day has come, with what the rules say, for a health worker to decide.
    pub fn release_review(&self, day: Day) -> Vec<Review<ObservationId>> {
        due_for_review(
            self.state
                .observations
                .values()
                .map(|r| (r.id, &r.observation)),
            day,
        )
    }

    /// The non-reporting lists of `day` as of `now`, one per responsible grid worker (a cadre
    /// where the group has no grid worker): observations with a check overdue or missed.
    pub fn non_reporting(&self, day: Day, now: Instant) -> Vec<WorkerNonReporting> {
        let mut by_worker: BTreeMap<Option<StaffId>, Vec<NonReporting<ObservationId>>> =
            BTreeMap::new();
        let items = non_reporting(
            self.state
                .observations
                .values()
                .map(|r| (r.id, &r.observation)),
            day,
            now,
        );
        for item in items {
            let worker = self
                .state
                .observations
                .get(&item.key)
                .and_then(|r| self.state.residents.get(&r.resident))
                .and_then(|r| {
                    let resp = self.responsible_for_household(r.household);
                    let pick = |role| resp.iter().find(|x| x.role == role).map(|x| x.staff);
                    pick(Role::GridWorker).or_else(|| pick(Role::Cadre))
                });
            by_worker.entry(worker).or_default().push(item);
        }
        by_worker
            .into_iter()
            .map(|(worker, items)| WorkerNonReporting { worker, items })
            .collect()
    }

    /// How many observations stand where on `day`.
    pub fn observation_counts(&self, day: Day) -> ObservationCounts {
        let mut c = ObservationCounts::default();
        for r in self.state.observations.values() {
            c.total += 1;
            match r.observation.status_on(day) {
                Status::UnderObservation => c.under_observation += 1,
                Status::FollowOnMonitoring { .. } => c.follow_on += 1,
                Status::Released { .. } => c.released += 1,
                Status::Referred { .. } => c.referred += 1,
                Status::TransferredOut { .. } => c.transferred += 1,
                // DOMAIN.md §4: "an index case later ruled out releases its contacts".
                Status::Ended {
                    reason: crate::observation::EndReason::IndexCaseRuledOut,
                    ..
                } => c.released += 1,
                _ => c.ended += 1,
            }
        }
        c
    }
}

impl State {
    pub(super) fn apply_observation(&mut self, event: &Event) {
        match event {
            Event::ProtocolAdopted { protocol } => {
                self.protocols
                    .insert(protocol.key.clone(), protocol.clone());
            }
            Event::ObservationOpened {
                observation,
                resident,
                opening,
            } => {
                self.next_observation = self
                    .next_observation
                    .max(observation.get().saturating_add(1));
                self.observations.insert(
                    *observation,
                    ObservationRecord {
                        id: *observation,
                        resident: *resident,
                        observation: Observation::from_opening(opening.clone()),
                    },
                );
                self.observations_of
                    .entry(*resident)
                    .or_insert_with(super::one)
                    .push(*observation);
            }
            Event::ObservationUpdated {
                observation,
                change,
            } => {
                let Some(rec) = self.observations.get_mut(observation) else {
                    return;
                };
                let o = &mut rec.observation;
                match change.clone() {
                    ObservationChange::ReadingRecorded(x) => o.apply_reading(x),
                    ObservationChange::SymptomsReported(x) => o.apply_symptoms(x),
                    ObservationChange::HomeVisited(x) => o.apply_visit(x),
                    ObservationChange::SuppliesHandedOut(x) => o.apply_handout(x),
                    ObservationChange::TestResultRecorded(x) => o.apply_test_result(x),
                    ObservationChange::AlertCleared(x) => o.apply_clearance(x),
                    ObservationChange::Referred(x) => o.apply_referral(x),
                    ObservationChange::TransferredOut(x) => o.apply_transfer(x),
                    ObservationChange::Ended(x) => o.apply_ending(x),
                    ObservationChange::PeriodChanged(x) => o.apply_period_change(x),
                    ObservationChange::ExposureRestarted(x) => o.apply_exposure_restart(x),
                    ObservationChange::Released(x) => o.apply_release(x),
                }
            }
            _ => {}
        }
    }

    fn observation(&self, id: ObservationId) -> Result<&ObservationRecord, Error> {
        self.observations
            .get(&id)
            .ok_or(Error::UnknownObservation { observation: id })
    }

    pub(super) fn open_observation(&self, resident: ResidentId, day: Day) -> Option<ObservationId> {
        self.observations_of
            .get(&resident)?
            .iter()
            .rev()
            .find(|id| {
                self.observations
                    .get(id)
                    .is_some_and(|r| r.observation.status_on(day) == Status::UnderObservation)
            })
            .copied()
    }

    /// The protocol with this key: one adopted by the registry, else a preset.
    pub(super) fn protocol(&self, key: &str) -> Result<Protocol, Error> {
        self.protocols
            .get(key)
            .cloned()
            .or_else(|| Protocol::preset(key))
            .ok_or_else(|| Error::UnknownProtocol {
                key: key.to_owned(),
            })
    }
}
