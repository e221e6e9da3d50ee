//! The registry: the one aggregate root through which every change passes.

use std::collections::{BTreeMap, BTreeSet};

use crate::event::{Command, Event};
use crate::grid::{Action, Assignment, Duty, Role, Staff, Unit, UnitKind};
use crate::household::{Household, Relation, Resident, ResidentDetails};
use crate::identity::{IdentityNumber, Phone};
use crate::ledger::{Body, Ledger};
use crate::place::StatisticalCode;
use crate::screening::{InterviewRecord, RiskRegister, Round, ScreeningRule};
use crate::{Day, Error, HouseholdId, Instant, ResidentId, RoundId, StaffId, UnitId, UtcOffset};

mod observation;
mod screening;
mod table;

use table::Table;

pub use observation::{
    ObservationChange, ObservationCommand, ObservationCounts, ObservationRecord, WorkerNonReporting,
};

/// What founds a registry: the township and its first leader.
///
/// ```
/// use fangkong::{Founding, Registry};
/// let founding = Founding::new("Huochezhan Township (火车站乡)", "Secretary Liu");
/// let registry = Registry::found(founding, "2020-01-23T15:00:00+08:00".parse()?);
/// assert_eq!(registry.ledger().len(), 3);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Founding {
    /// The township's name.
    pub name: String,
    /// Its 12-digit statistical code (village digits 000), if known.
    pub code: Option<StatisticalCode>,
    /// Its local time, in which days are counted ([`UtcOffset::CHINA`] by default).
    pub offset: UtcOffset,
    /// The first leader's name (the head of the leading group, 领导小组组长).
    pub leader: String,
    /// The first leader's phone.
    pub leader_phone: Option<Phone>,
}

impl Founding {
    /// A founding with a township name and its first leader, in China's local time.
    pub fn new(name: impl Into<String>, leader: impl Into<String>) -> Founding {
        Founding {
            name: name.into(),
            code: None,
            offset: UtcOffset::CHINA,
            leader: leader.into(),
            leader_phone: None,
        }
    }

    /// The same founding with a statistical code.
    pub fn with_code(mut self, code: StatisticalCode) -> Founding {
        self.code = Some(code);
        self
    }

    /// The same founding with another local time.
    pub fn with_offset(mut self, offset: UtcOffset) -> Founding {
        self.offset = offset;
        self
    }
}

/// What an accepted command did: the ledger entries written and what it created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Receipt {
    /// Sequence number of the first ledger entry written.
    pub first_seq: u64,
    /// Sequence number of the last ledger entry written.
    pub last_seq: u64,
    /// What the command created, if anything.
    pub created: Option<Created>,
}

/// Something a command created, with its new identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Created {
    /// A unit.
    Unit(UnitId),
    /// A member of staff.
    Staff(StaffId),
    /// A household.
    Household(HouseholdId),
    /// A resident.
    Resident(ResidentId),
    /// An observation.
    Observation(crate::ObservationId),
}

/// Someone who answers for a unit: a member of staff and the assignment that makes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Responsibility {
    /// The member of staff.
    pub staff: StaffId,
    /// Their role.
    pub role: Role,
    /// The assignment (to the unit itself or to a unit above it).
    pub assignment: Assignment,
}

/// Counts for one village or community.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnitSummary {
    /// The village or community.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: UnitKind,
    /// Its groups.
    pub groups: usize,
    /// Its households.
    pub households: usize,
    /// Its registered residents (not deregistered).
    pub residents: usize,
    /// Staff assigned to it or to units within it.
    pub staff: usize,
}

/// The domain state built by applying events. Compared, cloned and rebuilt by replay.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct State {
    township: Option<UnitId>,
    offset: UtcOffset,
    units: BTreeMap<UnitId, Unit>,
    children: BTreeMap<UnitId, Vec<UnitId>>,
    staff: BTreeMap<StaffId, Staff>,
    assignments: BTreeSet<Assignment>,
    by_unit: BTreeMap<UnitId, Vec<Assignment>>,
    codes: BTreeMap<StatisticalCode, UnitId>,
    households: Table<HouseholdId, Household>,
    group_households: BTreeMap<UnitId, Vec<HouseholdId>>,
    residents: Table<ResidentId, Resident>,
    by_identity: BTreeMap<IdentityNumber, ResidentId>,
    risk: RiskRegister,
    rule: Option<ScreeningRule>,
    rounds: BTreeMap<RoundId, Round>,
    interviews: BTreeMap<ResidentId, Vec<InterviewRecord>>,
    next_round: u32,
    protocols: BTreeMap<String, crate::observation::Protocol>,
    observations: Table<crate::ObservationId, ObservationRecord>,
    observations_of: BTreeMap<ResidentId, Vec<crate::ObservationId>>,
    next_observation: u32,
    next_unit: u32,
    next_staff: u32,
    next_household: u32,
    next_resident: u32,
}

/// The registry (登记册): the grid, its staff, households and residents, and the ledger of
/// every change.
///
/// Every change goes through [`execute`](Registry::execute) (or one of its typed shortcuts):
/// the command names who (a [`StaffId`]) and when (an [`Instant`]); it is authorized against the
/// actor's role and assigned units, validated against the current state, and either refused —
/// the refusal is written to the ledger, the domain state is untouched, and the error says what
/// was wrong — or turned into [`Event`]s that are written to the ledger and applied.
///
/// [`replay`](Registry::replay) rebuilds an equal registry from its ledger.
///
/// ```
/// use fangkong::{Command, Founding, Registry, UnitKind};
/// let t0: fangkong::Instant = "2020-01-23T15:00:00+08:00".parse()?;
/// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t0);
/// let leader = reg.staff_ids().next().unwrap();
/// let qianjin = reg.establish_unit(leader, t0, UnitKind::Village, "Qianjin", reg.township(), None)?;
/// let group1 = reg.establish_group(leader, t0, qianjin, 1, "Qianjin group 1")?;
/// let home = reg.register_household(leader, t0, group1, "Qianjin 1-01")?;
/// assert_eq!(reg.households_in(qianjin), vec![home]);
///
/// let again = Registry::replay(reg.ledger())?;
/// assert_eq!(again, reg);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registry {
    state: State,
    ledger: Ledger,
}

