//! Reach (DOMAIN.md §1): staff act on the units they are assigned to and everything below
//! them. A leader linked to a village (联点) answers for that village; what covers the whole
//! township takes a leader assigned to the township itself, as the founding leader (the party
//! secretary heading the leading group) is. Inspectors act township-wide by their role.
//!
//! Each scenario: the leader of Qianjin (assigned to Qianjin only) is refused a township-wide
//! command with `Error::OutsideAssignedUnits`, the refusal is recorded and nothing else changes;
//! the same leader acts in Qianjin and is refused Baiyun; a leader assigned to the township is
//! accepted for the township.

use fangkong::audit::Subject;
use fangkong::gathering::{GatheringCommand, OrderTerms, VenueKind};
use fangkong::gathering::{GatheringKindDefinition, VenueTarget};
use fangkong::grid::GridCommand;
use fangkong::observation::{ObservationCommand, Protocol};
use fangkong::report::{ReportCommand, Schedule};
use fangkong::screening::{RiskLevel, ScreeningCommand, ScreeningRule};
use fangkong::supervision::{
    Accountable, CadreForm, ChecklistItem, InspectionMode, InspectionTarget, ItemCheck,
    SupervisionCommand,
};
use fangkong::supervision::{AdmonitionManner, FindingSource};
use fangkong::{Command, Duty, Error, Registry, Role, StaffId, UnitId, UnitKind};

use crate::common::*;

/// An instant after the given township was set up.
const T1: &str = "2020-01-25T10:00:00+08:00";

/// The given township, with a leader linked to Qianjin only (Zhao, 联点包村), a second leader
/// assigned to the township itself (Sun, as the secretary is), and an inspector assigned
/// nowhere.
struct Leaders {
    g: Given,
    qianjin_leader: StaffId,
    township_leader: StaffId,
    inspector: StaffId,
}

fn leaders() -> Leaders {
    let mut g = given();
    let t = at(T0);
    let s1 = g.secretary;
    let town = g.reg.township();
    let qianjin_leader = g
        .reg
        .enroll_staff(s1, t, "Zhao Qiang", Role::Leader, None)
        .unwrap();
    g.reg
        .assign(s1, t, qianjin_leader, g.qianjin, Duty::ChargeOfVillage)
        .unwrap();
    let township_leader = g
        .reg
        .enroll_staff(s1, t, "Sun Wei", Role::Leader, None)
        .unwrap();
    g.reg
        .assign(s1, t, township_leader, town, Duty::ChargeOfVillage)
        .unwrap();
    let inspector = g
        .reg
        .enroll_staff(s1, t, "Zhou Jian", Role::Inspector, None)
        .unwrap();
    Leaders {
        g,
        qianjin_leader,
        township_leader,
        inspector,
    }
}

/// Then `actor` is refused `command` as outside their reach, naming `unit`: the refusal is
/// recorded, and nothing else changes (the state equals the replayed ledger from before).
#[track_caller]
fn refused_outside(reg: &mut Registry, actor: StaffId, unit: &str, command: impl Into<Command>) {
    let before = Registry::replay(reg.ledger()).unwrap();
    let households = reg.households().count();
    let refusals = reg.refusals().unwrap().len();
    let err = reg.execute(actor, at(T1), command).unwrap_err();
    assert!(
        matches!(&err, Error::OutsideAssignedUnits { unit: u, .. } if u == unit),
        "expected a refusal outside {unit}, got: {err}"
    );
    assert!(
        err.to_string().contains(&format!(
            "that needs an assignment to {unit} or a unit above it"
        )),
        "{err}"
    );
    assert!(reg.state_eq(&before));
    assert_eq!(reg.households().count(), households);
    assert_eq!(reg.refusals().unwrap().len(), refusals + 1);
}

/// Then the ledger, refusals included, replays to the same registry.
#[track_caller]
fn replays(reg: &Registry) {
    assert!(Registry::replay(reg.ledger()).unwrap().state_eq(reg));
}

