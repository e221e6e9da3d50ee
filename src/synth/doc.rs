//! The township the documentation's examples start from.

use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::grid::{Duty, Role, UnitKind};
use crate::household::{Relation, ResidentDetails};
use crate::identity::Sex;
use crate::ids::{HouseholdId, ResidentId, StaffId, UnitId};
use crate::registry::{Founding, Registry};

/// The small township the examples of this documentation start from (文档示例的乡镇), built by
/// [`doc_fixture`]. Every id is the one the registry returned; every field is public, so an
/// example destructures what it needs (the `synth` feature):
///
/// ```
/// use fangkong::synth::{DocTownship, doc_fixture};
///
/// let DocTownship { reg, leader, qianjin, li, wang, .. } = doc_fixture()?;
/// assert_eq!(reg.unit(qianjin).unwrap().name, "Qianjin");
/// assert_eq!(reg.staff(li).unwrap().name, "Li Hua");
/// assert_eq!(reg.resident(wang).unwrap().details.identity.unwrap().to_string(), "1101**********002X");
/// assert_eq!(reg.staff_ids().next(), Some(leader));
/// assert_eq!(reg.ledger().len(), 9);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DocTownship {
    /// The registry of a township named "Huochezhan", founded at [`t`](Self::t) with
    /// "Secretary Liu" as its leader.
    pub reg: Registry,
    /// 2020-01-24 09:00 (+08:00), when everything here was done; examples act at it or later.
    pub t: Instant,
    /// 2020-01-24, the day of [`t`](Self::t).
    pub day: Day,
    /// Secretary Liu (刘书记), the township's leader ([`Role::Leader`]), enrolled and charged
    /// with the township by the founding: establishes units, enrolls and assigns staff, issues
    /// orders. A leader does not decide releases (a health worker does) nor record inspections
    /// and findings (an inspector does): examples that need them enroll one.
    pub leader: StaffId,
    /// Qianjin (前进村), a village of the township.
    pub qianjin: UnitId,
    /// Qianjin group 1 (前进村一组), the only group of Qianjin.
    pub group_1: UnitId,
    /// Li Hua (李华), a grid worker (网格员) assigned to Qianjin group 1 with [`Duty::Grid`].
    pub li: StaffId,
    /// Household "Qianjin 1-01" of group 1, registered by Li Hua.
    pub home: HouseholdId,
    /// Wang Fang (王芳), head of that household: woman, born 1949-12-31, identity number
    /// 11010519491231002X, phone 138 0731 1234.
    pub wang: ResidentId,
}

/// Builds the [`DocTownship`] the examples start from: a registry founded on 2020-01-24 at
/// 09:00 (+08:00), one village with one group, a grid worker for it, and one household with its
/// head, each done by the call a program would make: nine ledger entries in all. Without the
/// `synth` feature, these are the calls that build the same township:
///
/// ```
/// use fangkong::{Duty, Founding, Instant, Registry, Relation, ResidentDetails, Role, Sex, UnitKind};
///
/// let t: Instant = "2020-01-24T09:00:00+08:00".parse()?;
/// let day = t.day();
/// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
/// let leader = reg.staff_ids().next().unwrap();
/// let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
/// let group_1 = reg.establish_group(leader, t, qianjin, 1, "Qianjin group 1")?;
/// let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
/// reg.assign(leader, t, li, group_1, Duty::Grid)?;
/// let home = reg.register_household(li, t, group_1, "Qianjin 1-01")?;
/// let wang = ResidentDetails::new("Wang Fang", Sex::Female, "1949-12-31".parse()?, Relation::Head)
///     .with_identity("11010519491231002X".parse()?)
///     .with_phone("138 0731 1234".parse()?);
/// let wang = reg.register_resident(li, t, home, wang)?;
///
/// // The same township as the fixture's, entry for entry.
/// let fixture = fangkong::synth::doc_fixture()?;
/// assert_eq!(fixture.reg, reg);
/// assert_eq!((fixture.day, fixture.wang), (day, wang));
/// # Ok::<(), fangkong::Error>(())
/// ```
///
/// # Errors
/// None in practice: every command is valid. The `Result` is the registry's, passed on.
pub fn doc_fixture() -> Result<DocTownship, Error> {
    let t: Instant = "2020-01-24T09:00:00+08:00".parse()?;
    let day = t.day();
    let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    let leader = reg
        .staff_ids()
        .next()
        .expect("a founded registry has its leader");
    let township = reg.township();
    let qianjin = reg.establish_unit(leader, t, UnitKind::Village, "Qianjin", township, None)?;
    let group_1 = reg.establish_group(leader, t, qianjin, 1, "Qianjin group 1")?;
    let li = reg.enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)?;
    reg.assign(leader, t, li, group_1, Duty::Grid)?;
    let home = reg.register_household(li, t, group_1, "Qianjin 1-01")?;
    let details = ResidentDetails::new(
        "Wang Fang",
        Sex::Female,
        "1949-12-31".parse()?,
        Relation::Head,
    )
    .with_identity("11010519491231002X".parse()?)
    .with_phone("138 0731 1234".parse()?);
    let wang = reg.register_resident(li, t, home, details)?;
    Ok(DocTownship {
        reg,
        t,
        day,
        leader,
        qianjin,
        group_1,
        li,
        home,
        wang,
    })
}
