//! The walk along the chain (issue 14): what verification checks of each entry, in order, once
//! the entry's digest and hash have been computed (on any thread).

use super::{Cut, Entry, Line, Verified, chain_hash, claimed_schema, claimed_seq, parse_line};
use super::{LedgerError, Tampering};
use crate::hash::{Hash, Head};

/// What the walk needs of an entry: its hashes, the sequence number its record claims, and
/// whether its digest and hash hold (computed ahead, on the threads).
#[derive(Clone, Copy)]
pub(super) struct Link {
    prev: Hash,
    hash: Hash,
    /// The sequence number the record claims (`None` if redacted or unreadable).
    pub(super) seq: Option<u64>,
    /// The format version the record claims (checked for a file's first entry).
    pub(super) schema: Option<u64>,
    redacted: bool,
    /// The record's digest and the entry's hash hold.
    intact: bool,
}

impl Link {
    /// An entry held in memory: its digest recomputed from its bytes.
    pub(super) fn of_entry(entry: &Entry) -> Link {
        Link {
            prev: entry.prev,
            hash: entry.hash,
            seq: entry.claimed_seq(),
            schema: None,
            redacted: entry.is_redacted(),
            intact: entry.digest_holds() && entry.expected_hash() == entry.hash,
        }
    }

    /// A stored line, read without keeping its record.
    pub(super) fn of_line(raw: &[u8], line: usize) -> Result<Link, LedgerError> {
        let Line {
            prev,
            hash,
            digest,
            record,
        } = parse_line(raw, line)?;
        Ok(Link {
            prev,
            hash,
            seq: record.and_then(claimed_seq),
            schema: record.and_then(claimed_schema),
            redacted: record.is_none(),
            intact: chain_hash(&prev, &digest) == hash,
        })
    }
}

/// Why the walk stopped.
pub(super) enum Stop {
    /// The entry named was tampered with (or cannot be read).
    Tampered(LedgerError),
    /// An entry claims a later sequence number than its place: whether it was moved or the
    /// entries before it removed depends on the entries after it.
    Ahead(Ahead),
}

/// An entry whose record claims a later sequence number than its place.
pub(super) struct Ahead {
    /// Its 1-based position (the entries after it start at this index).
    pub(super) position: usize,
    /// The sequence number it claims.
    seq: u64,
    /// The sequence number its place calls for.
    pub(super) expected: u64,
}

impl Ahead {
    /// The error, knowing whether a `later` entry claims the expected sequence number.
    pub(super) fn error(&self, later: bool) -> LedgerError {
        let problem = if later {
            Tampering::Reordered { found: self.seq }
        } else {
            Tampering::Removed {
                first: self.expected,
                last: self.seq - 1,
            }
        };
        LedgerError::LedgerTampered {
            position: self.position,
            seq: Some(self.seq),
            problem,
        }
    }
}

/// The walk: the entries so far, the last two of them, and the redacted ones.
pub(super) struct Walk {
    base: Head,
    prev: Hash,
    count: usize,
    redacted: Vec<u64>,
    before: Option<Link>,
    two_back: Option<Link>,
}

impl Walk {
    pub(super) fn new(base: Head) -> Walk {
        Walk {
            base,
            prev: base.hash,
            count: 0,
            redacted: Vec::new(),
            before: None,
            two_back: None,
        }
    }

    /// Checks the next entry.
    pub(super) fn step(&mut self, entry: &Link) -> Result<(), Stop> {
        let i = self.count;
        let position = i + 1;
        let expected_seq = self.base.seq.saturating_add(position as u64);
        let tampered = |position: usize, problem: Tampering, seq: Option<u64>| {
            Stop::Tampered(LedgerError::LedgerTampered {
                position,
                seq,
                problem,
            })
        };
        if !entry.intact {
            return Err(tampered(position, Tampering::Altered, entry.seq));
        }
        let seq = if entry.redacted {
            self.redacted.push(expected_seq);
            expected_seq
        } else {
            // The hash holds, so these are the bytes that were written: a record without a
            // sequence number was written by something else, not altered.
            entry.seq.ok_or_else(|| {
                Stop::Tampered(LedgerError::LedgerUnreadable {
                    line: position,
                    reason: "the record has no sequence number".to_owned(),
                })
            })?
        };
        if seq > expected_seq {
            return Err(Stop::Ahead(Ahead {
                position,
                seq,
                expected: expected_seq,
            }));
        }
        if seq < expected_seq {
            // A sequence number used twice. If this entry follows the one two places back,
            // the entry just before it is the one that does not belong (an exact copy has
            // its original's hash: then this one, the later, is named).
            if i >= 2
                && let (Some(before), Some(two_back)) = (&self.before, &self.two_back)
                && before.hash != entry.hash
                && two_back.hash == entry.prev
            {
                return Err(tampered(position - 1, Tampering::Inserted, before.seq));
            }
            return Err(tampered(position, Tampering::Inserted, Some(seq)));
        }
        if entry.prev != self.prev {
            if i == 0 {
                return Err(tampered(position, Tampering::BrokenChain, Some(seq)));
            }
            // This entry is intact and in its place, but names another hash for the entry
            // before it: that one was changed and its hash recomputed.
            let seq_before = self.before.and_then(|b| b.seq);
            return Err(tampered(position - 1, Tampering::Rehashed, seq_before));
        }
        self.prev = entry.hash;
        self.count += 1;
        self.two_back = self.before.replace(*entry);
        Ok(())
    }

    /// What the walk verified.
    pub(super) fn finish(self, cut: Option<Cut>) -> Verified {
        Verified {
            head: Head {
                seq: self.base.seq.saturating_add(self.count as u64),
                hash: self.prev,
            },
            redacted: self.redacted,
            cut,
        }
    }
}
