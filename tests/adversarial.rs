//! The adversarial review of issue 18, as scenarios. Each test is something the crate accepted
//! before the fix (76c4575) and refuses now, or a genuine ledger that must still replay after
//! the fix. The comment `Before:` in each test says what the old code did.
//!
//! Forged entries are written as LEDGER.md says (record bytes, digest, chain hash) with the
//! helpers of `common`, so they verify: only replay, or the checker of an export, can catch
//! them.

use fangkong::LedgerError;
use fangkong::audit::Subject;
use fangkong::grid::GridCommand;
use fangkong::ledger::ProofError;
use fangkong::registry::TrailExport;
use fangkong::report::{ReportCommand, ReportEvent, Schedule};
use fangkong::screening::ScreeningError;
use fangkong::screening::{MAX_LOOK_BACK_DAYS, ScreeningRule};
use fangkong::supervision::SupervisionError;
use fangkong::supervision::{
    Accountable, CadreForm, ChecklistItem, InspectionMode, InspectionTarget, ItemCheck,
};
use fangkong::supervision::{AdmonitionManner, FindingSource};
use fangkong::{
    BatchCommand, BatchItem, Body, Command, Duty, Error, Event, HouseholdId, Ref, Registry,
    Relation, ResidentDetails, Role, Sex, StaffId, UnitKind,
};
use serde_json::{Value, json};
use sha2::Digest;

use crate::common::*;

/// A day after the genuine entries of `given()`.
const LATER: &str = "2020-01-25T10:00:00+08:00";
/// The phone of the brief (another than `common::PHONE`).
const PHONE_2: &str = "13874561234";

/// A refusal body from its JSON (`attempt`, `code`, `reason`, maybe `attempted_at`).
fn refusal(v: Value) -> Body {
    serde_json::from_value(json!({ "refused": v })).unwrap()
}

/// Replays the genuine ledger of `reg` with `body` appended as a one-entry command by `actor`
/// at `at`; checks that replay refuses that entry, and returns why.
#[track_caller]
fn refused_at(reg: &Registry, actor: StaffId, at: &str, body: Body) -> String {
    let (ledger, seq) = append(reg, actor, at, &[body]);
    match Registry::replay(&ledger) {
        Err(Error::ReplayRefused { seq: named, reason }) => {
            assert_eq!(named, seq, "the forged entry is the one named ({reason})");
            reason
        }
        other => panic!("the forged entry was not refused: {other:?}"),
    }
}

#[track_caller]
fn refused(reg: &Registry, actor: StaffId, body: Body) -> String {
    refused_at(reg, actor, LATER, body)
}

/// Replays `reg`'s ledger and checks it rebuilds `reg`.
#[track_caller]
fn replays(reg: &Registry) {
    assert_eq!(&Registry::replay(reg.ledger()).unwrap(), reg);
}

/// The last record of the ledger's refusal, as the registry recorded it.
#[track_caller]
fn last_refusal(reg: &Registry) -> Value {
    let last = reg.ledger().records().last().unwrap().unwrap();
    assert!(matches!(last.body, Body::Refused(_)), "{:?}", last.body);
    serde_json::to_value(&last.body).unwrap()["refused"].clone()
}

/// A plain household registration in `group`, as a command's JSON.
fn register_household(group: fangkong::UnitId, address: &str) -> Value {
    serde_json::to_value(Command::from(GridCommand::RegisterHousehold {
        group,
        address: address.into(),
    }))
    .unwrap()
}

/// A resident registration whose identity number is masked as a refusal keeps it: an attempt
/// that no longer rebuilds as a command.
fn masked_resident_attempt(household: HouseholdId) -> Value {
    let details = ResidentDetails::new("冒名", Sex::Female, day("1949-12-31"), Relation::Child)
        .with_identity(ID_WORKED_1.parse().unwrap());
    let mut v = serde_json::to_value(Command::from(GridCommand::RegisterResident {
        household,
        details,
    }))
    .unwrap();
    let text = serde_json::to_string(&v)
        .unwrap()
        .replace(ID_WORKED_1, "1101**********002X");
    v = serde_json::from_str(&text).unwrap();
    assert!(serde_json::from_value::<Command>(v.clone()).is_err());
    v
}

// ---- 1. Every record's schema ----------------------------------------------------------------

#[test]
fn a_record_of_another_schema_after_genuine_entries_is_refused_by_replay() {
    // Given the genuine township, when a valid household registration (what the registry would
    // record) is appended with `"schema":99` and a valid hash, then replay refuses the ledger
    // naming version 99.
    // Before: only the first line's schema was read; replay accepted the entry.
    let g = given();
    let body = Body::Event(
        fangkong::grid::GridEvent::HouseholdRegistered {
            household: HouseholdId::new(2),
            group: g.qianjin_1,
            address: "Qianjin 1-02".into(),
        }
        .into(),
    );
    let seq = g.reg.ledger().head().seq + 1;
    let body_json = serde_json::to_string(&body).unwrap();
    // The same entry at the current schema is accepted: only the version is wrong.
    let current = record(seq, LATER, g.worker_qianjin_1, seq, 1, &body);
    Registry::replay(&append_records(&g.reg, &[current])).unwrap();
    let forged = record_json(99, seq, LATER, g.worker_qianjin_1, seq, 1, &body_json);
    let ledger = append_records(&g.reg, &[forged]);
    match Registry::replay(&ledger) {
        Err(Error::Ledger(LedgerError::UnsupportedLedgerVersion { found: 99, .. })) => {}
        other => panic!("{other:?}"),
    }
}

