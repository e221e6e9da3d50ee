//! Adversarial review of the fix of issue 18 (0c30b4a): tries to break replay of refusals,
//! daily reports, trail exports, masking, text limits and reach, as an attacker with the
//! source would. The five breaks it found (a correction refused as nothing to correct whose
//! masked name replayed as accepted; a batch row beyond `u32`; a batch row of made-up fields;
//! a pending entry a kept head covers; a phone written as a reversed date and a time) are
//! fixed; the tests pin them, beside the probes that held.

use fangkong::audit::Subject;
use fangkong::grid::GridCommand;
use fangkong::registry::TrailExport;
use fangkong::report::{ReportCommand, Schedule};
use fangkong::{
    BatchCommand, BatchItem, Body, Error, Ref, Registry, Relation, ResidentDetails, Sex,
};
use serde_json::{Value, json};

use crate::common::*;

/// A day after the genuine entries of `given()`.
const LATER: &str = "2020-01-25T10:00:00+08:00";

/// Replays `reg`'s ledger, which the registry itself wrote, and checks it rebuilds `reg`.
#[track_caller]
fn genuine_ledger_replays(reg: &Registry) {
    match Registry::replay(reg.ledger()) {
        Ok(again) => assert_eq!(&again, reg),
        Err(e) => panic!("replay refuses a ledger the registry wrote itself: {e}"),
    }
}

/// A refusal body from its JSON.
fn refusal(v: Value) -> Body {
    serde_json::from_value(json!({ "refused": v })).unwrap()
}

/// The last refusal's JSON, as recorded.
fn last_refusal(reg: &Registry) -> Value {
    let last = reg.ledger().records().last().unwrap().unwrap();
    assert!(matches!(last.body, Body::Refused(_)), "{:?}", last.body);
    serde_json::to_value(&last.body).unwrap()["refused"].clone()
}

// ---- 1. Replay of refusals: genuine ledgers replay refuses -----------------------------------

#[test]
fn a_correction_refused_as_nothing_to_correct_is_replayed_as_accepted_when_masking_changed_the_name()
 {
    // Given a resident whose name holds a run of 7 digits (a room number, a clerk's note) and
    // no identity number or phone, so that the masked attempt still rebuilds as a command.
    let mut g = given();
    let t = at(LATER);
    let details = ResidentDetails::new(
        "王芳 5221234",
        Sex::Female,
        day("1990-01-01"),
        Relation::Child,
    );
    let r = g
        .reg
        .register_resident(g.worker_qianjin_1, t, g.home, details.clone())
        .unwrap();
    // When the worker "corrects" her to the very same details: refused, nothing to correct.
    let err = g
        .reg
        .correct_resident(g.worker_qianjin_1, t, r, details)
        .unwrap_err();
    assert_eq!(err.code(), "nothing_to_correct");
    // The refusal keeps the name masked ("王芳 *******"), which rebuilds as a correction that
    // does change the name.
    assert_eq!(
        last_refusal(&g.reg)["attempt"]["grid"]["CorrectResident"]["details"]["name"],
        json!("王芳 *******")
    );
    // Then the ledger the registry wrote replays. Broken: replay decides the masked attempt
    // again, it would be accepted, and replay refuses the genuine ledger ("it records as
    // refused a command that would have been accepted").
    genuine_ledger_replays(&g.reg);
}

#[test]
fn a_batch_row_naming_a_row_beyond_u32_is_recorded_so_that_replay_refuses_it() {
    // Given a batch whose second row names row 5,000,000,000 (a typo in a loader, or a
    // hostile file): refused as naming a row that is not earlier.
    let mut g = given();
    let t = at(LATER);
    let results = g.reg.execute_all(vec![
        BatchItem::new(
            g.worker_qianjin_1,
            t,
            BatchCommand::RegisterHousehold {
                group: g.qianjin_1.into(),
                address: "Qianjin 1-02".into(),
            },
        ),
        BatchItem::new(
            g.worker_qianjin_1,
            t,
            BatchCommand::RegisterResident {
                household: Ref::Row(5_000_000_000),
                details: ResidentDetails::new("张伟", Sex::Male, day("1985-03-02"), Relation::Head),
            },
        ),
    ]);
    assert!(results[0].is_ok());
    assert_eq!(
        results[1].as_ref().unwrap_err().code(),
        "batch_row_not_earlier"
    );
    // The refusal's row, a number above u32::MAX, is written as masked text: `{"row":"****0000"}`.
    let attempt = &last_refusal(&g.reg)["attempt"];
    assert!(
        attempt["register_resident"]["household"]["row"].is_string(),
        "{attempt}"
    );
    // Then the ledger replays. Broken: replay finds no `{"row":n}` with a number in it and
    // refuses the genuine entry ("it names no row").
    genuine_ledger_replays(&g.reg);
}

