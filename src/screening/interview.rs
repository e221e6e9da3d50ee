//! Travel history (旅居史) and the screening interview (摸底排查登记).

use crate::screening::ScreeningError;
use serde::{Deserialize, Serialize};

use crate::calendar::Day;
use crate::error::Error;
use crate::place::DivisionCode;

/// A stay (逗留, 旅居) in a place from a first to a last day, both included.
///
/// Serde form: `{"place": "420100", "first": "2020-01-10", "last": "2020-01-20"}`, checked like
/// [`Stay::new`].
///
/// ```
/// use fangkong::place::DivisionCode;
/// use fangkong::screening::Stay;
/// let stay = Stay::new(DivisionCode::WUHAN, "2020-01-10".parse()?, "2020-01-20".parse()?)?;
/// assert_eq!(stay.to_string(), "stayed in Wuhan (420100) from 2020-01-10 to 2020-01-20");
/// assert!(Stay::new(DivisionCode::WUHAN, "2020-01-20".parse()?, "2020-01-10".parse()?).is_err());
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "StayRepr", into = "StayRepr")]
pub struct Stay {
    place: DivisionCode,
    first: Day,
    last: Day,
}

#[derive(Serialize, Deserialize)]
struct StayRepr {
    place: DivisionCode,
    first: Day,
    last: Day,
}

impl TryFrom<StayRepr> for Stay {
    type Error = Error;
    fn try_from(r: StayRepr) -> Result<Stay, Error> {
        Stay::new(r.place, r.first, r.last)
    }
}

impl From<Stay> for StayRepr {
    fn from(s: Stay) -> StayRepr {
        StayRepr {
            place: s.place,
            first: s.first,
            last: s.last,
        }
    }
}

impl Stay {
    /// A stay in `place` from `first` to `last`, both included (one day when equal).
    ///
    /// # Errors
    /// [`ScreeningError::StayEndsBeforeItStarts`](crate::screening::ScreeningError::StayEndsBeforeItStarts) when `last` is before `first`.
    pub fn new(place: DivisionCode, first: Day, last: Day) -> Result<Stay, Error> {
        if last < first {
            return Err(Error::Screening(ScreeningError::StayEndsBeforeItStarts {
                place,
                first,
                last,
            }));
        }
        Ok(Stay { place, first, last })
    }

    /// The place.
    pub fn place(&self) -> DivisionCode {
        self.place
    }

    /// The first day there.
    pub fn first(&self) -> Day {
        self.first
    }

    /// The last day there (the day of leaving).
    pub fn last(&self) -> Day {
        self.last
    }
}

impl std::fmt::Display for Stay {
    /// `stayed in Wuhan (420100) from 2020-01-10 to 2020-01-20`, or `… on 2020-01-20` for one day.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "stayed in {} on {}", self.place.label(), self.first)
        } else {
            write!(
                f,
                "stayed in {} from {} to {}",
                self.place.label(),
                self.first,
                self.last
            )
        }
    }
}

/// Passing through a place (途经) on a day, without staying: counted as a one-day stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Transit {
    /// The place passed through.
    pub place: DivisionCode,
    /// The day.
    pub day: Day,
}

impl Transit {
    /// The one-day stay screening counts it as.
    pub fn as_stay(&self) -> Stay {
        Stay {
            place: self.place,
            first: self.day,
            last: self.day,
        }
    }
}

/// A resident's travel history (旅居史): stays, transits and the day of return home. Any values
/// are valid (stays are checked when made).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TravelHistory {
    /// Places stayed in.
    pub stays: Vec<Stay>,
    /// Places passed through.
    pub transits: Vec<Transit>,
    /// The day the resident came home (返乡日期), if known.
    pub returned_home: Option<Day>,
}

impl TravelHistory {
    /// Whether any stay or transit lies in `area` (or a division inside it).
    pub fn was_in(&self, area: DivisionCode) -> bool {
        self.stays.iter().any(|s| area.contains(s.place))
            || self.transits.iter().any(|t| area.contains(t.place))
    }
}

/// Cold or fever symptoms as the resident reports them at the interview (有无感冒发热症状): yes
/// or no, and what they said in their own words. Any values are valid; the observation
/// protocols define referral symptoms in detail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedSymptoms {
    /// Whether the resident reports cold or fever symptoms.
    pub cold_or_fever: bool,
    /// What they said, e.g. `fever since yesterday, 38.2`; may be empty.
    pub note: String,
}

/// The screening interview (摸底排查登记) with the article's five questions, as answered: where
/// did you come back from (the stays), on which day (the day of return), which places did you
/// pass through (the transits), did you pass through Wuhan, any cold or fever symptoms.
///
/// The registry records it against a resident, with the cadre who asked and the instant.
///
/// ```
/// use fangkong::place::DivisionCode;
/// use fangkong::screening::{Interview, ReportedSymptoms, Stay, TravelHistory};
/// let travel = TravelHistory {
///     stays: vec![Stay::new(DivisionCode::WUHAN, "2020-01-10".parse()?, "2020-01-20".parse()?)?],
///     transits: vec![],
///     returned_home: Some("2020-01-21".parse()?),
/// };
/// let interview = Interview::new(travel, true, ReportedSymptoms::default())?;
/// assert!(interview.through_wuhan());
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "InterviewRepr", into = "InterviewRepr")]
pub struct Interview {
    travel: TravelHistory,
    through_wuhan: bool,
    /// `None` for no symptoms and no note (most interviews): 24 bytes less per interview held
    /// (issue 14).
    symptoms: Option<Box<ReportedSymptoms>>,
}

/// The answer to question 5 of most interviews: no symptoms, no note.
static NO_SYMPTOMS: ReportedSymptoms = ReportedSymptoms {
    cold_or_fever: false,
    note: String::new(),
};

