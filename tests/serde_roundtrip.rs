//! Every event and command survives a serde round trip (JSON), and validation cannot be
//! bypassed by deserializing.

use fangkong::{
    Command, DeregistrationReason, Duty, Event, HouseholdId, IdentityNumber, Relation, ResidentId,
    Role, StaffId, UnitId, UnitKind, UtcOffset, Vulnerabilities,
};

use crate::common::*;

fn every_event() -> Vec<Event> {
    let u = UnitId::new;
    vec![
        Event::TownshipFounded {
            unit: u(1),
            name: "Huochezhan".into(),
            code: Some("430502200000".parse().unwrap()),
            offset: UtcOffset::CHINA,
        },
        Event::UnitEstablished {
            unit: u(2),
            kind: UnitKind::Village,
            name: "Qianjin".into(),
            parent: u(1),
            code: Some("430502200201".parse().unwrap()),
            number: None,
        },
        Event::UnitEstablished {
            unit: u(3),
            kind: UnitKind::Group,
            name: "Qianjin 1".into(),
            parent: u(2),
            code: None,
            number: Some(1),
        },
        Event::GroupsZoned {
            zone: u(4),
            groups: vec![u(3)],
        },
        Event::StaffEnrolled {
            staff: StaffId::new(2),
            name: "Li Hua".into(),
            role: Role::GridWorker,
            phone: Some(PHONE.parse().unwrap()),
        },
        Event::StaffAssigned {
            staff: StaffId::new(2),
            unit: u(3),
            duty: Duty::Grid,
        },
        Event::AssignmentEnded {
            staff: StaffId::new(2),
            unit: u(3),
        },
        Event::HouseholdRegistered {
            household: HouseholdId::new(1),
            group: u(3),
            address: "Qianjin 1-01".into(),
        },
        Event::ResidentRegistered {
            resident: ResidentId::new(1),
            household: HouseholdId::new(1),
            details: head_details().with_vulnerabilities(Vulnerabilities {
                elderly_living_alone: true,
                ..Default::default()
            }),
        },
        Event::ResidentCorrected {
            resident: ResidentId::new(1),
            previous: head_details(),
            details: spouse_details(),
        },
        Event::HouseholdMoved {
            household: HouseholdId::new(1),
            from: u(3),
            to: u(5),
        },
        Event::ResidentMoved {
            resident: ResidentId::new(1),
            from: HouseholdId::new(1),
            to: HouseholdId::new(2),
            relation: Relation::Other("lodger".into()),
        },
        Event::ResidentDeregistered {
            resident: ResidentId::new(1),
            reason: DeregistrationReason::RegisteredInError("duplicate of R9".into()),
        },
    ]
}

#[test]
fn every_event_round_trips_through_json() {
    for e in every_event() {
        let json = serde_json::to_string(&e).unwrap();
        let back: Event = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e, "{json}");
    }
}

