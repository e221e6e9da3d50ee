//! Synthetic townships (模拟数据) for examples, tests and benchmarks.
//!
//! Everything here is generated deterministically from a seed: the same [`TownshipSpec`] always
//! gives the same registry, event for event. Names, addresses, identity numbers and phones are
//! made up (identity numbers carry valid check characters, so they pass validation; phones use
//! the reserved-looking prefix 170). Nothing here is needed to use the crate.

use crate::grid::{Duty, Role, UnitKind};
use crate::household::{Relation, ResidentDetails, Vulnerabilities};
use crate::identity::{IdentityNumber, Phone, Sex};
use crate::place::StatisticalCode;
use crate::registry::{Founding, Registry};
use crate::{Day, Error, HouseholdId, Instant, ResidentId, StaffId, TimeOfDay, UnitId};

/// A village or community to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitSpec {
    /// Village or community.
    pub kind: UnitKind,
    /// Its name.
    pub name: String,
    /// Its 12-digit statistical code.
    pub code: Option<StatisticalCode>,
    /// How many groups it has.
    pub groups: u16,
    /// How many households it has, spread evenly over its groups.
    pub households: u32,
}

/// A township to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TownshipSpec {
    /// The township's name.
    pub name: String,
    /// Its statistical code.
    pub code: Option<StatisticalCode>,
    /// Its villages and communities.
    pub units: Vec<UnitSpec>,
    /// Groups per zone (分片): each zone has one cadre.
    pub groups_per_zone: u16,
    /// The seed of every random choice.
    pub seed: u64,
    /// The day the registry is built (the deployment meeting).
    pub day: Day,
}

impl TownshipSpec {
    /// Huochezhan Township (火车站乡), Shuangqing District, Shaoyang, as in the article: six
    /// villages and Gutang community, 4,248 households in all.
    ///
    /// The article names Qianjin (前进), Baiyun (白云), Yangliu (杨柳) and Gutang (古塘社区); the
    /// other three village names, the group counts, the split of households and the codes
    /// (township digits 200, villages 201–206, community 001) are made up.
    pub fn huochezhan() -> TownshipSpec {
        let code = |s: &str| s.parse::<StatisticalCode>().ok();
        let unit = |kind, name: &str, c: &str, groups, households| UnitSpec {
            kind,
            name: name.to_owned(),
            code: code(c),
            groups,
            households,
        };
        TownshipSpec {
            name: "Huochezhan Township (火车站乡)".to_owned(),
            code: code("430502200000"),
            units: vec![
                unit(
                    UnitKind::Village,
                    "Qianjin (前进村)",
                    "430502200201",
                    14,
                    712,
                ),
                unit(
                    UnitKind::Village,
                    "Baiyun (白云村)",
                    "430502200202",
                    12,
                    655,
                ),
                unit(
                    UnitKind::Village,
                    "Yangliu (杨柳村)",
                    "430502200203",
                    11,
                    590,
                ),
                unit(
                    UnitKind::Village,
                    "Hongxing (红星村)",
                    "430502200204",
                    10,
                    548,
                ),
                unit(
                    UnitKind::Village,
                    "Xinqiao (新桥村)",
                    "430502200205",
                    12,
                    603,
                ),
                unit(
                    UnitKind::Village,
                    "Shuangjiang (双江村)",
                    "430502200206",
                    10,
                    526,
                ),
                unit(
                    UnitKind::Community,
                    "Gutang (古塘社区)",
                    "430502200001",
                    8,
                    614,
                ),
            ],
            groups_per_zone: 4,
            seed: 20_200_123,
            day: Day::from_ymd(2020, 1, 24).expect("2020-01-24 is a calendar day"),
        }
    }

    /// The same township with every unit's households multiplied by `factor` (groups too), for
    /// benchmarks at county or city scale.
    pub fn scaled(mut self, factor: u32) -> TownshipSpec {
        for u in &mut self.units {
            u.households = u.households.saturating_mul(factor);
            u.groups = u
                .groups
                .saturating_mul(factor.min(u32::from(u16::MAX)) as u16);
        }
        self
    }

    /// The number of households the spec asks for.
    pub fn households(&self) -> u32 {
        self.units.iter().map(|u| u.households).sum()
    }
}

