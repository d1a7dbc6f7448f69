//! Random damage to the example's files must give errors, never a panic; whatever still
//! loads must analyse and render. (A property test in place of a coverage-guided fuzzer.)

use crate::common;

use std::fs;

use proptest::prelude::*;

use common::example_copy;

const FILES: [&str; 5] =
    ["project.yaml", "segments.yaml", "journey.yaml", "winloss.yaml", "workshops/2027-01-copenhagen.md"];

/// An edit: at a position (as a fraction of the file), delete some bytes and insert others.
fn edit() -> impl Strategy<Value = (usize, f64, usize, Vec<u8>)> {
    (
        0..FILES.len(),
        0.0..1.0f64,
        0..8usize,
        prop::collection::vec(
            prop::sample::select(b": -[]{}\"'&*!|>#%\n\t0123456789.abc\xff".to_vec()),
            0..6,
        ),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn damaged_projects_never_panic(edits in prop::collection::vec(edit(), 1..4)) {
        let dir = example_copy("fuzz");
        for (file, at, delete, insert) in edits {
            let path = dir.path().join(FILES[file]);
            let mut bytes = fs::read(&path).unwrap();
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
            let start = ((bytes.len() as f64) * at) as usize;
            let end = (start + delete).min(bytes.len());
            bytes.splice(start..end, insert);
            fs::write(&path, bytes).unwrap();
        }
        if let Ok(project) = uplift::project::load(dir.path()) {
            let metrics = uplift::analysis::analyse(&project);
            prop_assert!(uplift::render::report(&project, &metrics, project.meta.language, project.story.edition, None, None, &uplift::memo::Nothing).is_ok());
        }
    }
}
