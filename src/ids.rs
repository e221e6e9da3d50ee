//! Identifiers the registry hands out.
//!
//! The registry numbers units, staff, households and residents itself, in the order they are
//! recorded, so replaying the same events always gives the same identifiers. Each identifier
//! prints with a one-letter prefix (`U7`, `S3`, `H1024`, `R4410`), which is also its text form.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::value_error::ValueError;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(u32);

        impl<'de> Deserialize<'de> for $name {
            /// Reads the bare number; errors mask what they quote.
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const EXPECTED: &str = concat!("the number of a ", $what, " identifier");
                let n = crate::value_error::deserialize_integer(d, EXPECTED)?;
                u32::try_from(n)
                    .map($name)
                    .map_err(|_| crate::value_error::out_of_range::<D::Error>(n, EXPECTED))
            }
        }

        impl $name {
            /// The identifier with this number (as printed after the prefix).
            pub const fn new(number: u32) -> Self {
                $name(number)
            }

            /// The number of this identifier, without its prefix.
            pub const fn get(self) -> u32 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self, f)
            }
        }

        impl FromStr for $name {
            type Err = ValueError;

            fn from_str(s: &str) -> Result<Self, ValueError> {
                s.strip_prefix($prefix)
                    .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|n| n.parse().ok())
                    .map($name)
                    .ok_or_else(|| ValueError::InvalidId {
                        input: s.into(),
                        what: $what,
                        example: concat!($prefix, "12"),
                    })
            }
        }
    };
}

id_type!(
    /// A unit of the grid (网格单元): the township, a village or community, a zone or a group.
    ///
    /// ```
    /// use fangkong::UnitId;
    /// assert_eq!("U7".parse::<UnitId>()?, UnitId::new(7));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    UnitId,
    "U",
    "unit"
);
id_type!(
    /// A member of staff (工作人员): leader, cadre, grid worker, health worker, inspector, volunteer.
    ///
    /// ```
    /// use fangkong::StaffId;
    /// assert_eq!(StaffId::new(3).to_string(), "S3");
    /// ```
    StaffId,
    "S",
    "staff member"
);
id_type!(
    /// A household (户).
    ///
    /// ```
    /// use fangkong::HouseholdId;
    /// assert_eq!("H1024".parse::<HouseholdId>()?.get(), 1024);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    HouseholdId,
    "H",
    "household"
);
id_type!(
    /// A resident (居民), a member of one household.
    ///
    /// ```
    /// use fangkong::ResidentId;
    /// assert!("4410".parse::<ResidentId>().is_err()); // the prefix is part of the id
    /// ```
    ResidentId,
    "R",
    "resident"
);
id_type!(
    /// A screening round (摸底排查轮次).
    ///
    /// ```
    /// use fangkong::screening::RoundId;
    /// assert_eq!("SR1".parse::<RoundId>()?, RoundId::new(1));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    RoundId,
    "SR",
    "screening round"
);
id_type!(
    /// An observation (医学观察) of one resident.
    ///
    /// ```
    /// use fangkong::observation::ObservationId;
    /// assert_eq!(ObservationId::new(49).to_string(), "OB49");
    /// ```
    ObservationId,
    "OB",
    "observation"
);

