//! The daily report's queries and its typed call (日报告、零报告).

use super::Registry;
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::hash::{Head, TreeHead};
use crate::ids::{StaffId, UnitId};
use crate::ledger::KeptHead;
use crate::ledger::merkle::{ConsistencyProof, MerkleTree};
use crate::registry::Receipt;
use crate::report::{DayTable, ReportCommand, Schedule, Submission};

/// # Daily reports: submissions, tables and heads (日报)
///
/// Submitting, the day's table with the
/// registry's own figures, missing and late reports, the heads and tree heads the county
/// keeps, the Merkle tree and its consistency proofs.
impl Registry {
    /// The reporting units: the township's own row, its villages and communities, and the
    /// groups and zones a leader added, in id order.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, qianjin, .. } = doc_fixture()?;
    /// assert_eq!(reg.reporting_units(), vec![reg.township(), qianjin]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn reporting_units(&self) -> Vec<UnitId> {
        self.state
            .report
            .reporting_units(self.state.grid.units.values())
    }

    /// The units whose report for `day` is missing (缺报): required and not submitted.
    ///
    /// ```
    /// use fangkong::report::Schedule;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, .. } = doc_fixture()?;
    /// reg.set_report_schedule(leader, t, Schedule::new(day))?;
    /// assert_eq!(reg.missing_reports(day), vec![reg.township(), qianjin]);
    /// let evening = "2020-01-24T20:00:00+08:00".parse()?;
    /// reg.submit_report(leader, evening, qianjin, day, "")?;
    /// assert_eq!(reg.missing_reports(day), vec![reg.township()]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn missing_reports(&self, day: Day) -> Vec<UnitId> {
        self.state
            .report
            .missing(self.state.grid.units.values(), day)
    }

    /// The units whose report in force for `day` came after the deadline (迟报).
    ///
    /// ```
    /// use fangkong::report::Schedule;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, .. } = doc_fixture()?;
    /// reg.set_report_schedule(leader, t, Schedule::new(day))?;
    /// // The deadline is the end of the day: a report sent the next morning is late (迟报).
    /// let next_morning = "2020-01-25T08:00:00+08:00".parse()?;
    /// reg.submit_report(leader, next_morning, qianjin, day, "sent late")?;
    /// assert_eq!(reg.late_reports(day), vec![qianjin]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn late_reports(&self, day: Day) -> Vec<UnitId> {
        self.state.report.late(day)
    }

    /// The report in force for a unit and day (the latest submission), if any.
    ///
    /// ```
    /// use fangkong::report::Schedule;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, .. } = doc_fixture()?;
    /// reg.set_report_schedule(leader, t, Schedule::new(day))?;
    /// let evening = "2020-01-24T20:00:00+08:00".parse()?;
    /// reg.submit_report(leader, evening, qianjin, day, "one household registered")?;
    /// let report = reg.report(qianjin, day).unwrap();
    /// assert_eq!((report.figures.households_total, report.by), (1, leader));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn report(&self, unit: UnitId, day: Day) -> Option<&Submission> {
        self.state.report.report(unit, day)
    }

    /// Every submission for a unit and day, oldest first: a resubmission supersedes the earlier
    /// one, and both are kept.
    ///
    /// ```
    /// use fangkong::report::Schedule;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, .. } = doc_fixture()?;
    /// reg.set_report_schedule(leader, t, Schedule::new(day))?;
    /// let evening = "2020-01-24T20:00:00+08:00".parse()?;
    /// reg.submit_report(leader, evening, qianjin, day, "first count")?;
    /// reg.submit_report(leader, evening, qianjin, day, "corrected")?;
    /// let history = reg.report_history(qianjin, day);
    /// let notes: Vec<&str> = history.iter().map(|s| s.note.as_str()).collect();
    /// assert_eq!(notes, ["first count", "corrected"]);
    /// assert_eq!(reg.report(qianjin, day).unwrap().note, "corrected");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn report_history(&self, unit: UnitId, day: Day) -> &[Submission] {
        self.state.report.history(unit, day)
    }

    /// The reporting schedule in force (first day and deadline), if a leader set one.
    ///
    /// ```
    /// use fangkong::report::Schedule;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, .. } = doc_fixture()?;
    /// assert_eq!(reg.report_schedule(), None);
    /// reg.set_report_schedule(leader, t, Schedule::new(day))?;
    /// assert_eq!(reg.report_schedule().map(|s| s.first_day), Some(day));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn report_schedule(&self) -> Option<Schedule> {
        self.state.report.schedule()
    }

    /// The table of `day`: a row per reporting unit (submitted, zero, late or missing) and the
    /// total.
    ///
    /// ```
    /// use fangkong::report::Schedule;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, .. } = doc_fixture()?;
    /// reg.set_report_schedule(leader, t, Schedule::new(day))?;
    /// let evening = "2020-01-24T20:00:00+08:00".parse()?;
    /// reg.submit_report(leader, evening, qianjin, day, "")?;
    /// let table = reg.day_table(day);
    /// let units: Vec<_> = table.rows.iter().map(|r| r.unit).collect();
    /// assert_eq!(units, vec![reg.township(), qianjin]);
    /// assert_eq!(table.rows[1].figures.households_total, 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn day_table(&self, day: Day) -> DayTable {
        let area = self
            .unit(self.township())
            .map_or_else(String::new, |u| u.name.clone());
        // The registry's own figures for every unit, beside the submitted ones.
        let figures = self.state.figures_by_unit(day);
        self.state.report.day_table(
            &self.state.grid,
            self.state.grid.units.values(),
            &area,
            day,
            &|unit| figures.get(&unit).copied().unwrap_or_default(),
        )
    }

    /// The ledger's head at the end of `day` (local time): the last entry recorded on or
    /// before that day. `None` if nothing was recorded by then.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, day, .. } = doc_fixture()?;
    /// assert_eq!(reg.head_at_end_of(day), Some(reg.ledger().head()));
    /// assert_eq!(reg.head_at_end_of("2020-01-23".parse()?), None); // nothing recorded yet
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn head_at_end_of(&self, day: Day) -> Option<Head> {
        self.heads.range(..=day).next_back().map(|(_, h)| *h)
    }

    /// Every head a submitted daily report carried, oldest first, each once: the chain heads
    /// the county keeps, against which [`Ledger::verify_heads`](crate::Ledger::verify_heads)
    /// checks a ledger. Trail exports prove to the tree heads carried beside them
    /// ([`report_tree_heads`](Registry::report_tree_heads)).
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::report::{ReportCommand, Schedule};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let day = "2020-01-24".parse()?;
    /// reg.execute(s1, t, ReportCommand::SetSchedule { schedule: Schedule::new(day) })?;
    /// let before = reg.ledger().head();
    /// reg.submit_report(s1, "2020-01-24T20:00:00+08:00".parse()?, reg.township(), day, "")?;
    /// assert_eq!(reg.report_heads(), vec![before]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn report_heads(&self) -> Vec<Head> {
        self.state.report.heads()
    }

    /// Every tree head (树头) a submitted daily report carried, smallest first, each once: the
    /// tree heads the county keeps, to which [`export_trail`](Registry::export_trail) proves
    /// entries with inclusion proofs, against which
    /// [`TrailExport::check`](crate::registry::TrailExport::check) checks them, and which
    /// [`MerkleTree::check_kept_heads`] checks the ledger against.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, TreeHead};
    /// use fangkong::report::{ReportCommand, Schedule};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let day = "2020-01-24".parse()?;
    /// reg.execute(s1, t, ReportCommand::SetSchedule { schedule: Schedule::new(day) })?;
    /// let before: TreeHead = reg.merkle_tree().head();
    /// reg.submit_report(s1, "2020-01-24T20:00:00+08:00".parse()?, reg.township(), day, "")?;
    /// assert_eq!(reg.report_tree_heads(), vec![before]);
    /// assert_eq!(before.size, reg.report_heads()[0].seq);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn report_tree_heads(&self) -> Vec<TreeHead> {
        self.state.report.tree_heads()
    }

    /// The heads a county keeps (留存的账本头) from this township: one per daily report
    /// submitted (superseded ones included, as the county received them too), in the order of
    /// their entries, each named by the township's name in the registry. Write them to a heads
    /// file with [`KeptHead::write_jsonl`]; check a ledger against them with
    /// [`KeptHead::check_all`].
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::ledger::KeptHead;
    /// use fangkong::report::{ReportCommand, Schedule};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let day = "2020-01-24".parse()?;
    /// reg.execute(s1, t, ReportCommand::SetSchedule { schedule: Schedule::new(day) })?;
    /// reg.submit_report(s1, "2020-01-24T20:00:00+08:00".parse()?, reg.township(), day, "")?;
    /// let kept = reg.kept_heads();
    /// assert_eq!(kept.len(), 1);
    /// assert_eq!(kept[0].head, reg.report_heads()[0]);
    /// assert_eq!(kept[0].tree_head, reg.report_tree_heads()[0]);
    /// // Through a file and back
    /// let file = KeptHead::to_jsonl(&kept);
    /// assert_eq!(KeptHead::from_jsonl(&file)?, kept);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn kept_heads(&self) -> Vec<KeptHead> {
        let township = self
            .unit(self.township())
            .map_or_else(|| self.township().to_string(), |u| u.name.to_string());
        self.state
            .report
            .all_submissions()
            .into_iter()
            .filter_map(|s| {
                KeptHead::new(township.clone(), s.unit, s.day, s.seq, s.head, s.tree_head).ok()
            })
            .collect()
    }

    /// The Merkle tree (默克尔树) of the registry's ledger: every entry ever recorded, drained
    /// ones too. Its [`head`](MerkleTree::head) is the tree head now; it gives inclusion and
    /// consistency proofs for any size the ledger has had.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::ledger::MerkleTree;
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let first = reg.drain_ledger();
    /// // The tree still covers the drained entries: its head is the whole ledger's.
    /// assert_eq!(reg.merkle_tree().head(), MerkleTree::of_ledger(&first)?.head());
    /// let proof = reg.merkle_tree().inclusion_proof(1, 3)?;
    /// let entry = first.entry(2).unwrap();
    /// proof.verify(&MerkleTree::leaf_hash(entry.digest().as_bytes()), &reg.merkle_tree().head())?;
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn merkle_tree(&self) -> &MerkleTree {
        &self.tree
    }

    /// The ledger's latest tree head and a consistency proof (一致性证明) from each of `kept`
    /// (the tree heads a county kept from the reports) to it: what a county that does not hold
    /// the ledger checks with [`MerkleTree::check_kept_heads`] and [`Holding::Proofs`](crate::ledger::Holding::Proofs).
    ///
    /// ```
    /// use fangkong::{Founding, Registry, StaffId, Role};
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let kept = reg.merkle_tree().head(); // 3 entries
    /// reg.enroll_staff(StaffId::new(1), t, "Wang", Role::GridWorker, None)?;
    /// let (latest, proofs) = reg.consistency_proofs(&[kept])?;
    /// assert_eq!((latest.size, proofs.len()), (4, 1));
    /// proofs[0].verify(&kept, &latest)?;
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ProofError::SizesOutOfOrder`](crate::ledger::ProofError::SizesOutOfOrder) for a kept head
    /// larger than the ledger.
    pub fn consistency_proofs(
        &self,
        kept: &[TreeHead],
    ) -> Result<(TreeHead, Vec<ConsistencyProof>), Error> {
        Ok(self.tree.consistency_proofs(kept)?)
    }

    /// The ledger's head at the end of each day on which something was recorded, oldest
    /// first: the values the daily report carries to the county, to be checked later with
    /// [`Ledger::verify_heads`](crate::Ledger::verify_heads).
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, day, group_1, li, .. } = doc_fixture()?;
    /// let next_day = "2020-01-25T09:00:00+08:00".parse()?;
    /// let end_of_24th = reg.ledger().head();
    /// reg.register_household(li, next_day, group_1, "Qianjin 1-02")?;
    /// let heads: Vec<_> = reg.day_heads().collect();
    /// assert_eq!(heads, vec![(day, end_of_24th), ("2020-01-25".parse()?, reg.ledger().head())]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn day_heads(&self) -> impl Iterator<Item = (Day, Head)> + '_ {
        self.heads.iter().map(|(d, h)| (*d, *h))
    }

    /// Submits `unit`'s report for `day`, with the figures the registry computes
    /// ([`Registry::daily_figures`]) and the ledger's head at the end of the day: a shortcut
    /// for [`ReportCommand::SubmitReport`]. A day whose new figures are all zero is a zero
    /// report (零报告), and is still submitted.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::report::{ReportCommand, Schedule};
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
        self.execute(
            actor,
            at,
            ReportCommand::SubmitReport {
                unit,
                day,
                note: note.into(),
            },
        )
    }
}
