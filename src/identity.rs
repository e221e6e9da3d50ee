//! Personal identifiers: resident identity numbers and phone numbers.
//!
//! Both are personal information (个人信息, PIPL; DOMAIN.md §8). The types here keep them
//! out of sight by default:
//!
//! - `Display` and `Debug` print a masked form (`1101**********002X`, `138****1234`);
//! - every error carries the input already masked, never the raw text;
//! - the full value is reachable only through an explicit `reveal()` call, and through serde,
//!   which is persistence (the ledger stores the full value so that it can be replayed).
//!
//! So a log line, a panic message or an error shown to a clerk never leaks a full number by
//! accident; code that needs the full number says so where it reads it.

use std::fmt;
use std::num::NonZeroU64;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::calendar::Day;
use crate::label::labels;
use crate::value_error::ValueError;

/// Replaces the characters of `s` between the first `keep_start` and the last `keep_end` with
/// `*`, one star per character.
///
/// Counts characters, not bytes. When nothing would be left to hide (the text has at most
/// `keep_start + keep_end` characters), every character is replaced: the helper never returns
/// its input unchanged unless it is empty.
pub(crate) fn mask_middle(s: &str, keep_start: usize, keep_end: usize) -> String {
    let len = s.chars().count();
    if len <= keep_start.saturating_add(keep_end) {
        return "*".repeat(len);
    }
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if i < keep_start || i >= len - keep_end {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// Masks text that failed to parse, for an error message: the ends are kept only when the text
/// has at least `min_len` characters, otherwise every character is starred. Empty text is
/// written `(empty)` so that the message still reads.
fn mask_input(s: &str, keep_start: usize, keep_end: usize, min_len: usize) -> String {
    let len = s.chars().count();
    if len == 0 {
        "(empty)".to_owned()
    } else if len >= min_len {
        mask_middle(s, keep_start, keep_end)
    } else {
        "*".repeat(len)
    }
}

/// Sex (性别) as recorded in an identity number: the 17th digit is odd for men, even for women.
///
/// Serde writes `"male"` / `"female"`; `Display` prints the same English words.
///
/// ```
/// use fangkong::{IdentityNumber, Sex};
/// let id: IdentityNumber = "11010519491231002X".parse()?;
/// assert_eq!(id.sex(), Sex::Female);
/// assert_eq!(id.sex().to_string(), "female");
/// assert_eq!(id.sex().label_zh(), "女");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    /// Male (男).
    Male,
    /// Female (女).
    Female,
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

/// Weights of the first 17 digits in the ISO 7064 MOD 11-2 check (GB 11643-1999).
const CHECK_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each remainder 0..=10.
const CHECK_CHARACTERS: [u8; 11] = *b"10X98765432";

/// The check character of 17 ASCII digits.
fn check_of(first17: &[u8; 17]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(CHECK_WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK_CHARACTERS[(sum % 11) as usize]
}

/// The value of a run of ASCII digits.
fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

/// A resident identity number (居民身份证号码, GB 11643-1999), validated and masked.
///
/// Eighteen characters: a 6-digit address code (the county of household registration), the
/// birth date as `YYYYMMDD`, a 3-digit sequence number (odd for men, even for women) and an
/// ISO 7064 MOD 11-2 check character (`0`–`9` or `X`). Legacy 15-digit numbers from
/// first-generation cards are accepted and upgraded to 18 characters.
///
/// **Personal information.** `Display` and `Debug` show only the first and last 4 characters
/// (`1101**********002X`); the full number comes out only through [`IdentityNumber::reveal`]
/// and through serde (persistence: the ledger stores the full number so it can be replayed).
///
/// ```
/// use fangkong::{IdentityNumber, Sex};
/// let id: IdentityNumber = "11010519491231002x".parse()?;
/// assert_eq!(id.to_string(), "1101**********002X");
/// assert_eq!(format!("{id:?}"), "IdentityNumber(1101**********002X)");
/// assert_eq!(id.birth_date().to_string(), "1949-12-31");
/// assert_eq!(id.sex(), Sex::Female);
/// assert_eq!(id.address_code(), "110105");
///
/// // A first-generation 15-digit number is upgraded.
/// let old: IdentityNumber = "110105491231002".parse()?;
/// assert_eq!(old, id);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdentityNumber(
    /// The first 17 digits as a number, plus 1 (issue 14: 8 bytes, and an `Option` of it too,
    /// instead of 18 and 19). The check character follows from the digits, and their order is
    /// the order of the text (a fixed number of digits).
    NonZeroU64,
);

impl IdentityNumber {
    /// The check character (校验码) for the first 17 digits of an identity number, by ISO 7064
    /// MOD 11-2: `S = Σ aᵢ·Wᵢ` with weights `7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2`, then
    /// `S mod 11` = 0…10 gives `1 0 X 9 8 7 6 5 4 3 2`.
    ///
    /// ```
    /// use fangkong::IdentityNumber;
    /// assert_eq!(IdentityNumber::check_character("11010519491231002")?, 'X');
    /// assert_eq!(IdentityNumber::check_character("44052418800101001")?, '4');
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// - [`ValueError::IdentityNumberPrefixLength`](crate::value_error::ValueError::IdentityNumberPrefixLength) unless `first17` has exactly 17 characters, e.g.
    ///   the full 18-character number `11010519491231002X`;
    /// - [`ValueError::IdentityNumberCharacter`](crate::value_error::ValueError::IdentityNumberCharacter) for anything but a digit, e.g. `1101051949123100X`.
    ///
    /// The birth date is not checked here.
    pub fn check_character(first17: &str) -> Result<char, ValueError> {
        let len = first17.chars().count();
        if len != 17 {
            return Err(ValueError::IdentityNumberPrefixLength {
                masked: mask_input(first17, 4, 4, 12),
                len,
            });
        }
        let mut digits = [0u8; 17];
        for (position, (slot, c)) in digits.iter_mut().zip(first17.chars()).enumerate() {
            if !c.is_ascii_digit() {
                return Err(ValueError::IdentityNumberCharacter {
                    masked: mask_input(first17, 4, 4, 12),
                    position: position + 1,
                    found: c,
                });
            }
            *slot = c as u8;
        }
        Ok(char::from(check_of(&digits)))
    }

    /// The full 18-character number.
    ///
    /// **This returns personal information (个人信息).** Call it only where the full number is
    /// needed (a form filed with the health authority, a match against another register), never
    /// to log or display it; everywhere else use `Display` or [`IdentityNumber::masked`].
    ///
    /// ```
    /// use fangkong::IdentityNumber;
    /// let id: IdentityNumber = "110105491231002".parse()?;
    /// assert_eq!(id.reveal(), "11010519491231002X");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn reveal(&self) -> String {
        self.with_text(str::to_owned)
    }

    /// The 18 characters, ASCII digits and the check character.
    fn text(&self) -> [u8; 18] {
        let mut n = self.0.get() - 1;
        let mut first17 = [b'0'; 17];
        for slot in first17.iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
        }
        let mut full = [check_of(&first17); 18];
        full[..17].copy_from_slice(&first17);
        full
    }

    /// Calls `f` with the full number, without allocating (the record writer, serde).
    pub(crate) fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let text = self.text();
        // Always ASCII: digits and `X`.
        f(std::str::from_utf8(&text).unwrap_or(""))
    }

    /// The number the 17 digits make (for hashing).
    pub(crate) fn digits(&self) -> u64 {
        self.0.get() - 1
    }

    /// The masked form: the first 4 and last 4 characters with 10 stars between them,
    /// `1101**********002X`. The same as `Display`.
    pub fn masked(&self) -> String {
        self.with_text(|t| mask_middle(t, 4, 4))
    }

    /// The birth date (出生日期), positions 7 to 14.
    pub fn birth_date(&self) -> Day {
        let text = self.text();
        let year = number(&text[6..10]);
        let month = number(&text[10..12]);
        let day = number(&text[12..14]);
        // Checked when parsed; the fallback is never reached.
        Day::from_ymd(year as i32, month, day).unwrap_or(Day::MIN)
    }

    /// Sex, from the parity of the 3-digit sequence number (its last digit, the 17th character):
    /// odd for men, even for women.
    pub fn sex(&self) -> Sex {
        if self.digits() % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The 6-digit address code (地址码, GB/T 2260): the county where the person's household
    /// was registered when the number was issued, not necessarily where they live now.
    pub fn address_code(&self) -> String {
        self.with_text(|t| t.get(..6).unwrap_or("").to_owned())
    }
}

