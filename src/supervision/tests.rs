//! Supervision scenarios: given a small township, when commands, then events, state or errors.

use crate::grid::GridError;
use crate::supervision::SupervisionError;
use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::calendar::UtcOffset;
use crate::grid::context::{Context, EntryMeta, GridView};
use crate::grid::{Assignment, Duty, Staff, Unit, UnitKind};
use crate::household::{Household, Resident};
use crate::ids::{HouseholdId, ResidentId, VenueId};
use crate::test_support::day;

// --- a small township ---------------------------------------------------------------------

const TOWNSHIP: UnitId = UnitId::new(1);
const QIANJIN: UnitId = UnitId::new(2);
const HONGQI: UnitId = UnitId::new(3);
const QIANJIN_1: UnitId = UnitId::new(4);
const QIANJIN_2: UnitId = UnitId::new(5);
const HONGQI_1: UnitId = UnitId::new(6);

const LIU: StaffId = StaffId::new(1); // leader, the township
const ZHAO: StaffId = StaffId::new(2); // inspector
const LI: StaffId = StaffId::new(3); // grid worker, Qianjin group 1
const WANG: StaffId = StaffId::new(4); // cadre, Qianjin
const CHEN: StaffId = StaffId::new(5); // cadre, Hongqi
const SUN: StaffId = StaffId::new(6); // grid worker, Hongqi group 1
const MA: StaffId = StaffId::new(7); // volunteer

struct Grid {
    units: BTreeMap<UnitId, Unit>,
    staff: BTreeMap<StaffId, Staff>,
    assignments: Vec<Assignment>,
}

impl Grid {
    fn township() -> Grid {
        let unit = |id: UnitId, kind, name: &str, parent: Option<UnitId>| Unit {
            id,
            kind,
            name: name.to_owned(),
            parent,
            code: None,
            number: None,
            zone: None,
        };
        let units = [
            unit(TOWNSHIP, UnitKind::Township, "Huochezhan", None),
            unit(QIANJIN, UnitKind::Village, "Qianjin", Some(TOWNSHIP)),
            unit(HONGQI, UnitKind::Village, "Hongqi", Some(TOWNSHIP)),
            unit(QIANJIN_1, UnitKind::Group, "Qianjin group 1", Some(QIANJIN)),
            unit(QIANJIN_2, UnitKind::Group, "Qianjin group 2", Some(QIANJIN)),
            unit(HONGQI_1, UnitKind::Group, "Hongqi group 1", Some(HONGQI)),
        ];
        let person = |id: StaffId, name: &str, role| Staff {
            id,
            name: name.to_owned(),
            role,
            phone: None,
        };
        let staff = [
            person(LIU, "Liu Jun", Role::Leader),
            person(ZHAO, "Zhao Min", Role::Inspector),
            person(LI, "Li Hua", Role::GridWorker),
            person(WANG, "Wang Qiang", Role::Cadre),
            person(CHEN, "Chen Gang", Role::Cadre),
            person(SUN, "Sun Li", Role::GridWorker),
            person(MA, "Ma Lin", Role::Volunteer),
        ];
        let assign = |staff, unit, duty| Assignment { staff, unit, duty };
        Grid {
            units: units.into_iter().map(|u| (u.id, u)).collect(),
            staff: staff.into_iter().map(|s| (s.id, s)).collect(),
            assignments: vec![
                // The leader heads the leading group: assigned to the township, as the founding
                // leader is (a leader acts where assigned, DOMAIN.md §1 "Reach").
                assign(LIU, TOWNSHIP, Duty::ChargeOfVillage),
                assign(LI, QIANJIN_1, Duty::Grid),
                assign(WANG, QIANJIN, Duty::ZoneAndGroups),
                assign(CHEN, HONGQI, Duty::ZoneAndGroups),
                assign(SUN, HONGQI_1, Duty::Grid),
            ],
        }
    }

    fn ancestors(&self, unit: UnitId) -> Vec<UnitId> {
        let mut out = vec![];
        let mut cur = Some(unit);
        while let Some(u) = cur.and_then(|c| self.units.get(&c)) {
            out.push(u.id);
            cur = u.parent;
        }
        out
    }
}

