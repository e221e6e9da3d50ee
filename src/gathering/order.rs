//! Gathering orders (聚集管控令): rules by kind of gathering, with scope and validity.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::GatheringError;
use super::kind::GatheringKind;
use super::label::label_enum;
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::grid::Role;
use crate::ids::{GatheringOrderId, StaffId, UnitId};

label_enum!(
    /// How strictly a rule restricts a gathering, from least to most stringent (the order of
    /// comparison: where rules overlap, the most stringent wins).
    ///
    /// Parsing accepts the English name in any case, the Chinese term, and the aliases
    /// 允许举办 (allowed), 限人数 (limited), 从简 (simplified), 延期/推迟 (postponed), 禁止举办/取消
    /// (prohibited).
    ///
    /// ```
    /// use fangkong::gathering::Stringency;
    /// assert_eq!("缓办".parse::<Stringency>()?, Stringency::Postponed);
    /// assert_eq!("简办".parse::<Stringency>()?, Stringency::Simplified);
    /// assert_eq!("PROHIBITED".parse::<Stringency>()?, Stringency::Prohibited);
    /// assert!(Stringency::Prohibited > Stringency::Postponed);
    /// assert_eq!(Stringency::Limited.label_zh(), "限制人数");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub enum Stringency: "kind of restriction" {
        /// Allowed (允许).
        Allowed => "allowed", "允许", ["允许举办"];
        /// Limited to a number of people (限制人数).
        Limited => "limited", "限制人数", ["限人数", "limited to n people"];
        /// May go ahead simplified (简办).
        Simplified => "simplified", "简办", ["从简"];
        /// Must be postponed (缓办).
        Postponed => "postponed", "缓办", ["延期", "推迟"];
        /// Prohibited (禁止).
        Prohibited => "prohibited", "禁止", ["禁止举办"];
    }
);

label_enum!(
    /// Whom a rule binds.
    ///
    /// Parsing accepts the English name in any case, the Chinese term, and the aliases
    /// 所有人/全体 (everyone), 干部/党员干部 (cadres), 经营单位/商家/经营者 (businesses).
    ///
    /// ```
    /// use fangkong::gathering::Binds;
    /// assert_eq!("干部".parse::<Binds>()?, Binds::Cadres);
    /// assert_eq!("Businesses".parse::<Binds>()?, Binds::Businesses);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub enum Binds: "kind of person bound" {
        /// Everyone (所有人): the household and everyone invited.
        Everyone => "everyone", "全体群众", ["所有人", "全体", "all"];
        /// Cadres only (干部): binds the staff invited, not the household ("cadres may not
        /// attend dinners"). Every role but volunteers counts as a cadre ([`CADRE_ROLES`]).
        Cadres => "cadres", "干部", ["党员干部", "cadres only"];
        /// Businesses (经营单位): binds a gathering held at a registered venue ("catering
        /// businesses may not host group dinners"), not one held at home.
        Businesses => "businesses", "经营单位", ["商家", "经营者", "business"];
    }
);

/// The staff roles a [`Binds::Cadres`] rule binds: every role but volunteers.
pub const CADRE_ROLES: &[Role] = &[
    Role::Leader,
    Role::Cadre,
    Role::GridWorker,
    Role::HealthWorker,
    Role::Inspector,
];

/// What "simplified" (简办) allows: at most so many people, at most so many days, and whether
/// a banquet may be held. `None` leaves an item unlimited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Simplification {
    /// At most this many people.
    pub max_people: Option<u32>,
    /// At most this many days.
    pub max_days: Option<u32>,
    /// Whether a banquet (宴席) may be held.
    pub banquet: bool,
}

impl Simplification {
    /// Simplified with no banquet and no other limit.
    pub fn no_banquet() -> Self {
        Simplification {
            max_people: None,
            max_days: None,
            banquet: false,
        }
    }

    /// At most `people` people.
    pub fn people(mut self, people: u32) -> Self {
        self.max_people = Some(people);
        self
    }

