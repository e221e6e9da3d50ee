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
    /// Its figures as submitted in the report in force (all zero when missing).
    pub figures: DailyFigures,
    /// The figures the registry itself holds for the unit and day, computed when the table
    /// was made (`None` for a table built by hand or from elsewhere): beside a missing
    /// report, what is known without it; beside a submitted one, whether anything changed
    /// since ([`differs`](DayRow::differs)).
    #[serde(default)]
    pub registry: Option<DailyFigures>,
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
            registry: None,
            submitted_at: None,
            note: String::new(),
        }
    }

    /// The row with these figures, as submitted.
    pub fn with_figures(mut self, figures: DailyFigures) -> DayRow {
        self.figures = figures;
        self
    }

    /// The row with the registry's own figures for the unit beside the submitted ones.
    pub fn with_registry(mut self, figures: DailyFigures) -> DayRow {
        self.registry = Some(figures);
        self
    }

    /// Whether the unit reported (on time or late, zero or not).
    pub fn reported(&self) -> bool {
        self.status != RowStatus::Missing
    }

    /// Whether the unit reported figures that differ from what the registry holds now for
    /// the same unit and day (a record made or corrected after the report): flagged in every
    /// rendering.
    pub fn differs(&self) -> bool {
        self.reported() && self.registry.is_some_and(|r| r != self.figures)
    }
}

/// The reports of one day (日报表): a row per reporting unit, the township's own row
/// included.
///
/// A table says how many units reported ([`reported`](DayTable::reported) of
/// [`units`](DayTable::units)) and never presents a partial sum as the whole: the total of the
/// submitted reports ([`submitted_total`](DayTable::submitted_total)) is that, and beside it
/// stand the registry's own figures for every unit
/// ([`registry_total`](DayTable::registry_total)), missing ones included; a unit whose
/// report differs from the registry now is flagged ([`DayRow::differs`]).
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

    /// How many units must report (the table's rows).
    pub fn units(&self) -> usize {
        self.rows.len()
    }

    /// How many units reported, on time or late.
    pub fn reported(&self) -> usize {
        self.rows.iter().filter(|r| r.reported()).count()
    }

    /// Whether every unit reported.
    pub fn is_complete(&self) -> bool {
        self.reported() == self.units()
    }

    /// The total of the submitted reports: **only** the units that reported, so short of the
    /// township's figures when one is missing (see [`reported`](DayTable::reported)).
    pub fn submitted_total(&self) -> DailyFigures {
        self.rows.iter().map(|r| &r.figures).sum()
    }

    /// The total of the registry's own figures for every unit, reported or not; `None` when a
    /// row does not carry them (a table built by hand).
    pub fn registry_total(&self) -> Option<DailyFigures> {
        self.rows.iter().map(|r| r.registry).sum()
    }

    /// The rows whose report is missing.
    pub fn missing(&self) -> impl Iterator<Item = &DayRow> {
        self.rows.iter().filter(|r| r.status == RowStatus::Missing)
    }

    /// The rows reported late.
    pub fn late(&self) -> impl Iterator<Item = &DayRow> {
        self.rows.iter().filter(|r| r.status == RowStatus::Late)
    }

    /// The rows whose submitted figures differ from the registry's now.
    pub fn differing(&self) -> impl Iterator<Item = &DayRow> {
        self.rows.iter().filter(|r| r.differs())
    }

    /// How many units reported, in `lang` (`"15 of 16 units reported"`,
    /// `"16个单位中15个已报"`).
    pub fn coverage_in(&self, lang: Lang) -> String {
        coverage(self.reported(), self.units(), lang)
    }

    /// The table rendered in Chinese (`Display` renders it in English).
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        Rendered(self, Lang::Zh)
    }

    /// The table rendered in `lang`.
    pub fn display_in(&self, lang: Lang) -> impl fmt::Display + '_ {
        Rendered(self, lang)
    }

    /// The table as a [`Sheet`] named by its day and area (within Excel's rules,
    /// [`Sheet::xlsx_name`]): headings (unit, status, source, then every figure), for every
    /// unit a row of its submitted figures (blank when missing) and a row of the registry's
    /// own (when known, its status cell flagging a difference), then the submitted total (its
    /// status cell saying how many reported) and the registry's total.
    pub fn to_sheet(&self, lang: Lang) -> Sheet {
        let mut headings = vec![
            both("单位", "Unit", lang),
            both("状态", "Status", lang),
            both("来源", "Source", lang),
        ];
        headings.extend(FIGURE_LABELS.iter().map(|l| l.in_lang(lang)));
        let mut rows = Vec::new();
        for r in &self.rows {
            rows.extend(unit_rows(r, lang, Vec::new()));
        }
        rows.extend(total_rows(
            self,
            lang,
            vec![Cell::Text(both("合计", "Total", lang))],
        ));
        Sheet {
            name: Sheet::xlsx_name(&format!("{} {}", self.day, self.area), &[]),
            headings,
            rows,
        }
    }
}

