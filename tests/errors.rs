//! Errors by module (issue 19): every failure keeps its code and its English message after the
//! split of the one error enum into one enum per module; every error renders in Chinese
//! without English words; `Error` stays short.
//!
//! The Chinese check is a heuristic: after removing what may stay as it is (quoted input in
//! “…” or "…", ids such as `U7` or `R12`, days and instants, codes and formats in the allow list
//! below), no run of three or more ASCII letters may remain, and the text holds at least one
//! CJK character.

use fangkong::LedgerError;
use fangkong::ValueError;
use fangkong::gathering::GatheringError;
use fangkong::gathering::{GatheringId, GatheringOrderId, VenueId};
use fangkong::grid::GridError;
use fangkong::ledger::Tampering;
use fangkong::observation::ObservationError;
use fangkong::observation::ObservationId;
use fangkong::report::ReportError;
use fangkong::screening::ScreeningError;
use fangkong::screening::{DesignationId, RoundId};
use fangkong::supervision::SupervisionError;
use fangkong::supervision::{FindingId, InspectionId};
use fangkong::*;

/// `Error::CODES` on main before the split (printed there, in the order of the old variants).
const CODES_BEFORE: &[&str] = &[
    "invalid_day",
    "day_out_of_range",
    "invalid_time_of_day",
    "invalid_instant",
    "invalid_utc_offset",
    "invalid_id",
    "invalid_hash",
    "ledger_unreadable",
    "record_unreadable",
    "ledger_tampered",
    "unsupported_ledger_version",
    "record_redacted",
    "entry_not_held",
    "replay_refused",
    "proof_mismatch",
    "pending_entry_covered",
    "ledger_not_founded",
    "proof_to_unkept_head",
    "duty_does_not_fit_role",
    "instant_before_ledger",
    "unknown_staff",
    "role_not_permitted",
    "outside_assigned_units",
    "unknown_unit",
    "unknown_household",
    "unknown_resident",
    "resident_deregistered",
    "wrong_parent",
    "wrong_unit_kind",
    "group_number_missing",
    "duplicate_group_number",
    "number_only_for_groups",
    "duplicate_unit_code",
    "group_not_in_zone_village",
    "group_already_zoned",
    "already_assigned",
    "not_assigned",
    "empty_text",
    "text_too_long",
    "control_character_in_text",
    "birth_in_future",
    "identity_disagrees",
    "duplicate_identity",
    "second_head",
    "nothing_to_correct",
    "already_there",
    "identity_number_length",
    "identity_number_prefix_length",
    "identity_number_character",
    "identity_number_birth_date",
    "identity_number_check_digit",
    "invalid_phone",
    "invalid_division_code",
    "invalid_statistical_code",
    "invalid_risk_level",
    "empty_designation_basis",
    "risk_register_full",
    "unknown_designation",
    "designation_already_lifted",
    "lift_before_designation",
    "proposal_area_mismatch",
    "stay_ends_before_it_starts",
    "wuhan_answer_without_wuhan_travel",
    "unknown_round",
    "round_not_open",
    "round_closed",
    "outside_round",
    "no_screening_rule",
    "nothing_to_confirm",
    "invalid_temperature",
    "implausible_temperature",
    "invalid_protocol",
    "exposure_in_future",
    "in_future",
    "test_sampled_in_future",
    "observation_closed",
    "look_back_out_of_range",
    "accountable_not_linked",
    "text_required",
    "empty_handout",
    "alert_not_found",
    "alert_already_resolved",
    "period_unchanged",
    "period_too_short",
    "exposure_not_later",
    "release_refused",
    "override_not_needed",
    "unknown_observation",
    "unknown_protocol",
    "already_under_observation",
    "round_already_closed",
    "round_closes_before_it_opens",
    "travel_after_interview",
    "before_opening",
    "preset_protocol_key",
    "still_under_observation",
    "not_a_reporting_unit",
    "not_addable_reporting_unit",
    "already_reporting_unit",
    "no_reporting_schedule",
    "report_before_first_day",
    "report_for_future_day",
    "export_failed",
    "invalid_gathering_label",
    "invalid_kind_key",
    "unknown_gathering_kind",
    "unknown_venue_kind",
    "kind_already_defined",
    "not_leader_of_unit",
    "ends_before_start",
    "empty_order",
    "zero_limit",
    "unknown_gathering_order",
    "order_already_lifted",
    "lift_outside_order",
    "zero_attendance",
    "gathering_outside_grid",
    "unknown_gathering",
    "postponement_not_later",
    "not_simplified",
    "unknown_venue",
    "venue_not_closed",
    "unknown_label",
    "invalid_probation",
    "empty_checklist",
    "duplicate_checklist_item",
    "verdict_disagrees",
    "unknown_inspection",
    "item_not_on_checklist",
    "item_not_failed",
    "unknown_staff_member",
    "deadline_before_finding",
    "unknown_finding",
    "already_rectified",
    "not_responsible_for_finding",
    "decision_without_findings",
    "decision_in_future",
    "decision_before_finding",
    "too_many_records",
    "day_outside_range",
    "instant_outside_range",
    "invalid_utc_offset_text",
    "period_too_long",
    "invalid_lenient_day",
    "not_responsible_for_resident",
    "no_contact_on_record",
    "depends_on_refused_row",
    "batch_row_not_earlier",
    "batch_row_created_none",
];

