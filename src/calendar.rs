//! Calendar days and recorded instants.
//!
//! fangkong never reads the clock: every command carries the [`Instant`] at which it happened, and
//! every rule that counts days counts [`Day`]s, calendar dates in the unit's local time
//! (DOMAIN.md §4: "days are calendar days in the unit's local time, never UTC dates").
//!
//! An [`Instant`] keeps the UTC offset it was recorded with, so the ledger shows the wall-clock
//! time the clerk saw. To count days, an instant is turned into the [`Day`] of a given
//! [`UtcOffset`] (the unit's, [`UtcOffset::CHINA`] by default) with [`Instant::day_in`].
//!
//! # Supported ranges
//! - A [`Day`] lies from [`Day::MIN`] (1800-01-01: old enough for the birth date of anyone
//!   living, DOMAIN.md §2's worked example was born 1880-01-01) to [`Day::MAX`] (9999-12-31,
//!   the last day written with a four-digit year).
//! - An [`Instant`] lies from [`Instant::MIN`] (1970-01-01T00:00:00Z) to [`Instant::MAX`]
//!   (2200-12-31T23:59:59Z): commands are recorded by people, now or in the foreseeable future.
//!
//! Every value of these types lies in its range; parsing, serde and the `chrono` and `time`
//! conversions refuse anything outside it with [`ValueError::DayOutsideRange`](crate::value_error::ValueError::DayOutsideRange) or
//! [`ValueError::InstantOutsideRange`](crate::value_error::ValueError::InstantOutsideRange), so whatever is written can be read back.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::value_error::ValueError;

/// A calendar day (日) in the local time of the unit that records it.
///
/// Its text form is ISO 8601, `YYYY-MM-DD`; serde goes through the same form.
///
/// ```
/// use fangkong::Day;
/// let day: Day = "2020-01-24".parse()?;
/// assert_eq!(day.to_string(), "2020-01-24");
/// assert_eq!(day.plus_days(14)?, "2020-02-07".parse()?);
/// # Ok::<(), fangkong::Error>(())
/// ```
///
/// A day lies from [`Day::MIN`] to [`Day::MAX`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(NaiveDate);

/// `NaiveDate::from_ymd_opt` for the constants.
const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => panic!("not a date"),
    }
}

impl Day {
    /// The first supported day, 1800-01-01: old enough for the birth date of anyone living.
    pub const MIN: Day = Day(date(1800, 1, 1));

    /// The last supported day, 9999-12-31: the last day with a four-digit year.
    pub const MAX: Day = Day(date(9999, 12, 31));

    /// The day with the given year, month (1–12) and day of month (1–31).
    ///
    /// # Errors
    /// - [`ValueError::InvalidDay`](crate::value_error::ValueError::InvalidDay) when there is no such day, e.g. `2021-02-29` or month 13;
    /// - [`ValueError::DayOutsideRange`](crate::value_error::ValueError::DayOutsideRange) for a day before [`Day::MIN`] or after [`Day::MAX`], e.g.
    ///   `1799-12-31`.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Day, ValueError> {
        let text = || format!("{year:04}-{month:02}-{day:02}").into();
        let d = NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| ValueError::InvalidDay { input: text() })?;
        Day::try_from_chrono(d).map_err(|_| ValueError::DayOutsideRange { input: text() })
    }

    /// The day of a `chrono` date, checked against the supported range.
    ///
    /// # Errors
    /// [`ValueError::DayOutsideRange`](crate::value_error::ValueError::DayOutsideRange) for a date before [`Day::MIN`] or after [`Day::MAX`].
    pub fn try_from_chrono(d: NaiveDate) -> Result<Day, ValueError> {
        if Day::MIN.0 <= d && d <= Day::MAX.0 {
            Ok(Day(d))
        } else {
            Err(ValueError::DayOutsideRange {
                input: d.to_string().into(),
            })
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// The day of the month, 1–31.
    pub fn day_of_month(self) -> u32 {
        self.0.day()
    }

    /// The day `n` days later (or earlier, for a negative `n`).
    ///
    /// # Errors
    /// [`ValueError::DayOutOfRange`](crate::value_error::ValueError::DayOutOfRange) if the result lies before [`Day::MIN`] or after [`Day::MAX`].
    pub fn plus_days(self, n: i64) -> Result<Day, ValueError> {
        chrono::TimeDelta::try_days(n)
            .and_then(|d| self.0.checked_add_signed(d))
            .and_then(|d| Day::try_from_chrono(d).ok())
            .ok_or(ValueError::DayOutOfRange { day: self, days: n })
    }

    /// The number of days from `earlier` to `self`: positive when `self` is later.
    ///
    /// ```
    /// use fangkong::Day;
    /// let left_wuhan: Day = "2020-01-20".parse()?;
    /// let today: Day = "2020-02-03".parse()?;
    /// assert_eq!(today.days_since(left_wuhan), 14);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn days_since(self, earlier: Day) -> i64 {
        self.0.signed_duration_since(earlier.0).num_days()
    }

    /// The next day, or `None` on [`Day::MAX`].
    pub fn next(self) -> Option<Day> {
        self.plus_days(1).ok()
    }

    /// The underlying `chrono` date.
    pub fn to_chrono(self) -> NaiveDate {
        self.0
    }
}

impl TryFrom<NaiveDate> for Day {
    type Error = ValueError;

    /// The day of a `chrono` date, checked against [`Day::MIN`]`..=`[`Day::MAX`] (as
    /// [`Day::try_from_chrono`]): a date outside the range is refused, never clamped.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fangkong::Day;
    /// let d = NaiveDate::from_ymd_opt(2020, 1, 24).unwrap();
    /// assert_eq!(Day::try_from(d)?.to_string(), "2020-01-24");
    /// let too_early = NaiveDate::from_ymd_opt(1700, 1, 1).unwrap();
    /// assert_eq!(Day::try_from(too_early).unwrap_err().code(), "day_outside_range");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    fn try_from(d: NaiveDate) -> Result<Day, ValueError> {
        Day::try_from_chrono(d)
    }
}

