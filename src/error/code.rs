//! Stable error codes (错误代码): one per variant of [`Error`], the same in every release.
//!
//! A refusal in the ledger keeps the code of the error that refused it, and replay compares
//! codes, never English text, so that rewording a message never breaks a stored ledger
//! (LEDGER.md, "Error codes").

use super::Error;

/// Gives [`Error::code`] and [`Error::CODES`] from one list: each variant with its code. The
/// match is exhaustive, so a new variant does not compile until it has its code.
macro_rules! codes {
    ($($variant:ident => $code:literal,)*) => {
        impl Error {
            /// The error's stable code: the variant's name in `snake_case`
            /// (`outside_assigned_units` for [`Error::OutsideAssignedUnits`]). Codes never
            /// change once released and are never reused; the ledger keeps them in refusals
            /// ([`Refusal::code`](crate::Refusal::code)).
            ///
            /// ```
            /// use fangkong::{Day, Error};
            /// let err = "2020-02-30".parse::<Day>().unwrap_err();
            /// assert_eq!(err.code(), "invalid_day");
            /// assert!(Error::CODES.contains(&err.code()));
            /// ```
            // `{ .. }` matches every kind of variant; a unit variant does not need it.
            #[allow(clippy::unneeded_struct_pattern)]
            pub fn code(&self) -> &'static str {
                match self {
                    $(Error::$variant { .. } => $code,)*
                    // A module's own error enum gives its own codes.
                    Error::Roster(e) => e.code(),
                }
            }

            /// Every code [`Error::code`] can give, in the order of the variants (a module's
            /// own error enum's codes at the end).
            pub const CODES: &'static [&'static str] = &OWN_AND_MODULES;
        }

        /// The crate's own codes.
        const OWN: &[&str] = &[$($code,)*];
    };
}

/// The crate's own codes, then the roster's ([`crate::roster::RosterError::CODES`]).
const OWN_AND_MODULES: [&str; OWN.len() + crate::roster::RosterError::CODES.len()] =
    concat_codes(OWN, crate::roster::RosterError::CODES);

/// `a` then `b`, as an array (a `const fn`, so [`Error::CODES`] stays a constant).
const fn concat_codes<const N: usize>(a: &[&'static str], b: &[&'static str]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    let mut j = 0;
    while j < b.len() {
        out[i + j] = b[j];
        j += 1;
    }
    out
}

