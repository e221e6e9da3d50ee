//! Inspections (督查): target, checklist, and the evidence the records propose.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::labels::{ChecklistItem, InspectionMode, ItemOutcome};
use crate::calendar::{Day, Instant};
use crate::ids::{InspectionId, PostId, SiteId, StaffId, UnitId, VenueId};

/// What an inspection looks at: a unit of the grid, a venue, or a member of staff.
///
/// A venue or a staff member is inspected *in* a unit, which the inspector names: that unit is
/// where the inspection counts in daily figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InspectionTarget {
    /// A village, community, zone or group (or the township).
    Unit(UnitId),
    /// A venue (场所), in a unit.
    Venue {
        /// The venue (owned by the gatherings module).
        venue: VenueId,
        /// The unit it lies in.
        unit: UnitId,
    },
    /// A member of staff at their post, in a unit.
    Staff {
        /// Who.
        staff: StaffId,
        /// Where they were inspected.
        unit: UnitId,
    },
    /// A post of the duty roster (岗位: a checkpoint, office or village duty), in the unit
    /// where it lies. The registry checks that the post exists and lies there.
    Post {
        /// The post (owned by the duty roster).
        post: PostId,
        /// The unit it lies in.
        unit: UnitId,
    },
}

impl InspectionTarget {
    /// The unit the inspection counts under.
    pub fn unit(&self) -> UnitId {
        match *self {
            InspectionTarget::Unit(u)
            | InspectionTarget::Venue { unit: u, .. }
            | InspectionTarget::Staff { unit: u, .. }
            | InspectionTarget::Post { unit: u, .. } => u,
        }
    }
}

impl fmt::Display for InspectionTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InspectionTarget::Unit(u) => write!(f, "unit {u}"),
            InspectionTarget::Venue { venue, unit } => write!(f, "venue {venue} in {unit}"),
            InspectionTarget::Staff { staff, unit } => write!(f, "staff member {staff} in {unit}"),
            InspectionTarget::Post { post, unit } => write!(f, "post {post} in {unit}"),
        }
    }
}

/// What the library's own records show for one checklist item (part of [`Evidence`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RecordShows {
    /// Nothing amiss: the records suggest the item passes.
    NothingAmiss,
    /// Temperature checks missed by people under observation.
    MissedChecks {
        /// How many.
        count: u32,
    },
    /// Households of the target not yet screened.
    UnscreenedHouseholds {
        /// How many.
        count: u32,
    },
    /// A venue open although a closure order is in force.
    VenueOpenUnderClosure {
        /// The venue.
        venue: VenueId,
    },
    /// The daily report (日报告) of a unit not submitted.
    DailyReportNotSubmitted {
        /// The unit.
        unit: UnitId,
        /// The day whose report is missing.
        day: Day,
    },
    /// Staff on the duty roster not recorded at a post when they should have been there
    /// (人员不在岗): the shifts of the post at the instant, the people they require, those
    /// checked in, and those assigned but not checked in. Suggests the item fails when anyone
    /// is absent or fewer are present than required.
    StaffAbsentFromPost {
        /// The post.
        post: PostId,
        /// The instant looked at.
        at: Instant,
        /// The people the shifts at that instant require.
        required: u32,
        /// The people checked in at that instant.
        present: u32,
        /// Those assigned to the shifts and not checked in at that instant.
        absent: Vec<StaffId>,
    },
    /// Cleaning or disinfection rounds a schedule expected and nobody recorded (消杀漏做):
    /// how many, the first of them (its site and day) and the staff designated for that site
    /// that day. Suggests the item fails.
    DisinfectionRoundsMissed {
        /// How many rounds were missed.
        count: u32,
        /// The site of the first.
        site: SiteId,
        /// Its day.
        day: Day,
        /// The staff who answered for that site that day.
        responsible: Vec<StaffId>,
    },
    /// Anything else the records show, as a sentence; suggests the item fails.
    Other {
        /// What the records show.
        text: String,
    },
}

