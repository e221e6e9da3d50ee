//! The daily figures (日报数据) a unit reports, and how they add up.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign};

use serde::{Deserialize, Serialize};

use super::table::{Lang, pad};

/// One figure of [`DailyFigures`], for exports: its field name, its Chinese and English
/// labels, and whether it counts what is new on the day (see
/// [`DailyFigures::is_zero_report`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FigureLabel {
    /// The field's name, as in JSON (`"households_total"`).
    pub field: &'static str,
    /// The Chinese label (`"户数"`).
    pub zh: &'static str,
    /// The English label (`"Households"`).
    pub en: &'static str,
    /// Whether the figure counts what is new on the day (a *new* figure), rather than a
    /// standing total.
    pub new: bool,
}

impl FigureLabel {
    /// The label in `lang` ([`Lang::Both`]: `"户数 Households"`).
    pub fn in_lang(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh.to_owned(),
            Lang::En => self.en.to_owned(),
            Lang::Both => format!("{} {}", self.zh, self.en),
        }
    }
}

macro_rules! figures {
    ($( $(#[$doc:meta])* $field:ident, $zh:literal, $en:literal, $new:literal; )*) => {
        /// The figures of one unit for one day (日报数据): counts of households, key people,
        /// observations, persuasion, venues, supervision, publicity, the duty roster,
        /// disinfection rounds and supplies.
        ///
        /// Every figure is a `u64` count. Figures form a commutative monoid: `+` adds each
        /// figure (saturating at `u64::MAX`, which keeps it total, commutative and
        /// associative), and [`DailyFigures::default()`] (all zero) is the identity. So
        /// groups, villages, townships and whole registries combine in any order and give the
        /// same totals.
        ///
        /// *New* figures count what happened on the day (key people found, releases,
        /// referrals, other endings, abnormal readings, persuasion outcomes, violations,
        /// inspections, findings, decisions, letters delivered, households newly reached, van
        /// outings, broadcasts); the others are standing totals as of the end of the day
        /// (households, cumulative counts, people under observation, missed checks, venues
        /// closed). The duty roster's figures (shifts staffed and short, volunteers on duty) and
        /// the disinfection rounds (done, late, missed) and the supplies' (masks, disinfectant and
        /// thermometers on hand and issued, in the row of each store's unit) are routine work,
        /// not news: they do not make a day's report other than zero.
        /// [`FIGURE_LABELS`] lists every figure with its labels in both
        /// languages, in the order exports use.
        ///
        /// ```
        /// use fangkong::report::DailyFigures;
        /// let mut qianjin = DailyFigures::default();
        /// qianjin.households_total = 612;
        /// qianjin.key_people_new = 2;
        /// let mut township_row = DailyFigures::default();
        /// township_row.inspections_new = 1;
        /// let total: DailyFigures = [qianjin, township_row].into_iter().sum();
        /// assert_eq!((total.households_total, total.key_people_new, total.inspections_new), (612, 2, 1));
        /// assert!(!total.is_zero_report());
        /// assert!(DailyFigures::default().is_zero_report());
        /// ```
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(default)]
        #[non_exhaustive]
        pub struct DailyFigures {
            $( $(#[$doc])* pub $field: u64, )*
        }

        /// Every figure of [`DailyFigures`] with its Chinese and English labels, in the
        /// order of the struct's fields and of every export's columns.
        pub static FIGURE_LABELS: &[FigureLabel] = &[
            $( FigureLabel { field: stringify!($field), zh: $zh, en: $en, new: $new }, )*
        ];

        impl DailyFigures {
            /// The figures' values, in the order of [`FIGURE_LABELS`].
            pub fn values(&self) -> Vec<u64> {
                vec![$( self.$field, )*]
            }

            /// The value of the figure named `field` (as in [`FigureLabel::field`]), if
            /// there is one.
            pub fn get(&self, field: &str) -> Option<u64> {
                match field {
                    $( stringify!($field) => Some(self.$field), )*
                    _ => None,
                }
            }
        }

        impl Add for DailyFigures {
            type Output = DailyFigures;

            fn add(self, other: DailyFigures) -> DailyFigures {
                DailyFigures { $( $field: self.$field.saturating_add(other.$field), )* }
            }
        }
    };
}

figures! {
    /// Households in the unit (户数).
    households_total, "户数", "Households", false;
    /// Households screened so far (已排查户数).
    households_screened, "已排查户数", "Households screened", false;
    /// Key people found on the day (新增重点人员).
    key_people_new, "新增重点人员", "New key people", true;
    /// Key people found so far (累计重点人员).
    key_people_cumulative, "累计重点人员", "Key people, cumulative", false;
    /// People under observation at the end of the day (在观察人数).
    under_observation, "在观察人数", "Under observation", false;
    /// Observations released on the day (新增解除观察).
    released_new, "新增解除观察", "New releases", true;
    /// Observations released so far (累计解除观察).
    released_cumulative, "累计解除观察", "Released, cumulative", false;
    /// People referred to a designated hospital on the day (新增转诊).
    referred_new, "新增转诊", "New referrals", true;
    /// Observations ended on the day in another way: transfer and others (其他方式结束观察).
    other_endings_new, "其他方式结束观察", "Other endings", true;
    /// Temperature checks missed on the day (未按时测温).
    missed_checks, "未按时测温", "Missed checks", false;
    /// Abnormal (fever) readings on the day (体温异常).
    abnormal_readings, "体温异常", "Abnormal readings", true;
    /// Weddings postponed by persuasion on the day (喜事缓办).
    persuasion_postponed, "劝导喜事缓办", "Persuaded: postponed", true;
    /// Funerals simplified by persuasion on the day (丧事简办).
    persuasion_simplified, "劝导丧事简办", "Persuaded: simplified", true;
    /// Gatherings cancelled by persuasion on the day (劝导取消聚集).
    persuasion_cancelled, "劝导取消聚集", "Persuaded: cancelled", true;
    /// Gatherings that persuasion did not stop, passed up on the day (劝导无效上报).
    persuasion_escalated, "劝导无效上报", "Persuasion escalated", true;
    /// Venues closed at the end of the day (关停场所).
    venues_closed, "关停场所", "Venues closed", false;
    /// Violations of gathering orders found on the day (新增违规).
    violations_new, "新增违规", "New violations", true;
    /// Inspections made on the day (督查次数).
    inspections_new, "督查次数", "Inspections", true;
    /// Problems found by inspections on the day (发现问题).
    findings_new, "发现问题", "Findings", true;
    /// Accountability decisions taken on the day (问责处理).
    decisions_new, "问责处理", "Accountability decisions", true;
    /// Copies delivered door to door on the day: letters to residents, and any other kind
    /// delivered to households (新增入户信件).
    letters_new, "新增入户信件", "Letters delivered", true;
    /// Copies delivered door to door so far (累计入户信件).
    letters_cumulative, "累计入户信件", "Letters, cumulative", false;
    /// Households reached door to door for the first time on the day (新增宣传到户).
    households_reached_new, "新增宣传到户", "New households reached", true;
    /// Households reached door to door so far (累计宣传到户).
    households_reached_cumulative, "累计宣传到户", "Households reached", false;
    /// Outings of publicity vans that set out on the day (宣传车出车).
    van_outings_new, "宣传车出车", "Van outings", true;
    /// Outings of publicity vans so far (累计宣传车出车).
    van_outings_cumulative, "累计宣传车出车", "Van outings, cumulative", false;
    /// Broadcasts on the day: each time of a broadcast, each day of a loop (广播次数).
    broadcasts_new, "广播次数", "Broadcasts", true;
    /// Broadcasts so far (累计广播次数).
    broadcasts_cumulative, "累计广播次数", "Broadcasts, cumulative", false;
    /// Shifts starting on the day with as many people checked in as they require (班次到岗).
    shifts_staffed, "班次到岗", "Shifts staffed", false;
    /// Shifts starting on the day with fewer people checked in than required (班次缺岗).
    shifts_short, "班次缺岗", "Shifts short", false;
    /// Volunteers checked in to a shift starting on the day (志愿者在岗).
    volunteers_on_duty, "志愿者在岗", "Volunteers on duty", false;
    /// Cleaning and disinfection rounds expected on the day and done within their window
    /// (消杀按时完成).
    rounds_done, "消杀按时完成", "Rounds done", false;
    /// Rounds expected on the day and done after their window closed (消杀迟做).
    rounds_late, "消杀迟做", "Rounds late", false;
    /// Rounds expected on the day and not done (消杀漏做).
    rounds_missed, "消杀漏做", "Rounds missed", false;
    /// Masks on hand in the unit's stores at the end of the day (口罩库存).
    masks_on_hand, "口罩库存", "Masks on hand", false;
    /// Masks issued from the unit's stores on the day (口罩发放).
    masks_issued, "口罩发放", "Masks issued", false;
    /// Bottles of disinfectant on hand in the unit's stores at the end of the day (消毒液库存).
    disinfectant_on_hand, "消毒液库存", "Disinfectant on hand", false;
    /// Bottles of disinfectant issued from the unit's stores on the day (消毒液发放).
    disinfectant_issued, "消毒液发放", "Disinfectant issued", false;
    /// Thermometers on hand in the unit's stores at the end of the day (体温计库存).
    thermometers_on_hand, "体温计库存", "Thermometers on hand", false;
    /// Thermometers issued from the unit's stores on the day (体温计发放).
    thermometers_issued, "体温计发放", "Thermometers issued", false;
}

impl DailyFigures {
    /// Whether this is a zero report (零报告): every *new* figure (see [`FIGURE_LABELS`]) is
    /// zero. Standing totals such as households or people under observation may be anything.
    /// A zero report is still a report, and still required.
    pub fn is_zero_report(&self) -> bool {
        self.values()
            .iter()
            .zip(FIGURE_LABELS)
            .all(|(v, l)| !l.new || *v == 0)
    }
}

impl AddAssign for DailyFigures {
    fn add_assign(&mut self, other: DailyFigures) {
        *self = *self + other;
    }
}

impl Sum for DailyFigures {
    fn sum<I: Iterator<Item = DailyFigures>>(iter: I) -> DailyFigures {
        iter.fold(DailyFigures::default(), Add::add)
    }
}

impl<'a> Sum<&'a DailyFigures> for DailyFigures {
    fn sum<I: Iterator<Item = &'a DailyFigures>>(iter: I) -> DailyFigures {
        iter.copied().sum()
    }
}

/// A small two-column table, one figure a line, labels in English (`{:#}`: in Chinese).
///
/// ```
/// use fangkong::report::DailyFigures;
/// let mut f = DailyFigures::default();
/// f.households_total = 612;
/// let text = f.to_string();
/// assert!(text.starts_with("Households                  612\n"));
/// assert!(format!("{f:#}").starts_with("户数                        612\n"));
/// ```
impl fmt::Display for DailyFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = if f.alternate() { Lang::Zh } else { Lang::En };
        for (label, value) in FIGURE_LABELS.iter().zip(self.values()) {
            writeln!(f, "{}{value:>5}", pad(&label.in_lang(lang), 26))?;
        }
        Ok(())
    }
}