/// (code, English message) of every instance of [`all_errors`], printed on main before the split.
const ENGLISH_BEFORE: &[(&str, &str)] = &[
    (
        "invalid_day",
        "\"138****5678 x\" is not a calendar day written YYYY-MM-DD, such as 2020-01-24",
    ),
    (
        "day_out_of_range",
        "3 days from 2020-01-24 lies outside the supported calendar",
    ),
    (
        "invalid_time_of_day",
        "\"138****5678 x\" is not a time of day written HH:MM, such as 06:30",
    ),
    (
        "invalid_instant",
        "\"138****5678 x\" is not a date and time with a UTC offset, such as 2020-01-24T08:30:00+08:00",
    ),
    (
        "invalid_utc_offset",
        "a UTC offset of 3 seconds is not a time zone; it must be a whole number of minutes, less than a day",
    ),
    (
        "invalid_id",
        "\"138****5678 x\" is not a resident identifier; write it like R12",
    ),
    (
        "invalid_hash",
        "\"138****5678 x\" is not a SHA-256 hash of 64 hexadecimal digits",
    ),
    (
        "ledger_unreadable",
        "ledger line 3 cannot be read: line 1: expected value",
    ),
    (
        "record_unreadable",
        "a ledger record cannot be read: line 1: expected value",
    ),
    (
        "ledger_tampered",
        "the ledger was tampered with at entry 3 (sequence number 4): entries 2 to 3 before it are missing: they were removed",
    ),
    (
        "unsupported_ledger_version",
        "ledger line 3 is in format version 3; this release reads version 3 only (LEDGER.md)",
    ),
    (
        "record_redacted",
        "ledger entry 3 was redacted (its record removed, its digest kept), so it cannot be resident",
    ),
    (
        "entry_not_held",
        "ledger entry 3 is not held in this ledger (it holds entries 3 to 3)",
    ),
    (
        "replay_refused",
        "ledger entry 3 cannot be replayed: line 1: expected value",
    ),
    (
        "proof_mismatch",
        "the proof of entry 3 does not lead to the head entry 9 with hash 0000000000000000000000000000000000000000000000000000000000000000: the record or a digest was changed",
    ),
    (
        "pending_entry_covered",
        "ledger entry 3 is listed as not yet provable, but the heads you kept reach entry 3: it should have been proved, so the export cannot be trusted",
    ),
    (
        "ledger_not_founded",
        "the ledger does not start with the founding of a township, so it cannot be replayed",
    ),
    (
        "proof_to_unkept_head",
        "the proof of ledger entry 3 leads to head entry 9 with hash 0000000000000000000000000000000000000000000000000000000000000000, which is not one of the heads you kept from the daily reports: the entry is not proved",
    ),
    (
        "duty_does_not_fit_role",
        "grid worker Wang Fang (S3) cannot be given the duty \"in charge\": it is for leader, cadre",
    ),
    (
        "instant_before_ledger",
        "the command is dated 2020-01-24T08:30:00+08:00, before the ledger's last entry at 2020-01-24T08:30:00+08:00: record it with the time it is recorded (a fact's own time, such as a reading's, goes inside the command)",
    ),
    (
        "unknown_staff",
        "S7 is not an enrolled member of staff: only enrolled staff can record anything",
    ),
    (
        "role_not_permitted",
        "grid worker Wang Fang (S3) may not register a household: only leader, cadre may",
    ),
    (
        "outside_assigned_units",
        "grid worker Wang Fang (S3) may not register a household in Xiangxi village (U2): that needs an assignment to Xiangxi village (U2) or a unit above it, and they are assigned to Xiangxi village (U2)",
    ),
    ("unknown_unit", "there is no unit U7 in this registry"),
    (
        "unknown_household",
        "there is no household H7 in this registry",
    ),
    (
        "unknown_resident",
        "there is no resident R7 in this registry",
    ),
    (
        "resident_deregistered",
        "resident R7 was deregistered; register them again if they have come back",
    ),
    (
        "wrong_parent",
        "a group cannot be placed under Xiangxi village (U2), which is a township",
    ),
    (
        "wrong_unit_kind",
        "Xiangxi village (U2) is a village; this needs a village",
    ),
    (
        "group_number_missing",
        "a new group of Xiangxi village (U2) needs its number within the village",
    ),
    (
        "duplicate_group_number",
        "Xiangxi village (U2) already has a group number 3: group 3 of Xiangxi village (U4)",
    ),
    (
        "number_only_for_groups",
        "only groups are numbered within their village; a group takes no number",
    ),
    (
        "duplicate_unit_code",
        "statistical code 430521101201 already belongs to group 3 of Xiangxi village (U4)",
    ),
    (
        "group_not_in_zone_village",
        "group 3 (U4) cannot join zone 1 (U5): a zone holds groups of its own village only",
    ),
    (
        "group_already_zoned",
        "group 3 (U4) is already in zone 1 (U5); a group belongs to one zone",
    ),
    (
        "already_assigned",
        "grid worker Wang Fang (S3) is already assigned to Xiangxi village (U2)",
    ),
    (
        "not_assigned",
        "grid worker Wang Fang (S3) is not assigned to Xiangxi village (U2), so the assignment cannot end",
    ),
    ("empty_text", "resident is empty"),
    (
        "text_too_long",
        "the reason has 3 characters, more than the 3 allowed: shorten it to 3 characters or fewer",
    ),
    (
        "control_character_in_text",
        "the reason holds an invisible control character (U+0003) at character 3: retype it without that character (only notes and reasons may hold tabs and line breaks)",
    ),
    (
        "birth_in_future",
        "birth date 2020-01-24 is after today (2020-01-24)",
    ),
    (
        "identity_disagrees",
        "identity number 1101**********002X does not agree with the phone given: check both against the identity card",
    ),
    (
        "duplicate_identity",
        "identity number 1101**********002X is already registered for resident R7 of household H5",
    ),
    (
        "second_head",
        "household H7 already has a head of household, R7",
    ),
    (
        "nothing_to_correct",
        "the correction of resident R7 changes nothing",
    ),
    ("already_there", "the reason is already in household H12"),
    (
        "identity_number_length",
        "identity number 1101**********002X has 3 characters; a resident identity number has 18 (or 15 on first-generation cards)",
    ),
    (
        "identity_number_prefix_length",
        "1101**********002X has 3 characters; a check character is computed from exactly the first 17 digits of an identity number",
    ),
    (
        "identity_number_character",
        "identity number 1101**********002X has 'Y' at position 3; only digits are allowed there, and X only as the 18th character",
    ),
    (
        "identity_number_birth_date",
        "identity number 1101**********002X does not contain a real birth date in positions 7 to 14",
    ),
    (
        "identity_number_check_digit",
        "identity number 1101**********002X ends in check character Y, but its first 17 digits give Y: one of the digits was probably copied wrong",
    ),
    (
        "invalid_phone",
        "phone number 1101**********002X is not valid: it contains no digits",
    ),
    (
        "invalid_division_code",
        "\"138****5678 x\" is not a division code (行政区划代码): line 1: expected value",
    ),
    (
        "invalid_statistical_code",
        "\"138****5678 x\" is not a statistical division code (统计用区划代码): line 1: expected value",
    ),
    (
        "invalid_risk_level",
        "\"very high\" cannot name a risk level: line 1: expected value",
    ),
    (
        "empty_designation_basis",
        "the designation of Wuhan (420100) as a risk area needs a basis: name the notice or the figures it rests on",
    ),
    (
        "risk_register_full",
        "the risk register cannot number any more designations; start a new register",
    ),
    (
        "unknown_designation",
        "there is no risk-area designation 7 in the register",
    ),
    (
        "designation_already_lifted",
        "designation 7 was already lifted on 2020-01-24; to put the area at risk again, designate it anew",
    ),
    (
        "lift_before_designation",
        "designation 7 cannot be lifted on 2020-01-24, before it came into force on 2020-01-24; lift it on 2020-01-24 or later (lifting it on 2020-01-24 means it never applied)",
    ),
    (
        "proposal_area_mismatch",
        "the proposal for Wuhan (420100) cannot change designation 7, which is about Wuhan (420100)",
    ),
    (
        "stay_ends_before_it_starts",
        "a stay in Wuhan (420100) cannot end on 2020-01-24, before it starts on 2020-01-24",
    ),
    (
        "wuhan_answer_without_wuhan_travel",
        "the resident said they passed through Wuhan, but no stay or transit in Wuhan (420100) is recorded: ask on which days they were there and record it",
    ),
    (
        "unknown_round",
        "there is no screening round SR7 in this registry",
    ),
    (
        "round_not_open",
        "screening round SR7 opens on 2020-01-24; nothing can be recorded in it on 2020-01-24",
    ),
    (
        "round_closed",
        "screening round SR7 closed on 2020-01-24; nothing can be recorded in it on 2020-01-24",
    ),
    (
        "outside_round",
        "household H7 is in group 3 (U4), which screening round SR7 does not cover",
    ),
    (
        "no_screening_rule",
        "no screening rule has been adopted yet, so the interview cannot be judged: a leader must adopt one first",
    ),
    (
        "nothing_to_confirm",
        "the proposal for 420100 keeps the current level, so there is nothing to record",
    ),
    (
        "invalid_temperature",
        "\"138****5678 x\" is not a temperature in degrees Celsius with at most one decimal, such as 37.3",
    ),
    (
        "implausible_temperature",
        "a temperature of 0.3 ℃ is not plausible for a living person (34.0–43.0 ℃): measure again",
    ),
    (
        "invalid_protocol",
        "protocol \"returnee-jan2020\" cannot be used: no days",
    ),
    (
        "exposure_in_future",
        "the exposure on 2020-01-24 is after today, 2020-01-24: day 0 is a day that has already happened",
    ),
    (
        "in_future",
        "the reason is dated 2020-01-24T08:30:00+08:00, after the time it is recorded (2020-01-24T08:30:00+08:00): check the date and time",
    ),
    (
        "test_sampled_in_future",
        "a test sampled on 2020-01-24 is after today, 2020-01-24: check the sampling day",
    ),
    (
        "observation_closed",
        "this observation is closed (released on 2020-02-04): nothing more can be recorded on it",
    ),
    (
        "look_back_out_of_range",
        "a look-back window of 3 days cannot be adopted: it must be from 1 to 3 days (the notices look back 14 days, or 7)",
    ),
    (
        "accountable_not_linked",
        "grid worker Wang Fang (S3) answers for none of findings F1, F2: hold accountable the member of staff responsible for a finding or assigned over its unit, or the unit itself or one above it",
    ),
    ("text_required", "the reason is required and was left empty"),
    (
        "empty_handout",
        "a supply handout must list at least one item",
    ),
    ("alert_not_found", "there is no alert 3 on this observation"),
    ("alert_already_resolved", "alert 3 is already resolved"),
    (
        "period_unchanged",
        "the last day under observation is already 2020-01-24: there is nothing to change",
    ),
    (
        "period_too_short",
        "the last day under observation must come after the exposure on 2020-01-24 (day 0); 2020-01-24 does not",
    ),
    (
        "exposure_not_later",
        "a new exposure on 2020-01-24 is not later than the current day 0, 2020-01-24: only a later exposure restarts the period",
    ),
    (
        "release_refused",
        "release on 2020-01-24 is refused: no reading on 2020-02-03. A health worker may override this with a written reason",
    ),
    (
        "override_not_needed",
        "the rules allow release on 2020-01-24: release without an override",
    ),
    (
        "unknown_observation",
        "there is no observation OB7 in this registry",
    ),
    (
        "unknown_protocol",
        "there is no observation protocol \"returnee-jan2020\": adopt it first, or use a preset such as \"returnee-jan2020\"",
    ),
    (
        "already_under_observation",
        "resident R7 is already under observation (OB7); record a new exposure on it instead",
    ),
    (
        "round_already_closed",
        "screening round SR7 was already closed on 2020-01-24",
    ),
    (
        "round_closes_before_it_opens",
        "screening round SR7 opened on 2020-01-24, so it cannot close on 2020-01-24",
    ),
    (
        "travel_after_interview",
        "the interview gives 2020-01-24 as a day of travel or return, but the interview is on 2020-01-24: check the dates",
    ),
    (
        "before_opening",
        "resident dated 2020-01-24 is before the observation was opened on 2020-01-24",
    ),
    (
        "preset_protocol_key",
        "\"returnee-jan2020\" is the key of a preset protocol; give your own protocol another key",
    ),
    (
        "still_under_observation",
        "resident R7 is under observation (OB7): a health worker must end, transfer or release it first",
    ),
    (
        "not_a_reporting_unit",
        "Xiangxi village (U2) is not a reporting unit: reports come from the township's own row, its villages and communities, and the groups or zones a leader has added",
    ),
    (
        "not_addable_reporting_unit",
        "Xiangxi village (U2) is a group: only groups and zones can be added as reporting units (the township, villages and communities report already)",
    ),
    (
        "already_reporting_unit",
        "Xiangxi village (U2) is already a reporting unit",
    ),
    (
        "no_reporting_schedule",
        "no report is required for 2020-01-24 yet: a leader must first set the first day from which reports are required",
    ),
    (
        "report_before_first_day",
        "no report is required for 2020-01-24: reports are required from 2020-01-24 on",
    ),
    (
        "report_for_future_day",
        "2020-01-24 has not come yet (today is 2020-01-24): report a day on or after it",
    ),
    (
        "export_failed",
        "the csv export could not be written: line 1: expected value",
    ),
    (
        "invalid_gathering_label",
        "\"boss\" is not a resident; write one of: a, b",
    ),
    (
        "invalid_kind_key",
        "\"boss\" is not a resident: write a known name (such as \"wedding\" or \"婚礼\") or a key of lower-case letters, digits and hyphens starting with a letter, such as \"village-opera\"",
    ),
    (
        "unknown_gathering_kind",
        "there is no kind of gathering \"wedding\": define it first, or use a preset such as \"wedding\"",
    ),
    (
        "unknown_venue_kind",
        "there is no kind of venue \"wedding\": define it first, or use a preset such as \"catering\"",
    ),
    (
        "kind_already_defined",
        "the resident \"wedding\" already exists: give a new kind another key",
    ),
    (
        "not_leader_of_unit",
        "grid worker Wang Fang (S3) is not a leader of Xiangxi village (U2): only a leader assigned to the unit or a unit above it may issue or lift its orders",
    ),
    (
        "ends_before_start",
        "resident ends on 2020-01-24, before it starts on 2020-01-24: check the dates",
    ),
    (
        "empty_order",
        "the reason is empty: name at least one kind of gathering",
    ),
    (
        "zero_limit",
        "rule 3 of the order limits gatherings to 0 resident: prohibit them instead, or give a limit of at least 1",
    ),
    (
        "unknown_gathering_order",
        "there is no gathering order GO7 in this registry",
    ),
    (
        "order_already_lifted",
        "gathering order GO7 was already lifted from 2020-01-24",
    ),
    (
        "lift_outside_order",
        "gathering order GO7 applies from 2020-01-24 through until lifted: it cannot be lifted from 2020-01-24",
    ),
    (
        "zero_attendance",
        "a planned gathering must expect at least 1 person; 0 were given",
    ),
    (
        "gathering_outside_grid",
        "the planned gathering is to be held at household H12, which is in no unit of this registry: register the household or venue first",
    ),
    (
        "unknown_gathering",
        "there is no planned gathering GP7 in this registry: record the household's report first",
    ),
    (
        "postponement_not_later",
        "the gathering was planned to start on 2020-01-24: postponing it to 2020-01-24 is not a postponement",
    ),
    (
        "not_simplified",
        "simplified to 3 people is not a simplification of a gathering of 3: give between 1 and 3 - 1",
    ),
    (
        "unknown_venue",
        "there is no venue VE7 in the venue register",
    ),
    (
        "venue_not_closed",
        "fruit market (VE66) is not ordered closed on 2020-01-24: a venue open on that day is no violation",
    ),
    (
        "unknown_label",
        "\"boss\" is not a resident; write one of: a, b",
    ),
    (
        "invalid_probation",
        "party probation (留党察看) lasts 1 to 24 months (at most two years); 3 months is not allowed",
    ),
    (
        "empty_checklist",
        "an inspection must check at least one item of its checklist",
    ),
    (
        "duplicate_checklist_item",
        "checklist item \"masks worn\" appears twice in the inspection: check each item once",
    ),
    (
        "verdict_disagrees",
        "for \"masks worn\" the records show no readings, which the inspector confirmed, yet the item is marked passed: mark the evidence contradicted, saying what was seen, or change the outcome",
    ),
    (
        "unknown_inspection",
        "there is no inspection IN7 in this registry",
    ),
    (
        "item_not_on_checklist",
        "inspection IN7 did not check \"masks worn\", so no finding can come from it",
    ),
    (
        "item_not_failed",
        "\"masks worn\" passed in inspection IN7, so no finding can come from it: record a stand-alone finding instead",
    ),
    (
        "unknown_staff_member",
        "there is no member of staff S7 in this registry to name as the person responsible",
    ),
    (
        "deadline_before_finding",
        "the rectification deadline 2020-01-24 is before the day of the finding, 2020-01-24: give a deadline on or after 2020-01-24",
    ),
    (
        "unknown_finding",
        "there is no finding FD7 in this registry",
    ),
    (
        "already_rectified",
        "finding FD7 was already rectified on 2020-01-24",
    ),
    (
        "not_responsible_for_finding",
        "grid worker Wang Fang (S3) may not record the rectification of finding FD7: only grid worker Li Na (S4), who answers for it, or a leader of its unit may",
    ),
    (
        "decision_without_findings",
        "an accountability decision must name at least one finding it rests on",
    ),
    (
        "decision_in_future",
        "the decision is dated 2020-01-24, after today (2020-01-24): check the day it was made",
    ),
    (
        "decision_before_finding",
        "the decision is dated 2020-01-24, before finding FD7 was made on 2020-01-24: check the day or the findings",
    ),
    (
        "too_many_records",
        "the registry cannot number any more resident",
    ),
    (
        "day_outside_range",
        "\"138****5678 x\" is outside the days fangkong can record: a day must lie from 1800-01-01 to 9999-12-31",
    ),
    (
        "instant_outside_range",
        "\"138****5678 x\" is outside the times fangkong can record: a date and time must lie from 1970-01-01T00:00:00+00:00 to 2200-12-31T23:59:59+00:00",
    ),
    (
        "invalid_utc_offset_text",
        "\"138****5678 x\" is not a UTC offset written ±HH:MM, such as +08:00",
    ),
    (
        "period_too_long",
        "resident of 3 days is longer than 3 days: no observation lasts more than a year, so the number was probably mistyped",
    ),
    (
        "invalid_lenient_day",
        "\"138****5678 x\" is not a day: write it like 2020-01-24, 2020/1/24, 2020-1-24, 2020.1.24, 2020年1月24日 or 20200124",
    ),
    (
        "not_responsible_for_resident",
        "grid worker Wang Fang (S3) is not assigned over group 3 (U4), so may not see the full contact details of resident R7: ask a worker responsible for the group",
    ),
    ("no_contact_on_record", "resident R7 has no phone on record"),
    (
        "depends_on_refused_row",
        "row 3 of the batch, which this command depends on, was refused: line 1: expected value",
    ),
    (
        "batch_row_not_earlier",
        "row 3 of the batch refers to row 3, which is not an earlier row of the batch",
    ),
    (
        "batch_row_created_none",
        "row 3 of the batch created no resident, so it cannot be referred to as one",
    ),
];

