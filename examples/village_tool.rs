//! A village tool (村级工具), written as a downstream program would write it: it reads the
//! village's roster from a CSV file, loads it in one batch (reporting the bad rows and keeping
//! the rest), screens the households, follows the one returnee from Wuhan who becomes a key
//! person through a day of temperature readings, prints a grid worker's work list, and stores
//! the ledger in a file, reads it back and replays it.
//!
//! Run with `cargo run --example village_tool`; with no arguments it reads the roster shipped
//! in `examples/data/qianjin_roster.csv` and writes the ledger to the system's temporary
//! directory. `--roster PATH` and `--ledger PATH` choose other files.
//!
//! The roster has one row per resident: `household,group,address,name,sex,birth_date,
//! identity,phone,relation`, where `household` is the village's own key for the household
//! (rows with the same key are one household), `group` the group's number, `sex` 男 or 女 and
//! `relation` as the household register writes it (户主, 配偶, 子女…).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::PathBuf;

use fangkong::observation::ObservationUpdate;
use fangkong::observation::{Method, Reading, Reporter};
use fangkong::screening::{
    Interview, ReportedSymptoms, RiskLevel, ScreeningRule, Stay, TravelHistory, VisitResult,
};
use fangkong::{
    BatchCommand, BatchItem, Day, Duty, Founding, Instant, Ledger, Ref, Registry, Relation,
    ResidentDetails, Role, Sex, StaffId, UnitId, UnitKind, UtcOffset,
};

type Failure = Box<dyn std::error::Error>;

/// The roster shipped with the example.
const SHIPPED_ROSTER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/data/qianjin_roster.csv"
);

/// The resident who came back from Wuhan (in household Q03 of the shipped roster).
const RETURNEE: &str = "王强";

/// One resident row of the roster, parsed.
struct Row {
    line: usize,
    household: String,
    group: u16,
    address: String,
    details: ResidentDetails,
}

/// Parses the roster with plain Rust (no quoting: the village's file has no commas inside
/// fields). Rows that cannot be read are returned as messages with their line number.
fn parse_roster(text: &str) -> (Vec<Row>, Vec<String>) {
    let (mut rows, mut bad) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate().skip(1) {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match parse_row(line_no, line) {
            Ok(row) => rows.push(row),
            Err(why) => bad.push(format!("line {line_no}: {why}")),
        }
    }
    (rows, bad)
}

fn parse_row(line: usize, text: &str) -> Result<Row, String> {
    let f: Vec<&str> = text.split(',').map(str::trim).collect();
    let [
        household,
        group,
        address,
        name,
        sex,
        birth,
        identity,
        phone,
        relation,
    ] = f[..]
    else {
        return Err(format!("expected 9 fields, found {}", f.len()));
    };
    let group = group
        .parse()
        .map_err(|_| format!("{group:?} is not a group number"))?;
    // The crate's parsers read the register's words: 男/女 (or male/female), 户主, 配偶, 儿媳…;
    // a relation outside the fixed list is kept as written.
    let sex: Sex = sex.parse().map_err(|e| format!("{e}"))?;
    let birth: Day = birth.parse().map_err(|e| format!("{e}"))?;
    let relation: Relation = relation.parse().map_err(|e| format!("{e}"))?;
    let mut details = ResidentDetails::new(name, sex, birth, relation);
    if !identity.is_empty() {
        details = details.with_identity(identity.parse().map_err(|e| format!("{e}"))?);
    }
    if !phone.is_empty() {
        details = details.with_phone(phone.parse().map_err(|e| format!("{e}"))?);
    }
    Ok(Row {
        line,
        household: household.to_owned(),
        group,
        address: address.to_owned(),
        details,
    })
}

