//! The registry (登记册): the one aggregate root through which every change passes, and the
//! rows its lists, trails and checks return.
//!
//! [`Registry`] (also at the crate root) takes every command, decides it, records it in its
//! ledger and replays from one. This module also holds what its calls return that belongs to
//! no single concern: the work lists' rows ([`WorkList`], [`AlertRow`], [`ReleaseReviewRow`],
//! [`FollowUpRow`], [`NonReportingRow`], …), the audit trail ([`Trail`], [`TrailExport`],
//! [`TrailCheck`]), a county's check of kept heads ([`Extension`]), OxCGRT's indicators of a
//! unit ([`OxcgrtIndicators`]) and publicity's coverage ([`PublicityCoverage`]). Its page
//! lists its methods by concern, one section each.

use std::collections::{BTreeMap, BTreeSet};

use crate::calendar::{Day, Instant, UtcOffset};
use crate::disinfection::{self, DisinfectionState};
use crate::error::Error;
use crate::event::{Command, Event};
use crate::gathering::{self, GatheringState};
use crate::grid::context::{Context, EntryMeta, roles_text};
use crate::grid::{
    self, Action, Assignment, Duty, GridCommand, GridGuards, GridState, Role, Staff, Unit, UnitKind,
};
use crate::hash::{Head, TreeHead};
use crate::household::{Household, Resident, ResidentDetails};
use crate::identity::{IdentityNumber, Phone};
use crate::ids::{HouseholdId, ObservationId, ResidentId, StaffId, UnitId};
use crate::ledger::merkle::MerkleTree;
use crate::ledger::{Ledger, SCHEMA_VERSION};
use crate::mask::mask_personal_data;
use crate::observation::{self, ObservationState};
use crate::place::StatisticalCode;
use crate::publicity::{self, PublicityState};
use crate::record::{Body, CommandMark, Record, Refusal, masked_json};
use crate::report::{self, ReportState};
use crate::roster::{self, RosterState};
use crate::screening::{self, ScreeningState};
use crate::supervision::{self, SupervisionState};
use crate::supplies::{self, SuppliesState};

// The submodules in the order their `impl Registry` sections appear on the rendered page
// (rustdoc walks them in declaration order): the registry itself and the grid first, then
// each concern's calls beside its queries, then exports, the trail, replay and memory. One
// declaration per line, each after a comment, so that rustfmt keeps the order. A new module's
// calls and queries go after the module they follow in the crate docs' table.
//
// The registry itself: founding, executing, the ledger, the grid.
mod base;
// The grid's typed calls.
mod grid_calls;
// Batches.
mod batch;
// Screening.
mod screening_calls;
// Screening's queries.
mod screening_queries;
// Observation.
mod observation_calls;
// Observation's queries.
mod observation_queries;
// Work lists.
mod lists;
// Daily reports.
mod report_calls;
// Daily reports' queries.
mod report_queries;
// Daily figures.
mod figures;
// Gathering bans.
mod gathering_calls;
// Gathering bans' queries.
mod gathering_queries;
// Publicity.
mod publicity_calls;
// Publicity's queries.
mod publicity_queries;
// Duty rosters.
mod roster_queries;
// Disinfection.
mod disinfection_queries;
// Supplies.
mod supplies_calls;
// Supplies' queries.
mod supplies_queries;
// Supervision.
mod supervision_calls;
// Supervision's queries.
mod supervision_queries;
// Exports of personal data.
mod exports;
// The audit trail.
mod trail;
// Kept heads a county checks.
mod county;
// Replay.
mod replay;
// Memory: the registry's parts, for the memory bench (issue 14).
#[cfg(feature = "synth")]
mod memory;
// Helpers without a section: receipts and the trail's index.
mod receipt;
// The trail's index.
mod trail_index;

pub use batch::{BatchCommand, BatchItem, Ref};
pub use county::Extension;
pub use lists::{
    AlertRow, CheckRow, FollowUpRow, Home, NonReportingRow, Person, ReleaseReviewRow, VisitRow,
    WorkList, Worker,
};
#[cfg(feature = "synth")]
pub use memory::Part;
pub use observation_queries::WorkerNonReporting;
pub use publicity_queries::{OxcgrtIndicators, PublicityCoverage, UnreachedGroup};
pub use receipt::{Created, CreatedId, Receipt};
use receipt::{created, created_by};
pub use screening_calls::InterviewReceipt;
pub use trail::{PendingEntry, ProvedEntry, Trail, TrailCheck, TrailEntry, TrailExport};

