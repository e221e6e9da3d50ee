//! The township of the article: Huochezhan Township (火车站乡), six villages and Gutang
//! community, 4,248 households, with the leader in charge of each village (联点包村), a cadre
//! for each zone (分片包组), a grid worker for each group, health workers and inspectors; then a
//! summary by village, the coverage check, the screening of every household (49 key people),
//! their home observation to 2020-02-04 (29 released, 15 under observation, 5 left otherwise),
//! gathering orders with the persuasion results and 65 catering businesses closed, publicity
//! (7,000+ copies of the letter to all residents reaching every household, 100+ van outings,
//! loudspeakers in every village every day) with OxCGRT H1 beside C2–C4, 11 inspections with 3
//! cadres handled, a daily report from every unit every day, duty rosters, supplies (126 bottles
//! of disinfectant issued, the 10,000-yuan donation of a Gutang party member spent on masks for
//! the key people's households), and the ledger's proof against the heads those reports
//! carried.
//!
//! Run with `cargo run --example township` (`-- --help` for the options).

use fangkong::synth::{self, TownshipSpec};
use fangkong::{Day, Registry, Role, UnitKind};

/// Pads `s` to `width` terminal columns, counting CJK characters as two.
fn pad(s: &str, width: usize) -> String {
    let cols: usize = s.chars().map(|c| if c > '\u{2e80}' { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(cols)))
}

const HELP: &str = "\
township: the campaign of Huochezhan Township (火车站乡), 2020-01-23 to 2020-02-04

usage: cargo run --example township [-- OPTIONS]

options:
  --days N       run only the first N days from the deployment meeting (2020-01-23)
  --xlsx PATH    also write the daily reports as an Excel workbook, one sheet per day
                 (needs the xlsx feature: cargo run --features xlsx --example township)
  --help         print this help

A progress line per simulated day goes to standard error.";

/// The command line: the report day and the spreadsheet to write.
struct Options {
    report_day: Day,
    xlsx: Option<std::path::PathBuf>,
}