impl RecordShows {
    /// The outcome the records suggest: passed for nothing amiss (or a count of zero), failed
    /// otherwise.
    pub fn suggests(&self) -> ItemOutcome {
        match self {
            RecordShows::NothingAmiss
            | RecordShows::MissedChecks { count: 0 }
            | RecordShows::UnscreenedHouseholds { count: 0 }
            | RecordShows::DisinfectionRoundsMissed { count: 0, .. } => ItemOutcome::Passed,
            RecordShows::StaffAbsentFromPost {
                required,
                present,
                absent,
                ..
            } if absent.is_empty() && present >= required => ItemOutcome::Passed,
            _ => ItemOutcome::Failed,
        }
    }
}

impl fmt::Display for RecordShows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |n: &u32| if *n == 1 { "" } else { "s" };
        match self {
            RecordShows::NothingAmiss => f.write_str("nothing amiss"),
            RecordShows::MissedChecks { count } => {
                write!(f, "{count} missed temperature check{}", s(count))
            }
            RecordShows::UnscreenedHouseholds { count } => {
                write!(f, "{count} unscreened household{}", s(count))
            }
            RecordShows::VenueOpenUnderClosure { venue } => {
                write!(f, "venue {venue} open under a closure order")
            }
            RecordShows::DailyReportNotSubmitted { unit, day } => {
                write!(f, "no daily report from {unit} for {day}")
            }
            RecordShows::StaffAbsentFromPost {
                post,
                at,
                required,
                present,
                absent,
            } => {
                write!(f, "{present} of {required} required on post {post} at {at}")?;
                if !absent.is_empty() {
                    let names: Vec<String> = absent.iter().map(ToString::to_string).collect();
                    write!(f, "; absent: {}", names.join(", "))?;
                }
                Ok(())
            }
            RecordShows::DisinfectionRoundsMissed {
                count,
                site,
                day,
                responsible,
            } => {
                write!(
                    f,
                    "{count} missed disinfection round{}, the first at site {site} on {day}",
                    s(count)
                )?;
                if !responsible.is_empty() {
                    let names: Vec<String> = responsible.iter().map(ToString::to_string).collect();
                    write!(f, "; responsible: {}", names.join(", "))?;
                }
                Ok(())
            }
            RecordShows::Other { text } => f.write_str(text),
        }
    }
}

/// Evidence (证据) the library proposes for one checklist item from its own records: what
/// they show, and where (a reference such as ledger sequence numbers).
///
/// ```
/// use fangkong::supervision::{Evidence, ItemOutcome, RecordShows};
/// let e = Evidence::new(RecordShows::MissedChecks { count: 2 }, "ledger seq 1042, 1047");
/// assert_eq!(e.shows.suggests(), ItemOutcome::Failed);
/// assert_eq!(e.to_string(), "records show 2 missed temperature checks (ledger seq 1042, 1047)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Evidence {
    /// What the records show.
    pub shows: RecordShows,
    /// Where they show it: ledger sequence numbers, record ids.
    pub reference: String,
}

impl Evidence {
    /// Evidence showing `shows`, found at `reference`.
    pub fn new(shows: RecordShows, reference: impl Into<String>) -> Evidence {
        Evidence {
            shows,
            reference: reference.into(),
        }
    }
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "records show {}", self.shows)?;
        if !self.reference.is_empty() {
            write!(f, " ({})", self.reference)?;
        }
        Ok(())
    }
}

/// The inspector's verdict on proposed evidence: confirmed (属实) or contradicted (不属实),
/// with what was seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Verdict {
    /// What the records show is what the inspector found.
    Confirmed,
    /// The inspector found otherwise.
    Contradicted {
        /// What the inspector saw instead.
        note: String,
    },
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Confirmed => f.write_str("confirmed by the inspector"),
            Verdict::Contradicted { note } => write!(f, "contradicted by the inspector: {note}"),
        }
    }
}

/// Proposed evidence and the inspector's verdict on it, both kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EvidenceReview {
    /// What the library proposed.
    pub proposed: Evidence,
    /// What the inspector made of it.
    pub verdict: Verdict,
}

impl EvidenceReview {
    /// The inspector's `verdict` on `proposed`.
    pub fn new(proposed: Evidence, verdict: Verdict) -> EvidenceReview {
        EvidenceReview { proposed, verdict }
    }
}

