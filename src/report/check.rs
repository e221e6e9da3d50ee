//! Replay's side of the daily report: the command an event records (see `grid/check.rs`).

use super::{ReportCommand, ReportEvent};

/// The command whose first event is `event`, rebuilt from the event.
pub(crate) fn command_of(event: &ReportEvent) -> ReportCommand {
    match event.clone() {
        ReportEvent::ReportingUnitAdded { unit, .. } => ReportCommand::AddReportingUnit { unit },
        ReportEvent::ScheduleSet { schedule } => ReportCommand::SetSchedule { schedule },
        // The figures and head are the registry's own: decided again, they are computed again
        // and compared with those recorded.
        ReportEvent::ReportSubmitted {
            unit, day, note, ..
        } => ReportCommand::SubmitReport { unit, day, note },
    }
}
