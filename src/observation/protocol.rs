//! Observation protocols (观察方案) as data, their presets, and day counting.

use crate::observation::ObservationError;
use std::fmt;
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::FeverRule;
use crate::calendar::{Day, TimeOfDay};
use crate::error::Error;

/// Where a person is observed (观察地点).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ObservationPlace {
    /// At home (居家).
    Home,
    /// In a centralized observation site (集中隔离点).
    Centralized,
    /// In a designated hotel (指定酒店).
    DesignatedHotel,
}

impl fmt::Display for ObservationPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ObservationPlace::Home => "at home",
            ObservationPlace::Centralized => "centralized",
            ObservationPlace::DesignatedHotel => "in a designated hotel",
        })
    }
}

/// Follow-on health monitoring (健康监测) after the observation period: `days` more days
/// (M), covering days N + 1 ..= N + M. Check slots continue during follow-on; release happens
/// at its start, so nothing in follow-on holds up release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FollowOn {
    /// Its length in days (M).
    pub days: u16,
    /// Where it takes place.
    pub place: ObservationPlace,
}

/// A check slot (测温时段): a window of the local day in which one temperature check is due,
/// e.g. morning 06:00–12:00.
///
/// The window includes its first and its last minute: for 06:00–12:00 a reading at 06:00 and
/// one at 12:00 (up to 12:00:59) are both on time, one at 05:59 or 12:01 is not. However many
/// readings fall in a slot, the slot is one check; [`SlotCounting`] says which reading counts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CheckSlot {
    /// Its name, e.g. `morning` (上午).
    pub name: String,
    /// Its first minute.
    pub start: TimeOfDay,
    /// Its last minute.
    pub end: TimeOfDay,
}

impl CheckSlot {
    /// The slot `name` from `start` through `end`, both given as `HH:MM`.
    ///
    /// # Errors
    /// [`ValueError::InvalidTimeOfDay`](crate::value_error::ValueError::InvalidTimeOfDay) for a time such as `24:00` or `6:00`.
    /// A slot that ends before it starts is refused by [`Protocol::validate`].
    pub fn new(name: &str, start: &str, end: &str) -> Result<CheckSlot, Error> {
        Ok(CheckSlot {
            name: name.to_owned(),
            start: start.parse()?,
            end: end.parse()?,
        })
    }

    fn fixed(name: &str, start: u16, end: u16) -> CheckSlot {
        let t = |m: u16| {
            TimeOfDay::from_hm(u32::from(m / 60), u32::from(m % 60)).unwrap_or(TimeOfDay::MIDNIGHT)
        };
        CheckSlot {
            name: name.to_owned(),
            start: t(start),
            end: t(end),
        }
    }

    /// The two slots of twice-daily checks (早晚各一次): morning 06:00–12:00 and evening
    /// 16:00–22:00 (the windows are this library's choice, DOMAIN.md §4).
    pub fn twice_daily() -> Vec<CheckSlot> {
        vec![
            CheckSlot::fixed("morning", 6 * 60, 12 * 60),
            CheckSlot::fixed("evening", 16 * 60, 22 * 60),
        ]
    }

    /// The one slot of a daily check: 06:00–22:00 (this library's choice).
    pub fn daily() -> Vec<CheckSlot> {
        vec![CheckSlot::fixed("daily", 6 * 60, 22 * 60)]
    }
}

impl fmt::Display for CheckSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}–{})", self.name, self.start, self.end)
    }
}

/// Which reading of a slot counts as its check when there are several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SlotCounting {
    /// The earliest reading in the slot.
    FirstReading,
    /// The latest reading in the slot.
    LastReading,
    /// The highest reading in the slot (the earliest of equal ones), so a fever is never
    /// hidden behind a later normal reading. The presets use this.
    HighestReading,
}

/// A symptom (症状). The first seven are the referral symptoms of the Chinese plans: any of
/// them is reported at once and the person referred to a designated hospital (闭环转运).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Symptom {
    /// Fever (发热), reported as a symptom rather than measured.
    Fever,
    /// Dry cough (干咳).
    DryCough,
    /// Fatigue (乏力).
    Fatigue,
    /// Sore throat (咽痛).
    SoreThroat,
    /// Shortness of breath (气促).
    ShortnessOfBreath,
    /// Loss of smell or taste (嗅觉、味觉减退).
    LossOfSmellOrTaste,
    /// Diarrhoea (腹泻).
    Diarrhoea,
    /// Another symptom, described in the report's note (其他).
    Other,
}

impl Symptom {
    /// The referral symptoms of the Chinese plans (DOMAIN.md §4), in order.
    pub const REFERRAL: [Symptom; 7] = [
        Symptom::Fever,
        Symptom::DryCough,
        Symptom::Fatigue,
        Symptom::SoreThroat,
        Symptom::ShortnessOfBreath,
        Symptom::LossOfSmellOrTaste,
        Symptom::Diarrhoea,
    ];
}

impl fmt::Display for Symptom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Symptom::Fever => "fever",
            Symptom::DryCough => "dry cough",
            Symptom::Fatigue => "fatigue",
            Symptom::SoreThroat => "sore throat",
            Symptom::ShortnessOfBreath => "shortness of breath",
            Symptom::LossOfSmellOrTaste => "loss of smell or taste",
            Symptom::Diarrhoea => "diarrhoea",
            Symptom::Other => "another symptom",
        })
    }
}

/// A scheduled test day (核酸检测日), numbered like every other day (day 0 = last exposure).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestDay {
    /// Day `d` of the observation period (1 ..= N), i.e. day0 + d.
    Observation(u16),
    /// Day `d` of follow-on monitoring (1 ..= M), i.e. day0 + N + d.
    FollowOn(u16),
}

impl fmt::Display for TestDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TestDay::Observation(d) => write!(f, "day {d}"),
            TestDay::FollowOn(d) => write!(f, "follow-on day {d}"),
        }
    }
}

/// A test condition for release (解除条件), as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TestRequirement {
    /// Every test the protocol schedules in the observation period (each
    /// [`TestDay::Observation`]) was sampled on its day and is negative.
    ScheduledNegative,
    /// At least one negative test sampled on day `d` of the period or later (US CDC option 2:
    /// "a negative test taken on day 5 or later").
    NegativeOnOrAfter(u16),
    /// At least `count` negative tests sampled on different days within days 1 ..= `through`
    /// ("2 tests within 3 days", 三天两检).
    NegativesWithin {
        /// How many negative tests, on different days.
        count: u16,
        /// The last day of the period they must be sampled by.
        through: u16,
    },
}

