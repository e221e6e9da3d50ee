//! Screening rules (排查规则) as data, and the screening decision.

use std::cmp::Ordering;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::interview::{Interview, Stay, TravelHistory};
use super::risk::{Designation, RiskRegister, severity_order};
use crate::calendar::Day;
use crate::screening::RiskLevel;

/// Which day is day 0 of the observation a screening opens (DOMAIN.md §3–4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ExposureAnchor {
    /// The last day in the risk area (离汉之日起: counted from the day of leaving), limited to
    /// days the area was at risk.
    LastDayInArea,
    /// The day the resident came home; the last day in the area when that is not recorded.
    DayOfReturn,
}

/// The observation a rule opens for a risk level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LevelObservation {
    /// The risk level.
    pub level: RiskLevel,
    /// The key of the observation protocol to open, e.g. `ed9-high-centralized-7d`.
    pub protocol: String,
}

/// A screening rule (排查规则): which travel makes a resident a key person (重点人员), and which
/// observation to open. Rules are data; two presets ship. Any values are valid.
///
/// The longest look-back window a screening rule may have, in days: a year. Notices look back
/// 14 days (2020) or 7 (2022, DOMAIN.md §3); a longer window is a mistyped number.
pub const MAX_LOOK_BACK_DAYS: u32 = 366;

/// The look-back window of `look_back_days` W on screening day S covers S − W ..= S: a stay
/// whose last day is S − W still counts, one whose last day is S − W − 1 does not (DOMAIN.md
/// §3).
///
/// ```
/// use fangkong::Day;
/// use fangkong::place::DivisionCode;
/// use fangkong::screening::{
///     Interview, ReportedSymptoms, RiskRegister, ScreeningOutcome, ScreeningRule, Stay,
///     TravelHistory,
/// };
/// let rule = ScreeningRule::returnee_jan2020();
/// let register = RiskRegister::jan2020_hubei();
/// let travel = TravelHistory {
///     stays: vec![Stay::new(DivisionCode::WUHAN, "2020-01-10".parse()?, "2020-01-20".parse()?)?],
///     transits: vec![],
///     returned_home: Some("2020-01-21".parse()?),
/// };
/// let interview = Interview::new(travel, true, ReportedSymptoms::default())?;
/// let outcome = rule.screen(&register, &interview, "2020-01-26".parse()?);
/// let ScreeningOutcome::KeyPerson(key) = &outcome else { panic!("{outcome:?}") };
/// assert_eq!(key.day0, "2020-01-20".parse::<Day>()?);
/// assert_eq!(key.protocol, "returnee-jan2020");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScreeningRule {
    /// The rule's name (名称), as explanations print it.
    pub name: String,
    /// The look-back window W in days: 1 to [`MAX_LOOK_BACK_DAYS`] (a rule with any other
    /// window is refused when adopted).
    pub look_back_days: u32,
    /// The observation each level leads to; a level not listed leads to none.
    pub observations: Vec<LevelObservation>,
    /// How day 0 is taken.
    pub anchor: ExposureAnchor,
}

impl ScreeningRule {
    /// "Wuhan/Hubei returnee, January 2020" (DOMAIN.md §3): a stay in a high-risk area within
    /// 14 days opens observation `returnee-jan2020` (14 days at home), day 0 being the last day
    /// in the area (离汉之日起). Meant for [`RiskRegister::jan2020_hubei`].
    pub fn returnee_jan2020() -> ScreeningRule {
        ScreeningRule {
            name: "Wuhan/Hubei returnee, January 2020".to_owned(),
            look_back_days: 14,
            observations: vec![LevelObservation {
                level: RiskLevel::HIGH,
                protocol: "returnee-jan2020".to_owned(),
            }],
            anchor: ExposureAnchor::LastDayInArea,
        }
    }

