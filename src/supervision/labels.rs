//! The labelled values of supervision: modes, outcomes, checklist items and the forms of
//! accountability, each with its English and Chinese name.
//!
//! Every label parses from its English name in any case (spaces, `_` and `-` alike) and from its
//! Chinese term; aliases are listed on each variant.

use crate::supervision::SupervisionError;
use crate::value_error::ValueError;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::label::{normalize, parse_label, quote};

/// Defines a fieldless label enum with `ALL`, `label_en`, `label_zh`, `Display` and `FromStr`.
macro_rules! label_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $en:literal, $zh:literal $(, [$($alias:literal),*])? ; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        crate::label::labels!($name: $what, with_display {
            $( $variant => $en, $zh $(, [$($alias),*])?; )+
        });
    };
}

label_enum!(
    /// How an inspection is made (明察暗访).
    ///
    /// ```
    /// use fangkong::supervision::InspectionMode;
    /// assert_eq!("Covert".parse::<InspectionMode>()?, InspectionMode::Covert);
    /// assert_eq!("明察".parse::<InspectionMode>()?, InspectionMode::Open);
    /// assert_eq!(InspectionMode::Covert.label_zh(), "暗访");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    InspectionMode, "mode of inspection" {
        /// An open inspection (明查), announced. Aliases: `明察`, `announced`.
        Open => "open", "明查", ["明察", "announced"];
        /// A covert inspection (暗访), unannounced. Aliases: `暗查`, `unannounced`.
        Covert => "covert", "暗访", ["暗查", "unannounced"];
    }
);

label_enum!(
    /// Whether a checklist item passed (合格) or failed (不合格).
    ///
    /// ```
    /// use fangkong::supervision::ItemOutcome;
    /// assert_eq!("FAILED".parse::<ItemOutcome>()?, ItemOutcome::Failed);
    /// assert_eq!("合格".parse::<ItemOutcome>()?, ItemOutcome::Passed);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ItemOutcome, "checklist outcome" {
        /// The item passed (合格). Aliases: `pass`, `通过`.
        Passed => "passed", "合格", ["pass", "通过"];
        /// The item failed (不合格). Aliases: `fail`, `未通过`.
        Failed => "failed", "不合格", ["fail", "未通过"];
    }
);

label_enum!(
    /// A form of accountability on an organisation (对党组织的问责方式), CCP Accountability
    /// Regulations 2019 art. 8.
    ///
    /// ```
    /// use fangkong::supervision::OrganisationForm;
    /// assert_eq!("改组".parse::<OrganisationForm>()?, OrganisationForm::Reorganisation);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    OrganisationForm, "form of accountability on an organisation" {
        /// Ordered to make an inspection (检查), i.e. a written self-examination.
        /// Alias: `self examination`.
        Inspection => "inspection", "检查", ["self examination"];
        /// Circulated notice of criticism (通报). Aliases: `notice`, `通报批评`.
        CirculatedNotice => "circulated notice", "通报", ["notice", "通报批评"];
        /// Reorganisation (改组).
        Reorganisation => "reorganisation", "改组", ["reorganization"];
    }
);

label_enum!(
    /// How an admonition (诫勉) is given.
    ///
    /// ```
    /// use fangkong::supervision::AdmonitionManner;
    /// assert_eq!("书面".parse::<AdmonitionManner>()?, AdmonitionManner::Written);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    AdmonitionManner, "manner of admonition" {
        /// By talking (口头诫勉, 谈话诫勉). Aliases: `口头诫勉`, `谈话`.
        Oral => "oral", "口头", ["口头诫勉", "谈话"];
        /// In writing (书面诫勉). Alias: `书面诫勉`.
        Written => "written", "书面", ["书面诫勉"];
    }
);

