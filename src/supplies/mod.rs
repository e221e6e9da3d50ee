//! Supplies and donations (防疫物资与捐赠): a stock ledger per item and store that never goes
//! below zero, donations followed to what they bought and to whom it went.
//!
//! The article's township handed out 120+ bottles of disinfectant, gave people under
//! isolation masks, disinfectant and thermometers, had used protective items collected,
//! carried away and disposed of harmlessly, and received 10,000 yuan from a party member of
//! Gutang community (岳某) to buy masks (DOMAIN.md §9). This module records it:
//!
//! - **Items** ([`Item`], 物资品类) as data with a unit of measure ([`Measure`]): presets for
//!   masks (by the piece), disinfectant (by the bottle) and thermometers (by the piece); a
//!   township defines its own ([`ItemDefinition`]).
//! - **Stores** ([`Store`], 仓库) at the township and in villages.
//! - **Receipts**, each a **lot** ([`Lot`], 批次): a purchase (supplier, cost in fen, and the
//!   donation whose money it spends, if any), a donation in goods, a transfer from another
//!   store. A lot bought with a donation's money, given by a donation, or sent on from such a
//!   lot carries the donation.
//! - **Donations** ([`Donation`], 捐赠) in money or goods: donor ([`DonorName`], masked as
//!   surname + 某 in every default output), amount in fen, purpose, receiver. Their money is
//!   spent by purchases and never goes below zero.
//! - **Issues** ([`SuppliesCommand::Issue`], 发放) to a household, to a site's disinfection
//!   round, or to staff ([`Recipient`]): each line draws the oldest lots first, or the lot it
//!   names. An observation's supply hand-out draws from a store too, composed by the registry.
//! - **Adjustments** (盘点调整) with a reason ([`AdjustmentReason`]); **disposal counts**
//!   ([`DisposalStage`], 回收、清运、无害化处理) of used protective items, never stock.
//!
//! **Stock never goes below zero**: a command that would take more than is on hand is refused
//! as a whole (every line of an issue), with the stock on hand in the message; nothing is
//! clamped. Stock on hand at any instant is the sum of the ledger's lines ([`StockLine`]) up
//! to it.
//!
//! # Choices made here
//! - **Oldest first.** An issue, a transfer or an adjustment down draws the lots of the item in
//!   the store in the order they first came into any store (a transfer keeps a lot's age),
//!   then by id; naming a lot draws only from it.
//! - **A batch is one decision.** The lines of one issue are decided together: a line that
//!   would take more than is left after the lines before it refuses the whole issue.
//! - **The hand-out.** An observation's hand-out names a store, or the township's (the first
//!   store established at the township unit). When no store at all keeps stock records, what
//!   happens is a setting ([`WithoutLedger`], [`SuppliesCommand::SetHandoutPolicy`]): by
//!   default the hand-out is recorded on the observation and draws nothing
//!   ([`WithoutLedger::RecordOnly`]), so a township that keeps no supplies ledger records
//!   hand-outs as before; [`WithoutLedger::Refuse`] refuses them. A hand-out's "other" items
//!   draw nothing (no item names them).
//! - **Who.** Items, stores and the hand-out setting: leaders ([`Action::ManageSupplies`]);
//!   receipts, transfers and adjustments: leaders and cadres over the store's unit
//!   ([`Action::RecordStock`]); issues: those over the store's unit
//!   ([`Action::IssueSupplies`]); a hand-out through an observation: whoever may record it.
//! - **Limits.** Quantities from 1 to [`MAX_QUANTITY`]; costs and amounts from 1 fen to
//!   [`MAX_FEN`] (a donation of goods may be valued at 0).
//!
//! ```
//! use fangkong::supplies::{Item, Measure};
//! assert_eq!("消毒液".parse::<Item>()?, Item::DISINFECTANT);
//! assert_eq!(Item::MASKS.preset_measure(), Some(Measure::Piece));
//! # Ok::<(), fangkong::Error>(())
//! ```

pub(crate) mod check;
mod error;
#[cfg(feature = "fhir")]
mod fhir;
mod kind;
mod labels;
mod queries;
mod records;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::ids::{DonationId, LotId, MovementId, StoreId};
pub use error::SuppliesError;
#[cfg(feature = "fhir")]
pub use fhir::{FHIR_R5, inventory_report, supply_delivery_issue, supply_delivery_receipt};
pub use kind::{Item, ItemDefinition};
pub use labels::{AdjustmentReason, DisposalStage, LineKind, Measure, WithoutLedger};
pub use queries::{DisposalTotals, DonationTrace, StockRow, StockTable, TraceIssue, TracePurchase};
pub use records::{
    Adjustment, Disposal, Donation, DonorName, Draw, Gift, Issue, IssueLine, Lot, LotSource,
    Recipient, StockLine, Store, yuan,
};

use crate::error::{Error, text_required};
use crate::grid::Action;
use crate::grid::context::{Context, EntryMeta, TextKind, text_field};
use crate::ids::UnitId;
use crate::ids::next_id;

