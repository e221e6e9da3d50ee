//! Replay's side of screening: the command an event records (see `grid/check.rs`), and the
//! one screening command its events do not name in full, a confirmed replacement of a risk
//! level.

use super::{RegisterChange, RiskRegister, ScreeningCommand, ScreeningEvent};
use crate::error::Error;

/// The command whose first event is `event`, rebuilt from the event; `None` for a designation
/// that replaces another (the second event of a confirmed replacement, never a first).
///
/// A designation confirmed from a [`RiskProposal`](super::RiskProposal) is the designation of
/// [`ScreeningCommand::DesignateRiskArea`] with the proposal's explanation as its basis, and is
/// decided again as one. An interview's events are followed by the observation events it
/// decided, and are compared with them.
pub(crate) fn command_of(event: &ScreeningEvent) -> Option<ScreeningCommand> {
    Some(match event.clone() {
        ScreeningEvent::RiskRegisterChanged { change } => match change {
            RegisterChange::Designated(d) if d.replaces.is_some() => return None,
            RegisterChange::Designated(d) => ScreeningCommand::DesignateRiskArea {
                area: d.area,
                level: d.level,
                from: d.from,
                basis: d.basis,
            },
            RegisterChange::Lifted { id, day } => ScreeningCommand::LiftRiskArea {
                designation: id,
                on: day,
            },
        },
        ScreeningEvent::ScreeningRuleAdopted { rule } => {
            ScreeningCommand::AdoptScreeningRule { rule }
        }
        ScreeningEvent::ScreeningRoundOpened {
            name, units, opens, ..
        } => ScreeningCommand::OpenScreeningRound { name, units, opens },
        ScreeningEvent::ScreeningRoundClosed { round, closes } => {
            ScreeningCommand::CloseScreeningRound { round, closes }
        }
        ScreeningEvent::HouseholdVisited {
            round,
            household,
            result,
        } => ScreeningCommand::RecordVisit {
            round,
            household,
            result,
        },
        ScreeningEvent::InterviewRecorded {
            resident,
            round,
            interview,
            ..
        } => ScreeningCommand::RecordInterview {
            resident,
            round,
            interview,
        },
    })
}

/// A confirmed replacement of a risk level, decided again: when the command's two entries (the
/// registry passes a command of two screening events) are a lift followed by a designation that
/// replaces a designation, the two changes the register
/// would record for that replacement now (the old designation lifted on the new one's first
/// day, the new one numbered next); `None` for any other command.
pub(crate) fn replacement(
    risk: &RiskRegister,
    recorded: [&ScreeningEvent; 2],
) -> Option<Result<Vec<ScreeningEvent>, Error>> {
    let [
        ScreeningEvent::RiskRegisterChanged {
            change: RegisterChange::Lifted { day, .. },
        },
        ScreeningEvent::RiskRegisterChanged {
            change: RegisterChange::Designated(d),
        },
    ] = recorded
    else {
        return None;
    };
    let lift = d.replaces?;
    Some(
        risk.plan_replacement(d.area, lift, d.level.clone(), *day, d.basis.clone())
            .map(|changes| {
                changes
                    .into_iter()
                    .map(|change| ScreeningEvent::RiskRegisterChanged { change })
                    .collect()
            }),
    )
}