// --- gathering (聚集管控) ---
id_type!(
    /// A gathering order (聚集管控令): rules on gatherings issued by a leader for a unit.
    ///
    /// ```
    /// use fangkong::gathering::GatheringOrderId;
    /// assert_eq!("GO3".parse::<GatheringOrderId>()?, GatheringOrderId::new(3));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    GatheringOrderId,
    "GO",
    "gathering order"
);
id_type!(
    /// A planned gathering a household reported (报备的聚集活动): a wedding, funeral or banquet.
    ///
    /// ```
    /// use fangkong::gathering::GatheringId;
    /// assert_eq!(GatheringId::new(12).to_string(), "GP12");
    /// ```
    GatheringId,
    "GP",
    "planned gathering"
);
id_type!(
    /// A persuasion visit record (劝导记录) about a planned gathering.
    ///
    /// ```
    /// use fangkong::gathering::PersuasionId;
    /// assert_eq!("PV1".parse::<PersuasionId>()?.get(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    PersuasionId,
    "PV",
    "persuasion record"
);
id_type!(
    /// A venue of the venue register (场所): a catering business, teahouse, market, ….
    ///
    /// ```
    /// use fangkong::gathering::VenueId;
    /// assert_eq!(VenueId::new(65).to_string(), "VE65");
    /// ```
    VenueId,
    "VE",
    "venue"
);
id_type!(
    /// A venue closure order (停业令/关闭令).
    ///
    /// ```
    /// use fangkong::gathering::ClosureId;
    /// assert_eq!("VC2".parse::<ClosureId>()?, ClosureId::new(2));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ClosureId,
    "VC",
    "venue closure order"
);
id_type!(
    /// A venue reopening order (复业令).
    ///
    /// ```
    /// use fangkong::gathering::ReopeningId;
    /// assert_eq!(ReopeningId::new(1).to_string(), "VR1");
    /// ```
    ReopeningId,
    "VR",
    "venue reopening order"
);
id_type!(
    /// A violation: a venue found open while ordered closed (违规营业).
    ///
    /// ```
    /// use fangkong::gathering::ViolationId;
    /// assert_eq!("VX4".parse::<ViolationId>()?.get(), 4);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ViolationId,
    "VX",
    "venue violation"
);
// --- supervision ---
id_type!(
    /// An inspection (督查) by the supervision group, open or covert.
    ///
    /// ```
    /// use fangkong::supervision::InspectionId;
    /// assert_eq!("IN11".parse::<InspectionId>()?, InspectionId::new(11));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    InspectionId,
    "IN",
    "inspection"
);
id_type!(
    /// A finding (问题) of the supervision group, to be rectified (整改) by a deadline.
    ///
    /// ```
    /// use fangkong::supervision::FindingId;
    /// assert_eq!(FindingId::new(3).to_string(), "FD3");
    /// ```
    FindingId,
    "FD",
    "finding"
);
id_type!(
    /// An accountability decision (问责决定).
    ///
    /// ```
    /// use fangkong::supervision::AccountabilityId;
    /// assert_eq!("AC2".parse::<AccountabilityId>()?.get(), 2);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    AccountabilityId,
    "AC",
    "accountability decision"
);
// --- disinfection ---
id_type!(
    /// A site of cleaning and disinfection (消杀点位): the township office building, a
    /// village's public places, its rubbish bins, a market.
    ///
    /// ```
    /// use fangkong::disinfection::SiteId;
    /// assert_eq!("SI3".parse::<SiteId>()?, SiteId::new(3));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    SiteId,
    "SI",
    "disinfection site"
);
id_type!(
    /// A schedule of cleaning or disinfection rounds at a site (消杀计划).
    ///
    /// ```
    /// use fangkong::disinfection::DisinfectionScheduleId;
    /// assert_eq!(DisinfectionScheduleId::new(2).to_string(), "DS2");
    /// ```
    DisinfectionScheduleId,
    "DS",
    "disinfection schedule"
);
id_type!(
    /// A cleaning or disinfection round recorded at a site (消杀记录).
    ///
    /// ```
    /// use fangkong::disinfection::DisinfectionRoundId;
    /// assert_eq!("RD12".parse::<DisinfectionRoundId>()?, DisinfectionRoundId::new(12));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    DisinfectionRoundId,
    "RD",
    "disinfection round"
);
// --- roster ---
id_type!(
    /// A leave cancellation (取消休假) for the staff of a unit and the units below it.
    ///
    /// ```
    /// use fangkong::roster::LeaveCancellationId;
    /// assert_eq!("LC1".parse::<LeaveCancellationId>()?, LeaveCancellationId::new(1));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    LeaveCancellationId,
    "LC",
    "leave cancellation"
);
id_type!(
    /// A leader's exception (特批) to a leave cancellation for one member of staff.
    ///
    /// ```
    /// use fangkong::roster::LeaveExceptionId;
    /// assert_eq!(LeaveExceptionId::new(2).to_string(), "LX2");
    /// ```
    LeaveExceptionId,
    "LX",
    "leave exception"
);
id_type!(
    /// A leave (请假) on record for a member of staff.
    ///
    /// ```
    /// use fangkong::roster::LeaveId;
    /// assert_eq!(LeaveId::new(3).to_string(), "LV3");
    /// ```
    LeaveId,
    "LV",
    "leave"
);
id_type!(
    /// A post (岗位): a checkpoint (卡点), office duty (值班) or village duty (村级值守).
    ///
    /// ```
    /// use fangkong::roster::PostId;
    /// assert_eq!("PT4".parse::<PostId>()?, PostId::new(4));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    PostId,
    "PT",
    "post"
);
id_type!(
    /// A shift (班次) at a post: a start, an end and the number of people required.
    ///
    /// ```
    /// use fangkong::roster::ShiftId;
    /// assert_eq!(ShiftId::new(12).to_string(), "SF12");
    /// ```
    ShiftId,
    "SF",
    "shift"
);