/// What founds a registry: the township and its first leader.
///
/// ```
/// use fangkong::{Founding, Registry};
/// let founding = Founding::new("Huochezhan Township (火车站乡)", "Secretary Liu");
/// let registry = Registry::found(founding, "2020-01-23T15:00:00+08:00".parse()?);
/// assert_eq!(registry.ledger().len(), 3);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Founding {
    /// The township's name.
    pub name: String,
    /// Its 12-digit statistical code (village digits 000), if known.
    pub code: Option<StatisticalCode>,
    /// Its local time, in which days are counted ([`UtcOffset::CHINA`] by default).
    pub offset: UtcOffset,
    /// The first leader's name (the head of the leading group, 领导小组组长).
    pub leader: String,
    /// The first leader's phone.
    pub leader_phone: Option<Phone>,
}

impl Founding {
    /// A founding with a township name and its first leader, in China's local time.
    pub fn new(name: impl Into<String>, leader: impl Into<String>) -> Founding {
        Founding {
            name: name.into(),
            code: None,
            offset: UtcOffset::CHINA,
            leader: leader.into(),
            leader_phone: None,
        }
    }

    /// The same founding with a statistical code.
    pub fn with_code(mut self, code: StatisticalCode) -> Founding {
        self.code = Some(code);
        self
    }

    /// The same founding with another local time.
    pub fn with_offset(mut self, offset: UtcOffset) -> Founding {
        self.offset = offset;
        self
    }
}

/// Someone who answers for a unit: a member of staff and the assignment that makes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Responsibility {
    /// The member of staff.
    pub staff: StaffId,
    /// Their role.
    pub role: Role,
    /// The assignment (to the unit itself or to a unit above it).
    pub assignment: Assignment,
}

/// Counts for one village or community.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnitSummary {
    /// The village or community.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: UnitKind,
    /// Its groups.
    pub groups: usize,
    /// Its households.
    pub households: usize,
    /// Its registered residents (not deregistered).
    pub residents: usize,
    /// Staff assigned to it or to units within it.
    pub staff: usize,
}

/// The domain state built by applying events: each module's own. Compared, cloned and
/// rebuilt by replay.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct State {
    grid: GridState,
    screening: ScreeningState,
    observation: ObservationState,
    report: ReportState,
    gathering: GatheringState,
    supervision: SupervisionState,
    publicity: PublicityState,
    roster: RosterState,
    disinfection: DisinfectionState,
    supplies: SuppliesState,
}

/// The registry (登记册): the grid, its staff, households and residents, and the ledger of
/// every change.
///
/// Every change goes through [`execute`](Registry::execute) (or one of its typed shortcuts):
/// the command names who (a [`StaffId`]) and when (an [`Instant`]); it is authorized against the
/// actor's role and assigned units, validated against the current state, and either refused —
/// the refusal is written to the ledger, the domain state is untouched, and the error says what
/// was wrong — or turned into [`Event`]s that are written to the ledger and applied.
///
/// [`replay`](Registry::replay) rebuilds an equal registry from its ledger.
///
/// Most examples of its methods start from [`synth::doc_fixture`](crate::synth::doc_fixture)
/// (the `synth` feature), which builds in nine ledger entries a township founded on 2020-01-24
/// at 09:00 (`t`, local day `day`) whose leader is `leader`; the village `qianjin` and its
/// `group_1`; the grid worker `li` over the group; a household `home` and its head `wang`
/// (Wang Fang, with identity number and phone). An example takes the names it needs from the
/// returned [`DocTownship`](crate::synth::DocTownship) and shows everything else it sets up —
/// a health worker, an observation, a rule and a round, an order, a store, a post — with the
/// typed calls. The example below starts from nothing.
///
/// ```
/// use fangkong::{Founding, Registry, UnitKind};
/// let t0: fangkong::Instant = "2020-01-23T15:00:00+08:00".parse()?;
/// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t0);
/// let leader = reg.staff_ids().next().unwrap();
/// let qianjin = reg.establish_unit(leader, t0, UnitKind::Village, "Qianjin", reg.township(), None)?;
/// let group1 = reg.establish_group(leader, t0, qianjin, 1, "Qianjin group 1")?;
/// let home = reg.register_household(leader, t0, group1, "Qianjin 1-01")?;
/// assert_eq!(reg.households_in(qianjin), vec![home]);
///
/// let again = Registry::replay(reg.ledger())?;
/// assert_eq!(again, reg);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registry {
    state: State,
    ledger: Ledger,
    /// The instant of the last entry recorded (kept after a drain).
    last_at: Option<Instant>,
    /// The ledger's head at the end of each local day on which something was recorded.
    heads: BTreeMap<Day, Head>,
    /// Which entries concern which subject (the audit trail's index).
    trail_index: trail_index::TrailIndex,
    /// The Merkle tree (默克尔树) over every entry ever recorded (drained ones too), kept as
    /// entries are appended and rebuilt by replay.
    tree: MerkleTree,
}