impl From<Day> for NaiveDate {
    fn from(d: Day) -> NaiveDate {
        d.0
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Years 1800–9999: always four digits.
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Debug for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Day({self})")
    }
}

impl FromStr for Day {
    type Err = ValueError;

    /// Parses `YYYY-MM-DD`, a day from [`Day::MIN`] to [`Day::MAX`].
    ///
    /// # Errors
    /// - [`ValueError::InvalidDay`](crate::value_error::ValueError::InvalidDay) for anything else, e.g. `2020-2-3`, `20200203`, `2021-02-29`,
    ///   `+10000-01-01`;
    /// - [`ValueError::DayOutsideRange`](crate::value_error::ValueError::DayOutsideRange) for a day before 1800 (`1799-12-31`).
    fn from_str(s: &str) -> Result<Day, ValueError> {
        let bad = || ValueError::InvalidDay { input: s.into() };
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            });
        if !shape_ok {
            return Err(bad());
        }
        let number =
            |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        let d = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(bad)?;
        Day::try_from_chrono(d).map_err(|_| ValueError::DayOutsideRange { input: s.into() })
    }
}

/// Writes `n` as `width` decimal digits (`n` < 10^width) into `out`.
fn digits(out: &mut [u8], n: u32) {
    let mut n = n;
    for b in out.iter_mut().rev() {
        *b = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// `YYYY-MM-DD` for years 0–9999, without the formatting machinery (this is on the path of
/// every ledger entry).
fn day_text(buf: &mut [u8; 10], d: NaiveDate) -> Option<&str> {
    let y = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
    digits(&mut buf[0..4], y);
    buf[4] = b'-';
    digits(&mut buf[5..7], d.month());
    buf[7] = b'-';
    digits(&mut buf[8..10], d.day());
    std::str::from_utf8(buf).ok()
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 10];
        match day_text(&mut buf, self.0) {
            Some(text) => s.serialize_str(text),
            None => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Day {
    /// Reads through [`FromStr`]; errors are masked.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        crate::value_error::deserialize_parsed(d, "a calendar day written YYYY-MM-DD")
    }
}

/// A fixed offset from UTC, the local time of a unit.
///
/// ```
/// use fangkong::UtcOffset;
/// assert_eq!(UtcOffset::CHINA.to_string(), "+08:00");
/// assert_eq!(UtcOffset::from_seconds(-5 * 3600)?.to_string(), "-05:00");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct UtcOffset(chrono::FixedOffset);

impl UtcOffset {
    /// China Standard Time, UTC+08:00 (北京时间), the default for every unit.
    pub const CHINA: UtcOffset = match chrono::FixedOffset::east_opt(8 * 3600) {
        Some(o) => UtcOffset(o),
        None => unreachable!(),
    };

    /// UTC itself.
    pub const UTC: UtcOffset = match chrono::FixedOffset::east_opt(0) {
        Some(o) => UtcOffset(o),
        None => unreachable!(),
    };

    /// The offset of `seconds` east of UTC.
    ///
    /// # Errors
    /// [`ValueError::InvalidUtcOffset`](crate::value_error::ValueError::InvalidUtcOffset) unless `-86_400 < seconds < 86_400` and `seconds` is a whole
    /// number of minutes (RFC 3339 offsets, and so the ledger, carry no seconds).
    pub fn from_seconds(seconds: i32) -> Result<UtcOffset, ValueError> {
        if seconds % 60 != 0 {
            return Err(ValueError::InvalidUtcOffset { seconds });
        }
        chrono::FixedOffset::east_opt(seconds)
            .map(UtcOffset)
            .ok_or(ValueError::InvalidUtcOffset { seconds })
    }

    /// Seconds east of UTC.
    pub fn seconds(self) -> i32 {
        self.0.local_minus_utc()
    }

    /// The underlying `chrono` offset.
    pub fn to_chrono(self) -> chrono::FixedOffset {
        self.0
    }
}

impl Default for UtcOffset {
    /// [`UtcOffset::CHINA`].
    fn default() -> Self {
        UtcOffset::CHINA
    }
}

impl fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for UtcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UtcOffset({self})")
    }
}

impl FromStr for UtcOffset {
    type Err = ValueError;

    /// Parses `±HH:MM` as `Display` writes it (`+08:00`, `-05:30`), or `Z` for UTC.
    ///
    /// ```
    /// use fangkong::UtcOffset;
    /// assert_eq!("+08:00".parse::<UtcOffset>()?, UtcOffset::CHINA);
    /// assert_eq!("Z".parse::<UtcOffset>()?, UtcOffset::UTC);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ValueError::InvalidUtcOffsetText`](crate::value_error::ValueError::InvalidUtcOffsetText) for anything else, e.g. `+8`, `+0800`, `+24:00`.
    fn from_str(s: &str) -> Result<UtcOffset, ValueError> {
        let bad = || ValueError::InvalidUtcOffsetText { input: s.into() };
        if s == "Z" {
            return Ok(UtcOffset::UTC);
        }
        let b = s.as_bytes();
        let sign = match b.first() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Err(bad()),
        };
        let shape_ok =
            b.len() == 6 && b[3] == b':' && [1, 2, 4, 5].iter().all(|i| b[*i].is_ascii_digit());
        if !shape_ok {
            return Err(bad());
        }
        let n = |i: usize| i32::from(b[i] - b'0') * 10 + i32::from(b[i + 1] - b'0');
        let (h, m) = (n(1), n(4));
        if h >= 24 || m >= 60 {
            return Err(bad());
        }
        UtcOffset::from_seconds(sign * (h * 3600 + m * 60)).map_err(|_| bad())
    }
}

