//! The grid's commands, events and state: units, staff, assignments, households and residents.

use crate::grid::GridError;
use crate::value_error::ValueError;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::identity_index::IdentityIndex;
use super::{Action, Assignment, Duty, Role, Staff, Unit, UnitKind};
use crate::calendar::{Day, UtcOffset};
use crate::error::Error;
use crate::grid::context::{
    Context, EntryMeta, GridView, TextKind, non_empty, roles_text, text_field,
};
use crate::household::{DeregistrationReason, Household, Relation, Resident, ResidentDetails};
use crate::identity::Phone;
use crate::ids::{HouseholdId, ObservationId, ResidentId, StaffId, UnitId, fresh_number};
use crate::place::StatisticalCode;
use crate::table::Table;

/// A request to change the grid (网格): units, staff, assignments, households, residents.
///
/// Pass it (or the crate-level [`Command`](crate::Command) wrapping it) to
/// [`Registry::execute`](crate::Registry::execute). Variant names are part of the stored format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum GridCommand {
    /// Establish a village, community, zone or group under `parent`, which must lie within
    /// the leader's reach: a village under the township takes a leader assigned to the
    /// township; a zone or group of Qianjin, one assigned to Qianjin (or the township).
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
    /// Enroll a member of staff. Staff are the township's, so enrolling takes a leader
    /// assigned to the township; a leader linked to a village then assigns them there.
    EnrollStaff {
        /// Their name.
        name: String,
        /// Their role.
        role: Role,
        /// Their phone.
        phone: Option<Phone>,
    },
    /// Assign a member of staff to a unit within the leader's reach (to the township itself:
    /// a leader assigned to the township).
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
    /// Reveal a resident's full phone or identity number to the actor, who must be assigned
    /// over the resident's group. Recorded so the ledger shows who took what (PIPL).
    RevealContact {
        /// Whose.
        resident: ResidentId,
        /// Which field.
        field: ContactField,
    },
}

/// A field of personal data revealed in full only through
/// [`GridCommand::RevealContact`] (`Registry::reveal_phone`, `Registry::reveal_identity`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContactField {
    /// The phone (电话).
    Phone,
    /// The resident identity number (身份证号码).
    IdentityNumber,
}

impl GridCommand {
    /// The action this command needs permission for ([`Action::roles`]).
    pub fn action(&self) -> Action {
        match self {
            GridCommand::EstablishUnit { .. } | GridCommand::ZoneGroups { .. } => {
                Action::EstablishUnit
            }
            GridCommand::EnrollStaff { .. } => Action::EnrollStaff,
            GridCommand::AssignStaff { .. } | GridCommand::EndAssignment { .. } => {
                Action::AssignStaff
            }
            GridCommand::RegisterHousehold { .. } => Action::RegisterHousehold,
            GridCommand::RegisterResident { .. } | GridCommand::CorrectResident { .. } => {
                Action::RegisterResident
            }
            GridCommand::MoveHousehold { .. } | GridCommand::MoveResident { .. } => {
                Action::MoveHousehold
            }
            GridCommand::DeregisterResident { .. } => Action::DeregisterResident,
            GridCommand::RevealContact { .. } => Action::RevealContact,
        }
    }
}

/// A fact about the grid recorded in the ledger. Past tense; applying one cannot fail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum GridEvent {
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
    /// A resident's full phone or identity number was revealed to the entry's actor.
    ContactRevealed {
        /// Whose.
        resident: ResidentId,
        /// Which field.
        field: ContactField,
    },
}

/// What the grid's decisions ask of the modules above it, without naming them: whether a
/// resident is under observation (a resident under observation cannot be deregistered).
pub(crate) trait GridGuards {
    /// The resident's observation under way on `day`, if any.
    fn open_observation(&self, resident: ResidentId, day: Day) -> Option<ObservationId>;
}

/// More than the levels of any grid (township, village or community, zone, group): walks up
/// the grid stop after this many steps, whatever the state holds.
pub(crate) const MAX_DEPTH: usize = 16;

