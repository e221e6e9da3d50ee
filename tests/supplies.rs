//! Supplies and donations (issue 21, item 2): a stock ledger per item and store that never
//! goes below zero, the 10,000-yuan donation followed to the masks it bought and the
//! households that got them, transfers, counts, disposal, and the observation's hand-out
//! drawing from the township's store.
//!
//! Given the small township of `common`, when staff receive, issue, transfer and count
//! supplies, then the registry's stock is the sum of its ledger, bad input is refused with a
//! clear error and no change, and every command replays to an equal registry.

use std::num::NonZeroU32;

use fangkong::audit::Subject;
use fangkong::observation::{ObservationId, ObservationUpdate};
use fangkong::observation::{OpeningBasis, Supply, SupplyHandout, SupplyItem};
use fangkong::report::Lang;
use fangkong::supplies::{
    AdjustmentReason, DisposalStage, DonorName, Gift, IssueLine, Item, ItemDefinition, LineKind,
    LotSource, Measure, Recipient, SuppliesCommand, SuppliesError, WithoutLedger,
};
use fangkong::supplies::{DonationId, StoreId};
use fangkong::{Error, Instant, Registry};
use proptest::prelude::*;

use crate::common::{Given, at, day, given};

const T1: &str = "2020-01-28T09:00:00+08:00";
const T2: &str = "2020-01-29T09:00:00+08:00";
const T3: &str = "2020-01-30T09:00:00+08:00";

#[track_caller]
fn replay_equal(reg: &Registry) {
    let again = Registry::replay(reg.ledger()).expect("the ledger replays");
    assert_eq!(&again, reg);
}

#[track_caller]
fn supplies_error(err: Error) -> SuppliesError {
    match err {
        Error::Supplies(e) => e,
        other => panic!("expected a supplies error, got {other:?}"),
    }
}

/// Given the township's store.
fn with_store() -> (Given, StoreId) {
    let mut g = given();
    let town = g.reg.township();
    let store = g
        .reg
        .establish_store(g.secretary, at(T1), town, "乡政府防疫物资仓库")
        .unwrap();
    (g, store)
}

fn site(g: &Given) -> Recipient {
    Recipient::Site {
        unit: g.reg.township(),
        place: "乡政府办公楼".into(),
    }
}

fn household(g: &Given) -> Recipient {
    Recipient::Household {
        household: g.home,
        observation: None,
    }
}

#[test]
fn an_issue_of_121_with_120_on_hand_is_refused_and_120_empties_the_store() {
    // Given 120 bottles of disinfectant received into the township's store,
    let (mut g, store) = with_store();
    g.reg
        .receive_purchase(
            g.secretary,
            at(T1),
            store,
            Item::DISINFECTANT,
            120,
            "县药材公司",
            240_000,
            None,
        )
        .unwrap();
    assert_eq!(g.reg.stock_on_hand(store, &Item::DISINFECTANT), 120);
    let before = g.reg.clone();
    // when 121 are issued,
    let line = IssueLine::new(Item::DISINFECTANT, 121, site(&g));
    let err = g
        .reg
        .issue_supplies(g.secretary, at(T2), store, vec![line], "日消毒")
        .unwrap_err();
    // then it is refused naming the 120 on hand, in English and Chinese,
    assert_eq!(err.code(), "insufficient_stock");
    assert_eq!(
        err.to_string(),
        "cannot take 121 of disinfectant from store WH1: only 120 on hand; nothing was recorded"
    );
    assert_eq!(
        err.display_zh().to_string(),
        "仓库WH1的消毒液只有120瓶，不能出库121瓶；未作任何登记"
    );
    // and the stock stays 120: nothing changed but the refusal in the ledger.
    assert_eq!(g.reg.stock_on_hand(store, &Item::DISINFECTANT), 120);
    assert!(g.reg.state_eq(&before));
    // When 120 are issued, the stock is 0.
    let line = IssueLine::new(Item::DISINFECTANT, 120, site(&g));
    let moved = g
        .reg
        .issue_supplies(g.secretary, at(T2), store, vec![line], "日消毒")
        .unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(g.reg.stock_on_hand(store, &Item::DISINFECTANT), 0);
    assert_eq!(g.reg.stock_at(store, &Item::DISINFECTANT, at(T2)), 0);
    assert_eq!(g.reg.stock_at(store, &Item::DISINFECTANT, at(T1)), 120);
    // And one more is refused with 0 on hand.
    let line = IssueLine::new(Item::DISINFECTANT, 1, site(&g));
    let err = g
        .reg
        .issue_supplies(g.secretary, at(T2), store, vec![line], "")
        .unwrap_err();
    assert!(err.to_string().contains("only 0 on hand"), "{err}");
    replay_equal(&g.reg);
}

