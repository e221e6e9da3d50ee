//! Commands (what a member of staff asks for) and events (what was recorded).
//!
//! A [`Command`] is validated and authorized by the [`Registry`](crate::Registry); if accepted it
//! becomes one or more [`Event`]s, past-tense facts that are appended to the ledger and applied
//! to the state. Applying an event cannot fail, so replaying the ledger always rebuilds the same
//! registry. Variant names are part of the stored format: they are never renamed.

use serde::{Deserialize, Serialize};

use crate::grid::{Duty, Role, UnitKind};
use crate::household::{DeregistrationReason, Relation, ResidentDetails};
use crate::identity::Phone;
use crate::observation::{Opening, OpeningBasis, Protocol};
use crate::place::{DivisionCode, StatisticalCode};
use crate::registry::{ObservationChange, ObservationCommand};
use crate::screening::{
    DesignationId, Interview, RegisterChange, RiskLevel, RiskProposal, ScreeningOutcome,
    ScreeningRule, VisitResult,
};
use crate::{Day, HouseholdId, ObservationId, ResidentId, RoundId, StaffId, UnitId, UtcOffset};

/// A request to change the registry, made by a member of staff at an instant.
///
/// Pass it to [`Registry::execute`](crate::Registry::execute).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Command {
    /// Establish a village, community, zone or group under `parent`.
    EstablishUnit {
        /// Village or community (under the township), zone or group (under a village or
        /// community).
        kind: UnitKind,
        /// Its name.
        name: String,
        /// The unit it belongs to.
        parent: UnitId,
        /// Its 12-digit statistical code, where it has one.
        code: Option<StatisticalCode>,
        /// A group's number within its village; required for groups, refused for others.
        number: Option<u16>,
    },
    /// Put groups of one village into a zone (分片).
    ZoneGroups {
        /// The zone.
        zone: UnitId,
        /// Groups of the zone's village, in no other zone.
        groups: Vec<UnitId>,
    },
    /// Enroll a member of staff.
    EnrollStaff {
        /// Their name.
        name: String,
        /// Their role.
        role: Role,
        /// Their phone.
        phone: Option<Phone>,
    },
    /// Assign a member of staff to a unit.
    AssignStaff {
        /// Who.
        staff: StaffId,
        /// Which unit.
        unit: UnitId,
        /// In which capacity.
        duty: Duty,
    },
    /// End an assignment.
    EndAssignment {
        /// Who.
        staff: StaffId,
        /// Which unit.
        unit: UnitId,
    },
    /// Register a household in a group.
    RegisterHousehold {
        /// The group.
        group: UnitId,
        /// Its address.
        address: String,
    },
    /// Register a resident as a member of a household.
    RegisterResident {
        /// The household.
        household: HouseholdId,
        /// Their details.
        details: ResidentDetails,
    },
    /// Correct a resident's details (the previous details stay in the ledger).
    CorrectResident {
        /// Who.
        resident: ResidentId,
        /// The corrected details, in full.
        details: ResidentDetails,
    },
    /// Move a household to another group (a recorded change, never an edit in place).
    MoveHousehold {
        /// Which household.
        household: HouseholdId,
        /// The group it moves to.
        to: UnitId,
    },
    /// Move a resident to another household.
    MoveResident {
        /// Who.
        resident: ResidentId,
        /// The household they join.
        to: HouseholdId,
        /// Their relation to the head of that household.
        relation: Relation,
    },
    /// Deregister a resident.
    DeregisterResident {
        /// Who.
        resident: ResidentId,
        /// Why.
        reason: DeregistrationReason,
    },
    /// Designate an area at risk from a day (as published by the authority that decided it).
    DesignateRiskArea {
        /// The area (a province, prefecture or county).
        area: DivisionCode,
        /// Its level.
        level: RiskLevel,
        /// The first day in force.
        from: Day,
        /// Who decided it and where it was published.
        basis: String,
    },
    /// Lift a designation: in force up to the day before `on`.
    LiftRiskArea {
        /// The designation.
        designation: DesignationId,
        /// The day it is lifted.
        on: Day,
    },
    /// Record a level change a person has confirmed from a [`RiskProposal`].
    ConfirmRiskProposal {
        /// The proposal, as confirmed.
        proposal: RiskProposal,
    },
    /// Adopt the screening rule interviews are judged by from now on.
    AdoptScreeningRule {
        /// The rule.
        rule: ScreeningRule,
    },
    /// Open a screening round over some units.
    OpenScreeningRound {
        /// Its name.
        name: String,
        /// The units it covers.
        units: Vec<UnitId>,
        /// Its first day.
        opens: Day,
    },
    /// Close a screening round.
    CloseScreeningRound {
        /// The round.
        round: RoundId,
        /// Its last day.
        closes: Day,
    },
    /// Record a visit to a household in a screening round.
    RecordVisit {
        /// The round.
        round: RoundId,
        /// The household.
        household: HouseholdId,
        /// How the visit ended.
        result: VisitResult,
    },
    /// Record a screening interview of a resident (the five questions); the registry decides
    /// the outcome by the screening rule in force and the risk register.
    RecordInterview {
        /// Who was interviewed.
        resident: ResidentId,
        /// The round, if the interview belongs to one.
        round: Option<RoundId>,
        /// The answers.
        interview: Interview,
    },
    /// Adopt an observation protocol of the registry's own (presets need no adoption).
    AdoptProtocol {
        /// The protocol; its key names it in screening rules and openings.
        protocol: Protocol,
    },
    /// Open an observation of a resident (e.g. a close contact reported by the health centre).
    /// Key people found by screening have theirs opened by [`Command::RecordInterview`].
    OpenObservation {
        /// Who.
        resident: ResidentId,
        /// The protocol's key: adopted by the registry, or a preset.
        protocol: String,
        /// Day 0: the day of last exposure.
        day0: Day,
        /// Why.
        basis: OpeningBasis,
    },
    /// Change an open observation.
    UpdateObservation {
        /// The observation.
        observation: ObservationId,
        /// The change.
        command: ObservationCommand,
    },
}