fn township_label(reg: &Registry) -> String {
    reg.unit_label(reg.township())
}

#[test]
fn a_village_leader_may_not_issue_a_gathering_order_for_the_township() {
    // Given the leader of Qianjin
    let mut l = leaders();
    let town = l.g.reg.township();
    let label = township_label(&l.g.reg);
    let order = |unit| GatheringCommand::IssueOrder {
        unit,
        first: day("2020-01-25"),
        last: None,
        terms: OrderTerms::article(),
    };
    // When they issue an order for the township, then it is refused and changes nothing
    refused_outside(&mut l.g.reg, l.qianjin_leader, &label, order(town));
    // They issue one for Qianjin, not for Baiyun
    l.g.reg
        .execute(l.qianjin_leader, at(T1), order(l.g.qianjin))
        .unwrap();
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        "Baiyun (U3)",
        order(l.g.baiyun),
    );
    // And a leader assigned to the township issues the township's, which the village leader
    // may not lift
    let id =
        l.g.reg
            .issue_gathering_order(
                l.township_leader,
                at(T1),
                town,
                day("2020-01-25"),
                None,
                OrderTerms::article(),
            )
            .unwrap();
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        GatheringCommand::LiftOrder {
            order: id,
            from: day("2020-02-01"),
        },
    );
    // Nor define a kind of gathering, which is the township's
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        GatheringCommand::DefineGatheringKind(GatheringKindDefinition::new(
            "village-opera".parse().unwrap(),
            "village opera",
            "村戏",
            true,
        )),
    );
    replays(&l.g.reg);
}

#[test]
fn a_village_leader_may_not_close_or_reopen_the_townships_venues() {
    // Given a teahouse registered at township level, by the township's leader
    let mut l = leaders();
    let town = l.g.reg.township();
    let label = township_label(&l.g.reg);
    let teahouse =
        l.g.reg
            .register_venue(
                l.township_leader,
                at(T0),
                "Station teahouse",
                VenueKind::TEAHOUSE,
                town,
            )
            .unwrap();
    let close = |unit, target| GatheringCommand::OrderClosure {
        unit,
        title: "Teahouses closed (茶馆停业)".into(),
        target,
        first: day("2020-01-25"),
        last: None,
    };
    // When the leader of Qianjin orders it closed, or every teahouse of the township, or
    // registers a venue at township level, then each is refused
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        close(town, VenueTarget::Venue(teahouse)),
    );
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        close(town, VenueTarget::Kinds(vec![VenueKind::TEAHOUSE])),
    );
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        GatheringCommand::RegisterVenue {
            name: "Station market".into(),
            kind: VenueKind::TEAHOUSE,
            unit: town,
        },
    );
    // They close Qianjin's teahouses, not Baiyun's
    l.g.reg
        .execute(
            l.qianjin_leader,
            at(T1),
            close(l.g.qianjin, VenueTarget::Kinds(vec![VenueKind::TEAHOUSE])),
        )
        .unwrap();
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        "Baiyun (U3)",
        close(l.g.baiyun, VenueTarget::Kinds(vec![VenueKind::TEAHOUSE])),
    );
    // The township's leader closes it, and the village leader may not reopen it
    l.g.reg
        .execute(
            l.township_leader,
            at(T1),
            close(town, VenueTarget::Venue(teahouse)),
        )
        .unwrap();
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        GatheringCommand::OrderReopening {
            unit: town,
            title: "Teahouses reopen (茶馆复业)".into(),
            target: VenueTarget::Venue(teahouse),
            from: day("2020-02-10"),
        },
    );
    replays(&l.g.reg);
}

