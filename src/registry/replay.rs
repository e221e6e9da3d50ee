//! Replay: rebuilding a registry from its ledger, trusting no entry.
//!
//! The ledger's hash is unkeyed: whoever can write the file can append entries that verify. So
//! replay checks every command before applying it, the way [`Registry::execute`] would have:
//!
//! 1. The entries of one command are contiguous and carry the same [`CommandMark`], actor and
//!    instant; instants never decrease; a refusal is a command of one entry.
//! 2. The command is taken back from its first event (each module's `check::command_of`) and
//!    decided again against the state rebuilt so far, by the entry's actor at the entry's
//!    instant: the actor must be enrolled, their role may take the action, the units concerned
//!    lie within their reach, every reference exists, ids are the next ones (never `u32::MAX`),
//!    the grid stays a tree, identity numbers stay unique, a household keeps one head…
//! 3. The command's entries must be exactly the events that decision gives, in order: no
//!    event added, left out or changed. An interview's events include the observation it opens,
//!    so the interview's authority covers them.
//!
//! The founding (entries 1 to 3) is rebuilt from its name, code, local time and leader and
//! compared the same way. Two commands do not name themselves in an event: a confirmed
//! replacement of a risk level is decided again by the risk register
//! (`screening::check::replacement`), and a confirmed designation is decided as a plain
//! designation with the proposal's explanation as its basis.
//!
//! The first entry that fails stops replay with [`Error::ReplayRefused`] naming it and why.

use crate::ledger::LedgerError;
use std::collections::BTreeMap;

use serde_json::Value;

use super::{Books, Founding, Registry, State, trail, wrap};
use crate::audit::{AuditCommand, AuditEvent};
use crate::calendar::Instant;
use crate::error::Error;
use crate::event::{Command, Event};
use crate::grid::context::EntryMeta;
use crate::grid::{self, Action, Duty, GridEvent, Role};
use crate::hash::Head;
use crate::ids::{StaffId, UnitId};
use crate::ledger::merkle::MerkleTree;
use crate::ledger::{Ledger, Parallelism, SCHEMA_VERSION, parallel_map};
use crate::mask::mask_personal_data;
use crate::record::{Body, Record, Refusal, masked_json};
use crate::{gathering, observation, publicity, report, screening, supervision};

/// What [`Registry::found`] records: the township, its first leader (`S1`), and the leader's
/// charge of the township (`U1`).
pub(super) fn founding_events(founding: Founding) -> Vec<Event> {
    let township = UnitId::new(1);
    let leader = StaffId::new(1);
    vec![
        GridEvent::TownshipFounded {
            unit: township,
            name: founding.name,
            code: founding.code,
            offset: founding.offset,
        }
        .into(),
        GridEvent::StaffEnrolled {
            staff: leader,
            name: founding.leader,
            role: Role::Leader,
            phone: founding.leader_phone,
        }
        .into(),
        GridEvent::StaffAssigned {
            staff: leader,
            unit: township,
            duty: Duty::ChargeOfVillage,
        }
        .into(),
    ]
}

/// Which entries concern which subject (the audit trail's index).
type TrailIndex = super::trail_index::TrailIndex;

/// One entry of a command being replayed.
struct Entry {
    seq: u64,
    hash: crate::hash::Hash,
    digest: crate::hash::Hash,
    record: Record,
}

/// # Replay (重放)
///
/// Rebuilding a registry from its ledger on several threads.
impl Registry {
    /// Rebuilds a registry from a ledger as [`replay`](Registry::replay) does, verifying the
    /// ledger and reading its records on at most `parallelism` threads (a chunk of records at
    /// a time, ahead of the commands being checked and applied in order on the calling
    /// thread). The result, and the first entry refused, are the same at any number of
    /// threads.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::ledger::Parallelism;
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// assert_eq!(Registry::replay_with(reg.ledger(), Parallelism::ONE)?, reg);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`replay`](Registry::replay).
    pub fn replay_with(ledger: &Ledger, parallelism: Parallelism) -> Result<Registry, Error> {
        replay(ledger, parallelism)
    }
}