/// The release conditions (解除条件) of a protocol, beyond the period being over and no alert
/// being open (which always apply).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReleaseConditions {
    /// Test conditions; empty when release needs no test.
    pub tests: Vec<TestRequirement>,
    /// How many missed checks in the observation period still allow release. The presets use
    /// 0 (this library's choice): any missed check is a gap a health worker must explain in an
    /// override.
    pub max_missed_checks: u16,
}

/// An observation protocol (观察方案): the rules of one kind of medical observation, as data.
///
/// The fields are public so that users can define their own protocols (start from a preset and
/// change what differs); [`Protocol::validate`] checks one before it is used, and opening an
/// observation validates its protocol. An observation keeps a copy of its protocol, so changing
/// a protocol later does not change observations already opened under it.
///
/// Unchecked input: a protocol travels in commands and events, and a refused command must read
/// back from the ledger as it was given, so it deserializes as it is;
/// [`ProtocolBuilder::build`] and [`Protocol::validate`] check, and opening an observation (or
/// adopting a protocol) refuses an invalid one with
/// [`ObservationError::InvalidProtocol`](crate::observation::ObservationError::InvalidProtocol) or
/// [`ObservationError::PeriodTooLong`](crate::observation::ObservationError::PeriodTooLong).
///
/// # Day counting (DOMAIN.md §4)
/// The day of last exposure (or of leaving the risk area) is **day 0**. A period of N days
/// covers days 1 ..= N: the last day under observation is day0 + N and the earliest day of
/// release is day N + 1 ("after day 10" in the CDC's words is day 11). Follow-on monitoring of
/// M days covers days N + 1 ..= N + M. Test days are numbered the same way. Days are calendar
/// days in the unit's local time.
///
/// ```
/// use fangkong::Day;
/// use fangkong::observation::Protocol;
/// let p = Protocol::returnee_jan2020();
/// let left_wuhan: Day = "2020-01-20".parse()?; // day 0
/// assert_eq!(p.last_day(left_wuhan)?.to_string(), "2020-02-03"); // day 14
/// assert_eq!(p.earliest_release(left_wuhan)?.to_string(), "2020-02-04"); // day 15
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Protocol {
    /// Stable identifier, lowercase letters, digits and hyphens, e.g. `close-contact-ed9`.
    pub key: String,
    /// Name for people, e.g. "Close contact, plan ed. 9 (2022-06)".
    pub name: String,
    /// Where the rules come from.
    pub source: String,
    /// Where the person is observed.
    pub place: ObservationPlace,
    /// Length of the observation period in days (N).
    pub length_days: u16,
    /// Follow-on health monitoring, if any.
    pub follow_on: Option<FollowOn>,
    /// The check slots of each day, in order, not overlapping (grace included).
    pub slots: Vec<CheckSlot>,
    /// Which reading of a slot counts.
    pub counting: SlotCounting,
    /// Minutes after a slot's last minute during which a reading still counts, as late
    /// (迟报) rather than missed. The grace period ends at 23:59 at the latest: readings are
    /// matched to slots within one local day.
    pub late_grace_minutes: u16,
    /// The fever rule.
    pub fever: FeverRule,
    /// Symptoms that raise an alert and call for referral.
    pub referral_symptoms: Vec<Symptom>,
    /// Scheduled test days.
    pub tests: Vec<TestDay>,
    /// What release requires beyond the period being over and no alert being open.
    pub release: ReleaseConditions,
}

const NHC_COMMUNITY_NOTICE: &str = "National Health Commission (国家卫生健康委), notice on \
     community prevention and control of the novel coronavirus pneumonia \
     (肺炎机制发〔2020〕5号), 2020-01-24";
const PLAN_ED9: &str = "National Health Commission, COVID-19 prevention and control plan, \
     9th edition (新型冠状病毒肺炎防控方案（第九版）), 2022-06-27";
const CDC_DEC2020: &str = "US CDC, Options to Reduce Quarantine for Contacts of Persons with \
     SARS-CoV-2 Infection Using Symptom Monitoring and Diagnostic Testing, 2020-12-02";

/// Builds a protocol of the registry's own (a local variant of a preset, say), checked once at
/// [`build`](ProtocolBuilder::build).
///
/// ```
/// use fangkong::observation::{ObservationPlace, Protocol};
/// // A county's 21-day variant of the January 2020 returnee protocol.
/// let p = Protocol::returnee_jan2020()
///     .to_builder()
///     .key("county-returnee-21")
///     .name("County returnee rule, 21 days")
///     .length_days(21)
///     .build()?;
/// assert_eq!(p.length_days, 21);
/// assert!(Protocol::builder("x", "x", "x", ObservationPlace::Home, 0).build().is_err());
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct ProtocolBuilder {
    protocol: Protocol,
}

impl ProtocolBuilder {
    /// Its key, the name screening rules and openings use.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.protocol.key = key.into();
        self
    }

    /// Its name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.protocol.name = name.into();
        self
    }

    /// Where it comes from.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.protocol.source = source.into();
        self
    }

    /// Where the person is observed.
    pub fn place(mut self, place: ObservationPlace) -> Self {
        self.protocol.place = place;
        self
    }

    /// The length of the observation period, N days after day 0.
    pub fn length_days(mut self, days: u16) -> Self {
        self.protocol.length_days = days;
        self
    }

    /// The follow-on health monitoring after release, if any.
    pub fn follow_on(mut self, follow_on: Option<FollowOn>) -> Self {
        self.protocol.follow_on = follow_on;
        self
    }

    /// The daily check slots.
    pub fn slots(mut self, slots: Vec<CheckSlot>) -> Self {
        self.protocol.slots = slots;
        self
    }

    /// How several readings in one slot count.
    pub fn counting(mut self, counting: SlotCounting) -> Self {
        self.protocol.counting = counting;
        self
    }

    /// Minutes after a slot during which a reading counts as late.
    pub fn late_grace_minutes(mut self, minutes: u16) -> Self {
        self.protocol.late_grace_minutes = minutes;
        self
    }

    /// The fever rule.
    pub fn fever(mut self, fever: FeverRule) -> Self {
        self.protocol.fever = fever;
        self
    }

    /// The symptoms that mean referral.
    pub fn referral_symptoms(mut self, symptoms: Vec<Symptom>) -> Self {
        self.protocol.referral_symptoms = symptoms;
        self
    }

    /// The scheduled test days.
    pub fn tests(mut self, tests: Vec<TestDay>) -> Self {
        self.protocol.tests = tests;
        self
    }

    /// The release conditions.
    pub fn release(mut self, release: ReleaseConditions) -> Self {
        self.protocol.release = release;
        self
    }

    /// The protocol, checked.
    ///
    /// # Errors
    /// As [`Protocol::validate`]: an empty key or name, no days, a period longer than a year,
    /// overlapping or empty slots, test days outside the period.
    pub fn build(self) -> Result<Protocol, Error> {
        self.protocol.validate()?;
        Ok(self.protocol)
    }
}

