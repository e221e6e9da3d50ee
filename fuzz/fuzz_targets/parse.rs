//! Every `FromStr` of fangkong's public types, and serde through the same parsers, on each
//! line of the input: no panic, and whatever parses is written back as text that parses to the
//! same value.
#![no_main]

use std::fmt::Display;
use std::str::FromStr;

use fangkong::{
    Day, Hash, HouseholdId, IdentityNumber, Instant, Phone, ResidentId, StaffId, TimeOfDay, UnitId,
    UtcOffset,
};
use fangkong::observation::{ObservationId, Temperature};
use fangkong::place::{DivisionCode, StatisticalCode};
use fangkong::screening::RoundId;
use libfuzzer_sys::fuzz_target;

/// Parses `s`; if it parses, its `Display` text parses back to the same value, and its JSON
/// round trips. Errors must render.
fn round_trip<T>(s: &str)
where
    T: FromStr + Display + PartialEq + std::fmt::Debug,
    T::Err: Display + PartialEq + std::fmt::Debug,
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    match s.parse::<T>() {
        Ok(v) => {
            let text = v.to_string();
            assert_eq!(text.parse::<T>().as_ref(), Ok(&v), "{s:?} -> {text:?}");
            let json = serde_json::to_string(&v).expect("serializes");
            let back: T = serde_json::from_str(&json).expect("reads back");
            assert_eq!(back, v, "{json}");
        }
        Err(e) => {
            let _ = format!("{e} {e:?}");
        }
    }
    // Serde reads the same text through the same parser.
    if let Ok(json) = serde_json::to_string(s) {
        let _ = serde_json::from_str::<T>(&json).map_err(|e| e.to_string());
    }
}

/// Like [`round_trip`] for the masked types, whose `Display` hides the value: `reveal()`
/// is the text form.
fn round_trip_personal(s: &str) {
    if let Ok(id) = s.parse::<IdentityNumber>() {
        assert_eq!(id.reveal().parse::<IdentityNumber>(), Ok(id));
        assert!(!id.to_string().contains(&id.reveal()[4..14]));
    }
    if let Ok(p) = s.parse::<Phone>() {
        assert_eq!(p.reveal().parse::<Phone>(), Ok(p));
    }
    for json in [serde_json::to_string(s).unwrap_or_default(), s.to_owned()] {
        let _ = serde_json::from_str::<IdentityNumber>(&json).map_err(|e| e.to_string());
        let _ = serde_json::from_str::<Phone>(&json).map_err(|e| e.to_string());
        let _ = serde_json::from_str::<UnitId>(&json).map_err(|e| e.to_string());
        let _ = serde_json::from_str::<UtcOffset>(&json).map_err(|e| e.to_string());
    }
}

/// Instants: the day and time in any offset are total.
fn instant_days(s: &str, offset_minutes: i32) {
    if let Ok(t) = s.parse::<Instant>() {
        if let Ok(o) = UtcOffset::from_seconds(offset_minutes * 60) {
            let d = t.day_in(o);
            assert!(Day::MIN <= d && d <= Day::MAX);
            let _ = t.time_in(o);
            let _ = Instant::at(d, t.time_in(o), o);
        }
        let _ = t.plus_seconds(i64::from(offset_minutes) * 1_000_000_007);
    }
    if let Ok(d) = s.parse::<Day>() {
        let _ = d.plus_days(i64::from(offset_minutes) * 1_000_003);
        let _ = d.next();
        let _ = d.days_since(Day::MIN);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let offset = data.first().map_or(0, |b| i32::from(*b) * 11 - 1400);
    for line in text.split('\n') {
        round_trip::<Day>(line);
        round_trip::<Instant>(line);
        round_trip::<UtcOffset>(line);
        round_trip::<TimeOfDay>(line);
        round_trip::<DivisionCode>(line);
        round_trip::<StatisticalCode>(line);
        round_trip::<UnitId>(line);
        round_trip::<StaffId>(line);
        round_trip::<HouseholdId>(line);
        round_trip::<ResidentId>(line);
        round_trip::<RoundId>(line);
        round_trip::<ObservationId>(line);
        round_trip::<Hash>(line);
        round_trip::<Temperature>(line);
        round_trip_personal(line);
        instant_days(line, offset);
        let _ = fangkong::mask_personal_data(line);
    }
});