/// The largest quantity one command may name.
pub const MAX_QUANTITY: i64 = 10_000_000;

/// The largest cost or amount one command may name, in fen (10 million yuan).
pub const MAX_FEN: i64 = 1_000_000_000;

/// What staff ask of the supplies ledger. Variant names are the stored format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum SuppliesCommand {
    /// Define an item of the township's own (a leader assigned to the township).
    DefineItem(ItemDefinition),
    /// Establish a store in a unit.
    EstablishStore {
        /// The unit that keeps it.
        unit: UnitId,
        /// Its name.
        name: String,
    },
    /// Receive a purchase into a store: a new lot.
    ReceivePurchase {
        /// The store.
        store: StoreId,
        /// The item.
        item: Item,
        /// How many.
        quantity: i64,
        /// The supplier.
        supplier: String,
        /// What it cost, in fen.
        cost_fen: i64,
        /// The donation whose money pays for it, if any.
        donation: Option<DonationId>,
    },
    /// Receive a donation of money or goods (goods: a new lot in their store).
    ReceiveDonation {
        /// The donor.
        donor: DonorName,
        /// Money or goods.
        gift: Gift,
        /// What it is for.
        purpose: String,
        /// The unit that receives it.
        receiver: UnitId,
    },
    /// Send stock from one store to another.
    Transfer {
        /// The store it leaves.
        store: StoreId,
        /// The store it goes to.
        to_store: StoreId,
        /// The item.
        item: Item,
        /// How many.
        quantity: i64,
        /// The lot to draw from; `None` draws the oldest lots first.
        lot: Option<LotId>,
    },
    /// Issue stock from a store: every line, or none.
    Issue {
        /// The store.
        store: StoreId,
        /// The lines: item, quantity, lot if named, recipient.
        lines: Vec<IssueLine>,
        /// What the recorder writes.
        note: String,
    },
    /// Count stock up or down, with a reason.
    Adjust {
        /// The store.
        store: StoreId,
        /// The item.
        item: Item,
        /// How many more (+) or fewer (−): never zero.
        change: i64,
        /// The lot counted; `None`: down draws the oldest lots first, up makes a new lot.
        lot: Option<LotId>,
        /// Why.
        reason: AdjustmentReason,
        /// What the recorder writes (required for [`AdjustmentReason::Other`]).
        note: String,
    },
    /// Count used masks and protective items at a stage of disposal: not stock.
    RecordDisposal {
        /// The unit where it was done.
        unit: UnitId,
        /// The stage.
        stage: DisposalStage,
        /// How many.
        quantity: i64,
        /// What the recorder writes.
        note: String,
    },
    /// Set what an observation's hand-out does when no store keeps stock records.
    SetHandoutPolicy {
        /// The setting.
        without_ledger: WithoutLedger,
    },
    /// See a donor's full name (a recorded read).
    RevealDonor {
        /// The donation.
        donation: DonationId,
    },
}

impl SuppliesCommand {
    /// The permission row of the command.
    pub fn action(&self) -> Action {
        match self {
            SuppliesCommand::DefineItem(_)
            | SuppliesCommand::EstablishStore { .. }
            | SuppliesCommand::SetHandoutPolicy { .. } => Action::ManageSupplies,
            SuppliesCommand::ReceivePurchase { .. }
            | SuppliesCommand::ReceiveDonation { .. }
            | SuppliesCommand::Transfer { .. }
            | SuppliesCommand::Adjust { .. } => Action::RecordStock,
            SuppliesCommand::Issue { .. } => Action::IssueSupplies,
            SuppliesCommand::RecordDisposal { .. } => Action::RecordDisposal,
            SuppliesCommand::RevealDonor { .. } => Action::RevealDonor,
        }
    }
}

/// One line of an issue as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IssuedLine {
    /// Its movement id.
    pub movement: MovementId,
    /// The item.
    pub item: Item,
    /// The lot the line named, if it named one.
    pub lot: Option<LotId>,
    /// The lots drawn.
    pub draws: Vec<Draw>,
    /// Whom it went to.
    pub to: Recipient,
}

