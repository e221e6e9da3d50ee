//! Gatherings, supervision and the daily report through the registry: what a township office
//! does with them, replayed from the ledger, and rolled up across registries.

use fangkong::gathering::{
    Binds, Flag, OrderTerms, PersuasionOutcome, PersuasionResult, Restriction, Rule, VenueTarget,
};
use fangkong::gathering::{GatheringKind, PlannedGathering, VenueKind};
use fangkong::report::RowStatus;
use fangkong::report::{DailyFigures, Schedule};
use fangkong::{Day, Error, Founding, Instant, Registry, StaffId, UnitId, UnitKind};
use proptest::prelude::*;

use crate::common::*;

fn local(d: &str, time: &str) -> Instant {
    Instant::at(day(d), time.parse().unwrap(), fangkong::UtcOffset::CHINA)
}

#[test]
fn orders_decisions_and_persuasion_replay_from_the_ledger_to_an_equal_registry() {
    // Given the township's orders, a venue closed, a funeral reported and persuaded
    let mut g = given();
    let s1 = g.secretary;
    let order = g
        .reg
        .issue_gathering_order(
            s1,
            local("2020-01-25", "08:00"),
            g.reg.township(),
            day("2020-01-25"),
            None,
            OrderTerms::article(),
        )
        .unwrap();
    let venue = g
        .reg
        .register_venue(
            s1,
            local("2020-01-25", "09:00"),
            "老街茶馆 (teahouse)",
            VenueKind::TEAHOUSE,
            g.qianjin_1,
        )
        .unwrap();
    g.reg
        .order_closure(
            s1,
            local("2020-01-26", "08:00"),
            g.reg.township(),
            "茶馆停业",
            VenueTarget::article(),
            day("2020-01-26"),
            None,
        )
        .unwrap();
    let funeral = PlannedGathering::new(
        g.home,
        GatheringKind::FUNERAL,
        day("2020-01-28"),
        day("2020-01-30"),
        50,
    );
    let gathering = g
        .reg
        .report_gathering(g.worker_qianjin_1, local("2020-01-27", "16:00"), funeral)
        .unwrap();
    g.reg
        .record_persuasion(
            g.worker_qianjin_1,
            local("2020-01-27", "16:30"),
            gathering,
            PersuasionOutcome::SimplifiedTo(20),
        )
        .unwrap();
    // When the teahouse is found open
    g.reg
        .record_violation(
            g.cadre_qianjin,
            local("2020-01-28", "10:00"),
            venue,
            "found serving tea to four tables",
        )
        .unwrap();
    // Then the decision names the order, the closure holds, the counts are kept
    let decision = g.reg.gathering_decision(gathering).unwrap();
    assert!(
        decision.to_string().contains(&order.to_string()),
        "{decision}"
    );
    assert!(g.reg.venue_closed_by(venue, day("2020-01-28")).is_some());
    assert_eq!(g.reg.violations_on(g.qianjin, day("2020-01-28")).len(), 1);
    let by = g
        .reg
        .persuasion_by_result(g.reg.township(), day("2020-01-25"), day("2020-01-31"));
    assert_eq!(by.get(&PersuasionResult::Simplified), Some(&1));
    // And the daily figures carry them
    let f = g.reg.daily_figures(g.qianjin, day("2020-01-27"));
    assert_eq!(f.persuasion_simplified, 1);
    assert_eq!(
        g.reg
            .daily_figures(g.qianjin, day("2020-01-28"))
            .violations_new,
        1
    );
    // And the ledger replays to an equal registry
    let replayed = Registry::replay(g.reg.ledger()).unwrap();
    assert_eq!(replayed, g.reg);
    assert_eq!(replayed.gathering_decision(gathering), Some(decision));
}

