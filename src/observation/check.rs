//! Replay's side of observation: the command an event records (see `grid/check.rs`).

use super::{ObservationChange, ObservationCommand, ObservationEvent, ObservationUpdate};

/// The command whose first event is `event`, rebuilt from the event. Every observation event
/// names its command in full; an observation opened or restarted by a screening interview
/// follows the interview's event and is checked with it.
pub(crate) fn command_of(event: &ObservationEvent) -> ObservationCommand {
    match event.clone() {
        ObservationEvent::ProtocolAdopted { protocol } => {
            ObservationCommand::AdoptProtocol { protocol }
        }
        ObservationEvent::ObservationOpened {
            resident, opening, ..
        } => ObservationCommand::OpenObservation {
            resident,
            protocol: opening.protocol.key,
            day0: opening.day0,
            basis: opening.basis,
        },
        ObservationEvent::ObservationUpdated {
            observation,
            change,
        } => ObservationCommand::UpdateObservation {
            observation,
            update: update_of(change),
        },
    }
}

/// The change asked for, from the change recorded.
fn update_of(change: ObservationChange) -> ObservationUpdate {
    match change {
        ObservationChange::ReadingRecorded(x) => ObservationUpdate::RecordReading(x),
        ObservationChange::SymptomsReported(x) => ObservationUpdate::ReportSymptoms(x),
        ObservationChange::HomeVisited(x) => ObservationUpdate::RecordHomeVisit(x),
        ObservationChange::SuppliesHandedOut(x) => ObservationUpdate::HandOutSupplies(x),
        ObservationChange::TestResultRecorded(x) => ObservationUpdate::RecordTestResult(x),
        ObservationChange::AlertCleared(x) => ObservationUpdate::ClearAlert(x),
        ObservationChange::Referred(x) => ObservationUpdate::Refer(x),
        ObservationChange::TransferredOut(x) => ObservationUpdate::TransferOut(x),
        ObservationChange::Ended(x) => ObservationUpdate::End(x),
        ObservationChange::PeriodChanged(x) => ObservationUpdate::ChangePeriod {
            new_last_day: x.new_last_day,
            reason: x.reason,
        },
        ObservationChange::ExposureRestarted(x) => ObservationUpdate::RestartExposure {
            new_day0: x.new_day0,
            reason: x.reason,
        },
        ObservationChange::Released(x) => ObservationUpdate::Release {
            override_reason: x.override_reason,
        },
    }
}