impl Serialize for UtcOffset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(self.seconds())
    }
}

impl<'de> Deserialize<'de> for UtcOffset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<UtcOffset, D::Error> {
        const EXPECTED: &str = "a UTC offset in seconds east of UTC";
        let n = crate::value_error::deserialize_integer(d, EXPECTED)?;
        let seconds = i32::try_from(n)
            .map_err(|_| crate::value_error::out_of_range::<D::Error>(n, EXPECTED))?;
        UtcOffset::from_seconds(seconds).map_err(serde::de::Error::custom)
    }
}

/// A time of day on the wall clock, to the minute (e.g. the start of a check slot).
///
/// ```
/// use fangkong::TimeOfDay;
/// let t: TimeOfDay = "06:30".parse()?;
/// assert_eq!((t.hour(), t.minute()), (6, 30));
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// Midnight, 00:00.
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);

    /// The time `hour:minute`.
    ///
    /// # Errors
    /// [`ValueError::InvalidTimeOfDay`](crate::value_error::ValueError::InvalidTimeOfDay) unless `hour < 24` and `minute < 60`.
    pub fn from_hm(hour: u32, minute: u32) -> Result<TimeOfDay, ValueError> {
        if hour < 24 && minute < 60 {
            Ok(TimeOfDay((hour * 60 + minute) as u16))
        } else {
            Err(ValueError::InvalidTimeOfDay {
                input: format!("{hour:02}:{minute:02}").into(),
            })
        }
    }

    /// The hour, 0–23.
    pub fn hour(self) -> u32 {
        u32::from(self.0) / 60
    }

    /// The minute, 0–59.
    pub fn minute(self) -> u32 {
        u32::from(self.0) % 60
    }

    /// Minutes since midnight, 0–1439.
    pub fn minutes_since_midnight(self) -> u32 {
        u32::from(self.0)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl fmt::Debug for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TimeOfDay({self})")
    }
}

impl FromStr for TimeOfDay {
    type Err = ValueError;

    /// Parses `HH:MM`.
    fn from_str(s: &str) -> Result<TimeOfDay, ValueError> {
        let bad = || ValueError::InvalidTimeOfDay { input: s.into() };
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        let two_digits = |t: &str| t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit());
        if !(two_digits(h) && two_digits(m)) {
            return Err(bad());
        }
        let h: u32 = h.parse().map_err(|_| bad())?;
        let m: u32 = m.parse().map_err(|_| bad())?;
        TimeOfDay::from_hm(h, m).map_err(|_| bad())
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    /// Reads through [`FromStr`]; errors are masked.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TimeOfDay, D::Error> {
        crate::value_error::deserialize_parsed(d, "a time of day written HH:MM")
    }
}

/// A recorded instant (时刻): a date and time with the UTC offset it was recorded in.
///
/// Its text form is RFC 3339 (`2020-01-24T08:30:00+08:00`); serde goes through the same form.
/// Two instants compare by the moment they denote, so `08:00+08:00` equals `00:00Z` in
/// comparisons, though each keeps and prints its own offset.
///
/// ```
/// use fangkong::{Day, Instant, UtcOffset};
/// let at: Instant = "2020-01-24T23:30:00+08:00".parse()?;
/// // Counted in China's local calendar this is the 24th, though in UTC it is still 15:30.
/// assert_eq!(at.day_in(UtcOffset::CHINA), "2020-01-24".parse::<Day>()?);
/// let utc: Instant = "2020-01-24T16:30:00Z".parse()?;
/// assert_eq!(utc.day_in(UtcOffset::CHINA), "2020-01-25".parse::<Day>()?);
/// # Ok::<(), fangkong::Error>(())
/// ```
///
/// An instant lies from [`Instant::MIN`] to [`Instant::MAX`] and its offset is a whole number of
/// minutes, so its text can always be read back.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(chrono::DateTime<chrono::FixedOffset>);

/// UTC at `y-m-d h:mi:s`, for the constants.
const fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> Instant {
    let Some(t) = date(y, m, d).and_hms_opt(h, mi, s) else {
        panic!("not a time")
    };
    Instant(chrono::DateTime::from_naive_utc_and_offset(
        t,
        UtcOffset::UTC.0,
    ))
}

impl Instant {
    /// The first instant fangkong records, 1970-01-01T00:00:00Z (the Unix epoch).
    pub const MIN: Instant = utc(1970, 1, 1, 0, 0, 0);

    /// The last instant fangkong records, 2200-12-31T23:59:59Z.
    pub const MAX: Instant = utc(2200, 12, 31, 23, 59, 59);

    /// Wraps a `chrono` date-time after checking the range and the offset.
    fn checked(t: chrono::DateTime<chrono::FixedOffset>) -> Result<Instant, ValueError> {
        if t.offset().local_minus_utc() % 60 != 0 {
            return Err(ValueError::InvalidUtcOffset {
                seconds: t.offset().local_minus_utc(),
            });
        }
        let i = Instant(t);
        if Instant::MIN <= i && i <= Instant::MAX {
            Ok(i)
        } else {
            Err(ValueError::InstantOutsideRange {
                input: t.to_rfc3339().into(),
            })
        }
    }

