//! Scenarios for the daily report: given a small grid, when staff submit, then the day's
//! table says who reported, who is missing and who was late.

use proptest::prelude::*;

use super::*;
use crate::grid::{Assignment, Duty, Role, Staff};
use crate::hash::Hash;
use crate::household::{Household, Resident};
use crate::ids::{HouseholdId, ResidentId};
use crate::test_support::day;

const TOWNSHIP: UnitId = UnitId::new(1);
const QIANJIN: UnitId = UnitId::new(2);
const HEPING: UnitId = UnitId::new(3);
const QIANJIN_1: UnitId = UnitId::new(4);
const QIANJIN_ZONE: UnitId = UnitId::new(5);
const LEADER: StaffId = StaffId::new(1);
const CADRE: StaffId = StaffId::new(2);
const GRID_WORKER: StaffId = StaffId::new(3);

/// A township, a village with a group and a zone, a community; a leader, a cadre in charge of
/// Qianjin, a grid worker.
struct Grid {
    units: Vec<Unit>,
    staff: Vec<Staff>,
    assignments: Vec<Assignment>,
}

fn unit(id: UnitId, kind: UnitKind, name: &str, parent: Option<UnitId>) -> Unit {
    Unit {
        id,
        kind,
        name: name.to_owned(),
        parent,
        code: None,
        number: None,
        zone: None,
    }
}

fn grid() -> Grid {
    let staff = |id, name: &str, role| Staff {
        id,
        name: name.to_owned(),
        role,
        phone: None,
    };
    Grid {
        units: vec![
            unit(TOWNSHIP, UnitKind::Township, "Huochezhan", None),
            unit(QIANJIN, UnitKind::Village, "Qianjin", Some(TOWNSHIP)),
            unit(HEPING, UnitKind::Community, "Heping", Some(TOWNSHIP)),
            unit(QIANJIN_1, UnitKind::Group, "Qianjin group 1", Some(QIANJIN)),
            unit(QIANJIN_ZONE, UnitKind::Zone, "Qianjin east", Some(QIANJIN)),
        ],
        staff: vec![
            staff(LEADER, "Liu", Role::Leader),
            staff(CADRE, "Zhang", Role::Cadre),
            staff(GRID_WORKER, "Li", Role::GridWorker),
        ],
        assignments: vec![
            // The leader heads the leading group: assigned to the township, as the founding
            // leader is (a leader acts where assigned, DOMAIN.md §1 "Reach").
            Assignment {
                staff: LEADER,
                unit: TOWNSHIP,
                duty: Duty::ChargeOfVillage,
            },
            Assignment {
                staff: CADRE,
                unit: QIANJIN,
                duty: Duty::ChargeOfVillage,
            },
        ],
    }
}

impl GridView for Grid {
    fn township(&self) -> Option<UnitId> {
        self.units.iter().find(|u| u.parent.is_none()).map(|u| u.id)
    }
    fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }
    fn label(&self, id: UnitId) -> String {
        self.unit(id)
            .map_or_else(|| id.to_string(), |u| format!("{} ({id})", u.name))
    }
    fn covering_units(&self, unit: UnitId) -> Vec<UnitId> {
        let mut out = vec![unit];
        let mut at = unit;
        while let Some(p) = self.unit(at).and_then(|u| u.parent) {
            out.push(p);
            at = p;
        }
        out
    }
    fn groups_under(&self, _unit: UnitId) -> Vec<UnitId> {
        Vec::new()
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
        self.staff.iter().find(|s| s.id == id)
    }
    fn assignments_to(&self, _unit: UnitId) -> &[Assignment] {
        &[]
    }
    fn covers_staff(&self, staff: StaffId, unit: UnitId) -> bool {
        let covering = self.covering_units(unit);
        self.assignments
            .iter()
            .any(|a| a.staff == staff && covering.contains(&a.unit))
    }
    fn assigned_labels(&self, staff: StaffId) -> Vec<String> {
        self.assignments
            .iter()
            .filter(|a| a.staff == staff)
            .map(|a| self.label(a.unit))
            .collect()
    }
}

#[track_caller]
fn at(s: &str) -> Instant {
    s.parse().unwrap()
}

