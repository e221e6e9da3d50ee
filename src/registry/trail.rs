//! The audit trail (审计追踪): an index of which entries concern which subject, kept as entries
//! are appended and rebuilt by replay, so a trail costs the entries it returns.

use super::trail_index::TrailIndex;
use super::{Registry, State};
use crate::ledger::LedgerError;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::audit::{AuditCommand, Subject};
use crate::calendar::Instant;
use crate::error::Error;
use crate::event::{Command, Event};
use crate::grid::GridEvent;
use crate::hash::{Hash, TreeHead};
use crate::ids::{
    DonationId, HouseholdId, LotId, ObservationId, PostId, ResidentId, ShiftId, SiteId, StaffId,
    StoreId, VenueId,
};
use crate::ledger::merkle::{InclusionProof, MerkleTree, ProofError};
use crate::ledger::{Entry, Ledger};
use crate::observation::ObservationEvent;
use crate::publicity::{ActionDetails, PublicityEvent};
use crate::record::{Body, CommandMark, Record};
use crate::screening::ScreeningEvent;

/// Adds entry `seq` to the index under every subject it concerns.
pub(super) fn index(index: &mut TrailIndex, state: &State, seq: u64, actor: StaffId, body: &Body) {
    let mut subjects = Vec::with_capacity(4);
    subjects.push(Subject::Staff(actor));
    match body {
        Body::Event(e) => subjects_of_event(state, e, &mut subjects),
        Body::Refused(r) => subjects_of_value(&r.attempt, &mut subjects),
    }
    // What concerns an observation concerns its resident.
    for i in 0..subjects.len() {
        if let Some(Subject::Observation(o)) = subjects.get(i)
            && let Some(r) = state.observation.observations.get(o)
        {
            subjects.push(Subject::Resident(r.resident));
        }
    }
    subjects.sort_unstable();
    subjects.dedup();
    for s in subjects {
        index.push(s, seq);
    }
}

/// The subjects an event names (and, for observations and interviews, the resident they
/// concern). The frequent events are matched by type; the rest are read by their field names.
fn subjects_of_event(state: &State, event: &Event, out: &mut Vec<Subject>) {
    match event {
        Event::Observation(ObservationEvent::ObservationUpdated { observation, .. }) => {
            out.push(Subject::Observation(*observation));
            if let Some(r) = state.observation.observations.get(observation) {
                out.push(Subject::Resident(r.resident));
            }
        }
        Event::Observation(ObservationEvent::ObservationOpened {
            observation,
            resident,
            ..
        }) => {
            out.push(Subject::Observation(*observation));
            out.push(Subject::Resident(*resident));
        }
        Event::Screening(ScreeningEvent::HouseholdVisited { household, .. }) => {
            out.push(Subject::Household(*household));
        }
        Event::Screening(ScreeningEvent::InterviewRecorded { resident, .. }) => {
            out.push(Subject::Resident(*resident));
        }
        Event::Grid(GridEvent::ResidentMoved {
            resident, from, to, ..
        }) => {
            out.push(Subject::Resident(*resident));
            out.push(Subject::Household(*from));
            out.push(Subject::Household(*to));
        }
        Event::Grid(GridEvent::HouseholdMoved { household, .. }) => {
            out.push(Subject::Household(*household));
        }
        // The events of loading a grid, matched by type: reading them through a JSON value
        // cost more than writing their record.
        Event::Grid(GridEvent::ResidentRegistered {
            resident,
            household,
            ..
        }) => {
            out.push(Subject::Resident(*resident));
            out.push(Subject::Household(*household));
        }
        Event::Grid(GridEvent::HouseholdRegistered { household, .. }) => {
            out.push(Subject::Household(*household));
        }
        Event::Grid(
            GridEvent::StaffEnrolled { staff, .. }
            | GridEvent::StaffAssigned { staff, .. }
            | GridEvent::AssignmentEnded { staff, .. },
        ) => {
            out.push(Subject::Staff(*staff));
        }
        Event::Grid(GridEvent::UnitEstablished { .. } | GridEvent::GroupsZoned { .. }) => {}
        // Letters delivered: every household of the delivery (a batch of a group's households
        // is one entry, found in each household's trail).
        Event::Publicity(PublicityEvent::ActionRecorded { recorded, .. }) => {
            if let ActionDetails::Delivery { deliveries, .. } = &recorded.details {
                out.extend(deliveries.iter().map(|d| Subject::Household(d.household)));
            }
        }
        // Cleaning and disinfection: matched by type, so that a round's id is never read as a
        // screening round's (both are `round` in the stored form).
        Event::Disinfection(d) => {
            let (site, schedule, round, staff) = d.subjects();
            out.extend(site.map(Subject::Site));
            out.extend(schedule.map(Subject::DisinfectionSchedule));
            out.extend(round.map(Subject::DisinfectionRound));
            out.extend(staff.map(Subject::Staff));
        }
        other => {
            if let Ok(v) = serde_json::to_value(other) {
                subjects_of_value(&v, out);
            }
        }
    }
}

