//! Synthetic townships (模拟数据) for examples, tests and benchmarks.
//!
//! Everything here is generated deterministically from a seed: the same [`TownshipSpec`] always
//! gives the same registry, event for event. Names, addresses, identity numbers and phones are
//! made up (identity numbers carry valid check characters, so they pass validation; phones use
//! the reserved-looking prefix 170). Nothing here is needed to use the crate: it is behind the
//! `synth` feature.
//!
//! Three kinds of thing live here:
//!
//! - [`doc_fixture`]: the small township ([`DocTownship`]) the examples on
//!   [`Registry`]'s page start from — one village, one group, a grid worker,
//!   one household — so each example shows its own set-up in a line;
//! - [`TownshipSpec`], [`build`] and [`run_campaign`]: whole townships and their campaigns,
//!   the same from the same seed, with the gaps ([`Gaps`]) a county's tools must meet;
//! - the benchmark workloads ([`Size`], [`shard_specs`], [`grid_commands`], …).

use crate::calendar::{Day, Instant, TimeOfDay};
use crate::error::Error;
use crate::event::Command;
use crate::grid::{Duty, GridCommand, Role, UnitKind};
use crate::household::{Relation, ResidentDetails, Vulnerabilities};
use crate::identity::{IdentityNumber, Phone, Sex};
use crate::ids::{HouseholdId, ResidentId, StaffId, UnitId};
use crate::ledger::LedgerError;
use crate::observation::ObservationCommand;
use crate::place::StatisticalCode;
use crate::registry::{Founding, Registry};
use crate::screening::ScreeningCommand;

mod doc;
pub use doc::{DocTownship, doc_fixture};

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
    /// The gaps the campaign leaves (none by default): reports missing or late, findings
    /// left unrectified.
    pub gaps: Gaps,
}

/// The gaps a campaign run by [`run_campaign`] leaves, for a county's tools to meet: reports
/// not sent or sent late, findings left past their deadline. Units are named as in the spec
/// (the township by its own name).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Gaps {
    /// Reports never sent: the unit's name and the day.
    pub missing_reports: Vec<(String, Day)>,
    /// Reports sent late, at 09:00 on the next day: the unit's name and the day.
    pub late_reports: Vec<(String, Day)>,
    /// How many of the campaign's findings (the first ones) are never rectified, so that
    /// they are overdue after their deadline.
    pub unrectified_findings: usize,
}

impl Gaps {
    /// No gaps.
    pub fn none() -> Gaps {
        Gaps::default()
    }

    /// With the report of `unit` for `day` never sent.
    pub fn with_missing_report(mut self, unit: impl Into<String>, day: Day) -> Gaps {
        self.missing_reports.push((unit.into(), day));
        self
    }

    /// With the report of `unit` for `day` sent at 09:00 the next day.
    pub fn with_late_report(mut self, unit: impl Into<String>, day: Day) -> Gaps {
        self.late_reports.push((unit.into(), day));
        self
    }

    /// With the first `n` findings never rectified.
    pub fn with_unrectified_findings(mut self, n: usize) -> Gaps {
        self.unrectified_findings = n;
        self
    }
}

/// Names for villages of generated townships ([`TownshipSpec::from_seed`]).
const VILLAGE_NAMES: [(&str, &str); 24] = [
    ("Dongshan", "东山村"),
    ("Xishan", "西山村"),
    ("Nanhu", "南湖村"),
    ("Beiling", "北岭村"),
    ("Qingshi", "青石村"),
    ("Huangni", "黄泥村"),
    ("Lianhua", "莲花村"),
    ("Taohua", "桃花村"),
    ("Shuikou", "水口村"),
    ("Shanjiao", "山脚村"),
    ("Xintian", "新田村"),
    ("Gaoping", "高坪村"),
    ("Longtan", "龙潭村"),
    ("Fengshu", "枫树村"),
    ("Zhuyuan", "竹园村"),
    ("Shiqiao", "石桥村"),
    ("Hejia", "何家村"),
    ("Lijia", "李家村"),
    ("Changtang", "长塘村"),
    ("Baima", "白马村"),
    ("Jinxing", "金星村"),
    ("Hongqi", "红旗村"),
    ("Tianxin", "田心村"),
    ("Songbai", "松柏村"),
];

impl TownshipSpec {
    /// A township generated from `seed`, named `name`: 3 to 8 villages (and a community one
    /// time in three) with names drawn from a list, 150 to 700 households each in groups of
    /// about 50, so that townships of different seeds differ; the deployment day and the
    /// campaign are Huochezhan's. No statistical codes.
    ///
    /// ```
    /// use fangkong::synth::TownshipSpec;
    /// let a = TownshipSpec::from_seed("Gutang Township", 1);
    /// let b = TownshipSpec::from_seed("Gutang Township", 2);
    /// assert_ne!(a.units, b.units);
    /// assert_eq!(a, TownshipSpec::from_seed("Gutang Township", 1)); // deterministic
    /// assert!((3..=9).contains(&a.units.len()));
    /// ```
    pub fn from_seed(name: impl Into<String>, seed: u64) -> TownshipSpec {
        let mut rng = Rng::new(seed ^ 0x5EED_0F70_5715);
        let villages = 3 + rng.below(6) as usize;
        let mut names: Vec<(&str, &str)> = VILLAGE_NAMES.to_vec();
        let mut units = Vec::new();
        for i in 0..villages {
            let k = rng.below(names.len() as u64) as usize;
            let (en, zh) = names.swap_remove(k);
            let households = 150 + rng.below(551) as u32;
            units.push(UnitSpec {
                kind: UnitKind::Village,
                name: format!("{en} ({zh})"),
                code: None,
                groups: u16::try_from(households.div_ceil(50)).unwrap_or(u16::MAX),
                households,
            });
            if i == 0 && rng.below(3) == 0 {
                let households = 200 + rng.below(401) as u32;
                units.push(UnitSpec {
                    kind: UnitKind::Community,
                    name: "Xincheng (新城社区)".to_owned(),
                    code: None,
                    groups: u16::try_from(households.div_ceil(50)).unwrap_or(u16::MAX),
                    households,
                });
            }
        }
        TownshipSpec {
            name: name.into(),
            code: None,
            units,
            groups_per_zone: 4,
            seed,
            day: TownshipSpec::huochezhan().day,
            gaps: Gaps::none(),
        }
    }

