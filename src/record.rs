//! What a ledger record says: the registry's side of the ledger (format version 2, LEDGER.md).
//!
//! A record is `{"seq":…,"schema":2,"at":…,"actor":…,"command":{"first":…,"entries":…},"body":…}`.
//! `command` marks the entries one command produced: every entry of a command carries the
//! sequence number of its first entry and how many entries it wrote, so replay checks the
//! command's authority once, for all its events. A body is an accepted [`Event`] or a
//! [`Refusal`].

use crate::ledger::LedgerError;
use serde::{Deserialize, Serialize};

use crate::calendar::Instant;
use crate::error::Error;
use crate::event::Event;
use crate::ids::StaffId;
use crate::ledger::{Entry, Ledger, SCHEMA_VERSION};
use crate::mask::mask_personal_data;

/// Which command an entry belongs to: the sequence number of the command's first entry and how
/// many entries the command wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CommandMark {
    /// The sequence number of the command's first entry.
    pub first: u64,
    /// How many entries the command wrote (1 for a refusal).
    pub entries: u32,
}

impl CommandMark {
    /// Whether entry `seq` is the command's first.
    pub fn starts_at(&self, seq: u64) -> bool {
        self.first == seq
    }

    /// The sequence number of the command's last entry.
    pub fn last(&self) -> u64 {
        self.first
            .saturating_add(u64::from(self.entries))
            .saturating_sub(1)
    }
}

/// A refused command, as the ledger keeps it: who tried what, and why it was refused. It changes
/// nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Refusal {
    /// The command as it was given, as structured JSON with every run of digits that looks like
    /// an identity number or a phone masked (a refused command's personal data is not kept:
    /// PIPL's minimum necessary). A value a program can read, not a command to execute.
    pub attempt: serde_json::Value,
    /// The instant the command said, as text, when it is not the entry's own instant (outside
    /// the supported range, or earlier than the ledger's last entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempted_at: Option<String>,
    /// The stable code of the error that refused it ([`Error::code`]): what replay compares
    /// when it decides the attempt again, never the English text of `reason`.
    pub code: String,
    /// Why it was refused, as the error said it (personal data masked). Text for people:
    /// rewording a message changes nothing a program or replay relies on.
    pub reason: String,
}

/// What an entry records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
// Records are read one at a time, never held in bulk: boxing the event would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Body {
    /// An accepted event.
    Event(Event),
    /// A refused command.
    Refused(Refusal),
}

/// One entry's record: the part of an entry whose digest is chained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Record {
    /// Position in the ledger, from 1.
    pub seq: u64,
    /// The record format version ([`SCHEMA_VERSION`]).
    pub schema: u32,
    /// When the command was recorded. Never earlier than the entry before it.
    pub at: Instant,
    /// Who did it (or tried to).
    pub actor: StaffId,
    /// The command this entry belongs to.
    pub command: CommandMark,
    /// What was recorded.
    pub body: Body,
}

impl Record {
    /// Reads a record from an entry.
    ///
    /// # Errors
    /// [`LedgerError::RecordRedacted`](crate::ledger::LedgerError::RecordRedacted) for a redacted entry; [`LedgerError::RecordUnreadable`](crate::ledger::LedgerError::RecordUnreadable) if the
    /// bytes are not a record of this format version.
    pub fn of(entry: &Entry) -> Result<Record, Error> {
        let bytes = entry
            .record_bytes()
            .ok_or(Error::Ledger(LedgerError::RecordRedacted {
                seq: 0,
                what: "read",
            }))?;
        Record::parse(bytes)
    }

    /// Reads a record from its bytes.
    ///
    /// # Errors
    /// [`LedgerError::RecordUnreadable`](crate::ledger::LedgerError::RecordUnreadable) if the bytes are not a record of this format version.
    pub fn parse(bytes: &str) -> Result<Record, Error> {
        serde_json::from_str(bytes).map_err(|e| {
            Error::Ledger(LedgerError::RecordUnreadable {
                // serde's message may quote the stored value (personal data): category and place.
                reason: format!(
                    "{:?} error at line {} column {}",
                    e.classify(),
                    e.line(),
                    e.column()
                ),
            })
        })
    }

