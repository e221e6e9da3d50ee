//! Households (户) and residents (居民).

use crate::value_error::ValueError;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::calendar::Day;
use crate::error::Error;
use crate::identity::{IdentityNumber, Phone, Sex};
use crate::ids::{HouseholdId, ResidentId, UnitId};
use crate::label::{normalize, quote};

/// A household (户), registered in a group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Household {
    /// Its identifier.
    pub id: HouseholdId,
    /// The group (组) it belongs to.
    pub group: UnitId,
    /// Its address, as the village writes it (e.g. `"Qianjin group 3, no. 12"`; boxed text,
    /// issue 14).
    pub address: Box<str>,
    /// Its current members, in the order they were registered or moved in (a boxed slice:
    /// no spare room and 8 bytes less per household, issue 14).
    pub residents: Box<[ResidentId]>,
}

impl Household {
    /// Adds a member at the end.
    pub(crate) fn add_resident(&mut self, resident: ResidentId) {
        let mut members = std::mem::take(&mut self.residents).into_vec();
        members.push(resident);
        self.residents = members.into_boxed_slice();
    }

    /// Removes a member.
    pub(crate) fn remove_resident(&mut self, resident: ResidentId) {
        if self.residents.contains(&resident) {
            let mut members = std::mem::take(&mut self.residents).into_vec();
            members.retain(|r| *r != resident);
            self.residents = members.into_boxed_slice();
        }
    }
}

/// A resident as the registry holds them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Resident {
    /// Their identifier.
    pub id: ResidentId,
    /// The household they belong to (the last one, if deregistered).
    pub household: HouseholdId,
    /// Their details.
    pub details: ResidentDetails,
    /// Why they left the registry, if they did (boxed: few residents leave, and a resident is
    /// 16 bytes smaller, issue 14).
    pub deregistered: Option<Box<DeregistrationReason>>,
}

/// What a clerk records about a resident.
///
/// Any value may be proposed; the registry checks it when it is registered (a non-empty name,
/// a birth date that is not in the future, an identity number that agrees with the sex and
/// birth date given and belongs to no other resident, one head per household).
///
/// `Debug` masks the identity number and phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResidentDetails {
    /// Full name (a boxed text: 8 bytes less per resident than a `String`, issue 14).
    pub name: Box<str>,
    /// Sex.
    pub sex: Sex,
    /// Date of birth.
    pub birth_date: Day,
    /// Resident identity number (居民身份证号码), if known.
    pub identity: Option<IdentityNumber>,
    /// Phone, if any.
    pub phone: Option<Phone>,
    /// Relation to the head of the household (与户主关系).
    pub relation: Relation,
    /// Vulnerabilities that call for extra care.
    #[serde(default)]
    pub vulnerabilities: Vulnerabilities,
}

impl ResidentDetails {
    /// Details with a name, sex, birth date and relation; no identity number or phone, no
    /// vulnerabilities.
    ///
    /// ```
    /// use fangkong::{Relation, ResidentDetails, Sex};
    /// let d = ResidentDetails::new("Wang Fang", Sex::Female, "1961-03-02".parse()?, Relation::Head);
    /// assert!(d.identity.is_none());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn new(name: impl Into<String>, sex: Sex, birth_date: Day, relation: Relation) -> Self {
        ResidentDetails {
            name: name.into().into_boxed_str(),
            sex,
            birth_date,
            identity: None,
            phone: None,
            relation,
            vulnerabilities: Vulnerabilities::default(),
        }
    }

    /// The same details with an identity number.
    pub fn with_identity(mut self, identity: IdentityNumber) -> Self {
        self.identity = Some(identity);
        self
    }

    /// The same details with a phone.
    pub fn with_phone(mut self, phone: Phone) -> Self {
        self.phone = Some(phone);
        self
    }

    /// The same details with vulnerabilities.
    pub fn with_vulnerabilities(mut self, v: Vulnerabilities) -> Self {
        self.vulnerabilities = v;
        self
    }

    /// Age in whole years on `day`.
    pub fn age_on(&self, day: Day) -> u32 {
        let b = self.birth_date;
        let mut age = day.year() - b.year();
        if (day.month(), day.day_of_month()) < (b.month(), b.day_of_month()) {
            age -= 1;
        }
        age.max(0) as u32
    }
}