/// What happened in the supplies ledger: past-tense facts. Who and when come from the
/// ledger entry that carries the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum SuppliesEvent {
    /// An item was defined.
    ItemDefined(ItemDefinition),
    /// A store was established.
    StoreEstablished {
        /// Its id.
        store: StoreId,
        /// The unit.
        unit: UnitId,
        /// Its name.
        name: String,
    },
    /// A purchase was received as a lot.
    PurchaseReceived {
        /// The lot.
        lot: LotId,
        /// The store.
        store: StoreId,
        /// The item.
        item: Item,
        /// How many.
        quantity: u64,
        /// The supplier.
        supplier: String,
        /// The cost, in fen.
        cost_fen: u64,
        /// The donation it spends.
        donation: Option<DonationId>,
    },
    /// A donation was received (goods: as a lot).
    DonationReceived {
        /// Its id.
        donation: DonationId,
        /// The donor, in full (masked in every default output).
        donor: DonorName,
        /// Money or goods.
        gift: Gift,
        /// What it is for.
        purpose: String,
        /// The unit that received it.
        receiver: UnitId,
        /// The lot its goods came as.
        lot: Option<LotId>,
    },
    /// Stock was sent to another store: each lot drawn became a lot there.
    Transferred {
        /// Its movement id.
        movement: MovementId,
        /// The store it left.
        store: StoreId,
        /// The store it went to.
        to_store: StoreId,
        /// The item.
        item: Item,
        /// The lot the command named, if any.
        lot: Option<LotId>,
        /// The lots drawn.
        draws: Vec<Draw>,
        /// The new lots, one for each draw, in order.
        lots: Vec<LotId>,
    },
    /// Stock was issued.
    Issued {
        /// The store.
        store: StoreId,
        /// The lines.
        lines: Vec<IssuedLine>,
        /// The note.
        note: String,
    },
    /// Stock was counted up.
    AdjustedUp {
        /// Its movement id.
        movement: MovementId,
        /// The store.
        store: StoreId,
        /// The item.
        item: Item,
        /// The lot counted up (named, or new).
        lot: LotId,
        /// Whether the command named the lot (otherwise it is new).
        named: bool,
        /// How many more.
        quantity: u64,
        /// Why.
        reason: AdjustmentReason,
        /// The note.
        note: String,
    },
    /// Stock was counted down.
    AdjustedDown {
        /// Its movement id.
        movement: MovementId,
        /// The store.
        store: StoreId,
        /// The item.
        item: Item,
        /// The lot the command named, if any.
        lot: Option<LotId>,
        /// The lots drawn.
        draws: Vec<Draw>,
        /// Why.
        reason: AdjustmentReason,
        /// The note.
        note: String,
    },
    /// Used protective items were counted at a stage of disposal.
    DisposalRecorded {
        /// The unit.
        unit: UnitId,
        /// The stage.
        stage: DisposalStage,
        /// How many.
        quantity: u64,
        /// The note.
        note: String,
    },
    /// The hand-out setting was set.
    HandoutPolicySet {
        /// The setting.
        without_ledger: WithoutLedger,
    },
    /// A donor's full name was seen.
    DonorRevealed {
        /// The donation.
        donation: DonationId,
    },
}

/// The supplies ledger's state, built only by [`SuppliesState::apply`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SuppliesState {
    items: BTreeMap<Item, ItemDefinition>,
    stores: BTreeMap<StoreId, Store>,
    lots: BTreeMap<LotId, Lot>,
    donations: BTreeMap<DonationId, Donation>,
    lines: Vec<StockLine>,
    issues: Vec<Issue>,
    adjustments: Vec<Adjustment>,
    disposals: Vec<Disposal>,
    last_movement: u32,
    without_ledger: WithoutLedger,
}

/// A quantity from 1 to [`MAX_QUANTITY`].
fn quantity(value: i64) -> Result<u64, Error> {
    in_range("the quantity", value, MAX_QUANTITY)
}

fn in_range(what: &'static str, value: i64, max: i64) -> Result<u64, Error> {
    if (1..=max).contains(&value) {
        Ok(value.unsigned_abs())
    } else {
        Err(SuppliesError::OutOfRange { what, value, max }.into())
    }
}

/// Checks the free text a command carries against its limits ([`crate::limits`]).
fn check_texts(cmd: &SuppliesCommand) -> Result<(), Error> {
    use TextKind::{Name, Note, Title};
    match cmd {
        SuppliesCommand::DefineItem(def) => {
            text_field(&def.name_en, "the English name of the item", Name)?;
            Ok(text_field(
                &def.name_zh,
                "the Chinese name of the item",
                Name,
            )?)
        }
        SuppliesCommand::EstablishStore { name, .. } => {
            Ok(text_field(name, "the store's name", Name)?)
        }
        SuppliesCommand::ReceivePurchase { supplier, .. } => {
            Ok(text_field(supplier, "the supplier", Name)?)
        }
        SuppliesCommand::ReceiveDonation { donor, purpose, .. } => {
            text_field(donor.reveal(), "the donor's name", Name)?;
            Ok(text_field(purpose, "the donation's purpose", Title)?)
        }
        SuppliesCommand::Issue { lines, note, .. } => {
            for l in lines {
                if let Recipient::Site { place, .. } = &l.to {
                    text_field(place, "the site's place", Name)?;
                }
            }
            Ok(text_field(note, "the issue's note", Note)?)
        }
        SuppliesCommand::Adjust { note, .. } => {
            Ok(text_field(note, "the adjustment's note", Note)?)
        }
        SuppliesCommand::RecordDisposal { note, .. } => {
            Ok(text_field(note, "the disposal's note", Note)?)
        }
        _ => Ok(()),
    }
}

