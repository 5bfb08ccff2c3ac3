//! `jisr batch` from the outside: a folder of articles to TMX, JSONL and TSV,
//! presplit pairing, partners missing, a bad document among good ones, bad
//! folders, `--stdin` JSONL with a bad line, and the `--stdin` mode as the
//! map step of a PySpark job (`local[2]`, `RDD.pipe`).
//!
//! PySpark missing skips its test with a message, unless
//! `JISR_REQUIRE_CLIENTS=1` (set by `.ci/run`).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use jisr::export::tmx::read_tmx;
use predicates::prelude::*;
use serde_json::Value;

/// Articles copied into the test folders.
const ARTICLES: [&str; 3] = ["beirut-election", "gulf-port", "rabat-court"];

mod common;
use common::{corpus, jisr_in as jisr, require};

/// A folder `dir/articles` with the articles' `NAME.ar.txt` and `NAME.en.txt`
/// (and, presplit, `NAME.ar` and `NAME.en`).
fn articles(dir: &Path) -> PathBuf {
    let folder = dir.join("articles");
    std::fs::create_dir_all(&folder).unwrap();
    for name in ARTICLES {
        for ext in ["ar.txt", "en.txt", "ar", "en"] {
            let file = format!("{name}.{ext}");
            std::fs::copy(corpus(&file), folder.join(&file)).unwrap();
        }
    }
    folder
}

