//! Households (户) and residents (居民).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::identity::{IdentityNumber, Phone, Sex};
use crate::{Day, HouseholdId, ResidentId, UnitId};

/// A household (户), registered in a group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