#[test]
fn risk_areas_and_screening_rules_cover_the_township_and_take_a_township_leader() {
    // Given the leader of Qianjin
    let mut l = leaders();
    let label = township_label(&l.g.reg);
    let designate = ScreeningCommand::DesignateRiskArea {
        area: wuhan(),
        level: RiskLevel::HIGH,
        from: day("2020-01-08"),
        basis: "NHC community notice, 2020-01-24".into(),
    };
    let rule = ScreeningCommand::AdoptScreeningRule {
        rule: ScreeningRule::returnee_jan2020(),
    };
    // When they designate a risk area or adopt a screening rule, then each is refused
    refused_outside(&mut l.g.reg, l.qianjin_leader, &label, designate.clone());
    refused_outside(&mut l.g.reg, l.qianjin_leader, &label, rule.clone());
    // And the township's leader is accepted for both
    l.g.reg
        .execute(l.township_leader, at(T1), designate)
        .unwrap();
    l.g.reg.execute(l.township_leader, at(T1), rule).unwrap();
    // The village leader may not lift the designation either
    let designation = l.g.reg.risk_register().designations()[0].id;
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        ScreeningCommand::LiftRiskArea {
            designation,
            on: day("2020-03-01"),
        },
    );
    // Nor adopt an observation protocol of the township's own
    let mut protocol = Protocol::preset("returnee-jan2020").unwrap();
    protocol.key = "returnee-own".into();
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        ObservationCommand::AdoptProtocol { protocol },
    );
    replays(&l.g.reg);
}

#[test]
fn a_village_leader_screens_their_village_not_the_township() {
    // Given the leader of Qianjin
    let mut l = leaders();
    let town = l.g.reg.township();
    let label = township_label(&l.g.reg);
    let round = |units: Vec<UnitId>| ScreeningCommand::OpenScreeningRound {
        name: "First round (第一轮摸排)".into(),
        units,
        opens: day("2020-01-25"),
    };
    // When they open a round over the township, then it is refused
    refused_outside(&mut l.g.reg, l.qianjin_leader, &label, round(vec![town]));
    // Over Qianjin it is accepted, over Qianjin and Baiyun refused
    l.g.reg
        .execute(l.qianjin_leader, at(T1), round(vec![l.g.qianjin]))
        .unwrap();
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        "Baiyun (U3)",
        round(vec![l.g.qianjin, l.g.baiyun]),
    );
    // The township's leader opens the township's, which the village leader may not close
    let township_round =
        l.g.reg
            .open_screening_round(
                l.township_leader,
                at(T1),
                "Township round",
                vec![town],
                day("2020-01-25"),
            )
            .unwrap();
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        ScreeningCommand::CloseScreeningRound {
            round: township_round,
            closes: day("2020-01-26"),
        },
    );
    replays(&l.g.reg);
}

#[test]
fn a_village_leader_reports_for_their_village_not_the_township() {
    // Given daily reports from 2020-01-25, set by the secretary
    let mut l = leaders();
    let town = l.g.reg.township();
    let label = township_label(&l.g.reg);
    l.g.reg
        .set_report_schedule(l.g.secretary, at(T0), Schedule::new(day("2020-01-24")))
        .unwrap();
    let submit = |unit| ReportCommand::SubmitReport {
        unit,
        day: day("2020-01-24"),
        note: "nothing new (零报告)".into(),
    };
    // When the leader of Qianjin submits the township's report, then it is refused
    refused_outside(&mut l.g.reg, l.qianjin_leader, &label, submit(town));
    // Qianjin's is accepted, Baiyun's refused
    l.g.reg
        .submit_report(l.qianjin_leader, at(T1), l.g.qianjin, day("2020-01-24"), "")
        .unwrap();
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        "Baiyun (U3)",
        submit(l.g.baiyun),
    );
    // The schedule is the township's; a Baiyun group is Baiyun's
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        ReportCommand::SetSchedule {
            schedule: Schedule::new(day("2020-01-25")),
        },
    );
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        "Baiyun group 1 (U6)",
        ReportCommand::AddReportingUnit { unit: l.g.baiyun_1 },
    );
    // The township's leader submits the township's
    l.g.reg
        .submit_report(l.township_leader, at(T1), town, day("2020-01-24"), "")
        .unwrap();
    replays(&l.g.reg);
}