    /// The same spec with these gaps ([`Gaps`]).
    pub fn with_gaps(mut self, gaps: Gaps) -> TownshipSpec {
        self.gaps = gaps;
        self
    }

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
            day: Day::from_ymd(2020, 1, 22).expect("2020-01-22 is a calendar day"),
            gaps: Gaps::none(),
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
    /// The party secretary, head of the leading group (S1), assigned to the township by the
    /// founding: the leader who issues what covers the whole township.
    pub secretary: StaffId,
    /// The leader in charge of each village or community (联点包村), in the order of the spec,
    /// assigned to that unit only: each acts there and nowhere else.
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
    /// The gaps its campaign leaves (the spec's).
    pub gaps: Gaps,
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
/// numbers whatever the birth dates. Each further block of 4,950,000 serials takes the next
/// province digits down (`42xxxx`, `41xxxx`, … to `11xxxx`), so the numbers stay distinct up to
/// 163,350,000 serials (a city of [`Size::City`] has about 6.5 million residents).
///
/// # Errors
/// Only if `birth` is outside years 1000–9999.
pub fn identity_number(birth: Day, sex: Sex, serial: u32) -> Result<IdentityNumber, Error> {
    let parity = match sex {
        Sex::Male => 1,
        _ => 0,
    };
    // Serials below 4,950,000 keep the address codes of earlier releases (430100–439999).
    let block = serial / 4_950_000 % 33;
    let address = (43 - block) * 10_000 + 100 + (serial / 500) % 9_900;
    let seq = (serial % 500) * 2 + parity;
    let first17 = format!(
        "{address:06}{:04}{:02}{:02}{seq:03}",
        birth.year(),
        birth.month(),
        birth.day_of_month(),
    );
    let check = IdentityNumber::check_character(&first17)?;
    Ok(format!("{first17}{check}").parse()?)
}

/// Builds the township of `spec`: the leader of each village (联点包村), a cadre for each zone
/// (分片包组), a grid worker for each group, four health workers and three inspectors, and the
/// households and residents, each registered by the grid worker of its group.
///
/// # Errors
/// Only if the spec itself is inconsistent (two groups with one number cannot happen here;
/// a statistical code used twice can).
pub fn build(spec: &TownshipSpec) -> Result<Township, Error> {
    build_numbered(spec, 0)
}

/// [`build`], with the residents' identity-number serials starting after `first_serial`
/// (so the townships of one county or city never share a number: [`build_shards`]).
fn build_numbered(spec: &TownshipSpec, first_serial: u32) -> Result<Township, Error> {
    let day = spec.day;
    // One command a second from 08:00 local time on the spec's day.
    let start = Instant::at(
        day,
        TimeOfDay::from_hm(8, 0)?,
        crate::calendar::UtcOffset::CHINA,
    );
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
    let mut serial = first_serial;
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
                    crate::grid::GridCommand::ZoneGroups {
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
        gaps: spec.gaps.clone(),
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

/// What happened in a generated screening and observation campaign.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Campaign {
    /// The screening round.
    pub round: Option<crate::ids::RoundId>,
    /// Residents interviewed as returnees (打工回乡人员), with the province they came from.
    pub returnees: Vec<(ResidentId, crate::place::DivisionCode)>,
    /// Households whose first visit found nobody home.
    pub revisited: Vec<HouseholdId>,
    /// The observations opened for key people, in the order opened.
    pub observations: Vec<crate::ids::ObservationId>,
    /// How many persuasion visits about planned gatherings were made.
    pub persuasions: usize,
    /// How many inspections the supervision group made.
    pub inspections: usize,
    /// The cadres given organisational handling.
    pub handled: Vec<StaffId>,
    /// The township's publicity campaign, the letter to all residents (致广大居民的一封信).
    pub publicity: Option<crate::ids::CampaignId>,
}

/// How many key people (with a Hubei history) the campaign plants, as in the article.
pub const KEY_PEOPLE: usize = 49;

/// Runs the campaign of the article on a generated township, from the deployment meeting to
/// `report_day` (2020-02-04 in the `township` example):
///
/// 1. the secretary records Wuhan and Hubei as high-risk from 2020-01-08 and adopts the
///    January 2020 returnee rule;
/// 2. a screening round over every village and community opens on 2020-01-24; each
///    household is visited by its group's grid worker between the 24th and the 27th (one in 40
///    has nobody home at first and is visited again the next day); returnees are interviewed:
///    [`KEY_PEOPLE`] with a stay in Hubei, about 300 more from other provinces;
/// 3. the 49 key people are placed under home observation by the screening itself; the health
///    centre visits each and hands out masks, disinfectant and a thermometer; each reports a
///    temperature twice a day through their grid worker;
/// 4. on each earliest release day a health worker reviews and releases; two people develop a
///    fever and are referred to the designated hospital, two go back to work in Changsha and
///    are transferred out, one is lost to follow-up.
///
/// Beside them run the article's gathering orders and venue closures, the supervision group's
/// inspections, a daily report from every unit every day, and the township's publicity: one
/// campaign ([`Campaign::publicity`]), the letter to all residents delivered to every household
/// by its grid worker (about 7,080 copies for 4,248 households), [`VAN_OUTINGS_A_DAY`] outings
/// of the van a day (108 to 2020-02-04), every village's loudspeakers three times a day, posters
/// in every village and a message to the township's WeChat work group every evening.
///
/// Day 0 of the 15 planted last is 2020-01-21 to 2020-01-23, so on 2020-02-04 they are still
/// under observation; the other 29 are released by then.
///
/// # Errors
/// Only if the township was not generated by [`build`] (a command is refused).
pub fn run_campaign(town: &mut Township, report_day: Day) -> Result<Campaign, Error> {
    run_campaign_days(town, report_day, |_, _| {})
}

/// Runs the campaign as [`run_campaign`] does, calling `on_day` with the registry at the end of
/// each simulated day, from the deployment meeting to `report_day` (a progress line, say).
///
/// # Errors
/// As [`run_campaign`].
pub fn run_campaign_days(
    town: &mut Township,
    report_day: Day,
    mut on_day: impl FnMut(Day, &Registry),
) -> Result<Campaign, Error> {
    use crate::place::DivisionCode;
    use crate::screening::{
        Interview, ReportedSymptoms, RiskRegister, ScreeningRule, Stay, TravelHistory, VisitResult,
    };
    let offset = crate::calendar::UtcOffset::CHINA;
    let when = |d: Day, h: u32, m: u32| -> Result<Instant, Error> {
        Ok(Instant::at(d, TimeOfDay::from_hm(h, m)?, offset))
    };
    let sec = town.secretary;
    let doctor = town.health_workers.first().copied().unwrap_or(sec);
    let meeting = when(Day::from_ymd(2020, 1, 23)?, 15, 0)?;
    let mut out = Campaign::default();
    let town_cadres = town.cadres.clone();
    let reg = &mut town.registry;

    // 1. The risk areas and the rule.
    for d in RiskRegister::jan2020_hubei().designations() {
        reg.execute(
            sec,
            meeting,
            ScreeningCommand::DesignateRiskArea {
                area: d.area,
                level: d.level.clone(),
                from: d.from,
                basis: d.basis.clone(),
            },
        )?;
    }
    reg.execute(
        sec,
        meeting,
        ScreeningCommand::AdoptScreeningRule {
            rule: ScreeningRule::returnee_jan2020(),
        },
    )?;

    // 2. The round, and the plan of its visits and interviews.
    let first = Day::from_ymd(2020, 1, 24)?;
    let units: Vec<UnitId> = town.leaders.iter().map(|(u, _)| *u).collect();
    let round = reg
        .execute(
            sec,
            when(first, 8, 0)?,
            ScreeningCommand::OpenScreeningRound {
                name: "Carpet screening of all households (全面摸底排查)".to_owned(),
                units,
                opens: first,
            },
        )
        .map(|_| crate::ids::RoundId::new(1))?;
    out.round = Some(round);
    let worker_of: std::collections::BTreeMap<UnitId, StaffId> =
        town.grid_workers.iter().copied().collect();
    let mut rng = Rng::new(2020_0124);
    let n = town.households.len().max(1);
    // The households of the 49 key people: spread evenly over the township.
    let key_every = (n / KEY_PEOPLE).max(1);
    let hubei_places: Vec<DivisionCode> = [
        420102, 420103, 420104, 420106, 420111, 420112, 420115, 420116, 420900, 421100, 421200,
    ]
    .iter()
    .filter_map(|c| DivisionCode::from_u32(*c).ok())
    .collect();
    let elsewhere: Vec<DivisionCode> = [440000, 330000, 350000, 320000, 430100]
        .iter()
        .filter_map(|c| DivisionCode::from_u32(*c).ok())
        .collect();
    let mut plan = Schedule::default();
    let mut key_index = 0usize;
    for (i, (h, members)) in town.households.iter().enumerate() {
        let group = reg.household(*h).map_or(UnitId::new(0), |x| x.group);
        let worker = worker_of.get(&group).copied().unwrap_or(sec);
        let day = first.plus_days((i % 4) as i64)?;
        let minute = (i * 7 % 180) as u32;
        let mut at = when(day, 8 + minute / 60, minute % 60)?;
        if rng.below(40) == 0 && i % key_every != 0 {
            plan.push(at, worker, Step::Visit(*h, VisitResult::NobodyHome));
            out.revisited.push(*h);
            at = when(day.plus_days(1)?, 18, minute % 60)?;
        }
        plan.push(at, worker, Step::Visit(*h, VisitResult::Screened));
        // Returnees of this household.
        let is_key = i % key_every == 0 && key_index < KEY_PEOPLE;
        let adult = members.iter().copied().find(|r| {
            reg.resident(*r).is_some_and(|x| {
                let age = x.details.age_on(day);
                (18..=55).contains(&age)
            })
        });
        let Some(returnee) = adult.or_else(|| members.first().copied()) else {
            continue;
        };
        let interview_at = at.plus_seconds(600);
        if is_key {
            // Day 0 by plan: the first 15 left Hubei on 2020-01-21 to 23, the rest 13 to 20.
            let k = key_index;
            key_index += 1;
            let day0 = if k < 15 {
                Day::from_ymd(2020, 1, 21 + (k % 3) as u32)?
            } else {
                Day::from_ymd(2020, 1, 13 + (k % 8) as u32)?
            };
            let place = *rng.pick(&hubei_places).unwrap_or(&DivisionCode::WUHAN);
            let arrived = day0.plus_days(-(5 + rng.below(20) as i64))?;
            let travel = TravelHistory {
                stays: vec![Stay::new(place, arrived, day0)?],
                transits: Vec::new(),
                returned_home: Some(day0.plus_days(1)?.min(day)),
            };
            let through_wuhan = travel.was_in(DivisionCode::WUHAN);
            let interview = Interview::new(travel, through_wuhan, ReportedSymptoms::default())?;
            plan.push(
                interview_at,
                worker,
                Step::Interview(returnee, Box::new(interview), Some(k)),
            );
            out.returnees.push((returnee, DivisionCode::HUBEI));
        } else if rng.below(14) == 0 {
            let place = *rng.pick(&elsewhere).unwrap_or(&DivisionCode::HUBEI);
            let left = first.plus_days(-(1 + rng.below(14) as i64))?;
            let travel = TravelHistory {
                stays: vec![Stay::new(place, left.plus_days(-60)?, left)?],
                transits: Vec::new(),
                returned_home: Some(left.plus_days(1)?),
            };
            let interview = Interview::new(travel, false, ReportedSymptoms::default())?;
            plan.push(
                interview_at,
                worker,
                Step::Interview(returnee, Box::new(interview), None),
            );
            out.returnees.push((returnee, place.province()));
        }
    }
    plan.push(
        when(first.plus_days(4)?, 20, 0)?,
        sec,
        Step::CloseRound(round),
    );

    // 5. Gatherings (DOMAIN.md §5): the township's orders, the venues and their closure, and
    // the persuasion visits the article reports.
    plan_gatherings(
        town_view(&town.leaders, &town.grid_workers),
        reg,
        &mut plan,
        report_day,
    )?;

    // 5b. Publicity (DOMAIN.md §9): the letter to all residents, the van, loudspeakers, the
    // township's work group online, posters.
    out.publicity = plan_publicity(
        town_view(&town.leaders, &town.grid_workers),
        reg,
        &mut plan,
        report_day,
    )?;

    // 6. Supervision (§6): an inspection a day from 2020-01-25, open and covert in turn; three
    // find a cadre absent from post, and each of those three is handled.
    let inspectors = if town.inspectors.is_empty() {
        vec![sec]
    } else {
        town.inspectors.clone()
    };
    let mut d = Day::from_ymd(2020, 1, 25)?;
    let mut n = 0usize;
    while d <= report_day && n < INSPECTIONS && !town.leaders.is_empty() {
        let (village, _) = town.leaders[n % town.leaders.len()];
        plan.push(
            when(d, 15, 0)?,
            inspectors[n % inspectors.len()],
            Step::Inspect(village, n),
        );
        d = d.plus_days(1)?;
        n += 1;
    }

    // 7. The daily report (§7): the secretary sets the schedule as screening opens; every
    // reporting unit reports every day at 21:30, zero reports included.
    reg.execute(
        sec,
        when(first, 8, 0)?,
        crate::report::ReportCommand::SetSchedule {
            schedule: crate::report::Schedule::new(first),
        },
    )?;
    // The gaps asked for: a report never sent, or sent at 09:00 the next day.
    let gaps = town.gaps.clone();
    let named = |unit: UnitId, d: Day, list: &[(String, Day)]| {
        let name = reg.unit(unit).map_or("", |u| u.name.as_str());
        list.iter().any(|(n, day)| *day == d && n == name)
    };
    let mut d = first;
    while d <= report_day {
        let units = std::iter::once((reg.township(), sec)).chain(town.leaders.iter().copied());
        for (unit, who) in units {
            if named(unit, d, &gaps.missing_reports) {
                continue;
            }
            let at = if named(unit, d, &gaps.late_reports) {
                when(d.plus_days(1)?, 9, 0)?
            } else {
                when(d, 21, 30)?
            };
            plan.push(at, who, Step::Report(unit, d));
        }
        d = d.plus_days(1)?;
    }

    // 3 and 4. Everything in the order it happens: an interview that finds a key person opens
    // their observation, and that schedules its follow-up (visit, readings, release or leaving).
    let mut rng = Rng::new(2020_0129);
    let mut today = meeting.day_in(offset);
    while let Some((at, who, step)) = plan.pop() {
        let day = at.day_in(offset);
        if day > report_day {
            break;
        }
        while today < day {
            on_day(today, reg);
            today = today.plus_days(1)?;
        }
        match step {
            Step::Visit(household, result) => {
                reg.execute(
                    who,
                    at,
                    ScreeningCommand::RecordVisit {
                        round,
                        household,
                        result,
                    },
                )?;
            }
            Step::Interview(resident, interview, key) => {
                let receipt = reg.execute(
                    who,
                    at,
                    ScreeningCommand::RecordInterview {
                        resident,
                        round: Some(round),
                        interview: *interview,
                    },
                )?;
                let opened = receipt.observation();
                if let (Some(k), Some(obs)) = (key, opened) {
                    out.observations.push(obs);
                    plan_observation(reg, &mut plan, &mut rng, obs, k, who, doctor, report_day)?;
                }
            }
            Step::CloseRound(round) => {
                reg.execute(
                    who,
                    at,
                    ScreeningCommand::CloseScreeningRound {
                        round,
                        closes: first.plus_days(4)?,
                    },
                )?;
            }
            Step::Update(obs, update) => {
                reg.update_observation(who, at, obs, *update)?;
            }
            Step::Gathering(command) => {
                reg.execute(who, at, *command)?;
            }
            Step::Persuade(planned, outcome) => {
                reg.execute(
                    who,
                    at,
                    crate::gathering::GatheringCommand::ReportGathering(*planned),
                )?;
                let gathering = reg
                    .planned_gatherings()
                    .last()
                    .map(|g| g.id)
                    .ok_or(Error::Ledger(LedgerError::LedgerNotFounded))?;
                out.persuasions += 1;
                plan.push(
                    at.plus_seconds(1800),
                    who,
                    Step::Gathering(Box::new(
                        crate::gathering::GatheringCommand::RecordPersuasion { gathering, outcome },
                    )),
                );
            }
            Step::Inspect(village, n) => {
                let unrectified = gaps.unrectified_findings;
                inspect(
                    reg,
                    &mut plan,
                    &town_cadres,
                    (sec, who),
                    at,
                    village,
                    (n, unrectified),
                )?;
                out.inspections += 1;
            }
            Step::Supervise(command) => {
                if let crate::supervision::SupervisionCommand::DecideAccountability {
                    accountable: crate::supervision::Accountable::Cadre { staff, .. },
                    ..
                } = &*command
                {
                    out.handled.push(*staff);
                }
                reg.execute(who, at, *command)?;
            }
            Step::Report(unit, day) => {
                reg.submit_report(who, at, unit, day, "")?;
            }
            Step::Publicity(command) => {
                reg.execute(who, at, *command)?;
            }
        }
    }
    while today <= report_day {
        on_day(today, reg);
        today = today.plus_days(1)?;
    }
    Ok(out)
}

/// What the campaign does at a moment.
enum Step {
    Visit(HouseholdId, crate::screening::VisitResult),
    Interview(ResidentId, Box<crate::screening::Interview>, Option<usize>),
    CloseRound(crate::ids::RoundId),
    Update(
        crate::ids::ObservationId,
        Box<crate::observation::ObservationUpdate>,
    ),
    Gathering(Box<crate::gathering::GatheringCommand>),
    Persuade(
        Box<crate::gathering::PlannedGathering>,
        crate::gathering::PersuasionOutcome,
    ),
    Inspect(UnitId, usize),
    Supervise(Box<crate::supervision::SupervisionCommand>),
    Report(UnitId, Day),
    Publicity(Box<crate::publicity::PublicityCommand>),
}

/// How many inspections the supervision group makes (明察暗访), as in the article.
pub const INSPECTIONS: usize = 11;

/// How many cadres are handled (组织处理), as in the article.
pub const HANDLED: usize = 3;

/// How many catering businesses the township closed, as in the article.
pub const CATERING_BUSINESSES: usize = 65;

/// How many teahouses the example's township closes.
pub const TEAHOUSES: usize = 10;

/// The title of the township's publicity campaign, as in the article.
pub const LETTER_TITLE: &str = "致广大居民的一封信 (a letter to all residents)";

/// How many outings the township's publicity van makes a day: 108 from 2020-01-24 to
/// 2020-02-04, the article's "100+".
pub const VAN_OUTINGS_A_DAY: u32 = 9;

/// The members of the township's WeChat work group (the reach of its messages).
pub const WORK_GROUP_MEMBERS: u32 = 320;

/// The inspections that find a cadre absent from post (by number, from 0).
const ABSENT_ON: [usize; HANDLED] = [3, 6, 8];

/// The parts of the township the campaign's later steps need.
struct TownView<'a> {
    leaders: &'a [(UnitId, StaffId)],
    grid_workers: &'a [(UnitId, StaffId)],
}

fn town_view<'a>(
    leaders: &'a [(UnitId, StaffId)],
    grid_workers: &'a [(UnitId, StaffId)],
) -> TownView<'a> {
    TownView {
        leaders,
        grid_workers,
    }
}

