//! fangkong's integration tests: one target, one module per concern. Tests read as scenarios:
//! given a township, when a member of staff does something, then this is what the registry,
//! the ledger and the error say.

mod adversarial;
mod campaign;
mod checked;
mod common;
mod county;
mod disinfection;
mod doc_examples;
mod downstream;
mod errors;
mod exports;
mod fastread;
mod grid;
mod identity;
mod labels;
mod layers;
mod ledger;
mod ledger_bytes;
mod ledger_v2;
mod masking;
mod memory;
mod merkle;
mod observation;
mod privacy;
mod publicity;
mod reach;
mod reliability;
mod replay;
mod replay_forged;
mod review;
mod roster;
mod screening;
mod serde_roundtrip;
mod state_machine;
mod supplies;
mod tamper;