label_enum!(
    /// Organisational handling of a cadre (组织处理, 组织调整). Admonition (诫勉) is not one.
    ///
    /// ```
    /// use fangkong::supervision::OrganisationalHandling;
    /// assert_eq!("免职".parse::<OrganisationalHandling>()?, OrganisationalHandling::Removal);
    /// assert_eq!("Suspension for Review".parse::<OrganisationalHandling>()?.label_zh(), "停职检查");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    OrganisationalHandling, "form of organisational handling" {
        /// Suspension for review (停职检查). Alias: `suspension`.
        SuspensionForReview => "suspension for review", "停职检查", ["suspension"];
        /// Reassignment (调整职务). Alias: `调职`.
        Reassignment => "reassignment", "调整职务", ["调职"];
        /// Ordered to resign (责令辞职). Alias: `ordered to resign`.
        OrderedResignation => "ordered resignation", "责令辞职", ["ordered to resign"];
        /// Removal from post (免职). Alias: `removal from post`.
        Removal => "removal", "免职", ["removal from post"];
        /// Demotion (降职).
        Demotion => "demotion", "降职";
    }
);

label_enum!(
    /// A government sanction (政务处分) for staff who are not party members.
    ///
    /// ```
    /// use fangkong::supervision::GovernmentSanction;
    /// assert_eq!("记大过".parse::<GovernmentSanction>()?, GovernmentSanction::MajorDemerit);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    GovernmentSanction, "government sanction" {
        /// Warning (警告).
        Warning => "warning", "警告";
        /// Demerit (记过).
        Demerit => "demerit", "记过";
        /// Major demerit (记大过).
        MajorDemerit => "major demerit", "记大过";
        /// Demotion in grade (降级).
        Demotion => "demotion", "降级";
        /// Dismissal from post (撤职).
        DismissalFromPost => "dismissal from post", "撤职", ["dismissal"];
        /// Expulsion from public employment (开除).
        Expulsion => "expulsion", "开除";
    }
);

label_enum!(
    /// The category an accountability decision counts in. Admonition and organisational
    /// handling are kept apart (诫勉 is not 组织处理).
    ///
    /// ```
    /// use fangkong::supervision::FormCategory;
    /// assert_eq!("组织处理".parse::<FormCategory>()?, FormCategory::OrganisationalHandling);
    /// assert_ne!("诫勉".parse::<FormCategory>()?, FormCategory::OrganisationalHandling);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    FormCategory, "category of accountability" {
        /// Accountability of an organisation: inspection, circulated notice, reorganisation
        /// (对党组织问责). Alias: `organisation`.
        Organisation => "accountability of an organisation", "组织问责", ["organisation", "organization"];
        /// A circulated notice on a cadre (通报).
        CirculatedNotice => "circulated notice", "通报", ["notice", "通报批评"];
        /// Admonition (诫勉).
        Admonition => "admonition", "诫勉";
        /// Organisational handling (组织处理). Alias: `组织调整`, `organizational handling`.
        OrganisationalHandling => "organisational handling", "组织处理", ["组织调整", "organizational handling"];
        /// Party discipline (党纪处分). Alias: `纪律处分`.
        PartyDiscipline => "party discipline", "党纪处分", ["纪律处分"];
        /// Government sanction (政务处分).
        GovernmentSanction => "government sanction", "政务处分";
    }
);

/// The length of a party probation (留党察看): 1 to 24 months (at most two years).
///
/// ```
/// use fangkong::supervision::ProbationMonths;
/// assert_eq!(ProbationMonths::new(24)?.get(), 24);
/// assert_eq!(
///     ProbationMonths::new(25).unwrap_err().to_string(),
///     "party probation (留党察看) lasts 1 to 24 months (at most two years); 25 months is not allowed"
/// );
/// assert!(ProbationMonths::new(0).is_err());
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct ProbationMonths(u8);

impl ProbationMonths {
    /// The longest probation: 24 months.
    pub const MAX: u32 = 24;

    /// A probation of `months` months.
    ///
    /// # Errors
    /// [`SupervisionError::InvalidProbation`](crate::supervision::SupervisionError::InvalidProbation) for 0 or more than 24 months.
    pub fn new(months: u32) -> Result<ProbationMonths, Error> {
        match u8::try_from(months) {
            Ok(m) if (1..=24).contains(&m) => Ok(ProbationMonths(m)),
            _ => Err(Error::Supervision(SupervisionError::InvalidProbation {
                months,
            })),
        }
    }

