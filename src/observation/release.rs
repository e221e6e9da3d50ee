//! Release (解除观察): decisions that explain themselves, the review list and the
//! non-reporting list.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{
    AlertCause, Observation, SlotCheck, SlotStatus, Status, TestDay, TestOutcome, TestRequirement,
};
use crate::calendar::{Day, Instant};

use super::record::shift;

/// A check slot missed on a day.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MissedCheck {
    /// The local day.
    pub day: Day,
    /// The slot's name.
    pub slot: String,
}

impl fmt::Display for MissedCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.day, self.slot)
    }
}

/// One reason in a release decision: a condition met, or one that holds release up. Its
/// `Display` is a sentence a cadre can read out.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// The day is still within the period (or before it).
    PeriodNotOver {
        /// The day evaluated.
        day: Day,
        /// Its number, counted from day 0.
        day_number: i64,
        /// The length of the period, N.
        length: i64,
        /// The earliest day of release, N + 1.
        earliest: Day,
    },
    /// The period is over.
    PeriodComplete {
        /// Its length, N.
        length: i64,
        /// Its last day.
        last_day: Day,
    },
    /// An alert is open.
    OpenAlert {
        /// The alert's number.
        number: u32,
        /// When it was raised.
        raised_at: Instant,
        /// Its first cause.
        cause: AlertCause,
    },
    /// No alert is open.
    NoOpenAlert,
    /// More checks were missed than the protocol tolerates.
    TooManyMissedChecks {
        /// The missed checks.
        missed: Vec<MissedCheck>,
        /// How many the protocol tolerates.
        tolerance: u16,
    },
    /// The missed checks, if any, are within the protocol's tolerance.
    ChecksWithinTolerance {
        /// The missed checks.
        missed: Vec<MissedCheck>,
        /// How many the protocol tolerates.
        tolerance: u16,
    },
    /// A scheduled test day passed without a sample.
    TestMissing {
        /// The test day.
        test: TestDay,
        /// Its calendar day.
        day: Day,
    },
    /// A test that counts has no result yet.
    TestPending {
        /// Its day number.
        day_number: i64,
        /// The day it was sampled.
        sampled: Day,
    },
    /// A test that counts is positive.
    TestPositive {
        /// Its day number.
        day_number: i64,
        /// The day it was sampled.
        sampled: Day,
    },
    /// A scheduled test is negative.
    TestNegative {
        /// Its day number.
        day_number: i64,
        /// The day it was sampled.
        sampled: Day,
    },
    /// No negative test sampled on day `from_day` or later (US CDC option 2).
    NoNegativeTestFrom {
        /// The first day number that counts.
        from_day: u16,
        /// Its calendar day.
        from: Day,
    },
    /// A negative test sampled on day `from_day` or later.
    NegativeTestFrom {
        /// The first day number that counts.
        from_day: u16,
        /// The day number of the test.
        day_number: i64,
        /// The day it was sampled.
        sampled: Day,
    },
    /// Too few negative tests on different days within days 1 ..= `through_day`.
    TooFewNegativeTests {
        /// How many are required.
        required: u16,
        /// How many there are.
        found: u16,
        /// The last day number of the window.
        through_day: u16,
        /// Its calendar day.
        through: Day,
    },
    /// Enough negative tests on different days within days 1 ..= `through_day`.
    EnoughNegativeTests {
        /// How many are required.
        required: u16,
        /// The last day number of the window.
        through_day: u16,
    },
    /// The observation is not under observation any more (released, referred, ...).
    NotUnderObservation {
        /// Where it stands.
        status: Status,
    },
}

fn on_day(n: i64, day: Day) -> String {
    format!("day {n} ({day})")
}

fn list(f: &mut fmt::Formatter<'_>, missed: &[MissedCheck]) -> fmt::Result {
    for (i, m) in missed.iter().enumerate() {
        f.write_str(if i == 0 { ": " } else { ", " })?;
        write!(f, "{m}")?;
    }
    Ok(())
}