#[test]
fn the_donation_is_followed_to_the_masks_and_the_households_with_its_balance_after_each_step() {
    // Given a donation of 1,000,000 fen (10,000 yuan) from a Gutang party member,
    let (mut g, store) = with_store();
    let town = g.reg.township();
    let dn = g
        .reg
        .receive_donation(
            g.secretary,
            at(T1),
            DonorName::new("岳建国"),
            Gift::Money {
                amount_fen: 1_000_000,
            },
            "购买口罩等防护物资",
            town,
        )
        .unwrap();
    assert_eq!(g.reg.donation(dn).unwrap().balance_fen(), 1_000_000);
    // when 30,000 masks are bought with 600,000 fen of it,
    let lot1 = g
        .reg
        .receive_purchase(
            g.secretary,
            at(T1),
            store,
            Item::MASKS,
            30_000,
            "县医药公司",
            600_000,
            Some(dn),
        )
        .unwrap();
    // then 400,000 fen are left;
    assert_eq!(g.reg.donation(dn).unwrap().balance_fen(), 400_000);
    // a purchase of 400,001 fen more is refused and changes nothing,
    let before = g.reg.clone();
    let err = g
        .reg
        .receive_purchase(
            g.secretary,
            at(T1),
            store,
            Item::MASKS,
            20_001,
            "县医药公司",
            400_001,
            Some(dn),
        )
        .unwrap_err();
    assert_eq!(
        supplies_error(err.clone()),
        SuppliesError::DonationOverspent {
            donation: dn,
            cost_fen: 400_001,
            balance_fen: 400_000
        }
    );
    assert_eq!(
        err.to_string(),
        "the purchase costs 4000.01 yuan but donation DN1 has only 4000.00 yuan left; nothing was recorded"
    );
    assert!(g.reg.state_eq(&before));
    // and 20,000 more masks for the 400,000 fen left spend it to 0.
    let lot2 = g
        .reg
        .receive_purchase(
            g.secretary,
            at(T2),
            store,
            Item::MASKS,
            20_000,
            "县医药公司",
            400_000,
            Some(dn),
        )
        .unwrap();
    assert_eq!(g.reg.donation(dn).unwrap().balance_fen(), 0);
    // Masks bought without the donation carry none.
    let other = g
        .reg
        .receive_purchase(
            g.secretary,
            at(T2),
            store,
            Item::MASKS,
            100,
            "乡供销社",
            5_000,
            None,
        )
        .unwrap();
    assert_eq!(g.reg.lot(other).unwrap().donation, None);
    assert_eq!(g.reg.lot(lot1).unwrap().donation, Some(dn));
    // When the key household gets 20 masks and a village store 100 (transferred, still the
    // donation's), and a grid worker there hands 10 of those to staff,
    g.reg
        .issue_supplies(
            g.secretary,
            at(T3),
            store,
            vec![IssueLine::new(Item::MASKS, 20, household(&g))],
            "重点人员家庭",
        )
        .unwrap();
    let qianjin_store = g
        .reg
        .establish_store(g.secretary, at(T3), g.qianjin, "前进村物资点")
        .unwrap();
    g.reg
        .transfer_stock(
            g.secretary,
            at(T3),
            store,
            qianjin_store,
            Item::MASKS,
            100,
            None,
        )
        .unwrap();
    let li = g.worker_qianjin_1;
    // (a grid worker of group 1 is not over the village's store: refused)
    let to_li = IssueLine::new(Item::MASKS, 10, Recipient::Staff { staff: li });
    assert_eq!(
        g.reg
            .issue_supplies(li, at(T3), qianjin_store, vec![to_li.clone()], "")
            .unwrap_err()
            .code(),
        "outside_assigned_units"
    );
    g.reg
        .issue_supplies(g.cadre_qianjin, at(T3), qianjin_store, vec![to_li], "")
        .unwrap();
    // then the trace gives the two purchases with the balance after each, every lot that
    // carries the donation, and the issues to the household and the staff member.
    let trace = g.reg.donation_trace(dn).unwrap();
    let balances: Vec<u64> = trace
        .purchases
        .iter()
        .map(|p| p.balance_after_fen)
        .collect();
    assert_eq!(balances, vec![400_000, 0]);
    assert_eq!(trace.received(&Item::MASKS), 50_000);
    assert_eq!(trace.lots.len(), 3); // two bought, one sent on to Qianjin
    assert_eq!(trace.lots[..2], [lot1, lot2]);
    let to: Vec<(String, u64)> = trace
        .issues
        .iter()
        .map(|i| (i.to.to_string(), i.quantity))
        .collect();
    assert_eq!(
        to,
        vec![
            ("household H1".to_owned(), 20),
            (format!("staff member {li}"), 10)
        ]
    );
    assert_eq!(trace.issued(&Item::MASKS), 30);
    // and the trace shows the donor masked.
    let shown = trace.to_string();
    assert!(shown.contains("from 岳某"), "{shown}");
    assert!(!shown.contains("岳建国"));
    assert!(
        trace
            .display_zh()
            .to_string()
            .contains("岳某向U1捐赠10000.00元")
    );
    replay_equal(&g.reg);
}

#[test]
fn issues_draw_the_oldest_lots_first_unless_one_is_named() {
    // Given two lots of masks, 50 on the 28th and 50 on the 29th,
    let (mut g, store) = with_store();
    let old = g
        .reg
        .receive_purchase(g.secretary, at(T1), store, Item::MASKS, 50, "甲", 500, None)
        .unwrap();
    let new = g
        .reg
        .receive_purchase(g.secretary, at(T2), store, Item::MASKS, 50, "乙", 500, None)
        .unwrap();
    // when 70 are issued,
    g.reg
        .issue_supplies(
            g.secretary,
            at(T2),
            store,
            vec![IssueLine::new(Item::MASKS, 70, household(&g))],
            "",
        )
        .unwrap();
    // then the old lot is emptied first and the new one gives 20,
    assert_eq!(g.reg.lot(old).unwrap().remaining, 0);
    assert_eq!(g.reg.lot(new).unwrap().remaining, 30);
    let issue = g.reg.supply_issues().last().unwrap().clone();
    assert_eq!(issue.draws.len(), 2);
    assert_eq!((issue.draws[0].lot, issue.draws[0].quantity), (old, 50));
    // and a line naming a lot draws only from it, refused beyond what it holds.
    let third = g
        .reg
        .receive_purchase(g.secretary, at(T3), store, Item::MASKS, 10, "丙", 100, None)
        .unwrap();
    let named = IssueLine::new(Item::MASKS, 31, household(&g)).from_lot(new);
    let err = g
        .reg
        .issue_supplies(g.secretary, at(T3), store, vec![named], "")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot take 31 of masks from lot LT2 in store WH1: only 30 on hand; nothing was recorded"
    );
    let named = IssueLine::new(Item::MASKS, 5, household(&g)).from_lot(third);
    g.reg
        .issue_supplies(g.secretary, at(T3), store, vec![named], "")
        .unwrap();
    assert_eq!(g.reg.lot(third).unwrap().remaining, 5);
    assert_eq!(g.reg.lot(new).unwrap().remaining, 30);
    // A lot of another item is refused by name.
    let wrong = IssueLine::new(Item::DISINFECTANT, 1, household(&g)).from_lot(third);
    assert_eq!(
        g.reg
            .issue_supplies(g.secretary, at(T3), store, vec![wrong], "")
            .unwrap_err()
            .code(),
        "lot_not_in_store"
    );
    replay_equal(&g.reg);
}

