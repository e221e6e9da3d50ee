//! The label enums of this module, and how their names are parsed.

/// Defines a label enum: variants with an English name, a Chinese term and aliases, with
/// `label_en`, `label_zh`, `ALL`, `Display` (English) and `FromStr` (English in any case, with
/// `-`/`_` read as spaces; the Chinese term; any alias).
macro_rules! label_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident : $what:literal {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $en:literal, $zh:literal $(, [$($alias:literal),* $(,)?])?;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The English name, lower case.
            pub fn label_en(self) -> &'static str {
                match self { $( $name::$variant => $en, )* }
            }

            /// The Chinese term.
            pub fn label_zh(self) -> &'static str {
                match self { $( $name::$variant => $zh, )* }
            }

            fn aliases(self) -> &'static [&'static str] {
                match self { $( $name::$variant => &[$($($alias),*)?], )* }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label_en())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;

            fn from_str(s: &str) -> Result<Self, crate::Error> {
                let wanted = $crate::gathering::label::normalize(s);
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| {
                        wanted == v.label_en()
                            || wanted == v.label_zh()
                            || v.aliases().iter().any(|a| wanted == $crate::gathering::label::normalize(a))
                    })
                    .ok_or_else(|| crate::Error::InvalidGatheringLabel {
                        what: $what,
                        input: $crate::gathering::label::clip(s),
                        expected: $name::ALL
                            .iter()
                            .map(|v| format!("{} ({})", v.label_en(), v.label_zh()))
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
            }
        }
    };
}

pub(crate) use label_enum;

/// Lower case, trimmed, `-` and `_` read as spaces, runs of spaces as one.
pub(crate) fn normalize(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most 40 characters of user text, for messages.
pub(crate) fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}