    /// At most `days` days.
    pub fn days(mut self, days: u32) -> Self {
        self.max_days = Some(days);
        self
    }
}

/// What a rule says of the gatherings it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Restriction {
    /// Prohibited (禁止).
    Prohibited,
    /// Must be postponed (缓办).
    Postponed,
    /// May go ahead simplified (简办).
    Simplified(Simplification),
    /// Limited to this many people (限制人数).
    Limited {
        /// The most people allowed.
        max_people: u32,
    },
}

impl Restriction {
    /// How stringent it is.
    pub fn stringency(&self) -> Stringency {
        match self {
            Restriction::Prohibited => Stringency::Prohibited,
            Restriction::Postponed => Stringency::Postponed,
            Restriction::Simplified(_) => Stringency::Simplified,
            Restriction::Limited { .. } => Stringency::Limited,
        }
    }

    /// The largest gathering it still allows now: 0 when prohibited or postponed; `None` when
    /// it sets no number.
    pub fn largest_allowed(&self) -> Option<u32> {
        match self {
            Restriction::Prohibited | Restriction::Postponed => Some(0),
            Restriction::Simplified(s) => s.max_people,
            Restriction::Limited { max_people } => Some(*max_people),
        }
    }
}

impl Restriction {
    /// The kind of restriction in English, lower case, without its limits (`"limited"`).
    pub fn label_en(&self) -> &'static str {
        match self {
            Restriction::Prohibited => "prohibited",
            Restriction::Postponed => "postponed",
            Restriction::Simplified(_) => "simplified",
            Restriction::Limited { .. } => "limited",
        }
    }

    /// The kind of restriction's Chinese term (`禁止`, `缓办`, `简办`, `限制人数`).
    ///
    /// ```
    /// use fangkong::gathering::Restriction;
    /// let r = Restriction::Limited { max_people: 10 };
    /// assert_eq!((r.label_en(), r.label_zh()), ("limited", "限制人数"));
    /// assert_eq!(r.display_zh().to_string(), "限制在10人以内");
    /// ```
    pub fn label_zh(&self) -> &'static str {
        match self {
            Restriction::Prohibited => "禁止",
            Restriction::Postponed => "缓办",
            Restriction::Simplified(_) => "简办",
            Restriction::Limited { .. } => "限制人数",
        }
    }

    /// The restriction with its limits in Chinese (`简办：不超过20人，不超过3天，不办宴席`).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        match self {
            Restriction::Simplified(s) => {
                let mut items = Vec::new();
                if let Some(n) = s.max_people {
                    items.push(format!("不超过{n}人"));
                }
                if let Some(d) = s.max_days {
                    items.push(format!("不超过{d}天"));
                }
                if !s.banquet {
                    items.push("不办宴席".to_owned());
                }
                if items.is_empty() {
                    "简办".to_owned()
                } else {
                    format!("简办：{}", items.join("，"))
                }
            }
            Restriction::Limited { max_people } => format!("限制在{max_people}人以内"),
            other => other.label_zh().to_owned(),
        }
    }
}

impl fmt::Display for Restriction {
    /// `"prohibited"`, `"postponed"`, `"simplified: at most 20 people, at most 3 days, no
    /// banquet"`, `"limited to 50 people"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Restriction::Prohibited => f.write_str("prohibited"),
            Restriction::Postponed => f.write_str("postponed"),
            Restriction::Simplified(s) => {
                let mut items = Vec::new();
                if let Some(n) = s.max_people {
                    items.push(format!("at most {n} people"));
                }
                if let Some(d) = s.max_days {
                    items.push(format!(
                        "at most {d} {}",
                        if d == 1 { "day" } else { "days" }
                    ));
                }
                if !s.banquet {
                    items.push("no banquet".to_owned());
                }
                if items.is_empty() {
                    f.write_str("simplified")
                } else {
                    write!(f, "simplified: {}", items.join(", "))
                }
            }
            Restriction::Limited { max_people } => write!(f, "limited to {max_people} people"),
        }
    }
}