#[test]
fn a_transfer_moves_lots_keeping_their_age_and_donation() {
    // Given masks given as goods by a donor into the township's store, and a village store,
    let (mut g, store) = with_store();
    let town = g.reg.township();
    let dn = g
        .reg
        .receive_donation(
            g.secretary,
            at(T1),
            DonorName::new("张三"),
            Gift::Goods {
                store,
                item: Item::MASKS,
                quantity: 200,
                value_fen: 20_000,
            },
            "捐赠口罩",
            town,
        )
        .unwrap();
    let given_lot = g.reg.donation(dn).unwrap().lot.unwrap();
    let village = g
        .reg
        .establish_store(g.secretary, at(T1), g.baiyun, "白云村物资点")
        .unwrap();
    // when 80 are sent to the village,
    let mv = g
        .reg
        .transfer_stock(g.secretary, at(T2), store, village, Item::MASKS, 80, None)
        .unwrap();
    // then 120 are left in the township, 80 are in the village in a new lot that keeps the
    // donation and its age,
    assert_eq!(g.reg.stock_on_hand(store, &Item::MASKS), 120);
    assert_eq!(g.reg.stock_on_hand(village, &Item::MASKS), 80);
    let moved = g.reg.lots().find(|l| l.store == village).unwrap();
    assert_eq!(moved.donation, Some(dn));
    assert_eq!(moved.since, at(T1));
    assert_eq!(
        moved.source,
        LotSource::Transfer {
            from_lot: given_lot
        }
    );
    // and the ledger shows the move out and in under one movement.
    let lines: Vec<(LineKind, i64)> = g
        .reg
        .stock_ledger(None, Some(&Item::MASKS))
        .iter()
        .filter(|l| l.movement == Some(mv))
        .map(|l| (l.kind, l.change))
        .collect();
    assert_eq!(
        lines,
        vec![(LineKind::TransferOut, -80), (LineKind::TransferIn, 80)]
    );
    // A transfer beyond the stock, or to the same store, is refused.
    let err = g
        .reg
        .transfer_stock(g.secretary, at(T2), village, store, Item::MASKS, 81, None)
        .unwrap_err();
    assert!(err.to_string().contains("only 80 on hand"));
    let err = g
        .reg
        .transfer_stock(g.secretary, at(T2), store, store, Item::MASKS, 1, None)
        .unwrap_err();
    assert_eq!(err.code(), "transfer_to_same_store");
    // A purchase cannot spend a donation of goods.
    let err = g
        .reg
        .receive_purchase(
            g.secretary,
            at(T2),
            store,
            Item::MASKS,
            1,
            "甲",
            100,
            Some(dn),
        )
        .unwrap_err();
    assert_eq!(err.code(), "donation_not_money");
    replay_equal(&g.reg);
}

#[test]
fn counts_adjust_stock_with_a_reason_and_disposal_is_a_count_of_its_own() {
    // Given 20 thermometers,
    let (mut g, store) = with_store();
    let lot = g
        .reg
        .receive_purchase(
            g.secretary,
            at(T1),
            store,
            Item::THERMOMETERS,
            20,
            "甲",
            30_000,
            None,
        )
        .unwrap();
    // when a count finds 2 broken and 1 more than the ledger,
    g.reg
        .adjust_stock(
            g.secretary,
            at(T2),
            store,
            Item::THERMOMETERS,
            -2,
            None,
            AdjustmentReason::Damaged,
            "摔坏",
        )
        .unwrap();
    g.reg
        .adjust_stock(
            g.secretary,
            at(T2),
            store,
            Item::THERMOMETERS,
            1,
            None,
            AdjustmentReason::Count,
            "",
        )
        .unwrap();
    // then 19 are on hand, the ledger says so, and the found one is a lot of its own.
    assert_eq!(g.reg.stock_on_hand(store, &Item::THERMOMETERS), 19);
    assert_eq!(g.reg.lot(lot).unwrap().remaining, 18);
    assert_eq!(g.reg.stock_adjustments().len(), 2);
    assert!(g.reg.lots().any(|l| l.source == LotSource::Count));
    // A count of zero, one down below zero, and "other" without a note are refused.
    let before = g.reg.clone();
    let mut adjust = |change: i64, reason| {
        g.reg
            .adjust_stock(
                g.secretary,
                at(T2),
                store,
                Item::THERMOMETERS,
                change,
                None,
                reason,
                "",
            )
            .unwrap_err()
            .code()
    };
    assert_eq!(adjust(0, AdjustmentReason::Count), "zero_adjustment");
    assert_eq!(adjust(-20, AdjustmentReason::Lost), "insufficient_stock");
    assert_eq!(adjust(-1, AdjustmentReason::Other), "text_required");
    assert!(g.reg.state_eq(&before));
    // When used masks are collected, carried away and disposed of in Qianjin,
    let q = g.qianjin;
    for (stage, n) in [
        (DisposalStage::Collected, 300),
        (DisposalStage::Carried, 300),
        (DisposalStage::Treated, 280),
    ] {
        g.reg
            .record_disposal(g.cadre_qianjin, at(T3), q, stage, n, "废弃口罩")
            .unwrap();
    }
    // then they are counted by stage, and no stock changed.
    let totals = g.reg.disposal_totals(Some(q));
    assert_eq!(
        (totals.collected, totals.carried, totals.treated),
        (300, 300, 280)
    );
    assert_eq!(
        totals.display_zh().to_string(),
        "回收300，清运300，无害化处理280"
    );
    assert_eq!(g.reg.disposal_totals(Some(g.baiyun)).collected, 0);
    assert_eq!(g.reg.stock_on_hand(store, &Item::MASKS), 0);
    // A disposal of zero is refused.
    let err = g
        .reg
        .record_disposal(g.cadre_qianjin, at(T3), q, DisposalStage::Collected, 0, "")
        .unwrap_err();
    assert_eq!(err.code(), "quantity_out_of_range");
    replay_equal(&g.reg);
}