impl Registry {
    /// Founds a registry for a township: records the township, its first leader, and the
    /// leader's charge of the township. The leader is [`StaffId`] `S1`.
    pub fn found(founding: Founding, at: Instant) -> Registry {
        let mut reg = Registry {
            state: State::default(),
            ledger: Ledger::new(),
        };
        let township = UnitId::new(1);
        let leader = StaffId::new(1);
        let events = [
            Event::TownshipFounded {
                unit: township,
                name: founding.name,
                code: founding.code,
                offset: founding.offset,
            },
            Event::StaffEnrolled {
                staff: leader,
                name: founding.leader,
                role: Role::Leader,
                phone: founding.leader_phone,
            },
            Event::StaffAssigned {
                staff: leader,
                unit: township,
                duty: Duty::ChargeOfVillage,
            },
        ];
        for e in events {
            reg.record(at, leader, e);
        }
        reg
    }

    /// Rebuilds a registry from a ledger: verifies it, then applies every event in order
    /// (refusals change nothing).
    ///
    /// # Errors
    /// [`Error::LedgerTampered`] if verification fails, [`Error::LedgerUnreadable`] if a record
    /// cannot be read, [`Error::LedgerNotFounded`] if the first entry is not a founding.
    pub fn replay(ledger: &Ledger) -> Result<Registry, Error> {
        if ledger.base().seq != 0 {
            return Err(Error::LedgerNotFounded);
        }
        ledger.verify()?;
        let mut state = State::default();
        for (i, record) in ledger.records().enumerate() {
            let record = record?;
            if i == 0 && !matches!(record.body, Body::Event(Event::TownshipFounded { .. })) {
                return Err(Error::LedgerNotFounded);
            }
            if let Body::Event(e) = &record.body {
                state.apply(e, record.actor, record.at);
            }
        }
        if ledger.is_empty() {
            return Err(Error::LedgerNotFounded);
        }
        Ok(Registry {
            state,
            ledger: ledger.clone(),
        })
    }

    /// The ledger of every accepted event and refused command (since the last
    /// [`drain_ledger`](Registry::drain_ledger)).
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Takes the ledger entries recorded since the last drain, to be stored by the caller, and
    /// keeps only the ledger's head; see [`Ledger::drain`]. A registry that drains as it goes
    /// holds its domain state only.
    pub fn drain_ledger(&mut self) -> Ledger {
        self.ledger.drain()
    }

    /// Whether two registries hold the same domain state (units, staff, assignments,
    /// households, residents), whatever their ledgers.
    pub fn state_eq(&self, other: &Registry) -> bool {
        self.state == other.state
    }

