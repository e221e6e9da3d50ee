//! What an accepted command did: the entries it wrote and everything it created.

use crate::disinfection::DisinfectionEvent;
use crate::event::Event;
use crate::gathering::GatheringEvent;
use crate::grid::GridEvent;
use crate::ids::{
    AccountabilityId, ClosureId, DesignationId, FindingId, GatheringId, GatheringOrderId,
    HouseholdId, InspectionId, ObservationId, PersuasionId, ReopeningId, ResidentId, RoundId,
    StaffId, UnitId, VenueId, ViolationId,
};
use crate::ids::{DisinfectionRoundId, DisinfectionScheduleId, SiteId};
use crate::ids::{DonationId, LotId, MovementId, StoreId};
use crate::ids::{LeaveCancellationId, LeaveExceptionId, LeaveId, PostId, ShiftId};
use crate::observation::ObservationEvent;
use crate::publicity::{CampaignId, PublicityActionId, PublicityEvent};
use crate::roster::RosterEvent;
use crate::screening::{RegisterChange, ScreeningEvent};
use crate::supervision::SupervisionEvent;
use crate::supplies::SuppliesEvent;

/// What an accepted command did: the ledger entries written and everything it created.
///
/// Most commands create one thing or nothing; an interview that finds a key person records
/// the interview and opens an observation, and a confirmed risk proposal may designate several
/// areas. [`created_one`](Receipt::created_one) picks the first of a kind:
///
/// ```
/// use fangkong::{Founding, Registry, UnitId, UnitKind};
/// use fangkong::grid::GridCommand;
/// use fangkong::observation::ObservationId;
/// let t = "2020-01-24T09:00:00+08:00".parse()?;
/// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
/// let secretary = reg.staff_ids().next().unwrap();
/// let receipt = reg.execute(secretary, t, GridCommand::EstablishUnit {
///     kind: UnitKind::Village, name: "Qianjin".into(), parent: reg.township(), code: None,
///     number: None,
/// })?;
/// assert_eq!(receipt.created_one::<UnitId>(), Some(UnitId::new(2)));
/// assert_eq!(receipt.created_one::<ObservationId>(), None);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Receipt {
    /// Sequence number of the first ledger entry written.
    pub first_seq: u64,
    /// Sequence number of the last ledger entry written.
    pub last_seq: u64,
    /// Everything the command created, in the order of its events (empty if nothing).
    pub created: Vec<Created>,
}

impl Receipt {
    /// The first thing of kind `T` the command created, if any.
    pub fn created_one<T: CreatedId>(&self) -> Option<T> {
        self.created.iter().find_map(T::from_created)
    }

    /// Everything of kind `T` the command created, in order.
    pub fn created_all<T: CreatedId>(&self) -> Vec<T> {
        self.created.iter().filter_map(T::from_created).collect()
    }

    /// The observation the command opened, if any (an interview that found a key person).
    pub fn observation(&self) -> Option<ObservationId> {
        self.created_one()
    }
}

/// Something a command created, with its new identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Created {
    /// A unit.
    Unit(UnitId),
    /// A member of staff.
    Staff(StaffId),
    /// A household.
    Household(HouseholdId),
    /// A resident.
    Resident(ResidentId),
    /// An observation.
    Observation(ObservationId),
    /// A risk-area designation (风险区认定).
    Designation(DesignationId),
    /// A screening round.
    Round(RoundId),
    /// A gathering order.
    GatheringOrder(GatheringOrderId),
    /// A reported planned gathering.
    Gathering(GatheringId),
    /// A persuasion record.
    Persuasion(PersuasionId),
    /// A venue.
    Venue(VenueId),
    /// A venue closure order.
    Closure(ClosureId),
    /// A venue reopening order.
    Reopening(ReopeningId),
    /// A venue violation.
    Violation(ViolationId),
    /// An inspection.
    Inspection(InspectionId),
    /// A finding.
    Finding(FindingId),
    /// An accountability decision.
    Accountability(AccountabilityId),
    /// A publicity campaign.
    Campaign(CampaignId),
    /// A publicity action.
    PublicityAction(PublicityActionId),
    /// A leave cancellation (取消休假).
    LeaveCancellation(LeaveCancellationId),
    /// An exception to a leave cancellation.
    LeaveException(LeaveExceptionId),
    /// A leave on record.
    Leave(LeaveId),
    /// A post of the duty roster.
    Post(PostId),
    /// A shift.
    Shift(ShiftId),
    /// A disinfection site (消杀点位).
    Site(SiteId),
    /// A disinfection schedule (消杀计划).
    DisinfectionSchedule(DisinfectionScheduleId),
    /// A recorded disinfection round (消杀记录).
    DisinfectionRound(DisinfectionRoundId),
    /// A store of supplies.
    Store(StoreId),
    /// A lot of supplies.
    Lot(LotId),
    /// A donation.
    Donation(DonationId),
    /// A stock movement (an issue line, a transfer, an adjustment).
    Movement(MovementId),
}

