//! Writes seed inputs for the fuzz targets into `corpus/` (run from `fuzz/`:
//! `cargo run --example seeds`): prefixes of a real ledger, and text for each parser.

use std::fs;

use fangkong::Day;
use fangkong::synth::{TownshipSpec, build, run_campaign};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    fs::create_dir_all("corpus/jsonl_ledger")?;
    fs::create_dir_all("corpus/parse")?;
    fs::create_dir_all("corpus/replay_records")?;
    fs::create_dir_all("corpus/commands")?;
    // Commands for `commands` (its doc says the line format): accepted, refused, dated
    // earlier, a batch whose rows depend on a refused row, reports and trail exports.
    for (name, text) in [
        (
            "grid",
            "c52 {\"grid\":{\"RegisterHousehold\":{\"group\":3,\"address\":\"Qianjin 1-02\"}}}\n\
             c51 {\"grid\":{\"RegisterHousehold\":{\"group\":4,\"address\":\"tel 139.7456.1234\"}}}\n\
             e5 {\"grid\":{\"RegisterHousehold\":{\"group\":3,\"address\":\"Qianjin 1-03\"}}}\n\
             c11 {\"grid\":{\"EnrollStaff\":{\"name\":\"Li Na\",\"role\":\"grid_worker\",\"phone\":null}}}\n",
        ),
        (
            "batch",
            "b5 [{\"register_household\":{\"group\":{\"id\":4},\"address\":\"x\"}},\
             {\"register_resident\":{\"household\":{\"row\":0},\"details\":{\"name\":\"王强\",\
             \"sex\":\"male\",\"birth_date\":\"1990-05-01\",\"relation\":\"head\"}}},\
             {\"register_household\":{\"group\":{\"row\":1},\"address\":\"y\"}}]\n",
        ),
        (
            "reports",
            "r120 nothing new\nr121 late\nr620 zero\nr510 village\nt11\nt51\nr120 again\n",
        ),
        (
            "publicity",
            "c12 {\"publicity\":{\"LaunchCampaign\":{\"unit\":1,\"title\":\"一封信\",\"cover\":[2],\
             \"first\":\"2020-01-24\",\"last\":null}}}\n\
             c22 {\"publicity\":{\"RecordAction\":{\"kind\":\"letter\",\"unit\":3,\"campaign\":1,\
             \"details\":{\"Delivery\":{\"day\":\"2020-01-24\",\"deliveries\":[{\"household\":1,\"copies\":2}]}}}}}\n\
             c21 {\"publicity\":{\"RecordAction\":{\"kind\":\"letter\",\"unit\":3,\"campaign\":null,\
             \"details\":{\"Delivery\":{\"day\":\"2020-01-24\",\"deliveries\":[{\"household\":2,\"copies\":1}]}}}}}\n\
             c32 {\"publicity\":{\"RecordAction\":{\"kind\":\"loudspeaker\",\"unit\":2,\"campaign\":1,\
             \"details\":{\"Broadcast\":{\"loop\":{\"start\":\"2020-01-24T07:00:00+08:00\",\
             \"end\":\"2020-01-24T19:00:00+08:00\"}}}}}}\n\
             c12 {\"publicity\":{\"RecordAction\":{\"kind\":\"online\",\"unit\":1,\"campaign\":1,\
             \"details\":{\"Message\":{\"at\":\"2020-01-24T09:00:00+08:00\",\"group\":\"tel 139.7456.1234\",\
             \"reach\":300}}}}}\n\
             c12 {\"publicity\":{\"EndCampaign\":{\"campaign\":1,\"last\":\"2020-02-29\"}}}\n",
        ),
        (
            "audit",
            "c13 {\"audit\":{\"ExportList\":{\"list\":\"residents\"}}}\n\
             c53 {\"audit\":{\"ExportList\":{\"list\":\"key_people\"}}}\n",
        ),
    ] {
        fs::write(format!("corpus/commands/{name}"), text)?;
    }
    let mut town = build(&TownshipSpec::huochezhan())?;
    run_campaign(&mut town, Day::from_ymd(2020, 2, 4)?)?;
    let jsonl = town.registry.ledger().to_jsonl();
    let lines: Vec<&str> = jsonl.lines().collect();
    for n in [1, 2, 5, 12, 30] {
        let prefix: String = lines.iter().take(n).map(|l| format!("{l}\n")).collect();
        fs::write(format!("corpus/jsonl_ledger/prefix-{n}"), prefix)?;
    }
    // The records alone, for replay_records, which chains them itself.
    let ledger = town.registry.ledger();
    let records: Vec<&str> = ledger.entries().filter_map(|e| e.record_bytes()).collect();
    for n in [1, 3, 8, 20, 40] {
        let text: String = records.iter().take(n).map(|r| format!("{r}\n")).collect();
        fs::write(format!("corpus/replay_records/first-{n}"), text)?;
    }
    // A few entries from later in the campaign, kept small.
    for (i, l) in lines
        .iter()
        .enumerate()
        .skip(30)
        .step_by(lines.len() / 20 + 1)
    {
        fs::write(format!("corpus/jsonl_ledger/line-{i}"), format!("{l}\n"))?;
    }
    for (name, text) in [
        ("day", "2020-01-24\n1800-01-01\n9999-12-31"),
        (
            "instant",
            "2020-01-24T08:30:00+08:00\n2200-12-31T23:59:59Z\n1970-01-01T00:00:00.5-05:30",
        ),
        ("offset", "+08:00\nZ\n-05:30"),
        ("time", "06:30\n23:59"),
        ("codes", "420106\n430502101203"),
        ("ids", "U7\nS3\nH1024\nR4410\nSR1\nOB49"),
        (
            "hash",
            "0000000000000000000000000000000000000000000000000000000000000000",
        ),
        ("temperature", "37.3\n36.5 ℃\n38°C"),
        (
            "identity",
            "11010519491231002X\n110105491231002\n440524188001010014",
        ),
        (
            "phone",
            "13807311234\n+86 138-0731-1234\n(0739)5221234\n0731-84567890",
        ),
    ] {
        fs::write(format!("corpus/parse/{name}"), text)?;
    }
    println!("{} ledger lines; seeds written", lines.len());
    Ok(())
}