    /// "traveller, plan ed. 9" (DOMAIN.md §3): a stay within 7 days in a high-risk area opens
    /// `ed9-high-centralized-7d`, medium `ed9-medium-home-7d`, low `ed9-low-2-tests-3d`; the
    /// period runs from the day the person left the area.
    pub fn traveller_ed9() -> ScreeningRule {
        let obs = |level: RiskLevel, protocol: &str| LevelObservation {
            level,
            protocol: protocol.to_owned(),
        };
        ScreeningRule {
            name: "traveller, plan ed. 9".to_owned(),
            look_back_days: 7,
            observations: vec![
                obs(RiskLevel::HIGH, "ed9-high-centralized-7d"),
                obs(RiskLevel::MEDIUM, "ed9-medium-home-7d"),
                obs(RiskLevel::LOW, "ed9-low-2-tests-3d"),
            ],
            anchor: ExposureAnchor::LastDayInArea,
        }
    }

    /// The protocol key the rule opens for `level`, if any (the first listed).
    pub fn protocol_for(&self, level: &RiskLevel) -> Option<&str> {
        self.observations
            .iter()
            .find(|o| &o.level == level)
            .map(|o| o.protocol.as_str())
    }

    /// The first day of the look-back window on screening day `on` (`on` − W); `None` only
    /// when that lies outside the supported calendar (then the window has no first day).
    pub fn window_start(&self, on: Day) -> Option<Day> {
        on.plus_days(-i64::from(self.look_back_days)).ok()
    }

    /// Every stay and transit of `history` that overlaps a designation in force within the
    /// look-back window on day `on`, one [`Exposure`] per stay and designation, in the order of
    /// the stays, then transits, then designation numbers. A transit counts as a one-day stay.
    pub fn exposures(
        &self,
        register: &RiskRegister,
        history: &TravelHistory,
        on: Day,
    ) -> Vec<Exposure> {
        let start = self.window_start(on);
        let stays = history
            .stays
            .iter()
            .map(|s| (*s, false))
            .chain(history.transits.iter().map(|t| (t.as_stay(), true)));
        let mut found = Vec::new();
        for (stay, transit) in stays {
            let first = start.map_or(stay.first(), |w| w.max(stay.first()));
            let last = stay.last().min(on);
            if first > last {
                continue;
            }
            for d in register.overlapping(stay.place(), first, last) {
                if let Some((_, last_exposed)) = d.in_force_within(first, last) {
                    found.push(Exposure {
                        stay,
                        transit,
                        designation: d.clone(),
                        last_exposed,
                    });
                }
            }
        }
        found
    }

    /// Screens a resident on day `on` (排查): symptoms first (refer at once, whatever the
    /// travel), then travel against the register.
    ///
    /// Among the exposures whose level the rule observes, the decision takes the most severe
    /// level, then the latest day 0, then the earliest designation (as
    /// [`RiskRegister::at_risk`]), then the first stay listed. When exposures match only levels
    /// the rule does not observe, the outcome is no risk and says so.
    pub fn screen(
        &self,
        register: &RiskRegister,
        interview: &Interview,
        on: Day,
    ) -> ScreeningOutcome {
        let exposures = self.exposures(register, interview.travel(), on);
        let key = exposures
            .iter()
            .filter_map(|e| {
                self.protocol_for(&e.designation.level)
                    .map(|p| self.key_person(e, p, interview.travel()))
            })
            .min_by(key_order);
        let symptoms = interview.symptoms();
        if symptoms.cold_or_fever {
            return ScreeningOutcome::Symptomatic {
                rule: Arc::from(self.name.as_str()),
                on,
                note: symptoms.note.as_str().into(),
                travel: key.map(Box::new),
            };
        }
        match key {
            Some(k) => ScreeningOutcome::KeyPerson(Box::new(k)),
            None => ScreeningOutcome::NoRisk {
                rule: Arc::from(self.name.as_str()),
                on,
                window_start: self.window_start(on),
                unobserved: exposures
                    .into_iter()
                    .min_by(|a, b| severity_order(&a.designation, &b.designation))
                    .map(Box::new),
            },
        }
    }

    fn key_person(&self, e: &Exposure, protocol: &str, history: &TravelHistory) -> KeyPerson {
        let (day0, day0_basis) = match (self.anchor, history.returned_home) {
            (ExposureAnchor::DayOfReturn, Some(r)) => (r, DayZeroBasis::DayOfReturn),
            (ExposureAnchor::DayOfReturn, None) => {
                (e.last_exposed, DayZeroBasis::LastDayInAreaReturnUnknown)
            }
            _ if e.last_exposed == e.stay.last() => (e.last_exposed, DayZeroBasis::LastDayInArea),
            _ => (e.last_exposed, DayZeroBasis::LastDayAtRisk),
        };
        KeyPerson {
            rule: self.name.clone(),
            exposure: e.clone(),
            protocol: protocol.to_owned(),
            day0,
            day0_basis,
        }
    }
}

