//! fangkong (防控, "prevention and control") is a pure library for the software of a
//! township, street office or county running epidemic prevention: the grid of units and
//! households (网格化管理), the staff who answer for them, and one registry through which every
//! change passes, recorded in a tamper-evident ledger (台账).
//!
//! It models what Huochezhan Township (火车站乡), Shaoyang, did by hand in early 2020: a grid of
//! villages, groups and households with a cadre responsible for each, door-to-door screening,
//! home observation, supervision, duty rosters (leave cancelled, checkpoints, volunteers:
//! [`roster`]), daily cleaning and disinfection of public places, whose missed rounds
//! supervision finds ([`disinfection`]), and supplies and donations (a stock ledger that never
//! goes below zero, a donation followed to what it bought and to whom it went:
//! [`supplies`]). Village apps, county dashboards and reporting services are built on it.
//!
//! # The main job
//!
//! Found a registry for a township, lay out the grid, assign staff, register households and
//! residents; every change is authorized, and a refusal is recorded without changing anything.
//! The ledger proves afterwards what happened, and replays to the same registry.
//!
//! ```
//! use fangkong::{Duty, Error, Founding, Registry, Relation, ResidentDetails, Role, Sex, UnitKind};
//!
//! let t = "2020-01-24T09:00:00+08:00".parse()?;
//! let mut reg = Registry::found(Founding::new("Huochezhan Township (火车站乡)", "Secretary Liu"), t);
//! let secretary = reg.staff_ids().next().unwrap();
//!
//! // The grid: a village and two of its groups.
//! let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin (前进村)", reg.township(), None)?;
//! let group_1 = reg.establish_group(secretary, t, qianjin, 1, "Qianjin group 1")?;
//! let group_2 = reg.establish_group(secretary, t, qianjin, 2, "Qianjin group 2")?;
//!
//! // A grid worker for group 1 (分片包组).
//! let li = reg.enroll_staff(secretary, t, "Li Hua", Role::GridWorker, None)?;
//! reg.assign(secretary, t, li, group_1, Duty::Grid)?;
//!
//! // She registers a household of her group and its head.
//! let home = reg.register_household(li, t, group_1, "Qianjin group 1, no. 12")?;
//! let head = ResidentDetails::new("王秀英", Sex::Female, "1949-12-31".parse()?, Relation::Head)
//!     .with_identity("11010519491231002X".parse()?);
//! reg.register_resident(li, t, home, head)?;
//!
//! // Outside her group she is refused; the refusal is in the ledger, nothing else changed.
//! let refused = reg.register_household(li, t, group_2, "Qianjin group 2, no. 3");
//! assert!(matches!(refused, Err(Error::OutsideAssignedUnits { .. })));
//! assert_eq!(reg.households().count(), 1);
//! assert_eq!(reg.refusals()?.len(), 1);
//!
//! // Identity numbers are masked wherever they are printed.
//! let resident = reg.residents().next().unwrap();
//! assert_eq!(resident.details.identity.unwrap().to_string(), "1101**********002X");
//!
//! // The ledger verifies, survives JSON Lines, and replays to an equal registry.
//! let head = reg.ledger().verify()?;
//! let stored = reg.ledger().to_jsonl();
//! let loaded = fangkong::Ledger::from_jsonl(&stored)?;
//! assert_eq!(loaded.verify_against(head)?, head);
//! assert_eq!(Registry::replay(&loaded)?, reg);
//! # Ok::<(), Error>(())
//! ```
//!
//! # Screening, observation and release
//!
//! Screening (摸底排查) and observation (医学观察) go through the same registry: a leader records
//! risk areas and adopts a [`ScreeningRule`](screening::ScreeningRule); grid workers record visits and interviews; an
//! interview that finds a key person opens their [`Observation`](observation::Observation) under the protocol the rule
//! names; grid workers record twice-daily readings; health workers decide releases, which
//! explain themselves ([`ReleaseDecision`](observation::ReleaseDecision)). Every id comes from the call that created it.
//!
//! ```
//! use fangkong::{
//!     Duty, Founding, Instant, Registry, Relation, ResidentDetails, Role, Sex, UnitKind, UtcOffset,
//! };
//! use fangkong::observation::{Method, ObservationUpdate, Reading, Reporter};
//! use fangkong::screening::{
//!     Interview, ReportedSymptoms, RiskLevel, ScreeningRule, Stay, TravelHistory, VisitResult,
//! };
//!
//! let t: Instant = "2020-01-24T09:00:00+08:00".parse()?;
//! let mut reg = Registry::found(Founding::new("Huochezhan Township (火车站乡)", "Secretary Liu"), t);
//! let secretary = reg.staff_ids().next().unwrap();
//! let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin (前进村)", reg.township(), None)?;
//! let group_1 = reg.establish_group(secretary, t, qianjin, 1, "Qianjin group 1")?;
//! let li = reg.enroll_staff(secretary, t, "Li Hua", Role::GridWorker, None)?;
//! reg.assign(secretary, t, li, group_1, Duty::Grid)?;
//! let doctor = reg.enroll_staff(secretary, t, "Dr Xie", Role::HealthWorker, None)?;
//! reg.assign(secretary, t, doctor, reg.township(), Duty::MedicalService)?;
//! let home = reg.register_household(li, t, group_1, "Qianjin group 1, no. 3")?;
//! let wang = ResidentDetails::new("王强", Sex::Male, "1990-05-01".parse()?, Relation::Head);
//! let wang = reg.register_resident(li, t, home, wang)?;
//!
//! // A leader designates Wuhan, adopts the January 2020 rule and opens a round.
//! reg.designate_risk_area(secretary, t, "420100".parse()?, RiskLevel::HIGH,
//!     "2020-01-08".parse()?, "NHC community notice, 2020-01-24")?;
//! reg.adopt_screening_rule(secretary, t, ScreeningRule::returnee_jan2020())?;
//! let round = reg.open_screening_round(secretary, t, "Carpet screening", vec![qianjin],
//!     "2020-01-24".parse()?)?;
//!
//! // The grid worker visits; the returnee left Wuhan on the 20th: a key person, day 0 the 20th.
//! reg.record_visit(li, t, round, home, VisitResult::Screened)?;
//! let travel = TravelHistory {
//!     stays: vec![Stay::new("420100".parse()?, "2020-01-02".parse()?, "2020-01-20".parse()?)?],
//!     transits: vec![],
//!     returned_home: Some("2020-01-21".parse()?),
//! };
//! let interview = Interview::new(travel, true, ReportedSymptoms::default())?;
//! let screened = reg.record_interview(li, t, wang, Some(round), interview)?;
//! let obs = screened.observation.expect("a key person is observed");
//! assert_eq!(screened.outcome.key_person().unwrap().day0.to_string(), "2020-01-20");
//!
//! // Twice-daily readings to day 14 (2020-02-03), then the release review of 2020-02-04.
//! let day0 = "2020-01-20".parse::<fangkong::Day>()?;
//! for n in 4..=14 {
//!     for time in ["10:30", "19:30"] {
//!         let at = Instant::at(day0.plus_days(n)?, time.parse()?, UtcOffset::CHINA);
//!         let reading = Reading { at, temperature: "36.5".parse()?, method: Method::Armpit,
//!                                 by: Reporter::SelfReported };
//!         reg.update_observation(li, at, obs, ObservationUpdate::RecordReading(reading))?;
//!     }
//! }
//! let review = reg.release_review_list("2020-02-04".parse()?);
//! assert_eq!(review[0].observation, obs);
//! assert_eq!(review[0].decision.to_string(),
//!     "release: the 14-day observation period ended on 2020-02-03 (day 14); no alert is open; \
//!      no check was missed");
//! // The health worker releases (解除医学观察): a decision with its reasons, in the ledger.
//! let at = "2020-02-04T09:00:00+08:00".parse()?;
//! reg.update_observation(doctor, at, obs, ObservationUpdate::Release { override_reason: None })?;
//! assert!(reg.release_review_list("2020-02-04".parse()?).is_empty());
//! assert_eq!(Registry::replay(reg.ledger())?, reg);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Lists a person reads — non-reporting, release review, alerts, follow-ups and a grid
//! worker's [`WorkList`](registry::WorkList) — name each resident with a masked phone, address, group and worker;
//! the full phone comes only through [`Registry::reveal_phone`], which the ledger records.
//! [`Registry::execute_all`] loads a roster in one batch, keeping the good rows.
//!
//! The `village_tool` example is a small downstream program: a CSV roster loaded in one batch,
//! screening, a day of readings, the work list, the ledger through a file and back
//! (`cargo run --example village_tool`).
//!
//! The `township` example runs the whole campaign of the article — 4,248 households in six
//! villages and one community, screened door to door, 49 key people under home observation,
//! the letter to all residents delivered to every household ([`publicity`]) —
//! with `cargo run --example township`.
//!
//! # Where things live
//!
//! The crate root holds what a first program needs: the [`Registry`], the [`Ledger`] and its
//! [`Record`]s, [`Command`], [`Event`], [`Error`], the time values ([`Day`], [`Instant`]) and
//! the grid's ids and set-up types ([`UnitId`], [`Role`], [`ResidentDetails`], …). Everything
//! else lives in the module of its concept, with its commands, events, errors and ids:
//!
//! | module | what it holds |
//! |---|---|
//! | [`grid`] | units, staff, assignments, households and residents (网格化管理) |
//! | [`screening`] | risk areas, screening rules, rounds, visits and interviews (摸底排查) |
//! | [`observation`] | observations, readings, protocols and release (居家医学观察) |
//! | [`gathering`] | gathering orders, planned gatherings, venues and OxCGRT levels (聚集管控) |
//! | [`publicity`] | campaigns and their actions: letters, vans, loudspeakers (宣传) |
//! | [`roster`] | posts, shifts, leave and volunteers (值班值守) |
//! | [`disinfection`] | sites, schedules and rounds of cleaning and disinfection (消杀) |
//! | [`supplies`] | stores, lots, donations and hand-outs (物资) |
//! | [`supervision`] | inspections, findings and accountability (督查问责) |
//! | [`report`] | daily reports, day tables, roll-ups and their exports (日报) |
//! | [`audit`] | the subjects of the audit trail (留痕) |
//! | [`registry`] | the rows the registry's lists and trails return |
//! | [`ledger`] | entries, verification, Merkle proofs and kept heads (台账) |
//! | [`place`] | administrative division and statistical codes |
//! | [`limits`] | the limits every free text is held to |
//!
//! [`Registry`]'s methods are grouped by module on its page: each `impl` block is one
//! module's section, headed by what it covers.
//!
//! # What this crate does not do
//!
//! It performs **no I/O**: it reads no files, opens no sockets and has no database; the ledger
//! is written to and read from strings, and storing them is the caller's job. It **never reads
//! the clock**: every command carries the [`Instant`] it happened at, and every rule counts
//! calendar [`Day`]s in the township's local time. It has no user interface and no notion of
//! log-in: the caller says which member of staff acts, and the registry decides whether they
//! may.
//!
//! # Errors
//!
//! [`Error`] is short, as in rustls: what crosses modules (authorization and reach, the order
//! of instants, replay, batches) is a variant of its own, and each concern's errors are one
//! variant wrapping that concern's enum: [`ValueError`] (what the values' parsers return — the
//! `FromStr::Err` of [`Day`], [`Instant`], the ids, [`IdentityNumber`], [`Phone`], the codes and
//! labels; since the split this is `ValueError`, not `Error`, a breaking change), [`LedgerError`]
//! (what [`Ledger`] returns), [`grid::GridError`], [`screening::ScreeningError`],
//! [`observation::ObservationError`], [`gathering::GatheringError`],
//! [`supervision::SupervisionError`], [`report::ReportError`], [`publicity::PublicityError`],
//! [`roster::RosterError`], [`disinfection::DisinfectionError`], [`supplies::SuppliesError`]
//! and [`ledger::ProofError`] (Merkle proofs and tree heads). `?` converts each into an
//! `Error`. Every error has a stable code ([`Error::code`]) that never changes.
//!
//! # Chinese and English
//!
//! Everything a person reads comes in English and in Chinese, named the same way across the
//! crate:
//!
//! - `Display` prints English. An English text may keep a Chinese gloss in parentheses
//!   (`male (男)`, `Qianjin (前进村)`), as township forms do.
//! - `label_en()` and `label_zh()` give the `&str` name of a fixed value: a kind, a role, a
//!   result, a level (`Role::GridWorker.label_zh()` is `"网格员"`). Every such enum parses
//!   back from either name and from the aliases clerks write (`FromStr`), and lists its
//!   values in `ALL`. Kinds defined as data (gathering kinds, relations, checklist items)
//!   have the same two methods, borrowing the name from the value.
//! - `display_zh()` returns an `impl Display` for a sentence, a row or a table in Chinese
//!   (`ReleaseDecision::display_zh`, `WorkList::display_zh`, [`Error::display_zh`], which covers
//!   every error; `Error::to_string_zh` is kept, deprecated, for code written before). A name
//!   composed from parts (a cadre's form of accountability, `组织处理：免职`) is a sentence too.
//! - A Chinese text holds no English word but ids (`R12`, `S4`), codes (`C2`, `420100`),
//!   days and instants, names as they were registered, and quoted input; tests render every
//!   label and error in Chinese and check it.
//!
//! Two names say what they are instead: [`place::DivisionCode::name_zh`] and
//! [`place::DivisionCode::name_en`] return an `Option`, because only the divisions of the shipped
//! table have a name.
//!
//! # Personal data
//!
//! Identity numbers ([`IdentityNumber`]) and phones ([`Phone`]) print masked in every `Debug`,
//! `Display` and error; the full value comes only from `reveal()`. Serde writes the full value,
//! because the ledger must replay: treat a stored ledger as personal information (PIPL).
//!
//! # Feature flags
//!
//! - `csv`: CSV of daily report tables and of any `report::Sheet` (`report::tables_to_csv`,
//!   `report::sheet_to_csv`). Safe to open in a spreadsheet: a text field that starts with `=`,
//!   `+`, `-`, `@`, a tab or a carriage return is written with a single quote `'` in front
//!   (OWASP's advice against formula injection); `report::csv_field_value` reads a parsed
//!   field back to the original text.
//! - `xlsx`: an Excel workbook of daily report tables, one sheet per day, written to memory
//!   (`report::tables_to_xlsx`).
//! - `fhir`: temperature readings as FHIR R4 Observation JSON
//!   (`report::temperature_observation`); supplies' receipts and issues as FHIR R5
//!   SupplyDelivery and a store's stock as FHIR R5 InventoryReport (`supplies::inventory_report`).
//! - `synth`: the deterministic generator of townships, campaigns and benchmark workloads
//!   ([`synth`]), for tests, examples and benches; not part of the default API. The examples
//!   on [`Registry`]'s page start from its [`synth::doc_fixture`], a township of one village,
//!   one group, a grid worker and one household ([`synth::DocTownship`] says what it holds),
//!   so each shows its own set-up in a line; to copy one, turn the feature on or build the
//!   same township with the calls the fixture's page lists.
//! - `time`: conversions between [`Day`]/[`Instant`]/[`UtcOffset`] and the `time` crate's
//!   `Date`/`OffsetDateTime`/`UtcOffset` (`TryFrom` where ranges differ).
#![deny(missing_docs)]
// Examples are meant to be copied: an import an example does not use is an error.
#![doc(test(attr(deny(unused_imports))))]