/// Relation to the head of the household (与户主关系).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Relation {
    /// The head of the household (户主); a household has at most one.
    Head,
    /// Spouse (配偶).
    Spouse,
    /// Son or daughter (子女).
    Child,
    /// Father or mother (父母).
    Parent,
    /// Grandchild (孙子女).
    Grandchild,
    /// Grandparent (祖父母).
    Grandparent,
    /// Brother or sister (兄弟姐妹).
    Sibling,
    /// Son- or daughter-in-law (儿媳/女婿).
    ChildInLaw,
    /// Any other relation, as written.
    Other(String),
}

impl fmt::Display for Relation {
    /// The English name ([`Relation::label_en`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

/// Vulnerabilities (重点关爱) that call for extra care; any combination is valid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Vulnerabilities {
    /// Elderly and living alone (独居老人).
    pub elderly_living_alone: bool,
    /// Serious or chronic illness (重病/慢性病).
    pub serious_illness: bool,
    /// Pregnant (孕妇).
    pub pregnancy: bool,
    /// Disability (残疾).
    pub disability: bool,
}

impl Vulnerabilities {
    /// Whether any flag is set.
    pub fn any(self) -> bool {
        self.elderly_living_alone || self.serious_illness || self.pregnancy || self.disability
    }
}

/// Why a resident left the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeregistrationReason {
    /// Died (死亡).
    Died,
    /// Moved their household registration out of the township (迁出).
    MovedAway,
    /// Registered by mistake (e.g. a duplicate), with an explanation.
    RegisteredInError(String),
}

// --- labels (src/label.rs) ---

/// The fixed relations of [`Relation`], in order.
const RELATIONS: &[Relation] = &[
    Relation::Head,
    Relation::Spouse,
    Relation::Child,
    Relation::Parent,
    Relation::Grandchild,
    Relation::Grandparent,
    Relation::Sibling,
    Relation::ChildInLaw,
];

impl Relation {
    /// The fixed relations, in order (not [`Relation::Other`]).
    pub const ALL: &'static [Relation] = RELATIONS;

    /// The English name, lower case (`"head of household"`); for [`Relation::Other`] the
    /// relation as written. What `Display` prints.
    pub fn label_en(&self) -> &str {
        match self {
            Relation::Head => "head of household",
            Relation::Spouse => "spouse",
            Relation::Child => "child",
            Relation::Parent => "parent",
            Relation::Grandchild => "grandchild",
            Relation::Grandparent => "grandparent",
            Relation::Sibling => "sibling",
            Relation::ChildInLaw => "child-in-law",
            Relation::Other(s) => s,
        }
    }

    /// The Chinese term of the household register (`"户主"`); for [`Relation::Other`] the
    /// relation as written.
    pub fn label_zh(&self) -> &str {
        match self {
            Relation::Head => "户主",
            Relation::Spouse => "配偶",
            Relation::Child => "子女",
            Relation::Parent => "父母",
            Relation::Grandchild => "孙子女",
            Relation::Grandparent => "祖父母",
            Relation::Sibling => "兄弟姐妹",
            Relation::ChildInLaw => "儿媳/女婿",
            Relation::Other(s) => s,
        }
    }

    fn aliases(&self) -> &'static [&'static str] {
        match self {
            Relation::Head => &["head", "householder", "本人"],
            Relation::Spouse => &["wife", "husband", "妻", "夫", "妻子", "丈夫"],
            Relation::Child => &[
                "son", "daughter", "子", "女", "儿子", "女儿", "长子", "长女", "次子", "次女",
            ],
            Relation::Parent => &["father", "mother", "父亲", "母亲"],
            Relation::Grandchild => &[
                "grandson",
                "granddaughter",
                "孙子",
                "孙女",
                "外孙",
                "外孙女",
                "外孙子女",
            ],
            Relation::Grandparent => &[
                "grandfather",
                "grandmother",
                "祖父",
                "祖母",
                "外祖父",
                "外祖母",
                "外祖父母",
            ],
            Relation::Sibling => &["brother", "sister", "兄", "弟", "姐", "妹", "兄弟", "姐妹"],
            Relation::ChildInLaw => &[
                "daughter-in-law",
                "son-in-law",
                "儿媳",
                "女婿",
                "媳妇",
                "儿媳妇",
            ],
            Relation::Other(_) => &[],
        }
    }
}

