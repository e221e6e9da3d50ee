//! Scenarios across the observation module: given a record, when something happens, then
//! what the rules say.

use std::num::NonZeroU32;

use proptest::prelude::*;

use super::*;
use crate::calendar::{Day, Instant, TimeOfDay, UtcOffset};
use crate::test_support::day;

const CN: UtcOffset = UtcOffset::CHINA;

#[track_caller]
fn at(d: Day, hm: &str) -> Instant {
    Instant::at(d, hm.parse().unwrap(), CN)
}

#[track_caller]
fn open(protocol: Protocol, day0: &str, opened: &str) -> Observation {
    Observation::open(Opening {
        protocol,
        day0: day(day0),
        at: opened.parse().unwrap(),
        offset: CN,
        basis: OpeningBasis::CloseContact {
            note: "reported by the township health centre".into(),
        },
    })
    .unwrap()
}

fn reading(when: Instant, t: &str) -> Reading {
    Reading {
        at: when,
        temperature: t.parse().unwrap(),
        method: Method::Armpit,
        by: Reporter::SelfReported,
    }
}

#[track_caller]
fn record_reading(obs: &mut Observation, when: Instant, t: &str) {
    let r = reading(when, t);
    obs.check_reading(&r, when).unwrap();
    obs.apply_reading(r);
}

#[track_caller]
fn record_test(obs: &mut Observation, sampled: Day, result: TestOutcome) {
    let t = TestResult {
        sampled,
        result,
        at: at(sampled, "20:00"),
    };
    obs.check_test_result(&t).unwrap();
    obs.apply_test_result(t);
}

/// Given an observation, every check slot from day 1 through `through` is done on time at
/// 36.5 ℃, and every test the protocol asks for up to `through` is sampled and negative.
fn comply(obs: &mut Observation, through: Day) {
    let day0 = obs.day0();
    let mut d = day0.plus_days(1).unwrap();
    let slots = obs.protocol().slots.clone();
    while d <= through {
        for s in &slots {
            record_reading(obs, Instant::at(d, s.start, CN), "36.5");
        }
        d = d.next().unwrap();
    }
    let mut test_days: Vec<Day> = obs.test_days().into_iter().map(|(d, _)| d).collect();
    for req in obs.protocol().release.tests.clone() {
        if let TestRequirement::NegativeOnOrAfter(k) = req {
            test_days.push(day0.plus_days(i64::from(k)).unwrap());
        }
    }
    for t in test_days.into_iter().filter(|t| *t <= through) {
        record_test(obs, t, TestOutcome::Negative);
    }
}

// ----- per preset: refused on day N, released on day N + 1, follow-on after -----

#[test]
fn every_preset_refuses_release_on_day_n_and_allows_it_on_day_n_plus_1() {
    for protocol in Protocol::presets() {
        let key = protocol.key.clone();
        let n = i64::from(protocol.length_days);
        let m = i64::from(protocol.follow_on.map_or(0, |f| f.days));
        // Given: exposure on 2022-07-01, opened the same evening, every check and test done.
        let mut obs = open(protocol, "2022-07-01", "2022-07-01T20:00:00+08:00");
        let last = day("2022-07-01").plus_days(n).unwrap();
        comply(&mut obs, last);

        // When the health worker tries on day N: then not yet.
        let decision = evaluate_release(&obs, last);
        assert_eq!(
            decision,
            ReleaseDecision::NotYet {
                earliest: last.next().unwrap(),
                reasons: vec![Reason::PeriodNotOver {
                    day: last,
                    day_number: n,
                    length: n,
                    earliest: last.next().unwrap(),
                }]
            },
            "{key}"
        );
        let err = obs.release(at(last, "23:59"), None).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "release on {last} is refused: day {n} of {n} is still under observation; \
                 release from {}. A health worker may override this with a written reason",
                last.next().unwrap()
            ),
            "{key}"
        );

        // On day N + 1: release, recorded without override.
        let release_day = last.next().unwrap();
        assert!(evaluate_release(&obs, release_day).is_release(), "{key}");
        let release = obs.release(at(release_day, "00:00"), None).unwrap();
        assert_eq!(release.override_reason, None);
        assert_eq!(release.on, release_day);
        obs.apply_release(release);

        // Then follow-on monitoring through day N + M, released after.
        let end = last.plus_days(m).unwrap();
        if m > 0 {
            assert_eq!(
                obs.status_on(release_day),
                Status::FollowOnMonitoring { until: end },
                "{key}"
            );
            assert_eq!(
                obs.status_on(end),
                Status::FollowOnMonitoring { until: end }
            );
            assert_eq!(
                obs.checks_on(end, at(end, "23:59")).len(),
                obs.protocol().slots.len()
            );
        }
        let after = end.next().unwrap();
        assert_eq!(
            obs.status_on(after),
            Status::Released {
                on: release_day,
                overridden: false
            },
            "{key}"
        );
        assert!(obs.checks_on(after, at(after, "23:59")).is_empty(), "{key}");
    }
}