/// The ledger's entries with their records, read a chunk at a time on the threads.
struct Records<'a> {
    chunks: Box<dyn Iterator<Item = &'a [crate::ledger::Entry]> + 'a>,
    parallelism: Parallelism,
    read: std::vec::IntoIter<(&'a crate::ledger::Entry, Result<Record, Error>)>,
    index: usize,
}

impl<'a> Records<'a> {
    fn new(ledger: &'a Ledger, parallelism: Parallelism) -> Records<'a> {
        Records {
            chunks: Box::new(ledger.chunks()),
            parallelism,
            read: Vec::new().into_iter(),
            index: 0,
        }
    }
}

impl<'a> Iterator for Records<'a> {
    /// The entry's index, the entry, and its record as [`read`] reads it.
    type Item = (usize, &'a crate::ledger::Entry, Result<Record, Error>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((entry, record)) = self.read.next() {
                self.index += 1;
                return Some((self.index - 1, entry, record));
            }
            let chunk = self.chunks.next()?;
            let first = self.index;
            let indexed: Vec<(usize, &crate::ledger::Entry)> = chunk
                .iter()
                .enumerate()
                .map(|(k, e)| (first + k, e))
                .collect();
            self.read =
                parallel_map(&indexed, self.parallelism, |(i, e)| (*e, read(e, *i))).into_iter();
        }
    }
}

/// See [`Registry::replay`].
pub(super) fn replay(ledger: &Ledger, parallelism: Parallelism) -> Result<Registry, Error> {
    if ledger.base().seq != 0 || ledger.is_empty() {
        return Err(Error::Ledger(LedgerError::LedgerNotFounded));
    }
    ledger.verify_with(parallelism)?;
    let end = ledger.head().seq;
    let mut state = State::default();
    let mut last_at: Option<Instant> = None;
    let mut heads = BTreeMap::new();
    let mut trail_index = TrailIndex::default();
    let mut tree = MerkleTree::new();
    // The head of the entries applied so far: what a report decided now would carry.
    let mut head = ledger.base();
    let mut entries = Records::new(ledger, parallelism);
    while let Some((i, entry, record)) = entries.next() {
        let seq = i as u64 + 1;
        let record = record?;
        let refuse = |reason: String| Error::ReplayRefused { seq, reason };
        if i == 0
            && !matches!(
                record.body,
                Body::Event(Event::Grid(GridEvent::TownshipFounded { .. }))
            )
        {
            return Err(Error::Ledger(LedgerError::LedgerNotFounded));
        }
        in_order(&mut last_at, seq, record.at)?;
        let mark = record.command;
        if !mark.starts_at(seq) || mark.entries == 0 {
            return Err(refuse(format!(
                "it should start a command but is marked as part of the command at entry {}",
                mark.first
            )));
        }
        if mark.last() > end {
            return Err(refuse(format!(
                "its command claims {} entries but the ledger ends before them",
                mark.entries
            )));
        }
        let (actor, at) = (record.actor, record.at);
        let mut command = vec![Entry {
            seq,
            hash: entry.hash(),
            digest: entry.digest(),
            record,
        }];
        while command.len() < mark.entries as usize {
            let Some((j, entry, record)) = entries.next() else {
                break;
            };
            let seq = j as u64 + 1;
            let record = record?;
            in_order(&mut last_at, seq, record.at)?;
            if record.command != mark || record.actor != actor || record.at != at {
                return Err(Error::ReplayRefused {
                    seq,
                    reason: format!(
                        "it claims to belong to the command that starts at entry {}, but its mark, actor or instant differs",
                        mark.first
                    ),
                });
            }
            command.push(Entry {
                seq,
                hash: entry.hash(),
                digest: entry.digest(),
                record,
            });
        }
        let books = Books {
            trail: &trail_index,
            heads: &heads,
            head,
            tree: &tree,
        };
        state
            .check_command(&command, &books)
            .map_err(|(seq, reason)| Error::ReplayRefused { seq, reason })?;
        for e in command {
            tree.push_leaf(e.digest.as_bytes());
            let day = e.record.at.day_in(state.grid.offset);
            // Indexed before it is applied, as `Registry::record` does, so that the state takes
            // the event (issue 14).
            trail::index(
                &mut trail_index,
                &state,
                e.seq,
                e.record.actor,
                &e.record.body,
            );
            if let Body::Event(event) = e.record.body {
                let meta = EntryMeta {
                    seq: e.seq,
                    actor: e.record.actor,
                    at: e.record.at,
                    day,
                };
                state.apply(event, &meta);
            }
            // As `Registry::append`: the day in the township's time once the event is applied.
            head = Head {
                seq: e.seq,
                hash: e.hash,
            };
            heads.insert(e.record.at.day_in(state.grid.offset), head);
        }
    }
    Ok(Registry {
        state,
        ledger: ledger.clone(),
        last_at,
        heads,
        trail_index,
        tree,
    })
}