// ---- 1. Replay of refusals: forgeries replay accepts ------------------------------------------

#[test]
fn a_forged_batch_row_of_made_up_fields_is_refused_by_replay() {
    // Given the genuine ledger, when someone appends a "batch row" refusal whose attempt is no
    // batch command the registry has (no `group`, no `address`, a field of its own saying the
    // secretary tried to export the roster), with a `{"row":0}` somewhere and a batch code.
    let g = given();
    let body = refusal(json!({
        "attempt": {"register_household": {
            "claim": "Secretary Liu tried to export the whole roster unmasked",
            "anything": {"row": 0},
        }},
        "code": "depends_on_refused_row",
        "reason": "row 0 of the batch, which this command depends on, was refused: made up",
    }));
    let (ledger, seq) = append(&g.reg, g.secretary, LATER, &[body]);
    // Then replay refuses it: the registry never writes a batch row of other fields.
    // Broken: replay accepts it, and it shows in `refusals()`.
    match Registry::replay(&ledger) {
        Err(Error::ReplayRefused { seq: named, .. }) => assert_eq!(named, seq),
        Ok(reg) => panic!(
            "a forged batch row was accepted: {:?}",
            reg.refusals().unwrap().last().map(|r| &r.body)
        ),
        Err(other) => panic!("{other}"),
    }
}

// ---- 3. Trail exports --------------------------------------------------------------------------

/// Given a schedule and the township's report of the 24th; then a resident registered on the
/// 25th, after the report's head.
fn reported_then_more() -> Given {
    let mut g = given();
    let d = day("2020-01-24");
    g.reg
        .execute(
            g.secretary,
            at(T0),
            ReportCommand::SetSchedule {
                schedule: Schedule::new(d),
            },
        )
        .unwrap();
    g.reg
        .submit_report(
            g.secretary,
            at("2020-01-24T20:00:00+08:00"),
            g.reg.township(),
            d,
            "",
        )
        .unwrap();
    g.reg
        .register_resident(
            g.worker_qianjin_1,
            at(LATER),
            g.home,
            ResidentDetails::new("王小明", Sex::Male, day("2010-03-01"), Relation::Child),
        )
        .unwrap();
    g
}

#[test]
fn an_export_listing_as_pending_an_entry_a_kept_head_covers_is_refused() {
    // Given the heads the county kept, and a genuine export of the household's trail.
    let mut g = reported_then_more();
    let kept = g.reg.report_tree_heads();
    let export = g
        .reg
        .export_trail(g.secretary, at(LATER), Subject::Household(g.home), &[])
        .unwrap();
    let covered = export.entries[0].seq();
    assert!(covered <= kept[0].size);
    // When someone drops the proved entry and lists in its place, as "pending", a record of
    // their own with the same seq (the household registered at another address).
    let forged = record(
        covered,
        T0,
        g.worker_qianjin_1,
        covered,
        1,
        &Body::Event(
            GridEvent::HouseholdRegistered {
                household: g.home,
                group: g.qianjin_1,
                address: "an address the registry never held".into(),
            }
            .into(),
        ),
    );
    let mut v = serde_json::to_value(&export).unwrap();
    v["entries"].as_array_mut().unwrap().remove(0);
    v["pending"]
        .as_array_mut()
        .unwrap()
        .insert(0, json!({"seq": covered, "record": forged}));
    let forged_export: TrailExport = serde_json::from_value(v).unwrap();
    // Then the check refuses it: an entry at or before the last kept head can be proved, so
    // "pending" there hides a forgery. Broken: the check returns Ok and lists it as pending.
    let checked = forged_export.check(&kept);
    assert!(
        checked.is_err(),
        "an entry covered by kept tree head {} passed as pending: {checked:?}",
        kept[0].size
    );
}

// ---- 2. Daily reports: genuine ledgers that must replay (probes that held) --------------------