    /// The record's exact bytes, as the ledger stores and hashes them: serde_json's output of
    /// the record (LEDGER.md), written by a writer made for the record types.
    ///
    /// ```
    /// use fangkong::{Founding, Record, Registry};
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// for entry in reg.ledger().entries() {
    ///     let stored = entry.record_bytes().unwrap();
    ///     let record = Record::parse(stored)?;
    ///     assert_eq!(record.to_json(), stored);
    ///     assert_eq!(record.to_json(), serde_json::to_string(&record).unwrap());
    /// }
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        let bytes = crate::record_writer::record_json(self);
        // Every record any debug build writes is checked against serde_json's bytes.
        debug_assert_eq!(
            Some(bytes.as_str()),
            serde_json::to_string(self).ok().as_deref(),
            "the record writer must write serde_json's bytes"
        );
        bytes
    }

    /// The record's exact bytes, as the ledger stores and hashes them.
    pub(crate) fn to_bytes(&self) -> String {
        debug_assert_eq!(self.schema, SCHEMA_VERSION);
        self.to_json()
    }
}

impl Ledger {
    /// The records held, first to last, read from their bytes.
    ///
    /// # Errors
    /// [`LedgerError::LedgerUnreadable`] for a record that cannot be read, naming its line;
    /// [`LedgerError::RecordRedacted`] for a redacted one.
    pub fn records(&self) -> impl Iterator<Item = Result<Record, Error>> + '_ {
        let base = self.base().seq;
        self.entries()
            .enumerate()
            .map(move |(i, e)| match e.record_bytes() {
                None => Err(Error::Ledger(LedgerError::RecordRedacted {
                    seq: base + i as u64 + 1,
                    what: "read",
                })),
                Some(bytes) => Record::parse(bytes).map_err(|err| match err {
                    Error::Ledger(LedgerError::RecordUnreadable { reason }) => {
                        Error::Ledger(LedgerError::LedgerUnreadable {
                            line: i + 1,
                            reason,
                        })
                    }
                    other => other,
                }),
            })
    }
}

/// The most characters a text of a refused attempt keeps: one more than the longest text any
/// command accepts ([`limits::NOTE_MAX_CHARS`](crate::limits::NOTE_MAX_CHARS)), so that a text
/// cut to it is still refused as too long when replay decides the attempt again, and a 10 MB
/// name refused does not put 10 MB into the ledger.
pub(crate) const REFUSED_TEXT_MAX_CHARS: usize = crate::limits::NOTE_MAX_CHARS + 1;

/// `text` cut to [`REFUSED_TEXT_MAX_CHARS`] characters, the last one `…` when cut.
fn cut_long(text: String) -> String {
    match text.char_indices().nth(REFUSED_TEXT_MAX_CHARS - 1) {
        Some((end, _)) if text[end..].chars().nth(1).is_some() => {
            let mut out = text[..end].to_owned();
            out.push('…');
            out
        }
        _ => text,
    }
}

/// A command as structured JSON with identity numbers and phones masked: in every text, and a
/// number too large to be an id or a count (above `u32::MAX`, where a phone or an identity
/// number written as a number would be) becomes its masked text. Texts longer than
/// [`REFUSED_TEXT_MAX_CHARS`] are cut to it.
pub(crate) fn masked_json(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    const LARGEST: f64 = u32::MAX as f64;
    match value {
        // Masked, cut, and masked again: a number the cut splits stays masked, and masking
        // the result again changes nothing (replay checks that).
        Value::String(s) => Value::String(mask_personal_data(&cut_long(mask_personal_data(&s)))),
        Value::Number(n) if n.as_f64().is_some_and(|f| f.abs() > LARGEST) => {
            Value::String(mask_personal_data(&n.to_string()))
        }
        Value::Array(items) => Value::Array(items.into_iter().map(masked_json).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| match v {
                    // A donor's name (supplies): surname + 某.
                    Value::String(name) if k == "donor" => {
                        let masked = Value::String(crate::mask::mask_name(&name));
                        (k, masked_json(masked))
                    }
                    v => (k, masked_json(v)),
                })
                .collect(),
        ),
        other => other,
    }
}
