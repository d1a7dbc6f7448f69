//! The integration tests: one binary, one module per area, sharing `common`'s helpers
//! (temp projects, running the binary). Each module's own doc comment says what it covers.

mod accessibility;
mod assets;
mod broken_projects;
mod browser;
mod cache;
mod cdnow;
mod cli;
mod common;
mod damaged_exports;
mod data;
mod diff;
mod docs;
mod editions;
mod fuzz_loader;
mod golden;
mod hostile;
mod languages;
mod published_fits;
mod report;
mod schema;
mod story;
mod version;
mod watch;
