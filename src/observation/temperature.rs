//! Body temperature (体温) and the fever rule (发热标准).

use crate::observation::ObservationError;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

/// A body temperature (体温) in tenths of a degree Celsius, within the plausible range for a
/// living person, 34.0–43.0 ℃ (DOMAIN.md §4).
///
/// A reading outside that range is refused as implausible ([`ObservationError::ImplausibleTemperature`](crate::observation::ObservationError::ImplausibleTemperature)),
/// never stored, and so never mistaken for a fever. The text form is `37.3 ℃`; parsing also
/// accepts `37.3`, `37.3℃`, `37.3°C` and whole degrees such as `37`. Serde goes through the
/// same text form and the same check.
///
/// ```
/// use fangkong::observation::Temperature;
/// let t: Temperature = "37.3°C".parse()?;
/// assert_eq!(t.to_string(), "37.3 ℃");
/// assert_eq!(t, Temperature::from_tenths(373)?);
/// assert_eq!(
///     "33.9".parse::<Temperature>().unwrap_err().to_string(),
///     "a temperature of 33.9 ℃ is not plausible for a living person (34.0–43.0 ℃): measure again"
/// );
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Temperature(u16);

impl Temperature {
    /// The lowest plausible reading, 34.0 ℃.
    pub const MIN: Temperature = Temperature(340);
    /// The highest plausible reading, 43.0 ℃.
    pub const MAX: Temperature = Temperature(430);

    /// The temperature of `tenths` tenths of a degree Celsius (`373` is 37.3 ℃).
    ///
    /// # Errors
    /// [`ObservationError::ImplausibleTemperature`](crate::observation::ObservationError::ImplausibleTemperature) outside 340–430 (34.0–43.0 ℃), e.g. `339` or `431`,
    /// or `986` (a Fahrenheit reading entered as Celsius).
    pub fn from_tenths(tenths: i32) -> Result<Temperature, Error> {
        if (i32::from(Self::MIN.0)..=i32::from(Self::MAX.0)).contains(&tenths) {
            // The range check above guarantees the value fits.
            Ok(Temperature(u16::try_from(tenths).unwrap_or(Self::MIN.0)))
        } else {
            Err(Error::Observation(
                ObservationError::ImplausibleTemperature { tenths },
            ))
        }
    }

    /// The temperature in tenths of a degree Celsius (`373` for 37.3 ℃).
    pub fn tenths(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Temperature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written without an intermediate String (this is on the path of every reading).
        let t = self.0;
        write!(f, "{}.{} ℃", t / 10, t % 10)
    }
}

impl fmt::Debug for Temperature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Temperature({self})")
    }
}

impl FromStr for Temperature {
    type Err = Error;

    /// Parses degrees Celsius with at most one decimal, optionally followed by `℃` or `°C`.
    fn from_str(s: &str) -> Result<Temperature, Error> {
        let bad = || Error::Observation(ObservationError::InvalidTemperature { input: s.into() });
        let number = s.trim();
        let number = number
            .strip_suffix('℃')
            .or_else(|| number.strip_suffix("°C"))
            .unwrap_or(number)
            .trim_end();
        let (negative, digits) = match number.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, number),
        };
        let (whole, tenth) = match digits.split_once('.') {
            Some((w, t)) => (w, Some(t)),
            None => (digits, None),
        };
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(whole) || whole.len() > 4 {
            return Err(bad());
        }
        let whole: i32 = whole.parse().map_err(|_| bad())?;
        let tenth: i32 = match tenth {
            None => 0,
            Some(t) if t.len() == 1 && all_digits(t) => t.parse().map_err(|_| bad())?,
            Some(_) => return Err(bad()),
        };
        let tenths = whole * 10 + tenth;
        Temperature::from_tenths(if negative { -tenths } else { tenths })
    }
}

impl Serialize for Temperature {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Temperature {
    /// Reads through [`FromStr`]; errors are masked.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Temperature, D::Error> {
        crate::value_error::deserialize_parsed(d, "a temperature in degrees Celsius")
    }
}

/// How a reading is compared with the fever threshold: texts differ between "above 37.3 ℃"
/// (高于37.3℃) and "37.3 ℃ or above" (≥37.3℃), so the protocol says which.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Comparison {
    /// Strictly above the threshold: 37.3 ℃ is not a fever under "above 37.3 ℃".
    Above,
    /// At or above the threshold: 37.3 ℃ is a fever under "at or above 37.3 ℃".
    AtOrAbove,
}

/// The fever rule (发热标准) of a protocol: a threshold and how readings compare with it.
///
/// The default is "above 37.3 ℃" (体温高于37.3℃), the wording of the Wuhan notice of
/// 2020-02-20 (DOMAIN.md §4). Any threshold and comparison is valid, so the fields are public.
///
/// ```
/// use fangkong::observation::{Comparison, FeverRule};
/// let rule = FeverRule::default();
/// assert!(!rule.is_fever("37.3".parse()?));
/// assert!(rule.is_fever("37.4".parse()?));
/// let strict = FeverRule { comparison: Comparison::AtOrAbove, ..rule };
/// assert!(strict.is_fever("37.3".parse()?));
/// assert_eq!(strict.to_string(), "at or above 37.3 ℃");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FeverRule {
    /// The threshold temperature.
    pub threshold: Temperature,
    /// Whether a reading must be above the threshold, or at or above it, to be a fever.
    pub comparison: Comparison,
}

