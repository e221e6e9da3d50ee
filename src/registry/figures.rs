//! The daily figures (日报数据) of each reporting unit, computed from every module's records.
//!
//! They read the grid, screening, observation, gatherings, supervision and publicity, so they
//! live beside the registry, not inside one module.

use std::collections::{BTreeMap, BTreeSet};

use super::{Registry, State};
use crate::calendar::Day;
use crate::disinfection::RoundStatus;
use crate::gathering::PersuasionResult;
use crate::ids::{HouseholdId, ResidentId, UnitId};
use crate::observation::{EndReason, Status};
use crate::publicity::Form;
use crate::report::DailyFigures;
use crate::supplies::Item;

/// # Daily figures (日报数据)
///
/// What the registry itself holds for a unit and day.
impl Registry {
    /// The daily figures of every reporting unit for `day`, as of the end of that day (local
    /// time): households total and screened, key people new and cumulative, under observation,
    /// released new and cumulative, referred and other endings, missed checks and abnormal
    /// readings, persuasion, venues and supervision, and publicity: letters delivered and
    /// households reached door to door, van outings and broadcasts, new and cumulative.
    ///
    /// Each household counts in exactly one row: that of the nearest reporting unit above its
    /// group (a group or zone made a reporting unit takes its households out of its village's
    /// row), so the rows add up to the township ([`Registry::township_figures`]).
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let v = reg.establish_unit(s1, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let g = reg.establish_group(s1, t, v, 1, "Qianjin group 1")?;
    /// reg.register_household(s1, t, g, "Qianjin 1-01")?;
    /// let figures = reg.daily_figures_by_unit("2020-01-24".parse()?);
    /// assert_eq!(figures[&v].households_total, 1);
    /// assert!(figures[&v].is_zero_report());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn daily_figures_by_unit(&self, day: Day) -> BTreeMap<UnitId, DailyFigures> {
        self.state.figures_by_unit(day)
    }

    /// The daily figures of one reporting unit for `day` (zero for a unit that is not one).
    ///
    /// ```
    /// use fangkong::report::DailyFigures;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, day, leader, qianjin, group_1, .. } = doc_fixture()?;
    /// let figures = reg.daily_figures(qianjin, day);
    /// assert_eq!(figures.households_total, 1);
    /// // A group is not a reporting unit unless a leader makes it one: its figures are zero.
    /// assert_eq!(reg.daily_figures(group_1, day), DailyFigures::default());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn daily_figures(&self, unit: UnitId, day: Day) -> DailyFigures {
        self.daily_figures_by_unit(day)
            .remove(&unit)
            .unwrap_or_default()
    }

    /// The township's figures for `day`: its reporting units' rows and its own, added up.
    ///
    /// ```
    /// use fangkong::UnitKind;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, .. } = doc_fixture()?;
    /// let hongqi =
    ///     reg.establish_unit(leader, t, UnitKind::Village, "Hongqi", reg.township(), None)?;
    /// let hongqi_1 = reg.establish_group(leader, t, hongqi, 1, "Hongqi group 1")?;
    /// reg.register_household(leader, t, hongqi_1, "Hongqi 1-01")?;
    /// assert_eq!(reg.township_figures(day).households_total, 2);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn township_figures(&self, day: Day) -> DailyFigures {
        self.daily_figures_by_unit(day).into_values().sum()
    }
}

