//! Gathering bans and venue closures (人员聚集管控), as orders with scope and validity.
//!
//! - A [`GatheringOrder`] (聚集管控令) is issued by a leader of a unit, for that unit and
//!   everything below it. It applies from its first day through its last day, both
//!   included, or until lifted; the lift day is the first day on which it no longer applies.
//!   Its [`OrderTerms`] are data: [`Rule`]s by [`GatheringKind`], each binding everyone,
//!   cadres only or businesses ([`Binds`]), each saying one [`Restriction`]: prohibited (禁止),
//!   postponed (缓办), simplified (简办: at most N people, at most D days, no banquet) or
//!   limited to N people. Named presets hold the article's orders ([`OrderTerms::article`]
//!   and its parts); users add kinds of their own ([`GatheringKindDefinition`]).
//! - A household reports a [`PlannedGathering`]; its [`GatheringDecision`] applies the orders
//!   in force on every day of the gathering at the unit where it is held (the venue's unit,
//!   or else the household's group), wherever in the grid they were issued: the most
//!   stringent wins (prohibited, then postponed, then simplified or limited, whose limits
//!   combine item by item). A cadres-only rule binds the staff invited, not the household; a
//!   businesses rule binds a gathering held at a venue. The decision names the order and rule
//!   that decided, and says so when no order covers the gathering.
//! - Persuasion (劝导): a cadre or grid worker of the unit records the outcome of a visit
//!   ([`PersuasionOutcome`]); [`PersuasionCounts`] count them by village and kind.
//! - Venues (场所): a register ([`Venue`], [`VenueKind`]), closure orders by kind or by venue
//!   ([`ClosureOrder`]), reopening orders ([`ReopeningOrder`], which lift a closure only when
//!   issued at the closing order's unit or above), and [`Violation`]s: a venue found open
//!   while ordered closed.
//! - [`OxcgrtLevels`]: C2, C3 and C4 of a unit on a day, with flag and the order that set
//!   each level (DOMAIN.md §5).
//!
//! ```
//! use fangkong::gathering::{GatheringKind, OrderTerms, PersuasionResult, Stringency};
//! let article = OrderTerms::article();
//! let printed: Vec<String> = article.rules.iter().map(|r| r.to_string()).collect();
//! assert_eq!(printed, [
//!     "collective dining, celebration banquet: prohibited (binds everyone)",
//!     "collective dining, celebration banquet, wedding: prohibited (binds businesses)",
//!     "collective dining, celebration banquet, wedding: prohibited (binds cadres)",
//!     "wedding: postponed (binds everyone)",
//!     "funeral: simplified: no banquet (binds everyone)",
//! ]);
//! assert_eq!("丧事".parse::<GatheringKind>()?, GatheringKind::FUNERAL);
//! assert_eq!("缓办".parse::<Stringency>()?, Stringency::Postponed);
//! assert_eq!("简办".parse::<PersuasionResult>()?.label_en(), "simplified");
//! # Ok::<(), fangkong::Error>(())
//! ```
//!
//! # Choices made here
//! - A rule binding businesses binds gatherings held at a registered venue; a rule binding
//!   cadres binds every invited member of staff but volunteers ([`CADRE_ROLES`]).
//! - Orders, closures and reopenings are issued by a leader "of" their unit: one assigned to it
//!   or to a unit above it (the one reach rule, DOMAIN.md §1): an order for the township takes
//!   a leader assigned to the township, not one linked to a village. Lifting an order takes a
//!   leader of the order's unit; defining a kind of gathering or venue, one of the township.
//! - Persuasion counts take each gathering once, with its last outcome within the span, under
//!   the village or community where it is held.
//! - Violations may be recorded by inspectors (township-wide) and by leaders, cadres and grid
//!   workers within their reach; the day is the day of recording.
//! - OxCGRT: C4 and C3 read only rules binding everyone. C4 is the level of the smallest
//!   "largest gathering still allowed" (0 when prohibited or postponed; a simplification
//!   without a number of people sets no C4 level). C3 = 2 when a public-event kind is
//!   prohibited or postponed, or when C4 = 4. C2 = 2 when a closure order still closes some
//!   kind of venue. Coding unit X, an order issued at X or above is general, one issued
//!   strictly below X targeted; orders elsewhere do not count. Among orders giving the same
//!   level a general one is named first, then the lowest id.

pub(crate) mod check;
mod decision;
mod error;
mod kind;
pub(crate) mod label;
mod order;
mod oxcgrt;
mod persuasion;
mod venue;

#[cfg(test)]
mod tests;

