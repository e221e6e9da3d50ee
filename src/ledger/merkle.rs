//! The ledger's Merkle tree (默克尔树), exactly as RFC 9162 §2.1 defines it, with inclusion
//! proofs (包含证明) and consistency proofs (一致性证明) any transparency-log verifier can check
//! (LEDGER.md, "The Merkle tree").
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
//!
//! [`MerkleTree`] keeps every complete subtree's hash (about two hashes per entry): appending
//! costs one leaf hash and, on average, one node hash (at most ⌈log₂ n⌉), and proofs for any
//! size the tree has had cost O(log n) lookups plus the hashes of the right-edge subtrees.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::chunked::Chunked;
use crate::hash::{Hash, TreeHead};
use crate::ledger::Ledger;

/// What went wrong with a Merkle tree proof or a tree head: each variant says which proof and
/// which sizes, in words a county clerk can act on. Wrapped by [`Error::Proof`](crate::Error::Proof).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProofError {
    /// An inclusion proof for a leaf index at or beyond the size of its tree.
    #[error(
        "the inclusion proof is for entry {} of a tree of {size} entries: there is no such entry",
        index.saturating_add(1)
    )]
    IndexOutOfRange {
        /// The leaf index (the entry's sequence number less one).
        index: u64,
        /// The tree size the proof claims.
        size: u64,
    },
    /// A consistency proof from a larger tree to a smaller one.
    #[error(
        "a consistency proof from a tree of {first} entries to one of {second} entries: a tree \
         only grows, so the first cannot be larger"
    )]
    SizesOutOfOrder {
        /// The earlier size claimed.
        first: u64,
        /// The later size claimed.
        second: u64,
    },
    /// A consistency proof from the empty tree, which proves nothing (RFC 9162 §2.1.4).
    #[error("a consistency proof from the empty tree proves nothing: compare its root instead")]
    FromEmptyTree,
    /// A proof whose path has the wrong number of hashes for its sizes.
    #[error(
        "the proof holds {found} hashes where its sizes call for {expected}: a hash was added or removed"
    )]
    PathLength {
        /// How many hashes the sizes call for.
        expected: usize,
        /// How many the proof holds.
        found: usize,
    },
    /// An inclusion proof that does not lead from the entry to the tree head's root.
    #[error(
        "the inclusion proof of entry {} does not lead to the root of the tree of {size} \
         entries: the record, a hash of the proof or the tree head was changed",
        index.saturating_add(1)
    )]
    InclusionMismatch {
        /// The leaf index proved.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// A consistency proof that does not lead from the earlier root to the later one: the
    /// later tree does not extend the earlier one.
    #[error(
        "the tree of {second} entries does not extend the tree head of {first} entries you \
         kept: the ledger was rewritten after that head, or the proof was changed"
    )]
    ConsistencyMismatch {
        /// The earlier size.
        first: u64,
        /// The later size.
        second: u64,
    },
    /// A tree asked for a size it has not had.
    #[error("the tree holds {held} entries, so it has no tree head of {size} entries")]
    SizeNotHeld {
        /// The size asked for.
        size: u64,
        /// The entries the tree holds.
        held: u64,
    },
    /// A proof for another tree size than the tree head it is checked against.
    #[error(
        "the proof is for a tree of {found} entries but is checked against a tree head of \
         {expected} entries"
    )]
    SizeMismatch {
        /// The tree head's size.
        expected: u64,
        /// The proof's size.
        found: u64,
    },
    /// An export's tree head that is not one the checker kept: whoever made the export can
    /// state any tree head, so nothing is proved by it.
    #[error(
        "the export's proofs lead to the tree head of {size} entries with root {root}, which is \
         not one of the tree heads you kept from the daily reports: nothing is proved"
    )]
    UnkeptTreeHead {
        /// The tree head's size.
        size: u64,
        /// The tree head's root.
        root: Hash,
    },
    /// A kept tree head with no consistency proof from it to the latest tree head.
    #[error(
        "no consistency proof was given from the kept tree head of {size} entries to the latest \
         tree head: ask the township for it"
    )]
    MissingConsistencyProof {
        /// The kept tree head's size.
        size: u64,
    },
    /// A tree built from a part of a ledger: the tree covers a ledger from its first entry.
    #[error(
        "the ledger given starts after entry {base}: a Merkle tree is built from a whole ledger, \
         from entry 1"
    )]
    LedgerPart {
        /// The last entry before the part.
        base: u64,
    },
}

