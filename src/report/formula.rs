//! CSV formula injection (issue 18): the one rule every CSV the crate writes follows, and its
//! reading back. Not behind the `csv` feature: a reader needs [`csv_field_value`] without the
//! writer, and a caller writing its own CSV can apply [`csv_safe_field`].

use std::borrow::Cow;

/// The characters that make a spreadsheet read a field as a formula (OWASP, CSV Injection):
/// `=`, `+`, `-`, `@`, tab (U+0009) and carriage return (U+000D).
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text`, once its leading single quotes are skipped, starts with one of the
/// [`FORMULA_TRIGGERS`].
fn needs_quote(text: &str) -> bool {
    text.trim_start_matches('\'')
        .starts_with(FORMULA_TRIGGERS.as_slice())
}

/// A text field as every CSV of this crate writes it, neutralised against formula injection
/// as OWASP's CSV Injection page recommends: a field that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a single quote `'` in front, so a spreadsheet shows it as text
/// and never runs it (`=HYPERLINK(…)` is written `'=HYPERLINK(…)`). The CSV writer then quotes
/// the field where CSV needs it (a carriage return, a comma, a double quote).
///
/// So that reading back is exact for every text, a field that starts with single quotes
/// followed by one of those six characters gets one more quote too (`'=x` is written `''=x`);
/// any other text is written as it is. [`csv_field_value`] undoes it.
///
/// Every text cell is neutralised, whoever wrote it, even one that reads as a negative number
/// (`-3` as text is written `'-3`). Counts ([`Cell::Number`](super::Cell::Number)) are
/// written as plain digits: they come from typed values the crate computed, never from a
/// person's text, and cannot start with a sign.
///
/// ```
/// use fangkong::report::{csv_field_value, csv_safe_field};
/// assert_eq!(csv_safe_field("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(csv_safe_field("-2+3"), "'-2+3");
/// assert_eq!(csv_safe_field("Qianjin (前进村)"), "Qianjin (前进村)");
/// assert_eq!(csv_safe_field("'@SUM(A1)"), "''@SUM(A1)");
/// for text in ["@SUM(A1)", "\tcalc", "'=x", "it's", "'"] {
///     assert_eq!(csv_field_value(&csv_safe_field(text)), text);
/// }
/// ```
pub fn csv_safe_field(text: &str) -> Cow<'_, str> {
    if needs_quote(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A field of a CSV this crate wrote, as it was before [`csv_safe_field`] neutralised it: one
/// leading single quote is removed when what follows it (after any further single quotes)
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return. Any other field is returned as
/// it is. Apply it to each field after CSV parsing, not to a whole line.
///
/// ```
/// use fangkong::report::csv_field_value;
/// assert_eq!(csv_field_value("'=HYPERLINK(\"http://x\")"), "=HYPERLINK(\"http://x\")");
/// assert_eq!(csv_field_value("'-3"), "-3");
/// assert_eq!(csv_field_value("''+1"), "'+1");
/// assert_eq!(csv_field_value("'quoted'"), "'quoted'"); // no formula behind the quote
/// assert_eq!(csv_field_value("-3"), "-3"); // not written by this crate's rule: as it is
/// ```
pub fn csv_field_value(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => field,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trigger_is_quoted_and_read_back() {
        for c in FORMULA_TRIGGERS {
            for quotes in 0..3 {
                let text = format!("{}{c}x", "'".repeat(quotes));
                let written = csv_safe_field(&text);
                assert_eq!(written, format!("'{text}"));
                assert_eq!(csv_field_value(&written), text);
            }
        }
        for text in ["", "'", "''", "x=1", " =1", "'x", "1-2", "王芳"] {
            assert_eq!(csv_safe_field(text), text);
            assert_eq!(csv_field_value(&csv_safe_field(text)), text);
        }
    }
}
