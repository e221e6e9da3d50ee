//! Duty rosters (issue 20, item 2): leave cancelled from 2020-01-26, checkpoints at the village
//! entries with cadres and volunteers, check-in and check-out, a volunteer's service hours,
//! and the supervision group's covert visit that finds a checkpoint short of people.
//!
//! Given the small township of `common`, when leaders cancel leave, establish posts and
//! shifts, and people check in and out, then the registry says who should be on post and who
//! is, refuses bad input with a clear error and no change, and replays to an equal registry.

use fangkong::audit::Subject;
use fangkong::roster::{ExceptionReason, PostKind, PostKindDefinition, RosterCommand, RosterError};
use fangkong::roster::{PostId, ShiftId};
use fangkong::supervision::{ChecklistItem, InspectionMode, InspectionTarget, ItemCheck, Verdict};
use fangkong::supervision::{FindingSource, RecordShows};
use fangkong::{Error, Registry, Role, StaffId};

use crate::common::{Given, at, day, given};

/// The township's secretary cancels leave from 2020-01-26 (正月初二), recorded on the 25th.
const CANCELLED_AT: &str = "2020-01-25T10:00:00+08:00";

#[track_caller]
fn replay_equal(reg: &Registry) {
    let again = Registry::replay(reg.ledger()).expect("the ledger replays");
    assert_eq!(&again, reg);
}

#[track_caller]
fn roster_error(err: Error) -> RosterError {
    match err {
        Error::Roster(e) => e,
        other => panic!("expected a roster error, got {other:?}"),
    }
}

/// Given leave cancelled for the township from 2020-01-26 until lifted.
fn with_leave_cancelled() -> (Given, fangkong::roster::LeaveCancellationId) {
    let mut g = given();
    let town = g.reg.township();
    let c = g
        .reg
        .cancel_leave(
            g.secretary,
            at(CANCELLED_AT),
            town,
            "全体干部取消休假、返岗到位",
            day("2020-01-26"),
        )
        .unwrap();
    (g, c)
}

#[test]
fn a_leave_inside_the_cancellation_is_refused_naming_it_and_the_days() {
    // Given leave cancelled from 2020-01-26,
    let (mut g, _) = with_leave_cancelled();
    let before = g.reg.clone();
    // when the grid worker asks for leave on the 27th,
    let err = g
        .reg
        .request_leave(
            g.worker_qianjin_1,
            at("2020-01-25T11:00:00+08:00"),
            g.worker_qianjin_1,
            (day("2020-01-27"), day("2020-01-27")),
            "回老家",
        )
        .unwrap_err();
    // then it is refused with the cancellation and the day named,
    assert_eq!(err.code(), "leave_cancelled");
    assert_eq!(
        err.to_string(),
        "Li Hua (S2) may not take leave on 2020-01-27: leave is cancelled by LC1 \"全体干部取消休假、返岗到位\" \
         for Huochezhan (U1) from 2020-01-26 until lifted; a leader must record an exception first"
    );
    assert_eq!(
        err.display_zh().to_string(),
        "Li Hua (S2)不能在2020-01-27休假：LC1“全体干部取消休假、返岗到位”自2020-01-26起至解除为止取消Huochezhan (U1)人员休假；须先由领导登记特批"
    );
    // and nothing changed but the refusal in the ledger.
    assert!(g.reg.state_eq(&before));
    assert_eq!(g.reg.leaves().count(), 0);
    assert_eq!(g.reg.refusals().unwrap().len(), 1);
    replay_equal(&g.reg);
}

