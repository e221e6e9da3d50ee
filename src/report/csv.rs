//! CSV export (feature `csv`). Every field goes through [`csv_safe_field`]: the one rule
//! against formula injection, for every CSV the crate writes.

use super::formula::csv_safe_field;
use super::rollup::Rollup;
use super::table::{Cell, DayTable, Lang, Sheet, both};
use crate::error::Error;
use crate::report::ReportError;

fn failed(e: impl std::fmt::Display) -> Error {
    Error::Report(ReportError::ExportFailed {
        format: "csv",
        reason: e.to_string(),
    })
}

/// A sheet as CSV: the heading row, then every row; lines end in `\n`, fields are quoted only
/// where they must be.
///
/// Safe to open in a spreadsheet: a heading or text cell that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return (a resident named `=HYPERLINK(…)`, say) is written with a single
/// quote `'` in front, so it shows as text and never runs as a formula ([`csv_safe_field`],
/// as OWASP recommends). A program reading the CSV back gets the original text of each parsed
/// field with [`csv_field_value`](super::csv_field_value). Text cells are neutralised even when
/// they read as a negative number (`-3`); counts ([`Cell::Number`]) are written as plain
/// digits.
///
/// ```
/// use fangkong::report::{Cell, Sheet, csv_field_value, sheet_to_csv};
/// let sheet = Sheet::new("Residents", vec!["Name".into(), "Count".into()], vec![
///     vec![Cell::Text("=HYPERLINK(\"http://x\",\"click\")".into()), Cell::Number(3)],
///     vec![Cell::Text("-3".into()), Cell::Number(0)],
/// ]);
/// let csv = sheet_to_csv(&sheet)?;
/// assert_eq!(csv, "Name,Count\n\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",3\n'-3,0\n");
/// assert_eq!(csv_field_value("'-3"), "-3");
/// # Ok::<(), fangkong::Error>(())
/// ```
///
/// # Errors
/// [`ReportError::ExportFailed`](crate::report::ReportError::ExportFailed) if the CSV writer fails (it writes to memory, so in practice never).
pub fn sheet_to_csv(sheet: &Sheet) -> Result<String, Error> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(
        sheet
            .headings
            .iter()
            .map(|h| csv_safe_field(h).into_owned()),
    )
    .map_err(failed)?;
    for row in &sheet.rows {
        w.write_record(row.iter().map(|cell| match cell {
            Cell::Text(text) => csv_safe_field(text).into_owned(),
            Cell::Number(n) => n.to_string(),
        }))
        .map_err(failed)?;
    }
    let bytes = w.into_inner().map_err(failed)?;
    String::from_utf8(bytes).map_err(failed)
}

/// One or more days' tables (of one township or several) as one CSV: a heading row (day,
/// township, unit, status, source and every figure, labelled in `lang`), then for each table
/// its unit rows (each unit's submitted figures, and the registry's own beside them) and its
/// total rows (the submitted total, saying how many units reported, and the registry's), as
/// [`DayTable::to_sheet`] lays them out.
///
/// Written through [`sheet_to_csv`], so a unit named `@SUM(…)` or `+cmd…` is written with a
/// single quote in front and never runs as a formula ([`csv_safe_field`]). For a county's
/// roll-up with township and county totals, see [`rollup_to_csv`].
///
/// ```
/// use fangkong::UnitId;
/// use fangkong::report::{DayRow, DayTable, Lang, RowStatus, tables_to_csv};
/// let table = DayTable::new("2020-02-01".parse()?, "Huochezhan", vec![
///     DayRow::new(UnitId::new(2), "Qianjin (U2)", RowStatus::Missing),
/// ]);
/// let csv = tables_to_csv(&[table], Lang::En)?;
/// assert!(csv.starts_with("Day,Township,Unit,Status,Source,Households,"));
/// assert!(csv.contains("\n2020-02-01,Huochezhan,Total,0 of 1 units reported,submitted,0,"));
/// # Ok::<(), fangkong::Error>(())
/// ```
///
/// # Errors
/// [`ReportError::ExportFailed`](crate::report::ReportError::ExportFailed) if the CSV writer fails (it writes to memory, so in practice never).
pub fn tables_to_csv(tables: &[DayTable], lang: Lang) -> Result<String, Error> {
    let mut all = Sheet::default();
    let empty;
    let first = match tables.first() {
        Some(t) => t,
        None => {
            empty = DayTable::new(crate::calendar::Day::from_ymd(2020, 1, 1)?, "", Vec::new());
            &empty
        }
    };
    all.headings.push(both("日期", "Day", lang));
    all.headings.push(both("乡镇", "Township", lang));
    all.headings.extend(first.to_sheet(lang).headings);
    for t in tables {
        for row in t.to_sheet(lang).rows {
            let mut cells = vec![Cell::Text(t.day.to_string()), Cell::Text(t.area.clone())];
            cells.extend(row);
            all.rows.push(cells);
        }
    }
    sheet_to_csv(&all)
}

/// A county's roll-up of a day as one CSV ([`Rollup::to_sheet`]): a township column, each
/// township's unit rows and totals, and the county total, submitted and as the registries
/// hold them.
///
/// # Errors
/// As [`tables_to_csv`].
pub fn rollup_to_csv(rollup: &Rollup, lang: Lang) -> Result<String, Error> {
    sheet_to_csv(&rollup.to_sheet(lang))
}
