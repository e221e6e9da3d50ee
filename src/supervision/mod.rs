//! Supervision and accountability (督查问责).
//!
//! The township's supervision group, led by the discipline commission (乡纪委), makes open and
//! covert visits (明察暗访) and holds people to account (DOMAIN.md §6):
//!
//! - **Inspections** ([`Inspection`]): by an inspector ([`Role::Inspector`](crate::Role)),
//!   [open or covert](InspectionMode), of a unit, a venue or a staff member
//!   ([`InspectionTarget`]), at an instant, with a checklist of [`ItemCheck`]s over the seven
//!   [preset items](ChecklistItem::PRESETS) or items of the inspectors' own. Each item passed
//!   or failed, with a finding text and an evidence reference.
//! - **Evidence** ([`Evidence`]): for each item the library may propose what its own records
//!   show ([`RecordShows`]: missed checks, unscreened households, a venue open under closure, a
//!   daily report not submitted); the inspector confirms or contradicts it ([`Verdict`]) and
//!   both are kept in the inspection ([`EvidenceReview`]). A confirmation must agree with the
//!   item's outcome; a contradiction says what was seen.
//! - **Findings** ([`Finding`]): from a failed item or stand-alone, naming the staff member
//!   responsible and a rectification deadline (a day, not before the finding's day).
//!   Rectification is recorded once, with a note, by the staff member responsible or by a
//!   leader of the finding's unit. A finding is **overdue from the day after its deadline until the day it is
//!   rectified** ([`Finding::is_overdue_on`]).
//! - **Accountability decisions** ([`Decision`]): recorded by a leader
//!   ([`Role::Leader`](crate::Role)) of every unit it concerns with the day made, resting on one or more findings, on an
//!   organisation ([`OrganisationForm`]) or a cadre ([`CadreForm`]). Counts
//!   ([`AccountabilityCounts`]) keep admonition (诫勉) apart from organisational handling
//!   (组织处理) and count both decisions and people: three decisions on one person are one
//!   person.
//!
//! # Choices made here
//! - **Who may rectify.** The staff member responsible, or a leader of the finding's unit:
//!   one assigned to it or to a unit above it (the one reach rule, DOMAIN.md §1), so a leader
//!   linked to Qianjin records Qianjin's rectifications and the township's leader any. A
//!   volunteer responsible for a finding (volunteers record nothing) has a leader record it.
//! - **Who may decide.** A leader whose reach covers the unit of every finding the decision
//!   rests on, and the organisation held accountable: a decision on a township-level finding
//!   takes a leader assigned to the township.
//! - **Days.** An inspection's day is the local day of its instant; a finding's day and a
//!   rectification's day are the local days they are recorded; a decision carries the day it
//!   was made, not after the day it is recorded nor before any of its findings.
//! - **Venues** are named by [`VenueId`](crate::gathering::VenueId) and not checked until the gatherings
//!   module owns them. A venue or staff member is inspected *in* a unit, named by the
//!   inspector, so every inspection and finding counts under a unit.
//! - **Government sanctions** (政务处分) are for staff outside the party; the library does not
//!   know who is a party member, so it does not check.
//!
//! ```
//! use fangkong::supervision::{CadreForm, ChecklistItem, FormCategory, ProbationMonths};
//! assert_eq!(ChecklistItem::PRESETS.len(), 7);
//! assert!(ProbationMonths::new(25).is_err());
//! let f: CadreForm = "口头诫勉".parse()?;
//! assert_eq!(f.category(), FormCategory::Admonition); // not organisational handling
//! # Ok::<(), fangkong::Error>(())
//! ```

mod accountability;
pub(crate) mod check;
mod error;
mod finding;
mod inspection;
mod labels;

use crate::grid::GridError;
use crate::value_error::{ValueError, add_counts};
use std::collections::BTreeMap;
use std::ops::Add;

use serde::{Deserialize, Serialize};

pub use crate::ids::{AccountabilityId, FindingId, InspectionId};
pub use accountability::{
    AccountabilityCounts, Accountable, AccountableRef, CategoryCount, Decision, DecisionForm,
    DecisionRow,
};
pub use error::SupervisionError;
pub use finding::{Finding, FindingSource, OverdueFinding, Rectification};
pub use inspection::{
    Evidence, EvidenceReview, Inspection, InspectionTarget, ItemCheck, RecordShows, Verdict,
};
pub use labels::{
    AdmonitionManner, CadreForm, ChecklistItem, FormCategory, GovernmentSanction, InspectionMode,
    ItemOutcome, OrganisationForm, OrganisationalHandling, PartyDiscipline, ProbationMonths,
};

