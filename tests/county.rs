//! Issue 23: what a county office does with its townships' reports. Given townships that
//! reported (or not) on a day, when the county rolls the day up, then it sees how many units
//! reported, which are missing, the submitted figures and the registries' own side by side, and
//! it can export them with a township column, township totals and the county total.

use fangkong::report::{Lang, Rollup, RowStatus};
use fangkong::{
    Day, Founding, Instant, Registry, ReportCommand, Schedule, StaffId, UnitId, UnitKind,
};

fn at(s: &str) -> Instant {
    s.parse().unwrap()
}

fn day(s: &str) -> Day {
    s.parse().unwrap()
}

const T0: &str = "2020-01-24T09:00:00+08:00";

/// A township with `villages` villages of `households` households each, reporting from
/// 2020-01-24.
struct Town {
    reg: Registry,
    leader: StaffId,
    villages: Vec<UnitId>,
}

fn township(name: &str, villages: usize, households: usize) -> Town {
    let t = at(T0);
    let mut reg = Registry::found(Founding::new(name, "Secretary Liu"), t);
    let leader = reg.staff_ids().next().unwrap();
    reg.execute(
        leader,
        t,
        ReportCommand::SetSchedule {
            schedule: Schedule::new(day("2020-01-24")),
        },
    )
    .unwrap();
    let mut ids = Vec::new();
    for v in 1..=villages {
        let village = reg
            .establish_unit(
                leader,
                t,
                UnitKind::Village,
                format!("Village {v:02}"),
                reg.township(),
                None,
            )
            .unwrap();
        let group = reg
            .establish_group(leader, t, village, 1, format!("Village {v:02} group 1"))
            .unwrap();
        for h in 1..=households {
            reg.register_household(leader, t, group, format!("Village {v:02} no. {h}"))
                .unwrap();
        }
        ids.push(village);
    }
    Town {
        reg,
        leader,
        villages: ids,
    }
}

impl Town {
    /// Every unit reports for 2020-01-24 at 20:00 but those in `missing`.
    fn report_all_but(&mut self, missing: &[UnitId]) {
        let units: Vec<UnitId> = std::iter::once(self.reg.township())
            .chain(self.villages.iter().copied())
            .filter(|u| !missing.contains(u))
            .collect();
        for u in units {
            self.reg
                .submit_report(
                    self.leader,
                    at("2020-01-24T20:00:00+08:00"),
                    u,
                    day("2020-01-24"),
                    "",
                )
                .unwrap();
        }
    }
}

#[test]
fn one_unit_of_sixteen_missing_is_said_and_its_registry_figures_stand_beside_the_submitted() {
    // Given a township of 15 villages of 4 households each, where Village 07 did not report
    let mut town = township("Huochezhan", 15, 4);
    let village_07 = town.villages[6];
    town.report_all_but(&[village_07]);
    // When the county takes the day's table
    let table = town.reg.day_table(day("2020-01-24"));
    // Then it says 15 of 16 units reported and names the missing one
    assert_eq!((table.reported(), table.units()), (15, 16));
    assert!(!table.is_complete());
    let missing: Vec<&str> = table.missing().map(|r| r.label.as_str()).collect();
    assert_eq!(missing, ["Village 07 (U14)"]);
    // And the submitted total is short by the missing village, which the registry's own
    // figures hold beside it
    assert_eq!(table.submitted_total().households_total, 14 * 4);
    assert_eq!(table.registry_total().unwrap().households_total, 15 * 4);
    let row = table.rows.iter().find(|r| r.unit == village_07).unwrap();
    assert_eq!(row.status, RowStatus::Missing);
    assert_eq!(row.figures.households_total, 0);
    assert_eq!(row.registry.unwrap().households_total, 4);
    // And the rendering says so in its first line, calls the sum the submitted total (never
    // the township's), and shows the missing village's registry figures in parentheses
    let text = table.to_string();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "Daily report Huochezhan 2020-01-24: 15 of 16 units reported; missing: Village 07 (U14)"
    );
    let households = text.lines().find(|l| l.starts_with("Households ")).unwrap();
    assert!(households.contains("(4)"), "{households}");
    assert!(
        households.trim_end().ends_with("56              60"),
        "{households}"
    );
    assert!(text.contains("Submitted total") && text.contains("Registry total"));
    assert!(!text.contains("Township total"));
    let zh = table.display_zh().to_string();
    assert!(
        zh.starts_with("日报表 Huochezhan 2020-01-24：16个单位中15个已报；未报：Village 07 (U14)"),
        "{zh}"
    );

    // When a household is registered in Village 01 after its report, then its row differs
    town.reg
        .register_household(
            town.leader,
            at("2020-01-24T21:00:00+08:00"),
            town.reg
                .groups_of(town.villages[0])
                .first()
                .copied()
                .expect("a group"),
            "Village 01 no. 5",
        )
        .unwrap();
    let table = town.reg.day_table(day("2020-01-24"));
    let differing: Vec<&str> = table.differing().map(|r| r.label.as_str()).collect();
    assert_eq!(differing, ["Village 01 (U2)"]);
    assert!(
        table.to_string().contains(
            "* Village 01 (U2): the registry's figures changed since the report: Households 4 → 5"
        ),
        "{table}"
    );
}