/// The subjects a stored value names, by field name: `resident`, `household`, `observation`,
/// `venue`, `post`, `shift`, `site` (a disinfection site: supplies issued to it, an inspection
/// of it, a refused command naming it), `store` and `to_store`, `lot` and `lots`, `donation`,
/// and `staff`, `responsible` or `invited` for members of staff.
fn subjects_of_value(value: &serde_json::Value, out: &mut Vec<Subject>) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let ids: Vec<u32> = match v {
                    Value::Number(n) => n
                        .as_u64()
                        .and_then(|n| u32::try_from(n).ok())
                        .into_iter()
                        .collect(),
                    Value::Array(items) => items
                        .iter()
                        .filter_map(|i| i.as_u64().and_then(|n| u32::try_from(n).ok()))
                        .collect(),
                    _ => Vec::new(),
                };
                for id in ids {
                    match k.as_str() {
                        "resident" => out.push(Subject::Resident(ResidentId::new(id))),
                        "household" => out.push(Subject::Household(HouseholdId::new(id))),
                        "observation" => out.push(Subject::Observation(ObservationId::new(id))),
                        "venue" => out.push(Subject::Venue(VenueId::new(id))),
                        "staff" | "responsible" | "invited" => {
                            out.push(Subject::Staff(StaffId::new(id)));
                        }
                        "post" => out.push(Subject::Post(PostId::new(id))),
                        "shift" => out.push(Subject::Shift(ShiftId::new(id))),
                        "site" => out.push(Subject::Site(SiteId::new(id))),
                        "store" | "to_store" => out.push(Subject::Store(StoreId::new(id))),
                        "lot" | "lots" => out.push(Subject::Lot(LotId::new(id))),
                        "donation" => out.push(Subject::Donation(DonationId::new(id))),
                        _ => {}
                    }
                }
                subjects_of_value(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| subjects_of_value(i, out)),
        _ => {}
    }
}

/// One entry of a trail: who, when, the command it belonged to, and what it recorded (an event,
/// or a refused attempt).
///
/// A trail is an unrecorded read ([`Registry::trail`]), so what it gives out is masked: its
/// serde form writes the body with every identity number and phone masked, as a refusal keeps
/// them, and `Debug` masks them as everywhere. The full record comes only from
/// [`Registry::export_trail`], which the ledger records.
///
/// ```
/// use fangkong::{Founding, Registry, Relation, ResidentDetails, Sex, UnitKind};
/// use fangkong::audit::Subject;
/// let t = "2020-01-24T09:00:00+08:00".parse()?;
/// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
/// let s1 = reg.staff_ids().next().unwrap();
/// let v = reg.establish_unit(s1, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
/// let g = reg.establish_group(s1, t, v, 1, "Qianjin group 1")?;
/// let h = reg.register_household(s1, t, g, "Qianjin 1-01")?;
/// let wang = ResidentDetails::new("王秀英", Sex::Female, "1949-12-31".parse()?, Relation::Head)
///     .with_identity("11010519491231002X".parse()?)
///     .with_phone("13874561234".parse()?);
/// let r = reg.register_resident(s1, t, h, wang)?;
/// let json = serde_json::to_string(&reg.trail(Subject::Resident(r), &[])?).unwrap();
/// assert!(json.contains("1101**********002X") && json.contains("138****1234"));
/// assert!(!json.contains("11010519491231002X") && !json.contains("13874561234"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TrailEntry {
    /// The entry's sequence number in the ledger.
    pub seq: u64,
    /// When it was recorded.
    pub at: Instant,
    /// Who recorded it (or tried to).
    pub actor: StaffId,
    /// The command it belonged to.
    pub command: CommandMark,
    /// What it recorded (serialized masked).
    #[serde(serialize_with = "masked_body")]
    pub body: Body,
}

/// Writes a body as JSON with identity numbers and phones masked.
fn masked_body<S: serde::Serializer>(body: &Body, s: S) -> Result<S::Ok, S::Error> {
    let value = serde_json::to_value(body).map_err(serde::ser::Error::custom)?;
    crate::record::masked_json(value).serialize(s)
}

