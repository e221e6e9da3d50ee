//! Planned gatherings and the decision the orders in force give on them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::kind::GatheringKind;
use super::order::{Binds, CADRE_ROLES, GatheringOrder, Restriction, RuleRef, Stringency};
use crate::calendar::{Day, Instant};
use crate::grid::context::GridView;
use crate::ids::{GatheringId, HouseholdId, StaffId, UnitId, VenueId};

/// Where a planned gathering is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Place {
    /// At the household's home: judged at the household's group.
    Household,
    /// At a registered venue: judged at the venue's unit; rules binding businesses apply.
    Venue(VenueId),
}

/// A household's report of a planned wedding, funeral or banquet (报备).
///
/// Unchecked input: it is a command's payload, and a refused command must read back from the
/// ledger as it was given, so it builds and deserializes as it is; reporting it refuses a last
/// day before the first ([`GatheringError::EndsBeforeStart`](crate::gathering::GatheringError::EndsBeforeStart))
/// or no one expected ([`GatheringError::ZeroAttendance`](crate::gathering::GatheringError::ZeroAttendance)).
///
/// ```
/// use fangkong::HouseholdId;
/// use fangkong::gathering::{GatheringKind, PlannedGathering};
/// let funeral = PlannedGathering::new(
///     HouseholdId::new(7), GatheringKind::FUNERAL,
///     "2020-02-01".parse()?, "2020-02-03".parse()?, 50,
/// );
/// assert_eq!(funeral.days(), 3);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlannedGathering {
    /// The household holding it.
    pub household: HouseholdId,
    /// What kind of gathering.
    pub kind: GatheringKind,
    /// Its first day.
    pub first: Day,
    /// Its last day (the same as the first for a one-day gathering).
    pub last: Day,
    /// How many people are expected.
    pub attendance: u32,
    /// Where it is held.
    pub place: Place,
    /// The staff invited, if any.
    pub staff_invited: Vec<StaffId>,
}

impl PlannedGathering {
    /// A gathering at the household's home, with no staff invited.
    pub fn new(
        household: HouseholdId,
        kind: GatheringKind,
        first: Day,
        last: Day,
        attendance: u32,
    ) -> Self {
        PlannedGathering {
            household,
            kind,
            first,
            last,
            attendance,
            place: Place::Household,
            staff_invited: Vec::new(),
        }
    }

    /// Held at a venue instead.
    pub fn at_venue(mut self, venue: VenueId) -> Self {
        self.place = Place::Venue(venue);
        self
    }

    /// With these staff invited.
    pub fn inviting(mut self, staff: impl IntoIterator<Item = StaffId>) -> Self {
        self.staff_invited.extend(staff);
        self
    }

    /// How many days it covers (first ..= last); 0 if the last day is before the first.
    pub fn days(&self) -> u32 {
        u32::try_from(self.last.days_since(self.first).saturating_add(1)).unwrap_or(0)
    }
}

/// A planned gathering as the registry holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReportedGathering {
    /// Its id.
    pub id: GatheringId,
    /// What was reported.
    pub planned: PlannedGathering,
    /// The unit where it is held (the venue's, or the household's group), when reported.
    pub unit: UnitId,
    /// Who recorded the report.
    pub recorded_by: StaffId,
    /// When.
    pub recorded_at: Instant,
}

/// One rule that applies to a gathering, and the first day of the gathering it applies on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Ruling {
    /// The order and rule.
    pub rule: RuleRef,
    /// Whom the rule binds.
    pub binds: Binds,
    /// What it says.
    pub restriction: Restriction,
    /// The first day of the gathering it applies on.
    pub from: Day,
}

/// A combined limit and the rule that set it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Limit {
    /// The limit.
    pub value: u32,
    /// The rule that set it.
    pub by: RuleRef,
}

/// Limits combined item by item: fewest people, fewest days, no banquet if any rule forbids
/// one. Each item names the rule that set it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Limits {
    /// The fewest people any rule allows.
    pub max_people: Option<Limit>,
    /// The fewest days any rule allows.
    pub max_days: Option<Limit>,
    /// The first rule that forbids a banquet, if any does.
    pub no_banquet: Option<RuleRef>,
}

