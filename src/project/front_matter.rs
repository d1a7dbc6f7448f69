//! Splits a Markdown note into its YAML front matter and its body.

/// A note's front matter (the YAML between the `---` lines) and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line number (0-based) of the first YAML line, to offset positions.
    pub yaml_line_offset: u32,
    pub body: &'a str,
}

/// Why a note's front matter could not be found.
#[derive(Debug, PartialEq, Eq)]
pub enum FrontMatterError {
    Missing,
    Unclosed,
}

/// Splits `text` at the `---` fences. The first line must be `---`.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let rest = text
        .strip_prefix("---\r\n")
        .or_else(|| text.strip_prefix("---\n"))
        .ok_or(FrontMatterError::Missing)?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            return Ok(Split { yaml, yaml_line_offset: 1, body: &rest[offset + line.len()..] });
        }
        offset += line.len();
    }
    Err(FrontMatterError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let s = split("---\ntitle: A\n---\n# Notes\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "# Notes\n");
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert_eq!(split("# Notes\n"), Err(FrontMatterError::Missing));
        assert_eq!(split("---\ntitle: A\n# Notes\n"), Err(FrontMatterError::Unclosed));
    }
}
