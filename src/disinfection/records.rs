//! The records of cleaning and disinfection: sites, windows, frequencies, amounts, schedules
//! with their history, site assignments, rounds, and the rows of a day.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::DisinfectionError;
use super::kind::SiteKind;
use super::labels::{AmountUnit, RoundStatus, Task};
use crate::calendar::{Day, Instant, TimeOfDay};
use crate::error::Error;
use crate::ids::{DisinfectionRoundId, DisinfectionScheduleId, SiteId, StaffId, UnitId};

/// The longest interval of a schedule "every N days", in days.
pub const MAX_INTERVAL_DAYS: u32 = 30;

/// A site of cleaning and disinfection (消杀点位) in a unit of the grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Site {
    /// Its id.
    pub id: SiteId,
    /// The unit it lies in (the township for the office building, a village for its places).
    pub unit: UnitId,
    /// Its kind.
    pub kind: SiteKind,
    /// Its name or place (`"乡政府办公楼"`).
    pub name: String,
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} ({}, {})",
            self.id, self.name, self.kind, self.unit
        )
    }
}

/// A window of local time in which a round is due (消杀时段): from `start` to `end`, both
/// included, within one local day. A window cannot cross midnight: its end comes after its
/// start (a round counts on the local day it is done, so a night round is two schedules).
///
/// Unchecked input: it travels in commands and events ([`ScheduleTerms`]), and a refused
/// command must read back from the ledger as it was given, so it deserializes (and its public
/// fields build) as it is; [`Window::new`] checks, and setting or changing a schedule refuses a
/// window ending before it starts with [`DisinfectionError::WindowEndsBeforeStart`].
///
/// ```
/// use fangkong::disinfection::Window;
/// let w = Window::new("08:00".parse()?, "10:00".parse()?)?;
/// assert!(w.contains("10:00".parse()?) && !w.contains("10:01".parse()?));
/// assert_eq!(w.to_string(), "08:00–10:00");
/// assert_eq!(
///     Window::new("22:00".parse()?, "02:00".parse()?).unwrap_err().code(),
///     "window_ends_before_start"
/// );
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Window {
    /// When it opens.
    pub start: TimeOfDay,
    /// When it closes (a round at this minute is on time).
    pub end: TimeOfDay,
}

impl Window {
    /// The window from `start` to `end`.
    ///
    /// # Errors
    /// [`DisinfectionError::WindowEndsBeforeStart`] unless `end` comes after `start`.
    pub fn new(start: TimeOfDay, end: TimeOfDay) -> Result<Window, Error> {
        let w = Window { start, end };
        w.check()?;
        Ok(w)
    }

    pub(crate) fn check(self) -> Result<(), Error> {
        if self.end <= self.start {
            return Err(DisinfectionError::WindowEndsBeforeStart {
                start: self.start,
                end: self.end,
            }
            .into());
        }
        Ok(())
    }

    /// Whether `time` lies in the window (both ends included).
    pub fn contains(self, time: TimeOfDay) -> bool {
        self.start <= time && time <= self.end
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start, self.end)
    }
}

/// How often a schedule expects rounds (频次).
///
/// ```
/// use fangkong::disinfection::{Frequency, Window};
/// let afternoon = Window::new("15:00".parse()?, "17:00".parse()?)?;
/// assert_eq!(Frequency::TwiceDaily { second: afternoon }.to_string(), "twice daily");
/// assert_eq!(Frequency::EveryNDays { days: 3 }.display_zh().to_string(), "每3天一次");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Frequency {
    /// One round a day, in the schedule's window (每日一次).
    Daily,
    /// Two rounds a day (每日两次): the first in the schedule's window, the second in this
    /// one, which starts after the first ends.
    TwiceDaily {
        /// The second round's window.
        second: Window,
    },
    /// One round every `days` days (每N天一次), counted from the first day of the terms in
    /// force (the schedule's first day, or the day a change took effect).
    EveryNDays {
        /// The interval, 1 to [`MAX_INTERVAL_DAYS`].
        days: u32,
    },
}

