//! The grid, staff, authorization and households.

use fangkong::grid::GridError;
use fangkong::{
    Body, DeregistrationReason, Duty, Error, Event, Relation, ResidentDetails, Role, Sex, StaffId,
    UnitKind,
};

use crate::common::*;

#[test]
fn grid_worker_outside_their_group_is_refused_recorded_and_changes_nothing() {
    // Given a grid worker assigned to Qianjin group 1
    let mut g = given();
    let before = g.reg.clone();
    // When they register a household in Baiyun group 1
    let err = g
        .reg
        .register_household(g.worker_qianjin_1, at(T0), g.baiyun_1, "Baiyun 1-07")
        .unwrap_err();
    // Then the error names the actor, the unit and their own units
    assert_eq!(
        err.to_string(),
        "grid worker Li Hua (S2) may not register a household in Baiyun group 1 (U6): \
         that needs an assignment to Baiyun group 1 (U6) or a unit above it, and they are \
         assigned to Qianjin group 1 (U4)"
    );
    // And the domain state is unchanged
    assert!(g.reg.state_eq(&before));
    assert_eq!(g.reg.households().count(), 1);
    // And the refusal is the one new ledger entry
    assert_eq!(g.reg.ledger().len(), before.ledger().len() + 1);
    let refusals = g.reg.refusals().unwrap();
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].actor, g.worker_qianjin_1);
    match &refusals[0].body {
        Body::Refused(refusal) => {
            // The attempt is structured JSON a program can read back, not Debug text.
            assert_eq!(
                refusal.attempt,
                serde_json::json!({"grid": {"RegisterHousehold": {"group": 6, "address": "Baiyun 1-07"}}})
            );
            assert_eq!(refusal.reason, err.to_string());
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // And the ledger still verifies and replays to the same registry
    g.reg.ledger().verify().unwrap();
    assert_eq!(fangkong::Registry::replay(g.reg.ledger()).unwrap(), g.reg);
}

#[test]
fn grid_worker_inside_their_group_is_accepted() {
    let mut g = given();
    let h = g
        .reg
        .register_household(g.worker_qianjin_1, at(T0), g.qianjin_1, "Qianjin 1-02")
        .unwrap();
    assert_eq!(g.reg.household(h).unwrap().group, g.qianjin_1);
}

#[test]
fn an_assignment_to_a_village_covers_its_groups() {
    // Given a cadre assigned to Qianjin village
    let mut g = given();
    // When they register a household in Qianjin group 2, then it is accepted
    g.reg
        .register_household(g.cadre_qianjin, at(T0), g.qianjin_2, "Qianjin 2-01")
        .unwrap();
    // But not in Baiyun
    let err = g
        .reg
        .register_household(g.cadre_qianjin, at(T0), g.baiyun_2, "Baiyun 2-01")
        .unwrap_err();
    assert!(matches!(err, Error::OutsideAssignedUnits { .. }));
}

#[test]
fn an_assignment_to_a_zone_covers_exactly_its_groups() {
    let mut g = given();
    let t = at(T0);
    let zone = g
        .reg
        .establish_unit(
            g.secretary,
            t,
            UnitKind::Zone,
            "Baiyun zone 1",
            g.baiyun,
            None,
        )
        .unwrap();
    g.reg
        .execute(
            g.secretary,
            t,
            GridCommand::ZoneGroups {
                zone,
                groups: vec![g.baiyun_2],
            },
        )
        .unwrap();
    let zone_cadre = g
        .reg
        .enroll_staff(g.secretary, t, "Peng Tao", Role::Cadre, None)
        .unwrap();
    g.reg
        .assign(g.secretary, t, zone_cadre, zone, Duty::ZoneAndGroups)
        .unwrap();
    assert_eq!(g.reg.groups_of(zone), vec![g.baiyun_2]);
    g.reg
        .register_household(zone_cadre, t, g.baiyun_2, "Baiyun 2-01")
        .unwrap();
    assert!(
        g.reg
            .register_household(zone_cadre, t, g.baiyun_1, "Baiyun 1-01")
            .is_err()
    );
    // A group of another village cannot join the zone
    let err = g
        .reg
        .execute(
            g.secretary,
            t,
            GridCommand::ZoneGroups {
                zone,
                groups: vec![g.qianjin_2],
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Qianjin group 2 (U5) cannot join Baiyun zone 1 (U8): a zone holds groups of its own village only"
    );
}

#[test]
fn a_volunteer_may_not_register_households_anywhere() {
    let mut g = given();
    let err = g
        .reg
        .register_household(g.volunteer, at(T0), g.qianjin_1, "Qianjin 1-03")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "volunteer Tang Ping (S5) may not register a household: only leaders, cadres and grid workers may"
    );
}

#[test]
fn only_leaders_enroll_staff() {
    let mut g = given();
    let err = g
        .reg
        .enroll_staff(
            g.cadre_qianjin,
            at(T0),
            "New Person",
            Role::GridWorker,
            None,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cadre Chen Gang (S4) may not enroll staff: only leaders may"
    );
}

#[test]
fn an_unknown_actor_is_refused_and_the_attempt_recorded() {
    let mut g = given();
    let before = g.reg.clone();
    let err = g
        .reg
        .register_household(StaffId::new(99), at(T0), g.qianjin_1, "x")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "S99 is not an enrolled member of staff: only enrolled staff can record anything"
    );
    assert!(g.reg.state_eq(&before));
    assert_eq!(g.reg.refusals().unwrap()[0].actor, StaffId::new(99));
}

