//! Issue 22: the ledger's Merkle tree. What a trail export weighs with chain proofs (before) and
//! with inclusion proofs to one tree head (after); the time to produce and verify an inclusion
//! and a consistency proof; the extra cost of an appended entry; the tree's memory per entry.
//!
//! `FANGKONG_BENCH_SIZE=township|county cargo bench --bench merkle -- --warm-up-time 1 --measurement-time 3`
//!
//! The export sizes are printed (`[fangkong bench …] export …` lines), not timed. Kept heads are
//! the ledger's heads at the end of each day (what a daily report submitted at the end of each
//! day carries); "after" proves every entry to the tree head of the last day's end.

mod common;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use fangkong::audit::Subject;
use fangkong::ledger::MerkleTree;
use fangkong::report::{ReportCommand, Schedule};
use fangkong::{Hash, Head, Instant, Registry, StaffId, TreeHead};
use serde_json::json;

/// The JSON bytes of `subject`'s trail exported with chain proofs, each entry proved to the
/// first of `kept` at or after it (the format before issue 22), and the number of digests.
fn chain_export_size(
    reg: &Registry,
    subject: Subject,
    kept: &[Head],
    after: u64,
) -> (usize, usize) {
    let trail = reg.trail(subject, &[]).expect("the trail reads");
    let (mut bytes, mut digests) = (0, 0);
    for e in trail.entries.iter().filter(|e| e.seq > after) {
        let record = reg
            .ledger()
            .entry(e.seq)
            .and_then(|x| x.record_bytes())
            .expect("held")
            .to_owned();
        let Some(head) = kept.iter().find(|h| h.seq >= e.seq) else {
            bytes += json!({"seq": e.seq, "record": record}).to_string().len() + 1;
            continue;
        };
        let proof = reg.ledger().proof_to(e.seq, head.seq).expect("provable");
        digests += proof.digests.len();
        bytes += json!({"record": record, "proof": proof}).to_string().len() + 1;
    }
    (bytes, digests)
}

/// The JSON bytes of `subject`'s trail exported with inclusion proofs to `head` (made by the
/// registry, on a copy: an export is recorded), and the number of hashes; with `after`, only
/// the entries after that sequence number (their JSON and their proofs' hashes).
fn tree_export_size(
    reg: &Registry,
    subject: Subject,
    at: Instant,
    head: TreeHead,
    after: u64,
) -> (usize, usize) {
    let mut copy = reg.clone();
    let leader = StaffId::new(1);
    let export = copy
        .export_trail_to(leader, at, subject, &[], head)
        .expect("the export is made");
    let kept = [head];
    export.check(&kept).expect("the export checks");
    if after == 0 {
        return (
            serde_json::to_string(&export).expect("serializes").len(),
            export.hash_count(),
        );
    }
    let day: Vec<_> = export.entries.iter().filter(|e| e.seq() > after).collect();
    (
        day.iter()
            .map(|e| serde_json::to_string(e).expect("serializes").len() + 1)
            .sum(),
        day.iter().map(|e| e.proof.path.len()).sum(),
    )
}

fn mb(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{:.1} kB", bytes as f64 / 1e3)
    }
}

fn report_sizes(size: fangkong::synth::Size, reg: &Registry, town: &fangkong::synth::Township) {
    let kept: Vec<Head> = reg.day_heads().map(|(_, h)| h).collect();
    let last = *kept.last().expect("a day head");
    let head = reg.merkle_tree().head_at(last.seq).expect("held");
    let at = reg
        .ledger()
        .records()
        .last()
        .expect("an entry")
        .expect("reads")
        .at;
    // The resident with the most entries.
    let resident = town
        .households
        .iter()
        .flat_map(|(_, members)| members.iter().copied())
        .max_by_key(|r| {
            reg.trail(Subject::Resident(*r), &[])
                .map_or(0, |t| t.entries.len())
        })
        .expect("a resident");
    let worker = reg
        .staff_ids()
        .filter(|s| {
            reg.staff(*s)
                .is_some_and(|x| x.role == fangkong::Role::GridWorker)
        })
        .max_by_key(|s| {
            reg.trail(Subject::Staff(*s), &[])
                .map_or(0, |t| t.entries.len())
        })
        .expect("a grid worker");
    for (label, subject) in [
        (
            "resident with the most entries",
            Subject::Resident(resident),
        ),
        ("busiest grid worker", Subject::Staff(worker)),
    ] {
        let n = reg.trail(subject, &[]).expect("reads").entries.len();
        let (before, digests) = chain_export_size(reg, subject, &kept, 0);
        let (after, hashes) = tree_export_size(reg, subject, at, head, 0);
        common::note(
            size,
            &format!(
                "export {label}: {n} entries, ledger {} entries: chain proofs {} ({digests} digests) -> inclusion proofs {} ({hashes} hashes)",
                head.size,
                mb(before),
                mb(after)
            ),
        );
    }
}

