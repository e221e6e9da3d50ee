//! What the supplies ledger holds: stores, lots, donations, movements, disposal counts; and
//! the rows its queries give.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::kind::Item;
use super::labels::{AdjustmentReason, DisposalStage, LineKind};
use crate::calendar::{Day, Instant};
use crate::ids::{
    DonationId, HouseholdId, LotId, MovementId, ObservationId, StaffId, StoreId, UnitId,
};
use crate::mask::mask_name;

/// A donor's name (捐赠人姓名): kept in full in the ledger, masked as surname + 某 (`岳某`)
/// in `Display`, `Debug`, errors and default exports. The full name comes out only through
/// [`Registry::reveal_donor`](crate::Registry::reveal_donor), which the ledger records.
///
/// ```
/// use fangkong::supplies::DonorName;
/// let donor = DonorName::new("岳建国");
/// assert_eq!(donor.to_string(), "岳某");
/// assert_eq!(format!("{donor:?}"), "DonorName(\"岳某\")");
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DonorName(String);

impl DonorName {
    /// A donor's name as written.
    pub fn new(name: impl Into<String>) -> DonorName {
        DonorName(name.into())
    }

    /// The masked name: surname + 某.
    pub fn masked(&self) -> String {
        mask_name(&self.0)
    }

    /// The name in full: only for the registry's recorded reveal and the ledger.
    pub(crate) fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DonorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for DonorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DonorName({:?})", self.masked())
    }
}

/// A store of supplies (仓库): the township's or a village's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Store {
    /// Its id.
    pub id: StoreId,
    /// The unit that keeps it.
    pub unit: UnitId,
    /// Its name, such as "乡政府防疫物资仓库".
    pub name: String,
}

/// Where a lot came from (来源).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LotSource {
    /// Bought (采购) from a supplier at a cost in fen.
    Purchase {
        /// The supplier.
        supplier: String,
        /// What it cost, in fen (分).
        cost_fen: u64,
    },
    /// Given as goods (捐赠物资).
    DonatedGoods,
    /// Sent from a lot in another store (调拨).
    Transfer {
        /// The lot it came from.
        from_lot: LotId,
    },
    /// Found by a count (盘盈).
    Count,
}

/// A lot (批次): what one receipt brought of one item into one store, and how much of it is
/// left. A lot bought with a donation's money, given as a donation, or sent on from such a
/// lot carries the donation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Lot {
    /// Its id.
    pub id: LotId,
    /// The store it is in.
    pub store: StoreId,
    /// The item.
    pub item: Item,
    /// How many it brought in.
    pub received: u64,
    /// How many are left.
    pub remaining: u64,
    /// When it came into this store.
    pub at: Instant,
    /// When it first came into any store: a transfer keeps its age, which orders issues
    /// (oldest first).
    pub since: Instant,
    /// Where it came from.
    pub source: LotSource,
    /// The donation it carries, if any.
    pub donation: Option<DonationId>,
}

/// What a donation gives (捐赠内容): money, or goods into a store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Gift {
    /// Money (捐款), in fen.
    Money {
        /// How much, in fen (分): 1,000,000 fen is 10,000 yuan.
        amount_fen: i64,
    },
    /// Goods (捐物) received into a store, with their value in fen.
    Goods {
        /// The store.
        store: StoreId,
        /// The item.
        item: Item,
        /// How many.
        quantity: i64,
        /// Their value, in fen (0 when not valued).
        value_fen: i64,
    },
}

/// A donation (捐赠) on record: donor, amount, purpose, receiver, and what of its money is
/// spent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Donation {
    /// Its id.
    pub id: DonationId,
    /// The donor (masked when shown).
    pub donor: DonorName,
    /// Money or goods.
    pub gift: Gift,
    /// Its amount, in fen: the money, or the goods' value.
    pub amount_fen: u64,
    /// What it is for, such as "购买口罩等防护物资".
    pub purpose: String,
    /// The unit that received it (the township party committee: the township).
    pub receiver: UnitId,
    /// When it was received.
    pub at: Instant,
    /// The money spent on purchases so far, in fen (0 for goods).
    pub spent_fen: u64,
    /// The lot its goods came as, for goods.
    pub lot: Option<LotId>,
}

impl Donation {
    /// Whether it is a donation of money.
    pub fn is_money(&self) -> bool {
        matches!(self.gift, Gift::Money { .. })
    }

    /// The money left to spend, in fen (never negative; 0 for goods).
    pub fn balance_fen(&self) -> u64 {
        if self.is_money() {
            self.amount_fen.saturating_sub(self.spent_fen)
        } else {
            0
        }
    }
}

impl fmt::Display for Donation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.gift {
            Gift::Money { .. } => write!(
                f,
                "{}: {} yuan from {} to {} for \"{}\"; {} yuan left",
                self.id,
                yuan(self.amount_fen),
                self.donor,
                self.receiver,
                self.purpose,
                yuan(self.balance_fen())
            ),
            Gift::Goods { item, quantity, .. } => write!(
                f,
                "{}: {quantity} {item} worth {} yuan from {} to {} for \"{}\"",
                self.id,
                yuan(self.amount_fen),
                self.donor,
                self.receiver,
                self.purpose
            ),
        }
    }
}