codes! {
    InvalidDay => "invalid_day",
    DayOutOfRange => "day_out_of_range",
    InvalidTimeOfDay => "invalid_time_of_day",
    InvalidInstant => "invalid_instant",
    InvalidUtcOffset => "invalid_utc_offset",
    InvalidId => "invalid_id",
    InvalidHash => "invalid_hash",
    LedgerUnreadable => "ledger_unreadable",
    RecordUnreadable => "record_unreadable",
    LedgerTampered => "ledger_tampered",
    UnsupportedLedgerVersion => "unsupported_ledger_version",
    RecordRedacted => "record_redacted",
    EntryNotHeld => "entry_not_held",
    ReplayRefused => "replay_refused",
    ProofMismatch => "proof_mismatch",
    PendingEntryCovered => "pending_entry_covered",
    LedgerNotFounded => "ledger_not_founded",
    ProofToUnkeptHead => "proof_to_unkept_head",
    DutyDoesNotFitRole => "duty_does_not_fit_role",
    InstantBeforeLedger => "instant_before_ledger",
    UnknownStaff => "unknown_staff",
    RoleNotPermitted => "role_not_permitted",
    OutsideAssignedUnits => "outside_assigned_units",
    UnknownUnit => "unknown_unit",
    UnknownHousehold => "unknown_household",
    UnknownResident => "unknown_resident",
    ResidentDeregistered => "resident_deregistered",
    WrongParent => "wrong_parent",
    WrongUnitKind => "wrong_unit_kind",
    GroupNumberMissing => "group_number_missing",
    DuplicateGroupNumber => "duplicate_group_number",
    NumberOnlyForGroups => "number_only_for_groups",
    DuplicateUnitCode => "duplicate_unit_code",
    GroupNotInZoneVillage => "group_not_in_zone_village",
    GroupAlreadyZoned => "group_already_zoned",
    AlreadyAssigned => "already_assigned",
    NotAssigned => "not_assigned",
    EmptyText => "empty_text",
    TextTooLong => "text_too_long",
    ControlCharacterInText => "control_character_in_text",
    BirthInFuture => "birth_in_future",
    IdentityDisagrees => "identity_disagrees",
    DuplicateIdentity => "duplicate_identity",
    SecondHead => "second_head",
    NothingToCorrect => "nothing_to_correct",
    AlreadyThere => "already_there",
    IdentityNumberLength => "identity_number_length",
    IdentityNumberPrefixLength => "identity_number_prefix_length",
    IdentityNumberCharacter => "identity_number_character",
    IdentityNumberBirthDate => "identity_number_birth_date",
    IdentityNumberCheckDigit => "identity_number_check_digit",
    InvalidPhone => "invalid_phone",
    InvalidDivisionCode => "invalid_division_code",
    InvalidStatisticalCode => "invalid_statistical_code",
    InvalidRiskLevel => "invalid_risk_level",
    EmptyDesignationBasis => "empty_designation_basis",
    RiskRegisterFull => "risk_register_full",
    UnknownDesignation => "unknown_designation",
    DesignationAlreadyLifted => "designation_already_lifted",
    LiftBeforeDesignation => "lift_before_designation",
    ProposalAreaMismatch => "proposal_area_mismatch",
    StayEndsBeforeItStarts => "stay_ends_before_it_starts",
    WuhanAnswerWithoutWuhanTravel => "wuhan_answer_without_wuhan_travel",
    UnknownRound => "unknown_round",
    RoundNotOpen => "round_not_open",
    RoundClosed => "round_closed",
    OutsideRound => "outside_round",
    NoScreeningRule => "no_screening_rule",
    NothingToConfirm => "nothing_to_confirm",
    InvalidTemperature => "invalid_temperature",
    ImplausibleTemperature => "implausible_temperature",
    InvalidProtocol => "invalid_protocol",
    ExposureInFuture => "exposure_in_future",
    InFuture => "in_future",
    TestSampledInFuture => "test_sampled_in_future",
    ObservationClosed => "observation_closed",
    LookBackOutOfRange => "look_back_out_of_range",
    AccountableNotLinked => "accountable_not_linked",
    TextRequired => "text_required",
    EmptyHandout => "empty_handout",
    AlertNotFound => "alert_not_found",
    AlertAlreadyResolved => "alert_already_resolved",
    PeriodUnchanged => "period_unchanged",
    PeriodTooShort => "period_too_short",
    ExposureNotLater => "exposure_not_later",
    ReleaseRefused => "release_refused",
    OverrideNotNeeded => "override_not_needed",
    UnknownObservation => "unknown_observation",
    UnknownProtocol => "unknown_protocol",
    AlreadyUnderObservation => "already_under_observation",
    RoundAlreadyClosed => "round_already_closed",
    RoundClosesBeforeItOpens => "round_closes_before_it_opens",
    TravelAfterInterview => "travel_after_interview",
    BeforeOpening => "before_opening",
    PresetProtocolKey => "preset_protocol_key",
    StillUnderObservation => "still_under_observation",
    NotAReportingUnit => "not_a_reporting_unit",
    NotAddableReportingUnit => "not_addable_reporting_unit",
    AlreadyReportingUnit => "already_reporting_unit",
    NoReportingSchedule => "no_reporting_schedule",
    ReportBeforeFirstDay => "report_before_first_day",
    ReportForFutureDay => "report_for_future_day",
    ExportFailed => "export_failed",
    InvalidGatheringLabel => "invalid_gathering_label",
    InvalidKindKey => "invalid_kind_key",
    UnknownGatheringKind => "unknown_gathering_kind",
    UnknownVenueKind => "unknown_venue_kind",
    KindAlreadyDefined => "kind_already_defined",
    NotLeaderOfUnit => "not_leader_of_unit",
    EndsBeforeStart => "ends_before_start",
    EmptyOrder => "empty_order",
    ZeroLimit => "zero_limit",
    UnknownGatheringOrder => "unknown_gathering_order",
    OrderAlreadyLifted => "order_already_lifted",
    LiftOutsideOrder => "lift_outside_order",
    ZeroAttendance => "zero_attendance",
    GatheringOutsideGrid => "gathering_outside_grid",
    UnknownGathering => "unknown_gathering",
    PostponementNotLater => "postponement_not_later",
    NotSimplified => "not_simplified",
    UnknownVenue => "unknown_venue",
    VenueNotClosed => "venue_not_closed",
    UnknownLabel => "unknown_label",
    InvalidProbation => "invalid_probation",
    EmptyChecklist => "empty_checklist",
    DuplicateChecklistItem => "duplicate_checklist_item",
    VerdictDisagrees => "verdict_disagrees",
    UnknownInspection => "unknown_inspection",
    ItemNotOnChecklist => "item_not_on_checklist",
    ItemNotFailed => "item_not_failed",
    UnknownStaffMember => "unknown_staff_member",
    DeadlineBeforeFinding => "deadline_before_finding",
    UnknownFinding => "unknown_finding",
    AlreadyRectified => "already_rectified",
    NotResponsibleForFinding => "not_responsible_for_finding",
    DecisionWithoutFindings => "decision_without_findings",
    DecisionInFuture => "decision_in_future",
    DecisionBeforeFinding => "decision_before_finding",
    TooManyRecords => "too_many_records",
    DayOutsideRange => "day_outside_range",
    InstantOutsideRange => "instant_outside_range",
    InvalidUtcOffsetText => "invalid_utc_offset_text",
    PeriodTooLong => "period_too_long",
    InvalidLenientDay => "invalid_lenient_day",
    NotResponsibleForResident => "not_responsible_for_resident",
    NoContactOnRecord => "no_contact_on_record",
    DependsOnRefusedRow => "depends_on_refused_row",
    BatchRowNotEarlier => "batch_row_not_earlier",
    BatchRowCreatedNone => "batch_row_created_none",
}