/// `reported` of `units`, in `lang`.
pub(crate) fn coverage(reported: usize, units: usize, lang: Lang) -> String {
    both(
        &format!("{units}个单位中{reported}个已报"),
        &format!("{reported} of {units} units reported"),
        lang,
    )
}

/// The source column's words.
pub(crate) fn source(registry: bool, lang: Lang) -> String {
    if registry {
        both("系统", "registry", lang)
    } else {
        both("上报", "submitted", lang)
    }
}

/// A unit's rows of a sheet, after `lead` (the township's cell in a roll-up): its submitted
/// figures (blank when missing) and, when known, the registry's.
pub(crate) fn unit_rows(r: &DayRow, lang: Lang, lead: Vec<Cell>) -> Vec<Vec<Cell>> {
    let mut submitted = lead.clone();
    submitted.extend([
        Cell::Text(r.label.clone()),
        Cell::Text(r.status.in_lang(lang)),
        Cell::Text(source(false, lang)),
    ]);
    if r.reported() {
        submitted.extend(r.figures.values().into_iter().map(Cell::Number));
    } else {
        submitted.extend(FIGURE_LABELS.iter().map(|_| Cell::Text(String::new())));
    }
    let mut out = vec![submitted];
    if let Some(registry) = r.registry {
        let mut row = lead;
        row.extend([
            Cell::Text(r.label.clone()),
            Cell::Text(if r.differs() {
                both("与上报不同", "differs", lang)
            } else {
                String::new()
            }),
            Cell::Text(source(true, lang)),
        ]);
        row.extend(registry.values().into_iter().map(Cell::Number));
        out.push(row);
    }
    out
}

/// A table's total rows, after `lead`: the submitted total, with how many reported, and the
/// registry's, when known.
pub(crate) fn total_rows(t: &DayTable, lang: Lang, lead: Vec<Cell>) -> Vec<Vec<Cell>> {
    let mut submitted = lead.clone();
    submitted.extend([
        Cell::Text(t.coverage_in(lang)),
        Cell::Text(source(false, lang)),
    ]);
    submitted.extend(t.submitted_total().values().into_iter().map(Cell::Number));
    let mut out = vec![submitted];
    if let Some(registry) = t.registry_total() {
        let mut row = lead;
        row.extend([Cell::Text(String::new()), Cell::Text(source(true, lang))]);
        row.extend(registry.values().into_iter().map(Cell::Number));
        out.push(row);
    }
    out
}

/// Renders a table in English: a column per unit, then the submitted total and the
/// registry's, a line per figure; the first line says how many units reported and which are
/// missing or late. A missing unit's column shows the registry's figures in parentheses; a
/// submitted figure that differs from the registry's now is marked `*` and listed below.
impl fmt::Display for DayTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Rendered(self, Lang::En).fmt(f)
    }
}