    /// The instant at `time` on `day` in the local time `offset`.
    ///
    /// ```
    /// use fangkong::{Instant, TimeOfDay, UtcOffset};
    /// let at = Instant::try_at("2020-01-24".parse()?, TimeOfDay::from_hm(8, 30)?, UtcOffset::CHINA)?;
    /// assert_eq!(at.to_string(), "2020-01-24T08:30:00+08:00");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ValueError::InstantOutsideRange`](crate::value_error::ValueError::InstantOutsideRange) when the instant lies before [`Instant::MIN`] or after
    /// [`Instant::MAX`], e.g. 1880-01-01 00:00 in China.
    pub fn try_at(day: Day, time: TimeOfDay, offset: UtcOffset) -> Result<Instant, ValueError> {
        // A fixed offset has no gaps or folds, so the local time maps to exactly one instant.
        let t = NaiveTime::from_hms_opt(time.hour(), time.minute(), 0).unwrap_or(NaiveTime::MIN);
        let local = day.0.and_time(t);
        let refused = || ValueError::InstantOutsideRange {
            input: format!("{}T{time}:00{offset}", day).into(),
        };
        // Days reach 9999-12-31, so this never overflows; checked all the same.
        let utc = local.checked_sub_offset(offset.0).ok_or_else(refused)?;
        Instant::checked(chrono::DateTime::from_naive_utc_and_offset(utc, offset.0))
            .map_err(|_| refused())
    }

    /// The instant at `time` on `day` in the local time `offset`, **clamped** into
    /// [`Instant::MIN`]`..=`[`Instant::MAX`] (keeping the offset); use [`Instant::try_at`] to
    /// have an instant outside the range refused instead.
    ///
    /// ```
    /// use fangkong::{Instant, TimeOfDay, UtcOffset};
    /// let at = Instant::at("2020-01-24".parse()?, TimeOfDay::from_hm(8, 30)?, UtcOffset::CHINA);
    /// assert_eq!(at.to_string(), "2020-01-24T08:30:00+08:00");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn at(day: Day, time: TimeOfDay, offset: UtcOffset) -> Instant {
        Instant::try_at(day, time, offset).unwrap_or_else(|_| {
            // Only days near the ends of the range fail: before 1970 or after 2200.
            let end = if day.year() < 2000 {
                Instant::MIN
            } else {
                Instant::MAX
            };
            end.in_offset(offset)
        })
    }

    /// The instant `seconds` after 1970-01-01T00:00:00Z, recorded with `offset`.
    ///
    /// ```
    /// use fangkong::{Instant, UtcOffset};
    /// let t = Instant::from_unix_seconds(1_579_825_800, UtcOffset::CHINA)?;
    /// assert_eq!(t.to_string(), "2020-01-24T08:30:00+08:00");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ValueError::InstantOutsideRange`](crate::value_error::ValueError::InstantOutsideRange) for a negative number or one after [`Instant::MAX`].
    pub fn from_unix_seconds(seconds: i64, offset: UtcOffset) -> Result<Instant, ValueError> {
        chrono::DateTime::from_timestamp(seconds, 0)
            .ok_or_else(|| ValueError::InstantOutsideRange {
                input: format!("{seconds} seconds after 1970-01-01T00:00:00Z").into(),
            })
            .and_then(|t| Instant::checked(t.with_timezone(&offset.0)))
    }

    /// Whether `t` lies from [`Instant::MIN`] to [`Instant::MAX`]. Every `Instant` does; this
    /// checks a `chrono` date-time before converting it.
    pub fn in_range(t: chrono::DateTime<chrono::FixedOffset>) -> bool {
        Instant::MIN.0 <= t && t <= Instant::MAX.0
    }

    /// The same moment, shown in the local time `offset`.
    pub fn in_offset(self, offset: UtcOffset) -> Instant {
        Instant(self.0.with_timezone(&offset.0))
    }

    /// The local date and time of this instant in `offset`. Never fails: an instant lies
    /// between 1970 and 2200 and an offset is less than a day.
    fn local_in(self, offset: UtcOffset) -> chrono::NaiveDateTime {
        let utc = self.0.naive_utc();
        utc.checked_add_offset(offset.0).unwrap_or(utc)
    }

    /// The calendar day of this instant in the local time `offset` (the unit's). Total: never
    /// panics, for any instant and any offset.
    pub fn day_in(self, offset: UtcOffset) -> Day {
        // An instant lies between 1970 and 2200, well inside the days' range.
        Day(self.local_in(offset).date().clamp(Day::MIN.0, Day::MAX.0))
    }

    /// The calendar day of this instant in the offset it was recorded with.
    pub fn day(self) -> Day {
        self.day_in(self.offset())
    }

    /// The wall-clock time of this instant in the local time `offset`, to the minute.
    pub fn time_in(self, offset: UtcOffset) -> TimeOfDay {
        let t = self.local_in(offset).time();
        TimeOfDay((t.hour() * 60 + t.minute()) as u16)
    }

    /// The offset this instant was recorded with.
    pub fn offset(self) -> UtcOffset {
        UtcOffset(*self.0.offset())
    }

    /// The instant `seconds` later (earlier if negative), in the same offset. Saturates at
    /// [`Instant::MIN`] and [`Instant::MAX`].
    ///
    /// ```
    /// use fangkong::Instant;
    /// let t: Instant = "2020-01-24T08:00:00+08:00".parse()?;
    /// assert_eq!(t.plus_seconds(90).to_string(), "2020-01-24T08:01:30+08:00");
    /// assert_eq!(t.plus_seconds(i64::MAX), Instant::MAX);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn plus_seconds(self, seconds: i64) -> Instant {
        let end = if seconds < 0 {
            Instant::MIN
        } else {
            Instant::MAX
        };
        chrono::TimeDelta::try_seconds(seconds)
            .and_then(|d| self.0.checked_add_signed(d))
            .and_then(|t| Instant::checked(t).ok())
            .unwrap_or_else(|| end.in_offset(self.offset()))
    }

    /// Seconds from `earlier` to `self`.
    pub fn seconds_since(self, earlier: Instant) -> i64 {
        self.0.signed_duration_since(earlier.0).num_seconds()
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.0.timestamp()
    }

    /// The underlying `chrono` date-time.
    pub fn to_chrono(self) -> chrono::DateTime<chrono::FixedOffset> {
        self.0
    }
}

impl TryFrom<chrono::DateTime<chrono::FixedOffset>> for Instant {
    type Error = ValueError;