mod sealed {
    pub trait Sealed {}
}

/// An identifier a command can create: the kinds [`Receipt::created_one`] picks out. Sealed:
/// implemented for every id type of [`Created`], and only for them.
pub trait CreatedId: Copy + sealed::Sealed {
    /// What this kind is called in messages (`"household"`).
    const WHAT: &'static str;

    /// This kind's id, if `created` is one.
    fn from_created(created: &Created) -> Option<Self>;
}

macro_rules! created_id {
    ($($ty:ty => $variant:ident : $what:literal),* $(,)?) => {$(
        impl sealed::Sealed for $ty {}
        impl CreatedId for $ty {
            const WHAT: &'static str = $what;

            fn from_created(created: &Created) -> Option<Self> {
                match created {
                    Created::$variant(id) => Some(*id),
                    _ => None,
                }
            }
        }
        impl From<$ty> for Created {
            fn from(id: $ty) -> Created {
                Created::$variant(id)
            }
        }
    )*};
}

created_id!(
    UnitId => Unit : "unit",
    StaffId => Staff : "member of staff",
    HouseholdId => Household : "household",
    ResidentId => Resident : "resident",
    ObservationId => Observation : "observation",
    DesignationId => Designation : "risk-area designation",
    RoundId => Round : "screening round",
    GatheringOrderId => GatheringOrder : "gathering order",
    GatheringId => Gathering : "planned gathering",
    PersuasionId => Persuasion : "persuasion record",
    VenueId => Venue : "venue",
    ClosureId => Closure : "closure order",
    ReopeningId => Reopening : "reopening order",
    ViolationId => Violation : "violation",
    InspectionId => Inspection : "inspection",
    FindingId => Finding : "finding",
    AccountabilityId => Accountability : "accountability decision",
    CampaignId => Campaign : "publicity campaign",
    PublicityActionId => PublicityAction : "publicity action",
    LeaveCancellationId => LeaveCancellation : "leave cancellation",
    LeaveExceptionId => LeaveException : "leave exception",
    LeaveId => Leave : "leave",
    PostId => Post : "post",
    ShiftId => Shift : "shift",
    SiteId => Site : "disinfection site",
    DisinfectionScheduleId => DisinfectionSchedule : "disinfection schedule",
    DisinfectionRoundId => DisinfectionRound : "disinfection round",
    StoreId => Store : "store",
    LotId => Lot : "lot",
    DonationId => Donation : "donation",
    MovementId => Movement : "stock movement",
);

/// Everything an event creates: most create one thing or nothing; a supplies event may hand
/// out several ids (an issue's movements, a transfer's movement and lots, a donation of goods
/// and its lot).
pub(super) fn created_by(e: &Event) -> Vec<Created> {
    if let Event::Supplies(s) = e {
        return match s {
            SuppliesEvent::StoreEstablished { store, .. } => vec![Created::Store(*store)],
            SuppliesEvent::PurchaseReceived { lot, .. } => vec![Created::Lot(*lot)],
            SuppliesEvent::DonationReceived { donation, lot, .. } => {
                let mut out = vec![Created::Donation(*donation)];
                out.extend(lot.map(Created::Lot));
                out
            }
            SuppliesEvent::Transferred { movement, lots, .. } => {
                let mut out = vec![Created::Movement(*movement)];
                out.extend(lots.iter().map(|l| Created::Lot(*l)));
                out
            }
            SuppliesEvent::Issued { lines, .. } => lines
                .iter()
                .map(|l| Created::Movement(l.movement))
                .collect(),
            SuppliesEvent::AdjustedUp {
                movement,
                lot,
                named,
                ..
            } => {
                let mut out = vec![Created::Movement(*movement)];
                if !named {
                    out.push(Created::Lot(*lot));
                }
                out
            }
            SuppliesEvent::AdjustedDown { movement, .. } => vec![Created::Movement(*movement)],
            _ => Vec::new(),
        };
    }
    created_by_one(e).into_iter().collect()
}

