//! Accountability decisions (问责决定) and their counts.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::SupervisionError;
use super::labels::{CadreForm, FormCategory, OrganisationForm};
use crate::calendar::Day;
use crate::grid::{StaffRef, UnitRef};
use crate::ids::{AccountabilityId, FindingId, StaffId, UnitId};
use crate::value_error::add_counts;

/// Who is held accountable, and in which form.
///
/// ```
/// use fangkong::{StaffId, UnitId};
/// use fangkong::supervision::{Accountable, FormCategory, OrganisationForm};
/// let a = Accountable::Cadre { staff: StaffId::new(7), form: "组织处理：免职".parse()? };
/// assert_eq!(a.category(), FormCategory::OrganisationalHandling);
/// assert_eq!(a.to_string(), "organisational handling: removal of S7");
/// let o = Accountable::Organisation { unit: UnitId::new(3), form: OrganisationForm::Reorganisation };
/// assert_eq!(o.to_string(), "reorganisation of U3");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Accountable {
    /// An organisation (党组织), named by its unit.
    Organisation {
        /// The unit.
        unit: UnitId,
        /// The form.
        form: OrganisationForm,
    },
    /// A cadre (a member of staff).
    Cadre {
        /// Who.
        staff: StaffId,
        /// The form.
        form: CadreForm,
    },
}

impl Accountable {
    /// The category the decision counts in.
    pub fn category(&self) -> FormCategory {
        match self {
            Accountable::Organisation { .. } => FormCategory::Organisation,
            Accountable::Cadre { form, .. } => form.category(),
        }
    }

    /// The form the decision takes, for rendering it alone: [`Decision`] rows print it in
    /// English with its Chinese term beside it.
    ///
    /// ```
    /// use fangkong::StaffId;
    /// use fangkong::supervision::Accountable;
    /// let a = Accountable::Cadre { staff: StaffId::new(7), form: "组织处理：免职".parse()? };
    /// assert_eq!(a.form().to_string(), "organisational handling: removal");
    /// assert_eq!(a.form().display_zh().to_string(), "组织处理：免职");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn form(&self) -> DecisionForm {
        match *self {
            Accountable::Organisation { form, .. } => DecisionForm::Organisation(form),
            Accountable::Cadre { form, .. } => DecisionForm::Cadre(form),
        }
    }
}

/// The form of an accountability decision (问责方式), of an organisation or of a cadre: what
/// [`Accountable::form`] gives. `Display` prints it in English, [`DecisionForm::display_zh`]
/// in Chinese.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecisionForm {
    /// The form for an organisation.
    Organisation(OrganisationForm),
    /// The form for a cadre.
    Cadre(CadreForm),
}

impl DecisionForm {
    /// The form in Chinese (`"组织处理：免职"`, `"改组"`).
    pub fn display_zh(self) -> impl fmt::Display {
        match self {
            DecisionForm::Organisation(form) => form.label_zh().to_owned(),
            DecisionForm::Cadre(form) => form.display_zh().to_string(),
        }
    }
}

impl fmt::Display for DecisionForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecisionForm::Organisation(form) => fmt::Display::fmt(form, f),
            DecisionForm::Cadre(form) => fmt::Display::fmt(form, f),
        }
    }
}

impl fmt::Display for Accountable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Accountable::Organisation { unit, form } => write!(f, "{form} of {unit}"),
            Accountable::Cadre { staff, form } => write!(f, "{form} of {staff}"),
        }
    }
}

/// A recorded accountability decision. It deserializes through the checks deciding it makes
/// that need no registry: at least one finding
/// ([`SupervisionError::DecisionWithoutFindings`]), kept each once and in order (as deciding
/// keeps them), and grounds that say something ([`Error::TextRequired`](crate::Error::TextRequired),
/// within the limits of a note).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DecisionFields")]
#[non_exhaustive]
pub struct Decision {
    /// Its id.
    pub id: AccountabilityId,
    /// The findings it rests on (at least one, each once, in order).
    pub findings: Vec<FindingId>,
    /// Who is held accountable, in which form.
    pub accountable: Accountable,
    /// The day it was made.
    pub made: Day,
    /// Its grounds, as written.
    pub reason: String,
    /// The leader who recorded it.
    pub by: StaffId,
}

