//! Publicity queries (宣传引导) that read the grid as well: coverage by household (村不漏组、
//! 组不漏户) with the worker of each group, counts by unit and day, and OxCGRT H1 beside C2–C4.

use std::collections::BTreeSet;
use std::fmt;

use super::Registry;
use super::lists::{Home, Worker};
use crate::calendar::Day;
use crate::error::Error;
use crate::gathering::OxcgrtLevels;
use crate::ids::{HouseholdId, UnitId};
use crate::publicity::PublicityError;
use crate::publicity::{
    Campaign, CampaignId, H1Level, PublicityActionId, PublicityKind, PublicityKindDefinition,
    PublicityTally, RecordedAction,
};
use crate::value_error::ValueError;

/// The coverage of publicity by household (村不漏组、组不漏户): the households of some units,
/// how many were reached door to door, and those not reached, by group with the worker who
/// answers for each group.
///
/// A household is reached when a door-to-door action ([`Form::Delivery`]) delivered to it:
/// one of the campaign's actions ([`Registry::campaign_coverage`]), or any on the days asked
/// ([`Registry::publicity_coverage`]).
///
/// [`Form::Delivery`]: crate::publicity::Form::Delivery
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublicityCoverage {
    /// The campaign, when it is a campaign's coverage.
    pub campaign: Option<CampaignId>,
    /// The units covered.
    pub units: Vec<UnitId>,
    /// The households of those units.
    pub households: usize,
    /// How many of them were reached.
    pub reached: usize,
    /// The copies delivered to them.
    pub copies: u64,
    /// The households not reached, by group: ordered by village, group number, then
    /// household.
    pub not_reached: Vec<UnreachedGroup>,
}

/// A group with households publicity has not reached, and the worker who answers for it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnreachedGroup {
    /// The group.
    pub group: UnitId,
    /// Its name.
    pub name: String,
    /// Its village or community.
    pub village: Option<UnitId>,
    /// The grid workers who answer for it (cadres where it has none).
    pub workers: Vec<Worker>,
    /// Its households not reached.
    pub homes: Vec<Home>,
}

fn workers_text(workers: &[Worker], none: &str) -> String {
    if workers.is_empty() {
        return none.to_owned();
    }
    workers
        .iter()
        .map(Worker::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for UnreachedGroup {
    /// `Qianjin group 3 (U7), worker Li Hua (S12): H17 Qianjin 3-05; H20 Qianjin 3-08`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}), worker {}: ",
            self.name,
            self.group,
            workers_text(&self.workers, "none")
        )?;
        let homes: Vec<String> = self
            .homes
            .iter()
            .map(|h| format!("{} {}", h.household, h.address))
            .collect();
        f.write_str(&homes.join("; "))
    }
}

impl UnreachedGroup {
    /// The group in Chinese: `Qianjin group 3 (U7)，网格员 李华 (S12)：H17 前进村3组5号；…`.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let homes: Vec<String> = self
            .homes
            .iter()
            .map(|h| format!("{} {}", h.household, h.address))
            .collect();
        format!(
            "{} ({})，网格员 {}：{}",
            self.name,
            self.group,
            workers_text(&self.workers, "无"),
            homes.join("；")
        )
    }
}

impl PublicityCoverage {
    /// The households not reached, in order.
    pub fn unreached(&self) -> impl Iterator<Item = &Home> {
        self.not_reached.iter().flat_map(|g| g.homes.iter())
    }

    /// The coverage in Chinese: `已入户宣传 4247/4248 户（7100 份）；未覆盖：…`.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let mut out = format!(
            "已入户宣传 {}/{} 户（{} 份）",
            self.reached, self.households, self.copies
        );
        if !self.not_reached.is_empty() {
            out.push_str("；未覆盖：");
            for g in &self.not_reached {
                out.push_str(&format!("\n  {}", g.display_zh()));
            }
        }
        out
    }
}

