//! The labelled values of cleaning and disinfection: what a round does, the units amounts are
//! measured in, and the status of an expected round (`labels!`, src/label.rs).

use serde::{Deserialize, Serialize};

use crate::label::labels;

/// What a round does (消杀内容): daily cleaning and daily disinfection (日清扫、日消毒).
///
/// ```
/// use fangkong::disinfection::Task;
/// assert_eq!("消杀".parse::<Task>()?, Task::Disinfection);
/// assert_eq!(Task::Cleaning.label_zh(), "清扫");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Task {
    /// Cleaning (清扫): sweeping, wiping, carrying rubbish away.
    Cleaning,
    /// Disinfection (消毒): spraying or wiping with a disinfectant.
    Disinfection,
}

labels!(Task: "kind of round", with_display {
    Cleaning => "cleaning", "清扫", ["清洁", "打扫", "日清扫", "clean"];
    Disinfection => "disinfection", "消毒", ["消杀", "日消毒", "disinfect", "sanitation"];
});

/// The unit an amount of agent is measured in (计量单位).
///
/// ```
/// use fangkong::disinfection::AmountUnit;
/// assert_eq!("毫升".parse::<AmountUnit>()?, AmountUnit::Millilitre);
/// assert_eq!(AmountUnit::Bottle.label_zh(), "瓶");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AmountUnit {
    /// Millilitres (毫升) of solution.
    Millilitre,
    /// Litres (升) of solution.
    Litre,
    /// Grams (克) of powder or tablets.
    Gram,
    /// Bottles (瓶), as disinfectant is handed out.
    Bottle,
}

labels!(AmountUnit: "unit of amount", with_display {
    Millilitre => "ml", "毫升", ["millilitre", "millilitres", "milliliter", "mL"];
    Litre => "l", "升", ["litre", "litres", "liter", "公升"];
    Gram => "g", "克", ["gram", "grams"];
    Bottle => "bottle", "瓶", ["bottles", "btl"];
});

/// What became of an expected round (消杀完成情况): done within its window, done after it
/// (late), or not done (missed).
///
/// ```
/// use fangkong::disinfection::RoundStatus;
/// assert_eq!(RoundStatus::Missed.label_zh(), "漏做");
/// assert_eq!("迟做".parse::<RoundStatus>()?, RoundStatus::Late);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RoundStatus {
    /// Done by the end of its window (按时完成); a round before the window opens counts too.
    Done,
    /// Done on the day, after its window closed (迟做).
    Late,
    /// Not done on the day (漏做).
    Missed,
}

labels!(RoundStatus: "status of a round", with_display {
    Done => "done", "按时完成", ["on time", "完成", "已做"];
    Late => "late", "迟做", ["done late", "超时"];
    Missed => "missed", "漏做", ["not done", "未做", "漏消杀"];
});
