//! Issue 23: what a county office does with its townships' reports. Given townships that
//! reported (or not) on a day, when the county rolls the day up, then it sees how many units
//! reported, which are missing, the submitted figures and the registries' own side by side, and
//! it can export them with a township column, township totals and the county total.

use fangkong::report::{ReportCommand, Schedule};
use fangkong::report::{Rollup, RowStatus};
use fangkong::{Day, Founding, Instant, Registry, StaffId, UnitId, UnitKind};

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
    use fangkong::report::Lang;
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
    use fangkong::report::Lang;
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

/// A township whose grid worker Li Hua was found absent from post on 2020-01-24 (to rectify by
/// 2020-01-26) and given a written admonition on 2020-01-25.
fn supervised(name: &str) -> (Registry, StaffId, UnitId) {
    use fangkong::supervision::{
        Accountable, AdmonitionManner, CadreForm, ChecklistItem, FindingSource, InspectionMode,
        InspectionTarget, ItemCheck,
    };
    use fangkong::{Duty, Role};
    let t = at(T0);
    let mut reg = Registry::found(Founding::new(name, "Secretary Liu"), t);
    let leader = reg.staff_ids().next().unwrap();
    let qianjin = reg
        .establish_unit(
            leader,
            t,
            UnitKind::Village,
            "Qianjin (前进村)",
            reg.township(),
            None,
        )
        .unwrap();
    let group_1 = reg
        .establish_group(leader, t, qianjin, 1, "Qianjin group 1")
        .unwrap();
    let li = reg
        .enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)
        .unwrap();
    reg.assign(leader, t, li, group_1, Duty::Grid).unwrap();
    let zhao = reg
        .enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)
        .unwrap();
    reg.assign(leader, t, zhao, reg.township(), Duty::Supervision)
        .unwrap();
    let afternoon = at("2020-01-24T14:00:00+08:00");
    let inspection = reg
        .record_inspection(
            zhao,
            afternoon,
            InspectionMode::Covert,
            InspectionTarget::Unit(group_1),
            afternoon,
            vec![ItemCheck::failed(
                ChecklistItem::StaffOnPost,
                "checkpoint unmanned at 14:00",
            )],
        )
        .unwrap();
    let finding = reg
        .record_finding(
            zhao,
            afternoon,
            FindingSource::ChecklistItem {
                inspection,
                item: ChecklistItem::StaffOnPost,
            },
            li,
            day("2020-01-26"),
            "nobody at the Qianjin checkpoint at 14:00",
        )
        .unwrap();
    reg.decide_accountability(
        leader,
        at("2020-01-25T10:00:00+08:00"),
        vec![finding],
        Accountable::Cadre {
            staff: li,
            form: CadreForm::Admonition(AdmonitionManner::Written),
        },
        day("2020-01-25"),
        "absent from post",
    )
    .unwrap();
    (reg, li, group_1)
}

#[test]
fn supervision_rows_hold_ids_and_render_in_both_languages() {
    // Given a township with a finding overdue on 2020-01-28 and a decision
    let (reg, li, group_1) = supervised("Huochezhan");
    // When the county lists the overdue findings and the decisions
    let overdue = reg.overdue_findings(day("2020-01-28"), None);
    let decisions = reg.decisions_made(day("2020-01-24"), day("2020-01-28"));
    // Then the rows hold ids, names and roles, not pre-rendered text
    assert_eq!(overdue.len(), 1);
    let row = &overdue[0];
    assert_eq!((row.unit.id, row.responsible.id), (group_1, li));
    assert_eq!(row.responsible.role, Some(fangkong::Role::GridWorker));
    assert_eq!(row.days_overdue, 2);
    // And they render in English and in Chinese
    assert_eq!(
        row.to_string(),
        format!(
            "{} in Qianjin group 1 ({group_1}), staff on post: grid worker Li Hua ({li}) to rectify by 2020-01-26, 2 days overdue — nobody at the Qianjin checkpoint at 14:00",
            row.finding
        )
    );
    assert_eq!(
        row.display_zh().to_string(),
        format!(
            "{}，Qianjin group 1 ({group_1})，人员在岗：网格员 Li Hua ({li})应于2020-01-26前整改，已逾期2天——nobody at the Qianjin checkpoint at 14:00",
            row.finding
        )
    );
    assert_eq!(decisions.len(), 1);
    assert_eq!(
        decisions[0].subject,
        fangkong::supervision::AccountableRef::Staff(row.responsible.clone())
    );
    let zh = decisions[0].display_zh().to_string();
    assert!(zh.contains("网格员 Li Hua"), "{zh}");
    assert!(zh.contains(&row.finding.to_string()), "{zh}");
    // And the rows go through JSON and back
    let json = serde_json::to_string(row).unwrap();
    assert_eq!(
        serde_json::from_str::<fangkong::supervision::OverdueFinding>(&json).unwrap(),
        *row
    );
}