/// What a decision reads beside the state: the ledger side of the registry.
struct Books<'a> {
    /// The audit trail's index (which entries concern which subject).
    trail: &'a trail_index::TrailIndex,
    /// The ledger's head at the end of each day on which something was recorded.
    heads: &'a BTreeMap<Day, Head>,
    /// The ledger's head now: just before the command's own entries.
    head: Head,
    /// The Merkle tree of the entries so far.
    tree: &'a MerkleTree,
}

impl Books<'_> {
    /// The head a report of `day` carries when submitted on `today`: the head just before the
    /// report's own entry for today (or a later day), that day's last head for a past day (the
    /// empty ledger's head if nothing was recorded by then).
    fn head_of(&self, day: Day, today: Day) -> Head {
        if day >= today {
            return self.head;
        }
        self.heads
            .range(..=day)
            .next_back()
            .map(|(_, h)| *h)
            .unwrap_or(Head {
                seq: 0,
                hash: crate::hash::Hash::GENESIS,
            })
    }
}

impl Books<'_> {
    /// The tree head at a head of the ledger: the tree of its first `head.seq` entries.
    fn tree_head_of(&self, head: Head) -> TreeHead {
        self.tree
            .head_at(head.seq)
            .unwrap_or_else(|_| self.tree.head())
    }
}

fn wrap<E: Into<Event>>(events: Vec<E>) -> Vec<Event> {
    events.into_iter().map(Into::into).collect()
}

impl State {
    /// Folds one event in: routed to the module that owns it.
    /// The event is taken: the grid, screening and publicity keep its details without cloning
    /// them (issue 14); the other modules read it.
    fn apply(&mut self, event: Event, meta: &EntryMeta) {
        match event {
            Event::Grid(e) => self.grid.apply(e, meta),
            Event::Screening(e) => self.screening.apply(e, meta),
            Event::Observation(e) => self.observation.apply(&e),
            Event::Report(e) => self.report.apply(&e, meta),
            Event::Gathering(e) => self.gathering.apply(&e, meta),
            Event::Supervision(e) => self.supervision.apply(&e, meta),
            Event::Audit(e) => crate::audit::apply(&e, meta),
            Event::Publicity(e) => self.publicity.apply(e, meta),
            Event::Roster(e) => self.roster.apply(&e, meta),
            Event::Disinfection(e) => self.disinfection.apply(&e, meta),
            Event::Supplies(e) => self.supplies.apply(&e, meta),
        }
    }

    /// The unit an audit trail's subject belongs to: a resident's or household's group, an
    /// observed resident's group, a venue's unit; `None` for a member of staff (staff are the
    /// township's) or a subject the registry does not hold.
    fn subject_unit(&self, subject: &crate::audit::Subject) -> Option<UnitId> {
        use crate::audit::Subject;
        let of_household = |h: HouseholdId| self.grid.households.get(&h).map(|h| h.group);
        let of_resident = |r: ResidentId| {
            self.grid
                .residents
                .get(&r)
                .and_then(|r| of_household(r.household))
        };
        match subject {
            Subject::Resident(r) => of_resident(*r),
            Subject::Household(h) => of_household(*h),
            Subject::Observation(o) => self
                .observation
                .observations
                .get(o)
                .and_then(|o| of_resident(o.resident)),
            Subject::Venue(v) => self.gathering.venue(*v).map(|v| v.unit),
            Subject::Staff(_) => None,
            Subject::Post(p) => self.roster.post(*p).map(|p| p.unit),
            Subject::Shift(sh) => self
                .roster
                .shift(*sh)
                .and_then(|sh| self.roster.post(sh.post))
                .map(|p| p.unit),
            Subject::Site(site) => self.disinfection.site(*site).map(|s| s.unit),
            Subject::DisinfectionSchedule(id) => self
                .disinfection
                .schedule(*id)
                .and_then(|sch| self.disinfection.site(sch.site))
                .map(|s| s.unit),
            Subject::DisinfectionRound(id) => self
                .disinfection
                .round(*id)
                .and_then(|r| self.disinfection.site(r.site))
                .map(|s| s.unit),
            Subject::Store(st) => self.supplies.store(*st).map(|st| st.unit),
            Subject::Lot(l) => self
                .supplies
                .lot(*l)
                .and_then(|l| self.supplies.store(l.store))
                .map(|st| st.unit),
            Subject::Donation(d) => self.supplies.donation(*d).map(|d| d.receiver),
        }
    }