fn checks(n: usize) -> String {
    if n == 1 {
        "1 check was".into()
    } else {
        format!("{n} checks were")
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::PeriodNotOver {
                day,
                day_number,
                length,
                earliest,
            } if *day_number >= 1 => write!(
                f,
                "day {day_number} of {length} is still under observation; release from {earliest}"
            ),
            Reason::PeriodNotOver {
                day,
                day_number,
                length,
                earliest,
            } => write!(
                f,
                "{day} is day {day_number}, before day 1 of the {length}-day period; release from {earliest}"
            ),
            Reason::PeriodComplete { length, last_day } => write!(
                f,
                "the {length}-day observation period ended on {last_day} (day {length})"
            ),
            Reason::OpenAlert {
                number,
                raised_at,
                cause,
            } => write!(
                f,
                "alert {number}, raised at {raised_at} ({cause}), is still open: refer the person \
                 to a designated hospital or have a health worker clear it with a reason"
            ),
            Reason::NoOpenAlert => f.write_str("no alert is open"),
            Reason::TooManyMissedChecks { missed, tolerance } => {
                write!(
                    f,
                    "{} missed, more than the {tolerance} the protocol tolerates",
                    checks(missed.len())
                )?;
                list(f, missed)
            }
            Reason::ChecksWithinTolerance { missed, .. } if missed.is_empty() => {
                f.write_str("no check was missed")
            }
            Reason::ChecksWithinTolerance { missed, tolerance } => {
                write!(
                    f,
                    "{} missed, within the {tolerance} the protocol tolerates",
                    checks(missed.len())
                )?;
                list(f, missed)
            }
            Reason::TestMissing { test, day } => write!(
                f,
                "no test was sampled on {test} ({day}), as the protocol requires"
            ),
            Reason::TestPending {
                day_number,
                sampled,
            } => write!(
                f,
                "the test sampled on {} has no result yet",
                on_day(*day_number, *sampled)
            ),
            Reason::TestPositive {
                day_number,
                sampled,
            } => write!(
                f,
                "the test sampled on {} is positive",
                on_day(*day_number, *sampled)
            ),
            Reason::TestNegative {
                day_number,
                sampled,
            } => write!(
                f,
                "the test sampled on {} is negative",
                on_day(*day_number, *sampled)
            ),
            Reason::NoNegativeTestFrom { from_day, from } => write!(
                f,
                "no negative test was sampled on day {from_day} ({from}) or later"
            ),
            Reason::NegativeTestFrom {
                from_day,
                day_number,
                sampled,
            } => write!(
                f,
                "a negative test was sampled on {}, on or after day {from_day}",
                on_day(*day_number, *sampled)
            ),
            Reason::TooFewNegativeTests {
                required,
                found,
                through_day,
                through,
            } => write!(
                f,
                "{found} of the {required} negative tests required on different days within days \
                 1–{through_day} (through {through}) were recorded"
            ),
            Reason::EnoughNegativeTests {
                required,
                through_day,
            } => write!(
                f,
                "{required} negative tests were sampled on different days within days 1–{through_day}"
            ),
            Reason::NotUnderObservation { status } => {
                write!(f, "the person is no longer under observation: {status}")
            }
        }
    }
}

/// What the rules say about releasing on a day (解除观察评估), with every reason.
///
/// - `Release`: every condition is met; the reasons list them.
/// - `NotYet`: only the period is not over; release from `earliest` if nothing changes.
/// - `Blocked`: something besides the calendar holds release up (an open alert, missed checks
///   beyond the protocol's tolerance, a required test missing, pending or positive, or the
///   observation is no longer open); the reasons list every one, with the period first if it
///   is not over either.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReleaseDecision {
    /// The rules allow release.
    Release {
        /// The conditions met.
        reasons: Vec<Reason>,
    },
    /// The period is not over.
    NotYet {
        /// The earliest day of release.
        earliest: Day,
        /// Why not yet.
        reasons: Vec<Reason>,
    },
    /// Release is blocked.
    Blocked {
        /// Everything that blocks it.
        reasons: Vec<Reason>,
    },
}

impl ReleaseDecision {
    /// Whether the rules allow release.
    pub fn is_release(&self) -> bool {
        matches!(self, ReleaseDecision::Release { .. })
    }

    /// The reasons.
    pub fn reasons(&self) -> &[Reason] {
        match self {
            ReleaseDecision::Release { reasons }
            | ReleaseDecision::NotYet { reasons, .. }
            | ReleaseDecision::Blocked { reasons } => reasons,
        }
    }

    /// The reasons as one text, separated by "; ".
    pub fn reason_sentences(&self) -> String {
        let texts: Vec<String> = self.reasons().iter().map(ToString::to_string).collect();
        texts.join("; ")
    }
}

impl fmt::Display for ReleaseDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self {
            ReleaseDecision::Release { .. } => "release",
            ReleaseDecision::NotYet { .. } => "not yet",
            ReleaseDecision::Blocked { .. } => "blocked",
        };
        write!(f, "{word}: {}", self.reason_sentences())
    }
}

/// A health worker's release (解除观察), as recorded: when, on which local day, what the rules
/// said then, and the written reason if it overrode them. Build one with
/// [`Observation::release`], which refuses what the rules forbid unless overridden.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Release {
    /// When.
    pub at: Instant,
    /// The local day of `at`.
    pub on: Day,
    /// What the rules said on that day.
    pub decision: ReleaseDecision,
    /// The written reason for overriding a decision other than release, if any.
    pub override_reason: Option<String>,
}