    /// Every refused command, oldest first: who tried what, when, and why it was refused.
    ///
    /// # Errors
    /// [`Error::LedgerUnreadable`] if a record cannot be read (only possible in a ledger loaded
    /// from a damaged file).
    pub fn refusals(&self) -> Result<Vec<crate::ledger::Record>, Error> {
        let mut out = Vec::new();
        for r in self.ledger.records() {
            let r = r?;
            if matches!(r.body, Body::Refused { .. }) {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// The township's unit.
    pub fn township(&self) -> UnitId {
        self.state.township.unwrap_or(UnitId::new(1))
    }

    /// The local time in which the township counts days.
    pub fn offset(&self) -> UtcOffset {
        self.state.offset
    }

    /// The local calendar day of an instant in this township.
    pub fn day_of(&self, at: Instant) -> Day {
        at.day_in(self.state.offset)
    }

    // ----- commands -----

    /// Executes a command by `actor` at `at`.
    ///
    /// # Errors
    /// Any refusal: [`Error::UnknownStaff`] for an actor who is not enrolled,
    /// [`Error::RoleNotPermitted`] when the actor's role may not take the action,
    /// [`Error::OutsideAssignedUnits`] when it concerns a unit outside the actor's reach, and the
    /// validation errors of each command (unknown units, households or residents, a group
    /// number used twice, an identity number already registered…). A refused command is
    /// recorded in the ledger and changes nothing else.
    pub fn execute(
        &mut self,
        actor: StaffId,
        at: Instant,
        command: Command,
    ) -> Result<Receipt, Error> {
        match self.decide(actor, at, &command) {
            Ok(events) => {
                let created = events.first().and_then(created_by);
                let mut first_seq = 0;
                let mut last_seq = 0;
                for e in events {
                    last_seq = self.record(at, actor, e);
                    if first_seq == 0 {
                        first_seq = last_seq;
                    }
                }
                Ok(Receipt {
                    first_seq,
                    last_seq,
                    created,
                })
            }
            Err(err) => {
                self.ledger.append(
                    at,
                    actor,
                    Body::Refused {
                        attempt: format!("{command:?}"),
                        reason: err.to_string(),
                    },
                );
                Err(err)
            }
        }
    }

    /// Establishes a village, community or zone (use [`establish_group`](Self::establish_group)
    /// for groups).
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`Command::EstablishUnit`].
    pub fn establish_unit(
        &mut self,
        actor: StaffId,
        at: Instant,
        kind: UnitKind,
        name: impl Into<String>,
        parent: UnitId,
        code: Option<StatisticalCode>,
    ) -> Result<UnitId, Error> {
        self.establish(actor, at, kind, name.into(), parent, code, None)
    }

    /// Establishes group number `number` of a village or community.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`Command::EstablishUnit`].
    pub fn establish_group(
        &mut self,
        actor: StaffId,
        at: Instant,
        village: UnitId,
        number: u16,
        name: impl Into<String>,
    ) -> Result<UnitId, Error> {
        let name = name.into();
        self.establish(
            actor,
            at,
            UnitKind::Group,
            name,
            village,
            None,
            Some(number),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn establish(
        &mut self,
        actor: StaffId,
        at: Instant,
        kind: UnitKind,
        name: String,
        parent: UnitId,
        code: Option<StatisticalCode>,
        number: Option<u16>,
    ) -> Result<UnitId, Error> {
        let command = Command::EstablishUnit {
            kind,
            name,
            parent,
            code,
            number,
        };
        let id = UnitId::new(self.state.next_unit.max(1));
        self.execute(actor, at, command).map(|_| id)
    }

    /// Enrolls a member of staff.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`Command::EnrollStaff`].
    pub fn enroll_staff(
        &mut self,
        actor: StaffId,
        at: Instant,
        name: impl Into<String>,
        role: Role,
        phone: Option<Phone>,
    ) -> Result<StaffId, Error> {
        let command = Command::EnrollStaff {
            name: name.into(),
            role,
            phone,
        };
        let id = StaffId::new(self.state.next_staff.max(1));
        self.execute(actor, at, command).map(|_| id)
    }

    /// Assigns a member of staff to a unit.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`Command::AssignStaff`].
    pub fn assign(
        &mut self,
        actor: StaffId,
        at: Instant,
        staff: StaffId,
        unit: UnitId,
        duty: Duty,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, Command::AssignStaff { staff, unit, duty })
    }

    /// Registers a household in a group.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`Command::RegisterHousehold`].
    pub fn register_household(
        &mut self,
        actor: StaffId,
        at: Instant,
        group: UnitId,
        address: impl Into<String>,
    ) -> Result<HouseholdId, Error> {
        let command = Command::RegisterHousehold {
            group,
            address: address.into(),
        };
        let id = HouseholdId::new(self.state.next_household.max(1));
        self.execute(actor, at, command).map(|_| id)
    }

    /// Registers a resident in a household.
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`Command::RegisterResident`].
    pub fn register_resident(
        &mut self,
        actor: StaffId,
        at: Instant,
        household: HouseholdId,
        details: ResidentDetails,
    ) -> Result<ResidentId, Error> {
        let command = Command::RegisterResident { household, details };
        let id = ResidentId::new(self.state.next_resident.max(1));
        self.execute(actor, at, command).map(|_| id)
    }

    fn record(&mut self, at: Instant, actor: StaffId, event: Event) -> u64 {
        self.state.apply(&event, actor, at);
        self.ledger.append(at, actor, Body::Event(event))
    }

    /// Authorizes and validates a command, and returns the events it produces.
    fn decide(&self, actor: StaffId, at: Instant, command: &Command) -> Result<Vec<Event>, Error> {
        let s = &self.state;
        let who = s
            .staff
            .get(&actor)
            .ok_or(Error::UnknownStaff { staff: actor })?;
        let action = action_of(command);
        if !who.role.may(action) {
            return Err(Error::RoleNotPermitted {
                actor: who.label(),
                action: action.as_str(),
                allowed: roles_text(action.roles()),
            });
        }
        let reach = |unit: UnitId| self.authorize_unit(who, action, unit);
        let today = self.day_of(at);
        match command {
            Command::EstablishUnit {
                kind,
                name,
                parent,
                code,
                number,
            } => {
                let parent_unit = s.unit(*parent)?;
                reach(*parent)?;
                if !kind.allowed_parents().contains(&parent_unit.kind) {
                    return Err(Error::WrongParent {
                        kind: kind.as_str(),
                        parent: s.label(*parent),
                        parent_kind: parent_unit.kind.as_str(),
                    });
                }
                non_empty(name, "the new unit's name")?;
                match (kind, number) {
                    (UnitKind::Group, None) => {
                        return Err(Error::GroupNumberMissing {
                            village: s.label(*parent),
                        });
                    }
                    (UnitKind::Group, Some(n)) => {
                        if let Some(existing) = s.group_by_number(*parent, *n) {
                            return Err(Error::DuplicateGroupNumber {
                                village: s.label(*parent),
                                number: *n,
                                existing,
                            });
                        }
                    }
                    (_, Some(_)) => {
                        return Err(Error::NumberOnlyForGroups {
                            kind: kind.as_str(),
                        });
                    }
                    (_, None) => {}
                }
                if let Some(code) = code
                    && let Some(existing) = s.codes.get(code).and_then(|u| s.units.get(u))
                {
                    return Err(Error::DuplicateUnitCode {
                        code: code.to_string(),
                        existing: s.label(existing.id),
                    });
                }
                Ok(vec![Event::UnitEstablished {
                    unit: UnitId::new(s.next_unit.max(1)),
                    kind: *kind,
                    name: name.trim().to_owned(),
                    parent: *parent,
                    code: *code,
                    number: *number,
                }])
            }
            Command::ZoneGroups { zone, groups } => {
                let z = s.unit(*zone)?;
                if z.kind != UnitKind::Zone {
                    return Err(Error::WrongUnitKind {
                        unit: s.label(*zone),
                        found: z.kind.as_str(),
                        expected: "a zone",
                    });
                }
                reach(*zone)?;
                for g in groups {
                    let unit = s.unit(*g)?;
                    if unit.kind != UnitKind::Group || unit.parent != z.parent {
                        return Err(Error::GroupNotInZoneVillage {
                            group: s.label(*g),
                            zone: s.label(*zone),
                        });
                    }
                    if let Some(other) = unit.zone.filter(|o| o != zone) {
                        return Err(Error::GroupAlreadyZoned {
                            group: s.label(*g),
                            zone: s.label(other),
                        });
                    }
                }
                Ok(vec![Event::GroupsZoned {
                    zone: *zone,
                    groups: groups.clone(),
                }])
            }
            Command::EnrollStaff { name, role, phone } => {
                non_empty(name, "the new staff member's name")?;
                Ok(vec![Event::StaffEnrolled {
                    staff: StaffId::new(s.next_staff.max(1)),
                    name: name.trim().to_owned(),
                    role: *role,
                    phone: *phone,
                }])
            }
            Command::AssignStaff { staff, unit, duty } => {
                let member = s
                    .staff
                    .get(staff)
                    .ok_or(Error::UnknownStaff { staff: *staff })?;
                s.unit(*unit)?;
                reach(*unit)?;
                if s.assignments
                    .iter()
                    .any(|a| a.staff == *staff && a.unit == *unit)
                {
                    return Err(Error::AlreadyAssigned {
                        staff: member.label(),
                        unit: s.label(*unit),
                    });
                }
                Ok(vec![Event::StaffAssigned {
                    staff: *staff,
                    unit: *unit,
                    duty: *duty,
                }])
            }
            Command::EndAssignment { staff, unit } => {
                let member = s
                    .staff
                    .get(staff)
                    .ok_or(Error::UnknownStaff { staff: *staff })?;
                s.unit(*unit)?;
                reach(*unit)?;
                if !s
                    .assignments
                    .iter()
                    .any(|a| a.staff == *staff && a.unit == *unit)
                {
                    return Err(Error::NotAssigned {
                        staff: member.label(),
                        unit: s.label(*unit),
                    });
                }
                Ok(vec![Event::AssignmentEnded {
                    staff: *staff,
                    unit: *unit,
                }])
            }
            Command::RegisterHousehold { group, address } => {
                s.group(*group)?;
                reach(*group)?;
                non_empty(address, "the household's address")?;
                Ok(vec![Event::HouseholdRegistered {
                    household: HouseholdId::new(s.next_household.max(1)),
                    group: *group,
                    address: address.trim().to_owned(),
                }])
            }
            Command::RegisterResident { household, details } => {
                let h = s.household(*household)?;
                reach(h.group)?;
                s.check_details(details, *household, None, today)?;
                Ok(vec![Event::ResidentRegistered {
                    resident: ResidentId::new(s.next_resident.max(1)),
                    household: *household,
                    details: details.clone(),
                }])
            }
            Command::CorrectResident { resident, details } => {
                let r = s.active_resident(*resident)?;
                reach(s.household(r.household)?.group)?;
                s.check_details(details, r.household, Some(*resident), today)?;
                if *details == r.details {
                    return Err(Error::NothingToCorrect {
                        resident: *resident,
                    });
                }
                Ok(vec![Event::ResidentCorrected {
                    resident: *resident,
                    previous: r.details.clone(),
                    details: details.clone(),
                }])
            }
            Command::MoveHousehold { household, to } => {
                let h = s.household(*household)?;
                s.group(*to)?;
                reach(h.group)?;
                reach(*to)?;
                if h.group == *to {
                    return Err(Error::AlreadyThere {
                        what: household.to_string(),
                        place: s.label(*to),
                    });
                }
                Ok(vec![Event::HouseholdMoved {
                    household: *household,
                    from: h.group,
                    to: *to,
                }])
            }
            Command::MoveResident {
                resident,
                to,
                relation,
            } => {
                let r = s.active_resident(*resident)?;
                let from = s.household(r.household)?;
                let dest = s.household(*to)?;
                reach(from.group)?;
                reach(dest.group)?;
                if r.household == *to {
                    return Err(Error::AlreadyThere {
                        what: resident.to_string(),
                        place: to.to_string(),
                    });
                }
                if *relation == Relation::Head {
                    s.check_no_head(*to, None)?;
                }
                Ok(vec![Event::ResidentMoved {
                    resident: *resident,
                    from: r.household,
                    to: *to,
                    relation: relation.clone(),
                }])
            }
            Command::DeregisterResident { resident, reason } => {
                let r = s.active_resident(*resident)?;
                reach(s.household(r.household)?.group)?;
                if let Some(observation) = s.open_observation(*resident, today) {
                    return Err(Error::StillUnderObservation {
                        resident: *resident,
                        observation,
                    });
                }
                Ok(vec![Event::ResidentDeregistered {
                    resident: *resident,
                    reason: reason.clone(),
                }])
            }
            Command::DesignateRiskArea { .. }
            | Command::LiftRiskArea { .. }
            | Command::ConfirmRiskProposal { .. }
            | Command::AdoptScreeningRule { .. }
            | Command::OpenScreeningRound { .. }
            | Command::CloseScreeningRound { .. }
            | Command::RecordVisit { .. }
            | Command::RecordInterview { .. } => self.decide_screening(who, action, at, command),
            Command::AdoptProtocol { .. }
            | Command::OpenObservation { .. }
            | Command::UpdateObservation { .. } => self.decide_observation(who, at, command),
        }
    }

    /// Checks that `unit` lies within the reach of `who` for `action`.
    fn authorize_unit(&self, who: &Staff, action: Action, unit: UnitId) -> Result<(), Error> {
        crate::context::reach(&self.state, who, action, unit)
    }

    // ----- queries -----

    /// A unit, if it exists.
    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.state.units.get(&id)
    }

    /// Every unit, in the order established.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.state.units.values()
    }