impl Frequency {
    /// The frequency in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        struct Zh<'a>(&'a Frequency);
        impl fmt::Display for Zh<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.0 {
                    Frequency::Daily => f.write_str("每日一次"),
                    Frequency::TwiceDaily { .. } => f.write_str("每日两次"),
                    Frequency::EveryNDays { days } => write!(f, "每{days}天一次"),
                }
            }
        }
        Zh(self)
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Frequency::Daily => f.write_str("daily"),
            Frequency::TwiceDaily { .. } => f.write_str("twice daily"),
            Frequency::EveryNDays { days } => write!(f, "every {days} days"),
        }
    }
}

/// An amount of agent (用量): a whole number more than zero, and its unit.
///
/// Unchecked input: it travels in commands and events, and a refused command must read back
/// from the ledger as it was given, so it deserializes (and [`Amount::new`] builds) as it is;
/// [`Amount::try_new`] and parsing check, and recording a round or setting a schedule refuses
/// zero with [`DisinfectionError::AmountNotPositive`].
///
/// ```
/// use fangkong::disinfection::{Amount, AmountUnit};
/// let a: Amount = "500 ml".parse()?;
/// assert_eq!(a, Amount::new(500, AmountUnit::Millilitre));
/// assert_eq!("2瓶".parse::<Amount>()?.to_string(), "2 bottle");
/// assert_eq!(a.display_zh().to_string(), "500毫升");
/// assert_eq!("-5 瓶".parse::<Amount>().unwrap_err().code(), "invalid_round_amount");
/// assert_eq!("0 ml".parse::<Amount>().unwrap_err().code(), "amount_not_positive");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Amount {
    /// How much (commands refuse zero).
    pub quantity: u32,
    /// In what unit.
    pub unit: AmountUnit,
}

impl Amount {
    /// `quantity` of `unit`, unchecked (zero is refused by the command that carries it; see
    /// [`Amount::try_new`]).
    pub fn new(quantity: u32, unit: AmountUnit) -> Amount {
        Amount { quantity, unit }
    }

    /// `quantity` of `unit`, checked as commands check it.
    ///
    /// ```
    /// use fangkong::disinfection::{Amount, AmountUnit};
    /// assert_eq!(Amount::try_new(2, AmountUnit::Bottle)?, Amount::new(2, AmountUnit::Bottle));
    /// assert_eq!(Amount::try_new(0, AmountUnit::Bottle).unwrap_err().code(), "amount_not_positive");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`DisinfectionError::AmountNotPositive`] for zero.
    pub fn try_new(quantity: u32, unit: AmountUnit) -> Result<Amount, Error> {
        Amount { quantity, unit }.checked("the amount used")
    }

    /// The amount if it is more than zero, else [`DisinfectionError::AmountNotPositive`]
    /// naming `what` (the one check of an amount: building, parsing and deciding use it).
    pub(crate) fn checked(self, what: &'static str) -> Result<Amount, Error> {
        if self.quantity == 0 {
            return Err(DisinfectionError::AmountNotPositive { what }.into());
        }
        Ok(self)
    }

    /// The amount in Chinese (`"500毫升"`).
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        struct Zh<'a>(&'a Amount);
        impl fmt::Display for Zh<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", self.0.quantity, self.0.unit.label_zh())
            }
        }
        Zh(self)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.quantity, self.unit.label_en())
    }
}

impl FromStr for Amount {
    type Err = Error;

    /// A whole number and a unit (`"500 ml"`, `"500毫升"`, `"2 bottles"`).
    fn from_str(s: &str) -> Result<Amount, Error> {
        let bad = || DisinfectionError::InvalidAmount {
            input: crate::label::quote(s),
        };
        let t = s.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (number, unit) = t.split_at(split);
        let quantity: u32 = number.parse().map_err(|_| bad())?;
        let unit: AmountUnit = unit.trim().parse().map_err(|_| bad())?;
        Amount::try_new(quantity, unit)
    }
}

/// What a schedule expects (计划内容): how often, in which window, with which agent and how
/// much of it. A change of schedule gives new terms from a day on.
///
/// Unchecked input: the terms are a command's payload (and its events'), and a refused command
/// must read back from the ledger as it was given, so they deserialize and build as they are.
/// Setting or changing a schedule checks them and refuses with
/// [`DisinfectionError::WindowEndsBeforeStart`], `WindowsOverlap`, `InvalidInterval`,
/// [`Error::TextRequired`] (no agent) or [`DisinfectionError::AmountNotPositive`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScheduleTerms {
    /// How often.
    pub frequency: Frequency,
    /// The window of the (first) round of a day.
    pub window: Window,
    /// The agent expected (`"含氯消毒液（84消毒液）1:100稀释"`, or `"清水"` for cleaning).
    pub agent: String,
    /// How much of it, per round.
    pub amount: Amount,
}

