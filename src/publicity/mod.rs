//! Publicity (宣传引导) that reaches every household (家喻户晓): letters door to door, the
//! publicity van, village loudspeakers, messages online, posters and slogans (DOMAIN.md §9).
//!
//! - **Kinds as data** ([`PublicityKind`]): presets for the article's letter, leaflets, van,
//!   loudspeakers, online messages and posters; users add kinds of their own
//!   ([`PublicityKindDefinition`]). Each kind records its actions in one [`Form`] (a delivery
//!   to households with copies, an outing over a route of units with start and end, a
//!   broadcast at times or on a loop, a message to a named group with its reach, posters at
//!   a place with a count) and reaches people by one [`Channel`] (door to door, traditional
//!   or online media).
//! - **Actions** ([`PublicityAction`]) are recorded by the staff of the unit where they ran,
//!   within their reach (the one reach rule, DOMAIN.md §1): a letter to a household outside
//!   the worker's groups is refused as any command outside their reach is.
//! - **Campaigns** ([`Campaign`]): a named message, such as "a letter to all residents", that
//!   a unit runs to cover a set of its units from a first day (to a last day, or until it
//!   ends). Its coverage by household (村不漏组、组不漏户) — the households reached by its
//!   door-to-door actions, those not reached listed by group with their worker — is read
//!   beside the registry, which knows who answers for each group
//!   ([`Registry::campaign_coverage`](crate::Registry::campaign_coverage)).
//! - **Counts** ([`PublicityCounts`], [`PublicityTally`]): copies, households, outings,
//!   broadcasts, messages and posters by the unit where they ran and by day.
//! - **OxCGRT H1** ([`H1Level`]): public information campaigns for a unit on a day, with the
//!   flag and what set it; the registry reads it beside C2–C4
//!   ([`Registry::oxcgrt_indicators`](crate::Registry::oxcgrt_indicators)).
//!
//! ```
//! use fangkong::{Duty, Founding, Registry, Role, UnitKind};
//! use fangkong::publicity::{Delivery, PublicityAction};
//!
//! let t = "2020-01-24T09:00:00+08:00".parse()?;
//! let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
//! let secretary = reg.staff_ids().next().unwrap();
//! let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
//! let group_1 = reg.establish_group(secretary, t, qianjin, 1, "Qianjin group 1")?;
//! let li = reg.enroll_staff(secretary, t, "Li Hua", Role::GridWorker, None)?;
//! reg.assign(secretary, t, li, group_1, Duty::Grid)?;
//! let home_1 = reg.register_household(li, t, group_1, "Qianjin 1-01")?;
//! let home_2 = reg.register_household(li, t, group_1, "Qianjin 1-02")?;
//!
//! // The township's letter to all residents, from the 24th, to cover Qianjin.
//! let letter = reg.launch_campaign(secretary, t, reg.township(), "致广大居民的一封信",
//!     vec![qianjin], "2020-01-24".parse()?, None)?;
//! // Li Hua delivers it to the first household, two copies.
//! let letters = PublicityAction::letters(group_1, "2020-01-24".parse()?,
//!     vec![Delivery::new(home_1, 2)]).in_campaign(letter);
//! reg.record_publicity(li, t, letters)?;
//!
//! let coverage = reg.campaign_coverage(letter)?;
//! assert_eq!((coverage.reached, coverage.households, coverage.copies), (1, 2, 2));
//! assert_eq!(coverage.not_reached[0].homes[0].household, home_2);
//! assert_eq!(coverage.not_reached[0].workers[0].name, "Li Hua");
//! // Letters alone are one kind of media: H1 = 1, general for the township that runs them.
//! assert_eq!(reg.h1(reg.township(), "2020-01-24".parse()?).to_string(),
//!     "H1 = 1 general (campaign PC1 \"致广大居民的一封信\")");
//! # Ok::<(), fangkong::Error>(())
//! ```
//!
//! # Choices made here
//! - A kind delivered to households is door to door and only such a kind is; deliveries are
//!   the only form counted in coverage. For H1, door to door counts as traditional media.
//! - Everything an action names lies in its unit: the households of a delivery, the units of
//!   a route. An action of a campaign runs in the campaign's unit or below it, within the
//!   campaign's days; a campaign cannot end before the last day of one of its actions.
//! - An action is recorded once it has begun: a delivery or posting dated no later than
//!   today, an outing, broadcast or message starting no later than the instant of recording
//!   (a loop may run on past it). No outing, broadcast or loop spans more than
//!   [`MAX_SPAN_DAYS`] days.
//! - Counts: a delivery counts its copies and households on its day; an outing on the day it
//!   set out; a broadcast once at each of its times, a loop once on each day it covers; a
//!   message on the day it was sent; posters on the day they were put up. Each counts in the
//!   unit where it ran.
//! - H1 on day D reads the campaigns running on D, with the media of their actions begun on
//!   or before D, and the actions outside any campaign whose span includes D. It is 2 when
//!   they include both traditional and online media, 1 when they include one, 0 otherwise.
//!   Coding unit X, a campaign or action of X or a unit above it is general, one of a unit
//!   strictly below X targeted, and others do not count; the level is general only when each
//!   kind of media it needs has a general source.

