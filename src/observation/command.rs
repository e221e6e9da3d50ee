//! Observation's commands, events and state (医学观察): protocols, openings and every change.

use crate::grid::GridError;
use crate::observation::ObservationError;
use crate::value_error::ValueError;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    AlertClearance, EndReason, Ending, ExposureRestart, HomeVisit, Observation, Opening,
    OpeningBasis, PeriodChange, Protocol, Reading, Referral, Release, Status, SupplyHandout,
    SymptomReport, TestResult, Transfer,
};
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::grid::Action;
use crate::grid::context::{Context, TextKind, one, optional_text_field, roles_text, text_field};
use crate::ids::{ObservationId, ResidentId, fresh_number};
use crate::table::Table;

/// A request about observation (医学观察): adopt a protocol, open an observation, or change
/// one. Variant names are part of the stored format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ObservationCommand {
    /// Adopt an observation protocol of the registry's own (presets need no adoption).
    AdoptProtocol {
        /// The protocol; its key names it in screening rules and openings.
        protocol: Protocol,
    },
    /// Open an observation of a resident (e.g. a close contact reported by the health centre).
    /// Key people found by screening have theirs opened by
    /// [`ScreeningCommand::RecordInterview`](crate::screening::ScreeningCommand::RecordInterview).
    OpenObservation {
        /// Who.
        resident: ResidentId,
        /// The protocol's key: adopted by the registry, or a preset.
        protocol: String,
        /// Day 0: the day of last exposure.
        day0: Day,
        /// Why.
        basis: OpeningBasis,
    },
    /// Change an open observation.
    UpdateObservation {
        /// The observation.
        observation: ObservationId,
        /// The change.
        update: ObservationUpdate,
    },
}

impl ObservationCommand {
    /// The action this command needs permission for ([`Action::roles`]). A change needs
    /// [`Action::RecordFollowUp`] to be routed; the change itself may need a health worker
    /// ([`ObservationUpdate::action`]), checked when it is decided.
    pub fn action(&self) -> Action {
        match self {
            ObservationCommand::AdoptProtocol { .. } => Action::ManageProtocols,
            ObservationCommand::OpenObservation { .. } => Action::RecordMedicalDecision,
            ObservationCommand::UpdateObservation { update, .. } => update.action(),
        }
    }
}

/// A change to an open observation, as a member of staff asks for it
/// (see [`ObservationCommand::UpdateObservation`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ObservationUpdate {
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

impl ObservationUpdate {
    /// The action this change needs permission for: readings, symptoms and supplies are
    /// follow-up; everything else is a medical decision.
    pub fn action(&self) -> Action {
        match self {
            ObservationUpdate::RecordReading(_)
            | ObservationUpdate::ReportSymptoms(_)
            | ObservationUpdate::HandOutSupplies(_) => Action::RecordFollowUp,
            _ => Action::RecordMedicalDecision,
        }
    }
}

/// A recorded change to an observation (the event form of [`ObservationUpdate`]).
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

/// A fact about observation recorded in the ledger. Past tense; applying one cannot fail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ObservationEvent {
    /// An observation protocol was adopted.
    ProtocolAdopted {
        /// The protocol.
        protocol: Protocol,
    },
    /// An observation was opened.
    ObservationOpened {
        /// The observation.
        observation: ObservationId,
        /// Who is observed.
        resident: ResidentId,
        /// The opening: protocol, day 0, instant, local time, basis.
        opening: Opening,
    },
    /// An observation changed.
    ObservationUpdated {
        /// The observation.
        observation: ObservationId,
        /// The change.
        change: ObservationChange,
    },
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

/// Observation as built by its events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ObservationState {
    pub(crate) protocols: BTreeMap<String, Protocol>,
    pub(crate) observations: Table<ObservationId, ObservationRecord>,
    pub(crate) observations_of: BTreeMap<ResidentId, Vec<ObservationId>>,
    pub(crate) next_observation: u32,
}

