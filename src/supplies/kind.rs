//! Items of supplies (物资品类): keys with named presets and a unit of measure, and items a
//! township defines itself.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::SuppliesError;
use super::labels::Measure;
use crate::error::Error;
use crate::label::{normalize, quote};

/// An item of supplies (物资品类): a key, with presets for the article's three (masks by the
/// piece, disinfectant by the bottle, thermometers by the piece); a township adds its own
/// with [`ItemDefinition`]
/// ([`SuppliesCommand::DefineItem`](super::SuppliesCommand::DefineItem)).
///
/// Parsing accepts the key, the English name in any case, the Chinese term and these aliases:
/// masks — 医用口罩, "mask"; disinfectant — 消毒水, 84消毒液, "disinfectant bottle";
/// thermometer — 温度计, 体温枪, "thermometers". Any other well-formed key (1 to 40 lower-case
/// ASCII letters, digits and hyphens, starting with a letter) is an item of your own.
///
/// ```
/// use fangkong::supplies::{Item, Measure};
/// assert_eq!("口罩".parse::<Item>()?, Item::MASKS);
/// assert_eq!(Item::DISINFECTANT.preset_measure(), Some(Measure::Bottle));
/// assert_eq!(Item::THERMOMETERS.label_zh(), "体温计");
/// let own = "goggles".parse::<Item>()?;
/// assert!(!own.is_preset());
/// assert!("Goggles!".parse::<Item>().is_err());
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Item(Cow<'static, str>);

/// The presets: key, English name, Chinese term, aliases, unit of measure.
type Preset = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    Measure,
);

const PRESETS: &[Preset] = &[
    (
        "masks",
        "masks",
        "口罩",
        &["医用口罩", "mask"],
        Measure::Piece,
    ),
    (
        "disinfectant",
        "disinfectant",
        "消毒液",
        &["消毒水", "84消毒液", "disinfectant bottle"],
        Measure::Bottle,
    ),
    (
        "thermometers",
        "thermometers",
        "体温计",
        &["温度计", "体温枪", "thermometer"],
        Measure::Piece,
    ),
];

impl Item {
    /// Masks (口罩), by the piece.
    pub const MASKS: Item = Item(Cow::Borrowed("masks"));
    /// Disinfectant (消毒液), by the bottle.
    pub const DISINFECTANT: Item = Item(Cow::Borrowed("disinfectant"));
    /// Thermometers (体温计), by the piece.
    pub const THERMOMETERS: Item = Item(Cow::Borrowed("thermometers"));

    /// The presets, in order: the three items the daily figures count.
    pub const PRESETS: &'static [Item] = &[Item::MASKS, Item::DISINFECTANT, Item::THERMOMETERS];

    /// The item with this key: a preset's key gives the preset, any other well-formed key an
    /// item of your own (define it before a receipt names it).
    ///
    /// # Errors
    /// [`SuppliesError::InvalidItemKey`] unless the key is 1 to 40 lower-case ASCII letters,
    /// digits and hyphens, starting with a letter.
    pub fn new(key: &str) -> Result<Item, Error> {
        if let Some(p) = Self::PRESETS.iter().find(|p| p.key() == key) {
            return Ok(p.clone());
        }
        let well_formed = (1..=40).contains(&key.len())
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if well_formed {
            Ok(Item(Cow::Owned(key.to_owned())))
        } else {
            Err(SuppliesError::InvalidItemKey { input: quote(key) }.into())
        }
    }

    /// Its key, as stored (`"masks"`).
    pub fn key(&self) -> &str {
        &self.0
    }

    /// Whether it is one of the [presets](Self::PRESETS).
    pub fn is_preset(&self) -> bool {
        Self::PRESETS.contains(self)
    }

    fn preset(&self) -> Option<&'static Preset> {
        PRESETS.iter().find(|p| p.0 == self.key())
    }

    /// The English name of a preset (`"disinfectant"`); an item of your own gives its key
    /// (the registry holds its names).
    pub fn label_en(&self) -> &str {
        self.preset().map_or(self.key(), |p| p.1)
    }

    /// The Chinese term of a preset (`"消毒液"`); an item of your own gives its key.
    pub fn label_zh(&self) -> &str {
        self.preset().map_or(self.key(), |p| p.2)
    }

    /// The unit a preset is counted in; an item of your own says so in its
    /// [`ItemDefinition`], and gives `None` here.
    pub fn preset_measure(&self) -> Option<Measure> {
        self.preset().map(|p| p.4)
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

impl fmt::Debug for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Item {
    type Err = Error;

    /// A preset by its key, English name (any case), Chinese term or alias; otherwise a key of
    /// your own.
    fn from_str(s: &str) -> Result<Item, Error> {
        let wanted = normalize(s);
        for (p, (key, en, zh, aliases, _)) in Item::PRESETS.iter().zip(PRESETS) {
            if wanted == normalize(key)
                || wanted == normalize(en)
                || wanted == normalize(zh)
                || aliases.iter().any(|a| wanted == normalize(a))
            {
                return Ok(p.clone());
            }
        }
        Item::new(s.trim())
    }
}

impl Serialize for Item {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Item, D::Error> {
        let s = Cow::<str>::deserialize(d)?;
        Item::new(&s).map_err(serde::de::Error::custom)
    }
}

/// An item of the township's own (自定义物资品类), with its names and unit of measure.
///
/// ```
/// use fangkong::supplies::{ItemDefinition, Measure};
/// let gloves = ItemDefinition::new("gloves".parse()?, "gloves", "手套", Measure::Pair);
/// assert_eq!(gloves.measure, Measure::Pair);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemDefinition {
    /// Its key (not a preset's).
    pub item: Item,
    /// Its English name.
    pub name_en: String,
    /// Its Chinese term.
    pub name_zh: String,
    /// The unit it is counted in.
    pub measure: Measure,
}

impl ItemDefinition {
    /// A definition.
    pub fn new(
        item: Item,
        name_en: impl Into<String>,
        name_zh: impl Into<String>,
        measure: Measure,
    ) -> ItemDefinition {
        ItemDefinition {
            item,
            name_en: name_en.into(),
            name_zh: name_zh.into(),
            measure,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_reads_back_from_each_of_its_names() {
        for (p, (key, en, zh, aliases, _)) in Item::PRESETS.iter().zip(PRESETS) {
            for name in [*key, *en, *zh].into_iter().chain(aliases.iter().copied()) {
                assert_eq!(name.parse::<Item>().ok().as_ref(), Some(p), "{name}");
            }
            let json = serde_json::to_string(p).unwrap();
            assert_eq!(serde_json::from_str::<Item>(&json).unwrap(), *p);
        }
        assert_eq!(
            "Bad Key".parse::<Item>().unwrap_err().code(),
            "invalid_item_key"
        );
        assert!(serde_json::from_str::<Item>("\"Bad Key\"").is_err());
    }
}