use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::grid::context::{
    Context, EntryMeta, GridView, TextKind, optional_text_field, text_field,
};
use crate::grid::{Action, Role, StaffRef, UnitRef};
use crate::ids::{StaffId, UnitId};

/// What the supervision group and leaders ask for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum SupervisionCommand {
    /// Record an inspection (督查) with its checklist. Inspectors only.
    RecordInspection {
        /// Open or covert.
        mode: InspectionMode,
        /// What was inspected.
        target: InspectionTarget,
        /// When it took place (not after the command).
        at: Instant,
        /// The items checked: at least one, each once.
        checklist: Vec<ItemCheck>,
    },
    /// Record a finding, with the staff member responsible and a deadline. Inspectors only.
    RecordFinding {
        /// A failed checklist item, or stand-alone in a unit.
        source: FindingSource,
        /// The staff member who answers for it.
        responsible: StaffId,
        /// The last day to rectify it: on or after the day of recording.
        deadline: Day,
        /// What was found.
        text: String,
    },
    /// Record the rectification (整改) of a finding: by the staff member responsible or a leader.
    RecordRectification {
        /// The finding.
        finding: FindingId,
        /// What was done.
        note: String,
    },
    /// Record an accountability decision (问责决定). Leaders only.
    DecideAccountability {
        /// The findings it rests on: at least one.
        findings: Vec<FindingId>,
        /// Who, in which form.
        accountable: Accountable,
        /// The day it was made: not after today, not before any of its findings.
        made: Day,
        /// Its grounds: required (a decision states why).
        reason: String,
    },
}

impl SupervisionCommand {
    /// The permission row of this command.
    pub fn action(&self) -> Action {
        match self {
            SupervisionCommand::RecordInspection { .. } => Action::RecordInspection,
            SupervisionCommand::RecordFinding { .. } => Action::RecordFinding,
            SupervisionCommand::RecordRectification { .. } => Action::RecordRectification,
            SupervisionCommand::DecideAccountability { .. } => Action::DecideAccountability,
        }
    }
}

/// What happened in supervision. The actor and instant of recording come with the ledger entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum SupervisionEvent {
    /// An inspection was recorded.
    InspectionRecorded {
        /// Its id.
        inspection: InspectionId,
        /// Open or covert.
        mode: InspectionMode,
        /// What was inspected.
        target: InspectionTarget,
        /// When it took place.
        at: Instant,
        /// Its local day.
        day: Day,
        /// The items checked, with proposed evidence and verdicts.
        checklist: Vec<ItemCheck>,
    },
    /// A finding was recorded.
    FindingRecorded {
        /// Its id.
        finding: FindingId,
        /// Where it comes from.
        source: FindingSource,
        /// The unit it counts under.
        unit: UnitId,
        /// Who answers for it.
        responsible: StaffId,
        /// The last day to rectify it.
        deadline: Day,
        /// The local day of recording.
        day: Day,
        /// What was found.
        text: String,
    },
    /// A finding was rectified.
    FindingRectified {
        /// The finding.
        finding: FindingId,
        /// The local day of recording.
        day: Day,
        /// What was done.
        note: String,
    },
    /// An accountability decision was recorded.
    AccountabilityDecided {
        /// Its id.
        decision: AccountabilityId,
        /// The findings it rests on.
        findings: Vec<FindingId>,
        /// Who, in which form.
        accountable: Accountable,
        /// The day it was made.
        made: Day,
        /// Its grounds.
        reason: String,
    },
}

/// Supervision's state, built only by [`SupervisionState::apply`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SupervisionState {
    inspections: BTreeMap<InspectionId, Inspection>,
    findings: BTreeMap<FindingId, Finding>,
    decisions: BTreeMap<AccountabilityId, Decision>,
}

/// The next number after the largest key, or an error when numbers run out.
fn next_number<K: Copy + Ord, V>(
    map: &BTreeMap<K, V>,
    get: impl Fn(K) -> u32,
    what: &'static str,
) -> Result<u32, Error> {
    map.last_key_value()
        .map_or(Some(1), |(k, _)| get(*k).checked_add(1))
        .ok_or(Error::Value(ValueError::TooManyRecords { what }))
}

