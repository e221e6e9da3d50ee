//! What the supplies ledger answers: stock on hand, its ledger, a donation followed to what
//! it bought and to whom that went, the per-store stock table, disposal counts.

use std::fmt;

use super::SuppliesState;
use super::kind::{Item, ItemDefinition};
use super::labels::{DisposalStage, Measure, WithoutLedger};
use super::records::{
    Adjustment, Disposal, Donation, Issue, Lot, LotSource, Recipient, StockLine, Store, Zh, yuan,
};
use crate::calendar::{Day, Instant, UtcOffset};
use crate::ids::{DonationId, LotId, MovementId, StoreId, UnitId};

/// A purchase paid with a donation's money, and what was left of the donation after it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TracePurchase {
    /// The lot it came as.
    pub lot: LotId,
    /// The store.
    pub store: StoreId,
    /// The item.
    pub item: Item,
    /// How many.
    pub quantity: u64,
    /// The supplier.
    pub supplier: String,
    /// The cost, in fen.
    pub cost_fen: u64,
    /// When it was received.
    pub at: Instant,
    /// What was left of the donation right after it, in fen.
    pub balance_after_fen: u64,
}

/// An issue of stock that a donation paid for (or gave).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TraceIssue {
    /// The issue's movement id.
    pub movement: MovementId,
    /// The store it came from.
    pub store: StoreId,
    /// The lot drawn (one carrying the donation).
    pub lot: LotId,
    /// The item.
    pub item: Item,
    /// How many of it came from the lot.
    pub quantity: u64,
    /// Whom it went to.
    pub to: Recipient,
    /// When.
    pub at: Instant,
}

/// A donation followed (捐赠去向): what its money bought (or the goods it gave), the lots
/// that carry it, and to whom they were issued.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DonationTrace {
    /// The donation (its donor masked when shown).
    pub donation: Donation,
    /// The purchases its money paid for, in order.
    pub purchases: Vec<TracePurchase>,
    /// Every lot that carries it (bought, given, or sent on), in order.
    pub lots: Vec<LotId>,
    /// The issues that drew those lots, in order.
    pub issues: Vec<TraceIssue>,
}

impl DonationTrace {
    /// How many of `item` the donation bought or gave (transfers not counted twice).
    pub fn received(&self, item: &Item) -> u64 {
        self.purchases
            .iter()
            .filter(|p| p.item == *item)
            .map(|p| p.quantity)
            .sum::<u64>()
            + match &self.donation.gift {
                super::Gift::Goods {
                    item: i, quantity, ..
                } if i == item => quantity.unsigned_abs(),
                _ => 0,
            }
    }

    /// How many of `item` from its lots were issued.
    pub fn issued(&self, item: &Item) -> u64 {
        self.issues
            .iter()
            .filter(|i| i.item == *item)
            .map(|i| i.quantity)
            .sum()
    }

    /// The trace in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        Zh(move |f: &mut fmt::Formatter<'_>| {
            let d = &self.donation;
            writeln!(
                f,
                "捐赠{}：{}向{}捐赠{}元，用途“{}”，余额{}元",
                d.id,
                d.donor,
                d.receiver,
                yuan(d.amount_fen),
                d.purpose,
                yuan(d.balance_fen())
            )?;
            for p in &self.purchases {
                writeln!(
                    f,
                    "  采购：批次{}，{}{}，{}元，供应商“{}”，{}；余额{}元",
                    p.lot,
                    p.item.label_zh(),
                    p.quantity,
                    yuan(p.cost_fen),
                    p.supplier,
                    p.at,
                    yuan(p.balance_after_fen)
                )?;
            }
            for i in &self.issues {
                writeln!(
                    f,
                    "  发放：{}，批次{}，{}{}，发给{}，{}",
                    i.movement,
                    i.lot,
                    i.item.label_zh(),
                    i.quantity,
                    i.to.display_zh(),
                    i.at
                )?;
            }
            Ok(())
        })
    }
}

impl fmt::Display for DonationTrace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Donation {}", self.donation)?;
        for p in &self.purchases {
            writeln!(
                f,
                "  bought: lot {}, {} {} from \"{}\" for {} yuan at {}; {} yuan left",
                p.lot,
                p.quantity,
                p.item,
                p.supplier,
                yuan(p.cost_fen),
                p.at,
                yuan(p.balance_after_fen)
            )?;
        }
        for i in &self.issues {
            writeln!(
                f,
                "  issued: {}, {} {} from lot {} to {} at {}",
                i.movement, i.quantity, i.item, i.lot, i.to, i.at
            )?;
        }
        Ok(())
    }
}