use crate::grid::GridError;
use crate::value_error::ValueError;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::ids::{
    ClosureId, GatheringId, GatheringOrderId, PersuasionId, ReopeningId, VenueId, ViolationId,
};
pub use decision::{
    GatheringDecision, Limit, Limits, Place, PlannedGathering, ReportedGathering, Ruling,
    StaffVerdict, Verdict,
};
pub use error::GatheringError;
pub use kind::{GatheringKind, GatheringKindDefinition, VenueKind, VenueKindDefinition};
pub use order::{
    Binds, CADRE_ROLES, GatheringOrder, OrderTerms, Restriction, Rule, RuleRef, Simplification,
    Stringency,
};
pub use oxcgrt::{Flag, Indicator, Level, OrderRef, OxcgrtLevels, c4_level};
pub use persuasion::{Persuasion, PersuasionCounts, PersuasionOutcome, PersuasionResult};
pub use venue::{ClosureOrder, ReopeningOrder, Venue, VenueTarget, Violation};

use crate::calendar::Day;
use crate::error::{Error, text_required};
use crate::grid::context::{Context, EntryMeta, GridView, TextKind, text_field};
use crate::grid::{Action, UnitKind};
use crate::ids::UnitId;
use crate::ids::next_id;
use oxcgrt::Candidate;
use venue::Venues;

/// What staff ask of the gathering module. Variant names are the stored format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum GatheringCommand {
    /// Define a kind of gathering of your own (a leader).
    DefineGatheringKind(GatheringKindDefinition),
    /// Define a kind of venue of your own (a leader).
    DefineVenueKind(VenueKindDefinition),
    /// Issue a gathering order for a unit and everything below it (a leader of the unit).
    IssueOrder {
        /// The unit.
        unit: UnitId,
        /// Its first day.
        first: Day,
        /// Its last day, or `None` until lifted.
        last: Option<Day>,
        /// What it says.
        terms: OrderTerms,
    },
    /// Lift a gathering order from a day on (a leader of the order's unit).
    LiftOrder {
        /// The order.
        order: GatheringOrderId,
        /// The first day it no longer applies.
        from: Day,
    },
    /// Record a household's report of a planned gathering.
    ReportGathering(PlannedGathering),
    /// Record the outcome of a persuasion visit, dated today.
    RecordPersuasion {
        /// The planned gathering.
        gathering: GatheringId,
        /// What the visit achieved.
        outcome: PersuasionOutcome,
    },
    /// Register a venue.
    RegisterVenue {
        /// Its name.
        name: String,
        /// Its kind.
        kind: VenueKind,
        /// The unit it lies in.
        unit: UnitId,
    },
    /// Order venues closed (a leader of the unit).
    OrderClosure {
        /// The unit.
        unit: UnitId,
        /// The order's title.
        title: String,
        /// What it closes.
        target: VenueTarget,
        /// Its first day.
        first: Day,
        /// Its last day, or `None` until reopened.
        last: Option<Day>,
    },
    /// Order venues reopened (a leader of the unit).
    OrderReopening {
        /// The unit.
        unit: UnitId,
        /// The order's title.
        title: String,
        /// What it reopens.
        target: VenueTarget,
        /// The first day venues may open.
        from: Day,
    },
    /// Record a venue found open today while ordered closed.
    RecordViolation {
        /// The venue.
        venue: VenueId,
        /// What was found.
        note: String,
    },
}

impl GatheringCommand {
    /// The permission row of the command.
    pub fn action(&self) -> Action {
        match self {
            GatheringCommand::DefineGatheringKind(_)
            | GatheringCommand::DefineVenueKind(_)
            | GatheringCommand::IssueOrder { .. }
            | GatheringCommand::LiftOrder { .. }
            | GatheringCommand::OrderClosure { .. }
            | GatheringCommand::OrderReopening { .. } => Action::ManageGatheringOrders,
            GatheringCommand::ReportGathering(_) => Action::ReportGathering,
            GatheringCommand::RecordPersuasion { .. } => Action::RecordPersuasion,
            GatheringCommand::RegisterVenue { .. } => Action::RegisterVenue,
            GatheringCommand::RecordViolation { .. } => Action::RecordVenueViolation,
        }
    }
}

