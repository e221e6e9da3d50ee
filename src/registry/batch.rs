//! Batches: many commands executed in order, each with its own result, a later one able to
//! name what an earlier one of the same batch created.
//!
//! A roster loaded in one go is the typical batch: a household, then its residents, who
//! belong to the household the batch has just registered. The residents' commands carry
//! [`Ref::Row`] in place of the household's id. A refused row does not stop the batch; the
//! rows that depend on it are refused in turn, with [`Error::DependsOnRefusedRow`] naming it,
//! and every refusal is in the ledger, as for single commands.

use serde::{Deserialize, Serialize};

use super::receipt::CreatedId;
use super::{Receipt, Registry};
use crate::calendar::Instant;
use crate::error::Error;
use crate::event::Command;
use crate::gathering::GatheringCommand;
use crate::grid::{GridCommand, UnitKind};
use crate::household::ResidentDetails;
use crate::ids::{HouseholdId, StaffId, UnitId};
use crate::observation::ObservationCommand;
use crate::publicity::PublicityCommand;
use crate::report::ReportCommand;
use crate::screening::ScreeningCommand;
use crate::supervision::SupervisionCommand;

/// An id, or the row of the same batch that creates it.
///
/// Rows are counted from 0, as the batch's `Vec` index; a row may refer only to rows before
/// it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Ref<T> {
    /// An id already known.
    Id(T),
    /// The first id of this kind created by row `n` of the batch.
    Row(usize),
}

impl<T> From<T> for Ref<T> {
    fn from(id: T) -> Ref<T> {
        Ref::Id(id)
    }
}

/// A command of a batch: any [`Command`], or one of the commands whose target may be a
/// [`Ref`] to an earlier row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BatchCommand {
    /// A command with every id known.
    Command(Command),
    /// Establish group `number` of a village (which may be created in the batch).
    EstablishGroup {
        /// The village or community.
        village: Ref<UnitId>,
        /// The group's number within it.
        number: u16,
        /// Its name.
        name: String,
    },
    /// Register a household in a group (which may be created in the batch).
    RegisterHousehold {
        /// The group.
        group: Ref<UnitId>,
        /// Its address.
        address: String,
    },
    /// Register a resident in a household (which may be registered in the batch).
    RegisterResident {
        /// The household.
        household: Ref<HouseholdId>,
        /// Their details.
        details: ResidentDetails,
    },
}

impl From<Command> for BatchCommand {
    fn from(c: Command) -> BatchCommand {
        BatchCommand::Command(c)
    }
}

macro_rules! batch_from {
    ($($ty:ty),*) => {$(
        impl From<$ty> for BatchCommand {
            fn from(c: $ty) -> BatchCommand {
                BatchCommand::Command(c.into())
            }
        }
    )*};
}
batch_from!(
    GridCommand,
    ScreeningCommand,
    ObservationCommand,
    ReportCommand,
    GatheringCommand,
    SupervisionCommand,
    PublicityCommand
);

/// One row of a batch: who, when, what.
///
/// ```
/// use fangkong::{BatchCommand, BatchItem, Founding, Ref, Registry, Relation, ResidentDetails, Sex, UnitKind};
/// let t = "2020-01-24T09:00:00+08:00".parse()?;
/// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
/// let s1 = reg.staff_ids().next().unwrap();
/// let v = reg.establish_unit(s1, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
/// let g = reg.establish_group(s1, t, v, 1, "Qianjin group 1")?;
/// let results = reg.execute_all(vec![
///     BatchItem::new(s1, t, BatchCommand::RegisterHousehold { group: g.into(), address: "".into() }),
///     BatchItem::new(s1, t, BatchCommand::RegisterResident {
///         household: Ref::Row(0),
///         details: ResidentDetails::new("王强", Sex::Male, "1990-05-01".parse()?, Relation::Head),
///     }),
/// ]);
/// // The household has no address: refused; so is its resident, naming row 0.
/// assert_eq!(results[1].as_ref().unwrap_err().to_string(),
///     "row 0 of the batch, which this command depends on, was refused: the household's address is empty");
/// assert_eq!(reg.refusals()?.len(), 2);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchItem {
    /// Who acts.
    pub actor: StaffId,
    /// When.
    pub at: Instant,
    /// What.
    pub command: BatchCommand,
}

impl BatchItem {
    /// A row: `actor` does `command` at `at`.
    pub fn new(actor: StaffId, at: Instant, command: impl Into<BatchCommand>) -> BatchItem {
        BatchItem {
            actor,
            at,
            command: command.into(),
        }
    }
}