/// Given / when / then over the report state, with the grid above.
struct Scenario {
    grid: Grid,
    state: ReportState,
    seq: u64,
    /// The figures the registry would compute for the next submission.
    figures: DailyFigures,
}

impl Scenario {
    fn new() -> Scenario {
        Scenario {
            grid: grid(),
            state: ReportState::default(),
            seq: 0,
            figures: DailyFigures::default(),
        }
    }

    /// Reports required from 2020-02-01, by the end of each day.
    fn scheduled() -> Scenario {
        let mut s = Scenario::new();
        s.ok(
            LEADER,
            "2020-01-31T09:00:00+08:00",
            ReportCommand::SetSchedule {
                schedule: Schedule::new(day("2020-02-01")),
            },
        );
        s
    }

    fn when(
        &mut self,
        who: StaffId,
        t: &str,
        cmd: ReportCommand,
    ) -> Result<Vec<ReportEvent>, Error> {
        let actor = self.grid.staff(who).unwrap().clone();
        let t = at(t);
        assert!(
            actor.role.may(cmd.action()),
            "{} may not {}",
            actor.label(),
            cmd.action()
        );
        let ctx = Context {
            actor: &actor,
            at: t,
            today: t.day_in(UtcOffset::CHINA),
            offset: UtcOffset::CHINA,
            grid: &self.grid,
        };
        // The registry computes the figures and gives the head; here, the scenario's.
        let figures = self.figures;
        let held = move |_: UnitId, _: Day| {
            (
                figures,
                Head {
                    seq: 12,
                    hash: Hash::GENESIS,
                },
                TreeHead {
                    size: 12,
                    root: Hash::GENESIS,
                },
            )
        };
        let events = decide(&self.state, &ctx, &cmd, &held)?;
        for e in &events {
            self.seq += 1;
            let meta = EntryMeta {
                seq: self.seq,
                actor: who,
                at: t,
                day: t.day_in(UtcOffset::CHINA),
            };
            self.state.apply(e, &meta);
        }
        Ok(events)
    }

    #[track_caller]
    fn ok(&mut self, who: StaffId, t: &str, cmd: ReportCommand) -> Vec<ReportEvent> {
        self.when(who, t, cmd).unwrap()
    }

    #[track_caller]
    fn refused(&mut self, who: StaffId, t: &str, cmd: ReportCommand) -> String {
        let before = self.state.clone();
        let err = self.when(who, t, cmd).unwrap_err();
        assert_eq!(self.state, before, "a refused command changed the state");
        err.to_string()
    }

    #[track_caller]
    fn submit(&mut self, who: StaffId, t: &str, unit: UnitId, d: &str, figures: DailyFigures) {
        self.figures = figures;
        self.ok(who, t, submit(unit, d));
    }

    fn table(&self, d: &str) -> DayTable {
        // The registry's own figures are those of the report in force here (none differs).
        let held = |u: UnitId| {
            self.state
                .report(u, day(d))
                .map_or_else(DailyFigures::default, |s| s.figures)
        };
        self.state
            .day_table(&self.grid, &self.grid.units, "Huochezhan", day(d), &held)
    }

    fn missing(&self, d: &str) -> Vec<UnitId> {
        self.state.missing(&self.grid.units, day(d))
    }
}

fn submit(unit: UnitId, d: &str) -> ReportCommand {
    ReportCommand::SubmitReport {
        unit,
        day: day(d),
        note: String::new(),
    }
}

fn zero() -> DailyFigures {
    DailyFigures {
        households_total: 612,
        under_observation: 3,
        ..DailyFigures::default()
    }
}

fn busy() -> DailyFigures {
    let mut f = zero();
    f.key_people_new = 2;
    f.persuasion_postponed = 1;
    f
}

#[test]
fn a_zero_report_is_a_report() {
    // Given reports required from 2020-02-01
    let mut s = Scenario::scheduled();
    // When Qianjin reports nothing new (standing totals only)
    s.submit(
        CADRE,
        "2020-02-01T18:00:00+08:00",
        QIANJIN,
        "2020-02-01",
        zero(),
    );
    // Then it is a zero report, and Qianjin is not missing
    let report = s.state.report(QIANJIN, day("2020-02-01")).unwrap();
    assert!(report.is_zero());
    assert_eq!(report.status(), RowStatus::Zero);
    assert!(!s.missing("2020-02-01").contains(&QIANJIN));
    assert_eq!(s.table("2020-02-01").rows[1].status, RowStatus::Zero);
}

