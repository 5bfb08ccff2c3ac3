//! `jisr align --reviewed FILE` and `jisr batch` with a review file beside a
//! pair, from the outside: reviewed beads are kept (even ones the aligner
//! would not choose), found by their text in edited articles, dropped with
//! a warning when their text changed; a bad review file is one line, exit 2.

use std::path::{Path, PathBuf};

use jisr::review::Review;
use serde_json::{json, Value};

mod common;
use common::{corpus, jisr_in as jisr};

fn json_lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// `jisr align SRC TGT -f jsonl` (presplit) in `dir`, with `--reviewed
/// FILE` when given: the beads and standard error.
fn align(dir: &Path, src: &Path, tgt: &Path, reviewed: Option<&str>) -> (Vec<Value>, String) {
    let mut cmd = jisr(dir);
    cmd.args(["align", "--presplit", "-f", "jsonl"])
        .arg(src)
        .arg(tgt);
    if let Some(file) = reviewed {
        cmd.args(["--reviewed", file]);
    }
    let out = cmd.assert().success().get_output().clone();
    (
        json_lines(&out.stdout),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The beads marked reviewed.
fn reviewed(beads: &[Value]) -> Vec<&Value> {
    beads
        .iter()
        .filter(|b| b["reviewed"] == json!(true))
        .collect()
}

fn ids(bead: &Value, side: &str) -> Vec<u64> {
    bead[side]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect()
}

fn shape(bead: &Value) -> (Vec<u64>, Vec<u64>) {
    (ids(bead, "src_ids"), ids(bead, "tgt_ids"))
}

/// Every sentence of both sides in exactly one bead, in order.
fn assert_covers(beads: &[Value], n: u64, m: u64) {
    let (mut i, mut j) = (0, 0);
    for b in beads {
        for k in ids(b, "src_ids") {
            assert_eq!(k, i, "{b}");
            i += 1;
        }
        for k in ids(b, "tgt_ids") {
            assert_eq!(k, j, "{b}");
            j += 1;
        }
    }
    assert_eq!((i, j), (n, m));
}

/// The aligner's beads with bead `k` given the next bead's target
/// sentences too (a bead it does not choose), and `reviewed` set on the
/// beads listed: a review as `jisr review` would save it.
fn review_lines(beads: &[Value], k: usize, reviewed: &[usize]) -> Vec<Value> {
    let mut lines: Vec<Value> = beads.to_vec();
    for (n, b) in lines.iter_mut().enumerate() {
        b["reviewed"] = json!(reviewed.contains(&n));
    }
    let next = lines[k + 1].clone();
    for field in ["tgt", "tgt_ids"] {
        let mut joined = lines[k][field].as_array().unwrap().clone();
        joined.extend(next[field].as_array().unwrap().iter().cloned());
        lines[k][field] = json!(joined);
    }
    // The next bead keeps only its source, no longer translated (or goes).
    if lines[k + 1]["src"].as_array().unwrap().is_empty() {
        lines.remove(k + 1);
    } else {
        lines[k + 1]["tgt"] = json!([]);
        lines[k + 1]["tgt_ids"] = json!([]);
        lines[k + 1]["reviewed"] = json!(false);
    }
    lines
}

fn write_lines(path: &Path, lines: &[Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(path, text).unwrap();
}

/// `gulf-port` presplit, copied into `dir` (to be edited).
fn gulf_port(dir: &Path) -> (PathBuf, PathBuf) {
    let (src, tgt) = (dir.join("gulf-port.ar"), dir.join("gulf-port.en"));
    std::fs::copy(corpus("gulf-port.ar"), &src).unwrap();
    std::fs::copy(corpus("gulf-port.en"), &tgt).unwrap();
    (src, tgt)
}

fn sentence_count(path: &Path) -> u64 {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().filter(|l| !l.trim().is_empty()).count() as u64
}

#[test]
fn a_bead_the_aligner_would_not_choose_is_kept_and_the_rest_realigned() {
    let dir = tempfile::tempdir().unwrap();
    let (src, tgt) = gulf_port(dir.path());
    let (plain, _) = align(dir.path(), &src, &tgt, None);
    assert!(plain.iter().all(|b| b.get("reviewed").is_none()));
    // Bead 2 takes the target of bead 3 too; bead 0 confirmed as it was.
    let k = (1..plain.len() - 2)
        .find(|&k| !plain[k + 1]["tgt"].as_array().unwrap().is_empty())
        .unwrap();
    let review = review_lines(&plain, k, &[0, k]);
    let file = dir.path().join("gulf-port.review.jsonl");
    write_lines(&file, &review);
    let (beads, stderr) = align(dir.path(), &src, &tgt, Some("gulf-port.review.jsonl"));
    assert_eq!(stderr, "");
    assert_covers(&beads, sentence_count(&src), sentence_count(&tgt));
    let kept: Vec<&Value> = reviewed(&beads);
    assert_eq!(kept.len(), 2, "{beads:?}");
    assert_eq!(shape(kept[0]), shape(&plain[0]));
    assert_eq!(shape(kept[1]), shape(&review[k]));
    assert_eq!(kept[1]["score"], json!(1.0));
    assert!(beads.iter().all(|b| b["reviewed"].is_boolean()));
    // The aligner's own beads before the forced one are untouched, and
    // what follows it is aligned again (it differs from the plain output).
    assert_eq!(
        &beads[..k].iter().map(shape).collect::<Vec<_>>(),
        &plain[..k].iter().map(shape).collect::<Vec<_>>()
    );
    let after = |b: &[Value]| {
        b.iter()
            .map(shape)
            .filter(|(s, _)| s.first() > Some(&(k as u64)))
            .collect::<Vec<_>>()
    };
    assert_ne!(after(&beads), after(&plain));

    // The same review saved as TMX by the library: the same anchors.
    let tmx = dir.path().join("gulf-port.review.tmx");
    Review::load(&file).unwrap().save(&tmx).unwrap();
    let (from_tmx, stderr) = align(dir.path(), &src, &tgt, Some("gulf-port.review.tmx"));
    assert_eq!(stderr, "");
    assert_eq!(from_tmx, beads);
    // The output of `align --reviewed` is itself a review file.
    let again = dir.path().join("again.jsonl");
    write_lines(&again, &beads);
    let (reread, _) = align(dir.path(), &src, &tgt, Some("again.jsonl"));
    assert_eq!(reread, beads);
}

#[test]
fn reviewed_beads_are_found_by_their_text_in_an_edited_article() {
    let dir = tempfile::tempdir().unwrap();
    let (src, tgt) = gulf_port(dir.path());
    let (plain, _) = align(dir.path(), &src, &tgt, None);
    let last = plain.len() - 3;
    let review = review_lines(&plain, last, &[last]);
    write_lines(&dir.path().join("r.jsonl"), &review);
    // An editor adds a first sentence to both sides.
    for (path, line) in [
        (&src, "جملة جديدة في البداية."),
        (&tgt, "A new first sentence."),
    ] {
        let text = std::fs::read_to_string(path).unwrap();
        std::fs::write(path, format!("{line}\n\n{text}")).unwrap();
    }
    let (beads, stderr) = align(dir.path(), &src, &tgt, Some("r.jsonl"));
    assert_eq!(stderr, "");
    assert_covers(&beads, sentence_count(&src), sentence_count(&tgt));
    let kept: Vec<&Value> = reviewed(&beads);
    assert_eq!(kept.len(), 1);
    let (s, t) = shape(&review[last]);
    let shifted = |v: Vec<u64>| v.into_iter().map(|i| i + 1).collect::<Vec<_>>();
    assert_eq!(shape(kept[0]), (shifted(s), shifted(t)));
    assert_eq!(kept[0]["tgt"], review[last]["tgt"]);
}

#[test]
fn reviewed_beads_whose_text_changed_are_dropped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (src, tgt) = gulf_port(dir.path());
    let (plain, _) = align(dir.path(), &src, &tgt, None);
    let review = review_lines(&plain, 4, &[0, 1, 4]);
    write_lines(&dir.path().join("r.jsonl"), &review);
    // The translator rewrites the English of bead 1.
    let first = plain[1]["tgt"][0].as_str().unwrap();
    let text = std::fs::read_to_string(&tgt).unwrap();
    std::fs::write(
        &tgt,
        text.replace(first, "A sentence rewritten since the review."),
    )
    .unwrap();
    let (beads, stderr) = align(dir.path(), &src, &tgt, Some("r.jsonl"));
    assert_eq!(
        stderr,
        "jisr: warning: r.jsonl: 1 of 3 reviewed beads no longer match the texts and were dropped\n"
    );
    let kept: Vec<_> = reviewed(&beads).into_iter().map(shape).collect();
    assert_eq!(kept, vec![shape(&review[0]), shape(&review[4])]);
    assert_covers(&beads, sentence_count(&src), sentence_count(&tgt));
}

#[test]
fn batch_keeps_the_reviewed_beads_of_a_review_file_beside_a_pair() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    for name in ["gulf-port", "rabat-court"] {
        for ext in ["ar.txt", "en.txt"] {
            let file = format!("{name}.{ext}");
            std::fs::copy(corpus(&file), folder.join(&file)).unwrap();
        }
    }
    let run = |folder: &Path| {
        let out = jisr(dir.path())
            .args(["batch", "-f", "jsonl"])
            .arg(folder)
            .output()
            .unwrap();
        (
            out.status.code(),
            json_lines(&out.stdout),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (_, plain, stderr) = run(&folder);
    assert!(!stderr.contains("review"), "{stderr}");
    let gulf: Vec<Value> = plain
        .iter()
        .filter(|b| b["document"] == json!("gulf-port"))
        .map(|b| {
            let mut b = b.clone();
            b.as_object_mut().unwrap().remove("document");
            b
        })
        .collect();
    let review = review_lines(&gulf, 4, &[4]);
    write_lines(&folder.join("gulf-port.review.jsonl"), &review);
    let (code, beads, stderr) = run(&folder);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr
            .ends_with("jisr: 2 documents aligned, 1 with a review file (1 reviewed beads kept)\n"),
        "{stderr}"
    );
    let kept: Vec<&Value> = reviewed(&beads);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["document"], json!("gulf-port"));
    assert_eq!(shape(kept[0]), shape(&review[4]));
    // The other document is aligned as before.
    let rabat = |beads: &[Value]| -> Vec<_> {
        beads
            .iter()
            .filter(|b| b["document"] == json!("rabat-court"))
            .map(shape)
            .collect()
    };
    assert_eq!(rabat(&beads), rabat(&plain));

    // A bad review file costs its document only: one line, exit 2.
    std::fs::write(folder.join("gulf-port.review.jsonl"), "{\"src\": [\n").unwrap();
    let (code, beads, stderr) = run(&folder);
    assert_eq!(code, Some(2));
    let bad: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("review.jsonl"))
        .collect();
    assert_eq!(bad.len(), 1, "{stderr}");
    assert!(
        bad[0].starts_with("jisr: ") && bad[0].contains("gulf-port.review.jsonl:1: "),
        "{stderr}"
    );
    assert!(beads.iter().all(|b| b["document"] == json!("rabat-court")));
}

