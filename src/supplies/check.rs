//! Replay's side of the supplies ledger: the command an event records (see `grid/check.rs`).

use super::records::IssueLine;
use super::{SuppliesCommand, SuppliesEvent};

fn sum(draws: &[super::Draw]) -> i64 {
    let total: u64 = draws.iter().map(|d| d.quantity).sum();
    i64::try_from(total).unwrap_or(i64::MAX)
}

/// The command whose first event is `event`, rebuilt from the event.
pub(crate) fn command_of(event: &SuppliesEvent) -> SuppliesCommand {
    match event.clone() {
        SuppliesEvent::ItemDefined(def) => SuppliesCommand::DefineItem(def),
        SuppliesEvent::StoreEstablished { unit, name, .. } => {
            SuppliesCommand::EstablishStore { unit, name }
        }
        SuppliesEvent::PurchaseReceived {
            store,
            item,
            quantity,
            supplier,
            cost_fen,
            donation,
            ..
        } => SuppliesCommand::ReceivePurchase {
            store,
            item,
            quantity: i64::try_from(quantity).unwrap_or(i64::MAX),
            supplier,
            cost_fen: i64::try_from(cost_fen).unwrap_or(i64::MAX),
            donation,
        },
        SuppliesEvent::DonationReceived {
            donor,
            gift,
            purpose,
            receiver,
            ..
        } => SuppliesCommand::ReceiveDonation {
            donor,
            gift,
            purpose,
            receiver,
        },
        SuppliesEvent::Transferred {
            store,
            to_store,
            item,
            lot,
            draws,
            ..
        } => SuppliesCommand::Transfer {
            store,
            to_store,
            item,
            quantity: sum(&draws),
            lot,
        },
        SuppliesEvent::Issued { store, lines, note } => SuppliesCommand::Issue {
            store,
            lines: lines
                .into_iter()
                .map(|l| IssueLine {
                    item: l.item,
                    quantity: sum(&l.draws),
                    lot: l.lot,
                    to: l.to,
                })
                .collect(),
            note,
        },
        SuppliesEvent::AdjustedUp {
            store,
            item,
            lot,
            named,
            quantity,
            reason,
            note,
            ..
        } => SuppliesCommand::Adjust {
            store,
            item,
            change: i64::try_from(quantity).unwrap_or(i64::MAX),
            lot: named.then_some(lot),
            reason,
            note,
        },
        SuppliesEvent::AdjustedDown {
            store,
            item,
            lot,
            draws,
            reason,
            note,
            ..
        } => SuppliesCommand::Adjust {
            store,
            item,
            change: -sum(&draws),
            lot,
            reason,
            note,
        },
        SuppliesEvent::DisposalRecorded {
            unit,
            stage,
            quantity,
            note,
        } => SuppliesCommand::RecordDisposal {
            unit,
            stage,
            quantity: i64::try_from(quantity).unwrap_or(i64::MAX),
            note,
        },
        SuppliesEvent::HandoutPolicySet { without_ledger } => {
            SuppliesCommand::SetHandoutPolicy { without_ledger }
        }
        SuppliesEvent::DonorRevealed { donation } => SuppliesCommand::RevealDonor { donation },
    }
}
