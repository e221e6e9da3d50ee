//! Cleaning and disinfection (issue 21, first half): sites, schedules of rounds with their
//! history, the staff designated for a site, rounds recorded, and the rounds missed, which a
//! covert inspection finds.
//!
//! Given the small township of `common`, when leaders register sites and set schedules and
//! designated staff record rounds, then the registry computes the rounds each day expects,
//! lists the missed ones with the staff responsible, refuses bad input with a clear error and
//! no change, and replays to an equal registry.

use fangkong::audit::Subject;
use fangkong::disinfection::{
    Amount, AmountUnit, DisinfectionCommand, Frequency, RoundStatus, ScheduleTerms, SiteKind,
    SiteKindDefinition, Task, Window,
};
use fangkong::disinfection::{DisinfectionRoundId, DisinfectionScheduleId, SiteId};
use fangkong::supervision::{ChecklistItem, InspectionMode, InspectionTarget, ItemCheck, Verdict};
use fangkong::supervision::{FindingSource, RecordShows};
use fangkong::{Day, Error, Registry, Role};

use crate::common::{Given, at, day, given};

/// Sites and schedules are set up on the 25th, the day before the rounds begin.
const SET_UP: &str = "2020-01-25T10:00:00+08:00";

#[track_caller]
fn replay_equal(reg: &Registry) {
    let again = Registry::replay(reg.ledger()).expect("the ledger replays");
    assert_eq!(&again, reg);
}

fn window(start: &str, end: &str) -> Window {
    Window::new(start.parse().unwrap(), end.parse().unwrap()).unwrap()
}

fn ml(n: u32) -> Amount {
    Amount::new(n, AmountUnit::Millilitre)
}

fn daily(start: &str, end: &str) -> ScheduleTerms {
    ScheduleTerms::new(
        Frequency::Daily,
        window(start, end),
        "84消毒液1:100",
        ml(500),
    )
}

/// Given Qianjin's rubbish bins, with the grid worker Li Hua designated for them from the
/// 26th.
struct Bins {
    g: Given,
    bins: SiteId,
}

fn bins() -> Bins {
    let mut g = given();
    let t = at(SET_UP);
    let bins = g
        .reg
        .register_site(
            g.secretary,
            t,
            g.qianjin,
            SiteKind::RUBBISH_BIN,
            "前进村垃圾点",
        )
        .unwrap();
    g.reg
        .assign_to_site(g.secretary, t, bins, g.worker_qianjin_1, day("2020-01-26"))
        .unwrap();
    Bins { g, bins }
}

fn schedule(
    b: &mut Bins,
    terms: ScheduleTerms,
    first: &str,
    last: Option<&str>,
) -> DisinfectionScheduleId {
    let secretary = b.g.secretary;
    b.g.reg
        .set_disinfection_schedule(
            secretary,
            at(SET_UP),
            b.bins,
            Task::Disinfection,
            terms,
            (day(first), last.map(day)),
        )
        .unwrap()
}

fn record(b: &mut Bins, when: &str) -> DisinfectionRoundId {
    let li = b.g.worker_qianjin_1;
    b.g.reg
        .record_round(
            li,
            at(when),
            b.bins,
            Task::Disinfection,
            "84消毒液1:100",
            ml(500),
        )
        .unwrap()
}

fn days(first: &str, n: i64) -> Vec<Day> {
    (0..n).map(|k| day(first).plus_days(k).unwrap()).collect()
}

