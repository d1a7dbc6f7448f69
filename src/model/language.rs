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
        // `no` is Norwegian as ISO 639-1 has it; reports are written in Bokmål.
        let code = if s == "no" { "nb" } else { s };
        Language::ALL
            .into_iter()
            .find(|l| l.code() == code)
            .ok_or_else(|| format!("unsupported language `{s}`; use one of: en, da, nb (or no), sv"))
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

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn norwegian_is_read_as_bokmal() {
        assert_eq!("no".parse::<Language>(), Ok(Language::Nb));
        assert_eq!("nb".parse::<Language>(), Ok(Language::Nb));
        assert!("nn".parse::<Language>().is_err());
    }
}
