//! Segment names as a data file gives them, numbered.
//!
//! Every row of a log or summary names its segment, so finding a name must not cost more
//! with more segments: a list searched from the top made a summary of 200,000 one-customer
//! segments take 80 s (a million would take half an hour). Names are found through a hash
//! table under std's keyed hash, which a file cannot be written to collide, and a file read
//! without a project may name at most [`MAX_SEGMENTS`], the limit segments.yaml has: every
//! row naming one past them is a problem, so a list never holds more.

use std::collections::HashMap;

use crate::project::limits::MAX_SEGMENTS;

/// Up to this many names are searched in order rather than hashed.
const FEW: usize = 8;

/// Segment names numbered 0, 1, 2, …: the project's, in segments.yaml's order
/// ([`SegmentNames::of`]), or for a file read without a project each new name the next
/// number ([`SegmentNames::open`]).
#[derive(Clone, Debug, Default)]
pub struct SegmentNames {
    names: Vec<String>,
    numbers: HashMap<String, usize>,
    /// Whether a name not yet known is given the next number.
    open: bool,
}

/// Why a name has no number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotNumbered {
    /// Not one of the project's segments.
    Unknown,
    /// A new name past [`MAX_SEGMENTS`].
    TooMany,
}

impl SegmentNames {
    /// The project's segments, and no others. segments.yaml's ids are unique; were one
    /// repeated, its first number would count, whether found by hashing or by comparing.
    pub fn of(ids: &[String]) -> Self {
        let mut numbers = HashMap::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            numbers.entry(id.clone()).or_insert(i);
        }
        Self { names: ids.to_vec(), numbers, open: false }
    }

    /// No names yet; each new one gets the next number.
    pub fn open() -> Self {
        Self { open: true, ..Self::default() }
    }

    /// The number of `name`, given the next one when new and open.
    pub fn number(&mut self, name: &str) -> Result<usize, NotNumbered> {
        if let Some(n) = self.find(name) {
            return Ok(n);
        }
        if !self.open {
            return Err(NotNumbered::Unknown);
        }
        if self.names.len() == MAX_SEGMENTS {
            return Err(NotNumbered::TooMany);
        }
        self.names.push(name.to_owned());
        self.numbers.insert(name.to_owned(), self.names.len() - 1);
        Ok(self.names.len() - 1)
    }

    /// The number of a row's segment field, `None` when it is empty; the problem, in words,
    /// when it has none.
    pub fn of_field(&mut self, field: &str) -> Result<Option<usize>, String> {
        if field.is_empty() {
            return Ok(None);
        }
        self.number(field).map(Some).map_err(|why| self.problem(why, field))
    }

    /// The number of `name` without numbering it. A few names are compared one by one,
    /// which is quicker than hashing the name; more are looked up.
    pub fn find(&self, name: &str) -> Option<usize> {
        if self.names.len() <= FEW {
            self.names.iter().position(|n| n == name)
        } else {
            self.numbers.get(name).copied()
        }
    }

    /// The names, each at its number.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The names, each at its number, for the summary read.
    pub fn into_names(self) -> Vec<String> {
        self.names
    }

    /// Why `name` has no number, in words, for the row naming it.
    pub fn problem(&self, why: NotNumbered, name: &str) -> String {
        match why {
            NotNumbered::Unknown => format!(
                "`{name}` is not a segment id in segments.yaml (use one of: {})",
                self.names.join(", ")
            ),
            NotNumbered::TooMany => format!(
                "`{name}` is a segment past the first {MAX_SEGMENTS} this file names; a file may name at most {MAX_SEGMENTS} segments, as segments.yaml may"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_projects_names_keep_their_numbers_and_admit_no_others() {
        // A repeated id keeps its first number, hashed (more than FEW names) or compared.
        let many: Vec<String> = (0..20).map(|i| format!("s{}", i % 10)).collect();
        assert_eq!(SegmentNames::of(&many).find("s3"), Some(3));
        assert_eq!(SegmentNames::of(&["a".to_owned(), "b".to_owned(), "a".to_owned()]).find("a"), Some(0));
        let mut names = SegmentNames::of(&["b".to_owned(), "a".to_owned()]);
        assert_eq!((names.number("a"), names.number("b")), (Ok(1), Ok(0)));
        assert_eq!(names.number("c"), Err(NotNumbered::Unknown));
        assert_eq!((names.of_field(""), names.of_field("a")), (Ok(None), Ok(Some(1))));
        assert_eq!(
            names.of_field("c"),
            Err("`c` is not a segment id in segments.yaml (use one of: b, a)".to_owned())
        );
        assert_eq!(names.find("c"), None);
        assert_eq!(names.into_names(), ["b", "a"]);
    }

    #[test]
    fn an_open_list_numbers_new_names_in_order_up_to_the_limit() {
        let mut names = SegmentNames::open();
        assert_eq!((names.number("x"), names.number("y"), names.number("x")), (Ok(0), Ok(1), Ok(0)));
        for i in 2..MAX_SEGMENTS {
            assert_eq!(names.number(&format!("s{i}")), Ok(i));
        }
        assert_eq!(names.number("one too many"), Err(NotNumbered::TooMany));
        assert_eq!(names.number("x"), Ok(0), "known names are still found");
        assert_eq!(names.names().len(), MAX_SEGMENTS);
        assert!(names.problem(NotNumbered::TooMany, "z").contains("at most 1000"));
        assert!(names.problem(NotNumbered::Unknown, "z").contains("use one of: x, y, s2"));
    }
}