impl GridView for Grid {
    fn township(&self) -> Option<UnitId> {
        self.units
            .values()
            .find(|u| u.parent.is_none())
            .map(|u| u.id)
    }
    fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.get(&id)
    }
    fn label(&self, id: UnitId) -> String {
        self.units
            .get(&id)
            .map_or_else(|| id.to_string(), |u| format!("{} ({id})", u.name))
    }
    fn covering_units(&self, unit: UnitId) -> Vec<UnitId> {
        self.ancestors(unit)
    }
    fn groups_under(&self, unit: UnitId) -> Vec<UnitId> {
        self.units
            .values()
            .filter(|u| u.kind == UnitKind::Group && self.ancestors(u.id).contains(&unit))
            .map(|u| u.id)
            .collect()
    }
    fn households_of_group(&self, _group: UnitId) -> &[HouseholdId] {
        &[]
    }
    fn household(&self, _id: HouseholdId) -> Option<&Household> {
        None
    }
    fn resident(&self, _id: ResidentId) -> Option<&Resident> {
        None
    }
    fn staff(&self, id: StaffId) -> Option<&Staff> {
        self.staff.get(&id)
    }
    fn assignments_to(&self, _unit: UnitId) -> &[Assignment] {
        &[]
    }
    fn covers_staff(&self, staff: StaffId, unit: UnitId) -> bool {
        let up = self.ancestors(unit);
        self.assignments
            .iter()
            .any(|a| a.staff == staff && up.contains(&a.unit))
    }
    fn assigned_labels(&self, staff: StaffId) -> Vec<String> {
        self.assignments
            .iter()
            .filter(|a| a.staff == staff)
            .map(|a| self.label(a.unit))
            .collect()
    }
}

/// The township, supervision's state, and the ledger's sequence numbers.
struct World {
    grid: Grid,
    state: SupervisionState,
    seq: u64,
    log: Vec<(SupervisionEvent, EntryMeta)>,
}

fn given() -> World {
    World {
        grid: Grid::township(),
        state: SupervisionState::default(),
        seq: 0,
        log: vec![],
    }
}

fn at(s: &str) -> Instant {
    s.parse().unwrap()
}

impl World {
    /// What the registry will do: check the role, decide, apply.
    fn when(
        &mut self,
        actor: StaffId,
        now: &str,
        cmd: SupervisionCommand,
    ) -> Result<Vec<SupervisionEvent>, Error> {
        let now = at(now);
        let who = self.grid.staff(actor).expect("enrolled");
        if !who.role.may(cmd.action()) {
            return Err(Error::RoleNotPermitted {
                actor: who.label(),
                action: cmd.action().label_en(),
                allowed: format!("{:?}", cmd.action().roles()),
            });
        }
        let ctx = Context {
            actor: who,
            at: now,
            today: now.day_in(UtcOffset::CHINA),
            offset: UtcOffset::CHINA,
            grid: &self.grid,
        };
        let before = self.state.clone();
        let events = decide(&self.state, &ctx, &cmd);
        assert_eq!(self.state, before, "decide changed nothing");
        let events = events?;
        for e in &events {
            self.seq += 1;
            let meta = EntryMeta {
                seq: self.seq,
                actor,
                at: now,
                day: now.day_in(UtcOffset::CHINA),
            };
            self.state.apply(e, &meta);
            self.log.push((e.clone(), meta));
        }
        Ok(events)
    }

    #[track_caller]
    fn ok(&mut self, actor: StaffId, now: &str, cmd: SupervisionCommand) -> Vec<SupervisionEvent> {
        self.when(actor, now, cmd).unwrap()
    }

    /// An inspection of `unit` with one failed item; returns its id.
    #[track_caller]
    fn inspect(&mut self, mode: InspectionMode, unit: UnitId, now: &str) -> InspectionId {
        let events = self.ok(
            ZHAO,
            now,
            SupervisionCommand::RecordInspection {
                mode,
                target: InspectionTarget::Unit(unit),
                at: at(now),
                checklist: vec![
                    ItemCheck::passed(ChecklistItem::ScreeningDone),
                    ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned"),
                ],
            },
        );
        match &events[..] {
            [SupervisionEvent::InspectionRecorded { inspection, .. }] => *inspection,
            other => panic!("unexpected events {other:?}"),
        }
    }

    /// A finding from the failed item of `inspection`; returns its id.
    #[track_caller]
    fn find(
        &mut self,
        inspection: InspectionId,
        responsible: StaffId,
        deadline: &str,
        now: &str,
    ) -> FindingId {
        let events = self.ok(
            ZHAO,
            now,
            SupervisionCommand::RecordFinding {
                source: FindingSource::ChecklistItem {
                    inspection,
                    item: ChecklistItem::StaffOnPost,
                },
                responsible,
                deadline: day(deadline),
                text: "no one at the Qianjin checkpoint at 14:00".into(),
            },
        );
        match &events[..] {
            [SupervisionEvent::FindingRecorded { finding, .. }] => *finding,
            other => panic!("unexpected events {other:?}"),
        }
    }

    fn decide_on(
        &mut self,
        findings: Vec<FindingId>,
        staff: StaffId,
        form: CadreForm,
        made: &str,
    ) -> Result<Vec<SupervisionEvent>, Error> {
        self.when(
            LIU,
            "2020-02-20T10:00:00+08:00",
            SupervisionCommand::DecideAccountability {
                findings,
                accountable: Accountable::Cadre { staff, form },
                made: day(made),
                reason: "absent from post during the campaign".into(),
            },
        )
    }
}

const REMOVAL: CadreForm = CadreForm::OrganisationalHandling(OrganisationalHandling::Removal);

// --- inspections and evidence --------------------------------------------------------------

