//! The fast reader of a stored line (issue 14): the exact shape this crate writes, read at
//! fixed offsets. Anything else (other spacing, another field order, upper-case hex, escapes,
//! a record that is not valid JSON…) is left to the serde reader, so every error message and
//! every cut stays what it was.
//!
//! A line is accepted here only if the serde reader would accept it **and** read the same
//! values from it:
//! - the hashes are 64 lower-case hex digits between fixed quotes (the serde reader also takes
//!   upper case and `+`, which this one leaves to it);
//! - the record starts with `{` right after `"record":` and ends with the `}` just before the
//!   line's last `}`, and those bytes are one valid JSON value ([`is_json`]: RFC 8259's
//!   grammar, nested at most 64 deep; serde_json reads a `RawValue` with `ignore_value`, which
//!   accepts that grammar at any depth). A JSON value that is an object ends at its closing
//!   brace, so the record serde would cut out of the line is exactly these bytes.
//!
//! Validating the record costs about as much as hashing it with serde_json's `IgnoredAny`
//! (about 5,000 instructions for a 380-byte record); [`is_json`] takes a third of that.

use crate::hash::Hash;

const HEX: usize = 64;
const PREV: &[u8] = b"{\"prev\":\"";
const HASH: &[u8] = b"\",\"hash\":\"";
const RECORD: &[u8] = b"\",\"record\":";
const DIGEST: &[u8] = b"\",\"digest\":\"";
const REDACTED: &[u8] = b"\",\"redacted\":true}";

/// A line read the fast way.
pub(super) enum Fast<'a> {
    /// An entry with its record's bytes.
    Record {
        prev: Hash,
        hash: Hash,
        bytes: &'a str,
    },
    /// A redacted entry.
    Redacted {
        prev: Hash,
        hash: Hash,
        digest: Hash,
    },
}

/// Reads a line of the exact shape this crate writes, or `None` for anything else.
pub(super) fn read(raw: &[u8]) -> Option<Fast<'_>> {
    let rest = raw.strip_prefix(PREV)?;
    let (prev, rest) = hash_at(rest)?;
    let rest = rest.strip_prefix(HASH)?;
    let (hash, rest) = hash_at(rest)?;
    if let Some(record) = rest.strip_prefix(RECORD) {
        let record = record.strip_suffix(b"}")?;
        if record.first() != Some(&b'{') || record.last() != Some(&b'}') {
            return None;
        }
        let bytes = std::str::from_utf8(record).ok()?;
        if !is_json(record) {
            return None;
        }
        return Some(Fast::Record { prev, hash, bytes });
    }
    let rest = rest.strip_prefix(DIGEST)?;
    let (digest, rest) = hash_at(rest)?;
    (rest == REDACTED).then_some(Fast::Redacted { prev, hash, digest })
}

/// Whether `s` is exactly one JSON value (RFC 8259), nested at most 64 deep, with no
/// whitespace around it. Only ever says `true` for what serde_json also accepts; `false` sends
/// the line to serde, which says what is wrong.
pub(super) fn is_json(s: &[u8]) -> bool {
    json_value(s).is_some()
}

