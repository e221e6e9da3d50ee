//! The value layer's own error (值错误): what is wrong with a value given as text or built
//! from parts (a day, an instant, a time of day or UTC offset, an id, a hash, a division or
//! statistical code, an identity number, a phone number, a label, a free text beyond its
//! limits). The values' parsers (`FromStr` of [`Day`], [`Instant`], the ids, [`IdentityNumber`],
//! [`Phone`], [`DivisionCode`], the labels…) return it, so the value layer imports no domain
//! module; [`Error::Value`](crate::Error::Value) wraps it, so `?` turns it into the crate's
//! error.
//!
//! [`IdentityNumber`]: crate::IdentityNumber
//! [`Phone`]: crate::Phone
//! [`DivisionCode`]: crate::place::DivisionCode

use std::fmt;

use crate::calendar::Day;
use crate::calendar::Instant;
use crate::mask::MaskedText;
use crate::mask::mask_personal_data;

/// Gives an error enum its `code()` and `CODES` from one list: each variant with its stable
/// code. The match is exhaustive, so a new variant does not compile until it has its code.
macro_rules! error_codes {
    ($name:ident { $($variant:ident => $code:literal,)* }) => {
        impl $name {
            /// The error's stable code (错误代码): the variant's name in `snake_case`. Codes
            /// never change once released and are never reused; the ledger keeps them in
            /// refusals ([`Error::code`](crate::Error::code) gives the same code for the
            /// wrapped error).
            // `{ .. }` matches every kind of variant; a unit variant does not need it.
            #[allow(clippy::unneeded_struct_pattern)]
            pub fn code(&self) -> &'static str {
                match self {
                    $($name::$variant { .. } => $code,)*
                }
            }

            /// Every code [`code`](Self::code) can give, in the order of the variants.
            pub const CODES: &'static [&'static str] = &[$($code,)*];
        }
    };
}
pub(crate) use error_codes;