/// The township's gathering orders, its venues and their closure, and the persuasion visits of
/// the article: funerals simplified in Qianjin (3), Baiyun (2) and Yangliu (1), a wedding
/// postponed in Gutang community (1).
fn plan_gatherings(
    town: TownView<'_>,
    reg: &Registry,
    plan: &mut Schedule,
    report_day: Day,
) -> Result<(), Error> {
    use crate::gathering::{
        GatheringCommand, GatheringKind, OrderTerms, PersuasionOutcome, PlannedGathering,
        VenueKind, VenueTarget,
    };
    let offset = reg.offset();
    let when = |d: Day, h: u32, m: u32| -> Result<Instant, Error> {
        Ok(Instant::at(d, TimeOfDay::from_hm(h, m)?, offset))
    };
    let sec = StaffId::new(1);
    let township = reg.township();
    let orders_day = Day::from_ymd(2020, 1, 25)?;
    let closure_day = Day::from_ymd(2020, 1, 26)?;
    if orders_day <= report_day {
        plan.push(
            when(orders_day, 8, 0)?,
            sec,
            Step::Gathering(Box::new(GatheringCommand::IssueOrder {
                unit: township,
                first: orders_day,
                last: None,
                terms: OrderTerms::article(),
            })),
        );
        // The venues: 65 catering businesses and 10 teahouses across the groups, and the
        // Xiangxinan fruit market (湘西南水果市场).
        let groups: Vec<UnitId> = town.grid_workers.iter().map(|(g, _)| *g).collect();
        let group = |i: usize| groups.get(i * 7 % groups.len().max(1)).copied();
        let register = |name: String, kind: VenueKind, unit: UnitId| {
            Step::Gathering(Box::new(GatheringCommand::RegisterVenue {
                name,
                kind,
                unit,
            }))
        };
        let venues = (0..CATERING_BUSINESSES)
            .map(|i| {
                (
                    format!("餐馆 {} (catering business)", i + 1),
                    VenueKind::CATERING,
                )
            })
            .chain(
                (0..TEAHOUSES).map(|i| (format!("茶馆 {} (teahouse)", i + 1), VenueKind::TEAHOUSE)),
            )
            .chain(std::iter::once((
                "湘西南水果市场 (Xiangxinan fruit market)".to_owned(),
                VenueKind::MARKET,
            )));
        for (i, (name, kind)) in venues.enumerate() {
            if let Some(g) = group(i) {
                plan.push(when(orders_day, 9, 0)?, sec, register(name, kind, g));
            }
        }
    }
    if closure_day <= report_day {
        plan.push(
            when(closure_day, 8, 0)?,
            sec,
            Step::Gathering(Box::new(GatheringCommand::OrderClosure {
                unit: township,
                title: "餐饮、茶馆、市场、文化娱乐场所停业 (catering, teahouses, markets and \
                        entertainment venues closed)"
                    .to_owned(),
                target: VenueTarget::article(),
                first: closure_day,
                last: None,
            })),
        );
    }
    // Persuasion (劝导): by the grid worker of the household's group.
    let worker_of: std::collections::BTreeMap<UnitId, StaffId> =
        town.grid_workers.iter().copied().collect();
    let simplified = PersuasionOutcome::SimplifiedTo(20);
    let postponed = PersuasionOutcome::PostponedTo(Day::from_ymd(2020, 5, 1)?);
    let visits = [
        (0, 3, GatheringKind::FUNERAL, simplified),
        (1, 2, GatheringKind::FUNERAL, simplified),
        (2, 1, GatheringKind::FUNERAL, simplified),
        (
            town.leaders.len().saturating_sub(1),
            1,
            GatheringKind::WEDDING,
            postponed,
        ),
    ];
    let mut k = 0i64;
    for (village_index, count, kind, outcome) in visits {
        let Some((village, _)) = town.leaders.get(village_index) else {
            continue;
        };
        for h in reg
            .households_in(*village)
            .into_iter()
            .skip(5)
            .step_by(40)
            .take(count)
        {
            let day = Day::from_ymd(2020, 1, 27)?.plus_days(k % 5)?;
            k += 1;
            if day > report_day {
                continue;
            }
            let Some(worker) = reg.household(h).and_then(|x| worker_of.get(&x.group)) else {
                continue;
            };
            let (first, last, people) = if kind == GatheringKind::WEDDING {
                (Day::from_ymd(2020, 2, 8)?, Day::from_ymd(2020, 2, 8)?, 150)
            } else {
                (day.plus_days(1)?, day.plus_days(3)?, 60)
            };
            plan.push(
                when(day, 16, 0)?,
                *worker,
                Step::Persuade(
                    Box::new(PlannedGathering::new(h, kind.clone(), first, last, people)),
                    outcome,
                ),
            );
        }
    }
    Ok(())
}

