//! A downstream program, written against the public API only: it loads a roster with bad rows
//! in one batch, screens a returnee and takes the observation from the call, records readings,
//! prints the work list and the release decision, and stores, reloads and replays the ledger.

use fangkong::grid::GridError;
use std::io::{BufReader, Cursor};

use fangkong::grid::GridEvent;
use fangkong::observation::ObservationUpdate;
use fangkong::observation::{Method, Reading, Reporter};
use fangkong::screening::{
    Interview, ReportedSymptoms, RiskLevel, ScreeningRule, Stay, TravelHistory, VisitResult,
};
use fangkong::{
    BatchCommand, BatchItem, Day, Duty, Error, Founding, HouseholdId, Instant, Ledger, Ref,
    Registry, Relation, ResidentDetails, ResidentId, Role, Sex, StaffId, UnitId, UnitKind,
    UtcOffset,
};

#[track_caller]
fn at(s: &str) -> Instant {
    s.parse().unwrap()
}

#[track_caller]
fn day(s: &str) -> Day {
    s.parse().unwrap()
}

fn at_on(d: Day, time: &str) -> Instant {
    Instant::at(d, time.parse().unwrap(), UtcOffset::CHINA)
}

/// A village of two groups, a grid worker for each, and a doctor for the township.
struct Village {
    reg: Registry,
    secretary: StaffId,
    qianjin: UnitId,
    group_1: UnitId,
    group_2: UnitId,
    li: StaffId,
    zhou: StaffId,
    doctor: StaffId,
}

#[track_caller]
fn village() -> Village {
    let t = at("2020-01-24T08:00:00+08:00");
    let mut reg = Registry::found(Founding::new("Huochezhan Township (火车站乡)", "刘书记"), t);
    let secretary = reg.staff_ids().next().unwrap();
    let town = reg.township();
    let qianjin = reg
        .establish_unit(
            secretary,
            t,
            UnitKind::Village,
            "Qianjin (前进村)",
            town,
            None,
        )
        .unwrap();
    let group_1 = reg
        .establish_group(secretary, t, qianjin, 1, "Qianjin group 1")
        .unwrap();
    let group_2 = reg
        .establish_group(secretary, t, qianjin, 2, "Qianjin group 2")
        .unwrap();
    let li = reg
        .enroll_staff(secretary, t, "李华", Role::GridWorker, None)
        .unwrap();
    reg.assign(secretary, t, li, group_1, Duty::Grid).unwrap();
    let zhou = reg
        .enroll_staff(secretary, t, "周敏", Role::GridWorker, None)
        .unwrap();
    reg.assign(secretary, t, zhou, group_2, Duty::Grid).unwrap();
    let doctor = reg
        .enroll_staff(secretary, t, "谢医生", Role::HealthWorker, None)
        .unwrap();
    reg.assign(secretary, t, doctor, town, Duty::MedicalService)
        .unwrap();
    Village {
        reg,
        secretary,
        qianjin,
        group_1,
        group_2,
        li,
        zhou,
        doctor,
    }
}

fn person(name: &str, sex: Sex, born: &str, relation: Relation) -> ResidentDetails {
    ResidentDetails::new(name, sex, day(born), relation)
}