fn json_lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn batch_writes_one_tmx_for_the_folder_with_a_summary_per_document() {
    let dir = tempfile::tempdir().unwrap();
    articles(dir.path());
    let assert = jisr(dir.path())
        .args(["batch", "articles", "-o", "corpus.tmx"])
        .assert()
        .success()
        .stdout("");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for name in ARTICLES {
        let line = stderr
            .lines()
            .find(|l| l.starts_with(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no summary for {name}:\n{stderr}"));
        assert!(
            predicate::str::is_match(
                r"^[a-z-]+: \d+ ar \+ \d+ en sentences; beads 1-1 ×\d+.*; \d+ low-confidence$"
            )
            .unwrap()
            .eval(line),
            "{line}"
        );
    }
    assert!(stderr.contains("jisr: 3 documents aligned; "), "{stderr}");
    let tmx = read_tmx(&dir.path().join("corpus.tmx")).unwrap();
    for name in ARTICLES {
        let units = tmx
            .units
            .iter()
            .filter(|u| u.prop("x-document") == Some(name))
            .count();
        assert!(units >= 10, "{name}: {units} units");
    }
    // The document's units are the ones `jisr align` writes for it alone,
    // give or take what the shared word table changes.
    let one = dir.path().join("one.tmx");
    jisr(dir.path())
        .args([
            "align",
            "articles/gulf-port.ar.txt",
            "articles/gulf-port.en.txt",
            "-f",
            "tmx",
            "-o",
        ])
        .arg(&one)
        .assert()
        .success();
    let alone = read_tmx(&one).unwrap().units.len();
    let in_batch = tmx
        .units
        .iter()
        .filter(|u| u.prop("x-document") == Some("gulf-port"))
        .count();
    assert!(alone.abs_diff(in_batch) <= 2, "{alone} vs {in_batch}");
    jisr(dir.path())
        .args(["tmx", "stats", "corpus.tmx"])
        .assert()
        .success()
        .stdout(predicate::str::contains("documents: 3\n"));
}

#[test]
fn batch_to_stdout_as_jsonl_and_tsv_names_the_document_on_every_line() {
    let dir = tempfile::tempdir().unwrap();
    articles(dir.path());
    let out = jisr(dir.path())
        .args(["batch", "articles", "--format", "jsonl"])
        .assert()
        .success();
    let lines = json_lines(&out.get_output().stdout);
    assert!(lines.len() > 40);
    for name in ARTICLES {
        assert!(lines.iter().any(|l| l["document"] == name));
    }
    assert!(lines
        .iter()
        .all(|l| l["document"].is_string() && l["src_ids"].is_array()));
    let out = jisr(dir.path())
        .args(["batch", "articles", "-f", "tsv"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert_eq!(text.lines().count(), lines.len());
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 3, "{line}");
        assert!(ARTICLES.contains(&fields[0]), "{line}");
    }
    // Default format is TMX.
    jisr(dir.path())
        .args(["batch", "articles"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<?xml"));
}

#[test]
fn presplit_pairs_name_ar_with_name_en() {
    let dir = tempfile::tempdir().unwrap();
    let folder = articles(dir.path());
    std::fs::remove_file(folder.join("rabat-court.en")).unwrap();
    jisr(dir.path())
        .args([
            "batch",
            "articles",
            "--presplit",
            "-f",
            "jsonl",
            "-o",
            "out.jsonl",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "jisr: {}: no rabat-court.en beside it, skipped\n",
            Path::new("articles").join("rabat-court.ar").display()
        )))
        .stderr(predicate::str::contains("jisr: 2 documents aligned\n"));
    let lines = json_lines(&std::fs::read(dir.path().join("out.jsonl")).unwrap());
    // Presplit: one sentence a line, so the sentence ids cover the files' lines.
    let gulf: Vec<&Value> = lines
        .iter()
        .filter(|l| l["document"] == "gulf-port")
        .collect();
    let src_lines = std::fs::read_to_string(corpus("gulf-port.ar")).unwrap();
    let covered: usize = gulf
        .iter()
        .map(|l| l["src_ids"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        covered,
        src_lines.lines().filter(|l| !l.trim().is_empty()).count()
    );
}

#[test]
fn files_without_partner_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let folder = articles(dir.path());
    std::fs::copy(corpus("gulf-port.ar.txt"), folder.join("lonely.ar.txt")).unwrap();
    std::fs::copy(corpus("gulf-port.en.txt"), folder.join("alone.en.txt")).unwrap();
    jisr(dir.path())
        .args(["batch", "articles", "-o", "c.tmx"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "jisr: {}: no alone.ar.txt beside it, skipped\n",
            Path::new("articles").join("alone.en.txt").display()
        )))
        .stderr(predicate::str::contains(format!(
            "jisr: {}: no lonely.en.txt beside it, skipped\n",
            Path::new("articles").join("lonely.ar.txt").display()
        )));
}

#[test]
fn a_bad_document_is_reported_and_skipped_and_the_others_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let folder = articles(dir.path());
    std::fs::write(
        folder.join("zz-broken.ar.txt"),
        b"\xd9\x82\xd8\xa7\xd9\x84 \xff\xfe",
    )
    .unwrap();
    std::fs::copy(corpus("gulf-port.en.txt"), folder.join("zz-broken.en.txt")).unwrap();
    std::fs::copy(
        corpus("rabat-court.en.txt"),
        folder.join("zz-english.ar.txt"),
    )
    .unwrap();
    std::fs::copy(corpus("gulf-port.en.txt"), folder.join("zz-english.en.txt")).unwrap();
    for format in ["tmx", "jsonl", "tsv"] {
        let out = format!("out.{format}");
        jisr(dir.path())
            .args(["batch", "articles", "-f", format, "-o", &out])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "jisr: {}: invalid UTF-8 at byte offset 7\n",
                Path::new("articles").join("zz-broken.ar.txt").display()
            )))
            .stderr(predicate::str::contains("both look like English"))
            .stderr(predicate::str::contains(
                "jisr: 3 documents aligned, 2 failed",
            ));
        let written = std::fs::read_to_string(dir.path().join(&out)).unwrap();
        for name in ARTICLES {
            assert!(written.contains(name), "{format}: {name} missing");
        }
        assert!(!written.contains("zz-broken") && !written.contains("zz-english"));
    }
}

