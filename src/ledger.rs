//! The ledger (台账): every accepted event and every refused command, chained by SHA-256.
//!
//! # What is hashed
//!
//! Each entry stores a **record**, `{"seq":…,"schema":…,"at":…,"actor":…,"body":…}`, as JSON
//! text. That text is produced once, when the entry is appended, and from then on it is kept
//! and written **byte for byte**; it is never re-serialized. The entry's hash is
//!
//! ```text
//! hash = SHA-256( "fangkong-ledger-v1\n" ‖ prev ‖ record bytes )
//! ```
//!
//! where `prev` is the 32-byte hash of the previous entry (32 zero bytes for the first entry)
//! and `‖` is concatenation. A JSON Lines file holds one entry per line, exactly
//!
//! ```text
//! {"prev":"<64 hex>","hash":"<64 hex>","record":<record bytes>}
//! ```
//!
//! so reading a file back recovers the exact bytes that were hashed. The schema version
//! ([`SCHEMA_VERSION`]) inside each record says how to read its body.
//!
//! # What verification proves
//!
//! [`Ledger::verify`] recomputes every hash and checks the sequence numbers and the chain: a
//! change to any byte of an entry, and any entry removed, inserted or moved, is reported at the
//! first entry concerned. Someone who rewrites the whole tail of the file and recomputes every
//! hash can only be caught by comparing with a [`Head`] kept elsewhere (printed in the daily
//! report, say): [`Ledger::verify_against`] does that, and it is also how a removed last entry
//! is detected.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::chunked::Chunked;
use crate::event::Event;
use crate::{Error, Instant, StaffId};

/// The version of the record format written by this release.
pub const SCHEMA_VERSION: u32 = 1;

const DOMAIN_TAG: &[u8] = b"fangkong-ledger-v1\n";

/// A SHA-256 hash, printed as 64 lowercase hex digits.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hash([u8; 32]);

impl Hash {
    /// The hash that precedes the first entry: 32 zero bytes.
    pub const GENESIS: Hash = Hash([0; 32]);

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn parse_hex(s: &str) -> Option<Hash> {
        if s.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(Hash(out))
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({self})")
    }
}

impl std::str::FromStr for Hash {
    type Err = Error;
    fn from_str(s: &str) -> Result<Hash, Error> {
        Hash::parse_hex(s).ok_or_else(|| Error::InvalidHash {
            input: s.chars().take(80).collect(),
        })
    }
}

impl Serialize for Hash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hash {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Hash, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
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
    /// A refused command: who tried what, and why it was refused. Domain state is unchanged.
    Refused {
        /// The command as it was given, written out with identity numbers and phones masked
        /// (a refused command's personal data is not kept: PIPL's minimum necessary).
        attempt: String,
        /// Why it was refused, as the error said it (personal data masked).
        reason: String,
    },
}

/// One entry's record: the part of an entry that is hashed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Record {
    /// Position in the ledger, from 1.
    pub seq: u64,
    /// The record format version ([`SCHEMA_VERSION`] when written by this release).
    pub schema: u32,
    /// When it happened, as the command said.
    pub at: Instant,
    /// Who did it (or tried to).
    pub actor: StaffId,
    /// What was recorded.
    pub body: Body,
}

/// One entry of the ledger: its record's exact bytes, the previous hash and its own hash.
#[derive(Clone, PartialEq, Eq)]
pub struct Entry {
    prev: Hash,
    hash: Hash,
    bytes: Box<str>,
}

impl Entry {
    /// The hash of the previous entry, as stored.
    pub fn prev(&self) -> Hash {
        self.prev
    }

    /// This entry's hash, as stored.
    pub fn hash(&self) -> Hash {
        self.hash
    }

    /// The exact bytes of the record that were hashed.
    pub fn record_bytes(&self) -> &str {
        &self.bytes
    }

