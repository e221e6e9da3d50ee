//! Observation through the registry (DOMAIN.md §4): opened by screening or by the health
//! centre, followed up by grid workers, decided by health workers, proven by the ledger.

use fangkong::observation::ObservationError;
use fangkong::observation::{AlertClearance, Method, OpeningBasis, Reading, Reporter, Status};
use fangkong::observation::{ObservationId, ObservationUpdate};
use fangkong::screening::{Interview, ReportedSymptoms, ScreeningRule, Stay, TravelHistory};
use fangkong::{Error, Instant, Registry, UtcOffset};

use crate::common::*;

fn local(day_: &str, time: &str) -> Instant {
    Instant::at(day(day_), time.parse().unwrap(), UtcOffset::CHINA)
}

/// Given the head of household screened on 2020-01-24 as a key person with day 0 2020-01-20
/// (returnee-jan2020: last day under observation 2020-02-03, release from 2020-02-04).
fn under_observation() -> (Given, ObservationId) {
    let mut g = given();
    wuhan_high_and_the_january_rule(&mut g);
    let travel = TravelHistory {
        stays: vec![Stay::new(wuhan(), day("2020-01-02"), day("2020-01-20")).unwrap()],
        transits: vec![],
        returned_home: Some(day("2020-01-21")),
    };
    let interview = Interview::new(travel, true, ReportedSymptoms::default()).unwrap();
    let receipt = g
        .reg
        .execute(
            g.worker_qianjin_1,
            local("2020-01-24", "10:00"),
            ScreeningCommand::RecordInterview {
                resident: g.head,
                round: None,
                interview,
            },
        )
        .unwrap();
    // The interview and the opening are two entries of one command
    assert_eq!(receipt.last_seq, receipt.first_seq + 1);
    let obs = g
        .reg
        .open_observation_of(g.head, day("2020-01-24"))
        .expect("opened by screening");
    (g, obs)
}

fn reading(at: Instant, tenths: i32) -> ObservationUpdate {
    ObservationUpdate::RecordReading(Reading {
        at,
        temperature: fangkong::observation::Temperature::from_tenths(tenths).unwrap(),
        method: Method::Armpit,
        by: Reporter::SelfReported,
    })
}

/// Twice-daily readings from the opening through `last`, recorded by the grid worker.
fn report_until(g: &mut Given, obs: ObservationId, last: &str) {
    let mut d = day("2020-01-24");
    while d <= day(last) {
        // 10:30 rather than 07:30: on the opening day the interview was at 10:00.
        for time in ["10:30", "19:30"] {
            let at = Instant::at(d, time.parse().unwrap(), UtcOffset::CHINA);
            g.reg
                .update_observation(g.worker_qianjin_1, at, obs, reading(at, 365))
                .unwrap();
        }
        d = d.plus_days(1).unwrap();
    }
}

fn release(override_reason: Option<&str>) -> ObservationUpdate {
    ObservationUpdate::Release {
        override_reason: override_reason.map(str::to_owned),
    }
}

#[test]
fn screening_opens_the_observation_with_the_rules_day_0_and_protocol() {
    let (g, obs) = under_observation();
    let rec = g.reg.observation(obs).unwrap();
    assert_eq!(rec.resident, g.head);
    assert_eq!(rec.observation.day0(), day("2020-01-20"));
    assert_eq!(rec.observation.protocol().key, "returnee-jan2020");
    assert_eq!(rec.observation.last_day(), day("2020-02-03"));
    assert_eq!(rec.observation.earliest_release(), day("2020-02-04"));
    assert!(matches!(
        rec.observation.basis(),
        OpeningBasis::Screening { .. }
    ));
}

#[test]
fn release_is_refused_on_day_14_and_allowed_on_day_15() {
    let (mut g, obs) = under_observation();
    report_until(&mut g, obs, "2020-02-03");
    let before = g.reg.clone();
    // Day 14 (2020-02-03): refused, with the rule's reason, and nothing changes
    let err = g
        .reg
        .update_observation(
            g.health_worker,
            local("2020-02-03", "20:00"),
            obs,
            release(None),
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Observation(ObservationError::ReleaseRefused { .. })
        ),
        "{err}"
    );
    assert!(err.to_string().contains("release from 2020-02-04"), "{err}");
    assert!(g.reg.state_eq(&before));
    // Day 15 (2020-02-04): released
    g.reg
        .update_observation(
            g.health_worker,
            local("2020-02-04", "09:00"),
            obs,
            release(None),
        )
        .unwrap();
    assert!(matches!(
        g.reg
            .observation(obs)
            .unwrap()
            .observation
            .status_on(day("2020-02-04")),
        Status::Released {
            overridden: false,
            ..
        }
    ));
    assert_eq!(
        g.reg.observation_counts(day("2020-02-04")).released_all(),
        1
    );
    assert_eq!(Registry::replay(g.reg.ledger()).unwrap(), g.reg);
}

