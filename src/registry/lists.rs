//! Lists a person reads (名单): non-reporting, release review, alerts, coverage follow-ups,
//! and a grid worker's work list for a day.
//!
//! Each row names the resident, their phone **masked**, the household's address, its group
//! and the workers who answer for it, and prints as one line in English (`Display`) or Chinese
//! (`display_zh`). A worker who needs the full phone to call someone in their charge asks for
//! it through [`Registry::reveal_phone`], which the ledger records.
//!
//! The workers who answer for a household are the grid workers assigned to its group (or to
//! its zone, village or township); where there is none, the cadres. Rows are ordered by
//! village, group number, then household.

use crate::grid::GridError;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::Registry;
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::grid::{ContactField, GridCommand, Role, UnitKind};
use crate::ids::{HouseholdId, ObservationId, ResidentId, RoundId, StaffId, UnitId};
use crate::observation::{Alert, ReleaseDecision, SlotCheck, SlotStatus, Status, due_for_review};
use crate::screening::{DEFAULT_REPEATED_ABSENCES, FollowUpReason, VisitResult};

/// A member of staff as a list names them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct Worker {
    /// Their id.
    pub staff: StaffId,
    /// Their name.
    pub name: String,
}

impl fmt::Display for Worker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.staff)
    }
}

/// A household as a list shows it (户): address, group and who answers for it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Home {
    /// The household.
    pub household: HouseholdId,
    /// Its address.
    pub address: String,
    /// Its group (组).
    pub group: UnitId,
    /// The group's name.
    pub group_name: String,
    /// The group's number within its village.
    pub group_number: Option<u16>,
    /// The group's village or community.
    pub village: Option<UnitId>,
    /// The grid workers who answer for the group (cadres where it has none).
    pub workers: Vec<Worker>,
}

/// A resident as a list shows them: name, masked phone and household.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Person {
    /// The resident.
    pub resident: ResidentId,
    /// Their name.
    pub name: String,
    /// Their phone, masked (`139****5678`); the full number only through
    /// [`Registry::reveal_phone`].
    pub phone: Option<String>,
    /// Their household.
    pub home: Home,
}

fn workers_text(workers: &[Worker], none: &str) -> String {
    if workers.is_empty() {
        return none.to_owned();
    }
    workers
        .iter()
        .map(Worker::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Home {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "household {}, {}, {}; worker: {}",
            self.household,
            self.address,
            self.group_name,
            workers_text(&self.workers, "none")
        )
    }
}

impl Home {
    /// The household in Chinese: `户 H3，前进村1组1号，Qianjin group 1；网格员 李华 (S4)`.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        format!(
            "户 {}，{}，{}；网格员 {}",
            self.household,
            self.address,
            self.group_name,
            workers_text(&self.workers, "无")
        )
    }
}

impl fmt::Display for Person {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}), phone {}, {}, {}; worker: {}",
            self.name,
            self.resident,
            self.phone.as_deref().unwrap_or("none"),
            self.home.address,
            self.home.group_name,
            workers_text(&self.home.workers, "none")
        )
    }
}

impl Person {
    /// The person in Chinese: `王强 (R12)，电话 139****5678，前进村1组1号，Qianjin group 1；网格员 李华 (S4)`.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        format!(
            "{} ({})，电话 {}，{}，{}；网格员 {}",
            self.name,
            self.resident,
            self.phone.as_deref().unwrap_or("无"),
            self.home.address,
            self.home.group_name,
            workers_text(&self.home.workers, "无")
        )
    }
}

fn slot_zh(name: &str) -> &str {
    match name {
        "morning" => "上午",
        "evening" => "晚上",
        "afternoon" => "下午",
        "daily" => "每日",
        other => other,
    }
}

fn status_en(s: &SlotStatus) -> &'static str {
    match s {
        SlotStatus::Upcoming => "upcoming",
        SlotStatus::Due => "due now",
        SlotStatus::Done(_) => "done",
        SlotStatus::Overdue => "overdue",
        SlotStatus::Late(_) => "done late",
        SlotStatus::Missed => "missed",
    }
}

fn status_zh(s: &SlotStatus) -> &'static str {
    match s {
        SlotStatus::Upcoming => "未到时间",
        SlotStatus::Due => "待报",
        SlotStatus::Done(_) => "已报",
        SlotStatus::Overdue => "超时未报",
        SlotStatus::Late(_) => "迟报",
        SlotStatus::Missed => "漏报",
    }
}