/// Opens an observation of the household's head by the health worker.
fn observe_head(g: &mut Given, t: Instant) -> ObservationId {
    g.reg
        .open_observation(
            g.health_worker,
            t,
            g.head,
            "close-contact-ed2-6",
            day("2020-01-27"),
            OpeningBasis::CloseContact {
                note: "同车".into(),
            },
        )
        .unwrap()
}

fn handout(at_: Instant, store: Option<StoreId>) -> ObservationUpdate {
    let item = |supply, n| SupplyItem {
        supply,
        quantity: NonZeroU32::new(n).unwrap(),
    };
    ObservationUpdate::HandOutSupplies(SupplyHandout {
        at: at_,
        items: vec![
            item(Supply::Masks, 20),
            item(Supply::Disinfectant, 1),
            item(Supply::Thermometer, 1),
        ],
        store,
    })
}

#[test]
fn an_observation_hand_out_draws_from_the_township_store() {
    // Given the township's store with masks, disinfectant and thermometers, and the head of
    // the household under observation,
    let (mut g, store) = with_store();
    for (item, n) in [
        (Item::MASKS, 100),
        (Item::DISINFECTANT, 10),
        (Item::THERMOMETERS, 1),
    ] {
        g.reg
            .receive_purchase(g.secretary, at(T1), store, item, n, "甲", 1_000, None)
            .unwrap();
    }
    let obs = observe_head(&mut g, at(T1));
    // when the grid worker hands out 20 masks, a bottle and a thermometer (no store named),
    let receipt = g
        .reg
        .update_observation(g.worker_qianjin_1, at(T2), obs, handout(at(T2), None))
        .unwrap();
    // then one command recorded both the hand-out and the issue from the township's store,
    assert_eq!(receipt.last_seq - receipt.first_seq, 1);
    assert_eq!(g.reg.stock_on_hand(store, &Item::MASKS), 80);
    assert_eq!(g.reg.stock_on_hand(store, &Item::DISINFECTANT), 9);
    assert_eq!(g.reg.stock_on_hand(store, &Item::THERMOMETERS), 0);
    let issue = g.reg.supply_issues().first().unwrap();
    assert_eq!(
        issue.to,
        Recipient::Household {
            household: g.home,
            observation: Some(obs)
        }
    );
    assert_eq!(
        g.reg.observation(obs).unwrap().observation.handouts().len(),
        1
    );
    replay_equal(&g.reg);
    // When another thermometer is handed out with none left,
    let before = g.reg.clone();
    let err = g
        .reg
        .update_observation(g.worker_qianjin_1, at(T3), obs, handout(at(T3), None))
        .unwrap_err();
    // then the whole hand-out is refused, on the observation too.
    assert_eq!(err.code(), "insufficient_stock");
    assert!(g.reg.state_eq(&before));
    assert_eq!(
        g.reg.observation(obs).unwrap().observation.handouts().len(),
        1
    );
    // A direct issue naming the observation is refused: it goes through the observation.
    let line = IssueLine::new(
        Item::MASKS,
        1,
        Recipient::Household {
            household: g.home,
            observation: Some(obs),
        },
    );
    let err = g
        .reg
        .issue_supplies(g.secretary, at(T3), store, vec![line], "")
        .unwrap_err();
    assert_eq!(err.code(), "handout_through_observation");
    replay_equal(&g.reg);
}

#[test]
fn without_any_store_a_hand_out_is_recorded_only_unless_set_to_refuse() {
    // Given a township that keeps no supplies ledger, and an observation,
    let mut g = given();
    let obs = observe_head(&mut g, at(T1));
    // then by default (pinned) a hand-out is recorded on the observation and draws nothing,
    assert_eq!(g.reg.handout_policy(), WithoutLedger::RecordOnly);
    assert_eq!(WithoutLedger::default(), WithoutLedger::RecordOnly);
    let receipt = g
        .reg
        .update_observation(g.worker_qianjin_1, at(T2), obs, handout(at(T2), None))
        .unwrap();
    assert_eq!(receipt.first_seq, receipt.last_seq);
    assert!(g.reg.supply_issues().is_empty());
    // and when the township sets hand-outs to be refused until a store exists, one is.
    g.reg
        .set_handout_policy(g.secretary, at(T2), WithoutLedger::Refuse)
        .unwrap();
    let err = g
        .reg
        .update_observation(g.worker_qianjin_1, at(T3), obs, handout(at(T3), None))
        .unwrap_err();
    assert_eq!(err.code(), "no_supplies_ledger");
    // With only a village store, a hand-out naming no store is refused, and one naming the
    // village store draws from it.
    let village = g
        .reg
        .establish_store(g.secretary, at(T3), g.qianjin, "前进村物资点")
        .unwrap();
    let err = g
        .reg
        .update_observation(g.worker_qianjin_1, at(T3), obs, handout(at(T3), None))
        .unwrap_err();
    assert_eq!(err.code(), "no_township_store");
    for item in Item::PRESETS {
        g.reg
            .receive_purchase(
                g.cadre_qianjin,
                at(T3),
                village,
                item.clone(),
                30,
                "甲",
                100,
                None,
            )
            .unwrap();
    }
    g.reg
        .update_observation(
            g.worker_qianjin_1,
            at(T3),
            obs,
            handout(at(T3), Some(village)),
        )
        .unwrap();
    assert_eq!(g.reg.stock_on_hand(village, &Item::MASKS), 10);
    replay_equal(&g.reg);
}

