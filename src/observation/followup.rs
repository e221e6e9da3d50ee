//! Temperature readings and the follow-up of check slots (随访、测温).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{CheckSlot, Protocol, SlotCounting, Temperature};
use crate::calendar::{Day, Instant, TimeOfDay, UtcOffset};

/// How a temperature was taken (测量方式).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Method {
    /// Under the arm (腋温), the usual method.
    Armpit,
    /// In the mouth (口温).
    Oral,
    /// On the forehead, by infrared (额温).
    Forehead,
    /// In the ear (耳温).
    Ear,
    /// Another method.
    Other,
}

/// Who took a reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reporter {
    /// The person under observation, reporting their own reading (自测上报).
    SelfReported,
    /// A health worker (医务人员), e.g. on a home visit.
    HealthWorker,
}

/// A temperature reading (体温记录). Any combination of values is a valid reading (the
/// temperature is already checked), so the fields are public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reading {
    /// When the temperature was taken.
    pub at: Instant,
    /// The temperature.
    pub temperature: Temperature,
    /// How it was taken.
    pub method: Method,
    /// Who took it.
    pub by: Reporter,
}

/// Where a check slot stands on a day, as of a given instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SlotStatus {
    /// The window has not opened yet.
    Upcoming,
    /// The window is open now and no reading has come in yet.
    Due,
    /// A reading came in within the window; this one counts.
    Done(Reading),
    /// The window has closed, no reading came in, and the grace period is still running
    /// (the non-reporting list: call the person now).
    Overdue,
    /// No reading in the window, but one came in during the grace period; this one counts.
    Late(Reading),
    /// The window and its grace period are over without a reading.
    Missed,
}

impl SlotStatus {
    /// The reading that counts for the slot, if any.
    pub fn reading(&self) -> Option<&Reading> {
        match self {
            SlotStatus::Done(r) | SlotStatus::Late(r) => Some(r),
            _ => None,
        }
    }

    /// Whether the person has failed to report so far: [`SlotStatus::Overdue`] or
    /// [`SlotStatus::Missed`].
    pub fn is_unreported(&self) -> bool {
        matches!(self, SlotStatus::Overdue | SlotStatus::Missed)
    }
}

/// One check slot of one day and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SlotCheck {
    /// The local day.
    pub day: Day,
    /// The slot.
    pub slot: CheckSlot,
    /// Where it stands.
    pub status: SlotStatus,
    /// How many readings fell in the window or its grace period (only one counts).
    pub readings: u32,
}

impl fmt::Display for SlotCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: ", self.day, self.slot)?;
        match self.status {
            SlotStatus::Upcoming => f.write_str("upcoming"),
            SlotStatus::Due => f.write_str("due now"),
            SlotStatus::Overdue => f.write_str("overdue, not reported"),
            SlotStatus::Missed => f.write_str("missed"),
            SlotStatus::Done(r) | SlotStatus::Late(r) => {
                let word = if matches!(self.status, SlotStatus::Done(_)) {
                    "done"
                } else {
                    "late"
                };
                write!(f, "{word}, {} at {}", r.temperature, r.at)?;
                if self.readings > 1 {
                    write!(f, " (1 of {} readings counts)", self.readings)?;
                }
                Ok(())
            }
        }
    }
}

/// The last minute of the grace period of `slot`, capped at 23:59.
pub(crate) fn late_end(slot: &CheckSlot, grace: u16) -> u32 {
    (slot.end.minutes_since_midnight() + u32::from(grace)).min(24 * 60 - 1)
}

fn pick(counting: SlotCounting, candidates: &[&Reading]) -> Option<Reading> {
    let earliest = candidates.iter().min_by_key(|r| r.at);
    match counting {
        SlotCounting::LastReading => candidates.iter().max_by_key(|r| r.at),
        SlotCounting::HighestReading => candidates
            .iter()
            .max_by(|a, b| a.temperature.cmp(&b.temperature).then(b.at.cmp(&a.at))),
        SlotCounting::FirstReading => earliest,
    }
    .map(|r| **r)
}

