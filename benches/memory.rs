//! Memory: live heap bytes per resident of the registry after building the grid and after
//! every workload (screening, 14 days of readings), with the ledger's share measured as the
//! size of a clone of it, and the SQLite database's size for the same data.
//!
//! A counting global allocator tracks every Rust allocation (SQLite allocates through the C
//! library, so its size is read from `PRAGMA page_count` × `page_size` instead).
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

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to filter.
    let size = common::size();
    let base = live();
    let town = common::built(size);
    let residents = common::residents(&town);
    // The generator's own lists (households with their residents, staff) are not registry.
    let before = live();
    let lists = (
        town.households.clone(),
        town.grid_workers.clone(),
        town.cadres.clone(),
        town.leaders.clone(),
    );
    let lists_bytes = live() - before;
    drop(lists);
    let report = |stage: &str, reg: &fangkong::Registry, total: usize| {
        let before = live();
        let ledger = reg.ledger().clone();
        let ledger_bytes = live() - before;
        drop(ledger);
        let state = total.saturating_sub(ledger_bytes);
        println!(
            "{size} {stage}: {residents} residents, {} ledger entries",
            reg.ledger().len()
        );
        println!(
            "  registry live bytes  {:>14} ({:>9.1} MiB) = {:>7.0} bytes per resident",
            total,
            mib(total),
            total as f64 / residents as f64
        );
        println!(
            "  ledger (a clone)     {:>14} ({:>9.1} MiB) = {:>7.0} bytes per resident, {:.0} per entry",
            ledger_bytes,
            mib(ledger_bytes),
            ledger_bytes as f64 / residents as f64,
            ledger_bytes as f64 / reg.ledger().len() as f64
        );
        println!(
            "  state (the rest)     {:>14} ({:>9.1} MiB) = {:>7.0} bytes per resident",
            state,
            mib(state),
            state as f64 / residents as f64
        );
    };
    let built = live() - base - lists_bytes;
    report("after building the grid", &town.registry, built);
    // A registry that hands its ledger to storage as it goes holds its state only: drain it
    // here, in place, so the rest runs as such a registry would.
    let mut town = town;
    // The SQLite side is fed the grid commands read back from the ledger: before the drain.
    let grid = common::grid(&town);
    let before = live();
    drop(town.registry.drain_ledger());
    let grid_state = built.saturating_sub(before - live());
    println!(
        "  state, ledger drained {:>13} ({:>9.1} MiB) = {:>7.0} bytes per resident (Registry::drain_ledger)",
        grid_state,
        mib(grid_state),
        grid_state as f64 / residents as f64
    );

    let preparation = synth::preparation_commands(&town).expect("preparation");
    let screening = synth::screening_commands(&town, common::ROUND).expect("screening");
    common::run(&mut town.registry, preparation.clone());
    common::run(&mut town.registry, screening.clone());
    let readings = common::readings(&town, &town.registry);
    common::run(&mut town.registry, readings.clone());
    // Measure with every command list dropped.
    let sql = common::sql_after(&grid, &[&preparation, &screening, &readings]);
    drop((grid, preparation, screening, readings));
    let finished = live() - base - lists_bytes;
    report(
        "after screening and 14 days of readings (ledger: the campaign's entries)",
        &town.registry,
        finished,
    );
    let before = live();
    drop(town.registry.drain_ledger());
    let state_only = finished - (before - live());
    println!(
        "  state, ledger drained {:>13} ({:>9.1} MiB) = {:>7.0} bytes per resident (Registry::drain_ledger)",
        state_only,
        mib(state_only),
        state_only as f64 / residents as f64
    );
    let sql_bytes = sql.bytes().unwrap_or(0) as usize;
    println!(
        "  SQLite database      {:>14} ({:>9.1} MiB) = {:>7.0} bytes per resident (pages in use)",
        sql_bytes,
        mib(sql_bytes),
        sql_bytes as f64 / residents as f64
    );
    println!(
        "  peak live Rust heap  {:>14} ({:>9.1} MiB)",
        PEAK.load(Ordering::Relaxed),
        mib(PEAK.load(Ordering::Relaxed))
    );
}