/// A rule of an order: which kinds of gathering, whom it binds, what it says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rule {
    /// The kinds of gathering it covers (at least one).
    pub kinds: Vec<GatheringKind>,
    /// Whom it binds.
    pub binds: Binds,
    /// What it says.
    pub restriction: Restriction,
}

impl Rule {
    /// A rule.
    pub fn new(kinds: Vec<GatheringKind>, binds: Binds, restriction: Restriction) -> Self {
        Rule {
            kinds,
            binds,
            restriction,
        }
    }
}

impl fmt::Display for Rule {
    /// `"wedding: postponed (binds everyone)"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kinds: Vec<&str> = self.kinds.iter().map(GatheringKind::label_en).collect();
        write!(
            f,
            "{}: {} (binds {})",
            kinds.join(", "),
            self.restriction,
            self.binds
        )
    }
}

/// What an order says, apart from where and when: a title and its rules. Named presets hold
/// the article's orders; any terms of your own are checked when issued (at least one rule,
/// each naming a known kind, no limit of zero).
///
/// ```
/// use fangkong::gathering::{Binds, GatheringKind, OrderTerms, Restriction};
/// let article = OrderTerms::article();
/// assert_eq!(article.rules.len(), 5);
/// let dining = OrderTerms::no_collective_dining();
/// assert_eq!(dining.rules[0].restriction, Restriction::Prohibited);
/// assert_eq!(dining.rules[0].binds, Binds::Everyone);
/// assert!(dining.rules[0].kinds.contains(&GatheringKind::COLLECTIVE_DINING));
/// ```
///
/// Terms deserialize as they are: a command carrying them is decided again on replay (and a
/// refused command keeps its terms as given, so they must read back); a
/// [`GatheringOrder`], the record of an issued order, deserializes only through
/// [`check_shape`](OrderTerms::check_shape).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderTerms {
    /// The order's title, as decisions print it.
    pub title: String,
    /// Its rules, numbered from 1 in decisions.
    pub rules: Vec<Rule>,
}

impl OrderTerms {
    /// The checks terms need without a registry, as issuing an order makes them (and as
    /// deserializing a [`GatheringOrder`] makes them): a title, at least one rule, each with at least one
    /// kind of gathering, and no limit of zero people or days. Whether the kinds are defined
    /// is the registry's to check when the order is issued.
    ///
    /// ```
    /// use fangkong::gathering::OrderTerms;
    /// assert!(OrderTerms::article().check_shape().is_ok());
    /// let empty = OrderTerms::new("聚集管控", vec![]);
    /// assert_eq!(empty.check_shape().unwrap_err().code(), "empty_order");
    /// ```
    ///
    /// # Errors
    /// [`Error::TextRequired`] for an empty title; [`GatheringError::EmptyOrder`] for no rule or
    /// a rule with no kind; [`GatheringError::ZeroLimit`] for a limit of 0.
    pub fn check_shape(&self) -> Result<(), Error> {
        self.check_with(|_| Ok(()))
    }

    /// The checks an order's terms pass when it is issued, in their order, with `kind_ok`
    /// deciding whether a kind of gathering is known (the registry's kinds).
    pub(crate) fn check_with(
        &self,
        mut kind_ok: impl FnMut(&GatheringKind) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if self.title.trim().is_empty() {
            return Err(Error::TextRequired {
                what: "the order's title".to_owned(),
            });
        }
        if self.rules.is_empty() {
            return Err(Error::Gathering(GatheringError::EmptyOrder {
                what: "the order".to_owned(),
                item: "rule",
            }));
        }
        for (i, rule) in self.rules.iter().enumerate() {
            let n = i.saturating_add(1);
            if rule.kinds.is_empty() {
                return Err(Error::Gathering(GatheringError::EmptyOrder {
                    what: format!("rule {n} of the order"),
                    item: "kind of gathering",
                }));
            }
            for kind in &rule.kinds {
                kind_ok(kind)?;
            }
            let (people, days) = match rule.restriction {
                Restriction::Simplified(s) => (s.max_people, s.max_days),
                Restriction::Limited { max_people } => (Some(max_people), None),
                Restriction::Prohibited | Restriction::Postponed => (None, None),
            };
            if people == Some(0) {
                return Err(Error::Gathering(GatheringError::ZeroLimit {
                    rule: n,
                    what: "people",
                }));
            }
            if days == Some(0) {
                return Err(Error::Gathering(GatheringError::ZeroLimit {
                    rule: n,
                    what: "days",
                }));
            }
        }
        Ok(())
    }