impl Protocol {
    /// A builder for a protocol of the registry's own, with twice-daily checks, the 37.3 ℃
    /// fever rule, the referral symptoms and no tests until set otherwise.
    pub fn builder(
        key: &str,
        name: &str,
        source: &str,
        place: ObservationPlace,
        length_days: u16,
    ) -> ProtocolBuilder {
        ProtocolBuilder {
            protocol: Protocol::chinese(
                key,
                name,
                source,
                place,
                length_days,
                None,
                CheckSlot::twice_daily(),
                Vec::new(),
            ),
        }
    }

    /// A builder starting from this protocol (a preset, say).
    pub fn to_builder(&self) -> ProtocolBuilder {
        ProtocolBuilder {
            protocol: self.clone(),
        }
    }
}

impl FollowOn {
    /// Follow-on monitoring of `days` days at `place`.
    pub fn new(days: u16, place: ObservationPlace) -> FollowOn {
        FollowOn { days, place }
    }
}

impl ReleaseConditions {
    /// Release conditions: the test requirements and how many missed checks are tolerated.
    pub fn new(tests: Vec<TestRequirement>, max_missed_checks: u16) -> ReleaseConditions {
        ReleaseConditions {
            tests,
            max_missed_checks,
        }
    }
}

impl Protocol {
    #[allow(clippy::too_many_arguments)]
    fn chinese(
        key: &str,
        name: &str,
        source: &str,
        place: ObservationPlace,
        length_days: u16,
        follow_on: Option<FollowOn>,
        slots: Vec<CheckSlot>,
        tests: Vec<TestDay>,
    ) -> Protocol {
        let tests_required = if tests.iter().any(|t| matches!(t, TestDay::Observation(_))) {
            vec![TestRequirement::ScheduledNegative]
        } else {
            Vec::new()
        };
        Protocol {
            key: key.to_owned(),
            name: name.to_owned(),
            source: source.to_owned(),
            place,
            length_days,
            follow_on,
            slots,
            counting: SlotCounting::HighestReading,
            late_grace_minutes: 60,
            fever: FeverRule::ABOVE_37_3,
            referral_symptoms: Symptom::REFERRAL.to_vec(),
            tests,
            release: ReleaseConditions {
                tests: tests_required,
                max_missed_checks: 0,
            },
        }
    }

    /// `close-contact-ed2-6`: close contact (密切接触者) under plan editions 2–6 (2020): 14 days
    /// from the last exposure, at home or centralized (set `place` to
    /// [`ObservationPlace::Centralized`] for the latter), temperature morning and evening
    /// (每天早晚各测一次体温), no scheduled tests.
    ///
    /// Source: National Health Commission, prevention and control plan for the novel
    /// coronavirus pneumonia (新型冠状病毒感染的肺炎防控方案), editions 2 (2020-01-22) to 6
    /// (2020-03-07), close-contact management.
    pub fn close_contact_ed2_6() -> Protocol {
        Protocol::chinese(
            "close-contact-ed2-6",
            "Close contact, plan ed. 2–6 (2020)",
            "National Health Commission (国家卫生健康委), prevention and control plan for the \
             novel coronavirus pneumonia (新型冠状病毒感染的肺炎防控方案), editions 2–6, \
             2020-01-22 to 2020-03-07",
            ObservationPlace::Home,
            14,
            None,
            CheckSlot::twice_daily(),
            Vec::new(),
        )
    }

    /// `returnee-jan2020`: a returnee from Wuhan or Hubei, January 2020: 14 days of home
    /// medical observation (居家医学观察) counted from the day they left Wuhan (离汉之日起),
    /// temperature self-reported twice a day, no scheduled tests.
    ///
    /// Source: National Health Commission notice on community prevention and control,
    /// 2020-01-24 (肺炎机制发〔2020〕5号), as applied by county notices.
    pub fn returnee_jan2020() -> Protocol {
        Protocol::chinese(
            "returnee-jan2020",
            "Wuhan/Hubei returnee, January 2020",
            NHC_COMMUNITY_NOTICE,
            ObservationPlace::Home,
            14,
            None,
            CheckSlot::twice_daily(),
            Vec::new(),
        )
    }

    /// `close-contact-ed8`: close contact under plan ed. 8 (2021-05): 14 days centralized
    /// (集中隔离医学观察) then 7 days home health monitoring (居家健康监测), twice-daily
    /// checks, tests on days 1, 4, 7 and 14 and on days 2 and 7 of home monitoring
    /// (days 16 and 21).
    ///
    /// Source: National Health Commission, COVID-19 prevention and control plan, 8th edition
    /// (新型冠状病毒肺炎防控方案（第八版）), 2021-05-11.
    pub fn close_contact_ed8() -> Protocol {
        Protocol::chinese(
            "close-contact-ed8",
            "Close contact, plan ed. 8 (2021-05)",
            "National Health Commission, COVID-19 prevention and control plan, 8th edition \
             (新型冠状病毒肺炎防控方案（第八版）), 2021-05-11",
            ObservationPlace::Centralized,
            14,
            Some(FollowOn {
                days: 7,
                place: ObservationPlace::Home,
            }),
            CheckSlot::twice_daily(),
            vec![
                TestDay::Observation(1),
                TestDay::Observation(4),
                TestDay::Observation(7),
                TestDay::Observation(14),
                TestDay::FollowOn(2),
                TestDay::FollowOn(7),
            ],
        )
    }