    /// The record, read from its bytes.
    ///
    /// # Errors
    /// [`Error::LedgerUnreadable`] if the bytes are not a record of a known schema (which
    /// [`Ledger::verify`] reports as an altered entry when the hash does not match either).
    pub fn record(&self) -> Result<Record, Error> {
        serde_json::from_str(&self.bytes).map_err(|e| Error::RecordUnreadable {
            reason: e.to_string(),
        })
    }

    /// The entry as one JSON line, without the newline.
    pub fn to_json_line(&self) -> String {
        format!(
            "{{\"prev\":\"{}\",\"hash\":\"{}\",\"record\":{}}}",
            self.prev, self.hash, self.bytes
        )
    }

    /// The sequence number the record claims, even if the rest of it cannot be read.
    fn claimed_seq(&self) -> Option<u64> {
        // Records are written with `seq` first: read it without parsing the whole record.
        if let Some(rest) = self.bytes.strip_prefix("{\"seq\":") {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            if end > 0 && rest[end..].starts_with(',') {
                return rest[..end].parse().ok();
            }
        }
        #[derive(Deserialize)]
        struct SeqOnly {
            seq: u64,
        }
        serde_json::from_str::<SeqOnly>(&self.bytes)
            .ok()
            .map(|s| s.seq)
    }

    fn expected_hash(&self) -> Hash {
        chain_hash(&self.prev, self.bytes.as_bytes())
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The record holds personal data in full; Debug shows only its size and hashes.
        f.debug_struct("Entry")
            .field("prev", &self.prev)
            .field("hash", &self.hash)
            .field("record_bytes", &self.bytes.len())
            .finish()
    }
}

fn chain_hash(prev: &Hash, record: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update(DOMAIN_TAG);
    h.update(prev.0);
    h.update(record);
    Hash(h.finalize().into())
}

/// The last entry of a ledger: its sequence number and hash. Keep it somewhere else (a daily
/// report, a printed page) to prove later that nothing was cut or rewritten.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// The number of entries.
    pub seq: u64,
    /// The last entry's hash ([`Hash::GENESIS`] for an empty ledger).
    pub hash: Hash,
}

/// What is wrong with a ledger, at the first entry where something is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Tampering {
    /// The entry's bytes, previous hash or hash were changed after it was written.
    Altered,
    /// Entries are missing before this one (`first..=last` by sequence number).
    Removed {
        /// The first missing sequence number.
        first: u64,
        /// The last missing sequence number.
        last: u64,
    },
    /// This entry's sequence number was already used by an earlier entry.
    Inserted,
    /// This entry stands out of order: it carries sequence number `found`, which belongs later.
    Reordered {
        /// The sequence number found at this position.
        found: u64,
    },
    /// The first entry does not start the chain: entries before it were removed.
    BrokenChain,
    /// The entry was changed and its hash recomputed: the entry after it still names the
    /// original hash.
    Rehashed,
    /// The ledger ends before, or differs at, an anchored head.
    HeadMismatch {
        /// The anchored head.
        expected: Head,
    },
}

impl fmt::Display for Tampering {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tampering::Altered => f.write_str(
                "its contents do not match its hash: it was changed after it was written",
            ),
            Tampering::Removed { first, last } if first == last => {
                write!(f, "entry {first} before it is missing: it was removed")
            }
            Tampering::Removed { first, last } => {
                write!(
                    f,
                    "entries {first} to {last} before it are missing: they were removed"
                )
            }
            Tampering::Inserted => {
                f.write_str("its sequence number was already used: it was inserted or copied")
            }
            Tampering::Reordered { found } => write!(
                f,
                "it carries sequence number {found}, which belongs later: entries were reordered"
            ),
            Tampering::BrokenChain => f.write_str(
                "it does not start the chain: the entries before it were removed",
            ),
            Tampering::Rehashed => f.write_str(
                "it was changed and its hash recomputed: the entry after it still names its original hash",
            ),
            Tampering::HeadMismatch { expected } => write!(
                f,
                "the anchored head says entry {} has hash {}: the ledger was cut or rewritten",
                expected.seq, expected.hash
            ),
        }
    }
}