/// Checks the free text an observation command carries against its limits
/// ([`crate::limits`]).
fn check_texts(command: &ObservationCommand) -> Result<(), ValueError> {
    use TextKind::{Address, Name, Note, Title};
    match command {
        ObservationCommand::AdoptProtocol { protocol: p } => {
            text_field(&p.key, "the protocol's key", Name)?;
            text_field(&p.name, "the protocol's name", Name)?;
            text_field(&p.source, "the protocol's source", Title)?;
            for (i, slot) in p.slots.iter().enumerate() {
                text_field(
                    &slot.name,
                    format!("the name of check slot {}", i + 1),
                    Name,
                )?;
            }
            Ok(())
        }
        ObservationCommand::OpenObservation {
            protocol, basis, ..
        } => {
            text_field(protocol, "the protocol's key", Name)?;
            match basis {
                OpeningBasis::Screening { rule } => {
                    Ok(text_field(rule, "the screening rule of the opening", Name)?)
                }
                OpeningBasis::CloseContact { note } | OpeningBasis::Other { note } => {
                    Ok(text_field(note, "the basis of the observation", Note)?)
                }
            }
        }
        ObservationCommand::UpdateObservation { update, .. } => match update {
            ObservationUpdate::ReportSymptoms(r) => {
                Ok(text_field(&r.note, "the symptom report's note", Note)?)
            }
            ObservationUpdate::RecordHomeVisit(v) => {
                Ok(text_field(&v.note, "the home visit's note", Note)?)
            }
            ObservationUpdate::ClearAlert(c) => Ok(text_field(
                &c.reason,
                "the reason for clearing the alert",
                Note,
            )?),
            ObservationUpdate::Refer(r) => text_field(&r.hospital, "the hospital", Address),
            ObservationUpdate::TransferOut(t) => Ok(text_field(
                &t.to,
                "where the person is transferred",
                Address,
            )?),
            ObservationUpdate::End(Ending {
                reason: EndReason::Other(why),
                ..
            }) => text_field(why, "the reason for ending the observation", Note),
            ObservationUpdate::ChangePeriod { reason, .. } => Ok(text_field(
                reason,
                "the reason for changing the period",
                Note,
            )?),
            ObservationUpdate::RestartExposure { reason, .. } => {
                Ok(text_field(reason, "the new exposure", Note)?)
            }
            ObservationUpdate::Release { override_reason } => optional_text_field(
                override_reason.as_deref(),
                "the reason for overriding the rules",
                Note,
            ),
            _ => Ok(()),
        },
    }
}