#[test]
fn a_covert_inspection_keeps_proposed_evidence_and_the_inspectors_verdict() {
    let mut w = given();
    // Given evidence the library proposes from its records for Qianjin group 1 on 2020-02-10,
    let roster = Evidence::new(RecordShows::NothingAmiss, "duty roster, ledger seq 310");
    let missed = Evidence::new(
        RecordShows::MissedChecks { count: 2 },
        "ledger seq 1042, 1047",
    );
    let no_report = Evidence::new(
        RecordShows::DailyReportNotSubmitted {
            unit: QIANJIN_1,
            day: day("2020-02-09"),
        },
        "no report entry for U4 on 2020-02-09",
    );
    // when an inspector records a covert visit, contradicting two proposals and confirming one,
    let checklist = vec![
        ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00")
            .with_reference("photo 0210-03")
            .with_review(
                roster,
                Verdict::Contradicted {
                    note: "no one at the checkpoint although the roster names Li Hua".into(),
                },
            ),
        ItemCheck::failed(
            ChecklistItem::ObservationsFollowedUp,
            "two evening checks missed",
        )
        .with_review(missed, Verdict::Confirmed),
        ItemCheck::passed(ChecklistItem::DailyReportSubmitted)
            .with_finding("report handed in on paper at the township office")
            .with_review(
                no_report,
                Verdict::Contradicted {
                    note: "paper report seen, stamped 2020-02-09 20:10".into(),
                },
            ),
        ItemCheck::passed(ChecklistItem::Custom("masks at the checkpoint".into())),
    ];
    let events = w.ok(
        ZHAO,
        "2020-02-10T16:00:00+08:00",
        SupervisionCommand::RecordInspection {
            mode: InspectionMode::Covert,
            target: InspectionTarget::Unit(QIANJIN_1),
            at: at("2020-02-10T14:00:00+08:00"),
            checklist: checklist.clone(),
        },
    );
    // then the event and the state keep every item with its proposal and verdict.
    assert_eq!(
        events,
        vec![SupervisionEvent::InspectionRecorded {
            inspection: InspectionId::new(1),
            mode: InspectionMode::Covert,
            target: InspectionTarget::Unit(QIANJIN_1),
            at: at("2020-02-10T14:00:00+08:00"),
            day: day("2020-02-10"),
            checklist: checklist.clone(),
        }]
    );
    let ins = w.state.inspection(InspectionId::new(1)).unwrap();
    assert_eq!(ins.inspector, ZHAO);
    assert_eq!(ins.failed().count(), 2);
    let staff_check = ins.check(&ChecklistItem::StaffOnPost).unwrap();
    let review = staff_check.review.as_ref().unwrap();
    assert_eq!(review.proposed.shows, RecordShows::NothingAmiss);
    assert!(matches!(review.verdict, Verdict::Contradicted { .. }));
    assert_eq!(
        ins.check(&ChecklistItem::DailyReportSubmitted)
            .unwrap()
            .to_string(),
        "daily report submitted: passed — report handed in on paper at the township office; \
         records show no daily report from U4 for 2020-02-09 (no report entry for U4 on \
         2020-02-09), contradicted by the inspector: paper report seen, stamped 2020-02-09 20:10"
    );
    assert_eq!(
        ins.to_string(),
        "IN1 covert inspection of unit U4 at 2020-02-10T14:00:00+08:00 by S2: 4 items checked, 2 failed"
    );
    // Serde keeps it all.
    let json = serde_json::to_string(&events[0]).unwrap();
    assert_eq!(
        serde_json::from_str::<SupervisionEvent>(&json).unwrap(),
        events[0]
    );
}

