//! The grid (网格化管理): units, staff, roles and assignments.
//!
//! A township (乡/镇/街道) holds villages (村) and communities (社区); a village holds groups
//! (村民小组, "组"), numbered within it; zones (片) gather several groups of one village under
//! one cadre. Households belong to groups. Staff are assigned to units: a leader takes charge of
//! villages (联点包村), a department is linked to a village (部门联村), a cadre takes a zone and
//! its groups (分片包组). An assignment to a unit covers everything below it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::identity::Phone;

use crate::place::StatisticalCode;

pub(crate) mod check;
mod command;
mod error;
// Issue 14 (memory): identity numbers to residents, 4 bytes a slot.
pub(crate) mod context;
mod identity_index;
mod labels;
mod refs;

pub use crate::household::{
    DeregistrationReason, Household, Relation, Resident, ResidentDetails, Vulnerabilities,
};
pub use crate::ids::{HouseholdId, ResidentId, StaffId, UnitId};
pub use command::{ContactField, GridCommand, GridEvent};
pub(crate) use command::{GridGuards, GridState, decide};
pub use error::GridError;
pub(crate) use error::{grid_zh, roles_text_zh, staff_label_zh};
pub use refs::{StaffRef, UnitRef};

/// The kind of a unit of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnitKind {
    /// A township, town or street office (乡/镇/街道): the root of a registry.
    Township,
    /// An administrative village (行政村), under a villagers' committee.
    Village,
    /// A community (社区), under a residents' committee.
    Community,
    /// A zone (片): several groups of one village or community under one cadre.
    Zone,
    /// A villagers' group (村民小组) or residents' group, numbered within its village.
    Group,
}

impl UnitKind {
    /// The kinds a unit of this kind may be placed under.
    pub fn allowed_parents(self) -> &'static [UnitKind] {
        match self {
            UnitKind::Township => &[],
            UnitKind::Village | UnitKind::Community => &[UnitKind::Township],
            UnitKind::Zone | UnitKind::Group => &[UnitKind::Village, UnitKind::Community],
        }
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

/// A unit of the grid, as the registry holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Unit {
    /// Its identifier.
    pub id: UnitId,
    /// What kind of unit it is.
    pub kind: UnitKind,
    /// Its name as the township writes it, e.g. `"Qianjin (前进村)"`.
    pub name: String,
    /// The unit it belongs to; `None` only for the township.
    pub parent: Option<UnitId>,
    /// Its 12-digit statistical division code (统计用区划代码), where it has one.
    pub code: Option<StatisticalCode>,
    /// A group's number within its village (groups have no national code).
    pub number: Option<u16>,
    /// For a group, the zone it belongs to, if any.
    pub zone: Option<UnitId>,
}

/// The role of a member of staff, which limits what they may record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// A member of the township's leading group (领导小组成员), acting in the units assigned to
    /// them: a leader linked to villages (联点包村) answers for those villages; one assigned to
    /// the township itself (the party secretary heading the leading group, as the founding
    /// leader is) answers for the whole township.
    Leader,
    /// A township or village cadre (干部), acting in the units assigned to them.
    Cadre,
    /// A grid worker (网格员), acting in the units assigned to them.
    GridWorker,
    /// A health worker of the township health centre (乡卫生院医务人员): records medical
    /// decisions, in the units assigned to them.
    HealthWorker,
    /// An inspector of the township discipline inspection commission (乡纪委): records
    /// inspections anywhere in the township, by their role (no assignment needed).
    Inspector,
    /// A volunteer (志愿者), e.g. on checkpoint duty (卡点执勤); records nothing but their own
    /// check-in and check-out on the duty roster.
    Volunteer,
}

impl Role {
    /// Whether this role acts anywhere in the township by the role itself, rather than only
    /// in the units assigned to its holder and below them: only inspectors of the supervision
    /// group do (DOMAIN.md §1, "Reach"). A leader acts where they are assigned, like everyone
    /// else; what covers the whole township takes a leader assigned to the township.
    ///
    /// ```
    /// use fangkong::Role;
    /// assert!(Role::Inspector.acts_township_wide());
    /// assert!(!Role::Leader.acts_township_wide());
    /// ```
    pub fn acts_township_wide(self) -> bool {
        matches!(self, Role::Inspector)
    }

