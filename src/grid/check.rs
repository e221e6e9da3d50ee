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