mod action;
mod campaign;
pub(crate) mod check;
mod error;
mod h1;
mod kind;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use crate::ids::{CampaignId, PublicityActionId};
pub use action::{
    ActionDetails, BroadcastSchedule, Delivery, PublicityAction, PublicityCounts, RecordedAction,
};
pub use campaign::Campaign;
pub use error::PublicityError;
pub use h1::{H1Level, PublicityRef};
pub use kind::{Channel, Form, PublicityKind, PublicityKindDefinition};

use crate::calendar::{Day, UtcOffset};
use crate::error::{Error, text_required};
use crate::gathering::GatheringError;
use crate::grid::Action;
use crate::grid::context::{Context, EntryMeta, GridView, TextKind, text_field};
use crate::ids::next_id;
use crate::ids::{HouseholdId, UnitId};
use crate::value_error::ValueError;
use error::PublicityError as PE;

/// The longest an outing, a broadcast or a loop may span, in days (counting its first and
/// last): a year and a day.
pub const MAX_SPAN_DAYS: u16 = 366;

/// What staff ask of the publicity module. Variant names are the stored format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum PublicityCommand {
    /// Define a kind of publicity of your own (a leader of the township).
    DefineKind(PublicityKindDefinition),
    /// Launch a campaign run by a unit (a leader of the unit).
    LaunchCampaign {
        /// The unit that runs it.
        unit: UnitId,
        /// Its message.
        title: String,
        /// The units it is to cover, within `unit`.
        cover: Vec<UnitId>,
        /// Its first day.
        first: Day,
        /// Its last day, or `None` until it ends.
        last: Option<Day>,
    },
    /// Give a campaign launched until further notice its last day (a leader of its unit).
    EndCampaign {
        /// The campaign.
        campaign: CampaignId,
        /// Its last day.
        last: Day,
    },
    /// Record a publicity action (staff of the unit where it ran).
    RecordAction(PublicityAction),
}

impl PublicityCommand {
    /// The permission row of the command.
    pub fn action(&self) -> Action {
        match self {
            PublicityCommand::DefineKind(_)
            | PublicityCommand::LaunchCampaign { .. }
            | PublicityCommand::EndCampaign { .. } => Action::ManagePublicity,
            PublicityCommand::RecordAction(_) => Action::RecordPublicity,
        }
    }
}

/// What happened in the publicity module: past-tense facts. Who and when come from the ledger
/// entry that carries the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum PublicityEvent {
    /// A kind of publicity was defined.
    KindDefined(PublicityKindDefinition),
    /// A campaign was launched.
    CampaignLaunched {
        /// Its id.
        campaign: CampaignId,
        /// The unit that runs it.
        unit: UnitId,
        /// Its message.
        title: String,
        /// The units it is to cover.
        cover: Vec<UnitId>,
        /// Its first day.
        first: Day,
        /// Its last day, if known.
        last: Option<Day>,
    },
    /// A campaign was given its last day.
    CampaignEnded {
        /// The campaign.
        campaign: CampaignId,
        /// Its last day.
        last: Day,
    },
    /// A publicity action was recorded.
    ActionRecorded {
        /// Its id.
        action: PublicityActionId,
        /// What was recorded.
        recorded: PublicityAction,
    },
}