    /// Whether this role may take `action` (in units within its reach).
    ///
    /// ```
    /// use fangkong::{Action, Role};
    /// assert!(Role::GridWorker.may(Action::RegisterHousehold));
    /// assert!(!Role::GridWorker.may(Action::EnrollStaff));
    /// assert!(!Role::Volunteer.may(Action::RegisterResident));
    /// ```
    pub fn may(self, action: Action) -> bool {
        action.roles().contains(&self)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

/// What an assignment makes a member of staff answer for (the article's forms of 包保).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Duty {
    /// A leader takes charge of a village (联点包村).
    ChargeOfVillage,
    /// A township department is linked to a village (部门联村).
    DepartmentLink,
    /// A cadre takes a zone and its groups (分片包组).
    ZoneAndGroups,
    /// A grid worker's grid (网格).
    Grid,
    /// Medical service of the township health centre (乡卫生院上门服务).
    MedicalService,
    /// Supervision (督查).
    Supervision,
}

impl Duty {
    /// The roles this duty can be given to: a village is taken in charge by a leader
    /// (联点包村), a department link by a leader or cadre (部门联村), zones and groups by a
    /// cadre or leader (分片包组), grid work by a grid worker, cadre or volunteer, medical
    /// service by a health worker, supervision by an inspector or leader.
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// assert!(Duty::ChargeOfVillage.fits(Role::Leader));
    /// assert!(!Duty::ChargeOfVillage.fits(Role::Volunteer));
    /// ```
    pub fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Duty::ChargeOfVillage => &[Leader],
            Duty::DepartmentLink => &[Leader, Cadre],
            Duty::ZoneAndGroups => &[Cadre, Leader],
            Duty::Grid => &[GridWorker, Cadre, Volunteer],
            Duty::MedicalService => &[HealthWorker],
            Duty::Supervision => &[Inspector, Leader],
        }
    }

    /// Whether this duty can be given to someone of `role` ([`Duty::roles`]).
    pub fn fits(self, role: Role) -> bool {
        self.roles().contains(&role)
    }
}

/// A member of staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Staff {
    /// Their identifier.
    pub id: StaffId,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Their phone (masked when printed).
    pub phone: Option<Phone>,
}

impl Staff {
    /// How messages name them: role, name and id, e.g. `grid worker Li Hua (S12)`.
    pub fn label(&self) -> String {
        format!("{} {} ({})", self.role, self.name, self.id)
    }
}

/// An assignment of a member of staff to a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[non_exhaustive]
pub struct Assignment {
    /// Who.
    pub staff: StaffId,
    /// To which unit (it covers everything below it).
    pub unit: UnitId,
    /// In which capacity.
    pub duty: Duty,
}

/// What a command does, for authorization: each action names the roles that may take it.
///
/// Roles that do not [act township-wide](Role::acts_township_wide) (every role but the
/// inspector's) may take an action only in the units assigned to them and below them; an
/// action that covers the whole township (a risk-area designation, a screening rule, enrolling
/// staff…) takes an assignment to the township itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    /// Establish a village, community, zone or group.
    EstablishUnit,
    /// Enroll a member of staff.
    EnrollStaff,
    /// Assign staff to a unit, or end an assignment.
    AssignStaff,
    /// Register a household.
    RegisterHousehold,
    /// Register a resident, or correct their details.
    RegisterResident,
    /// Move a household to another group, or a resident to another household.
    MoveHousehold,
    /// Deregister a resident (died, moved away).
    DeregisterResident,
    /// Designate or lift risk areas, or confirm a proposed level change.
    ManageRiskAreas,
    /// Adopt screening rules; open and close screening rounds.
    ManageScreening,
    /// Record a visit to a household or a screening interview (摸排登记).
    RecordScreening,
    /// Adopt an observation protocol of the registry's own.
    ManageProtocols,
    /// Record follow-up of a person under observation: readings, symptoms, supplies.
    RecordFollowUp,
    /// Record a medical decision: open an observation, home visits, tests, clearing alerts,
    /// referral, transfer, ending, period changes, release (解除医学观察).
    RecordMedicalDecision,
    // --- report ---
    /// Add groups or zones as reporting units; set the first day and deadline of daily reports.
    ManageReports,
    /// Submit a unit's daily report (日报告), zero reports included.
    SubmitReport,
    // --- gathering ---
    /// Issue or lift gathering orders, define kinds of gathering or venue, order venues closed
    /// or reopened (a leader of the unit).
    ManageGatheringOrders,
    /// Record a household's report of a planned wedding, funeral or banquet.
    ReportGathering,
    /// Record the outcome of a persuasion visit (劝导) about a planned gathering.
    RecordPersuasion,
    /// Register a venue: catering business, teahouse, market, cultural or entertainment venue.
    RegisterVenue,
    /// Record a venue found open while ordered closed.
    RecordVenueViolation,
    // --- supervision ---
    /// Record an inspection (督查), open (明查) or covert (暗访), with its checklist.
    RecordInspection,
    /// Record a finding (问题) with the staff member responsible and a rectification deadline.
    RecordFinding,
    /// Record the rectification (整改) of a finding: by the staff member responsible, or a leader.
    RecordRectification,
    /// Decide on accountability (问责) for findings.
    DecideAccountability,
    // --- audit ---
    /// Take personal data out unmasked: export an audit trail (leaders and inspectors).
    ExportPersonalData,
    // --- downstream (issue 9) ---
    /// See a resident's full phone or identity number (a recorded read, PIPL).
    RevealContact,
    // --- publicity ---
    /// Define kinds of publicity of the township's own, launch and end publicity campaigns
    /// (宣传活动) for a unit (a leader of the unit).
    ManagePublicity,
    /// Record a publicity action (宣传引导): letters delivered door to door, a van outing, a
    /// loudspeaker broadcast, an online message, posters or slogans put up.
    RecordPublicity,
    // --- roster ---
    /// Cancel leave (取消休假) for a unit, lift a cancellation, or except someone from it
    /// (leaders of the unit).
    ManageLeaveCancellations,
    /// Record a leave (请假): one's own, or (a leader) someone else's.
    RequestLeave,
    /// Establish posts (岗位) and schedule shifts (班次).
    ManagePosts,
    /// Assign staff and volunteers to shifts, or take them off.
    AssignShifts,
    /// Enroll a volunteer (志愿者) with their consent.
    EnrollVolunteer,
    /// Check in to or out of a shift (签到签退): one's own, or as the shift's leader.
    CheckInOut,
    // --- disinfection ---
    /// Register disinfection sites (消杀点位), designate staff for them, set, change and lift
    /// schedules of rounds, define kinds of site (leaders and cadres of the unit).
    ManageDisinfection,
    /// Record a cleaning or disinfection round (消杀记录): staff designated for the site, or a
    /// leader of its unit.
    RecordDisinfection,
    // --- supplies ---
    /// Define items of supplies, establish stores, and set what a hand-out does without a
    /// supplies ledger (leaders).
    ManageSupplies,
    /// Receive purchases and donations, transfer stock between stores, count it up or down
    /// (物资入库、调拨、盘点).
    RecordStock,
    /// Issue supplies from a store (物资发放).
    IssueSupplies,
    /// Count used masks and protective items collected, carried away and disposed of
    /// (回收、清运、无害化处理).
    RecordDisposal,
    /// See a donor's full name (a recorded read).
    RevealDonor,
}