#[test]
fn a_confirmation_that_disagrees_with_the_outcome_is_refused() {
    let mut w = given();
    let err = w
        .when(
            ZHAO,
            "2020-02-10T16:00:00+08:00",
            SupervisionCommand::RecordInspection {
                mode: InspectionMode::Open,
                target: InspectionTarget::Unit(QIANJIN_1),
                at: at("2020-02-10T14:00:00+08:00"),
                checklist: vec![
                    ItemCheck::passed(ChecklistItem::ObservationsFollowedUp).with_review(
                        Evidence::new(RecordShows::MissedChecks { count: 2 }, "seq 1042"),
                        Verdict::Confirmed,
                    ),
                ],
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "for \"observations followed up\" the records show 2 missed temperature checks, which the \
         inspector confirmed, yet the item is marked passed: mark the evidence contradicted, \
         saying what was seen, or change the outcome"
    );
    assert_eq!(w.state, SupervisionState::default());
}

#[test]
fn bad_checklists_and_targets_are_refused() {
    let mut w = given();
    let now = "2020-02-10T16:00:00+08:00";
    let inspect = |target, at_: &str, checklist| SupervisionCommand::RecordInspection {
        mode: InspectionMode::Open,
        target,
        at: at(at_),
        checklist,
    };
    let one = || vec![ItemCheck::passed(ChecklistItem::VenuesClosed)];
    assert_eq!(
        w.when(
            ZHAO,
            now,
            inspect(InspectionTarget::Unit(QIANJIN), now, vec![])
        ),
        Err(Error::Supervision(SupervisionError::EmptyChecklist))
    );
    assert_eq!(
        w.when(
            ZHAO,
            now,
            inspect(
                InspectionTarget::Unit(QIANJIN),
                now,
                vec![
                    ItemCheck::passed(ChecklistItem::VenuesClosed),
                    ItemCheck::passed("场所关停".parse().unwrap()),
                ]
            )
        )
        .unwrap_err()
        .to_string(),
        "checklist item \"venues closed\" appears twice in the inspection: check each item once"
    );
    assert_eq!(
        w.when(
            ZHAO,
            now,
            inspect(
                InspectionTarget::Unit(QIANJIN),
                now,
                vec![ItemCheck::failed(ChecklistItem::DisinfectionDone, " ")]
            )
        )
        .unwrap_err()
        .to_string(),
        "the finding for the failed item \"disinfection done\" is required and was left empty"
    );
    assert_eq!(
        w.when(
            ZHAO,
            now,
            inspect(InspectionTarget::Unit(UnitId::new(99)), now, one())
        ),
        Err(Error::Grid(GridError::UnknownUnit {
            unit: UnitId::new(99)
        }))
    );
    assert_eq!(
        w.when(
            ZHAO,
            now,
            inspect(
                InspectionTarget::Staff {
                    staff: StaffId::new(99),
                    unit: QIANJIN
                },
                now,
                one()
            )
        ),
        Err(Error::Supervision(SupervisionError::UnknownStaffMember {
            staff: StaffId::new(99),
            role: "the staff member inspected"
        }))
    );
    assert!(matches!(
        w.when(
            ZHAO,
            now,
            inspect(
                InspectionTarget::Unit(QIANJIN),
                "2020-02-10T17:00:00+08:00",
                one()
            )
        ),
        Err(Error::InFuture { .. })
    ));
    // Someone who is not an inspector may not record one (the registry's role check).
    let err = w
        .when(
            WANG,
            now,
            inspect(InspectionTarget::Unit(QIANJIN), now, one()),
        )
        .unwrap_err();
    assert!(matches!(err, Error::RoleNotPermitted { .. }), "{err}");
    assert_eq!(Action::RecordInspection.roles(), &[Role::Inspector]);
    assert_eq!(w.state, SupervisionState::default());
    // A venue and a staff member are inspected in a unit.
    w.ok(
        ZHAO,
        now,
        inspect(
            InspectionTarget::Venue {
                venue: VenueId::new(12),
                unit: HONGQI_1,
            },
            now,
            one(),
        ),
    );
    w.ok(
        ZHAO,
        now,
        inspect(
            InspectionTarget::Staff {
                staff: SUN,
                unit: HONGQI_1,
            },
            now,
            vec![ItemCheck::passed(ChecklistItem::StaffOnPost)],
        ),
    );
    assert_eq!(
        w.state
            .inspections_on(&w.grid, day("2020-02-10"), HONGQI)
            .count(),
        2
    );
}

// --- findings ----------------------------------------------------------------------------

#[test]
fn a_finding_is_overdue_the_day_after_its_deadline_and_not_on_it() {
    let mut w = given();
    // Given a finding made on 2020-02-10 with a deadline of 2020-02-12,
    let ins = w.inspect(
        InspectionMode::Covert,
        QIANJIN_1,
        "2020-02-10T14:00:00+08:00",
    );
    let f = w.find(ins, LI, "2020-02-12", "2020-02-10T16:00:00+08:00");
    // then it is not overdue on its deadline, and overdue the day after.
    assert!(
        w.state
            .overdue_on(&w.grid, day("2020-02-12"), None)
            .is_empty()
    );
    let rows = w.state.overdue_on(&w.grid, day("2020-02-13"), None);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].to_string(),
        "FD1 in Qianjin group 1 (U4), staff on post: grid worker Li Hua (S3) to rectify by \
         2020-02-12, 1 day overdue — no one at the Qianjin checkpoint at 14:00"
    );
    assert_eq!(
        w.state
            .overdue_on(&w.grid, day("2020-02-15"), Some(QIANJIN))[0]
            .days_overdue,
        3
    );
    assert!(
        w.state
            .overdue_on(&w.grid, day("2020-02-15"), Some(HONGQI))
            .is_empty()
    );
    // When Li Hua rectifies it on 2020-02-15,
    w.ok(
        LI,
        "2020-02-15T09:00:00+08:00",
        SupervisionCommand::RecordRectification {
            finding: f,
            note: "duty roster re-issued; checkpoint manned 08:00-20:00".into(),
        },
    );
    // then it was overdue on the 14th and is not from the 15th on.
    assert_eq!(
        w.state.overdue_on(&w.grid, day("2020-02-14"), None).len(),
        1
    );
    assert!(
        w.state
            .overdue_on(&w.grid, day("2020-02-15"), None)
            .is_empty()
    );
    assert!(
        w.state
            .overdue_on(&w.grid, day("2020-03-01"), None)
            .is_empty()
    );
    let r = w.state.finding(f).unwrap().rectification.clone().unwrap();
    assert_eq!((r.by, r.day), (LI, day("2020-02-15")));
}

