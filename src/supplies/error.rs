//! The supplies ledger's errors (物资台账错误), in words a township clerk can act on.

use std::fmt;

use super::records::yuan;
use crate::ids::{DonationId, LotId, StoreId};

/// Everything the supplies ledger refuses. Wrapped by
/// [`Error::Supplies`](crate::Error::Supplies); failures shared with other modules (an unknown
/// unit, household or member of staff, a role not permitted, a unit outside the actor's reach,
/// a text required or too long) keep the crate's own variants.
///
/// ```
/// use fangkong::supplies::{StoreId, SuppliesError};
/// let err = SuppliesError::InsufficientStock {
///     store: StoreId::new(1), lot: None, item_en: "disinfectant".into(),
///     item_zh: "消毒液".into(), measure_zh: "瓶", wanted: 121, on_hand: 120,
/// };
/// assert_eq!(err.code(), "insufficient_stock");
/// assert_eq!(err.to_string(),
///     "cannot take 121 of disinfectant from store WH1: only 120 on hand; nothing was recorded");
/// assert_eq!(err.display_zh().to_string(),
///     "仓库WH1的消毒液只有120瓶，不能出库121瓶；未作任何登记");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SuppliesError {
    /// Taking more than is on hand: stock never goes below zero.
    #[error(
        "cannot take {wanted} of {item_en} from {}: only {on_hand} on hand; nothing was recorded",
        lot.map_or_else(|| format!("store {store}"), |l| format!("lot {l} in store {store}"))
    )]
    InsufficientStock {
        /// The store.
        store: StoreId,
        /// The lot named, if one was.
        lot: Option<LotId>,
        /// The item's English name.
        item_en: String,
        /// The item's Chinese name.
        item_zh: String,
        /// Its unit of measure in Chinese.
        measure_zh: &'static str,
        /// How many were asked for (in a batch: this line and those before it of the item).
        wanted: u64,
        /// How many are on hand.
        on_hand: u64,
    },
    /// A quantity, cost or amount that is zero, negative or too large.
    #[error("{what} must be from 1 to {max}; {value} is not")]
    OutOfRange {
        /// What ("the quantity", "the cost in fen", "the amount in fen").
        what: &'static str,
        /// The value given.
        value: i64,
        /// The largest allowed.
        max: i64,
    },
    /// An adjustment of zero.
    #[error(
        "an adjustment must change the stock: write how many more (+) or fewer (−) were counted"
    )]
    ZeroAdjustment,
    /// No store with this id.
    #[error("there is no store {store}")]
    UnknownStore {
        /// The id given.
        store: StoreId,
    },
    /// No lot with this id.
    #[error("there is no lot {lot}")]
    UnknownLot {
        /// The id given.
        lot: LotId,
    },
    /// An item neither preset nor defined.
    #[error("there is no item \"{item}\": define it first, or use a preset such as \"masks\"")]
    UnknownItem {
        /// The item's key.
        item: String,
    },
    /// No donation with this id.
    #[error("there is no donation {donation}")]
    UnknownDonation {
        /// The id given.
        donation: DonationId,
    },
    /// A lot named that holds another item or lies in another store.
    #[error("lot {lot} holds {lot_item} in store {lot_store}, not {item} in store {store}")]
    LotNotHere {
        /// The lot.
        lot: LotId,
        /// The store it lies in.
        lot_store: StoreId,
        /// The item it holds.
        lot_item: String,
        /// The store named.
        store: StoreId,
        /// The item named.
        item: String,
    },
    /// A purchase that spends more of a donation than is left.
    #[error(
        "the purchase costs {} yuan but donation {donation} has only {} yuan left; nothing was recorded",
        yuan(*cost_fen), yuan(*balance_fen)
    )]
    DonationOverspent {
        /// The donation.
        donation: DonationId,
        /// The cost, in fen.
        cost_fen: u64,
        /// What is left of the donation, in fen.
        balance_fen: u64,
    },
    /// A purchase citing a donation of goods.
    #[error("donation {donation} was given in goods, not money: a purchase cannot spend it")]
    DonationNotMoney {
        /// The donation.
        donation: DonationId,
    },
    /// A transfer to the store it comes from.
    #[error("a transfer must go to another store, not back to {store}")]
    TransferToSameStore {
        /// The store.
        store: StoreId,
    },
    /// An item key that is not well formed.
    #[error(
        "\"{input}\" is not an item: write a known name (such as \"masks\" or \"口罩\") or a key of lower-case letters, digits and hyphens starting with a letter"
    )]
    InvalidItemKey {
        /// The text given (quoted, masked).
        input: String,
    },
    /// Defining an item that exists.
    #[error("the item \"{item}\" already exists: give a new item a key of its own")]
    ItemAlreadyDefined {
        /// The key.
        item: String,
    },
    /// A direct issue naming an observation.
    #[error(
        "a hand-out to a person under observation is recorded on the observation (hand out supplies), not as an issue naming it"
    )]
    HandoutThroughObservation,
    /// A hand-out naming no store when the township keeps none of its own.
    #[error(
        "the township has no store of its own to hand out from: name the store the supplies come from"
    )]
    NoTownshipStore,
    /// A hand-out refused because no store keeps stock records (the policy says to refuse).
    #[error(
        "no store keeps stock records yet, and hand-outs are set to be refused until one does: establish a store first"
    )]
    NoSuppliesLedger,
    /// An issue of nothing.
    #[error("an issue must list at least one line")]
    EmptyIssue,
}