/// The township's publicity (DOMAIN.md §9), one campaign from 2020-01-24 run by the township
/// over every village and community, the letter to all residents (致广大居民的一封信):
///
/// - each group's grid worker delivers the letter to every household of the group on the
///   24th, 25th or 26th (a batch a group): two copies to two households in three, one to the
///   rest, so 4,248 households get about 7,080 copies;
/// - the secretary records [`VAN_OUTINGS_A_DAY`] outings of the township's van a day, each
///   over three villages in turn;
/// - the leader of each village records its loudspeakers at 07:00, 12:00 and 18:30 every day,
///   and the posters put up on the first day;
/// - the secretary sends a message to the township's WeChat work group every evening.
///
/// Returns the campaign, when it is launched by `report_day`.
fn plan_publicity(
    town: TownView<'_>,
    reg: &Registry,
    plan: &mut Schedule,
    report_day: Day,
) -> Result<Option<crate::ids::CampaignId>, Error> {
    use crate::publicity::{
        BroadcastSchedule, CampaignId, Delivery, PublicityAction, PublicityCommand,
    };
    let offset = reg.offset();
    let when = |d: Day, h: u32, m: u32| -> Result<Instant, Error> {
        Ok(Instant::at(d, TimeOfDay::from_hm(h, m)?, offset))
    };
    let sec = StaffId::new(1);
    let township = reg.township();
    let first = Day::from_ymd(2020, 1, 24)?;
    if first > report_day {
        return Ok(None);
    }
    let villages: Vec<UnitId> = town.leaders.iter().map(|(u, _)| *u).collect();
    plan.push(
        when(first, 8, 30)?,
        sec,
        Step::Publicity(Box::new(PublicityCommand::LaunchCampaign {
            unit: township,
            title: LETTER_TITLE.to_owned(),
            cover: villages.clone(),
            first,
            last: None,
        })),
    );
    // The first campaign of a generated township.
    let campaign = CampaignId::new(1);
    let record = |a: PublicityAction| {
        Step::Publicity(Box::new(PublicityCommand::RecordAction(
            a.in_campaign(campaign),
        )))
    };
    // The letter, door to door: one batch a group.
    for (i, (group, worker)) in town.grid_workers.iter().enumerate() {
        let day = first.plus_days((i % 3) as i64)?;
        let deliveries: Vec<Delivery> = reg
            .households_in(*group)
            .into_iter()
            .map(|h| Delivery::new(h, if h.get() % 3 == 0 { 1 } else { 2 }))
            .collect();
        if day > report_day || deliveries.is_empty() {
            continue;
        }
        plan.push(
            when(day, 17, 0)?,
            *worker,
            record(PublicityAction::letters(*group, day, deliveries)),
        );
    }
    // Posters and slogans at each village office and its crossroads, on the first day.
    for (village, leader) in town.leaders {
        plan.push(
            when(first, 16, 0)?,
            *leader,
            record(PublicityAction::posters(
                *village,
                first,
                "村部和主要路口 (the village office and main crossroads)",
                12,
            )),
        );
    }
    let mut day = first;
    let mut outing = 0usize;
    while day <= report_day {
        // The van: outings of 50 minutes from 08:00, each over three villages in turn.
        for n in 0..VAN_OUTINGS_A_DAY {
            let start = when(day, 8 + n, 0)?;
            let end = start.plus_seconds(50 * 60);
            let route: Vec<UnitId> = (0..3)
                .filter_map(|j| villages.get((outing + j) % villages.len().max(1)).copied())
                .collect();
            outing += 1;
            plan.push(
                end,
                sec,
                record(PublicityAction::van_outing(township, start, end, route)),
            );
        }
        // Every village's loudspeakers (村村响), three times a day.
        for (village, leader) in town.leaders {
            let times = vec![when(day, 7, 0)?, when(day, 12, 0)?, when(day, 18, 30)?];
            plan.push(
                when(day, 19, 0)?,
                *leader,
                record(PublicityAction::broadcast(
                    *village,
                    BroadcastSchedule::Times(times),
                )),
            );
        }
        // The township's WeChat work group, every evening.
        let sent = when(day, 20, 0)?;
        plan.push(
            sent,
            sec,
            record(PublicityAction::message(
                township,
                sent,
                "火车站乡疫情防控工作群 (the township's WeChat work group)",
                Some(WORK_GROUP_MEMBERS),
            )),
        );
        day = day.plus_days(1)?;
    }
    Ok(Some(campaign))
}

/// One inspection of a village: the checklist with what the registry's records show for each
/// item they speak to (confirmed by the inspector). Inspections number 3, 6 and 8 find the
/// zone cadre absent from post: a finding, rectified the next day, and organisational handling
/// two days after the inspection.
#[allow(clippy::too_many_arguments)]
fn inspect(
    reg: &mut Registry,
    plan: &mut Schedule,
    cadres: &[(UnitId, StaffId)],
    (secretary, inspector): (StaffId, StaffId),
    at: Instant,
    village: UnitId,
    (n, unrectified): (usize, usize),
) -> Result<(), Error> {
    use crate::supervision::{
        Accountable, CadreForm, ChecklistItem, FindingSource, InspectionMode, InspectionTarget,
        ItemCheck, ItemOutcome, OrganisationalHandling, SupervisionCommand, Verdict,
    };
    let day = at.day_in(reg.offset());
    let target = InspectionTarget::Unit(village);
    let absent = ABSENT_ON.iter().position(|a| *a == n);
    let cadre = cadres
        .iter()
        .find(|(zone, _)| reg.unit(*zone).is_some_and(|z| z.parent == Some(village)))
        .map(|(_, c)| *c);
    let mut checklist = vec![match (absent, cadre) {
        (Some(_), Some(_)) => ItemCheck::failed(
            ChecklistItem::StaffOnPost,
            "the zone cadre was not at the checkpoint (卡点无人值守)",
        )
        .with_reference(format!("inspection photo {}", n + 1)),
        _ => ItemCheck::passed(ChecklistItem::StaffOnPost),
    }];
    for (item, evidence) in reg.propose_evidence(&target, day) {
        let check = match evidence.shows.suggests() {
            ItemOutcome::Passed => ItemCheck::passed(item),
            _ => ItemCheck::failed(item, "as the records show"),
        };
        checklist.push(check.with_review(evidence, Verdict::Confirmed));
    }
    checklist.push(ItemCheck::passed(ChecklistItem::GatheringsDiscouraged));
    let mode = if n.is_multiple_of(2) {
        InspectionMode::Open
    } else {
        InspectionMode::Covert
    };
    reg.execute(
        inspector,
        at,
        SupervisionCommand::RecordInspection {
            mode,
            target,
            at,
            checklist,
        },
    )?;
    let (Some(k), Some(cadre)) = (absent, cadre) else {
        return Ok(());
    };
    let inspection = reg
        .inspections()
        .last()
        .map(|i| i.id)
        .ok_or(Error::Ledger(LedgerError::LedgerNotFounded))?;
    reg.execute(
        inspector,
        at.plus_seconds(60),
        SupervisionCommand::RecordFinding {
            source: FindingSource::ChecklistItem {
                inspection,
                item: ChecklistItem::StaffOnPost,
            },
            responsible: cadre,
            deadline: day.plus_days(1)?,
            text: "absent from the checkpoint during the campaign (脱岗)".to_owned(),
        },
    )?;
    let finding = reg
        .findings()
        .last()
        .map(|f| f.id)
        .ok_or(Error::Ledger(LedgerError::LedgerNotFounded))?;
    let offset = reg.offset();
    // The first `unrectified` findings are left past their deadline ([`Gaps`]).
    if k >= unrectified {
        plan.push(
            Instant::at(day.plus_days(1)?, TimeOfDay::from_hm(10, 0)?, offset),
            cadre,
            Step::Supervise(Box::new(SupervisionCommand::RecordRectification {
                finding,
                note: "back on post; duty roster posted at the checkpoint".to_owned(),
            })),
        );
    }
    let made = day.plus_days(2)?;
    let form = [
        OrganisationalHandling::SuspensionForReview,
        OrganisationalHandling::Reassignment,
        OrganisationalHandling::Removal,
    ][k % HANDLED];
    plan.push(
        Instant::at(made, TimeOfDay::from_hm(11, 0)?, offset),
        secretary,
        Step::Supervise(Box::new(SupervisionCommand::DecideAccountability {
            findings: vec![finding],
            accountable: Accountable::Cadre {
                staff: cadre,
                form: CadreForm::OrganisationalHandling(form),
            },
            made,
            reason: "absent from post during the epidemic prevention campaign".to_owned(),
        })),
    );
    Ok(())
}

/// The campaign's plan: steps by instant, ties in the order planned.
#[derive(Default)]
struct Schedule {
    steps: std::collections::BTreeMap<(Instant, u64), (StaffId, Step)>,
    planned: u64,
}

impl Schedule {
    fn push(&mut self, at: Instant, who: StaffId, step: Step) {
        self.planned += 1;
        self.steps.insert((at, self.planned), (who, step));
    }

    fn pop(&mut self) -> Option<(Instant, StaffId, Step)> {
        self.steps
            .pop_first()
            .map(|((at, _), (who, step))| (at, who, step))
    }
}

