//! Workloads "verify the ledger" and "replay the ledger", on the registry after every other
//! workload (grid, screening, 14 days of readings), and the limit: SHA-256 over the bytes a
//! reading's ledger entry hashes.
//!
//! - `verify/fangkong`: [`Ledger::verify`](fangkong::Ledger::verify) (every entry's SHA-256,
//!   its record read back, the chain and sequence numbers). `verify/sqlite`: `PRAGMA
//!   integrity_check` and `PRAGMA foreign_key_check`, the checks SQLite has; they find a
//!   damaged file, not a row changed through SQL, so they are the nearest equivalent, not the
//!   same guarantee. `verify/fangkong_1_thread`: the same on one thread
//!   ([`Ledger::verify_with`](fangkong::Ledger::verify_with)); `verify/jsonl_1_thread` and
//!   `verify/jsonl_all_threads`: [`Ledger::verify_jsonl`](fangkong::Ledger::verify_jsonl)
//!   straight from the file's bytes; `verify/sha256_file`: the bare SHA-256 of those bytes.
//! - `replay/fangkong`: [`Registry::replay`](fangkong::Registry::replay) (verify, read every
//!   record, apply every event). `replay/sqlite_dump`: rebuild a new database from the SQL
//!   text `sqlite3 .dump` would write (tables, one `INSERT` per row, indexes), the SQLite
//!   analogue of rebuilding state from a text log; `replay/sqlite_rows`: rebuild it from the
//!   rows already read, through prepared statements, indexes built after the load.
//! - `limit/sha256_reading_entry`: for every reading entry, SHA-256 of the domain tag, the
//!   previous hash and the record bytes — exactly what the ledger hashes when it appends the
//!   entry. Per element, compare with `readings/fangkong` per element.
//!
//! `FANGKONG_BENCH_SIZE=township|county|city cargo bench --bench ledger`

mod common;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use fangkong::ledger::Parallelism;
use fangkong::observation::{ObservationChange, ObservationEvent};
use fangkong::{Body, Event, Ledger, Registry, synth};
use sha2::{Digest, Sha256};

/// The domain tag the ledger hashes first (see `src/ledger.rs`).
const DOMAIN_TAG: &[u8] = b"fangkong-ledger-v2\n";

fn ledger(c: &mut Criterion) {
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
    let ledger = reg.ledger();
    let entries = ledger.len() as u64;
    let bytes: usize = ledger
        .entries()
        .map(|e| e.record_bytes().map_or(0, str::len))
        .sum();
    let dump = sql.dump().expect("dumps");
    let rows = sql.rows().expect("reads rows");
    common::note(
        size,
        &format!(
            "ledger: {entries} entries, {bytes} record bytes ({:.0} per entry); SQLite {} bytes, dump {} bytes",
            bytes as f64 / entries as f64,
            sql.bytes().unwrap_or(0),
            dump.len()
        ),
    );
    // The rebuilt databases hold every row.
    let restored = common::sqlite::Sql::restore(&dump).expect("restores");
    assert_eq!(
        restored.count("readings").unwrap(),
        sql.count("readings").unwrap()
    );
    restored.verify().expect("restored database verifies");
    drop(restored);

    let mut g = c.benchmark_group("verify");
    common::configure(&mut g, size);
    g.throughput(Throughput::Elements(entries));
    g.bench_function("fangkong", |b| {
        b.iter(|| black_box(ledger).verify().expect("verifies"))
    });
    g.bench_function("fangkong_1_thread", |b| {
        b.iter(|| {
            black_box(ledger)
                .verify_with(Parallelism::ONE)
                .expect("verifies")
        })
    });
    let file = ledger.to_jsonl();
    for (name, p) in [
        ("jsonl_1_thread", Parallelism::ONE),
        ("jsonl_all_threads", Parallelism::available()),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| Ledger::verify_jsonl(black_box(file.as_bytes()), p).expect("verifies"))
        });
    }
    g.bench_function("sha256_file", |b| {
        b.iter(|| Sha256::digest(black_box(file.as_bytes())))
    });
    drop(file);
    g.bench_function("sqlite", |b| b.iter(|| sql.verify().expect("verifies")));
    g.finish();

    let mut g = c.benchmark_group("replay");
    common::configure(&mut g, size);
    g.throughput(Throughput::Elements(entries));
    g.bench_function("fangkong", |b| {
        b.iter_batched(
            || (),
            |()| Registry::replay(black_box(ledger)).expect("replays"),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("fangkong_1_thread", |b| {
        b.iter_batched(
            || (),
            |()| Registry::replay_with(black_box(ledger), Parallelism::ONE).expect("replays"),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("sqlite_dump", |b| {
        b.iter_batched(
            || (),
            |()| common::sqlite::Sql::restore(black_box(&dump)).expect("restores"),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("sqlite_rows", |b| {
        b.iter_batched(
            || (),
            |()| common::sqlite::Sql::from_rows(black_box(&rows)).expect("loads"),
            BatchSize::PerIteration,
        )
    });
    g.finish();
    drop((dump, rows, sql));

    // The limit: the hash of each reading entry.
    let reading_entries: Vec<_> = ledger
        .entries()
        .filter(|e| {
            fangkong::Record::of(e).is_ok_and(|r| {
                matches!(
                    r.body,
                    Body::Event(Event::Observation(ObservationEvent::ObservationUpdated {
                        change: ObservationChange::ReadingRecorded(_),
                        ..
                    }))
                )
            })
        })
        .collect();
    let n = reading_entries.len() as u64;
    let hashed: usize = reading_entries
        .iter()
        .map(|e| DOMAIN_TAG.len() + 64 + e.record_bytes().map_or(0, str::len))
        .sum();
    common::note(
        size,
        &format!(
            "limit: {n} reading entries, {:.1} record bytes each ({:.1} bytes hashed with tag and previous hash)",
            reading_entries
                .iter()
                .map(|e| e.record_bytes().map_or(0, str::len))
                .sum::<usize>() as f64
                / n as f64,
            hashed as f64 / n as f64
        ),
    );
    let mut g = c.benchmark_group("limit");
    common::configure(&mut g, size);
    g.throughput(Throughput::Elements(n));
    g.bench_function("sha256_reading_entry", |b| {
        b.iter(|| {
            for e in &reading_entries {
                // Format version 2: the record's digest, then the chain hash over it.
                let digest = Sha256::digest(e.record_bytes().unwrap_or_default().as_bytes());
                let mut h = Sha256::new();
                h.update(DOMAIN_TAG);
                h.update(e.prev().as_bytes());
                h.update(digest);
                black_box(h.finalize());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, ledger);
criterion_main!(benches);