/// Publicity counted by the unit where it ran and by day ([`PublicityCounts`]). Its sums are
/// `Result`s: a sum too large for its numbers is refused
/// ([`ValueError::CountsTooLarge`]), never held at the largest
/// number.
///
/// ```
/// use fangkong::publicity::PublicityTally;
/// let tally = PublicityTally::default();
/// assert!(tally.total()?.is_zero());
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublicityTally {
    /// The counts of each unit on each day, where anything was counted.
    pub rows: BTreeMap<(UnitId, Day), PublicityCounts>,
}

impl PublicityTally {
    /// Everything counted.
    pub fn total(&self) -> Result<PublicityCounts, ValueError> {
        self.rows.values().copied().sum()
    }

    /// The counts of `unit` on `day` (zero if nothing ran there then).
    pub fn get(&self, unit: UnitId, day: Day) -> PublicityCounts {
        self.rows.get(&(unit, day)).copied().unwrap_or_default()
    }

    /// The counts of every unit on `day`.
    pub fn on(&self, day: Day) -> Result<PublicityCounts, ValueError> {
        self.rows
            .iter()
            .filter(|((_, d), _)| *d == day)
            .map(|(_, c)| *c)
            .sum()
    }

    /// The counts of `unit` on every day.
    pub fn of(&self, unit: UnitId) -> Result<PublicityCounts, ValueError> {
        self.rows
            .iter()
            .filter(|((u, _), _)| *u == unit)
            .map(|(_, c)| *c)
            .sum()
    }
}

/// A delivery as the state indexes it by household: the day, the action and the copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Delivered {
    pub day: Day,
    pub action: PublicityActionId,
    pub copies: u32,
}

/// The publicity module's state, built only by [`PublicityState::apply`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PublicityState {
    kinds: BTreeMap<PublicityKind, PublicityKindDefinition>,
    campaigns: BTreeMap<CampaignId, Campaign>,
    actions: BTreeMap<PublicityActionId, RecordedAction>,
    /// Each household's deliveries, in the order recorded.
    delivered: BTreeMap<HouseholdId, Vec<Delivered>>,
}

/// Checks the free text a publicity command carries against its limits ([`crate::limits`]).
fn check_texts(cmd: &PublicityCommand) -> Result<(), Error> {
    use TextKind::{Address, Name, Title};
    match cmd {
        PublicityCommand::DefineKind(def) => {
            text_field(
                &def.name_en,
                "the English name of the kind of publicity",
                Name,
            )?;
            Ok(text_field(
                &def.name_zh,
                "the Chinese name of the kind of publicity",
                Name,
            )?)
        }
        PublicityCommand::LaunchCampaign { title, .. } => {
            Ok(text_field(title, "the campaign's title", Title)?)
        }
        PublicityCommand::RecordAction(a) => match &a.details {
            ActionDetails::Message { group, .. } => {
                Ok(text_field(group, "the group the message went to", Name)?)
            }
            ActionDetails::Posting { place, .. } => Ok(text_field(
                place,
                "the place the posters were put up",
                Address,
            )?),
            _ => Ok(()),
        },
        PublicityCommand::EndCampaign { .. } => Ok(()),
    }
}

/// Whether `unit` lies under `under` (is it, or below it).
fn is_under(grid: &dyn GridView, unit: UnitId, under: UnitId) -> bool {
    grid.covering_units(unit).contains(&under)
}

/// Whether what ran at `source` counts when coding `coded`: `Some(true)` when it covers all of
/// it (ran there or above), `Some(false)` when it covers part (ran strictly below), `None`
/// otherwise.
fn coverage(grid: &dyn GridView, source: UnitId, coded: UnitId) -> Option<bool> {
    if is_under(grid, coded, source) {
        Some(true)
    } else if is_under(grid, source, coded) {
        Some(false)
    } else {
        None
    }
}

/// The days from `first` to `last`, both counted.
fn span_days(first: Day, last: Day) -> i64 {
    last.days_since(first).saturating_add(1)
}