/// Reads the record of the entry at index `i`.
fn read(entry: &crate::ledger::Entry, i: usize) -> Result<Record, Error> {
    let seq = i as u64 + 1;
    let bytes = entry
        .record_bytes()
        .ok_or(Error::Ledger(LedgerError::RecordRedacted {
            seq,
            what: "replayed",
        }))?;
    let record = Record::parse(bytes).map_err(|e| match e {
        Error::Ledger(LedgerError::RecordUnreadable { reason }) => {
            Error::Ledger(LedgerError::LedgerUnreadable {
                line: i + 1,
                reason,
            })
        }
        other => other,
    })?;
    // Every record, not only the first line, is of the version this release reads.
    if record.schema != SCHEMA_VERSION {
        return Err(Error::Ledger(LedgerError::UnsupportedLedgerVersion {
            line: i + 1,
            found: u64::from(record.schema),
            supported: SCHEMA_VERSION,
        }));
    }
    Ok(record)
}

/// Checks that an entry's instant is not earlier than the entry before it.
fn in_order(last_at: &mut Option<Instant>, seq: u64, at: Instant) -> Result<(), Error> {
    if last_at.is_some_and(|l| at < l) {
        return Err(Error::ReplayRefused {
            seq,
            reason: format!("its instant {at} is earlier than the entry before it"),
        });
    }
    *last_at = Some(at);
    Ok(())
}

impl State {
    /// Checks one command's entries against the state before they are applied; on failure,
    /// the entry to name and why.
    fn check_command(&self, command: &[Entry], books: &Books<'_>) -> Result<(), (u64, String)> {
        let Some(first) = command.first() else {
            return Ok(());
        };
        let (seq0, actor, at) = (first.seq, first.record.actor, first.record.at);
        if let Body::Refused(refusal) = &first.record.body {
            // Anyone may be refused, even someone unknown: a refusal claims no authority and
            // changes nothing. But it is a command of one entry, carrying no event, and it is
            // decided again (`check_refusal`).
            if command.len() != 1 {
                return Err((
                    seq0,
                    format!(
                        "it records a refused command, which is one entry, but is marked as {} entries",
                        command.len()
                    ),
                ));
            }
            return self
                .check_refusal(actor, at, refusal, books)
                .map_err(|reason| (seq0, reason));
        }
        let mut recorded = Vec::with_capacity(command.len());
        for e in command {
            match &e.record.body {
                Body::Event(event) => recorded.push(event.clone()),
                Body::Refused(_) => {
                    return Err((
                        e.seq,
                        format!(
                            "it records a refusal inside the accepted command that starts at entry {seq0}"
                        ),
                    ));
                }
            }
        }
        let expected = if seq0 == 1 {
            founding(actor, &recorded)
        } else {
            self.decide_again(actor, at, &recorded, books)
        }
        .map_err(|reason| (seq0, reason))?;
        compare(seq0, &expected, &recorded)
    }