/// The grid as built by its events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct GridState {
    pub(crate) township: Option<UnitId>,
    pub(crate) offset: UtcOffset,
    pub(crate) units: BTreeMap<UnitId, Unit>,
    pub(crate) children: BTreeMap<UnitId, Vec<UnitId>>,
    pub(crate) staff: BTreeMap<StaffId, Staff>,
    pub(crate) assignments: BTreeSet<Assignment>,
    pub(crate) by_unit: BTreeMap<UnitId, Vec<Assignment>>,
    pub(crate) codes: BTreeMap<StatisticalCode, UnitId>,
    pub(crate) households: Table<HouseholdId, Household>,
    pub(crate) group_households: BTreeMap<UnitId, Vec<HouseholdId>>,
    pub(crate) residents: Table<ResidentId, Resident>,
    pub(crate) by_identity: IdentityIndex,
    pub(crate) next_unit: u32,
    pub(crate) next_staff: u32,
    pub(crate) next_household: u32,
    pub(crate) next_resident: u32,
}

/// Authorizes (reach) and validates a grid command, and returns the events it produces. The
/// registry has checked the actor's role for [`GridCommand::action`].
pub(crate) fn decide(
    s: &GridState,
    ctx: &Context<'_>,
    guards: &dyn GridGuards,
    command: &GridCommand,
) -> Result<Vec<GridEvent>, Error> {
    check_texts(command)?;
    let action = command.action();
    match command {
        GridCommand::EstablishUnit {
            kind,
            name,
            parent,
            code,
            number,
        } => {
            let parent_unit = s.unit(*parent)?;
            ctx.reach(action, *parent)?;
            if !kind.allowed_parents().contains(&parent_unit.kind) {
                return Err(Error::Grid(GridError::WrongParent {
                    kind: kind.label_en(),
                    parent: s.label(*parent),
                    parent_kind: parent_unit.kind.label_en(),
                }));
            }
            non_empty(name, "the new unit's name")?;
            match (kind, number) {
                (UnitKind::Group, None) => {
                    return Err(Error::Grid(GridError::GroupNumberMissing {
                        village: s.label(*parent),
                    }));
                }
                (UnitKind::Group, Some(n)) => {
                    if let Some(existing) = s.group_by_number(*parent, *n) {
                        return Err(Error::Grid(GridError::DuplicateGroupNumber {
                            village: s.label(*parent),
                            number: *n,
                            existing,
                        }));
                    }
                }
                (_, Some(_)) => {
                    return Err(Error::Grid(GridError::NumberOnlyForGroups {
                        kind: kind.label_en(),
                    }));
                }
                (_, None) => {}
            }
            if let Some(code) = code
                && let Some(existing) = s.codes.get(code).and_then(|u| s.units.get(u))
            {
                return Err(Error::Grid(GridError::DuplicateUnitCode {
                    code: code.to_string(),
                    existing: s.label(existing.id),
                }));
            }
            Ok(vec![GridEvent::UnitEstablished {
                unit: UnitId::new(fresh_number(s.next_unit, "units")?),
                kind: *kind,
                name: name.trim().to_owned(),
                parent: *parent,
                code: *code,
                number: *number,
            }])
        }
        GridCommand::ZoneGroups { zone, groups } => {
            let z = s.unit(*zone)?;
            if z.kind != UnitKind::Zone {
                return Err(Error::Grid(GridError::WrongUnitKind {
                    unit: s.label(*zone),
                    found: z.kind.label_en(),
                    expected: "a zone",
                }));
            }
            ctx.reach(action, *zone)?;
            for g in groups {
                let unit = s.unit(*g)?;
                if unit.kind != UnitKind::Group || unit.parent != z.parent {
                    return Err(Error::Grid(GridError::GroupNotInZoneVillage {
                        group: s.label(*g),
                        zone: s.label(*zone),
                    }));
                }
                if let Some(other) = unit.zone.filter(|o| o != zone) {
                    return Err(Error::Grid(GridError::GroupAlreadyZoned {
                        group: s.label(*g),
                        zone: s.label(other),
                    }));
                }
            }
            Ok(vec![GridEvent::GroupsZoned {
                zone: *zone,
                groups: groups.clone(),
            }])
        }
        GridCommand::EnrollStaff { name, role, phone } => {
            // Staff are the township's: enrolling takes an assignment to the township.
            ctx.reach_township(action)?;
            non_empty(name, "the new staff member's name")?;
            Ok(vec![GridEvent::StaffEnrolled {
                staff: StaffId::new(fresh_number(s.next_staff, "staff")?),
                name: name.trim().to_owned(),
                role: *role,
                phone: *phone,
            }])
        }
        GridCommand::AssignStaff { staff, unit, duty } => {
            let member = s
                .staff
                .get(staff)
                .ok_or(Error::UnknownStaff { staff: *staff })?;
            s.unit(*unit)?;
            ctx.reach(action, *unit)?;
            if !duty.fits(member.role) {
                return Err(Error::Grid(GridError::DutyDoesNotFitRole {
                    staff: member.label(),
                    duty: duty.label_en(),
                    fits: roles_text(duty.roles()),
                }));
            }
            if s.assignments
                .iter()
                .any(|a| a.staff == *staff && a.unit == *unit)
            {
                return Err(Error::Grid(GridError::AlreadyAssigned {
                    staff: member.label(),
                    unit: s.label(*unit),
                }));
            }
            Ok(vec![GridEvent::StaffAssigned {
                staff: *staff,
                unit: *unit,
                duty: *duty,
            }])
        }
        GridCommand::EndAssignment { staff, unit } => {
            let member = s
                .staff
                .get(staff)
                .ok_or(Error::UnknownStaff { staff: *staff })?;
            s.unit(*unit)?;
            ctx.reach(action, *unit)?;
            if !s
                .assignments
                .iter()
                .any(|a| a.staff == *staff && a.unit == *unit)
            {
                return Err(Error::Grid(GridError::NotAssigned {
                    staff: member.label(),
                    unit: s.label(*unit),
                }));
            }
            Ok(vec![GridEvent::AssignmentEnded {
                staff: *staff,
                unit: *unit,
            }])
        }
        GridCommand::RegisterHousehold { group, address } => {
            s.group(*group)?;
            ctx.reach(action, *group)?;
            non_empty(address, "the household's address")?;
            Ok(vec![GridEvent::HouseholdRegistered {
                household: HouseholdId::new(fresh_number(s.next_household, "households")?),
                group: *group,
                address: address.trim().to_owned(),
            }])
        }
        GridCommand::RegisterResident { household, details } => {
            let h = s.household(*household)?;
            ctx.reach(action, h.group)?;
            s.check_details(details, *household, None, ctx.today)?;
            Ok(vec![GridEvent::ResidentRegistered {
                resident: ResidentId::new(fresh_number(s.next_resident, "residents")?),
                household: *household,
                details: details.clone(),
            }])
        }
        GridCommand::CorrectResident { resident, details } => {
            let r = s.active_resident(*resident)?;
            ctx.reach(action, s.household(r.household)?.group)?;
            s.check_details(details, r.household, Some(*resident), ctx.today)?;
            if *details == r.details {
                return Err(Error::Grid(GridError::NothingToCorrect {
                    resident: *resident,
                }));
            }
            Ok(vec![GridEvent::ResidentCorrected {
                resident: *resident,
                previous: r.details.clone(),
                details: details.clone(),
            }])
        }
        GridCommand::MoveHousehold { household, to } => {
            let h = s.household(*household)?;
            s.group(*to)?;
            ctx.reach(action, h.group)?;
            ctx.reach(action, *to)?;
            if h.group == *to {
                return Err(Error::Grid(GridError::AlreadyThere {
                    what: household.to_string(),
                    place: s.label(*to),
                }));
            }
            Ok(vec![GridEvent::HouseholdMoved {
                household: *household,
                from: h.group,
                to: *to,
            }])
        }
        GridCommand::MoveResident {
            resident,
            to,
            relation,
        } => {
            let r = s.active_resident(*resident)?;
            let from = s.household(r.household)?;
            let dest = s.household(*to)?;
            ctx.reach(action, from.group)?;
            ctx.reach(action, dest.group)?;
            if r.household == *to {
                return Err(Error::Grid(GridError::AlreadyThere {
                    what: resident.to_string(),
                    place: to.to_string(),
                }));
            }
            if *relation == Relation::Head {
                s.check_no_head(*to, None)?;
            }
            Ok(vec![GridEvent::ResidentMoved {
                resident: *resident,
                from: r.household,
                to: *to,
                relation: relation.clone(),
            }])
        }
        GridCommand::DeregisterResident { resident, reason } => {
            let r = s.active_resident(*resident)?;
            ctx.reach(action, s.household(r.household)?.group)?;
            if let Some(observation) = guards.open_observation(*resident, ctx.today) {
                return Err(Error::Grid(GridError::StillUnderObservation {
                    resident: *resident,
                    observation,
                }));
            }
            Ok(vec![GridEvent::ResidentDeregistered {
                resident: *resident,
                reason: reason.clone(),
            }])
        }
        GridCommand::RevealContact { resident, field } => {
            let r = s.active_resident(*resident)?;
            let group = s.household(r.household)?.group;
            // Only those assigned over the group: a township-wide role is not enough.
            if !ctx.assigned_over(group) {
                return Err(Error::Grid(GridError::NotResponsibleForResident {
                    actor: ctx.actor.label(),
                    resident: *resident,
                    group: s.label(group),
                }));
            }
            let on_record = match field {
                ContactField::Phone => r.details.phone.is_some(),
                ContactField::IdentityNumber => r.details.identity.is_some(),
            };
            if !on_record {
                return Err(Error::Grid(GridError::NoContactOnRecord {
                    resident: *resident,
                    field: field.label_en(),
                }));
            }
            Ok(vec![GridEvent::ContactRevealed {
                resident: *resident,
                field: *field,
            }])
        }
    }
}

