//! Places: administrative division codes (行政区划代码, GB/T 2260) and the 12-digit statistical
//! division codes (统计用区划代码) built on them.
//!
//! A [`DivisionCode`] names a province, a prefecture or a county: `420000` Hubei, `420100`
//! Wuhan, `420106` Wuchang district. Containment follows the digits: Wuchang lies in Wuhan,
//! which lies in Hubei. Codes are retired and reissued over time (DOMAIN.md §1), so any
//! well-formed code is accepted; a small table ships the Chinese and English names of the codes
//! the examples and tests use, and [`DivisionCode::name_en`] is `None` for the rest.
//!
//! A [`StatisticalCode`] extends a division code by 3 township digits and 3 village digits
//! (GB/T 10114, NBS): `430502001001`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::label::labels;
use crate::value_error::ValueError;

/// The level of an administrative division (行政区划级别).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DivisionLevel {
    /// Provincial level (省级): province, autonomous region, municipality, SAR; code `PP0000`.
    Province,
    /// Prefecture level (地级): prefecture-level city, prefecture, autonomous prefecture;
    /// code `PPCC00`.
    Prefecture,
    /// County level (县级): county, district, county-level city; code `PPCCDD` with `DD` ≠ 00.
    County,
}

/// An administrative division code (行政区划代码, GB/T 2260): six digits `PPCCDD`, province,
/// prefecture and county.
///
/// Well-formed means: exactly six ASCII digits; province digits `PP` from 11 to 99; and when
/// the prefecture digits `CC` are `00` the county digits `DD` are `00` too. Codes missing from
/// the shipped name table are accepted (codes are retired and reissued), with no name.
///
/// Prefecture digits `90` mark county-level units administered directly by the province
/// (省直辖县级行政区划, e.g. Hubei `429004` Xiantao): they have no prefecture and their parent
/// is the province.
///
/// Text form and serde: the six digits.
///
/// ```
/// use fangkong::place::{DivisionCode, DivisionLevel};
/// let wuchang: DivisionCode = "420106".parse()?;
/// let wuhan: DivisionCode = "420100".parse()?;
/// assert_eq!(wuchang.level(), DivisionLevel::County);
/// assert_eq!(wuchang.parent(), Some(wuhan));
/// assert!(DivisionCode::HUBEI.contains(wuchang));
/// assert_eq!(wuchang.name_en(), Some("Wuchang"));
/// assert_eq!(wuchang.name_zh(), Some("武昌区"));
/// assert_eq!(wuchang.label(), "Wuchang (420106)");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DivisionCode(u32);

impl DivisionCode {
    /// Hubei province (湖北省), `420000`.
    pub const HUBEI: DivisionCode = DivisionCode(420_000);
    /// Wuhan (武汉市), `420100`.
    pub const WUHAN: DivisionCode = DivisionCode(420_100);

    /// The code with the digits of `n` (e.g. `420106`).
    ///
    /// # Errors
    /// [`ValueError::InvalidDivisionCode`] for a number that is not a well-formed code: `1_234_567`
    /// (seven digits), `420` (province digits `00`), `420012` (prefecture `00` with county `12`).
    pub fn from_u32(n: u32) -> Result<DivisionCode, ValueError> {
        check_division(n).map_err(|(reason, reason_zh)| ValueError::InvalidDivisionCode {
            input: format!("{n:06}").into(),
            reason,
            reason_zh,
        })?;
        Ok(DivisionCode(n))
    }

    /// The code as a number, e.g. `420106`.
    pub fn as_u32(self) -> u32 {
        self.0
    }

    /// Whether this is a province, a prefecture or a county.
    pub fn level(self) -> DivisionLevel {
        if self.0.is_multiple_of(10_000) {
            DivisionLevel::Province
        } else if self.0.is_multiple_of(100) {
            DivisionLevel::Prefecture
        } else {
            DivisionLevel::County
        }
    }

    /// The province this code lies in (itself for a province).
    pub fn province(self) -> DivisionCode {
        DivisionCode(self.0 / 10_000 * 10_000)
    }