struct Rendered<'a>(&'a DayTable, Lang);

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (t, lang) = (self.0, self.1);
        let zh = lang == Lang::Zh;
        let names = |rows: Vec<&DayRow>| {
            rows.iter()
                .map(|r| r.label.as_str())
                .collect::<Vec<_>>()
                .join(if zh { "、" } else { ", " })
        };
        let mut head = format!(
            "{} {} {}{}{}",
            both("日报表", "Daily report", lang),
            t.area,
            t.day,
            if zh { "：" } else { ": " },
            t.coverage_in(lang)
        );
        let (missing, late) = (
            t.missing().collect::<Vec<_>>(),
            t.late().collect::<Vec<_>>(),
        );
        let sep = if zh { "；" } else { "; " };
        if !missing.is_empty() {
            head.push_str(&format!(
                "{sep}{}{}",
                both("未报：", "missing: ", lang),
                names(missing)
            ));
        }
        if !late.is_empty() {
            head.push_str(&format!(
                "{sep}{}{}",
                both("迟报：", "late: ", lang),
                names(late)
            ));
        }
        writeln!(f, "{head}")?;
        // Columns: the label, then a unit per column, then the totals.
        let mut columns: Vec<Vec<String>> = Vec::new();
        let mut first = vec![String::new(), both("状态", "Status", lang)];
        first.extend(FIGURE_LABELS.iter().map(|l| l.in_lang(lang)));
        columns.push(first);
        for r in &t.rows {
            let mut c = vec![r.label.clone(), r.status.in_lang(lang)];
            let values = r.figures.values();
            match (r.reported(), r.registry) {
                (false, Some(registry)) => {
                    c.extend(registry.values().iter().map(|v| format!("({v})")));
                }
                (false, None) => c.extend(values.iter().map(|_| "-".to_owned())),
                (true, registry) => c.extend(values.iter().enumerate().map(|(i, v)| {
                    match registry.map(|g| g.values()[i]) {
                        Some(now) if now != *v => format!("{v}*"),
                        _ => v.to_string(),
                    }
                })),
            }
            columns.push(c);
        }
        let mut total = vec![
            both("上报合计", "Submitted total", lang),
            format!("{}/{}", t.reported(), t.units()),
        ];
        total.extend(t.submitted_total().values().iter().map(u64::to_string));
        columns.push(total);
        if let Some(registry) = t.registry_total() {
            let mut c = vec![both("系统合计", "Registry total", lang), String::new()];
            c.extend(registry.values().iter().map(u64::to_string));
            columns.push(c);
        }
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
        if t.missing().any(|r| r.registry.is_some()) {
            writeln!(
                f,
                "{}",
                both(
                    "（ ）未报单位的系统数据，不计入上报合计",
                    "( ) the registry's own figures for a unit that did not report: not in the submitted total",
                    lang
                )
            )?;
        }
        for r in t.differing() {
            let registry = r.registry.unwrap_or_default();
            let changes: Vec<String> = FIGURE_LABELS
                .iter()
                .zip(r.figures.values().into_iter().zip(registry.values()))
                .filter(|(_, (a, b))| a != b)
                .map(|(l, (a, b))| format!("{} {a} → {b}", l.in_lang(lang)))
                .collect();
            writeln!(
                f,
                "* {}{}{}",
                r.label,
                both(
                    "上报后系统数据已变：",
                    ": the registry's figures changed since the report: ",
                    lang
                ),
                changes.join(if zh { "，" } else { ", " })
            )?;
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
    /// A name Excel takes for a sheet, made from `base` (a day and a township's name, say):
    /// the characters Excel refuses (`[]:*?/\`) and control characters become spaces, a
    /// leading or trailing `'` is dropped, the name is cut to 31 characters, and, when it is
    /// already among `taken` (Excel compares names without case), ended by ` (2)`, ` (3)`…
    /// within the 31. An empty result is `Sheet1`.
    ///
    /// ```
    /// use fangkong::report::Sheet;
    /// let long = "2020-02-01 Xiangxinan Fruit Market Township of Forty Chars";
    /// let name = Sheet::xlsx_name(long, &[]);
    /// assert_eq!(name.chars().count(), 31);
    /// assert_eq!(Sheet::xlsx_name(long, &[name.clone()]).chars().count(), 31);
    /// assert_ne!(Sheet::xlsx_name(long, &[name.clone()]), name);
    /// assert_eq!(Sheet::xlsx_name("2020/02/01 [a]", &[]), "2020 02 01  a");
    /// // A cut that would end in an apostrophe does not
    /// let name = Sheet::xlsx_name(&format!("{}'B", "x".repeat(30)), &[]);
    /// assert_eq!(name, "x".repeat(30));
    /// assert_eq!(Sheet::xlsx_name("History", &[]), "History sheet");
    /// ```
    pub fn xlsx_name(base: &str, taken: &[String]) -> String {
        const MAX: usize = 31;
        let cleaned: String = base
            .chars()
            .map(|c| {
                if "[]:*?/\\".contains(c) || c.is_control() {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let cleaned = cleaned.trim().trim_matches('\'').trim();
        // Excel reserves "History" for itself.
        let cleaned = if cleaned.is_empty() {
            "Sheet1"
        } else if cleaned.eq_ignore_ascii_case("history") {
            "History sheet"
        } else {
            cleaned
        };
        // Cut to `n` characters; the cut may not end in a space or an apostrophe either.
        let cut = |s: &str, n: usize| {
            let cut: String = s.chars().take(n).collect();
            cut.trim_end_matches(|c: char| c.is_whitespace() || c == '\'')
                .to_owned()
        };
        let is_taken = |n: &str| taken.iter().any(|t| t.to_lowercase() == n.to_lowercase());
        let first = cut(cleaned, MAX);
        if !is_taken(&first) {
            return first;
        }
        (2..)
            .map(|i| {
                let suffix = format!(" ({i})");
                format!("{}{suffix}", cut(cleaned, MAX - suffix.chars().count()))
            })
            .find(|n| !is_taken(n))
            .unwrap_or(first)
    }

    /// A sheet.
    pub fn new(name: impl Into<String>, headings: Vec<String>, rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: name.into(),
            headings,
            rows,
        }
    }
}
