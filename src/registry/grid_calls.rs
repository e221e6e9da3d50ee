//! The grid (网格): the typed calls. Each executes one command through
//! [`Registry::execute`] and returns what it created, with the same authorization, validation
//! and ledger entry.

use super::{Receipt, Registry};
use crate::calendar::Instant;
use crate::error::Error;
use crate::grid::GridCommand;
use crate::household::{DeregistrationReason, Relation, ResidentDetails};
use crate::ids::{HouseholdId, ResidentId, StaffId, UnitId};

/// # The grid (网格)
///
/// Zones, assignments ended, residents corrected, moved and deregistered.
impl Registry {
    // ----- grid -----

    /// Puts groups of one village into a zone (分片).
    ///
    /// ```
    /// use fangkong::UnitKind;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, group_1, .. } = doc_fixture()?;
    /// let north =
    ///     reg.establish_unit(leader, t, UnitKind::Zone, "Qianjin north (北片)", qianjin, None)?;
    /// reg.zone_groups(leader, t, north, vec![group_1])?;
    /// assert_eq!(reg.unit(group_1).and_then(|u| u.zone), Some(north));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::ZoneGroups`]: a unit that is not a
    /// zone, a group of another village, a group already in another zone.
    pub fn zone_groups(
        &mut self,
        actor: StaffId,
        at: Instant,
        zone: UnitId,
        groups: Vec<UnitId>,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, GridCommand::ZoneGroups { zone, groups })
    }

    /// Ends a member of staff's assignment to a unit.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, li, .. } = doc_fixture()?;
    /// reg.end_assignment(leader, t, li, group_1)?;
    /// assert!(reg.assignments().all(|a| a.staff != li));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::EndAssignment`]: no such assignment,
    /// an actor who is not a leader.
    pub fn end_assignment(
        &mut self,
        actor: StaffId,
        at: Instant,
        staff: StaffId,
        unit: UnitId,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, GridCommand::EndAssignment { staff, unit })
    }

    /// Corrects a resident's details; the previous details stay in the ledger.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, li, wang, .. } = doc_fixture()?;
    /// let mut details = reg.resident(wang).unwrap().details.clone();
    /// details.name = "Wang Fang (王芳)".into();
    /// reg.correct_resident(li, t, wang, details)?;
    /// assert_eq!(&*reg.resident(wang).unwrap().details.name, "Wang Fang (王芳)");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::CorrectResident`]: an unknown or
    /// deregistered resident, details the registry refuses (an identity number that disagrees
    /// with the sex or birth date, or belongs to someone else; a second head).
    pub fn correct_resident(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
        details: ResidentDetails,
    ) -> Result<Receipt, Error> {
        self.execute(
            actor,
            at,
            GridCommand::CorrectResident { resident, details },
        )
    }

    /// Moves a household to another group.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, qianjin, home, .. } = doc_fixture()?;
    /// let group_2 = reg.establish_group(leader, t, qianjin, 2, "Qianjin group 2")?;
    /// reg.move_household(leader, t, home, group_2)?;
    /// assert_eq!(reg.household(home).unwrap().group, group_2);
    /// assert_eq!(reg.households_in(group_2), vec![home]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::MoveHousehold`]: an unknown household
    /// or group, either outside the actor's units.
    pub fn move_household(
        &mut self,
        actor: StaffId,
        at: Instant,
        household: HouseholdId,
        to: UnitId,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, GridCommand::MoveHousehold { household, to })
    }

    /// Moves a resident to another household, with their relation to its head.
    ///
    /// ```
    /// use fangkong::Relation;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, group_1, li, wang, .. } = doc_fixture()?;
    /// let new_home = reg.register_household(li, t, group_1, "Qianjin 1-02")?;
    /// reg.move_resident(li, t, wang, new_home, Relation::Head)?;
    /// assert_eq!(reg.resident(wang).unwrap().household, new_home);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::MoveResident`].
    pub fn move_resident(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
        to: HouseholdId,
        relation: Relation,
    ) -> Result<Receipt, Error> {
        let command = GridCommand::MoveResident {
            resident,
            to,
            relation,
        };
        self.execute(actor, at, command)
    }

    /// Deregisters a resident (died, moved away, registered in error).
    ///
    /// ```
    /// use fangkong::DeregistrationReason;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, li, wang, .. } = doc_fixture()?;
    /// reg.deregister_resident(li, t, wang, DeregistrationReason::MovedAway)?;
    /// assert_eq!(reg.resident(wang).unwrap().deregistered, Some(Box::new(DeregistrationReason::MovedAway)));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`GridCommand::DeregisterResident`]: an unknown or
    /// already deregistered resident, one under observation.
    pub fn deregister_resident(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
        reason: DeregistrationReason,
    ) -> Result<Receipt, Error> {
        self.execute(
            actor,
            at,
            GridCommand::DeregisterResident { resident, reason },
        )
    }

    // ----- screening -----
}