impl fmt::Display for PublicityCoverage {
    /// `4247 of 4248 households reached (7100 copies); not reached:` and a line per group.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of {} households reached ({} copies)",
            self.reached, self.households, self.copies
        )?;
        if !self.not_reached.is_empty() {
            f.write_str("; not reached:")?;
            for g in &self.not_reached {
                write!(f, "\n  {g}")?;
            }
        }
        Ok(())
    }
}

/// The OxCGRT indicators this registry codes for a unit on a day: the containment indicators
/// C2–C4 (gathering orders and closures) and H1, public information campaigns (publicity),
/// each with its flag and what set it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OxcgrtIndicators {
    /// C2, C3 and C4, with the unit and day coded.
    pub containment: OxcgrtLevels,
    /// H1.
    pub h1: H1Level,
}

impl OxcgrtIndicators {
    /// The indicators in Chinese (`U1 2020-02-01：C2 = 2 全域（…）；…；H1 = 2 全域（…）`).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        format!(
            "{}；{}",
            self.containment.display_zh(),
            self.h1.display_zh()
        )
    }
}

impl fmt::Display for OxcgrtIndicators {
    /// `U1 on 2020-02-01: C2 = 2 general (…); C3 = …; C4 = …; H1 = 2 general (…)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.containment, self.h1)
    }
}

