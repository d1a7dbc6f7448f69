//! The project files exactly as written: serde structs that mirror the YAML.
//!
//! Every field is optional and every value keeps its place ([`Sp`]), so that
//! validation can report *all* missing or bad fields with their line and
//! column, not just the first one serde trips over. Unknown fields are still
//! refused at parse time (`deny_unknown_fields`): a misspelt field must never
//! be silently ignored. The doc comments here are the reference for each field.

mod files;
mod scalar;

pub use files::*;
pub use scalar::{Num, RawCurve, RawEstimate, Sp};
