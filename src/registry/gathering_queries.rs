//! Gathering queries (聚集): they read the grid as well, so they live beside the registry.

use std::collections::BTreeMap;

use super::Registry;
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::gathering::{
    ClosureOrder, GatheringCommand, GatheringDecision, GatheringKind, GatheringKindDefinition,
    GatheringOrder, OxcgrtLevels, Persuasion, PersuasionCounts, PersuasionResult, PlannedGathering,
    ReopeningOrder, ReportedGathering, Venue, VenueKind, VenueKindDefinition, Violation,
};
use crate::ids::{ClosureId, GatheringId, GatheringOrderId, StaffId, UnitId, VenueId};
use crate::registry::Receipt;

/// # Gatherings: orders, decisions and OxCGRT (聚集管控)
///
/// Orders in force and within a unit,
/// planned gatherings and their decisions, persuasion, venues, closures, violations, C2–C4.
impl Registry {
    /// Executes a gathering command: a shortcut for [`execute`](Registry::execute) with
    /// [`GatheringCommand`].
    ///
    /// ```
    /// use fangkong::{Created, Founding, Registry};
    /// use fangkong::gathering::{GatheringCommand, OrderTerms};
    /// let t = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let receipt = reg.gathering(secretary, t, GatheringCommand::IssueOrder {
    ///     unit: reg.township(),
    ///     first: "2020-01-25".parse()?,
    ///     last: None,
    ///     terms: OrderTerms::article(),
    /// })?;
    /// let order = reg.gathering_orders().next().unwrap();
    /// assert_eq!(receipt.created, vec![Created::GatheringOrder(order.id)]);
    /// assert!(order.in_force_on("2020-02-01".parse()?));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute): an order by someone who is not a leader of the unit,
    /// an order that ends before it starts, a limit of zero people, a planned gathering outside
    /// any unit, a persuasion outcome for a gathering never reported, and so on.
    pub fn gathering(
        &mut self,
        actor: StaffId,
        at: Instant,
        command: GatheringCommand,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, command)
    }

    /// A gathering order.
    ///
    /// ```
    /// use fangkong::gathering::OrderTerms;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let issued = reg.gathering_order(order).unwrap();
    /// assert_eq!((issued.unit, issued.first, issued.last), (reg.township(), day, None));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn gathering_order(&self, id: GatheringOrderId) -> Option<&GatheringOrder> {
        self.state.gathering.order(id)
    }

    /// Every gathering order, in the order issued.
    ///
    /// ```
    /// use fangkong::gathering::OrderTerms;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let fairs = reg.issue_gathering_order(leader, t, reg.township(), day, None,
    ///     OrderTerms::public_events_cancelled())?;
    /// let ids: Vec<_> = reg.gathering_orders().map(|o| o.id).collect();
    /// assert_eq!(ids, vec![order, fairs]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn gathering_orders(&self) -> impl Iterator<Item = &GatheringOrder> {
        self.state.gathering.orders()
    }

    /// The gathering orders that apply at `unit` on `day`: issued there or above, in force.
    ///
    /// ```
    /// use fangkong::UnitKind;
    /// use fangkong::gathering::OrderTerms;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, group_1, .. } = doc_fixture()?;
    /// let hongqi =
    ///     reg.establish_unit(leader, t, UnitKind::Village, "Hongqi", reg.township(), None)?;
    /// let order = reg.issue_gathering_order(leader, t, qianjin, day, Some("2020-02-29".parse()?),
    ///     OrderTerms::article())?;
    /// assert_eq!(reg.gathering_orders_in_force(group_1, day)[0].id, order);
    /// assert!(reg.gathering_orders_in_force(hongqi, day).is_empty());
    /// assert!(reg.gathering_orders_in_force(group_1, "2020-03-01".parse()?).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn gathering_orders_in_force(&self, unit: UnitId, day: Day) -> Vec<&GatheringOrder> {
        self.state
            .gathering
            .orders_in_force(&self.state.grid, unit, day)
    }

    /// Every gathering order in force on `day` issued for `unit` or for any unit below it
    /// (every order of a township, for the township): what a county lists per township.
    /// [`gathering_orders_in_force`](Registry::gathering_orders_in_force) gives the orders
    /// that bind a unit, from it and the units above it.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// use fangkong::gathering::OrderTerms;
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let day = "2020-01-24".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let order = reg.issue_gathering_order(leader, t, qianjin, day, None, OrderTerms::article())?;
    /// // The village's order is within the township, though it does not bind the township
    /// assert_eq!(reg.gathering_orders_within(reg.township(), day)[0].id, order);
    /// assert!(reg.gathering_orders_in_force(reg.township(), day).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn gathering_orders_within(&self, unit: UnitId, day: Day) -> Vec<&GatheringOrder> {
        self.state
            .gathering
            .orders_within(&self.state.grid, unit, day)
    }

    /// A reported planned gathering.
    ///
    /// ```
    /// use fangkong::gathering::{GatheringKind, OrderTerms, PlannedGathering};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, group_1, li, home, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let plan = PlannedGathering::new(home, GatheringKind::FUNERAL, "2020-01-26".parse()?, "2020-01-28".parse()?, 80);
    /// let funeral = reg.report_gathering(li, t, plan)?;
    /// let reported = reg.planned_gathering(funeral).unwrap();
    /// assert_eq!((reported.planned.attendance, reported.unit), (80, group_1));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn planned_gathering(&self, id: GatheringId) -> Option<&ReportedGathering> {
        self.state.gathering.gathering(id)
    }

    /// Every reported planned gathering.
    ///
    /// ```
    /// use fangkong::gathering::{GatheringKind, OrderTerms, PlannedGathering};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, li, home, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let plan = PlannedGathering::new(home, GatheringKind::FUNERAL, "2020-01-26".parse()?, "2020-01-28".parse()?, 80);
    /// let funeral = reg.report_gathering(li, t, plan)?;
    /// let kinds: Vec<_> = reg.planned_gatherings().map(|g| g.planned.kind.clone()).collect();
    /// assert_eq!(kinds, vec![GatheringKind::FUNERAL]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn planned_gatherings(&self) -> impl Iterator<Item = &ReportedGathering> {
        self.state.gathering.gatherings()
    }

    /// The decision on a reported gathering under the orders now recorded: what is allowed,
    /// and which order and rule decided.
    ///
    /// ```
    /// use fangkong::gathering::{GatheringKind, OrderTerms, PlannedGathering};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, li, home, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let wedding = PlannedGathering::new(home, GatheringKind::WEDDING,
    ///     "2020-02-08".parse()?, "2020-02-08".parse()?, 120);
    /// let gathering = reg.report_gathering(li, t, wedding)?;
    /// let decision = reg.gathering_decision(gathering).unwrap();
    /// assert!(decision.covered);
    /// assert_eq!((decision.people_allowed(), decision.days_allowed()), (0, 0)); // postponed
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn gathering_decision(&self, id: GatheringId) -> Option<GatheringDecision> {
        self.state.gathering.decision(&self.state.grid, id)
    }

    /// What the orders would decide for a planned gathering, without recording anything.
    ///
    /// ```
    /// use fangkong::gathering::{GatheringKind, OrderTerms, PlannedGathering};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, home, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let wedding = PlannedGathering::new(home, GatheringKind::WEDDING,
    ///     "2020-02-08".parse()?, "2020-02-08".parse()?, 120);
    /// let entries = reg.ledger().len();
    /// let decision = reg.evaluate_gathering(&wedding)?;
    /// assert_eq!(decision.days_allowed(), 0);
    /// assert_eq!(reg.ledger().len(), entries); // nothing recorded
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`GatheringCommand::ReportGathering`]: a place in no unit, an unknown kind or staff
    /// member, an end before the start, no attendance.
    pub fn evaluate_gathering(&self, plan: &PlannedGathering) -> Result<GatheringDecision, Error> {
        self.state.gathering.evaluate(&self.state.grid, plan)
    }

    /// A kind of gathering defined by this registry (presets need no definition).
    ///
    /// ```
    /// use fangkong::gathering::{GatheringCommand, GatheringKind, GatheringKindDefinition};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, .. } = doc_fixture()?;
    /// let opera: GatheringKind = "village-opera".parse()?;
    /// let definition = GatheringKindDefinition::new(opera.clone(), "village opera", "村戏", true);
    /// reg.gathering(leader, t, GatheringCommand::DefineGatheringKind(definition))?;
    /// assert_eq!(reg.gathering_kind(&opera).unwrap().name_zh, "村戏");
    /// assert!(reg.gathering_kind(&GatheringKind::WEDDING).is_none()); // a preset
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn gathering_kind(&self, kind: &GatheringKind) -> Option<&GatheringKindDefinition> {
        self.state.gathering.gathering_kind(kind)
    }

    /// A kind of venue defined by this registry.
    ///
    /// ```
    /// use fangkong::gathering::{GatheringCommand, VenueKind, VenueKindDefinition};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, .. } = doc_fixture()?;
    /// let bathhouse: VenueKind = "bathhouse".parse()?;
    /// let definition = VenueKindDefinition::new(bathhouse.clone(), "bathhouse", "澡堂");
    /// reg.gathering(leader, t, GatheringCommand::DefineVenueKind(definition))?;
    /// assert_eq!(reg.venue_kind(&bathhouse).unwrap().name_en, "bathhouse");
    /// assert!(reg.venue_kind(&VenueKind::TEAHOUSE).is_none()); // a preset
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn venue_kind(&self, kind: &VenueKind) -> Option<&VenueKindDefinition> {
        self.state.gathering.venue_kind(kind)
    }

    /// Every persuasion visit (劝导), in the order recorded.
    ///
    /// ```
    /// use fangkong::gathering::{GatheringKind, OrderTerms, PersuasionOutcome, PlannedGathering};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, li, home, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let plan = PlannedGathering::new(home, GatheringKind::FUNERAL, "2020-01-26".parse()?, "2020-01-28".parse()?, 80);
    /// let funeral = reg.report_gathering(li, t, plan)?;
    /// reg.record_persuasion(li, t, funeral, PersuasionOutcome::SimplifiedTo(20))?;
    /// let visit = reg.persuasions().next().unwrap();
    /// assert_eq!((visit.gathering, visit.by, visit.day), (funeral, li, day));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn persuasions(&self) -> impl Iterator<Item = &Persuasion> {
        self.state.gathering.persuasions()
    }

    /// Persuasion counts by village and kind for gatherings held under `unit`, over the visits
    /// of `first ..= last`: each gathering once, with its last outcome in the span.
    ///
    /// ```
    /// use fangkong::gathering::{
    ///     GatheringKind, OrderTerms, PersuasionOutcome, PersuasionResult, PlannedGathering,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, li, home, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let plan = PlannedGathering::new(home, GatheringKind::FUNERAL, "2020-01-26".parse()?, "2020-01-28".parse()?, 80);
    /// let funeral = reg.report_gathering(li, t, plan)?;
    /// reg.record_persuasion(li, t, funeral, PersuasionOutcome::SimplifiedTo(20))?;
    /// let counts = reg.persuasion_counts(reg.township(), day, day);
    /// assert_eq!(counts.get(qianjin, &GatheringKind::FUNERAL, PersuasionResult::Simplified), 1);
    /// assert_eq!(counts.total(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn persuasion_counts(&self, unit: UnitId, first: Day, last: Day) -> PersuasionCounts {
        self.state
            .gathering
            .persuasion_counts(&self.state.grid, unit, first, last)
    }

    /// Persuasion outcomes by result under `unit` over `first ..= last`.
    ///
    /// ```
    /// use fangkong::gathering::{
    ///     GatheringKind, OrderTerms, PersuasionOutcome, PersuasionResult, PlannedGathering,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, li, home, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let plan = PlannedGathering::new(home, GatheringKind::FUNERAL, "2020-01-26".parse()?, "2020-01-28".parse()?, 80);
    /// let funeral = reg.report_gathering(li, t, plan)?;
    /// reg.record_persuasion(li, t, funeral, PersuasionOutcome::Cancelled)?;
    /// let by_result = reg.persuasion_by_result(qianjin, day, day);
    /// assert_eq!(by_result.get(&PersuasionResult::Cancelled), Some(&1));
    /// assert_eq!(by_result.get(&PersuasionResult::Refused), None);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn persuasion_by_result(
        &self,
        unit: UnitId,
        first: Day,
        last: Day,
    ) -> BTreeMap<PersuasionResult, u32> {
        self.state
            .gathering
            .persuasion_by_result(&self.state.grid, unit, first, last)
    }

    /// A registered venue.
    ///
    /// ```
    /// use fangkong::gathering::VenueKind;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, group_1, li, .. } = doc_fixture()?;
    /// let teahouse = reg.register_venue(li, t, "Old Street teahouse (老街茶馆)", VenueKind::TEAHOUSE,
    ///     group_1)?;
    /// let venue = reg.venue(teahouse).unwrap();
    /// assert_eq!((venue.kind.clone(), venue.registered_by), (VenueKind::TEAHOUSE, li));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn venue(&self, id: VenueId) -> Option<&Venue> {
        self.state.gathering.venue(id)
    }

    /// Every registered venue.
    ///
    /// ```
    /// use fangkong::gathering::VenueKind;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, group_1, li, .. } = doc_fixture()?;
    /// reg.register_venue(li, t, "Old Street teahouse (老街茶馆)", VenueKind::TEAHOUSE, group_1)?;
    /// reg.register_venue(li, t, "Qianjin fruit market (水果市场)", VenueKind::MARKET, group_1)?;
    /// let names: Vec<&str> = reg.venues().map(|v| v.name.as_str()).collect();
    /// assert_eq!(names, ["Old Street teahouse (老街茶馆)", "Qianjin fruit market (水果市场)"]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn venues(&self) -> impl Iterator<Item = &Venue> {
        self.state.gathering.venues()
    }

    /// Every closure order.
    ///
    /// ```
    /// use fangkong::gathering::{VenueKind, VenueTarget};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, group_1, li, .. } = doc_fixture()?;
    /// let teahouse = reg.register_venue(li, t, "Old Street teahouse (老街茶馆)", VenueKind::TEAHOUSE, group_1)?;
    /// let closure = reg.order_closure(leader, t, reg.township(), "Teahouses closed (茶馆停业)",
    ///     VenueTarget::Kinds(vec![VenueKind::TEAHOUSE]), day, None)?;
    /// let order = reg.closure_orders().next().unwrap();
    /// assert_eq!((order.id, order.first, order.last), (closure, day, None));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn closure_orders(&self) -> impl Iterator<Item = &ClosureOrder> {
        self.state.gathering.closures()
    }

    /// Every reopening order.
    ///
    /// ```
    /// use fangkong::gathering::{VenueKind, VenueTarget};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, group_1, li, .. } = doc_fixture()?;
    /// let teahouse = reg.register_venue(li, t, "Old Street teahouse (老街茶馆)", VenueKind::TEAHOUSE, group_1)?;
    /// let closure = reg.order_closure(leader, t, reg.township(), "Teahouses closed (茶馆停业)",
    ///     VenueTarget::Kinds(vec![VenueKind::TEAHOUSE]), day, None)?;
    /// let later = "2020-03-19T09:00:00+08:00".parse()?;
    /// let reopening = reg.order_reopening(leader, later, reg.township(), "Teahouses reopen (茶馆复业)",
    ///     VenueTarget::Venue(teahouse), "2020-03-20".parse()?)?;
    /// let order = reg.reopening_orders().next().unwrap();
    /// assert_eq!((order.id, order.from.to_string()), (reopening, "2020-03-20".to_string()));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn reopening_orders(&self) -> impl Iterator<Item = &ReopeningOrder> {
        self.state.gathering.reopenings()
    }

    /// The closure order keeping `venue` closed on `day`, if any.
    ///
    /// ```
    /// use fangkong::gathering::{VenueKind, VenueTarget};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, group_1, li, .. } = doc_fixture()?;
    /// let teahouse = reg.register_venue(li, t, "Old Street teahouse (老街茶馆)", VenueKind::TEAHOUSE, group_1)?;
    /// let closure = reg.order_closure(leader, t, reg.township(), "Teahouses closed (茶馆停业)",
    ///     VenueTarget::Kinds(vec![VenueKind::TEAHOUSE]), day, None)?;
    /// assert_eq!(reg.venue_closed_by(teahouse, day), Some(closure));
    /// assert_eq!(reg.venue_closed_by(teahouse, "2020-01-23".parse()?), None); // before the order
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn venue_closed_by(&self, venue: VenueId, day: Day) -> Option<ClosureId> {
        self.state
            .gathering
            .venue_closed_by(&self.state.grid, venue, day)
    }

    /// The venues under `unit` ordered closed on `day`, each with the order that closes it.
    ///
    /// ```
    /// use fangkong::gathering::{VenueKind, VenueTarget};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, group_1, li, .. } = doc_fixture()?;
    /// let teahouse = reg.register_venue(li, t, "Old Street teahouse (老街茶馆)", VenueKind::TEAHOUSE, group_1)?;
    /// let closure = reg.order_closure(leader, t, reg.township(), "Teahouses closed (茶馆停业)",
    ///     VenueTarget::Kinds(vec![VenueKind::TEAHOUSE]), day, None)?;
    /// let market = reg.register_venue(li, t, "Qianjin fruit market (水果市场)", VenueKind::MARKET, group_1)?;
    /// // The teahouse is closed; the market is not (yet).
    /// assert_eq!(reg.venues_closed_on(qianjin, day), vec![(teahouse, closure)]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn venues_closed_on(&self, unit: UnitId, day: Day) -> Vec<(VenueId, ClosureId)> {
        self.state
            .gathering
            .venues_closed_on(&self.state.grid, unit, day)
    }

    /// Every violation (a venue found open while ordered closed).
    ///
    /// ```
    /// use fangkong::gathering::{VenueKind, VenueTarget};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, group_1, li, .. } = doc_fixture()?;
    /// let teahouse = reg.register_venue(li, t, "Old Street teahouse (老街茶馆)", VenueKind::TEAHOUSE, group_1)?;
    /// let closure = reg.order_closure(leader, t, reg.township(), "Teahouses closed (茶馆停业)",
    ///     VenueTarget::Kinds(vec![VenueKind::TEAHOUSE]), day, None)?;
    /// let next_day = "2020-01-25T10:00:00+08:00".parse()?;
    /// reg.record_violation(li, next_day, teahouse, "open, six mahjong players")?;
    /// let violation = reg.violations().next().unwrap();
    /// assert_eq!((violation.venue, violation.recorded_by), (teahouse, li));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn violations(&self) -> impl Iterator<Item = &Violation> {
        self.state.gathering.violations()
    }

    /// The violations found on `day` at venues under `unit`.
    ///
    /// ```
    /// use fangkong::gathering::{VenueKind, VenueTarget};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, group_1, li, .. } = doc_fixture()?;
    /// let teahouse = reg.register_venue(li, t, "Old Street teahouse (老街茶馆)", VenueKind::TEAHOUSE, group_1)?;
    /// let closure = reg.order_closure(leader, t, reg.township(), "Teahouses closed (茶馆停业)",
    ///     VenueTarget::Kinds(vec![VenueKind::TEAHOUSE]), day, None)?;
    /// let next_day = "2020-01-25T10:00:00+08:00".parse()?;
    /// let violation = reg.record_violation(li, next_day, teahouse, "open, six mahjong players")?;
    /// assert_eq!(reg.violations_on(reg.township(), "2020-01-25".parse()?)[0].id, violation);
    /// assert!(reg.violations_on(reg.township(), day).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn violations_on(&self, unit: UnitId, day: Day) -> Vec<&Violation> {
        self.state
            .gathering
            .violations_on(&self.state.grid, unit, day)
    }

    /// The OxCGRT levels (C2 workplace closing, C3 cancel public events, C4 restrictions on
    /// gatherings) for `unit` on `day`, from the orders in force there, each with its flag
    /// (general or targeted) and the order that set it (DOMAIN.md §5).
    ///
    /// ```
    /// use fangkong::gathering::{OrderRef, OrderTerms};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, group_1, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let levels = reg.oxcgrt(group_1, day);
    /// assert!(levels.c4.value > 0);
    /// assert!(matches!(&levels.c4.set_by, Some(OrderRef::Gathering(r)) if r.order == order));
    /// assert_eq!(reg.oxcgrt(group_1, "2020-01-23".parse()?).c4.value, 0); // before the order
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn oxcgrt(&self, unit: UnitId, day: Day) -> OxcgrtLevels {
        self.state.gathering.oxcgrt(&self.state.grid, unit, day)
    }
}