fn json_value(s: &[u8]) -> Option<()> {
    // Open arrays and objects, innermost in the lowest bit (1 = object).
    let mut open: u64 = 0;
    let mut depth = 0u32;
    let mut i = 0usize;
    'value: loop {
        i = skip_space(s, i);
        match *s.get(i)? {
            b'{' | b'[' => {
                if depth == 64 {
                    return None;
                }
                let object = s[i] == b'{';
                open = (open << 1) | u64::from(object);
                depth += 1;
                i = skip_space(s, i + 1);
                let close = if object { b'}' } else { b']' };
                if *s.get(i)? == close {
                    i += 1;
                    open >>= 1;
                    depth -= 1;
                } else {
                    if object {
                        i = key(s, i)?;
                    }
                    continue 'value;
                }
            }
            b'"' => i = string(s, i)?,
            b't' => i = literal(s, i, b"true")?,
            b'f' => i = literal(s, i, b"false")?,
            b'n' => i = literal(s, i, b"null")?,
            b'-' | b'0'..=b'9' => i = number(s, i)?,
            _ => return None,
        }
        // After a value: a comma, or the end of what encloses it.
        loop {
            if depth == 0 {
                return (i == s.len() && s.first().is_some_and(|b| !is_space(*b))).then_some(());
            }
            i = skip_space(s, i);
            let object = open & 1 == 1;
            match (*s.get(i)?, object) {
                (b',', true) => {
                    i = key(s, skip_space(s, i + 1))?;
                    continue 'value;
                }
                (b',', false) => {
                    i += 1;
                    continue 'value;
                }
                (b'}', true) | (b']', false) => {
                    i += 1;
                    open >>= 1;
                    depth -= 1;
                }
                _ => return None,
            }
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn skip_space(s: &[u8], mut i: usize) -> usize {
    while s.get(i).is_some_and(|b| is_space(*b)) {
        i += 1;
    }
    i
}

/// A key and its colon, at `i`; the index after the colon.
fn key(s: &[u8], i: usize) -> Option<usize> {
    if *s.get(i)? != b'"' {
        return None;
    }
    let i = skip_space(s, string(s, i)?);
    (*s.get(i)? == b':').then_some(i + 1)
}

/// A string starting with its quote at `i`; the index after its closing quote. The bytes are
/// UTF-8 already: control characters are refused, escapes checked.
fn string(s: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        // Plain bytes: neither a quote, a backslash nor a control character.
        while s.get(i).is_some_and(|b| PLAIN[usize::from(*b)]) {
            i += 1;
        }
        match *s.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => match *s.get(i + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                b'u' => {
                    let hex = s.get(i + 2..i + 6)?;
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    i += 6;
                }
                _ => return None,
            },
            0..=0x1f => return None,
            _ => i += 1,
        }
    }
}

/// The bytes a string holds as they are: not a quote, a backslash or a control character.
const PLAIN: [bool; 256] = {
    let mut t = [true; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = false;
        c += 1;
    }
    t[b'"' as usize] = false;
    t[b'\\' as usize] = false;
    t
};

fn literal(s: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    s.get(i..)?.starts_with(word).then_some(i + word.len())
}

/// A number at `i`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn number(s: &[u8], mut i: usize) -> Option<usize> {
    let digits = |i: usize| {
        let mut j = i;
        while s.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        (j > i).then_some(j)
    };
    if s[i] == b'-' {
        i += 1;
    }
    i = match *s.get(i)? {
        b'0' => i + 1,
        b'1'..=b'9' => digits(i)?,
        _ => return None,
    };
    if s.get(i) == Some(&b'.') {
        i = digits(i + 1)?;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(i)?;
    }
    // A digit right after a leading zero is not a number (serde refuses it too).
    (!s.get(i).is_some_and(u8::is_ascii_digit)).then_some(i)
}

/// The hash in the first 64 bytes (lower-case hex), and what follows.
fn hash_at(s: &[u8]) -> Option<(Hash, &[u8])> {
    let (hex, rest) = s.split_at_checked(HEX)?;
    let mut out = [0u8; 32];
    let mut bad = 0u8;
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        let (hi, lo) = (NIBBLE[usize::from(pair[0])], NIBBLE[usize::from(pair[1])]);
        bad |= hi | lo;
        *byte = (hi << 4) | (lo & 0x0f);
    }
    (bad & 0xf0 == 0).then_some((Hash::from_bytes(out), rest))
}

