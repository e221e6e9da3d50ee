//! Risk levels, dated designations of risk areas (风险区) and the register that keeps them.

use crate::screening::ScreeningError;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::calendar::Day;
use crate::error::Error;
use crate::ids::DesignationId;
use crate::place::DivisionCode;

/// A risk level (风险等级): a severity rank and a name.
///
/// Levels compare by severity: a higher `rank` is more severe. The three levels of the
/// published schemes are shipped as [`RiskLevel::LOW`] (rank 1), [`RiskLevel::MEDIUM`]
/// (rank 2) and [`RiskLevel::HIGH`] (rank 3). A user who works with another scheme defines
/// its levels with [`RiskLevel::new`] (say `("orange", 2)`): a rule maps each level to an
/// observation, and the register reports the most severe level in force. Two levels are equal
/// when both rank and name are equal; levels of equal rank are then ordered by name, so the
/// order is total.
///
/// Serde form: `{"rank": 3, "name": "high"}`, checked like [`RiskLevel::new`].
///
/// ```
/// use fangkong::screening::RiskLevel;
/// assert!(RiskLevel::HIGH > RiskLevel::MEDIUM && RiskLevel::MEDIUM > RiskLevel::LOW);
/// let orange = RiskLevel::new(2, "orange")?;
/// assert!(orange < RiskLevel::HIGH && orange > RiskLevel::LOW);
/// assert_eq!(orange.to_string(), "orange");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RiskLevelRepr", into = "RiskLevelRepr")]
pub struct RiskLevel {
    rank: u8,
    name: Cow<'static, str>,
}

#[derive(Serialize, Deserialize)]
struct RiskLevelRepr {
    rank: u8,
    name: String,
}

impl TryFrom<RiskLevelRepr> for RiskLevel {
    type Error = Error;
    fn try_from(r: RiskLevelRepr) -> Result<RiskLevel, Error> {
        RiskLevel::new(r.rank, r.name)
    }
}

impl From<RiskLevel> for RiskLevelRepr {
    fn from(l: RiskLevel) -> RiskLevelRepr {
        RiskLevelRepr {
            rank: l.rank,
            name: l.name.into_owned(),
        }
    }
}

impl RiskLevel {
    /// Low risk (低风险), rank 1.
    pub const LOW: RiskLevel = RiskLevel {
        rank: 1,
        name: Cow::Borrowed("low"),
    };
    /// Medium risk (中风险), rank 2.
    pub const MEDIUM: RiskLevel = RiskLevel {
        rank: 2,
        name: Cow::Borrowed("medium"),
    };
    /// High risk (高风险), rank 3.
    pub const HIGH: RiskLevel = RiskLevel {
        rank: 3,
        name: Cow::Borrowed("high"),
    };

    /// A level of a user-defined scheme: `rank` orders severity (higher is more severe),
    /// `name` is what explanations print (`a {name}-risk area`).
    ///
    /// The shipped names `low`, `medium` and `high` may only be used with their own ranks
    /// (1, 2, 3), which gives back the shipped level.
    ///
    /// # Errors
    /// [`ScreeningError::InvalidRiskLevel`](crate::screening::ScreeningError::InvalidRiskLevel) for an empty or blank name, a name of more than 32
    /// characters, a name with control characters or surrounding spaces, or `("high", 5)`.
    pub fn new(rank: u8, name: impl Into<String>) -> Result<RiskLevel, Error> {
        let name = name.into();
        let bad = |reason: &str, reason_zh: &str| {
            Error::Screening(ScreeningError::InvalidRiskLevel {
                name: name.clone(),
                reason: reason.to_owned(),
                reason_zh: reason_zh.to_owned(),
            })
        };
        if name.trim().is_empty() {
            return Err(bad(
                "a risk level needs a name, such as \"high\"",
                "风险等级需要名称，如“高”",
            ));
        }
        if name.chars().count() > 32 {
            return Err(bad(
                "a risk level name has at most 32 characters",
                "风险等级名称最多32个字符",
            ));
        }
        if name.trim() != name || name.chars().any(char::is_control) {
            return Err(bad(
                "a risk level name has no surrounding spaces and no control characters",
                "风险等级名称前后不能有空格，也不能含控制字符",
            ));
        }
        for shipped in [RiskLevel::LOW, RiskLevel::MEDIUM, RiskLevel::HIGH] {
            if shipped.name == name.as_str() {
                if shipped.rank == rank {
                    return Ok(shipped);
                }
                return Err(Error::Screening(ScreeningError::InvalidRiskLevel {
                    reason: format!(
                        "the name is that of the shipped level of rank {}, not {rank}",
                        shipped.rank
                    ),
                    reason_zh: format!("该名称属于预设的第{}级，而不是第{rank}级", shipped.rank),
                    name,
                }));
            }
        }
        Ok(RiskLevel {
            rank,
            name: Cow::Owned(name),
        })
    }

