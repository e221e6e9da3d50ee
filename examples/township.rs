//! The township of the article: Huochezhan Township (火车站乡), six villages and Gutang
//! community, 4,248 households, with the leader in charge of each village (联点包村), a cadre
//! for each zone (分片包组), a grid worker for each group, health workers and inspectors; then a
//! summary by village, the coverage check, the screening of every household (49 key people),
//! their home observation to 2020-02-04 (29 released, 15 under observation, 5 left otherwise),
//! and the ledger's proof.
//!
//! Run with `cargo run --example township`.

use fangkong::synth::{self, TownshipSpec};
use fangkong::{Day, Registry, Role, UnitKind};

/// Pads `s` to `width` terminal columns, counting CJK characters as two.
fn pad(s: &str, width: usize) -> String {
    let cols: usize = s.chars().map(|c| if c > '\u{2e80}' { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(cols)))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let spec = TownshipSpec::huochezhan();
    let mut town = synth::build(&spec)?;
    let reg = &town.registry;

    println!(
        "{}",
        reg.unit(reg.township()).map_or("", |u| u.name.as_str())
    );
    println!(
        "{} {:>6} {:>10} {:>9} {:>6}  leader in charge",
        pad("village / community", 24),
        "groups",
        "households",
        "residents",
        "staff"
    );
    let summary = reg.summary_by_village();
    let (mut groups, mut households, mut residents) = (0, 0, 0);
    for s in &summary {
        let leader = town
            .leaders
            .iter()
            .find(|(u, _)| *u == s.unit)
            .and_then(|(_, l)| reg.staff(*l))
            .map_or(String::new(), |l| l.name.clone());
        println!(
            "{} {:>6} {:>10} {:>9} {:>6}  {}",
            pad(&s.name, 24),
            s.groups,
            s.households,
            s.residents,
            s.staff,
            leader
        );
        groups += s.groups;
        households += s.households;
        residents += s.residents;
    }
    println!(
        "{} {groups:>6} {households:>10} {residents:>9}",
        pad("total", 24)
    );
    println!("{households} households across {} units", summary.len());

    // 村不漏组、组不漏户: no group without its grid worker, no household without one.
    let groups_without: Vec<_> = reg
        .unassigned_units(&[Role::GridWorker])
        .into_iter()
        .filter(|u| reg.unit(*u).is_some_and(|u| u.kind == UnitKind::Group))
        .collect();
    println!(
        "groups without a grid worker: {}; households without a cadre: {}",
        groups_without.len(),
        reg.unassigned_households(&[Role::Cadre]).len()
    );
    println!(
        "staff: {} leaders, {} cadres, {} grid workers, {} health workers, {} inspectors",
        town.leaders.len() + 1,
        town.cadres.len(),
        town.grid_workers.len(),
        town.health_workers.len(),
        town.inspectors.len()
    );

    // The campaign: screening of every household, 49 key people, home observation.
    let report_day: Day = "2020-02-04".parse()?;
    let campaign = synth::run_campaign(&mut town, report_day)?;
    let reg = &town.registry;
    println!();
    println!("screening (摸底排查)");
    if let Some(round) = campaign.round {
        let coverage = reg.round_coverage(round, fangkong::DEFAULT_REPEATED_ABSENCES)?;
        println!(
            "  households screened: {} of {} ({} visited again after nobody was home); groups missed: {}",
            coverage.screened,
            coverage.households,
            campaign.revisited.len(),
            coverage
                .villages
                .iter()
                .map(|v| v.unvisited.len())
                .sum::<usize>()
        );
    }
    println!("  returnees interviewed: {}", campaign.returnees.len());
    let key_people = reg.key_people();
    println!(
        "  key people (重点人员) with a Hubei or Wuhan history: {}",
        key_people.len()
    );
    if let Some((_, first)) = key_people.first() {
        println!("  e.g. {}", first.explain());
    }
    println!();
    println!("home observation (居家医学观察) on {report_day}");
    let counts = reg.observation_counts(report_day);
    println!(
        "  under observation: {}, released: {}, left observation otherwise: {} \
         (referred {}, transferred {}, ended {})",
        counts.under_observation,
        counts.released_all(),
        counts.left_otherwise(),
        counts.referred,
        counts.transferred,
        counts.ended
    );
    let now = fangkong::Instant::at(report_day, "22:30".parse()?, fangkong::UtcOffset::CHINA);
    let late: usize = reg
        .non_reporting(report_day, now)
        .iter()
        .map(|w| w.items.len())
        .sum();
    println!("  not reported on time today: {late}");
    let review = reg.release_review(report_day.plus_days(1)?);
    println!("  due for release review tomorrow: {}", review.len());

    println!();
    let head = reg.ledger().verify()?;
    println!("ledger: {} entries, verified, head {}", head.seq, head.hash);
    let replayed = Registry::replay(reg.ledger())?;
    println!(
        "replayed from the ledger: {}",
        if replayed == *reg {
            "identical"
        } else {
            "DIFFERENT"
        }
    );
    Ok(())
}