#[test]
fn a_batch_that_would_go_negative_is_refused_as_a_whole() {
    // Given 120 masks and 10 bottles,
    let (mut g, store) = with_store();
    g.reg
        .receive_purchase(
            g.secretary,
            at(T1),
            store,
            Item::MASKS,
            120,
            "甲",
            1_000,
            None,
        )
        .unwrap();
    g.reg
        .receive_purchase(
            g.secretary,
            at(T1),
            store,
            Item::DISINFECTANT,
            10,
            "甲",
            1_000,
            None,
        )
        .unwrap();
    let before = g.reg.clone();
    // when one issue lists 2 bottles, 100 masks and 30 masks more,
    let lines = vec![
        IssueLine::new(Item::DISINFECTANT, 2, household(&g)),
        IssueLine::new(Item::MASKS, 100, household(&g)),
        IssueLine::new(Item::MASKS, 30, site(&g)),
    ];
    let err = g
        .reg
        .issue_supplies(g.secretary, at(T2), store, lines, "")
        .unwrap_err();
    // then the whole issue is refused, naming the 130 asked and the 120 on hand,
    assert_eq!(
        err.to_string(),
        "cannot take 130 of masks from store WH1: only 120 on hand; nothing was recorded"
    );
    // and no line of it was recorded: not even the bottles.
    assert!(g.reg.state_eq(&before));
    assert_eq!(g.reg.stock_on_hand(store, &Item::DISINFECTANT), 10);
    // An empty issue is refused too.
    let err = g
        .reg
        .issue_supplies(g.secretary, at(T2), store, vec![], "")
        .unwrap_err();
    assert_eq!(err.code(), "empty_issue");
}

#[test]
fn bad_input_gets_a_clear_error_and_changes_nothing() {
    let (mut g, store) = with_store();
    g.reg
        .receive_purchase(g.secretary, at(T1), store, Item::MASKS, 10, "甲", 100, None)
        .unwrap();
    let before = g.reg.clone();
    let s = g.secretary;
    let t = at(T2);
    let h = household(&g);
    let mut refused = |cmd: SuppliesCommand| g.reg.supplies(s, t, cmd).unwrap_err();
    // A negative or zero quantity,
    let err = refused(SuppliesCommand::Issue {
        store,
        lines: vec![IssueLine::new(Item::MASKS, -5, h.clone())],
        note: String::new(),
    });
    assert_eq!(
        err.to_string(),
        "the quantity must be from 1 to 10000000; -5 is not"
    );
    assert_eq!(
        err.display_zh().to_string(),
        "数量须在1至10000000之间，-5不符合"
    );
    let err = refused(SuppliesCommand::ReceivePurchase {
        store,
        item: Item::MASKS,
        quantity: 0,
        supplier: "甲".into(),
        cost_fen: 100,
        donation: None,
    });
    assert_eq!(err.code(), "quantity_out_of_range");
    // an unknown store, item, lot or donation,
    let err = refused(SuppliesCommand::Issue {
        store: StoreId::new(9),
        lines: vec![IssueLine::new(Item::MASKS, 1, h.clone())],
        note: String::new(),
    });
    assert_eq!(err.to_string(), "there is no store WH9");
    let goggles: Item = "goggles".parse().unwrap();
    let err = refused(SuppliesCommand::Issue {
        store,
        lines: vec![IssueLine::new(goggles, 1, h.clone())],
        note: String::new(),
    });
    assert_eq!(
        err.to_string(),
        "there is no item \"goggles\": define it first, or use a preset such as \"masks\""
    );
    let err = refused(SuppliesCommand::Issue {
        store,
        lines: vec![
            IssueLine::new(Item::MASKS, 1, h.clone()).from_lot(fangkong::supplies::LotId::new(7)),
        ],
        note: String::new(),
    });
    assert_eq!(err.to_string(), "there is no lot LT7");
    let err = refused(SuppliesCommand::ReceivePurchase {
        store,
        item: Item::MASKS,
        quantity: 1,
        supplier: "甲".into(),
        cost_fen: 100,
        donation: Some(DonationId::new(3)),
    });
    assert_eq!(err.to_string(), "there is no donation DN3");
    // an unknown household,
    let err = refused(SuppliesCommand::Issue {
        store,
        lines: vec![IssueLine::new(
            Item::MASKS,
            1,
            Recipient::Household {
                household: fangkong::HouseholdId::new(99),
                observation: None,
            },
        )],
        note: String::new(),
    });
    assert_eq!(err.code(), "unknown_household");
    // and a cost of nothing.
    let err = refused(SuppliesCommand::ReceivePurchase {
        store,
        item: Item::MASKS,
        quantity: 1,
        supplier: "甲".into(),
        cost_fen: -1,
        donation: None,
    });
    assert_eq!(err.code(), "quantity_out_of_range");
    // Nothing changed but the refusals in the ledger,
    assert!(g.reg.state_eq(&before));
    assert_eq!(g.reg.stock_on_hand(store, &Item::MASKS), 10);
    // and the refusals replay.
    replay_equal(&g.reg);
}