    /// The severity rank: higher is more severe.
    pub fn rank(&self) -> u8 {
        self.rank
    }

    /// The name, e.g. `high`.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Ord for RiskLevel {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank
            .cmp(&other.rank)
            .then_with(|| self.name.cmp(&other.name))
    }
}

impl PartialOrd for RiskLevel {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl fmt::Debug for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RiskLevel({}, rank {})", self.name, self.rank)
    }
}

/// A designation of an area as a risk area (风险区划定): in force from day `from` up to the
/// day before `lifted` (a designation from F lifted on L is in force on F ..= L − 1,
/// DOMAIN.md §3).
///
/// A designation is never changed except to record its lift once; a new level is a new
/// designation (`replaces` names the one it took over from, when a confirmed
/// [`RiskProposal`](crate::screening::RiskProposal) replaced it). A `lifted` day at or before `from` means
/// the designation was withdrawn and never in force.
///
/// A designation travels in the register's events ([`RegisterChange`]) and so deserializes as
/// it is; a whole [`RiskRegister`] read from a file is checked (a basis, each number once).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Designation {
    /// Its number in the register.
    pub id: DesignationId,
    /// The area designated; every division inside it is at risk too.
    pub area: DivisionCode,
    /// The level.
    pub level: RiskLevel,
    /// The first day in force.
    pub from: Day,
    /// The day it was lifted (解除), no longer in force; `None` while in force.
    pub lifted: Option<Day>,
    /// The designation this one replaced, if it came from a confirmed proposal.
    pub replaces: Option<DesignationId>,
    /// What it rests on: the notice, or the figures and who confirmed them.
    pub basis: String,
}

impl Designation {
    /// Whether the designation is in force on `day`: `from <= day` and `day < lifted`.
    pub fn in_force_on(&self, day: Day) -> bool {
        self.from <= day && self.lifted.is_none_or(|l| day < l)
    }

    /// The days of `first ..= last` on which the designation is in force, as
    /// `(first day, last day)`, or `None` when there are none.
    ///
    /// ```
    /// use fangkong::Day;
    /// use fangkong::place::DivisionCode;
    /// use fangkong::screening::{RiskLevel, RiskRegister};
    /// let mut register = RiskRegister::new();
    /// let d: Day = "2020-01-08".parse()?;
    /// let id = register.designate(DivisionCode::WUHAN, RiskLevel::HIGH, d, "notice")?;
    /// register.lift(id, "2020-04-08".parse()?)?;
    /// let wuhan = register.get(id).ok_or(fangkong::Error::Screening(fangkong::screening::ScreeningError::UnknownDesignation { id }))?;
    /// let days = wuhan.in_force_within("2020-01-01".parse()?, "2020-05-01".parse()?);
    /// assert_eq!(days, Some(("2020-01-08".parse()?, "2020-04-07".parse()?)));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn in_force_within(&self, first: Day, last: Day) -> Option<(Day, Day)> {
        let start = first.max(self.from);
        if start > last {
            return None;
        }
        match self.lifted {
            Some(lifted) if lifted <= start => None,
            Some(lifted) if lifted <= last => Some((start, lifted.plus_days(-1).ok()?)),
            _ => Some((start, last)),
        }
    }

    /// `a high-risk area from 2020-01-08`, followed by `until it was lifted on …` once lifted.
    pub fn describe(&self) -> String {
        match self.lifted {
            Some(l) => format!(
                "a {}-risk area from {} until it was lifted on {l}",
                self.level, self.from
            ),
            None => format!("a {}-risk area from {}", self.level, self.from),
        }
    }
}

/// A change to a [`RiskRegister`], as recorded: the shape of the events the registry stores.
///
/// Produced by the register's checking methods ([`RiskRegister::plan_designation`],
/// [`RiskRegister::check_lift`], [`RiskRegister::plan_confirmation`]) and folded in with
/// [`RiskRegister::apply`], which cannot fail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum RegisterChange {
    /// An area was designated.
    Designated(Designation),
    /// A designation was lifted on `day` (no longer in force from that day).
    Lifted {
        /// The designation.
        id: DesignationId,
        /// The lift day.
        day: Day,
    },
}

