//! Kinds of publicity: keys with named presets, and kinds users define; the form an action of a
//! kind records and the channel by which it reaches people.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::gathering::GatheringError;
use crate::label::kind_key;
use crate::label::labels;

kind_key!(
    /// A kind of publicity (宣传方式). The presets are the article's (DOMAIN.md §9); users add
    /// their own with [`PublicityKindDefinition`]. Each kind records actions in one
    /// [`Form`] and reaches people by one [`Channel`] ([`PublicityKind::preset_form`],
    /// [`PublicityKind::preset_channel`] for the presets).
    ///
    /// Parsing accepts the key, the English name in any case, the Chinese term and these
    /// aliases: letter — 一封信, 公开信, 致广大居民的一封信, "letters"; leaflet — 传单, 宣传资料,
    /// 明白纸; van — 宣传车, "van outing"; loudspeaker — 大喇叭, 广播, 村村响; online — 微信,
    /// 微信群, 微信工作群, 朋友圈, "wechat"; poster — 标语, 横幅, 海报, 宣传栏, "slogans",
    /// "banners".
    ///
    /// ```
    /// use fangkong::publicity::{Channel, Form, PublicityKind};
    /// assert_eq!("一封信".parse::<PublicityKind>()?, PublicityKind::LETTER);
    /// assert_eq!("大喇叭".parse::<PublicityKind>()?, PublicityKind::LOUDSPEAKER);
    /// assert_eq!("WeChat".parse::<PublicityKind>()?, PublicityKind::ONLINE);
    /// assert_eq!(PublicityKind::VAN.to_string(), "publicity van");
    /// assert_eq!(PublicityKind::VAN.label_zh(), "流动宣传车");
    /// assert_eq!(PublicityKind::LETTER.preset_form(), Some(Form::Delivery));
    /// assert_eq!(PublicityKind::ONLINE.preset_channel(), Some(Channel::Online));
    /// let own = "drone-broadcast".parse::<PublicityKind>()?;
    /// assert!(!own.is_preset());
    /// assert!("Drone Broadcast!".parse::<PublicityKind>().is_err());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    PublicityKind, Error, |input| Error::Gathering(GatheringError::InvalidKindKey { what: "kind of publicity", input });
    /// "A letter to all residents" (致广大居民的一封信), delivered door to door.
    LETTER => "letter", "letter to residents", "致居民的一封信",
        ["一封信", "公开信", "致广大居民的一封信", "letters", "a letter to all residents"];
    /// Leaflets (宣传单), delivered door to door.
    LEAFLET => "leaflet", "leaflet", "宣传单", ["传单", "宣传资料", "明白纸", "leaflets"];
    /// The township's mobile publicity van (流动宣传车), out on a route.
    VAN => "van", "publicity van", "流动宣传车",
        ["宣传车", "van outing", "publicity van outing", "mobile publicity van"];
    /// Village loudspeakers (村村响广播), at times or on a loop.
    LOUDSPEAKER => "loudspeaker", "village loudspeaker", "村村响广播",
        ["大喇叭", "广播", "村村响", "loudspeakers", "village loudspeakers"];
    /// Messages online (网络宣传): WeChat work groups, 朋友圈.
    ONLINE => "online", "online message", "网络宣传",
        ["微信", "微信群", "微信工作群", "朋友圈", "wechat", "online messages"];
    /// Posters and slogans put up (标语横幅).
    POSTER => "poster", "posters and slogans", "标语横幅",
        ["标语", "横幅", "海报", "宣传栏", "slogan", "slogans", "banner", "banners", "posters"];
);

impl PublicityKind {
    /// The form a preset records ([`Form`]); `None` for a kind of your own (its
    /// [`PublicityKindDefinition`] says).
    pub fn preset_form(&self) -> Option<Form> {
        Some(match self.key() {
            "letter" | "leaflet" => Form::Delivery,
            "van" => Form::Outing,
            "loudspeaker" => Form::Broadcast,
            "online" => Form::Message,
            "poster" => Form::Posting,
            _ => return None,
        })
    }

