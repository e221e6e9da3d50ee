//! The read-only context a module's `decide` receives from the registry.
//!
//! A concept module (screening, observation, gatherings, supervision, reports) decides its
//! commands from its own state and this context: who acts and what they may reach, when, and a
//! view of the grid. It never names the registry: the registry depends on the modules, never
//! the reverse (DESIGN.md, "Arrows point one way").

use super::{Action, Assignment, Staff, Unit};
use crate::calendar::{Day, Instant, UtcOffset};
use crate::error::Error;
use crate::grid::GridError;
use crate::household::{Household, Resident};
use crate::ids::{HouseholdId, ResidentId, StaffId, UnitId};
use crate::value_error::ValueError;

/// A read-only view of the grid: units, staff, assignments, households and residents.
#[allow(dead_code)] // some views serve only the modules that are still being wired in
pub(crate) trait GridView {
    /// A unit, if it exists.
    fn unit(&self, id: UnitId) -> Option<&Unit>;
    /// The township: the unit at the top of the grid, which the founding establishes.
    fn township(&self) -> Option<UnitId>;
    /// How messages name a unit: `"Qianjin group 3 (U12)"`.
    fn label(&self, id: UnitId) -> String;
    /// The unit, then (for a group) its zone, then each unit above it, up to the township.
    fn covering_units(&self, unit: UnitId) -> Vec<UnitId>;
    /// The groups of a unit (the group itself for a group; every group for the township).
    fn groups_under(&self, unit: UnitId) -> Vec<UnitId>;
    /// The households of a group.
    fn households_of_group(&self, group: UnitId) -> &[HouseholdId];
    /// A household, if registered.
    fn household(&self, id: HouseholdId) -> Option<&Household>;
    /// A resident, if registered (deregistered residents included).
    fn resident(&self, id: ResidentId) -> Option<&Resident>;
    /// A member of staff, if enrolled.
    fn staff(&self, id: StaffId) -> Option<&Staff>;
    /// The current assignments to exactly this unit.
    fn assignments_to(&self, unit: UnitId) -> &[Assignment];
    /// Whether an assignment of `staff` covers `unit` (to the unit, its zone, or a unit above).
    fn covers_staff(&self, staff: StaffId, unit: UnitId) -> bool;
    /// The units `staff` is assigned to, as labels (for error messages).
    fn assigned_labels(&self, staff: StaffId) -> Vec<String>;
    /// The units `staff` is assigned to (the duty roster reads who a leave cancellation
    /// binds). The grid's own view gives them; a view that holds no assignments, none.
    fn units_of_staff(&self, staff: StaffId) -> Vec<UnitId> {
        let _ = staff;
        Vec::new()
    }

    /// A unit that must exist.
    ///
    /// # Errors
    /// [`GridError::UnknownUnit`](crate::grid::GridError::UnknownUnit).
    fn known_unit(&self, id: UnitId) -> Result<&Unit, Error> {
        self.unit(id)
            .ok_or(Error::Grid(GridError::UnknownUnit { unit: id }))
    }

    /// A household that must exist.
    ///
    /// # Errors
    /// [`GridError::UnknownHousehold`](crate::grid::GridError::UnknownHousehold).
    fn known_household(&self, id: HouseholdId) -> Result<&Household, Error> {
        self.household(id)
            .ok_or(Error::Grid(GridError::UnknownHousehold { household: id }))
    }

    /// A resident that must exist and not be deregistered.
    ///
    /// # Errors
    /// [`GridError::UnknownResident`](crate::grid::GridError::UnknownResident), [`GridError::ResidentDeregistered`](crate::grid::GridError::ResidentDeregistered).
    fn active_resident(&self, id: ResidentId) -> Result<&Resident, Error> {
        let r = self
            .resident(id)
            .ok_or(Error::Grid(GridError::UnknownResident { resident: id }))?;
        if r.deregistered.is_some() {
            return Err(Error::Grid(GridError::ResidentDeregistered {
                resident: id,
            }));
        }
        Ok(r)
    }
}

/// What a module's `decide` knows besides its own state.
pub(crate) struct Context<'a> {
    /// Who acts.
    pub actor: &'a Staff,
    /// When the command happened.
    pub at: Instant,
    /// The local calendar day of `at`.
    pub today: Day,
    /// The township's local time.
    pub offset: UtcOffset,
    /// The grid, read-only.
    pub grid: &'a dyn GridView,
}