#[test]
fn a_village_leader_builds_their_village_and_staffs_it_not_the_township() {
    // Given the leader of Qianjin
    let mut l = leaders();
    let town = l.g.reg.township();
    let label = township_label(&l.g.reg);
    let establish = |kind, name: &str, parent| GridCommand::EstablishUnit {
        kind,
        name: name.into(),
        parent,
        code: None,
        number: None,
    };
    // When they establish a village under the township, then it is refused
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        establish(UnitKind::Village, "Hongqi", town),
    );
    // A zone in Qianjin is accepted, one in Baiyun refused
    l.g.reg
        .execute(
            l.qianjin_leader,
            at(T1),
            establish(UnitKind::Zone, "Qianjin east", l.g.qianjin),
        )
        .unwrap();
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        "Baiyun (U3)",
        establish(UnitKind::Zone, "Baiyun east", l.g.baiyun),
    );
    // Enrolling staff is the township's
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        GridCommand::EnrollStaff {
            name: "Wu Lan".into(),
            role: Role::GridWorker,
            phone: None,
        },
    );
    // Assigning staff: to Qianjin group 2 yes; to the township or Baiyun no
    let volunteer = l.g.volunteer;
    l.g.reg
        .execute(
            l.qianjin_leader,
            at(T1),
            GridCommand::AssignStaff {
                staff: volunteer,
                unit: l.g.qianjin_2,
                duty: Duty::Grid,
            },
        )
        .unwrap();
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        GridCommand::AssignStaff {
            staff: volunteer,
            unit: town,
            duty: Duty::Grid,
        },
    );
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        "Baiyun group 2 (U7)",
        GridCommand::AssignStaff {
            staff: volunteer,
            unit: l.g.baiyun_2,
            duty: Duty::Grid,
        },
    );
    // Nor may they end the township's leader's assignment to the township
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        GridCommand::EndAssignment {
            staff: l.township_leader,
            unit: town,
        },
    );
    // The township's leader establishes the village and enrolls staff
    l.g.reg
        .execute(
            l.township_leader,
            at(T1),
            establish(UnitKind::Village, "Hongqi", town),
        )
        .unwrap();
    l.g.reg
        .enroll_staff(l.township_leader, at(T1), "Wu Lan", Role::GridWorker, None)
        .unwrap();
    replays(&l.g.reg);
}

