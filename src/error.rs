//! The crate's one error type.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::hash::Head;
use crate::mask::{MaskedText, mask_personal_data};

mod code;
pub(crate) use code::{BATCH_ONLY, possible_for};
mod zh;
use crate::calendar::{Day, Instant};
use crate::ids::{
    DesignationId, GatheringId, GatheringOrderId, HouseholdId, ObservationId, ResidentId, RoundId,
    StaffId, UnitId, VenueId,
};
use crate::place::DivisionCode;

/// Everything that can go wrong in fangkong, in words a township clerk can act on.
///
/// Every message names the value, unit, person or rule concerned. Identity numbers and phone
/// numbers only ever appear masked. New variants may be added in minor releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // --- calendar ---
    /// A day that is not a calendar date in `YYYY-MM-DD` form.
    #[error("{input:?} is not a calendar day written YYYY-MM-DD, such as 2020-01-24")]
    InvalidDay {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// Counting days went beyond the supported calendar.
    #[error("{days} days from {day} lies outside the supported calendar")]
    DayOutOfRange {
        /// The day counted from.
        day: Day,
        /// The number of days added.
        days: i64,
    },
    /// A time of day that is not `HH:MM` with `HH` < 24 and `MM` < 60.
    #[error("{input:?} is not a time of day written HH:MM, such as 06:30")]
    InvalidTimeOfDay {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// An instant that is not an RFC 3339 date and time with an offset.
    #[error(
        "{input:?} is not a date and time with a UTC offset, such as 2020-01-24T08:30:00+08:00"
    )]
    InvalidInstant {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// A UTC offset of a day or more.
    #[error(
        "a UTC offset of {} seconds is not a time zone; it must be a whole number of minutes, less than a day",
        mask_personal_data(&seconds.to_string())
    )]
    InvalidUtcOffset {
        /// The offset as given, in seconds east of UTC.
        seconds: i32,
    },

    // --- identifiers ---
    /// An identifier without its prefix letter or number.
    #[error("{input:?} is not a {what} identifier; write it like {example}")]
    InvalidId {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
        /// What kind of identifier was expected.
        what: &'static str,
        /// A well-formed example.
        example: &'static str,
    },

    // --- ledger ---
    /// A hash that is not 64 hexadecimal digits.
    #[error("{input:?} is not a SHA-256 hash of 64 hexadecimal digits")]
    InvalidHash {
        /// The text as given (at most 80 characters), masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// A ledger line or record that cannot be read.
    #[error("ledger line {line} cannot be read: {}", mask_personal_data(.reason))]
    LedgerUnreadable {
        /// The 1-based line (or entry) number.
        line: usize,
        /// What the reader said.
        reason: String,
    },
    /// A ledger record whose bytes are not a record of a known schema.
    #[error("a ledger record cannot be read: {}", mask_personal_data(.reason))]
    RecordUnreadable {
        /// What the reader said.
        reason: String,
    },
    /// Verification found an entry altered, removed, inserted or reordered.
    #[error("the ledger was tampered with at entry {position}{}: {problem}", seq.map(|s| format!(" (sequence number {s})")).unwrap_or_default())]
    LedgerTampered {
        /// The 1-based position of the first entry concerned.
        position: usize,
        /// The sequence number that entry carries, when it can be read.
        seq: Option<u64>,
        /// What is wrong.
        problem: Tampering,
    },
    /// A ledger written in a format version this release does not read.
    #[error(
        "ledger line {line} is in format version {found}; this release reads version {supported} only (LEDGER.md)"
    )]
    UnsupportedLedgerVersion {
        /// The 1-based line (or entry) number.
        line: usize,
        /// The version the record says it is.
        found: u64,
        /// The version this release reads.
        supported: u32,
    },
    /// A redacted entry (its record removed, its digest kept) where the record itself is needed.
    #[error(
        "ledger entry {seq} was redacted (its record removed, its digest kept), so it cannot be {what}"
    )]
    RecordRedacted {
        /// The entry's sequence number.
        seq: u64,
        /// What was attempted.
        what: &'static str,
    },
    /// A ledger entry that is not held.
    #[error("ledger entry {seq} is not held in this ledger (it holds entries {first} to {last})")]
    EntryNotHeld {
        /// The sequence number asked for.
        seq: u64,
        /// The first held.
        first: u64,
        /// The last held.
        last: u64,
    },
    /// A replayed entry that the registry would not have accepted.
    #[error("ledger entry {seq} cannot be replayed: {reason}")]
    ReplayRefused {
        /// The entry's sequence number.
        seq: u64,
        /// Why.
        reason: String,
    },
    /// A proof that does not lead to the head it claims.
    #[error(
        "the proof of entry {seq} does not lead to the head {head}: the record or a digest was changed"
    )]
    ProofMismatch {
        /// The entry proved.
        seq: u64,
        /// The head the proof claims.
        head: Head,
    },
    /// An exported entry listed as not yet provable although a head the checker kept covers
    /// it (or listed twice): it should have been proved.
    #[error(
        "ledger entry {seq} is listed as not yet provable, but the heads you kept reach entry \
         {last_kept}: it should have been proved, so the export cannot be trusted"
    )]
    PendingEntryCovered {
        /// The entry listed as pending.
        seq: u64,
        /// The last entry the kept heads reach.
        last_kept: u64,
    },
    /// A ledger that does not start by founding a township.
    #[error("the ledger does not start with the founding of a township, so it cannot be replayed")]
    LedgerNotFounded,
    /// An exported entry whose proof leads to a head the checker did not keep: whoever made the
    /// export can state any head, so the entry is not proved.
    #[error(
        "the proof of ledger entry {seq} leads to head {head}, which is not one of the heads you \
         kept from the daily reports: the entry is not proved"
    )]
    ProofToUnkeptHead {
        /// The entry proved.
        seq: u64,
        /// The head the proof claims.
        head: Head,
    },

    // --- authorization ---
    /// A duty given to someone whose role does not fit it (a volunteer in charge of a village).
    #[error("{staff} cannot be given the duty \"{duty}\": it is for {fits}")]
    DutyDoesNotFitRole {
        /// Who (role, name, id).
        staff: String,
        /// The duty.
        duty: &'static str,
        /// The roles it fits.
        fits: String,
    },
    /// A command dated before the last entry of the ledger: the ledger's instants never
    /// decrease.
    #[error(
        "the command is dated {at}, before the ledger's last entry at {last}: record it with the time it is recorded (a fact's own time, such as a reading's, goes inside the command)"
    )]
    InstantBeforeLedger {
        /// The command's instant.
        at: Instant,
        /// The last entry's instant.
        last: Instant,
    },
    /// The actor is not an enrolled member of staff.
    #[error("{staff} is not an enrolled member of staff: only enrolled staff can record anything")]
    UnknownStaff {
        /// The id given.
        staff: StaffId,
    },
    /// The actor's role may not take the action at all.
    #[error("{actor} may not {action}: only {allowed} may")]
    RoleNotPermitted {
        /// Who tried (role, name, id).
        actor: String,
        /// What they tried.
        action: &'static str,
        /// The roles that may.
        allowed: String,
    },
    /// The action concerns a unit outside the actor's reach: they are assigned neither to it nor
    /// to a unit above it (for what covers the whole township, the unit is the township).
    #[error(
        "{actor} may not {action} in {unit}: that needs an assignment to {unit} or a unit above it, and they are assigned to {assigned}"
    )]
    OutsideAssignedUnits {
        /// Who tried (role, name, id).
        actor: String,
        /// What they tried.
        action: &'static str,
        /// The unit concerned.
        unit: String,
        /// The units assigned to them.
        assigned: String,
    },

    // --- grid and households ---
    /// No such unit.
    #[error("there is no unit {unit} in this registry")]
    UnknownUnit {
        /// The id given.
        unit: UnitId,
    },
    /// No such household.
    #[error("there is no household {household} in this registry")]
    UnknownHousehold {
        /// The id given.
        household: HouseholdId,
    },
    /// No such resident.
    #[error("there is no resident {resident} in this registry")]
    UnknownResident {
        /// The id given.
        resident: ResidentId,
    },
    /// The resident was deregistered and can no longer change.
    #[error("resident {resident} was deregistered; register them again if they have come back")]
    ResidentDeregistered {
        /// The resident.
        resident: ResidentId,
    },
    /// A unit placed under a unit of the wrong kind.
    #[error("a {kind} cannot be placed under {parent}, which is a {parent_kind}")]
    WrongParent {
        /// The new unit's kind.
        kind: &'static str,
        /// The parent given.
        parent: String,
        /// The parent's kind.
        parent_kind: &'static str,
    },
    /// A unit of the wrong kind for the command.
    #[error("{unit} is a {found}; this needs {expected}")]
    WrongUnitKind {
        /// The unit given.
        unit: String,
        /// Its kind.
        found: &'static str,
        /// What was needed.
        expected: &'static str,
    },
    /// A group without a number.
    #[error("a new group of {village} needs its number within the village")]
    GroupNumberMissing {
        /// The village.
        village: String,
    },
    /// A group number already used in the village.
    #[error("{village} already has a group number {number}: {existing}")]
    DuplicateGroupNumber {
        /// The village.
        village: String,
        /// The number.
        number: u16,
        /// The group that has it.
        existing: String,
    },
    /// A number given for a unit that is not a group.
    #[error("only groups are numbered within their village; a {kind} takes no number")]
    NumberOnlyForGroups {
        /// The unit's kind.
        kind: &'static str,
    },
    /// A statistical code already used by another unit.
    #[error("statistical code {code} already belongs to {existing}")]
    DuplicateUnitCode {
        /// The code.
        code: String,
        /// The unit that has it.
        existing: String,
    },
    /// A group that is not in the zone's village.
    #[error("{group} cannot join {zone}: a zone holds groups of its own village only")]
    GroupNotInZoneVillage {
        /// The group.
        group: String,
        /// The zone.
        zone: String,
    },
    /// A group already in another zone.
    #[error("{group} is already in {zone}; a group belongs to one zone")]
    GroupAlreadyZoned {
        /// The group.
        group: String,
        /// Its zone.
        zone: String,
    },
    /// An assignment that already exists.
    #[error("{staff} is already assigned to {unit}")]
    AlreadyAssigned {
        /// Who.
        staff: String,
        /// Where.
        unit: String,
    },
    /// An assignment that does not exist.
    #[error("{staff} is not assigned to {unit}, so the assignment cannot end")]
    NotAssigned {
        /// Who.
        staff: String,
        /// Where.
        unit: String,
    },
    /// Empty required text.
    #[error("{what} is empty")]
    EmptyText {
        /// Which text.
        what: &'static str,
    },
    /// A free text longer than its kind allows ([`limits`](crate::limits)). The text itself
    /// is not repeated: it may be very long, or hold personal data.
    #[error(
        "{what} has {chars} characters, more than the {max} allowed: shorten it to {max} characters or fewer"
    )]
    TextTooLong {
        /// Which text, e.g. "the household's address".
        what: String,
        /// How many characters it has.
        chars: usize,
        /// The most it may have.
        max: usize,
    },
    /// A control character in a free text ([`limits`](crate::limits)): none in names,
    /// addresses and titles; only tabs and line breaks in notes and reasons. The text itself is
    /// not repeated.
    #[error(
        "{what} holds an invisible control character (U+{code:04X}) at character {position}: retype it without that character (only notes and reasons may hold tabs and line breaks)"
    )]
    ControlCharacterInText {
        /// Which text, e.g. "the resident's name".
        what: String,
        /// The character's code point (9 for a tab, 13 for a carriage return).
        code: u32,
        /// Where it is: its position in the text, counting characters from 1.
        position: usize,
    },
    /// A birth date after the day of registration.
    #[error("birth date {birth_date} is after today ({today})")]
    BirthInFuture {
        /// The birth date given.
        birth_date: Day,
        /// The day of the command.
        today: Day,
    },
    /// An identity number that disagrees with the sex or birth date given.
    #[error(
        "identity number {identity} does not agree with the {field} given: check both against the identity card"
    )]
    IdentityDisagrees {
        /// The identity number, masked.
        identity: String,
        /// `"sex"` or `"birth date"`.
        field: &'static str,
    },
    /// An identity number that belongs to another resident.
    #[error("identity number {identity} is already registered for resident {resident}{}", household.map(|h| format!(" of household {h}")).unwrap_or_default())]
    DuplicateIdentity {
        /// The identity number, masked.
        identity: String,
        /// Who has it.
        resident: ResidentId,
        /// Their household.
        household: Option<HouseholdId>,
    },
    /// A second head of household.
    #[error("household {household} already has a head of household, {head}")]
    SecondHead {
        /// The household.
        household: HouseholdId,
        /// Its head.
        head: ResidentId,
    },
    /// A correction that changes nothing.
    #[error("the correction of resident {resident} changes nothing")]
    NothingToCorrect {
        /// The resident.
        resident: ResidentId,
    },
    /// A move to where it already is.
    #[error("{what} is already in {place}")]
    AlreadyThere {
        /// What was to move.
        what: String,
        /// Where it is.
        place: String,
    },

    // --- identity ---
    /// An identity number (居民身份证号码) that has neither 18 characters nor 15 (the length on
    /// first-generation cards).
    #[error(
        "identity number {masked} has {len} characters; a resident identity number has 18 (or 15 on first-generation cards)"
    )]
    IdentityNumberLength {
        /// The number as given, masked (first and last 4 characters kept from 12 characters up).
        masked: String,
        /// How many characters were given, after trimming surrounding whitespace.
        len: usize,
    },
    /// The text given to [`IdentityNumber::check_character`](crate::IdentityNumber::check_character)
    /// is not 17 characters long.
    #[error(
        "{masked} has {len} characters; a check character is computed from exactly the first 17 digits of an identity number"
    )]
    IdentityNumberPrefixLength {
        /// The text as given, masked.
        masked: String,
        /// How many characters were given.
        len: usize,
    },
    /// An identity number with something other than a digit where a digit belongs, or an `X`
    /// anywhere but as the 18th character.
    #[error(
        "identity number {masked} has {found:?} at position {position}; only digits are allowed there, and X only as the 18th character"
    )]
    IdentityNumberCharacter {
        /// The number as given, masked.
        masked: String,
        /// The position of the first wrong character, counting from 1.
        position: usize,
        /// The wrong character.
        found: char,
    },
    /// An identity number whose positions 7 to 14 (the birth date, YYYYMMDD) are not a calendar
    /// date. The digits themselves are personal data and are not repeated.
    #[error("identity number {masked} does not contain a real birth date in positions 7 to 14")]
    IdentityNumberBirthDate {
        /// The number as given, masked.
        masked: String,
    },
    /// An identity number whose last character does not match the ISO 7064 MOD 11-2 check
    /// character of its first 17 digits.
    #[error(
        "identity number {masked} ends in check character {found}, but its first 17 digits give {expected}: one of the digits was probably copied wrong"
    )]
    IdentityNumberCheckDigit {
        /// The number as given, masked.
        masked: String,
        /// The check character the first 17 digits call for.
        expected: char,
        /// The check character given (upper case).
        found: char,
    },
    /// A phone number (联系电话) that is neither a Chinese mobile number nor a landline number
    /// with its area code.
    #[error("phone number {masked} is not valid: {reason}")]
    InvalidPhone {
        /// The number as given, masked (first 3 and last 4 characters kept from 11 characters
        /// up).
        masked: String,
        /// What is wrong, as a sentence fragment a clerk can act on.
        reason: &'static str,
    },

    // --- place and screening ---
    /// A division code (行政区划代码) that is not six digits `PPCCDD` in the GB/T 2260 form.
    #[error("{input:?} is not a division code (行政区划代码): {reason}")]
    InvalidDivisionCode {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
        /// What is wrong with it.
        reason: String,
    },
    /// A statistical division code (统计用区划代码) that is not twelve digits in the NBS form.
    #[error("{input:?} is not a statistical division code (统计用区划代码): {reason}")]
    InvalidStatisticalCode {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
        /// What is wrong with it.
        reason: String,
    },
    /// A user-defined risk level whose name cannot be used.
    #[error("{:?} cannot name a risk level: {reason}", mask_personal_data(.name))]
    InvalidRiskLevel {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A risk-area designation with no basis (the notice or figures it rests on).
    #[error(
        "the designation of {} as a risk area needs a basis: name the notice or the figures it \
         rests on",
        .area.label()
    )]
    EmptyDesignationBasis {
        /// The area to be designated.
        area: DivisionCode,
    },
    /// The register has used up its designation numbers.
    #[error("the risk register cannot number any more designations; start a new register")]
    RiskRegisterFull,
    /// A designation number that is not in the register.
    #[error("there is no risk-area designation {id} in the register")]
    UnknownDesignation {
        /// The number asked for.
        id: DesignationId,
    },
    /// Lifting a designation that was already lifted.
    #[error(
        "designation {id} was already lifted on {lifted}; to put the area at risk again, \
         designate it anew"
    )]
    DesignationAlreadyLifted {
        /// The designation.
        id: DesignationId,
        /// The day it was lifted.
        lifted: Day,
    },
    /// Lifting a designation on a day before it came into force.
    #[error(
        "designation {id} cannot be lifted on {day}, before it came into force on {from}; lift \
         it on {from} or later (lifting it on {from} means it never applied)"
    )]
    LiftBeforeDesignation {
        /// The designation.
        id: DesignationId,
        /// The day it came into force.
        from: Day,
        /// The lift day asked for.
        day: Day,
    },
    /// A proposal that names a designation of another area.
    #[error(
        "the proposal for {} cannot change designation {id}, which is about {}",
        .proposal_area.label(),
        .designation_area.label()
    )]
    ProposalAreaMismatch {
        /// The designation named by the proposal.
        id: DesignationId,
        /// The area of the proposal.
        proposal_area: DivisionCode,
        /// The area of the designation.
        designation_area: DivisionCode,
    },
    /// A stay (逗留) whose last day is before its first.
    #[error("a stay in {} cannot end on {last}, before it starts on {first}", .place.label())]
    StayEndsBeforeItStarts {
        /// The place of the stay.
        place: DivisionCode,
        /// The first day given.
        first: Day,
        /// The last day given.
        last: Day,
    },
    /// A screening interview answering "passed through Wuhan" with no stay or transit there.
    #[error(
        "the resident said they passed through Wuhan, but no stay or transit in Wuhan (420100) \
         is recorded: ask on which days they were there and record it"
    )]
    WuhanAnswerWithoutWuhanTravel,

    // --- screening rounds and interviews ---
    /// No such screening round.
    #[error("there is no screening round {round} in this registry")]
    UnknownRound {
        /// The id given.
        round: RoundId,
    },
    /// A visit or interview before a round opened.
    #[error("screening round {round} opens on {opens}; nothing can be recorded in it on {day}")]
    RoundNotOpen {
        /// The round.
        round: RoundId,
        /// Its first day.
        opens: Day,
        /// The day given.
        day: Day,
    },
    /// A visit or interview after a round closed, or a second closing.
    #[error("screening round {round} closed on {closes}; nothing can be recorded in it on {day}")]
    RoundClosed {
        /// The round.
        round: RoundId,
        /// Its last day.
        closes: Day,
        /// The day given.
        day: Day,
    },
    /// A household outside the round's units.
    #[error("household {household} is in {group}, which screening round {round} does not cover")]
    OutsideRound {
        /// The household.
        household: HouseholdId,
        /// Its group.
        group: String,
        /// The round.
        round: RoundId,
    },
    /// An interview before any screening rule was adopted.
    #[error(
        "no screening rule has been adopted yet, so the interview cannot be judged: a leader must adopt one first"
    )]
    NoScreeningRule,
    /// A confirmed proposal that changes nothing.
    #[error("the proposal for {area} keeps the current level, so there is nothing to record")]
    NothingToConfirm {
        /// The area.
        area: DivisionCode,
    },

    // --- observation ---
    /// Text that is not a temperature in degrees Celsius.
    #[error(
        "{input:?} is not a temperature in degrees Celsius with at most one decimal, such as 37.3"
    )]
    InvalidTemperature {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// A temperature outside the plausible 34.0–43.0 ℃, refused rather than taken for a fever.
    #[error(
        "a temperature of {} ℃ is not plausible for a living person (34.0–43.0 ℃): measure again",
        tenths_text(*.tenths)
    )]
    ImplausibleTemperature {
        /// The reading in tenths of a degree Celsius.
        tenths: i32,
    },
    /// A protocol that cannot be used as it stands.
    #[error("protocol {key:?} cannot be used: {problem}")]
    InvalidProtocol {
        /// The protocol's key.
        key: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A day of exposure after the day it is recorded.
    #[error(
        "the exposure on {day0} is after today, {today}: day 0 is a day that has already happened"
    )]
    ExposureInFuture {
        /// The day of exposure given.
        day0: Day,
        /// The local day of recording.
        today: Day,
    },
    /// Something recorded with a date and time after the moment it is recorded.
    #[error("{what} is dated {at}, after the time it is recorded ({now}): check the date and time")]
    InFuture {
        /// What was recorded, e.g. "a reading".
        what: String,
        /// Its date and time.
        at: Instant,
        /// The time of recording.
        now: Instant,
    },
    /// A test sampled on a day after the day it is recorded.
    #[error("a test sampled on {sampled} is after today, {today}: check the sampling day")]
    TestSampledInFuture {
        /// The sampling day given.
        sampled: Day,
        /// The local day of recording.
        today: Day,
    },
    /// An observation that no longer takes records.
    #[error("this observation is closed ({status}): nothing more can be recorded on it")]
    ObservationClosed {
        /// Where it stands, e.g. "released on 2020-02-04".
        status: String,
    },
    /// A screening rule whose look-back window is zero days or longer than
    /// [`MAX_LOOK_BACK_DAYS`](crate::MAX_LOOK_BACK_DAYS).
    #[error(
        "a look-back window of {days} days cannot be adopted: it must be from 1 to {max} days \
         (the notices look back 14 days, or 7)"
    )]
    LookBackOutOfRange {
        /// The window given, in days.
        days: u32,
        /// The longest allowed.
        max: u32,
    },
    /// An accountability decision against someone who answers for none of its findings.
    #[error(
        "{who} answers for none of findings {findings}: hold accountable the member of staff \
         responsible for a finding or assigned over its unit, or the unit itself or one above it"
    )]
    AccountableNotLinked {
        /// Who was named (a member of staff or a unit, labelled).
        who: String,
        /// The findings, as `F1, F2`.
        findings: String,
    },
    /// A required text (reason, note, name) left empty.
    #[error("{what} is required and was left empty")]
    TextRequired {
        /// What was required, e.g. "the reason for clearing alert 1".
        what: String,
    },
    /// A supply handout listing nothing.
    #[error("a supply handout must list at least one item")]
    EmptyHandout,
    /// An alert number with no alert.
    #[error("there is no alert {number} on this observation")]
    AlertNotFound {
        /// The number given.
        number: u32,
    },
    /// An alert already referred or cleared.
    #[error("alert {number} is already resolved")]
    AlertAlreadyResolved {
        /// Its number.
        number: u32,
    },
    /// A period change to the current last day.
    #[error("the last day under observation is already {last_day}: there is nothing to change")]
    PeriodUnchanged {
        /// The current last day.
        last_day: Day,
    },
    /// A period change to a last day on or before day 0.
    #[error(
        "the last day under observation must come after the exposure on {day0} (day 0); {new_last_day} does not"
    )]
    PeriodTooShort {
        /// Day 0.
        day0: Day,
        /// The last day given.
        new_last_day: Day,
    },
    /// A "new" exposure that is not later than the current day 0.
    #[error(
        "a new exposure on {new_day0} is not later than the current day 0, {current_day0}: only a later exposure restarts the period"
    )]
    ExposureNotLater {
        /// The current day 0.
        current_day0: Day,
        /// The day given.
        new_day0: Day,
    },
    /// A release the rules do not allow, without an override.
    #[error(
        "release on {day} is refused: {reasons}. A health worker may override this with a written reason"
    )]
    ReleaseRefused {
        /// The local day of the attempted release.
        day: Day,
        /// Every reason, as sentences separated by "; ".
        reasons: String,
    },
    /// An override when the rules already allow release.
    #[error("the rules allow release on {day}: release without an override")]
    OverrideNotNeeded {
        /// The day of release.
        day: Day,
    },

    // --- observations in the registry ---
    /// No such observation.
    #[error("there is no observation {observation} in this registry")]
    UnknownObservation {
        /// The id given.
        observation: ObservationId,
    },
    /// A protocol key that is neither adopted nor a preset.
    #[error(
        "there is no observation protocol {key:?}: adopt it first, or use a preset such as \"returnee-jan2020\""
    )]
    UnknownProtocol {
        /// The key given.
        key: String,
    },
    /// A second observation for someone already under observation.
    #[error(
        "resident {resident} is already under observation ({observation}); record a new exposure on it instead"
    )]
    AlreadyUnderObservation {
        /// The resident.
        resident: ResidentId,
        /// Their open observation.
        observation: ObservationId,
    },
    /// A second closing of a screening round.
    #[error("screening round {round} was already closed on {closes}")]
    RoundAlreadyClosed {
        /// The round.
        round: RoundId,
        /// Its closing day.
        closes: Day,
    },
    /// A closing day before the opening day.
    #[error("screening round {round} opened on {opens}, so it cannot close on {closes}")]
    RoundClosesBeforeItOpens {
        /// The round.
        round: RoundId,
        /// Its opening day.
        opens: Day,
        /// The closing day given.
        closes: Day,
    },
    /// An interview whose travel ends after the day of the interview.
    #[error(
        "the interview gives {day} as a day of travel or return, but the interview is on {today}: check the dates"
    )]
    TravelAfterInterview {
        /// The latest day of travel given.
        day: Day,
        /// The day of the interview.
        today: Day,
    },
    /// Something dated before its observation was opened.
    #[error("{what} dated {day} is before the observation was opened on {opened}")]
    BeforeOpening {
        /// What.
        what: &'static str,
        /// Its day.
        day: Day,
        /// The opening day.
        opened: Day,
    },
    /// A protocol adopted under a preset's key.
    #[error("{key:?} is the key of a preset protocol; give your own protocol another key")]
    PresetProtocolKey {
        /// The key.
        key: String,
    },
    /// Deregistering a resident under observation.
    #[error(
        "resident {resident} is under observation ({observation}): a health worker must end, transfer or release it first"
    )]
    StillUnderObservation {
        /// The resident.
        resident: ResidentId,
        /// The observation.
        observation: ObservationId,
    },
    // --- report ---
    /// A report for a unit that does not report.
    #[error(
        "{unit} is not a reporting unit: reports come from the township's own row, its villages and communities, and the groups or zones a leader has added"
    )]
    NotAReportingUnit {
        /// The unit, as labelled.
        unit: String,
    },
    /// Adding a reporting unit that is not a group or zone.
    #[error(
        "{unit} is a {kind}: only groups and zones can be added as reporting units (the township, villages and communities report already)"
    )]
    NotAddableReportingUnit {
        /// The unit, as labelled.
        unit: String,
        /// Its kind.
        kind: &'static str,
        /// Its kind, in Chinese.
        kind_zh: &'static str,
    },
    /// Adding a group or zone that already reports.
    #[error("{unit} is already a reporting unit")]
    AlreadyReportingUnit {
        /// The unit, as labelled.
        unit: String,
    },
    /// A report before a leader has set when reports are required.
    #[error(
        "no report is required for {day} yet: a leader must first set the first day from which reports are required"
    )]
    NoReportingSchedule {
        /// The day reported.
        day: Day,
    },
    /// A report for a day before the first required day.
    #[error("no report is required for {day}: reports are required from {first_day} on")]
    ReportBeforeFirstDay {
        /// The day reported.
        day: Day,
        /// The first day from which reports are required.
        first_day: Day,
    },
    /// A report for a day that has not come yet.
    #[error("{day} has not come yet (today is {today}): report a day on or after it")]
    ReportForFutureDay {
        /// The day reported.
        day: Day,
        /// Today.
        today: Day,
    },
    /// An export could not be written.
    #[error("the {format} export could not be written: {reason}")]
    ExportFailed {
        /// The format (`"csv"`, `"xlsx"`).
        format: &'static str,
        /// What went wrong.
        reason: String,
    },
    // --- gathering ---
    /// A label (kind of restriction, persuasion outcome, …) that is not one of the known names.
    #[error("{input:?} is not a {what}; write one of: {expected}")]
    InvalidGatheringLabel {
        /// What was expected, e.g. "kind of restriction".
        what: &'static str,
        /// The text as given (at most 40 characters).
        input: String,
        /// The accepted names.
        expected: String,
    },
    /// A key for a kind of gathering or venue that is not lower-case letters, digits and hyphens.
    #[error(
        "{input:?} is not a {what}: write a known name (such as \"wedding\" or \"婚礼\") or a key of \
         lower-case letters, digits and hyphens starting with a letter, such as \"village-opera\""
    )]
    InvalidKindKey {
        /// "kind of gathering" or "kind of venue".
        what: &'static str,
        /// The text as given (at most 40 characters).
        input: String,
    },
    /// A kind of gathering neither preset nor defined.
    #[error(
        "there is no kind of gathering {kind:?}: define it first, or use a preset such as \"wedding\""
    )]
    UnknownGatheringKind {
        /// The key given.
        kind: String,
    },
    /// A kind of venue neither preset nor defined.
    #[error(
        "there is no kind of venue {kind:?}: define it first, or use a preset such as \"catering\""
    )]
    UnknownVenueKind {
        /// The key given.
        kind: String,
    },
    /// Defining a kind that is a preset or already defined.
    #[error("the {what} {kind:?} already exists: give a new kind another key")]
    KindAlreadyDefined {
        /// "kind of gathering" or "kind of venue".
        what: &'static str,
        /// The key given.
        kind: String,
    },
    /// An order issued or lifted by someone who is not a leader of the unit. No longer
    /// produced: such an order is refused with [`Error::OutsideAssignedUnits`], by the one reach
    /// rule; kept so that a refusal recorded in an older ledger still reads.
    #[error(
        "{actor} is not a leader of {unit}: only a leader assigned to the unit or a unit above it \
         may issue or lift its orders"
    )]
    NotLeaderOfUnit {
        /// Who tried (role, name, id).
        actor: String,
        /// The unit.
        unit: String,
    },
    /// An order or a planned gathering whose last day is before its first.
    #[error("{what} ends on {last}, before it starts on {first}: check the dates")]
    EndsBeforeStart {
        /// What, e.g. "the order" or "the planned gathering".
        what: &'static str,
        /// The first day given.
        first: Day,
        /// The last day given.
        last: Day,
    },
    /// An order with no rules, or a rule naming no kind, or a closure naming no kind of venue.
    #[error("{what} is empty: name at least one {item}")]
    EmptyOrder {
        /// What is empty, e.g. "rule 2 of the order".
        what: String,
        /// What it must name, e.g. "kind of gathering".
        item: &'static str,
    },
    /// A rule limiting gatherings to zero people or zero days.
    #[error(
        "rule {rule} of the order limits gatherings to 0 {what}: prohibit them instead, or give a limit of at least 1"
    )]
    ZeroLimit {
        /// The rule's number in the order (from 1).
        rule: usize,
        /// "people" or "days".
        what: &'static str,
    },
    /// No such gathering order.
    #[error("there is no gathering order {order} in this registry")]
    UnknownGatheringOrder {
        /// The id given.
        order: GatheringOrderId,
    },
    /// Lifting an order that was already lifted.
    #[error("gathering order {order} was already lifted from {lifted}")]
    OrderAlreadyLifted {
        /// The order.
        order: GatheringOrderId,
        /// Its lift day.
        lifted: Day,
    },
    /// A lift day outside the days the order applies.
    #[error(
        "gathering order {order} applies from {first} through {last}: it cannot be lifted from {day}"
    )]
    LiftOutsideOrder {
        /// The order.
        order: GatheringOrderId,
        /// The lift day given.
        day: Day,
        /// Its first day.
        first: Day,
        /// Its last day ("until lifted" when open-ended).
        last: String,
    },
    /// A planned gathering of nobody.
    #[error("a planned gathering must expect at least 1 person; 0 were given")]
    ZeroAttendance,
    /// A planned gathering whose place lies in no unit of the registry.
    #[error(
        "the planned gathering is to be held at {place}, which is in no unit of this registry: \
         register the household or venue first"
    )]
    GatheringOutsideGrid {
        /// The household or venue given.
        place: String,
    },
    /// No such planned gathering.
    #[error(
        "there is no planned gathering {gathering} in this registry: record the household's report first"
    )]
    UnknownGathering {
        /// The id given.
        gathering: GatheringId,
    },
    /// A persuasion outcome "postponed to" a day not after the planned first day.
    #[error(
        "the gathering was planned to start on {first}: postponing it to {to} is not a postponement"
    )]
    PostponementNotLater {
        /// The planned first day.
        first: Day,
        /// The day given.
        to: Day,
    },
    /// A persuasion outcome "simplified to N people" with N zero or not fewer than expected.
    #[error(
        "simplified to {to} people is not a simplification of a gathering of {expected}: give between 1 and {expected} - 1"
    )]
    NotSimplified {
        /// The number given.
        to: u32,
        /// The attendance expected.
        expected: u32,
    },
    /// No such venue.
    #[error("there is no venue {venue} in the venue register")]
    UnknownVenue {
        /// The id given.
        venue: VenueId,
    },
    /// A violation recorded for a venue that no closure order keeps closed that day.
    #[error("{venue} is not ordered closed on {day}: a venue open on that day is no violation")]
    VenueNotClosed {
        /// How messages name the venue: `"Xiangxinan fruit market (VE66)"`.
        venue: String,
        /// The day.
        day: Day,
    },

    // --- supervision ---
    /// A label (a mode, outcome, form of accountability…) that is not one of its names.
    #[error("{input:?} is not a {what}; write one of: {expected}")]
    UnknownLabel {
        /// What kind of label was expected, e.g. "mode of inspection".
        what: &'static str,
        /// The text as given.
        input: String,
        /// The accepted names, English and Chinese.
        expected: String,
    },
    /// A party probation (留党察看) outside 1 to 24 months.
    #[error(
        "party probation (留党察看) lasts 1 to 24 months (at most two years); {months} months is not allowed"
    )]
    InvalidProbation {
        /// The number of months given.
        months: u32,
    },
    /// An inspection with no checklist item.
    #[error("an inspection must check at least one item of its checklist")]
    EmptyChecklist,
    /// The same checklist item twice in one inspection.
    #[error("checklist item {item:?} appears twice in the inspection: check each item once")]
    DuplicateChecklistItem {
        /// The item.
        item: String,
    },
    /// Records confirmed by the inspector that point the other way from the item's outcome.
    #[error(
        "for {item:?} the records show {shows}, which the inspector confirmed, yet the item is marked {outcome}: mark the evidence contradicted, saying what was seen, or change the outcome"
    )]
    VerdictDisagrees {
        /// The checklist item.
        item: String,
        /// What the records show.
        shows: String,
        /// The outcome given.
        outcome: &'static str,
    },
    /// No such inspection.
    #[error("there is no inspection {inspection} in this registry")]
    UnknownInspection {
        /// The id given.
        inspection: crate::ids::InspectionId,
    },
    /// A finding from a checklist item that the inspection did not check.
    #[error("inspection {inspection} did not check {item:?}, so no finding can come from it")]
    ItemNotOnChecklist {
        /// The inspection.
        inspection: crate::ids::InspectionId,
        /// The item given.
        item: String,
    },
    /// A finding from a checklist item that passed.
    #[error(
        "{item:?} passed in inspection {inspection}, so no finding can come from it: record a stand-alone finding instead"
    )]
    ItemNotFailed {
        /// The inspection.
        inspection: crate::ids::InspectionId,
        /// The item.
        item: String,
    },
    /// A staff member named (as responsible, or as the cadre held accountable) who is not enrolled.
    #[error("there is no member of staff {staff} in this registry to name as {role}")]
    UnknownStaffMember {
        /// The id given.
        staff: StaffId,
        /// In which capacity they were named, e.g. "the person responsible".
        role: &'static str,
    },
    /// A rectification deadline before the day of the finding.
    #[error(
        "the rectification deadline {deadline} is before the day of the finding, {day}: give a deadline on or after {day}"
    )]
    DeadlineBeforeFinding {
        /// The deadline given.
        deadline: Day,
        /// The day of the finding.
        day: Day,
    },
    /// No such finding.
    #[error("there is no finding {finding} in this registry")]
    UnknownFinding {
        /// The id given.
        finding: crate::ids::FindingId,
    },
    /// A second rectification of the same finding.
    #[error("finding {finding} was already rectified on {day}")]
    AlreadyRectified {
        /// The finding.
        finding: crate::ids::FindingId,
        /// The day it was rectified.
        day: Day,
    },
    /// A rectification recorded by someone other than the person responsible or a leader of the
    /// finding's unit.
    #[error(
        "{actor} may not record the rectification of finding {finding}: only {responsible}, who answers for it, or a leader of its unit may"
    )]
    NotResponsibleForFinding {
        /// Who tried (role, name, id).
        actor: String,
        /// The finding.
        finding: crate::ids::FindingId,
        /// Who answers for it (role, name, id).
        responsible: String,
    },
    /// An accountability decision that names no finding.
    #[error("an accountability decision must name at least one finding it rests on")]
    DecisionWithoutFindings,
    /// An accountability decision dated after the day it is recorded.
    #[error("the decision is dated {made}, after today ({today}): check the day it was made")]
    DecisionInFuture {
        /// The day the decision was made, as given.
        made: Day,
        /// The local day of recording.
        today: Day,
    },
    /// An accountability decision dated before a finding it rests on.
    #[error(
        "the decision is dated {made}, before finding {finding} was made on {found}: check the day or the findings"
    )]
    DecisionBeforeFinding {
        /// The finding.
        finding: crate::ids::FindingId,
        /// The day of the finding.
        found: Day,
        /// The day of the decision, as given.
        made: Day,
    },
    /// The registry cannot number any more records of a kind.
    #[error("the registry cannot number any more {what}")]
    TooManyRecords {
        /// What, e.g. "inspections".
        what: &'static str,
    },

    // --- reliability ---
    /// A calendar day outside the days fangkong supports, [`Day::MIN`] to [`Day::MAX`].
    #[error(
        "{input:?} is outside the days fangkong can record: a day must lie from {} to {}",
        Day::MIN,
        Day::MAX
    )]
    DayOutsideRange {
        /// The day as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// An instant outside the instants fangkong records, [`Instant::MIN`] to [`Instant::MAX`].
    #[error(
        "{input:?} is outside the times fangkong can record: a date and time must lie from {} to {}",
        Instant::MIN,
        Instant::MAX
    )]
    InstantOutsideRange {
        /// The instant as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// A UTC offset that is not written `±HH:MM` (or `Z`), less than a day.
    #[error("{input:?} is not a UTC offset written ±HH:MM, such as +08:00")]
    InvalidUtcOffsetText {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// An observation period or follow-on monitoring longer than
    /// [`MAX_PERIOD_DAYS`](crate::observation::MAX_PERIOD_DAYS).
    #[error(
        "{what} of {days} days is longer than {max} days: no observation lasts more than a year, \
         so the number was probably mistyped"
    )]
    PeriodTooLong {
        /// Which period, e.g. "an observation period".
        what: &'static str,
        /// The length given, in days.
        days: i64,
        /// The longest allowed, in days.
        max: u16,
    },

    // --- labels and lenient days (issue 9, part 3) ---
    /// A day written in none of the forms a spreadsheet writes ([`Day::parse_lenient`]).
    #[error(
        "{input:?} is not a day: write it like 2020-01-24, 2020/1/24, 2020-1-24, 2020.1.24, \
         2020年1月24日 or 20200124"
    )]
    InvalidLenientDay {
        /// The text as given (at most 40 characters), masked ([`MaskedText`]).
        input: MaskedText,
    },

    // --- downstream (issue 9): contact reveals and batches ---
    /// A member of staff asked for a resident's full phone or identity number without being
    /// assigned over the resident's group.
    #[error(
        "{actor} is not assigned over {group}, so may not see the full contact details of \
         resident {resident}: ask a worker responsible for the group"
    )]
    NotResponsibleForResident {
        /// Who asked.
        actor: String,
        /// Whose details.
        resident: ResidentId,
        /// The resident's group.
        group: String,
    },
    /// A resident has no phone (or identity number) on record to reveal.
    #[error("resident {resident} has no {field} on record")]
    NoContactOnRecord {
        /// The resident.
        resident: ResidentId,
        /// Which field: "phone" or "identity number".
        field: &'static str,
    },
    /// A batch command depends on what an earlier row of the same batch would have created,
    /// and that row was refused.
    #[error("row {row} of the batch, which this command depends on, was refused: {reason}")]
    DependsOnRefusedRow {
        /// The row depended on (its index in the batch, from 0).
        row: usize,
        /// Why that row was refused.
        reason: String,
    },
    /// A batch command refers to a row that is not an earlier row of the same batch.
    #[error(
        "row {this} of the batch refers to row {row}, which is not an earlier row of the batch"
    )]
    BatchRowNotEarlier {
        /// The row referred to.
        row: usize,
        /// The referring row.
        this: usize,
    },
    /// A batch command refers to a row that created nothing of the kind it needs.
    #[error("row {row} of the batch created no {what}, so it cannot be referred to as one")]
    BatchRowCreatedNone {
        /// The row referred to.
        row: usize,
        /// What was needed ("household", "unit"…).
        what: &'static str,
    },

    // --- roster ---
    /// The duty roster refused (值班排班): a leave inside a cancellation, a shift ending before
    /// it starts, a volunteer without consent, a check-in to a shift the person is not on…
    /// ([`RosterError`](crate::roster::RosterError), with its own codes).
    #[error(transparent)]
    Roster(#[from] crate::roster::RosterError),
}

