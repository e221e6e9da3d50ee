//! Cleaning and disinfection (消杀) through the registry: typed calls, the rounds of a day
//! with the staff responsible, and the evidence an inspection's "disinfection done" item gets
//! (消杀漏做). Evidence reads disinfection, the grid and supervision together, so it lives
//! beside the registry.

use super::Registry;
use super::created;
use crate::calendar::{Day, Instant};
use crate::disinfection::{
    Amount, DisinfectionCommand, DisinfectionRound, DisinfectionSchedule, ExpectedRound,
    MissedRound, RoundRow, RoundStatus, ScheduleTerms, Site, SiteAssignment, SiteKind,
    SiteKindDefinition, Task,
};
use crate::error::Error;
use crate::ids::{DisinfectionRoundId, DisinfectionScheduleId, SiteId, StaffId, UnitId};
use crate::registry::Receipt;
use crate::supervision::{Evidence, RecordShows};

/// # Disinfection (环境消杀)
///
/// Sites, designated staff, schedules, rounds, and the rounds a day
/// expects, done, late, missed or unscheduled.
impl Registry {
    /// Executes a cleaning-and-disinfection command: a shortcut for
    /// [`execute`](Registry::execute) with [`DisinfectionCommand`].
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::disinfection::{DisinfectionCommand, SiteId, SiteKind};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let receipt = reg.disinfection(leader, t, DisinfectionCommand::RegisterSite {
    ///     unit: reg.township(), kind: SiteKind::OFFICE_BUILDING, name: "乡政府办公楼".into(),
    /// })?;
    /// assert_eq!(receipt.created_one::<SiteId>(), Some(SiteId::new(1)));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute): a window ending before it starts, an amount of zero,
    /// a round by someone not designated for the site, an unknown site, and the shared
    /// refusals.
    pub fn disinfection(
        &mut self,
        actor: StaffId,
        at: Instant,
        command: DisinfectionCommand,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, command)
    }

    /// Registers a site of cleaning and disinfection (消杀点位) in `unit`.
    ///
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// let bins = reg.register_site(leader, nine, reg.township(), SiteKind::RUBBISH_BIN, "乡政府垃圾点")?;
    /// assert_eq!(reg.site(bins).map(|s| s.kind.label_zh()), Some("垃圾桶"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`DisinfectionCommand::RegisterSite`].
    pub fn register_site(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
        kind: SiteKind,
        name: impl Into<String>,
    ) -> Result<SiteId, Error> {
        let receipt = self.disinfection(
            actor,
            at,
            DisinfectionCommand::RegisterSite {
                unit,
                kind,
                name: name.into(),
            },
        )?;
        Ok(created!(receipt, Site))
    }

    /// Designates `staff` for `site` from `from` on: they answer for its rounds.
    ///
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// let wang = reg.enroll_staff(leader, nine, "Wang Li", Role::Volunteer, None)?;
    /// reg.assign_to_site(leader, nine, office, wang, "2020-01-27".parse()?)?;
    /// assert_eq!(reg.designated_for_site(office, "2020-01-27".parse()?), [li, wang]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`DisinfectionCommand::AssignToSite`].
    pub fn assign_to_site(
        &mut self,
        actor: StaffId,
        at: Instant,
        site: SiteId,
        staff: StaffId,
        from: Day,
    ) -> Result<Receipt, Error> {
        self.disinfection(
            actor,
            at,
            DisinfectionCommand::AssignToSite { site, staff, from },
        )
    }

    /// Sets a schedule of `task` rounds at `site` on `terms`, on `days`: from the first day
    /// until the last (`Some`) or until lifted (`None`).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let s = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms,
    ///     ("2020-01-26".parse()?, None))?;
    /// assert_eq!(reg.expected_rounds("2020-01-27".parse()?).len(), 1);
    /// assert!(reg.expected_rounds("2020-01-25".parse()?).is_empty());
    /// let _ = s;
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`DisinfectionCommand::SetSchedule`].
    pub fn set_disinfection_schedule(
        &mut self,
        actor: StaffId,
        at: Instant,
        site: SiteId,
        task: Task,
        terms: ScheduleTerms,
        (first, last): (Day, Option<Day>),
    ) -> Result<DisinfectionScheduleId, Error> {
        let receipt = self.disinfection(
            actor,
            at,
            DisinfectionCommand::SetSchedule {
                site,
                task,
                terms,
                first,
                last,
            },
        )?;
        Ok(created!(receipt, DisinfectionSchedule))
    }