impl TrailEntry {
    /// The module and kind of the event it recorded, as its record names them
    /// (`("grid", "HouseholdRegistered")`); `None` for a refusal.
    pub fn event_kind(&self) -> Option<(String, String)> {
        let Body::Event(e) = &self.body else {
            return None;
        };
        // The record writes an event as {"module":{"Kind":…}} (or {"module":"Kind"}).
        let v = serde_json::to_value(e).ok()?;
        let (module, inner) = v.as_object()?.iter().next()?;
        let kind = match inner {
            serde_json::Value::Object(m) => m.keys().next().cloned()?,
            serde_json::Value::String(s) => s.clone(),
            _ => return None,
        };
        Some((module.clone(), kind))
    }

    /// What the entry recorded, in words: `(English, Chinese)` (`("household registered",
    /// "登记户")`), or the refusal with its code.
    fn what(&self) -> (String, String) {
        match (&self.body, self.event_kind()) {
            (Body::Refused(r), _) => (
                format!("refused: {}", r.reason),
                format!("被拒绝（{}）", r.code),
            ),
            (Body::Event(_), Some((module, kind))) => {
                let (en, zh) = event_words(&module, &kind);
                let (module_en, module_zh) = module_words(&module);
                match (en, zh) {
                    (Some(en), Some(zh)) => {
                        (format!("{module_en}: {en}"), format!("{module_zh}·{zh}"))
                    }
                    _ => (
                        format!("{module_en}: {kind}"),
                        format!("{module_zh}·{kind}"),
                    ),
                }
            }
            (Body::Event(_), None) => ("event".to_owned(), "事件".to_owned()),
        }
    }

    /// The entry in Chinese (`#12 2020-01-24T09:00:00+08:00 由S1记录（命令#12）：网格·登记户`).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        format!(
            "#{} {} 由{}记录（命令#{}）：{}",
            self.seq,
            self.at,
            self.actor,
            self.command.first,
            self.what().1
        )
    }
}

/// The words for a module of the record (`"grid"` → grid, 网格).
fn module_words(module: &str) -> (&str, &'static str) {
    let zh = match module {
        "grid" => "网格",
        "screening" => "排查",
        "observation" => "居家观察",
        "report" => "日报",
        "gathering" => "聚集管控",
        "supervision" => "督查",
        "audit" => "审计",
        "publicity" => "宣传",
        "roster" => "值班",
        "disinfection" => "消杀",
        "supplies" => "物资",
        _ => "其他",
    };
    (module, zh)
}