#[test]
fn bad_findings_and_rectifications_are_refused() {
    let mut w = given();
    let ins = w.inspect(InspectionMode::Open, QIANJIN_1, "2020-02-10T14:00:00+08:00");
    let now = "2020-02-10T16:00:00+08:00";
    let finding = |item, deadline: &str| SupervisionCommand::RecordFinding {
        source: FindingSource::ChecklistItem {
            inspection: ins,
            item,
        },
        responsible: LI,
        deadline: day(deadline),
        text: "unmanned".into(),
    };
    // A deadline before the finding's day.
    assert_eq!(
        w.when(ZHAO, now, finding(ChecklistItem::StaffOnPost, "2020-02-09"))
            .unwrap_err()
            .to_string(),
        "the rectification deadline 2020-02-09 is before the day of the finding, 2020-02-10: \
         give a deadline on or after 2020-02-10"
    );
    // A passed item, an item not checked, an unknown inspection.
    assert_eq!(
        w.when(
            ZHAO,
            now,
            finding(ChecklistItem::ScreeningDone, "2020-02-12")
        )
        .unwrap_err()
        .to_string(),
        "\"screening done\" passed in inspection IN1, so no finding can come from it: record a \
         stand-alone finding instead"
    );
    assert!(matches!(
        w.when(
            ZHAO,
            now,
            finding(ChecklistItem::VenuesClosed, "2020-02-12")
        ),
        Err(Error::Supervision(
            SupervisionError::ItemNotOnChecklist { .. }
        ))
    ));
    assert_eq!(
        w.when(
            ZHAO,
            now,
            SupervisionCommand::RecordFinding {
                source: FindingSource::ChecklistItem {
                    inspection: InspectionId::new(9),
                    item: ChecklistItem::StaffOnPost
                },
                responsible: LI,
                deadline: day("2020-02-12"),
                text: "x".into(),
            }
        ),
        Err(Error::Supervision(SupervisionError::UnknownInspection {
            inspection: InspectionId::new(9)
        }))
    );
    // The deadline may be the finding's own day.
    let f = w.find(ins, LI, "2020-02-10", now);
    // A stand-alone finding in a unit.
    let f2 = w.ok(
        ZHAO,
        now,
        SupervisionCommand::RecordFinding {
            source: FindingSource::StandAlone { unit: HONGQI_1 },
            responsible: MA,
            deadline: day("2020-02-11"),
            text: "volunteer left the checkpoint early".into(),
        },
    );
    assert!(matches!(
        f2[..],
        [SupervisionEvent::FindingRecorded { finding, unit: HONGQI_1, .. }] if finding == FindingId::new(2)
    ));
    // Rectification by someone else: another cadre, the inspector.
    let rectify = |finding| SupervisionCommand::RecordRectification {
        finding,
        note: "done".into(),
    };
    assert_eq!(
        w.when(WANG, "2020-02-11T09:00:00+08:00", rectify(f))
            .unwrap_err()
            .to_string(),
        "cadre Wang Qiang (S4) may not record the rectification of finding FD1: only grid worker \
         Li Hua (S3), who answers for it, or a leader of its unit may"
    );
    assert!(matches!(
        w.when(ZHAO, "2020-02-11T09:00:00+08:00", rectify(f)),
        Err(Error::Supervision(
            SupervisionError::NotResponsibleForFinding { .. }
        ))
    ));
    // A volunteer records nothing: a leader rectifies for them.
    assert!(
        w.when(MA, "2020-02-11T09:00:00+08:00", rectify(FindingId::new(2)))
            .is_err()
    );
    w.ok(LIU, "2020-02-11T09:00:00+08:00", rectify(FindingId::new(2)));
    assert_eq!(
        w.state
            .finding(FindingId::new(2))
            .unwrap()
            .rectification
            .as_ref()
            .unwrap()
            .by,
        LIU
    );
    // Rectifying twice, an unknown finding, an empty note.
    w.ok(LI, "2020-02-11T10:00:00+08:00", rectify(f));
    assert_eq!(
        w.when(LIU, "2020-02-12T10:00:00+08:00", rectify(f))
            .unwrap_err()
            .to_string(),
        "finding FD1 was already rectified on 2020-02-11"
    );
    assert_eq!(
        w.when(LI, "2020-02-12T10:00:00+08:00", rectify(FindingId::new(7))),
        Err(Error::Supervision(SupervisionError::UnknownFinding {
            finding: FindingId::new(7)
        }))
    );
    let mut w2 = given();
    let ins2 = w2.inspect(InspectionMode::Open, QIANJIN_1, "2020-02-10T14:00:00+08:00");
    let g = w2.find(ins2, LI, "2020-02-12", now);
    assert!(matches!(
        w2.when(
            LI,
            now,
            SupervisionCommand::RecordRectification {
                finding: g,
                note: "".into()
            }
        ),
        Err(Error::TextRequired { .. })
    ));
}