/// A generated township: the registry and who is who in it.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Township {
    /// The registry, with every unit, member of staff, household and resident recorded.
    pub registry: Registry,
    /// The party secretary, head of the leading group (S1).
    pub secretary: StaffId,
    /// The leader in charge of each village or community, in the order of the spec.
    pub leaders: Vec<(UnitId, StaffId)>,
    /// Each group with its grid worker.
    pub grid_workers: Vec<(UnitId, StaffId)>,
    /// The cadre of each zone.
    pub cadres: Vec<(UnitId, StaffId)>,
    /// Health workers of the township health centre.
    pub health_workers: Vec<StaffId>,
    /// Inspectors of the township discipline inspection commission.
    pub inspectors: Vec<StaffId>,
    /// Every household with its residents.
    pub households: Vec<(HouseholdId, Vec<ResidentId>)>,
}

/// A small deterministic generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }
}

const SURNAMES: &[&str] = &[
    "刘", "王", "李", "张", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "邓", "曾", "谢", "唐", "蒋", "彭", "肖", "罗", "伍", "申",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "红", "春", "志", "文",
];

fn name(rng: &mut Rng, surname: &str) -> String {
    let mut n = surname.to_owned();
    for _ in 0..1 + rng.below(2) {
        n.push_str(rng.pick(GIVEN).copied().unwrap_or("明"));
    }
    n
}

/// A synthetic identity number with a valid check character: `serial` picks the address code
/// (`43xxxx`, Hunan) and the sequence number, so distinct serials below 4,950,000 give distinct
/// numbers whatever the birth dates.
///
/// # Errors
/// Only if `birth` is outside years 1000–9999.
pub fn identity_number(birth: Day, sex: Sex, serial: u32) -> Result<IdentityNumber, Error> {
    let parity = match sex {
        Sex::Male => 1,
        _ => 0,
    };
    let address = 430_100 + (serial / 500) % 9_900;
    let seq = (serial % 500) * 2 + parity;
    let first17 = format!(
        "{address:06}{:04}{:02}{:02}{seq:03}",
        birth.year(),
        birth.month(),
        birth.day_of_month(),
    );
    let check = IdentityNumber::check_character(&first17)?;
    format!("{first17}{check}").parse()
}