    /// The units directly under `id` (villages of the township, zones and groups of a village).
    pub fn children(&self, id: UnitId) -> &[UnitId] {
        self.state.children.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The groups of a village or community, or of a zone; the group itself for a group; every
    /// group for the township.
    pub fn groups_of(&self, id: UnitId) -> Vec<UnitId> {
        self.state.groups_under(id)
    }

    /// How messages name a unit: `"Qianjin group 3 (U12)"`.
    pub fn unit_label(&self, id: UnitId) -> String {
        self.state.label(id)
    }

    /// A member of staff, if enrolled.
    pub fn staff(&self, id: StaffId) -> Option<&Staff> {
        self.state.staff.get(&id)
    }

    /// Every member of staff's id, in the order enrolled.
    pub fn staff_ids(&self) -> impl Iterator<Item = StaffId> + '_ {
        self.state.staff.keys().copied()
    }

    /// Every current assignment.
    pub fn assignments(&self) -> impl Iterator<Item = &Assignment> {
        self.state.assignments.iter()
    }

    /// A household, if registered.
    pub fn household(&self, id: HouseholdId) -> Option<&Household> {
        self.state.households.get(&id)
    }

    /// Every household.
    pub fn households(&self) -> impl Iterator<Item = &Household> {
        self.state.households.values()
    }