/// What the orders in force say to one party of a gathering (the household, or one invited
/// member of staff), with the rules that decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Verdict {
    /// The most stringent restriction that applies ([`Stringency::Allowed`] when none does).
    pub stringency: Stringency,
    /// The rules that decided: those of the winning stringency (for "simplified" and
    /// "limited", all rules of either, since their limits combine). Empty when allowed.
    pub decided_by: Vec<Ruling>,
    /// The combined limits, when simplified or limited.
    pub limits: Limits,
    /// Every rule that applies, most stringent first.
    pub applicable: Vec<Ruling>,
}

impl Verdict {
    fn from_rulings(mut applicable: Vec<Ruling>) -> Verdict {
        applicable.sort_by(|a, b| {
            b.restriction
                .stringency()
                .cmp(&a.restriction.stringency())
                .then_with(|| a.rule.cmp(&b.rule))
        });
        let stringency = applicable
            .first()
            .map_or(Stringency::Allowed, |r| r.restriction.stringency());
        let in_tier = |s: Stringency| match stringency {
            Stringency::Simplified | Stringency::Limited => {
                matches!(s, Stringency::Simplified | Stringency::Limited)
            }
            other => s == other,
        };
        let decided_by: Vec<Ruling> = applicable
            .iter()
            .filter(|r| stringency != Stringency::Allowed && in_tier(r.restriction.stringency()))
            .cloned()
            .collect();
        let mut limits = Limits::default();
        for r in &decided_by {
            let (people, days, banquet) = match r.restriction {
                Restriction::Simplified(s) => (s.max_people, s.max_days, s.banquet),
                Restriction::Limited { max_people } => (Some(max_people), None, true),
                Restriction::Prohibited | Restriction::Postponed => continue,
            };
            tighten(&mut limits.max_people, people, &r.rule);
            tighten(&mut limits.max_days, days, &r.rule);
            if !banquet && limits.no_banquet.is_none() {
                limits.no_banquet = Some(r.rule.clone());
            }
        }
        Verdict {
            stringency,
            decided_by,
            limits,
            applicable,
        }
    }

    /// The rule that decided first (the one to cite), if any.
    pub fn decisive(&self) -> Option<&RuleRef> {
        self.decided_by.first().map(|r| &r.rule)
    }

    /// How many of `expected` people may attend: 0 when prohibited or postponed, the
    /// combined limit when simplified or limited, all of them otherwise.
    pub fn people_allowed(&self, expected: u32) -> u32 {
        match self.stringency {
            Stringency::Prohibited | Stringency::Postponed => 0,
            _ => self
                .limits
                .max_people
                .as_ref()
                .map_or(expected, |l| l.value.min(expected)),
        }
    }
}

fn tighten(slot: &mut Option<Limit>, value: Option<u32>, by: &RuleRef) {
    if let Some(value) = value
        && slot.as_ref().is_none_or(|l| value < l.value)
    {
        *slot = Some(Limit {
            value,
            by: by.clone(),
        });
    }
}

impl fmt::Display for Verdict {
    /// `"allowed: no order in force restricts it"`, `"prohibited by order GO1 rule 1 (…)"`,
    /// `"simplified: at most 20 people (order GO2 rule 1 (…)), no banquet (order GO2 rule 1
    /// (…))"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.stringency {
            Stringency::Prohibited | Stringency::Postponed => {
                let by: Vec<String> = self.decided_by.iter().map(|r| r.rule.to_string()).collect();
                write!(f, "{} by {}", self.stringency, by.join(" and "))
            }
            Stringency::Simplified | Stringency::Limited => {
                let mut items = Vec::new();
                if let Some(l) = &self.limits.max_people {
                    items.push(format!("at most {} people ({})", l.value, l.by));
                }
                if let Some(l) = &self.limits.max_days {
                    let unit = if l.value == 1 { "day" } else { "days" };
                    items.push(format!("at most {} {unit} ({})", l.value, l.by));
                }
                if let Some(r) = &self.limits.no_banquet {
                    items.push(format!("no banquet ({r})"));
                }
                if items.is_empty() {
                    let by: Vec<String> =
                        self.decided_by.iter().map(|r| r.rule.to_string()).collect();
                    write!(f, "{} by {}", self.stringency, by.join(" and "))
                } else {
                    write!(f, "{}: {}", self.stringency, items.join(", "))
                }
            }
            _ => f.write_str("allowed: no order in force restricts it"),
        }
    }
}

