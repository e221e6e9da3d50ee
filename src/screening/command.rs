//! Screening's commands, events and state (摸底排查): risk areas, the rule, rounds, visits and
//! interviews.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    DesignationId, Interview, InterviewRecord, RegisterChange, RiskLevel, RiskProposal,
    RiskRegister, Round, ScreeningOutcome, ScreeningRule, Visit, VisitResult,
};
use crate::calendar::Day;
use crate::error::Error;
use crate::grid::Action;
use crate::grid::context::{Context, EntryMeta, GridView, TextKind, non_empty, text_field};
use crate::ids::{HouseholdId, ObservationId, ResidentId, RoundId, UnitId, fresh_number};
use crate::observation::{
    ObservationChange, ObservationEvent, ObservationState, Opening, OpeningBasis,
};
use crate::place::DivisionCode;

/// A request about screening (摸底排查): risk areas, the screening rule, rounds, visits and
/// interviews. Variant names are part of the stored format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ScreeningCommand {
    /// Designate an area at risk from a day (as published by the authority that decided it).
    ///
    /// A designation covers the whole township (every interview is judged against it): it
    /// takes a leader assigned to the township, not one linked to a village
    /// ([`Error::OutsideAssignedUnits`] naming the township). So do lifting and confirming.
    DesignateRiskArea {
        /// The area (a province, prefecture or county).
        area: DivisionCode,
        /// Its level.
        level: RiskLevel,
        /// The first day in force.
        from: Day,
        /// Who decided it and where it was published.
        basis: String,
    },
    /// Lift a designation: in force up to the day before `on`.
    LiftRiskArea {
        /// The designation.
        designation: DesignationId,
        /// The day it is lifted.
        on: Day,
    },
    /// Record a level change a person has confirmed from a [`RiskProposal`].
    ConfirmRiskProposal {
        /// The proposal, as confirmed.
        proposal: RiskProposal,
    },
    /// Adopt the screening rule interviews are judged by from now on.
    ///
    /// The rule covers the whole township: it takes a leader assigned to the township
    /// ([`Error::OutsideAssignedUnits`] naming the township otherwise).
    AdoptScreeningRule {
        /// The rule.
        rule: ScreeningRule,
    },
    /// Open a screening round over some units (each within the leader's reach: a round over
    /// the township takes a leader assigned to the township).
    OpenScreeningRound {
        /// Its name.
        name: String,
        /// The units it covers.
        units: Vec<UnitId>,
        /// Its first day.
        opens: Day,
    },
    /// Close a screening round.
    CloseScreeningRound {
        /// The round.
        round: RoundId,
        /// Its last day.
        closes: Day,
    },
    /// Record a visit to a household in a screening round.
    RecordVisit {
        /// The round.
        round: RoundId,
        /// The household.
        household: HouseholdId,
        /// How the visit ended.
        result: VisitResult,
    },
    /// Record a screening interview of a resident (the five questions); the registry decides
    /// the outcome by the screening rule in force and the risk register.
    RecordInterview {
        /// Who was interviewed.
        resident: ResidentId,
        /// The round, if the interview belongs to one.
        round: Option<RoundId>,
        /// The answers.
        interview: Interview,
    },
}

impl ScreeningCommand {
    /// The action this command needs permission for ([`Action::roles`]).
    pub fn action(&self) -> Action {
        match self {
            ScreeningCommand::DesignateRiskArea { .. }
            | ScreeningCommand::LiftRiskArea { .. }
            | ScreeningCommand::ConfirmRiskProposal { .. } => Action::ManageRiskAreas,
            ScreeningCommand::AdoptScreeningRule { .. }
            | ScreeningCommand::OpenScreeningRound { .. }
            | ScreeningCommand::CloseScreeningRound { .. } => Action::ManageScreening,
            ScreeningCommand::RecordVisit { .. } | ScreeningCommand::RecordInterview { .. } => {
                Action::RecordScreening
            }
        }
    }
}