impl FeverRule {
    /// "Above 37.3 ℃": the Wuhan notice of 2020-02-20 and the Chinese presets.
    pub const ABOVE_37_3: FeverRule = FeverRule {
        threshold: Temperature(373),
        comparison: Comparison::Above,
    };

    /// "38.0 ℃ (100.4 ℉) or above": US CDC's measured fever, used by the CDC presets.
    pub const CDC_38_0: FeverRule = FeverRule {
        threshold: Temperature(380),
        comparison: Comparison::AtOrAbove,
    };

    /// Whether `t` is a fever under this rule.
    pub fn is_fever(self, t: Temperature) -> bool {
        match self.comparison {
            Comparison::Above => t > self.threshold,
            Comparison::AtOrAbove => t >= self.threshold,
        }
    }
}

impl Default for FeverRule {
    /// [`FeverRule::ABOVE_37_3`].
    fn default() -> Self {
        FeverRule::ABOVE_37_3
    }
}

impl fmt::Display for FeverRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.comparison {
            Comparison::Above => write!(f, "above {}", self.threshold),
            Comparison::AtOrAbove => write!(f, "at or above {}", self.threshold),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn t(s: &str) -> Temperature {
        s.parse().unwrap()
    }

    #[test]
    fn given_the_usual_spellings_when_parsed_then_they_mean_the_same_reading() {
        for s in ["37.3", "37.3℃", "37.3°C", " 37.3 ℃ ", "37.3 °C"] {
            assert_eq!(t(s).tenths(), 373, "{s}");
        }
        assert_eq!(t("37").to_string(), "37.0 ℃");
        assert_eq!(t("34.0"), Temperature::MIN);
        assert_eq!(t("43.0"), Temperature::MAX);
    }

    #[test]
    fn given_readings_just_outside_the_plausible_range_then_they_are_refused_with_the_reason() {
        assert_eq!(
            "33.9".parse::<Temperature>().unwrap_err().to_string(),
            "a temperature of 33.9 ℃ is not plausible for a living person (34.0–43.0 ℃): measure again"
        );
        assert_eq!(
            "43.1 ℃".parse::<Temperature>().unwrap_err().to_string(),
            "a temperature of 43.1 ℃ is not plausible for a living person (34.0–43.0 ℃): measure again"
        );
        assert_eq!(
            Temperature::from_tenths(-5).unwrap_err(),
            Error::Observation(ObservationError::ImplausibleTemperature { tenths: -5 })
        );
        assert_eq!(
            Temperature::from_tenths(-5).unwrap_err().to_string(),
            "a temperature of -0.5 ℃ is not plausible for a living person (34.0–43.0 ℃): measure again"
        );
    }

    #[test]
    fn given_text_that_is_not_a_temperature_then_it_is_refused_naming_the_text() {
        for s in [
            "", "abc", "37.", ".5", "37.35", "37,3", "3 7", "37.3F", "99999.9", "+37",
        ] {
            assert_eq!(
                s.parse::<Temperature>().unwrap_err(),
                Error::Observation(ObservationError::InvalidTemperature { input: s.into() }),
                "{s}"
            );
        }
        assert_eq!(
            "37,3".parse::<Temperature>().unwrap_err().to_string(),
            "\"37,3\" is not a temperature in degrees Celsius with at most one decimal, such as 37.3"
        );
    }

    #[test]
    fn given_exactly_the_threshold_then_only_at_or_above_calls_it_a_fever() {
        let above = FeverRule::default();
        let at_or_above = FeverRule {
            comparison: Comparison::AtOrAbove,
            ..above
        };
        assert!(!above.is_fever(t("37.3")));
        assert!(at_or_above.is_fever(t("37.3")));
        assert!(!at_or_above.is_fever(t("37.2")));
        assert!(above.is_fever(t("37.4")));
        assert_eq!(above.to_string(), "above 37.3 ℃");
        assert_eq!(FeverRule::CDC_38_0.to_string(), "at or above 38.0 ℃");
    }

    #[test]
    fn serde_goes_through_the_text_form_and_its_check() {
        let json = serde_json::to_string(&t("36.8")).unwrap();
        assert_eq!(json, "\"36.8 ℃\"");
        assert_eq!(
            serde_json::from_str::<Temperature>(&json).unwrap(),
            t("36.8")
        );
        assert!(serde_json::from_str::<Temperature>("\"45.0\"").is_err());
        let rule = FeverRule::CDC_38_0;
        let back: FeverRule = serde_json::from_str(&serde_json::to_string(&rule).unwrap()).unwrap();
        assert_eq!(back, rule);
    }
}
