//! The observation record (观察记录): opening, readings, symptoms, visits, supplies, tests,
//! alerts, period changes, release and closure.

use crate::observation::ObservationError;
use std::fmt;
use std::num::NonZeroU32;
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::followup::instant_at;
use super::protocol::{follow_on_range, test_days_for};
use super::{
    FeverRule, Protocol, Reading, Release, Reporter, SlotCheck, Symptom, TestDay, slot_statuses,
};
use crate::calendar::{Day, Instant, UtcOffset};
use crate::error::Error;
use crate::ids::StoreId;

/// Why an observation was opened.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OpeningBasis {
    /// A screening outcome (摸底排查) placed the person under observation.
    Screening {
        /// The screening rule or outcome that decided it, e.g. `ed9-medium-home-7d`.
        rule: String,
    },
    /// The health centre (卫生院) reported the person as a close contact (密切接触者).
    CloseContact {
        /// What the health centre reported (no identity of the index case is needed).
        note: String,
    },
    /// Another basis, described.
    Other {
        /// The description.
        note: String,
    },
}

/// The opening of an observation (开始观察): everything the record starts from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Opening {
    /// The protocol, copied into the record.
    pub protocol: Protocol,
    /// Day 0: the day of last exposure, or of leaving the risk area.
    pub day0: Day,
    /// When the observation was opened.
    pub at: Instant,
    /// The local time of the unit, in which days are counted (usually [`UtcOffset::CHINA`]).
    pub offset: UtcOffset,
    /// Why.
    pub basis: OpeningBasis,
}

impl Opening {
    /// An opening: the protocol, day 0 (the last exposure), when it is recorded, the local
    /// time days are counted in, and why.
    pub fn new(
        protocol: Protocol,
        day0: Day,
        at: Instant,
        offset: UtcOffset,
        basis: OpeningBasis,
    ) -> Opening {
        Opening {
            protocol,
            day0,
            at,
            offset,
            basis,
        }
    }

    /// Checks that an observation can be opened with this.
    ///
    /// # Errors
    /// - [`ObservationError::InvalidProtocol`](crate::observation::ObservationError::InvalidProtocol) if the protocol fails [`Protocol::validate`];
    /// - [`ObservationError::ExposureInFuture`](crate::observation::ObservationError::ExposureInFuture) if day 0 is after the local day of `at`;
    /// - [`ValueError::DayOutOfRange`](crate::value_error::ValueError::DayOutOfRange) if the period runs past the end of the calendar;
    /// - [`Error::TextRequired`] for a screening rule or note left empty.
    pub fn check(&self) -> Result<(), Error> {
        self.protocol.validate()?;
        let today = self.at.day_in(self.offset);
        if self.day0 > today {
            return Err(Error::Observation(ObservationError::ExposureInFuture {
                day0: self.day0,
                today,
            }));
        }
        let m = self.protocol.follow_on.map_or(0, |f| f.days);
        self.day0
            .plus_days(i64::from(self.protocol.length_days) + i64::from(m) + 1)?;
        match &self.basis {
            OpeningBasis::Screening { rule } => require_text("the screening rule", rule),
            OpeningBasis::CloseContact { note } | OpeningBasis::Other { note } => {
                require_text("the basis of the observation", note)
            }
        }
    }
}

/// A symptom report (症状报告). An empty list is a report of no symptoms.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SymptomReport {
    /// When the symptoms were reported.
    pub at: Instant,
    /// The symptoms; empty for "none".
    pub symptoms: Vec<Symptom>,
    /// Who reported them.
    pub by: Reporter,
    /// A free-text note; required when [`Symptom::Other`] is listed.
    pub note: String,
}

/// A home visit by the health centre (入户随访).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HomeVisit {
    /// When.
    pub at: Instant,
    /// What was done or found.
    pub note: String,
}

/// A kind of supply handed out (防疫物资).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Supply {
    /// Masks (口罩).
    Masks,
    /// Disinfectant (消毒液).
    Disinfectant,
    /// A thermometer (体温计).
    Thermometer,
    /// Something else.
    Other,
}

/// One line of a supply handout: what and how many.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SupplyItem {
    /// What.
    pub supply: Supply,
    /// How many, at least 1.
    pub quantity: NonZeroU32,
}

/// Supplies handed out to the household (发放物资).
///
/// Where the township keeps a supplies ledger, the registry draws the hand-out's masks,
/// disinfectant and thermometers from a store (`store`, or the township's when `None`) in the
/// same command; see the `supplies` module for what happens when no store keeps stock.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SupplyHandout {
    /// When.
    pub at: Instant,
    /// What, at least one item.
    pub items: Vec<SupplyItem>,
    /// The store the supplies come from (a `supplies` store, 仓库); `None` for the
    /// township's. Not written when `None`, so hand-outs recorded before stores existed keep
    /// their bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<StoreId>,
}

/// The result of a test (检测结果).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TestOutcome {
    /// Negative (阴性).
    Negative,
    /// Positive (阳性): raises an alert.
    Positive,
    /// Sampled, result not back yet (待出结果).
    Pending,
}

/// A test (核酸检测) and its result.
///
/// Recording a result for a day that has a pending test replaces the first pending one, so
/// "sampled" and "result back" are two recordings of the same test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TestResult {
    /// The local day the sample was taken.
    pub sampled: Day,
    /// The result.
    pub result: TestOutcome,
    /// When the result (or the sampling, while pending) was recorded.
    pub at: Instant,
}