    /// The number of months.
    pub fn get(self) -> u32 {
        u32::from(self.0)
    }
}

impl TryFrom<u32> for ProbationMonths {
    type Error = Error;
    fn try_from(months: u32) -> Result<Self, Error> {
        ProbationMonths::new(months)
    }
}

impl From<ProbationMonths> for u32 {
    fn from(m: ProbationMonths) -> u32 {
        m.get()
    }
}

/// Party discipline (党纪处分).
///
/// Parses from `"warning"`, `"serious warning"`, `"removal from party posts"`, `"expulsion"`,
/// `"probation 12 months"` (also `"probation (12 months)"`) or the Chinese terms
/// (`"留党察看12个月"`).
///
/// ```
/// use fangkong::supervision::{PartyDiscipline, ProbationMonths};
/// let p: PartyDiscipline = "留党察看24个月".parse()?;
/// assert_eq!(p, PartyDiscipline::Probation(ProbationMonths::new(24)?));
/// assert_eq!(p.to_string(), "probation (24 months)");
/// assert!("probation 25 months".parse::<PartyDiscipline>().is_err());
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PartyDiscipline {
    /// Warning (警告).
    Warning,
    /// Serious warning (严重警告).
    SeriousWarning,
    /// Removal from party posts (撤销党内职务).
    RemovalFromPartyPosts,
    /// Probation within the party (留党察看), 1 to 24 months.
    Probation(ProbationMonths),
    /// Expulsion from the party (开除党籍).
    Expulsion,
}

impl PartyDiscipline {
    const SIMPLE: &'static [PartyDiscipline] = &[
        PartyDiscipline::Warning,
        PartyDiscipline::SeriousWarning,
        PartyDiscipline::RemovalFromPartyPosts,
        PartyDiscipline::Expulsion,
    ];

    /// The English name, lower case, without the months of a probation.
    pub fn label_en(self) -> &'static str {
        match self {
            PartyDiscipline::Warning => "warning",
            PartyDiscipline::SeriousWarning => "serious warning",
            PartyDiscipline::RemovalFromPartyPosts => "removal from party posts",
            PartyDiscipline::Probation(_) => "probation",
            PartyDiscipline::Expulsion => "expulsion",
        }
    }

    /// The Chinese term, without the months of a probation.
    pub fn label_zh(self) -> &'static str {
        match self {
            PartyDiscipline::Warning => "警告",
            PartyDiscipline::SeriousWarning => "严重警告",
            PartyDiscipline::RemovalFromPartyPosts => "撤销党内职务",
            PartyDiscipline::Probation(_) => "留党察看",
            PartyDiscipline::Expulsion => "开除党籍",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            PartyDiscipline::Expulsion => &["expulsion from the party"],
            _ => &[],
        }
    }
}

impl fmt::Display for PartyDiscipline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartyDiscipline::Probation(m) => write!(f, "probation ({} months)", m.get()),
            other => f.write_str(other.label_en()),
        }
    }
}

impl FromStr for PartyDiscipline {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let raw = s.trim();
        let rest = raw
            .get(..9)
            .filter(|p| p.eq_ignore_ascii_case("probation"))
            .and_then(|_| raw.get(9..))
            .or_else(|| raw.strip_prefix("留党察看"));
        if let Some(rest) = rest {
            let digits: String = rest
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim_end_matches("个月")
                .trim_end_matches("months")
                .trim_end_matches("month")
                .trim()
                .to_owned();
            return match digits.parse::<u32>() {
                Ok(m) => Ok(PartyDiscipline::Probation(ProbationMonths::new(m)?)),
                Err(_) => Err(Error::Value(ValueError::UnknownLabel {
                    what: "party discipline",
                    input: quote(s),
                    expected: "probation with its months, such as \"probation 12 months\" (留党察看12个月)".to_owned(),
                })),
            };
        }
        parse_label(s, "party discipline", Self::SIMPLE, |v: PartyDiscipline| {
            (v.label_en(), v.label_zh(), v.aliases())
        })
        .map_err(|e| match e {
            ValueError::UnknownLabel {
                what,
                input,
                expected,
            } => Error::Value(ValueError::UnknownLabel {
                what,
                input,
                expected: format!("{expected}, probation N months (留党察看N个月)"),
            }),
            other => Error::from(other),
        })
    }
}

