//! Workload "ingest readings" (体温报告): 14 days of twice-daily temperature readings for
//! every key person under observation, reported through their grid worker, in time order.
//! `readings/fangkong` and `readings/sqlite` execute the same commands; the throughput is in
//! readings per second.
//!
//! `FANGKONG_BENCH_SIZE=township|county|city cargo bench --bench readings`

mod common;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use fangkong::synth;

fn readings(c: &mut Criterion) {
    let size = common::size();
    let stages = common::prepared(size);
    let grid = common::grid(&stages.town);
    let preparation = synth::preparation_commands(&stages.town).expect("preparation");
    let screening = stages.screening.clone();
    let (town, screened) = stages.screen();
    let readings = common::readings(&town, &screened);
    let base = common::sql_after(&grid, &[&preparation, &screening]);
    drop((grid, preparation, screening, town));
    let n = readings.len() as u64;
    let mut sql = base.copy().expect("copies");
    sql.run(&readings).expect("no refusal");
    assert_eq!(sql.count("readings").unwrap() as u64, n);
    common::note(size, &format!("readings: {n} readings"));
    drop(sql);

    let mut g = c.benchmark_group("readings");
    common::configure(&mut g, size);
    g.throughput(Throughput::Elements(n));
    g.bench_function("fangkong", |b| {
        b.iter_batched(
            || (screened.clone(), readings.clone()),
            |(mut reg, commands)| {
                common::run(&mut reg, commands);
                reg
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("sqlite", |b| {
        b.iter_batched(
            || base.copy().expect("copies"),
            |mut sql| {
                sql.run(&readings).expect("no refusal");
                sql
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, readings);
criterion_main!(benches);