    /// The prefecture this code lies in (itself for a prefecture); `None` for a province and
    /// for a county administered directly by its province (prefecture digits `90`).
    pub fn prefecture(self) -> Option<DivisionCode> {
        match self.level() {
            DivisionLevel::Province => None,
            DivisionLevel::Prefecture => Some(self),
            DivisionLevel::County if self.prefecture_digits() == 90 => None,
            DivisionLevel::County => Some(DivisionCode(self.0 / 100 * 100)),
        }
    }

    /// The division directly above: a county's prefecture (or its province for prefecture
    /// digits `90`), a prefecture's province; `None` for a province.
    pub fn parent(self) -> Option<DivisionCode> {
        match self.level() {
            DivisionLevel::Province => None,
            DivisionLevel::Prefecture => Some(self.province()),
            DivisionLevel::County => self.prefecture().or(Some(self.province())),
        }
    }

    /// Whether `other` lies in this division: itself, or any division below it
    /// (`420000` contains `420100` and `420106`; `420100` contains `420106`).
    ///
    /// A county with prefecture digits `90` lies in its province only (the grouping code
    /// `429000` contains nothing but itself).
    pub fn contains(self, other: DivisionCode) -> bool {
        let mut here = Some(other);
        while let Some(code) = here {
            if code == self {
                return true;
            }
            here = code.parent();
        }
        false
    }

    /// The Chinese name from the shipped table (e.g. `武汉市`), `None` when not shipped.
    pub fn name_zh(self) -> Option<&'static str> {
        lookup(self.0).map(|(_, zh, _)| zh)
    }

    /// The English name from the shipped table (e.g. `Wuhan`), `None` when not shipped.
    pub fn name_en(self) -> Option<&'static str> {
        lookup(self.0).map(|(_, _, en)| en)
    }

    /// The English name followed by the code, `Wuhan (420100)`, or the bare code when no name
    /// is shipped: the form explanations use.
    pub fn label(self) -> String {
        match self.name_en() {
            Some(name) => format!("{name} ({self})"),
            None => self.to_string(),
        }
    }

    fn prefecture_digits(self) -> u32 {
        self.0 / 100 % 100
    }
}

/// Why `n` is not a well-formed division code (in English and in Chinese), or `Ok`.
fn check_division(n: u32) -> Result<(), (String, String)> {
    if n > 999_999 {
        return Err((SIX_DIGITS.to_owned(), SIX_DIGITS_ZH.to_owned()));
    }
    let province = n / 10_000;
    let prefecture = n / 100 % 100;
    let county = n % 100;
    if province < 11 {
        return Err((
            format!(
                "its first two digits {province:02} name no province; province digits run from 11 to 99"
            ),
            format!("前两位{province:02}不是任何省份；省级代码为11至99"),
        ));
    }
    if prefecture == 0 && county != 0 {
        return Err((
            format!(
                "its prefecture digits are 00 but its county digits are {county:02}; a province \
                 code ends in 0000, such as 420000"
            ),
            format!("地级位为00而县级位为{county:02}；省级代码以0000结尾，如420000"),
        ));
    }
    Ok(())
}

const SIX_DIGITS: &str = "a division code is exactly 6 digits, such as 420106";
const SIX_DIGITS_ZH: &str = "行政区划代码为6位数字，如420106";

impl fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

impl fmt::Debug for DivisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DivisionCode({self})")
    }
}

impl FromStr for DivisionCode {
    type Err = ValueError;

    /// Parses six ASCII digits.
    fn from_str(s: &str) -> Result<DivisionCode, ValueError> {
        let n = parse_digits(s, 6).ok_or_else(|| ValueError::InvalidDivisionCode {
            input: s.into(),
            reason: SIX_DIGITS.to_owned(),
            reason_zh: SIX_DIGITS_ZH.to_owned(),
        })?;
        let n = u32::try_from(n).map_err(|_| ValueError::InvalidDivisionCode {
            input: s.into(),
            reason: SIX_DIGITS.to_owned(),
            reason_zh: SIX_DIGITS_ZH.to_owned(),
        })?;
        check_division(n).map_err(|(reason, reason_zh)| ValueError::InvalidDivisionCode {
            input: s.into(),
            reason,
            reason_zh,
        })?;
        Ok(DivisionCode(n))
    }
}

impl TryFrom<u32> for DivisionCode {
    type Error = ValueError;