/// What is wrong with a ledger, at the first entry where something is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Tampering {
    /// The entry's bytes, previous hash or hash were changed after it was written.
    Altered,
    /// Entries are missing before this one (`first..=last` by sequence number).
    Removed {
        /// The first missing sequence number.
        first: u64,
        /// The last missing sequence number.
        last: u64,
    },
    /// This entry's sequence number was already used by an earlier entry.
    Inserted,
    /// This entry stands out of order: it carries sequence number `found`, which belongs later.
    Reordered {
        /// The sequence number found at this position.
        found: u64,
    },
    /// The first entry does not start the chain: entries before it were removed.
    BrokenChain,
    /// The entry was changed and its hash recomputed: the entry after it still names the
    /// original hash.
    Rehashed,
    /// The ledger ends before, or differs at, an anchored head.
    HeadMismatch {
        /// The anchored head.
        expected: Head,
    },
}

impl fmt::Display for Tampering {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tampering::Altered => f.write_str(
                "its contents do not match its hash: it was changed after it was written",
            ),
            Tampering::Removed { first, last } if first == last => {
                write!(f, "entry {first} before it is missing: it was removed")
            }
            Tampering::Removed { first, last } => {
                write!(
                    f,
                    "entries {first} to {last} before it are missing: they were removed"
                )
            }
            Tampering::Inserted => {
                f.write_str("its sequence number was already used: it was inserted or copied")
            }
            Tampering::Reordered { found } => write!(
                f,
                "it carries sequence number {found}, which belongs later: entries were reordered"
            ),
            Tampering::BrokenChain => f.write_str(
                "it does not start the chain: the entries before it were removed",
            ),
            Tampering::Rehashed => f.write_str(
                "it was changed and its hash recomputed: the entry after it still names its original hash",
            ),
            Tampering::HeadMismatch { expected } => write!(
                f,
                "the anchored head says entry {} has hash {}: the ledger was cut or rewritten",
                expected.seq, expected.hash
            ),
        }
    }
}