    /// Terms with a title and rules.
    pub fn new(title: impl Into<String>, rules: Vec<Rule>) -> Self {
        OrderTerms {
            title: title.into(),
            rules,
        }
    }

    /// The dining kinds: collective dining and celebration banquets.
    fn dining() -> Vec<GatheringKind> {
        vec![GatheringKind::COLLECTIVE_DINING, GatheringKind::CELEBRATION]
    }

    /// Article: any form of collective dining is prohibited (禁止举办任何形式的集体聚餐):
    /// collective dining and celebration banquets, prohibited, binding everyone.
    pub fn no_collective_dining() -> Self {
        OrderTerms::new(
            "no collective dining (禁止集体聚餐)",
            vec![Rule::new(
                Self::dining(),
                Binds::Everyone,
                Restriction::Prohibited,
            )],
        )
    }

    /// Article: catering businesses may not take or host group dinners (餐饮单位不得承接聚餐):
    /// collective dining, celebration banquets and weddings, prohibited, binding businesses.
    pub fn no_group_dinners_at_businesses() -> Self {
        OrderTerms::new(
            "catering businesses host no group dinners (餐饮单位不得承接聚餐)",
            vec![Rule::new(
                vec![
                    GatheringKind::COLLECTIVE_DINING,
                    GatheringKind::CELEBRATION,
                    GatheringKind::WEDDING,
                ],
                Binds::Businesses,
                Restriction::Prohibited,
            )],
        )
    }

    /// Article: cadres may not attend dinners (严令干部不能参与聚餐): collective dining,
    /// celebration banquets and weddings, prohibited, binding cadres.
    pub fn no_dinners_for_cadres() -> Self {
        OrderTerms::new(
            "cadres attend no dinners (干部不参与聚餐)",
            vec![Rule::new(
                vec![
                    GatheringKind::COLLECTIVE_DINING,
                    GatheringKind::CELEBRATION,
                    GatheringKind::WEDDING,
                ],
                Binds::Cadres,
                Restriction::Prohibited,
            )],
        )
    }

    /// Article: weddings are postponed (喜事缓办), binding everyone.
    pub fn weddings_postponed() -> Self {
        OrderTerms::new(
            "weddings postponed (喜事缓办)",
            vec![Rule::new(
                vec![GatheringKind::WEDDING],
                Binds::Everyone,
                Restriction::Postponed,
            )],
        )
    }

    /// Article: funerals simplified (丧事简办): no banquet, binding everyone. The article
    /// gives no numbers; add them with [`Simplification::people`] and
    /// [`Simplification::days`] in terms of your own.
    pub fn funerals_simplified() -> Self {
        OrderTerms::new(
            "funerals simplified (丧事简办)",
            vec![Rule::new(
                vec![GatheringKind::FUNERAL],
                Binds::Everyone,
                Restriction::Simplified(Simplification::no_banquet()),
            )],
        )
    }

    /// Public events cancelled: temple fairs, markets (集市) and square dancing prohibited,
    /// binding everyone. Not in the article; common in county notices of early 2020.
    pub fn public_events_cancelled() -> Self {
        OrderTerms::new(
            "public events cancelled (暂停庙会、集市、广场舞)",
            vec![Rule::new(
                vec![
                    GatheringKind::TEMPLE_FAIR,
                    GatheringKind::MARKET,
                    GatheringKind::SQUARE_DANCING,
                ],
                Binds::Everyone,
                Restriction::Prohibited,
            )],
        )
    }