    /// Same as [`DivisionCode::from_u32`].
    fn try_from(n: u32) -> Result<DivisionCode, ValueError> {
        DivisionCode::from_u32(n)
    }
}

impl Serialize for DivisionCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DivisionCode {
    /// Reads through [`FromStr`]; errors are masked.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DivisionCode, D::Error> {
        crate::value_error::deserialize_parsed(d, "a division code of six digits")
    }
}

/// The value of `s` when it is exactly `len` ASCII digits.
fn parse_digits(s: &str, len: usize) -> Option<u64> {
    if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The kind of a township-level unit (乡级), from the township digits of a
/// [`StatisticalCode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum TownshipKind {
    /// Street office (街道), township digits 001–099.
    StreetOffice,
    /// Town (镇), township digits 100–199.
    Town,
    /// Township (乡), township digits 200–399.
    Township,
}

/// The kind of a village-level unit (村级), from the village digits of a [`StatisticalCode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum VillageKind {
    /// Community, run by a residents' committee (社区居委会), village digits 001–199.
    Community,
    /// Village, run by a villagers' committee (村委会), village digits 200–399.
    Village,
}

/// The level a [`StatisticalCode`] names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum StatisticalLevel {
    /// The division itself (township and village digits `000000`), usually a county.
    Division,
    /// A township-level unit (village digits `000`).
    Township,
    /// A village-level unit.
    Village,
}

/// A statistical division code (统计用区划代码, NBS, GB/T 10114): 12 digits, the 6-digit
/// [`DivisionCode`] of the county, 3 township digits and 3 village digits.
///
/// Well-formed means: exactly twelve ASCII digits, the first six a well-formed division code,
/// and no village digits without township digits. Township or village digits from 400 to 999
/// are accepted but have no [`TownshipKind`] or [`VillageKind`].
///
/// Text form and serde: the twelve digits.
///
/// ```
/// use fangkong::place::{
///     DivisionCode, StatisticalCode, StatisticalLevel, TownshipKind, VillageKind,
/// };
/// let village: StatisticalCode = "430502101203".parse()?;
/// assert_eq!(village.division(), "430502".parse::<DivisionCode>()?);
/// assert_eq!(village.level(), StatisticalLevel::Village);
/// assert_eq!(village.township_kind(), Some(TownshipKind::Town));
/// assert_eq!(village.village_kind(), Some(VillageKind::Village));
/// assert_eq!(village.township().to_string(), "430502101000");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatisticalCode(u64);

impl StatisticalCode {
    /// The division (county) code, the first six digits.
    pub fn division(self) -> DivisionCode {
        // The constructor checked these digits.
        DivisionCode((self.0 / 1_000_000) as u32)
    }

    /// The three township digits, 0–999.
    pub fn township_digits(self) -> u16 {
        (self.0 / 1_000 % 1_000) as u16
    }

    /// The three village digits, 0–999.
    pub fn village_digits(self) -> u16 {
        (self.0 % 1_000) as u16
    }

    /// The kind of township, `None` when the township digits are `000` or 400–999.
    pub fn township_kind(self) -> Option<TownshipKind> {
        match self.township_digits() {
            1..=99 => Some(TownshipKind::StreetOffice),
            100..=199 => Some(TownshipKind::Town),
            200..=399 => Some(TownshipKind::Township),
            _ => None,
        }
    }

    /// The kind of village, `None` when the village digits are `000` or 400–999.
    pub fn village_kind(self) -> Option<VillageKind> {
        match self.village_digits() {
            1..=199 => Some(VillageKind::Community),
            200..=399 => Some(VillageKind::Village),
            _ => None,
        }
    }

    /// Division when the township and village digits are all zero, township when only the
    /// village digits are, village otherwise.
    pub fn level(self) -> StatisticalLevel {
        if self.0.is_multiple_of(1_000_000) {
            StatisticalLevel::Division
        } else if self.0.is_multiple_of(1_000) {
            StatisticalLevel::Township
        } else {
            StatisticalLevel::Village
        }
    }

    /// The township this code lies in: the same code with village digits `000` (itself for a
    /// township or division code).
    pub fn township(self) -> StatisticalCode {
        StatisticalCode(self.0 / 1_000 * 1_000)
    }
}

