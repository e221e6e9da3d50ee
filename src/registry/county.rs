//! The county's check of the heads it kept ([`MerkleTree::check_kept_heads`] for bare tree
//! heads, [`KeptHead::check_all`] for a heads file): in the top layer, because it joins the
//! ledger's errors and the proofs' into the crate's [`Error`].

use std::fmt;

use crate::error::Error;
use crate::hash::TreeHead;
use crate::ledger::merkle::{Holding, MerkleTree, ProofError, check_extension};
use crate::ledger::{KeptHead, LedgerError};
use crate::mask::mask_personal_data;

impl MerkleTree {
    /// The county's check (one call): that every tree head in `kept` is extended by the
    /// ledger's latest tree head, so that every later kept head extends every earlier one
    /// (each is a prefix of the latest). `holding` is what the county has: the whole ledger
    /// (verified, its tree built and the proofs made here), or only the ledger's latest tree
    /// head and one consistency proof from each kept head to it
    /// ([`Registry::consistency_proofs`](crate::Registry::consistency_proofs)). Returns the
    /// latest tree head.
    ///
    /// A kept head of the latest size must have the latest root; one of size 0 the empty
    /// root; every other needs its proof, verified by RFC 9162 §2.1.4.2.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::ledger::{Holding, MerkleTree};
    /// use fangkong::report::{ReportCommand, Schedule};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let day = "2020-01-24".parse()?;
    /// reg.execute(s1, t, ReportCommand::SetSchedule { schedule: Schedule::new(day) })?;
    /// reg.submit_report(s1, "2020-01-24T20:00:00+08:00".parse()?, reg.township(), day, "")?;
    /// let kept = reg.report_tree_heads();
    /// // A county that holds the ledger:
    /// let latest = MerkleTree::check_kept_heads(&kept, Holding::Ledger(reg.ledger()))?;
    /// // A county that holds only the proofs:
    /// let (head, proofs) = reg.consistency_proofs(&kept)?;
    /// let checked = MerkleTree::check_kept_heads(&kept, Holding::Proofs { latest: head, proofs: &proofs })?;
    /// assert_eq!(checked, latest);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Ledger::verify`](crate::ledger::Ledger::verify) for a ledger that does not verify; [`ProofError::LedgerPart`] for
    /// a drained part; for the first kept head not extended: [`ProofError::SizesOutOfOrder`]
    /// (larger than the latest), [`ProofError::MissingConsistencyProof`],
    /// [`ProofError::PathLength`] or [`ProofError::ConsistencyMismatch`].
    pub fn check_kept_heads(kept: &[TreeHead], holding: Holding<'_>) -> Result<TreeHead, Error> {
        match holding {
            Holding::Ledger(ledger) => {
                ledger.verify()?;
                let tree = MerkleTree::of_ledger(ledger)?;
                let (latest, proofs) = tree.consistency_proofs(kept)?;
                check_extension(kept, latest, &proofs)?;
                Ok(latest)
            }
            Holding::Proofs { latest, proofs } => {
                check_extension(kept, latest, proofs)?;
                Ok(latest)
            }
        }
    }
}

/// What the county's check of its kept heads found ([`KeptHead::check_all`]): the ledger
/// extends every head kept for the township.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Extension {
    /// The township checked.
    pub township: String,
    /// How many kept heads were checked.
    pub heads: usize,
    /// The ledger's latest tree head, which extends them all.
    pub latest: TreeHead,
    /// Whether the chain heads were checked too (only with the whole ledger; the proofs
    /// alone cover the tree heads).
    pub chain_checked: bool,
}

impl fmt::Display for Extension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let township = mask_personal_data(&self.township);
        if self.heads == 0 {
            return write!(f, "no head was kept for {township}: nothing was checked");
        }
        write!(
            f,
            "the ledger of {township} extends every kept head ({} heads; latest tree of {} entries{})",
            self.heads,
            self.latest.size,
            if self.chain_checked {
                "; chain heads checked too"
            } else {
                "; from consistency proofs"
            }
        )
    }
}

impl Extension {
    /// The result in Chinese (`Display` gives it in English).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let township = mask_personal_data(&self.township);
        if self.heads == 0 {
            return format!("{township}没有留存的账本头：未作检查");
        }
        format!(
            "{township}的账本延续了全部留存的账本头（{}个；最新的默克尔树共{}条{}）",
            self.heads,
            self.latest.size,
            if self.chain_checked {
                "；链头也已核对"
            } else {
                "；依据一致性证明"
            }
        )
    }
}

