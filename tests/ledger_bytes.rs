//! The ledger's bytes are pinned: whatever writes a record (serde_json, or a writer made for
//! the record types), the stored bytes are exactly serde_json's output of the `Record`
//! (LEDGER.md), so a faster writer is shown to write the same bytes.

use fangkong::synth::{self, TownshipSpec};
use fangkong::{Body, Event, Ledger, Record, Registry};
use sha2::{Digest, Sha256};

use crate::common::*;

/// A small township (a tenth of Huochezhan's households) after a whole campaign: every kind
/// of event, readings, visits and interviews among them, and a refused command.
fn campaign() -> Registry {
    let mut spec = TownshipSpec::huochezhan();
    for u in &mut spec.units {
        u.households /= 10;
    }
    let mut town = synth::build(&spec).unwrap();
    synth::run_campaign(&mut town, day("2020-02-04")).unwrap();
    let mut reg = town.registry;
    // A refusal with personal data in it (masked in the record); the name's line feed is
    // what refuses it (issue 18: no control characters in names).
    let leader = reg.staff_ids().next().unwrap();
    let late = reg.ledger().records().last().unwrap().unwrap().at;
    let unknown = fangkong::HouseholdId::new(999_999);
    let wang = fangkong::ResidentDetails::new(
        "Wang \"Fang\"\n\\ 王芳",
        fangkong::Sex::Female,
        day("1949-12-31"),
        fangkong::Relation::Head,
    )
    .with_identity("11010519491231002X".parse().unwrap());
    assert!(reg.register_resident(leader, late, unknown, wang).is_err());
    reg
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn every_record_of_a_campaign_is_exactly_serde_jsons_output() {
    // Given a township after a whole campaign
    let reg = campaign();
    // When every stored record is read back and written again by serde_json
    // Then the stored bytes are serde_json's, byte for byte
    let mut n = 0;
    for entry in reg.ledger().entries() {
        let stored = entry.record_bytes().unwrap();
        let record = Record::parse(stored).unwrap();
        assert_eq!(stored, serde_json::to_string(&record).unwrap());
        n += 1;
    }
    assert!(n > 2_000, "{n} entries");
}

#[test]
fn the_ledger_of_a_fixed_campaign_has_pinned_bytes() {
    // Given the same fixed campaign
    let reg = campaign();
    // When the ledger is written as JSON Lines
    let jsonl = reg.ledger().to_jsonl();
    // Then its bytes are those written by the serde_json path when this test was written (last
    // changed by issue 21: the daily figures' three disinfection fields, 50 bytes, and six
    // supplies fields, `,"masks_on_hand":0` and the five others, 133 bytes, in each of the
    // campaign's 96 daily reports = 17,568 bytes; the campaign keeps no store, so its
    // hand-outs draw nothing and keep their bytes)
    let sha = hex(&Sha256::digest(jsonl.as_bytes()));
    assert_eq!(
        (reg.ledger().len(), jsonl.len(), sha.as_str()),
        (
            4238,
            2226075,
            "3abd70ff231c7248bc0748331ad4cf16a5030f4c197b889eebefdc67cd772545"
        )
    );
    // And it reads back and replays to the same registry
    let loaded = Ledger::read_jsonl(jsonl.as_bytes()).unwrap();
    assert_eq!(Registry::replay(&loaded).unwrap(), reg);
}

/// The first stored record whose event's JSON starts with `prefix`.
fn first_with(reg: &Registry, prefix: &str) -> String {
    reg.ledger()
        .entries()
        .filter_map(|e| e.record_bytes())
        .find(|b| {
            let record = Record::parse(b).unwrap();
            match &record.body {
                Body::Event(e @ Event::Observation(_) | e @ Event::Screening(_)) => {
                    serde_json::to_string(e).unwrap().starts_with(prefix)
                }
                _ => false,
            }
        })
        .unwrap()
        .to_owned()
}

#[test]
fn the_hot_kinds_of_record_have_pinned_bytes() {
    // Given the fixed campaign
    let reg = campaign();
    // Then a reading, a visit and an interview are stored exactly as pinned here
    let reading = first_with(
        &reg,
        r#"{"observation":{"ObservationUpdated":{"observation":"#,
    );
    assert_eq!(
        reading,
        r#"{"seq":2250,"schema":5,"at":"2020-01-24T08:25:00+08:00","actor":11,"command":{"first":2250,"entries":1},"body":{"event":{"observation":{"ObservationUpdated":{"observation":1,"change":{"ReadingRecorded":{"at":"2020-01-24T08:20:00+08:00","temperature":"36.9 ℃","method":"armpit","by":"self_reported"}}}}}}}"#
    );
    let visit = first_with(&reg, r#"{"screening":{"HouseholdVisited""#);
    assert_eq!(
        visit,
        r#"{"seq":2222,"schema":5,"at":"2020-01-24T08:00:00+08:00","actor":11,"command":{"first":2222,"entries":1},"body":{"event":{"screening":{"HouseholdVisited":{"round":1,"household":1,"result":"screened"}}}}}"#
    );
    let interview = first_with(&reg, r#"{"screening":{"InterviewRecorded""#);
    assert_eq!(
        interview,
        r#"{"seq":2230,"schema":5,"at":"2020-01-24T08:10:00+08:00","actor":11,"command":{"first":2230,"entries":2},"body":{"event":{"screening":{"InterviewRecorded":{"resident":1,"round":1,"on":"2020-01-24","interview":{"travel":{"stays":[{"place":"420111","first":"2020-01-15","last":"2020-01-21"}],"transits":[],"returned_home":"2020-01-22"},"through_wuhan":true,"symptoms":{"cold_or_fever":false,"note":""}},"outcome":{"KeyPerson":{"rule":"Wuhan/Hubei returnee, January 2020","exposure":{"stay":{"place":"420111","first":"2020-01-15","last":"2020-01-21"},"transit":false,"designation":{"id":1,"area":"420100","level":{"rank":3,"name":"high"},"from":"2020-01-08","lifted":null,"replaces":null,"basis":"NHC community notice of 2020-01-24: people who came from Wuhan (locally: on or after 2020-01-08) register and stay under home medical observation for 14 days"},"last_exposed":"2020-01-21"},"protocol":"returnee-jan2020","day0":"2020-01-21","day0_basis":"LastDayInArea"}}}}}}}"#
    );
    // And the refusal, masked
    let refusal = reg
        .ledger()
        .entries()
        .last()
        .unwrap()
        .record_bytes()
        .unwrap();
    assert_eq!(
        refusal,
        r#"{"seq":4238,"schema":5,"at":"2020-02-04T21:30:00+08:00","actor":1,"command":{"first":4238,"entries":1},"body":{"refused":{"attempt":{"grid":{"RegisterResident":{"details":{"birth_date":"1949-12-31","identity":"1101**********002X","name":"Wang \"Fang\"\n\\ 王芳","phone":null,"relation":"head","sex":"female","vulnerabilities":{"disability":false,"elderly_living_alone":false,"pregnancy":false,"serious_illness":false}},"household":999999}}},"code":"control_character_in_text","reason":"the resident's name holds an invisible control character (U+000A) at character 12: retype it without that character (only notes and reasons may hold tabs and line breaks)"}}}"#
    );
}