#[test]
fn accountability_counts_add_up_across_townships_over_the_same_days_only() {
    use fangkong::supervision::{AccountabilityCounts, FormCategory};
    // Given two townships that each admonished one cadre
    let (a, _, _) = supervised("Huochezhan");
    let (b, _, _) = supervised("Gutang");
    let (from, to) = (day("2020-01-24"), day("2020-02-10"));
    // When the county adds their counts over the same days
    let county = (a.accountability_counts(from, to) + b.accountability_counts(from, to)).unwrap();
    // Then the people of both count (different townships, different people)
    assert_eq!((county.decisions, county.people), (2, 2));
    assert_eq!(county.category(FormCategory::Admonition).people, 2);
    let summed: Result<AccountabilityCounts, _> = [&a, &b]
        .iter()
        .map(|r| r.accountability_counts(from, to))
        .sum();
    assert_eq!(summed.unwrap(), county);
    // And counts over other days are refused, not added
    let other = b.accountability_counts(from, day("2020-02-11"));
    let err = (a.accountability_counts(from, to) + other).unwrap_err();
    assert_eq!(err.code(), "counts_of_other_span");
    let none: Result<AccountabilityCounts, _> = std::iter::empty().sum();
    assert_eq!(none.unwrap_err().code(), "no_counts_to_add");
    // And the counts go through JSON and back, and do not deserialize when they do not hold
    let json = serde_json::to_string(&county).unwrap();
    assert_eq!(
        serde_json::from_str::<AccountabilityCounts>(&json).unwrap(),
        county
    );
    let reversed = json.replace(r#""to":"2020-02-10""#, r#""to":"2020-01-01""#);
    assert!(serde_json::from_str::<AccountabilityCounts>(&reversed).is_err());
    // (the total, not the category's count, the last "decisions" in the JSON)
    let i = json.rfind(r#""decisions":2"#).unwrap();
    let inflated = format!(r#"{}"decisions":3{}"#, &json[..i], &json[i + 13..]);
    assert!(
        serde_json::from_str::<AccountabilityCounts>(&inflated)
            .unwrap_err()
            .to_string()
            .contains("do not hold together")
    );
}

#[test]
fn synthetic_townships_differ_by_seed_and_leave_the_gaps_asked_for() {
    use fangkong::synth::{self, Gaps, TownshipSpec};
    // Given two townships generated from different seeds
    let a = TownshipSpec::from_seed("Gutang Township", 7);
    let b = TownshipSpec::from_seed("Gutang Township", 8);
    assert_ne!(a.units, b.units);
    // And the first made small, with a report missing, one late and a finding unrectified
    let mut spec = a;
    for u in &mut spec.units {
        u.households = (u.households / 8).max(40);
        u.groups = u.groups.div_ceil(8).max(1);
    }
    let (missing, late) = (spec.units[0].name.clone(), spec.units[1].name.clone());
    let d = day("2020-02-04");
    let spec = spec.with_gaps(
        Gaps::none()
            .with_missing_report(missing.clone(), d)
            .with_late_report(late.clone(), d)
            .with_unrectified_findings(1),
    );
    // When its campaign runs to the morning after
    let mut town = synth::build(&spec).unwrap();
    synth::run_campaign(&mut town, day("2020-02-05")).unwrap();
    // Then the day's table shows the missing and the late report, by name
    let table = town.registry.day_table(d);
    let name =
        |r: &fangkong::report::DayRow| town.registry.unit(r.unit).map(|u| u.name.clone()).unwrap();
    assert_eq!(table.missing().map(name).collect::<Vec<_>>(), [missing]);
    assert_eq!(table.late().map(name).collect::<Vec<_>>(), [late]);
    // And one finding is overdue, the others rectified
    assert_eq!(town.registry.overdue_findings(d, None).len(), 1);
    // And the ledger rewritten at its first entry verifies alone but fails the kept heads
    let kept = town.registry.kept_heads();
    let copy = synth::rewrite_entry(
        town.registry.ledger(),
        1,
        "Gutang Township",
        "Gutang Townshap",
    )
    .unwrap();
    copy.verify().unwrap();
    let err = fangkong::ledger::KeptHead::check_all(
        &kept,
        "Gutang Township",
        fangkong::ledger::Holding::Ledger(&copy),
    )
    .unwrap_err();
    assert_eq!(err.code(), "kept_head_not_extended");
    assert!(
        err.to_string()
            .contains("the report of U1 for 2020-01-24 in Gutang Township"),
        "{err}"
    );
}

#[test]
fn trail_entries_name_what_they_recorded_in_both_languages() {
    use fangkong::audit::Subject;
    use fangkong::{Relation, ResidentDetails, Sex};
    // Given a resident registered in a township
    let mut town = township("Huochezhan", 1, 1);
    let t = at("2020-01-24T10:00:00+08:00");
    let group = town.reg.groups_of(town.villages[0])[0];
    let home = town
        .reg
        .register_household(town.leader, t, group, "Village 01 no. 2")
        .unwrap();
    let wang = ResidentDetails::new("王秀英", Sex::Female, day("1949-12-31"), Relation::Head);
    let r = town
        .reg
        .register_resident(town.leader, t, home, wang)
        .unwrap();
    // When the county reads the resident's trail
    let trail = town.reg.trail(Subject::Resident(r), &[]).unwrap();
    let entry = trail.entries.last().unwrap();
    // Then the entry says what it recorded, in English and in Chinese
    assert_eq!(
        entry.event_kind(),
        Some(("grid".to_owned(), "ResidentRegistered".to_owned()))
    );
    assert!(
        entry.to_string().ends_with("): grid: resident registered"),
        "{entry}"
    );
    assert_eq!(
        entry.display_zh().to_string(),
        format!(
            "#{} 2020-01-24T10:00:00+08:00 由{}记录（命令#{}）：网格·登记居民",
            entry.seq, town.leader, entry.command.first
        )
    );
}

#[test]
fn checked_values_do_not_deserialize_around_their_checks() {
    use fangkong::gathering::{GatheringOrder, OrderTerms};
    use fangkong::supervision::Finding;
    // Given a township with a gathering order and a finding
    let (mut reg, _, _) = supervised("Huochezhan");
    let leader = reg.staff_ids().next().unwrap();
    let t = at("2020-01-26T09:00:00+08:00");
    let order = reg
        .issue_gathering_order(
            leader,
            t,
            reg.township(),
            day("2020-01-26"),
            Some(day("2020-02-29")),
            OrderTerms::article(),
        )
        .unwrap();
    let json = serde_json::to_string(reg.gathering_order(order).unwrap()).unwrap();
    assert!(serde_json::from_str::<GatheringOrder>(&json).is_ok());
    // When its last day is put before its first, then it does not deserialize, with the error
    // the command gives
    let reversed = json.replace(r#""last":"2020-02-29""#, r#""last":"2020-01-20""#);
    let command = reg
        .issue_gathering_order(
            leader,
            t,
            reg.township(),
            day("2020-01-26"),
            Some(day("2020-01-20")),
            OrderTerms::article(),
        )
        .unwrap_err();
    assert_eq!(command.code(), "ends_before_start");
    let err = serde_json::from_str::<GatheringOrder>(&reversed).unwrap_err();
    assert!(err.to_string().starts_with(&command.to_string()), "{err}");
    // When its rules are emptied, then neither does it
    let start = json.find(r#""rules":["#).unwrap() + r#""rules":"#.len();
    let end = json.rfind(']').unwrap();
    let ruleless = format!("{}[]{}", &json[..start], &json[end + 1..]);
    let err = serde_json::from_str::<GatheringOrder>(&ruleless).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the order is empty: name at least one rule"),
        "{err}"
    );
    // But a command carrying empty terms is refused and its refusal replays: the terms of a
    // command read back as given, and are decided again
    let empty = OrderTerms::new("聚集管控", vec![]);
    let err = reg
        .issue_gathering_order(leader, t, reg.township(), day("2020-01-26"), None, empty)
        .unwrap_err();
    assert_eq!(err.code(), "empty_order");
    assert_eq!(Registry::replay(reg.ledger()).unwrap(), reg);
    // When a finding's deadline is put before its day, then it does not deserialize, with the
    // error the command gives
    let finding = reg.findings().next().unwrap().clone();
    let json = serde_json::to_string(&finding).unwrap();
    assert_eq!(serde_json::from_str::<Finding>(&json).unwrap(), finding);
    let early = json.replace(
        &format!(r#""deadline":"{}""#, finding.deadline),
        r#""deadline":"2020-01-01""#,
    );
    let err = serde_json::from_str::<Finding>(&early).unwrap_err();
    assert!(
        err.to_string().starts_with(&format!(
            "the rectification deadline 2020-01-01 is before the day of the finding, {}",
            finding.day
        )),
        "{err}"
    );
    // When its rectification is dated before the finding, then it does not deserialize either
    // (recording gives no such finding: a rectification comes after it)
    assert!(json.contains(r#""rectification":null"#), "{json}");
    let rectified = |on: &str, note: &str| {
        json.replace(
            r#""rectification":null"#,
            &format!(
                r#""rectification":{{"by":1,"at":"{on}T09:00:00+08:00","day":"{on}","note":"{note}"}}"#
            ),
        )
    };
    let err = serde_json::from_str::<Finding>(&rectified("2020-01-02", "done")).unwrap_err();
    assert!(
        err.to_string().starts_with(&format!(
            "finding {} was made on {} but its rectification is dated 2020-01-02, before it",
            finding.id, finding.day
        )),
        "{err}"
    );
    let err = serde_json::from_str::<Finding>(&rectified("2020-03-01", " ")).unwrap_err();
    assert!(
        err.to_string().contains("the note of the rectification"),
        "{err}"
    );
    let later = serde_json::from_str::<Finding>(&rectified("2020-03-01", "a second volunteer"));
    assert_eq!(
        later.unwrap().rectification.unwrap().note,
        "a second volunteer"
    );
    // And a day from a chrono date outside the supported range is an error, not a clamp
    let old = chrono::NaiveDate::from_ymd_opt(1700, 1, 1).unwrap();
    assert_eq!(Day::try_from(old).unwrap_err().code(), "day_outside_range");
}

#[test]
fn a_roll_up_read_back_from_a_file_passes_the_checks_adding_makes() {
    // Given a county's roll-up written to JSON
    let county = two_townships("Huochezhan", "Gutang");
    let json = serde_json::to_string(&county).unwrap();
    assert_eq!(serde_json::from_str::<Rollup>(&json).unwrap(), county);
    // When a township's table is of another day, then it does not read back
    let other = json.replacen(
        r#""day":"2020-01-24","area":"Gutang""#,
        r#""day":"2020-01-25","area":"Gutang""#,
        1,
    );
    assert_ne!(other, json);
    let err = serde_json::from_str::<Rollup>(&other).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "the table of Gutang is for 2020-01-25, but the roll-up is for 2020-01-24"
        ),
        "{err}"
    );
    // When a township appears twice, then neither
    let twice = json.replace(r#""area":"Gutang""#, r#""area":"Huochezhan""#);
    let err = serde_json::from_str::<Rollup>(&twice).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("Huochezhan is already in the roll-up"),
        "{err}"
    );
}

#[test]
fn accountability_counts_that_counting_cannot_give_do_not_deserialize() {
    use fangkong::supervision::AccountabilityCounts;
    let read = |json: &str| serde_json::from_str::<AccountabilityCounts>(json);
    let head = r#""from":"2020-01-24","to":"2020-02-10""#;
    // Given counts a township could give: one admonition of one person
    let good = format!(
        r#"{{{head},"by_category":{{"admonition":{{"decisions":1,"people":1,"units":0}}}},"decisions":1,"people":1,"units":0}}"#
    );
    assert!(read(&good).is_ok(), "{:?}", read(&good));
    // Then people in an organisation's category, more people than decisions, a total of
    // people above its categories' sum, or a category with no decision are refused
    for bad in [
        r#""by_category":{"organisation":{"decisions":0,"people":5,"units":9}},"decisions":0,"people":7,"units":0"#,
        r#""by_category":{"admonition":{"decisions":1,"people":2,"units":0}},"decisions":1,"people":2,"units":0"#,
        r#""by_category":{"admonition":{"decisions":1,"people":1,"units":0}},"decisions":1,"people":3,"units":0"#,
        r#""by_category":{"organisation":{"decisions":1,"people":1,"units":1}},"decisions":1,"people":1,"units":1"#,
    ] {
        let json = format!("{{{head},{bad}}}");
        let err = read(&json).unwrap_err();
        assert!(
            err.to_string().contains("do not hold together"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn what_a_county_reads_is_untrusted_a_long_name_a_formula_and_a_phone_are_met() {
    use fangkong::ledger::KeptHead;
    // Given a heads file whose township is 40,000 characters long, then it is refused naming
    // the line, and nothing of the name is quoted whole
    let mut town = township("Huochezhan", 1, 1);
    town.report_all_but(&[]);
    let line = KeptHead::to_jsonl(&town.reg.kept_heads());
    let long = line.replacen("\"Huochezhan\"", &format!("\"{}\"", "乡".repeat(40_000)), 1);
    let err = KeptHead::from_jsonl(&long).unwrap_err();
    assert_eq!(err.code(), "kept_heads_unreadable");
    assert!(
        err.to_string()
            .starts_with("line 1 of the kept heads cannot be read")
    );
    assert!(err.to_string().len() < 1_000, "{}", err.to_string().len());
    // And a phone in a bad line is masked in the error, Debug included
    let phone = line.replacen("\"unit\":1", "\"unit\":\"139.7456.1234\"", 1);
    let err = KeptHead::from_jsonl(&phone).unwrap_err();
    assert!(!format!("{err} {err:?}").contains("7456"), "{err:?}");
    // Given a township named like a formula, then the county's CSV writes it as text
    #[cfg(feature = "csv")]
    {
        let mut county = Rollup::new("=HYPERLINK(\"http://x\")", day("2020-01-24"));
        let mut evil = township("@SUM(A1:A9)", 1, 1);
        evil.report_all_but(&[]);
        county
            .add_table(evil.reg.day_table(day("2020-01-24")))
            .unwrap();
        let csv = fangkong::report::rollup_to_csv(&county, fangkong::report::Lang::En).unwrap();
        assert!(csv.contains("\n'@SUM(A1:A9),"), "{csv}");
        assert!(
            csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\",County total"),
            "{csv}"
        );
        assert!(!csv.contains("\n@") && !csv.contains("\n="));
    }
}
