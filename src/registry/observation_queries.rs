//! Observation queries that read the grid as well (医学观察).

use std::collections::BTreeMap;

use super::Registry;
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::grid::Role;
use crate::ids::{ObservationId, ResidentId, StaffId};
use crate::observation::{
    NonReporting, ObservationCommand, ObservationCounts, ObservationRecord, ObservationUpdate,
    Protocol, Review, due_for_review, non_reporting,
};

/// One grid worker's non-reporting list (未按时报告名单).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorkerNonReporting {
    /// The grid worker (or, where a group has none, cadre) who answers for the households;
    /// `None` for observations nobody answers for.
    pub worker: Option<StaffId>,
    /// Their observations with overdue or missed checks.
    pub items: Vec<NonReporting<ObservationId>>,
}

/// # Observation: follow-up and what the records show (居家医学观察)
///
/// Updates (readings,
/// symptoms, supplies, decisions), observations and protocols, release review, non-reporting.
impl Registry {
    /// Changes an observation: a shortcut for [`ObservationCommand::UpdateObservation`].
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::observation::{Method, ObservationUpdate, Reading, Reporter};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, li, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let obs = reg.open_observation(doctor, t, wang, "returnee-jan2020", "2020-01-20".parse()?,
    ///     fangkong::observation::OpeningBasis::CloseContact { note: "reported by the county CDC".into() })?;
    /// let at = "2020-01-24T10:30:00+08:00".parse()?;
    /// let reading = Reading {
    ///     at, temperature: "36.5".parse()?, method: Method::Armpit, by: Reporter::SelfReported,
    /// };
    /// reg.update_observation(li, at, obs, ObservationUpdate::RecordReading(reading))?;
    /// assert_eq!(reg.observation(obs).unwrap().observation.readings().len(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute): the actor's role and units, the observation's state
    /// (closed, released), and the change itself (a date after `at`, a reading before the
    /// opening, a release the rules refuse without an override).
    pub fn update_observation(
        &mut self,
        actor: StaffId,
        at: Instant,
        observation: ObservationId,
        update: ObservationUpdate,
    ) -> Result<crate::registry::Receipt, Error> {
        self.execute(
            actor,
            at,
            ObservationCommand::UpdateObservation {
                observation,
                update,
            },
        )
    }

    /// An observation.
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let obs = reg.open_observation(doctor, t, wang, "returnee-jan2020", "2020-01-20".parse()?,
    ///     fangkong::observation::OpeningBasis::CloseContact { note: "reported by the county CDC".into() })?;
    /// let record = reg.observation(obs).unwrap();
    /// assert_eq!(record.resident, wang);
    /// assert_eq!(record.observation.day0().to_string(), "2020-01-20");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn observation(&self, id: ObservationId) -> Option<&ObservationRecord> {
        self.state.observation.observations.get(&id)
    }

    /// Every observation, in the order opened.
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let obs = reg.open_observation(doctor, t, wang, "returnee-jan2020", "2020-01-20".parse()?,
    ///     fangkong::observation::OpeningBasis::CloseContact { note: "reported by the county CDC".into() })?;
    /// let observed: Vec<_> = reg.observations().map(|o| o.resident).collect();
    /// assert_eq!(observed, vec![wang]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn observations(&self) -> impl Iterator<Item = &ObservationRecord> {
        self.state.observation.observations.values()
    }

    /// The resident's observation under way on `day` (not released, referred, transferred or
    /// ended), if any. A released person in follow-on monitoring has none: a new exposure
    /// opens a new observation.
    ///
    /// ```
    /// use fangkong::{Duty, Relation, ResidentDetails, Role, Sex};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, li, home, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let obs = reg.open_observation(doctor, t, wang, "returnee-jan2020", "2020-01-20".parse()?,
    ///     fangkong::observation::OpeningBasis::CloseContact { note: "reported by the county CDC".into() })?;
    /// let li_ming = ResidentDetails::new("Li Ming", Sex::Male, "2012-09-01".parse()?, Relation::Grandchild);
    /// let li_ming = reg.register_resident(li, t, home, li_ming)?;
    /// assert_eq!(reg.open_observation_of(wang, day), Some(obs));
    /// assert_eq!(reg.open_observation_of(li_ming, day), None); // her grandson is not observed
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn open_observation_of(&self, resident: ResidentId, day: Day) -> Option<ObservationId> {
        self.state.observation.open_observation(resident, day)
    }

    /// The protocols adopted by this registry (beyond the presets), by key.
    ///
    /// ```
    /// use fangkong::observation::Protocol;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, .. } = doc_fixture()?;
    /// assert_eq!(reg.protocols().count(), 0); // presets are not listed
    /// let mut protocol = Protocol::returnee_jan2020();
    /// protocol.key = "returnee-21d".into();
    /// protocol.length_days = 21;
    /// reg.adopt_protocol(leader, t, protocol)?;
    /// assert_eq!(reg.protocols().next().unwrap().length_days, 21);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn protocols(&self) -> impl Iterator<Item = &Protocol> {
        self.state.observation.protocols.values()
    }