/// What raised an alert (预警).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AlertCause {
    /// A reading that is a fever under the protocol's rule.
    Fever {
        /// The reading.
        reading: Reading,
        /// The rule it broke.
        rule: FeverRule,
    },
    /// Referral symptoms reported.
    Symptoms {
        /// When reported.
        at: Instant,
        /// The referral symptoms among those reported.
        symptoms: Vec<Symptom>,
    },
    /// A positive test.
    PositiveTest {
        /// The day it was sampled.
        sampled: Day,
    },
}

impl fmt::Display for AlertCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AlertCause::Fever { reading, rule } => {
                write!(f, "a reading of {}, {rule}", reading.temperature)
            }
            AlertCause::Symptoms { symptoms, .. } => {
                f.write_str("reported ")?;
                for (i, s) in symptoms.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{s}")?;
                }
                Ok(())
            }
            AlertCause::PositiveTest { sampled } => {
                write!(f, "a positive test sampled on {sampled}")
            }
        }
    }
}

/// How an alert was resolved.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AlertResolution {
    /// The person was referred to a designated hospital (转诊定点医院); see [`Referral`].
    Referred {
        /// When.
        at: Instant,
        /// The hospital.
        hospital: String,
    },
    /// A health worker cleared the alert (排除), with a reason.
    Cleared {
        /// When.
        at: Instant,
        /// Why.
        reason: String,
    },
}

/// An alert (预警): raised by a fever reading, a referral symptom or a positive test, and
/// open until the person is referred or a health worker clears it with a reason. No release
/// while an alert is open.
///
/// While an alert is open, further fever readings, referral symptoms and positive tests are
/// added to its causes rather than raising new alerts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Alert {
    /// Its number within the observation, from 1.
    pub number: u32,
    /// When it was raised (the instant of its first cause).
    pub raised_at: Instant,
    /// What raised it, first cause first.
    pub causes: Vec<AlertCause>,
    /// How it was resolved; `None` while open.
    pub resolution: Option<AlertResolution>,
}

impl Alert {
    /// Whether it is still open.
    pub fn is_open(&self) -> bool {
        self.resolution.is_none()
    }
}

/// A health worker clears an open alert (排除预警), with a reason.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AlertClearance {
    /// The alert's number.
    pub number: u32,
    /// When.
    pub at: Instant,
    /// Why, e.g. "re-measured 36.8 ℃ under the arm after exercise".
    pub reason: String,
}

/// Referral to a designated hospital (转诊定点医院): resolves every open alert and closes the
/// observation. If the hospital rules the person out, a new observation is opened.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Referral {
    /// When.
    pub at: Instant,
    /// The hospital.
    pub hospital: String,
}

/// Transfer out of the jurisdiction (转出): closes the observation here.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Transfer {
    /// When.
    pub at: Instant,
    /// Where to (the receiving unit).
    pub to: String,
}

/// Why an observation ended other than by release, referral or transfer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EndReason {
    /// The index case was ruled out (排除): the contact's observation ends.
    IndexCaseRuledOut,
    /// The person died.
    Died,
    /// The person could not be followed up (失访).
    LostToFollowUp,
    /// Another reason, written out.
    Other(String),
}

impl fmt::Display for EndReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndReason::IndexCaseRuledOut => f.write_str("the index case was ruled out"),
            EndReason::Died => f.write_str("the person died"),
            EndReason::LostToFollowUp => f.write_str("lost to follow-up"),
            EndReason::Other(r) => f.write_str(r),
        }
    }
}

/// The end of an observation for another recorded reason.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ending {
    /// When.
    pub at: Instant,
    /// Why.
    pub reason: EndReason,
}

/// How an observation was closed other than by release.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Closure {
    /// Referred to a designated hospital.
    Referred(Referral),
    /// Transferred out of the jurisdiction.
    TransferredOut(Transfer),
    /// Ended for another reason.
    Ended(Ending),
}

impl Closure {
    /// When it happened.
    pub fn at(&self) -> Instant {
        match self {
            Closure::Referred(r) => r.at,
            Closure::TransferredOut(t) => t.at,
            Closure::Ended(e) => e.at,
        }
    }
}

/// An extension or shortening of the period (延长/缩短观察期), with its reason and the
/// previous end, kept in the history.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PeriodChange {
    /// The last day under observation before the change.
    pub previous_last_day: Day,
    /// The last day under observation after it.
    pub new_last_day: Day,
    /// Why.
    pub reason: String,
    /// When.
    pub at: Instant,
}

/// A new exposure restarting the period (重新计算观察期): day 0 moves to the new exposure
/// and the period is the protocol's length again from there. Earlier extensions and
/// shortenings stay in the history but do not carry over.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExposureRestart {
    /// Day 0 before.
    pub previous_day0: Day,
    /// The day of the new exposure, the new day 0.
    pub new_day0: Day,
    /// The last day under observation before.
    pub previous_last_day: Day,
    /// The last day under observation from now on (new day 0 + N).
    pub new_last_day: Day,
    /// What the exposure was.
    pub reason: String,
    /// When recorded.
    pub at: Instant,
}