#[test]
fn the_donor_is_masked_in_display_debug_errors_and_the_default_export() {
    // Given the 10,000-yuan donation of 岳建国,
    let mut g = given();
    let town = g.reg.township();
    let dn = g
        .reg
        .receive_donation(
            g.secretary,
            at(T1),
            DonorName::new("岳建国"),
            Gift::Money {
                amount_fen: 1_000_000,
            },
            "购买口罩",
            town,
        )
        .unwrap();
    let d = g.reg.donation(dn).unwrap().clone();
    // then Display and Debug show 岳某, never the name,
    assert_eq!(
        d.to_string(),
        "DN1: 10000.00 yuan from 岳某 to U1 for \"购买口罩\"; 10000.00 yuan left"
    );
    let debug = format!("{d:?}");
    assert!(
        debug.contains("岳某") && !debug.contains("岳建国"),
        "{debug}"
    );
    let cmd = SuppliesCommand::ReceiveDonation {
        donor: DonorName::new("岳建国"),
        gift: Gift::Money { amount_fen: -1 },
        purpose: "x".into(),
        receiver: town,
    };
    assert!(!format!("{cmd:?}").contains("岳建国"));
    // a refused donation keeps the donor masked in the ledger's refusal,
    let err = g.reg.supplies(g.secretary, at(T1), cmd).unwrap_err();
    assert!(!err.to_string().contains("岳建国"));
    let refusal = g
        .reg
        .ledger()
        .entries()
        .last()
        .unwrap()
        .record_bytes()
        .unwrap()
        .to_owned();
    assert!(
        refusal.contains("岳某") && !refusal.contains("岳建国"),
        "{refusal}"
    );
    // the default export and the trail show 岳某,
    let sheet = g.reg.donations_sheet(Lang::Both);
    let row = format!("{:?}", sheet.rows[0]);
    assert!(row.contains("岳某") && !row.contains("岳建国"));
    let trail = g.reg.trail(Subject::Donation(dn), &[]).unwrap();
    let json = serde_json::to_string(&trail).unwrap();
    assert!(json.contains("岳某") && !json.contains("岳建国"), "{json}");
    // and only a recorded reveal gives the name, to a leader or inspector.
    assert_eq!(
        g.reg
            .reveal_donor(g.worker_qianjin_1, at(T2), dn)
            .unwrap_err()
            .code(),
        "role_not_permitted"
    );
    let entries = g.reg.ledger().len();
    assert_eq!(
        g.reg.reveal_donor(g.secretary, at(T2), dn).unwrap(),
        "岳建国"
    );
    assert_eq!(g.reg.ledger().len(), entries + 1);
    // (the trail holds the receipt, the grid worker's refused reveal and the reveal)
    assert_eq!(
        g.reg
            .trail(Subject::Donation(dn), &[])
            .unwrap()
            .entries
            .len(),
        3
    );
    replay_equal(&g.reg);
}

#[test]
fn every_kind_of_command_replays_equal_and_the_trail_finds_stores_lots_and_donations() {
    let (mut g, store) = with_store();
    let s = g.secretary;
    let town = g.reg.township();
    replay_equal(&g.reg);
    // an item of the township's own,
    let gloves: Item = "gloves".parse().unwrap();
    g.reg
        .define_item(
            s,
            at(T1),
            ItemDefinition::new(gloves.clone(), "gloves", "手套", Measure::Pair),
        )
        .unwrap();
    replay_equal(&g.reg);
    let dn = g
        .reg
        .receive_donation(
            s,
            at(T1),
            DonorName::new("岳建国"),
            Gift::Money { amount_fen: 50_000 },
            "口罩",
            town,
        )
        .unwrap();
    replay_equal(&g.reg);
    let lot = g
        .reg
        .receive_purchase(s, at(T1), store, gloves.clone(), 40, "甲", 20_000, Some(dn))
        .unwrap();
    replay_equal(&g.reg);
    g.reg
        .receive_donation(
            s,
            at(T1),
            DonorName::new("Yue Jianguo"),
            Gift::Goods {
                store,
                item: Item::MASKS,
                quantity: 500,
                value_fen: 0,
            },
            "口罩",
            town,
        )
        .unwrap();
    replay_equal(&g.reg);
    let village = g
        .reg
        .establish_store(s, at(T2), g.qianjin, "前进村物资点")
        .unwrap();
    g.reg
        .transfer_stock(s, at(T2), store, village, gloves.clone(), 10, Some(lot))
        .unwrap();
    replay_equal(&g.reg);
    g.reg
        .issue_supplies(
            s,
            at(T2),
            store,
            vec![IssueLine::new(gloves.clone(), 5, household(&g))],
            "",
        )
        .unwrap();
    replay_equal(&g.reg);
    g.reg
        .adjust_stock(
            s,
            at(T2),
            store,
            gloves.clone(),
            2,
            Some(lot),
            AdjustmentReason::Count,
            "",
        )
        .unwrap();
    g.reg
        .adjust_stock(
            s,
            at(T2),
            store,
            gloves.clone(),
            -1,
            None,
            AdjustmentReason::Lost,
            "",
        )
        .unwrap();
    replay_equal(&g.reg);
    g.reg
        .record_disposal(s, at(T2), town, DisposalStage::Treated, 50, "")
        .unwrap();
    g.reg
        .set_handout_policy(s, at(T2), WithoutLedger::Refuse)
        .unwrap();
    g.reg.reveal_donor(s, at(T2), dn).unwrap();
    replay_equal(&g.reg);
    let obs = observe_head(&mut g, at(T2));
    g.reg
        .receive_purchase(s, at(T2), store, Item::DISINFECTANT, 5, "甲", 100, None)
        .unwrap();
    g.reg
        .receive_purchase(s, at(T2), store, Item::THERMOMETERS, 5, "甲", 100, None)
        .unwrap();
    g.reg
        .update_observation(g.worker_qianjin_1, at(T3), obs, handout(at(T3), None))
        .unwrap();
    replay_equal(&g.reg);
    // The own item sits in the per-store table beside the presets.
    let table = g.reg.stock_table(day("2020-01-29"));
    let own = table.own_items();
    assert_eq!(own.rows.len(), 2); // gloves in the township's store and the village's
    assert_eq!(own.rows[0].on_hand, 40 - 10 - 5 + 2 - 1);
    assert!(
        own.to_string()
            .contains("gloves 26 on hand (pair), 5 issued that day"),
        "{own}"
    );
    assert!(
        own.display_zh()
            .to_string()
            .contains("手套 库存26副，当日发放5副")
    );
    // The trail finds the store, the lot and the donation.
    let count = |reg: &Registry, subject| reg.trail(subject, &[]).unwrap().entries.len();
    assert!(count(&g.reg, Subject::Store(store)) >= 8);
    assert_eq!(count(&g.reg, Subject::Store(village)), 2); // established, transfer in
    assert!(count(&g.reg, Subject::Lot(lot)) >= 4); // bought, transferred, issued, counted
    assert_eq!(count(&g.reg, Subject::Donation(dn)), 3); // received, spent, revealed
}

