//! Replay's side of supervision: the command an event records (see `grid/check.rs`).

use super::{SupervisionCommand, SupervisionEvent};

/// The command whose first event is `event`, rebuilt from the event.
pub(crate) fn command_of(event: &SupervisionEvent) -> SupervisionCommand {
    match event.clone() {
        SupervisionEvent::InspectionRecorded {
            mode,
            target,
            at,
            checklist,
            ..
        } => SupervisionCommand::RecordInspection {
            mode,
            target,
            at,
            checklist,
        },
        SupervisionEvent::FindingRecorded {
            source,
            responsible,
            deadline,
            text,
            ..
        } => SupervisionCommand::RecordFinding {
            source,
            responsible,
            deadline,
            text,
        },
        SupervisionEvent::FindingRectified { finding, note, .. } => {
            SupervisionCommand::RecordRectification { finding, note }
        }
        SupervisionEvent::AccountabilityDecided {
            findings,
            accountable,
            made,
            reason,
            ..
        } => SupervisionCommand::DecideAccountability {
            findings,
            accountable,
            made,
            reason,
        },
    }
}
