//! `jisr batch` against hostile input (issue 15): a document the aligner
//! panics on, JSON ids that must stay as written, a FIFO, file names that are
//! not UTF-8 or hold control characters, `-o` onto an input. Whatever one
//! document does, the others are written and each problem is one line.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jisr::export::tmx::read_tmx;
use serde_json::Value;

mod common;
use common::{corpus, jisr_in};

/// Articles that align without trouble.
const GOOD: [&str; 2] = ["gulf-port", "beirut-election"];

/// [`jisr_in`] without `RUST_BACKTRACE`, which asks for Rust's own panic
/// report, and with a time limit: a hang is a failure, not a stuck suite.
fn jisr(dir: &Path) -> assert_cmd::Command {
    let mut cmd = jisr_in(dir);
    cmd.env_remove("RUST_BACKTRACE")
        .timeout(Duration::from_secs(120));
    cmd
}

/// One Arabic sentence against sixty English ones: the aligner panicked on
/// such a pair (`best_path`, index out of bounds) before the lead's fix.
fn skewed_pair() -> (String, String) {
    let src = "قال الوزير إن الميناء سيفتح في الربيع.\n".to_string();
    let tgt: String = (1..=60)
        .map(|k| format!("Paragraph {k} of the report lists the port's {k} new cranes.\n"))
        .collect();
    (src, tgt)
}

/// `dir/articles` with the [`GOOD`] articles, plus `extra` (name, ar, en).
fn folder(dir: &Path, extra: &[(&str, &str, &str)]) -> PathBuf {
    let folder = dir.join("articles");
    std::fs::create_dir_all(&folder).unwrap();
    for name in GOOD {
        for ext in ["ar.txt", "en.txt"] {
            let file = format!("{name}.{ext}");
            std::fs::copy(corpus(&file), folder.join(&file)).unwrap();
        }
    }
    for (name, ar, en) in extra {
        std::fs::write(folder.join(format!("{name}.ar.txt")), ar).unwrap();
        std::fs::write(folder.join(format!("{name}.en.txt")), en).unwrap();
    }
    folder
}

/// Every stderr line is one message: `jisr: ...` or a document summary,
/// never a panic's several lines.
fn assert_one_line_messages(stderr: &str) {
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
    for line in stderr.lines() {
        assert!(
            line.starts_with("jisr: ") || line.contains(" sentences; beads "),
            "not a one-line message: {line:?}\n{stderr}"
        );
    }
}

