//! `jisr diff` from the outside: the corpus revisions against
//! `corpora/REVISIONS.md`, exit codes, bad inputs, snapshots of every view,
//! and the HTML report rendered in headless Chromium.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;
use regex::Regex;
use serde_json::Value;

mod common;
use common::require;

const ARTICLES: [&str; 4] = [
    "gulf-port",
    "cairo-heatwave",
    "beirut-election",
    "rabat-court",
];

fn corpus(name: &str) -> String {
    format!("{}/corpora/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// `jisr` in a clean environment: no NO_COLOR, no PAGER, run from the crate.
fn jisr() -> Command {
    let mut cmd = Command::cargo_bin("jisr").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("PAGER")
        .env_remove("LESS")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// One change listed in REVISIONS.md.
#[derive(Debug)]
struct Listed {
    kind: String,
    old_ids: Vec<usize>,
    new_ids: Vec<usize>,
    /// `"a" -> "b"` of an edit: the words before and after.
    edit: Option<(String, String)>,
    old: Vec<String>,
    new: Vec<String>,
}

/// Per article: the changes and the number of sentences kept unchanged in place.
fn revisions() -> Vec<(String, Vec<Listed>, usize)> {
    let text = std::fs::read_to_string(corpus("REVISIONS.md")).unwrap();
    let item =
        Regex::new(r"^\d+\. \*\*(\w+)\*\* \(([^)]*)\)(?:: .*?\x22(.*?)\x22 -> \x22(.*?)\x22)?")
            .unwrap();
    let kept = Regex::new(r"(\d+) sentences kept unchanged in place").unwrap();
    let index = Regex::new(r"\[(\d+)\]").unwrap();
    let quoted = Regex::new(r"^\s+- (old|new|text): `(.*)`$").unwrap();
    let mut out: Vec<(String, Vec<Listed>, usize)> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            out.push((name.trim().to_string(), Vec::new(), 0));
        } else if let (Some(c), Some(last)) = (kept.captures(line), out.last_mut()) {
            last.2 = c[1].parse().unwrap();
        } else if let (Some(c), Some(last)) = (item.captures(line), out.last_mut()) {
            let (left, right) = c[2].split_once("->").unwrap();
            let ids = |s: &str| {
                index
                    .captures_iter(s)
                    .map(|m| m[1].parse().unwrap())
                    .collect()
            };
            last.1.push(Listed {
                kind: c[1].to_string(),
                old_ids: ids(left),
                new_ids: ids(right),
                edit: c.get(3).map(|a| (a.as_str().to_string(), c[4].to_string())),
                old: Vec::new(),
                new: Vec::new(),
            });
        } else if let (Some(c), Some(last)) = (quoted.captures(line), out.last_mut()) {
            let listed = last.1.last_mut().unwrap();
            let t = c[2].to_string();
            match &c[1] {
                "old" => listed.old.push(t),
                "new" => listed.new.push(t),
                _ => {
                    listed.old.push(t.clone());
                    listed.new.push(t);
                }
            }
        }
    }
    let names: Vec<&str> = out.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ARTICLES, "REVISIONS.md lists the four articles");
    out
}

fn jsonl(args: &[String]) -> Vec<Value> {
    let output = jisr()
        .arg("diff")
        .args(args)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn ids(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_u64().unwrap() as usize)
        .collect()
}

