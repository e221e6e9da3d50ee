//! Scenarios for gathering orders, decisions, persuasion, venues and OxCGRT levels.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::calendar::{Instant, TimeOfDay, UtcOffset};
use crate::grid::context::{Context, EntryMeta, GridView};
use crate::grid::{Assignment, Duty, Role, Staff, Unit};
use crate::household::{Household, Resident};
use crate::ids::{HouseholdId, ResidentId, StaffId};
use crate::test_support::day;

// --- the fake grid: a township, two villages and a community, a group in each ---

const TOWNSHIP: UnitId = UnitId::new(1);
const QIANJIN: UnitId = UnitId::new(2);
const BAIYUN: UnitId = UnitId::new(3);
const GUTANG: UnitId = UnitId::new(4);
const QIANJIN_1: UnitId = UnitId::new(5);
const BAIYUN_1: UnitId = UnitId::new(6);
const GUTANG_1: UnitId = UnitId::new(7);

const H_QIANJIN: HouseholdId = HouseholdId::new(1);
const H_BAIYUN: HouseholdId = HouseholdId::new(2);
const H_GUTANG: HouseholdId = HouseholdId::new(3);

/// The party secretary: a leader assigned to the township.
const SECRETARY: StaffId = StaffId::new(1);
/// A leader in charge of Qianjin only.
const LEADER_QIANJIN: StaffId = StaffId::new(2);
/// A cadre of Qianjin group 1.
const CADRE: StaffId = StaffId::new(3);
/// A grid worker of Baiyun group 1.
const GRID_WORKER: StaffId = StaffId::new(4);
/// An inspector of the discipline commission.
const INSPECTOR: StaffId = StaffId::new(5);
/// A volunteer.
const VOLUNTEER: StaffId = StaffId::new(6);
/// A leader assigned nowhere.
const LEADER_NOWHERE: StaffId = StaffId::new(7);

struct Grid {
    units: BTreeMap<UnitId, Unit>,
    households: BTreeMap<HouseholdId, Household>,
    group_households: BTreeMap<UnitId, Vec<HouseholdId>>,
    staff: BTreeMap<StaffId, Staff>,
    assignments: BTreeMap<UnitId, Vec<Assignment>>,
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

impl Grid {
    fn township() -> Grid {
        let mut g = Grid {
            units: BTreeMap::new(),
            households: BTreeMap::new(),
            group_households: BTreeMap::new(),
            staff: BTreeMap::new(),
            assignments: BTreeMap::new(),
        };
        for u in [
            unit(TOWNSHIP, UnitKind::Township, "Huochezhan", None),
            unit(QIANJIN, UnitKind::Village, "Qianjin", Some(TOWNSHIP)),
            unit(BAIYUN, UnitKind::Village, "Baiyun", Some(TOWNSHIP)),
            unit(GUTANG, UnitKind::Community, "Gutang", Some(TOWNSHIP)),
            unit(QIANJIN_1, UnitKind::Group, "Qianjin group 1", Some(QIANJIN)),
            unit(BAIYUN_1, UnitKind::Group, "Baiyun group 1", Some(BAIYUN)),
            unit(GUTANG_1, UnitKind::Group, "Gutang group 1", Some(GUTANG)),
        ] {
            g.units.insert(u.id, u);
        }
        for (id, group) in [
            (H_QIANJIN, QIANJIN_1),
            (H_BAIYUN, BAIYUN_1),
            (H_GUTANG, GUTANG_1),
        ] {
            g.households.insert(
                id,
                Household {
                    id,
                    group,
                    address: format!("{id}").into(),
                    residents: Box::default(),
                },
            );
            g.group_households.entry(group).or_default().push(id);
        }
        for (id, name, role, at, duty) in [
            (
                SECRETARY,
                "Liu",
                Role::Leader,
                Some(TOWNSHIP),
                Duty::ChargeOfVillage,
            ),
            (
                LEADER_QIANJIN,
                "Zhao",
                Role::Leader,
                Some(QIANJIN),
                Duty::ChargeOfVillage,
            ),
            (
                CADRE,
                "Wang",
                Role::Cadre,
                Some(QIANJIN_1),
                Duty::ZoneAndGroups,
            ),
            (
                GRID_WORKER,
                "Li",
                Role::GridWorker,
                Some(BAIYUN_1),
                Duty::Grid,
            ),
            (INSPECTOR, "Chen", Role::Inspector, None, Duty::Supervision),
            (VOLUNTEER, "Sun", Role::Volunteer, None, Duty::Grid),
            (
                LEADER_NOWHERE,
                "Zhou",
                Role::Leader,
                None,
                Duty::ChargeOfVillage,
            ),
        ] {
            g.staff.insert(
                id,
                Staff {
                    id,
                    name: name.to_owned(),
                    role,
                    phone: None,
                },
            );
            if let Some(unit) = at {
                g.assignments.entry(unit).or_default().push(Assignment {
                    staff: id,
                    unit,
                    duty,
                });
            }
        }
        g
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
            .map_or_else(|| id.to_string(), |u| format!("{} ({})", u.name, id))
    }
    fn covering_units(&self, unit: UnitId) -> Vec<UnitId> {
        let mut out = Vec::new();
        let mut cur = Some(unit);
        while let Some(u) = cur.and_then(|c| self.units.get(&c)) {
            out.push(u.id);
            if let Some(z) = u.zone {
                out.push(z);
            }
            cur = u.parent;
        }
        out
    }
    fn groups_under(&self, unit: UnitId) -> Vec<UnitId> {
        self.units
            .values()
            .filter(|u| u.kind == UnitKind::Group && self.covering_units(u.id).contains(&unit))
            .map(|u| u.id)
            .collect()
    }
    fn households_of_group(&self, group: UnitId) -> &[HouseholdId] {
        self.group_households.get(&group).map_or(&[], Vec::as_slice)
    }
    fn household(&self, id: HouseholdId) -> Option<&Household> {
        self.households.get(&id)
    }
    fn resident(&self, _id: ResidentId) -> Option<&Resident> {
        None
    }
    fn staff(&self, id: StaffId) -> Option<&Staff> {
        self.staff.get(&id)
    }
    fn assignments_to(&self, unit: UnitId) -> &[Assignment] {
        self.assignments.get(&unit).map_or(&[], Vec::as_slice)
    }
    fn covers_staff(&self, staff: StaffId, unit: UnitId) -> bool {
        self.covering_units(unit)
            .iter()
            .any(|u| self.assignments_to(*u).iter().any(|a| a.staff == staff))
    }
    fn assigned_labels(&self, staff: StaffId) -> Vec<String> {
        self.assignments
            .values()
            .flatten()
            .filter(|a| a.staff == staff)
            .map(|a| self.label(a.unit))
            .collect()
    }
}

// --- the scenario harness: given events, when a command, then events or an error ---

struct Scenario {
    grid: Grid,
    state: GatheringState,
    seq: u64,
    today: Day,
}

impl Scenario {
    fn new() -> Scenario {
        Scenario {
            grid: Grid::township(),
            state: GatheringState::default(),
            seq: 0,
            today: day("2020-01-25"),
        }
    }

