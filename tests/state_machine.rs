//! A state-machine property test over every command of every module (grid, screening,
//! observation, report, gathering, supervision, audit), valid and invalid, by random staff (known,
//! unknown, of every role), at instants that mostly move on and sometimes go back.
//!
//! After each step:
//! - a refused command changed no domain state and wrote exactly one entry, its refusal; an
//!   accepted one wrote its events;
//! - the ledger verifies, and replaying it gives an equal registry;
//! - every observation is in exactly one status (released, closed otherwise, or neither), and
//!   the counts by status add up to the observations;
//! - no observation is released before its earliest release day without a recorded override.
//!
//! The case count is 64 cases of up to 40 steps by default (a few seconds in a debug build), so
//! that `.ci/run` stays well under 15 minutes; `FANGKONG_PROPTEST_CASES` raises it (e.g.
//! `FANGKONG_PROPTEST_CASES=1000`).
//! Failing cases are kept in `proptest-regressions/state_machine.txt`, which is committed.

use fangkong::gathering::{
    GatheringCommand, GatheringId, GatheringKind, GatheringOrderId, OrderTerms, PlannedGathering,
    VenueKind,
};
use fangkong::gathering::{PersuasionOutcome, VenueKindDefinition, VenueTarget};
use fangkong::observation::{
    EndReason, Ending, Method, OpeningBasis, Reading, Referral, Reporter, Status,
};
use fangkong::observation::{ObservationId, ObservationUpdate, Temperature};
use fangkong::place::DivisionCode;
use fangkong::report::{ReportCommand, Schedule};
use fangkong::screening::{
    DesignationId, Interview, ProposedChange, ReportedSymptoms, RiskLevel, RiskProposal, RoundId,
    ScreeningRule, Stay, TravelHistory, VisitResult,
};
use fangkong::supervision::{
    Accountable, CadreForm, ChecklistItem, FindingId, InspectionId, InspectionMode,
    InspectionTarget, ItemCheck, SupervisionCommand,
};
use fangkong::{
    Command, Day, DeregistrationReason, Duty, HouseholdId, Instant, Registry, Relation,
    ResidentDetails, ResidentId, Role, Sex, StaffId, UnitId, UnitKind,
};
use proptest::prelude::*;

use crate::common::*;

