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
//!
//! # The Merkle tree
//!
//! The entries are also the leaves of an RFC 9162 Merkle tree (默克尔树, [`MerkleTree`]), each
//! leaf the record's digest: an entry is proved to be in the ledger by an inclusion proof
//! (包含证明, [`InclusionProof`]) of about log₂(n) hashes, and a later ledger to extend a kept
//! tree head (树头, [`TreeHead`]) by a consistency proof (一致性证明, [`ConsistencyProof`]).
//! Trail exports and the county's check use them; the chain proofs ([`Ledger::proof`]) remain,
//! linear in the entries after the one proved. The tree is exactly RFC 9162 §2.1's
//! (LEDGER.md, "The Merkle tree"), so any transparency-log verifier checks its proofs:
//!
//! ```text
//! leaf     = the entry's record digest, SHA-256( record bytes ): 32 bytes
//! leaf hash = SHA-256( 0x00 ‖ leaf )
//! node hash = SHA-256( 0x01 ‖ left ‖ right )
//! MTH({})   = SHA-256( "" )
//! MTH(D[n]) = node hash( MTH(D[0:k]), MTH(D[k:n]) ), k the largest power of two below n
//! ```
//!
//! The leaf is the record's **digest**, which a redacted entry keeps: a redacted entry still
//! proves its inclusion, and whoever holds a record computes its leaf from the record alone.
//! [`MerkleTree`] keeps every complete subtree's hash (about two hashes per entry): appending
//! costs one leaf hash and, on average, one node hash (at most ⌈log₂ n⌉), and proofs for any
//! size the tree has had cost O(log n) lookups plus the hashes of the right-edge subtrees.

use std::fmt;
use std::io::{self, BufRead, Write};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::chunked::Chunked;

mod error;
mod fast;
mod kept;
pub(crate) mod merkle;
mod parallel;
mod walk;

pub use crate::hash::{Hash, Head, TreeHead};
pub use error::{LedgerError, Tampering};
pub use merkle::{ConsistencyProof, Holding, InclusionProof, MerkleTree, ProofError};
pub use parallel::Parallelism;
pub(crate) use parallel::map as parallel_map;
use walk::{Link, Stop, Walk};

pub use kept::{KeptHead, KeptHeadProblem};