    fn on(&mut self, d: &str) -> &mut Self {
        self.today = day(d);
        self
    }

    /// Authorizes as the registry would (role table), decides, round-trips the command and
    /// events through serde, and applies the events. On error, checks nothing changed.
    #[track_caller]
    fn when(
        &mut self,
        actor: StaffId,
        cmd: GatheringCommand,
    ) -> Result<Vec<GatheringEvent>, Error> {
        round_trip(&cmd);
        let staff = self.grid.staff(actor).expect("test staff").clone();
        let action = cmd.action();
        if !action.roles().contains(&staff.role) {
            return Err(Error::RoleNotPermitted {
                actor: staff.label(),
                action: action.label_en(),
                allowed: String::new(),
            });
        }
        let at = Instant::at(
            self.today,
            TimeOfDay::from_hm(9, 0).unwrap(),
            UtcOffset::CHINA,
        );
        let ctx = Context {
            actor: &staff,
            at,
            today: self.today,
            offset: UtcOffset::CHINA,
            grid: &self.grid,
        };
        let before = self.state.clone();
        let result = decide(&self.state, &ctx, &cmd);
        match &result {
            Ok(events) => {
                for e in events {
                    round_trip(e);
                    self.seq += 1;
                    let meta = EntryMeta {
                        seq: self.seq,
                        actor,
                        at,
                        day: at.day_in(crate::calendar::UtcOffset::CHINA),
                    };
                    self.state.apply(e, &meta);
                }
            }
            Err(_) => assert_eq!(self.state, before, "a refused command changed the state"),
        }
        result
    }

    #[track_caller]
    fn ok(&mut self, actor: StaffId, cmd: GatheringCommand) -> GatheringEvent {
        let mut events = self.when(actor, cmd).expect("command accepted");
        assert_eq!(events.len(), 1);
        events.remove(0)
    }

    #[track_caller]
    fn refused(&mut self, actor: StaffId, cmd: GatheringCommand) -> String {
        self.when(actor, cmd)
            .expect_err("command refused")
            .to_string()
    }

    #[track_caller]
    fn issue(
        &mut self,
        unit: UnitId,
        first: &str,
        last: Option<&str>,
        terms: OrderTerms,
    ) -> GatheringOrderId {
        match self.ok(SECRETARY, issue(unit, first, last, terms)) {
            GatheringEvent::OrderIssued { order, .. } => order,
            other => panic!("{other:?}"),
        }
    }

    #[track_caller]
    fn report(&mut self, by: StaffId, plan: PlannedGathering) -> GatheringId {
        match self.ok(by, GatheringCommand::ReportGathering(plan)) {
            GatheringEvent::GatheringReported { gathering, .. } => gathering,
            other => panic!("{other:?}"),
        }
    }

    #[track_caller]
    fn venue(&mut self, name: &str, kind: VenueKind, unit: UnitId) -> VenueId {
        let cmd = GatheringCommand::RegisterVenue {
            name: name.to_owned(),
            kind,
            unit,
        };
        match self.ok(SECRETARY, cmd) {
            GatheringEvent::VenueRegistered { venue, .. } => venue,
            other => panic!("{other:?}"),
        }
    }

    fn decision(&self, plan: &PlannedGathering) -> GatheringDecision {
        self.state.evaluate(&self.grid, plan).expect("valid plan")
    }
}

#[track_caller]
fn round_trip<T>(value: &T)
where
    T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).expect("serializes");
    let back: T = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(&back, value, "{json}");
}

fn issue(unit: UnitId, first: &str, last: Option<&str>, terms: OrderTerms) -> GatheringCommand {
    GatheringCommand::IssueOrder {
        unit,
        first: day(first),
        last: last.map(day),
        terms,
    }
}

fn funerals(simplification: Simplification) -> OrderTerms {
    OrderTerms::new(
        "funerals simplified",
        vec![Rule::new(
            vec![GatheringKind::FUNERAL],
            Binds::Everyone,
            Restriction::Simplified(simplification),
        )],
    )
}

fn funeral(household: HouseholdId, first: &str, last: &str, people: u32) -> PlannedGathering {
    PlannedGathering::new(
        household,
        GatheringKind::FUNERAL,
        day(first),
        day(last),
        people,
    )
}

// --- orders: first day, last day, lift day ---

#[test]
fn an_order_applies_from_its_first_through_its_last_day_until_its_lift_day() {
    // Given an order for 2020-01-25 ..= 2020-02-29
    let mut s = Scenario::new();
    let id = s.issue(
        TOWNSHIP,
        "2020-01-25",
        Some("2020-02-29"),
        OrderTerms::article(),
    );
    let order = s.state.order(id).unwrap().clone();
    // Then it applies on its first and last day, not the day before or after
    assert!(!order.in_force_on(day("2020-01-24")));
    assert!(order.in_force_on(day("2020-01-25")));
    assert!(order.in_force_on(day("2020-02-29")));
    assert!(!order.in_force_on(day("2020-03-01")));
    assert_eq!(order.end(), Some(day("2020-03-01")));
    assert_eq!(order.issued_by, SECRETARY);

    // When it is lifted from 2020-02-10
    s.ok(
        SECRETARY,
        GatheringCommand::LiftOrder {
            order: id,
            from: day("2020-02-10"),
        },
    );
    let order = s.state.order(id).unwrap();
    // Then the lift day is the first day it no longer applies
    assert!(order.in_force_on(day("2020-02-09")));
    assert!(!order.in_force_on(day("2020-02-10")));
    assert_eq!(order.end(), Some(day("2020-02-10")));
    assert_eq!(
        s.state
            .orders_in_force(&s.grid, QIANJIN_1, day("2020-02-10"))
            .len(),
        0
    );
    assert_eq!(
        s.state
            .orders_in_force(&s.grid, QIANJIN_1, day("2020-02-09"))
            .len(),
        1
    );

    // And it cannot be lifted twice
    assert_eq!(
        s.refused(
            SECRETARY,
            GatheringCommand::LiftOrder {
                order: id,
                from: day("2020-02-05")
            }
        ),
        "gathering order GO1 was already lifted from 2020-02-10"
    );
}