#[test]
fn only_health_workers_release_and_grid_workers_record_readings() {
    let (mut g, obs) = under_observation();
    let err = g
        .reg
        .update_observation(
            g.worker_qianjin_1,
            local("2020-02-04", "09:00"),
            obs,
            release(None),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "grid worker Li Hua (S2) may not record a medical decision: only health workers may"
    );
    // A grid worker of another village may not even record a reading
    let at = local("2020-02-04", "09:30");
    let err = g
        .reg
        .update_observation(g.worker_baiyun_1, at, obs, reading(at, 365))
        .unwrap_err();
    assert!(matches!(err, Error::OutsideAssignedUnits { .. }), "{err}");
    assert_eq!(g.reg.refusals().unwrap().len(), 2);
}

#[test]
fn a_fever_raises_an_alert_that_blocks_release_until_a_health_worker_clears_it() {
    let (mut g, obs) = under_observation();
    report_until(&mut g, obs, "2020-02-02");
    // A fever on day 14
    for (time, tenths) in [("07:30", 365), ("19:30", 376)] {
        let at = local("2020-02-03", time);
        g.reg
            .update_observation(g.worker_qianjin_1, at, obs, reading(at, tenths))
            .unwrap();
    }
    let o = &g.reg.observation(obs).unwrap().observation;
    assert_eq!(o.open_alerts().count(), 1);
    let number = o.alerts()[0].number;
    // Blocked on day 15
    let err = g
        .reg
        .update_observation(
            g.health_worker,
            local("2020-02-04", "09:00"),
            obs,
            release(None),
        )
        .unwrap_err();
    assert!(err.to_string().contains("alert"), "{err}");
    let review = g.reg.release_review(day("2020-02-04"));
    assert_eq!(review.len(), 1);
    assert_eq!(review[0].key, obs);
    assert!(!review[0].decision.is_release());
    // Cleared with a reason (the re-measurement was at 08:00; it is recorded at 09:05), then
    // released
    g.reg
        .update_observation(
            g.health_worker,
            local("2020-02-04", "09:05"),
            obs,
            ObservationUpdate::ClearAlert(AlertClearance {
                number,
                at: local("2020-02-04", "08:00"),
                reason: "re-measured 36.6 ℃ under the arm; had been carrying firewood".into(),
            }),
        )
        .unwrap();
    g.reg
        .update_observation(
            g.health_worker,
            local("2020-02-04", "09:10"),
            obs,
            release(None),
        )
        .unwrap();
}

#[test]
fn an_override_is_recorded_with_its_written_reason() {
    let (mut g, obs) = under_observation();
    report_until(&mut g, obs, "2020-02-01");
    let reason = "ordered by the county headquarters to release early (文件 2020-12)";
    g.reg
        .update_observation(
            g.health_worker,
            local("2020-02-02", "09:00"),
            obs,
            release(Some(reason)),
        )
        .unwrap();
    let o = &g.reg.observation(obs).unwrap().observation;
    assert_eq!(
        o.release_record().unwrap().override_reason.as_deref(),
        Some(reason)
    );
    assert!(matches!(
        o.status_on(day("2020-02-02")),
        Status::Released {
            overridden: true,
            ..
        }
    ));
    // And the ledger's last entry carries it
    let last = g
        .reg
        .ledger()
        .entries()
        .last()
        .unwrap()
        .record_bytes()
        .unwrap()
        .to_owned();
    assert!(last.contains("county headquarters"), "{last}");
}