/// One checked item of an inspection's checklist.
///
/// ```
/// use fangkong::supervision::{ChecklistItem, Evidence, ItemCheck, RecordShows, Verdict};
/// let check = ItemCheck::failed(ChecklistItem::StaffOnPost, "checkpoint unmanned at 14:00")
///     .with_reference("photo 0211-03")
///     .with_review(Evidence::new(RecordShows::NothingAmiss, "duty roster"),
///                  Verdict::Contradicted { note: "no one at the checkpoint".into() });
/// assert_eq!(
///     check.to_string(),
///     "staff on post: failed — checkpoint unmanned at 14:00 [photo 0211-03]; records show \
///      nothing amiss (duty roster), contradicted by the inspector: no one at the checkpoint"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemCheck {
    /// The item.
    pub item: ChecklistItem,
    /// Passed or failed.
    pub outcome: ItemOutcome,
    /// What the inspector found (required when the item failed).
    pub finding: String,
    /// An evidence reference: a ledger sequence number, a photo id.
    pub reference: Option<String>,
    /// Evidence proposed from the records, with the inspector's verdict.
    pub review: Option<EvidenceReview>,
}

impl ItemCheck {
    /// An item that passed.
    pub fn passed(item: ChecklistItem) -> ItemCheck {
        ItemCheck {
            item,
            outcome: ItemOutcome::Passed,
            finding: String::new(),
            reference: None,
            review: None,
        }
    }

    /// An item that failed, with what was found.
    pub fn failed(item: ChecklistItem, finding: impl Into<String>) -> ItemCheck {
        ItemCheck {
            item,
            outcome: ItemOutcome::Failed,
            finding: finding.into(),
            reference: None,
            review: None,
        }
    }

    /// With an evidence reference.
    pub fn with_reference(mut self, reference: impl Into<String>) -> ItemCheck {
        self.reference = Some(reference.into());
        self
    }

    /// With a finding text (also for a passed item).
    pub fn with_finding(mut self, finding: impl Into<String>) -> ItemCheck {
        self.finding = finding.into();
        self
    }

    /// With evidence proposed from the records and the inspector's verdict on it.
    pub fn with_review(mut self, proposed: Evidence, verdict: Verdict) -> ItemCheck {
        self.review = Some(EvidenceReview { proposed, verdict });
        self
    }
}

impl fmt::Display for ItemCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.item, self.outcome)?;
        if !self.finding.is_empty() {
            write!(f, " — {}", self.finding)?;
        }
        if let Some(r) = &self.reference {
            write!(f, " [{r}]")?;
        }
        if let Some(r) = &self.review {
            write!(f, "; {}, {}", r.proposed, r.verdict)?;
        }
        Ok(())
    }
}

/// A recorded inspection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Inspection {
    /// Its id.
    pub id: InspectionId,
    /// The inspector who recorded it.
    pub inspector: StaffId,
    /// Open or covert.
    pub mode: InspectionMode,
    /// What was inspected.
    pub target: InspectionTarget,
    /// When it took place.
    pub at: Instant,
    /// Its local day.
    pub day: Day,
    /// The checked items, in the order given.
    pub checklist: Vec<ItemCheck>,
}

impl Inspection {
    /// The check of `item`, if the inspection checked it.
    pub fn check(&self, item: &ChecklistItem) -> Option<&ItemCheck> {
        self.checklist.iter().find(|c| &c.item == item)
    }

    /// The items that failed.
    pub fn failed(&self) -> impl Iterator<Item = &ItemCheck> {
        self.checklist
            .iter()
            .filter(|c| c.outcome == ItemOutcome::Failed)
    }
}

impl fmt::Display for Inspection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let failed = self.failed().count();
        write!(
            f,
            "{} {} inspection of {} at {} by {}: {} item{} checked, {} failed",
            self.id,
            self.mode,
            self.target,
            self.at,
            self.inspector,
            self.checklist.len(),
            if self.checklist.len() == 1 { "" } else { "s" },
            failed
        )
    }
}
