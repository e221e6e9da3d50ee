//! Screening outcomes in Chinese (排查结果的中文说明), for clerks who read Chinese.

use super::{Designation, Exposure, KeyPerson, ScreeningOutcome, Stay};
use crate::place::DivisionCode;
use std::fmt;

/// `"武汉市（420100）"`, or the code alone when it has no name.
fn place_zh(code: DivisionCode) -> String {
    match code.name_zh() {
        Some(name) => format!("{name}（{code}）"),
        None => code.to_string(),
    }
}

impl Stay {
    /// The stay in Chinese: `"2020-01-10至2020-01-20在武汉市（420100）居留"`, or
    /// `"2020-01-20在…居留"` for one day.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        if self.first() == self.last() {
            format!("{}在{}居留", self.first(), place_zh(self.place()))
        } else {
            format!(
                "{}至{}在{}居留",
                self.first(),
                self.last(),
                place_zh(self.place())
            )
        }
    }
}

impl Designation {
    /// The designation in Chinese: `"2020-01-08起的高风险地区"`, followed by `"，已于…解除"`
    /// once lifted.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let level = self.level.label_zh();
        match self.lifted {
            Some(l) => format!("{}起的{level}地区，已于{l}解除", self.from),
            None => format!("{}起的{level}地区", self.from),
        }
    }
}

impl Exposure {
    /// The exposure in Chinese, the same facts as [`Exposure::describe`].
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let place = self.stay.place();
        let mut s = if self.transit {
            format!("{}途经{}", self.stay.first(), place_zh(place))
        } else {
            self.stay.display_zh().to_string()
        };
        if self.designation.area != place {
            s.push_str(&format!("，属{}", place_zh(self.designation.area)));
        }
        s.push_str(&format!("，当时为{}", self.designation.display_zh()));
        s
    }
}

impl KeyPerson {
    /// One sentence in Chinese, the same facts as [`KeyPerson::explain`].
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        format!(
            "重点人员：{}；按规则“{}”开始医学观察“{}”，第0天为{}（{}）。",
            self.exposure.display_zh(),
            self.rule,
            self.protocol,
            self.day0,
            self.day0_basis.label_zh()
        )
    }
}

impl ScreeningOutcome {
    /// One sentence in Chinese a cadre can read out, the same facts as
    /// [`ScreeningOutcome::explain`].
    ///
    /// ```
    /// use fangkong::screening::ScreeningOutcome;
    /// let outcome = ScreeningOutcome::NoRisk {
    ///     rule: "wuhan-2020".into(),
    ///     on: "2020-01-24".parse()?,
    ///     window_start: Some("2020-01-10".parse()?),
    ///     unobserved: None,
    /// };
    /// assert_eq!(
    ///     outcome.display_zh().to_string(),
    ///     "无风险：按规则“wuhan-2020”，2020-01-10至2020-01-24没有在风险地区居留或途经。"
    /// );
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        match self {
            ScreeningOutcome::NoRisk {
                rule,
                on,
                window_start,
                unobserved: None,
            } => {
                let window = match window_start {
                    Some(w) => format!("{w}至{on}"),
                    None => format!("截至{on}"),
                };
                format!("无风险：按规则“{rule}”，{window}没有在风险地区居留或途经。")
            }
            ScreeningOutcome::NoRisk {
                rule,
                unobserved: Some(e),
                ..
            } => format!(
                "无风险：{}，规则“{rule}”对{}地区不要求医学观察。",
                e.display_zh(),
                e.designation.level.label_zh()
            ),
            ScreeningOutcome::KeyPerson(k) => k.display_zh().to_string(),
            ScreeningOutcome::Symptomatic {
                note, travel, rule, ..
            } => {
                let said = if note.trim().is_empty() {
                    String::new()
                } else {
                    format!("（{note}）")
                };
                let travel = match travel {
                    Some(k) => {
                        format!("；按规则“{rule}”也是重点人员：{}", k.exposure.display_zh())
                    }
                    None => String::new(),
                };
                format!("有症状：报告有感冒或发热症状{said}；请立即转诊定点医院{travel}。")
            }
        }
    }
}