/// Every change of every revision is found, with its kind, sentences and
/// texts, and nothing else is reported.
fn check_revisions(with_source: bool) {
    for (name, listed, kept) in revisions() {
        let mut args = vec![
            corpus(&format!("{name}.en.txt")),
            corpus(&format!("{name}.en.rev.txt")),
        ];
        if with_source {
            args.insert(0, corpus(&format!("{name}.ar.txt")));
        }
        let segments = jsonl(&args);
        let changed: Vec<&Value> = segments
            .iter()
            .filter(|s| s["kind"] != "unchanged")
            .collect();
        let unchanged = segments.len() - changed.len();
        assert_eq!(unchanged, kept, "{name}: unchanged segments");
        assert_eq!(changed.len(), listed.len(), "{name}: {changed:#?}");
        for l in &listed {
            let seg = changed
                .iter()
                .find(|s| ids(&s["ids"]["old"]) == l.old_ids && ids(&s["ids"]["new"]) == l.new_ids)
                .unwrap_or_else(|| panic!("{name}: no segment for {l:?}"));
            assert_eq!(seg["kind"], l.kind.as_str(), "{name}: {l:?}");
            assert_eq!(strings(&seg["old"]), l.old, "{name}: {l:?}");
            assert_eq!(strings(&seg["new"]), l.new, "{name}: {l:?}");
            if let Some((before, after)) = &l.edit {
                let ops = |op: &str| -> Vec<String> {
                    seg["changes"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|c| c["op"] == op)
                        .map(|c| c["text"].as_str().unwrap().to_string())
                        .collect()
                };
                let (del, ins) = (ops("delete"), ops("insert"));
                assert_eq!(
                    (del.len(), ins.len()),
                    (1, 1),
                    "{name}: one word changed: {seg}"
                );
                assert!(
                    before.contains(&del[0]) && after.contains(&ins[0]),
                    "{name}: {del:?} -> {ins:?} in {l:?}"
                );
            }
        }
        if with_source {
            check_sources(&name, &segments);
        }
    }
}

/// The source of each segment with old sentences is what the gold alignment
/// (`NAME.gold`, over the presplit `NAME.ar`) says they translate, compared
/// as text so that a different split of the Arabic does not matter. The
/// bilingual aligner is allowed one miss in eight.
fn check_sources(name: &str, segments: &[Value]) {
    let ar: Vec<String> = std::fs::read_to_string(corpus(&format!("{name}.ar")))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect();
    let mut gold = std::collections::HashMap::new();
    for line in std::fs::read_to_string(corpus(&format!("{name}.gold")))
        .unwrap()
        .lines()
    {
        let (left, right) = line.split_once(':').unwrap();
        let left: Vec<usize> = serde_json::from_str(left).unwrap();
        for t in serde_json::from_str::<Vec<usize>>(right).unwrap() {
            gold.insert(t, left.clone());
        }
    }
    let (mut agree, mut total) = (0, 0);
    for seg in segments
        .iter()
        .filter(|s| !s["ids"]["old"].as_array().unwrap().is_empty())
    {
        let mut expected: Vec<usize> = ids(&seg["ids"]["old"])
            .iter()
            .flat_map(|t| gold[t].clone())
            .collect();
        expected.sort_unstable();
        expected.dedup();
        let expected: Vec<&str> = expected.iter().map(|&i| ar[i].as_str()).collect();
        total += 1;
        if expected.join(" ") == strings(&seg["src"]).join(" ") {
            agree += 1;
        } else {
            println!("{name}: source differs from gold: {seg}");
        }
    }
    assert!(
        agree * 8 >= total * 7,
        "{name}: {agree} of {total} segments have the gold source"
    );
}

#[test]
fn corpus_revisions_show_the_listed_changes() {
    check_revisions(false);
}

#[test]
fn corpus_revisions_show_the_listed_changes_beside_the_source() {
    check_revisions(true);
}

