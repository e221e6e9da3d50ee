//! Items of supplies (物资品类): keys with named presets and a unit of measure, and items a
//! township defines itself.

use super::error::SuppliesError;
use super::labels::Measure;
use crate::error::Error;
use crate::label::kind_key;
use serde::{Deserialize, Serialize};

kind_key!(
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
    Item, Error, |input| Error::from(SuppliesError::InvalidItemKey { input });
    /// Masks (口罩), by the piece.
    MASKS => "masks", "masks", "口罩", ["医用口罩", "mask"];
    /// Disinfectant (消毒液), by the bottle.
    DISINFECTANT => "disinfectant", "disinfectant", "消毒液", ["消毒水", "84消毒液", "disinfectant bottle"];
    /// Thermometers (体温计), by the piece.
    THERMOMETERS => "thermometers", "thermometers", "体温计", ["温度计", "体温枪", "thermometer"];
);

impl Item {
    /// The unit a preset is counted in; an item of your own says so in its
    /// [`ItemDefinition`], and gives `None` here.
    pub fn preset_measure(&self) -> Option<Measure> {
        match self.key() {
            "masks" | "thermometers" => Some(Measure::Piece),
            "disinfectant" => Some(Measure::Bottle),
            _ => None,
        }
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
        let presets: [(&Item, &str, &str, &str, &[&str]); 3] = [
            (
                &Item::MASKS,
                "masks",
                "masks",
                "口罩",
                &["医用口罩", "mask"],
            ),
            (
                &Item::DISINFECTANT,
                "disinfectant",
                "disinfectant",
                "消毒液",
                &["消毒水", "84消毒液", "disinfectant bottle"],
            ),
            (
                &Item::THERMOMETERS,
                "thermometers",
                "thermometers",
                "体温计",
                &["温度计", "体温枪", "thermometer"],
            ),
        ];
        assert_eq!(presets.len(), Item::PRESETS.len());
        for (p, key, en, zh, aliases) in presets {
            for name in [key, en, zh].into_iter().chain(aliases.iter().copied()) {
                assert_eq!(name.parse::<Item>().ok().as_ref(), Some(p), "{name}");
            }
            assert_eq!((p.label_en(), p.label_zh()), (en, zh));
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