#[allow(dead_code)] // used by the modules as they move onto the context
impl Context<'_> {
    /// Checks that `unit` lies within the actor's reach for `action` ([`reach`], the one rule).
    ///
    /// # Errors
    /// [`Error::OutsideAssignedUnits`] naming the unit and the actor's assignments.
    pub fn reach(&self, action: Action, unit: UnitId) -> Result<(), Error> {
        reach(self.grid, self.actor, action, unit)
    }

    /// Checks that the whole township lies within the actor's reach for `action`: for what
    /// covers the township rather than one of its units (a risk-area designation, a screening
    /// rule, a protocol, the reporting schedule, a kind of gathering or venue, enrolling staff).
    ///
    /// # Errors
    /// [`Error::OutsideAssignedUnits`] naming the township and the actor's assignments.
    pub fn reach_township(&self, action: Action) -> Result<(), Error> {
        reach_township(self.grid, self.actor, action)
    }

    /// Whether the actor is assigned to `unit` or to a unit above it (a leader "of" the unit).
    pub fn assigned_over(&self, unit: UnitId) -> bool {
        self.grid.covers_staff(self.actor.id, unit)
    }
}

/// Checks that `unit` lies within the reach of `who` for `action`: the one reach rule
/// (DOMAIN.md §1, "Reach"). Staff act on the units they are assigned to and everything below
/// them; a leader is no exception (a leader linked to villages answers for those villages, and
/// what covers the whole township takes a leader assigned to the township, as the founding
/// leader is). Only a role that [acts township-wide by its role](crate::Role::acts_township_wide)
/// — the inspectors of the supervision group — reaches every unit without an assignment.
/// Whether the role may take `action` at all is checked before, from the permission table.
pub(crate) fn reach(
    grid: &dyn GridView,
    who: &Staff,
    action: Action,
    unit: UnitId,
) -> Result<(), Error> {
    if who.role.acts_township_wide() || grid.covers_staff(who.id, unit) {
        return Ok(());
    }
    let mut assigned = grid.assigned_labels(who.id);
    if assigned.is_empty() {
        assigned.push("no unit".to_owned());
    }
    Err(Error::OutsideAssignedUnits {
        actor: who.label(),
        action: action.label_en(),
        unit: grid.label(unit),
        assigned: assigned.join(", "),
    })
}

/// [`reach`] over the township itself.
pub(crate) fn reach_township(
    grid: &dyn GridView,
    who: &Staff,
    action: Action,
) -> Result<(), Error> {
    match grid.township() {
        Some(township) => reach(grid, who, action, township),
        // No grid yet: nothing but the founding can happen, and it is not decided here.
        None => Err(Error::Grid(GridError::UnknownUnit {
            unit: UnitId::new(1),
        })),
    }
}

/// What `apply` knows of the ledger entry that carries an event: its sequence number, who
/// recorded it and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(dead_code)] // used by the modules as they move onto the context
pub(crate) struct EntryMeta {
    /// The entry's sequence number.
    pub seq: u64,
    /// Who recorded it.
    pub actor: StaffId,
    /// When (the command's instant).
    pub at: Instant,
    /// The local calendar day of `at` in the township.
    pub day: Day,
}

// The limits on a command's free text (length, control characters), checked where each
// module decides its commands, beside `non_empty`.
pub(crate) use crate::limits::{TextKind, optional_text_field, text_field};

/// Refuses an empty (or blank) text.
pub(crate) fn non_empty(s: &str, what: &'static str) -> Result<(), Error> {
    if s.trim().is_empty() {
        Err(Error::Value(ValueError::EmptyText { what }))
    } else {
        Ok(())
    }
}

/// "leaders, cadres and grid workers".
pub(crate) fn roles_text(roles: &[crate::grid::Role]) -> String {
    let names: Vec<String> = roles.iter().map(|r| format!("{r}s")).collect();
    match names.as_slice() {
        [] => "nobody".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// A vector with room for one element: most households are visited once, most residents
/// interviewed once, and a vector's first push would otherwise make room for four.
pub(crate) fn one<T>() -> Vec<T> {
    Vec::with_capacity(1)
}