/// Where an observation stands on a day (观察状态), derived from the record.
///
/// Follow-on monitoring is derived, not recorded: from the release day through the last day
/// of follow-on (day N + M) a released person is [`Status::FollowOnMonitoring`], then
/// [`Status::Released`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// Under medical observation (医学观察中), including after the last day until a health
    /// worker releases the person.
    UnderObservation,
    /// Released into follow-on health monitoring (健康监测中).
    FollowOnMonitoring {
        /// Its last day.
        until: Day,
    },
    /// Released (解除观察) and done.
    Released {
        /// The release day.
        on: Day,
        /// Whether the release overrode the rules.
        overridden: bool,
    },
    /// Referred to a designated hospital.
    Referred {
        /// The day.
        on: Day,
        /// The hospital.
        hospital: String,
    },
    /// Transferred out of the jurisdiction.
    TransferredOut {
        /// The day.
        on: Day,
        /// Where to.
        to: String,
    },
    /// Ended for another recorded reason.
    Ended {
        /// The day.
        on: Day,
        /// Why.
        reason: EndReason,
    },
}

impl Status {
    /// Whether things can still be recorded: under observation or in follow-on monitoring.
    pub fn is_open(&self) -> bool {
        matches!(
            self,
            Status::UnderObservation | Status::FollowOnMonitoring { .. }
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::UnderObservation => f.write_str("under observation"),
            Status::FollowOnMonitoring { until } => {
                write!(f, "released, in follow-on monitoring until {until}")
            }
            Status::Released {
                on,
                overridden: false,
            } => write!(f, "released on {on}"),
            Status::Released {
                on,
                overridden: true,
            } => write!(f, "released on {on} by override"),
            Status::Referred { on, hospital } => write!(f, "referred to {hospital} on {on}"),
            Status::TransferredOut { on, to } => write!(f, "transferred out to {to} on {on}"),
            Status::Ended { on, reason } => write!(f, "ended on {on}: {reason}"),
        }
    }
}

/// The day `n` days after `day`; the calendar ends are checked when an observation is opened,
/// so this falls back to `day` only for records built around those checks.
pub(crate) fn shift(day: Day, n: i64) -> Day {
    day.plus_days(n).unwrap_or(day)
}

pub(crate) fn require_text(what: &str, text: &str) -> Result<(), Error> {
    if text.trim().is_empty() {
        Err(Error::TextRequired { what: what.into() })
    } else {
        Ok(())
    }
}

fn not_after(what: &str, at: Instant, now: Instant) -> Result<(), Error> {
    if at > now {
        Err(Error::InFuture {
            what: what.into(),
            at,
            now,
        })
    } else {
        Ok(())
    }
}

/// The record of one person's medical observation (医学观察记录).
///
/// It holds the facts (the protocol copied at opening, day 0, readings, symptom reports,
/// visits, supplies, tests, alerts, period changes, exposure restarts, release, closure) and
/// derives the rest (status, due checks, release decisions). Changes come in two halves, for
/// the registry to turn into commands and events: a `check_*` method (or, where the change
/// carries derived values, a method building it: [`Observation::period_change`],
/// [`Observation::exposure_restart`], [`Observation::release`]) validates against the current
/// state and refuses with an [`Error`]; the registry then records it (its `apply_*` methods are
/// internal, so nothing outside the registry changes an observation without its checks).
///
/// ```
/// use fangkong::{Instant, UtcOffset};
/// use fangkong::observation::{Observation, Opening, OpeningBasis, Protocol, Status};
/// let at: Instant = "2020-01-24T10:00:00+08:00".parse()?;
/// let day0 = "2020-01-20".parse()?; // left Wuhan
/// let basis = OpeningBasis::Screening { rule: "wuhan-returnee".into() };
/// let obs = Observation::open(Opening::new(
///     Protocol::returnee_jan2020(), day0, at, UtcOffset::CHINA, basis,
/// ))?;
/// assert_eq!(obs.last_day().to_string(), "2020-02-03");
/// assert_eq!(obs.earliest_release().to_string(), "2020-02-04");
/// assert_eq!(obs.status_on("2020-02-04".parse()?), Status::UnderObservation);
/// # Ok::<(), fangkong::Error>(())
/// ```
// Serialize only: an observation is rebuilt from its events, never read from outside, so no
// deserialization can skip the checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observation {
    protocol: Protocol,
    basis: OpeningBasis,
    opened_at: Instant,
    offset: UtcOffset,
    day0: Day,
    last_day: Day,
    readings: Vec<Reading>,
    /// `None` while all of them are empty (most observations): 160 bytes less per observation
    /// (issue 14).
    rare: Option<Box<RareLists>>,
    release: Option<Release>,
    closure: Option<Closure>,
}

/// The lists of an observation that most observations leave empty (issue 14).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct RareLists {
    symptom_reports: Vec<SymptomReport>,
    visits: Vec<HomeVisit>,
    handouts: Vec<SupplyHandout>,
    tests: Vec<TestResult>,
    alerts: Vec<Alert>,
    period_changes: Vec<PeriodChange>,
    restarts: Vec<ExposureRestart>,
}

/// All of them empty.
static NO_RARE_LISTS: RareLists = RareLists {
    symptom_reports: Vec::new(),
    visits: Vec::new(),
    handouts: Vec::new(),
    tests: Vec::new(),
    alerts: Vec::new(),
    period_changes: Vec::new(),
    restarts: Vec::new(),
};

