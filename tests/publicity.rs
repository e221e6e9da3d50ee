//! Publicity (宣传引导) that reaches every household: coverage by household with the worker of
//! each group not reached, OxCGRT H1 beside C2–C4, counts and daily figures, the audit trail,
//! refusals that change nothing, and replay after every kind of publicity command.

use fangkong::audit::Subject;
use fangkong::gathering::Flag;
use fangkong::publicity::{
    BroadcastSchedule, CampaignId, Channel, Delivery, Form, PublicityAction, PublicityActionId,
    PublicityCommand, PublicityEvent, PublicityKind, PublicityKindDefinition, PublicityRef,
};
use fangkong::report::{FIGURE_LABELS, Lang};
use fangkong::synth::{self, TownshipSpec};
use fangkong::{Body, Error, Event, Instant, Registry, StaffId, UnitId};
use proptest::prelude::*;

use crate::common::*;

/// 2020-01-25 at `time`, China time.
#[track_caller]
fn jan25(time: &str) -> Instant {
    at(&format!("2020-01-25T{time}:00+08:00"))
}

/// The township's letter (PC1), launched by the secretary on 2020-01-24 to cover both
/// villages until it ends.
#[track_caller]
fn the_letter(g: &mut Given) -> CampaignId {
    let town = g.reg.township();
    g.reg
        .launch_campaign(
            g.secretary,
            at(T0),
            town,
            "致广大居民的一封信",
            vec![g.qianjin, g.baiyun],
            day("2020-01-24"),
            None,
        )
        .unwrap()
}

/// Executes `command` and checks that it is refused with `code`, that the refusal is in the
/// ledger, and that nothing else changed; gives the error back.
#[track_caller]
fn refused(reg: &mut Registry, actor: StaffId, when: Instant, command: PublicityCommand) -> Error {
    let before = reg.clone();
    let err = reg.execute(actor, when, command).unwrap_err();
    assert!(reg.state_eq(&before), "a refusal changed the state: {err}");
    assert_eq!(reg.ledger().len(), before.ledger().len() + 1);
    assert_eq!(
        reg.refusals().unwrap().len(),
        before.refusals().unwrap().len() + 1
    );
    err
}

fn record(a: PublicityAction) -> PublicityCommand {
    PublicityCommand::RecordAction(a)
}

#[test]
fn preset_kinds_read_back_their_names_and_say_their_form_and_channel() {
    // Given every preset kind of publicity
    for kind in PublicityKind::PRESETS {
        // Then its key, English name and Chinese term read back as it, serde through its key,
        for name in [kind.key(), kind.label_en(), kind.label_zh()] {
            assert_eq!(name.parse::<PublicityKind>().as_ref(), Ok(kind), "{name}");
        }
        let json = serde_json::to_string(kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.key()));
        assert_eq!(serde_json::from_str::<PublicityKind>(&json).unwrap(), *kind);
        // and it is door to door exactly when it is delivered to households.
        let (form, channel) = (kind.preset_form().unwrap(), kind.preset_channel().unwrap());
        assert_eq!(
            form == Form::Delivery,
            channel == Channel::DoorToDoor,
            "{kind}"
        );
    }
    // The traditional media of H1 are the van, loudspeakers, letters and posters.
    let traditional: Vec<&str> = PublicityKind::PRESETS
        .iter()
        .filter(|k| !k.preset_channel().unwrap().is_online())
        .map(|k| k.key())
        .collect();
    assert_eq!(
        traditional,
        ["letter", "leaflet", "van", "loudspeaker", "poster"]
    );
    assert!(serde_json::from_str::<PublicityKind>("\"Not A Key\"").is_err());
}