// ---- 2. Forged refusals, and genuine ones --------------------------------------------------

#[test]
fn a_command_within_the_workers_group_forged_as_refused_is_refused() {
    // Given Li Hua, grid worker of Qianjin group 1, when a forged refusal says she was refused
    // registering a household in her own group as "outside her units", then replay decides the
    // command again, finds it accepted, and refuses the entry.
    // Before: a refusal was accepted unread, whatever it said.
    let g = given();
    let reason = refused(
        &g.reg,
        g.worker_qianjin_1,
        refusal(json!({
            "attempt": register_household(g.qianjin_1, "Qianjin 1-02"),
            "code": "outside_assigned_units",
            "reason": "grid worker Li Hua (S2) may not register a household in Qianjin group 1 (U4)",
        })),
    );
    assert!(reason.contains("would have been accepted"), "{reason}");
}

#[test]
fn the_secretary_forged_as_refused_an_export_of_the_roster_is_refused() {
    // Given S1, the secretary (a leader, who may export), when a forged refusal says "S1 tried
    // to export the roster" and was refused, then replay refuses it: the export would have been
    // made. A forger cannot put an attempt on anyone's record.
    // Before: accepted.
    let g = given();
    let reason = refused(
        &g.reg,
        g.secretary,
        refusal(json!({
            "attempt": {"audit": {"ExportList": {"list": "residents"}}},
            "code": "role_not_permitted",
            "reason": "S1 may not export personal data",
        })),
    );
    assert!(reason.contains("would have been accepted"), "{reason}");
}

#[test]
fn a_refusal_keeping_a_full_identity_number_or_phone_is_refused() {
    // Given the township, when a forged refusal's attempt holds 11010519491231002X and
    // 13874561234 in full, or its reason is an identity number in full, then replay refuses it:
    // a refusal never keeps them (PIPL, DOMAIN.md §8).
    // Before: accepted; a refusal could carry anyone's personal data into the ledger.
    let g = given();
    let attempt = json!({"grid": {"RegisterResident": {
        "household": g.home.get(),
        "details": {"name": "冒名", "sex": "female", "born": "1949-12-31", "relation": "child",
                    "identity": ID_WORKED_1, "phone": PHONE_2},
    }}});
    let reason = refused(
        &g.reg,
        g.worker_qianjin_1,
        refusal(json!({"attempt": attempt, "code": "duplicate_identity", "reason": "duplicate"})),
    );
    assert!(reason.contains("unmasked"), "{reason}");
    assert!(!reason.contains(ID_WORKED_1) && !reason.contains(PHONE_2));
    // The phone alone, in a text of an otherwise plain command.
    let reason = refused(
        &g.reg,
        g.worker_baiyun_1,
        refusal(json!({
            "attempt": register_household(g.qianjin_1, &format!("call {PHONE_2}")),
            "code": "outside_assigned_units",
            "reason": "outside",
        })),
    );
    assert!(reason.contains("unmasked"), "{reason}");
    // The reason alone.
    let reason = refused(
        &g.reg,
        g.worker_baiyun_1,
        refusal(json!({
            "attempt": register_household(g.qianjin_1, "Qianjin 1-02"),
            "code": "outside_assigned_units",
            "reason": ID_WORKED_1,
        })),
    );
    assert!(reason.contains("unmasked"), "{reason}");
}

#[test]
fn a_refusal_whose_attempt_is_no_command_is_refused() {
    // Given the township, when a forged refusal's attempt is `[1,2,3]`, then replay refuses it.
    // Before: accepted.
    let g = given();
    let reason = refused(
        &g.reg,
        g.volunteer,
        refusal(json!({"attempt": [1, 2, 3], "code": "role_not_permitted", "reason": "no"})),
    );
    assert!(reason.contains("not a command of any kind"), "{reason}");
}

#[test]
fn a_refusal_whose_attempted_instant_is_later_or_not_an_instant_is_refused() {
    // Given the township, when a forged refusal says the command was dated after the entry's
    // own instant, or dated "yesterday", then replay refuses it: an attempted instant is kept
    // only for a command dated before the ledger's last entry.
    // Before: accepted.
    let g = given();
    for attempted in ["2020-01-26T10:00:00+08:00", "yesterday"] {
        let reason = refused(
            &g.reg,
            g.worker_baiyun_1,
            refusal(json!({
                "attempt": register_household(g.qianjin_1, "Qianjin 1-02"),
                "attempted_at": attempted,
                "code": "instant_before_ledger",
                "reason": "before the ledger",
            })),
        );
        assert!(reason.contains("attempted instant"), "{reason}");
    }
}