/// # Publicity: coverage, counts and H1 (宣传引导)
///
/// Campaigns and actions, households reached
/// and not, counts by unit and day, OxCGRT H1 beside C2–C4.
impl Registry {
    /// A kind of publicity of the township's own, by its key.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::publicity::PublicityKind;
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// // Presets need no definition.
    /// assert!(reg.publicity_kind(&PublicityKind::LETTER).is_none());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn publicity_kind(&self, kind: &PublicityKind) -> Option<&PublicityKindDefinition> {
        self.state.publicity.kind_definition(kind)
    }

    /// A publicity campaign.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// use fangkong::publicity::{Delivery, PublicityAction};
    /// let t = "2020-01-25T17:00:00+08:00".parse()?;
    /// let day = "2020-01-25".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let group_1 = reg.establish_group(secretary, t, qianjin, 1, "Qianjin group 1")?;
    /// let home = reg.register_household(secretary, t, group_1, "Qianjin 1-01")?;
    /// let letter = reg.launch_campaign(secretary, t, reg.township(), "致广大居民的一封信",
    ///     vec![qianjin], day, None)?;
    /// let action = reg.record_publicity(secretary, t, PublicityAction::letters(group_1, day,
    ///     vec![Delivery::new(home, 2)]).in_campaign(letter))?;
    /// assert_eq!(reg.campaign(letter).map(|c| c.title.as_str()), Some("致广大居民的一封信"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn campaign(&self, id: CampaignId) -> Option<&Campaign> {
        self.state.publicity.campaign(id)
    }

    /// Every publicity campaign, by id.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// use fangkong::publicity::{Delivery, PublicityAction};
    /// let t = "2020-01-25T17:00:00+08:00".parse()?;
    /// let day = "2020-01-25".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let group_1 = reg.establish_group(secretary, t, qianjin, 1, "Qianjin group 1")?;
    /// let home = reg.register_household(secretary, t, group_1, "Qianjin 1-01")?;
    /// let letter = reg.launch_campaign(secretary, t, reg.township(), "致广大居民的一封信",
    ///     vec![qianjin], day, None)?;
    /// let action = reg.record_publicity(secretary, t, PublicityAction::letters(group_1, day,
    ///     vec![Delivery::new(home, 2)]).in_campaign(letter))?;
    /// assert_eq!(reg.campaigns().map(|c| c.id).collect::<Vec<_>>(), vec![letter]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn campaigns(&self) -> impl Iterator<Item = &Campaign> {
        self.state.publicity.campaigns()
    }

    /// A recorded publicity action.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// use fangkong::publicity::{Delivery, PublicityAction};
    /// let t = "2020-01-25T17:00:00+08:00".parse()?;
    /// let day = "2020-01-25".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let group_1 = reg.establish_group(secretary, t, qianjin, 1, "Qianjin group 1")?;
    /// let home = reg.register_household(secretary, t, group_1, "Qianjin 1-01")?;
    /// let letter = reg.launch_campaign(secretary, t, reg.township(), "致广大居民的一封信",
    ///     vec![qianjin], day, None)?;
    /// let action = reg.record_publicity(secretary, t, PublicityAction::letters(group_1, day,
    ///     vec![Delivery::new(home, 2)]).in_campaign(letter))?;
    /// let recorded = reg.publicity_action(action).unwrap();
    /// assert_eq!((recorded.recorded_by, recorded.action.campaign), (secretary, Some(letter)));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn publicity_action(&self, id: PublicityActionId) -> Option<&RecordedAction> {
        self.state.publicity.action(id)
    }

    /// Every recorded publicity action, by id.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// use fangkong::publicity::{Delivery, PublicityAction};
    /// let t = "2020-01-25T17:00:00+08:00".parse()?;
    /// let day = "2020-01-25".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let group_1 = reg.establish_group(secretary, t, qianjin, 1, "Qianjin group 1")?;
    /// let home = reg.register_household(secretary, t, group_1, "Qianjin 1-01")?;
    /// let letter = reg.launch_campaign(secretary, t, reg.township(), "致广大居民的一封信",
    ///     vec![qianjin], day, None)?;
    /// let action = reg.record_publicity(secretary, t, PublicityAction::letters(group_1, day,
    ///     vec![Delivery::new(home, 2)]).in_campaign(letter))?;
    /// assert_eq!(reg.publicity_actions().count(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn publicity_actions(&self) -> impl Iterator<Item = &RecordedAction> {
        self.state.publicity.actions()
    }

    /// The door-to-door actions that delivered to a household, in the order recorded (an
    /// action that delivered to it twice is listed once).
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// use fangkong::publicity::{Delivery, PublicityAction};
    /// let t = "2020-01-25T17:00:00+08:00".parse()?;
    /// let day = "2020-01-25".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let group_1 = reg.establish_group(secretary, t, qianjin, 1, "Qianjin group 1")?;
    /// let home = reg.register_household(secretary, t, group_1, "Qianjin 1-01")?;
    /// let letter = reg.launch_campaign(secretary, t, reg.township(), "致广大居民的一封信",
    ///     vec![qianjin], day, None)?;
    /// let action = reg.record_publicity(secretary, t, PublicityAction::letters(group_1, day,
    ///     vec![Delivery::new(home, 2)]).in_campaign(letter))?;
    /// assert_eq!(reg.publicity_delivered_to(home)[0].id, action);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn publicity_delivered_to(&self, household: HouseholdId) -> Vec<&RecordedAction> {
        let mut seen = BTreeSet::new();
        self.state
            .publicity
            .delivered_to(household)
            .iter()
            .filter(|d| seen.insert(d.action))
            .filter_map(|d| self.state.publicity.action(d.action))
            .collect()
    }

    /// The coverage of a campaign (村不漏组、组不漏户): the households of the units it covers,
    /// those its door-to-door actions reached and the copies they got, and the households not
    /// reached by group, with the worker who answers for each group.
    ///
    /// ```
    /// use fangkong::{Duty, Founding, Registry, Role, UnitKind};
    /// use fangkong::publicity::{Delivery, PublicityAction};
    /// let t = "2020-01-26T09:00:00+08:00".parse()?;
    /// let day = "2020-01-26".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let group_3 = reg.establish_group(secretary, t, qianjin, 3, "Qianjin group 3")?;
    /// let li = reg.enroll_staff(secretary, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign(secretary, t, li, group_3, Duty::Grid)?;
    /// let reached = reg.register_household(li, t, group_3, "Qianjin 3-01")?;
    /// let missed = reg.register_household(li, t, group_3, "Qianjin 3-02")?;
    /// let letter = reg.launch_campaign(secretary, t, reg.township(), "致广大居民的一封信",
    ///     vec![reg.township()], day, None)?;
    /// reg.record_publicity(li, t, PublicityAction::letters(group_3, day,
    ///     vec![Delivery::new(reached, 2)]).in_campaign(letter))?;
    /// let coverage = reg.campaign_coverage(letter)?;
    /// assert_eq!(coverage.to_string(), format!(
    ///     "1 of 2 households reached (2 copies); not reached:\n  \
    ///      Qianjin group 3 (U3), worker Li Hua (S2): {missed} Qianjin 3-02"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`PublicityError::UnknownCampaign`].
    pub fn campaign_coverage(&self, campaign: CampaignId) -> Result<PublicityCoverage, Error> {
        let c = self
            .state
            .publicity
            .campaign(campaign)
            .ok_or(Error::Publicity(PublicityError::UnknownCampaign {
                campaign,
            }))?;
        let p = &self.state.publicity;
        Ok(self.coverage_of(Some(campaign), c.cover.clone(), |action| {
            p.action(action)
                .is_some_and(|a| a.action.campaign == Some(campaign))
        }))
    }

    /// The coverage of door-to-door publicity of any kind and campaign delivered on the days
    /// `first ..= last` to the households of `unit` (see [`campaign_coverage`](Self::campaign_coverage)).
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// use fangkong::publicity::{Delivery, PublicityAction};
    /// let t = "2020-01-25T17:00:00+08:00".parse()?;
    /// let day = "2020-01-25".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let group_1 = reg.establish_group(secretary, t, qianjin, 1, "Qianjin group 1")?;
    /// let home = reg.register_household(secretary, t, group_1, "Qianjin 1-01")?;
    /// let letter = reg.launch_campaign(secretary, t, reg.township(), "致广大居民的一封信",
    ///     vec![qianjin], day, None)?;
    /// let action = reg.record_publicity(secretary, t, PublicityAction::letters(group_1, day,
    ///     vec![Delivery::new(home, 2)]).in_campaign(letter))?;
    /// let coverage = reg.publicity_coverage(qianjin, day, day);
    /// assert_eq!((coverage.reached, coverage.households, coverage.copies), (1, 1, 2));
    /// assert_eq!(reg.publicity_coverage(qianjin, "2020-01-24".parse()?, "2020-01-24".parse()?).reached, 0);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn publicity_coverage(&self, unit: UnitId, first: Day, last: Day) -> PublicityCoverage {
        let p = &self.state.publicity;
        let mut within = BTreeSet::new();
        for (_, ds) in p.deliveries() {
            for d in ds.iter().filter(|d| first <= d.day && d.day <= last) {
                within.insert(d.action);
            }
        }
        self.coverage_of(None, vec![unit], |action| within.contains(&action))
    }

    /// The coverage of the households of `units` by the deliveries of the actions `counts`
    /// accepts.
    fn coverage_of(
        &self,
        campaign: Option<CampaignId>,
        units: Vec<UnitId>,
        counts: impl Fn(PublicityActionId) -> bool,
    ) -> PublicityCoverage {
        let grid = &self.state.grid;
        let mut groups: Vec<UnitId> = units.iter().flat_map(|u| grid.groups_under(*u)).collect();
        groups.sort_unstable();
        groups.dedup();
        let (mut households, mut reached, mut copies) = (0, 0, 0u64);
        let mut not_reached = Vec::new();
        for g in groups {
            let mut homes = Vec::new();
            for h in grid.group_households.get(&g).into_iter().flatten() {
                households += 1;
                let got: u64 = self
                    .state
                    .publicity
                    .delivered_to(*h)
                    .iter()
                    .filter(|d| counts(d.action))
                    .map(|d| u64::from(d.copies))
                    .sum();
                if got > 0 {
                    reached += 1;
                    copies += got;
                } else if let Some(home) = self.home(*h) {
                    homes.push(home);
                }
            }
            if homes.is_empty() {
                continue;
            }
            homes.sort_by_key(|h| h.household);
            let unit = grid.units.get(&g);
            not_reached.push(UnreachedGroup {
                group: g,
                name: unit.map(|u| u.name.clone()).unwrap_or_default(),
                village: unit.and_then(|u| u.parent),
                workers: self.list_workers(g),
                homes,
            });
        }
        let number = |g: UnitId| grid.units.get(&g).and_then(|u| u.number);
        not_reached.sort_by_key(|g| (g.village, number(g.group), g.group));
        PublicityCoverage {
            campaign,
            units,
            households,
            reached,
            copies,
            not_reached,
        }
    }

    /// Publicity counted by the unit where it ran and by day, for what ran at or under `unit`
    /// on the days `first ..= last`: copies and households of deliveries, outings,
    /// broadcasts, messages and posters. A unit's day whose counts no longer fit their numbers
    /// is refused ([`ValueError::CountsTooLarge`]) rather than held at the largest number.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, UnitKind};
    /// use fangkong::publicity::{BroadcastSchedule, PublicityAction};
    /// let t: Instant = "2020-01-26T19:00:00+08:00".parse()?;
    /// let day = "2020-01-26".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let times = vec!["2020-01-26T07:00:00+08:00".parse()?, "2020-01-26T18:30:00+08:00".parse()?];
    /// reg.record_publicity(secretary, t,
    ///     PublicityAction::broadcast(qianjin, BroadcastSchedule::Times(times)))?;
    /// let tally = reg.publicity_counts(reg.township(), day, day)?;
    /// assert_eq!(tally.get(qianjin, day).broadcasts, 2);
    /// assert_eq!(tally.total()?.broadcasts, 2);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn publicity_counts(
        &self,
        unit: UnitId,
        first: Day,
        last: Day,
    ) -> Result<PublicityTally, ValueError> {
        self.state
            .publicity
            .tally(&self.state.grid, self.state.grid.offset, unit, first, last)
    }

    /// OxCGRT H1, public information campaigns, of `unit` on `day`, with its flag and what set
    /// it ([`H1Level`]; the choices are the `publicity` module's).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, UnitKind};
    /// use fangkong::publicity::{BroadcastSchedule, PublicityAction};
    /// let t: Instant = "2020-01-26T19:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let loop_ = BroadcastSchedule::Loop { start: "2020-01-26T07:00:00+08:00".parse()?,
    ///                                       end: "2020-01-26T19:00:00+08:00".parse()? };
    /// reg.record_publicity(secretary, t, PublicityAction::broadcast(qianjin, loop_))?;
    /// // Only one village broadcasts: coded at the township, H1 is targeted.
    /// assert_eq!(reg.h1(reg.township(), "2020-01-26".parse()?).to_string(),
    ///     "H1 = 1 targeted (village loudspeaker PA1)");
    /// assert_eq!(reg.h1(qianjin, "2020-01-26".parse()?).to_string(),
    ///     "H1 = 1 general (village loudspeaker PA1)");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn h1(&self, unit: UnitId, day: Day) -> H1Level {
        self.state
            .publicity
            .h1(&self.state.grid, self.state.grid.offset, unit, day)
    }

    /// The OxCGRT indicators of `unit` on `day`: C2–C4 ([`oxcgrt`](Self::oxcgrt)) and H1
    /// ([`h1`](Self::h1)), each with its flag and what set it.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// let t = "2020-01-26T19:00:00+08:00".parse()?;
    /// let reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// assert_eq!(reg.oxcgrt_indicators(reg.township(), "2020-01-26".parse()?).to_string(),
    ///     "U1 on 2020-01-26: C2 = 0; C3 = 0; C4 = 0; H1 = 0");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn oxcgrt_indicators(&self, unit: UnitId, day: Day) -> OxcgrtIndicators {
        OxcgrtIndicators {
            containment: self.oxcgrt(unit, day),
            h1: self.h1(unit, day),
        }
    }
}
