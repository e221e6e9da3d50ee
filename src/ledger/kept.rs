//! The heads a county keeps (留存的账本头), as a file: one JSON line per daily report received,
//! with the chain head and the tree head the report carried (LEDGER.md, "The heads a county
//! keeps"). The county's check of a ledger against such a file is
//! [`KeptHead::check_all`](crate::ledger::KeptHead::check_all), in the top layer.

use std::fmt;
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use super::LedgerError;
use crate::calendar::Day;
use crate::hash::{Head, TreeHead};
use crate::ids::UnitId;
use crate::mask::mask_personal_data;

/// One head a county kept (留存的账本头): what one daily report (日报) carried to it, with the
/// township, unit and day it came from.
///
/// A report's entry is the one after its chain head (`entry = head.seq + 1`), and its tree
/// head is the Merkle tree of the ledger at that chain head (`tree_head.size = head.seq`); a
/// `KeptHead` is built and read back only through those checks
/// ([`KeptHead::new`], and deserializing, which calls it).
///
/// ```
/// use fangkong::{Head, TreeHead};
/// use fangkong::ledger::KeptHead;
/// let head = Head { seq: 41, hash: fangkong::Hash::GENESIS };
/// let tree_head = TreeHead { size: 41, root: fangkong::Hash::GENESIS };
/// let kept = KeptHead::new("Huochezhan", fangkong::UnitId::new(2), "2020-02-01".parse()?, 42, head, tree_head)?;
/// assert_eq!(kept.to_string(), "Huochezhan U2 2020-02-01: entry 42, tree of 41 entries");
/// // A tree head of another size than the chain head is refused
/// let wrong = TreeHead { size: 40, ..tree_head };
/// let err = KeptHead::new("Huochezhan", fangkong::UnitId::new(2), "2020-02-01".parse()?, 42, head, wrong);
/// assert_eq!(err.unwrap_err().code(), "invalid_kept_head");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "KeptHeadFields")]
#[non_exhaustive]
pub struct KeptHead {
    /// The township's name, as the county files it (the registry's own name for it by
    /// default): 1 to [`KeptHead::TOWNSHIP_MAX_CHARS`] characters, no control characters.
    pub township: String,
    /// The reporting unit.
    pub unit: UnitId,
    /// The day reported.
    pub day: Day,
    /// The sequence number of the ledger entry that recorded the report.
    pub entry: u64,
    /// The chain head the report carried: the ledger just before its entry.
    pub head: Head,
    /// The tree head (树头) the report carried: the Merkle tree of the ledger at `head`.
    pub tree_head: TreeHead,
}

/// The fields of a [`KeptHead`] as a file holds them, before they are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeptHeadFields {
    township: String,
    unit: UnitId,
    day: Day,
    entry: u64,
    head: Head,
    tree_head: TreeHead,
}

impl TryFrom<KeptHeadFields> for KeptHead {
    type Error = LedgerError;

    fn try_from(f: KeptHeadFields) -> Result<KeptHead, LedgerError> {
        KeptHead::new(f.township, f.unit, f.day, f.entry, f.head, f.tree_head)
    }
}

/// What is wrong with a kept head ([`LedgerError::InvalidKeptHead`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum KeptHeadProblem {
    /// The township's name is empty.
    TownshipEmpty,
    /// The township's name is longer than [`KeptHead::TOWNSHIP_MAX_CHARS`] characters.
    TownshipTooLong,
    /// The township's name holds a control character.
    ControlCharacter,
    /// The tree head's size is not the chain head's sequence number.
    TreeSizeDiffers,
    /// The report's entry is not the one after its chain head.
    EntryNotAfterHead,
}

crate::label::labels!(KeptHeadProblem: "problem of a kept head", with_display {
    TownshipEmpty => "the township's name is empty", "乡镇名称为空";
    TownshipTooLong => "the township's name is longer than 100 characters", "乡镇名称超过100个字符";
    ControlCharacter => "the township's name holds a control character", "乡镇名称含有控制字符";
    TreeSizeDiffers => "the tree head's size is not the chain head's sequence number", "树头的大小与链头的序号不一致";
    EntryNotAfterHead => "the report's entry is not the one after its chain head", "日报的条目不是其链头之后的一条";
});

impl KeptHead {
    /// How long a township's name in a heads file may be, in characters (as a name in the
    /// registry, `limits`).
    pub const TOWNSHIP_MAX_CHARS: usize = 100;

