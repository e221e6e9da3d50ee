//! A county or a city as township registries working side by side (issue 14): every
//! workload — load, screen, readings, figures, verify, replay — over the townships of
//! [`synth::build_shards`], on 1 thread and on every core (`std::thread::scope`, each thread
//! taking the next township), and SQLite doing the same work side by side: one in-memory
//! database per township on the same threads. The figures of the townships are added up into
//! the county's (or city's), as the daily report rolls up.
//!
//! Single timed runs (the best of `FANGKONG_SHARDS_RUNS`, 3 for a township, 1 otherwise), not
//! criterion: a county's workload on one thread takes seconds and the city's minutes. Set-up
//! (generating commands, cloning registries and commands) is not timed. Verify is timed two
//! ways: on the ledger in memory, and from the JSON Lines file's bytes (read with
//! `Ledger::read_jsonl`, then verified), against the bare SHA-256 of the same file bytes.
//!
//! `FANGKONG_BENCH_SIZE=township|county|city cargo bench --bench shards`

mod common;

use std::hint::black_box;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::sqlite::Sql;
use fangkong::synth::{self, GridCommands, TimedCommand, Township};
use fangkong::{Ledger, Registry};
use sha2::{Digest, Sha256};

/// Runs `f` over `items` on `threads` threads, each taking the next item; the results in the
/// order of the items, and the wall time.
fn par<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> R + Sync,
) -> (Vec<R>, Duration) {
    let n = items.len();
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let out: Vec<Mutex<Option<R>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads.clamp(1, n.max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let item = slots[i].lock().unwrap().take().unwrap();
                    let r = f(item);
                    *out[i].lock().unwrap() = Some(r);
                }
            });
        }
    });
    let took = start.elapsed();
    (
        out.into_iter()
            .map(|m| m.into_inner().unwrap().unwrap())
            .collect(),
        took,
    )
}

/// The best wall time of `runs` runs of `par` over fresh inputs from `input`, and the results
/// of the last run.
fn timed<T: Send, R: Send>(
    runs: usize,
    threads: usize,
    input: impl Fn() -> Vec<T>,
    f: impl Fn(T) -> R + Sync,
) -> (Vec<R>, Duration) {
    let mut best = Duration::MAX;
    let mut last = Vec::new();
    for _ in 0..runs.max(1) {
        let items = input();
        let (r, took) = par(items, threads, &f);
        best = best.min(took);
        drop(std::mem::replace(&mut last, r));
    }
    (last, best)
}

