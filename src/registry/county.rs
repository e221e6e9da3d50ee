//! The county's check of the tree heads it kept ([`MerkleTree::check_kept_heads`]): in the
//! top layer, because it joins the ledger's errors and the proofs' into the crate's [`Error`].

use crate::error::Error;
use crate::hash::TreeHead;
use crate::ledger::merkle::{Holding, MerkleTree, check_extension};

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
    /// use fangkong::{Founding, Holding, MerkleTree, Registry, ReportCommand, Schedule};
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
    /// As [`Ledger::verify`](crate::ledger::Ledger::verify) for a ledger that does not verify; [`ProofError::LedgerPart`](crate::ledger::merkle::ProofError::LedgerPart) for
    /// a drained part; for the first kept head not extended: [`ProofError::SizesOutOfOrder`](crate::ledger::merkle::ProofError::SizesOutOfOrder)
    /// (larger than the latest), [`ProofError::MissingConsistencyProof`](crate::ledger::merkle::ProofError::MissingConsistencyProof),
    /// [`ProofError::PathLength`](crate::ledger::merkle::ProofError::PathLength) or [`ProofError::ConsistencyMismatch`](crate::ledger::merkle::ProofError::ConsistencyMismatch).
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