impl Serialize for Observation {
    /// The fields in their order, the rare lists among them (as before issue 14).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let rare = self.rare();
        let mut st = s.serialize_struct("Observation", 16)?;
        st.serialize_field("protocol", &self.protocol)?;
        st.serialize_field("basis", &self.basis)?;
        st.serialize_field("opened_at", &self.opened_at)?;
        st.serialize_field("offset", &self.offset)?;
        st.serialize_field("day0", &self.day0)?;
        st.serialize_field("last_day", &self.last_day)?;
        st.serialize_field("readings", &self.readings)?;
        st.serialize_field("symptom_reports", &rare.symptom_reports)?;
        st.serialize_field("visits", &rare.visits)?;
        st.serialize_field("handouts", &rare.handouts)?;
        st.serialize_field("tests", &rare.tests)?;
        st.serialize_field("alerts", &rare.alerts)?;
        st.serialize_field("period_changes", &rare.period_changes)?;
        st.serialize_field("restarts", &rare.restarts)?;
        st.serialize_field("release", &self.release)?;
        st.serialize_field("closure", &self.closure)?;
        st.end()
    }
}

impl Observation {
    /// Checks `opening` and opens the observation.
    ///
    /// # Errors
    /// As [`Opening::check`].
    pub fn open(opening: Opening) -> Result<Observation, Error> {
        opening.check()?;
        Ok(Observation::from_opening(opening))
    }

    /// The observation as opened, without checks (for replaying a recorded opening).
    pub(crate) fn from_opening(opening: Opening) -> Observation {
        let last_day = shift(opening.day0, i64::from(opening.protocol.length_days));
        Observation {
            protocol: opening.protocol,
            basis: opening.basis,
            opened_at: opening.at,
            offset: opening.offset,
            day0: opening.day0,
            last_day,
            readings: Vec::new(),
            rare: None,
            release: None,
            closure: None,
        }
    }

    /// The rare lists (empty ones while none was written to).
    fn rare(&self) -> &RareLists {
        self.rare.as_deref().unwrap_or(&NO_RARE_LISTS)
    }

    /// The rare lists, to write to.
    fn rare_mut(&mut self) -> &mut RareLists {
        self.rare.get_or_insert_with(Box::default)
    }

    // ----- the facts -----

    /// The protocol, as copied at opening.
    pub fn protocol(&self) -> &Protocol {
        &self.protocol
    }

    /// Why the observation was opened.
    pub fn basis(&self) -> &OpeningBasis {
        &self.basis
    }

    /// When it was opened.
    pub fn opened_at(&self) -> Instant {
        self.opened_at
    }

    /// The unit's local time, in which days are counted.
    pub fn offset(&self) -> UtcOffset {
        self.offset
    }

    /// Day 0: the last exposure (after any restart).
    pub fn day0(&self) -> Day {
        self.day0
    }

    /// The last day under observation (day0 + N, after any change).
    pub fn last_day(&self) -> Day {
        self.last_day
    }

    /// The earliest day of release, the day after [`Observation::last_day`].
    pub fn earliest_release(&self) -> Day {
        shift(self.last_day, 1)
    }

    /// The current length of the period in days (N, after any change).
    pub fn length_days(&self) -> i64 {
        self.last_day.days_since(self.day0)
    }

    /// The number of `day` counted from day 0.
    pub fn day_number(&self, day: Day) -> i64 {
        day.days_since(self.day0)
    }

    /// The days of follow-on monitoring after the current last day, if the protocol has any.
    pub fn follow_on_days(&self) -> Option<RangeInclusive<Day>> {
        follow_on_range(self.last_day, self.protocol.follow_on)
            .ok()
            .flatten()
    }

    /// The scheduled test days under the current period. Observation test days after a
    /// shortened period's last day are dropped; an extended period keeps its test days where
    /// they were; follow-on test days follow the current last day.
    pub fn test_days(&self) -> Vec<(Day, TestDay)> {
        test_days_for(&self.protocol.tests, self.day0, self.last_day).unwrap_or_default()
    }

    /// The readings, in the order recorded.
    pub fn readings(&self) -> &[Reading] {
        &self.readings
    }

    /// The symptom reports, in the order recorded.
    pub fn symptom_reports(&self) -> &[SymptomReport] {
        &self.rare().symptom_reports
    }

    /// The home visits.
    pub fn visits(&self) -> &[HomeVisit] {
        &self.rare().visits
    }

    /// The supply handouts.
    pub fn handouts(&self) -> &[SupplyHandout] {
        &self.rare().handouts
    }

    /// The tests.
    pub fn tests(&self) -> &[TestResult] {
        &self.rare().tests
    }

    /// Every alert, open or resolved.
    pub fn alerts(&self) -> &[Alert] {
        &self.rare().alerts
    }

    /// The open alerts.
    pub fn open_alerts(&self) -> impl Iterator<Item = &Alert> {
        self.rare().alerts.iter().filter(|a| a.is_open())
    }

    /// The history of extensions and shortenings.
    pub fn period_changes(&self) -> &[PeriodChange] {
        &self.rare().period_changes
    }

    /// The history of new exposures restarting the period.
    pub fn restarts(&self) -> &[ExposureRestart] {
        &self.rare().restarts
    }

    /// The release, once decided.
    pub fn release_record(&self) -> Option<&Release> {
        self.release.as_ref()
    }

