//! A county office's tool (县级汇总工具), end to end, from files alone: it loads two or more
//! township ledger files, checks each against the heads the county kept from the daily
//! reports, rolls up a day with the missing and late units shown, writes the county CSV and
//! xlsx, prints the OxCGRT levels per township and the overdue findings, and checks one
//! resident's trail export with plain SHA-256 (RFC 9162 §2.1.3.2) in a few lines.
//!
//! ```text
//! cargo run --example county_tool                       # generates its inputs first
//! cargo run --features csv,xlsx --example county_tool   # and writes the county CSV and xlsx
//! cargo run --example county_tool -- --zh DIR           # a folder of your own, in Chinese
//! ```
//!
//! A folder holds `*.ledger.jsonl` (one per township), `heads.jsonl` (the heads the county
//! kept, LEDGER.md "The heads a county keeps") and any `*.trail.json` (trail exports). With no
//! folder, the tool generates two townships' campaigns to 2020-02-05 into a temporary folder
//! (Gutang with a village's report for 2020-02-04 missing, another's late and a finding left
//! unrectified), then works from the files as a county would.

use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use fangkong::audit::Subject;
use fangkong::ledger::{Holding, KeptHead};
use fangkong::registry::TrailExport;
use fangkong::report::{Lang, Rollup};
use fangkong::synth::{self, Gaps, TownshipSpec};
use fangkong::{Day, Ledger, Registry, TreeHead};
use sha2::{Digest, Sha256};

const HELP: &str = "\
county_tool: a county office's checks and roll-up of its townships' ledgers

usage: cargo run --example county_tool [-- [--zh] [--day YYYY-MM-DD] [DIR]]

  DIR    a folder of *.ledger.jsonl, heads.jsonl and *.trail.json files; without one, two
         townships are generated into a temporary folder first
  --zh   print in Chinese
  --day  the day to roll up (default 2020-02-04)";

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let mut zh = false;
    let mut day: Day = "2020-02-04".parse()?;
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--help" | "-h" => {
                println!("{HELP}");
                return Ok(());
            }
            "--zh" => zh = true,
            "--day" => day = args.next().ok_or("--day needs a day")?.parse()?,
            other if other.starts_with('-') => return Err(format!("unknown option {other}").into()),
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let lang = if zh { Lang::Zh } else { Lang::En };
    match dir {
        Some(dir) => county(&dir, day, lang),
        None => {
            let dir = generate(day)?;
            county(&dir, day, lang)?;
            rewritten(&dir, lang)
        }
    }
}

/// What the county's check says of a copy of Gutang's ledger whose first entry was rewritten
/// and every hash after it recomputed (it verifies on its own).
fn rewritten(dir: &Path, lang: Lang) -> Result<()> {
    let file = dir.join("gutang.ledger.jsonl");
    let ledger = Ledger::read_jsonl(BufReader::new(fs::File::open(file)?))?;
    let copy = synth::rewrite_entry(&ledger, 1, "Gutang Township", "Gutang Townshap")?;
    copy.verify()?;
    let kept = KeptHead::read_jsonl(BufReader::new(fs::File::open(dir.join("heads.jsonl"))?))?;
    let err = KeptHead::check_all(&kept, "Gutang Township (古塘乡)", Holding::Ledger(&copy))
        .err()
        .ok_or("the rewritten copy passed")?;
    println!();
    if lang == Lang::Zh {
        println!(
            "古塘乡账本的改写副本（第1条被改、其后哈希重算）：{}",
            err.display_zh()
        );
    } else {
        println!(
            "a rewritten copy of Gutang's ledger (entry 1 changed, every hash after it recomputed): {err}"
        );
    }
    Ok(())
}