#[test]
fn an_open_ended_order_runs_until_lifted_and_lifts_only_within_its_days() {
    let mut s = Scenario::new();
    let id = s.issue(
        TOWNSHIP,
        "2020-01-25",
        None,
        OrderTerms::weddings_postponed(),
    );
    assert!(s.state.order(id).unwrap().in_force_on(day("2021-01-01")));
    assert_eq!(s.state.order(id).unwrap().end(), None);
    assert_eq!(
        s.refused(
            SECRETARY,
            GatheringCommand::LiftOrder {
                order: id,
                from: day("2020-01-20")
            }
        ),
        "gathering order GO1 applies from 2020-01-25 through until lifted: it cannot be lifted from 2020-01-20"
    );
    let closed = s.issue(
        TOWNSHIP,
        "2020-01-25",
        Some("2020-01-31"),
        OrderTerms::weddings_postponed(),
    );
    assert_eq!(
        s.refused(
            SECRETARY,
            GatheringCommand::LiftOrder {
                order: closed,
                from: day("2020-02-01")
            }
        ),
        "gathering order GO2 applies from 2020-01-25 through 2020-01-31: it cannot be lifted from 2020-02-01"
    );
    // A leader of another village may not lift a Baiyun order, nor a leader linked to a village
    // the township's: that takes a leader assigned to the township (DOMAIN.md §1, "Reach")
    let baiyun = s.issue(BAIYUN, "2020-01-25", None, OrderTerms::weddings_postponed());
    assert!(
        s.refused(
            LEADER_QIANJIN,
            GatheringCommand::LiftOrder {
                order: baiyun,
                from: day("2020-02-01")
            }
        )
        .starts_with(
            "leader Zhao (S2) may not issue gathering orders or venue closures in Baiyun (U3)"
        )
    );
    assert!(matches!(
        s.when(
            LEADER_QIANJIN,
            GatheringCommand::LiftOrder {
                order: id,
                from: day("2020-02-01"),
            },
        ),
        Err(Error::OutsideAssignedUnits { .. })
    ));
    s.ok(
        SECRETARY,
        GatheringCommand::LiftOrder {
            order: id,
            from: day("2020-02-01"),
        },
    );
}

// --- decisions ---

#[test]
fn a_village_order_stricter_than_the_townships_wins_inside_that_village_only() {
    // Given the township simplifies funerals to at most 50 people, and Qianjin prohibits them
    let mut s = Scenario::new();
    let township = s.issue(
        TOWNSHIP,
        "2020-01-25",
        None,
        funerals(Simplification::no_banquet().people(50)),
    );
    let terms = OrderTerms::new(
        "Qianjin: no funerals",
        vec![Rule::new(
            vec![GatheringKind::FUNERAL],
            Binds::Everyone,
            Restriction::Prohibited,
        )],
    );
    let cmd = issue(QIANJIN, "2020-01-28", None, terms);
    let village = match s.ok(LEADER_QIANJIN, cmd) {
        GatheringEvent::OrderIssued { order, .. } => order,
        other => panic!("{other:?}"),
    };

    // When a funeral of 80 is planned in each village
    let in_qianjin = s.decision(&funeral(H_QIANJIN, "2020-02-01", "2020-02-02", 80));
    let in_baiyun = s.decision(&funeral(H_BAIYUN, "2020-02-01", "2020-02-02", 80));

    // Then Qianjin's prohibition wins in Qianjin, naming the village order
    assert_eq!(in_qianjin.household.stringency, Stringency::Prohibited);
    assert_eq!(in_qianjin.household.decisive().unwrap().order, village);
    assert_eq!(in_qianjin.people_allowed(), 0);
    assert_eq!(
        in_qianjin.to_string(),
        "funeral of 80 people over 2 days: prohibited by order GO2 rule 1 (\"Qianjin: no funerals\")"
    );
    // And the township's simplification holds in Baiyun
    assert_eq!(in_baiyun.household.stringency, Stringency::Simplified);
    assert_eq!(in_baiyun.household.decisive().unwrap().order, township);
    assert_eq!(in_baiyun.people_allowed(), 50);

    // And a funeral in Qianjin that ends before the village order starts is only simplified
    let early = s.decision(&funeral(H_QIANJIN, "2020-01-26", "2020-01-27", 80));
    assert_eq!(early.household.stringency, Stringency::Simplified);
    // One that runs into it is prohibited, from the village order's first day
    let spanning = s.decision(&funeral(H_QIANJIN, "2020-01-26", "2020-01-29", 80));
    assert_eq!(spanning.household.stringency, Stringency::Prohibited);
    assert_eq!(spanning.household.decided_by[0].from, day("2020-01-28"));
}

#[test]
fn a_cadres_only_rule_binds_an_invited_cadre_and_not_the_household() {
    // Given cadres may attend no dinners
    let mut s = Scenario::new();
    s.issue(
        TOWNSHIP,
        "2020-01-25",
        None,
        OrderTerms::no_dinners_for_cadres(),
    );
    // When a household plans a birthday banquet and invites a cadre and a volunteer
    let plan = PlannedGathering::new(
        H_QIANJIN,
        GatheringKind::CELEBRATION,
        day("2020-02-01"),
        day("2020-02-01"),
        12,
    )
    .inviting([CADRE, VOLUNTEER]);
    let id = s.report(CADRE, plan);
    let d = s.state.decision(&s.grid, id).unwrap();
    // Then the household may hold it, the cadre may not attend, the volunteer may
    assert_eq!(d.household.stringency, Stringency::Allowed);
    assert_eq!(d.staff[0].staff, CADRE);
    assert_eq!(d.staff[0].verdict.stringency, Stringency::Prohibited);
    assert_eq!(d.staff[1].verdict.stringency, Stringency::Allowed);
    assert_eq!(
        d.to_string(),
        "celebration banquet of 12 people over 1 day: allowed: no order in force restricts it; \
         staff S3: prohibited by order GO1 rule 1 (\"cadres attend no dinners (干部不参与聚餐)\"); \
         staff S6: allowed: no order in force restricts it"
    );
}

#[test]
fn a_funeral_of_50_under_simplified_at_most_20_is_simplified_to_20() {
    let mut s = Scenario::new();
    s.issue(
        TOWNSHIP,
        "2020-01-25",
        None,
        funerals(Simplification::no_banquet().people(20).days(1)),
    );
    let d = s.decision(&funeral(H_BAIYUN, "2020-02-01", "2020-02-03", 50));
    assert_eq!(d.household.stringency, Stringency::Simplified);
    assert_eq!(d.people_allowed(), 20);
    assert_eq!(d.days_allowed(), 1);
    assert_eq!(
        d.to_string(),
        "funeral of 50 people over 3 days: simplified: at most 20 people (order GO1 rule 1 (\"funerals simplified\")), \
         at most 1 day (order GO1 rule 1 (\"funerals simplified\")), no banquet (order GO1 rule 1 (\"funerals simplified\"))"
    );
}