#[test]
fn a_daily_schedule_over_28_days_with_26_rounds_lists_exactly_the_2_missing_days() {
    // Given a daily disinfection from 08:00 to 10:00 on 2020-01-26 ..= 2020-02-22 (28 days),
    let mut b = bins();
    schedule(
        &mut b,
        daily("08:00", "10:00"),
        "2020-01-26",
        Some("2020-02-22"),
    );
    let all = days("2020-01-26", 28);
    assert_eq!(all.last(), Some(&day("2020-02-22")));
    // when Li Hua records a round at 09:00 every day but the 30th and 2020-02-11,
    let skipped = [day("2020-01-30"), day("2020-02-11")];
    for d in all.iter().filter(|d| !skipped.contains(d)) {
        record(&mut b, &format!("{d}T09:00:00+08:00"));
    }
    assert_eq!(b.g.reg.disinfection_rounds().count(), 26);
    // then exactly those two days list a missed round, with Li Hua responsible,
    let mut missed = Vec::new();
    for d in &all {
        missed.extend(b.g.reg.missed_rounds(*d));
    }
    let missed_days: Vec<Day> = missed.iter().map(|m| m.day).collect();
    assert_eq!(missed_days, skipped);
    assert!(
        missed
            .iter()
            .all(|m| m.site == b.bins && m.responsible == vec![b.g.worker_qianjin_1])
    );
    assert_eq!(
        missed[0].to_string(),
        "2020-01-30 SI1 前进村垃圾点 (Qianjin (U2)): disinfection 08:00–10:00 missed; \
         responsible: Li Hua (S2)"
    );
    assert_eq!(
        missed[0].display_zh().to_string(),
        "2020-01-30 SI1 前进村垃圾点（Qianjin (U2)）消毒 08:00–10:00 漏做；责任人：Li Hua (S2)"
    );
    // per unit too: Qianjin's and the township's, not Baiyun's,
    assert_eq!(b.g.reg.missed_rounds_in(b.g.qianjin, skipped[0]).len(), 1);
    assert_eq!(
        b.g.reg
            .missed_rounds_in(b.g.reg.township(), skipped[0])
            .len(),
        1
    );
    assert!(b.g.reg.missed_rounds_in(b.g.baiyun, skipped[0]).is_empty());
    // nothing is expected the day before or after the schedule,
    assert!(b.g.reg.expected_rounds(day("2020-01-25")).is_empty());
    assert!(b.g.reg.expected_rounds(day("2020-02-23")).is_empty());
    // and the 26 others were done on time.
    let done = all
        .iter()
        .flat_map(|d| b.g.reg.rounds_on(*d))
        .filter(|r| r.status == RoundStatus::Done)
        .count();
    assert_eq!(done, 26);
    replay_equal(&b.g.reg);
}

#[test]
fn a_round_at_23_30_local_time_counts_for_that_day_and_one_at_00_10_for_the_next() {
    // Given a daily disinfection from 20:00 to 23:59,
    let mut b = bins();
    schedule(&mut b, daily("20:00", "23:59"), "2020-01-26", None);
    // when Li Hua records a round at 23:30 local time on the 28th (15:30 UTC)
    let late_evening =
        b.g.reg
            .record_round(
                b.g.worker_qianjin_1,
                at("2020-01-28T15:30:00Z"),
                b.bins,
                Task::Disinfection,
                "84消毒液1:100",
                ml(500),
            )
            .unwrap();
    // and another at 00:10 on the 29th,
    let after_midnight = record(&mut b, "2020-01-29T00:10:00+08:00");
    // then the first counts for the 28th, done within its window,
    let round = b.g.reg.disinfection_round(late_evening).unwrap();
    assert_eq!(round.day, day("2020-01-28"));
    let rows = b.g.reg.rounds_on(day("2020-01-28"));
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].status, rows[0].round),
        (RoundStatus::Done, Some(late_evening))
    );
    // and the second for the 29th (before its window opens: done, not late).
    assert_eq!(
        b.g.reg.disinfection_round(after_midnight).unwrap().day,
        day("2020-01-29")
    );
    let rows = b.g.reg.rounds_on(day("2020-01-29"));
    assert_eq!(
        (rows[0].status, rows[0].round),
        (RoundStatus::Done, Some(after_midnight))
    );
    assert!(b.g.reg.missed_rounds(day("2020-01-28")).is_empty());
    replay_equal(&b.g.reg);
}

#[test]
fn twice_daily_rounds_are_matched_to_their_windows() {
    // Given rounds twice a day, 07:00–09:00 and 15:00–17:00,
    let mut b = bins();
    let terms = ScheduleTerms::new(
        Frequency::TwiceDaily {
            second: window("15:00", "17:00"),
        },
        window("07:00", "09:00"),
        "84消毒液1:100",
        ml(500),
    );
    schedule(&mut b, terms, "2020-01-26", None);
    assert_eq!(b.g.reg.expected_rounds(day("2020-01-26")).len(), 2);
    // when both are done on the 26th, one at noon on the 27th, one at 16:00 on the 28th,
    record(&mut b, "2020-01-26T08:00:00+08:00");
    record(&mut b, "2020-01-26T16:30:00+08:00");
    record(&mut b, "2020-01-27T12:00:00+08:00");
    record(&mut b, "2020-01-28T16:00:00+08:00");
    let statuses = |d: &str| -> Vec<RoundStatus> {
        b.g.reg.rounds_on(day(d)).iter().map(|r| r.status).collect()
    };
    // then the 26th is done twice; on the 27th the morning round was late and the afternoon
    // one missed; on the 28th the morning round was missed and the afternoon one done.
    use RoundStatus::{Done, Late, Missed};
    assert_eq!(statuses("2020-01-26"), [Done, Done]);
    assert_eq!(statuses("2020-01-27"), [Late, Missed]);
    assert_eq!(statuses("2020-01-28"), [Missed, Done]);
    assert_eq!(b.g.reg.late_rounds(day("2020-01-27")).len(), 1);
    replay_equal(&b.g.reg);
}