/// The county's work, from the files in `dir`.
fn county(dir: &Path, day: Day, lang: Lang) -> Result<()> {
    let zh = lang == Lang::Zh;
    let say = |en: &str, cn: &str| if zh { cn.to_owned() } else { en.to_owned() };
    let kept = KeptHead::read_jsonl(BufReader::new(fs::File::open(dir.join("heads.jsonl"))?))?;
    println!("{} {}", say("heads kept:", "留存的账本头："), kept.len());

    // 1. Each township's ledger: read (a cut file is an error), checked against the kept
    //    heads, replayed.
    let mut townships: Vec<Registry> = Vec::new();
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".ledger.jsonl"))
        .collect();
    files.sort();
    for file in &files {
        let ledger = Ledger::read_jsonl(BufReader::new(fs::File::open(file)?))?;
        let reg = Registry::replay(&ledger)?;
        let name = reg
            .unit(reg.township())
            .map(|u| u.name.clone())
            .unwrap_or_default();
        match KeptHead::check_all(&kept, &name, Holding::Ledger(&ledger)) {
            Ok(found) if zh => println!("{}", found.display_zh()),
            Ok(found) => println!("{found}"),
            Err(e) if zh => println!("{}", e.display_zh()),
            Err(e) => println!("{e}"),
        }
        townships.push(reg);
    }

    // 2. The roll-up of the day: units as rows, the missing and late shown, both totals.
    let mut rollup = Rollup::new("Shuangqing District (双清区)", day);
    for reg in &townships {
        rollup.add_table(reg.day_table(day))?;
    }
    println!();
    print!("{}", rollup.display_in(lang));
    for reg in &townships {
        let table = reg.day_table(day);
        for row in table.missing() {
            println!(
                "{} {} / {}",
                say("missing:", "未报："),
                table.area,
                row.label
            );
        }
        for row in table.late() {
            println!("{} {} / {}", say("late:", "迟报："), table.area, row.label);
        }
    }
    write_sheets(dir, &rollup, lang)?;

    // 3. OxCGRT levels per township, and the overdue findings.
    println!();
    for reg in &townships {
        let name = reg.unit(reg.township()).map_or("", |u| u.name.as_str());
        let levels = reg.oxcgrt_indicators(reg.township(), day);
        if zh {
            println!("OxCGRT {name}：{}", levels.display_zh());
        } else {
            println!("OxCGRT {name}: {levels}");
        }
        for row in reg.overdue_findings(day, None) {
            if zh {
                println!("  {} {}", say("overdue:", "逾期未整改："), row.display_zh());
            } else {
                println!("  overdue: {row}");
            }
        }
    }

    // 4. Trail exports: checked by the crate, and by hand with SHA-256 alone.
    let tree_heads: Vec<TreeHead> = kept.iter().map(|k| k.tree_head).collect();
    let mut exports: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".trail.json"))
        .collect();
    exports.sort();
    println!();
    for file in exports {
        let export: TrailExport = serde_json::from_str(&fs::read_to_string(&file)?)?;
        let checked = export.check(&tree_heads)?;
        // By hand: each proved entry against the export's tree head, which must be a kept one.
        let kept_head = tree_heads.contains(&export.tree_head);
        let by_hand = export
            .entries
            .iter()
            .filter(|e| kept_head && proves(&e.record, &e.proof, &export.tree_head))
            .count();
        let name = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let (proved, pending, all) = (
            checked.proved.len(),
            checked.pending.len(),
            export.entries.len(),
        );
        if zh {
            println!(
                "轨迹导出 {name}：{proved}条记录经留存的树头证明，{pending}条待证明；其中{by_hand}/{all}条仅用SHA-256复核无误"
            );
        } else {
            println!(
                "trail export {name}: {proved} entries proved to a kept tree head, {pending} pending; {by_hand} of {all} checked again with SHA-256 alone"
            );
        }
        if by_hand != all {
            return Err("a trail entry did not check with SHA-256 alone".into());
        }
    }
    Ok(())
}