    /// Gives `schedule` new `terms` from `from` on (today or later); the old terms are kept.
    ///
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// let later = Window::new("14:00".parse()?, "16:00".parse()?)?;
    /// let new_terms = ScheduleTerms::new(Frequency::Daily, later, "84消毒液", "500 ml".parse()?);
    /// reg.change_disinfection_schedule(leader, nine, schedule, "2020-01-28".parse()?, new_terms)?;
    /// let held = reg.disinfection_schedule(schedule).unwrap();
    /// assert_eq!(held.versions.len(), 2);
    /// assert_eq!(reg.expected_rounds("2020-01-27".parse()?)[0].window, window);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`DisinfectionCommand::ChangeSchedule`].
    pub fn change_disinfection_schedule(
        &mut self,
        actor: StaffId,
        at: Instant,
        schedule: DisinfectionScheduleId,
        from: Day,
        terms: ScheduleTerms,
    ) -> Result<Receipt, Error> {
        self.disinfection(
            actor,
            at,
            DisinfectionCommand::ChangeSchedule {
                schedule,
                from,
                terms,
            },
        )
    }

    /// Lifts `schedule` from `from` on (today or later): it expects rounds on F ..= L − 1.
    ///
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// reg.lift_disinfection_schedule(leader, nine, schedule, "2020-01-28".parse()?)?;
    /// assert_eq!(reg.expected_rounds("2020-01-27".parse()?).len(), 1);
    /// assert!(reg.expected_rounds("2020-01-28".parse()?).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`DisinfectionCommand::LiftSchedule`].
    pub fn lift_disinfection_schedule(
        &mut self,
        actor: StaffId,
        at: Instant,
        schedule: DisinfectionScheduleId,
        from: Day,
    ) -> Result<Receipt, Error> {
        self.disinfection(
            actor,
            at,
            DisinfectionCommand::LiftSchedule { schedule, from },
        )
    }

    /// Records a `task` round at `site` at `at`, with `amount` of `agent` (the staff designated
    /// for the site, or a leader of its unit).
    ///
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// let ten: Instant = "2020-01-27T10:30:00+08:00".parse()?;
    /// let r = reg.record_round(li, ten, office, Task::Disinfection, "84消毒液", "400 ml".parse()?)?;
    /// assert_eq!(reg.disinfection_round(r).map(|r| r.day), Some("2020-01-27".parse()?));
    /// assert_eq!(reg.late_rounds("2020-01-27".parse()?)[0].round, Some(r));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`DisinfectionCommand::RecordRound`].
    pub fn record_round(
        &mut self,
        actor: StaffId,
        at: Instant,
        site: SiteId,
        task: Task,
        agent: impl Into<String>,
        amount: Amount,
    ) -> Result<DisinfectionRoundId, Error> {
        let receipt = self.disinfection(
            actor,
            at,
            DisinfectionCommand::RecordRound {
                site,
                task,
                agent: agent.into(),
                amount,
                note: String::new(),
            },
        )?;
        Ok(created!(receipt, DisinfectionRound))
    }