impl FromStr for IdentityNumber {
    type Err = ValueError;

    /// Parses an 18-character number (`x` accepted for `X`) or a legacy 15-digit one, after
    /// trimming surrounding whitespace.
    ///
    /// # Errors
    /// Every error carries the input masked, never in full.
    /// - [`ValueError::IdentityNumberLength`](crate::value_error::ValueError::IdentityNumberLength) for any length but 18 or 15, e.g. `11010519491231002`
    ///   (check character missing);
    /// - [`ValueError::IdentityNumberCharacter`](crate::value_error::ValueError::IdentityNumberCharacter) for a non-digit, e.g. `1101051949123100XX`, or an
    ///   `X` at the end of a 15-digit number;
    /// - [`ValueError::IdentityNumberBirthDate`](crate::value_error::ValueError::IdentityNumberBirthDate) when positions 7 to 14 are no date, e.g.
    ///   `110105194902300027` (30 February);
    /// - [`ValueError::IdentityNumberCheckDigit`](crate::value_error::ValueError::IdentityNumberCheckDigit) when the check character is wrong, e.g.
    ///   `110105194912310023`.
    fn from_str(input: &str) -> Result<IdentityNumber, ValueError> {
        let s = input.trim();
        let masked = || mask_input(s, 4, 4, 12);
        let len = s.chars().count();
        if len != 18 && len != 15 {
            return Err(ValueError::IdentityNumberLength {
                masked: masked(),
                len,
            });
        }
        for (i, c) in s.chars().enumerate() {
            let allowed = c.is_ascii_digit() || (len == 18 && i == 17 && matches!(c, 'X' | 'x'));
            if !allowed {
                return Err(ValueError::IdentityNumberCharacter {
                    masked: masked(),
                    position: i + 1,
                    found: c,
                });
            }
        }
        // From here on `s` is ASCII: 15 digits, or 17 digits and a check character.
        let given = s.as_bytes();
        let mut first17 = [0u8; 17];
        if len == 18 {
            for (slot, b) in first17.iter_mut().zip(given) {
                *slot = *b;
            }
        } else {
            // 15 digits: address (6) + year (2) + month, day, sequence (7); the century is 19.
            let (address, rest) = given.split_at(6);
            let upgraded = address.iter().chain(b"19").chain(rest);
            for (slot, b) in first17.iter_mut().zip(upgraded) {
                *slot = *b;
            }
        }
        let year = number(&first17[6..10]);
        let month = number(&first17[10..12]);
        let day = number(&first17[12..14]);
        if Day::from_ymd(year as i32, month, day).is_err() {
            return Err(ValueError::IdentityNumberBirthDate { masked: masked() });
        }
        let expected = check_of(&first17);
        if len == 18 {
            let found = given.last().copied().unwrap_or(b'?').to_ascii_uppercase();
            if found != expected {
                return Err(ValueError::IdentityNumberCheckDigit {
                    masked: masked(),
                    expected: char::from(expected),
                    found: char::from(found),
                });
            }
        }
        let n = first17
            .iter()
            .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
        // At most 10^17 - 1: plus 1 is neither 0 nor an overflow.
        NonZeroU64::new(n + 1)
            .map(IdentityNumber)
            .ok_or(ValueError::IdentityNumberBirthDate { masked: masked() })
    }
}

impl fmt::Display for IdentityNumber {
    /// The masked form, `1101**********002X`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for IdentityNumber {
    /// `IdentityNumber(1101**********002X)`, masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdentityNumber({})", self.masked())
    }
}

impl Serialize for IdentityNumber {
    /// Writes the **full** number: serde is persistence (the ledger replays from it), not
    /// display. Anything shown to people goes through `Display`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.with_text(|t| s.serialize_str(t))
    }
}

impl<'de> Deserialize<'de> for IdentityNumber {
    /// Reads through [`FromStr`], so a stored number is validated again.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<IdentityNumber, D::Error> {
        crate::value_error::deserialize_parsed(d, "a resident identity number")
    }
}