/// Tenths of a degree as `37.3` (the error's own copy, so the error imports no domain module).
fn tenths_text(tenths: i32) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    format!("{sign}{}.{}", abs / 10, abs % 10)
}

/// A visitor for [`deserialize_parsed`]: takes text, refuses numbers with a masked message.
struct TextVisitor {
    expected: &'static str,
}

impl TextVisitor {
    /// Refuses a number with a message that masks it.
    fn refuse_number<T, E: serde::de::Error>(&self, text: &str) -> Result<T, E> {
        Err(E::invalid_type(
            serde::de::Unexpected::Other(&format!("number {}", mask_personal_data(text))),
            &self.expected,
        ))
    }
}

impl<'de> serde::de::Visitor<'de> for TextVisitor {
    type Value = std::borrow::Cow<'de, str>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Borrowed(v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.refuse_number(&v.to_string())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.refuse_number(&v.to_string())
    }

    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Self::Value, E> {
        self.refuse_number(&v.to_string())
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Self::Value, E> {
        self.refuse_number(&v.to_string())
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.refuse_number(&v.to_string())
    }
}

/// Deserializes a value stored as text through its parser (`FromStr`), so nothing can be
/// deserialized around validation, and so that no error quotes personal data: the parser's
/// errors are masked ([`MaskedText`]), and a number where text belongs is masked too (serde's
/// own message would quote it in full: ``invalid type: integer `13812345678` ``).
///
/// Reads with `deserialize_any`: stored values are JSON.
pub(crate) fn deserialize_parsed<'de, D, T>(d: D, expected: &'static str) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr<Err = Error>,
{
    let text = d.deserialize_any(TextVisitor { expected })?;
    text.parse().map_err(serde::de::Error::custom)
}

