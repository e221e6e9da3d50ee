//! OxCGRT H1, public information campaigns (DOMAIN.md §9), for a unit on a day.
//!
//! The flag is OxCGRT's one flag for every indicator, [`gathering::Flag`](crate::gathering::Flag)
//! (the arrow publicity → gathering of DESIGN.md), so that H1 reads beside C2–C4.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::kind::PublicityKind;
use crate::gathering::Flag;
use crate::ids::{CampaignId, PublicityActionId};

/// What set an H1 level: a campaign, or an action recorded outside any campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PublicityRef {
    /// A campaign, with its title.
    Campaign {
        /// The campaign.
        campaign: CampaignId,
        /// Its title.
        title: String,
    },
    /// An action, with its kind.
    Action {
        /// The action.
        action: PublicityActionId,
        /// Its kind.
        kind: PublicityKind,
    },
}

impl fmt::Display for PublicityRef {
    /// `campaign PC1 "…"`, or `village loudspeaker PA3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublicityRef::Campaign { campaign, title } => {
                write!(f, "campaign {campaign} \"{title}\"")
            }
            PublicityRef::Action { action, kind } => write!(f, "{kind} {action}"),
        }
    }
}

impl PublicityRef {
    /// The reference in Chinese: `宣传活动 PC1“…”`, or `村村响广播 PA3` (a kind of your own is
    /// named by its key).
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        match self {
            PublicityRef::Campaign { campaign, title } => format!("宣传活动 {campaign}“{title}”"),
            PublicityRef::Action { action, kind } => format!("{} {action}", kind.label_zh()),
        }
    }
}

/// OxCGRT H1, public information campaigns, of a unit on a day: its level, its flag and what
/// set it.
///
/// - 0: no public information campaign; 1: public officials urging caution (publicity through
///   one kind of media); 2: a coordinated public information campaign across traditional and
///   online media.
/// - The flag, as for C2–C4 (DOMAIN.md §5): general when what gives the level ran in the unit
///   coded or above it, targeted when it ran only below it.
/// - `set_by`: at most one campaign or action for each kind of media the level needs, general
///   ones first, campaigns before actions, then the lowest id.
///
/// ```
/// use fangkong::publicity::H1Level;
/// assert_eq!(H1Level::default().to_string(), "H1 = 0");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct H1Level {
    /// The level: 0, 1 or 2.
    pub value: u8,
    /// Its flag; `None` at level 0.
    pub flag: Option<Flag>,
    /// What set it; empty at level 0.
    pub set_by: Vec<PublicityRef>,
}

impl fmt::Display for H1Level {
    /// `H1 = 2 general (campaign PC1 "…")`, `H1 = 1 targeted (village loudspeaker PA3)`, or
    /// `H1 = 0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "H1 = {}", self.value)?;
        if let Some(flag) = self.flag {
            write!(f, " {flag}")?;
        }
        if !self.set_by.is_empty() {
            let by: Vec<String> = self.set_by.iter().map(ToString::to_string).collect();
            write!(f, " ({})", by.join("; "))?;
        }
        Ok(())
    }
}

impl H1Level {
    /// The level in Chinese: `H1 = 2 全域（宣传活动 PC1“…”）`.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let mut out = format!("H1 = {}", self.value);
        if let Some(flag) = self.flag {
            out.push(' ');
            out.push_str(flag.label_zh());
        }
        if !self.set_by.is_empty() {
            let by: Vec<String> = self
                .set_by
                .iter()
                .map(|r| r.display_zh().to_string())
                .collect();
            out.push_str(&format!("（{}）", by.join("；")));
        }
        out
    }
}

/// A source of H1 on a day: what it is, whether it gives traditional and online media, and
/// whether it covers all of the unit coded.
pub(crate) struct Source {
    pub by: PublicityRef,
    pub traditional: bool,
    pub online: bool,
    pub general: bool,
}

impl Source {
    /// The order of preference among sources of one kind of media: general first, then
    /// campaigns before actions, then the lowest id.
    fn rank(&self) -> (bool, u8, u32) {
        let (kind, id) = match &self.by {
            PublicityRef::Campaign { campaign, .. } => (0, campaign.get()),
            PublicityRef::Action { action, .. } => (1, action.get()),
        };
        (!self.general, kind, id)
    }
}

/// H1 from its sources (see [`H1Level`]).
pub(crate) fn level(sources: Vec<Source>) -> H1Level {
    let best =
        |media: fn(&Source) -> bool| sources.iter().filter(|s| media(s)).min_by_key(|s| s.rank());
    let picked: Vec<&Source> = [best(|s| s.traditional), best(|s| s.online)]
        .into_iter()
        .flatten()
        .collect();
    if picked.is_empty() {
        return H1Level::default();
    }
    let general = picked.iter().all(|s| s.general);
    let mut set_by: Vec<PublicityRef> = Vec::new();
    for s in &picked {
        if !set_by.contains(&s.by) {
            set_by.push(s.by.clone());
        }
    }
    H1Level {
        value: picked.len() as u8,
        flag: Some(if general {
            Flag::General
        } else {
            Flag::Targeted
        }),
        set_by,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign(id: u32, traditional: bool, online: bool, general: bool) -> Source {
        Source {
            by: PublicityRef::Campaign {
                campaign: CampaignId::new(id),
                title: "letter".into(),
            },
            traditional,
            online,
            general,
        }
    }

    fn action(id: u32, kind: PublicityKind, general: bool) -> Source {
        let online = kind == PublicityKind::ONLINE;
        Source {
            by: PublicityRef::Action {
                action: PublicityActionId::new(id),
                kind,
            },
            traditional: !online,
            online,
            general,
        }
    }

    #[test]
    fn nothing_is_zero() {
        assert_eq!(level(vec![]), H1Level::default());
    }

    #[test]
    fn a_coordinated_campaign_is_two_and_names_itself_once() {
        let h1 = level(vec![
            action(3, PublicityKind::LOUDSPEAKER, false),
            campaign(1, true, true, true),
        ]);
        assert_eq!(h1.value, 2);
        assert_eq!(h1.flag, Some(Flag::General));
        assert_eq!(h1.to_string(), "H1 = 2 general (campaign PC1 \"letter\")");
    }

    #[test]
    fn one_kind_of_media_is_one_and_below_the_unit_targeted() {
        let h1 = level(vec![action(4, PublicityKind::LOUDSPEAKER, false)]);
        assert_eq!(h1.to_string(), "H1 = 1 targeted (village loudspeaker PA4)");
        assert_eq!(h1.display_zh().to_string(), "H1 = 1 局部（村村响广播 PA4）");
    }

    #[test]
    fn two_media_from_a_general_and_a_targeted_source_are_targeted() {
        let h1 = level(vec![
            action(2, PublicityKind::ONLINE, false),
            action(5, PublicityKind::VAN, true),
            action(1, PublicityKind::LOUDSPEAKER, false),
        ]);
        assert_eq!(h1.value, 2);
        assert_eq!(h1.flag, Some(Flag::Targeted));
        assert_eq!(
            h1.to_string(),
            "H1 = 2 targeted (publicity van PA5; online message PA2)"
        );
    }
}