/// Authorizes (reach, and the change's own role) and validates an observation command, and
/// returns its events.
pub(crate) fn decide(
    s: &ObservationState,
    ctx: &Context<'_>,
    command: &ObservationCommand,
) -> Result<Vec<ObservationEvent>, Error> {
    check_texts(command)?;
    match command {
        ObservationCommand::AdoptProtocol { protocol } => {
            // A protocol is the township's: adopting one takes an assignment to the township.
            ctx.reach_township(Action::ManageProtocols)?;
            protocol.validate()?;
            if Protocol::preset(&protocol.key).is_some() {
                return Err(Error::Observation(ObservationError::PresetProtocolKey {
                    key: protocol.key.clone(),
                }));
            }
            Ok(vec![ObservationEvent::ProtocolAdopted {
                protocol: protocol.clone(),
            }])
        }
        ObservationCommand::OpenObservation {
            resident,
            protocol,
            day0,
            basis,
        } => {
            let r = ctx.grid.active_resident(*resident)?;
            ctx.reach(
                Action::RecordMedicalDecision,
                ctx.grid.known_household(r.household)?.group,
            )?;
            if let Some(open) = s.open_observation(*resident, ctx.today) {
                return Err(Error::Observation(
                    ObservationError::AlreadyUnderObservation {
                        resident: *resident,
                        observation: open,
                    },
                ));
            }
            let protocol = s.protocol(protocol)?;
            let opening = Opening {
                protocol,
                day0: *day0,
                at: ctx.at,
                offset: ctx.offset,
                basis: basis.clone(),
            };
            opening.check()?;
            Ok(vec![ObservationEvent::ObservationOpened {
                observation: ObservationId::new(fresh_number(s.next_observation, "observations")?),
                resident: *resident,
                opening,
            }])
        }
        ObservationCommand::UpdateObservation {
            observation,
            update,
        } => {
            let action = update.action();
            if !ctx.actor.role.may(action) {
                return Err(Error::RoleNotPermitted {
                    actor: ctx.actor.label(),
                    action: action.label_en(),
                    allowed: roles_text(action.roles()),
                });
            }
            let rec = s.observation(*observation)?;
            // A resident deregistered while under observation can still have it closed.
            let household = ctx
                .grid
                .resident(rec.resident)
                .ok_or(Error::Grid(GridError::UnknownResident {
                    resident: rec.resident,
                }))?
                .household;
            ctx.reach(action, ctx.grid.known_household(household)?.group)?;
            let o = &rec.observation;
            let (today, at) = (ctx.today, ctx.at);
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
            let opened_day = o.opened_at().day_in(ctx.offset);
            let change = match update {
                ObservationUpdate::RecordReading(x) => {
                    o.check_reading(x, at)?;
                    let taken = x.at.day_in(ctx.offset);
                    if taken < opened_day {
                        return Err(Error::Observation(ObservationError::BeforeOpening {
                            what: "a reading",
                            day: taken,
                            opened: opened_day,
                        }));
                    }
                    ObservationChange::ReadingRecorded(*x)
                }
                ObservationUpdate::ReportSymptoms(x) => {
                    o.check_symptoms(x, at)?;
                    ObservationChange::SymptomsReported(x.clone())
                }
                ObservationUpdate::RecordHomeVisit(x) => {
                    o.check_visit(x, at)?;
                    ObservationChange::HomeVisited(x.clone())
                }
                ObservationUpdate::HandOutSupplies(x) => {
                    o.check_handout(x, at)?;
                    ObservationChange::SuppliesHandedOut(x.clone())
                }
                ObservationUpdate::RecordTestResult(x) => {
                    not_after("a test result", x.at)?;
                    if x.sampled > today {
                        return Err(Error::Observation(ObservationError::TestSampledInFuture {
                            sampled: x.sampled,
                            today,
                        }));
                    }
                    o.check_test_result(x)?;
                    ObservationChange::TestResultRecorded(*x)
                }
                ObservationUpdate::ClearAlert(x) => {
                    not_after("clearing an alert", x.at)?;
                    o.check_clearance(x)?;
                    ObservationChange::AlertCleared(x.clone())
                }
                ObservationUpdate::Refer(x) => {
                    not_after("a referral", x.at)?;
                    o.check_referral(x)?;
                    ObservationChange::Referred(x.clone())
                }
                ObservationUpdate::TransferOut(x) => {
                    not_after("a transfer", x.at)?;
                    o.check_transfer(x)?;
                    ObservationChange::TransferredOut(x.clone())
                }
                ObservationUpdate::End(x) => {
                    not_after("the end of an observation", x.at)?;
                    o.check_ending(x)?;
                    ObservationChange::Ended(x.clone())
                }
                ObservationUpdate::ChangePeriod {
                    new_last_day,
                    reason,
                } => {
                    // A period longer than a year is refused: it is a typo, and release review
                    // would walk every day of it.
                    super::check_period_days(
                        "an observation period",
                        new_last_day.days_since(o.day0()),
                    )?;
                    ObservationChange::PeriodChanged(o.period_change(*new_last_day, reason, at)?)
                }
                ObservationUpdate::RestartExposure { new_day0, reason } => {
                    ObservationChange::ExposureRestarted(o.exposure_restart(*new_day0, reason, at)?)
                }
                ObservationUpdate::Release { override_reason } => {
                    ObservationChange::Released(o.release(at, override_reason.as_deref())?)
                }
            };
            Ok(vec![ObservationEvent::ObservationUpdated {
                observation: *observation,
                change,
            }])
        }
    }
}

impl ObservationState {
    pub(crate) fn apply(&mut self, event: &ObservationEvent) {
        match event {
            ObservationEvent::ProtocolAdopted { protocol } => {
                self.protocols
                    .insert(protocol.key.clone(), protocol.clone());
            }
            ObservationEvent::ObservationOpened {
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
                    .or_insert_with(one)
                    .push(*observation);
            }
            ObservationEvent::ObservationUpdated {
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
        }
    }

    pub(crate) fn observation(&self, id: ObservationId) -> Result<&ObservationRecord, Error> {
        self.observations
            .get(&id)
            .ok_or(Error::Observation(ObservationError::UnknownObservation {
                observation: id,
            }))
    }

    pub(crate) fn open_observation(&self, resident: ResidentId, day: Day) -> Option<ObservationId> {
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
    pub(crate) fn protocol(&self, key: &str) -> Result<Protocol, Error> {
        self.protocols
            .get(key)
            .cloned()
            .or_else(|| Protocol::preset(key))
            .ok_or_else(|| {
                Error::Observation(ObservationError::UnknownProtocol {
                    key: key.to_owned(),
                })
            })
    }

    /// How many observations stand where on `day`.
    pub(crate) fn counts(&self, day: Day) -> ObservationCounts {
        let mut c = ObservationCounts::default();
        for r in self.observations.values() {
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