#[test]
fn small_corrections_are_shown_by_characters() {
    let segs = jsonl(&[
        corpus("cairo-heatwave.en.txt"),
        corpus("cairo-heatwave.en.rev.txt"),
    ]);
    let name = segs.iter().find(|s| ids(&s["ids"]["old"]) == [2]).unwrap();
    let chars: Vec<(String, String)> = name["chars"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["op"] != "equal")
        .map(|c| {
            (
                c["op"].as_str().unwrap().to_string(),
                c["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        chars,
        vec![
            ("delete".into(), "ee".into()),
            ("insert".into(), "i".into())
        ]
    );
}

#[test]
fn exit_0_when_nothing_changed() {
    for args in [
        vec![corpus("gulf-port.en.txt"), corpus("gulf-port.en.txt")],
        vec![
            corpus("gulf-port.ar.txt"),
            corpus("gulf-port.en.txt"),
            corpus("gulf-port.en.txt"),
        ],
    ] {
        jisr()
            .arg("diff")
            .args(&args)
            .assert()
            .code(0)
            .stdout(predicate::str::contains(
                "no change, 18 unchanged; 0 words added, 0 removed",
            ));
    }
}

#[test]
fn exit_1_when_something_changed() {
    jisr()
        .args([
            "diff",
            "corpora/rabat-court.en.txt",
            "corpora/rabat-court.en.rev.txt",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "2 edited, 1 inserted, 1 deleted, 1 merged, 1 split, 1 moved, 11 unchanged",
        ));
}

#[test]
fn exit_2_on_a_missing_file() {
    jisr()
        .args(["diff", "corpora/gulf-port.en.txt", "no-such-file.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("jisr: no-such-file.txt:"));
}

#[test]
fn exit_2_on_bad_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, b"abc\0def").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n \n").unwrap();
    for bad in [&binary, &empty, &dir.path().to_path_buf()] {
        jisr()
            .arg("diff")
            .arg(corpus("gulf-port.en.txt"))
            .arg(bad)
            .assert()
            .code(2)
            .stderr(
                predicate::str::starts_with("jisr: ")
                    .and(predicate::str::contains(bad.display().to_string())),
            );
    }
    // One file, four files, two stdins.
    jisr()
        .args(["diff", "corpora/gulf-port.en.txt"])
        .assert()
        .code(2);
    jisr().args(["diff", "a", "b", "c", "d"]).assert().code(2);
    jisr()
        .args(["diff", "-", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input"));
    // A source in the same language as the translation.
    jisr()
        .args([
            "diff",
            "corpora/gulf-port.en.txt",
            "corpora/gulf-port.en.txt",
            "corpora/gulf-port.en.rev.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("both look like English"));
}

#[test]
fn one_version_from_stdin() {
    let rev = std::fs::read_to_string(corpus("beirut-election.en.rev.txt")).unwrap();
    jisr()
        .args([
            "diff",
            "corpora/beirut-election.en.txt",
            "-",
            "--format",
            "jsonl",
        ])
        .write_stdin(rev)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(r#""kind":"merged""#));
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    jisr()
        .args([
            "diff",
            "corpora/gulf-port.en.txt",
            "corpora/gulf-port.en.rev.txt",
            "--format",
            "html",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(1)
        .stdout("");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    // Only the report is left in the directory: no temporary file.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn colour_is_off_when_piped_and_forced_by_always() {
    let args = [
        "diff",
        "corpora/gulf-port.en.txt",
        "corpora/gulf-port.en.rev.txt",
    ];
    jisr()
        .args(args)
        .assert()
        .stdout(predicate::str::contains("\x1b[").not());
    jisr()
        .args(args)
        .args(["--color", "always"])
        .env("NO_COLOR", "1")
        .assert()
        .stdout(predicate::str::contains(
            jisr::render::style::DELETED.to_string(),
        ));
    jisr()
        .args(args)
        .args(["--color", "auto"])
        .env("NO_COLOR", "1")
        .assert()
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn no_pager_when_not_a_terminal() {
    // A pager that would fail loudly is never started for piped output.
    jisr()
        .args([
            "diff",
            "corpora/gulf-port.en.txt",
            "corpora/gulf-port.en.rev.txt",
            "--pager",
            "false",
        ])
        .env("PAGER", "false")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("unchanged;"));
}

#[test]
fn context_hides_far_unchanged_segments() {
    jisr()
        .args([
            "diff",
            "corpora/gulf-port.en.txt",
            "corpora/gulf-port.en.rev.txt",
            "--context",
            "0",
            "--color",
            "never",
        ])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("… 2 unchanged segments")
                .and(predicate::str::contains("#2 unchanged").not()),
        );
}

fn run_stdout(args: &[&str]) -> String {
    let output = jisr().args(args).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A small revision written for these snapshots (not a corpus article, so
/// that a change in the aligner's beads on the corpora does not rewrite
/// them): a word edited, a number corrected, a sentence dropped, one added,
/// and two sentences merged, beside a four-sentence Arabic source.
const SNAP_AR: &str = "أعلنت البلدية يوم الاثنين عن خطة لزراعة 500 شجرة في وسط المدينة.\n\nوقال رئيس البلدية إن الأشجار ستخفف الحر في الصيف.\n\nوتبلغ كلفة الخطة مليوني دينار.\n\nوستبدأ الأعمال في الربيع المقبل.\n";
const SNAP_OLD: &str = "The municipality announced on Monday a plan to plant 500 trees in the city centre.\n\nThe mayor said the trees would ease the heat in summer.\n\nThe plan will cost two million dinars.\n\nWork will start next spring. It will last a year.\n";
const SNAP_NEW: &str = "The municipality unveiled on Monday a plan to plant 600 trees in the city centre.\n\nThe mayor said the trees would ease the summer heat.\n\nWork will start next spring and last a year.\n\nResidents can suggest streets on the city website.\n";

/// `jisr diff` of the snapshot revision with `args` after the files.
fn snapshot_run(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("src.ar.txt", SNAP_AR),
        ("old.en.txt", SNAP_OLD),
        ("new.en.txt", SNAP_NEW),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let output = jisr()
        .current_dir(dir.path())
        .args(["diff", "src.ar.txt", "old.en.txt", "new.en.txt"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn snapshot_text_color_always() {
    let out = snapshot_run(&["--color", "always", "--width", "100", "--context", "1"]);
    insta::assert_snapshot!("small_text_color_always", out);
}

#[test]
fn snapshot_text_color_never() {
    let out = snapshot_run(&["--color", "never", "--width", "100"]);
    insta::assert_snapshot!("small_text_color_never", out);
}

#[test]
fn snapshot_jsonl() {
    let out = snapshot_run(&["--format", "jsonl"]);
    insta::assert_snapshot!("small_jsonl", out);
}

#[test]
fn snapshot_html() {
    let out = snapshot_run(&["--format", "html"]);
    insta::assert_snapshot!("small_html", out);
}

/// The headless browser, when installed.
fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH")?
                .to_str()?
                .split(':')
                .map(|dir| Path::new(dir).join(name))
                .find(|p| p.is_file())
        })
}

/// Run chromium headless on `page` with `extra` arguments, bounded by `timeout`.
fn headless(browser: &Path, profile: &Path, extra: &[String]) -> std::process::Output {
    Process::new("timeout")
        .arg("120")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .output()
        .expect("run chromium")
}

#[test]
fn html_renders_in_headless_chromium() {
    let found = chromium().ok_or("not installed (Debian: apt-get install chromium)");
    let Some(browser) = require("chromium", found) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    jisr()
        .args([
            "diff",
            "corpora/gulf-port.ar.txt",
            "corpora/gulf-port.en.txt",
            "corpora/gulf-port.en.rev.txt",
            "--format",
            "html",
            "-o",
        ])
        .arg(&page)
        .assert()
        .code(1);
    let url = format!("file://{}", page.display());
    let png = dir.path().join("out.png");
    let shot = headless(
        &browser,
        &dir.path().join("profile-1"),
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,1600".into(),
            url.clone(),
        ],
    );
    let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 1000,
        "no screenshot ({size} bytes): {}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let dom = headless(
        &browser,
        &dir.path().join("profile-2"),
        &["--dump-dom".into(), url],
    );
    let dom = String::from_utf8(dom.stdout).unwrap();
    for text in [
        "أعلنت هيئة موانئ الدانة",
        "the <del>largest</del>",
        "the <ins>biggest</ins>",
        "The authority said the tender for the dredging work",
        "dir=\"rtl\" lang=\"ar\"",
    ] {
        assert!(dom.contains(text), "{text:?} not in the rendered DOM");
    }
}

#[test]
fn readme_example_is_current() {
    let readme =
        std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let Some(section) = readme.split("\n## Diff\n").nth(1) else {
        panic!("README.md has no ## Diff section");
    };
    let example = section
        .split("```text\n")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .unwrap();
    let out = run_stdout(&[
        "diff",
        "corpora/gulf-port.en.txt",
        "corpora/gulf-port.en.rev.txt",
        "--context",
        "0",
        "--color",
        "never",
        "--width",
        "100",
    ]);
    assert_eq!(
        out.trim_end(),
        example,
        "update the example in README.md's ## Diff section"
    );
}
