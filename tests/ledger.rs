//! The ledger: hashing, tamper detection, JSON Lines, cuts.

use fangkong::LedgerError;
use fangkong::ledger::{Parallelism, Tampering};
use fangkong::{Error, Head, Ledger, Registry};

use crate::common::*;

/// A ledger with a refusal in it, as JSON Lines split into lines (without newlines).
fn lines() -> (Registry, Vec<String>) {
    let mut g = given();
    let _ = g
        .reg
        .register_household(g.worker_qianjin_1, at(T0), g.baiyun_1, "Baiyun 1-01");
    let text = g.reg.ledger().to_jsonl();
    (g.reg, text.lines().map(str::to_owned).collect())
}

fn join(lines: &[String]) -> String {
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

#[track_caller]
fn verify(lines: &[String]) -> Result<(), LedgerError> {
    Ledger::from_jsonl(&join(lines))
        .unwrap()
        .verify()
        .map(|_| ())
}

#[track_caller]
fn tampered_at(result: Result<(), LedgerError>) -> (usize, Tampering) {
    match result {
        Err(LedgerError::LedgerTampered {
            position, problem, ..
        }) => (position, problem),
        other => panic!("expected tampering, got {other:?}"),
    }
}

/// Changes the first character of `field`'s value that can be changed without breaking JSON.
fn alter_field(line: &str, field: &str) -> Option<String> {
    let key = format!("\"{field}\":");
    let start = line.find(&key)? + key.len();
    let bytes = line.as_bytes();
    for i in start..line.len() {
        let c = bytes[i];
        let replacement = match c {
            b'0'..=b'8' => c + 1,
            b'9' => b'0',
            b'a'..=b'e' => c + 1,
            b'f' => b'a',
            b'A'..=b'Y' => c + 1,
            _ => continue,
        };
        let mut out = line.as_bytes().to_vec();
        out[i] = replacement;
        return String::from_utf8(out).ok();
    }
    None
}

#[test]
fn an_untouched_ledger_verifies_and_round_trips_through_json_lines() {
    let (reg, lines) = lines();
    let loaded = Ledger::from_jsonl(&join(&lines)).unwrap();
    assert_eq!(loaded, *reg.ledger());
    assert_eq!(loaded.verify().unwrap(), reg.ledger().head());
    assert_eq!(Registry::replay(&loaded).unwrap(), reg);
}

#[test]
fn changing_any_one_field_of_any_entry_is_detected_at_that_entry() {
    let (_, lines) = lines();
    let fields = [
        "prev", "hash", "seq", "schema", "at", "actor", "command", "body",
    ];
    let mut checked = 0;
    for i in 0..lines.len() {
        for field in fields {
            let Some(altered) = alter_field(&lines[i], field) else {
                continue;
            };
            assert_ne!(altered, lines[i]);
            let mut copy = lines.clone();
            copy[i] = altered;
            if i == 0 && field == "schema" {
                // The first entry's version is the file's: another version is refused as such.
                let err = Ledger::from_jsonl(&join(&copy)).unwrap_err();
                assert!(
                    matches!(err, LedgerError::UnsupportedLedgerVersion { line: 1, .. }),
                    "{err}"
                );
                checked += 1;
                continue;
            }
            let (position, problem) = tampered_at(verify(&copy));
            assert_eq!(position, i + 1, "field {field} of entry {}", i + 1);
            assert_eq!(
                problem,
                Tampering::Altered,
                "field {field} of entry {}",
                i + 1
            );
            checked += 1;
        }
    }
    // Every field of every entry was altered once (body always has a changeable character).
    assert_eq!(checked, lines.len() * fields.len());
}

#[test]
fn removing_an_entry_is_detected_where_it_was() {
    let (_, lines) = lines();
    for k in 0..lines.len() - 1 {
        let mut copy = lines.clone();
        copy.remove(k);
        let (position, problem) = tampered_at(verify(&copy));
        assert_eq!(position, k + 1);
        assert_eq!(
            problem,
            Tampering::Removed {
                first: k as u64 + 1,
                last: k as u64 + 1
            }
        );
    }
}

#[test]
fn removing_the_last_entry_is_detected_against_the_anchored_head() {
    let (reg, mut lines) = lines();
    let anchor = reg.ledger().head();
    lines.pop();
    let ledger = Ledger::from_jsonl(&join(&lines)).unwrap();
    // On its own the shortened ledger is consistent...
    ledger.verify().unwrap();
    // ...but not with the head kept elsewhere.
    let err = ledger.verify_against(anchor).unwrap_err();
    assert!(
        matches!(
            err,
            LedgerError::LedgerTampered {
                problem: Tampering::HeadMismatch { .. },
                ..
            }
        ),
        "{err}"
    );
    assert!(reg.ledger().verify_against(anchor).is_ok());
}

#[test]
fn inserting_a_copied_entry_is_detected_where_it_was_inserted() {
    let (_, lines) = lines();
    for k in 1..lines.len() {
        let mut copy = lines.clone();
        copy.insert(k, lines[k - 1].clone());
        let (position, problem) = tampered_at(verify(&copy));
        assert_eq!(position, k + 1, "inserted at {k}");
        assert_eq!(problem, Tampering::Inserted);
    }
}

#[test]
fn swapping_two_entries_is_detected_at_the_first_of_them() {
    let (_, lines) = lines();
    for k in 0..lines.len() - 1 {
        let mut copy = lines.clone();
        copy.swap(k, k + 1);
        let (position, problem) = tampered_at(verify(&copy));
        assert_eq!(position, k + 1);
        assert_eq!(
            problem,
            Tampering::Reordered {
                found: k as u64 + 2
            }
        );
    }
}

#[test]
fn the_tampering_message_names_the_entry() {
    let (_, lines) = lines();
    let mut copy = lines.clone();
    copy[3] = alter_field(&lines[3], "body").unwrap();
    let err = verify(&copy).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the ledger was tampered with at entry 4 (sequence number 4): its contents do not match its hash: it was changed after it was written"
    );
}