/// What happened in the gathering module: past-tense facts. Who and when come from the
/// ledger entry that carries the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum GatheringEvent {
    /// A kind of gathering was defined.
    GatheringKindDefined(GatheringKindDefinition),
    /// A kind of venue was defined.
    VenueKindDefined(VenueKindDefinition),
    /// A gathering order was issued.
    OrderIssued {
        /// Its id.
        order: GatheringOrderId,
        /// The unit.
        unit: UnitId,
        /// Its first day.
        first: Day,
        /// Its last day, if any.
        last: Option<Day>,
        /// What it says.
        terms: OrderTerms,
    },
    /// A gathering order was lifted.
    OrderLifted {
        /// The order.
        order: GatheringOrderId,
        /// The first day it no longer applies.
        from: Day,
    },
    /// A planned gathering was reported.
    GatheringReported {
        /// Its id.
        gathering: GatheringId,
        /// The unit where it is held.
        unit: UnitId,
        /// What was reported.
        planned: PlannedGathering,
    },
    /// A persuasion visit was recorded.
    PersuasionRecorded {
        /// Its id.
        persuasion: PersuasionId,
        /// The planned gathering.
        gathering: GatheringId,
        /// The day of the visit.
        day: Day,
        /// What it achieved.
        outcome: PersuasionOutcome,
    },
    /// A venue was registered.
    VenueRegistered {
        /// Its id.
        venue: VenueId,
        /// Its name.
        name: String,
        /// Its kind.
        kind: VenueKind,
        /// Its unit.
        unit: UnitId,
    },
    /// Venues were ordered closed.
    ClosureOrdered {
        /// Its id.
        closure: ClosureId,
        /// The unit.
        unit: UnitId,
        /// Its title.
        title: String,
        /// What it closes.
        target: VenueTarget,
        /// Its first day.
        first: Day,
        /// Its last day, if any.
        last: Option<Day>,
    },
    /// Venues were ordered reopened.
    ReopeningOrdered {
        /// Its id.
        reopening: ReopeningId,
        /// The unit.
        unit: UnitId,
        /// Its title.
        title: String,
        /// What it reopens.
        target: VenueTarget,
        /// The first day venues may open.
        from: Day,
    },
    /// A venue was found open while ordered closed.
    ViolationRecorded {
        /// Its id.
        violation: ViolationId,
        /// The venue.
        venue: VenueId,
        /// The venue's unit.
        unit: UnitId,
        /// The day.
        day: Day,
        /// The closure it broke.
        closure: ClosureId,
        /// What was found.
        note: String,
    },
}

/// The gathering module's state, built only by [`GatheringState::apply`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct GatheringState {
    gathering_kinds: BTreeMap<GatheringKind, GatheringKindDefinition>,
    venue_kinds: BTreeMap<VenueKind, VenueKindDefinition>,
    orders: BTreeMap<GatheringOrderId, GatheringOrder>,
    gatherings: BTreeMap<GatheringId, ReportedGathering>,
    persuasions: BTreeMap<PersuasionId, Persuasion>,
    venues: BTreeMap<VenueId, Venue>,
    closures: BTreeMap<ClosureId, ClosureOrder>,
    reopenings: BTreeMap<ReopeningId, ReopeningOrder>,
    violations: BTreeMap<ViolationId, Violation>,
}

fn unit_exists(ctx: &Context<'_>, unit: UnitId) -> Result<(), Error> {
    ctx.grid
        .unit(unit)
        .map(|_| ())
        .ok_or(Error::Grid(GridError::UnknownUnit { unit }))
}

/// Checks the free text a gathering command carries against its limits ([`crate::limits`]).
fn check_texts(cmd: &GatheringCommand) -> Result<(), ValueError> {
    use TextKind::{Name, Note, Title};
    match cmd {
        GatheringCommand::DefineGatheringKind(def) => {
            text_field(
                &def.name_en,
                "the English name of the kind of gathering",
                Name,
            )?;
            Ok(text_field(
                &def.name_zh,
                "the Chinese name of the kind of gathering",
                Name,
            )?)
        }
        GatheringCommand::DefineVenueKind(def) => {
            text_field(&def.name_en, "the English name of the kind of venue", Name)?;
            Ok(text_field(
                &def.name_zh,
                "the Chinese name of the kind of venue",
                Name,
            )?)
        }
        GatheringCommand::IssueOrder { terms, .. } => {
            Ok(text_field(&terms.title, "the order's title", Title)?)
        }
        GatheringCommand::RegisterVenue { name, .. } => text_field(name, "the venue's name", Name),
        GatheringCommand::OrderClosure { title, .. } => {
            Ok(text_field(title, "the closure order's title", Title)?)
        }
        GatheringCommand::OrderReopening { title, .. } => {
            Ok(text_field(title, "the reopening order's title", Title)?)
        }
        GatheringCommand::RecordViolation { note, .. } => {
            Ok(text_field(note, "what was found at the venue", Note)?)
        }
        _ => Ok(()),
    }
}

fn dates(what: &'static str, first: Day, last: Option<Day>) -> Result<(), Error> {
    match last {
        Some(last) if last < first => Err(Error::Gathering(GatheringError::EndsBeforeStart {
            what,
            first,
            last,
        })),
        _ => Ok(()),
    }
}