#[test]
fn a_missing_report_is_listed_until_submitted() {
    let mut s = Scenario::scheduled();
    // Every default unit is missing at first: the township's own row, the village, the community
    assert_eq!(s.missing("2020-02-01"), vec![TOWNSHIP, QIANJIN, HEPING]);
    // Nothing is required before the first day
    assert!(s.missing("2020-01-31").is_empty());
    s.submit(
        CADRE,
        "2020-02-01T18:00:00+08:00",
        QIANJIN,
        "2020-02-01",
        busy(),
    );
    assert_eq!(s.missing("2020-02-01"), vec![TOWNSHIP, HEPING]);
    s.submit(
        LEADER,
        "2020-02-01T19:00:00+08:00",
        HEPING,
        "2020-02-01",
        zero(),
    );
    s.submit(
        LEADER,
        "2020-02-01T19:00:00+08:00",
        TOWNSHIP,
        "2020-02-01",
        zero(),
    );
    assert!(s.missing("2020-02-01").is_empty());
    // The next day is missing again
    assert_eq!(s.missing("2020-02-02"), vec![TOWNSHIP, QIANJIN, HEPING]);
}

#[test]
fn a_report_after_the_end_of_the_day_is_late() {
    let mut s = Scenario::scheduled();
    s.submit(
        CADRE,
        "2020-02-01T23:59:59+08:00",
        QIANJIN,
        "2020-02-01",
        busy(),
    );
    s.submit(
        LEADER,
        "2020-02-02T00:00:00+08:00",
        HEPING,
        "2020-02-01",
        zero(),
    );
    // Midnight local time is late, whatever the offset the instant was written in
    s.submit(
        LEADER,
        "2020-02-01T16:30:00Z",
        TOWNSHIP,
        "2020-02-01",
        zero(),
    );
    assert_eq!(s.state.late(day("2020-02-01")), vec![TOWNSHIP, HEPING]);
    let table = s.table("2020-02-01");
    let statuses: Vec<RowStatus> = table.rows.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [RowStatus::Late, RowStatus::Submitted, RowStatus::Late]
    );
    assert_eq!(table.late().count(), 2);
    assert_eq!(table.missing().count(), 0);
}

#[test]
fn the_deadline_is_a_value_and_end_of_day_is_the_default() {
    let d = day("2020-02-01");
    let nine = TimeOfDay::from_hm(9, 0).unwrap();
    let five = TimeOfDay::from_hm(17, 0).unwrap();
    let cases = [
        (Deadline::default(), "2020-02-02T00:00:00+08:00"),
        (Deadline::NextDayAt(nine), "2020-02-02T09:00:00+08:00"),
        (Deadline::SameDayAt(five), "2020-02-01T17:00:00+08:00"),
    ];
    for (deadline, late_from) in cases {
        assert_eq!(deadline.late_from(d, UtcOffset::CHINA), Some(at(late_from)));
    }
    assert_eq!(Deadline::default(), Deadline::EndOfDay);
    assert_eq!(
        Deadline::NextDayAt(nine).to_string(),
        "before 09:00 on the next day"
    );

    // Given a 09:00 next-day deadline, 08:59 is on time and 09:00 late
    let mut s = Scenario::new();
    s.ok(
        LEADER,
        "2020-01-31T09:00:00+08:00",
        ReportCommand::SetSchedule {
            schedule: Schedule::new(d).with_deadline(Deadline::NextDayAt(nine)),
        },
    );
    s.submit(
        CADRE,
        "2020-02-02T08:59:00+08:00",
        QIANJIN,
        "2020-02-01",
        busy(),
    );
    s.submit(
        LEADER,
        "2020-02-02T09:00:00+08:00",
        HEPING,
        "2020-02-01",
        busy(),
    );
    assert_eq!(s.state.late(d), vec![HEPING]);
}