    /// The households of a unit and every unit below it, by id.
    pub fn households_in(&self, unit: UnitId) -> Vec<HouseholdId> {
        let mut out: Vec<HouseholdId> = self
            .state
            .groups_under(unit)
            .iter()
            .flat_map(|g| self.state.group_households.get(g).into_iter().flatten())
            .copied()
            .collect();
        out.sort_unstable();
        out
    }

    /// A resident, if registered (deregistered residents stay, with their reason).
    pub fn resident(&self, id: ResidentId) -> Option<&Resident> {
        self.state.residents.get(&id)
    }

    /// Every resident ever registered.
    pub fn residents(&self) -> impl Iterator<Item = &Resident> {
        self.state.residents.values()
    }

    /// The registered resident with this identity number, if any.
    pub fn find_by_identity(&self, identity: &IdentityNumber) -> Option<&Resident> {
        self.state
            .by_identity
            .get(identity)
            .and_then(|r| self.state.residents.get(r))
    }

    /// The staff who answer for a unit: those assigned to it, to its zone, or to any unit above
    /// it. Leaders' township-wide authority is not an assignment and is not listed unless they
    /// are assigned.
    pub fn responsible_for(&self, unit: UnitId) -> Vec<Responsibility> {
        let s = &self.state;
        let mut out: Vec<Responsibility> = s
            .covering_units(unit)
            .into_iter()
            .flat_map(|u| s.by_unit.get(&u).into_iter().flatten())
            .filter_map(|a| {
                s.staff.get(&a.staff).map(|st| Responsibility {
                    staff: a.staff,
                    role: st.role,
                    assignment: *a,
                })
            })
            .collect();
        out.sort_by_key(|r| r.assignment);
        out
    }

    /// The staff who answer for a household (those who answer for its group).
    pub fn responsible_for_household(&self, household: HouseholdId) -> Vec<Responsibility> {
        self.state
            .households
            .get(&household)
            .map(|h| self.responsible_for(h.group))
            .unwrap_or_default()
    }

