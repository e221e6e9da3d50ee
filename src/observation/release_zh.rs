//! Release decisions in Chinese (解除观察评估的中文说明), for clerks who read Chinese.

use super::{AlertCause, FeverRule, Reason, ReleaseDecision, Status, TestDay};
use crate::observation::Comparison;
use std::fmt;

impl FeverRule {
    /// The rule in Chinese: `"高于37.3 ℃"`, `"不低于38.0 ℃"`.
    ///
    /// ```
    /// use fangkong::observation::FeverRule;
    /// assert_eq!(FeverRule::default().display_zh().to_string(), "高于37.3 ℃");
    /// ```
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let word = match self.comparison {
            Comparison::Above => "高于",
            Comparison::AtOrAbove => "不低于",
        };
        format!("{word}{}", self.threshold)
    }
}

impl TestDay {
    /// The test day in Chinese: `"第3天"`, `"健康监测第2天"`.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        match self {
            TestDay::Observation(d) => format!("第{d}天"),
            TestDay::FollowOn(d) => format!("健康监测第{d}天"),
        }
    }
}

impl AlertCause {
    /// What raised the alert, in Chinese: `"体温37.6 ℃，高于37.3 ℃"`, `"报告干咳、乏力"`,
    /// `"2020-01-27采样的检测结果为阳性"`.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        match self {
            AlertCause::Fever { reading, rule } => {
                format!("体温{}，{}", reading.temperature, rule.display_zh())
            }
            AlertCause::Symptoms { symptoms, .. } => {
                let names: Vec<&str> = symptoms.iter().map(|s| s.label_zh()).collect();
                format!("报告{}", names.join("、"))
            }
            AlertCause::PositiveTest { sampled } => format!("{sampled}采样的检测结果为阳性"),
        }
    }
}

impl Status {
    /// Where the observation stands, in Chinese: `"医学观察中"`, `"已于2020-02-04解除观察"`,
    /// `"已于2020-01-27转诊至县人民医院"`.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        match self {
            Status::UnderObservation => "医学观察中".to_owned(),
            Status::FollowOnMonitoring { until } => {
                format!("已解除观察，健康监测至{until}")
            }
            Status::Released {
                on,
                overridden: false,
            } => format!("已于{on}解除观察"),
            Status::Released {
                on,
                overridden: true,
            } => format!("已于{on}破例解除观察"),
            Status::Referred { on, hospital } => format!("已于{on}转诊至{hospital}"),
            Status::TransferredOut { on, to } => format!("已于{on}转出至{to}"),
            Status::Ended { on, reason } => format!("已于{on}终止观察：{}", reason.label_zh()),
        }
    }
}

fn on_day(n: i64, day: crate::calendar::Day) -> String {
    format!("第{n}天（{day}）")
}

