//! The roll-up of townships' day tables to a county (汇总): each township's unit rows kept,
//! township totals and the county total, submitted and as the registries hold them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ReportError;
use super::figures::{DailyFigures, FIGURE_LABELS};
use super::table::{
    Cell, DayRow, DayTable, Lang, Sheet, both, coverage, pad, source, total_rows, unit_rows, width,
};
use crate::calendar::Day;

/// The figures a roll-up's `Display` shows, units as rows (every figure is in
/// [`Rollup::to_sheet`]): households, households screened, key people new and cumulative,
/// people under observation and missed checks.
pub const ROLLUP_DISPLAY_FIGURES: [&str; 6] = [
    "households_total",
    "households_screened",
    "key_people_new",
    "key_people_cumulative",
    "under_observation",
    "missed_checks",
];

/// One day's reports rolled up over townships to a county (汇总): each township's
/// [`DayTable`] kept whole (its unit rows, submitted and as its registry holds them), with
/// township totals and the county total. Figures form a commutative monoid, so tables from
/// separate registries (one per township) add up to the same totals as one registry holding
/// everything, in any order.
///
/// A roll-up says how many units reported across the county, and its submitted total is
/// only that: the registries' own figures for every unit stand beside it.
///
/// ```
/// use fangkong::report::{DailyFigures, DayRow, DayTable, Rollup, RowStatus};
/// let day = "2020-02-01".parse()?;
/// let mut f = DailyFigures::default();
/// f.households_total = 612;
/// let unit = fangkong::UnitId::new(2);
/// let a = DayTable::new(day, "Huochezhan", vec![
///     DayRow::new(unit, "Qianjin (U2)", RowStatus::Zero).with_figures(f).with_registry(f),
/// ]);
/// let b = DayTable::new(day, "Gutang", vec![
///     DayRow::new(unit, "Xinjian (U2)", RowStatus::Missing).with_registry(f),
/// ]);
/// let mut county = Rollup::new("Shuangqing district", day);
/// county.add_table(a)?.add_table(b)?;
/// assert_eq!((county.reported(), county.units()), (1, 2));
/// assert_eq!(county.submitted_total().households_total, 612);
/// assert_eq!(county.registry_total().map(|t| t.households_total), Some(1224));
/// assert!(county.to_string().contains("1 of 2 units reported"));
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RollupFields")]
#[non_exhaustive]
pub struct Rollup {
    /// The area rolled up to (the county).
    pub area: String,
    /// The day rolled up.
    pub day: Day,
    /// Each township's table, in the order added.
    pub townships: Vec<DayTable>,
}

/// The fields of a [`Rollup`] as a file holds them, before they are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RollupFields {
    area: String,
    day: Day,
    townships: Vec<DayTable>,
}

impl TryFrom<RollupFields> for Rollup {
    type Error = ReportError;

    /// Through [`Rollup::add_table`]'s checks, table by table: every table of the roll-up's
    /// day, no township twice.
    fn try_from(f: RollupFields) -> Result<Rollup, ReportError> {
        let mut rollup = Rollup::new(f.area, f.day);
        for t in f.townships {
            rollup.add_table(t)?;
        }
        Ok(rollup)
    }
}

impl Rollup {
    /// An empty roll-up of `day` for `area`.
    pub fn new(area: impl Into<String>, day: Day) -> Rollup {
        Rollup {
            area: area.into(),
            day,
            townships: Vec::new(),
        }
    }

    /// Adds a township's table for the day ([`Registry::day_table`](crate::Registry::day_table)).
    ///
    /// # Errors
    /// [`ReportError::RollupOtherDay`] for a table of another day;
    /// [`ReportError::RollupTownshipTwice`] for a township already added (by its name: two
    /// townships of one name cannot be told apart in the county's sheets).
    pub fn add_table(&mut self, table: DayTable) -> Result<&mut Rollup, ReportError> {
        if table.day != self.day {
            return Err(ReportError::RollupOtherDay {
                township: table.area,
                day: table.day,
                expected: self.day,
            });
        }
        if self
            .townships
            .iter()
            .any(|t| t.area.to_lowercase() == table.area.to_lowercase())
        {
            return Err(ReportError::RollupTownshipTwice {
                township: table.area,
            });
        }
        self.townships.push(table);
        Ok(self)
    }