#[test]
fn limits_combine_item_by_item_and_prohibition_outranks_postponement() {
    let mut s = Scenario::new();
    s.issue(
        TOWNSHIP,
        "2020-01-25",
        None,
        funerals(Simplification::no_banquet().people(30).days(1)),
    );
    let limited = OrderTerms::new(
        "Qianjin: at most 10",
        vec![Rule::new(
            vec![GatheringKind::FUNERAL],
            Binds::Everyone,
            Restriction::Limited { max_people: 10 },
        )],
    );
    s.issue(QIANJIN, "2020-01-25", None, limited);
    let d = s.decision(&funeral(H_QIANJIN, "2020-02-01", "2020-02-03", 50));
    assert_eq!(d.household.stringency, Stringency::Simplified);
    let limits = &d.household.limits;
    assert_eq!(limits.max_people.as_ref().unwrap().value, 10);
    assert_eq!(
        limits.max_people.as_ref().unwrap().by.order,
        GatheringOrderId::new(2)
    );
    assert_eq!(limits.max_days.as_ref().unwrap().value, 1);
    assert_eq!(
        limits.max_days.as_ref().unwrap().by.order,
        GatheringOrderId::new(1)
    );
    assert_eq!(
        limits.no_banquet.as_ref().unwrap().order,
        GatheringOrderId::new(1)
    );

    // A postponement and a prohibition of weddings: prohibited wins
    s.issue(
        TOWNSHIP,
        "2020-01-25",
        None,
        OrderTerms::weddings_postponed(),
    );
    let plan = PlannedGathering::new(
        H_BAIYUN,
        GatheringKind::WEDDING,
        day("2020-02-01"),
        day("2020-02-01"),
        100,
    );
    assert_eq!(
        s.decision(&plan).household.stringency,
        Stringency::Postponed
    );
    s.issue(
        BAIYUN,
        "2020-01-25",
        None,
        OrderTerms::new(
            "Baiyun: no weddings",
            vec![Rule::new(
                vec![GatheringKind::WEDDING],
                Binds::Everyone,
                Restriction::Prohibited,
            )],
        ),
    );
    let d = s.decision(&plan);
    assert_eq!(d.household.stringency, Stringency::Prohibited);
    assert_eq!(d.household.applicable.len(), 2);
}

#[test]
fn a_gathering_no_order_covers_is_allowed_and_says_so() {
    let mut s = Scenario::new();
    s.issue(
        TOWNSHIP,
        "2020-01-25",
        Some("2020-01-31"),
        OrderTerms::article(),
    );
    // After the order ends
    let d = s.decision(&funeral(H_GUTANG, "2020-02-01", "2020-02-01", 200));
    assert!(!d.covered);
    assert_eq!(d.people_allowed(), 200);
    assert_eq!(
        d.to_string(),
        "funeral of 200 people over 1 day: allowed: no order in force covers it"
    );
}

#[test]
fn a_businesses_rule_binds_a_gathering_at_a_venue_not_at_home() {
    let mut s = Scenario::new();
    s.issue(
        TOWNSHIP,
        "2020-01-25",
        None,
        OrderTerms::no_group_dinners_at_businesses(),
    );
    let restaurant = s.venue("Qianjin restaurant", VenueKind::CATERING, QIANJIN_1);
    let at_home = PlannedGathering::new(
        H_BAIYUN,
        GatheringKind::CELEBRATION,
        day("2020-02-01"),
        day("2020-02-01"),
        8,
    );
    let at_venue = at_home.clone().at_venue(restaurant);
    assert_eq!(
        s.decision(&at_home).household.stringency,
        Stringency::Allowed
    );
    let d = s.decision(&at_venue);
    assert_eq!(d.household.stringency, Stringency::Prohibited);
    // Judged at the venue's unit
    assert_eq!(d.unit, QIANJIN_1);
}

// --- persuasion ---

#[test]
fn persuasion_counts_by_village_and_kind_over_a_span_of_days() {
    // Given the article's orders and its planned funerals and wedding
    let mut s = Scenario::new();
    s.issue(TOWNSHIP, "2020-01-25", None, OrderTerms::article());
    let mut qianjin = Vec::new();
    for _ in 0..3 {
        qianjin.push(s.report(CADRE, funeral(H_QIANJIN, "2020-02-01", "2020-02-03", 60)));
    }
    let mut baiyun = Vec::new();
    for _ in 0..2 {
        baiyun.push(s.report(
            GRID_WORKER,
            funeral(H_BAIYUN, "2020-02-01", "2020-02-03", 60),
        ));
    }
    let wedding = PlannedGathering::new(
        H_GUTANG,
        GatheringKind::WEDDING,
        day("2020-02-08"),
        day("2020-02-08"),
        150,
    );
    let wedding = s.report(SECRETARY, wedding);

    // When cadres persuade them
    s.on("2020-01-28");
    for g in &qianjin {
        s.ok(
            CADRE,
            GatheringCommand::RecordPersuasion {
                gathering: *g,
                outcome: PersuasionOutcome::SimplifiedTo(20),
            },
        );
    }
    // A first visit to one Baiyun family is refused, a second on the next day succeeds
    s.ok(
        GRID_WORKER,
        GatheringCommand::RecordPersuasion {
            gathering: baiyun[0],
            outcome: PersuasionOutcome::RefusedEscalated,
        },
    );
    s.on("2020-01-29");
    for g in &baiyun {
        s.ok(
            GRID_WORKER,
            GatheringCommand::RecordPersuasion {
                gathering: *g,
                outcome: PersuasionOutcome::SimplifiedTo(15),
            },
        );
    }
    s.on("2020-01-30");
    s.ok(
        SECRETARY,
        GatheringCommand::RecordPersuasion {
            gathering: wedding,
            outcome: PersuasionOutcome::PostponedTo(day("2020-05-01")),
        },
    );

    // Then the counts are the article's
    let all = s
        .state
        .persuasion_counts(&s.grid, TOWNSHIP, day("2020-01-25"), day("2020-02-29"));
    assert_eq!(
        all.get(
            QIANJIN,
            &GatheringKind::FUNERAL,
            PersuasionResult::Simplified
        ),
        3
    );
    assert_eq!(
        all.get(
            BAIYUN,
            &GatheringKind::FUNERAL,
            PersuasionResult::Simplified
        ),
        2
    );
    assert_eq!(
        all.get(BAIYUN, &GatheringKind::FUNERAL, PersuasionResult::Refused),
        0
    );
    assert_eq!(
        all.get(GUTANG, &GatheringKind::WEDDING, PersuasionResult::Postponed),
        1
    );
    assert_eq!(all.total(), 6);
    let by_result =
        s.state
            .persuasion_by_result(&s.grid, TOWNSHIP, day("2020-01-25"), day("2020-02-29"));
    assert_eq!(by_result.get(&PersuasionResult::Simplified), Some(&5));
    // A span of one day counts that day's visits only; the refusal was the last that day
    let day1 = s
        .state
        .persuasion_counts(&s.grid, TOWNSHIP, day("2020-01-28"), day("2020-01-28"));
    assert_eq!(
        day1.get(BAIYUN, &GatheringKind::FUNERAL, PersuasionResult::Refused),
        1
    );
    assert_eq!(day1.total(), 4);
    // Counts under a village stay in it
    assert_eq!(
        s.state
            .persuasion_counts(&s.grid, QIANJIN, day("2020-01-25"), day("2020-02-29"))
            .total(),
        3
    );
}