crate::value_error::error_codes!(SuppliesError {
    InsufficientStock => "insufficient_stock",
    OutOfRange => "quantity_out_of_range",
    ZeroAdjustment => "zero_adjustment",
    UnknownStore => "unknown_store",
    UnknownLot => "unknown_lot",
    UnknownItem => "unknown_item",
    UnknownDonation => "unknown_donation",
    LotNotHere => "lot_not_in_store",
    DonationOverspent => "donation_overspent",
    DonationNotMoney => "donation_not_money",
    TransferToSameStore => "transfer_to_same_store",
    InvalidItemKey => "invalid_item_key",
    ItemAlreadyDefined => "item_already_defined",
    HandoutThroughObservation => "handout_through_observation",
    NoTownshipStore => "no_township_store",
    NoSuppliesLedger => "no_supplies_ledger",
    EmptyIssue => "empty_issue",
});

impl SuppliesError {
    /// The message in Chinese (`Display` gives it in English).
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        super::records::Zh(move |f: &mut fmt::Formatter<'_>| zh(self, f))
    }
}

fn what_zh(what: &str) -> &str {
    match what {
        "the quantity" => "数量",
        "the cost in fen" => "采购金额（分）",
        "the amount in fen" => "捐赠金额（分）",
        "the value in fen" => "物资价值（分）",
        other => other,
    }
}