/// The roster of the village: three households, one bad household row with a member, and a
/// second head in household 1 (bad). Returns the rows.
fn roster(v: &Village, t: Instant) -> Vec<BatchItem> {
    let wang = person("王强", Sex::Male, "1990-05-01", Relation::Head);
    let row = |command: BatchCommand| BatchItem::new(v.li, t, command);
    let zrow = |command: BatchCommand| BatchItem::new(v.zhou, t, command);
    vec![
        // 0: household 1 of group 1, and its members (1, 2, 3)
        row(BatchCommand::RegisterHousehold {
            group: v.group_1.into(),
            address: "前进村1组1号".into(),
        }),
        row(BatchCommand::RegisterResident {
            household: Ref::Row(0),
            details: wang,
        }),
        row(BatchCommand::RegisterResident {
            household: Ref::Row(0),
            details: person("张丽", Sex::Female, "1992-08-15", Relation::Spouse),
        }),
        // 3: bad — a second head of the same household
        row(BatchCommand::RegisterResident {
            household: Ref::Row(0),
            details: person("王大", Sex::Male, "1960-01-01", Relation::Head),
        }),
        // 4: household 2 of group 1, one member (5)
        row(BatchCommand::RegisterHousehold {
            group: v.group_1.into(),
            address: "前进村1组2号".into(),
        }),
        row(BatchCommand::RegisterResident {
            household: Ref::Row(4),
            details: person("刘芳", Sex::Female, "1955-03-02", Relation::Head),
        }),
        // 6: bad — a household without an address; its member (7) depends on it
        zrow(BatchCommand::RegisterHousehold {
            group: v.group_2.into(),
            address: "  ".into(),
        }),
        zrow(BatchCommand::RegisterResident {
            household: Ref::Row(6),
            details: person("陈刚", Sex::Male, "1970-07-07", Relation::Head),
        }),
        // 8: household 1 of group 2, one member (9)
        zrow(BatchCommand::RegisterHousehold {
            group: v.group_2.into(),
            address: "前进村2组1号".into(),
        }),
        zrow(BatchCommand::RegisterResident {
            household: Ref::Row(8),
            details: person("赵云", Sex::Male, "1980-02-02", Relation::Head),
        }),
    ]
}

fn left_wuhan_on_the_20th() -> Interview {
    let travel = TravelHistory {
        stays: vec![
            Stay::new(
                "420100".parse().unwrap(),
                day("2020-01-02"),
                day("2020-01-20"),
            )
            .unwrap(),
        ],
        transits: vec![],
        returned_home: Some(day("2020-01-21")),
    };
    Interview::new(travel, true, ReportedSymptoms::default()).unwrap()
}

fn reading(at: Instant, t: &str) -> ObservationUpdate {
    ObservationUpdate::RecordReading(Reading {
        at,
        temperature: t.parse().unwrap(),
        method: Method::Armpit,
        by: Reporter::SelfReported,
    })
}