    /// `close-contact-ed9`: close contact under plan ed. 9 (2022-06): 7 days centralized then
    /// 3 days home health monitoring ("7+3"), twice-daily checks, tests on days 1, 2, 3, 5 and
    /// 7 and on day 3 of home monitoring (day 10).
    ///
    /// Source: National Health Commission, COVID-19 prevention and control plan, 9th edition,
    /// 2022-06-27.
    pub fn close_contact_ed9() -> Protocol {
        Protocol::chinese(
            "close-contact-ed9",
            "Close contact, plan ed. 9 (2022-06)",
            PLAN_ED9,
            ObservationPlace::Centralized,
            7,
            Some(FollowOn {
                days: 3,
                place: ObservationPlace::Home,
            }),
            CheckSlot::twice_daily(),
            vec![
                TestDay::Observation(1),
                TestDay::Observation(2),
                TestDay::Observation(3),
                TestDay::Observation(5),
                TestDay::Observation(7),
                TestDay::FollowOn(3),
            ],
        )
    }

    /// `contact-of-contact-ed9`: contact of a close contact (密接的密接) under plan ed. 9:
    /// 7 days of home medical observation, a daily check, tests on days 1, 4 and 7.
    ///
    /// Source: National Health Commission, COVID-19 prevention and control plan, 9th edition,
    /// 2022-06-27.
    pub fn contact_of_contact_ed9() -> Protocol {
        Protocol::chinese(
            "contact-of-contact-ed9",
            "Contact of a close contact, plan ed. 9 (2022-06)",
            PLAN_ED9,
            ObservationPlace::Home,
            7,
            None,
            CheckSlot::daily(),
            vec![
                TestDay::Observation(1),
                TestDay::Observation(4),
                TestDay::Observation(7),
            ],
        )
    }

    /// `close-contact-twenty-measures`: close contact under the twenty measures (二十条,
    /// 2022-11): 5 days centralized then 3 days at home ("5+3"; the measures call the home
    /// part home isolation), twice-daily checks, tests on days 1, 2, 3 and 5 and on days 1
    /// and 3 at home (days 6 and 8).
    ///
    /// Source: State Council joint prevention and control mechanism, notice on further
    /// optimizing prevention and control measures (关于进一步优化新冠肺炎疫情防控措施
    /// 科学精准做好防控工作的通知), 2022-11-11.
    pub fn close_contact_twenty_measures() -> Protocol {
        Protocol::chinese(
            "close-contact-twenty-measures",
            "Close contact, twenty measures (2022-11)",
            "State Council joint prevention and control mechanism, notice on further \
             optimizing COVID-19 prevention and control measures (二十条), 2022-11-11",
            ObservationPlace::Centralized,
            5,
            Some(FollowOn {
                days: 3,
                place: ObservationPlace::Home,
            }),
            CheckSlot::twice_daily(),
            vec![
                TestDay::Observation(1),
                TestDay::Observation(2),
                TestDay::Observation(3),
                TestDay::Observation(5),
                TestDay::FollowOn(1),
                TestDay::FollowOn(3),
            ],
        )
    }

    fn cdc(key: &str, name: &str, length_days: u16, tests: Vec<TestRequirement>) -> Protocol {
        Protocol {
            key: key.to_owned(),
            name: name.to_owned(),
            source: CDC_DEC2020.to_owned(),
            place: ObservationPlace::Home,
            length_days,
            follow_on: Some(FollowOn {
                days: 14 - length_days,
                place: ObservationPlace::Home,
            }),
            slots: CheckSlot::daily(),
            counting: SlotCounting::HighestReading,
            late_grace_minutes: 60,
            fever: FeverRule::CDC_38_0,
            referral_symptoms: Symptom::REFERRAL.to_vec(),
            tests: Vec::new(),
            release: ReleaseConditions {
                tests,
                max_missed_checks: 0,
            },
        }
    }

    /// `cdc-dec2020-option1`: US CDC, December 2020, option 1: quarantine ends after day 10
    /// without testing if no symptoms were reported (N = 10, release on day 11), symptom
    /// monitoring continues to day 14 (M = 4), a daily check, fever at or above 38.0 ℃.
    ///
    /// Source: US CDC, Options to Reduce Quarantine for Contacts of Persons with SARS-CoV-2
    /// Infection Using Symptom Monitoring and Diagnostic Testing, 2020-12-02.
    pub fn cdc_dec2020_option1() -> Protocol {
        Protocol::cdc(
            "cdc-dec2020-option1",
            "US CDC quarantine, December 2020, option 1 (10 days)",
            10,
            Vec::new(),
        )
    }

    /// `cdc-dec2020-option2`: US CDC, December 2020, option 2: quarantine ends after day 7
    /// (N = 7, release on day 8) with a negative test sampled on day 5 or later, symptom
    /// monitoring continues to day 14 (M = 7), a daily check, fever at or above 38.0 ℃.
    ///
    /// Source: as [`Protocol::cdc_dec2020_option1`].
    pub fn cdc_dec2020_option2() -> Protocol {
        Protocol::cdc(
            "cdc-dec2020-option2",
            "US CDC quarantine, December 2020, option 2 (7 days and a test)",
            7,
            vec![TestRequirement::NegativeOnOrAfter(5)],
        )
    }

    /// `ed9-high-centralized-7d`: traveller from a high-risk area within the last 7 days
    /// (plan ed. 9): 7 days centralized, twice-daily checks, tests on days 1, 2, 3, 5 and 7,
    /// counted from the day the person left the area.
    ///
    /// Source: local applications of plan ed. 9 (2022-06-27).
    pub fn ed9_high_centralized_7d() -> Protocol {
        Protocol::chinese(
            "ed9-high-centralized-7d",
            "Traveller from a high-risk area, plan ed. 9: 7 days centralized",
            PLAN_ED9,
            ObservationPlace::Centralized,
            7,
            None,
            CheckSlot::twice_daily(),
            vec![
                TestDay::Observation(1),
                TestDay::Observation(2),
                TestDay::Observation(3),
                TestDay::Observation(5),
                TestDay::Observation(7),
            ],
        )
    }