/// The register of risk-area designations (风险区名单): every designation ever made, with its
/// history. Nothing is overwritten: lifting records a day once, and a new level is a new
/// designation.
///
/// Changes come in two steps so that a registry can record them as events: a checking method
/// (`plan_designation`, `check_lift`, `plan_confirmation`) refuses bad input and returns the
/// [`RegisterChange`]s, and [`RiskRegister::apply`] folds a change in and cannot fail. The
/// shortcuts [`RiskRegister::designate`], [`RiskRegister::lift`] and [`RiskRegister::confirm`]
/// do both.
///
/// ```
/// use fangkong::Day;
/// use fangkong::place::DivisionCode;
/// use fangkong::screening::{RiskLevel, RiskRegister};
/// let mut register = RiskRegister::new();
/// let from: Day = "2020-01-08".parse()?;
/// let wuhan = register.designate(DivisionCode::WUHAN, RiskLevel::HIGH, from, "NHC notice")?;
/// let wuchang: DivisionCode = "420106".parse()?;
/// let hit = register.at_risk(wuchang, "2020-01-20".parse()?);
/// assert_eq!(hit.map(|d| d.id), Some(wuhan));
/// assert!(register.at_risk(wuchang, "2020-01-07".parse()?).is_none());
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RegisterRepr", into = "RegisterRepr")]
pub struct RiskRegister {
    designations: Vec<Designation>,
    /// The designations of each area, by number: an index rebuilt from `designations`.
    by_area: BTreeMap<DivisionCode, Vec<DesignationId>>,
}

#[derive(Serialize, Deserialize)]
struct RegisterRepr {
    designations: Vec<Designation>,
}

impl TryFrom<RegisterRepr> for RiskRegister {
    type Error = Error;

    /// The checks designating makes that a file can break: a basis that says something
    /// ([`ScreeningError::EmptyDesignationBasis`]) and each number once
    /// ([`ScreeningError::DuplicateDesignation`]: [`RiskRegister::apply`] would keep the first
    /// and drop the other in silence).
    fn try_from(r: RegisterRepr) -> Result<RiskRegister, Error> {
        let mut register = RiskRegister::new();
        for d in r.designations {
            if d.basis.trim().is_empty() {
                return Err(Error::Screening(ScreeningError::EmptyDesignationBasis {
                    area: d.area,
                }));
            }
            if register.get(d.id).is_some() {
                return Err(Error::Screening(ScreeningError::DuplicateDesignation {
                    id: d.id,
                }));
            }
            register.apply(&RegisterChange::Designated(d));
        }
        Ok(register)
    }
}

impl From<RiskRegister> for RegisterRepr {
    fn from(r: RiskRegister) -> RegisterRepr {
        RegisterRepr {
            designations: r.designations,
        }
    }
}

impl RiskRegister {
    /// An empty register.
    pub fn new() -> RiskRegister {
        RiskRegister::default()
    }

    /// The register the January 2020 preset ([`ScreeningRule::returnee_jan2020`]) is meant
    /// for: Wuhan (420100) designated high from 2020-01-08 (designation 1) and Hubei (420000)
    /// designated high from 2020-01-08 (designation 2), neither lifted.
    ///
    /// The day follows the NHC community notice of 2020-01-24 as applied locally ("came from
    /// Wuhan on or after 2020-01-08"); extending it to all of Hubei, on the same day, is this
    /// library's choice (county notices asked about Hubei and Wuhan alike). As Wuhan was
    /// designated first, a stay in Wuhan reports designation 1.
    ///
    /// [`ScreeningRule::returnee_jan2020`]: crate::screening::ScreeningRule::returnee_jan2020
    pub fn jan2020_hubei() -> RiskRegister {
        let from = Day::from_ymd(2020, 1, 8).unwrap_or(Day::MIN);
        let mut register = RiskRegister::new();
        for (id, area, basis) in [
            (
                1,
                DivisionCode::WUHAN,
                "NHC community notice of 2020-01-24: people who came from Wuhan (locally: on or \
                 after 2020-01-08) register and stay under home medical observation for 14 days",
            ),
            (
                2,
                DivisionCode::HUBEI,
                "county notices of January 2020: returnees from Hubei are treated as returnees \
                 from Wuhan (fangkong preset)",
            ),
        ] {
            register.apply(&RegisterChange::Designated(Designation {
                id: DesignationId(id),
                area,
                level: RiskLevel::HIGH,
                from,
                lifted: None,
                replaces: None,
                basis: basis.to_owned(),
            }));
        }
        register
    }

