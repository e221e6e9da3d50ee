//! Benchmarks of the foundation: building a township through the registry, verifying its
//! ledger, replaying it, and the SHA-256 that every ledger entry costs.
//!
//! `cargo bench` runs the township of the article (4,248 households). Set
//! `FANGKONG_BENCH_SCALE=N` to multiply it (N = 10 is about a county).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use fangkong::Registry;
use fangkong::synth::{self, TownshipSpec};
use sha2::{Digest, Sha256};

fn scale() -> u32 {
    std::env::var("FANGKONG_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

fn registry(c: &mut Criterion) {
    let spec = TownshipSpec::huochezhan().scaled(scale());
    let town = synth::build(&spec).expect("the synthetic township builds");
    let ledger = town.registry.ledger().clone();
    let mut g = c.benchmark_group("registry");
    g.sample_size(10);
    g.bench_function("build township", |b| {
        b.iter(|| synth::build(black_box(&spec)))
    });
    g.bench_function("verify ledger", |b| b.iter(|| black_box(&ledger).verify()));
    g.bench_function("replay ledger", |b| {
        b.iter(|| Registry::replay(black_box(&ledger)))
    });
    g.bench_function("sha256 of every entry", |b| {
        b.iter(|| {
            for e in ledger.entries() {
                black_box(Sha256::digest(e.record_bytes().unwrap_or_default().as_bytes()));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, registry);
criterion_main!(benches);
