//! Commands executed, refused and replayed: each input line is a command for a small township
//! (made once), so that the ledger holds what the registry itself writes — accepted events,
//! refusals with their codes, report submissions with the registry's own figures and heads —
//! and replay must rebuild exactly that registry. Forged records are `replay_records`' job;
//! this target checks that nothing genuine is ever refused by replay (issue 18).
//!
//! A line is one of:
//! - `c<actor digit><minutes step digit> <JSON of a Command>`: `execute`;
//! - `e<actor digit> <JSON of a Command>`: `execute` dated an hour before the last entry;
//! - `b<actor digit> <JSON of a Vec<BatchCommand>>`: `execute_all`, rows by that actor;
//! - `r<actor digit><unit digit><days back digit> <note>`: `submit_report`;
//! - `t<actor digit><subject digit>`: `export_trail` of a resident (recorded, or refused).
#![no_main]

use std::sync::OnceLock;

use fangkong::{
    BatchCommand, BatchItem, Body, Command, Duty, Error, Founding, Instant, Record, Registry,
    Relation, ResidentDetails, ResidentId, Role, Sex, StaffId, UnitId, UnitKind,
    mask_personal_data,
};
use fangkong::audit::Subject;
use fangkong::report::{ReportCommand, Schedule};
use libfuzzer_sys::fuzz_target;

/// The township every input starts from, and the instant of its last entry.
fn base() -> &'static (Registry, Instant) {
    static BASE: OnceLock<(Registry, Instant)> = OnceLock::new();
    BASE.get_or_init(|| {
        let t: Instant = "2020-01-24T09:00:00+08:00".parse().unwrap();
        let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
        let s1 = StaffId::new(1);
        let township = reg.township();
        let v = reg
            .establish_unit(s1, t, UnitKind::Village, "Qianjin", township, None)
            .unwrap();
        let g1 = reg.establish_group(s1, t, v, 1, "Qianjin group 1").unwrap();
        let g2 = reg.establish_group(s1, t, v, 2, "Qianjin group 2").unwrap();
        let li = reg.enroll_staff(s1, t, "Li Hua", Role::GridWorker, None).unwrap();
        reg.assign(s1, t, li, g1, Duty::Grid).unwrap();
        let lead = reg.enroll_staff(s1, t, "Wang Qiang", Role::Leader, None).unwrap();
        reg.assign(s1, t, lead, v, Duty::ChargeOfVillage).unwrap();
        reg.enroll_staff(s1, t, "Zhao Min", Role::Inspector, None).unwrap();
        reg.enroll_staff(s1, t, "Chen Jun", Role::Volunteer, None).unwrap();
        let h = reg.register_household(li, t, g1, "Qianjin 1-01").unwrap();
        let head = ResidentDetails::new("王秀英", Sex::Female, "1949-12-31".parse().unwrap(), Relation::Head)
            .with_identity("11010519491231002X".parse().unwrap())
            .with_phone("13874561234".parse().unwrap());
        reg.register_resident(li, t, h, head).unwrap();
        reg.register_household(s1, t, g2, "Qianjin 2-01").unwrap();
        reg.execute(
            s1,
            t,
            ReportCommand::SetSchedule {
                schedule: Schedule::new("2020-01-22".parse().unwrap()),
            },
        )
        .unwrap();
        (reg, t)
    })
}

fn digit(b: Option<u8>) -> u32 {
    b.map_or(0, |b| u32::from(b.wrapping_sub(b'0')) % 10)
}

/// Every text of a refused attempt is masked (masking it again changes nothing).
fn all_masked(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::String(s) => mask_personal_data(s) == *s,
        serde_json::Value::Array(items) => items.iter().all(all_masked),
        serde_json::Value::Object(m) => m.values().all(all_masked),
        _ => true,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (base, t0) = base();
    let mut reg = base.clone();
    let mut at = *t0;
    for line in text.lines().take(64) {
        let bytes = line.as_bytes();
        let Some(&mode) = bytes.first() else {
            continue;
        };
        let actor = StaffId::new(digit(bytes.get(1).copied()));
        let rest = line.get(line.find(' ').map_or(line.len(), |i| i + 1)..).unwrap_or("");
        match mode {
            b'c' | b'e' => {
                let Ok(command) = serde_json::from_str::<Command>(rest) else {
                    continue;
                };
                let when = if mode == b'e' {
                    at.plus_seconds(-3600)
                } else {
                    at = at.plus_seconds(i64::from(digit(bytes.get(2).copied())) * 600);
                    at
                };
                let _ = reg.execute(actor, when, command);
            }
            b'b' => {
                let Ok(rows) = serde_json::from_str::<Vec<BatchCommand>>(rest) else {
                    continue;
                };
                let items = rows.into_iter().take(16).map(|c| BatchItem::new(actor, at, c)).collect();
                let _ = reg.execute_all(items);
            }
            b'r' => {
                let unit = UnitId::new(digit(bytes.get(2).copied()));
                let back = i64::from(digit(bytes.get(3).copied()) % 4);
                let day = at.day_in(reg.offset());
                let Ok(day) = day.plus_days(-back) else {
                    continue;
                };
                let _ = reg.submit_report(actor, at, unit, day, rest);
            }
            b't' => {
                let subject = Subject::Resident(ResidentId::new(digit(bytes.get(2).copied())));
                let _ = reg.export_trail(actor, at, subject, &[]);
            }
            _ => {}
        }
    }
    // Every refusal carries a known code and keeps nothing unmasked.
    for record in reg.ledger().records() {
        let record: Record = record.expect("a record the registry wrote reads back");
        if let Body::Refused(r) = &record.body {
            assert!(Error::CODES.contains(&r.code.as_str()), "{}", r.code);
            assert!(all_masked(&r.attempt), "{}", r.attempt);
            assert_eq!(mask_personal_data(&r.reason), r.reason);
        }
    }
    // What the registry wrote, replay rebuilds: no genuine refusal or report is refused.
    let replayed = Registry::replay(reg.ledger()).expect("a ledger the registry wrote replays");
    assert!(replayed == reg, "replay rebuilt another registry");
});