    /// Villages, communities, zones and groups that nobody with one of `roles` answers for (any
    /// role when `roles` is empty). Assignments to the township itself are left out here,
    /// since they would cover everything: this lists the holes in 联点包村 and 分片包组.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, Role, UnitKind};
    /// let t0: fangkong::Instant = "2020-01-23T15:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t0);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let v = reg.establish_unit(s1, t0, UnitKind::Village, "Baiyun", reg.township(), None)?;
    /// let g = reg.establish_group(s1, t0, v, 1, "Baiyun group 1")?;
    /// assert_eq!(reg.unassigned_units(&[Role::Cadre]), vec![v, g]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn unassigned_units(&self, roles: &[Role]) -> Vec<UnitId> {
        let s = &self.state;
        let covering: BTreeSet<UnitId> = s
            .assignments
            .iter()
            .filter(|a| Some(a.unit) != s.township)
            .filter(|a| {
                roles.is_empty()
                    || s.staff
                        .get(&a.staff)
                        .is_some_and(|st| roles.contains(&st.role))
            })
            .map(|a| a.unit)
            .collect();
        s.units
            .values()
            .filter(|u| u.kind != UnitKind::Township)
            .filter(|u| !s.covering_units(u.id).iter().any(|c| covering.contains(c)))
            .map(|u| u.id)
            .collect()
    }

    /// Households in groups that nobody with one of `roles` answers for (any role when empty).
    pub fn unassigned_households(&self, roles: &[Role]) -> Vec<HouseholdId> {
        let mut out: Vec<HouseholdId> = self
            .unassigned_units(roles)
            .into_iter()
            .filter(|u| {
                self.state
                    .units
                    .get(u)
                    .is_some_and(|x| x.kind == UnitKind::Group)
            })
            .flat_map(|g| {
                self.state
                    .group_households
                    .get(&g)
                    .cloned()
                    .unwrap_or_default()
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Counts for each village and community, in the order established.
    pub fn summary_by_village(&self) -> Vec<UnitSummary> {
        let s = &self.state;
        // Staff assigned within each village: each assignment counted at its village.
        let mut staff_of: BTreeMap<UnitId, BTreeSet<StaffId>> = BTreeMap::new();
        for a in &s.assignments {
            let village = s.covering_units(a.unit).into_iter().find(|u| {
                s.units
                    .get(u)
                    .is_some_and(|x| matches!(x.kind, UnitKind::Village | UnitKind::Community))
            });
            if let Some(v) = village {
                staff_of.entry(v).or_default().insert(a.staff);
            }
        }
        s.units
            .values()
            .filter(|u| matches!(u.kind, UnitKind::Village | UnitKind::Community))
            .map(|u| {
                let groups = s.groups_under(u.id);
                let households = groups
                    .iter()
                    .filter_map(|g| s.group_households.get(g))
                    .map(Vec::len)
                    .sum();
                let residents = groups
                    .iter()
                    .filter_map(|g| s.group_households.get(g))
                    .flatten()
                    .filter_map(|h| s.households.get(h))
                    .map(|h| h.residents.len())
                    .sum();
                UnitSummary {
                    unit: u.id,
                    name: u.name.clone(),
                    kind: u.kind,
                    groups: groups.len(),
                    households,
                    residents,
                    staff: staff_of.get(&u.id).map_or(0, BTreeSet::len),
                }
            })
            .collect()
    }
}

fn created_by(e: &Event) -> Option<Created> {
    match e {
        Event::UnitEstablished { unit, .. } => Some(Created::Unit(*unit)),
        Event::StaffEnrolled { staff, .. } => Some(Created::Staff(*staff)),
        Event::HouseholdRegistered { household, .. } => Some(Created::Household(*household)),
        Event::ResidentRegistered { resident, .. } => Some(Created::Resident(*resident)),
        Event::ObservationOpened { observation, .. } => Some(Created::Observation(*observation)),
        _ => None,
    }
}

fn action_of(c: &Command) -> Action {
    match c {
        Command::EstablishUnit { .. } | Command::ZoneGroups { .. } => Action::EstablishUnit,
        Command::EnrollStaff { .. } => Action::EnrollStaff,
        Command::AssignStaff { .. } | Command::EndAssignment { .. } => Action::AssignStaff,
        Command::RegisterHousehold { .. } => Action::RegisterHousehold,
        Command::RegisterResident { .. } | Command::CorrectResident { .. } => {
            Action::RegisterResident
        }
        Command::MoveHousehold { .. } | Command::MoveResident { .. } => Action::MoveHousehold,
        Command::DeregisterResident { .. } => Action::DeregisterResident,
        Command::DesignateRiskArea { .. }
        | Command::LiftRiskArea { .. }
        | Command::ConfirmRiskProposal { .. } => Action::ManageRiskAreas,
        Command::AdoptScreeningRule { .. }
        | Command::OpenScreeningRound { .. }
        | Command::CloseScreeningRound { .. } => Action::ManageScreening,
        Command::RecordVisit { .. } | Command::RecordInterview { .. } => Action::RecordScreening,
        Command::AdoptProtocol { .. } => Action::ManageProtocols,
        Command::OpenObservation { .. } => Action::RecordMedicalDecision,
        // The change itself may need a health worker: checked with the change.
        Command::UpdateObservation { .. } => Action::RecordFollowUp,
    }
}

fn roles_text(roles: &[Role]) -> String {
    let names: Vec<String> = roles.iter().map(|r| format!("{r}s")).collect();
    match names.as_slice() {
        [] => "nobody".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// A vector with room for one element: most households are visited once, most residents
/// interviewed once, and a vector's first push would otherwise make room for four.
fn one<T>() -> Vec<T> {
    Vec::with_capacity(1)
}

fn non_empty(s: &str, what: &'static str) -> Result<(), Error> {
    if s.trim().is_empty() {
        Err(Error::EmptyText { what })
    } else {
        Ok(())
    }
}

impl State {
    /// Folds one event in; `actor` and `at` are those of its ledger entry.
    fn apply(&mut self, event: &Event, actor: StaffId, at: Instant) {
        match event {
            Event::TownshipFounded {
                unit,
                name,
                code,
                offset,
            } => {
                self.township = Some(*unit);
                self.offset = *offset;
                self.insert_unit(Unit {
                    id: *unit,
                    kind: UnitKind::Township,
                    name: name.clone(),
                    parent: None,
                    code: *code,
                    number: None,
                    zone: None,
                });
            }
            Event::UnitEstablished {
                unit,
                kind,
                name,
                parent,
                code,
                number,
            } => self.insert_unit(Unit {
                id: *unit,
                kind: *kind,
                name: name.clone(),
                parent: Some(*parent),
                code: *code,
                number: *number,
                zone: None,
            }),
            Event::GroupsZoned { zone, groups } => {
                for g in groups {
                    if let Some(u) = self.units.get_mut(g) {
                        u.zone = Some(*zone);
                    }
                }
            }
            Event::StaffEnrolled {
                staff,
                name,
                role,
                phone,
            } => {
                self.next_staff = self.next_staff.max(staff.get().saturating_add(1));
                self.staff.insert(
                    *staff,
                    Staff {
                        id: *staff,
                        name: name.clone(),
                        role: *role,
                        phone: *phone,
                    },
                );
            }
            Event::StaffAssigned { staff, unit, duty } => {
                let a = Assignment {
                    staff: *staff,
                    unit: *unit,
                    duty: *duty,
                };
                if self.assignments.insert(a) {
                    self.by_unit.entry(*unit).or_default().push(a);
                }
            }
            Event::AssignmentEnded { staff, unit } => {
                self.assignments
                    .retain(|a| !(a.staff == *staff && a.unit == *unit));
                if let Some(list) = self.by_unit.get_mut(unit) {
                    list.retain(|a| a.staff != *staff);
                }
            }
            Event::HouseholdRegistered {
                household,
                group,
                address,
            } => {
                self.next_household = self.next_household.max(household.get().saturating_add(1));
                self.households.insert(
                    *household,
                    Household {
                        id: *household,
                        group: *group,
                        address: address.clone(),
                        residents: Vec::new(),
                    },
                );
                self.group_households
                    .entry(*group)
                    .or_default()
                    .push(*household);
            }
            Event::ResidentRegistered {
                resident,
                household,
                details,
            } => {
                self.next_resident = self.next_resident.max(resident.get().saturating_add(1));
                if let Some(id) = &details.identity {
                    self.by_identity.insert(*id, *resident);
                }
                if let Some(h) = self.households.get_mut(household) {
                    h.residents.push(*resident);
                }
                self.residents.insert(
                    *resident,
                    Resident {
                        id: *resident,
                        household: *household,
                        details: details.clone(),
                        deregistered: None,
                    },
                );
            }
            Event::ResidentCorrected {
                resident, details, ..
            } => {
                if let Some(r) = self.residents.get_mut(resident) {
                    if let Some(old) = &r.details.identity {
                        self.by_identity.remove(old);
                    }
                    if let Some(new) = &details.identity {
                        self.by_identity.insert(*new, *resident);
                    }
                    r.details = details.clone();
                }
            }
            Event::HouseholdMoved {
                household,
                from,
                to,
            } => {
                if let Some(h) = self.households.get_mut(household) {
                    h.group = *to;
                }
                if let Some(list) = self.group_households.get_mut(from) {
                    list.retain(|x| x != household);
                }
                self.group_households
                    .entry(*to)
                    .or_default()
                    .push(*household);
            }
            Event::ResidentMoved {
                resident,
                from,
                to,
                relation,
            } => {
                if let Some(h) = self.households.get_mut(from) {
                    h.residents.retain(|r| r != resident);
                }
                if let Some(h) = self.households.get_mut(to) {
                    h.residents.push(*resident);
                }
                if let Some(r) = self.residents.get_mut(resident) {
                    r.household = *to;
                    r.details.relation = relation.clone();
                }
            }
            Event::ResidentDeregistered { resident, reason } => {
                if let Some(r) = self.residents.get_mut(resident) {
                    r.deregistered = Some(reason.clone());
                    if let Some(h) = self.households.get_mut(&r.household) {
                        h.residents.retain(|x| x != resident);
                    }
                    if let Some(id) = &r.details.identity {
                        self.by_identity.remove(id);
                    }
                }
            }
            Event::RiskRegisterChanged { .. }
            | Event::ScreeningRuleAdopted { .. }
            | Event::ScreeningRoundOpened { .. }
            | Event::ScreeningRoundClosed { .. }
            | Event::HouseholdVisited { .. }
            | Event::InterviewRecorded { .. } => self.apply_screening(event, actor, at),
            Event::ProtocolAdopted { .. }
            | Event::ObservationOpened { .. }
            | Event::ObservationUpdated { .. } => self.apply_observation(event),
        }
    }

    fn insert_unit(&mut self, unit: Unit) {
        self.next_unit = self.next_unit.max(unit.id.get().saturating_add(1));
        if let Some(code) = unit.code {
            self.codes.entry(code).or_insert(unit.id);
        }
        if let Some(p) = unit.parent {
            self.children.entry(p).or_default().push(unit.id);
        }
        self.units.insert(unit.id, unit);
    }

    fn unit(&self, id: UnitId) -> Result<&Unit, Error> {
        self.units.get(&id).ok_or(Error::UnknownUnit { unit: id })
    }

    fn group(&self, id: UnitId) -> Result<&Unit, Error> {
        let u = self.unit(id)?;
        if u.kind == UnitKind::Group {
            Ok(u)
        } else {
            Err(Error::WrongUnitKind {
                unit: self.label(id),
                found: u.kind.as_str(),
                expected: "a group (households are registered in groups)",
            })
        }
    }

    fn household(&self, id: HouseholdId) -> Result<&Household, Error> {
        self.households
            .get(&id)
            .ok_or(Error::UnknownHousehold { household: id })
    }

    fn active_resident(&self, id: ResidentId) -> Result<&Resident, Error> {
        let r = self
            .residents
            .get(&id)
            .ok_or(Error::UnknownResident { resident: id })?;
        if r.deregistered.is_some() {
            return Err(Error::ResidentDeregistered { resident: id });
        }
        Ok(r)
    }

    fn group_by_number(&self, village: UnitId, number: u16) -> Option<String> {
        self.children
            .get(&village)?
            .iter()
            .filter_map(|c| self.units.get(c))
            .find(|u| u.kind == UnitKind::Group && u.number == Some(number))
            .map(|u| self.label(u.id))
    }

    fn label(&self, id: UnitId) -> String {
        match self.units.get(&id) {
            Some(u) => format!("{} ({})", u.name, id),
            None => id.to_string(),
        }
    }

    /// Whether an assignment to `assigned` covers `unit`.
    fn unit_covers(&self, assigned: UnitId, unit: UnitId) -> bool {
        let mut cur = Some(unit);
        // The depth of a grid is small; the bound protects against a cyclic, tampered state.
        for _ in 0..16 {
            let Some(u) = cur.and_then(|c| self.units.get(&c)) else {
                return false;
            };
            if u.id == assigned || u.zone == Some(assigned) {
                return true;
            }
            cur = u.parent;
        }
        false
    }

    fn covers_staff(&self, staff: StaffId, unit: UnitId) -> bool {
        self.assignments_of(staff)
            .any(|a| self.unit_covers(a.unit, unit))
    }

    /// The assignments of one member of staff (the set is ordered by staff first).
    fn assignments_of(&self, staff: StaffId) -> impl Iterator<Item = &Assignment> {
        let from = Assignment {
            staff,
            unit: UnitId::new(0),
            duty: Duty::ChargeOfVillage,
        };
        self.assignments
            .range(from..)
            .take_while(move |a| a.staff == staff)
    }

    /// The unit, then (for a group) its zone, then each unit above it: every unit whose
    /// assignments cover `unit`.
    fn covering_units(&self, unit: UnitId) -> Vec<UnitId> {
        let mut out = Vec::with_capacity(6);
        let mut cur = Some(unit);
        // The depth of a grid is small; the bound protects against a cyclic, tampered state.
        for _ in 0..16 {
            let Some(u) = cur.and_then(|c| self.units.get(&c)) else {
                break;
            };
            out.push(u.id);
            if let Some(z) = u.zone {
                out.push(z);
            }
            cur = u.parent;
        }
        out
    }

    fn groups_under(&self, id: UnitId) -> Vec<UnitId> {
        let Some(unit) = self.units.get(&id) else {
            return Vec::new();
        };
        match unit.kind {
            UnitKind::Group => vec![id],
            UnitKind::Zone => self
                .units
                .values()
                .filter(|u| u.kind == UnitKind::Group && u.zone == Some(id))
                .map(|u| u.id)
                .collect(),
            _ => {
                let mut out = Vec::new();
                let mut stack = vec![id];
                while let Some(cur) = stack.pop() {
                    for c in self.children.get(&cur).into_iter().flatten() {
                        match self.units.get(c).map(|u| u.kind) {
                            Some(UnitKind::Group) => out.push(*c),
                            Some(UnitKind::Zone) | None => {}
                            Some(_) => stack.push(*c),
                        }
                    }
                }
                out.sort_unstable();
                out
            }
        }
    }

    fn check_no_head(
        &self,
        household: HouseholdId,
        except: Option<ResidentId>,
    ) -> Result<(), Error> {
        let h = self.household(household)?;
        if let Some(head) = h.residents.iter().find(|r| {
            Some(**r) != except
                && self
                    .residents
                    .get(r)
                    .is_some_and(|x| x.details.relation == Relation::Head)
        }) {
            return Err(Error::SecondHead {
                household,
                head: *head,
            });
        }
        Ok(())
    }

    fn check_details(
        &self,
        d: &ResidentDetails,
        household: HouseholdId,
        resident: Option<ResidentId>,
        today: Day,
    ) -> Result<(), Error> {
        non_empty(&d.name, "the resident's name")?;
        if d.birth_date > today {
            return Err(Error::BirthInFuture {
                birth_date: d.birth_date,
                today,
            });
        }
        if let Some(id) = &d.identity {
            if id.birth_date() != d.birth_date {
                return Err(Error::IdentityDisagrees {
                    identity: id.masked(),
                    field: "birth date",
                });
            }
            if id.sex() != d.sex {
                return Err(Error::IdentityDisagrees {
                    identity: id.masked(),
                    field: "sex",
                });
            }
            if let Some(other) = self.by_identity.get(id).filter(|o| Some(**o) != resident) {
                let household = self.residents.get(other).map(|r| r.household);
                return Err(Error::DuplicateIdentity {
                    identity: id.masked(),
                    resident: *other,
                    household,
                });
            }
        }
        if d.relation == Relation::Head {
            self.check_no_head(household, resident)?;
        }
        Ok(())
    }
}

impl crate::context::GridView for State {
    fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.get(&id)
    }
    fn label(&self, id: UnitId) -> String {
        State::label(self, id)
    }
    fn covering_units(&self, unit: UnitId) -> Vec<UnitId> {
        State::covering_units(self, unit)
    }
    fn groups_under(&self, unit: UnitId) -> Vec<UnitId> {
        State::groups_under(self, unit)
    }
    fn households_of_group(&self, group: UnitId) -> &[HouseholdId] {
        self.group_households.get(&group).map_or(&[], Vec::as_slice)
    }
    fn household(&self, id: HouseholdId) -> Option<&Household> {
        self.households.get(&id)
    }
    fn resident(&self, id: ResidentId) -> Option<&Resident> {
        self.residents.get(&id)
    }
    fn staff(&self, id: StaffId) -> Option<&Staff> {
        self.staff.get(&id)
    }
    fn assignments_to(&self, unit: UnitId) -> &[Assignment] {
        self.by_unit.get(&unit).map_or(&[], Vec::as_slice)
    }
    fn covers_staff(&self, staff: StaffId, unit: UnitId) -> bool {
        State::covers_staff(self, staff, unit)
    }
    fn assigned_labels(&self, staff: StaffId) -> Vec<String> {
        self.assignments_of(staff).map(|a| self.label(a.unit)).collect()
    }
}