fn required(text: &str, what: impl FnOnce() -> String) -> Result<(), Error> {
    if text.trim().is_empty() {
        return Err(Error::TextRequired { what: what() });
    }
    Ok(())
}

fn staff_exists(ctx: &Context<'_>, staff: StaffId, role: &'static str) -> Result<(), Error> {
    ctx.grid.staff(staff).map(|_| ()).ok_or(Error::Supervision(
        SupervisionError::UnknownStaffMember { staff, role },
    ))
}

fn unit_exists(ctx: &Context<'_>, unit: UnitId) -> Result<(), Error> {
    ctx.grid
        .unit(unit)
        .map(|_| ())
        .ok_or(Error::Grid(GridError::UnknownUnit { unit }))
}

/// Checks the free text a supervision command carries against its limits
/// ([`crate::limits`]).
fn check_texts(cmd: &SupervisionCommand) -> Result<(), ValueError> {
    use TextKind::{Name, Note, Title};
    let item_name = |item: &ChecklistItem, what: &dyn Fn() -> String| match item {
        ChecklistItem::Custom(name) => text_field(name, what(), Name),
        _ => Ok(()),
    };
    match cmd {
        SupervisionCommand::RecordInspection { checklist, .. } => {
            for (i, c) in checklist.iter().enumerate() {
                let n = i + 1;
                item_name(&c.item, &|| format!("the name of checklist item {n}"))?;
                text_field(
                    &c.finding,
                    format!("the finding of checklist item {n}"),
                    Note,
                )?;
                optional_text_field(
                    c.reference.as_deref(),
                    format!("the evidence reference of checklist item {n}"),
                    Title,
                )?;
                if let Some(review) = &c.review {
                    let proposed = &review.proposed;
                    if let RecordShows::Other { text } = &proposed.shows {
                        text_field(
                            text,
                            format!("what the records show for checklist item {n}"),
                            Note,
                        )?;
                    }
                    text_field(
                        &proposed.reference,
                        format!("the records' reference for checklist item {n}"),
                        Title,
                    )?;
                    if let Verdict::Contradicted { note } = &review.verdict {
                        text_field(
                            note,
                            format!("what the inspector saw for checklist item {n}"),
                            Note,
                        )?;
                    }
                }
            }
            Ok(())
        }
        SupervisionCommand::RecordFinding { source, text, .. } => {
            if let FindingSource::ChecklistItem { item, .. } = source {
                item_name(item, &|| "the name of the checklist item".to_owned())?;
            }
            Ok(text_field(text, "the finding", Note)?)
        }
        SupervisionCommand::RecordRectification { note, .. } => Ok(text_field(
            note,
            "what was done to rectify the finding",
            Note,
        )?),
        SupervisionCommand::DecideAccountability { reason, .. } => {
            Ok(text_field(reason, "the grounds of the decision", Note)?)
        }
    }
}

/// Checks a checklist: at least one item, each once, custom names given, failed items with a
/// finding, verdicts consistent with outcomes.
fn check_checklist(checklist: &[ItemCheck]) -> Result<(), Error> {
    if checklist.is_empty() {
        return Err(Error::Supervision(SupervisionError::EmptyChecklist));
    }
    for (i, c) in checklist.iter().enumerate() {
        if let ChecklistItem::Custom(name) = &c.item {
            required(name, || "the name of a custom checklist item".to_owned())?;
        }
        if checklist[..i].iter().any(|earlier| earlier.item == c.item) {
            return Err(Error::Supervision(
                SupervisionError::DuplicateChecklistItem {
                    item: c.item.to_string(),
                },
            ));
        }
        if c.outcome == ItemOutcome::Failed {
            required(&c.finding, || {
                format!("the finding for the failed item {:?}", c.item.label_en())
            })?;
        }
        if let Some(review) = &c.review {
            match &review.verdict {
                Verdict::Confirmed if review.proposed.shows.suggests() != c.outcome => {
                    return Err(Error::Supervision(SupervisionError::VerdictDisagrees {
                        item: c.item.to_string(),
                        shows: review.proposed.shows.to_string(),
                        outcome: c.outcome.label_en(),
                    }));
                }
                Verdict::Contradicted { note } => required(note, || {
                    format!(
                        "what the inspector saw, contradicting the records for {:?}",
                        c.item.label_en()
                    )
                })?,
                Verdict::Confirmed => {}
            }
        }
    }
    Ok(())
}