impl ScheduleTerms {
    /// Terms of `frequency` in `window`, with `amount` of `agent` per round.
    pub fn new(
        frequency: Frequency,
        window: Window,
        agent: impl Into<String>,
        amount: Amount,
    ) -> ScheduleTerms {
        ScheduleTerms {
            frequency,
            window,
            agent: agent.into(),
            amount,
        }
    }

    /// The windows of the rounds expected on `day` under these terms, in force from `from`.
    pub fn windows_on(&self, from: Day, day: Day) -> Vec<Window> {
        match self.frequency {
            Frequency::Daily => vec![self.window],
            Frequency::TwiceDaily { second } => vec![self.window, second],
            Frequency::EveryNDays { days } => {
                let since = day.days_since(from);
                if days > 0 && since >= 0 && since % i64::from(days) == 0 {
                    vec![self.window]
                } else {
                    Vec::new()
                }
            }
        }
    }
}

/// One set of terms of a schedule, in force from a day until the next change (a schedule's
/// history: nothing is overwritten).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ScheduleVersion {
    /// The first day these terms apply.
    pub from: Day,
    /// The terms.
    pub terms: ScheduleTerms,
    /// Who set them.
    pub set_by: StaffId,
    /// When.
    pub set_at: Instant,
}

/// A schedule of rounds at a site (消杀计划): what is done, from a day F until a day U (rounds
/// on F ..= U) or until lifted on L (rounds on F ..= L − 1), with the history of its terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DisinfectionSchedule {
    /// Its id.
    pub id: DisinfectionScheduleId,
    /// The site.
    pub site: SiteId,
    /// What is done.
    pub task: Task,
    /// The first day of rounds.
    pub first: Day,
    /// The last day of rounds, if set when the schedule was.
    pub last: Option<Day>,
    /// The first day it no longer applies, if lifted.
    pub lifted: Option<Day>,
    /// Its terms, oldest first: each in force from its day until the next one's.
    pub versions: Vec<ScheduleVersion>,
}

impl DisinfectionSchedule {
    /// The last day with rounds: U, or L − 1 if lifted (the earlier); `None` while open-ended.
    pub fn last_day(&self) -> Option<Day> {
        let lifted = self.lifted.and_then(|l| l.plus_days(-1).ok());
        match (self.last, lifted) {
            (Some(u), Some(l)) => Some(u.min(l)),
            (u, l) => u.or(l),
        }
    }

    /// Whether it expects rounds of some kind on `day` (F ..= its last day).
    pub fn in_force_on(&self, day: Day) -> bool {
        day >= self.first && self.last_day().is_none_or(|l| day <= l)
    }

    /// The terms in force on `day`, with the day they took effect.
    pub fn version_on(&self, day: Day) -> Option<&ScheduleVersion> {
        if !self.in_force_on(day) {
            return None;
        }
        self.versions.iter().rev().find(|v| v.from <= day)
    }

    /// The current terms (the latest version).
    pub fn terms(&self) -> Option<&ScheduleTerms> {
        self.versions.last().map(|v| &v.terms)
    }

    /// The windows of the rounds it expects on `day` (none outside F ..= its last day).
    pub fn windows_on(&self, day: Day) -> Vec<Window> {
        self.version_on(day)
            .map(|v| v.terms.windows_on(v.from, day))
            .unwrap_or_default()
    }
}

/// A member of staff designated for a site (消杀责任人): a kind of assignment of its own, from
/// a day until ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SiteAssignment {
    /// The site.
    pub site: SiteId,
    /// Who answers for its rounds.
    pub staff: StaffId,
    /// The first day they answer for it.
    pub from: Day,
    /// The first day they no longer do, if ended.
    pub until: Option<Day>,
    /// Who assigned them.
    pub assigned_by: StaffId,
}