    /// The definition of a kind of site of the township's own.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{
    ///     DisinfectionCommand, Frequency, ScheduleTerms, SiteKind, SiteKindDefinition, Task,
    ///     Window,
    /// };
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// let yard: SiteKind = "clinic-yard".parse()?;
    /// reg.disinfection(leader, nine, DisinfectionCommand::DefineSiteKind(
    ///     SiteKindDefinition::new(yard.clone(), "clinic yard", "卫生室院落")))?;
    /// assert_eq!(reg.site_kind(&yard).map(|d| d.name_zh.as_str()), Some("卫生室院落"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn site_kind(&self, kind: &SiteKind) -> Option<&SiteKindDefinition> {
        self.state.disinfection.site_kind(kind)
    }

    /// A disinfection site.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// assert_eq!(reg.site(office).map(|s| s.name.as_str()), Some("乡政府办公楼"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn site(&self, id: SiteId) -> Option<&Site> {
        self.state.disinfection.site(id)
    }

    /// Every disinfection site, by id.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// assert_eq!(reg.sites().count(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn sites(&self) -> impl Iterator<Item = &Site> {
        self.state.disinfection.sites()
    }

    /// Every designation of staff for a site, in the order recorded (ended ones included).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// assert_eq!(reg.site_assignments()[0].staff, li);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn site_assignments(&self) -> &[SiteAssignment] {
        self.state.disinfection.assignments()
    }

    /// The staff designated for `site` on `day`.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// assert_eq!(reg.designated_for_site(office, "2020-01-26".parse()?), [li]);
    /// assert!(reg.designated_for_site(office, "2020-01-25".parse()?).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn designated_for_site(&self, site: SiteId, day: Day) -> Vec<StaffId> {
        self.state.disinfection.designated(site, day).collect()
    }

    /// A disinfection schedule, with the history of its terms.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// let held = reg.disinfection_schedule(schedule).unwrap();
    /// assert_eq!((held.task, held.first, held.lifted), (Task::Disinfection, "2020-01-26".parse()?, None));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn disinfection_schedule(
        &self,
        id: DisinfectionScheduleId,
    ) -> Option<&DisinfectionSchedule> {
        self.state.disinfection.schedule(id)
    }

    /// Every disinfection schedule, by id.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// assert_eq!(reg.disinfection_schedules().count(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn disinfection_schedules(&self) -> impl Iterator<Item = &DisinfectionSchedule> {
        self.state.disinfection.schedules()
    }

    /// A recorded round.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// assert_eq!(reg.disinfection_round(round).map(|r| r.recorded_by), Some(li));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn disinfection_round(&self, id: DisinfectionRoundId) -> Option<&DisinfectionRound> {
        self.state.disinfection.round(id)
    }

    /// Every recorded round, by id.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// assert_eq!(reg.disinfection_rounds().count(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn disinfection_rounds(&self) -> impl Iterator<Item = &DisinfectionRound> {
        self.state.disinfection.rounds()
    }

    /// The rounds the schedules expect on `day`, computed from the terms in force, by site,
    /// task and window.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// let expected = reg.expected_rounds("2020-01-26".parse()?);
    /// assert_eq!((expected[0].site, expected[0].window), (office, window));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn expected_rounds(&self, day: Day) -> Vec<ExpectedRound> {
        self.state.disinfection.expected_on(day)
    }

    /// The rounds expected on `day` and what became of each (done, late or missed), with the
    /// staff designated for its site that day. The day is taken as over: a round not yet done
    /// today is listed as missed.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, RoundStatus, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// let rows = reg.rounds_on("2020-01-26".parse()?);
    /// assert_eq!((rows[0].status, rows[0].round), (RoundStatus::Done, Some(round)));
    /// assert_eq!(reg.rounds_on("2020-01-27".parse()?)[0].status, RoundStatus::Missed);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn rounds_on(&self, day: Day) -> Vec<RoundRow> {
        self.state
            .disinfection
            .rounds_on(day, self.state.grid.offset, None)
            .0
    }

    /// The rounds recorded on `day` that no schedule expected (a site with no schedule that
    /// day, a task it does not schedule, or more rounds than expected): kept, not refused.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// let noon: Instant = "2020-01-26T12:00:00+08:00".parse()?;
    /// let extra = reg.record_round(li, noon, office, Task::Cleaning, "清水", "10 l".parse()?)?;
    /// let listed: Vec<_> = reg.unscheduled_rounds("2020-01-26".parse()?).iter().map(|r| r.id).collect();
    /// assert_eq!(listed, [extra]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn unscheduled_rounds(&self, day: Day) -> Vec<&DisinfectionRound> {
        let (_, ids) = self
            .state
            .disinfection
            .rounds_on(day, self.state.grid.offset, None);
        ids.into_iter()
            .filter_map(|id| self.state.disinfection.round(id))
            .collect()
    }

    /// The rounds done late on `day` (after their window closed).
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// assert!(reg.late_rounds("2020-01-26".parse()?).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn late_rounds(&self, day: Day) -> Vec<RoundRow> {
        self.rounds_on(day)
            .into_iter()
            .filter(|r| r.status == RoundStatus::Late)
            .collect()
    }

    /// The rounds missed on `day` (漏做), by site, with the staff responsible: the day taken
    /// as over.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms, ("2020-01-26".parse()?, None))?;
    /// let missed = reg.missed_rounds("2020-01-26".parse()?);
    /// assert_eq!(missed.len(), 1);
    /// assert_eq!(
    ///     missed[0].to_string(),
    ///     "2020-01-26 SI1 乡政府办公楼 (Huochezhan (U1)): disinfection 08:00–10:00 missed; responsible: no one designated"
    /// );
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn missed_rounds(&self, day: Day) -> Vec<MissedRound> {
        self.missed_rows(day, None)
            .into_iter()
            .map(|row| self.name_missed(&row))
            .collect()
    }

    /// The rounds missed on `day` at sites in `unit` or below it.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    /// use fangkong::disinfection::{Frequency, ScheduleTerms, SiteKind, Task, Window};
    ///
    /// let t: Instant = "2020-01-25T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// let office = reg.register_site(leader, t, reg.township(), SiteKind::OFFICE_BUILDING, "乡政府办公楼")?;
    /// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign_to_site(leader, t, office, li, "2020-01-26".parse()?)?;
    /// let window = Window::new("08:00".parse()?, "10:00".parse()?)?;
    /// let terms = ScheduleTerms::new(Frequency::Daily, window, "84消毒液", "500 ml".parse()?);
    /// let schedule = reg.set_disinfection_schedule(leader, t, office, Task::Disinfection, terms.clone(), ("2020-01-26".parse()?, None))?;
    /// let nine: Instant = "2020-01-26T09:00:00+08:00".parse()?;
    /// let round = reg.record_round(li, nine, office, Task::Disinfection, "84消毒液", "500 ml".parse()?)?;
    /// let missed = reg.missed_rounds_in(reg.township(), "2020-01-27".parse()?);
    /// assert_eq!((missed.len(), missed[0].responsible.as_slice()), (1, [li].as_slice()));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn missed_rounds_in(&self, unit: UnitId, day: Day) -> Vec<MissedRound> {
        self.missed_rounds(day)
            .into_iter()
            .filter(|m| self.state.grid.covering_units(m.unit).contains(&unit))
            .collect()
    }

    fn missed_rows(&self, day: Day, cutoff: Option<Instant>) -> Vec<RoundRow> {
        self.state
            .disinfection
            .rounds_on(day, self.state.grid.offset, cutoff)
            .0
            .into_iter()
            .filter(|r| r.status == RoundStatus::Missed)
            .collect()
    }

    fn name_missed(&self, row: &RoundRow) -> MissedRound {
        let e = &row.expected;
        let site_name = self
            .site(e.site)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        MissedRound {
            day: e.day,
            site: e.site,
            site_name,
            unit: e.unit,
            unit_label: self.state.grid.label(e.unit),
            schedule: e.schedule,
            slot: e.slot,
            task: e.task,
            window: e.window,
            responsible: row.responsible.clone(),
            responsible_names: row
                .responsible
                .iter()
                .map(|s| {
                    self.staff(*s)
                        .map_or_else(|| s.to_string(), |x| format!("{} ({})", x.name, x.id))
                })
                .collect(),
        }
    }

    /// Disinfection's evidence for "disinfection done" in `unit`: the rounds expected at its
    /// sites on each of `days` (with a cutoff instant, only those whose window closed by
    /// then) and those missed. `None` when no round was expected.
    pub(super) fn disinfection_evidence(
        &self,
        unit: UnitId,
        days: &[(Day, Option<Instant>)],
    ) -> Option<Evidence> {
        let grid = &self.state.grid;
        let offset = grid.offset;
        let mut expected = 0usize;
        let mut missed: Vec<RoundRow> = Vec::new();
        for (day, cutoff) in days {
            let (rows, _) = self.state.disinfection.rounds_on(*day, offset, *cutoff);
            for row in rows {
                if !grid.covering_units(row.expected.unit).contains(&unit) {
                    continue;
                }
                expected += 1;
                if row.status == RoundStatus::Missed {
                    missed.push(row);
                }
            }
        }
        if expected == 0 {
            return None;
        }
        let Some(first) = missed.first() else {
            return Some(Evidence::new(
                RecordShows::NothingAmiss,
                format!("disinfection: {expected} rounds expected, none missed"),
            ));
        };
        let named: Vec<String> = missed
            .iter()
            .take(5)
            .map(|r| {
                let m = self.name_missed(r);
                let who = if m.responsible_names.is_empty() {
                    "no one designated".to_owned()
                } else {
                    m.responsible_names.join(", ")
                };
                format!("{} {} on {} {} ({who})", m.site, m.task, m.day, m.window)
            })
            .collect();
        let mut reference = format!("disinfection schedules: missed {}", named.join("; "));
        if missed.len() > 5 {
            reference.push_str(&format!(" and {} more", missed.len() - 5));
        }
        Some(Evidence::new(
            RecordShows::DisinfectionRoundsMissed {
                count: u32::try_from(missed.len()).unwrap_or(u32::MAX),
                site: first.expected.site,
                day: first.expected.day,
                responsible: first.responsible.clone(),
            },
            reference,
        ))
    }
}
