//! A ledger file read back and replayed: whatever the bytes, reading, verifying and replaying
//! return a value or an error, never panic; and verifying straight from the bytes gives what
//! reading them, then verifying, gives.
#![no_main]

use fangkong::{Ledger, Parallelism, Registry};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let streamed = Ledger::verify_jsonl(data, Parallelism::new(2));
    match Ledger::from_jsonl_bytes(data).and_then(|l| Ok((l.ledger.verify_report()?, l.cut))) {
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
    let _ = loaded.ledger.verify();
    if let Ok(registry) = Registry::replay(&loaded.ledger) {
        // A replayed registry writes a ledger that reads back and replays again.
        let again = Ledger::from_jsonl(&registry.ledger().to_jsonl()).expect("reads back");
        Registry::replay(&again.ledger).expect("replays again");
    }
});