/// A form of accountability on a cadre (对党员领导干部的问责方式), CCP Accountability
/// Regulations 2019 art. 8, plus government sanctions (政务处分) for staff outside the party.
///
/// Text form: `"circulated notice"`, `"admonition: oral"`, `"organisational handling: removal"`,
/// `"party discipline: probation (12 months)"`, `"government sanction: demerit"`; Chinese
/// `"通报"`, `"诫勉：口头"`, `"组织处理：免职"`, `"党纪处分：留党察看12个月"`, `"政务处分：记过"`
/// (either colon). The category may be left out where the form names it alone: `"免职"`,
/// `"口头诫勉"`, `"开除党籍"`.
///
/// ```
/// use fangkong::supervision::{CadreForm, FormCategory, OrganisationalHandling};
/// let f: CadreForm = "组织处理：免职".parse()?;
/// assert_eq!(f, CadreForm::OrganisationalHandling(OrganisationalHandling::Removal));
/// assert_eq!(f.to_string(), "organisational handling: removal");
/// assert_eq!(f.display_zh().to_string(), "组织处理：免职");
/// assert_eq!("admonition: written".parse::<CadreForm>()?.category(), FormCategory::Admonition);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CadreForm {
    /// Circulated notice (通报).
    CirculatedNotice,
    /// Admonition (诫勉), oral or written. Not organisational handling.
    Admonition(AdmonitionManner),
    /// Organisational handling (组织处理).
    OrganisationalHandling(OrganisationalHandling),
    /// Party discipline (党纪处分).
    PartyDiscipline(PartyDiscipline),
    /// Government sanction (政务处分), for staff who are not party members.
    GovernmentSanction(GovernmentSanction),
}

impl CadreForm {
    /// The category this form counts in.
    pub fn category(self) -> FormCategory {
        match self {
            CadreForm::CirculatedNotice => FormCategory::CirculatedNotice,
            CadreForm::Admonition(_) => FormCategory::Admonition,
            CadreForm::OrganisationalHandling(_) => FormCategory::OrganisationalHandling,
            CadreForm::PartyDiscipline(_) => FormCategory::PartyDiscipline,
            CadreForm::GovernmentSanction(_) => FormCategory::GovernmentSanction,
        }
    }

    /// The Chinese term: category, then form (`"组织处理：免职"`). (A composed name, so a
    /// `display_zh` rather than a `label_zh`; `Display` gives the English.)
    pub fn display_zh(self) -> impl fmt::Display {
        let cat = self.category().label_zh();
        match self {
            CadreForm::CirculatedNotice => cat.to_owned(),
            CadreForm::Admonition(m) => format!("{cat}：{}", m.label_zh()),
            CadreForm::OrganisationalHandling(h) => format!("{cat}：{}", h.label_zh()),
            CadreForm::PartyDiscipline(PartyDiscipline::Probation(m)) => {
                format!("{cat}：留党察看{}个月", m.get())
            }
            CadreForm::PartyDiscipline(p) => format!("{cat}：{}", p.label_zh()),
            CadreForm::GovernmentSanction(g) => format!("{cat}：{}", g.label_zh()),
        }
    }
}

impl fmt::Display for CadreForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cat = self.category().label_en();
        match self {
            CadreForm::CirculatedNotice => f.write_str(cat),
            CadreForm::Admonition(m) => write!(f, "{cat}: {m}"),
            CadreForm::OrganisationalHandling(h) => write!(f, "{cat}: {h}"),
            CadreForm::PartyDiscipline(p) => write!(f, "{cat}: {p}"),
            CadreForm::GovernmentSanction(g) => write!(f, "{cat}: {g}"),
        }
    }
}