#[test]
fn coverage_lists_the_one_household_not_reached_under_its_group_with_its_worker() {
    // Given the article's township, 4,248 households, and the township's letter to all of them
    let mut town = synth::build(&TownshipSpec::huochezhan()).unwrap();
    let secretary = town.secretary;
    let villages: Vec<UnitId> = town.leaders.iter().map(|(u, _)| *u).collect();
    let reg = &mut town.registry;
    let launched = at("2020-01-24T08:30:00+08:00");
    let township = reg.township();
    let letter = reg
        .launch_campaign(
            secretary,
            launched,
            township,
            "致广大居民的一封信",
            villages,
            day("2020-01-24"),
            None,
        )
        .unwrap();
    // When every grid worker delivers it to every household of the group, one household aside
    let missed = town.households[1_000].0;
    let delivered = at("2020-01-25T17:00:00+08:00");
    for (group, worker) in &town.grid_workers {
        let deliveries: Vec<Delivery> = reg
            .households_in(*group)
            .into_iter()
            .filter(|h| *h != missed)
            .map(|h| Delivery::new(h, 1 + h.get() % 2))
            .collect();
        let letters =
            PublicityAction::letters(*group, day("2020-01-25"), deliveries).in_campaign(letter);
        reg.record_publicity(*worker, delivered, letters).unwrap();
    }
    // Then 4,247 of 4,248 households are reached,
    let coverage = reg.campaign_coverage(letter).unwrap();
    assert_eq!((coverage.reached, coverage.households), (4_247, 4_248));
    // and the one not reached is listed under its group, with the group's grid worker.
    let group = reg.household(missed).unwrap().group;
    let worker = town
        .grid_workers
        .iter()
        .find(|(g, _)| *g == group)
        .unwrap()
        .1;
    assert_eq!(coverage.not_reached.len(), 1);
    let row = &coverage.not_reached[0];
    assert_eq!(row.group, group);
    assert_eq!(
        row.workers.iter().map(|w| w.staff).collect::<Vec<_>>(),
        vec![worker]
    );
    assert_eq!(
        coverage
            .unreached()
            .map(|h| h.household)
            .collect::<Vec<_>>(),
        vec![missed]
    );
    let text = coverage.to_string();
    assert!(
        text.starts_with("4247 of 4248 households reached ("),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{} ({group}), worker {} ({worker}): {missed} ",
            reg.unit(group).unwrap().name,
            reg.staff(worker).unwrap().name
        )),
        "{text}"
    );
    assert!(
        coverage
            .display_zh()
            .to_string()
            .starts_with("已入户宣传 4247/4248 户（"),
    );
    // The same households by day, whatever the campaign, and in the daily figures.
    let by_day = reg.publicity_coverage(township, day("2020-01-25"), day("2020-01-25"));
    assert_eq!((by_day.reached, by_day.households), (4_247, 4_248));
    assert_eq!(by_day.copies, coverage.copies);
    let figures = reg.township_figures(day("2020-01-25"));
    assert_eq!(figures.households_reached_cumulative, 4_247);
    assert_eq!(figures.households_reached_new, 4_247);
    assert_eq!(figures.letters_new, coverage.copies);
    assert!(coverage.copies > 6_000);
    // The day before, nothing had been delivered.
    assert_eq!(
        reg.publicity_coverage(township, day("2020-01-24"), day("2020-01-24"))
            .reached,
        0
    );
}

#[test]
fn h1_is_two_and_general_for_the_township_with_van_loudspeaker_letters_and_messages() {
    // Given the township's letter campaign
    let mut g = given();
    let letter = the_letter(&mut g);
    let town = g.reg.township();
    // When on the 25th its van goes out, Qianjin's loudspeakers loop, Li Hua delivers letters
    // and the secretary messages the township's work group, all as part of the campaign
    let van = PublicityAction::van_outing(
        town,
        jan25("09:00"),
        jan25("10:00"),
        vec![g.qianjin, g.baiyun],
    );
    g.reg
        .record_publicity(g.secretary, jan25("10:00"), van.in_campaign(letter))
        .unwrap();
    let loudspeaker = PublicityAction::broadcast(
        g.qianjin,
        BroadcastSchedule::Loop {
            start: jan25("07:00"),
            end: jan25("19:00"),
        },
    );
    g.reg
        .record_publicity(
            g.cadre_qianjin,
            jan25("10:30"),
            loudspeaker.in_campaign(letter),
        )
        .unwrap();
    let letters = PublicityAction::letters(
        g.qianjin_1,
        day("2020-01-25"),
        vec![Delivery::new(g.home, 2)],
    );
    g.reg
        .record_publicity(
            g.worker_qianjin_1,
            jan25("11:00"),
            letters.in_campaign(letter),
        )
        .unwrap();
    // Before any message online, the campaign is traditional media only: H1 = 1.
    assert_eq!(g.reg.h1(town, day("2020-01-25")).value, 1);
    let message = PublicityAction::message(town, jan25("20:00"), "火车站乡防控工作群", Some(300));
    g.reg
        .record_publicity(g.secretary, jan25("20:00"), message.in_campaign(letter))
        .unwrap();
    // Then the township coded as itself is H1 = 2, general, set by the campaign
    let h1 = g.reg.h1(town, day("2020-01-25"));
    assert_eq!((h1.value, h1.flag), (2, Some(Flag::General)));
    assert_eq!(
        h1.to_string(),
        "H1 = 2 general (campaign PC1 \"致广大居民的一封信\")"
    );
    assert_eq!(
        h1.display_zh().to_string(),
        "H1 = 2 全域（宣传活动 PC1“致广大居民的一封信”）"
    );
    // and so is each village in it; the campaign runs on while it has not ended,
    assert_eq!(g.reg.h1(g.baiyun, day("2020-01-25")).value, 2);
    assert_eq!(g.reg.h1(town, day("2020-02-01")).value, 2);
    // but before the campaign's first action there is nothing to code.
    assert_eq!(g.reg.h1(town, day("2020-01-24")).to_string(), "H1 = 0");
    // H1 reads beside C2–C4.
    assert_eq!(
        g.reg.oxcgrt_indicators(town, day("2020-01-25")).to_string(),
        "U1 on 2020-01-25: C2 = 0; C3 = 0; C4 = 0; H1 = 2 general (campaign PC1 \"致广大居民的一封信\")"
    );
}

