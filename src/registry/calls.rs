//! Typed calls for every command: each executes one command through
//! [`Registry::execute`] and returns what it created.
//!
//! They add nothing to `execute`: the same authorization, validation and ledger entry (a
//! refusal included). They spare a caller building the command by hand and digging the new
//! id out of the [`Receipt`].

use super::receipt::created;
use super::{Receipt, Registry};
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::gathering::{
    GatheringCommand, OrderTerms, PersuasionOutcome, PlannedGathering, VenueKind, VenueTarget,
};
use crate::grid::GridCommand;
use crate::household::{DeregistrationReason, Relation, ResidentDetails};
use crate::ids::{
    AccountabilityId, ClosureId, DesignationId, FindingId, GatheringId, GatheringOrderId,
    HouseholdId, InspectionId, ObservationId, PersuasionId, ReopeningId, ResidentId, RoundId,
    StaffId, UnitId, VenueId, ViolationId,
};
use crate::observation::{ObservationCommand, OpeningBasis, Protocol};
use crate::place::DivisionCode;
use crate::report::{ReportCommand, Schedule};
use crate::screening::{
    Interview, RiskLevel, ScreeningCommand, ScreeningOutcome, ScreeningRule, VisitResult,
};
use crate::supervision::{
    Accountable, FindingSource, InspectionMode, InspectionTarget, ItemCheck, SupervisionCommand,
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

/// # The grid (网格)
///
/// Zones, assignments ended, residents corrected, moved and deregistered.
impl Registry {
    // ----- grid -----

    /// Puts groups of one village into a zone (分片).
    ///
    /// ```
    /// use fangkong::UnitKind;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, group_1, .. } = doc_fixture()?;
    /// let north =
    ///     reg.establish_unit(leader, t, UnitKind::Zone, "Qianjin north (北片)", qianjin, None)?;
    /// reg.zone_groups(leader, t, north, vec![group_1])?;
    /// assert_eq!(reg.unit(group_1).and_then(|u| u.zone), Some(north));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, li, .. } = doc_fixture()?;
    /// reg.end_assignment(leader, t, li, group_1)?;
    /// assert!(reg.assignments().all(|a| a.staff != li));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, li, wang, .. } = doc_fixture()?;
    /// let mut details = reg.resident(wang).unwrap().details.clone();
    /// details.name = "Wang Fang (王芳)".into();
    /// reg.correct_resident(li, t, wang, details)?;
    /// assert_eq!(&*reg.resident(wang).unwrap().details.name, "Wang Fang (王芳)");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, home, .. } = doc_fixture()?;
    /// let group_2 = reg.establish_group(leader, t, qianjin, 2, "Qianjin group 2")?;
    /// reg.move_household(leader, t, home, group_2)?;
    /// assert_eq!(reg.household(home).unwrap().group, group_2);
    /// assert_eq!(reg.households_in(group_2), vec![home]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::Relation;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, group_1, li, wang, .. } = doc_fixture()?;
    /// let new_home = reg.register_household(li, t, group_1, "Qianjin 1-02")?;
    /// reg.move_resident(li, t, wang, new_home, Relation::Head)?;
    /// assert_eq!(reg.resident(wang).unwrap().household, new_home);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::DeregistrationReason;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, li, wang, .. } = doc_fixture()?;
    /// reg.deregister_resident(li, t, wang, DeregistrationReason::MovedAway)?;
    /// assert_eq!(reg.resident(wang).unwrap().deregistered, Some(Box::new(DeregistrationReason::MovedAway)));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
}

/// # Screening (排查)
///
/// Risk areas, rules, rounds, visits and interviews.
///
/// Its queries are under "Screening: what the records show".
impl Registry {
    /// Designates an area at risk from a day (风险区认定), and returns the designation.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::screening::RiskLevel;
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
    /// ```
    /// use fangkong::screening::RiskLevel;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, .. } = doc_fixture()?;
    /// let wuhan = reg.designate_risk_area(leader, t, "420100".parse()?, RiskLevel::HIGH,
    ///     "2020-01-08".parse()?, "NHC notice")?;
    /// let later = "2020-04-08T09:00:00+08:00".parse()?;
    /// reg.lift_risk_area(leader, later, wuhan, "2020-04-08".parse()?)?;
    /// let designation = reg.risk_register().get(wuhan).unwrap();
    /// assert!(designation.in_force_on("2020-04-07".parse()?));
    /// assert!(!designation.in_force_on("2020-04-08".parse()?));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::screening::ScreeningRule;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, .. } = doc_fixture()?;
    /// assert!(reg.screening_rule().is_none());
    /// reg.adopt_screening_rule(leader, t, ScreeningRule::returnee_jan2020())?;
    /// assert_eq!(reg.screening_rule(), Some(&ScreeningRule::returnee_jan2020()));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, .. } = doc_fixture()?;
    /// let round = reg.open_screening_round(leader, t, "Carpet screening (地毯式排查)", vec![qianjin],
    ///     "2020-01-24".parse()?)?;
    /// assert!(reg.round(round).unwrap().open_on("2020-01-24".parse()?));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, .. } = doc_fixture()?;
    /// let round = reg.open_screening_round(leader, t, "Carpet screening", vec![qianjin], day)?;
    /// let evening = "2020-01-31T18:00:00+08:00".parse()?;
    /// reg.close_screening_round(leader, evening, round, "2020-01-31".parse()?)?;
    /// let closed = reg.round(round).unwrap();
    /// assert!(closed.open_on("2020-01-31".parse()?));
    /// assert!(!closed.open_on("2020-02-01".parse()?));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::screening::VisitResult;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, li, home, .. } = doc_fixture()?;
    /// let round = reg.open_screening_round(leader, t, "Carpet screening", vec![qianjin], day)?;
    /// reg.record_visit(li, t, round, home, VisitResult::Screened)?;
    /// assert!(reg.round(round).unwrap().screened(home));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::screening::{
    ///     Interview, ReportedSymptoms, RiskLevel, ScreeningRule, Stay, TravelHistory,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, li, wang, .. } = doc_fixture()?;
    /// reg.designate_risk_area(leader, t, "420100".parse()?, RiskLevel::HIGH, "2020-01-08".parse()?, "NHC notice")?;
    /// reg.adopt_screening_rule(leader, t, ScreeningRule::returnee_jan2020())?;
    /// // Back from Wuhan (420100) on the 21st, no symptoms.
    /// let travel = TravelHistory {
    ///     stays: vec![Stay::new("420100".parse()?, "2020-01-02".parse()?, "2020-01-20".parse()?)?],
    ///     transits: vec![],
    ///     returned_home: Some("2020-01-21".parse()?),
    /// };
    /// let interview = Interview::new(travel, true, ReportedSymptoms::default())?;
    /// let screened = reg.record_interview(li, t, wang, None, interview)?;
    /// assert_eq!(screened.outcome.key_person().unwrap().day0.to_string(), "2020-01-20");
    /// assert_eq!(reg.open_observation_of(wang, day), screened.observation);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
}

/// # Home medical observation (居家医学观察)
///
/// Protocols, and opening an observation.
///
/// Its updates and queries are under "Observation: follow-up and what the records show".
impl Registry {
    /// Adopts an observation protocol of the registry's own (presets need no adoption).
    ///
    /// ```
    /// use fangkong::observation::Protocol;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, .. } = doc_fixture()?;
    /// // A county's own variant of the returnee protocol: 21 days.
    /// let mut protocol = Protocol::returnee_jan2020();
    /// protocol.key = "returnee-21d".into();
    /// protocol.length_days = 21;
    /// reg.adopt_protocol(leader, t, protocol)?;
    /// assert_eq!(reg.protocols().map(|p| p.key.as_str()).collect::<Vec<_>>(), ["returnee-21d"]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::observation::OpeningBasis;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let basis = OpeningBasis::CloseContact { note: "reported by the county CDC".into() };
    /// let day0 = "2020-01-22".parse()?;
    /// let obs = reg.open_observation(doctor, t, wang, "close-contact-ed2-6", day0, basis)?;
    /// assert_eq!(reg.open_observation_of(wang, "2020-01-24".parse()?), Some(obs));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
}

/// # Daily reports (日报)
///
/// The schedule and the reporting units.
///
/// Submitting and reading reports is under "Daily reports: submissions, tables and heads".
impl Registry {
    /// Sets the first day from which reports are required, and the deadline.
    ///
    /// ```
    /// use fangkong::report::{Deadline, Schedule};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, .. } = doc_fixture()?;
    /// reg.set_report_schedule(leader, t, Schedule::new("2020-01-24".parse()?))?;
    /// assert_eq!(reg.report_schedule().unwrap().deadline, Deadline::EndOfDay);
    /// // From that day the township's own row and every village's report are expected.
    /// assert_eq!(reg.missing_reports("2020-01-24".parse()?), vec![reg.township(), qianjin]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, group_1, .. } = doc_fixture()?;
    /// reg.add_reporting_unit(leader, t, group_1)?;
    /// assert_eq!(reg.reporting_units(), vec![reg.township(), qianjin, group_1]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
}

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
    /// use fangkong::gathering::{
    ///     GatheringKindDefinition, OrderTerms, PersuasionOutcome, PersuasionResult,
    ///     VenueKindDefinition, VenueTarget,
    /// };
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
    /// use fangkong::gathering::{
    ///     GatheringKind, GatheringKindDefinition, OrderTerms, PersuasionOutcome,
    ///     PersuasionResult, PlannedGathering, VenueKindDefinition, VenueTarget,
    /// };
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
    ///     GatheringKind, GatheringKindDefinition, OrderTerms, PersuasionOutcome,
    ///     PersuasionResult, PlannedGathering, VenueKindDefinition, VenueTarget,
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
    /// use fangkong::gathering::{
    ///     GatheringKindDefinition, OrderTerms, PersuasionOutcome, PersuasionResult, VenueKind,
    ///     VenueKindDefinition, VenueTarget,
    /// };
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
    /// use fangkong::gathering::{
    ///     GatheringKindDefinition, OrderTerms, PersuasionOutcome, PersuasionResult, VenueKind,
    ///     VenueKindDefinition, VenueTarget,
    /// };
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
    /// use fangkong::gathering::{
    ///     GatheringKindDefinition, OrderTerms, PersuasionOutcome, PersuasionResult, VenueKind,
    ///     VenueKindDefinition, VenueTarget,
    /// };
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

/// # Supervision (督查)
///
/// Inspections, findings, rectifications and accountability.
///
/// Its queries are under "Supervision: what the records show".
impl Registry {
    /// Records an inspection (督查) with its checklist, and returns it. Inspectors only.
    ///
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{ChecklistItem, InspectionMode, InspectionTarget, ItemCheck};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, .. } = doc_fixture()?;
    /// let zhao = reg.enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)?;
    /// reg.assign(leader, t, zhao, reg.township(), Duty::Supervision)?;
    /// let afternoon: Instant = "2020-01-24T14:00:00+08:00".parse()?;
    /// let inspection = reg.record_inspection(zhao, afternoon, InspectionMode::Covert,
    ///     InspectionTarget::Unit(group_1), afternoon, vec![
    ///         ItemCheck::passed(ChecklistItem::ScreeningDone),
    ///         ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00"),
    ///     ])?;
    /// assert_eq!(reg.inspection(inspection).unwrap().failed().count(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{
    ///     ChecklistItem, FindingSource, InspectionMode, InspectionTarget, ItemCheck,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, li, .. } = doc_fixture()?;
    /// let zhao = reg.enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)?;
    /// reg.assign(leader, t, zhao, reg.township(), Duty::Supervision)?;
    /// let afternoon: Instant = "2020-01-24T14:00:00+08:00".parse()?;
    /// let inspection = reg.record_inspection(zhao, afternoon, InspectionMode::Covert,
    ///     InspectionTarget::Unit(group_1), afternoon, vec![
    ///         ItemCheck::passed(ChecklistItem::ScreeningDone),
    ///         ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00"),
    ///     ])?;
    /// let source = FindingSource::ChecklistItem { inspection, item: ChecklistItem::StaffOnPost };
    /// let finding = reg.record_finding(zhao, afternoon, source, li, "2020-01-26".parse()?,
    ///     "nobody at the Qianjin checkpoint at 14:00")?;
    /// let recorded = reg.finding(finding).unwrap();
    /// assert_eq!((recorded.unit, recorded.responsible), (group_1, li));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{ChecklistItem, InspectionMode, InspectionTarget, ItemCheck};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, li, .. } = doc_fixture()?;
    /// let zhao = reg.enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)?;
    /// reg.assign(leader, t, zhao, reg.township(), Duty::Supervision)?;
    /// let afternoon: Instant = "2020-01-24T14:00:00+08:00".parse()?;
    /// let inspection = reg.record_inspection(zhao, afternoon, InspectionMode::Covert,
    ///     InspectionTarget::Unit(group_1), afternoon, vec![
    ///         ItemCheck::passed(ChecklistItem::ScreeningDone),
    ///         ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00"),
    ///     ])?;
    /// let source = fangkong::supervision::FindingSource::ChecklistItem { inspection, item: ChecklistItem::StaffOnPost };
    /// let finding = reg.record_finding(zhao, afternoon, source, li, "2020-01-26".parse()?,
    ///     "nobody at the Qianjin checkpoint at 14:00")?;
    /// let next_day = "2020-01-25T10:00:00+08:00".parse()?;
    /// reg.record_rectification(li, next_day, finding, "a second volunteer on the roster")?;
    /// assert!(reg.finding(finding).unwrap().rectification.is_some());
    /// assert!(reg.overdue_findings("2020-01-27".parse()?, None).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
    /// ```
    /// use fangkong::{Duty, Instant, Role};
    /// use fangkong::supervision::{
    ///     Accountable, AdmonitionManner, CadreForm, ChecklistItem, InspectionMode,
    ///     InspectionTarget, ItemCheck,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, li, .. } = doc_fixture()?;
    /// let zhao = reg.enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)?;
    /// reg.assign(leader, t, zhao, reg.township(), Duty::Supervision)?;
    /// let afternoon: Instant = "2020-01-24T14:00:00+08:00".parse()?;
    /// let inspection = reg.record_inspection(zhao, afternoon, InspectionMode::Covert,
    ///     InspectionTarget::Unit(group_1), afternoon, vec![
    ///         ItemCheck::passed(ChecklistItem::ScreeningDone),
    ///         ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00"),
    ///     ])?;
    /// let source = fangkong::supervision::FindingSource::ChecklistItem { inspection, item: ChecklistItem::StaffOnPost };
    /// let finding = reg.record_finding(zhao, afternoon, source, li, "2020-01-26".parse()?,
    ///     "nobody at the Qianjin checkpoint at 14:00")?;
    /// let next_day = "2020-01-25T10:00:00+08:00".parse()?;
    /// let written = CadreForm::Admonition(AdmonitionManner::Written);
    /// let decision = reg.decide_accountability(leader, next_day, vec![finding],
    ///     Accountable::Cadre { staff: li, form: written }, "2020-01-25".parse()?,
    ///     "absent from post")?;
    /// assert_eq!(reg.accountability_decision(decision).unwrap().findings, vec![finding]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
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