/// Whether a [`Phone`] is a mobile or a landline number.
///
/// ```
/// use fangkong::{Phone, PhoneKind};
/// assert_eq!("138 0731 1234".parse::<Phone>()?.kind(), PhoneKind::Mobile);
/// assert_eq!("(0739)5221234".parse::<Phone>()?.kind(), PhoneKind::Landline);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum PhoneKind {
    /// A mobile number (手机号码), 11 digits starting with 13 to 19.
    Mobile,
    /// A landline number (固定电话): an area code (区号) and a 7- or 8-digit local number.
    Landline,
}

impl fmt::Display for PhoneKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PhoneKind::Mobile => "mobile",
            PhoneKind::Landline => "landline",
        })
    }
}

/// Why a phone number was refused; the sentence fragments of [`ValueError::InvalidPhone`](crate::value_error::ValueError::InvalidPhone).
mod phone_reason {
    pub(super) const NO_DIGITS: &str = "it contains no digits";
    pub(super) const CHARACTERS: &str =
        "only digits, spaces, hyphens, brackets around the area code and a leading +86 are allowed";
    pub(super) const FOREIGN: &str =
        "only Chinese numbers are accepted: after + or 00 the country code must be 86";
    pub(super) const COUNTRY_LANDLINE: &str = "after +86 only a mobile number is accepted; write a landline with its area code, such as 0739-5221234";
    pub(super) const MOBILE: &str =
        "a mobile number has 11 digits starting with 13 to 19, such as 138 0731 1234";
    pub(super) const NO_AREA: &str =
        "a landline needs its area code, which starts with 0, such as 0739-5221234";
    pub(super) const AREA: &str = "the area code is not valid: 010 and 020 to 029 have 3 digits, other area codes have 4 digits starting with 03 to 09";
    pub(super) const LOCAL: &str =
        "a landline has a 7- or 8-digit local number after the area code, not starting with 0 or 1";
    pub(super) const BRACKETS: &str =
        "brackets may only enclose the area code at the start, as in (0739)5221234";
}

/// The longest normalized phone text: a 4-digit area code, a hyphen and 8 digits.
const PHONE_MAX: usize = 13;

/// A contact phone number (联系电话): a Chinese mobile number or a landline with its area code,
/// validated, normalized and masked.
///
/// Accepted forms:
/// - mobile: 11 digits starting with 13 to 19, optionally after `+86`, `86` or `0086`, with
///   spaces or hyphens anywhere inside: `13807311234`, `138 0731 1234`, `+86-138-0731-1234`;
/// - landline: an area code starting with 0 (`010` and `020`–`029` have 3 digits, all others
///   4, such as `0739` for Shaoyang) and a 7- or 8-digit local number not starting with 0 or 1:
///   `0739-5221234`, `(0739)5221234`, `0739 5221234`, `07395221234`.
///
/// The normalized text form is `13807311234` for a mobile and `0739-5221234` for a landline.
///
/// **Personal information.** `Display` and `Debug` are masked (`138****1234`,
/// `0739-***1234`); the full number comes out only through [`Phone::reveal`] and through serde
/// (persistence, for the ledger).
///
/// ```
/// use fangkong::{Phone, PhoneKind};
/// let mobile: Phone = "+86 138-0731-1234".parse()?;
/// assert_eq!(mobile.to_string(), "138****1234");
/// assert_eq!(format!("{mobile:?}"), "Phone(138****1234)");
/// assert_eq!(mobile.reveal(), "13807311234");
///
/// let landline: Phone = "(0739)5221234".parse()?;
/// assert_eq!(landline.kind(), PhoneKind::Landline);
/// assert_eq!(landline.to_string(), "0739-***1234");
/// assert_eq!(landline.reveal(), "0739-5221234");
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Phone {
    /// Mobile, or a landline and how many digits it has (its leading 0 included).
    shape: PhoneShape,
    /// Its digits as a number, little-endian in 48 bits (12 digits at most). With the shape,
    /// 7 bytes, and no phone costs nothing more than `None` (issue 14: 14 bytes before).
    number: [u8; 6],
}

/// What a [`Phone`]'s digits are (its field-less tag leaves room for `Option<Phone>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum PhoneShape {
    /// 11 digits starting with 1.
    Mobile,
    /// A landline of 10 digits (area code and local number).
    Landline10,
    /// A landline of 11 digits.
    Landline11,
    /// A landline of 12 digits.
    Landline12,
}

impl Phone {
    /// Packs validated digits (a mobile, or a landline's area code and local number without
    /// the hyphen: 10 to 12 digits).
    fn from_digits(mobile: bool, digits: &[u8]) -> Phone {
        let shape = match (mobile, digits.len()) {
            (true, _) => PhoneShape::Mobile,
            (false, 10) => PhoneShape::Landline10,
            (false, 11) => PhoneShape::Landline11,
            _ => PhoneShape::Landline12,
        };
        let value = digits
            .iter()
            .fold(0u64, |n, d| n * 10 + u64::from(d.saturating_sub(b'0')));
        let mut number = [0u8; 6];
        number.copy_from_slice(&value.to_le_bytes()[..6]);
        Phone { shape, number }
    }

    /// The normalized text in a buffer, and its length.
    fn text(&self) -> ([u8; PHONE_MAX], usize) {
        let mut bytes = [0u8; 8];
        bytes[..6].copy_from_slice(&self.number);
        let mut value = u64::from_le_bytes(bytes);
        let count = match self.shape {
            PhoneShape::Mobile => 11,
            PhoneShape::Landline10 => 10,
            PhoneShape::Landline11 => 11,
            PhoneShape::Landline12 => 12,
        };
        let mut digits = [b'0'; 12];
        for slot in digits[..count].iter_mut().rev() {
            *slot = b'0' + (value % 10) as u8;
            value /= 10;
        }
        let mut text = [0u8; PHONE_MAX];
        if self.shape == PhoneShape::Mobile {
            text[..count].copy_from_slice(&digits[..count]);
            return (text, count);
        }
        // The area code: 010 and 020 to 029 have 3 digits, the others 4 (see `from_str`).
        let area = if matches!((digits[1], digits[2]), (b'1', b'0') | (b'2', _)) {
            3
        } else {
            4
        };
        text[..area].copy_from_slice(&digits[..area]);
        text[area] = b'-';
        text[area + 1..=count].copy_from_slice(&digits[area..count]);
        (text, count + 1)
    }