fn check_en(c: &SlotCheck) -> String {
    match c.status.reading() {
        Some(r) => format!(
            "{} check {} ({})",
            c.slot.name,
            status_en(&c.status),
            r.temperature
        ),
        None => format!("{} check {}", c.slot.name, status_en(&c.status)),
    }
}

fn check_zh(c: &SlotCheck) -> String {
    match c.status.reading() {
        Some(r) => format!(
            "{}体温{}（{}）",
            slot_zh(&c.slot.name),
            status_zh(&c.status),
            r.temperature
        ),
        None => format!("{}体温{}", slot_zh(&c.slot.name), status_zh(&c.status)),
    }
}

/// A row of the non-reporting list (未按时报告名单): a person under observation with checks
/// overdue or missed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct NonReportingRow {
    /// Who.
    pub person: Person,
    /// Their observation.
    pub observation: ObservationId,
    /// The day's checks that are overdue or missed.
    pub checks: Vec<SlotCheck>,
}

impl fmt::Display for NonReportingRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let checks: Vec<String> = self.checks.iter().map(check_en).collect();
        write!(
            f,
            "{} — {}: {}",
            self.person,
            self.observation,
            checks.join(", ")
        )
    }
}

impl NonReportingRow {
    /// The row in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let checks: Vec<String> = self.checks.iter().map(check_zh).collect();
        format!(
            "{} — {}：{}",
            self.person.display_zh(),
            self.observation,
            checks.join("，")
        )
    }
}

/// A row of the release review (待审核解除名单): a person whose earliest release day has come,
/// with what the rules say, for a health worker to decide.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReleaseReviewRow {
    /// Who.
    pub person: Person,
    /// Their observation.
    pub observation: ObservationId,
    /// Its earliest day of release.
    pub earliest_release: Day,
    /// What the rules say on the day of review.
    pub decision: ReleaseDecision,
}

impl fmt::Display for ReleaseReviewRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} — {}, release from {}: {}",
            self.person, self.observation, self.earliest_release, self.decision
        )
    }
}

impl ReleaseReviewRow {
    /// The row in Chinese, the rules' reasons too.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let word = match self.decision {
            ReleaseDecision::Release { .. } => "可解除",
            ReleaseDecision::NotYet { .. } => "未到期",
            ReleaseDecision::Blocked { .. } => "暂不能解除",
        };
        format!(
            "{} — {}，{} 起可解除：{}（{}）",
            self.person.display_zh(),
            self.observation,
            self.earliest_release,
            word,
            self.decision
                .reasons()
                .iter()
                .map(|r| r.display_zh().to_string())
                .collect::<Vec<_>>()
                .join("；")
        )
    }
}

/// A row of the alert list (预警名单): a person under observation with an open alert.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AlertRow {
    /// Who.
    pub person: Person,
    /// Their observation.
    pub observation: ObservationId,
    /// The open alert.
    pub alert: Alert,
}

fn causes(alert: &Alert) -> String {
    alert
        .causes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl fmt::Display for AlertRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} — {}, alert {} raised {}: {}",
            self.person,
            self.observation,
            self.alert.number,
            self.alert.raised_at,
            causes(&self.alert)
        )
    }
}

impl AlertRow {
    /// The row in Chinese, the alert's causes too.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        format!(
            "{} — {}，预警 {}（{}）：{}",
            self.person.display_zh(),
            self.observation,
            self.alert.number,
            self.alert.raised_at,
            self.alert
                .causes
                .iter()
                .map(|c| c.display_zh().to_string())
                .collect::<Vec<_>>()
                .join("；")
        )
    }
}

/// A row of a round's follow-up list (待跟进户): a household that refused screening or was
/// repeatedly not at home, with its head (or first member) to contact.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FollowUpRow {
    /// The household.
    pub home: Home,
    /// Whom to contact: the head, or the first member; `None` for a household with no one
    /// registered.
    pub contact: Option<Person>,
    /// The round.
    pub round: RoundId,
    /// Why.
    pub reason: FollowUpReason,
}

fn reason_en(r: &FollowUpReason) -> String {
    match r {
        FollowUpReason::Refused { on } => format!("refused screening on {on}"),
        FollowUpReason::RepeatedlyAbsent { visits } => format!("nobody home {visits} times"),
    }
}