    /// The closure other than release (referral, transfer, end), if any.
    pub fn closure(&self) -> Option<&Closure> {
        self.closure.as_ref()
    }

    // ----- derived -----

    /// Where the observation stands on the local `day`, from what is recorded.
    pub fn status_on(&self, day: Day) -> Status {
        if let Some(c) = &self.closure {
            let on = c.at().day_in(self.offset);
            if on <= day {
                return match c {
                    Closure::Referred(r) => Status::Referred {
                        on,
                        hospital: r.hospital.clone(),
                    },
                    Closure::TransferredOut(t) => Status::TransferredOut {
                        on,
                        to: t.to.clone(),
                    },
                    Closure::Ended(e) => Status::Ended {
                        on,
                        reason: e.reason.clone(),
                    },
                };
            }
        }
        match &self.release {
            Some(r) if r.on <= day => match self.follow_on_days() {
                Some(f) if day <= *f.end() => Status::FollowOnMonitoring { until: *f.end() },
                _ => Status::Released {
                    on: r.on,
                    overridden: r.override_reason.is_some(),
                },
            },
            _ => Status::UnderObservation,
        }
    }

    /// Whether the observation is open on the local day of `now`.
    pub fn is_open(&self, now: Instant) -> bool {
        self.status_on(now.day_in(self.offset)).is_open()
    }

    /// The first day with check slots: day 1 of the first period, or the opening day if later.
    fn first_check_day(&self) -> Day {
        let first_day0 = self
            .rare()
            .restarts
            .first()
            .map_or(self.day0, |r| r.previous_day0);
        shift(first_day0, 1).max(self.opened_at.day_in(self.offset))
    }

    /// The last day with check slots, if bounded by the end of follow-on, and the instant
    /// after which no new check is expected, if the observation has closed.
    fn check_bounds(&self) -> (Option<Day>, Option<Instant>) {
        let closed = self.closure.as_ref().map(Closure::at);
        let (last, released) = match (&self.release, self.follow_on_days()) {
            (None, _) => (None, None),
            (Some(r), Some(f)) if r.on <= *f.end() => (Some(*f.end()), None),
            (Some(r), _) => (None, Some(r.at)),
        };
        let end = match (closed, released) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        (last, end)
    }

    /// The check slots of the local `day` and where each stands as of `now`.
    ///
    /// Days have slots from day 1 of the period (or the opening day, if later) through the
    /// end of observation: while under observation, every day, also past the last day until a
    /// health worker releases the person; after release, through the last day of follow-on
    /// monitoring. On the opening day a slot whose window ended before the opening is not
    /// expected; on the day of a closure (referral, transfer, end, or a release without
    /// follow-on) only slots whose window ended before it, or that have a reading, are kept.
    /// See [`slot_statuses`] for how readings are matched to slots.
    pub fn checks_on(&self, day: Day, now: Instant) -> Vec<SlotCheck> {
        if day < self.first_check_day() {
            return Vec::new();
        }
        let (last, end) = self.check_bounds();
        if last.is_some_and(|l| day > l) || end.is_some_and(|e| day > e.day_in(self.offset)) {
            return Vec::new();
        }
        let mut checks = slot_statuses(&self.protocol, &self.readings, day, now, self.offset);
        if day == self.opened_at.day_in(self.offset) {
            let opened = self.opened_at.time_in(self.offset);
            checks.retain(|c| c.slot.end >= opened);
        }
        if let Some(e) = end.filter(|e| e.day_in(self.offset) == day) {
            let closed = e.time_in(self.offset);
            checks.retain(|c| c.status.reading().is_some() || c.slot.end < closed);
        }
        checks
    }

    /// The start of the local `day`, as an instant.
    /// How many checks of `day` were missed, as of the end of that day (the window and its
    /// grace period over without a reading).
    pub(crate) fn missed_checks_on(&self, day: Day) -> usize {
        let Ok(next) = day.plus_days(1) else {
            return 0;
        };
        self.checks_on(day, self.start_of(next))
            .iter()
            .filter(|c| c.status == super::SlotStatus::Missed)
            .count()
    }

    pub(crate) fn start_of(&self, day: Day) -> Instant {
        instant_at(day, 0, self.offset)
    }

    pub(crate) fn first_check_day_for_release(&self) -> Day {
        self.first_check_day()
    }

    // ----- checks and applications -----

    /// Where the observation stands as of `now`, counting a release or closure as having
    /// happened even if `now` is dated before it (records never go back in time).
    fn status_as_of(&self, now: Instant) -> Status {
        let recorded = [
            self.release.as_ref().map(|r| r.on),
            self.closure.as_ref().map(|c| c.at().day_in(self.offset)),
        ];
        let day = recorded
            .into_iter()
            .flatten()
            .fold(now.day_in(self.offset), Day::max);
        self.status_on(day)
    }

    fn ensure_open(&self, now: Instant) -> Result<(), Error> {
        let status = self.status_as_of(now);
        if status.is_open() {
            Ok(())
        } else {
            Err(Error::Observation(ObservationError::ObservationClosed {
                status: status.to_string(),
                status_zh: status.display_zh().to_string(),
            }))
        }
    }