/// Most severe level, then latest day 0, then the earliest designation: `Less` comes first.
fn key_order(a: &KeyPerson, b: &KeyPerson) -> Ordering {
    b.exposure
        .designation
        .level
        .cmp(&a.exposure.designation.level)
        .then_with(|| b.day0.cmp(&a.day0))
        .then_with(|| severity_order(&a.exposure.designation, &b.exposure.designation))
}

/// A stay (or transit) that overlapped a designation in force within the look-back window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Exposure {
    /// The stay as recorded (a transit as a one-day stay).
    pub stay: Stay,
    /// Whether it was a transit (途经).
    pub transit: bool,
    /// The designation it overlapped, as it stood at screening.
    pub designation: Designation,
    /// The last day of the stay that was in force and in the window.
    pub last_exposed: Day,
}

impl Exposure {
    /// `stayed in Wuchang (420106) from … to …, within Wuhan (420100), which was a high-risk area
    /// from 2020-01-08`, or `passed through … on …` for a transit.
    pub fn describe(&self) -> String {
        let place = self.stay.place();
        let mut s = if self.transit {
            format!("passed through {} on {}", place.label(), self.stay.first())
        } else {
            self.stay.to_string()
        };
        if self.designation.area != place {
            s.push_str(&format!(", within {}", self.designation.area.label()));
        }
        s.push_str(&format!(", which was {}", self.designation.describe()));
        s
    }
}

/// How day 0 of a key person's observation was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DayZeroBasis {
    /// The last day of the stay.
    LastDayInArea,
    /// The last day of the stay on which the area was at risk (the designation was lifted or
    /// the stay ran past the screening day).
    LastDayAtRisk,
    /// The day of return home.
    DayOfReturn,
    /// The rule asks for the day of return, which is not recorded: the last day in the area.
    LastDayInAreaReturnUnknown,
}

impl DayZeroBasis {
    fn phrase(self) -> &'static str {
        match self {
            DayZeroBasis::LastDayInArea => "the last day in the area",
            DayZeroBasis::LastDayAtRisk => "the last day in the area while it was at risk",
            DayZeroBasis::DayOfReturn => "the day of return",
            DayZeroBasis::LastDayInAreaReturnUnknown => {
                "the last day in the area, as the day of return is not recorded"
            }
        }
    }
}

/// A key person (重点人员) found by screening: the exposure, designation and rule that
/// matched, and the observation to open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KeyPerson {
    /// The rule that decided.
    pub rule: String,
    /// The stay and designation that matched.
    pub exposure: Exposure,
    /// The observation protocol key to open.
    pub protocol: String,
    /// Day 0 of the observation.
    pub day0: Day,
    /// How day 0 was taken.
    pub day0_basis: DayZeroBasis,
}

impl KeyPerson {
    /// One sentence a cadre can read out.
    pub fn explain(&self) -> String {
        format!(
            "Key person: {}; under rule '{}' observation '{}' starts with day 0 = {}, {}.",
            self.exposure.describe(),
            self.rule,
            self.protocol,
            self.day0,
            self.day0_basis.phrase()
        )
    }
}

/// The result of screening a resident (排查结果).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ScreeningOutcome {
    /// No travel that the rule observes.
    NoRisk {
        /// The rule applied (shared by the outcomes held, issue 14; written as its name).
        rule: Arc<str>,
        /// The screening day.
        on: Day,
        /// The first day of the look-back window.
        window_start: Option<Day>,
        /// The most severe exposure at a level the rule opens no observation for, if any.
        unobserved: Option<Box<Exposure>>,
    },
    /// A key person: open the observation (boxed: an outcome without one is 96 bytes
    /// smaller, issue 14).
    KeyPerson(Box<KeyPerson>),
    /// Cold or fever symptoms reported: refer to a designated hospital at once, before
    /// anything else.
    Symptomatic {
        /// The rule applied (shared by the outcomes held, issue 14; written as its name).
        rule: Arc<str>,
        /// The screening day.
        on: Day,
        /// What the resident said (boxed text, issue 14).
        note: Box<str>,
        /// The travel that would have made them a key person, if any.
        travel: Option<Box<KeyPerson>>,
    },
}

