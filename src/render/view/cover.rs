//! The cover: title, client, purpose, who prepared it, the version, and the print footer.

use serde::Serialize;

use crate::model::Project;
use crate::render::locale::Localizer;

#[derive(Debug, Serialize)]
pub struct MetaView {
    pub title: String,
    pub client: String,
    pub purpose: String,
    pub date: String,
    pub prepared_by: String,
    pub currency: String,
    pub horizon_years: u32,
    pub primary_color: String,
    /// The logo as a `data:` URI.
    pub logo: Option<String>,
    /// The print footer, escaped for a CSS string.
    pub footer_css: String,
    /// "abc1234, 20 November 2026 (draft)" — a draft while changes are uncommitted — when the
    /// project is in git and `report.show_version` allows it.
    pub version: Option<String>,
}

/// The cover's facts; `logo` is a ready `data:` URI.
pub fn build(project: &Project, logo: Option<String>, l: &Localizer) -> MetaView {
    MetaView {
        title: project.meta.title.clone(),
        client: project.meta.client.clone(),
        purpose: project.meta.purpose.clone(),
        date: l.date(project.meta.date),
        prepared_by: project.meta.prepared_by.clone(),
        currency: project.meta.currency.clone(),
        horizon_years: project.settings.horizon_years,
        primary_color: project.brand.primary_color.clone().unwrap_or_else(|| "#1f4e79".to_owned()),
        logo,
        version: project.version.as_ref().filter(|_| project.story.show_version).map(|v| {
            let id = if v.uncommitted_changes { "version-dirty" } else { "version-clean" };
            l.t_with(id, vec![("commit", v.commit.clone().into()), ("date", l.date(v.date).into())])
        }),
        footer_css: css_string(&l.t_with(
            "page-footer",
            vec![
                ("client", project.meta.client.clone().into()),
                ("title", project.meta.title.clone().into()),
            ],
        )),
    }
}

/// `text` escaped for the inside of a double-quoted CSS string in a `<style>` element:
/// every character outside plain letters, digits and spaces becomes a CSS escape, so
/// nothing the consultant wrote can end the string or the element.
fn css_string(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == ' ' {
                c.to_string()
            } else {
                format!("\\{:x} ", u32::from(c))
            }
        })
        .collect()
}