    fn ensure_under_observation(&self, now: Instant) -> Result<(), Error> {
        let status = self.status_as_of(now);
        if status == Status::UnderObservation {
            Ok(())
        } else {
            Err(Error::Observation(ObservationError::ObservationClosed {
                status: status.to_string(),
                status_zh: status.display_zh().to_string(),
            }))
        }
    }

    fn raise(&mut self, cause: AlertCause, at: Instant) {
        if let Some(open) = self.rare_mut().alerts.iter_mut().find(|a| a.is_open()) {
            open.causes.push(cause);
        } else {
            let number = u32::try_from(self.rare().alerts.len() + 1).unwrap_or(u32::MAX);
            self.rare_mut().alerts.push(Alert {
                number,
                raised_at: at,
                causes: vec![cause],
                resolution: None,
            });
        }
    }

    /// Checks a reading recorded at `now`.
    ///
    /// # Errors
    /// [`ObservationError::ObservationClosed`](crate::observation::ObservationError::ObservationClosed) after referral, transfer, end, or the end of follow-on;
    /// [`Error::InFuture`] for a reading dated after `now`. (Implausible temperatures cannot
    /// reach this point: [`super::Temperature`] refuses them.)
    pub fn check_reading(&self, reading: &Reading, now: Instant) -> Result<(), Error> {
        self.ensure_open(now)?;
        not_after("a reading", reading.at, now)
    }

    /// Records a reading; a fever under the protocol's rule raises an alert (or is added to
    /// the open one).
    pub(crate) fn apply_reading(&mut self, reading: Reading) {
        if self.protocol.fever.is_fever(reading.temperature) {
            let rule = self.protocol.fever;
            self.raise(AlertCause::Fever { reading, rule }, reading.at);
        }
        self.readings.push(reading);
    }

    /// Checks a symptom report recorded at `now`.
    ///
    /// # Errors
    /// [`ObservationError::ObservationClosed`](crate::observation::ObservationError::ObservationClosed); [`Error::InFuture`]; [`Error::TextRequired`] when
    /// [`Symptom::Other`] is listed without a note.
    pub fn check_symptoms(&self, report: &SymptomReport, now: Instant) -> Result<(), Error> {
        self.ensure_open(now)?;
        not_after("a symptom report", report.at, now)?;
        if report.symptoms.contains(&Symptom::Other) {
            require_text("a note describing the other symptom", &report.note)?;
        }
        Ok(())
    }

    /// Records a symptom report; referral symptoms raise an alert (or are added to the open
    /// one).
    pub(crate) fn apply_symptoms(&mut self, report: SymptomReport) {
        let mut referral: Vec<Symptom> = report
            .symptoms
            .iter()
            .copied()
            .filter(|s| self.protocol.referral_symptoms.contains(s))
            .collect();
        referral.dedup();
        if !referral.is_empty() {
            let at = report.at;
            self.raise(
                AlertCause::Symptoms {
                    at,
                    symptoms: referral,
                },
                at,
            );
        }
        self.rare_mut().symptom_reports.push(report);
    }

    /// Checks a home visit recorded at `now`.
    ///
    /// # Errors
    /// [`ObservationError::ObservationClosed`](crate::observation::ObservationError::ObservationClosed); [`Error::InFuture`].
    pub fn check_visit(&self, visit: &HomeVisit, now: Instant) -> Result<(), Error> {
        self.ensure_open(now)?;
        not_after("a home visit", visit.at, now)
    }

    /// Records a home visit.
    pub(crate) fn apply_visit(&mut self, visit: HomeVisit) {
        self.rare_mut().visits.push(visit);
    }

    /// Checks a supply handout recorded at `now`.
    ///
    /// # Errors
    /// [`ObservationError::ObservationClosed`](crate::observation::ObservationError::ObservationClosed); [`Error::InFuture`]; [`ObservationError::EmptyHandout`](crate::observation::ObservationError::EmptyHandout) for a
    /// handout listing nothing.
    pub fn check_handout(&self, handout: &SupplyHandout, now: Instant) -> Result<(), Error> {
        self.ensure_open(now)?;
        not_after("a supply handout", handout.at, now)?;
        if handout.items.is_empty() {
            return Err(Error::Observation(ObservationError::EmptyHandout));
        }
        Ok(())
    }

    /// Records a supply handout.
    pub(crate) fn apply_handout(&mut self, handout: SupplyHandout) {
        self.rare_mut().handouts.push(handout);
    }

    /// Checks a test result recorded at `result.at`.
    ///
    /// # Errors
    /// [`ObservationError::ObservationClosed`](crate::observation::ObservationError::ObservationClosed); [`ObservationError::TestSampledInFuture`](crate::observation::ObservationError::TestSampledInFuture) for a sample dated after
    /// the local day of `result.at`.
    pub fn check_test_result(&self, result: &TestResult) -> Result<(), Error> {
        self.ensure_open(result.at)?;
        let today = result.at.day_in(self.offset);
        if result.sampled > today {
            return Err(Error::Observation(ObservationError::TestSampledInFuture {
                sampled: result.sampled,
                today,
            }));
        }
        Ok(())
    }

