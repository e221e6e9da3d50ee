//! Screening queries that read the grid as well (摸底排查).

use std::collections::BTreeMap;

use super::Registry;
use crate::error::Error;
use crate::ids::{ResidentId, RoundId, UnitId};
use crate::screening::{
    Coverage, FollowUp, FollowUpReason, InterviewRecord, KeyPerson, RiskRegister, Round,
    ScreeningRule, VillageCoverage, VisitResult,
};

/// # Screening: what the records show (排查)
///
/// Risk areas, rules, rounds, interviews, key
/// people, referrals and coverage by household.
impl Registry {
    /// The risk register (风险区): every designation, current and past.
    ///
    /// ```
    /// use fangkong::screening::RiskLevel;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, .. } = doc_fixture()?;
    /// let wuhan = reg.designate_risk_area(leader, t, "420100".parse()?, RiskLevel::HIGH,
    ///     "2020-01-08".parse()?, "NHC notice")?;
    /// let at_risk = reg.risk_register().at_risk("420100".parse()?, day);
    /// assert_eq!(at_risk.map(|d| d.id), Some(wuhan));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn risk_register(&self) -> &RiskRegister {
        &self.state.screening.risk
    }

    /// The screening rule in force, if one was adopted.
    ///
    /// ```
    /// use fangkong::screening::{RiskLevel, ScreeningRule};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, .. } = doc_fixture()?;
    /// reg.designate_risk_area(leader, t, "420100".parse()?, RiskLevel::HIGH, "2020-01-08".parse()?, "NHC notice")?;
    /// reg.adopt_screening_rule(leader, t, ScreeningRule::returnee_jan2020())?;
    /// let rule = reg.screening_rule().unwrap();
    /// assert_eq!(rule.protocol_for(&RiskLevel::HIGH), Some("returnee-jan2020"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn screening_rule(&self) -> Option<&ScreeningRule> {
        self.state.screening.rule.as_ref()
    }

    /// A screening round.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, .. } = doc_fixture()?;
    /// let round = reg.open_screening_round(leader, t, "Carpet screening", vec![qianjin], day)?;
    /// let opened = reg.round(round).unwrap();
    /// assert_eq!((opened.units.clone(), opened.opens, opened.closes), (vec![qianjin], day, None));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn round(&self, id: RoundId) -> Option<&Round> {
        self.state.screening.rounds.get(&id)
    }

    /// Every screening round.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, .. } = doc_fixture()?;
    /// let round = reg.open_screening_round(leader, t, "Carpet screening", vec![qianjin], day)?;
    /// let second = reg.open_screening_round(leader, t, "Second pass", vec![qianjin], day)?;
    /// let ids: Vec<_> = reg.rounds().map(|r| r.id).collect();
    /// assert_eq!(ids, vec![round, second]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn rounds(&self) -> impl Iterator<Item = &Round> {
        self.state.screening.rounds.values()
    }

    /// The screening interviews of a resident, oldest first.
    ///
    /// ```
    /// use fangkong::screening::{
    ///     Interview, ReportedSymptoms, RiskLevel, ScreeningRule, Stay, TravelHistory,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, li, wang, .. } = doc_fixture()?;
    /// reg.designate_risk_area(leader, t, "420100".parse()?, RiskLevel::HIGH, "2020-01-08".parse()?, "NHC notice")?;
    /// reg.adopt_screening_rule(leader, t, ScreeningRule::returnee_jan2020())?;
    /// let travel = TravelHistory {
    ///     stays: vec![Stay::new("420100".parse()?, "2020-01-02".parse()?, "2020-01-20".parse()?)?],
    ///     transits: vec![],
    ///     returned_home: Some("2020-01-21".parse()?),
    /// };
    /// let interview = Interview::new(travel, true, ReportedSymptoms::default())?;
    /// reg.record_interview(li, t, wang, None, interview)?;
    /// let interviews = reg.interviews_of(wang);
    /// assert_eq!((interviews.len(), interviews[0].by), (1, li));
    /// assert!(interviews[0].outcome.key_person().is_some());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn interviews_of(&self, resident: ResidentId) -> &[InterviewRecord] {
        self.state
            .screening
            .interviews
            .get(&resident)
            .map_or(&[], |v| &v[..])
    }

    /// The key people (重点人员): residents whose latest interview made them one (or found them
    /// symptomatic after a matching stay), by resident.
    ///
    /// ```
    /// use fangkong::screening::{
    ///     Interview, ReportedSymptoms, RiskLevel, ScreeningRule, Stay, TravelHistory,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, li, wang, .. } = doc_fixture()?;
    /// reg.designate_risk_area(leader, t, "420100".parse()?, RiskLevel::HIGH, "2020-01-08".parse()?, "NHC notice")?;
    /// reg.adopt_screening_rule(leader, t, ScreeningRule::returnee_jan2020())?;
    /// let travel = TravelHistory {
    ///     stays: vec![Stay::new("420100".parse()?, "2020-01-02".parse()?, "2020-01-20".parse()?)?],
    ///     transits: vec![],
    ///     returned_home: Some("2020-01-21".parse()?),
    /// };
    /// let interview = Interview::new(travel, true, ReportedSymptoms::default())?;
    /// reg.record_interview(li, t, wang, None, interview)?;
    /// let key = reg.key_people();
    /// assert_eq!(key[0].0, wang);
    /// assert_eq!(key[0].1.protocol, "returnee-jan2020");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    ///
    /// ```
    /// use fangkong::screening::{
    ///     Interview, ReportedSymptoms, RiskLevel, ScreeningRule, Stay, TravelHistory,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, li, home, wang, .. } = doc_fixture()?;
    /// reg.designate_risk_area(leader, t, "420100".parse()?, RiskLevel::HIGH, "2020-01-08".parse()?, "NHC notice")?;
    /// reg.adopt_screening_rule(leader, t, ScreeningRule::returnee_jan2020())?;
    /// let travel = TravelHistory {
    ///     stays: vec![Stay::new("420100".parse()?, "2020-01-02".parse()?, "2020-01-20".parse()?)?],
    ///     transits: vec![],
    ///     returned_home: Some("2020-01-21".parse()?),
    /// };
    /// let mut symptoms = ReportedSymptoms::default();
    /// symptoms.cold_or_fever = true;
    /// symptoms.note = "fever since yesterday, 38.2".into();
    /// let interview = Interview::new(travel, true, symptoms)?;
    /// let screened = reg.record_interview(li, t, wang, None, interview)?;
    /// assert_eq!(screened.observation, None); // referred, not observed at home
    /// assert_eq!(reg.to_refer()[0].resident, wang);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn to_refer(&self) -> Vec<&InterviewRecord> {
        self.state
            .screening
            .interviews
            .values()
            .filter_map(|list| list.last())
            .filter(|i| {
                matches!(
                    i.outcome,
                    crate::screening::ScreeningOutcome::Symptomatic { .. }
                )
            })
            .collect()
    }

    /// The coverage of a screening round (村不漏组、组不漏户): for each village or community of
    /// the round, the groups with households nobody visited and the households not screened;
    /// and the households to follow up — those whose last visit was a refusal, and those never
    /// screened with at least `repeated_absences` visits with nobody home
    /// ([`DEFAULT_REPEATED_ABSENCES`](crate::screening::DEFAULT_REPEATED_ABSENCES) is 2).
    ///
    /// ```
    /// use fangkong::screening::{DEFAULT_REPEATED_ABSENCES, VisitResult};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, group_1, li, home, .. } = doc_fixture()?;
    /// let round = reg.open_screening_round(leader, t, "Carpet screening", vec![qianjin], day)?;
    /// let home_2 = reg.register_household(li, t, group_1, "Qianjin 1-02")?;
    /// reg.record_visit(li, t, round, home, VisitResult::Screened)?;
    /// let coverage = reg.round_coverage(round, DEFAULT_REPEATED_ABSENCES)?;
    /// assert_eq!((coverage.households, coverage.screened), (2, 1));
    /// assert_eq!(coverage.villages[0].not_screened, vec![home_2]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ScreeningError::UnknownRound`](crate::screening::ScreeningError::UnknownRound).
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
                let visits = r.visits.get(h).map_or(&[][..], |v| &v[..]);
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