#[derive(Serialize, Deserialize)]
struct InterviewRepr {
    travel: TravelHistory,
    through_wuhan: bool,
    symptoms: ReportedSymptoms,
}

impl TryFrom<InterviewRepr> for Interview {
    type Error = Error;
    fn try_from(r: InterviewRepr) -> Result<Interview, Error> {
        Interview::new(r.travel, r.through_wuhan, r.symptoms)
    }
}

impl From<Interview> for InterviewRepr {
    fn from(i: Interview) -> InterviewRepr {
        InterviewRepr {
            travel: i.travel,
            through_wuhan: i.through_wuhan,
            symptoms: i.symptoms.map_or_else(ReportedSymptoms::default, |s| *s),
        }
    }
}

impl Interview {
    /// The answers: `travel` holds questions 1–3 (stays, day of return, transits),
    /// `through_wuhan` question 4 and `symptoms` question 5.
    ///
    /// A "no" to question 4 is taken as it is (the stays and transits may still show Wuhan,
    /// which screening then counts); a "yes" needs a stay or transit in Wuhan, so that
    /// screening knows the days.
    ///
    /// # Errors
    /// [`ScreeningError::WuhanAnswerWithoutWuhanTravel`](crate::screening::ScreeningError::WuhanAnswerWithoutWuhanTravel) when `through_wuhan` is true but no stay or
    /// transit lies in Wuhan (420100).
    pub fn new(
        travel: TravelHistory,
        through_wuhan: bool,
        symptoms: ReportedSymptoms,
    ) -> Result<Interview, Error> {
        if through_wuhan && !travel.was_in(DivisionCode::WUHAN) {
            return Err(Error::Screening(
                ScreeningError::WuhanAnswerWithoutWuhanTravel,
            ));
        }
        Ok(Interview {
            travel,
            through_wuhan,
            symptoms: (symptoms != NO_SYMPTOMS).then(|| Box::new(symptoms)),
        })
    }

    /// The travel history (questions 1–3).
    pub fn travel(&self) -> &TravelHistory {
        &self.travel
    }

    /// Question 1, where did you come back from: the stays.
    pub fn came_from(&self) -> &[Stay] {
        &self.travel.stays
    }

    /// Question 2, on which day did you come home.
    pub fn returned_on(&self) -> Option<Day> {
        self.travel.returned_home
    }

    /// Question 3, which places did you pass through.
    pub fn passed_through(&self) -> &[Transit] {
        &self.travel.transits
    }

    /// Question 4, did you pass through Wuhan.
    pub fn through_wuhan(&self) -> bool {
        self.through_wuhan
    }

    /// Question 5, any cold or fever symptoms.
    pub fn symptoms(&self) -> &ReportedSymptoms {
        self.symptoms.as_deref().unwrap_or(&NO_SYMPTOMS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::day;

    #[test]
    fn a_stay_cannot_end_before_it_starts_but_may_last_one_day() {
        let err = Stay::new(DivisionCode::WUHAN, day("2020-01-20"), day("2020-01-19")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a stay in Wuhan (420100) cannot end on 2020-01-19, before it starts on 2020-01-20"
        );
        let one = Stay::new(DivisionCode::WUHAN, day("2020-01-20"), day("2020-01-20")).unwrap();
        assert_eq!(one.to_string(), "stayed in Wuhan (420100) on 2020-01-20");
        let t = Transit {
            place: DivisionCode::WUHAN,
            day: day("2020-01-20"),
        };
        assert_eq!(t.as_stay(), one);
    }

    #[test]
    fn stays_deserialize_through_validation() {
        let s = Stay::new(DivisionCode::WUHAN, day("2020-01-10"), day("2020-01-20")).unwrap();
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"place":"420100","first":"2020-01-10","last":"2020-01-20"}"#
        );
        assert_eq!(serde_json::from_str::<Stay>(&json).unwrap(), s);
        let backwards = r#"{"place":"420100","first":"2020-01-20","last":"2020-01-10"}"#;
        assert!(serde_json::from_str::<Stay>(backwards).is_err());
    }

    #[test]
    fn saying_yes_to_wuhan_needs_days_in_wuhan() {
        // Given a returnee who passed through Changsha only
        let travel = TravelHistory {
            stays: vec![],
            transits: vec![Transit {
                place: "430100".parse().unwrap(),
                day: day("2020-01-21"),
            }],
            returned_home: Some(day("2020-01-21")),
        };
        // When the cadre records "yes, through Wuhan", it is refused
        assert_eq!(
            Interview::new(travel.clone(), true, ReportedSymptoms::default())
                .unwrap_err()
                .to_string(),
            "the resident said they passed through Wuhan, but no stay or transit in Wuhan \
             (420100) is recorded: ask on which days they were there and record it"
        );
        // Then a transit in a Wuhan district is enough
        let mut with_wuhan = travel;
        with_wuhan.transits.push(Transit {
            place: "420106".parse().unwrap(),
            day: day("2020-01-20"),
        });
        let i = Interview::new(with_wuhan, true, ReportedSymptoms::default()).unwrap();
        assert_eq!(i.passed_through().len(), 2);
        assert_eq!(i.returned_on(), Some(day("2020-01-21")));
        assert!(i.came_from().is_empty());
        assert!(!i.symptoms().cold_or_fever);
        let json = serde_json::to_string(&i).unwrap();
        assert_eq!(serde_json::from_str::<Interview>(&json).unwrap(), i);
        let forged = json.replace("\"transits\":[", "\"transits\":[],\"x\":[");
        let err = serde_json::from_str::<Interview>(&forged).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("the resident said they passed through Wuhan"),
            "{err}"
        );
    }
}