#[test]
fn the_daily_figures_count_the_three_items_in_the_row_of_each_store_and_add_up() {
    // Given the township's store and Qianjin's, each with bottles, and issues on the 29th,
    let (mut g, store) = with_store();
    let village = g
        .reg
        .establish_store(g.secretary, at(T1), g.qianjin, "前进村物资点")
        .unwrap();
    for st in [store, village] {
        g.reg
            .receive_purchase(
                g.secretary,
                at(T1),
                st,
                Item::DISINFECTANT,
                60,
                "甲",
                1_000,
                None,
            )
            .unwrap();
    }
    g.reg
        .issue_supplies(
            g.secretary,
            at(T2),
            village,
            vec![IssueLine::new(Item::DISINFECTANT, 25, site(&g))],
            "",
        )
        .unwrap();
    // then Qianjin's row has its store's bottles, the township's row its own,
    let d = day("2020-01-29");
    let rows = g.reg.daily_figures_by_unit(d);
    assert_eq!(
        (
            rows[&g.qianjin].disinfectant_on_hand,
            rows[&g.qianjin].disinfectant_issued
        ),
        (35, 25)
    );
    let town = g.reg.township();
    assert_eq!(rows[&town].disinfectant_on_hand, 60);
    // the township's figures add them up, the day before counts the stock before the issue,
    let total = g.reg.township_figures(d);
    assert_eq!(
        (total.disinfectant_on_hand, total.disinfectant_issued),
        (95, 25)
    );
    assert_eq!(
        g.reg
            .township_figures(day("2020-01-28"))
            .disinfectant_on_hand,
        120
    );
    // and they are routine, not news: the day is still a zero report.
    assert!(total.is_zero_report());
}

#[cfg(feature = "fhir")]
#[test]
fn receipts_issues_and_a_day_s_stock_are_fhir_r5_resources_naming_their_version() {
    let (mut g, store) = with_store();
    g.reg
        .receive_purchase(
            g.secretary,
            at(T1),
            store,
            Item::DISINFECTANT,
            120,
            "县药材公司",
            240_000,
            None,
        )
        .unwrap();
    g.reg
        .issue_supplies(
            g.secretary,
            at(T2),
            store,
            vec![IssueLine::new(Item::DISINFECTANT, 20, site(&g))],
            "",
        )
        .unwrap();
    let deliveries = g.reg.supply_deliveries_fhir();
    assert_eq!(deliveries.len(), 2);
    for d in &deliveries {
        assert_eq!(d["resourceType"], "SupplyDelivery");
        assert_eq!(
            d["meta"]["tag"][0]["system"],
            "http://hl7.org/fhir/FHIR-version"
        );
        assert_eq!(d["meta"]["tag"][0]["code"], "5.0.0");
    }
    assert_eq!(deliveries[1]["suppliedItem"][0]["quantity"]["value"], 20);
    assert_eq!(deliveries[1]["destination"]["display"], "乡政府办公楼 (U1)");
    let report = g
        .reg
        .inventory_report_fhir(store, day("2020-01-29"))
        .unwrap();
    assert_eq!(report["resourceType"], "InventoryReport");
    assert_eq!(report["meta"]["tag"][0]["code"], "5.0.0");
    assert_eq!(report["countType"], "snapshot");
    assert_eq!(
        report["inventoryListing"][0]["item"][0]["quantity"]["value"],
        100
    );
    assert_eq!(
        report["inventoryListing"][0]["item"][0]["quantity"]["unit"],
        "bottle"
    );
}

/// One step of a random sequence.
#[derive(Clone, Debug)]
enum Step {
    Receive {
        store: usize,
        item: usize,
        n: i64,
    },
    Issue {
        store: usize,
        item: usize,
        n: i64,
    },
    Transfer {
        from: usize,
        item: usize,
        n: i64,
    },
    Adjust {
        store: usize,
        item: usize,
        change: i64,
    },
}