    /// The events the command whose entries are `recorded` gives when decided again now, by
    /// `actor` at `at`; or why it cannot be decided again, or would be refused.
    fn decide_again(
        &self,
        actor: StaffId,
        at: Instant,
        recorded: &[Event],
        books: &Books<'_>,
    ) -> Result<Vec<Event>, String> {
        let refused = |e: Error| {
            format!(
                "the command it records would have been refused: {}",
                mask_personal_data(&e.to_string())
            )
        };
        let replacement = match recorded {
            [Event::Screening(lift), Event::Screening(designate)] => {
                screening::check::replacement(&self.screening.risk, [lift, designate])
            }
            _ => None,
        };
        if let Some(changes) = replacement {
            let who = self
                .authorize(actor, Action::ManageRiskAreas)
                .map_err(refused)?;
            crate::grid::context::reach_township(&self.grid, who, Action::ManageRiskAreas)
                .map_err(refused)?;
            return changes.map(wrap).map_err(refused);
        }
        let first = recorded.first().ok_or("the command records no event")?;
        let command: Command = match first {
            Event::Grid(e) => grid::check::command_of(e)
                .ok_or("a township is founded only by the ledger's first entry")?
                .into(),
            Event::Screening(e) => screening::check::command_of(e)
                .ok_or(
                    "a designation that replaces another is recorded right after the other is lifted, in one command",
                )?
                .into(),
            Event::Observation(e) => observation::check::command_of(e).into(),
            Event::Report(e) => report::check::command_of(e).into(),
            Event::Gathering(e) => gathering::check::command_of(e).into(),
            Event::Supervision(e) => supervision::check::command_of(e).into(),
            Event::Publicity(e) => publicity::check::command_of(e).into(),
            Event::Roster(e) => crate::roster::check::command_of(e).into(),
            Event::Disinfection(e) => crate::disinfection::check::command_of(e).into(),
            Event::Supplies(e) => crate::supplies::check::command_of(e).into(),
            Event::Audit(AuditEvent::TrailExported { subject, .. }) => {
                AuditCommand::ExportTrail { subject: *subject }.into()
            }
            Event::Audit(AuditEvent::ListExported { list, .. }) => {
                AuditCommand::ExportList { list: *list }.into()
            }
        };
        self.decide(actor, at, &command, books).map_err(refused)
    }

    /// Checks a refusal as replay checks an accepted command: nothing in it unmasked, its code
    /// one this release gives, and the attempt decided again, as `actor` at `at` (or at the
    /// attempted instant), refused with the same code. An attempt masked beyond rebuilding, or
    /// a batch row naming another row, cannot be decided again: its code must be one a command
    /// of its kind can give. An attempt that is no command of any kind is a forgery.
    fn check_refusal(
        &self,
        actor: StaffId,
        at: Instant,
        refusal: &Refusal,
        books: &Books<'_>,
    ) -> Result<(), String> {
        let code = refusal.code.as_str();
        if !Error::CODES.contains(&code) {
            return Err(format!(
                "its refusal code {:?} is not one this release gives (LEDGER.md, \"Error codes\")",
                cut(&mask_personal_data(code))
            ));
        }
        if masked_json(refusal.attempt.clone()) != refusal.attempt
            || mask_personal_data(&refusal.reason) != refusal.reason
            || refusal
                .attempted_at
                .as_deref()
                .is_some_and(|a| mask_personal_data(a) != a)
        {
            return Err(
                "its refusal holds an identity number or a phone unmasked, which a refusal never keeps"
                    .to_owned(),
            );
        }
        let decided_at = match refusal.attempted_at.as_deref() {
            None => at,
            Some(text) => match text.parse::<Instant>() {
                Ok(attempted) if attempted < at => attempted,
                _ => {
                    return Err(format!(
                        "its attempted instant {:?} is not an instant earlier than the entry's own, \
                         as a refusal of a command dated before the ledger's last entry says",
                        cut(text)
                    ));
                }
            },
        };
        let expected = match serde_json::from_value::<Command>(refusal.attempt.clone()) {
            Ok(command) if decided_at < at => {
                // Dated before the ledger's last entry: refused for that alone (`execute`).
                let _ = command;
                "instant_before_ledger"
            }
            Ok(command) => {
                let decided = self.decide(actor, decided_at, &command, books);
                if decided.as_ref().err().map(Error::code) == Some(code) {
                    return Ok(());
                }
                // Masking changed the attempt (`王芳 5221234` stored as `王芳 *******`): what it
                // is decided on may have changed with it, so it is checked as an attempt that
                // does not rebuild. Unmasked, it must be refused again with its code.
                if holds_masked_text(&refusal.attempt) {
                    let kind = attempt_kind(&refusal.attempt).ok_or_else(|| {
                        "its attempt is not a command of any kind (LEDGER.md, \"A record\")"
                            .to_owned()
                    })?;
                    return self.check_unrebuilt(actor, refusal, kind);
                }
                match decided {
                    Ok(_) => {
                        return Err(
                            "it records as refused a command that would have been accepted"
                                .to_owned(),
                        );
                    }
                    Err(e) => e.code(),
                }
            }
            Err(_) => {
                let kind = attempt_kind(&refusal.attempt).ok_or_else(|| {
                    "its attempt is not a command of any kind (LEDGER.md, \"A record\")".to_owned()
                })?;
                return self.check_unrebuilt(actor, refusal, kind);
            }
        };
        if expected != code {
            return Err(format!(
                "it records a refusal with code {code:?}, but the command decided again is refused with {expected:?}"
            ));
        }
        Ok(())
    }
}