// ----- fever threshold and escalation -----

#[test]
fn given_exactly_37_3_then_only_an_at_or_above_protocol_raises_an_alert() {
    let d1 = day("2020-01-21");
    let mut above = open(
        Protocol::returnee_jan2020(),
        "2020-01-20",
        "2020-01-20T18:00:00+08:00",
    );
    record_reading(&mut above, at(d1, "07:00"), "37.3");
    assert_eq!(above.alerts(), []);

    let mut strict = Protocol::returnee_jan2020();
    strict.fever.comparison = Comparison::AtOrAbove;
    let mut at_or_above = open(strict, "2020-01-20", "2020-01-20T18:00:00+08:00");
    record_reading(&mut at_or_above, at(d1, "07:00"), "37.3");
    assert_eq!(at_or_above.alerts().len(), 1);
    assert_eq!(
        at_or_above.alerts()[0].causes[0].to_string(),
        "a reading of 37.3 ℃, at or above 37.3 ℃"
    );
}

#[test]
fn an_open_alert_blocks_release_until_a_health_worker_clears_it_with_a_reason() {
    // Given a complete record and a fever on day 3.
    let mut obs = open(
        Protocol::returnee_jan2020(),
        "2020-01-20",
        "2020-01-20T18:00:00+08:00",
    );
    comply(&mut obs, day("2020-02-03"));
    record_reading(&mut obs, at(day("2020-01-23"), "13:30"), "37.8");
    // A second fever reading joins the open alert instead of raising another.
    record_reading(&mut obs, at(day("2020-01-23"), "14:00"), "37.6");
    assert_eq!(obs.alerts().len(), 1);
    assert_eq!(obs.alerts()[0].causes.len(), 2);

    // Then release on day 15 is blocked, with the reason.
    let release_day = day("2020-02-04");
    let decision = evaluate_release(&obs, release_day);
    assert_eq!(
        decision.to_string(),
        "blocked: alert 1, raised at 2020-01-23T13:30:00+08:00 (a reading of 37.8 ℃, above 37.3 ℃), \
         is still open: refer the person to a designated hospital or have a health worker clear it \
         with a reason"
    );
    assert!(obs.release(at(release_day, "09:00"), None).is_err());

    // When cleared without a reason: refused. With one: release is allowed.
    let blank = AlertClearance {
        number: 1,
        at: at(release_day, "08:00"),
        reason: "  ".into(),
    };
    assert_eq!(
        obs.check_clearance(&blank).unwrap_err().to_string(),
        "the reason for clearing alert 1 is required and was left empty"
    );
    let clearance = AlertClearance {
        reason: "re-measured 36.7 ℃ after rest; had been carrying water".into(),
        ..blank
    };
    obs.check_clearance(&clearance).unwrap();
    obs.apply_clearance(clearance.clone());
    assert_eq!(
        obs.check_clearance(&clearance).unwrap_err().to_string(),
        "alert 1 is already resolved"
    );
    assert_eq!(
        obs.check_clearance(&AlertClearance {
            number: 7,
            ..clearance
        })
        .unwrap_err()
        .to_string(),
        "there is no alert 7 on this observation"
    );
    assert!(evaluate_release(&obs, release_day).is_release());
}

#[test]
fn a_referral_symptom_raises_an_alert_and_referral_closes_the_observation() {
    let mut obs = open(
        Protocol::close_contact_ed2_6(),
        "2020-02-01",
        "2020-02-01T18:00:00+08:00",
    );
    let when = at(day("2020-02-05"), "10:00");
    let report = SymptomReport {
        at: when,
        symptoms: vec![Symptom::DryCough, Symptom::Fatigue],
        by: Reporter::HealthWorker,
        note: String::new(),
    };
    obs.check_symptoms(&report, when).unwrap();
    obs.apply_symptoms(report);
    assert_eq!(
        obs.alerts()[0].causes[0].to_string(),
        "reported dry cough, fatigue"
    );

    let referral = Referral {
        at: at(day("2020-02-05"), "11:00"),
        hospital: "Shuangqing District People's Hospital".into(),
    };
    obs.check_referral(&referral).unwrap();
    obs.apply_referral(referral);
    assert!(obs.alerts().iter().all(|a| !a.is_open()));
    let status = obs.status_on(day("2020-02-05"));
    assert_eq!(
        status.to_string(),
        "referred to Shuangqing District People's Hospital on 2020-02-05"
    );
    // Nothing more is recorded on a closed observation.
    let later = at(day("2020-02-06"), "07:00");
    assert_eq!(
        obs.check_reading(&reading(later, "36.5"), later)
            .unwrap_err()
            .to_string(),
        "this observation is closed (referred to Shuangqing District People's Hospital on 2020-02-05): \
         nothing more can be recorded on it"
    );
}

