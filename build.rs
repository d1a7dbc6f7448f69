//! The Fluent catalogues are read at compile time by `fluent_templates::static_loader!`,
//! which does not tell cargo about them: without this, editing a catalogue would not
//! rebuild the binary.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