    /// Calls `f` with the full normalized number, without allocating (the record writer).
    pub(crate) fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let (text, len) = self.text();
        f(std::str::from_utf8(&text[..len]).unwrap_or(""))
    }

    /// Mobile or landline.
    pub fn kind(&self) -> PhoneKind {
        if self.shape == PhoneShape::Mobile {
            PhoneKind::Mobile
        } else {
            PhoneKind::Landline
        }
    }

    /// The full normalized number: `13807311234` or `0739-5221234`.
    ///
    /// **This returns personal information (个人信息).** Call it only where the full number is
    /// needed (to dial it, or on a form for the health authority), never to log or display it;
    /// everywhere else use `Display` or [`Phone::masked`].
    pub fn reveal(&self) -> String {
        let (text, len) = self.text();
        // Always ASCII digits and at most one hyphen.
        text.get(..len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
            .to_owned()
    }

    /// The masked form, the same as `Display`: a mobile keeps its first 3 and last 4 digits
    /// (`138****1234`), a landline its area code and last 4 digits (`0739-***1234`,
    /// `010-****5678`).
    pub fn masked(&self) -> String {
        let text = self.reveal();
        let keep_start = match text.find('-') {
            Some(hyphen) => hyphen + 1,
            None => 3,
        };
        mask_middle(&text, keep_start, 4)
    }
}

impl PartialOrd for Phone {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Phone {
    /// In the order of the normalized text.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (a, a_len) = self.text();
        let (b, b_len) = other.text();
        a[..a_len].cmp(&b[..b_len])
    }
}

impl FromStr for Phone {
    type Err = ValueError;

    /// Parses a mobile or landline number in any of the forms listed on [`Phone`], after
    /// trimming surrounding whitespace.
    ///
    /// # Errors
    /// [`ValueError::InvalidPhone`](crate::value_error::ValueError::InvalidPhone), with the input masked and the reason, for example:
    /// - `1380731123` (10 digits) or `12807311234` (starts with 12): not a mobile number;
    /// - `5221234`: a landline without its area code;
    /// - `0739-0221234`: a local number starting with 0;
    /// - `(073)95221234` or `0139-5221234`: no such area code;
    /// - `+1 212 555 0100`, `0044 20 7946 0000`: not a Chinese number;
    /// - `+86 0739 5221234`: a landline after the country code;
    /// - `138.0731.1234`: a character other than digits, spaces, hyphens and brackets.
    fn from_str(input: &str) -> Result<Phone, ValueError> {
        use phone_reason as why;
        let s = input.trim();
        let fail = |reason: &'static str| ValueError::InvalidPhone {
            masked: mask_input(s, 3, 4, 11),
            reason,
        };
        if s.chars()
            .any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+')))
            || s.chars().skip(1).any(|c| c == '+')
        {
            return Err(fail(why::CHARACTERS));
        }

        // A country code written +86; 0086 and a bare 86 are recognized from the digits below.
        let (mut international, rest) = match s.strip_prefix('+') {
            Some(rest) => {
                let rest = rest.trim_start_matches([' ', '-']);
                let rest = rest.strip_prefix("86").ok_or_else(|| fail(why::FOREIGN))?;
                (true, rest)
            }
            None => (false, s),
        };
        let rest = rest.trim_start_matches([' ', '-']);

        // An area code in brackets, at the start only.
        let (bracketed, rest) = match rest.strip_prefix('(') {
            Some(inner) => {
                let (area, after) = inner.split_once(')').ok_or_else(|| fail(why::BRACKETS))?;
                if area.is_empty() || !area.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(fail(why::BRACKETS));
                }
                (Some(area), after)
            }
            None => (None, rest),
        };
        if rest.contains(['(', ')']) {
            return Err(fail(why::BRACKETS));
        }

        let mut digits: Vec<u8> = bracketed.unwrap_or("").bytes().collect();
        digits.extend(rest.bytes().filter(u8::is_ascii_digit));
        if digits.is_empty() && !international {
            return Err(fail(why::NO_DIGITS));
        }
        if !international && bracketed.is_none() {
            if digits.starts_with(b"0086") {
                digits.drain(..4);
                international = true;
            } else if digits.len() == 13 && digits.starts_with(b"861") {
                digits.drain(..2);
                international = true;
            }
        }

        match digits.first() {
            Some(b'1') => {
                if bracketed.is_some() {
                    return Err(fail(why::BRACKETS));
                }
                let second_ok = matches!(digits.get(1), Some(b'3'..=b'9'));
                if digits.len() != 11 || !second_ok {
                    return Err(fail(why::MOBILE));
                }
                Ok(Phone::from_digits(true, &digits))
            }
            Some(b'0') => {
                if international {
                    return Err(fail(why::COUNTRY_LANDLINE));
                }
                let area_len = match (digits.get(1), digits.get(2)) {
                    (Some(b'0'), _) => return Err(fail(why::FOREIGN)),
                    (Some(b'1'), Some(b'0')) | (Some(b'2'), _) => 3,
                    (Some(b'3'..=b'9'), _) => 4,
                    _ => return Err(fail(why::AREA)),
                };
                if bracketed.is_some_and(|area| area.len() != area_len) {
                    return Err(fail(why::AREA));
                }
                let (_, local) = digits.split_at(area_len.min(digits.len()));
                let local_ok =
                    matches!(local.len(), 7 | 8) && matches!(local.first(), Some(b'2'..=b'9'));
                if !local_ok {
                    return Err(fail(why::LOCAL));
                }
                Ok(Phone::from_digits(false, &digits))
            }
            None => Err(fail(why::MOBILE)),
            _ if international => Err(fail(why::COUNTRY_LANDLINE)),
            _ => Err(fail(why::NO_AREA)),
        }
    }
}

impl fmt::Display for Phone {
    /// The masked form, `138****1234` or `0739-***1234`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for Phone {
    /// `Phone(138****1234)`, masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.masked())
    }
}

impl Serialize for Phone {
    /// Writes the **full** normalized number: serde is persistence (the ledger replays from
    /// it), not display.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.with_text(|t| s.serialize_str(t))
    }
}

impl<'de> Deserialize<'de> for Phone {
    /// Reads through [`FromStr`], so a stored number is validated again.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Phone, D::Error> {
        crate::value_error::deserialize_parsed(d, "a phone number")
    }
}

