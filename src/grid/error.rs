//! The grid's and households' errors (网格与户籍错误): unknown units, households and
//! residents, units placed wrongly, assignments, registrations and corrections, contact
//! reveals.

use std::fmt;

use crate::grid::{Action, Duty, Role, UnitKind};
use crate::value_error::{field_zh, zh_or_en};

use crate::calendar::Day;
use crate::ids::HouseholdId;
use crate::ids::ObservationId;
use crate::ids::ResidentId;
use crate::ids::UnitId;

/// What the grid refuses (网格与户籍错误): units, staff assignments, households and
/// residents.
///
/// Wrapped by [`Error::Grid`](crate::Error::Grid). New variants may be added in minor
/// releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GridError {
    /// A duty given to someone whose role does not fit it (a volunteer in charge of a village).
    #[error("{staff} cannot be given the duty \"{duty}\": it is for {fits}")]
    DutyDoesNotFitRole {
        /// Who (role, name, id).
        staff: String,
        /// The duty.
        duty: &'static str,
        /// The roles it fits.
        fits: String,
    },
    /// No such unit.
    #[error("there is no unit {unit} in this registry")]
    UnknownUnit {
        /// The id given.
        unit: UnitId,
    },
    /// No such household.
    #[error("there is no household {household} in this registry")]
    UnknownHousehold {
        /// The id given.
        household: HouseholdId,
    },
    /// No such resident.
    #[error("there is no resident {resident} in this registry")]
    UnknownResident {
        /// The id given.
        resident: ResidentId,
    },
    /// The resident was deregistered and can no longer change.
    #[error("resident {resident} was deregistered; register them again if they have come back")]
    ResidentDeregistered {
        /// The resident.
        resident: ResidentId,
    },
    /// A unit placed under a unit of the wrong kind.
    #[error("a {kind} cannot be placed under {parent}, which is a {parent_kind}")]
    WrongParent {
        /// The new unit's kind.
        kind: &'static str,
        /// The parent given.
        parent: String,
        /// The parent's kind.
        parent_kind: &'static str,
    },
    /// A unit of the wrong kind for the command.
    #[error("{unit} is a {found}; this needs {expected}")]
    WrongUnitKind {
        /// The unit given.
        unit: String,
        /// Its kind.
        found: &'static str,
        /// What was needed.
        expected: &'static str,
    },
    /// A group without a number.
    #[error("a new group of {village} needs its number within the village")]
    GroupNumberMissing {
        /// The village.
        village: String,
    },
    /// A group number already used in the village.
    #[error("{village} already has a group number {number}: {existing}")]
    DuplicateGroupNumber {
        /// The village.
        village: String,
        /// The number.
        number: u16,
        /// The group that has it.
        existing: String,
    },
    /// A number given for a unit that is not a group.
    #[error("only groups are numbered within their village; a {kind} takes no number")]
    NumberOnlyForGroups {
        /// The unit's kind.
        kind: &'static str,
    },
    /// A statistical code already used by another unit.
    #[error("statistical code {code} already belongs to {existing}")]
    DuplicateUnitCode {
        /// The code.
        code: String,
        /// The unit that has it.
        existing: String,
    },
    /// A group that is not in the zone's village.
    #[error("{group} cannot join {zone}: a zone holds groups of its own village only")]
    GroupNotInZoneVillage {
        /// The group.
        group: String,
        /// The zone.
        zone: String,
    },
    /// A group already in another zone.
    #[error("{group} is already in {zone}; a group belongs to one zone")]
    GroupAlreadyZoned {
        /// The group.
        group: String,
        /// Its zone.
        zone: String,
    },
    /// An assignment that already exists.
    #[error("{staff} is already assigned to {unit}")]
    AlreadyAssigned {
        /// Who.
        staff: String,
        /// Where.
        unit: String,
    },
    /// An assignment that does not exist.
    #[error("{staff} is not assigned to {unit}, so the assignment cannot end")]
    NotAssigned {
        /// Who.
        staff: String,
        /// Where.
        unit: String,
    },
    /// A birth date after the day of registration.
    #[error("birth date {birth_date} is after today ({today})")]
    BirthInFuture {
        /// The birth date given.
        birth_date: Day,
        /// The day of the command.
        today: Day,
    },
    /// An identity number that disagrees with the sex or birth date given.
    #[error(
        "identity number {identity} does not agree with the {field} given: check both against the identity card"
    )]
    IdentityDisagrees {
        /// The identity number, masked.
        identity: String,
        /// `"sex"` or `"birth date"`.
        field: &'static str,
    },
    /// An identity number that belongs to another resident.
    #[error("identity number {identity} is already registered for resident {resident}{}", household.map(|h| format!(" of household {h}")).unwrap_or_default())]
    DuplicateIdentity {
        /// The identity number, masked.
        identity: String,
        /// Who has it.
        resident: ResidentId,
        /// Their household.
        household: Option<HouseholdId>,
    },
    /// A second head of household.
    #[error("household {household} already has a head of household, {head}")]
    SecondHead {
        /// The household.
        household: HouseholdId,
        /// Its head.
        head: ResidentId,
    },
    /// A correction that changes nothing.
    #[error("the correction of resident {resident} changes nothing")]
    NothingToCorrect {
        /// The resident.
        resident: ResidentId,
    },
    /// A move to where it already is.
    #[error("{what} is already in {place}")]
    AlreadyThere {
        /// What was to move.
        what: String,
        /// Where it is.
        place: String,
    },
    /// Deregistering a resident under observation.
    #[error(
        "resident {resident} is under observation ({observation}): a health worker must end, transfer or release it first"
    )]
    StillUnderObservation {
        /// The resident.
        resident: ResidentId,
        /// The observation.
        observation: ObservationId,
    },
    /// A member of staff asked for a resident's full phone or identity number without being
    /// assigned over the resident's group.
    #[error(
        "{actor} is not assigned over {group}, so may not see the full contact details of \
         resident {resident}: ask a worker responsible for the group"
    )]
    NotResponsibleForResident {
        /// Who asked.
        actor: String,
        /// Whose details.
        resident: ResidentId,
        /// The resident's group.
        group: String,
    },
    /// A resident has no phone (or identity number) on record to reveal.
    #[error("resident {resident} has no {field} on record")]
    NoContactOnRecord {
        /// The resident.
        resident: ResidentId,
        /// Which field: "phone" or "identity number".
        field: &'static str,
    },
}