/// Checks the free text a grid command carries against its limits ([`crate::limits`]).
fn check_texts(command: &GridCommand) -> Result<(), ValueError> {
    match command {
        GridCommand::EstablishUnit { name, .. } => {
            Ok(text_field(name, "the new unit's name", TextKind::Name)?)
        }
        GridCommand::EnrollStaff { name, .. } => Ok(text_field(
            name,
            "the new staff member's name",
            TextKind::Name,
        )?),
        GridCommand::RegisterHousehold { address, .. } => Ok(text_field(
            address,
            "the household's address",
            TextKind::Address,
        )?),
        GridCommand::RegisterResident { details, .. }
        | GridCommand::CorrectResident { details, .. } => {
            text_field(&details.name, "the resident's name", TextKind::Name)?;
            relation_text(&details.relation)
        }
        GridCommand::MoveResident { relation, .. } => relation_text(relation),
        GridCommand::DeregisterResident {
            reason: DeregistrationReason::RegisteredInError(why),
            ..
        } => text_field(
            why,
            "the explanation of a registration in error",
            TextKind::Note,
        ),
        _ => Ok(()),
    }
}

fn relation_text(relation: &Relation) -> Result<(), ValueError> {
    match relation {
        Relation::Other(r) => Ok(text_field(r, "the relation to the head", TextKind::Name)?),
        _ => Ok(()),
    }
}

