//! Masking of identity numbers and phone numbers in text that errors and refusals quote
//! (DOMAIN.md §8): [`mask_personal_data`] and [`MaskedText`].

use std::ops::Range;

/// Text quoted from an input in an error message, with every run of digits that could be an
/// identity number or a phone number masked (see [`mask_personal_data`]).
///
/// It can only be built by masking, so an error that quotes its input never carries a full
/// identity number (居民身份证号码) or phone number (联系电话), not even in `Debug`.
///
/// ```
/// use fangkong::Day;
/// let err = "day 11010519491231002X".parse::<Day>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "\"day 1101**********002X\" is not a calendar day written YYYY-MM-DD, such as 2020-01-24"
/// );
/// assert!(!format!("{err:?}").contains("11010519491231002X"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct MaskedText(String);

impl MaskedText {
    /// Masks `text` (see [`mask_personal_data`]).
    pub fn new(text: &str) -> MaskedText {
        MaskedText(mask_personal_data(text))
    }

    /// The masked text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Masks `text`, then keeps at most its first `max_chars` characters: the whole text is
    /// masked first, so a number cut short by the limit is still masked as the whole number.
    pub(crate) fn truncated(text: &str, max_chars: usize) -> MaskedText {
        let mut masked = mask_personal_data(text);
        if let Some((at, _)) = masked.char_indices().nth(max_chars) {
            masked.truncate(at);
        }
        MaskedText(masked)
    }
}

impl From<&str> for MaskedText {
    fn from(text: &str) -> MaskedText {
        MaskedText::new(text)
    }
}

impl From<String> for MaskedText {
    fn from(text: String) -> MaskedText {
        MaskedText::new(&text)
    }
}

impl FromIterator<char> for MaskedText {
    /// Collects the characters, then masks them.
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> MaskedText {
        MaskedText::new(&iter.into_iter().collect::<String>())
    }
}