#[test]
fn a_leave_with_a_leaders_exception_is_accepted_and_one_before_the_cancellation_too() {
    let (mut g, c) = with_leave_cancelled();
    let t = at("2020-01-25T11:00:00+08:00");
    // Given a leave on the 25th, the day before the cancellation: accepted.
    let early = g
        .reg
        .request_leave(
            g.worker_qianjin_1,
            t,
            g.worker_qianjin_1,
            (day("2020-01-25"), day("2020-01-25")),
            "",
        )
        .unwrap();
    replay_equal(&g.reg);
    // When the secretary excepts the cadre on the 27th for illness,
    let x = g
        .reg
        .grant_leave_exception(
            g.secretary,
            t,
            c,
            g.cadre_qianjin,
            (day("2020-01-27"), day("2020-01-27")),
            ExceptionReason::Illness,
            "发烧，居家休息",
        )
        .unwrap();
    replay_equal(&g.reg);
    // then the cadre's leave on the 27th is accepted, resting on the exception;
    let leave = g
        .reg
        .request_leave(
            g.cadre_qianjin,
            t,
            g.cadre_qianjin,
            (day("2020-01-27"), day("2020-01-27")),
            "",
        )
        .unwrap();
    let held = g.reg.leaves().find(|l| l.id == leave).unwrap();
    assert_eq!(held.exceptions, vec![x]);
    assert!(g.reg.leaves().any(|l| l.id == early));
    // but a leave on the 27th and 28th is refused for the 28th alone.
    let err = g
        .reg
        .request_leave(
            g.cadre_qianjin,
            t,
            g.cadre_qianjin,
            (day("2020-01-27"), day("2020-01-28")),
            "",
        )
        .unwrap_err();
    assert!(matches!(
        roster_error(err),
        RosterError::LeaveCancelled { from, to, .. } if from == day("2020-01-28") && to == day("2020-01-28")
    ));
    replay_equal(&g.reg);
}