fn reason_zh(r: &FollowUpReason) -> String {
    match r {
        FollowUpReason::Refused { on } => format!("{on} 拒绝排查"),
        FollowUpReason::RepeatedlyAbsent { visits } => format!("{visits} 次无人在家"),
    }
}

impl fmt::Display for FollowUpRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} — {}: {}",
            self.home,
            self.round,
            reason_en(&self.reason)
        )?;
        if let Some(c) = &self.contact {
            write!(
                f,
                "; contact {} ({}), phone {}",
                c.name,
                c.resident,
                c.phone.as_deref().unwrap_or("none")
            )?;
        }
        Ok(())
    }
}

impl FollowUpRow {
    /// The row in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let mut out = format!(
            "{} — {}：{}",
            self.home.display_zh(),
            self.round,
            reason_zh(&self.reason)
        );
        if let Some(c) = &self.contact {
            out.push_str(&format!(
                "；联系人 {} ({})，电话 {}",
                c.name,
                c.resident,
                c.phone.as_deref().unwrap_or("无")
            ));
        }
        out
    }
}

/// A person's checks of the day on a work list (体温监测).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckRow {
    /// Who.
    pub person: Person,
    /// Their observation.
    pub observation: ObservationId,
    /// Each check slot of the day and where it stands.
    pub checks: Vec<SlotCheck>,
}

impl fmt::Display for CheckRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let checks: Vec<String> = self.checks.iter().map(check_en).collect();
        write!(
            f,
            "{} — {}: {}",
            self.person,
            self.observation,
            checks.join(", ")
        )
    }
}

impl CheckRow {
    /// The row in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let checks: Vec<String> = self.checks.iter().map(check_zh).collect();
        format!(
            "{} — {}：{}",
            self.person.display_zh(),
            self.observation,
            checks.join("，")
        )
    }
}

/// A household to visit on a work list: in an open round, not yet screened (待入户).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct VisitRow {
    /// The household.
    pub home: Home,
    /// The round.
    pub round: RoundId,
    /// Visits made so far without screening it (nobody home).
    pub visits: usize,
}

impl fmt::Display for VisitRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} — {}: not yet screened", self.home, self.round)?;
        if self.visits > 0 {
            write!(f, " ({} visit(s), nobody home)", self.visits)?;
        }
        Ok(())
    }
}

impl VisitRow {
    /// The row in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let mut out = format!("{} — {}：未排查", self.home.display_zh(), self.round);
        if self.visits > 0 {
            out.push_str(&format!("（已上门 {} 次，无人在家）", self.visits));
        }
        out
    }
}

/// A grid worker's work list for a day (网格员工作清单): checks due and where they stand,
/// households to visit, households to follow up, open alerts, and people due for release
/// review, in the groups they answer for. Each part is ordered by village, group number,
/// then household.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorkList {
    /// Whose list.
    pub worker: Worker,
    /// The day.
    pub day: Day,
    /// The instant the check statuses were taken at.
    pub now: Instant,
    /// People under observation and their checks of the day.
    pub checks: Vec<CheckRow>,
    /// Open alerts.
    pub alerts: Vec<AlertRow>,
    /// Households to visit: in an open round, not yet screened.
    pub visits: Vec<VisitRow>,
    /// Households to follow up: refusals and repeated absences.
    pub follow_ups: Vec<FollowUpRow>,
    /// People due for release review.
    pub release_review: Vec<ReleaseReviewRow>,
}

impl WorkList {
    /// Whether there is nothing on the list.
    pub fn is_empty(&self) -> bool {
        self.checks.is_empty()
            && self.alerts.is_empty()
            && self.visits.is_empty()
            && self.follow_ups.is_empty()
            && self.release_review.is_empty()
    }

    /// The list in Chinese.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let mut out = format!("{} {} 工作清单\n", self.worker, self.day);
        let mut part = |title: &str, lines: Vec<String>| {
            out.push_str(&format!("{title}（{}）\n", lines.len()));
            for l in lines {
                out.push_str(&format!("  {l}\n"));
            }
        };
        part(
            "体温监测",
            self.checks
                .iter()
                .map(|r| r.display_zh().to_string())
                .collect(),
        );
        part(
            "预警",
            self.alerts
                .iter()
                .map(|r| r.display_zh().to_string())
                .collect(),
        );
        part(
            "待入户排查",
            self.visits
                .iter()
                .map(|r| r.display_zh().to_string())
                .collect(),
        );
        part(
            "待跟进",
            self.follow_ups
                .iter()
                .map(|r| r.display_zh().to_string())
                .collect(),
        );
        part(
            "待审核解除",
            self.release_review
                .iter()
                .map(|r| r.display_zh().to_string())
                .collect(),
        );
        out
    }
}