impl ScreeningOutcome {
    /// The rule's name shared with an equal one in `names` (added to them when new), so that
    /// the outcomes held keep one copy of it (issue 14).
    pub(crate) fn share_rule(&mut self, names: &mut Vec<Arc<str>>) {
        let rule = match self {
            ScreeningOutcome::NoRisk { rule, .. } | ScreeningOutcome::Symptomatic { rule, .. } => {
                rule
            }
            ScreeningOutcome::KeyPerson(_) => return,
        };
        match names.iter().find(|n| ***n == **rule) {
            Some(shared) => *rule = Arc::clone(shared),
            None => names.push(Arc::clone(rule)),
        }
    }

    /// One sentence a cadre can read out.
    pub fn explain(&self) -> String {
        match self {
            ScreeningOutcome::NoRisk {
                rule,
                on,
                window_start,
                unobserved: None,
            } => {
                let window = match window_start {
                    Some(w) => format!("from {w} to {on}"),
                    None => format!("up to {on}"),
                };
                format!(
                    "No risk: no stay or transit {window} was in an area at risk, under rule \
                     '{rule}'."
                )
            }
            ScreeningOutcome::NoRisk {
                rule,
                unobserved: Some(e),
                ..
            } => format!(
                "No risk: {}, and rule '{rule}' opens no observation for a {}-risk area.",
                e.describe(),
                e.designation.level
            ),
            ScreeningOutcome::KeyPerson(k) => k.explain(),
            ScreeningOutcome::Symptomatic {
                note, travel, rule, ..
            } => {
                let said = if note.trim().is_empty() {
                    String::new()
                } else {
                    format!(" ({note})")
                };
                let travel = match travel {
                    Some(k) => format!(
                        "; also a key person under rule '{rule}': {}",
                        k.exposure.describe()
                    ),
                    None => String::new(),
                };
                format!(
                    "Symptomatic: reports cold or fever symptoms{said}; refer to a designated \
                     hospital at once{travel}."
                )
            }
        }
    }