#[test]
fn persuasion_is_refused_for_unknown_gatherings_outside_the_unit_and_for_non_outcomes() {
    let mut s = Scenario::new();
    let g = s.report(CADRE, funeral(H_QIANJIN, "2020-02-01", "2020-02-03", 60));
    assert_eq!(
        s.refused(
            CADRE,
            GatheringCommand::RecordPersuasion {
                gathering: GatheringId::new(9),
                outcome: PersuasionOutcome::Cancelled
            }
        ),
        "there is no planned gathering GP9 in this registry: record the household's report first"
    );
    assert!(
        s.refused(
            GRID_WORKER,
            GatheringCommand::RecordPersuasion {
                gathering: g,
                outcome: PersuasionOutcome::Cancelled
            }
        )
        .starts_with(
            "grid worker Li (S4) may not record a persuasion visit in Qianjin group 1 (U5)"
        )
    );
    assert_eq!(
        s.refused(
            CADRE,
            GatheringCommand::RecordPersuasion {
                gathering: g,
                outcome: PersuasionOutcome::PostponedTo(day("2020-02-01"))
            }
        ),
        "the gathering was planned to start on 2020-02-01: postponing it to 2020-02-01 is not a postponement"
    );
    assert_eq!(
        s.refused(
            CADRE,
            GatheringCommand::RecordPersuasion {
                gathering: g,
                outcome: PersuasionOutcome::SimplifiedTo(60)
            }
        ),
        "simplified to 60 people is not a simplification of a gathering of 60: give between 1 and 60 - 1"
    );
    assert!(
        s.when(
            VOLUNTEER,
            GatheringCommand::RecordPersuasion {
                gathering: g,
                outcome: PersuasionOutcome::Cancelled
            }
        )
        .is_err()
    );
}

// --- venues ---

#[test]
fn a_venue_found_open_under_a_closure_order_yields_a_violation() {
    // Given a teahouse in Qianjin and the township closing teahouses from 2020-01-26
    let mut s = Scenario::new();
    let teahouse = s.venue("Qianjin teahouse", VenueKind::TEAHOUSE, QIANJIN_1);
    s.ok(
        SECRETARY,
        GatheringCommand::OrderClosure {
            unit: TOWNSHIP,
            title: "teahouses closed".into(),
            target: VenueTarget::Kinds(vec![VenueKind::TEAHOUSE]),
            first: day("2020-01-26"),
            last: None,
        },
    );
    // When an inspector finds it open on 2020-02-01
    s.on("2020-02-01");
    let e = s.ok(
        INSPECTOR,
        GatheringCommand::RecordViolation {
            venue: teahouse,
            note: "mahjong tables in use".into(),
        },
    );
    // Then a violation is recorded, naming the closure it broke
    assert_eq!(
        e,
        GatheringEvent::ViolationRecorded {
            violation: ViolationId::new(1),
            venue: teahouse,
            unit: QIANJIN_1,
            day: day("2020-02-01"),
            closure: ClosureId::new(1),
            note: "mahjong tables in use".into(),
        }
    );
    assert_eq!(
        s.state
            .violations_on(&s.grid, TOWNSHIP, day("2020-02-01"))
            .len(),
        1
    );
    assert_eq!(
        s.state
            .violations_on(&s.grid, BAIYUN, day("2020-02-01"))
            .len(),
        0
    );
    assert_eq!(
        s.state
            .violations_on(&s.grid, QIANJIN, day("2020-02-02"))
            .len(),
        0
    );

    // A cadre of the unit may record one too; a grid worker of another village may not
    s.ok(
        CADRE,
        GatheringCommand::RecordViolation {
            venue: teahouse,
            note: "open again".into(),
        },
    );
    assert!(
        s.when(
            GRID_WORKER,
            GatheringCommand::RecordViolation {
                venue: teahouse,
                note: "open".into()
            }
        )
        .is_err()
    );

    // Before the closure it was no violation
    s.on("2020-01-25");
    assert_eq!(
        s.refused(
            INSPECTOR,
            GatheringCommand::RecordViolation {
                venue: teahouse,
                note: "open".into()
            }
        ),
        "Qianjin teahouse (VE1) is not ordered closed on 2020-01-25: a venue open on that day is no violation"
    );
}

#[test]
fn a_reopening_lifts_a_closure_only_at_the_closing_orders_unit_or_above() {
    let mut s = Scenario::new();
    let market = s.venue("Xiangxinan fruit market", VenueKind::MARKET, QIANJIN_1);
    let restaurant = s.venue("Qianjin restaurant", VenueKind::CATERING, QIANJIN_1);
    s.ok(
        SECRETARY,
        GatheringCommand::OrderClosure {
            unit: TOWNSHIP,
            title: "closures".into(),
            target: VenueTarget::article(),
            first: day("2020-01-26"),
            last: None,
        },
    );
    assert_eq!(
        s.state
            .venues_closed_on(&s.grid, TOWNSHIP, day("2020-02-01")),
        vec![(market, ClosureId::new(1)), (restaurant, ClosureId::new(1))]
    );
    // Qianjin's leader reopens markets in Qianjin: the township's closure still holds
    s.ok(
        LEADER_QIANJIN,
        GatheringCommand::OrderReopening {
            unit: QIANJIN,
            title: "Qianjin markets reopen".into(),
            target: VenueTarget::Kinds(vec![VenueKind::MARKET]),
            from: day("2020-02-10"),
        },
    );
    assert_eq!(
        s.state.venue_closed_by(&s.grid, market, day("2020-02-11")),
        Some(ClosureId::new(1))
    );
    // The township reopens the fruit market itself from 2020-02-20
    s.ok(
        SECRETARY,
        GatheringCommand::OrderReopening {
            unit: TOWNSHIP,
            title: "fruit market reopens".into(),
            target: VenueTarget::Venue(market),
            from: day("2020-02-20"),
        },
    );
    assert_eq!(
        s.state.venue_closed_by(&s.grid, market, day("2020-02-19")),
        Some(ClosureId::new(1))
    );
    assert_eq!(
        s.state.venue_closed_by(&s.grid, market, day("2020-02-20")),
        None
    );
    assert_eq!(
        s.state
            .venue_closed_by(&s.grid, restaurant, day("2020-02-20")),
        Some(ClosureId::new(1))
    );
    assert_eq!(
        s.state
            .venues_closed_on(&s.grid, QIANJIN, day("2020-02-20"))
            .len(),
        1
    );
}

// --- OxCGRT ---

#[track_caller]
fn article_township() -> Scenario {
    let mut s = Scenario::new();
    s.issue(TOWNSHIP, "2020-01-25", None, OrderTerms::article());
    for i in 1..=65 {
        s.venue(&format!("catering {i}"), VenueKind::CATERING, QIANJIN_1);
    }
    for i in 1..=10 {
        s.venue(&format!("teahouse {i}"), VenueKind::TEAHOUSE, BAIYUN_1);
    }
    s.venue("Xiangxinan fruit market", VenueKind::MARKET, GUTANG_1);
    s.ok(
        SECRETARY,
        GatheringCommand::OrderClosure {
            unit: TOWNSHIP,
            title: "venues closed (餐饮、茶馆、市场、文化娱乐场所停业)".into(),
            target: VenueTarget::article(),
            first: day("2020-01-26"),
            last: None,
        },
    );
    s
}