/// A value that is not well formed (值错误): the error of the values' parsers and checks.
///
/// Every message names the value concerned; identity numbers and phone numbers appear only
/// masked. Wrapped by [`Error::Value`](crate::Error::Value); its codes are the crate's
/// ([`Error::code`](crate::Error::code)). New variants may be added in minor releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValueError {
    /// A day that is not a calendar date in `YYYY-MM-DD` form.
    #[error("{input:?} is not a calendar day written YYYY-MM-DD, such as 2020-01-24")]
    InvalidDay {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// Counting days went beyond the supported calendar.
    #[error("{days} days from {day} lies outside the supported calendar")]
    DayOutOfRange {
        /// The day counted from.
        day: Day,
        /// The number of days added.
        days: i64,
    },
    /// A time of day that is not `HH:MM` with `HH` < 24 and `MM` < 60.
    #[error("{input:?} is not a time of day written HH:MM, such as 06:30")]
    InvalidTimeOfDay {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// An instant that is not an RFC 3339 date and time with an offset.
    #[error(
        "{input:?} is not a date and time with a UTC offset, such as 2020-01-24T08:30:00+08:00"
    )]
    InvalidInstant {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// A UTC offset of a day or more.
    #[error(
        "a UTC offset of {} seconds is not a time zone; it must be a whole number of minutes, less than a day",
        mask_personal_data(&seconds.to_string())
    )]
    InvalidUtcOffset {
        /// The offset as given, in seconds east of UTC.
        seconds: i32,
    },
    /// An identifier without its prefix letter or number.
    #[error("{input:?} is not a {what} identifier; write it like {example}")]
    InvalidId {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
        /// What kind of identifier was expected.
        what: &'static str,
        /// A well-formed example.
        example: &'static str,
    },
    /// A hash that is not 64 hexadecimal digits.
    #[error("{input:?} is not a SHA-256 hash of 64 hexadecimal digits")]
    InvalidHash {
        /// The text as given (at most 80 characters), masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// Empty required text.
    #[error("{what} is empty")]
    EmptyText {
        /// Which text.
        what: &'static str,
    },
    /// A free text longer than its kind allows ([`limits`](crate::limits)). The text itself
    /// is not repeated: it may be very long, or hold personal data.
    #[error(
        "{what} has {chars} characters, more than the {max} allowed: shorten it to {max} characters or fewer"
    )]
    TextTooLong {
        /// Which text, e.g. "the household's address".
        what: String,
        /// How many characters it has.
        chars: usize,
        /// The most it may have.
        max: usize,
    },
    /// A control character in a free text ([`limits`](crate::limits)): none in names,
    /// addresses and titles; only tabs and line breaks in notes and reasons. The text itself is
    /// not repeated.
    #[error(
        "{what} holds an invisible control character (U+{code:04X}) at character {position}: retype it without that character (only notes and reasons may hold tabs and line breaks)"
    )]
    ControlCharacterInText {
        /// Which text, e.g. "the resident's name".
        what: String,
        /// The character's code point (9 for a tab, 13 for a carriage return).
        code: u32,
        /// Where it is: its position in the text, counting characters from 1.
        position: usize,
    },
    /// An identity number (居民身份证号码) that has neither 18 characters nor 15 (the length on
    /// first-generation cards).
    #[error(
        "identity number {masked} has {len} characters; a resident identity number has 18 (or 15 on first-generation cards)"
    )]
    IdentityNumberLength {
        /// The number as given, masked (first and last 4 characters kept from 12 characters up).
        masked: String,
        /// How many characters were given, after trimming surrounding whitespace.
        len: usize,
    },
    /// The text given to [`IdentityNumber::check_character`](crate::IdentityNumber::check_character)
    /// is not 17 characters long.
    #[error(
        "{masked} has {len} characters; a check character is computed from exactly the first 17 digits of an identity number"
    )]
    IdentityNumberPrefixLength {
        /// The text as given, masked.
        masked: String,
        /// How many characters were given.
        len: usize,
    },
    /// An identity number with something other than a digit where a digit belongs, or an `X`
    /// anywhere but as the 18th character.
    #[error(
        "identity number {masked} has {found:?} at position {position}; only digits are allowed there, and X only as the 18th character"
    )]
    IdentityNumberCharacter {
        /// The number as given, masked.
        masked: String,
        /// The position of the first wrong character, counting from 1.
        position: usize,
        /// The wrong character.
        found: char,
    },
    /// An identity number whose positions 7 to 14 (the birth date, YYYYMMDD) are not a calendar
    /// date. The digits themselves are personal data and are not repeated.
    #[error("identity number {masked} does not contain a real birth date in positions 7 to 14")]
    IdentityNumberBirthDate {
        /// The number as given, masked.
        masked: String,
    },
    /// An identity number whose last character does not match the ISO 7064 MOD 11-2 check
    /// character of its first 17 digits.
    #[error(
        "identity number {masked} ends in check character {found}, but its first 17 digits give {expected}: one of the digits was probably copied wrong"
    )]
    IdentityNumberCheckDigit {
        /// The number as given, masked.
        masked: String,
        /// The check character the first 17 digits call for.
        expected: char,
        /// The check character given (upper case).
        found: char,
    },
    /// A phone number (联系电话) that is neither a Chinese mobile number nor a landline number
    /// with its area code.
    #[error("phone number {masked} is not valid: {reason}")]
    InvalidPhone {
        /// The number as given, masked (first 3 and last 4 characters kept from 11 characters
        /// up).
        masked: String,
        /// What is wrong, as a sentence fragment a clerk can act on.
        reason: &'static str,
    },
    /// A division code (行政区划代码) that is not six digits `PPCCDD` in the GB/T 2260 form.
    #[error("{input:?} is not a division code (行政区划代码): {reason}")]
    InvalidDivisionCode {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
        /// What is wrong with it.
        reason: String,
        /// The same in Chinese.
        reason_zh: String,
    },
    /// A statistical division code (统计用区划代码) that is not twelve digits in the NBS form.
    #[error("{input:?} is not a statistical division code (统计用区划代码): {reason}")]
    InvalidStatisticalCode {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
        /// What is wrong with it.
        reason: String,
        /// The same in Chinese.
        reason_zh: String,
    },
    /// A label (a mode, outcome, form of accountability…) that is not one of its names.
    #[error("{input:?} is not a {what}; write one of: {expected}")]
    UnknownLabel {
        /// What kind of label was expected, e.g. "mode of inspection".
        what: &'static str,
        /// The text as given.
        input: String,
        /// The accepted names, English and Chinese.
        expected: String,
    },
    /// The registry cannot number any more records of a kind.
    #[error("the registry cannot number any more {what}")]
    TooManyRecords {
        /// What, e.g. "inspections".
        what: &'static str,
    },
    /// Counts added together that no longer fit their numbers (a county's sum of counts read
    /// from files): refused rather than held at the largest number.
    #[error("the {what} added together are too large to count")]
    CountsTooLarge {
        /// What was added, e.g. "publicity counts".
        what: &'static str,
    },
    /// A calendar day outside the days fangkong supports, [`Day::MIN`] to [`Day::MAX`].
    #[error(
        "{input:?} is outside the days fangkong can record: a day must lie from {} to {}",
        Day::MIN,
        Day::MAX
    )]
    DayOutsideRange {
        /// The day as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// An instant outside the instants fangkong records, [`Instant::MIN`] to [`Instant::MAX`].
    #[error(
        "{input:?} is outside the times fangkong can record: a date and time must lie from {} to {}",
        Instant::MIN,
        Instant::MAX
    )]
    InstantOutsideRange {
        /// The instant as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// A UTC offset that is not written `±HH:MM` (or `Z`), less than a day.
    #[error("{input:?} is not a UTC offset written ±HH:MM, such as +08:00")]
    InvalidUtcOffsetText {
        /// The text as given, masked ([`MaskedText`]).
        input: MaskedText,
    },
    /// A day written in none of the forms a spreadsheet writes ([`Day::parse_lenient`]).
    #[error(
        "{input:?} is not a day: write it like 2020-01-24, 2020/1/24, 2020-1-24, 2020.1.24, \
         2020年1月24日 or 20200124"
    )]
    InvalidLenientDay {
        /// The text as given (at most 40 characters), masked ([`MaskedText`]).
        input: MaskedText,
    },
}