/// Builds the township of `spec`: the leader of each village (联点包村), a cadre for each zone
/// (分片包组), a grid worker for each group, four health workers and three inspectors, and the
/// households and residents, each registered by the grid worker of its group.
///
/// # Errors
/// Only if the spec itself is inconsistent (two groups with one number cannot happen here;
/// a statistical code used twice can).
pub fn build(spec: &TownshipSpec) -> Result<Township, Error> {
    let day = spec.day;
    // One command a second from 08:00 local time on the spec's day.
    let start = Instant::at(day, TimeOfDay::from_hm(8, 0)?, crate::UtcOffset::CHINA);
    let mut second = 0i64;
    let mut at = move || {
        second += 1;
        start.plus_seconds(second)
    };
    let mut rng = Rng::new(spec.seed);
    let mut founding = Founding::new(spec.name.clone(), "刘书记");
    founding.code = spec.code;
    let mut reg = Registry::found(founding, at());
    let secretary = StaffId::new(1);
    let township = reg.township();
    let mut out = Parts::default();
    for i in 0..4 {
        let hw = reg.enroll_staff(
            secretary,
            at(),
            format!("卫生院医生{}", i + 1),
            Role::HealthWorker,
            None,
        )?;
        reg.assign(secretary, at(), hw, township, Duty::MedicalService)?;
        out.health_workers.push(hw);
    }
    for i in 0..3 {
        let ins = reg.enroll_staff(
            secretary,
            at(),
            format!("纪委干部{}", i + 1),
            Role::Inspector,
            None,
        )?;
        reg.assign(secretary, at(), ins, township, Duty::Supervision)?;
        out.inspectors.push(ins);
    }
    let mut serial = 0u32;
    for (ui, u) in spec.units.iter().enumerate() {
        let unit = reg.establish_unit(secretary, at(), u.kind, u.name.clone(), township, u.code)?;
        let surname = SURNAMES.get(ui % SURNAMES.len()).copied().unwrap_or("刘");
        let leader =
            reg.enroll_staff(secretary, at(), name(&mut rng, surname), Role::Leader, None)?;
        reg.assign(secretary, at(), leader, unit, Duty::ChargeOfVillage)?;
        out.leaders.push((unit, leader));
        let village_short = u.name.split(' ').next().unwrap_or(&u.name).to_owned();
        let mut groups = Vec::new();
        let mut zone = None;
        for g in 1..=u.groups {
            if (g - 1) % spec.groups_per_zone.max(1) == 0 {
                let z = reg.establish_unit(
                    secretary,
                    at(),
                    UnitKind::Zone,
                    format!(
                        "{village_short} zone {}",
                        (g - 1) / spec.groups_per_zone.max(1) + 1
                    ),
                    unit,
                    None,
                )?;
                let sn = rng_pick(&mut rng);
                let cadre_name = name(&mut rng, sn);
                let cadre = reg.enroll_staff(secretary, at(), cadre_name, Role::Cadre, None)?;
                reg.assign(secretary, at(), cadre, z, Duty::ZoneAndGroups)?;
                out.cadres.push((z, cadre));
                zone = Some(z);
            }
            let group = reg.establish_group(
                secretary,
                at(),
                unit,
                g,
                format!("{village_short} group {g}"),
            )?;
            if let Some(z) = zone {
                reg.execute(
                    secretary,
                    at(),
                    crate::Command::ZoneGroups {
                        zone: z,
                        groups: vec![group],
                    },
                )?;
            }
            let sn = rng_pick(&mut rng);
            let gw_name = name(&mut rng, sn);
            let gw = reg.enroll_staff(secretary, at(), gw_name, Role::GridWorker, None)?;
            reg.assign(secretary, at(), gw, group, Duty::Grid)?;
            out.grid_workers.push((group, gw));
            groups.push((g, group, gw));
        }
        let n_groups = groups.len().max(1) as u32;
        for i in 0..u.households {
            let Some(&(g, group, gw)) = groups.get((i % n_groups) as usize) else {
                break;
            };
            let address = format!("{village_short} group {g}, no. {}", i / n_groups + 1);
            let h = reg.register_household(gw, at(), group, address)?;
            let surname = rng_pick(&mut rng);
            let size = [1u64, 2, 2, 3, 3, 3, 4, 4, 5, 6][rng.below(10) as usize];
            let mut members = Vec::new();
            let head_age = 25 + rng.below(55) as i32;
            for m in 0..size {
                let (relation, age, sex) = match m {
                    0 => (
                        Relation::Head,
                        head_age,
                        if rng.percent(80) {
                            Sex::Male
                        } else {
                            Sex::Female
                        },
                    ),
                    1 => (
                        Relation::Spouse,
                        head_age - 3 + rng.below(6) as i32,
                        Sex::Female,
                    ),
                    2 | 3 => (
                        Relation::Child,
                        (head_age - 24 - rng.below(8) as i32).max(0),
                        if rng.percent(50) {
                            Sex::Male
                        } else {
                            Sex::Female
                        },
                    ),
                    4 => (
                        Relation::Parent,
                        head_age + 22 + rng.below(8) as i32,
                        Sex::Female,
                    ),
                    _ => (Relation::Grandchild, rng.below(6) as i32, Sex::Male),
                };
                let birth = Day::from_ymd(
                    day.year() - 1 - age,
                    1 + rng.below(12) as u32,
                    1 + rng.below(28) as u32,
                )?;
                serial += 1;
                let sn = if relation == Relation::Head {
                    surname.to_owned()
                } else {
                    rng_pick(&mut rng).to_owned()
                };
                let sn = if matches!(relation, Relation::Child | Relation::Grandchild) {
                    surname.to_owned()
                } else {
                    sn
                };
                let mut details = ResidentDetails::new(name(&mut rng, &sn), sex, birth, relation)
                    .with_identity(identity_number(birth, sex, serial)?);
                if m == 0 {
                    let phone: Phone = format!("170{:08}", serial % 100_000_000).parse()?;
                    details = details.with_phone(phone);
                    if size == 1 && age >= 65 {
                        details.vulnerabilities = Vulnerabilities {
                            elderly_living_alone: true,
                            ..Vulnerabilities::default()
                        };
                    }
                }
                if rng.percent(3) {
                    details.vulnerabilities.serious_illness = true;
                }
                members.push(reg.register_resident(gw, at(), h, details)?);
            }
            out.households.push((h, members));
        }
    }
    Ok(Township {
        registry: reg,
        secretary,
        leaders: out.leaders,
        grid_workers: out.grid_workers,
        cadres: out.cadres,
        health_workers: out.health_workers,
        inspectors: out.inspectors,
        households: out.households,
    })
}

#[derive(Default)]
struct Parts {
    leaders: Vec<(UnitId, StaffId)>,
    grid_workers: Vec<(UnitId, StaffId)>,
    cadres: Vec<(UnitId, StaffId)>,
    health_workers: Vec<StaffId>,
    inspectors: Vec<StaffId>,
    households: Vec<(HouseholdId, Vec<ResidentId>)>,
}

fn rng_pick(rng: &mut Rng) -> &'static str {
    rng.pick(SURNAMES).copied().unwrap_or("刘")
}