#[test]
fn the_health_centre_opens_a_close_contacts_observation_once() {
    let mut g = given();
    let t = local("2020-02-10", "10:00");
    let open = ObservationCommand::OpenObservation {
        resident: g.spouse,
        protocol: "close-contact-ed2-6".into(),
        day0: day("2020-02-08"),
        basis: OpeningBasis::CloseContact {
            note: "shared a meal with a confirmed case".into(),
        },
    };
    // Not by a cadre
    let err = g.reg.execute(g.cadre_qianjin, t, open.clone()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cadre Chen Gang (S4) may not record a medical decision: only health workers may"
    );
    g.reg.execute(g.health_worker, t, open.clone()).unwrap();
    let err = g.reg.execute(g.health_worker, t, open).unwrap_err();
    assert_eq!(
        err.to_string(),
        "resident R2 is already under observation (OB1); record a new exposure on it instead"
    );
    // An unknown protocol is named
    let err = g
        .reg
        .execute(
            g.health_worker,
            t,
            ObservationCommand::OpenObservation {
                resident: g.head,
                protocol: "fourteen-days".into(),
                day0: day("2020-02-08"),
                basis: OpeningBasis::Other { note: "x".into() },
            },
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("there is no observation protocol \"fourteen-days\""),
        "{err}"
    );
}

#[test]
fn a_missed_check_puts_the_observation_on_its_grid_workers_non_reporting_list() {
    let (mut g, obs) = under_observation();
    report_until(&mut g, obs, "2020-01-26");
    // On the 27th only the morning reading comes in
    let at = local("2020-01-27", "07:30");
    g.reg
        .update_observation(g.worker_qianjin_1, at, obs, reading(at, 364))
        .unwrap();
    let lists = g
        .reg
        .non_reporting(day("2020-01-27"), local("2020-01-27", "23:30"));
    assert_eq!(lists.len(), 1);
    assert_eq!(lists[0].worker, Some(g.worker_qianjin_1));
    assert_eq!(lists[0].items[0].key, obs);
    // Before the evening window closes nothing is late yet
    assert!(
        g.reg
            .non_reporting(day("2020-01-27"), local("2020-01-27", "18:00"))
            .is_empty()
    );
}

#[test]
fn a_new_exposure_found_by_a_later_interview_restarts_day_0() {
    let (mut g, obs) = under_observation();
    let travel = TravelHistory {
        stays: vec![Stay::new(wuhan(), day("2020-01-25"), day("2020-01-26")).unwrap()],
        transits: vec![],
        returned_home: Some(day("2020-01-27")),
    };
    let interview = Interview::new(travel, true, ReportedSymptoms::default()).unwrap();
    g.reg
        .execute(
            g.worker_qianjin_1,
            local("2020-01-28", "10:00"),
            ScreeningCommand::RecordInterview {
                resident: g.head,
                round: None,
                interview,
            },
        )
        .unwrap();
    let o = &g.reg.observation(obs).unwrap().observation;
    assert_eq!(o.day0(), day("2020-01-26"));
    assert_eq!(o.earliest_release(), day("2020-02-10"));
    assert_eq!(o.restarts().len(), 1);
    assert_eq!(o.restarts()[0].previous_day0, day("2020-01-20"));
    assert_eq!(g.reg.observations().count(), 1);
}

#[test]
fn dates_after_the_command_or_before_the_opening_are_refused() {
    let (mut g, obs) = under_observation();
    // A reading dated before the observation was opened
    let early = local("2020-01-23", "19:30");
    let err = g
        .reg
        .update_observation(
            g.worker_qianjin_1,
            local("2020-01-24", "11:00"),
            obs,
            reading(early, 365),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a reading dated 2020-01-23 is before the observation was opened on 2020-01-24"
    );
    // A referral dated after the moment it is recorded
    let err = g
        .reg
        .update_observation(
            g.health_worker,
            local("2020-01-25", "09:00"),
            obs,
            ObservationUpdate::Refer(fangkong::observation::Referral {
                at: local("2021-01-25", "09:00"),
                hospital: "Shaoyang Central Hospital".into(),
            }),
        )
        .unwrap_err();
    assert!(matches!(err, Error::InFuture { .. }), "{err}");
}

#[test]
fn a_resident_under_observation_cannot_be_deregistered_until_it_is_closed() {
    let (mut g, obs) = under_observation();
    let deregister = GridCommand::DeregisterResident {
        resident: g.head,
        reason: fangkong::DeregistrationReason::MovedAway,
    };
    let err = g
        .reg
        .execute(
            g.worker_qianjin_1,
            local("2020-01-26", "09:00"),
            deregister.clone(),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "resident R1 is under observation (OB1): a health worker must end, transfer or release it first"
    );
    let at = local("2020-01-26", "09:00");
    g.reg
        .update_observation(
            g.health_worker,
            at,
            obs,
            ObservationUpdate::TransferOut(fangkong::observation::Transfer {
                at,
                to: "Changsha".into(),
            }),
        )
        .unwrap();
    g.reg
        .execute(g.worker_qianjin_1, local("2020-01-26", "10:00"), deregister)
        .unwrap();
}