#[test]
fn the_articles_township_on_2020_02_01_coded_as_itself() {
    let s = article_township();
    let levels = s.state.oxcgrt(&s.grid, TOWNSHIP, day("2020-02-01"));
    assert_eq!(
        (levels.c4.value, levels.c3.value, levels.c2.value),
        (4, 2, 2)
    );
    for level in [&levels.c2, &levels.c3, &levels.c4] {
        assert_eq!(level.flag, Some(Flag::General));
    }
    assert_eq!(levels.c2.set_by, Some(OrderRef::Closure(ClosureId::new(1))));
    assert_eq!(
        levels.c4.to_string(),
        "C4 = 4 general (order GO1 rule 1 (\"Huochezhan township: gatherings during the epidemic (火车站乡人员聚集管控)\"))"
    );
    assert_eq!(
        s.state
            .venues_closed_on(&s.grid, TOWNSHIP, day("2020-02-01"))
            .len(),
        76
    );
    // Coded as a village, the township's orders are general too
    assert_eq!(
        s.state.oxcgrt(&s.grid, QIANJIN, day("2020-02-01")).c4.flag,
        Some(Flag::General)
    );
    // Before the orders, nothing
    let before = s.state.oxcgrt(&s.grid, TOWNSHIP, day("2020-01-24"));
    assert_eq!(
        (before.c4.value, before.c3.value, before.c2.value),
        (0, 0, 0)
    );
    assert_eq!(before.c4.flag, None);
}

#[test]
fn an_order_of_one_village_only_coded_at_the_township_is_targeted() {
    let mut s = Scenario::new();
    let cmd = issue(
        QIANJIN,
        "2020-01-25",
        None,
        OrderTerms::no_collective_dining(),
    );
    s.ok(LEADER_QIANJIN, cmd);
    let at_township = s.state.oxcgrt(&s.grid, TOWNSHIP, day("2020-02-01"));
    assert_eq!(at_township.c4.value, 4);
    assert_eq!(at_township.c4.flag, Some(Flag::Targeted));
    assert_eq!(at_township.c3.flag, Some(Flag::Targeted));
    let at_village = s.state.oxcgrt(&s.grid, QIANJIN, day("2020-02-01"));
    assert_eq!(at_village.c4.flag, Some(Flag::General));
    // Another village does not count it at all
    assert_eq!(
        s.state.oxcgrt(&s.grid, BAIYUN, day("2020-02-01")).c4.value,
        0
    );
    // A general order at a lower level outranks the targeted one as the order named
    s.issue(
        TOWNSHIP,
        "2020-01-25",
        None,
        OrderTerms::no_collective_dining(),
    );
    let both = s.state.oxcgrt(&s.grid, TOWNSHIP, day("2020-02-01"));
    assert_eq!(both.c4.flag, Some(Flag::General));
}

#[test]
fn c4_follows_the_largest_gathering_still_allowed_and_c3_public_events() {
    let mut s = Scenario::new();
    let limited = |n| {
        OrderTerms::new(
            "limit",
            vec![Rule::new(
                vec![GatheringKind::COLLECTIVE_DINING],
                Binds::Everyone,
                Restriction::Limited { max_people: n },
            )],
        )
    };
    s.issue(TOWNSHIP, "2020-01-25", Some("2020-01-31"), limited(500));
    assert_eq!(
        s.state
            .oxcgrt(&s.grid, TOWNSHIP, day("2020-01-26"))
            .c4
            .value,
        2
    );
    assert_eq!(
        s.state
            .oxcgrt(&s.grid, TOWNSHIP, day("2020-01-26"))
            .c3
            .value,
        0
    );
    s.issue(TOWNSHIP, "2020-01-27", Some("2020-01-31"), limited(50));
    assert_eq!(
        s.state
            .oxcgrt(&s.grid, TOWNSHIP, day("2020-01-27"))
            .c4
            .value,
        3
    );
    s.issue(
        TOWNSHIP,
        "2020-01-28",
        Some("2020-01-31"),
        OrderTerms::public_events_cancelled(),
    );
    let levels = s.state.oxcgrt(&s.grid, TOWNSHIP, day("2020-01-28"));
    assert_eq!((levels.c4.value, levels.c3.value), (4, 2));
    // Cadres-only rules do not code C4
    let mut s = Scenario::new();
    s.issue(
        TOWNSHIP,
        "2020-01-25",
        None,
        OrderTerms::no_dinners_for_cadres(),
    );
    assert_eq!(
        s.state
            .oxcgrt(&s.grid, TOWNSHIP, day("2020-01-26"))
            .c4
            .value,
        0
    );
}

// --- bad input: a clear error, nothing changed ---

#[test]
fn bad_orders_are_refused_with_clear_messages() {
    let mut s = Scenario::new();
    assert_eq!(
        s.refused(
            SECRETARY,
            issue(
                TOWNSHIP,
                "2020-02-01",
                Some("2020-01-31"),
                OrderTerms::article()
            )
        ),
        "the order ends on 2020-01-31, before it starts on 2020-02-01: check the dates"
    );
    assert_eq!(
        s.refused(
            SECRETARY,
            issue(
                TOWNSHIP,
                "2020-02-01",
                None,
                funerals(Simplification::no_banquet().people(0))
            )
        ),
        "rule 1 of the order limits gatherings to 0 people: prohibit them instead, or give a limit of at least 1"
    );
    let zero = OrderTerms::new(
        "x",
        vec![Rule::new(
            vec![GatheringKind::MARKET],
            Binds::Everyone,
            Restriction::Limited { max_people: 0 },
        )],
    );
    assert!(
        s.refused(SECRETARY, issue(TOWNSHIP, "2020-02-01", None, zero))
            .contains("0 people")
    );
    assert_eq!(
        s.refused(
            SECRETARY,
            issue(
                TOWNSHIP,
                "2020-02-01",
                None,
                OrderTerms::new("empty", vec![])
            )
        ),
        "the order is empty: name at least one rule"
    );
    let unknown = OrderTerms::new(
        "x",
        vec![Rule::new(
            vec!["village-opera".parse().unwrap()],
            Binds::Everyone,
            Restriction::Prohibited,
        )],
    );
    assert_eq!(
        s.refused(SECRETARY, issue(TOWNSHIP, "2020-02-01", None, unknown)),
        "there is no kind of gathering \"village-opera\": define it first, or use a preset such as \"wedding\""
    );
    // A leader of Qianjin is not a leader of Baiyun, nor of the township; a leader assigned
    // nowhere is a leader of nothing
    assert_eq!(
        s.refused(
            LEADER_QIANJIN,
            issue(BAIYUN, "2020-02-01", None, OrderTerms::article())
        ),
        "leader Zhao (S2) may not issue gathering orders or venue closures in Baiyun (U3): \
         that needs an assignment to Baiyun (U3) or a unit above it, and they are assigned to Qianjin (U2)"
    );
    assert_eq!(
        s.refused(
            LEADER_QIANJIN,
            issue(TOWNSHIP, "2020-02-01", None, OrderTerms::article())
        ),
        "leader Zhao (S2) may not issue gathering orders or venue closures in Huochezhan (U1): \
         that needs an assignment to Huochezhan (U1) or a unit above it, and they are assigned to Qianjin (U2)"
    );
    assert!(
        s.when(
            LEADER_NOWHERE,
            issue(QIANJIN, "2020-02-01", None, OrderTerms::article())
        )
        .is_err()
    );
    assert!(matches!(
        s.when(
            LEADER_NOWHERE,
            issue(TOWNSHIP, "2020-02-01", None, OrderTerms::article())
        ),
        Err(Error::OutsideAssignedUnits { .. })
    ));
    assert!(
        s.when(
            SECRETARY,
            issue(TOWNSHIP, "2020-02-01", None, OrderTerms::article())
        )
        .is_ok()
    );
    // A cadre may not issue orders at all (the role table)
    assert!(matches!(
        s.when(
            CADRE,
            issue(QIANJIN_1, "2020-02-01", None, OrderTerms::article())
        ),
        Err(Error::RoleNotPermitted { .. })
    ));
    assert_eq!(
        s.refused(
            SECRETARY,
            issue(UnitId::new(99), "2020-02-01", None, OrderTerms::article())
        ),
        "there is no unit U99 in this registry"
    );
}