#[test]
fn a_resubmission_supersedes_and_both_stay() {
    let mut s = Scenario::scheduled();
    s.submit(
        CADRE,
        "2020-02-01T18:00:00+08:00",
        QIANJIN,
        "2020-02-01",
        busy(),
    );
    s.submit(
        CADRE,
        "2020-02-01T20:00:00+08:00",
        QIANJIN,
        "2020-02-01",
        zero(),
    );
    let history = s.state.history(QIANJIN, day("2020-02-01"));
    assert_eq!(history.len(), 2);
    assert_eq!((history[0].figures, history[0].seq), (busy(), 2));
    assert_eq!((history[1].figures, history[1].seq), (zero(), 3));
    assert_eq!(s.state.report(QIANJIN, day("2020-02-01")), history.last());
    assert_eq!(s.table("2020-02-01").submitted_total(), zero());
    // A late resubmission makes the report in force late
    s.submit(
        CADRE,
        "2020-02-02T08:00:00+08:00",
        QIANJIN,
        "2020-02-01",
        zero(),
    );
    assert_eq!(s.state.late(day("2020-02-01")), vec![QIANJIN]);
}

#[test]
fn reports_that_are_not_required_are_refused() {
    let mut s = Scenario::new();
    assert_eq!(
        s.refused(
            LEADER,
            "2020-02-01T18:00:00+08:00",
            submit(QIANJIN, "2020-02-01")
        ),
        "no report is required for 2020-02-01 yet: a leader must first set the first day from \
         which reports are required"
    );
    let mut s = Scenario::scheduled();
    assert_eq!(
        s.refused(
            LEADER,
            "2020-02-01T18:00:00+08:00",
            submit(QIANJIN, "2020-01-31")
        ),
        "no report is required for 2020-01-31: reports are required from 2020-02-01 on"
    );
    assert_eq!(
        s.refused(
            LEADER,
            "2020-02-01T18:00:00+08:00",
            submit(QIANJIN, "2020-02-02")
        ),
        "2020-02-02 has not come yet (today is 2020-02-01): report a day on or after it"
    );
    assert_eq!(
        s.refused(
            LEADER,
            "2020-02-01T18:00:00+08:00",
            submit(QIANJIN_1, "2020-02-01")
        ),
        "Qianjin group 1 (U4) is not a reporting unit: reports come from the township's own row, \
         its villages and communities, and the groups or zones a leader has added"
    );
    assert_eq!(
        s.refused(
            LEADER,
            "2020-02-01T18:00:00+08:00",
            submit(UnitId::new(99), "2020-02-01")
        ),
        "there is no unit U99 in this registry"
    );
    // A cadre in charge of Qianjin may not report for Heping
    let err = s.refused(
        CADRE,
        "2020-02-01T18:00:00+08:00",
        submit(HEPING, "2020-02-01"),
    );
    assert!(err.contains("Heping (U3)"), "{err}");
}

#[test]
fn a_leader_adds_groups_and_zones_from_today() {
    let mut s = Scenario::scheduled();
    let events = s.ok(
        LEADER,
        "2020-02-03T09:00:00+08:00",
        ReportCommand::AddReportingUnit { unit: QIANJIN_1 },
    );
    assert_eq!(
        events,
        vec![ReportEvent::ReportingUnitAdded {
            unit: QIANJIN_1,
            from: day("2020-02-03")
        }]
    );
    assert!(!s.missing("2020-02-02").contains(&QIANJIN_1));
    assert!(s.missing("2020-02-03").contains(&QIANJIN_1));
    // The cadre in charge of Qianjin reports for its group
    s.submit(
        CADRE,
        "2020-02-03T18:00:00+08:00",
        QIANJIN_1,
        "2020-02-03",
        zero(),
    );
    s.ok(
        LEADER,
        "2020-02-03T09:00:00+08:00",
        ReportCommand::AddReportingUnit { unit: QIANJIN_ZONE },
    );
    assert_eq!(
        s.refused(
            LEADER,
            "2020-02-03T09:00:00+08:00",
            ReportCommand::AddReportingUnit { unit: QIANJIN_1 }
        ),
        "Qianjin group 1 (U4) is already a reporting unit"
    );
    assert_eq!(
        s.refused(
            LEADER,
            "2020-02-03T09:00:00+08:00",
            ReportCommand::AddReportingUnit { unit: QIANJIN }
        ),
        "Qianjin (U2) is a village: only groups and zones can be added as reporting units (the \
         township, villages and communities report already)"
    );
    assert_eq!(
        s.state.reporting_units(&s.grid.units),
        vec![TOWNSHIP, QIANJIN, HEPING, QIANJIN_1, QIANJIN_ZONE]
    );
}