impl ProofError {
    /// Every code [`ProofError::code`] can give, in the order of the variants.
    pub const CODES: &'static [&'static str] = &[
        "proof_index_out_of_range",
        "proof_sizes_out_of_order",
        "proof_from_empty_tree",
        "proof_path_length",
        "inclusion_proof_mismatch",
        "consistency_proof_mismatch",
        "tree_size_not_held",
        "proof_size_mismatch",
        "proof_to_unkept_tree_head",
        "consistency_proof_missing",
        "tree_of_ledger_part",
    ];

    /// The error's stable code (snake_case, never renamed or reused), as
    /// [`Error::code`](crate::Error::code) gives it for [`Error::Proof`](crate::Error::Proof).
    ///
    /// ```
    /// use fangkong::Error;
    /// use fangkong::ledger::ProofError;
    /// let err = ProofError::FromEmptyTree;
    /// assert_eq!(err.code(), "proof_from_empty_tree");
    /// assert_eq!(Error::from(err).code(), "proof_from_empty_tree");
    /// ```
    pub fn code(&self) -> &'static str {
        let i = match self {
            ProofError::IndexOutOfRange { .. } => 0,
            ProofError::SizesOutOfOrder { .. } => 1,
            ProofError::FromEmptyTree => 2,
            ProofError::PathLength { .. } => 3,
            ProofError::InclusionMismatch { .. } => 4,
            ProofError::ConsistencyMismatch { .. } => 5,
            ProofError::SizeNotHeld { .. } => 6,
            ProofError::SizeMismatch { .. } => 7,
            ProofError::UnkeptTreeHead { .. } => 8,
            ProofError::MissingConsistencyProof { .. } => 9,
            ProofError::LedgerPart { .. } => 10,
        };
        ProofError::CODES[i]
    }

    /// The message in Chinese, for clerks who read Chinese; `Display` gives it in English.
    ///
    /// ```
    /// use fangkong::ledger::ProofError;
    /// let err = ProofError::SizesOutOfOrder { first: 9, second: 4 };
    /// assert_eq!(
    ///     err.display_zh().to_string(),
    ///     "从9条的树到4条的树的一致性证明：树只会增长，前者不可能更大"
    /// );
    /// ```
    pub fn display_zh(&self) -> impl fmt::Display + '_ {
        Zh(self)
    }
}

/// A [`ProofError`] in Chinese.
struct Zh<'a>(&'a ProofError);

impl fmt::Display for Zh<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ProofError::IndexOutOfRange { index, size } => write!(
                f,
                "包含证明针对{size}条的树中的第{}条：没有这一条",
                index.saturating_add(1)
            ),
            ProofError::SizesOutOfOrder { first, second } => write!(
                f,
                "从{first}条的树到{second}条的树的一致性证明：树只会增长，前者不可能更大"
            ),
            ProofError::FromEmptyTree => {
                f.write_str("从空树出发的一致性证明不能证明任何东西：请直接比较其根哈希")
            }
            ProofError::PathLength { expected, found } => write!(
                f,
                "证明含有{found}个哈希，而其大小要求{expected}个：有哈希被添加或删除"
            ),
            ProofError::InclusionMismatch { index, size } => write!(
                f,
                "第{}条的包含证明不能推出{size}条的树的根哈希：记录、证明中的哈希或树头被改动过",
                index.saturating_add(1)
            ),
            ProofError::ConsistencyMismatch { first, second } => write!(
                f,
                "{second}条的树不是您保存的{first}条的树头的延续：该树头之后账本被改写，或证明被改动"
            ),
            ProofError::SizeNotHeld { size, held } => {
                write!(f, "该树只有{held}条，没有{size}条时的树头")
            }
            ProofError::SizeMismatch { expected, found } => {
                write!(f, "证明针对{found}条的树，却用{expected}条的树头来核对")
            }
            ProofError::UnkeptTreeHead { size, root } => write!(
                f,
                "导出的证明推出的树头（{size}条，根哈希{root}）不在您从日报中保存的树头之中：什么也没有得到证明"
            ),
            ProofError::MissingConsistencyProof { size } => write!(
                f,
                "没有给出从保存的{size}条的树头到最新树头的一致性证明：请向乡镇索取"
            ),
            ProofError::LedgerPart { base } => write!(
                f,
                "所给账本从第{base}条之后开始：默克尔树须由从第1条起的整个账本建立"
            ),
        }
    }
}