/// A fact about screening recorded in the ledger. Past tense; applying one cannot fail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ScreeningEvent {
    /// The risk register changed: an area was designated or a designation lifted.
    RiskRegisterChanged {
        /// The change.
        change: RegisterChange,
    },
    /// A screening rule was adopted.
    ScreeningRuleAdopted {
        /// The rule.
        rule: ScreeningRule,
    },
    /// A screening round was opened.
    ScreeningRoundOpened {
        /// The round.
        round: RoundId,
        /// Its name.
        name: String,
        /// Its units.
        units: Vec<UnitId>,
        /// Its first day.
        opens: Day,
    },
    /// A screening round was closed.
    ScreeningRoundClosed {
        /// The round.
        round: RoundId,
        /// Its last day.
        closes: Day,
    },
    /// A household was visited (by the entry's actor, at its instant).
    HouseholdVisited {
        /// The round.
        round: RoundId,
        /// The household.
        household: HouseholdId,
        /// How it ended.
        result: VisitResult,
    },
    /// A screening interview was recorded (by the entry's actor, at its instant).
    InterviewRecorded {
        /// Who was interviewed.
        resident: ResidentId,
        /// The round.
        round: Option<RoundId>,
        /// The local day of the interview.
        on: Day,
        /// The answers.
        interview: Interview,
        /// The outcome decided.
        outcome: ScreeningOutcome,
    },
}

/// Screening as built by its events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ScreeningState {
    pub(crate) risk: RiskRegister,
    pub(crate) rule: Option<ScreeningRule>,
    pub(crate) rounds: BTreeMap<RoundId, Round>,
    /// Boxed slices: most residents have one interview (issue 14).
    pub(crate) interviews: BTreeMap<ResidentId, Box<[InterviewRecord]>>,
    pub(crate) next_round: u32,
    /// The rule names the outcomes held share (issue 14).
    pub(crate) rule_names: Vec<std::sync::Arc<str>>,
}

/// Checks the free text a screening command carries against its limits ([`crate::limits`]).
fn check_texts(command: &ScreeningCommand) -> Result<(), Error> {
    match command {
        ScreeningCommand::DesignateRiskArea { basis, .. } => {
            text_field(basis, "the basis of the designation", TextKind::Title)
        }
        ScreeningCommand::ConfirmRiskProposal { proposal } => {
            text_field(&proposal.scheme, "the proposal's scheme", TextKind::Name)?;
            text_field(&proposal.reason, "the proposal's reason", TextKind::Note)
        }
        ScreeningCommand::AdoptScreeningRule { rule } => {
            text_field(&rule.name, "the screening rule's name", TextKind::Name)?;
            for o in &rule.observations {
                text_field(
                    &o.protocol,
                    format!("the protocol key for {}-risk areas", o.level),
                    TextKind::Name,
                )?;
            }
            Ok(())
        }
        ScreeningCommand::OpenScreeningRound { name, .. } => {
            text_field(name, "the screening round's name", TextKind::Name)
        }
        ScreeningCommand::RecordInterview { interview, .. } => text_field(
            &interview.symptoms().note,
            "what the resident said of their symptoms",
            TextKind::Note,
        ),
        _ => Ok(()),
    }
}