/// What a decision has taken from each lot so far: a batch is decided against it.
struct Working<'a> {
    s: &'a SuppliesState,
    taken: BTreeMap<LotId, u64>,
}

impl<'a> Working<'a> {
    fn new(s: &'a SuppliesState) -> Self {
        Working {
            s,
            taken: BTreeMap::new(),
        }
    }

    fn left(&self, lot: &Lot) -> u64 {
        lot.remaining
            .saturating_sub(self.taken.get(&lot.id).copied().unwrap_or(0))
    }

    /// Draws `wanted` of `item` from `store`: from the named lot, or the oldest lots first.
    fn draw(
        &mut self,
        store: StoreId,
        item: &Item,
        wanted: u64,
        named: Option<LotId>,
    ) -> Result<Vec<Draw>, Error> {
        let s = self.s;
        let refuse = |this: &Self, lot: Option<&Lot>| -> Error {
            let (asked, on_hand) = match lot {
                Some(l) => (
                    this.taken.get(&l.id).copied().unwrap_or(0) + wanted,
                    l.remaining,
                ),
                None => {
                    let lots = s.lots_of(store, item);
                    let before: u64 = lots
                        .iter()
                        .map(|l| this.taken.get(&l.id).copied().unwrap_or(0))
                        .sum();
                    (before + wanted, lots.iter().map(|l| l.remaining).sum())
                }
            };
            SuppliesError::InsufficientStock {
                store,
                lot: lot.map(|l| l.id),
                item_en: s.item_en(item),
                item_zh: s.item_zh(item),
                measure_zh: s.measure(item).map_or("", Measure::label_zh),
                wanted: asked,
                on_hand,
            }
            .into()
        };
        if let Some(id) = named {
            let lot = s.lot_of(id)?;
            if lot.store != store || lot.item != *item {
                return Err(SuppliesError::LotNotHere {
                    lot: id,
                    lot_store: lot.store,
                    lot_item: lot.item.key().to_owned(),
                    store,
                    item: item.key().to_owned(),
                }
                .into());
            }
            if self.left(lot) < wanted {
                return Err(refuse(self, Some(lot)));
            }
            *self.taken.entry(id).or_default() += wanted;
            return Ok(vec![Draw {
                lot: id,
                quantity: wanted,
            }]);
        }
        let lots = s.lots_of(store, item);
        let available: u64 = lots.iter().map(|l| self.left(l)).sum();
        if available < wanted {
            return Err(refuse(self, None));
        }
        let mut draws = Vec::new();
        let mut still = wanted;
        for l in lots {
            if still == 0 {
                break;
            }
            let take = self.left(l).min(still);
            if take == 0 {
                continue;
            }
            *self.taken.entry(l.id).or_default() += take;
            draws.push(Draw {
                lot: l.id,
                quantity: take,
            });
            still -= take;
        }
        Ok(draws)
    }
}