/// Evaluates release of `observation` on the local `day` (解除评估).
///
/// Release needs, on day N + 1 or later: no open alert; no more missed checks in the
/// observation period (days before `day`) than the protocol tolerates; and the protocol's test
/// requirements met (a scheduled test is judged once its day has passed). Missing a condition
/// other than the calendar blocks release; an alert or a missing, pending or positive test
/// blocks it even before the period is over, so problems show early.
///
/// ```
/// use fangkong::{Instant, UtcOffset};
/// use fangkong::observation::{Observation, Opening, OpeningBasis, Protocol, evaluate_release};
/// let obs = Observation::open(Opening::new(Protocol::returnee_jan2020(), "2020-01-20".parse()?, "2020-01-24T10:00:00+08:00".parse::<Instant>()?, UtcOffset::CHINA, OpeningBasis::Screening { rule: "wuhan".into() }))?;
/// let decision = evaluate_release(&obs, "2020-01-24".parse()?);
/// assert_eq!(decision.to_string(),
///            "not yet: day 4 of 14 is still under observation; release from 2020-02-04");
/// # Ok::<(), fangkong::Error>(())
/// ```
pub fn evaluate_release(observation: &Observation, day: Day) -> ReleaseDecision {
    let obs = observation;
    let status = obs.status_on(day);
    if status != Status::UnderObservation {
        return ReleaseDecision::Blocked {
            reasons: vec![Reason::NotUnderObservation { status }],
        };
    }
    let protocol = obs.protocol();
    let day0 = obs.day0();
    let last_day = obs.last_day();
    let earliest = obs.earliest_release();
    let over = day >= earliest;
    let mut blocking = Vec::new();
    let mut met = vec![Reason::PeriodComplete {
        length: obs.length_days(),
        last_day,
    }];

    // Alerts.
    let open: Vec<Reason> = obs
        .open_alerts()
        .filter_map(|a| {
            a.causes.first().map(|cause| Reason::OpenAlert {
                number: a.number,
                raised_at: a.raised_at,
                cause: cause.clone(),
            })
        })
        .collect();
    if open.is_empty() {
        met.push(Reason::NoOpenAlert);
    }
    blocking.extend(open);

    // Missed checks in the observation period, on days before `day`.
    let now = obs.start_of(day);
    let through = last_day.min(shift(day, -1));
    let mut missed = Vec::new();
    let mut d = Some(obs.first_check_day_for_release());
    while let Some(current) = d.filter(|c| *c <= through) {
        missed.extend(
            obs.checks_on(current, now)
                .into_iter()
                .filter(|c| c.status == SlotStatus::Missed)
                .map(|c| MissedCheck {
                    day: current,
                    slot: c.slot.name,
                }),
        );
        d = current.next();
    }
    let tolerance = protocol.release.max_missed_checks;
    if missed.len() > usize::from(tolerance) {
        blocking.push(Reason::TooManyMissedChecks { missed, tolerance });
    } else {
        met.push(Reason::ChecksWithinTolerance { missed, tolerance });
    }

    // Tests.
    let tests = obs.tests();
    let has = |from: Day, to: Day, outcome: TestOutcome| {
        tests
            .iter()
            .filter(move |t| t.sampled >= from && t.sampled <= to && t.result == outcome)
    };
    let numbered = |sampled: Day| sampled.days_since(day0);
    for req in &protocol.release.tests {
        match *req {
            TestRequirement::ScheduledNegative => {
                for (test_day, test) in obs.test_days() {
                    if !matches!(test, TestDay::Observation(_)) || test_day >= day {
                        continue;
                    }
                    let n = numbered(test_day);
                    let reason = |outcome| has(test_day, test_day, outcome).next().is_some();
                    if reason(TestOutcome::Positive) {
                        blocking.push(Reason::TestPositive {
                            day_number: n,
                            sampled: test_day,
                        });
                    } else if reason(TestOutcome::Negative) {
                        met.push(Reason::TestNegative {
                            day_number: n,
                            sampled: test_day,
                        });
                    } else if reason(TestOutcome::Pending) {
                        blocking.push(Reason::TestPending {
                            day_number: n,
                            sampled: test_day,
                        });
                    } else {
                        blocking.push(Reason::TestMissing {
                            test,
                            day: test_day,
                        });
                    }
                }
            }
            TestRequirement::NegativeOnOrAfter(from_day) => {
                let from = shift(day0, i64::from(from_day));
                let positives: Vec<Reason> = has(from, day, TestOutcome::Positive)
                    .map(|t| Reason::TestPositive {
                        day_number: numbered(t.sampled),
                        sampled: t.sampled,
                    })
                    .collect();
                let negative = has(from, day, TestOutcome::Negative).max_by_key(|t| t.sampled);
                if !positives.is_empty() {
                    blocking.extend(positives);
                } else if let Some(t) = negative {
                    met.push(Reason::NegativeTestFrom {
                        from_day,
                        day_number: numbered(t.sampled),
                        sampled: t.sampled,
                    });
                } else if over {
                    let pending: Vec<Reason> = has(from, day, TestOutcome::Pending)
                        .map(|t| Reason::TestPending {
                            day_number: numbered(t.sampled),
                            sampled: t.sampled,
                        })
                        .collect();
                    if pending.is_empty() {
                        blocking.push(Reason::NoNegativeTestFrom { from_day, from });
                    } else {
                        blocking.extend(pending);
                    }
                }
            }
            TestRequirement::NegativesWithin {
                count,
                through: through_day,
            } => {
                let first = shift(day0, 1);
                let window_end = shift(day0, i64::from(through_day));
                let to = window_end.min(day);
                blocking.extend(has(first, to, TestOutcome::Positive).map(|t| {
                    Reason::TestPositive {
                        day_number: numbered(t.sampled),
                        sampled: t.sampled,
                    }
                }));
                let mut days: Vec<Day> = has(first, to, TestOutcome::Negative)
                    .map(|t| t.sampled)
                    .collect();
                days.sort();
                days.dedup();
                let found = u16::try_from(days.len()).unwrap_or(u16::MAX);
                if found >= count {
                    met.push(Reason::EnoughNegativeTests {
                        required: count,
                        through_day,
                    });
                } else if day > window_end {
                    blocking.push(Reason::TooFewNegativeTests {
                        required: count,
                        found,
                        through_day,
                        through: window_end,
                    });
                    blocking.extend(has(first, to, TestOutcome::Pending).map(|t| {
                        Reason::TestPending {
                            day_number: numbered(t.sampled),
                            sampled: t.sampled,
                        }
                    }));
                }
            }
        }
    }

    let not_over = (!over).then(|| Reason::PeriodNotOver {
        day,
        day_number: obs.day_number(day),
        length: obs.length_days(),
        earliest,
    });
    if !blocking.is_empty() {
        ReleaseDecision::Blocked {
            reasons: not_over.into_iter().chain(blocking).collect(),
        }
    } else if let Some(reason) = not_over {
        ReleaseDecision::NotYet {
            earliest,
            reasons: vec![reason],
        }
    } else {
        ReleaseDecision::Release { reasons: met }
    }
}