/// A visitor for [`deserialize_integer`].
struct IntegerVisitor {
    expected: &'static str,
}

impl IntegerVisitor {
    fn refuse<E: serde::de::Error>(&self, what: &str, text: &str) -> E {
        E::invalid_type(
            serde::de::Unexpected::Other(&format!("{what} {}", mask_personal_data(text))),
            &self.expected,
        )
    }
}

impl<'de> serde::de::Visitor<'de> for IntegerVisitor {
    type Value = i128;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<i128, E> {
        Ok(i128::from(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<i128, E> {
        Ok(i128::from(v))
    }

    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<i128, E> {
        Ok(v)
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<i128, E> {
        i128::try_from(v).map_err(|_| self.refuse("number", &v.to_string()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<i128, E> {
        Err(self.refuse("number", &v.to_string()))
    }

    /// Digits as text are read too: JSON writes the keys of a map as text.
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<i128, E> {
        let digits = v.strip_prefix('-').unwrap_or(v);
        let is_number =
            !digits.is_empty() && digits.len() <= 30 && digits.bytes().all(|b| b.is_ascii_digit());
        if let (true, Ok(n)) = (is_number, v.parse()) {
            return Ok(n);
        }
        Err(self.refuse("text", &format!("{v:?}")))
    }
}

/// Deserializes a whole number stored as a JSON number, refusing anything else with a message
/// that masks it; the caller checks the range with [`out_of_range`].
pub(crate) fn deserialize_integer<'de, D>(d: D, expected: &'static str) -> Result<i128, D::Error>
where
    D: serde::Deserializer<'de>,
{
    d.deserialize_any(IntegerVisitor { expected })
}

/// The error for a stored whole number outside its range, masked.
pub(crate) fn out_of_range<E: serde::de::Error>(n: i128, expected: &'static str) -> E {
    E::invalid_value(
        serde::de::Unexpected::Other(&format!("number {}", mask_personal_data(&n.to_string()))),
        &expected,
    )
}