impl fmt::Display for WorkList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Work list of {} for {}", self.worker, self.day)?;
        fn part<T: fmt::Display>(
            f: &mut fmt::Formatter<'_>,
            title: &str,
            rows: &[T],
        ) -> fmt::Result {
            writeln!(f, "{title} ({})", rows.len())?;
            for r in rows {
                writeln!(f, "  {r}")?;
            }
            Ok(())
        }
        part(f, "Checks", &self.checks)?;
        part(f, "Alerts", &self.alerts)?;
        part(f, "Households to visit", &self.visits)?;
        part(f, "Households to follow up", &self.follow_ups)?;
        part(f, "Release review", &self.release_review)
    }
}

/// How rows are ordered: village, group number, group, household, resident.
type Order = (
    Option<UnitId>,
    Option<u16>,
    UnitId,
    HouseholdId,
    Option<ResidentId>,
);

fn home_order(h: &Home, r: Option<ResidentId>) -> Order {
    (h.village, h.group_number, h.group, h.household, r)
}

/// # Work lists (工作清单)
///
/// Who has not reported, releases to review, alerts, follow-up, a
/// worker's list for the day, and revealing a resident's contact (recorded).
impl Registry {
    /// The workers who answer for a group: grid workers assigned over it, else cadres.
    pub(super) fn list_workers(&self, group: UnitId) -> Vec<Worker> {
        let resp = self.responsible_for(group);
        let pick = |role: Role| -> Vec<Worker> {
            let ids: BTreeSet<StaffId> = resp
                .iter()
                .filter(|x| x.role == role)
                .map(|x| x.staff)
                .collect();
            ids.into_iter()
                .filter_map(|s| self.staff(s))
                .map(|s| Worker {
                    staff: s.id,
                    name: s.name.clone(),
                })
                .collect()
        };
        let grid = pick(Role::GridWorker);
        if grid.is_empty() {
            pick(Role::Cadre)
        } else {
            grid
        }
    }

    pub(super) fn home(&self, household: HouseholdId) -> Option<Home> {
        let h = self.household(household)?;
        let unit = self.unit(h.group);
        Some(Home {
            household,
            address: h.address.to_string(),
            group: h.group,
            group_name: unit.map(|u| u.name.clone()).unwrap_or_default(),
            group_number: unit.and_then(|u| u.number),
            village: unit.and_then(|u| u.parent),
            workers: self.list_workers(h.group),
        })
    }

    fn person(&self, resident: ResidentId) -> Option<Person> {
        let r = self.resident(resident)?;
        Some(Person {
            resident,
            name: r.details.name.to_string(),
            phone: r.details.phone.as_ref().map(|p| p.masked()),
            home: self.home(r.household)?,
        })
    }

    fn observed_person(&self, observation: ObservationId) -> Option<Person> {
        self.person(self.observation(observation)?.resident)
    }

    /// The non-reporting list of `day` as of `now` (未按时报告名单): each person under
    /// observation with a check overdue or missed, with their masked phone, address, group
    /// and worker. See [`non_reporting`](Self::non_reporting) for the same grouped by worker.
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let obs = reg.open_observation(doctor, t, wang, "returnee-jan2020", "2020-01-20".parse()?,
    ///     fangkong::observation::OpeningBasis::CloseContact { note: "reported by the county CDC".into() })?;
    /// // No reading recorded by 21:00: the morning check was missed.
    /// let now = "2020-01-24T21:00:00+08:00".parse()?;
    /// let list = reg.non_reporting_list(day, now);
    /// assert_eq!((list[0].observation, list[0].person.name.as_str()), (obs, "Wang Fang"));
    /// assert_eq!(list[0].person.phone.as_deref(), Some("138****1234"));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn non_reporting_list(&self, day: Day, now: Instant) -> Vec<NonReportingRow> {
        let mut rows: Vec<NonReportingRow> = self
            .non_reporting(day, now)
            .into_iter()
            .flat_map(|w| w.items)
            .filter_map(|item| {
                Some(NonReportingRow {
                    person: self.observed_person(item.key)?,
                    observation: item.key,
                    checks: item.checks,
                })
            })
            .collect();
        rows.sort_by_key(|r| {
            (
                home_order(&r.person.home, Some(r.person.resident)),
                r.observation,
            )
        });
        rows
    }

