//! Temperature readings as FHIR R4 Observations (feature `fhir`).
//!
//! The shape follows HL7's body-temperature example (`observation-example-body-temperature`,
//! id `body-temperature`) under the vital-signs profile: `meta.profile`, `status` final,
//! `category` vital-signs, `code` LOINC 8310-5 "Body temperature", `subject`,
//! `effectiveDateTime` and `valueQuantity` in UCUM `Cel`. One divergence: the example's
//! human-readable `valueQuantity.unit` is `"C"`; we write `"Cel"`, the UCUM code itself.

use serde_json::{Value, json};

use crate::calendar::Instant;
use crate::observation::{Reading, Temperature};

/// The vital-signs profile every observation claims.
pub const VITAL_SIGNS_PROFILE: &str = "http://hl7.org/fhir/StructureDefinition/vitalsigns";

/// One temperature reading to export: whose, when, how warm. The subject is a FHIR
/// reference chosen by the caller (`"Patient/R4410"`), so no name or identity number need
/// leave the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TemperatureObservation {
    /// The resource id, if any (`"R4410-20200201-0800"`).
    pub id: Option<String>,
    /// The subject reference (`"Patient/R4410"`).
    pub subject_ref: String,
    /// When the temperature was taken.
    pub at: Instant,
    /// The temperature.
    pub celsius: Temperature,
}

impl TemperatureObservation {
    /// An observation without a resource id.
    pub fn new(subject_ref: impl Into<String>, at: Instant, celsius: Temperature) -> Self {
        TemperatureObservation {
            id: None,
            subject_ref: subject_ref.into(),
            at,
            celsius,
        }
    }

    /// The observation of a recorded [`Reading`].
    pub fn from_reading(subject_ref: impl Into<String>, reading: &Reading) -> Self {
        Self::new(subject_ref, reading.at, reading.temperature)
    }

    /// The observation with a resource id.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }
}

/// A temperature reading as a FHIR R4 Observation resource (vital signs, LOINC 8310-5,
/// UCUM `Cel`).
///
/// ```
/// use fangkong::observation::Temperature;
/// use fangkong::report::{TemperatureObservation, temperature_observation};
/// let obs = TemperatureObservation::new(
///     "Patient/R7",
///     "2020-02-01T08:00:00+08:00".parse()?,
///     Temperature::from_tenths(373)?,
/// );
/// let json = temperature_observation(&obs);
/// assert_eq!(json["code"]["coding"][0]["code"], "8310-5");
/// assert_eq!(json["valueQuantity"]["value"], 37.3);
/// assert_eq!(json["effectiveDateTime"], "2020-02-01T08:00:00+08:00");
/// # Ok::<(), fangkong::Error>(())
/// ```
pub fn temperature_observation(obs: &TemperatureObservation) -> Value {
    let mut v = json!({
        "resourceType": "Observation",
        "meta": { "profile": [VITAL_SIGNS_PROFILE] },
        "status": "final",
        "category": [{
            "coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                "code": "vital-signs",
                "display": "Vital Signs"
            }],
            "text": "Vital Signs"
        }],
        "code": {
            "coding": [{
                "system": "http://loinc.org",
                "code": "8310-5",
                "display": "Body temperature"
            }],
            "text": "Body temperature"
        },
        "subject": { "reference": obs.subject_ref },
        "effectiveDateTime": obs.at.to_string(),
        "valueQuantity": {
            "value": f64::from(obs.celsius.tenths()) / 10.0,
            "unit": "Cel",
            "system": "http://unitsofmeasure.org",
            "code": "Cel"
        }
    });
    if let (Some(id), Some(map)) = (&obs.id, v.as_object_mut()) {
        map.insert("id".to_owned(), Value::String(id.clone()));
    }
    v
}