    /// The actor, if enrolled and their role may take `action`.
    fn authorize(&self, actor: StaffId, action: Action) -> Result<&Staff, Error> {
        let who = self
            .grid
            .staff
            .get(&actor)
            .ok_or(Error::UnknownStaff { staff: actor })?;
        if !who.role.may(action) {
            return Err(Error::RoleNotPermitted {
                actor: who.label(),
                action: action.label_en(),
                allowed: roles_text(action.roles()),
            });
        }
        Ok(who)
    }

    /// Authorizes a command (the actor is enrolled and their role may take its action) and
    /// routes it to the module that owns it, which checks the rest and returns its events.
    ///
    /// `books` holds what the ledger side knows: the audit trail's index (which an export of a
    /// trail counts) and the heads (which a daily report carries).
    fn decide(
        &self,
        actor: StaffId,
        at: Instant,
        command: &Command,
        books: &Books<'_>,
    ) -> Result<Vec<Event>, Error> {
        let s = self;
        let who = self.authorize(actor, command.action())?;
        let ctx = Context {
            actor: who,
            at,
            today: at.day_in(s.grid.offset),
            offset: s.grid.offset,
            grid: &s.grid,
        };
        Ok(match command {
            Command::Grid(c) => wrap(grid::decide(&s.grid, &ctx, s, c)?),
            Command::Screening(c) => {
                let (own, follow) = screening::decide(&s.screening, &ctx, &s.observation, c)?;
                let mut events = wrap(own);
                events.extend(wrap(follow));
                events
            }
            Command::Observation(c) => {
                let mut events = wrap(observation::decide(&s.observation, &ctx, c)?);
                // A hand-out draws from a store: both modules' events in one command.
                events.extend(wrap(supplies_queries::handout_draw(s, &ctx, c)?));
                events
            }
            Command::Report(c) => {
                let today = ctx.today;
                let held = |unit: UnitId, day: Day| {
                    let head = books.head_of(day, today);
                    (s.figures_of(unit, day), head, books.tree_head_of(head))
                };
                wrap(report::decide(&s.report, &ctx, c, &held)?)
            }
            Command::Gathering(c) => wrap(gathering::decide(&s.gathering, &ctx, c)?),
            Command::Publicity(c) => wrap(publicity::decide(&s.publicity, &ctx, c)?),
            Command::Supervision(c) => {
                // An inspection of a post: the post exists and lies in the unit named.
                roster_queries::check_post_target(&s.roster, &s.grid, c)?;
                wrap(supervision::decide(&s.supervision, &ctx, c)?)
            }
            Command::Roster(c) => wrap(roster::decide(&s.roster, &ctx, c)?),
            Command::Disinfection(c) => wrap(disinfection::decide(&s.disinfection, &ctx, c)?),
            Command::Supplies(c) => {
                // An issue to a disinfection site: the site exists (composed here, so that
                // supplies does not import disinfection).
                if let supplies::SuppliesCommand::Issue { lines, .. } = c {
                    for l in lines {
                        if let supplies::Recipient::DisinfectionSite { site } = l.to
                            && s.disinfection.site(site).is_none()
                        {
                            return Err(crate::disinfection::DisinfectionError::UnknownSite {
                                site,
                            }
                            .into());
                        }
                    }
                }
                wrap(supplies::decide(&s.supplies, &ctx, c)?)
            }
            Command::Audit(c) => {
                let (count, unit) = match c {
                    crate::audit::AuditCommand::ExportTrail { subject } => (
                        books.trail.count(subject) as u64,
                        self.subject_unit(subject),
                    ),
                    crate::audit::AuditCommand::ExportList { list } => {
                        (self.list_rows(*list), None)
                    }
                };
                wrap(crate::audit::decide(&ctx, c, count, unit)?)
            }
        })
    }
}

impl GridGuards for State {
    fn open_observation(&self, resident: ResidentId, day: Day) -> Option<ObservationId> {
        self.observation.open_observation(resident, day)
    }
}
