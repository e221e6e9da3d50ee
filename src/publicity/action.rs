//! Publicity actions (宣传记录): what was done, where, when, and how much.

use std::fmt;
use std::iter::Sum;
use std::ops::Add;

use serde::{Deserialize, Serialize};

use super::kind::{Form, PublicityKind};
use crate::calendar::{Day, Instant, UtcOffset};
use crate::ids::{CampaignId, HouseholdId, PublicityActionId, StaffId, UnitId};
use crate::value_error::{ValueError, add_counts};

/// Copies delivered to one household (入户发放).
///
/// ```
/// use fangkong::HouseholdId;
/// use fangkong::publicity::Delivery;
/// let d = Delivery::new(HouseholdId::new(3), 2);
/// assert_eq!((d.household, d.copies), (HouseholdId::new(3), 2));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Delivery {
    /// The household.
    pub household: HouseholdId,
    /// How many copies it got (at least 1).
    pub copies: u32,
}

impl Delivery {
    /// `copies` delivered to `household`.
    pub fn new(household: HouseholdId, copies: u32) -> Delivery {
        Delivery { household, copies }
    }
}

/// When a broadcast ran: at given times, or on a loop from a start to an end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BroadcastSchedule {
    /// At these times, each one broadcast.
    Times(Vec<Instant>),
    /// On a loop (循环播放) from `start` to `end`: one broadcast on each day it covers.
    Loop {
        /// When the loop started.
        start: Instant,
        /// When it ended (or is to end).
        end: Instant,
    },
}

/// What an action records, in the form its kind takes ([`Form`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ActionDetails {
    /// Copies delivered door to door on a day.
    Delivery {
        /// The day of delivery.
        day: Day,
        /// Each household with its copies; a household once.
        deliveries: Vec<Delivery>,
    },
    /// An outing over a route of units (the van's, 出车).
    Outing {
        /// When it set out.
        start: Instant,
        /// When it came back.
        end: Instant,
        /// The units it went through, in order.
        route: Vec<UnitId>,
    },
    /// A broadcast in the action's unit.
    Broadcast(BroadcastSchedule),
    /// A message to a named group (a WeChat work group, 朋友圈).
    Message {
        /// When it was sent.
        at: Instant,
        /// The group, as it is named.
        group: String,
        /// How many people it reached, if known (the group's members, say).
        reach: Option<u32>,
    },
    /// Posters or slogans put up at a place.
    Posting {
        /// The day they were put up.
        day: Day,
        /// Where, as the township writes it.
        place: String,
        /// How many.
        count: u32,
    },
}

impl ActionDetails {
    /// The form these details take.
    pub fn form(&self) -> Form {
        match self {
            ActionDetails::Delivery { .. } => Form::Delivery,
            ActionDetails::Outing { .. } => Form::Outing,
            ActionDetails::Broadcast(_) => Form::Broadcast,
            ActionDetails::Message { .. } => Form::Message,
            ActionDetails::Posting { .. } => Form::Posting,
        }
    }

    /// The first and last instants or days the details name, as days in `offset`: the span
    /// of the action. `None` only for a broadcast at no time (which is refused).
    pub fn span(&self, offset: UtcOffset) -> Option<(Day, Day)> {
        Some(match self {
            ActionDetails::Delivery { day, .. } | ActionDetails::Posting { day, .. } => {
                (*day, *day)
            }
            ActionDetails::Outing { start, end, .. }
            | ActionDetails::Broadcast(BroadcastSchedule::Loop { start, end }) => {
                (start.day_in(offset), end.day_in(offset))
            }
            ActionDetails::Broadcast(BroadcastSchedule::Times(times)) => {
                let first = times.iter().min()?.day_in(offset);
                let last = times.iter().max()?.day_in(offset);
                (first, last)
            }
            ActionDetails::Message { at, .. } => (at.day_in(offset), at.day_in(offset)),
        })
    }

    /// The counts of these details on `day` (local days in `offset`): copies and households
    /// of a delivery on its day, an outing on the day it set out, each broadcast time on its
    /// day and a loop once on each day it covers, a message on the day it was sent, posters on
    /// the day they were put up.
    pub fn counts_on(&self, offset: UtcOffset, day: Day) -> PublicityCounts {
        let mut c = PublicityCounts::default();
        match self {
            ActionDetails::Delivery { day: d, deliveries } if *d == day => {
                c.copies = deliveries.iter().map(|x| u64::from(x.copies)).sum();
                c.households = deliveries.len() as u64;
            }
            ActionDetails::Outing { start, .. } if start.day_in(offset) == day => c.outings = 1,
            ActionDetails::Broadcast(BroadcastSchedule::Times(times)) => {
                c.broadcasts = times.iter().filter(|t| t.day_in(offset) == day).count() as u64;
            }
            ActionDetails::Broadcast(BroadcastSchedule::Loop { start, end })
                if start.day_in(offset) <= day && day <= end.day_in(offset) =>
            {
                c.broadcasts = 1;
            }
            ActionDetails::Message { at, reach, .. } if at.day_in(offset) == day => {
                c.messages = 1;
                c.message_reach = reach.map_or(0, u64::from);
            }
            ActionDetails::Posting { day: d, count, .. } if *d == day => {
                c.posters = u64::from(*count);
            }
            _ => {}
        }
        c
    }