pub mod audit;
mod calendar;
mod chunked;
mod error;
mod event;
pub mod gathering;
pub mod grid;
mod hash;
mod household;
mod identity;
mod ids;
mod label;
pub mod ledger;
mod lenient;
pub mod limits;
mod mask;
pub mod observation;
pub mod place;
pub mod publicity;
mod record;
// The ledger's record writer (issue 14).
pub mod disinfection;
mod record_writer;
pub mod registry;
pub mod report;
pub mod roster;
pub mod screening;
pub mod supervision;
pub mod supplies;
#[cfg(any(test, feature = "synth"))]
pub mod synth;
mod table;
#[cfg(test)]
mod test_support;
mod value_error;

// The crate root re-exports what the front page's example and a first program need: the
// registry, the ledger and its records, `Command`, `Event`, `Error`, the time values, and the
// grid's ids and set-up types. Everything else lives in its module (`fangkong::screening`, …).
pub use calendar::{Day, Instant, TimeOfDay, UtcOffset};
pub use error::Error;
pub use event::{Command, Event};
pub use grid::{Action, Assignment, Duty, Role, Staff, Unit, UnitKind};
#[doc(no_inline)]
pub use grid::{
    DeregistrationReason, Household, Relation, Resident, ResidentDetails, Vulnerabilities,
};
#[doc(no_inline)]
pub use grid::{HouseholdId, ResidentId, StaffId, UnitId};
pub use identity::{IdentityNumber, Phone, PhoneKind, Sex};
pub use ledger::{Entry, Ledger, LedgerError, SCHEMA_VERSION};
#[doc(no_inline)]
pub use ledger::{Hash, Head, TreeHead};
pub use mask::{MaskedText, mask_personal_data};
pub use record::{Body, CommandMark, Record, Refusal};
pub use registry::{BatchCommand, BatchItem, Created, CreatedId, Founding, Receipt, Ref, Registry};
pub use value_error::ValueError;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