/// Decides a command: authorizes it (beyond the role table, which the registry checks) and
/// validates it against the state; returns the events to record, or the error. Changes
/// nothing.
///
/// # Errors
/// The crate's shared refusals (an unknown unit, household or member of staff, a unit outside
/// the actor's reach, a text required or too long, too many records) and the supplies
/// ledger's own ([`Error::Supplies`]).
pub(crate) fn decide(
    state: &SuppliesState,
    ctx: &Context<'_>,
    cmd: &SuppliesCommand,
) -> Result<Vec<SuppliesEvent>, Error> {
    check_texts(cmd)?;
    let action = cmd.action();
    let grid = ctx.grid;
    let s = state;
    match cmd {
        SuppliesCommand::DefineItem(def) => {
            ctx.reach_township(action)?;
            if def.item.is_preset() || s.items.contains_key(&def.item) {
                return Err(SuppliesError::ItemAlreadyDefined {
                    item: def.item.key().to_owned(),
                }
                .into());
            }
            text_required(&def.name_en, "the English name of the item")?;
            text_required(&def.name_zh, "the Chinese name of the item")?;
            Ok(vec![SuppliesEvent::ItemDefined(def.clone())])
        }
        SuppliesCommand::EstablishStore { unit, name } => {
            grid.known_unit(*unit)?;
            ctx.reach(action, *unit)?;
            text_required(name, "the store's name")?;
            Ok(vec![SuppliesEvent::StoreEstablished {
                store: StoreId::new(next_id(&s.stores, StoreId::get, "stores")?),
                unit: *unit,
                name: name.trim().to_owned(),
            }])
        }
        SuppliesCommand::ReceivePurchase {
            store,
            item,
            quantity: q,
            supplier,
            cost_fen,
            donation,
        } => {
            let st = s.store_of(*store)?;
            ctx.reach(action, st.unit)?;
            s.known_item(item)?;
            let q = quantity(*q)?;
            text_required(supplier, "the supplier")?;
            let cost = in_range("the cost in fen", *cost_fen, MAX_FEN)?;
            if let Some(d) = donation {
                let d = s.donation_of(*d)?;
                if !d.is_money() {
                    return Err(SuppliesError::DonationNotMoney { donation: d.id }.into());
                }
                if cost > d.balance_fen() {
                    return Err(SuppliesError::DonationOverspent {
                        donation: d.id,
                        cost_fen: cost,
                        balance_fen: d.balance_fen(),
                    }
                    .into());
                }
            }
            Ok(vec![SuppliesEvent::PurchaseReceived {
                lot: LotId::new(next_id(&s.lots, LotId::get, "lots")?),
                store: *store,
                item: item.clone(),
                quantity: q,
                supplier: supplier.trim().to_owned(),
                cost_fen: cost,
                donation: *donation,
            }])
        }
        SuppliesCommand::ReceiveDonation {
            donor,
            gift,
            purpose,
            receiver,
        } => {
            grid.known_unit(*receiver)?;
            ctx.reach(action, *receiver)?;
            text_required(donor.reveal(), "the donor's name")?;
            text_required(purpose, "the donation's purpose")?;
            let lot = match gift {
                Gift::Money { amount_fen } => {
                    in_range("the amount in fen", *amount_fen, MAX_FEN)?;
                    None
                }
                Gift::Goods {
                    store,
                    item,
                    quantity: q,
                    value_fen,
                } => {
                    let st = s.store_of(*store)?;
                    ctx.reach(action, st.unit)?;
                    s.known_item(item)?;
                    quantity(*q)?;
                    if *value_fen != 0 {
                        in_range("the value in fen", *value_fen, MAX_FEN)?;
                    }
                    Some(LotId::new(next_id(&s.lots, LotId::get, "lots")?))
                }
            };
            let trimmed = DonorName::new(donor.reveal().trim());
            Ok(vec![SuppliesEvent::DonationReceived {
                donation: DonationId::new(next_id(&s.donations, DonationId::get, "donations")?),
                donor: trimmed,
                gift: gift.clone(),
                purpose: purpose.trim().to_owned(),
                receiver: *receiver,
                lot,
            }])
        }
        SuppliesCommand::Transfer {
            store,
            to_store,
            item,
            quantity: q,
            lot,
        } => {
            let from = s.store_of(*store)?;
            ctx.reach(action, from.unit)?;
            s.store_of(*to_store)?;
            if store == to_store {
                return Err(SuppliesError::TransferToSameStore { store: *store }.into());
            }
            s.known_item(item)?;
            let q = quantity(*q)?;
            let draws = Working::new(s).draw(*store, item, q, *lot)?;
            let first = next_id(&s.lots, LotId::get, "lots")?;
            let mut lots = Vec::with_capacity(draws.len());
            for k in 0..draws.len() {
                let n = first.saturating_add(u32::try_from(k).unwrap_or(u32::MAX));
                lots.push(LotId::new(crate::ids::fresh_number(n, "lots")?));
            }
            Ok(vec![SuppliesEvent::Transferred {
                movement: s.next_movement(0)?,
                store: *store,
                to_store: *to_store,
                item: item.clone(),
                lot: *lot,
                draws,
                lots,
            }])
        }
        SuppliesCommand::Issue { store, lines, note } => {
            let st = s.store_of(*store)?;
            ctx.reach(action, st.unit)?;
            for l in lines {
                if let Recipient::Household {
                    observation: Some(_),
                    ..
                } = l.to
                {
                    return Err(SuppliesError::HandoutThroughObservation.into());
                }
            }
            Ok(vec![s.plan_issue(ctx, *store, lines, note)?])
        }
        SuppliesCommand::Adjust {
            store,
            item,
            change,
            lot,
            reason,
            note,
        } => {
            let st = s.store_of(*store)?;
            ctx.reach(action, st.unit)?;
            s.known_item(item)?;
            if *reason == AdjustmentReason::Other {
                text_required(
                    note,
                    "the reason for the adjustment (\"other\" takes a text)",
                )?;
            }
            let movement = s.next_movement(0)?;
            if *change == 0 {
                return Err(SuppliesError::ZeroAdjustment.into());
            }
            let q = quantity(change.saturating_abs())?;
            if *change > 0 {
                let target = match lot {
                    Some(id) => {
                        let l = s.lot_of(*id)?;
                        if l.store != *store || l.item != *item {
                            return Err(SuppliesError::LotNotHere {
                                lot: *id,
                                lot_store: l.store,
                                lot_item: l.item.key().to_owned(),
                                store: *store,
                                item: item.key().to_owned(),
                            }
                            .into());
                        }
                        *id
                    }
                    None => LotId::new(next_id(&s.lots, LotId::get, "lots")?),
                };
                Ok(vec![SuppliesEvent::AdjustedUp {
                    movement,
                    store: *store,
                    item: item.clone(),
                    lot: target,
                    named: lot.is_some(),
                    quantity: q,
                    reason: *reason,
                    note: note.trim().to_owned(),
                }])
            } else {
                let draws = Working::new(s).draw(*store, item, q, *lot)?;
                Ok(vec![SuppliesEvent::AdjustedDown {
                    movement,
                    store: *store,
                    item: item.clone(),
                    lot: *lot,
                    draws,
                    reason: *reason,
                    note: note.trim().to_owned(),
                }])
            }
        }
        SuppliesCommand::RecordDisposal {
            unit,
            stage,
            quantity: q,
            note,
        } => {
            grid.known_unit(*unit)?;
            ctx.reach(action, *unit)?;
            Ok(vec![SuppliesEvent::DisposalRecorded {
                unit: *unit,
                stage: *stage,
                quantity: quantity(*q)?,
                note: note.trim().to_owned(),
            }])
        }
        SuppliesCommand::SetHandoutPolicy { without_ledger } => {
            ctx.reach_township(action)?;
            Ok(vec![SuppliesEvent::HandoutPolicySet {
                without_ledger: *without_ledger,
            }])
        }
        SuppliesCommand::RevealDonor { donation } => {
            let d = s.donation_of(*donation)?;
            ctx.reach(action, d.receiver)?;
            Ok(vec![SuppliesEvent::DonorRevealed {
                donation: *donation,
            }])
        }
    }
}

