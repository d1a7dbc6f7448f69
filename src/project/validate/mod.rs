//! Raw file contents → the validated [`crate::model::Project`].
//!
//! One module per input file. Each reads its raw struct with a [`Checker`],
//! which records a diagnostic for every problem and yields `None` for any
//! value it could not build, so all files and all fields are checked in one
//! run. Cross-file references (a touchpoint's phase, an investment's segment)
//! are checked against the ids the other file declares, even when that file
//! has problems of its own.

mod checker;
mod data_section;
mod initiative_list;
mod jobs_file;
mod journey_file;
mod number;
mod option_file;
mod own_section_file;
mod project_file;
mod report_block;
mod segments_file;
mod subscription;
mod winloss_file;
mod workshop_file;

pub use checker::{Checker, KnownIds};
pub use data_section::data_path;
pub use journey_file::{declared_initiatives, declared_markets, declared_phases};
pub use option_file::validate as option;
pub use own_section_file::validate as own_section;
pub use project_file::{InvestmentRefs, ProjectPart, settings_and_data, validate as project};
pub use segments_file::{DataState, declared_ids as declared_segments, ids_in_order, validate as segments};
pub use {
    jobs_file::validate as jobs, journey_file::validate as journey, winloss_file::validate as winloss,
    workshop_file::validate as workshop,
};