#[test]
fn the_township_coded_as_itself_is_general_and_a_village_order_is_targeted() {
    // Given the article's orders and closures at the township
    let mut g = given();
    let s1 = g.secretary;
    let town = g.reg.township();
    g.reg
        .issue_gathering_order(
            s1,
            local("2020-01-25", "08:00"),
            town,
            day("2020-01-25"),
            None,
            OrderTerms::article(),
        )
        .unwrap();
    g.reg
        .register_venue(
            s1,
            local("2020-01-25", "09:00"),
            "餐馆",
            VenueKind::CATERING,
            g.baiyun_1,
        )
        .unwrap();
    g.reg
        .order_closure(
            s1,
            local("2020-01-26", "08:00"),
            town,
            "停业",
            VenueTarget::article(),
            day("2020-01-26"),
            None,
        )
        .unwrap();
    // Then on 2020-02-01 the township coded as itself: C4 = 4, C3 = 2, C2 = 2, general
    let levels = g.reg.oxcgrt(town, day("2020-02-01"));
    assert_eq!(
        (levels.c4.value, levels.c3.value, levels.c2.value),
        (4, 2, 2)
    );
    assert_eq!(levels.c4.flag, Some(Flag::General));
    assert_eq!(levels.c2.flag, Some(Flag::General));

    // Given instead an order of one village only
    let mut h = given();
    let square_dancing = OrderTerms::new(
        "Qianjin: no square dancing",
        vec![Rule::new(
            vec![GatheringKind::SQUARE_DANCING],
            Binds::Everyone,
            Restriction::Prohibited,
        )],
    );
    h.reg
        .issue_gathering_order(
            h.secretary,
            local("2020-01-25", "08:00"),
            h.qianjin,
            day("2020-01-25"),
            None,
            square_dancing,
        )
        .unwrap();
    // Then coded at the township it is targeted
    let levels = h.reg.oxcgrt(h.reg.township(), day("2020-02-01"));
    assert_eq!(levels.c3.flag, Some(Flag::Targeted), "{levels}");
}

/// Given a schedule from 2020-01-24 with the default deadline (the end of the day).
fn reporting() -> Given {
    let mut g = given();
    g.reg
        .set_report_schedule(g.secretary, at(T0), Schedule::new(day("2020-01-24")))
        .unwrap();
    g
}

#[test]
fn a_day_with_nothing_new_is_a_zero_report_and_still_required() {
    let mut g = reporting();
    // When Baiyun reports a day on which nothing happened
    let head_before = g.reg.head_at_end_of(day("2020-01-24")).unwrap();
    g.reg
        .submit_report(
            g.secretary,
            local("2020-01-24", "20:00"),
            g.baiyun,
            day("2020-01-24"),
            "无新情况",
        )
        .unwrap();
    // Then it is a zero report
    let report = g.reg.report(g.baiyun, day("2020-01-24")).unwrap();
    assert!(report.is_zero());
    assert_eq!(report.status(), RowStatus::Zero);
    // And it carries the ledger's head at the end of the day
    assert_eq!(report.head, head_before);
    assert_eq!(
        head_before,
        g.reg
            .ledger()
            .entry(head_before.seq)
            .map(|e| fangkong::Head {
                seq: head_before.seq,
                hash: e.hash()
            })
            .unwrap()
    );
    // And the others that said nothing are missing
    let missing = g.reg.missing_reports(day("2020-01-24"));
    assert_eq!(missing, vec![g.reg.township(), g.qianjin]);
}

#[test]
fn a_missing_report_is_listed_on_its_day_and_not_after_it_is_submitted() {
    let mut g = reporting();
    let d = day("2020-01-24");
    assert!(g.reg.missing_reports(d).contains(&g.qianjin));
    g.reg
        .submit_report(
            g.cadre_qianjin,
            local("2020-01-24", "21:00"),
            g.qianjin,
            d,
            "",
        )
        .unwrap();
    assert!(!g.reg.missing_reports(d).contains(&g.qianjin));
    // A cadre of another village cannot report for it
    let err = g
        .reg
        .submit_report(
            g.cadre_qianjin,
            local("2020-01-24", "21:05"),
            g.baiyun,
            d,
            "",
        )
        .unwrap_err();
    assert!(matches!(err, Error::OutsideAssignedUnits { .. }), "{err}");
}