/// The fields of a [`Decision`] as a file holds them, before they are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionFields {
    id: AccountabilityId,
    findings: Vec<FindingId>,
    accountable: Accountable,
    made: Day,
    reason: String,
    by: StaffId,
}

/// The findings a decision rests on, each once and in order: deciding and reading a decision
/// from a file both keep them so. None is [`SupervisionError::DecisionWithoutFindings`].
pub(super) fn linked_findings(findings: &[FindingId]) -> Result<Vec<FindingId>, SupervisionError> {
    if findings.is_empty() {
        return Err(SupervisionError::DecisionWithoutFindings);
    }
    let mut linked = findings.to_vec();
    linked.sort_unstable();
    linked.dedup();
    Ok(linked)
}

/// A decision states why: blank grounds are [`Error::TextRequired`](crate::error::Error::TextRequired),
/// for deciding and for reading a decision from a file alike.
pub(super) fn grounds_given(reason: &str) -> Result<(), crate::error::Error> {
    if reason.trim().is_empty() {
        return Err(crate::error::Error::TextRequired {
            what: "the grounds of an accountability decision".to_owned(),
        });
    }
    Ok(())
}

impl TryFrom<DecisionFields> for Decision {
    type Error = crate::error::Error;

    /// The checks of deciding, in its order: the findings, then the grounds.
    fn try_from(f: DecisionFields) -> Result<Decision, crate::error::Error> {
        crate::limits::text_field(
            &f.reason,
            "the grounds of the decision",
            crate::limits::TextKind::Note,
        )?;
        let findings = linked_findings(&f.findings)?;
        grounds_given(&f.reason)?;
        Ok(Decision {
            id: f.id,
            findings,
            accountable: f.accountable,
            made: f.made,
            reason: f.reason,
            by: f.by,
        })
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let findings: Vec<String> = self.findings.iter().map(ToString::to_string).collect();
        write!(
            f,
            "{} made {}: {} ({}), on findings {}",
            self.id,
            self.made,
            self.accountable,
            self.accountable.form().display_zh(),
            findings.join(", ")
        )?;
        if !self.reason.is_empty() {
            write!(f, " — {}", self.reason)?;
        }
        Ok(())
    }
}

/// Who a decision holds accountable, named: a unit's organisation or a member of staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AccountableRef {
    /// A unit's organisation (党组织).
    Unit(UnitRef),
    /// A member of staff.
    Staff(StaffRef),
}

impl fmt::Display for AccountableRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AccountableRef::Unit(u) => u.fmt(f),
            AccountableRef::Staff(s) => s.fmt(f),
        }
    }
}

impl AccountableRef {
    /// The same in Chinese (the staff member's role in Chinese).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        match self {
            AccountableRef::Unit(u) => u.display_zh().to_string(),
            AccountableRef::Staff(s) => s.display_zh().to_string(),
        }
    }
}

/// A decision as a person reads it, with the unit or staff member named: ids and values,
/// rendered when printed (`Display` in English, [`display_zh`](DecisionRow::display_zh) in
/// Chinese).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DecisionRow {
    /// The decision.
    pub decision: Decision,
    /// Who is held accountable.
    pub subject: AccountableRef,
}

impl DecisionRow {
    /// The row in Chinese (`AC1，2020-02-03作出：诫勉（干部 Zhang Wei (S7)），依据FD3`).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let d = &self.decision;
        let findings: Vec<String> = d.findings.iter().map(ToString::to_string).collect();
        let mut s = format!(
            "{}，{}作出：{}（{}），依据{}",
            d.id,
            d.made,
            d.accountable.form().display_zh(),
            self.subject.display_zh(),
            findings.join("、")
        );
        if !d.reason.is_empty() {
            s.push_str(&format!("——{}", d.reason));
        }
        s
    }
}

impl fmt::Display for DecisionRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.decision;
        let findings: Vec<String> = d.findings.iter().map(ToString::to_string).collect();
        write!(
            f,
            "{} made {}: {} ({}) of {}, on findings {}",
            d.id,
            d.made,
            d.accountable.form(),
            d.accountable.form().display_zh(),
            self.subject,
            findings.join(", ")
        )?;
        if !d.reason.is_empty() {
            write!(f, " — {}", d.reason)?;
        }
        Ok(())
    }
}