/// The append-only, hash-chained ledger of a registry.
///
/// Read it with [`entries`](Ledger::entries); check it with [`verify`](Ledger::verify); store it
/// with [`to_jsonl`](Ledger::to_jsonl) and read it back with [`from_jsonl`](Ledger::from_jsonl).
///
/// A ledger may hold only the entries after a [`base`](Ledger::base): a registry that hands its
/// entries to storage as it goes ([`Registry::drain_ledger`](crate::Registry::drain_ledger))
/// keeps only the head to chain the next entry to, and each drained part verifies on its own
/// from its base.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    base: Head,
    entries: Chunked<Entry>,
}

/// A ledger read from JSON Lines, with what was cut off its end, if anything.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Loaded {
    /// Every complete entry before the cut.
    pub ledger: Ledger,
    /// The incomplete last line, if the file was cut in the middle of it.
    pub cut: Option<Cut>,
}

/// An incomplete last line of a JSON Lines ledger (a write interrupted by a power cut, say).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Cut {
    /// The 1-based line number of the incomplete line.
    pub line: usize,
    /// How many bytes it has.
    pub bytes: usize,
}

impl fmt::Display for Cut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {} is incomplete ({} bytes, no end of line): the file was cut while it was being written; everything before it was loaded",
            self.line, self.bytes
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredLine<'a> {
    prev: Hash,
    hash: Hash,
    #[serde(borrow)]
    record: &'a serde_json::value::RawValue,
}