/// The documents named in a TMX file's units.
fn tmx_documents(path: &Path) -> Vec<String> {
    let tmx = read_tmx(path).unwrap();
    let mut names: Vec<String> = tmx
        .units
        .iter()
        .filter_map(|u| u.prop("x-document").map(str::to_string))
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn a_skewed_document_is_aligned_or_reported_and_the_others_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let (ar, en) = skewed_pair();
    folder(dir.path(), &[("skewed", &ar, &en)]);
    let out = jisr(dir.path())
        .args(["batch", "articles", "-o", "corpus.tmx"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_one_line_messages(&stderr);
    let written = tmx_documents(&dir.path().join("corpus.tmx"));
    for name in GOOD {
        assert!(written.iter().any(|d| d == name), "{name}: {written:?}");
    }
    if out.status.success() {
        // The aligner copes: the document is aligned like the others.
        assert!(
            stderr.contains("skewed: 1 ar + 60 en sentences"),
            "{stderr}"
        );
    } else {
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("jisr: skewed: internal error (a bug, please report it): "),
            "{stderr}"
        );
        assert!(
            stderr.contains("jisr: 2 documents aligned, 1 failed"),
            "{stderr}"
        );
        assert!(!written.iter().any(|d| d == "skewed"), "{written:?}");
    }
}

/// JSONL documents: the two good articles around the skewed pair.
fn jsonl_with_skewed_document() -> String {
    let (ar, en) = skewed_pair();
    let mut lines = Vec::new();
    for (k, name) in GOOD.iter().enumerate() {
        let src = std::fs::read_to_string(corpus(&format!("{name}.ar.txt"))).unwrap();
        let tgt = std::fs::read_to_string(corpus(&format!("{name}.en.txt"))).unwrap();
        lines.push(serde_json::json!({"id": name, "src": src, "tgt": tgt}).to_string());
        if k == 0 {
            lines.push(serde_json::json!({"id": "skewed", "src": ar, "tgt": en}).to_string());
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn stdin_a_skewed_document_is_aligned_or_reported_and_the_others_are_written() {
    let dir = tempfile::tempdir().unwrap();
    for chunk in ["1", "3"] {
        let out = jisr(dir.path())
            .args(["batch", "--stdin", "--chunk", chunk])
            .write_stdin(jsonl_with_skewed_document())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_one_line_messages(&stderr);
        let beads: Vec<Value> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        for name in GOOD {
            assert!(
                beads.iter().any(|b| b["document"] == name),
                "chunk {chunk}: no beads for {name}"
            );
        }
        if !out.status.success() {
            assert_eq!(out.status.code(), Some(2), "{stderr}");
            assert!(
                stderr.contains(
                    "jisr: <stdin>:2: document \"skewed\": internal error (a bug, please report it): "
                ),
                "{stderr}"
            );
            assert!(!beads.iter().any(|b| b["document"] == "skewed"));
        }
    }
}

#[test]
fn stdin_ids_are_kept_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |id: &str| {
        format!(
            r#"{{"id": {id}, "src": "قال الوزير إن الميناء سيفتح.", "tgt": "The minister said the port would open."}}"#
        )
    };
    let ids = [
        "123456789012345678901234567890",
        "1",
        r#""1""#,
        "-2.50",
        "1e3",
    ];
    let input: String = ids.iter().map(|id| doc(id) + "\n").collect();
    let out = jisr(dir.path())
        .args(["batch", "--stdin"])
        .write_stdin(input)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let written: Vec<&str> = stdout
        .lines()
        .map(|l| {
            let rest = l.strip_prefix(r#"{"document":"#).unwrap();
            &rest[..rest.find(r#","src":"#).unwrap()]
        })
        .collect();
    assert_eq!(written, ids);
    // A bad id is that line's error.
    jisr(dir.path())
        .args(["batch", "--stdin"])
        .write_stdin(doc("null"))
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(
            "jisr: <stdin>:1: \"id\" is null, expected a string or a number",
        ));
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_folder_is_reported_and_skipped_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let folder = folder(dir.path(), &[]);
    let fifo = folder.join("stream.ar.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    std::fs::copy(corpus("gulf-port.en.txt"), folder.join("stream.en.txt")).unwrap();
    let out = jisr(dir.path())
        .args(["batch", "articles", "-o", "corpus.tmx"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "jisr: articles/stream.ar.txt: not a regular file (a FIFO), skipped\n",
        ))
        .stderr(predicates::str::contains(
            "jisr: 2 documents aligned, 1 failed",
        ));
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(!stderr.contains("stream.en.txt"), "{stderr}");
    assert_eq!(
        tmx_documents(&dir.path().join("corpus.tmx")),
        ["beirut-election", "gulf-port"]
    );
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_paired_and_control_characters_are_escaped() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = folder(dir.path(), &[]);
    let ar = std::fs::read(corpus("rabat-court.ar.txt")).unwrap();
    let en = std::fs::read(corpus("rabat-court.en.txt")).unwrap();
    for stem in [&b"caf\xe9"[..], b"evil\x1b[2J\x1b]0;owned\x07"] {
        for (ext, text) in [(&b".ar.txt"[..], &ar), (b".en.txt", &en)] {
            let name = [stem, ext].concat();
            std::fs::write(folder.join(OsStr::from_bytes(&name)), text).unwrap();
        }
    }
    // An orphan whose name would clear the screen.
    std::fs::write(folder.join("orphan\x1b[2J.ar.txt"), &ar).unwrap();
    let out = jisr(dir.path())
        .args(["batch", "articles", "-f", "tsv"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(!stderr.contains(['\x1b', '\x07']), "{stderr:?}");
    assert!(stderr.contains("caf\u{fffd}: "), "{stderr}");
    assert!(
        stderr.contains("evil\\u{1b}[2J\\u{1b}]0;owned\\u{7}: "),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "jisr: articles/orphan\\u{1b}[2J.ar.txt: no orphan\\u{1b}[2J.en.txt beside it, skipped"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("jisr: 4 documents aligned"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.lines().any(|l| l.starts_with("caf\u{fffd}\t")));
}

#[test]
fn output_onto_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path(), &[]);
    let input = dir.path().join("articles/gulf-port.en.txt");
    let before = std::fs::read(&input).unwrap();
    jisr(dir.path())
        .args(["batch", "articles", "-o", "articles/gulf-port.en.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "jisr: articles/gulf-port.en.txt: is also an input; not overwriting it (choose another output file)\n",
        );
    assert_eq!(std::fs::read(&input).unwrap(), before);
    // Standard input redirected from the file that -o names.
    let jsonl = dir.path().join("docs.jsonl");
    let line = r#"{"id": 1, "src": "قال الوزير.", "tgt": "The minister said."}"#;
    std::fs::write(&jsonl, line).unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("jisr"))
        .args(["batch", "--stdin", "-o", "docs.jsonl"])
        .current_dir(dir.path())
        .stdin(std::fs::File::open(&jsonl).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "jisr: docs.jsonl: is the same file as the input <stdin>; not overwriting it (choose another output file)\n"
    );
    assert_eq!(std::fs::read_to_string(&jsonl).unwrap(), line);
}

#[test]
fn a_stdin_line_over_the_size_limit_is_reported_and_the_rest_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |id: u32| {
        format!(
            r#"{{"id": {id}, "src": "قال الوزير إن الميناء سيفتح.", "tgt": "The minister said the port will open."}}"#
        )
    };
    let long = format!(
        r#"{{"id": 2, "src": "{}", "tgt": "The port."}}"#,
        "ميناء ".repeat(400)
    );
    assert!(long.len() > 2048);
    let input = format!("{}\n{long}\n{}\n", doc(1), doc(3));
    let out = jisr(dir.path())
        .args(["batch", "--stdin", "--max-input-size", "2K"])
        .write_stdin(input)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(
        stderr,
        "jisr: <stdin>:2: larger than 2 KiB, the size limit for an input (see --max-input-size)\n\
         jisr: 1 input line(s) skipped\n"
    );
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let documents: Vec<i64> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["document"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert!(documents.contains(&1) && documents.contains(&3), "{stdout}");
    assert!(!documents.contains(&2), "{stdout}");
}
