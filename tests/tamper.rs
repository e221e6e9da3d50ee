//! Tampering with a stored ledger, exhaustively over a small generated one (about 30 entries,
//! 10,000 bytes): every single-byte change, every removal, duplication, swap and insertion of
//! an entry, a cut at every byte, and a re-hashed tail.
//!
//! What "caught" means for a single-byte change of line L (the attacker report counted
//! "caught or harmless"), exactly one of:
//! - **unreadable at L**: loading the file fails with [`LedgerError::LedgerUnreadable`] naming line L
//!   (the line is no longer an entry: broken JSON, invalid UTF-8, a field renamed, two lines
//!   run together by a changed end of line), or with [`LedgerError::UnsupportedLedgerVersion`] at
//!   line 1 (the first record's format version changed);
//! - **tampered at L**: the file loads but [`Ledger::verify`] fails with
//!   [`LedgerError::LedgerTampered`] at position L (a changed record, digest, hash or previous hash);
//! - **harmless**: the file loads into exactly the same entries (same bytes, digests and
//!   hashes), so nothing that is hashed, replayed or shown changed. The only such changes are
//!   the case of a hex letter of `prev` or `hash` (`a` or `A`: the same hash), and the end of
//!   the last line: its `\n` turned into `\r` (a CRLF end, ignored), or into another byte,
//!   which loads every entry and reports the last line as cut.
//!
//! Anything else (a file that loads, verifies and differs; an error at another line) fails.

use fangkong::LedgerError;
use std::io::BufReader;

use fangkong::ledger::{Parallelism, Tampering};
use fangkong::{Head, Ledger, Registry};

use crate::common::*;

/// A ledger of about 30 entries: the shared township, a refusal, an interview that opens an
/// observation (Chinese text included), and a reading.
fn ledger() -> (Registry, String) {
    let mut g = given();
    wuhan_high_and_the_january_rule(&mut g);
    let _ = g
        .reg
        .register_household(g.worker_qianjin_1, at(T0), g.baiyun_1, "Baiyun 1-01");
    let travel = fangkong::screening::TravelHistory {
        stays: vec![
            fangkong::screening::Stay::new(
                "420106".parse().unwrap(),
                day("2020-01-15"),
                day("2020-01-20"),
            )
            .unwrap(),
        ],
        transits: vec![],
        returned_home: Some(day("2020-01-20")),
    };
    let interview = fangkong::screening::Interview::new(
        travel,
        true,
        fangkong::screening::ReportedSymptoms::default(),
    )
    .unwrap();
    g.reg
        .execute(
            g.worker_qianjin_1,
            at(T0),
            ScreeningCommand::RecordInterview {
                resident: g.head,
                round: None,
                interview,
            },
        )
        .unwrap();
    let when = at("2020-01-24T19:30:00+08:00");
    g.reg
        .execute(
            g.worker_qianjin_1,
            when,
            ObservationCommand::UpdateObservation {
                observation: fangkong::observation::ObservationId::new(1),
                update: fangkong::observation::ObservationUpdate::RecordReading(
                    fangkong::observation::Reading {
                        at: when,
                        temperature: fangkong::observation::Temperature::from_tenths(366).unwrap(),
                        method: fangkong::observation::Method::Armpit,
                        by: fangkong::observation::Reporter::SelfReported,
                    },
                ),
            },
        )
        .unwrap();
    let text = g.reg.ledger().to_jsonl();
    (g.reg, text)
}

