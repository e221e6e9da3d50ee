//! Memory: live heap bytes per resident of the registry after building the grid and after
//! every workload (screening, 14 days of readings): the state without the audit trail's index,
//! the index on its own (bytes per entry), the ledger in memory against its JSON Lines bytes,
//! a breakdown of the state by table, and the SQLite database's size for the same data.
//!
//! A counting global allocator tracks every Rust allocation (SQLite allocates through the C
//! library, so its size is read from `PRAGMA page_count` × `page_size` instead). The ledger is
//! weighed by draining it (no copy); the tables are weighed by cloning them one at a time (a
//! clone holds no spare room, so they add up to a little less than the state). The SQLite
//! side runs after the registry is dropped, so the peak resident set (`VmHWM`) is the larger
//! of the two, not their sum.
//!
//! `FANGKONG_BENCH_SIZE=township|county|city cargo bench --bench memory`

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use fangkong::synth;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to the system allocator unchanged; only counters change.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

fn mib(b: usize) -> f64 {
    b as f64 / (1024.0 * 1024.0)
}

/// Counts the bytes written to it.
#[derive(Default)]
struct Count(usize);

impl std::io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The peak resident set of this process so far (`VmHWM`), in bytes.
fn peak_rss() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// What one stage weighed.
struct Weighed {
    stage: &'static str,
    /// Ledger entries held, the ledger in memory and its JSON Lines bytes.
    entries: usize,
    ledger: usize,
    disk: usize,
    /// Entries of the whole ledger (drained ones included) and the trail index's bytes.
    all_entries: u64,
    trail: usize,
    /// The state's tables, each weighed by a clone.
    parts: Vec<(&'static str, usize)>,
    /// The registry without its ledger (exact, or `None` until known).
    rest: Option<usize>,
}

/// Weighs the ledger (by draining it: no copy), the trail index and the tables.
fn weigh(stage: &'static str, reg: &mut fangkong::Registry) -> Weighed {
    let entries = reg.ledger().len();
    let mut disk = Count::default();
    reg.ledger()
        .write_jsonl(&mut disk)
        .expect("counting cannot fail");
    let mut trail = 0;
    let mut parts = Vec::new();
    for (name, spare, clone) in reg.parts() {
        let before = live();
        let copy = clone();
        let bytes = live() - before + spare;
        drop(copy);
        if name == "audit trail index" {
            trail = bytes;
        } else {
            parts.push((name, bytes));
        }
    }
    let before = live();
    drop(reg.drain_ledger());
    let ledger = before - live();
    Weighed {
        stage,
        entries,
        ledger,
        disk: disk.0,
        all_entries: reg.ledger().head().seq,
        trail,
        parts,
        rest: None,
    }
}

/// Prints what a stage weighed; returns the state's bytes without the trail index.
fn print(w: &Weighed, residents: usize) -> usize {
    let per = |b: usize| b as f64 / residents as f64;
    let without_ledger = w.rest.unwrap_or(0);
    let total = without_ledger + w.ledger;
    let state = without_ledger.saturating_sub(w.trail);
    println!(
        "{}: {residents} residents, {} ledger entries held",
        w.stage, w.entries
    );
    println!(
        "  registry live bytes     {:>12} ({:>8.1} MiB) = {:>6.0} B per resident",
        total,
        mib(total),
        per(total)
    );
    println!(
        "  ledger in memory        {:>12} ({:>8.1} MiB) = {:>6.0} B per resident, {:.0} B per entry; JSON Lines {} B ({:.0} per entry): {:.2}x its bytes on disk",
        w.ledger,
        mib(w.ledger),
        per(w.ledger),
        w.ledger as f64 / w.entries.max(1) as f64,
        w.disk,
        w.disk as f64 / w.entries.max(1) as f64,
        w.ledger as f64 / w.disk.max(1) as f64
    );
    println!(
        "  audit trail index       {:>12} ({:>8.1} MiB) = {:>6.0} B per resident, {:.1} B per entry of the whole ledger ({} entries)",
        w.trail,
        mib(w.trail),
        per(w.trail),
        w.trail as f64 / w.all_entries.max(1) as f64,
        w.all_entries
    );
    println!(
        "  STATE without ledger and trail index {:>8} ({:>8.1} MiB) = {:>6.0} B per resident",
        state,
        mib(state),
        per(state)
    );
    let sum: usize = w.parts.iter().map(|(_, b)| b).sum();
    for (name, bytes) in &w.parts {
        println!(
            "    {name:<34} {bytes:>12} = {:>6.1} B per resident",
            per(*bytes)
        );
    }
    println!(
        "    {:<34} {:>12} = {:>6.1} B per resident (spare room of vectors and chunks, the registry's own fields)",
        "(rest)",
        state.saturating_sub(sum),
        per(state.saturating_sub(sum))
    );
    state
}

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to filter.
    let size = common::size();
    println!(
        "sizes: Resident {} B, ResidentDetails {} B, Household {} B, InterviewRecord {} B, Visit {} B, ledger Entry {} B",
        std::mem::size_of::<fangkong::Resident>(),
        std::mem::size_of::<fangkong::ResidentDetails>(),
        std::mem::size_of::<fangkong::Household>(),
        std::mem::size_of::<fangkong::screening::InterviewRecord>(),
        std::mem::size_of::<fangkong::screening::Visit>(),
        std::mem::size_of::<fangkong::Entry>(),
    );
    println!(
        "sizes: Interview {} B, ScreeningOutcome {} B, KeyPerson {} B, TravelHistory {} B, Exposure {} B, ObservationRecord {} B, Relation {} B, Phone {} B, DeregistrationReason {} B",
        std::mem::size_of::<fangkong::screening::Interview>(),
        std::mem::size_of::<fangkong::screening::ScreeningOutcome>(),
        std::mem::size_of::<fangkong::screening::KeyPerson>(),
        std::mem::size_of::<fangkong::screening::TravelHistory>(),
        std::mem::size_of::<fangkong::screening::Exposure>(),
        std::mem::size_of::<fangkong::observation::ObservationRecord>(),
        std::mem::size_of::<fangkong::Relation>(),
        std::mem::size_of::<fangkong::Phone>(),
        std::mem::size_of::<fangkong::DeregistrationReason>(),
    );
    let base = live();
    let mut town = common::built(size);
    let residents = common::residents(&town);
    // Everything the build holds: the registry and the generator's own lists (weighed exactly
    // at the end, by dropping them).
    let built = live() - base;
    let mut largest_with_ledger = 0;
    // The SQLite side is fed the grid commands read back from the ledger: before the drain.
    let grid = common::grid(&town);
    // A registry that hands its ledger to storage as it goes holds its state only: `weigh`
    // drains it, so the rest runs as such a registry would.
    let mut at_grid = weigh("after building the grid", &mut town.registry);