// --- labels (src/label.rs) ---

labels!(Sex: "sex", no_display {
    Male => "male", "男", ["m", "男性"];
    Female => "female", "女", ["f", "女性"];
});

labels!(PhoneKind: "kind of phone number", no_display {
    Mobile => "mobile", "手机", ["手机号码", "手机号", "cell", "cellphone", "mobile phone"];
    Landline => "landline", "固定电话", ["座机", "固话", "fixed line"];
});

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[track_caller]
    fn id(s: &str) -> IdentityNumber {
        match s.parse() {
            Ok(id) => id,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    #[track_caller]
    fn id_error(s: &str) -> ValueError {
        match s.parse::<IdentityNumber>() {
            Ok(id) => panic!("{s:?} should be refused, got {id:?}"),
            Err(e) => e,
        }
    }

    #[track_caller]
    fn phone(s: &str) -> Phone {
        match s.parse() {
            Ok(p) => p,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    #[track_caller]
    fn phone_error(s: &str) -> ValueError {
        match s.parse::<Phone>() {
            Ok(p) => panic!("{s:?} should be refused, got {p:?}"),
            Err(e) => e,
        }
    }

    /// Asserts that `shown` reveals neither `secret` nor the middle of it (what masking hides).
    #[track_caller]
    fn assert_hides(shown: &str, secret: &str, keep_start: usize, keep_end: usize) {
        assert!(
            !shown.contains(secret),
            "{shown:?} contains the full value {secret:?}"
        );
        let middle: String = secret
            .chars()
            .skip(keep_start)
            .take(secret.chars().count().saturating_sub(keep_start + keep_end))
            .collect();
        if middle.chars().count() >= 3 {
            assert!(
                !shown.contains(&middle),
                "{shown:?} contains the hidden part {middle:?}"
            );
        }
    }

    // --- mask_middle ---

    #[test]
    fn mask_middle_keeps_the_ends_and_stars_the_rest() {
        assert_eq!(
            mask_middle("11010519491231002X", 4, 4),
            "1101**********002X"
        );
        assert_eq!(mask_middle("13807311234", 3, 4), "138****1234");
        // Counts characters, not bytes.
        assert_eq!(mask_middle("张三丰先生你好", 1, 1), "张*****好");
    }

    #[test]
    fn mask_middle_never_returns_a_short_value_unmasked() {
        assert_eq!(mask_middle("12345678", 4, 4), "********");
        assert_eq!(mask_middle("123", 4, 4), "***");
        assert_eq!(mask_middle("", 4, 4), "");
        assert_eq!(mask_middle("123456789", 4, 4), "1234*6789");
    }

    #[test]
    fn bad_input_is_masked_by_length() {
        assert_eq!(mask_input("", 4, 4, 12), "(empty)");
        assert_eq!(mask_input("12345678901", 4, 4, 12), "***********");
        assert_eq!(mask_input("123456789012", 4, 4, 12), "1234****9012");
    }

    // --- Sex ---

    #[test]
    fn sex_reads_in_english_and_chinese_and_serializes_lowercase() {
        assert_eq!(Sex::Male.to_string(), "male");
        assert_eq!(Sex::Female.to_string(), "female");
        assert_eq!(Sex::Male.label_zh(), "男");
        assert_eq!(Sex::Female.label_zh(), "女");
        assert_eq!(serde_json::to_string(&Sex::Female).unwrap(), "\"female\"");
        assert_eq!(serde_json::from_str::<Sex>("\"male\"").unwrap(), Sex::Male);
        assert!(serde_json::from_str::<Sex>("\"Male\"").is_err());
    }

    // --- IdentityNumber: the worked examples of GB 11643-1999 ---

    #[test]
    fn worked_example_female_born_1949_12_31() {
        // Given the standard's first example, when it is parsed,
        let n = id("11010519491231002X");
        // then every field reads back.
        assert_eq!(n.reveal(), "11010519491231002X");
        assert_eq!(n.address_code(), "110105");
        assert_eq!(n.birth_date(), Day::from_ymd(1949, 12, 31).unwrap());
        assert_eq!(n.sex(), Sex::Female);
        assert_eq!(
            IdentityNumber::check_character("11010519491231002").unwrap(),
            'X'
        );
    }

    #[test]
    fn worked_example_male_born_1880_01_01() {
        let n = id("440524188001010014");
        assert_eq!(n.address_code(), "440524");
        assert_eq!(n.birth_date(), Day::from_ymd(1880, 1, 1).unwrap());
        assert_eq!(n.sex(), Sex::Male);
        assert_eq!(
            IdentityNumber::check_character("44052418800101001").unwrap(),
            '4'
        );
    }

    #[test]
    fn lowercase_x_is_accepted_and_stored_uppercase() {
        let n = id("11010519491231002x");
        assert_eq!(n.reveal(), "11010519491231002X");
        assert_eq!(n, id("11010519491231002X"));
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        // Including the ideographic space of a Chinese input method.
        assert_eq!(
            id(" \t11010519491231002X\u{3000}\n"),
            id("11010519491231002X")
        );
    }

    #[test]
    fn fifteen_digit_number_is_upgraded_with_century_19_and_a_check_character() {
        // Given a first-generation card number, when it is parsed,
        let n = id("110105491231002");
        // then 19 is inserted before the year and the check character appended.
        assert_eq!(n.reveal(), "11010519491231002X");
        assert_eq!(n.birth_date(), Day::from_ymd(1949, 12, 31).unwrap());
        assert_eq!(n.sex(), Sex::Female);
    }

    #[test]
    fn fifteen_digit_numbers_are_all_in_the_1900s() {
        // 29 February 2000 is a date, but a 15-digit 000229 means 1900, which was not leap.
        assert_eq!(
            id_error("110105000229002").to_string(),
            "identity number 1101*******9002 does not contain a real birth date in positions 7 to 14"
        );
        assert_eq!(
            id("110105200002290021").birth_date(),
            Day::from_ymd(2000, 2, 29).unwrap()
        );
    }

    #[test]
    fn wrong_check_digit_is_refused_with_both_characters() {
        let e = id_error("110105194912310023");
        assert_eq!(
            e,
            ValueError::IdentityNumberCheckDigit {
                masked: "1101**********0023".into(),
                expected: 'X',
                found: '3',
            }
        );
        assert_eq!(
            e.to_string(),
            "identity number 1101**********0023 ends in check character 3, but its first 17 digits give X: one of the digits was probably copied wrong"
        );
    }

    #[test]
    fn a_number_ending_in_x_that_should_not_is_refused() {
        assert_eq!(
            id_error("44052418800101001x").to_string(),
            "identity number 4405**********001x ends in check character X, but its first 17 digits give 4: one of the digits was probably copied wrong"
        );
    }

    #[test]
    fn wrong_length_is_refused() {
        // Given a number with its check character missing,
        assert_eq!(
            id_error("11010519491231002").to_string(),
            "identity number 1101*********1002 has 17 characters; a resident identity number has 18 (or 15 on first-generation cards)"
        );
        // a short one is starred completely,
        assert_eq!(
            id_error("1101051949").to_string(),
            "identity number ********** has 10 characters; a resident identity number has 18 (or 15 on first-generation cards)"
        );
        // and an empty one still reads.
        assert_eq!(
            id_error("   ").to_string(),
            "identity number (empty) has 0 characters; a resident identity number has 18 (or 15 on first-generation cards)"
        );
        // Spaces inside count as characters.
        assert!(matches!(
            id_error("110105 19491231 002X"),
            ValueError::IdentityNumberLength { len: 20, .. }
        ));
    }

    #[test]
    fn wrong_character_is_refused_with_its_position() {
        assert_eq!(
            id_error("1101051949123100XX").to_string(),
            "identity number 1101**********00XX has 'X' at position 17; only digits are allowed there, and X only as the 18th character"
        );
        assert_eq!(
            id_error("11010519491231002Y"),
            ValueError::IdentityNumberCharacter {
                masked: "1101**********002Y".into(),
                position: 18,
                found: 'Y',
            }
        );
        // X closes only an 18-character number.
        assert!(matches!(
            id_error("11010549123100X"),
            ValueError::IdentityNumberCharacter {
                position: 15,
                found: 'X',
                ..
            }
        ));
        // A full-width digit from a Chinese input method is not a digit.
        assert!(matches!(
            id_error("１1010519491231002X"),
            ValueError::IdentityNumberCharacter {
                position: 1,
                found: '１',
                ..
            }
        ));
    }

    #[test]
    fn impossible_birth_date_is_refused_without_printing_it() {
        // 30 February 1949, with a check character that is right for these digits.
        let first17 = "11010519490230002";
        let check = IdentityNumber::check_character(first17).unwrap();
        let e = id_error(&format!("{first17}{check}"));
        assert_eq!(
            e.to_string(),
            format!(
                "identity number 1101**********002{check} does not contain a real birth date in positions 7 to 14"
            )
        );
        assert!(!e.to_string().contains("19490230"));
        // Month 13 and day 00 are no dates either.
        for first17 in ["11010519491331002", "11010519491200002"] {
            let check = IdentityNumber::check_character(first17).unwrap();
            assert!(matches!(
                id_error(&format!("{first17}{check}")),
                ValueError::IdentityNumberBirthDate { .. }
            ));
        }
    }

    #[test]
    fn check_character_wants_exactly_17_digits() {
        assert_eq!(
            IdentityNumber::check_character("11010519491231002X")
                .unwrap_err()
                .to_string(),
            "1101**********002X has 18 characters; a check character is computed from exactly the first 17 digits of an identity number"
        );
        assert_eq!(
            IdentityNumber::check_character("1101051949123100X").unwrap_err(),
            ValueError::IdentityNumberCharacter {
                masked: "1101*********100X".into(),
                position: 17,
                found: 'X',
            }
        );
    }

    #[test]
    fn identity_number_shows_only_its_masked_form() {
        let n = id("11010519491231002X");
        assert_eq!(n.masked(), "1101**********002X");
        assert_eq!(n.to_string(), "1101**********002X");
        assert_eq!(format!("{n:?}"), "IdentityNumber(1101**********002X)");
        assert_eq!(
            format!("{:?}", Some(n)),
            "Some(IdentityNumber(1101**********002X))"
        );
    }

    #[test]
    fn identity_number_serde_keeps_the_full_number_and_validates_on_the_way_in() {
        let n = id("110105491231002");
        let json = serde_json::to_string(&n).unwrap();
        assert_eq!(json, "\"11010519491231002X\"");
        assert_eq!(serde_json::from_str::<IdentityNumber>(&json).unwrap(), n);
        // Nothing gets in around validation, and the refusal is masked too.
        let e = serde_json::from_str::<IdentityNumber>("\"110105194912310023\"").unwrap_err();
        assert!(e.to_string().starts_with(
            "identity number 1101**********0023 ends in check character 3, but its first 17 digits give X"
        ));
        assert!(serde_json::from_str::<IdentityNumber>("18").is_err());
    }

    #[test]
    fn identity_numbers_never_show_in_full_outside_reveal() {
        for (input, full) in [
            ("11010519491231002X", "11010519491231002X"),
            ("11010519491231002x", "11010519491231002X"),
            ("440524188001010014", "440524188001010014"),
            ("110105491231002", "11010519491231002X"),
        ] {
            let n = id(input);
            assert_eq!(n.reveal(), full);
            for shown in [n.to_string(), format!("{n:?}"), n.masked()] {
                assert_hides(&shown, full, 4, 4);
                assert_hides(&shown, input, 4, 4);
            }
        }
        // Refusals of near-misses do not show the number either.
        for bad in [
            "110105194912310023",
            "11010519491231002",
            "110105194912310020X",
            "1101051949123100XX",
            "110105194902300020",
            "11010519491231002Y",
        ] {
            let e = id_error(bad);
            assert_hides(&e.to_string(), bad, 4, 4);
            assert_hides(&format!("{e:?}"), bad, 4, 4);
        }
    }

    // --- Phone ---

    #[test]
    fn mobile_numbers_in_every_accepted_form() {
        for input in [
            "13807311234",
            "138 0731 1234",
            "138-0731-1234",
            "+8613807311234",
            "+86 138 0731 1234",
            "+86-138-0731-1234",
            "+ 86 13807311234",
            "8613807311234",
            "86 138 0731 1234",
            "008613807311234",
            "0086 138 0731 1234",
            "00 86 138-0731-1234",
            "  13807311234\u{3000}",
        ] {
            let p = phone(input);
            assert_eq!(p.kind(), PhoneKind::Mobile, "{input:?}");
            assert_eq!(p.reveal(), "13807311234", "{input:?}");
            assert_eq!(p.to_string(), "138****1234", "{input:?}");
        }
        // Every second digit from 3 to 9.
        for second in 3..=9 {
            assert!(format!("1{second}807311234").parse::<Phone>().is_ok());
        }
    }

    #[test]
    fn landline_numbers_in_every_accepted_form() {
        for input in [
            "0739-5221234",
            "(0739)5221234",
            "(0739) 522 1234",
            "0739 5221234",
            "07395221234",
        ] {
            let p = phone(input);
            assert_eq!(p.kind(), PhoneKind::Landline, "{input:?}");
            assert_eq!(p.reveal(), "0739-5221234", "{input:?}");
            assert_eq!(p.to_string(), "0739-***1234", "{input:?}");
        }
        // 3-digit area codes: 010 and 020-029; 8-digit local numbers.
        assert_eq!(phone("010-62345678").to_string(), "010-****5678");
        assert_eq!(phone("(010)62345678").reveal(), "010-62345678");
        assert_eq!(phone("02087654321").reveal(), "020-87654321");
        assert_eq!(phone("029 8765432").reveal(), "029-8765432");
        assert_eq!(phone("0739-52212345").to_string(), "0739-****2345");
        // Separators are ignored; the area code comes from the rule, not from where they sit.
        assert_eq!(phone("073-952-21234").reveal(), "0739-5221234");
    }

    #[test]
    fn phone_forms_of_one_number_are_equal() {
        assert_eq!(phone("+86 138 0731 1234"), phone("13807311234"));
        assert_eq!(phone("(0739)5221234"), phone("0739 5221234"));
    }

    #[test]
    fn refused_phone_numbers_say_why() {
        let cases = [
            (
                "1380731123",
                "phone number ********** is not valid: a mobile number has 11 digits starting with 13 to 19, such as 138 0731 1234",
            ),
            (
                "138073112345",
                "phone number 138*****2345 is not valid: a mobile number has 11 digits starting with 13 to 19, such as 138 0731 1234",
            ),
            (
                "12807311234",
                "phone number 128****1234 is not valid: a mobile number has 11 digits starting with 13 to 19, such as 138 0731 1234",
            ),
            (
                "5221234",
                "phone number ******* is not valid: a landline needs its area code, which starts with 0, such as 0739-5221234",
            ),
            (
                "0739-0221234",
                "phone number 073*****1234 is not valid: a landline has a 7- or 8-digit local number after the area code, not starting with 0 or 1",
            ),
            (
                "0739-1221234",
                "phone number 073*****1234 is not valid: a landline has a 7- or 8-digit local number after the area code, not starting with 0 or 1",
            ),
            (
                "0739-522123",
                "phone number 073****2123 is not valid: a landline has a 7- or 8-digit local number after the area code, not starting with 0 or 1",
            ),
            (
                "0739-522123456",
                "phone number 073*******3456 is not valid: a landline has a 7- or 8-digit local number after the area code, not starting with 0 or 1",
            ),
            (
                "0139-5221234",
                "phone number 013*****1234 is not valid: the area code is not valid: 010 and 020 to 029 have 3 digits, other area codes have 4 digits starting with 03 to 09",
            ),
            (
                "(073)95221234",
                "phone number (07******1234 is not valid: the area code is not valid: 010 and 020 to 029 have 3 digits, other area codes have 4 digits starting with 03 to 09",
            ),
            (
                "+1 212 555 0100",
                "phone number +1 ********0100 is not valid: only Chinese numbers are accepted: after + or 00 the country code must be 86",
            ),
            (
                "0044 20 7946 0000",
                "phone number 004**********0000 is not valid: only Chinese numbers are accepted: after + or 00 the country code must be 86",
            ),
            (
                "+86 0739 5221234",
                "phone number +86*********1234 is not valid: after +86 only a mobile number is accepted; write a landline with its area code, such as 0739-5221234",
            ),
            (
                "+86 739 5221234",
                "phone number +86********1234 is not valid: after +86 only a mobile number is accepted; write a landline with its area code, such as 0739-5221234",
            ),
            (
                "138.0731.1234",
                "phone number 138******1234 is not valid: only digits, spaces, hyphens, brackets around the area code and a leading +86 are allowed",
            ),
            (
                "138O7311234",
                "phone number 138****1234 is not valid: only digits, spaces, hyphens, brackets around the area code and a leading +86 are allowed",
            ),
            (
                "13807311234+86",
                "phone number 138*******4+86 is not valid: only digits, spaces, hyphens, brackets around the area code and a leading +86 are allowed",
            ),
            (
                "(138)07311234",
                "phone number (13******1234 is not valid: brackets may only enclose the area code at the start, as in (0739)5221234",
            ),
            (
                "0739(5221234)",
                "phone number 073******234) is not valid: brackets may only enclose the area code at the start, as in (0739)5221234",
            ),
            (
                "(0739-5221234",
                "phone number (07******1234 is not valid: brackets may only enclose the area code at the start, as in (0739)5221234",
            ),
            (
                "",
                "phone number (empty) is not valid: it contains no digits",
            ),
            (
                "+86",
                "phone number *** is not valid: a mobile number has 11 digits starting with 13 to 19, such as 138 0731 1234",
            ),
            (
                "- -",
                "phone number *** is not valid: it contains no digits",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(phone_error(input).to_string(), message, "{input:?}");
        }
    }

    #[test]
    fn phones_never_show_in_full_outside_reveal() {
        for input in [
            "13807311234",
            "+86-138-0731-1234",
            "0739-5221234",
            "(0739)5221234",
            "010-62345678",
        ] {
            let p = phone(input);
            let full = &*p.reveal();
            let digits: String = full.chars().filter(char::is_ascii_digit).collect();
            let local = full.rsplit('-').next().unwrap_or(full);
            for shown in [p.to_string(), format!("{p:?}"), p.masked()] {
                assert!(!shown.contains(full), "{shown:?}");
                assert!(!shown.contains(&digits), "{shown:?}");
                assert!(!shown.contains(local), "{shown:?}");
            }
        }
        for bad in [
            "138073112345",
            "12807311234",
            "0739-0221234",
            "+86 0739 5221234",
        ] {
            let e = phone_error(bad);
            let digits: String = bad.chars().filter(char::is_ascii_digit).collect();
            for shown in [e.to_string(), format!("{e:?}")] {
                assert!(!shown.contains(bad), "{shown:?}");
                assert!(!shown.contains(&digits), "{shown:?}");
            }
        }
    }

    #[test]
    fn phone_debug_and_serde() {
        let p = phone("+86 138 0731 1234");
        assert_eq!(format!("{p:?}"), "Phone(138****1234)");
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, "\"13807311234\"");
        assert_eq!(serde_json::from_str::<Phone>(&json).unwrap(), p);
        let landline = phone("(0739)5221234");
        let json = serde_json::to_string(&landline).unwrap();
        assert_eq!(json, "\"0739-5221234\"");
        assert_eq!(serde_json::from_str::<Phone>(&json).unwrap(), landline);
        assert_eq!(
            serde_json::from_str::<Phone>("\"12807311234\"")
                .unwrap_err()
                .to_string(),
            "phone number 128****1234 is not valid: a mobile number has 11 digits starting with 13 to 19, such as 138 0731 1234"
        );
        assert_eq!(PhoneKind::Landline.to_string(), "landline");
        assert_eq!(
            serde_json::to_string(&PhoneKind::Mobile).unwrap(),
            "\"mobile\""
        );
    }

    // --- properties ---

    /// 17 digits with a real birth date: any address code, a day from 1900 to 2099, any
    /// sequence number.
    fn first17() -> impl Strategy<Value = String> {
        (0u32..1_000_000, 0i64..73_049, 0u32..1000).prop_map(|(address, offset, sequence)| {
            let day = Day::from_ymd(1900, 1, 1)
                .and_then(|d| d.plus_days(offset))
                .unwrap();
            format!(
                "{address:06}{:04}{:02}{:02}{sequence:03}",
                day.year(),
                day.month(),
                day.day_of_month()
            )
        })
    }

    proptest! {
        #[test]
        fn the_computed_check_character_is_the_only_one_accepted(first17 in first17()) {
            let check = IdentityNumber::check_character(&first17).unwrap();
            let n: IdentityNumber = format!("{first17}{check}").parse().unwrap();
            prop_assert_eq!(&n.reveal()[..17], first17.as_str());
            prop_assert_eq!(n.address_code(), &first17[..6]);
            for other in "0123456789X".chars().filter(|c| *c != check) {
                let refused = format!("{first17}{other}").parse::<IdentityNumber>();
                let is_check_error = matches!(refused, Err(ValueError::IdentityNumberCheckDigit { .. }));
                prop_assert!(is_check_error);
            }
        }

        #[test]
        fn one_changed_digit_is_always_caught(first17 in first17(), position in 0usize..17, delta in 1u8..10) {
            let check = IdentityNumber::check_character(&first17).unwrap();
            let mut bytes = format!("{first17}{check}").into_bytes();
            bytes[position] = b'0' + (bytes[position] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(changed.parse::<IdentityNumber>().is_err());
        }

        #[test]
        fn identity_numbers_round_trip_and_stay_masked(first17 in first17()) {
            let check = IdentityNumber::check_character(&first17).unwrap();
            let full = format!("{first17}{check}");
            let n: IdentityNumber = full.parse().unwrap();
            let json = serde_json::to_string(&n).unwrap();
            prop_assert_eq!(serde_json::from_str::<IdentityNumber>(&json).unwrap(), n);
            let masked = format!("{}{}{}", &full[..4], "*".repeat(10), &full[14..]);
            prop_assert_eq!(n.to_string(), masked.clone());
            prop_assert_eq!(format!("{n:?}"), format!("IdentityNumber({masked})"));
            prop_assert_eq!(n.birth_date().to_string().replace('-', ""), &full[6..14]);
        }

        #[test]
        fn fifteen_digit_numbers_upgrade_to_their_18_digit_form(address in 0u32..1_000_000, offset in 0i64..36_524, sequence in 0u32..1000) {
            let day = Day::from_ymd(1900, 1, 1).and_then(|d| d.plus_days(offset)).unwrap();
            let (y, m, d) = (day.year() % 100, day.month(), day.day_of_month());
            let old: IdentityNumber = format!("{address:06}{y:02}{m:02}{d:02}{sequence:03}").parse().unwrap();
            let first17 = format!("{address:06}19{y:02}{m:02}{d:02}{sequence:03}");
            let check = IdentityNumber::check_character(&first17).unwrap();
            prop_assert_eq!(old.reveal(), format!("{first17}{check}"));
            prop_assert_eq!(old.sex() == Sex::Male, sequence % 2 == 1);
        }

        #[test]
        fn mobile_numbers_normalize_whatever_the_separators(second in 3u8..=9, rest in 0u32..1_000_000_000, prefix in prop::sample::select(vec!["", "+86 ", "+86-", "86", "0086 "]), sep in prop::sample::select(vec!["", " ", "-"])) {
            let digits = format!("1{second}{rest:09}");
            let written = format!("{prefix}{}{sep}{}{sep}{}", &digits[..3], &digits[3..7], &digits[7..]);
            let p: Phone = written.parse().unwrap();
            prop_assert_eq!(p.reveal(), digits.as_str());
            prop_assert_eq!(p.to_string(), format!("{}****{}", &digits[..3], &digits[7..]));
            let json = serde_json::to_string(&p).unwrap();
            prop_assert_eq!(serde_json::from_str::<Phone>(&json).unwrap(), p);
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(s in "\\PC{0,30}") {
            let _ = s.parse::<IdentityNumber>();
            let _ = s.parse::<Phone>();
            let _ = IdentityNumber::check_character(&s);
        }

        #[test]
        fn parsing_digit_soup_never_panics_or_leaks(s in "[0-9xX+() -]{0,24}") {
            if let Err(e) = s.parse::<IdentityNumber>()
                && s.trim().chars().count() >= 12
            {
                prop_assert!(!e.to_string().contains(s.trim()));
            }
            if let Err(e) = s.parse::<Phone>()
                && s.trim().chars().count() >= 11
            {
                prop_assert!(!e.to_string().contains(s.trim()));
            }
        }
    }
}
