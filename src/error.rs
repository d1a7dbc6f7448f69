//! The errors a command can end with, and their exit codes.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::diagnostic::{Invalid, plural};

#[derive(Debug)]
pub enum Error {
    /// The command was asked for something it cannot do (exit 2).
    Usage(String),
    /// The project has problems (exit 1).
    Invalid(Invalid),
    /// A report template is broken (exit 1); the message names the template and line.
    Template(String),
    /// An external program the command needs is missing or failed (exit 1).
    Tool(String),
    /// Reading or writing a file failed (exit 1).
    Io { action: &'static str, path: PathBuf, source: io::Error },
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Invalid(_) | Error::Io { .. } | Error::Template(_) | Error::Tool(_) => 1,
        }
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { action, path, source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) | Error::Tool(message) => write!(f, "error: {message}"),
            Error::Invalid(invalid) => {
                let n = invalid.diagnostics.len();
                write!(
                    f,
                    "{}\n{n} {} found; nothing was written.",
                    invalid.render().trim_end(),
                    plural(n, "problem", "problems")
                )
            }
            Error::Template(message) => write!(f, "error: template: {message}"),
            Error::Io { action, path, source } => {
                write!(f, "error: cannot {action} {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {}
