//! Replay's side of the grid: the command an event records.
//!
//! Replay trusts no entry: for each command in the ledger it takes the command back from the
//! command's first event, decides it again against the state rebuilt so far (the actor's role
//! and reach, fresh ids, references, a tree, unique identity numbers, one head per household…),
//! and accepts the command's entries only if they are exactly the events that decision gives.
//! Every grid event but the founding names its command in full.

use super::{GridCommand, GridEvent};

/// The command whose first event is `event`, rebuilt from the event; `None` for the founding
/// ([`GridEvent::TownshipFounded`]), which no command records.
pub(crate) fn command_of(event: &GridEvent) -> Option<GridCommand> {
    Some(match event.clone() {
        GridEvent::TownshipFounded { .. } => return None,
        GridEvent::UnitEstablished {
            kind,
            name,
            parent,
            code,
            number,
            ..
        } => GridCommand::EstablishUnit {
            kind,
            name,
            parent,
            code,
            number,
        },
        GridEvent::GroupsZoned { zone, groups } => GridCommand::ZoneGroups { zone, groups },
        GridEvent::StaffEnrolled {
            name, role, phone, ..
        } => GridCommand::EnrollStaff { name, role, phone },
        GridEvent::StaffAssigned { staff, unit, duty } => {
            GridCommand::AssignStaff { staff, unit, duty }
        }
        GridEvent::AssignmentEnded { staff, unit } => GridCommand::EndAssignment { staff, unit },
        GridEvent::HouseholdRegistered { group, address, .. } => {
            GridCommand::RegisterHousehold { group, address }
        }
        GridEvent::ResidentRegistered {
            household, details, ..
        } => GridCommand::RegisterResident { household, details },
        GridEvent::ResidentCorrected {
            resident, details, ..
        } => GridCommand::CorrectResident { resident, details },
        GridEvent::HouseholdMoved { household, to, .. } => {
            GridCommand::MoveHousehold { household, to }
        }
        GridEvent::ResidentMoved {
            resident,
            to,
            relation,
            ..
        } => GridCommand::MoveResident {
            resident,
            to,
            relation,
        },
        GridEvent::ResidentDeregistered { resident, reason } => {
            GridCommand::DeregisterResident { resident, reason }
        }
        GridEvent::ContactRevealed { resident, field } => {
            GridCommand::RevealContact { resident, field }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::{GridState, Unit, UnitKind};
    use crate::ids::{StaffId, UnitId};

    fn unit(id: u32, kind: UnitKind, parent: Option<u32>) -> Unit {
        Unit {
            id: UnitId::new(id),
            kind,
            name: format!("unit {id}"),
            parent: parent.map(UnitId::new),
            code: None,
            number: None,
            zone: None,
        }
    }

    #[test]
    fn walks_over_a_cyclic_grid_end() {
        // Given a state no checked ledger can build: a village that is its own parent and two
        // units each the other's parent, when the grid is walked, then every walk ends.
        let mut s = GridState::default();
        for u in [
            unit(2, UnitKind::Village, Some(2)),
            unit(3, UnitKind::Community, Some(4)),
            unit(4, UnitKind::Community, Some(3)),
            unit(5, UnitKind::Group, Some(2)),
        ] {
            if let Some(p) = u.parent {
                s.children.entry(p).or_default().push(u.id);
            }
            s.units.insert(u.id, u);
        }
        s.children
            .entry(UnitId::new(5))
            .or_default()
            .push(UnitId::new(2));
        assert_eq!(s.groups_under(UnitId::new(2)), vec![UnitId::new(5)]);
        assert_eq!(s.groups_under(UnitId::new(3)), vec![]);
        assert_eq!(
            s.covering_units(UnitId::new(3)).len(),
            super::super::command::MAX_DEPTH
        );
        assert!(!s.covers_staff(StaffId::new(1), UnitId::new(4)));
    }
}