#[test]
fn rounds_every_three_days_are_counted_from_the_first_day() {
    // Given cleaning every 3 days from the 26th,
    let mut b = bins();
    let terms = ScheduleTerms::new(
        Frequency::EveryNDays { days: 3 },
        window("08:00", "10:00"),
        "清水",
        Amount::new(20, AmountUnit::Litre),
    );
    schedule(&mut b, terms, "2020-01-26", None);
    // then rounds are expected on the 26th, 29th and 1st, and not between.
    let expecting: Vec<Day> = days("2020-01-26", 9)
        .into_iter()
        .filter(|d| !b.g.reg.expected_rounds(*d).is_empty())
        .collect();
    assert_eq!(
        expecting,
        [day("2020-01-26"), day("2020-01-29"), day("2020-02-01")]
    );
}

#[test]
fn a_lifted_schedule_expects_rounds_until_the_day_before_the_lift() {
    // Given a daily schedule from the 26th until lifted,
    let mut b = bins();
    let s = schedule(&mut b, daily("08:00", "10:00"), "2020-01-26", None);
    // when the secretary lifts it from the 30th, on the 27th,
    let t = at("2020-01-27T18:00:00+08:00");
    b.g.reg
        .lift_disinfection_schedule(b.g.secretary, t, s, day("2020-01-30"))
        .unwrap();
    // then rounds are expected on 26 ..= 29 and none from the 30th,
    for d in days("2020-01-26", 4) {
        assert_eq!(b.g.reg.expected_rounds(d).len(), 1, "{d}");
    }
    assert!(b.g.reg.expected_rounds(day("2020-01-30")).is_empty());
    let held = b.g.reg.disinfection_schedule(s).unwrap();
    assert_eq!(held.last_day(), Some(day("2020-01-29")));
    // and a second lift is refused.
    let err =
        b.g.reg
            .lift_disinfection_schedule(b.g.secretary, t, s, day("2020-01-31"))
            .unwrap_err();
    assert_eq!(err.code(), "schedule_already_lifted");
    replay_equal(&b.g.reg);
}

#[test]
fn a_changed_schedule_keeps_its_history() {
    // Given a daily schedule 08:00–10:00 from the 26th,
    let mut b = bins();
    let s = schedule(&mut b, daily("08:00", "10:00"), "2020-01-26", None);
    // when on the 27th it is changed, from the 29th, to every 2 days at 14:00–16:00,
    let new_terms = ScheduleTerms::new(
        Frequency::EveryNDays { days: 2 },
        window("14:00", "16:00"),
        "含氯消毒片",
        Amount::new(10, AmountUnit::Gram),
    );
    b.g.reg
        .change_disinfection_schedule(
            b.g.secretary,
            at("2020-01-27T18:00:00+08:00"),
            s,
            day("2020-01-29"),
            new_terms.clone(),
        )
        .unwrap();
    // then both terms are kept, each with its first day,
    let held = b.g.reg.disinfection_schedule(s).unwrap();
    let froms: Vec<Day> = held.versions.iter().map(|v| v.from).collect();
    assert_eq!(froms, [day("2020-01-26"), day("2020-01-29")]);
    assert_eq!(held.versions[0].terms, daily("08:00", "10:00"));
    assert_eq!(held.terms(), Some(&new_terms));
    // the 28th still expects the old window, the 29th the new one, the 30th nothing,
    let windows = |d: &str| -> Vec<Window> {
        b.g.reg
            .expected_rounds(day(d))
            .iter()
            .map(|e| e.window)
            .collect()
    };
    assert_eq!(windows("2020-01-28"), [window("08:00", "10:00")]);
    assert_eq!(windows("2020-01-29"), [window("14:00", "16:00")]);
    assert!(windows("2020-01-30").is_empty());
    assert_eq!(windows("2020-01-31"), [window("14:00", "16:00")]);
    // and a change reaching back before today is refused.
    let err =
        b.g.reg
            .change_disinfection_schedule(
                b.g.secretary,
                at("2020-02-05T09:00:00+08:00"),
                s,
                day("2020-02-03"),
                daily("08:00", "10:00"),
            )
            .unwrap_err();
    assert_eq!(err.code(), "disinfection_change_in_past");
    replay_equal(&b.g.reg);
}