/// The follow-up of key person `k`'s observation: the health centre's visit with supplies,
/// twice-daily readings, and either release on the earliest release day or, for the five who
/// leave otherwise (k = 44..=48), a referral, a transfer or a loss on the third day.
#[allow(clippy::too_many_arguments)]
fn plan_observation(
    reg: &Registry,
    plan: &mut Schedule,
    rng: &mut Rng,
    obs: crate::ids::ObservationId,
    k: usize,
    worker: StaffId,
    doctor: StaffId,
    report_day: Day,
) -> Result<(), Error> {
    use crate::observation::{
        EndReason, Ending, HomeVisit, Method, ObservationUpdate, Reading, Referral, Reporter,
        Supply, SupplyHandout, SupplyItem, Transfer,
    };
    let offset = reg.offset();
    let when = |d: Day, h: u32, m: u32| -> Result<Instant, Error> {
        Ok(Instant::at(d, TimeOfDay::from_hm(h, m)?, offset))
    };
    let Some((opened, release_day)) = reg
        .observation(obs)
        .map(|r| (r.observation.opened_at(), r.observation.earliest_release()))
    else {
        return Ok(());
    };
    let mut update = |at: Instant, who: StaffId, u: ObservationUpdate| {
        plan.push(at, who, Step::Update(obs, Box::new(u)));
    };
    let visit_at = opened.plus_seconds(3600);
    update(
        visit_at,
        doctor,
        ObservationUpdate::RecordHomeVisit(HomeVisit {
            at: visit_at,
            note: "上门随访，讲解居家观察要求".to_owned(),
        }),
    );
    let items = [Supply::Masks, Supply::Disinfectant, Supply::Thermometer]
        .into_iter()
        .map(|supply| SupplyItem {
            supply,
            quantity: std::num::NonZeroU32::MIN,
        })
        .collect();
    update(
        visit_at,
        doctor,
        ObservationUpdate::HandOutSupplies(SupplyHandout {
            at: visit_at,
            items,
            store: None,
        }),
    );
    let open_day = opened.day_in(offset);
    let leaves_on = open_day.plus_days(3)?;
    let last = report_day.min(release_day.plus_days(-1)?);
    let mut d = open_day;
    while d <= last {
        let fever = (44..=45).contains(&k) && d == leaves_on;
        for (h, m) in [(7u32, 30u32), (19, 30)] {
            let mut at = when(d, h, m)?;
            if d == open_day {
                if at < opened && h == 7 {
                    at = opened.plus_seconds(600);
                } else if at < opened {
                    continue;
                }
            }
            if at <= opened && d == open_day && h == 19 {
                continue;
            }
            let tenths = if fever && h == 19 {
                379
            } else {
                362 + rng.below(8) as i32
            };
            let reading = Reading {
                at,
                temperature: crate::observation::Temperature::from_tenths(tenths)?,
                method: Method::Armpit,
                by: Reporter::SelfReported,
            };
            update(
                at.plus_seconds(300),
                worker,
                ObservationUpdate::RecordReading(reading),
            );
        }
        if d == leaves_on && k >= 44 {
            let at = when(d, 21, 0)?;
            let command = match k {
                44 | 45 => ObservationUpdate::Refer(Referral {
                    at,
                    hospital: "Shaoyang designated hospital (定点医院)".to_owned(),
                }),
                46 | 47 => ObservationUpdate::TransferOut(Transfer {
                    at,
                    to: "Yuelu district, Changsha (430104)".to_owned(),
                }),
                _ => ObservationUpdate::End(Ending {
                    at,
                    reason: EndReason::LostToFollowUp,
                }),
            };
            update(at, doctor, command);
            return Ok(());
        }
        d = d.plus_days(1)?;
    }
    if release_day <= report_day && k < 44 {
        update(
            when(release_day, 9, 0)?,
            doctor,
            ObservationUpdate::Release {
                override_reason: None,
            },
        );
    }
    Ok(())
}

// ----- Benchmark sizes and workloads (基准测试) -----

/// The size of a generated registry, as the benchmarks choose it with the environment variable
/// `FANGKONG_BENCH_SIZE` (`township`, `county` or `city`).
///
/// Every size is one [`Registry`] for one township-level founding, built by [`build`]: a county
/// or a city is modelled as **one registry with many villages and communities**, each standing
/// for one village of one of its townships. The level of townships and districts between the
/// registry and its villages is left out (the registry's grid has only township → village →
/// zone → group), which is the simplification: the counts of villages, groups, households,
/// residents and staff are those of a county or a city, and every command passes through one
/// registry, as it would in a county- or city-wide deployment.
///
/// ```
/// use fangkong::synth::Size;
/// let spec = Size::from_name("county").unwrap().spec();
/// assert_eq!(spec.units.len(), 147);
/// assert_eq!(spec.households(), 89_208);
/// assert_eq!(Size::Township.spec().households(), 4_248);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Size {
    /// The township of the article ([`TownshipSpec::huochezhan`]): six villages and one
    /// community, 77 groups, 4,248 households, about 14,000 residents.
    Township,
    /// A county or district (县/区) ([`TownshipSpec::county`]): 147 villages and communities,
    /// 1,617 groups, 89,208 households, about 294,000 residents.
    County,
    /// A prefecture-level city (地级市) ([`TownshipSpec::city`]): 406 villages and communities,
    /// 35,728 groups, 1,971,072 households, about 6.5 million residents.
    City,
}

impl Size {
    /// Every size, smallest first.
    pub const ALL: [Size; 3] = [Size::Township, Size::County, Size::City];

    /// The size named `township`, `county` or `city` (case-insensitive, surrounding spaces
    /// ignored); `None` for any other name.
    pub fn from_name(name: &str) -> Option<Size> {
        let name = name.trim();
        Size::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name))
    }

    /// The size's name: `township`, `county` or `city`.
    pub fn name(self) -> &'static str {
        match self {
            Size::Township => "township",
            Size::County => "county",
            Size::City => "city",
        }
    }

    /// The spec to generate at this size.
    pub fn spec(self) -> TownshipSpec {
        match self {
            Size::Township => TownshipSpec::huochezhan(),
            Size::County => TownshipSpec::county(),
            Size::City => TownshipSpec::city(),
        }
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl TownshipSpec {
    /// A county-sized registry (县/区, about 300,000 residents): the villages and community of
    /// [`huochezhan`](Self::huochezhan) replicated 21 times (147 units of about 600
    /// households, as villages are), 89,208 households in all. Founded as Shuangqing District
    /// (双清区, 430502); built from 2020-01-18 so that its registration (one command a second)
    /// is done before the deployment meeting of 2020-01-23.
    pub fn county() -> TownshipSpec {
        let mut spec = TownshipSpec::huochezhan().replicated(21);
        spec.name = "Shuangqing District (双清区), county-sized synthetic registry".to_owned();
        spec.code = "430502000000".parse().ok();
        spec.seed = 20_200_118;
        spec.day = Day::from_ymd(2020, 1, 18).expect("2020-01-18 is a calendar day");
        spec
    }

    /// A city-sized registry (地级市, about 6.5 million residents, as Shaoyang had): the units
    /// of [`huochezhan`](Self::huochezhan) with 8 times the households and groups, replicated
    /// 58 times: 406 villages and communities of about 4,900 households (each standing for the
    /// villages of one township), 35,728 groups of about 55 households, 1,971,072 households.
    ///
    /// The generator's households average 3.3 residents (Shaoyang's census average is closer
    /// to 3): the spec matches the city's residents (about 6.5 million), with fewer households
    /// (about 2.0 rather than 2.2 million). Founded as Shaoyang (邵阳市, 430500); built from
    /// 2019-10-01 so that its registration (one command a second, about 8.5 million commands)
    /// is done before the deployment meeting of 2020-01-23.
    pub fn city() -> TownshipSpec {
        let mut spec = TownshipSpec::huochezhan().scaled(8).replicated(58);
        spec.name = "Shaoyang (邵阳市), city-sized synthetic registry".to_owned();
        spec.code = "430500000000".parse().ok();
        spec.seed = 20_191_001;
        spec.day = Day::from_ymd(2019, 10, 1).expect("2019-10-01 is a calendar day");
        spec
    }

    /// The spec with its villages and communities repeated `copies` times (at least once), as
    /// if the registry held `copies` townships like this one. Copy `c` (from 1) of
    /// `Qianjin (前进村)` is named `Qianjin-c (前进村)`; its statistical code, if any, keeps the
    /// county and village digits and takes township digits `t + c − 1` (`t` those of the
    /// original), or none when that would pass 399.
    pub fn replicated(mut self, copies: u32) -> TownshipSpec {
        let copies = copies.max(1);
        let width = copies.to_string().len().max(2);
        let mut units = Vec::with_capacity(self.units.len() * copies as usize);
        for c in 0..copies {
            for u in &self.units {
                let (short, rest) = u.name.split_once(' ').unwrap_or((u.name.as_str(), ""));
                let name = format!("{short}-{:0width$} {rest}", c + 1)
                    .trim_end()
                    .to_owned();
                let code = u.code.and_then(|code| {
                    let township = u32::from(code.township_digits()) + c;
                    if township > 399 {
                        return None;
                    }
                    format!(
                        "{}{township:03}{:03}",
                        code.division(),
                        code.village_digits()
                    )
                    .parse()
                    .ok()
                });
                units.push(UnitSpec {
                    kind: u.kind,
                    name,
                    code,
                    groups: u.groups,
                    households: u.households,
                });
            }
        }
        self.units = units;
        self
    }
}

/// A command as the workload generators give it: who gives it, when, and what.
pub type TimedCommand = (StaffId, Instant, Command);

/// Executes `commands` in order on `registry`, and returns how many were executed.
///
/// # Errors
/// The first refusal (as [`Registry::execute`]); the commands before it stay executed.
pub fn execute_all(registry: &mut Registry, commands: Vec<TimedCommand>) -> Result<usize, Error> {
    let n = commands.len();
    for (actor, at, command) in commands {
        registry.execute(actor, at, command)?;
    }
    Ok(n)
}

/// The commands that lay out a generated township's grid (units, staff, assignments,
/// households and residents), with its founding: the workload "load the grid", separate from
/// generating the names and numbers.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct GridCommands {
    /// The founding of the registry.
    pub founding: Founding,
    /// When it was founded.
    pub founded_at: Instant,
    /// Every command after the founding, in the order [`build`] executed them.
    pub commands: Vec<TimedCommand>,
}

