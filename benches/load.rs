//! Workload "load the grid": found the registry and execute every command that lays out the
//! grid (units, staff, assignments, households, residents), each authorized and validated —
//! on fangkong (`load/fangkong`, every event also written to the hash-chained ledger) and on
//! SQLite (`load/sqlite`). `load/fangkong_build` is `synth::build`, which also generates the
//! names and numbers.
//!
//! `FANGKONG_BENCH_SIZE=township|county|city cargo bench --bench load`

mod common;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use fangkong::synth;

fn load(c: &mut Criterion) {
    let size = common::size();
    let town = common::built(size);
    let grid = common::grid(&town);
    let spec = size.spec();
    let n = grid.commands.len() as u64;
    common::note(size, &format!("load: {n} grid commands"));
    // Both sides accept the same commands and hold the same counts.
    let sql = common::sql_after(&grid, &[]);
    assert_eq!(
        sql.count("residents").unwrap() as usize,
        common::residents(&town)
    );
    assert_eq!(
        sql.count("households").unwrap() as usize,
        town.households.len()
    );
    drop(sql);
    drop(town);

    let mut g = c.benchmark_group("load");
    common::configure(&mut g, size);
    g.throughput(Throughput::Elements(n));
    g.bench_function("fangkong", |b| {
        b.iter_batched(
            || grid.clone(),
            |grid| grid.execute().expect("no refusal"),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("sqlite", |b| {
        b.iter_batched(
            || (),
            |()| {
                let mut sql =
                    common::sqlite::Sql::found(&grid.founding, grid.founded_at).expect("founds");
                sql.run(&grid.commands).expect("no refusal");
                sql
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("fangkong_build", |b| {
        b.iter_batched(
            || (),
            |()| synth::build(black_box(&spec)).expect("builds"),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