#[test]
fn another_symptom_needs_a_note_and_no_symptoms_is_a_valid_report() {
    let obs = open(
        Protocol::close_contact_ed2_6(),
        "2020-02-01",
        "2020-02-01T18:00:00+08:00",
    );
    let when = at(day("2020-02-02"), "10:00");
    let mut report = SymptomReport {
        at: when,
        symptoms: vec![Symptom::Other],
        by: Reporter::SelfReported,
        note: String::new(),
    };
    assert_eq!(
        obs.check_symptoms(&report, when).unwrap_err().to_string(),
        "a note describing the other symptom is required and was left empty"
    );
    report.symptoms.clear();
    obs.check_symptoms(&report, when).unwrap();
}

// ----- overrides -----

#[test]
fn an_override_releases_against_the_rules_and_is_recorded_with_its_reason() {
    let mut obs = open(
        Protocol::returnee_jan2020(),
        "2020-01-20",
        "2020-01-20T18:00:00+08:00",
    );
    comply(&mut obs, day("2020-01-30"));
    let when = at(day("2020-01-31"), "10:00");
    // A blank reason is not an override.
    assert_eq!(
        obs.release(when, Some(" ")).unwrap_err().to_string(),
        "the written reason for overriding the release rules is required and was left empty"
    );
    let release = obs
        .release(
            when,
            Some("index case re-tested negative twice; county CDC approved"),
        )
        .unwrap();
    assert_eq!(
        release.override_reason.as_deref(),
        Some("index case re-tested negative twice; county CDC approved")
    );
    assert_eq!(
        release.decision.to_string(),
        "not yet: day 11 of 14 is still under observation; release from 2020-02-04"
    );
    obs.apply_release(release);
    assert_eq!(
        obs.status_on(day("2020-01-31")).to_string(),
        "released on 2020-01-31 by override"
    );
    // And it cannot be released twice.
    assert_eq!(
        obs.release(at(day("2020-02-04"), "10:00"), None)
            .unwrap_err()
            .to_string(),
        "this observation is closed (released on 2020-01-31 by override): nothing more can be recorded on it"
    );
}

#[test]
fn an_override_is_refused_when_the_rules_already_allow_release() {
    let mut obs = open(
        Protocol::returnee_jan2020(),
        "2020-01-20",
        "2020-01-20T18:00:00+08:00",
    );
    comply(&mut obs, day("2020-02-03"));
    assert_eq!(
        obs.release(at(day("2020-02-04"), "09:00"), Some("just in case"))
            .unwrap_err()
            .to_string(),
        "the rules allow release on 2020-02-04: release without an override"
    );
}

// ----- missed checks and tests -----

#[test]
fn missed_checks_beyond_the_tolerance_block_release_and_are_listed() {
    let mut protocol = Protocol::returnee_jan2020();
    let mut obs = open(protocol.clone(), "2020-01-20", "2020-01-20T18:00:00+08:00");
    // Days 1–14 done except day 5 evening and day 9 morning.
    let mut d = day("2020-01-21");
    while d <= day("2020-02-03") {
        if d != day("2020-01-25") {
            record_reading(&mut obs, at(d, "19:00"), "36.4");
        }
        if d != day("2020-01-29") {
            record_reading(&mut obs, at(d, "08:00"), "36.4");
        }
        d = d.next().unwrap();
    }
    assert_eq!(
        evaluate_release(&obs, day("2020-02-04")).to_string(),
        "blocked: 2 checks were missed, more than the 0 the protocol tolerates: \
         2020-01-25 evening, 2020-01-29 morning"
    );
    // Under a protocol tolerating 2, the same record is released, saying what was missed.
    protocol.release.max_missed_checks = 2;
    let mut tolerant = Observation::from_opening(Opening {
        protocol,
        day0: obs.day0(),
        at: obs.opened_at(),
        offset: CN,
        basis: obs.basis().clone(),
    });
    for r in obs.readings() {
        tolerant.apply_reading(*r);
    }
    assert_eq!(
        evaluate_release(&tolerant, day("2020-02-04")).to_string(),
        "release: the 14-day observation period ended on 2020-02-03 (day 14); no alert is open; \
         2 checks were missed, within the 2 the protocol tolerates: 2020-01-25 evening, 2020-01-29 morning"
    );
}

