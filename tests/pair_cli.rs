//! `jisr pair` and `jisr batch AR_DIR EN_DIR`: pairing articles by content.
//!
//! Pools are built in each test from the repository's `corpora/` articles,
//! under unrelated file names. The test on `../shared/eval` pools skips
//! with a message when the set is absent, and fails then under
//! `JISR_REQUIRE_CLIENTS=1`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{corpus, jisr};

/// The paragraphs of a corpus article.
fn paragraphs(name: &str) -> Vec<String> {
    std::fs::read_to_string(corpus(name))
        .unwrap()
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Paragraphs `range` of a corpus article as one text.
fn part(name: &str, range: std::ops::Range<usize>) -> String {
    paragraphs(name)[range].join("\n\n") + "\n"
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The (Arabic, English) file names of the pairs in TSV output; unpaired
/// articles as (name, "-") or ("-", name).
fn lines(stdout: &[u8]) -> BTreeSet<(String, String)> {
    let name = |f: &str| {
        if f == "-" {
            "-".to_string()
        } else {
            Path::new(f)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        }
    };
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "{l}");
            (name(f[0]), name(f[1]))
        })
        .collect()
}

fn set(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(a, e)| (a.to_string(), e.to_string()))
        .collect()
}

/// A pool with every case the issue names: a full translation, a shortened
/// one (first paragraphs only), twin stories of which only one is
/// translated, an untranslated Arabic article and an English one without
/// its original.
fn pool(root: &Path) -> (PathBuf, PathBuf) {
    let (ar, en) = (root.join("ar"), root.join("en"));
    write(&ar, "483920.txt", &part("beirut-election.ar.txt", 0..5));
    write(
        &en,
        "beirut-votes.txt",
        &part("beirut-election.en.txt", 0..6),
    );
    write(&ar, "100200.txt", &part("gulf-port.ar.txt", 0..5));
    write(&en, "port-plan.txt", &part("gulf-port.en.txt", 0..2));
    write(&ar, "777001.txt", &part("rabat-court.ar.txt", 0..3));
    write(&ar, "777002.txt", &part("rabat-court.ar.txt", 3..5));
    write(&en, "court-ruling.txt", &part("rabat-court.en.txt", 0..3));
    write(&ar, "555555.txt", &part("cairo-heatwave.ar.txt", 0..5));
    write(&en, "duisburg.txt", &part("duisburg-steel.fr.txt", 0..1));
    (ar, en)
}

/// `jisr pair AR EN`, which must succeed.
fn pair_ok(ar: &Path, en: &Path) -> std::process::Output {
    let out = jisr().arg("pair").arg(ar).arg(en).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Pair the pool of [`pool`] and check the pairs, with the full Arabic
/// article and the shortened English one under the names given.
fn pair_pool(ar: &Path, en: &Path, full_ar: &str, short_en: &str) -> std::process::Output {
    let out = pair_ok(ar, en);
    assert_eq!(
        lines(&out.stdout),
        set(&[
            (full_ar, "beirut-votes.txt"),
            ("100200.txt", short_en),
            ("777001.txt", "court-ruling.txt"),
            ("777002.txt", "-"),
            ("555555.txt", "-"),
            ("-", "duisburg.txt"),
        ])
    );
    out
}

#[test]
fn a_pool_is_paired_one_to_one() {
    let dir = tempfile::tempdir().unwrap();
    let (ar, en) = pool(dir.path());
    let out = pair_pool(&ar, &en, "483920.txt", "port-plan.txt");
    // Confidences: pairs above the threshold, unpaired lines without one.
    for l in String::from_utf8_lossy(&out.stdout).lines() {
        let f: Vec<&str> = l.split('\t').collect();
        if f[0] != "-" && f[1] != "-" {
            let c: f64 = f[2].parse().unwrap();
            assert!((0.5..=1.0).contains(&c), "{l}");
        } else {
            assert_eq!(f[2], "", "{l}");
        }
    }
}

#[test]
fn a_translated_opening_pairs_with_the_article_it_opens() {
    // The English translates only the first paragraph of the port story.
    // Another Arabic article quotes that paragraph after two of its own,
    // and being shorter it is nearer by words alone; the story the English
    // opens with is the port article.
    let dir = tempfile::tempdir().unwrap();
    let (ar, en) = (dir.path().join("ar"), dir.path().join("en"));
    write(&ar, "100200.txt", &part("gulf-port.ar.txt", 0..5));
    let quoting = part("beirut-election.ar.txt", 0..2) + "\n" + &part("gulf-port.ar.txt", 0..1);
    write(&ar, "300400.txt", &quoting);
    write(&en, "port-opening.txt", &part("gulf-port.en.txt", 0..1));
    assert_eq!(
        lines(&pair_ok(&ar, &en).stdout),
        set(&[("100200.txt", "port-opening.txt"), ("300400.txt", "-")])
    );
}

#[test]
fn min_confidence_one_leaves_pairs_unpaired_and_explain_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let (ar, en) = pool(dir.path());
    let out = jisr()
        .arg("pair")
        .arg(&ar)
        .arg(&en)
        .args(["--min-confidence", "1", "--explain", "-f", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 5 + 4, "every article alone: {rows:?}");
    assert!(rows.iter().all(|r| r["confidence"].is_null()));
    // The nearest candidate's evidence is there for the Arabic articles.
    let beirut = rows
        .iter()
        .find(|r| r["ar"].as_str().is_some_and(|p| p.ends_with("483920.txt")));
    let evidence = &beirut.unwrap()["evidence"];
    assert!(evidence["names"].as_u64().unwrap() > 0, "{evidence}");
    assert!(evidence["aligned"].as_u64().unwrap() > 0, "{evidence}");
}

#[test]
fn text_view_and_atomic_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let (ar, en) = pool(dir.path());
    let target = dir.path().join("pairs.txt");
    jisr()
        .arg("pair")
        .arg(&ar)
        .arg(&en)
        .args(["-f", "text", "--explain", "-o"])
        .arg(&target)
        .assert()
        .success();
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("ARABIC"), "{text}");
    assert!(
        text.contains("3 pairs; 2 Arabic and 1 English articles unpaired"),
        "{text}"
    );
    assert!(text.contains("sentences aligned in order"), "{text}");
}