crate::value_error::error_codes! {
    GridError {
            DutyDoesNotFitRole => "duty_does_not_fit_role",
            UnknownUnit => "unknown_unit",
            UnknownHousehold => "unknown_household",
            UnknownResident => "unknown_resident",
            ResidentDeregistered => "resident_deregistered",
            WrongParent => "wrong_parent",
            WrongUnitKind => "wrong_unit_kind",
            GroupNumberMissing => "group_number_missing",
            DuplicateGroupNumber => "duplicate_group_number",
            NumberOnlyForGroups => "number_only_for_groups",
            DuplicateUnitCode => "duplicate_unit_code",
            GroupNotInZoneVillage => "group_not_in_zone_village",
            GroupAlreadyZoned => "group_already_zoned",
            AlreadyAssigned => "already_assigned",
            NotAssigned => "not_assigned",
            BirthInFuture => "birth_in_future",
            IdentityDisagrees => "identity_disagrees",
            DuplicateIdentity => "duplicate_identity",
            SecondHead => "second_head",
            NothingToCorrect => "nothing_to_correct",
            AlreadyThere => "already_there",
            StillUnderObservation => "still_under_observation",
            NotResponsibleForResident => "not_responsible_for_resident",
            NoContactOnRecord => "no_contact_on_record",
    }
}