#[test]
fn a_required_test_missing_pending_or_positive_blocks_release() {
    // ed. 9 medium risk: tests on days 1, 4, 7.
    let mut obs = open(
        Protocol::ed9_medium_home_7d(),
        "2022-08-01",
        "2022-08-01T20:00:00+08:00",
    );
    let last = day("2022-08-08");
    let mut d = day("2022-08-02");
    while d <= last {
        for s in obs.protocol().slots.clone() {
            record_reading(&mut obs, Instant::at(d, s.start, CN), "36.5");
        }
        d = d.next().unwrap();
    }
    record_test(&mut obs, day("2022-08-02"), TestOutcome::Negative);
    record_test(&mut obs, day("2022-08-08"), TestOutcome::Pending);
    // Day 4 was missed as soon as day 5 comes, well before the period ends.
    assert_eq!(
        evaluate_release(&obs, day("2022-08-06")).to_string(),
        "blocked: day 5 of 7 is still under observation; release from 2022-08-09; \
         no test was sampled on day 4 (2022-08-05), as the protocol requires"
    );
    assert_eq!(
        evaluate_release(&obs, day("2022-08-09")).to_string(),
        "blocked: no test was sampled on day 4 (2022-08-05), as the protocol requires; \
         the test sampled on day 7 (2022-08-08) has no result yet"
    );
    // The day-7 result comes back positive: it replaces the pending test and raises an alert.
    record_test(&mut obs, day("2022-08-08"), TestOutcome::Positive);
    assert_eq!(obs.tests().len(), 2);
    assert_eq!(
        evaluate_release(&obs, day("2022-08-09")).to_string(),
        "blocked: alert 1, raised at 2022-08-08T20:00:00+08:00 (a positive test sampled on 2022-08-08), \
         is still open: refer the person to a designated hospital or have a health worker clear it \
         with a reason; no test was sampled on day 4 (2022-08-05), as the protocol requires; \
         the test sampled on day 7 (2022-08-08) is positive"
    );
}

#[test]
fn cdc_option_2_needs_a_negative_test_from_day_5() {
    let mut obs = open(
        Protocol::cdc_dec2020_option2(),
        "2020-12-01",
        "2020-12-01T20:00:00+08:00",
    );
    let release_day = day("2020-12-09");
    let mut d = day("2020-12-02");
    while d < release_day {
        record_reading(&mut obs, at(d, "09:00"), "36.5");
        d = d.next().unwrap();
    }
    // A negative on day 4 does not count.
    record_test(&mut obs, day("2020-12-05"), TestOutcome::Negative);
    assert_eq!(
        evaluate_release(&obs, release_day).to_string(),
        "blocked: no negative test was sampled on day 5 (2020-12-06) or later"
    );
    record_test(&mut obs, day("2020-12-06"), TestOutcome::Negative);
    assert_eq!(
        evaluate_release(&obs, release_day).to_string(),
        "release: the 7-day observation period ended on 2020-12-08 (day 7); no alert is open; \
         no check was missed; a negative test was sampled on day 5 (2020-12-06), on or after day 5"
    );
}

#[test]
fn low_risk_travellers_need_two_negative_tests_on_different_days_within_3_days() {
    let mut obs = open(
        Protocol::ed9_low_2_tests_3d(),
        "2022-08-01",
        "2022-08-01T20:00:00+08:00",
    );
    for d in ["2022-08-02", "2022-08-03", "2022-08-04"] {
        record_reading(&mut obs, at(day(d), "09:00"), "36.5");
    }
    record_test(&mut obs, day("2022-08-02"), TestOutcome::Negative);
    record_test(&mut obs, day("2022-08-02"), TestOutcome::Negative);
    assert_eq!(
        evaluate_release(&obs, day("2022-08-05")).to_string(),
        "blocked: 1 of the 2 negative tests required on different days within days 1–3 \
         (through 2022-08-04) were recorded"
    );
    record_test(&mut obs, day("2022-08-03"), TestOutcome::Negative);
    assert!(evaluate_release(&obs, day("2022-08-05")).is_release());
}

// ----- period changes and new exposures -----