#[test]
fn a_village_tool_drives_every_workflow_through_the_public_api() {
    let mut v = village();
    let t = at("2020-01-24T09:00:00+08:00");

    // 1. Given the roster, when it is loaded in one batch,
    let results = v.reg.execute_all(roster(&v, t));
    // then one result per row, the bad rows refused and the rest kept
    assert_eq!(results.len(), 10);
    let refused: Vec<usize> = (0..results.len())
        .filter(|i| results[*i].is_err())
        .collect();
    assert_eq!(refused, vec![3, 6, 7]);
    assert_eq!(
        results[7].as_ref().unwrap_err().to_string(),
        "row 6 of the batch, which this command depends on, was refused: \
         the household's address is empty"
    );
    assert!(matches!(
        results[7],
        Err(Error::DependsOnRefusedRow { row: 6, .. })
    ));
    assert_eq!(v.reg.households().count(), 3);
    assert_eq!(v.reg.residents().count(), 4);
    // every refusal is in the ledger, the dependent one included
    assert_eq!(v.reg.refusals().unwrap().len(), 3);
    let home_1: HouseholdId = results[0].as_ref().unwrap().created_one().unwrap();
    let returnee: ResidentId = results[1].as_ref().unwrap().created_one().unwrap();
    let spouse: ResidentId = results[2].as_ref().unwrap().created_one().unwrap();

    // A phone for the returnee, through a typed correction.
    let mut details = v.reg.resident(returnee).unwrap().details.clone();
    details.phone = Some("13974561234".parse().unwrap());
    v.reg.correct_resident(v.li, t, returnee, details).unwrap();

    // 2. Screening: Wuhan at high risk from 2020-01-08, the January rule, a round.
    let wuhan = v
        .reg
        .designate_risk_area(
            v.secretary,
            t,
            "420100".parse().unwrap(),
            RiskLevel::HIGH,
            day("2020-01-08"),
            "NHC community notice, 2020-01-24",
        )
        .unwrap();
    assert!(v.reg.risk_register().get(wuhan).is_some());
    v.reg
        .adopt_screening_rule(v.secretary, t, ScreeningRule::returnee_jan2020())
        .unwrap();
    let round = v
        .reg
        .open_screening_round(
            v.secretary,
            t,
            "Carpet screening (地毯式排查)",
            vec![v.qianjin],
            day("2020-01-24"),
        )
        .unwrap();
    // When the grid worker visits household 1 and interviews the returnee,
    let t = at("2020-01-24T10:00:00+08:00");
    v.reg
        .record_visit(v.li, t, round, home_1, VisitResult::Screened)
        .unwrap();
    let interview = v
        .reg
        .record_interview(v.li, t, returnee, Some(round), left_wuhan_on_the_20th())
        .unwrap();
    // then the call returns the outcome and the observation it opened
    let obs = interview.observation.expect("a key person's observation");
    assert_eq!(
        interview.outcome.key_person().unwrap().day0,
        day("2020-01-20")
    );
    assert_eq!(v.reg.observation(obs).unwrap().resident, returnee);
    // and her spouse, who did not travel, is no key person
    let calm = v
        .reg
        .record_interview(
            v.li,
            t,
            spouse,
            Some(round),
            Interview::new(TravelHistory::default(), false, ReportedSymptoms::default()).unwrap(),
        )
        .unwrap();
    assert_eq!(calm.observation, None);

    // 3. Readings: the 24th (taken at the interview, and in the evening) and the morning of
    // the 25th.
    let d24 = day("2020-01-24");
    let d25 = day("2020-01-25");
    v.reg
        .update_observation(
            v.li,
            at_on(d24, "10:30"),
            obs,
            reading(at_on(d24, "10:30"), "36.4"),
        )
        .unwrap();
    v.reg
        .update_observation(
            v.li,
            at_on(d24, "19:30"),
            obs,
            reading(at_on(d24, "19:30"), "36.6"),
        )
        .unwrap();
    v.reg
        .update_observation(
            v.li,
            at_on(d25, "07:30"),
            obs,
            reading(at_on(d25, "07:30"), "36.5"),
        )
        .unwrap();
    // The work list at noon on the 25th: her checks, and household 2 still to visit.
    let list = v.reg.work_list(v.li, d25, at_on(d25, "12:30"));
    let text = list.to_string();
    println!("{text}");
    assert_eq!(
        text,
        "Work list of 李华 (S2) for 2020-01-25\n\
         Checks (1)\n  \
         王强 (R1), phone 139****1234, 前进村1组1号, Qianjin group 1; worker: 李华 (S2) — OB1: \
         morning check done (36.5 ℃), evening check upcoming\n\
         Alerts (0)\n\
         Households to visit (1)\n  \
         household H2, 前进村1组2号, Qianjin group 1; worker: 李华 (S2) — SR1: not yet screened\n\
         Households to follow up (0)\n\
         Release review (0)\n"
    );
    println!("{}", list.display_zh());
    assert!(
        list.display_zh().to_string().contains("上午体温已报"),
        "{}",
        list.display_zh()
    );
    // Zhou's list has her own group's household only, and nothing of group 1.
    let zhou_list = v.reg.work_list(v.zhou, d25, at_on(d25, "12:30"));
    assert!(zhou_list.checks.is_empty());
    assert_eq!(zhou_list.visits.len(), 1);

    // The full phone: to Li, who answers for group 1, and recorded; not to Zhou.
    let now = at_on(d25, "12:40");
    assert_eq!(
        v.reg.reveal_phone(v.li, now, returnee).unwrap(),
        "13974561234"
    );
    let refusals_before = v.reg.refusals().unwrap().len();
    let err = v.reg.reveal_phone(v.zhou, now, returnee).unwrap_err();
    assert_eq!(v.reg.refusals().unwrap().len(), refusals_before + 1);
    assert!(matches!(
        v.reg.reveal_phone(v.li, now, spouse),
        Err(Error::Grid(GridError::NoContactOnRecord { .. }))
    ));
    assert_eq!(
        err.to_string(),
        "grid worker 周敏 (S3) is not assigned over Qianjin group 1 (U3), so may not see the \
         full contact details of resident R1: ask a worker responsible for the group"
    );
    let revealed = v
        .reg
        .ledger()
        .records()
        .filter_map(Result::ok)
        .filter(|r| {
            matches!(
                r.body,
                fangkong::Body::Event(fangkong::Event::Grid(GridEvent::ContactRevealed { .. }))
            )
        })
        .count();
    assert_eq!(revealed, 1);

    // Twice-daily readings to the end of the period (day 14 is 2020-02-03).
    let mut d = d25;
    loop {
        if d != d25 {
            v.reg
                .update_observation(
                    v.li,
                    at_on(d, "07:30"),
                    obs,
                    reading(at_on(d, "07:30"), "36.5"),
                )
                .unwrap();
        }
        v.reg
            .update_observation(
                v.li,
                at_on(d, "19:30"),
                obs,
                reading(at_on(d, "19:30"), "36.6"),
            )
            .unwrap();
        if d == day("2020-02-03") {
            break;
        }
        d = d.plus_days(1).unwrap();
    }
    // On 2020-02-04 the release review lists her, and the decision explains itself.
    let d = day("2020-02-04");
    let review = v.reg.release_review_list(d);
    assert_eq!(review.len(), 1);
    println!("{}", review[0]);
    assert_eq!(
        review[0].to_string(),
        "王强 (R1), phone 139****1234, 前进村1组1号, Qianjin group 1; worker: 李华 (S2) — OB1, \
         release from 2020-02-04: release: the 14-day observation period ended on 2020-02-03 \
         (day 14); no alert is open; no check was missed"
    );
    println!("{}", review[0].display_zh());
    let decision = &review[0].decision;
    assert!(decision.is_release());
    v.reg
        .update_observation(
            v.doctor,
            at_on(d, "09:00"),
            obs,
            ObservationUpdate::Release {
                override_reason: None,
            },
        )
        .unwrap();
    assert!(v.reg.release_review_list(d).is_empty());

    // 4. The ledger goes out through io::Write, comes back through io::BufRead, and replays.
    let mut file: Vec<u8> = Vec::new();
    v.reg.ledger().write_jsonl(&mut file).unwrap();
    let loaded = Ledger::read_jsonl(BufReader::new(Cursor::new(file))).unwrap();
    let head = v.reg.ledger().verify().unwrap();
    assert_eq!(loaded.verify_against(head).unwrap(), head);
    let again = Registry::replay(&loaded).unwrap();
    assert_eq!(again, v.reg);
}