/// One store's stock of one item at the end of a day (库存表的一行).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StockRow {
    /// The store.
    pub store: StoreId,
    /// Its name.
    pub store_name: String,
    /// The item.
    pub item: Item,
    /// Its English name.
    pub name_en: String,
    /// Its Chinese name.
    pub name_zh: String,
    /// Its unit of measure.
    pub measure: Measure,
    /// On hand at the end of the day.
    pub on_hand: u64,
    /// Issued on the day.
    pub issued: u64,
}

/// Every store's stock of every item at the end of a day (库存表): the items a township
/// defines itself ([`StockTable::own_items`]) sit here beside the presets, which the daily
/// figures count too.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StockTable {
    /// The day.
    pub day: Day,
    /// The rows, by store and item.
    pub rows: Vec<StockRow>,
}

impl StockTable {
    /// The same table with only the items a township defined itself.
    pub fn own_items(&self) -> StockTable {
        StockTable {
            day: self.day,
            rows: self
                .rows
                .iter()
                .filter(|r| !r.item.is_preset())
                .cloned()
                .collect(),
        }
    }

    /// The table in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        Zh(move |f: &mut fmt::Formatter<'_>| {
            writeln!(f, "{}日终库存", self.day)?;
            for r in &self.rows {
                writeln!(
                    f,
                    "  {} {}：{} 库存{}{}，当日发放{}{}",
                    r.store,
                    r.store_name,
                    r.name_zh,
                    r.on_hand,
                    r.measure.label_zh(),
                    r.issued,
                    r.measure.label_zh()
                )?;
            }
            Ok(())
        })
    }
}

impl fmt::Display for StockTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Stock at the end of {}", self.day)?;
        for r in &self.rows {
            writeln!(
                f,
                "  {} {}: {} {} on hand ({}), {} issued that day",
                r.store, r.store_name, r.name_en, r.on_hand, r.measure, r.issued
            )?;
        }
        Ok(())
    }
}

/// Used protective items counted at each stage of disposal (回收、清运、无害化处理).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DisposalTotals {
    /// Collected (回收).
    pub collected: u64,
    /// Carried away (清运).
    pub carried: u64,
    /// Disposed of harmlessly (无害化处理).
    pub treated: u64,
}

impl DisposalTotals {
    /// The totals in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        Zh(move |f: &mut fmt::Formatter<'_>| {
            write!(
                f,
                "回收{}，清运{}，无害化处理{}",
                self.collected, self.carried, self.treated
            )
        })
    }
}

impl fmt::Display for DisposalTotals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "collected {}, carried away {}, disposed of harmlessly {}",
            self.collected, self.carried, self.treated
        )
    }
}

impl SuppliesState {
    /// A store.
    pub(crate) fn store(&self, id: StoreId) -> Option<&Store> {
        self.stores.get(&id)
    }

    /// Every store, by id.
    pub(crate) fn stores(&self) -> impl Iterator<Item = &Store> {
        self.stores.values()
    }

    /// A lot.
    pub(crate) fn lot(&self, id: LotId) -> Option<&Lot> {
        self.lots.get(&id)
    }

    /// Every lot, by id.
    pub(crate) fn lots(&self) -> impl Iterator<Item = &Lot> {
        self.lots.values()
    }

    /// A donation.
    pub(crate) fn donation(&self, id: DonationId) -> Option<&Donation> {
        self.donations.get(&id)
    }

    /// Every donation, by id.
    pub(crate) fn donations(&self) -> impl Iterator<Item = &Donation> {
        self.donations.values()
    }

    /// The definition of an item of the township's own.
    pub(crate) fn item_definition(&self, item: &Item) -> Option<&ItemDefinition> {
        self.items.get(item)
    }

    /// Every line of the stock ledger, in order.
    pub(crate) fn lines(&self) -> &[StockLine] {
        &self.lines
    }

    /// Every issue, in order.
    pub(crate) fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Every adjustment, in order.
    pub(crate) fn adjustments(&self) -> &[Adjustment] {
        &self.adjustments
    }

    /// Every disposal count, in order.
    pub(crate) fn disposals(&self) -> &[Disposal] {
        &self.disposals
    }

