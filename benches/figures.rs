//! Workload "daily figures" (日报): every village's groups, households, residents and staff,
//! rolled up into the total; the observation counts of the day; the screening round's
//! coverage with its lists of unvisited and unscreened households and follow-ups. On the
//! registry after every other workload (grid, screening, 14 days of readings).
//!
//! `FANGKONG_BENCH_SIZE=township|county|city cargo bench --bench figures`

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use fangkong::synth;

fn figures(c: &mut Criterion) {
    let size = common::size();
    let stages = common::prepared(size);
    let grid = common::grid(&stages.town);
    let preparation = synth::preparation_commands(&stages.town).expect("preparation");
    let screening = stages.screening.clone();
    let (town, mut reg) = stages.screen();
    let readings = common::readings(&town, &reg);
    let sql = common::sql_after(&grid, &[&preparation, &screening, &readings]);
    common::run(&mut reg, readings);
    drop((grid, preparation, screening, town));
    let day = common::report_day();
    // Both sides give the same figures.
    let f = common::figures(&reg, day);
    let s = sql.figures(1, day).expect("figures");
    let total: Vec<i64> = f.total.iter().map(|x| *x as i64).collect();
    assert_eq!(total, s.total.to_vec());
    assert_eq!(f.villages.len(), s.villages.len());
    assert_eq!(f.screened as i64, s.coverage.screened);
    assert_eq!(f.households as i64, s.coverage.households);
    assert_eq!(f.observations.total as i64, s.observations[0]);
    assert_eq!(f.observations.under_observation as i64, s.observations[1]);
    common::note(
        size,
        &format!(
            "figures: {} villages, totals {:?} (groups, households, residents, staff), {} observations",
            f.villages.len(),
            f.total,
            f.observations.total
        ),
    );

    let mut g = c.benchmark_group("figures");
    common::configure(&mut g, size);
    g.bench_function("fangkong", |b| {
        b.iter(|| common::figures(black_box(&reg), day))
    });
    g.bench_function("sqlite", |b| {
        b.iter(|| sql.figures(1, day).expect("figures"))
    });
    g.finish();
}

criterion_group!(benches, figures);
criterion_main!(benches);