/// The line (1-based) holding byte `at` of `text`: its end of line belongs to it.
fn line_of(text: &[u8], at: usize) -> usize {
    text[..at].iter().filter(|b| **b == b'\n').count() + 1
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

fn join(lines: &[String]) -> String {
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

#[track_caller]
fn tampered_at(ledger: &Ledger) -> (usize, Tampering) {
    match ledger.verify() {
        Err(LedgerError::LedgerTampered {
            position, problem, ..
        }) => (position, problem),
        other => panic!("expected tampering, got {other:?}"),
    }
}

/// How a damaged file was received.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Unreadable(usize),
    Tampered(usize),
    Harmless,
    /// Loaded, verified, and differs: not caught.
    Missed,
}

fn outcome(original: &Ledger, bytes: &[u8]) -> Outcome {
    match Ledger::from_jsonl_bytes(bytes) {
        Err(LedgerError::LedgerUnreadable { line, .. }) => Outcome::Unreadable(line),
        // The first record's version changed: refused at that line as another format.
        Err(LedgerError::UnsupportedLedgerVersion { line, .. }) => Outcome::Unreadable(line),
        // The last line's end damaged: refused as a cut at that line.
        Err(LedgerError::LedgerCut { line, .. }) => Outcome::Unreadable(line),
        Err(other) => panic!("unexpected error {other:?}"),
        Ok(loaded) => match loaded.verify() {
            Err(LedgerError::LedgerTampered { position, .. }) => Outcome::Tampered(position),
            Err(LedgerError::LedgerUnreadable { line, .. }) => Outcome::Unreadable(line),
            Err(other) => panic!("unexpected error {other:?}"),
            Ok(_) if loaded == *original => Outcome::Harmless,
            Ok(_) => Outcome::Missed,
        },
    }
}

/// Where a line's hashes are written: `{"prev":"<64 hex>","hash":"<64 hex>",…`.
const HASH_COLUMNS: [std::ops::Range<usize>; 2] = [9..73, 83..147];

#[test]
fn every_single_byte_change_is_caught_at_its_line_or_is_harmless() {
    // Given a generated ledger of about 30 entries, when any one byte of the file is changed
    // (to the byte with its lowest bit flipped, and to the byte with its case bit flipped),
    // then the change is caught at the line that holds it, or changes no entry.
    let (reg, text) = ledger();
    let original = reg.ledger().clone();
    let bytes = text.as_bytes();
    let n_lines = original.len();
    assert!((25..=40).contains(&n_lines), "{n_lines} entries");
    let mut counts = [0usize; 3];
    for at in 0..bytes.len() {
        for flip in [0x01u8, 0x20] {
            let mut copy = bytes.to_vec();
            copy[at] ^= flip;
            let line = line_of(bytes, at);
            let got = outcome(&original, &copy);
            match got {
                Outcome::Unreadable(l) if l == line => counts[0] += 1,
                Outcome::Tampered(l) if l == line => counts[1] += 1,
                Outcome::Harmless => {
                    // Only the end of the last line, or the case of a hex digit of a hash.
                    let start = bytes[..at]
                        .iter()
                        .rposition(|b| *b == b'\n')
                        .map_or(0, |i| i + 1);
                    let column = at - start;
                    let hex_letter = flip == 0x20
                        && bytes[at].is_ascii_hexdigit()
                        && bytes[at].is_ascii_alphabetic()
                        && (HASH_COLUMNS.iter().any(|r| r.contains(&column)));
                    assert!(
                        at == bytes.len() - 1 || hex_letter,
                        "byte {at} (line {line}, column {column}) ^ {flip:#x} changed nothing"
                    );
                    counts[2] += 1;
                }
                other => panic!("byte {at} (line {line}) ^ {flip:#x}: {other:?}"),
            }
        }
    }
    // Both kinds of catching happen (about 11,000 unreadable, 12,300 tampered and 1,300
    // harmless of 24,600 changes).
    assert!(
        counts[0] > 0 && counts[1] > 0 && counts[2] > 0,
        "{counts:?}"
    );
}

#[test]
fn removing_any_entry_is_caught_where_it_was_and_the_last_by_the_head() {
    let (reg, text) = ledger();
    let lines = lines(&text);
    let head = reg.ledger().head();
    for k in 0..lines.len() {
        let mut copy = lines.clone();
        copy.remove(k);
        let ledger = Ledger::from_jsonl(&join(&copy)).unwrap();
        if k + 1 < lines.len() {
            let (position, problem) = tampered_at(&ledger);
            assert_eq!(position, k + 1, "removing entry {}", k + 1);
            if k > 0 {
                assert!(
                    matches!(problem, Tampering::Removed { first, last } if first == k as u64 + 1 && last == first),
                    "removing entry {}: {problem:?}",
                    k + 1
                );
            }
        } else {
            // The last entry removed: the rest verifies; only a head kept elsewhere tells.
            ledger.verify().unwrap();
            assert!(matches!(
                ledger.verify_against(head),
                Err(LedgerError::LedgerTampered {
                    problem: Tampering::HeadMismatch { .. },
                    ..
                })
            ));
        }
    }
}

#[test]
fn duplicating_any_entry_is_caught_at_the_copy() {
    let (_, text) = ledger();
    let lines = lines(&text);
    for k in 0..lines.len() {
        let mut copy = lines.clone();
        copy.insert(k + 1, lines[k].clone());
        let ledger = Ledger::from_jsonl(&join(&copy)).unwrap();
        assert_eq!(
            tampered_at(&ledger),
            (k + 2, Tampering::Inserted),
            "duplicating entry {}",
            k + 1
        );
    }
}

#[test]
fn swapping_any_two_neighbouring_entries_is_caught_at_the_first() {
    let (_, text) = ledger();
    let lines = lines(&text);
    for k in 0..lines.len() - 1 {
        let mut copy = lines.clone();
        copy.swap(k, k + 1);
        let ledger = Ledger::from_jsonl(&join(&copy)).unwrap();
        let (position, _) = tampered_at(&ledger);
        assert_eq!(position, k + 1, "swapping entries {} and {}", k + 1, k + 2);
    }
}

#[test]
fn inserting_an_entry_anywhere_is_caught_where_it_was_inserted() {
    // An entry from another place in the same ledger, inserted at every position it does not
    // hold already.
    let (_, text) = ledger();
    let lines = lines(&text);
    for from in [0, lines.len() / 2, lines.len() - 1] {
        for k in 0..=lines.len() {
            if k == from || k == from + 1 {
                continue; // in its own place, or a duplicate (tested above)
            }
            let mut copy = lines.clone();
            copy.insert(k, lines[from].clone());
            let ledger = Ledger::from_jsonl(&join(&copy)).unwrap();
            let (position, _) = tampered_at(&ledger);
            assert_eq!(
                position,
                k + 1,
                "entry {} inserted before line {}",
                from + 1,
                k + 1
            );
        }
    }
}

#[test]
fn a_cut_at_any_byte_loads_every_whole_entry_before_it() {
    // Given the file cut after any number of bytes, then every entry whose line is whole (its
    // closing brace included) is loaded and verifies; a partial last line is reported as cut.
    let (reg, text) = ledger();
    let bytes = text.as_bytes();
    let entries: Vec<_> = reg.ledger().entries().cloned().collect();
    // Where each line's closing brace ends.
    let mut ends = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            ends.push(i); // the brace is at i - 1: a cut at i keeps the whole entry
        }
    }
    for n in 0..=bytes.len() {
        let loaded = Ledger::read_jsonl_keeping_cut(Head::default(), &bytes[..n], Parallelism::ONE)
            .unwrap_or_else(|e| panic!("cut at byte {n}: {e}"));
        // The default read gives the same entries, or refuses the cut naming its line
        match &loaded.cut {
            None => assert_eq!(
                Ledger::from_jsonl_bytes(&bytes[..n]).as_ref(),
                Ok(&loaded.ledger)
            ),
            Some(cut) => assert_eq!(
                Ledger::from_jsonl_bytes(&bytes[..n]),
                Err(LedgerError::LedgerCut {
                    line: cut.line,
                    bytes: cut.bytes
                })
            ),
        }
        let whole = ends.iter().filter(|end| **end <= n).count();
        assert_eq!(loaded.ledger.len(), whole, "cut at byte {n}");
        assert!(
            loaded.ledger.entries().eq(entries[..whole].iter()),
            "cut at byte {n}"
        );
        loaded.ledger.verify().unwrap();
        let line_start = if whole == 0 { 0 } else { ends[whole - 1] + 1 };
        // A cut right after a line's closing brace leaves a whole entry without its end of
        // line: loaded, nothing cut.
        let after_brace = whole > 0 && n == ends[whole - 1];
        match loaded.cut {
            None => assert!(
                n == line_start || after_brace,
                "cut at byte {n} not reported"
            ),
            Some(cut) => {
                assert_eq!(cut.line, whole + 1, "cut at byte {n}");
                assert_eq!(cut.bytes, n - line_start, "cut at byte {n}");
            }
        }
    }
}

