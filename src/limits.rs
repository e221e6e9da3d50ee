//! Limits on the free text a command carries (issue 18): how long each kind of text may be,
//! and which control characters it may hold.
//!
//! Every free-text field of every command (names, addresses, titles, notes and reasons) is
//! checked when the command is decided, so replay enforces the limits too, and a refused
//! command changes nothing. The limits are counted in characters (Unicode scalar values, so
//! `"王芳"` is 2), and all lie far below the 32,767 characters an Excel cell holds: whatever
//! the registry accepts, every export can write.
//!
//! Control characters (U+0000–U+001F, U+007F–U+009F) are refused in every field, with one
//! exception: notes and reasons ([`NOTE_MAX_CHARS`]) may hold tabs and line breaks (line feed,
//! or carriage return followed by line feed). Names, addresses and titles are one line.
//!
//! | kind | limit (characters) | fields |
//! |---|---|---|
//! | name | [`NAME_MAX_CHARS`] (100) | units, staff, residents, relations written out, venues, kinds, rounds, rules, protocols and their keys, check slots, checklist items, schemes |
//! | address | [`ADDRESS_MAX_CHARS`] (200) | households' addresses, hospitals referred to, where a person is transferred |
//! | title | [`TITLE_MAX_CHARS`] (500) | orders' titles, the basis of a designation, a protocol's source, evidence references |
//! | note | [`NOTE_MAX_CHARS`] (2,000) | notes, reasons, findings, rectifications, what a resident said |
//!
//! ```
//! use fangkong::{Error, Founding, Registry, UnitKind, ValueError};
//! use fangkong::limits::NAME_MAX_CHARS;
//! let t = "2020-01-24T09:00:00+08:00".parse()?;
//! let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
//! let leader = reg.staff_ids().next().unwrap();
//! let long = "前".repeat(NAME_MAX_CHARS + 1);
//! let err = reg.establish_unit(leader, t, UnitKind::Village, &long, reg.township(), None);
//! assert!(matches!(err, Err(Error::Value(ValueError::TextTooLong { chars: 101, max: 100, .. }))));
//! let err = reg.establish_unit(leader, t, UnitKind::Village, "Qian\tjin", reg.township(), None);
//! assert!(matches!(err, Err(Error::Value(ValueError::ControlCharacterInText { code: 9, position: 5, .. }))));
//! # Ok::<(), fangkong::Error>(())
//! ```

use crate::value_error::ValueError;

/// The most characters a name may have: of a unit, a member of staff, a resident, a venue, a
/// kind of gathering or venue, a screening round or rule, a protocol (and its key), a check
/// slot, a checklist item, a de-designation scheme, or a relation written out. No control
/// characters.
pub const NAME_MAX_CHARS: usize = 100;

/// The most characters an address or place may have: a household's address, the hospital a
/// person is referred to, where a person is transferred. No control characters.
pub const ADDRESS_MAX_CHARS: usize = 200;

/// The most characters a title or citation may have: a gathering, closure or reopening order's
/// title, the basis of a risk designation, a protocol's source, an evidence reference. No
/// control characters.
pub const TITLE_MAX_CHARS: usize = 500;

/// The most characters a note or reason may have: notes of reports, visits, symptoms and
/// violations; reasons for clearing an alert, changing a period, overriding a release, ending
/// an observation, deregistering a resident or holding someone accountable; findings and
/// rectifications. Tabs and line breaks allowed; no other control characters.
pub const NOTE_MAX_CHARS: usize = 2_000;

/// A kind of free text, with its limit and the control characters it may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextKind {
    /// [`NAME_MAX_CHARS`], one line.
    Name,
    /// [`ADDRESS_MAX_CHARS`], one line.
    Address,
    /// [`TITLE_MAX_CHARS`], one line.
    Title,
    /// [`NOTE_MAX_CHARS`], tabs and line breaks allowed.
    Note,
}

impl TextKind {
    /// The most characters a text of this kind may have.
    pub(crate) fn max_chars(self) -> usize {
        match self {
            TextKind::Name => NAME_MAX_CHARS,
            TextKind::Address => ADDRESS_MAX_CHARS,
            TextKind::Title => TITLE_MAX_CHARS,
            TextKind::Note => NOTE_MAX_CHARS,
        }
    }
}

/// Whether `c` is a control character (U+0000–U+001F, U+007F–U+009F).
fn is_control(c: char) -> bool {
    matches!(u32::from(c), 0x00..=0x1F | 0x7F..=0x9F)
}

/// Checks a free-text field of a command against the limits of its kind: at most
/// [`TextKind::max_chars`] characters, and no control character but (in a note) a tab, a line
/// feed, or a carriage return followed by a line feed. Empty text passes (required texts are
/// checked apart). The error never carries the text itself.
///
/// # Errors
/// [`ValueError::TextTooLong`](crate::value_error::ValueError::TextTooLong), [`ValueError::ControlCharacterInText`](crate::value_error::ValueError::ControlCharacterInText).
pub(crate) fn text_field(
    s: &str,
    what: impl Into<String>,
    kind: TextKind,
) -> Result<(), ValueError> {
    let max = kind.max_chars();
    // A character takes at least one byte: a text of at most `max` bytes is short enough.
    if s.len() > max {
        let chars = s.chars().count();
        if chars > max {
            return Err(ValueError::TextTooLong {
                what: what.into(),
                chars,
                max,
            });
        }
    }
    let mut chars = s.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_control(c) {
            continue;
        }
        let allowed = kind == TextKind::Note
            && match c {
                '\t' | '\n' => true,
                '\r' => chars.peek().is_some_and(|(_, next)| *next == '\n'),
                _ => false,
            };
        if !allowed {
            return Err(ValueError::ControlCharacterInText {
                what: what.into(),
                code: u32::from(c),
                position: i + 1,
            });
        }
    }
    Ok(())
}

/// [`text_field`] for an optional text.
pub(crate) fn optional_text_field(
    s: Option<&str>,
    what: impl Into<String>,
    kind: TextKind,
) -> Result<(), ValueError> {
    s.map_or(Ok(()), |s| text_field(s, what, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters_not_bytes() {
        let name = "王".repeat(NAME_MAX_CHARS);
        assert!(text_field(&name, "a name", TextKind::Name).is_ok());
        let err = text_field(&format!("{name}王"), "a name", TextKind::Name).unwrap_err();
        assert_eq!(
            err,
            ValueError::TextTooLong {
                what: "a name".into(),
                chars: 101,
                max: 100
            }
        );
    }

    #[test]
    fn notes_take_tabs_and_line_breaks_names_take_none() {
        for ok in ["a\tb", "a\nb", "a\r\nb"] {
            assert!(text_field(ok, "a note", TextKind::Note).is_ok(), "{ok:?}");
            let err = text_field(ok, "a name", TextKind::Name).unwrap_err();
            assert!(
                matches!(err, ValueError::ControlCharacterInText { position: 2, .. }),
                "{err:?}"
            );
        }
        for bad in [
            "a\rb", "a\r", "a\0b", "a\u{1b}b", "a\u{7f}b", "a\u{85}b", "a\u{9f}b",
        ] {
            let err = text_field(bad, "a note", TextKind::Note).unwrap_err();
            assert!(
                matches!(err, ValueError::ControlCharacterInText { position: 2, .. }),
                "{bad:?}: {err:?}"
            );
        }
        // U+00A0 (no-break space) is the first character after the C1 controls.
        assert!(text_field("a\u{a0}b", "a name", TextKind::Name).is_ok());
    }
}