/// Two townships of two villages each: Huochezhan complete, Gutang missing one village.
fn two_townships(a: &str, b: &str) -> Rollup {
    let mut first = township(a, 2, 3);
    first.report_all_but(&[]);
    let mut second = township(b, 2, 2);
    let missing = second.villages[1];
    second.report_all_but(&[missing]);
    let mut county = Rollup::new("Shuangqing District", day("2020-01-24"));
    county
        .add_table(first.reg.day_table(day("2020-01-24")))
        .unwrap()
        .add_table(second.reg.day_table(day("2020-01-24")))
        .unwrap();
    county
}

#[cfg(feature = "csv")]
#[test]
fn two_townships_roll_up_to_a_county_csv_with_a_township_column_and_totals() {
    // Given two townships, one of them with a village missing
    let county = two_townships("Huochezhan", "Gutang");
    // Then the county sees 5 of 6 units reported, and its totals side by side
    assert_eq!((county.reported(), county.units()), (5, 6));
    assert_eq!(county.submitted_total().households_total, 6 + 2);
    assert_eq!(county.registry_total().unwrap().households_total, 6 + 4);
    // When it is written as CSV, then each row names its township; each township has its
    // totals and the county its own (first six columns pinned, every row as long as the
    // headings)
    let csv = fangkong::report::rollup_to_csv(&county, Lang::En).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    // (the headings quote their commas; the rows have none)
    let width = lines[1].split(',').count();
    assert_eq!(width, 4 + fangkong::report::FIGURE_LABELS.len());
    assert!(
        lines[1..].iter().all(|l| l.split(',').count() == width),
        "{csv}"
    );
    let head: Vec<String> = lines
        .iter()
        .map(|l| l.split(',').take(6).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        head,
        [
            "Township,Unit,Status,Source,Households,Households screened",
            "Huochezhan,Huochezhan (U1),zero,submitted,0,0",
            "Huochezhan,Huochezhan (U1),,registry,0,0",
            "Huochezhan,Village 01 (U2),zero,submitted,3,0",
            "Huochezhan,Village 01 (U2),,registry,3,0",
            "Huochezhan,Village 02 (U4),zero,submitted,3,0",
            "Huochezhan,Village 02 (U4),,registry,3,0",
            "Huochezhan,Township total,3 of 3 units reported,submitted,6,0",
            "Huochezhan,Township total,,registry,6,0",
            "Gutang,Gutang (U1),zero,submitted,0,0",
            "Gutang,Gutang (U1),,registry,0,0",
            "Gutang,Village 01 (U2),zero,submitted,2,0",
            "Gutang,Village 01 (U2),,registry,2,0",
            "Gutang,Village 02 (U4),missing,submitted,,",
            "Gutang,Village 02 (U4),,registry,2,0",
            "Gutang,Township total,2 of 3 units reported,submitted,2,0",
            "Gutang,Township total,,registry,4,0",
            "Shuangqing District,County total,5 of 6 units reported,submitted,8,0",
            "Shuangqing District,County total,,registry,10,0",
        ]
    );
    // And in Chinese and English together, the headings carry both
    let both = fangkong::report::rollup_to_csv(&county, Lang::Both).unwrap();
    assert!(both.starts_with("乡镇 Township,单位 Unit,状态 Status,来源 Source,户数 Households,"));
    assert!(both.contains("全县合计 County total,6个单位中5个已报 5 of 6 units reported"));
}

#[test]
fn a_roll_up_reads_in_a_terminal_units_as_rows_in_both_languages() {
    let county = two_townships("Huochezhan", "Gutang");
    let text = county.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Roll-up Shuangqing District 2020-01-24: 5 of 6 units reported"
    );
    assert!(lines[1].starts_with("Township"), "{text}");
    // A line per unit, the registry's line for the missing one, two per township total and
    // two for the county
    assert_eq!(lines.len(), 2 + 6 + 1 + 4 + 2, "{text}");
    assert!(
        lines.iter().any(|l| l.starts_with("Gutang")
            && l.contains("Village 02 (U4)")
            && l.contains("missing")),
        "{text}"
    );
    let zh = county.display_zh().to_string();
    assert!(
        zh.starts_with("汇总 Shuangqing District 2020-01-24：6个单位中5个已报"),
        "{zh}"
    );
    assert!(zh.contains("全县合计"), "{zh}");
}

#[cfg(feature = "xlsx")]
#[test]
fn two_townships_of_forty_character_names_write_a_county_workbook_that_reads_back() {
    use std::io::Read;
    // Given two townships whose names are 40 characters long and alike in their first 31
    let a = "Huochezhan Township, Shuangqing Distr. A";
    let b = "Huochezhan Township, Shuangqing Distr. B";
    assert_eq!((a.chars().count(), b.chars().count()), (40, 40));
    let county = two_townships(a, b);
    // When the county writes its workbook
    let bytes = fangkong::report::rollup_to_xlsx(&county, Lang::Both, at(T0)).unwrap();
    // Then it reads back: the roll-up's sheet and one per township, every name within Excel's
    // 31 characters and unique, the township names whole in the cells
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let workbook = read("xl/workbook.xml");
    let names: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "2020-01-24 Shuangqing District",
            "Huochezhan Township, Shuangqing",
            "Huochezhan Township, Shuang (2)"
        ]
    );
    assert!(names.iter().all(|n| n.chars().count() <= 31));
    let strings = read("xl/sharedStrings.xml");
    assert!(strings.contains(a) && strings.contains(b), "{strings}");
    assert!(strings.contains("全县合计 County total"), "{strings}");
    let sheet = read("xl/worksheets/sheet1.xml");
    // A heading row, two rows per unit (6 units), two per township total, two for the county
    assert_eq!(sheet.matches("<row ").count(), 1 + 12 + 4 + 2);
}