/// Authorizes (reach) and validates a supervision command; returns its events. The registry
/// has already checked that the actor's role may take [`SupervisionCommand::action`].
///
/// # Errors
/// - inspections: [`GridError::UnknownUnit`](crate::grid::GridError::UnknownUnit), [`SupervisionError::UnknownStaffMember`](crate::supervision::SupervisionError::UnknownStaffMember),
///   [`Error::OutsideAssignedUnits`], [`Error::InFuture`], [`SupervisionError::EmptyChecklist`](crate::supervision::SupervisionError::EmptyChecklist),
///   [`SupervisionError::DuplicateChecklistItem`](crate::supervision::SupervisionError::DuplicateChecklistItem), [`Error::TextRequired`], [`SupervisionError::VerdictDisagrees`](crate::supervision::SupervisionError::VerdictDisagrees);
/// - findings: [`SupervisionError::UnknownInspection`](crate::supervision::SupervisionError::UnknownInspection), [`SupervisionError::ItemNotOnChecklist`](crate::supervision::SupervisionError::ItemNotOnChecklist),
///   [`SupervisionError::ItemNotFailed`](crate::supervision::SupervisionError::ItemNotFailed), [`GridError::UnknownUnit`](crate::grid::GridError::UnknownUnit), [`SupervisionError::UnknownStaffMember`](crate::supervision::SupervisionError::UnknownStaffMember),
///   [`SupervisionError::DeadlineBeforeFinding`](crate::supervision::SupervisionError::DeadlineBeforeFinding), [`Error::TextRequired`];
/// - rectification: [`SupervisionError::UnknownFinding`](crate::supervision::SupervisionError::UnknownFinding), [`SupervisionError::AlreadyRectified`](crate::supervision::SupervisionError::AlreadyRectified),
///   [`SupervisionError::NotResponsibleForFinding`](crate::supervision::SupervisionError::NotResponsibleForFinding), [`Error::OutsideAssignedUnits`] (a leader not assigned
///   over the finding's unit), [`Error::TextRequired`];
/// - decisions: [`SupervisionError::DecisionWithoutFindings`](crate::supervision::SupervisionError::DecisionWithoutFindings), [`SupervisionError::UnknownFinding`](crate::supervision::SupervisionError::UnknownFinding),
///   [`Error::OutsideAssignedUnits`] (a finding's unit or the organisation's outside the
///   leader's reach),
///   [`GridError::UnknownUnit`](crate::grid::GridError::UnknownUnit), [`SupervisionError::UnknownStaffMember`](crate::supervision::SupervisionError::UnknownStaffMember), [`SupervisionError::DecisionInFuture`](crate::supervision::SupervisionError::DecisionInFuture),
///   [`SupervisionError::DecisionBeforeFinding`](crate::supervision::SupervisionError::DecisionBeforeFinding);
/// - [`ValueError::TooManyRecords`](crate::value_error::ValueError::TooManyRecords) when ids run out.
pub(crate) fn decide(
    state: &SupervisionState,
    ctx: &Context<'_>,
    cmd: &SupervisionCommand,
) -> Result<Vec<SupervisionEvent>, Error> {
    check_texts(cmd)?;
    let action = cmd.action();
    match cmd {
        SupervisionCommand::RecordInspection {
            mode,
            target,
            at,
            checklist,
        } => {
            let unit = target.unit();
            unit_exists(ctx, unit)?;
            if let InspectionTarget::Staff { staff, .. } = target {
                staff_exists(ctx, *staff, "the staff member inspected")?;
            }
            ctx.reach(action, unit)?;
            if *at > ctx.at {
                return Err(Error::InFuture {
                    what: "the inspection".to_owned(),
                    at: *at,
                    now: ctx.at,
                });
            }
            check_checklist(checklist)?;
            let n = next_number(&state.inspections, InspectionId::get, "inspections")?;
            Ok(vec![SupervisionEvent::InspectionRecorded {
                inspection: InspectionId::new(n),
                mode: *mode,
                target: *target,
                at: *at,
                day: at.day_in(ctx.offset),
                checklist: checklist.clone(),
            }])
        }
        SupervisionCommand::RecordFinding {
            source,
            responsible,
            deadline,
            text,
        } => {
            let unit = match source {
                FindingSource::ChecklistItem { inspection, item } => {
                    let ins = state.inspections.get(inspection).ok_or(Error::Supervision(
                        SupervisionError::UnknownInspection {
                            inspection: *inspection,
                        },
                    ))?;
                    let check = ins.check(item).ok_or_else(|| {
                        Error::Supervision(SupervisionError::ItemNotOnChecklist {
                            inspection: *inspection,
                            item: item.to_string(),
                        })
                    })?;
                    if check.outcome != ItemOutcome::Failed {
                        return Err(Error::Supervision(SupervisionError::ItemNotFailed {
                            inspection: *inspection,
                            item: item.to_string(),
                        }));
                    }
                    ins.target.unit()
                }
                FindingSource::StandAlone { unit } => {
                    unit_exists(ctx, *unit)?;
                    *unit
                }
            };
            ctx.reach(action, unit)?;
            staff_exists(ctx, *responsible, "the person responsible")?;
            if *deadline < ctx.today {
                return Err(Error::Supervision(
                    SupervisionError::DeadlineBeforeFinding {
                        deadline: *deadline,
                        day: ctx.today,
                    },
                ));
            }
            required(text, || "the text of the finding".to_owned())?;
            let n = next_number(&state.findings, FindingId::get, "findings")?;
            Ok(vec![SupervisionEvent::FindingRecorded {
                finding: FindingId::new(n),
                source: source.clone(),
                unit,
                responsible: *responsible,
                deadline: *deadline,
                day: ctx.today,
                text: text.clone(),
            }])
        }
        SupervisionCommand::RecordRectification { finding, note } => {
            let f = state.findings.get(finding).ok_or(Error::Supervision(
                SupervisionError::UnknownFinding { finding: *finding },
            ))?;
            if let Some(r) = &f.rectification {
                return Err(Error::Supervision(SupervisionError::AlreadyRectified {
                    finding: *finding,
                    day: r.day,
                }));
            }
            if ctx.actor.id != f.responsible && ctx.actor.role == Role::Leader {
                ctx.reach(action, f.unit)?;
            } else if ctx.actor.id != f.responsible {
                return Err(Error::Supervision(
                    SupervisionError::NotResponsibleForFinding {
                        actor: ctx.actor.label(),
                        finding: *finding,
                        responsible: ctx
                            .grid
                            .staff(f.responsible)
                            .map_or_else(|| f.responsible.to_string(), |s| s.label()),
                    },
                ));
            }
            required(note, || {
                format!("a note of what was done to rectify {finding}")
            })?;
            Ok(vec![SupervisionEvent::FindingRectified {
                finding: *finding,
                day: ctx.today,
                note: note.clone(),
            }])
        }
        SupervisionCommand::DecideAccountability {
            findings,
            accountable,
            made,
            reason,
        } => {
            let linked = accountability::linked_findings(findings)?;
            for id in &linked {
                let f = state.findings.get(id).ok_or(Error::Supervision(
                    SupervisionError::UnknownFinding { finding: *id },
                ))?;
                ctx.reach(action, f.unit)?;
                if *made < f.day {
                    return Err(Error::Supervision(
                        SupervisionError::DecisionBeforeFinding {
                            finding: *id,
                            found: f.day,
                            made: *made,
                        },
                    ));
                }
            }
            // Whoever is held accountable answers for at least one of the findings: a cadre
            // responsible for it or assigned over its unit (DOMAIN.md §1, §6); an organisation
            // that is its unit or above it.
            let found: Vec<&Finding> = linked
                .iter()
                .filter_map(|id| state.findings.get(id))
                .collect();
            let (who, is_linked) = match accountable {
                Accountable::Organisation { unit, .. } => {
                    unit_exists(ctx, *unit)?;
                    ctx.reach(action, *unit)?;
                    let linked = found
                        .iter()
                        .any(|f| f.unit == *unit || ctx.grid.covering_units(f.unit).contains(unit));
                    (ctx.grid.label(*unit), linked)
                }
                Accountable::Cadre { staff, .. } => {
                    staff_exists(ctx, *staff, "the cadre held accountable")?;
                    let linked = found
                        .iter()
                        .any(|f| f.responsible == *staff || ctx.grid.covers_staff(*staff, f.unit));
                    let who = ctx
                        .grid
                        .staff(*staff)
                        .map(|s| s.label())
                        .unwrap_or_default();
                    (who, linked)
                }
            };
            if !is_linked {
                return Err(Error::Supervision(SupervisionError::AccountableNotLinked {
                    who,
                    findings: linked
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                }));
            }
            accountability::grounds_given(reason)?;
            if *made > ctx.today {
                return Err(Error::Supervision(SupervisionError::DecisionInFuture {
                    made: *made,
                    today: ctx.today,
                }));
            }
            let n = next_number(&state.decisions, AccountabilityId::get, "decisions")?;
            Ok(vec![SupervisionEvent::AccountabilityDecided {
                decision: AccountabilityId::new(n),
                findings: linked,
                accountable: *accountable,
                made: *made,
                reason: reason.clone(),
            }])
        }
    }
}

