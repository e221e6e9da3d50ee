//! The labels of screening's risk levels, visit results and day-0 anchors: English and Chinese
//! names, and the words clerks write for them (`labels!`, src/label.rs).

use crate::value_error::ValueError;
use std::str::FromStr;

use super::{DayZeroBasis, ExposureAnchor, RiskLevel, VisitResult};
use crate::error::Error;
use crate::label::{labels, normalize, quote};

impl RiskLevel {
    /// The English name: `"high"`, `"medium"`, `"low"`, or a user-defined level's name.
    /// What `Display` prints.
    pub fn label_en(&self) -> &str {
        self.name()
    }

    /// The Chinese term of a shipped level (`"高风险"`, `"中风险"`, `"低风险"`); a
    /// user-defined level's own name.
    pub fn label_zh(&self) -> &str {
        match self.name() {
            "high" if *self == RiskLevel::HIGH => "高风险",
            "medium" if *self == RiskLevel::MEDIUM => "中风险",
            "low" if *self == RiskLevel::LOW => "低风险",
            other => other,
        }
    }
}

impl FromStr for RiskLevel {
    type Err = Error;

    /// A shipped level: `"high"`, `"High risk"`, `"high-risk"`, `"高"`, `"高风险"`, `"高风险区"`
    /// (likewise medium: `"中"`, `"中风险"`; low: `"低"`, `"低风险"`). A user-defined level has a
    /// rank, which text does not carry: build it with [`RiskLevel::new`].
    ///
    /// # Errors
    /// [`ValueError::UnknownLabel`](crate::value_error::ValueError::UnknownLabel) for anything else.
    fn from_str(s: &str) -> Result<RiskLevel, Error> {
        const SHIPPED: &[RiskLevel] = &[RiskLevel::HIGH, RiskLevel::MEDIUM, RiskLevel::LOW];
        let wanted = normalize(s);
        let wanted = wanted
            .strip_suffix(" risk area")
            .or_else(|| wanted.strip_suffix(" risk"))
            .or_else(|| wanted.strip_suffix("风险区"))
            .or_else(|| wanted.strip_suffix("风险地区"))
            .or_else(|| wanted.strip_suffix("风险"))
            .unwrap_or(&wanted);
        let short = |l: &RiskLevel| l.label_zh().trim_end_matches("风险").to_owned();
        SHIPPED
            .iter()
            .find(|l| wanted == l.label_en() || wanted == short(l))
            .cloned()
            .ok_or_else(|| {
                Error::Value(ValueError::UnknownLabel {
                    what: "risk level",
                    input: quote(s),
                    expected: "high (高风险), medium (中风险), low (低风险)".to_owned(),
                })
            })
    }
}

labels!(VisitResult: "result of a visit", with_display {
    Screened => "screened", "已排查", ["排查", "done"];
    NobodyHome => "nobody home", "无人在家", ["absent", "not at home", "不在家"];
    Refused => "refused", "拒绝排查", ["拒绝", "拒绝配合"];
});

labels!(ExposureAnchor: "day-0 anchor", with_display {
    LastDayInArea => "last day in the area", "离开之日", ["last day in area", "离汉之日", "离开当日"];
    DayOfReturn => "day of return", "返乡之日", ["return", "返回之日", "到家之日"];
});

labels!(DayZeroBasis: "basis of day 0", with_display {
    LastDayInArea => "last day in the area", "离开之日", ["last day in area"];
    LastDayAtRisk => "last day at risk", "风险期内离开之日", ["last day in the area while at risk"];
    DayOfReturn => "day of return", "返乡之日", ["return"];
    LastDayInAreaReturnUnknown => "last day in the area, return unknown", "离开之日（返乡日不详）", ["return unknown"];
});