/// An amount in fen written in yuan (`1000000` → `"10000.00"`).
pub fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// Whom an issue went to (发放对象).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Recipient {
    /// A household (a person under observation gets masks, disinfectant, a thermometer).
    Household {
        /// The household.
        household: HouseholdId,
        /// The observation whose hand-out it was, when recorded through the observation
        /// (`ObservationUpdate::HandOutSupplies`); a direct issue names none.
        observation: Option<ObservationId>,
    },
    /// A disinfection round at a site (消杀点位): the agent used. The site is named by its
    /// unit and a place (the disinfection module's sites are wired in by the registry).
    Site {
        /// The unit the site lies in.
        unit: UnitId,
        /// The place, such as "乡政府办公楼".
        place: String,
    },
    /// A site of the disinfection module (消杀点位), by its id: the agent its rounds use. The
    /// registry checks that the site exists.
    DisinfectionSite {
        /// The site.
        site: crate::ids::SiteId,
    },
    /// A member of staff (工作人员), for their own protection or work.
    Staff {
        /// Who.
        staff: StaffId,
    },
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recipient::Household {
                household,
                observation: Some(o),
            } => write!(f, "household {household} (observation {o})"),
            Recipient::Household { household, .. } => write!(f, "household {household}"),
            Recipient::Site { unit, place } => write!(f, "site \"{place}\" in {unit}"),
            Recipient::DisinfectionSite { site } => write!(f, "disinfection site {site}"),
            Recipient::Staff { staff } => write!(f, "staff member {staff}"),
        }
    }
}

impl Recipient {
    /// The recipient in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        Zh(move |f: &mut fmt::Formatter<'_>| match self {
            Recipient::Household {
                household,
                observation: Some(o),
            } => write!(f, "户{household}（观察{o}）"),
            Recipient::Household { household, .. } => write!(f, "户{household}"),
            Recipient::Site { unit, place } => write!(f, "{unit}的消杀点位“{place}”"),
            Recipient::DisinfectionSite { site } => write!(f, "消杀点位{site}"),
            Recipient::Staff { staff } => write!(f, "工作人员{staff}"),
        })
    }
}

/// How many were drawn from one lot (出库批次).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Draw {
    /// The lot.
    pub lot: LotId,
    /// How many.
    pub quantity: u64,
}

/// One line of an issue batch (发放明细): an item, how many, from which lot if named, to whom.
///
/// Unchecked input: a line is a command's payload, and a refused command must read back from
/// the ledger as it was given, so it builds and deserializes as it is (a quantity of 0 or -5
/// too); issuing checks every line and refuses the whole batch, e.g. with
/// [`SuppliesError::OutOfRange`](crate::supplies::SuppliesError::OutOfRange).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IssueLine {
    /// The item.
    pub item: Item,
    /// How many: at least 1.
    pub quantity: i64,
    /// The lot to draw from; `None` draws the oldest lots first.
    pub lot: Option<LotId>,
    /// Whom it goes to.
    pub to: Recipient,
}

impl IssueLine {
    /// A line drawing the oldest lots first.
    pub fn new(item: Item, quantity: i64, to: Recipient) -> IssueLine {
        IssueLine {
            item,
            quantity,
            lot: None,
            to,
        }
    }

    /// The same line drawing from one lot.
    pub fn from_lot(mut self, lot: LotId) -> IssueLine {
        self.lot = Some(lot);
        self
    }
}

/// A line of the stock ledger (台账): one lot's change at an instant. Stock on hand at any
/// instant is the sum of the lines up to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StockLine {
    /// When.
    pub at: Instant,
    /// The store.
    pub store: StoreId,
    /// The item.
    pub item: Item,
    /// The lot.
    pub lot: LotId,
    /// The change: positive in, negative out.
    pub change: i64,
    /// What it records.
    pub kind: LineKind,
    /// The movement it belongs to (issues, transfers, adjustments).
    pub movement: Option<MovementId>,
}

/// An issue on record (发放记录).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Issue {
    /// Its movement id.
    pub movement: MovementId,
    /// The store it came from.
    pub store: StoreId,
    /// The item.
    pub item: Item,
    /// The lots drawn.
    pub draws: Vec<Draw>,
    /// Whom it went to.
    pub to: Recipient,
    /// When.
    pub at: Instant,
    /// Who recorded it.
    pub by: StaffId,
}

impl Issue {
    /// How many were issued.
    pub fn quantity(&self) -> u64 {
        self.draws.iter().map(|d| d.quantity).sum()
    }
}

/// A count of used masks and protective items at a stage of disposal (回收、清运、无害化处理).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Disposal {
    /// The unit where it was done.
    pub unit: UnitId,
    /// The stage.
    pub stage: DisposalStage,
    /// How many items (or bags, as the note says).
    pub quantity: u64,
    /// The local day.
    pub day: Day,
    /// What the recorder wrote.
    pub note: String,
}

/// An adjustment on record (盘点调整).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Adjustment {
    /// Its movement id.
    pub movement: MovementId,
    /// The store.
    pub store: StoreId,
    /// The item.
    pub item: Item,
    /// The change: positive up, negative down.
    pub change: i64,
    /// Why.
    pub reason: AdjustmentReason,
    /// What the recorder wrote.
    pub note: String,
    /// When.
    pub at: Instant,
}

/// A rendering written by a closure: the Chinese of a value.
pub(crate) struct Zh<F>(pub(crate) F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Zh<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}