    /// The release review of `day` (待审核解除名单): each person whose earliest release day has
    /// come, with what the rules say.
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let basis = fangkong::observation::OpeningBasis::CloseContact { note: "reported by the county CDC".into() };
    /// let obs = reg.open_observation(doctor, t, wang, "returnee-jan2020", "2020-01-09".parse()?, basis)?;
    /// // Day 0 was 2020-01-09: the 14 days end on the 23rd, and the review is due.
    /// let review = reg.release_review_list(day);
    /// assert_eq!((review[0].observation, review[0].person.name.as_str()), (obs, "Wang Fang"));
    /// assert_eq!(review[0].earliest_release, day);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn release_review_list(&self, day: Day) -> Vec<ReleaseReviewRow> {
        let mut rows: Vec<ReleaseReviewRow> = self
            .release_review(day)
            .into_iter()
            .filter_map(|r| {
                Some(ReleaseReviewRow {
                    person: self.observed_person(r.key)?,
                    observation: r.key,
                    earliest_release: r.earliest_release,
                    decision: r.decision,
                })
            })
            .collect();
        rows.sort_by_key(|r| {
            (
                home_order(&r.person.home, Some(r.person.resident)),
                r.observation,
            )
        });
        rows
    }

    /// The alert list (预警名单): each open alert of an observation, with the person.
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::observation::{Method, ObservationUpdate, Reading, Reporter};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, group_1, li, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let obs = reg.open_observation(doctor, t, wang, "returnee-jan2020", "2020-01-20".parse()?,
    ///     fangkong::observation::OpeningBasis::CloseContact { note: "reported by the county CDC".into() })?;
    /// let at = "2020-01-24T10:30:00+08:00".parse()?;
    /// let fever = Reading {
    ///     at, temperature: "38.2".parse()?, method: Method::Armpit, by: Reporter::SelfReported,
    /// };
    /// reg.update_observation(li, at, obs, ObservationUpdate::RecordReading(fever))?;
    /// let alerts = reg.alert_list();
    /// assert_eq!((alerts[0].observation, alerts[0].person.home.group), (obs, group_1));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn alert_list(&self) -> Vec<AlertRow> {
        let mut rows: Vec<AlertRow> = self
            .observations()
            .flat_map(|o| o.observation.open_alerts().map(move |a| (o.id, a)))
            .filter_map(|(id, a)| {
                Some(AlertRow {
                    person: self.observed_person(id)?,
                    observation: id,
                    alert: a.clone(),
                })
            })
            .collect();
        rows.sort_by_key(|r| {
            (
                home_order(&r.person.home, Some(r.person.resident)),
                r.observation,
                r.alert.number,
            )
        });
        rows
    }

    /// The follow-up list of a screening round (待跟进户): households whose last visit was a
    /// refusal, and those never screened with at least `repeated_absences` visits with nobody
    /// home, each with the person to contact (as [`round_coverage`](Self::round_coverage)).
    ///
    /// ```
    /// use fangkong::screening::{DEFAULT_REPEATED_ABSENCES, FollowUpReason, VisitResult};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, li, home, wang, .. } = doc_fixture()?;
    /// let round = reg.open_screening_round(leader, t, "Carpet screening", vec![qianjin], day)?;
    /// reg.record_visit(li, t, round, home, VisitResult::Refused)?;
    /// let rows = reg.follow_up_list(round, DEFAULT_REPEATED_ABSENCES)?;
    /// assert_eq!(rows[0].reason, FollowUpReason::Refused { on: day });
    /// assert_eq!(rows[0].contact.as_ref().map(|p| p.resident), Some(wang));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ScreeningError::UnknownRound`](crate::screening::ScreeningError::UnknownRound).
    pub fn follow_up_list(
        &self,
        round: RoundId,
        repeated_absences: usize,
    ) -> Result<Vec<FollowUpRow>, Error> {
        let coverage = self.round_coverage(round, repeated_absences)?;
        let mut rows: Vec<FollowUpRow> = coverage
            .follow_up
            .into_iter()
            .filter_map(|f| self.follow_up_row(round, f.household, f.reason))
            .collect();
        rows.sort_by_key(|r| home_order(&r.home, None));
        Ok(rows)
    }

    fn follow_up_row(
        &self,
        round: RoundId,
        household: HouseholdId,
        reason: FollowUpReason,
    ) -> Option<FollowUpRow> {
        let home = self.home(household)?;
        let members = &self.household(household)?.residents;
        let head = members
            .iter()
            .find(|r| {
                self.resident(**r)
                    .is_some_and(|x| x.details.relation == crate::household::Relation::Head)
            })
            .or(members.first());
        Some(FollowUpRow {
            home,
            contact: head.and_then(|r| self.person(*r)),
            round,
            reason,
        })
    }

    /// The groups a member of staff is assigned over (to the group, its zone, its village or
    /// the township).
    fn groups_of_staff(&self, staff: StaffId) -> BTreeSet<UnitId> {
        self.assignments()
            .filter(|a| a.staff == staff)
            .flat_map(|a| self.groups_of(a.unit))
            .filter(|g| self.unit(*g).is_some_and(|u| u.kind == UnitKind::Group))
            .collect()
    }

    /// A grid worker's work list for `day` as of `now` (网格员工作清单), over the groups they
    /// are assigned over: each person under observation and their checks of the day, open
    /// alerts, households to visit in rounds open on `day` (not yet screened), households to
    /// follow up (refused, or nobody home [`DEFAULT_REPEATED_ABSENCES`] times), and people due
    /// for release review. Empty for someone not enrolled or assigned nowhere.
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, qianjin, li, home, wang, .. } = doc_fixture()?;
    /// let round = reg.open_screening_round(leader, t, "Carpet screening", vec![qianjin], day)?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let obs = reg.open_observation(doctor, t, wang, "returnee-jan2020", "2020-01-20".parse()?,
    ///     fangkong::observation::OpeningBasis::CloseContact { note: "reported by the county CDC".into() })?;
    /// let now = "2020-01-24T08:00:00+08:00".parse()?;
    /// let list = reg.work_list(li, day, now);
    /// assert_eq!(list.visits[0].home.household, home); // to screen in the round
    /// assert_eq!(list.checks[0].observation, obs); // today's checks
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn work_list(&self, worker: StaffId, day: Day, now: Instant) -> WorkList {
        let groups = self.groups_of_staff(worker);
        let mine = |household: HouseholdId| {
            self.household(household)
                .is_some_and(|h| groups.contains(&h.group))
        };
        let name = self
            .staff(worker)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let mut list = WorkList {
            worker: Worker {
                staff: worker,
                name,
            },
            day,
            now,
            checks: Vec::new(),
            alerts: Vec::new(),
            visits: Vec::new(),
            follow_ups: Vec::new(),
            release_review: Vec::new(),
        };
        // Observations of people in the worker's groups.
        let watched: Vec<(ObservationId, Person)> = self
            .observations()
            .filter(|o| self.resident(o.resident).is_some_and(|r| mine(r.household)))
            .filter_map(|o| Some((o.id, self.person(o.resident)?)))
            .collect();
        let persons: BTreeMap<ObservationId, Person> = watched.into_iter().collect();
        for (id, person) in &persons {
            let Some(o) = self.observation(*id) else {
                continue;
            };
            let o = &o.observation;
            if o.status_on(day) == Status::UnderObservation {
                let checks = o.checks_on(day, now);
                if !checks.is_empty() {
                    list.checks.push(CheckRow {
                        person: person.clone(),
                        observation: *id,
                        checks,
                    });
                }
            }
            for a in o.open_alerts() {
                list.alerts.push(AlertRow {
                    person: person.clone(),
                    observation: *id,
                    alert: a.clone(),
                });
            }
        }
        for review in due_for_review(
            persons
                .keys()
                .filter_map(|id| self.observation(*id).map(|o| (*id, &o.observation))),
            day,
        ) {
            if let Some(person) = persons.get(&review.key) {
                list.release_review.push(ReleaseReviewRow {
                    person: person.clone(),
                    observation: review.key,
                    earliest_release: review.earliest_release,
                    decision: review.decision,
                });
            }
        }
        // Rounds open on the day: households not yet screened.
        for round in self.rounds() {
            if day < round.opens || round.closes.is_some_and(|c| day > c) {
                continue;
            }
            let covered: BTreeSet<UnitId> = round
                .units
                .iter()
                .flat_map(|u| self.groups_of(*u))
                .filter(|g| groups.contains(g))
                .collect();
            for g in covered {
                for h in self.households_in(g) {
                    if round.screened(h) {
                        continue;
                    }
                    let visits = round.visits.get(&h).map_or(&[][..], |v| &v[..]);
                    let absent = visits
                        .iter()
                        .filter(|v| v.result == VisitResult::NobodyHome)
                        .count();
                    let reason = match visits.last() {
                        Some(v) if v.result == VisitResult::Refused => {
                            Some(FollowUpReason::Refused { on: v.day })
                        }
                        _ if absent >= DEFAULT_REPEATED_ABSENCES => {
                            Some(FollowUpReason::RepeatedlyAbsent { visits: absent })
                        }
                        _ => None,
                    };
                    match reason {
                        Some(reason) => list
                            .follow_ups
                            .extend(self.follow_up_row(round.id, h, reason)),
                        None => list.visits.extend(self.home(h).map(|home| VisitRow {
                            home,
                            round: round.id,
                            visits: visits.len(),
                        })),
                    }
                }
            }
        }
        let by_person = |p: &Person| home_order(&p.home, Some(p.resident));
        list.checks
            .sort_by_key(|r| (by_person(&r.person), r.observation));
        list.alerts
            .sort_by_key(|r| (by_person(&r.person), r.observation, r.alert.number));
        list.release_review
            .sort_by_key(|r| (by_person(&r.person), r.observation));
        list.visits
            .sort_by_key(|r| (home_order(&r.home, None), r.round));
        list.follow_ups
            .sort_by_key(|r| (home_order(&r.home, None), r.round));
        list
    }

    /// Reveals a resident's full phone to `actor`, who must be assigned over the resident's
    /// group (the grid worker or cadre who needs to call them). The reveal is a command
    /// ([`GridCommand::RevealContact`]): the ledger records who saw whose phone, and when; a
    /// refusal is recorded too.
    ///
    /// ```
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, li, wang, .. } = doc_fixture()?;
    /// let entries = reg.ledger().len();
    /// assert_eq!(reg.reveal_phone(li, t, wang)?, "13807311234");
    /// assert_eq!(reg.ledger().len(), entries + 1); // the reveal is recorded
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`GridError::NotResponsibleForResident`] for an actor not assigned over the group (a leader
    /// of another village, an inspector), [`GridError::NoContactOnRecord`] when no phone is
    /// recorded, [`GridError::UnknownResident`], [`GridError::ResidentDeregistered`], and the refusals
    /// of [`execute`](Self::execute) ([`Error::RoleNotPermitted`] for volunteers and
    /// inspectors).
    pub fn reveal_phone(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
    ) -> Result<String, Error> {
        self.reveal(actor, at, resident, ContactField::Phone)
    }

    /// Reveals a resident's full identity number to `actor`, as
    /// [`reveal_phone`](Self::reveal_phone) does the phone.
    ///
    /// ```
    /// use fangkong::Role;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, li, wang, .. } = doc_fixture()?;
    /// assert_eq!(reg.reveal_identity(li, t, wang)?, "11010519491231002X");
    /// // An inspector may not see it.
    /// let zhao = reg.enroll_staff(leader, t, "Zhao Min", Role::Inspector, None)?;
    /// assert!(reg.reveal_identity(zhao, t, wang).is_err());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`reveal_phone`](Self::reveal_phone).
    pub fn reveal_identity(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
    ) -> Result<String, Error> {
        self.reveal(actor, at, resident, ContactField::IdentityNumber)
    }

    fn reveal(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
        field: ContactField,
    ) -> Result<String, Error> {
        self.execute(actor, at, GridCommand::RevealContact { resident, field })?;
        let details = self
            .resident(resident)
            .map(|r| &r.details)
            .ok_or(Error::Grid(GridError::UnknownResident { resident }))?;
        let value = match field {
            ContactField::Phone => details.phone.as_ref().map(crate::identity::Phone::reveal),
            ContactField::IdentityNumber => {
                details.identity.as_ref().map(|i| i.reveal().to_owned())
            }
        };
        value.ok_or(Error::Grid(GridError::NoContactOnRecord {
            resident,
            field: field.label_en(),
        }))
    }
}
