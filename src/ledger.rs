//! The ledger (台账): records chained by SHA-256, format version 2 (LEDGER.md).
//!
//! The ledger chains **records**: JSON texts that start `{"seq":N,"schema":2,`. It knows no
//! event type; what a record says is the registry's business. Each record's bytes are produced
//! once, when the entry is appended, and kept and written **byte for byte**.
//!
//! # What is hashed
//!
//! ```text
//! digest = SHA-256( record bytes )
//! hash   = SHA-256( "fangkong-ledger-v2\n" ‖ prev ‖ digest )
//! ```
//!
//! where `prev` is the 32-byte hash of the previous entry (32 zero bytes for the first entry)
//! and `‖` is concatenation. Because the chain covers each record's digest, not its bytes:
//!
//! - an entry is proved to belong to a later head with digests alone ([`Ledger::proof`]), never
//!   another person's record;
//! - a record can be **redacted** (its bytes removed when personal data must be deleted,
//!   PIPL art. 47), leaving its digest, and the chain still verifies ([`Ledger::redact`]).
//!
//! A JSON Lines file holds one entry per line, exactly
//!
//! ```text
//! {"prev":"<64 hex>","hash":"<64 hex>","record":<record bytes>}
//! {"prev":"<64 hex>","hash":"<64 hex>","digest":"<64 hex>","redacted":true}
//! ```
//!
//! so reading a file back recovers the exact bytes that were hashed. A third party verifies a
//! file with nothing but SHA-256.
//!
//! # What verification proves
//!
//! [`Ledger::verify`] recomputes every digest and hash and checks the sequence numbers and the
//! chain: a change to any byte of an entry, and any entry removed, inserted or moved, is
//! reported at the first entry concerned. Someone who rewrites the whole tail of the file and
//! recomputes every hash can only be caught by comparing with a [`Head`] kept elsewhere (carried
//! by the daily report, say): [`Ledger::verify_against`] and [`Ledger::verify_heads`] do that.

use std::fmt;
use std::io::{self, BufRead, Write};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::Error;
use crate::chunked::Chunked;
use crate::error::Tampering;
use crate::hash::{Hash, Head};

/// The ledger format version written and read by this release (LEDGER.md).
pub const SCHEMA_VERSION: u32 = 2;

const DOMAIN_TAG: &[u8] = b"fangkong-ledger-v2\n";

/// One entry of the ledger: its record's exact bytes (unless redacted), the record's digest,
/// the previous hash and its own hash.
#[derive(Clone, PartialEq, Eq)]
pub struct Entry {
    prev: Hash,
    hash: Hash,
    digest: Hash,
    bytes: Option<Box<str>>,
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

    /// The SHA-256 of the record's bytes, as stored (recomputed from the bytes when a file is
    /// read, kept alone when the record was redacted).
    pub fn digest(&self) -> Hash {
        self.digest
    }

    /// The exact bytes of the record, or `None` if the record was redacted.
    pub fn record_bytes(&self) -> Option<&str> {
        self.bytes.as_deref()
    }

    /// Whether the record was redacted: its bytes removed, its digest kept.
    pub fn is_redacted(&self) -> bool {
        self.bytes.is_none()
    }

    /// The entry as one JSON line, without the newline.
    pub fn to_json_line(&self) -> String {
        let mut out = Vec::with_capacity(self.bytes.as_ref().map_or(0, |b| b.len()) + 160);
        self.write_line(&mut out)
            .expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("entries are UTF-8")
    }

    fn write_line(&self, w: &mut impl Write) -> io::Result<()> {
        match &self.bytes {
            Some(b) => write!(
                w,
                "{{\"prev\":\"{}\",\"hash\":\"{}\",\"record\":{}}}",
                self.prev, self.hash, b
            ),
            None => write!(
                w,
                "{{\"prev\":\"{}\",\"hash\":\"{}\",\"digest\":\"{}\",\"redacted\":true}}",
                self.prev, self.hash, self.digest
            ),
        }
    }

    /// The sequence number the record claims, even if the rest of it cannot be read.
    fn claimed_seq(&self) -> Option<u64> {
        claimed_seq(self.bytes.as_deref()?)
    }

    fn expected_hash(&self) -> Hash {
        chain_hash(&self.prev, &self.digest)
    }