impl FromStr for Relation {
    type Err = Error;

    /// A fixed relation by its English name, Chinese term or an alias (`"wife"`, `"儿子"`,
    /// `"外孙女"`…); any other non-empty text is [`Relation::Other`] as written (trimmed),
    /// since the household register allows any relation (`"侄子"`, `"lodger"`).
    ///
    /// # Errors
    /// [`Error::TextRequired`] for empty or blank text.
    fn from_str(s: &str) -> Result<Relation, Error> {
        let raw = s.trim();
        if raw.is_empty() {
            return Err(Error::TextRequired {
                what: "the relation to the head of the household (与户主关系)".to_owned(),
            });
        }
        let names = |r: &Relation| {
            [r.label_en(), r.label_zh()]
                .into_iter()
                .chain(r.aliases().iter().copied())
                .any(|n| normalize(n) == normalize(raw))
        };
        Ok(RELATIONS
            .iter()
            .find(|r| names(r))
            .cloned()
            .unwrap_or_else(|| Relation::Other(raw.to_owned())))
    }
}

impl DeregistrationReason {
    /// The English name, lower case, without the explanation (`"registered in error"`).
    pub fn label_en(&self) -> &'static str {
        match self {
            DeregistrationReason::Died => "died",
            DeregistrationReason::MovedAway => "moved away",
            DeregistrationReason::RegisteredInError(_) => "registered in error",
        }
    }

    /// The Chinese term, without the explanation (`"误登"`).
    pub fn label_zh(&self) -> &'static str {
        match self {
            DeregistrationReason::Died => "死亡",
            DeregistrationReason::MovedAway => "迁出",
            DeregistrationReason::RegisteredInError(_) => "误登",
        }
    }
}

impl fmt::Display for DeregistrationReason {
    /// `"died"`, `"moved away"`, `"registered in error: duplicate of R3"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeregistrationReason::RegisteredInError(why) => {
                write!(f, "{}: {why}", self.label_en())
            }
            other => f.write_str(other.label_en()),
        }
    }
}

impl FromStr for DeregistrationReason {
    type Err = Error;

    /// `"died"` (`"死亡"`, `"dead"`, `"deceased"`, `"去世"`), `"moved away"` (`"迁出"`,
    /// `"moved out"`, `"户口迁出"`), or `"registered in error: <explanation>"` (`"误登：重复登记"`;
    /// also `"登记错误"`, `"duplicate"` as the kind), either colon.
    ///
    /// # Errors
    /// [`ValueError::UnknownLabel`](crate::value_error::ValueError::UnknownLabel) for another reason, or a registration in error without its
    /// explanation.
    fn from_str(s: &str) -> Result<DeregistrationReason, Error> {
        const IN_ERROR: &[&str] = &["registered in error", "误登", "登记错误", "duplicate"];
        let unknown = || {
            Error::Value(ValueError::UnknownLabel {
                what: "reason for deregistration",
                input: quote(s),
                expected: "died (死亡), moved away (迁出), registered in error: <explanation> \
                       (误登：<说明>)"
                    .to_owned(),
            })
        };
        let (kind, why) = match s.split_once([':', '：']) {
            Some((k, w)) => (k, Some(w.trim())),
            None => (s, None),
        };
        let kind = normalize(kind);
        let is = |names: &[&str]| names.iter().any(|n| normalize(n) == kind);
        match why {
            None if is(&["died", "死亡", "dead", "deceased", "去世"]) => {
                Ok(DeregistrationReason::Died)
            }
            None if is(&["moved away", "迁出", "moved out", "户口迁出"]) => {
                Ok(DeregistrationReason::MovedAway)
            }
            Some(why) if !why.is_empty() && is(IN_ERROR) => {
                Ok(DeregistrationReason::RegisteredInError(why.to_owned()))
            }
            _ => Err(unknown()),
        }
    }
}
