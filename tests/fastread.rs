//! Issue 14: the ledger read, verified and replayed with its digests on several threads, and
//! verified straight from its file. Given a ledger file, damaged or not, when it is read,
//! verified or replayed on 1 to 4 threads, then every result and every error is the same; and
//! verifying straight from the file gives what reading it, then verifying, gives.

use fangkong::LedgerError;
use fangkong::ledger::{Loaded, Parallelism, Tampering, Verified};
use fangkong::{Head, Ledger, Registry};

/// A township of a twentieth of Huochezhan's households: enough entries (over 1,024) that
/// four threads each get a part.
fn township() -> Registry {
    let mut spec = fangkong::synth::TownshipSpec::huochezhan();
    for u in &mut spec.units {
        u.households /= 20;
    }
    let reg = fangkong::synth::build(&spec).unwrap().registry;
    assert!(reg.ledger().len() > 1024, "{}", reg.ledger().len());
    reg
}

/// What reading, verifying and verifying from the file give on `threads` threads.
type Outcomes = (
    Result<Loaded, LedgerError>,
    Result<Verified, LedgerError>,
    Result<Verified, LedgerError>,
);

fn outcomes(bytes: &[u8], threads: usize) -> Outcomes {
    let p = Parallelism::new(threads);
    let loaded = Ledger::read_jsonl_keeping_cut(Head::default(), bytes, p);
    let verified = loaded.clone().and_then(|l| l.ledger.verify_report_with(p));
    let streamed = Ledger::verify_jsonl_keeping_cut(Head::default(), bytes, p);
    // The default reads are the same, but refuse a cut
    let cut_error = |cut: &Option<fangkong::ledger::Cut>| {
        cut.as_ref().map(|c| LedgerError::LedgerCut {
            line: c.line,
            bytes: c.bytes,
        })
    };
    match &loaded {
        Ok(l) => match cut_error(&l.cut) {
            None => assert_eq!(Ledger::read_jsonl_with(bytes, p).as_ref(), Ok(&l.ledger)),
            Some(e) => {
                assert_eq!(Ledger::read_jsonl_with(bytes, p), Err(e.clone()));
                if streamed.is_ok() {
                    assert_eq!(Ledger::verify_jsonl(bytes, p), Err(e));
                }
            }
        },
        Err(e) => assert_eq!(Ledger::read_jsonl_with(bytes, p).as_ref(), Err(e)),
    }
    (loaded, verified, streamed)
}

/// The same on 1 to 4 threads; and verifying from the file is reading, then verifying.
#[track_caller]
fn same_at_any_thread_count(bytes: &[u8]) -> Outcomes {
    let one = outcomes(bytes, 1);
    for threads in 2..=4 {
        assert_eq!(outcomes(bytes, threads), one, "{threads} threads");
    }
    let (loaded, verified, streamed) = &one;
    match (loaded, verified, streamed) {
        (Err(e), _, Err(s)) => assert_eq!(s, e),
        (Ok(_), Err(e), Err(s)) => assert_eq!(s, e),
        (Ok(l), Ok(v), Ok(s)) => {
            assert_eq!((s.head, &s.redacted), (v.head, &v.redacted));
            assert_eq!(s.cut, l.cut);
        }
        other => panic!("verifying from the file differs from reading, then verifying: {other:?}"),
    }
    one
}