// --- accountability ----------------------------------------------------------------------

#[test]
fn counts_keep_admonition_apart_from_organisational_handling_and_count_people() {
    let mut w = given();
    let ins = w.inspect(
        InspectionMode::Covert,
        QIANJIN_1,
        "2020-02-10T14:00:00+08:00",
    );
    let f1 = w.find(ins, LI, "2020-02-12", "2020-02-10T16:00:00+08:00");
    let f2 = w.find(ins, WANG, "2020-02-12", "2020-02-10T16:00:00+08:00");
    let f3 = w.find(ins, CHEN, "2020-02-12", "2020-02-10T16:00:00+08:00");
    // Given organisational handling of three cadres (the article's "3 handled"),
    w.decide_on(vec![f1], LI, REMOVAL, "2020-02-14").unwrap();
    w.decide_on(
        vec![f2],
        WANG,
        CadreForm::OrganisationalHandling(OrganisationalHandling::SuspensionForReview),
        "2020-02-14",
    )
    .unwrap();
    w.decide_on(
        vec![f3, f3],
        CHEN,
        CadreForm::OrganisationalHandling(OrganisationalHandling::Reassignment),
        "2020-02-15",
    )
    .unwrap();
    // and two more decisions on Li Hua: an admonition and party discipline,
    w.decide_on(
        vec![f1],
        LI,
        CadreForm::Admonition(AdmonitionManner::Written),
        "2020-02-15",
    )
    .unwrap();
    w.decide_on(
        vec![f1],
        LI,
        CadreForm::PartyDiscipline(PartyDiscipline::Warning),
        "2020-02-16",
    )
    .unwrap();
    // and one on the village organisation,
    w.when(
        LIU,
        "2020-02-20T10:00:00+08:00",
        SupervisionCommand::DecideAccountability {
            findings: vec![f1, f2],
            accountable: Accountable::Organisation {
                unit: QIANJIN,
                form: OrganisationForm::CirculatedNotice,
            },
            made: day("2020-02-16"),
            reason: "two findings unrectified in the village".into(),
        },
    )
    .unwrap();
    // then counts keep the categories apart and count people once.
    let c = w
        .state
        .accountability_counts(day("2020-02-01"), day("2020-02-29"));
    assert_eq!(
        c.category(FormCategory::OrganisationalHandling),
        CategoryCount {
            decisions: 3,
            people: 3,
            units: 0
        }
    );
    assert_eq!(c.category(FormCategory::Admonition).people, 1);
    assert_eq!(
        c.category(FormCategory::GovernmentSanction),
        CategoryCount::default()
    );
    assert_eq!((c.decisions, c.people, c.units), (6, 3, 1));
    assert_eq!(
        c.to_string(),
        "accountability 2020-02-01 to 2020-02-29: 6 decisions\n  accountability of an \
         organisation (组织问责): 1 unit, 1 decision\n  admonition (诫勉): 1 person, 1 decision\n  \
         organisational handling (组织处理): 3 people, 3 decisions\n  party discipline (党纪处分): \
         1 person, 1 decision"
    );
    // Li Hua with three decisions is one person.
    let on_li = w
        .state
        .decisions()
        .filter(|d| matches!(d.accountable, Accountable::Cadre { staff: LI, .. }))
        .count();
    assert_eq!(on_li, 3);
    // A span of days counts only what was made in it.
    let c14 = w
        .state
        .accountability_counts(day("2020-02-14"), day("2020-02-14"));
    assert_eq!(c14.category(FormCategory::OrganisationalHandling).people, 2);
    assert_eq!(
        c14.category(FormCategory::Admonition),
        CategoryCount::default()
    );
    // Rows name the subject; duplicate findings are linked once.
    let rows = w
        .state
        .decisions_made(&w.grid, day("2020-02-15"), day("2020-02-15"));
    assert_eq!(
        rows[0].to_string(),
        "AC3 made 2020-02-15: organisational handling: reassignment (组织处理：调整职务) of cadre \
         Chen Gang (S5), on findings FD3 — absent from post during the campaign"
    );
    assert_eq!(
        w.state
            .decision(AccountabilityId::new(6))
            .unwrap()
            .to_string(),
        "AC6 made 2020-02-16: circulated notice of U2 (通报), on findings FD1, FD2 — two findings \
         unrectified in the village"
    );
}