/// A fact recorded in the ledger. Past tense; applying one cannot fail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Event {
    /// The registry was founded for a township.
    TownshipFounded {
        /// The township's unit.
        unit: UnitId,
        /// Its name.
        name: String,
        /// Its statistical code.
        code: Option<StatisticalCode>,
        /// Its local time, in which days are counted.
        offset: UtcOffset,
    },
    /// A unit was established.
    UnitEstablished {
        /// The new unit.
        unit: UnitId,
        /// Its kind.
        kind: UnitKind,
        /// Its name.
        name: String,
        /// Its parent.
        parent: UnitId,
        /// Its statistical code.
        code: Option<StatisticalCode>,
        /// A group's number.
        number: Option<u16>,
    },
    /// Groups were put into a zone.
    GroupsZoned {
        /// The zone.
        zone: UnitId,
        /// The groups.
        groups: Vec<UnitId>,
    },
    /// A member of staff was enrolled.
    StaffEnrolled {
        /// The new member of staff.
        staff: StaffId,
        /// Their name.
        name: String,
        /// Their role.
        role: Role,
        /// Their phone.
        phone: Option<Phone>,
    },
    /// A member of staff was assigned to a unit.
    StaffAssigned {
        /// Who.
        staff: StaffId,
        /// Which unit.
        unit: UnitId,
        /// In which capacity.
        duty: Duty,
    },
    /// An assignment ended.
    AssignmentEnded {
        /// Who.
        staff: StaffId,
        /// Which unit.
        unit: UnitId,
    },
    /// A household was registered.
    HouseholdRegistered {
        /// The new household.
        household: HouseholdId,
        /// Its group.
        group: UnitId,
        /// Its address.
        address: String,
    },
    /// A resident was registered.
    ResidentRegistered {
        /// The new resident.
        resident: ResidentId,
        /// Their household.
        household: HouseholdId,
        /// Their details.
        details: ResidentDetails,
    },
    /// A resident's details were corrected.
    ResidentCorrected {
        /// Who.
        resident: ResidentId,
        /// The details before the correction.
        previous: ResidentDetails,
        /// The details after it.
        details: ResidentDetails,
    },
    /// A household moved to another group.
    HouseholdMoved {
        /// Which household.
        household: HouseholdId,
        /// The group it left.
        from: UnitId,
        /// The group it joined.
        to: UnitId,
    },
    /// A resident moved to another household.
    ResidentMoved {
        /// Who.
        resident: ResidentId,
        /// The household they left.
        from: HouseholdId,
        /// The household they joined.
        to: HouseholdId,
        /// Their relation to the head of the new household.
        relation: Relation,
    },
    /// A resident was deregistered.
    ResidentDeregistered {
        /// Who.
        resident: ResidentId,
        /// Why.
        reason: DeregistrationReason,
    },
    /// The risk register changed: an area was designated or a designation lifted.
    RiskRegisterChanged {
        /// The change.
        change: RegisterChange,
    },
    /// A screening rule was adopted.
    ScreeningRuleAdopted {
        /// The rule.
        rule: ScreeningRule,
    },
    /// A screening round was opened.
    ScreeningRoundOpened {
        /// The round.
        round: RoundId,
        /// Its name.
        name: String,
        /// Its units.
        units: Vec<UnitId>,
        /// Its first day.
        opens: Day,
    },
    /// A screening round was closed.
    ScreeningRoundClosed {
        /// The round.
        round: RoundId,
        /// Its last day.
        closes: Day,
    },
    /// A household was visited (by the entry's actor, at its instant).
    HouseholdVisited {
        /// The round.
        round: RoundId,
        /// The household.
        household: HouseholdId,
        /// How it ended.
        result: VisitResult,
    },
    /// A screening interview was recorded (by the entry's actor, at its instant).
    InterviewRecorded {
        /// Who was interviewed.
        resident: ResidentId,
        /// The round.
        round: Option<RoundId>,
        /// The local day of the interview.
        on: Day,
        /// The answers.
        interview: Interview,
        /// The outcome decided.
        outcome: ScreeningOutcome,
    },
    /// An observation protocol was adopted.
    ProtocolAdopted {
        /// The protocol.
        protocol: Protocol,
    },
    /// An observation was opened.
    ObservationOpened {
        /// The observation.
        observation: ObservationId,
        /// Who is observed.
        resident: ResidentId,
        /// The opening: protocol, day 0, instant, local time, basis.
        opening: Opening,
    },
    /// An observation changed.
    ObservationUpdated {
        /// The observation.
        observation: ObservationId,
        /// The change.
        change: ObservationChange,
    },
}