    /// The counts of these details on every day up to `day`, that one included.
    pub fn counts_to(&self, offset: UtcOffset, day: Day) -> PublicityCounts {
        let Some((first, last)) = self.span(offset) else {
            return PublicityCounts::default();
        };
        if first > day {
            return PublicityCounts::default();
        }
        match self {
            ActionDetails::Broadcast(BroadcastSchedule::Times(times)) => PublicityCounts {
                broadcasts: times.iter().filter(|t| t.day_in(offset) <= day).count() as u64,
                ..PublicityCounts::default()
            },
            ActionDetails::Broadcast(BroadcastSchedule::Loop { .. }) => PublicityCounts {
                broadcasts: (last.min(day).days_since(first) + 1).max(0) as u64,
                ..PublicityCounts::default()
            },
            // Everything else counts on its first day.
            _ => self.counts_on(offset, first),
        }
    }
}

/// A publicity action as a member of staff records it (宣传记录): its kind, the unit where it
/// ran, the campaign it belongs to (if any) and what it was. Any value can be built; the
/// registry checks it when recorded ([`PublicityCommand::RecordAction`]).
///
/// The constructors give the preset kind of each form; [`of_kind`](Self::of_kind) names
/// another, [`in_campaign`](Self::in_campaign) a campaign.
///
/// ```
/// use fangkong::{HouseholdId, UnitId};
/// use fangkong::publicity::{CampaignId, Delivery, Form, PublicityAction, PublicityKind};
/// let letters = PublicityAction::letters(UnitId::new(5), "2020-01-26".parse()?,
///     vec![Delivery::new(HouseholdId::new(1), 1), Delivery::new(HouseholdId::new(2), 2)])
///     .in_campaign(CampaignId::new(1));
/// assert_eq!(letters.kind, PublicityKind::LETTER);
/// assert_eq!(letters.details.form(), Form::Delivery);
/// let leaflets = letters.clone().of_kind(PublicityKind::LEAFLET);
/// assert_eq!(leaflets.kind, PublicityKind::LEAFLET);
/// # Ok::<(), fangkong::Error>(())
/// ```
///
/// [`PublicityCommand::RecordAction`]: super::PublicityCommand::RecordAction
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublicityAction {
    /// Its kind.
    pub kind: PublicityKind,
    /// The unit where it ran: everything it names lies in it.
    pub unit: UnitId,
    /// The campaign it belongs to, if any.
    pub campaign: Option<CampaignId>,
    /// What it was.
    pub details: ActionDetails,
}

impl PublicityAction {
    /// An action of `kind` in `unit`.
    pub fn new(kind: PublicityKind, unit: UnitId, details: ActionDetails) -> PublicityAction {
        PublicityAction {
            kind,
            unit,
            campaign: None,
            details,
        }
    }

    /// Letters to residents ([`PublicityKind::LETTER`]) delivered in `unit` on `day`.
    pub fn letters(unit: UnitId, day: Day, deliveries: Vec<Delivery>) -> PublicityAction {
        PublicityAction::new(
            PublicityKind::LETTER,
            unit,
            ActionDetails::Delivery { day, deliveries },
        )
    }

    /// An outing of the publicity van ([`PublicityKind::VAN`]) of `unit` over `route`.
    pub fn van_outing(
        unit: UnitId,
        start: Instant,
        end: Instant,
        route: Vec<UnitId>,
    ) -> PublicityAction {
        PublicityAction::new(
            PublicityKind::VAN,
            unit,
            ActionDetails::Outing { start, end, route },
        )
    }

    /// A broadcast of `unit`'s loudspeakers ([`PublicityKind::LOUDSPEAKER`]).
    pub fn broadcast(unit: UnitId, schedule: BroadcastSchedule) -> PublicityAction {
        PublicityAction::new(
            PublicityKind::LOUDSPEAKER,
            unit,
            ActionDetails::Broadcast(schedule),
        )
    }

    /// A message online ([`PublicityKind::ONLINE`]) sent by `unit` to `group`.
    pub fn message(
        unit: UnitId,
        at: Instant,
        group: impl Into<String>,
        reach: Option<u32>,
    ) -> PublicityAction {
        PublicityAction::new(
            PublicityKind::ONLINE,
            unit,
            ActionDetails::Message {
                at,
                group: group.into(),
                reach,
            },
        )
    }