fn args() -> Result<(PathBuf, PathBuf), Failure> {
    let mut roster = PathBuf::from(SHIPPED_ROSTER);
    let mut ledger = std::env::temp_dir().join("fangkong-village-ledger.jsonl");
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--roster" => roster = it.next().ok_or("--roster needs a path")?.into(),
            "--ledger" => ledger = it.next().ok_or("--ledger needs a path")?.into(),
            other => {
                return Err(format!(
                    "unknown argument {other:?}: use --roster PATH or --ledger PATH"
                )
                .into());
            }
        }
    }
    Ok((roster, ledger))
}

fn at_on(day: Day, time: &str) -> Result<Instant, Failure> {
    Ok(Instant::at(day, time.parse()?, UtcOffset::CHINA))
}

fn main() -> Result<(), Failure> {
    let (roster_path, ledger_path) = args()?;

    // The village: Qianjin, three groups, a grid worker for each, a doctor for the township.
    let t: Instant = "2020-01-24T08:00:00+08:00".parse()?;
    let mut reg = Registry::found(Founding::new("Huochezhan Township (火车站乡)", "刘书记"), t);
    let secretary = reg.staff_ids().next().ok_or("no founding leader")?;
    let qianjin = reg.establish_unit(
        secretary,
        t,
        UnitKind::Village,
        "前进村",
        reg.township(),
        None,
    )?;
    let mut groups: BTreeMap<u16, (UnitId, StaffId)> = BTreeMap::new();
    for (n, worker) in [(1, "李华"), (2, "周敏"), (3, "唐平")] {
        let group = reg.establish_group(secretary, t, qianjin, n, format!("前进村{n}组"))?;
        let staff = reg.enroll_staff(secretary, t, worker, Role::GridWorker, None)?;
        reg.assign(secretary, t, staff, group, Duty::Grid)?;
        groups.insert(n, (group, staff));
    }
    let doctor = reg.enroll_staff(secretary, t, "谢医生", Role::HealthWorker, None)?;
    reg.assign(secretary, t, doctor, reg.township(), Duty::MedicalService)?;

    // The roster, parsed, then loaded in one batch: each household once, its residents
    // referring to the household's row.
    let text = std::fs::read_to_string(&roster_path)
        .map_err(|e| format!("cannot read the roster {}: {e}", roster_path.display()))?;
    let (rows, unreadable) = parse_roster(&text);
    for why in &unreadable {
        println!("unreadable roster row, {why}");
    }
    let t: Instant = "2020-01-24T09:00:00+08:00".parse()?;
    let mut batch = Vec::new();
    let mut lines = Vec::new(); // the roster line of each batch row
    let mut household_rows: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &rows {
        let Some(&(group, worker)) = groups.get(&row.group) else {
            println!(
                "roster line {}: there is no group {} in 前进村",
                row.line, row.group
            );
            continue;
        };
        let household = match household_rows.get(row.household.as_str()) {
            Some(&n) => n,
            None => {
                let n = batch.len();
                batch.push(BatchItem::new(
                    worker,
                    t,
                    BatchCommand::RegisterHousehold {
                        group: group.into(),
                        address: row.address.clone(),
                    },
                ));
                lines.push(row.line);
                household_rows.insert(&row.household, n);
                n
            }
        };
        batch.push(BatchItem::new(
            worker,
            t,
            BatchCommand::RegisterResident {
                household: Ref::Row(household),
                details: row.details.clone(),
            },
        ));
        lines.push(row.line);
    }
    let results = reg.execute_all(batch);
    let mut refused = 0;
    for (n, result) in results.iter().enumerate() {
        if let Err(e) = result {
            refused += 1;
            println!("roster line {} refused: {e}", lines[n]);
        }
    }
    println!(
        "roster {}: {} rows read, {} refused; {} households and {} residents registered",
        roster_path.display(),
        rows.len(),
        refused,
        reg.households().count(),
        reg.residents().count()
    );

    // Screening: Wuhan at high risk from 2020-01-08, the January 2020 rule, one round; every
    // household visited, the returnee interviewed.
    reg.designate_risk_area(
        secretary,
        t,
        "420100".parse()?,
        RiskLevel::HIGH,
        "2020-01-08".parse()?,
        "NHC community notice, 2020-01-24",
    )?;
    reg.adopt_screening_rule(secretary, t, ScreeningRule::returnee_jan2020())?;
    let day: Day = "2020-01-24".parse()?;
    let round = reg.open_screening_round(secretary, t, "地毯式排查", vec![qianjin], day)?;
    let visit_at = at_on(day, "10:00")?;
    let households: Vec<_> = reg.households().map(|h| (h.id, h.group)).collect();
    // The last household of group 3 had nobody home: it stays on its worker's list.
    let away = households
        .iter()
        .rev()
        .find(|(_, g)| *g == groups[&3].0)
        .map(|(h, _)| *h);
    for (h, group) in households {
        let worker = groups
            .values()
            .find(|(g, _)| *g == group)
            .map(|(_, w)| *w)
            .ok_or("group without worker")?;
        let result = if Some(h) == away {
            VisitResult::NobodyHome
        } else {
            VisitResult::Screened
        };
        reg.record_visit(worker, visit_at, round, h, result)?;
    }
    let returnee = reg
        .residents()
        .find(|r| &*r.details.name == RETURNEE)
        .map(|r| (r.id, r.household))
        .ok_or("the returnee is not in the roster")?;
    let group = reg
        .household(returnee.1)
        .map(|h| h.group)
        .ok_or("no household")?;
    let worker = groups
        .values()
        .find(|(g, _)| *g == group)
        .map(|(_, w)| *w)
        .ok_or("no worker")?;
    let travel = TravelHistory {
        stays: vec![Stay::new(
            "420100".parse()?,
            "2020-01-02".parse()?,
            "2020-01-20".parse()?,
        )?],
        transits: vec![],
        returned_home: Some("2020-01-21".parse()?),
    };
    let interview = Interview::new(travel, true, ReportedSymptoms::default())?;
    let interviewed = reg.record_interview(
        worker,
        at_on(day, "10:30")?,
        returnee.0,
        Some(round),
        interview,
    )?;
    println!("interview of {RETURNEE}: {}", interviewed.outcome.explain());
    let obs = interviewed
        .observation
        .ok_or("the returnee should be a key person")?;
    println!("observation {obs} opened");

    // A day of readings: the interview, the evening, the next morning.
    let reading = |at: Instant, t: &str| -> Result<ObservationUpdate, Failure> {
        Ok(ObservationUpdate::RecordReading(Reading {
            at,
            temperature: t.parse()?,
            method: Method::Armpit,
            by: Reporter::SelfReported,
        }))
    };
    let next: Day = day.plus_days(1)?;
    for (d, time, temp) in [
        (day, "10:40", "36.4"),
        (day, "19:30", "36.6"),
        (next, "07:30", "36.5"),
    ] {
        let at = at_on(d, time)?;
        reg.update_observation(worker, at, obs, reading(at, temp)?)?;
    }

    // The grid worker's work list at noon on the 25th, in English and Chinese.
    let list = reg.work_list(worker, next, at_on(next, "12:30")?);
    println!("\n{list}");
    println!("{}", list.display_zh());

    // The ledger goes to a file and comes back; the replayed registry is the same.
    {
        let mut out = BufWriter::new(File::create(&ledger_path)?);
        reg.ledger().write_jsonl(&mut out)?;
        out.flush()?;
    }
    let loaded = Ledger::read_jsonl(BufReader::new(File::open(&ledger_path)?))?;
    let replayed = Registry::replay(&loaded)?;
    if replayed != reg {
        return Err("the replayed registry differs".into());
    }
    println!(
        "ledger: {} entries written to {} and replayed to the same registry (head {})",
        loaded.len(),
        ledger_path.display(),
        loaded.head().hash
    );
    Ok(())
}