impl SupervisionState {
    /// Folds one event into the state. Cannot fail; an event naming a missing finding (a
    /// tampered ledger) changes nothing.
    pub(crate) fn apply(&mut self, e: &SupervisionEvent, meta: &EntryMeta) {
        match e {
            SupervisionEvent::InspectionRecorded {
                inspection,
                mode,
                target,
                at,
                day,
                checklist,
            } => {
                self.inspections.insert(
                    *inspection,
                    Inspection {
                        id: *inspection,
                        inspector: meta.actor,
                        mode: *mode,
                        target: *target,
                        at: *at,
                        day: *day,
                        checklist: checklist.clone(),
                    },
                );
            }
            SupervisionEvent::FindingRecorded {
                finding,
                source,
                unit,
                responsible,
                deadline,
                day,
                text,
            } => {
                self.findings.insert(
                    *finding,
                    Finding {
                        id: *finding,
                        source: source.clone(),
                        unit: *unit,
                        responsible: *responsible,
                        deadline: *deadline,
                        text: text.clone(),
                        by: meta.actor,
                        day: *day,
                        rectification: None,
                    },
                );
            }
            SupervisionEvent::FindingRectified { finding, day, note } => {
                if let Some(f) = self.findings.get_mut(finding) {
                    f.rectification = Some(Rectification {
                        by: meta.actor,
                        at: meta.at,
                        day: *day,
                        note: note.clone(),
                    });
                }
            }
            SupervisionEvent::AccountabilityDecided {
                decision,
                findings,
                accountable,
                made,
                reason,
            } => {
                self.decisions.insert(
                    *decision,
                    Decision {
                        id: *decision,
                        findings: findings.clone(),
                        accountable: *accountable,
                        made: *made,
                        reason: reason.clone(),
                        by: meta.actor,
                    },
                );
            }
        }
    }
}