#[test]
fn only_leaders_and_cadres_submit_and_only_leaders_manage() {
    assert_eq!(Action::SubmitReport.roles(), &[Role::Leader, Role::Cadre]);
    assert_eq!(Action::ManageReports.roles(), &[Role::Leader]);
    assert!(!Role::GridWorker.may(submit(QIANJIN, "2020-02-01").action()));
}

/// The table of 2020-02-01: Qianjin reported, Heping zero, the township's own row missing.
fn known_day() -> DayTable {
    let mut s = Scenario::scheduled();
    s.submit(
        CADRE,
        "2020-02-01T18:00:00+08:00",
        QIANJIN,
        "2020-02-01",
        busy(),
    );
    s.submit(
        LEADER,
        "2020-02-02T07:00:00+08:00",
        HEPING,
        "2020-02-01",
        zero(),
    );
    s.table("2020-02-01")
}

#[test]
fn the_day_table_adds_up_and_renders_in_both_languages() {
    let table = known_day();
    assert_eq!(table.submitted_total(), busy() + zero());
    assert_eq!(table.registry_total(), Some(busy() + zero()));
    assert_eq!((table.reported(), table.units()), (2, 3));
    let en = table.to_string();
    let zh = table.display_zh().to_string();
    let en_lines: Vec<&str> = en.lines().take(6).collect();
    assert_eq!(
        en_lines,
        [
            "Daily report Huochezhan 2020-02-01: 2 of 3 units reported; missing: Huochezhan (U1); late: Heping (U3)",
            "                          Huochezhan (U1)  Qianjin (U2)  Heping (U3)  Submitted total  Registry total",
            "Status                            missing     submitted         late              2/3",
            "Households                            (0)           612          612             1224            1224",
            "Households screened                   (0)             0            0                0               0",
            "New key people                        (0)             2            0                2               2",
        ]
    );
    let zh_lines: Vec<&str> = zh.lines().take(4).collect();
    assert_eq!(
        zh_lines,
        [
            "日报表 Huochezhan 2020-02-01：3个单位中2个已报；未报：Huochezhan (U1)；迟报：Heping (U3)",
            "                  Huochezhan (U1)  Qianjin (U2)  Heping (U3)  上报合计  系统合计",
            "状态                         未报          已报         迟报       2/3",
            "户数                          (0)           612          612      1224      1224",
        ]
    );
    // A header, the units' names, their status, a line per figure, the note on the missing unit
    assert_eq!(en.lines().count(), 3 + FIGURE_LABELS.len() + 1);
    assert!(en.ends_with(
        "( ) the registry's own figures for a unit that did not report: not in the submitted total\n"
    ));

    // Given a household registered in Qianjin after its report, when the table is made again
    let mut changed = table.clone();
    let mut now = busy();
    now.households_total += 1;
    changed.rows[1].registry = Some(now);
    // Then the submitted figure is marked and the difference listed, in both languages
    assert!(changed.rows[1].differs());
    assert_eq!(changed.differing().count(), 1);
    let en = changed.to_string();
    assert!(
        en.contains("Households                            (0)          612*"),
        "{en}"
    );
    assert!(en.ends_with(
        "* Qianjin (U2): the registry's figures changed since the report: Households 612 → 613\n"
    ), "{en}");
    assert!(
        changed
            .display_zh()
            .to_string()
            .ends_with("* Qianjin (U2)上报后系统数据已变：户数 612 → 613\n")
    );
}