/// The hash of a leaf: `SHA-256(0x00 ‖ leaf)` (RFC 9162 §2.1.1).
fn leaf_hash_of(leaf: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0x00]);
    h.update(leaf);
    Hash::from_bytes(h.finalize().into())
}

/// The hash of an interior node: `SHA-256(0x01 ‖ left ‖ right)` (RFC 9162 §2.1.1).
fn node_hash_of(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0x01]);
    h.update(left.as_bytes());
    h.update(right.as_bytes());
    Hash::from_bytes(h.finalize().into())
}

/// The largest power of two strictly below `n` (`n` ≥ 2).
fn split_point(n: u64) -> u64 {
    1 << (63 - (n - 1).leading_zeros())
}

/// The number of bits needed to write `x`.
fn bit_len(x: u64) -> u32 {
    64 - x.leading_zeros()
}

/// The number of hashes in the inclusion path of leaf `index` in a tree of `size` leaves
/// (`index < size`): the levels where the paths to `index` and to the last leaf diverge, and
/// one left sibling per level above where `index`'s ancestor is a right child.
fn inclusion_path_len(index: u64, size: u64) -> usize {
    let inner = bit_len(index ^ (size - 1));
    let border = (index.checked_shr(inner).unwrap_or(0)).count_ones();
    (inner + border) as usize
}

/// The number of hashes in the consistency path from `first` to `second` (0 < first < second).
fn consistency_path_len(first: u64, second: u64) -> usize {
    let last = first - 1;
    let fork = bit_len(last ^ (second - 1));
    let border = last.checked_shr(fork).unwrap_or(0).count_ones();
    let shift = first.trailing_zeros();
    let start = usize::from(!first.is_power_of_two());
    start + fork.saturating_sub(shift) as usize + border as usize
}

/// The ledger's Merkle tree (默克尔树), kept as entries are appended: every complete subtree's
/// hash, level by level (the leaves' hashes at level 0), about two hashes per entry.
///
/// ```
/// use fangkong::Hash;
/// use fangkong::ledger::MerkleTree;
/// let mut tree = MerkleTree::new();
/// assert_eq!(tree.root(), Hash::of(b""));
/// tree.push_leaf(b"");
/// assert_eq!(
///     tree.root().to_string(),
///     "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MerkleTree {
    /// `levels[l][k]`: the hash of leaves `k·2^l .. (k+1)·2^l`, for every complete subtree.
    levels: Vec<Chunked<Hash>>,
}

impl MerkleTree {
    /// An empty tree.
    pub fn new() -> MerkleTree {
        MerkleTree::default()
    }

    /// The tree over a whole ledger's entries (from entry 1), each leaf the entry's record
    /// digest (kept by redacted entries too). The ledger's hashes are not checked here:
    /// [`Ledger::verify`] does that.
    ///
    /// # Errors
    /// [`ProofError::LedgerPart`] for a ledger that starts after a base (a drained part).
    pub fn of_ledger(ledger: &Ledger) -> Result<MerkleTree, ProofError> {
        if ledger.base().seq != 0 {
            return Err(ProofError::LedgerPart {
                base: ledger.base().seq,
            });
        }
        let mut tree = MerkleTree::new();
        for e in ledger.entries() {
            tree.push_leaf(e.digest().as_bytes());
        }
        Ok(tree)
    }

