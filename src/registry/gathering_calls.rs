//! Gathering bans (聚集管控): the typed calls. Each executes one command through
//! [`Registry::execute`] and returns what it created, with the same authorization, validation
//! and ledger entry.

use super::receipt::created;
use super::{Receipt, Registry};
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::gathering::{
    GatheringCommand, OrderTerms, PersuasionOutcome, PlannedGathering, VenueKind, VenueTarget,
};
use crate::ids::{
    ClosureId, GatheringId, GatheringOrderId, PersuasionId, ReopeningId, StaffId, UnitId, VenueId,
    ViolationId,
};

/// # Gathering bans (聚集管控)
///
/// Orders, planned gatherings, persuasion, venues, closures and
/// violations.
///
/// Its queries are under "Gatherings: orders, decisions and OxCGRT".
impl Registry {
    /// Issues a gathering order for a unit and everything below it, and returns it.
    ///
    /// ```
    /// use fangkong::gathering::OrderTerms;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), "2020-01-24".parse()?, None,
    ///     OrderTerms::article())?;
    /// let in_force = reg.gathering_orders_in_force(group_1, "2020-02-01".parse()?);
    /// assert_eq!(in_force[0].id, order);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GatheringCommand::IssueOrder`]: an actor who is not
    /// a leader of the unit, an order that ends before it starts, a limit of zero people.
    pub fn issue_gathering_order(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
        first: Day,
        last: Option<Day>,
        terms: OrderTerms,
    ) -> Result<GatheringOrderId, Error> {
        let command = GatheringCommand::IssueOrder {
            unit,
            first,
            last,
            terms,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, GatheringOrder))
    }

    /// Lifts a gathering order from a day on.
    ///
    /// ```
    /// use fangkong::gathering::OrderTerms;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, group_1, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let later = "2020-03-19T09:00:00+08:00".parse()?;
    /// reg.lift_gathering_order(leader, later, order, "2020-03-20".parse()?)?;
    /// assert_eq!(reg.gathering_orders_in_force(group_1, "2020-03-19".parse()?).len(), 1);
    /// assert!(reg.gathering_orders_in_force(group_1, "2020-03-20".parse()?).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GatheringCommand::LiftOrder`].
    pub fn lift_gathering_order(
        &mut self,
        actor: StaffId,
        at: Instant,
        order: GatheringOrderId,
        from: Day,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, GatheringCommand::LiftOrder { order, from })
    }

    /// Records a household's report of a planned gathering, and returns it.
    ///
    /// ```
    /// use fangkong::gathering::{GatheringKind, OrderTerms, PlannedGathering};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, group_1, li, home, .. } = doc_fixture()?;
    /// let order = reg.issue_gathering_order(leader, t, reg.township(), day, None, OrderTerms::article())?;
    /// let wedding = PlannedGathering::new(home, GatheringKind::WEDDING,
    ///     "2020-02-08".parse()?, "2020-02-08".parse()?, 120);
    /// let gathering = reg.report_gathering(li, t, wedding)?;
    /// assert_eq!(reg.planned_gathering(gathering).unwrap().unit, group_1);
    /// // The order in force postpones weddings (喜事缓办).
    /// assert_eq!(reg.gathering_decision(gathering).unwrap().days_allowed(), 0);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GatheringCommand::ReportGathering`].
    pub fn report_gathering(
        &mut self,
        actor: StaffId,
        at: Instant,
        planned: PlannedGathering,
    ) -> Result<GatheringId, Error> {
        let receipt = self.execute(actor, at, GatheringCommand::ReportGathering(planned))?;
        Ok(created!(receipt, Gathering))
    }

    /// Records the outcome of a persuasion visit (劝导), dated today, and returns the record.
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
    /// let visit = reg.record_persuasion(li, t, funeral, PersuasionOutcome::SimplifiedTo(20))?;
    /// assert_eq!(reg.persuasions().next().unwrap().id, visit);
    /// let by_result = reg.persuasion_by_result(qianjin, day, day);
    /// assert_eq!(by_result[&PersuasionResult::Simplified], 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GatheringCommand::RecordPersuasion`]: a gathering
    /// never reported, one outside the actor's units.
    pub fn record_persuasion(
        &mut self,
        actor: StaffId,
        at: Instant,
        gathering: GatheringId,
        outcome: PersuasionOutcome,
    ) -> Result<PersuasionId, Error> {
        let command = GatheringCommand::RecordPersuasion { gathering, outcome };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Persuasion))
    }

    /// Registers a venue, and returns it.
    ///
    /// ```
    /// use fangkong::gathering::VenueKind;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, group_1, li, .. } = doc_fixture()?;
    /// let teahouse = reg.register_venue(li, t, "Old Street teahouse (老街茶馆)", VenueKind::TEAHOUSE,
    ///     group_1)?;
    /// assert_eq!(reg.venue(teahouse).unwrap().unit, group_1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GatheringCommand::RegisterVenue`].
    pub fn register_venue(
        &mut self,
        actor: StaffId,
        at: Instant,
        name: impl Into<String>,
        kind: VenueKind,
        unit: UnitId,
    ) -> Result<VenueId, Error> {
        let command = GatheringCommand::RegisterVenue {
            name: name.into(),
            kind,
            unit,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Venue))
    }

    /// Orders venues closed, and returns the closure order.
    ///
    /// ```
    /// use fangkong::gathering::{VenueKind, VenueTarget};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, li, .. } = doc_fixture()?;
    /// let teahouse = reg.register_venue(li, t, "Old Street teahouse (老街茶馆)", VenueKind::TEAHOUSE, group_1)?;
    /// let closure = reg.order_closure(leader, t, reg.township(), "Teahouses closed (茶馆停业)",
    ///     VenueTarget::Kinds(vec![VenueKind::TEAHOUSE]), "2020-01-24".parse()?, None)?;
    /// assert_eq!(reg.venue_closed_by(teahouse, "2020-01-25".parse()?), Some(closure));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GatheringCommand::OrderClosure`].
    #[allow(clippy::too_many_arguments)] // the command's own fields, as execute takes them
    pub fn order_closure(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
        title: impl Into<String>,
        target: VenueTarget,
        first: Day,
        last: Option<Day>,
    ) -> Result<ClosureId, Error> {
        let command = GatheringCommand::OrderClosure {
            unit,
            title: title.into(),
            target,
            first,
            last,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Closure))
    }

    /// Orders venues reopened, and returns the reopening order.
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
    /// reg.order_reopening(leader, later, reg.township(), "Teahouses reopen (茶馆复业)",
    ///     VenueTarget::Venue(teahouse), "2020-03-20".parse()?)?;
    /// assert_eq!(reg.venue_closed_by(teahouse, "2020-03-19".parse()?), Some(closure));
    /// assert_eq!(reg.venue_closed_by(teahouse, "2020-03-20".parse()?), None);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GatheringCommand::OrderReopening`].
    pub fn order_reopening(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
        title: impl Into<String>,
        target: VenueTarget,
        from: Day,
    ) -> Result<ReopeningId, Error> {
        let command = GatheringCommand::OrderReopening {
            unit,
            title: title.into(),
            target,
            from,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Reopening))
    }

    /// Records a venue found open today while ordered closed, and returns the violation.
    ///
    /// ```
    /// use fangkong::gathering::{VenueKind, VenueTarget};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, group_1, li, .. } = doc_fixture()?;
    /// let teahouse = reg.register_venue(li, t, "Old Street teahouse (老街茶馆)", VenueKind::TEAHOUSE, group_1)?;
    /// let closure = reg.order_closure(leader, t, reg.township(), "Teahouses closed (茶馆停业)",
    ///     VenueTarget::Kinds(vec![VenueKind::TEAHOUSE]), day, None)?;
    /// let next_day = "2020-01-25T10:00:00+08:00".parse()?;
    /// let violation = reg.record_violation(li, next_day, teahouse, "open, six mahjong players")?;
    /// let found = reg.violations_on(qianjin, "2020-01-25".parse()?);
    /// assert_eq!((found[0].id, found[0].closure), (violation, closure));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GatheringCommand::RecordViolation`]: a venue not
    /// ordered closed today.
    pub fn record_violation(
        &mut self,
        actor: StaffId,
        at: Instant,
        venue: VenueId,
        note: impl Into<String>,
    ) -> Result<ViolationId, Error> {
        let command = GatheringCommand::RecordViolation {
            venue,
            note: note.into(),
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Violation))
    }

    // ----- supervision -----
}
