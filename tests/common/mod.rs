//! Helpers shared by the CLI test files.
// Each test file compiles this module on its own and uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A file of the bundled corpus.
pub fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpora")
        .join(name)
}

/// `jisr` in a clean environment (no NO_COLOR, no PAGER).
pub fn jisr() -> Command {
    let mut cmd = Command::cargo_bin("jisr").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("PAGER");
    cmd
}

/// [`jisr`] run in `dir`, with a fixed TMX date.
pub fn jisr_in(dir: &Path) -> Command {
    let mut cmd = jisr();
    cmd.env("SOURCE_DATE_EPOCH", "1700000000").current_dir(dir);
    cmd
}
