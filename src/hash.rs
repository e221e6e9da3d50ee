//! SHA-256 hashes and ledger heads: the values a ledger is chained and anchored with.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::value_error::ValueError;

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
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Hash, ValueError> {
        Hash::parse_hex(s).ok_or_else(|| ValueError::InvalidHash {
            input: crate::mask::MaskedText::truncated(s, 80),
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
        crate::value_error::deserialize_parsed(d, "a SHA-256 hash of 64 hexadecimal digits")
    }
}

impl Hash {
    /// The SHA-256 of `bytes`.
    ///
    /// ```
    /// use fangkong::Hash;
    /// assert_eq!(
    ///     Hash::of(b"").to_string(),
    ///     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// );
    /// ```
    pub fn of(bytes: &[u8]) -> Hash {
        Hash(Sha256::digest(bytes).into())
    }

    /// The hash with these raw bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Hash {
        Hash(bytes)
    }
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

impl Head {
    /// The exact bytes of a head for a county office to sign or keep:
    /// `fangkong-head-v2\n<seq in decimal>\n<hash in 64 lowercase hex>\n` (UTF-8). Keys and
    /// signing stay with the caller.
    ///
    /// ```
    /// use fangkong::{Hash, Head};
    /// let head = Head { seq: 3, hash: Hash::GENESIS };
    /// assert_eq!(
    ///     head.signing_bytes(),
    ///     format!("fangkong-head-v2\n3\n{}\n", "0".repeat(64)).into_bytes()
    /// );
    /// ```
    pub fn signing_bytes(&self) -> Vec<u8> {
        format!("fangkong-head-v2\n{}\n{}\n", self.seq, self.hash).into_bytes()
    }
}

impl fmt::Display for Head {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entry {} with hash {}", self.seq, self.hash)
    }
}

/// A tree head (树头): the size and root hash of the ledger's Merkle tree (默克尔树, RFC 9162
/// §2.1) at some number of entries. A daily report carries the tree head of the ledger just
/// before its own entry; keep it (a county office does) to check inclusion proofs (包含证明)
/// and consistency proofs (一致性证明) later (LEDGER.md, "The Merkle tree").
///
/// `size` is the number of entries (leaves) the tree covers, `root` its Merkle tree hash
/// (`MTH`); the empty tree's root is the SHA-256 of no bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TreeHead {
    /// The number of entries the tree covers.
    pub size: u64,
    /// The Merkle tree hash of those entries.
    pub root: Hash,
}

impl TreeHead {
    /// The exact bytes of a tree head for a county office to sign or keep:
    /// `fangkong-tree-head-v1\n<size in decimal>\n<root in 64 lowercase hex>\n` (UTF-8), as
    /// [`Head::signing_bytes`] is for a chain head. Keys and signing stay with the caller.
    ///
    /// ```
    /// use fangkong::{Hash, TreeHead};
    /// let head = TreeHead { size: 3, root: Hash::GENESIS };
    /// assert_eq!(
    ///     head.signing_bytes(),
    ///     format!("fangkong-tree-head-v1\n3\n{}\n", "0".repeat(64)).into_bytes()
    /// );
    /// ```
    pub fn signing_bytes(&self) -> Vec<u8> {
        format!("fangkong-tree-head-v1\n{}\n{}\n", self.size, self.root).into_bytes()
    }
}

impl fmt::Display for TreeHead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "tree of {} entries with root {}", self.size, self.root)
    }
}