/// Whether the file reads and verifies (the same on 1 to 4 threads, and from the file).
#[track_caller]
fn verifies(bytes: &[u8]) -> bool {
    same_at_any_thread_count(bytes).1.is_ok()
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

fn join(lines: &[String]) -> String {
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

#[test]
fn every_kind_of_damage_gives_the_same_error_on_1_to_4_threads() {
    let reg = township();
    let text = reg.ledger().to_jsonl();
    let original = lines(&text);
    let n = original.len();
    // Given the intact file, then it verifies to its head on any number of threads.
    let (_, verified, _) = same_at_any_thread_count(text.as_bytes());
    assert_eq!(verified.unwrap().head, reg.ledger().head());

    let places = [0, 1, 2, 255, 256, 511, 512, 700, n / 2, n - 2, n - 1];
    let mut tampered = 0;
    for &i in &places {
        // A byte of the record, of the hash, of the previous hash changed.
        for column in [5, 20, 100, original[i].len() - 20] {
            let mut l = original.clone();
            let mut bytes = l[i].clone().into_bytes();
            bytes[column] = if bytes[column] == b'1' { b'2' } else { b'1' };
            l[i] = String::from_utf8(bytes).unwrap();
            if !verifies(join(&l).as_bytes()) {
                tampered += 1;
            }
        }
        // Removed (the last one only a kept head catches); duplicated; swapped with the next;
        // moved to the end: caught.
        let mut l = original.clone();
        l.remove(i);
        assert_eq!(
            verifies(join(&l).as_bytes()),
            i == n - 1,
            "entry {i} removed"
        );
        let mut l = original.clone();
        l.insert(i, original[i].clone());
        assert!(!verifies(join(&l).as_bytes()), "entry {i} duplicated");
        if i + 1 < n {
            let mut l = original.clone();
            l.swap(i, i + 1);
            assert!(!verifies(join(&l).as_bytes()), "entry {i} swapped");
            let mut l = original.clone();
            let moved = l.remove(i);
            l.push(moved);
            assert!(!verifies(join(&l).as_bytes()), "entry {i} moved");
        }
        // Cut in the middle of the line: what is before it verifies. Its JSON broken: refused.
        let cut_at: usize = original[..i].iter().map(|l| l.len() + 1).sum::<usize>() + 77;
        assert!(
            verifies(&text.as_bytes()[..cut_at]),
            "cut in line {}",
            i + 1
        );
        let mut l = original.clone();
        l[i].insert(30, '"');
        assert!(!verifies(join(&l).as_bytes()), "line {} broken", i + 1);
    }
    assert!(tampered >= places.len() * 3, "{tampered}");

    // A redacted entry: redacted, not altered, on any number of threads.
    let mut ledger = reg.ledger().clone();
    ledger.redact(600).unwrap();
    let (_, verified, _) = same_at_any_thread_count(ledger.to_jsonl().as_bytes());
    assert_eq!(verified.unwrap().redacted, vec![600]);
}

#[test]
fn a_moved_entry_is_named_the_same_way_whether_read_first_or_verified_from_the_file() {
    let reg = township();
    let mut l = lines(&reg.ledger().to_jsonl());
    let moved = l.remove(300);
    l.push(moved);
    let (_, verified, streamed) = same_at_any_thread_count(join(&l).as_bytes());
    // Entry 301 is now last: line 301 holds entry 302, and entry 301 comes later.
    let expected = LedgerError::LedgerTampered {
        position: 301,
        seq: Some(302),
        problem: Tampering::Reordered { found: 302 },
    };
    assert_eq!(verified.unwrap_err(), expected);
    assert_eq!(streamed.unwrap_err(), expected);
}

#[test]
fn a_line_that_cannot_be_read_after_a_tampered_one_is_reported_first() {
    // Given a file whose entry 10 was altered and whose line 900 is not JSON,
    let reg = township();
    let mut l = lines(&reg.ledger().to_jsonl());
    l[9] = l[9].replacen("\"seq\":10,", "\"seq\":11,", 1);
    l[899] = "not an entry".to_owned();
    // when it is verified from the file, then the unreadable line is named, as reading does.
    let err = Ledger::verify_jsonl(join(&l).as_bytes(), Parallelism::new(2)).unwrap_err();
    assert_eq!(
        err.to_string(),
        Ledger::from_jsonl(&join(&l)).unwrap_err().to_string()
    );
    assert!(
        matches!(err, LedgerError::LedgerUnreadable { line: 900, .. }),
        "{err:?}"
    );
}

#[test]
fn a_cut_file_is_refused_or_verified_up_to_the_cut_when_asked() {
    let reg = township();
    let text = reg.ledger().to_jsonl();
    let cut = &text.as_bytes()[..text.len() - 40];
    // By default, verifying the cut file is an error naming the line
    let err = Ledger::verify_jsonl(cut, Parallelism::new(3)).unwrap_err();
    assert!(
        matches!(err, LedgerError::LedgerCut { line, .. } if line == reg.ledger().len()),
        "{err:?}"
    );
    // Asked for by name, the entries before the cut verify and the cut is reported
    let v = Ledger::verify_jsonl_keeping_cut(Head::default(), cut, Parallelism::new(3)).unwrap();
    assert_eq!(v.head.seq, reg.ledger().head().seq - 1);
    let c = v.cut.unwrap();
    assert_eq!(c.line, reg.ledger().len());
    assert!(
        c.to_string()
            .starts_with(&format!("line {} is incomplete", c.line))
    );
}

#[test]
fn replay_gives_the_same_registry_or_refusal_on_1_to_4_threads() {
    let reg = township();
    for threads in 1..=4 {
        assert_eq!(
            Registry::replay_with(reg.ledger(), Parallelism::new(threads)).unwrap(),
            reg
        );
    }
    // Given an entry whose record was changed, replay refuses it the same way on any number of
    // threads.
    let mut l = lines(&reg.ledger().to_jsonl());
    l[700] = l[700].replacen("\"seq\":701,", "\"seq\":701 ,", 1);
    let loaded = Ledger::from_jsonl(&join(&l)).unwrap();
    let one = Registry::replay_with(&loaded, Parallelism::ONE);
    assert!(one.is_err());
    for threads in 2..=4 {
        assert_eq!(
            Registry::replay_with(&loaded, Parallelism::new(threads)),
            one
        );
    }
}
