//! Screening through the registry: risk areas, the rule in force, rounds, visits, interviews,
//! coverage and key people (DOMAIN.md §3).

use fangkong::Error;
use fangkong::place::DivisionCode;
use fangkong::screening::ScreeningError;
use fangkong::screening::{
    DayZeroBasis, FollowUp, FollowUpReason, Interview, ReportedSymptoms, RiskLevel, RoundId,
    ScreeningOutcome, Stay, TravelHistory, VisitResult,
};

use crate::common::*;

/// Given the township of `common`, with Wuhan designated high from 2020-01-08, the January
/// 2020 returnee rule adopted, and a round over both villages opened on 2020-01-24.
fn screening() -> (Given, RoundId) {
    let mut g = given();
    let t = at(T0);
    wuhan_high_and_the_january_rule(&mut g);
    g.reg
        .execute(
            g.secretary,
            t,
            ScreeningCommand::OpenScreeningRound {
                name: "Carpet screening".into(),
                units: vec![g.qianjin, g.baiyun],
                opens: day("2020-01-24"),
            },
        )
        .unwrap();
    (g, RoundId::new(1))
}

fn left_wuhan_on_20_home_on_21() -> Interview {
    let travel = TravelHistory {
        stays: vec![Stay::new(wuhan(), day("2020-01-02"), day("2020-01-20")).unwrap()],
        transits: vec![],
        returned_home: Some(day("2020-01-21")),
    };
    Interview::new(travel, true, ReportedSymptoms::default()).unwrap()
}

#[test]
fn a_returnee_who_left_wuhan_on_the_20th_is_a_key_person_with_day_0_the_20th() {
    // Given the January 2020 rule and Wuhan at high risk
    let (mut g, round) = screening();
    // When the grid worker interviews a resident who left Wuhan on 2020-01-20, home on the 21st
    g.reg
        .execute(
            g.worker_qianjin_1,
            at("2020-01-24T10:00:00+08:00"),
            ScreeningCommand::RecordInterview {
                resident: g.head,
                round: Some(round),
                interview: left_wuhan_on_20_home_on_21(),
            },
        )
        .unwrap();
    // Then she is a key person, day 0 is the last day in Wuhan, and the explanation says so
    let key = g.reg.key_people();
    assert_eq!(key.len(), 1);
    let (who, k) = key[0];
    assert_eq!(who, g.head);
    assert_eq!(k.day0, day("2020-01-20"));
    assert_eq!(k.day0_basis, DayZeroBasis::LastDayInArea);
    assert_eq!(k.protocol, "returnee-jan2020");
    let record = &g.reg.interviews_of(g.head)[0];
    assert_eq!(record.by, g.worker_qianjin_1);
    assert_eq!(record.on, day("2020-01-24"));
    let text = record.outcome.explain();
    assert!(text.contains("2020-01-20"), "{text}");
    assert!(text.contains("day 0"), "{text}");
    assert!(text.contains("last day in the area"), "{text}");
}

#[test]
fn symptoms_at_the_interview_mean_referral_at_once() {
    let (mut g, round) = screening();
    let travel = left_wuhan_on_20_home_on_21().travel().clone();
    let interview = Interview::new(
        travel,
        true,
        ReportedSymptoms {
            cold_or_fever: true,
            note: "fever since yesterday".into(),
        },
    )
    .unwrap();
    g.reg
        .execute(
            g.worker_qianjin_1,
            at("2020-01-24T10:00:00+08:00"),
            ScreeningCommand::RecordInterview {
                resident: g.head,
                round: Some(round),
                interview,
            },
        )
        .unwrap();
    assert!(matches!(
        g.reg.interviews_of(g.head)[0].outcome,
        ScreeningOutcome::Symptomatic { .. }
    ));
}