    /// Posters or slogans ([`PublicityKind::POSTER`]) put up in `unit` on `day`.
    pub fn posters(
        unit: UnitId,
        day: Day,
        place: impl Into<String>,
        count: u32,
    ) -> PublicityAction {
        PublicityAction::new(
            PublicityKind::POSTER,
            unit,
            ActionDetails::Posting {
                day,
                place: place.into(),
                count,
            },
        )
    }

    /// The same action of another kind (of the same form).
    pub fn of_kind(mut self, kind: PublicityKind) -> PublicityAction {
        self.kind = kind;
        self
    }

    /// The same action as part of `campaign`.
    pub fn in_campaign(mut self, campaign: CampaignId) -> PublicityAction {
        self.campaign = Some(campaign);
        self
    }
}

/// A publicity action as the registry holds it: the action, with its id and who recorded it
/// when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RecordedAction {
    /// Its id.
    pub id: PublicityActionId,
    /// What was recorded.
    pub action: PublicityAction,
    /// Who recorded it.
    pub recorded_by: StaffId,
    /// When.
    pub recorded_at: Instant,
}

/// Publicity counted (宣传统计): copies and households of deliveries, outings, broadcasts,
/// messages (and the people they reached, where known) and posters. Zero by default.
///
/// Every figure counts things done (copies, 户次 deliveries, outings, messages), never distinct
/// people or households, so counts of other days, units or townships add up as they are: `+`
/// and `Sum` give a `Result`, refusing only a total too large for its numbers
/// ([`ValueError::CountsTooLarge`]), never held at
/// the largest number in silence.
///
/// ```
/// use fangkong::publicity::PublicityCounts;
/// let mut a = PublicityCounts::default();
/// a.copies = 60;
/// a.outings = 1;
/// let mut b = PublicityCounts::default();
/// b.copies = 40;
/// b.broadcasts = 3;
/// let total: PublicityCounts = [a, b].into_iter().sum::<Result<_, _>>()?;
/// assert_eq!((total.copies, total.outings, total.broadcasts), (100, 1, 3));
/// assert_eq!(total.to_string(), "100 copies to 0 households, 1 outing(s), 3 broadcast(s), 0 message(s), 0 poster(s)");
/// b.copies = u64::MAX;
/// assert_eq!(fangkong::Error::from((a + b).unwrap_err()).code(), "counts_too_large");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct PublicityCounts {
    /// Copies delivered door to door (份).
    pub copies: u64,
    /// Deliveries to households: a household counted once per delivery (户次).
    pub households: u64,
    /// Outings (出车次数).
    pub outings: u64,
    /// Broadcasts (广播次数): each time, and each day of a loop.
    pub broadcasts: u64,
    /// Messages sent (信息条数).
    pub messages: u64,
    /// The people messages reached, where their reach was known (people reached per message,
    /// added: a person reached twice counts twice).
    pub message_reach: u64,
    /// Posters and slogans put up (张贴数).
    pub posters: u64,
}

impl Add for PublicityCounts {
    type Output = Result<PublicityCounts, ValueError>;

    /// Both counts together; a total too large for its numbers is refused.
    fn add(self, o: PublicityCounts) -> Self::Output {
        let sum = |a, b| add_counts(a, b, "publicity counts");
        Ok(PublicityCounts {
            copies: sum(self.copies, o.copies)?,
            households: sum(self.households, o.households)?,
            outings: sum(self.outings, o.outings)?,
            broadcasts: sum(self.broadcasts, o.broadcasts)?,
            messages: sum(self.messages, o.messages)?,
            message_reach: sum(self.message_reach, o.message_reach)?,
            posters: sum(self.posters, o.posters)?,
        })
    }
}

impl Sum<PublicityCounts> for Result<PublicityCounts, ValueError> {
    /// Every count together (zero for none); a total too large for its numbers is refused.
    fn sum<I: Iterator<Item = PublicityCounts>>(mut iter: I) -> Self {
        iter.try_fold(PublicityCounts::default(), Add::add)
    }
}

impl PublicityCounts {
    /// Whether nothing was counted.
    pub fn is_zero(&self) -> bool {
        *self == PublicityCounts::default()
    }

    /// The counts in Chinese: `100份入户（0户次），出车1次，广播3次，信息0条，张贴0处`.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        format!(
            "{}份入户（{}户次），出车{}次，广播{}次，信息{}条，张贴{}处",
            self.copies,
            self.households,
            self.outings,
            self.broadcasts,
            self.messages,
            self.posters
        )
    }
}

impl fmt::Display for PublicityCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} copies to {} households, {} outing(s), {} broadcast(s), {} message(s), {} poster(s)",
            self.copies,
            self.households,
            self.outings,
            self.broadcasts,
            self.messages,
            self.posters
        )
    }
}