#[test]
fn a_report_after_the_deadline_is_marked_late_and_a_resubmission_supersedes() {
    let mut g = reporting();
    let d = day("2020-01-24");
    // When Qianjin reports the next morning
    g.reg
        .submit_report(
            g.cadre_qianjin,
            local("2020-01-25", "08:30"),
            g.qianjin,
            d,
            "迟报",
        )
        .unwrap();
    // Then it is late
    assert_eq!(g.reg.late_reports(d), vec![g.qianjin]);
    assert_eq!(
        g.reg.report(g.qianjin, d).unwrap().status(),
        RowStatus::Late
    );
    // And a resubmission supersedes it; both stay
    g.reg
        .submit_report(
            g.cadre_qianjin,
            local("2020-01-25", "09:00"),
            g.qianjin,
            d,
            "更正",
        )
        .unwrap();
    assert_eq!(g.reg.report_history(g.qianjin, d).len(), 2);
    assert_eq!(g.reg.report(g.qianjin, d).unwrap().note, "更正");
}

/// One township of `villages` villages of `households` households each, founded as `name`.
fn township(name: &str, villages: &[u8]) -> (Registry, Vec<UnitId>) {
    let t = at(T0);
    let mut reg = Registry::found(Founding::new(name, "书记"), t);
    let s1 = StaffId::new(1);
    let mut units = Vec::new();
    for (i, households) in villages.iter().enumerate() {
        let v = reg
            .establish_unit(
                s1,
                t,
                UnitKind::Village,
                format!("village {i}"),
                reg.township(),
                None,
            )
            .unwrap();
        let g = reg
            .establish_group(s1, t, v, 1, format!("village {i} group 1"))
            .unwrap();
        for h in 0..*households {
            reg.register_household(s1, t, g, format!("village {i} no. {h}"))
                .unwrap();
        }
        units.push(v);
    }
    (reg, units)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Given villages of any sizes split at random between two township registries, their
    /// township figures rolled up at the county equal one registry holding every village.
    #[test]
    fn two_township_registries_roll_up_to_one_holding_both(
        villages in proptest::collection::vec(0u8..12, 1..8),
        split in proptest::collection::vec(any::<bool>(), 8),
    ) {
        let d = day("2020-01-24");
        let (a_villages, b_villages): (Vec<u8>, Vec<u8>) = {
            let mut a = Vec::new();
            let mut b = Vec::new();
            for (i, v) in villages.iter().enumerate() {
                if split[i] { a.push(*v) } else { b.push(*v) }
            }
            (a, b)
        };
        let (a, _) = township("A", &a_villages);
        let (b, _) = township("B", &b_villages);
        let (all, _) = township("county", &villages);
        let county: DailyFigures = [a.township_figures(d), b.township_figures(d)].into_iter().sum();
        prop_assert_eq!(county, all.township_figures(d));
        prop_assert_eq!(
            county.households_total,
            villages.iter().map(|v| u64::from(*v)).sum::<u64>()
        );
    }
}

#[test]
fn the_daily_table_of_a_known_day_has_a_row_per_reporting_unit() {
    let mut g = reporting();
    let d: Day = day("2020-01-24");
    g.reg
        .submit_report(
            g.secretary,
            local("2020-01-24", "21:00"),
            g.reg.township(),
            d,
            "",
        )
        .unwrap();
    let table = g.reg.day_table(d);
    let statuses: Vec<RowStatus> = table.rows.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [RowStatus::Zero, RowStatus::Missing, RowStatus::Missing]
    );
    // A missing row adds nothing to the submitted total, which says so: 1 of 3 reported
    assert_eq!(table.submitted_total().households_total, 0);
    assert_eq!(table.missing().count(), 2);
    assert_eq!((table.reported(), table.units()), (1, 3));
    assert_eq!(
        table.coverage_in(fangkong::report::Lang::En),
        "1 of 3 units reported"
    );
    // And the registry's own figures stand beside it, the missing units' included
    let registry = table.registry_total().unwrap();
    assert_eq!(registry.households_total, g.reg.households().count() as u64);
}