/// Decides an observation's supply hand-out to `household` (composed by the registry): the
/// issue it draws from `store` (the township's store when `None`), or nothing when no store
/// keeps stock records and the setting says to record only.
///
/// # Errors
/// [`SuppliesError::NoSuppliesLedger`] (the setting refuses), [`SuppliesError::NoTownshipStore`],
/// [`SuppliesError::UnknownStore`], [`SuppliesError::InsufficientStock`].
pub(crate) fn decide_handout(
    s: &SuppliesState,
    ctx: &Context<'_>,
    store: Option<StoreId>,
    household: crate::ids::HouseholdId,
    observation: crate::ids::ObservationId,
    lines: &[(Item, i64)],
) -> Result<Vec<SuppliesEvent>, Error> {
    if s.stores.is_empty() && store.is_none() {
        return match s.without_ledger {
            WithoutLedger::Refuse => Err(SuppliesError::NoSuppliesLedger.into()),
            WithoutLedger::RecordOnly => Ok(Vec::new()),
        };
    }
    let store = match store {
        Some(id) => s.store_of(id)?.id,
        None => {
            let township = ctx.grid.township();
            s.stores
                .values()
                .find(|st| Some(st.unit) == township)
                .ok_or(SuppliesError::NoTownshipStore)?
                .id
        }
    };
    if lines.is_empty() {
        return Ok(Vec::new());
    }
    let lines: Vec<IssueLine> = lines
        .iter()
        .map(|(item, q)| {
            IssueLine::new(
                item.clone(),
                *q,
                Recipient::Household {
                    household,
                    observation: Some(observation),
                },
            )
        })
        .collect();
    Ok(vec![s.plan_issue(ctx, store, &lines, "")?])
}

impl SuppliesState {
    /// The issue of `lines` from `store`, decided as one: every line or none.
    fn plan_issue(
        &self,
        ctx: &Context<'_>,
        store: StoreId,
        lines: &[IssueLine],
        note: &str,
    ) -> Result<SuppliesEvent, Error> {
        if lines.is_empty() {
            return Err(SuppliesError::EmptyIssue.into());
        }
        let mut work = Working::new(self);
        let mut out = Vec::with_capacity(lines.len());
        for (k, l) in lines.iter().enumerate() {
            self.known_item(&l.item)?;
            let q = quantity(l.quantity)?;
            match &l.to {
                Recipient::Household { household, .. } => {
                    ctx.grid.known_household(*household)?;
                }
                Recipient::Site { unit, place } => {
                    ctx.grid.known_unit(*unit)?;
                    text_required(place, "the site's place")?;
                }
                Recipient::Staff { staff } => {
                    ctx.grid
                        .staff(*staff)
                        .ok_or(Error::UnknownStaff { staff: *staff })?;
                }
                // The site's existence is the disinfection module's: the registry checks it.
                Recipient::DisinfectionSite { .. } => {}
            }
            let draws = work.draw(store, &l.item, q, l.lot)?;
            out.push(IssuedLine {
                movement: self.next_movement(k)?,
                item: l.item.clone(),
                lot: l.lot,
                draws,
                to: match &l.to {
                    Recipient::Site { unit, place } => Recipient::Site {
                        unit: *unit,
                        place: place.trim().to_owned(),
                    },
                    other => other.clone(),
                },
            });
        }
        Ok(SuppliesEvent::Issued {
            store,
            lines: out,
            note: note.trim().to_owned(),
        })
    }