    /// Every designation ever made, in the order of their numbers.
    pub fn designations(&self) -> &[Designation] {
        &self.designations
    }

    /// The designation with number `id`.
    pub fn get(&self, id: DesignationId) -> Option<&Designation> {
        // Kept sorted by number.
        self.designations
            .binary_search_by_key(&id, |d| d.id)
            .ok()
            .map(|i| &self.designations[i])
    }

    /// The number the next designation will get: one more than the highest so far, from 1.
    ///
    /// # Errors
    /// [`ScreeningError::RiskRegisterFull`](crate::screening::ScreeningError::RiskRegisterFull) once number `u32::MAX` has been given.
    pub fn next_id(&self) -> Result<DesignationId, Error> {
        match self.designations.last().map(|d| d.id.0) {
            None => Ok(DesignationId(1)),
            Some(n) => n
                .checked_add(1)
                .map(DesignationId)
                .ok_or(Error::Screening(ScreeningError::RiskRegisterFull)),
        }
    }

    /// Checks a designation of `area` at `level` from day `from`, and returns it with the next
    /// number, without recording it (record it with [`RiskRegister::apply`]).
    ///
    /// # Errors
    /// [`ScreeningError::EmptyDesignationBasis`](crate::screening::ScreeningError::EmptyDesignationBasis) when `basis` is blank; [`ScreeningError::RiskRegisterFull`](crate::screening::ScreeningError::RiskRegisterFull).
    pub fn plan_designation(
        &self,
        area: DivisionCode,
        level: RiskLevel,
        from: Day,
        basis: impl Into<String>,
    ) -> Result<Designation, Error> {
        let basis = basis.into();
        if basis.trim().is_empty() {
            return Err(Error::Screening(ScreeningError::EmptyDesignationBasis {
                area,
            }));
        }
        Ok(Designation {
            id: self.next_id()?,
            area,
            level,
            from,
            lifted: None,
            replaces: None,
            basis,
        })
    }

    /// Designates `area` at `level` from day `from` and returns the new designation's number.
    ///
    /// # Errors
    /// As [`RiskRegister::plan_designation`]; nothing is recorded then.
    pub fn designate(
        &mut self,
        area: DivisionCode,
        level: RiskLevel,
        from: Day,
        basis: impl Into<String>,
    ) -> Result<DesignationId, Error> {
        let d = self.plan_designation(area, level, from, basis)?;
        let id = d.id;
        self.apply(&RegisterChange::Designated(d));
        Ok(id)
    }

    /// Checks lifting designation `id` on `day` (in force up to `day` − 1) and returns the
    /// change, without recording it.
    ///
    /// Lifting on the designation's first day is allowed and means it never applied (a
    /// designation withdrawn before it took effect); lifting before that day is refused.
    ///
    /// # Errors
    /// [`ScreeningError::UnknownDesignation`](crate::screening::ScreeningError::UnknownDesignation); [`ScreeningError::DesignationAlreadyLifted`](crate::screening::ScreeningError::DesignationAlreadyLifted);
    /// [`ScreeningError::LiftBeforeDesignation`](crate::screening::ScreeningError::LiftBeforeDesignation) when `day` is before the designation's `from` day.
    pub fn check_lift(&self, id: DesignationId, day: Day) -> Result<RegisterChange, Error> {
        let d = self
            .get(id)
            .ok_or(Error::Screening(ScreeningError::UnknownDesignation { id }))?;
        if let Some(lifted) = d.lifted {
            return Err(Error::Screening(ScreeningError::DesignationAlreadyLifted {
                id,
                lifted,
            }));
        }
        if day < d.from {
            return Err(Error::Screening(ScreeningError::LiftBeforeDesignation {
                id,
                from: d.from,
                day,
            }));
        }
        Ok(RegisterChange::Lifted { id, day })
    }

    /// Lifts designation `id` on `day`.
    ///
    /// # Errors
    /// As [`RiskRegister::check_lift`]; nothing is recorded then.
    pub fn lift(&mut self, id: DesignationId, day: Day) -> Result<(), Error> {
        let change = self.check_lift(id, day)?;
        self.apply(&change);
        Ok(())
    }

