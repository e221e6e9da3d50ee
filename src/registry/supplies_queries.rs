//! The supplies ledger's queries, and what spans it and observation: an observation's supply
//! hand-out drawing from a store (composed here, so that observation does not import
//! supplies).

use super::{Registry, State};
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::grid::context::Context;
use crate::ids::{DonationId, LotId, StoreId, UnitId};
use crate::observation::{ObservationCommand, ObservationUpdate, Supply};
use crate::report::{Cell, Lang, Sheet, both as heading};
use crate::supplies::{
    self, Adjustment, Disposal, DisposalTotals, Donation, DonationTrace, Issue, Item,
    ItemDefinition, Lot, StockLine, StockTable, Store, SuppliesEvent, WithoutLedger, yuan,
};

/// The item of supplies an observation's hand-out names: masks, disinfectant and
/// thermometers; "other" names none, and draws nothing.
fn item_of(supply: Supply) -> Option<Item> {
    match supply {
        Supply::Masks => Some(Item::MASKS),
        Supply::Disinfectant => Some(Item::DISINFECTANT),
        Supply::Thermometer => Some(Item::THERMOMETERS),
        _ => None,
    }
}

/// The issue an observation's supply hand-out draws (decided after the observation accepted
/// it): from the store it names, or the township's; nothing for another command.
pub(super) fn handout_draw(
    s: &State,
    ctx: &Context<'_>,
    c: &ObservationCommand,
) -> Result<Vec<SuppliesEvent>, Error> {
    let ObservationCommand::UpdateObservation {
        observation,
        update: ObservationUpdate::HandOutSupplies(h),
    } = c
    else {
        return Ok(Vec::new());
    };
    let Some(household) = s
        .observation
        .observations
        .get(observation)
        .and_then(|o| s.grid.residents.get(&o.resident))
        .map(|r| r.household)
    else {
        return Ok(Vec::new());
    };
    let lines: Vec<(Item, i64)> = h
        .items
        .iter()
        .filter_map(|i| item_of(i.supply).map(|item| (item, i64::from(i.quantity.get()))))
        .collect();
    supplies::decide_handout(&s.supplies, ctx, h.store, household, *observation, &lines)
}