#[test]
fn a_new_exposure_restarts_day_0_and_keeps_the_history() {
    let mut obs = open(
        Protocol::close_contact_ed2_6(),
        "2020-02-01",
        "2020-02-01T18:00:00+08:00",
    );
    let when = at(day("2020-02-06"), "10:00");
    assert_eq!(
        obs.exposure_restart(day("2020-02-01"), "again", when)
            .unwrap_err()
            .to_string(),
        "a new exposure on 2020-02-01 is not later than the current day 0, 2020-02-01: \
         only a later exposure restarts the period"
    );
    assert_eq!(
        obs.exposure_restart(day("2020-02-07"), "visited", when)
            .unwrap_err()
            .to_string(),
        "the exposure on 2020-02-07 is after today, 2020-02-06: day 0 is a day that has already happened"
    );
    let restart = obs
        .exposure_restart(
            day("2020-02-05"),
            "dined with the index case's brother",
            when,
        )
        .unwrap();
    obs.apply_exposure_restart(restart);
    assert_eq!(obs.day0(), day("2020-02-05"));
    assert_eq!(obs.last_day(), day("2020-02-19"));
    assert_eq!(obs.earliest_release(), day("2020-02-20"));
    assert_eq!(obs.restarts()[0].previous_day0, day("2020-02-01"));
    assert_eq!(obs.restarts()[0].previous_last_day, day("2020-02-15"));
    // The old release day no longer releases.
    assert!(matches!(
        evaluate_release(&obs, day("2020-02-16")),
        ReleaseDecision::Blocked { .. } | ReleaseDecision::NotYet { .. }
    ));
    // Checks were expected all along, from day 1 of the first period.
    assert_eq!(obs.checks_on(day("2020-02-02"), when).len(), 2);
}

#[test]
fn extending_and_shortening_the_period_keeps_each_previous_end_and_reason() {
    let mut obs = open(
        Protocol::close_contact_ed8(),
        "2021-06-01",
        "2021-06-01T18:00:00+08:00",
    );
    let when = at(day("2021-06-05"), "10:00");
    let extend = obs
        .period_change(
            day("2021-06-22"),
            "a household member tested positive",
            when,
        )
        .unwrap();
    obs.apply_period_change(extend);
    let shorten = obs
        .period_change(day("2021-06-08"), "policy moved to 7 days", when)
        .unwrap();
    obs.apply_period_change(shorten);
    let history: Vec<(String, String, &str)> = obs
        .period_changes()
        .iter()
        .map(|c| {
            (
                c.previous_last_day.to_string(),
                c.new_last_day.to_string(),
                c.reason.as_str(),
            )
        })
        .collect();
    assert_eq!(
        history,
        [
            (
                "2021-06-15".into(),
                "2021-06-22".into(),
                "a household member tested positive"
            ),
            (
                "2021-06-22".into(),
                "2021-06-08".into(),
                "policy moved to 7 days"
            ),
        ]
    );
    assert_eq!(obs.earliest_release(), day("2021-06-09"));
    // The shortened period drops the day-14 test; follow-on tests follow the new last day.
    let tests: Vec<String> = obs.test_days().iter().map(|(d, _)| d.to_string()).collect();
    assert_eq!(
        tests,
        [
            "2021-06-02",
            "2021-06-05",
            "2021-06-08",
            "2021-06-10",
            "2021-06-15"
        ]
    );
    assert_eq!(
        obs.period_change(day("2021-06-08"), "same", when)
            .unwrap_err()
            .to_string(),
        "the last day under observation is already 2021-06-08: there is nothing to change"
    );
    assert_eq!(
        obs.period_change(day("2021-06-01"), "zero", when)
            .unwrap_err()
            .to_string(),
        "the last day under observation must come after the exposure on 2021-06-01 (day 0); \
         2021-06-01 does not"
    );
    assert_eq!(
        obs.period_change(day("2021-06-09"), "", when)
            .unwrap_err()
            .to_string(),
        "the reason for changing the period is required and was left empty"
    );
}

// ----- follow-up over the lifecycle -----

#[test]
fn on_the_opening_day_only_slots_still_open_are_expected() {
    // Opened at 12:00: the morning slot (06:00–12:00) is still expected, at 12:01 it is not.
    let noon = open(
        Protocol::returnee_jan2020(),
        "2020-01-20",
        "2020-01-21T12:00:00+08:00",
    );
    let d = day("2020-01-21");
    assert_eq!(noon.checks_on(d, at(d, "23:59")).len(), 2);
    let later = open(
        Protocol::returnee_jan2020(),
        "2020-01-20",
        "2020-01-21T12:01:00+08:00",
    );
    let checks = later.checks_on(d, at(d, "23:59"));
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].slot.name, "evening");
    // Day 0 and earlier days have no slots.
    assert!(noon.checks_on(day("2020-01-20"), at(d, "23:59")).is_empty());
}

