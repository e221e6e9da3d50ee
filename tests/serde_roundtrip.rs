//! Every event and command survives a serde round trip (JSON), and validation cannot be
//! bypassed by deserializing.

use fangkong::grid::{GridCommand, GridEvent};
use fangkong::{
    Command, DeregistrationReason, Duty, Event, HouseholdId, IdentityNumber, Relation, ResidentId,
    Role, StaffId, UnitId, UnitKind, UtcOffset, Vulnerabilities,
};

use crate::common::*;

fn every_event() -> Vec<GridEvent> {
    let u = UnitId::new;
    vec![
        GridEvent::TownshipFounded {
            unit: u(1),
            name: "Huochezhan".into(),
            code: Some("430502200000".parse().unwrap()),
            offset: UtcOffset::CHINA,
        },
        GridEvent::UnitEstablished {
            unit: u(2),
            kind: UnitKind::Village,
            name: "Qianjin".into(),
            parent: u(1),
            code: Some("430502200201".parse().unwrap()),
            number: None,
        },
        GridEvent::UnitEstablished {
            unit: u(3),
            kind: UnitKind::Group,
            name: "Qianjin 1".into(),
            parent: u(2),
            code: None,
            number: Some(1),
        },
        GridEvent::GroupsZoned {
            zone: u(4),
            groups: vec![u(3)],
        },
        GridEvent::StaffEnrolled {
            staff: StaffId::new(2),
            name: "Li Hua".into(),
            role: Role::GridWorker,
            phone: Some(PHONE.parse().unwrap()),
        },
        GridEvent::StaffAssigned {
            staff: StaffId::new(2),
            unit: u(3),
            duty: Duty::Grid,
        },
        GridEvent::AssignmentEnded {
            staff: StaffId::new(2),
            unit: u(3),
        },
        GridEvent::HouseholdRegistered {
            household: HouseholdId::new(1),
            group: u(3),
            address: "Qianjin 1-01".into(),
        },
        GridEvent::ResidentRegistered {
            resident: ResidentId::new(1),
            household: HouseholdId::new(1),
            details: head_details().with_vulnerabilities(Vulnerabilities {
                elderly_living_alone: true,
                ..Default::default()
            }),
        },
        GridEvent::ResidentCorrected {
            resident: ResidentId::new(1),
            previous: head_details(),
            details: spouse_details(),
        },
        GridEvent::HouseholdMoved {
            household: HouseholdId::new(1),
            from: u(3),
            to: u(5),
        },
        GridEvent::ResidentMoved {
            resident: ResidentId::new(1),
            from: HouseholdId::new(1),
            to: HouseholdId::new(2),
            relation: Relation::Other("lodger".into()),
        },
        GridEvent::ResidentDeregistered {
            resident: ResidentId::new(1),
            reason: DeregistrationReason::RegisteredInError("duplicate of R9".into()),
        },
    ]
}

#[test]
fn every_event_round_trips_through_json() {
    for e in every_event() {
        let e = Event::from(e);
        let json = serde_json::to_string(&e).unwrap();
        let back: Event = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e, "{json}");
    }
}