#[test]
fn a_lifted_cancellation_binds_until_the_day_before_its_lift() {
    let (mut g, c) = with_leave_cancelled();
    let t = at("2020-01-25T11:00:00+08:00");
    // Given the cancellation lifted on 2020-02-10 (it is in force 01-26 ..= 02-09),
    g.reg
        .roster(
            g.secretary,
            t,
            RosterCommand::LiftLeaveCancellation {
                cancellation: c,
                from: day("2020-02-10"),
            },
        )
        .unwrap();
    let held = g.reg.leave_cancellation(c).unwrap();
    assert!(held.in_force_on(day("2020-02-09")));
    assert!(!held.in_force_on(day("2020-02-10")));
    // then a leave on the 10th is accepted and one on the 9th refused,
    g.reg
        .request_leave(
            g.worker_qianjin_1,
            t,
            g.worker_qianjin_1,
            (day("2020-02-10"), day("2020-02-12")),
            "",
        )
        .unwrap();
    let err = g
        .reg
        .request_leave(
            g.worker_qianjin_1,
            t,
            g.worker_qianjin_1,
            (day("2020-02-09"), day("2020-02-09")),
            "",
        )
        .unwrap_err();
    assert!(err.to_string().contains("until lifted on 2020-02-10"));
    // and a second lift is refused.
    let err = g
        .reg
        .roster(
            g.secretary,
            t,
            RosterCommand::LiftLeaveCancellation {
                cancellation: c,
                from: day("2020-02-20"),
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "cancellation_already_lifted");
    replay_equal(&g.reg);
}

#[test]
fn only_leaders_of_the_unit_cancel_leave_and_a_volunteer_is_not_bound() {
    let (mut g, c) = with_leave_cancelled();
    let t = at("2020-01-25T11:00:00+08:00");
    // A cadre may not cancel leave.
    let err = g
        .reg
        .cancel_leave(g.cadre_qianjin, t, g.qianjin, "取消休假", day("2020-01-26"))
        .unwrap_err();
    assert_eq!(err.code(), "role_not_permitted");
    // A volunteer is not bound, so no exception is needed for them.
    let err = g
        .reg
        .grant_leave_exception(
            g.secretary,
            t,
            c,
            g.volunteer,
            (day("2020-01-27"), day("2020-01-27")),
            ExceptionReason::Family,
            "",
        )
        .unwrap_err();
    assert_eq!(err.code(), "not_bound_by_cancellation");
    // An exception for another reason needs its text.
    let err = g
        .reg
        .grant_leave_exception(
            g.secretary,
            t,
            c,
            g.cadre_qianjin,
            (day("2020-01-27"), day("2020-01-27")),
            ExceptionReason::Other,
            " ",
        )
        .unwrap_err();
    assert_eq!(err.code(), "text_required");
}

/// A checkpoint at Qianjin's entry with a shift from 08:00 to 20:00 on 2020-01-27 needing two
/// people: the cadre and the volunteer (enrolled with consent), the cadre leading it.
struct Checkpoint {
    g: Given,
    post: PostId,
    shift: ShiftId,
}

const MORNING: &str = "2020-01-27T07:30:00+08:00";

fn checkpoint() -> Checkpoint {
    let mut g = given();
    let t = at(MORNING);
    let post = g
        .reg
        .establish_post(
            g.cadre_qianjin,
            t,
            g.qianjin,
            PostKind::CHECKPOINT,
            "前进村东入口卡点",
        )
        .unwrap();
    g.reg
        .enroll_volunteer(
            g.cadre_qianjin,
            t,
            g.volunteer,
            day("2020-01-26"),
            1961,
            g.qianjin,
        )
        .unwrap();
    let shift = g
        .reg
        .schedule_shift(
            g.cadre_qianjin,
            t,
            post,
            (
                at("2020-01-27T08:00:00+08:00"),
                at("2020-01-27T20:00:00+08:00"),
            ),
            2,
            Some(g.cadre_qianjin),
        )
        .unwrap();
    g.reg
        .assign_to_shift(g.cadre_qianjin, t, shift, g.cadre_qianjin)
        .unwrap();
    g.reg
        .assign_to_shift(g.cadre_qianjin, t, shift, g.volunteer)
        .unwrap();
    Checkpoint { g, post, shift }
}

#[test]
fn a_shift_needing_two_with_one_checked_in_is_short_and_a_covert_visit_gets_roster_evidence() {
    // Given the checkpoint's shift needing two, and only the volunteer checked in at 08:00,
    let Checkpoint { mut g, post, shift } = checkpoint();
    g.reg
        .check_in(
            g.volunteer,
            at("2020-01-27T08:00:00+08:00"),
            shift,
            g.volunteer,
        )
        .unwrap();
    // then the day's shifts list it as short,
    let short = g.reg.short_shifts(day("2020-01-27"));
    assert_eq!(short.len(), 1);
    assert_eq!(short[0].shift, shift);
    assert_eq!(short[0].absent, vec![g.cadre_qianjin]);
    assert_eq!(
        short[0].to_string(),
        format!(
            "{shift} at {post} from 2020-01-27T08:00:00+08:00 to 2020-01-27T20:00:00+08:00: 1 of 2 checked in (short)"
        )
    );
    // and at 14:00 the cadre should be there and is not.
    let visit = at("2020-01-27T14:00:00+08:00");
    let on = g.reg.on_post(post, visit);
    assert_eq!(
        (on.expected.clone(), on.present.clone(), on.absent.clone()),
        (
            vec![g.cadre_qianjin, g.volunteer],
            vec![g.volunteer],
            vec![g.cadre_qianjin]
        )
    );
    assert!(on.is_short());
    // and the view reads in English and in Chinese
    assert_eq!(
        on.to_string(),
        format!(
            "{post} at 2020-01-27T14:00:00+08:00: 1 of 2 required on post (present: {}; absent: {})",
            g.volunteer, g.cadre_qianjin
        )
    );
    assert_eq!(
        on.display_zh().to_string(),
        format!(
            "{post} 2020-01-27T14:00:00+08:00：应到2人，实到1人（在岗：{}）（未到：{}）",
            g.volunteer, g.cadre_qianjin
        )
    );

    // When an inspector visits covertly at 14:00,
    let zhao = g
        .reg
        .enroll_staff(g.secretary, visit, "Zhao Min", Role::Inspector, None)
        .unwrap();
    let target = InspectionTarget::Post {
        post,
        unit: g.qianjin,
    };
    let proposed = g.reg.propose_evidence_at(&target, visit);
    let (_, evidence) = proposed
        .iter()
        .find(|(item, _)| *item == ChecklistItem::StaffOnPost)
        .expect("the roster gives evidence for staff on post")
        .clone();
    // then the roster's evidence names the absent cadre,
    assert_eq!(
        evidence.shows,
        RecordShows::StaffAbsentFromPost {
            post,
            at: visit,
            required: 2,
            present: 1,
            absent: vec![g.cadre_qianjin],
        }
    );
    assert!(
        evidence.reference.contains("Chen Gang (S4)"),
        "{}",
        evidence.reference
    );
    // and the inspector confirms it on the failed item and records a finding from it.
    let inspection = g
        .reg
        .record_inspection(
            zhao,
            visit,
            InspectionMode::Covert,
            target,
            visit,
            vec![
                ItemCheck::failed(ChecklistItem::StaffOnPost, "卡点仅一名志愿者在岗")
                    .with_review(evidence.clone(), Verdict::Confirmed),
            ],
        )
        .unwrap();
    let finding = g
        .reg
        .record_finding(
            zhao,
            visit,
            FindingSource::ChecklistItem {
                inspection,
                item: ChecklistItem::StaffOnPost,
            },
            g.cadre_qianjin,
            day("2020-01-28"),
            "前进村东入口卡点缺岗一人",
        )
        .unwrap();
    assert_eq!(g.reg.finding(finding).unwrap().responsible, g.cadre_qianjin);
    let held = g.reg.inspection(inspection).unwrap();
    let review = held.checklist[0].review.as_ref().unwrap();
    assert_eq!(review.proposed, evidence);
    // A confirmation that the item passed disagrees with the roster and is refused.
    let err = g
        .reg
        .record_inspection(
            zhao,
            visit,
            InspectionMode::Covert,
            target,
            visit,
            vec![
                ItemCheck::passed(ChecklistItem::StaffOnPost)
                    .with_review(evidence, Verdict::Confirmed),
            ],
        )
        .unwrap_err();
    assert_eq!(err.code(), "verdict_disagrees");
    // An inspection naming the post in another unit is refused.
    let err = g
        .reg
        .record_inspection(
            zhao,
            visit,
            InspectionMode::Covert,
            InspectionTarget::Post {
                post,
                unit: g.baiyun,
            },
            visit,
            vec![ItemCheck::passed(ChecklistItem::StaffOnPost)],
        )
        .unwrap_err();
    assert_eq!(err.code(), "post_not_in_unit");
    replay_equal(&g.reg);

    // The day's figures count the shift short and the volunteer on duty, in Qianjin's row.
    let figures = g.reg.township_figures(day("2020-01-27"));
    assert_eq!(
        (
            figures.shifts_staffed,
            figures.shifts_short,
            figures.volunteers_on_duty
        ),
        (0, 1, 1)
    );
}

#[test]
fn a_volunteers_hours_are_summed_from_their_shifts_and_capped_at_each() {
    let Checkpoint { mut g, post, shift } = checkpoint();
    // Given a night shift from 20:00 to 08:00 the next morning (it crosses midnight),
    let night = g
        .reg
        .schedule_shift(
            g.cadre_qianjin,
            at(MORNING),
            post,
            (
                at("2020-01-27T20:00:00+08:00"),
                at("2020-01-28T08:00:00+08:00"),
            ),
            1,
            None,
        )
        .unwrap();
    g.reg
        .assign_to_shift(g.cadre_qianjin, at(MORNING), night, g.volunteer)
        .unwrap();
    // when the volunteer checks in early at 07:45 (counted from 08:00), leaves 12:00 - 12:30,
    // checks out at 20:10 (counted to 20:00), and stands the night shift from 20:10 to 02:40,
    for (what, t, s) in [
        ("in", "2020-01-27T07:45:00+08:00", shift),
        ("out", "2020-01-27T12:00:00+08:00", shift),
        ("in", "2020-01-27T12:30:00+08:00", shift),
        ("out", "2020-01-27T20:10:00+08:00", shift),
        ("in", "2020-01-27T20:10:00+08:00", night),
        ("out", "2020-01-28T02:40:00+08:00", night),
    ] {
        let t = at(t);
        if what == "in" {
            g.reg.check_in(g.volunteer, t, s, g.volunteer).unwrap();
        } else {
            g.reg.check_out(g.volunteer, t, s, g.volunteer).unwrap();
        }
        replay_equal(&g.reg);
    }
    // then the service record has both shifts: 4 h + 7 h 30 min, and 6 h 30 min,
    let record = g.reg.service_record(g.volunteer);
    let minutes: Vec<u64> = record.entries.iter().map(|e| e.minutes).collect();
    assert_eq!(minutes, vec![11 * 60 + 30, 6 * 60 + 30]);
    assert_eq!(record.total_minutes, 18 * 60);
    assert_eq!(record.hours_text(), "18 h 0 min");
    assert!(record.display_zh().to_string().contains("共18小时0分钟"));
    // and at 01:00 the volunteer is on post, counted on the night shift's first day.
    let on = g.reg.on_post(post, at("2020-01-28T01:00:00+08:00"));
    assert_eq!(on.shifts, vec![night]);
    assert_eq!(on.present, vec![g.volunteer]);
    assert_eq!(g.reg.shifts_on(day("2020-01-27")).len(), 2);
    assert!(g.reg.shifts_on(day("2020-01-28")).is_empty());
}

#[test]
fn a_volunteer_checks_in_and_out_of_their_own_shifts_and_nothing_else() {
    let Checkpoint { mut g, post, shift } = checkpoint();
    let t = at("2020-01-27T08:05:00+08:00");
    // The volunteer may not check the cadre in,
    let err = g
        .reg
        .check_in(g.volunteer, t, shift, g.cadre_qianjin)
        .unwrap_err();
    assert_eq!(err.code(), "not_self_or_shift_leader");
    // nor establish a post or schedule a shift,
    let err = g
        .reg
        .establish_post(g.volunteer, t, g.qianjin, PostKind::CHECKPOINT, "西入口")
        .unwrap_err();
    assert_eq!(err.code(), "role_not_permitted");
    // but the shift's leader may check the volunteer in, and the volunteer check out.
    g.reg
        .check_in(g.cadre_qianjin, t, shift, g.volunteer)
        .unwrap();
    g.reg
        .check_out(
            g.volunteer,
            at("2020-01-27T09:05:00+08:00"),
            shift,
            g.volunteer,
        )
        .unwrap();
    assert_eq!(g.reg.service_record(g.volunteer).total_minutes, 60);
    let t = at("2020-01-27T09:10:00+08:00");
    // A volunteer may not stand office duty or lead a shift.
    let office = g
        .reg
        .establish_post(
            g.cadre_qianjin,
            t,
            g.qianjin,
            PostKind::OFFICE_DUTY,
            "村委会值班室",
        )
        .unwrap();
    let duty = g
        .reg
        .schedule_shift(
            g.cadre_qianjin,
            t,
            office,
            (
                at("2020-01-29T08:00:00+08:00"),
                at("2020-01-29T18:00:00+08:00"),
            ),
            1,
            None,
        )
        .unwrap();
    let err = g
        .reg
        .assign_to_shift(g.cadre_qianjin, t, duty, g.volunteer)
        .unwrap_err();
    assert_eq!(err.code(), "not_for_volunteers");
    assert_eq!(
        err.display_zh().to_string(),
        "Tang Ping (S5)是志愿者，不能值班"
    );
    let err = g
        .reg
        .schedule_shift(
            g.cadre_qianjin,
            t,
            post,
            (
                at("2020-01-29T08:00:00+08:00"),
                at("2020-01-29T18:00:00+08:00"),
            ),
            1,
            Some(g.volunteer),
        )
        .unwrap_err();
    assert_eq!(err.code(), "not_for_volunteers");
    replay_equal(&g.reg);
}

#[test]
fn bad_input_gets_a_clear_error_and_changes_nothing() {
    let Checkpoint { mut g, post, shift } = checkpoint();
    let t = at("2020-01-27T08:05:00+08:00");
    let someone = g
        .reg
        .enroll_staff(g.secretary, t, "Wu Lan", Role::Volunteer, None)
        .unwrap();
    let before = g.reg.clone();
    let no_consent = format!(
        "Wu Lan ({someone}) has no consent on record: enroll them as a volunteer with the day they consented before they stand a shift"
    );
    let cases: Vec<(&str, StaffId, RosterCommand, &str)> = vec![
        (
            "a shift ending before it starts",
            g.cadre_qianjin,
            RosterCommand::ScheduleShift {
                post,
                start: at("2020-01-28T20:00:00+08:00"),
                end: at("2020-01-28T08:00:00+08:00"),
                required: 1,
                leader: None,
            },
            "the shift ends at 2020-01-28T08:00:00+08:00, not after it starts at 2020-01-28T20:00:00+08:00",
        ),
        (
            "a shift of nobody",
            g.cadre_qianjin,
            RosterCommand::ScheduleShift {
                post,
                start: at("2020-01-28T08:00:00+08:00"),
                end: at("2020-01-28T20:00:00+08:00"),
                required: 0,
                leader: None,
            },
            "a shift must require at least one person",
        ),
        (
            "a volunteer without consent",
            g.cadre_qianjin,
            RosterCommand::EnrollVolunteer {
                staff: someone,
                consent: None,
                birth_year: 1990,
                unit: g.qianjin,
            },
            &no_consent,
        ),
        (
            "a volunteer not enrolled put on a shift",
            g.cadre_qianjin,
            RosterCommand::AssignToShift {
                shift,
                staff: someone,
            },
            &no_consent,
        ),
        (
            "a check-in to a shift the person is not on",
            g.worker_qianjin_1,
            RosterCommand::CheckIn {
                shift,
                staff: g.worker_qianjin_1,
            },
            "Li Hua (S2) is not assigned to shift SF1",
        ),
        (
            "a check-out without a check-in",
            g.volunteer,
            RosterCommand::CheckOut {
                shift,
                staff: g.volunteer,
            },
            "Tang Ping (S5) is not checked in to shift SF1",
        ),
        (
            "a consent in the future",
            g.cadre_qianjin,
            RosterCommand::EnrollVolunteer {
                staff: someone,
                consent: Some(day("2020-02-01")),
                birth_year: 1990,
                unit: g.qianjin,
            },
            "consent dated 2020-02-01 lies after today (2020-01-27)",
        ),
        (
            "an unknown post",
            g.cadre_qianjin,
            RosterCommand::ScheduleShift {
                post: PostId::new(99),
                start: at("2020-01-28T08:00:00+08:00"),
                end: at("2020-01-28T20:00:00+08:00"),
                required: 1,
                leader: None,
            },
            "there is no post PT99",
        ),
        (
            "a kind of post never defined",
            g.cadre_qianjin,
            RosterCommand::EstablishPost {
                unit: g.qianjin,
                kind: "bridge-watch".parse().unwrap(),
                name: "前进桥头".into(),
            },
            "there is no kind of post \"bridge-watch\": define it first, or use a preset such as \"checkpoint\"",
        ),
        (
            "a preset kind defined again",
            g.secretary,
            RosterCommand::DefinePostKind(PostKindDefinition::new(
                PostKind::CHECKPOINT,
                "checkpoint",
                "卡点",
                true,
            )),
            "the kind of post \"checkpoint\" already exists: give the new kind another key",
        ),
        (
            "a post outside the cadre's units",
            g.cadre_qianjin,
            RosterCommand::EstablishPost {
                unit: g.baiyun,
                kind: PostKind::CHECKPOINT,
                name: "白云村卡点".into(),
            },
            "",
        ),
    ];
    for (what, actor, command, message) in cases {
        let err = g.reg.roster(actor, t, command).unwrap_err();
        if !message.is_empty() {
            assert_eq!(err.to_string(), message, "{what}");
        }
        // Every refusal reads in Chinese without an English word of its own.
        let zh = err.display_zh().to_string();
        assert!(
            !zh.contains(" is ") && !zh.contains(" the "),
            "{what}: {zh}"
        );
        assert!(g.reg.state_eq(&before), "{what} changed the registry");
    }
    replay_equal(&g.reg);
}

#[test]
fn replay_is_equal_after_every_kind_of_roster_command() {
    // Given leave cancelled, an exception, a leave, a lift; a post, a shift, a volunteer,
    // assignments, a removal, a check-in and a check-out: the registry replays after each.
    let (mut g, c) = with_leave_cancelled();
    let t = at("2020-01-25T11:00:00+08:00");
    let s = g.secretary;
    let commands: Vec<(StaffId, RosterCommand)> = vec![
        (
            s,
            RosterCommand::DefinePostKind(PostKindDefinition::new(
                "bridge-watch".parse().unwrap(),
                "bridge watch",
                "桥头值守",
                true,
            )),
        ),
        (
            s,
            RosterCommand::EstablishPost {
                unit: g.qianjin,
                kind: "bridge-watch".parse().unwrap(),
                name: "前进桥头".into(),
            },
        ),
        (
            s,
            RosterCommand::GrantLeaveException {
                cancellation: c,
                staff: g.worker_qianjin_1,
                first: day("2020-01-28"),
                last: day("2020-01-29"),
                reason: ExceptionReason::Family,
                note: "家中老人住院".into(),
            },
        ),
        (
            g.worker_qianjin_1,
            RosterCommand::RequestLeave {
                staff: g.worker_qianjin_1,
                first: day("2020-01-28"),
                last: day("2020-01-29"),
                note: "照顾老人".into(),
            },
        ),
        (
            s,
            RosterCommand::EstablishPost {
                unit: g.qianjin,
                kind: PostKind::CHECKPOINT,
                name: "前进村东入口卡点".into(),
            },
        ),
        (
            s,
            RosterCommand::EnrollVolunteer {
                staff: g.volunteer,
                consent: Some(day("2020-01-25")),
                birth_year: 1961,
                unit: g.qianjin,
            },
        ),
        (
            s,
            RosterCommand::ScheduleShift {
                post: PostId::new(2),
                start: at("2020-01-25T12:00:00+08:00"),
                end: at("2020-01-25T20:00:00+08:00"),
                required: 2,
                leader: Some(g.cadre_qianjin),
            },
        ),
        (
            s,
            RosterCommand::AssignToShift {
                shift: ShiftId::new(1),
                staff: g.volunteer,
            },
        ),
        (
            s,
            RosterCommand::AssignToShift {
                shift: ShiftId::new(1),
                staff: g.worker_qianjin_1,
            },
        ),
        (
            s,
            RosterCommand::RemoveFromShift {
                shift: ShiftId::new(1),
                staff: g.worker_qianjin_1,
            },
        ),
        (
            g.volunteer,
            RosterCommand::CheckIn {
                shift: ShiftId::new(1),
                staff: g.volunteer,
            },
        ),
        (
            g.cadre_qianjin,
            RosterCommand::CheckOut {
                shift: ShiftId::new(1),
                staff: g.volunteer,
            },
        ),
        (
            s,
            RosterCommand::LiftLeaveCancellation {
                cancellation: c,
                from: day("2020-02-15"),
            },
        ),
    ];
    let mut when = t;
    for (actor, command) in commands {
        let what = format!("{command:?}");
        g.reg.roster(actor, when, command).expect(&what);
        replay_equal(&g.reg);
        when = when.plus_seconds(1800);
    }
    // A refused roster command replays too.
    let _ = g.reg.roster(
        g.volunteer,
        when,
        RosterCommand::CheckIn {
            shift: ShiftId::new(7),
            staff: g.volunteer,
        },
    );
    replay_equal(&g.reg);
    let jsonl = g.reg.ledger().to_jsonl();
    let loaded = fangkong::Ledger::from_jsonl(&jsonl).unwrap();
    assert_eq!(Registry::replay(&loaded).unwrap(), g.reg);
}

#[test]
fn the_audit_trail_finds_posts_shifts_and_volunteers() {
    let Checkpoint { mut g, post, shift } = checkpoint();
    g.reg
        .check_in(
            g.volunteer,
            at("2020-01-27T08:00:00+08:00"),
            shift,
            g.volunteer,
        )
        .unwrap();
    let kinds = |reg: &Registry, subject: Subject| -> Vec<String> {
        reg.trail(subject, &[])
            .unwrap()
            .entries
            .iter()
            .map(|e| match &e.body {
                fangkong::Body::Event(fangkong::Event::Roster(r)) => format!("{r:?}")
                    .split([' ', '{'])
                    .next()
                    .unwrap()
                    .to_owned(),
                other => format!("{other:?}").chars().take(20).collect(),
            })
            .collect()
    };
    // The post's trail: established, its shift scheduled.
    assert_eq!(
        kinds(&g.reg, Subject::Post(post)),
        vec!["PostEstablished", "ShiftScheduled"]
    );
    // The shift's: scheduled, two people assigned, a check-in.
    assert_eq!(
        kinds(&g.reg, Subject::Shift(shift)),
        vec![
            "ShiftScheduled",
            "AssignedToShift",
            "AssignedToShift",
            "CheckedIn"
        ]
    );
    // The volunteer's (a member of staff): enrolled as staff, as a volunteer, assigned, in.
    let volunteer = kinds(&g.reg, Subject::Staff(g.volunteer));
    assert!(volunteer.ends_with(&[
        "VolunteerEnrolled".to_owned(),
        "AssignedToShift".to_owned(),
        "CheckedIn".to_owned()
    ]));
    // Exporting a post's trail is a recorded read, as any.
    let export = g
        .reg
        .export_trail(
            g.secretary,
            at("2020-01-27T09:00:00+08:00"),
            Subject::Post(post),
            &[],
        )
        .unwrap();
    assert_eq!(export.entries.len() + export.pending.len(), 2);
}

#[test]
fn a_cadre_on_leave_is_not_put_on_a_shift_and_overlapping_shifts_are_refused() {
    let Checkpoint { mut g, post, shift } = checkpoint();
    let t = at(MORNING);
    g.reg
        .request_leave(
            g.worker_qianjin_1,
            t,
            g.worker_qianjin_1,
            (day("2020-01-27"), day("2020-01-27")),
            "",
        )
        .unwrap();
    let err = g
        .reg
        .assign_to_shift(g.cadre_qianjin, t, shift, g.worker_qianjin_1)
        .unwrap_err();
    assert_eq!(err.code(), "on_leave");
    let overlapping = g
        .reg
        .schedule_shift(
            g.cadre_qianjin,
            t,
            post,
            (
                at("2020-01-27T19:00:00+08:00"),
                at("2020-01-27T23:00:00+08:00"),
            ),
            1,
            None,
        )
        .unwrap();
    let err = g
        .reg
        .assign_to_shift(g.cadre_qianjin, t, overlapping, g.volunteer)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("Tang Ping (S5) is already on shift {shift}, which overlaps shift {overlapping}")
    );
    // A volunteer serves their own unit only.
    let baiyun_post = g
        .reg
        .establish_post(g.secretary, t, g.baiyun, PostKind::CHECKPOINT, "白云村卡点")
        .unwrap();
    let there = g
        .reg
        .schedule_shift(
            g.secretary,
            t,
            baiyun_post,
            (
                at("2020-01-30T08:00:00+08:00"),
                at("2020-01-30T12:00:00+08:00"),
            ),
            1,
            None,
        )
        .unwrap();
    let err = g
        .reg
        .assign_to_shift(g.secretary, t, there, g.volunteer)
        .unwrap_err();
    assert_eq!(err.code(), "volunteer_outside_unit");
}

