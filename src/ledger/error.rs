//! The ledger's errors (账本错误): a ledger or record that cannot be read, tampering found by
//! verification, a proof that does not hold, an entry that is not held or was redacted. The
//! ledger layer returns them without naming the crate's error, which wraps them
//! ([`Error::Ledger`](crate::Error::Ledger)).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::hash::Head;
use crate::mask::mask_personal_data;
use crate::value_error::zh_or_en;

/// What is wrong with a ledger, a record or a proof (账本错误).
///
/// Returned by [`Ledger`](crate::Ledger)'s reading, verifying and proving; wrapped by
/// [`Error::Ledger`](crate::Error::Ledger). A refusal never carries these codes: they come from
/// reading or checking a ledger, never from deciding a command. New variants may be added in
/// minor releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// A ledger line or record that cannot be read.
    #[error("ledger line {line} cannot be read: {}", mask_personal_data(.reason))]
    LedgerUnreadable {
        /// The 1-based line (or entry) number.
        line: usize,
        /// What the reader said.
        reason: String,
    },
    /// A ledger file whose last line was cut while it was being written (no end of line, and
    /// not an entry). The default reads refuse such a file;
    /// [`Ledger::read_jsonl_keeping_cut`](crate::Ledger::read_jsonl_keeping_cut) keeps the
    /// whole entries before it.
    #[error(
        "ledger line {line} is incomplete ({bytes} bytes, no end of line): the file was cut while it was being written, so it was not loaded; a recovery tool may keep the entries before it (Ledger::read_jsonl_keeping_cut)"
    )]
    LedgerCut {
        /// The 1-based number of the incomplete line.
        line: usize,
        /// How many bytes it has.
        bytes: usize,
    },
    /// A kept head (留存的账本头) that fails its checks ([`KeptHead::new`](crate::ledger::KeptHead::new)).
    #[error("the kept head is not valid: {problem}")]
    InvalidKeptHead {
        /// What is wrong.
        problem: crate::ledger::KeptHeadProblem,
    },
    /// A line of a heads file that is not a kept head ([`KeptHead::read_jsonl`](crate::ledger::KeptHead::read_jsonl)).
    #[error("line {line} of the kept heads cannot be read: {}", mask_personal_data(.reason))]
    KeptHeadsUnreadable {
        /// The 1-based line number (0 for the reader's own failure).
        line: usize,
        /// What the reader said.
        reason: String,
    },
    /// The county's check ([`KeptHead::check_all`](crate::ledger::KeptHead::check_all)): the
    /// first kept head, in the order of the ledger, that the ledger does not extend.
    #[error(
        "the ledger does not extend the head kept from the report of {unit} for {day} in {} \
         (entry {entry}, a tree of {size} entries): entries up to that report were changed or \
         removed after it was sent",
        mask_personal_data(.township)
    )]
    KeptHeadNotExtended {
        /// The township the head was kept for.
        township: String,
        /// The reporting unit.
        unit: crate::ids::UnitId,
        /// The day reported.
        day: crate::calendar::Day,
        /// The report's entry.
        entry: u64,
        /// The size of the tree head kept.
        size: u64,
    },
    /// A ledger record whose bytes are not a record of a known schema.
    #[error("a ledger record cannot be read: {}", mask_personal_data(.reason))]
    RecordUnreadable {
        /// What the reader said.
        reason: String,
    },
    /// Verification found an entry altered, removed, inserted or reordered.
    #[error("the ledger was tampered with at entry {position}{}: {problem}", seq.map(|s| format!(" (sequence number {s})")).unwrap_or_default())]
    LedgerTampered {
        /// The 1-based position of the first entry concerned.
        position: usize,
        /// The sequence number that entry carries, when it can be read.
        seq: Option<u64>,
        /// What is wrong.
        problem: Tampering,
    },
    /// A ledger written in a format version this release does not read.
    #[error(
        "ledger line {line} is in format version {found}; this release reads version {supported} only (LEDGER.md)"
    )]
    UnsupportedLedgerVersion {
        /// The 1-based line (or entry) number.
        line: usize,
        /// The version the record says it is.
        found: u64,
        /// The version this release reads.
        supported: u32,
    },
    /// A redacted entry (its record removed, its digest kept) where the record itself is needed.
    #[error(
        "ledger entry {seq} was redacted (its record removed, its digest kept), so it cannot be {what}"
    )]
    RecordRedacted {
        /// The entry's sequence number.
        seq: u64,
        /// What was attempted.
        what: &'static str,
    },
    /// A ledger entry that is not held.
    #[error("ledger entry {seq} is not held in this ledger (it holds entries {first} to {last})")]
    EntryNotHeld {
        /// The sequence number asked for.
        seq: u64,
        /// The first held.
        first: u64,
        /// The last held.
        last: u64,
    },
    /// A proof that does not lead to the head it claims.
    #[error(
        "the proof of entry {seq} does not lead to the head {head}: the record or a digest was changed"
    )]
    ProofMismatch {
        /// The entry proved.
        seq: u64,
        /// The head the proof claims.
        head: Head,
    },
    /// An exported entry listed as not yet provable although a head the checker kept covers
    /// it (or listed twice): it should have been proved.
    #[error(
        "ledger entry {seq} is listed as not yet provable, but the heads you kept reach entry \
         {last_kept}: it should have been proved, so the export cannot be trusted"
    )]
    PendingEntryCovered {
        /// The entry listed as pending.
        seq: u64,
        /// The last entry the kept heads reach.
        last_kept: u64,
    },
    /// A ledger that does not start by founding a township.
    #[error("the ledger does not start with the founding of a township, so it cannot be replayed")]
    LedgerNotFounded,
    /// An exported entry whose proof leads to a head the checker did not keep: whoever made the
    /// export can state any head, so the entry is not proved.
    #[error(
        "the proof of ledger entry {seq} leads to head {head}, which is not one of the heads you \
         kept from the daily reports: the entry is not proved"
    )]
    ProofToUnkeptHead {
        /// The entry proved.
        seq: u64,
        /// The head the proof claims.
        head: Head,
    },
}