    fn digest_holds(&self) -> bool {
        match &self.bytes {
            Some(b) => digest_of(b.as_bytes()) == self.digest,
            None => true,
        }
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The record holds personal data in full; Debug shows only its size and hashes.
        f.debug_struct("Entry")
            .field("prev", &self.prev)
            .field("hash", &self.hash)
            .field("digest", &self.digest)
            .field("record_bytes", &self.bytes.as_ref().map(|b| b.len()))
            .finish()
    }
}

/// The sequence number a record claims: records are written with `seq` first.
fn claimed_seq(bytes: &str) -> Option<u64> {
    let rest = bytes.strip_prefix("{\"seq\":")?;
    let end = rest.find(|c: char| !c.is_ascii_digit())?;
    if end > 0 && rest[end..].starts_with(',') {
        rest[..end].parse().ok()
    } else {
        None
    }
}

/// The format version a record claims: `{"seq":N,"schema":V,…`.
fn claimed_schema(bytes: &str) -> Option<u64> {
    let rest = bytes.strip_prefix("{\"seq\":")?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix(",\"schema\":")?;
    let end = rest.find(|c: char| !c.is_ascii_digit())?;
    rest[..end].parse().ok()
}

fn digest_of(bytes: &[u8]) -> Hash {
    Hash::from_bytes(Sha256::digest(bytes).into())
}

fn chain_hash(prev: &Hash, digest: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update(DOMAIN_TAG);
    h.update(prev.as_bytes());
    h.update(digest.as_bytes());
    Hash::from_bytes(h.finalize().into())
}

/// The proof that one entry belongs to a later head: the hash before it and the digests of it
/// and of every entry after it up to the head. It carries no record but the one proved (which
/// the holder supplies): no other person's data.
///
/// Check it with SHA-256 alone: start from `prev`; for each digest `d`,
/// `h = SHA-256("fangkong-ledger-v2\n" ‖ h ‖ d)`; the first digest must be the SHA-256 of the
/// record; the last `h` must be the head's hash.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, Deserialize)]
#[non_exhaustive]
pub struct Proof {
    /// The sequence number of the entry proved.
    pub seq: u64,
    /// The hash of the entry before it.
    pub prev: Hash,
    /// The digests of the entry proved and of every later entry up to the head, in order.
    pub digests: Vec<Hash>,
    /// The head the proof leads to.
    pub head: Head,
}

impl Proof {
    /// Checks that `record` (the entry's exact bytes) belongs to the head, and returns it.
    ///
    /// # Errors
    /// [`Error::ProofMismatch`] if the record's digest is not the first digest, or the chain of
    /// digests does not lead to the head.
    pub fn check(&self, record: &[u8]) -> Result<Head, Error> {
        let mismatch = || Error::ProofMismatch {
            seq: self.seq,
            head: self.head,
        };
        if self.digests.first() != Some(&digest_of(record)) {
            return Err(mismatch());
        }
        if self.seq.checked_add(self.digests.len() as u64 - 1) != Some(self.head.seq) {
            return Err(mismatch());
        }
        let h = self
            .digests
            .iter()
            .fold(self.prev, |h, d| chain_hash(&h, d));
        if h == self.head.hash {
            Ok(self.head)
        } else {
            Err(mismatch())
        }
    }
}

/// What [`Ledger::verify_report`] found in a ledger that verifies.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// The head of the verified ledger.
    pub head: Head,
    /// The sequence numbers of redacted entries: their records removed, their digests kept and
    /// verified (redacted, not altered).
    pub redacted: Vec<u64>,
}