#[test]
fn every_command_round_trips_through_json() {
    let commands = vec![
        GridCommand::EstablishUnit {
            kind: UnitKind::Zone,
            name: "zone".into(),
            parent: UnitId::new(2),
            code: None,
            number: None,
        }
        .into(),
        GridCommand::ZoneGroups {
            zone: UnitId::new(4),
            groups: vec![UnitId::new(3)],
        }
        .into(),
        GridCommand::EnrollStaff {
            name: "n".into(),
            role: Role::Inspector,
            phone: None,
        }
        .into(),
        GridCommand::AssignStaff {
            staff: StaffId::new(2),
            unit: UnitId::new(3),
            duty: Duty::Supervision,
        }
        .into(),
        GridCommand::EndAssignment {
            staff: StaffId::new(2),
            unit: UnitId::new(3),
        }
        .into(),
        GridCommand::RegisterHousehold {
            group: UnitId::new(3),
            address: "a".into(),
        }
        .into(),
        GridCommand::RegisterResident {
            household: HouseholdId::new(1),
            details: head_details(),
        }
        .into(),
        GridCommand::CorrectResident {
            resident: ResidentId::new(1),
            details: spouse_details(),
        }
        .into(),
        GridCommand::MoveHousehold {
            household: HouseholdId::new(1),
            to: UnitId::new(5),
        }
        .into(),
        GridCommand::MoveResident {
            resident: ResidentId::new(1),
            to: HouseholdId::new(2),
            relation: Relation::Spouse,
        }
        .into(),
        GridCommand::DeregisterResident {
            resident: ResidentId::new(1),
            reason: DeregistrationReason::MovedAway,
        }
        .into(),
    ];
    let at: fangkong::Instant = T0.parse().unwrap();
    let wuhan: fangkong::place::DivisionCode = "420100".parse().unwrap();
    let travel = fangkong::screening::TravelHistory {
        stays: vec![
            fangkong::screening::Stay::new(wuhan, day("2020-01-02"), day("2020-01-20")).unwrap(),
        ],
        transits: vec![fangkong::screening::Transit {
            place: "420900".parse().unwrap(),
            day: day("2020-01-21"),
        }],
        returned_home: Some(day("2020-01-21")),
    };
    let interview = fangkong::screening::Interview::new(
        travel,
        true,
        fangkong::screening::ReportedSymptoms::default(),
    )
    .unwrap();
    use fangkong::observation as ob;
    let reading = ob::Reading {
        at,
        temperature: "37.3".parse().unwrap(),
        method: ob::Method::Forehead,
        by: ob::Reporter::HealthWorker,
    };
    let observation_commands = vec![
        fangkong::observation::ObservationUpdate::RecordReading(reading),
        fangkong::observation::ObservationUpdate::ReportSymptoms(ob::SymptomReport {
            at,
            symptoms: vec![ob::Symptom::DryCough],
            by: ob::Reporter::SelfReported,
            note: "n".into(),
        }),
        fangkong::observation::ObservationUpdate::RecordHomeVisit(ob::HomeVisit {
            at,
            note: "visit".into(),
        }),
        fangkong::observation::ObservationUpdate::HandOutSupplies(ob::SupplyHandout {
            at,
            items: vec![ob::SupplyItem {
                supply: ob::Supply::Masks,
                quantity: std::num::NonZeroU32::new(10).unwrap(),
            }],
            store: None,
        }),
        fangkong::observation::ObservationUpdate::RecordTestResult(ob::TestResult {
            sampled: day("2020-01-25"),
            result: ob::TestOutcome::Negative,
            at,
        }),
        fangkong::observation::ObservationUpdate::ClearAlert(ob::AlertClearance {
            number: 1,
            at,
            reason: "r".into(),
        }),
        fangkong::observation::ObservationUpdate::Refer(ob::Referral {
            at,
            hospital: "h".into(),
        }),
        fangkong::observation::ObservationUpdate::TransferOut(ob::Transfer { at, to: "t".into() }),
        fangkong::observation::ObservationUpdate::End(ob::Ending {
            at,
            reason: ob::EndReason::IndexCaseRuledOut,
        }),
        fangkong::observation::ObservationUpdate::ChangePeriod {
            new_last_day: day("2020-02-10"),
            reason: "r".into(),
        },
        fangkong::observation::ObservationUpdate::RestartExposure {
            new_day0: day("2020-01-22"),
            reason: "r".into(),
        },
        fangkong::observation::ObservationUpdate::Release {
            override_reason: Some("r".into()),
        },
    ];
    let mut commands = commands;
    commands.extend([
        ScreeningCommand::DesignateRiskArea {
            area: wuhan,
            level: fangkong::screening::RiskLevel::new(4, "extreme").unwrap(),
            from: day("2020-01-08"),
            basis: "b".into(),
        }
        .into(),
        ScreeningCommand::LiftRiskArea {
            designation: fangkong::screening::DesignationId(1),
            on: day("2020-04-08"),
        }
        .into(),
        ScreeningCommand::AdoptScreeningRule {
            rule: fangkong::screening::ScreeningRule::traveller_ed9(),
        }
        .into(),
        ScreeningCommand::OpenScreeningRound {
            name: "r".into(),
            units: vec![UnitId::new(2)],
            opens: day("2020-01-24"),
        }
        .into(),
        ScreeningCommand::CloseScreeningRound {
            round: fangkong::screening::RoundId::new(1),
            closes: day("2020-01-27"),
        }
        .into(),
        ScreeningCommand::RecordVisit {
            round: fangkong::screening::RoundId::new(1),
            household: HouseholdId::new(1),
            result: fangkong::screening::VisitResult::Refused,
        }
        .into(),
        ScreeningCommand::RecordInterview {
            resident: ResidentId::new(1),
            round: Some(fangkong::screening::RoundId::new(1)),
            interview,
        }
        .into(),
        ObservationCommand::AdoptProtocol {
            protocol: fangkong::observation::Protocol::close_contact_ed8(),
        }
        .into(),
        ObservationCommand::OpenObservation {
            resident: ResidentId::new(1),
            protocol: "returnee-jan2020".into(),
            day0: day("2020-01-20"),
            basis: ob::OpeningBasis::Other { note: "n".into() },
        }
        .into(),
    ]);
    for command in observation_commands {
        commands.push(
            ObservationCommand::UpdateObservation {
                observation: fangkong::observation::ObservationId::new(1),
                update: command,
            }
            .into(),
        );
    }
    for c in commands {
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Command>(&json).unwrap(), c, "{json}");
    }
}