#[test]
fn without_a_campaign_the_townships_van_and_messages_are_two_general_too() {
    // Given the township's van and its work group, recorded without a campaign
    let mut g = given();
    let town = g.reg.township();
    let van = g
        .reg
        .record_publicity(
            g.secretary,
            jan25("10:00"),
            PublicityAction::van_outing(town, jan25("09:00"), jan25("10:00"), vec![g.qianjin]),
        )
        .unwrap();
    let message = g
        .reg
        .record_publicity(
            g.secretary,
            jan25("20:00"),
            PublicityAction::message(town, jan25("20:00"), "火车站乡防控工作群", None),
        )
        .unwrap();
    // Then on that day H1 = 2, general, set by both; the day after, nothing runs.
    let h1 = g.reg.h1(town, day("2020-01-25"));
    assert_eq!((h1.value, h1.flag), (2, Some(Flag::General)));
    assert_eq!(
        h1.set_by,
        vec![
            PublicityRef::Action {
                action: van,
                kind: PublicityKind::VAN
            },
            PublicityRef::Action {
                action: message,
                kind: PublicityKind::ONLINE
            },
        ]
    );
    assert_eq!(g.reg.h1(town, day("2020-01-26")).value, 0);
}

#[test]
fn h1_is_targeted_when_only_one_village_broadcasts_coded_at_the_township() {
    // Given only Qianjin's loudspeakers, three times on the 25th
    let mut g = given();
    let times = vec![jan25("07:00"), jan25("12:00"), jan25("18:30")];
    let action = g
        .reg
        .record_publicity(
            g.cadre_qianjin,
            jan25("19:00"),
            PublicityAction::broadcast(g.qianjin, BroadcastSchedule::Times(times)),
        )
        .unwrap();
    let town = g.reg.township();
    // Then the township coded as itself is H1 = 1, targeted, set by that broadcast;
    let h1 = g.reg.h1(town, day("2020-01-25"));
    assert_eq!((h1.value, h1.flag), (1, Some(Flag::Targeted)));
    assert_eq!(
        h1.to_string(),
        format!("H1 = 1 targeted (village loudspeaker {action})")
    );
    // Qianjin and its groups are covered whole: general; Baiyun has nothing.
    assert_eq!(
        g.reg.h1(g.qianjin, day("2020-01-25")).flag,
        Some(Flag::General)
    );
    assert_eq!(
        g.reg.h1(g.qianjin_1, day("2020-01-25")).flag,
        Some(Flag::General)
    );
    assert_eq!(g.reg.h1(g.baiyun, day("2020-01-25")).value, 0);
    assert_eq!(g.reg.h1(town, day("2020-01-24")).value, 0);
}