#[test]
fn a_file_cut_in_its_last_line_loads_everything_before_and_reports_the_cut() {
    let (reg, lines) = lines();
    let full = join(&lines);
    let last_len = lines.last().unwrap().len();
    let cut_text = &full[..full.len() - 1 - last_len / 2];
    // By default, the cut file is refused, naming the line
    let err = Ledger::from_jsonl(cut_text).unwrap_err();
    assert_eq!(
        err,
        LedgerError::LedgerCut {
            line: lines.len(),
            bytes: last_len - last_len / 2
        }
    );
    assert_eq!(err.code(), "ledger_cut");
    assert!(
        err.to_string()
            .starts_with(&format!("ledger line {} is incomplete", lines.len()))
    );
    // Asked for by name, the whole entries before the cut are kept and the cut is reported
    let loaded =
        Ledger::read_jsonl_keeping_cut(Head::default(), cut_text.as_bytes(), Parallelism::ONE)
            .unwrap();
    assert_eq!(loaded.ledger.len(), lines.len() - 1);
    let cut = loaded.cut.expect("the cut is reported");
    assert_eq!(cut.line, lines.len());
    assert_eq!(
        cut.to_string(),
        format!(
            "line {} is incomplete ({} bytes, no end of line): the file was cut while it was being written; everything before it was loaded",
            lines.len(),
            last_len - last_len / 2
        )
    );
    loaded.ledger.verify().unwrap();
    // Everything before the cut replays; only the cut entry (the refusal) is missing.
    let replayed = Registry::replay(&loaded.ledger).unwrap();
    assert!(replayed.state_eq(&reg));
}