impl fmt::Display for StatisticalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:012}", self.0)
    }
}

impl fmt::Debug for StatisticalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StatisticalCode({self})")
    }
}

impl FromStr for StatisticalCode {
    type Err = ValueError;

    /// Parses twelve ASCII digits.
    fn from_str(s: &str) -> Result<StatisticalCode, ValueError> {
        let bad = |reason: String, reason_zh: String| ValueError::InvalidStatisticalCode {
            input: s.into(),
            reason,
            reason_zh,
        };
        let n = parse_digits(s, 12).ok_or_else(|| {
            bad(
                "a statistical division code is exactly 12 digits: a 6-digit division code, \
                 3 township digits and 3 village digits, such as 430502101203"
                    .to_owned(),
                "统计用区划代码为12位数字：6位行政区划代码、3位乡级代码和3位村级代码，如430502101203"
                    .to_owned(),
            )
        })?;
        let division = (n / 1_000_000) as u32;
        check_division(division).map_err(|(reason, zh)| {
            bad(
                format!("its first six digits, the division code: {reason}"),
                format!("前六位行政区划代码：{zh}"),
            )
        })?;
        let code = StatisticalCode(n);
        if code.township_digits() == 0 && code.village_digits() != 0 {
            return Err(bad(
                format!(
                    "its village digits {:03} follow township digits 000; a village lies in a \
                     township",
                    code.village_digits()
                ),
                format!(
                    "乡级代码为000而村级代码为{:03}；村必须属于某个乡镇",
                    code.village_digits()
                ),
            ));
        }
        Ok(code)
    }
}

impl Serialize for StatisticalCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for StatisticalCode {
    /// Reads through [`FromStr`]; errors are masked.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<StatisticalCode, D::Error> {
        crate::value_error::deserialize_parsed(d, "a statistical division code of twelve digits")
    }
}

fn lookup(code: u32) -> Option<(u32, &'static str, &'static str)> {
    PLACES
        .binary_search_by_key(&code, |(c, _, _)| *c)
        .ok()
        .and_then(|i| PLACES.get(i))
        .copied()
}

/// The shipped names, sorted by code: all 34 provincial-level units, Hubei's prefecture-level
/// and directly administered county-level units, Wuhan's districts, and the Hunan and Beijing
/// codes the examples use. Retired codes (such as `440524`) are not shipped.
static PLACES: &[(u32, &str, &str)] = &[
    (110_000, "北京市", "Beijing"),
    (110_105, "朝阳区", "Chaoyang"),
    (120_000, "天津市", "Tianjin"),
    (130_000, "河北省", "Hebei"),
    (140_000, "山西省", "Shanxi"),
    (150_000, "内蒙古自治区", "Inner Mongolia"),
    (210_000, "辽宁省", "Liaoning"),
    (220_000, "吉林省", "Jilin"),
    (230_000, "黑龙江省", "Heilongjiang"),
    (310_000, "上海市", "Shanghai"),
    (320_000, "江苏省", "Jiangsu"),
    (330_000, "浙江省", "Zhejiang"),
    (340_000, "安徽省", "Anhui"),
    (350_000, "福建省", "Fujian"),
    (360_000, "江西省", "Jiangxi"),
    (370_000, "山东省", "Shandong"),
    (410_000, "河南省", "Henan"),
    (420_000, "湖北省", "Hubei"),
    (420_100, "武汉市", "Wuhan"),
    (420_102, "江岸区", "Jiang'an"),
    (420_103, "江汉区", "Jianghan"),
    (420_104, "硚口区", "Qiaokou"),
    (420_105, "汉阳区", "Hanyang"),
    (420_106, "武昌区", "Wuchang"),
    (420_107, "青山区", "Qingshan"),
    (420_111, "洪山区", "Hongshan"),
    (420_112, "东西湖区", "Dongxihu"),
    (420_113, "汉南区", "Hannan"),
    (420_114, "蔡甸区", "Caidian"),
    (420_115, "江夏区", "Jiangxia"),
    (420_116, "黄陂区", "Huangpi"),
    (420_117, "新洲区", "Xinzhou"),
    (420_200, "黄石市", "Huangshi"),
    (420_300, "十堰市", "Shiyan"),
    (420_500, "宜昌市", "Yichang"),
    (420_600, "襄阳市", "Xiangyang"),
    (420_700, "鄂州市", "Ezhou"),
    (420_800, "荆门市", "Jingmen"),
    (420_900, "孝感市", "Xiaogan"),
    (421_000, "荆州市", "Jingzhou"),
    (421_100, "黄冈市", "Huanggang"),
    (421_200, "咸宁市", "Xianning"),
    (421_300, "随州市", "Suizhou"),
    (422_800, "恩施土家族苗族自治州", "Enshi"),
    (429_004, "仙桃市", "Xiantao"),
    (429_005, "潜江市", "Qianjiang"),
    (429_006, "天门市", "Tianmen"),
    (429_021, "神农架林区", "Shennongjia"),
    (430_000, "湖南省", "Hunan"),
    (430_100, "长沙市", "Changsha"),
    (430_500, "邵阳市", "Shaoyang"),
    (430_502, "双清区", "Shuangqing"),
    (430_503, "大祥区", "Daxiang"),
    (430_511, "北塔区", "Beita"),
    (440_000, "广东省", "Guangdong"),
    (450_000, "广西壮族自治区", "Guangxi"),
    (460_000, "海南省", "Hainan"),
    (500_000, "重庆市", "Chongqing"),
    (510_000, "四川省", "Sichuan"),
    (520_000, "贵州省", "Guizhou"),
    (530_000, "云南省", "Yunnan"),
    (540_000, "西藏自治区", "Tibet"),
    (610_000, "陕西省", "Shaanxi"),
    (620_000, "甘肃省", "Gansu"),
    (630_000, "青海省", "Qinghai"),
    (640_000, "宁夏回族自治区", "Ningxia"),
    (650_000, "新疆维吾尔自治区", "Xinjiang"),
    (710_000, "台湾省", "Taiwan"),
    (810_000, "香港特别行政区", "Hong Kong"),
    (820_000, "澳门特别行政区", "Macao"),
];