#[test]
fn the_non_reporting_list_and_the_review_list() {
    let d = day("2020-02-04");
    let mut done = open(
        Protocol::returnee_jan2020(),
        "2020-01-20",
        "2020-01-20T18:00:00+08:00",
    );
    comply(&mut done, day("2020-02-04"));
    let mut silent = open(
        Protocol::returnee_jan2020(),
        "2020-01-21",
        "2020-01-21T18:00:00+08:00",
    );
    comply(&mut silent, day("2020-02-03"));
    let fresh = open(
        Protocol::returnee_jan2020(),
        "2020-02-01",
        "2020-02-01T18:00:00+08:00",
    );

    // At 12:30 on 2020-02-04, "silent" and "fresh" have not reported this morning.
    let list = non_reporting(
        [("zhang", &done), ("li", &silent), ("wang", &fresh)],
        d,
        at(d, "12:30"),
    );
    let keys: Vec<&str> = list.iter().map(|n| n.key).collect();
    assert_eq!(keys, ["li", "wang"]);
    assert_eq!(list[0].checks[0].status, SlotStatus::Overdue);

    // Review on 2020-02-04: only "done" has reached its release day.
    let review = due_for_review([("zhang", &done), ("li", &silent), ("wang", &fresh)], d);
    assert_eq!(review.len(), 1);
    assert_eq!(review[0].key, "zhang");
    assert!(review[0].decision.is_release());
    // On 2020-02-05 "li" is due as well, blocked by this morning's missing check.
    let review = due_for_review(
        [("zhang", &done), ("li", &silent), ("wang", &fresh)],
        day("2020-02-05"),
    );
    assert_eq!(review.len(), 2);
    assert_eq!(
        review[1].decision.to_string(),
        "blocked: 2 checks were missed, more than the 0 the protocol tolerates: \
         2020-02-04 morning, 2020-02-04 evening"
    );
}

#[test]
fn a_transfer_out_ends_the_slots_and_readings() {
    let mut obs = open(
        Protocol::returnee_jan2020(),
        "2020-01-20",
        "2020-01-20T18:00:00+08:00",
    );
    let d = day("2020-01-25");
    record_reading(&mut obs, at(d, "08:00"), "36.5");
    let transfer = Transfer {
        at: at(d, "14:00"),
        to: "Xinzhou district, Wuhan".into(),
    };
    obs.check_transfer(&transfer).unwrap();
    obs.apply_transfer(transfer);
    // The morning check stays; the evening one is not expected.
    let checks = obs.checks_on(d, at(d, "23:59"));
    assert_eq!(checks.len(), 1);
    assert!(obs.checks_on(day("2020-01-26"), at(d, "23:59")).is_empty());
    assert_eq!(
        evaluate_release(&obs, day("2020-02-04")).to_string(),
        "blocked: the person is no longer under observation: transferred out to Xinzhou district, Wuhan on 2020-01-25"
    );
}

#[test]
fn checks_refuse_what_cannot_be_true() {
    let obs = open(
        Protocol::returnee_jan2020(),
        "2020-01-20",
        "2020-01-20T18:00:00+08:00",
    );
    let now = at(day("2020-01-25"), "08:00");
    let future = reading(at(day("2020-01-25"), "09:00"), "36.5");
    assert_eq!(
        obs.check_reading(&future, now).unwrap_err().to_string(),
        "a reading is dated 2020-01-25T09:00:00+08:00, after the time it is recorded \
         (2020-01-25T08:00:00+08:00): check the date and time"
    );
    let test = TestResult {
        sampled: day("2020-01-26"),
        result: TestOutcome::Pending,
        at: now,
    };
    assert_eq!(
        obs.check_test_result(&test).unwrap_err().to_string(),
        "a test sampled on 2020-01-26 is after today, 2020-01-25: check the sampling day"
    );
    let empty = SupplyHandout {
        at: now,
        items: vec![],
        store: None,
    };
    assert_eq!(
        obs.check_handout(&empty, now).unwrap_err().to_string(),
        "a supply handout must list at least one item"
    );
    let opening = Opening {
        protocol: Protocol::returnee_jan2020(),
        day0: day("2020-01-26"),
        at: now,
        offset: CN,
        basis: OpeningBasis::Screening {
            rule: "wuhan".into(),
        },
    };
    assert_eq!(
        Observation::open(opening).unwrap_err().to_string(),
        "the exposure on 2020-01-26 is after today, 2020-01-25: day 0 is a day that has already happened"
    );
}

