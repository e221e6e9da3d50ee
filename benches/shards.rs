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
//! ways: on the ledger in memory, and from the JSON Lines file's bytes
//! (`Ledger::verify_jsonl`, which reads and verifies as it goes), against the bare SHA-256 of
//! the same file bytes. Over several townships, verify and replay run each township on one
//! thread (`Parallelism::ONE`: the townships fill the cores); one registry alone is verified
//! and replayed with the thread count of the column.
//!
//! A city's townships do not all fit in memory with their SQLite twins and the copies each
//! timed run consumes, so they are worked through in **waves** of `FANGKONG_SHARDS_WAVE`
//! townships (all of them for a township or a county; 8 for a city): each wave is built, runs
//! every workload on 1 thread and on every core, and is dropped; a workload's time is the sum
//! of its time over the waves. `FANGKONG_SHARDS_ONE=1` runs the size as **one** registry
//! instead (the reference row: `synth::build(&size.spec())`, 1 thread).
//!
//! Next to each write workload, the bare SHA-256 of the entries it wrote (each record's digest
//! and the chain hash over it, as `Ledger::verify` computes them): the least a command that
//! keeps a hash-chained ledger costs.
//!
//! `FANGKONG_BENCH_SIZE=township|county|city cargo bench --bench shards`

mod common;

use std::hint::black_box;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::sqlite::Sql;
use fangkong::ledger::Parallelism;
use fangkong::synth::{self, GridCommands, TimedCommand, Township};
use fangkong::{Founding, Ledger, Registry};
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

struct Row {
    workload: &'static str,
    items: usize,
    unit: &'static str,
    fk: Vec<Duration>,
    sql: Option<Vec<Duration>>,
}

/// What a wave measured and counted.
#[derive(Default)]
struct Wave {
    rows: Vec<Row>,
    townships: usize,
    households: usize,
    residents: usize,
    entries: usize,
    record_bytes: usize,
    file_bytes: usize,
    figures: [usize; 4],
    observations: usize,
    sql_figures: [i64; 4],
}

impl Wave {
    /// Adds another wave's times and counts to these.
    fn add(&mut self, other: Wave) {
        if self.rows.is_empty() {
            self.rows = other.rows;
        } else {
            for (a, b) in self.rows.iter_mut().zip(other.rows) {
                a.items += b.items;
                for (x, y) in a.fk.iter_mut().zip(b.fk) {
                    *x += y;
                }
                if let (Some(x), Some(y)) = (a.sql.as_mut(), b.sql) {
                    for (x, y) in x.iter_mut().zip(y) {
                        *x += y;
                    }
                }
            }
        }
        self.townships += other.townships;
        self.households += other.households;
        self.residents += other.residents;
        self.entries += other.entries;
        self.record_bytes += other.record_bytes;
        self.file_bytes += other.file_bytes;
        for (a, b) in self.figures.iter_mut().zip(other.figures) {
            *a += b;
        }
        self.observations += other.observations;
        for (a, b) in self.sql_figures.iter_mut().zip(other.sql_figures) {
            *a += b;
        }
    }
}

/// The SHA-256 a ledger entry costs: the record's digest, then the chain hash over the domain
/// tag, the previous hash and the digest (LEDGER.md), for the entries from `from` on.
fn hash_entries(reg: &Registry, from: usize) {
    let mut prev = [0u8; 32];
    for e in reg.ledger().entries().skip(from) {
        let digest = Sha256::digest(e.record_bytes().unwrap_or_default());
        let hash = Sha256::new()
            .chain_update(b"fangkong-ledger-v2\n")
            .chain_update(prev)
            .chain_update(digest)
            .finalize();
        prev = hash.into();
    }
    black_box(prev);
}

/// The row of the bare SHA-256 of the entries a workload wrote: those of each registry from
/// its index in `from` on.
fn hash_row(
    workload: &'static str,
    threads: &[usize],
    runs: usize,
    regs: &[Registry],
    from: &[usize],
) -> Row {
    let (_, bare) = each(
        threads,
        runs,
        || regs.iter().zip(from).collect(),
        |(r, from): (&Registry, &usize)| hash_entries(r, *from),
    );
    Row {
        workload,
        items: regs
            .iter()
            .zip(from)
            .map(|(r, f)| r.ledger().len().saturating_sub(*f))
            .sum(),
        unit: "entries",
        fk: bare,
        sql: None,
    }
}

