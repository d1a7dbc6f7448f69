//! The project files exactly as written: serde structs that mirror the YAML.
//!
//! Every field is optional and every value keeps its place ([`Sp`]), so that
//! validation can report *all* missing or bad fields with their line and
//! column, not just the first one serde trips over. An unknown field does not
//! stop the file either: every key no field reads becomes a problem with its
//! position (`project::unknown_keys`), so a misspelt field is never ignored and
//! never hides the mistakes after it. `#[schemars(deny_unknown_fields)]` keeps
//! `additionalProperties: false` in the editor schemas. The doc comments here are the reference for each field.

/// Declares the raw struct of one YAML block, with what every block shares: it reads every
/// field it knows and takes an absent one as absent (`None`, empty list), and its editor
/// schema has `additionalProperties: false`. The field doc comments inside become the
/// schema's descriptions.
macro_rules! yaml_block {
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Default, serde::Deserialize, schemars::JsonSchema)]
        #[serde(default)]
        #[schemars(deny_unknown_fields)]
        pub struct $name { $($body)* }
    };
}

mod files;
mod scalar;

pub use files::*;
pub use scalar::{Num, NumField, RawCurve, RawEstimate, Sp};