/// The words for a kind of event, in English and Chinese; `None` for a kind not listed here
/// (rendered by its name).
fn event_words(module: &str, kind: &str) -> (Option<&'static str>, Option<&'static str>) {
    let (en, zh) = match (module, kind) {
        ("report", "ScheduleSet") => ("reporting schedule set", "设定日报日程"),
        ("disinfection", "ScheduleSet") => ("disinfection schedule set", "设定消杀计划"),
        ("publicity", "KindDefined") => ("kind of publicity defined", "定义宣传方式"),
        (_, kind) => match kind {
            // grid
            "TownshipFounded" => ("township founded", "乡镇建立"),
            "UnitEstablished" => ("unit established", "设立网格单位"),
            "GroupsZoned" => ("groups zoned", "划分片区"),
            "StaffEnrolled" => ("staff enrolled", "登记工作人员"),
            "StaffAssigned" => ("staff assigned", "分配工作人员"),
            "AssignmentEnded" => ("assignment ended", "结束分配"),
            "HouseholdRegistered" => ("household registered", "登记户"),
            "ResidentRegistered" => ("resident registered", "登记居民"),
            "ResidentCorrected" => ("resident corrected", "更正居民信息"),
            "HouseholdMoved" => ("household moved", "户迁移"),
            "ResidentMoved" => ("resident moved", "居民迁移"),
            "ResidentDeregistered" => ("resident deregistered", "注销居民"),
            "ContactRevealed" => ("contact revealed", "查看完整联系信息"),
            // screening
            "RiskRegisterChanged" => ("risk areas changed", "风险地区变更"),
            "ScreeningRuleAdopted" => ("screening rule adopted", "采用排查规则"),
            "ScreeningRoundOpened" => ("screening round opened", "开始排查轮次"),
            "ScreeningRoundClosed" => ("screening round closed", "结束排查轮次"),
            "HouseholdVisited" => ("household visited", "入户排查"),
            "InterviewRecorded" => ("interview recorded", "录入询问"),
            // observation
            "ProtocolAdopted" => ("observation protocol adopted", "采用观察方案"),
            "ObservationOpened" => ("observation opened", "开始居家观察"),
            "ObservationUpdated" => ("observation updated", "居家观察记录"),
            // report
            "ReportingUnitAdded" => ("reporting unit added", "添加报告单位"),
            "ReportSubmitted" => ("daily report submitted", "提交日报"),
            // gathering
            "GatheringKindDefined" => ("kind of gathering defined", "定义聚集类型"),
            "VenueKindDefined" => ("kind of venue defined", "定义场所类型"),
            "OrderIssued" => ("gathering order issued", "发布聚集管控令"),
            "OrderLifted" => ("gathering order lifted", "解除聚集管控令"),
            "GatheringReported" => ("planned gathering reported", "报告计划聚集"),
            "PersuasionRecorded" => ("persuasion recorded", "录入劝导"),
            "VenueRegistered" => ("venue registered", "登记场所"),
            "ClosureOrdered" => ("closure ordered", "责令关停"),
            "ReopeningOrdered" => ("reopening ordered", "准予恢复营业"),
            "ViolationRecorded" => ("violation recorded", "录入违规"),
            // supervision
            "InspectionRecorded" => ("inspection recorded", "录入督查"),
            "FindingRecorded" => ("finding recorded", "录入发现的问题"),
            "FindingRectified" => ("finding rectified", "问题整改"),
            "AccountabilityDecided" => ("accountability decided", "作出问责决定"),
            // audit
            "TrailExported" => ("trail exported", "导出轨迹"),
            "ListExported" => ("list exported", "导出名单"),
            // publicity
            "CampaignLaunched" => ("publicity campaign launched", "开始宣传活动"),
            "CampaignEnded" => ("publicity campaign ended", "结束宣传活动"),
            "ActionRecorded" => ("publicity recorded", "录入宣传"),
            // roster
            "PostKindDefined" => ("kind of post defined", "定义岗位类型"),
            "LeaveCancelled" => ("leave cancelled", "取消休假"),
            "LeaveCancellationLifted" => ("leave cancellation lifted", "恢复休假"),
            "LeaveExceptionGranted" => ("leave exception granted", "批准休假例外"),
            "LeaveRecorded" => ("leave recorded", "录入请假"),
            "PostEstablished" => ("post established", "设立岗位"),
            "ShiftScheduled" => ("shift scheduled", "排班"),
            "AssignedToShift" => ("assigned to a shift", "安排值班"),
            "RemovedFromShift" => ("removed from a shift", "撤出值班"),
            "VolunteerEnrolled" => ("volunteer enrolled", "登记志愿者"),
            "CheckedIn" => ("checked in", "签到"),
            "CheckedOut" => ("checked out", "签退"),
            // disinfection
            "SiteKindDefined" => ("kind of site defined", "定义点位类型"),
            "SiteRegistered" => ("site registered", "登记消杀点位"),
            "AssignedToSite" => ("assigned to a site", "指定点位负责人"),
            "SiteAssignmentEnded" => ("site assignment ended", "结束点位负责"),
            "ScheduleChanged" => ("schedule changed", "变更消杀计划"),
            "ScheduleLifted" => ("schedule lifted", "解除消杀计划"),
            "RoundRecorded" => ("round recorded", "录入消杀"),
            // supplies
            "ItemDefined" => ("item of supplies defined", "定义物资品类"),
            "StoreEstablished" => ("store established", "建立仓库"),
            "PurchaseReceived" => ("purchase received", "采购入库"),
            "DonationReceived" => ("donation received", "接收捐赠"),
            "Transferred" => ("stock transferred", "物资调拨"),
            "Issued" => ("supplies issued", "物资发放"),
            "AdjustedUp" => ("stock counted up", "盘盈"),
            "AdjustedDown" => ("stock counted down", "盘亏"),
            "DisposalRecorded" => ("disposal recorded", "录入废弃物处理"),
            "HandoutPolicySet" => ("hand-out policy set", "设定发放规则"),
            "DonorRevealed" => ("donor revealed", "查看捐赠人姓名"),
            _ => return (None, None),
        },
    };
    (Some(en), Some(zh))
}

impl fmt::Display for TrailEntry {
    /// `#12 2020-01-24T09:00:00+08:00 by S1 (command #12): grid: household registered`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "#{} {} by {} (command #{}): {}",
            self.seq,
            self.at,
            self.actor,
            self.command.first,
            self.what().0
        )
    }
}

/// The trail of one subject, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Trail {
    /// What it is about.
    pub subject: Subject,
    /// Its entries, oldest first.
    pub entries: Vec<TrailEntry>,
}

impl fmt::Display for Trail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "audit trail of {} ({} entries)",
            self.subject,
            self.entries.len()
        )?;
        for e in &self.entries {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

/// One exported entry: its record's exact bytes and the inclusion proof (包含证明) that ties
/// them to the export's tree head (树头). A third party checks it with nothing but SHA-256
/// (LEDGER.md, "A trail export").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProvedEntry {
    /// The record's exact bytes, unmasked (the subject's own data).
    pub record: String,
    /// The inclusion proof of the entry (leaf `seq − 1`) in the tree of the export's tree head:
    /// about log₂(n) hashes, no other person's data.
    pub proof: InclusionProof,
}