/// Supervision figures of one unit on one day, for the daily report.
///
/// Figures of the same day add up (`+` and `Sum` give a `Result`): the villages of a township,
/// or the townships of a county. Figures of other days are refused
/// ([`SupervisionError::CountsOfOtherSpan`]): findings overdue at the end of a day are a count
/// of that day, not a number that adds across days. A total too large for its numbers is
/// refused ([`ValueError::CountsTooLarge`]), never held at the largest number. The figures
/// deserialize through the one check they carry: covert inspections are some of the
/// inspections ([`SupervisionError::InvalidCounts`]).
///
/// ```
/// use fangkong::supervision::SupervisionDay;
/// let day = "2020-02-03".parse()?;
/// let mut a = SupervisionDay::none(day);
/// a.inspections = 2;
/// a.covert = 1;
/// let mut b = SupervisionDay::none(day);
/// b.findings = 3;
/// let total = (a + b)?;
/// assert_eq!((total.inspections, total.covert, total.findings), (2, 1, 3));
/// let other = SupervisionDay::none("2020-02-04".parse()?);
/// assert_eq!((a + other).unwrap_err().code(), "counts_of_other_span");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SupervisionDayFields")]
#[non_exhaustive]
pub struct SupervisionDay {
    /// The day counted.
    pub day: Day,
    /// Inspections that took place (under the unit).
    pub inspections: u32,
    /// Of which covert (暗访).
    pub covert: u32,
    /// Findings recorded.
    pub findings: u32,
    /// Findings rectified.
    pub rectified: u32,
    /// Findings overdue at the end of the day.
    pub overdue: u32,
    /// Accountability decisions made (resting on a finding under the unit).
    pub decisions: u32,
}

