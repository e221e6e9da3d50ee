//! The daily report's queries and its typed call (日报告、零报告).

use super::Registry;
use crate::report::{DailyFigures, DayTable, ReportCommand, Schedule, Submission};
use crate::{Day, Error, Head, Instant, Receipt, StaffId, UnitId};

impl Registry {
    /// The reporting units: the township's own row, its villages and communities, and the
    /// groups and zones a leader added, in id order.
    pub fn reporting_units(&self) -> Vec<UnitId> {
        self.state
            .report
            .reporting_units(self.state.grid.units.values())
    }

    /// The units whose report for `day` is missing (缺报): required and not submitted.
    pub fn missing_reports(&self, day: Day) -> Vec<UnitId> {
        self.state
            .report
            .missing(self.state.grid.units.values(), day)
    }

    /// The units whose report in force for `day` came after the deadline (迟报).
    pub fn late_reports(&self, day: Day) -> Vec<UnitId> {
        self.state.report.late(day)
    }

    /// The report in force for a unit and day (the latest submission), if any.
    pub fn report(&self, unit: UnitId, day: Day) -> Option<&Submission> {
        self.state.report.report(unit, day)
    }

    /// Every submission for a unit and day, oldest first: a resubmission supersedes the earlier
    /// one, and both are kept.
    pub fn report_history(&self, unit: UnitId, day: Day) -> &[Submission] {
        self.state.report.history(unit, day)
    }

    /// The reporting schedule in force (first day and deadline), if a leader set one.
    pub fn report_schedule(&self) -> Option<Schedule> {
        self.state.report.schedule()
    }

    /// The table of `day`: a row per reporting unit (submitted, zero, late or missing) and the
    /// total.
    pub fn day_table(&self, day: Day) -> DayTable {
        let area = self
            .unit(self.township())
            .map_or_else(String::new, |u| u.name.clone());
        self.state
            .report
            .day_table(&self.state.grid, self.state.grid.units.values(), &area, day)
    }

    /// The ledger's head at the end of `day` (local time): the last entry recorded on or
    /// before that day. `None` if nothing was recorded by then.
    pub fn head_at_end_of(&self, day: Day) -> Option<Head> {
        self.heads.range(..=day).next_back().map(|(_, h)| *h)
    }

    /// The ledger's head at the end of each day on which something was recorded, oldest
    /// first: the values the daily report carries to the county, to be checked later with
    /// [`Ledger::verify_heads`](crate::Ledger::verify_heads).
    pub fn day_heads(&self) -> impl Iterator<Item = (Day, Head)> + '_ {
        self.heads.iter().map(|(d, h)| (*d, *h))
    }

    /// Submits `unit`'s report for `day`, with the figures the registry computes
    /// ([`Registry::daily_figures`]) and the ledger's head at the end of the day: a shortcut
    /// for [`ReportCommand::SubmitReport`]. A day whose new figures are all zero is a zero
    /// report (零报告), and is still submitted.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, ReportCommand, Schedule};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let day = "2020-01-24".parse()?;
    /// reg.execute(s1, t, ReportCommand::SetSchedule { schedule: Schedule::new(day) })?;
    /// assert_eq!(reg.missing_reports(day), vec![reg.township()]);
    /// let evening = "2020-01-24T20:00:00+08:00".parse()?;
    /// reg.submit_report(s1, evening, reg.township(), day, "nothing new (零报告)")?;
    /// assert!(reg.missing_reports(day).is_empty());
    /// assert!(reg.report(reg.township(), day).unwrap().is_zero());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`ReportCommand::SubmitReport`]: not a reporting
    /// unit, no schedule, a day before the first required day or after today, an actor who
    /// does not answer for the unit.
    pub fn submit_report(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
        day: Day,
        note: impl Into<String>,
    ) -> Result<Receipt, Error> {
        let figures: DailyFigures = self.daily_figures(unit, day);
        // The head at the end of the day, as far as it has been recorded.
        let head = self
            .head_at_end_of(day)
            .unwrap_or_else(|| self.ledger.head());
        self.execute(
            actor,
            at,
            ReportCommand::SubmitReport {
                unit,
                day,
                figures,
                note: note.into(),
                head,
            },
        )
    }
}