error_codes! {
    ValueError {
            InvalidDay => "invalid_day",
            DayOutOfRange => "day_out_of_range",
            InvalidTimeOfDay => "invalid_time_of_day",
            InvalidInstant => "invalid_instant",
            InvalidUtcOffset => "invalid_utc_offset",
            InvalidId => "invalid_id",
            InvalidHash => "invalid_hash",
            EmptyText => "empty_text",
            TextTooLong => "text_too_long",
            ControlCharacterInText => "control_character_in_text",
            IdentityNumberLength => "identity_number_length",
            IdentityNumberPrefixLength => "identity_number_prefix_length",
            IdentityNumberCharacter => "identity_number_character",
            IdentityNumberBirthDate => "identity_number_birth_date",
            IdentityNumberCheckDigit => "identity_number_check_digit",
            InvalidPhone => "invalid_phone",
            InvalidDivisionCode => "invalid_division_code",
            InvalidStatisticalCode => "invalid_statistical_code",
            UnknownLabel => "unknown_label",
            TooManyRecords => "too_many_records",
            CountsTooLarge => "counts_too_large",
            DayOutsideRange => "day_outside_range",
            InstantOutsideRange => "instant_outside_range",
            InvalidUtcOffsetText => "invalid_utc_offset_text",
            InvalidLenientDay => "invalid_lenient_day",
    }
}

impl ValueError {
    /// The message in Chinese (中文), for clerks who read Chinese; `Display` gives it in
    /// English. Identity and phone numbers are masked exactly as in the English message.
    pub fn display_zh(&self) -> impl fmt::Display + use<> {
        self.zh()
    }

