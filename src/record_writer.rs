//! A JSON writer made for the ledger's records (issue 14): the bytes serde_json writes for a
//! [`Record`], byte for byte, without going through serde for the header and the frequent
//! events (readings, household visits, interviews, households and residents registered).
//! Every other event, and every refusal, is written by serde_json.
//!
//! The bytes must stay exactly serde_json's (LEDGER.md): debug builds compare every record
//! written here with serde_json's output, so every test that records anything checks it, and
//! `tests/ledger_bytes.rs` pins the bytes of a whole campaign.

use std::fmt::Write as _;

use serde::Serialize;

use crate::event::Event;
use crate::grid::GridEvent;
use crate::observation::{Method, ObservationChange, ObservationEvent, Reading, Reporter};
use crate::record::{Body, Record};
use crate::screening::{ScreeningEvent, VisitResult};
use crate::{Relation, ResidentDetails, Sex};

/// The record's bytes, exactly as `serde_json::to_string(record)` writes them.
pub(crate) fn record_json(r: &Record) -> String {
    let mut out = String::with_capacity(320);
    out.push_str("{\"seq\":");
    push_u64(&mut out, r.seq);
    out.push_str(",\"schema\":");
    push_u64(&mut out, u64::from(r.schema));
    out.push_str(",\"at\":");
    r.at.push_json(&mut out);
    out.push_str(",\"actor\":");
    push_u64(&mut out, u64::from(r.actor.get()));
    out.push_str(",\"command\":{\"first\":");
    push_u64(&mut out, r.command.first);
    out.push_str(",\"entries\":");
    push_u64(&mut out, u64::from(r.command.entries));
    out.push_str("},\"body\":");
    match &r.body {
        Body::Event(e) => {
            out.push_str("{\"event\":");
            push_event(&mut out, e);
            out.push('}');
        }
        body @ Body::Refused(_) => push_serde(&mut out, body),
    }
    out.push('}');
    out
}

fn push_event(out: &mut String, e: &Event) {
    match e {
        Event::Observation(ObservationEvent::ObservationUpdated {
            observation,
            change: ObservationChange::ReadingRecorded(reading),
        }) => {
            out.push_str("{\"observation\":{\"ObservationUpdated\":{\"observation\":");
            push_u64(out, u64::from(observation.get()));
            out.push_str(",\"change\":{\"ReadingRecorded\":");
            push_reading(out, reading);
            out.push_str("}}}}");
        }
        Event::Screening(ScreeningEvent::HouseholdVisited {
            round,
            household,
            result,
        }) => {
            out.push_str("{\"screening\":{\"HouseholdVisited\":{\"round\":");
            push_u64(out, u64::from(round.get()));
            out.push_str(",\"household\":");
            push_u64(out, u64::from(household.get()));
            out.push_str(",\"result\":\"");
            out.push_str(match result {
                VisitResult::Screened => "screened",
                VisitResult::NobodyHome => "nobody_home",
                VisitResult::Refused => "refused",
            });
            out.push_str("\"}}}");
        }
        Event::Screening(ScreeningEvent::InterviewRecorded {
            resident,
            round,
            on,
            interview,
            outcome,
        }) => {
            out.push_str("{\"screening\":{\"InterviewRecorded\":{\"resident\":");
            push_u64(out, u64::from(resident.get()));
            out.push_str(",\"round\":");
            match round {
                Some(round) => push_u64(out, u64::from(round.get())),
                None => out.push_str("null"),
            }
            out.push_str(",\"on\":");
            on.push_json(out);
            out.push_str(",\"interview\":");
            push_serde(out, interview);
            out.push_str(",\"outcome\":");
            push_serde(out, outcome);
            out.push_str("}}}");
        }
        Event::Grid(GridEvent::HouseholdRegistered {
            household,
            group,
            address,
        }) => {
            out.push_str("{\"grid\":{\"HouseholdRegistered\":{\"household\":");
            push_u64(out, u64::from(household.get()));
            out.push_str(",\"group\":");
            push_u64(out, u64::from(group.get()));
            out.push_str(",\"address\":");
            push_str(out, address);
            out.push_str("}}}");
        }
        Event::Grid(GridEvent::ResidentRegistered {
            resident,
            household,
            details,
        }) => {
            out.push_str("{\"grid\":{\"ResidentRegistered\":{\"resident\":");
            push_u64(out, u64::from(resident.get()));
            out.push_str(",\"household\":");
            push_u64(out, u64::from(household.get()));
            out.push_str(",\"details\":");
            push_details(out, details);
            out.push_str("}}}");
        }
        other => push_serde(out, other),
    }
}

fn push_reading(out: &mut String, r: &Reading) {
    out.push_str("{\"at\":");
    r.at.push_json(out);
    out.push_str(",\"temperature\":\"");
    let t = r.temperature.tenths();
    push_u64(out, u64::from(t / 10));
    out.push('.');
    push_u64(out, u64::from(t % 10));
    out.push_str(" ℃\",\"method\":\"");
    out.push_str(match r.method {
        Method::Armpit => "armpit",
        Method::Oral => "oral",
        Method::Forehead => "forehead",
        Method::Ear => "ear",
        Method::Other => "other",
    });
    out.push_str("\",\"by\":\"");
    out.push_str(match r.by {
        Reporter::SelfReported => "self_reported",
        Reporter::HealthWorker => "health_worker",
    });
    out.push_str("\"}");
}

fn push_details(out: &mut String, d: &ResidentDetails) {
    out.push_str("{\"name\":");
    push_str(out, &d.name);
    out.push_str(",\"sex\":\"");
    out.push_str(match d.sex {
        Sex::Male => "male",
        Sex::Female => "female",
    });
    out.push_str("\",\"birth_date\":");
    d.birth_date.push_json(out);
    out.push_str(",\"identity\":");
    match &d.identity {
        Some(id) => push_str(out, id.reveal()),
        None => out.push_str("null"),
    }
    out.push_str(",\"phone\":");
    match &d.phone {
        Some(p) => push_str(out, p.reveal()),
        None => out.push_str("null"),
    }
    out.push_str(",\"relation\":");
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
        out.push('"');
        out.push_str(word);
        out.push('"');
    }
    let v = d.vulnerabilities;
    out.push_str(",\"vulnerabilities\":{\"elderly_living_alone\":");
    out.push_str(bool_text(v.elderly_living_alone));
    out.push_str(",\"serious_illness\":");
    out.push_str(bool_text(v.serious_illness));
    out.push_str(",\"pregnancy\":");
    out.push_str(bool_text(v.pregnancy));
    out.push_str(",\"disability\":");
    out.push_str(bool_text(v.disability));
    out.push_str("}}");
}

fn bool_text(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// Anything else, through serde_json.
fn push_serde<T: Serialize + ?Sized>(out: &mut String, value: &T) {
    // Records hold no maps with non-string keys and no serializer that can fail.
    if let Ok(text) = serde_json::to_string(value) {
        out.push_str(&text);
    }
}

/// A decimal number, as serde_json writes it.
fn push_u64(out: &mut String, mut n: u64) {
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    while n > 0 {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    // Only ASCII digits were written.
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

/// A JSON string, escaped exactly as serde_json escapes: `"` and `\`, and control characters
/// (`\b`, `\t`, `\n`, `\f`, `\r`, else `\u00XX`); everything else as it is.
fn push_str(out: &mut String, s: &str) {
    out.push('"');
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
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
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
            let mut out = String::new();
            push_str(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
        for n in [0u64, 7, 10, 99, 12_345, u64::MAX] {
            let mut out = String::new();
            push_u64(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