#[test]
fn figures_labels_cover_every_field_in_serde_order() {
    let json = serde_json::to_value(busy()).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut fields: Vec<&str> = FIGURE_LABELS.iter().map(|l| l.field).collect();
    assert_eq!(fields.len(), 40);
    assert_eq!(busy().values().len(), 40);
    fields.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, fields);
    assert_eq!(busy().get("key_people_new"), Some(2));
    assert_eq!(busy().get("nonsense"), None);
    let new: Vec<&str> = FIGURE_LABELS
        .iter()
        .filter(|l| l.new)
        .map(|l| l.field)
        .collect();
    assert_eq!(
        new,
        [
            "key_people_new",
            "released_new",
            "referred_new",
            "other_endings_new",
            "abnormal_readings",
            "persuasion_postponed",
            "persuasion_simplified",
            "persuasion_cancelled",
            "persuasion_escalated",
            "violations_new",
            "inspections_new",
            "findings_new",
            "decisions_new",
            "letters_new",
            "households_reached_new",
            "van_outings_new",
            "broadcasts_new",
        ]
    );
    // Missing fields read as zero
    let f: DailyFigures = serde_json::from_str(r#"{"key_people_new": 4}"#).unwrap();
    assert_eq!(f.key_people_new, 4);
    assert!(!f.is_zero_report());
}

#[test]
fn figures_display_as_a_small_table() {
    let text = busy().to_string();
    let lines: Vec<&str> = text.lines().take(3).collect();
    assert_eq!(
        lines,
        [
            "Households                  612",
            "Households screened           0",
            "New key people                2",
        ]
    );
    assert!(format!("{:#}", busy()).starts_with("户数                        612\n"));
}

#[test]
fn commands_events_and_tables_round_trip_through_serde() {
    let commands = [
        ReportCommand::AddReportingUnit { unit: QIANJIN_1 },
        ReportCommand::SetSchedule {
            schedule: Schedule::new(day("2020-02-01"))
                .with_deadline(Deadline::NextDayAt(TimeOfDay::from_hm(9, 0).unwrap())),
        },
        submit(QIANJIN, "2020-02-01"),
    ];
    for c in commands {
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<ReportCommand>(&json).unwrap(), c);
    }
    let events = [
        ReportEvent::ReportingUnitAdded {
            unit: QIANJIN_1,
            from: day("2020-02-03"),
        },
        ReportEvent::ScheduleSet {
            schedule: Schedule::new(day("2020-02-01"))
                .with_deadline(Deadline::SameDayAt(TimeOfDay::from_hm(17, 0).unwrap())),
        },
        ReportEvent::ReportSubmitted {
            unit: QIANJIN,
            day: day("2020-02-01"),
            figures: busy(),
            note: "两户返乡".to_owned(),
            head: Head::default(),
            tree_head: TreeHead {
                size: 0,
                root: Hash::of(b""),
            },
            late_from: Some(at("2020-02-02T00:00:00+08:00")),
        },
    ];
    for e in events {
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<ReportEvent>(&json).unwrap(), e);
    }
    let table = known_day();
    let json = serde_json::to_string(&table).unwrap();
    assert_eq!(serde_json::from_str::<DayTable>(&json).unwrap(), table);
    assert_eq!(
        serde_json::to_string(&ReportCommand::SetSchedule {
            schedule: Schedule::new(day("2020-02-01"))
        })
        .unwrap(),
        r#"{"SetSchedule":{"schedule":{"first_day":"2020-02-01","deadline":"end_of_day"}}}"#
    );
}

