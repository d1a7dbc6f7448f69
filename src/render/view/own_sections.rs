//! The consultant's own sections (`sections/*.md`) and action titles, placed by section id.

use serde::Serialize;

use crate::model::{Project, SectionId};
use crate::render::markdown;

/// One value per report section a consultant can follow or title, by its id: what
/// `report.html` places after each section, and what each section shows above its title.
#[derive(Debug, Default, Serialize)]
pub struct BySection<T> {
    pub summary: T,
    pub business_case: T,
    pub economics: T,
    pub data: T,
    pub value: T,
    pub journey: T,
    pub initiatives: T,
    pub winloss_jobs: T,
    pub appendix: T,
}

impl<T> BySection<T> {
    fn from_fn(mut f: impl FnMut(SectionId) -> T) -> Self {
        Self {
            summary: f(SectionId::Summary),
            business_case: f(SectionId::BusinessCase),
            economics: f(SectionId::Economics),
            data: f(SectionId::Data),
            value: f(SectionId::Value),
            journey: f(SectionId::Journey),
            initiatives: f(SectionId::Initiatives),
            winloss_jobs: f(SectionId::WinlossJobs),
            appendix: f(SectionId::Appendix),
        }
    }
}

/// An own section, ready to lay out.
#[derive(Debug, Serialize)]
pub struct OwnSectionView {
    /// The section element's id: `own-`, its place among the own sections and the file name.
    pub anchor: String,
    pub title: String,
    pub html: String,
    /// The language the section is written in, when the report is in another.
    pub lang: Option<&'static str>,
}

/// The own sections that follow each section, in file-name order.
pub fn own_sections(project: &Project, lang: Option<&'static str>) -> BySection<Vec<OwnSectionView>> {
    BySection::from_fn(|id| {
        project
            .own_sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.after == id)
            .map(|(i, s)| {
                let stem = s.file.rsplit('/').next().unwrap_or(&s.file).trim_end_matches(".md");
                // The index keeps two files whose names differ only in punctuation apart.
                let anchor = format!("own-{}-{}", i + 1, slug(stem));
                OwnSectionView {
                    html: markdown::to_html(
                        &s.body,
                        &anchor,
                        markdown::Pictures { file: &s.file, images: &project.images },
                    ),
                    anchor,
                    title: s.title.clone(),
                    lang,
                }
            })
            .collect()
    })
}

/// The action title above each section, when the consultant gave one.
pub fn titles(project: &Project) -> BySection<Option<String>> {
    BySection::from_fn(|id| project.story.section_titles.get(&id).cloned())
}

/// `text` as an HTML id: ASCII letters and digits, the rest as `-`.
fn slug(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}
