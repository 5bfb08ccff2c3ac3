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

/// Write a dictd dictionary (`NAME.index` + `NAME.dict`) of `entries`
/// (headword, glosses) into `dir`; returns the index path.
pub fn write_dictd(dir: &Path, name: &str, entries: &[(&str, &str)]) -> PathBuf {
    fn b64(mut n: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut digits = vec![ALPHABET[n % 64]];
        n /= 64;
        while n > 0 {
            digits.push(ALPHABET[n % 64]);
            n /= 64;
        }
        digits.reverse();
        String::from_utf8(digits).unwrap()
    }
    let mut data = String::new();
    let mut index = String::new();
    for (head, glosses) in entries {
        let entry = format!("{head}\n{glosses}\n\n");
        index.push_str(&format!(
            "{head}\t{}\t{}\n",
            b64(data.len()),
            b64(entry.len())
        ));
        data.push_str(&entry);
    }
    std::fs::write(dir.join(format!("{name}.dict")), data).unwrap();
    let path = dir.join(format!("{name}.index"));
    std::fs::write(&path, index).unwrap();
    path
}

/// What a test needs from outside the project (a program, a Python module,
/// an installed dictionary, the evaluation set): `found`, or why it is
/// missing. A missing one fails the test under `JISR_REQUIRE_CLIENTS=1`
/// (set by `.ci/run`, where everything is installed); elsewhere the test
/// says `SKIPPED: WHAT: WHY` on stderr, gets `None` and returns.
pub fn require<T, E: std::fmt::Display>(what: &str, found: Result<T, E>) -> Option<T> {
    match found {
        Ok(found) => Some(found),
        Err(why) => {
            if std::env::var_os("JISR_REQUIRE_CLIENTS").is_some_and(|v| v == "1") {
                panic!("{what} is required (JISR_REQUIRE_CLIENTS=1) but {why}");
            }
            eprintln!("SKIPPED: {what}: {why}");
            None
        }
    }
}

/// A folder of the evaluation set (`ntrex-ar-en`), or of its scorers
/// (`""`): under `$JISR_EVAL_DIR` (set by `.ci/run`), else `../shared/eval`
/// beside the repository. Missing, it is [`require`]d.
pub fn eval_set(name: &str) -> Option<PathBuf> {
    let root = std::env::var_os("JISR_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"));
    let dir = root.join(name);
    let found = if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!("{} is absent", dir.display()))
    };
    require("the evaluation set", found)
}