#[cfg(feature = "csv")]
#[test]
fn the_csv_of_a_known_day_is_pinned() {
    let csv = tables_to_csv(&[known_day()], Lang::Both).unwrap();
    let zeros = ",0".repeat(35);
    let twenty = ",0".repeat(20);
    let blanks = ",".repeat(40);
    let expected = format!(
        "日期 Day,乡镇 Township,单位 Unit,状态 Status,来源 Source,户数 Households,已排查户数 Households screened,\
         新增重点人员 New key people,\"累计重点人员 Key people, cumulative\",在观察人数 Under observation,\
         新增解除观察 New releases,\"累计解除观察 Released, cumulative\",新增转诊 New referrals,\
         其他方式结束观察 Other endings,未按时测温 Missed checks,体温异常 Abnormal readings,\
         劝导喜事缓办 Persuaded: postponed,劝导丧事简办 Persuaded: simplified,\
         劝导取消聚集 Persuaded: cancelled,劝导无效上报 Persuasion escalated,关停场所 Venues closed,\
         新增违规 New violations,督查次数 Inspections,发现问题 Findings,问责处理 Accountability decisions,\
         新增入户信件 Letters delivered,\"累计入户信件 Letters, cumulative\",\
         新增宣传到户 New households reached,累计宣传到户 Households reached,宣传车出车 Van outings,\
         \"累计宣传车出车 Van outings, cumulative\",广播次数 Broadcasts,\
         \"累计广播次数 Broadcasts, cumulative\",\
         班次到岗 Shifts staffed,班次缺岗 Shifts short,志愿者在岗 Volunteers on duty,\
         消杀按时完成 Rounds done,消杀迟做 Rounds late,消杀漏做 Rounds missed,\
         口罩库存 Masks on hand,口罩发放 Masks issued,消毒液库存 Disinfectant on hand,\
         消毒液发放 Disinfectant issued,体温计库存 Thermometers on hand,\
         体温计发放 Thermometers issued\n\
         2020-02-01,Huochezhan,Huochezhan (U1),未报 missing,上报 submitted{blanks}\n\
         2020-02-01,Huochezhan,Huochezhan (U1),,系统 registry,0,0,0,0,0{zeros}\n\
         2020-02-01,Huochezhan,Qianjin (U2),已报 submitted,上报 submitted,612,0,2,0,3,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0{twenty}\n\
         2020-02-01,Huochezhan,Qianjin (U2),,系统 registry,612,0,2,0,3,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0{twenty}\n\
         2020-02-01,Huochezhan,Heping (U3),迟报 late,上报 submitted,612,0,0,0,3{zeros}\n\
         2020-02-01,Huochezhan,Heping (U3),,系统 registry,612,0,0,0,3{zeros}\n\
         2020-02-01,Huochezhan,合计 Total,3个单位中2个已报 2 of 3 units reported,上报 submitted,1224,0,2,0,6,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0{twenty}\n\
         2020-02-01,Huochezhan,合计 Total,,系统 registry,1224,0,2,0,6,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0{twenty}\n"
    );
    assert_eq!(csv, expected);
    // English headings only
    let en = tables_to_csv(&[known_day()], Lang::En).unwrap();
    assert!(en.starts_with("Day,Township,Unit,Status,Source,Households,Households screened,"));
    assert!(en.contains("\n2020-02-01,Huochezhan,Total,2 of 3 units reported,submitted,1224,"));
}