    /// Records a test result, replacing the first pending test sampled the same day if there
    /// is one; a positive result raises an alert (or is added to the open one).
    pub(crate) fn apply_test_result(&mut self, result: TestResult) {
        if result.result == TestOutcome::Positive {
            let sampled = result.sampled;
            self.raise(AlertCause::PositiveTest { sampled }, result.at);
        }
        let pending = self
            .rare_mut()
            .tests
            .iter_mut()
            .find(|t| t.sampled == result.sampled && t.result == TestOutcome::Pending);
        match pending {
            Some(t) if result.result != TestOutcome::Pending => *t = result,
            _ => self.rare_mut().tests.push(result),
        }
    }

    /// Checks the clearing of an alert by a health worker.
    ///
    /// # Errors
    /// [`ObservationError::AlertNotFound`](crate::observation::ObservationError::AlertNotFound) for a number with no alert; [`ObservationError::AlertAlreadyResolved`](crate::observation::ObservationError::AlertAlreadyResolved);
    /// [`Error::TextRequired`] for an empty reason.
    pub fn check_clearance(&self, clearance: &AlertClearance) -> Result<(), Error> {
        let number = clearance.number;
        let alert = self
            .rare()
            .alerts
            .iter()
            .find(|a| a.number == number)
            .ok_or(Error::Observation(ObservationError::AlertNotFound {
                number,
            }))?;
        if !alert.is_open() {
            return Err(Error::Observation(ObservationError::AlertAlreadyResolved {
                number,
            }));
        }
        require_text(
            &format!("the reason for clearing alert {number}"),
            &clearance.reason,
        )
    }

    /// Clears an open alert.
    pub(crate) fn apply_clearance(&mut self, clearance: AlertClearance) {
        if let Some(a) = self
            .rare
            .iter_mut()
            .flat_map(|r| r.alerts.iter_mut())
            .find(|a| a.number == clearance.number && a.is_open())
        {
            a.resolution = Some(AlertResolution::Cleared {
                at: clearance.at,
                reason: clearance.reason,
            });
        }
    }

    /// Checks a referral.
    ///
    /// # Errors
    /// [`ObservationError::ObservationClosed`](crate::observation::ObservationError::ObservationClosed); [`Error::TextRequired`] for an empty hospital name.
    pub fn check_referral(&self, referral: &Referral) -> Result<(), Error> {
        self.ensure_open(referral.at)?;
        require_text("the designated hospital", &referral.hospital)
    }

    /// Records a referral: every open alert is resolved by it and the observation closes.
    pub(crate) fn apply_referral(&mut self, referral: Referral) {
        for a in self
            .rare
            .iter_mut()
            .flat_map(|r| r.alerts.iter_mut())
            .filter(|a| a.is_open())
        {
            a.resolution = Some(AlertResolution::Referred {
                at: referral.at,
                hospital: referral.hospital.clone(),
            });
        }
        self.closure = Some(Closure::Referred(referral));
    }

    /// Checks a transfer out of the jurisdiction.
    ///
    /// # Errors
    /// [`ObservationError::ObservationClosed`](crate::observation::ObservationError::ObservationClosed); [`Error::TextRequired`] for an empty destination.
    pub fn check_transfer(&self, transfer: &Transfer) -> Result<(), Error> {
        self.ensure_open(transfer.at)?;
        require_text("where the person is transferred to", &transfer.to)
    }

    /// Records a transfer out; the observation closes here (open alerts stay open in the
    /// record for the receiving unit to see).
    pub(crate) fn apply_transfer(&mut self, transfer: Transfer) {
        self.closure = Some(Closure::TransferredOut(transfer));
    }

    /// Checks the end of the observation for another reason.
    ///
    /// # Errors
    /// [`ObservationError::ObservationClosed`](crate::observation::ObservationError::ObservationClosed); [`Error::TextRequired`] for [`EndReason::Other`] with
    /// an empty text.
    pub fn check_ending(&self, ending: &Ending) -> Result<(), Error> {
        self.ensure_open(ending.at)?;
        if let EndReason::Other(r) = &ending.reason {
            require_text("the reason the observation ended", r)?;
        }
        Ok(())
    }

    /// Records the end of the observation for another reason.
    pub(crate) fn apply_ending(&mut self, ending: Ending) {
        self.closure = Some(Closure::Ended(ending));
    }