    /// The article's township order as one: the five rules of
    /// [`no_collective_dining`](Self::no_collective_dining),
    /// [`no_group_dinners_at_businesses`](Self::no_group_dinners_at_businesses),
    /// [`no_dinners_for_cadres`](Self::no_dinners_for_cadres),
    /// [`weddings_postponed`](Self::weddings_postponed) and
    /// [`funerals_simplified`](Self::funerals_simplified), in that order.
    pub fn article() -> Self {
        let rules = [
            Self::no_collective_dining(),
            Self::no_group_dinners_at_businesses(),
            Self::no_dinners_for_cadres(),
            Self::weddings_postponed(),
            Self::funerals_simplified(),
        ]
        .into_iter()
        .flat_map(|t| t.rules)
        .collect();
        OrderTerms::new(
            "Huochezhan township: gatherings during the epidemic (火车站乡人员聚集管控)",
            rules,
        )
    }

    /// Every named preset, with its name: `"article"`, `"no-collective-dining"`,
    /// `"no-group-dinners-at-businesses"`, `"no-dinners-for-cadres"`, `"weddings-postponed"`,
    /// `"funerals-simplified"`, `"public-events-cancelled"`.
    pub fn presets() -> Vec<(&'static str, OrderTerms)> {
        vec![
            ("article", Self::article()),
            ("no-collective-dining", Self::no_collective_dining()),
            (
                "no-group-dinners-at-businesses",
                Self::no_group_dinners_at_businesses(),
            ),
            ("no-dinners-for-cadres", Self::no_dinners_for_cadres()),
            ("weddings-postponed", Self::weddings_postponed()),
            ("funerals-simplified", Self::funerals_simplified()),
            ("public-events-cancelled", Self::public_events_cancelled()),
        ]
    }

    /// The preset of this name (see [`presets`](Self::presets)).
    pub fn preset(name: &str) -> Option<OrderTerms> {
        Self::presets()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t)
    }
}

/// A gathering order as the registry holds it: issued by a leader for a unit and everything
/// below it, in force from its first day through its last day, both included, or until
/// lifted. The lift day is the first day on which it no longer applies.
///
/// ```
/// use fangkong::gathering::OrderTerms;
/// use fangkong::synth::{DocTownship, doc_fixture};
///
/// let DocTownship { mut reg, t, leader, .. } = doc_fixture()?;
/// // An order for 2020-01-25 ..= 2020-02-29:
/// let id = reg.issue_gathering_order(leader, t, reg.township(), "2020-01-25".parse()?,
///     Some("2020-02-29".parse()?), OrderTerms::article())?;
/// let order = reg.gathering_order(id).unwrap();
/// assert!(!order.in_force_on("2020-01-24".parse()?));
/// assert!(order.in_force_on("2020-01-25".parse()?));
/// assert!(order.in_force_on("2020-02-29".parse()?));
/// assert!(!order.in_force_on("2020-03-01".parse()?));
/// assert_eq!(order.end().unwrap().to_string(), "2020-03-01");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "GatheringOrderFields")]
#[non_exhaustive]
pub struct GatheringOrder {
    /// Its id.
    pub id: GatheringOrderId,
    /// The unit it was issued for; it applies there and everywhere below.
    pub unit: UnitId,
    /// The leader who issued it.
    pub issued_by: StaffId,
    /// When it was recorded.
    pub issued_at: Instant,
    /// Its first day.
    pub first: Day,
    /// Its last day; `None` until lifted.
    pub last: Option<Day>,
    /// The day it was lifted from (the first day it no longer applies), if lifted.
    pub lifted: Option<Day>,
    /// What it says.
    pub terms: OrderTerms,
}

/// The fields of a [`GatheringOrder`] as a file holds them, before they are checked.
#[derive(Deserialize)]
struct GatheringOrderFields {
    id: GatheringOrderId,
    unit: UnitId,
    issued_by: StaffId,
    issued_at: Instant,
    first: Day,
    last: Option<Day>,
    lifted: Option<Day>,
    terms: OrderTerms,
}