    /// The records requiring review (待审核解除) on `day`: observations whose earliest release
    /// day has come, with what the rules say, for a health worker to decide.
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let basis = fangkong::observation::OpeningBasis::CloseContact { note: "reported by the county CDC".into() };
    /// let obs = reg.open_observation(doctor, t, wang, "returnee-jan2020", "2020-01-09".parse()?, basis)?;
    /// // Day 0 was 2020-01-09: the review is due on the 24th.
    /// let review = reg.release_review(day);
    /// assert_eq!((review[0].key, review[0].earliest_release), (obs, day));
    /// assert!(reg.release_review("2020-01-23".parse()?).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn release_review(&self, day: Day) -> Vec<Review<ObservationId>> {
        due_for_review(
            self.state
                .observation
                .observations
                .values()
                .map(|r| (r.id, &r.observation)),
            day,
        )
    }

    /// The non-reporting lists of `day` as of `now`, one per responsible grid worker (a cadre
    /// where the group has no grid worker): observations with a check overdue or missed.
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, li, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let obs = reg.open_observation(doctor, t, wang, "returnee-jan2020", "2020-01-20".parse()?,
    ///     fangkong::observation::OpeningBasis::CloseContact { note: "reported by the county CDC".into() })?;
    /// let now = "2020-01-24T21:00:00+08:00".parse()?;
    /// let lists = reg.non_reporting(day, now);
    /// assert_eq!(lists[0].worker, Some(li));
    /// assert_eq!(lists[0].items[0].key, obs);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn non_reporting(&self, day: Day, now: Instant) -> Vec<WorkerNonReporting> {
        let mut by_worker: BTreeMap<Option<StaffId>, Vec<NonReporting<ObservationId>>> =
            BTreeMap::new();
        let items = non_reporting(
            self.state
                .observation
                .observations
                .values()
                .map(|r| (r.id, &r.observation)),
            day,
            now,
        );
        for item in items {
            let worker = self
                .state
                .observation
                .observations
                .get(&item.key)
                .and_then(|r| self.state.grid.residents.get(&r.resident))
                .and_then(|r| {
                    let resp = self.responsible_for_household(r.household);
                    let pick = |role| resp.iter().find(|x| x.role == role).map(|x| x.staff);
                    pick(Role::GridWorker).or_else(|| pick(Role::Cadre))
                });
            by_worker.entry(worker).or_default().push(item);
        }
        by_worker
            .into_iter()
            .map(|(worker, items)| WorkerNonReporting { worker, items })
            .collect()
    }

    /// How many observations stand where on `day`.
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let obs = reg.open_observation(doctor, t, wang, "returnee-jan2020", "2020-01-20".parse()?,
    ///     fangkong::observation::OpeningBasis::CloseContact { note: "reported by the county CDC".into() })?;
    /// let counts = reg.observation_counts(day);
    /// assert_eq!((counts.total, counts.under_observation, counts.released), (1, 1, 0));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn observation_counts(&self, day: Day) -> ObservationCounts {
        self.state.observation.counts(day)
    }
}