/// The fields of a [`SupervisionDay`] as a file holds them, before they are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SupervisionDayFields {
    day: Day,
    inspections: u32,
    covert: u32,
    findings: u32,
    rectified: u32,
    overdue: u32,
    decisions: u32,
}

impl TryFrom<SupervisionDayFields> for SupervisionDay {
    type Error = SupervisionError;

    fn try_from(f: SupervisionDayFields) -> Result<SupervisionDay, SupervisionError> {
        if f.covert > f.inspections {
            return Err(SupervisionError::InvalidCounts { problem: "covert" });
        }
        Ok(SupervisionDay {
            day: f.day,
            inspections: f.inspections,
            covert: f.covert,
            findings: f.findings,
            rectified: f.rectified,
            overdue: f.overdue,
            decisions: f.decisions,
        })
    }
}

impl SupervisionDay {
    /// Nothing on `day` (a unit where nothing happened, or the start of a sum).
    ///
    /// ```
    /// use fangkong::Error;
    /// use fangkong::supervision::SupervisionDay;
    ///
    /// let day = "2020-02-03".parse()?;
    /// // Two townships where nothing happened add up to nothing, on the same day …
    /// let county: Result<SupervisionDay, Error> =
    ///     [SupervisionDay::none(day), SupervisionDay::none(day)].into_iter().sum();
    /// assert_eq!(county?, SupervisionDay::none(day));
    /// // … and a day's figures never add to another day's.
    /// let next = SupervisionDay::none("2020-02-04".parse()?);
    /// assert_eq!((SupervisionDay::none(day) + next).unwrap_err().code(), "counts_of_other_span");
    /// # Ok::<(), Error>(())
    /// ```
    pub fn none(day: Day) -> SupervisionDay {
        SupervisionDay {
            day,
            inspections: 0,
            covert: 0,
            findings: 0,
            rectified: 0,
            overdue: 0,
            decisions: 0,
        }
    }
}

impl Add for SupervisionDay {
    type Output = Result<SupervisionDay, Error>;

    /// The figures of two units (or townships) on the same day; figures of another day, or a
    /// total too large for its numbers, are refused.
    fn add(self, o: SupervisionDay) -> Self::Output {
        if self.day != o.day {
            return Err(Error::Supervision(SupervisionError::CountsOfOtherSpan {
                first_from: self.day,
                first_to: self.day,
                second_from: o.day,
                second_to: o.day,
            }));
        }
        let sum = |a, b| add_counts(a, b, "supervision figures");
        Ok(SupervisionDay {
            day: self.day,
            inspections: sum(self.inspections, o.inspections)?,
            covert: sum(self.covert, o.covert)?,
            findings: sum(self.findings, o.findings)?,
            rectified: sum(self.rectified, o.rectified)?,
            overdue: sum(self.overdue, o.overdue)?,
            decisions: sum(self.decisions, o.decisions)?,
        })
    }
}

impl std::iter::Sum<SupervisionDay> for Result<SupervisionDay, Error> {
    /// The figures of every unit (or township) on the same day; an empty list (which has no
    /// day), figures of another day, or a total too large, are refused.
    fn sum<I: Iterator<Item = SupervisionDay>>(mut iter: I) -> Self {
        let first = iter
            .next()
            .ok_or(Error::Supervision(SupervisionError::NoCountsToAdd))?;
        iter.try_fold(first, |total, d| total + d)
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Queries: pure reads over the state (the registry exposes them).
impl SupervisionState {
    /// Every inspection, by id.
    pub(crate) fn inspections(&self) -> impl Iterator<Item = &Inspection> {
        self.inspections.values()
    }

    /// One inspection.
    pub(crate) fn inspection(&self, id: InspectionId) -> Option<&Inspection> {
        self.inspections.get(&id)
    }

    /// Every finding, by id.
    pub(crate) fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.values()
    }

    /// One finding.
    pub(crate) fn finding(&self, id: FindingId) -> Option<&Finding> {
        self.findings.get(&id)
    }

    /// Every decision, by id.
    pub(crate) fn decisions(&self) -> impl Iterator<Item = &Decision> {
        self.decisions.values()
    }

    /// One decision.
    pub(crate) fn decision(&self, id: AccountabilityId) -> Option<&Decision> {
        self.decisions.get(&id)
    }

    /// The inspections that took place on `day` under `unit`.
    pub(crate) fn inspections_on<'a>(
        &'a self,
        grid: &'a dyn GridView,
        day: Day,
        unit: UnitId,
    ) -> impl Iterator<Item = &'a Inspection> + 'a {
        self.inspections
            .values()
            .filter(move |i| i.day == day && under(grid, i.target.unit(), unit))
    }