#[test]
fn bad_plans_are_refused_with_clear_messages() {
    let mut s = Scenario::new();
    assert_eq!(
        s.refused(
            SECRETARY,
            GatheringCommand::ReportGathering(funeral(
                HouseholdId::new(99),
                "2020-02-01",
                "2020-02-01",
                10
            ))
        ),
        "the planned gathering is to be held at household H99, which is in no unit of this registry: \
         register the household or venue first"
    );
    let at_nowhere = funeral(H_QIANJIN, "2020-02-01", "2020-02-01", 10).at_venue(VenueId::new(4));
    assert!(
        s.refused(SECRETARY, GatheringCommand::ReportGathering(at_nowhere))
            .contains("venue VE4, which is in no unit")
    );
    assert_eq!(
        s.refused(
            SECRETARY,
            GatheringCommand::ReportGathering(funeral(H_QIANJIN, "2020-02-02", "2020-02-01", 10))
        ),
        "the planned gathering ends on 2020-02-01, before it starts on 2020-02-02: check the dates"
    );
    assert_eq!(
        s.refused(
            SECRETARY,
            GatheringCommand::ReportGathering(funeral(H_QIANJIN, "2020-02-01", "2020-02-01", 0))
        ),
        "a planned gathering must expect at least 1 person; 0 were given"
    );
    let inviting_ghost =
        funeral(H_QIANJIN, "2020-02-01", "2020-02-01", 10).inviting([StaffId::new(77)]);
    assert!(
        s.refused(SECRETARY, GatheringCommand::ReportGathering(inviting_ghost))
            .contains("S77")
    );
    // A grid worker reports only in their own group
    assert!(
        s.when(
            GRID_WORKER,
            GatheringCommand::ReportGathering(funeral(H_QIANJIN, "2020-02-01", "2020-02-01", 10))
        )
        .is_err()
    );
    assert!(s.state.gatherings().next().is_none());
}

// --- kinds of one's own ---

#[test]
fn users_add_kinds_of_gathering_and_venue() {
    let mut s = Scenario::new();
    let opera: GatheringKind = "village-opera".parse().unwrap();
    s.ok(
        SECRETARY,
        GatheringCommand::DefineGatheringKind(GatheringKindDefinition::new(
            opera.clone(),
            "village opera",
            "村戏",
            true,
        )),
    );
    assert_eq!(
        s.refused(
            SECRETARY,
            GatheringCommand::DefineGatheringKind(GatheringKindDefinition::new(
                GatheringKind::WEDDING,
                "w",
                "婚",
                false
            ))
        ),
        "the kind of gathering \"wedding\" already exists: give a new kind another key"
    );
    s.issue(
        TOWNSHIP,
        "2020-01-25",
        None,
        OrderTerms::new(
            "no opera",
            vec![Rule::new(
                vec![opera.clone()],
                Binds::Everyone,
                Restriction::Postponed,
            )],
        ),
    );
    let plan = PlannedGathering::new(
        H_GUTANG,
        opera.clone(),
        day("2020-02-01"),
        day("2020-02-01"),
        300,
    );
    assert_eq!(
        s.decision(&plan).household.stringency,
        Stringency::Postponed
    );
    assert!(s.state.is_public_event(&opera));
    assert_eq!(s.state.gathering_kind(&opera).unwrap().name_zh, "村戏");
    assert_eq!(
        s.state
            .oxcgrt(&s.grid, TOWNSHIP, day("2020-02-01"))
            .c3
            .value,
        2
    );

    let net_cafe: VenueKind = "net-cafe".parse().unwrap();
    let cmd = GatheringCommand::RegisterVenue {
        name: "Bar".into(),
        kind: net_cafe.clone(),
        unit: GUTANG_1,
    };
    assert_eq!(
        s.refused(SECRETARY, cmd.clone()),
        "there is no kind of venue \"net-cafe\": define it first, or use a preset such as \"catering\""
    );
    s.ok(
        SECRETARY,
        GatheringCommand::DefineVenueKind(VenueKindDefinition::new(
            net_cafe.clone(),
            "internet cafe",
            "网吧",
        )),
    );
    s.ok(SECRETARY, cmd);
    assert_eq!(
        s.state.venue_kind(&net_cafe).unwrap().name_en,
        "internet cafe"
    );
}

// --- labels and serde ---

#[test]
fn labels_parse_from_english_in_any_case_and_chinese() {
    fn all<T>(values: &[T])
    where
        T: Copy + std::fmt::Display + std::str::FromStr + PartialEq + std::fmt::Debug,
        T::Err: std::fmt::Debug,
    {
        for v in values {
            assert_eq!(v.to_string().to_uppercase().parse::<T>().unwrap(), *v);
        }
    }
    all(Stringency::ALL);
    all(Binds::ALL);
    all(PersuasionResult::ALL);
    all(Flag::ALL);
    all(Indicator::ALL);
    for v in Stringency::ALL {
        assert_eq!(v.label_zh().parse::<Stringency>().unwrap(), *v);
    }
    for (text, kind) in [
        ("婚礼", GatheringKind::WEDDING),
        ("喜事", GatheringKind::WEDDING),
        ("丧事", GatheringKind::FUNERAL),
        ("葬礼", GatheringKind::FUNERAL),
        ("COLLECTIVE DINING", GatheringKind::COLLECTIVE_DINING),
        ("collective_dining", GatheringKind::COLLECTIVE_DINING),
        ("聚餐", GatheringKind::COLLECTIVE_DINING),
        ("庙会", GatheringKind::TEMPLE_FAIR),
        ("麻将", GatheringKind::MAHJONG),
        ("广场舞", GatheringKind::SQUARE_DANCING),
        ("寿宴", GatheringKind::CELEBRATION),
    ] {
        assert_eq!(text.parse::<GatheringKind>().unwrap(), kind, "{text}");
    }
    for k in GatheringKind::PRESETS {
        assert_eq!(k.label_en().parse::<GatheringKind>().unwrap(), *k);
        assert_eq!(k.label_zh().parse::<GatheringKind>().unwrap(), *k);
    }
    for k in VenueKind::PRESETS {
        assert_eq!(k.label_en().parse::<VenueKind>().unwrap(), *k);
        assert_eq!(k.label_zh().parse::<VenueKind>().unwrap(), *k);
    }
    assert_eq!(
        "禁止".parse::<Stringency>().unwrap(),
        Stringency::Prohibited
    );
    assert_eq!("缓办".parse::<Stringency>().unwrap(), Stringency::Postponed);
    assert_eq!(
        "简办".parse::<Stringency>().unwrap(),
        Stringency::Simplified
    );
    assert_eq!(
        "maybe".parse::<Stringency>().unwrap_err().to_string(),
        "\"maybe\" is not a kind of restriction; write one of: allowed (允许), limited (限制人数), \
         simplified (简办), postponed (缓办), prohibited (禁止)"
    );
    assert_eq!(
        "Village Opera!"
            .parse::<GatheringKind>()
            .unwrap_err()
            .to_string(),
        "\"Village Opera!\" is not a kind of gathering: write a known name (such as \"wedding\" or \"婚礼\") or a key of \
         lower-case letters, digits and hyphens starting with a letter, such as \"village-opera\""
    );
    assert!(serde_json::from_str::<GatheringKind>("\"Bad Key\"").is_err());
    assert_eq!(
        serde_json::to_string(&GatheringKind::COLLECTIVE_DINING).unwrap(),
        "\"collective-dining\""
    );
}

