//! Stable error codes (错误代码): one per failure, the same in every release.
//!
//! A refusal in the ledger keeps the code of the error that refused it, and replay compares
//! codes, never English text, so that rewording a message never breaks a stored ledger
//! (LEDGER.md, "Error codes"). Each nested error enum gives its own codes
//! ([`error_codes!`](crate::value_error::error_codes)); [`Error::code`] delegates to them, and
//! [`Error::CODES`] is every nested enum's codes followed by the codes of `Error`'s own
//! variants. The split of the one error into nested enums changed no code
//! (`tests/errors.rs` pins the full list).

use super::Error;
use crate::disinfection::DisinfectionError;
use crate::gathering::GatheringError;
use crate::grid::GridError;
use crate::ledger::LedgerError;
use crate::ledger::merkle::ProofError;
use crate::observation::ObservationError;
use crate::publicity::PublicityError;
use crate::report::ReportError;
use crate::roster::RosterError;
use crate::screening::ScreeningError;
use crate::supervision::SupervisionError;
use crate::supplies::SuppliesError;
use crate::value_error::ValueError;

/// The codes of `Error`'s own variants (those that cross modules), in their order.
const OWN: &[&str] = &[
    "replay_refused",
    "instant_before_ledger",
    "unknown_staff",
    "role_not_permitted",
    "outside_assigned_units",
    "in_future",
    "text_required",
    "depends_on_refused_row",
    "batch_row_not_earlier",
    "batch_row_created_none",
];

/// Every part of [`Error::CODES`]: each nested enum's codes, then `Error`'s own.
const PARTS: &[&[&str]] = &[
    ValueError::CODES,
    LedgerError::CODES,
    GridError::CODES,
    ScreeningError::CODES,
    ObservationError::CODES,
    GatheringError::CODES,
    SupervisionError::CODES,
    ReportError::CODES,
    ProofError::CODES,
    PublicityError::CODES,
    RosterError::CODES,
    DisinfectionError::CODES,
    SuppliesError::CODES,
    OWN,
];

/// How many codes there are in all.
const COUNT: usize = {
    let (mut n, mut i) = (0, 0);
    while i < PARTS.len() {
        n += PARTS[i].len();
        i += 1;
    }
    n
};