// ----- serde -----

#[test]
fn every_type_round_trips_through_serde() {
    #[track_caller]
    fn round<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
        v: T,
    ) {
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), v, "{json}");
    }
    let mut obs = open(
        Protocol::close_contact_ed9(),
        "2022-07-01",
        "2022-07-01T20:00:00+08:00",
    );
    comply(&mut obs, day("2022-07-08"));
    record_reading(&mut obs, at(day("2022-07-03"), "13:00"), "38.1");
    let when = at(day("2022-07-04"), "09:00");
    let visit = HomeVisit {
        at: when,
        note: "checked thermometer use".into(),
    };
    obs.check_visit(&visit, when).unwrap();
    obs.apply_visit(visit.clone());
    let handout = SupplyHandout {
        at: when,
        items: vec![
            SupplyItem {
                supply: Supply::Masks,
                quantity: NonZeroU32::new(20).unwrap(),
            },
            SupplyItem {
                supply: Supply::Thermometer,
                quantity: NonZeroU32::MIN,
            },
        ],
        store: None,
    };
    obs.check_handout(&handout, when).unwrap();
    obs.apply_handout(handout.clone());
    let clearance = AlertClearance {
        number: 1,
        at: when,
        reason: "re-measured 36.9 ℃".into(),
    };
    obs.apply_clearance(clearance.clone());
    let change = obs
        .period_change(day("2022-07-09"), "awaiting a result", when)
        .unwrap();
    obs.apply_period_change(change.clone());
    let restart = obs
        .exposure_restart(day("2022-07-02"), "shared a lift", when)
        .unwrap();
    obs.apply_exposure_restart(restart.clone());
    let release = obs
        .release(at(day("2022-07-04"), "10:00"), Some("county order"))
        .unwrap();
    round(release.decision.clone());
    obs.apply_release(release.clone());
    // An observation serializes (for export) but never deserializes: it is rebuilt from events.
    assert!(serde_json::to_string(&obs).is_ok());
    round(release);
    round(visit);
    round(handout);
    round(clearance);
    round(change);
    round(restart);
    round(obs.alerts()[0].clone());
    round(Referral {
        at: when,
        hospital: "designated hospital".into(),
    });
    round(Ending {
        at: when,
        reason: EndReason::Other("moved abroad".into()),
    });
    for r in [
        EndReason::IndexCaseRuledOut,
        EndReason::Died,
        EndReason::LostToFollowUp,
    ] {
        round(Closure::Ended(Ending {
            at: when,
            reason: r,
        }));
    }
    round(Closure::TransferredOut(Transfer {
        at: when,
        to: "Wuhan".into(),
    }));
    round(AlertResolution::Referred {
        at: when,
        hospital: "h".into(),
    });
    round(OpeningBasis::Other { note: "n".into() });
    round(Status::FollowOnMonitoring {
        until: day("2022-07-11"),
    });
    round(Status::Ended {
        on: day("2022-07-11"),
        reason: EndReason::Died,
    });
    round(Review {
        key: 7u32,
        earliest_release: day("2022-07-09"),
        decision: evaluate_release(&obs, day("2022-07-09")),
    });
    round(NonReporting {
        key: "k".to_string(),
        checks: obs.checks_on(day("2022-07-02"), when),
    });
    round(Reason::TooManyMissedChecks {
        missed: vec![MissedCheck {
            day: day("2022-07-02"),
            slot: "morning".into(),
        }],
        tolerance: 0,
    });
    round(Reason::TooFewNegativeTests {
        required: 2,
        found: 1,
        through_day: 3,
        through: day("2022-07-04"),
    });
    round(TestRequirement::NegativesWithin {
        count: 2,
        through: 3,
    });
    for s in Symptom::REFERRAL {
        round(s);
    }
    round(ObservationPlace::DesignatedHotel);
    round(Comparison::AtOrAbove);
}

// ----- the invariant -----

