//! Replaying the ledger rebuilds an equal registry, whatever was accepted or refused.

use fangkong::{
    Command, HouseholdId, Registry, Relation, ResidentDetails, ResidentId, Sex, StaffId, UnitId,
};
use proptest::prelude::*;

use crate::common::*;

#[test]
fn the_generated_township_replays_to_an_equal_registry() {
    let mut spec = fangkong::synth::TownshipSpec::huochezhan();
    for u in &mut spec.units {
        u.households /= 20;
    }
    let town = fangkong::synth::build(&spec).unwrap();
    let replayed = Registry::replay(town.registry.ledger()).unwrap();
    assert_eq!(replayed, town.registry);
    // And through JSON Lines
    let loaded = fangkong::Ledger::from_jsonl(&town.registry.ledger().to_jsonl()).unwrap();
    assert_eq!(Registry::replay(&loaded.ledger).unwrap(), town.registry);
}

#[derive(Clone, Debug)]
enum Op {
    Household {
        actor: u32,
        group: u32,
    },
    Resident {
        actor: u32,
        household: u32,
        head: bool,
        year: i32,
    },
    Move {
        actor: u32,
        household: u32,
        group: u32,
    },
    MoveResident {
        actor: u32,
        resident: u32,
        household: u32,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1u32..8, 1u32..10).prop_map(|(actor, group)| Op::Household { actor, group }),
        (1u32..8, 1u32..12, any::<bool>(), 1930i32..2025).prop_map(
            |(actor, household, head, year)| Op::Resident {
                actor,
                household,
                head,
                year
            }
        ),
        (1u32..8, 1u32..12, 1u32..10).prop_map(|(actor, household, group)| Op::Move {
            actor,
            household,
            group
        }),
        (1u32..8, 1u32..20, 1u32..12).prop_map(|(actor, resident, household)| Op::MoveResident {
            actor,
            resident,
            household
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Given any sequence of commands by any staff (many of them refused), replaying the ledger
    /// gives an equal registry, and a refused command never changes the domain state.
    #[test]
    fn replay_rebuilds_an_equal_registry(ops in proptest::collection::vec(op(), 1..40)) {
        let mut g = given();
        let t = at(T0);
        for op in ops {
            let before = g.reg.clone();
            let (actor, command) = match op {
                Op::Household { actor, group } => (actor, Command::RegisterHousehold { group: UnitId::new(group), address: format!("no. {group}") }),
                Op::Resident { actor, household, head, year } => {
                    let relation = if head { Relation::Head } else { Relation::Child };
                    let details = ResidentDetails::new("某人", Sex::Male, fangkong::Day::from_ymd(year, 6, 1).unwrap(), relation);
                    (actor, Command::RegisterResident { household: HouseholdId::new(household), details })
                }
                Op::Move { actor, household, group } => (actor, Command::MoveHousehold { household: HouseholdId::new(household), to: UnitId::new(group) }),
                Op::MoveResident { actor, resident, household } => (actor, Command::MoveResident { resident: ResidentId::new(resident), to: HouseholdId::new(household), relation: Relation::Child }),
            };
            let result = g.reg.execute(StaffId::new(actor), t, command);
            prop_assert_eq!(g.reg.ledger().len(), before.ledger().len() + result.as_ref().map_or(1, |r| (r.last_seq - r.first_seq + 1) as usize));
            if result.is_err() {
                prop_assert!(g.reg.state_eq(&before));
            }
        }
        prop_assert!(g.reg.ledger().verify().is_ok());
        let replayed = Registry::replay(g.reg.ledger()).unwrap();
        prop_assert_eq!(&replayed, &g.reg);
        // Every household's members point back at it
        for h in g.reg.households() {
            for r in &h.residents {
                prop_assert_eq!(g.reg.resident(*r).unwrap().household, h.id);
            }
        }
    }
}
