//! Labels (标签): the English and Chinese names of the crate's label enums, and how clerks'
//! words are parsed back into them.
//!
//! Every label enum has `label_en()` (English, lower case), `label_zh()` (the Chinese term),
//! `Display` (the English name) and `FromStr`, which accepts:
//! - the English name in any case, with `_`, `-` and spaces alike (`"Grid_Worker"`,
//!   `"grid-worker"`, `"GRID WORKER"`);
//! - the Chinese term (`"网格员"`), with surrounding spaces;
//! - the aliases listed in each type's documentation (`"村医"`, `"男性"`…).
//!
//! Anything else is refused with [`ValueError::UnknownLabel`](crate::value_error::ValueError::UnknownLabel), which quotes the text given (at
//! most 40 characters, identity and phone numbers masked) and lists the accepted names:
//!
//! ```
//! use fangkong::Role;
//! assert_eq!("网格员".parse::<Role>()?, Role::GridWorker);
//! assert_eq!("Grid_Worker".parse::<Role>()?, Role::GridWorker);
//! assert_eq!(Role::HealthWorker.label_zh(), "卫生院医生");
//! assert_eq!(
//!     "boss".parse::<Role>().unwrap_err().to_string(),
//!     "\"boss\" is not a role; write one of: leader (组长), cadre (干部), grid worker (网格员), \
//!      health worker (卫生院医生), inspector (纪委), volunteer (志愿者)"
//! );
//! # Ok::<(), fangkong::Error>(())
//! ```
//!
//! The macro [`labels!`] implements all of this for a fieldless enum. Each label enum's names
//! are declared beside the type, in the module that defines it (`identity`, `place`,
//! `household`, `grid/labels.rs`, `screening/labels.rs`, `observation/labels.rs`,
//! `report/labels.rs`, and the label enums of `gathering` and `supervision`); enums that carry
//! data (`Relation::Other`, `EndReason::Other`, `DeregistrationReason::RegisteredInError`) and
//! `RiskLevel` have their own implementations there, on the same helpers. This file is the
//! machinery only: it imports no domain module (tests/layers.rs).

use crate::value_error::ValueError;

/// Normalizes text for comparison: trimmed, lower case, `_` and `-` read as spaces, runs of
/// spaces (full-width ones too) collapsed to one.
pub(crate) fn normalize(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most 40 characters of user text, with identity and phone numbers masked, for messages.
pub(crate) fn quote(s: &str) -> String {
    crate::mask::MaskedText::truncated(s, 40)
        .as_str()
        .to_owned()
}

/// The value among `all` whose English name, Chinese term or an alias is `input` (compared
/// after [`normalize`]).
pub(crate) fn find_label<T: Copy>(
    input: &str,
    all: &[T],
    names: impl Fn(T) -> (&'static str, &'static str, &'static [&'static str]),
) -> Option<T> {
    let wanted = normalize(input);
    all.iter().copied().find(|&v| {
        let (en, zh, aliases) = names(v);
        wanted == normalize(en)
            || wanted == normalize(zh)
            || aliases.iter().any(|a| wanted == normalize(a))
    })
}

/// `"en (zh), en (zh), …"`: the accepted names, for messages.
pub(crate) fn expected<T: Copy>(
    all: &[T],
    names: impl Fn(T) -> (&'static str, &'static str, &'static [&'static str]),
) -> String {
    all.iter()
        .map(|&v| {
            let (en, zh, _) = names(v);
            format!("{en} ({zh})")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses a label among `all`, or refuses it with [`ValueError::UnknownLabel`](crate::value_error::ValueError::UnknownLabel).
pub(crate) fn parse_label<T: Copy>(
    input: &str,
    what: &'static str,
    all: &[T],
    names: impl Fn(T) -> (&'static str, &'static str, &'static [&'static str]) + Copy,
) -> Result<T, ValueError> {
    find_label(input, all, names).ok_or_else(|| ValueError::UnknownLabel {
        what,
        input: quote(input),
        expected: expected(all, names),
    })
}

/// Implements the labels of a fieldless enum: `ALL`, `label_en`, `label_zh`, `FromStr`, and
/// `Display` (the English name) unless the enum has its own.
///
/// ```text
/// labels!(Sex: "sex", with_display {
///     Male => "male", "男", ["m", "男性"];
///     Female => "female", "女", ["f", "女性"];
/// });
/// ```
///
/// `with_display` adds `Display`; `no_display` leaves an existing one (which must print the
/// English name). An optional `error = [ErrorType] Variant` after it names the
/// error type (`FromStr::Err`) and its variant with the fields `what`, `input` and `expected`,
/// other than [`ValueError::UnknownLabel`](crate::value_error::ValueError::UnknownLabel).
macro_rules! labels {
    (
        $name:ident : $what:literal, $display:ident $(, error = [$($errty:tt)*] $err:ident)? {
            $( $variant:ident => $en:literal, $zh:literal $(, [$($alias:literal),* $(,)?])? ; )+
        }
    ) => {
        impl $name {
            #[doc = concat!(
                "Every value, in order. `FromStr` reads each from its English name (any case, ",
                "`_`, `-` and spaces alike), its Chinese term or an alias: ",
                $( "`", $en, "` (`", $zh, "`", $($(", `", $alias, "`",)*)? "); ", )+
            )]
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The English name, lower case; what `Display` prints.
            pub fn label_en(self) -> &'static str {
                match self { $( $name::$variant => $en, )+ }
            }

            /// The Chinese term.
            pub fn label_zh(self) -> &'static str {
                match self { $( $name::$variant => $zh, )+ }
            }

            #[allow(dead_code)]
            fn aliases(self) -> &'static [&'static str] {
                match self { $( $name::$variant => &[$($($alias),*)?], )+ }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::label::labels!(@type [$($($errty)*)?]);

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let names = |v: $name| (v.label_en(), v.label_zh(), v.aliases());
                $crate::label::find_label(s, $name::ALL, names).ok_or_else(|| {
                    $crate::label::labels!(
                        @error [$($($errty)* :: $err)?]
                        $what,
                        $crate::label::quote(s),
                        $crate::label::expected($name::ALL, names)
                    )
                })
            }
        }

        $crate::label::labels!(@$display $name);
    };
    (@type []) => { $crate::value_error::ValueError };
    (@type [$($errty:tt)+]) => { $($errty)+ };
    (@error [] $what:expr, $input:expr, $expected:expr) => {
        $crate::value_error::ValueError::UnknownLabel { what: $what, input: $input, expected: $expected }
    };
    (@error [$($err:tt)+] $what:expr, $input:expr, $expected:expr) => {
        $($err)+ { what: $what, input: $input, expected: $expected }
    };
    (@with_display $name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.label_en())
            }
        }
    };
    (@no_display $name:ident) => {};
}