    /// Builds an extension or shortening of the period to `new_last_day`, checked.
    ///
    /// ```
    /// use fangkong::{Instant, UtcOffset};
    /// use fangkong::observation::{Observation, Opening, OpeningBasis, Protocol};
    ///
    /// let at: Instant = "2020-01-24T10:00:00+08:00".parse()?;
    /// let obs = Observation::open(Opening::new(Protocol::returnee_jan2020(),
    ///     "2020-01-20".parse()?, at, UtcOffset::CHINA,
    ///     OpeningBasis::Screening { rule: "wuhan".into() }))?;
    /// let change = obs.period_change("2020-02-06".parse()?, "household member fell ill", at)?;
    /// assert_eq!(change.previous_last_day.to_string(), "2020-02-03");
    /// // The registry records it with ObservationUpdate::ChangePeriod.
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ObservationError::ObservationClosed`](crate::observation::ObservationError::ObservationClosed) unless under observation (not after release);
    /// [`Error::TextRequired`] for an empty reason; [`ObservationError::PeriodUnchanged`](crate::observation::ObservationError::PeriodUnchanged) for the current
    /// last day; [`ObservationError::PeriodTooShort`](crate::observation::ObservationError::PeriodTooShort) for a last day on or before day 0;
    /// [`ValueError::DayOutOfRange`](crate::value_error::ValueError::DayOutOfRange) at the ends of the calendar.
    pub fn period_change(
        &self,
        new_last_day: Day,
        reason: &str,
        at: Instant,
    ) -> Result<PeriodChange, Error> {
        self.ensure_under_observation(at)?;
        require_text("the reason for changing the period", reason)?;
        if new_last_day == self.last_day {
            return Err(Error::Observation(ObservationError::PeriodUnchanged {
                last_day: new_last_day,
            }));
        }
        if new_last_day <= self.day0 {
            return Err(Error::Observation(ObservationError::PeriodTooShort {
                day0: self.day0,
                new_last_day,
            }));
        }
        let m = self.protocol.follow_on.map_or(0, |f| f.days);
        new_last_day.plus_days(i64::from(m) + 1)?;
        Ok(PeriodChange {
            previous_last_day: self.last_day,
            new_last_day,
            reason: reason.to_owned(),
            at,
        })
    }

    /// Records an extension or shortening; the history keeps it.
    pub(crate) fn apply_period_change(&mut self, change: PeriodChange) {
        self.last_day = change.new_last_day;
        self.rare_mut().period_changes.push(change);
    }

    /// Builds a restart of the period from a new exposure on `new_day0`, checked.
    ///
    /// # Errors
    /// [`ObservationError::ObservationClosed`](crate::observation::ObservationError::ObservationClosed) unless under observation (a new exposure after release
    /// opens a new observation); [`Error::TextRequired`] for an empty description;
    /// [`ObservationError::ExposureNotLater`](crate::observation::ObservationError::ExposureNotLater) unless `new_day0` is after the current day 0;
    /// [`ObservationError::ExposureInFuture`](crate::observation::ObservationError::ExposureInFuture) if it is after the local day of `at`;
    /// [`ValueError::DayOutOfRange`](crate::value_error::ValueError::DayOutOfRange) at the ends of the calendar.
    pub fn exposure_restart(
        &self,
        new_day0: Day,
        reason: &str,
        at: Instant,
    ) -> Result<ExposureRestart, Error> {
        self.ensure_under_observation(at)?;
        require_text("a description of the new exposure", reason)?;
        if new_day0 <= self.day0 {
            return Err(Error::Observation(ObservationError::ExposureNotLater {
                current_day0: self.day0,
                new_day0,
            }));
        }
        let today = at.day_in(self.offset);
        if new_day0 > today {
            return Err(Error::Observation(ObservationError::ExposureInFuture {
                day0: new_day0,
                today,
            }));
        }
        let n = i64::from(self.protocol.length_days);
        let m = i64::from(self.protocol.follow_on.map_or(0, |f| f.days));
        let new_last_day = new_day0.plus_days(n)?;
        new_day0.plus_days(n + m + 1)?;
        Ok(ExposureRestart {
            previous_day0: self.day0,
            new_day0,
            previous_last_day: self.last_day,
            new_last_day,
            reason: reason.to_owned(),
            at,
        })
    }

    /// Records a new exposure: day 0 and the last day move.
    pub(crate) fn apply_exposure_restart(&mut self, restart: ExposureRestart) {
        self.day0 = restart.new_day0;
        self.last_day = restart.new_last_day;
        self.rare_mut().restarts.push(restart);
    }

    /// Builds a health worker's release at `at`, on the local day of `at`, checked against
    /// [`super::evaluate_release`].
    ///
    /// Without an override the rules must say release. With one (a non-empty written reason)
    /// the release goes ahead whatever the rules say, and the record keeps both the reason and
    /// the decision it overrode.
    ///
    /// # Errors
    /// - [`ObservationError::ObservationClosed`](crate::observation::ObservationError::ObservationClosed) unless under observation;
    /// - [`ObservationError::ReleaseRefused`](crate::observation::ObservationError::ReleaseRefused) with every reason, when the rules say not yet or blocked and
    ///   there is no override;
    /// - [`Error::TextRequired`] for an override whose reason is empty or blank;
    /// - [`ObservationError::OverrideNotNeeded`](crate::observation::ObservationError::OverrideNotNeeded) for an override when the rules already allow release.
    pub fn release(&self, at: Instant, override_reason: Option<&str>) -> Result<Release, Error> {
        self.ensure_under_observation(at)?;
        let on = at.day_in(self.offset);
        let decision = super::evaluate_release(self, on);
        match (decision.is_release(), override_reason) {
            (true, None) => Ok(Release {
                at,
                on,
                decision,
                override_reason: None,
            }),
            (true, Some(_)) => Err(Error::Observation(ObservationError::OverrideNotNeeded {
                day: on,
            })),
            (false, None) => Err(Error::Observation(ObservationError::ReleaseRefused {
                day: on,
                reasons: decision.reason_sentences(),
                reasons_zh: decision
                    .reasons()
                    .iter()
                    .map(|r| r.display_zh().to_string())
                    .collect::<Vec<_>>()
                    .join("；"),
            })),
            (false, Some(reason)) => {
                require_text(
                    "the written reason for overriding the release rules",
                    reason,
                )?;
                Ok(Release {
                    at,
                    on,
                    decision,
                    override_reason: Some(reason.to_owned()),
                })
            }
        }
    }

    /// Records a release.
    pub(crate) fn apply_release(&mut self, release: Release) {
        self.release = Some(release);
    }
}
