//! A ledger file read back and replayed: whatever the bytes, reading, verifying and replaying
//! return a value or an error, never panic; and verifying straight from the bytes gives what
//! reading them, then verifying, gives.
#![no_main]

use fangkong::{Head, Ledger, LedgerError, Registry};
use fangkong::ledger::Parallelism;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let streamed = Ledger::verify_jsonl_keeping_cut(Head::default(), data, Parallelism::new(2));
    let kept = Ledger::read_jsonl_keeping_cut(Head::default(), data, Parallelism::ONE);
    // The default read gives the same entries, or refuses a cut naming its line.
    match (&kept, Ledger::from_jsonl_bytes(data)) {
        (Ok(k), Ok(l)) => assert!(k.cut.is_none() && k.ledger == l),
        (Ok(k), Err(LedgerError::LedgerCut { line, bytes })) => {
            let cut = k.cut.as_ref().expect("a cut is refused only when there is one");
            assert_eq!((cut.line, cut.bytes), (line, bytes));
        }
        (Err(a), Err(b)) => assert_eq!(a, &b),
        (k, d) => panic!("the default read differs from the kept one: {k:?} / {d:?}"),
    }
    match kept.and_then(|l| Ok((l.ledger.verify_report()?, l.cut))) {
        Ok((read, cut)) => {
            let streamed = streamed.expect("verifies from the bytes as read, then verified");
            assert_eq!(
                (streamed.head, streamed.redacted, streamed.cut),
                (read.head, read.redacted, cut)
            );
        }
        Err(e) => assert_eq!(streamed.expect_err("fails as read, then verified"), e),
    }
    let Ok(text) = std::str::from_utf8(data) else {
        let _ = Ledger::from_jsonl_bytes(data);
        return;
    };
    let Ok(loaded) = Ledger::from_jsonl(text) else {
        return;
    };
    let _ = loaded.verify();
    if let Ok(registry) = Registry::replay(&loaded) {
        // A replayed registry writes a ledger that reads back and replays again.
        let again = Ledger::from_jsonl(&registry.ledger().to_jsonl()).expect("reads back");
        Registry::replay(&again).expect("replays again");
    }
});