impl ProvedEntry {
    /// The entry's sequence number, as the proof states it (its leaf index plus one).
    pub fn seq(&self) -> u64 {
        self.proof.leaf_index.saturating_add(1)
    }

    /// Checks the record against its proof and `head` alone: the record's own sequence number
    /// is the proof's leaf index plus one, and its leaf hash,
    /// `SHA-256(0x00 ‖ SHA-256(record))`, leads by the proof's path to `head`'s root. This
    /// proves nothing by itself unless `head` is one the checker kept:
    /// [`TrailExport::check`] checks that too.
    ///
    /// # Errors
    /// [`ProofError::InclusionMismatch`] if the record is not a record or not the entry
    /// proved; as [`InclusionProof::verify`] otherwise.
    pub fn check(&self, head: &TreeHead) -> Result<(), Error> {
        let mismatch = || ProofError::InclusionMismatch {
            index: self.proof.leaf_index,
            size: self.proof.tree_size,
        };
        let seq = Record::parse(&self.record).map_err(|_| mismatch())?.seq;
        if seq != self.seq() || self.proof.leaf_index == u64::MAX {
            return Err(mismatch().into());
        }
        let leaf = MerkleTree::leaf_hash(Hash::of(self.record.as_bytes()).as_bytes());
        Ok(self.proof.verify(&leaf, head)?)
    }
}

/// An exported entry that the export's tree head does not cover yet: recorded after the head
/// of the last daily report (or of the head the caller named). It cannot be proved until a
/// later report carries a tree head that covers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PendingEntry {
    /// The entry's sequence number.
    pub seq: u64,
    /// The record's exact bytes, unmasked.
    pub record: String,
}

/// An exported trail: every entry with its inclusion proof to one tree head (树头) a daily
/// report carried (the latest report's, or one the caller named), and the entries after that
/// head, not yet provable (an unmasked export, recorded in the ledger). It holds at most
/// entries × (⌈log₂ n⌉ + 1) hashes besides its records. The format is in LEDGER.md ("A trail
/// export").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrailExport {
    /// What it is about.
    pub subject: Subject,
    /// The tree head every proof leads to: the latest report's (or the one named), or the
    /// empty tree's head when no report has carried one yet (then every entry is pending).
    pub tree_head: TreeHead,
    /// The entries the tree head covers, oldest first, each with its inclusion proof.
    pub entries: Vec<ProvedEntry>,
    /// The entries after the tree head, oldest first: not yet provable.
    #[serde(default)]
    pub pending: Vec<PendingEntry>,
}

/// What [`TrailExport::check`] found: the entries proved to a kept tree head, and those not yet
/// provable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TrailCheck {
    /// The sequence numbers of the entries proved to a tree head the checker kept.
    pub proved: Vec<u64>,
    /// The sequence numbers of the entries listed as after the export's tree head: not
    /// proved. Ask for the export again once a later report's tree head is kept.
    pub pending: Vec<u64>,
}

/// The empty tree's head: size 0, root SHA-256 of no bytes.
fn empty_tree_head() -> TreeHead {
    TreeHead {
        size: 0,
        root: Hash::of(b""),
    }
}

impl TrailExport {
    /// The number of hashes the export holds besides its records: its tree head's root and
    /// every proof's path.
    pub fn hash_count(&self) -> usize {
        1 + self
            .entries
            .iter()
            .map(|e| e.proof.path.len())
            .sum::<usize>()
    }