#[test]
fn a_roster_of_4000_households_with_12_bad_rows_reports_them_and_keeps_the_rest() {
    // Given a village of ten groups and a roster of 4,000 households with two members each,
    let v = village();
    let mut reg = v.reg;
    let t = at("2020-01-24T09:00:00+08:00");
    let groups: Vec<UnitId> = (3..=10)
        .map(|n| {
            reg.establish_group(v.secretary, t, v.qianjin, n, format!("Qianjin group {n}"))
                .unwrap()
        })
        .chain([v.group_1, v.group_2])
        .collect();
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    let mut bad_households = Vec::new();
    for h in 0..4000usize {
        let row = rows.len();
        // Six households without an address.
        let address = if h % 700 == 13 {
            bad.push(row);
            bad_households.push(row);
            String::new()
        } else {
            format!("前进村 {h} 号")
        };
        rows.push(BatchItem::new(
            v.secretary,
            t,
            BatchCommand::RegisterHousehold {
                group: groups[h % groups.len()].into(),
                address,
            },
        ));
        for (k, relation) in [Relation::Head, Relation::Spouse].into_iter().enumerate() {
            // Six residents born in the future.
            let born = if h % 700 == 101 && k == 1 {
                bad.push(rows.len());
                "2021-01-01"
            } else {
                "1970-01-01"
            };
            rows.push(BatchItem::new(
                v.secretary,
                t,
                BatchCommand::RegisterResident {
                    household: Ref::Row(row),
                    details: person(&format!("居民{h}-{k}"), Sex::Female, born, relation),
                },
            ));
        }
    }
    assert_eq!(bad.len(), 12);
    // When it is executed as one batch,
    let results = reg.execute_all(rows);
    // then exactly the bad rows are refused for what they are,
    let refused_for_themselves: Vec<usize> = (0..results.len())
        .filter(
            |i| matches!(&results[*i], Err(e) if !matches!(e, Error::DependsOnRefusedRow { .. })),
        )
        .collect();
    assert_eq!(refused_for_themselves, bad);
    // the members of a bad household are refused naming its row,
    let dependent: Vec<(usize, usize)> = (0..results.len())
        .filter_map(|i| match &results[i] {
            Err(Error::DependsOnRefusedRow { row, .. }) => Some((i, *row)),
            _ => None,
        })
        .collect();
    let expected: Vec<(usize, usize)> = bad_households
        .iter()
        .flat_map(|r| [(r + 1, *r), (r + 2, *r)])
        .collect();
    assert_eq!(dependent, expected);
    // the rest is kept, and every refusal is in the ledger.
    assert_eq!(reg.households().count(), 4000 - 6);
    assert_eq!(reg.residents().count(), 8000 - 12 - 6);
    assert_eq!(reg.refusals().unwrap().len(), 12 + 12);
}