    /// The findings overdue on `day` (under `unit`, or all with `None`), oldest deadline first.
    pub(crate) fn overdue_on(
        &self,
        grid: &dyn GridView,
        day: Day,
        unit: Option<UnitId>,
    ) -> Vec<OverdueFinding> {
        let mut rows: Vec<OverdueFinding> = self
            .findings
            .values()
            .filter(|f| f.is_overdue_on(day) && unit.is_none_or(|u| under(grid, f.unit, u)))
            .map(|f| OverdueFinding {
                finding: f.id,
                unit: unit_ref(grid, f.unit),
                item: f.item().cloned(),
                responsible: staff_ref(grid, f.responsible),
                deadline: f.deadline,
                days_overdue: day.days_since(f.deadline),
                text: f.text.clone(),
            })
            .collect();
        rows.sort_by_key(|a| (a.deadline, a.finding));
        rows
    }

    /// The decisions made on `from ..= to`, as rows naming who is held accountable.
    pub(crate) fn decisions_made(
        &self,
        grid: &dyn GridView,
        from: Day,
        to: Day,
    ) -> Vec<DecisionRow> {
        self.decisions
            .values()
            .filter(|d| from <= d.made && d.made <= to)
            .map(|d| DecisionRow {
                decision: d.clone(),
                subject: match d.accountable {
                    Accountable::Organisation { unit, .. } => {
                        AccountableRef::Unit(unit_ref(grid, unit))
                    }
                    Accountable::Cadre { staff, .. } => {
                        AccountableRef::Staff(staff_ref(grid, staff))
                    }
                },
            })
            .collect()
    }

    /// Accountability counts for the decisions made on `from ..= to`.
    pub(crate) fn accountability_counts(&self, from: Day, to: Day) -> AccountabilityCounts {
        AccountabilityCounts::of(from, to, self.decisions.values())
    }

    /// The supervision figures of `unit` on `day`.
    pub(crate) fn day_figures(
        &self,
        grid: &dyn GridView,
        day: Day,
        unit: UnitId,
    ) -> SupervisionDay {
        let inspections: Vec<&Inspection> = self.inspections_on(grid, day, unit).collect();
        let findings_under = || self.findings.values().filter(|f| under(grid, f.unit, unit));
        SupervisionDay {
            day,
            inspections: count(inspections.len()),
            covert: count(
                inspections
                    .iter()
                    .filter(|i| i.mode == InspectionMode::Covert)
                    .count(),
            ),
            findings: count(findings_under().filter(|f| f.day == day).count()),
            rectified: count(
                findings_under()
                    .filter(|f| f.rectification.as_ref().is_some_and(|r| r.day == day))
                    .count(),
            ),
            overdue: count(findings_under().filter(|f| f.is_overdue_on(day)).count()),
            decisions: count(
                self.decisions
                    .values()
                    .filter(|d| {
                        d.made == day
                            && d.findings.iter().any(|id| {
                                self.findings
                                    .get(id)
                                    .is_some_and(|f| under(grid, f.unit, unit))
                            })
                    })
                    .count(),
            ),
        }
    }
}

/// Whether `unit` lies under (or is) `ancestor`.
fn under(grid: &dyn GridView, unit: UnitId, ancestor: UnitId) -> bool {
    unit == ancestor || grid.covering_units(unit).contains(&ancestor)
}

#[cfg(test)]
mod tests;

/// A unit as rows name it.
fn unit_ref(grid: &dyn GridView, unit: UnitId) -> UnitRef {
    UnitRef::new(unit, grid.unit(unit).map_or("", |u| u.name.as_str()))
}

/// A member of staff as rows name them.
fn staff_ref(grid: &dyn GridView, staff: StaffId) -> StaffRef {
    grid.staff(staff)
        .map_or_else(|| StaffRef::unknown(staff), StaffRef::of)
}
