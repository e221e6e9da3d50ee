//! The labelled values of the supplies ledger, with their English and Chinese names
//! (`labels!`, src/label.rs): units of measure, reasons for an adjustment, the stages of
//! disposal, what a hand-out does when no store keeps stock, and the kinds of ledger line.

use serde::{Deserialize, Serialize};

use crate::label::labels;

/// The unit an item is counted in (计量单位).
///
/// ```
/// use fangkong::supplies::Measure;
/// assert_eq!("瓶".parse::<Measure>()?, Measure::Bottle);
/// assert_eq!(Measure::Piece.label_zh(), "个");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Measure {
    /// By the piece (个): masks, thermometers.
    Piece,
    /// By the bottle (瓶): disinfectant.
    Bottle,
    /// By the box (盒).
    Box,
    /// By the pack (包).
    Pack,
    /// By the pair (副): gloves, goggles.
    Pair,
    /// By the set (套): protective suits.
    Set,
}

labels!(Measure: "unit of measure", with_display {
    Piece => "piece", "个", ["只", "件", "pieces", "pcs"];
    Bottle => "bottle", "瓶", ["bottles"];
    Box => "box", "盒", ["boxes"];
    Pack => "pack", "包", ["packs", "bag"];
    Pair => "pair", "副", ["双", "pairs"];
    Set => "set", "套", ["sets"];
});

/// Why stock was counted up or down (盘点调整原因).
///
/// ```
/// use fangkong::supplies::AdjustmentReason;
/// assert_eq!("盘点".parse::<AdjustmentReason>()?, AdjustmentReason::Count);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AdjustmentReason {
    /// A stock count found more or fewer than the ledger (盘点).
    Count,
    /// Damaged (损坏).
    Damaged,
    /// Past its expiry (过期).
    Expired,
    /// Lost (丢失).
    Lost,
    /// Another reason, written in the note (其他).
    Other,
}

labels!(AdjustmentReason: "reason for an adjustment", with_display {
    Count => "stock count", "盘点", ["count", "盘盈", "盘亏"];
    Damaged => "damaged", "损坏", ["破损"];
    Expired => "expired", "过期", ["失效"];
    Lost => "lost", "丢失", ["遗失"];
    Other => "other", "其他", ["其它"];
});

/// A stage of the disposal of used masks and protective items (回收、清运、无害化处理): a
/// count of its own, never stock.
///
/// ```
/// use fangkong::supplies::DisposalStage;
/// assert_eq!("清运".parse::<DisposalStage>()?, DisposalStage::Carried);
/// assert_eq!(DisposalStage::Treated.label_zh(), "无害化处理");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DisposalStage {
    /// Collected (回收).
    Collected,
    /// Carried away (清运).
    Carried,
    /// Disposed of harmlessly (无害化处理).
    Treated,
}

labels!(DisposalStage: "stage of disposal", with_display {
    Collected => "collected", "回收", ["collection"];
    Carried => "carried away", "清运", ["carried", "transported"];
    Treated => "disposed of harmlessly", "无害化处理", ["treated", "disposed"];
});

/// What an observation's supply hand-out does when no store keeps stock records at all (a
/// township that keeps no supplies ledger): set by
/// [`SuppliesCommand::SetHandoutPolicy`](super::SuppliesCommand::SetHandoutPolicy).
/// The default is [`RecordOnly`](Self::RecordOnly).
///
/// ```
/// use fangkong::supplies::WithoutLedger;
/// assert_eq!(WithoutLedger::default(), WithoutLedger::RecordOnly);
/// assert_eq!(WithoutLedger::Refuse.label_zh(), "拒绝");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WithoutLedger {
    /// The hand-out is recorded on the observation and draws nothing (默认：仅登记).
    #[default]
    RecordOnly,
    /// The hand-out is refused until a store is established (拒绝).
    Refuse,
}

labels!(WithoutLedger: "hand-out without a supplies ledger", with_display {
    RecordOnly => "record only", "仅登记", ["record"];
    Refuse => "refuse", "拒绝", ["refused"];
});

/// What a line of the stock ledger records (台账类型).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LineKind {
    /// A purchase received (采购入库).
    Purchase,
    /// A donation in goods received (捐赠入库).
    Donation,
    /// Received from another store (调入).
    TransferIn,
    /// Sent to another store (调出).
    TransferOut,
    /// Issued (发放).
    Issue,
    /// Counted up (盘盈).
    AdjustUp,
    /// Counted down (盘亏).
    AdjustDown,
}

labels!(LineKind: "kind of ledger line", with_display {
    Purchase => "purchase", "采购入库", [];
    Donation => "donation", "捐赠入库", [];
    TransferIn => "transfer in", "调入", [];
    TransferOut => "transfer out", "调出", [];
    Issue => "issue", "发放", [];
    AdjustUp => "counted up", "盘盈", [];
    AdjustDown => "counted down", "盘亏", [];
});
