//! The table of one day's reports (日报表), and the roll-up to township and county.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::figures::{DailyFigures, FIGURE_LABELS};
use crate::calendar::{Day, Instant};
use crate::ids::UnitId;

/// The language of labels and headings in a rendering or export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Lang {
    /// Chinese (`"户数"`).
    Zh,
    /// English (`"Households"`).
    En,
    /// Both, Chinese first (`"户数 Households"`): the default for exports.
    #[default]
    Both,
}

/// Where a unit's report for a day stands (上报状态).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RowStatus {
    /// Reported on time, with something new.
    Submitted,
    /// Reported on time, nothing new: a zero report (零报告).
    Zero,
    /// Reported after the deadline (迟报), zero or not.
    Late,
    /// Not reported (未报): itself a finding.
    Missing,
}

impl RowStatus {
    /// The status in `lang` (`"missing"`, `"未报"`, `"未报 missing"`).
    pub fn in_lang(self, lang: Lang) -> String {
        let (zh, en) = match self {
            RowStatus::Submitted => ("已报", "submitted"),
            RowStatus::Zero => ("零报告", "zero"),
            RowStatus::Late => ("迟报", "late"),
            RowStatus::Missing => ("未报", "missing"),
        };
        both(zh, en, lang)
    }
}

impl fmt::Display for RowStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

pub(crate) fn both(zh: &str, en: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => en.to_owned(),
        Lang::Both => format!("{zh} {en}"),
    }
}

/// One unit's row of a [`DayTable`]. Unit figures only: no personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DayRow {
    /// The reporting unit.
    pub unit: UnitId,
    /// How the unit is named (`"Qianjin (前进村) (U2)"`).
    pub label: String,
    /// Where its report stands.
    pub status: RowStatus,
    /// Its figures (all zero when missing).
    pub figures: DailyFigures,
    /// When the report in force was submitted, if one was.
    pub submitted_at: Option<Instant>,
    /// The report's note (empty when missing).
    pub note: String,
}

impl DayRow {
    /// A row.
    pub fn new(unit: UnitId, label: impl Into<String>, status: RowStatus) -> DayRow {
        DayRow {
            unit,
            label: label.into(),
            status,
            figures: DailyFigures::default(),
            submitted_at: None,
            note: String::new(),
        }
    }

    /// The row with these figures.
    pub fn with_figures(mut self, figures: DailyFigures) -> DayRow {
        self.figures = figures;
        self
    }
}

/// The reports of one day (日报表): a row per reporting unit, the township's own row
/// included, and their total, which is the township's figures for the day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DayTable {
    /// The day reported.
    pub day: Day,
    /// The area the table covers (the township's name).
    pub area: String,
    /// A row per reporting unit.
    pub rows: Vec<DayRow>,
}

impl DayTable {
    /// A table with these rows.
    pub fn new(day: Day, area: impl Into<String>, rows: Vec<DayRow>) -> DayTable {
        DayTable {
            day,
            area: area.into(),
            rows,
        }
    }

    /// The totals row: the sum of every row's figures (missing rows add nothing).
    pub fn total(&self) -> DailyFigures {
        self.rows.iter().map(|r| &r.figures).sum()
    }

    /// The rows whose report is missing.
    pub fn missing(&self) -> impl Iterator<Item = &DayRow> {
        self.rows.iter().filter(|r| r.status == RowStatus::Missing)
    }

    /// The rows reported late.
    pub fn late(&self) -> impl Iterator<Item = &DayRow> {
        self.rows.iter().filter(|r| r.status == RowStatus::Late)
    }

    /// The table rendered in Chinese (`Display` renders it in English).
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        Rendered(self, Lang::Zh)
    }

    /// The table rendered in `lang`.
    pub fn display_in(&self, lang: Lang) -> impl fmt::Display + '_ {
        Rendered(self, lang)
    }

    /// The table as a [`Sheet`]: a heading row, a row per unit, a totals row.
    pub fn to_sheet(&self, lang: Lang) -> Sheet {
        let mut headings = vec![both("单位", "Unit", lang), both("状态", "Status", lang)];
        headings.extend(FIGURE_LABELS.iter().map(|l| l.in_lang(lang)));
        let mut rows: Vec<Vec<Cell>> = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    Cell::Text(r.label.clone()),
                    Cell::Text(r.status.in_lang(lang)),
                ];
                cells.extend(r.figures.values().into_iter().map(Cell::Number));
                cells
            })
            .collect();
        let mut total = vec![
            Cell::Text(both("合计", "Total", lang)),
            Cell::Text(String::new()),
        ];
        total.extend(self.total().values().into_iter().map(Cell::Number));
        rows.push(total);
        Sheet {
            name: self.day.to_string(),
            headings,
            rows,
        }
    }
}

