//! Proposals to change risk levels from daily figures, under the published schemes
//! (DOMAIN.md §3). A proposal is only a value: a person confirms it, and
//! [`RiskRegister::confirm`] records it.
//!
//! # Counting "N days without a new case"
//!
//! As for observation periods (DOMAIN.md §4), the day of the last case (or infection) is
//! day 0 and the days after it are counted whole: with the last case on day D, the days
//! D + 1 ..= D + N are N days without a new case, and the change can be proposed from day
//! D + N + 1, the first day after they are complete. Put the other way: on day `on`, a case on
//! any day of `on − N ..= on` stands in the way; one on `on − N − 1` does not. This is the
//! same window as screening's look-back (DOMAIN.md §3).
//!
//! For a downgrade, the days also have to fall while the designation being downgraded was in
//! force: a designation that took effect on day F counts F − 1 as day 0 when that is later
//! than the last infection. So a medium-risk area downgraded from high on day F can go to low
//! from F + 3 + 1 under plan ed. 9, not at once.

use crate::screening::ScreeningError;
use serde::{Deserialize, Serialize};

use super::risk::RiskRegister;
use crate::calendar::Day;
use crate::error::Error;
use crate::ids::DesignationId;
use crate::place::DivisionCode;
use crate::screening::RiskLevel;

/// What a [`RiskProposal`] proposes to do with an area's designation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ProposedChange {
    /// Leave things as they are.
    Keep {
        /// The level in force now, if any.
        current: Option<RiskLevel>,
    },
    /// Designate the area at `level` from the proposal's day (nothing in force on it now).
    Designate {
        /// The level to designate.
        level: RiskLevel,
    },
    /// Lift designation `lift` on the proposal's day and designate the area at `level` from
    /// that same day.
    Replace {
        /// The designation to lift.
        lift: DesignationId,
        /// Its level.
        current: RiskLevel,
        /// The new level.
        level: RiskLevel,
    },
}

/// A proposed change of an area's risk level (风险等级调整建议), made from figures under a
/// named scheme, with the reason. A person confirms it; it is never recorded by itself.
///
/// ```
/// use fangkong::place::DivisionCode;
/// use fangkong::screening::{CaseFigures, ProposedChange, RiskLevel, RiskProposal, RiskRegister};
/// let shuangqing: DivisionCode = "430502".parse()?;
/// let figures = CaseFigures {
///     cumulative_before: 3,
///     daily_new: vec![("2020-02-15".parse()?, 2)],
///     clusters: vec![],
/// };
/// let mut register = RiskRegister::new();
/// let p = RiskProposal::feb2020_zoning(&register, shuangqing, &figures, "2020-02-20".parse()?);
/// assert_eq!(p.change, ProposedChange::Designate { level: RiskLevel::MEDIUM });
/// assert_eq!(
///     p.explain(),
///     "February 2020 county zoning, Shuangqing (430502), 2020-02-20: designate it a \
///      medium-risk area from 2020-02-20, because it had a new case within 14 days (the last \
///      on 2020-02-15) and 5 cases in all, not more than 50."
/// );
/// register.confirm(&p)?; // once a person has confirmed it
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RiskProposal {
    /// The area concerned.
    pub area: DivisionCode,
    /// The day the proposal is made for; a change takes effect on it.
    pub on: Day,
    /// The scheme that decided, e.g. `plan ed. 9`.
    pub scheme: String,
    /// What to do.
    pub change: ProposedChange,
    /// Why, as a clause a cadre can read out (`it had no case`).
    pub reason: String,
}

impl RiskProposal {
    /// The proposal in one sentence: scheme, area, day, what to do, and why.
    pub fn explain(&self) -> String {
        let action = match &self.change {
            ProposedChange::Keep { current: Some(l) } => {
                format!("keep it a {l}-risk area")
            }
            ProposedChange::Keep { current: None } => "keep it undesignated".to_owned(),
            ProposedChange::Designate { level } => {
                format!("designate it a {level}-risk area from {}", self.on)
            }
            ProposedChange::Replace {
                lift,
                current,
                level,
            } => format!(
                "lift designation {lift} ({current}) and designate it a {level}-risk area from {}",
                self.on
            ),
        };
        format!(
            "{}, {}, {}: {action}, because {}.",
            self.scheme,
            self.area.label(),
            self.on,
            self.reason
        )
    }