impl TryFrom<GatheringOrderFields> for GatheringOrder {
    type Error = Error;

    /// The checks an order passes when it is issued and lifted: its terms
    /// ([`OrderTerms::check_shape`]), a last day not before its first ([`GatheringError::EndsBeforeStart`], as
    /// issuing says it), and a lift from a day inside its days
    /// ([`GatheringError::LiftOutsideOrder`]).
    fn try_from(f: GatheringOrderFields) -> Result<GatheringOrder, Error> {
        // In the order issuing checks: the title's limits, the dates, then the terms.
        crate::limits::text_field(
            &f.terms.title,
            "the order's title",
            crate::limits::TextKind::Title,
        )?;
        if let Some(last) = f.last.filter(|l| *l < f.first) {
            return Err(Error::Gathering(GatheringError::EndsBeforeStart {
                what: "the order",
                first: f.first,
                last,
            }));
        }
        f.terms.check_shape()?;
        if let Some(day) = f
            .lifted
            .filter(|l| *l < f.first || f.last.is_some_and(|last| *l > last))
        {
            return Err(Error::Gathering(GatheringError::LiftOutsideOrder {
                order: f.id,
                day,
                first: f.first,
                last: f
                    .last
                    .map_or_else(|| "until lifted".to_owned(), |l| l.to_string()),
            }));
        }
        Ok(GatheringOrder {
            id: f.id,
            unit: f.unit,
            issued_by: f.issued_by,
            issued_at: f.issued_at,
            first: f.first,
            last: f.last,
            lifted: f.lifted,
            terms: f.terms,
        })
    }
}

impl fmt::Display for GatheringOrder {
    /// `GO1 "…" at U1 from 2020-01-25 (until lifted): rule 1: …; rule 2: …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} \"{}\" at {} from {}",
            self.id, self.terms.title, self.unit, self.first
        )?;
        match self.end() {
            Some(end) => write!(f, " until {}", end.plus_days(-1).unwrap_or(end))?,
            None => f.write_str(" (until lifted)")?,
        }
        for (i, rule) in self.terms.rules.iter().enumerate() {
            write!(f, "; rule {}: {rule}", i + 1)?;
        }
        Ok(())
    }
}

impl GatheringOrder {
    /// The first day it no longer applies: the day after its last day or its lift day,
    /// whichever comes first; `None` while it runs until further notice.
    pub fn end(&self) -> Option<Day> {
        let after_last = self.last.and_then(Day::next);
        match (after_last, self.lifted) {
            (Some(a), Some(l)) => Some(a.min(l)),
            (a, l) => a.or(l),
        }
    }

    /// Whether it applies on `day`.
    pub fn in_force_on(&self, day: Day) -> bool {
        self.first <= day && self.end().is_none_or(|end| day < end)
    }

    /// An order for the module's unit tests, built without the checks of issuing.
    #[cfg(test)]
    pub(crate) fn for_test(first: Day, last: Option<Day>, terms: OrderTerms) -> Self {
        GatheringOrder {
            id: GatheringOrderId::new(1),
            unit: UnitId::new(1),
            issued_by: StaffId::new(1),
            issued_at: Instant::at(
                first,
                crate::calendar::TimeOfDay::MIDNIGHT,
                crate::calendar::UtcOffset::CHINA,
            ),
            first,
            last,
            lifted: None,
            terms,
        }
    }
}

/// A reference to one rule of one order, as decisions name it: `order GO1 rule 2 ("no
/// collective dining (禁止集体聚餐)")`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RuleRef {
    /// The order.
    pub order: GatheringOrderId,
    /// The rule's number in the order, from 1.
    pub rule: usize,
    /// The order's title.
    pub title: String,
}

impl fmt::Display for RuleRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "order {} rule {} ({:?})",
            self.order, self.rule, self.title
        )
    }
}