    /// The movement id `k` after the last one.
    fn next_movement(&self, k: usize) -> Result<MovementId, Error> {
        let n = self
            .last_movement
            .saturating_add(1)
            .saturating_add(u32::try_from(k).unwrap_or(u32::MAX));
        Ok(MovementId::new(crate::ids::fresh_number(
            n,
            "stock movements",
        )?))
    }

    fn take_movement(&mut self, m: MovementId) {
        self.last_movement = self.last_movement.max(m.get());
    }

    /// Folds one event into the state. Cannot fail: the event was decided against this state.
    pub(crate) fn apply(&mut self, e: &SuppliesEvent, meta: &EntryMeta) {
        match e {
            SuppliesEvent::ItemDefined(def) => {
                self.items.insert(def.item.clone(), def.clone());
            }
            SuppliesEvent::StoreEstablished { store, unit, name } => {
                self.stores.insert(
                    *store,
                    Store {
                        id: *store,
                        unit: *unit,
                        name: name.clone(),
                    },
                );
            }
            SuppliesEvent::PurchaseReceived {
                lot,
                store,
                item,
                quantity,
                supplier,
                cost_fen,
                donation,
            } => {
                if let Some(d) = donation.and_then(|d| self.donations.get_mut(&d)) {
                    d.spent_fen = d.spent_fen.saturating_add(*cost_fen);
                }
                self.receive(
                    meta,
                    Lot {
                        id: *lot,
                        store: *store,
                        item: item.clone(),
                        received: *quantity,
                        remaining: *quantity,
                        at: meta.at,
                        since: meta.at,
                        source: LotSource::Purchase {
                            supplier: supplier.clone(),
                            cost_fen: *cost_fen,
                        },
                        donation: *donation,
                    },
                    LineKind::Purchase,
                    None,
                );
            }
            SuppliesEvent::DonationReceived {
                donation,
                donor,
                gift,
                purpose,
                receiver,
                lot,
            } => {
                let amount = match gift {
                    Gift::Money { amount_fen } => amount_fen.unsigned_abs(),
                    Gift::Goods { value_fen, .. } => value_fen.unsigned_abs(),
                };
                self.donations.insert(
                    *donation,
                    Donation {
                        id: *donation,
                        donor: donor.clone(),
                        gift: gift.clone(),
                        amount_fen: amount,
                        purpose: purpose.clone(),
                        receiver: *receiver,
                        at: meta.at,
                        spent_fen: 0,
                        lot: *lot,
                    },
                );
                if let (
                    Some(lot),
                    Gift::Goods {
                        store,
                        item,
                        quantity,
                        ..
                    },
                ) = (lot, gift)
                {
                    let q = quantity.unsigned_abs();
                    self.receive(
                        meta,
                        Lot {
                            id: *lot,
                            store: *store,
                            item: item.clone(),
                            received: q,
                            remaining: q,
                            at: meta.at,
                            since: meta.at,
                            source: LotSource::DonatedGoods,
                            donation: Some(*donation),
                        },
                        LineKind::Donation,
                        None,
                    );
                }
            }
            SuppliesEvent::Transferred {
                movement,
                store,
                to_store,
                item,
                draws,
                lots,
                ..
            } => {
                self.take_movement(*movement);
                for (d, new) in draws.iter().zip(lots) {
                    let Some((since, donation)) =
                        self.take(meta, *store, item, d, LineKind::TransferOut, *movement)
                    else {
                        continue;
                    };
                    self.receive(
                        meta,
                        Lot {
                            id: *new,
                            store: *to_store,
                            item: item.clone(),
                            received: d.quantity,
                            remaining: d.quantity,
                            at: meta.at,
                            since,
                            source: LotSource::Transfer { from_lot: d.lot },
                            donation,
                        },
                        LineKind::TransferIn,
                        Some(*movement),
                    );
                }
            }
            SuppliesEvent::Issued { store, lines, .. } => {
                for l in lines {
                    self.take_movement(l.movement);
                    for d in &l.draws {
                        self.take(meta, *store, &l.item, d, LineKind::Issue, l.movement);
                    }
                    self.issues.push(Issue {
                        movement: l.movement,
                        store: *store,
                        item: l.item.clone(),
                        draws: l.draws.clone(),
                        to: l.to.clone(),
                        at: meta.at,
                        by: meta.actor,
                    });
                }
            }
            SuppliesEvent::AdjustedUp {
                movement,
                store,
                item,
                lot,
                named,
                quantity,
                reason,
                note,
            } => {
                self.take_movement(*movement);
                if *named {
                    if let Some(l) = self.lots.get_mut(lot) {
                        l.remaining = l.remaining.saturating_add(*quantity);
                    }
                    self.lines.push(StockLine {
                        at: meta.at,
                        store: *store,
                        item: item.clone(),
                        lot: *lot,
                        change: signed(*quantity),
                        kind: LineKind::AdjustUp,
                        movement: Some(*movement),
                    });
                } else {
                    self.receive(
                        meta,
                        Lot {
                            id: *lot,
                            store: *store,
                            item: item.clone(),
                            received: *quantity,
                            remaining: *quantity,
                            at: meta.at,
                            since: meta.at,
                            source: LotSource::Count,
                            donation: None,
                        },
                        LineKind::AdjustUp,
                        Some(*movement),
                    );
                }
                self.adjustments.push(Adjustment {
                    movement: *movement,
                    store: *store,
                    item: item.clone(),
                    change: signed(*quantity),
                    reason: *reason,
                    note: note.clone(),
                    at: meta.at,
                });
            }
            SuppliesEvent::AdjustedDown {
                movement,
                store,
                item,
                draws,
                reason,
                note,
                ..
            } => {
                self.take_movement(*movement);
                let mut total = 0u64;
                for d in draws {
                    self.take(meta, *store, item, d, LineKind::AdjustDown, *movement);
                    total = total.saturating_add(d.quantity);
                }
                self.adjustments.push(Adjustment {
                    movement: *movement,
                    store: *store,
                    item: item.clone(),
                    change: -signed(total),
                    reason: *reason,
                    note: note.clone(),
                    at: meta.at,
                });
            }
            SuppliesEvent::DisposalRecorded {
                unit,
                stage,
                quantity,
                note,
            } => self.disposals.push(Disposal {
                unit: *unit,
                stage: *stage,
                quantity: *quantity,
                day: meta.day,
                note: note.clone(),
            }),
            SuppliesEvent::HandoutPolicySet { without_ledger } => {
                self.without_ledger = *without_ledger;
            }
            SuppliesEvent::DonorRevealed { .. } => {}
        }
    }