    /// The level of `county` on day `on` under the February 2020 county zoning (分区分级,
    /// State Council joint mechanism, 2020-02-17), compared with the designation in force on
    /// exactly `county` in `register`:
    ///
    /// - low: no case at all, or 14 days without a new case (no new case on `on − 14 ..= on`);
    /// - medium: a new case within 14 days and at most 50 cases in all, or more than 50 cases
    ///   in all without a cluster (聚集性疫情) within 14 days;
    /// - high: more than 50 cases in all and a cluster within 14 days.
    ///
    /// Cases dated after `on` are not counted. The proposal keeps a designation at the same
    /// level, replaces one at another level, and designates the county when nothing is in force.
    pub fn feb2020_zoning(
        register: &RiskRegister,
        county: DivisionCode,
        figures: &CaseFigures,
        on: Day,
    ) -> RiskProposal {
        const WINDOW: i64 = 14;
        let counted = figures.daily_new.iter().filter(|(d, n)| *d <= on && *n > 0);
        let cumulative = counted
            .clone()
            .fold(u64::from(figures.cumulative_before), |a, (_, n)| {
                a.saturating_add(u64::from(*n))
            });
        let last_case = counted.map(|(d, _)| *d).max();
        let recent_case = last_case.filter(|d| on.days_since(*d) <= WINDOW);
        let recent_cluster = figures
            .clusters
            .iter()
            .filter(|d| **d <= on && on.days_since(**d) <= WINDOW)
            .max();
        let (level, reason) = match (cumulative, recent_case) {
            (0, _) => (RiskLevel::LOW, "it had no case".to_owned()),
            (_, None) => (
                RiskLevel::LOW,
                match last_case {
                    Some(d) => format!(
                        "it had 14 days without a new case (the last on {d}, {cumulative} in all)"
                    ),
                    None => format!(
                        "it had 14 days without a new case ({cumulative} in all, none recorded \
                         by day)"
                    ),
                },
            ),
            (1..=50, Some(d)) => (
                RiskLevel::MEDIUM,
                format!(
                    "it had a new case within 14 days (the last on {d}) and {cumulative} cases in \
                     all, not more than 50"
                ),
            ),
            (_, Some(_)) => match recent_cluster {
                None => (
                    RiskLevel::MEDIUM,
                    format!(
                        "it had {cumulative} cases in all, more than 50, but no cluster within 14 \
                         days"
                    ),
                ),
                Some(c) => (
                    RiskLevel::HIGH,
                    format!(
                        "it had {cumulative} cases in all, more than 50, and a cluster on {c}, \
                         within 14 days"
                    ),
                ),
            },
        };
        let change = match register.current_for(county, on) {
            Some(d) if d.level == level => ProposedChange::Keep {
                current: Some(level),
            },
            Some(d) => ProposedChange::Replace {
                lift: d.id,
                current: d.level.clone(),
                level,
            },
            None => ProposedChange::Designate { level },
        };
        RiskProposal {
            area: county,
            on,
            scheme: "February 2020 county zoning".to_owned(),
            change,
            reason,
        }
    }

