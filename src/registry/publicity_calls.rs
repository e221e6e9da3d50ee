//! Publicity commands (宣传引导) as typed calls: shortcuts for [`Registry::execute`] that
//! return what each creates.

use super::receipt::created;
use super::{Receipt, Registry};
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::ids::{StaffId, UnitId};
use crate::publicity::{
    CampaignId, PublicityAction, PublicityActionId, PublicityCommand, PublicityKindDefinition,
};

/// # Publicity (宣传引导)
///
/// Kinds, campaigns and actions.
impl Registry {
    /// Executes a publicity command: a shortcut for [`execute`](Registry::execute) with
    /// [`PublicityCommand`].
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// use fangkong::publicity::{PublicityAction, PublicityCommand};
    /// let t = "2020-01-24T16:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let posters = PublicityAction::posters(qianjin, "2020-01-24".parse()?, "村部", 12);
    /// let receipt = reg.publicity(secretary, t, PublicityCommand::RecordAction(posters))?;
    /// assert_eq!(receipt.created.len(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute).
    pub fn publicity(
        &mut self,
        actor: StaffId,
        at: Instant,
        command: PublicityCommand,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, command)
    }

    /// Defines a kind of publicity of the township's own (a leader assigned to the
    /// township).
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::publicity::{Channel, Form, PublicityKindDefinition};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let drone = "drone-broadcast".parse()?;
    /// reg.define_publicity_kind(secretary, t, PublicityKindDefinition::new(drone,
    ///     "drone broadcast", "无人机喊话", Form::Broadcast, Channel::Traditional))?;
    /// assert_eq!(reg.publicity_kind(&"drone-broadcast".parse()?).map(|d| d.form),
    ///     Some(Form::Broadcast));
    /// // Door to door is for kinds delivered to households only.
    /// let wechat = PublicityKindDefinition::new("wechat-call".parse()?, "WeChat call",
    ///     "微信通话", Form::Message, Channel::DoorToDoor);
    /// assert!(reg.define_publicity_kind(secretary, t, wechat).is_err());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`PublicityCommand::DefineKind`]: a preset's key
    /// or one already defined ([`GatheringError::KindAlreadyDefined`](crate::gathering::GatheringError::KindAlreadyDefined)), an empty name, a channel that
    /// does not fit the form ([`PublicityError::PublicityKindInconsistent`](crate::publicity::PublicityError::PublicityKindInconsistent)), an actor not assigned to
    /// the township.
    pub fn define_publicity_kind(
        &mut self,
        actor: StaffId,
        at: Instant,
        definition: PublicityKindDefinition,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, PublicityCommand::DefineKind(definition))
    }

    /// Launches a publicity campaign run by `unit` to cover `cover` (units within it) from
    /// `first` (to `last`, or until it ends), and returns it.
    ///
    /// ```
    /// use fangkong::{Founding, Registry, UnitKind};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let letter = reg.launch_campaign(secretary, t, reg.township(), "致广大居民的一封信",
    ///     vec![qianjin], "2020-01-24".parse()?, None)?;
    /// assert_eq!(reg.campaign(letter).unwrap().to_string(),
    ///     "campaign PC1 \"致广大居民的一封信\" from 2020-01-24 (until it ends)");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`PublicityCommand::LaunchCampaign`]: an actor
    /// who is not a leader of the unit, an empty title, a last day before the first, no unit
    /// to cover, a unit to cover outside `unit` ([`PublicityError::NotWithinUnit`](crate::publicity::PublicityError::NotWithinUnit)) or listed twice.
    #[allow(clippy::too_many_arguments)]
    pub fn launch_campaign(
        &mut self,
        actor: StaffId,
        at: Instant,
        unit: UnitId,
        title: impl Into<String>,
        cover: Vec<UnitId>,
        first: Day,
        last: Option<Day>,
    ) -> Result<CampaignId, Error> {
        let command = PublicityCommand::LaunchCampaign {
            unit,
            title: title.into(),
            cover,
            first,
            last,
        };
        let receipt = self.execute(actor, at, command)?;
        Ok(created!(receipt, Campaign))
    }

    /// Gives a campaign launched until further notice its last day.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let township = reg.township();
    /// let letter = reg.launch_campaign(secretary, t, township, "致广大居民的一封信",
    ///     vec![township], "2020-01-24".parse()?, None)?;
    /// reg.end_campaign(secretary, t, letter, "2020-02-29".parse()?)?;
    /// let campaign = reg.campaign(letter).unwrap();
    /// assert!(campaign.runs_on("2020-02-29".parse()?));
    /// assert!(!campaign.runs_on("2020-03-01".parse()?));
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`PublicityCommand::EndCampaign`]: an unknown
    /// campaign, one that already has its last day ([`PublicityError::CampaignAlreadyEnded`](crate::publicity::PublicityError::CampaignAlreadyEnded)), a last
    /// day before its first or before the last day of one of its actions
    /// ([`PublicityError::CampaignEndsBeforeAction`](crate::publicity::PublicityError::CampaignEndsBeforeAction)).
    pub fn end_campaign(
        &mut self,
        actor: StaffId,
        at: Instant,
        campaign: CampaignId,
        last: Day,
    ) -> Result<Receipt, Error> {
        self.execute(actor, at, PublicityCommand::EndCampaign { campaign, last })
    }

    /// Records a publicity action, and returns it.
    ///
    /// ```
    /// use fangkong::{Duty, Error, Founding, Registry, Role, UnitKind};
    /// use fangkong::publicity::{Delivery, PublicityAction};
    /// let t = "2020-01-26T09:00:00+08:00".parse()?;
    /// let day = "2020-01-26".parse()?;
    /// let mut reg = Registry::found(Founding::new("Huochezhan", "刘书记"), t);
    /// let secretary = reg.staff_ids().next().unwrap();
    /// let qianjin = reg.establish_unit(secretary, t, UnitKind::Village, "Qianjin", reg.township(), None)?;
    /// let group_1 = reg.establish_group(secretary, t, qianjin, 1, "Qianjin group 1")?;
    /// let group_2 = reg.establish_group(secretary, t, qianjin, 2, "Qianjin group 2")?;
    /// let li = reg.enroll_staff(secretary, t, "Li Hua", Role::GridWorker, None)?;
    /// reg.assign(secretary, t, li, group_1, Duty::Grid)?;
    /// let mine = reg.register_household(li, t, group_1, "Qianjin 1-01")?;
    /// let theirs = reg.register_household(secretary, t, group_2, "Qianjin 2-01")?;
    /// let action = reg.record_publicity(li, t,
    ///     PublicityAction::letters(group_1, day, vec![Delivery::new(mine, 1)]))?;
    /// assert_eq!(reg.publicity_delivered_to(mine)[0].id, action);
    /// // A letter to a household outside her groups is refused, and changes nothing.
    /// let outside = reg.record_publicity(li, t,
    ///     PublicityAction::letters(group_1, day, vec![Delivery::new(theirs, 1)]));
    /// assert!(matches!(outside, Err(Error::OutsideAssignedUnits { .. })));
    /// assert!(reg.publicity_delivered_to(theirs).is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute) with [`PublicityCommand::RecordAction`]: a kind
    /// neither preset nor defined, details in another form than the kind's, a unit or a
    /// household outside the actor's reach, something named outside the action's unit
    /// ([`PublicityError::NotWithinUnit`](crate::publicity::PublicityError::NotWithinUnit)), an empty list, a household or time listed twice, zero
    /// copies or posters, an end before the start, a span longer than
    /// [`MAX_SPAN_DAYS`](crate::publicity::MAX_SPAN_DAYS), an action not yet begun, an
    /// unknown campaign or one that does not run where and when the action does.
    pub fn record_publicity(
        &mut self,
        actor: StaffId,
        at: Instant,
        action: PublicityAction,
    ) -> Result<PublicityActionId, Error> {
        let receipt = self.execute(actor, at, PublicityCommand::RecordAction(action))?;
        Ok(created!(receipt, PublicityAction))
    }
}