#[test]
fn an_interview_before_any_rule_is_adopted_is_refused() {
    let mut g = given();
    let err = g
        .reg
        .execute(
            g.worker_qianjin_1,
            at(T0),
            ScreeningCommand::RecordInterview {
                resident: g.head,
                round: None,
                interview: left_wuhan_on_20_home_on_21(),
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no screening rule has been adopted yet, so the interview cannot be judged: a leader must adopt one first"
    );
}

#[test]
fn a_grid_worker_may_not_open_rounds_or_designate_areas() {
    let mut g = given();
    let err = g
        .reg
        .execute(
            g.worker_qianjin_1,
            at(T0),
            ScreeningCommand::DesignateRiskArea {
                area: wuhan(),
                level: RiskLevel::HIGH,
                from: day("2020-01-08"),
                basis: "rumour".into(),
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "grid worker Li Hua (S2) may not designate or lift risk areas: only leaders may"
    );
}

#[test]
fn a_lifted_designation_stops_matching_from_its_lift_day_through_the_registry() {
    let (mut g, round) = screening();
    let id = g.reg.risk_register().designations()[0].id;
    g.reg
        .execute(
            g.secretary,
            at(T0),
            ScreeningCommand::LiftRiskArea {
                designation: id,
                on: day("2020-01-20"),
            },
        )
        .unwrap();
    // The stay's last day, the 20th, is the lift day: no longer in force; the 19th still was.
    g.reg
        .execute(
            g.worker_qianjin_1,
            at("2020-01-24T10:00:00+08:00"),
            ScreeningCommand::RecordInterview {
                resident: g.head,
                round: Some(round),
                interview: left_wuhan_on_20_home_on_21(),
            },
        )
        .unwrap();
    let (_, k) = g.reg.key_people()[0];
    assert_eq!(k.day0, day("2020-01-19"));
    assert_eq!(k.day0_basis, DayZeroBasis::LastDayAtRisk);
}

#[test]
fn coverage_lists_exactly_the_unvisited_groups_and_households() {
    // Given the round over Qianjin and Baiyun, and households in three of the four groups
    let (mut g, round) = screening();
    let t = at("2020-01-24T10:00:00+08:00");
    let s = g.secretary;
    let q1b = g
        .reg
        .register_household(s, t, g.qianjin_1, "Qianjin 1-02")
        .unwrap();
    let q2a = g
        .reg
        .register_household(s, t, g.qianjin_2, "Qianjin 2-01")
        .unwrap();
    let q2b = g
        .reg
        .register_household(s, t, g.qianjin_2, "Qianjin 2-02")
        .unwrap();
    let b1a = g
        .reg
        .register_household(s, t, g.baiyun_1, "Baiyun 1-01")
        .unwrap();
    let b1b = g
        .reg
        .register_household(s, t, g.baiyun_1, "Baiyun 1-02")
        .unwrap();
    let b1c = g
        .reg
        .register_household(s, t, g.baiyun_1, "Baiyun 1-03")
        .unwrap();
    let visit = |g: &mut Given, who, h, result, when: &str| {
        g.reg
            .execute(
                who,
                at(when),
                ScreeningCommand::RecordVisit {
                    round,
                    household: h,
                    result,
                },
            )
            .unwrap();
    };
    // When Qianjin 1 is fully screened, Qianjin 2 half visited (nobody home at q2a, twice),
    // and in Baiyun 1 one household refuses, one is screened, one is not visited
    let (wq, wb, cq, home) = (
        g.worker_qianjin_1,
        g.worker_baiyun_1,
        g.cadre_qianjin,
        g.home,
    );
    visit(
        &mut g,
        wq,
        home,
        VisitResult::Screened,
        "2020-01-24T10:00:00+08:00",
    );
    visit(
        &mut g,
        wq,
        q1b,
        VisitResult::NobodyHome,
        "2020-01-24T10:30:00+08:00",
    );
    visit(
        &mut g,
        cq,
        q2a,
        VisitResult::NobodyHome,
        "2020-01-24T11:00:00+08:00",
    );
    visit(
        &mut g,
        wb,
        b1a,
        VisitResult::Refused,
        "2020-01-24T11:00:00+08:00",
    );
    visit(
        &mut g,
        wb,
        b1b,
        VisitResult::Screened,
        "2020-01-24T11:20:00+08:00",
    );
    // The next day (the ledger's instants never decrease)
    visit(
        &mut g,
        wq,
        q1b,
        VisitResult::Screened,
        "2020-01-25T18:30:00+08:00",
    );
    visit(
        &mut g,
        cq,
        q2a,
        VisitResult::NobodyHome,
        "2020-01-25T19:00:00+08:00",
    );
    let c = g
        .reg
        .round_coverage(round, fangkong::screening::DEFAULT_REPEATED_ABSENCES)
        .unwrap();
    // Then
    assert_eq!((c.households, c.screened), (7, 3));
    assert!(!c.complete());
    assert_eq!(c.villages.len(), 2);
    let qianjin = &c.villages[0];
    assert_eq!(qianjin.village, g.qianjin);
    assert_eq!(qianjin.unvisited, vec![(g.qianjin_2, vec![q2b])]);
    assert_eq!(qianjin.not_screened, vec![q2a, q2b]);
    let baiyun = &c.villages[1];
    assert_eq!(baiyun.unvisited, vec![(g.baiyun_1, vec![b1c])]);
    assert_eq!(baiyun.not_screened, vec![b1a, b1c]);
    let follow_up: Vec<_> = c
        .follow_up
        .iter()
        .map(|f: &FollowUp| (f.household, f.reason))
        .collect();
    assert_eq!(
        follow_up,
        vec![
            (q2a, FollowUpReason::RepeatedlyAbsent { visits: 2 }),
            (
                b1a,
                FollowUpReason::Refused {
                    on: day("2020-01-24")
                }
            ),
        ]
    );
    // With a threshold of 3 absences, q2a is not yet on the follow-up list
    let c3 = g.reg.round_coverage(round, 3).unwrap();
    assert_eq!(c3.follow_up.len(), 1);
    // And the visit record keeps who visited and when
    let visits = &g.reg.round(round).unwrap().visits[&q1b];
    assert_eq!(visits.len(), 2);
    assert_eq!(visits[1].by, g.worker_qianjin_1);
    assert_eq!(visits[1].day, day("2020-01-25"));
}

#[test]
fn visits_are_refused_outside_the_round_its_days_or_the_visitors_units() {
    let mut g = given();
    let t = at(T0);
    g.reg
        .execute(
            g.secretary,
            t,
            ScreeningCommand::OpenScreeningRound {
                name: "Qianjin only".into(),
                units: vec![g.qianjin],
                opens: day("2020-01-25"),
            },
        )
        .unwrap();
    let round = RoundId::new(1);
    let b = g
        .reg
        .register_household(g.secretary, t, g.baiyun_1, "Baiyun 1-01")
        .unwrap();
    // Before the round opens
    let err = g
        .reg
        .execute(
            g.worker_qianjin_1,
            at("2020-01-24T23:59:00+08:00"),
            ScreeningCommand::RecordVisit {
                round,
                household: g.home,
                result: VisitResult::Screened,
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "screening round SR1 opens on 2020-01-25; nothing can be recorded in it on 2020-01-24"
    );
    // A household the round does not cover
    let err = g
        .reg
        .execute(
            g.worker_baiyun_1,
            at("2020-01-25T09:00:00+08:00"),
            ScreeningCommand::RecordVisit {
                round,
                household: b,
                result: VisitResult::Screened,
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "household H2 is in Baiyun group 1 (U6), which screening round SR1 does not cover"
    );
    // After the round closed
    g.reg
        .execute(
            g.secretary,
            at("2020-01-26T20:00:00+08:00"),
            ScreeningCommand::CloseScreeningRound {
                round,
                closes: day("2020-01-26"),
            },
        )
        .unwrap();
    // On the closing day itself it is still open
    g.reg
        .execute(
            g.worker_qianjin_1,
            at("2020-01-26T21:00:00+08:00"),
            ScreeningCommand::RecordVisit {
                round,
                household: g.home,
                result: VisitResult::Screened,
            },
        )
        .unwrap();
    // The day after, it is closed
    let err = g
        .reg
        .execute(
            g.worker_qianjin_1,
            at("2020-01-27T08:00:00+08:00"),
            ScreeningCommand::RecordVisit {
                round,
                household: g.home,
                result: VisitResult::Screened,
            },
        )
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Screening(ScreeningError::RoundClosed { .. })
    ));
}

#[test]
fn an_interview_with_travel_after_its_day_is_refused() {
    let (mut g, round) = screening();
    let travel = TravelHistory {
        stays: vec![Stay::new(wuhan(), day("2020-01-02"), day("2020-01-20")).unwrap()],
        transits: vec![],
        returned_home: Some(day("2020-01-25")),
    };
    let interview = Interview::new(travel, true, ReportedSymptoms::default()).unwrap();
    let err = g
        .reg
        .execute(
            g.worker_qianjin_1,
            at("2020-01-24T10:00:00+08:00"),
            ScreeningCommand::RecordInterview {
                resident: g.head,
                round: Some(round),
                interview,
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the interview gives 2020-01-25 as a day of travel or return, but the interview is on 2020-01-24: check the dates"
    );
}

#[test]
fn a_symptomatic_returnee_is_on_the_referral_list_not_under_home_observation() {
    let (mut g, round) = screening();
    let travel = left_wuhan_on_20_home_on_21().travel().clone();
    let interview = Interview::new(
        travel,
        true,
        ReportedSymptoms {
            cold_or_fever: true,
            note: "38.2 at home".into(),
        },
    )
    .unwrap();
    g.reg
        .execute(
            g.worker_qianjin_1,
            at("2020-01-24T10:00:00+08:00"),
            ScreeningCommand::RecordInterview {
                resident: g.head,
                round: Some(round),
                interview,
            },
        )
        .unwrap();
    let refer = g.reg.to_refer();
    assert_eq!(refer.len(), 1);
    assert_eq!(refer[0].resident, g.head);
    assert!(
        g.reg
            .open_observation_of(g.head, day("2020-01-24"))
            .is_none()
    );
}

#[test]
fn a_round_closes_once_and_not_before_it_opens() {
    let (mut g, round) = screening();
    let err = g
        .reg
        .execute(
            g.secretary,
            at(T0),
            ScreeningCommand::CloseScreeningRound {
                round,
                closes: day("2020-01-23"),
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "screening round SR1 opened on 2020-01-24, so it cannot close on 2020-01-23"
    );
    g.reg
        .execute(
            g.secretary,
            at(T0),
            ScreeningCommand::CloseScreeningRound {
                round,
                closes: day("2020-01-27"),
            },
        )
        .unwrap();
    let err = g
        .reg
        .execute(
            g.secretary,
            at(T0),
            ScreeningCommand::CloseScreeningRound {
                round,
                closes: day("2020-01-28"),
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "screening round SR1 was already closed on 2020-01-27"
    );
}

#[test]
fn a_proposed_downgrade_is_recorded_only_when_a_leader_confirms_it() {
    use fangkong::screening::{DowngradeDays, ProposedChange, RiskProposal};
    let mut g = given();
    let t = at("2022-06-11T09:00:00+08:00");
    let wuchang: DivisionCode = "420106".parse().unwrap();
    g.reg
        .execute(
            g.secretary,
            t,
            ScreeningCommand::DesignateRiskArea {
                area: wuchang,
                level: RiskLevel::HIGH,
                from: day("2022-06-01"),
                basis: "district notice".into(),
            },
        )
        .unwrap();
    let id = g.reg.risk_register().designations()[0].id;
    // The last infection was on 06-03: days 1..=7 are 06-04..=06-10, so on 06-11 ed. 9 proposes
    // high → medium; nothing is recorded until confirmed
    let proposal = RiskProposal::ed9_downgrade(
        g.reg.risk_register(),
        id,
        Some(day("2022-06-03")),
        day("2022-06-11"),
        &DowngradeDays::ed9(),
    )
    .unwrap();
    assert!(
        matches!(proposal.change, ProposedChange::Replace { .. }),
        "{}",
        proposal.explain()
    );
    assert_eq!(g.reg.risk_register().designations().len(), 1);
    // A grid worker cannot confirm it
    assert!(
        g.reg
            .execute(
                g.worker_qianjin_1,
                t,
                ScreeningCommand::ConfirmRiskProposal {
                    proposal: proposal.clone()
                }
            )
            .is_err()
    );
    let receipt = g
        .reg
        .execute(
            g.secretary,
            t,
            ScreeningCommand::ConfirmRiskProposal { proposal },
        )
        .unwrap();
    // Two entries: the lift and the new designation, which names the one it replaces
    assert_eq!(receipt.last_seq - receipt.first_seq, 1);
    let ds = g.reg.risk_register().designations();
    assert_eq!(ds.len(), 2);
    assert_eq!(ds[0].lifted, Some(day("2022-06-11")));
    assert_eq!(ds[1].level, RiskLevel::MEDIUM);
    assert_eq!(ds[1].replaces, Some(id));
    assert_eq!(
        g.reg
            .risk_register()
            .at_risk(wuchang, day("2022-06-10"))
            .unwrap()
            .level,
        RiskLevel::HIGH
    );
    assert_eq!(
        g.reg
            .risk_register()
            .at_risk(wuchang, day("2022-06-11"))
            .unwrap()
            .level,
        RiskLevel::MEDIUM
    );
    assert_eq!(fangkong::Registry::replay(g.reg.ledger()).unwrap(), g.reg);
}
