//! Replay's side of publicity: the command an event records (see `grid/check.rs`).

use super::{PublicityCommand, PublicityEvent};

/// The command whose first event is `event`, rebuilt from the event.
pub(crate) fn command_of(event: &PublicityEvent) -> PublicityCommand {
    match event.clone() {
        PublicityEvent::KindDefined(def) => PublicityCommand::DefineKind(def),
        PublicityEvent::CampaignLaunched {
            unit,
            title,
            cover,
            first,
            last,
            ..
        } => PublicityCommand::LaunchCampaign {
            unit,
            title,
            cover,
            first,
            last,
        },
        PublicityEvent::CampaignEnded { campaign, last } => {
            PublicityCommand::EndCampaign { campaign, last }
        }
        PublicityEvent::ActionRecorded { recorded, .. } => PublicityCommand::RecordAction(recorded),
    }
}
