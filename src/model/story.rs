//! The consultant's own story: their headline, key messages, next steps and action titles,
//! their own sections, and the pictures their Markdown shows.

use std::collections::BTreeMap;

use super::project::ImageKind;

/// project.yaml, where the business case and the story are written: pictures in them are
/// found relative to it.
pub const PROJECT_YAML: &str = "project.yaml";

/// The report's sections a consultant can give an action title or follow with an own
/// section, in the report's order. Each is also the name of its template partial
/// (`templates/sections/<key>.html`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionId {
    Summary,
    BusinessCase,
    Economics,
    Data,
    Value,
    Journey,
    Initiatives,
    WinlossJobs,
    Appendix,
}

impl SectionId {
    pub const ALL: [SectionId; 9] = [
        SectionId::Summary,
        SectionId::BusinessCase,
        SectionId::Economics,
        SectionId::Data,
        SectionId::Value,
        SectionId::Journey,
        SectionId::Initiatives,
        SectionId::WinlossJobs,
        SectionId::Appendix,
    ];

    /// The id as written in project.yaml and in an own section's `after`.
    pub fn key(self) -> &'static str {
        match self {
            SectionId::Summary => "summary",
            SectionId::BusinessCase => "business_case",
            SectionId::Economics => "economics",
            SectionId::Data => "data",
            SectionId::Value => "value",
            SectionId::Journey => "journey",
            SectionId::Initiatives => "initiatives",
            SectionId::WinlossJobs => "winloss_jobs",
            SectionId::Appendix => "appendix",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Which report to build: everything, or what a board reads in ten minutes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Edition {
    /// Every section and the audit appendix.
    #[default]
    Full,
    /// Cover, summary, business case, value, journey gaps and own sections: no methods,
    /// derivations, sources, field paths or model parameters. The figures are the same.
    Leadership,
}

impl Edition {
    pub fn key(self) -> &'static str {
        match self {
            Edition::Full => "full",
            Edition::Leadership => "leadership",
        }
    }
}

impl std::str::FromStr for Edition {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        [Edition::Full, Edition::Leadership]
            .into_iter()
            .find(|e| e.key() == s)
            .ok_or_else(|| format!("unknown edition `{s}`; use `full` or `leadership`"))
    }
}

/// What project.yaml's `report:` says; each part that is absent leaves the generated text.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// Markdown, in place of the generated headline sentence.
    pub headline: Option<String>,
    /// Markdown, at most [`Story::MAX_KEY_MESSAGES`], shown in the summary.
    pub key_messages: Vec<String>,
    /// Markdown, in place of the generated next steps.
    pub next_steps: Option<Vec<String>>,
    /// Plain text shown above a section's standard title.
    pub section_titles: BTreeMap<SectionId, String>,
    /// The edition `build` writes unless `--edition` says otherwise.
    pub edition: Edition,
    /// Whether the cover shows the version the report was built from.
    pub show_version: bool,
}

impl Story {
    pub const MAX_KEY_MESSAGES: usize = 5;
}

impl Default for Story {
    fn default() -> Self {
        Self {
            headline: None,
            key_messages: Vec::new(),
            next_steps: None,
            section_titles: BTreeMap::new(),
            edition: Edition::Full,
            show_version: true,
        }
    }
}

/// A section the consultant wrote (`sections/<name>.md`).
#[derive(Clone, Debug, PartialEq)]
pub struct OwnSection {
    /// `sections/<name>.md`; own sections after the same section follow in file-name order.
    pub file: String,
    pub title: String,
    pub after: SectionId,
    /// Markdown.
    pub body: String,
}

/// A picture a Markdown text shows, read from the project and checked by its bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    /// Relative to the project folder, `/` separated: what [`image_path`] resolves to.
    pub path: String,
    pub kind: ImageKind,
    pub bytes: Vec<u8>,
}

/// The project file an image reference `dest` in a Markdown text of `file` points at, as a
/// `/`-separated path relative to the project folder; `None` when it points outside the
/// project (`..` past the top, an absolute path) or at another place (`https:`, `data:`,
/// `//host`). Relative to `file`'s folder, as every Markdown previewer reads it.
pub fn image_path(file: &str, dest: &str) -> Option<String> {
    if dest.is_empty() || dest.starts_with('/') || dest.starts_with('\\') || has_scheme(dest) {
        return None;
    }
    let mut parts: Vec<&str> = file.split('/').collect();
    parts.pop();
    for part in dest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Whether `dest` starts with a URL scheme such as `https:` or `c:`.
fn has_scheme(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && !scheme.contains('/')
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_is_found_relative_to_the_file_that_shows_it() {
        assert_eq!(image_path("project.yaml", "assets/churn.png").as_deref(), Some("assets/churn.png"));
        assert_eq!(image_path("workshops/a.md", "../assets/c.png").as_deref(), Some("assets/c.png"));
        assert_eq!(image_path("sections/a.md", "./fig/c.svg").as_deref(), Some("sections/fig/c.svg"));
        assert_eq!(image_path("sections/a.md", "c.png").as_deref(), Some("sections/c.png"));
    }

    #[test]
    fn an_image_outside_the_project_or_elsewhere_has_no_path() {
        for dest in [
            "../x.png",
            "/etc/passwd",
            "https://e.test/a.png",
            "//e.test/a.png",
            "data:image/png;base64,AA",
            "C:/x.png",
            "",
            "..",
        ] {
            assert_eq!(image_path("project.yaml", dest), None, "{dest}");
        }
        assert_eq!(image_path("workshops/a.md", "../../x.png"), None);
    }

    #[test]
    fn section_ids_read_back_from_their_keys() {
        for s in SectionId::ALL {
            assert_eq!(SectionId::from_key(s.key()), Some(s));
        }
        assert_eq!(SectionId::from_key("cover"), None);
    }
}