/// The append-only, hash-chained ledger of a registry.
///
/// Read it with [`entries`](Ledger::entries); check it with [`verify`](Ledger::verify); store it
/// with [`write_jsonl`](Ledger::write_jsonl) or [`to_jsonl`](Ledger::to_jsonl) and read it back
/// with [`read_jsonl`](Ledger::read_jsonl) or [`from_jsonl`](Ledger::from_jsonl).
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
    #[serde(borrow, default)]
    record: Option<&'a serde_json::value::RawValue>,
    #[serde(default)]
    digest: Option<Hash>,
    #[serde(default)]
    redacted: bool,
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
        let index = seq.checked_sub(self.base.seq.checked_add(1)?)?;
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
                seq: self.base.seq.saturating_add(self.entries.len() as u64),
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

    /// Appends a record's bytes (which start `{"seq":N,"schema":2,` with N the next sequence
    /// number) and returns the new head.
    pub(crate) fn append(&mut self, record: String) -> Head {
        let prev = self.head().hash;
        let digest = digest_of(record.as_bytes());
        let hash = chain_hash(&prev, &digest);
        self.entries.push(Entry {
            prev,
            hash,
            digest,
            bytes: Some(record.into_boxed_str()),
        });
        self.head()
    }

    /// Redacts the record of entry `seq`: removes its bytes and keeps its digest, so the chain
    /// still verifies and the entry is reported as redacted, not altered. For personal data
    /// whose retention period has passed (DOMAIN.md §8). A redacted ledger no longer replays:
    /// keep the registry's state, or a replay made before redaction.
    ///
    /// # Errors
    /// [`Error::EntryNotHeld`] if the entry is not in this ledger.
    pub fn redact(&mut self, seq: u64) -> Result<(), Error> {
        let (first, last) = (self.base.seq.saturating_add(1), self.head().seq);
        let index = seq
            .checked_sub(self.base.seq.saturating_add(1))
            .and_then(|i| usize::try_from(i).ok())
            .filter(|i| *i < self.entries.len())
            .ok_or(Error::EntryNotHeld { seq, first, last })?;
        if let Some(e) = self.entries.get_mut(index) {
            e.bytes = None;
        }
        Ok(())
    }

    /// The proof that entry `seq` belongs to this ledger's head, from digests alone.
    ///
    /// # Errors
    /// [`Error::EntryNotHeld`] if the entry is not in this ledger.
    pub fn proof(&self, seq: u64) -> Result<Proof, Error> {
        self.proof_to(seq, self.head().seq)
    }

    /// The proof that entry `seq` belongs to the head at entry `head_seq` (the head of the end
    /// of its day, say), from digests alone.
    ///
    /// # Errors
    /// [`Error::EntryNotHeld`] if either entry is not in this ledger, or `head_seq < seq`.
    pub fn proof_to(&self, seq: u64, head_seq: u64) -> Result<Proof, Error> {
        let (first, last) = (self.base.seq.saturating_add(1), self.head().seq);
        let not_held = |seq| Error::EntryNotHeld { seq, first, last };
        let entry = self.entry(seq).ok_or_else(|| not_held(seq))?;
        let head_entry = self
            .entry(head_seq)
            .filter(|_| head_seq >= seq)
            .ok_or_else(|| not_held(head_seq))?;
        let start = (seq - first) as usize;
        let count = (head_seq - seq + 1) as usize;
        let digests = self
            .entries
            .iter_from(start)
            .take(count)
            .map(|e| e.digest)
            .collect();
        Ok(Proof {
            seq,
            prev: entry.prev,
            digests,
            head: Head {
                seq: head_seq,
                hash: head_entry.hash,
            },
        })
    }

    /// Checks every entry and the chain between them.
    ///
    /// Returns the [`Head`] of the verified ledger.
    ///
    /// # Errors
    /// [`Error::LedgerTampered`] naming the first entry (1-based position, and the sequence
    /// number it carries) that was altered, removed, inserted or reordered.
    pub fn verify(&self) -> Result<Head, Error> {
        self.verify_report().map(|v| v.head)
    }

    /// Checks the ledger as [`verify`](Ledger::verify) does, and lists the redacted entries.
    ///
    /// # Errors
    /// As [`verify`](Ledger::verify).
    pub fn verify_report(&self) -> Result<Verified, Error> {
        let mut prev = self.base.hash;
        let mut redacted = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let position = i + 1;
            let expected_seq = self.base.seq.saturating_add(position as u64);
            let tampered =
                |position: usize, problem: Tampering, seq: Option<u64>| Error::LedgerTampered {
                    position,
                    seq,
                    problem,
                };
            if !entry.digest_holds() || entry.expected_hash() != entry.hash {
                return Err(tampered(position, Tampering::Altered, entry.claimed_seq()));
            }
            let seq = match &entry.bytes {
                // The hash holds, so these are the bytes that were written: a record without a
                // sequence number was written by something else, not altered.
                Some(_) => entry.claimed_seq().ok_or_else(|| Error::LedgerUnreadable {
                    line: position,
                    reason: "the record has no sequence number".to_owned(),
                })?,
                None => {
                    redacted.push(expected_seq);
                    expected_seq
                }
            };
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
        Ok(Verified {
            head: self.head(),
            redacted,
        })
    }

    /// Verifies the ledger, and that it reaches `anchor` with the same hash there.
    ///
    /// # Errors
    /// As [`verify`](Ledger::verify), and [`Error::LedgerTampered`] with
    /// [`Tampering::HeadMismatch`] if the ledger is shorter than the anchor or its entry at
    /// the anchor's sequence number has another hash.
    pub fn verify_against(&self, anchor: Head) -> Result<Head, Error> {
        let head = self.verify()?;
        self.check_head(anchor)?;
        Ok(head)
    }

    /// Verifies the ledger against heads kept elsewhere (the heads of the end of each day that
    /// the daily reports carried to the county, say). Someone who rewrote the tail and
    /// recomputed every hash is caught at the first head that differs.
    ///
    /// # Errors
    /// As [`verify_against`](Ledger::verify_against), for the first head (in the order given)
    /// that the ledger does not reach with the same hash.
    pub fn verify_heads(&self, heads: &[Head]) -> Result<Head, Error> {
        let head = self.verify()?;
        for anchor in heads {
            self.check_head(*anchor)?;
        }
        Ok(head)
    }

    fn check_head(&self, anchor: Head) -> Result<(), Error> {
        let matches = if anchor.seq == self.base.seq {
            anchor.hash == self.base.hash
        } else {
            self.entry(anchor.seq)
                .is_some_and(|e| e.hash == anchor.hash)
        };
        if matches {
            Ok(())
        } else {
            let position = anchor.seq.saturating_sub(self.base.seq);
            let position = usize::try_from(position).unwrap_or(usize::MAX);
            Err(Error::LedgerTampered {
                position: position.min(self.entries.len() + 1),
                seq: Some(anchor.seq),
                problem: Tampering::HeadMismatch { expected: anchor },
            })
        }
    }

    /// Writes the ledger as JSON Lines, entry by entry: one entry per line, each line ending in
    /// `\n`.
    ///
    /// # Errors
    /// What the writer returns.
    pub fn write_jsonl(&self, mut w: impl Write) -> io::Result<()> {
        for e in self.entries.iter() {
            e.write_line(&mut w)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    }

    /// The whole ledger as JSON Lines: one entry per line, each line ending in `\n`.
    pub fn to_jsonl(&self) -> String {
        let mut out = Vec::with_capacity(
            self.entries
                .iter()
                .map(|e| e.bytes.as_ref().map_or(0, |b| b.len()) + 160)
                .sum(),
        );
        self.write_jsonl(&mut out)
            .expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("entries are UTF-8")
    }

    /// Reads a ledger written by [`to_jsonl`](Ledger::to_jsonl).
    ///
    /// The entries are read as stored, not verified: call [`verify`](Ledger::verify) (or
    /// [`Registry::replay`](crate::Registry::replay), which verifies) to check them. A last
    /// line without its end of line that cannot be read is a [`Cut`]: everything before it is
    /// loaded and the cut is reported in [`Loaded::cut`]. Blank lines and a byte-order mark
    /// are ignored.
    ///
    /// # Errors
    /// [`Error::LedgerUnreadable`] naming the line, when a line other than an incomplete last
    /// one is not an entry; [`Error::UnsupportedLedgerVersion`] for a record of another format
    /// version (version 1 files are refused).
    pub fn from_jsonl(text: &str) -> Result<Loaded, Error> {
        Ledger::from_jsonl_bytes(text.as_bytes())
    }

    /// Reads a ledger from the bytes of a JSON Lines file, as
    /// [`from_jsonl`](Ledger::from_jsonl) does; a file cut inside a multi-byte character of
    /// its last line is a [`Cut`] too.
    ///
    /// # Errors
    /// As [`from_jsonl`](Ledger::from_jsonl).
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
    /// As [`from_jsonl`](Ledger::from_jsonl).
    pub fn from_jsonl_after(base: Head, bytes: &[u8]) -> Result<Loaded, Error> {
        Ledger::read_jsonl_after(base, bytes).map_err(|e| e.into_error())
    }

    /// Reads a ledger from any reader, line by line, so a city's ledger never sits whole in
    /// one `String`. As [`from_jsonl`](Ledger::from_jsonl) otherwise.
    ///
    /// # Errors
    /// As [`from_jsonl`](Ledger::from_jsonl), and [`Error::LedgerUnreadable`] (line 0) for a
    /// reader's own failure.
    pub fn read_jsonl(reader: impl BufRead) -> Result<Loaded, Error> {
        Ledger::read_jsonl_after(Head::default(), reader).map_err(|e| e.into_error())
    }

    /// Reads a part of a ledger that follows `base` from any reader, as
    /// [`from_jsonl_after`](Ledger::from_jsonl_after) does.
    ///
    /// # Errors
    /// As [`read_jsonl`](Ledger::read_jsonl).
    pub fn read_jsonl_part(base: Head, reader: impl BufRead) -> Result<Loaded, Error> {
        Ledger::read_jsonl_after(base, reader).map_err(|e| e.into_error())
    }

    fn read_jsonl_after(base: Head, mut reader: impl BufRead) -> Result<Loaded, ReadError> {
        let mut entries = Chunked::default();
        let mut line = Vec::new();
        let mut number = 0usize;
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| ReadError::Io(e.to_string()))?;
            if n == 0 {
                break;
            }
            number += 1;
            let complete = line.ends_with(b"\n");
            let mut raw: &[u8] = &line;
            if complete {
                raw = &raw[..raw.len() - 1];
            }
            if number == 1 {
                raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
            }
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match parse_line(raw, number, entries.is_empty()) {
                Ok(entry) => entries.push(entry),
                Err(err) if !complete => {
                    // A last line without its end of line: a write cut short. If an intact entry
                    // is followed by a damaged end of line, keep the entry and report the rest.
                    if let Some(end) = raw.iter().rposition(|b| *b == b'}')
                        && let Ok(entry) = parse_line(&raw[..=end], number, entries.is_empty())
                    {
                        entries.push(entry);
                        if end + 1 == raw.len() {
                            break;
                        }
                    }
                    if matches!(err, Error::UnsupportedLedgerVersion { .. }) {
                        return Err(ReadError::Domain(err));
                    }
                    return Ok(Loaded {
                        ledger: Ledger { base, entries },
                        cut: Some(Cut {
                            line: number,
                            bytes: line.len(),
                        }),
                    });
                }
                Err(err) => return Err(ReadError::Domain(err)),
            }
        }
        Ok(Loaded {
            ledger: Ledger { base, entries },
            cut: None,
        })
    }
}