fn options() -> Result<Option<Options>, Box<dyn std::error::Error>> {
    let meeting: Day = "2020-01-23".parse()?;
    let last: Day = "2020-02-04".parse()?;
    let mut out = Options {
        report_day: last,
        xlsx: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--help" | "-h" => {
                println!("{HELP}");
                return Ok(None);
            }
            "--days" => {
                let n: i64 = args
                    .next()
                    .ok_or("--days needs a number of days")?
                    .parse()?;
                if n < 1 {
                    return Err("--days needs at least 1 day".into());
                }
                out.report_day = meeting.plus_days(n - 1)?.min(last);
            }
            "--xlsx" => out.xlsx = Some(args.next().ok_or("--xlsx needs a path")?.into()),
            other => return Err(format!("unknown argument {other:?}\n\n{HELP}").into()),
        }
    }
    Ok(Some(out))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(opts) = options()? else {
        return Ok(());
    };
    let report_day = opts.report_day;
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

    // The campaign, day by day from the deployment meeting: screening of every household, 49
    // key people under home observation, gathering orders and persuasion, venues closed,
    // inspections and accountability, and a daily report from every unit every day.
    let campaign = synth::run_campaign_days(&mut town, report_day, |day, reg| {
        let figures = reg.township_figures(day);
        eprintln!(
            "{day}: {} entries; screened {}/{}, key people {}, under observation {}, released {}; reports missing {}",
            reg.ledger().head().seq,
            figures.households_screened,
            figures.households_total,
            figures.key_people_cumulative,
            figures.under_observation,
            figures.released_cumulative,
            reg.missing_reports(day).len()
        );
    })?;
    let reg = &mut town.registry;
    println!();
    println!("screening (摸底排查)");
    if let Some(round) = campaign.round {
        let coverage = reg.round_coverage(round, fangkong::screening::DEFAULT_REPEATED_ABSENCES)?;
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

    gatherings(reg, report_day)?;
    publicity(reg, report_day, &campaign)?;
    supervision(reg, report_day, &campaign)?;

    // One key person's audit trail (审计追踪): every entry that concerns them.
    if let Some(obs) = campaign.observations.first()
        && let Some(record) = reg.observation(*obs)
    {
        let trail = reg.trail(fangkong::audit::Subject::Resident(record.resident), &[])?;
        println!();
        println!(
            "audit trail of key person {} (first 6 of {} entries)",
            record.resident,
            trail.entries.len()
        );
        for e in trail.entries.iter().take(6) {
            println!("  {e}");
        }
    }

    // The daily report (日报告) of the last day, as the township sends it to the county.
    println!();
    println!("daily report (日报告、零报告) for {report_day}");
    let table = reg.day_table(report_day);
    print!("{table}");
    let total = table.submitted_total();
    println!(
        "submitted total ({}): {} households, {} key people, {} released, {} under observation",
        table.coverage_in(fangkong::report::Lang::En),
        total.households_total,
        total.key_people_cumulative,
        total.released_cumulative,
        total.under_observation
    );
    println!(
        "reports missing: {}, late: {}, zero reports today: {}",
        reg.missing_reports(report_day).len(),
        reg.late_reports(report_day).len(),
        table
            .rows
            .iter()
            .filter(|r| r.status == fangkong::report::RowStatus::Zero)
            .count()
    );
    // The figures the article reports, each read back from the records the campaign made.
    let catering = reg
        .venues_closed_on(reg.township(), report_day)
        .iter()
        .filter(|(v, _)| {
            reg.venue(*v)
                .is_some_and(|v| v.kind == fangkong::gathering::VenueKind::CATERING)
        })
        .count();
    let handled = reg
        .accountability_counts("2020-01-23".parse()?, report_day)
        .category(fangkong::supervision::FormCategory::OrganisationalHandling)
        .people;
    println!(
        "the article's figures: {} households, {} key people, {} released, {} under observation, \
         {catering} catering businesses closed, {} letters reaching {} households, {} van \
         outings, {} inspections, {handled} handled",
        total.households_total,
        total.key_people_cumulative,
        total.released_cumulative,
        total.under_observation,
        total.letters_cumulative,
        total.households_reached_cumulative,
        total.van_outings_cumulative,
        reg.inspections().count()
    );
    if let Some(path) = &opts.xlsx {
        write_xlsx(reg, report_day, path)?;
    }
    duty_roster(reg, &town.leaders, &town.cadres, &town.inspectors)?;
    disinfection(reg, &town.leaders, &town.cadres, &town.inspectors)?;
    supplies(reg, &town.leaders, &campaign)?;

    println!();
    // The county keeps the head and the tree head each daily report carried (the registry's
    // own, never ones the caller states), checks the ledger against them (the chain, and with
    // consistency proofs that the ledger's Merkle tree extends every kept tree head), and a
    // key person's exported trail by inclusion proofs to the latest kept tree head.
    let heads: Vec<fangkong::Head> = reg.report_heads();
    let head = reg.ledger().verify_heads(&heads)?;
    println!(
        "ledger: {} entries, verified against the {} heads the daily reports carried; head {}",
        head.seq,
        heads.len(),
        head.hash
    );
    let tree_heads: Vec<fangkong::TreeHead> = reg.report_tree_heads();
    let latest = fangkong::ledger::MerkleTree::check_kept_heads(
        &tree_heads,
        fangkong::ledger::Holding::Ledger(reg.ledger()),
    )?;
    let (proved_latest, proofs) = reg.consistency_proofs(&tree_heads)?;
    fangkong::ledger::MerkleTree::check_kept_heads(
        &tree_heads,
        fangkong::ledger::Holding::Proofs {
            latest: proved_latest,
            proofs: &proofs,
        },
    )?;
    println!(
        "Merkle tree: root {} over {} entries extends the {} tree heads the reports carried \
         ({} consistency proofs, {} hashes in all)",
        latest.root,
        latest.size,
        tree_heads.len(),
        proofs.len(),
        proofs.iter().map(|p| p.path.len()).sum::<usize>()
    );
    if let Some(resident) = campaign
        .observations
        .first()
        .and_then(|obs| reg.observation(*obs))
        .map(|record| record.resident)
    {
        let subject = fangkong::audit::Subject::Resident(resident);
        let secretary = reg.staff_ids().next().ok_or("no staff")?;
        let at = reg.ledger().records().last().ok_or("empty ledger")??.at;
        let export = reg.export_trail(secretary, at, subject, &[])?;
        let checked = export.check(&tree_heads)?;
        println!(
            "exported trail of {resident}: {} entries proved to the kept tree head of {} entries \
             ({} hashes, {} bytes of JSON), {} after it",
            checked.proved.len(),
            export.tree_head.size,
            export.hash_count(),
            serde_json::to_string(&export)?.len(),
            checked.pending.len()
        );
    }
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

/// Gathering orders, persuasion and venues (聚集), and the OxCGRT levels of 2020-02-01.
fn gatherings(reg: &Registry, report_day: Day) -> Result<(), Box<dyn std::error::Error>> {
    use fangkong::gathering::PersuasionResult;
    let first: Day = "2020-01-23".parse()?;
    println!();
    println!("gatherings (聚集) and venues");
    for order in reg.gathering_orders() {
        println!("  order {order}");
    }
    let town = reg.township();
    let counts = reg.persuasion_counts(town, first, report_day);
    for unit in reg
        .units()
        .filter(|u| matches!(u.kind, UnitKind::Village | UnitKind::Community))
    {
        let funerals = counts.get(
            unit.id,
            &fangkong::gathering::GatheringKind::FUNERAL,
            PersuasionResult::Simplified,
        );
        let weddings = counts.get(
            unit.id,
            &fangkong::gathering::GatheringKind::WEDDING,
            PersuasionResult::Postponed,
        );
        if funerals + weddings > 0 {
            println!(
                "  persuasion (劝导) in {}: funerals simplified {funerals}, weddings postponed {weddings}",
                unit.name
            );
        }
    }
    let closed = reg.venues_closed_on(town, report_day);
    let catering = closed
        .iter()
        .filter(|(v, _)| {
            reg.venue(*v)
                .is_some_and(|v| v.kind == fangkong::gathering::VenueKind::CATERING)
        })
        .count();
    println!(
        "  venues closed on {report_day}: {} ({catering} catering businesses closed)",
        closed.len()
    );
    Ok(())
}

/// Publicity (宣传引导): the letter to all residents door to door, the van, the loudspeakers
/// and the work group online; and the OxCGRT indicators of 2020-02-01, H1 beside C2–C4.
fn publicity(
    reg: &Registry,
    report_day: Day,
    campaign: &synth::Campaign,
) -> Result<(), Box<dyn std::error::Error>> {
    let first: Day = "2020-01-24".parse()?;
    println!();
    println!("publicity (宣传引导)");
    if let Some(letter) = campaign.publicity {
        let title = reg.campaign(letter).map_or("", |c| c.title.as_str());
        let coverage = reg.campaign_coverage(letter)?;
        println!(
            "  {title}: {} letters delivered door to door, households reached: {} of {}",
            coverage.copies, coverage.reached, coverage.households
        );
        if let Some(group) = coverage.not_reached.first() {
            let workers: Vec<String> = group.workers.iter().map(ToString::to_string).collect();
            println!(
                "    not reached yet: {} households in {} groups, the first in {} ({}), worker {}",
                coverage.unreached().count(),
                coverage.not_reached.len(),
                group.name,
                group.group,
                workers.join(", ")
            );
        }
    }
    let town = reg.township();
    if first <= report_day {
        let total = reg.publicity_counts(town, first, report_day)?.total()?;
        println!(
            "  van outings: {}; loudspeaker broadcasts: {}; messages online: {} (reaching {} people); \
             posters and slogans: {}",
            total.outings, total.broadcasts, total.messages, total.message_reach, total.posters
        );
    }
    let coded: Day = "2020-02-01".parse()?;
    if coded <= report_day {
        println!("  OxCGRT, {}", reg.oxcgrt_indicators(town, coded));
    }
    Ok(())
}

/// Duty rosters (值班排班): leave cancelled from 正月初二 (2020-01-26), a night shift at each
/// village entry checkpoint (卡点) needing two people, a Qianjin volunteer close to 60 on
/// Qianjin's, and a covert visit that finds Qianjin's checkpoint short, recorded as a finding
/// with the roster's evidence. Recorded after the campaign's last entry (the ledger's instants
/// never go back), so the shifts are the night of the report day, after its daily report, and
/// the covert visit comes after the article's 11 inspections.
fn duty_roster(
    reg: &mut Registry,
    leaders: &[(fangkong::UnitId, fangkong::StaffId)],
    cadres: &[(fangkong::UnitId, fangkong::StaffId)],
    inspectors: &[fangkong::StaffId],
) -> Result<(), Box<dyn std::error::Error>> {
    use fangkong::roster::PostKind;
    use fangkong::supervision::{ChecklistItem, InspectionTarget, ItemCheck, Verdict};
    use fangkong::supervision::{FindingSource, InspectionMode};
    println!();
    println!("duty roster (值班排班)");
    let secretary = reg.staff_ids().next().ok_or("no staff")?;
    let last = reg.ledger().records().last().ok_or("empty ledger")??.at;
    let t = last.plus_seconds(60);
    let cancelled_from: Day = "2020-01-26".parse()?;
    let c = reg.cancel_leave(
        secretary,
        t,
        reg.township(),
        "全体干部取消休假、返岗到位",
        cancelled_from,
    )?;
    println!(
        "  leave cancelled (取消休假) for every cadre from {cancelled_from}: {}",
        reg.leave_cancellation(c).map_or("", |c| c.title.as_str())
    );
    let (_, cadre) = *cadres.first().ok_or("no cadre")?;
    let asked: Day = "2020-01-27".parse()?;
    if let Err(e) = reg.request_leave(cadre, t, cadre, (asked, asked), "回老家") {
        println!("  a leave on {asked} refused: {e}");
    }
    // A night shift at every village entry, from shortly after now to eight hours later.
    let start = t.plus_seconds(600);
    let end = start.plus_seconds(8 * 3600);
    let mut qianjin = None;
    for &(village, leader) in leaders {
        let name = reg.unit(village).map_or(String::new(), |u| u.name.clone());
        let post = reg.establish_post(
            secretary,
            t,
            village,
            PostKind::CHECKPOINT,
            format!("{name} entry checkpoint (村口卡点)"),
        )?;
        let shift = reg.schedule_shift(secretary, t, post, (start, end), 2, Some(leader))?;
        reg.assign_to_shift(secretary, t, shift, leader)?;
        if qianjin.is_none() && name.starts_with("Qianjin") {
            let volunteer = reg.enroll_staff(
                secretary,
                t,
                "Qianjin volunteer (前进村志愿者)",
                Role::Volunteer,
                None,
            )?;
            reg.enroll_volunteer(
                secretary,
                t,
                volunteer,
                "2020-01-26".parse()?,
                1961,
                village,
            )?;
            reg.assign_to_shift(secretary, t, shift, volunteer)?;
            qianjin = Some((village, post, shift, leader, volunteer));
        } else if let Some(&(_, other)) = cadres.iter().find(|(u, s)| {
            *s != leader
                && reg
                    .unit(*u)
                    .is_some_and(|u| u.id == village || u.parent == Some(village))
        }) {
            reg.assign_to_shift(secretary, t, shift, other)?;
        }
    }
    // Everyone checks in at the start (the shift's leader records it), but Qianjin's leader:
    // only the volunteer stands Qianjin's checkpoint.
    let shifts: Vec<_> = reg
        .shifts()
        .map(|s| (s.id, s.leader, s.staff.clone()))
        .collect();
    for (shift, leader, staff) in &shifts {
        for person in staff {
            match qianjin {
                Some((_, _, s, _, v)) if s == *shift => {
                    if *person == v {
                        reg.check_in(v, start, s, v)?;
                    }
                }
                _ => {
                    reg.check_in(leader.unwrap_or(*person), start, *shift, *person)?;
                }
            }
        }
    }
    let night = reg.day_of(start);
    let rows = reg.shifts_on(night);
    let short = reg.short_shifts(night);
    println!(
        "  checkpoints at village entries (卡点执勤) on the night of {night}: {} shifts, {} staffed, {} short",
        rows.len(),
        rows.len() - short.len(),
        short.len()
    );
    let Some((village, post, shift, leader, volunteer)) = qianjin else {
        return Ok(());
    };
    // A covert visit two hours in: the roster says who should be there and was not.
    let visit = start.plus_seconds(2 * 3600);
    let inspector = *inspectors.first().ok_or("no inspector")?;
    let target = InspectionTarget::Post {
        post,
        unit: village,
    };
    let (_, evidence) = reg
        .propose_evidence_at(&target, visit)
        .into_iter()
        .find(|(item, _)| *item == ChecklistItem::StaffOnPost)
        .ok_or("no roster evidence")?;
    let inspection = reg.record_inspection(
        inspector,
        visit,
        InspectionMode::Covert,
        target,
        visit,
        vec![
            ItemCheck::failed(
                ChecklistItem::StaffOnPost,
                "卡点仅一名志愿者在岗，带班领导不在岗",
            )
            .with_review(evidence.clone(), Verdict::Confirmed),
        ],
    )?;
    let finding = reg.record_finding(
        inspector,
        visit,
        FindingSource::ChecklistItem {
            inspection,
            item: ChecklistItem::StaffOnPost,
        },
        leader,
        night.plus_days(1)?,
        "前进村村口卡点缺岗：应到2人，实到1人",
    )?;
    println!("  covert visit (暗访) {inspection}: {evidence}");
    if let Some(f) = reg.finding(finding) {
        println!(
            "  finding {}: {} (responsible {})",
            f.id, f.text, f.responsible
        );
    }
    // Morning: everyone on post checks out; the volunteer's service record.
    for (shift, leader, staff) in &shifts {
        for person in staff {
            if reg
                .shift(*shift)
                .is_some_and(|s| s.present_at(*person, end.plus_seconds(-1)))
            {
                let actor = if *person == volunteer {
                    volunteer
                } else {
                    leader.unwrap_or(*person)
                };
                reg.check_out(actor, end, *shift, *person)?;
            }
        }
    }
    let record = reg.service_record(volunteer);
    let age = night.year() - reg.volunteer(volunteer).map_or(0, |v| v.birth_year);
    println!(
        "  volunteer {volunteer} (aged about {age}) on {shift}: service record {}",
        record.hours_text()
    );
    let figures = reg.township_figures(night);
    println!(
        "  daily figures for {night}: shifts staffed {}, short {}, volunteers on duty {}",
        figures.shifts_staffed, figures.shifts_short, figures.volunteers_on_duty
    );
    Ok(())
}

/// Cleaning and disinfection (环境消杀, 日清扫、日消毒): the township office building, each
/// village's public places and rubbish bins, and the Xiangxinan fruit market, with designated
/// staff and daily schedules over three days after the duty roster's night (the ledger's
/// instants never go back). Qianjin's rubbish bins are not disinfected on the last day; a
/// covert visit the next morning finds it in the records and records a finding with it.
fn disinfection(
    reg: &mut Registry,
    leaders: &[(fangkong::UnitId, fangkong::StaffId)],
    cadres: &[(fangkong::UnitId, fangkong::StaffId)],
    inspectors: &[fangkong::StaffId],
) -> Result<(), Box<dyn std::error::Error>> {
    use fangkong::disinfection::{
        Amount, AmountUnit, Frequency, ScheduleTerms, SiteKind, Task, Window,
    };
    use fangkong::supervision::{ChecklistItem, InspectionTarget, ItemCheck, Verdict};
    use fangkong::supervision::{FindingSource, InspectionMode};
    println!();
    println!("disinfection (环境消杀)");
    let secretary = reg.staff_ids().next().ok_or("no staff")?;
    let last = reg.ledger().records().last().ok_or("empty ledger")??.at;
    let t = last.plus_seconds(60);
    let first = reg.day_of(t).plus_days(1)?;
    let days = [first, first.plus_days(1)?, first.plus_days(2)?];
    let window = |a: &str, b: &str| -> Result<Window, Box<dyn std::error::Error>> {
        Ok(Window::new(a.parse()?, b.parse()?)?)
    };
    let chlorine = "含氯消毒液（84消毒液）1:100";
    let litres = |n| Amount::new(n, AmountUnit::Litre);
    // The township's own sites, with a disinfection officer of the township for them.
    let town = reg.township();
    let officer = reg.enroll_staff(secretary, t, "乡政府消杀员 Xu Jun", Role::Cadre, None)?;
    let office = reg.register_site(
        secretary,
        t,
        town,
        SiteKind::OFFICE_BUILDING,
        "乡政府办公楼",
    )?;
    let market = reg.register_site(secretary, t, town, SiteKind::MARKET, "湘西南水果市场")?;
    let mut sites = vec![(office, officer), (market, officer)];
    let mut schedules = vec![
        (
            office,
            Task::Cleaning,
            ScheduleTerms::new(
                Frequency::Daily,
                window("07:00", "08:30")?,
                "清水",
                litres(10),
            ),
        ),
        (
            office,
            Task::Disinfection,
            ScheduleTerms::new(
                Frequency::Daily,
                window("08:30", "10:00")?,
                chlorine,
                litres(2),
            ),
        ),
        (
            market,
            Task::Disinfection,
            ScheduleTerms::new(
                Frequency::TwiceDaily {
                    second: window("14:00", "16:00")?,
                },
                window("06:00", "08:00")?,
                chlorine,
                litres(5),
            ),
        ),
    ];
    // Each village's public places and rubbish bins, with one of its cadres (or its leader).
    let mut qianjin_bins = None;
    for &(village, leader) in leaders {
        let name = reg.unit(village).map_or(String::new(), |u| u.name.clone());
        let staff = cadres
            .iter()
            .find(|(u, _)| {
                reg.unit(*u)
                    .is_some_and(|u| u.id == village || u.parent == Some(village))
            })
            .map_or(leader, |(_, c)| *c);
        let places = reg.register_site(
            secretary,
            t,
            village,
            SiteKind::PUBLIC_PLACE,
            format!("{name} 公共场所"),
        )?;
        let bins = reg.register_site(
            secretary,
            t,
            village,
            SiteKind::RUBBISH_BIN,
            format!("{name} 垃圾点"),
        )?;
        if name.starts_with("Qianjin") {
            qianjin_bins = Some((village, bins));
        }
        sites.push((places, staff));
        sites.push((bins, staff));
        schedules.push((
            places,
            Task::Disinfection,
            ScheduleTerms::new(
                Frequency::Daily,
                window("09:00", "11:00")?,
                chlorine,
                litres(2),
            ),
        ));
        schedules.push((
            bins,
            Task::Disinfection,
            ScheduleTerms::new(
                Frequency::Daily,
                window("15:00", "17:00")?,
                chlorine,
                litres(1),
            ),
        ));
    }
    for &(site, staff) in &sites {
        reg.assign_to_site(secretary, t, site, staff, first)?;
    }
    for (site, task, terms) in schedules {
        reg.set_disinfection_schedule(secretary, t, site, task, terms, (first, Some(days[2])))?;
    }
    let designated: std::collections::BTreeSet<_> = sites.iter().map(|(_, s)| *s).collect();
    println!(
        "  {} sites (消杀点位): the office building, the Xiangxinan fruit market, {} villages' public places and rubbish bins; {} staff designated",
        sites.len(),
        leaders.len(),
        designated.len()
    );
    println!(
        "  {} schedules (消杀计划) from {first} to {}: daily cleaning and disinfection (日清扫、日消毒), the market twice a day",
        reg.disinfection_schedules().count(),
        days[2]
    );
    let (qianjin, skipped) = qianjin_bins.ok_or("no Qianjin")?;
    // The designated staff record each round half an hour into its window, but Qianjin's bins
    // on the last day; the office's cleaning on the second day comes late, at 11:00.
    for (k, &day) in days.iter().enumerate() {
        let mut due: Vec<(
            fangkong::Instant,
            fangkong::disinfection::SiteId,
            Task,
            String,
            Amount,
        )> = Vec::new();
        for e in reg.expected_rounds(day) {
            if k == 2 && e.site == skipped {
                continue;
            }
            let late = k == 1 && e.site == office && e.task == Task::Cleaning;
            let time = if late {
                "11:00".parse()?
            } else {
                e.window.start
            };
            let at = fangkong::Instant::at(day, time, fangkong::UtcOffset::CHINA)
                .plus_seconds(if late { 0 } else { 1800 });
            due.push((at, e.site, e.task, e.agent.clone(), e.amount));
        }
        due.sort_by_key(|d| (d.0, d.1));
        for (at, site, task, agent, amount) in due {
            let staff = sites
                .iter()
                .find(|(s, _)| *s == site)
                .map(|(_, s)| *s)
                .ok_or("no staff")?;
            reg.record_round(staff, at, site, task, agent, amount)?;
        }
        let f = reg.township_figures(day);
        println!(
            "  rounds on {day}: {} done, {} late, {} missed",
            f.rounds_done, f.rounds_late, f.rounds_missed
        );
    }
    for m in reg.missed_rounds(days[2]) {
        println!("  missed round: {m}");
        println!("  漏做：{}", m.display_zh());
    }
    // The next morning, a covert visit to Qianjin: the records propose the missed round.
    let visit = fangkong::Instant::at(
        days[2].plus_days(1)?,
        "09:30".parse()?,
        fangkong::UtcOffset::CHINA,
    );
    let inspector = *inspectors.first().ok_or("no inspector")?;
    let target = InspectionTarget::Unit(qianjin);
    let (_, evidence) = reg
        .propose_evidence_at(&target, visit)
        .into_iter()
        .find(|(item, _)| *item == ChecklistItem::DisinfectionDone)
        .ok_or("no disinfection evidence")?;
    let inspection = reg.record_inspection(
        inspector,
        visit,
        InspectionMode::Covert,
        target,
        visit,
        vec![
            ItemCheck::failed(ChecklistItem::DisinfectionDone, "前进村垃圾点前一日未消毒")
                .with_review(evidence.clone(), Verdict::Confirmed),
        ],
    )?;
    let responsible = reg
        .missed_rounds_in(qianjin, days[2])
        .first()
        .and_then(|m| m.responsible.first().copied())
        .ok_or("nobody responsible")?;
    let finding = reg.record_finding(
        inspector,
        visit,
        FindingSource::ChecklistItem {
            inspection,
            item: ChecklistItem::DisinfectionDone,
        },
        responsible,
        visit.day_in(fangkong::UtcOffset::CHINA).plus_days(1)?,
        format!("前进村垃圾点{}漏消毒", days[2]),
    )?;
    println!("  covert visit (暗访) {inspection}: {evidence}");
    if let Some(f) = reg.finding(finding) {
        println!(
            "  finding {}: {} (responsible {})",
            f.id, f.text, f.responsible
        );
    }
    Ok(())
}

/// Supplies and donations (防疫物资与捐赠): 120+ bottles of disinfectant issued to the public
/// places of every village and community, and the 10,000-yuan donation of a Gutang party
/// member (岳某) spent on masks for the key people's households. Recorded after the duty
/// roster's last entry (the ledger's instants never go back).
fn supplies(
    reg: &mut Registry,
    leaders: &[(fangkong::UnitId, fangkong::StaffId)],
    campaign: &synth::Campaign,
) -> Result<(), Box<dyn std::error::Error>> {
    use fangkong::supplies::{DonorName, Gift, IssueLine, Item, Recipient, yuan};
    println!();
    println!("supplies (防疫物资)");
    let secretary = reg.staff_ids().next().ok_or("no staff")?;
    let last = reg.ledger().records().last().ok_or("empty ledger")??.at;
    let t = last.plus_seconds(60);
    let town = reg.township();
    let store = reg.establish_store(secretary, t, town, "乡政府防疫物资仓库")?;
    // 130 bottles of disinfectant bought, 18 issued for the public places of each village
    // and of Gutang community (the units a leader is linked to).
    reg.receive_purchase(
        secretary,
        t,
        store,
        Item::DISINFECTANT,
        130,
        "县医药公司",
        195_000,
        None,
    )?;
    let lines: Vec<IssueLine> = leaders
        .iter()
        .map(|&(unit, _)| {
            let name = reg.unit(unit).map_or(String::new(), |u| u.name.clone());
            IssueLine::new(
                Item::DISINFECTANT,
                18,
                Recipient::Site {
                    unit,
                    place: format!("{name} public places (公共场所)"),
                },
            )
        })
        .collect();
    let places = lines.len();
    reg.issue_supplies(secretary, t, store, lines, "日清扫、日消毒")?;
    let issued: u64 = reg
        .supply_issues()
        .iter()
        .filter(|i| i.item == Item::DISINFECTANT)
        .map(|i| i.quantity())
        .sum();
    let left = reg.stock_on_hand(store, &Item::DISINFECTANT);
    println!(
        "  disinfectant issued (消毒液发放): {issued} bottles to the public places of {places} villages and communities; {left} left in {store}"
    );
    let more = IssueLine::new(
        Item::DISINFECTANT,
        i64::try_from(left + 1)?,
        Recipient::Site {
            unit: town,
            place: "township office building (乡政府办公楼)".into(),
        },
    );
    if let Err(e) = reg.issue_supplies(secretary, t, store, vec![more], "") {
        println!("  one bottle too many refused: {e}");
    }
    // The donation (the donor's full name here is invented; it is never shown unmasked).
    let donation = reg.receive_donation(
        secretary,
        t,
        DonorName::new("岳建华"),
        Gift::Money {
            amount_fen: 1_000_000,
        },
        "购买口罩等防护物资（古塘社区党员捐款）",
        town,
    )?;
    reg.receive_purchase(
        secretary,
        t,
        store,
        Item::MASKS,
        10_000,
        "县医药公司",
        1_000_000,
        Some(donation),
    )?;
    // 20 masks for each key person's household.
    let mut households: Vec<fangkong::HouseholdId> = campaign
        .observations
        .iter()
        .filter_map(|o| reg.observation(*o))
        .filter_map(|r| reg.resident(r.resident))
        .map(|r| r.household)
        .collect();
    households.sort();
    households.dedup();
    let lines: Vec<IssueLine> = households
        .iter()
        .map(|h| {
            IssueLine::new(
                Item::MASKS,
                20,
                Recipient::Household {
                    household: *h,
                    observation: None,
                },
            )
        })
        .collect();
    reg.issue_supplies(secretary, t, store, lines, "重点人员家庭")?;
    let trace = reg.donation_trace(donation).ok_or("no donation")?;
    println!("  donation {}", trace.donation);
    for p in &trace.purchases {
        println!(
            "  it bought {} {} ({}) from {} for {} yuan; {} yuan left",
            p.quantity,
            p.item,
            p.lot,
            p.supplier,
            yuan(p.cost_fen),
            yuan(p.balance_after_fen)
        );
    }
    let first: Vec<String> = trace
        .issues
        .iter()
        .take(3)
        .map(|i| format!("{} {}", i.to, i.quantity))
        .collect();
    println!(
        "  which went to {} key people's households: {} masks ({}, …); {} left in {store}",
        trace.issues.len(),
        trace.issued(&Item::MASKS),
        first.join(", "),
        reg.stock_on_hand(store, &Item::MASKS)
    );
    let day = reg.day_of(t);
    let figures = reg.township_figures(day);
    println!(
        "  daily figures for {day}: disinfectant issued {}, on hand {}; masks issued {}, on hand {}",
        figures.disinfectant_issued,
        figures.disinfectant_on_hand,
        figures.masks_issued,
        figures.masks_on_hand
    );
    Ok(())
}

/// Inspections (明察暗访) and accountability (问责).
fn supervision(
    reg: &Registry,
    report_day: Day,
    campaign: &synth::Campaign,
) -> Result<(), Box<dyn std::error::Error>> {
    use fangkong::supervision::{FormCategory, InspectionMode};
    let first: Day = "2020-01-23".parse()?;
    println!();
    println!("supervision (督查问责)");
    let covert = reg
        .inspections()
        .filter(|i| i.mode == InspectionMode::Covert)
        .count();
    println!(
        "  inspections: {} ({} open, {covert} covert); findings: {}",
        reg.inspections().count(),
        reg.inspections().count() - covert,
        reg.findings().count()
    );
    let counts = reg.accountability_counts(first, report_day);
    let handled = counts.category(FormCategory::OrganisationalHandling);
    println!(
        "  organisational handling (组织处理): {} people, {} decisions ({} cadres recorded by the campaign)",
        handled.people,
        handled.decisions,
        campaign.handled.len()
    );
    for row in reg.decisions_made(first, report_day) {
        println!("    {row}");
    }
    Ok(())
}

#[cfg(feature = "xlsx")]
fn write_xlsx(
    reg: &Registry,
    report_day: Day,
    path: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut tables = Vec::new();
    let mut d: Day = "2020-01-24".parse()?;
    while d <= report_day {
        tables.push(reg.day_table(d));
        d = d.plus_days(1)?;
    }
    let created = fangkong::Instant::at(report_day, "23:00".parse()?, fangkong::UtcOffset::CHINA);
    let bytes = fangkong::report::tables_to_xlsx(&tables, fangkong::report::Lang::Both, created)?;
    std::fs::write(path, bytes)?;
    println!("wrote {} ({} sheets)", path.display(), tables.len());
    Ok(())
}

#[cfg(not(feature = "xlsx"))]
fn write_xlsx(
    _reg: &Registry,
    _report_day: Day,
    _path: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    Err("--xlsx needs the xlsx feature: cargo run --features xlsx --example township -- --xlsx PATH".into())
}