/// The number of cases: 32 unless `FANGKONG_PROPTEST_CASES` says otherwise.
fn cases() -> u32 {
    std::env::var("FANGKONG_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// One step: who acts, how much later (or, rarely, earlier), which command, and its numbers.
#[derive(Clone, Debug)]
struct Step {
    /// The staff member who acts when `fit` is false (S8 and S9 are not enrolled at first).
    actor: u32,
    /// Whether the member of staff whose role fits the command acts (most steps).
    fit: bool,
    hours: i64,
    earlier: bool,
    pick: u8,
    a: u32,
    b: u32,
    c: u32,
    flag: bool,
}

fn step() -> impl Strategy<Value = Step> {
    (
        (1u32..10, prop::bool::weighted(0.75)),
        0i64..10,
        prop::bool::weighted(0.04),
        0u8..COMMANDS,
        0u32..16,
        0u32..16,
        0u32..40,
        any::<bool>(),
    )
        .prop_map(|((actor, fit), hours, earlier, pick, a, b, c, flag)| Step {
            actor,
            fit,
            hours,
            earlier,
            pick,
            a,
            b,
            c,
            flag,
        })
}

/// How many kinds of command `command` builds.
const COMMANDS: u8 = 45;

const AREAS: [&str; 3] = ["420100", "420106", "110105"];

fn area(n: u32) -> DivisionCode {
    AREAS[n as usize % AREAS.len()].parse().unwrap()
}

fn level(n: u32) -> RiskLevel {
    [RiskLevel::LOW, RiskLevel::MEDIUM, RiskLevel::HIGH][n as usize % 3].clone()
}

/// Designation numbers have no constructor: they are read as the registry stores them.
fn designation(n: u32) -> DesignationId {
    serde_json::from_str(&n.to_string()).unwrap()
}

fn days(d: Day, n: i64) -> Day {
    d.plus_days(n).unwrap()
}

/// Who acts in a step: the member of staff whose role fits the command, or anyone.
///
/// Staff of [`township`]: S1 the secretary (a leader), S2 and S3 grid workers of Qianjin 1
/// and Baiyun 1, S4 the cadre of Qianjin, S5 a volunteer, S6 the health worker, S7 the
/// inspector.
fn actor(s: &Step) -> StaffId {
    if !s.fit {
        return StaffId::new(s.actor);
    }
    let either = |options: &[u32]| StaffId::new(options[s.b as usize % options.len()]);
    match s.pick {
        0..=4 | 11..=16 | 27 | 28 | 30..=32 | 36 | 37 | 42 => StaffId::new(1),
        5..=10 | 17 | 18 | 33..=35 => either(&[1, 2, 4]),
        19 => either(&[1, 6]),
        21 => either(&[2, 4, 6]),
        20 | 22..=26 => StaffId::new(6),
        29 => either(&[1, 4]),
        38 => either(&[1, 2, 7]),
        39 | 40 => StaffId::new(7),
        43 => either(&[1, 7]),
        44 => either(&[2, 4, 6]),
        _ => either(&[1, 4]),
    }
}

/// The command of a step: ids are drawn from small ranges, so that many exist and some do not.
fn command(s: &Step, reg: &Registry, now: Instant, today: Day) -> Command {
    let unit = UnitId::new(s.a % 12 + 1);
    let other_unit = UnitId::new(s.b % 12 + 1);
    let household = HouseholdId::new(s.a % 5 + 1);
    let resident = ResidentId::new(s.a % 7 + 1);
    let observation = ObservationId::new(s.a % 3 + 1);
    let staff = StaffId::new(s.b % 9 + 1);
    let c = i64::from(s.c);
    match s.pick {
        // --- grid ---
        0 => {
            let (kind, parent, number) = match s.c % 4 {
                0 => (UnitKind::Village, reg.township(), None),
                1 => (UnitKind::Community, unit, None),
                2 => (UnitKind::Zone, unit, None),
                _ => (UnitKind::Group, unit, Some((s.b % 5 + 1) as u16)),
            };
            fangkong::grid::GridCommand::EstablishUnit {
                kind,
                name: format!("unit {}", s.c),
                parent,
                code: None,
                number,
            }
            .into()
        }
        1 => fangkong::grid::GridCommand::ZoneGroups {
            // U8 is Qianjin's zone; U4 to U7 are groups of Qianjin and Baiyun.
            zone: if s.flag { UnitId::new(8) } else { unit },
            groups: vec![UnitId::new(4 + s.b % 4), UnitId::new(s.c % 12 + 1)],
        }
        .into(),
        2 => {
            let role = [
                Role::Leader,
                Role::Cadre,
                Role::GridWorker,
                Role::HealthWorker,
                Role::Inspector,
                Role::Volunteer,
            ][s.b as usize % 6];
            fangkong::grid::GridCommand::EnrollStaff {
                name: if s.flag { " ".into() } else { "Staff".into() },
                role,
                phone: None,
            }
            .into()
        }
        3 => {
            let duty = [
                Duty::ChargeOfVillage,
                Duty::DepartmentLink,
                Duty::ZoneAndGroups,
                Duty::Grid,
                Duty::MedicalService,
                Duty::Supervision,
            ][s.c as usize % 6];
            fangkong::grid::GridCommand::AssignStaff { staff, unit, duty }.into()
        }
        4 => fangkong::grid::GridCommand::EndAssignment { staff, unit }.into(),
        5 => fangkong::grid::GridCommand::RegisterHousehold {
            group: unit,
            address: format!("no. {}", s.c),
        }
        .into(),
        6 => {
            let relation = if s.flag {
                Relation::Head
            } else {
                Relation::Child
            };
            let birth = Day::from_ymd(1950 + (s.c as i32 % 60), 3, 1).unwrap();
            let mut details = ResidentDetails::new("某人", Sex::Male, birth, relation);
            if s.b.is_multiple_of(3) {
                // A small pool of numbers, so that some are registered twice.
                let id = fangkong::synth::identity_number(birth, Sex::Male, s.b % 2).unwrap();
                details = details.with_identity(id);
            }
            fangkong::grid::GridCommand::RegisterResident { household, details }.into()
        }
        7 => fangkong::grid::GridCommand::CorrectResident {
            resident,
            details: ResidentDetails::new(
                format!("更正 {}", s.c),
                Sex::Female,
                day("1970-01-01"),
                if s.flag {
                    Relation::Head
                } else {
                    Relation::Spouse
                },
            ),
        }
        .into(),
        8 => fangkong::grid::GridCommand::MoveHousehold {
            household,
            to: other_unit,
        }
        .into(),
        9 => fangkong::grid::GridCommand::MoveResident {
            resident,
            to: HouseholdId::new(s.b % 6 + 1),
            relation: if s.flag {
                Relation::Head
            } else {
                Relation::Sibling
            },
        }
        .into(),
        10 => fangkong::grid::GridCommand::DeregisterResident {
            resident,
            reason: if s.flag {
                DeregistrationReason::Died
            } else {
                DeregistrationReason::MovedAway
            },
        }
        .into(),
        // --- screening ---
        11 => fangkong::screening::ScreeningCommand::DesignateRiskArea {
            area: area(s.b),
            level: level(s.c),
            from: days(today, -c),
            basis: if s.flag { "".into() } else { "notice".into() },
        }
        .into(),
        12 => fangkong::screening::ScreeningCommand::LiftRiskArea {
            designation: designation(s.a % 4 + 1),
            on: days(today, -(c % 5)),
        }
        .into(),
        13 => {
            let change = if s.flag {
                ProposedChange::Designate { level: level(s.c) }
            } else {
                ProposedChange::Replace {
                    lift: designation(s.a % 4 + 1),
                    current: level(s.b),
                    level: level(s.c),
                }
            };
            // A proposal as the schemes make them (the struct is read, not built).
            let proposal: RiskProposal = serde_json::from_value(serde_json::json!({
                "area": area(s.b),
                "on": days(today, -(c % 3)),
                "scheme": "plan ed. 9",
                "change": change,
                "reason": "the figures",
            }))
            .unwrap();
            fangkong::screening::ScreeningCommand::ConfirmRiskProposal { proposal }.into()
        }
        14 => fangkong::screening::ScreeningCommand::AdoptScreeningRule {
            rule: ScreeningRule::returnee_jan2020(),
        }
        .into(),
        15 => fangkong::screening::ScreeningCommand::OpenScreeningRound {
            name: "round".into(),
            units: vec![unit],
            opens: days(today, -(c % 3)),
        }
        .into(),
        16 => fangkong::screening::ScreeningCommand::CloseScreeningRound {
            round: RoundId::new(s.a % 3 + 1),
            closes: days(today, c % 3 - 1),
        }
        .into(),
        17 => fangkong::screening::ScreeningCommand::RecordVisit {
            round: RoundId::new(s.b % 3 + 1),
            household,
            result: [
                VisitResult::Screened,
                VisitResult::NobodyHome,
                VisitResult::Refused,
            ][s.c as usize % 3],
        }
        .into(),
        18 => {
            let left = days(today, -(c % 20));
            let travel = TravelHistory {
                stays: vec![Stay::new(area(1), days(left, -3), left).unwrap()],
                transits: vec![],
                returned_home: Some(left),
            };
            let symptoms = ReportedSymptoms::default();
            fangkong::screening::ScreeningCommand::RecordInterview {
                resident,
                round: s.flag.then(|| RoundId::new(s.b % 3 + 1)),
                interview: Interview::new(travel, true, symptoms).unwrap(),
            }
            .into()
        }
        // --- observation ---
        19 => {
            let mut protocol = fangkong::observation::Protocol::preset("returnee-jan2020").unwrap();
            protocol.key = if s.flag {
                "close-contact-ed9".into()
            } else {
                "local-14".into()
            };
            fangkong::observation::ObservationCommand::AdoptProtocol { protocol }.into()
        }
        20 => fangkong::observation::ObservationCommand::OpenObservation {
            resident,
            protocol: ["returnee-jan2020", "close-contact-ed9", "local-14", "none"]
                [s.b as usize % 4]
                .into(),
            day0: days(today, -(c % 20)),
            basis: OpeningBasis::Other {
                note: "reported by the village".into(),
            },
        }
        .into(),
        21..=26 => {
            let update = match s.pick {
                21 => ObservationUpdate::RecordReading(Reading {
                    at: now,
                    temperature: Temperature::from_tenths(360 + s.c as i32 / 2).unwrap(),
                    method: Method::Armpit,
                    by: Reporter::SelfReported,
                }),
                22 => ObservationUpdate::ChangePeriod {
                    new_last_day: days(today, c - 10),
                    reason: "extended by the county".into(),
                },
                23 => ObservationUpdate::RestartExposure {
                    new_day0: days(today, -(c % 5)),
                    reason: "a new contact".into(),
                },
                24 => ObservationUpdate::Release {
                    override_reason: s.flag.then(|| "the county's decision".into()),
                },
                25 => ObservationUpdate::End(Ending {
                    at: now,
                    reason: EndReason::LostToFollowUp,
                }),
                _ => ObservationUpdate::Refer(Referral {
                    at: now,
                    hospital: "county hospital".into(),
                }),
            };
            fangkong::observation::ObservationCommand::UpdateObservation {
                observation,
                update,
            }
            .into()
        }
        // --- report ---
        27 => ReportCommand::AddReportingUnit { unit }.into(),
        28 => ReportCommand::SetSchedule {
            schedule: Schedule::new(days(today, -(c % 5))),
        }
        .into(),
        29 => ReportCommand::SubmitReport {
            unit,
            day: days(today, c % 3 - 1),
            note: String::new(),
        }
        .into(),
        // --- gathering ---
        30 => GatheringCommand::DefineVenueKind(VenueKindDefinition::new(
            VenueKind::new(if s.flag { "bathhouse" } else { "catering" }).unwrap(),
            "bathhouse",
            "浴池",
        ))
        .into(),
        31 => GatheringCommand::IssueOrder {
            unit,
            first: days(today, -(c % 3)),
            last: s.flag.then(|| days(today, c % 7 - 2)),
            terms: OrderTerms::weddings_postponed(),
        }
        .into(),
        32 => GatheringCommand::LiftOrder {
            order: GatheringOrderId::new(s.a % 3 + 1),
            from: days(today, c % 3 - 1),
        }
        .into(),
        33 => GatheringCommand::ReportGathering(PlannedGathering::new(
            household,
            if s.flag {
                GatheringKind::WEDDING
            } else {
                GatheringKind::FUNERAL
            },
            days(today, c % 10),
            days(today, c % 10 + i64::from(s.b % 3) - 1),
            s.b * 10,
        ))
        .into(),
        34 => GatheringCommand::RecordPersuasion {
            gathering: GatheringId::new(s.a % 3 + 1),
            outcome: match s.c % 4 {
                0 => PersuasionOutcome::PostponedTo(days(today, c - 10)),
                1 => PersuasionOutcome::SimplifiedTo(s.b * 5),
                2 => PersuasionOutcome::Cancelled,
                _ => PersuasionOutcome::RefusedEscalated,
            },
        }
        .into(),
        35 => GatheringCommand::RegisterVenue {
            name: format!("venue {}", s.c),
            kind: if s.flag {
                VenueKind::TEAHOUSE
            } else {
                VenueKind::new("bathhouse").unwrap()
            },
            unit,
        }
        .into(),
        36 => GatheringCommand::OrderClosure {
            unit,
            title: "closure".into(),
            target: if s.flag {
                VenueTarget::article()
            } else {
                VenueTarget::Venue(fangkong::gathering::VenueId::new(s.b % 3 + 1))
            },
            first: days(today, -(c % 3)),
            last: None,
        }
        .into(),
        37 => GatheringCommand::OrderReopening {
            unit,
            title: "reopening".into(),
            target: VenueTarget::article(),
            from: days(today, c % 3),
        }
        .into(),
        38 => GatheringCommand::RecordViolation {
            venue: fangkong::gathering::VenueId::new(s.a % 3 + 1),
            note: "open at noon".into(),
        }
        .into(),
        // --- supervision ---
        39 => SupervisionCommand::RecordInspection {
            mode: if s.flag {
                InspectionMode::Covert
            } else {
                InspectionMode::Open
            },
            target: InspectionTarget::Unit(unit),
            at: now,
            checklist: vec![if s.c.is_multiple_of(2) {
                ItemCheck::failed(ChecklistItem::ScreeningDone, "households not visited")
            } else {
                ItemCheck::passed(ChecklistItem::ScreeningDone)
            }],
        }
        .into(),
        40 => SupervisionCommand::RecordFinding {
            source: if s.flag {
                fangkong::supervision::FindingSource::ChecklistItem {
                    inspection: InspectionId::new(s.a % 3 + 1),
                    item: ChecklistItem::ScreeningDone,
                }
            } else {
                fangkong::supervision::FindingSource::StandAlone { unit }
            },
            responsible: staff,
            deadline: days(today, c % 5 - 1),
            text: "not on post".into(),
        }
        .into(),
        41 => SupervisionCommand::RecordRectification {
            finding: FindingId::new(s.a % 3 + 1),
            note: "back on post".into(),
        }
        .into(),
        43 => match s.c % 3 {
            0 => fangkong::audit::AuditCommand::ExportList {
                list: if s.flag {
                    fangkong::audit::ExportedList::KeyPeople
                } else {
                    fangkong::audit::ExportedList::Residents
                },
            },
            _ => fangkong::audit::AuditCommand::ExportTrail {
                subject: if s.flag {
                    fangkong::audit::Subject::Resident(resident)
                } else {
                    fangkong::audit::Subject::Household(household)
                },
            },
        }
        .into(),
        44 => fangkong::grid::GridCommand::RevealContact {
            resident,
            field: if s.flag {
                fangkong::grid::ContactField::Phone
            } else {
                fangkong::grid::ContactField::IdentityNumber
            },
        }
        .into(),
        _ => SupervisionCommand::DecideAccountability {
            findings: vec![FindingId::new(s.a % 3 + 1)],
            accountable: Accountable::Cadre {
                staff,
                form: CadreForm::CirculatedNotice,
            },
            made: days(today, -(c % 2)),
            reason: if s.flag {
                "absent from post".into()
            } else {
                String::new()
            },
        }
        .into(),
    }
}

/// The shared township, with a risk area and the January rule, an inspector (S7), a round over
/// Qianjin, a reporting schedule, a venue closed by order, a zone, a gathering order, three households, four residents,
/// two observations, a planned wedding, an inspection and a finding.
fn township() -> Registry {
    let mut g = given();
    wuhan_high_and_the_january_rule(&mut g);
    let (s1, t) = (g.secretary, at(T0));
    let reg = &mut g.reg;
    reg.enroll_staff(s1, t, "Inspector Gao", Role::Inspector, None)
        .unwrap();
    reg.execute(
        s1,
        t,
        fangkong::screening::ScreeningCommand::OpenScreeningRound {
            name: "first round".into(),
            units: vec![g.qianjin],
            opens: day("2020-01-24"),
        },
    )
    .unwrap();
    reg.execute(
        s1,
        t,
        ReportCommand::SetSchedule {
            schedule: Schedule::new(day("2020-01-24")),
        },
    )
    .unwrap();
    reg.execute(
        s1,
        t,
        GatheringCommand::RegisterVenue {
            name: "Qianjin teahouse".into(),
            kind: VenueKind::TEAHOUSE,
            unit: g.qianjin_1,
        },
    )
    .unwrap();
    reg.execute(
        s1,
        t,
        GatheringCommand::OrderClosure {
            unit: g.qianjin,
            title: "teahouses closed".into(),
            target: VenueTarget::article(),
            first: day("2020-01-24"),
            last: None,
        },
    )
    .unwrap();
    // A zone of Qianjin (U8) and a gathering order over the township (GO1).
    reg.establish_unit(s1, t, UnitKind::Zone, "Qianjin zone", g.qianjin, None)
        .unwrap();
    reg.execute(
        s1,
        t,
        GatheringCommand::IssueOrder {
            unit: reg.township(),
            first: day("2020-01-24"),
            last: None,
            terms: OrderTerms::weddings_postponed(),
        },
    )
    .unwrap();
    // Two more households and residents: H2 in Qianjin 2 (R3), H3 in Baiyun 1 (R4).
    let h2 = reg
        .register_household(s1, t, g.qianjin_2, "Qianjin 2-01")
        .unwrap();
    let h3 = reg
        .register_household(s1, t, g.baiyun_1, "Baiyun 1-01")
        .unwrap();
    let child = ResidentDetails::new("王小明", Sex::Male, day("2012-05-01"), Relation::Head);
    let r3 = reg.register_resident(s1, t, h2, child).unwrap();
    let head = ResidentDetails::new("赵大", Sex::Male, day("1966-05-01"), Relation::Head);
    reg.register_resident(s1, t, h3, head).unwrap();
    // Observations O1 (R1, day 0 on 01-20) and O2 (R3, day 0 on 01-10: release due 01-25).
    for (resident, day0) in [(g.head, "2020-01-20"), (r3, "2020-01-10")] {
        reg.execute(
            g.health_worker,
            t,
            fangkong::observation::ObservationCommand::OpenObservation {
                resident,
                protocol: "returnee-jan2020".into(),
                day0: day(day0),
                basis: OpeningBasis::Other {
                    note: "reported by the village".into(),
                },
            },
        )
        .unwrap();
    }
    // A planned wedding GP1 in H1; an inspection IN1 of Qianjin with a failed item, and its
    // finding FD1 for the cadre.
    reg.execute(
        g.worker_qianjin_1,
        t,
        GatheringCommand::ReportGathering(PlannedGathering::new(
            g.home,
            GatheringKind::WEDDING,
            day("2020-02-01"),
            day("2020-02-01"),
            60,
        )),
    )
    .unwrap();
    let inspector = StaffId::new(7);
    reg.execute(
        inspector,
        t,
        SupervisionCommand::RecordInspection {
            mode: InspectionMode::Open,
            target: InspectionTarget::Unit(g.qianjin),
            at: t,
            checklist: vec![ItemCheck::failed(
                ChecklistItem::ScreeningDone,
                "households not visited",
            )],
        },
    )
    .unwrap();
    reg.execute(
        inspector,
        t,
        SupervisionCommand::RecordFinding {
            source: fangkong::supervision::FindingSource::ChecklistItem {
                inspection: InspectionId::new(1),
                item: ChecklistItem::ScreeningDone,
            },
            responsible: g.cadre_qianjin,
            deadline: day("2020-01-27"),
            text: "households not visited".into(),
        },
    )
    .unwrap();
    g.reg
}

/// Checks the invariants of observations.
fn observations_hold(reg: &Registry, today: Day) -> Result<(), TestCaseError> {
    let mut n = 0;
    for rec in reg.observations() {
        n += 1;
        let o = &rec.observation;
        // Exactly one status: released, closed otherwise, or still neither.
        prop_assert!(
            !(o.release_record().is_some() && o.closure().is_some()),
            "{} is both released and closed",
            rec.id
        );
        if let Some(r) = o.release_record() {
            prop_assert!(
                r.on >= o.earliest_release() || r.override_reason.is_some(),
                "{} released on {} before {} without an override",
                rec.id,
                r.on,
                o.earliest_release()
            );
        }
        if o.release_record().is_none() && o.closure().is_none() {
            prop_assert!(
                matches!(o.status_on(today), Status::UnderObservation),
                "{} is neither released nor closed but {:?}",
                rec.id,
                o.status_on(today)
            );
        }
    }
    let c = reg.observation_counts(today);
    prop_assert_eq!(c.total, n);
    prop_assert_eq!(
        c.under_observation + c.follow_on + c.released + c.referred + c.transferred + c.ended,
        n
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn every_command_keeps_the_registry_consistent_and_replayable(
        steps in proptest::collection::vec(step(), 1..40)
    ) {
        let mut reg = township();
        let mut now = at(T0);
        for s in &steps {
            let when = if s.earlier {
                now.plus_seconds(-86_400)
            } else {
                now = now.plus_seconds(s.hours * 3_600);
                now
            };
            let today = reg.day_of(when);
            let command = command(s, &reg, when, today);
            let before = reg.clone();
            let result = reg.execute(actor(s), when, command);
            match &result {
                Ok(receipt) => prop_assert_eq!(
                    reg.ledger().len(),
                    before.ledger().len() + (receipt.last_seq + 1 - receipt.first_seq) as usize
                ),
                Err(e) => {
                    prop_assert!(reg.state_eq(&before), "a refused command changed the state: {}", e);
                    prop_assert_eq!(reg.ledger().len(), before.ledger().len() + 1);
                    prop_assert_eq!(reg.refusals().unwrap().len(), before.refusals().unwrap().len() + 1);
                }
            }
            prop_assert!(reg.ledger().verify().is_ok());
            let replayed = Registry::replay(reg.ledger());
            prop_assert!(replayed.is_ok(), "replay refused: {:?}", replayed.err());
            prop_assert_eq!(&replayed.unwrap(), &reg);
            observations_hold(&reg, reg.day_of(now))?;
        }
    }
}