#[test]
fn a_late_round_is_listed_late_and_an_unscheduled_one_is_kept_and_listed() {
    // Given a daily 08:00–10:00 schedule at the bins, and the township office with none,
    let mut b = bins();
    schedule(&mut b, daily("08:00", "10:00"), "2020-01-26", None);
    let office =
        b.g.reg
            .register_site(
                b.g.secretary,
                at(SET_UP),
                b.g.reg.township(),
                SiteKind::OFFICE_BUILDING,
                "乡政府办公楼",
            )
            .unwrap();
    // when Li Hua disinfects the bins at 10:30, and again at 15:00,
    let late = record(&mut b, "2020-01-26T10:30:00+08:00");
    let extra = record(&mut b, "2020-01-26T15:00:00+08:00");
    // and the secretary (a leader over the township) disinfects the office, unscheduled,
    let office_round =
        b.g.reg
            .record_round(
                b.g.secretary,
                at("2020-01-26T16:00:00+08:00"),
                office,
                Task::Disinfection,
                "75%酒精",
                ml(200),
            )
            .unwrap();
    // then the bins' round is late,
    let d = day("2020-01-26");
    let late_rows = b.g.reg.late_rounds(d);
    assert_eq!(late_rows.len(), 1);
    assert_eq!(late_rows[0].round, Some(late));
    assert!(
        late_rows[0].to_string().contains("late by RD1"),
        "{}",
        late_rows[0]
    );
    // and the extra round and the office's are kept and listed as unscheduled, not refused,
    let unscheduled: Vec<DisinfectionRoundId> =
        b.g.reg.unscheduled_rounds(d).iter().map(|r| r.id).collect();
    assert_eq!(unscheduled, [extra, office_round]);
    // and the day's figures count one late round in Qianjin's row.
    let f = b.g.reg.daily_figures_by_unit(d);
    let q = f
        .values()
        .map(|f| (f.rounds_done, f.rounds_late, f.rounds_missed));
    assert_eq!(
        q.fold((0, 0, 0), |a, x| (a.0 + x.0, a.1 + x.1, a.2 + x.2)),
        (0, 1, 0)
    );
    replay_equal(&b.g.reg);
}

#[test]
fn a_covert_inspection_gets_the_missed_round_as_evidence_for_disinfection_done() {
    // Given a daily 08:00–10:00 schedule, done on the 26th and 27th and missed on the 28th,
    let mut b = bins();
    schedule(&mut b, daily("08:00", "10:00"), "2020-01-26", None);
    record(&mut b, "2020-01-26T09:00:00+08:00");
    record(&mut b, "2020-01-27T09:00:00+08:00");
    // when an inspector visits Qianjin covertly at 11:00 on the 29th (before any round),
    let visit = at("2020-01-29T11:00:00+08:00");
    let zhao =
        b.g.reg
            .enroll_staff(b.g.secretary, visit, "Zhao Min", Role::Inspector, None)
            .unwrap();
    let target = InspectionTarget::Unit(b.g.qianjin);
    let proposed = b.g.reg.propose_evidence_at(&target, visit);
    let (_, evidence) = proposed
        .iter()
        .find(|(item, _)| *item == ChecklistItem::DisinfectionDone)
        .expect("disinfection gives evidence for its item")
        .clone();
    // then the evidence counts the round missed on the 28th and the one of the 29th whose
    // window has closed, naming the first and Li Hua,
    assert_eq!(
        evidence.shows,
        RecordShows::DisinfectionRoundsMissed {
            count: 2,
            site: b.bins,
            day: day("2020-01-28"),
            responsible: vec![b.g.worker_qianjin_1],
        }
    );
    assert!(
        evidence.reference.contains("Li Hua (S2)"),
        "{}",
        evidence.reference
    );
    // (by day, only the day before counts: its windows are all closed),
    let by_day = b.g.reg.propose_evidence(&target, day("2020-01-29"));
    let (_, e) = by_day
        .iter()
        .find(|(item, _)| *item == ChecklistItem::DisinfectionDone)
        .unwrap();
    assert!(matches!(
        e.shows,
        RecordShows::DisinfectionRoundsMissed { count: 1, .. }
    ));
    // and the inspector confirms it on the failed item and records a finding from it.
    let inspection =
        b.g.reg
            .record_inspection(
                zhao,
                visit,
                InspectionMode::Covert,
                target,
                visit,
                vec![
                    ItemCheck::failed(ChecklistItem::DisinfectionDone, "垃圾点未按时消毒")
                        .with_review(evidence.clone(), Verdict::Confirmed),
                ],
            )
            .unwrap();
    let finding =
        b.g.reg
            .record_finding(
                zhao,
                visit,
                FindingSource::ChecklistItem {
                    inspection,
                    item: ChecklistItem::DisinfectionDone,
                },
                b.g.worker_qianjin_1,
                day("2020-01-30"),
                "前进村垃圾点1月28日漏消毒",
            )
            .unwrap();
    assert_eq!(
        b.g.reg.finding(finding).unwrap().responsible,
        b.g.worker_qianjin_1
    );
    let held = b.g.reg.inspection(inspection).unwrap();
    assert_eq!(
        held.checklist[0].review.as_ref().unwrap().proposed,
        evidence
    );
    // A confirmation that the item passed disagrees with the records and is refused.
    let err =
        b.g.reg
            .record_inspection(
                zhao,
                visit,
                InspectionMode::Covert,
                target,
                visit,
                vec![
                    ItemCheck::passed(ChecklistItem::DisinfectionDone)
                        .with_review(evidence.clone(), Verdict::Confirmed),
                ],
            )
            .unwrap_err();
    assert_eq!(err.code(), "verdict_disagrees");
    // The inspector may contradict it instead (the round was done, not recorded).
    b.g.reg
        .record_inspection(
            zhao,
            visit,
            InspectionMode::Covert,
            target,
            visit,
            vec![
                ItemCheck::passed(ChecklistItem::DisinfectionDone).with_review(
                    evidence,
                    Verdict::Contradicted {
                        note: "现场有消毒记录本，当日已消毒".into(),
                    },
                ),
            ],
        )
        .unwrap();
    replay_equal(&b.g.reg);
}