#[test]
fn probation_of_25_months_is_refused_and_24_accepted() {
    let mut w = given();
    let ins = w.inspect(InspectionMode::Open, QIANJIN_1, "2020-02-10T14:00:00+08:00");
    let f = w.find(ins, WANG, "2020-02-12", "2020-02-10T16:00:00+08:00");
    assert_eq!(
        ProbationMonths::new(25),
        Err(Error::Supervision(SupervisionError::InvalidProbation {
            months: 25
        }))
    );
    assert_eq!(
        ProbationMonths::new(0),
        Err(Error::Supervision(SupervisionError::InvalidProbation {
            months: 0
        }))
    );
    // A stored command with 25 months does not even deserialize.
    let json = r#"{"DecideAccountability":{"findings":[1],"accountable":{"cadre":{"staff":4,"form":{"party_discipline":{"probation":25}}}},"made":"2020-02-14","reason":"absent from post"}}"#;
    assert!(serde_json::from_str::<SupervisionCommand>(json).is_err());
    let ok: SupervisionCommand = serde_json::from_str(&json.replace("25", "24")).unwrap();
    let events = w.ok(LIU, "2020-02-20T10:00:00+08:00", ok);
    assert!(matches!(
        &events[..],
        [SupervisionEvent::AccountabilityDecided {
            accountable: Accountable::Cadre {
                form: CadreForm::PartyDiscipline(PartyDiscipline::Probation(m)),
                ..
            },
            findings,
            ..
        }] if m.get() == 24 && findings == &vec![f]
    ));
}

#[test]
fn bad_decisions_are_refused() {
    let mut w = given();
    let ins = w.inspect(InspectionMode::Open, QIANJIN_1, "2020-02-10T14:00:00+08:00");
    let f = w.find(ins, LI, "2020-02-12", "2020-02-10T16:00:00+08:00");
    assert_eq!(
        w.decide_on(vec![FindingId::new(5)], LI, REMOVAL, "2020-02-14"),
        Err(Error::Supervision(SupervisionError::UnknownFinding {
            finding: FindingId::new(5)
        }))
    );
    assert_eq!(
        w.decide_on(vec![], LI, REMOVAL, "2020-02-14")
            .unwrap_err()
            .to_string(),
        "an accountability decision must name at least one finding it rests on"
    );
    assert_eq!(
        w.decide_on(vec![f], LI, REMOVAL, "2020-02-09")
            .unwrap_err()
            .to_string(),
        "the decision is dated 2020-02-09, before finding FD1 was made on 2020-02-10: check the \
         day or the findings"
    );
    assert_eq!(
        w.decide_on(vec![f], LI, REMOVAL, "2020-02-21"),
        Err(Error::Supervision(SupervisionError::DecisionInFuture {
            made: day("2020-02-21"),
            today: day("2020-02-20")
        }))
    );
    assert_eq!(
        w.decide_on(vec![f], StaffId::new(42), REMOVAL, "2020-02-14")
            .unwrap_err()
            .to_string(),
        "there is no member of staff S42 in this registry to name as the cadre held accountable"
    );
    // Someone who is not a leader may not decide (the registry's role check).
    let cmd = SupervisionCommand::DecideAccountability {
        findings: vec![f],
        accountable: Accountable::Cadre {
            staff: LI,
            form: REMOVAL,
        },
        made: day("2020-02-14"),
        reason: String::new(),
    };
    assert!(matches!(
        w.when(ZHAO, "2020-02-20T10:00:00+08:00", cmd),
        Err(Error::RoleNotPermitted { .. })
    ));
    assert_eq!(Action::DecideAccountability.roles(), &[Role::Leader]);
    assert_eq!(w.state.decisions().count(), 0);
}

// --- daily figures and the article ---------------------------------------------------------

#[test]
fn the_article_eleven_inspections_and_three_handled() {
    let mut w = given();
    // Given 11 inspections over a week, open and covert, across both villages,
    let units = [QIANJIN_1, QIANJIN_2, HONGQI_1];
    let mut findings = vec![];
    for n in 0..11u32 {
        let mode = if n % 2 == 0 {
            InspectionMode::Open
        } else {
            InspectionMode::Covert
        };
        let d = 3 + n / 2;
        let now = format!("2020-02-{d:02}T15:00:00+08:00");
        let ins = w.inspect(mode, units[(n % 3) as usize], &now);
        if n < 3 {
            findings.push(w.find(ins, [LI, WANG, CHEN][n as usize], "2020-02-05", &now));
        }
    }
    // and organisational handling of three different cadres,
    for (f, who) in findings.iter().zip([LI, WANG, CHEN]) {
        w.decide_on(vec![*f], who, REMOVAL, "2020-02-10").unwrap();
    }
    // then the figures say 11 inspections and 3 people handled.
    assert_eq!(w.state.inspections().count(), 11);
    let c = w
        .state
        .accountability_counts(day("2020-01-24"), day("2020-03-31"));
    assert_eq!(c.category(FormCategory::OrganisationalHandling).people, 3);
    assert_eq!(c.category(FormCategory::Admonition).decisions, 0);
    // Daily figures of a village and of the township add up.
    let d3 = day("2020-02-03");
    let q = w.state.day_figures(&w.grid, d3, QIANJIN);
    let h = w.state.day_figures(&w.grid, d3, HONGQI);
    let t = w.state.day_figures(&w.grid, d3, TOWNSHIP);
    assert_eq!((q + h).unwrap(), t);
    assert_eq!((t.inspections, t.covert, t.findings), (2, 1, 2));
    let d10 = w.state.day_figures(&w.grid, day("2020-02-10"), TOWNSHIP);
    assert_eq!((d10.decisions, d10.overdue), (3, 3));
    assert_eq!(
        w.state
            .day_figures(&w.grid, day("2020-02-10"), QIANJIN)
            .decisions,
        2
    );
}