    /// Checks a proposal a person has confirmed and returns the changes that record it: none
    /// for [`ProposedChange::Keep`], one designation for [`ProposedChange::Designate`], a lift
    /// and a designation for [`ProposedChange::Replace`] (lifted on the proposal's day, the
    /// new one in force from that day, naming the one it replaces). The new designation's
    /// basis is the proposal's explanation.
    ///
    /// # Errors
    /// For a replacement: [`ScreeningError::UnknownDesignation`](crate::screening::ScreeningError::UnknownDesignation), [`ScreeningError::DesignationAlreadyLifted`](crate::screening::ScreeningError::DesignationAlreadyLifted)
    /// (the proposal is stale), [`ScreeningError::LiftBeforeDesignation`](crate::screening::ScreeningError::LiftBeforeDesignation),
    /// [`ScreeningError::ProposalAreaMismatch`](crate::screening::ScreeningError::ProposalAreaMismatch); and [`ScreeningError::RiskRegisterFull`](crate::screening::ScreeningError::RiskRegisterFull).
    ///
    /// [`ProposedChange::Keep`]: crate::screening::ProposedChange::Keep
    /// [`ProposedChange::Designate`]: crate::screening::ProposedChange::Designate
    /// [`ProposedChange::Replace`]: crate::screening::ProposedChange::Replace
    pub fn plan_confirmation(
        &self,
        proposal: &super::RiskProposal,
    ) -> Result<Vec<RegisterChange>, Error> {
        use super::ProposedChange;
        let basis = proposal.explain();
        match &proposal.change {
            ProposedChange::Keep { .. } => Ok(Vec::new()),
            ProposedChange::Designate { level } => {
                let d = self.plan_designation(proposal.area, level.clone(), proposal.on, basis)?;
                Ok(vec![RegisterChange::Designated(d)])
            }
            ProposedChange::Replace { lift, level, .. } => {
                self.plan_replacement(proposal.area, *lift, level.clone(), proposal.on, basis)
            }
        }
    }

    /// Checks replacing designation `lift` of `area` by a new one at `level` from day `on`
    /// (the old one lifted on that day), and returns the two changes: the lift, then the new
    /// designation naming the one it replaces.
    ///
    /// # Errors
    /// As [`RiskRegister::plan_confirmation`] for a replacement.
    pub(crate) fn plan_replacement(
        &self,
        area: DivisionCode,
        lift: DesignationId,
        level: RiskLevel,
        on: Day,
        basis: String,
    ) -> Result<Vec<RegisterChange>, Error> {
        let old = self
            .get(lift)
            .ok_or(Error::Screening(ScreeningError::UnknownDesignation {
                id: lift,
            }))?;
        if old.area != area {
            return Err(Error::Screening(ScreeningError::ProposalAreaMismatch {
                id: lift,
                proposal_area: area,
                designation_area: old.area,
            }));
        }
        let lifted = self.check_lift(lift, on)?;
        let mut d = self.plan_designation(area, level, on, basis)?;
        d.replaces = Some(lift);
        Ok(vec![lifted, RegisterChange::Designated(d)])
    }

    /// Records a proposal a person has confirmed, and returns the changes recorded.
    ///
    /// # Errors
    /// As [`RiskRegister::plan_confirmation`]; nothing is recorded then.
    pub fn confirm(
        &mut self,
        proposal: &super::RiskProposal,
    ) -> Result<Vec<RegisterChange>, Error> {
        let changes = self.plan_confirmation(proposal)?;
        for c in &changes {
            self.apply(c);
        }
        Ok(changes)
    }

    /// Folds a recorded change in. Cannot fail: a change the checking methods would have
    /// refused (a number already used, an unknown or already lifted designation) changes
    /// nothing, so history is never overwritten.
    pub fn apply(&mut self, change: &RegisterChange) {
        match change {
            RegisterChange::Designated(d) => {
                if self.get(d.id).is_none() {
                    let at = self.designations.partition_point(|e| e.id < d.id);
                    self.designations.insert(at, d.clone());
                    self.by_area.entry(d.area).or_default().push(d.id);
                }
            }
            RegisterChange::Lifted { id, day } => {
                if let Ok(i) = self.designations.binary_search_by_key(id, |d| d.id)
                    && self.designations[i].lifted.is_none()
                {
                    self.designations[i].lifted = Some(*day);
                }
            }
        }
    }

