//! Excel export (feature `xlsx`), written to memory.

use crate::report::ReportError;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::rollup::Rollup;
use super::table::{Cell, DayTable, Lang, Sheet};
use crate::calendar::Instant;
use crate::error::Error;

fn failed(e: XlsxError) -> Error {
    Error::Report(ReportError::ExportFailed {
        format: "xlsx",
        reason: e.to_string(),
    })
}

fn too_big(what: &str) -> Error {
    Error::Report(ReportError::ExportFailed {
        format: "xlsx",
        reason: format!("too many {what} for a worksheet"),
    })
}

/// Counts up to 2^53 are written as numbers (Excel holds numbers as `f64`); larger ones as
/// text, so no digit is lost.
const EXACT_IN_F64: u64 = 1 << 53;

/// A workbook with one worksheet per sheet, in order: a bold heading row (frozen), then the
/// rows. `created` is the workbook's creation time in its properties (the library reads no
/// clock, so the same sheets and instant always give the same bytes).
///
/// # Errors
/// [`ReportError::ExportFailed`](crate::report::ReportError::ExportFailed) for a sheet name Excel refuses (empty, longer than 31
/// characters, containing one of `[]:*?/\`, or the same as another sheet's), or a sheet too
/// large for a worksheet.
pub fn sheets_to_xlsx(sheets: &[Sheet], created: Instant) -> Result<Vec<u8>, Error> {
    let mut workbook = Workbook::new();
    let when = ExcelDateTime::from_timestamp(created.unix_seconds()).map_err(failed)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&when));
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name).map_err(failed)?;
        for (c, h) in sheet.headings.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| too_big("columns"))?;
            ws.write_string_with_format(0, c, h, &bold)
                .map_err(failed)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r)
                .ok()
                .and_then(|r| r.checked_add(1))
                .ok_or_else(|| too_big("rows"))?;
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).map_err(|_| too_big("columns"))?;
                match cell {
                    Cell::Number(n) if *n <= EXACT_IN_F64 => {
                        #[allow(clippy::cast_precision_loss)] // exact up to 2^53
                        ws.write_number(r, c, *n as f64).map_err(failed)?;
                    }
                    other => {
                        ws.write_string(r, c, other.to_string()).map_err(failed)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(failed)?;
    }
    workbook.save_to_buffer().map_err(failed)
}

/// Days' tables as a workbook: one worksheet per table (of one township or several), named by
/// its day and township within Excel's rules ([`Sheet::xlsx_name`]: at most 31 characters,
/// made unique), laid out as [`DayTable::to_sheet`] does, headings and statuses in `lang`.
///
/// # Errors
/// See [`sheets_to_xlsx`].
pub fn tables_to_xlsx(tables: &[DayTable], lang: Lang, created: Instant) -> Result<Vec<u8>, Error> {
    let mut sheets: Vec<Sheet> = Vec::new();
    for t in tables {
        let mut sheet = t.to_sheet(lang);
        let taken: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
        sheet.name = Sheet::xlsx_name(&format!("{} {}", t.day, t.area), &taken);
        sheets.push(sheet);
    }
    sheets_to_xlsx(&sheets, created)
}

/// A county's roll-up of a day as a workbook: its one sheet ([`Rollup::to_sheet`]) first, then
/// each township's table on a sheet of its own, every name within Excel's rules and unique.
///
/// # Errors
/// See [`sheets_to_xlsx`].
pub fn rollup_to_xlsx(rollup: &Rollup, lang: Lang, created: Instant) -> Result<Vec<u8>, Error> {
    let mut sheets = vec![rollup.to_sheet(lang)];
    for t in &rollup.townships {
        let mut sheet = t.to_sheet(lang);
        let taken: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
        sheet.name = Sheet::xlsx_name(&t.area, &taken);
        sheets.push(sheet);
    }
    sheets_to_xlsx(&sheets, created)
}