impl GridError {
    /// The message in Chinese (中文), for clerks who read Chinese; `Display` gives it in
    /// English. Identity and phone numbers are masked exactly as in the English message.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        self.zh()
    }

    fn zh(&self) -> String {
        use GridError::*;
        match self {
            DutyDoesNotFitRole { staff, duty, fits } => {
                format!(
                    "不能给{}分配“{}”职责：该职责只能给{}",
                    staff_label_zh(staff),
                    grid_zh(duty),
                    roles_text_zh(fits)
                )
            }
            UnknownUnit { unit } => format!("本登记簿中没有单位{unit}"),
            UnknownHousehold { household } => format!("本登记簿中没有户{household}"),
            UnknownResident { resident } => format!("本登记簿中没有居民{resident}"),
            ResidentDeregistered { resident } => {
                format!("居民{resident}已注销；如已返回，请重新登记")
            }
            WrongParent {
                kind,
                parent,
                parent_kind,
            } => format!(
                "{}不能设在{parent}之下，{parent}是{}",
                grid_zh(kind),
                grid_zh(parent_kind)
            ),
            WrongUnitKind {
                unit,
                found,
                expected,
            } => format!("{unit}是{}；这里需要{}", grid_zh(found), grid_zh(expected)),
            GroupNumberMissing { village } => format!("{village}的新组需要组号"),
            DuplicateGroupNumber {
                village,
                number,
                existing,
            } => format!("{village}已有{number}组：{existing}"),
            NumberOnlyForGroups { kind } => format!("只有组在村内编号；{}不编号", grid_zh(kind)),
            DuplicateUnitCode { code, existing } => {
                format!("统计用区划代码{code}已属于{existing}")
            }
            GroupNotInZoneVillage { group, zone } => {
                format!("{group}不能并入{zone}：片只包含本村的组")
            }
            GroupAlreadyZoned { group, zone } => {
                format!("{group}已属于{zone}；一个组只能属于一个片")
            }
            AlreadyAssigned { staff, unit } => {
                format!("{}已分配到{unit}", staff_label_zh(staff))
            }
            NotAssigned { staff, unit } => {
                format!("{}没有分配到{unit}，无法结束分配", staff_label_zh(staff))
            }
            BirthInFuture { birth_date, today } => {
                format!("出生日期{birth_date}晚于今天（{today}）")
            }
            IdentityDisagrees { identity, field } => {
                format!(
                    "身份证号{identity}与所填{}不一致：请对照身份证核对两者",
                    grid_zh(field)
                )
            }
            DuplicateIdentity {
                identity,
                resident,
                household,
            } => format!(
                "身份证号{identity}已登记为{}居民{resident}",
                household.map(|h| format!("户{h}的")).unwrap_or_default()
            ),
            SecondHead { household, head } => format!("户{household}已有户主{head}"),
            NothingToCorrect { resident } => format!("对居民{resident}的更正没有改变任何内容"),
            AlreadyThere { what, place } => format!("{what}已在{place}"),
            StillUnderObservation {
                resident,
                observation,
            } => format!(
                "居民{resident}正在医学观察中（{observation}）：须先由医务人员终止、转出或解除观察"
            ),
            NotResponsibleForResident {
                actor,
                resident,
                group,
            } => format!(
                "{}未被分配负责{group}，不能查看居民{resident}的完整联系信息：请联系负责该组的工作人员",
                staff_label_zh(actor)
            ),
            NoContactOnRecord { resident, field } => {
                format!("居民{resident}没有登记{}", field_zh(field))
            }
        }
    }
}

/// The Chinese of a name the grid writes into its English messages: a kind of unit (with or
/// without "a "), a role, a duty, an action, a field of a resident; else [`zh_or_en`].
pub(crate) fn grid_zh(en: &str) -> String {
    let bare = en
        .strip_prefix("a ")
        .or_else(|| en.strip_prefix("an "))
        .unwrap_or(en);
    if let Some(k) = UnitKind::ALL.iter().find(|k| k.label_en() == bare) {
        return k.label_zh().to_owned();
    }
    if let Some(r) = Role::ALL.iter().find(|r| r.label_en() == bare) {
        return r.label_zh().to_owned();
    }
    if let Some(d) = Duty::ALL.iter().find(|d| d.label_en() == bare) {
        return d.label_zh().to_owned();
    }
    if let Some(a) = Action::ALL.iter().find(|a| a.label_en() == bare) {
        return a.label_zh().to_owned();
    }
    match bare {
        "group (households are registered in groups)" => "组（户登记在组内）".to_owned(),
        "sex" => "性别".to_owned(),
        "birth date" => "出生日期".to_owned(),
        _ => zh_or_en(en).to_owned(),
    }
}

/// A member of staff as labelled in messages (`grid worker Wang Fang (S3)`), with the role in
/// Chinese (`网格员 Wang Fang (S3)`); the name and id stay as they are.
pub(crate) fn staff_label_zh(label: &str) -> String {
    let mut roles: Vec<Role> = Role::ALL.to_vec();
    roles.sort_by_key(|r| std::cmp::Reverse(r.label_en().len()));
    for r in roles {
        if let Some(rest) = label
            .strip_prefix(r.label_en())
            .filter(|s| s.starts_with(' '))
        {
            return format!("{}{rest}", r.label_zh());
        }
    }
    label.to_owned()
}

/// Roles as listed in messages (`leaders, cadres and grid workers`), in Chinese (`组长、干部和网格员`).
pub(crate) fn roles_text_zh(text: &str) -> String {
    if text == "nobody" {
        return "无人".to_owned();
    }
    let names: Vec<String> = text
        .split(", ")
        .flat_map(|p| p.split(" and "))
        .map(|p| grid_zh(p.strip_suffix('s').unwrap_or(p)))
        .collect();
    match names.as_slice() {
        [init @ .., last] if !init.is_empty() => format!("{}和{last}", init.join("、")),
        _ => names.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::grid_zh;
    use crate::grid::Action;

    /// Every action a refusal can name is given in Chinese where a refusal quotes it: its
    /// English name (what `role_not_permitted` carries) finds its own Chinese and no other.
    #[test]
    fn every_action_a_refusal_names_reads_in_chinese() {
        for a in Action::ALL {
            assert_eq!(grid_zh(a.label_en()), a.label_zh(), "{a:?}");
        }
    }
}