    /// The leaf hash of `leaf`: `SHA-256(0x00 ‖ leaf)`. An entry's leaf is its record digest,
    /// so its leaf hash is `MerkleTree::leaf_hash(entry.digest().as_bytes())`.
    pub fn leaf_hash(leaf: &[u8]) -> Hash {
        leaf_hash_of(leaf)
    }

    /// The hash of an interior node: `SHA-256(0x01 ‖ left ‖ right)`.
    pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
        node_hash_of(left, right)
    }

    /// Appends a leaf (for an entry, its record digest's 32 bytes).
    pub fn push_leaf(&mut self, leaf: &[u8]) {
        self.push_leaf_hash(leaf_hash_of(leaf));
    }

    /// Appends a leaf by its leaf hash. Costs one node hash per subtree it completes: at most
    /// ⌈log₂ n⌉, one on average.
    pub fn push_leaf_hash(&mut self, hash: Hash) {
        let mut carry = hash;
        let mut level = 0;
        loop {
            if self.levels.len() == level {
                self.levels.push(Chunked::default());
            }
            let row = &mut self.levels[level];
            row.push(carry);
            let len = row.len();
            if len % 2 == 1 {
                return;
            }
            match (row.get(len - 2), row.get(len - 1)) {
                (Some(l), Some(r)) => carry = node_hash_of(l, r),
                _ => return,
            }
            level += 1;
        }
    }

    /// The number of leaves (entries).
    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |l| l.len() as u64)
    }

    /// The root of the whole tree (the SHA-256 of no bytes for an empty tree).
    pub fn root(&self) -> Hash {
        self.subtree(0, self.size())
    }

    /// The tree head now.
    pub fn head(&self) -> TreeHead {
        TreeHead {
            size: self.size(),
            root: self.root(),
        }
    }

    /// The tree head at `size` entries, any size the tree has had.
    ///
    /// # Errors
    /// [`ProofError::SizeNotHeld`] for a size beyond the tree.
    pub fn head_at(&self, size: u64) -> Result<TreeHead, ProofError> {
        self.check_held(size)?;
        Ok(TreeHead {
            size,
            root: self.subtree(0, size),
        })
    }

    /// The leaf hash of leaf `index`, if held.
    pub fn leaf_hash_at(&self, index: u64) -> Option<Hash> {
        self.node(0, index)
    }

    fn check_held(&self, size: u64) -> Result<(), ProofError> {
        if size > self.size() {
            Err(ProofError::SizeNotHeld {
                size,
                held: self.size(),
            })
        } else {
            Ok(())
        }
    }

    fn node(&self, level: u32, index: u64) -> Option<Hash> {
        let row = self.levels.get(level as usize)?;
        row.get(usize::try_from(index).ok()?).copied()
    }

    /// `MTH(D[start:end])` for a subtree the RFC's recursion reaches (`start` a multiple of a
    /// power of two at least `end − start`, `end` within the tree): complete subtrees are
    /// looked up, the others split at the largest power of two below their size.
    fn subtree(&self, start: u64, end: u64) -> Hash {
        let len = end.saturating_sub(start);
        if len == 0 {
            return Hash::of(b"");
        }
        if len.is_power_of_two() {
            let level = len.trailing_zeros();
            if let Some(h) = self.node(level, start >> level) {
                return h;
            }
        }
        if len == 1 {
            // Unreachable for sizes the tree holds; an empty hash rather than a panic.
            return Hash::of(b"");
        }
        let k = split_point(len);
        node_hash_of(
            &self.subtree(start, start + k),
            &self.subtree(start + k, end),
        )
    }

    /// The inclusion proof (包含证明) of leaf `index` (entry `index + 1`) in the tree of `size`
    /// entries, any size the tree has had: RFC 9162 §2.1.3.1's `PATH(m, D[n])`.
    ///
    /// ```
    /// use fangkong::ledger::MerkleTree;
    /// let mut tree = MerkleTree::new();
    /// for leaf in [b"a", b"b", b"c"] {
    ///     tree.push_leaf(leaf);
    /// }
    /// let proof = tree.inclusion_proof(2, 3)?;
    /// assert_eq!(proof.path.len(), 1);
    /// proof.verify(&MerkleTree::leaf_hash(b"c"), &tree.head())?;
    /// # Ok::<(), fangkong::ledger::ProofError>(())
    /// ```
    ///
    /// # Errors
    /// [`ProofError::SizeNotHeld`] for a size beyond the tree;
    /// [`ProofError::IndexOutOfRange`] for `index ≥ size`.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<InclusionProof, ProofError> {
        self.check_held(size)?;
        if index >= size {
            return Err(ProofError::IndexOutOfRange { index, size });
        }
        let mut path = Vec::new();
        self.path(index, 0, size, &mut path);
        Ok(InclusionProof {
            leaf_index: index,
            tree_size: size,
            path,
        })
    }

    /// `PATH(m, D[start:end])`, leaf first.
    fn path(&self, m: u64, start: u64, end: u64, out: &mut Vec<Hash>) {
        let n = end - start;
        if n <= 1 {
            return;
        }
        let k = split_point(n);
        if m < k {
            self.path(m, start, start + k, out);
            out.push(self.subtree(start + k, end));
        } else {
            self.path(m - k, start + k, end, out);
            out.push(self.subtree(start, start + k));
        }
    }

    /// The consistency proof (一致性证明) that the tree of `second` entries extends the tree of
    /// `first` entries, any sizes the tree has had: RFC 9162 §2.1.4.1's `PROOF(m, D[n])`
    /// (empty when the sizes are equal).
    ///
    /// ```
    /// use fangkong::ledger::MerkleTree;
    /// let mut tree = MerkleTree::new();
    /// for leaf in [b"a", b"b", b"c"] {
    ///     tree.push_leaf(leaf);
    /// }
    /// let kept = tree.head_at(2)?;
    /// let proof = tree.consistency_proof(2, 3)?;
    /// proof.verify(&kept, &tree.head())?;
    /// # Ok::<(), fangkong::ledger::ProofError>(())
    /// ```
    ///
    /// # Errors
    /// [`ProofError::SizeNotHeld`] for a size beyond the tree; [`ProofError::FromEmptyTree`]
    /// for `first = 0`; [`ProofError::SizesOutOfOrder`] for `first > second`.
    pub fn consistency_proof(
        &self,
        first: u64,
        second: u64,
    ) -> Result<ConsistencyProof, ProofError> {
        self.check_held(second)?;
        if first > second {
            return Err(ProofError::SizesOutOfOrder { first, second });
        }
        if first == 0 {
            return Err(ProofError::FromEmptyTree);
        }
        let mut path = Vec::new();
        if first < second {
            self.subproof(first, 0, second, true, &mut path);
        }
        Ok(ConsistencyProof {
            first,
            second,
            path,
        })
    }

    /// `SUBPROOF(m, D[start:end], b)`.
    fn subproof(&self, m: u64, start: u64, end: u64, whole: bool, out: &mut Vec<Hash>) {
        let n = end - start;
        if m == n {
            if !whole {
                out.push(self.subtree(start, end));
            }
            return;
        }
        let k = split_point(n);
        if m <= k {
            self.subproof(m, start, start + k, whole, out);
            out.push(self.subtree(start + k, end));
        } else {
            self.subproof(m - k, start + k, end, false, out);
            out.push(self.subtree(start, start + k));
        }
    }

    /// The latest tree head and a consistency proof from each of `kept` to it (none for a kept
    /// head of size 0 or of the latest size, which need none): what a county that does not
    /// hold the ledger checks with [`MerkleTree::check_kept_heads`].
    ///
    /// # Errors
    /// [`ProofError::SizesOutOfOrder`] for a kept head larger than the tree.
    pub fn consistency_proofs(
        &self,
        kept: &[TreeHead],
    ) -> Result<(TreeHead, Vec<ConsistencyProof>), ProofError> {
        let latest = self.head();
        let mut proofs = Vec::new();
        for k in kept {
            if k.size > latest.size {
                return Err(ProofError::SizesOutOfOrder {
                    first: k.size,
                    second: latest.size,
                });
            }
            if k.size > 0
                && k.size < latest.size
                && !proofs.iter().any(|p: &ConsistencyProof| p.first == k.size)
            {
                proofs.push(self.consistency_proof(k.size, latest.size)?);
            }
        }
        Ok((latest, proofs))
    }
}