impl PartialEq<str> for MaskedText {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for MaskedText {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl std::fmt::Display for MaskedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Debug for MaskedText {
    /// The masked text, quoted like a string.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

/// The prefixes of the registry's identifiers (`U7`, `S3`, `SR1`, …; see src/ids.rs): an
/// identifier is not masked (see [`mask_personal_data`]).
const ID_PREFIXES: [&str; 16] = [
    "U", "S", "H", "R", "SR", "OB", "GO", "GP", "PV", "VE", "VC", "VR", "VX", "IN", "FD", "AC",
];

/// A digit as a clerk may type it: ASCII or full width (０–９).
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A place of a digit in a run: a digit, or a star (a digit masked already, so that masking
/// masked text changes nothing).
fn is_place(c: char) -> bool {
    is_digit(c) || c == '*'
}

/// The check character `X` as a clerk may type it.
fn is_check_x(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// Whether the character at `at` (just after a digit) is a check `X` closing a number: an
/// `X` followed by no letter, digit or star. A star counts as the digit it hides, so an `X`
/// between digits stays a letter once some of those digits are masked, and masking masked
/// text changes nothing (`123456x****5678` is `123456x12345678` masked).
fn closes_with_x(chars: &[char], at: usize) -> bool {
    chars.get(at).is_some_and(|&c| is_check_x(c))
        && !chars
            .get(at + 1)
            .is_some_and(|&n| n.is_alphanumeric() || n == '*')
}

/// What may stand between the digits of one number: anything but a letter, a digit or the
/// star of a masked digit. Punctuation of any width, brackets, dots, slashes, underscores,
/// spaces of any width, zero-width and other format characters (U+200B, U+2060, U+FEFF, the
/// soft hyphen, …), control characters.
fn is_separator(c: char) -> bool {
    !c.is_alphanumeric() && c != '*'
}

/// When separators start at `at` and a digit or a star follows them: where that one is.
fn joined(chars: &[char], at: usize) -> Option<usize> {
    let mut k = at;
    while chars.get(k).is_some_and(|&c| is_separator(c)) {
        k += 1;
    }
    (k > at && chars.get(k).is_some_and(|&c| is_place(c))).then_some(k)
}

/// Whether a number goes on at `at` (just after a digit): another digit or a star, a check
/// `X` closing it, or separators followed by a digit or a star.
fn continues(chars: &[char], at: usize) -> bool {
    match chars.get(at) {
        None => false,
        Some(&c) if is_place(c) => true,
        Some(_) if closes_with_x(chars, at) => true,
        Some(&c) if is_check_x(c) => false,
        Some(_) => joined(chars, at).is_some(),
    }
}

/// The value of exactly `len` ASCII digits at `at`.
fn ascii_number(chars: &[char], at: usize, len: usize) -> Option<u32> {
    let digits = chars.get(at..at + len)?;
    digits.iter().try_fold(0u32, |n, c| {
        Some(n * 10 + c.to_digit(10).filter(|_| c.is_ascii_digit())?)
    })
}

/// An ISO date `YYYY-MM-DD` at `at` (year 1000–9999, month 01–12, day 01–31): where it ends.
/// The year is wider than the days fangkong records (1800 to 9999), so that an error about a
/// day just outside them, `1799-12-31`, and the range itself, `9999-12-31`, stay readable.
fn date_at(chars: &[char], at: usize) -> Option<usize> {
    let year = ascii_number(chars, at, 4)?;
    let month = ascii_number(chars, at + 5, 2)?;
    let day = ascii_number(chars, at + 8, 2)?;
    let dashes = chars.get(at + 4) == Some(&'-') && chars.get(at + 7) == Some(&'-');
    let valid =
        (1000..=9999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    (dashes && valid).then_some(at + 10)
}

/// One or two ASCII digits at `at`, two when there are: their value and where they end.
fn one_or_two_digits(chars: &[char], at: usize) -> Option<(u32, usize)> {
    match ascii_number(chars, at, 2) {
        Some(n) => Some((n, at + 2)),
        None => ascii_number(chars, at, 1).map(|n| (n, at + 1)),
    }
}

/// A day written `YYYY/M/D`, `YYYY.M.D` or `YYYY-M-D` (month and day in one or two digits,
/// the same separator twice; forms [`Day::parse_lenient`](crate::Day::parse_lenient) reads),
/// year 1800–2200 (the years people type; narrower than [`date_at`]'s, so that a phone split
/// as `1397.4.5` is not read as a day), month 01–12, day 01–31: where it ends. An error about a
/// day typed so must show it.
fn lenient_date_at(chars: &[char], at: usize) -> Option<usize> {
    let year = ascii_number(chars, at, 4)?;
    let separator = *chars.get(at + 4)?;
    if !matches!(separator, '-' | '/' | '.') {
        return None;
    }
    let (month, after_month) = one_or_two_digits(chars, at + 5)?;
    if chars.get(after_month) != Some(&separator) {
        return None;
    }
    let (day, end) = one_or_two_digits(chars, after_month + 1)?;
    let valid = TYPED_YEARS.contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some(end)
}

/// The years of a day typed in another form than ISO's, kept readable: 1800–2200. A phone
/// written `13.9.7456 12:34` reads as a day of the year 7456 and a time, and is masked.
const TYPED_YEARS: std::ops::RangeInclusive<u32> = 1800..=2200;

/// A day written the other way round, `D/M/YYYY` or `M/D/YYYY` (`/`, `.` or `-`, the same
/// twice; the first two numbers at most 31, one of them at most 12; year 1800–2200): where it
/// ends. Not a form
/// fangkong reads, so the error that refuses it must show it.
fn reversed_date_at(chars: &[char], at: usize) -> Option<usize> {
    let (first, after_first) = one_or_two_digits(chars, at)?;
    let separator = *chars.get(after_first)?;
    if !matches!(separator, '-' | '/' | '.') {
        return None;
    }
    let (second, after_second) = one_or_two_digits(chars, after_first + 1)?;
    if chars.get(after_second) != Some(&separator) {
        return None;
    }
    let year = ascii_number(chars, after_second + 1, 4)?;
    let days = (1..=31).contains(&first) && (1..=31).contains(&second);
    let valid = days && first.min(second) <= 12 && TYPED_YEARS.contains(&year);
    valid.then_some(after_second + 5)
}

/// A time `HH:MM` or `HH:MM:SS` at `at` (hour below 24, minute below 60, second below 61);
/// `H:MM` too unless `two_digit_hour`: where it ends.
fn time_at(chars: &[char], at: usize, two_digit_hour: bool) -> Option<usize> {
    let (hour, colon) = match ascii_number(chars, at, 2) {
        Some(hour) if chars.get(at + 2) == Some(&':') => (hour, at + 2),
        _ if two_digit_hour => return None,
        _ => (ascii_number(chars, at, 1)?, at + 1),
    };
    if chars.get(colon) != Some(&':') || hour >= 24 {
        return None;
    }
    if ascii_number(chars, colon + 1, 2)? >= 60 {
        return None;
    }
    let end = colon + 3;
    match ascii_number(chars, end + 1, 2) {
        Some(second) if chars.get(end) == Some(&':') && second < 61 => Some(end + 3),
        _ => Some(end),
    }
}

/// A date and time at `at`: an ISO date, `T` or a space, a time, an optional fraction of a
/// second (at most 9 digits), an optional `Z` or `±HH:MM`: where it ends.
fn date_time_at(chars: &[char], at: usize) -> Option<usize> {
    let date = date_at(chars, at)?;
    if !matches!(chars.get(date), Some('T' | ' ')) {
        return None;
    }
    let mut end = time_at(chars, date + 1, true)?;
    if chars.get(end) == Some(&'.') {
        let digits = chars[end + 1..]
            .iter()
            .take(9)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits > 0 {
            end += 1 + digits;
        }
    }
    match chars.get(end) {
        Some('Z') => end += 1,
        Some('+' | '-') => {
            let hour = ascii_number(chars, end + 1, 2);
            let minute = ascii_number(chars, end + 4, 2);
            let colon = chars.get(end + 3) == Some(&':');
            if colon && hour.is_some_and(|h| h < 24) && minute.is_some_and(|m| m < 60) {
                end += 6;
            }
        }
        _ => {}
    }
    Some(end)
}

/// A date and time, a date, or a time at `at`: where it ends.
fn shape_at(chars: &[char], at: usize) -> Option<usize> {
    date_time_at(chars, at)
        .or_else(|| date_at(chars, at))
        .or_else(|| lenient_date_at(chars, at))
        .or_else(|| reversed_date_at(chars, at))
        .or_else(|| time_at(chars, at, false))
}

/// When the number starting at `at` is only dates and times (`2020-01-24T08:30:00+08:00`,
/// `06:00–12:00`, `2020-01-24, 2020-01-25`), which stay readable: where they end. `None` as
/// soon as a digit follows that does not start one of them (`1381-02-03 45678` could hide a
/// phone).
fn dates_and_times(chars: &[char], at: usize) -> Option<usize> {
    let mut end = shape_at(chars, at)?;
    loop {
        match chars.get(end) {
            None => return Some(end),
            Some(&c) if is_place(c) => return None,
            Some(_) if closes_with_x(chars, end) => return None,
            Some(_) => {}
        }
        match joined(chars, end) {
            Some(next) => end = shape_at(chars, next)?,
            None => return Some(end),
        }
    }
}

/// When the number starting at `at` is the number of an identifier written with its prefix
/// (`S9999917`, `U12`, `SR1`): where it ends. The prefix is one of [`ID_PREFIXES`] and starts
/// the text or follows a character that is no letter or digit; the number is ASCII digits
/// without separators, does not start with 0, fits in `u32`, and no other digit follows it
/// (directly or after separators).
fn identifier_at(chars: &[char], at: usize) -> Option<usize> {
    let prefixed = ID_PREFIXES.iter().any(|p| {
        let n = p.len();
        at >= n
            && chars[at - n..at].iter().copied().eq(p.chars())
            && (at == n || !chars[at - n - 1].is_alphanumeric())
    });
    if !prefixed || chars.get(at) == Some(&'0') {
        return None;
    }
    let len = chars[at..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let number = chars[at..at + len].iter().try_fold(0u64, |n, c| {
        n.checked_mul(10)?.checked_add(u64::from(c.to_digit(10)?))
    })?;
    let fits = len > 0 && len <= 10 && u32::try_from(number).is_ok();
    (fits && !continues(chars, at + len)).then_some(at + len)
}

/// The number starting at the digit at `at`: where it ends, and where its digits (and stars,
/// and a closing check `X`) are.
fn number_at(chars: &[char], at: usize) -> (usize, Vec<usize>) {
    let mut places = Vec::new();
    let mut j = at;
    loop {
        match chars.get(j) {
            Some(&c) if is_place(c) => {
                places.push(j);
                j += 1;
            }
            Some(_) if closes_with_x(chars, j) => {
                places.push(j);
                return (j + 1, places);
            }
            _ => match joined(chars, j) {
                Some(next) => j = next,
                None => return (j, places),
            },
        }
    }
}

/// Which of the `n` places of a number are hidden.
fn hidden(n: usize) -> Range<usize> {
    match n {
        // An identity number (or one missing its check character): the check character can
        // restore one hidden digit, so at least 7 are hidden.
        15 | 17 | 18 => 4..n - 4,
        11.. => 3..n - 4,
        // 3 + 4 would leave too few hidden: keep the last 4 only.
        8..=10 => 0..n - 4,
        // 3 + 4 would keep all seven: hide them all.
        7 => 0..n,
        _ => 0..0,
    }
}

/// Masks every number in `text` that could be an identity number (居民身份证号码) or a phone
/// number (联系电话), for quoting text in an error message or a refusal.
///
/// A number is a sequence of digits (ASCII or full width) joined by separators, whatever they
/// are: any character that is not a letter or a digit joins them (punctuation, brackets,
/// dots, slashes, underscores, spaces of any width, zero-width and other format characters
/// such as U+200B or U+FEFF, and runs of several of these), so `139.7456.1234`,
/// `(139)74561234` and `139\u{200B}7456\u{200B}1234` are one number each. An `X` directly
/// after a digit and not followed by a letter, a digit or a star closes it (the check character of an
/// identity number). Separators are kept, so the shape stays readable; hidden digits become
/// `*`, and a `*` counts as a (hidden) digit, so masking masked text changes nothing.
///
/// Counting its digits (and `X`):
/// - 15, 17 or 18 (an identity number, or one missing its check character): the first 4 and
///   the last 4 are kept, `1101**********002X`;
/// - any other count of 11 or more: the first 3 and the last 4 are kept, `138****5678`;
/// - 8 to 10: the last 4 are kept, `****5678`;
/// - 7: all are hidden;
/// - fewer than 7 (a temperature `37.5`, a count, a short code): kept as they are.
///
/// So at least 4 digits are always hidden (the check character can never restore the one
/// that is), and no 6 digits of a number in a row are ever left, whatever separates them.
///
/// Kept readable as well, when a number is made only of them (joined by any separators):
/// dates `YYYY-MM-DD` (year 1000–9999, month 01–12, day 01–31; also `YYYY/M/D`, `YYYY.M.D`
/// and `YYYY-M-D`, the forms a clerk types, and `D/M/YYYY`), a date and a time (`T` or a
/// space, `HH:MM` or `HH:MM:SS`, an optional fraction, an optional `Z` or `±HH:MM`), times
/// `HH:MM` (hour below 24, minute below 60) and windows such as `06:00–12:00`. A date or time
/// followed or preceded by other digits is part of a number like any digit
/// (`1381-02-03 45678` is masked).
///
/// The one deliberate exception: an identifier of the registry written with its prefix
/// (`S9999917`, `U12`, `R4410`, `SR1`) is kept, when the prefix (upper case, one of the
/// identifier prefixes) starts the text or follows a character that is no letter or digit,
/// and its number has no separator inside, does not start with 0, is at most 4294967295 and
/// is not followed by separators and more digits.
///
/// Never panics.
///
/// ```
/// use fangkong::mask_personal_data;
/// assert_eq!(mask_personal_data("day 11010519491231002X"), "day 1101**********002X");
/// assert_eq!(mask_personal_data("13812345678"), "138****5678");
/// assert_eq!(mask_personal_data("tel 139.7456.1234"), "tel 139.****.1234");
/// assert_eq!(
///     mask_personal_data("139\u{200B}7456\u{200B}1234"),
///     "139\u{200B}****\u{200B}1234"
/// );
/// assert_eq!(mask_personal_data("0731-84567890"), "073*-****7890");
/// assert_eq!(mask_personal_data("2020-02-30"), "2020-02-30");
/// assert_eq!(mask_personal_data("06:00–12:00"), "06:00–12:00");
/// assert_eq!(mask_personal_data("staff S9999917"), "staff S9999917");
/// assert_eq!(mask_personal_data("U12"), "U12");
/// ```
pub fn mask_personal_data(text: &str) -> String {
    if !text.chars().any(is_digit) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !is_digit(c) {
            out.push(c);
            i += 1;
            continue;
        }
        if let Some(end) = identifier_at(&chars, i).or_else(|| dates_and_times(&chars, i)) {
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        let (end, places) = number_at(&chars, i);
        let hide = hidden(places.len());
        let mut nth = 0;
        for (at, &c) in chars.iter().enumerate().take(end).skip(i) {
            if places.get(nth) == Some(&at) {
                out.push(if hide.contains(&nth) { '*' } else { c });
                nth += 1;
            } else {
                out.push(c);
            }
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_personal_data_hides_identity_and_phone_runs() {
        for (text, masked) in [
            ("11010519491231002X", "1101**********002X"),
            ("11010519491231002x", "1101**********002x"),
            ("110105194912310", "1101*******2310"),
            ("11010519491231002", "1101*********1002"),
            ("day 11010519491231002X", "day 1101**********002X"),
            ("R11010519491231002X", "R1101**********002X"),
            ("13812345678", "138****5678"),
            ("138 1234 5678", "138 **** 5678"),
            ("+86-138-1234-5678", "+86-1**-****-5678"),
            ("0731-84567890", "073*-****7890"),
            ("5221234", "*******"),
            ("１３８１２３４５６７８", "１３８****５６７８"),
            ("2020-01-24T08:30:00+08:00", "2020-01-24T08:30:00+08:00"),
            ("2020-02-30", "2020-02-30"),
            ("2020-01-24 08:30", "2020-01-24 08:30"),
            ("2020-01-24-13812345678", "202*-**-**-*******5678"),
            ("37.5", "37.5"),
            ("U123456", "U123456"),
            ("430502101203", "430*****1203"),
            ("", ""),
        ] {
            assert_eq!(mask_personal_data(text), masked, "{text}");
            // Masking is idempotent.
            assert_eq!(mask_personal_data(masked), masked, "{masked}");
        }
    }

    #[test]
    fn any_separator_joins_the_digits_of_a_number() {
        for (text, masked) in [
            ("139.7456.1234", "139.****.1234"),
            ("139/7456/1234", "139/****/1234"),
            ("139_7456_1234", "139_****_1234"),
            ("139\u{200B}7456\u{200B}1234", "139\u{200B}****\u{200B}1234"),
            ("139\u{2060}7456\u{FEFF}1234", "139\u{2060}****\u{FEFF}1234"),
            (
                "139\u{AD}7456\u{200C}\u{200D}1234",
                "139\u{AD}****\u{200C}\u{200D}1234",
            ),
            ("139\u{3000}7456\u{A0}1234", "139\u{3000}****\u{A0}1234"),
            ("139 . 7456 -- 1234", "139 . **** -- 1234"),
            ("(139)74561234", "(139)****1234"),
            ("[139]{7456}<1234>", "[139]{****}<1234>"),
            ("139，7456。1234", "139，****。1234"),
            ("139*7456*1234", "139******1234"),
            ("电话13974561234。", "电话139****1234。"),
            ("110105.19491231.002X", "1101**.********.002X"),
            ("110105/19491231/002x", "1101**/********/002x"),
            // 8 to 10 digits: only the last 4 are kept.
            ("20200203", "****0203"),
            ("5221-2345", "****-2345"),
            ("0739/5221234", "073*/***1234"),
        ] {
            assert_eq!(mask_personal_data(text), masked, "{text}");
            assert_eq!(mask_personal_data(masked), masked, "{masked}");
        }
    }

    #[test]
    fn dates_times_and_identifiers_stay_readable_unless_more_digits_follow() {
        for (text, masked) in [
            ("06:00–12:00", "06:00–12:00"),
            ("06:00 - 12:00", "06:00 - 12:00"),
            ("8:30", "8:30"),
            ("2020-01-24, 2020-01-25", "2020-01-24, 2020-01-25"),
            ("2020-01-24 08:30:15.123Z", "2020-01-24 08:30:15.123Z"),
            ("2020-01-24T08:30-05:00", "2020-01-24T08:30-05:00"),
            (
                "at 2020-01-24T08:30:00+08:00, read 37.5",
                "at 2020-01-24T08:30:00+08:00, read 37.5",
            ),
            ("1381-02-03 45678", "138*-**-** *5678"),
            ("0999-12-31", "****-12-31"),
            ("2020-02-03 45678", "202*-**-** *5678"),
            ("45678 2020-02-03", "456** ****-02-03"),
            ("12:34 5678901", "12:3* ***8901"),
            ("2020-13-01", "****-13-01"),
            ("2020/1/24", "2020/1/24"),
            ("2020.01.24", "2020.01.24"),
            ("2020-1-24, 2020/1/25", "2020-1-24, 2020/1/25"),
            ("2020/1-24", "****/*-**"),
            ("24/1/2020", "24/1/2020"),
            ("24/1/20201", "**/*/*0201"),
            ("2020/1/245", "****/1/245"),
            (
                "staff S9999917 is not registered",
                "staff S9999917 is not registered",
            ),
            ("S9999917", "S9999917"),
            ("(S9999917)", "(S9999917)"),
            ("R4410, U12 and SR12345678", "R4410, U12 and SR12345678"),
            ("S4294967295", "S4294967295"),
            ("S4294967296", "S******7296"),
            ("S0999917", "S*******"),
            ("xS9999917", "xS*******"),
            ("s9999917", "s*******"),
            ("Q9999917", "Q*******"),
            ("S9999917 2020", "S999**** 2020"),
            ("S9999917-1234", "S999****-1234"),
            ("S9999917X", "S****917X"),
        ] {
            assert_eq!(mask_personal_data(text), masked, "{text}");
            assert_eq!(mask_personal_data(masked), masked, "{masked}");
        }
    }

    #[test]
    fn the_identifier_prefixes_are_those_of_the_identifiers() {
        use crate::ids::*;
        let shown = [
            UnitId::new(1).to_string(),
            StaffId::new(1).to_string(),
            HouseholdId::new(1).to_string(),
            ResidentId::new(1).to_string(),
            RoundId::new(1).to_string(),
            ObservationId::new(1).to_string(),
            GatheringOrderId::new(1).to_string(),
            GatheringId::new(1).to_string(),
            PersuasionId::new(1).to_string(),
            VenueId::new(1).to_string(),
            ClosureId::new(1).to_string(),
            ReopeningId::new(1).to_string(),
            ViolationId::new(1).to_string(),
            InspectionId::new(1).to_string(),
            FindingId::new(1).to_string(),
            AccountabilityId::new(1).to_string(),
        ];
        let prefixes: Vec<String> = shown
            .iter()
            .map(|s| s.trim_end_matches('1').to_owned())
            .collect();
        assert_eq!(prefixes, ID_PREFIXES);
    }

    #[test]
    fn masking_cut_text_masks_the_whole_number_first() {
        let text = format!("{}13974561234", "a".repeat(34));
        assert_eq!(
            MaskedText::truncated(&text, 40).as_str(),
            format!("{}139***", "a".repeat(34))
        );
    }

    #[test]
    fn masked_text_debug_is_quoted_and_masked() {
        let m = MaskedText::new("tel 13812345678");
        assert_eq!(format!("{m:?}"), "\"tel 138****5678\"");
        assert_eq!(m.to_string(), "tel 138****5678");
        assert_eq!(m, "tel 138****5678");
        let collected: MaskedText = "13812345678".chars().collect();
        assert_eq!(collected.as_str(), "138****5678");
    }
}

/// A person's name masked as surname + 某 (`"岳建国"` → `"岳某"`): the first character of a
/// name written in Chinese, the first word of one written in Latin letters (`"Yue Jianguo"`
/// → `"Yue 某"`). Masking a masked name changes nothing. Used for donors (DOMAIN.md §9).
pub(crate) fn mask_name(name: &str) -> String {
    let name = name.trim();
    let Some(first) = name.chars().next() else {
        return String::new();
    };
    if first.is_ascii() {
        let word = name.split_whitespace().next().unwrap_or(name);
        let word: String = word.chars().take(40).collect();
        format!("{word} 某")
    } else {
        format!("{first}某")
    }
}

#[cfg(test)]
mod name_tests {
    use super::mask_name;

    #[test]
    fn a_name_is_masked_to_its_surname_once_and_for_all() {
        assert_eq!(mask_name("岳建国"), "岳某");
        assert_eq!(mask_name("岳某"), "岳某");
        assert_eq!(mask_name("Yue Jianguo"), "Yue 某");
        assert_eq!(mask_name("Yue 某"), "Yue 某");
        assert_eq!(mask_name("  "), "");
    }
}