// --- publicity (宣传引导) ---
id_type!(
    /// A publicity campaign (宣传活动): a named message, such as the letter to all residents,
    /// to cover a set of units within a span.
    ///
    /// ```
    /// use fangkong::publicity::CampaignId;
    /// assert_eq!("PC1".parse::<CampaignId>()?, CampaignId::new(1));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    CampaignId,
    "PC",
    "publicity campaign"
);
id_type!(
    /// A publicity action (宣传记录): letters delivered, a van outing, a broadcast, an online
    /// message, posters put up.
    ///
    /// ```
    /// use fangkong::publicity::PublicityActionId;
    /// assert_eq!(PublicityActionId::new(12).to_string(), "PA12");
    /// ```
    PublicityActionId,
    "PA",
    "publicity action"
);

// --- supplies (防疫物资) ---
id_type!(
    /// A store (仓库) of supplies: the township's, or a village's.
    ///
    /// ```
    /// use fangkong::supplies::StoreId;
    /// assert_eq!("WH1".parse::<StoreId>()?, StoreId::new(1));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    StoreId,
    "WH",
    "store"
);
id_type!(
    /// A lot (批次) of one item in one store: what one receipt brought in.
    ///
    /// ```
    /// use fangkong::supplies::LotId;
    /// assert_eq!(LotId::new(3).to_string(), "LT3");
    /// ```
    LotId,
    "LT",
    "lot"
);
id_type!(
    /// A donation (捐赠), in money or in goods.
    ///
    /// ```
    /// use fangkong::supplies::DonationId;
    /// assert_eq!("DN1".parse::<DonationId>()?.get(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    DonationId,
    "DN",
    "donation"
);
id_type!(
    /// A stock movement (出入库记录): an issue, a transfer or an adjustment.
    ///
    /// ```
    /// use fangkong::supplies::MovementId;
    /// assert_eq!(MovementId::new(7).to_string(), "MV7");
    /// ```
    MovementId,
    "MV",
    "stock movement"
);

/// The number of a designation in its [`RiskRegister`](crate::screening::RiskRegister), given in order from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DesignationId(pub u32);

impl fmt::Display for DesignationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The number of the next identifier of a kind, from the next free number the state keeps
/// (the largest number recorded, plus one; 0 or 1 when none is): never 0, and never
/// `u32::MAX`, so that the number after it can always be counted without saturating and no
/// identifier is ever handed out twice.
///
/// # Errors
/// [`ValueError::TooManyRecords`](crate::value_error::ValueError::TooManyRecords) when the numbers of this kind have run out.
pub(crate) fn fresh_number(next: u32, what: &'static str) -> Result<u32, ValueError> {
    match next.max(1) {
        u32::MAX => Err(ValueError::TooManyRecords { what }),
        n => Ok(n),
    }
}

/// The next id of a kind after the largest key of `map`: its number plus one, from 1, through
/// [`fresh_number`] (refused when the numbers run out). Every module numbers its records so.
pub(crate) fn next_id<K: Copy, V>(
    map: &std::collections::BTreeMap<K, V>,
    get: fn(K) -> u32,
    what: &'static str,
) -> Result<u32, ValueError> {
    let next = map
        .keys()
        .next_back()
        .map_or(1, |k| get(*k).saturating_add(1));
    fresh_number(next, what)
}

#[cfg(test)]
mod fresh_tests {
    use super::*;

    #[test]
    fn numbers_start_at_one_and_stop_before_the_largest() {
        assert_eq!(fresh_number(0, "units").ok(), Some(1));
        assert_eq!(fresh_number(7, "units").ok(), Some(7));
        assert_eq!(fresh_number(u32::MAX - 1, "units").ok(), Some(u32::MAX - 1));
        assert_eq!(
            fresh_number(u32::MAX, "units").map_err(|e| e.to_string()),
            Err("the registry cannot number any more units".to_owned())
        );
    }
}