#[test]
fn serde_keeps_the_full_identity_number_for_replay_and_validates_it() {
    let id: IdentityNumber = ID_WORKED_1.parse().unwrap();
    assert_eq!(
        serde_json::to_string(&id).unwrap(),
        format!("\"{ID_WORKED_1}\"")
    );
    // A number with a wrong check digit cannot be smuggled in through serde
    let err = serde_json::from_str::<IdentityNumber>("\"110105194912310023\"").unwrap_err();
    assert!(err.to_string().contains("1101**********0023"), "{err}");
    assert!(serde_json::from_str::<fangkong::Day>("\"2020-02-30\"").is_err());
}

#[test]
fn every_event_of_a_whole_campaign_round_trips_and_every_kind_occurs() {
    use std::collections::BTreeSet;
    let mut spec = fangkong::synth::TownshipSpec::huochezhan();
    for u in &mut spec.units {
        u.households /= 10;
    }
    let mut town = fangkong::synth::build(&spec).unwrap();
    fangkong::synth::run_campaign(&mut town, day("2020-02-04")).unwrap();
    let mut kinds = BTreeSet::new();
    for record in town.registry.ledger().records() {
        let record = record.unwrap();
        let json = serde_json::to_string(&record).unwrap();
        let back: fangkong::Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record);
        if let fangkong::Body::Event(e) = &record.body {
            // {"module":{"Kind":{…}}}: the kind inside its module.
            let v = serde_json::to_value(e).unwrap();
            let v = v.as_object().unwrap().values().next().unwrap().clone();
            let name = v.as_object().unwrap().keys().next().unwrap().clone();
            if name == "ObservationUpdated" {
                let change = v["ObservationUpdated"]["change"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .next()
                    .unwrap()
                    .clone();
                kinds.insert(format!("ObservationUpdated/{change}"));
            }
            kinds.insert(name);
        }
    }
    for expected in [
        "TownshipFounded",
        "UnitEstablished",
        "GroupsZoned",
        "StaffEnrolled",
        "StaffAssigned",
        "HouseholdRegistered",
        "ResidentRegistered",
        "RiskRegisterChanged",
        "ScreeningRuleAdopted",
        "ScreeningRoundOpened",
        "ScreeningRoundClosed",
        "HouseholdVisited",
        "InterviewRecorded",
        "ObservationOpened",
        "ObservationUpdated/ReadingRecorded",
        "ObservationUpdated/HomeVisited",
        "ObservationUpdated/SuppliesHandedOut",
        "ObservationUpdated/Referred",
        "ObservationUpdated/TransferredOut",
        "ObservationUpdated/Ended",
        "ObservationUpdated/Released",
        "CampaignLaunched",
        "ActionRecorded",
    ] {
        assert!(kinds.contains(expected), "no {expected} in {kinds:?}");
    }
    assert_eq!(
        fangkong::Registry::replay(town.registry.ledger()).unwrap(),
        town.registry
    );
}