#[test]
fn bad_folders_give_an_error_and_no_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::write(dir.path().join("file.txt"), "x").unwrap();
    std::fs::create_dir(dir.path().join("allbad")).unwrap();
    std::fs::write(dir.path().join("allbad/x.ar.txt"), "").unwrap();
    std::fs::write(dir.path().join("allbad/x.en.txt"), "text").unwrap();
    for (folder, message) in [
        (
            "missing",
            "jisr: missing: No such file or directory (os error 2)\n",
        ),
        (
            "empty",
            "jisr: empty: no documents to align (expected NAME.ar.txt with NAME.en.txt)\n",
        ),
        ("file.txt", "jisr: file.txt: not a directory\n"),
    ] {
        jisr(dir.path())
            .args(["batch", folder, "-o", "out.tmx"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(message);
    }
    jisr(dir.path())
        .args(["batch", "allbad", "-o", "out.tmx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty file, no text to align"))
        .stderr(predicate::str::ends_with(
            "jisr: allbad: none of the 1 documents could be read\n",
        ));
    assert!(!dir.path().join("out.tmx").exists());
    // DIR and --stdin exclude each other; one of them is needed.
    jisr(dir.path()).args(["batch"]).assert().code(2);
    jisr(dir.path())
        .args(["batch", "empty", "--stdin"])
        .assert()
        .code(2);
}

/// JSONL documents for `--stdin`: the articles, ids alternately text and number.
fn jsonl_documents() -> String {
    let mut out = String::new();
    for (k, name) in ARTICLES.iter().enumerate() {
        let src = std::fs::read_to_string(corpus(&format!("{name}.ar.txt"))).unwrap();
        let tgt = std::fs::read_to_string(corpus(&format!("{name}.en.txt"))).unwrap();
        let id = if k % 2 == 0 {
            Value::from(*name)
        } else {
            Value::from(k)
        };
        out.push_str(&serde_json::json!({"id": id, "src": src, "tgt": tgt}).to_string());
        out.push('\n');
    }
    out
}

#[test]
fn stdin_jsonl_documents_in_jsonl_beads_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = jsonl_documents();
    for chunk in ["1", "256"] {
        let out = jisr(dir.path())
            .args(["batch", "--stdin", "--chunk", chunk])
            .write_stdin(input.clone())
            .assert()
            .success()
            .stderr("");
        let lines = json_lines(&out.get_output().stdout);
        // A number id stays a number.
        let ids: Vec<String> = lines.iter().map(|l| l["document"].to_string()).collect();
        let mut distinct = ids.clone();
        distinct.dedup();
        assert_eq!(
            distinct,
            [r#""beirut-election""#, "1", r#""rabat-court""#],
            "chunk {chunk}"
        );
    }
}

#[test]
fn stdin_bad_lines_are_reported_by_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let good = jsonl_documents();
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(1, "{\"id\": \"x\", \"src\": \"نص\"}");
    lines.insert(2, "");
    lines.insert(3, "not json at all");
    let english = "The minister said that the port will open in the spring and that the workers have returned to their jobs.";
    let same = serde_json::json!({"id": "same", "src": english, "tgt": english}).to_string();
    lines.insert(4, &same);
    // Without a letter, a side's language cannot be told, as in `jisr align`.
    let numbers = serde_json::json!({"id": 7, "src": "12 345", "tgt": english}).to_string();
    lines.insert(5, &numbers);
    let input = lines.join("\n") + "\n";
    let out = jisr(dir.path())
        .args(["batch", "--stdin"])
        .write_stdin(input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "jisr: <stdin>:2: missing field `tgt` (expected {\"id\": .., \"src\": \"..\", \"tgt\": \"..\"})\n",
        ))
        .stderr(predicate::str::contains("jisr: <stdin>:4: not JSON: expected ident"))
        .stderr(predicate::str::contains("jisr: <stdin>:5: document \"same\": src and tgt: both look like English; expected an original and its translation\n"))
        .stderr(predicate::str::contains(
            "jisr: <stdin>:6: document 7: src: no letters: cannot tell its language; give it with --src-lang/--tgt-lang\n",
        ))
        .stderr(predicate::str::ends_with("jisr: 4 input line(s) skipped\n"));
    let beads = json_lines(&out.get_output().stdout);
    assert!(beads.iter().any(|b| b["document"] == "rabat-court"));
    // Invalid UTF-8 on a line is that line's error only.
    let mut bytes = b"{\"id\": 1, \"src\": \"\xff\", \"tgt\": \"x\"}\n".to_vec();
    bytes.extend_from_slice(good.lines().next().unwrap().as_bytes());
    jisr(dir.path())
        .args(["batch", "--stdin"])
        .write_stdin(bytes)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "jisr: <stdin>:1: invalid UTF-8 at byte offset 18 of the line\n",
        ))
        .stdout(predicate::str::contains("\"document\":\"beirut-election\""));
    jisr(dir.path())
        .args(["batch", "--stdin", "-f", "tmx"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr("jisr: --stdin writes JSONL; --format Tmx is not available with it\n");
}

/// PySpark runs `jisr batch --stdin` on each of two partitions of a JSONL
/// corpus with `RDD.pipe`; the beads that come back are those of every document.
#[test]
fn spark_pipes_documents_through_jisr_batch_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("documents.jsonl");
    // Six documents, so that both partitions get some.
    let docs = jsonl_documents();
    std::fs::write(
        &input,
        docs.clone() + &docs.replace("\"id\":\"", "\"id\":\"copy-"),
    )
    .unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients/spark_pipe.py");
    let jisr_bin = assert_cmd::cargo::cargo_bin("jisr");
    let run = Process::new("python3")
        .arg(&script)
        .arg(&jisr_bin)
        .arg(&input)
        .env_remove("NO_COLOR")
        .current_dir(dir.path())
        .output();
    let out = match run {
        Ok(out) => out,
        Err(e) => {
            require::<(), _>("python3", Err(format!("cannot run it: {e}")));
            return;
        }
    };
    if out.status.code() == Some(3) {
        require::<(), _>(
            "pyspark",
            Err("the Python module `pyspark` is not installed (pip install pyspark)"),
        );
        return;
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "Spark job failed:\n{stderr}");
    assert!(stderr.contains("partitions: 2"), "{stderr}");
    let beads = json_lines(&out.stdout);
    let direct = jisr(dir.path())
        .args(["batch", "--stdin"])
        .write_stdin(docs)
        .assert()
        .success();
    let direct = json_lines(&direct.get_output().stdout);
    for id in [
        Value::from("beirut-election"),
        Value::from(1),
        Value::from("rabat-court"),
        Value::from("copy-beirut-election"),
        Value::from("copy-rabat-court"),
    ] {
        assert!(
            beads.iter().any(|b| b["document"] == id),
            "no beads for {id}"
        );
    }
    // Every sentence of every document is in one bead, whatever the partition.
    for doc in ["beirut-election", "copy-beirut-election"] {
        let src: usize = beads
            .iter()
            .filter(|b| b["document"] == doc)
            .map(|b| b["src_ids"].as_array().unwrap().len())
            .sum();
        let expected: usize = direct
            .iter()
            .filter(|b| b["document"] == "beirut-election")
            .map(|b| b["src_ids"].as_array().unwrap().len())
            .sum();
        assert_eq!(src, expected, "{doc}");
    }
}

/// The command as the README shows it, on the repository's own corpus.
#[test]
fn batch_on_the_corpora_folder() {
    let dir = tempfile::tempdir().unwrap();
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    jisr(dir.path())
        .arg("batch")
        .arg(&corpora)
        .args(["-o", "corpus.tmx"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no ").not())
        .stderr(predicate::str::contains("jisr: 5 documents aligned; "));
    let tmx = read_tmx(&dir.path().join("corpus.tmx")).unwrap();
    let mut documents: Vec<&str> = tmx
        .units
        .iter()
        .filter_map(|u| u.prop("x-document"))
        .collect();
    documents.dedup();
    assert_eq!(
        documents,
        [
            "beirut-election",
            "cairo-heatwave",
            "gulf-port",
            "rabat-court",
            "sohar-desalination"
        ]
    );
}