    /// The downgrade of designation `id` on day `on` under `rules` (plan ed. 9 or the twenty
    /// measures), given the day of the last new infection in the area (`None`: none since
    /// the designation). Counting follows the module documentation: the days without a new
    /// infection are the whole days after `last_infection` (and from the designation's first
    /// day) up to `on − 1`.
    ///
    /// A high-risk designation goes to low after `high_to_low` days when that is set and
    /// reached, else to medium after `high_to_medium` days; a medium-risk designation that
    /// replaced a high one goes to low after `medium_after_high_to_low` days, one designated
    /// directly after `medium_to_low` days. Otherwise the proposal is to keep it, with the
    /// reason (days so far and the first day a downgrade is possible; or already lifted, not
    /// yet in force, already low, a level outside the scheme).
    ///
    /// ```
    /// use fangkong::Day;
    /// use fangkong::place::DivisionCode;
    /// use fangkong::screening::{
    ///     DowngradeDays, ProposedChange, RiskLevel, RiskProposal, RiskRegister,
    /// };
    /// let mut register = RiskRegister::new();
    /// let wuchang: DivisionCode = "420106".parse()?;
    /// let id = register.designate(wuchang, RiskLevel::HIGH, "2022-06-01".parse()?, "notice")?;
    /// let last: Day = "2022-06-03".parse()?;
    /// let rules = DowngradeDays::ed9();
    /// // Day 0 is 06-03; days 1..=7 are 06-04..=06-10; the downgrade is possible on 06-11.
    /// let early = RiskProposal::ed9_downgrade(&register, id, Some(last), "2022-06-10".parse()?, &rules)?;
    /// assert!(matches!(early.change, ProposedChange::Keep { .. }));
    /// let due = RiskProposal::ed9_downgrade(&register, id, Some(last), "2022-06-11".parse()?, &rules)?;
    /// assert!(matches!(due.change, ProposedChange::Replace { .. }));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ScreeningError::UnknownDesignation`](crate::screening::ScreeningError::UnknownDesignation) when `id` is not in `register`.
    pub fn ed9_downgrade(
        register: &RiskRegister,
        id: DesignationId,
        last_infection: Option<Day>,
        on: Day,
        rules: &DowngradeDays,
    ) -> Result<RiskProposal, Error> {
        let d = register
            .get(id)
            .ok_or(Error::Screening(ScreeningError::UnknownDesignation { id }))?;
        let keep = |current: Option<RiskLevel>, reason: String| RiskProposal {
            area: d.area,
            on,
            scheme: rules.name.clone(),
            change: ProposedChange::Keep { current },
            reason,
        };
        if let Some(lifted) = d.lifted.filter(|l| *l <= on) {
            return Ok(keep(
                None,
                format!("designation {id} was lifted on {lifted}"),
            ));
        }
        if d.from > on {
            return Ok(keep(
                None,
                format!("designation {id} only comes into force on {}", d.from),
            ));
        }
        // Whole days without a new infection while designated: day 0 is the later of the last
        // infection and the day before the designation took effect.
        let since_designation = on.days_since(d.from);
        let (clean, day0, since) = match last_infection {
            Some(li) if on.days_since(li) - 1 < since_designation => (
                (on.days_since(li) - 1).max(0),
                Some(li),
                format!("the last infection on {li}"),
            ),
            _ => (
                since_designation,
                d.from.plus_days(-1).ok(),
                format!("designation {id} took effect on {}", d.from),
            ),
        };
        let steps: Vec<(u32, RiskLevel, &str)> = if d.level == RiskLevel::HIGH {
            let mut s = Vec::new();
            if let Some(n) = rules.high_to_low {
                s.push((n, RiskLevel::LOW, "a high-risk area to low"));
            }
            if let Some(n) = rules.high_to_medium {
                s.push((n, RiskLevel::MEDIUM, "a high-risk area to medium"));
            }
            s
        } else if d.level == RiskLevel::MEDIUM {
            let after_high = d
                .replaces
                .and_then(|r| register.get(r))
                .is_some_and(|r| r.level == RiskLevel::HIGH);
            if after_high {
                vec![(
                    rules.medium_after_high_to_low,
                    RiskLevel::LOW,
                    "a medium-risk area downgraded from high to low",
                )]
            } else {
                vec![(
                    rules.medium_to_low,
                    RiskLevel::LOW,
                    "a medium-risk area to low",
                )]
            }
        } else if d.level == RiskLevel::LOW {
            return Ok(keep(
                Some(d.level.clone()),
                "a low-risk area has no lower level to go to".to_owned(),
            ));
        } else {
            return Ok(keep(
                Some(d.level.clone()),
                format!("level {} is not a level of {}", d.level, rules.name),
            ));
        };
        let days = |n: i64| if n == 1 { "day" } else { "days" };
        if let Some((n, level, what)) = steps.iter().find(|(n, _, _)| clean >= i64::from(*n)) {
            return Ok(RiskProposal {
                area: d.area,
                on,
                scheme: rules.name.clone(),
                change: ProposedChange::Replace {
                    lift: id,
                    current: d.level.clone(),
                    level: level.clone(),
                },
                reason: format!(
                    "it had {clean} whole {} without a new infection since {since}, and {} moves \
                     {what} after {n}",
                    days(clean),
                    rules.name
                ),
            });
        }
        // Not yet: name the nearest step and the first day it is possible.
        let nearest = steps.iter().min_by_key(|(n, _, _)| *n);
        let reason = match nearest {
            None => format!(
                "{} sets no downgrade for a {}-risk area",
                rules.name, d.level
            ),
            Some((n, _, what)) => {
                let possible = day0.and_then(|d0| d0.plus_days(i64::from(*n) + 1).ok());
                let when = possible
                    .map(|p| format!(", possible from {p}"))
                    .unwrap_or_default();
                format!(
                    "it had only {clean} whole {} without a new infection since {since}, and {} \
                     moves {what} after {n}{when}",
                    days(clean),
                    rules.name
                )
            }
        };
        Ok(keep(Some(d.level.clone()), reason))
    }
}