    /// Puts a new lot in and writes its ledger line.
    fn receive(
        &mut self,
        meta: &EntryMeta,
        lot: Lot,
        kind: LineKind,
        movement: Option<MovementId>,
    ) {
        self.lines.push(StockLine {
            at: meta.at,
            store: lot.store,
            item: lot.item.clone(),
            lot: lot.id,
            change: signed(lot.received),
            kind,
            movement,
        });
        self.lots.insert(lot.id, lot);
    }

    /// Takes a draw out of its lot and writes its ledger line; gives the lot's age and
    /// donation.
    fn take(
        &mut self,
        meta: &EntryMeta,
        store: StoreId,
        item: &Item,
        d: &Draw,
        kind: LineKind,
        movement: MovementId,
    ) -> Option<(crate::calendar::Instant, Option<DonationId>)> {
        let l = self.lots.get_mut(&d.lot)?;
        l.remaining = l.remaining.saturating_sub(d.quantity);
        let out = (l.since, l.donation);
        self.lines.push(StockLine {
            at: meta.at,
            store,
            item: item.clone(),
            lot: d.lot,
            change: -signed(d.quantity),
            kind,
            movement: Some(movement),
        });
        Some(out)
    }

    // --- validation helpers ---

    fn store_of(&self, id: StoreId) -> Result<&Store, Error> {
        self.stores
            .get(&id)
            .ok_or_else(|| SuppliesError::UnknownStore { store: id }.into())
    }

    fn lot_of(&self, id: LotId) -> Result<&Lot, Error> {
        self.lots
            .get(&id)
            .ok_or_else(|| SuppliesError::UnknownLot { lot: id }.into())
    }

    fn donation_of(&self, id: DonationId) -> Result<&Donation, Error> {
        self.donations
            .get(&id)
            .ok_or_else(|| SuppliesError::UnknownDonation { donation: id }.into())
    }

    fn known_item(&self, item: &Item) -> Result<(), Error> {
        if self.measure(item).is_some() {
            Ok(())
        } else {
            Err(SuppliesError::UnknownItem {
                item: item.key().to_owned(),
            }
            .into())
        }
    }

    /// The unit an item is counted in: the preset's, or its definition's.
    pub(crate) fn measure(&self, item: &Item) -> Option<Measure> {
        item.preset_measure()
            .or_else(|| self.items.get(item).map(|d| d.measure))
    }

    /// The English name of an item.
    pub(crate) fn item_en(&self, item: &Item) -> String {
        self.items
            .get(item)
            .map_or_else(|| item.label_en().to_owned(), |d| d.name_en.clone())
    }

    /// The Chinese name of an item.
    pub(crate) fn item_zh(&self, item: &Item) -> String {
        self.items
            .get(item)
            .map_or_else(|| item.label_zh().to_owned(), |d| d.name_zh.clone())
    }

    /// The lots of `item` in `store`, oldest first.
    pub(crate) fn lots_of(&self, store: StoreId, item: &Item) -> Vec<&Lot> {
        let mut lots: Vec<&Lot> = self
            .lots
            .values()
            .filter(|l| l.store == store && l.item == *item)
            .collect();
        lots.sort_by_key(|l| (l.since, l.id));
        lots
    }
}

fn signed(q: u64) -> i64 {
    i64::try_from(q).unwrap_or(i64::MAX)
}
