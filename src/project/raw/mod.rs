//! The project files exactly as written: serde structs that mirror the YAML.
//!
//! Every field is optional and every value keeps its place ([`Sp`]), so that
//! validation can report *all* missing or bad fields with their line and
//! column, not just the first one serde trips over. An unknown field does not
//! stop the file either: every key no field reads becomes a problem with its
//! position (`project::unknown_keys`), so a misspelt field is never ignored and
//! never hides the mistakes after it. `#[schemars(deny_unknown_fields)]` keeps
//! `additionalProperties: false` in the editor schemas. The doc comments here are the reference for each field.

mod files;
mod scalar;

pub use files::*;
pub use scalar::{Num, RawCurve, RawEstimate, Sp};