#[test]
fn a_refusal_with_a_code_no_error_has_is_refused() {
    // Given the township, when a forged refusal carries the code "because_i_said_so", then
    // replay refuses it.
    // Before: refusals had no code and were accepted.
    let g = given();
    let code = "because_i_said_so";
    assert!(!Error::CODES.contains(&code));
    let reason = refused(
        &g.reg,
        g.worker_baiyun_1,
        refusal(json!({
            "attempt": register_household(g.qianjin_1, "Qianjin 1-02"),
            "code": code,
            "reason": "outside",
        })),
    );
    assert!(reason.contains("not one this release gives"), "{reason}");
}

#[test]
fn a_masked_attempt_with_a_code_its_kind_cannot_give_is_refused() {
    // Given a grid attempt masked beyond rebuilding (its identity number masked), when a forged
    // refusal gives it a report's code ("report_for_future_day") or a code only reading a
    // ledger gives ("ledger_tampered"), then replay refuses it; with a grid code it is
    // accepted (`a_genuine_refusal_of_a_masked_resident_replays` records one for real).
    // Before: accepted whatever the code.
    let g = given();
    for code in [
        "report_for_future_day",
        "ledger_tampered",
        "depends_on_refused_row",
    ] {
        let reason = refused(
            &g.reg,
            g.worker_qianjin_1,
            refusal(json!({
                "attempt": masked_resident_attempt(g.home),
                "code": code,
                "reason": "refused",
            })),
        );
        assert!(
            reason.contains("not one a command of its kind gives"),
            "{code}: {reason}"
        );
    }
    let (ledger, _) = append(
        &g.reg,
        g.worker_qianjin_1,
        LATER,
        &[refusal(json!({
            "attempt": masked_resident_attempt(g.home),
            "code": "duplicate_identity",
            "reason": "refused",
        }))],
    );
    Registry::replay(&ledger).unwrap();
}

#[test]
fn a_plain_command_with_a_code_other_than_its_own_is_refused() {
    // Given Zhou Min, grid worker of Baiyun group 1, when a forged refusal of her registering a
    // household in Qianjin group 1 gives the code "unknown_unit" (the unit exists; the true code
    // is "outside_assigned_units"), then replay refuses it, naming both codes.
    // Before: accepted.
    let g = given();
    let reason = refused(
        &g.reg,
        g.worker_baiyun_1,
        refusal(json!({
            "attempt": register_household(g.qianjin_1, "Qianjin 1-02"),
            "code": "unknown_unit",
            "reason": "no such unit",
        })),
    );
    assert!(
        reason.contains("\"unknown_unit\"") && reason.contains("\"outside_assigned_units\""),
        "{reason}"
    );
}

#[test]
fn a_genuine_refusal_outside_the_workers_group_replays() {
    // Given Zhou Min of Baiyun group 1, when she registers a household in Qianjin group 1, then
    // the refusal is recorded with the error's code and the ledger replays to the registry.
    let mut g = given();
    let err = g
        .reg
        .register_household(g.worker_baiyun_1, at(LATER), g.qianjin_1, "Qianjin 1-02")
        .unwrap_err();
    assert!(matches!(err, Error::OutsideAssignedUnits { .. }), "{err:?}");
    assert_eq!(last_refusal(&g.reg)["code"], json!(err.code()));
    replays(&g.reg);
}

#[test]
fn a_genuine_refusal_dated_before_the_last_entry_replays() {
    // Given an entry on the 25th, when Li Hua registers a household dated the 24th, then it is
    // refused for that alone, recorded at the 25th with the attempted instant, and replays.
    let mut g = given();
    g.reg
        .register_household(g.worker_qianjin_1, at(LATER), g.qianjin_1, "Qianjin 1-02")
        .unwrap();
    let err = g
        .reg
        .register_household(g.worker_qianjin_1, at(T0), g.qianjin_1, "Qianjin 1-03")
        .unwrap_err();
    assert_eq!(err.code(), "instant_before_ledger");
    let r = last_refusal(&g.reg);
    assert_eq!(r["attempted_at"], json!(T0));
    assert_eq!(r["code"], json!("instant_before_ledger"));
    replays(&g.reg);
}