/// Renders a table in English: a column per unit and one for the total, a line per figure.
impl fmt::Display for DayTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Rendered(self, Lang::En).fmt(f)
    }
}

struct Rendered<'a>(&'a DayTable, Lang);

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (t, lang) = (self.0, self.1);
        writeln!(
            f,
            "{} {} {}",
            both("日报表", "Daily report", lang),
            t.area,
            t.day
        )?;
        // Columns: the label, then a unit per column, then the total.
        let mut columns: Vec<Vec<String>> = Vec::new();
        let mut first = vec![String::new(), both("状态", "Status", lang)];
        first.extend(FIGURE_LABELS.iter().map(|l| l.in_lang(lang)));
        columns.push(first);
        for r in &t.rows {
            let mut c = vec![r.label.clone(), r.status.in_lang(lang)];
            c.extend(r.figures.values().iter().map(u64::to_string));
            columns.push(c);
        }
        let mut total = vec![both("合计", "Total", lang), String::new()];
        total.extend(t.total().values().iter().map(u64::to_string));
        columns.push(total);
        let widths: Vec<usize> = columns
            .iter()
            .map(|c| c.iter().map(|s| width(s)).max().unwrap_or(0))
            .collect();
        for line in 0..columns[0].len() {
            let mut text = String::new();
            for (i, (c, w)) in columns.iter().zip(&widths).enumerate() {
                let cell = c.get(line).map_or("", String::as_str);
                if i == 0 {
                    text.push_str(&pad(cell, *w));
                } else {
                    text.push_str("  ");
                    text.push_str(&" ".repeat(w.saturating_sub(width(cell))));
                    text.push_str(cell);
                }
            }
            writeln!(f, "{}", text.trim_end())?;
        }
        Ok(())
    }
}

/// The width of `s` on a terminal: East Asian wide characters take two columns.
pub(crate) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let c = u32::from(c);
            let wide = matches!(c,
                0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// `s` padded with spaces on the right to `w` columns.
pub(crate) fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// A cell of a [`Sheet`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Cell {
    /// Text.
    Text(String),
    /// A count.
    Number(u64),
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Text(s) => f.write_str(s),
            Cell::Number(n) => write!(f, "{n}"),
        }
    }
}

/// A named table of cells with a heading row: what the CSV and xlsx exports write. Any
/// listing can be exported through it (the key-person list and the resident roster too, once
/// masked as the caller chooses).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Sheet {
    /// The sheet's name (an xlsx sheet name: at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// The heading row.
    pub headings: Vec<String>,
    /// The rows, each as long as the headings.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// A sheet.
    pub fn new(name: impl Into<String>, headings: Vec<String>, rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: name.into(),
            headings,
            rows,
        }
    }
}

/// Figures rolled up over areas (汇总): a township's reporting units add up to the
/// township, townships to the county. Since figures form a commutative monoid, tables from
/// separate registries (one per township) roll up to the same totals as one registry holding
/// everything, in any order.
///
/// ```
/// use fangkong::report::{DailyFigures, Rollup};
/// let mut a = DailyFigures::default();
/// a.key_people_new = 2;
/// let mut b = DailyFigures::default();
/// b.key_people_new = 3;
/// let mut county = Rollup::new("Shuangqing district");
/// county.add("Huochezhan Township", a);
/// county.add("Another township", b);
/// assert_eq!(county.total().key_people_new, 5);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rollup {
    /// The area rolled up to (the county).
    pub area: String,
    /// Each part (a township) and its figures, in the order added.
    pub parts: Vec<(String, DailyFigures)>,
}

impl Rollup {
    /// An empty roll-up for `area`.
    pub fn new(area: impl Into<String>) -> Rollup {
        Rollup {
            area: area.into(),
            parts: Vec::new(),
        }
    }

    /// Adds a part: a township's figures (e.g. [`DayTable::total`]).
    pub fn add(&mut self, part: impl Into<String>, figures: DailyFigures) -> &mut Rollup {
        self.parts.push((part.into(), figures));
        self
    }

    /// Adds a township's table for the day, under its area name.
    pub fn add_table(&mut self, table: &DayTable) -> &mut Rollup {
        self.add(table.area.clone(), table.total())
    }

    /// The total of every part.
    pub fn total(&self) -> DailyFigures {
        self.parts.iter().map(|(_, f)| f).sum()
    }
}
