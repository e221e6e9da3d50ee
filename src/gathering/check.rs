//! Replay's side of gatherings and venues: the command an event records (see
//! `grid/check.rs`).

use super::{GatheringCommand, GatheringEvent};

/// The command whose first event is `event`, rebuilt from the event.
pub(crate) fn command_of(event: &GatheringEvent) -> GatheringCommand {
    match event.clone() {
        GatheringEvent::GatheringKindDefined(def) => GatheringCommand::DefineGatheringKind(def),
        GatheringEvent::VenueKindDefined(def) => GatheringCommand::DefineVenueKind(def),
        GatheringEvent::OrderIssued {
            unit,
            first,
            last,
            terms,
            ..
        } => GatheringCommand::IssueOrder {
            unit,
            first,
            last,
            terms,
        },
        GatheringEvent::OrderLifted { order, from } => GatheringCommand::LiftOrder { order, from },
        GatheringEvent::GatheringReported { planned, .. } => {
            GatheringCommand::ReportGathering(planned)
        }
        GatheringEvent::PersuasionRecorded {
            gathering, outcome, ..
        } => GatheringCommand::RecordPersuasion { gathering, outcome },
        GatheringEvent::VenueRegistered {
            name, kind, unit, ..
        } => GatheringCommand::RegisterVenue { name, kind, unit },
        GatheringEvent::ClosureOrdered {
            unit,
            title,
            target,
            first,
            last,
            ..
        } => GatheringCommand::OrderClosure {
            unit,
            title,
            target,
            first,
            last,
        },
        GatheringEvent::ReopeningOrdered {
            unit,
            title,
            target,
            from,
            ..
        } => GatheringCommand::OrderReopening {
            unit,
            title,
            target,
            from,
        },
        GatheringEvent::ViolationRecorded { venue, note, .. } => {
            GatheringCommand::RecordViolation { venue, note }
        }
    }
}
