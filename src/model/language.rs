//! The languages a report can be written in.

use std::fmt;
use std::str::FromStr;

/// The languages a report can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Language {
    En,
    Da,
    Nb,
    Sv,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::En, Language::Da, Language::Nb, Language::Sv];

    /// The BCP 47 code, as written in project.yaml and in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Da => "da",
            Language::Nb => "nb",
            Language::Sv => "sv",
        }
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Language::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| format!("unsupported language `{s}`; use one of: en, da, nb, sv"))
    }
}

impl serde::Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