    /// Checks that the export's tree head is one of `kept`, the tree heads the checker kept
    /// from the daily reports (as [`Registry::report_tree_heads`] gives them, or as received
    /// from each report), **and** every entry against its inclusion proof to that head.
    /// Entries listed as pending are returned unproved, never counted as proved.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// use fangkong::audit::Subject;
    /// use fangkong::report::{ReportCommand, Schedule};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let v = reg.establish_unit(s1, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let g = reg.establish_group(s1, t, v, 1, "Qianjin group 1")?;
    /// let h = reg.register_household(s1, t, g, "Qianjin 1-01")?;
    /// let day = "2020-01-24".parse()?;
    /// reg.execute(s1, t, ReportCommand::SetSchedule { schedule: Schedule::new(day) })?;
    /// reg.submit_report(s1, "2020-01-24T20:00:00+08:00".parse()?, reg.township(), day, "")?;
    /// // The county keeps the report's tree head.
    /// let kept = reg.report_tree_heads();
    /// let at = "2020-01-25T09:00:00+08:00".parse()?;
    /// reg.register_household(s1, at, g, "Qianjin 1-02")?; // not about household h
    /// let export = reg.export_trail(s1, at, Subject::Household(h), &[])?;
    /// let checked = export.check(&kept)?;
    /// assert_eq!(checked.proved.len(), 1);
    /// assert!(checked.pending.is_empty());
    /// // A tree head the export states itself proves nothing.
    /// assert!(export.check(&[]).is_err());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// The export's `subject` is what the exporter says: the check proves that each record is
    /// in the ledger, not that it concerns the subject (read the records for that).
    ///
    /// # Errors
    /// [`ProofError::UnkeptTreeHead`] if an entry is listed as proved and the export's tree
    /// head is not in `kept`; as [`ProvedEntry::check`] for the first entry that does not hold
    /// against its proof; [`LedgerError::PendingEntryCovered`] for an entry listed as pending that
    /// the export's tree head covers (or, when that head is not kept, a kept head covers), or
    /// that is listed twice or also as proved; [`LedgerError::LedgerUnreadable`] for a pending entry
    /// whose record cannot be read or whose sequence number is not the one listed.
    pub fn check(&self, kept: &[TreeHead]) -> Result<TrailCheck, Error> {
        let head = self.tree_head;
        let head_kept = kept.contains(&head);
        if !self.entries.is_empty() && !head_kept {
            return Err(ProofError::UnkeptTreeHead {
                size: head.size,
                root: head.root,
            }
            .into());
        }
        let mut proved = Vec::with_capacity(self.entries.len());
        for e in &self.entries {
            e.check(&head)?;
            proved.push(e.seq());
        }
        // A pending entry is one the export's head does not cover (nor, when that head is not
        // kept, any kept head): after it, and listed once.
        let last_kept = if head_kept {
            head.size
        } else {
            kept.iter()
                .map(|h| h.size)
                .max()
                .unwrap_or(0)
                .max(head.size)
        };
        let mut pending = Vec::with_capacity(self.pending.len());
        for (i, p) in self.pending.iter().enumerate() {
            if p.seq <= last_kept || proved.contains(&p.seq) || pending.contains(&p.seq) {
                return Err(Error::Ledger(LedgerError::PendingEntryCovered {
                    seq: p.seq,
                    last_kept,
                }));
            }
            let record = Record::parse(&p.record).map_err(|_| {
                Error::Ledger(LedgerError::LedgerUnreadable {
                    line: i + 1,
                    reason: "a pending entry of the export is not a record".to_owned(),
                })
            })?;
            if record.seq != p.seq {
                return Err(Error::Ledger(LedgerError::LedgerUnreadable {
                    line: i + 1,
                    reason: format!(
                        "a pending entry of the export is listed as entry {} but its record is entry {}",
                        p.seq, record.seq
                    ),
                }));
            }
            pending.push(p.seq);
        }
        Ok(TrailCheck { proved, pending })
    }
}