#[test]
fn households_live_in_groups_only() {
    let mut g = given();
    let err = g
        .reg
        .register_household(g.secretary, at(T0), g.qianjin, "Qianjin village office")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Qianjin (U2) is a village; this needs a group (households are registered in groups)"
    );
}

#[test]
fn group_numbers_are_unique_within_their_village() {
    let mut g = given();
    let err = g
        .reg
        .establish_group(g.secretary, at(T0), g.qianjin, 2, "Qianjin group 2 again")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Qianjin (U2) already has a group number 2: Qianjin group 2 (U5)"
    );
    // The same number in another village is fine
    assert!(
        g.reg
            .establish_group(g.secretary, at(T0), g.baiyun, 3, "Baiyun group 3")
            .is_ok()
    );
}

#[test]
fn a_group_cannot_hang_under_the_township() {
    let mut g = given();
    let town = g.reg.township();
    let err = g
        .reg
        .establish_group(g.secretary, at(T0), town, 9, "Stray group")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a group cannot be placed under Huochezhan (U1), which is a township"
    );
}

#[test]
fn a_duplicate_identity_number_is_refused_masked() {
    let mut g = given();
    let h = g
        .reg
        .register_household(g.worker_qianjin_1, at(T0), g.qianjin_1, "Qianjin 1-02")
        .unwrap();
    let err = g
        .reg
        .register_resident(g.worker_qianjin_1, at(T0), h, head_details())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "identity number 1101**********002X is already registered for resident R1 of household H1"
    );
}

#[test]
fn an_identity_number_must_agree_with_sex_and_birth_date() {
    let mut g = given();
    let mut d = spouse_details();
    d.relation = Relation::Child;
    d.identity = Some(ID_WORKED_1.parse().unwrap());
    d.birth_date = day("1949-12-31");
    // ID_WORKED_1 is a woman's number; the details say male
    let err = g
        .reg
        .register_resident(g.worker_qianjin_1, at(T0), g.home, d)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "identity number 1101**********002X does not agree with the sex given: check both against the identity card"
    );
}

#[test]
fn a_household_has_one_head() {
    let mut g = given();
    let d = ResidentDetails::new("张三", Sex::Male, day("1970-05-05"), Relation::Head);
    let err = g
        .reg
        .register_resident(g.worker_qianjin_1, at(T0), g.home, d)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "household H1 already has a head of household, R1"
    );
}

#[test]
fn a_birth_date_after_the_day_of_registration_is_refused() {
    let mut g = given();
    let d = ResidentDetails::new("张小", Sex::Male, day("2020-01-25"), Relation::Child);
    let err = g
        .reg
        .register_resident(g.worker_qianjin_1, at(T0), g.home, d)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "birth date 2020-01-25 is after today (2020-01-24)"
    );
}