/// A grid worker who records 3,000 entries (households registered) in one day, between the
/// township's reports of the day before and of that day: the export of their trail before and
/// after.
fn busy_day(size: fangkong::synth::Size) {
    let town = common::built(size);
    let mut reg = town.registry.clone();
    let leader = StaffId::new(1);
    let (group, worker) = town.grid_workers[0];
    let township = reg.township();
    let d0: fangkong::Day = "2020-01-24".parse().expect("a day");
    let t = |s: &str| -> Instant { s.parse().expect("an instant") };
    reg.execute(
        leader,
        t("2020-01-24T08:00:00+08:00"),
        ReportCommand::SetSchedule {
            schedule: Schedule::new(d0),
        },
    )
    .expect("schedule");
    reg.submit_report(leader, t("2020-01-24T20:00:00+08:00"), township, d0, "")
        .expect("report");
    for k in 0..3_000 {
        reg.register_household(
            worker,
            t("2020-01-25T10:00:00+08:00"),
            group,
            format!("busy day {k}"),
        )
        .expect("registers");
    }
    let d1 = "2020-01-25".parse().expect("a day");
    reg.submit_report(leader, t("2020-01-25T20:00:00+08:00"), township, d1, "")
        .expect("report");
    let kept = reg.report_heads();
    let head = *reg.report_tree_heads().last().expect("a tree head");
    let subject = Subject::Staff(worker);
    let n = reg.trail(subject, &[]).expect("reads").entries.len();
    let at = t("2020-01-25T21:00:00+08:00");
    let day_start = kept[0].seq;
    for (what, after) in [("whole trail", 0), ("the day's entries only", day_start)] {
        let (before, digests) = chain_export_size(&reg, subject, &kept, after);
        let (after, hashes) = tree_export_size(&reg, subject, at, head, after);
        common::note(
            size,
            &format!(
                "export grid worker with 3,000 entries in one day, {what}: {n} entries in the trail, ledger {} entries: chain proofs {} ({digests} digests) -> inclusion proofs {} ({hashes} hashes)",
                head.size,
                mb(before),
                mb(after)
            ),
        );
    }
}

fn merkle(c: &mut Criterion) {
    let size = common::size();
    let (town, reg) = common::finished(size);
    report_sizes(size, &reg, &town);
    busy_day(size);

    let tree = reg.merkle_tree();
    let n = tree.size();
    common::note(size, &format!("merkle: tree of {n} entries"));
    let mut g = c.benchmark_group("merkle");
    common::configure(&mut g, size);
    // Proofs in the tree now, for an entry in the middle, and from the middle size.
    let index = n / 2 - 1;
    let head = tree.head();
    let leaf = tree.leaf_hash_at(index).expect("held");
    g.bench_function(format!("inclusion proof, make ({n} entries)"), |b| {
        b.iter(|| black_box(tree.inclusion_proof(black_box(index), n).expect("held")))
    });
    let inclusion = tree.inclusion_proof(index, n).expect("held");
    g.bench_function(format!("inclusion proof, verify ({n} entries)"), |b| {
        b.iter(|| inclusion.verify(black_box(&leaf), &head).expect("holds"))
    });
    let m = n / 2 + 1;
    g.bench_function(format!("consistency proof, make ({m} -> {n})"), |b| {
        b.iter(|| black_box(tree.consistency_proof(black_box(m), n).expect("held")))
    });
    let earlier = tree.head_at(m).expect("held");
    let consistency = tree.consistency_proof(m, n).expect("held");
    g.bench_function(format!("consistency proof, verify ({m} -> {n})"), |b| {
        b.iter(|| {
            consistency
                .verify(black_box(&earlier), &head)
                .expect("holds")
        })
    });
    g.bench_function(format!("tree head at a past size ({m} of {n})"), |b| {
        b.iter(|| black_box(tree.head_at(black_box(m)).expect("held")))
    });
    // The extra cost of an appended entry: one leaf hash and the node hashes it completes.
    g.bench_function("append 1,024 leaves to the tree", |b| {
        b.iter_batched(
            || tree.clone(),
            |mut t| {
                for k in 0..1_024u32 {
                    t.push_leaf_hash(Hash::from_bytes([k as u8; 32]));
                }
                t
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function(
        "SHA-256 of 1,024 record-sized inputs (300 B), for scale",
        |b| {
            let record = [7u8; 300];
            b.iter(|| {
                for _ in 0..1_024 {
                    black_box(Hash::of(black_box(&record)));
                }
            })
        },
    );
    g.bench_function(
        format!("rebuild the tree from the ledger ({n} entries)"),
        |b| b.iter(|| black_box(MerkleTree::of_ledger(reg.ledger()).expect("whole"))),
    );
    g.finish();
}

criterion_group!(benches, merkle);
criterion_main!(benches);