#[test]
fn unreadable_and_empty_files_are_reported_and_the_rest_paired() {
    let dir = tempfile::tempdir().unwrap();
    let (ar, en) = pool(dir.path());
    write(&ar, "000000.txt", "");
    std::fs::write(ar.join("999999.txt"), b"\xff\xfe not text \x00").unwrap();
    let out = jisr().arg("pair").arg(&ar).arg(&en).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let reported: Vec<&str> = stderr.lines().collect();
    assert_eq!(reported.len(), 2, "{stderr}");
    assert!(reported
        .iter()
        .any(|l| l.starts_with("jisr: ") && l.contains("000000.txt")));
    assert!(reported
        .iter()
        .any(|l| l.starts_with("jisr: ") && l.contains("999999.txt")));
    let pairs = lines(&out.stdout);
    assert!(pairs.contains(&("483920.txt".into(), "beirut-votes.txt".into())));
    assert!(!pairs
        .iter()
        .any(|(a, _)| a == "000000.txt" || a == "999999.txt"));
}

#[test]
fn an_empty_folder_leaves_every_article_unpaired() {
    let dir = tempfile::tempdir().unwrap();
    let (ar, _) = pool(dir.path());
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = jisr().arg("pair").arg(&ar).arg(&empty).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty: no articles"), "{stderr}");
    let rows = lines(&out.stdout);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|(_, e)| e == "-"));
}

#[test]
fn identical_articles_pair_once_and_the_copy_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (ar, en) = pool(dir.path());
    write(&ar, "483921.txt", &part("beirut-election.ar.txt", 0..5));
    let out = jisr().arg("pair").arg(&ar).arg(&en).output().unwrap();
    assert!(out.status.success());
    let rows = lines(&out.stdout);
    assert!(rows.contains(&("483920.txt".into(), "beirut-votes.txt".into())));
    assert!(rows.contains(&("483921.txt".into(), "-".into())));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("483921.txt: same text as") && stderr.contains("483920.txt"),
        "{stderr}"
    );
}

#[test]
fn folders_of_one_article_and_a_list_of_files() {
    let dir = tempfile::tempdir().unwrap();
    let ar = dir.path().join("ar");
    let en = write(
        &dir.path().join("en"),
        "port.txt",
        &part("gulf-port.en.txt", 0..5),
    );
    write(&ar, "1.txt", &part("gulf-port.ar.txt", 0..5));
    let list = write(dir.path(), "english.list", &format!("{}\n", en.display()));
    let out = jisr().arg("pair").arg(&ar).arg(&list).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(lines(&out.stdout), set(&[("1.txt", "port.txt")]));
}

#[test]
fn swapped_folders_are_refused_article_by_article() {
    let dir = tempfile::tempdir().unwrap();
    let (ar, en) = pool(dir.path());
    let out = jisr().arg("pair").arg(&en).arg(&ar).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not Arabic text in the pool of Arabic articles"),
        "{stderr}"
    );
}