/// Runs `f` on the registry and checks it was refused with `code`: the state unchanged, one
/// refusal more in the ledger (it keeps the code), and the registry still replays.
#[track_caller]
fn refused(b: &mut Bins, code: &str, f: impl FnOnce(&mut Given) -> Result<(), Error>) -> Error {
    let before = b.g.reg.clone();
    let refusals = b.g.reg.refusals().unwrap().len();
    let err = f(&mut b.g).expect_err("refused");
    assert_eq!(err.code(), code, "{err}");
    assert!(b.g.reg.state_eq(&before), "{code}: the state changed");
    assert_eq!(b.g.reg.ledger().len(), before.ledger().len() + 1);
    let stored = b.g.reg.refusals().unwrap();
    assert_eq!(stored.len(), refusals + 1);
    match &stored.last().unwrap().body {
        fangkong::Body::Refused(r) => assert_eq!(r.code, code),
        other => panic!("not a refusal: {other:?}"),
    }
    // Every refusal reads in Chinese too.
    assert!(!err.display_zh().to_string().is_empty());
    err
}

#[test]
fn bad_input_is_refused_with_a_clear_error_and_changes_nothing() {
    let mut b = bins();
    let t = at("2020-01-26T09:00:00+08:00");
    let bins_site = b.bins;
    // A round for a site outside the recorder's reach (Baiyun's grid worker at Qianjin),
    let err = refused(&mut b, "outside_assigned_units", |g| {
        g.reg
            .record_round(
                g.worker_baiyun_1,
                t,
                bins_site,
                Task::Disinfection,
                "84",
                ml(500),
            )
            .map(|_| ())
    });
    assert!(err.to_string().contains("Qianjin (U2)"), "{err}");
    // a round by a cadre of the village who is not designated for the site,
    let err = refused(&mut b, "not_designated_for_site", |g| {
        g.reg
            .record_round(
                g.cadre_qianjin,
                t,
                bins_site,
                Task::Disinfection,
                "84",
                ml(500),
            )
            .map(|_| ())
    });
    assert_eq!(
        err.to_string(),
        "Chen Gang (S4) is not designated for site SI1 (前进村垃圾点) today: a round is \
         recorded by the staff assigned to the site, or a leader of its unit"
    );
    // a round of zero millilitres,
    refused(&mut b, "amount_not_positive", |g| {
        g.reg
            .record_round(
                g.worker_qianjin_1,
                t,
                bins_site,
                Task::Disinfection,
                "84",
                ml(0),
            )
            .map(|_| ())
    });
    // a round without its agent,
    refused(&mut b, "text_required", |g| {
        g.reg
            .record_round(
                g.worker_qianjin_1,
                t,
                bins_site,
                Task::Disinfection,
                "  ",
                ml(5),
            )
            .map(|_| ())
    });
    // a round at an unknown site,
    refused(&mut b, "unknown_site", |g| {
        g.reg
            .record_round(
                g.worker_qianjin_1,
                t,
                SiteId::new(99),
                Task::Cleaning,
                "清水",
                ml(5),
            )
            .map(|_| ())
    });
    // a schedule whose window ends before it starts, or crosses midnight,
    for (start, end) in [("10:00", "08:00"), ("22:00", "02:00"), ("08:00", "08:00")] {
        let mut terms = ScheduleTerms::new(Frequency::Daily, window("00:00", "00:01"), "84", ml(5));
        terms.window.start = start.parse().unwrap();
        terms.window.end = end.parse().unwrap();
        let err = refused(&mut b, "window_ends_before_start", |g| {
            g.reg
                .set_disinfection_schedule(
                    g.secretary,
                    t,
                    bins_site,
                    Task::Disinfection,
                    terms,
                    (day("2020-01-27"), None),
                )
                .map(|_| ())
        });
        assert!(err.to_string().contains("cannot cross midnight"), "{err}");
    }
    // twice-daily windows that overlap, an interval of 0 days, an expected amount of zero,
    let cases: [(&str, ScheduleTerms); 3] = [
        (
            "round_windows_overlap",
            ScheduleTerms::new(
                Frequency::TwiceDaily {
                    second: window("09:00", "11:00"),
                },
                window("08:00", "10:00"),
                "84",
                ml(5),
            ),
        ),
        (
            "invalid_round_interval",
            ScheduleTerms::new(
                Frequency::EveryNDays { days: 0 },
                window("08:00", "10:00"),
                "84",
                ml(5),
            ),
        ),
        (
            "amount_not_positive",
            ScheduleTerms::new(Frequency::Daily, window("08:00", "10:00"), "84", ml(0)),
        ),
    ];
    for (code, terms) in cases {
        refused(&mut b, code, |g| {
            g.reg
                .set_disinfection_schedule(
                    g.secretary,
                    t,
                    bins_site,
                    Task::Disinfection,
                    terms,
                    (day("2020-01-27"), None),
                )
                .map(|_| ())
        });
    }
    // a schedule whose last day comes before its first,
    refused(&mut b, "schedule_days_reversed", |g| {
        g.reg
            .set_disinfection_schedule(
                g.secretary,
                t,
                bins_site,
                Task::Disinfection,
                daily("08:00", "10:00"),
                (day("2020-01-27"), Some(day("2020-01-26"))),
            )
            .map(|_| ())
    });
    // an inspector designated for a site,
    let zhao =
        b.g.reg
            .enroll_staff(b.g.secretary, t, "Zhao Min", Role::Inspector, None)
            .unwrap();
    refused(&mut b, "inspector_not_designated", |g| {
        g.reg
            .assign_to_site(g.secretary, t, bins_site, zhao, day("2020-01-27"))
            .map(|_| ())
    });
    // Li Hua designated twice,
    refused(&mut b, "already_assigned_to_site", |g| {
        g.reg
            .assign_to_site(
                g.secretary,
                t,
                bins_site,
                g.worker_qianjin_1,
                day("2020-01-27"),
            )
            .map(|_| ())
    });
    // a schedule or a designation starting before today (no round is made missed after the
    // fact),
    refused(&mut b, "disinfection_change_in_past", |g| {
        g.reg
            .set_disinfection_schedule(
                g.secretary,
                t,
                bins_site,
                Task::Disinfection,
                daily("08:00", "10:00"),
                (day("2020-01-20"), None),
            )
            .map(|_| ())
    });
    refused(&mut b, "disinfection_change_in_past", |g| {
        g.reg
            .assign_to_site(
                g.secretary,
                t,
                bins_site,
                g.worker_baiyun_1,
                day("2020-01-25"),
            )
            .map(|_| ())
    });
    // a site of a kind nobody defined,
    refused(&mut b, "unknown_site_kind", |g| {
        g.reg
            .register_site(
                g.secretary,
                t,
                g.qianjin,
                "clinic-yard".parse().unwrap(),
                "卫生室",
            )
            .map(|_| ())
    });
    // a site registered by a grid worker (the permission table gives it to leaders and cadres),
    refused(&mut b, "role_not_permitted", |g| {
        g.reg
            .register_site(
                g.worker_qianjin_1,
                t,
                g.qianjin_1,
                SiteKind::PUBLIC_PLACE,
                "广场",
            )
            .map(|_| ())
    });
    // and an unknown schedule.
    refused(&mut b, "unknown_disinfection_schedule", |g| {
        g.reg
            .lift_disinfection_schedule(
                g.secretary,
                t,
                DisinfectionScheduleId::new(9),
                day("2020-02-01"),
            )
            .map(|_| ())
    });
    // A negative or zero amount does not even parse.
    assert_eq!(
        "-5 瓶".parse::<Amount>().unwrap_err().code(),
        "invalid_round_amount"
    );
    assert_eq!(
        "0瓶".parse::<Amount>().unwrap_err().code(),
        "amount_not_positive"
    );
    assert_eq!(
        "2瓶".parse::<Amount>().unwrap(),
        Amount::new(2, AmountUnit::Bottle)
    );
    // And nothing of it stopped replay.
    replay_equal(&b.g.reg);
}