enum ReadError {
    Io(String),
    Domain(Error),
}

impl ReadError {
    fn into_error(self) -> Error {
        match self {
            ReadError::Io(reason) => Error::LedgerUnreadable { line: 0, reason },
            ReadError::Domain(e) => e,
        }
    }
}

/// Reads one stored line. The first entry's format version is checked here (a file of another
/// version is refused with a version error); a later entry whose version differs was altered,
/// which verification reports.
fn parse_line(raw: &[u8], line: usize, first: bool) -> Result<Entry, Error> {
    let unreadable = |reason: String| Error::LedgerUnreadable { line, reason };
    let text = std::str::from_utf8(raw).map_err(|e| unreadable(e.to_string()))?;
    let stored: StoredLine<'_> = serde_json::from_str(text).map_err(|e| {
        // serde's message may quote the stored value: give its category and place only.
        unreadable(format!(
            "not a ledger entry ({:?} error at column {})",
            e.classify(),
            e.column()
        ))
    })?;
    match (stored.record, stored.digest, stored.redacted) {
        (Some(record), None, false) => {
            let bytes = record.get();
            match claimed_schema(bytes) {
                Some(v) if v == u64::from(SCHEMA_VERSION) => {}
                Some(found) if first => {
                    return Err(Error::UnsupportedLedgerVersion {
                        line,
                        found,
                        supported: SCHEMA_VERSION,
                    });
                }
                // Left to verification, which names an altered entry.
                _ => {}
            }
            Ok(Entry {
                prev: stored.prev,
                hash: stored.hash,
                digest: digest_of(bytes.as_bytes()),
                bytes: Some(bytes.into()),
            })
        }
        (None, Some(digest), true) => Ok(Entry {
            prev: stored.prev,
            hash: stored.hash,
            digest,
            bytes: None,
        }),
        _ => Err(unreadable(
            "an entry holds either a record, or a digest with \"redacted\":true".to_owned(),
        )),
    }
}