/// # The audit trail (审计轨迹)
///
/// A subject's entries, and exports proved to a kept tree head.
impl Registry {
    /// The audit trail of a resident, household, observation, venue or member of staff: every
    /// entry that names it (for a resident, also those of their interviews and observations;
    /// for a member of staff, also those they recorded), refused attempts included, oldest
    /// first, each with who, when and the command it belonged to. An unrecorded read: its
    /// serde form is masked ([`TrailEntry`]).
    ///
    /// The registry keeps an index, so a trail costs the entries it returns. After
    /// [`drain_ledger`](Registry::drain_ledger), hand in the ledger parts stored since (any
    /// order); the library reads nothing itself.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// use fangkong::audit::Subject;
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let v = reg.establish_unit(s1, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let g = reg.establish_group(s1, t, v, 1, "Qianjin group 1")?;
    /// let h = reg.register_household(s1, t, g, "Qianjin 1-01")?;
    /// let trail = reg.trail(Subject::Household(h), &[])?;
    /// assert_eq!(trail.entries.len(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`LedgerError::EntryNotHeld`] if an entry of the trail is neither in the registry's ledger
    /// nor in the parts given; [`LedgerError::RecordRedacted`] or [`LedgerError::LedgerUnreadable`] if it
    /// cannot be read.
    pub fn trail(&self, subject: Subject, parts: &[&Ledger]) -> Result<Trail, Error> {
        let mut entries = Vec::new();
        for seq in self.trail_index.seqs(&subject) {
            let entry = self.held_entry(parts, seq)?;
            let record = Record::of(entry)?;
            entries.push(TrailEntry {
                seq,
                at: record.at,
                actor: record.actor,
                command: record.command,
                body: record.body,
            });
        }
        Ok(Trail { subject, entries })
    }

    /// Exports the audit trail of `subject`: each entry's record, unmasked, with its inclusion
    /// proof (包含证明) to the tree head (树头) the latest daily report carried
    /// ([`report_tree_heads`](Registry::report_tree_heads); hashes only: no other person's
    /// data), and the entries after that head listed as pending, not yet provable. Taking a
    /// person's data out unmasked is recorded in the ledger ([`AuditCommand::ExportTrail`]):
    /// leaders and inspectors only. The export is recorded only once it is made: an export
    /// that fails (an entry redacted, a part not handed in) records nothing.
    ///
    /// A third party checks it with [`TrailExport::check`] against the tree heads it kept from
    /// the reports; with nothing but SHA-256 (LEDGER.md).
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// use fangkong::audit::Subject;
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let v = reg.establish_unit(s1, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let g = reg.establish_group(s1, t, v, 1, "Qianjin group 1")?;
    /// let h = reg.register_household(s1, t, g, "Qianjin 1-01")?;
    /// let registered = reg.ledger().head().seq;
    /// // No report has carried a tree head yet: the entry is pending.
    /// let export = reg.export_trail(s1, t, Subject::Household(h), &[])?;
    /// assert!(export.entries.is_empty());
    /// assert_eq!(export.check(&reg.report_tree_heads())?.pending, vec![registered]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) for the export command (a role that may not take
    /// personal data out: recorded as a refusal), and as [`trail`](Registry::trail) (recorded
    /// as nothing).
    pub fn export_trail(
        &mut self,
        actor: StaffId,
        at: Instant,
        subject: Subject,
        parts: &[&Ledger],
    ) -> Result<TrailExport, Error> {
        self.export_trail_with(actor, at, subject, parts, None)
    }

    /// Exports the audit trail of `subject` as [`export_trail`](Registry::export_trail) does,
    /// with every inclusion proof to `head`, a tree head the checker names (one it kept from an
    /// earlier report, say); entries after it are pending.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::audit::Subject;
    /// use fangkong::report::{ReportCommand, Schedule};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let s1 = reg.staff_ids().next().unwrap();
    /// let day = "2020-01-24".parse()?;
    /// reg.execute(s1, t, ReportCommand::SetSchedule { schedule: Schedule::new(day) })?;
    /// reg.submit_report(s1, "2020-01-24T20:00:00+08:00".parse()?, reg.township(), day, "")?;
    /// let older = reg.report_tree_heads()[0];
    /// let later = "2020-01-25T20:00:00+08:00".parse()?;
    /// reg.submit_report(s1, later, reg.township(), "2020-01-25".parse()?, "")?;
    /// // Proved to the older tree head the checker names: the later report is pending.
    /// let export = reg.export_trail_to(s1, later, Subject::Staff(s1), &[], older)?;
    /// assert_eq!(export.tree_head, older);
    /// let checked = export.check(&reg.report_tree_heads())?;
    /// assert_eq!(checked.proved.len() as u64, older.size);
    /// assert_eq!(checked.pending.len(), 2); // both reports' own entries
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`export_trail`](Registry::export_trail), and (recorded as nothing)
    /// [`ProofError::SizeNotHeld`] for a head larger than the ledger or
    /// [`ProofError::ConsistencyMismatch`] for a head the ledger never had.
    pub fn export_trail_to(
        &mut self,
        actor: StaffId,
        at: Instant,
        subject: Subject,
        parts: &[&Ledger],
        head: TreeHead,
    ) -> Result<TrailExport, Error> {
        self.export_trail_with(actor, at, subject, parts, Some(head))
    }

    fn export_trail_with(
        &mut self,
        actor: StaffId,
        at: Instant,
        subject: Subject,
        parts: &[&Ledger],
        head: Option<TreeHead>,
    ) -> Result<TrailExport, Error> {
        let command: Command = AuditCommand::ExportTrail { subject }.into();
        // Authorized first, as `execute` decides it: a refusal is recorded.
        if let Err(err) = self.decide_now(actor, at, &command) {
            return Err(self.refuse(actor, at, &command, err));
        }
        // Made before it is recorded: an export that fails records nothing.
        let export = self.make_trail_export(subject, parts, head)?;
        self.execute(actor, at, command)?;
        Ok(export)
    }

    /// The export of `subject`'s trail to `head` (the latest report's tree head if `None`),
    /// read from the ledger and the parts given.
    fn make_trail_export(
        &self,
        subject: Subject,
        parts: &[&Ledger],
        head: Option<TreeHead>,
    ) -> Result<TrailExport, Error> {
        let head = match head {
            Some(named) => {
                if self.tree.head_at(named.size)? != named {
                    return Err(ProofError::ConsistencyMismatch {
                        first: named.size,
                        second: self.tree.size(),
                    }
                    .into());
                }
                named
            }
            None => self
                .report_tree_heads()
                .last()
                .copied()
                .unwrap_or_else(empty_tree_head),
        };
        let mut entries = Vec::new();
        let mut pending = Vec::new();
        for seq in self.trail_index.seqs(&subject) {
            let entry = self.held_entry(parts, seq)?;
            let record = entry
                .record_bytes()
                .ok_or(Error::Ledger(LedgerError::RecordRedacted {
                    seq,
                    what: "exported",
                }))?
                .to_owned();
            if seq > head.size {
                pending.push(PendingEntry { seq, record });
                continue;
            }
            entries.push(ProvedEntry {
                record,
                proof: self.tree.inclusion_proof(seq - 1, head.size)?,
            });
        }
        Ok(TrailExport {
            subject,
            tree_head: head,
            entries,
            pending,
        })
    }

    /// The entry `seq`, from the registry's ledger or one of the parts given.
    fn held_entry<'a>(&'a self, parts: &[&'a Ledger], seq: u64) -> Result<&'a Entry, Error> {
        self.ledger
            .entry(seq)
            .or_else(|| parts.iter().find_map(|p| p.entry(seq)))
            .ok_or(Error::Ledger(LedgerError::EntryNotHeld {
                seq,
                first: self.ledger.base().seq.saturating_add(1),
                last: self.ledger.head().seq,
            }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Day;
    use crate::grid::{Duty, Role, UnitKind};
    use crate::household::{Relation, ResidentDetails};
    use crate::identity::Sex;
    use crate::ids::UnitId;

    fn by_type(event: &Event) -> Vec<Subject> {
        let mut out = Vec::new();
        subjects_of_event(&State::default(), event, &mut out);
        out.sort_unstable();
        out
    }

    fn by_value(event: &Event) -> Vec<Subject> {
        let mut out = Vec::new();
        subjects_of_value(&serde_json::to_value(event).expect("serializes"), &mut out);
        out.sort_unstable();
        out
    }

    #[cfg(feature = "synth")]
    #[test]
    fn a_township_numbers_its_subjects_so_that_none_is_kept_aside() {
        // Given a whole township loaded, then every subject's entries are in its table: the
        // numbers are issued one after another, as the index expects.
        let town = crate::synth::build(&crate::synth::TownshipSpec::huochezhan()).expect("builds");
        assert_eq!(town.registry.trail_index.kept_aside(), 0);
        assert!(
            town.registry
                .trail_index
                .count(&Subject::Staff(StaffId::new(1)))
                > 0
        );
    }

    #[test]
    fn the_load_events_matched_by_type_name_what_their_fields_name() {
        // Given the events of loading a grid, when their subjects are taken by type,
        // then they are the subjects read from their fields' names.
        let day: Day = "1980-05-01".parse().expect("a day");
        let mut details = ResidentDetails::new("张三", Sex::Male, day, Relation::Head);
        details.phone = Some("13800138000".parse().expect("a phone"));
        let events: Vec<Event> = vec![
            GridEvent::ResidentRegistered {
                resident: ResidentId::new(7),
                household: HouseholdId::new(3),
                details,
            }
            .into(),
            GridEvent::HouseholdRegistered {
                household: HouseholdId::new(3),
                group: UnitId::new(12),
                address: "前进村1组3号".to_owned(),
            }
            .into(),
            GridEvent::StaffEnrolled {
                staff: StaffId::new(9),
                name: "王网格员".to_owned(),
                role: Role::GridWorker,
                phone: None,
            }
            .into(),
            GridEvent::StaffAssigned {
                staff: StaffId::new(9),
                unit: UnitId::new(12),
                duty: Duty::ZoneAndGroups,
            }
            .into(),
            GridEvent::AssignmentEnded {
                staff: StaffId::new(9),
                unit: UnitId::new(12),
            }
            .into(),
            GridEvent::UnitEstablished {
                unit: UnitId::new(12),
                kind: UnitKind::Group,
                name: "1组".to_owned(),
                parent: UnitId::new(2),
                code: None,
                number: Some(1),
            }
            .into(),
            GridEvent::GroupsZoned {
                zone: UnitId::new(20),
                groups: vec![UnitId::new(12)],
            }
            .into(),
        ];
        for event in &events {
            assert_eq!(by_type(event), by_value(event), "{event:?}");
        }
        assert_eq!(
            by_type(&events[0]),
            vec![
                Subject::Household(HouseholdId::new(3)),
                Subject::Resident(ResidentId::new(7))
            ]
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
    }
}
