//! Supplies commands (防疫物资) as typed calls: shortcuts for [`Registry::execute`] that
//! return what each creates.

use super::receipt::created;
use super::{Receipt, Registry};
use crate::calendar::Instant;
use crate::error::Error;
use crate::ids::{DonationId, LotId, MovementId, StaffId, StoreId, UnitId};
use crate::supplies::{
    AdjustmentReason, DisposalStage, DonorName, Gift, IssueLine, Item, ItemDefinition,
    SuppliesCommand, SuppliesError, WithoutLedger,
};

/// # Supplies (防疫物资)
///
/// Items, stores, purchases and donations, transfers, issues, counts,
/// disposal, the hand-out policy and revealing a donor (recorded).
impl Registry {
    /// Executes a supplies command: a shortcut for [`execute`](Registry::execute) with
    /// [`SuppliesCommand`].
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{Item, SuppliesCommand, WithoutLedger};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// let lot = reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// reg.supplies(leader, t, SuppliesCommand::SetHandoutPolicy { without_ledger: WithoutLedger::Refuse })?;
    /// assert_eq!(reg.handout_policy(), WithoutLedger::Refuse);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute).
    pub fn supplies(
        &mut self,
        actor: StaffId,
        at: Instant,
        command: SuppliesCommand,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, command)
    }

    /// Defines an item of the township's own (a leader assigned to the township).
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::supplies::{ItemDefinition, Measure};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// reg.define_item(secretary, t, ItemDefinition::new("gloves".parse()?, "gloves", "手套", Measure::Pair))?;
    /// assert_eq!(reg.item_definition(&"gloves".parse()?).map(|d| d.measure), Some(Measure::Pair));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`SuppliesError::ItemAlreadyDefined`] for a preset's key or one defined; an empty name;
    /// an actor not assigned to the township.
    pub fn define_item(
        &mut self,
        actor: StaffId,
        at: Instant,
        definition: ItemDefinition,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, SuppliesCommand::DefineItem(definition))
    }

    /// Establishes a store in `unit` and returns it.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(secretary, t, reg.township(), "乡政府防疫物资仓库")?;
    /// assert_eq!(reg.store(store).map(|s| s.unit), Some(reg.township()));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// An unknown unit, an empty name, a unit outside the actor's reach.
    pub fn establish_store(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
        name: &str,
    ) -> Result<StoreId, Error> {
        let receipt = self.execute(
            actor,
            at,
            SuppliesCommand::EstablishStore {
                unit,
                name: name.to_owned(),
            },
        )?;
        Ok(created!(receipt, Store))
    }

    /// Receives a purchase into a store (a new lot, returned); `donation` names the donation
    /// whose money pays for it.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{DonorName, Gift, Item};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// let gift = Gift::Money { amount_fen: 1_000_000 };
    /// let dn = reg.receive_donation(leader, t, DonorName::new("岳建国"), gift, "购买口罩", reg.township())?;
    /// let lot = reg.receive_purchase(leader, t, store, Item::MASKS, 40_000, "县医药公司", 1_000_000, Some(dn))?;
    /// assert_eq!(reg.lot(lot).unwrap().donation, Some(dn));
    /// assert_eq!(reg.donation(dn).unwrap().balance_fen(), 0);
    /// // Spending more of it than is left is refused.
    /// let err = reg.receive_purchase(leader, t, store, Item::MASKS, 1, "县医药公司", 50, Some(dn)).unwrap_err();
    /// assert_eq!(err.code(), "donation_overspent");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`SuppliesError::DonationOverspent`], [`SuppliesError::DonationNotMoney`], a quantity or
    /// cost out of range, an unknown store, item or donation.
    #[allow(clippy::too_many_arguments)]
    pub fn receive_purchase(
        &mut self,
        actor: StaffId,
        at: Instant,
        store: StoreId,
        item: Item,
        quantity: i64,
        supplier: &str,
        cost_fen: i64,
        donation: Option<DonationId>,
    ) -> Result<LotId, Error> {
        let receipt = self.execute(
            actor,
            at,
            SuppliesCommand::ReceivePurchase {
                store,
                item,
                quantity,
                supplier: supplier.to_owned(),
                cost_fen,
                donation,
            },
        )?;
        Ok(created!(receipt, Lot))
    }

    /// Receives a donation of money or goods and returns it.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{DonorName, Gift, Item};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// let lot = reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// let dn = reg.receive_donation(leader, t, DonorName::new("岳建国"), Gift::Money { amount_fen: 1_000_000 }, "购买口罩", reg.township())?;
    /// assert_eq!(reg.donation(dn).unwrap().balance_fen(), 1_000_000);
    /// assert_eq!(reg.donation(dn).unwrap().donor.to_string(), "岳某");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// An amount or quantity out of range, an empty donor or purpose, an unknown unit or
    /// store.
    pub fn receive_donation(
        &mut self,
        actor: StaffId,
        at: Instant,
        donor: DonorName,
        gift: Gift,
        purpose: &str,
        receiver: UnitId,
    ) -> Result<DonationId, Error> {
        let receipt = self.execute(
            actor,
            at,
            SuppliesCommand::ReceiveDonation {
                donor,
                gift,
                purpose: purpose.to_owned(),
                receiver,
            },
        )?;
        Ok(created!(receipt, Donation))
    }

    /// Sends stock from one store to another (oldest lots first, or the lot named) and returns
    /// the movement.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, UnitKind};
    /// use fangkong::supplies::Item;
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// let lot = reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// let village = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let there = reg.establish_store(leader, t, village, "前进村物资点")?;
    /// reg.transfer_stock(leader, t, store, there, Item::DISINFECTANT, 20, None)?;
    /// assert_eq!(reg.stock_on_hand(there, &Item::DISINFECTANT), 20);
    /// assert_eq!(reg.stock_on_hand(store, &Item::DISINFECTANT), 100);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`SuppliesError::InsufficientStock`], [`SuppliesError::TransferToSameStore`], unknown
    /// stores, item or lot.
    #[allow(clippy::too_many_arguments)]
    pub fn transfer_stock(
        &mut self,
        actor: StaffId,
        at: Instant,
        store: StoreId,
        to_store: StoreId,
        item: Item,
        quantity: i64,
        lot: Option<LotId>,
    ) -> Result<MovementId, Error> {
        let receipt = self.execute(
            actor,
            at,
            SuppliesCommand::Transfer {
                store,
                to_store,
                item,
                quantity,
                lot,
            },
        )?;
        Ok(created!(receipt, Movement))
    }

    /// Issues stock from a store: every line, or none (a line that would take more than is
    /// left refuses the whole issue). Returns the movements, one per line.
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
    /// let err = reg.issue_supplies(leader, t, store, vec![IssueLine::new(Item::DISINFECTANT, 121, site.clone())], "")
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("only 120 on hand"));
    /// assert_eq!(reg.stock_on_hand(store, &Item::DISINFECTANT), 120);
    /// reg.issue_supplies(leader, t, store, vec![IssueLine::new(Item::DISINFECTANT, 120, site)], "")?;
    /// assert_eq!(reg.stock_on_hand(store, &Item::DISINFECTANT), 0);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`SuppliesError::InsufficientStock`] naming the stock on hand,
    /// [`SuppliesError::EmptyIssue`], a quantity out of range, an unknown store, item, lot,
    /// household, unit or member of staff, [`SuppliesError::HandoutThroughObservation`].
    pub fn issue_supplies(
        &mut self,
        actor: StaffId,
        at: Instant,
        store: StoreId,
        lines: Vec<IssueLine>,
        note: &str,
    ) -> Result<Vec<MovementId>, Error> {
        let receipt = self.execute(
            actor,
            at,
            SuppliesCommand::Issue {
                store,
                lines,
                note: note.to_owned(),
            },
        )?;
        Ok(receipt.created_all())
    }

    /// Counts stock up (`change` > 0) or down (`change` < 0) with a reason; returns the
    /// movement.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{AdjustmentReason, Item};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// let lot = reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// reg.adjust_stock(leader, t, store, Item::DISINFECTANT, -2, None, AdjustmentReason::Damaged, "破损")?;
    /// assert_eq!(reg.stock_on_hand(store, &Item::DISINFECTANT), 118);
    /// let zero = reg.adjust_stock(leader, t, store, Item::DISINFECTANT, 0, None, AdjustmentReason::Count, "");
    /// assert_eq!(zero.unwrap_err().code(), "zero_adjustment");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`SuppliesError::ZeroAdjustment`], [`SuppliesError::InsufficientStock`] for a count
    /// down below zero, unknown store, item or lot, an empty note for "other".
    #[allow(clippy::too_many_arguments)]
    pub fn adjust_stock(
        &mut self,
        actor: StaffId,
        at: Instant,
        store: StoreId,
        item: Item,
        change: i64,
        lot: Option<LotId>,
        reason: AdjustmentReason,
        note: &str,
    ) -> Result<MovementId, Error> {
        let receipt = self.execute(
            actor,
            at,
            SuppliesCommand::Adjust {
                store,
                item,
                change,
                lot,
                reason,
                note: note.to_owned(),
            },
        )?;
        Ok(created!(receipt, Movement))
    }

    /// Counts used masks and protective items at a stage of disposal in `unit` (not stock).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{DisposalStage, Item};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// let lot = reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// reg.record_disposal(leader, t, reg.township(), DisposalStage::Collected, 300, "废弃口罩")?;
    /// assert_eq!(reg.disposal_totals(None).collected, 300);
    /// assert_eq!(reg.stock_on_hand(store, &Item::MASKS), 0); // not stock
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// A quantity out of range, an unknown unit, a unit outside the actor's reach.
    pub fn record_disposal(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
        stage: DisposalStage,
        quantity: i64,
        note: &str,
    ) -> Result<Receipt, Error> {
        self.execute(
            actor,
            at,
            SuppliesCommand::RecordDisposal {
                unit,
                stage,
                quantity,
                note: note.to_owned(),
            },
        )
    }

    /// Sets what an observation's hand-out does when no store keeps stock records
    /// ([`WithoutLedger`]; the default records it and draws nothing).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{Item, WithoutLedger};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
    /// let lot = reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
    /// assert_eq!(reg.handout_policy(), WithoutLedger::RecordOnly); // the default
    /// reg.set_handout_policy(leader, t, WithoutLedger::Refuse)?;
    /// assert_eq!(reg.handout_policy(), WithoutLedger::Refuse);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// An actor not assigned to the township.
    pub fn set_handout_policy(
        &mut self,
        actor: StaffId,
        at: Instant,
        without_ledger: WithoutLedger,
    ) -> Result<Receipt, Error> {
        self.execute(
            actor,
            at,
            SuppliesCommand::SetHandoutPolicy { without_ledger },
        )
    }

    /// Reveals a donor's full name to `actor` (leaders over the receiving unit, inspectors):
    /// the reveal is a command, so the ledger records who saw it and when.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::supplies::{DonorName, Gift};
    ///
    /// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let dn = reg.receive_donation(leader, t, DonorName::new("岳建国"),
    ///     Gift::Money { amount_fen: 1_000_000 }, "购买口罩", reg.township())?;
    /// assert_eq!(reg.donation(dn).unwrap().donor.to_string(), "岳某");
    /// let entries = reg.ledger().len();
    /// assert_eq!(reg.reveal_donor(leader, t, dn)?, "岳建国");
    /// assert_eq!(reg.ledger().len(), entries + 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`SuppliesError::UnknownDonation`]; roles other than leaders and inspectors; a leader
    /// not over the receiving unit.
    pub fn reveal_donor(
        &mut self,
        actor: StaffId,
        at: Instant,
        donation: DonationId,
    ) -> Result<String, Error> {
        self.execute(actor, at, SuppliesCommand::RevealDonor { donation })?;
        self.state
            .supplies
            .donation(donation)
            .map(|d| d.donor.reveal().to_owned())
            .ok_or_else(|| SuppliesError::UnknownDonation { donation }.into())
    }
}