    /// `ed9-medium-home-7d`: traveller from a medium-risk area (plan ed. 9): 7 days at home,
    /// twice-daily checks, tests on days 1, 4 and 7.
    ///
    /// Source: local applications of plan ed. 9 (2022-06-27).
    pub fn ed9_medium_home_7d() -> Protocol {
        Protocol::chinese(
            "ed9-medium-home-7d",
            "Traveller from a medium-risk area, plan ed. 9: 7 days at home",
            PLAN_ED9,
            ObservationPlace::Home,
            7,
            None,
            CheckSlot::twice_daily(),
            vec![
                TestDay::Observation(1),
                TestDay::Observation(4),
                TestDay::Observation(7),
            ],
        )
    }

    /// `ed9-low-2-tests-3d`: traveller from a low-risk area (plan ed. 9): 2 tests within 3
    /// days (三天两检), scheduled on days 1 and 3; release needs 2 negative tests on different
    /// days within days 1–3, whichever days they were. A daily check.
    ///
    /// Source: local applications of plan ed. 9 (2022-06-27).
    pub fn ed9_low_2_tests_3d() -> Protocol {
        let mut p = Protocol::chinese(
            "ed9-low-2-tests-3d",
            "Traveller from a low-risk area, plan ed. 9: 2 tests within 3 days",
            PLAN_ED9,
            ObservationPlace::Home,
            3,
            None,
            CheckSlot::daily(),
            vec![TestDay::Observation(1), TestDay::Observation(3)],
        );
        p.release.tests = vec![TestRequirement::NegativesWithin {
            count: 2,
            through: 3,
        }];
        p
    }

    /// Every preset, in the order of the table in DOMAIN.md §4, then the plan ed. 9
    /// traveller protocols.
    pub fn presets() -> Vec<Protocol> {
        vec![
            Protocol::close_contact_ed2_6(),
            Protocol::returnee_jan2020(),
            Protocol::close_contact_ed8(),
            Protocol::close_contact_ed9(),
            Protocol::contact_of_contact_ed9(),
            Protocol::close_contact_twenty_measures(),
            Protocol::cdc_dec2020_option1(),
            Protocol::cdc_dec2020_option2(),
            Protocol::ed9_high_centralized_7d(),
            Protocol::ed9_medium_home_7d(),
            Protocol::ed9_low_2_tests_3d(),
        ]
    }

    /// The preset with this key, if any.
    ///
    /// ```
    /// use fangkong::observation::Protocol;
    /// let p = Protocol::preset("close-contact-ed9").expect("a preset");
    /// assert_eq!((p.length_days, p.follow_on.map(|f| f.days)), (7, Some(3)));
    /// assert!(Protocol::preset("close-contact-ed10").is_none());
    /// ```
    pub fn preset(key: &str) -> Option<Protocol> {
        let make: fn() -> Protocol = match key {
            "close-contact-ed2-6" => Protocol::close_contact_ed2_6,
            "returnee-jan2020" => Protocol::returnee_jan2020,
            "close-contact-ed8" => Protocol::close_contact_ed8,
            "close-contact-ed9" => Protocol::close_contact_ed9,
            "contact-of-contact-ed9" => Protocol::contact_of_contact_ed9,
            "close-contact-twenty-measures" => Protocol::close_contact_twenty_measures,
            "cdc-dec2020-option1" => Protocol::cdc_dec2020_option1,
            "cdc-dec2020-option2" => Protocol::cdc_dec2020_option2,
            "ed9-high-centralized-7d" => Protocol::ed9_high_centralized_7d,
            "ed9-medium-home-7d" => Protocol::ed9_medium_home_7d,
            "ed9-low-2-tests-3d" => Protocol::ed9_low_2_tests_3d,
            _ => return None,
        };
        Some(make())
    }