    /// Every unit row, with its township's name.
    pub fn rows(&self) -> impl Iterator<Item = (&str, &DayRow)> {
        self.townships
            .iter()
            .flat_map(|t| t.rows.iter().map(move |r| (t.area.as_str(), r)))
    }

    /// How many units must report, across the townships.
    pub fn units(&self) -> usize {
        self.townships.iter().map(DayTable::units).sum()
    }

    /// How many units reported, across the townships.
    pub fn reported(&self) -> usize {
        self.townships.iter().map(DayTable::reported).sum()
    }

    /// The total of the submitted reports: only the units that reported.
    pub fn submitted_total(&self) -> DailyFigures {
        self.townships.iter().map(DayTable::submitted_total).sum()
    }

    /// The total of the registries' own figures for every unit; `None` when a table does not
    /// carry them.
    pub fn registry_total(&self) -> Option<DailyFigures> {
        self.townships.iter().map(DayTable::registry_total).sum()
    }

    /// How many units reported, in `lang`.
    pub fn coverage_in(&self, lang: Lang) -> String {
        coverage(self.reported(), self.units(), lang)
    }

    /// The roll-up rendered in Chinese (`Display` renders it in English).
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        Rendered(self, Lang::Zh)
    }

    /// The roll-up rendered in `lang`.
    pub fn display_in(&self, lang: Lang) -> impl fmt::Display + '_ {
        Rendered(self, lang)
    }

    /// The roll-up as one [`Sheet`] (for [`sheet_to_csv`](crate::report::sheet_to_csv) or
    /// [`sheets_to_xlsx`](crate::report::sheets_to_xlsx)), named by the day and the county
    /// within Excel's rules: headings (township, unit, status, source, then every figure);
    /// each township's unit rows (submitted, then the registry's), its totals, and at the end
    /// the county's totals, the township cell naming the county.
    pub fn to_sheet(&self, lang: Lang) -> Sheet {
        let mut headings = vec![
            both("乡镇", "Township", lang),
            both("单位", "Unit", lang),
            both("状态", "Status", lang),
            both("来源", "Source", lang),
        ];
        headings.extend(FIGURE_LABELS.iter().map(|l| l.in_lang(lang)));
        let mut rows = Vec::new();
        for t in &self.townships {
            let lead = || vec![Cell::Text(t.area.clone())];
            for r in &t.rows {
                rows.extend(unit_rows(r, lang, lead()));
            }
            let mut lead = lead();
            lead.push(Cell::Text(both("乡镇合计", "Township total", lang)));
            rows.extend(total_rows(t, lang, lead));
        }
        let lead = vec![
            Cell::Text(self.area.clone()),
            Cell::Text(both("全县合计", "County total", lang)),
        ];
        let mut submitted = lead.clone();
        submitted.extend([
            Cell::Text(self.coverage_in(lang)),
            Cell::Text(source(false, lang)),
        ]);
        submitted.extend(
            self.submitted_total()
                .values()
                .into_iter()
                .map(Cell::Number),
        );
        rows.push(submitted);
        if let Some(registry) = self.registry_total() {
            let mut row = lead;
            row.extend([Cell::Text(String::new()), Cell::Text(source(true, lang))]);
            row.extend(registry.values().into_iter().map(Cell::Number));
            rows.push(row);
        }
        Sheet {
            name: Sheet::xlsx_name(&format!("{} {}", self.day, self.area), &[]),
            headings,
            rows,
        }
    }
}

