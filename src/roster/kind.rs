//! Kinds of post (岗位类型): keys with named presets, and kinds users define.

use super::error::RosterError;
use crate::error::Error;
use crate::label::kind_key;
use serde::{Deserialize, Serialize};

kind_key!(
    /// A kind of post (岗位类型): a key, with presets for the article's posts (a checkpoint, office
    /// duty, village duty); users add their own with [`PostKindDefinition`]
    /// ([`RosterCommand::DefinePostKind`](super::RosterCommand::DefinePostKind)).
    ///
    /// Parsing accepts the key, the English name in any case, the Chinese term and these aliases:
    /// checkpoint — 卡口, 检查点, 卡点执勤, "checkpoint duty"; office duty — 办公室值班, 值守,
    /// "duty office"; village duty — 驻村值守, 巡逻, "patrol". Any other well-formed key (1 to 40
    /// lower-case ASCII letters, digits and hyphens, starting with a letter) is a kind of your own.
    ///
    /// ```
    /// use fangkong::roster::PostKind;
    /// assert_eq!("卡点".parse::<PostKind>()?, PostKind::CHECKPOINT);
    /// assert_eq!("Office Duty".parse::<PostKind>()?, PostKind::OFFICE_DUTY);
    /// assert_eq!(PostKind::VILLAGE_DUTY.label_zh(), "村级值守");
    /// assert_eq!(PostKind::CHECKPOINT.to_string(), "checkpoint");
    /// let own = "bridge-watch".parse::<PostKind>()?;
    /// assert!(!own.is_preset());
    /// assert!("Bridge Watch!".parse::<PostKind>().is_err());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    PostKind, Error, |input| Error::from(RosterError::InvalidPostKindKey { input });
    /// A checkpoint (卡点执勤) at a place, such as a village entry: volunteers may stand it.
    CHECKPOINT => "checkpoint", "checkpoint", "卡点", ["卡口", "检查点", "卡点执勤", "checkpoint duty"];
    /// Office duty (值班) at the township or village office: cadres only.
    OFFICE_DUTY => "office-duty", "office duty", "值班", ["办公室值班", "值守", "duty office"];
    /// Village duty (村级值守): patrols and watch in a village; volunteers may stand it.
    VILLAGE_DUTY => "village-duty", "village duty", "村级值守", ["驻村值守", "巡逻", "patrol"];
);

impl PostKind {
    /// Whether volunteers (志愿者) may stand a preset's shifts: checkpoints and village duty
    /// take them, office duty is a cadre's (DOMAIN.md §9: volunteers stood checkpoints). A
    /// kind of your own says so in its [`PostKindDefinition`]; here it gives `None`.
    pub fn preset_takes_volunteers(&self) -> Option<bool> {
        match self.key() {
            "checkpoint" | "village-duty" => Some(true),
            "office-duty" => Some(false),
            _ => None,
        }
    }
}

/// A kind of post of the users' own (自定义岗位类型), with its names and whether volunteers
/// may stand it.
///
/// ```
/// use fangkong::roster::PostKindDefinition;
/// let bridge = PostKindDefinition::new("bridge-watch".parse()?, "bridge watch", "桥头值守", true);
/// assert!(bridge.takes_volunteers);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostKindDefinition {
    /// Its key (not a preset's).
    pub kind: PostKind,
    /// Its English name.
    pub name_en: String,
    /// Its Chinese term.
    pub name_zh: String,
    /// Whether volunteers may stand its shifts.
    pub takes_volunteers: bool,
}

impl PostKindDefinition {
    /// A definition.
    pub fn new(
        kind: PostKind,
        name_en: impl Into<String>,
        name_zh: impl Into<String>,
        takes_volunteers: bool,
    ) -> PostKindDefinition {
        PostKindDefinition {
            kind,
            name_en: name_en.into(),
            name_zh: name_zh.into(),
            takes_volunteers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_reads_back_from_each_of_its_names() {
        let presets: [(&PostKind, &str, &str, &str, &[&str]); 3] = [
            (
                &PostKind::CHECKPOINT,
                "checkpoint",
                "checkpoint",
                "卡点",
                &["卡口", "检查点", "卡点执勤", "checkpoint duty"],
            ),
            (
                &PostKind::OFFICE_DUTY,
                "office-duty",
                "office duty",
                "值班",
                &["办公室值班", "值守", "duty office"],
            ),
            (
                &PostKind::VILLAGE_DUTY,
                "village-duty",
                "village duty",
                "村级值守",
                &["驻村值守", "巡逻", "patrol"],
            ),
        ];
        assert_eq!(presets.len(), PostKind::PRESETS.len());
        for (p, key, en, zh, aliases) in presets {
            for name in [key, en, zh, &en.to_uppercase().replace(' ', "_")]
                .into_iter()
                .chain(aliases.iter().copied())
            {
                assert_eq!(name.parse::<PostKind>().ok().as_ref(), Some(p), "{name}");
            }
            assert_eq!((p.label_en(), p.label_zh()), (en, zh));
            let json = serde_json::to_string(p).unwrap();
            assert_eq!(serde_json::from_str::<PostKind>(&json).unwrap(), *p);
        }
        assert_eq!(
            "Bridge Watch!".parse::<PostKind>().unwrap_err().code(),
            "invalid_post_kind_key"
        );
        assert!(serde_json::from_str::<PostKind>("\"Bad Key\"").is_err());
    }
}
