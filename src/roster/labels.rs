//! The labelled values of the duty roster: the reasons for an exception to a leave
//! cancellation, with their English and Chinese names (`labels!`, src/label.rs).

use serde::{Deserialize, Serialize};

use crate::label::labels;

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