/// Authorizes (reach) and validates a screening command, and returns its events: screening's
/// own, and the observation events that follow from an interview (a key person's observation
/// opened, or restarted by a later exposure). The registry has checked the actor's role.
pub(crate) fn decide(
    s: &ScreeningState,
    ctx: &Context<'_>,
    observation: &ObservationState,
    command: &ScreeningCommand,
) -> Result<(Vec<ScreeningEvent>, Vec<ObservationEvent>), Error> {
    check_texts(command)?;
    let action = command.action();
    let changed = |change| ScreeningEvent::RiskRegisterChanged { change };
    let events = match command {
        ScreeningCommand::DesignateRiskArea {
            area,
            level,
            from,
            basis,
        } => {
            ctx.reach_township(action)?;
            let d = s
                .risk
                .plan_designation(*area, level.clone(), *from, basis.clone())?;
            Ok::<_, Error>(vec![changed(RegisterChange::Designated(d))])
        }
        ScreeningCommand::LiftRiskArea { designation, on } => {
            ctx.reach_township(action)?;
            Ok(vec![changed(s.risk.check_lift(*designation, *on)?)])
        }
        ScreeningCommand::ConfirmRiskProposal { proposal } => {
            ctx.reach_township(action)?;
            let changes = s.risk.plan_confirmation(proposal)?;
            if changes.is_empty() {
                return Err(Error::NothingToConfirm {
                    area: proposal.area,
                });
            }
            Ok(changes.into_iter().map(changed).collect())
        }
        ScreeningCommand::AdoptScreeningRule { rule } => {
            ctx.reach_township(action)?;
            non_empty(&rule.name, "the screening rule's name")?;
            if !(1..=super::rules::MAX_LOOK_BACK_DAYS).contains(&rule.look_back_days) {
                return Err(Error::LookBackOutOfRange {
                    days: rule.look_back_days,
                    max: super::rules::MAX_LOOK_BACK_DAYS,
                });
            }
            // Every protocol the rule names must exist now, or every interview it decides
            // would be refused later, to a cadre who cannot fix it.
            for o in &rule.observations {
                observation.protocol(&o.protocol)?;
            }
            Ok(vec![ScreeningEvent::ScreeningRuleAdopted {
                rule: rule.clone(),
            }])
        }
        ScreeningCommand::OpenScreeningRound { name, units, opens } => {
            non_empty(name, "the screening round's name")?;
            if units.is_empty() {
                return Err(Error::EmptyText {
                    what: "the screening round's list of units",
                });
            }
            for u in units {
                ctx.grid.known_unit(*u)?;
                ctx.reach(action, *u)?;
            }
            Ok(vec![ScreeningEvent::ScreeningRoundOpened {
                round: RoundId::new(fresh_number(s.next_round, "screening rounds")?),
                name: name.trim().to_owned(),
                units: units.clone(),
                opens: *opens,
            }])
        }
        ScreeningCommand::CloseScreeningRound { round, closes } => {
            let r = s.round(*round)?;
            if let Some(closed) = r.closes {
                return Err(Error::RoundAlreadyClosed {
                    round: *round,
                    closes: closed,
                });
            }
            if *closes < r.opens {
                return Err(Error::RoundClosesBeforeItOpens {
                    round: *round,
                    opens: r.opens,
                    closes: *closes,
                });
            }
            for u in &r.units {
                ctx.reach(action, *u)?;
            }
            Ok(vec![ScreeningEvent::ScreeningRoundClosed {
                round: *round,
                closes: *closes,
            }])
        }
        ScreeningCommand::RecordVisit {
            round,
            household,
            result,
        } => {
            let h = ctx.grid.known_household(*household)?;
            ctx.reach(action, h.group)?;
            let r = s.round_open_on(*round, ctx.today)?;
            if !round_covers(ctx.grid, r, h.group) {
                return Err(Error::OutsideRound {
                    household: *household,
                    group: ctx.grid.label(h.group),
                    round: *round,
                });
            }
            Ok(vec![ScreeningEvent::HouseholdVisited {
                round: *round,
                household: *household,
                result: *result,
            }])
        }
        ScreeningCommand::RecordInterview {
            resident,
            round,
            interview,
        } => {
            let r = ctx.grid.active_resident(*resident)?;
            let group = ctx.grid.known_household(r.household)?.group;
            ctx.reach(action, group)?;
            if let Some(round) = round {
                let rd = s.round_open_on(*round, ctx.today)?;
                if !round_covers(ctx.grid, rd, group) {
                    return Err(Error::OutsideRound {
                        household: r.household,
                        group: ctx.grid.label(group),
                        round: *round,
                    });
                }
            }
            let t = interview.travel();
            let latest = t
                .stays
                .iter()
                .map(|x| x.last())
                .chain(t.transits.iter().map(|x| x.day))
                .chain(t.returned_home)
                .max();
            if let Some(day) = latest.filter(|d| *d > ctx.today) {
                return Err(Error::TravelAfterInterview {
                    day,
                    today: ctx.today,
                });
            }
            let rule = s.rule.as_ref().ok_or(Error::NoScreeningRule)?;
            let outcome = rule.screen(&s.risk, interview, ctx.today);
            let follow = events_for_outcome(observation, ctx, *resident, &outcome)?;
            let events = vec![ScreeningEvent::InterviewRecorded {
                resident: *resident,
                round: *round,
                on: ctx.today,
                interview: interview.clone(),
                outcome,
            }];
            return Ok((events, follow));
        }
    }?;
    Ok((events, Vec::new()))
}

/// Whether a round covers a group: the group, its zone or a unit above it is one of the
/// round's units (a walk up the grid, not a walk over the round's units).
pub(crate) fn round_covers(grid: &dyn GridView, round: &Round, group: UnitId) -> bool {
    grid.covering_units(group)
        .iter()
        .any(|u| round.units.contains(u))
}

impl ScreeningState {
    /// The households screened (a visit that ended `Screened`) in any round by the end of
    /// `day`: what the daily figures count and what an inspector's evidence checks.
    pub(crate) fn screened_by(&self, day: Day) -> std::collections::BTreeSet<HouseholdId> {
        self.rounds
            .values()
            .flat_map(|r| r.visits.iter())
            .filter(|(_, visits)| {
                visits
                    .iter()
                    .any(|v| v.result == VisitResult::Screened && v.day <= day)
            })
            .map(|(h, _)| *h)
            .collect()
    }