/// Checks that `latest` extends every head of `kept`, with `proofs` (see
/// [`MerkleTree::check_kept_heads`]).
pub(crate) fn check_extension(
    kept: &[TreeHead],
    latest: TreeHead,
    proofs: &[ConsistencyProof],
) -> Result<(), ProofError> {
    for k in kept {
        if k.size > latest.size {
            return Err(ProofError::SizesOutOfOrder {
                first: k.size,
                second: latest.size,
            });
        }
        if k.size == 0 {
            if k.root != Hash::of(b"") {
                return Err(ProofError::ConsistencyMismatch {
                    first: 0,
                    second: latest.size,
                });
            }
            continue;
        }
        if k.size == latest.size {
            if k.root != latest.root {
                return Err(ProofError::ConsistencyMismatch {
                    first: k.size,
                    second: latest.size,
                });
            }
            continue;
        }
        let proof = proofs
            .iter()
            .find(|p| p.first == k.size && p.second == latest.size)
            .ok_or(ProofError::MissingConsistencyProof { size: k.size })?;
        proof.verify(k, &latest)?;
    }
    Ok(())
}

/// What a county holds to check the tree heads it kept ([`MerkleTree::check_kept_heads`]).
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Holding<'a> {
    /// The whole ledger, from entry 1.
    Ledger(&'a Ledger),
    /// Only the ledger's latest tree head and a consistency proof from each kept head to it.
    Proofs {
        /// The ledger's latest tree head, as the township gives it.
        latest: TreeHead,
        /// One consistency proof from each kept head (of size neither 0 nor the latest's).
        proofs: &'a [ConsistencyProof],
    },
}

