//! References between entries: an id that names an entry of another list, known to be there.
//!
//! A [`Ref`] is built only where that is checked — the loader, which looks every id up in the
//! list that declares it and reports the ones it cannot find — or by [`Ref::find`], which does
//! the same lookup. Its index is the entry's place in that list, so analysis and rendering
//! reach the entry without searching and never meet a dangling reference:
//!
//! ```
//! use uplift::model::{Phase, Ref};
//! let phase = |id: &str| Phase { id: id.into(), name: id.into(), goal: String::new(), customer_needs: String::new() };
//! let phases = [phase("buy"), phase("use")];
//! let used = Ref::find(&phases, "use").unwrap();
//! assert_eq!((used.index(), used.id()), (1, "use"));
//! assert!(Ref::find(&phases, "leave").is_none());
//! ```
//!
//! Outside the crate no other constructor exists:
//!
//! ```compile_fail
//! let forged: uplift::model::Ref<uplift::model::Phase> = uplift::model::Ref::declared(7, "leave".into());
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::{Serialize, Serializer};

/// Something a list holds under a unique id.
pub trait Listed {
    fn id(&self) -> &str;
}

/// The id of an entry of a `[T]` that holds it, and the entry's index there.
pub struct Ref<T> {
    index: usize,
    id: String,
    of: PhantomData<fn() -> T>,
}

impl<T: Listed> Ref<T> {
    /// The entry of `list` whose id is `id`, if there is one.
    pub fn find(list: &[T], id: &str) -> Option<Self> {
        let index = list.iter().position(|entry| entry.id() == id)?;
        Some(Self::declared(index, id.to_owned()))
    }

    /// The entry this refers to, in the list it was found in.
    pub fn get<'a>(&self, list: &'a [T]) -> &'a T {
        &list[self.index]
    }
}

impl<T> Ref<T> {
    /// An id the loader found declared at `index` of its list. Only `project/` calls this
    /// (`layers.rs` checks), after it looked the id up.
    pub(crate) fn declared(index: usize, id: String) -> Self {
        Self { index, id, of: PhantomData }
    }

    /// The entry's place in the list that declares it.
    pub fn index(&self) -> usize {
        self.index
    }

    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<T> Clone for Ref<T> {
    fn clone(&self) -> Self {
        Self::declared(self.index, self.id.clone())
    }
}

impl<T> fmt::Debug for Ref<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.id, self.index)
    }
}

impl<T> fmt::Display for Ref<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

impl<T> PartialEq for Ref<T> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index && self.id == other.id
    }
}

impl<T> Eq for Ref<T> {}

impl<T> std::hash::Hash for Ref<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.index.hash(state);
    }
}

impl<T> PartialEq<str> for Ref<T> {
    fn eq(&self, other: &str) -> bool {
        self.id == other
    }
}

impl<T> PartialEq<String> for Ref<T> {
    fn eq(&self, other: &String) -> bool {
        &self.id == other
    }
}

impl<T> std::ops::Deref for Ref<T> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.id
    }
}

/// A reference is written as the id it names, as in the input files.
impl<T> Serialize for Ref<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.id)
    }
}