/// The codes a refusal can never carry: they come from reading or checking a ledger, never from
/// deciding a command.
const LEDGER_ONLY: &[&str] = &[
    "pending_entry_covered",
    "proof_to_unkept_head",
    "invalid_hash",
    "ledger_unreadable",
    "record_unreadable",
    "ledger_tampered",
    "unsupported_ledger_version",
    "record_redacted",
    "entry_not_held",
    "replay_refused",
    "proof_mismatch",
    "ledger_not_founded",
    "export_failed",
];

/// The codes only a row of a batch gets, when the row it names was refused, is not earlier, or
/// created nothing of the kind ([`Registry::execute_all`](crate::Registry::execute_all)).
pub(crate) const BATCH_ONLY: &[&str] = &[
    "depends_on_refused_row",
    "batch_row_not_earlier",
    "batch_row_created_none",
];

/// The codes only some modules' commands give, with those modules (drawn from where each
/// module's decisions construct them; a screening interview also decides the observation it
/// opens). Every other code not in [`LEDGER_ONLY`] or [`BATCH_ONLY`] can come from any command:
/// authorization, reach, unknown units and people, text and calendar checks.
const OWNED: &[(&str, &[&str])] = &[
    ("day_out_of_range", &["observation", "screening"]),
    ("invalid_time_of_day", &["observation", "screening"]),
    ("duty_does_not_fit_role", &["grid"]),
    ("wrong_parent", &["grid"]),
    ("wrong_unit_kind", &["grid"]),
    ("group_number_missing", &["grid"]),
    ("duplicate_group_number", &["grid"]),
    ("number_only_for_groups", &["grid"]),
    ("duplicate_unit_code", &["grid"]),
    ("group_not_in_zone_village", &["grid"]),
    ("group_already_zoned", &["grid"]),
    ("already_assigned", &["grid"]),
    ("not_assigned", &["grid"]),
    ("birth_in_future", &["grid"]),
    ("identity_disagrees", &["grid"]),
    ("duplicate_identity", &["grid"]),
    ("second_head", &["grid"]),
    ("nothing_to_correct", &["grid"]),
    ("already_there", &["grid"]),
    ("invalid_risk_level", &["screening"]),
    ("empty_designation_basis", &["screening"]),
    ("risk_register_full", &["screening"]),
    ("unknown_designation", &["screening"]),
    ("designation_already_lifted", &["screening"]),
    ("lift_before_designation", &["screening"]),
    ("proposal_area_mismatch", &["screening"]),
    ("stay_ends_before_it_starts", &["screening"]),
    ("wuhan_answer_without_wuhan_travel", &["screening"]),
    ("unknown_round", &["screening"]),
    ("round_not_open", &["screening"]),
    ("round_closed", &["screening"]),
    ("outside_round", &["screening"]),
    ("no_screening_rule", &["screening"]),
    ("nothing_to_confirm", &["screening"]),
    ("invalid_temperature", &["observation", "screening"]),
    ("implausible_temperature", &["observation", "screening"]),
    ("invalid_protocol", &["observation", "screening"]),
    ("exposure_in_future", &["observation", "screening"]),
    ("in_future", &["observation", "screening", "supervision"]),
    ("test_sampled_in_future", &["observation", "screening"]),
    ("observation_closed", &["observation", "screening"]),
    ("look_back_out_of_range", &["screening"]),
    ("accountable_not_linked", &["supervision"]),
    (
        "text_required",
        &[
            "gathering",
            "observation",
            "screening",
            "supervision",
            "roster",
        ],
    ),
    ("empty_handout", &["observation", "screening"]),
    ("alert_not_found", &["observation", "screening"]),
    ("alert_already_resolved", &["observation", "screening"]),
    ("period_unchanged", &["observation", "screening"]),
    ("period_too_short", &["observation", "screening"]),
    ("exposure_not_later", &["observation", "screening"]),
    ("release_refused", &["observation", "screening"]),
    ("override_not_needed", &["observation", "screening"]),
    ("unknown_observation", &["observation", "screening"]),
    ("unknown_protocol", &["observation", "screening"]),
    ("already_under_observation", &["observation", "screening"]),
    ("round_already_closed", &["screening"]),
    ("round_closes_before_it_opens", &["screening"]),
    ("travel_after_interview", &["screening"]),
    ("before_opening", &["observation", "screening"]),
    ("preset_protocol_key", &["observation", "screening"]),
    ("still_under_observation", &["grid"]),
    ("not_a_reporting_unit", &["report"]),
    ("not_addable_reporting_unit", &["report"]),
    ("already_reporting_unit", &["report"]),
    ("no_reporting_schedule", &["report"]),
    ("report_before_first_day", &["report"]),
    ("report_for_future_day", &["report"]),
    ("invalid_gathering_label", &["gathering"]),
    ("invalid_kind_key", &["gathering"]),
    ("unknown_gathering_kind", &["gathering"]),
    ("unknown_venue_kind", &["gathering"]),
    ("kind_already_defined", &["gathering"]),
    ("ends_before_start", &["gathering"]),
    ("empty_order", &["gathering"]),
    ("zero_limit", &["gathering"]),
    ("unknown_gathering_order", &["gathering"]),
    ("order_already_lifted", &["gathering"]),
    ("lift_outside_order", &["gathering"]),
    ("zero_attendance", &["gathering"]),
    ("gathering_outside_grid", &["gathering"]),
    ("unknown_gathering", &["gathering"]),
    ("postponement_not_later", &["gathering"]),
    ("not_simplified", &["gathering"]),
    ("unknown_venue", &["gathering"]),
    ("venue_not_closed", &["gathering"]),
    ("unknown_label", &["supervision"]),
    ("invalid_probation", &["supervision"]),
    ("empty_checklist", &["supervision"]),
    ("duplicate_checklist_item", &["supervision"]),
    ("verdict_disagrees", &["supervision"]),
    ("unknown_inspection", &["supervision"]),
    ("item_not_on_checklist", &["supervision"]),
    ("item_not_failed", &["supervision"]),
    ("unknown_staff_member", &["supervision"]),
    ("deadline_before_finding", &["supervision"]),
    ("unknown_finding", &["supervision"]),
    ("already_rectified", &["supervision"]),
    ("not_responsible_for_finding", &["supervision"]),
    ("decision_without_findings", &["supervision"]),
    ("decision_in_future", &["supervision"]),
    ("decision_before_finding", &["supervision"]),
    ("too_many_records", &["supervision", "roster"]),
    ("period_too_long", &["observation", "screening"]),
    ("not_responsible_for_resident", &["grid"]),
    ("no_contact_on_record", &["grid"]),
];

/// Whether a refused command of `module` (the attempt's outer key: `grid`, `screening`, …) can
/// carry `code`. Replay uses it for a refusal whose attempt no longer rebuilds as a command.
pub(crate) fn possible_for(module: &str, code: &str) -> bool {
    if !Error::CODES.contains(&code) || LEDGER_ONLY.contains(&code) || BATCH_ONLY.contains(&code) {
        return false;
    }
    if crate::roster::RosterError::CODES.contains(&code) {
        // The roster's own codes; an inspection of a post is checked against the roster too.
        return module == "roster"
            || (module == "supervision" && matches!(code, "unknown_post" | "post_not_in_unit"));
    }
    match OWNED.iter().find(|(c, _)| *c == code) {
        Some((_, modules)) => modules.contains(&module),
        None => true,
    }
}