#[cfg(feature = "xlsx")]
#[test]
fn the_xlsx_reads_back_one_sheet_per_day() {
    use std::io::Read;
    let mut second = known_day();
    second.day = day("2020-02-02");
    // Two townships on one day, the second of the same day and area as the first but longer
    // than Excel's 31 characters once its day is put in front
    let mut long = known_day();
    long.area = "Xiangxinan Fruit Market and Forty Chars".to_owned();
    let bytes = tables_to_xlsx(
        &[known_day(), second, long.clone(), long],
        Lang::Both,
        at("2020-02-02T10:00:00+08:00"),
    )
    .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let workbook = read("xl/workbook.xml");
    for (name, id) in [
        ("2020-02-01 Huochezhan", 1),
        ("2020-02-02 Huochezhan", 2),
        ("2020-02-01 Xiangxinan Fruit Mar", 3),
        ("2020-02-01 Xiangxinan Fruit (2)", 4),
    ] {
        assert!(name.chars().count() <= 31, "{name}");
        assert!(
            workbook.contains(&format!(r#"<sheet name="{name}" sheetId="{id}""#)),
            "{name}: {workbook}"
        );
    }
    let strings = read("xl/sharedStrings.xml");
    for s in [
        "户数 Households",
        "合计 Total",
        "Qianjin (U2)",
        "迟报 late",
        "系统 registry",
    ] {
        assert!(strings.contains(s), "{s} not in {strings}");
    }
    let sheet = read("xl/worksheets/sheet1.xml");
    // A heading row, two rows for each of three units, two total rows
    assert_eq!(sheet.matches("<row ").count(), 9);
    // The submitted total's row: 1224 households in column D
    assert!(sheet.contains(r#"<c r="D8"><v>1224</v></c>"#), "{sheet}");
    let core = read("docProps/core.xml");
    assert!(core.contains("2020-02-02T02:00:00Z"), "{core}");
}

#[cfg(feature = "fhir")]
#[test]
fn a_temperature_reading_has_the_shape_of_hl7s_body_temperature_example() {
    let reading = crate::observation::Reading {
        at: at("2020-02-01T08:05:00+08:00"),
        temperature: crate::observation::Temperature::from_tenths(373).unwrap(),
        method: crate::observation::Method::Armpit,
        by: crate::observation::Reporter::SelfReported,
    };
    let obs = TemperatureObservation::from_reading("Patient/R7", &reading).with_id("R7-1");
    assert_eq!(
        temperature_observation(&obs),
        serde_json::json!({
            "resourceType": "Observation",
            "id": "R7-1",
            "meta": { "profile": ["http://hl7.org/fhir/StructureDefinition/vitalsigns"] },
            "status": "final",
            "category": [{
                "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                    "code": "vital-signs",
                    "display": "Vital Signs"
                }],
                "text": "Vital Signs"
            }],
            "code": {
                "coding": [{ "system": "http://loinc.org", "code": "8310-5", "display": "Body temperature" }],
                "text": "Body temperature"
            },
            "subject": { "reference": "Patient/R7" },
            "effectiveDateTime": "2020-02-01T08:05:00+08:00",
            "valueQuantity": {
                "value": 37.3,
                "unit": "Cel",
                "system": "http://unitsofmeasure.org",
                "code": "Cel"
            }
        })
    );
}

#[test]
fn a_county_rolls_up_townships_from_separate_registries() {
    let a = known_day();
    let mut b = known_day();
    b.area = "Another township".to_owned();
    let mut county = Rollup::new("Shuangqing", a.day);
    county
        .add_table(a.clone())
        .unwrap()
        .add_table(b.clone())
        .unwrap();
    assert_eq!(
        county.submitted_total(),
        a.submitted_total() + b.submitted_total()
    );
    assert_eq!((county.reported(), county.units()), (4, 6));
    assert_eq!(county.rows().count(), 6);
    // A table of another day, or a township added twice, is refused and changes nothing
    let mut other = a.clone();
    other.day = day("2020-02-02");
    assert_eq!(
        county.add_table(other).unwrap_err().code(),
        "rollup_other_day"
    );
    assert_eq!(
        county.add_table(a).unwrap_err().code(),
        "rollup_township_twice"
    );
    assert_eq!(county.townships.len(), 2);
}

fn figures() -> impl Strategy<Value = DailyFigures> {
    prop::collection::vec(0u64..1_000_000, 28).prop_map(|v| {
        let mut f = DailyFigures::default();
        let json: serde_json::Map<String, serde_json::Value> = FIGURE_LABELS
            .iter()
            .zip(v)
            .map(|(l, n)| (l.field.to_owned(), n.into()))
            .collect();
        f += serde_json::from_value(serde_json::Value::Object(json)).unwrap();
        f
    })
}

proptest! {
    /// Two registries (one per township) rolled up give the totals of one registry holding
    /// both, whatever the split.
    #[test]
    fn any_split_sums_to_the_whole(
        all in prop::collection::vec(figures(), 0..20),
        mask in prop::collection::vec(any::<bool>(), 20),
    ) {
        let (a, b): (Vec<_>, Vec<_>) =
            all.iter().enumerate().partition(|(i, _)| mask[*i]);
        let sum_a: DailyFigures = a.into_iter().map(|(_, f)| f).sum();
        let sum_b: DailyFigures = b.into_iter().map(|(_, f)| f).sum();
        let whole: DailyFigures = all.iter().sum();
        prop_assert_eq!(sum_a + sum_b, whole);
        prop_assert_eq!(sum_b + sum_a, whole);
    }

    #[test]
    fn figures_form_a_commutative_monoid(a in figures(), b in figures(), c in figures()) {
        prop_assert_eq!(a + b, b + a);
        prop_assert_eq!((a + b) + c, a + (b + c));
        prop_assert_eq!(a + DailyFigures::default(), a);
        let mut d = a;
        d += b;
        prop_assert_eq!(d, a + b);
    }

    #[test]
    fn addition_saturates_instead_of_overflowing(a in figures()) {
        let max = DailyFigures { households_total: u64::MAX, ..DailyFigures::default() };
        prop_assert_eq!((max + a).households_total, u64::MAX);
    }
}