    let preparation = synth::preparation_commands(&town).expect("preparation");
    let screening = synth::screening_commands(&town, common::ROUND).expect("screening");
    common::run(&mut town.registry, preparation.clone());
    common::run(&mut town.registry, screening.clone());
    let readings = common::readings(&town, &town.registry);
    common::run(&mut town.registry, readings.clone());
    let mut at_end = weigh(
        "after screening and 14 days of readings (ledger: the campaign's entries)",
        &mut town.registry,
    );
    // The registry without its ledger, exactly: what dropping it frees (a small registry
    // takes its place in the township).
    let small = fangkong::Registry::found(
        fangkong::Founding::new("Placeholder", "Placeholder"),
        "2020-01-23T15:00:00+08:00".parse().expect("an instant"),
    );
    drop(small.clone());
    let before = live();
    drop(std::mem::replace(&mut town.registry, small));
    at_end.rest = Some(before - live());
    // What remains of the township: the generator's lists and the small registry.
    let before = live();
    drop(town);
    let lists = before - live();
    let rss_fangkong = peak_rss();
    // After the grid, the registry without its ledger: everything the build held, less the
    // generator's lists (the small registry is counted in `lists`: a few hundred bytes).
    at_grid.rest = Some(built.saturating_sub(lists + at_grid.ledger));
    for w in [&at_grid, &at_end] {
        largest_with_ledger = largest_with_ledger.max(w.rest.unwrap_or(0) + w.ledger);
    }
    let state_grid = print(&at_grid, residents);
    let state_end = print(&at_end, residents);

    let sql = common::sql_after(&grid, &[&preparation, &screening, &readings]);
    drop((grid, preparation, screening, readings));
    let sql_bytes = sql.bytes().unwrap_or(0) as usize;
    println!(
        "SQLite database           {:>12} ({:>8.1} MiB) = {:>6.0} B per resident (pages in use)",
        sql_bytes,
        mib(sql_bytes),
        sql_bytes as f64 / residents as f64
    );
    println!(
        "state per resident, without the trail index: {:.0} B after the grid, {:.0} B after every workload (target 200 B)",
        state_grid as f64 / residents as f64,
        state_end as f64 / residents as f64
    );
    println!(
        "peak live Rust heap       {:>12} ({:>8.1} MiB)",
        PEAK.load(Ordering::Relaxed),
        mib(PEAK.load(Ordering::Relaxed))
    );
    let rss = peak_rss();
    if let (Some(r), Some(f)) = (rss, rss_fangkong) {
        println!(
            "peak resident set (VmHWM) {:>12} ({:>8.1} MiB), {:.1} MiB before the SQLite side; largest registry held {:.1} MiB: {:.2}x",
            r,
            mib(r),
            mib(f),
            mib(largest_with_ledger),
            r as f64 / largest_with_ledger.max(1) as f64
        );
    }
}