/// Where each of the protocol's check slots stands on the local `day`, as of `now`.
///
/// Readings are matched by their local time in `offset` (the unit's, [`UtcOffset::CHINA`] by
/// default) on that local day, to the minute; readings after `now` are not yet known and are
/// ignored. A reading within a slot's window (first and last minute included) makes it
/// [`SlotStatus::Done`]; failing that, one within the grace period after it makes it
/// [`SlotStatus::Late`]. Readings outside every window and grace period count for no slot
/// (fever is still checked on every reading). Several readings in a slot are one check: the
/// protocol's [`SlotCounting`] picks the one that counts.
///
/// This function matches readings to slots on any day; which days have slots at all (the
/// observation period and follow-on, from the opening of the observation to its close) is the
/// business of [`Observation::checks_on`](super::Observation::checks_on).
///
/// ```
/// use fangkong::{Instant, UtcOffset};
/// use fangkong::observation::{Method, Protocol, Reading, Reporter, SlotStatus, slot_statuses};
/// let p = Protocol::returnee_jan2020(); // morning 06:00–12:00, evening 16:00–22:00
/// let day = "2020-01-25".parse()?;
/// let at = |hm: &str| -> Result<Instant, fangkong::Error> {
///     Ok(Instant::at(day, hm.parse()?, UtcOffset::CHINA))
/// };
/// let reading = Reading { at: at("12:00")?, temperature: "36.6".parse()?,
///                         method: Method::Armpit, by: Reporter::SelfReported };
/// let checks = slot_statuses(&p, &[reading], day, at("16:30")?, UtcOffset::CHINA);
/// assert_eq!(checks[0].status, SlotStatus::Done(reading));
/// assert_eq!(checks[1].status, SlotStatus::Due);
/// # Ok::<(), fangkong::Error>(())
/// ```
pub fn slot_statuses(
    protocol: &Protocol,
    readings: &[Reading],
    day: Day,
    now: Instant,
    offset: UtcOffset,
) -> Vec<SlotCheck> {
    let known: Vec<(u32, &Reading)> = readings
        .iter()
        .filter(|r| r.at <= now && r.at.day_in(offset) == day)
        .map(|r| (r.at.time_in(offset).minutes_since_midnight(), r))
        .collect();
    let now_day = now.day_in(offset);
    let now_minute = now.time_in(offset).minutes_since_midnight();
    // Where `now` stands relative to a minute of `day`: before, at, or after it.
    let now_before = |minute: u32| now_day < day || (now_day == day && now_minute < minute);
    let now_at_or_before = |minute: u32| now_day < day || (now_day == day && now_minute <= minute);
    protocol
        .slots
        .iter()
        .map(|slot| {
            let start = slot.start.minutes_since_midnight();
            let end = slot.end.minutes_since_midnight();
            let late_until = late_end(slot, protocol.late_grace_minutes);
            let on_time: Vec<&Reading> = known
                .iter()
                .filter(|(m, _)| (start..=end).contains(m))
                .map(|(_, r)| *r)
                .collect();
            let late: Vec<&Reading> = known
                .iter()
                .filter(|(m, _)| *m > end && *m <= late_until)
                .map(|(_, r)| *r)
                .collect();
            let status = if let Some(r) = pick(protocol.counting, &on_time) {
                SlotStatus::Done(r)
            } else if now_before(start) {
                SlotStatus::Upcoming
            } else if now_at_or_before(end) {
                SlotStatus::Due
            } else if let Some(r) = pick(protocol.counting, &late) {
                SlotStatus::Late(r)
            } else if now_at_or_before(late_until) {
                SlotStatus::Overdue
            } else {
                SlotStatus::Missed
            };
            SlotCheck {
                day,
                slot: slot.clone(),
                status,
                readings: u32::try_from(on_time.len() + late.len()).unwrap_or(u32::MAX),
            }
        })
        .collect()
}

