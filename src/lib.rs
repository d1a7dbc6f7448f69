//! `uplift`: checks a customer-loyalty project folder, computes the value uplift
//! and the gap rankings, and renders a report leadership can challenge.
//!
//! The pipeline, one folder each: [`project`] (files → raw structs → validated
//! model) → [`model`] (types that cannot be invalid) → [`analysis`] (pure
//! functions) → `render` (the report). [`cmd`] wires them to the command line.

pub mod analysis;
pub mod cli;
pub mod cmd;
pub mod css;
pub mod csv_field;
pub mod diagnostic;
pub mod error;
pub mod interrupt;
#[cfg(test)]
mod layers;
pub mod memo;
pub mod model;
pub mod output;
pub mod parallel;
pub mod process;
pub mod project;
pub mod render;
pub mod terminal;
