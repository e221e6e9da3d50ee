//! Daily reports (日报): the typed calls. Each executes one command through
//! [`Registry::execute`] and returns what it created, with the same authorization, validation
//! and ledger entry.

use super::{Receipt, Registry};
use crate::calendar::Instant;
use crate::error::Error;
use crate::ids::{StaffId, UnitId};
use crate::report::{ReportCommand, Schedule};

/// # Daily reports (日报)
///
/// The schedule and the reporting units.
///
/// Submitting and reading reports is under "Daily reports: submissions, tables and heads".
impl Registry {
    /// Sets the first day from which reports are required, and the deadline.
    ///
    /// ```
    /// use fangkong::report::{Deadline, Schedule};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, .. } = doc_fixture()?;
    /// reg.set_report_schedule(leader, t, Schedule::new("2020-01-24".parse()?))?;
    /// assert_eq!(reg.report_schedule().unwrap().deadline, Deadline::EndOfDay);
    /// // From that day the township's own row and every village's report are expected.
    /// assert_eq!(reg.missing_reports("2020-01-24".parse()?), vec![reg.township(), qianjin]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ReportCommand::SetSchedule`]: an actor who is not
    /// a leader.
    pub fn set_report_schedule(
        &mut self,
        actor: StaffId,
        at: Instant,
        schedule: Schedule,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, ReportCommand::SetSchedule { schedule })
    }

    /// Makes a group or zone a reporting unit from today on.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, group_1, .. } = doc_fixture()?;
    /// reg.add_reporting_unit(leader, t, group_1)?;
    /// assert_eq!(reg.reporting_units(), vec![reg.township(), qianjin, group_1]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ReportCommand::AddReportingUnit`]: a unit that is
    /// not a group or zone, one that already reports.
    pub fn add_reporting_unit(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, ReportCommand::AddReportingUnit { unit })
    }

    // ----- gatherings -----
}