/// Decides a command: authorizes it (beyond the role table, which the registry checks) and
/// validates it against the state; returns the events to record, or the error. Changes
/// nothing.
pub(crate) fn decide(
    state: &GatheringState,
    ctx: &Context<'_>,
    cmd: &GatheringCommand,
) -> Result<Vec<GatheringEvent>, Error> {
    check_texts(cmd)?;
    let action = cmd.action();
    match cmd {
        GatheringCommand::DefineGatheringKind(def) => {
            // Kinds are the township's: defining one takes an assignment to the township.
            ctx.reach_township(action)?;
            if def.kind.is_preset() || state.gathering_kinds.contains_key(&def.kind) {
                return Err(Error::Gathering(GatheringError::KindAlreadyDefined {
                    what: "kind of gathering",
                    kind: def.kind.key().to_owned(),
                }));
            }
            text_required(&def.name_en, "the English name of the kind of gathering")?;
            text_required(&def.name_zh, "the Chinese name of the kind of gathering")?;
            Ok(vec![GatheringEvent::GatheringKindDefined(def.clone())])
        }
        GatheringCommand::DefineVenueKind(def) => {
            ctx.reach_township(action)?;
            if def.kind.is_preset() || state.venue_kinds.contains_key(&def.kind) {
                return Err(Error::Gathering(GatheringError::KindAlreadyDefined {
                    what: "kind of venue",
                    kind: def.kind.key().to_owned(),
                }));
            }
            text_required(&def.name_en, "the English name of the kind of venue")?;
            text_required(&def.name_zh, "the Chinese name of the kind of venue")?;
            Ok(vec![GatheringEvent::VenueKindDefined(def.clone())])
        }
        GatheringCommand::IssueOrder {
            unit,
            first,
            last,
            terms,
        } => {
            unit_exists(ctx, *unit)?;
            ctx.reach(action, *unit)?;
            dates("the order", *first, *last)?;
            state.check_terms(terms)?;
            Ok(vec![GatheringEvent::OrderIssued {
                order: GatheringOrderId::new(next_id(
                    &state.orders,
                    GatheringOrderId::get,
                    "gathering orders",
                )?),
                unit: *unit,
                first: *first,
                last: *last,
                terms: terms.clone(),
            }])
        }
        GatheringCommand::LiftOrder { order, from } => {
            let o = state.orders.get(order).ok_or(Error::Gathering(
                GatheringError::UnknownGatheringOrder { order: *order },
            ))?;
            ctx.reach(action, o.unit)?;
            if let Some(lifted) = o.lifted {
                return Err(Error::Gathering(GatheringError::OrderAlreadyLifted {
                    order: *order,
                    lifted,
                }));
            }
            if *from < o.first || o.last.is_some_and(|l| *from > l) {
                return Err(Error::Gathering(GatheringError::LiftOutsideOrder {
                    order: *order,
                    day: *from,
                    first: o.first,
                    last: o
                        .last
                        .map_or_else(|| "until lifted".to_owned(), |l| l.to_string()),
                }));
            }
            Ok(vec![GatheringEvent::OrderLifted {
                order: *order,
                from: *from,
            }])
        }
        GatheringCommand::ReportGathering(plan) => {
            let unit = state.place_unit(ctx.grid, plan)?;
            ctx.reach(action, unit)?;
            state.check_plan(ctx.grid, plan)?;
            Ok(vec![GatheringEvent::GatheringReported {
                gathering: GatheringId::new(next_id(
                    &state.gatherings,
                    GatheringId::get,
                    "planned gatherings",
                )?),
                unit,
                planned: plan.clone(),
            }])
        }
        GatheringCommand::RecordPersuasion { gathering, outcome } => {
            let g = state.gatherings.get(gathering).ok_or(Error::Gathering(
                GatheringError::UnknownGathering {
                    gathering: *gathering,
                },
            ))?;
            ctx.reach(action, g.unit)?;
            match *outcome {
                PersuasionOutcome::PostponedTo(to) if to <= g.planned.first => {
                    return Err(Error::Gathering(GatheringError::PostponementNotLater {
                        first: g.planned.first,
                        to,
                    }));
                }
                PersuasionOutcome::SimplifiedTo(to) if to == 0 || to >= g.planned.attendance => {
                    return Err(Error::Gathering(GatheringError::NotSimplified {
                        to,
                        expected: g.planned.attendance,
                    }));
                }
                _ => {}
            }
            Ok(vec![GatheringEvent::PersuasionRecorded {
                persuasion: PersuasionId::new(next_id(
                    &state.persuasions,
                    PersuasionId::get,
                    "persuasion visits",
                )?),
                gathering: *gathering,
                day: ctx.today,
                outcome: *outcome,
            }])
        }
        GatheringCommand::RegisterVenue { name, kind, unit } => {
            unit_exists(ctx, *unit)?;
            ctx.reach(action, *unit)?;
            text_required(name, "the venue's name")?;
            state.check_venue_kind(kind)?;
            Ok(vec![GatheringEvent::VenueRegistered {
                venue: VenueId::new(next_id(&state.venues, VenueId::get, "venues")?),
                name: name.trim().to_owned(),
                kind: kind.clone(),
                unit: *unit,
            }])
        }
        GatheringCommand::OrderClosure {
            unit,
            title,
            target,
            first,
            last,
        } => {
            unit_exists(ctx, *unit)?;
            ctx.reach(action, *unit)?;
            text_required(title, "the closure order's title")?;
            dates("the closure order", *first, *last)?;
            state.check_target(target, "the closure order")?;
            Ok(vec![GatheringEvent::ClosureOrdered {
                closure: ClosureId::new(next_id(
                    &state.closures,
                    ClosureId::get,
                    "closure orders",
                )?),
                unit: *unit,
                title: title.trim().to_owned(),
                target: target.clone(),
                first: *first,
                last: *last,
            }])
        }
        GatheringCommand::OrderReopening {
            unit,
            title,
            target,
            from,
        } => {
            unit_exists(ctx, *unit)?;
            ctx.reach(action, *unit)?;
            text_required(title, "the reopening order's title")?;
            state.check_target(target, "the reopening order")?;
            Ok(vec![GatheringEvent::ReopeningOrdered {
                reopening: ReopeningId::new(next_id(
                    &state.reopenings,
                    ReopeningId::get,
                    "reopening orders",
                )?),
                unit: *unit,
                title: title.trim().to_owned(),
                target: target.clone(),
                from: *from,
            }])
        }
        GatheringCommand::RecordViolation { venue, note } => {
            let v =
                state
                    .venues
                    .get(venue)
                    .ok_or(Error::Gathering(GatheringError::UnknownVenue {
                        venue: *venue,
                    }))?;
            ctx.reach(action, v.unit)?;
            text_required(note, "what was found at the venue")?;
            let closure = state
                .venue_closed_by(ctx.grid, *venue, ctx.today)
                .ok_or_else(|| {
                    Error::Gathering(GatheringError::VenueNotClosed {
                        venue: v.label(),
                        day: ctx.today,
                    })
                })?;
            Ok(vec![GatheringEvent::ViolationRecorded {
                violation: ViolationId::new(next_id(
                    &state.violations,
                    ViolationId::get,
                    "venue violations",
                )?),
                venue: *venue,
                unit: v.unit,
                day: ctx.today,
                closure,
                note: note.trim().to_owned(),
            }])
        }
    }
}