impl Ledger {
    /// An empty ledger.
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// The number of entries held (after the [`base`](Ledger::base)).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no entries are held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries held, first to last.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.entries.iter()
    }

    /// The last entry held.
    pub fn last_entry(&self) -> Option<&Entry> {
        self.entries.last()
    }

    /// The entry with sequence number `seq`, if held.
    pub fn entry(&self, seq: u64) -> Option<&Entry> {
        let index = seq.checked_sub(self.base.seq + 1)?;
        self.entries.get(usize::try_from(index).ok()?)
    }

    /// What the held entries follow: the head of the entries before them (sequence number 0 and
    /// [`Hash::GENESIS`] for a ledger that starts at the beginning).
    pub fn base(&self) -> Head {
        self.base
    }

    /// The head: the sequence number and hash of the last entry (or the base, if none is held).
    pub fn head(&self) -> Head {
        match self.entries.last() {
            Some(e) => Head {
                seq: self.base.seq + self.entries.len() as u64,
                hash: e.hash,
            },
            None => self.base,
        }
    }

    /// Takes the entries held out of this ledger, as a ledger of their own (to be stored), and
    /// keeps only the head, so that the next entry still chains to the last one taken.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let first = reg.drain_ledger();
    /// assert_eq!((first.len(), reg.ledger().len()), (3, 0));
    /// assert_eq!(reg.ledger().base(), first.head());
    /// first.verify()?;
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn drain(&mut self) -> Ledger {
        let taken = Ledger {
            base: self.base,
            entries: std::mem::take(&mut self.entries),
        };
        self.base = taken.head();
        taken
    }

    /// Appends a record for `body` and returns its sequence number.
    pub(crate) fn append(&mut self, at: Instant, actor: StaffId, body: Body) -> u64 {
        let seq = self.head().seq + 1;
        let record = Record {
            seq,
            schema: SCHEMA_VERSION,
            at,
            actor,
            body,
        };
        // Our records hold no maps with non-string keys and no serializer that can fail, so
        // this cannot fail; hashing an empty record instead would break the ledger silently.
        let bytes = serde_json::to_string(&record).expect("ledger records always serialize");
        let prev = self.head().hash;
        let hash = chain_hash(&prev, bytes.as_bytes());
        self.entries.push(Entry {
            prev,
            hash,
            bytes: bytes.into_boxed_str(),
        });
        seq
    }

    /// Checks every entry and the chain between them.
    ///
    /// Returns the [`Head`] of the verified ledger.
    ///
    /// # Errors
    /// [`Error::LedgerTampered`] naming the first entry (1-based position, and the sequence
    /// number it carries) that was altered, removed, inserted or reordered.
    pub fn verify(&self) -> Result<Head, Error> {
        let mut prev = self.base.hash;
        for (i, entry) in self.entries.iter().enumerate() {
            let position = i + 1;
            let expected_seq = self.base.seq + position as u64;
            let tampered =
                |position: usize, problem: Tampering, seq: Option<u64>| Error::LedgerTampered {
                    position,
                    seq,
                    problem,
                };
            if entry.expected_hash() != entry.hash {
                return Err(tampered(position, Tampering::Altered, entry.claimed_seq()));
            }
            // The hash holds, so these are the bytes that were written: a record without a
            // sequence number was written by something else, not altered.
            let seq = entry.claimed_seq().ok_or_else(|| Error::LedgerUnreadable {
                line: position,
                reason: "the record has no sequence number".to_owned(),
            })?;
            if seq > expected_seq {
                let later = self
                    .entries
                    .iter_from(position)
                    .any(|e| e.claimed_seq() == Some(expected_seq));
                let problem = if later {
                    Tampering::Reordered { found: seq }
                } else {
                    Tampering::Removed {
                        first: expected_seq,
                        last: seq - 1,
                    }
                };
                return Err(tampered(position, problem, Some(seq)));
            }
            if seq < expected_seq {
                // A sequence number used twice. If this entry follows the one two places back,
                // the entry just before it is the one that does not belong (an exact copy has
                // its original's hash: then this one, the later, is named).
                if i >= 2
                    && let (Some(before), Some(two_back)) =
                        (self.entries.get(i - 1), self.entries.get(i - 2))
                    && before.hash != entry.hash
                    && two_back.hash == entry.prev
                {
                    return Err(tampered(
                        position - 1,
                        Tampering::Inserted,
                        before.claimed_seq(),
                    ));
                }
                return Err(tampered(position, Tampering::Inserted, Some(seq)));
            }
            if entry.prev != prev {
                if i == 0 {
                    return Err(tampered(position, Tampering::BrokenChain, Some(seq)));
                }
                // This entry is intact and in its place, but names another hash for the entry
                // before it: that one was changed and its hash recomputed.
                let seq_before = self.entries.get(i - 1).and_then(Entry::claimed_seq);
                return Err(tampered(position - 1, Tampering::Rehashed, seq_before));
            }
            prev = entry.hash;
        }
        Ok(self.head())
    }

    /// Verifies the ledger, and that it reaches `anchor` with the same hash there.
    ///
    /// # Errors
    /// As [`verify`](Ledger::verify), and [`Error::LedgerTampered`] with
    /// [`Tampering::HeadMismatch`] if the ledger is shorter than the anchor or its entry at
    /// the anchor's sequence number has another hash.
    pub fn verify_against(&self, anchor: Head) -> Result<Head, Error> {
        let head = self.verify()?;
        let matches = if anchor.seq == self.base.seq {
            anchor.hash == self.base.hash
        } else {
            self.entry(anchor.seq)
                .is_some_and(|e| e.hash == anchor.hash)
        };
        if matches {
            Ok(head)
        } else {
            let position = anchor.seq.saturating_sub(self.base.seq) as usize;
            Err(Error::LedgerTampered {
                position: position.min(self.entries.len() + 1),
                seq: Some(anchor.seq),
                problem: Tampering::HeadMismatch { expected: anchor },
            })
        }
    }

    /// The records, first to last, read from their bytes.
    ///
    /// # Errors
    /// [`Error::LedgerUnreadable`] for the first record that cannot be read.
    pub fn records(&self) -> impl Iterator<Item = Result<Record, Error>> + '_ {
        self.entries.iter().enumerate().map(|(i, e)| {
            e.record().map_err(|err| match err {
                Error::RecordUnreadable { reason } => Error::LedgerUnreadable {
                    line: i + 1,
                    reason,
                },
                other => other,
            })
        })
    }

    /// The whole ledger as JSON Lines: one entry per line, each line ending in `\n`.
    pub fn to_jsonl(&self) -> String {
        let mut out = String::with_capacity(self.entries.iter().map(|e| e.bytes.len() + 160).sum());
        for e in self.entries.iter() {
            out.push_str(&e.to_json_line());
            out.push('\n');
        }
        out
    }

    /// Reads a ledger written by [`to_jsonl`](Ledger::to_jsonl).
    ///
    /// The entries are read as stored, not verified: call [`verify`](Ledger::verify) (or
    /// [`Registry::replay`](crate::Registry::replay), which verifies) to check them. A last
    /// line without its end of line that cannot be read is a [`Cut`]: everything before it is
    /// loaded and the cut is reported in [`Loaded::cut`]. Blank lines are ignored.
    ///
    /// # Errors
    /// [`Error::LedgerUnreadable`] naming the line, when a line other than an incomplete last
    /// one is not an entry.
    pub fn from_jsonl(text: &str) -> Result<Loaded, Error> {
        Ledger::from_jsonl_bytes(text.as_bytes())
    }

    /// Reads a ledger from the bytes of a JSON Lines file, as
    /// [`from_jsonl`](Ledger::from_jsonl) does; a file cut inside a multi-byte character of
    /// its last line is a [`Cut`] too.
    ///
    /// # Errors
    /// [`Error::LedgerUnreadable`] naming the line, when a line other than an incomplete last
    /// one is not UTF-8 or not an entry.
    pub fn from_jsonl_bytes(bytes: &[u8]) -> Result<Loaded, Error> {
        Ledger::from_jsonl_after(Head::default(), bytes)
    }

    /// Reads a part of a ledger that follows `base` (the head of the part before it, as
    /// [`drain`](Ledger::drain) leaves them), from the bytes of a JSON Lines file.
    ///
    /// The base is the caller's to give, never read from the file: a file whose first entries
    /// were removed must not verify.
    ///
    /// # Errors
    /// As [`from_jsonl_bytes`](Ledger::from_jsonl_bytes).
    pub fn from_jsonl_after(base: Head, bytes: &[u8]) -> Result<Loaded, Error> {
        let mut entries = Chunked::default();
        let mut cut = None;
        let ends_with_newline = bytes.ends_with(b"\n");
        let body = if ends_with_newline {
            &bytes[..bytes.len() - 1]
        } else {
            bytes
        };
        if body.is_empty() {
            return Ok(Loaded {
                ledger: Ledger { base, entries },
                cut,
            });
        }
        let count = body.split(|b| *b == b'\n').count();
        for (i, raw) in body.split(|b| *b == b'\n').enumerate() {
            let line = raw.strip_suffix(b"\r").unwrap_or(raw);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let parsed = std::str::from_utf8(line)
                .map_err(|e| e.to_string())
                .and_then(|l| serde_json::from_str::<StoredLine<'_>>(l).map_err(|e| e.to_string()));
            match parsed {
                Ok(stored) => entries.push(Entry {
                    prev: stored.prev,
                    hash: stored.hash,
                    bytes: stored.record.get().into(),
                }),
                Err(_) if i + 1 == count && !ends_with_newline => {
                    cut = Some(Cut {
                        line: i + 1,
                        bytes: raw.len(),
                    });
                }
                Err(reason) => {
                    return Err(Error::LedgerUnreadable {
                        line: i + 1,
                        reason,
                    });
                }
            }
        }
        Ok(Loaded {
            ledger: Ledger { base, entries },
            cut,
        })
    }
}