    fn zh(&self) -> String {
        use ValueError::*;
        match self {
            InvalidDay { input } => {
                format!("“{input}”不是按YYYY-MM-DD书写的日期，例如2020-01-24")
            }
            DayOutOfRange { day, days } => format!("从{day}起{days}天超出了支持的日历范围"),
            InvalidTimeOfDay { input } => format!("“{input}”不是按HH:MM书写的时刻，例如06:30"),
            InvalidInstant { input } => {
                format!("“{input}”不是带UTC时差的日期时间，例如2020-01-24T08:30:00+08:00")
            }
            InvalidUtcOffset { seconds } => format!(
                "{}秒的UTC时差不是时区：必须是整分钟数，且小于一天",
                mask_personal_data(&seconds.to_string())
            ),
            InvalidId {
                input,
                what,
                example,
            } => format!("“{input}”不是{}编号，应写成{example}这样", zh_or_en(what)),
            InvalidHash { input } => format!("“{input}”不是64位十六进制的SHA-256哈希"),
            EmptyText { what } => format!("{}为空", zh_or_en(what)),
            TextTooLong { what, chars, max } => {
                format!(
                    "{}有{chars}个字符，超过上限{max}个：请缩短到{max}个字符以内",
                    zh_or_en(what)
                )
            }
            ControlCharacterInText {
                what,
                code,
                position,
            } => format!(
                "{}第{position}个字符是不可见的控制字符（U+{code:04X}）：请去掉该字符后重新输入（只有备注和理由可以含制表符和换行）",
                zh_or_en(what)
            ),
            IdentityNumberLength { masked, len } => {
                format!("身份证号{masked}有{len}位；居民身份证号为18位（第一代身份证为15位）")
            }
            IdentityNumberPrefixLength { masked, len } => {
                format!("{masked}有{len}位；校验码只能由身份证号的前17位数字算出")
            }
            IdentityNumberCharacter {
                masked,
                position,
                found,
            } => format!(
                "身份证号{masked}第{position}位是{found:?}；该位只能是数字，X只能作为第18位"
            ),
            IdentityNumberBirthDate { masked } => {
                format!("身份证号{masked}第7至14位不是真实的出生日期")
            }
            IdentityNumberCheckDigit {
                masked,
                expected,
                found,
            } => format!(
                "身份证号{masked}的校验码是{found}，但前17位算出的是{expected}：可能抄错了某一位"
            ),
            InvalidPhone { masked, reason } => {
                format!("电话号码{masked}无效：{}", phone_reason_zh(reason))
            }
            InvalidDivisionCode {
                input, reason_zh, ..
            } => {
                format!("“{input}”不是行政区划代码：{reason_zh}")
            }
            InvalidStatisticalCode {
                input, reason_zh, ..
            } => {
                format!("“{input}”不是统计用区划代码：{reason_zh}")
            }
            UnknownLabel {
                what,
                input,
                expected,
            } => format!("“{input}”不是{}；请写以下之一：{expected}", zh_or_en(what)),
            TooManyRecords { what } => format!("登记簿无法再为{}编号", zh_or_en(what)),
            CountsTooLarge { what } => format!("{}相加后过大，无法计数", zh_or_en(what)),
            DayOutsideRange { input } => format!(
                "“{input}”超出了可记录的日期范围：日期必须在{}至{}之间",
                Day::MIN,
                Day::MAX
            ),
            InstantOutsideRange { input } => format!(
                "“{input}”超出了可记录的时间范围：日期时间必须在{}至{}之间",
                Instant::MIN,
                Instant::MAX
            ),
            InvalidUtcOffsetText { input } => {
                format!("“{input}”不是按±HH:MM书写的UTC时差，例如+08:00")
            }
            InvalidLenientDay { input } => format!(
                "“{input}”不是日期：请写成2020-01-24、2020/1/24、2020-1-24、2020.1.24、\
                 2020年1月24日或20200124"
            ),
        }
    }
}

/// The Chinese of a phone number's reason (the fragments of `identity::phone_reason`); a
/// reason not known here is given as it is.
fn phone_reason_zh(reason: &str) -> String {
    let zh = match reason {
        "it contains no digits" => "没有数字",
        "only digits, spaces, hyphens, brackets around the area code and a leading +86 are allowed" => {
            "只能有数字、空格、连字符、区号外的括号和开头的+86"
        }
        "only Chinese numbers are accepted: after + or 00 the country code must be 86" => {
            "只接受中国号码：+或00后的国家代码必须是86"
        }
        "after +86 only a mobile number is accepted; write a landline with its area code, such as 0739-5221234" => {
            "+86后只接受手机号码；固定电话请写区号，如0739-5221234"
        }
        "a mobile number has 11 digits starting with 13 to 19, such as 138 0731 1234" => {
            "手机号码为11位，以13至19开头，如138 0731 1234"
        }
        "a landline needs its area code, which starts with 0, such as 0739-5221234" => {
            "固定电话需要以0开头的区号，如0739-5221234"
        }
        "the area code is not valid: 010 and 020 to 029 have 3 digits, other area codes have 4 digits starting with 03 to 09" => {
            "区号无效：010和020至029为3位，其他区号为4位，以03至09开头"
        }
        "a landline has a 7- or 8-digit local number after the area code, not starting with 0 or 1" => {
            "固定电话区号后为7位或8位本地号码，不以0或1开头"
        }
        "brackets may only enclose the area code at the start, as in (0739)5221234" => {
            "括号只能括住开头的区号，如(0739)5221234"
        }
        other => return other.to_owned(),
    };
    zh.to_owned()
}