fn zh(e: &SuppliesError, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use SuppliesError::*;
    match e {
        InsufficientStock {
            store,
            lot,
            item_zh,
            measure_zh,
            wanted,
            on_hand,
            ..
        } => {
            let place =
                lot.map_or_else(|| format!("仓库{store}"), |l| format!("仓库{store}批次{l}"));
            write!(
                f,
                "{place}的{item_zh}只有{on_hand}{measure_zh}，不能出库{wanted}{measure_zh}；未作任何登记"
            )
        }
        OutOfRange { what, value, max } => {
            write!(f, "{}须在1至{max}之间，{value}不符合", what_zh(what))
        }
        ZeroAdjustment => write!(f, "盘点调整不能为零：请写明盘盈（+）或盘亏（−）的数量"),
        UnknownStore { store } => write!(f, "没有仓库{store}"),
        UnknownLot { lot } => write!(f, "没有批次{lot}"),
        UnknownItem { item } => write!(
            f,
            "没有物资品类“{item}”：请先定义，或使用预设品类，如“口罩”"
        ),
        UnknownDonation { donation } => write!(f, "没有捐赠{donation}"),
        LotNotHere {
            lot,
            lot_store,
            lot_item,
            store,
            item,
        } => write!(
            f,
            "批次{lot}是仓库{lot_store}的“{lot_item}”，不是仓库{store}的“{item}”"
        ),
        DonationOverspent {
            donation,
            cost_fen,
            balance_fen,
        } => write!(
            f,
            "本次采购{}元，但捐赠{donation}只剩{}元；未作任何登记",
            yuan(*cost_fen),
            yuan(*balance_fen)
        ),
        DonationNotMoney { donation } => {
            write!(f, "捐赠{donation}是物资捐赠，不是捐款，不能用于采购")
        }
        TransferToSameStore { store } => write!(f, "调拨须调往另一仓库，不能调回{store}"),
        InvalidItemKey { input } => write!(
            f,
            "“{input}”不是物资品类：请写已知名称（如“口罩”），或由小写字母、数字和连字符组成、以字母开头的代号"
        ),
        ItemAlreadyDefined { item } => {
            write!(f, "物资品类“{item}”已存在：请给新品类另取代号")
        }
        HandoutThroughObservation => write!(
            f,
            "给医学观察对象发放物资须在观察记录中登记发放，不能作为直接发放登记"
        ),
        NoTownshipStore => write!(f, "乡镇没有自己的仓库可供发放：请写明物资出自哪个仓库"),
        NoSuppliesLedger => write!(
            f,
            "尚无仓库登记库存，且发放设置为在建立仓库前拒绝：请先建立仓库"
        ),
        EmptyIssue => write!(f, "发放至少要有一项"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<SuppliesError> {
        let store = StoreId::new(1);
        vec![
            SuppliesError::InsufficientStock {
                store,
                lot: Some(LotId::new(2)),
                item_en: "disinfectant".into(),
                item_zh: "消毒液".into(),
                measure_zh: "瓶",
                wanted: 121,
                on_hand: 120,
            },
            SuppliesError::OutOfRange {
                what: "the quantity",
                value: -5,
                max: 10_000_000,
            },
            SuppliesError::ZeroAdjustment,
            SuppliesError::UnknownStore { store },
            SuppliesError::UnknownLot { lot: LotId::new(9) },
            SuppliesError::UnknownItem {
                item: "goggles".into(),
            },
            SuppliesError::UnknownDonation {
                donation: DonationId::new(4),
            },
            SuppliesError::LotNotHere {
                lot: LotId::new(1),
                lot_store: store,
                lot_item: "口罩".into(),
                store: StoreId::new(2),
                item: "消毒液".into(),
            },
            SuppliesError::DonationOverspent {
                donation: DonationId::new(1),
                cost_fen: 1_000_001,
                balance_fen: 1_000_000,
            },
            SuppliesError::DonationNotMoney {
                donation: DonationId::new(1),
            },
            SuppliesError::TransferToSameStore { store },
            SuppliesError::InvalidItemKey {
                input: "护目 镜".into(),
            },
            SuppliesError::ItemAlreadyDefined {
                item: "goggles".into(),
            },
            SuppliesError::HandoutThroughObservation,
            SuppliesError::NoTownshipStore,
            SuppliesError::NoSuppliesLedger,
            SuppliesError::EmptyIssue,
        ]
    }

    #[test]
    fn every_variant_has_its_listed_code_and_reads_in_chinese() {
        let all = every_variant();
        let codes: Vec<&str> = all.iter().map(SuppliesError::code).collect();
        assert_eq!(codes, SuppliesError::CODES);
        for e in &all {
            let zh = e.display_zh().to_string();
            let word = crate::test_support::english_word_outside_quotes(&zh);
            assert_eq!(word, None, "{}: {zh}", e.code());
            assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn an_overspent_donation_names_both_amounts_in_yuan() {
        let e = &every_variant()[8];
        assert_eq!(
            e.to_string(),
            "the purchase costs 10000.01 yuan but donation DN1 has only 10000.00 yuan left; nothing was recorded"
        );
    }
}