    /// The key person found, if the outcome is one (also when symptomatic with such travel).
    pub fn key_person(&self) -> Option<&KeyPerson> {
        match self {
            ScreeningOutcome::KeyPerson(k) => Some(k),
            ScreeningOutcome::Symptomatic { travel, .. } => travel.as_deref(),
            ScreeningOutcome::NoRisk { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::place::DivisionCode;
    use crate::screening::{ReportedSymptoms, Transit};
    use crate::test_support::{code, day};
    use proptest::prelude::*;

    #[track_caller]
    fn stay(place: &str, first: &str, last: &str) -> Stay {
        Stay::new(code(place), day(first), day(last)).unwrap()
    }

    fn interview(stays: Vec<Stay>, transits: Vec<Transit>, home: Option<&str>) -> Interview {
        let travel = TravelHistory {
            stays,
            transits,
            returned_home: home.map(day),
        };
        Interview::new(travel, false, ReportedSymptoms::default()).unwrap()
    }

    /// Wuhan designated high from 2020-01-08, lifted on 2020-04-08; a 14-day rule.
    fn wuhan_until_april() -> (ScreeningRule, RiskRegister) {
        let mut r = RiskRegister::new();
        let id = r
            .designate(DivisionCode::WUHAN, RiskLevel::HIGH, day("2020-01-08"), "n")
            .unwrap();
        r.lift(id, day("2020-04-08")).unwrap();
        (ScreeningRule::returnee_jan2020(), r)
    }

    #[track_caller]
    fn screen_one(rule: &ScreeningRule, r: &RiskRegister, s: Stay, on: &str) -> ScreeningOutcome {
        rule.screen(r, &interview(vec![s], vec![], None), day(on))
    }

    #[track_caller]
    fn key(o: &ScreeningOutcome) -> &KeyPerson {
        match o {
            ScreeningOutcome::KeyPerson(k) => k,
            other => panic!("expected a key person, got {}", other.explain()),
        }
    }

    #[test]
    fn january_2020_returnee_left_wuhan_on_the_20th_home_on_the_21st() {
        // Given the January 2020 preset and its register
        let rule = ScreeningRule::returnee_jan2020();
        let register = RiskRegister::jan2020_hubei();
        // And a resident who stayed in Wuhan until 2020-01-20 and came home on 2020-01-21
        let travel = TravelHistory {
            stays: vec![stay("420100", "2020-01-10", "2020-01-20")],
            transits: vec![Transit {
                place: code("430100"),
                day: day("2020-01-21"),
            }],
            returned_home: Some(day("2020-01-21")),
        };
        let answers = Interview::new(travel, true, ReportedSymptoms::default()).unwrap();
        // When screened on 2020-01-26
        let outcome = rule.screen(&register, &answers, day("2020-01-26"));
        // Then a key person, day 0 = the last day in Wuhan (离汉之日起)
        let k = key(&outcome);
        assert_eq!(k.day0, day("2020-01-20"));
        assert_eq!(k.day0_basis, DayZeroBasis::LastDayInArea);
        assert_eq!(k.protocol, "returnee-jan2020");
        assert_eq!(k.exposure.designation.area, DivisionCode::WUHAN);
        assert_eq!(
            outcome.explain(),
            "Key person: stayed in Wuhan (420100) from 2020-01-10 to 2020-01-20, which was a \
             high-risk area from 2020-01-08; under rule 'Wuhan/Hubei returnee, January 2020' \
             observation 'returnee-jan2020' starts with day 0 = 2020-01-20, the last day in the \
             area."
        );
    }

    #[test]
    fn a_stay_ending_the_day_before_the_designation_is_no_risk() {
        let (rule, r) = wuhan_until_april();
        let o = screen_one(
            &rule,
            &r,
            stay("420100", "2020-01-01", "2020-01-07"),
            "2020-01-10",
        );
        assert!(matches!(
            o,
            ScreeningOutcome::NoRisk {
                unobserved: None,
                ..
            }
        ));
        assert_eq!(
            o.explain(),
            "No risk: no stay or transit from 2019-12-27 to 2020-01-10 was in an area at risk, \
             under rule 'Wuhan/Hubei returnee, January 2020'."
        );
    }

    #[test]
    fn a_stay_overlapping_the_first_day_of_the_designation_counts() {
        let (rule, r) = wuhan_until_april();
        let o = screen_one(
            &rule,
            &r,
            stay("420100", "2020-01-01", "2020-01-08"),
            "2020-01-10",
        );
        assert_eq!(key(&o).day0, day("2020-01-08"));
    }

    #[test]
    fn a_stay_overlapping_the_last_day_in_force_counts_and_the_lift_day_does_not() {
        let (rule, r) = wuhan_until_april();
        // Overlapping 04-07, the last day in force: day 0 is 04-07, while it was at risk
        let o = screen_one(
            &rule,
            &r,
            stay("420100", "2020-04-07", "2020-04-10"),
            "2020-04-12",
        );
        let k = key(&o);
        assert_eq!(k.day0, day("2020-04-07"));
        assert_eq!(k.day0_basis, DayZeroBasis::LastDayAtRisk);
        assert_eq!(
            o.explain(),
            "Key person: stayed in Wuhan (420100) from 2020-04-07 to 2020-04-10, which was a \
             high-risk area from 2020-01-08 until it was lifted on 2020-04-08; under rule \
             'Wuhan/Hubei returnee, January 2020' observation 'returnee-jan2020' starts with \
             day 0 = 2020-04-07, the last day in the area while it was at risk."
        );
        // From the lift day on, it no longer matches
        let o = screen_one(
            &rule,
            &r,
            stay("420100", "2020-04-08", "2020-04-10"),
            "2020-04-12",
        );
        assert!(matches!(o, ScreeningOutcome::NoRisk { .. }));
    }

    #[test]
    fn the_look_back_window_includes_its_first_and_last_day() {
        let (rule, r) = wuhan_until_april();
        // Screening on 02-03 with 14 days: the window is 01-20 ..= 02-03
        let on = "2020-02-03";
        let o = screen_one(&rule, &r, stay("420100", "2020-01-10", "2020-01-20"), on);
        assert_eq!(key(&o).day0, day("2020-01-20"));
        let o = screen_one(&rule, &r, stay("420100", "2020-01-10", "2020-01-19"), on);
        assert!(matches!(o, ScreeningOutcome::NoRisk { .. }));
        // The screening day itself is in the window; the day after is not
        let o = screen_one(&rule, &r, stay("420100", "2020-02-03", "2020-02-03"), on);
        assert_eq!(key(&o).day0, day("2020-02-03"));
        let o = screen_one(&rule, &r, stay("420100", "2020-02-04", "2020-02-05"), on);
        assert!(matches!(o, ScreeningOutcome::NoRisk { .. }));
        // A stay running past the screening day is counted up to that day
        let o = screen_one(&rule, &r, stay("420100", "2020-02-01", "2020-02-05"), on);
        assert_eq!(key(&o).day0, day("2020-02-03"));
        assert_eq!(key(&o).day0_basis, DayZeroBasis::LastDayAtRisk);
    }

    #[test]
    fn a_stay_in_a_district_matches_its_city_or_province() {
        let rule = ScreeningRule::returnee_jan2020();
        let mut r = RiskRegister::new();
        r.designate(DivisionCode::HUBEI, RiskLevel::HIGH, day("2020-01-08"), "n")
            .unwrap();
        r.designate(code("420100"), RiskLevel::HIGH, day("2020-01-10"), "n")
            .unwrap();
        // Wuchang lies in Wuhan: on 01-09 only Hubei's designation was in force
        let o = screen_one(
            &rule,
            &r,
            stay("420106", "2020-01-09", "2020-01-09"),
            "2020-01-20",
        );
        assert_eq!(key(&o).exposure.designation.area, DivisionCode::HUBEI);
        assert_eq!(
            o.explain(),
            "Key person: stayed in Wuchang (420106) on 2020-01-09, within Hubei (420000), which \
             was a high-risk area from 2020-01-08; under rule 'Wuhan/Hubei returnee, January \
             2020' observation 'returnee-jan2020' starts with day 0 = 2020-01-09, the last day \
             in the area."
        );
        // Xiantao, administered by Hubei directly, matches Hubei
        let o = screen_one(
            &rule,
            &r,
            stay("429004", "2020-01-12", "2020-01-14"),
            "2020-01-20",
        );
        assert_eq!(key(&o).exposure.designation.area, DivisionCode::HUBEI);
        // Shaoyang, in Hunan, does not
        let o = screen_one(
            &rule,
            &r,
            stay("430500", "2020-01-12", "2020-01-14"),
            "2020-01-20",
        );
        assert!(matches!(o, ScreeningOutcome::NoRisk { .. }));
    }

    #[test]
    fn overlapping_designations_report_the_highest_level() {
        // Given Hubei medium and Wuhan high, both in force, under plan ed. 9
        let rule = ScreeningRule::traveller_ed9();
        let mut r = RiskRegister::new();
        r.designate(
            DivisionCode::HUBEI,
            RiskLevel::MEDIUM,
            day("2022-06-01"),
            "n",
        )
        .unwrap();
        r.designate(DivisionCode::WUHAN, RiskLevel::HIGH, day("2022-06-05"), "n")
            .unwrap();
        // When a traveller stayed in Wuchang on 06-04 ..= 06-06
        let o = screen_one(
            &rule,
            &r,
            stay("420106", "2022-06-04", "2022-06-06"),
            "2022-06-08",
        );
        // Then the high level decides, with its protocol
        let k = key(&o);
        assert_eq!(k.exposure.designation.level, RiskLevel::HIGH);
        assert_eq!(k.protocol, "ed9-high-centralized-7d");
        // And before Wuhan's designation, medium
        let o = screen_one(
            &rule,
            &r,
            stay("420106", "2022-06-03", "2022-06-04"),
            "2022-06-08",
        );
        assert_eq!(key(&o).protocol, "ed9-medium-home-7d");
    }

    #[test]
    fn several_matching_stays_take_the_most_severe_then_the_latest_day_0() {
        let rule = ScreeningRule::traveller_ed9();
        let mut r = RiskRegister::new();
        r.designate(code("430100"), RiskLevel::LOW, day("2022-06-01"), "n")
            .unwrap();
        r.designate(code("420106"), RiskLevel::MEDIUM, day("2022-06-01"), "n")
            .unwrap();
        r.designate(code("420102"), RiskLevel::MEDIUM, day("2022-06-01"), "n")
            .unwrap();
        let answers = interview(
            vec![
                stay("420106", "2022-06-02", "2022-06-03"),
                stay("420102", "2022-06-04", "2022-06-05"),
            ],
            vec![Transit {
                place: code("430100"),
                day: day("2022-06-06"),
            }],
            Some("2022-06-06"),
        );
        let o = rule.screen(&r, &answers, day("2022-06-07"));
        let k = key(&o);
        // Medium beats low; among the two mediums, the later day 0
        assert_eq!(k.exposure.stay.place(), code("420102"));
        assert_eq!(k.day0, day("2022-06-05"));
        assert_eq!(
            rule.exposures(&r, answers.travel(), day("2022-06-07"))
                .len(),
            3
        );
    }

    #[test]
    fn a_transit_counts_as_a_one_day_stay() {
        let rule = ScreeningRule::returnee_jan2020();
        let register = RiskRegister::jan2020_hubei();
        let answers = interview(
            vec![],
            vec![Transit {
                place: code("420106"),
                day: day("2020-01-20"),
            }],
            Some("2020-01-21"),
        );
        let o = rule.screen(&register, &answers, day("2020-01-26"));
        assert!(key(&o).exposure.transit);
        assert_eq!(
            o.explain(),
            "Key person: passed through Wuchang (420106) on 2020-01-20, within Wuhan (420100), \
             which was a high-risk area from 2020-01-08; under rule 'Wuhan/Hubei returnee, \
             January 2020' observation 'returnee-jan2020' starts with day 0 = 2020-01-20, the \
             last day in the area."
        );
    }

    #[test]
    fn the_day_of_return_anchor_takes_the_day_of_return_when_known() {
        let mut rule = ScreeningRule::returnee_jan2020();
        rule.anchor = ExposureAnchor::DayOfReturn;
        let register = RiskRegister::jan2020_hubei();
        let wuhan = stay("420100", "2020-01-10", "2020-01-20");
        let home = interview(vec![wuhan], vec![], Some("2020-01-21"));
        let o = rule.screen(&register, &home, day("2020-01-26"));
        assert_eq!(key(&o).day0, day("2020-01-21"));
        assert!(
            o.explain()
                .ends_with("day 0 = 2020-01-21, the day of return.")
        );
        let unknown = interview(vec![wuhan], vec![], None);
        let o = rule.screen(&register, &unknown, day("2020-01-26"));
        assert_eq!(key(&o).day0, day("2020-01-20"));
        assert!(o.explain().ends_with(
            "day 0 = 2020-01-20, the last day in the area, as the day of return is not recorded."
        ));
    }

    #[test]
    fn a_level_the_rule_does_not_observe_is_no_risk_and_says_why() {
        let rule = ScreeningRule::returnee_jan2020();
        let mut r = RiskRegister::new();
        r.designate(code("430100"), RiskLevel::LOW, day("2020-01-08"), "n")
            .unwrap();
        let o = screen_one(
            &rule,
            &r,
            stay("430100", "2020-01-15", "2020-01-18"),
            "2020-01-26",
        );
        assert_eq!(
            o.explain(),
            "No risk: stayed in Changsha (430100) from 2020-01-15 to 2020-01-18, which was a \
             low-risk area from 2020-01-08, and rule 'Wuhan/Hubei returnee, January 2020' opens \
             no observation for a low-risk area."
        );
        // Plan ed. 9 does observe low-risk areas
        let o = screen_one(
            &ScreeningRule::traveller_ed9(),
            &r,
            stay("430100", "2020-01-15", "2020-01-18"),
            "2020-01-20",
        );
        assert_eq!(key(&o).protocol, "ed9-low-2-tests-3d");
    }

    #[test]
    fn symptoms_come_before_everything() {
        let rule = ScreeningRule::returnee_jan2020();
        let register = RiskRegister::jan2020_hubei();
        // Given a returnee from Wuhan with a fever
        let travel = TravelHistory {
            stays: vec![stay("420100", "2020-01-10", "2020-01-20")],
            transits: vec![],
            returned_home: Some(day("2020-01-21")),
        };
        let fever = ReportedSymptoms {
            cold_or_fever: true,
            note: "fever since yesterday".to_owned(),
        };
        let answers = Interview::new(travel, true, fever.clone()).unwrap();
        let o = rule.screen(&register, &answers, day("2020-01-26"));
        assert!(matches!(o, ScreeningOutcome::Symptomatic { .. }));
        assert_eq!(o.key_person().map(|k| k.day0), Some(day("2020-01-20")));
        assert_eq!(
            o.explain(),
            "Symptomatic: reports cold or fever symptoms (fever since yesterday); refer to a \
             designated hospital at once; also a key person under rule 'Wuhan/Hubei returnee, \
             January 2020': stayed in Wuhan (420100) from 2020-01-10 to 2020-01-20, which was a \
             high-risk area from 2020-01-08."
        );
        // And a resident who never left, with a cold
        let home = Interview::new(
            TravelHistory::default(),
            false,
            ReportedSymptoms {
                cold_or_fever: true,
                note: String::new(),
            },
        )
        .unwrap();
        let o = rule.screen(&register, &home, day("2020-01-26"));
        assert_eq!(
            o.explain(),
            "Symptomatic: reports cold or fever symptoms; refer to a designated hospital at once."
        );
        assert_eq!(o.key_person(), None);
    }

    #[test]
    fn rules_and_outcomes_round_trip_through_serde() {
        for rule in [
            ScreeningRule::returnee_jan2020(),
            ScreeningRule::traveller_ed9(),
        ] {
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(serde_json::from_str::<ScreeningRule>(&json).unwrap(), rule);
        }
        let rule = ScreeningRule::returnee_jan2020();
        let register = RiskRegister::jan2020_hubei();
        let wuhan = stay("420100", "2020-01-10", "2020-01-20");
        let outcomes = [
            rule.screen(
                &register,
                &interview(vec![wuhan], vec![], None),
                day("2020-01-26"),
            ),
            rule.screen(
                &register,
                &interview(vec![], vec![], None),
                day("2020-01-26"),
            ),
            rule.screen(
                &register,
                &Interview::new(
                    TravelHistory {
                        stays: vec![wuhan],
                        ..TravelHistory::default()
                    },
                    false,
                    ReportedSymptoms {
                        cold_or_fever: true,
                        note: "cough".to_owned(),
                    },
                )
                .unwrap(),
                day("2020-01-26"),
            ),
        ];
        for o in outcomes {
            let json = serde_json::to_string(&o).unwrap();
            assert_eq!(serde_json::from_str::<ScreeningOutcome>(&json).unwrap(), o);
        }
    }

    proptest! {
        /// A stay matches iff it overlaps [from, lift − 1] ∩ [on − W, on].
        #[test]
        fn a_stay_matches_iff_it_overlaps_the_designation_in_force_within_the_window(
            from in 0i64..60,
            lift in proptest::option::of(0i64..80),
            first in 0i64..80,
            len in 0i64..20,
            on in 0i64..80,
            w in 0u32..20,
        ) {
            let base = day("2020-01-01");
            let at = |n: i64| base.plus_days(n).unwrap();
            let mut r = RiskRegister::new();
            let id = r.designate(DivisionCode::WUHAN, RiskLevel::HIGH, at(from), "p").unwrap();
            let lift = lift.filter(|l| *l >= from);
            if let Some(l) = lift {
                r.lift(id, at(l)).unwrap();
            }
            let mut rule = ScreeningRule::returnee_jan2020();
            rule.look_back_days = w;
            let s = Stay::new(code("420106"), at(first), at(first + len)).unwrap();
            let o = rule.screen(&r, &interview(vec![s], vec![], None), at(on));
            let lo = from.max(first).max(on - i64::from(w));
            let hi = lift.map_or(i64::MAX, |l| l - 1).min(first + len).min(on);
            let expected = lo <= hi;
            prop_assert_eq!(o.key_person().is_some(), expected);
            if let Some(k) = o.key_person() {
                prop_assert_eq!(k.day0, at(hi));
            }
        }
    }
}