struct Row {
    workload: &'static str,
    items: usize,
    unit: &'static str,
    fk: [Duration; 2],
    sql: Option<[Duration; 2]>,
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms >= 10_000.0 {
        format!("{:.2} s", ms / 1e3)
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

fn us(d: Duration, n: usize) -> String {
    format!("{:.3} µs", d.as_secs_f64() * 1e6 / n.max(1) as f64)
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

fn main() {
    let size = common::size();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let runs: usize = std::env::var("FANGKONG_SHARDS_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if size == synth::Size::Township { 3 } else { 1 });
    let t = Instant::now();
    let towns: Vec<Township> = synth::build_shards(size, cores).expect("the townships build");
    let residents: usize = towns.iter().map(common::residents).sum();
    common::note(
        size,
        &format!(
            "{} township registries, {} households, {residents} residents, built on {cores} threads in {:.1?}; best of {runs} run(s)",
            towns.len(),
            towns.iter().map(|t| t.households.len()).sum::<usize>(),
            t.elapsed()
        ),
    );
    let threads = [1, cores];
    let mut rows = Vec::new();

    // ----- load -----
    let grids: Vec<GridCommands> = towns.iter().map(common::grid).collect();
    let items: usize = grids.iter().map(|g| g.commands.len()).sum();
    let mut fk = [Duration::ZERO; 2];
    let mut loaded = Vec::new();
    for (k, th) in threads.into_iter().enumerate() {
        let (regs, d) = timed(runs, th, || grids.clone(), |g| g.execute().expect("loads"));
        fk[k] = d;
        loaded = regs;
    }
    let mut sq = [Duration::ZERO; 2];
    let mut sqls = Vec::new();
    for (k, th) in threads.into_iter().enumerate() {
        let (s, d) = timed(
            runs,
            th,
            || grids.iter().collect(),
            |g: &GridCommands| {
                let mut sql = Sql::found(&g.founding, g.founded_at).expect("founds");
                sql.run(&g.commands).expect("loads");
                sql
            },
        );
        sq[k] = d;
        sqls = s;
    }
    rows.push(Row {
        workload: "load",
        items,
        unit: "commands",
        fk,
        sql: Some(sq),
    });
    drop(grids);

    // ----- preparation (untimed), screen -----
    let preps: Vec<Vec<TimedCommand>> = towns
        .iter()
        .map(|t| synth::preparation_commands(t).expect("preparation"))
        .collect();
    let prepared: Vec<Registry> = par(
        loaded.into_iter().zip(preps.clone()).collect(),
        cores,
        |(mut r, p)| {
            common::run(&mut r, p);
            r
        },
    )
    .0;
    let sqls: Vec<Sql> = par(
        sqls.into_iter().zip(&preps).collect(),
        cores,
        |(mut s, p)| {
            s.run(p).expect("prepares");
            s
        },
    )
    .0;
    let screenings: Vec<Vec<TimedCommand>> = towns
        .iter()
        .map(|t| synth::screening_commands(t, common::ROUND).expect("screening"))
        .collect();
    let items: usize = screenings.iter().map(Vec::len).sum();
    let mut screened = Vec::new();
    for (k, th) in threads.into_iter().enumerate() {
        let (regs, d) = timed(
            runs,
            th,
            || prepared.iter().cloned().zip(screenings.clone()).collect(),
            |(mut r, c)| {
                common::run(&mut r, c);
                r
            },
        );
        fk[k] = d;
        screened = regs;
    }
    drop(prepared);
    let mut sqls_screened = Vec::new();
    for (k, th) in threads.into_iter().enumerate() {
        let (s, d) = timed(
            runs,
            th,
            || {
                sqls.iter()
                    .map(|s| s.copy().expect("copies"))
                    .zip(&screenings)
                    .collect()
            },
            |(mut s, c): (Sql, &Vec<TimedCommand>)| {
                s.run(c).expect("screens");
                s
            },
        );
        sq[k] = d;
        sqls_screened = s;
    }
    drop(sqls);
    rows.push(Row {
        workload: "screen",
        items,
        unit: "commands",
        fk,
        sql: Some(sq),
    });
    drop(screenings);

    // ----- readings -----
    let readings: Vec<Vec<TimedCommand>> = towns
        .iter()
        .zip(&screened)
        .map(|(t, r)| common::readings(t, r))
        .collect();
    let items: usize = readings.iter().map(Vec::len).sum();
    let mut finished = Vec::new();
    for (k, th) in threads.into_iter().enumerate() {
        let (regs, d) = timed(
            runs,
            th,
            || screened.iter().cloned().zip(readings.clone()).collect(),
            |(mut r, c)| {
                common::run(&mut r, c);
                r
            },
        );
        fk[k] = d;
        finished = regs;
    }
    drop(screened);
    let mut sqls_done = Vec::new();
    for (k, th) in threads.into_iter().enumerate() {
        let (s, d) = timed(
            runs,
            th,
            || {
                sqls_screened
                    .iter()
                    .map(|s| s.copy().expect("copies"))
                    .zip(&readings)
                    .collect()
            },
            |(mut s, c): (Sql, &Vec<TimedCommand>)| {
                s.run(c).expect("records readings");
                s
            },
        );
        sq[k] = d;
        sqls_done = s;
    }
    drop(sqls_screened);
    // A connection is not shared between threads: each is handed to one thread at a time.
    let sqls_done: Vec<Mutex<Sql>> = sqls_done.into_iter().map(Mutex::new).collect();
    rows.push(Row {
        workload: "readings",
        items,
        unit: "readings",
        fk,
        sql: Some(sq),
    });
    drop(readings);

    // ----- figures, rolled up -----
    let day = common::report_day();
    for (k, th) in threads.into_iter().enumerate() {
        let (figs, d) = timed(
            runs.max(3),
            th,
            || finished.iter().collect(),
            |r: &Registry| common::figures(r, day),
        );
        fk[k] = d;
        if k == 0 {
            let total = figs.iter().fold([0usize; 4], |mut acc, f| {
                for (a, x) in acc.iter_mut().zip(f.total) {
                    *a += x;
                }
                acc
            });
            let observations: usize = figs.iter().map(|f| f.observations.total).sum();
            common::note(
                size,
                &format!(
                    "figures rolled up: {total:?} (groups, households, residents, staff), {observations} observations"
                ),
            );
        }
    }
    for (k, th) in threads.into_iter().enumerate() {
        let (figs, d) = timed(
            runs.max(3),
            th,
            || sqls_done.iter().collect(),
            |s: &Mutex<Sql>| s.lock().unwrap().figures(1, day).expect("figures"),
        );
        sq[k] = d;
        if k == 0 {
            let total = figs.iter().fold([0i64; 4], |mut acc, f| {
                for (a, x) in acc.iter_mut().zip(f.total) {
                    *a += x;
                }
                acc
            });
            common::note(size, &format!("SQLite figures rolled up: {total:?}"));
        }
    }
    rows.push(Row {
        workload: "figures",
        items: towns.len(),
        unit: "townships",
        fk,
        sql: Some(sq),
    });

    // ----- verify, replay -----
    let entries: usize = finished.iter().map(|r| r.ledger().len()).sum();
    let record_bytes: usize = finished
        .iter()
        .flat_map(|r| r.ledger().entries())
        .map(|e| e.record_bytes().map_or(0, str::len))
        .sum();
    for (k, th) in threads.into_iter().enumerate() {
        fk[k] = timed(
            runs,
            th,
            || finished.iter().collect(),
            |r: &Registry| r.ledger().verify().expect("verifies"),
        )
        .1;
    }
    for (k, th) in threads.into_iter().enumerate() {
        sq[k] = timed(
            runs,
            th,
            || sqls_done.iter().collect(),
            |s: &Mutex<Sql>| s.lock().unwrap().verify().expect("verifies"),
        )
        .1;
    }
    rows.push(Row {
        workload: "verify (in memory)",
        items: entries,
        unit: "entries",
        fk,
        sql: Some(sq),
    });
    // The bare SHA-256 of every record's bytes: the least any check of the records costs.
    let mut bare = [Duration::ZERO; 2];
    for (k, th) in threads.into_iter().enumerate() {
        bare[k] = timed(
            runs,
            th,
            || finished.iter().collect(),
            |r: &Registry| {
                for e in r.ledger().entries() {
                    black_box(Sha256::digest(e.record_bytes().unwrap_or_default()));
                }
            },
        )
        .1;
    }
    rows.push(Row {
        workload: "bare SHA-256 of every record",
        items: entries,
        unit: "entries",
        fk: bare,
        sql: None,
    });
    let files: Vec<String> = finished.iter().map(|r| r.ledger().to_jsonl()).collect();
    let file_bytes: usize = files.iter().map(String::len).sum();
    for (k, th) in threads.into_iter().enumerate() {
        fk[k] = timed(
            runs,
            th,
            || files.iter().collect(),
            |f: &String| {
                let loaded = Ledger::read_jsonl(f.as_bytes()).expect("reads");
                loaded.ledger.verify().expect("verifies")
            },
        )
        .1;
    }
    rows.push(Row {
        workload: "verify (reading the file)",
        items: entries,
        unit: "entries",
        fk,
        sql: None,
    });
    for (k, th) in threads.into_iter().enumerate() {
        bare[k] = timed(
            runs,
            th,
            || files.iter().collect(),
            |f: &String| black_box(Sha256::digest(f.as_bytes())),
        )
        .1;
    }
    rows.push(Row {
        workload: "bare SHA-256 of the file",
        items: entries,
        unit: "entries",
        fk: bare,
        sql: None,
    });
    drop(files);
    for (k, th) in threads.into_iter().enumerate() {
        fk[k] = timed(
            runs,
            th,
            || finished.iter().collect(),
            |r: &Registry| Registry::replay(r.ledger()).expect("replays"),
        )
        .1;
    }
    let rows_of: Vec<_> = sqls_done
        .iter()
        .map(|s| s.lock().unwrap().rows().expect("rows"))
        .collect();
    for (k, th) in threads.into_iter().enumerate() {
        sq[k] = timed(
            runs,
            th,
            || rows_of.iter().collect(),
            |r: &Vec<_>| Sql::from_rows(r).expect("loads"),
        )
        .1;
    }
    rows.push(Row {
        workload: "replay / SQLite from rows",
        items: entries,
        unit: "entries",
        fk,
        sql: Some(sq),
    });
    drop(rows_of);
    let dumps: Vec<String> = sqls_done
        .iter()
        .map(|s| s.lock().unwrap().dump().expect("dumps"))
        .collect();
    for (k, th) in threads.into_iter().enumerate() {
        sq[k] = timed(
            runs,
            th,
            || dumps.iter().collect(),
            |d: &String| Sql::restore(d).expect("restores"),
        )
        .1;
    }
    rows.push(Row {
        workload: "SQLite from its dump",
        items: entries,
        unit: "entries",
        fk: [Duration::ZERO; 2],
        sql: Some(sq),
    });

    common::note(
        size,
        &format!(
            "{entries} ledger entries, {record_bytes} record bytes, {file_bytes} file bytes; peak resident set {}",
            peak_rss()
        ),
    );
    println!(
        "\n| workload ({size}, {} townships) | items | fangkong 1 thread | per item | fangkong {cores} threads | speed-up | SQLite 1 thread | SQLite {cores} threads | speed-up | ratio 1 thread | ratio {cores} threads |",
        towns.len()
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let fk = if r.fk[0].is_zero() {
            "| | | | ".to_owned()
        } else {
            format!(
                "| {} | {} | {} | {:.2}× ",
                ms(r.fk[0]),
                us(r.fk[0], r.items),
                ms(r.fk[1]),
                r.fk[0].as_secs_f64() / r.fk[1].as_secs_f64()
            )
        };
        let sql = match r.sql {
            Some(s) => {
                let ratio = |k: usize| {
                    if r.fk[k].is_zero() {
                        String::new()
                    } else {
                        format!("{:.1}", s[k].as_secs_f64() / r.fk[k].as_secs_f64())
                    }
                };
                format!(
                    "| {} | {} | {:.2}× | {} | {} |",
                    ms(s[0]),
                    ms(s[1]),
                    s[0].as_secs_f64() / s[1].as_secs_f64(),
                    ratio(0),
                    ratio(1)
                )
            }
            None => "| | | | | |".to_owned(),
        };
        println!("| {} | {} {} {fk}{sql}", r.workload, r.items, r.unit);
    }
    println!("\npeak resident set: {}", peak_rss());
}
