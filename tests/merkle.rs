//! The ledger's Merkle tree (issue 22): RFC 9162 §2.1 roots, inclusion and consistency proofs,
//! checked against the reference implementation's published vectors and against an
//! independent implementation from crates.io (`ct-merkle`), then as the county and a third
//! party use them: trail exports, the county's check of kept tree heads, redaction, rewritten
//! tails and replay.

use ct_merkle::mem_backed_tree::MemoryBackedTree;
use fangkong::audit::Subject;
use fangkong::ledger::{
    ConsistencyProof, Holding, InclusionProof, KeptHead, MerkleTree, ProofError,
};
use fangkong::report::{ReportCommand, Schedule};
use fangkong::{Error, Hash, Ledger, Registry, TreeHead};
use proptest::prelude::*;
use sha2::{Digest, Sha256};

use crate::common::*;

#[track_caller]
fn h(hex: &str) -> Hash {
    hex.parse().unwrap()
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .map(|k| u8::from_str_radix(&hex[2 * k..2 * k + 2], 16).unwrap())
        .collect()
}

fn tree_of(leaves: &[Vec<u8>]) -> MerkleTree {
    let mut t = MerkleTree::new();
    for l in leaves {
        t.push_leaf(l);
    }
    t
}

/// Leaves for the comparisons: leaf `i` is its index as 8 big-endian bytes.
fn leaves(n: u64) -> Vec<Vec<u8>> {
    (0..n).map(|i| i.to_be_bytes().to_vec()).collect()
}

fn concat(path: &[Hash]) -> Vec<u8> {
    path.iter().flat_map(|h| *h.as_bytes()).collect()
}

// ---- The reference implementation's published vectors -----------------------------------------
//
// From transparency-dev/merkle (the successor of Trillian's and certificate-transparency-go's
// Merkle code), commit 417fb0c314750d94e53942e9f92e79b6d35915db: `testonly/constants.go`
// (`LeafInputs`, `RootHashes`) and `testonly/reference_test.go` (`TestRefInclusionProof`,
// `TestRefConsistencyProof`): the eight-leaf example of RFC 6962's reference code.

/// `LeafInputs()`.
const REFERENCE_LEAVES: [&str; 8] = [
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
];

/// `RootHashes()`, by tree size from 0.
const REFERENCE_ROOTS: [&str; 9] = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