impl FromStr for CadreForm {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let raw = s.trim();
        let unknown = || {
            Error::Value(ValueError::UnknownLabel {
            what: "form of accountability on a cadre",
            input: quote(s),
            expected: "circulated notice (通报), admonition: oral|written (诫勉：口头|书面), \
                       organisational handling: … (组织处理：…), party discipline: … (党纪处分：…), \
                       government sanction: … (政务处分：…)"
                .to_owned(),
        })
        };
        if let Some((cat, form)) = raw.split_once([':', '：']) {
            let form = form.trim();
            return match cat.parse::<FormCategory>().map_err(|_| unknown())? {
                FormCategory::Admonition => {
                    form.parse().map(CadreForm::Admonition).map_err(Error::from)
                }
                FormCategory::OrganisationalHandling => form
                    .parse()
                    .map(CadreForm::OrganisationalHandling)
                    .map_err(Error::from),
                FormCategory::PartyDiscipline => form.parse().map(CadreForm::PartyDiscipline),
                FormCategory::GovernmentSanction => form
                    .parse()
                    .map(CadreForm::GovernmentSanction)
                    .map_err(Error::from),
                _ => Err(unknown()),
            };
        }
        // Forms that name their category alone.
        if let Ok(FormCategory::CirculatedNotice) = raw.parse::<FormCategory>() {
            return Ok(CadreForm::CirculatedNotice);
        }
        if let Some(m) = raw
            .strip_suffix("诫勉")
            .or_else(|| normalize(raw).strip_suffix(" admonition").map(|_| raw))
        {
            let manner = m.split_whitespace().next().unwrap_or("");
            return manner
                .parse()
                .map(CadreForm::Admonition)
                .map_err(|_| unknown());
        }
        if let Ok(h) = raw.parse() {
            return Ok(CadreForm::OrganisationalHandling(h));
        }
        match raw {
            "严重警告" | "撤销党内职务" | "开除党籍" => {
                return raw.parse().map(CadreForm::PartyDiscipline);
            }
            _ if raw.starts_with("留党察看") => {
                return raw.parse().map(CadreForm::PartyDiscipline);
            }
            "记过" | "记大过" | "降级" | "撤职" => {
                return raw
                    .parse()
                    .map(CadreForm::GovernmentSanction)
                    .map_err(Error::from);
            }
            _ => {}
        }
        Err(unknown())
    }
}

/// An item of an inspection's checklist (检查项目): one of the article's presets, or an item
/// of the inspectors' own, by name.
///
/// Parses from the English name in any case or the Chinese term; any other non-empty text is
/// a custom item of that name, so a custom item named like a preset *is* the preset.
///
/// Unchecked input: an item travels in commands, and a refused command must read back from the
/// ledger as it was given, so `Custom("")` builds and deserializes; recording an inspection
/// refuses a custom item without a name with [`Error::TextRequired`](crate::Error::TextRequired)
/// (parsing refuses empty text too).
///
/// ```
/// use fangkong::supervision::ChecklistItem;
/// assert_eq!("Staff on post".parse::<ChecklistItem>()?, ChecklistItem::StaffOnPost);
/// assert_eq!("人员在岗".parse::<ChecklistItem>()?, ChecklistItem::StaffOnPost);
/// assert_eq!(
///     "masks at the checkpoint".parse::<ChecklistItem>()?,
///     ChecklistItem::Custom("masks at the checkpoint".into())
/// );
/// assert_eq!(ChecklistItem::PRESETS.len(), 7);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChecklistItem {
    /// Staff on post (人员在岗): cadres and grid workers at their posts and checkpoints.
    /// Alias: `在岗`.
    StaffOnPost,
    /// Door-to-door screening done (摸底排查). Alias: `排查`, `screening`.
    ScreeningDone,
    /// People under observation followed up (医学观察跟进): readings on time, visits made.
    /// Alias: `observation followed up`.
    ObservationsFollowedUp,
    /// Gatherings discouraged (劝导聚集): dinners, weddings, funerals persuaded.
    /// Alias: `劝导`.
    GatheringsDiscouraged,
    /// Venues closed (场所关停): teahouses, markets, entertainment and catering venues.
    /// Alias: `关停`.
    VenuesClosed,
    /// Disinfection done (消毒消杀). Alias: `消毒`, `消杀`.
    DisinfectionDone,
    /// Daily report submitted (日报告), zero reports included. Alias: `日报`, `零报告`.
    DailyReportSubmitted,
    /// An item of the inspectors' own, by name.
    Custom(String),
}