/// The ledger format version written and read by this release (LEDGER.md).
pub const SCHEMA_VERSION: u32 = 5;

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
    /// [`LedgerError::ProofMismatch`] if the record's digest is not the first digest, or the chain of
    /// digests does not lead to the head.
    pub fn check(&self, record: &[u8]) -> Result<Head, LedgerError> {
        let mismatch = || LedgerError::ProofMismatch {
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
    /// The incomplete last line of a file verified with
    /// [`Ledger::verify_jsonl_keeping_cut`], if it was cut (everything before it verified);
    /// always `None` otherwise (the other reads refuse a cut file).
    pub cut: Option<Cut>,
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

/// A ledger read with [`Ledger::read_jsonl_keeping_cut`], with what was cut off its end, if
/// anything.
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

impl Cut {
    /// The error a read that does not keep cuts gives for this one.
    fn into_error(self) -> LedgerError {
        LedgerError::LedgerCut {
            line: self.line,
            bytes: self.bytes,
        }
    }
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

    /// The entries held, a chunk of contiguous entries at a time (for work done on threads).
    pub(crate) fn chunks(&self) -> impl Iterator<Item = &[Entry]> + '_ {
        self.entries.chunks()
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
        self.entries.push_whole(Entry {
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
    /// [`LedgerError::EntryNotHeld`] if the entry is not in this ledger.
    pub fn redact(&mut self, seq: u64) -> Result<(), LedgerError> {
        let (first, last) = (self.base.seq.saturating_add(1), self.head().seq);
        let index = seq
            .checked_sub(self.base.seq.saturating_add(1))
            .and_then(|i| usize::try_from(i).ok())
            .filter(|i| *i < self.entries.len())
            .ok_or(LedgerError::EntryNotHeld { seq, first, last })?;
        if let Some(e) = self.entries.get_mut(index) {
            e.bytes = None;
        }
        Ok(())
    }

    /// The proof that entry `seq` belongs to this ledger's head, from digests alone.
    ///
    /// # Errors
    /// [`LedgerError::EntryNotHeld`] if the entry is not in this ledger.
    pub fn proof(&self, seq: u64) -> Result<Proof, LedgerError> {
        self.proof_to(seq, self.head().seq)
    }

    /// The proof that entry `seq` belongs to the head at entry `head_seq` (the head of the end
    /// of its day, say), from digests alone.
    ///
    /// # Errors
    /// [`LedgerError::EntryNotHeld`] if either entry is not in this ledger, or `head_seq < seq`.
    pub fn proof_to(&self, seq: u64, head_seq: u64) -> Result<Proof, LedgerError> {
        let (first, last) = (self.base.seq.saturating_add(1), self.head().seq);
        let not_held = |seq| LedgerError::EntryNotHeld { seq, first, last };
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

    /// Checks every entry and the chain between them, computing the records' digests on
    /// [`Parallelism::default`] threads (every core).
    ///
    /// Returns the [`Head`] of the verified ledger.
    ///
    /// # Errors
    /// [`LedgerError::LedgerTampered`] naming the first entry (1-based position, and the sequence
    /// number it carries) that was altered, removed, inserted or reordered.
    pub fn verify(&self) -> Result<Head, LedgerError> {
        self.verify_with(Parallelism::default())
    }

    /// Checks the ledger as [`verify`](Ledger::verify) does, with the records' digests computed
    /// on at most `parallelism` threads. The chain is walked in order on the calling thread: the
    /// result is the same at any number of threads.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::ledger::Parallelism;
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let one = reg.ledger().verify_with(Parallelism::ONE)?;
    /// assert_eq!(reg.ledger().verify_with(Parallelism::new(4))?, one);
    /// assert_eq!(one, reg.ledger().head());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`verify`](Ledger::verify).
    pub fn verify_with(&self, parallelism: Parallelism) -> Result<Head, LedgerError> {
        self.verify_report_with(parallelism).map(|v| v.head)
    }

    /// Checks the ledger as [`verify`](Ledger::verify) does, and lists the redacted entries.
    ///
    /// # Errors
    /// As [`verify`](Ledger::verify).
    pub fn verify_report(&self) -> Result<Verified, LedgerError> {
        self.verify_report_with(Parallelism::default())
    }

    /// Checks the ledger as [`verify_with`](Ledger::verify_with) does, and lists the redacted
    /// entries.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::ledger::Parallelism;
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let mut ledger = reg.drain_ledger();
    /// ledger.redact(2)?;
    /// let report = ledger.verify_report_with(Parallelism::ONE)?;
    /// assert_eq!(report.redacted, vec![2]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`verify`](Ledger::verify).
    pub fn verify_report_with(&self, parallelism: Parallelism) -> Result<Verified, LedgerError> {
        let mut walk = Walk::new(self.base);
        for chunk in self.entries.chunks() {
            // The digests and hashes of a chunk on the threads; the chain in order, here.
            for link in parallel::map(chunk, parallelism, Link::of_entry) {
                match walk.step(&link) {
                    Ok(()) => {}
                    Err(Stop::Tampered(e)) => return Err(e),
                    Err(Stop::Ahead(ahead)) => {
                        let later = self
                            .entries
                            .iter_from(ahead.position)
                            .any(|e| e.claimed_seq() == Some(ahead.expected));
                        return Err(ahead.error(later));
                    }
                }
            }
        }
        Ok(walk.finish(None))
    }

    /// Verifies the ledger, and that it reaches `anchor` with the same hash there.
    ///
    /// # Errors
    /// As [`verify`](Ledger::verify), and [`LedgerError::LedgerTampered`] with
    /// [`Tampering::HeadMismatch`] if the ledger is shorter than the anchor or its entry at
    /// the anchor's sequence number has another hash.
    pub fn verify_against(&self, anchor: Head) -> Result<Head, LedgerError> {
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
    pub fn verify_heads(&self, heads: &[Head]) -> Result<Head, LedgerError> {
        let head = self.verify()?;
        for anchor in heads {
            self.check_head(*anchor)?;
        }
        Ok(head)
    }

    /// Whether the ledger holds `head`: its entry at `head.seq` (or its base) has that hash.
    pub(crate) fn holds_head(&self, head: Head) -> bool {
        self.check_head(head).is_ok()
    }

    fn check_head(&self, anchor: Head) -> Result<(), LedgerError> {
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
            Err(LedgerError::LedgerTampered {
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
    /// [`Registry::replay`](crate::Registry::replay), which verifies) to check them. Blank lines
    /// and a byte-order mark are ignored. A file whose last line was cut while it was being
    /// written is an error naming that line: nothing is loaded in silence. To keep the whole
    /// entries before a cut, ask for it by name with
    /// [`read_jsonl_keeping_cut`](Ledger::read_jsonl_keeping_cut).
    ///
    /// ```
    /// use fangkong::{Founding, Ledger, LedgerError, Registry};
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let file = reg.ledger().to_jsonl();
    /// assert_eq!(Ledger::from_jsonl(&file)?, *reg.ledger());
    /// // The same file cut in the middle of its last line is refused, naming the line
    /// let cut = &file[..file.len() - 10];
    /// let err = Ledger::from_jsonl(cut).unwrap_err();
    /// assert!(matches!(err, LedgerError::LedgerCut { line: 3, .. }));
    /// assert_eq!(err.code(), "ledger_cut");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`LedgerError::LedgerCut`] for a last line
    /// without its end of line that cannot be read;
    /// [`LedgerError::LedgerUnreadable`] naming
    /// the line, when another line is not an entry;
    /// [`LedgerError::UnsupportedLedgerVersion`]
    /// for a record of another format version.
    pub fn from_jsonl(text: &str) -> Result<Ledger, LedgerError> {
        Ledger::from_jsonl_bytes(text.as_bytes())
    }

    /// Reads a ledger from the bytes of a JSON Lines file, as
    /// [`from_jsonl`](Ledger::from_jsonl) does; a file cut inside a multi-byte character of
    /// its last line is cut too.
    ///
    /// # Errors
    /// As [`from_jsonl`](Ledger::from_jsonl).
    pub fn from_jsonl_bytes(bytes: &[u8]) -> Result<Ledger, LedgerError> {
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
    pub fn from_jsonl_after(base: Head, bytes: &[u8]) -> Result<Ledger, LedgerError> {
        Ledger::read_jsonl_part_with(base, bytes, Parallelism::default())
    }

    /// Reads a ledger from any reader, line by line, so a city's ledger never sits whole in
    /// one `String`. As [`from_jsonl`](Ledger::from_jsonl) otherwise.
    ///
    /// # Errors
    /// As [`from_jsonl`](Ledger::from_jsonl), and [`LedgerError::LedgerUnreadable`] (line 0) for a
    /// reader's own failure.
    pub fn read_jsonl(reader: impl BufRead) -> Result<Ledger, LedgerError> {
        Ledger::read_jsonl_with(reader, Parallelism::default())
    }

    /// Reads a part of a ledger that follows `base` from any reader, as
    /// [`from_jsonl_after`](Ledger::from_jsonl_after) does.
    ///
    /// # Errors
    /// As [`read_jsonl`](Ledger::read_jsonl).
    pub fn read_jsonl_part(base: Head, reader: impl BufRead) -> Result<Ledger, LedgerError> {
        Ledger::read_jsonl_part_with(base, reader, Parallelism::default())
    }

    /// Reads a ledger from any reader as [`read_jsonl`](Ledger::read_jsonl) does, reading
    /// lines in batches and each batch's entries (their records' digests included) on at most
    /// `parallelism` threads. The result is the same at any number of threads.
    ///
    /// ```
    /// use fangkong::{Founding, Ledger, Registry};
    /// use fangkong::ledger::Parallelism;
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let file = reg.ledger().to_jsonl();
    /// let ledger = Ledger::read_jsonl_with(file.as_bytes(), Parallelism::ONE)?;
    /// assert_eq!(ledger.head(), reg.ledger().head());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`read_jsonl`](Ledger::read_jsonl).
    pub fn read_jsonl_with(
        reader: impl BufRead,
        parallelism: Parallelism,
    ) -> Result<Ledger, LedgerError> {
        Ledger::read_jsonl_part_with(Head::default(), reader, parallelism)
    }

    /// Reads a part of a ledger that follows `base` from any reader, as
    /// [`read_jsonl_with`](Ledger::read_jsonl_with) does.
    ///
    /// ```
    /// use fangkong::{Founding, Ledger, Registry};
    /// use fangkong::ledger::Parallelism;
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let first = reg.drain_ledger();
    /// let leader = fangkong::StaffId::new(1);
    /// reg.enroll_staff(leader, t, "Wang", fangkong::Role::GridWorker, None)?;
    /// let part = reg.drain_ledger().to_jsonl();
    /// let ledger = Ledger::read_jsonl_part_with(first.head(), part.as_bytes(), Parallelism::ONE)?;
    /// assert_eq!(ledger.base(), first.head());
    /// assert_eq!(ledger.verify()?, reg.ledger().base());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`read_jsonl`](Ledger::read_jsonl).
    pub fn read_jsonl_part_with(
        base: Head,
        reader: impl BufRead,
        parallelism: Parallelism,
    ) -> Result<Ledger, LedgerError> {
        let loaded = Ledger::read_jsonl_keeping_cut(base, reader, parallelism)?;
        match loaded.cut {
            None => Ok(loaded.ledger),
            Some(cut) => Err(cut.into_error()),
        }
    }

    /// Reads a ledger (or the part of one that follows `base`; [`Head::default`] for a whole
    /// ledger) from any reader, **keeping the whole entries before a cut**: a last line
    /// without its end of line that cannot be read (a write interrupted by a power cut, say)
    /// is reported in [`Loaded::cut`] instead of refusing the file. A recovery tool's call:
    /// the other reads refuse a cut file.
    ///
    /// ```
    /// use fangkong::{Founding, Head, Ledger, Registry};
    /// use fangkong::ledger::Parallelism;
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let file = reg.ledger().to_jsonl();
    /// let cut = &file.as_bytes()[..file.len() - 10];
    /// let loaded = Ledger::read_jsonl_keeping_cut(Head::default(), cut, Parallelism::ONE)?;
    /// assert_eq!(loaded.ledger.len(), 2);
    /// assert_eq!(loaded.cut.map(|c| c.line), Some(3));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`read_jsonl`](Ledger::read_jsonl), except for the cut.
    pub fn read_jsonl_keeping_cut(
        base: Head,
        reader: impl BufRead,
        parallelism: Parallelism,
    ) -> Result<Loaded, LedgerError> {
        Ledger::read_jsonl_after(base, reader, parallelism).map_err(|e| e.into_error())
    }

    /// Verifies a ledger straight from a reader of its JSON Lines, without keeping it: the
    /// same result as [`read_jsonl`](Ledger::read_jsonl) followed by
    /// [`verify_report`](Ledger::verify_report). Lines are read in batches (memory stays
    /// bounded by a batch, about a megabyte), their records' digests computed on at most
    /// `parallelism` threads, and the chain walked in order. A cut last line is an error, as
    /// for reading; [`verify_jsonl_keeping_cut`](Ledger::verify_jsonl_keeping_cut) verifies
    /// the entries before it and reports the cut.
    ///
    /// ```
    /// use fangkong::{Founding, Ledger, Registry};
    /// use fangkong::ledger::Parallelism;
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let file = reg.ledger().to_jsonl();
    /// let verified = Ledger::verify_jsonl(file.as_bytes(), Parallelism::default())?;
    /// assert_eq!(verified.head, reg.ledger().head());
    /// assert_eq!(verified.cut, None);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`read_jsonl`](Ledger::read_jsonl) first (a line that cannot be read anywhere in the
    /// file, a cut), then as [`verify`](Ledger::verify).
    pub fn verify_jsonl(
        reader: impl BufRead,
        parallelism: Parallelism,
    ) -> Result<Verified, LedgerError> {
        Ledger::verify_jsonl_part(Head::default(), reader, parallelism)
    }

    /// Verifies a part of a ledger that follows `base` straight from a reader, as
    /// [`verify_jsonl`](Ledger::verify_jsonl) does. The base is the caller's (the head kept
    /// from the part before), never read from the file.
    ///
    /// ```
    /// use fangkong::{Founding, Ledger, Registry};
    /// use fangkong::ledger::Parallelism;
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let first = reg.drain_ledger();
    /// let leader = fangkong::StaffId::new(1);
    /// reg.enroll_staff(leader, t, "Wang", fangkong::Role::GridWorker, None)?;
    /// let part = reg.drain_ledger().to_jsonl();
    /// let verified = Ledger::verify_jsonl_part(first.head(), part.as_bytes(), Parallelism::ONE)?;
    /// assert_eq!(verified.head, reg.ledger().base());
    /// // Without the right base, the part does not verify.
    /// assert!(Ledger::verify_jsonl(part.as_bytes(), Parallelism::ONE).is_err());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`verify_jsonl`](Ledger::verify_jsonl).
    pub fn verify_jsonl_part(
        base: Head,
        reader: impl BufRead,
        parallelism: Parallelism,
    ) -> Result<Verified, LedgerError> {
        // As reading, then verifying: a cut is refused before anything the walk found.
        let (cut, walked) = Ledger::walk_jsonl(base, reader, parallelism)?;
        match cut {
            None => walked,
            Some(cut) => Err(cut.into_error()),
        }
    }

    /// Verifies a ledger (or the part of one that follows `base`) straight from a reader as
    /// [`verify_jsonl_part`](Ledger::verify_jsonl_part) does, **keeping the whole entries
    /// before a cut**: they are verified and the incomplete last line is reported in
    /// [`Verified::cut`].
    ///
    /// # Errors
    /// As [`verify_jsonl`](Ledger::verify_jsonl), except for the cut.
    pub fn verify_jsonl_keeping_cut(
        base: Head,
        reader: impl BufRead,
        parallelism: Parallelism,
    ) -> Result<Verified, LedgerError> {
        Ledger::walk_jsonl(base, reader, parallelism)?.1
    }

    /// Reads and walks a file: what cannot be read (the outer error), the cut, if any, and
    /// what the walk of the whole entries found.
    fn walk_jsonl(
        base: Head,
        reader: impl BufRead,
        parallelism: Parallelism,
    ) -> Result<(Option<Cut>, Result<Verified, LedgerError>), LedgerError> {
        let mut walk = Walk::new(base);
        // The first problem the walk finds; the rest of the file is still read, because a line
        // that cannot be read is reported before it (as reading, then verifying, does).
        let mut found: Option<Stop> = None;
        let mut later = false;
        let cut = read_lines(
            reader,
            parallelism,
            Link::of_line,
            |l| l.schema,
            |link| match &found {
                None => found = walk.step(&link).err(),
                Some(Stop::Ahead(ahead)) => later |= link.seq == Some(ahead.expected),
                Some(Stop::Tampered(_)) => {}
            },
        )
        .map_err(|e| e.into_error())?;
        let walked = match found {
            None => Ok(walk.finish(cut.clone())),
            Some(Stop::Tampered(e)) => Err(e),
            Some(Stop::Ahead(ahead)) => Err(ahead.error(later)),
        };
        Ok((cut, walked))
    }

    fn read_jsonl_after(
        base: Head,
        reader: impl BufRead,
        parallelism: Parallelism,
    ) -> Result<Loaded, ReadError> {
        let mut entries = Chunked::default();
        let cut = read_lines(
            reader,
            parallelism,
            |raw, line| parse_line(raw, line).map(Line::into_entry),
            |e: &Entry| e.bytes.as_deref().and_then(claimed_schema),
            |e| entries.push_whole(e),
        )?;
        Ok(Loaded {
            ledger: Ledger { base, entries },
            cut,
        })
    }
}

/// Lines read at once: their entries are read (and their records' digests computed) on the
/// threads, then taken in order.
const BATCH_LINES: usize = 4096;
/// Bytes read at once, at most (give or take a line).
const BATCH_BYTES: usize = 1 << 20;

/// Where a line's entry lies in the batch.
struct LineAt {
    number: usize,
    start: usize,
    end: usize,
    bytes: usize,
    complete: bool,
}

/// Reads JSON Lines in batches: each batch's lines read by `parse` on the threads, then
/// handed to `push` in order, with what a line that cannot be read means (an error; or, for
/// an incomplete last line, a cut). The first entry's format version (`schema`) is checked.
fn read_lines<T: Send>(
    mut reader: impl BufRead,
    parallelism: Parallelism,
    parse: impl Fn(&[u8], usize) -> Result<T, LedgerError> + Sync,
    schema: impl Fn(&T) -> Option<u64>,
    mut push: impl FnMut(T),
) -> Result<Option<Cut>, ReadError> {
    let mut buf = Vec::new();
    let mut lines = Vec::new();
    let mut number = 0usize;
    let mut first = true;
    let checked = |result: Result<T, LedgerError>, first: bool, line: usize| {
        let entry = result?;
        if first {
            check_version(schema(&entry), line)?;
        }
        Ok::<T, LedgerError>(entry)
    };
    loop {
        buf.clear();
        lines.clear();
        let mut failure = None;
        let mut end_of_file = false;
        while lines.len() < BATCH_LINES && buf.len() < BATCH_BYTES {
            let start = buf.len();
            match reader.read_until(b'\n', &mut buf) {
                Err(e) => {
                    failure = Some(e.to_string());
                    break;
                }
                Ok(0) => {
                    end_of_file = true;
                    break;
                }
                Ok(_) => {}
            }
            number += 1;
            let complete = buf.ends_with(b"\n");
            let mut raw: &[u8] = &buf[start..];
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
            let at = raw.as_ptr() as usize - buf.as_ptr() as usize;
            lines.push(LineAt {
                number,
                start: at,
                end: at + raw.len(),
                bytes: buf.len() - start,
                complete,
            });
        }
        let read = parallel::map(&lines, parallelism, |l| {
            parse(&buf[l.start..l.end], l.number)
        });
        for (l, result) in lines.iter().zip(read) {
            match checked(result, first, l.number) {
                Ok(entry) => {
                    push(entry);
                    first = false;
                }
                Err(err) if !l.complete => {
                    // A last line without its end of line: a write cut short. If an intact entry
                    // is followed by a damaged end of line, keep the entry and report the rest.
                    let raw = &buf[l.start..l.end];
                    if let Some(end) = raw.iter().rposition(|b| *b == b'}')
                        && let Ok(entry) = checked(parse(&raw[..=end], l.number), first, l.number)
                    {
                        push(entry);
                        if end + 1 == raw.len() {
                            return Ok(None);
                        }
                    }
                    if matches!(err, LedgerError::UnsupportedLedgerVersion { .. }) {
                        return Err(ReadError::Domain(err));
                    }
                    return Ok(Some(Cut {
                        line: l.number,
                        bytes: l.bytes,
                    }));
                }
                Err(err) => return Err(ReadError::Domain(err)),
            }
        }
        if let Some(reason) = failure {
            return Err(ReadError::Io(reason));
        }
        if end_of_file {
            return Ok(None);
        }
    }
}

enum ReadError {
    Io(String),
    Domain(LedgerError),
}

impl ReadError {
    fn into_error(self) -> LedgerError {
        match self {
            ReadError::Io(reason) => LedgerError::LedgerUnreadable { line: 0, reason },
            ReadError::Domain(e) => e,
        }
    }
}

/// One stored line, read: its record borrowed from the line, its digest computed from the
/// record (or, for a redacted entry, as stored).
struct Line<'a> {
    prev: Hash,
    hash: Hash,
    digest: Hash,
    record: Option<&'a str>,
}

impl Line<'_> {
    fn into_entry(self) -> Entry {
        Entry {
            prev: self.prev,
            hash: self.hash,
            digest: self.digest,
            bytes: self.record.map(Into::into),
        }
    }
}

/// A first entry of another format version is refused with a version error; a later entry
/// whose version differs was altered, which verification reports.
fn check_version(schema: Option<u64>, line: usize) -> Result<(), LedgerError> {
    match schema {
        Some(found) if found != u64::from(SCHEMA_VERSION) => {
            Err(LedgerError::UnsupportedLedgerVersion {
                line,
                found,
                supported: SCHEMA_VERSION,
            })
        }
        _ => Ok(()),
    }
}

/// Reads one stored line: the exact shape this crate writes the fast way ([`fast`]), anything
/// else through serde, which gives every error its message.
fn parse_line(raw: &[u8], line: usize) -> Result<Line<'_>, LedgerError> {
    match fast::read(raw) {
        Some(fast::Fast::Record { prev, hash, bytes }) => Ok(Line {
            prev,
            hash,
            digest: digest_of(bytes.as_bytes()),
            record: Some(bytes),
        }),
        Some(fast::Fast::Redacted { prev, hash, digest }) => Ok(Line {
            prev,
            hash,
            digest,
            record: None,
        }),
        None => parse_line_serde(raw, line),
    }
}

/// Reads one stored line through serde: any shape serde_json reads, and the errors' messages.
fn parse_line_serde(raw: &[u8], line: usize) -> Result<Line<'_>, LedgerError> {
    let unreadable = |reason: String| LedgerError::LedgerUnreadable { line, reason };
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
            Ok(Line {
                prev: stored.prev,
                hash: stored.hash,
                digest: digest_of(bytes.as_bytes()),
                record: Some(bytes),
            })
        }
        (None, Some(digest), true) => Ok(Line {
            prev: stored.prev,
            hash: stored.hash,
            digest,
            record: None,
        }),
        _ => Err(unreadable(
            "an entry holds either a record, or a digest with \"redacted\":true".to_owned(),
        )),
    }
}