#[test]
fn a_genuine_batch_row_refused_for_depending_on_a_refused_row_replays() {
    // Given a batch whose first row registers a household with no address, when the second
    // row registers a resident in it (`Ref::Row(0)`) and the third a resident in the second
    // row's household (it created none), then rows are refused and the ledger replays.
    let mut g = given();
    let t = at(LATER);
    let resident =
        |name: &str| ResidentDetails::new(name, Sex::Male, day("1990-05-01"), Relation::Head);
    let results = g.reg.execute_all(vec![
        BatchItem::new(
            g.worker_qianjin_1,
            t,
            BatchCommand::RegisterHousehold {
                group: g.qianjin_1.into(),
                address: "".into(),
            },
        ),
        BatchItem::new(
            g.worker_qianjin_1,
            t,
            BatchCommand::RegisterResident {
                household: Ref::Row(0),
                details: resident("王强"),
            },
        ),
        BatchItem::new(
            g.worker_qianjin_1,
            t,
            BatchCommand::RegisterResident {
                household: Ref::Row(1),
                details: resident("王刚"),
            },
        ),
    ]);
    let codes: Vec<&str> = results
        .iter()
        .map(|r| r.as_ref().unwrap_err().code())
        .collect();
    assert_eq!(
        codes,
        [
            "empty_text",
            "depends_on_refused_row",
            "depends_on_refused_row"
        ]
    );
    every_refusal_carries_its_errors_code(
        &g.reg,
        &results
            .iter()
            .map(|r| r.as_ref().unwrap_err())
            .collect::<Vec<_>>(),
    );
    replays(&g.reg);
}

#[test]
fn a_genuine_refusal_of_a_masked_resident_replays() {
    // Given 王秀英 registered with 11010519491231002X, when a second resident is registered
    // with the same number, then the refusal keeps the number masked (so its attempt no
    // longer rebuilds as a command) and the ledger replays.
    let mut g = given();
    let details = ResidentDetails::new("冒名", Sex::Female, day("1949-12-31"), Relation::Child)
        .with_identity(ID_WORKED_1.parse().unwrap())
        .with_phone(PHONE_2.parse().unwrap());
    let err = g
        .reg
        .register_resident(g.worker_qianjin_1, at(LATER), g.home, details)
        .unwrap_err();
    assert_eq!(err.code(), "duplicate_identity");
    let r = last_refusal(&g.reg);
    let text = r.to_string();
    assert!(
        !text.contains(ID_WORKED_1) && !text.contains(PHONE_2),
        "{text}"
    );
    assert!(text.contains("1101**********002X"), "{text}");
    replays(&g.reg);
}

#[test]
fn a_refusal_whose_reason_is_reworded_still_replays() {
    // Given a genuine refusal (Zhou Min outside her group), when its reason text is reworded
    // (a later release words the message differently; the code is the same), then the ledger
    // still replays: replay compares codes, never English.
    let g = given();
    let mut probe = g.reg.clone();
    probe
        .register_household(g.worker_baiyun_1, at(LATER), g.qianjin_1, "Qianjin 1-02")
        .unwrap_err();
    let mut r = last_refusal(&probe);
    r["reason"] = json!("网格员周敏不负责前进村1组 (reworded)");
    let (ledger, _) = append(&g.reg, g.worker_baiyun_1, LATER, &[refusal(r)]);
    Registry::replay(&ledger).unwrap();
}

// ---- 3. A report's figures and head are the registry's own -----------------------------------

/// Given the township with a schedule from the 24th, the township's report for the 24th
/// submitted in the evening by the secretary; returns the registry before the submission,
/// the head and figures it should carry, and the submitted event's JSON.
fn report_of_the_24th() -> (Given, Value) {
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
    let mut probe = g.reg.clone();
    let evening = at("2020-01-24T20:00:00+08:00");
    let figures = probe.daily_figures(probe.township(), d);
    let before = probe.ledger().head();
    probe
        .submit_report(g.secretary, evening, probe.township(), d, "")
        .unwrap();
    let last = probe.ledger().records().last().unwrap().unwrap();
    let Body::Event(Event::Report(ReportEvent::ReportSubmitted {
        figures: carried,
        head,
        ..
    })) = &last.body
    else {
        panic!("{:?}", last.body)
    };
    // The registry's own figures and the head just before the report's entry.
    assert_eq!(*carried, figures);
    assert_eq!(*head, before);
    let event = serde_json::to_value(&last.body).unwrap();
    (g, event)
}

#[test]
fn a_report_carries_the_registrys_own_figures_and_head() {
    // Given a schedule, when the township's report for today is submitted, then it carries
    // `daily_figures` and the head just before its own entry; when a report for a past day is
    // submitted, it carries that day's last head.
    // Before: `SubmitReport` carried figures and a head the caller stated.
    let (mut g, _) = report_of_the_24th();
    let d = day("2020-01-24");
    let end_of_24th = g.reg.head_at_end_of(d).unwrap();
    g.reg
        .register_household(g.worker_qianjin_1, at(LATER), g.qianjin_1, "Qianjin 1-02")
        .unwrap();
    let figures = g.reg.daily_figures(g.reg.township(), d);
    g.reg
        .execute(
            g.secretary,
            at(LATER),
            ReportCommand::SubmitReport {
                unit: g.reg.township(),
                day: d,
                note: "late".into(),
            },
        )
        .unwrap();
    let report = g.reg.report(g.reg.township(), d).unwrap();
    assert_eq!(report.head, end_of_24th);
    assert_eq!(report.figures, figures);
    replays(&g.reg);
}