#[test]
fn batch_of_two_folders_pairs_then_aligns() {
    let dir = tempfile::tempdir().unwrap();
    let (ar, en) = pool(dir.path());
    let out = jisr()
        .arg("batch")
        .arg(&ar)
        .arg(&en)
        .args(["-f", "jsonl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let documents: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["document"].as_str().unwrap().to_string()
        })
        .collect();
    let expected: BTreeSet<String> = ["483920", "100200", "777001"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(documents, expected);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("777002.txt: no English article translates it"),
        "{stderr}"
    );
    assert!(
        stderr.contains("duisburg.txt: no Arabic article it translates"),
        "{stderr}"
    );
    assert!(stderr.contains("3 documents aligned"), "{stderr}");
}

/// Skip (with a message) when a client is missing, or fail when CI requires it.
fn skip(client: &str, why: &str) {
    if std::env::var_os("JISR_REQUIRE_CLIENTS").is_some_and(|v| v == "1") {
        panic!("{client} is required (JISR_REQUIRE_CLIENTS=1) but {why}");
    }
    eprintln!("SKIPPED: {client}: {why}");
}

/// Pools built by `make_pairing.py` from both profiles of the shared
/// evaluation set (twins, shortened translations, untranslated articles),
/// seeds 1 to 3, scored by `score_pairs.py`: the bar (F1 0.99) on their
/// mean, and none below 0.98 (edited seed 1 holds an article whose Arabic
/// lost its spaces, and a shortened translation of a story with a twin);
/// `benches/pair.sh` checks more seeds.
#[test]
fn shared_eval_pools_score_well() {
    let eval = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    if !eval.join("ntrex-ar-en").is_dir() || !eval.join("ntrex-ar-en-long").is_dir() {
        return skip("../shared/eval", "the evaluation sets are not there");
    }
    let mut scores = Vec::new();
    for profile in ["ntrex-ar-en", "ntrex-ar-en-long"] {
        for seed in ["1", "2", "3"] {
            let dir = tempfile::tempdir().unwrap();
            let made = std::process::Command::new("python3")
                .arg(eval.join("make_pairing.py"))
                .arg(eval.join(profile))
                .arg(dir.path())
                .arg(seed)
                .output();
            if !made.as_ref().is_ok_and(|o| o.status.success()) {
                return skip("python3", "make_pairing.py did not run");
            }
            let out = dir.path().join("pairs.tsv");
            jisr()
                .arg("pair")
                .arg(dir.path().join("ar"))
                .arg(dir.path().join("en"))
                .arg("-o")
                .arg(&out)
                .assert()
                .success();
            let score = std::process::Command::new("python3")
                .arg(eval.join("score_pairs.py"))
                .arg(dir.path().join("gold.tsv"))
                .arg(&out)
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&score.stdout).into_owned();
            let f1: f64 = text
                .split("f1=")
                .nth(1)
                .and_then(|f| f.trim().parse().ok())
                .unwrap_or_else(|| panic!("no F1 in {text}"));
            scores.push((format!("{profile} seed {seed}"), f1));
        }
    }
    let mean = scores.iter().map(|s| s.1).sum::<f64>() / scores.len() as f64;
    assert!(mean >= 0.99, "mean F1 {mean:.4}: {scores:?}");
    assert!(scores.iter().all(|s| s.1 >= 0.98), "{scores:?}");
}

/// `text`'s paragraphs as a page with a site's menu and footer around them.
fn page(text: &str, lang: &str) -> String {
    let body: String = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            format!(
                "<p>{}</p>\n",
                p.trim().replace('&', "&amp;").replace('<', "&lt;")
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>Site</title></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><main><article>\n{body}</article></main>\
         <footer><p>All rights reserved.</p></footer></body></html>\n"
    )
}

/// `text`'s paragraphs as a Word document.
fn word(text: &str) -> Vec<u8> {
    use std::io::Write;
    let body: String = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let p = p.trim().replace('&', "&amp;").replace('<', "&lt;");
            format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>")
        })
        .collect();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    write!(
        zip,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn pools_of_web_pages_and_word_documents_pair_as_text_does() {
    let dir = tempfile::tempdir().unwrap();
    let (ar, en) = pool(dir.path());
    // The same articles saved as a page and as a document.
    let full = part("beirut-election.ar.txt", 0..5);
    std::fs::remove_file(ar.join("483920.txt")).unwrap();
    write(&ar, "483920.html", &page(&full, "ar"));
    let short = part("gulf-port.en.txt", 0..2);
    std::fs::remove_file(en.join("port-plan.txt")).unwrap();
    std::fs::write(en.join("port-plan.docx"), word(&short)).unwrap();
    pair_pool(&ar, &en, "483920.html", "port-plan.docx");
}
