//! The fixed cost of a command's record (issue 14): writing a ledger record with serde_json
//! (`serde_json::to_string(&record)`, the path before issue 14) against the record writer
//! made for the record types ([`Record::to_json`](fangkong::Record::to_json)), for each hot
//! kind of record — readings, household visits, interviews, residents registered — and the
//! SHA-256 of the same bytes (the limit).
//!
//! `cargo bench --bench record` (township). For instruction counts, which the noise of a
//! shared machine does not blur, run the bench binary under callgrind with
//! `FANGKONG_RECORD_ONLY=serde|writer|sha256|none` (`none` measures the set-up alone, to be
//! subtracted): it writes every record of each kind 10 times and exits without criterion.

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fangkong::observation::{ObservationChange, ObservationEvent};
use fangkong::{Body, Event, Record, synth};
use sha2::{Digest, Sha256};

/// The records of the township after every workload, by kind.
fn records() -> Vec<(&'static str, Vec<Record>)> {
    let (_, reg) = common::finished(synth::Size::Township);
    let mut kinds: Vec<(&'static str, Vec<Record>)> = ["reading", "visit", "interview", "resident"]
        .into_iter()
        .map(|k| (k, Vec::new()))
        .collect();
    for r in reg.ledger().records() {
        let r = r.expect("records read back");
        let kind = match &r.body {
            Body::Event(Event::Observation(ObservationEvent::ObservationUpdated {
                change: ObservationChange::ReadingRecorded(_),
                ..
            })) => 0,
            Body::Event(e) => {
                let json = serde_json::to_string(e).expect("serializes");
                if json.starts_with(r#"{"screening":{"HouseholdVisited""#) {
                    1
                } else if json.starts_with(r#"{"screening":{"InterviewRecorded""#) {
                    2
                } else if json.starts_with(r#"{"grid":{"ResidentRegistered""#) {
                    3
                } else {
                    continue;
                }
            }
            Body::Refused(_) => continue,
            _ => continue,
        };
        kinds[kind].1.push(r);
    }
    kinds
}

fn sha(bytes: &str) -> [u8; 32] {
    Sha256::digest(bytes.as_bytes()).into()
}

fn record(c: &mut Criterion) {
    let kinds = records();
    if let Ok(only) = std::env::var("FANGKONG_RECORD_ONLY") {
        let mut n = 0usize;
        for (kind, records) in &kinds {
            let bytes: Vec<String> = records.iter().map(Record::to_json).collect();
            for _ in 0..10 {
                for (r, b) in records.iter().zip(&bytes) {
                    match only.as_str() {
                        "serde" => {
                            n += black_box(serde_json::to_string(black_box(r)).unwrap()).len()
                        }
                        "writer" => n += black_box(black_box(r).to_json()).len(),
                        "sha256" => n += black_box(sha(black_box(b)))[0] as usize,
                        _ => n += black_box(b.len()),
                    }
                }
            }
            eprintln!("{kind}: {} records × 10", records.len());
        }
        eprintln!("{only}: {n}");
        return;
    }
    let mut group = c.benchmark_group("record");
    for (kind, records) in &kinds {
        let bytes: usize = records.iter().map(|r| r.to_json().len()).sum();
        common::note(
            synth::Size::Township,
            &format!(
                "{kind}: {} records, {:.0} bytes each",
                records.len(),
                bytes as f64 / records.len() as f64
            ),
        );
        let texts: Vec<String> = records.iter().map(Record::to_json).collect();
        group.throughput(Throughput::Elements(records.len() as u64));
        group.bench_function(format!("{kind}/serde_json"), |b| {
            b.iter(|| {
                for r in records {
                    black_box(serde_json::to_string(r).unwrap());
                }
            })
        });
        group.bench_function(format!("{kind}/writer"), |b| {
            b.iter(|| {
                for r in records {
                    black_box(r.to_json());
                }
            })
        });
        group.bench_function(format!("{kind}/sha256"), |b| {
            b.iter(|| {
                for t in &texts {
                    black_box(sha(t));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, record);
criterion_main!(benches);