/// The Chinese of a field or kind named in a message; one not known here is given as it is.
pub(crate) fn field_zh(what: &str) -> String {
    match what {
        "phone" => "电话".to_owned(),
        "identity number" => "身份证号码".to_owned(),
        "household" => "户".to_owned(),
        "resident" => "居民".to_owned(),
        "unit" => "单位".to_owned(),
        "group" => "组".to_owned(),
        other => other.to_owned(),
    }
}

/// A visitor for [`deserialize_parsed`]: takes text, refuses numbers with a masked message.
struct TextVisitor {
    expected: &'static str,
}

impl TextVisitor {
    /// Refuses a number with a message that masks it.
    fn refuse_number<T, E: serde::de::Error>(&self, text: &str) -> Result<T, E> {
        Err(E::invalid_type(
            serde::de::Unexpected::Other(&format!("number {}", mask_personal_data(text))),
            &self.expected,
        ))
    }
}

impl<'de> serde::de::Visitor<'de> for TextVisitor {
    type Value = std::borrow::Cow<'de, str>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Borrowed(v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.refuse_number(&v.to_string())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.refuse_number(&v.to_string())
    }

    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Self::Value, E> {
        self.refuse_number(&v.to_string())
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Self::Value, E> {
        self.refuse_number(&v.to_string())
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.refuse_number(&v.to_string())
    }
}

/// Deserializes a value stored as text through its parser (`FromStr`), so nothing can be
/// deserialized around validation, and so that no error quotes personal data: the parser's
/// errors are masked ([`MaskedText`]), and a number where text belongs is masked too (serde's
/// own message would quote it in full: ``invalid type: integer `13812345678` ``).
///
/// Reads with `deserialize_any`: stored values are JSON.
pub(crate) fn deserialize_parsed<'de, D, T>(d: D, expected: &'static str) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    let text = d.deserialize_any(TextVisitor { expected })?;
    text.parse().map_err(serde::de::Error::custom)
}

/// A visitor for [`deserialize_integer`].
struct IntegerVisitor {
    expected: &'static str,
}

impl IntegerVisitor {
    fn refuse<E: serde::de::Error>(&self, what: &str, text: &str) -> E {
        E::invalid_type(
            serde::de::Unexpected::Other(&format!("{what} {}", mask_personal_data(text))),
            &self.expected,
        )
    }
}