/// The count of one category: decisions, and the distinct people (or units) they concern.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CategoryCount {
    /// Decisions made.
    pub decisions: u32,
    /// Distinct people concerned (three decisions on one person count one).
    pub people: u32,
    /// Distinct units concerned (accountability of an organisation).
    pub units: u32,
}

/// Accountability counts over a span of days (问责统计): per category, decisions and people,
/// admonition kept apart from organisational handling.
///
/// The article's "3 people given organisational handling" is
/// `counts.category(FormCategory::OrganisationalHandling).people == 3`.
///
/// Counts of townships add up for a county (`+`, or `sum()` over an iterator), **for the same
/// span of days only**: adding counts of different spans gives
/// [`SupervisionError::CountsOfOtherSpan`](crate::supervision::SupervisionError::CountsOfOtherSpan)
/// instead of a number. People of different townships are different people, so people add;
/// adding a township's counts to themselves would count its people twice.
///
/// ```
/// use fangkong::supervision::{AccountabilityCounts, FormCategory};
/// let (from, to) = ("2020-01-24".parse()?, "2020-02-10".parse()?);
/// let a = AccountabilityCounts::empty(from, to);
/// let b = AccountabilityCounts::empty(from, to);
/// let county = (a.clone() + b)?;
/// assert_eq!(county.decisions, 0);
/// let other = AccountabilityCounts::empty(from, "2020-02-11".parse()?);
/// assert_eq!((a.clone() + other).unwrap_err().code(), "counts_of_other_span");
/// let total: Result<AccountabilityCounts, _> = vec![a.clone(), a].into_iter().sum();
/// assert_eq!(total?.category(FormCategory::OrganisationalHandling).people, 0);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CountsFields")]
#[non_exhaustive]
pub struct AccountabilityCounts {
    /// The first day counted.
    pub from: Day,
    /// The last day counted.
    pub to: Day,
    /// Per category; categories without a decision are absent.
    pub by_category: BTreeMap<FormCategory, CategoryCount>,
    /// All decisions.
    pub decisions: u32,
    /// Distinct people held accountable in any form.
    pub people: u32,
    /// Distinct units held accountable in any form.
    pub units: u32,
}

/// The fields of [`AccountabilityCounts`] as a file holds them, before they are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountsFields {
    from: Day,
    to: Day,
    by_category: BTreeMap<FormCategory, CategoryCount>,
    decisions: u32,
    people: u32,
    units: u32,
}

impl TryFrom<CountsFields> for AccountabilityCounts {
    type Error = SupervisionError;

    fn try_from(f: CountsFields) -> Result<Self, SupervisionError> {
        if f.to < f.from {
            return Err(SupervisionError::InvalidCounts { problem: "span" });
        }
        let totals = || SupervisionError::InvalidCounts { problem: "totals" };
        // What counting decisions can give: a category present has a decision; it concerns
        // people (a cadre's form) or units (an organisation's), at most one per decision.
        for (category, c) in &f.by_category {
            let organisation = *category == FormCategory::Organisation;
            let concerned = if organisation { c.units } else { c.people };
            let other = if organisation { c.people } else { c.units };
            if c.decisions == 0 || concerned == 0 || concerned > c.decisions || other != 0 {
                return Err(totals());
            }
        }
        let sum = |get: fn(&CategoryCount) -> u32| {
            f.by_category
                .values()
                .try_fold(0u32, |n, c| n.checked_add(get(c)))
        };
        let most =
            |get: fn(&CategoryCount) -> u32| f.by_category.values().map(get).max().unwrap_or(0);
        // Decisions add up exactly; people (and units) at least the largest category's, at most
        // their sum (one person may be in two categories).
        if sum(|c| c.decisions) != Some(f.decisions)
            || sum(|c| c.people).is_none_or(|s| f.people > s)
            || f.people < most(|c| c.people)
            || sum(|c| c.units).is_none_or(|s| f.units > s)
            || f.units < most(|c| c.units)
        {
            return Err(totals());
        }
        Ok(AccountabilityCounts {
            from: f.from,
            to: f.to,
            by_category: f.by_category,
            decisions: f.decisions,
            people: f.people,
            units: f.units,
        })
    }
}

