//! The venue register, closure and reopening orders, and violations.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::kind::VenueKind;
use crate::calendar::{Day, Instant};
use crate::grid::context::GridView;
use crate::ids::{ClosureId, ReopeningId, StaffId, UnitId, VenueId, ViolationId};

/// A venue of the register (场所登记): a catering business, teahouse, market, cultural or
/// entertainment venue, in one unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Venue {
    /// Its id.
    pub id: VenueId,
    /// Its name, e.g. `"Xiangxinan fruit market (湘西南水果市场)"`.
    pub name: String,
    /// Its kind.
    pub kind: VenueKind,
    /// The unit it lies in.
    pub unit: UnitId,
    /// Who registered it.
    pub registered_by: StaffId,
    /// When.
    pub registered_at: Instant,
}

impl Venue {
    /// How messages name it: `"Xiangxinan fruit market (VE66)"`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.id)
    }
}

/// What a closure or reopening order names: kinds of venue, or one venue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum VenueTarget {
    /// Every venue of these kinds in the unit and below.
    Kinds(Vec<VenueKind>),
    /// This venue.
    Venue(VenueId),
}

impl VenueTarget {
    /// The article's closures: catering businesses, teahouses, markets and cultural and
    /// entertainment venues (65 catering businesses closed; teahouses, the Xiangxinan fruit
    /// market and all cultural and entertainment venues not open).
    ///
    /// ```
    /// use fangkong::gathering::{VenueKind, VenueTarget};
    /// let VenueTarget::Kinds(kinds) = VenueTarget::article() else { unreachable!() };
    /// assert!(kinds.contains(&VenueKind::TEAHOUSE));
    /// ```
    pub fn article() -> Self {
        VenueTarget::Kinds(vec![
            VenueKind::CATERING,
            VenueKind::TEAHOUSE,
            VenueKind::MARKET,
            VenueKind::ENTERTAINMENT,
        ])
    }

    /// Whether it names `venue`.
    pub fn names(&self, venue: &Venue) -> bool {
        match self {
            VenueTarget::Kinds(kinds) => kinds.contains(&venue.kind),
            VenueTarget::Venue(id) => *id == venue.id,
        }
    }
}

impl fmt::Display for VenueTarget {
    /// `"catering business, teahouse"` or `"venue VE3"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VenueTarget::Kinds(kinds) => {
                let names: Vec<&str> = kinds.iter().map(VenueKind::label_en).collect();
                f.write_str(&names.join(", "))
            }
            VenueTarget::Venue(id) => write!(f, "venue {id}"),
        }
    }
}

/// A closure order (停业令): venues of its target in its unit and below stay closed from its
/// first day through its last day, both included (or until reopened).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ClosureOrder {
    /// Its id.
    pub id: ClosureId,
    /// The unit it was issued for.
    pub unit: UnitId,
    /// Its title.
    pub title: String,
    /// What it closes.
    pub target: VenueTarget,
    /// Its first day.
    pub first: Day,
    /// Its last day; `None` until reopened.
    pub last: Option<Day>,
    /// The leader who issued it.
    pub issued_by: StaffId,
    /// When.
    pub issued_at: Instant,
}

impl ClosureOrder {
    /// Whether its dates include `day` (reopenings aside).
    pub fn dated_on(&self, day: Day) -> bool {
        self.first <= day && self.last.is_none_or(|l| day <= l)
    }
}

/// A reopening order (复业令). It lifts a closure, for the venues both name, from its day on,
/// only when issued at the closing order's unit or a unit above it, and only for a closure
/// that started on or before that day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ReopeningOrder {
    /// Its id.
    pub id: ReopeningId,
    /// The unit it was issued for.
    pub unit: UnitId,
    /// Its title.
    pub title: String,
    /// What it reopens.
    pub target: VenueTarget,
    /// The first day venues may open again.
    pub from: Day,
    /// The leader who issued it.
    pub issued_by: StaffId,
    /// When.
    pub issued_at: Instant,
}

/// A venue found open while ordered closed (违规营业), for the supervision module to take up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Violation {
    /// Its id.
    pub id: ViolationId,
    /// The venue.
    pub venue: VenueId,
    /// The unit the venue lies in.
    pub unit: UnitId,
    /// The day it was found open.
    pub day: Day,
    /// The closure order it broke.
    pub closure: ClosureId,
    /// What was found.
    pub note: String,
    /// Who found it (an inspector, cadre or grid worker).
    pub recorded_by: StaffId,
    /// When.
    pub recorded_at: Instant,
}

/// The registers the closure rules read.
pub(crate) struct Venues<'a> {
    pub venues: &'a BTreeMap<VenueId, Venue>,
    pub closures: &'a BTreeMap<ClosureId, ClosureOrder>,
    pub reopenings: &'a BTreeMap<ReopeningId, ReopeningOrder>,
}

impl Venues<'_> {
    /// Whether `r` lifts `c` on `day` for a venue that `matches` says `r` names.
    fn lifts(
        grid: &dyn GridView,
        r: &ReopeningOrder,
        c: &ClosureOrder,
        day: Day,
        matches: bool,
    ) -> bool {
        matches
            && r.from <= day
            && r.from >= c.first
            && grid.covering_units(c.unit).contains(&r.unit)
    }

    /// The closure order keeping `venue` closed on `day`, if any (the lowest id).
    pub fn closed_by(&self, grid: &dyn GridView, venue: &Venue, day: Day) -> Option<ClosureId> {
        let covering = grid.covering_units(venue.unit);
        self.closures
            .values()
            .filter(|c| c.dated_on(day) && covering.contains(&c.unit) && c.target.names(venue))
            .find(|c| {
                !self
                    .reopenings
                    .values()
                    .any(|r| Self::lifts(grid, r, c, day, r.target.names(venue)))
            })
            .map(|c| c.id)
    }

    /// Whether closure `c` still closes something on `day`: its dates include the day and no
    /// reopening lifts all it names.
    pub fn closure_in_force(&self, grid: &dyn GridView, c: &ClosureOrder, day: Day) -> bool {
        if !c.dated_on(day) {
            return false;
        }
        let lifted = |matches: &dyn Fn(&VenueTarget) -> bool| {
            self.reopenings
                .values()
                .any(|r| Self::lifts(grid, r, c, day, matches(&r.target)))
        };
        match &c.target {
            VenueTarget::Kinds(kinds) => kinds.iter().any(|k| {
                !lifted(&|t: &VenueTarget| matches!(t, VenueTarget::Kinds(ks) if ks.contains(k)))
            }),
            VenueTarget::Venue(id) => match self.venues.get(id) {
                Some(v) => !lifted(&|t: &VenueTarget| t.names(v)),
                None => true,
            },
        }
    }
}