/// # Supplies: stock and donations (防疫物资)
///
/// Stores, lots, donations, stock on hand at any
/// instant, its ledger, a donation traced to whom it reached, tables and FHIR.
impl Registry {
    /// A store of supplies.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// assert_eq!(reg.store(store).unwrap().name, "乡政府仓库");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn store(&self, id: StoreId) -> Option<&Store> {
        self.state.supplies.store(id)
    }

    /// Every store, by id.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// assert_eq!(reg.stores().count(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn stores(&self) -> impl Iterator<Item = &Store> {
        self.state.supplies.stores()
    }

    /// A lot.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::Item;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// let lot = reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// assert_eq!(reg.lot(lot).unwrap().remaining, 120);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn lot(&self, id: LotId) -> Option<&Lot> {
        self.state.supplies.lot(id)
    }

    /// Every lot, by id.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::Item;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// assert_eq!(reg.lots().map(|l| l.received).sum::<u64>(), 120);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn lots(&self) -> impl Iterator<Item = &Lot> {
        self.state.supplies.lots()
    }

    /// A donation (its donor masked when shown).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{DonorName, Gift};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let dn = reg.receive_donation(leader, t, DonorName::new("岳建国"), Gift::Money { amount_fen: 1_000_000 }, "购买口罩", reg.township())?;
    /// assert_eq!(reg.donation(dn).unwrap().donor.to_string(), "岳某");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn donation(&self, id: DonationId) -> Option<&Donation> {
        self.state.supplies.donation(id)
    }

    /// Every donation, by id.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{DonorName, Gift};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let dn = reg.receive_donation(leader, t, DonorName::new("岳建国"), Gift::Money { amount_fen: 1_000_000 }, "购买口罩", reg.township())?;
    /// assert_eq!(reg.donations().count(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn donations(&self) -> impl Iterator<Item = &Donation> {
        self.state.supplies.donations()
    }

    /// The definition of an item of the township's own.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::Item;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// assert!(reg.item_definition(&Item::MASKS).is_none()); // presets need no definition
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn item_definition(&self, item: &Item) -> Option<&ItemDefinition> {
        self.state.supplies.item_definition(item)
    }

    /// Stock of `item` on hand in `store` now: what its lots have left.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::Item;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// assert_eq!(reg.stock_on_hand(store, &Item::DISINFECTANT), 120);
    /// assert_eq!(reg.stock_on_hand(store, &Item::MASKS), 0);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn stock_on_hand(&self, store: StoreId, item: &Item) -> u64 {
        self.state.supplies.on_hand(store, item)
    }

    /// Stock of `item` in `store` at instant `at`: the sum of its ledger's lines up to it.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::Item;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// let before: Instant = "2020-02-01T08:00:00+08:00".parse()?;
    /// assert_eq!(reg.stock_at(store, &Item::DISINFECTANT, before), 0);
    /// assert_eq!(reg.stock_at(store, &Item::DISINFECTANT, t), 120);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn stock_at(&self, store: StoreId, item: &Item, at: Instant) -> i64 {
        self.state.supplies.ledger_sum(store, item, Some(at))
    }

    /// The stock ledger (台账) of `item` in `store`, in order; every line for `None`s.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{Item, LineKind};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// let lot = reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// let lines = reg.stock_ledger(Some(store), Some(&Item::DISINFECTANT));
    /// assert_eq!((lines[0].kind, lines[0].change, lines[0].lot), (LineKind::Purchase, 120, lot));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn stock_ledger(&self, store: Option<StoreId>, item: Option<&Item>) -> Vec<&StockLine> {
        self.state
            .supplies
            .lines()
            .iter()
            .filter(|l| store.is_none_or(|s| l.store == s) && item.is_none_or(|i| l.item == *i))
            .collect()
    }

    /// Every issue, in order.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{IssueLine, Item, Recipient};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// let site = Recipient::Site { unit: reg.township(), place: "乡政府办公楼".into() };
    /// reg.issue_supplies(leader, t, store, vec![IssueLine::new(Item::DISINFECTANT, 20, site)], "")?;
    /// assert_eq!(reg.supply_issues()[0].quantity(), 20);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn supply_issues(&self) -> &[Issue] {
        self.state.supplies.issues()
    }

    /// Every adjustment, in order.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{AdjustmentReason, Item};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// reg.adjust_stock(leader, t, store, Item::DISINFECTANT, 1, None, AdjustmentReason::Count, "")?;
    /// assert_eq!(reg.stock_adjustments()[0].change, 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn stock_adjustments(&self) -> &[Adjustment] {
        self.state.supplies.adjustments()
    }

    /// Every disposal count of used protective items, in order.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::DisposalStage;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// reg.record_disposal(leader, t, reg.township(), DisposalStage::Treated, 80, "")?;
    /// assert_eq!(reg.disposals()[0].stage, DisposalStage::Treated);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn disposals(&self) -> &[Disposal] {
        self.state.supplies.disposals()
    }

    /// The disposal counts of used protective items in `unit` (all units for `None`).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::DisposalStage;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// reg.record_disposal(leader, t, reg.township(), DisposalStage::Carried, 50, "")?;
    /// assert_eq!(reg.disposal_totals(Some(reg.township())).to_string(),
    ///     "collected 0, carried away 50, disposed of harmlessly 0");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn disposal_totals(&self, unit: Option<UnitId>) -> DisposalTotals {
        self.state.supplies.disposal_totals(unit)
    }

    /// What an observation's hand-out does when no store keeps stock records.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::WithoutLedger;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// assert_eq!(reg.handout_policy(), WithoutLedger::RecordOnly);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn handout_policy(&self) -> WithoutLedger {
        self.state.supplies.without_ledger()
    }

    /// A donation followed (捐赠去向): what its money bought, the balance after each purchase,
    /// and to whom the lots it paid for were issued.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{DonorName, Gift, IssueLine, Item, Recipient};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// let dn = reg.receive_donation(leader, t, DonorName::new("岳建国"), Gift::Money { amount_fen: 1_000_000 }, "购买口罩", reg.township())?;
    /// reg.receive_purchase(leader, t, store, Item::MASKS, 10_000, "县医药公司", 1_000_000, Some(dn))?;
    /// let to = Recipient::Staff { staff: leader };
    /// reg.issue_supplies(leader, t, store, vec![IssueLine::new(Item::MASKS, 20, to)], "")?;
    /// let trace = reg.donation_trace(dn).unwrap();
    /// assert_eq!(trace.purchases[0].balance_after_fen, 0);
    /// assert_eq!(trace.issued(&Item::MASKS), 20);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn donation_trace(&self, id: DonationId) -> Option<DonationTrace> {
        self.state.supplies.trace(id)
    }

    /// Every store's stock of every item at the end of local `day`, with what was issued on
    /// it ([`StockTable::own_items`] keeps the items the township defined itself).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::Item;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// let table = reg.stock_table("2020-02-01".parse()?);
    /// assert_eq!(table.rows[0].on_hand, 120);
    /// assert!(table.own_items().rows.is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn stock_table(&self, day: Day) -> StockTable {
        self.state.supplies.stock_table(day, self.state.grid.offset)
    }

    /// The donations as a sheet (捐赠登记): the default export, donors masked as surname + 某.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::report::{Cell, Lang};
    /// use fangkong::supplies::{DonorName, Gift};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// reg.receive_donation(leader, t, DonorName::new("岳建国"),
    ///     Gift::Money { amount_fen: 1_000_000 }, "购买口罩", reg.township())?;
    /// let sheet = reg.donations_sheet(Lang::Zh);
    /// assert_eq!(sheet.rows[0][1], Cell::Text("岳某".into()));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn donations_sheet(&self, lang: Lang) -> Sheet {
        let headings = vec![
            heading("编号", "Donation", lang),
            heading("捐赠人", "Donor", lang),
            heading("金额（元）", "Amount (yuan)", lang),
            heading("用途", "Purpose", lang),
            heading("接收单位", "Receiver", lang),
            heading("余额（元）", "Balance (yuan)", lang),
        ];
        let rows = self
            .donations()
            .map(|d| {
                vec![
                    Cell::Text(d.id.to_string()),
                    Cell::Text(d.donor.masked()),
                    Cell::Text(yuan(d.amount_fen)),
                    Cell::Text(d.purpose.clone()),
                    Cell::Text(self.state.grid.label(d.receiver)),
                    Cell::Text(yuan(d.balance_fen())),
                ]
            })
            .collect();
        Sheet::new(heading("捐赠登记", "Donations", lang), headings, rows)
    }

    /// Every receipt (lot) and issue as FHIR R5 SupplyDelivery resources, in order (feature
    /// `fhir`).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::Item;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// let all = reg.supply_deliveries_fhir();
    /// assert_eq!(all[0]["resourceType"], "SupplyDelivery");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    #[cfg(feature = "fhir")]
    pub fn supply_deliveries_fhir(&self) -> Vec<serde_json::Value> {
        let s = &self.state.supplies;
        let measure = |i: &Item| s.measure(i).unwrap_or(supplies::Measure::Piece);
        let mut out: Vec<serde_json::Value> = s
            .lots()
            .filter_map(|l| {
                let st = s.store(l.store)?;
                Some(supplies::supply_delivery_receipt(
                    l,
                    st,
                    &s.item_en(&l.item),
                    measure(&l.item),
                ))
            })
            .collect();
        out.extend(s.issues().iter().filter_map(|i| {
            let st = s.store(i.store)?;
            Some(supplies::supply_delivery_issue(
                i,
                st,
                &s.item_en(&i.item),
                measure(&i.item),
            ))
        }));
        out
    }

    /// A store's stock at the end of local `day` as a FHIR R5 InventoryReport (feature
    /// `fhir`); `None` for an unknown store.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::Item;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// let json = reg.inventory_report_fhir(store, "2020-02-01".parse()?).unwrap();
    /// assert_eq!(json["resourceType"], "InventoryReport");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    #[cfg(feature = "fhir")]
    pub fn inventory_report_fhir(&self, store: StoreId, day: Day) -> Option<serde_json::Value> {
        let st = self.store(store)?;
        Some(supplies::inventory_report(st, day, &self.stock_table(day)))
    }
}