#[test]
fn every_command_and_event_round_trips_through_serde() {
    let mut s = article_township();
    let opera: GatheringKind = "village-opera".parse().unwrap();
    let cafe: VenueKind = "net-cafe".parse().unwrap();
    let g = s.report(
        CADRE,
        funeral(H_QIANJIN, "2020-02-01", "2020-02-03", 50).inviting([CADRE]),
    );
    let venue = VenueId::new(1);
    let commands = vec![
        GatheringCommand::DefineGatheringKind(GatheringKindDefinition::new(
            opera,
            "village opera",
            "村戏",
            true,
        )),
        GatheringCommand::DefineVenueKind(VenueKindDefinition::new(cafe, "internet cafe", "网吧")),
        issue(
            QIANJIN,
            "2020-01-26",
            Some("2020-03-01"),
            funerals(Simplification::no_banquet().people(20).days(3)),
        ),
        GatheringCommand::LiftOrder {
            order: GatheringOrderId::new(1),
            from: day("2020-03-01"),
        },
        GatheringCommand::ReportGathering(
            funeral(H_QIANJIN, "2020-02-01", "2020-02-03", 50).at_venue(venue),
        ),
        GatheringCommand::RecordPersuasion {
            gathering: g,
            outcome: PersuasionOutcome::SimplifiedTo(20),
        },
        GatheringCommand::RecordPersuasion {
            gathering: g,
            outcome: PersuasionOutcome::PostponedTo(day("2020-04-01")),
        },
        GatheringCommand::RecordPersuasion {
            gathering: g,
            outcome: PersuasionOutcome::Cancelled,
        },
        GatheringCommand::RecordPersuasion {
            gathering: g,
            outcome: PersuasionOutcome::RefusedEscalated,
        },
        GatheringCommand::RegisterVenue {
            name: "Bar".into(),
            kind: VenueKind::ENTERTAINMENT,
            unit: GUTANG_1,
        },
        GatheringCommand::OrderClosure {
            unit: QIANJIN,
            title: "one venue".into(),
            target: VenueTarget::Venue(venue),
            first: day("2020-01-27"),
            last: Some(day("2020-02-27")),
        },
        GatheringCommand::OrderReopening {
            unit: TOWNSHIP,
            title: "reopen".into(),
            target: VenueTarget::Kinds(vec![VenueKind::CATERING]),
            from: day("2020-03-02"),
        },
    ];
    s.on("2020-01-30");
    for cmd in commands {
        // `when` round-trips the command and each event it yields
        s.ok(SECRETARY, cmd);
    }
    s.on("2020-02-01");
    s.ok(
        INSPECTOR,
        GatheringCommand::RecordViolation {
            venue,
            note: "open".into(),
        },
    );
    round_trip(&s.state.decision(&s.grid, g).unwrap());
    round_trip(&s.state.oxcgrt(&s.grid, TOWNSHIP, day("2020-02-01")));
}

// --- properties ---

fn restriction() -> impl Strategy<Value = Restriction> {
    prop_oneof![
        Just(Restriction::Prohibited),
        Just(Restriction::Postponed),
        (
            proptest::option::of(1u32..200),
            proptest::option::of(1u32..5),
            any::<bool>()
        )
            .prop_map(|(p, d, b)| Restriction::Simplified(Simplification {
                max_people: p,
                max_days: d,
                banquet: b
            })),
        (1u32..200).prop_map(|n| Restriction::Limited { max_people: n }),
    ]
}

proptest! {
    #[test]
    fn the_most_stringent_rule_wins_and_limits_never_exceed_any_rule(
        township in proptest::collection::vec(restriction(), 0..4),
        village in proptest::collection::vec(restriction(), 0..4),
        attendance in 1u32..300,
    ) {
        let mut s = Scenario::new();
        let terms = |rs: &[Restriction]| OrderTerms::new(
            "p",
            rs.iter().map(|r| Rule::new(vec![GatheringKind::FUNERAL], Binds::Everyone, *r)).collect(),
        );
        if !township.is_empty() {
            s.issue(TOWNSHIP, "2020-01-25", None, terms(&township));
        }
        if !village.is_empty() {
            s.issue(QIANJIN, "2020-01-25", None, terms(&village));
        }
        let all: Vec<Restriction> = township.iter().chain(&village).copied().collect();
        let d = s.decision(&funeral(H_QIANJIN, "2020-02-01", "2020-02-01", attendance));
        let strictest = all.iter().map(Restriction::stringency).max().unwrap_or(Stringency::Allowed);
        prop_assert_eq!(d.household.stringency, strictest);
        prop_assert!(d.people_allowed() <= attendance);
        if matches!(strictest, Stringency::Simplified | Stringency::Limited) {
            for r in &all {
                if let Some(n) = r.largest_allowed() {
                    prop_assert!(d.people_allowed() <= n);
                }
            }
        }
        // Outside Qianjin only the township's rules count
        let elsewhere = s.decision(&funeral(H_BAIYUN, "2020-02-01", "2020-02-01", attendance));
        let township_strictest = township.iter().map(Restriction::stringency).max().unwrap_or(Stringency::Allowed);
        prop_assert_eq!(elsewhere.household.stringency, township_strictest);
    }

    #[test]
    fn an_order_applies_exactly_on_first_through_the_day_before_its_end(
        first in 0i64..60, len in proptest::option::of(0i64..60), lift in proptest::option::of(0i64..60), probe in 0i64..150,
    ) {
        let base = day("2020-01-01");
        let first = base.plus_days(first).unwrap();
        let last = len.map(|l| first.plus_days(l).unwrap());
        let mut order = GatheringOrder::for_test(first, last, OrderTerms::article());
        order.lifted = lift.map(|l| first.plus_days(l).unwrap());
        let probe = base.plus_days(probe).unwrap();
        let expected = probe >= first
            && last.is_none_or(|l| probe <= l)
            && order.lifted.is_none_or(|l| probe < l);
        prop_assert_eq!(order.in_force_on(probe), expected);
    }
}