impl GridCommands {
    /// Founds the registry and executes every command: the same registry, ledger included,
    /// as [`build`] made.
    ///
    /// # Errors
    /// The first refusal, which cannot happen for commands read from a built township.
    pub fn execute(self) -> Result<Registry, Error> {
        let mut registry = Registry::found(self.founding, self.founded_at);
        execute_all(&mut registry, self.commands)?;
        Ok(registry)
    }
}

/// The commands [`build`] executed to make `town`, read back from its ledger: every entry after
/// the founding (the first three) turned back into the command that recorded it.
///
/// ```
/// use fangkong::synth::{self, TownshipSpec};
/// let town = synth::build(&TownshipSpec::huochezhan())?;
/// let grid = synth::grid_commands(&town)?;
/// assert_eq!(grid.commands.len() + 3, town.registry.ledger().len());
/// assert_eq!(grid.execute()?, town.registry);
/// # Ok::<(), fangkong::Error>(())
/// ```
///
/// # Errors
/// [`LedgerError::LedgerUnreadable`] if an entry cannot be read, which cannot happen for a ledger
/// written by this release; [`LedgerError::LedgerNotFounded`] if the ledger does not begin with a
/// founding. Entries that are not grid events (there are none in a township
/// just built) are left out.
pub fn grid_commands(town: &Township) -> Result<GridCommands, Error> {
    use crate::event::Event;
    use crate::record::Body;
    let ledger = town.registry.ledger();
    let mut founding = Founding::new("", "");
    let mut founded_at = None;
    let mut commands = Vec::with_capacity(ledger.len().saturating_sub(3));
    for (i, entry) in ledger.entries().enumerate() {
        let record = crate::record::Record::of(entry)?;
        let Body::Event(event) = record.body else {
            continue;
        };
        if i < 3 {
            match event {
                Event::Grid(crate::grid::GridEvent::TownshipFounded {
                    name, code, offset, ..
                }) => {
                    founding.name = name;
                    founding.code = code;
                    founding.offset = offset;
                    founded_at = Some(record.at);
                }
                Event::Grid(crate::grid::GridEvent::StaffEnrolled { name, phone, .. }) => {
                    founding.leader = name;
                    founding.leader_phone = phone;
                }
                _ => {}
            }
            continue;
        }
        let command = match event {
            Event::Grid(crate::grid::GridEvent::UnitEstablished {
                kind,
                name,
                parent,
                code,
                number,
                ..
            }) => GridCommand::EstablishUnit {
                kind,
                name,
                parent,
                code,
                number,
            },
            Event::Grid(crate::grid::GridEvent::GroupsZoned { zone, groups }) => {
                GridCommand::ZoneGroups { zone, groups }
            }
            Event::Grid(crate::grid::GridEvent::StaffEnrolled {
                name, role, phone, ..
            }) => GridCommand::EnrollStaff { name, role, phone },
            Event::Grid(crate::grid::GridEvent::StaffAssigned { staff, unit, duty }) => {
                GridCommand::AssignStaff { staff, unit, duty }
            }
            Event::Grid(crate::grid::GridEvent::HouseholdRegistered { group, address, .. }) => {
                GridCommand::RegisterHousehold { group, address }
            }
            Event::Grid(crate::grid::GridEvent::ResidentRegistered {
                household, details, ..
            }) => GridCommand::RegisterResident { household, details },
            _ => continue,
        };
        commands.push((record.actor, record.at, command.into()));
    }
    Ok(GridCommands {
        founding,
        founded_at: founded_at.ok_or(Error::Ledger(LedgerError::LedgerNotFounded))?,
        commands,
    })
}

/// How many risk-area designations [`preparation_commands`] records: Wuhan and Hubei (high,
/// from 2020-01-08) and 298 medium- or low-risk areas elsewhere.
pub const BENCH_DESIGNATIONS: usize = 300;

/// The share of residents the screening workload interviews as returnees, in percent.
pub const RETURNEE_PERCENT: usize = 10;

/// The share of residents the screening workload makes key people (a stay in Hubei), in
/// percent; they are among the returnees.
pub const KEY_PERSON_PERCENT: usize = 1;

/// How many days of readings [`reading_commands`] generates by default in the benchmarks.
pub const READING_DAYS: u32 = 14;

/// The day the benchmark screening round opens: 2020-01-24.
pub fn screening_day() -> Day {
    Day::from_ymd(2020, 1, 24).expect("2020-01-24 is a calendar day")
}

/// The first day of readings in the benchmarks: 2020-01-29, after the last revisit.
pub fn reading_day() -> Day {
    Day::from_ymd(2020, 1, 29).expect("2020-01-29 is a calendar day")
}

const HUBEI_PLACES: [u32; 11] = [
    420102, 420103, 420104, 420106, 420111, 420112, 420115, 420116, 420900, 421100, 421200,
];

/// Province digits of the designations elsewhere: every province but Hubei (42) and Hunan (43).
const OTHER_PROVINCES: [u32; 29] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 44, 45, 46, 50, 51, 52, 53, 54,
    61, 62, 63, 64, 65,
];

/// The county codes designated elsewhere, one per designation after Wuhan and Hubei.
fn elsewhere_area(k: usize) -> u32 {
    let p = OTHER_PROVINCES[k % OTHER_PROVINCES.len()];
    let prefecture = 1 + (k / OTHER_PROVINCES.len()) as u32 % 11;
    p * 10_000 + prefecture * 100 + 1 + (k as u32 * 7) % 20
}

fn at_local(day: Day, hour: u32, minute: u32) -> Result<Instant, Error> {
    Ok(Instant::at(
        day,
        TimeOfDay::from_hm(hour, minute)?,
        crate::calendar::UtcOffset::CHINA,
    ))
}

/// The commands the secretary gives before screening, at the meeting of 2020-01-23 15:00:
/// [`BENCH_DESIGNATIONS`] risk-area designations (Wuhan and Hubei high from 2020-01-08, as
/// [`RiskRegister::jan2020_hubei`](crate::screening::RiskRegister::jan2020_hubei); then county codes of
/// the other provinces but Hunan, medium or low, in force from a day of January 2020), the
/// January 2020 returnee rule, and a screening round over every village and community opening
/// on [`screening_day`] (round 1 of a township just built).
///
/// # Errors
/// None in practice (the days and codes are fixed and valid).
pub fn preparation_commands(town: &Township) -> Result<Vec<TimedCommand>, Error> {
    use crate::place::DivisionCode;
    use crate::screening::{RiskLevel, RiskRegister, ScreeningRule};
    let sec = town.secretary;
    let meeting = at_local(Day::from_ymd(2020, 1, 23)?, 15, 0)?;
    let mut out = Vec::with_capacity(BENCH_DESIGNATIONS + 2);
    for d in RiskRegister::jan2020_hubei().designations() {
        out.push((
            sec,
            meeting,
            ScreeningCommand::DesignateRiskArea {
                area: d.area,
                level: d.level.clone(),
                from: d.from,
                basis: d.basis.clone(),
            }
            .into(),
        ));
    }
    let january = Day::from_ymd(2020, 1, 1)?;
    for k in 0..BENCH_DESIGNATIONS.saturating_sub(2) {
        let area = DivisionCode::from_u32(elsewhere_area(k))?;
        let level = if k % 3 == 0 {
            RiskLevel::MEDIUM
        } else {
            RiskLevel::LOW
        };
        out.push((
            sec,
            meeting,
            ScreeningCommand::DesignateRiskArea {
                area,
                level,
                from: january.plus_days((k % 20) as i64)?,
                basis: format!("synthetic designation {} for benchmarks (模拟)", k + 3),
            }
            .into(),
        ));
    }
    out.push((
        sec,
        meeting,
        ScreeningCommand::AdoptScreeningRule {
            rule: ScreeningRule::returnee_jan2020(),
        }
        .into(),
    ));
    out.push((
        sec,
        at_local(screening_day(), 7, 30)?,
        ScreeningCommand::OpenScreeningRound {
            name: "Carpet screening of all households (全面摸底排查)".to_owned(),
            units: town.leaders.iter().map(|(u, _)| *u).collect(),
            opens: screening_day(),
        }
        .into(),
    ));
    Ok(out)
}