#[test]
fn counts_and_daily_figures_count_letters_households_outings_and_broadcasts() {
    // Given two days of publicity in Qianjin and by the township
    let mut g = given();
    let second = g
        .reg
        .register_household(g.worker_qianjin_1, at(T0), g.qianjin_1, "Qianjin 1-02")
        .unwrap();
    let town = g.reg.township();
    let (d1, d2) = (day("2020-01-25"), day("2020-01-26"));
    g.reg
        .record_publicity(
            g.worker_qianjin_1,
            jan25("17:00"),
            PublicityAction::letters(g.qianjin_1, d1, vec![Delivery::new(g.home, 2)]),
        )
        .unwrap();
    g.reg
        .record_publicity(
            g.secretary,
            jan25("18:00"),
            PublicityAction::van_outing(town, jan25("09:00"), jan25("10:00"), vec![g.qianjin]),
        )
        .unwrap();
    // A loop from the 25th through the 26th: one broadcast on each day.
    g.reg
        .record_publicity(
            g.cadre_qianjin,
            jan25("18:30"),
            PublicityAction::broadcast(
                g.qianjin,
                BroadcastSchedule::Loop {
                    start: jan25("07:00"),
                    end: at("2020-01-26T19:00:00+08:00"),
                },
            ),
        )
        .unwrap();
    let next = at("2020-01-26T17:00:00+08:00");
    g.reg
        .record_publicity(
            g.worker_qianjin_1,
            next,
            PublicityAction::letters(
                g.qianjin_1,
                d2,
                vec![Delivery::new(g.home, 1), Delivery::new(second, 1)],
            ),
        )
        .unwrap();
    // Then counts by unit and day
    let tally = g.reg.publicity_counts(town, d1, d2).unwrap();
    assert_eq!(tally.get(g.qianjin_1, d1).copies, 2);
    assert_eq!(tally.get(g.qianjin_1, d2).households, 2);
    assert_eq!(tally.get(town, d1).outings, 1);
    assert_eq!(tally.of(g.qianjin).unwrap().broadcasts, 2);
    assert_eq!(tally.on(d2).unwrap().copies, 2);
    assert_eq!(
        tally.total().unwrap().to_string(),
        "4 copies to 3 households, 1 outing(s), 2 broadcast(s), 0 message(s), 0 poster(s)"
    );
    // Only what ran in Baiyun counts for Baiyun: nothing.
    assert!(
        g.reg
            .publicity_counts(g.baiyun, d1, d2)
            .and_then(|t| t.total())
            .unwrap()
            .is_zero()
    );
    // And the daily figures: letters and households in Qianjin's row, the van in the
    // township's own row, new and cumulative.
    let q1 = g.reg.daily_figures(g.qianjin, d1);
    let q2 = g.reg.daily_figures(g.qianjin, d2);
    assert_eq!((q1.letters_new, q1.letters_cumulative), (2, 2));
    assert_eq!((q2.letters_new, q2.letters_cumulative), (2, 4));
    assert_eq!(
        (q1.households_reached_new, q1.households_reached_cumulative),
        (1, 1)
    );
    assert_eq!(
        (q2.households_reached_new, q2.households_reached_cumulative),
        (1, 2)
    );
    assert_eq!((q1.broadcasts_new, q2.broadcasts_cumulative), (1, 2));
    let t2 = g.reg.daily_figures(town, d2);
    assert_eq!((t2.van_outings_new, t2.van_outings_cumulative), (0, 1));
    assert!(!q2.is_zero_report());
    assert_eq!(g.reg.township_figures(d2).letters_cumulative, 4);
    // The exports carry the figures with their Chinese headings.
    let headings = g.reg.day_table(d2).to_sheet(Lang::Zh).headings;
    for zh in [
        "新增入户信件",
        "累计入户信件",
        "新增宣传到户",
        "累计宣传到户",
        "宣传车出车",
        "累计宣传车出车",
        "广播次数",
        "累计广播次数",
    ] {
        assert!(headings.iter().any(|h| h == zh), "no {zh} in {headings:?}");
        assert!(FIGURE_LABELS.iter().any(|l| l.zh == zh));
    }
    #[cfg(feature = "csv")]
    {
        let csv = fangkong::report::tables_to_csv(&[g.reg.day_table(d2)], Lang::Zh).unwrap();
        assert!(
            csv.lines().next().unwrap().contains("新增入户信件"),
            "{csv}"
        );
    }
}

#[test]
fn a_households_trail_finds_the_letters_delivered_to_it() {
    // Given a letter delivered to the household, in a batch with its neighbour
    let mut g = given();
    let second = g
        .reg
        .register_household(g.worker_qianjin_1, at(T0), g.qianjin_1, "Qianjin 1-02")
        .unwrap();
    let action = g
        .reg
        .record_publicity(
            g.worker_qianjin_1,
            jan25("17:00"),
            PublicityAction::letters(
                g.qianjin_1,
                day("2020-01-25"),
                vec![Delivery::new(g.home, 1), Delivery::new(second, 2)],
            ),
        )
        .unwrap();
    // Then each household's trail holds the delivery, and the registry lists it for each.
    for h in [g.home, second] {
        let trail = g.reg.trail(Subject::Household(h), &[]).unwrap();
        let last = trail.entries.last().unwrap();
        assert!(
            matches!(&last.body, Body::Event(Event::Publicity(_))),
            "{last}"
        );
        assert_eq!(g.reg.publicity_delivered_to(h)[0].id, action);
    }
}