/// Decides a command: authorizes it (beyond the role table, which the registry checks) and
/// validates it against the state; returns the events to record, or the error. Changes
/// nothing.
pub(crate) fn decide(
    state: &PublicityState,
    ctx: &Context<'_>,
    cmd: &PublicityCommand,
) -> Result<Vec<PublicityEvent>, Error> {
    check_texts(cmd)?;
    let action = cmd.action();
    match cmd {
        PublicityCommand::DefineKind(def) => {
            // Kinds are the township's: defining one takes an assignment to the township.
            ctx.reach_township(action)?;
            if def.kind.is_preset() || state.kinds.contains_key(&def.kind) {
                return Err(Error::Gathering(GatheringError::KindAlreadyDefined {
                    what: "kind of publicity",
                    kind: def.kind.key().to_owned(),
                }));
            }
            text_required(&def.name_en, "the English name of the kind of publicity")?;
            text_required(&def.name_zh, "the Chinese name of the kind of publicity")?;
            let delivered = def.form == Form::Delivery;
            if delivered != (def.channel == Channel::DoorToDoor) {
                return Err(Error::Publicity(PE::PublicityKindInconsistent {
                    kind: def.kind.key().to_owned(),
                    delivered,
                }));
            }
            Ok(vec![PublicityEvent::KindDefined(def.clone())])
        }
        PublicityCommand::LaunchCampaign {
            unit,
            title,
            cover,
            first,
            last,
        } => {
            ctx.grid.known_unit(*unit)?;
            ctx.reach(action, *unit)?;
            text_required(title, "the campaign's title")?;
            if let Some(last) = *last
                && last < *first
            {
                return Err(Error::Gathering(GatheringError::EndsBeforeStart {
                    what: "the campaign",
                    first: *first,
                    last,
                }));
            }
            if cover.is_empty() {
                return Err(Error::Publicity(PE::NothingListed {
                    what: "the units a campaign covers",
                }));
            }
            let mut seen = BTreeSet::new();
            for u in cover {
                ctx.grid.known_unit(*u)?;
                if !is_under(ctx.grid, *u, *unit) {
                    return Err(Error::Publicity(PE::NotWithinUnit {
                        item: ctx.grid.label(*u),
                        within: ctx.grid.label(*unit),
                    }));
                }
                if !seen.insert(*u) {
                    return Err(Error::Publicity(PE::ListedTwice {
                        item: ctx.grid.label(*u),
                    }));
                }
            }
            Ok(vec![PublicityEvent::CampaignLaunched {
                campaign: CampaignId::new(next_id(
                    &state.campaigns,
                    CampaignId::get,
                    "publicity campaigns",
                )?),
                unit: *unit,
                title: title.trim().to_owned(),
                cover: cover.clone(),
                first: *first,
                last: *last,
            }])
        }
        PublicityCommand::EndCampaign { campaign, last } => {
            let c = state
                .campaigns
                .get(campaign)
                .ok_or(Error::Publicity(PE::UnknownCampaign {
                    campaign: *campaign,
                }))?;
            ctx.reach(action, c.unit)?;
            if let Some(ended) = c.last {
                return Err(Error::Publicity(PE::CampaignAlreadyEnded {
                    campaign: *campaign,
                    last: ended,
                }));
            }
            if *last < c.first {
                return Err(Error::Gathering(GatheringError::EndsBeforeStart {
                    what: "the campaign",
                    first: c.first,
                    last: *last,
                }));
            }
            let runs_on = state
                .actions
                .values()
                .filter(|a| a.action.campaign == Some(*campaign))
                .filter_map(|a| a.action.details.span(ctx.offset).map(|s| (a.id, s.1)))
                .find(|(_, end)| end > last);
            if let Some((action, day)) = runs_on {
                return Err(Error::Publicity(PE::CampaignEndsBeforeAction {
                    campaign: *campaign,
                    last: *last,
                    action,
                    day,
                }));
            }
            Ok(vec![PublicityEvent::CampaignEnded {
                campaign: *campaign,
                last: *last,
            }])
        }
        PublicityCommand::RecordAction(a) => {
            state.check_action(ctx, a)?;
            Ok(vec![PublicityEvent::ActionRecorded {
                action: PublicityActionId::new(next_id(
                    &state.actions,
                    PublicityActionId::get,
                    "publicity actions",
                )?),
                recorded: a.clone(),
            }])
        }
    }
}

