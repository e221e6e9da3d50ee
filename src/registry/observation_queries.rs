//! Observation queries that read the grid as well (医学观察).

use std::collections::BTreeMap;

use super::Registry;
use crate::observation::{
    NonReporting, ObservationCommand, ObservationCounts, ObservationRecord, ObservationUpdate,
    Protocol, Review, due_for_review, non_reporting,
};
use crate::{Day, Error, Instant, ObservationId, ResidentId, Role, StaffId};

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

impl Registry {
    /// Changes an observation: a shortcut for [`ObservationCommand::UpdateObservation`].
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
    ) -> Result<crate::Receipt, Error> {
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
    pub fn observation(&self, id: ObservationId) -> Option<&ObservationRecord> {
        self.state.observation.observations.get(&id)
    }

    /// Every observation, in the order opened.
    pub fn observations(&self) -> impl Iterator<Item = &ObservationRecord> {
        self.state.observation.observations.values()
    }

    /// The resident's observation under way on `day` (not released, referred, transferred or
    /// ended), if any. A released person in follow-on monitoring has none: a new exposure
    /// opens a new observation.
    pub fn open_observation_of(&self, resident: ResidentId, day: Day) -> Option<ObservationId> {
        self.state.observation.open_observation(resident, day)
    }

    /// The protocols adopted by this registry (beyond the presets), by key.
    pub fn protocols(&self) -> impl Iterator<Item = &Protocol> {
        self.state.observation.protocols.values()
    }

    /// The records requiring review (待审核解除) on `day`: observations whose earliest release
    /// day has come, with what the rules say, for a health worker to decide.
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
    pub fn observation_counts(&self, day: Day) -> ObservationCounts {
        self.state.observation.counts(day)
    }
}