impl GatheringState {
    /// Folds one event into the state. Cannot fail: the event was decided against this state.
    pub(crate) fn apply(&mut self, e: &GatheringEvent, meta: &EntryMeta) {
        match e {
            GatheringEvent::GatheringKindDefined(def) => {
                self.gathering_kinds.insert(def.kind.clone(), def.clone());
            }
            GatheringEvent::VenueKindDefined(def) => {
                self.venue_kinds.insert(def.kind.clone(), def.clone());
            }
            GatheringEvent::OrderIssued {
                order,
                unit,
                first,
                last,
                terms,
            } => {
                self.orders.insert(
                    *order,
                    GatheringOrder {
                        id: *order,
                        unit: *unit,
                        issued_by: meta.actor,
                        issued_at: meta.at,
                        first: *first,
                        last: *last,
                        lifted: None,
                        terms: terms.clone(),
                    },
                );
            }
            GatheringEvent::OrderLifted { order, from } => {
                if let Some(o) = self.orders.get_mut(order) {
                    o.lifted = Some(*from);
                }
            }
            GatheringEvent::GatheringReported {
                gathering,
                unit,
                planned,
            } => {
                self.gatherings.insert(
                    *gathering,
                    ReportedGathering {
                        id: *gathering,
                        planned: planned.clone(),
                        unit: *unit,
                        recorded_by: meta.actor,
                        recorded_at: meta.at,
                    },
                );
            }
            GatheringEvent::PersuasionRecorded {
                persuasion,
                gathering,
                day,
                outcome,
            } => {
                self.persuasions.insert(
                    *persuasion,
                    Persuasion {
                        id: *persuasion,
                        gathering: *gathering,
                        day: *day,
                        outcome: *outcome,
                        by: meta.actor,
                        at: meta.at,
                    },
                );
            }
            GatheringEvent::VenueRegistered {
                venue,
                name,
                kind,
                unit,
            } => {
                self.venues.insert(
                    *venue,
                    Venue {
                        id: *venue,
                        name: name.clone(),
                        kind: kind.clone(),
                        unit: *unit,
                        registered_by: meta.actor,
                        registered_at: meta.at,
                    },
                );
            }
            GatheringEvent::ClosureOrdered {
                closure,
                unit,
                title,
                target,
                first,
                last,
            } => {
                self.closures.insert(
                    *closure,
                    ClosureOrder {
                        id: *closure,
                        unit: *unit,
                        title: title.clone(),
                        target: target.clone(),
                        first: *first,
                        last: *last,
                        issued_by: meta.actor,
                        issued_at: meta.at,
                    },
                );
            }
            GatheringEvent::ReopeningOrdered {
                reopening,
                unit,
                title,
                target,
                from,
            } => {
                self.reopenings.insert(
                    *reopening,
                    ReopeningOrder {
                        id: *reopening,
                        unit: *unit,
                        title: title.clone(),
                        target: target.clone(),
                        from: *from,
                        issued_by: meta.actor,
                        issued_at: meta.at,
                    },
                );
            }
            GatheringEvent::ViolationRecorded {
                violation,
                venue,
                unit,
                day,
                closure,
                note,
            } => {
                self.violations.insert(
                    *violation,
                    Violation {
                        id: *violation,
                        venue: *venue,
                        unit: *unit,
                        day: *day,
                        closure: *closure,
                        note: note.clone(),
                        recorded_by: meta.actor,
                        recorded_at: meta.at,
                    },
                );
            }
        }
    }