    /// Checks that the protocol can be used.
    ///
    /// # Errors
    /// [`ObservationError::InvalidProtocol`](crate::observation::ObservationError::InvalidProtocol) naming the problem: a key that is empty, longer than 64
    /// characters or has characters other than lowercase letters, digits and hyphens (`Close
    /// Contact`); an empty name; a length of 0 days; follow-on of 0 days; a slot without a name,
    /// ending before it starts (`12:00–06:00`), or overlapping the next slot once its grace
    /// period is counted; two slots with one name; a grace period longer than a day; a test day
    /// outside its period (day 15 of a 14-day period, or a follow-on test without follow-on);
    /// a test day listed twice; a test requirement outside the period or needing more tests
    /// than days.
    ///
    /// [`ObservationError::PeriodTooLong`](crate::observation::ObservationError::PeriodTooLong) for an observation period or follow-on monitoring of more than
    /// [`MAX_PERIOD_DAYS`] days (`length_days: 1400`, a typo for 14).
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |problem: String| {
            Err(Error::Observation(ObservationError::InvalidProtocol {
                key: self.key.clone(),
                problem,
            }))
        };
        let key_ok = !self.key.is_empty()
            && self.key.len() <= 64
            && self
                .key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !key_ok {
            return bad("its key must be 1–64 lowercase letters, digits or hyphens".into());
        }
        if self.name.trim().is_empty() {
            return bad("it has no name".into());
        }
        let n = self.length_days;
        if n == 0 {
            return bad("its observation period must last at least 1 day".into());
        }
        check_period_days(OBSERVATION_PERIOD, i64::from(n))?;
        let m = self.follow_on.map_or(0, |f| f.days);
        if self.follow_on.is_some() && m == 0 {
            return bad("its follow-on monitoring must last at least 1 day".into());
        }
        check_period_days(FOLLOW_ON, i64::from(m))?;
        if self.late_grace_minutes >= 24 * 60 {
            return bad(format!(
                "a grace period of {} minutes is longer than a day",
                self.late_grace_minutes
            ));
        }
        for (i, slot) in self.slots.iter().enumerate() {
            if slot.name.trim().is_empty() {
                return bad(format!("check slot {} has no name", i + 1));
            }
            if slot.end < slot.start {
                return bad(format!(
                    "check slot {:?} ends at {}, before it starts at {}",
                    slot.name, slot.end, slot.start
                ));
            }
            if self.slots[..i].iter().any(|s| s.name == slot.name) {
                return bad(format!("two check slots are named {:?}", slot.name));
            }
        }
        for pair in self.slots.windows(2) {
            if let [a, b] = pair {
                let a_late_end =
                    a.end.minutes_since_midnight() + u32::from(self.late_grace_minutes);
                if b.start.minutes_since_midnight() <= a_late_end {
                    return bad(format!(
                        "check slot {:?} starts at {}, before slot {:?} (ending at {} with {} \
                         minutes' grace) is over; slots must be in order and not overlap",
                        b.name, b.start, a.name, a.end, self.late_grace_minutes
                    ));
                }
            }
        }
        for (i, test) in self.tests.iter().enumerate() {
            let fits = match *test {
                TestDay::Observation(d) => (1..=n).contains(&d),
                TestDay::FollowOn(d) => (1..=m).contains(&d),
            };
            if !fits {
                return bad(format!(
                    "test {test} lies outside its {}",
                    match test {
                        TestDay::Observation(_) => format!("{n}-day observation period"),
                        TestDay::FollowOn(_) if m == 0 =>
                            "follow-on monitoring (there is none)".into(),
                        TestDay::FollowOn(_) => format!("{m}-day follow-on monitoring"),
                    }
                ));
            }
            if self.tests[..i].contains(test) {
                return bad(format!("test {test} is listed twice"));
            }
        }
        for req in &self.release.tests {
            match *req {
                TestRequirement::ScheduledNegative => {}
                TestRequirement::NegativeOnOrAfter(d) if (1..=n).contains(&d) => {}
                TestRequirement::NegativeOnOrAfter(d) => {
                    return bad(format!(
                        "it requires a negative test on or after day {d}, outside its {n}-day period"
                    ));
                }
                TestRequirement::NegativesWithin { count, through }
                    if count >= 1 && count <= through && through <= n => {}
                TestRequirement::NegativesWithin { count, through } => {
                    return bad(format!(
                        "it requires {count} negative tests on different days within days 1–{through} \
                         of its {n}-day period, which cannot be met"
                    ));
                }
            }
        }
        Ok(())
    }

    /// The last day under observation: day0 + N.
    ///
    /// # Errors
    /// [`ValueError::DayOutOfRange`](crate::value_error::ValueError::DayOutOfRange) only at the ends of the supported calendar.
    pub fn last_day(&self, day0: Day) -> Result<Day, Error> {
        Ok(day0.plus_days(i64::from(self.length_days))?)
    }

    /// The earliest day of release: day0 + N + 1.
    ///
    /// # Errors
    /// [`ValueError::DayOutOfRange`](crate::value_error::ValueError::DayOutOfRange) only at the ends of the supported calendar.
    pub fn earliest_release(&self, day0: Day) -> Result<Day, Error> {
        Ok(day0.plus_days(i64::from(self.length_days) + 1)?)
    }

    /// The days of follow-on monitoring, day0 + N + 1 ..= day0 + N + M, if the protocol has any.
    ///
    /// ```
    /// use fangkong::Day;
    /// use fangkong::observation::Protocol;
    /// let day0: Day = "2022-07-01".parse()?;
    /// let days = Protocol::close_contact_ed9().follow_on_days(day0)?.expect("7+3");
    /// assert_eq!((days.start().to_string(), days.end().to_string()),
    ///            ("2022-07-09".into(), "2022-07-11".into()));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ValueError::DayOutOfRange`](crate::value_error::ValueError::DayOutOfRange) only at the ends of the supported calendar.
    pub fn follow_on_days(&self, day0: Day) -> Result<Option<RangeInclusive<Day>>, Error> {
        follow_on_range(day0.plus_days(i64::from(self.length_days))?, self.follow_on)
    }

    /// The scheduled test days as calendar days, in the protocol's order.
    ///
    /// # Errors
    /// [`ValueError::DayOutOfRange`](crate::value_error::ValueError::DayOutOfRange) only at the ends of the supported calendar.
    pub fn test_days(&self, day0: Day) -> Result<Vec<(Day, TestDay)>, Error> {
        test_days_for(
            &self.tests,
            day0,
            day0.plus_days(i64::from(self.length_days))?,
        )
    }
}

/// The follow-on days after `last_day`, if any.
pub(crate) fn follow_on_range(
    last_day: Day,
    follow_on: Option<FollowOn>,
) -> Result<Option<RangeInclusive<Day>>, Error> {
    match follow_on {
        None => Ok(None),
        Some(f) => Ok(Some(
            last_day.plus_days(1)?..=last_day.plus_days(i64::from(f.days))?,
        )),
    }
}

/// The calendar days of `tests` for a period from `day0` through `last_day`; observation test
/// days after `last_day` (a shortened period) are left out.
pub(crate) fn test_days_for(
    tests: &[TestDay],
    day0: Day,
    last_day: Day,
) -> Result<Vec<(Day, TestDay)>, Error> {
    let length = last_day.days_since(day0);
    let mut out = Vec::with_capacity(tests.len());
    for &t in tests {
        match t {
            TestDay::Observation(d) if i64::from(d) <= length => {
                out.push((day0.plus_days(i64::from(d))?, t));
            }
            TestDay::Observation(_) => {}
            TestDay::FollowOn(d) => out.push((last_day.plus_days(i64::from(d))?, t)),
        }
    }
    Ok(out)
}

/// The number of `day` counted from `day0` (day 0 = last exposure; negative before it).
///
/// ```
/// use fangkong::Day;
/// use fangkong::observation::day_number;
/// let day0: Day = "2020-01-20".parse()?;
/// assert_eq!(day_number(day0, "2020-02-03".parse()?), 14);
/// assert_eq!(day_number(day0, day0), 0);
/// # Ok::<(), fangkong::Error>(())
/// ```
pub fn day_number(day0: Day, day: Day) -> i64 {
    day.days_since(day0)
}

/// The longest observation period, and the longest follow-on monitoring, in days: a year
/// (366 days, for a leap year). No protocol has come near it (the longest preset is 14 days);
/// a longer period is a typo, and unbounded periods would let one command schedule checks for
/// centuries.
pub const MAX_PERIOD_DAYS: u16 = 366;