    /// What a hand-out does when no store keeps stock records.
    pub(crate) fn without_ledger(&self) -> WithoutLedger {
        self.without_ledger
    }

    /// Stock on hand now: the lots' remaining quantities.
    pub(crate) fn on_hand(&self, store: StoreId, item: &Item) -> u64 {
        self.lots
            .values()
            .filter(|l| l.store == store && l.item == *item)
            .map(|l| l.remaining)
            .sum()
    }

    /// The sum of the ledger's lines of `item` in `store` recorded at or before `at`.
    pub(crate) fn ledger_sum(&self, store: StoreId, item: &Item, at: Option<Instant>) -> i64 {
        self.lines
            .iter()
            .filter(|l| l.store == store && l.item == *item && at.is_none_or(|t| l.at <= t))
            .map(|l| l.change)
            .sum()
    }

    /// Stock at the end of local `day` and issued on it, of `item` in `store`.
    pub(crate) fn day_figures(
        &self,
        store: StoreId,
        item: &Item,
        day: Day,
        offset: UtcOffset,
    ) -> (u64, u64) {
        let (mut on_hand, mut issued) = (0i64, 0u64);
        for l in self
            .lines
            .iter()
            .filter(|l| l.store == store && l.item == *item)
        {
            let d = l.at.day_in(offset);
            if d <= day {
                on_hand += l.change;
            }
            if d == day && l.kind == super::LineKind::Issue {
                issued += l.change.unsigned_abs();
            }
        }
        (on_hand.max(0).unsigned_abs(), issued)
    }

    /// Every (store, item) with a line by the end of `day`.
    pub(crate) fn stock_table(&self, day: Day, offset: UtcOffset) -> StockTable {
        let mut keys: Vec<(StoreId, Item)> = self
            .lines
            .iter()
            .filter(|l| l.at.day_in(offset) <= day)
            .map(|l| (l.store, l.item.clone()))
            .collect();
        keys.sort();
        keys.dedup();
        let rows = keys
            .into_iter()
            .filter_map(|(store, item)| {
                let st = self.stores.get(&store)?;
                let (on_hand, issued) = self.day_figures(store, &item, day, offset);
                Some(StockRow {
                    store,
                    store_name: st.name.clone(),
                    name_en: self.item_en(&item),
                    name_zh: self.item_zh(&item),
                    measure: self.measure(&item).unwrap_or(Measure::Piece),
                    item,
                    on_hand,
                    issued,
                })
            })
            .collect();
        StockTable { day, rows }
    }

    /// A donation followed to what it bought and to whom that went.
    pub(crate) fn trace(&self, id: DonationId) -> Option<DonationTrace> {
        let donation = self.donations.get(&id)?.clone();
        let mut balance = donation.amount_fen;
        let mut purchases = Vec::new();
        let mut lots = Vec::new();
        for l in self.lots.values().filter(|l| l.donation == Some(id)) {
            lots.push(l.id);
            if let LotSource::Purchase { supplier, cost_fen } = &l.source {
                balance = balance.saturating_sub(*cost_fen);
                purchases.push(TracePurchase {
                    lot: l.id,
                    store: l.store,
                    item: l.item.clone(),
                    quantity: l.received,
                    supplier: supplier.clone(),
                    cost_fen: *cost_fen,
                    at: l.at,
                    balance_after_fen: balance,
                });
            }
        }
        let mut issues = Vec::new();
        for i in &self.issues {
            for d in &i.draws {
                if lots.contains(&d.lot) {
                    issues.push(TraceIssue {
                        movement: i.movement,
                        store: i.store,
                        lot: d.lot,
                        item: i.item.clone(),
                        quantity: d.quantity,
                        to: i.to.clone(),
                        at: i.at,
                    });
                }
            }
        }
        Some(DonationTrace {
            donation,
            purchases,
            lots,
            issues,
        })
    }

    /// The disposal counts in `unit` (every unit for `None`).
    pub(crate) fn disposal_totals(&self, unit: Option<UnitId>) -> DisposalTotals {
        let mut t = DisposalTotals::default();
        for d in self
            .disposals
            .iter()
            .filter(|d| unit.is_none_or(|u| d.unit == u))
        {
            match d.stage {
                DisposalStage::Collected => t.collected += d.quantity,
                DisposalStage::Carried => t.carried += d.quantity,
                DisposalStage::Treated => t.treated += d.quantity,
            }
        }
        t
    }
}
