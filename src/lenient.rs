//! Lenient reading of days as spreadsheets and clerks write them.

use crate::calendar::Day;
use crate::mask::MaskedText;
use crate::value_error::ValueError;

impl Day {
    /// Reads a day in the forms a spreadsheet or a clerk writes: `2020-01-24`, `2020/1/24`,
    /// `2020-1-24`, `2020.1.24`, `2020年1月24日` (the `日` may be left out), `20200124`, with
    /// surrounding spaces (full-width ones too) and full-width digits (２０２０/１/２４).
    ///
    /// [`Day`]'s `FromStr` stays the one canonical form, `YYYY-MM-DD`, that serde goes through;
    /// use this for text typed by people.
    ///
    /// ```
    /// use fangkong::Day;
    /// let day: Day = "2020-01-24".parse()?;
    /// for text in ["2020/1/24", " 2020-1-24 ", "2020.1.24", "2020年1月24日", "20200124"] {
    ///     assert_eq!(Day::parse_lenient(text)?, day);
    /// }
    /// assert_eq!(
    ///     Day::parse_lenient("24/1/2020").unwrap_err().to_string(),
    ///     "\"24/1/2020\" is not a day: write it like 2020-01-24, 2020/1/24, 2020-1-24, \
    ///      2020.1.24, 2020年1月24日 or 20200124"
    /// );
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// - [`ValueError::InvalidLenientDay`](crate::value_error::ValueError::InvalidLenientDay) for any other form (`24/1/2020`, `2020/1/24/`, `2020-01`,
    ///   `2020/01-24` with mixed separators, `2020年1月`), or a date that does not exist
    ///   (`2021/2/29`); the message quotes at most 40 characters of the text, identity and phone
    ///   numbers masked;
    /// - [`ValueError::DayOutsideRange`](crate::value_error::ValueError::DayOutsideRange) for a day before 1800.
    pub fn parse_lenient(text: &str) -> Result<Day, ValueError> {
        let bad = || ValueError::InvalidLenientDay {
            input: MaskedText::truncated(text, 40),
        };
        // Full-width digits and punctuation to ASCII.
        let s: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
                '／' => '/',
                '－' => '-',
                '．' => '.',
                other => other,
            })
            .collect();
        let (y, m, d) = if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
            (&s[0..4], &s[4..6], &s[6..8])
        } else if let Some(rest) = s.split_once('年') {
            let (y, rest) = rest;
            let (m, d) = rest.split_once('月').ok_or_else(bad)?;
            let d = d
                .strip_suffix('日')
                .or_else(|| d.strip_suffix('号'))
                .unwrap_or(d);
            (y.trim(), m.trim(), d.trim())
        } else {
            let sep = ['-', '/', '.']
                .into_iter()
                .find(|c| s.contains(*c))
                .ok_or_else(bad)?;
            let mut parts = s.split(sep);
            match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some(y), Some(m), Some(d), None) => (y, m, d),
                _ => return Err(bad()),
            }
        };
        let number = |t: &str, max_len: usize| -> Option<u32> {
            (!t.is_empty() && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        };
        let (year, month, day) = match (number(y, 4), number(m, 2), number(d, 2)) {
            (Some(year), Some(month), Some(day)) if y.len() == 4 => (year, month, day),
            _ => return Err(bad()),
        };
        let date = chrono::NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(bad)?;
        Day::try_from_chrono(date).map_err(|_| ValueError::DayOutsideRange {
            input: MaskedText::truncated(text, 40),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn day(s: &str) -> Day {
        s.parse().unwrap()
    }

    #[test]
    fn spreadsheet_forms_read_as_the_same_day() {
        let want = day("2020-01-24");
        for text in [
            "2020-01-24",
            "2020/1/24",
            "2020/01/24",
            "2020-1-24",
            "2020.1.24",
            "2020年1月24日",
            "2020年01月24日",
            "2020年1月24",
            "2020年1月24号",
            "20200124",
            "  2020/1/24\t",
            "\u{3000}2020年1月24日\u{3000}",
            "２０２０/１/２４",
        ] {
            assert_eq!(Day::parse_lenient(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn other_forms_are_refused_with_the_text_quoted_and_masked() {
        for text in [
            "",
            "24/1/2020",
            "2020/1/24/",
            "2020-01",
            "2020/01-24",
            "2020年1月",
            "2021/2/29",
            "2020/13/1",
            "20/1/24",
            "2020/001/24",
            "2020 1 24",
            "2020/+1/24",
            "yesterday",
        ] {
            assert!(
                matches!(
                    Day::parse_lenient(text),
                    Err(ValueError::InvalidLenientDay { .. })
                ),
                "{text:?}"
            );
        }
        let err = Day::parse_lenient("13807311234").unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"138****1234\" is not a day: write it like 2020-01-24, 2020/1/24, 2020-1-24, \
             2020.1.24, 2020年1月24日 or 20200124"
        );
        assert!(!format!("{err:?}").contains("13807311234"));
        assert!(matches!(
            Day::parse_lenient("1799/12/31"),
            Err(ValueError::DayOutsideRange { .. })
        ));
    }

    #[test]
    fn the_canonical_parser_stays_strict() {
        assert!("2020/1/24".parse::<Day>().is_err());
        assert!("20200124".parse::<Day>().is_err());
    }
}
