//! `uplift templates export`: the built-in report templates, written out for editing;
//! `uplift templates view`: the data they are rendered with.

use std::path::Path;

use crate::error::Error;
use crate::output::write_atomically;
use crate::render::templates::BUILT_IN;

/// Writes every built-in template into `dir` (sections into `dir/sections/`), refusing
/// before writing anything when one of them is already there: a consultant's edits are
/// never overwritten.
pub fn export(dir: &Path) -> Result<(), Error> {
    let taken: Vec<String> = BUILT_IN
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(Error::Usage(format!(
            "{} {} already there ({}); nothing was written: export into an empty folder and copy over what you need",
            taken.len(),
            crate::diagnostic::plural(taken.len(), "template is", "templates are"),
            taken.join(", ")
        )));
    }
    std::fs::create_dir_all(dir.join("sections")).map_err(Error::io("create", dir.join("sections")))?;
    for (name, text) in BUILT_IN {
        write_atomically(&dir.join(name), text.as_bytes())?;
    }
    crate::say!(
        "wrote {} templates to {}; keep only the ones you change: each file a project's templates/ folder \
         holds replaces the built-in one of that name, and the rest follow uplift's updates",
        BUILT_IN.len(),
        dir.display()
    );
    Ok(())
}

/// Prints the view of the project at `dir` as the templates see it, as JSON.
pub fn view(
    dir: &Path,
    choices: super::build::Choices,
    options: crate::project::Options,
) -> Result<(), Error> {
    let cache = super::cache::Store::open(dir, options.cache);
    let project = super::load(dir, options, &cache)?;
    let metrics = super::analyse(&project, &cache);
    let language = choices.language.unwrap_or(project.meta.language);
    let edition = choices.edition.unwrap_or(project.story.edition);
    let view = crate::render::view_json(&project, &metrics, language, edition)?;
    crate::output::Destination::Stdout.write(view.as_bytes())?;
    cache.save();
    Ok(())
}
