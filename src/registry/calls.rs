//! Typed calls for every command: each executes one command through
//! [`Registry::execute`] and returns what it created.
//!
//! They add nothing to `execute`: the same authorization, validation and ledger entry (a
//! refusal included). They spare a caller building the command by hand and digging the new
//! id out of the [`Receipt`].

use super::receipt::created;
use super::{Receipt, Registry};
use crate::gathering::{GatheringCommand, OrderTerms, PersuasionOutcome, VenueKind, VenueTarget};
use crate::household::{DeregistrationReason, Relation, ResidentDetails};
use crate::observation::{ObservationCommand, OpeningBasis, Protocol};
use crate::report::{ReportCommand, Schedule};
use crate::screening::{
    DesignationId, Interview, RiskLevel, ScreeningCommand, ScreeningOutcome, ScreeningRule,
    VisitResult,
};
use crate::supervision::{
    Accountable, FindingSource, InspectionMode, InspectionTarget, ItemCheck, SupervisionCommand,
};
use crate::{
    AccountabilityId, ClosureId, Day, DivisionCode, Error, FindingId, GatheringId,
    GatheringOrderId, GridCommand, HouseholdId, InspectionId, Instant, ObservationId, PersuasionId,
    PlannedGathering, ReopeningId, ResidentId, RoundId, StaffId, UnitId, VenueId, ViolationId,
};

/// What [`Registry::record_interview`] did: the outcome the screening rule decided, the
/// observation it opened for a key person (if it opened one), and the receipt.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct InterviewReceipt {
    /// The outcome (排查结果), with its explanation.
    pub outcome: ScreeningOutcome,
    /// The observation opened for a key person; `None` when the interview opened none (not a
    /// key person, referred at once, or already under observation).
    pub observation: Option<ObservationId>,
    /// The ledger entries written.
    pub receipt: Receipt,
}

impl Registry {
    // ----- grid -----