/// The instant at `minute` of `day` in `offset`.
pub(crate) fn instant_at(day: Day, minute: u32, offset: UtcOffset) -> Instant {
    let t = TimeOfDay::from_hm(minute / 60, minute % 60).unwrap_or(TimeOfDay::MIDNIGHT);
    Instant::at(day, t, offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::day;

    const CN: UtcOffset = UtcOffset::CHINA;

    #[track_caller]
    fn at(d: &str, hm: &str) -> Instant {
        Instant::at(day(d), hm.parse().unwrap(), CN)
    }

    #[track_caller]
    fn reading(d: &str, hm: &str, t: &str) -> Reading {
        Reading {
            at: at(d, hm),
            temperature: t.parse().unwrap(),
            method: Method::Armpit,
            by: Reporter::SelfReported,
        }
    }

    fn statuses(readings: &[Reading], now: Instant) -> Vec<SlotStatus> {
        slot_statuses(
            &Protocol::returnee_jan2020(),
            readings,
            day("2020-01-25"),
            now,
            CN,
        )
        .into_iter()
        .map(|c| c.status)
        .collect()
    }

    #[test]
    fn given_readings_at_the_first_and_last_minute_of_a_slot_then_both_count() {
        let first = reading("2020-01-25", "06:00", "36.5");
        let last = reading("2020-01-25", "22:00", "36.6");
        let end_of_day = at("2020-01-25", "23:59");
        assert_eq!(
            statuses(&[first, last], end_of_day),
            [SlotStatus::Done(first), SlotStatus::Done(last)]
        );
        // The last minute is included to its last second.
        let mut late_second = reading("2020-01-25", "12:00", "36.6");
        late_second.at = "2020-01-25T12:00:59+08:00".parse().unwrap();
        assert_eq!(
            statuses(&[late_second], end_of_day)[0],
            SlotStatus::Done(late_second)
        );
    }

    #[test]
    fn given_readings_one_minute_outside_a_slot_then_they_do_not_count_as_on_time() {
        let early = reading("2020-01-25", "05:59", "36.5");
        let after = reading("2020-01-25", "12:01", "36.6");
        let end_of_day = at("2020-01-25", "23:59");
        // 05:59 counts for nothing; 12:01 is within the 60-minute grace: late.
        assert_eq!(
            statuses(&[early, after], end_of_day),
            [SlotStatus::Late(after), SlotStatus::Missed]
        );
        // 13:00 is the last minute of grace, 13:01 is past it.
        let last_grace = reading("2020-01-25", "13:00", "36.6");
        assert_eq!(
            statuses(&[last_grace], end_of_day)[0],
            SlotStatus::Late(last_grace)
        );
        let past_grace = reading("2020-01-25", "13:01", "36.6");
        assert_eq!(statuses(&[past_grace], end_of_day)[0], SlotStatus::Missed);
    }

    #[test]
    fn given_the_time_of_day_then_a_slot_without_reading_moves_from_upcoming_to_missed() {
        assert_eq!(
            statuses(&[], at("2020-01-25", "05:59"))[0],
            SlotStatus::Upcoming
        );
        assert_eq!(statuses(&[], at("2020-01-25", "06:00"))[0], SlotStatus::Due);
        assert_eq!(statuses(&[], at("2020-01-25", "12:00"))[0], SlotStatus::Due);
        assert_eq!(
            statuses(&[], at("2020-01-25", "12:01"))[0],
            SlotStatus::Overdue
        );
        assert_eq!(
            statuses(&[], at("2020-01-25", "13:00"))[0],
            SlotStatus::Overdue
        );
        assert_eq!(
            statuses(&[], at("2020-01-25", "13:01"))[0],
            SlotStatus::Missed
        );
        assert_eq!(
            statuses(&[], at("2020-01-24", "20:00"))[0],
            SlotStatus::Upcoming
        );
        assert_eq!(
            statuses(&[], at("2020-01-26", "00:00")),
            [SlotStatus::Missed; 2]
        );
    }

    #[test]
    fn given_22_readings_minutes_apart_then_the_slot_is_still_one_check() {
        let readings: Vec<Reading> = (0..22)
            .map(|i| reading("2020-01-25", &format!("08:{:02}", i * 2), "36.5"))
            .collect();
        let checks = slot_statuses(
            &Protocol::returnee_jan2020(),
            &readings,
            day("2020-01-25"),
            at("2020-01-25", "23:01"),
            CN,
        );
        assert_eq!(checks.len(), 2);
        assert_eq!(checks[0].readings, 22);
        assert_eq!(checks[0].status, SlotStatus::Done(readings[0]));
        assert_eq!(checks[1].status, SlotStatus::Missed);
        assert_eq!(
            checks[0].to_string(),
            "2020-01-25 morning (06:00–12:00): done, 36.5 ℃ at 2020-01-25T08:00:00+08:00 (1 of 22 readings counts)"
        );
        assert_eq!(
            checks[1].to_string(),
            "2020-01-25 evening (16:00–22:00): missed"
        );
    }

    #[test]
    fn the_protocol_says_which_reading_of_a_slot_counts() {
        let a = reading("2020-01-25", "07:00", "36.5");
        let b = reading("2020-01-25", "08:00", "37.0");
        let c = reading("2020-01-25", "09:00", "36.8");
        let now = at("2020-01-25", "23:59");
        let mut p = Protocol::returnee_jan2020();
        for (counting, expected) in [
            (SlotCounting::FirstReading, a),
            (SlotCounting::LastReading, c),
            (SlotCounting::HighestReading, b),
        ] {
            p.counting = counting;
            let checks = slot_statuses(&p, &[c, a, b], day("2020-01-25"), now, CN);
            assert_eq!(checks[0].status, SlotStatus::Done(expected), "{counting:?}");
        }
    }

    #[test]
    fn readings_are_matched_on_the_local_day_and_not_before_they_are_known() {
        // 23:30 UTC on the 24th is 07:30 on the 25th in China: the morning check of the 25th.
        let r = Reading {
            at: "2020-01-24T23:30:00Z".parse().unwrap(),
            ..reading("2020-01-25", "07:30", "36.6")
        };
        assert_eq!(
            statuses(&[r], at("2020-01-25", "23:59"))[0],
            SlotStatus::Done(r)
        );
        // As of 07:00 the 07:30 reading is not known yet.
        assert_eq!(
            statuses(&[r], at("2020-01-25", "07:00"))[0],
            SlotStatus::Due
        );
    }

    #[test]
    fn follow_up_types_round_trip_through_serde() {
        let r = reading("2020-01-25", "07:30", "36.6");
        let check = SlotCheck {
            day: day("2020-01-25"),
            slot: CheckSlot::twice_daily()[0].clone(),
            status: SlotStatus::Late(r),
            readings: 1,
        };
        let json = serde_json::to_string(&check).unwrap();
        assert_eq!(serde_json::from_str::<SlotCheck>(&json).unwrap(), check);
        for s in [
            SlotStatus::Upcoming,
            SlotStatus::Due,
            SlotStatus::Overdue,
            SlotStatus::Missed,
            SlotStatus::Done(r),
        ] {
            assert_eq!(
                serde_json::from_str::<SlotStatus>(&serde_json::to_string(&s).unwrap()).unwrap(),
                s
            );
        }
        for m in [
            Method::Armpit,
            Method::Oral,
            Method::Forehead,
            Method::Ear,
            Method::Other,
        ] {
            assert_eq!(
                serde_json::from_str::<Method>(&serde_json::to_string(&m).unwrap()).unwrap(),
                m
            );
        }
        assert_eq!(
            serde_json::to_string(&Reporter::HealthWorker).unwrap(),
            "\"health_worker\""
        );
    }
}
