//! Replay's side of cleaning and disinfection: the command an event records (see
//! `grid/check.rs`).

use super::{DisinfectionCommand, DisinfectionEvent};

/// The command whose first event is `event`, rebuilt from the event.
pub(crate) fn command_of(event: &DisinfectionEvent) -> DisinfectionCommand {
    match event.clone() {
        DisinfectionEvent::SiteKindDefined(def) => DisinfectionCommand::DefineSiteKind(def),
        DisinfectionEvent::SiteRegistered {
            unit, kind, name, ..
        } => DisinfectionCommand::RegisterSite { unit, kind, name },
        DisinfectionEvent::AssignedToSite { site, staff, from } => {
            DisinfectionCommand::AssignToSite { site, staff, from }
        }
        DisinfectionEvent::SiteAssignmentEnded { site, staff, from } => {
            DisinfectionCommand::EndSiteAssignment { site, staff, from }
        }
        DisinfectionEvent::ScheduleSet {
            site,
            task,
            terms,
            first,
            last,
            ..
        } => DisinfectionCommand::SetSchedule {
            site,
            task,
            terms,
            first,
            last,
        },
        DisinfectionEvent::ScheduleChanged {
            schedule,
            from,
            terms,
            ..
        } => DisinfectionCommand::ChangeSchedule {
            schedule,
            from,
            terms,
        },
        DisinfectionEvent::ScheduleLifted { schedule, from, .. } => {
            DisinfectionCommand::LiftSchedule { schedule, from }
        }
        DisinfectionEvent::RoundRecorded {
            site,
            task,
            agent,
            amount,
            note,
            ..
        } => DisinfectionCommand::RecordRound {
            site,
            task,
            agent,
            amount,
            note,
        },
    }
}