#[test]
fn forged_reports_with_figures_or_heads_of_their_own_are_refused() {
    // Given the genuine report of the 24th (as the registry records it), when it is forged
    // with figures of 9,999, with an earlier head of the day, with a zero hash, or with a head
    // at seq u64::MAX, then replay refuses each: it computes the figures and head again.
    // Before: the command carried the figures and head, so replay accepted what it said.
    let (g, genuine) = report_of_the_24th();
    let evening = "2020-01-24T20:00:00+08:00";
    // The genuine event itself is accepted.
    let body: Body = serde_json::from_value(genuine.clone()).unwrap();
    Registry::replay(&append(&g.reg, g.secretary, evening, &[body]).0).unwrap();

    let inner = "/event/report/ReportSubmitted";
    let earlier = g.reg.ledger().entries().nth(3).unwrap().hash().to_string();
    let edits: Vec<(&str, Edit<'_>)> = vec![
        (
            "figures of 9,999",
            Box::new(|v: &mut Value| {
                let figures = v.pointer_mut(&format!("{inner}/figures")).unwrap();
                for (_, n) in figures.as_object_mut().unwrap() {
                    *n = json!(9999);
                }
            }),
        ),
        (
            "an earlier head of the day",
            Box::new(move |v: &mut Value| {
                *v.pointer_mut(&format!("{inner}/head")).unwrap() =
                    json!({"seq": 4, "hash": earlier.clone()});
            }),
        ),
        (
            "a zero hash",
            Box::new(|v: &mut Value| {
                *v.pointer_mut(&format!("{inner}/head/hash")).unwrap() = json!("0".repeat(64));
            }),
        ),
        (
            "seq u64::MAX",
            Box::new(|v: &mut Value| {
                *v.pointer_mut(&format!("{inner}/head/seq")).unwrap() = json!(u64::MAX);
            }),
        ),
    ];
    for (what, edit) in edits {
        let mut v = genuine.clone();
        edit(&mut v);
        assert_ne!(v, genuine, "{what}");
        let body: Body = serde_json::from_value(v).unwrap();
        let reason = refused_at(&g.reg, g.secretary, evening, body);
        assert!(reason.contains("ReportSubmitted"), "{what}: {reason}");
    }
}

/// A change made to a recorded event's JSON.
type Edit<'a> = Box<dyn Fn(&mut Value) + 'a>;