/// Renders the roll-up in English, units as rows: township, unit, status, source and the
/// figures of [`ROLLUP_DISPLAY_FIGURES`]; a unit's submitted row, then the registry's row for
/// a missing unit or one whose report differs (`*`); each township's totals and the county's.
impl fmt::Display for Rollup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Rendered(self, Lang::En).fmt(f)
    }
}

struct Rendered<'a>(&'a Rollup, Lang);

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (r, lang) = (self.0, self.1);
        let picked: Vec<usize> = ROLLUP_DISPLAY_FIGURES
            .iter()
            .filter_map(|field| FIGURE_LABELS.iter().position(|l| l.field == *field))
            .collect();
        let pick = |figures: &DailyFigures| -> Vec<String> {
            let values = figures.values();
            picked.iter().map(|i| values[*i].to_string()).collect()
        };
        let blank = || picked.iter().map(|_| String::new()).collect::<Vec<_>>();
        writeln!(
            f,
            "{} {} {}{}{}",
            both("汇总", "Roll-up", lang),
            r.area,
            r.day,
            if lang == Lang::Zh { "：" } else { ": " },
            r.coverage_in(lang)
        )?;
        let mut lines: Vec<Vec<String>> = Vec::new();
        let mut head = vec![
            both("乡镇", "Township", lang),
            both("单位", "Unit", lang),
            both("状态", "Status", lang),
            both("来源", "Source", lang),
        ];
        head.extend(picked.iter().map(|i| FIGURE_LABELS[*i].in_lang(lang)));
        lines.push(head);
        let line = |a: &str, b: &str, c: String, registry: bool, values: Vec<String>| {
            let mut l = vec![a.to_owned(), b.to_owned(), c, source(registry, lang)];
            l.extend(values);
            l
        };
        for t in &r.townships {
            for row in &t.rows {
                let status = row.status.in_lang(lang);
                if row.reported() {
                    let mark = if row.differs() { "*" } else { "" };
                    lines.push(line(
                        &t.area,
                        &format!("{}{mark}", row.label),
                        status,
                        false,
                        pick(&row.figures),
                    ));
                } else {
                    lines.push(line(&t.area, &row.label, status, false, blank()));
                }
                if let Some(registry) = row.registry.filter(|_| !row.reported() || row.differs()) {
                    lines.push(line(
                        &t.area,
                        &row.label,
                        String::new(),
                        true,
                        pick(&registry),
                    ));
                }
            }
            let total = both("乡镇合计", "Township total", lang);
            lines.push(line(
                &t.area,
                &total,
                format!("{}/{}", t.reported(), t.units()),
                false,
                pick(&t.submitted_total()),
            ));
            if let Some(registry) = t.registry_total() {
                lines.push(line(&t.area, &total, String::new(), true, pick(&registry)));
            }
        }
        let total = both("全县合计", "County total", lang);
        lines.push(line(
            &r.area,
            &total,
            format!("{}/{}", r.reported(), r.units()),
            false,
            pick(&r.submitted_total()),
        ));
        if let Some(registry) = r.registry_total() {
            lines.push(line(&r.area, &total, String::new(), true, pick(&registry)));
        }
        let columns = lines[0].len();
        let widths: Vec<usize> = (0..columns)
            .map(|c| lines.iter().map(|l| width(&l[c])).max().unwrap_or(0))
            .collect();
        for l in &lines {
            let mut text = String::new();
            for (c, (cell, w)) in l.iter().zip(&widths).enumerate() {
                if c < 4 {
                    text.push_str(&pad(cell, *w));
                    text.push_str("  ");
                } else {
                    text.push_str(&" ".repeat(w.saturating_sub(width(cell))));
                    text.push_str(cell);
                    text.push_str("  ");
                }
            }
            writeln!(f, "{}", text.trim_end())?;
        }
        if r.rows().any(|(_, row)| row.differs()) {
            writeln!(
                f,
                "{}",
                both(
                    "* 上报后系统数据已变",
                    "* the registry's figures changed since the report",
                    lang
                )
            )?;
        }
        Ok(())
    }
}