#[test]
fn a_cut_file_that_was_also_altered_is_refused_for_its_cut_by_every_read() {
    // Given a file whose second entry was altered and whose last line was cut
    let (_, mut lines) = lines();
    lines[1] = lines[1].replacen("\"at\":\"2020", "\"at\":\"2021", 1);
    let full = join(&lines);
    let last_len = lines.last().unwrap().len();
    let cut_text = &full[..full.len() - 1 - last_len / 2];
    // When it is read, or verified straight from the file, then both name the cut first,
    // as reading, then verifying, does
    let read = Ledger::from_jsonl(cut_text).unwrap_err();
    let verified = Ledger::verify_jsonl(cut_text.as_bytes(), Parallelism::ONE).unwrap_err();
    assert_eq!(read.code(), "ledger_cut");
    assert_eq!(verified, read);
    // And kept by name, the alteration is what verifying finds
    let kept =
        Ledger::verify_jsonl_keeping_cut(Head::default(), cut_text.as_bytes(), Parallelism::ONE)
            .unwrap_err();
    assert_eq!(kept.code(), "ledger_tampered");
}

#[test]
fn a_complete_last_line_without_a_newline_is_not_a_cut() {
    let (reg, lines) = lines();
    let text = lines.join("\n");
    let loaded = Ledger::from_jsonl(&text).unwrap();
    assert_eq!(loaded, *reg.ledger());
}

#[test]
fn a_broken_line_in_the_middle_is_an_error_naming_the_line() {
    let (_, mut lines) = lines();
    lines[2].truncate(10);
    let err = Ledger::from_jsonl(&join(&lines)).unwrap_err();
    assert!(
        matches!(err, LedgerError::LedgerUnreadable { line: 3, .. }),
        "{err}"
    );
}

#[test]
fn the_hash_covers_the_stored_bytes_as_documented() {
    use sha2::{Digest, Sha256};
    let (reg, _) = lines();
    let entries: Vec<_> = reg.ledger().entries().collect();
    for (i, e) in entries.iter().enumerate() {
        let mut h = Sha256::new();
        h.update(b"fangkong-ledger-v2\n");
        let prev = if i == 0 {
            [0u8; 32]
        } else {
            *entries[i - 1].hash().as_bytes()
        };
        h.update(prev);
        let record_digest: [u8; 32] = Sha256::digest(e.record_bytes().unwrap().as_bytes()).into();
        h.update(record_digest);
        let digest: [u8; 32] = h.finalize().into();
        assert_eq!(&digest, e.hash().as_bytes());
        assert_eq!(e.prev().as_bytes(), &prev);
    }
}

/// Recomputes the hash of line `i` after its record was changed, as someone covering their
/// tracks would.
fn rehash(lines: &mut [String], i: usize, new_record: &str) {
    let v: serde_json::Value = serde_json::from_str(&lines[i]).unwrap();
    let prev_hex = v["prev"].as_str().unwrap().to_owned();
    let hash = chain_hex(&prev_hex, new_record);
    lines[i] = format!("{{\"prev\":\"{prev_hex}\",\"hash\":\"{hash}\",\"record\":{new_record}}}");
}

fn record_of(line: &str) -> String {
    let start = line.find("\"record\":").unwrap() + "\"record\":".len();
    line[start..line.len() - 1].to_owned()
}

#[test]
fn an_entry_changed_and_rehashed_is_named_because_the_next_entry_remembers_its_hash() {
    let (_, lines) = lines();
    for k in 0..lines.len() - 1 {
        let mut copy = lines.clone();
        // Change the instant's year: every record has one.
        let altered = record_of(&copy[k]).replacen("\"at\":\"2020", "\"at\":\"2021", 1);
        assert_ne!(altered, record_of(&copy[k]));
        rehash(&mut copy, k, &altered);
        let (position, problem) = tampered_at(verify(&copy));
        assert_eq!(
            (position, problem),
            (k + 1, Tampering::Rehashed),
            "entry {}",
            k + 1
        );
    }
}

