//! Screening queries that read the grid as well (摸底排查).

use std::collections::BTreeMap;

use super::Registry;
use crate::screening::{
    Coverage, FollowUp, FollowUpReason, InterviewRecord, KeyPerson, RiskRegister, Round,
    ScreeningRule, VillageCoverage, VisitResult,
};
use crate::{Error, ResidentId, RoundId, UnitId};

impl Registry {
    /// The risk register (风险区): every designation, current and past.
    pub fn risk_register(&self) -> &RiskRegister {
        &self.state.screening.risk
    }

    /// The screening rule in force, if one was adopted.
    pub fn screening_rule(&self) -> Option<&ScreeningRule> {
        self.state.screening.rule.as_ref()
    }

    /// A screening round.
    pub fn round(&self, id: RoundId) -> Option<&Round> {
        self.state.screening.rounds.get(&id)
    }

    /// Every screening round.
    pub fn rounds(&self) -> impl Iterator<Item = &Round> {
        self.state.screening.rounds.values()
    }

    /// The screening interviews of a resident, oldest first.
    pub fn interviews_of(&self, resident: ResidentId) -> &[InterviewRecord] {
        self.state
            .screening
            .interviews
            .get(&resident)
            .map_or(&[], Vec::as_slice)
    }

    /// The key people (重点人员): residents whose latest interview made them one (or found them
    /// symptomatic after a matching stay), by resident.
    pub fn key_people(&self) -> Vec<(ResidentId, &KeyPerson)> {
        self.state
            .screening
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
            .screening
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
        let s = &self.state.grid;
        let r = self.state.screening.round(round)?;
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
