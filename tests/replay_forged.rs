//! Replay trusts no entry. The ledger's hash is unkeyed, so whoever can write the file can
//! append entries whose hashes verify: each test here forges such entries after a genuine
//! ledger (writing the record, its digest and the chain hash exactly as LEDGER.md says) and
//! checks that replay refuses the forged entry, naming it and why. Each finding of issue 13
//! (forged entries the earlier replay accepted) has its test.

use fangkong::grid::GridEvent;
use fangkong::observation::{Method, Reading, Reporter};
use fangkong::observation::{ObservationId, Temperature};
use fangkong::{
    Body, Duty, Error, Event, HouseholdId, Instant, Ledger, Registry, Relation, ResidentDetails,
    ResidentId, Role, Sex, StaffId, UnitId, UnitKind,
};

use crate::common::*;

/// A day after the genuine entries.
const LATER: &str = "2020-01-25T10:00:00+08:00";

/// One command to forge: who, when, its events.
struct Forged {
    actor: StaffId,
    at: &'static str,
    events: Vec<Event>,
}

fn forged(actor: StaffId, events: Vec<Event>) -> Forged {
    Forged {
        actor,
        at: LATER,
        events,
    }
}

/// As [`refused`], for a forged command of one event, refused at its entry.
#[track_caller]
fn refused_one(reg: &Registry, actor: StaffId, event: impl Into<Event>) -> String {
    refused(reg, forged(actor, vec![event.into()]), 0)
}

/// Replays the genuine ledger with the forged command appended; returns the entry replay
/// refused and why, after checking that it is the forged one (plus `offset`).
#[track_caller]
fn refused(reg: &Registry, f: Forged, offset: u64) -> String {
    let bodies: Vec<Body> = f.events.into_iter().map(Body::Event).collect();
    let (ledger, first) = append(reg, f.actor, f.at, &bodies);
    match Registry::replay(&ledger) {
        Err(Error::ReplayRefused { seq, reason }) => {
            assert_eq!(seq, first + offset, "the entry named ({reason})");
            // The message names the entry too.
            let e = Error::ReplayRefused {
                seq,
                reason: reason.clone(),
            };
            assert!(
                e.to_string()
                    .starts_with(&format!("ledger entry {seq} cannot be replayed: "))
            );
            reason
        }
        other => panic!("the forged entry was not refused: {other:?}"),
    }
}

fn g() -> Given {
    given()
}

fn child(name: &str) -> ResidentDetails {
    ResidentDetails::new(name, Sex::Male, day("2010-03-01"), Relation::Child)
}

/// The next resident, household and unit ids of `given()`.
const NEXT_RESIDENT: ResidentId = ResidentId::new(3);
const NEXT_UNIT: UnitId = UnitId::new(8);

#[test]
fn the_genuine_ledger_replays_and_its_forgeries_verify() {
    // Given the shared township, when nothing is forged, then replay rebuilds it.
    let g = g();
    assert_eq!(Registry::replay(g.reg.ledger()).unwrap(), g.reg);
    // And a forged entry that says exactly what the registry would have recorded is accepted:
    // replay refuses what is wrong, not what is merely written by someone else.
    let f = forged(
        g.worker_qianjin_1,
        vec![
            GridEvent::ResidentRegistered {
                resident: NEXT_RESIDENT,
                household: g.home,
                details: child("王小明"),
            }
            .into(),
        ],
    );
    let bodies: Vec<Body> = f.events.into_iter().map(Body::Event).collect();
    let (ledger, _) = append(&g.reg, f.actor, f.at, &bodies);
    let replayed = Registry::replay(&ledger).unwrap();
    assert_eq!(replayed.resident(NEXT_RESIDENT).unwrap().household, g.home);
}

#[test]
fn a_resident_in_a_household_that_does_not_exist_is_refused() {
    let g = g();
    let reason = refused_one(
        &g.reg,
        g.secretary,
        GridEvent::ResidentRegistered {
            resident: NEXT_RESIDENT,
            household: HouseholdId::new(99),
            details: child("王小明"),
        },
    );
    assert!(reason.contains("H99"), "{reason}");
    assert!(
        reason.starts_with("the command it records would have been refused: "),
        "{reason}"
    );
}