#[test]
fn bad_publicity_is_refused_with_a_clear_error_and_changes_nothing() {
    let mut g = given();
    let letter = the_letter(&mut g);
    let town = g.reg.township();
    let d = day("2020-01-25");
    let when = jan25("17:00");
    let other = g
        .reg
        .register_household(g.secretary, at(T0), g.qianjin_2, "Qianjin 2-01")
        .unwrap();

    // A letter to a household outside the worker's reach.
    let err = refused(
        &mut g.reg,
        g.worker_qianjin_1,
        when,
        record(PublicityAction::letters(
            g.qianjin_1,
            d,
            vec![Delivery::new(other, 1)],
        )),
    );
    assert_eq!(err.code(), "outside_assigned_units");
    assert!(err.to_string().contains("Qianjin group 2"), "{err}");

    // A household of another group, within the cadre's reach, in a delivery of group 1.
    let err = refused(
        &mut g.reg,
        g.cadre_qianjin,
        when,
        record(PublicityAction::letters(
            g.qianjin_1,
            d,
            vec![Delivery::new(other, 1)],
        )),
    );
    assert_eq!(
        err.to_string(),
        format!("{other} (Qianjin group 2 (U5)) is not within Qianjin group 1 (U4)")
    );

    // A letter recorded as a van's outing, and back.
    let err = refused(
        &mut g.reg,
        g.worker_qianjin_1,
        when,
        record(
            PublicityAction::letters(g.qianjin_1, d, vec![Delivery::new(g.home, 1)])
                .of_kind(PublicityKind::VAN),
        ),
    );
    assert_eq!(
        err.to_string(),
        "\"publicity van\" is recorded in the form \"outing\", not \"delivery to households\""
    );
    assert_eq!(
        err.display_zh().to_string(),
        "“流动宣传车”应按“出车”记录，不能按“入户发放”记录"
    );

    // The same household twice, no copies, nothing listed, a day not yet come.
    let twice = vec![Delivery::new(g.home, 1), Delivery::new(g.home, 1)];
    let err = refused(
        &mut g.reg,
        g.worker_qianjin_1,
        when,
        record(PublicityAction::letters(g.qianjin_1, d, twice)),
    );
    assert_eq!(
        err.to_string(),
        format!("{} is listed twice: list each once", g.home)
    );
    let err = refused(
        &mut g.reg,
        g.worker_qianjin_1,
        when,
        record(PublicityAction::letters(
            g.qianjin_1,
            d,
            vec![Delivery::new(g.home, 0)],
        )),
    );
    assert_eq!(
        err.to_string(),
        "the copies delivered to a household cannot be 0: write at least 1"
    );
    assert_eq!(err.display_zh().to_string(), "每户发放份数不能为0：至少为1");
    let err = refused(
        &mut g.reg,
        g.worker_qianjin_1,
        when,
        record(PublicityAction::letters(g.qianjin_1, d, vec![])),
    );
    assert_eq!(err.code(), "nothing_listed");
    let err = refused(
        &mut g.reg,
        g.worker_qianjin_1,
        when,
        record(PublicityAction::letters(
            g.qianjin_1,
            day("2020-01-26"),
            vec![Delivery::new(g.home, 1)],
        )),
    );
    assert_eq!(
        err.to_string(),
        "the delivery is dated 2020-01-26, after today (2020-01-25): record it once it has happened"
    );

    // An outing that ends before it starts, one over a village outside its unit, one not yet
    // begun, a loop over more than a year.
    let err = refused(
        &mut g.reg,
        g.secretary,
        when,
        record(PublicityAction::van_outing(
            town,
            jan25("10:00"),
            jan25("09:00"),
            vec![g.qianjin],
        )),
    );
    assert_eq!(
        err.to_string(),
        "the outing ends at 2020-01-25T09:00:00+08:00, before it starts at 2020-01-25T10:00:00+08:00: check the times"
    );
    let err = refused(
        &mut g.reg,
        g.cadre_qianjin,
        when,
        record(PublicityAction::van_outing(
            g.qianjin,
            jan25("09:00"),
            jan25("10:00"),
            vec![g.baiyun],
        )),
    );
    assert_eq!(err.code(), "not_within_unit");
    let err = refused(
        &mut g.reg,
        g.secretary,
        when,
        record(PublicityAction::van_outing(
            town,
            jan25("18:00"),
            jan25("19:00"),
            vec![g.qianjin],
        )),
    );
    assert_eq!(err.code(), "action_starts_in_future");
    let err = refused(
        &mut g.reg,
        g.cadre_qianjin,
        when,
        record(PublicityAction::broadcast(
            g.qianjin,
            BroadcastSchedule::Loop {
                start: jan25("07:00"),
                end: at("2021-02-01T07:00:00+08:00"),
            },
        )),
    );
    assert_eq!(
        err.to_string(),
        "the broadcast loop lasts 374 days, longer than 366: check the dates, or record it in parts"
    );

    // A kind nobody defined, one whose channel does not fit its form, a volunteer.
    let err = refused(
        &mut g.reg,
        g.worker_qianjin_1,
        when,
        record(
            PublicityAction::letters(g.qianjin_1, d, vec![Delivery::new(g.home, 1)])
                .of_kind("flyer".parse().unwrap()),
        ),
    );
    assert_eq!(err.code(), "unknown_publicity_kind");
    let err = refused(
        &mut g.reg,
        g.secretary,
        when,
        PublicityCommand::DefineKind(PublicityKindDefinition::new(
            "phone-call".parse().unwrap(),
            "phone call",
            "电话通知",
            Form::Message,
            Channel::DoorToDoor,
        )),
    );
    assert_eq!(err.code(), "publicity_kind_inconsistent");
    let err = refused(
        &mut g.reg,
        g.volunteer,
        when,
        record(PublicityAction::posters(g.qianjin, d, "村部", 5)),
    );
    assert_eq!(err.code(), "role_not_permitted");

    // An unknown campaign, a campaign's action outside its days or its unit, and a campaign
    // ended before one of its actions.
    let err = refused(
        &mut g.reg,
        g.cadre_qianjin,
        when,
        record(PublicityAction::posters(g.qianjin, d, "村部", 5).in_campaign(CampaignId::new(9))),
    );
    assert_eq!(
        err.to_string(),
        "there is no publicity campaign PC9 in this registry"
    );
    let village = g
        .reg
        .launch_campaign(
            g.secretary,
            when,
            g.baiyun,
            "白云村广播",
            vec![g.baiyun],
            d,
            Some(d),
        )
        .unwrap();
    let err = refused(
        &mut g.reg,
        g.cadre_qianjin,
        when,
        record(PublicityAction::posters(g.qianjin, d, "村部", 5).in_campaign(village)),
    );
    assert_eq!(err.code(), "not_within_unit");
    let next_day = at("2020-01-26T09:00:00+08:00");
    let err = refused(
        &mut g.reg,
        g.secretary,
        next_day,
        record(
            PublicityAction::posters(g.baiyun, day("2020-01-26"), "村部", 5).in_campaign(village),
        ),
    );
    assert_eq!(
        err.to_string(),
        format!(
            "the action runs from 2020-01-26 to 2020-01-26, outside publicity campaign {village}, \
             which runs from 2020-01-25 to 2020-01-25: record it within the campaign's days, or \
             without the campaign"
        )
    );
    let posters = g
        .reg
        .record_publicity(
            g.cadre_qianjin,
            next_day,
            PublicityAction::posters(g.qianjin, day("2020-01-26"), "村部", 5).in_campaign(letter),
        )
        .unwrap();
    let err = refused(
        &mut g.reg,
        g.secretary,
        next_day,
        PublicityCommand::EndCampaign {
            campaign: letter,
            last: day("2020-01-25"),
        },
    );
    assert_eq!(
        err.to_string(),
        format!(
            "publicity campaign {letter} cannot end on 2020-01-25: its action {posters} runs to 2020-01-26"
        )
    );
    g.reg
        .end_campaign(g.secretary, next_day, letter, day("2020-01-31"))
        .unwrap();
    let err = refused(
        &mut g.reg,
        g.secretary,
        next_day,
        PublicityCommand::EndCampaign {
            campaign: letter,
            last: day("2020-02-29"),
        },
    );
    assert_eq!(err.code(), "campaign_already_ended");
    // A campaign that ends before it starts.
    let err = refused(
        &mut g.reg,
        g.secretary,
        next_day,
        PublicityCommand::LaunchCampaign {
            unit: g.qianjin,
            title: "一封信".into(),
            cover: vec![g.qianjin],
            first: d,
            last: Some(day("2020-01-24")),
        },
    );
    assert_eq!(
        err.display_zh().to_string(),
        "宣传活动在2020-01-24结束，早于开始日期2020-01-25：请核对日期"
    );
    // A campaign run by a village is a leader's of that village: the grid worker may not.
    let err = refused(
        &mut g.reg,
        g.worker_qianjin_1,
        next_day,
        PublicityCommand::LaunchCampaign {
            unit: g.qianjin_1,
            title: "一封信".into(),
            cover: vec![g.qianjin_1],
            first: d,
            last: None,
        },
    );
    assert_eq!(err.code(), "role_not_permitted");
    // Every refusal replays as a refusal with its code.
    assert_eq!(Registry::replay(g.reg.ledger()).unwrap(), g.reg);
}