#[test]
fn the_registry_replays_equal_after_every_kind_of_command() {
    // Given the township, when each kind of command is executed in turn, then after each the
    // ledger replays to an equal registry.
    let mut g = given();
    let t = at(SET_UP);
    let s1 = g.secretary;
    let def = SiteKindDefinition::new("clinic-yard".parse().unwrap(), "clinic yard", "卫生室院落");
    g.reg
        .disinfection(s1, t, DisinfectionCommand::DefineSiteKind(def))
        .unwrap();
    replay_equal(&g.reg);
    assert_eq!(
        g.reg
            .site_kind(&"clinic-yard".parse().unwrap())
            .unwrap()
            .name_zh,
        "卫生室院落"
    );
    let yard = g
        .reg
        .register_site(
            s1,
            t,
            g.qianjin,
            "clinic-yard".parse().unwrap(),
            "前进村卫生室院落",
        )
        .unwrap();
    replay_equal(&g.reg);
    g.reg
        .assign_to_site(s1, t, yard, g.volunteer, day("2020-01-26"))
        .unwrap();
    replay_equal(&g.reg);
    let s = g
        .reg
        .set_disinfection_schedule(
            s1,
            t,
            yard,
            Task::Cleaning,
            ScheduleTerms::new(
                Frequency::Daily,
                window("07:00", "08:00"),
                "清水",
                Amount::new(10, AmountUnit::Litre),
            ),
            (day("2020-01-26"), Some(day("2020-02-29"))),
        )
        .unwrap();
    replay_equal(&g.reg);
    g.reg
        .change_disinfection_schedule(s1, t, s, day("2020-02-01"), daily("07:00", "08:30"))
        .unwrap();
    replay_equal(&g.reg);
    let r = g
        .reg
        .record_round(
            g.volunteer,
            at("2020-01-26T07:30:00+08:00"),
            yard,
            Task::Cleaning,
            "清水",
            Amount::new(10, AmountUnit::Litre),
        )
        .unwrap();
    replay_equal(&g.reg);
    assert_eq!(
        g.reg.disinfection_round(r).unwrap().recorded_by,
        g.volunteer
    );
    g.reg
        .disinfection(
            s1,
            at("2020-01-26T12:00:00+08:00"),
            DisinfectionCommand::EndSiteAssignment {
                site: yard,
                staff: g.volunteer,
                from: day("2020-01-27"),
            },
        )
        .unwrap();
    replay_equal(&g.reg);
    assert!(
        g.reg
            .designated_for_site(yard, day("2020-01-27"))
            .is_empty()
    );
    assert_eq!(
        g.reg.designated_for_site(yard, day("2020-01-26")),
        [g.volunteer]
    );
    g.reg
        .lift_disinfection_schedule(s1, at("2020-01-26T12:00:00+08:00"), s, day("2020-02-10"))
        .unwrap();
    replay_equal(&g.reg);
    // The volunteer, no longer designated, cannot record a round on the 27th.
    let err = g
        .reg
        .record_round(
            g.volunteer,
            at("2020-01-27T07:30:00+08:00"),
            yard,
            Task::Cleaning,
            "清水",
            Amount::new(10, AmountUnit::Litre),
        )
        .unwrap_err();
    assert_eq!(err.code(), "outside_assigned_units");
    replay_equal(&g.reg);
}