impl std::ops::Add for AccountabilityCounts {
    type Output = Result<AccountabilityCounts, crate::error::Error>;

    /// The counts of two townships over the same days; counts of other days, or a total too
    /// large for its numbers ([`ValueError::CountsTooLarge`](crate::ValueError::CountsTooLarge)),
    /// are refused.
    fn add(self, other: AccountabilityCounts) -> Self::Output {
        if (self.from, self.to) != (other.from, other.to) {
            return Err(SupervisionError::CountsOfOtherSpan {
                first_from: self.from,
                first_to: self.to,
                second_from: other.from,
                second_to: other.to,
            }
            .into());
        }
        let sum = |a, b| add_counts(a, b, "accountability counts");
        let mut by_category = self.by_category;
        for (c, n) in other.by_category {
            let e = by_category.entry(c).or_default();
            e.decisions = sum(e.decisions, n.decisions)?;
            e.people = sum(e.people, n.people)?;
            e.units = sum(e.units, n.units)?;
        }
        Ok(AccountabilityCounts {
            from: self.from,
            to: self.to,
            by_category,
            decisions: sum(self.decisions, other.decisions)?,
            people: sum(self.people, other.people)?,
            units: sum(self.units, other.units)?,
        })
    }
}

impl std::iter::Sum<AccountabilityCounts> for Result<AccountabilityCounts, crate::error::Error> {
    /// The counts of every township over the same days; an empty list, counts of other days or
    /// a total too large are refused.
    fn sum<I: Iterator<Item = AccountabilityCounts>>(mut iter: I) -> Self {
        let first = iter.next().ok_or(SupervisionError::NoCountsToAdd)?;
        iter.try_fold(first, |total, c| total + c)
    }
}

impl AccountabilityCounts {
    /// No decision over `from ..= to` (a township that decided none, or the start of a sum).
    pub fn empty(from: Day, to: Day) -> AccountabilityCounts {
        AccountabilityCounts::of(from, to, std::iter::empty())
    }

    /// Counts the decisions made on `from ..= to`.
    pub(crate) fn of<'a>(
        from: Day,
        to: Day,
        decisions: impl Iterator<Item = &'a Decision>,
    ) -> Self {
        let mut per: BTreeMap<FormCategory, (u32, BTreeSet<StaffId>, BTreeSet<UnitId>)> =
            BTreeMap::new();
        let mut all_people = BTreeSet::new();
        let mut all_units = BTreeSet::new();
        let mut total = 0u32;
        for d in decisions.filter(|d| from <= d.made && d.made <= to) {
            total = total.saturating_add(1);
            let entry = per.entry(d.accountable.category()).or_default();
            entry.0 = entry.0.saturating_add(1);
            match d.accountable {
                Accountable::Cadre { staff, .. } => {
                    entry.1.insert(staff);
                    all_people.insert(staff);
                }
                Accountable::Organisation { unit, .. } => {
                    entry.2.insert(unit);
                    all_units.insert(unit);
                }
            }
        }
        let len = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        AccountabilityCounts {
            from,
            to,
            by_category: per
                .into_iter()
                .map(|(c, (decisions, people, units))| {
                    (
                        c,
                        CategoryCount {
                            decisions,
                            people: len(people.len()),
                            units: len(units.len()),
                        },
                    )
                })
                .collect(),
            decisions: total,
            people: len(all_people.len()),
            units: len(all_units.len()),
        }
    }

    /// The count of one category (zero if none).
    pub fn category(&self, category: FormCategory) -> CategoryCount {
        self.by_category.get(&category).copied().unwrap_or_default()
    }
}

impl fmt::Display for AccountabilityCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural =
            |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "accountability {} to {}: {}",
            self.from,
            self.to,
            plural(self.decisions, "decision", "decisions")
        )?;
        for (c, n) in &self.by_category {
            let who = if *c == FormCategory::Organisation {
                plural(n.units, "unit", "units")
            } else {
                plural(n.people, "person", "people")
            };
            write!(
                f,
                "\n  {} ({}): {}, {}",
                c,
                c.label_zh(),
                who,
                plural(n.decisions, "decision", "decisions")
            )?;
        }
        Ok(())
    }
}
