//! Screening (排查): the typed calls. Each executes one command through
//! [`Registry::execute`] and returns what it created, with the same authorization, validation
//! and ledger entry.

use super::receipt::created;
use super::{Receipt, Registry};
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::ids::{DesignationId, HouseholdId, ObservationId, ResidentId, RoundId, StaffId, UnitId};
use crate::place::DivisionCode;
use crate::screening::{
    Interview, RiskLevel, ScreeningCommand, ScreeningOutcome, ScreeningRule, VisitResult,
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
