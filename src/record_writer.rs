//! A JSON writer made for the ledger's records (issue 14): the bytes serde_json writes for a
//! [`Record`], byte for byte, without going through serde for the header and the frequent
//! events (readings, household visits, interviews, households and residents registered).
//! Every other event, and every refusal, is written by serde_json.
//!
//! The bytes must stay exactly serde_json's (LEDGER.md): debug builds compare every record
//! written here with serde_json's output, so every test that records anything checks it, and
//! `tests/ledger_bytes.rs` pins the bytes of a whole campaign.

use serde::Serialize;

use crate::event::Event;
use crate::grid::GridEvent;
use crate::household::{Relation, ResidentDetails};
use crate::identity::Sex;
use crate::observation::{Method, ObservationChange, ObservationEvent, Reading, Reporter};
use crate::record::{Body, Record};
use crate::screening::{ScreeningEvent, VisitResult};

/// The record's bytes, exactly as `serde_json::to_string(record)` writes them.
pub(crate) fn record_json(r: &Record) -> String {
    let mut out = Vec::with_capacity(512);
    out.extend_from_slice("{\"seq\":".as_bytes());
    push_u64(&mut out, r.seq);
    out.extend_from_slice(",\"schema\":".as_bytes());
    push_u64(&mut out, u64::from(r.schema));
    out.extend_from_slice(",\"at\":".as_bytes());
    r.at.push_json(&mut out);
    out.extend_from_slice(",\"actor\":".as_bytes());
    push_u64(&mut out, u64::from(r.actor.get()));
    out.extend_from_slice(",\"command\":{\"first\":".as_bytes());
    push_u64(&mut out, r.command.first);
    out.extend_from_slice(",\"entries\":".as_bytes());
    push_u64(&mut out, u64::from(r.command.entries));
    out.extend_from_slice("},\"body\":".as_bytes());
    match &r.body {
        Body::Event(e) => {
            out.extend_from_slice("{\"event\":".as_bytes());
            push_event(&mut out, e);
            out.push(b'}');
        }
        body @ Body::Refused(_) => push_serde(&mut out, body),
    }
    out.push(b'}');
    // Every piece written is UTF-8 (texts are copied whole, escapes are ASCII).
    String::from_utf8(out).unwrap_or_default()
}

fn push_event(out: &mut Vec<u8>, e: &Event) {
    match e {
        Event::Observation(ObservationEvent::ObservationUpdated {
            observation,
            change: ObservationChange::ReadingRecorded(reading),
        }) => {
            out.extend_from_slice(
                "{\"observation\":{\"ObservationUpdated\":{\"observation\":".as_bytes(),
            );
            push_u64(out, u64::from(observation.get()));
            out.extend_from_slice(",\"change\":{\"ReadingRecorded\":".as_bytes());
            push_reading(out, reading);
            out.extend_from_slice("}}}}".as_bytes());
        }
        Event::Screening(ScreeningEvent::HouseholdVisited {
            round,
            household,
            result,
        }) => {
            out.extend_from_slice("{\"screening\":{\"HouseholdVisited\":{\"round\":".as_bytes());
            push_u64(out, u64::from(round.get()));
            out.extend_from_slice(",\"household\":".as_bytes());
            push_u64(out, u64::from(household.get()));
            out.extend_from_slice(",\"result\":\"".as_bytes());
            out.extend_from_slice(match result {
                VisitResult::Screened => b"screened".as_slice(),
                VisitResult::NobodyHome => b"nobody_home",
                VisitResult::Refused => b"refused",
            });
            out.extend_from_slice("\"}}}".as_bytes());
        }
        Event::Screening(ScreeningEvent::InterviewRecorded {
            resident,
            round,
            on,
            interview,
            outcome,
        }) => {
            out.extend_from_slice(
                "{\"screening\":{\"InterviewRecorded\":{\"resident\":".as_bytes(),
            );
            push_u64(out, u64::from(resident.get()));
            out.extend_from_slice(",\"round\":".as_bytes());
            match round {
                Some(round) => push_u64(out, u64::from(round.get())),
                None => out.extend_from_slice("null".as_bytes()),
            }
            out.extend_from_slice(",\"on\":".as_bytes());
            on.push_json(out);
            out.extend_from_slice(",\"interview\":".as_bytes());
            push_serde(out, interview);
            out.extend_from_slice(",\"outcome\":".as_bytes());
            push_serde(out, outcome);
            out.extend_from_slice("}}}".as_bytes());
        }
        Event::Grid(GridEvent::HouseholdRegistered {
            household,
            group,
            address,
        }) => {
            out.extend_from_slice("{\"grid\":{\"HouseholdRegistered\":{\"household\":".as_bytes());
            push_u64(out, u64::from(household.get()));
            out.extend_from_slice(",\"group\":".as_bytes());
            push_u64(out, u64::from(group.get()));
            out.extend_from_slice(",\"address\":".as_bytes());
            push_str(out, address);
            out.extend_from_slice("}}}".as_bytes());
        }
        Event::Grid(GridEvent::ResidentRegistered {
            resident,
            household,
            details,
        }) => {
            out.extend_from_slice("{\"grid\":{\"ResidentRegistered\":{\"resident\":".as_bytes());
            push_u64(out, u64::from(resident.get()));
            out.extend_from_slice(",\"household\":".as_bytes());
            push_u64(out, u64::from(household.get()));
            out.extend_from_slice(",\"details\":".as_bytes());
            push_details(out, details);
            out.extend_from_slice("}}}".as_bytes());
        }
        other => push_serde(out, other),
    }
}