#[test]
fn every_command_and_event_kind_survives_serde() {
    let mut w = given();
    let now = "2020-02-10T16:00:00+08:00";
    let commands = vec![
        SupervisionCommand::RecordInspection {
            mode: InspectionMode::Covert,
            target: InspectionTarget::Venue {
                venue: VenueId::new(3),
                unit: QIANJIN_2,
            },
            at: at("2020-02-10T14:00:00+08:00"),
            checklist: vec![
                ItemCheck::failed(ChecklistItem::VenuesClosed, "teahouse open")
                    .with_reference("photo 7")
                    .with_review(
                        Evidence::new(
                            RecordShows::VenueOpenUnderClosure {
                                venue: VenueId::new(3),
                            },
                            "closure order G2",
                        ),
                        Verdict::Confirmed,
                    ),
            ],
        },
        SupervisionCommand::RecordFinding {
            source: FindingSource::ChecklistItem {
                inspection: InspectionId::new(1),
                item: ChecklistItem::VenuesClosed,
            },
            responsible: WANG,
            deadline: day("2020-02-11"),
            text: "teahouse open".into(),
        },
        SupervisionCommand::RecordRectification {
            finding: FindingId::new(1),
            note: "closed and sealed".into(),
        },
        SupervisionCommand::DecideAccountability {
            findings: vec![FindingId::new(1)],
            accountable: Accountable::Cadre {
                staff: WANG,
                form: CadreForm::GovernmentSanction(GovernmentSanction::Demerit),
            },
            made: day("2020-02-10"),
            reason: "teahouse left open".into(),
        },
    ];
    let actors = [ZHAO, ZHAO, WANG, LIU];
    for (cmd, actor) in commands.into_iter().zip(actors) {
        let json = serde_json::to_string(&cmd).unwrap();
        assert_eq!(
            serde_json::from_str::<SupervisionCommand>(&json).unwrap(),
            cmd
        );
        for e in w.ok(actor, now, cmd) {
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(serde_json::from_str::<SupervisionEvent>(&json).unwrap(), e);
        }
    }
    assert_eq!(w.seq, 4);
    // Replaying the events gives the same state.
    let mut again = SupervisionState::default();
    for (e, meta) in &w.log {
        again.apply(e, meta);
    }
    assert_eq!(again, w.state);
}

proptest! {
    /// A finding is overdue exactly on the days from deadline + 1 up to (not including) the day
    /// of rectification.
    #[test]
    fn overdue_days_run_from_the_day_after_the_deadline_until_rectification(
        deadline_after in 0i64..10,
        rectified_after in proptest::option::of(0i64..30),
        asked in 0i64..40,
    ) {
        let made = day("2020-02-01");
        let deadline = made.plus_days(deadline_after).unwrap();
        let asked = made.plus_days(asked).unwrap();
        let rect = rectified_after.map(|n| made.plus_days(n).unwrap());
        let f = Finding {
            id: FindingId::new(1),
            source: FindingSource::StandAlone { unit: QIANJIN },
            unit: QIANJIN,
            responsible: LI,
            deadline,
            text: "x".into(),
            by: ZHAO,
            day: made,
            rectification: rect.map(|d| Rectification {
                by: LI,
                at: at("2020-02-01T08:00:00+08:00"),
                day: d,
                note: "done".into(),
            }),
        };
        let expected = asked.days_since(deadline) >= 1
            && rect.is_none_or(|r| asked.days_since(r) < 0);
        prop_assert_eq!(f.is_overdue_on(asked), expected);
        // Never overdue on or before the deadline.
        if asked <= deadline {
            prop_assert!(!f.is_overdue_on(asked));
        }
    }

    /// Ids are handed out in sequence, whatever the mix of modes and units.
    #[test]
    fn inspection_ids_are_sequential(modes in proptest::collection::vec(any::<bool>(), 1..8)) {
        let mut w = given();
        for (i, covert) in modes.iter().enumerate() {
            let mode = if *covert { InspectionMode::Covert } else { InspectionMode::Open };
            let id = w.inspect(mode, QIANJIN_1, "2020-02-10T14:00:00+08:00");
            prop_assert_eq!(id.get() as usize, i + 1);
        }
    }
}