/// Times `work` over `items` on each thread count; the results of the last run.
fn each<T: Send, R: Send>(
    threads: &[usize],
    runs: usize,
    input: impl Fn() -> Vec<T>,
    work: impl Fn(T) -> R + Sync,
) -> (Vec<R>, Vec<Duration>) {
    let mut out = Vec::new();
    let mut times = Vec::new();
    for &th in threads {
        let (r, d) = timed(runs, th, &input, &work);
        times.push(d);
        out = r;
    }
    (out, times)
}

/// As [`each`], for work that can itself use threads (verify, replay): over several townships
/// each township's work runs on one thread (the townships fill the cores); a single registry
/// is given the thread count itself.
fn each_inner<T: Send, R: Send>(
    threads: &[usize],
    runs: usize,
    single: bool,
    input: impl Fn() -> Vec<T>,
    work: impl Fn(T, Parallelism) -> R + Sync,
) -> (Vec<R>, Vec<Duration>) {
    let mut out = Vec::new();
    let mut times = Vec::new();
    for &th in threads {
        let inner = if single {
            Parallelism::new(th)
        } else {
            Parallelism::ONE
        };
        let (r, d) = timed(runs, th, &input, |t| work(t, inner));
        times.push(d);
        out = r;
    }
    (out, times)
}