impl ChecklistItem {
    /// The article's seven items, in order.
    pub const PRESETS: &'static [ChecklistItem] = &[
        ChecklistItem::StaffOnPost,
        ChecklistItem::ScreeningDone,
        ChecklistItem::ObservationsFollowedUp,
        ChecklistItem::GatheringsDiscouraged,
        ChecklistItem::VenuesClosed,
        ChecklistItem::DisinfectionDone,
        ChecklistItem::DailyReportSubmitted,
    ];

    /// A custom item of this name, or the preset the name names.
    ///
    /// # Errors
    /// [`Error::TextRequired`] for an empty name.
    pub fn named(name: &str) -> Result<ChecklistItem, Error> {
        name.parse()
    }

    /// The English name (a custom item's own name).
    pub fn label_en(&self) -> &str {
        match self {
            ChecklistItem::StaffOnPost => "staff on post",
            ChecklistItem::ScreeningDone => "screening done",
            ChecklistItem::ObservationsFollowedUp => "observations followed up",
            ChecklistItem::GatheringsDiscouraged => "gatherings discouraged",
            ChecklistItem::VenuesClosed => "venues closed",
            ChecklistItem::DisinfectionDone => "disinfection done",
            ChecklistItem::DailyReportSubmitted => "daily report submitted",
            ChecklistItem::Custom(name) => name,
        }
    }

    /// The Chinese term (a custom item's own name).
    pub fn label_zh(&self) -> &str {
        match self {
            ChecklistItem::StaffOnPost => "人员在岗",
            ChecklistItem::ScreeningDone => "摸底排查",
            ChecklistItem::ObservationsFollowedUp => "医学观察跟进",
            ChecklistItem::GatheringsDiscouraged => "劝导聚集",
            ChecklistItem::VenuesClosed => "场所关停",
            ChecklistItem::DisinfectionDone => "消毒消杀",
            ChecklistItem::DailyReportSubmitted => "日报告",
            ChecklistItem::Custom(name) => name,
        }
    }

    fn aliases(&self) -> &'static [&'static str] {
        match self {
            ChecklistItem::StaffOnPost => &["在岗"],
            ChecklistItem::ScreeningDone => &["排查", "screening"],
            ChecklistItem::ObservationsFollowedUp => &["observation followed up"],
            ChecklistItem::GatheringsDiscouraged => &["劝导"],
            ChecklistItem::VenuesClosed => &["关停"],
            ChecklistItem::DisinfectionDone => &["消毒", "消杀"],
            ChecklistItem::DailyReportSubmitted => &["日报", "零报告"],
            ChecklistItem::Custom(_) => &[],
        }
    }

    /// Whether this is one of the seven presets.
    pub fn is_preset(&self) -> bool {
        !matches!(self, ChecklistItem::Custom(_))
    }
}

impl fmt::Display for ChecklistItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