/// [`PARTS`] joined into one array.
const ALL: [&str; COUNT] = {
    let mut out = [""; COUNT];
    let (mut n, mut i) = (0, 0);
    while i < PARTS.len() {
        let mut j = 0;
        while j < PARTS[i].len() {
            out[n] = PARTS[i][j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    out
};

/// How many variants `Error` has: one per nested enum, and its own. A test keeps it at most
/// 30 (issue 19).
pub const VARIANTS: usize = PARTS.len() - 1 + OWN.len();

impl Error {
    /// The error's stable code: the failure's name in `snake_case`
    /// (`outside_assigned_units` for [`Error::OutsideAssignedUnits`], `unknown_unit` for
    /// [`GridError::UnknownUnit`]). A wrapped error gives its own code (the nested enum's
    /// `code()`). Codes never change once released and are never reused; the ledger keeps
    /// them in refusals ([`Refusal::code`](crate::Refusal::code)).
    ///
    /// ```
    /// use fangkong::{Day, Error};
    /// let err = "2020-02-30".parse::<Day>().unwrap_err();
    /// assert_eq!(err.code(), "invalid_day");
    /// assert!(Error::CODES.contains(&err.code()));
    /// assert_eq!(Error::from(err).code(), "invalid_day");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Value(e) => e.code(),
            Error::Ledger(e) => e.code(),
            Error::Grid(e) => e.code(),
            Error::Screening(e) => e.code(),
            Error::Observation(e) => e.code(),
            Error::Gathering(e) => e.code(),
            Error::Supervision(e) => e.code(),
            Error::Report(e) => e.code(),
            Error::Proof(e) => e.code(),
            Error::Publicity(e) => e.code(),
            Error::Roster(e) => e.code(),
            Error::Disinfection(e) => e.code(),
            Error::Supplies(e) => e.code(),
            Error::ReplayRefused { .. } => "replay_refused",
            Error::InstantBeforeLedger { .. } => "instant_before_ledger",
            Error::UnknownStaff { .. } => "unknown_staff",
            Error::RoleNotPermitted { .. } => "role_not_permitted",
            Error::OutsideAssignedUnits { .. } => "outside_assigned_units",
            Error::InFuture { .. } => "in_future",
            Error::TextRequired { .. } => "text_required",
            Error::DependsOnRefusedRow { .. } => "depends_on_refused_row",
            Error::BatchRowNotEarlier { .. } => "batch_row_not_earlier",
            Error::BatchRowCreatedNone { .. } => "batch_row_created_none",
        }
    }

    /// Every code [`Error::code`] can give: each nested enum's, then `Error`'s own.
    pub const CODES: &'static [&'static str] = &ALL;

    /// How many variants `Error` has (one per nested enum, and its own that cross modules).
    pub const VARIANT_COUNT: usize = VARIANTS;
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
    // issue 23: reading files and checking heads, rolling up and adding counts: never a
    // command's refusal
    "ledger_cut",
    "invalid_kept_head",
    "kept_heads_unreadable",
    "kept_head_not_extended",
    "rollup_other_day",
    "rollup_township_twice",
    "counts_of_other_span",
    "no_counts_to_add",
    "invalid_counts",
    "counts_too_large",
    // a risk register read from a file
    "duplicate_designation",
    // a finding read from a file
    "rectified_before_finding",
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
            "disinfection",
            "publicity",
            "roster",
            "screening",
            "supervision",
            "supplies",
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
    ("invalid_kind_key", &["gathering", "publicity"]),
    ("unknown_gathering_kind", &["gathering"]),
    ("unknown_venue_kind", &["gathering"]),
    ("kind_already_defined", &["gathering", "publicity"]),
    ("ends_before_start", &["gathering", "publicity"]),
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
    (
        "too_many_records",
        &[
            "disinfection",
            // a hand-out numbers the stock movements it issues
            "observation",
            "publicity",
            "roster",
            "supervision",
            "supplies",
        ],
    ),
    ("period_too_long", &["observation", "screening"]),
    ("not_responsible_for_resident", &["grid"]),
    ("no_contact_on_record", &["grid"]),
    ("unknown_publicity_kind", &["publicity"]),
    ("publicity_kind_inconsistent", &["publicity"]),
    ("publicity_form_mismatch", &["publicity"]),
    ("unknown_campaign", &["publicity"]),
    ("campaign_already_ended", &["publicity"]),
    ("action_outside_campaign", &["publicity"]),
    ("campaign_ends_before_action", &["publicity"]),
    ("not_within_unit", &["publicity"]),
    ("nothing_listed", &["publicity"]),
    ("listed_twice", &["publicity"]),
    ("zero_count", &["publicity"]),
    ("span_ends_before_start", &["publicity"]),
    ("span_too_long", &["publicity"]),
    ("action_in_future", &["publicity"]),
    ("action_starts_in_future", &["publicity"]),
    // The supplies ledger's own; an observation's hand-out draws from a store too.
    ("insufficient_stock", &["observation", "supplies"]),
    ("quantity_out_of_range", &["observation", "supplies"]),
    ("zero_adjustment", &["supplies"]),
    ("unknown_store", &["observation", "supplies"]),
    ("unknown_lot", &["supplies"]),
    ("unknown_item", &["supplies"]),
    ("unknown_donation", &["supplies"]),
    ("lot_not_in_store", &["supplies"]),
    ("donation_overspent", &["supplies"]),
    ("donation_not_money", &["supplies"]),
    ("transfer_to_same_store", &["supplies"]),
    ("invalid_item_key", &["supplies"]),
    ("item_already_defined", &["supplies"]),
    ("handout_through_observation", &["supplies"]),
    ("no_township_store", &["observation", "supplies"]),
    ("no_supplies_ledger", &["observation", "supplies"]),
    ("empty_issue", &["supplies"]),
];

/// Whether a refused command of `module` (the attempt's outer key: `grid`, `screening`, …) can
/// carry `code`. Replay uses it for a refusal whose attempt no longer rebuilds as a command.
pub(crate) fn possible_for(module: &str, code: &str) -> bool {
    if !Error::CODES.contains(&code)
        || LEDGER_ONLY.contains(&code)
        || BATCH_ONLY.contains(&code)
        || ProofError::CODES.contains(&code)
    {
        return false;
    }
    if crate::roster::RosterError::CODES.contains(&code) {
        // The roster's own codes; an inspection of a post is checked against the roster too.
        return module == "roster"
            || (module == "supervision" && matches!(code, "unknown_post" | "post_not_in_unit"));
    }
    if DisinfectionError::CODES.contains(&code) {
        // The module's own codes come from its commands, and an issue of supplies to an
        // unknown disinfection site is refused with the module's `unknown_site`.
        return module == "disinfection" || (module == "supplies" && code == "unknown_site");
    }
    match OWNED.iter().find(|(c, _)| *c == code) {
        Some((_, modules)) => modules.contains(&module),
        None => true,
    }
}