#[test]
fn every_kind_of_publicity_command_replays_to_an_equal_registry() {
    // Given every kind of publicity command, accepted and refused
    let mut g = given();
    let town = g.reg.township();
    let drone: PublicityKind = "drone-broadcast".parse().unwrap();
    g.reg
        .define_publicity_kind(
            g.secretary,
            at(T0),
            PublicityKindDefinition::new(
                drone.clone(),
                "drone broadcast",
                "无人机喊话",
                Form::Broadcast,
                Channel::Traditional,
            ),
        )
        .unwrap();
    let letter = the_letter(&mut g);
    let when = jan25("20:00");
    let d = day("2020-01-25");
    let actions = [
        (
            g.worker_qianjin_1,
            PublicityAction::letters(g.qianjin_1, d, vec![Delivery::new(g.home, 2)]),
        ),
        (
            g.worker_qianjin_1,
            PublicityAction::letters(g.qianjin_1, d, vec![Delivery::new(g.home, 1)])
                .of_kind(PublicityKind::LEAFLET),
        ),
        (
            g.secretary,
            PublicityAction::van_outing(town, jan25("09:00"), jan25("10:00"), vec![g.qianjin]),
        ),
        (
            g.cadre_qianjin,
            PublicityAction::broadcast(
                g.qianjin,
                BroadcastSchedule::Times(vec![jan25("07:00"), jan25("12:00")]),
            ),
        ),
        (
            g.cadre_qianjin,
            PublicityAction::broadcast(
                g.qianjin,
                BroadcastSchedule::Loop {
                    start: jan25("07:00"),
                    end: at("2020-02-10T19:00:00+08:00"),
                },
            ),
        ),
        (
            g.secretary,
            PublicityAction::broadcast(g.baiyun, BroadcastSchedule::Times(vec![jan25("15:00")]))
                .of_kind(drone),
        ),
        (
            g.secretary,
            PublicityAction::message(town, jan25("19:00"), "火车站乡防控工作群", Some(300)),
        ),
        (
            g.cadre_qianjin,
            PublicityAction::posters(g.qianjin, d, "村部和主要路口", 12),
        ),
    ];
    for (who, action) in actions {
        g.reg
            .record_publicity(who, when, action.clone().in_campaign(letter))
            .unwrap();
        // and each again, outside any campaign;
        g.reg.record_publicity(who, when, action).unwrap();
    }
    // and a refused one.
    let _ = g.reg.record_publicity(
        g.worker_qianjin_1,
        when,
        PublicityAction::letters(g.qianjin_1, d, vec![]),
    );
    g.reg
        .end_campaign(g.secretary, when, letter, day("2020-02-29"))
        .unwrap();
    // When the ledger is replayed, directly and through JSON Lines
    // Then the registry is equal, and what each command recorded is there.
    assert_eq!(Registry::replay(g.reg.ledger()).unwrap(), g.reg);
    let loaded = fangkong::Ledger::from_jsonl(&g.reg.ledger().to_jsonl()).unwrap();
    assert_eq!(Registry::replay(&loaded).unwrap(), g.reg);
    assert_eq!(g.reg.publicity_actions().count(), 16);
    assert_eq!(
        g.reg.campaign(letter).unwrap().last,
        Some(day("2020-02-29"))
    );
    assert_eq!(g.reg.h1(town, d).value, 2);
}