impl Reason {
    /// The reason in Chinese, a sentence a cadre can read out; the same facts as `Display`.
    ///
    /// ```
    /// use fangkong::observation::Reason;
    /// let r = Reason::PeriodComplete { length: 14, last_day: "2020-02-03".parse()? };
    /// assert_eq!(r.display_zh().to_string(), "14天观察期已于2020-02-03（第14天）届满");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let missed_list = |missed: &[super::MissedCheck]| {
            missed
                .iter()
                .map(|m| format!("{} {}", m.day, m.slot))
                .collect::<Vec<_>>()
                .join("、")
        };
        match self {
            Reason::PeriodNotOver {
                day_number,
                length,
                earliest,
                ..
            } if *day_number >= 1 => {
                format!("观察期{length}天，今天是第{day_number}天，仍在观察中；{earliest}起可解除")
            }
            Reason::PeriodNotOver {
                day,
                day_number,
                length,
                earliest,
            } => format!("{day}是第{day_number}天，{length}天观察期尚未开始；{earliest}起可解除"),
            Reason::PeriodComplete { length, last_day } => {
                format!("{length}天观察期已于{last_day}（第{length}天）届满")
            }
            Reason::OpenAlert {
                number,
                raised_at,
                cause,
            } => format!(
                "第{number}号预警（{raised_at}发出，{}）尚未处理：请转诊定点医院，或由医务人员\
                 写明理由后排除",
                cause.display_zh()
            ),
            Reason::NoOpenAlert => "没有未处理的预警".to_owned(),
            Reason::TooManyMissedChecks { missed, tolerance } => format!(
                "漏测{}次，超过方案允许的{tolerance}次：{}",
                missed.len(),
                missed_list(missed)
            ),
            Reason::ChecksWithinTolerance { missed, .. } if missed.is_empty() => {
                "没有漏测".to_owned()
            }
            Reason::ChecksWithinTolerance { missed, tolerance } => format!(
                "漏测{}次，在方案允许的{tolerance}次以内：{}",
                missed.len(),
                missed_list(missed)
            ),
            Reason::TestMissing { test, day } => format!(
                "方案要求在{}（{day}）采样检测，但没有采样",
                test.display_zh()
            ),
            Reason::TestPending {
                day_number,
                sampled,
            } => format!("{}采样的检测尚未出结果", on_day(*day_number, *sampled)),
            Reason::TestPositive {
                day_number,
                sampled,
            } => format!("{}采样的检测结果为阳性", on_day(*day_number, *sampled)),
            Reason::TestNegative {
                day_number,
                sampled,
            } => format!("{}采样的检测结果为阴性", on_day(*day_number, *sampled)),
            Reason::NoNegativeTestFrom { from_day, from } => {
                format!("第{from_day}天（{from}）及以后没有阴性检测结果")
            }
            Reason::NegativeTestFrom {
                from_day,
                day_number,
                sampled,
            } => format!(
                "{}采样的检测结果为阴性，在第{from_day}天或以后",
                on_day(*day_number, *sampled)
            ),
            Reason::TooFewNegativeTests {
                required,
                found,
                through_day,
                through,
            } => format!(
                "第1至{through_day}天（至{through}）要求{required}次不同日的阴性检测，只记录了{found}次"
            ),
            Reason::EnoughNegativeTests {
                required,
                through_day,
            } => format!("第1至{through_day}天已有{required}次不同日的阴性检测"),
            Reason::NotUnderObservation { status } => {
                format!("此人已不在医学观察中：{}", status.display_zh())
            }
        }
    }
}

impl ReleaseDecision {
    /// The decision in Chinese: `"可以解除：…"`, `"暂不解除：…"`, `"不能解除：…"`, then every
    /// reason ([`Reason::display_zh`]) separated by `"；"`. `Display` gives the same in English.
    ///
    /// ```
    /// use fangkong::{Instant, UtcOffset};
    /// use fangkong::observation::{Observation, Opening, OpeningBasis, Protocol, evaluate_release};
    /// let opening = Opening::new(
    ///     Protocol::returnee_jan2020(),
    ///     "2020-01-20".parse()?,
    ///     "2020-01-24T10:00:00+08:00".parse::<Instant>()?,
    ///     UtcOffset::CHINA,
    ///     OpeningBasis::Screening { rule: "wuhan".into() },
    /// );
    /// let obs = Observation::open(opening)?;
    /// let decision = evaluate_release(&obs, "2020-01-24".parse()?);
    /// assert_eq!(decision.display_zh().to_string(), "暂不解除：观察期14天，今天是第4天，仍在观察中；2020-02-04起可解除");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        let word = match self {
            ReleaseDecision::Release { .. } => "可以解除",
            ReleaseDecision::NotYet { .. } => "暂不解除",
            ReleaseDecision::Blocked { .. } => "不能解除",
        };
        let reasons: Vec<String> = self
            .reasons()
            .iter()
            .map(|r| r.display_zh().to_string())
            .collect();
        format!("{word}：{}", reasons.join("；"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::MissedCheck;
    use super::*;
    use crate::test_support::day;

    #[test]
    fn missed_checks_are_listed_in_chinese() {
        let missed = vec![
            MissedCheck {
                day: day("2020-01-21"),
                slot: "morning".into(),
            },
            MissedCheck {
                day: day("2020-01-22"),
                slot: "evening".into(),
            },
        ];
        let blocked = ReleaseDecision::Blocked {
            reasons: vec![Reason::TooManyMissedChecks {
                missed: missed.clone(),
                tolerance: 1,
            }],
        };
        assert_eq!(
            blocked.display_zh().to_string(),
            "不能解除：漏测2次，超过方案允许的1次：2020-01-21 morning、2020-01-22 evening"
        );
        let within = Reason::ChecksWithinTolerance {
            missed,
            tolerance: 2,
        };
        assert_eq!(
            within.display_zh().to_string(),
            "漏测2次，在方案允许的2次以内：2020-01-21 morning、2020-01-22 evening"
        );
    }
}