pub(crate) use labels;

/// Defines a kind key (kinds as data: kinds of gathering, venue, publicity, post, site,
/// item…): a validated
/// newtype over a key, with preset constants, `label_en`/`label_zh` for the presets, `Display`
/// (the English name), `Debug` (the key), `FromStr` (a preset by key, English name, Chinese term
/// or alias; otherwise a key of your own) and serde through the key, checked.
///
/// ```text
/// kind_key!(
///     /// A kind of gathering.
///     GatheringKind, Error, |input| Error::Gathering(GatheringError::InvalidKindKey {
///         what: "kind of gathering",
///         input,
///     });
///     /// Weddings (婚礼).
///     WEDDING => "wedding", "wedding", "婚礼", ["喜事"];
/// );
/// ```
macro_rules! kind_key {
    (
        $(#[$meta:meta])*
        $name:ident, $err:ty, $make_err:expr;
        $(
            $(#[$cmeta:meta])*
            $konst:ident => $key:literal, $en:literal, $zh:literal, [$($alias:literal),* $(,)?];
        )*
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(::std::borrow::Cow<'static, str>);

        impl $name {
            $(
                $(#[$cmeta])*
                pub const $konst: $name = $name(::std::borrow::Cow::Borrowed($key));
            )*

            /// The presets, in order.
            pub const PRESETS: &'static [$name] = &[$($name::$konst),*];

            /// The kind with this key: a preset's key gives the preset, any other well-formed
            /// key a kind of your own (define it before anything names it).
            ///
            /// # Errors
            /// The module's error naming the key (its code says which: `invalid_kind_key`
            /// for kinds of gathering, venue, publicity and site, `invalid_post_kind_key`,
            /// `invalid_item_key`) unless the key is 1 to 40 lower-case ASCII letters, digits
            /// and hyphens, starting with a letter.
            pub fn new(key: &str) -> Result<Self, $err> {
                if let Some(p) = Self::PRESETS.iter().find(|p| p.key() == key) {
                    return Ok(p.clone());
                }
                let well_formed = (1..=40).contains(&key.len())
                    && key.starts_with(|c: char| c.is_ascii_lowercase())
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if well_formed {
                    Ok($name(::std::borrow::Cow::Owned(key.to_owned())))
                } else {
                    let make: fn(String) -> $err = $make_err;
                    Err(make($crate::label::quote(key)))
                }
            }

            /// Its key, as stored (`"collective-dining"`).
            pub fn key(&self) -> &str {
                &self.0
            }

            /// Whether it is one of the [presets](Self::PRESETS).
            pub fn is_preset(&self) -> bool {
                Self::PRESETS.contains(self)
            }

            fn preset_names(&self) -> Option<(&'static str, &'static str, &'static [&'static str])> {
                match self.key() {
                    $( $key => Some(($en, $zh, &[$($alias),*])), )*
                    _ => None,
                }
            }

            /// The English name of a preset (`"collective dining"`); a kind of your own gives
            /// its key (the registry holds its names).
            pub fn label_en(&self) -> &str {
                self.preset_names().map_or(self.key(), |n| n.0)
            }

            /// The Chinese term of a preset (`"集体聚餐"`); a kind of your own gives its key.
            pub fn label_zh(&self) -> &str {
                self.preset_names().map_or(self.key(), |n| n.1)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.label_en())
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.key())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $err;

            /// A preset by its key, English name (any case), Chinese term or alias; otherwise
            /// a key of your own.
            fn from_str(s: &str) -> Result<Self, $err> {
                let wanted = $crate::label::normalize(s);
                for p in Self::PRESETS {
                    if let Some((en, zh, aliases)) = p.preset_names() {
                        if wanted == $crate::label::normalize(p.key())
                            || wanted == $crate::label::normalize(en)
                            || wanted == $crate::label::normalize(zh)
                            || aliases.iter().any(|a| wanted == $crate::label::normalize(a))
                        {
                            return Ok(p.clone());
                        }
                    }
                }
                $name::new(s.trim())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                $name::new(&s).map_err(::serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use kind_key;