#[test]
fn the_audit_trail_finds_sites_schedules_and_rounds() {
    // Given a site with a designated worker, a schedule changed once, and a round,
    let mut b = bins();
    let s = schedule(&mut b, daily("08:00", "10:00"), "2020-01-26", None);
    let r = record(&mut b, "2020-01-26T09:00:00+08:00");
    b.g.reg
        .change_disinfection_schedule(
            b.g.secretary,
            at("2020-01-26T12:00:00+08:00"),
            s,
            day("2020-01-28"),
            daily("09:00", "11:00"),
        )
        .unwrap();
    let kinds = |subject: Subject| -> Vec<String> {
        let trail = b.g.reg.trail(subject, &[]).unwrap();
        trail
            .entries
            .iter()
            .map(|e| match e.event_kind() {
                Some((module, kind)) if module == "disinfection" => kind,
                _ => String::new(),
            })
            .collect()
    };
    // then the site's trail holds its registration, designation, schedule, change and round,
    assert_eq!(
        kinds(Subject::Site(b.bins)),
        [
            "SiteRegistered",
            "AssignedToSite",
            "ScheduleSet",
            "RoundRecorded",
            "ScheduleChanged"
        ]
    );
    // the schedule's its setting and change, the round's itself,
    assert_eq!(
        kinds(Subject::DisinfectionSchedule(s)),
        ["ScheduleSet", "ScheduleChanged"]
    );
    assert_eq!(kinds(Subject::DisinfectionRound(r)), ["RoundRecorded"]);
    // and Li Hua's trail holds the designation and the round she recorded.
    let li = kinds(Subject::Staff(b.g.worker_qianjin_1));
    assert!(li.contains(&"AssignedToSite".to_owned()) && li.contains(&"RoundRecorded".to_owned()));
    assert_eq!(Subject::Site(b.bins).to_string(), "disinfection site SI1");
}