#[test]
fn a_row_may_refer_only_to_an_earlier_row_that_created_what_it_needs() {
    let mut v = village();
    let t = at("2020-01-24T09:00:00+08:00");
    let head = person("王强", Sex::Male, "1990-05-01", Relation::Head);
    let results = v.reg.execute_all(vec![
        BatchItem::new(
            v.li,
            t,
            BatchCommand::RegisterResident {
                household: Ref::Row(0),
                details: head.clone(),
            },
        ),
        BatchItem::new(
            v.secretary,
            t,
            BatchCommand::EstablishGroup {
                village: v.qianjin.into(),
                number: 3,
                name: "Qianjin group 3".into(),
            },
        ),
        BatchItem::new(
            v.secretary,
            t,
            BatchCommand::RegisterResident {
                household: Ref::Row(1),
                details: head,
            },
        ),
        BatchItem::new(
            v.secretary,
            t,
            BatchCommand::RegisterHousehold {
                group: Ref::Row(1),
                address: "前进村3组1号".into(),
            },
        ),
    ]);
    assert_eq!(
        results[0].as_ref().unwrap_err().to_string(),
        "row 0 of the batch refers to row 0, which is not an earlier row of the batch"
    );
    assert_eq!(
        results[2].as_ref().unwrap_err().to_string(),
        "row 1 of the batch created no household, so it cannot be referred to as one"
    );
    assert!(results[3].is_ok());
    assert_eq!(v.reg.refusals().unwrap().len(), 2);
    // Replay accepts the batch's refusals as it accepts any.
    assert_eq!(Registry::replay(v.reg.ledger()).unwrap(), v.reg);
}

#[test]
fn every_kind_of_created_id_comes_back_from_its_typed_call() {
    use fangkong::gathering::{OrderTerms, VenueTarget};
    let mut v = village();
    let t = at("2020-01-24T09:00:00+08:00");
    let order = v
        .reg
        .issue_gathering_order(
            v.secretary,
            t,
            v.reg.township(),
            day("2020-01-24"),
            None,
            OrderTerms::article(),
        )
        .unwrap();
    assert!(v.reg.gathering_order(order).is_some());
    let venue = v
        .reg
        .register_venue(
            v.li,
            t,
            "老街茶馆",
            fangkong::gathering::VenueKind::TEAHOUSE,
            v.group_1,
        )
        .unwrap();
    let closure = v
        .reg
        .order_closure(
            v.secretary,
            t,
            v.reg.township(),
            "茶馆停业令",
            VenueTarget::Venue(venue),
            day("2020-01-24"),
            None,
        )
        .unwrap();
    assert_eq!(
        v.reg.venue_closed_by(venue, day("2020-01-25")),
        Some(closure)
    );
    let violation = v
        .reg
        .record_violation(
            v.li,
            at("2020-01-25T10:00:00+08:00"),
            venue,
            "open, six players",
        )
        .unwrap();
    assert_eq!(v.reg.violations().next().unwrap().id, violation);
}
