//! The labelled values of the duty roster: kinds of post and reasons for an exception to a
//! leave cancellation, each with its English and Chinese name (`labels!`, src/label.rs).

use serde::{Deserialize, Serialize};

use crate::label::labels;

/// A kind of post (岗位类型).
///
/// ```
/// use fangkong::roster::PostKind;
/// assert_eq!("卡点".parse::<PostKind>()?, PostKind::Checkpoint);
/// assert_eq!("office duty".parse::<PostKind>()?.label_zh(), "值班");
/// assert!(PostKind::Checkpoint.takes_volunteers());
/// assert!(!PostKind::OfficeDuty.takes_volunteers());
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PostKind {
    /// A checkpoint (卡点执勤) at a place, such as a village entry: volunteers may stand it.
    Checkpoint,
    /// Office duty (值班) at the township or village office: cadres only.
    OfficeDuty,
    /// Village duty (村级值守): patrols and watch in a village; volunteers may stand it.
    VillageDuty,
}

labels!(PostKind: "kind of post", with_display {
    Checkpoint => "checkpoint", "卡点", ["卡口", "检查点", "卡点执勤", "checkpoint duty"];
    OfficeDuty => "office duty", "值班", ["办公室值班", "值守", "duty office"];
    VillageDuty => "village duty", "村级值守", ["驻村值守", "巡逻", "patrol"];
});

impl PostKind {
    /// Whether volunteers (志愿者) may stand a shift at a post of this kind: checkpoints and
    /// village duty take them; office duty is a cadre's (DOMAIN.md §9: volunteers stood
    /// checkpoints; `Duty::fits` keeps them from taking charge of a unit).
    pub fn takes_volunteers(self) -> bool {
        matches!(self, PostKind::Checkpoint | PostKind::VillageDuty)
    }
}

/// Why a leader excepts someone from a leave cancellation (特批理由). `Other` takes a text,
/// which the exception's note gives.
///
/// ```
/// use fangkong::roster::ExceptionReason;
/// assert_eq!("因病".parse::<ExceptionReason>()?, ExceptionReason::Illness);
/// assert_eq!(ExceptionReason::Family.label_zh(), "家庭原因");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ExceptionReason {
    /// Illness (患病) of the person.
    Illness,
    /// Family reasons (家庭原因): a bereavement, a relative to care for.
    Family,
    /// Another reason, written in the exception's note (其他).
    Other,
}

labels!(ExceptionReason: "reason for an exception", with_display {
    Illness => "illness", "患病", ["因病", "生病", "sick", "ill"];
    Family => "family", "家庭原因", ["家事", "family reasons"];
    Other => "other", "其他", ["其它"];
});