#[test]
fn a_rehashed_tail_verifies_but_not_against_a_head_kept_elsewhere() {
    // Given the head kept elsewhere (the daily report's), when any entry's record is changed
    // and it and every later hash recomputed, then the file verifies on its own, and
    // `verify_against` the kept head catches it.
    let (reg, text) = ledger();
    let head = reg.ledger().head();
    let lines = lines(&text);
    for k in 0..lines.len() {
        let mut copy = lines.clone();
        let mut prev = serde_json::from_str::<serde_json::Value>(&copy[k]).unwrap()["prev"]
            .as_str()
            .unwrap()
            .to_owned();
        for (i, line) in copy.iter_mut().enumerate().skip(k) {
            let start = line.find("\"record\":").unwrap() + "\"record\":".len();
            let mut record = line[start..line.len() - 1].to_owned();
            if i == k {
                record = record.replacen("\"at\":\"2020", "\"at\":\"2019", 1);
            }
            let hash = chain_hex(&prev, &record);
            *line = format!("{{\"prev\":\"{prev}\",\"hash\":\"{hash}\",\"record\":{record}}}");
            prev = hash;
        }
        let ledger = Ledger::from_jsonl(&join(&copy)).unwrap();
        ledger.verify().unwrap();
        assert_ne!(ledger.head(), head);
        assert!(
            matches!(
                ledger.verify_against(head),
                Err(LedgerError::LedgerTampered {
                    problem: Tampering::HeadMismatch { .. },
                    ..
                })
            ),
            "re-hashed from entry {}",
            k + 1
        );
    }
}