impl From<(StaffId, Instant, Command)> for BatchItem {
    fn from((actor, at, command): (StaffId, Instant, Command)) -> BatchItem {
        BatchItem::new(actor, at, command)
    }
}

/// What `row` of the batch created, for the row `this` that refers to it.
fn resolve<T: CreatedId>(
    r: Ref<T>,
    this: usize,
    done: &[Result<Receipt, Error>],
) -> Result<T, Error> {
    let row = match r {
        Ref::Id(id) => return Ok(id),
        Ref::Row(row) => row,
    };
    match done.get(row) {
        None => Err(Error::BatchRowNotEarlier { row, this }),
        // The row's own reason, never the chain before it: a row that was itself refused for
        // depending on another names that row only, so a refusal stays short however long the
        // chain of rows (issue 18).
        Some(Err(Error::DependsOnRefusedRow { row: earlier, .. })) => {
            Err(Error::DependsOnRefusedRow {
                row,
                reason: format!("it depends on row {earlier}, which was refused"),
                reason_zh: format!("它依赖的第{earlier}行被拒绝"),
            })
        }
        Some(Err(e)) => Err(Error::DependsOnRefusedRow {
            row,
            reason: e.to_string(),
            reason_zh: e.display_zh().to_string(),
        }),
        Some(Ok(receipt)) => receipt
            .created_one::<T>()
            .ok_or(Error::BatchRowCreatedNone { row, what: T::WHAT }),
    }
}

impl BatchCommand {
    /// The command with every [`Ref`] replaced by the id its row created.
    fn resolve(&self, this: usize, done: &[Result<Receipt, Error>]) -> Result<Command, Error> {
        Ok(match self {
            BatchCommand::Command(c) => c.clone(),
            BatchCommand::EstablishGroup {
                village,
                number,
                name,
            } => GridCommand::EstablishUnit {
                kind: UnitKind::Group,
                name: name.clone(),
                parent: resolve(*village, this, done)?,
                code: None,
                number: Some(*number),
            }
            .into(),
            BatchCommand::RegisterHousehold { group, address } => GridCommand::RegisterHousehold {
                group: resolve(*group, this, done)?,
                address: address.clone(),
            }
            .into(),
            BatchCommand::RegisterResident { household, details } => {
                GridCommand::RegisterResident {
                    household: resolve(*household, this, done)?,
                    details: details.clone(),
                }
                .into()
            }
        })
    }
}

/// # Batches (批量录入)
///
/// Many commands at once, rows referring to earlier rows.
impl Registry {
    /// Executes a batch of commands in order and returns one result per row: each row's
    /// [`Receipt`], or why it was refused. A refusal does not stop the batch. A row that names
    /// an earlier row ([`Ref::Row`]) gets the id that row created; if that row was refused,
    /// the row is refused too, with [`Error::DependsOnRefusedRow`] naming it. Every refusal is
    /// recorded in the ledger, as [`execute`](Self::execute) records it.
    ///
    /// [`BatchItem`] shows a batch whose first row is refused.
    ///
    /// ```
    /// use fangkong::{BatchCommand, BatchItem, Ref, Relation, ResidentDetails, Sex};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, group_1, li, .. } = doc_fixture()?;
    /// let results = reg.execute_all(vec![
    ///     BatchItem::new(li, t, BatchCommand::RegisterHousehold {
    ///         group: group_1.into(),
    ///         address: "Qianjin 1-02".into(),
    ///     }),
    ///     BatchItem::new(li, t, BatchCommand::RegisterResident {
    ///         household: Ref::Row(0), // the household row 0 registers
    ///         details: ResidentDetails::new("Zhang Wei", Sex::Male, "1985-03-02".parse()?,
    ///             Relation::Head),
    ///     }),
    /// ]);
    /// assert!(results.iter().all(|r| r.is_ok()));
    /// assert_eq!(reg.households_in(group_1).len(), 2);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn execute_all(&mut self, items: Vec<BatchItem>) -> Vec<Result<Receipt, Error>> {
        let mut done: Vec<Result<Receipt, Error>> = Vec::with_capacity(items.len());
        for (this, item) in items.into_iter().enumerate() {
            let result = match item.command.resolve(this, &done) {
                Ok(command) => self.execute(item.actor, item.at, command),
                Err(err) => {
                    let attempt =
                        serde_json::to_value(&item.command).unwrap_or(serde_json::Value::Null);
                    self.record_refusal(item.actor, item.at, attempt, &err);
                    Err(err)
                }
            };
            done.push(result);
        }
        done
    }
}