#[cfg(feature = "csv")]
#[test]
fn the_days_table_exports_the_round_figures_with_chinese_headings() {
    use fangkong::report::{Lang, tables_to_csv};
    let mut b = bins();
    schedule(&mut b, daily("08:00", "10:00"), "2020-01-26", None);
    record(&mut b, "2020-01-26T09:00:00+08:00");
    let csv = tables_to_csv(&[b.g.reg.day_table(day("2020-01-26"))], Lang::Zh).unwrap();
    let header = csv.lines().next().unwrap();
    for heading in ["消杀按时完成", "消杀迟做", "消杀漏做"] {
        assert!(header.contains(heading), "{header}");
    }
    assert_eq!(b.g.reg.township_figures(day("2020-01-26")).rounds_done, 1);
    assert_eq!(b.g.reg.township_figures(day("2020-01-27")).rounds_missed, 1);
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Given a schedule of random frequency, first day and length, when rounds are
        /// recorded on random days at random minutes, then on every day the rounds expected
        /// are exactly those done, late and missed, every round recorded is matched or
        /// unscheduled, and the registry replays to an equal one.
        #[test]
        fn expected_is_done_plus_late_plus_missed_every_day(
            kind in 0u8..3,
            every in 1u32..5,
            start in 0i64..5,
            length in proptest::option::of(0i64..12),
            recorded in proptest::collection::vec((0i64..16, 0u32..24 * 60), 0..30),
        ) {
            let mut b = bins();
            let w = window("08:00", "10:00");
            let frequency = match kind {
                0 => Frequency::Daily,
                1 => Frequency::TwiceDaily { second: window("15:00", "17:00") },
                _ => Frequency::EveryNDays { days: every },
            };
            let first = day("2020-01-26").plus_days(start).unwrap();
            let last = length.map(|n| first.plus_days(n).unwrap());
            let secretary = b.g.secretary;
            b.g.reg.set_disinfection_schedule(
                secretary,
                at(SET_UP),
                b.bins,
                Task::Disinfection,
                ScheduleTerms::new(frequency, w, "84", ml(100)),
                (first, last),
            ).unwrap();
            let mut recorded = recorded;
            recorded.sort_unstable();
            let base = at("2020-01-26T00:00:00+08:00");
            for (d, minute) in &recorded {
                let t = base.plus_seconds(d * 86_400 + i64::from(*minute) * 60);
                let li = b.g.worker_qianjin_1;
                b.g.reg.record_round(li, t, b.bins, Task::Disinfection, "84", ml(100)).unwrap();
            }
            for d in days("2020-01-26", 17) {
                let expected = b.g.reg.expected_rounds(d).len();
                let rows = b.g.reg.rounds_on(d);
                let count = |s: RoundStatus| rows.iter().filter(|r| r.status == s).count();
                prop_assert_eq!(rows.len(), expected);
                prop_assert_eq!(
                    count(RoundStatus::Done) + count(RoundStatus::Late) + count(RoundStatus::Missed),
                    expected
                );
                prop_assert_eq!(b.g.reg.missed_rounds(d).len(), count(RoundStatus::Missed));
                let matched = rows.iter().filter(|r| r.round.is_some()).count();
                let on_day = b.g.reg.disinfection_rounds().filter(|r| r.day == d).count();
                prop_assert_eq!(matched + b.g.reg.unscheduled_rounds(d).len(), on_day);
                let f = b.g.reg.township_figures(d);
                prop_assert_eq!(
                    (f.rounds_done + f.rounds_late + f.rounds_missed) as usize,
                    expected
                );
            }
            replay_equal(&b.g.reg);
        }
    }
}