impl<'de> serde::de::Visitor<'de> for IntegerVisitor {
    type Value = i128;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<i128, E> {
        Ok(i128::from(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<i128, E> {
        Ok(i128::from(v))
    }

    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<i128, E> {
        Ok(v)
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<i128, E> {
        i128::try_from(v).map_err(|_| self.refuse("number", &v.to_string()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<i128, E> {
        Err(self.refuse("number", &v.to_string()))
    }

    /// Digits as text are read too: JSON writes the keys of a map as text.
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<i128, E> {
        let digits = v.strip_prefix('-').unwrap_or(v);
        let is_number =
            !digits.is_empty() && digits.len() <= 30 && digits.bytes().all(|b| b.is_ascii_digit());
        if let (true, Ok(n)) = (is_number, v.parse()) {
            return Ok(n);
        }
        Err(self.refuse("text", &format!("{v:?}")))
    }
}

/// Deserializes a whole number stored as a JSON number, refusing anything else with a message
/// that masks it; the caller checks the range with [`out_of_range`].
pub(crate) fn deserialize_integer<'de, D>(d: D, expected: &'static str) -> Result<i128, D::Error>
where
    D: serde::Deserializer<'de>,
{
    d.deserialize_any(IntegerVisitor { expected })
}

/// The error for a stored whole number outside its range, masked.
pub(crate) fn out_of_range<E: serde::de::Error>(n: i128, expected: &'static str) -> E {
    E::invalid_value(
        serde::de::Unexpected::Other(&format!("number {}", mask_personal_data(&n.to_string()))),
        &expected,
    )
}

/// The Chinese of an English term or phrase the crate writes into its messages: a kind of id,
/// a label's kind, a text's name, a kind of record, an action on a ledger entry. `None` for one
/// not listed here, which a Chinese message then gives as it is.
pub(crate) fn term_zh(en: &str) -> Option<&'static str> {
    Some(match en {
        // what counts added together name
        "publicity counts" => "宣传统计",
        "supervision figures" => "督查数字",
        "accountability counts" => "问责统计",
        // what publicity's commands name (the shared errors quote them)
        "the households of a delivery" => "入户发放的户",
        "the route of an outing" => "出车路线",
        "the times of a broadcast" => "广播时间",
        "the units a campaign covers" => "宣传活动覆盖的单位",
        "the copies delivered to a household" => "每户发放份数",
        "the posters or slogans put up" => "张贴数量",
        "the reach of a message" => "信息覆盖人数",
        "the outing" => "出车",
        "the broadcast" => "广播",
        "the broadcast loop" => "循环广播",
        "the message" => "信息",
        "the delivery" => "入户发放",
        "the posting" => "张贴",
        "the campaign" => "宣传活动",
        "the campaign's title" => "宣传活动的标题",
        "kind of publicity" => "宣传方式",
        "the English name of the kind of publicity" => "宣传方式的英文名称",
        "the Chinese name of the kind of publicity" => "宣传方式的中文名称",
        "the group the message went to" => "信息发送的群",
        "the place the posters were put up" => "张贴地点",
        // publicity's forms (`publicity::Form`'s English names)
        "delivery to households" => "入户发放",
        "outing" => "出车",
        "broadcast" => "广播",
        "message" => "信息推送",
        "posting" => "张贴",
        // kinds of id (`ids.rs`), and what runs out of numbers
        "unit" | "units" => "单位",
        "staff member" | "staff" => "工作人员",
        "household" | "households" => "户",
        "resident" | "residents" => "居民",
        "screening round" | "screening rounds" => "排查轮次",
        "observation" | "observations" => "医学观察",
        "gathering order" | "gathering orders" => "聚集禁令",
        "planned gathering" | "planned gatherings" => "计划聚集",
        "persuasion record" | "persuasion records" => "劝导记录",
        "venue" | "venues" => "场所",
        "venue closure order" | "venue closure orders" => "场所关停令",
        "venue reopening order" | "venue reopening orders" => "场所复业令",
        "venue violation" | "venue violations" => "场所违规记录",
        "inspection" | "inspections" => "督查",
        "finding" | "findings" => "问题",
        "accountability decision" | "accountability decisions" => "问责决定",
        // kinds of label (`labels!` and each module's label enums)
        "basis of day 0" => "第0天的依据",
        "day-0 anchor" => "第0天的起算",
        "duty" => "职责",
        "fever comparison" => "发热比较方式",
        "kind of phone number" => "电话类型",
        "kind of supply" => "物资类型",
        "kind of township" => "乡镇类型",
        "kind of unit" => "单位类型",
        "kind of village" => "村类型",
        "language" => "语言",
        "level of division" => "区划级别",
        "method of measurement" => "测量方式",
        "place of observation" => "观察地点",
        "report status" => "报告状态",
        "reporter of a reading" => "体温报告人",
        "result of a visit" => "走访结果",
        "role" => "角色",
        "sex" => "性别",
        "statistical level" => "统计级别",
        "symptom" => "症状",
        "test result" => "检测结果",
        "way of counting a slot" => "时段计数方式",
        "kind of person bound" => "约束对象",
        "OxCGRT flag" => "OxCGRT范围标记",
        "OxCGRT indicator" => "OxCGRT指标",
        "persuasion outcome" => "劝导结果",
        "kind of restriction" => "限制类型",
        "mode of inspection" => "督查方式",
        "checklist outcome" => "检查结果",
        "form of accountability on an organisation" => "对组织的问责方式",
        "manner of admonition" => "诫勉方式",
        "form of organisational handling" => "组织处理方式",
        "government sanction" => "政务处分",
        "category of accountability" => "问责类别",
        "form of accountability on a cadre" => "对干部的问责方式",
        "party discipline" => "党纪处分",
        "reason for deregistration" => "注销原因",
        "risk level" => "风险等级",
        "kind of gathering" => "聚集类型",
        "kind of venue" => "场所类型",
        // texts checked against their limits
        "a name" => "名称",
        "a note" => "备注",
        "the English name of the kind of venue" => "场所类型的英文名称",
        "the Chinese name of the kind of venue" => "场所类型的中文名称",
        "the English name of the kind of gathering" => "聚集类型的英文名称",
        "the Chinese name of the kind of gathering" => "聚集类型的中文名称",
        "the basis of the observation" => "观察的依据",
        "the closure order's title" => "关停令的标题",
        "the finding" => "问题",
        "the grounds of the decision" | "the grounds of an accountability decision" => {
            "问责决定的依据"
        }
        "the home visit's note" => "走访备注",
        "the hospital" => "医院",
        "the household's address" => "户的地址",
        "the new exposure" => "新的暴露",
        "the new staff member's name" => "新工作人员的姓名",
        "the new unit's name" => "新单位的名称",
        "the order's title" => "禁令的标题",
        "the proposal's scheme" => "建议的方案",
        "the protocol's key" => "观察方案的代号",
        "the protocol's name" => "观察方案的名称",
        "the protocol's source" => "观察方案的出处",
        "the reason for ending the observation" | "the reason the observation ended" => {
            "结束观察的原因"
        }
        "the relation to the head" | "the relation to the head of the household (与户主关系)" => {
            "与户主关系"
        }
        "the reopening order's title" => "复业令的标题",
        "the report's note" => "报告的备注",
        "the resident's name" => "居民姓名",
        "the screening round's name" => "排查轮次的名称",
        "the screening round's list of units" => "排查轮次的单位列表",
        "the screening rule of the opening" => "开始观察所依据的排查规则",
        "the screening rule's name" => "排查规则的名称",
        "the symptom report's note" => "症状报告的备注",
        "the venue's name" => "场所名称",
        "what was found at the venue" => "在场所发现的情况",
        "the name of a checklist item" => "检查项目的名称",
        "the inspection" => "督查",
        "the explanation of a registration in error" => "错误登记的说明",
        "where the person is transferred" => "转往何处",
        "the reason for clearing the alert" => "解除预警的原因",
        "what the resident said of their symptoms" => "居民所述症状",
        // what is dated, counted or done
        "a reading" => "体温读数",
        "an observation period" => "观察期",
        "follow-on monitoring" => "后续监测",
        "read" => "读取",
        "replayed" => "重放",
        "exported" => "导出",
        "the order" => "禁令",
        "the planned gathering" => "计划的聚集",
        "people" => "人",
        "days" => "天",
        "rule" => "规则",
        "the staff member inspected" => "被督查的工作人员",
        "the person responsible" => "责任人",
        "the cadre held accountable" => "被问责的干部",
        _ => return None,
    })
}

/// [`term_zh`] of `en`, or `en` itself when it has no Chinese here.
pub(crate) fn zh_or_en(en: &str) -> &str {
    term_zh(en).unwrap_or(en)
}

/// Adds two counts of `what` (a u32 or u64 figure), refusing a total too large for its numbers
/// ([`ValueError::CountsTooLarge`]) instead of holding it at the largest number: the one sum
/// every count type a county adds (publicity counts, supervision figures, accountability
/// counts) uses.
pub(crate) fn add_counts<T>(a: T, b: T, what: &'static str) -> Result<T, ValueError>
where
    T: Into<u128> + TryFrom<u128>,
{
    T::try_from(a.into() + b.into()).map_err(|_| ValueError::CountsTooLarge { what })
}

#[cfg(test)]
mod add_counts_tests {
    use super::{ValueError, add_counts};

    #[test]
    fn counts_add_to_the_largest_number_and_a_larger_total_is_refused() {
        // Given counts at the edge of their numbers, then they add up to the largest number
        assert_eq!(add_counts(u32::MAX - 1, 1, "figures"), Ok(u32::MAX));
        assert_eq!(add_counts(u64::MAX - 1, 1, "figures"), Ok(u64::MAX));
        // and one more is refused, naming what was added, never held at the largest number
        let err = add_counts(u32::MAX, 1, "supervision figures").unwrap_err();
        assert_eq!(
            err,
            ValueError::CountsTooLarge {
                what: "supervision figures"
            }
        );
        assert!(add_counts(u64::MAX, u64::MAX, "publicity counts").is_err());
    }
}