#[test]
fn a_forged_entry_inserted_with_a_consistent_hash_is_named() {
    let (_, lines) = lines();
    let k = 5;
    // A forged entry that follows entry k and takes its successor's sequence number
    let mut forged = lines[k].clone();
    let record = record_of(&lines[k]).replacen(
        &format!("\"seq\":{}", k + 1),
        &format!("\"seq\":{}", k + 2),
        1,
    );
    let prev_of_forged = serde_json::from_str::<serde_json::Value>(&lines[k]).unwrap()["hash"]
        .as_str()
        .unwrap()
        .to_owned();
    forged = forged.replacen(&forged[9..73].to_owned(), &prev_of_forged, 1);
    let mut copy = lines.clone();
    copy.insert(k + 1, forged);
    rehash(&mut copy, k + 1, &record);
    let (position, problem) = tampered_at(verify(&copy));
    assert_eq!((position, problem), (k + 2, Tampering::Inserted));
}

#[test]
fn a_file_cut_inside_a_chinese_character_is_a_cut() {
    let (_, mut lines) = lines();
    // Make the last line carry Chinese text, then cut inside a character of it
    let last = lines.len() - 1;
    let record = record_of(&lines[last]).replacen("Baiyun 1-01", "白云一组", 1);
    rehash(&mut lines, last, &record);
    let full = join(&lines);
    let bytes = full.as_bytes();
    let pos = full.rfind('云').unwrap() + 1; // inside the three bytes of 云
    assert!(matches!(
        Ledger::from_jsonl_bytes(&bytes[..pos]),
        Err(LedgerError::LedgerCut { .. })
    ));
    let loaded =
        Ledger::read_jsonl_keeping_cut(Head::default(), &bytes[..pos], Parallelism::ONE).unwrap();
    assert_eq!(loaded.ledger.len(), lines.len() - 1);
    assert!(loaded.cut.is_some());
    loaded.ledger.verify().unwrap();
}

#[test]
fn unknown_fields_in_a_line_are_refused() {
    let (_, mut lines) = lines();
    lines[1] = lines[1].replacen("{\"prev\"", "{\"note\":\"hi\",\"prev\"", 1);
    let err = Ledger::from_jsonl(&join(&lines)).unwrap_err();
    assert!(
        matches!(err, LedgerError::LedgerUnreadable { line: 2, .. }),
        "{err}"
    );
}

#[test]
fn a_registry_that_drains_its_ledger_as_it_goes_chains_every_part() {
    // Given a registry whose entries are handed to storage after each step
    let mut g = given();
    let first = g.reg.drain_ledger();
    assert_eq!(g.reg.ledger().len(), 0);
    assert_eq!(g.reg.ledger().head(), first.head());
    let h = g
        .reg
        .register_household(g.worker_qianjin_1, at(T0), g.qianjin_2, "x");
    assert!(h.is_err()); // a refusal, recorded in the next part
    g.reg
        .register_household(g.worker_qianjin_1, at(T0), g.qianjin_1, "Qianjin 1-05")
        .unwrap();
    let second = g.reg.drain_ledger();
    // Then each part verifies on its own from its base, and the second follows the first
    first.verify().unwrap();
    assert_eq!(second.base(), first.head());
    assert_eq!(second.verify().unwrap(), g.reg.ledger().head());
    // Stored one after the other, the parts make one file that replays to the same state
    let file = first.to_jsonl() + &second.to_jsonl();
    let whole = Ledger::from_jsonl(&file).unwrap();
    assert_eq!(whole.head(), second.head());
    assert!(Registry::replay(&whole).unwrap().state_eq(&g.reg));
    // The second part read back needs its base from the caller
    let part = Ledger::from_jsonl_after(first.head(), second.to_jsonl().as_bytes()).unwrap();
    assert_eq!(part, second);
    let wrong = Ledger::from_jsonl(&second.to_jsonl()).unwrap();
    let (position, problem) = tampered_at(wrong.verify().map(|_| ()));
    assert_eq!(position, 1);
    assert!(
        matches!(problem, Tampering::Removed { first: 1, .. }),
        "{problem}"
    );
    // A part alone does not replay: it does not start with the founding
    assert_eq!(
        Registry::replay(&second).unwrap_err(),
        Error::Ledger(LedgerError::LedgerNotFounded)
    );
}
