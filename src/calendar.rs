//! Calendar days and recorded instants.
//!
//! fangkong never reads the clock: every command carries the [`Instant`] at which it happened, and
//! every rule that counts days counts [`Day`]s, calendar dates in the unit's local time
//! (DOMAIN.md §4: "days are calendar days in the unit's local time, never UTC dates").
//!
//! An [`Instant`] keeps the UTC offset it was recorded with, so the ledger shows the wall-clock
//! time the clerk saw. To count days, an instant is turned into the [`Day`] of a given
//! [`UtcOffset`] (the unit's, [`UtcOffset::CHINA`] by default) with [`Instant::day_in`].

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

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
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(NaiveDate);

impl Day {
    /// The day with the given year, month (1–12) and day of month (1–31).
    ///
    /// # Errors
    /// [`Error::InvalidDay`] when there is no such day, e.g. `2021-02-29` or month 13.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Day, Error> {
        NaiveDate::from_ymd_opt(year, month, day)
            .map(Day)
            .ok_or_else(|| Error::InvalidDay {
                input: format!("{year:04}-{month:02}-{day:02}"),
            })
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
    /// [`Error::DayOutOfRange`] if the result lies outside the supported calendar
    /// (about 262,000 years either side of year 0).
    pub fn plus_days(self, n: i64) -> Result<Day, Error> {
        chrono::TimeDelta::try_days(n)
            .and_then(|d| self.0.checked_add_signed(d))
            .map(Day)
            .ok_or(Error::DayOutOfRange { day: self, days: n })
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

    /// The next day, or `None` at the end of the supported calendar.
    pub fn next(self) -> Option<Day> {
        self.0.succ_opt().map(Day)
    }

    /// The underlying `chrono` date.
    pub fn to_chrono(self) -> NaiveDate {
        self.0
    }
}

impl From<NaiveDate> for Day {
    fn from(d: NaiveDate) -> Day {
        Day(d)
    }
}

impl From<Day> for NaiveDate {
    fn from(d: Day) -> NaiveDate {
        d.0
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        if (0..=9999).contains(&y) {
            write!(f, "{y:04}-{m:02}-{d:02}")
        } else {
            // ISO 8601 expanded years carry a sign.
            write!(f, "{y:+05}-{m:02}-{d:02}")
        }
    }
}

impl fmt::Debug for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Day({self})")
    }
}