/// Daily case figures of a county, for [`RiskProposal::feb2020_zoning`]. Any values are
/// valid: days not listed had no new case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFigures {
    /// Cases before the first day of `daily_new` (their days are taken to be more than 14
    /// days back; list recent days in `daily_new`).
    pub cumulative_before: u32,
    /// New confirmed cases (新增确诊病例) by day.
    pub daily_new: Vec<(Day, u32)>,
    /// Days on which a cluster (聚集性疫情) was reported.
    pub clusters: Vec<Day>,
}

/// The day counts of a de-designation scheme (风险区降级): how many whole days without a new
/// infection move an area down. Any values are valid; see [`RiskProposal::ed9_downgrade`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DowngradeDays {
    /// The scheme's name, as explanations print it.
    pub name: String,
    /// High → medium after this many days (`None`: no such step).
    pub high_to_medium: Option<u32>,
    /// High → low after this many days (`None`: no such step); checked before
    /// `high_to_medium`.
    pub high_to_low: Option<u32>,
    /// Medium (downgraded from high) → low after this many days.
    pub medium_after_high_to_low: u32,
    /// Medium (designated directly) → low after this many days.
    pub medium_to_low: u32,
}

impl DowngradeDays {
    /// Plan ed. 9 (防控方案第九版, 2022-06): high → medium after 7 days, medium downgraded
    /// from high → low after 3, medium designated directly → low after 7.
    pub fn ed9() -> DowngradeDays {
        DowngradeDays {
            name: "plan ed. 9".to_owned(),
            high_to_medium: Some(7),
            high_to_low: None,
            medium_after_high_to_low: 3,
            medium_to_low: 7,
        }
    }

