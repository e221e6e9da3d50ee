//! A small township shared by the scenarios.

pub use fangkong::grid::{GridCommand, GridEvent};
pub use fangkong::observation::ObservationCommand;
pub use fangkong::screening::ScreeningCommand;
use fangkong::{
    Day, Duty, Founding, HouseholdId, IdentityNumber, Instant, Phone, Registry, Relation,
    ResidentDetails, ResidentId, Role, Sex, StaffId, UnitId, UnitKind,
};

/// Two villages with two groups each; a grid worker for group 1 of each village; a cadre for
/// all of Qianjin; a volunteer; a health worker; one household with two residents in Qianjin 1.
pub struct Given {
    pub reg: Registry,
    pub secretary: StaffId,
    pub qianjin: UnitId,
    pub baiyun: UnitId,
    pub qianjin_1: UnitId,
    pub qianjin_2: UnitId,
    pub baiyun_1: UnitId,
    pub baiyun_2: UnitId,
    pub worker_qianjin_1: StaffId,
    pub worker_baiyun_1: StaffId,
    pub cadre_qianjin: StaffId,
    pub volunteer: StaffId,
    #[allow(dead_code)]
    pub health_worker: StaffId,
    pub home: HouseholdId,
    pub head: ResidentId,
    pub spouse: ResidentId,
}

#[track_caller]
pub fn at(s: &str) -> Instant {
    s.parse().unwrap()
}

#[track_caller]
pub fn day(s: &str) -> Day {
    s.parse().unwrap()
}

pub const T0: &str = "2020-01-24T09:00:00+08:00";

/// The first worked identity number of DOMAIN.md §2 (female, born 1949-12-31).
pub const ID_WORKED_1: &str = "11010519491231002X";
/// The second (male, born 1880-01-01).
pub const ID_WORKED_2: &str = "440524188001010014";
pub const PHONE: &str = "13974561234";

pub fn head_details() -> ResidentDetails {
    ResidentDetails::new("王秀英", Sex::Female, day("1949-12-31"), Relation::Head)
        .with_identity(ID_WORKED_1.parse::<IdentityNumber>().unwrap())
        .with_phone(PHONE.parse::<Phone>().unwrap())
}

pub fn spouse_details() -> ResidentDetails {
    ResidentDetails::new("李建国", Sex::Male, day("1880-01-01"), Relation::Spouse)
        .with_identity(ID_WORKED_2.parse::<IdentityNumber>().unwrap())
}

#[track_caller]
pub fn given() -> Given {
    let t = at(T0);
    let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    let s1 = StaffId::new(1);
    let town = reg.township();
    let qianjin = reg
        .establish_unit(s1, t, UnitKind::Village, "Qianjin", town, None)
        .unwrap();
    let baiyun = reg
        .establish_unit(s1, t, UnitKind::Village, "Baiyun", town, None)
        .unwrap();
    let qianjin_1 = reg
        .establish_group(s1, t, qianjin, 1, "Qianjin group 1")
        .unwrap();
    let qianjin_2 = reg
        .establish_group(s1, t, qianjin, 2, "Qianjin group 2")
        .unwrap();
    let baiyun_1 = reg
        .establish_group(s1, t, baiyun, 1, "Baiyun group 1")
        .unwrap();
    let baiyun_2 = reg
        .establish_group(s1, t, baiyun, 2, "Baiyun group 2")
        .unwrap();
    let worker_qianjin_1 = reg
        .enroll_staff(s1, t, "Li Hua", Role::GridWorker, None)
        .unwrap();
    reg.assign(s1, t, worker_qianjin_1, qianjin_1, Duty::Grid)
        .unwrap();
    let worker_baiyun_1 = reg
        .enroll_staff(s1, t, "Zhou Min", Role::GridWorker, None)
        .unwrap();
    reg.assign(s1, t, worker_baiyun_1, baiyun_1, Duty::Grid)
        .unwrap();
    let cadre_qianjin = reg
        .enroll_staff(s1, t, "Chen Gang", Role::Cadre, None)
        .unwrap();
    reg.assign(s1, t, cadre_qianjin, qianjin, Duty::ZoneAndGroups)
        .unwrap();
    let volunteer = reg
        .enroll_staff(s1, t, "Tang Ping", Role::Volunteer, None)
        .unwrap();
    let health_worker = reg
        .enroll_staff(s1, t, "Dr Xie", Role::HealthWorker, None)
        .unwrap();
    reg.assign(s1, t, health_worker, town, Duty::MedicalService)
        .unwrap();
    let home = reg
        .register_household(worker_qianjin_1, t, qianjin_1, "Qianjin 1-01")
        .unwrap();
    let head = reg
        .register_resident(worker_qianjin_1, t, home, head_details())
        .unwrap();
    let spouse = reg
        .register_resident(worker_qianjin_1, t, home, spouse_details())
        .unwrap();
    Given {
        reg,
        secretary: s1,
        qianjin,
        baiyun,
        qianjin_1,
        qianjin_2,
        baiyun_1,
        baiyun_2,
        worker_qianjin_1,
        worker_baiyun_1,
        cadre_qianjin,
        volunteer,
        health_worker,
        home,
        head,
        spouse,
    }
}