    // --- validation helpers ---

    fn check_gathering_kind(&self, kind: &GatheringKind) -> Result<(), Error> {
        if kind.is_preset() || self.gathering_kinds.contains_key(kind) {
            Ok(())
        } else {
            Err(Error::Gathering(GatheringError::UnknownGatheringKind {
                kind: kind.key().to_owned(),
            }))
        }
    }

    fn check_venue_kind(&self, kind: &VenueKind) -> Result<(), Error> {
        if kind.is_preset() || self.venue_kinds.contains_key(kind) {
            Ok(())
        } else {
            Err(Error::Gathering(GatheringError::UnknownVenueKind {
                kind: kind.key().to_owned(),
            }))
        }
    }

    fn check_terms(&self, terms: &OrderTerms) -> Result<(), Error> {
        terms.check_with(|kind| self.check_gathering_kind(kind))
    }

    fn check_target(&self, target: &VenueTarget, what: &str) -> Result<(), Error> {
        match target {
            VenueTarget::Kinds(kinds) => {
                if kinds.is_empty() {
                    return Err(Error::Gathering(GatheringError::EmptyOrder {
                        what: what.to_owned(),
                        item: "kind of venue",
                    }));
                }
                kinds.iter().try_for_each(|k| self.check_venue_kind(k))
            }
            VenueTarget::Venue(v) => {
                if self.venues.contains_key(v) {
                    Ok(())
                } else {
                    Err(Error::Gathering(GatheringError::UnknownVenue { venue: *v }))
                }
            }
        }
    }

    /// The unit where a planned gathering is held: the venue's, or the household's group.
    fn place_unit(&self, grid: &dyn GridView, plan: &PlannedGathering) -> Result<UnitId, Error> {
        let (unit, place) = match plan.place {
            Place::Household => (
                grid.household(plan.household).map(|h| h.group),
                format!("household {}", plan.household),
            ),
            Place::Venue(v) => (self.venues.get(&v).map(|v| v.unit), format!("venue {v}")),
        };
        unit.filter(|u| grid.unit(*u).is_some())
            .ok_or(Error::Gathering(GatheringError::GatheringOutsideGrid {
                place,
            }))
    }

    fn check_plan(&self, grid: &dyn GridView, plan: &PlannedGathering) -> Result<(), Error> {
        if grid.household(plan.household).is_none() {
            return Err(Error::Grid(GridError::UnknownHousehold {
                household: plan.household,
            }));
        }
        self.check_gathering_kind(&plan.kind)?;
        if plan.last < plan.first {
            return Err(Error::Gathering(GatheringError::EndsBeforeStart {
                what: "the planned gathering",
                first: plan.first,
                last: plan.last,
            }));
        }
        if plan.attendance == 0 {
            return Err(Error::Gathering(GatheringError::ZeroAttendance));
        }
        for staff in &plan.staff_invited {
            if grid.staff(*staff).is_none() {
                return Err(Error::UnknownStaff { staff: *staff });
            }
        }
        Ok(())
    }

    fn venues_view(&self) -> Venues<'_> {
        Venues {
            venues: &self.venues,
            closures: &self.closures,
            reopenings: &self.reopenings,
        }
    }
}

/// Whether an order issued at `order_unit` counts when coding `coded`: `Some(true)` when it
/// covers all of it (issued there or above), `Some(false)` when it covers part (issued
/// strictly below), `None` otherwise.
fn coverage(grid: &dyn GridView, order_unit: UnitId, coded: UnitId) -> Option<bool> {
    if grid.covering_units(coded).contains(&order_unit) {
        Some(true)
    } else if grid.covering_units(order_unit).contains(&coded) {
        Some(false)
    } else {
        None
    }
}

/// Whether `unit` lies under `under` (is it, or below it).
fn is_under(grid: &dyn GridView, unit: UnitId, under: UnitId) -> bool {
    grid.covering_units(unit).contains(&under)
}

