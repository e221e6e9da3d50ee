//! Replay's side of the duty roster: the command an event records (see `grid/check.rs`).

use super::{RosterCommand, RosterEvent};

/// The command whose first event is `event`, rebuilt from the event.
pub(crate) fn command_of(event: &RosterEvent) -> RosterCommand {
    match event.clone() {
        RosterEvent::PostKindDefined(def) => RosterCommand::DefinePostKind(def),
        RosterEvent::LeaveCancelled {
            unit, title, first, ..
        } => RosterCommand::CancelLeave { unit, title, first },
        RosterEvent::LeaveCancellationLifted { cancellation, from } => {
            RosterCommand::LiftLeaveCancellation { cancellation, from }
        }
        RosterEvent::LeaveExceptionGranted {
            cancellation,
            staff,
            first,
            last,
            reason,
            note,
            ..
        } => RosterCommand::GrantLeaveException {
            cancellation,
            staff,
            first,
            last,
            reason,
            note,
        },
        RosterEvent::LeaveRecorded {
            staff,
            first,
            last,
            note,
            ..
        } => RosterCommand::RequestLeave {
            staff,
            first,
            last,
            note,
        },
        RosterEvent::PostEstablished {
            unit, kind, name, ..
        } => RosterCommand::EstablishPost { unit, kind, name },
        RosterEvent::ShiftScheduled {
            post,
            start,
            end,
            required,
            leader,
            ..
        } => RosterCommand::ScheduleShift {
            post,
            start,
            end,
            required,
            leader,
        },
        RosterEvent::AssignedToShift { shift, staff } => {
            RosterCommand::AssignToShift { shift, staff }
        }
        RosterEvent::RemovedFromShift { shift, staff } => {
            RosterCommand::RemoveFromShift { shift, staff }
        }
        RosterEvent::VolunteerEnrolled {
            staff,
            consent,
            birth_year,
            unit,
        } => RosterCommand::EnrollVolunteer {
            staff,
            consent: Some(consent),
            birth_year,
            unit,
        },
        RosterEvent::CheckedIn { shift, staff } => RosterCommand::CheckIn { shift, staff },
        RosterEvent::CheckedOut { shift, staff } => RosterCommand::CheckOut { shift, staff },
    }
}
