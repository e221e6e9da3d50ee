//! Workload "screen the returnees" (摸底排查): on a registry with its grid, risk register
//! (300 designations), rule and open round, record a visit to every household (one in 40 twice)
//! and interview a tenth of the residents; a hundredth are key people, whose home observation
//! the screening opens. `screen/fangkong` and `screen/sqlite` execute the same commands.
//!
//! `FANGKONG_BENCH_SIZE=township|county|city cargo bench --bench screen`

mod common;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use fangkong::synth;

fn screen(c: &mut Criterion) {
    let size = common::size();
    let stages = common::prepared(size);
    let grid = common::grid(&stages.town);
    let preparation = synth::preparation_commands(&stages.town).expect("preparation");
    let base = common::sql_after(&grid, &[&preparation]);
    drop(grid);
    let n = stages.screening.len() as u64;
    // Both sides open the same observations.
    let mut once = stages.prepared.clone();
    common::run(&mut once, stages.screening.clone());
    let mut sql = base.copy().expect("copies");
    sql.run(&stages.screening).expect("no refusal");
    assert_eq!(
        sql.count("observations").unwrap() as usize,
        once.observations().count()
    );
    common::note(
        size,
        &format!(
            "screen: {n} commands ({} interviews), {} observations opened",
            sql.count("interviews").unwrap(),
            once.observations().count()
        ),
    );
    drop((once, sql));

    let mut g = c.benchmark_group("screen");
    common::configure(&mut g, size);
    g.throughput(Throughput::Elements(n));
    g.bench_function("fangkong", |b| {
        b.iter_batched(
            || (stages.prepared.clone(), stages.screening.clone()),
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
                sql.run(&stages.screening).expect("no refusal");
                sql
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, screen);
criterion_main!(benches);