// ---- 4. Trail exports prove to kept heads ----------------------------------------------------

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Given the township with a schedule and the township's report of the 24th submitted; then a
/// resident registered in the household on the 25th, after the report's head.
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
fn a_made_up_export_proving_to_a_head_it_states_itself_is_refused() {
    // Given the tree heads the county kept from the reports, when someone makes up an export:
    // one fabricated record with an inclusion proof to a tree head the export states (a tree of
    // that one record: internally consistent, built with SHA-256 as LEDGER.md says), then the
    // check refuses it as proving to an unkept tree head.
    // Before: `TrailExport::check` checked each proof against the head it stated: accepted.
    let g = reported_then_more();
    let kept = g.reg.report_tree_heads();
    assert_eq!(kept.len(), 1);
    let rec = record(
        1,
        T0,
        g.worker_qianjin_1,
        1,
        1,
        &Body::Event(
            fangkong::grid::GridEvent::HouseholdRegistered {
                household: g.home,
                group: g.qianjin_1,
                address: "a house that was never registered".into(),
            }
            .into(),
        ),
    );
    // A tree of one leaf: its root is the leaf hash, SHA-256(0x00 ‖ SHA-256(record)).
    let mut leaf = vec![0u8];
    leaf.extend(sha2::Sha256::digest(rec.as_bytes()));
    let root = sha256_hex(&leaf);
    let export: TrailExport = serde_json::from_value(json!({
        "subject": {"household": g.home.get()},
        "tree_head": {"size": 1, "root": root},
        "entries": [{
            "record": rec,
            "proof": {"leaf_index": 0, "tree_size": 1, "path": []},
        }],
        "pending": [],
    }))
    .unwrap();
    // Internally consistent: the record holds against its own proof and stated head.
    export.entries[0].check(&export.tree_head).unwrap();
    match export.check(&kept) {
        Err(Error::Proof(ProofError::UnkeptTreeHead { size: 1, root: r })) => {
            assert_eq!(r.to_string(), root)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_genuine_export_checks_with_later_entries_pending() {
    // Given the report of the 24th kept and a resident registered on the 25th, when the
    // secretary exports the household's trail, then the entries before the report's head are
    // proved to it, and the entry after it is pending, never counted as proved.
    let mut g = reported_then_more();
    let kept = g.reg.report_tree_heads();
    let after = g.reg.ledger().head().seq; // the resident registered on the 25th
    let export = g
        .reg
        .export_trail(g.secretary, at(LATER), Subject::Household(g.home), &[])
        .unwrap();
    let checked = export.check(&kept).unwrap();
    assert!(!checked.proved.is_empty());
    assert!(checked.proved.iter().all(|s| *s <= kept[0].size));
    assert_eq!(checked.pending, vec![after]);
    assert!(!checked.proved.contains(&after));
    replays(&g.reg);
}

// ---- 5. A failed export is not recorded -------------------------------------------------------

#[test]
fn an_export_that_fails_records_nothing_and_a_refused_one_is_recorded() {
    // Given the ledger drained to storage (the trail's early entries no longer held), when the
    // secretary exports the household's trail without handing the part in, then it fails and
    // the ledger records neither an export nor a refusal.
    // Before: the export was recorded before it was made, so the ledger said the data left.
    let mut g = reported_then_more();
    let part = g.reg.drain_ledger();
    let head = g.reg.ledger().head();
    let err = g
        .reg
        .export_trail(g.secretary, at(LATER), Subject::Household(g.home), &[])
        .unwrap_err();
    assert!(
        matches!(err, Error::Ledger(LedgerError::EntryNotHeld { .. })),
        "{err:?}"
    );
    assert_eq!(g.reg.ledger().head(), head);
    assert!(g.reg.ledger().is_empty());
    // With the part handed in, it is made and recorded.
    g.reg
        .export_trail(g.secretary, at(LATER), Subject::Household(g.home), &[&part])
        .unwrap();
    assert_eq!(g.reg.ledger().head().seq, head.seq + 1);
    // A grid worker may not take personal data out: refused, and the refusal recorded.
    let err = g
        .reg
        .export_trail(
            g.worker_qianjin_1,
            at(LATER),
            Subject::Household(g.home),
            &[&part],
        )
        .unwrap_err();
    assert!(matches!(err, Error::RoleNotPermitted { .. }), "{err:?}");
    assert_eq!(g.reg.ledger().head().seq, head.seq + 2);
    assert_eq!(last_refusal(&g.reg)["code"], json!("role_not_permitted"));
}

// ---- 6. A long chain of batch rows -----------------------------------------------------------

/// Given the township, a batch of `n` rows by the secretary: the first establishes a second
/// group 1 in Qianjin (refused), each later one registers a household in the group the row
/// before created. Returns the errors and the bytes the batch added to the ledger.
fn chain_of_rows(n: usize) -> (Vec<Error>, usize) {
    let mut g = given();
    let before = g.reg.ledger().to_jsonl().len();
    let t = at(LATER);
    let mut items = vec![BatchItem::new(
        g.secretary,
        t,
        BatchCommand::EstablishGroup {
            village: g.qianjin.into(),
            number: 1,
            name: "Qianjin group 1 again".into(),
        },
    )];
    for i in 1..n {
        items.push(BatchItem::new(
            g.secretary,
            t,
            BatchCommand::RegisterHousehold {
                group: Ref::Row(i - 1),
                address: format!("row {i}"),
            },
        ));
    }
    let errors: Vec<Error> = g
        .reg
        .execute_all(items)
        .into_iter()
        .map(|r| r.unwrap_err())
        .collect();
    let after = g.reg.ledger().to_jsonl().len();
    (errors, after - before)
}

#[test]
fn a_chain_of_a_thousand_dependent_rows_keeps_every_refusal_short() {
    // Given a batch of 1,000 rows each depending on the one before, the first refused, then
    // every error names one row and is short, and the ledger grows by about the same bytes
    // per refusal at 500 rows as at 1,000.
    // Before: each row's reason quoted the whole chain before it: the 1,000th message held
    // 999 reasons, and the ledger grew with the square of the rows.
    let (errors, bytes_1000) = chain_of_rows(1000);
    assert_eq!(errors.len(), 1000);
    assert_eq!(errors[0].code(), "duplicate_group_number");
    for (i, e) in errors.iter().enumerate() {
        let text = e.to_string();
        assert!(text.len() < 300, "row {i}: {} bytes: {text}", text.len());
        if i > 0 {
            assert_eq!(e.code(), "depends_on_refused_row");
        }
    }
    let (_, bytes_500) = chain_of_rows(500);
    let per_row_500 = bytes_500 as f64 / 500.0;
    let per_row_1000 = bytes_1000 as f64 / 1000.0;
    assert!(
        per_row_1000 < per_row_500 * 1.1,
        "{per_row_500:.0} bytes a row at 500 rows, {per_row_1000:.0} at 1,000"
    );
}

// ---- 7. Observations ---------------------------------------------------------------------------

#[test]
fn a_trails_serde_form_holds_no_full_identity_number_or_phone() {
    // Given 王秀英 registered with her identity number and phone, when her trail is read and
    // written with serde, then both are masked: reading a trail is not recorded.
    // Before: the trail's entries were serialized as recorded, in full.
    let g = given();
    let trail = g.reg.trail(Subject::Resident(g.head), &[]).unwrap();
    assert!(!trail.entries.is_empty());
    let json = serde_json::to_string(&trail).unwrap();
    assert!(
        !json.contains(ID_WORKED_1) && !json.contains(PHONE),
        "{json}"
    );
    assert!(json.contains("1101**********002X"), "{json}");
}

/// Given an inspector's covert visit finding nobody on post in Qianjin group 1, Li Hua
/// responsible; returns the finding.
fn a_finding_against_li_hua(g: &mut Given) -> fangkong::supervision::FindingId {
    let t = at(T0);
    let inspector = g
        .reg
        .enroll_staff(g.secretary, t, "Zhao Min", Role::Inspector, None)
        .unwrap();
    g.reg
        .assign(
            g.secretary,
            t,
            inspector,
            g.reg.township(),
            Duty::Supervision,
        )
        .unwrap();
    let afternoon = at("2020-01-24T14:00:00+08:00");
    let inspection = g
        .reg
        .record_inspection(
            inspector,
            afternoon,
            InspectionMode::Covert,
            InspectionTarget::Unit(g.qianjin_1),
            afternoon,
            vec![ItemCheck::failed(
                ChecklistItem::StaffOnPost,
                "checkpoint unmanned at 14:00",
            )],
        )
        .unwrap();
    let source = FindingSource::ChecklistItem {
        inspection,
        item: ChecklistItem::StaffOnPost,
    };
    g.reg
        .record_finding(
            inspector,
            afternoon,
            source,
            g.worker_qianjin_1,
            day("2020-01-26"),
            "nobody at the Qianjin checkpoint at 14:00",
        )
        .unwrap()
}

#[test]
fn accountability_needs_a_link_to_the_finding_and_grounds() {
    // Given a finding against Li Hua, when the secretary decides accountability against Tang
    // Ping, a volunteer with no link to it, then it is refused; against Li Hua with empty
    // grounds, refused too; against Li Hua with grounds, decided.
    // Before: both were decided.
    let mut g = given();
    let finding = a_finding_against_li_hua(&mut g);
    let next_day = at(LATER);
    let written = CadreForm::Admonition(AdmonitionManner::Written);
    let err = g
        .reg
        .decide_accountability(
            g.secretary,
            next_day,
            vec![finding],
            Accountable::Cadre {
                staff: g.volunteer,
                form: written,
            },
            day("2020-01-25"),
            "absent from post",
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Supervision(SupervisionError::AccountableNotLinked { .. })
        ),
        "{err:?}"
    );
    let err = g
        .reg
        .decide_accountability(
            g.secretary,
            next_day,
            vec![finding],
            Accountable::Cadre {
                staff: g.worker_qianjin_1,
                form: written,
            },
            day("2020-01-25"),
            "  ",
        )
        .unwrap_err();
    assert!(matches!(err, Error::TextRequired { .. }), "{err:?}");
    g.reg
        .decide_accountability(
            g.secretary,
            next_day,
            vec![finding],
            Accountable::Cadre {
                staff: g.worker_qianjin_1,
                form: written,
            },
            day("2020-01-25"),
            "absent from post",
        )
        .unwrap();
    replays(&g.reg);
}

#[test]
fn a_screening_rule_looks_back_one_to_366_days() {
    // Given the January 2020 rule, when it is adopted with a look-back of 0 days or u32::MAX
    // days, then it is refused; with 1 or MAX_LOOK_BACK_DAYS, adopted.
    // Before: 0 and u32::MAX were adopted (a window of u32::MAX days cannot be computed).
    let mut g = given();
    let adopt = |reg: &mut Registry, days: u32| {
        let mut rule = ScreeningRule::returnee_jan2020();
        rule.look_back_days = days;
        reg.execute(
            StaffId::new(1),
            at(T0),
            fangkong::screening::ScreeningCommand::AdoptScreeningRule { rule },
        )
    };
    for days in [0, u32::MAX, MAX_LOOK_BACK_DAYS + 1] {
        let err = adopt(&mut g.reg, days).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Screening(ScreeningError::LookBackOutOfRange { .. })
            ),
            "{days}: {err:?}"
        );
    }
    for days in [1, MAX_LOOK_BACK_DAYS] {
        adopt(&mut g.reg, days).unwrap();
    }
    replays(&g.reg);
}