#[test]
fn a_reading_for_an_observation_that_does_not_exist_is_refused() {
    let g = g();
    let when: Instant = at(LATER);
    let reading = Reading {
        at: when,
        temperature: Temperature::from_tenths(368).unwrap(),
        method: Method::Armpit,
        by: Reporter::SelfReported,
    };
    let reason = refused_one(
        &g.reg,
        g.worker_qianjin_1,
        fangkong::observation::ObservationEvent::ObservationUpdated {
            observation: ObservationId::new(7),
            change: fangkong::observation::ObservationChange::ReadingRecorded(reading),
        },
    );
    assert!(reason.contains("7"), "{reason}");
    assert!(reason.contains("observation"), "{reason}");
}

#[test]
fn a_grid_worker_acting_outside_their_group_is_refused() {
    // Given Li Hua, grid worker of Qianjin group 1, when a forged entry has her register a
    // household in Baiyun group 1, then replay refuses it as outside her units.
    let g = g();
    let reason = refused_one(
        &g.reg,
        g.worker_qianjin_1,
        GridEvent::HouseholdRegistered {
            household: HouseholdId::new(2),
            group: g.baiyun_1,
            address: "Baiyun 1-01".into(),
        },
    );
    assert_eq!(
        reason,
        "the command it records would have been refused: grid worker Li Hua (S2) may not register a household in Baiyun group 1 (U6): that needs an assignment to Baiyun group 1 (U6) or a unit above it, and they are assigned to Qianjin group 1 (U4)"
    );
}

#[test]
fn a_volunteer_enrolling_a_leader_is_refused() {
    let g = g();
    let reason = refused_one(
        &g.reg,
        g.volunteer,
        GridEvent::StaffEnrolled {
            staff: StaffId::new(7),
            name: "Impostor".into(),
            role: Role::Leader,
            phone: None,
        },
    );
    assert!(
        reason.contains("volunteer Tang Ping (S5) may not enroll staff: only leaders may"),
        "{reason}"
    );
}

#[test]
fn an_unknown_actor_is_refused() {
    let g = g();
    let reason = refused_one(
        &g.reg,
        StaffId::new(99),
        GridEvent::HouseholdRegistered {
            household: HouseholdId::new(2),
            group: g.qianjin_1,
            address: "Qianjin 1-02".into(),
        },
    );
    assert!(
        reason.contains("S99 is not an enrolled member of staff"),
        "{reason}"
    );
}

#[test]
fn a_unit_id_already_used_is_refused_rather_than_overwriting_the_unit() {
    // Given Qianjin is U2, when a forged entry establishes another unit as U2, then replay
    // refuses it: the registry would have numbered it U8.
    let g = g();
    let reason = refused_one(
        &g.reg,
        g.secretary,
        GridEvent::UnitEstablished {
            unit: g.qianjin,
            kind: UnitKind::Village,
            name: "Not Qianjin".into(),
            parent: g.reg.township(),
            code: None,
            number: None,
        },
    );
    assert_eq!(
        reason,
        "it is not what its command records when decided again: at grid.UnitEstablished.unit it says 2, where the registry records 8"
    );
}

#[test]
fn a_resident_id_already_used_is_refused_rather_than_overwriting_the_resident() {
    let g = g();
    let reason = refused_one(
        &g.reg,
        g.worker_qianjin_1,
        GridEvent::ResidentRegistered {
            resident: g.head,
            household: g.home,
            details: child("王小明"),
        },
    );
    assert!(
        reason.contains(
            "at grid.ResidentRegistered.resident it says 1, where the registry records 3"
        ),
        "{reason}"
    );
}

#[test]
fn a_duplicate_identity_number_is_refused_and_stays_masked() {
    // Given 王秀英 registered with 11010519491231002X, when a forged entry registers another
    // resident with the same number, then replay refuses it, never quoting the number in full.
    let g = g();
    let details = ResidentDetails::new("冒名", Sex::Female, day("1949-12-31"), Relation::Child)
        .with_identity(ID_WORKED_1.parse().unwrap());
    let reason = refused_one(
        &g.reg,
        g.worker_qianjin_1,
        GridEvent::ResidentRegistered {
            resident: NEXT_RESIDENT,
            household: g.home,
            details,
        },
    );
    assert!(reason.contains("1101**********002X"), "{reason}");
    assert!(!reason.contains(ID_WORKED_1), "{reason}");
}

#[test]
fn a_second_head_of_household_is_refused() {
    let g = g();
    let details = ResidentDetails::new("王二", Sex::Male, day("1960-01-01"), Relation::Head);
    let reason = refused_one(
        &g.reg,
        g.worker_qianjin_1,
        GridEvent::ResidentRegistered {
            resident: NEXT_RESIDENT,
            household: g.home,
            details,
        },
    );
    assert!(reason.contains("R1"), "the head is named: {reason}");
    assert!(reason.contains("head"), "{reason}");
}