impl SiteAssignment {
    /// Whether they answer for the site on `day`.
    pub fn covers(&self, day: Day) -> bool {
        self.from <= day && self.until.is_none_or(|u| day < u)
    }
}

/// A round recorded at a site (消杀记录): what was done, when, with which agent and how much,
/// by whom. It counts on the local day of its instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DisinfectionRound {
    /// Its id.
    pub id: DisinfectionRoundId,
    /// The site.
    pub site: SiteId,
    /// What was done.
    pub task: Task,
    /// When (the instant it was recorded).
    pub at: Instant,
    /// The local day it counts for.
    pub day: Day,
    /// The agent used.
    pub agent: String,
    /// How much of it.
    pub amount: Amount,
    /// What the recorder wrote.
    pub note: String,
    /// Who recorded it.
    pub recorded_by: StaffId,
}

/// A round a schedule expects on a day (应做消杀), computed from the schedule's terms in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ExpectedRound {
    /// The schedule.
    pub schedule: DisinfectionScheduleId,
    /// The site.
    pub site: SiteId,
    /// The site's unit.
    pub unit: UnitId,
    /// The day.
    pub day: Day,
    /// Which round of the day: 1, or 2 for a twice-daily schedule's second.
    pub slot: u8,
    /// What is to be done.
    pub task: Task,
    /// When.
    pub window: Window,
    /// The agent expected.
    pub agent: String,
    /// How much of it.
    pub amount: Amount,
}

/// An expected round and what became of it, with the staff who answer for its site that day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RoundRow {
    /// The round expected.
    pub expected: ExpectedRound,
    /// Done, late or missed.
    pub status: RoundStatus,
    /// The recorded round that did it, if any.
    pub round: Option<DisinfectionRoundId>,
    /// When that round was recorded.
    pub done_at: Option<Instant>,
    /// The staff designated for the site on the day.
    pub responsible: Vec<StaffId>,
}

impl fmt::Display for RoundRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.expected;
        write!(
            f,
            "{} {} {} {} round {} ({}): {}",
            e.day, e.site, e.task, e.window, e.slot, e.schedule, self.status
        )?;
        if let (Some(r), Some(at)) = (self.round, self.done_at) {
            write!(f, " by {r} at {at}")?;
        }
        Ok(())
    }
}

/// A round expected and not done (漏做), named for a list: the day, the site and its unit, the
/// window, and the staff who answered for the site that day (as missing daily reports are
/// listed with their unit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MissedRound {
    /// The day.
    pub day: Day,
    /// The site.
    pub site: SiteId,
    /// The site's name.
    pub site_name: String,
    /// The site's unit.
    pub unit: UnitId,
    /// The unit, as a label (`"Qianjin (U2)"`).
    pub unit_label: String,
    /// The schedule that expected it.
    pub schedule: DisinfectionScheduleId,
    /// Which round of the day.
    pub slot: u8,
    /// What was to be done.
    pub task: Task,
    /// Its window.
    pub window: Window,
    /// The staff designated for the site that day.
    pub responsible: Vec<StaffId>,
    /// Their names and ids (`"Li Hua (S2)"`), in the same order.
    pub responsible_names: Vec<String>,
}

impl MissedRound {
    /// The row in Chinese: `2020-01-28 SI3 前进村垃圾点（Qianjin (U2)）消毒 08:00–10:00 漏做；责任人：Li Hua (S2)`.
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        struct Zh<'a>(&'a MissedRound);
        impl fmt::Display for Zh<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let m = self.0;
                write!(
                    f,
                    "{} {} {}（{}）{} {} {}；责任人：",
                    m.day,
                    m.site,
                    m.site_name,
                    m.unit_label,
                    m.task.label_zh(),
                    m.window,
                    RoundStatus::Missed.label_zh()
                )?;
                if m.responsible_names.is_empty() {
                    f.write_str("无人指定")
                } else {
                    f.write_str(&m.responsible_names.join("、"))
                }
            }
        }
        Zh(self)
    }
}

impl fmt::Display for MissedRound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} ({}): {} {} missed; responsible: ",
            self.day, self.site, self.site_name, self.unit_label, self.task, self.window
        )?;
        if self.responsible_names.is_empty() {
            f.write_str("no one designated")
        } else {
            f.write_str(&self.responsible_names.join(", "))
        }
    }
}
