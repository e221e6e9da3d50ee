//! The audit trail (审计追踪): what a trail query costs against the number of entries it
//! returns, for subjects with few and many entries, in a registry after every workload.
//! The registry keeps an index of which entries concern which subject, so a trail should cost
//! about the same per entry whatever the size of the ledger.
//!
//! `FANGKONG_BENCH_SIZE=township|county cargo bench --bench trail`

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fangkong::audit::Subject;

fn trail(c: &mut Criterion) {
    let size = common::size();
    let (town, reg) = common::finished(size);
    let (key_resident, _) = reg.key_people().first().copied().expect("a key person");
    let observation = reg
        .observations()
        .next()
        .map(|o| o.id)
        .expect("an observation");
    let household = reg
        .resident(key_resident)
        .map(|r| r.household)
        .expect("a household");
    let quiet = town
        .households
        .iter()
        .flat_map(|(_, members)| members.iter().copied())
        .find(|r| {
            reg.trail(Subject::Resident(*r), &[])
                .is_ok_and(|t| t.entries.len() == 1)
        })
        .expect("a resident only registered");
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
    let subjects = [
        ("resident only registered", Subject::Resident(quiet)),
        ("household of a key person", Subject::Household(household)),
        ("observation", Subject::Observation(observation)),
        ("key person", Subject::Resident(key_resident)),
        ("busiest grid worker", Subject::Staff(worker)),
    ];
    common::note(
        size,
        &format!("trail: ledger of {} entries", reg.ledger().len()),
    );
    let mut g = c.benchmark_group("trail");
    common::configure(&mut g, size);
    for (label, subject) in subjects {
        let n = reg.trail(subject, &[]).expect("reads").entries.len() as u64;
        common::note(size, &format!("trail: {label}: {n} entries"));
        g.throughput(Throughput::Elements(n));
        g.bench_function(format!("{label} ({n} entries)"), |b| {
            b.iter(|| black_box(reg.trail(black_box(subject), &[]).expect("reads")))
        });
    }
    g.finish();
}

criterion_group!(benches, trail);
criterion_main!(benches);