/// The value of a lower-case hex digit; 0xff for any other byte.
const NIBBLE: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut c = 0;
    while c < 10 {
        t[b'0' as usize + c] = c as u8;
        c += 1;
    }
    let mut c = 0;
    while c < 6 {
        t[b'a' as usize + c] = 10 + c as u8;
        c += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    fn line(record: &str) -> String {
        format!("{{\"prev\":\"{H}\",\"hash\":\"{H}\",\"record\":{record}}}")
    }

    #[test]
    fn the_written_shape_is_read_and_anything_else_left_to_serde() {
        let ok = line("{\"seq\":1,\"schema\":2}");
        assert!(matches!(
            read(ok.as_bytes()),
            Some(Fast::Record {
                bytes: "{\"seq\":1,\"schema\":2}",
                ..
            })
        ));
        let redacted =
            format!("{{\"prev\":\"{H}\",\"hash\":\"{H}\",\"digest\":\"{H}\",\"redacted\":true}}");
        assert!(matches!(
            read(redacted.as_bytes()),
            Some(Fast::Redacted { .. })
        ));
        for other in [
            line("{\"seq\":1 "),
            line("{\"seq\":1} "),
            line(" {\"seq\":1}"),
            line("{\"a\":1},\"digest\":{}"),
            line("{\"a\":\"\u{1}\"}"),
            line("[1]"),
            line("{\"seq\":1}").replace("\"prev\"", "\"prev\" "),
            line("{\"seq\":1}").to_uppercase(),
            line("{\"seq\":1}").replacen('0', "+", 1),
            format!("{{\"prev\":\"{H}\",\"hash\":\"{H}\",\"digest\":\"{H}\",\"redacted\":false}}"),
        ] {
            assert!(read(other.as_bytes()).is_none(), "{other}");
        }
    }

    #[test]
    fn json_is_checked_as_serde_checks_it() {
        for (text, ok) in [
            ("{}", true),
            (
                "{\"a\":[1,-0.5e+3,true,false,null,\"x\\u00e9\\n\"],\"b\":{}}",
                true,
            ),
            ("{ \"a\" : [ ] , \"b\" : { } }", true),
            ("[[[]]]", true),
            ("{\"a\":01}", false),
            ("{\"a\":1.}", false),
            ("{\"a\":-}", false),
            ("{\"a\":1e}", false),
            ("{\"a\":\"\\x\"}", false),
            ("{\"a\":\"\\u12g4\"}", false),
            ("{\"a\":\"\u{1}\"}", false),
            ("{\"a\":1,}", false),
            ("{\"a\" 1}", false),
            ("{1:1}", false),
            ("[1,]", false),
            ("{\"a\":1}}", false),
            ("{\"a\":[1}", false),
            ("{\"a\":tru}", false),
            ("{} ", false),
            ("", false),
        ] {
            assert_eq!(is_json(text.as_bytes()), ok, "{text}");
            if ok {
                serde_json::from_str::<serde::de::IgnoredAny>(text).unwrap();
            }
        }
        let deep = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(is_json(deep.as_bytes()));
        let deeper = format!("{}{}", "[".repeat(65), "]".repeat(65));
        assert!(!is_json(deeper.as_bytes()));
    }

    /// The records a registry founded at 2020-01-23T15:00:00+08:00 for "Huochezhan 火车站"
    /// and "Secretary Liu" writes, byte for byte (the ledger knows no event: they are data).
    const FOUNDING: [&str; 3] = [
        r#"{"seq":1,"schema":5,"at":"2020-01-23T15:00:00+08:00","actor":1,"command":{"first":1,"entries":3},"body":{"event":{"grid":{"TownshipFounded":{"unit":1,"name":"Huochezhan 火车站","code":null,"offset":28800}}}}}"#,
        r#"{"seq":2,"schema":5,"at":"2020-01-23T15:00:00+08:00","actor":1,"command":{"first":1,"entries":3},"body":{"event":{"grid":{"StaffEnrolled":{"staff":1,"name":"Secretary Liu","role":"leader","phone":null}}}}}"#,
        r#"{"seq":3,"schema":5,"at":"2020-01-23T15:00:00+08:00","actor":1,"command":{"first":1,"entries":3},"body":{"event":{"grid":{"StaffAssigned":{"staff":1,"unit":1,"duty":"charge_of_village"}}}}}"#,
    ];

    /// Given the lines of a real ledger, when any byte of a line is changed, then whatever the
    /// fast reader accepts, serde reads the same way.
    #[test]
    fn whatever_the_fast_reader_accepts_serde_reads_the_same() {
        let mut ledger = super::super::Ledger::new();
        for record in FOUNDING {
            ledger.append(record.to_owned());
        }
        ledger.redact(2).unwrap();
        let text = ledger.to_jsonl();
        let mut accepted = 0;
        for line in text.lines() {
            let line = line.as_bytes();
            for at in 0..line.len() {
                for b in [
                    b'0', b'a', b'A', b'{', b'}', b'"', b'\\', b' ', b',', 0x01, 0xff,
                ] {
                    let mut changed = line.to_vec();
                    changed[at] = b;
                    let Some(fast) = read(&changed) else {
                        continue;
                    };
                    accepted += 1;
                    let serde = super::super::parse_line_serde(&changed, 1).unwrap_or_else(|e| {
                        panic!("serde refuses what the fast reader reads: {e}")
                    });
                    match fast {
                        Fast::Record { prev, hash, bytes } => {
                            assert_eq!(
                                (prev, hash, Some(bytes)),
                                (serde.prev, serde.hash, serde.record)
                            );
                        }
                        Fast::Redacted { prev, hash, digest } => {
                            assert_eq!(
                                (prev, hash, digest, None),
                                (serde.prev, serde.hash, serde.digest, serde.record)
                            );
                        }
                    }
                }
            }
        }
        assert!(accepted > 1000, "{accepted}");
    }
}