/// The village or community a unit belongs to (the unit itself if it is one); the township
/// for the township itself.
fn village_of(grid: &dyn GridView, unit: UnitId) -> UnitId {
    let covering = grid.covering_units(unit);
    covering
        .iter()
        .copied()
        .find(|u| {
            grid.unit(*u)
                .is_some_and(|u| matches!(u.kind, UnitKind::Village | UnitKind::Community))
        })
        .or_else(|| covering.last().copied())
        .unwrap_or(unit)
}

impl GatheringState {
    // --- queries ---

    /// A gathering order.
    pub(crate) fn order(&self, id: GatheringOrderId) -> Option<&GatheringOrder> {
        self.orders.get(&id)
    }

    /// Every gathering order, by id.
    pub(crate) fn orders(&self) -> impl Iterator<Item = &GatheringOrder> {
        self.orders.values()
    }

    /// The gathering orders that apply at `unit` on `day` (issued there or above, in force).
    pub(crate) fn orders_in_force(
        &self,
        grid: &dyn GridView,
        unit: UnitId,
        day: Day,
    ) -> Vec<&GatheringOrder> {
        let covering = grid.covering_units(unit);
        self.orders
            .values()
            .filter(|o| o.in_force_on(day) && covering.contains(&o.unit))
            .collect()
    }

    /// The orders in force on `day` issued for `unit` or any unit below it.
    pub(crate) fn orders_within(
        &self,
        grid: &dyn GridView,
        unit: UnitId,
        day: Day,
    ) -> Vec<&GatheringOrder> {
        self.orders
            .values()
            .filter(|o| o.in_force_on(day) && grid.covering_units(o.unit).contains(&unit))
            .collect()
    }

    /// A reported gathering.
    pub(crate) fn gathering(&self, id: GatheringId) -> Option<&ReportedGathering> {
        self.gatherings.get(&id)
    }

    /// Every reported gathering, by id.
    pub(crate) fn gatherings(&self) -> impl Iterator<Item = &ReportedGathering> {
        self.gatherings.values()
    }

    /// The decision on a reported gathering under the orders now recorded.
    pub(crate) fn decision(
        &self,
        grid: &dyn GridView,
        id: GatheringId,
    ) -> Option<GatheringDecision> {
        let g = self.gatherings.get(&id)?;
        Some(decision::evaluate(
            self.orders.values(),
            grid,
            g.unit,
            &g.planned,
        ))
    }

    /// The decision a planned gathering would get, without recording it.
    ///
    /// # Errors
    /// As [`GatheringCommand::ReportGathering`]: a place in no unit, an unknown kind or
    /// staff, an end before the start, no attendance.
    pub(crate) fn evaluate(
        &self,
        grid: &dyn GridView,
        plan: &PlannedGathering,
    ) -> Result<GatheringDecision, Error> {
        let unit = self.place_unit(grid, plan)?;
        self.check_plan(grid, plan)?;
        Ok(decision::evaluate(self.orders.values(), grid, unit, plan))
    }

    /// The definition of a kind of gathering of the users' own.
    pub(crate) fn gathering_kind(&self, kind: &GatheringKind) -> Option<&GatheringKindDefinition> {
        self.gathering_kinds.get(kind)
    }

    /// The definition of a kind of venue of the users' own.
    pub(crate) fn venue_kind(&self, kind: &VenueKind) -> Option<&VenueKindDefinition> {
        self.venue_kinds.get(kind)
    }

    /// Whether a kind of gathering is a public event (OxCGRT C3).
    pub(crate) fn is_public_event(&self, kind: &GatheringKind) -> bool {
        kind.preset_is_public_event()
            || self
                .gathering_kinds
                .get(kind)
                .is_some_and(|d| d.public_event)
    }

    /// Every persuasion record, by id.
    pub(crate) fn persuasions(&self) -> impl Iterator<Item = &Persuasion> {
        self.persuasions.values()
    }

    /// Persuasion counts by village and kind for gatherings held under `unit`, over the
    /// visits of `first ..= last`: each gathering once, with its last outcome in the span.
    pub(crate) fn persuasion_counts(
        &self,
        grid: &dyn GridView,
        unit: UnitId,
        first: Day,
        last: Day,
    ) -> PersuasionCounts {
        let mut latest: BTreeMap<GatheringId, &Persuasion> = BTreeMap::new();
        for p in self.persuasions.values() {
            if p.day < first || p.day > last {
                continue;
            }
            let slot = latest.entry(p.gathering).or_insert(p);
            if (p.day, p.id) > (slot.day, slot.id) {
                *slot = p;
            }
        }
        let mut counts = PersuasionCounts::default();
        for (id, p) in latest {
            let Some(g) = self.gatherings.get(&id) else {
                continue;
            };
            if !is_under(grid, g.unit, unit) {
                continue;
            }
            let key = (
                village_of(grid, g.unit),
                g.planned.kind.clone(),
                p.outcome.result(),
            );
            let n = counts.rows.entry(key).or_insert(0);
            *n = n.saturating_add(1);
        }
        counts
    }