impl GridState {
    /// Folds one event in, taking its details (issue 14: no clone of a resident's details).
    pub(crate) fn apply(&mut self, event: GridEvent, _meta: &EntryMeta) {
        match event {
            GridEvent::TownshipFounded {
                unit,
                name,
                code,
                offset,
            } => {
                self.township = Some(unit);
                self.offset = offset;
                self.insert_unit(Unit {
                    id: unit,
                    kind: UnitKind::Township,
                    name,
                    parent: None,
                    code,
                    number: None,
                    zone: None,
                });
            }
            GridEvent::UnitEstablished {
                unit,
                kind,
                name,
                parent,
                code,
                number,
            } => self.insert_unit(Unit {
                id: unit,
                kind,
                name,
                parent: Some(parent),
                code,
                number,
                zone: None,
            }),
            GridEvent::GroupsZoned { zone, groups } => {
                for g in groups {
                    if let Some(u) = self.units.get_mut(&g) {
                        u.zone = Some(zone);
                    }
                }
            }
            GridEvent::StaffEnrolled {
                staff,
                name,
                role,
                phone,
            } => {
                self.next_staff = self.next_staff.max(staff.get().saturating_add(1));
                self.staff.insert(
                    staff,
                    Staff {
                        id: staff,
                        name,
                        role,
                        phone,
                    },
                );
            }
            GridEvent::StaffAssigned { staff, unit, duty } => {
                let a = Assignment { staff, unit, duty };
                if self.assignments.insert(a) {
                    self.by_unit.entry(unit).or_default().push(a);
                }
            }
            GridEvent::AssignmentEnded { staff, unit } => {
                self.assignments
                    .retain(|a| !(a.staff == staff && a.unit == unit));
                if let Some(list) = self.by_unit.get_mut(&unit) {
                    list.retain(|a| a.staff != staff);
                }
            }
            GridEvent::HouseholdRegistered {
                household,
                group,
                address,
            } => {
                self.next_household = self.next_household.max(household.get().saturating_add(1));
                self.households.insert(
                    household,
                    Household {
                        id: household,
                        group,
                        address: address.into_boxed_str(),
                        residents: Box::default(),
                    },
                );
                self.group_households
                    .entry(group)
                    .or_default()
                    .push(household);
            }
            GridEvent::ResidentRegistered {
                resident,
                household,
                details,
            } => {
                self.next_resident = self.next_resident.max(resident.get().saturating_add(1));
                // A resident registered again under the same number (a ledger assembled by
                // hand) leaves the index under their old identity number first.
                if let Some(old) = self
                    .residents
                    .get(&resident)
                    .and_then(|r| r.details.identity)
                {
                    self.by_identity.remove(&old, &self.residents);
                }
                if let Some(h) = self.households.get_mut(&household) {
                    h.add_resident(resident);
                }
                let identity = details.identity;
                self.residents.insert(
                    resident,
                    Resident {
                        id: resident,
                        household,
                        details,
                        deregistered: None,
                    },
                );
                if let Some(id) = &identity {
                    self.by_identity.insert(id, resident, &self.residents);
                }
            }
            GridEvent::ResidentCorrected {
                resident, details, ..
            } => {
                if let Some(old) = self
                    .residents
                    .get(&resident)
                    .and_then(|r| r.details.identity)
                {
                    self.by_identity.remove(&old, &self.residents);
                }
                let identity = details.identity;
                let held = self.residents.get_mut(&resident).map(|r| {
                    r.details = details;
                });
                if let (Some(()), Some(new)) = (held, &identity) {
                    self.by_identity.insert(new, resident, &self.residents);
                }
            }
            GridEvent::HouseholdMoved {
                household,
                from,
                to,
            } => {
                if let Some(h) = self.households.get_mut(&household) {
                    h.group = to;
                }
                if let Some(list) = self.group_households.get_mut(&from) {
                    list.retain(|x| *x != household);
                }
                self.group_households.entry(to).or_default().push(household);
            }
            GridEvent::ResidentMoved {
                resident,
                from,
                to,
                relation,
            } => {
                if let Some(h) = self.households.get_mut(&from) {
                    h.remove_resident(resident);
                }
                if let Some(h) = self.households.get_mut(&to) {
                    h.add_resident(resident);
                }
                if let Some(r) = self.residents.get_mut(&resident) {
                    r.household = to;
                    r.details.relation = relation;
                }
            }
            GridEvent::ResidentDeregistered { resident, reason } => {
                if let Some(id) = self
                    .residents
                    .get(&resident)
                    .and_then(|r| r.details.identity)
                {
                    self.by_identity.remove(&id, &self.residents);
                }
                if let Some(r) = self.residents.get_mut(&resident) {
                    r.deregistered = Some(Box::new(reason));
                    if let Some(h) = self.households.get_mut(&r.household) {
                        h.remove_resident(resident);
                    }
                }
            }
            // A read, recorded for the audit trail: the state does not change.
            GridEvent::ContactRevealed { .. } => {}
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

    pub(crate) fn unit(&self, id: UnitId) -> Result<&Unit, Error> {
        self.units
            .get(&id)
            .ok_or(Error::Grid(GridError::UnknownUnit { unit: id }))
    }

    pub(crate) fn group(&self, id: UnitId) -> Result<&Unit, Error> {
        let u = self.unit(id)?;
        if u.kind == UnitKind::Group {
            Ok(u)
        } else {
            Err(Error::Grid(GridError::WrongUnitKind {
                unit: self.label(id),
                found: u.kind.label_en(),
                expected: "a group (households are registered in groups)",
            }))
        }
    }

    pub(crate) fn household(&self, id: HouseholdId) -> Result<&Household, Error> {
        self.households
            .get(&id)
            .ok_or(Error::Grid(GridError::UnknownHousehold { household: id }))
    }

    pub(crate) fn active_resident(&self, id: ResidentId) -> Result<&Resident, Error> {
        let r = self
            .residents
            .get(&id)
            .ok_or(Error::Grid(GridError::UnknownResident { resident: id }))?;
        if r.deregistered.is_some() {
            return Err(Error::Grid(GridError::ResidentDeregistered {
                resident: id,
            }));
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

    pub(crate) fn label(&self, id: UnitId) -> String {
        match self.units.get(&id) {
            Some(u) => format!("{} ({})", u.name, id),
            None => id.to_string(),
        }
    }

    /// Whether an assignment to `assigned` covers `unit`.
    fn unit_covers(&self, assigned: UnitId, unit: UnitId) -> bool {
        let mut cur = Some(unit);
        // A grid is at most four levels deep (township, village, zone, group); the bound ends
        // the walk whatever the state holds.
        for _ in 0..MAX_DEPTH {
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

    pub(crate) fn covers_staff(&self, staff: StaffId, unit: UnitId) -> bool {
        self.assignments_of(staff)
            .any(|a| self.unit_covers(a.unit, unit))
    }

    /// The assignments of one member of staff (the set is ordered by staff first).
    pub(crate) fn assignments_of(&self, staff: StaffId) -> impl Iterator<Item = &Assignment> {
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
    pub(crate) fn covering_units(&self, unit: UnitId) -> Vec<UnitId> {
        let mut out = Vec::with_capacity(6);
        let mut cur = Some(unit);
        // A grid is at most four levels deep (township, village, zone, group); the bound ends
        // the walk whatever the state holds.
        for _ in 0..MAX_DEPTH {
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

    pub(crate) fn groups_under(&self, id: UnitId) -> Vec<UnitId> {
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
                // Each unit is walked once: a replayed ledger is checked, so the grid is a
                // tree, but a walk must end whatever the state holds.
                let mut seen = BTreeSet::from([id]);
                while let Some(cur) = stack.pop() {
                    for c in self.children.get(&cur).into_iter().flatten() {
                        if !seen.insert(*c) {
                            continue;
                        }
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
            return Err(Error::Grid(GridError::SecondHead {
                household,
                head: *head,
            }));
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
            return Err(Error::Grid(GridError::BirthInFuture {
                birth_date: d.birth_date,
                today,
            }));
        }
        if let Some(id) = &d.identity {
            if id.birth_date() != d.birth_date {
                return Err(Error::Grid(GridError::IdentityDisagrees {
                    identity: id.masked(),
                    field: "birth date",
                }));
            }
            if id.sex() != d.sex {
                return Err(Error::Grid(GridError::IdentityDisagrees {
                    identity: id.masked(),
                    field: "sex",
                }));
            }
            if let Some(other) = self
                .by_identity
                .get(id, &self.residents)
                .filter(|o| Some(*o) != resident)
            {
                let household = self.residents.get(&other).map(|r| r.household);
                return Err(Error::Grid(GridError::DuplicateIdentity {
                    identity: id.masked(),
                    resident: other,
                    household,
                }));
            }
        }
        if d.relation == Relation::Head {
            self.check_no_head(household, resident)?;
        }
        Ok(())
    }
}

impl GridView for GridState {
    fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.get(&id)
    }
    fn township(&self) -> Option<UnitId> {
        self.township
    }
    fn label(&self, id: UnitId) -> String {
        GridState::label(self, id)
    }
    fn covering_units(&self, unit: UnitId) -> Vec<UnitId> {
        GridState::covering_units(self, unit)
    }
    fn groups_under(&self, unit: UnitId) -> Vec<UnitId> {
        GridState::groups_under(self, unit)
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
        GridState::covers_staff(self, staff, unit)
    }
    fn assigned_labels(&self, staff: StaffId) -> Vec<String> {
        self.assignments_of(staff)
            .map(|a| self.label(a.unit))
            .collect()
    }
    fn units_of_staff(&self, staff: StaffId) -> Vec<UnitId> {
        self.assignments_of(staff).map(|a| a.unit).collect()
    }
}
