//! CSV export (feature `csv`).

use super::table::{Cell, DayTable, Lang, Sheet, both};
use crate::Error;

fn failed(e: impl std::fmt::Display) -> Error {
    Error::ExportFailed {
        format: "csv",
        reason: e.to_string(),
    }
}

/// A sheet as CSV: the heading row, then every row; lines end in `\n`, fields are quoted only
/// where they must be.
///
/// # Errors
/// [`Error::ExportFailed`] if the CSV writer fails (it writes to memory, so in practice never).
pub fn sheet_to_csv(sheet: &Sheet) -> Result<String, Error> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(&sheet.headings).map_err(failed)?;
    for row in &sheet.rows {
        w.write_record(row.iter().map(Cell::to_string))
            .map_err(failed)?;
    }
    let bytes = w.into_inner().map_err(failed)?;
    String::from_utf8(bytes).map_err(failed)
}

/// One or more days' tables as one CSV: a heading row (day, unit, status and every figure,
/// labelled in `lang`), then for each day a row per unit and a totals row.
///
/// ```
/// use fangkong::report::{DailyFigures, DayRow, DayTable, Lang, RowStatus, tables_to_csv};
/// use fangkong::UnitId;
/// let table = DayTable::new("2020-02-01".parse()?, "Huochezhan", vec![
///     DayRow::new(UnitId::new(2), "Qianjin (U2)", RowStatus::Missing),
/// ]);
/// let csv = tables_to_csv(&[table], Lang::En)?;
/// assert!(csv.starts_with("Day,Unit,Status,Households,"));
/// assert!(csv.contains("\n2020-02-01,Total,,0,"));
/// # Ok::<(), fangkong::Error>(())
/// ```
///
/// # Errors
/// [`Error::ExportFailed`] if the CSV writer fails (it writes to memory, so in practice never).
pub fn tables_to_csv(tables: &[DayTable], lang: Lang) -> Result<String, Error> {
    let mut all = Sheet::default();
    for t in tables {
        let sheet = t.to_sheet(lang);
        if all.headings.is_empty() {
            all.headings.push(both("日期", "Day", lang));
            all.headings.extend(sheet.headings);
        }
        for row in sheet.rows {
            let mut cells = vec![Cell::Text(t.day.to_string())];
            cells.extend(row);
            all.rows.push(cells);
        }
    }
    if all.headings.is_empty() {
        let empty = DayTable::new(crate::Day::from_ymd(2020, 1, 1)?, "", Vec::new());
        all.headings.push(both("日期", "Day", lang));
        all.headings.extend(empty.to_sheet(lang).headings);
    }
    sheet_to_csv(&all)
}