    /// Persuasion outcomes by result for gatherings held under `unit`, over `first ..= last`
    /// (see [`persuasion_counts`](Self::persuasion_counts)).
    pub(crate) fn persuasion_by_result(
        &self,
        grid: &dyn GridView,
        unit: UnitId,
        first: Day,
        last: Day,
    ) -> BTreeMap<PersuasionResult, u32> {
        self.persuasion_counts(grid, unit, first, last).by_result()
    }

    /// A venue of the register.
    pub(crate) fn venue(&self, id: VenueId) -> Option<&Venue> {
        self.venues.get(&id)
    }

    /// Every venue, by id.
    pub(crate) fn venues(&self) -> impl Iterator<Item = &Venue> {
        self.venues.values()
    }

    /// Every closure order, by id.
    pub(crate) fn closures(&self) -> impl Iterator<Item = &ClosureOrder> {
        self.closures.values()
    }

    /// Every reopening order, by id.
    pub(crate) fn reopenings(&self) -> impl Iterator<Item = &ReopeningOrder> {
        self.reopenings.values()
    }

    /// The closure order keeping `venue` closed on `day`, if any.
    pub(crate) fn venue_closed_by(
        &self,
        grid: &dyn GridView,
        venue: VenueId,
        day: Day,
    ) -> Option<ClosureId> {
        let v = self.venues.get(&venue)?;
        self.venues_view().closed_by(grid, v, day)
    }

    /// The venues under `unit` ordered closed on `day`, each with the closure order that
    /// keeps it closed.
    pub(crate) fn venues_closed_on(
        &self,
        grid: &dyn GridView,
        unit: UnitId,
        day: Day,
    ) -> Vec<(VenueId, ClosureId)> {
        let view = self.venues_view();
        self.venues
            .values()
            .filter(|v| is_under(grid, v.unit, unit))
            .filter_map(|v| view.closed_by(grid, v, day).map(|c| (v.id, c)))
            .collect()
    }

    /// Every violation, by id.
    pub(crate) fn violations(&self) -> impl Iterator<Item = &Violation> {
        self.violations.values()
    }

    /// The violations found on `day` at venues under `unit`.
    pub(crate) fn violations_on(
        &self,
        grid: &dyn GridView,
        unit: UnitId,
        day: Day,
    ) -> Vec<&Violation> {
        self.violations
            .values()
            .filter(|v| v.day == day && is_under(grid, v.unit, unit))
            .collect()
    }

    /// The OxCGRT levels of `unit` on `day`, from the orders in force (see the module's
    /// choices).
    pub(crate) fn oxcgrt(&self, grid: &dyn GridView, unit: UnitId, day: Day) -> OxcgrtLevels {
        let mut c3 = Vec::new();
        let mut c4 = Vec::new();
        for o in self.orders.values().filter(|o| o.in_force_on(day)) {
            let Some(general) = coverage(grid, o.unit, unit) else {
                continue;
            };
            for (i, rule) in o.terms.rules.iter().enumerate() {
                if rule.binds != Binds::Everyone {
                    continue;
                }
                let by = OrderRef::Gathering(RuleRef {
                    order: o.id,
                    rule: i.saturating_add(1),
                    title: o.terms.title.clone(),
                });
                if let Some(n) = rule.restriction.largest_allowed() {
                    let value = c4_level(n);
                    if value == 4 {
                        c3.push(Candidate {
                            value: 2,
                            general,
                            by: by.clone(),
                        });
                    }
                    c4.push(Candidate {
                        value,
                        general,
                        by: by.clone(),
                    });
                }
                let cancelled = matches!(
                    rule.restriction,
                    Restriction::Prohibited | Restriction::Postponed
                );
                if cancelled && rule.kinds.iter().any(|k| self.is_public_event(k)) {
                    c3.push(Candidate {
                        value: 2,
                        general,
                        by,
                    });
                }
            }
        }
        let view = self.venues_view();
        let c2 = self
            .closures
            .values()
            .filter(|c| view.closure_in_force(grid, c, day))
            .filter_map(|c| {
                coverage(grid, c.unit, unit).map(|general| Candidate {
                    value: 2,
                    general,
                    by: OrderRef::Closure(c.id),
                })
            })
            .collect();
        OxcgrtLevels {
            unit,
            day,
            c2: oxcgrt::level(Indicator::C2, c2),
            c3: oxcgrt::level(Indicator::C3, c3),
            c4: oxcgrt::level(Indicator::C4, c4),
        }
    }
}
