//! Kinds of gathering and of venue: keys with named presets, and kinds users define.

use serde::{Deserialize, Serialize};

use super::error::GatheringError;
use crate::error::Error;
use crate::label::kind_key;

kind_key!(
    /// A kind of gathering (聚集活动类型). Rules go by kind; the presets are the article's,
    /// and users add their own with [`GatheringKindDefinition`].
    ///
    /// Parsing accepts the key, the English name in any case, the Chinese term and these
    /// aliases: collective dining — 聚餐, 宴席, "banquet", "dining"; wedding — 喜事, 婚宴;
    /// funeral — 葬礼, 丧礼, 白事; celebration — 寿宴, 生日宴, 升学宴, 庆典, "birthday";
    /// temple fair — 宗教活动, 宗教聚会, "religious gathering"; market — 赶集, 集贸;
    /// mahjong and card room — 麻将, 棋牌, 打牌, "mahjong"; square dancing — 跳广场舞.
    ///
    /// ```
    /// use fangkong::gathering::GatheringKind;
    /// assert_eq!("婚礼".parse::<GatheringKind>()?, GatheringKind::WEDDING);
    /// assert_eq!("喜事".parse::<GatheringKind>()?, GatheringKind::WEDDING);
    /// assert_eq!("Funeral".parse::<GatheringKind>()?, GatheringKind::FUNERAL);
    /// assert_eq!(GatheringKind::COLLECTIVE_DINING.to_string(), "collective dining");
    /// assert_eq!(GatheringKind::COLLECTIVE_DINING.label_zh(), "集体聚餐");
    /// let own = "village-opera".parse::<GatheringKind>()?;
    /// assert!(!own.is_preset());
    /// assert!("Village Opera!".parse::<GatheringKind>().is_err());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    GatheringKind, Error, |input| Error::Gathering(GatheringError::InvalidKindKey { what: "kind of gathering", input });
    /// Collective dining and banquets (集体聚餐).
    COLLECTIVE_DINING => "collective-dining", "collective dining", "集体聚餐",
        ["聚餐", "宴席", "banquet", "banquets", "dining", "collective dining and banquets"];
    /// Weddings (婚礼, 喜事).
    WEDDING => "wedding", "wedding", "婚礼", ["喜事", "婚宴", "weddings"];
    /// Funerals (丧事).
    FUNERAL => "funeral", "funeral", "丧事", ["葬礼", "丧礼", "白事", "funerals"];
    /// Birthday and other celebration banquets (寿宴、升学宴等喜庆宴席).
    CELEBRATION => "celebration", "celebration banquet", "喜庆宴席",
        ["寿宴", "生日宴", "升学宴", "庆典", "birthday", "birthday banquet", "celebration"];
    /// Temple fairs and religious gatherings (庙会).
    TEMPLE_FAIR => "temple-fair", "temple fair", "庙会",
        ["宗教活动", "宗教聚会", "religious gathering", "temple fairs"];
    /// Markets (集市).
    MARKET => "market", "market", "集市", ["赶集", "集贸", "markets"];
    /// Mahjong and card rooms (棋牌室).
    MAHJONG => "mahjong", "mahjong and card room", "棋牌室",
        ["麻将", "棋牌", "打牌", "card room", "mahjong room"];
    /// Square dancing (广场舞).
    SQUARE_DANCING => "square-dancing", "square dancing", "广场舞", ["跳广场舞"];
);

impl GatheringKind {
    /// Whether a preset is a public event in the sense of OxCGRT C3 (cancel public events):
    /// temple fairs, markets and square dancing are; dining, family occasions and card rooms
    /// are not. A kind of your own says so in its [`GatheringKindDefinition`].
    pub fn preset_is_public_event(&self) -> bool {
        [
            GatheringKind::TEMPLE_FAIR,
            GatheringKind::MARKET,
            GatheringKind::SQUARE_DANCING,
        ]
        .contains(self)
    }
}

kind_key!(
    /// A kind of venue (场所类型) of the venue register. Presets are the article's; users add
    /// their own with [`VenueKindDefinition`].
    ///
    /// Parsing accepts the key, the English name in any case, the Chinese term and these
    /// aliases: catering business — 餐饮, 饭店, 餐馆, "restaurant", "catering"; teahouse — 茶楼;
    /// market — 市场, 农贸市场, 水果市场; cultural and entertainment venue — 娱乐场所, 文娱场所,
    /// "entertainment venue"; card room — 麻将馆, 棋牌.
    ///
    /// ```
    /// use fangkong::gathering::VenueKind;
    /// assert_eq!("餐饮单位".parse::<VenueKind>()?, VenueKind::CATERING);
    /// assert_eq!("Teahouse".parse::<VenueKind>()?, VenueKind::TEAHOUSE);
    /// assert_eq!(VenueKind::ENTERTAINMENT.label_zh(), "文化娱乐场所");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    VenueKind, Error, |input| Error::Gathering(GatheringError::InvalidKindKey { what: "kind of venue", input });
    /// Catering businesses (餐饮单位): restaurants, canteens open to the public.
    CATERING => "catering", "catering business", "餐饮单位",
        ["餐饮", "饭店", "餐馆", "restaurant", "catering businesses"];
    /// Teahouses (茶馆).
    TEAHOUSE => "teahouse", "teahouse", "茶馆", ["茶楼", "teahouses"];
    /// Markets (市场), such as the Xiangxinan fruit market.
    MARKET => "market", "market", "市场", ["农贸市场", "水果市场", "markets"];
    /// Cultural and entertainment venues (文化娱乐场所).
    ENTERTAINMENT => "entertainment", "cultural and entertainment venue", "文化娱乐场所",
        ["娱乐场所", "文娱场所", "entertainment venue", "cultural venue"];
    /// Mahjong and card rooms (棋牌室).
    CARD_ROOM => "card-room", "card room", "棋牌室", ["麻将馆", "棋牌", "mahjong room"];
);

/// A kind of gathering of the users' own (自定义聚集类型), with its names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GatheringKindDefinition {
    /// Its key (not a preset's).
    pub kind: GatheringKind,
    /// Its English name.
    pub name_en: String,
    /// Its Chinese term.
    pub name_zh: String,
    /// Whether it is a public event (OxCGRT C3).
    pub public_event: bool,
}

impl GatheringKindDefinition {
    /// A definition.
    ///
    /// ```
    /// use fangkong::gathering::GatheringKindDefinition;
    /// let opera = GatheringKindDefinition::new("village-opera".parse()?, "village opera", "村戏", true);
    /// assert!(opera.public_event);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn new(
        kind: GatheringKind,
        name_en: impl Into<String>,
        name_zh: impl Into<String>,
        public_event: bool,
    ) -> Self {
        GatheringKindDefinition {
            kind,
            name_en: name_en.into(),
            name_zh: name_zh.into(),
            public_event,
        }
    }
}

/// A kind of venue of the users' own (自定义场所类型), with its names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VenueKindDefinition {
    /// Its key (not a preset's).
    pub kind: VenueKind,
    /// Its English name.
    pub name_en: String,
    /// Its Chinese term.
    pub name_zh: String,
}

impl VenueKindDefinition {
    /// A definition.
    pub fn new(kind: VenueKind, name_en: impl Into<String>, name_zh: impl Into<String>) -> Self {
        VenueKindDefinition {
            kind,
            name_en: name_en.into(),
            name_zh: name_zh.into(),
        }
    }
}