/// An inclusion proof (包含证明): that leaf `leaf_index` (entry `leaf_index + 1`) is in the
/// tree of `tree_size` entries, by the hashes of the subtrees beside its path to the root,
/// leaf first (RFC 9162 §2.1.3). About log₂(n) hashes; no other person's record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InclusionProof {
    /// The leaf's index: the entry's sequence number less one.
    pub leaf_index: u64,
    /// The size of the tree the proof leads to.
    pub tree_size: u64,
    /// The hashes beside the path from the leaf to the root, lowest first.
    pub path: Vec<Hash>,
}

impl InclusionProof {
    /// A proof from its parts, as received (checked only by [`verify`](Self::verify)).
    pub fn new(leaf_index: u64, tree_size: u64, path: Vec<Hash>) -> InclusionProof {
        InclusionProof {
            leaf_index,
            tree_size,
            path,
        }
    }

    /// Verifies that the leaf whose leaf hash is `leaf_hash` is in the tree of `head`, exactly
    /// as RFC 9162 §2.1.3.2 says. Never panics, whatever the proof holds.
    ///
    /// # Errors
    /// [`ProofError::SizeMismatch`] if the proof is for another size than `head`'s;
    /// [`ProofError::IndexOutOfRange`] for `leaf_index ≥ tree_size`;
    /// [`ProofError::PathLength`] for a path of the wrong length;
    /// [`ProofError::InclusionMismatch`] if the path does not lead to `head`'s root.
    pub fn verify(&self, leaf_hash: &Hash, head: &TreeHead) -> Result<(), ProofError> {
        if self.tree_size != head.size {
            return Err(ProofError::SizeMismatch {
                expected: head.size,
                found: self.tree_size,
            });
        }
        // 1. leaf_index < tree_size.
        if self.leaf_index >= self.tree_size {
            return Err(ProofError::IndexOutOfRange {
                index: self.leaf_index,
                size: self.tree_size,
            });
        }
        let length = || ProofError::PathLength {
            expected: inclusion_path_len(self.leaf_index, self.tree_size),
            found: self.path.len(),
        };
        // 2. fn = leaf_index, sn = tree_size − 1; 3. r = hash.
        let (mut fnode, mut snode) = (self.leaf_index, self.tree_size - 1);
        let mut r = *leaf_hash;
        // 4. For each p in the path:
        for p in &self.path {
            // a. sn = 0: fail.
            if snode == 0 {
                return Err(length());
            }
            // b. LSB(fn) set, or fn = sn: r = HASH(0x01 ‖ p ‖ r), and unless LSB(fn) is set,
            //    shift both right until LSB(fn) is set or fn is 0; otherwise r = HASH(0x01 ‖ r ‖ p).
            if fnode & 1 == 1 || fnode == snode {
                r = node_hash_of(p, &r);
                if fnode & 1 == 0 {
                    while fnode & 1 == 0 && fnode != 0 {
                        fnode >>= 1;
                        snode >>= 1;
                    }
                }
            } else {
                r = node_hash_of(&r, p);
            }
            // c. Shift both right once.
            fnode >>= 1;
            snode >>= 1;
        }
        // 5. sn = 0 and r = root.
        if snode != 0 {
            return Err(length());
        }
        if r != head.root {
            return Err(ProofError::InclusionMismatch {
                index: self.leaf_index,
                size: self.tree_size,
            });
        }
        Ok(())
    }
}