impl State {
    /// The daily figures of every reporting unit for `day`, from what the registry holds now
    /// (see [`Registry::daily_figures_by_unit`]). A submitted report carries these (issue 18).
    pub(super) fn figures_by_unit(&self, day: Day) -> BTreeMap<UnitId, DailyFigures> {
        let s = self;
        let grid = &s.grid;
        let reporting: BTreeSet<UnitId> = s
            .report
            .reporting_units(grid.units.values())
            .into_iter()
            .collect();
        let mut out: BTreeMap<UnitId, DailyFigures> = reporting
            .iter()
            .map(|u| (*u, DailyFigures::default()))
            .collect();
        // The row of each group: the nearest reporting unit at or above it.
        let mut row_of_group: BTreeMap<UnitId, UnitId> = BTreeMap::new();
        let township = grid.township.unwrap_or(UnitId::new(1));
        let mut row_of = |unit: UnitId| -> UnitId {
            *row_of_group.entry(unit).or_insert_with(|| {
                grid.covering_units(unit)
                    .into_iter()
                    .find(|u| reporting.contains(u))
                    .unwrap_or(township)
            })
        };
        let group_of_household = |h: HouseholdId| grid.households.get(&h).map(|x| x.group);
        let household_of_resident = |r: ResidentId| grid.residents.get(&r).map(|x| x.household);

        // Households, and those screened by the end of the day.
        let screened = s.screening.screened_by(day);
        for h in grid.households.values() {
            let f = out.entry(row_of(h.group)).or_default();
            f.households_total += 1;
            if screened.contains(&h.id) {
                f.households_screened += 1;
            }
        }

        // Key people found: new on the day, and cumulative.
        for (resident, interviews) in &s.screening.interviews {
            let key: Vec<Day> = interviews
                .iter()
                .filter(|i| i.on <= day && i.outcome.key_person().is_some())
                .map(|i| i.on)
                .collect();
            let Some(first) = key.iter().min() else {
                continue;
            };
            let Some(group) = household_of_resident(*resident).and_then(group_of_household) else {
                continue;
            };
            let f = out.entry(row_of(group)).or_default();
            f.key_people_cumulative += 1;
            if *first == day {
                f.key_people_new += 1;
            }
        }

        // Observations: where each stands at the end of the day and the day before.
        let before = day.plus_days(-1).ok();
        let released = |st: &Status| {
            matches!(
                st,
                Status::Released { .. }
                    | Status::FollowOnMonitoring { .. }
                    | Status::Ended {
                        reason: EndReason::IndexCaseRuledOut,
                        ..
                    }
            )
        };
        for rec in s.observation.observations.values() {
            let Some(group) = household_of_resident(rec.resident).and_then(group_of_household)
            else {
                continue;
            };
            let f = out.entry(row_of(group)).or_default();
            let o = &rec.observation;
            let now = o.status_on(day);
            let then = before.map(|b| o.status_on(b));
            if now == Status::UnderObservation {
                f.under_observation += 1;
            }
            if released(&now) {
                f.released_cumulative += 1;
                if !then.as_ref().is_some_and(released) {
                    f.released_new += 1;
                }
            }
            match &now {
                Status::Referred { on, .. } if *on == day => f.referred_new += 1,
                Status::TransferredOut { on, .. } if *on == day => f.other_endings_new += 1,
                Status::Ended { on, reason, .. }
                    if *on == day && *reason != EndReason::IndexCaseRuledOut =>
                {
                    f.other_endings_new += 1;
                }
                _ => {}
            }
            f.missed_checks += o.missed_checks_on(day) as u64;
            let fever = o.protocol().fever;
            f.abnormal_readings += o
                .readings()
                .iter()
                .filter(|r| r.at.day_in(o.offset()) == day && fever.is_fever(r.temperature))
                .count() as u64;
        }
        // Gatherings: persuasion outcomes recorded on the day, venues closed at its end, and
        // violations found on it; each in the row of the unit where it is.
        let gatherings = &s.gathering;
        for p in gatherings.persuasions().filter(|p| p.day == day) {
            let Some(g) = gatherings.gathering(p.gathering) else {
                continue;
            };
            let f = out.entry(row_of(g.unit)).or_default();
            match p.outcome.result() {
                PersuasionResult::Postponed => f.persuasion_postponed += 1,
                PersuasionResult::Simplified => f.persuasion_simplified += 1,
                PersuasionResult::Cancelled => f.persuasion_cancelled += 1,
                PersuasionResult::Refused => f.persuasion_escalated += 1,
            }
        }
        for (venue, _) in gatherings.venues_closed_on(grid, township, day) {
            if let Some(v) = gatherings.venue(venue) {
                out.entry(row_of(v.unit)).or_default().venues_closed += 1;
            }
        }
        for v in gatherings.violations().filter(|v| v.day == day) {
            out.entry(row_of(v.unit)).or_default().violations_new += 1;
        }
        // Publicity (DOMAIN.md §9): copies delivered door to door and households reached, in
        // the row of each household's group; van outings and broadcasts in the row of the unit
        // where they ran.
        let publicity = &s.publicity;
        for (h, delivered) in publicity.deliveries() {
            let Some(group) = group_of_household(h) else {
                continue;
            };
            let (mut new, mut cumulative, mut first) = (0u64, 0u64, None::<Day>);
            for d in delivered.iter().filter(|d| d.day <= day) {
                cumulative += u64::from(d.copies);
                if d.day == day {
                    new += u64::from(d.copies);
                }
                first = Some(first.map_or(d.day, |f| f.min(d.day)));
            }
            let Some(first) = first else {
                continue;
            };
            let f = out.entry(row_of(group)).or_default();
            f.letters_new += new;
            f.letters_cumulative += cumulative;
            f.households_reached_cumulative += 1;
            if first == day {
                f.households_reached_new += 1;
            }
        }
        for a in publicity.actions() {
            let details = &a.action.details;
            if !matches!(details.form(), Form::Outing | Form::Broadcast) {
                continue;
            }
            let so_far = details.counts_to(grid.offset, day);
            if so_far.outings + so_far.broadcasts == 0 {
                continue;
            }
            let today = details.counts_on(grid.offset, day);
            let f = out.entry(row_of(a.action.unit)).or_default();
            f.van_outings_new += today.outings;
            f.van_outings_cumulative += so_far.outings;
            f.broadcasts_new += today.broadcasts;
            f.broadcasts_cumulative += so_far.broadcasts;
        }
        // The duty roster: each shift starting on the day in the row of its post's unit,
        // staffed or short; each volunteer checked in to one of them once, in the row of the
        // first such post.
        let mut volunteers = BTreeSet::new();
        for row in s.roster.shifts_on(day, grid.offset) {
            let f = out.entry(row_of(row.unit)).or_default();
            if row.is_short() {
                f.shifts_short += 1;
            } else {
                f.shifts_staffed += 1;
            }
            for staff in &row.checked_in {
                if s.roster.volunteer(*staff).is_some() && volunteers.insert(*staff) {
                    out.entry(row_of(row.unit)).or_default().volunteers_on_duty += 1;
                }
            }
        }
        // Disinfection: each round expected on the day in the row of its site's unit, done,
        // late or missed (the day taken as over).
        let (rounds, _) = s.disinfection.rounds_on(day, grid.offset, None);
        for row in rounds {
            let f = out.entry(row_of(row.expected.unit)).or_default();
            match row.status {
                RoundStatus::Done => f.rounds_done += 1,
                RoundStatus::Late => f.rounds_late += 1,
                RoundStatus::Missed => f.rounds_missed += 1,
            }
        }
        // Supplies (DOMAIN.md §9): the three preset items' stock at the end of the day and
        // issued on it, in the row of each store's unit.
        let supplies = &s.supplies;
        for store in supplies.stores() {
            let day_of = |item: &Item| supplies.day_figures(store.id, item, day, grid.offset);
            let (masks, masks_issued) = day_of(&Item::MASKS);
            let (bottles, bottles_issued) = day_of(&Item::DISINFECTANT);
            let (thermometers, thermometers_issued) = day_of(&Item::THERMOMETERS);
            let f = out.entry(row_of(store.unit)).or_default();
            f.masks_on_hand += masks;
            f.masks_issued += masks_issued;
            f.disinfectant_on_hand += bottles;
            f.disinfectant_issued += bottles_issued;
            f.thermometers_on_hand += thermometers;
            f.thermometers_issued += thermometers_issued;
        }
        // Supervision is the township's own work: its own row (DOMAIN.md §6, §7).
        let sup = &s.supervision;
        let own = out.entry(township).or_default();
        own.inspections_new += sup.inspections().filter(|i| i.day == day).count() as u64;
        own.findings_new += sup.findings().filter(|f| f.day == day).count() as u64;
        own.decisions_new += sup.decisions().filter(|d| d.made == day).count() as u64;
        out
    }

    /// The figures of one reporting unit for `day` (zero for a unit that is not one).
    pub(super) fn figures_of(&self, unit: UnitId, day: Day) -> DailyFigures {
        self.figures_by_unit(day).remove(&unit).unwrap_or_default()
    }
}
