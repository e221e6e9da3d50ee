//! How rows name a unit or a member of staff: the id and the name, rendered in English or
//! Chinese when printed, never pre-rendered into a string.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Role, Staff};
use crate::ids::{StaffId, UnitId};

/// A unit as a row names it: its id and its name (`Qianjin (前进村) (U2)` when printed).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UnitRef {
    /// The unit.
    pub id: UnitId,
    /// Its name (empty for a unit the registry does not hold).
    pub name: String,
}

impl UnitRef {
    /// A unit named `name`.
    pub fn new(id: UnitId, name: impl Into<String>) -> UnitRef {
        UnitRef {
            id,
            name: name.into(),
        }
    }

    /// The same in Chinese: a unit's name is as registered in either language, so the
    /// rendering is the same (`前进村 (U2)`).
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        self
    }
}

impl fmt::Display for UnitRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.name.is_empty() {
            write!(f, "{}", self.id)
        } else {
            write!(f, "{} ({})", self.name, self.id)
        }
    }
}

/// A member of staff as a row names them: id, name and role (`cadre Zhang Wei (S7)` when
/// printed, `干部 Zhang Wei (S7)` in Chinese).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StaffRef {
    /// The member of staff.
    pub id: StaffId,
    /// Their name (empty for someone the registry does not hold).
    pub name: String,
    /// Their role, if known.
    pub role: Option<Role>,
}

impl StaffRef {
    /// A member of staff as the registry holds them.
    pub fn of(staff: &Staff) -> StaffRef {
        StaffRef {
            id: staff.id,
            name: staff.name.clone(),
            role: Some(staff.role),
        }
    }

    /// Someone the registry does not hold: the id alone.
    pub fn unknown(id: StaffId) -> StaffRef {
        StaffRef {
            id,
            name: String::new(),
            role: None,
        }
    }

    /// The same in Chinese: the role's Chinese term, then the name and id.
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        StaffZh(self)
    }
}

impl fmt::Display for StaffRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.role, self.name.is_empty()) {
            (_, true) => write!(f, "{}", self.id),
            (Some(role), false) => write!(f, "{} {} ({})", role.label_en(), self.name, self.id),
            (None, false) => write!(f, "{} ({})", self.name, self.id),
        }
    }
}

struct StaffZh<'a>(&'a StaffRef);

impl fmt::Display for StaffZh<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        match (&s.role, s.name.is_empty()) {
            (_, true) => write!(f, "{}", s.id),
            (Some(role), false) => write!(f, "{} {} ({})", role.label_zh(), s.name, s.id),
            (None, false) => write!(f, "{} ({})", s.name, s.id),
        }
    }
}