#[test]
fn moving_a_household_is_a_recorded_change_that_needs_both_groups_in_reach() {
    let mut g = given();
    let t = at(T0);
    // The grid worker of Qianjin 1 cannot move the household to group 2 (not theirs)
    let err = g
        .reg
        .execute(
            g.worker_qianjin_1,
            t,
            GridCommand::MoveHousehold {
                household: g.home,
                to: g.qianjin_2,
            },
        )
        .unwrap_err();
    assert!(matches!(err, Error::OutsideAssignedUnits { .. }), "{err}");
    // The village cadre can
    let receipt = g
        .reg
        .execute(
            g.cadre_qianjin,
            t,
            GridCommand::MoveHousehold {
                household: g.home,
                to: g.qianjin_2,
            },
        )
        .unwrap();
    assert_eq!(g.reg.household(g.home).unwrap().group, g.qianjin_2);
    assert_eq!(g.reg.households_in(g.qianjin_2), vec![g.home]);
    assert!(g.reg.households_in(g.qianjin_1).is_empty());
    let rec = g
        .reg
        .ledger()
        .entry(receipt.last_seq)
        .map(fangkong::Record::of)
        .unwrap()
        .unwrap();
    assert_eq!(
        rec.body,
        Body::Event(Event::Grid(GridEvent::HouseholdMoved {
            household: g.home,
            from: g.qianjin_1,
            to: g.qianjin_2
        }))
    );
}

#[test]
fn moving_a_resident_keeps_one_head_per_household() {
    let mut g = given();
    let t = at(T0);
    let other = g
        .reg
        .register_household(g.cadre_qianjin, t, g.qianjin_2, "Qianjin 2-01")
        .unwrap();
    g.reg
        .execute(
            g.cadre_qianjin,
            t,
            GridCommand::MoveResident {
                resident: g.spouse,
                to: other,
                relation: Relation::Head,
            },
        )
        .unwrap();
    assert_eq!(g.reg.resident(g.spouse).unwrap().household, other);
    assert_eq!(
        g.reg.household(g.home).unwrap().residents.to_vec(),
        vec![g.head]
    );
    assert_eq!(
        g.reg.household(other).unwrap().residents.to_vec(),
        vec![g.spouse]
    );
    // A second head cannot move in
    let err = g
        .reg
        .execute(
            g.cadre_qianjin,
            t,
            GridCommand::MoveResident {
                resident: g.head,
                to: other,
                relation: Relation::Head,
            },
        )
        .unwrap_err();
    assert!(matches!(err, Error::Grid(GridError::SecondHead { .. })));
}