/// What an event of the other modules creates, if anything.
fn created_by_one(e: &Event) -> Option<Created> {
    Some(match e {
        Event::Grid(GridEvent::UnitEstablished { unit, .. }) => Created::Unit(*unit),
        Event::Grid(GridEvent::StaffEnrolled { staff, .. }) => Created::Staff(*staff),
        Event::Grid(GridEvent::HouseholdRegistered { household, .. }) => {
            Created::Household(*household)
        }
        Event::Grid(GridEvent::ResidentRegistered { resident, .. }) => Created::Resident(*resident),
        Event::Observation(ObservationEvent::ObservationOpened { observation, .. }) => {
            Created::Observation(*observation)
        }
        Event::Screening(ScreeningEvent::RiskRegisterChanged {
            change: RegisterChange::Designated(d),
        }) => Created::Designation(d.id),
        Event::Screening(ScreeningEvent::ScreeningRoundOpened { round, .. }) => {
            Created::Round(*round)
        }
        Event::Gathering(g) => match g {
            GatheringEvent::OrderIssued { order, .. } => Created::GatheringOrder(*order),
            GatheringEvent::GatheringReported { gathering, .. } => Created::Gathering(*gathering),
            GatheringEvent::PersuasionRecorded { persuasion, .. } => {
                Created::Persuasion(*persuasion)
            }
            GatheringEvent::VenueRegistered { venue, .. } => Created::Venue(*venue),
            GatheringEvent::ClosureOrdered { closure, .. } => Created::Closure(*closure),
            GatheringEvent::ReopeningOrdered { reopening, .. } => Created::Reopening(*reopening),
            GatheringEvent::ViolationRecorded { violation, .. } => Created::Violation(*violation),
            _ => return None,
        },
        Event::Publicity(p) => match p {
            PublicityEvent::CampaignLaunched { campaign, .. } => Created::Campaign(*campaign),
            PublicityEvent::ActionRecorded { action, .. } => Created::PublicityAction(*action),
            _ => return None,
        },
        Event::Supervision(s) => match s {
            SupervisionEvent::InspectionRecorded { inspection, .. } => {
                Created::Inspection(*inspection)
            }
            SupervisionEvent::FindingRecorded { finding, .. } => Created::Finding(*finding),
            SupervisionEvent::AccountabilityDecided { decision, .. } => {
                Created::Accountability(*decision)
            }
            _ => return None,
        },
        Event::Roster(r) => match r {
            RosterEvent::LeaveCancelled { cancellation, .. } => {
                Created::LeaveCancellation(*cancellation)
            }
            RosterEvent::LeaveExceptionGranted { exception, .. } => {
                Created::LeaveException(*exception)
            }
            RosterEvent::LeaveRecorded { leave, .. } => Created::Leave(*leave),
            RosterEvent::PostEstablished { post, .. } => Created::Post(*post),
            RosterEvent::ShiftScheduled { shift, .. } => Created::Shift(*shift),
            _ => return None,
        },
        Event::Disinfection(d) => match d {
            DisinfectionEvent::SiteRegistered { site, .. } => Created::Site(*site),
            DisinfectionEvent::ScheduleSet { schedule, .. } => {
                Created::DisinfectionSchedule(*schedule)
            }
            DisinfectionEvent::RoundRecorded { round, .. } => Created::DisinfectionRound(*round),
            _ => return None,
        },
        _ => return None,
    })
}

/// The id of kind `$kind` an accepted command created: commands of the kinds this is used for
/// always create one.
macro_rules! created {
    ($receipt:expr, $kind:ident) => {
        match $receipt.created.iter().find_map(|c| match c {
            $crate::registry::Created::$kind(id) => Some(*id),
            _ => None,
        }) {
            Some(id) => id,
            // An accepted command of this kind always creates one.
            None => unreachable!(concat!("an accepted command creates a ", stringify!($kind))),
        }
    };
}
pub(super) use created;