#[test]
fn reports_for_past_days_before_anything_after_a_refusal_and_two_in_a_batch_replay() {
    // Given a schedule from the 20th (before anything was recorded, on the 24th).
    let mut g = given();
    let t = at(LATER);
    g.reg
        .execute(
            g.secretary,
            t,
            ReportCommand::SetSchedule {
                schedule: Schedule::new(day("2020-01-20")),
            },
        )
        .unwrap();
    let town = g.reg.township();
    // A report for a day before anything was recorded: the empty ledger's head.
    g.reg
        .submit_report(g.secretary, t, town, day("2020-01-21"), "")
        .unwrap();
    // A refusal, then a report right after it (its head is the refusal's entry).
    assert!(
        g.reg
            .submit_report(g.worker_qianjin_1, t, g.qianjin, day("2020-01-25"), "")
            .is_err()
    );
    g.reg
        .submit_report(g.secretary, t, town, day("2020-01-25"), "after a refusal")
        .unwrap();
    // Two reports in one batch, a past day and today, and a resubmission.
    let results = g.reg.execute_all(vec![
        BatchItem::new(
            g.secretary,
            t,
            ReportCommand::SubmitReport {
                unit: g.qianjin,
                day: day("2020-01-24"),
                note: String::new(),
            },
        ),
        BatchItem::new(
            g.secretary,
            t,
            ReportCommand::SubmitReport {
                unit: g.qianjin,
                day: day("2020-01-25"),
                note: "twice".into(),
            },
        ),
        BatchItem::new(
            g.secretary,
            t,
            ReportCommand::SubmitReport {
                unit: g.qianjin,
                day: day("2020-01-25"),
                note: "twice".into(),
            },
        ),
    ]);
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    // A report of the 24th submitted on the 26th, dated before the ledger's last entry too.
    let t2 = at("2020-01-26T08:00:00+08:00");
    g.reg
        .submit_report(g.secretary, t2, g.baiyun, day("2020-01-24"), "")
        .unwrap();
    assert!(
        g.reg
            .submit_report(g.secretary, at(T0), g.baiyun, day("2020-01-24"), "")
            .is_err()
    );
    genuine_ledger_replays(&g.reg);
}

#[test]
fn reports_after_a_drain_replay_from_the_parts() {
    // Given a registry that drains its ledger to storage before the reports.
    let mut g = given();
    let t = at(LATER);
    g.reg
        .execute(
            g.secretary,
            t,
            ReportCommand::SetSchedule {
                schedule: Schedule::new(day("2020-01-24")),
            },
        )
        .unwrap();
    let part1 = g.reg.drain_ledger();
    let town = g.reg.township();
    g.reg
        .submit_report(g.secretary, t, town, day("2020-01-24"), "")
        .unwrap();
    g.reg
        .submit_report(g.secretary, t, town, day("2020-01-25"), "")
        .unwrap();
    let part2 = g.reg.drain_ledger();
    // When the parts are put together, then the whole ledger replays to the same state.
    let whole = part1.to_jsonl() + &part2.to_jsonl();
    let loaded = fangkong::Ledger::from_jsonl(&whole).unwrap();
    let again = Registry::replay(&loaded).unwrap();
    assert!(again.state_eq(&g.reg));
    assert_eq!(again.report_heads(), g.reg.report_heads());
}

// ---- 4. Masking -------------------------------------------------------------------------------

#[test]
fn a_phone_written_as_a_reversed_date_and_a_time_is_kept_in_full_in_a_refusal() {
    // Given a clerk's note of a phone, 139 7456 1234, split the way a day and a time are
    // written: "13.9.7456 12:34" (D.M.YYYY and HH:MM, both shapes masking keeps readable).
    let mut g = given();
    let text = "联系电话 13.9.7456 12:34";
    // When a household with it is refused (the Baiyun worker registering in Qianjin).
    let err = g
        .reg
        .register_household(g.worker_baiyun_1, at(LATER), g.qianjin_1, text)
        .unwrap_err();
    assert_eq!(err.code(), "outside_assigned_units");
    let kept = last_refusal(&g.reg)["attempt"]["grid"]["RegisterHousehold"]["address"].clone();
    // Then the refusal does not keep all eleven digits of the phone. Weak break: no 6 digits
    // stand in a row, but every digit of the phone is readable, in order.
    let digits: String = kept
        .as_str()
        .unwrap()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_ne!(digits, PHONE, "the refusal keeps {kept}");
}

// ---- 6. Reach (probes that held) ----------------------------------------------------------------

#[test]
fn a_village_cadre_reaches_neither_the_other_village_nor_the_township() {
    // Given the Qianjin cadre, when they register a household in Baiyun or move one of
    // Qianjin's households to Baiyun, then both are refused outside their units, and replay.
    let mut g = given();
    let t = at(LATER);
    let err = g
        .reg
        .register_household(g.cadre_qianjin, t, g.baiyun_1, "Baiyun 1-09")
        .unwrap_err();
    assert_eq!(err.code(), "outside_assigned_units");
    let err = g
        .reg
        .execute(
            g.cadre_qianjin,
            t,
            GridCommand::MoveHousehold {
                household: g.home,
                to: g.baiyun_2,
            },
        )
        .unwrap_err();
    assert!(
        ["outside_assigned_units", "role_not_permitted"].contains(&err.code()),
        "{err}"
    );
    genuine_ledger_replays(&g.reg);
}