    /// Puts groups of one village into a zone (分片).
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::ZoneGroups`]: a unit that is not a
    /// zone, a group of another village, a group already in another zone.
    pub fn zone_groups(
        &mut self,
        actor: StaffId,
        at: Instant,
        zone: UnitId,
        groups: Vec<UnitId>,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, GridCommand::ZoneGroups { zone, groups })
    }

    /// Ends a member of staff's assignment to a unit.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::EndAssignment`]: no such assignment,
    /// an actor who is not a leader.
    pub fn end_assignment(
        &mut self,
        actor: StaffId,
        at: Instant,
        staff: StaffId,
        unit: UnitId,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, GridCommand::EndAssignment { staff, unit })
    }

    /// Corrects a resident's details; the previous details stay in the ledger.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::CorrectResident`]: an unknown or
    /// deregistered resident, details the registry refuses (an identity number that disagrees
    /// with the sex or birth date, or belongs to someone else; a second head).
    pub fn correct_resident(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
        details: ResidentDetails,
    ) -> Result<Receipt, Error> {
        self.execute(
            actor,
            at,
            GridCommand::CorrectResident { resident, details },
        )
    }

    /// Moves a household to another group.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::MoveHousehold`]: an unknown household
    /// or group, either outside the actor's units.
    pub fn move_household(
        &mut self,
        actor: StaffId,
        at: Instant,
        household: HouseholdId,
        to: UnitId,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, GridCommand::MoveHousehold { household, to })
    }

    /// Moves a resident to another household, with their relation to its head.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::MoveResident`].
    pub fn move_resident(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
        to: HouseholdId,
        relation: Relation,
    ) -> Result<Receipt, Error> {
        let command = GridCommand::MoveResident {
            resident,
            to,
            relation,
        };
        self.execute(actor, at, command)
    }

    /// Deregisters a resident (died, moved away, registered in error).
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::DeregisterResident`]: an unknown or
    /// already deregistered resident, one under observation.
    pub fn deregister_resident(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
        reason: DeregistrationReason,
    ) -> Result<Receipt, Error> {
        self.execute(
            actor,
            at,
            GridCommand::DeregisterResident { resident, reason },
        )
    }

    // ----- screening -----

    /// Designates an area at risk from a day (风险区认定), and returns the designation.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, RiskLevel};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let wuhan = reg.designate_risk_area(secretary, t, "420100".parse()?, RiskLevel::HIGH,
    ///     "2020-01-08".parse()?, "county notice")?;
    /// assert!(reg.risk_register().get(wuhan).is_some());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ScreeningCommand::DesignateRiskArea`]: an actor who
    /// is not a leader, an empty basis, a designation overlapping one in force for the area.
    pub fn designate_risk_area(
        &mut self,
        actor: StaffId,
        at: Instant,
        area: DivisionCode,
        level: RiskLevel,
        from: Day,
        basis: impl Into<String>,
    ) -> Result<DesignationId, Error> {
        let command = ScreeningCommand::DesignateRiskArea {
            area,
            level,
            from,
            basis: basis.into(),
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Designation))
    }

    /// Lifts a designation: in force up to the day before `on`.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ScreeningCommand::LiftRiskArea`]: an unknown
    /// designation, one already lifted, a lift day on or before its first day.
    pub fn lift_risk_area(
        &mut self,
        actor: StaffId,
        at: Instant,
        designation: DesignationId,
        on: Day,
    ) -> Result<Receipt, Error> {
        self.execute(
            actor,
            at,
            ScreeningCommand::LiftRiskArea { designation, on },
        )
    }

    /// Adopts the screening rule interviews are judged by from now on.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ScreeningCommand::AdoptScreeningRule`]: an empty
    /// name, a protocol the rule names that does not exist.
    pub fn adopt_screening_rule(
        &mut self,
        actor: StaffId,
        at: Instant,
        rule: ScreeningRule,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, ScreeningCommand::AdoptScreeningRule { rule })
    }

    /// Opens a screening round over some units, and returns it.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ScreeningCommand::OpenScreeningRound`]: an empty
    /// name or list of units, an unknown unit, a unit outside the actor's reach.
    pub fn open_screening_round(
        &mut self,
        actor: StaffId,
        at: Instant,
        name: impl Into<String>,
        units: Vec<UnitId>,
        opens: Day,
    ) -> Result<RoundId, Error> {
        let command = ScreeningCommand::OpenScreeningRound {
            name: name.into(),
            units,
            opens,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Round))
    }

    /// Closes a screening round on its last day.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ScreeningCommand::CloseScreeningRound`]: an
    /// unknown or already closed round, a last day before its first.
    pub fn close_screening_round(
        &mut self,
        actor: StaffId,
        at: Instant,
        round: RoundId,
        closes: Day,
    ) -> Result<Receipt, Error> {
        self.execute(
            actor,
            at,
            ScreeningCommand::CloseScreeningRound { round, closes },
        )
    }

    /// Records a visit to a household in a screening round (入户).
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ScreeningCommand::RecordVisit`]: an unknown
    /// household, a round not open today or not covering the household's group, a household
    /// outside the actor's units.
    pub fn record_visit(
        &mut self,
        actor: StaffId,
        at: Instant,
        round: RoundId,
        household: HouseholdId,
        result: VisitResult,
    ) -> Result<Receipt, Error> {
        let command = ScreeningCommand::RecordVisit {
            round,
            household,
            result,
        };
        self.execute(actor, at, command)
    }

    /// Records a screening interview (the five questions); the registry decides the outcome by
    /// the rule in force and the risk register, and opens a key person's observation. Returns
    /// the outcome and the observation opened.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ScreeningCommand::RecordInterview`]: no screening
    /// rule adopted yet, an unknown or deregistered resident, travel dated after the interview,
    /// a round not open today or not covering the resident's group.
    pub fn record_interview(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
        round: Option<RoundId>,
        interview: Interview,
    ) -> Result<InterviewReceipt, Error> {
        let command = ScreeningCommand::RecordInterview {
            resident,
            round,
            interview,
        };
        let receipt = self.execute(actor, at, command)?;
        let outcome = match self.interviews_of(resident).last() {
            Some(record) => record.outcome.clone(),
            // An accepted interview is always recorded for its resident.
            None => unreachable!("an accepted interview is recorded"),
        };
        Ok(InterviewReceipt {
            outcome,
            observation: receipt.observation(),
            receipt,
        })
    }

    // ----- observation -----

    /// Adopts an observation protocol of the registry's own (presets need no adoption).
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ObservationCommand::AdoptProtocol`]: a key already
    /// used, a protocol that does not hold together.
    pub fn adopt_protocol(
        &mut self,
        actor: StaffId,
        at: Instant,
        protocol: Protocol,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, ObservationCommand::AdoptProtocol { protocol })
    }

    /// Opens an observation of a resident (e.g. a close contact reported by the health
    /// centre), and returns it. Key people found by screening have theirs opened by
    /// [`record_interview`](Self::record_interview).
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ObservationCommand::OpenObservation`]: an actor
    /// who is not a health worker, an unknown protocol, a resident already under observation.
    pub fn open_observation(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
        protocol: impl Into<String>,
        day0: Day,
        basis: OpeningBasis,
    ) -> Result<ObservationId, Error> {
        let command = ObservationCommand::OpenObservation {
            resident,
            protocol: protocol.into(),
            day0,
            basis,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Observation))
    }

    // ----- daily report -----

    /// Sets the first day from which reports are required, and the deadline.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ReportCommand::SetSchedule`]: an actor who is not
    /// a leader.
    pub fn set_report_schedule(
        &mut self,
        actor: StaffId,
        at: Instant,
        schedule: Schedule,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, ReportCommand::SetSchedule { schedule })
    }

    /// Makes a group or zone a reporting unit from today on.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ReportCommand::AddReportingUnit`]: a unit that is
    /// not a group or zone, one that already reports.
    pub fn add_reporting_unit(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, ReportCommand::AddReportingUnit { unit })
    }

    // ----- gatherings -----

    /// Issues a gathering order for a unit and everything below it, and returns it.
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

    /// Records an inspection (督查) with its checklist, and returns it. Inspectors only.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`SupervisionCommand::RecordInspection`]: an actor
    /// who is not an inspector, an empty checklist or an item checked twice, an inspection
    /// dated after the command.
    pub fn record_inspection(
        &mut self,
        actor: StaffId,
        at: Instant,
        mode: InspectionMode,
        target: InspectionTarget,
        held_at: Instant,
        checklist: Vec<ItemCheck>,
    ) -> Result<InspectionId, Error> {
        let command = SupervisionCommand::RecordInspection {
            mode,
            target,
            at: held_at,
            checklist,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Inspection))
    }

    /// Records a finding (问题) with the staff member responsible and a deadline, and returns
    /// it. Inspectors only.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`SupervisionCommand::RecordFinding`]: a deadline
    /// before today, an unknown inspection item or staff member.
    pub fn record_finding(
        &mut self,
        actor: StaffId,
        at: Instant,
        source: FindingSource,
        responsible: StaffId,
        deadline: Day,
        text: impl Into<String>,
    ) -> Result<FindingId, Error> {
        let command = SupervisionCommand::RecordFinding {
            source,
            responsible,
            deadline,
            text: text.into(),
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Finding))
    }

    /// Records the rectification (整改) of a finding.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`SupervisionCommand::RecordRectification`]: an
    /// unknown or already rectified finding, an actor who is neither responsible nor a leader.
    pub fn record_rectification(
        &mut self,
        actor: StaffId,
        at: Instant,
        finding: FindingId,
        note: impl Into<String>,
    ) -> Result<Receipt, Error> {
        let command = SupervisionCommand::RecordRectification {
            finding,
            note: note.into(),
        };
        self.execute(actor, at, command)
    }

    /// Records an accountability decision (问责决定), and returns it. Leaders only.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`SupervisionCommand::DecideAccountability`]: no
    /// findings, an unknown finding, a day after today or before a finding.
    pub fn decide_accountability(
        &mut self,
        actor: StaffId,
        at: Instant,
        findings: Vec<FindingId>,
        accountable: Accountable,
        made: Day,
        reason: impl Into<String>,
    ) -> Result<AccountabilityId, Error> {
        let command = SupervisionCommand::DecideAccountability {
            findings,
            accountable,
            made,
            reason: reason.into(),
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Accountability))
    }
}