    /// The twenty measures (二十条, 2022-11): high → low after 5 days. The twenty measures
    /// abolished medium-risk areas; for any still designated, the plan ed. 9 counts are kept
    /// (this library's choice).
    pub fn twenty_measures() -> DowngradeDays {
        DowngradeDays {
            name: "twenty measures".to_owned(),
            high_to_medium: None,
            high_to_low: Some(5),
            medium_after_high_to_low: 3,
            medium_to_low: 7,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::RegisterChange;
    use crate::test_support::{code, day};

    fn figures(before: u32, daily: &[(&str, u32)], clusters: &[&str]) -> CaseFigures {
        CaseFigures {
            cumulative_before: before,
            daily_new: daily.iter().map(|(d, n)| (day(d), *n)).collect(),
            clusters: clusters.iter().map(|d| day(d)).collect(),
        }
    }

    #[track_caller]
    fn zoning(f: &CaseFigures, on: &str) -> RiskProposal {
        RiskProposal::feb2020_zoning(&RiskRegister::new(), code("430502"), f, day(on))
    }

    #[track_caller]
    fn level(p: &RiskProposal) -> RiskLevel {
        match &p.change {
            ProposedChange::Designate { level } => level.clone(),
            other => panic!("expected a designation, got {other:?}"),
        }
    }

    #[test]
    fn zoning_low_when_no_case_at_all() {
        let p = zoning(&figures(0, &[], &[]), "2020-02-20");
        assert_eq!(level(&p), RiskLevel::LOW);
        assert_eq!(
            p.explain(),
            "February 2020 county zoning, Shuangqing (430502), 2020-02-20: designate it a \
             low-risk area from 2020-02-20, because it had no case."
        );
    }

    #[test]
    fn zoning_fourteen_days_without_a_new_case_counts_whole_days() {
        // Given a last case on 2020-02-01 (day 0): days 02-02 ..= 02-15 are the 14 days
        let f = figures(3, &[("2020-02-01", 1), ("2020-02-25", 1)], &[]);
        // When zoning on 02-15 (day 14 not yet over) it is still medium
        assert_eq!(level(&zoning(&f, "2020-02-15")), RiskLevel::MEDIUM);
        // Then from 02-16 (day 15) it is low; the case of 02-25 is not counted yet
        let p = zoning(&f, "2020-02-16");
        assert_eq!(level(&p), RiskLevel::LOW);
        assert_eq!(
            p.reason,
            "it had 14 days without a new case (the last on 2020-02-01, 4 in all)"
        );
        // Earlier cases of unknown day do not stand in the way
        assert_eq!(
            zoning(&figures(9, &[], &[]), "2020-02-16").reason,
            "it had 14 days without a new case (9 in all, none recorded by day)"
        );
    }

    #[test]
    fn zoning_medium_up_to_50_cases_and_above_50_without_a_cluster() {
        let f = figures(49, &[("2020-02-10", 1)], &["2020-02-10"]);
        assert_eq!(level(&zoning(&f, "2020-02-20")), RiskLevel::MEDIUM);
        let f = figures(50, &[("2020-02-10", 1)], &["2020-02-05"]);
        // 51 cases; the cluster of 02-05 is 15 days before 02-20: outside the 14 days
        let p = zoning(&f, "2020-02-20");
        assert_eq!(level(&p), RiskLevel::MEDIUM);
        assert_eq!(
            p.reason,
            "it had 51 cases in all, more than 50, but no cluster within 14 days"
        );
    }

    #[test]
    fn zoning_high_above_50_with_a_cluster_within_14_days() {
        // The cluster of 02-06 is 14 days before 02-20: still within
        let f = figures(50, &[("2020-02-10", 1)], &["2020-02-06"]);
        let p = zoning(&f, "2020-02-20");
        assert_eq!(level(&p), RiskLevel::HIGH);
        assert_eq!(
            p.reason,
            "it had 51 cases in all, more than 50, and a cluster on 2020-02-06, within 14 days"
        );
    }

    #[test]
    fn zoning_keeps_or_replaces_the_designation_in_force() {
        let mut r = RiskRegister::new();
        let shuangqing = code("430502");
        let id = r
            .designate(shuangqing, RiskLevel::MEDIUM, day("2020-02-17"), "zoning")
            .unwrap();
        let f = figures(5, &[("2020-02-15", 1)], &[]);
        let p = RiskProposal::feb2020_zoning(&r, shuangqing, &f, day("2020-02-20"));
        assert_eq!(
            p.change,
            ProposedChange::Keep {
                current: Some(RiskLevel::MEDIUM)
            }
        );
        assert!(r.confirm(&p).unwrap().is_empty());
        // Sixteen days later it goes low: lift and designate anew, history kept
        let p = RiskProposal::feb2020_zoning(&r, shuangqing, &f, day("2020-03-02"));
        assert_eq!(
            p.explain(),
            "February 2020 county zoning, Shuangqing (430502), 2020-03-02: lift designation 1 \
             (medium) and designate it a low-risk area from 2020-03-02, because it had 14 days \
             without a new case (the last on 2020-02-15, 6 in all)."
        );
        let changes = r.confirm(&p).unwrap();
        assert_eq!(changes.len(), 2);
        assert_eq!(r.get(id).unwrap().lifted, Some(day("2020-03-02")));
        let new = r.at_risk(shuangqing, day("2020-03-02")).unwrap();
        assert_eq!(new.level, RiskLevel::LOW);
        assert_eq!(new.replaces, Some(id));
        assert_eq!(new.basis, p.explain());
        // Confirming the same proposal again is refused: it is stale
        assert_eq!(
            r.confirm(&p).unwrap_err().to_string(),
            "designation 1 was already lifted on 2020-03-02; to put the area at risk again, \
             designate it anew"
        );
    }

    #[test]
    fn a_proposal_for_another_area_is_refused() {
        let mut r = RiskRegister::new();
        let id = r
            .designate(code("430502"), RiskLevel::HIGH, day("2022-06-01"), "n")
            .unwrap();
        let mut p =
            RiskProposal::ed9_downgrade(&r, id, None, day("2022-06-20"), &DowngradeDays::ed9())
                .unwrap();
        p.area = code("430503");
        assert_eq!(
            r.plan_confirmation(&p).unwrap_err().to_string(),
            "the proposal for Daxiang (430503) cannot change designation 1, which is about \
             Shuangqing (430502)"
        );
    }

    #[test]
    fn ed9_high_goes_to_medium_on_day_8_then_low_3_days_later() {
        // Given Wuchang high from 2022-06-01, last infection on 06-03 (day 0)
        let mut r = RiskRegister::new();
        let wuchang = code("420106");
        let high = r
            .designate(wuchang, RiskLevel::HIGH, day("2022-06-01"), "notice")
            .unwrap();
        let rules = DowngradeDays::ed9();
        let last = Some(day("2022-06-03"));
        // When asked on day 7 (06-10), the 7th day is not yet whole
        let p = RiskProposal::ed9_downgrade(&r, high, last, day("2022-06-10"), &rules).unwrap();
        assert_eq!(
            p.explain(),
            "plan ed. 9, Wuchang (420106), 2022-06-10: keep it a high-risk area, because it had \
             only 6 whole days without a new infection since the last infection on 2022-06-03, \
             and plan ed. 9 moves a high-risk area to medium after 7, possible from 2022-06-11."
        );
        // Then on day 8 (06-11) the downgrade to medium is proposed
        let p = RiskProposal::ed9_downgrade(&r, high, last, day("2022-06-11"), &rules).unwrap();
        assert_eq!(
            p.explain(),
            "plan ed. 9, Wuchang (420106), 2022-06-11: lift designation 1 (high) and designate \
             it a medium-risk area from 2022-06-11, because it had 7 whole days without a new \
             infection since the last infection on 2022-06-03, and plan ed. 9 moves a \
             high-risk area to medium after 7."
        );
        let changes = r.confirm(&p).unwrap();
        let medium = match &changes[1] {
            RegisterChange::Designated(d) => d.id,
            other => panic!("{other:?}"),
        };
        // Medium from 06-11 (day 0 = 06-10): 3 whole days 06-11..=06-13, low from 06-14
        let p = RiskProposal::ed9_downgrade(&r, medium, last, day("2022-06-13"), &rules).unwrap();
        assert_eq!(
            p.reason,
            "it had only 2 whole days without a new infection since designation 2 took effect \
             on 2022-06-11, and plan ed. 9 moves a medium-risk area downgraded from high to low \
             after 3, possible from 2022-06-14"
        );
        let p = RiskProposal::ed9_downgrade(&r, medium, last, day("2022-06-14"), &rules).unwrap();
        assert_eq!(
            p.change,
            ProposedChange::Replace {
                lift: medium,
                current: RiskLevel::MEDIUM,
                level: RiskLevel::LOW
            }
        );
    }

    #[test]
    fn ed9_medium_designated_directly_needs_7_days() {
        let mut r = RiskRegister::new();
        let id = r
            .designate(code("420106"), RiskLevel::MEDIUM, day("2022-06-01"), "n")
            .unwrap();
        let rules = DowngradeDays::ed9();
        // No infection since designation: day 0 = 05-31, days 06-01..=06-07, low from 06-08
        let p = RiskProposal::ed9_downgrade(&r, id, None, day("2022-06-07"), &rules).unwrap();
        assert!(matches!(p.change, ProposedChange::Keep { .. }));
        assert!(
            p.reason.ends_with("possible from 2022-06-08"),
            "{}",
            p.reason
        );
        let p = RiskProposal::ed9_downgrade(&r, id, None, day("2022-06-08"), &rules).unwrap();
        assert!(matches!(p.change, ProposedChange::Replace { .. }));
        // An infection on the day asked about resets the count to 0
        let p =
            RiskProposal::ed9_downgrade(&r, id, Some(day("2022-06-08")), day("2022-06-08"), &rules)
                .unwrap();
        assert!(
            p.reason.starts_with("it had only 0 whole days"),
            "{}",
            p.reason
        );
    }

    #[test]
    fn twenty_measures_high_goes_to_low_after_5_days() {
        let mut r = RiskRegister::new();
        let id = r
            .designate(code("420106"), RiskLevel::HIGH, day("2022-11-01"), "n")
            .unwrap();
        let rules = DowngradeDays::twenty_measures();
        let last = Some(day("2022-11-10"));
        let p = RiskProposal::ed9_downgrade(&r, id, last, day("2022-11-15"), &rules).unwrap();
        assert!(matches!(p.change, ProposedChange::Keep { .. }));
        let p = RiskProposal::ed9_downgrade(&r, id, last, day("2022-11-16"), &rules).unwrap();
        assert_eq!(
            p.explain(),
            "twenty measures, Wuchang (420106), 2022-11-16: lift designation 1 (high) and \
             designate it a low-risk area from 2022-11-16, because it had 5 whole days without \
             a new infection since the last infection on 2022-11-10, and twenty measures moves \
             a high-risk area to low after 5."
        );
    }

    #[test]
    fn ed9_keeps_what_it_cannot_downgrade() {
        let mut r = RiskRegister::new();
        let rules = DowngradeDays::ed9();
        let low = r
            .designate(code("420106"), RiskLevel::LOW, day("2022-06-01"), "n")
            .unwrap();
        let red = r
            .designate(
                code("420106"),
                RiskLevel::new(4, "red").unwrap(),
                day("2022-06-01"),
                "n",
            )
            .unwrap();
        let later = r
            .designate(code("420106"), RiskLevel::HIGH, day("2022-07-01"), "n")
            .unwrap();
        let on = day("2022-06-20");
        let reason = |r: &RiskRegister, id| {
            RiskProposal::ed9_downgrade(r, id, None, on, &rules)
                .unwrap()
                .reason
        };
        assert_eq!(
            reason(&r, low),
            "a low-risk area has no lower level to go to"
        );
        assert_eq!(reason(&r, red), "level red is not a level of plan ed. 9");
        assert_eq!(
            reason(&r, later),
            "designation 3 only comes into force on 2022-07-01"
        );
        r.lift(low, day("2022-06-10")).unwrap();
        assert_eq!(reason(&r, low), "designation 1 was lifted on 2022-06-10");
        assert_eq!(
            RiskProposal::ed9_downgrade(&r, DesignationId(9), None, on, &rules)
                .unwrap_err()
                .to_string(),
            "there is no risk-area designation 9 in the register"
        );
    }

    #[test]
    fn proposals_and_parameters_round_trip_through_serde() {
        let p = zoning(&figures(3, &[("2020-02-15", 2)], &[]), "2020-02-20");
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<RiskProposal>(&json).unwrap(), p);
        for rules in [DowngradeDays::ed9(), DowngradeDays::twenty_measures()] {
            let json = serde_json::to_string(&rules).unwrap();
            assert_eq!(serde_json::from_str::<DowngradeDays>(&json).unwrap(), rules);
        }
        let f = figures(3, &[("2020-02-15", 2)], &["2020-02-15"]);
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<CaseFigures>(&json).unwrap(), f);
    }
}
