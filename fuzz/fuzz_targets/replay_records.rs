//! Records replayed with valid hashes: each input line is taken as a record's JSON and chained
//! here (as the ledger chains them: SHA-256 of the domain tag, the previous hash and the
//! record), so replay gets past verification and every event is applied. Mutating a chained
//! ledger directly (`jsonl_ledger`) mostly exercises verification, because the fuzzer cannot
//! forge hashes.
#![no_main]

use fangkong::{Ledger, Registry};
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};

/// The ledger's domain tag (src/ledger.rs, LEDGER.md "What is hashed"). Until issue 18 this
/// target still chained with version 1's tag and hashed the record itself, not its digest, so
/// no input got past verification: the 2026-12-02 runs never reached replay.
const DOMAIN_TAG: &[u8] = b"fangkong-ledger-v2\n";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut prev = [0u8; 32];
    let mut jsonl = String::new();
    for record in text.lines() {
        // The record is embedded as raw JSON: skip lines that are not one JSON value.
        if serde_json::from_str::<&serde_json::value::RawValue>(record).is_err() {
            continue;
        }
        let digest: [u8; 32] = Sha256::digest(record.as_bytes()).into();
        let mut h = Sha256::new();
        h.update(DOMAIN_TAG);
        h.update(prev);
        h.update(digest);
        let hash: [u8; 32] = h.finalize().into();
        jsonl.push_str(&format!(
            "{{\"prev\":\"{}\",\"hash\":\"{}\",\"record\":{record}}}\n",
            hex(&prev),
            hex(&hash)
        ));
        prev = hash;
    }
    let Ok(loaded) = Ledger::from_jsonl(&jsonl) else {
        return;
    };
    if let Ok(registry) = Registry::replay(&loaded) {
        let again = Ledger::from_jsonl(&registry.ledger().to_jsonl()).expect("reads back");
        Registry::replay(&again).expect("replays again");
    }
});