// ---- 8. Codes ------------------------------------------------------------------------------------

/// Checks that the registry's refusals, in order, carry the codes of `errors`.
#[track_caller]
fn every_refusal_carries_its_errors_code(reg: &Registry, errors: &[&Error]) {
    let refusals = reg.refusals().unwrap();
    assert_eq!(refusals.len(), errors.len());
    for (record, err) in refusals.iter().zip(errors) {
        match &record.body {
            Body::Refused(r) => assert_eq!(r.code, err.code(), "entry {}", record.seq),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn every_refusal_keeps_the_code_of_the_error_that_refused_it() {
    // Given the township, when commands of several modules are refused, then each refusal
    // entry carries `err.code()` of the error returned, and the ledger replays.
    // Before: refusals had no code.
    let mut g = given();
    let t = at(LATER);
    let mut errors = vec![
        g.reg
            .register_household(g.worker_baiyun_1, t, g.qianjin_1, "Qianjin 1-02")
            .unwrap_err(),
    ];
    errors.push(
        g.reg
            .enroll_staff(g.volunteer, t, "Impostor", Role::Leader, None)
            .unwrap_err(),
    );
    errors.push(
        g.reg
            .register_household(g.worker_qianjin_1, t, g.qianjin_1, "")
            .unwrap_err(),
    );
    errors.push(
        g.reg
            .establish_unit(
                g.secretary,
                t,
                UnitKind::Village,
                "x".repeat(5000),
                g.reg.township(),
                None,
            )
            .unwrap_err(),
    );
    errors.push(
        g.reg
            .submit_report(g.secretary, t, g.reg.township(), day("2020-01-25"), "")
            .unwrap_err(),
    );
    errors.push(
        g.reg
            .register_household(g.worker_qianjin_1, at(T0), g.qianjin_1, "Qianjin 1-03")
            .unwrap_err(),
    );
    errors.push(
        g.reg
            .export_trail(g.volunteer, t, Subject::Household(g.home), &[])
            .unwrap_err(),
    );
    let codes: Vec<&str> = errors.iter().map(Error::code).collect();
    assert_eq!(
        codes,
        [
            "outside_assigned_units",
            "role_not_permitted",
            "empty_text",
            "text_too_long",
            "no_reporting_schedule",
            "instant_before_ledger",
            "role_not_permitted",
        ]
    );
    every_refusal_carries_its_errors_code(&g.reg, &errors.iter().collect::<Vec<_>>());
    replays(&g.reg);
}

#[test]
fn error_codes_are_unique_and_lower_snake_case() {
    let mut seen = std::collections::BTreeSet::new();
    for code in Error::CODES {
        assert!(seen.insert(*code), "{code} twice");
        assert!(
            !code.is_empty()
                && code.starts_with(|c: char| c.is_ascii_lowercase())
                && !code.ends_with('_')
                && !code.contains("__")
                && code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{code}"
        );
    }
}

// ---- Findings on the fix itself ------------------------------------------------------------------

// ---- Findings on the fix itself --------------------------------------------------------------
//
// A refusal whose attempt does not rebuild as a command is checked by its shape and code alone
// (`attempt_kind`, `possible_for`), because masking can make a genuine attempt unreadable. But
// masking only ever turns digits into `*`: an attempt that does not rebuild and holds nothing
// masked, or a batch row that names no row, cannot have been written by the registry. A
// second reading found these forgeries accepted by the first version of the fix; replay now
// refuses them (`check_unrebuilt` in src/registry/replay.rs).

#[test]
fn a_forged_refusal_whose_attempt_is_unreadable_without_masking_is_refused() {
    // Given S1, the secretary, when a forged refusal says she tried to export the list
    // "everyone" (no such list; nothing in the attempt masked, so the registry cannot have
    // written it) and was refused, then replay should refuse the entry: a refusal puts an
    // attempt to take personal data out on her record.
    let g = given();
    let attempt = json!({"audit": {"ExportList": {"list": "everyone"}}});
    assert!(!attempt.to_string().contains('*'));
    refused(
        &g.reg,
        g.secretary,
        refusal(json!({
            "attempt": attempt,
            "code": "role_not_permitted",
            "reason": "S1 may not export personal data",
        })),
    );
}

#[test]
fn a_forged_refusal_of_an_unknown_actor_with_a_code_other_than_unknown_staff_is_refused() {
    // Given S99, enrolled nowhere, when a forged refusal of a masked grid attempt by S99 gives
    // the code "duplicate_identity", then replay should refuse it: whatever S99 attempted was
    // refused as `unknown_staff` (authorization comes first), or `instant_before_ledger`.
    let g = given();
    refused(
        &g.reg,
        StaffId::new(99),
        refusal(json!({
            "attempt": masked_resident_attempt(g.home),
            "code": "duplicate_identity",
            "reason": "refused",
        })),
    );
}

#[test]
fn a_forged_batch_row_refusal_that_names_no_row_is_refused() {
    // Given the township, when a forged refusal of a batch row that names no earlier row (its
    // group is an id) says it "depends on a refused row", then replay should refuse it: only a
    // row that names a row (`{"row":n}`) is ever refused so.
    let g = given();
    refused(
        &g.reg,
        g.worker_qianjin_1,
        refusal(json!({
            "attempt": {"register_household": {"group": {"id": g.qianjin_1.get()}, "address": "x"}},
            "code": "depends_on_refused_row",
            "reason": "row 0 of the batch, which this command depends on, was refused",
        })),
    );
}