#[test]
fn a_missing_or_damaged_final_newline() {
    // Given the file without its final end of line, then every entry loads and nothing is cut.
    let (reg, text) = ledger();
    let original = reg.ledger().clone();
    let trimmed = text.strip_suffix('\n').unwrap();
    let loaded = Ledger::from_jsonl(trimmed).unwrap();
    assert_eq!(loaded, original);
    // A CRLF end of line is an end of line.
    let crlf = format!("{trimmed}\r\n");
    let loaded = Ledger::from_jsonl(&crlf).unwrap();
    assert_eq!(loaded, original.clone());
    // Given the final end of line damaged into another byte, then the default read refuses
    // the file at its last line; kept by name, every entry loads and the last line is
    // reported as cut (its entry kept), so the damage is seen.
    let damaged = format!("{trimmed}x");
    assert!(matches!(
        Ledger::from_jsonl(&damaged),
        Err(LedgerError::LedgerCut { line, .. }) if line == original.len()
    ));
    let loaded =
        Ledger::read_jsonl_keeping_cut(Head::default(), damaged.as_bytes(), Parallelism::ONE)
            .unwrap();
    assert_eq!(loaded.ledger, original);
    let cut = loaded.cut.expect("the damaged end is reported");
    assert_eq!(cut.line, original.len());
    assert_eq!(
        cut.to_string(),
        format!(
            "line {} is incomplete ({} bytes, no end of line): the file was cut while it was being written; everything before it was loaded",
            original.len(),
            trimmed.lines().last().unwrap().len() + 1
        )
    );
    // A damaged end of line in the middle runs two lines together: unreadable at the first.
    let mut bytes = text.clone().into_bytes();
    let first_end = bytes.iter().position(|b| *b == b'\n').unwrap();
    bytes[first_end] = b'x';
    assert!(matches!(
        Ledger::from_jsonl_bytes(&bytes),
        Err(LedgerError::LedgerUnreadable { line: 1, .. })
    ));
}

#[test]
fn a_byte_order_mark_is_ignored_at_the_start_and_refused_elsewhere() {
    // Given a file saved by an editor that writes a UTF-8 byte-order mark, then from_jsonl and
    // read_jsonl load the same entries, which verify and replay.
    let (reg, text) = ledger();
    let with_bom = format!("\u{FEFF}{text}");
    let loaded = Ledger::from_jsonl(&with_bom).unwrap();
    assert_eq!(loaded, *reg.ledger());
    let read = Ledger::read_jsonl(BufReader::new(with_bom.as_bytes())).unwrap();
    assert_eq!(read, loaded);
    assert_eq!(Registry::replay(&read).unwrap(), reg);
    // A mark anywhere else is not a mark but damage: the line is unreadable.
    let mut ls = lines(&text);
    ls[1] = format!("\u{FEFF}{}", ls[1]);
    for result in [
        Ledger::from_jsonl(&join(&ls)),
        Ledger::read_jsonl(BufReader::new(join(&ls).as_bytes())),
    ] {
        assert!(
            matches!(result, Err(LedgerError::LedgerUnreadable { line: 2, .. })),
            "{result:?}"
        );
    }
    // Two marks: the second is damage too.
    let twice = format!("\u{FEFF}{with_bom}");
    assert!(matches!(
        Ledger::from_jsonl(&twice),
        Err(LedgerError::LedgerUnreadable { line: 1, .. })
    ));
}
