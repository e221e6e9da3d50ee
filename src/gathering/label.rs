//! The label enums of this module, and how their names are parsed.

/// Defines a label enum: variants with an English name, a Chinese term and aliases, with
/// `label_en`, `label_zh`, `ALL`, `Display` (English) and `FromStr` (English in any case, with
/// `-`/`_` read as spaces; the Chinese term; any alias), through the crate's shared
/// `labels!` (src/label.rs); unknown names are refused with [`GatheringError::InvalidGatheringLabel`](crate::gathering::GatheringError::InvalidGatheringLabel).
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

        $crate::label::labels!($name: $what, with_display, error = [$crate::gathering::GatheringError] InvalidGatheringLabel {
            $( $variant => $en, $zh $(, [$($alias),*])?; )*
        });
    };
}

pub(crate) use label_enum;