/// `TestRefInclusionProof`: (index, size, path).
const REFERENCE_INCLUSION: &[(u64, u64, &[&str])] = &[
    (0, 1, &[]),
    (
        0,
        2,
        &["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"],
    ),
    (
        1,
        2,
        &["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"],
    ),
    (
        2,
        3,
        &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
    ),
    (
        1,
        5,
        &[
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        0,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        &[
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
];

/// `TestRefConsistencyProof`: (size1, size2, path).
const REFERENCE_CONSISTENCY: &[(u64, u64, &[&str])] = &[
    (1, 1, &[]),
    (
        1,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        2,
        5,
        &[
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        8,
        &[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
];

fn reference_tree() -> MerkleTree {
    tree_of(&REFERENCE_LEAVES.map(hex_bytes))
}

#[test]
fn the_reference_leaves_give_the_published_roots_at_every_size() {
    // Given the eight leaves of the reference implementation, appended one by one
    let tree = reference_tree();
    // Then the tree head at every size 0..=8 has the published root
    for (size, root) in REFERENCE_ROOTS.iter().enumerate() {
        let head = tree.head_at(size as u64).unwrap();
        assert_eq!(head.root, h(root), "size {size}");
    }
    // And growing a tree one leaf at a time gives the same roots
    let mut grown = MerkleTree::new();
    assert_eq!(grown.root(), h(REFERENCE_ROOTS[0]));
    for (i, leaf) in REFERENCE_LEAVES.iter().enumerate() {
        grown.push_leaf(&hex_bytes(leaf));
        assert_eq!(grown.root(), h(REFERENCE_ROOTS[i + 1]));
    }
}

#[test]
fn the_reference_leaves_give_the_published_inclusion_and_consistency_paths() {
    // Given the eight-leaf tree
    let tree = reference_tree();
    // Then every published inclusion path is the crate's, and verifies
    for (index, size, path) in REFERENCE_INCLUSION {
        let proof = tree.inclusion_proof(*index, *size).unwrap();
        let want: Vec<Hash> = path.iter().map(|p| h(p)).collect();
        assert_eq!(proof.path, want, "inclusion of {index} in {size}");
        let leaf = MerkleTree::leaf_hash(&hex_bytes(REFERENCE_LEAVES[*index as usize]));
        proof.verify(&leaf, &tree.head_at(*size).unwrap()).unwrap();
    }
    // And every published consistency path is the crate's, and verifies
    for (first, second, path) in REFERENCE_CONSISTENCY {
        let proof = tree.consistency_proof(*first, *second).unwrap();
        let want: Vec<Hash> = path.iter().map(|p| h(p)).collect();
        assert_eq!(proof.path, want, "consistency of {first} to {second}");
        proof
            .verify(
                &tree.head_at(*first).unwrap(),
                &tree.head_at(*second).unwrap(),
            )
            .unwrap();
    }
}

// ---- An independent implementation: ct-merkle ---------------------------------------------------

#[test]
fn roots_and_inclusion_proofs_equal_ct_merkles_at_every_size_to_300() {
    // Given 300 leaves in the crate's tree, and ct-merkle's tree grown leaf by leaf
    let data = leaves(300);
    let ours = tree_of(&data);
    let mut theirs = MemoryBackedTree::<Sha256, Vec<u8>>::new();
    for (n, leaf) in data.iter().enumerate() {
        theirs.push(leaf.clone());
        let size = n as u64 + 1;
        // Then at every size the roots are equal
        let head = ours.head_at(size).unwrap();
        assert_eq!(
            head.root.as_bytes().as_slice(),
            theirs.root().as_bytes().as_slice(),
            "root at {size}"
        );
        // And every inclusion proof at that size is ct-merkle's, byte for byte, and each
        // verifies with the other's verifier
        for i in 0..size {
            let proof = ours.inclusion_proof(i, size).unwrap();
            let reference = theirs.prove_inclusion(i as usize);
            assert_eq!(
                concat(&proof.path),
                reference.as_bytes(),
                "inclusion of {i} in {size}"
            );
            theirs
                .root()
                .verify_inclusion(&data[i as usize], i, &reference)
                .unwrap();
            proof
                .verify(&MerkleTree::leaf_hash(&data[i as usize]), &head)
                .unwrap();
        }
    }
}

#[test]
fn consistency_proofs_equal_ct_merkles_for_every_pair_to_64() {
    // Given 64 leaves in the crate's tree, and ct-merkle's tree grown leaf by leaf
    let data = leaves(64);
    let ours = tree_of(&data);
    let mut theirs = MemoryBackedTree::<Sha256, Vec<u8>>::new();
    let mut roots = Vec::new();
    for (n, leaf) in data.iter().enumerate() {
        theirs.push(leaf.clone());
        roots.push(theirs.root());
        let second = n as u64 + 1;
        // Then for every m ≤ n the consistency proof is ct-merkle's, and verifies both ways
        for first in 1..=second {
            let proof = ours.consistency_proof(first, second).unwrap();
            let reference = theirs.prove_consistency((second - first) as usize);
            assert_eq!(
                concat(&proof.path),
                reference.as_bytes(),
                "consistency of {first} to {second}"
            );
            theirs
                .root()
                .verify_consistency(&roots[first as usize - 1], &reference)
                .unwrap();
            proof
                .verify(
                    &ours.head_at(first).unwrap(),
                    &ours.head_at(second).unwrap(),
                )
                .unwrap();
        }
    }
}

// ---- Proofs that must fail ----------------------------------------------------------------------

#[test]
fn a_proof_changed_by_one_byte_fails() {
    // Given a tree of 37 leaves, an inclusion proof of leaf 11 and a consistency proof 13 → 37
    let data = leaves(37);
    let tree = tree_of(&data);
    let head = tree.head();
    let leaf = MerkleTree::leaf_hash(&data[11]);
    let inclusion = tree.inclusion_proof(11, 37).unwrap();
    let kept = tree.head_at(13).unwrap();
    let consistency = tree.consistency_proof(13, 37).unwrap();
    inclusion.verify(&leaf, &head).unwrap();
    consistency.verify(&kept, &head).unwrap();
    // When any one byte of any hash of either path is changed, then the proof fails
    for k in 0..inclusion.path.len() * 32 {
        let mut bytes = concat(&inclusion.path);
        bytes[k] ^= 0x01;
        let path = bytes
            .chunks(32)
            .map(|c| Hash::from_bytes(c.try_into().unwrap()))
            .collect();
        let changed = InclusionProof::new(11, 37, path);
        assert_eq!(
            changed.verify(&leaf, &head),
            Err(ProofError::InclusionMismatch {
                index: 11,
                size: 37
            })
        );
    }
    for k in 0..consistency.path.len() * 32 {
        let mut bytes = concat(&consistency.path);
        bytes[k] ^= 0x80;
        let path = bytes
            .chunks(32)
            .map(|c| Hash::from_bytes(c.try_into().unwrap()))
            .collect();
        let changed = ConsistencyProof::new(13, 37, path);
        assert_eq!(
            changed.verify(&kept, &head),
            Err(ProofError::ConsistencyMismatch {
                first: 13,
                second: 37
            })
        );
    }
    // And a changed leaf or root fails too
    let mut root = *head.root.as_bytes();
    root[0] ^= 1;
    let forged = TreeHead {
        size: 37,
        root: Hash::from_bytes(root),
    };
    assert!(inclusion.verify(&leaf, &forged).is_err());
    assert!(consistency.verify(&kept, &forged).is_err());
    assert!(
        inclusion
            .verify(&MerkleTree::leaf_hash(&data[12]), &head)
            .is_err()
    );
}

#[test]
fn a_proof_for_the_wrong_index_or_the_wrong_size_fails() {
    // Given a ledger's tree of 40 leaves and the inclusion proof of leaf 6 in its head of 21
    let data = leaves(40);
    let tree = tree_of(&data);
    let head21 = tree.head_at(21).unwrap();
    let proof = tree.inclusion_proof(6, 21).unwrap();
    let leaf = MerkleTree::leaf_hash(&data[6]);
    proof.verify(&leaf, &head21).unwrap();
    // When it is presented for another index, then it fails
    for index in [5, 7, 14, 20] {
        let moved = InclusionProof::new(index, 21, proof.path.clone());
        assert!(moved.verify(&leaf, &head21).is_err(), "{index}");
    }
    // When it is presented for another size, against the tree head of that size, it fails
    for size in [7, 16, 20, 22, 33, 40] {
        let resized = InclusionProof::new(6, size, proof.path.clone());
        let head = tree.head_at(size).unwrap();
        assert!(resized.verify(&leaf, &head).is_err(), "{size}");
    }
    // And a proof checked against a head of another size is refused as such
    assert_eq!(
        proof.verify(&leaf, &tree.head_at(20).unwrap()),
        Err(ProofError::SizeMismatch {
            expected: 20,
            found: 21
        })
    );
    // And the consistency proof 5 → 21 fails for other sizes, against their tree heads
    let consistency = tree.consistency_proof(5, 21).unwrap();
    consistency
        .verify(&tree.head_at(5).unwrap(), &head21)
        .unwrap();
    for (first, second) in [(4, 21), (6, 21), (5, 20), (5, 22), (5, 40)] {
        let moved = ConsistencyProof::new(first, second, consistency.path.clone());
        let earlier = tree.head_at(first).unwrap();
        let later = tree.head_at(second).unwrap();
        assert!(
            moved.verify(&earlier, &later).is_err(),
            "{first} to {second}"
        );
    }
}

#[test]
fn untrusted_proofs_with_impossible_sizes_are_refused_with_their_error() {
    // Given a tree of 8 leaves
    let tree = tree_of(&leaves(8));
    let head = tree.head();
    let leaf = MerkleTree::leaf_hash(&0u64.to_be_bytes());
    // Then an index at or beyond the size, m > n, m = 0 and a path of the wrong length each
    // give their error, and the tree refuses to make such proofs
    assert_eq!(
        InclusionProof::new(8, 8, vec![]).verify(&leaf, &head),
        Err(ProofError::IndexOutOfRange { index: 8, size: 8 })
    );
    assert_eq!(
        InclusionProof::new(u64::MAX, 8, vec![]).verify(&leaf, &head),
        Err(ProofError::IndexOutOfRange {
            index: u64::MAX,
            size: 8
        })
    );
    let short = tree.inclusion_proof(0, 8).unwrap();
    let short = InclusionProof::new(0, 8, short.path[..2].to_vec());
    assert_eq!(
        short.verify(&leaf, &head),
        Err(ProofError::PathLength {
            expected: 3,
            found: 2
        })
    );
    let long = InclusionProof::new(0, 8, vec![Hash::GENESIS; 4]);
    assert!(matches!(
        long.verify(&leaf, &head),
        Err(ProofError::PathLength { found: 4, .. })
    ));
    let four = tree.head_at(4).unwrap();
    assert_eq!(
        ConsistencyProof::new(8, 4, vec![]).verify(&head, &four),
        Err(ProofError::SizesOutOfOrder {
            first: 8,
            second: 4
        })
    );
    let empty = tree.head_at(0).unwrap();
    assert_eq!(
        ConsistencyProof::new(0, 8, vec![]).verify(&empty, &head),
        Err(ProofError::FromEmptyTree)
    );
    assert_eq!(
        ConsistencyProof::new(4, 8, vec![]).verify(&four, &head),
        Err(ProofError::PathLength {
            expected: 1,
            found: 0
        })
    );
    assert_eq!(
        tree.inclusion_proof(0, 9),
        Err(ProofError::SizeNotHeld { size: 9, held: 8 })
    );
    assert_eq!(
        tree.inclusion_proof(3, 3),
        Err(ProofError::IndexOutOfRange { index: 3, size: 3 })
    );
    assert_eq!(tree.consistency_proof(0, 3), Err(ProofError::FromEmptyTree));
    assert_eq!(
        tree.consistency_proof(5, 3),
        Err(ProofError::SizesOutOfOrder {
            first: 5,
            second: 3
        })
    );
    // And each wrapped error has its own code and a Chinese message
    let err = Error::from(ProofError::FromEmptyTree);
    assert_eq!(err.code(), "proof_from_empty_tree");
    assert!(Error::CODES.contains(&"proof_from_empty_tree"));
    assert_eq!(
        err.display_zh().to_string(),
        "从空树出发的一致性证明不能证明任何东西：请直接比较其根哈希"
    );
    assert_eq!(
        err.to_string(),
        "a consistency proof from the empty tree proves nothing: compare its root instead"
    );
}

fn hashes() -> impl Strategy<Value = Vec<Hash>> {
    prop::collection::vec(any::<[u8; 32]>().prop_map(Hash::from_bytes), 0..70)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn verifying_any_proof_never_panics(
        index in any::<u64>(),
        size in any::<u64>(),
        first in any::<u64>(),
        second in any::<u64>(),
        path in hashes(),
        root in any::<[u8; 32]>(),
    ) {
        // Given any numbers and hashes a proof could hold, when they are verified, then the
        // verifier answers (almost surely "no") without panicking.
        let head = TreeHead { size, root: Hash::from_bytes(root) };
        let inclusion = InclusionProof::new(index, size, path.clone());
        prop_assert!(inclusion.verify(&Hash::from_bytes(root), &head).is_err() || path.is_empty());
        let earlier = TreeHead { size: first, root: Hash::from_bytes(root) };
        let later = TreeHead { size: second, root: Hash::from_bytes(root) };
        let _ = ConsistencyProof::new(first, second, path).verify(&earlier, &later);
    }

    #[test]
    fn every_proof_made_verifies_and_fails_with_one_bit_flipped(
        n in 1u64..600,
        i in any::<prop::sample::Index>(),
        m in any::<prop::sample::Index>(),
        bit in any::<prop::sample::Index>(),
    ) {
        // Given a tree of n leaves, a leaf i < n and a size 1 ≤ m ≤ n
        let data = leaves(n);
        let tree = tree_of(&data);
        let i = i.index(n as usize) as u64;
        let m = m.index(n as usize) as u64 + 1;
        // Then the inclusion proof of i and the consistency proof m → n verify
        let inclusion = tree.inclusion_proof(i, n).unwrap();
        let leaf = MerkleTree::leaf_hash(&data[i as usize]);
        prop_assert!(inclusion.verify(&leaf, &tree.head()).is_ok());
        prop_assert!(inclusion.path.len() <= 64 - (n - 1).leading_zeros() as usize);
        let consistency = tree.consistency_proof(m, n).unwrap();
        let kept = tree.head_at(m).unwrap();
        prop_assert!(consistency.verify(&kept, &tree.head()).is_ok());
        // And with one bit of a path flipped, they fail
        if !inclusion.path.is_empty() {
            let mut bytes = concat(&inclusion.path);
            let b = bit.index(bytes.len() * 8);
            bytes[b / 8] ^= 1 << (b % 8);
            let path = bytes.chunks(32).map(|c| Hash::from_bytes(c.try_into().unwrap())).collect();
            prop_assert!(InclusionProof::new(i, n, path).verify(&leaf, &tree.head()).is_err());
        }
        if !consistency.path.is_empty() {
            let mut bytes = concat(&consistency.path);
            let b = bit.index(bytes.len() * 8);
            bytes[b / 8] ^= 1 << (b % 8);
            let path = bytes.chunks(32).map(|c| Hash::from_bytes(c.try_into().unwrap())).collect();
            prop_assert!(ConsistencyProof::new(m, n, path).verify(&kept, &tree.head()).is_err());
        }
    }
}

// ---- The registry's tree ------------------------------------------------------------------------

/// Given the township, a schedule from the 24th, and on each of `days` days from the 24th a
/// household registered in the morning and the township's report in the evening.
fn reported(days: u32) -> Given {
    let mut g = given();
    g.reg
        .execute(
            g.secretary,
            at(T0),
            ReportCommand::SetSchedule {
                schedule: Schedule::new(day("2020-01-24")),
            },
        )
        .unwrap();
    let township = g.reg.township();
    for d in 0..days {
        let date = format!("2020-01-{}", 24 + d);
        g.reg
            .register_household(
                g.secretary,
                at(&format!("{date}T09:30:00+08:00")),
                g.qianjin_1,
                format!("Qianjin 1-{:02}", 10 + d),
            )
            .unwrap();
        g.reg
            .submit_report(
                g.secretary,
                at(&format!("{date}T20:00:00+08:00")),
                township,
                day(&date),
                "",
            )
            .unwrap();
    }
    g
}

#[test]
fn a_report_carries_the_tree_head_just_before_its_own_entry() {
    // Given the township before its report
    let mut g = reported(0);
    let before = g.reg.merkle_tree().head();
    assert_eq!(before.size, g.reg.ledger().head().seq);
    // When the report is submitted
    let township = g.reg.township();
    g.reg
        .submit_report(
            g.secretary,
            at("2020-01-24T20:00:00+08:00"),
            township,
            day("2020-01-24"),
            "",
        )
        .unwrap();
    // Then it carries the tree head of the ledger just before its own entry, beside the chain
    // head of the same size, and the tree now covers the report's entry too
    assert_eq!(g.reg.report_tree_heads(), vec![before]);
    assert_eq!(g.reg.report_heads()[0].seq, before.size);
    assert_eq!(g.reg.merkle_tree().size(), before.size + 1);
    let record = g.reg.ledger().last_entry().unwrap().record_bytes().unwrap();
    assert!(
        record.contains(&format!(
            r#""tree_head":{{"size":{},"root":"{}"}}"#,
            before.size, before.root
        )),
        "{record}"
    );
    assert!(record.contains(r#""schema":5,"#));
}

#[test]
fn replay_rebuilds_the_same_tree_heads() {
    // Given a township that reported on five days
    let g = reported(5);
    // When its ledger is written, read back and replayed
    let loaded = Ledger::from_jsonl(&g.reg.ledger().to_jsonl()).unwrap();
    let again = Registry::replay(&loaded).unwrap();
    // Then the tree, its head and every report's tree head are the same
    assert_eq!(again, g.reg);
    assert_eq!(again.merkle_tree().head(), g.reg.merkle_tree().head());
    assert_eq!(again.report_tree_heads(), g.reg.report_tree_heads());
    assert_eq!(g.reg.report_tree_heads().len(), 5);
    // And the tree built from the ledger alone has the same head
    assert_eq!(
        MerkleTree::of_ledger(&loaded).unwrap().head(),
        g.reg.merkle_tree().head()
    );
}

#[test]
fn a_report_carrying_another_tree_head_is_refused_by_replay() {
    // Given a township that reported once, its ledger as JSON Lines
    let g = reported(1);
    let text = g.reg.ledger().to_jsonl();
    let kept = g.reg.report_tree_heads()[0];
    // When the report's tree head is changed and the chain re-hashed from there
    let mut records: Vec<String> = Ledger::from_jsonl(&text)
        .unwrap()
        .entries()
        .map(|e| e.record_bytes().unwrap().to_owned())
        .collect();
    let report = records
        .iter()
        .position(|r| r.contains("tree_head"))
        .unwrap();
    records[report] = records[report].replace(&kept.root.to_string(), &"ab".repeat(32));
    let forged = rechained(&records);
    // Then the chain verifies but replay refuses the report, naming it
    forged.verify().unwrap();
    match Registry::replay(&forged) {
        Err(Error::ReplayRefused { seq, reason }) => {
            assert_eq!(seq, report as u64 + 1);
            assert!(reason.contains("tree_head"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

/// A ledger of `records`, chained from the start as LEDGER.md says (a rewrite re-hashed).
fn rechained(records: &[String]) -> Ledger {
    let mut text = String::new();
    let mut prev = "0".repeat(64);
    for rec in records {
        let hash = chain_hex(&prev, rec);
        text.push_str(&format!(
            "{{\"prev\":\"{prev}\",\"hash\":\"{hash}\",\"record\":{rec}}}\n"
        ));
        prev = hash;
    }
    Ledger::from_jsonl(&text).unwrap()
}

#[test]
fn a_tail_rewritten_and_rehashed_fails_the_consistency_proof_against_the_kept_head() {
    // Given a township that reported on three days, and the tree heads the county kept
    let g = reported(3);
    let kept = g.reg.report_tree_heads();
    let first = kept[0];
    // When the household registered before the first report is given another address and
    // every hash after it recomputed (the chain verifies again)
    let mut records: Vec<String> = g
        .reg
        .ledger()
        .entries()
        .map(|e| e.record_bytes().unwrap().to_owned())
        .collect();
    let k = (first.size - 1) as usize;
    assert!(records[k].contains("Qianjin 1-10"), "{}", records[k]);
    records[k] = records[k].replace("Qianjin 1-10", "Qianjin 1-99");
    let rewritten = rechained(&records);
    rewritten.verify().unwrap();
    // Then the county's check, holding the ledger, fails at the first kept tree head
    assert_eq!(
        MerkleTree::check_kept_heads(&kept, Holding::Ledger(&rewritten)),
        Err(Error::Proof(ProofError::ConsistencyMismatch {
            first: first.size,
            second: rewritten.len() as u64
        }))
    );
    // And so does the consistency proof the rewritten ledger's tree gives for that head
    let tree = MerkleTree::of_ledger(&rewritten).unwrap();
    let proof = tree.consistency_proof(first.size, tree.size()).unwrap();
    assert!(proof.verify(&first, &tree.head()).is_err());
    // While the genuine ledger passes
    assert_eq!(
        MerkleTree::check_kept_heads(&kept, Holding::Ledger(g.reg.ledger())),
        Ok(g.reg.merkle_tree().head())
    );
}

#[test]
fn the_county_checks_its_kept_heads_with_consistency_proofs_alone() {
    // Given a township that reported on four days, the tree heads the county kept, and what
    // the township sends a county that does not hold the ledger
    let g = reported(4);
    let kept = g.reg.report_tree_heads();
    let (latest, proofs) = g.reg.consistency_proofs(&kept).unwrap();
    // Then the proofs are one per kept head, each about log₂ n hashes, and they check
    assert_eq!(proofs.len(), 4);
    let log = 64 - (latest.size - 1).leading_zeros() as usize;
    assert!(proofs.iter().all(|p| p.path.len() <= log + 1));
    let holding = Holding::Proofs {
        latest,
        proofs: &proofs,
    };
    assert_eq!(MerkleTree::check_kept_heads(&kept, holding), Ok(latest));
    // When a proof is left out, then the check names the head without one
    let fewer = &proofs[1..];
    assert_eq!(
        MerkleTree::check_kept_heads(
            &kept,
            Holding::Proofs {
                latest,
                proofs: fewer
            }
        ),
        Err(Error::Proof(ProofError::MissingConsistencyProof {
            size: kept[0].size
        }))
    );
    // When a kept head was forged (another root at the same size), then it fails
    let mut forged = kept.clone();
    forged[2].root = Hash::of(b"a head the township never had");
    assert!(MerkleTree::check_kept_heads(&forged, holding).is_err());
    // When the township states a latest head of another root, then it fails
    let other = Holding::Proofs {
        latest: TreeHead {
            root: Hash::of(b"rewritten"),
            ..latest
        },
        proofs: &proofs,
    };
    assert!(MerkleTree::check_kept_heads(&kept, other).is_err());
}

#[test]
fn a_redacted_entry_still_proves_its_inclusion() {
    // Given a township that reported once, its ledger drained to storage
    let mut g = reported(1);
    let kept = g.reg.report_tree_heads()[0];
    let mut stored = g.reg.drain_ledger();
    let seq = kept.size - 1; // the household registered that morning
    let digest = stored.entry(seq).unwrap().digest();
    // When the entry's record is redacted (its digest kept)
    stored.redact(seq).unwrap();
    assert!(stored.entry(seq).unwrap().is_redacted());
    // Then the ledger's tree is unchanged and the entry still proves its inclusion in the kept
    // tree head, from its digest alone
    let tree = MerkleTree::of_ledger(&stored).unwrap();
    assert_eq!(tree.head_at(kept.size).unwrap(), kept);
    let proof = tree.inclusion_proof(seq - 1, kept.size).unwrap();
    proof
        .verify(&MerkleTree::leaf_hash(digest.as_bytes()), &kept)
        .unwrap();
    assert_eq!(
        proof,
        g.reg
            .merkle_tree()
            .inclusion_proof(seq - 1, kept.size)
            .unwrap()
    );
    // And the county's check of the redacted ledger passes
    assert!(MerkleTree::check_kept_heads(&[kept], Holding::Ledger(&stored)).is_ok());
}

#[test]
fn a_trail_export_holds_at_most_entries_times_log_n_plus_one_hashes() {
    // Given a township that reported on six days, and the secretary's own trail (every entry
    // they recorded)
    let mut g = reported(6);
    let kept = g.reg.report_tree_heads();
    let at_end = at("2020-01-29T21:00:00+08:00");
    let export = g
        .reg
        .export_trail(g.secretary, at_end, Subject::Staff(g.secretary), &[])
        .unwrap();
    // Then it is proved to the latest report's tree head, its last report's entry pending
    assert_eq!(export.tree_head, *kept.last().unwrap());
    let checked = export.check(&kept).unwrap();
    assert_eq!(checked.pending.len(), 1);
    assert!(checked.proved.len() > 20);
    // And it holds at most entries × (⌈log₂ n⌉ + 1) hashes besides its records
    let n = export.tree_head.size;
    let ceil_log = 64 - (n - 1).leading_zeros() as usize;
    let entries = export.entries.len() + export.pending.len();
    assert!(
        export.hash_count() <= entries * (ceil_log + 1),
        "{} hashes for {entries} entries of a tree of {n}",
        export.hash_count()
    );
    // (and the JSON holds exactly those hashes: 64 hex digits each, besides the records)
    let json = serde_json::to_value(&export).unwrap();
    let paths: usize = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["proof"]["path"].as_array().unwrap().len())
        .sum();
    assert_eq!(paths + 1, export.hash_count());
}

#[test]
fn an_export_to_a_head_the_ledger_never_had_is_refused_and_records_nothing() {
    // Given a township that reported once
    let mut g = reported(1);
    let head = g.reg.ledger().head();
    let kept = g.reg.report_tree_heads()[0];
    let forged = TreeHead {
        size: kept.size,
        root: Hash::of(b"not this ledger's"),
    };
    // When an export to a tree head of another root is asked for, then it is refused
    let err = g
        .reg
        .export_trail_to(
            g.secretary,
            at("2020-01-24T21:00:00+08:00"),
            Subject::Household(g.home),
            &[],
            forged,
        )
        .unwrap_err();
    assert_eq!(
        err,
        Error::Proof(ProofError::ConsistencyMismatch {
            first: kept.size,
            second: head.seq
        })
    );
    // And the ledger records nothing
    assert_eq!(g.reg.ledger().head(), head);
}

#[test]
fn a_ledger_of_schema_4_is_refused_with_the_version_error() {
    // Given a founding record written as schema 4 wrote it (before the duty roster)
    let rec = record_json(
        4,
        1,
        T0,
        fangkong::StaffId::new(1),
        1,
        3,
        r#"{"event":{"grid":{"TownshipFounded":{"unit":1,"name":"Huochezhan","code":null,"offset":28800}}}}"#,
    );
    let line = format!(
        "{{\"prev\":\"{}\",\"hash\":\"{}\",\"record\":{rec}}}\n",
        "0".repeat(64),
        chain_hex(&"0".repeat(64), &rec)
    );
    // When it is read, then it is refused naming both versions
    let err = Ledger::from_jsonl(&line).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ledger line 1 is in format version 4; this release reads version 5 only (LEDGER.md)"
    );
    assert_eq!(err.code(), "unsupported_ledger_version");
}

#[test]
fn tree_head_signing_bytes_are_pinned() {
    // Given a tree head, then the bytes to sign are its tag, size and root, one per line
    let head = TreeHead {
        size: 8,
        root: h(REFERENCE_ROOTS[8]),
    };
    assert_eq!(
        String::from_utf8(head.signing_bytes()).unwrap(),
        format!("fangkong-tree-head-v1\n8\n{}\n", REFERENCE_ROOTS[8])
    );
    // And the SHA-256 of the empty tree is its root
    assert_eq!(
        MerkleTree::new().head(),
        TreeHead {
            size: 0,
            root: Hash::from_bytes(Sha256::digest(b"").into())
        }
    );
}

// ---- LEDGER.md's worked example --------------------------------------------------------------

/// The worked example of LEDGER.md ("The Merkle tree"): the numbers there, computed by hand
/// with SHA-256 (Python's hashlib), pinned so that the document cannot drift.
const WORKED_DIGESTS: [&str; 3] = [
    "e1e2bfb7eaaa187f281de8fd6669d83f6c3c3e7b618fb4dd685566ea2cd944e8",
    "092a58f35b4427a26234b51ea7aa063a1a6383faa9d7d64a6dcf2499b60bd073",
    "1f4583fb06f6b8ae51efd805b311ae65a10e1225c9e58dab74e87339a9e6fabd",
];
const WORKED_LEAVES: [&str; 3] = [
    "4554489b9c11f3b0f1788b0f144ffc2f1c7e1f355160304a66487a9f7191d343",
    "e8c335e8cc1991f1748922a7301767ae98eab63b411b0efac3ff0b0672da8563",
    "888b48169f4021da83d7c10013b0aa1435c000c0bcfbcbb7f7dca9198cb786fb",
];
const WORKED_NODE_12: &str = "2c1fb9ba73da2b5481b3abaee2a16487116846e8cdb924629c38d17592187369";
const WORKED_ROOT: &str = "2825958b81b7c95631813766515e7f5307c1e66ac44fde89a191c5a541cbffdb";

#[test]
fn ledger_md_s_worked_example_is_what_the_crate_computes() {
    // Given the three entries of a township founded as LEDGER.md says
    let reg = Registry::found(
        fangkong::Founding::new("Huochezhan", "Secretary Liu"),
        at("2020-01-23T15:00:00+08:00"),
    );
    let doc = include_str!("../LEDGER.md");
    // Then the records, their digests and leaf hashes are those in LEDGER.md
    for (i, e) in reg.ledger().entries().enumerate() {
        assert!(doc.contains(e.record_bytes().unwrap()), "record {}", i + 1);
        assert_eq!(e.digest(), h(WORKED_DIGESTS[i]));
        assert_eq!(
            MerkleTree::leaf_hash(e.digest().as_bytes()),
            h(WORKED_LEAVES[i])
        );
        assert!(doc.contains(WORKED_DIGESTS[i]) && doc.contains(WORKED_LEAVES[i]));
    }
    // And the tree heads at 2 and 3 entries, the inclusion proof of entry 2 and the
    // consistency proof from 2 to 3 entries are those in LEDGER.md
    let tree = reg.merkle_tree();
    assert_eq!(tree.head_at(2).unwrap().root, h(WORKED_NODE_12));
    assert_eq!(
        tree.head(),
        TreeHead {
            size: 3,
            root: h(WORKED_ROOT)
        }
    );
    assert!(doc.contains(WORKED_NODE_12) && doc.contains(WORKED_ROOT));
    let inclusion = tree.inclusion_proof(1, 3).unwrap();
    assert_eq!(
        serde_json::to_string(&inclusion).unwrap(),
        format!(
            r#"{{"leaf_index":1,"tree_size":3,"path":["{}","{}"]}}"#,
            WORKED_LEAVES[0], WORKED_LEAVES[2]
        )
    );
    assert!(doc.contains(&serde_json::to_string(&inclusion).unwrap()));
    let consistency = tree.consistency_proof(2, 3).unwrap();
    assert_eq!(
        serde_json::to_string(&consistency).unwrap(),
        format!(
            r#"{{"first":2,"second":3,"path":["{}"]}}"#,
            WORKED_LEAVES[2]
        )
    );
    assert!(doc.contains(&serde_json::to_string(&consistency).unwrap()));
    assert!(
        doc.contains(
            &String::from_utf8(tree.head().signing_bytes())
                .unwrap()
                .replace('\n', "\\n")
        )
    );
}

// ---- The heads a county keeps, as a file (issue 23, item 5) ---------------------------------

#[test]
fn the_heads_file_is_written_read_back_and_refuses_a_bad_line_by_its_number() {
    // Given a township that reported on three days
    let g = reported(3);
    let kept = g.reg.kept_heads();
    // Then there is one kept head per report, with the report's chain and tree heads
    assert_eq!(kept.len(), 3);
    assert_eq!(
        kept.iter().map(|k| k.head).collect::<Vec<_>>(),
        g.reg.report_heads()
    );
    assert_eq!(
        kept.iter().map(|k| k.tree_head).collect::<Vec<_>>(),
        g.reg.report_tree_heads()
    );
    // When they are written to a file, then each line is the documented JSON, and it reads back
    let file = KeptHead::to_jsonl(&kept);
    let first = &kept[0];
    assert_eq!(
        file.lines().next().unwrap(),
        format!(
            r#"{{"township":"Huochezhan","unit":1,"day":"2020-01-24","entry":{},"head":{{"seq":{},"hash":"{}"}},"tree_head":{{"size":{},"root":"{}"}}}}"#,
            first.entry,
            first.head.seq,
            first.head.hash,
            first.tree_head.size,
            first.tree_head.root
        )
    );
    let mut written = Vec::new();
    KeptHead::write_jsonl(&kept, &mut written).unwrap();
    assert_eq!(written, file.as_bytes());
    assert_eq!(KeptHead::from_jsonl(&file).unwrap(), kept);
    // When the second line's tree head is of another size, a field is added, or the file is
    // cut, then reading names the line
    let lines: Vec<&str> = file.lines().collect();
    let resized = lines[1].replacen(
        &format!(r#""size":{}"#, kept[1].tree_head.size),
        &format!(r#""size":{}"#, kept[1].tree_head.size - 1),
        1,
    );
    let extra = lines[1].replacen(r#"{"township""#, r#"{"signed":true,"township""#, 1);
    let cut = &lines[1][..lines[1].len() - 5];
    for (bad, what) in [
        (resized, "size"),
        (extra, "signed"),
        (cut.to_owned(), "EOF"),
    ] {
        let text = format!("{}\n{bad}\n{}\n", lines[0], lines[2]);
        let err = KeptHead::from_jsonl(&text).unwrap_err();
        assert!(
            matches!(
                &err,
                fangkong::LedgerError::KeptHeadsUnreadable { line: 2, .. }
            ),
            "{err:?}"
        );
        assert_eq!(err.code(), "kept_heads_unreadable");
        assert!(
            err.to_string().contains(what) || what == "size",
            "{what}: {err}"
        );
    }
}

#[test]
fn the_county_names_the_first_kept_head_a_rewritten_ledger_does_not_extend() {
    // Given a township that reported on three days, and its kept heads in a file
    let g = reported(3);
    let file = KeptHead::to_jsonl(&g.reg.kept_heads());
    let kept = KeptHead::from_jsonl(&file).unwrap();
    // Then the genuine ledger extends every one, holding the ledger or only the proofs
    let found = KeptHead::check_all(&kept, "Huochezhan", Holding::Ledger(g.reg.ledger())).unwrap();
    assert_eq!((found.heads, found.latest), (3, g.reg.merkle_tree().head()));
    assert_eq!(
        found.to_string(),
        format!(
            "the ledger of Huochezhan extends every kept head (3 heads; latest tree of {} entries; chain heads checked too)",
            found.latest.size
        )
    );
    assert!(
        found
            .display_zh()
            .to_string()
            .starts_with("Huochezhan的账本延续了全部留存的账本头（3个")
    );
    let sizes: Vec<TreeHead> = kept.iter().map(|k| k.tree_head).collect();
    let (latest, proofs) = g.reg.consistency_proofs(&sizes).unwrap();
    let by_proofs = Holding::Proofs {
        latest,
        proofs: &proofs,
    };
    assert_eq!(
        KeptHead::check_all(&kept, "Huochezhan", by_proofs).map(|e| e.heads),
        Ok(3)
    );
    // When the household registered on the second day is given another address and every hash
    // after it recomputed (the chain verifies again)
    let mut records: Vec<String> = g
        .reg
        .ledger()
        .entries()
        .map(|e| e.record_bytes().unwrap().to_owned())
        .collect();
    let k = records
        .iter()
        .position(|r| r.contains("Qianjin 1-11"))
        .unwrap();
    assert!(k as u64 >= kept[0].entry && (k as u64) < kept[1].entry);
    records[k] = records[k].replace("Qianjin 1-11", "Qianjin 1-99");
    let rewritten = rechained(&records);
    rewritten.verify().unwrap();
    // Then the check names the second day's kept head, the first that differs, holding the
    // ledger or only the proofs it gives
    let expected = Error::Ledger(fangkong::LedgerError::KeptHeadNotExtended {
        township: "Huochezhan".to_owned(),
        unit: g.reg.township(),
        day: day("2020-01-25"),
        entry: kept[1].entry,
        size: kept[1].tree_head.size,
    });
    assert_eq!(
        KeptHead::check_all(&kept, "Huochezhan", Holding::Ledger(&rewritten)),
        Err(expected.clone())
    );
    let tree = MerkleTree::of_ledger(&rewritten).unwrap();
    let (latest, proofs) = tree.consistency_proofs(&sizes).unwrap();
    assert_eq!(
        KeptHead::check_all(
            &kept,
            "Huochezhan",
            Holding::Proofs {
                latest,
                proofs: &proofs
            }
        ),
        Err(expected.clone())
    );
    assert_eq!(expected.code(), "kept_head_not_extended");
    assert_eq!(
        expected.to_string(),
        format!(
            "the ledger does not extend the head kept from the report of U1 for 2020-01-25 in Huochezhan (entry {}, a tree of {} entries): entries up to that report were changed or removed after it was sent",
            kept[1].entry, kept[1].tree_head.size
        )
    );
    // And heads kept for another township in the same file are not this township's
    let mut two = kept.clone();
    two.extend(KeptHead::from_jsonl(&file.replace("Huochezhan", "Gutang")).unwrap());
    assert_eq!(
        KeptHead::check_all(&two, "Huochezhan", Holding::Ledger(g.reg.ledger())).map(|e| e.heads),
        Ok(3)
    );
}