/// What a step did, whether it should have been accepted, and the changes it makes to the
/// model's counts (store, item, change).
type Outcome = (Result<(), Error>, bool, Vec<(usize, usize, i64)>);

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..2usize, 0..2usize, 1..40i64).prop_map(|(store, item, n)| Step::Receive {
            store,
            item,
            n
        }),
        (0..2usize, 0..2usize, -2..40i64).prop_map(|(store, item, n)| Step::Issue {
            store,
            item,
            n
        }),
        (0..2usize, 0..2usize, 1..40i64).prop_map(|(from, item, n)| Step::Transfer {
            from,
            item,
            n
        }),
        (0..2usize, 0..2usize, -30..30i64).prop_map(|(store, item, change)| Step::Adjust {
            store,
            item,
            change
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Stock on hand at any instant equals the sum of its ledger, never goes below zero, and a
    /// command that would make it negative is refused with nothing changed.
    #[test]
    fn stock_on_hand_is_the_sum_of_its_ledger(steps in proptest::collection::vec(step(), 1..30)) {
        let (mut g, township_store) = with_store();
        let village = g.reg.establish_store(g.secretary, at(T1), g.qianjin, "前进村物资点").unwrap();
        let stores = [township_store, village];
        let items = [Item::MASKS, Item::DISINFECTANT];
        let mut model = [[0i64; 2]; 2];
        let base = at(T1);
        let s = g.secretary;
        let h = household(&g);
        for (k, st) in steps.iter().enumerate() {
            let t = base.plus_seconds(60 * (k as i64 + 1));
            let before = g.reg.clone();
            let (result, expect_ok, changes): Outcome = match st.clone() {
                Step::Receive { store, item, n } => (
                    g.reg.receive_purchase(s, t, stores[store], items[item].clone(), n, "甲", 100, None).map(|_| ()),
                    true,
                    vec![(store, item, n)],
                ),
                Step::Issue { store, item, n } => (
                    g.reg.issue_supplies(s, t, stores[store], vec![IssueLine::new(items[item].clone(), n, h.clone())], "").map(|_| ()),
                    n >= 1 && n <= model[store][item],
                    vec![(store, item, -n)],
                ),
                Step::Transfer { from, item, n } => (
                    g.reg.transfer_stock(s, t, stores[from], stores[1 - from], items[item].clone(), n, None).map(|_| ()),
                    n <= model[from][item],
                    vec![(from, item, -n), (1 - from, item, n)],
                ),
                Step::Adjust { store, item, change } => (
                    g.reg.adjust_stock(s, t, stores[store], items[item].clone(), change, None, AdjustmentReason::Count, "").map(|_| ()),
                    change != 0 && model[store][item] + change >= 0,
                    vec![(store, item, change)],
                ),
            };
            prop_assert_eq!(result.is_ok(), expect_ok, "{:?}: {:?}", st, result);
            if let Err(e) = &result {
                prop_assert!(g.reg.state_eq(&before));
                if e.code() == "insufficient_stock" {
                    prop_assert!(e.to_string().contains(" on hand"));
                }
            } else {
                for (store, item, c) in changes {
                    model[store][item] += c;
                }
            }
            for (a, store) in stores.iter().enumerate() {
                for (b, item) in items.iter().enumerate() {
                    let on_hand = g.reg.stock_on_hand(*store, item);
                    prop_assert_eq!(on_hand as i64, model[a][b]);
                    prop_assert_eq!(g.reg.stock_at(*store, item, t), model[a][b]);
                    let sum: i64 = g.reg.stock_ledger(Some(*store), Some(item)).iter().map(|l| l.change).sum();
                    prop_assert_eq!(sum, model[a][b]);
                }
            }
        }
        let again = Registry::replay(g.reg.ledger()).unwrap();
        prop_assert_eq!(&again, &g.reg);
    }
}

#[test]
fn disinfectant_issued_to_a_disinfection_site_names_the_site_is_in_its_trail_and_an_unknown_site_is_refused()
 {
    use fangkong::disinfection::SiteKind;
    // Given 10 bottles in the township's store and the office building registered as a site
    let (mut g, store) = with_store();
    g.reg
        .receive_purchase(
            g.secretary,
            at(T1),
            store,
            Item::DISINFECTANT,
            10,
            "县药材公司",
            20_000,
            None,
        )
        .unwrap();
    let town = g.reg.township();
    let office = g
        .reg
        .register_site(
            g.secretary,
            at(T1),
            town,
            SiteKind::OFFICE_BUILDING,
            "乡政府办公楼",
        )
        .unwrap();
    // When a bottle is issued to the site's rounds, then the issue names the site
    let to_site = Recipient::DisinfectionSite { site: office };
    assert_eq!(to_site.to_string(), format!("disinfection site {office}"));
    assert_eq!(
        to_site.display_zh().to_string(),
        format!("消杀点位{office}")
    );
    g.reg
        .issue_supplies(
            g.secretary,
            at(T2),
            store,
            vec![IssueLine::new(Item::DISINFECTANT, 1, to_site)],
            "日消毒",
        )
        .unwrap();
    assert_eq!(g.reg.stock_on_hand(store, &Item::DISINFECTANT), 9);
    // When one is issued to a site that does not exist, then it is refused and nothing changes
    let before = g.reg.clone();
    let nowhere = Recipient::DisinfectionSite {
        site: fangkong::disinfection::SiteId::new(99),
    };
    let err = g
        .reg
        .issue_supplies(
            g.secretary,
            at(T2),
            store,
            vec![IssueLine::new(Item::DISINFECTANT, 1, nowhere)],
            "",
        )
        .unwrap_err();
    assert_eq!(err.code(), "unknown_site");
    assert!(g.reg.state_eq(&before));
    assert_eq!(g.reg.stock_on_hand(store, &Item::DISINFECTANT), 9);
    // And the site's audit trail holds its registration and the bottle issued to it; the
    // refusal naming site 99 is in that number's trail
    let kinds = |subject: fangkong::audit::Subject| -> Vec<String> {
        let trail = g.reg.trail(subject, &[]).unwrap();
        trail
            .entries
            .iter()
            .map(|e| {
                e.event_kind()
                    .map_or("refused".to_owned(), |(_, kind)| kind)
            })
            .collect()
    };
    assert_eq!(
        kinds(fangkong::audit::Subject::Site(office)),
        ["SiteRegistered", "Issued"]
    );
    assert_eq!(
        kinds(fangkong::audit::Subject::Site(
            fangkong::disinfection::SiteId::new(99)
        )),
        ["refused"]
    );
    // And the refusal and the issue replay
    replay_equal(&g.reg);
}