#[test]
fn the_key_person_list_is_masked_unless_exported_and_the_export_is_recorded() {
    use fangkong::report::{Cell, Lang};
    // Given a key person found by screening
    let mut g = given();
    wuhan_high_and_the_january_rule(&mut g);
    let travel = fangkong::screening::TravelHistory {
        stays: vec![
            fangkong::screening::Stay::new(wuhan(), day("2020-01-02"), day("2020-01-20")).unwrap(),
        ],
        transits: vec![],
        returned_home: Some(day("2020-01-21")),
    };
    let interview = fangkong::screening::Interview::new(
        travel,
        true,
        fangkong::screening::ReportedSymptoms::default(),
    )
    .unwrap();
    g.reg
        .record_interview(
            g.worker_qianjin_1,
            local("2020-01-24", "10:00"),
            g.head,
            None,
            interview,
        )
        .unwrap();
    // When the list is read, then personal data is masked
    let sheet = g.reg.key_person_list(day("2020-01-24"), Lang::Both);
    assert_eq!(sheet.rows.len(), 1);
    let text: Vec<String> = sheet.rows[0].iter().map(Cell::to_string).collect();
    assert_eq!(text[0], "王秀英");
    assert_eq!(text[2], "1101**********002X");
    assert_eq!(text[3], "139****1234");
    // And a grid worker may not take it out unmasked; the attempt is recorded
    let err = g
        .reg
        .export_key_person_list(
            g.worker_qianjin_1,
            local("2020-01-24", "11:00"),
            day("2020-01-24"),
            Lang::Zh,
        )
        .unwrap_err();
    assert!(matches!(err, Error::RoleNotPermitted { .. }), "{err}");
    // But the secretary may, and the ledger records who took what, when
    let full = g
        .reg
        .export_key_person_list(
            g.secretary,
            local("2020-01-24", "11:05"),
            day("2020-01-24"),
            Lang::Zh,
        )
        .unwrap();
    assert_eq!(full.rows[0][2].to_string(), ID_WORKED_1);
    let last = g.reg.ledger().records().last().unwrap().unwrap();
    assert_eq!(last.actor, g.secretary);
    assert!(
        serde_json::to_string(&last.body)
            .unwrap()
            .contains("\"ListExported\""),
        "{:?}",
        last.body
    );
    // And the roster masks too
    let roster = g.reg.resident_roster(Lang::En);
    assert!(
        roster
            .rows
            .iter()
            .all(|r| !r[2].to_string().contains(ID_WORKED_1))
    );
}

#[test]
fn a_covert_inspection_keeps_the_evidence_the_registry_proposed_and_the_inspectors_contradiction() {
    use fangkong::supervision::{
        ChecklistItem, InspectionMode, InspectionTarget, ItemCheck, RecordShows, Verdict,
    };
    // Given a screening round in which Qianjin's household was never visited
    let mut g = given();
    wuhan_high_and_the_january_rule(&mut g);
    g.reg
        .open_screening_round(
            g.secretary,
            at(T0),
            "Carpet screening",
            vec![g.qianjin],
            day("2020-01-24"),
        )
        .unwrap();
    let inspector = g
        .reg
        .enroll_staff(
            g.secretary,
            at(T0),
            "纪委 Zhao",
            fangkong::Role::Inspector,
            None,
        )
        .unwrap();
    // When the registry proposes what its records show for Qianjin on the 25th
    let target = InspectionTarget::Unit(g.qianjin);
    let proposed = g.reg.propose_evidence(&target, day("2020-01-25"));
    let (item, evidence) = proposed
        .iter()
        .find(|(item, _)| *item == ChecklistItem::ScreeningDone)
        .cloned()
        .unwrap();
    assert_eq!(
        evidence.shows,
        RecordShows::UnscreenedHouseholds { count: 1 }
    );
    // And the covert inspector finds the household was screened on paper not yet entered, and
    // contradicts the records
    let check = ItemCheck::passed(item).with_review(
        evidence.clone(),
        Verdict::Contradicted {
            note: "screened on the 24th; the form was not yet entered".into(),
        },
    );
    let held = local("2020-01-25", "15:00");
    let id = g
        .reg
        .record_inspection(
            inspector,
            held,
            InspectionMode::Covert,
            target,
            held,
            vec![check],
        )
        .unwrap();
    // Then both the proposal and the contradiction are kept, and replay keeps them too
    let inspection = g.reg.inspection(id).unwrap();
    let review = inspection.checklist[0].review.as_ref().unwrap();
    assert_eq!(review.proposed, evidence);
    assert!(matches!(review.verdict, Verdict::Contradicted { .. }));
    assert_eq!(inspection.mode, InspectionMode::Covert);
    assert_eq!(Registry::replay(g.reg.ledger()).unwrap(), g.reg);
}
