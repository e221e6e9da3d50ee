//! The registry itself: founding, executing commands, the ledger, and the grid.

use super::*;

/// # The registry (登记册)
///
/// Founding a township, executing commands, the ledger; the grid (网格):
/// establishing units and groups, enrolling and assigning staff, registering households and
/// residents, and reading the grid back.
impl Registry {
    /// Founds a registry for a township: records the township, its first leader, and the
    /// leader's charge of the township. The leader is [`StaffId`] `S1`.
    ///
    /// ```
    /// use fangkong::{Founding, Instant, Registry, Role};
    ///
    /// let t: Instant = "2020-01-24T09:00:00+08:00".parse()?;
    /// let reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let leader = reg.staff_ids().next().unwrap();
    /// assert_eq!(leader.to_string(), "S1");
    /// assert_eq!(reg.staff(leader).map(|s| s.role), Some(Role::Leader));
    /// assert_eq!(reg.ledger().len(), 3);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn found(founding: Founding, at: Instant) -> Registry {
        let mut reg = Registry {
            state: State::default(),
            ledger: Ledger::new(),
            last_at: None,
            heads: BTreeMap::new(),
            trail_index: trail_index::TrailIndex::default(),
            tree: MerkleTree::new(),
        };
        let events = replay::founding_events(founding);
        reg.record(at, StaffId::new(1), events);
        reg
    }

    /// Rebuilds a registry from a ledger: verifies it, then checks and applies every entry in
    /// order (refusals change nothing). Digests and records are read on every core
    /// ([`replay_with`](Registry::replay_with) chooses how many).
    ///
    /// Replay trusts no entry (whoever can write the file can append entries whose hashes
    /// verify): the entries of one command must carry the same mark, actor and instant;
    /// instants never decrease; and each command is taken back from its first event and
    /// decided again against the state rebuilt so far, by its actor at its instant, as
    /// [`execute`](Registry::execute) would: the actor enrolled, their role and reach allowing
    /// it, every reference existing, ids fresh, the grid a tree, identity numbers unique, one
    /// head per household. Its entries must be exactly the events that gives. The founding is
    /// rebuilt and compared the same way.
    ///
    /// ```
    /// use fangkong::{Ledger, Registry};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, .. } = doc_fixture()?;
    /// let loaded = Ledger::from_jsonl(&reg.ledger().to_jsonl())?;
    /// assert_eq!(Registry::replay(&loaded)?, reg);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`LedgerError::LedgerTampered`](crate::ledger::LedgerError::LedgerTampered) if verification fails, [`LedgerError::LedgerUnreadable`](crate::ledger::LedgerError::LedgerUnreadable) if a record
    /// cannot be read, [`LedgerError::RecordRedacted`](crate::ledger::LedgerError::RecordRedacted) for a redacted record,
    /// [`LedgerError::LedgerNotFounded`](crate::ledger::LedgerError::LedgerNotFounded) if the first entry is not a founding, and
    /// [`Error::ReplayRefused`] naming the first entry the registry would not have accepted,
    /// and why (the refusal the command would meet, or the field that differs from what the
    /// command records when decided again).
    pub fn replay(ledger: &Ledger) -> Result<Registry, Error> {
        replay::replay(ledger, crate::ledger::Parallelism::default())
    }

    /// The ledger of every accepted event and refused command (since the last
    /// [`drain_ledger`](Registry::drain_ledger)).
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, .. } = doc_fixture()?;
    /// reg.ledger().verify()?;
    /// assert_eq!(reg.ledger().len(), 9);
    /// assert_eq!(reg.ledger().head().seq, reg.ledger().len() as u64);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Takes the ledger entries recorded since the last drain, to be stored by the caller, and
    /// keeps only the ledger's head; see [`Ledger::drain`]. A registry that drains as it goes
    /// holds its domain state only.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, .. } = doc_fixture()?;
    /// let stored = reg.drain_ledger();
    /// assert_eq!(stored.len(), 9);
    /// assert!(reg.ledger().is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn drain_ledger(&mut self) -> Ledger {
        self.ledger.drain()
    }

    /// Whether two registries hold the same domain state (units, staff, assignments,
    /// households, residents), whatever their ledgers.
    ///
    /// ```
    /// use fangkong::Registry;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, .. } = doc_fixture()?;
    /// let copy = Registry::replay(reg.ledger())?;
    /// assert!(copy.state_eq(&reg));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn state_eq(&self, other: &Registry) -> bool {
        self.state == other.state
    }

    /// Every refused command, oldest first: who tried what, when, and why it was refused.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, .. } = doc_fixture()?;
    /// // Qianjin already has a group 1.
    /// assert!(reg.establish_group(leader, t, qianjin, 1, "Qianjin group 1 again").is_err());
    /// assert_eq!(reg.refusals()?.len(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`LedgerError::LedgerUnreadable`](crate::ledger::LedgerError::LedgerUnreadable) if a record cannot be read (only possible in a ledger loaded
    /// from a damaged file).
    pub fn refusals(&self) -> Result<Vec<Record>, Error> {
        let mut out = Vec::new();
        for r in self.ledger.records() {
            let r = r?;
            if matches!(r.body, Body::Refused(_)) {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// The township's unit.
    ///
    /// ```
    /// use fangkong::UnitKind;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, .. } = doc_fixture()?;
    /// assert_eq!(reg.unit(reg.township()).map(|u| u.kind), Some(UnitKind::Township));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn township(&self) -> UnitId {
        self.state.grid.township.unwrap_or(UnitId::new(1))
    }

    /// The local time in which the township counts days.
    ///
    /// ```
    /// use fangkong::UtcOffset;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, .. } = doc_fixture()?;
    /// assert_eq!(reg.offset(), UtcOffset::CHINA);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn offset(&self) -> UtcOffset {
        self.state.grid.offset
    }

    /// The local calendar day of an instant in this township.
    ///
    /// ```
    /// use fangkong::Day;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, t, day, .. } = doc_fixture()?;
    /// assert_eq!(reg.day_of(t), day);
    /// // 16:30 UTC is already the next day in China.
    /// let late = "2020-01-24T16:30:00Z".parse()?;
    /// assert_eq!(reg.day_of(late), "2020-01-25".parse::<Day>()?);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn day_of(&self, at: Instant) -> Day {
        at.day_in(self.state.grid.offset)
    }

    // ----- commands -----

    /// Executes a command by `actor` at `at`.
    ///
    /// ```
    /// use fangkong::{Created, UnitKind};
    /// use fangkong::grid::GridCommand;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, .. } = doc_fixture()?;
    /// let command = GridCommand::EstablishUnit {
    ///     kind: UnitKind::Zone,
    ///     name: "Qianjin north (北片)".into(),
    ///     parent: qianjin,
    ///     code: None,
    ///     number: None,
    /// };
    /// let receipt = reg.execute(leader, t, command)?;
    /// assert!(matches!(receipt.created.as_slice(), [Created::Unit(_)]));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// Any refusal: [`Error::UnknownStaff`] for an actor who is not enrolled,
    /// [`Error::RoleNotPermitted`] when the actor's role may not take the action,
    /// [`Error::OutsideAssignedUnits`] when it concerns a unit outside the actor's reach, and the
    /// validation errors of each command (unknown units, households or residents, a group
    /// number used twice, an identity number already registered…). A refused command is
    /// recorded in the ledger and changes nothing else.
    pub fn execute(
        &mut self,
        actor: StaffId,
        at: Instant,
        command: impl Into<Command>,
    ) -> Result<Receipt, Error> {
        let command = command.into();
        match self.decide_now(actor, at, &command) {
            Ok(events) => Ok(self.record(at, actor, events)),
            Err(err) => Err(self.refuse(actor, at, &command, err)),
        }
    }

    /// Decides `command` by `actor` at `at` against the registry as it stands, changing
    /// nothing: a command dated before the ledger's last entry is refused for that alone.
    pub(super) fn decide_now(
        &self,
        actor: StaffId,
        at: Instant,
        command: &Command,
    ) -> Result<Vec<Event>, Error> {
        match self.last_at().filter(|l| at < *l) {
            Some(last) => Err(Error::InstantBeforeLedger { at, last }),
            None => self.state.decide(actor, at, command, &self.books()),
        }
    }

    /// Records the refusal of `command` by `err`, and gives the error back.
    pub(super) fn refuse(
        &mut self,
        actor: StaffId,
        at: Instant,
        command: &Command,
        err: Error,
    ) -> Error {
        let attempt = serde_json::to_value(command).unwrap_or(serde_json::Value::Null);
        self.record_refusal(actor, at, attempt, &err);
        err
    }

    /// Records a refusal of `attempt` (the command as JSON, masked here) by `actor` at `at`.
    pub(crate) fn record_refusal(
        &mut self,
        actor: StaffId,
        at: Instant,
        attempt: serde_json::Value,
        err: &Error,
    ) {
        // The refusal entry keeps the ledger's instants in order: an attempt dated before the
        // last entry is recorded at the last entry's instant, with the attempted instant kept
        // as text inside the refusal.
        let (entry_at, attempted_at) = match self.last_at().filter(|l| at < *l) {
            Some(last) => (last, Some(at.to_string())),
            None => (at, None),
        };
        let body = Body::Refused(Refusal {
            attempt: masked_json(attempt),
            attempted_at,
            code: err.code().to_owned(),
            reason: mask_personal_data(&err.to_string()),
        });
        let seq = self.ledger.head().seq + 1;
        self.append(entry_at, actor, (seq, 1), body);
    }

    /// The instant of the last entry recorded, if any is held.
    pub(super) fn last_at(&self) -> Option<Instant> {
        self.last_at
    }

    /// What a decision reads beside the state: the trail index, the day heads and the head.
    pub(super) fn books(&self) -> Books<'_> {
        Books {
            trail: &self.trail_index,
            heads: &self.heads,
            head: self.ledger.head(),
            tree: &self.tree,
        }
    }

    /// Establishes a village, community or zone (use [`establish_group`](Self::establish_group)
    /// for groups).
    ///
    /// ```
    /// use fangkong::UnitKind;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, .. } = doc_fixture()?;
    /// let township = reg.township();
    /// let zhanqian = reg.establish_unit(leader, t, UnitKind::Community, "Zhanqian", township, None)?;
    /// assert_eq!(reg.unit(zhanqian).map(|u| u.kind), Some(UnitKind::Community));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::EstablishUnit`].
    pub fn establish_unit(
        &mut self,
        actor: StaffId,
        at: Instant,
        kind: UnitKind,
        name: impl Into<String>,
        parent: UnitId,
        code: Option<StatisticalCode>,
    ) -> Result<UnitId, Error> {
        self.establish(actor, at, kind, name.into(), parent, code, None)
    }

    /// Establishes group number `number` of a village or community.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, .. } = doc_fixture()?;
    /// let group_2 = reg.establish_group(leader, t, qianjin, 2, "Qianjin group 2")?;
    /// assert_eq!(reg.unit(group_2).and_then(|u| u.number), Some(2));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::EstablishUnit`].
    pub fn establish_group(
        &mut self,
        actor: StaffId,
        at: Instant,
        village: UnitId,
        number: u16,
        name: impl Into<String>,
    ) -> Result<UnitId, Error> {
        let name = name.into();
        self.establish(
            actor,
            at,
            UnitKind::Group,
            name,
            village,
            None,
            Some(number),
        )
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn establish(
        &mut self,
        actor: StaffId,
        at: Instant,
        kind: UnitKind,
        name: String,
        parent: UnitId,
        code: Option<StatisticalCode>,
        number: Option<u16>,
    ) -> Result<UnitId, Error> {
        let command = GridCommand::EstablishUnit {
            kind,
            name,
            parent,
            code,
            number,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Unit))
    }

    /// Enrolls a member of staff.
    ///
    /// ```
    /// use fangkong::Role;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, .. } = doc_fixture()?;
    /// let zhou = reg.enroll_staff(leader, t, "Zhou Min", Role::GridWorker, None)?;
    /// assert_eq!(reg.staff(zhou).map(|s| s.role), Some(Role::GridWorker));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::EnrollStaff`].
    pub fn enroll_staff(
        &mut self,
        actor: StaffId,
        at: Instant,
        name: impl Into<String>,
        role: Role,
        phone: Option<Phone>,
    ) -> Result<StaffId, Error> {
        let command = GridCommand::EnrollStaff {
            name: name.into(),
            role,
            phone,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Staff))
    }

    /// Assigns a member of staff to a unit.
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, .. } = doc_fixture()?;
    /// let zhou = reg.enroll_staff(leader, t, "Zhou Min", Role::GridWorker, None)?;
    /// reg.assign(leader, t, zhou, group_1, Duty::Grid)?;
    /// assert!(reg.assignments().any(|a| a.staff == zhou && a.unit == group_1));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::AssignStaff`].
    pub fn assign(
        &mut self,
        actor: StaffId,
        at: Instant,
        staff: StaffId,
        unit: UnitId,
        duty: Duty,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, GridCommand::AssignStaff { staff, unit, duty })
    }

    /// Registers a household in a group.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, group_1, li, .. } = doc_fixture()?;
    /// let next_door = reg.register_household(li, t, group_1, "Qianjin 1-02")?;
    /// assert_eq!(reg.household(next_door).map(|x| x.group), Some(group_1));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::RegisterHousehold`].
    pub fn register_household(
        &mut self,
        actor: StaffId,
        at: Instant,
        group: UnitId,
        address: impl Into<String>,
    ) -> Result<HouseholdId, Error> {
        let command = GridCommand::RegisterHousehold {
            group,
            address: address.into(),
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Household))
    }

    /// Registers a resident in a household.
    ///
    /// ```
    /// use fangkong::{Relation, ResidentDetails, Sex};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, li, home, .. } = doc_fixture()?;
    /// let son = ResidentDetails::new("Wang Lei", Sex::Male, "1975-03-02".parse()?, Relation::Child);
    /// let lei = reg.register_resident(li, t, home, son)?;
    /// assert_eq!(reg.resident(lei).map(|x| x.household), Some(home));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::RegisterResident`].
    pub fn register_resident(
        &mut self,
        actor: StaffId,
        at: Instant,
        household: HouseholdId,
        details: ResidentDetails,
    ) -> Result<ResidentId, Error> {
        let command = GridCommand::RegisterResident { household, details };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Resident))
    }

    /// Applies a command's events and appends them to the ledger as one command.
    pub(super) fn record(&mut self, at: Instant, actor: StaffId, events: Vec<Event>) -> Receipt {
        let count = u32::try_from(events.len()).unwrap_or(u32::MAX);
        let created: Vec<Created> = events.iter().flat_map(created_by).collect();
        let first_seq = self.ledger.head().seq + 1;
        let mut last_seq = first_seq;
        for e in events {
            let meta = EntryMeta {
                seq: self.ledger.head().seq + 1,
                actor,
                at,
                day: at.day_in(self.state.grid.offset),
            };
            // Written and indexed first, then applied: the state takes the event's details
            // instead of cloning them (issue 14). The trail index reads the state only for an
            // observation's resident, which an event does not change.
            let body = self.write(at, actor, (first_seq, count), Body::Event(e));
            last_seq = meta.seq;
            if let Body::Event(e) = body {
                self.state.apply(e, &meta);
            }
            self.mark_head(at);
        }
        Receipt {
            first_seq,
            last_seq,
            created,
        }
    }

    /// Appends one record, part of the command whose first entry and entry count are
    /// `(first, count)`, and returns its sequence number.
    pub(super) fn append(
        &mut self,
        at: Instant,
        actor: StaffId,
        (first, count): (u64, u32),
        body: Body,
    ) -> u64 {
        let seq = self.ledger.head().seq + 1;
        self.write(at, actor, (first, count), body);
        self.mark_head(at);
        seq
    }

    /// Writes one record to the ledger and the trail index, and gives its body back.
    pub(super) fn write(
        &mut self,
        at: Instant,
        actor: StaffId,
        (first, entries): (u64, u32),
        body: Body,
    ) -> Body {
        let seq = self.ledger.head().seq + 1;
        let record = Record {
            seq,
            schema: SCHEMA_VERSION,
            at,
            actor,
            command: CommandMark { first, entries },
            body,
        };
        self.ledger.append(record.to_bytes());
        if let Some(e) = self.ledger.last_entry() {
            self.tree.push_leaf(e.digest().as_bytes());
        }
        trail::index(&mut self.trail_index, &self.state, seq, actor, &record.body);
        record.body
    }

    /// Notes the ledger's head as the last of `at`'s day (in the township's time, once the
    /// entry's event is applied) and `at` as the last instant recorded.
    pub(super) fn mark_head(&mut self, at: Instant) {
        self.last_at = Some(at);
        self.heads
            .insert(at.day_in(self.state.grid.offset), self.ledger.head());
    }

    // ----- queries -----

    /// A unit, if it exists.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, qianjin, .. } = doc_fixture()?;
    /// assert_eq!(reg.unit(qianjin).map(|u| u.name.as_str()), Some("Qianjin"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.state.grid.units.get(&id)
    }

    /// Every unit, in the order established.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, .. } = doc_fixture()?;
    /// assert_eq!(reg.units().count(), 3); // the township, Qianjin and its group 1
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.state.grid.units.values()
    }

    /// The units directly under `id` (villages of the township, zones and groups of a village).
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, qianjin, group_1, .. } = doc_fixture()?;
    /// assert_eq!(reg.children(reg.township()), &[qianjin]);
    /// assert_eq!(reg.children(qianjin), &[group_1]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn children(&self, id: UnitId) -> &[UnitId] {
        self.state.grid.children.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The groups of a village or community, or of a zone; the group itself for a group; every
    /// group for the township.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, group_1, .. } = doc_fixture()?;
    /// assert_eq!(reg.groups_of(reg.township()), vec![group_1]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn groups_of(&self, id: UnitId) -> Vec<UnitId> {
        self.state.grid.groups_under(id)
    }

    /// How messages name a unit: `"Qianjin group 3 (U12)"`.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, group_1, .. } = doc_fixture()?;
    /// assert_eq!(reg.unit_label(group_1), "Qianjin group 1 (U3)");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn unit_label(&self, id: UnitId) -> String {
        self.state.grid.label(id)
    }

    /// A member of staff, if enrolled.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, leader, li, .. } = doc_fixture()?;
    /// assert_eq!(reg.staff(leader).map(|s| s.name.as_str()), Some("Secretary Liu"));
    /// assert_eq!(reg.staff(li).map(|s| s.name.as_str()), Some("Li Hua"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn staff(&self, id: StaffId) -> Option<&Staff> {
        self.state.grid.staff.get(&id)
    }

    /// Every member of staff's id, in the order enrolled.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, leader, li, .. } = doc_fixture()?;
    /// assert_eq!(reg.staff_ids().collect::<Vec<_>>(), vec![leader, li]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn staff_ids(&self) -> impl Iterator<Item = StaffId> + '_ {
        self.state.grid.staff.keys().copied()
    }

    /// Every current assignment.
    ///
    /// ```
    /// use fangkong::Duty;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, leader, group_1, li, .. } = doc_fixture()?;
    /// let all: Vec<_> = reg.assignments().map(|a| (a.staff, a.unit, a.duty)).collect();
    /// // The founding leader is in charge of the township; Li Hua has group 1's grid.
    /// assert_eq!(all, vec![(leader, reg.township(), Duty::ChargeOfVillage), (li, group_1, Duty::Grid)]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn assignments(&self) -> impl Iterator<Item = &Assignment> {
        self.state.grid.assignments.iter()
    }

    /// A household, if registered.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, home, wang, .. } = doc_fixture()?;
    /// assert_eq!(reg.household(home).map(|x| x.residents.to_vec()), Some(vec![wang]));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn household(&self, id: HouseholdId) -> Option<&Household> {
        self.state.grid.households.get(&id)
    }

    /// Every household.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, home, .. } = doc_fixture()?;
    /// assert_eq!(reg.households().map(|x| x.id).collect::<Vec<_>>(), vec![home]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn households(&self) -> impl Iterator<Item = &Household> {
        self.state.grid.households.values()
    }

    /// The households of a unit and every unit below it, by id.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, qianjin, home, .. } = doc_fixture()?;
    /// assert_eq!(reg.households_in(qianjin), vec![home]);
    /// assert_eq!(reg.households_in(reg.township()), vec![home]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn households_in(&self, unit: UnitId) -> Vec<HouseholdId> {
        let mut out: Vec<HouseholdId> = self
            .state
            .grid
            .groups_under(unit)
            .iter()
            .flat_map(|g| {
                self.state
                    .grid
                    .group_households
                    .get(g)
                    .into_iter()
                    .flatten()
            })
            .copied()
            .collect();
        out.sort_unstable();
        out
    }

    /// A resident, if registered (deregistered residents stay, with their reason).
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, wang, .. } = doc_fixture()?;
    /// assert_eq!(reg.resident(wang).map(|x| &*x.details.name), Some("Wang Fang"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn resident(&self, id: ResidentId) -> Option<&Resident> {
        self.state.grid.residents.get(&id)
    }

    /// Every resident ever registered.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, .. } = doc_fixture()?;
    /// assert_eq!(reg.residents().count(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn residents(&self) -> impl Iterator<Item = &Resident> {
        self.state.grid.residents.values()
    }

    /// The registered resident with this identity number, if any.
    ///
    /// ```
    /// use fangkong::IdentityNumber;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, wang, .. } = doc_fixture()?;
    /// let id: IdentityNumber = "11010519491231002X".parse()?;
    /// assert_eq!(reg.find_by_identity(&id).map(|x| x.id), Some(wang));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn find_by_identity(&self, identity: &IdentityNumber) -> Option<&Resident> {
        self.state
            .grid
            .by_identity
            .get(identity, &self.state.grid.residents)
            .and_then(|r| self.state.grid.residents.get(&r))
    }

    /// The staff who answer for a unit: those assigned to it, to its zone, or to any unit above
    /// it. Leaders' township-wide authority is not an assignment and is not listed unless they
    /// are assigned.
    ///
    /// ```
    /// use fangkong::Role;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, leader, group_1, li, .. } = doc_fixture()?;
    /// let answering = reg.responsible_for(group_1);
    /// // Li Hua has the group; the leader, in charge of the township, answers for it too.
    /// assert!(answering.iter().any(|x| x.staff == li && x.role == Role::GridWorker));
    /// assert!(answering.iter().any(|x| x.staff == leader));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn responsible_for(&self, unit: UnitId) -> Vec<Responsibility> {
        let s = &self.state.grid;
        let mut out: Vec<Responsibility> = s
            .covering_units(unit)
            .into_iter()
            .flat_map(|u| s.by_unit.get(&u).into_iter().flatten())
            .filter_map(|a| {
                s.staff.get(&a.staff).map(|st| Responsibility {
                    staff: a.staff,
                    role: st.role,
                    assignment: *a,
                })
            })
            .collect();
        out.sort_by_key(|r| r.assignment);
        out
    }

    /// The staff who answer for a household (those who answer for its group).
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, li, home, .. } = doc_fixture()?;
    /// assert!(reg.responsible_for_household(home).iter().any(|x| x.staff == li));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn responsible_for_household(&self, household: HouseholdId) -> Vec<Responsibility> {
        self.state
            .grid
            .households
            .get(&household)
            .map(|h| self.responsible_for(h.group))
            .unwrap_or_default()
    }

    /// Villages, communities, zones and groups that nobody with one of `roles` answers for (any
    /// role when `roles` is empty). Assignments to the township itself are left out here,
    /// since they would cover everything: this lists the holes in 联点包村 and 分片包组.
    ///
    /// ```
    /// use fangkong::Role;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, qianjin, group_1, .. } = doc_fixture()?;
    /// // No cadre is assigned anywhere; Li Hua covers group 1, not the whole village.
    /// assert_eq!(reg.unassigned_units(&[Role::Cadre]), vec![qianjin, group_1]);
    /// assert_eq!(reg.unassigned_units(&[Role::GridWorker]), vec![qianjin]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn unassigned_units(&self, roles: &[Role]) -> Vec<UnitId> {
        let s = &self.state.grid;
        let covering: BTreeSet<UnitId> = s
            .assignments
            .iter()
            .filter(|a| Some(a.unit) != s.township)
            .filter(|a| {
                roles.is_empty()
                    || s.staff
                        .get(&a.staff)
                        .is_some_and(|st| roles.contains(&st.role))
            })
            .map(|a| a.unit)
            .collect();
        s.units
            .values()
            .filter(|u| u.kind != UnitKind::Township)
            .filter(|u| !s.covering_units(u.id).iter().any(|c| covering.contains(c)))
            .map(|u| u.id)
            .collect()
    }

    /// Households in groups that nobody with one of `roles` answers for (any role when empty).
    ///
    /// ```
    /// use fangkong::Role;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, li, home, .. } = doc_fixture()?;
    /// assert!(reg.unassigned_households(&[Role::GridWorker]).is_empty());
    /// reg.end_assignment(leader, t, li, group_1)?;
    /// assert_eq!(reg.unassigned_households(&[Role::GridWorker]), vec![home]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn unassigned_households(&self, roles: &[Role]) -> Vec<HouseholdId> {
        let mut out: Vec<HouseholdId> = self
            .unassigned_units(roles)
            .into_iter()
            .filter(|u| {
                self.state
                    .grid
                    .units
                    .get(u)
                    .is_some_and(|x| x.kind == UnitKind::Group)
            })
            .flat_map(|g| {
                self.state
                    .grid
                    .group_households
                    .get(&g)
                    .cloned()
                    .unwrap_or_default()
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Counts for each village and community, in the order established.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { reg, qianjin, .. } = doc_fixture()?;
    /// let village = &reg.summary_by_village()[0];
    /// assert_eq!(village.unit, qianjin);
    /// // Group 1, household "Qianjin 1-01", Wang Fang, and Li Hua assigned within it.
    /// assert_eq!((village.groups, village.households, village.residents, village.staff), (1, 1, 1, 1));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn summary_by_village(&self) -> Vec<UnitSummary> {
        let s = &self.state.grid;
        // Staff assigned within each village: each assignment counted at its village.
        let mut staff_of: BTreeMap<UnitId, BTreeSet<StaffId>> = BTreeMap::new();
        for a in &s.assignments {
            let village = s.covering_units(a.unit).into_iter().find(|u| {
                s.units
                    .get(u)
                    .is_some_and(|x| matches!(x.kind, UnitKind::Village | UnitKind::Community))
            });
            if let Some(v) = village {
                staff_of.entry(v).or_default().insert(a.staff);
            }
        }
        s.units
            .values()
            .filter(|u| matches!(u.kind, UnitKind::Village | UnitKind::Community))
            .map(|u| {
                let groups = s.groups_under(u.id);
                let households = groups
                    .iter()
                    .filter_map(|g| s.group_households.get(g))
                    .map(Vec::len)
                    .sum();
                let residents = groups
                    .iter()
                    .filter_map(|g| s.group_households.get(g))
                    .flatten()
                    .filter_map(|h| s.households.get(h))
                    .map(|h| h.residents.len())
                    .sum();
                UnitSummary {
                    unit: u.id,
                    name: u.name.clone(),
                    kind: u.kind,
                    groups: groups.len(),
                    households,
                    residents,
                    staff: staff_of.get(&u.id).map_or(0, BTreeSet::len),
                }
            })
            .collect()
    }
}