// --- labels (src/label.rs) ---

labels!(DivisionLevel: "level of division", with_display {
    Province => "province", "省级", ["省", "provincial"];
    Prefecture => "prefecture", "地级", ["市", "地级市", "prefectural"];
    County => "county", "县级", ["县", "区", "county level"];
});

labels!(TownshipKind: "kind of township", with_display {
    StreetOffice => "street office", "街道", ["街道办事处", "street"];
    Town => "town", "镇";
    Township => "township", "乡";
});

labels!(VillageKind: "kind of village", with_display {
    Community => "community", "社区", ["居委会", "社区居委会", "residents committee"];
    Village => "village", "村", ["村委会", "行政村", "villagers committee"];
});

labels!(StatisticalLevel: "statistical level", with_display {
    Division => "division", "区县", ["county"];
    Township => "township", "乡级", ["乡镇"];
    Village => "village", "村级", ["村"];
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::code;
    use proptest::prelude::*;

    #[test]
    fn shipped_table_is_sorted_well_formed_and_complete_for_provinces() {
        assert!(PLACES.windows(2).all(|w| w[0].0 < w[1].0));
        for (c, zh, en) in PLACES {
            assert!(DivisionCode::from_u32(*c).is_ok(), "{c}");
            assert!(!zh.is_empty() && !en.is_empty());
        }
        let provinces = PLACES
            .iter()
            .filter(|(c, _, _)| DivisionCode(*c).level() == DivisionLevel::Province)
            .count();
        assert_eq!(provinces, 34);
        let wuhan_districts = PLACES
            .iter()
            .filter(|(c, _, _)| {
                let c = DivisionCode(*c);
                c != DivisionCode::WUHAN && DivisionCode::WUHAN.contains(c)
            })
            .count();
        assert_eq!(wuhan_districts, 13);
    }

    #[test]
    fn wuchang_lies_in_wuhan_which_lies_in_hubei() {
        // Given Wuchang, Wuhan and Hubei
        let wuchang = code("420106");
        // Then the chain of parents and containment follows the digits
        assert_eq!(wuchang.level(), DivisionLevel::County);
        assert_eq!(wuchang.prefecture(), Some(DivisionCode::WUHAN));
        assert_eq!(wuchang.province(), DivisionCode::HUBEI);
        assert_eq!(wuchang.parent(), Some(DivisionCode::WUHAN));
        assert_eq!(DivisionCode::WUHAN.parent(), Some(DivisionCode::HUBEI));
        assert_eq!(DivisionCode::HUBEI.parent(), None);
        assert_eq!(DivisionCode::HUBEI.prefecture(), None);
        assert_eq!(DivisionCode::WUHAN.level(), DivisionLevel::Prefecture);
        assert_eq!(DivisionCode::HUBEI.level(), DivisionLevel::Province);
        assert!(DivisionCode::WUHAN.contains(wuchang));
        assert!(DivisionCode::HUBEI.contains(wuchang));
        assert!(wuchang.contains(wuchang));
        assert!(!wuchang.contains(DivisionCode::WUHAN));
        assert!(!DivisionCode::WUHAN.contains(code("420200")));
        assert!(!DivisionCode::HUBEI.contains(code("430502")));
        assert!(!code("420100").contains(code("421000")));
    }

    #[test]
    fn directly_administered_counties_lie_in_their_province() {
        // Given Xiantao, a county-level city administered by Hubei itself (prefecture digits 90)
        let xiantao = code("429004");
        assert_eq!(xiantao.level(), DivisionLevel::County);
        assert_eq!(xiantao.prefecture(), None);
        assert_eq!(xiantao.parent(), Some(DivisionCode::HUBEI));
        assert!(DivisionCode::HUBEI.contains(xiantao));
        assert!(!code("429000").contains(xiantao));
        assert_eq!(xiantao.name_en(), Some("Xiantao"));
        assert_eq!(code("429021").name_zh(), Some("神农架林区"));
    }

    #[test]
    fn names_come_from_the_table_and_unknown_codes_are_accepted() {
        assert_eq!(code("110105").label(), "Chaoyang (110105)");
        assert_eq!(code("110105").parent(), Some(code("110100")));
        assert_eq!(code("430502").name_zh(), Some("双清区"));
        assert_eq!(code("422800").name_en(), Some("Enshi"));
        assert_eq!(code("820000").name_en(), Some("Macao"));
        // A retired code (Chaoyang county, Shantou) is still a code
        let retired = code("440524");
        assert_eq!(retired.name_en(), None);
        assert_eq!(retired.label(), "440524");
        assert_eq!(retired.province(), code("440000"));
        assert_eq!(code("999999").level(), DivisionLevel::County);
    }

    #[test]
    fn malformed_division_codes_are_refused_with_the_reason() {
        let msg = |s: &str| s.parse::<DivisionCode>().unwrap_err().to_string();
        assert_eq!(
            msg("42010"),
            "\"42010\" is not a division code (行政区划代码): a division code is exactly 6 \
             digits, such as 420106"
        );
        assert!(msg("42010a").ends_with("exactly 6 digits, such as 420106"));
        assert!(msg("４２０１０６").contains("exactly 6 digits"));
        assert!(msg("+42010").contains("exactly 6 digits"));
        assert_eq!(
            msg("100000"),
            "\"100000\" is not a division code (行政区划代码): its first two digits 10 name no \
             province; province digits run from 11 to 99"
        );
        assert_eq!(
            msg("420012"),
            "\"420012\" is not a division code (行政区划代码): its prefecture digits are 00 but \
             its county digits are 12; a province code ends in 0000, such as 420000"
        );
        assert_eq!(
            DivisionCode::from_u32(1_234_567).unwrap_err().to_string(),
            "\"*******\" is not a division code (行政区划代码): a division code is exactly 6 \
             digits, such as 420106"
        );
        assert_eq!(
            DivisionCode::from_u32(110_000).unwrap(),
            code("110000"),
            "from_u32 and parse agree"
        );
        assert!(DivisionCode::try_from(0_u32).is_err());
    }

    #[test]
    fn statistical_codes_split_into_township_and_village() {
        let street: StatisticalCode = "430502001000".parse().unwrap();
        assert_eq!(street.level(), StatisticalLevel::Township);
        assert_eq!(street.township_kind(), Some(TownshipKind::StreetOffice));
        assert_eq!(street.village_kind(), None);
        let community: StatisticalCode = "430502001199".parse().unwrap();
        assert_eq!(community.village_kind(), Some(VillageKind::Community));
        assert_eq!(community.township(), street);
        let village: StatisticalCode = "430502399200".parse().unwrap();
        assert_eq!(village.township_kind(), Some(TownshipKind::Township));
        assert_eq!(village.village_kind(), Some(VillageKind::Village));
        assert_eq!(village.division(), code("430502"));
        let town: StatisticalCode = "430502100399".parse().unwrap();
        assert_eq!(town.township_kind(), Some(TownshipKind::Town));
        assert_eq!(town.village_kind(), Some(VillageKind::Village));
        let county: StatisticalCode = "430502000000".parse().unwrap();
        assert_eq!(county.level(), StatisticalLevel::Division);
        assert_eq!(county.township(), county);
        assert_eq!(county.township_kind(), None);
        // Digits 400–999 are well-formed but have no kind
        let odd: StatisticalCode = "430502400999".parse().unwrap();
        assert_eq!(odd.township_kind(), None);
        assert_eq!(odd.village_kind(), None);
        assert_eq!(odd.township_digits(), 400);
        assert_eq!(odd.village_digits(), 999);
        assert_eq!(odd.level(), StatisticalLevel::Village);
    }

    #[test]
    fn malformed_statistical_codes_are_refused_with_the_reason() {
        let msg = |s: &str| s.parse::<StatisticalCode>().unwrap_err().to_string();
        assert_eq!(
            msg("4305021012030"),
            "\"430******2030\" is not a statistical division code (统计用区划代码): a \
             statistical division code is exactly 12 digits: a 6-digit division code, 3 \
             township digits and 3 village digits, such as 430502101203"
        );
        assert!(msg("43050210120x").contains("exactly 12 digits"));
        assert_eq!(
            msg("001234101203"),
            "\"001*****1203\" is not a statistical division code (统计用区划代码): its first \
             six digits, the division code: its first two digits 00 name no province; province \
             digits run from 11 to 99"
        );
        assert_eq!(
            msg("430502000203"),
            "\"430*****0203\" is not a statistical division code (统计用区划代码): its village \
             digits 203 follow township digits 000; a village lies in a township"
        );
    }

    #[test]
    fn codes_round_trip_through_serde_as_text() {
        let c = code("420106");
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, "\"420106\"");
        assert_eq!(serde_json::from_str::<DivisionCode>(&json).unwrap(), c);
        assert!(serde_json::from_str::<DivisionCode>("\"420012\"").is_err());
        assert!(serde_json::from_str::<DivisionCode>("420106").is_err());
        let s: StatisticalCode = "430502101203".parse().unwrap();
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, "\"430502101203\"");
        assert_eq!(serde_json::from_str::<StatisticalCode>(&json).unwrap(), s);
        let level = serde_json::to_string(&DivisionLevel::County).unwrap();
        assert_eq!(
            serde_json::from_str::<DivisionLevel>(&level).unwrap(),
            DivisionLevel::County
        );
        assert_eq!(format!("{c:?}"), "DivisionCode(420106)");
    }

    proptest! {
        #[test]
        fn every_well_formed_code_round_trips_and_lies_in_its_ancestors(n in 0u32..1_000_000) {
            let text = format!("{n:06}");
            match text.parse::<DivisionCode>() {
                Ok(c) => {
                    prop_assert_eq!(c.to_string(), text);
                    prop_assert!(c.province().contains(c));
                    let mut here = Some(c);
                    while let Some(a) = here {
                        prop_assert!(a.contains(c));
                        prop_assert!(a.level() <= c.level());
                        here = a.parent();
                    }
                    if let Some(p) = c.prefecture() {
                        prop_assert!(p.contains(c));
                    }
                }
                Err(_) => prop_assert!(n / 10_000 < 11 || (n / 100 % 100 == 0 && n % 100 != 0)),
            }
        }

        #[test]
        fn statistical_text_parses_without_panicking(s in "[0-9]{12}|.{0,14}") {
            if let Ok(c) = s.parse::<StatisticalCode>() {
                prop_assert_eq!(c.to_string(), s);
                prop_assert!(c.township().level() <= StatisticalLevel::Township);
            }
        }
    }
}