/// Wuhan (420100).
pub fn wuhan() -> fangkong::place::DivisionCode {
    "420100".parse().unwrap()
}

/// Given Wuhan designated high from 2020-01-08 and the January 2020 returnee rule adopted,
/// both by the secretary at `T0`.
#[track_caller]
pub fn wuhan_high_and_the_january_rule(g: &mut Given) {
    let t = at(T0);
    g.reg
        .execute(
            g.secretary,
            t,
            fangkong::screening::ScreeningCommand::DesignateRiskArea {
                area: wuhan(),
                level: fangkong::screening::RiskLevel::HIGH,
                from: day("2020-01-08"),
                basis: "NHC community notice, 2020-01-24".into(),
            },
        )
        .unwrap();
    g.reg
        .execute(
            g.secretary,
            t,
            fangkong::screening::ScreeningCommand::AdoptScreeningRule {
                rule: fangkong::screening::ScreeningRule::returnee_jan2020(),
            },
        )
        .unwrap();
}

/// The chain hash of LEDGER.md, in hex, computed with sha2 alone as a third party would:
/// SHA-256("fangkong-ledger-v2\n" ‖ prev ‖ SHA-256(record)), `prev` given in hex. For tests
/// that forge or re-hash entries.
pub fn chain_hex(prev_hex: &str, record: &str) -> String {
    use sha2::{Digest, Sha256};
    let prev: Vec<u8> = (0..32)
        .map(|k| u8::from_str_radix(&prev_hex[2 * k..2 * k + 2], 16).unwrap())
        .collect();
    let mut h = Sha256::new();
    h.update(b"fangkong-ledger-v2\n");
    h.update(&prev);
    h.update(Sha256::digest(record.as_bytes()));
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A record's bytes, as the registry writes them (LEDGER.md, "A record"), with the body given
/// as JSON and the schema given: for forging records of another version.
pub fn record_json(
    schema: u32,
    seq: u64,
    at: &str,
    actor: StaffId,
    first: u64,
    entries: usize,
    body: &str,
) -> String {
    format!(
        "{{\"seq\":{seq},\"schema\":{schema},\"at\":\"{at}\",\"actor\":{},\"command\":{{\"first\":{first},\"entries\":{entries}}},\"body\":{body}}}",
        actor.get(),
    )
}

/// A record's bytes, as the registry writes them.
pub fn record(
    seq: u64,
    at: &str,
    actor: StaffId,
    first: u64,
    entries: usize,
    body: &fangkong::Body,
) -> String {
    record_json(
        fangkong::SCHEMA_VERSION,
        seq,
        at,
        actor,
        first,
        entries,
        &serde_json::to_string(body).unwrap(),
    )
}

/// The registry's ledger as JSON Lines with `records` (record bytes, written as they are)
/// appended, each line chained to the one before with a valid hash, read back. The forgery
/// verifies: only replay can catch it.
pub fn append_records(reg: &Registry, records: &[String]) -> fangkong::Ledger {
    let mut text = reg.ledger().to_jsonl();
    let mut prev = reg.ledger().head().hash.to_string();
    for rec in records {
        let hash = chain_hex(&prev, rec);
        text.push_str(&format!(
            "{{\"prev\":\"{prev}\",\"hash\":\"{hash}\",\"record\":{rec}}}\n"
        ));
        prev = hash;
    }
    let loaded = fangkong::Ledger::from_jsonl(&text).unwrap();
    loaded.verify().unwrap();
    loaded
}

/// The registry's ledger as JSON Lines with `bodies` appended as one command by `actor`, each
/// line chained to the one before; the first forged entry is returned with the ledger.
pub fn append(
    reg: &Registry,
    actor: StaffId,
    at: &str,
    bodies: &[fangkong::Body],
) -> (fangkong::Ledger, u64) {
    let first = reg.ledger().head().seq + 1;
    let records: Vec<String> = bodies
        .iter()
        .enumerate()
        .map(|(k, body)| record(first + k as u64, at, actor, first, bodies.len(), body))
        .collect();
    (append_records(reg, &records), first)
}