/// An observation on the review list, with what the rules say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Review<K> {
    /// The caller's key for the observation (e.g. a resident id, or a grid worker and a
    /// resident).
    pub key: K,
    /// Its earliest day of release.
    pub earliest_release: Day,
    /// What the rules say on the day of review.
    pub decision: ReleaseDecision,
}

/// The records requiring review (待审核解除) on the local `day`: every observation still under
/// observation whose earliest release day has come, with the rules' decision, in the order
/// given, so that a health worker decides on each. Those the rules block stay on the list with
/// their reasons until resolved or overridden.
pub fn due_for_review<'a, K>(
    observations: impl IntoIterator<Item = (K, &'a Observation)>,
    day: Day,
) -> Vec<Review<K>> {
    observations
        .into_iter()
        .filter(|(_, o)| {
            o.status_on(day) == Status::UnderObservation && day >= o.earliest_release()
        })
        .map(|(key, o)| Review {
            key,
            earliest_release: o.earliest_release(),
            decision: evaluate_release(o, day),
        })
        .collect()
}

/// An observation on the non-reporting list (未按时报告名单), with its unreported checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NonReporting<K> {
    /// The caller's key for the observation.
    pub key: K,
    /// Its checks of the day that are overdue or missed as of the time asked.
    pub checks: Vec<SlotCheck>,
}

/// The non-reporting list for the local `day` as of `now`: every observation with a check
/// that is overdue or missed, in the order given. Key the observations by grid worker (e.g.
/// `(worker, resident)`) to get each worker's list.
pub fn non_reporting<'a, K>(
    observations: impl IntoIterator<Item = (K, &'a Observation)>,
    day: Day,
    now: Instant,
) -> Vec<NonReporting<K>> {
    observations
        .into_iter()
        .filter_map(|(key, o)| {
            let checks: Vec<SlotCheck> = o
                .checks_on(day, now)
                .into_iter()
                .filter(|c| c.status.is_unreported())
                .collect();
            (!checks.is_empty()).then_some(NonReporting { key, checks })
        })
        .collect()
}