/// RFC 9162 §2.1.3.2, with SHA-256 alone: whether `record` is in the tree of `head`.
fn proves(record: &str, proof: &fangkong::ledger::InclusionProof, head: &TreeHead) -> bool {
    let sha = |parts: &[&[u8]]| -> [u8; 32] {
        let mut h = Sha256::new();
        for p in parts {
            h.update(p);
        }
        h.finalize().into()
    };
    if proof.leaf_index >= proof.tree_size || proof.tree_size != head.size {
        return false;
    }
    let (mut fnode, mut snode) = (proof.leaf_index, proof.tree_size - 1);
    let mut r = sha(&[&[0x00], &sha(&[record.as_bytes()])]);
    for p in &proof.path {
        if snode == 0 {
            return false;
        }
        if fnode & 1 == 1 || fnode == snode {
            r = sha(&[&[0x01], p.as_bytes(), &r]);
            while fnode & 1 == 0 && fnode != 0 {
                fnode >>= 1;
                snode >>= 1;
            }
        } else {
            r = sha(&[&[0x01], &r, p.as_bytes()]);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    snode == 0 && &r == head.root.as_bytes()
}

/// The county CSV and xlsx, when the crate is built with the `csv` and `xlsx` features.
fn write_sheets(dir: &Path, rollup: &Rollup, lang: Lang) -> Result<()> {
    let _ = (dir, rollup, lang);
    #[cfg(feature = "csv")]
    {
        let path = dir.join("county.csv");
        fs::write(&path, fangkong::report::rollup_to_csv(rollup, Lang::Both)?)?;
        println!("written: {}", path.display());
    }
    #[cfg(feature = "xlsx")]
    {
        let path = dir.join("county.xlsx");
        let created = fangkong::Instant::at(
            rollup.day,
            fangkong::TimeOfDay::from_hm(23, 0)?,
            fangkong::UtcOffset::CHINA,
        );
        fs::write(
            &path,
            fangkong::report::rollup_to_xlsx(rollup, Lang::Both, created)?,
        )?;
        println!("written: {}", path.display());
    }
    #[cfg(not(all(feature = "csv", feature = "xlsx")))]
    println!(
        "{}",
        if lang == Lang::Zh {
            "（以 --features csv,xlsx 构建可写出全县CSV和xlsx）"
        } else {
            "(build with --features csv,xlsx to write the county CSV and xlsx)"
        }
    );
    Ok(())
}

/// Two townships' campaigns to the day after `day`, written as a county would receive them: each ledger,
/// the heads kept from every daily report, and one resident's trail export. Returns the folder.
fn generate(day: Day) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("fangkong-county-{}", std::process::id()));
    fs::create_dir_all(&dir)?;
    println!("generating two townships into {}", dir.display());
    let smaller = |mut spec: TownshipSpec, by: u32| {
        for u in &mut spec.units {
            u.households = (u.households / by).max(40);
            u.groups = u.groups.div_ceil(by as u16).max(1);
        }
        spec
    };
    let gutang = smaller(TownshipSpec::from_seed("Gutang Township (古塘乡)", 7), 4);
    let first_village = gutang.units[0].name.clone();
    let second_village = gutang.units[1].name.clone();
    let gaps = Gaps::none()
        .with_missing_report(first_village, day)
        .with_late_report(second_village, day)
        .with_unrectified_findings(1);
    let specs = [
        ("huochezhan", smaller(TownshipSpec::huochezhan(), 4)),
        ("gutang", gutang.with_gaps(gaps)),
    ];
    let mut kept = Vec::new();
    for (file, spec) in specs {
        let mut town = synth::build(&spec)?;
        // To the morning after the day, when a late report comes in.
        synth::run_campaign(&mut town, day.plus_days(1)?)?;
        let reg = &mut town.registry;
        kept.extend(reg.kept_heads());
        if file == "gutang" {
            // The township exports one key person's trail for the county.
            let resident = reg
                .observations()
                .next()
                .map(|o| o.resident)
                .ok_or("no observation")?;
            let at = reg
                .ledger()
                .last_entry()
                .map_or(Ok(fangkong::Instant::MIN), |e| {
                    fangkong::Record::of(e).map(|r| r.at)
                })?;
            let secretary = town.secretary;
            let export = reg.export_trail(secretary, at, Subject::Resident(resident), &[])?;
            fs::write(
                dir.join(format!("{file}-{resident}.trail.json")),
                serde_json::to_string(&export)?,
            )?;
        }
        let mut out =
            std::io::BufWriter::new(fs::File::create(dir.join(format!("{file}.ledger.jsonl")))?);
        town.registry.ledger().write_jsonl(&mut out)?;
        std::io::Write::flush(&mut out)?;
    }
    KeptHead::write_jsonl(&kept, fs::File::create(dir.join("heads.jsonl"))?)?;
    Ok(dir)
}