fn push_reading(out: &mut Vec<u8>, r: &Reading) {
    out.extend_from_slice("{\"at\":".as_bytes());
    r.at.push_json(out);
    out.extend_from_slice(",\"temperature\":\"".as_bytes());
    let t = r.temperature.tenths();
    push_u64(out, u64::from(t / 10));
    out.push(b'.');
    push_u64(out, u64::from(t % 10));
    out.extend_from_slice(" ℃\",\"method\":\"".as_bytes());
    out.extend_from_slice(match r.method {
        Method::Armpit => b"armpit".as_slice(),
        Method::Oral => b"oral",
        Method::Forehead => b"forehead",
        Method::Ear => b"ear",
        Method::Other => b"other",
    });
    out.extend_from_slice("\",\"by\":\"".as_bytes());
    out.extend_from_slice(match r.by {
        Reporter::SelfReported => b"self_reported".as_slice(),
        Reporter::HealthWorker => b"health_worker",
    });
    out.extend_from_slice("\"}".as_bytes());
}

fn push_details(out: &mut Vec<u8>, d: &ResidentDetails) {
    out.extend_from_slice("{\"name\":".as_bytes());
    push_str(out, &d.name);
    out.extend_from_slice(",\"sex\":\"".as_bytes());
    out.extend_from_slice(match d.sex {
        Sex::Male => b"male".as_slice(),
        Sex::Female => b"female",
    });
    out.extend_from_slice("\",\"birth_date\":".as_bytes());
    d.birth_date.push_json(out);
    out.extend_from_slice(",\"identity\":".as_bytes());
    match &d.identity {
        Some(id) => id.with_text(|t| push_str(out, t)),
        None => out.extend_from_slice("null".as_bytes()),
    }
    out.extend_from_slice(",\"phone\":".as_bytes());
    match &d.phone {
        Some(p) => p.with_text(|t| push_str(out, t)),
        None => out.extend_from_slice("null".as_bytes()),
    }
    out.extend_from_slice(",\"relation\":".as_bytes());
    let word = match &d.relation {
        Relation::Head => "head",
        Relation::Spouse => "spouse",
        Relation::Child => "child",
        Relation::Parent => "parent",
        Relation::Grandchild => "grandchild",
        Relation::Grandparent => "grandparent",
        Relation::Sibling => "sibling",
        Relation::ChildInLaw => "child_in_law",
        other @ Relation::Other(_) => {
            push_serde(out, other);
            ""
        }
    };
    if !word.is_empty() {
        out.push(b'"');
        out.extend_from_slice(word.as_bytes());
        out.push(b'"');
    }
    let v = d.vulnerabilities;
    out.extend_from_slice(",\"vulnerabilities\":{\"elderly_living_alone\":".as_bytes());
    out.extend_from_slice(bool_text(v.elderly_living_alone));
    out.extend_from_slice(",\"serious_illness\":".as_bytes());
    out.extend_from_slice(bool_text(v.serious_illness));
    out.extend_from_slice(",\"pregnancy\":".as_bytes());
    out.extend_from_slice(bool_text(v.pregnancy));
    out.extend_from_slice(",\"disability\":".as_bytes());
    out.extend_from_slice(bool_text(v.disability));
    out.extend_from_slice("}}".as_bytes());
}

fn bool_text(b: bool) -> &'static [u8] {
    if b { b"true" } else { b"false" }
}

/// Anything else, through serde_json.
fn push_serde<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Records hold no maps with non-string keys and no serializer that can fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

/// A decimal number, as serde_json writes it.
fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    while n > 0 {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend_from_slice(&buf[i..]);
}

/// A JSON string, escaped exactly as serde_json escapes: `"` and `\`, and control characters
/// (`\b`, `\t`, `\n`, `\f`, `\r`, else `\u00XX`); everything else as it is.
fn push_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        // `b` is ASCII, so `i` and `i + 1` are character boundaries.
        out.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xf)]);
        } else {
            out.extend_from_slice(escape.as_bytes());
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "",
            "plain",
            "Wang \"Fang\"\n\\ 王芳",
            "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}/é",
            "tab\tcr\r",
        ] {
            let mut out = Vec::new();
            push_str(&mut out, s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
        for n in [0u64, 7, 10, 99, 12_345, u64::MAX] {
            let mut out = Vec::new();
            push_u64(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