fn wave(mut towns: Vec<Township>, threads: &[usize], runs: usize) -> Wave {
    let mut w = Wave {
        townships: towns.len(),
        households: towns.iter().map(|t| t.households.len()).sum(),
        residents: towns.iter().map(common::residents).sum(),
        ..Wave::default()
    };
    // One registry alone cannot spread a workload over threads: it runs on one, once.
    let single = towns.len() == 1;
    let all_threads = threads;
    let threads = if single { &threads[..1] } else { threads };
    let rows = &mut w.rows;

    // ----- load -----
    let grids: Vec<GridCommands> = towns.iter().map(common::grid).collect();
    // The generator's own registries are not needed again: the loaded ones replace them.
    for t in &mut towns {
        let at = "2020-01-23T08:00:00+08:00".parse().expect("an instant");
        t.registry = Registry::found(Founding::new("-", "-"), at);
    }
    let items: usize = grids.iter().map(|g| g.commands.len()).sum();
    let (loaded, fk) = each(
        threads,
        runs,
        || grids.clone(),
        |g| g.execute().expect("loads"),
    );
    let (sqls, sq) = each(
        threads,
        runs,
        || grids.iter().collect(),
        |g: &GridCommands| {
            let mut sql = Sql::found(&g.founding, g.founded_at).expect("founds");
            sql.run(&g.commands).expect("loads");
            sql
        },
    );
    rows.push(Row {
        workload: "load",
        items,
        unit: "commands",
        fk,
        sql: Some(sq),
    });
    let none = vec![0; loaded.len()];
    rows.push(hash_row(
        "SHA-256 of the entries load wrote",
        threads,
        runs,
        &loaded,
        &none,
    ));
    drop(grids);
    let cores = *all_threads.last().unwrap_or(&1);

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
    drop(preps);
    let screenings: Vec<Vec<TimedCommand>> = towns
        .iter()
        .map(|t| synth::screening_commands(t, common::ROUND).expect("screening"))
        .collect();
    let items: usize = screenings.iter().map(Vec::len).sum();
    let (screened, fk) = each(
        threads,
        runs,
        || prepared.iter().cloned().zip(screenings.clone()).collect(),
        |(mut r, c)| {
            common::run(&mut r, c);
            r
        },
    );
    let (sqls_screened, sq) = each(
        threads,
        runs,
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
    drop(sqls);
    rows.push(Row {
        workload: "screen",
        items,
        unit: "commands",
        fk,
        sql: Some(sq),
    });
    let from: Vec<usize> = prepared.iter().map(|r| r.ledger().len()).collect();
    drop(prepared);
    rows.push(hash_row(
        "SHA-256 of the entries screening wrote",
        threads,
        runs,
        &screened,
        &from,
    ));
    drop(screenings);

    // ----- readings -----
    let readings: Vec<Vec<TimedCommand>> = towns
        .iter()
        .zip(&screened)
        .map(|(t, r)| common::readings(t, r))
        .collect();
    let items: usize = readings.iter().map(Vec::len).sum();
    let (finished, fk) = each(
        threads,
        runs,
        || screened.iter().cloned().zip(readings.clone()).collect(),
        |(mut r, c)| {
            common::run(&mut r, c);
            r
        },
    );
    let (sqls_done, sq) = each(
        threads,
        runs,
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
    let from: Vec<usize> = screened.iter().map(|r| r.ledger().len()).collect();
    drop(screened);
    rows.push(hash_row(
        "SHA-256 of the entries readings wrote",
        threads,
        runs,
        &finished,
        &from,
    ));
    drop(readings);

    // ----- figures, rolled up -----
    let day = common::report_day();
    let (figs, fk) = each(
        threads,
        runs.max(3),
        || finished.iter().collect(),
        |r: &Registry| common::figures(r, day),
    );
    for f in &figs {
        for (a, x) in w.figures.iter_mut().zip(f.total) {
            *a += x;
        }
        w.observations += f.observations.total;
    }
    let (figs, sq) = each(
        threads,
        runs.max(3),
        || sqls_done.iter().collect(),
        |s: &Mutex<Sql>| s.lock().unwrap().figures(1, day).expect("figures"),
    );
    for f in &figs {
        for (a, x) in w.sql_figures.iter_mut().zip(f.total) {
            *a += x;
        }
    }
    let rows = &mut w.rows;
    rows.push(Row {
        workload: "figures",
        items: towns.len(),
        unit: "townships",
        fk,
        sql: Some(sq),
    });

    // ----- verify, replay -----
    let entries: usize = finished.iter().map(|r| r.ledger().len()).sum();
    w.entries = entries;
    w.record_bytes = finished
        .iter()
        .flat_map(|r| r.ledger().entries())
        .map(|e| e.record_bytes().map_or(0, str::len))
        .sum();
    let (_, fk) = each_inner(
        all_threads,
        runs,
        single,
        || finished.iter().collect(),
        |r: &Registry, p| r.ledger().verify_with(p).expect("verifies"),
    );
    let (_, sq) = each(
        threads,
        runs,
        || sqls_done.iter().collect(),
        |s: &Mutex<Sql>| s.lock().unwrap().verify().expect("verifies"),
    );
    rows.push(Row {
        workload: "verify (in memory)",
        items: entries,
        unit: "entries",
        fk,
        sql: Some(sq),
    });
    // The bare SHA-256 of every record's bytes: the least any check of the records costs.
    let (_, bare) = each(
        threads,
        runs,
        || finished.iter().collect(),
        |r: &Registry| {
            for e in r.ledger().entries() {
                black_box(Sha256::digest(e.record_bytes().unwrap_or_default()));
            }
        },
    );
    rows.push(Row {
        workload: "bare SHA-256 of every record",
        items: entries,
        unit: "entries",
        fk: bare,
        sql: None,
    });
    let files: Vec<String> = finished.iter().map(|r| r.ledger().to_jsonl()).collect();
    w.file_bytes = files.iter().map(String::len).sum();
    let (_, fk) = each_inner(
        all_threads,
        runs,
        single,
        || files.iter().collect(),
        |f: &String, p| Ledger::verify_jsonl(f.as_bytes(), p).expect("verifies"),
    );
    rows.push(Row {
        workload: "verify (reading the file)",
        items: entries,
        unit: "entries",
        fk,
        sql: None,
    });
    let (_, bare) = each(
        threads,
        runs,
        || files.iter().collect(),
        |f: &String| black_box(Sha256::digest(f.as_bytes())),
    );
    rows.push(Row {
        workload: "bare SHA-256 of the file",
        items: entries,
        unit: "entries",
        fk: bare,
        sql: None,
    });
    drop(files);
    let (_, fk) = each_inner(
        all_threads,
        runs,
        single,
        || finished.iter().collect(),
        |r: &Registry, p| Registry::replay_with(r.ledger(), p).expect("replays"),
    );
    let rows_of: Vec<_> = sqls_done
        .iter()
        .map(|s| s.lock().unwrap().rows().expect("rows"))
        .collect();
    let (_, sq) = each(
        threads,
        runs,
        || rows_of.iter().collect(),
        |r: &Vec<_>| Sql::from_rows(r).expect("loads"),
    );
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
    let (_, sq) = each(
        threads,
        runs,
        || dumps.iter().collect(),
        |d: &String| Sql::restore(d).expect("restores"),
    );
    rows.push(Row {
        workload: "SQLite from its dump",
        items: entries,
        unit: "entries",
        fk: Vec::new(),
        sql: Some(sq),
    });
    w
}

fn main() {
    let size = common::size();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
    };
    let runs =
        env("FANGKONG_SHARDS_RUNS").unwrap_or(if size == synth::Size::Township { 3 } else { 1 });
    let one = env("FANGKONG_SHARDS_ONE") == Some(1);
    let shards = if one {
        1
    } else {
        synth::shard_specs(size).len()
    };
    let wave_size = env("FANGKONG_SHARDS_WAVE")
        .unwrap_or(if size == synth::Size::City { 8 } else { shards })
        .max(1);
    let threads: Vec<usize> = vec![1, cores];
    let started = Instant::now();
    let mut total = Wave::default();
    let mut build = Duration::ZERO;
    for start in (0..shards).step_by(wave_size) {
        let t = Instant::now();
        let towns: Vec<Township> = if one {
            vec![synth::build(&size.spec()).expect("the registry builds")]
        } else {
            synth::build_shards_in(size, start..start + wave_size, cores)
                .expect("the townships build")
        };
        build += t.elapsed();
        let w = wave(towns, &threads, runs);
        common::note(
            size,
            &format!(
                "wave of townships {}..{}: done at {:.1?}, peak resident set {}",
                start + 1,
                start + w.townships,
                started.elapsed(),
                peak_rss()
            ),
        );
        total.add(w);
    }
    let shape = if one {
        "one registry".to_owned()
    } else {
        format!("{} townships", total.townships)
    };
    common::note(
        size,
        &format!(
            "{shape}, {} households, {} residents, built on {cores} threads in {build:.1?} (untimed), in waves of {wave_size}; best of {runs} run(s)",
            total.households, total.residents
        ),
    );
    common::note(
        size,
        &format!(
            "figures rolled up: {:?} (groups, households, residents, staff), {} observations; SQLite: {:?}",
            total.figures, total.observations, total.sql_figures
        ),
    );
    common::note(
        size,
        &format!(
            "{} ledger entries, {} record bytes, {} file bytes; whole run {:.1?}; peak resident set {}",
            total.entries,
            total.record_bytes,
            total.file_bytes,
            started.elapsed(),
            peak_rss()
        ),
    );
    let heading = format!(
        "\n| workload ({size}, {shape}) | items | fangkong 1 thread | per item | fangkong {cores} threads | speed-up | SQLite 1 thread | SQLite {cores} threads | speed-up | ratio 1 thread | ratio {cores} threads |"
    );
    let rule = "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    println!("{heading}\n{rule}");
    let cell = |d: Option<&Duration>| d.map_or("—".to_owned(), |d| ms(*d));
    let speed_up = |d: &[Duration]| match (d.first(), d.get(1)) {
        (Some(a), Some(b)) => format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64()),
        _ => "—".to_owned(),
    };
    let ratio = |s: Option<&Duration>, f: Option<&Duration>| match (s, f) {
        (Some(s), Some(f)) => format!("{:.1}", s.as_secs_f64() / f.as_secs_f64()),
        _ => String::new(),
    };
    for r in &total.rows {
        let mut line = format!("| {} | {} {} |", r.workload, r.items, r.unit);
        if r.fk.is_empty() {
            line += " | | | |";
        } else {
            line += &format!(
                " {} | {} | {} | {} |",
                cell(r.fk.first()),
                us(r.fk[0], r.items),
                cell(r.fk.get(1)),
                speed_up(&r.fk)
            );
        }
        match &r.sql {
            Some(s) => {
                line += &format!(
                    " {} | {} | {} | {} | {} |",
                    cell(s.first()),
                    cell(s.get(1)),
                    speed_up(s),
                    ratio(s.first(), r.fk.first()),
                    ratio(s.get(1), r.fk.get(1))
                );
            }
            None => line += " | | | | |",
        }
        println!("{line}");
    }
    println!("\npeak resident set: {}", peak_rss());
}