#[test]
fn a_new_exposure_during_follow_on_monitoring_opens_a_new_observation() {
    // Given a close contact under plan ed. 9 (7 days centralized + 3 days home monitoring),
    // released on day 8 after negative tests on days 1, 2, 3, 5, 7 and twice-daily readings
    let mut g = given();
    let hw = g.health_worker;
    g.reg
        .execute(
            hw,
            local("2022-07-01", "09:00"),
            ObservationCommand::OpenObservation {
                resident: g.spouse,
                protocol: "close-contact-ed9".into(),
                day0: day("2022-06-30"),
                basis: OpeningBasis::CloseContact {
                    note: "same bus as a case".into(),
                },
            },
        )
        .unwrap();
    let obs = ObservationId::new(1);
    let mut d = day("2022-07-01");
    while d <= day("2022-07-07") {
        for time in ["09:30", "19:30"] {
            let at = Instant::at(d, time.parse().unwrap(), UtcOffset::CHINA);
            g.reg
                .update_observation(hw, at, obs, reading(at, 364))
                .unwrap();
        }
        d = d.plus_days(1).unwrap();
    }
    for n in [1, 2, 3, 5, 7] {
        let sampled = day("2022-06-30").plus_days(n).unwrap();
        let at = Instant::at(sampled, "20:00".parse().unwrap(), UtcOffset::CHINA);
        // The results came in on their days; they are recorded together on 2022-07-07.
        let recorded = local("2022-07-07", "20:00").plus_seconds(60 * n);
        g.reg
            .update_observation(
                hw,
                recorded,
                obs,
                ObservationUpdate::RecordTestResult(fangkong::observation::TestResult {
                    sampled,
                    result: fangkong::observation::TestOutcome::Negative,
                    at,
                }),
            )
            .unwrap();
    }
    g.reg
        .update_observation(hw, local("2022-07-08", "09:00"), obs, release(None))
        .unwrap();
    assert!(matches!(
        g.reg
            .observation(obs)
            .unwrap()
            .observation
            .status_on(day("2022-07-09")),
        Status::FollowOnMonitoring { .. }
    ));
    // When the health centre reports a new contact on day 9, a new observation opens
    g.reg
        .execute(
            hw,
            local("2022-07-09", "15:00"),
            ObservationCommand::OpenObservation {
                resident: g.spouse,
                protocol: "close-contact-ed9".into(),
                day0: day("2022-07-09"),
                basis: OpeningBasis::CloseContact {
                    note: "visited by a case".into(),
                },
            },
        )
        .unwrap();
    assert_eq!(
        g.reg.open_observation_of(g.spouse, day("2022-07-09")),
        Some(ObservationId::new(2))
    );
}

#[test]
fn own_protocols_may_not_take_a_presets_key_and_rules_must_name_known_protocols() {
    let mut g = given();
    let mut p = fangkong::observation::Protocol::returnee_jan2020();
    let err = g
        .reg
        .execute(
            g.health_worker,
            at(T0),
            ObservationCommand::AdoptProtocol {
                protocol: p.clone(),
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"returnee-jan2020\" is the key of a preset protocol; give your own protocol another key"
    );
    let mut rule = ScreeningRule::returnee_jan2020();
    rule.observations[0].protocol = "returnee-21d".into();
    let err = g
        .reg
        .execute(
            g.secretary,
            at(T0),
            ScreeningCommand::AdoptScreeningRule { rule: rule.clone() },
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("there is no observation protocol \"returnee-21d\""),
        "{err}"
    );
    // Once adopted under its own key, the rule can name it
    p.key = "returnee-21d".into();
    p.length_days = 21;
    g.reg
        .execute(
            g.health_worker,
            at(T0),
            ObservationCommand::AdoptProtocol { protocol: p },
        )
        .unwrap();
    g.reg
        .execute(
            g.secretary,
            at(T0),
            ScreeningCommand::AdoptScreeningRule { rule },
        )
        .unwrap();
}