impl Action {
    /// The roles that may take this action: the permission table, as data.
    pub fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Action::EstablishUnit | Action::EnrollStaff | Action::AssignStaff => &[Leader],
            Action::RegisterHousehold
            | Action::RegisterResident
            | Action::MoveHousehold
            | Action::DeregisterResident
            | Action::RecordScreening => &[Leader, Cadre, GridWorker],
            Action::ManageRiskAreas => &[Leader],
            Action::ManageScreening => &[Leader],
            Action::ManageProtocols => &[Leader, HealthWorker],
            Action::RecordFollowUp => &[Leader, Cadre, GridWorker, HealthWorker],
            Action::RecordMedicalDecision => &[HealthWorker],
            Action::ManageReports => &[Leader],
            Action::SubmitReport => &[Leader, Cadre],
            Action::ManageGatheringOrders => &[Leader],
            Action::ReportGathering | Action::RecordPersuasion | Action::RegisterVenue => {
                &[Leader, Cadre, GridWorker]
            }
            Action::RecordVenueViolation => &[Leader, Cadre, GridWorker, Inspector],
            // --- supervision ---
            Action::RecordInspection | Action::RecordFinding => &[Inspector],
            Action::RecordRectification => &[Leader, Cadre, GridWorker, HealthWorker, Inspector],
            Action::DecideAccountability => &[Leader],
            Action::ExportPersonalData => &[Leader, Inspector],
            Action::RevealContact => &[Leader, Cadre, GridWorker, HealthWorker],
            // --- publicity ---
            Action::ManagePublicity => &[Leader],
            Action::RecordPublicity => &[Leader, Cadre, GridWorker],
            // --- roster ---
            Action::ManageLeaveCancellations => &[Leader],
            Action::RequestLeave => &[Leader, Cadre, GridWorker, HealthWorker, Inspector],
            Action::ManagePosts | Action::AssignShifts | Action::EnrollVolunteer => {
                &[Leader, Cadre]
            }
            Action::CheckInOut => &[
                Leader,
                Cadre,
                GridWorker,
                HealthWorker,
                Inspector,
                Volunteer,
            ],
            // --- disinfection ---
            Action::ManageDisinfection => &[Leader, Cadre],
            Action::RecordDisinfection => &[Leader, Cadre, GridWorker, HealthWorker, Volunteer],
            // --- supplies ---
            Action::ManageSupplies => &[Leader],
            Action::RecordStock => &[Leader, Cadre],
            Action::IssueSupplies => &[Leader, Cadre, GridWorker, HealthWorker],
            Action::RecordDisposal => &[Leader, Cadre, GridWorker],
            Action::RevealDonor => &[Leader, Inspector],
        }
    }
}