    /// The designation that puts `place` at risk on `day`: among the designations in force
    /// that day on `place` or any area containing it, the highest level; on a tie, the one
    /// in force from the earliest day, then the lowest number. `None` when none is in force.
    pub fn at_risk(&self, place: DivisionCode, day: Day) -> Option<&Designation> {
        self.containing(place)
            .filter(|d| d.in_force_on(day))
            .min_by(|a, b| severity_order(a, b))
    }

    /// The designations of `place` and of every area containing it.
    fn containing(&self, place: DivisionCode) -> impl Iterator<Item = &Designation> {
        std::iter::successors(Some(place), |p| p.parent())
            .filter_map(|area| self.by_area.get(&area))
            .flatten()
            .filter_map(|id| self.get(*id))
    }

    /// The designation in force on `day` on exactly `area` (not an area containing it), the
    /// highest level first as in [`RiskRegister::at_risk`].
    pub fn current_for(&self, area: DivisionCode, day: Day) -> Option<&Designation> {
        self.by_area
            .get(&area)
            .into_iter()
            .flatten()
            .filter_map(|id| self.get(*id))
            .filter(|d| d.in_force_on(day))
            .min_by(|a, b| severity_order(a, b))
    }

    /// Every designation in force on `day`, in the order of their numbers.
    pub fn in_force_on(&self, day: Day) -> Vec<&Designation> {
        self.designations
            .iter()
            .filter(|d| d.in_force_on(day))
            .collect()
    }

    /// The designations of `place` or an area containing it that were in force on at least one
    /// day of `first ..= last` (a stay), in the order of their numbers.
    pub fn overlapping(&self, place: DivisionCode, first: Day, last: Day) -> Vec<&Designation> {
        let mut out: Vec<&Designation> = self
            .containing(place)
            .filter(|d| d.in_force_within(first, last).is_some())
            .collect();
        out.sort_by_key(|d| d.id);
        out
    }
}

