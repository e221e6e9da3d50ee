//! A ledger file read back and replayed: whatever the bytes, reading, verifying and replaying
//! return a value or an error, never panic.
#![no_main]

use fangkong::{Ledger, Registry};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