#[test]
fn replay_refuses_a_forged_letter_outside_the_workers_reach_or_with_a_made_up_id() {
    // Given a household of Qianjin group 2, outside Li Hua's group
    let mut g = given();
    let other = g
        .reg
        .register_household(g.secretary, at(T0), g.qianjin_2, "Qianjin 2-01")
        .unwrap();
    let forge = |action: u32, household| {
        Body::Event(Event::Publicity(PublicityEvent::ActionRecorded {
            action: PublicityActionId::new(action),
            recorded: PublicityAction::letters(
                g.qianjin_2,
                day("2020-01-25"),
                vec![Delivery::new(household, 1)],
            ),
        }))
    };
    // When a letter to it is appended to the ledger as recorded by her, with a valid chain
    let (ledger, seq) = append(
        &g.reg,
        g.worker_qianjin_1,
        "2020-01-25T17:00:00+08:00",
        &[forge(1, other)],
    );
    // Then replay refuses it: she could not have recorded it
    let err = Registry::replay(&ledger).unwrap_err();
    assert!(
        matches!(&err, Error::ReplayRefused { seq: s, .. } if *s == seq),
        "{err}"
    );
    assert!(err.to_string().contains("would have been refused"), "{err}");
    // and one the secretary could have recorded, but under a made-up id, is refused too.
    let (ledger, _) = append(
        &g.reg,
        g.secretary,
        "2020-01-25T17:00:00+08:00",
        &[forge(7, other)],
    );
    let err = Registry::replay(&ledger).unwrap_err();
    assert!(
        err.to_string().contains("publicity.ActionRecorded.action"),
        "{err}"
    );
}

/// One random publicity command: its kind (`pick`), its actor (the secretary, who reaches
/// everything, or anyone: S2 to S6 are enrolled, S7 and S8 not) and numbers.
#[derive(Clone, Debug)]
struct Step {
    pick: u8,
    actor: u32,
    a: u32,
    b: u32,
    hours: i64,
}

fn step() -> impl Strategy<Value = Step> {
    (
        0u8..10,
        (prop::bool::weighted(0.5), 1u32..9),
        0u32..8,
        0u32..4,
        0i64..30,
    )
        .prop_map(|(pick, (secretary, actor), a, b, hours)| Step {
            pick,
            actor: if secretary { 1 } else { actor },
            a,
            b,
            hours,
        })
}