/// What an invited member of staff may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StaffVerdict {
    /// Who.
    pub staff: StaffId,
    /// What the orders say to them.
    pub verdict: Verdict,
}

/// The decision on a planned gathering (聚集活动审核意见): the orders in force on each of its
/// days, at the unit where it is held, applied to the household and to each member of staff
/// invited. It names the order and rule that decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GatheringDecision {
    /// The unit where it is held.
    pub unit: UnitId,
    /// The kind of gathering.
    pub kind: GatheringKind,
    /// How many people were expected.
    pub expected: u32,
    /// How many days were planned.
    pub days: u32,
    /// Whether any order in force covers the gathering at all (for anyone it binds).
    pub covered: bool,
    /// What the orders say to the household.
    pub household: Verdict,
    /// What they say to each member of staff invited, in the order invited.
    pub staff: Vec<StaffVerdict>,
}

impl GatheringDecision {
    /// How many people may attend, for the household: see [`Verdict::people_allowed`].
    pub fn people_allowed(&self) -> u32 {
        self.household.people_allowed(self.expected)
    }

    /// How many days it may last: 0 when prohibited or postponed, the combined limit when
    /// simplified, the days planned otherwise.
    pub fn days_allowed(&self) -> u32 {
        match self.household.stringency {
            Stringency::Prohibited | Stringency::Postponed => 0,
            _ => self
                .household
                .limits
                .max_days
                .as_ref()
                .map_or(self.days, |l| l.value.min(self.days)),
        }
    }
}

impl fmt::Display for GatheringDecision {
    /// `"funeral of 50 people over 3 days: simplified: at most 20 people (…)"`, then one
    /// `"; staff S4: …"` per member of staff invited; `"…: allowed: no order in force covers
    /// it"` when no order covers it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = if self.days == 1 { "day" } else { "days" };
        write!(
            f,
            "{} of {} people over {} {unit}: ",
            self.kind, self.expected, self.days
        )?;
        if self.covered {
            write!(f, "{}", self.household)?;
        } else {
            f.write_str("allowed: no order in force covers it")?;
        }
        for s in &self.staff {
            write!(f, "; staff {}: {}", s.staff, s.verdict)?;
        }
        Ok(())
    }
}

/// The decision on `plan`, held at `unit`, under `orders` (every order of the registry;
/// those not in force on its days or not covering `unit` are skipped).
pub(crate) fn evaluate<'a>(
    orders: impl Iterator<Item = &'a GatheringOrder>,
    grid: &dyn GridView,
    unit: UnitId,
    plan: &PlannedGathering,
) -> GatheringDecision {
    let covering = grid.covering_units(unit);
    let at_venue = matches!(plan.place, Place::Venue(_));
    let mut rulings = Vec::new();
    for order in orders {
        if !covering.contains(&order.unit) {
            continue;
        }
        let from = order.first.max(plan.first);
        if from > plan.last || !order.in_force_on(from) {
            continue;
        }
        for (i, rule) in order.terms.rules.iter().enumerate() {
            if rule.kinds.contains(&plan.kind) {
                rulings.push(Ruling {
                    rule: RuleRef {
                        order: order.id,
                        rule: i.saturating_add(1),
                        title: order.terms.title.clone(),
                    },
                    binds: rule.binds,
                    restriction: rule.restriction,
                    from,
                });
            }
        }
    }
    let binds_household = |b: Binds| match b {
        Binds::Everyone => true,
        Binds::Businesses => at_venue,
        Binds::Cadres => false,
    };
    let household = Verdict::from_rulings(
        rulings
            .iter()
            .filter(|r| binds_household(r.binds))
            .cloned()
            .collect(),
    );
    let staff = plan
        .staff_invited
        .iter()
        .map(|&id| {
            let cadre = grid
                .staff(id)
                .is_some_and(|s| CADRE_ROLES.contains(&s.role));
            let verdict = Verdict::from_rulings(
                rulings
                    .iter()
                    .filter(|r| binds_household(r.binds) || (cadre && r.binds == Binds::Cadres))
                    .cloned()
                    .collect(),
            );
            StaffVerdict { staff: id, verdict }
        })
        .collect();
    GatheringDecision {
        unit,
        kind: plan.kind.clone(),
        expected: plan.attendance,
        days: plan.days(),
        covered: !rulings.is_empty(),
        household,
        staff,
    }
}