fn day() -> Day {
    "2020-01-24".parse().unwrap()
}

fn instant() -> Instant {
    "2020-01-24T08:30:00+08:00".parse().unwrap()
}

/// One instance of every failure, in the order of the old variants.
fn all_errors() -> Vec<Error> {
    vec![
        Error::Value(ValueError::InvalidDay {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Value(ValueError::DayOutOfRange {
            day: day(),
            days: 3,
        }),
        Error::Value(ValueError::InvalidTimeOfDay {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Value(ValueError::InvalidInstant {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Value(ValueError::InvalidUtcOffset { seconds: 3 }),
        Error::Value(ValueError::InvalidId {
            input: MaskedText::new("13812345678 x"),
            what: "resident",
            example: "R12",
        }),
        Error::Value(ValueError::InvalidHash {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Ledger(LedgerError::LedgerUnreadable {
            line: 3,
            reason: "line 1: expected value".to_owned(),
        }),
        Error::Ledger(LedgerError::RecordUnreadable {
            reason: "line 1: expected value".to_owned(),
        }),
        Error::Ledger(LedgerError::LedgerTampered {
            position: 3,
            seq: Some(4),
            problem: Tampering::Removed { first: 2, last: 3 },
        }),
        Error::Ledger(LedgerError::UnsupportedLedgerVersion {
            line: 3,
            found: 3,
            supported: 3,
        }),
        Error::Ledger(LedgerError::RecordRedacted {
            seq: 3,
            what: "resident",
        }),
        Error::Ledger(LedgerError::EntryNotHeld {
            seq: 3,
            first: 3,
            last: 3,
        }),
        Error::ReplayRefused {
            seq: 3,
            reason: "line 1: expected value".to_owned(),
        },
        Error::Ledger(LedgerError::ProofMismatch {
            seq: 3,
            head: Head {
                seq: 9,
                hash: Hash::GENESIS,
            },
        }),
        Error::Ledger(LedgerError::PendingEntryCovered {
            seq: 3,
            last_kept: 3,
        }),
        Error::Ledger(LedgerError::LedgerNotFounded),
        Error::Ledger(LedgerError::ProofToUnkeptHead {
            seq: 3,
            head: Head {
                seq: 9,
                hash: Hash::GENESIS,
            },
        }),
        Error::Grid(GridError::DutyDoesNotFitRole {
            staff: "grid worker Wang Fang (S3)".to_owned(),
            duty: "in charge",
            fits: "leader, cadre".to_owned(),
        }),
        Error::InstantBeforeLedger {
            at: instant(),
            last: instant(),
        },
        Error::UnknownStaff {
            staff: StaffId::new(7),
        },
        Error::RoleNotPermitted {
            actor: "grid worker Wang Fang (S3)".to_owned(),
            action: "register a household",
            allowed: "leader, cadre".to_owned(),
        },
        Error::OutsideAssignedUnits {
            actor: "grid worker Wang Fang (S3)".to_owned(),
            action: "register a household",
            unit: "Xiangxi village (U2)".to_owned(),
            assigned: "Xiangxi village (U2)".to_owned(),
        },
        Error::Grid(GridError::UnknownUnit {
            unit: UnitId::new(7),
        }),
        Error::Grid(GridError::UnknownHousehold {
            household: HouseholdId::new(7),
        }),
        Error::Grid(GridError::UnknownResident {
            resident: ResidentId::new(7),
        }),
        Error::Grid(GridError::ResidentDeregistered {
            resident: ResidentId::new(7),
        }),
        Error::Grid(GridError::WrongParent {
            kind: "group",
            parent: "Xiangxi village (U2)".to_owned(),
            parent_kind: "township",
        }),
        Error::Grid(GridError::WrongUnitKind {
            unit: "Xiangxi village (U2)".to_owned(),
            found: "village",
            expected: "a village",
        }),
        Error::Grid(GridError::GroupNumberMissing {
            village: "Xiangxi village (U2)".to_owned(),
        }),
        Error::Grid(GridError::DuplicateGroupNumber {
            village: "Xiangxi village (U2)".to_owned(),
            number: 3,
            existing: "group 3 of Xiangxi village (U4)".to_owned(),
        }),
        Error::Grid(GridError::NumberOnlyForGroups { kind: "group" }),
        Error::Grid(GridError::DuplicateUnitCode {
            code: "430521101201".to_owned(),
            existing: "group 3 of Xiangxi village (U4)".to_owned(),
        }),
        Error::Grid(GridError::GroupNotInZoneVillage {
            group: "group 3 (U4)".to_owned(),
            zone: "zone 1 (U5)".to_owned(),
        }),
        Error::Grid(GridError::GroupAlreadyZoned {
            group: "group 3 (U4)".to_owned(),
            zone: "zone 1 (U5)".to_owned(),
        }),
        Error::Grid(GridError::AlreadyAssigned {
            staff: "grid worker Wang Fang (S3)".to_owned(),
            unit: "Xiangxi village (U2)".to_owned(),
        }),
        Error::Grid(GridError::NotAssigned {
            staff: "grid worker Wang Fang (S3)".to_owned(),
            unit: "Xiangxi village (U2)".to_owned(),
        }),
        Error::Value(ValueError::EmptyText { what: "resident" }),
        Error::Value(ValueError::TextTooLong {
            what: "the reason".to_owned(),
            chars: 3,
            max: 3,
        }),
        Error::Value(ValueError::ControlCharacterInText {
            what: "the reason".to_owned(),
            code: 3,
            position: 3,
        }),
        Error::Grid(GridError::BirthInFuture {
            birth_date: day(),
            today: day(),
        }),
        Error::Grid(GridError::IdentityDisagrees {
            identity: "1101**********002X".to_owned(),
            field: "phone",
        }),
        Error::Grid(GridError::DuplicateIdentity {
            identity: "1101**********002X".to_owned(),
            resident: ResidentId::new(7),
            household: Some(HouseholdId::new(5)),
        }),
        Error::Grid(GridError::SecondHead {
            household: HouseholdId::new(7),
            head: ResidentId::new(7),
        }),
        Error::Grid(GridError::NothingToCorrect {
            resident: ResidentId::new(7),
        }),
        Error::Grid(GridError::AlreadyThere {
            what: "the reason".to_owned(),
            place: "household H12".to_owned(),
        }),
        Error::Value(ValueError::IdentityNumberLength {
            masked: "1101**********002X".to_owned(),
            len: 3,
        }),
        Error::Value(ValueError::IdentityNumberPrefixLength {
            masked: "1101**********002X".to_owned(),
            len: 3,
        }),
        Error::Value(ValueError::IdentityNumberCharacter {
            masked: "1101**********002X".to_owned(),
            position: 3,
            found: 'Y',
        }),
        Error::Value(ValueError::IdentityNumberBirthDate {
            masked: "1101**********002X".to_owned(),
        }),
        Error::Value(ValueError::IdentityNumberCheckDigit {
            masked: "1101**********002X".to_owned(),
            expected: 'Y',
            found: 'Y',
        }),
        Error::Value(ValueError::InvalidPhone {
            masked: "1101**********002X".to_owned(),
            reason: "it contains no digits",
        }),
        Error::Value(ValueError::InvalidDivisionCode {
            input: MaskedText::new("13812345678 x"),
            reason: "line 1: expected value".to_owned(),
            reason_zh: "（原因）".to_owned(),
        }),
        Error::Value(ValueError::InvalidStatisticalCode {
            input: MaskedText::new("13812345678 x"),
            reason: "line 1: expected value".to_owned(),
            reason_zh: "（原因）".to_owned(),
        }),
        Error::Screening(ScreeningError::InvalidRiskLevel {
            name: "very high".to_owned(),
            reason: "line 1: expected value".to_owned(),
            reason_zh: "（原因）".to_owned(),
        }),
        Error::Screening(ScreeningError::EmptyDesignationBasis {
            area: "420100".parse().unwrap(),
        }),
        Error::Screening(ScreeningError::RiskRegisterFull),
        Error::Screening(ScreeningError::UnknownDesignation {
            id: DesignationId(7),
        }),
        Error::Screening(ScreeningError::DesignationAlreadyLifted {
            id: DesignationId(7),
            lifted: day(),
        }),
        Error::Screening(ScreeningError::LiftBeforeDesignation {
            id: DesignationId(7),
            from: day(),
            day: day(),
        }),
        Error::Screening(ScreeningError::ProposalAreaMismatch {
            id: DesignationId(7),
            proposal_area: "420100".parse().unwrap(),
            designation_area: "420100".parse().unwrap(),
        }),
        Error::Screening(ScreeningError::StayEndsBeforeItStarts {
            place: "420100".parse().unwrap(),
            first: day(),
            last: day(),
        }),
        Error::Screening(ScreeningError::WuhanAnswerWithoutWuhanTravel),
        Error::Screening(ScreeningError::UnknownRound {
            round: RoundId::new(7),
        }),
        Error::Screening(ScreeningError::RoundNotOpen {
            round: RoundId::new(7),
            opens: day(),
            day: day(),
        }),
        Error::Screening(ScreeningError::RoundClosed {
            round: RoundId::new(7),
            closes: day(),
            day: day(),
        }),
        Error::Screening(ScreeningError::OutsideRound {
            household: HouseholdId::new(7),
            group: "group 3 (U4)".to_owned(),
            round: RoundId::new(7),
        }),
        Error::Screening(ScreeningError::NoScreeningRule),
        Error::Screening(ScreeningError::NothingToConfirm {
            area: "420100".parse().unwrap(),
        }),
        Error::Observation(ObservationError::InvalidTemperature {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Observation(ObservationError::ImplausibleTemperature { tenths: 3 }),
        Error::Observation(ObservationError::InvalidProtocol {
            key: "returnee-jan2020".to_owned(),
            problem: "no days".to_owned(),
        }),
        Error::Observation(ObservationError::ExposureInFuture {
            day0: day(),
            today: day(),
        }),
        Error::InFuture {
            what: "the reason".to_owned(),
            at: instant(),
            now: instant(),
        },
        Error::Observation(ObservationError::TestSampledInFuture {
            sampled: day(),
            today: day(),
        }),
        Error::Observation(ObservationError::ObservationClosed {
            status: "released on 2020-02-04".to_owned(),
            status_zh: "已于2020-02-04解除观察".to_owned(),
        }),
        Error::Screening(ScreeningError::LookBackOutOfRange { days: 3, max: 3 }),
        Error::Supervision(SupervisionError::AccountableNotLinked {
            who: "grid worker Wang Fang (S3)".to_owned(),
            findings: "F1, F2".to_owned(),
        }),
        Error::TextRequired {
            what: "the reason".to_owned(),
        },
        Error::Observation(ObservationError::EmptyHandout),
        Error::Observation(ObservationError::AlertNotFound { number: 3 }),
        Error::Observation(ObservationError::AlertAlreadyResolved { number: 3 }),
        Error::Observation(ObservationError::PeriodUnchanged { last_day: day() }),
        Error::Observation(ObservationError::PeriodTooShort {
            day0: day(),
            new_last_day: day(),
        }),
        Error::Observation(ObservationError::ExposureNotLater {
            current_day0: day(),
            new_day0: day(),
        }),
        Error::Observation(ObservationError::ReleaseRefused {
            day: day(),
            reasons: "no reading on 2020-02-03".to_owned(),
            reasons_zh: "2020-02-03没有体温读数".to_owned(),
        }),
        Error::Observation(ObservationError::OverrideNotNeeded { day: day() }),
        Error::Observation(ObservationError::UnknownObservation {
            observation: ObservationId::new(7),
        }),
        Error::Observation(ObservationError::UnknownProtocol {
            key: "returnee-jan2020".to_owned(),
        }),
        Error::Observation(ObservationError::AlreadyUnderObservation {
            resident: ResidentId::new(7),
            observation: ObservationId::new(7),
        }),
        Error::Screening(ScreeningError::RoundAlreadyClosed {
            round: RoundId::new(7),
            closes: day(),
        }),
        Error::Screening(ScreeningError::RoundClosesBeforeItOpens {
            round: RoundId::new(7),
            opens: day(),
            closes: day(),
        }),
        Error::Screening(ScreeningError::TravelAfterInterview {
            day: day(),
            today: day(),
        }),
        Error::Observation(ObservationError::BeforeOpening {
            what: "resident",
            day: day(),
            opened: day(),
        }),
        Error::Observation(ObservationError::PresetProtocolKey {
            key: "returnee-jan2020".to_owned(),
        }),
        Error::Grid(GridError::StillUnderObservation {
            resident: ResidentId::new(7),
            observation: ObservationId::new(7),
        }),
        Error::Report(ReportError::NotAReportingUnit {
            unit: "Xiangxi village (U2)".to_owned(),
        }),
        Error::Report(ReportError::NotAddableReportingUnit {
            unit: "Xiangxi village (U2)".to_owned(),
            kind: "group",
            kind_zh: "村",
        }),
        Error::Report(ReportError::AlreadyReportingUnit {
            unit: "Xiangxi village (U2)".to_owned(),
        }),
        Error::Report(ReportError::NoReportingSchedule { day: day() }),
        Error::Report(ReportError::ReportBeforeFirstDay {
            day: day(),
            first_day: day(),
        }),
        Error::Report(ReportError::ReportForFutureDay {
            day: day(),
            today: day(),
        }),
        Error::Report(ReportError::ExportFailed {
            format: "csv",
            reason: "line 1: expected value".to_owned(),
        }),
        Error::Gathering(GatheringError::InvalidGatheringLabel {
            what: "resident",
            input: "boss".to_owned(),
            expected: "a, b".to_owned(),
        }),
        Error::Gathering(GatheringError::InvalidKindKey {
            what: "resident",
            input: "boss".to_owned(),
        }),
        Error::Gathering(GatheringError::UnknownGatheringKind {
            kind: "wedding".to_owned(),
        }),
        Error::Gathering(GatheringError::UnknownVenueKind {
            kind: "wedding".to_owned(),
        }),
        Error::Gathering(GatheringError::KindAlreadyDefined {
            what: "resident",
            kind: "wedding".to_owned(),
        }),
        Error::Gathering(GatheringError::NotLeaderOfUnit {
            actor: "grid worker Wang Fang (S3)".to_owned(),
            unit: "Xiangxi village (U2)".to_owned(),
        }),
        Error::Gathering(GatheringError::EndsBeforeStart {
            what: "resident",
            first: day(),
            last: day(),
        }),
        Error::Gathering(GatheringError::EmptyOrder {
            what: "the reason".to_owned(),
            item: "kind of gathering",
        }),
        Error::Gathering(GatheringError::ZeroLimit {
            rule: 3,
            what: "resident",
        }),
        Error::Gathering(GatheringError::UnknownGatheringOrder {
            order: GatheringOrderId::new(7),
        }),
        Error::Gathering(GatheringError::OrderAlreadyLifted {
            order: GatheringOrderId::new(7),
            lifted: day(),
        }),
        Error::Gathering(GatheringError::LiftOutsideOrder {
            order: GatheringOrderId::new(7),
            day: day(),
            first: day(),
            last: "until lifted".to_owned(),
        }),
        Error::Gathering(GatheringError::ZeroAttendance),
        Error::Gathering(GatheringError::GatheringOutsideGrid {
            place: "household H12".to_owned(),
        }),
        Error::Gathering(GatheringError::UnknownGathering {
            gathering: GatheringId::new(7),
        }),
        Error::Gathering(GatheringError::PostponementNotLater {
            first: day(),
            to: day(),
        }),
        Error::Gathering(GatheringError::NotSimplified { to: 3, expected: 3 }),
        Error::Gathering(GatheringError::UnknownVenue {
            venue: VenueId::new(7),
        }),
        Error::Gathering(GatheringError::VenueNotClosed {
            venue: "fruit market (VE66)".to_owned(),
            day: day(),
        }),
        Error::Value(ValueError::UnknownLabel {
            what: "resident",
            input: "boss".to_owned(),
            expected: "a, b".to_owned(),
        }),
        Error::Supervision(SupervisionError::InvalidProbation { months: 3 }),
        Error::Supervision(SupervisionError::EmptyChecklist),
        Error::Supervision(SupervisionError::DuplicateChecklistItem {
            item: "masks worn".to_owned(),
        }),
        Error::Supervision(SupervisionError::VerdictDisagrees {
            item: "masks worn".to_owned(),
            shows: "no readings".to_owned(),
            outcome: "passed",
        }),
        Error::Supervision(SupervisionError::UnknownInspection {
            inspection: InspectionId::new(7),
        }),
        Error::Supervision(SupervisionError::ItemNotOnChecklist {
            inspection: InspectionId::new(7),
            item: "masks worn".to_owned(),
        }),
        Error::Supervision(SupervisionError::ItemNotFailed {
            inspection: InspectionId::new(7),
            item: "masks worn".to_owned(),
        }),
        Error::Supervision(SupervisionError::UnknownStaffMember {
            staff: StaffId::new(7),
            role: "the person responsible",
        }),
        Error::Supervision(SupervisionError::DeadlineBeforeFinding {
            deadline: day(),
            day: day(),
        }),
        Error::Supervision(SupervisionError::UnknownFinding {
            finding: FindingId::new(7),
        }),
        Error::Supervision(SupervisionError::AlreadyRectified {
            finding: FindingId::new(7),
            day: day(),
        }),
        Error::Supervision(SupervisionError::NotResponsibleForFinding {
            actor: "grid worker Wang Fang (S3)".to_owned(),
            finding: FindingId::new(7),
            responsible: "grid worker Li Na (S4)".to_owned(),
        }),
        Error::Supervision(SupervisionError::DecisionWithoutFindings),
        Error::Supervision(SupervisionError::DecisionInFuture {
            made: day(),
            today: day(),
        }),
        Error::Supervision(SupervisionError::DecisionBeforeFinding {
            finding: FindingId::new(7),
            found: day(),
            made: day(),
        }),
        Error::Value(ValueError::TooManyRecords { what: "resident" }),
        Error::Value(ValueError::DayOutsideRange {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Value(ValueError::InstantOutsideRange {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Value(ValueError::InvalidUtcOffsetText {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Observation(ObservationError::PeriodTooLong {
            what: "resident",
            days: 3,
            max: 3,
        }),
        Error::Value(ValueError::InvalidLenientDay {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Grid(GridError::NotResponsibleForResident {
            actor: "grid worker Wang Fang (S3)".to_owned(),
            resident: ResidentId::new(7),
            group: "group 3 (U4)".to_owned(),
        }),
        Error::Grid(GridError::NoContactOnRecord {
            resident: ResidentId::new(7),
            field: "phone",
        }),
        Error::DependsOnRefusedRow {
            row: 3,
            reason: "line 1: expected value".to_owned(),
            reason_zh: "（原因）".to_owned(),
        },
        Error::BatchRowNotEarlier { row: 3, this: 3 },
        Error::BatchRowCreatedNone {
            row: 3,
            what: "resident",
        },
    ]
}

/// Codes added since the split (a new module's errors, the Merkle proof's `ProofError`): a
/// code is added here when its variant is, never taken from [`CODES_BEFORE`].
const ADDED_SINCE: &[&str] = &[
    // issue 22: the Merkle tree's proofs (`Error::Proof`); tests/merkle.rs makes each
    "proof_index_out_of_range",
    "proof_sizes_out_of_order",
    "proof_from_empty_tree",
    "proof_path_length",
    "inclusion_proof_mismatch",
    "consistency_proof_mismatch",
    "tree_size_not_held",
    "proof_size_mismatch",
    "proof_to_unkept_tree_head",
    "consistency_proof_missing",
    "tree_of_ledger_part",
    // issue 23: a cut ledger file is refused by default (tests/ledger.rs makes it)
    "ledger_cut",
    // issue 23: the heads a county keeps (tests/merkle.rs makes them)
    "invalid_kept_head",
    "kept_heads_unreadable",
    "kept_head_not_extended",
    // issue 23: a county's roll-up (src/report/tests.rs makes them)
    "rollup_other_day",
    "rollup_township_twice",
    // issue 23: accountability counts add up over the same days only (tests/county.rs)
    "counts_of_other_span",
    "no_counts_to_add",
    "invalid_counts",
    // issue 23: counts added together never saturate in silence (tests/checked.rs)
    "counts_too_large",
    // issue 23: a risk register read from a file numbers each designation once
    // (tests/checked.rs)
    "duplicate_designation",
    // issue 23: a finding read from a file is rectified on or after its day (tests/county.rs)
    "rectified_before_finding",
    // issue 20: publicity (`Error::Publicity`); tests/publicity.rs makes them
    "unknown_publicity_kind",
    "publicity_kind_inconsistent",
    "publicity_form_mismatch",
    "unknown_campaign",
    "campaign_already_ended",
    "action_outside_campaign",
    "campaign_ends_before_action",
    "not_within_unit",
    "nothing_listed",
    "listed_twice",
    "zero_count",
    "span_ends_before_start",
    "span_too_long",
    "action_in_future",
    "action_starts_in_future",
    // issue 20: the duty roster (`Error::Roster`); tests/roster.rs makes them
    "leave_cancelled",
    "leave_days_reversed",
    "unknown_leave_cancellation",
    "cancellation_already_lifted",
    "lift_not_after_start",
    "not_bound_by_cancellation",
    "unknown_post",
    "unknown_shift",
    "shift_ends_before_start",
    "shift_too_long",
    "shift_requires_nobody",
    "volunteer_without_consent",
    "not_a_volunteer",
    "volunteer_already_enrolled",
    "consent_in_future",
    "implausible_birth_year",
    "volunteer_outside_unit",
    "not_for_volunteers",
    "already_on_shift",
    "not_on_shift",
    "shifts_overlap",
    "on_leave",
    "not_self_or_shift_leader",
    "already_checked_in",
    "not_checked_in",
    "check_in_outside_shift",
    "invalid_post_kind_key",
    "unknown_post_kind",
    "post_kind_already_defined",
    "post_not_in_unit",
    // issue 21: cleaning and disinfection (`Error::Disinfection`); tests/disinfection.rs makes them
    "unknown_site",
    "unknown_disinfection_schedule",
    "unknown_site_kind",
    "site_kind_already_defined",
    "window_ends_before_start",
    "round_windows_overlap",
    "invalid_round_interval",
    "amount_not_positive",
    "invalid_round_amount",
    "schedule_days_reversed",
    "schedule_already_lifted",
    "schedule_lift_not_after_start",
    "after_schedule_end",
    "schedule_change_not_after_latest",
    "disinfection_change_in_past",
    "already_assigned_to_site",
    "not_assigned_to_site",
    "site_assignment_end_not_after_start",
    "inspector_not_designated",
    "not_designated_for_site",
    // issue 21: supplies (`Error::Supplies`); tests/supplies.rs makes them
    "insufficient_stock",
    "quantity_out_of_range",
    "zero_adjustment",
    "unknown_store",
    "unknown_lot",
    "unknown_item",
    "unknown_donation",
    "lot_not_in_store",
    "donation_overspent",
    "donation_not_money",
    "transfer_to_same_store",
    "invalid_item_key",
    "item_already_defined",
    "handout_through_observation",
    "no_township_store",
    "no_supplies_ledger",
    "empty_issue",
];

#[test]
fn the_codes_are_the_codes_of_main() {
    // Given the codes before the split, with those added since, and the codes now
    let mut before: Vec<&str> = CODES_BEFORE.iter().chain(ADDED_SINCE).copied().collect();
    let mut after: Vec<&str> = Error::CODES.to_vec();
    before.sort_unstable();
    after.sort_unstable();
    // Then they are the same set, each given once
    assert_eq!(after, before);
    after.dedup();
    assert_eq!(after.len(), CODES_BEFORE.len() + ADDED_SINCE.len());
}

#[test]
fn every_failure_keeps_its_code_and_its_english() {
    // Given one instance of every failure
    let errors = all_errors();
    assert_eq!(errors.len(), ENGLISH_BEFORE.len());
    for (err, (code, english)) in errors.iter().zip(ENGLISH_BEFORE) {
        // Then its code and English are those printed on main
        assert_eq!(err.code(), *code);
        assert_eq!(err.to_string(), *english, "{code}");
    }
    // And every code of before the split is given by one of them
    let mut given: Vec<&str> = errors.iter().map(Error::code).collect();
    given.sort_unstable();
    given.dedup();
    assert_eq!(given.len(), Error::CODES.len() - ADDED_SINCE.len());
}

#[test]
fn error_keeps_at_most_30_variants() {
    // room for the Merkle proof's one wrapped variant and others
    const { assert!(Error::VARIANT_COUNT <= 28) };
    // The count is the enum's: one variant per nested enum, and its own codes.
    assert_eq!(Error::VARIANT_COUNT, 23);
}

/// One instance of every failure for the Chinese check: the texts the crate passes in its
/// `&'static str` fields (kinds of unit, actions, kinds of label, what is dated or counted) as
/// the crate passes them in English, and names of people and units in Chinese. Fields with a
/// Chinese twin (`reason_zh`, `reasons_zh`, `status_zh`) hold both. Fields that still carry a
/// sentence in English from elsewhere hold a Chinese placeholder (“（原因）”): the reader's or
/// writer's `reason` of an unreadable ledger or a failed export, a protocol's `problem`, the
/// `shows` of a verdict, the `reason` of a refused replay; their Chinese is not done yet.
fn zh_samples() -> Vec<Error> {
    vec![
        Error::Value(ValueError::InvalidDay {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Value(ValueError::DayOutOfRange {
            day: day(),
            days: 3,
        }),
        Error::Value(ValueError::InvalidTimeOfDay {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Value(ValueError::InvalidInstant {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Value(ValueError::InvalidUtcOffset { seconds: 3 }),
        Error::Value(ValueError::InvalidId {
            input: MaskedText::new("13812345678 x"),
            what: "resident",
            example: "R12",
        }),
        Error::Value(ValueError::InvalidHash {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Ledger(LedgerError::LedgerUnreadable {
            line: 3,
            reason: "（原因）".to_owned(),
        }),
        Error::Ledger(LedgerError::RecordUnreadable {
            reason: "（原因）".to_owned(),
        }),
        Error::Ledger(LedgerError::LedgerTampered {
            position: 3,
            seq: Some(4),
            problem: Tampering::Removed { first: 2, last: 3 },
        }),
        Error::Ledger(LedgerError::UnsupportedLedgerVersion {
            line: 3,
            found: 3,
            supported: 3,
        }),
        Error::Ledger(LedgerError::RecordRedacted {
            seq: 3,
            what: "replayed",
        }),
        Error::Ledger(LedgerError::EntryNotHeld {
            seq: 3,
            first: 3,
            last: 3,
        }),
        Error::ReplayRefused {
            seq: 3,
            reason: "（原因）".to_owned(),
        },
        Error::Ledger(LedgerError::ProofMismatch {
            seq: 3,
            head: Head {
                seq: 9,
                hash: Hash::GENESIS,
            },
        }),
        Error::Ledger(LedgerError::PendingEntryCovered {
            seq: 3,
            last_kept: 3,
        }),
        Error::Ledger(LedgerError::LedgerNotFounded),
        Error::Ledger(LedgerError::ProofToUnkeptHead {
            seq: 3,
            head: Head {
                seq: 9,
                hash: Hash::GENESIS,
            },
        }),
        Error::Report(fangkong::report::ReportError::RollupOtherDay {
            township: "古塘".to_owned(),
            day: day(),
            expected: day(),
        }),
        Error::Report(fangkong::report::ReportError::RollupTownshipTwice {
            township: "古塘".to_owned(),
        }),
        Error::Supervision(fangkong::supervision::SupervisionError::CountsOfOtherSpan {
            first_from: day(),
            first_to: day(),
            second_from: day(),
            second_to: day(),
        }),
        Error::Supervision(fangkong::supervision::SupervisionError::NoCountsToAdd),
        Error::Supervision(fangkong::supervision::SupervisionError::InvalidCounts {
            problem: "span",
        }),
        Error::Value(ValueError::CountsTooLarge {
            what: "publicity counts",
        }),
        Error::Screening(fangkong::screening::ScreeningError::DuplicateDesignation {
            id: fangkong::screening::DesignationId(2),
        }),
        Error::Supervision(SupervisionError::RectifiedBeforeFinding {
            finding: FindingId::new(7),
            day: "2020-01-24".parse().unwrap(),
            rectified: "2020-01-20".parse().unwrap(),
        }),
        // issue 23: a cut file, and the heads a county keeps
        Error::Ledger(LedgerError::LedgerCut { line: 7, bytes: 40 }),
        Error::Ledger(LedgerError::InvalidKeptHead {
            problem: fangkong::ledger::KeptHeadProblem::TreeSizeDiffers,
        }),
        Error::Ledger(LedgerError::KeptHeadsUnreadable {
            line: 2,
            reason: "（原因）".to_owned(),
        }),
        Error::Ledger(LedgerError::KeptHeadNotExtended {
            township: "火车站乡".to_owned(),
            unit: fangkong::UnitId::new(2),
            day: day(),
            entry: 42,
            size: 41,
        }),
        Error::Grid(GridError::DutyDoesNotFitRole {
            staff: "grid worker 王芳 (S3)".to_owned(),
            duty: "in charge of the village",
            fits: "leaders and cadres".to_owned(),
        }),
        Error::InstantBeforeLedger {
            at: instant(),
            last: instant(),
        },
        Error::UnknownStaff {
            staff: StaffId::new(7),
        },
        Error::RoleNotPermitted {
            actor: "grid worker 王芳 (S3)".to_owned(),
            action: "register a household",
            allowed: "leaders, cadres and grid workers".to_owned(),
        },
        Error::OutsideAssignedUnits {
            actor: "grid worker 王芳 (S3)".to_owned(),
            action: "register a household",
            unit: "前进村 (U2)".to_owned(),
            assigned: "前进村 (U2)".to_owned(),
        },
        Error::Grid(GridError::UnknownUnit {
            unit: UnitId::new(7),
        }),
        Error::Grid(GridError::UnknownHousehold {
            household: HouseholdId::new(7),
        }),
        Error::Grid(GridError::UnknownResident {
            resident: ResidentId::new(7),
        }),
        Error::Grid(GridError::ResidentDeregistered {
            resident: ResidentId::new(7),
        }),
        Error::Grid(GridError::WrongParent {
            kind: "group",
            parent: "前进村 (U2)".to_owned(),
            parent_kind: "township",
        }),
        Error::Grid(GridError::WrongUnitKind {
            unit: "前进村 (U2)".to_owned(),
            found: "village",
            expected: "a group (households are registered in groups)",
        }),
        Error::Grid(GridError::GroupNumberMissing {
            village: "前进村 (U2)".to_owned(),
        }),
        Error::Grid(GridError::DuplicateGroupNumber {
            village: "前进村 (U2)".to_owned(),
            number: 3,
            existing: "前进村二组 (U4)".to_owned(),
        }),
        Error::Grid(GridError::NumberOnlyForGroups { kind: "group" }),
        Error::Grid(GridError::DuplicateUnitCode {
            code: "430521101201".to_owned(),
            existing: "前进村二组 (U4)".to_owned(),
        }),
        Error::Grid(GridError::GroupNotInZoneVillage {
            group: "前进村二组 (U4)".to_owned(),
            zone: "一片 (U5)".to_owned(),
        }),
        Error::Grid(GridError::GroupAlreadyZoned {
            group: "前进村二组 (U4)".to_owned(),
            zone: "一片 (U5)".to_owned(),
        }),
        Error::Grid(GridError::AlreadyAssigned {
            staff: "grid worker 王芳 (S3)".to_owned(),
            unit: "前进村 (U2)".to_owned(),
        }),
        Error::Grid(GridError::NotAssigned {
            staff: "grid worker 王芳 (S3)".to_owned(),
            unit: "前进村 (U2)".to_owned(),
        }),
        Error::Value(ValueError::EmptyText {
            what: "the screening round's list of units",
        }),
        Error::Value(ValueError::TextTooLong {
            what: "the resident's name".to_owned(),
            chars: 3,
            max: 3,
        }),
        Error::Value(ValueError::ControlCharacterInText {
            what: "a note".to_owned(),
            code: 3,
            position: 3,
        }),
        Error::Grid(GridError::BirthInFuture {
            birth_date: day(),
            today: day(),
        }),
        Error::Grid(GridError::IdentityDisagrees {
            identity: "1101**********002X".to_owned(),
            field: "sex",
        }),
        Error::Grid(GridError::DuplicateIdentity {
            identity: "1101**********002X".to_owned(),
            resident: ResidentId::new(7),
            household: Some(HouseholdId::new(5)),
        }),
        Error::Grid(GridError::SecondHead {
            household: HouseholdId::new(7),
            head: ResidentId::new(7),
        }),
        Error::Grid(GridError::NothingToCorrect {
            resident: ResidentId::new(7),
        }),
        Error::Grid(GridError::AlreadyThere {
            what: "H12".to_owned(),
            place: "前进村二组 (U4)".to_owned(),
        }),
        Error::Value(ValueError::IdentityNumberLength {
            masked: "1101**********002X".to_owned(),
            len: 3,
        }),
        Error::Value(ValueError::IdentityNumberPrefixLength {
            masked: "1101**********002X".to_owned(),
            len: 3,
        }),
        Error::Value(ValueError::IdentityNumberCharacter {
            masked: "1101**********002X".to_owned(),
            position: 3,
            found: 'Y',
        }),
        Error::Value(ValueError::IdentityNumberBirthDate {
            masked: "1101**********002X".to_owned(),
        }),
        Error::Value(ValueError::IdentityNumberCheckDigit {
            masked: "1101**********002X".to_owned(),
            expected: 'Y',
            found: 'Y',
        }),
        Error::Value(ValueError::InvalidPhone {
            masked: "1101**********002X".to_owned(),
            reason: "it contains no digits",
        }),
        Error::Value(ValueError::InvalidDivisionCode {
            input: MaskedText::new("13812345678 x"),
            reason: "a division code is exactly 6 digits, such as 420106".to_owned(),
            reason_zh: "行政区划代码为6位数字，如420106".to_owned(),
        }),
        Error::Value(ValueError::InvalidStatisticalCode {
            input: MaskedText::new("13812345678 x"),
            reason: "a division code is exactly 6 digits, such as 420106".to_owned(),
            reason_zh: "行政区划代码为6位数字，如420106".to_owned(),
        }),
        Error::Screening(ScreeningError::InvalidRiskLevel {
            name: "很高".to_owned(),
            reason: "a risk level name has at most 32 characters".to_owned(),
            reason_zh: "风险等级名称最多32个字符".to_owned(),
        }),
        Error::Screening(ScreeningError::EmptyDesignationBasis {
            area: "420100".parse().unwrap(),
        }),
        Error::Screening(ScreeningError::RiskRegisterFull),
        Error::Screening(ScreeningError::UnknownDesignation {
            id: DesignationId(7),
        }),
        Error::Screening(ScreeningError::DesignationAlreadyLifted {
            id: DesignationId(7),
            lifted: day(),
        }),
        Error::Screening(ScreeningError::LiftBeforeDesignation {
            id: DesignationId(7),
            from: day(),
            day: day(),
        }),
        Error::Screening(ScreeningError::ProposalAreaMismatch {
            id: DesignationId(7),
            proposal_area: "420100".parse().unwrap(),
            designation_area: "420100".parse().unwrap(),
        }),
        Error::Screening(ScreeningError::StayEndsBeforeItStarts {
            place: "420100".parse().unwrap(),
            first: day(),
            last: day(),
        }),
        Error::Screening(ScreeningError::WuhanAnswerWithoutWuhanTravel),
        Error::Screening(ScreeningError::UnknownRound {
            round: RoundId::new(7),
        }),
        Error::Screening(ScreeningError::RoundNotOpen {
            round: RoundId::new(7),
            opens: day(),
            day: day(),
        }),
        Error::Screening(ScreeningError::RoundClosed {
            round: RoundId::new(7),
            closes: day(),
            day: day(),
        }),
        Error::Screening(ScreeningError::OutsideRound {
            household: HouseholdId::new(7),
            group: "前进村二组 (U4)".to_owned(),
            round: RoundId::new(7),
        }),
        Error::Screening(ScreeningError::NoScreeningRule),
        Error::Screening(ScreeningError::NothingToConfirm {
            area: "420100".parse().unwrap(),
        }),
        Error::Observation(ObservationError::InvalidTemperature {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Observation(ObservationError::ImplausibleTemperature { tenths: 3 }),
        Error::Observation(ObservationError::InvalidProtocol {
            key: "returnee-jan2020".to_owned(),
            problem: "（问题）".to_owned(),
        }),
        Error::Observation(ObservationError::ExposureInFuture {
            day0: day(),
            today: day(),
        }),
        Error::InFuture {
            what: "a reading".to_owned(),
            at: instant(),
            now: instant(),
        },
        Error::Observation(ObservationError::TestSampledInFuture {
            sampled: day(),
            today: day(),
        }),
        Error::Observation(ObservationError::ObservationClosed {
            status: "released on 2020-02-04".to_owned(),
            status_zh: "已于2020-02-04解除观察".to_owned(),
        }),
        Error::Screening(ScreeningError::LookBackOutOfRange { days: 3, max: 3 }),
        Error::Supervision(SupervisionError::AccountableNotLinked {
            who: "grid worker 王芳 (S3)".to_owned(),
            findings: "F1, F2".to_owned(),
        }),
        Error::TextRequired {
            what: "the grounds of the decision".to_owned(),
        },
        Error::Observation(ObservationError::EmptyHandout),
        Error::Observation(ObservationError::AlertNotFound { number: 3 }),
        Error::Observation(ObservationError::AlertAlreadyResolved { number: 3 }),
        Error::Observation(ObservationError::PeriodUnchanged { last_day: day() }),
        Error::Observation(ObservationError::PeriodTooShort {
            day0: day(),
            new_last_day: day(),
        }),
        Error::Observation(ObservationError::ExposureNotLater {
            current_day0: day(),
            new_day0: day(),
        }),
        Error::Observation(ObservationError::ReleaseRefused {
            day: day(),
            reasons: "no reading on 2020-02-03".to_owned(),
            reasons_zh: "2020-02-03没有体温读数".to_owned(),
        }),
        Error::Observation(ObservationError::OverrideNotNeeded { day: day() }),
        Error::Observation(ObservationError::UnknownObservation {
            observation: ObservationId::new(7),
        }),
        Error::Observation(ObservationError::UnknownProtocol {
            key: "returnee-jan2020".to_owned(),
        }),
        Error::Observation(ObservationError::AlreadyUnderObservation {
            resident: ResidentId::new(7),
            observation: ObservationId::new(7),
        }),
        Error::Screening(ScreeningError::RoundAlreadyClosed {
            round: RoundId::new(7),
            closes: day(),
        }),
        Error::Screening(ScreeningError::RoundClosesBeforeItOpens {
            round: RoundId::new(7),
            opens: day(),
            closes: day(),
        }),
        Error::Screening(ScreeningError::TravelAfterInterview {
            day: day(),
            today: day(),
        }),
        Error::Observation(ObservationError::BeforeOpening {
            what: "a reading",
            day: day(),
            opened: day(),
        }),
        Error::Observation(ObservationError::PresetProtocolKey {
            key: "returnee-jan2020".to_owned(),
        }),
        Error::Grid(GridError::StillUnderObservation {
            resident: ResidentId::new(7),
            observation: ObservationId::new(7),
        }),
        Error::Report(ReportError::NotAReportingUnit {
            unit: "前进村 (U2)".to_owned(),
        }),
        Error::Report(ReportError::NotAddableReportingUnit {
            unit: "前进村 (U2)".to_owned(),
            kind: "group",
            kind_zh: "村",
        }),
        Error::Report(ReportError::AlreadyReportingUnit {
            unit: "前进村 (U2)".to_owned(),
        }),
        Error::Report(ReportError::NoReportingSchedule { day: day() }),
        Error::Report(ReportError::ReportBeforeFirstDay {
            day: day(),
            first_day: day(),
        }),
        Error::Report(ReportError::ReportForFutureDay {
            day: day(),
            today: day(),
        }),
        Error::Report(ReportError::ExportFailed {
            format: "csv",
            reason: "（原因）".to_owned(),
        }),
        Error::Gathering(GatheringError::InvalidGatheringLabel {
            what: "kind of restriction",
            input: "老板".to_owned(),
            expected: "组长、干部".to_owned(),
        }),
        Error::Gathering(GatheringError::InvalidKindKey {
            what: "kind of venue",
            input: "老板".to_owned(),
        }),
        Error::Gathering(GatheringError::UnknownGatheringKind {
            kind: "returnee-jan2020".to_owned(),
        }),
        Error::Gathering(GatheringError::UnknownVenueKind {
            kind: "returnee-jan2020".to_owned(),
        }),
        Error::Gathering(GatheringError::KindAlreadyDefined {
            what: "kind of gathering",
            kind: "returnee-jan2020".to_owned(),
        }),
        Error::Gathering(GatheringError::NotLeaderOfUnit {
            actor: "grid worker 王芳 (S3)".to_owned(),
            unit: "前进村 (U2)".to_owned(),
        }),
        Error::Gathering(GatheringError::EndsBeforeStart {
            what: "the planned gathering",
            first: day(),
            last: day(),
        }),
        Error::Gathering(GatheringError::EmptyOrder {
            what: "rule 2 of the order".to_owned(),
            item: "kind of gathering",
        }),
        Error::Gathering(GatheringError::ZeroLimit {
            rule: 3,
            what: "people",
        }),
        Error::Gathering(GatheringError::UnknownGatheringOrder {
            order: GatheringOrderId::new(7),
        }),
        Error::Gathering(GatheringError::OrderAlreadyLifted {
            order: GatheringOrderId::new(7),
            lifted: day(),
        }),
        Error::Gathering(GatheringError::LiftOutsideOrder {
            order: GatheringOrderId::new(7),
            day: day(),
            first: day(),
            last: "2020-02-10".to_owned(),
        }),
        Error::Gathering(GatheringError::ZeroAttendance),
        Error::Gathering(GatheringError::GatheringOutsideGrid {
            place: "前进村二组 (U4)".to_owned(),
        }),
        Error::Gathering(GatheringError::UnknownGathering {
            gathering: GatheringId::new(7),
        }),
        Error::Gathering(GatheringError::PostponementNotLater {
            first: day(),
            to: day(),
        }),
        Error::Gathering(GatheringError::NotSimplified { to: 3, expected: 3 }),
        Error::Gathering(GatheringError::UnknownVenue {
            venue: VenueId::new(7),
        }),
        Error::Gathering(GatheringError::VenueNotClosed {
            venue: "向心南水果市场 (VE66)".to_owned(),
            day: day(),
        }),
        Error::Value(ValueError::UnknownLabel {
            what: "role",
            input: "老板".to_owned(),
            expected: "组长、干部".to_owned(),
        }),
        Error::Supervision(SupervisionError::InvalidProbation { months: 3 }),
        Error::Supervision(SupervisionError::EmptyChecklist),
        Error::Supervision(SupervisionError::DuplicateChecklistItem {
            item: "人员在岗".to_owned(),
        }),
        Error::Supervision(SupervisionError::VerdictDisagrees {
            item: "人员在岗".to_owned(),
            shows: "（记录所示）".to_owned(),
            outcome: "passed",
        }),
        Error::Supervision(SupervisionError::UnknownInspection {
            inspection: InspectionId::new(7),
        }),
        Error::Supervision(SupervisionError::ItemNotOnChecklist {
            inspection: InspectionId::new(7),
            item: "人员在岗".to_owned(),
        }),
        Error::Supervision(SupervisionError::ItemNotFailed {
            inspection: InspectionId::new(7),
            item: "人员在岗".to_owned(),
        }),
        Error::Supervision(SupervisionError::UnknownStaffMember {
            staff: StaffId::new(7),
            role: "the staff member inspected",
        }),
        Error::Supervision(SupervisionError::DeadlineBeforeFinding {
            deadline: day(),
            day: day(),
        }),
        Error::Supervision(SupervisionError::UnknownFinding {
            finding: FindingId::new(7),
        }),
        Error::Supervision(SupervisionError::AlreadyRectified {
            finding: FindingId::new(7),
            day: day(),
        }),
        Error::Supervision(SupervisionError::NotResponsibleForFinding {
            actor: "grid worker 王芳 (S3)".to_owned(),
            finding: FindingId::new(7),
            responsible: "cadre 李娜 (S4)".to_owned(),
        }),
        Error::Supervision(SupervisionError::DecisionWithoutFindings),
        Error::Supervision(SupervisionError::DecisionInFuture {
            made: day(),
            today: day(),
        }),
        Error::Supervision(SupervisionError::DecisionBeforeFinding {
            finding: FindingId::new(7),
            found: day(),
            made: day(),
        }),
        Error::Value(ValueError::TooManyRecords {
            what: "inspections",
        }),
        Error::Value(ValueError::DayOutsideRange {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Value(ValueError::InstantOutsideRange {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Value(ValueError::InvalidUtcOffsetText {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Observation(ObservationError::PeriodTooLong {
            what: "follow-on monitoring",
            days: 3,
            max: 3,
        }),
        Error::Value(ValueError::InvalidLenientDay {
            input: MaskedText::new("13812345678 x"),
        }),
        Error::Grid(GridError::NotResponsibleForResident {
            actor: "grid worker 王芳 (S3)".to_owned(),
            resident: ResidentId::new(7),
            group: "前进村二组 (U4)".to_owned(),
        }),
        Error::Grid(GridError::NoContactOnRecord {
            resident: ResidentId::new(7),
            field: "phone",
        }),
        Error::DependsOnRefusedRow {
            row: 3,
            reason: "line 1: expected value".to_owned(),
            reason_zh: "第1行：缺少值".to_owned(),
        },
        Error::BatchRowNotEarlier { row: 3, this: 3 },
        Error::BatchRowCreatedNone {
            row: 3,
            what: "household",
        },
    ]
}

/// What may stay in a Chinese message as it is: quoted input (“…”, "…"), ids (`U7`, `SR1`,
/// `VE66`), and these codes and formats.
const KEPT: &[&str] = &[
    "YYYY-MM-DD",
    "HH:MM",
    "UTC",
    "SHA-256",
    "RFC",
    "LEDGER.md",
    "csv",
    "xlsx",
    "OxCGRT",
];

/// The English words (runs of three or more ASCII letters) left in `zh` once what may stay is
/// taken out.
fn english_words(zh: &str) -> Vec<String> {
    let mut text = String::new();
    let mut quote: Option<char> = None;
    for c in zh.chars() {
        match (quote, c) {
            (None, '“') => quote = Some('”'),
            (None, '"') => quote = Some('"'),
            (Some(end), c) if c == end => quote = None,
            (Some(_), _) => {}
            (None, c) => text.push(c),
        }
    }
    for kept in KEPT {
        text = text.replace(kept, " ");
    }
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            let letters = w.chars().filter(char::is_ascii_alphabetic).count();
            let is_id = w.len() > 1
                && w.trim_start_matches(|c: char| c.is_ascii_uppercase()).len() < w.len()
                && w.trim_start_matches(|c: char| c.is_ascii_uppercase())
                    .chars()
                    .all(|c| c.is_ascii_digit());
            letters >= 3 && !is_id
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_error_reads_in_chinese_without_english_words() {
    // Given one instance of every failure, one nested enum after another
    let mut wrong = Vec::new();
    for err in zh_samples() {
        // When it is rendered in Chinese and in English
        let zh = err.display_zh().to_string();
        let en = err.to_string();
        // Then both say something, the Chinese in Chinese, with no English word left
        assert!(!en.is_empty() && !zh.is_empty(), "{}", err.code());
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}: {zh}",
            err.code()
        );
        let words = english_words(&zh);
        if !words.is_empty() {
            wrong.push(format!("{}: {zh} ({})", err.code(), words.join(" ")));
        }
    }
    assert!(
        wrong.is_empty(),
        "English in Chinese messages:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_english_word_check_keeps_ids_quotes_and_codes() {
    assert!(english_words("“resident 7”不是居民编号，应写成R12这样（UTC，LEDGER.md）").is_empty());
    assert_eq!(english_words("“7”不是resident编号"), ["resident"]);
}