crate::value_error::error_codes! {
    LedgerError {
            LedgerUnreadable => "ledger_unreadable",
            RecordUnreadable => "record_unreadable",
            LedgerTampered => "ledger_tampered",
            UnsupportedLedgerVersion => "unsupported_ledger_version",
            RecordRedacted => "record_redacted",
            EntryNotHeld => "entry_not_held",
            ProofMismatch => "proof_mismatch",
            PendingEntryCovered => "pending_entry_covered",
            LedgerNotFounded => "ledger_not_founded",
            ProofToUnkeptHead => "proof_to_unkept_head",
            LedgerCut => "ledger_cut",
            InvalidKeptHead => "invalid_kept_head",
            KeptHeadsUnreadable => "kept_heads_unreadable",
            KeptHeadNotExtended => "kept_head_not_extended",
    }
}

impl LedgerError {
    /// The message in Chinese (中文), for clerks who read Chinese; `Display` gives it in
    /// English. Identity and phone numbers are masked exactly as in the English message.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        self.zh()
    }

    fn zh(&self) -> String {
        use LedgerError::*;
        match self {
            LedgerUnreadable { line, reason } => {
                format!("账本第{line}行无法读取：{}", mask_personal_data(reason))
            }
            LedgerCut { line, bytes } => format!(
                "账本第{line}行不完整（{bytes}字节，没有行尾）：文件在写入时被截断，因此未读入；恢复工具可用保留截断的读取方法取回该行之前的完整记录"
            ),
            InvalidKeptHead { problem } => format!("留存的账本头无效：{}", problem.label_zh()),
            KeptHeadsUnreadable { line, reason } => format!(
                "留存的账本头第{line}行无法读取：{}",
                mask_personal_data(reason)
            ),
            KeptHeadNotExtended {
                township,
                unit,
                day,
                entry,
                size,
            } => format!(
                "账本不能延续{}{unit}{day}日报所留存的账本头（第{entry}条，{size}条的默克尔树）：该日报报送后，此前的条目被改动或删除",
                mask_personal_data(township)
            ),
            RecordUnreadable { reason } => {
                format!("一条账本记录无法读取：{}", mask_personal_data(reason))
            }
            LedgerTampered {
                position,
                seq,
                problem,
            } => format!(
                "账本在第{position}条{}处被篡改：{}",
                seq.map(|s| format!("（序号{s}）")).unwrap_or_default(),
                problem.display_zh()
            ),
            UnsupportedLedgerVersion {
                line,
                found,
                supported,
            } => format!(
                "账本第{line}行的格式版本为{found}；本版本只能读取版本{supported}（见LEDGER.md）"
            ),
            RecordRedacted { seq, what } => {
                format!(
                    "账本第{seq}条已删除记录内容（保留摘要），因此不能{}",
                    zh_or_en(what)
                )
            }
            EntryNotHeld { seq, first, last } => {
                format!("本账本没有第{seq}条（只有第{first}至{last}条）")
            }
            ProofMismatch { seq, head } => {
                format!(
                    "第{seq}条的证明不能推出链头（第{}条，哈希{}）：记录或摘要被改动过",
                    head.seq, head.hash
                )
            }
            PendingEntryCovered { seq, last_kept } => format!(
                "第{seq}条被列为尚不能证明，但您保存的链头已到第{last_kept}条：它本应得到证明，该导出不可信"
            ),
            LedgerNotFounded => "账本不是从建立乡镇开始的，无法重放".to_owned(),
            ProofToUnkeptHead { seq, head } => format!(
                "第{seq}条的证明推出的链头（第{}条，哈希{}）不在您从日报中保存的链头之中：该条未得到证明",
                head.seq, head.hash
            ),
        }
    }
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

impl Tampering {
    /// What is wrong with the ledger, in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        self.zh()
    }

    fn zh(&self) -> String {
        match self {
            Tampering::Altered => "内容与哈希不符：写入后被改动过".to_owned(),
            Tampering::Removed { first, last } if first == last => {
                format!("它之前的第{first}条缺失：已被删除")
            }
            Tampering::Removed { first, last } => {
                format!("它之前的第{first}至{last}条缺失：已被删除")
            }
            Tampering::Inserted => "序号已被前面的条目使用：是插入或复制的".to_owned(),
            Tampering::Reordered { found } => {
                format!("它带有序号{found}，应在后面：条目顺序被调换")
            }
            Tampering::BrokenChain => "它不是链的开头：之前的条目已被删除".to_owned(),
            Tampering::Rehashed => "它被改动并重新计算了哈希：后一条仍记着它原来的哈希".to_owned(),
            Tampering::HeadMismatch { expected } => format!(
                "锚定的链头记载第{}条的哈希为{}：账本被截断或改写",
                expected.seq, expected.hash
            ),
        }
    }
}