#[test]
fn a_bad_review_file_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (src, tgt) = gulf_port(dir.path());
    let (plain, _) = align(dir.path(), &src, &tgt, None);
    let mut missing = plain.clone();
    missing.remove(3);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "cut.jsonl",
            b"{\"src\": [\"a\"".to_vec(),
            "cut.jsonl:1: line ends inside the JSON object",
        ),
        (
            "empty.jsonl",
            Vec::new(),
            "empty.jsonl: no beads: an empty review file",
        ),
        (
            "binary.jsonl",
            vec![0xFF, 0xFE, b'\n'],
            "binary.jsonl:1: invalid UTF-8",
        ),
        (
            "missing.jsonl",
            missing
                .iter()
                .map(|l| format!("{l}\n"))
                .collect::<String>()
                .into_bytes(),
            "missing.jsonl:4: src_ids [4] skip sentence 3",
        ),
        (
            "notes.txt",
            b"x".to_vec(),
            "notes.txt: not a review file: expected a name ending in .jsonl or .tmx",
        ),
        (
            "bad.tmx",
            b"<tmx><body>".to_vec(),
            "bad.tmx:1: unexpected end of file",
        ),
    ];
    for (name, bytes, message) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let out = jisr(dir.path())
            .args(["align", "--presplit", "-f", "jsonl", "--reviewed", name])
            .arg(&src)
            .arg(&tgt)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            stderr.starts_with(&format!("jisr: {message}")),
            "{name}: {stderr}"
        );
    }
    let out = jisr(dir.path())
        .args(["align", "--presplit", "--reviewed", "none.jsonl"])
        .arg(&src)
        .arg(&tgt)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("jisr: none.jsonl: "));
}