impl PublicityState {
    /// Folds one event into the state. Cannot fail: the event was decided against this state.
    pub(crate) fn apply(&mut self, e: PublicityEvent, meta: &EntryMeta) {
        match e {
            PublicityEvent::KindDefined(def) => {
                self.kinds.insert(def.kind.clone(), def);
            }
            PublicityEvent::CampaignLaunched {
                campaign,
                unit,
                title,
                cover,
                first,
                last,
            } => {
                self.campaigns.insert(
                    campaign,
                    Campaign {
                        id: campaign,
                        unit,
                        title,
                        cover,
                        first,
                        last,
                        launched_by: meta.actor,
                        launched_at: meta.at,
                    },
                );
            }
            PublicityEvent::CampaignEnded { campaign, last } => {
                if let Some(c) = self.campaigns.get_mut(&campaign) {
                    c.last = Some(last);
                }
            }
            PublicityEvent::ActionRecorded { action, recorded } => {
                if let ActionDetails::Delivery { day, deliveries } = &recorded.details {
                    for d in deliveries {
                        self.delivered
                            .entry(d.household)
                            .or_default()
                            .push(Delivered {
                                day: *day,
                                action,
                                copies: d.copies,
                            });
                    }
                }
                self.actions.insert(
                    action,
                    RecordedAction {
                        id: action,
                        action: recorded,
                        recorded_by: meta.actor,
                        recorded_at: meta.at,
                    },
                );
            }
        }
    }

    // --- validation ---

    /// The form and channel of a kind, preset or defined.
    fn kind_of(&self, kind: &PublicityKind) -> Result<(Form, Channel), Error> {
        if let (Some(form), Some(channel)) = (kind.preset_form(), kind.preset_channel()) {
            return Ok((form, channel));
        }
        self.kinds
            .get(kind)
            .map(|d| (d.form, d.channel))
            .ok_or_else(|| {
                Error::Publicity(PE::UnknownPublicityKind {
                    kind: kind.key().to_owned(),
                })
            })
    }

