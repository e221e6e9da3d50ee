//! OxCGRT levels (C2, C3, C4) for a unit and a day, from the orders in force (DOMAIN.md §5).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::label::label_enum;
use super::order::RuleRef;
use crate::calendar::Day;
use crate::ids::{ClosureId, UnitId};

label_enum!(
    /// An OxCGRT containment indicator this module codes.
    ///
    /// Parsing accepts the English name in any case, the Chinese term, and the codes
    /// `"C2"`, `"C3"`, `"C4"`.
    ///
    /// ```
    /// use fangkong::gathering::Indicator;
    /// assert_eq!("c4".parse::<Indicator>()?, Indicator::C4);
    /// assert_eq!(Indicator::C3.label_en(), "cancel public events");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub enum Indicator: "OxCGRT indicator" {
        /// C2, workplace closing (0–3; 2 = required closing for some sectors).
        C2 => "workplace closing", "工作场所关闭", ["c2"];
        /// C3, cancel public events (0–2; 2 = required cancelling).
        C3 => "cancel public events", "取消公共活动", ["c3"];
        /// C4, restrictions on gatherings (0 none, 1 > 1000, 2 101–1000, 3 11–100, 4 ≤ 10).
        C4 => "restrictions on gatherings", "限制聚集", ["c4"];
    }
);

impl Indicator {
    /// The indicator's code in the OxCGRT codebook (`"C2"`, `"C3"`, `"C4"`).
    ///
    /// ```
    /// use fangkong::gathering::Indicator;
    /// assert_eq!(Indicator::C4.code(), "C4");
    /// assert_eq!(Indicator::C4.code().parse::<Indicator>()?, Indicator::C4);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Indicator::C2 => "C2",
            Indicator::C3 => "C3",
            Indicator::C4 => "C4",
        }
    }
}

label_enum!(
    /// The OxCGRT flag: whether the orders that set a level cover the whole unit being coded.
    ///
    /// Parsing accepts the English name in any case, the Chinese term, and the aliases
    /// 全面/全域/"1" (general) and 局部/针对性/"0" (targeted).
    ///
    /// ```
    /// use fangkong::gathering::Flag;
    /// assert_eq!("局部".parse::<Flag>()?, Flag::Targeted);
    /// assert_eq!(Flag::General.code(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub enum Flag: "OxCGRT flag" {
        /// Targeted (flag 0): the orders cover only part of the unit.
        Targeted => "targeted", "局部", ["针对性", "0"];
        /// General (flag 1): the orders cover the whole unit.
        General => "general", "全域", ["全面", "1"];
    }
);

impl Flag {
    /// The codebook's number: 0 targeted, 1 general.
    pub fn code(self) -> u8 {
        match self {
            Flag::Targeted => 0,
            Flag::General => 1,
        }
    }
}

/// The order that set a level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OrderRef {
    /// A rule of a gathering order.
    Gathering(RuleRef),
    /// A venue closure order.
    Closure(ClosureId),
}

impl fmt::Display for OrderRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrderRef::Gathering(r) => r.fmt(f),
            OrderRef::Closure(c) => write!(f, "closure order {c}"),
        }
    }
}

/// One coded indicator: its level, flag and the order that set it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Level {
    /// Which indicator.
    pub indicator: Indicator,
    /// Its level (0 when nothing applies).
    pub value: u8,
    /// Its flag; `None` at level 0.
    pub flag: Option<Flag>,
    /// The order that set it; `None` at level 0.
    pub set_by: Option<OrderRef>,
}

impl fmt::Display for Level {
    /// `"C4 = 4 general (order GO1 rule 1 (…))"`, or `"C2 = 0"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}", self.indicator.code(), self.value)?;
        if let Some(flag) = self.flag {
            write!(f, " {flag}")?;
        }
        if let Some(by) = &self.set_by {
            write!(f, " ({by})")?;
        }
        Ok(())
    }
}

impl OrderRef {
    /// The order in Chinese (`聚集管控令GO1第1条“…”`, `场所关停令VC1`).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        match self {
            OrderRef::Gathering(r) => format!("聚集管控令{}第{}条“{}”", r.order, r.rule, r.title),
            OrderRef::Closure(c) => format!("场所关停令{c}"),
        }
    }
}

impl Level {
    /// The level in Chinese (`C4 = 4 全域（聚集管控令GO1第1条“…”）`).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let mut out = format!("{} = {}", self.indicator.code(), self.value);
        if let Some(flag) = self.flag {
            out.push(' ');
            out.push_str(flag.label_zh());
        }
        if let Some(by) = &self.set_by {
            out.push_str(&format!("（{}）", by.display_zh()));
        }
        out
    }
}

/// The OxCGRT levels of a unit on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OxcgrtLevels {
    /// The unit coded.
    pub unit: UnitId,
    /// The day.
    pub day: Day,
    /// C2, workplace closing.
    pub c2: Level,
    /// C3, cancel public events.
    pub c3: Level,
    /// C4, restrictions on gatherings.
    pub c4: Level,
}

impl OxcgrtLevels {
    /// The levels in Chinese (`U1 2020-02-01：C2 = 2 全域（…）；C3 = …；C4 = …`).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        format!(
            "{} {}：{}；{}；{}",
            self.unit,
            self.day,
            self.c2.display_zh(),
            self.c3.display_zh(),
            self.c4.display_zh()
        )
    }
}

impl fmt::Display for OxcgrtLevels {
    /// `"U1 on 2020-02-01: C2 = 2 general (…); C3 = …; C4 = …"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} on {}: {}; {}; {}",
            self.unit, self.day, self.c2, self.c3, self.c4
        )
    }
}

/// The C4 level for the largest gathering still allowed: ≤ 10 → 4, 11–100 → 3, 101–1000 → 2,
/// more → 1.
///
/// ```
/// use fangkong::gathering::c4_level;
/// assert_eq!(c4_level(0), 4);
/// assert_eq!(c4_level(10), 4);
/// assert_eq!(c4_level(11), 3);
/// assert_eq!(c4_level(1000), 2);
/// assert_eq!(c4_level(1001), 1);
/// ```
pub fn c4_level(largest_allowed: u32) -> u8 {
    match largest_allowed {
        0..=10 => 4,
        11..=100 => 3,
        101..=1000 => 2,
        _ => 1,
    }
}

/// A candidate for a level: the value it gives, whether its order covers the whole unit,
/// and the order.
pub(crate) struct Candidate {
    pub value: u8,
    pub general: bool,
    pub by: OrderRef,
}

/// The level from its candidates: the highest value; among those, a general one first.
pub(crate) fn level(indicator: Indicator, candidates: Vec<Candidate>) -> Level {
    let best = candidates
        .into_iter()
        .filter(|c| c.value > 0)
        .reduce(|best, c| {
            if (c.value, c.general) > (best.value, best.general) {
                c
            } else {
                best
            }
        });
    match best {
        Some(c) => Level {
            indicator,
            value: c.value,
            flag: Some(if c.general {
                Flag::General
            } else {
                Flag::Targeted
            }),
            set_by: Some(c.by),
        },
        None => Level {
            indicator,
            value: 0,
            flag: None,
            set_by: None,
        },
    }
}