    /// A kept head, checked: the township's name (1 to [`KeptHead::TOWNSHIP_MAX_CHARS`]
    /// characters, no control characters), `entry = head.seq + 1` and
    /// `tree_head.size = head.seq`.
    ///
    /// # Errors
    /// [`LedgerError::InvalidKeptHead`] naming the [`KeptHeadProblem`].
    pub fn new(
        township: impl Into<String>,
        unit: UnitId,
        day: Day,
        entry: u64,
        head: Head,
        tree_head: TreeHead,
    ) -> Result<KeptHead, LedgerError> {
        let township = township.into();
        let problem = if township.trim().is_empty() {
            Some(KeptHeadProblem::TownshipEmpty)
        } else if township.chars().count() > Self::TOWNSHIP_MAX_CHARS {
            Some(KeptHeadProblem::TownshipTooLong)
        } else if township.chars().any(char::is_control) {
            Some(KeptHeadProblem::ControlCharacter)
        } else if tree_head.size != head.seq {
            Some(KeptHeadProblem::TreeSizeDiffers)
        } else if head.seq.checked_add(1) != Some(entry) {
            Some(KeptHeadProblem::EntryNotAfterHead)
        } else {
            None
        };
        match problem {
            Some(problem) => Err(LedgerError::InvalidKeptHead { problem }),
            None => Ok(KeptHead {
                township,
                unit,
                day,
                entry,
                head,
                tree_head,
            }),
        }
    }

    /// The kept head as one line of a heads file, without its end of line:
    /// `{"township":…,"unit":n,"day":"YYYY-MM-DD","entry":n,"head":{"seq":n,"hash":"<64 hex>"},"tree_head":{"size":n,"root":"<64 hex>"}}`.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Writes kept heads as a heads file (JSON Lines, UTF-8): one head per line, each line
    /// ending in `\n`, in the order given.
    ///
    /// # Errors
    /// What the writer returns.
    pub fn write_jsonl<'a>(
        heads: impl IntoIterator<Item = &'a KeptHead>,
        mut w: impl Write,
    ) -> std::io::Result<()> {
        for h in heads {
            w.write_all(h.to_json_line().as_bytes())?;
            w.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Kept heads as the text of a heads file ([`write_jsonl`](KeptHead::write_jsonl)).
    pub fn to_jsonl<'a>(heads: impl IntoIterator<Item = &'a KeptHead>) -> String {
        let mut out = String::new();
        for h in heads {
            out.push_str(&h.to_json_line());
            out.push('\n');
        }
        out
    }

    /// Reads a heads file written by [`write_jsonl`](KeptHead::write_jsonl) (several
    /// townships' heads may share a file). Blank lines and a byte-order mark at the start are
    /// ignored; every other line must be a kept head, checked as [`KeptHead::new`] checks
    /// it. Nothing is skipped in silence: a line cut short is unreadable like any other.
    ///
    /// ```
    /// use fangkong::ledger::KeptHead;
    /// let file = r#"{"township":"Huochezhan","unit":2,"day":"2020-02-01","entry":42,"head":{"seq":41,"hash":"0000000000000000000000000000000000000000000000000000000000000000"},"tree_head":{"size":41,"root":"0000000000000000000000000000000000000000000000000000000000000000"}}
    /// "#;
    /// let heads = KeptHead::read_jsonl(file.as_bytes())?;
    /// assert_eq!(heads[0].entry, 42);
    /// assert_eq!(KeptHead::to_jsonl(&heads), file);
    /// // A head whose tree is of another size than its chain head is refused, naming the line
    /// let bad = file.replace(r#""size":41"#, r#""size":40"#);
    /// let err = KeptHead::read_jsonl(bad.as_bytes()).unwrap_err();
    /// assert_eq!(err.code(), "kept_heads_unreadable");
    /// assert!(err.to_string().starts_with("line 1 of the kept heads cannot be read"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`LedgerError::KeptHeadsUnreadable`] naming the first line that is not a kept head (or
    /// line 0 for the reader's own failure).
    pub fn read_jsonl(reader: impl BufRead) -> Result<Vec<KeptHead>, LedgerError> {
        let mut heads = Vec::new();
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| LedgerError::KeptHeadsUnreadable {
                line: 0,
                reason: e.to_string(),
            })?;
            let text = if i == 0 {
                line.strip_prefix('\u{FEFF}').unwrap_or(&line)
            } else {
                &line
            };
            let text = text.strip_suffix('\r').unwrap_or(text);
            if text.trim().is_empty() {
                continue;
            }
            // The reason quotes the input: masked where it is built, so Debug masks it too.
            let head = serde_json::from_str::<KeptHead>(text).map_err(|e| {
                LedgerError::KeptHeadsUnreadable {
                    line: i + 1,
                    reason: mask_personal_data(&e.to_string()).to_string(),
                }
            })?;
            heads.push(head);
        }
        Ok(heads)
    }

    /// Reads the text of a heads file, as [`read_jsonl`](KeptHead::read_jsonl) does.
    ///
    /// # Errors
    /// As [`read_jsonl`](KeptHead::read_jsonl).
    pub fn from_jsonl(text: &str) -> Result<Vec<KeptHead>, LedgerError> {
        KeptHead::read_jsonl(text.as_bytes())
    }
}

impl fmt::Display for KeptHead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {}: entry {}, tree of {} entries",
            mask_personal_data(&self.township),
            self.unit,
            self.day,
            self.entry,
            self.tree_head.size
        )
    }
}
