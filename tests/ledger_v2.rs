//! The ledger's format, version 2 (LEDGER.md): digests chained, redaction, proofs from digests
//! alone, commands marked, structured refusals, version 1 refused; the audit trail and heads
//! kept elsewhere.

use fangkong::LedgerError;
use fangkong::audit::Subject;
use fangkong::ledger::Tampering;
use fangkong::observation::{ObservationEvent, ObservationId, ObservationUpdate};
use fangkong::report::{ReportCommand, Schedule};
use fangkong::screening::{Interview, ReportedSymptoms, Stay, TravelHistory};
use fangkong::{Body, Error, Event, Ledger, Record, Registry};
use sha2::{Digest, Sha256};

use crate::common::*;

/// Given the small township, when a returnee from Wuhan is interviewed, a reading is recorded
/// and a grid worker of another village tries to record one.
fn returnee_observed() -> (Given, ObservationId) {
    let mut g = given();
    wuhan_high_and_the_january_rule(&mut g);
    let travel = TravelHistory {
        stays: vec![Stay::new(wuhan(), day("2020-01-02"), day("2020-01-20")).unwrap()],
        transits: vec![],
        returned_home: Some(day("2020-01-21")),
    };
    let interview = Interview::new(travel, true, ReportedSymptoms::default()).unwrap();
    g.reg
        .execute(
            g.worker_qianjin_1,
            at("2020-01-24T10:00:00+08:00"),
            ScreeningCommand::RecordInterview {
                resident: g.head,
                round: None,
                interview,
            },
        )
        .unwrap();
    let obs = g
        .reg
        .open_observation_of(g.head, day("2020-01-24"))
        .unwrap();
    let t = at("2020-01-24T19:30:00+08:00");
    let reading = fangkong::observation::Reading {
        at: t,
        temperature: "36.5".parse().unwrap(),
        method: fangkong::observation::Method::Armpit,
        by: fangkong::observation::Reporter::SelfReported,
    };
    g.reg
        .update_observation(
            g.worker_qianjin_1,
            t,
            obs,
            ObservationUpdate::RecordReading(reading),
        )
        .unwrap();
    g.reg
        .update_observation(
            g.worker_baiyun_1,
            t,
            obs,
            ObservationUpdate::RecordReading(reading),
        )
        .unwrap_err();
    (g, obs)
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_entries_of_one_command_are_marked_as_one() {
    // Given an interview that found a key person
    let (g, _) = returnee_observed();
    // Then the interview and the opening of the observation carry one mark
    let records: Vec<Record> = g.reg.ledger().records().map(Result::unwrap).collect();
    let interview = records
        .iter()
        .position(|r| {
            matches!(
                &r.body,
                Body::Event(Event::Screening(
                    fangkong::screening::ScreeningEvent::InterviewRecorded { .. }
                ))
            )
        })
        .unwrap();
    let (a, b) = (&records[interview], &records[interview + 1]);
    assert!(matches!(
        &b.body,
        Body::Event(Event::Observation(
            ObservationEvent::ObservationOpened { .. }
        ))
    ));
    assert_eq!(a.command, b.command);
    assert_eq!(a.command.first, a.seq);
    assert_eq!(a.command.entries, 2);
    // And a command of one entry is marked as such
    let last = records.last().unwrap();
    assert_eq!((last.command.first, last.command.entries), (last.seq, 1));
}

#[test]
fn a_refusal_reads_back_as_structured_masked_json() {
    // Given a refusal of a resident with an identity number and a phone
    let mut g = given();
    g.reg
        .register_resident(g.worker_baiyun_1, at(T0), g.home, head_details())
        .unwrap_err();
    // When the ledger is written and read back
    let loaded = Ledger::from_jsonl(&g.reg.ledger().to_jsonl()).unwrap();
    let refusal = loaded
        .records()
        .map(Result::unwrap)
        .find_map(|r| match r.body {
            Body::Refused(refusal) => Some(refusal),
            _ => None,
        })
        .unwrap();
    // Then the attempt is JSON a program reads, with personal data masked
    let details = &refusal.attempt["grid"]["RegisterResident"]["details"];
    assert_eq!(details["name"], "王秀英");
    assert_eq!(details["identity"], "1101**********002X");
    assert_eq!(details["phone"], "139****1234");
    assert!(
        refusal.reason.contains("may not register"),
        "{}",
        refusal.reason
    );
    // And the refusal's line holds no full identity number or phone
    let text = g.reg.ledger().to_jsonl();
    let refused_line = text.lines().last().unwrap();
    assert!(refused_line.contains("\"refused\""), "{refused_line}");
    assert!(!refused_line.contains(ID_WORKED_1));
    assert!(!refused_line.contains(PHONE));
}

#[test]
fn a_redacted_record_still_verifies_and_is_reported_as_redacted() {
    // Given a ledger with an observation, whose reading is later redacted (retention over)
    let (g, _) = returnee_observed();
    let mut ledger = g.reg.ledger().clone();
    let head = ledger.verify().unwrap();
    let reading_seq = ledger
        .records()
        .map(Result::unwrap)
        .find(|r| {
            matches!(
                &r.body,
                Body::Event(Event::Observation(
                    ObservationEvent::ObservationUpdated { .. }
                ))
            )
        })
        .unwrap()
        .seq;
    // When its record is redacted
    ledger.redact(reading_seq).unwrap();
    // Then the chain still verifies to the same head, and the entry is reported as redacted
    let verified = ledger.verify_report().unwrap();
    assert_eq!(verified.head, head);
    assert_eq!(verified.redacted, vec![reading_seq]);
    // And it survives JSON Lines as a redacted entry
    let text = ledger.to_jsonl();
    assert!(text.contains("\"redacted\":true"));
    let back = Ledger::from_jsonl(&text).unwrap();
    assert_eq!(back.verify_report().unwrap().redacted, vec![reading_seq]);
    // But it can no longer be replayed: the record is gone
    assert!(matches!(
        Registry::replay(&back),
        Err(Error::Ledger(LedgerError::RecordRedacted { seq, .. })) if seq == reading_seq
    ));
    // And changing its kept digest is caught as an alteration
    let line = text.lines().nth(reading_seq as usize - 1).unwrap();
    let digest_at = line.find("\"digest\":\"").unwrap() + 10;
    let mut altered = line.to_owned();
    altered.replace_range(
        digest_at..digest_at + 1,
        if &line[digest_at..=digest_at] == "0" {
            "1"
        } else {
            "0"
        },
    );
    let tampered = text.replace(line, &altered);
    let err = Ledger::from_jsonl(&tampered).unwrap().verify().unwrap_err();
    assert!(
        matches!(
            err,
            LedgerError::LedgerTampered {
                problem: Tampering::Altered,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn an_entry_is_verified_against_a_later_head_from_digests_alone() {
    // Given a ledger and its head
    let (g, _) = returnee_observed();
    let ledger = g.reg.ledger();
    let head = ledger.head();
    // When the proof of entry 5 is taken
    let proof = ledger.proof(5).unwrap();
    let record = ledger.entry(5).unwrap().record_bytes().unwrap();
    // Then it leads to the head from the record and digests alone, with SHA-256 only
    let mut h: [u8; 32] = *proof.prev.as_bytes();
    assert_eq!(proof.digests[0].as_bytes(), &sha256(record.as_bytes()));
    for d in &proof.digests {
        let mut x = Sha256::new();
        x.update(b"fangkong-ledger-v2\n");
        x.update(h);
        x.update(d.as_bytes());
        h = x.finalize().into();
    }
    assert_eq!(&h, head.hash.as_bytes());
    assert_eq!(proof.check(record.as_bytes()).unwrap(), head);
    // And the proof carries no other record
    let json = serde_json::to_string(&proof).unwrap();
    assert!(!json.contains("王秀英"));
    // And a changed record fails it
    let changed = record.replacen("2020", "2021", 1);
    assert!(matches!(
        proof.check(changed.as_bytes()),
        Err(LedgerError::ProofMismatch { seq: 5, .. })
    ));
}

#[test]
fn a_version_1_file_is_refused_with_a_version_error() {
    // Given a line as version 1 wrote it
    let v1 = format!(
        "{{\"prev\":\"{}\",\"hash\":\"{}\",\"record\":{{\"seq\":1,\"schema\":1,\"at\":\"2020-01-23T15:00:00+08:00\",\"actor\":1,\"body\":{{\"event\":{{\"TownshipFounded\":{{\"unit\":1,\"name\":\"Huochezhan\",\"code\":null,\"offset\":\"+08:00\"}}}}}}}}}}\n",
        "0".repeat(64),
        "1".repeat(64)
    );
    // When it is read, then it is refused naming the version
    let err = Ledger::from_jsonl(&v1).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ledger line 1 is in format version 1; this release reads version 5 only (LEDGER.md)"
    );
}

#[test]
fn the_audit_trail_of_an_observation_lists_exactly_the_entries_that_touched_it() {
    // Given an observation opened by an interview, a reading, and a refused reading
    let (g, obs) = returnee_observed();
    // When its trail is read
    let trail = g.reg.trail(Subject::Observation(obs), &[]).unwrap();
    // Then it holds the opening, the reading and the refusal, with who and when
    let kinds: Vec<String> = trail
        .entries
        .iter()
        .map(|e| match &e.body {
            Body::Event(Event::Observation(ObservationEvent::ObservationOpened { .. })) => {
                "opened".to_owned()
            }
            Body::Event(Event::Observation(ObservationEvent::ObservationUpdated { .. })) => {
                "updated".to_owned()
            }
            Body::Refused(_) => "refused".to_owned(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(kinds, ["opened", "updated", "refused"]);
    assert_eq!(trail.entries[1].actor, g.worker_qianjin_1);
    assert_eq!(trail.entries[2].actor, g.worker_baiyun_1);
    // And every entry that names it, and no other, is in it
    let all = g.reg.ledger().records().map(Result::unwrap).count();
    assert!(trail.entries.len() < all);
    // And the resident's trail holds those too, and the interview
    let resident = g.reg.trail(Subject::Resident(g.head), &[]).unwrap();
    for e in &trail.entries {
        assert!(resident.entries.iter().any(|r| r.seq == e.seq));
    }
}

#[test]
fn an_exported_trail_is_checked_with_sha256_alone_and_a_changed_byte_fails() {
    // Given an observation, the township's daily report of the day (carrying its head to the
    // county), and a leader who exports the observation's trail
    let (mut g, obs) = returnee_observed();
    let evening = at("2020-01-24T19:45:00+08:00");
    g.reg
        .execute(
            g.secretary,
            evening,
            ReportCommand::SetSchedule {
                schedule: Schedule::new(day("2020-01-24")),
            },
        )
        .unwrap();
    let township = g.reg.township();
    g.reg
        .submit_report(g.secretary, evening, township, day("2020-01-24"), "")
        .unwrap();
    let kept = g.reg.report_tree_heads();
    let export = g
        .reg
        .export_trail(
            g.secretary,
            at("2020-01-24T20:00:00+08:00"),
            Subject::Observation(obs),
            &[],
        )
        .unwrap();
    // The export itself is recorded: who took what, when
    let last = g.reg.ledger().records().last().unwrap().unwrap();
    assert_eq!(last.actor, g.secretary);
    assert!(
        serde_json::to_string(&last.body)
            .unwrap()
            .contains("TrailExported")
    );
    // When a third party checks each entry with the sha2 crate only, over the JSON of the export
    let json: serde_json::Value = serde_json::to_value(&export).unwrap();
    // (RFC 9162 §2.1.3.2: the leaf hash SHA-256(0x00 ‖ SHA-256(record)), folded with the path
    // by the bits of the leaf index and the last index, must give the tree head's root).
    let root = json["tree_head"]["root"].as_str().unwrap().to_owned();
    let check = |entry: &serde_json::Value, record: &str| -> bool {
        let proof = &entry["proof"];
        let node = |l: &[u8; 32], r: &[u8; 32]| -> [u8; 32] {
            let mut x = Sha256::new();
            x.update([1u8]);
            x.update(l);
            x.update(r);
            x.finalize().into()
        };
        let mut x = Sha256::new();
        x.update([0u8]);
        x.update(sha256(record.as_bytes()));
        let mut h: [u8; 32] = x.finalize().into();
        let (mut f, mut s) = (
            proof["leaf_index"].as_u64().unwrap(),
            proof["tree_size"].as_u64().unwrap() - 1,
        );
        for p in proof["path"].as_array().unwrap() {
            let p = hex_to_bytes(p.as_str().unwrap());
            if s == 0 {
                return false;
            }
            if f & 1 == 1 || f == s {
                h = node(&p, &h);
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            } else {
                h = node(&h, &p);
            }
            f >>= 1;
            s >>= 1;
        }
        s == 0 && hex(&h) == root
    };
    // Then every entry holds against the tree head the daily report carried
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    for e in entries {
        assert!(check(e, e["record"].as_str().unwrap()));
    }
    // And that tree head is the one the county kept from the report
    assert_eq!(kept.len(), 1);
    assert_eq!(root, kept[0].root.to_string());
    // And a record with one byte changed fails the check
    let record = entries[1]["record"].as_str().unwrap();
    let changed = record.replacen("36.5", "36.6", 1);
    assert_ne!(changed, record);
    assert!(!check(&entries[1], &changed));
    let checked = export.check(&kept).unwrap();
    assert_eq!(checked.proved.len(), 3);
    assert!(checked.pending.is_empty());
}

fn hex_to_bytes(s: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

#[test]
fn a_rewritten_and_rehashed_tail_is_caught_by_the_heads_kept_elsewhere() {
    // Given a ledger over two days, whose end-of-day heads went to the county
    let (mut g, obs) = returnee_observed();
    let t = at("2020-01-25T07:30:00+08:00");
    let reading = fangkong::observation::Reading {
        at: t,
        temperature: "36.4".parse().unwrap(),
        method: fangkong::observation::Method::Armpit,
        by: fangkong::observation::Reporter::SelfReported,
    };
    g.reg
        .update_observation(
            g.worker_qianjin_1,
            t,
            obs,
            ObservationUpdate::RecordReading(reading),
        )
        .unwrap();
    let heads: Vec<fangkong::Head> = g.reg.day_heads().map(|(_, h)| h).collect();
    assert!(heads.len() >= 2);
    // When someone rewrites a reading of the first day and recomputes every hash after it
    let text = g.reg.ledger().to_jsonl();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let k = lines.iter().position(|l| l.contains("36.5")).unwrap();
    let mut prev = hex_to_bytes(&lines[k][9..73]);
    for line in lines.iter_mut().skip(k) {
        let start = line.find("\"record\":").unwrap() + 9;
        let record = line[start..line.len() - 1].replacen("36.5", "36.9", 1);
        let mut x = Sha256::new();
        x.update(b"fangkong-ledger-v2\n");
        x.update(prev);
        x.update(sha256(record.as_bytes()));
        let hash: [u8; 32] = x.finalize().into();
        *line = format!(
            "{{\"prev\":\"{}\",\"hash\":\"{}\",\"record\":{}}}",
            hex(&prev),
            hex(&hash),
            record
        );
        prev = hash;
    }
    let forged = Ledger::from_jsonl(&(lines.join("\n") + "\n")).unwrap();
    // Then on its own it verifies...
    forged.verify().unwrap();
    // ...but not against the heads kept elsewhere: caught at the first day whose head differs
    let err = forged.verify_heads(&heads).unwrap_err();
    assert!(
        matches!(err, LedgerError::LedgerTampered { problem: Tampering::HeadMismatch { expected }, .. } if expected == heads[0]),
        "{err}"
    );
    // And the exact bytes of a head, for the county to sign, are documented
    assert_eq!(
        String::from_utf8(heads[0].signing_bytes()).unwrap(),
        format!("fangkong-head-v2\n{}\n{}\n", heads[0].seq, heads[0].hash)
    );
}

#[test]
fn every_error_code_is_stable_unique_and_listed_in_ledger_md() {
    // Given the codes this release gives, and the format's documentation
    let doc = include_str!("../LEDGER.md");
    let mut seen = std::collections::BTreeSet::new();
    for code in Error::CODES {
        // Then each is lower snake_case, given once, and listed in LEDGER.md's table
        assert!(
            code.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{code}"
        );
        assert!(seen.insert(*code), "{code} given twice");
        assert!(
            doc.contains(&format!("| `{code}` |")),
            "{code} not in LEDGER.md"
        );
    }
    // And a parse error gives the code of its variant
    assert_eq!(
        "2020-02-30".parse::<fangkong::Day>().unwrap_err().code(),
        "invalid_day"
    );
}