#[test]
fn a_unit_that_is_its_own_parent_is_refused() {
    // Given a grid of seven units, when a forged entry establishes U8 under U8, then replay
    // refuses it (U8 does not exist yet); and an existing unit re-established under itself is
    // refused too (its id is not the next one). The grid stays a tree, so no walk can loop.
    let g = g();
    let reason = refused_one(
        &g.reg,
        g.secretary,
        GridEvent::UnitEstablished {
            unit: NEXT_UNIT,
            kind: UnitKind::Group,
            name: "Loop group".into(),
            parent: NEXT_UNIT,
            code: None,
            number: Some(9),
        },
    );
    assert!(reason.contains("U8"), "{reason}");
    let reason = refused_one(
        &g.reg,
        g.secretary,
        GridEvent::UnitEstablished {
            unit: g.qianjin,
            kind: UnitKind::Village,
            name: "Qianjin".into(),
            parent: g.qianjin,
            code: None,
            number: None,
        },
    );
    assert!(
        reason.contains("Qianjin (U2)") || reason.contains("grid.UnitEstablished"),
        "{reason}"
    );
}

#[test]
fn an_id_of_u32_max_is_refused() {
    // Given the next unit is U8, when a forged entry establishes U4294967295, then replay
    // refuses it: after it every new id would have been the same and overwritten the last.
    let g = g();
    let reason = refused_one(
        &g.reg,
        g.secretary,
        GridEvent::UnitEstablished {
            unit: UnitId::new(u32::MAX),
            kind: UnitKind::Village,
            name: "Last".into(),
            parent: g.reg.township(),
            code: None,
            number: None,
        },
    );
    // Runs of seven digits or more are masked in every message, ids written without their
    // prefix included (8 to 10 digits keep only the last 4).
    assert_eq!(
        reason,
        "it is not what its command records when decided again: at grid.UnitEstablished.unit it says ******7295, where the registry records 8"
    );
}