    /// Checks an action before it is recorded (see the module's choices).
    fn check_action(&self, ctx: &Context<'_>, a: &PublicityAction) -> Result<(), Error> {
        let action = Action::RecordPublicity;
        let (form, _) = self.kind_of(&a.kind)?;
        if a.details.form() != form {
            return Err(Error::Publicity(PE::PublicityFormMismatch {
                kind: self.name_en(&a.kind),
                kind_zh: self.name_zh(&a.kind),
                expected: form.label_en(),
                found: a.details.form().label_en(),
            }));
        }
        ctx.grid.known_unit(a.unit)?;
        ctx.reach(action, a.unit)?;
        let within = |item: String| {
            Error::Publicity(PE::NotWithinUnit {
                item,
                within: ctx.grid.label(a.unit),
            })
        };
        let long = |what: &'static str, first: Day, last: Day| {
            let days = span_days(first, last);
            if days > i64::from(MAX_SPAN_DAYS) {
                Err(Error::Publicity(PE::SpanTooLong {
                    what,
                    days,
                    max: MAX_SPAN_DAYS,
                }))
            } else {
                Ok(())
            }
        };
        let begun = |what: &'static str, start: crate::calendar::Instant| {
            if start > ctx.at {
                Err(Error::Publicity(PE::ActionStartsInFuture {
                    what,
                    start,
                    now: ctx.at,
                }))
            } else {
                Ok(())
            }
        };
        match &a.details {
            ActionDetails::Delivery { day, deliveries } => {
                if deliveries.is_empty() {
                    return Err(Error::Publicity(PE::NothingListed {
                        what: "the households of a delivery",
                    }));
                }
                let mut seen = BTreeSet::new();
                for d in deliveries {
                    let h = ctx.grid.known_household(d.household)?;
                    ctx.reach(action, h.group)?;
                    if !is_under(ctx.grid, h.group, a.unit) {
                        return Err(within(format!(
                            "{} ({})",
                            d.household,
                            ctx.grid.label(h.group)
                        )));
                    }
                    if !seen.insert(d.household) {
                        return Err(Error::Publicity(PE::ListedTwice {
                            item: d.household.to_string(),
                        }));
                    }
                    if d.copies == 0 {
                        return Err(Error::Publicity(PE::ZeroCount {
                            what: "the copies delivered to a household",
                        }));
                    }
                }
                if *day > ctx.today {
                    return Err(Error::Publicity(PE::ActionInFuture {
                        what: "the delivery",
                        day: *day,
                        today: ctx.today,
                    }));
                }
            }
            ActionDetails::Outing { start, end, route } => {
                if route.is_empty() {
                    return Err(Error::Publicity(PE::NothingListed {
                        what: "the route of an outing",
                    }));
                }
                for u in route {
                    ctx.grid.known_unit(*u)?;
                    if !is_under(ctx.grid, *u, a.unit) {
                        return Err(within(ctx.grid.label(*u)));
                    }
                }
                // A route may pass through a unit twice, but not name it twice in a row.
                if let Some(w) = route.windows(2).find(|w| w[0] == w[1]) {
                    return Err(Error::Publicity(PE::ListedTwice {
                        item: ctx.grid.label(w[0]),
                    }));
                }
                if end < start {
                    return Err(Error::Publicity(PE::SpanEndsBeforeStart {
                        what: "the outing",
                        start: *start,
                        end: *end,
                    }));
                }
                long(
                    "the outing",
                    start.day_in(ctx.offset),
                    end.day_in(ctx.offset),
                )?;
                begun("the outing", *start)?;
            }
            ActionDetails::Broadcast(BroadcastSchedule::Times(times)) => {
                let (Some(first), Some(last)) = (times.iter().min(), times.iter().max()) else {
                    return Err(Error::Publicity(PE::NothingListed {
                        what: "the times of a broadcast",
                    }));
                };
                let mut seen = BTreeSet::new();
                for t in times {
                    if !seen.insert(*t) {
                        return Err(Error::Publicity(PE::ListedTwice {
                            item: t.to_string(),
                        }));
                    }
                }
                long(
                    "the broadcast",
                    first.day_in(ctx.offset),
                    last.day_in(ctx.offset),
                )?;
                begun("the broadcast", *first)?;
            }
            ActionDetails::Broadcast(BroadcastSchedule::Loop { start, end }) => {
                if end < start {
                    return Err(Error::Publicity(PE::SpanEndsBeforeStart {
                        what: "the broadcast loop",
                        start: *start,
                        end: *end,
                    }));
                }
                long(
                    "the broadcast loop",
                    start.day_in(ctx.offset),
                    end.day_in(ctx.offset),
                )?;
                begun("the broadcast loop", *start)?;
            }
            ActionDetails::Message { at, group, reach } => {
                text_required(group, "the group the message went to")?;
                if *reach == Some(0) {
                    return Err(Error::Publicity(PE::ZeroCount {
                        what: "the reach of a message",
                    }));
                }
                begun("the message", *at)?;
            }
            ActionDetails::Posting { day, place, count } => {
                text_required(place, "the place the posters were put up")?;
                if *count == 0 {
                    return Err(Error::Publicity(PE::ZeroCount {
                        what: "the posters or slogans put up",
                    }));
                }
                if *day > ctx.today {
                    return Err(Error::Publicity(PE::ActionInFuture {
                        what: "the posting",
                        day: *day,
                        today: ctx.today,
                    }));
                }
            }
        }
        if let Some(id) = a.campaign {
            let c = self
                .campaigns
                .get(&id)
                .ok_or(Error::Publicity(PE::UnknownCampaign { campaign: id }))?;
            if !is_under(ctx.grid, a.unit, c.unit) {
                return Err(Error::Publicity(PE::NotWithinUnit {
                    item: ctx.grid.label(a.unit),
                    within: ctx.grid.label(c.unit),
                }));
            }
            if let Some((start, end)) = a.details.span(ctx.offset)
                && (start < c.first || c.last.is_some_and(|l| end > l))
            {
                return Err(Error::Publicity(PE::ActionOutsideCampaign {
                    campaign: id,
                    first: c.first,
                    last: c.last,
                    start,
                    end,
                }));
            }
        }
        Ok(())
    }

    // --- queries ---

    /// The English name of a kind: a preset's, or the one its definition gives (its key if
    /// it has none).
    pub(crate) fn name_en(&self, kind: &PublicityKind) -> String {
        match self.kinds.get(kind) {
            Some(d) if !kind.is_preset() => d.name_en.clone(),
            _ => kind.label_en().to_owned(),
        }
    }

    /// The Chinese name of a kind, as [`name_en`](Self::name_en).
    pub(crate) fn name_zh(&self, kind: &PublicityKind) -> String {
        match self.kinds.get(kind) {
            Some(d) if !kind.is_preset() => d.name_zh.clone(),
            _ => kind.label_zh().to_owned(),
        }
    }

    /// The definition of a kind of the users' own.
    pub(crate) fn kind_definition(&self, kind: &PublicityKind) -> Option<&PublicityKindDefinition> {
        self.kinds.get(kind)
    }

    /// The channel of a kind, preset or defined (`None` for a kind not defined).
    pub(crate) fn channel_of(&self, kind: &PublicityKind) -> Option<Channel> {
        self.kind_of(kind).ok().map(|(_, c)| c)
    }

    /// A campaign.
    pub(crate) fn campaign(&self, id: CampaignId) -> Option<&Campaign> {
        self.campaigns.get(&id)
    }

    /// Every campaign, by id.
    pub(crate) fn campaigns(&self) -> impl Iterator<Item = &Campaign> {
        self.campaigns.values()
    }

    /// A recorded action.
    pub(crate) fn action(&self, id: PublicityActionId) -> Option<&RecordedAction> {
        self.actions.get(&id)
    }

    /// Every recorded action, by id.
    pub(crate) fn actions(&self) -> impl Iterator<Item = &RecordedAction> {
        self.actions.values()
    }

    /// The deliveries to a household, in the order recorded.
    pub(crate) fn delivered_to(&self, household: HouseholdId) -> &[Delivered] {
        self.delivered.get(&household).map_or(&[], Vec::as_slice)
    }

    /// Every household delivered to, with its deliveries.
    pub(crate) fn deliveries(&self) -> impl Iterator<Item = (HouseholdId, &[Delivered])> {
        self.delivered.iter().map(|(h, d)| (*h, d.as_slice()))
    }

    /// The counts of the actions that ran at or under `unit` on the days `first ..= last`, by
    /// the unit where each ran and by day.
    pub(crate) fn tally(
        &self,
        grid: &dyn GridView,
        offset: UtcOffset,
        unit: UnitId,
        first: Day,
        last: Day,
    ) -> Result<PublicityTally, ValueError> {
        let mut tally = PublicityTally::default();
        for a in self.actions.values() {
            if !is_under(grid, a.action.unit, unit) {
                continue;
            }
            let Some((start, end)) = a.action.details.span(offset) else {
                continue;
            };
            let (mut d, end) = (start.max(first), end.min(last));
            while d <= end {
                let c = a.action.details.counts_on(offset, d);
                if !c.is_zero() {
                    let row = tally.rows.entry((a.action.unit, d)).or_default();
                    *row = (*row + c)?;
                }
                match d.next() {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }
        Ok(tally)
    }

    /// OxCGRT H1 of `unit` on `day` (see the module's choices).
    pub(crate) fn h1(
        &self,
        grid: &dyn GridView,
        offset: UtcOffset,
        unit: UnitId,
        day: Day,
    ) -> H1Level {
        let mut sources = Vec::new();
        // The media each campaign's actions begun by the day used.
        let mut media: BTreeMap<CampaignId, (bool, bool)> = BTreeMap::new();
        for a in self.actions.values() {
            let Some((start, end)) = a.action.details.span(offset) else {
                continue;
            };
            let Some(channel) = self.channel_of(&a.action.kind) else {
                continue;
            };
            let online = channel.is_online();
            match a.action.campaign {
                Some(c) => {
                    if start <= day {
                        let m = media.entry(c).or_default();
                        m.0 |= !online;
                        m.1 |= online;
                    }
                }
                None => {
                    if start <= day
                        && day <= end
                        && let Some(general) = coverage(grid, a.action.unit, unit)
                    {
                        sources.push(h1::Source {
                            by: PublicityRef::Action {
                                action: a.id,
                                kind: a.action.kind.clone(),
                            },
                            traditional: !online,
                            online,
                            general,
                        });
                    }
                }
            }
        }
        for c in self.campaigns.values().filter(|c| c.runs_on(day)) {
            let (Some(general), Some((traditional, online))) =
                (coverage(grid, c.unit, unit), media.get(&c.id).copied())
            else {
                continue;
            };
            sources.push(h1::Source {
                by: PublicityRef::Campaign {
                    campaign: c.id,
                    title: c.title.clone(),
                },
                traditional,
                online,
                general,
            });
        }
        h1::level(sources)
    }
}
