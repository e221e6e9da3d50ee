//! What the benchmarks share: the size chosen by `FANGKONG_BENCH_SIZE`, the stages of the
//! workload pipeline (build, prepare, screen, readings), the daily figures on the fangkong
//! side, and the SQLite side ([`sqlite`]).
//!
//! Each bench binary builds only the stages it needs; the stages before the one it times are
//! run once, untimed.
#![allow(dead_code)]

pub mod sqlite;

use std::time::Duration;

use criterion::{BenchmarkGroup, measurement::WallTime};
use fangkong::observation::ObservationCounts;
use fangkong::registry::UnitSummary;
use fangkong::screening::RoundId;
use fangkong::synth::{self, GridCommands, Size, TimedCommand, Township};
use fangkong::{Day, Registry};

/// The size chosen by `FANGKONG_BENCH_SIZE` (`township` by default).
pub fn size() -> Size {
    match std::env::var("FANGKONG_BENCH_SIZE") {
        Ok(name) if !name.trim().is_empty() => Size::from_name(&name).unwrap_or_else(|| {
            panic!("FANGKONG_BENCH_SIZE={name:?}: use township, county or city")
        }),
        _ => Size::Township,
    }
}

/// Sample sizes that keep a run short: criterion's defaults for the township, 10 samples and
/// short warm-up and measurement times for a county or a city (criterion still runs at least
/// 10 samples, each one iteration when a workload takes seconds).
pub fn configure(group: &mut BenchmarkGroup<'_, WallTime>, size: Size) {
    match size {
        Size::Township => {
            group.sample_size(20);
            group.warm_up_time(Duration::from_secs(1));
            group.measurement_time(Duration::from_secs(5));
        }
        _ => {
            group.sample_size(10);
            group.warm_up_time(Duration::from_millis(500));
            group.measurement_time(Duration::from_secs(5));
        }
    }
}

/// Prints one line to stderr so the bench output says what was measured.
pub fn note(size: Size, what: &str) {
    eprintln!("[fangkong bench, size {size}] {what}");
}

/// The round every benchmark screens.
pub const ROUND: RoundId = RoundId::new(1);

/// The township of `size`, built (the untimed way: generation included).
pub fn built(size: Size) -> Township {
    let t = std::time::Instant::now();
    let town = synth::build(&size.spec()).expect("the synthetic registry builds");
    note(
        size,
        &format!(
            "built {} households, {} residents, {} ledger entries in {:.1?}",
            town.households.len(),
            residents(&town),
            town.registry.ledger().len(),
            t.elapsed()
        ),
    );
    town
}

/// How many residents a generated township has.
pub fn residents(town: &Township) -> usize {
    town.households.iter().map(|(_, m)| m.len()).sum()
}

/// The grid commands of a built township.
pub fn grid(town: &Township) -> GridCommands {
    synth::grid_commands(town).expect("the grid commands read back")
}

/// Executes commands that must all be accepted.
pub fn run(reg: &mut Registry, commands: Vec<TimedCommand>) {
    synth::execute_all(reg, commands).expect("no command of a workload is refused");
}

/// The stages after the build: the registry after preparation (risk register, rule, round),
/// the screening commands, the registry after screening, the reading commands and the
/// registry after the readings. Each `*_done` registry is built only if asked for.
pub struct Stages {
    pub town: Township,
    pub prepared: Registry,
    pub screening: Vec<TimedCommand>,
}

/// Builds the township, runs the preparation, and generates the screening commands.
pub fn prepared(size: Size) -> Stages {
    let town = built(size);
    let mut prepared = town.registry.clone();
    run(
        &mut prepared,
        synth::preparation_commands(&town).expect("preparation commands"),
    );
    let screening = synth::screening_commands(&town, ROUND).expect("screening commands");
    Stages {
        town,
        prepared,
        screening,
    }
}

impl Stages {
    /// The registry after screening (consumes the prepared registry).
    pub fn screen(self) -> (Township, Registry) {
        let Stages {
            town,
            mut prepared,
            screening,
        } = self;
        run(&mut prepared, screening);
        (town, prepared)
    }
}

/// The reading commands for a screened registry.
pub fn readings(town: &Township, screened: &Registry) -> Vec<TimedCommand> {
    synth::reading_commands(town, screened, synth::reading_day(), synth::READING_DAYS)
        .expect("reading commands")
}

/// The registry after every workload: built, prepared, screened, 14 days of readings.
pub fn finished(size: Size) -> (Township, Registry) {
    let (town, mut reg) = prepared(size).screen();
    let readings = readings(&town, &reg);
    run(&mut reg, readings);
    (town, reg)
}

/// The day whose figures are computed: the last day of readings.
pub fn report_day() -> Day {
    synth::reading_day()
        .plus_days(i64::from(synth::READING_DAYS) - 1)
        .expect("a calendar day")
}

/// The daily figures (日报) on the fangkong side: every village's counts, rolled up into
/// the township's, the observation counts of the day and the round's coverage.
pub struct Figures {
    pub villages: Vec<UnitSummary>,
    pub total: [usize; 4],
    pub observations: ObservationCounts,
    pub screened: usize,
    pub households: usize,
    pub not_screened: usize,
    pub follow_up: usize,
}

/// Computes [`Figures`] from the registry's queries.
pub fn figures(reg: &Registry, day: Day) -> Figures {
    let villages = reg.summary_by_village();
    let mut total = [0usize; 4];
    for v in &villages {
        total[0] += v.groups;
        total[1] += v.households;
        total[2] += v.residents;
        total[3] += v.staff;
    }
    let observations = reg.observation_counts(day);
    let coverage = reg.round_coverage(ROUND, 2).expect("round 1 exists");
    Figures {
        villages,
        total,
        observations,
        screened: coverage.screened,
        households: coverage.households,
        not_screened: coverage.villages.iter().map(|v| v.not_screened.len()).sum(),
        follow_up: coverage.follow_up.len(),
    }
}

/// A SQLite database that has executed the founding, the grid and then each batch of
/// `batches` (untimed set-up for the later workloads).
pub fn sql_after(grid: &GridCommands, batches: &[&[TimedCommand]]) -> sqlite::Sql {
    let t = std::time::Instant::now();
    let mut sql =
        sqlite::Sql::found(&grid.founding, grid.founded_at).expect("the SQLite registry founds");
    sql.run(&grid.commands).expect("the SQLite grid loads");
    for b in batches {
        sql.run(b)
            .expect("no command of a workload is refused by SQLite either");
    }
    eprintln!(
        "[sqlite] set up {} batches after the grid in {:.1?}",
        batches.len(),
        t.elapsed()
    );
    sql
}