/// The screening workload (摸底排查) of `round`, ordered by time: each household is visited
/// by its group's grid worker on one of 2020-01-24 to 27 between 08:00 and 18:00 (one in 40
/// has nobody home and is visited again the next evening); [`RETURNEE_PERCENT`] of residents
/// (every tenth) are interviewed as returnees ten minutes after the visit. Of these,
/// [`KEY_PERSON_PERCENT`] of all residents (every hundredth) stayed in Wuhan or elsewhere in
/// Hubei until a day from 2020-01-14 to 23, so that the January 2020 rule makes them key
/// people and the screening itself opens their observation; the others stayed in another
/// province (half of them in an area designated medium or low, which the rule does not
/// observe) until one to thirteen days before their interview.
///
/// Run [`preparation_commands`] first.
///
/// # Errors
/// None in practice (the days and codes are fixed and valid).
pub fn screening_commands(
    town: &Township,
    round: crate::ids::RoundId,
) -> Result<Vec<TimedCommand>, Error> {
    use crate::place::DivisionCode;
    use crate::screening::{Interview, ReportedSymptoms, Stay, TravelHistory, VisitResult};
    let worker_of: std::collections::HashMap<UnitId, StaffId> =
        town.grid_workers.iter().copied().collect();
    let mut rng = Rng::new(2020_0124 ^ town.households.len() as u64);
    let first = screening_day();
    let mut out = Vec::new();
    let mut k = 0usize;
    for (i, (h, members)) in town.households.iter().enumerate() {
        let group = town
            .registry
            .household(*h)
            .map_or(UnitId::new(0), |x| x.group);
        let worker = worker_of.get(&group).copied().unwrap_or(town.secretary);
        let day = first.plus_days((i % 4) as i64)?;
        let minute = (i * 7 % 600) as u32;
        let mut at = at_local(day, 8 + minute / 60, minute % 60)?;
        if rng.below(40) == 0 {
            out.push((
                worker,
                at,
                ScreeningCommand::RecordVisit {
                    round,
                    household: *h,
                    result: VisitResult::NobodyHome,
                }
                .into(),
            ));
            at = at_local(day.plus_days(1)?, 18, minute % 60)?;
        }
        out.push((
            worker,
            at,
            ScreeningCommand::RecordVisit {
                round,
                household: *h,
                result: VisitResult::Screened,
            }
            .into(),
        ));
        let today = at.day();
        for (j, resident) in members.iter().enumerate() {
            let index = k;
            k += 1;
            if !index.is_multiple_of(100 / RETURNEE_PERCENT) {
                continue;
            }
            let key = index.is_multiple_of(100 / KEY_PERSON_PERCENT);
            let interview_at = at.plus_seconds(600 + 60 * j as i64);
            let travel = if key {
                let day0 = Day::from_ymd(2020, 1, 14 + rng.below(10) as u32)?;
                let place = DivisionCode::from_u32(HUBEI_PLACES[rng.below(11) as usize])?;
                let arrived = day0.plus_days(-(5 + rng.below(20) as i64))?;
                TravelHistory {
                    stays: vec![Stay::new(place, arrived, day0)?],
                    transits: Vec::new(),
                    returned_home: Some(day0.plus_days(1)?),
                }
            } else {
                let code = if rng.percent(50) {
                    elsewhere_area(rng.below(BENCH_DESIGNATIONS as u64 - 2) as usize)
                } else {
                    // A county of another province that no designation names.
                    let p = OTHER_PROVINCES[rng.below(OTHER_PROVINCES.len() as u64) as usize];
                    p * 10_000 + 1_200 + 1 + rng.below(20) as u32
                };
                let place = DivisionCode::from_u32(code)?;
                let left = today.plus_days(-(1 + rng.below(13) as i64))?;
                TravelHistory {
                    stays: vec![Stay::new(
                        place,
                        left.plus_days(-(30 + rng.below(60) as i64))?,
                        left,
                    )?],
                    transits: Vec::new(),
                    returned_home: Some(left.plus_days(1)?),
                }
            };
            let through_wuhan = travel.was_in(DivisionCode::WUHAN);
            let interview = Interview::new(travel, through_wuhan, ReportedSymptoms::default())?;
            out.push((
                worker,
                interview_at,
                ScreeningCommand::RecordInterview {
                    resident: *resident,
                    round: Some(round),
                    interview,
                }
                .into(),
            ));
        }
    }
    out.sort_by_key(|(_, at, _)| *at);
    // The ledger's instants never decrease: the stream is in the order of its instants.
    out.sort_by_key(|(_, at, _)| *at);
    Ok(out)
}

/// The reading workload (体温报告), ordered by time: for every observation of `screened` that
/// is open on `first`, a temperature taken at 07:30 and 19:30 on each of `days` days from
/// `first`, self-reported through the grid worker of the resident's group a few minutes later
/// (a health worker where the group has none). About one reading in 400 is a fever (37.6 to
/// 37.9 °C), which raises an alert.
///
/// # Errors
/// None in practice (the days are fixed and valid), unless `first` plus `days` passes the
/// supported calendar.
pub fn reading_commands(
    town: &Township,
    screened: &Registry,
    first: Day,
    days: u32,
) -> Result<Vec<TimedCommand>, Error> {
    use crate::observation::{Method, Reading, Reporter, Temperature};
    let worker_of: std::collections::HashMap<UnitId, StaffId> =
        town.grid_workers.iter().copied().collect();
    let fallback = town
        .health_workers
        .first()
        .copied()
        .unwrap_or(town.secretary);
    let mut rng = Rng::new(2020_0129);
    let mut observed = Vec::new();
    for r in screened.observations() {
        if screened.open_observation_of(r.resident, first) != Some(r.id) {
            continue;
        }
        let worker = screened
            .resident(r.resident)
            .and_then(|x| screened.household(x.household))
            .and_then(|h| worker_of.get(&h.group).copied())
            .unwrap_or(fallback);
        observed.push((r.id, worker));
    }
    let mut out = Vec::with_capacity(observed.len() * days as usize * 2);
    for d in 0..days {
        let day = first.plus_days(i64::from(d))?;
        for (hour, minute) in [(7u32, 30u32), (19, 30)] {
            let taken = at_local(day, hour, minute)?;
            for (n, (observation, worker)) in observed.iter().enumerate() {
                let tenths = if rng.below(400) == 0 {
                    376 + rng.below(4) as i32
                } else {
                    362 + rng.below(8) as i32
                };
                let reading = Reading {
                    at: taken,
                    temperature: Temperature::from_tenths(tenths)?,
                    method: Method::Armpit,
                    by: Reporter::SelfReported,
                };
                out.push((
                    *worker,
                    taken.plus_seconds(120 + (n % 1_800) as i64),
                    ObservationCommand::UpdateObservation {
                        observation: *observation,
                        update: crate::observation::ObservationUpdate::RecordReading(reading),
                    }
                    .into(),
                ));
            }
        }
    }
    out.sort_by_key(|(_, at, _)| *at);
    Ok(out)
}

// ----- a county or a city as township registries (issue 14) -----

/// The townships of a county or a city, each its own registry with its own ledger, as a real
/// county is run (DOMAIN.md §1, §7): the [`Size::County`] is 21 townships like
/// [`TownshipSpec::huochezhan`], the [`Size::City`] 58 townships like it scaled 8×, each
/// holding the villages that the one-registry spec of that size ([`Size::spec`]) holds as its
/// copy `c`; a [`Size::Township`] is one shard, the township itself.
///
/// Shard `c` (from 0) is named `Township NN of <the county or city>`, takes township digits
/// `200 + c` in its statistical code, the seed of the size's spec plus `c`, and the day of
/// Huochezhan's spec, so every workload generator runs on each shard as on the township.
///
/// ```
/// use fangkong::synth::{Size, shard_specs};
/// let county = shard_specs(Size::County);
/// assert_eq!(county.len(), 21);
/// assert_eq!(county.iter().map(|s| s.households()).sum::<u32>(), Size::County.spec().households());
/// assert_eq!(county[1].units[0].name, "Qianjin-02 (前进村)");
/// ```
pub fn shard_specs(size: Size) -> Vec<TownshipSpec> {
    let (base, copies) = match size {
        Size::Township => return vec![TownshipSpec::huochezhan()],
        Size::County => (TownshipSpec::huochezhan(), 21),
        Size::City => (TownshipSpec::huochezhan().scaled(8), 58),
    };
    let whole = size.spec();
    let per = base.units.len();
    let all = base.clone().replicated(copies).units;
    (0..copies)
        .map(|c| {
            let mut spec = base.clone();
            spec.units = all
                .get(c as usize * per..(c as usize + 1) * per)
                .map(<[UnitSpec]>::to_vec)
                .unwrap_or_default();
            let county = whole.name.split(',').next().unwrap_or(&whole.name);
            spec.name = format!("Township {:02} of {county}", c + 1);
            spec.code = base.code.and_then(|code| {
                format!(
                    "{}{:03}000",
                    code.division(),
                    u32::from(code.township_digits()) + c
                )
                .parse()
                .ok()
            });
            spec.seed = whole.seed + u64::from(c);
            // Registration (one command a second) starts on the whole size's day, so that a
            // city's township of 8 times the households is done before the meeting of
            // 2020-01-23 (the ledger's instants never go back).
            spec.day = whole.day;
            spec
        })
        .collect()
}

/// Builds the townships of [`shard_specs`], each its own registry, on up to `threads`
/// threads (`std::thread::scope`). Identity numbers are distinct across the townships: shard
/// `c`'s serials start at `c` × 10 per household of a shard.
///
/// ```
/// use fangkong::synth::{Size, build_shards};
/// let shards = build_shards(Size::Township, 1)?;
/// assert_eq!(shards.len(), 1);
/// assert_eq!(shards[0].households.len(), 4_248);
/// # Ok::<(), fangkong::Error>(())
/// ```
///
/// # Errors
/// As [`build`].
pub fn build_shards(size: Size, threads: usize) -> Result<Vec<Township>, Error> {
    build_shards_in(size, 0..usize::MAX, threads)
}

/// Builds only the townships of [`shard_specs`] whose index is in `range` (clamped to the
/// townships there are), as [`build_shards`] builds them: the same registries, identity
/// numbers and all. For a city too large to hold every township at once, a caller (the
/// `shards` bench) builds and works through them a few at a time.
///
/// ```
/// use fangkong::synth::{Size, build_shards_in, shard_specs};
/// assert_eq!(shard_specs(Size::County).len(), 21);
/// let last_two = build_shards_in(Size::County, 19..100, 1)?;
/// assert_eq!(last_two.len(), 2);
/// assert_eq!(last_two[1].households.len(), 4_248);
/// # Ok::<(), fangkong::Error>(())
/// ```
///
/// # Errors
/// As [`build`].
pub fn build_shards_in(
    size: Size,
    range: std::ops::Range<usize>,
    threads: usize,
) -> Result<Vec<Township>, Error> {
    let all = shard_specs(size);
    let stride = all
        .iter()
        .map(TownshipSpec::households)
        .max()
        .unwrap_or(0)
        .saturating_mul(10);
    let start = range.start.min(all.len());
    let end = range.end.clamp(start, all.len());
    let specs = all.get(start..end).unwrap_or_default();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let built: Vec<std::sync::Mutex<Option<Result<Township, Error>>>> =
        specs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, specs.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(spec) = specs.get(i) else { break };
                    let first = stride.saturating_mul((start + i) as u32);
                    let town = build_numbered(spec, first);
                    if let Some(slot) = built.get(i)
                        && let Ok(mut slot) = slot.lock()
                    {
                        *slot = Some(town);
                    }
                }
            });
        }
    });
    built
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .ok()
                .flatten()
                .unwrap_or(Err(Error::Ledger(LedgerError::LedgerNotFounded)))
        })
        .collect()
}

// ----- a damaged ledger, for a county's check (issue 23) -----