#[test]
fn every_command_round_trips_through_json() {
    let commands = vec![
        Command::EstablishUnit {
            kind: UnitKind::Zone,
            name: "zone".into(),
            parent: UnitId::new(2),
            code: None,
            number: None,
        },
        Command::ZoneGroups {
            zone: UnitId::new(4),
            groups: vec![UnitId::new(3)],
        },
        Command::EnrollStaff {
            name: "n".into(),
            role: Role::Inspector,
            phone: None,
        },
        Command::AssignStaff {
            staff: StaffId::new(2),
            unit: UnitId::new(3),
            duty: Duty::Supervision,
        },
        Command::EndAssignment {
            staff: StaffId::new(2),
            unit: UnitId::new(3),
        },
        Command::RegisterHousehold {
            group: UnitId::new(3),
            address: "a".into(),
        },
        Command::RegisterResident {
            household: HouseholdId::new(1),
            details: head_details(),
        },
        Command::CorrectResident {
            resident: ResidentId::new(1),
            details: spouse_details(),
        },
        Command::MoveHousehold {
            household: HouseholdId::new(1),
            to: UnitId::new(5),
        },
        Command::MoveResident {
            resident: ResidentId::new(1),
            to: HouseholdId::new(2),
            relation: Relation::Spouse,
        },
        Command::DeregisterResident {
            resident: ResidentId::new(1),
            reason: DeregistrationReason::MovedAway,
        },
    ];
    let at: fangkong::Instant = T0.parse().unwrap();
    let wuhan: fangkong::DivisionCode = "420100".parse().unwrap();
    let travel = fangkong::TravelHistory {
        stays: vec![fangkong::Stay::new(wuhan, day("2020-01-02"), day("2020-01-20")).unwrap()],
        transits: vec![fangkong::Transit {
            place: "420900".parse().unwrap(),
            day: day("2020-01-21"),
        }],
        returned_home: Some(day("2020-01-21")),
    };
    let interview =
        fangkong::Interview::new(travel, true, fangkong::ReportedSymptoms::default()).unwrap();
    use fangkong::observation as ob;
    let reading = ob::Reading {
        at,
        temperature: "37.3".parse().unwrap(),
        method: ob::Method::Forehead,
        by: ob::Reporter::HealthWorker,
    };
    let observation_commands = vec![
        fangkong::ObservationCommand::RecordReading(reading),
        fangkong::ObservationCommand::ReportSymptoms(ob::SymptomReport {
            at,
            symptoms: vec![ob::Symptom::DryCough],
            by: ob::Reporter::SelfReported,
            note: "n".into(),
        }),
        fangkong::ObservationCommand::RecordHomeVisit(ob::HomeVisit {
            at,
            note: "visit".into(),
        }),
        fangkong::ObservationCommand::HandOutSupplies(ob::SupplyHandout {
            at,
            items: vec![ob::SupplyItem {
                supply: ob::Supply::Masks,
                quantity: std::num::NonZeroU32::new(10).unwrap(),
            }],
        }),
        fangkong::ObservationCommand::RecordTestResult(ob::TestResult {
            sampled: day("2020-01-25"),
            result: ob::TestOutcome::Negative,
            at,
        }),
        fangkong::ObservationCommand::ClearAlert(ob::AlertClearance {
            number: 1,
            at,
            reason: "r".into(),
        }),
        fangkong::ObservationCommand::Refer(ob::Referral {
            at,
            hospital: "h".into(),
        }),
        fangkong::ObservationCommand::TransferOut(ob::Transfer { at, to: "t".into() }),
        fangkong::ObservationCommand::End(ob::Ending {
            at,
            reason: ob::EndReason::IndexCaseRuledOut,
        }),
        fangkong::ObservationCommand::ChangePeriod {
            new_last_day: day("2020-02-10"),
            reason: "r".into(),
        },
        fangkong::ObservationCommand::RestartExposure {
            new_day0: day("2020-01-22"),
            reason: "r".into(),
        },
        fangkong::ObservationCommand::Release {
            override_reason: Some("r".into()),
        },
    ];
    let mut commands = commands;
    commands.extend([
        Command::DesignateRiskArea {
            area: wuhan,
            level: fangkong::RiskLevel::new(4, "extreme").unwrap(),
            from: day("2020-01-08"),
            basis: "b".into(),
        },
        Command::LiftRiskArea {
            designation: fangkong::DesignationId(1),
            on: day("2020-04-08"),
        },
        Command::AdoptScreeningRule {
            rule: fangkong::ScreeningRule::traveller_ed9(),
        },
        Command::OpenScreeningRound {
            name: "r".into(),
            units: vec![UnitId::new(2)],
            opens: day("2020-01-24"),
        },
        Command::CloseScreeningRound {
            round: fangkong::RoundId::new(1),
            closes: day("2020-01-27"),
        },
        Command::RecordVisit {
            round: fangkong::RoundId::new(1),
            household: HouseholdId::new(1),
            result: fangkong::VisitResult::Refused,
        },
        Command::RecordInterview {
            resident: ResidentId::new(1),
            round: Some(fangkong::RoundId::new(1)),
            interview,
        },
        Command::AdoptProtocol {
            protocol: fangkong::Protocol::close_contact_ed8(),
        },
        Command::OpenObservation {
            resident: ResidentId::new(1),
            protocol: "returnee-jan2020".into(),
            day0: day("2020-01-20"),
            basis: ob::OpeningBasis::Other { note: "n".into() },
        },
    ]);
    for command in observation_commands {
        commands.push(Command::UpdateObservation {
            observation: fangkong::ObservationId::new(1),
            command,
        });
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
            let v = serde_json::to_value(e).unwrap();
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
    ] {
        assert!(kinds.contains(expected), "no {expected} in {kinds:?}");
    }
    assert_eq!(
        fangkong::Registry::replay(town.registry.ledger()).unwrap(),
        town.registry
    );
}
