//! The registry's screening commands, events and queries (摸底排查).

use std::collections::BTreeMap;

use super::{Registry, State, non_empty};
use crate::event::{Command, Event};
use crate::grid::{Action, Staff};
use crate::screening::{
    Coverage, FollowUp, FollowUpReason, InterviewRecord, KeyPerson, RegisterChange, RiskRegister,
    Round, ScreeningRule, VillageCoverage, Visit, VisitResult,
};
use crate::{Error, Instant, ResidentId, RoundId, StaffId, UnitId};

impl Registry {
    /// Authorizes and validates the screening commands.
    pub(super) fn decide_screening(
        &self,
        who: &Staff,
        action: Action,
        at: Instant,
        command: &Command,
    ) -> Result<Vec<Event>, Error> {
        let s = &self.state;
        let today = self.day_of(at);
        let reach = |unit: UnitId| self.authorize_unit(who, action, unit);
        let changed = |change| Event::RiskRegisterChanged { change };
        match command {
            Command::DesignateRiskArea {
                area,
                level,
                from,
                basis,
            } => {
                let d = s
                    .risk
                    .plan_designation(*area, level.clone(), *from, basis.clone())?;
                Ok(vec![changed(RegisterChange::Designated(d))])
            }
            Command::LiftRiskArea { designation, on } => {
                Ok(vec![changed(s.risk.check_lift(*designation, *on)?)])
            }
            Command::ConfirmRiskProposal { proposal } => {
                let changes = s.risk.plan_confirmation(proposal)?;
                if changes.is_empty() {
                    return Err(Error::NothingToConfirm {
                        area: proposal.area,
                    });
                }
                Ok(changes.into_iter().map(changed).collect())
            }
            Command::AdoptScreeningRule { rule } => {
                non_empty(&rule.name, "the screening rule's name")?;
                // Every protocol the rule names must exist now, or every interview it decides
                // would be refused later, to a cadre who cannot fix it.
                for o in &rule.observations {
                    s.protocol(&o.protocol)?;
                }
                Ok(vec![Event::ScreeningRuleAdopted { rule: rule.clone() }])
            }
            Command::OpenScreeningRound { name, units, opens } => {
                non_empty(name, "the screening round's name")?;
                if units.is_empty() {
                    return Err(Error::EmptyText {
                        what: "the screening round's list of units",
                    });
                }
                for u in units {
                    s.unit(*u)?;
                    reach(*u)?;
                }
                Ok(vec![Event::ScreeningRoundOpened {
                    round: RoundId::new(s.next_round.max(1)),
                    name: name.trim().to_owned(),
                    units: units.clone(),
                    opens: *opens,
                }])
            }
            Command::CloseScreeningRound { round, closes } => {
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
                    reach(*u)?;
                }
                Ok(vec![Event::ScreeningRoundClosed {
                    round: *round,
                    closes: *closes,
                }])
            }
            Command::RecordVisit {
                round,
                household,
                result,
            } => {
                let h = s.household(*household)?;
                reach(h.group)?;
                let r = s.round_open_on(*round, today)?;
                if !s.round_covers(r, h.group) {
                    return Err(Error::OutsideRound {
                        household: *household,
                        group: s.label(h.group),
                        round: *round,
                    });
                }
                Ok(vec![Event::HouseholdVisited {
                    round: *round,
                    household: *household,
                    result: *result,
                }])
            }
            Command::RecordInterview {
                resident,
                round,
                interview,
            } => {
                let r = s.active_resident(*resident)?;
                let group = s.household(r.household)?.group;
                reach(group)?;
                if let Some(round) = round {
                    let rd = s.round_open_on(*round, today)?;
                    if !s.round_covers(rd, group) {
                        return Err(Error::OutsideRound {
                            household: r.household,
                            group: s.label(group),
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
                if let Some(day) = latest.filter(|d| *d > today) {
                    return Err(Error::TravelAfterInterview { day, today });
                }
                let rule = s.rule.as_ref().ok_or(Error::NoScreeningRule)?;
                let outcome = rule.screen(&s.risk, interview, today);
                let follow = self.observation_for_outcome(*resident, &outcome, at)?;
                let mut events = vec![Event::InterviewRecorded {
                    resident: *resident,
                    round: *round,
                    on: today,
                    interview: interview.clone(),
                    outcome,
                }];
                events.extend(follow);
                Ok(events)
            }
            // The parent module decides every other command and never passes one here.
            _ => Ok(Vec::new()),
        }
    }

    /// The risk register (风险区): every designation, current and past.
    pub fn risk_register(&self) -> &RiskRegister {
        &self.state.risk
    }

    /// The screening rule in force, if one was adopted.
    pub fn screening_rule(&self) -> Option<&ScreeningRule> {
        self.state.rule.as_ref()
    }

    /// A screening round.
    pub fn round(&self, id: RoundId) -> Option<&Round> {
        self.state.rounds.get(&id)
    }

    /// Every screening round.
    pub fn rounds(&self) -> impl Iterator<Item = &Round> {
        self.state.rounds.values()
    }

    /// The screening interviews of a resident, oldest first.
    pub fn interviews_of(&self, resident: ResidentId) -> &[InterviewRecord] {
        self.state
            .interviews
            .get(&resident)
            .map_or(&[], Vec::as_slice)
    }

    /// The key people (重点人员): residents whose latest interview made them one (or found them
    /// symptomatic after a matching stay), by resident.
    pub fn key_people(&self) -> Vec<(ResidentId, &KeyPerson)> {
        self.state
            .interviews
            .iter()
            .filter_map(|(r, list)| {
                list.last()
                    .and_then(|i| i.outcome.key_person())
                    .map(|k| (*r, k))
            })
            .collect()
    }

    /// Residents to refer at once (立即转诊): those whose latest interview reported cold or
    /// fever symptoms, with that interview. They are not placed under home observation: a
    /// health worker refers them to a designated hospital.
    pub fn to_refer(&self) -> Vec<&InterviewRecord> {
        self.state
            .interviews
            .values()
            .filter_map(|list| list.last())
            .filter(|i| matches!(i.outcome, crate::ScreeningOutcome::Symptomatic { .. }))
            .collect()
    }

    /// The coverage of a screening round (村不漏组、组不漏户): for each village or community of
    /// the round, the groups with households nobody visited and the households not screened;
    /// and the households to follow up — those whose last visit was a refusal, and those never
    /// screened with at least `repeated_absences` visits with nobody home
    /// ([`DEFAULT_REPEATED_ABSENCES`](crate::DEFAULT_REPEATED_ABSENCES) is 2).
    ///
    /// # Errors
    /// [`Error::UnknownRound`].
    pub fn round_coverage(
        &self,
        round: RoundId,
        repeated_absences: usize,
    ) -> Result<Coverage, Error> {
        let s = &self.state;
        let r = s.round(round)?;
        let mut villages: BTreeMap<UnitId, VillageCoverage> = BTreeMap::new();
        let mut follow_up = Vec::new();
        let (mut households, mut screened) = (0, 0);
        let mut groups: Vec<UnitId> = r.units.iter().flat_map(|u| s.groups_under(*u)).collect();
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            let village = s.units.get(&g).and_then(|u| u.parent).unwrap_or(g);
            let entry = villages.entry(village).or_insert_with(|| VillageCoverage {
                village,
                unvisited: Vec::new(),
                not_screened: Vec::new(),
            });
            let mut unvisited = Vec::new();
            for h in s.group_households.get(&g).into_iter().flatten() {
                households += 1;
                let visits = r.visits.get(h).map_or(&[][..], Vec::as_slice);
                if visits.is_empty() {
                    unvisited.push(*h);
                }
                if r.screened(*h) {
                    screened += 1;
                    continue;
                }
                entry.not_screened.push(*h);
                let absent = visits
                    .iter()
                    .filter(|v| v.result == VisitResult::NobodyHome)
                    .count();
                match visits.last() {
                    Some(v) if v.result == VisitResult::Refused => follow_up.push(FollowUp {
                        household: *h,
                        reason: FollowUpReason::Refused { on: v.day },
                    }),
                    _ if absent >= repeated_absences.max(1) => follow_up.push(FollowUp {
                        household: *h,
                        reason: FollowUpReason::RepeatedlyAbsent { visits: absent },
                    }),
                    _ => {}
                }
            }
            if !unvisited.is_empty() {
                unvisited.sort_unstable();
                entry.unvisited.push((g, unvisited));
            }
        }
        let mut villages: Vec<VillageCoverage> = villages.into_values().collect();
        for v in &mut villages {
            v.not_screened.sort_unstable();
        }
        follow_up.sort_by_key(|f| f.household);
        Ok(Coverage {
            round,
            households,
            screened,
            villages,
            follow_up,
        })
    }
}

impl State {
    pub(super) fn apply_screening(&mut self, event: &Event, actor: StaffId, at: Instant) {
        match event {
            Event::RiskRegisterChanged { change } => self.risk.apply(change),
            Event::ScreeningRuleAdopted { rule } => self.rule = Some(rule.clone()),
            Event::ScreeningRoundOpened {
                round,
                name,
                units,
                opens,
            } => {
                self.next_round = self.next_round.max(round.get().saturating_add(1));
                self.rounds.insert(
                    *round,
                    Round {
                        id: *round,
                        name: name.clone(),
                        units: units.clone(),
                        opens: *opens,
                        closes: None,
                        visits: BTreeMap::new(),
                    },
                );
            }
            Event::ScreeningRoundClosed { round, closes } => {
                if let Some(r) = self.rounds.get_mut(round) {
                    r.closes = Some(*closes);
                }
            }
            Event::HouseholdVisited {
                round,
                household,
                result,
            } => {
                let day = at.day_in(self.offset);
                if let Some(r) = self.rounds.get_mut(round) {
                    r.visits
                        .entry(*household)
                        .or_insert_with(super::one)
                        .push(Visit {
                            by: actor,
                            at,
                            day,
                            result: *result,
                        });
                }
            }
            Event::InterviewRecorded {
                resident,
                round,
                on,
                interview,
                outcome,
            } => {
                self.interviews
                    .entry(*resident)
                    .or_insert_with(super::one)
                    .push(InterviewRecord {
                        resident: *resident,
                        by: actor,
                        at,
                        on: *on,
                        round: *round,
                        interview: interview.clone(),
                        outcome: outcome.clone(),
                    });
            }
            _ => {}
        }
    }

    /// Whether a round covers a group: the group, its zone or a unit above it is one of the
    /// round's units (a walk up the grid, not a walk over the round's units).
    fn round_covers(&self, round: &Round, group: UnitId) -> bool {
        self.covering_units(group)
            .iter()
            .any(|u| round.units.contains(u))
    }

    fn round(&self, id: RoundId) -> Result<&Round, Error> {
        self.rounds
            .get(&id)
            .ok_or(Error::UnknownRound { round: id })
    }

    fn round_open_on(&self, id: RoundId, day: crate::Day) -> Result<&Round, Error> {
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