impl FromStr for ChecklistItem {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let wanted = normalize(s);
        let raw = s.trim();
        if raw.is_empty() {
            return Err(Error::TextRequired {
                what: "the name of a checklist item".to_owned(),
            });
        }
        for item in ChecklistItem::PRESETS {
            if wanted == item.label_en()
                || raw == item.label_zh()
                || item.aliases().iter().any(|a| wanted == *a || raw == *a)
            {
                return Ok(item.clone());
            }
        }
        Ok(ChecklistItem::Custom(raw.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_round_trips_through_english_and_chinese() {
        for m in InspectionMode::ALL {
            assert_eq!(
                m.to_string().to_uppercase().parse::<InspectionMode>(),
                Ok(*m)
            );
            assert_eq!(m.label_zh().parse::<InspectionMode>(), Ok(*m));
        }
        for h in OrganisationalHandling::ALL {
            assert_eq!(h.to_string().parse::<OrganisationalHandling>(), Ok(*h));
            assert_eq!(h.label_zh().parse::<OrganisationalHandling>(), Ok(*h));
            let f = CadreForm::OrganisationalHandling(*h);
            assert_eq!(f.to_string().parse::<CadreForm>(), Ok(f));
            assert_eq!(f.display_zh().to_string().parse::<CadreForm>(), Ok(f));
        }
        for g in GovernmentSanction::ALL {
            let f = CadreForm::GovernmentSanction(*g);
            assert_eq!(f.to_string().parse::<CadreForm>(), Ok(f));
            assert_eq!(f.display_zh().to_string().parse::<CadreForm>(), Ok(f));
        }
        for o in OrganisationForm::ALL {
            assert_eq!(o.label_zh().parse::<OrganisationForm>(), Ok(*o));
        }
        for c in FormCategory::ALL {
            assert_eq!(c.to_string().parse::<FormCategory>(), Ok(*c));
            assert_eq!(c.label_zh().parse::<FormCategory>(), Ok(*c));
        }
        for item in ChecklistItem::PRESETS {
            assert_eq!(item.to_string().parse::<ChecklistItem>().as_ref(), Ok(item));
            assert_eq!(item.label_zh().parse::<ChecklistItem>().as_ref(), Ok(item));
        }
        let p = PartyDiscipline::Probation(ProbationMonths::new(12).unwrap());
        for text in [
            "probation (12 months)",
            "Probation 12 months",
            "留党察看12个月",
            "party discipline: probation (12 months)",
        ] {
            let parsed = text
                .parse::<PartyDiscipline>()
                .or_else(|_| text.parse::<CadreForm>().map(|_| p));
            assert_eq!(parsed, Ok(p), "{text}");
        }
        let f = CadreForm::PartyDiscipline(p);
        assert_eq!(f.to_string().parse::<CadreForm>(), Ok(f));
        assert_eq!(f.display_zh().to_string().parse::<CadreForm>(), Ok(f));
        for a in AdmonitionManner::ALL {
            let f = CadreForm::Admonition(*a);
            assert_eq!(f.to_string().parse::<CadreForm>(), Ok(f));
            assert_eq!(f.display_zh().to_string().parse::<CadreForm>(), Ok(f));
        }
        assert_eq!(
            "口头诫勉".parse::<CadreForm>(),
            Ok(CadreForm::Admonition(AdmonitionManner::Oral))
        );
        assert_eq!(
            "written admonition".parse::<CadreForm>(),
            Ok(CadreForm::Admonition(AdmonitionManner::Written))
        );
        assert_eq!(
            "开除党籍".parse::<CadreForm>(),
            Ok(CadreForm::PartyDiscipline(PartyDiscipline::Expulsion))
        );
    }

    #[test]
    fn unknown_labels_say_what_is_accepted() {
        assert_eq!(
            "sneaky".parse::<InspectionMode>().unwrap_err().to_string(),
            "\"sneaky\" is not a mode of inspection; write one of: open (明查), covert (暗访)"
        );
        assert_eq!(
            "probation 25 months".parse::<PartyDiscipline>(),
            Err(Error::Supervision(SupervisionError::InvalidProbation {
                months: 25
            }))
        );
        assert!("probation".parse::<PartyDiscipline>().is_err());
        assert!("".parse::<ChecklistItem>().is_err());
    }

    #[test]
    fn probation_serde_goes_through_validation() {
        let ok: ProbationMonths = serde_json::from_str("24").unwrap();
        assert_eq!(ok.get(), 24);
        assert!(serde_json::from_str::<ProbationMonths>("25").is_err());
        assert!(serde_json::from_str::<ProbationMonths>("0").is_err());
    }
}
