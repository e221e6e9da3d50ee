//! Home medical observation (居家医学观察): the typed calls. Each executes one command through
//! [`Registry::execute`] and returns what it created, with the same authorization, validation
//! and ledger entry.

use super::receipt::created;
use super::{Receipt, Registry};
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::ids::{ObservationId, ResidentId, StaffId};
use crate::observation::{ObservationCommand, OpeningBasis, Protocol};

/// # Home medical observation (居家医学观察)
///
/// Protocols, and opening an observation.
///
/// Its updates and queries are under "Observation: follow-up and what the records show".
impl Registry {
    /// Adopts an observation protocol of the registry's own (presets need no adoption).
    ///
    /// ```
    /// use fangkong::observation::Protocol;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, .. } = doc_fixture()?;
    /// // A county's own variant of the returnee protocol: 21 days.
    /// let mut protocol = Protocol::returnee_jan2020();
    /// protocol.key = "returnee-21d".into();
    /// protocol.length_days = 21;
    /// reg.adopt_protocol(leader, t, protocol)?;
    /// assert_eq!(reg.protocols().map(|p| p.key.as_str()).collect::<Vec<_>>(), ["returnee-21d"]);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ObservationCommand::AdoptProtocol`]: a key already
    /// used, a protocol that does not hold together.
    pub fn adopt_protocol(
        &mut self,
        actor: StaffId,
        at: Instant,
        protocol: Protocol,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, ObservationCommand::AdoptProtocol { protocol })
    }

    /// Opens an observation of a resident (e.g. a close contact reported by the health
    /// centre), and returns it. Key people found by screening have theirs opened by
    /// [`record_interview`](Self::record_interview).
    ///
    /// ```
    /// use fangkong::{Duty, Role};
    /// use fangkong::observation::OpeningBasis;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, wang, .. } = doc_fixture()?;
    /// let doctor = reg.enroll_staff(leader, t, "Dr Xie", Role::HealthWorker, None)?;
    /// reg.assign(leader, t, doctor, reg.township(), Duty::MedicalService)?;
    /// let basis = OpeningBasis::CloseContact { note: "reported by the county CDC".into() };
    /// let day0 = "2020-01-22".parse()?;
    /// let obs = reg.open_observation(doctor, t, wang, "close-contact-ed2-6", day0, basis)?;
    /// assert_eq!(reg.open_observation_of(wang, "2020-01-24".parse()?), Some(obs));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Self::execute) with [`ObservationCommand::OpenObservation`]: an actor
    /// who is not a health worker, an unknown protocol, a resident already under observation.
    pub fn open_observation(
        &mut self,
        actor: StaffId,
        at: Instant,
        resident: ResidentId,
        protocol: impl Into<String>,
        day0: Day,
        basis: OpeningBasis,
    ) -> Result<ObservationId, Error> {
        let command = ObservationCommand::OpenObservation {
            resident,
            protocol: protocol.into(),
            day0,
            basis,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Observation))
    }

    // ----- daily report -----
}