impl KeptHead {
    /// The county's check (one call) of the heads it kept for `township` (those of `kept`
    /// whose [`township`](KeptHead::township) it is; a heads file may hold several
    /// townships') against what the township gave it: that the ledger extends every one, or
    /// the first, in the order of the ledger, that it does not extend.
    ///
    /// With [`Holding::Ledger`], the ledger is verified, its Merkle tree built, and each kept
    /// head's tree head and chain head compared with the ledger's at that size; with
    /// [`Holding::Proofs`] (the latest tree head and a consistency proof from each kept size,
    /// [`Registry::consistency_proofs`](crate::Registry::consistency_proofs)), each tree head
    /// is checked by its proof (RFC 9162 §2.1.4.2) and chain heads cannot be.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::ledger::{Holding, KeptHead};
    /// use fangkong::report::{ReportCommand, Schedule};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let day = "2020-01-24".parse()?;
    /// reg.execute(s1, t, ReportCommand::SetSchedule { schedule: Schedule::new(day) })?;
    /// reg.submit_report(s1, "2020-01-24T20:00:00+08:00".parse()?, reg.township(), day, "")?;
    /// let file = KeptHead::to_jsonl(&reg.kept_heads());
    /// // Later, the county reads its file and checks the ledger it is given
    /// let kept = KeptHead::from_jsonl(&file)?;
    /// let found = KeptHead::check_all(&kept, "Huochezhan", Holding::Ledger(reg.ledger()))?;
    /// assert_eq!(found.heads, 1);
    /// assert!(found.to_string().starts_with("the ledger of Huochezhan extends every kept head"));
    /// // Or only the proofs
    /// let sizes: Vec<_> = kept.iter().map(|k| k.tree_head).collect();
    /// let (latest, proofs) = reg.consistency_proofs(&sizes)?;
    /// let found = KeptHead::check_all(&kept, "Huochezhan", Holding::Proofs { latest, proofs: &proofs })?;
    /// assert!(!found.chain_checked);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Ledger::verify`](crate::ledger::Ledger::verify) for a ledger that does not verify;
    /// [`ProofError::LedgerPart`](crate::ledger::merkle::ProofError::LedgerPart) for a drained
    /// part; [`ProofError::MissingConsistencyProof`](crate::ledger::merkle::ProofError::MissingConsistencyProof)
    /// for a kept size without its proof; otherwise
    /// [`LedgerError::KeptHeadNotExtended`](crate::ledger::LedgerError::KeptHeadNotExtended)
    /// naming the first kept head (township, unit, day, entry, size) the ledger does not
    /// extend: a head beyond the ledger, a tree root or chain hash that differs, or a proof
    /// that fails.
    pub fn check_all(
        kept: &[KeptHead],
        township: &str,
        holding: Holding<'_>,
    ) -> Result<Extension, Error> {
        let mut mine: Vec<&KeptHead> = kept.iter().filter(|k| k.township == township).collect();
        mine.sort_by_key(|k| k.entry);
        let not_extended = |k: &KeptHead| {
            Error::from(LedgerError::KeptHeadNotExtended {
                township: k.township.clone(),
                unit: k.unit,
                day: k.day,
                entry: k.entry,
                size: k.tree_head.size,
            })
        };
        let (latest, chain_checked) = match holding {
            Holding::Ledger(ledger) => {
                ledger.verify()?;
                let tree = MerkleTree::of_ledger(ledger)?;
                for k in &mine {
                    let tree_head = tree.head_at(k.tree_head.size).ok();
                    if tree_head != Some(k.tree_head) || !ledger.holds_head(k.head) {
                        return Err(not_extended(k));
                    }
                }
                (tree.head(), true)
            }
            Holding::Proofs { latest, proofs } => {
                for k in &mine {
                    match check_extension(&[k.tree_head], latest, proofs) {
                        Ok(()) => {}
                        Err(e @ ProofError::MissingConsistencyProof { .. }) => return Err(e.into()),
                        Err(_) => return Err(not_extended(k)),
                    }
                }
                (latest, false)
            }
        };
        Ok(Extension {
            township: township.to_owned(),
            heads: mine.len(),
            latest,
            chain_checked,
        })
    }
}