impl FromStr for Day {
    type Err = Error;

    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Day, Error> {
        let bad = || Error::InvalidDay {
            input: s.to_owned(),
        };
        if !s.is_ascii() {
            return Err(bad());
        }
        // YYYY-MM-DD, or an ISO 8601 expanded year with a sign (+10000-01-01, -0005-03-01),
        // exactly as Display writes it.
        let (sign, rest) = match s.as_bytes().first() {
            Some(b'+') => (1, &s[1..]),
            Some(b'-') => (-1, &s[1..]),
            _ => (1, s),
        };
        let mut parts = rest.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        let year_ok = if rest.len() == s.len() {
            y.len() == 4
        } else {
            (4..=6).contains(&y.len())
        };
        if !(year_ok && digits(y) && m.len() == 2 && digits(m) && d.len() == 2 && digits(d)) {
            return Err(bad());
        }
        let year: i32 = y.parse::<i32>().map_err(|_| bad())? * sign;
        let month: u32 = m.parse().map_err(|_| bad())?;
        let day: u32 = d.parse().map_err(|_| bad())?;
        NaiveDate::from_ymd_opt(year, month, day)
            .map(Day)
            .ok_or_else(bad)
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
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
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
    /// [`Error::InvalidUtcOffset`] unless `-86_400 < seconds < 86_400` and `seconds` is a whole
    /// number of minutes (RFC 3339 offsets, and so the ledger, carry no seconds).
    pub fn from_seconds(seconds: i32) -> Result<UtcOffset, Error> {
        if seconds % 60 != 0 {
            return Err(Error::InvalidUtcOffset { seconds });
        }
        chrono::FixedOffset::east_opt(seconds)
            .map(UtcOffset)
            .ok_or(Error::InvalidUtcOffset { seconds })
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

impl Serialize for UtcOffset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(self.seconds())
    }
}

impl<'de> Deserialize<'de> for UtcOffset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<UtcOffset, D::Error> {
        UtcOffset::from_seconds(i32::deserialize(d)?).map_err(serde::de::Error::custom)
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
    /// [`Error::InvalidTimeOfDay`] unless `hour < 24` and `minute < 60`.
    pub fn from_hm(hour: u32, minute: u32) -> Result<TimeOfDay, Error> {
        if hour < 24 && minute < 60 {
            Ok(TimeOfDay((hour * 60 + minute) as u16))
        } else {
            Err(Error::InvalidTimeOfDay {
                input: format!("{hour:02}:{minute:02}"),
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
    type Err = Error;

    /// Parses `HH:MM`.
    fn from_str(s: &str) -> Result<TimeOfDay, Error> {
        let bad = || Error::InvalidTimeOfDay {
            input: s.to_owned(),
        };
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 {
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
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TimeOfDay, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
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
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(chrono::DateTime<chrono::FixedOffset>);

impl Instant {
    /// The instant at `time` on `day` in the local time `offset`.
    ///
    /// ```
    /// use fangkong::{Instant, TimeOfDay, UtcOffset};
    /// let at = Instant::at("2020-01-24".parse()?, TimeOfDay::from_hm(8, 30)?, UtcOffset::CHINA);
    /// assert_eq!(at.to_string(), "2020-01-24T08:30:00+08:00");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn at(day: Day, time: TimeOfDay, offset: UtcOffset) -> Instant {
        // A fixed offset has no gaps or folds, so the local time maps to exactly one instant.
        let t = NaiveTime::from_hms_opt(time.hour(), time.minute(), 0).unwrap_or(NaiveTime::MIN);
        let local = day.0.and_time(t);
        // Only within a day of the ends of the supported calendar can this overflow; the
        // local time is then taken as UTC rather than panicking.
        let utc = local.checked_sub_offset(offset.0).unwrap_or(local);
        Instant(chrono::DateTime::from_naive_utc_and_offset(utc, offset.0))
    }

    /// The calendar day of this instant in the local time `offset` (the unit's).
    pub fn day_in(self, offset: UtcOffset) -> Day {
        Day(self.0.with_timezone(&offset.0).date_naive())
    }

    /// The calendar day of this instant in the offset it was recorded with.
    pub fn day(self) -> Day {
        Day(self.0.date_naive())
    }

    /// The wall-clock time of this instant in the local time `offset`, to the minute.
    pub fn time_in(self, offset: UtcOffset) -> TimeOfDay {
        let t = self.0.with_timezone(&offset.0).time();
        TimeOfDay((t.hour() * 60 + t.minute()) as u16)
    }

    /// The offset this instant was recorded with.
    pub fn offset(self) -> UtcOffset {
        UtcOffset(*self.0.offset())
    }

    /// The instant `seconds` later (earlier if negative), in the same offset. Saturates at the
    /// ends of the supported calendar.
    ///
    /// ```
    /// use fangkong::Instant;
    /// let t: Instant = "2020-01-24T08:00:00+08:00".parse()?;
    /// assert_eq!(t.plus_seconds(90).to_string(), "2020-01-24T08:01:30+08:00");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn plus_seconds(self, seconds: i64) -> Instant {
        chrono::TimeDelta::try_seconds(seconds)
            .and_then(|d| self.0.checked_add_signed(d))
            .map_or(self, Instant)
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

impl From<chrono::DateTime<chrono::FixedOffset>> for Instant {
    fn from(t: chrono::DateTime<chrono::FixedOffset>) -> Instant {
        Instant(t)
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
    type Err = Error;

    /// Parses RFC 3339, e.g. `2020-01-24T08:30:00+08:00` or `2020-01-24T00:30:00Z`.
    fn from_str(s: &str) -> Result<Instant, Error> {
        chrono::DateTime::parse_from_rfc3339(s)
            .map(Instant)
            .map_err(|_| Error::InvalidInstant {
                input: s.to_owned(),
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
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Instant, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "time")]
mod time_conv {
    //! Conversions to and from the `time` crate (feature `time`).
    use super::*;

    impl TryFrom<time::Date> for Day {
        type Error = Error;
        /// Every `time::Date` fits, but the conversion is checked all the same.
        fn try_from(d: time::Date) -> Result<Day, Error> {
            Day::from_ymd(d.year(), u32::from(u8::from(d.month())), u32::from(d.day()))
        }
    }

    impl TryFrom<Day> for time::Date {
        type Error = Error;
        /// # Errors
        /// [`Error::DayOutOfRange`] for years outside what `time` supports (±9999 by default).
        fn try_from(d: Day) -> Result<time::Date, Error> {
            let month = u8::try_from(d.month())
                .ok()
                .and_then(|m| time::Month::try_from(m).ok());
            month
                .and_then(|m| {
                    time::Date::from_calendar_date(d.year(), m, d.day_of_month() as u8).ok()
                })
                .ok_or(Error::DayOutOfRange { day: d, days: 0 })
        }
    }

    impl TryFrom<time::OffsetDateTime> for Instant {
        type Error = Error;
        /// Sub-second precision is kept; the offset is kept.
        fn try_from(t: time::OffsetDateTime) -> Result<Instant, Error> {
            let bad = || Error::InvalidInstant {
                input: t.to_string(),
            };
            let offset =
                chrono::FixedOffset::east_opt(t.offset().whole_seconds()).ok_or_else(bad)?;
            let utc = chrono::DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond())
                .ok_or_else(bad)?;
            Ok(Instant(utc.with_timezone(&offset)))
        }
    }

    impl TryFrom<Instant> for time::OffsetDateTime {
        type Error = Error;
        /// # Errors
        /// [`Error::InvalidInstant`] for instants outside what `time` supports (±9999 by default).
        fn try_from(t: Instant) -> Result<time::OffsetDateTime, Error> {
            let bad = || Error::InvalidInstant {
                input: t.to_string(),
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
        type Error = Error;
        /// # Errors
        /// [`Error::InvalidUtcOffset`] for offsets of a day or more (time allows ±25:59:59) or
        /// with seconds.
        fn try_from(o: time::UtcOffset) -> Result<UtcOffset, Error> {
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
            "20200203".parse::<Day>().unwrap_err().to_string(),
            "\"20200203\" is not a calendar day written YYYY-MM-DD, such as 2020-01-24"
        );
        assert_eq!(
            "2020-02-29".parse::<Day>().unwrap().to_string(),
            "2020-02-29"
        );
    }

    #[test]
    fn days_outside_years_0_to_9999_round_trip_with_a_sign() {
        for (y, text) in [
            (10_000, "+10000-01-01"),
            (-5, "-0005-01-01"),
            (0, "0000-01-01"),
        ] {
            let d = Day::from_ymd(y, 1, 1).unwrap();
            assert_eq!(d.to_string(), text);
            assert_eq!(text.parse::<Day>().unwrap(), d);
        }
        assert!("10000-01-01".parse::<Day>().is_err());
        assert!("+2020-01-01x".parse::<Day>().is_err());
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
        let first = Day::from(NaiveDate::MIN);
        let last = Day::from(NaiveDate::MAX);
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
            "0999-12-31T23:59:59-05:30",
            "2020-01-24T08:30:00+00:00",
        ] {
            let t: Instant = text.parse().unwrap();
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{t}\""));
            assert_eq!(
                serde_json::from_str::<Instant>(&serde_json::to_string(&t).unwrap()).unwrap(),
                t
            );
        }
        for d in [
            Day::from_ymd(2020, 2, 29).unwrap(),
            Day::from_ymd(12_000, 1, 1).unwrap(),
            Day::from_ymd(7, 7, 7).unwrap(),
        ] {
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
        let far = Day::from_ymd(20_000, 1, 1).unwrap();
        assert!(time::Date::try_from(far).is_err());
        let t: Instant = "2020-01-24T08:30:00.5+08:00".parse().unwrap();
        let tt = time::OffsetDateTime::try_from(t).unwrap();
        assert_eq!(tt.offset().whole_hours(), 8);
        assert_eq!(Instant::try_from(tt).unwrap().to_string(), t.to_string());
    }
}