/// The command of a step: every kind of publicity command, some valid, many not.
fn command(s: &Step, g: &Given, now: Instant) -> PublicityCommand {
    let units = [
        g.reg.township(),
        g.qianjin,
        g.baiyun,
        g.qianjin_1,
        g.qianjin_2,
        g.baiyun_1,
        UnitId::new(99),
    ];
    let unit = units[s.a as usize % units.len()];
    let other = units[s.b as usize % units.len()];
    let today = g.reg.day_of(now);
    let then = now.plus_seconds(-3_600 * i64::from(s.b));
    let campaign = (s.b > 1).then(|| CampaignId::new(s.b - 1));
    let with = |a: PublicityAction| match campaign {
        Some(c) => a.in_campaign(c),
        None => a,
    };
    match s.pick {
        0 => PublicityCommand::LaunchCampaign {
            unit,
            title: if s.b == 0 {
                String::new()
            } else {
                "一封信".into()
            },
            cover: vec![if s.b.is_multiple_of(2) { unit } else { other }],
            first: today.plus_days(-i64::from(s.b)).unwrap(),
            last: s
                .a
                .is_multiple_of(2)
                .then(|| today.plus_days(i64::from(s.a)).unwrap()),
        },
        1 => PublicityCommand::EndCampaign {
            campaign: CampaignId::new(s.a % 3 + 1),
            last: today.plus_days(i64::from(s.b) - 1).unwrap(),
        },
        2 => PublicityCommand::DefineKind(PublicityKindDefinition::new(
            format!("kind-{}", s.a % 3).parse().unwrap(),
            "own kind",
            "自定义",
            [Form::Broadcast, Form::Delivery][s.b as usize % 2],
            [Channel::Traditional, Channel::DoorToDoor][s.a as usize % 2],
        )),
        3 | 4 => {
            let households: Vec<Delivery> = (0..=s.b)
                .map(|k| {
                    Delivery::new(fangkong::HouseholdId::new((s.a + k) % 4 + 1), (s.a + k) % 4)
                })
                .collect();
            record(with(PublicityAction::letters(unit, today, households)))
        }
        5 => record(with(PublicityAction::van_outing(
            unit,
            then,
            now.plus_seconds(60 * i64::from(s.a) - 120),
            vec![other],
        ))),
        6 => record(with(PublicityAction::broadcast(
            unit,
            if s.b.is_multiple_of(2) {
                BroadcastSchedule::Times(vec![then, now.plus_seconds(-60)])
            } else {
                BroadcastSchedule::Loop {
                    start: then,
                    end: now.plus_seconds(86_400 * i64::from(s.a)),
                }
            },
        ))),
        7 => record(with(PublicityAction::message(
            unit,
            then,
            "工作群",
            Some(s.a),
        ))),
        8 => record(with(PublicityAction::posters(unit, today, "村部", s.a))),
        _ => record(with(
            PublicityAction::broadcast(unit, BroadcastSchedule::Times(vec![then]))
                .of_kind(format!("kind-{}", s.a % 3).parse().unwrap()),
        )),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Given the township's letter campaign and any sequence of publicity commands by any
    /// staff, many refused, a refusal changes nothing and writes one entry, and the ledger
    /// replays to an equal registry.
    #[test]
    fn publicity_commands_keep_the_registry_replayable(steps in proptest::collection::vec(step(), 1..30)) {
        let mut g = given();
        for h in ["Qianjin 2-01", "Baiyun 1-01", "Baiyun 2-01"] {
            let group = match h {
                "Qianjin 2-01" => g.qianjin_2,
                "Baiyun 1-01" => g.baiyun_1,
                _ => g.baiyun_2,
            };
            g.reg.register_household(g.secretary, at(T0), group, h).unwrap();
        }
        the_letter(&mut g);
        let mut now = at(T0);
        for s in &steps {
            now = now.plus_seconds(s.hours * 3_600);
            let cmd = command(s, &g, now);
            let before = g.reg.clone();
            match g.reg.execute(StaffId::new(s.actor), now, cmd) {
                Ok(r) => prop_assert_eq!(
                    g.reg.ledger().len(),
                    before.ledger().len() + (r.last_seq + 1 - r.first_seq) as usize
                ),
                Err(e) => {
                    prop_assert!(g.reg.state_eq(&before), "a refusal changed the state: {}", e);
                    prop_assert_eq!(g.reg.ledger().len(), before.ledger().len() + 1);
                }
            }
        }
        let replayed = Registry::replay(g.reg.ledger());
        prop_assert!(replayed.is_ok(), "replay refused: {:?}", replayed.err());
        prop_assert_eq!(&replayed.unwrap(), &g.reg);
    }
}