/// What [`check_period_days`] calls an observation period.
const OBSERVATION_PERIOD: &str = "an observation period";
/// What [`check_period_days`] calls follow-on monitoring.
const FOLLOW_ON: &str = "follow-on monitoring";

/// Checks that a period of `days` days is no longer than [`MAX_PERIOD_DAYS`]; `what` names it
/// in the error, e.g. `"an observation period"`. A protocol's [`Protocol::validate`] checks its
/// own periods with it; a command that changes an observation's last day checks the new length
/// (`new_last_day.days_since(day0)`) with it.
///
/// ```
/// use fangkong::observation::check_period_days;
/// assert!(check_period_days("an observation period", 14).is_ok());
/// assert_eq!(
///     check_period_days("an observation period", 1400).unwrap_err().to_string(),
///     "an observation period of 1400 days is longer than 366 days: no observation lasts more \
///      than a year, so the number was probably mistyped"
/// );
/// ```
///
/// # Errors
/// [`ObservationError::PeriodTooLong`](crate::observation::ObservationError::PeriodTooLong) when `days` > [`MAX_PERIOD_DAYS`].
pub fn check_period_days(what: &'static str, days: i64) -> Result<(), Error> {
    if days > i64::from(MAX_PERIOD_DAYS) {
        Err(Error::Observation(ObservationError::PeriodTooLong {
            what,
            days,
            max: MAX_PERIOD_DAYS,
        }))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::day;

    /// Given day 0, a preset pins its last day, first release day, test days and follow-on.
    #[track_caller]
    fn pin(
        key: &str,
        day0: &str,
        last: &str,
        release: &str,
        tests: &[&str],
        follow_on: Option<(&str, &str)>,
    ) -> Protocol {
        let p = Protocol::preset(key).unwrap();
        p.validate().unwrap();
        let d0 = day(day0);
        assert_eq!(p.last_day(d0).unwrap(), day(last), "{key}: last day");
        assert_eq!(
            p.earliest_release(d0).unwrap(),
            day(release),
            "{key}: release"
        );
        let test_days: Vec<String> = p
            .test_days(d0)
            .unwrap()
            .iter()
            .map(|(d, _)| d.to_string())
            .collect();
        assert_eq!(test_days, tests, "{key}: test days");
        let f = p.follow_on_days(d0).unwrap();
        assert_eq!(
            f.map(|r| (r.start().to_string(), r.end().to_string())),
            follow_on.map(|(a, b)| (a.to_string(), b.to_string())),
            "{key}: follow-on"
        );
        p
    }

    #[test]
    fn close_contact_ed2_6_is_14_days_morning_and_evening() {
        let p = pin(
            "close-contact-ed2-6",
            "2020-01-20",
            "2020-02-03",
            "2020-02-04",
            &[],
            None,
        );
        assert_eq!(p.slots.len(), 2);
        assert_eq!(p.fever, FeverRule::default());
    }

    #[test]
    fn returnee_jan2020_left_wuhan_on_the_20th_is_released_on_4_february() {
        // Given: left Wuhan 2020-01-20 (day 0). Then: day 14 is 2020-02-03, release 2020-02-04.
        let p = pin(
            "returnee-jan2020",
            "2020-01-20",
            "2020-02-03",
            "2020-02-04",
            &[],
            None,
        );
        assert_eq!(p.place, ObservationPlace::Home);
        assert_eq!(p.slots, CheckSlot::twice_daily());
    }

    #[test]
    fn close_contact_ed8_is_14_plus_7_with_six_tests() {
        let p = pin(
            "close-contact-ed8",
            "2021-06-01",
            "2021-06-15",
            "2021-06-16",
            &[
                "2021-06-02",
                "2021-06-05",
                "2021-06-08",
                "2021-06-15",
                "2021-06-17",
                "2021-06-22",
            ],
            Some(("2021-06-16", "2021-06-22")),
        );
        assert_eq!(p.place, ObservationPlace::Centralized);
        assert_eq!(p.release.tests, [TestRequirement::ScheduledNegative]);
    }

    #[test]
    fn close_contact_ed9_is_7_plus_3() {
        pin(
            "close-contact-ed9",
            "2022-07-01",
            "2022-07-08",
            "2022-07-09",
            &[
                "2022-07-02",
                "2022-07-03",
                "2022-07-04",
                "2022-07-06",
                "2022-07-08",
                "2022-07-11",
            ],
            Some(("2022-07-09", "2022-07-11")),
        );
    }

    #[test]
    fn contact_of_contact_ed9_is_7_days_at_home_with_a_daily_check() {
        let p = pin(
            "contact-of-contact-ed9",
            "2022-07-01",
            "2022-07-08",
            "2022-07-09",
            &["2022-07-02", "2022-07-05", "2022-07-08"],
            None,
        );
        assert_eq!(p.slots.len(), 1);
    }

    #[test]
    fn twenty_measures_close_contact_is_5_plus_3() {
        pin(
            "close-contact-twenty-measures",
            "2022-11-30",
            "2022-12-05",
            "2022-12-06",
            &[
                "2022-12-01",
                "2022-12-02",
                "2022-12-03",
                "2022-12-05",
                "2022-12-06",
                "2022-12-08",
            ],
            Some(("2022-12-06", "2022-12-08")),
        );
    }

    #[test]
    fn cdc_option1_releases_after_day_10_and_monitors_to_day_14() {
        // "After day 10" is day 11; monitoring covers days 11..=14.
        let p = pin(
            "cdc-dec2020-option1",
            "2020-12-01",
            "2020-12-11",
            "2020-12-12",
            &[],
            Some(("2020-12-12", "2020-12-15")),
        );
        assert!(p.release.tests.is_empty());
        assert_eq!(p.fever, FeverRule::CDC_38_0);
    }

    #[test]
    fn cdc_option2_releases_after_day_7_with_a_negative_test_from_day_5() {
        let p = pin(
            "cdc-dec2020-option2",
            "2020-12-01",
            "2020-12-08",
            "2020-12-09",
            &[],
            Some(("2020-12-09", "2020-12-15")),
        );
        assert_eq!(p.release.tests, [TestRequirement::NegativeOnOrAfter(5)]);
    }

    #[test]
    fn ed9_traveller_protocols() {
        pin(
            "ed9-high-centralized-7d",
            "2022-08-01",
            "2022-08-08",
            "2022-08-09",
            &[
                "2022-08-02",
                "2022-08-03",
                "2022-08-04",
                "2022-08-06",
                "2022-08-08",
            ],
            None,
        );
        pin(
            "ed9-medium-home-7d",
            "2022-08-01",
            "2022-08-08",
            "2022-08-09",
            &["2022-08-02", "2022-08-05", "2022-08-08"],
            None,
        );
        let low = pin(
            "ed9-low-2-tests-3d",
            "2022-08-01",
            "2022-08-04",
            "2022-08-05",
            &["2022-08-02", "2022-08-04"],
            None,
        );
        assert_eq!(
            low.release.tests,
            [TestRequirement::NegativesWithin {
                count: 2,
                through: 3
            }]
        );
    }

    #[test]
    fn every_preset_is_valid_listed_once_and_found_by_its_key() {
        let presets = Protocol::presets();
        assert_eq!(presets.len(), 11);
        for (i, p) in presets.iter().enumerate() {
            p.validate().unwrap();
            assert!(presets[..i].iter().all(|q| q.key != p.key), "{}", p.key);
            assert_eq!(Protocol::preset(&p.key).as_ref(), Some(p));
            assert!(!p.source.is_empty());
        }
    }

    #[test]
    fn given_broken_protocols_then_validate_names_the_problem() {
        let base = Protocol::close_contact_ed8();
        let msg = |p: Protocol| p.validate().unwrap_err().to_string();
        assert_eq!(
            msg(Protocol {
                key: "Close Contact".into(),
                ..base.clone()
            }),
            "protocol \"Close Contact\" cannot be used: its key must be 1–64 lowercase letters, digits or hyphens"
        );
        assert_eq!(
            msg(Protocol {
                length_days: 0,
                tests: vec![],
                release: ReleaseConditions {
                    tests: vec![],
                    max_missed_checks: 0
                },
                ..base.clone()
            }),
            "protocol \"close-contact-ed8\" cannot be used: its observation period must last at least 1 day"
        );
        let mut p = base.clone();
        p.slots[0].end = "05:00".parse().unwrap();
        assert_eq!(
            msg(p),
            "protocol \"close-contact-ed8\" cannot be used: check slot \"morning\" ends at 05:00, before it starts at 06:00"
        );
        let mut p = base.clone();
        p.late_grace_minutes = 240;
        assert_eq!(
            msg(p),
            "protocol \"close-contact-ed8\" cannot be used: check slot \"evening\" starts at 16:00, before slot \"morning\" (ending at 12:00 with 240 minutes' grace) is over; slots must be in order and not overlap"
        );
        let mut p = base.clone();
        p.tests.push(TestDay::Observation(15));
        assert_eq!(
            msg(p),
            "protocol \"close-contact-ed8\" cannot be used: test day 15 lies outside its 14-day observation period"
        );
        let mut p = base.clone();
        p.follow_on = None;
        assert_eq!(
            msg(p),
            "protocol \"close-contact-ed8\" cannot be used: test follow-on day 2 lies outside its follow-on monitoring (there is none)"
        );
        let mut p = base.clone();
        p.tests.push(TestDay::Observation(4));
        assert_eq!(
            msg(p),
            "protocol \"close-contact-ed8\" cannot be used: test day 4 is listed twice"
        );
        let mut p = base;
        p.release.tests = vec![TestRequirement::NegativeOnOrAfter(15)];
        assert_eq!(
            msg(p),
            "protocol \"close-contact-ed8\" cannot be used: it requires a negative test on or after day 15, outside its 14-day period"
        );
    }

    #[test]
    fn day_numbers_count_from_day_0() {
        let d0 = day("2020-01-31");
        assert_eq!(day_number(d0, day("2020-02-01")), 1);
        assert_eq!(day_number(d0, day("2020-01-30")), -1);
        // Across a leap day: 14 days from 2020-02-20 is 2020-03-05.
        let p = Protocol::returnee_jan2020();
        assert_eq!(p.last_day(day("2020-02-20")).unwrap(), day("2020-03-05"));
    }

    #[test]
    fn protocols_round_trip_through_serde() {
        for p in Protocol::presets() {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<Protocol>(&json).unwrap(), p);
        }
        let slot = CheckSlot::new("noon", "11:00", "13:00").unwrap();
        let json = serde_json::to_string(&slot).unwrap();
        assert_eq!(json, r#"{"name":"noon","start":"11:00","end":"13:00"}"#);
        for t in [TestDay::Observation(1), TestDay::FollowOn(3)] {
            assert_eq!(
                serde_json::from_str::<TestDay>(&serde_json::to_string(&t).unwrap()).unwrap(),
                t
            );
        }
    }

    #[test]
    fn every_preset_is_found_by_its_key_and_no_other() {
        for p in Protocol::presets() {
            assert_eq!(Protocol::preset(&p.key), Some(p.clone()), "{}", p.key);
        }
        assert_eq!(Protocol::preset("fourteen-days"), None);
    }

    #[test]
    fn periods_longer_than_a_year_are_refused() {
        // Given a protocol whose 14 days were typed as 1400
        let mut p = Protocol::close_contact_ed9();
        p.length_days = 1400;
        // Then it cannot be adopted
        assert_eq!(
            p.validate().unwrap_err().to_string(),
            "an observation period of 1400 days is longer than 366 days: no observation lasts \
             more than a year, so the number was probably mistyped"
        );
        // And a year is still allowed
        p.length_days = MAX_PERIOD_DAYS;
        assert_eq!(p.validate(), Ok(()));
        // Given follow-on monitoring of u16::MAX days
        let mut p = Protocol::close_contact_ed9();
        if let Some(f) = p.follow_on.as_mut() {
            f.days = u16::MAX;
        }
        assert_eq!(
            p.validate(),
            Err(Error::Observation(ObservationError::PeriodTooLong {
                what: "follow-on monitoring",
                days: 65_535,
                max: 366
            }))
        );
        assert!(check_period_days(OBSERVATION_PERIOD, 367).is_err());
        assert_eq!(check_period_days(OBSERVATION_PERIOD, 366), Ok(()));
    }
}