    /// # Errors
    /// - [`ValueError::InvalidUtcOffset`](crate::value_error::ValueError::InvalidUtcOffset) for an offset with seconds, such as local mean time
    ///   `+08:05:43`: RFC 3339, and so the ledger, cannot write it;
    /// - [`ValueError::InstantOutsideRange`](crate::value_error::ValueError::InstantOutsideRange) before [`Instant::MIN`] or after [`Instant::MAX`].
    fn try_from(t: chrono::DateTime<chrono::FixedOffset>) -> Result<Instant, ValueError> {
        Instant::checked(t)
    }
}

impl From<Instant> for chrono::DateTime<chrono::FixedOffset> {
    fn from(t: Instant) -> Self {
        t.0
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false))
    }
}

impl fmt::Debug for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Instant({self})")
    }
}

impl FromStr for Instant {
    type Err = ValueError;

    /// Parses RFC 3339, e.g. `2020-01-24T08:30:00+08:00` or `2020-01-24T00:30:00Z`.
    ///
    /// # Errors
    /// - [`ValueError::InvalidInstant`](crate::value_error::ValueError::InvalidInstant) for anything else, e.g. `2020-01-24 08:30` (no offset);
    /// - [`ValueError::InstantOutsideRange`](crate::value_error::ValueError::InstantOutsideRange) before [`Instant::MIN`] or after [`Instant::MAX`], e.g.
    ///   `1969-12-31T23:59:59Z` or `2201-01-01T00:00:00Z`.
    fn from_str(s: &str) -> Result<Instant, ValueError> {
        let t = chrono::DateTime::parse_from_rfc3339(s)
            .map_err(|_| ValueError::InvalidInstant { input: s.into() })?;
        Instant::checked(t).map_err(|e| match e {
            ValueError::InstantOutsideRange { .. } => {
                ValueError::InstantOutsideRange { input: s.into() }
            }
            other => other,
        })
    }
}