#[test]
fn an_unassigned_inspector_acts_township_wide_and_leaders_decide_only_where_assigned() {
    // Given an inspector assigned nowhere
    let mut l = leaders();
    let town = l.g.reg.township();
    let label = township_label(&l.g.reg);
    assert!(Role::Inspector.acts_township_wide());
    assert!(!Role::Leader.acts_township_wide());
    // When they inspect the township and record findings there and in Baiyun, then each is
    // accepted: inspectors act township-wide by their role
    let inspection =
        l.g.reg
            .record_inspection(
                l.inspector,
                at(T1),
                InspectionMode::Covert,
                InspectionTarget::Unit(town),
                at(T1),
                vec![ItemCheck::failed(
                    ChecklistItem::StaffOnPost,
                    "checkpoint unmanned at 10:00",
                )],
            )
            .unwrap();
    let township_finding =
        l.g.reg
            .record_finding(
                l.inspector,
                at(T1),
                FindingSource::ChecklistItem {
                    inspection,
                    item: ChecklistItem::StaffOnPost,
                },
                l.township_leader,
                day("2020-01-27"),
                "nobody at the station checkpoint",
            )
            .unwrap();
    let baiyun_finding =
        l.g.reg
            .record_finding(
                l.inspector,
                at(T1),
                FindingSource::StandAlone { unit: l.g.baiyun },
                l.g.worker_baiyun_1,
                day("2020-01-27"),
                "Baiyun group 1 roster not kept",
            )
            .unwrap();
    let qianjin_finding =
        l.g.reg
            .record_finding(
                l.inspector,
                at(T1),
                FindingSource::StandAlone { unit: l.g.qianjin },
                l.g.worker_qianjin_1,
                day("2020-01-27"),
                "Qianjin group 1 roster not kept",
            )
            .unwrap();
    // The inspector exports the township's roster, unmasked, without an assignment
    l.g.reg
        .export_resident_roster(l.inspector, at(T1), fangkong::report::Lang::En)
        .unwrap();
    // The leader of Qianjin may not: the roster is the township's
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        fangkong::audit::AuditCommand::ExportList {
            list: fangkong::audit::ExportedList::Residents,
        },
    );
    // Nor decide on accountability for the township's finding, nor Baiyun's
    let admonition = |staff| Accountable::Cadre {
        staff,
        form: CadreForm::Admonition(AdmonitionManner::Written),
    };
    let decide = |finding, staff| SupervisionCommand::DecideAccountability {
        findings: vec![finding],
        accountable: admonition(staff),
        made: day("2020-01-25"),
        reason: "absent from post".into(),
    };
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        decide(township_finding, l.township_leader),
    );
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        "Baiyun (U3)",
        decide(baiyun_finding, l.g.worker_baiyun_1),
    );
    // Nor record the rectification of Baiyun's finding for its grid worker
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        "Baiyun (U3)",
        SupervisionCommand::RecordRectification {
            finding: baiyun_finding,
            note: "roster written up".into(),
        },
    );
    // Qianjin's they decide on and rectify; the township's leader decides on the township's
    l.g.reg
        .execute(
            l.qianjin_leader,
            at(T1),
            decide(qianjin_finding, l.g.worker_qianjin_1),
        )
        .unwrap();
    l.g.reg
        .record_rectification(l.qianjin_leader, at(T1), qianjin_finding, "written up")
        .unwrap();
    l.g.reg
        .execute(
            l.township_leader,
            at(T1),
            decide(township_finding, l.township_leader),
        )
        .unwrap();
    // A trail of a Baiyun household's staff member is the township's; of Qianjin's home, Qianjin's
    refused_outside(
        &mut l.g.reg,
        l.qianjin_leader,
        &label,
        fangkong::audit::AuditCommand::ExportTrail {
            subject: Subject::Staff(l.g.worker_baiyun_1),
        },
    );
    l.g.reg
        .execute(
            l.qianjin_leader,
            at(T1),
            fangkong::audit::AuditCommand::ExportTrail {
                subject: Subject::Household(l.g.home),
            },
        )
        .unwrap();
    replays(&l.g.reg);
}

#[test]
fn the_refusal_says_what_assignment_the_action_needs() {
    // Given the leader of Qianjin
    let mut l = leaders();
    let town = l.g.reg.township();
    // When they issue an order for the township
    let err =
        l.g.reg
            .issue_gathering_order(
                l.qianjin_leader,
                at(T1),
                town,
                day("2020-01-25"),
                None,
                OrderTerms::article(),
            )
            .unwrap_err();
    // Then the error says that it needs an assignment to the township, and theirs
    assert_eq!(
        err.to_string(),
        "leader Zhao Qiang (S7) may not issue gathering orders or venue closures in Huochezhan (U1): \
         that needs an assignment to Huochezhan (U1) or a unit above it, and they are assigned to \
         Qianjin (U2)"
    );
    assert!(
        err.display_zh()
            .to_string()
            .contains("需分配到Huochezhan (U1)或其上级单位")
    );
    // And the refusal in the ledger says the same
    let refusal = l.g.reg.refusals().unwrap().pop().unwrap();
    assert!(format!("{:?}", refusal.body).contains("that needs an assignment to Huochezhan (U1)"));
}