#[cfg(feature = "csv")]
#[test]
fn the_days_table_exports_the_roster_figures_with_chinese_headings() {
    use fangkong::report::{Lang, tables_to_csv};
    let Checkpoint { mut g, shift, .. } = checkpoint();
    g.reg
        .check_in(
            g.volunteer,
            at("2020-01-27T08:00:00+08:00"),
            shift,
            g.volunteer,
        )
        .unwrap();
    let csv = tables_to_csv(&[g.reg.day_table(day("2020-01-27"))], Lang::Zh).unwrap();
    let header = csv.lines().next().unwrap();
    for heading in ["班次到岗", "班次缺岗", "志愿者在岗"] {
        assert!(header.contains(heading), "{header}");
    }
}

mod properties {
    use proptest::prelude::*;

    use super::{Checkpoint, checkpoint, replay_equal};
    use crate::common::at;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Given the checkpoint's 08:00-20:00 shift, when the volunteer and the cadre try to
        /// check in and out at any instants from 06:00 to 22:00, in order, then the minutes
        /// served never exceed the shift's, each is the sum of the stretches cut to the shift,
        /// a refused attempt changes nothing, and the registry replays to an equal one.
        #[test]
        fn minutes_served_stay_within_the_shift_and_replay(
            steps in proptest::collection::vec((0u32..16 * 60, any::<bool>(), any::<bool>()), 1..12)
        ) {
            let Checkpoint { mut g, shift, .. } = checkpoint();
            let mut steps = steps;
            steps.sort_by_key(|s| s.0);
            let six = at("2020-01-27T06:00:00+08:00");
            for (minute, check_in, cadre) in steps {
                let t = six.plus_seconds(i64::from(minute) * 60);
                let who = if cadre { g.cadre_qianjin } else { g.volunteer };
                let before = g.reg.clone();
                let result = if check_in {
                    g.reg.check_in(who, t, shift, who)
                } else {
                    g.reg.check_out(who, t, shift, who)
                };
                if result.is_err() {
                    prop_assert!(g.reg.state_eq(&before));
                }
            }
            for who in [g.volunteer, g.cadre_qianjin] {
                let record = g.reg.service_record(who);
                prop_assert!(record.total_minutes <= 12 * 60);
                let s = g.reg.shift(shift).unwrap();
                let expected: i64 = s
                    .presence_of(who)
                    .iter()
                    .filter_map(|p| {
                        let out = p.check_out?;
                        let from = p.check_in.max(s.start);
                        let to = out.min(s.end);
                        Some(to.seconds_since(from).max(0))
                    })
                    .sum();
                prop_assert_eq!(record.total_minutes as i64, expected / 60);
            }
            replay_equal(&g.reg);
        }
    }
}