impl Instant {
    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` for the common case (years 0–9999, whole seconds, an
    /// offset of whole minutes), exactly as `Display` writes it.
    fn fast_text(self, buf: &mut [u8; 25]) -> Option<&str> {
        let local = self.0.naive_local();
        if local.nanosecond() != 0 {
            return None;
        }
        let mut day = [0u8; 10];
        buf[..10].copy_from_slice(day_text(&mut day, local.date())?.as_bytes());
        buf[10] = b'T';
        digits(&mut buf[11..13], local.hour());
        buf[13] = b':';
        digits(&mut buf[14..16], local.minute());
        buf[16] = b':';
        digits(&mut buf[17..19], local.second());
        let off = self.0.offset().local_minus_utc();
        if off % 60 != 0 {
            return None;
        }
        buf[19] = if off < 0 { b'-' } else { b'+' };
        let off = off.unsigned_abs();
        digits(&mut buf[20..22], off / 3600);
        buf[22] = b':';
        digits(&mut buf[23..25], off / 60 % 60);
        std::str::from_utf8(buf).ok()
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 25];
        match self.fast_text(&mut buf) {
            Some(text) => s.serialize_str(text),
            None => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Instant {
    /// Reads through [`FromStr`]; errors are masked.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Instant, D::Error> {
        crate::value_error::deserialize_parsed(d, "a date and time with a UTC offset (RFC 3339)")
    }
}

#[cfg(feature = "time")]
mod time_conv {
    //! Conversions to and from the `time` crate (feature `time`).
    use super::*;

    impl TryFrom<time::Date> for Day {
        type Error = ValueError;
        /// # Errors
        /// [`ValueError::DayOutsideRange`](crate::value_error::ValueError::DayOutsideRange) before [`Day::MIN`] or after [`Day::MAX`] (a `time::Date`
        /// may lie in year -9999).
        fn try_from(d: time::Date) -> Result<Day, ValueError> {
            Day::from_ymd(d.year(), u32::from(u8::from(d.month())), u32::from(d.day()))
        }
    }

    impl TryFrom<Day> for time::Date {
        type Error = ValueError;
        /// # Errors
        /// [`ValueError::DayOutOfRange`] for years outside what `time` supports (±9999 by default);
        /// every [`Day`] fits, but the conversion is checked all the same.
        fn try_from(d: Day) -> Result<time::Date, ValueError> {
            let month = u8::try_from(d.month())
                .ok()
                .and_then(|m| time::Month::try_from(m).ok());
            month
                .and_then(|m| {
                    time::Date::from_calendar_date(d.year(), m, d.day_of_month() as u8).ok()
                })
                .ok_or(ValueError::DayOutOfRange { day: d, days: 0 })
        }
    }

    impl TryFrom<time::OffsetDateTime> for Instant {
        type Error = ValueError;
        /// Sub-second precision is kept; the offset is kept.
        ///
        /// # Errors
        /// - [`ValueError::InvalidUtcOffset`](crate::value_error::ValueError::InvalidUtcOffset) for an offset with seconds (`+08:05:43`) or of a day
        ///   or more;
        /// - [`ValueError::InstantOutsideRange`](crate::value_error::ValueError::InstantOutsideRange) before [`Instant::MIN`] or after [`Instant::MAX`].
        fn try_from(t: time::OffsetDateTime) -> Result<Instant, ValueError> {
            let offset = UtcOffset::from_seconds(t.offset().whole_seconds())?;
            let utc = chrono::DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond())
                .ok_or_else(|| ValueError::InstantOutsideRange {
                    input: t.to_string().into(),
                })?;
            Instant::checked(utc.with_timezone(&offset.0))
        }
    }

    impl TryFrom<Instant> for time::OffsetDateTime {
        type Error = ValueError;
        /// # Errors
        /// [`ValueError::InvalidInstant`] for instants outside what `time` supports (±9999 by
        /// default); every [`Instant`] fits, but the conversion is checked all the same.
        fn try_from(t: Instant) -> Result<time::OffsetDateTime, ValueError> {
            let bad = || ValueError::InvalidInstant {
                input: t.to_string().into(),
            };
            let offset =
                time::UtcOffset::from_whole_seconds(t.offset().seconds()).map_err(|_| bad())?;
            let nanos = i128::from(t.0.timestamp()) * 1_000_000_000
                + i128::from(t.0.timestamp_subsec_nanos());
            time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
                .map(|u| u.to_offset(offset))
                .map_err(|_| bad())
        }
    }

    impl TryFrom<time::UtcOffset> for UtcOffset {
        type Error = ValueError;
        /// # Errors
        /// [`ValueError::InvalidUtcOffset`](crate::value_error::ValueError::InvalidUtcOffset) for offsets of a day or more (time allows ±25:59:59) or
        /// with seconds.
        fn try_from(o: time::UtcOffset) -> Result<UtcOffset, ValueError> {
            UtcOffset::from_seconds(o.whole_seconds())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_parses_only_iso_dates() {
        assert!("2020-02-30".parse::<Day>().is_err());
        assert!("2020-2-3".parse::<Day>().is_err());
        assert_eq!(
            "2020-2-3".parse::<Day>().unwrap_err().to_string(),
            "\"2020-2-3\" is not a calendar day written YYYY-MM-DD, such as 2020-01-24"
        );
        // Eight digits in a row could be a phone number: masked like one (the last 4 kept).
        assert_eq!(
            "20200203".parse::<Day>().unwrap_err().to_string(),
            "\"****0203\" is not a calendar day written YYYY-MM-DD, such as 2020-01-24"
        );
        assert_eq!(
            "2020-02-29".parse::<Day>().unwrap().to_string(),
            "2020-02-29"
        );
    }

    #[test]
    fn days_outside_1800_to_9999_are_refused_naming_the_range() {
        // Given the ends of the supported calendar
        assert_eq!(Day::MIN.to_string(), "1800-01-01");
        assert_eq!(Day::MAX.to_string(), "9999-12-31");
        // Then both ends round trip through text and serde
        for d in [Day::MIN, Day::MAX] {
            assert_eq!(d.to_string().parse::<Day>().unwrap(), d);
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(serde_json::from_str::<Day>(&json).unwrap(), d);
        }
        // And nothing beyond them can be built, parsed or counted to
        assert_eq!(
            "1799-12-31".parse::<Day>().unwrap_err().to_string(),
            "\"1799-12-31\" is outside the days fangkong can record: a day must lie from \
             1800-01-01 to 9999-12-31"
        );
        assert!(Day::from_ymd(10_000, 1, 1).is_err());
        assert!(Day::from_ymd(1799, 12, 31).is_err());
        assert!(Day::try_from_chrono(NaiveDate::MIN).is_err());
        for text in [
            "+10000-01-01",
            "-0005-01-01",
            "0000-01-01",
            "10000-01-01",
            "+2020-01-01",
        ] {
            assert!(text.parse::<Day>().is_err(), "{text}");
        }
        assert!(Day::MAX.next().is_none());
        assert!(Day::MAX.plus_days(1).is_err());
        assert!(Day::MIN.plus_days(-1).is_err());
        // Outside the range, a chrono date is refused, never clamped (issue 23)
        for outside in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(1700, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(1799, 12, 31).unwrap(),
        ] {
            assert_eq!(
                Day::try_from(outside).unwrap_err().code(),
                "day_outside_range"
            );
        }
        assert_eq!(Day::try_from(Day::MIN.to_chrono()), Ok(Day::MIN));
        assert_eq!(Day::try_from(Day::MAX.to_chrono()), Ok(Day::MAX));
    }

    #[test]
    fn instants_outside_1970_to_2200_are_refused_naming_the_range() {
        assert_eq!(Instant::MIN.to_string(), "1970-01-01T00:00:00+00:00");
        assert_eq!(Instant::MAX.to_string(), "2200-12-31T23:59:59+00:00");
        for t in [Instant::MIN, Instant::MAX] {
            assert_eq!(t.to_string().parse::<Instant>().unwrap(), t);
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(serde_json::from_str::<Instant>(&json).unwrap(), t);
        }
        assert_eq!(
            "1969-12-31T23:59:59Z"
                .parse::<Instant>()
                .unwrap_err()
                .to_string(),
            "\"1969-12-31T23:59:59Z\" is outside the times fangkong can record: a date and time \
             must lie from 1970-01-01T00:00:00+00:00 to 2200-12-31T23:59:59+00:00"
        );
        // 08:00 in China on 1970-01-01 is the epoch itself; a minute earlier is refused.
        assert!("1970-01-01T08:00:00+08:00".parse::<Instant>().is_ok());
        assert!("1970-01-01T07:59:00+08:00".parse::<Instant>().is_err());
        assert!("2201-01-01T07:59:59+08:00".parse::<Instant>().is_ok());
        assert!("2201-01-01T00:00:00Z".parse::<Instant>().is_err());
        assert!("9999-12-31T23:59:59Z".parse::<Instant>().is_err());
        let err = serde_json::from_str::<Instant>("\"2201-01-01T00:00:00Z\"").unwrap_err();
        assert!(
            err.to_string().contains("from 1970-01-01T00:00:00+00:00"),
            "{err}"
        );
        // Built from a day far outside the range, Instant::at clamps, Instant::try_at refuses.
        let birth = Day::from_ymd(1880, 1, 1).unwrap();
        assert!(Instant::try_at(birth, TimeOfDay::MIDNIGHT, UtcOffset::CHINA).is_err());
        assert_eq!(
            Instant::at(birth, TimeOfDay::MIDNIGHT, UtcOffset::CHINA),
            Instant::MIN
        );
        assert_eq!(
            Instant::at(Day::MAX, TimeOfDay::MIDNIGHT, UtcOffset::CHINA),
            Instant::MAX
        );
        assert_eq!(Instant::MIN.plus_seconds(-1), Instant::MIN);
        assert_eq!(Instant::MAX.plus_seconds(i64::MAX), Instant::MAX);
        assert!(Instant::from_unix_seconds(-1, UtcOffset::UTC).is_err());
        assert!(Instant::from_unix_seconds(i64::MAX, UtcOffset::UTC).is_err());
    }

    #[test]
    fn chrono_date_times_outside_the_range_or_with_seconds_in_the_offset_are_refused() {
        // Given local mean time in Beijing, +08:05:43, which RFC 3339 cannot write
        let lmt = chrono::FixedOffset::east_opt(8 * 3600 + 5 * 60 + 43).unwrap();
        let t = chrono::DateTime::from_timestamp(1_579_825_800, 0)
            .unwrap()
            .with_timezone(&lmt);
        // Then the conversion is refused rather than writing text that reads back differently
        assert_eq!(
            Instant::try_from(t).unwrap_err(),
            ValueError::InvalidUtcOffset { seconds: 29_143 }
        );
        let max = chrono::DateTime::<chrono::Utc>::MAX_UTC.fixed_offset();
        assert!(matches!(
            Instant::try_from(max),
            Err(ValueError::InstantOutsideRange { .. })
        ));
        let ok = chrono::DateTime::parse_from_rfc3339("2020-01-24T08:30:00+08:00").unwrap();
        assert_eq!(Instant::try_from(ok).unwrap().to_chrono(), ok);
    }

    #[test]
    fn day_in_never_panics_at_the_ends_of_the_range() {
        // Given the first and last instants and the widest offsets
        let west = UtcOffset::from_seconds(-(23 * 3600 + 59 * 60)).unwrap();
        let east = UtcOffset::from_seconds(23 * 3600 + 59 * 60).unwrap();
        for t in [Instant::MIN, Instant::MAX] {
            for o in [west, east, UtcOffset::CHINA, UtcOffset::UTC] {
                let _ = t.day_in(o);
                let _ = t.time_in(o);
                let _ = t.in_offset(o).day();
            }
        }
        assert_eq!(Instant::MIN.day_in(west).to_string(), "1969-12-31");
        assert_eq!(Instant::MAX.day_in(east).to_string(), "2201-01-01");
    }

    proptest::proptest! {
        #[test]
        fn day_in_is_total_near_the_edges(
            edge in proptest::bool::ANY,
            delta in 0i64..(3 * 86_400),
            recorded in -1439i32..=1439,
            asked in -1439i32..=1439,
        ) {
            let recorded = UtcOffset::from_seconds(recorded * 60).unwrap();
            let asked = UtcOffset::from_seconds(asked * 60).unwrap();
            let secs = if edge {
                Instant::MIN.unix_seconds() + delta
            } else {
                Instant::MAX.unix_seconds() - delta
            };
            let t = Instant::from_unix_seconds(secs, recorded).unwrap();
            let day = t.day_in(asked);
            proptest::prop_assert!(Day::MIN <= day && day <= Day::MAX);
            let _ = t.time_in(asked);
            let _ = t.day();
            // The text written is read back as the same instant.
            proptest::prop_assert_eq!(t.to_string().parse::<Instant>().unwrap(), t);
            // Instant::at of its local day and time gives the same minute back.
            let again = Instant::at(day, t.time_in(asked), asked);
            proptest::prop_assert!((t.unix_seconds() - again.unix_seconds()).abs() < 60
                || again == Instant::MIN || again == Instant::MAX);
        }
    }

    #[test]
    fn offsets_are_whole_minutes() {
        assert_eq!(
            UtcOffset::from_seconds(28_843).unwrap_err().to_string(),
            "a UTC offset of 28843 seconds is not a time zone; it must be a whole number of minutes, less than a day"
        );
        assert!(UtcOffset::from_seconds(19_800).is_ok()); // +05:30
    }

    #[test]
    fn instants_at_the_ends_of_the_calendar_do_not_panic() {
        let (first, last) = (Day::MIN, Day::MAX);
        let _ = Instant::at(first, TimeOfDay::MIDNIGHT, UtcOffset::CHINA);
        let _ = Instant::at(
            last,
            TimeOfDay::from_hm(23, 59).unwrap(),
            UtcOffset::from_seconds(-3600).unwrap(),
        );
    }

    #[test]
    fn day_counting_crosses_months_and_leap_days() {
        let d: Day = "2020-02-20".parse().unwrap();
        assert_eq!(d.plus_days(14).unwrap().to_string(), "2020-03-05");
        assert_eq!(d.plus_days(-20).unwrap().to_string(), "2020-01-31");
    }

    #[test]
    fn instant_day_is_the_local_calendar_day() {
        let late: Instant = "2020-01-31T16:00:00Z".parse().unwrap();
        assert_eq!(late.day_in(UtcOffset::CHINA).to_string(), "2020-02-01");
        assert_eq!(late.day().to_string(), "2020-01-31");
        assert_eq!(late.time_in(UtcOffset::CHINA).to_string(), "00:00");
    }

    #[test]
    fn instant_round_trips_its_offset() {
        let t: Instant = "2020-01-24T08:30:00+08:00".parse().unwrap();
        assert_eq!(t.to_string(), "2020-01-24T08:30:00+08:00");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"2020-01-24T08:30:00+08:00\"");
        assert_eq!(serde_json::from_str::<Instant>(&json).unwrap(), t);
    }

    #[test]
    fn serde_writes_exactly_the_display_text() {
        for text in [
            "2020-01-24T08:30:00+08:00",
            "2020-01-24T08:30:00.5+08:00",
            "1999-12-31T23:59:59-05:30",
            "2020-01-24T08:30:00+00:00",
        ] {
            let t: Instant = text.parse().unwrap();
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{t}\""));
            assert_eq!(
                serde_json::from_str::<Instant>(&serde_json::to_string(&t).unwrap()).unwrap(),
                t
            );
        }
        for d in [Day::from_ymd(2020, 2, 29).unwrap(), Day::MAX, Day::MIN] {
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{d}\""));
        }
    }

    #[test]
    fn instant_display_matches_rfc3339_as_chrono_writes_it() {
        for text in [
            "2020-01-24T08:30:00+08:00",
            "2020-01-24T08:30:00.500+08:00",
            "2020-01-24T08:30:00.000001+08:00",
            "2020-01-24T08:30:00.123456789-05:30",
            "1999-12-31T23:59:59+00:00",
        ] {
            let t: Instant = text.parse().unwrap();
            assert_eq!(t.to_string(), text);
            assert_eq!(
                t.to_string(),
                t.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
            );
        }
    }

    #[test]
    fn time_of_day_bounds() {
        assert!(TimeOfDay::from_hm(24, 0).is_err());
        assert!("23:60".parse::<TimeOfDay>().is_err());
        assert_eq!(
            "23:59"
                .parse::<TimeOfDay>()
                .unwrap()
                .minutes_since_midnight(),
            1439
        );
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_crate_conversions_round_trip() {
        let d: Day = "2020-01-24".parse().unwrap();
        let td = time::Date::try_from(d).unwrap();
        assert_eq!(Day::try_from(td).unwrap(), d);
        assert!(time::Date::try_from(Day::MAX).is_ok());
        let early = time::Date::from_calendar_date(1799, time::Month::December, 31).unwrap();
        assert!(matches!(
            Day::try_from(early),
            Err(ValueError::DayOutsideRange { .. })
        ));
        let lmt = time::UtcOffset::from_hms(8, 5, 43).unwrap();
        let tt_lmt = time::OffsetDateTime::from_unix_timestamp(1_579_825_800)
            .unwrap()
            .to_offset(lmt);
        assert_eq!(
            Instant::try_from(tt_lmt).unwrap_err(),
            ValueError::InvalidUtcOffset { seconds: 29_143 }
        );
        let before = time::OffsetDateTime::from_unix_timestamp(-1).unwrap();
        assert!(matches!(
            Instant::try_from(before),
            Err(ValueError::InstantOutsideRange { .. })
        ));
        let t: Instant = "2020-01-24T08:30:00.5+08:00".parse().unwrap();
        let tt = time::OffsetDateTime::try_from(t).unwrap();
        assert_eq!(tt.offset().whole_hours(), 8);
        assert_eq!(Instant::try_from(tt).unwrap().to_string(), t.to_string());
    }
}

// ----- the ledger's record writer (issue 14): a day and an instant as JSON strings -----

impl Day {
    /// Appends the day as a JSON string, exactly as serde_json writes it.
    pub(crate) fn push_json(self, out: &mut Vec<u8>) {
        let y = self.0.year();
        if !(0..=9999).contains(&y) {
            out.push(b'"');
            out.extend_from_slice(self.to_string().as_bytes());
            out.push(b'"');
            return;
        }
        let mut buf = *b"\"0000-00-00\"";
        digits(&mut buf[1..5], y as u32);
        digits(&mut buf[6..8], self.0.month());
        digits(&mut buf[9..11], self.0.day());
        out.extend_from_slice(&buf);
    }
}

impl Instant {
    /// Appends the instant as a JSON string, exactly as serde_json writes it: the local date
    /// and time computed from the Unix time and the offset (days to a civil date as in
    /// Howard Hinnant's `civil_from_days`), without chrono's calendar machinery.
    pub(crate) fn push_json(self, out: &mut Vec<u8>) {
        let off = self.0.offset().local_minus_utc();
        let local = self.0.timestamp() + i64::from(off);
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400) as u32;
        let (y, m, d) = civil_from_days(days);
        if self.0.timestamp_subsec_nanos() != 0 || off % 60 != 0 || !(0..=9999).contains(&y) {
            out.push(b'"');
            out.extend_from_slice(self.to_string().as_bytes());
            out.push(b'"');
            return;
        }
        let mut buf = *b"\"0000-00-00T00:00:00+00:00\"";
        digits(&mut buf[1..5], y as u32);
        digits(&mut buf[6..8], m);
        digits(&mut buf[9..11], d);
        digits(&mut buf[12..14], secs / 3600);
        digits(&mut buf[15..17], secs / 60 % 60);
        digits(&mut buf[18..20], secs % 60);
        buf[20] = if off < 0 { b'-' } else { b'+' };
        let off = off.unsigned_abs();
        digits(&mut buf[21..23], off / 3600);
        digits(&mut buf[24..26], off / 60 % 60);
        out.extend_from_slice(&buf);
    }
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod record_writer_tests {
    use super::*;

    #[test]
    fn days_and_instants_are_written_as_serde_json_writes_them() {
        let mut written = 0;
        for t in [
            "2020-01-23T15:00:00+08:00",
            "2020-02-29T23:59:59+08:00",
            "2020-03-01T00:00:00-05:30",
            "1970-01-01T00:00:00+00:00",
            "1969-12-31T23:59:59+14:00",
            "0001-01-01T00:00:00+00:00",
            "9999-12-31T23:59:59-12:00",
            "2000-02-29T12:34:56+05:45",
            "2100-03-01T01:02:03+08:00",
        ] {
            // Instants outside the supported range are refused when parsed: skipped here.
            let Ok(at) = t.parse::<Instant>() else {
                continue;
            };
            written += 1;
            let mut out = Vec::new();
            at.push_json(&mut out);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&at).unwrap()
            );
            let day = at.day_in(at.offset());
            let mut out = Vec::new();
            day.push_json(&mut out);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&day).unwrap()
            );
        }
        assert!(written >= 6, "{written}");
    }
}
