//! Gathering queries (聚集): they read the grid as well, so they live beside the registry.

use std::collections::BTreeMap;

use super::Registry;
use crate::gathering::{
    ClosureOrder, GatheringCommand, GatheringDecision, GatheringKind, GatheringKindDefinition,
    GatheringOrder, OxcgrtLevels, Persuasion, PersuasionCounts, PersuasionResult, PlannedGathering,
    ReopeningOrder, ReportedGathering, Venue, VenueKind, VenueKindDefinition, Violation,
};
use crate::{
    ClosureId, Day, Error, GatheringId, GatheringOrderId, Instant, Receipt, StaffId, UnitId,
    VenueId,
};

impl Registry {
    /// Executes a gathering command: a shortcut for [`execute`](Registry::execute) with
    /// [`GatheringCommand`].
    ///
    /// ```
    /// use fangkong::gathering::{GatheringCommand, OrderTerms};
    /// use fangkong::{Founding, Registry};
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
    /// assert!(order.in_force_on("2020-02-01".parse()?));
    /// # let _ = receipt;
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
    pub fn gathering_order(&self, id: GatheringOrderId) -> Option<&GatheringOrder> {
        self.state.gathering.order(id)
    }

    /// Every gathering order, in the order issued.
    pub fn gathering_orders(&self) -> impl Iterator<Item = &GatheringOrder> {
        self.state.gathering.orders()
    }

    /// The gathering orders that apply at `unit` on `day`: issued there or above, in force.
    pub fn gathering_orders_in_force(&self, unit: UnitId, day: Day) -> Vec<&GatheringOrder> {
        self.state
            .gathering
            .orders_in_force(&self.state.grid, unit, day)
    }

    /// A reported planned gathering.
    pub fn planned_gathering(&self, id: GatheringId) -> Option<&ReportedGathering> {
        self.state.gathering.gathering(id)
    }

    /// Every reported planned gathering.
    pub fn planned_gatherings(&self) -> impl Iterator<Item = &ReportedGathering> {
        self.state.gathering.gatherings()
    }

    /// The decision on a reported gathering under the orders now recorded: what is allowed,
    /// and which order and rule decided.
    pub fn gathering_decision(&self, id: GatheringId) -> Option<GatheringDecision> {
        self.state.gathering.decision(&self.state.grid, id)
    }

    /// What the orders would decide for a planned gathering, without recording anything.
    ///
    /// # Errors
    /// As [`GatheringCommand::ReportGathering`]: a place in no unit, an unknown kind or staff
    /// member, an end before the start, no attendance.
    pub fn evaluate_gathering(&self, plan: &PlannedGathering) -> Result<GatheringDecision, Error> {
        self.state.gathering.evaluate(&self.state.grid, plan)
    }

    /// A kind of gathering defined by this registry (presets need no definition).
    pub fn gathering_kind(&self, kind: &GatheringKind) -> Option<&GatheringKindDefinition> {
        self.state.gathering.gathering_kind(kind)
    }

    /// A kind of venue defined by this registry.
    pub fn venue_kind(&self, kind: &VenueKind) -> Option<&VenueKindDefinition> {
        self.state.gathering.venue_kind(kind)
    }

    /// Every persuasion visit (劝导), in the order recorded.
    pub fn persuasions(&self) -> impl Iterator<Item = &Persuasion> {
        self.state.gathering.persuasions()
    }

    /// Persuasion counts by village and kind for gatherings held under `unit`, over the visits
    /// of `first ..= last`: each gathering once, with its last outcome in the span.
    pub fn persuasion_counts(&self, unit: UnitId, first: Day, last: Day) -> PersuasionCounts {
        self.state
            .gathering
            .persuasion_counts(&self.state.grid, unit, first, last)
    }

    /// Persuasion outcomes by result under `unit` over `first ..= last`.
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
    pub fn venue(&self, id: VenueId) -> Option<&Venue> {
        self.state.gathering.venue(id)
    }

    /// Every registered venue.
    pub fn venues(&self) -> impl Iterator<Item = &Venue> {
        self.state.gathering.venues()
    }

    /// Every closure order.
    pub fn closure_orders(&self) -> impl Iterator<Item = &ClosureOrder> {
        self.state.gathering.closures()
    }

    /// Every reopening order.
    pub fn reopening_orders(&self) -> impl Iterator<Item = &ReopeningOrder> {
        self.state.gathering.reopenings()
    }

    /// The closure order keeping `venue` closed on `day`, if any.
    pub fn venue_closed_by(&self, venue: VenueId, day: Day) -> Option<ClosureId> {
        self.state
            .gathering
            .venue_closed_by(&self.state.grid, venue, day)
    }

    /// The venues under `unit` ordered closed on `day`, each with the order that closes it.
    pub fn venues_closed_on(&self, unit: UnitId, day: Day) -> Vec<(VenueId, ClosureId)> {
        self.state
            .gathering
            .venues_closed_on(&self.state.grid, unit, day)
    }

    /// Every violation (a venue found open while ordered closed).
    pub fn violations(&self) -> impl Iterator<Item = &Violation> {
        self.state.gathering.violations()
    }

    /// The violations found on `day` at venues under `unit`.
    pub fn violations_on(&self, unit: UnitId, day: Day) -> Vec<&Violation> {
        self.state
            .gathering
            .violations_on(&self.state.grid, unit, day)
    }

    /// The OxCGRT levels (C2 workplace closing, C3 cancel public events, C4 restrictions on
    /// gatherings) for `unit` on `day`, from the orders in force there, each with its flag
    /// (general or targeted) and the order that set it (DOMAIN.md §5).
    pub fn oxcgrt(&self, unit: UnitId, day: Day) -> OxcgrtLevels {
        self.state.gathering.oxcgrt(&self.state.grid, unit, day)
    }
}
