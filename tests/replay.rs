//! Replaying the ledger rebuilds an equal registry, whatever was accepted or refused.

use fangkong::{
    HouseholdId, Registry, Relation, ResidentDetails, ResidentId, Sex, StaffId, UnitId,
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
    assert_eq!(Registry::replay(&loaded).unwrap(), town.registry);
}

#[derive(Clone, Debug)]
enum Op {
    Visit {
        actor: u32,
        household: u32,
        result: u8,
        day: i64,
    },
    Interview {
        actor: u32,
        resident: u32,
        left: i64,
        day: i64,
    },
    Reading {
        actor: u32,
        observation: u32,
        day: i64,
        tenths: i32,
    },
    Release {
        actor: u32,
        observation: u32,
        day: i64,
    },
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
        (1u32..8, 1u32..6, 0u8..3, 0i64..6).prop_map(|(actor, household, result, day)| Op::Visit {
            actor,
            household,
            result,
            day
        }),
        (1u32..8, 1u32..8, 0i64..20, 0i64..6).prop_map(|(actor, resident, left, day)| {
            Op::Interview {
                actor,
                resident,
                left,
                day,
            }
        }),
        (1u32..8, 1u32..4, 0i64..25, 340i32..400).prop_map(|(actor, observation, day, tenths)| {
            Op::Reading {
                actor,
                observation,
                day,
                tenths,
            }
        }),
        (1u32..8, 1u32..4, 0i64..25).prop_map(|(actor, observation, day)| Op::Release {
            actor,
            observation,
            day
        }),
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
        let s1 = StaffId::new(1);
        g.reg.execute(s1, t, ScreeningCommand::DesignateRiskArea { area: "420100".parse().unwrap(), level: fangkong::screening::RiskLevel::HIGH, from: day("2020-01-08"), basis: "notice".into() }).unwrap();
        g.reg.execute(s1, t, ScreeningCommand::AdoptScreeningRule { rule: fangkong::screening::ScreeningRule::returnee_jan2020() }).unwrap();
        g.reg.execute(s1, t, ScreeningCommand::OpenScreeningRound { name: "round".into(), units: vec![g.qianjin], opens: day("2020-01-24") }).unwrap();
        let base = day("2020-01-24");
        let local = |d: i64, time: &str| fangkong::Instant::at(base.plus_days(d).unwrap(), time.parse().unwrap(), fangkong::UtcOffset::CHINA);
        for op in ops {
            let before = g.reg.clone();
            let mut when = t;
            let (actor, command): (u32, fangkong::Command) = match op {
                Op::Visit { actor, household, result, day } => {
                    when = local(day, "10:00");
                    let result = [fangkong::screening::VisitResult::Screened, fangkong::screening::VisitResult::NobodyHome, fangkong::screening::VisitResult::Refused][result as usize];
                    (actor, ScreeningCommand::RecordVisit { round: fangkong::screening::RoundId::new(1), household: HouseholdId::new(household), result }.into())
                }
                Op::Interview { actor, resident, left, day } => {
                    when = local(day, "11:00");
                    let last = base.plus_days(-left).unwrap();
                    let travel = fangkong::screening::TravelHistory {
                        stays: vec![fangkong::screening::Stay::new("420106".parse().unwrap(), last.plus_days(-3).unwrap(), last).unwrap()],
                        transits: vec![],
                        returned_home: Some(last),
                    };
                    let interview = fangkong::screening::Interview::new(travel, true, fangkong::screening::ReportedSymptoms::default()).unwrap();
                    (actor, ScreeningCommand::RecordInterview { resident: ResidentId::new(resident), round: None, interview }.into())
                }
                Op::Reading { actor, observation, day, tenths } => {
                    when = local(day, "19:30");
                    let reading = fangkong::observation::Reading {
                        at: when,
                        temperature: fangkong::observation::Temperature::from_tenths(tenths).unwrap(),
                        method: fangkong::observation::Method::Armpit,
                        by: fangkong::observation::Reporter::SelfReported,
                    };
                    (actor, ObservationCommand::UpdateObservation { observation: fangkong::observation::ObservationId::new(observation), update: fangkong::observation::ObservationUpdate::RecordReading(reading) }.into())
                }
                Op::Release { actor, observation, day } => {
                    when = local(day, "09:00");
                    (actor, ObservationCommand::UpdateObservation { observation: fangkong::observation::ObservationId::new(observation), update: fangkong::observation::ObservationUpdate::Release { override_reason: None } }.into())
                }
                Op::Household { actor, group } => (actor, GridCommand::RegisterHousehold { group: UnitId::new(group), address: format!("no. {group}") }.into()),
                Op::Resident { actor, household, head, year } => {
                    let relation = if head { Relation::Head } else { Relation::Child };
                    let details = ResidentDetails::new("某人", Sex::Male, fangkong::Day::from_ymd(year, 6, 1).unwrap(), relation);
                    (actor, GridCommand::RegisterResident { household: HouseholdId::new(household), details }.into())
                }
                Op::Move { actor, household, group } => (actor, GridCommand::MoveHousehold { household: HouseholdId::new(household), to: UnitId::new(group) }.into()),
                Op::MoveResident { actor, resident, household } => (actor, GridCommand::MoveResident { resident: ResidentId::new(resident), to: HouseholdId::new(household), relation: Relation::Child }.into()),
            };
            let result = g.reg.execute(StaffId::new(actor), when, command);
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