    /// The channel of a preset ([`Channel`]): letters and leaflets door to door, the van,
    /// loudspeakers and posters traditional media, messages online; `None` for a kind of your
    /// own.
    pub fn preset_channel(&self) -> Option<Channel> {
        Some(match self.preset_form()? {
            Form::Delivery => Channel::DoorToDoor,
            Form::Message => Channel::Online,
            Form::Outing | Form::Broadcast | Form::Posting => Channel::Traditional,
        })
    }
}

/// What an action of a kind records (宣传形式).
///
/// ```
/// use fangkong::publicity::Form;
/// assert_eq!("入户发放".parse::<Form>()?, Form::Delivery);
/// assert_eq!(Form::Outing.label_zh(), "出车");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Form {
    /// Copies delivered to households (入户发放), each with its number of copies: the form that
    /// reaches households, and the only one counted in coverage.
    Delivery,
    /// An outing over a route of units, with its start and end (出车).
    Outing,
    /// A broadcast in a unit, at times or on a loop over a span (广播).
    Broadcast,
    /// A message to a named group, with its reach if known (信息推送).
    Message,
    /// Posters or slogans put up at a place, with their count (张贴).
    Posting,
}

labels!(Form: "form of publicity", with_display {
    Delivery => "delivery to households", "入户发放", ["delivery", "door to door", "入户"];
    Outing => "outing", "出车", ["route", "巡回", "van outing"];
    Broadcast => "broadcast", "广播", ["播放", "喊话"];
    Message => "message", "信息推送", ["online message", "推送", "信息"];
    Posting => "posting", "张贴", ["put up", "悬挂", "poster", "posters"];
});

/// How a kind of publicity reaches people (宣传渠道): door to door, which reaches households
/// and counts in coverage, or through traditional or online media. For OxCGRT H1 door to
/// door counts as traditional.
///
/// ```
/// use fangkong::publicity::Channel;
/// assert_eq!("网络".parse::<Channel>()?, Channel::Online);
/// assert!(!Channel::DoorToDoor.is_online());
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Channel {
    /// Door to door (入户): letters and leaflets delivered to households.
    DoorToDoor,
    /// Traditional media (传统媒体): the van, loudspeakers, posters and slogans.
    Traditional,
    /// Online media (网络媒体): WeChat work groups, 朋友圈.
    Online,
}

labels!(Channel: "channel of publicity", with_display {
    DoorToDoor => "door to door", "入户", ["door-to-door", "入户宣传", "上门"];
    Traditional => "traditional media", "传统媒体", ["traditional", "传统"];
    Online => "online media", "网络媒体", ["online", "social media", "新媒体", "网络"];
});

impl Channel {
    /// Whether the channel is online media (OxCGRT H1's "social media"); door to door and
    /// traditional media are not.
    pub fn is_online(self) -> bool {
        self == Channel::Online
    }
}

/// A kind of publicity of the users' own (自定义宣传方式), with its names, its form and its
/// channel. A kind delivered to households is door to door, and only such a kind is.
///
/// ```
/// use fangkong::publicity::{Channel, Form, PublicityKindDefinition};
/// let drone = PublicityKindDefinition::new("drone-broadcast".parse()?, "drone broadcast",
///     "无人机喊话", Form::Broadcast, Channel::Traditional);
/// assert_eq!(drone.form, Form::Broadcast);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublicityKindDefinition {
    /// Its key (not a preset's).
    pub kind: PublicityKind,
    /// Its English name.
    pub name_en: String,
    /// Its Chinese term.
    pub name_zh: String,
    /// What an action of the kind records.
    pub form: Form,
    /// How it reaches people.
    pub channel: Channel,
}

impl PublicityKindDefinition {
    /// A definition.
    pub fn new(
        kind: PublicityKind,
        name_en: impl Into<String>,
        name_zh: impl Into<String>,
        form: Form,
        channel: Channel,
    ) -> Self {
        PublicityKindDefinition {
            kind,
            name_en: name_en.into(),
            name_zh: name_zh.into(),
            form,
            channel,
        }
    }
}