    /// Folds one event in, taking its details (issue 14: no clone of an interview).
    pub(crate) fn apply(&mut self, event: ScreeningEvent, meta: &EntryMeta) {
        let (actor, at) = (meta.actor, meta.at);
        match event {
            ScreeningEvent::RiskRegisterChanged { change } => self.risk.apply(&change),
            ScreeningEvent::ScreeningRuleAdopted { rule } => self.rule = Some(rule),
            ScreeningEvent::ScreeningRoundOpened {
                round,
                name,
                units,
                opens,
            } => {
                self.next_round = self.next_round.max(round.get().saturating_add(1));
                self.rounds.insert(
                    round,
                    Round {
                        id: round,
                        name,
                        units,
                        opens,
                        closes: None,
                        visits: BTreeMap::new(),
                    },
                );
            }
            ScreeningEvent::ScreeningRoundClosed { round, closes } => {
                if let Some(r) = self.rounds.get_mut(&round) {
                    r.closes = Some(closes);
                }
            }
            ScreeningEvent::HouseholdVisited {
                round,
                household,
                result,
            } => {
                let day = meta.day;
                if let Some(r) = self.rounds.get_mut(&round) {
                    let held = r.visits.entry(household).or_default();
                    let mut visits = std::mem::take(held).into_vec();
                    visits.push(Visit {
                        by: actor,
                        at,
                        day,
                        result,
                    });
                    *held = visits.into_boxed_slice();
                }
            }
            ScreeningEvent::InterviewRecorded {
                resident,
                round,
                on,
                interview,
                mut outcome,
            } => {
                outcome.share_rule(&mut self.rule_names);
                let held = self.interviews.entry(resident).or_default();
                let mut interviews = std::mem::take(held).into_vec();
                interviews.push(InterviewRecord {
                    resident,
                    by: actor,
                    at,
                    on,
                    round,
                    interview,
                    outcome,
                });
                *held = interviews.into_boxed_slice();
            }
        }
    }

    /// A round that must exist.
    pub(crate) fn round(&self, id: RoundId) -> Result<&Round, Error> {
        self.rounds
            .get(&id)
            .ok_or(Error::UnknownRound { round: id })
    }

    fn round_open_on(&self, id: RoundId, day: crate::calendar::Day) -> Result<&Round, Error> {
        let r = self.round(id)?;
        if day < r.opens {
            return Err(Error::RoundNotOpen {
                round: id,
                opens: r.opens,
                day,
            });
        }
        if let Some(closes) = r.closes.filter(|c| day > *c) {
            return Err(Error::RoundClosed {
                round: id,
                closes,
                day,
            });
        }
        Ok(r)
    }
}

/// The events that follow from a screening outcome: a key person's observation is opened with
/// the protocol the rule names and the outcome's day 0; if they are already under observation
/// from an earlier exposure, day 0 restarts when the new one is later.
fn events_for_outcome(
    s: &ObservationState,
    ctx: &Context<'_>,
    resident: ResidentId,
    outcome: &ScreeningOutcome,
) -> Result<Vec<ObservationEvent>, Error> {
    let at = ctx.at;
    let Some(key) = outcome.key_person() else {
        return Ok(Vec::new());
    };
    if matches!(outcome, ScreeningOutcome::Symptomatic { .. }) {
        // Symptomatic people are referred at once, not observed at home.
        return Ok(Vec::new());
    }
    let today = ctx.today;
    if let Some(open) = s.open_observation(resident, today) {
        let Some(o) = s.observations.get(&open).map(|r| &r.observation) else {
            return Ok(Vec::new());
        };
        if key.day0 <= o.day0() {
            return Ok(Vec::new());
        }
        let restart = o.exposure_restart(key.day0, &outcome.explain(), at)?;
        return Ok(vec![ObservationEvent::ObservationUpdated {
            observation: open,
            change: ObservationChange::ExposureRestarted(restart),
        }]);
    }
    let opening = Opening {
        protocol: s.protocol(&key.protocol)?,
        day0: key.day0,
        at,
        offset: ctx.offset,
        basis: OpeningBasis::Screening {
            rule: key.rule.clone(),
        },
    };
    opening.check()?;
    Ok(vec![ObservationEvent::ObservationOpened {
        observation: ObservationId::new(fresh_number(s.next_observation, "observations")?),
        resident,
        opening,
    }])
}