/// The ledger as someone who rewrote it would hand it over: entry `seq`'s record with the first
/// `from` replaced by `to`, and **every hash from there on recomputed**, so that it verifies on
/// its own ([`Ledger::verify`](crate::ledger::Ledger::verify)) and only the heads a county kept
/// from the daily reports catch it ([`KeptHead::check_all`](crate::ledger::KeptHead::check_all)).
///
/// ```
/// use fangkong::{Founding, Registry};
/// use fangkong::ledger::{Holding, KeptHead};
/// use fangkong::report::{ReportCommand, Schedule};
/// let t = "2020-01-24T09:00:00+08:00".parse()?;
/// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
/// let s1 = reg.staff_ids().next().unwrap();
/// let day = "2020-01-24".parse()?;
/// reg.execute(s1, t, ReportCommand::SetSchedule { schedule: Schedule::new(day) })?;
/// reg.submit_report(s1, "2020-01-24T20:00:00+08:00".parse()?, reg.township(), day, "")?;
/// let kept = reg.kept_heads();
/// let damaged = fangkong::synth::rewrite_entry(reg.ledger(), 2, "Secretary Liu", "Secretary Wu")?;
/// damaged.verify()?; // it verifies on its own...
/// let err = KeptHead::check_all(&kept, "Huochezhan", Holding::Ledger(&damaged)).unwrap_err();
/// assert_eq!(err.code(), "kept_head_not_extended"); // ...but not against the kept heads
/// # Ok::<(), fangkong::Error>(())
/// ```
///
/// # Errors
/// [`LedgerError::EntryNotHeld`] for an entry the ledger does not hold (or a drained part);
/// [`LedgerError::RecordRedacted`] when any entry of the ledger is redacted (its record is
/// needed to chain it again); [`LedgerError::RecordUnreadable`] when
/// the record does not hold `from`.
pub fn rewrite_entry(
    ledger: &crate::ledger::Ledger,
    seq: u64,
    from: &str,
    to: &str,
) -> Result<crate::ledger::Ledger, Error> {
    let not_held = || LedgerError::EntryNotHeld {
        seq,
        first: ledger.base().seq + 1,
        last: ledger.head().seq,
    };
    if ledger.base().seq != 0 || ledger.entry(seq).is_none() {
        return Err(not_held().into());
    }
    let mut out = crate::ledger::Ledger::new();
    for (i, e) in ledger.entries().enumerate() {
        let record = e.record_bytes().ok_or(LedgerError::RecordRedacted {
            seq: i as u64 + 1,
            what: "rewritten",
        })?;
        if i as u64 + 1 == seq {
            if !record.contains(from) {
                return Err(LedgerError::RecordUnreadable {
                    reason: format!("entry {seq} does not hold the text to rewrite"),
                }
                .into());
            }
            out.append(record.replacen(from, to, 1));
        } else {
            out.append(record.to_owned());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_township_built_alone_is_the_one_built_with_the_others() {
        // Given the second township of a county, built alone and built with the first,
        // then both registries end at the same ledger head, and it differs from the first's.
        let alone = build_shards_in(Size::County, 1..2, 1).expect("builds");
        let both = build_shards_in(Size::County, 0..2, 2).expect("builds");
        assert_eq!(alone.len(), 1);
        assert_eq!(both.len(), 2);
        assert_eq!(
            alone[0].registry.ledger().head(),
            both[1].registry.ledger().head()
        );
        assert_ne!(
            both[0].registry.ledger().head(),
            both[1].registry.ledger().head()
        );
        // And a range past the end is empty, not an error.
        assert!(
            build_shards_in(Size::County, 30..40, 1)
                .expect("builds")
                .is_empty()
        );
    }

    #[test]
    fn a_city_township_registers_from_the_city_day() {
        // Given a city's townships (each of 8 times Huochezhan's households, one command a
        // second), then each starts on the city's day, months before the meeting, not on a
        // township's: registration would run into the meeting and its commands be refused.
        let city = Size::City.spec().day;
        assert!(shard_specs(Size::City).iter().all(|s| s.day == city));
        assert!(city < Day::from_ymd(2020, 1, 1).expect("a day"));
    }

    #[test]
    fn sizes_are_named_and_parsed_back() {
        // Given each size, when its name is parsed back, then it is the same size.
        for size in Size::ALL {
            assert_eq!(Size::from_name(size.name()), Some(size));
            assert_eq!(size.to_string(), size.name());
        }
        assert_eq!(Size::from_name(" City "), Some(Size::City));
        assert_eq!(Size::from_name("province"), None);
    }

    #[test]
    fn county_and_city_specs_have_the_counts_documented() {
        // Given the three sizes, then they have the units, groups and households their docs
        // state, and every statistical code is used once.
        let count = |spec: &TownshipSpec| {
            (
                spec.units.len(),
                spec.units.iter().map(|u| u32::from(u.groups)).sum::<u32>(),
                spec.households(),
            )
        };
        assert_eq!(count(&Size::Township.spec()), (7, 77, 4_248));
        assert_eq!(count(&Size::County.spec()), (147, 1_617, 89_208));
        assert_eq!(count(&Size::City.spec()), (406, 35_728, 1_971_072));
        for size in Size::ALL {
            let spec = size.spec();
            let mut codes: Vec<_> = spec.units.iter().filter_map(|u| u.code).collect();
            assert_eq!(
                codes.len(),
                spec.units.len(),
                "{size}: every unit has a code"
            );
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), spec.units.len(), "{size}: codes are distinct");
        }
    }

    #[test]
    fn replicated_units_are_numbered_with_their_copy() {
        // Given the township replicated 21 times, then copy 1 and copy 2 of Qianjin keep its
        // county and village digits and take township digits 200 and 201.
        let spec = TownshipSpec::huochezhan().replicated(21);
        assert_eq!(spec.units[0].name, "Qianjin-01 (前进村)");
        assert_eq!(spec.units[0].code.unwrap().to_string(), "430502200201");
        assert_eq!(spec.units[7].name, "Qianjin-02 (前进村)");
        assert_eq!(spec.units[7].code.unwrap().to_string(), "430502201201");
        assert_eq!(spec.units[146].name, "Gutang-21 (古塘社区)");
    }

    #[test]
    fn identity_numbers_stay_distinct_past_the_first_block_of_serials() {
        // Given one birth date and sex, when the serials are one block apart, then the
        // numbers differ in their province digits; the first block keeps Hunan's.
        let birth = Day::from_ymd(1980, 5, 6).unwrap();
        let first = identity_number(birth, Sex::Male, 1).unwrap();
        let second = identity_number(birth, Sex::Male, 4_950_001).unwrap();
        assert_eq!(&first.reveal()[..17], "43010019800506003");
        assert_eq!(&second.reveal()[..17], "42010019800506003");
    }

    #[test]
    fn the_grid_commands_rebuild_the_same_registry() {
        // Given the township built, when its grid commands are executed on a new founding,
        // then the registry is equal, ledger included.
        let town = build(&TownshipSpec::huochezhan()).unwrap();
        let grid = grid_commands(&town).unwrap();
        assert_eq!(grid.commands.len() + 3, town.registry.ledger().len());
        let rebuilt = grid.execute().unwrap();
        assert_eq!(rebuilt.ledger().head(), town.registry.ledger().head());
        assert_eq!(rebuilt, town.registry);
    }

    #[test]
    fn the_workloads_run_without_a_refusal() {
        // Given the township built, when the preparation, screening and reading workloads
        // run, then nothing is refused, a tenth of residents are interviewed, a hundredth are
        // key people under observation, and each has two readings a day.
        let town = build(&TownshipSpec::huochezhan()).unwrap();
        let mut reg = town.registry.clone();
        let residents = town.households.iter().map(|(_, m)| m.len()).sum::<usize>();
        execute_all(&mut reg, preparation_commands(&town).unwrap()).unwrap();
        assert_eq!(reg.risk_register().designations().len(), BENCH_DESIGNATIONS);
        let round = crate::ids::RoundId::new(1);
        let screening = screening_commands(&town, round).unwrap();
        let interviews = screening
            .iter()
            .filter(|(_, _, c)| {
                matches!(
                    c,
                    Command::Screening(ScreeningCommand::RecordInterview { .. })
                )
            })
            .count();
        assert_eq!(interviews, residents.div_ceil(10));
        execute_all(&mut reg, screening).unwrap();
        let key_people = residents.div_ceil(100);
        assert_eq!(reg.key_people().len(), key_people);
        assert_eq!(reg.observations().count(), key_people);
        let coverage = reg.round_coverage(round, 2).unwrap();
        assert!(coverage.complete());
        let readings = reading_commands(&town, &reg, reading_day(), READING_DAYS).unwrap();
        assert_eq!(readings.len(), key_people * 2 * READING_DAYS as usize);
        execute_all(&mut reg, readings).unwrap();
        assert!(reg.refusals().unwrap().is_empty());
        let counts = reg.observation_counts(reading_day().plus_days(13).unwrap());
        assert_eq!(counts.under_observation, key_people);
    }

    #[test]
    fn the_townships_of_a_county_never_share_an_identity_number() {
        // Given the first two townships of the county, a twentieth of their households each
        let specs = shard_specs(Size::County);
        let small = |s: &TownshipSpec| {
            let mut s = s.clone();
            for u in &mut s.units {
                u.households /= 20;
            }
            s
        };
        let stride = specs[0].households() * 10;
        // When each is built as its own registry, numbered as build_shards numbers them
        let a = build_numbered(&small(&specs[0]), 0).unwrap();
        let b = build_numbered(&small(&specs[1]), stride).unwrap();
        // Then no identity number is used in both, and the townships are told apart
        let ids = |t: &Township| -> std::collections::BTreeSet<String> {
            t.registry
                .residents()
                .filter_map(|r| r.details.identity.as_ref().map(|i| i.reveal().to_owned()))
                .collect()
        };
        let (ia, ib) = (ids(&a), ids(&b));
        assert!(ia.len() > 500 && ib.len() > 500);
        assert!(ia.is_disjoint(&ib));
        assert_eq!(specs[0].name, "Township 01 of Shuangqing District (双清区)");
        assert_eq!(
            specs[1].code.map(|c| c.to_string()).as_deref(),
            Some("430502201000")
        );
    }
}