/// A consistency proof (一致性证明): that the tree of `second` entries extends the tree of
/// `first` entries (holds them unchanged, with entries appended), by about log₂(n) subtree
/// hashes (RFC 9162 §2.1.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConsistencyProof {
    /// The earlier size.
    pub first: u64,
    /// The later size.
    pub second: u64,
    /// The subtree hashes of RFC 9162 §2.1.4.1's `PROOF(first, D[second])`.
    pub path: Vec<Hash>,
}

impl ConsistencyProof {
    /// A proof from its parts, as received (checked only by [`verify`](Self::verify)).
    pub fn new(first: u64, second: u64, path: Vec<Hash>) -> ConsistencyProof {
        ConsistencyProof {
            first,
            second,
            path,
        }
    }

    /// Verifies that the tree of `later` extends the tree of `earlier`, exactly as RFC 9162
    /// §2.1.4.2 says. Equal sizes, for which the RFC defines no proof, take an empty path and
    /// equal roots (as the reference implementations do). Never panics, whatever the proof
    /// holds.
    ///
    /// # Errors
    /// [`ProofError::SizeMismatch`] if the proof's sizes are not the heads';
    /// [`ProofError::FromEmptyTree`] for `first = 0`; [`ProofError::SizesOutOfOrder`] for
    /// `first > second`; [`ProofError::PathLength`] for a path of the wrong length;
    /// [`ProofError::ConsistencyMismatch`] if the path does not lead to both roots.
    pub fn verify(&self, earlier: &TreeHead, later: &TreeHead) -> Result<(), ProofError> {
        if self.first != earlier.size {
            return Err(ProofError::SizeMismatch {
                expected: earlier.size,
                found: self.first,
            });
        }
        if self.second != later.size {
            return Err(ProofError::SizeMismatch {
                expected: later.size,
                found: self.second,
            });
        }
        let (first, second) = (self.first, self.second);
        if first == 0 {
            return Err(ProofError::FromEmptyTree);
        }
        if first > second {
            return Err(ProofError::SizesOutOfOrder { first, second });
        }
        let mismatch = ProofError::ConsistencyMismatch { first, second };
        if first == second {
            if !self.path.is_empty() {
                return Err(ProofError::PathLength {
                    expected: 0,
                    found: self.path.len(),
                });
            }
            return if earlier.root == later.root {
                Ok(())
            } else {
                Err(mismatch)
            };
        }
        let length = || ProofError::PathLength {
            expected: consistency_path_len(first, second),
            found: self.path.len(),
        };
        // 1. An empty path fails.
        if self.path.is_empty() {
            return Err(length());
        }
        // 2. If first is an exact power of 2, prepend first_hash to the path.
        let prepended;
        let path: &[Hash] = if first.is_power_of_two() {
            prepended = std::iter::once(earlier.root)
                .chain(self.path.iter().copied())
                .collect::<Vec<_>>();
            &prepended
        } else {
            &self.path
        };
        // 3. fn = first − 1, sn = second − 1.
        let (mut fnode, mut snode) = (first - 1, second - 1);
        // 4. If LSB(fn) is set, shift both right until it is not.
        while fnode & 1 == 1 {
            fnode >>= 1;
            snode >>= 1;
        }
        // 5. fr = sr = the first value of the path.
        let (mut fr, mut sr) = (path[0], path[0]);
        // 6. For each later value c:
        for c in &path[1..] {
            // a. sn = 0: fail.
            if snode == 0 {
                return Err(length());
            }
            // b. LSB(fn) set or fn = sn: fr = HASH(0x01 ‖ c ‖ fr), sr = HASH(0x01 ‖ c ‖ sr),
            //    and unless LSB(fn) is set, shift both right until it is or fn is 0;
            //    otherwise sr = HASH(0x01 ‖ sr ‖ c).
            if fnode & 1 == 1 || fnode == snode {
                fr = node_hash_of(c, &fr);
                sr = node_hash_of(c, &sr);
                if fnode & 1 == 0 {
                    while fnode & 1 == 0 && fnode != 0 {
                        fnode >>= 1;
                        snode >>= 1;
                    }
                }
            } else {
                sr = node_hash_of(&sr, c);
            }
            // c. Shift both right once.
            fnode >>= 1;
            snode >>= 1;
        }
        // 7. fr = first_hash, sr = second_hash, sn = 0.
        if snode != 0 {
            return Err(length());
        }
        if fr != earlier.root || sr != later.root {
            return Err(mismatch);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree_of(n: u64) -> MerkleTree {
        let mut t = MerkleTree::new();
        for i in 0..n {
            t.push_leaf(&i.to_be_bytes());
        }
        t
    }

    #[test]
    fn path_lengths_are_those_of_the_proofs_made() {
        // Given trees of every size up to 70, then the length formulas give the length of
        // every proof the tree makes.
        let t = tree_of(70);
        for n in 1..=70 {
            for i in 0..n {
                let p = t.inclusion_proof(i, n).expect("held");
                assert_eq!(p.path.len(), inclusion_path_len(i, n), "{i} of {n}");
            }
            for m in 1..n {
                let p = t.consistency_proof(m, n).expect("held");
                assert_eq!(p.path.len(), consistency_path_len(m, n), "{m} to {n}");
            }
        }
    }

    #[test]
    fn codes_are_one_per_variant() {
        // Given every variant, then each has its own code.
        let all = [
            ProofError::IndexOutOfRange { index: 0, size: 0 },
            ProofError::SizesOutOfOrder {
                first: 0,
                second: 0,
            },
            ProofError::FromEmptyTree,
            ProofError::PathLength {
                expected: 0,
                found: 0,
            },
            ProofError::InclusionMismatch { index: 0, size: 0 },
            ProofError::ConsistencyMismatch {
                first: 0,
                second: 0,
            },
            ProofError::SizeNotHeld { size: 0, held: 0 },
            ProofError::SizeMismatch {
                expected: 0,
                found: 0,
            },
            ProofError::UnkeptTreeHead {
                size: 0,
                root: Hash::GENESIS,
            },
            ProofError::MissingConsistencyProof { size: 0 },
            ProofError::LedgerPart { base: 0 },
        ];
        let codes: Vec<&str> = all.iter().map(ProofError::code).collect();
        assert_eq!(codes, ProofError::CODES);
        for e in &all {
            assert!(!e.display_zh().to_string().is_empty());
            assert!(!e.to_string().is_empty());
        }
    }
}