/// Most severe first: higher level, then earlier `from`, then lower number.
pub(crate) fn severity_order(a: &Designation, b: &Designation) -> Ordering {
    b.level
        .cmp(&a.level)
        .then_with(|| a.from.cmp(&b.from))
        .then_with(|| a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{code, day};
    use proptest::prelude::*;

    #[test]
    fn levels_compare_by_severity_and_user_levels_fit_in() {
        assert!(RiskLevel::LOW < RiskLevel::MEDIUM);
        assert!(RiskLevel::MEDIUM < RiskLevel::HIGH);
        assert_eq!(RiskLevel::new(3, "high").unwrap(), RiskLevel::HIGH);
        let red = RiskLevel::new(4, "red").unwrap();
        assert!(red > RiskLevel::HIGH);
        assert_eq!(red.rank(), 4);
        assert_eq!(red.name(), "red");
        assert_eq!(format!("{red:?}"), "RiskLevel(red, rank 4)");
        let msg = |r: u8, n: &str| RiskLevel::new(r, n).unwrap_err().to_string();
        assert_eq!(
            msg(5, "high"),
            "\"high\" cannot name a risk level: the name is that of the shipped level of rank \
             3, not 5"
        );
        assert_eq!(
            msg(1, "  "),
            "\"  \" cannot name a risk level: a risk level needs a name, such as \"high\""
        );
        assert_eq!(
            msg(1, " red"),
            "\" red\" cannot name a risk level: a risk level name has no surrounding spaces and \
             no control characters"
        );
        assert_eq!(
            msg(1, &"x".repeat(33)),
            format!(
                "{:?} cannot name a risk level: a risk level name has at most 32 characters",
                "x".repeat(33)
            )
        );
    }

    #[test]
    fn risk_levels_round_trip_and_deserialize_through_validation() {
        let json = serde_json::to_string(&RiskLevel::HIGH).unwrap();
        assert_eq!(json, r#"{"rank":3,"name":"high"}"#);
        assert_eq!(
            serde_json::from_str::<RiskLevel>(&json).unwrap(),
            RiskLevel::HIGH
        );
        assert!(serde_json::from_str::<RiskLevel>(r#"{"rank":9,"name":"low"}"#).is_err());
        assert!(serde_json::from_str::<RiskLevel>(r#"{"rank":9,"name":""}"#).is_err());
    }

    #[test]
    fn a_designation_is_in_force_from_its_first_day_to_the_day_before_its_lift() {
        // Given Wuhan designated from 2020-01-08 and lifted on 2020-04-08
        let mut r = RiskRegister::new();
        let id = r
            .designate(DivisionCode::WUHAN, RiskLevel::HIGH, day("2020-01-08"), "n")
            .unwrap();
        r.lift(id, day("2020-04-08")).unwrap();
        let wuchang = code("420106");
        // Then it matches from its first day up to the day before the lift
        assert!(r.at_risk(wuchang, day("2020-01-07")).is_none());
        assert_eq!(
            r.at_risk(wuchang, day("2020-01-08")).map(|d| d.id),
            Some(id)
        );
        assert_eq!(
            r.at_risk(wuchang, day("2020-04-07")).map(|d| d.id),
            Some(id)
        );
        assert!(r.at_risk(wuchang, day("2020-04-08")).is_none());
        assert!(r.at_risk(code("420000"), day("2020-02-01")).is_none());
        assert_eq!(r.in_force_on(day("2020-04-07")).len(), 1);
        assert!(r.in_force_on(day("2020-04-08")).is_empty());
        assert_eq!(
            r.get(id).unwrap().describe(),
            "a high-risk area from 2020-01-08 until it was lifted on 2020-04-08"
        );
    }

    #[test]
    fn lifting_is_checked_and_recorded_once() {
        let mut r = RiskRegister::new();
        let id = r
            .designate(DivisionCode::WUHAN, RiskLevel::HIGH, day("2020-01-08"), "n")
            .unwrap();
        // Lifting before the first day is refused
        assert_eq!(
            r.lift(id, day("2020-01-07")).unwrap_err().to_string(),
            "designation 1 cannot be lifted on 2020-01-07, before it came into force on \
             2020-01-08; lift it on 2020-01-08 or later (lifting it on 2020-01-08 means it \
             never applied)"
        );
        assert_eq!(
            r.lift(DesignationId(7), day("2020-02-01"))
                .unwrap_err()
                .to_string(),
            "there is no risk-area designation 7 in the register"
        );
        // Lifting on the first day withdraws it: never in force
        r.lift(id, day("2020-01-08")).unwrap();
        assert!(r.at_risk(DivisionCode::WUHAN, day("2020-01-08")).is_none());
        assert!(
            r.overlapping(DivisionCode::WUHAN, day("2020-01-01"), day("2020-12-31"))
                .is_empty()
        );
        // A second lift is refused and changes nothing
        let before = r.clone();
        assert_eq!(
            r.lift(id, day("2020-03-01")).unwrap_err().to_string(),
            "designation 1 was already lifted on 2020-01-08; to put the area at risk again, \
             designate it anew"
        );
        assert_eq!(r, before);
        // ... and applying such a change anyway changes nothing either
        r.apply(&RegisterChange::Lifted {
            id,
            day: day("2020-03-01"),
        });
        assert_eq!(r, before);
    }

    #[test]
    fn a_designation_needs_a_basis() {
        let mut r = RiskRegister::new();
        assert_eq!(
            r.designate(DivisionCode::WUHAN, RiskLevel::HIGH, day("2020-01-08"), " ")
                .unwrap_err()
                .to_string(),
            "the designation of Wuhan (420100) as a risk area needs a basis: name the notice or \
             the figures it rests on"
        );
        assert!(r.designations().is_empty());
    }

    #[test]
    fn numbers_are_given_in_order_and_never_reused() {
        let mut r = RiskRegister::new();
        let a = r
            .designate(DivisionCode::HUBEI, RiskLevel::LOW, day("2020-01-08"), "n")
            .unwrap();
        let b = r
            .designate(DivisionCode::HUBEI, RiskLevel::LOW, day("2020-01-08"), "n")
            .unwrap();
        assert_eq!((a, b), (DesignationId(1), DesignationId(2)));
        // An event with a used number changes nothing
        let mut clash = r.get(a).unwrap().clone();
        clash.level = RiskLevel::HIGH;
        r.apply(&RegisterChange::Designated(clash));
        assert_eq!(r.get(a).unwrap().level, RiskLevel::LOW);
        let mut last = r.get(a).unwrap().clone();
        last.id = DesignationId(u32::MAX);
        r.apply(&RegisterChange::Designated(last));
        assert_eq!(
            r.next_id().unwrap_err().to_string(),
            "the risk register cannot number any more designations; start a new register"
        );
    }

    #[test]
    fn overlapping_designations_report_the_highest_level_then_the_earliest() {
        // Given Hubei medium from 01-05, Wuhan high from 01-10 and Wuchang high from 01-08
        let mut r = RiskRegister::new();
        let hubei = r
            .designate(
                DivisionCode::HUBEI,
                RiskLevel::MEDIUM,
                day("2020-01-05"),
                "n",
            )
            .unwrap();
        let wuhan = r
            .designate(DivisionCode::WUHAN, RiskLevel::HIGH, day("2020-01-10"), "n")
            .unwrap();
        let wuchang = r
            .designate(code("420106"), RiskLevel::HIGH, day("2020-01-08"), "n")
            .unwrap();
        let at =
            |r: &RiskRegister, place: &str, d: &str| r.at_risk(code(place), day(d)).map(|d| d.id);
        // Then a Wuchang stay sees the highest level, and among equals the earliest in force
        assert_eq!(at(&r, "420106", "2020-01-07"), Some(hubei));
        assert_eq!(at(&r, "420106", "2020-01-09"), Some(wuchang));
        assert_eq!(at(&r, "420106", "2020-01-12"), Some(wuchang));
        assert_eq!(at(&r, "420102", "2020-01-12"), Some(wuhan));
        assert_eq!(at(&r, "429004", "2020-01-12"), Some(hubei));
        assert_eq!(at(&r, "430502", "2020-01-12"), None);
        // Equal level and day: the lower number
        let twin = r
            .designate(DivisionCode::WUHAN, RiskLevel::HIGH, day("2020-01-10"), "n")
            .unwrap();
        assert_eq!(at(&r, "420102", "2020-01-12"), Some(wuhan));
        assert_eq!(
            r.current_for(DivisionCode::WUHAN, day("2020-01-12"))
                .map(|d| d.id),
            Some(wuhan)
        );
        assert_ne!(twin, wuhan);
        assert_eq!(
            r.overlapping(code("420106"), day("2020-01-01"), day("2020-01-09"))
                .iter()
                .map(|d| d.id)
                .collect::<Vec<_>>(),
            vec![hubei, wuchang]
        );
    }

    #[test]
    fn the_january_2020_register_designates_wuhan_then_hubei() {
        let r = RiskRegister::jan2020_hubei();
        let hit = r.at_risk(code("420106"), day("2020-01-08")).unwrap();
        assert_eq!(hit.area, DivisionCode::WUHAN);
        assert_eq!(hit.id, DesignationId(1));
        let hit = r.at_risk(code("421100"), day("2020-01-20")).unwrap();
        assert_eq!(hit.area, DivisionCode::HUBEI);
        assert!(r.at_risk(code("420106"), day("2020-01-07")).is_none());
        assert_eq!(r.next_id().unwrap(), DesignationId(3));
    }

    #[test]
    fn the_register_round_trips_through_serde() {
        let mut r = RiskRegister::jan2020_hubei();
        r.lift(DesignationId(2), day("2020-03-25")).unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<RiskRegister>(&json).unwrap(), r);
        let change = RegisterChange::Lifted {
            id: DesignationId(2),
            day: day("2020-03-25"),
        };
        let json = serde_json::to_string(&change).unwrap();
        assert_eq!(json, r#"{"Lifted":{"id":2,"day":"2020-03-25"}}"#);
        assert_eq!(
            serde_json::from_str::<RegisterChange>(&json).unwrap(),
            change
        );
    }

    proptest! {
        #[test]
        fn at_risk_is_the_most_severe_designation_in_force(
            designations in proptest::collection::vec(
                (0usize..4, 1u8..4, 0i64..40, proptest::option::of(0i64..50)), 0..8),
            place in 0usize..4,
            on in 0i64..50,
        ) {
            let places = ["420000", "420100", "420106", "430502"].map(code);
            let base = day("2020-01-01");
            let mut r = RiskRegister::new();
            for (area, rank, from, lift) in &designations {
                let level = [RiskLevel::LOW, RiskLevel::MEDIUM, RiskLevel::HIGH][usize::from(*rank) - 1].clone();
                let from_day = base.plus_days(*from).unwrap();
                let id = r.designate(places[*area], level, from_day, "p").unwrap();
                if let Some(l) = lift {
                    let _ = r.lift(id, base.plus_days(*l).unwrap());
                }
            }
            let on_day = base.plus_days(on).unwrap();
            let place = places[place];
            let brute = r.designations().iter()
                .filter(|d| d.area.contains(place))
                .filter(|d| d.from <= on_day && d.lifted.is_none_or(|l| on_day < l))
                .map(|d| (std::cmp::Reverse(d.level.clone()), d.from, d.id))
                .min()
                .map(|t| t.2);
            prop_assert_eq!(r.at_risk(place, on_day).map(|d| d.id), brute);
        }
    }
}