#[derive(Debug, Clone)]
enum Step {
    Reading { day: i64, minute: u32, tenths: i32 },
    Test { day: i64, outcome: u8 },
    Clear { number: u32 },
    Extend { days: i64 },
    Restart { day: i64 },
    TryRelease { day: i64, minute: u32 },
    Override { day: i64 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (-2i64..25, 0u32..1440, 340i32..=400).prop_map(|(day, minute, tenths)| Step::Reading { day, minute, tenths }),
        2 => (-2i64..25, 0u8..3).prop_map(|(day, outcome)| Step::Test { day, outcome }),
        1 => (1u32..4).prop_map(|number| Step::Clear { number }),
        1 => (-10i64..10).prop_map(|days| Step::Extend { days }),
        1 => (0i64..20).prop_map(|day| Step::Restart { day }),
        3 => (-2i64..30, 0u32..1440).prop_map(|(day, minute)| Step::TryRelease { day, minute }),
        1 => (-2i64..30).prop_map(|day| Step::Override { day }),
    ]
}

proptest! {
    /// Over random readings, tests, clearances, period changes, restarts and release attempts,
    /// no observation is ever released before its earliest release day without a recorded
    /// override, and evaluation never says release before that day.
    #[test]
    fn never_released_before_the_earliest_release_day_without_an_override(
        preset in 0usize..11,
        lenient in any::<bool>(),
        steps in proptest::collection::vec(step(), 0..80),
    ) {
        let mut protocol = Protocol::presets().swap_remove(preset);
        if lenient {
            // Only the calendar and alerts stand between the record and release.
            protocol.release.max_missed_checks = u16::MAX;
            protocol.release.tests.clear();
        }
        let day0 = day("2022-07-01");
        let n = i64::from(protocol.length_days);
        let mut obs = open(protocol, "2022-07-01", "2022-07-01T20:00:00+08:00");
        let on = |d: i64| day0.plus_days(d).unwrap();
        // The test's own model of the last day under observation, kept independently of the
        // record: day 0 + N, moved only by accepted period changes and restarts.
        let mut model_last = day0.plus_days(n).unwrap();
        let instant = |d: i64, minute: u32| {
            Instant::at(on(d), TimeOfDay::from_hm(minute / 60, minute % 60).unwrap(), CN)
        };
        for s in steps {
            match s {
                Step::Reading { day, minute, tenths } => {
                    let when = instant(day, minute);
                    let r = Reading {
                        at: when,
                        temperature: Temperature::from_tenths(tenths).unwrap(),
                        method: Method::Forehead,
                        by: Reporter::HealthWorker,
                    };
                    if obs.check_reading(&r, when).is_ok() {
                        obs.apply_reading(r);
                    }
                }
                Step::Test { day, outcome } => {
                    let result = [TestOutcome::Negative, TestOutcome::Positive, TestOutcome::Pending][usize::from(outcome)];
                    let t = TestResult { sampled: on(day), result, at: instant(day, 1200) };
                    if obs.check_test_result(&t).is_ok() {
                        obs.apply_test_result(t);
                    }
                }
                Step::Clear { number } => {
                    let c = AlertClearance { number, at: instant(20, 0), reason: "checked".into() };
                    if obs.check_clearance(&c).is_ok() {
                        obs.apply_clearance(c);
                    }
                }
                Step::Extend { days } => {
                    let new_last = obs.last_day().plus_days(days).unwrap();
                    if let Ok(c) = obs.period_change(new_last, "changed", instant(1, 600)) {
                        model_last = new_last;
                        obs.apply_period_change(c);
                    }
                }
                Step::Restart { day } => {
                    if let Ok(r) = obs.exposure_restart(on(day), "exposed", instant(day, 1439)) {
                        model_last = on(day).plus_days(n).unwrap();
                        obs.apply_exposure_restart(r);
                    }
                }
                Step::TryRelease { day, minute } => {
                    let d = on(day);
                    let decision = evaluate_release(&obs, d);
                    let earliest = model_last.plus_days(1).unwrap();
                    prop_assert_eq!(obs.earliest_release(), earliest);
                    if decision.is_release() {
                        prop_assert!(d >= earliest, "{decision} on {d}");
                    }
                    if let Ok(release) = obs.release(instant(day, minute), None) {
                        prop_assert!(release.on >= earliest);
                        prop_assert!(release.override_reason.is_none());
                        obs.apply_release(release);
                    }
                }
                Step::Override { day } => {
                    let earliest = model_last.plus_days(1).unwrap();
                    if let Ok(release) = obs.release(instant(day, 720), Some("county order")) {
                        prop_assert!(!release.decision.is_release());
                        prop_assert_eq!(release.override_reason.as_deref(), Some("county order"));
                        prop_assert!(release.on >= earliest || !release.decision.is_release());
                        obs.apply_release(release);
                    }
                }
            }
        }
        if let Some(r) = obs.release_record() {
            prop_assert!(r.override_reason.is_some() || r.on > model_last);
        }
    }
}