#[test]
fn a_command_dated_earlier_than_the_last_entry_is_refused_by_execute_and_by_replay() {
    // Given the ledger's last entry at T0, when a command is dated the day before, then
    // execute refuses it and records the refusal at T0, keeping the attempted instant.
    let mut g = g();
    let before: Instant = at("2020-01-23T09:00:00+08:00");
    let err = g
        .reg
        .register_household(g.worker_qianjin_1, before, g.qianjin_1, "Qianjin 1-02")
        .unwrap_err();
    assert!(matches!(err, Error::InstantBeforeLedger { .. }), "{err:?}");
    let refusals = g.reg.refusals().unwrap();
    let last = refusals.last().unwrap();
    assert_eq!(last.at, at(T0));
    match &last.body {
        Body::Refused(r) => {
            assert_eq!(r.attempted_at.as_deref(), Some("2020-01-23T09:00:00+08:00"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(Registry::replay(g.reg.ledger()).unwrap(), g.reg);
    // And a forged entry dated before the last entry is refused by replay.
    let f = Forged {
        actor: g.worker_qianjin_1,
        at: "2020-01-23T09:00:00+08:00",
        events: vec![
            GridEvent::HouseholdRegistered {
                household: HouseholdId::new(2),
                group: g.qianjin_1,
                address: "Qianjin 1-02".into(),
            }
            .into(),
        ],
    };
    let reason = refused(&g.reg, f, 0);
    assert_eq!(
        reason,
        "its instant 2020-01-23T09:00:00+08:00 is earlier than the entry before it"
    );
}

#[test]
fn an_event_slipped_into_a_genuine_command_is_refused_at_that_entry() {
    // Given a genuine household registration, when a forged second entry of the same command
    // enrolls a leader, then replay refuses the second entry: the command records one event.
    let g = g();
    let reason = refused(
        &g.reg,
        forged(
            g.worker_qianjin_1,
            vec![
                GridEvent::HouseholdRegistered {
                    household: HouseholdId::new(2),
                    group: g.qianjin_1,
                    address: "Qianjin 1-02".into(),
                }
                .into(),
                GridEvent::StaffEnrolled {
                    staff: StaffId::new(7),
                    name: "Impostor".into(),
                    role: Role::Leader,
                    phone: None,
                }
                .into(),
            ],
        ),
        1,
    );
    assert!(reason.contains("one too many"), "{reason}");
}

#[test]
fn an_event_behind_a_refusal_is_refused() {
    // A refusal claims no authority, so anyone may be refused; but a refusal is one entry:
    // an event marked as part of a refused command is refused.
    let g = g();
    let refusal: Body = serde_json::from_str(
        r#"{"refused":{"attempt":null,"code":"unknown_staff","reason":"nothing"}}"#,
    )
    .unwrap();
    let event = Body::Event(
        GridEvent::StaffAssigned {
            staff: g.volunteer,
            unit: g.reg.township(),
            duty: Duty::Grid,
        }
        .into(),
    );
    let (ledger, first) = append(&g.reg, StaffId::new(99), LATER, &[refusal, event]);
    match Registry::replay(&ledger) {
        Err(Error::ReplayRefused { seq, reason }) => {
            assert_eq!(seq, first);
            assert!(reason.contains("one entry"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_interview_that_opens_an_observation_stays_legitimate_but_a_forged_opening_does_not() {
    // Given the January rule, when a grid worker interviews a returnee, then the interview and
    // the observation it opens are one command, and replay accepts both under the grid
    // worker's authority.
    let mut g = g();
    wuhan_high_and_the_january_rule(&mut g);
    let travel = fangkong::screening::TravelHistory {
        stays: vec![
            fangkong::screening::Stay::new(
                "420106".parse().unwrap(),
                day("2020-01-15"),
                day("2020-01-20"),
            )
            .unwrap(),
        ],
        transits: vec![],
        returned_home: Some(day("2020-01-20")),
    };
    let interview = fangkong::screening::Interview::new(
        travel,
        true,
        fangkong::screening::ReportedSymptoms::default(),
    )
    .unwrap();
    let receipt = g
        .reg
        .execute(
            g.worker_qianjin_1,
            at(T0),
            fangkong::screening::ScreeningCommand::RecordInterview {
                resident: g.head,
                round: None,
                interview,
            },
        )
        .unwrap();
    assert_eq!(receipt.last_seq, receipt.first_seq + 1);
    assert_eq!(Registry::replay(g.reg.ledger()).unwrap(), g.reg);
    // But the grid worker cannot open an observation alone: that is a medical decision.
    let last = g.reg.ledger().records().last().unwrap().unwrap();
    let Body::Event(Event::Observation(
        fangkong::observation::ObservationEvent::ObservationOpened { opening, .. },
    )) = last.body
    else {
        panic!("the interview opened an observation: {:?}", last.body);
    };
    let reason = refused_one(
        &g.reg,
        g.worker_qianjin_1,
        fangkong::observation::ObservationEvent::ObservationOpened {
            observation: ObservationId::new(2),
            resident: g.spouse,
            opening,
        },
    );
    assert!(
        reason.contains("may not record a medical decision"),
        "{reason}"
    );
}

#[test]
fn a_forged_founding_is_refused() {
    // Given a ledger whose founding claims a second leader in the same command, then replay
    // refuses the extra entry.
    let text = {
        let prev = "0".repeat(64);
        let events: Vec<Event> = vec![
            GridEvent::TownshipFounded {
                unit: UnitId::new(1),
                name: "Huochezhan".into(),
                code: None,
                offset: fangkong::UtcOffset::CHINA,
            }
            .into(),
            GridEvent::StaffEnrolled {
                staff: StaffId::new(1),
                name: "Secretary".into(),
                role: Role::Leader,
                phone: None,
            }
            .into(),
            GridEvent::StaffAssigned {
                staff: StaffId::new(1),
                unit: UnitId::new(1),
                duty: Duty::ChargeOfVillage,
            }
            .into(),
            GridEvent::StaffEnrolled {
                staff: StaffId::new(2),
                name: "Second".into(),
                role: Role::Leader,
                phone: None,
            }
            .into(),
        ];
        let mut text = String::new();
        let mut prev = prev;
        for (k, e) in events.into_iter().enumerate() {
            let rec = record(k as u64 + 1, T0, StaffId::new(1), 1, 4, &Body::Event(e));
            let hash = chain_hex(&prev, &rec);
            text.push_str(&format!(
                "{{\"prev\":\"{prev}\",\"hash\":\"{hash}\",\"record\":{rec}}}\n"
            ));
            prev = hash;
        }
        text
    };
    let ledger = Ledger::from_jsonl(&text).unwrap();
    ledger.verify().unwrap();
    match Registry::replay(&ledger) {
        Err(Error::ReplayRefused { seq, reason }) => {
            assert_eq!(seq, 4, "{reason}");
        }
        other => panic!("{other:?}"),
    }
}