impl State {
    /// Checks a refusal whose attempt does not rebuild as a command, as far as it can be:
    /// a batch row names an earlier row and carries a batch code; a module's command can only
    /// fail to rebuild because masking or cutting changed it, so it holds a masked or cut
    /// text; an actor who is not enrolled is refused for that first (`unknown_staff`), and
    /// one who is, never for it; a command dated before the ledger's last entry is refused
    /// for that alone; and the code is one a command of that module can give.
    fn check_unrebuilt(
        &self,
        actor: StaffId,
        refusal: &Refusal,
        kind: AttemptKind,
    ) -> Result<(), String> {
        let code = refusal.code.as_str();
        let not_given =
            || format!("its refusal code {code:?} is not one a command of its kind gives");
        let module = match kind {
            AttemptKind::BatchRow => {
                // Only a row that names another row is refused before it is executed, and a
                // row is one of the batch's commands, field for field.
                if !batch_row_shaped(&refusal.attempt) {
                    return Err(
                        "it records a batch row as refused for the row it names, but it is no \
                         batch row naming a row"
                            .to_owned(),
                    );
                }
                return if crate::error::BATCH_ONLY.contains(&code) {
                    Ok(())
                } else {
                    Err(not_given())
                };
            }
            AttemptKind::Module(module) => module,
        };
        if !holds_masked_text(&refusal.attempt) {
            return Err(
                "its attempt is not a command, and nothing in it was masked or cut to explain why"
                    .to_owned(),
            );
        }
        let expected_first = if refusal.attempted_at.is_some() {
            Some("instant_before_ledger")
        } else if !self.grid.staff.contains_key(&actor) {
            Some("unknown_staff")
        } else {
            None
        };
        match expected_first {
            Some(expected) if code != expected => Err(format!(
                "it records a refusal with code {code:?}, but the command would have been refused with {expected:?} first"
            )),
            Some(_) => Ok(()),
            None if code == "unknown_staff" || code == "instant_before_ledger" => Err(format!(
                "it records a refusal with code {code:?}, which does not fit its actor and instant"
            )),
            None if crate::error::possible_for(module, code) => Ok(()),
            None => Err(not_given()),
        }
    }
}

/// Whether `attempt` is a batch row as [`BatchCommand`](crate::BatchCommand) writes it, whose
/// reference names a row: `{"register_household":{"group":{"row":n},"address":…}}`, with its
/// exact fields. A row number above `u32::MAX` is stored as masked text (`masked_json`); a
/// field's other values may be masked too, so they are not read further.
fn batch_row_shaped(attempt: &Value) -> bool {
    let Some((kind, Value::Object(fields))) = attempt.as_object().and_then(|m| m.iter().next())
    else {
        return false;
    };
    let (reference, others): (&str, &[&str]) = match kind.as_str() {
        "establish_group" => ("village", &["number", "name"]),
        "register_household" => ("group", &["address"]),
        "register_resident" => ("household", &["details"]),
        _ => return false,
    };
    let names_row = match fields.get(reference) {
        Some(Value::Object(r)) if r.len() == 1 => match r.get("row") {
            Some(Value::Number(n)) => n.is_u64(),
            Some(Value::String(masked)) => masked.chars().all(|c| c == '*' || c.is_ascii_digit()),
            _ => false,
        },
        _ => false,
    };
    names_row && fields.len() == 1 + others.len() && others.iter().all(|f| fields.contains_key(*f))
}

