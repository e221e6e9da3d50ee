//! Kinds of site (消杀点位类型): keys with named presets, and kinds users define.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::gathering::GatheringError;
use crate::label::kind_key;

kind_key!(
    /// A kind of site of cleaning and disinfection (消杀点位类型). The presets are the
    /// article's (DOMAIN.md §9); users add their own with [`SiteKindDefinition`].
    ///
    /// Parsing accepts the key, the English name in any case, the Chinese term and these
    /// aliases: office building — 办公楼, 乡政府办公楼, 机关办公楼, "office"; public place —
    /// 公共区域, 村公共场所, "public places"; rubbish bin — 垃圾桶, 垃圾箱, 垃圾点, 垃圾池,
    /// "rubbish bins", "garbage bin"; market — 市场, 水果市场, 农贸市场, 集贸市场, "fruit market".
    ///
    /// ```
    /// use fangkong::disinfection::SiteKind;
    /// assert_eq!("垃圾桶".parse::<SiteKind>()?, SiteKind::RUBBISH_BIN);
    /// assert_eq!("水果市场".parse::<SiteKind>()?, SiteKind::MARKET);
    /// assert_eq!(SiteKind::OFFICE_BUILDING.label_zh(), "办公楼");
    /// assert_eq!(SiteKind::PUBLIC_PLACE.to_string(), "public place");
    /// let own = "clinic-yard".parse::<SiteKind>()?;
    /// assert!(!own.is_preset());
    /// assert!("Clinic Yard!".parse::<SiteKind>().is_err());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    SiteKind, Error, |input| Error::Gathering(GatheringError::InvalidKindKey { what: "kind of disinfection site", input });
    /// An office building (办公楼), such as the township government's.
    OFFICE_BUILDING => "office-building", "office building", "办公楼",
        ["乡政府办公楼", "机关办公楼", "office", "office buildings"];
    /// A village's or community's public places (公共场所): squares, halls, toilets.
    PUBLIC_PLACE => "public-place", "public place", "公共场所",
        ["公共区域", "村公共场所", "public places"];
    /// Rubbish bins and collection points (垃圾桶、垃圾点).
    RUBBISH_BIN => "rubbish-bin", "rubbish bin", "垃圾桶",
        ["垃圾箱", "垃圾点", "垃圾池", "rubbish bins", "garbage bin", "garbage bins"];
    /// A market (市场), such as the Xiangxinan fruit market (湘西南水果市场).
    MARKET => "market", "market", "市场",
        ["水果市场", "农贸市场", "集贸市场", "fruit market", "markets"];
);

/// A kind of site of the users' own (自定义消杀点位类型), with its names.
///
/// ```
/// use fangkong::disinfection::SiteKindDefinition;
/// let yard = SiteKindDefinition::new("clinic-yard".parse()?, "clinic yard", "卫生室院落");
/// assert_eq!(yard.name_zh, "卫生室院落");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SiteKindDefinition {
    /// Its key (not a preset's).
    pub kind: SiteKind,
    /// Its English name.
    pub name_en: String,
    /// Its Chinese term.
    pub name_zh: String,
}

impl SiteKindDefinition {
    /// A definition.
    pub fn new(
        kind: SiteKind,
        name_en: impl Into<String>,
        name_zh: impl Into<String>,
    ) -> SiteKindDefinition {
        SiteKindDefinition {
            kind,
            name_en: name_en.into(),
            name_zh: name_zh.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_reads_back_from_its_names_and_serde() {
        for p in SiteKind::PRESETS {
            assert_eq!(p.label_zh().parse::<SiteKind>().ok().as_ref(), Some(p));
            assert_eq!(p.label_en().parse::<SiteKind>().ok().as_ref(), Some(p));
            assert_eq!(p.key().parse::<SiteKind>().ok().as_ref(), Some(p));
            let json = serde_json::to_string(p).unwrap();
            assert_eq!(serde_json::from_str::<SiteKind>(&json).unwrap(), *p);
        }
        assert!(serde_json::from_str::<SiteKind>("\"Bad Key\"").is_err());
    }
}
