//! Persuasion (劝导): visits to households about planned gatherings, and their counts.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::kind::GatheringKind;
use super::label::label_enum;
use crate::calendar::{Day, Instant};
use crate::ids::{GatheringId, PersuasionId, StaffId, UnitId};

/// What a persuasion visit achieved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PersuasionOutcome {
    /// Postponed to this day (缓办).
    PostponedTo(Day),
    /// Simplified, to this many people (简办).
    SimplifiedTo(u32),
    /// Cancelled (取消).
    Cancelled,
    /// Refused, and escalated to the township (拒不听劝，上报乡里).
    RefusedEscalated,
}

impl PersuasionOutcome {
    /// The outcome without its details, as counts group it.
    pub fn result(&self) -> PersuasionResult {
        match self {
            PersuasionOutcome::PostponedTo(_) => PersuasionResult::Postponed,
            PersuasionOutcome::SimplifiedTo(_) => PersuasionResult::Simplified,
            PersuasionOutcome::Cancelled => PersuasionResult::Cancelled,
            PersuasionOutcome::RefusedEscalated => PersuasionResult::Refused,
        }
    }
}

impl fmt::Display for PersuasionOutcome {
    /// `"postponed to 2020-03-15"`, `"simplified to 20 people"`, `"cancelled"`, `"refused and
    /// escalated to the township"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PersuasionOutcome::PostponedTo(d) => write!(f, "postponed to {d}"),
            PersuasionOutcome::SimplifiedTo(n) => write!(f, "simplified to {n} people"),
            PersuasionOutcome::Cancelled => f.write_str("cancelled"),
            PersuasionOutcome::RefusedEscalated => {
                f.write_str("refused and escalated to the township")
            }
        }
    }
}

label_enum!(
    /// A persuasion outcome without its details, as counts group it.
    ///
    /// Parsing accepts the English name in any case, the Chinese term, and the aliases
    /// 延期/推迟/喜事缓办 (postponed), 从简/丧事简办 (simplified), 取消举办/不办了 (cancelled),
    /// 拒绝/上报/拒不听劝/"refused and escalated" (refused).
    ///
    /// ```
    /// use fangkong::gathering::PersuasionResult;
    /// assert_eq!("缓办".parse::<PersuasionResult>()?, PersuasionResult::Postponed);
    /// assert_eq!("简办".parse::<PersuasionResult>()?, PersuasionResult::Simplified);
    /// assert_eq!("Refused".parse::<PersuasionResult>()?, PersuasionResult::Refused);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub enum PersuasionResult: "persuasion outcome" {
        /// Postponed (缓办).
        Postponed => "postponed", "缓办", ["延期", "推迟", "喜事缓办"];
        /// Simplified (简办).
        Simplified => "simplified", "简办", ["从简", "丧事简办"];
        /// Cancelled (取消).
        Cancelled => "cancelled", "取消", ["取消举办", "不办了", "canceled"];
        /// Refused and escalated to the township (拒不听劝，上报).
        Refused => "refused", "拒不听劝", ["拒绝", "上报", "refused and escalated", "escalated"];
    }
);

/// A persuasion visit as the registry holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Persuasion {
    /// Its id.
    pub id: PersuasionId,
    /// The planned gathering.
    pub gathering: GatheringId,
    /// The day of the visit.
    pub day: Day,
    /// What it achieved.
    pub outcome: PersuasionOutcome,
    /// Who visited.
    pub by: StaffId,
    /// When it was recorded.
    pub at: Instant,
}

/// Persuasion counts by village (or community) and kind of gathering, over a span of days.
/// Each gathering counts once, with the last outcome recorded for it within the span.
///
/// Gatherings held at the township level itself (a venue of the township) count under the
/// township.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PersuasionCounts {
    /// The count for each village, kind and result (only non-zero counts are present).
    pub rows: BTreeMap<(UnitId, GatheringKind, PersuasionResult), u32>,
}

impl PersuasionCounts {
    /// The count for one village, kind and result.
    pub fn get(&self, village: UnitId, kind: &GatheringKind, result: PersuasionResult) -> u32 {
        self.rows
            .get(&(village, kind.clone(), result))
            .copied()
            .unwrap_or(0)
    }

    /// Counts by result, over every village and kind.
    pub fn by_result(&self) -> BTreeMap<PersuasionResult, u32> {
        let mut out = BTreeMap::new();
        for ((_, _, result), n) in &self.rows {
            let slot = out.entry(*result).or_insert(0u32);
            *slot = slot.saturating_add(*n);
        }
        out
    }

    /// The number of gatherings counted.
    pub fn total(&self) -> u32 {
        self.rows.values().fold(0u32, |a, n| a.saturating_add(*n))
    }
}