/// Whether a text of `value` was masked or cut: what can keep an attempt from rebuilding as a
/// command, or change what it is decided on. Masking hides at least four digits of a number
/// (`mask_personal_data`), so a masked text holds four `*` or more; a cut text is exactly
/// `REFUSED_TEXT_MAX_CHARS` long and ends in `…`.
fn holds_masked_text(value: &Value) -> bool {
    match value {
        Value::String(s) => {
            s.chars().filter(|c| *c == '*').count() >= 4
                || (s.ends_with('…') && s.chars().count() == crate::record::REFUSED_TEXT_MAX_CHARS)
        }
        Value::Object(m) => m.values().any(holds_masked_text),
        Value::Array(items) => items.iter().any(holds_masked_text),
        _ => false,
    }
}

/// What a refused attempt is, read from its shape when it does not rebuild as a command.
enum AttemptKind {
    /// A batch row naming an earlier row ([`BatchCommand`](crate::BatchCommand)).
    BatchRow,
    /// A command of a module: `{"<module>":{"<Kind>":…}}` (or `{"<module>":"<Kind>"}`).
    Module(&'static str),
}

/// The kind of `attempt`, if it has the shape of a command or of a batch row; `None` for
/// anything else (`[1,2,3]`, an object of two keys, an unknown module).
fn attempt_kind(attempt: &Value) -> Option<AttemptKind> {
    const MODULES: [&str; 11] = [
        "grid",
        "screening",
        "observation",
        "report",
        "gathering",
        "supervision",
        "audit",
        "publicity",
        "roster",
        "disinfection",
        "supplies",
    ];
    const BATCH_ROWS: [&str; 3] = ["establish_group", "register_household", "register_resident"];
    let map = attempt.as_object().filter(|m| m.len() == 1)?;
    let (key, inner) = map.iter().next()?;
    if BATCH_ROWS.contains(&key.as_str()) {
        // A batch row names an earlier row somewhere: `{"row":n}`.
        return inner.is_object().then_some(AttemptKind::BatchRow);
    }
    let module = MODULES.iter().find(|m| **m == key)?;
    let kind_shaped = match inner {
        Value::String(kind) => is_kind_name(kind),
        Value::Object(m) => m.len() == 1 && m.keys().all(|k| is_kind_name(k)),
        _ => false,
    };
    kind_shaped.then_some(AttemptKind::Module(module))
}

/// Whether `name` is shaped like a command's kind: `RegisterHousehold`.
fn is_kind_name(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// At most 80 characters of `text`, for quoting a stored value in a message.
fn cut(text: &str) -> String {
    let mut out: String = text.chars().take(80).collect();
    if text.chars().nth(80).is_some() {
        out.push('…');
    }
    out
}

/// The founding, rebuilt from what its entries say and recorded by the first leader.
fn founding(actor: StaffId, recorded: &[Event]) -> Result<Vec<Event>, String> {
    let [
        Event::Grid(GridEvent::TownshipFounded {
            name, code, offset, ..
        }),
        Event::Grid(GridEvent::StaffEnrolled {
            name: leader,
            phone,
            ..
        }),
        ..,
    ] = recorded
    else {
        return Err(
            "the founding records the township, then its first leader, then the leader's charge of the township"
                .to_owned(),
        );
    };
    if actor != StaffId::new(1) {
        return Err(format!(
            "the founding is recorded by the first leader, S1, not by {actor}"
        ));
    }
    Ok(founding_events(Founding {
        name: name.clone(),
        code: *code,
        offset: *offset,
        leader: leader.clone(),
        leader_phone: *phone,
    }))
}

/// Compares a command's recorded events with the events its decision gives.
fn compare(seq0: u64, expected: &[Event], recorded: &[Event]) -> Result<(), (u64, String)> {
    for (k, (want, got)) in expected.iter().zip(recorded).enumerate() {
        if want != got {
            let seq = seq0 + k as u64;
            return Err((seq, difference(want, got)));
        }
    }
    if recorded.len() > expected.len() {
        return Err((
            seq0 + expected.len() as u64,
            format!(
                "the command that starts at entry {seq0} records {} event(s) when decided again; this entry is one too many",
                expected.len()
            ),
        ));
    }
    if recorded.len() < expected.len() {
        return Err((
            seq0 + recorded.len().saturating_sub(1) as u64,
            format!(
                "the command that starts at entry {seq0} records {} event(s) when decided again, but its entries end after {}",
                expected.len(),
                recorded.len()
            ),
        ));
    }
    Ok(())
}

/// Why a recorded event is not the one its command gives: the first field that differs, with
/// both values (personal data masked, long values cut).
fn difference(expected: &Event, recorded: &Event) -> String {
    let (Ok(want), Ok(got)) = (
        serde_json::to_value(expected),
        serde_json::to_value(recorded),
    ) else {
        return "it is not the event its command records when decided again".to_owned();
    };
    let mut path = Vec::new();
    match first_difference(&want, &got, &mut path) {
        Some((want, got)) => format!(
            "it is not what its command records when decided again: at {} it says {}, where the registry records {}",
            path.join("."),
            shown(got),
            shown(want)
        ),
        None => "it is not the event its command records when decided again".to_owned(),
    }
}

/// The first place where two JSON values differ (path into `path`), with the values there
/// (`None` for a field one of them lacks).
fn first_difference<'a>(
    a: &'a Value,
    b: &'a Value,
    path: &mut Vec<String>,
) -> Option<(Option<&'a Value>, Option<&'a Value>)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                path.push(k.clone());
                match y.get(k) {
                    None => return Some((Some(va), None)),
                    Some(vb) => {
                        if let Some(d) = first_difference(va, vb, path) {
                            return Some(d);
                        }
                    }
                }
                path.pop();
            }
            let (k, vb) = y.iter().find(|(k, _)| !x.contains_key(*k))?;
            path.push(k.clone());
            Some((None, Some(vb)))
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                path.push(i.to_string());
                match (x.get(i), y.get(i)) {
                    (Some(va), Some(vb)) => {
                        if let Some(d) = first_difference(va, vb, path) {
                            return Some(d);
                        }
                    }
                    (va, vb) => return Some((va, vb)),
                }
                path.pop();
            }
            None
        }
        _ if a == b => None,
        _ => Some((Some(a), Some(b))),
    }
}

/// A value as a message shows it: personal data masked, at most 60 characters.
fn shown(v: Option<&Value>) -> String {
    let Some(v) = v else {
        return "nothing".to_owned();
    };
    let text = mask_personal_data(&v.to_string());
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_names_the_field_and_both_values() {
        let want: Event = GridEvent::StaffAssigned {
            staff: StaffId::new(2),
            unit: UnitId::new(3),
            duty: Duty::Grid,
        }
        .into();
        let got: Event = GridEvent::StaffAssigned {
            staff: StaffId::new(2),
            unit: UnitId::new(4),
            duty: Duty::Grid,
        }
        .into();
        assert_eq!(
            difference(&want, &got),
            "it is not what its command records when decided again: at grid.StaffAssigned.unit it says 4, where the registry records 3"
        );
    }

    #[test]
    fn long_values_are_cut_and_digit_runs_masked() {
        let v = Value::String("13974561234".to_owned());
        assert_eq!(shown(Some(&v)), "\"139****1234\"");
        let v = Value::String("x".repeat(100));
        assert_eq!(shown(Some(&v)).chars().count(), 60);
        assert_eq!(shown(None), "nothing");
    }
}
