//! Kinds of post (岗位类型): keys with named presets, and kinds users define.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::RosterError;
use crate::error::Error;
use crate::label::{normalize, quote};

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
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PostKind(Cow<'static, str>);

/// The presets: key, English name, Chinese term, aliases, whether volunteers stand it.
const PRESETS: &[(&str, &str, &str, &[&str], bool)] = &[
    (
        "checkpoint",
        "checkpoint",
        "卡点",
        &["卡口", "检查点", "卡点执勤", "checkpoint duty"],
        true,
    ),
    (
        "office-duty",
        "office duty",
        "值班",
        &["办公室值班", "值守", "duty office"],
        false,
    ),
    (
        "village-duty",
        "village duty",
        "村级值守",
        &["驻村值守", "巡逻", "patrol"],
        true,
    ),
];

impl PostKind {
    /// A checkpoint (卡点执勤) at a place, such as a village entry: volunteers may stand it.
    pub const CHECKPOINT: PostKind = PostKind(Cow::Borrowed("checkpoint"));
    /// Office duty (值班) at the township or village office: cadres only.
    pub const OFFICE_DUTY: PostKind = PostKind(Cow::Borrowed("office-duty"));
    /// Village duty (村级值守): patrols and watch in a village; volunteers may stand it.
    pub const VILLAGE_DUTY: PostKind = PostKind(Cow::Borrowed("village-duty"));

    /// The presets, in order.
    pub const PRESETS: &'static [PostKind] = &[
        PostKind::CHECKPOINT,
        PostKind::OFFICE_DUTY,
        PostKind::VILLAGE_DUTY,
    ];

    /// The kind with this key: a preset's key gives the preset, any other well-formed key a
    /// kind of your own (define it before a post names it).
    ///
    /// # Errors
    /// [`RosterError::InvalidPostKindKey`] unless the key is 1 to 40 lower-case ASCII letters,
    /// digits and hyphens, starting with a letter.
    pub fn new(key: &str) -> Result<PostKind, Error> {
        if let Some(p) = Self::PRESETS.iter().find(|p| p.key() == key) {
            return Ok(p.clone());
        }
        let well_formed = (1..=40).contains(&key.len())
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if well_formed {
            Ok(PostKind(Cow::Owned(key.to_owned())))
        } else {
            Err(RosterError::InvalidPostKindKey { input: quote(key) }.into())
        }
    }

    /// Its key, as stored (`"checkpoint"`).
    pub fn key(&self) -> &str {
        &self.0
    }

    /// Whether it is one of the [presets](Self::PRESETS).
    pub fn is_preset(&self) -> bool {
        Self::PRESETS.contains(self)
    }

    fn preset(
        &self,
    ) -> Option<&'static (
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
        bool,
    )> {
        PRESETS.iter().find(|p| p.0 == self.key())
    }

    /// The English name of a preset (`"office duty"`); a kind of your own gives its key (the
    /// registry holds its names).
    pub fn label_en(&self) -> &str {
        self.preset().map_or(self.key(), |p| p.1)
    }

    /// The Chinese term of a preset (`"值班"`); a kind of your own gives its key.
    pub fn label_zh(&self) -> &str {
        self.preset().map_or(self.key(), |p| p.2)
    }

    /// Whether volunteers (志愿者) may stand a preset's shifts: checkpoints and village duty
    /// take them, office duty is a cadre's (DOMAIN.md §9: volunteers stood checkpoints). A
    /// kind of your own says so in its [`PostKindDefinition`]; here it gives `None`.
    pub fn preset_takes_volunteers(&self) -> Option<bool> {
        self.preset().map(|p| p.4)
    }
}

impl fmt::Display for PostKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

impl fmt::Debug for PostKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for PostKind {
    type Err = Error;

    /// A preset by its key, English name (any case), Chinese term or alias; otherwise a key of
    /// your own.
    fn from_str(s: &str) -> Result<PostKind, Error> {
        let wanted = normalize(s);
        for (p, (key, en, zh, aliases, _)) in PostKind::PRESETS.iter().zip(PRESETS) {
            if wanted == normalize(key)
                || wanted == normalize(en)
                || wanted == normalize(zh)
                || aliases.iter().any(|a| wanted == normalize(a))
            {
                return Ok(p.clone());
            }
        }
        PostKind::new(s.trim())
    }
}

impl Serialize for PostKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for PostKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PostKind, D::Error> {
        let s = Cow::<str>::deserialize(d)?;
        PostKind::new(&s).map_err(serde::de::Error::custom)
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
        for (p, (key, en, zh, aliases, _)) in PostKind::PRESETS.iter().zip(PRESETS) {
            for name in [*key, *en, *zh, &en.to_uppercase().replace(' ', "_")]
                .into_iter()
                .chain(aliases.iter().copied())
            {
                assert_eq!(name.parse::<PostKind>().ok().as_ref(), Some(p), "{name}");
            }
            assert_eq!((p.label_en(), p.label_zh()), (*en, *zh));
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
