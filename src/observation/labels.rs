//! The labels of observation's comparisons, supplies, tests, methods, reporters, slots, places,
//! symptoms and end reasons: English and Chinese names, and the words clerks write for them
//! (`labels!`, src/label.rs).

use std::str::FromStr;

use super::{
    Comparison, EndReason, Method, ObservationPlace, Reporter, SlotCounting, Supply, Symptom,
    TestOutcome,
};
use crate::error::Error;
use crate::label::{labels, normalize};

labels!(Comparison: "fever comparison", with_display {
    Above => "above", "高于", [">", "over", "超过"];
    AtOrAbove => "at or above", "不低于", [">=", "≥", "以上", "及以上", "大于等于"];
});

labels!(Supply: "kind of supply", with_display {
    Masks => "masks", "口罩", ["mask"];
    Disinfectant => "disinfectant", "消毒液", ["消毒剂", "消毒水"];
    Thermometer => "thermometer", "体温计", ["温度计", "体温表"];
    Other => "other", "其他", ["其它"];
});

labels!(TestOutcome: "test result", with_display {
    Negative => "negative", "阴性", ["neg"];
    Positive => "positive", "阳性", ["pos"];
    Pending => "pending", "待出结果", ["待检", "sampled", "已采样"];
});

labels!(Method: "method of measurement", with_display {
    Armpit => "armpit", "腋温", ["axillary", "腋下"];
    Oral => "oral", "口温", ["mouth", "口腔"];
    Forehead => "forehead", "额温", ["infrared", "额温枪"];
    Ear => "ear", "耳温", ["tympanic"];
    Other => "other", "其他", ["其它"];
});

labels!(Reporter: "reporter of a reading", with_display {
    SelfReported => "self reported", "自测上报", ["self", "自测", "本人"];
    HealthWorker => "health worker", "医务人员", ["医生", "卫生院", "doctor"];
});

labels!(SlotCounting: "way of counting a slot", with_display {
    FirstReading => "first reading", "首次读数", ["first", "首次"];
    LastReading => "last reading", "末次读数", ["last", "末次"];
    HighestReading => "highest reading", "最高读数", ["highest", "最高"];
});

labels!(ObservationPlace: "place of observation", no_display {
    Home => "at home", "居家", ["home", "居家观察", "居家隔离"];
    Centralized => "centralized", "集中隔离点", ["centralised", "集中", "集中隔离", "集中观察"];
    DesignatedHotel => "in a designated hotel", "指定酒店", ["designated hotel", "hotel", "酒店"];
});

labels!(Symptom: "symptom", no_display {
    Fever => "fever", "发热", ["发烧"];
    DryCough => "dry cough", "干咳", ["cough", "咳嗽"];
    Fatigue => "fatigue", "乏力";
    SoreThroat => "sore throat", "咽痛", ["咽喉痛", "嗓子疼"];
    ShortnessOfBreath => "shortness of breath", "气促", ["气短", "呼吸困难"];
    LossOfSmellOrTaste => "loss of smell or taste", "嗅觉、味觉减退", ["嗅觉味觉减退", "嗅觉减退", "味觉减退"];
    Diarrhoea => "diarrhoea", "腹泻", ["diarrhea"];
    Other => "another symptom", "其他", ["other", "其它"];
});

impl EndReason {
    /// The English words (`"the index case was ruled out"`); for [`EndReason::Other`] the
    /// reason as written. What `Display` prints.
    pub fn label_en(&self) -> &str {
        match self {
            EndReason::IndexCaseRuledOut => "the index case was ruled out",
            EndReason::Died => "the person died",
            EndReason::LostToFollowUp => "lost to follow-up",
            EndReason::Other(r) => r,
        }
    }

    /// The Chinese term (`"指示病例排除"`, `"死亡"`, `"失访"`); for [`EndReason::Other`] the
    /// reason as written.
    pub fn label_zh(&self) -> &str {
        match self {
            EndReason::IndexCaseRuledOut => "指示病例排除",
            EndReason::Died => "死亡",
            EndReason::LostToFollowUp => "失访",
            EndReason::Other(r) => r,
        }
    }
}

impl FromStr for EndReason {
    type Err = Error;

    /// A fixed reason by its English words, Chinese term or an alias: `"index case ruled
    /// out"`, `"排除"`; `"died"`, `"dead"`; `"lost to follow up"`. Any other non-empty text is
    /// [`EndReason::Other`] as written (trimmed).
    ///
    /// # Errors
    /// [`Error::TextRequired`] for empty or blank text.
    fn from_str(s: &str) -> Result<EndReason, Error> {
        let raw = s.trim();
        if raw.is_empty() {
            return Err(Error::TextRequired {
                what: "the reason the observation ended".to_owned(),
            });
        }
        let fixed = [
            (
                EndReason::IndexCaseRuledOut,
                &["index case ruled out", "排除", "指示病例已排除"][..],
            ),
            (EndReason::Died, &["died", "dead", "去世"][..]),
            (EndReason::LostToFollowUp, &["lost", "失联"][..]),
        ];
        let wanted = normalize(raw);
        Ok(fixed
            .into_iter()
            .find(|(r, aliases)| {
                [r.label_en(), r.label_zh()]
                    .iter()
                    .chain(aliases.iter())
                    .any(|n| normalize(n) == wanted)
            })
            .map(|(r, _)| r)
            .unwrap_or_else(|| EndReason::Other(raw.to_owned())))
    }
}