#[test]
fn a_correction_keeps_the_previous_details_in_the_ledger() {
    let mut g = given();
    let mut d = head_details();
    d.name = "王秀云".into();
    let receipt = g
        .reg
        .execute(
            g.worker_qianjin_1,
            at(T0),
            GridCommand::CorrectResident {
                resident: g.head,
                details: d.clone(),
            },
        )
        .unwrap();
    assert_eq!(
        g.reg.resident(g.head).unwrap().details.name,
        "王秀云".into()
    );
    let rec = g
        .reg
        .ledger()
        .entry(receipt.first_seq)
        .map(fangkong::Record::of)
        .unwrap()
        .unwrap();
    match rec.body {
        Body::Event(Event::Grid(GridEvent::ResidentCorrected {
            previous, details, ..
        })) => {
            assert_eq!(&*previous.name, "王秀英");
            assert_eq!(details, d);
        }
        other => panic!("{other:?}"),
    }
    // Correcting to the same details again changes nothing and is refused
    let err = g
        .reg
        .execute(
            g.worker_qianjin_1,
            at(T0),
            GridCommand::CorrectResident {
                resident: g.head,
                details: d,
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the correction of resident R1 changes nothing"
    );
}

#[test]
fn a_deregistered_resident_frees_their_identity_number_and_cannot_change() {
    let mut g = given();
    g.reg
        .execute(
            g.worker_qianjin_1,
            at(T0),
            GridCommand::DeregisterResident {
                resident: g.spouse,
                reason: DeregistrationReason::Died,
            },
        )
        .unwrap();
    assert_eq!(
        g.reg.household(g.home).unwrap().residents.to_vec(),
        vec![g.head]
    );
    assert!(
        g.reg
            .find_by_identity(&ID_WORKED_2.parse().unwrap())
            .is_none()
    );
    let err = g
        .reg
        .execute(
            g.worker_qianjin_1,
            at(T0),
            GridCommand::DeregisterResident {
                resident: g.spouse,
                reason: DeregistrationReason::Died,
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "resident R2 was deregistered; register them again if they have come back"
    );
}

#[test]
fn who_answers_for_a_unit_and_what_nobody_answers_for() {
    let g = given();
    // Qianjin group 1: its grid worker and the village cadre (the health worker's assignment to
    // the township also covers it)
    let staff: Vec<StaffId> = g
        .reg
        .responsible_for(g.qianjin_1)
        .iter()
        .map(|r| r.staff)
        .collect();
    assert!(staff.contains(&g.worker_qianjin_1));
    assert!(staff.contains(&g.cadre_qianjin));
    assert!(!staff.contains(&g.worker_baiyun_1));
    assert_eq!(
        g.reg.responsible_for_household(g.home).len(),
        g.reg.responsible_for(g.qianjin_1).len()
    );
    // Without grid workers or cadres: Baiyun village itself and its group 2
    assert_eq!(
        g.reg.unassigned_units(&[Role::GridWorker, Role::Cadre]),
        vec![g.baiyun, g.baiyun_2]
    );
    // Without a grid worker: both group 2s and both villages
    assert_eq!(
        g.reg.unassigned_units(&[Role::GridWorker]),
        vec![g.qianjin, g.baiyun, g.qianjin_2, g.baiyun_2]
    );
    // Households with no grid worker: none yet (the only household is in Qianjin 1)
    assert!(g.reg.unassigned_households(&[Role::GridWorker]).is_empty());
}

#[test]
fn ending_an_assignment_takes_the_unit_out_of_reach() {
    let mut g = given();
    let t = at(T0);
    g.reg
        .execute(
            g.secretary,
            t,
            GridCommand::EndAssignment {
                staff: g.worker_qianjin_1,
                unit: g.qianjin_1,
            },
        )
        .unwrap();
    let err = g
        .reg
        .register_household(g.worker_qianjin_1, t, g.qianjin_1, "Qianjin 1-09")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "grid worker Li Hua (S2) may not register a household in Qianjin group 1 (U4): \
         that needs an assignment to Qianjin group 1 (U4) or a unit above it, and they are \
         assigned to no unit"
    );
    assert_eq!(
        g.reg.unassigned_households(&[Role::GridWorker]),
        vec![g.home]
    );
}

#[test]
fn the_summary_counts_each_village() {
    let g = given();
    let s = g.reg.summary_by_village();
    assert_eq!(s.len(), 2);
    assert_eq!(
        (
            s[0].name.as_str(),
            s[0].groups,
            s[0].households,
            s[0].residents
        ),
        ("Qianjin", 2, 1, 2)
    );
    assert_eq!(
        (
            s[1].name.as_str(),
            s[1].groups,
            s[1].households,
            s[1].residents
        ),
        ("Baiyun", 2, 0, 0)
    );
}

#[test]
fn the_generated_township_has_4248_households_in_7_units() {
    let town = fangkong::synth::build(&fangkong::synth::TownshipSpec::huochezhan()).unwrap();
    let s = town.registry.summary_by_village();
    assert_eq!(s.len(), 7);
    assert_eq!(s.iter().map(|u| u.households).sum::<usize>(), 4248);
    assert_eq!(town.registry.households().count(), 4248);
    // Every group has a grid worker and a cadre (through its zone)
    let groups_without: Vec<_> = town
        .registry
        .unassigned_units(&[Role::GridWorker])
        .into_iter()
        .filter(|u| town.registry.unit(*u).unwrap().kind == UnitKind::Group)
        .collect();
    assert!(groups_without.is_empty());
    assert!(
        town.registry
            .unassigned_households(&[Role::Cadre])
            .is_empty()
    );
    assert!(town.registry.refusals().unwrap().is_empty());
}
