//! `jisr align` as a user runs it: every format, stdin, and every bad input.

use std::path::Path;

use predicates::prelude::*;

mod common;
use common::{corpus, jisr, require};

const ARTICLES: &[&str] = &[
    "gulf-port",
    "cairo-heatwave",
    "beirut-election",
    "rabat-court",
];

fn read_beads(text: &str) -> Vec<(Vec<usize>, Vec<usize>)> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| jisr::export::beads::parse_bead_line(l).expect(l))
        .collect()
}

/// Gold beads of the corpus the aligner is known to miss, by article. In
/// rabat-court the gold has Arabic sentence 12 untranslated and English
/// sentence 15 added; the aligner instead joins 11 and 12 against 13, and 13
/// against 14 and 15. When a change fixes a miss or adds one, this list is
/// updated with it: the test fails either way.
const KNOWN_MISSES: &[(&str, &str)] = &[
    ("rabat-court", "[11]:[13]"),
    ("rabat-court", "[12]:[]"),
    ("rabat-court", "[13]:[14]"),
    ("rabat-court", "[]:[15]"),
];

#[test]
fn presplit_beads_match_the_hand_checked_gold() {
    // Every bead type of the corpus (1-1, 1-2, 2-1, 1-3, 1-0, 0-1, merged
    // paragraphs) is found, but for the known misses.
    let mut missed = Vec::new();
    for a in ARTICLES {
        let out = jisr()
            .args(["align", "--presplit", "--format", "beads"])
            .arg(corpus(&format!("{a}.ar")))
            .arg(corpus(&format!("{a}.en")))
            .output()
            .unwrap();
        assert!(out.status.success());
        let ours = read_beads(&String::from_utf8(out.stdout).unwrap());
        let gold = read_beads(&std::fs::read_to_string(corpus(&format!("{a}.gold"))).unwrap());
        for bead in gold.iter().filter(|g| !ours.contains(g)) {
            let (src, tgt) = bead;
            missed.push((*a, format!("{src:?}:{tgt:?}")));
        }
    }
    let known: Vec<(&str, String)> = KNOWN_MISSES
        .iter()
        .map(|(a, bead)| (*a, bead.to_string()))
        .collect();
    assert_eq!(missed, known, "gold beads missed (article, bead)");
}

#[test]
fn beads_format_covers_every_sentence_once() {
    let out = jisr()
        .args(["align", "-f", "beads"])
        .arg(corpus("gulf-port.ar.txt"))
        .arg(corpus("gulf-port.en.txt"))
        .output()
        .unwrap();
    let beads = read_beads(&String::from_utf8(out.stdout).unwrap());
    let src: Vec<usize> = beads.iter().flat_map(|b| b.0.clone()).collect();
    let tgt: Vec<usize> = beads.iter().flat_map(|b| b.1.clone()).collect();
    assert_eq!(src, (0..src.len()).collect::<Vec<_>>());
    assert_eq!(tgt, (0..tgt.len()).collect::<Vec<_>>());
    assert!(src.len() >= 17 && tgt.len() >= 17);
}

#[test]
fn jsonl_has_the_documented_fields() {
    let out = jisr()
        .args(["align", "--format", "jsonl"])
        .arg(corpus("beirut-election.ar.txt"))
        .arg(corpus("beirut-election.en.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut sentences = 0;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for k in ["src", "tgt", "src_ids", "tgt_ids", "score", "paragraph"] {
            assert!(v.get(k).is_some(), "{k} missing in {line}");
        }
        let score = v["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert_eq!(
            v["src"].as_array().unwrap().len(),
            v["src_ids"].as_array().unwrap().len()
        );
        sentences += v["src"].as_array().unwrap().len();
    }
    assert!(sentences >= 15);
    // Printed text is the original, not the folded form used for matching.
    assert!(text.contains("الأمم"), "original hamza spelling kept");
}

#[test]
fn tsv_is_source_tab_target() {
    let out = jisr()
        .args(["align", "--format", "tsv"])
        .arg(corpus("cairo-heatwave.ar.txt"))
        .arg(corpus("cairo-heatwave.en.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() >= 14);
    assert!(text.lines().all(|l| l.matches('\t').count() == 1));
    // Arabic-Indic digits are printed as written.
    assert!(text.contains('٣'));
}

#[test]
fn text_view_is_side_by_side_and_coloured_only_on_request() {
    let plain = jisr()
        .args([
            "align", "--format", "text", "--width", "120", "--color", "never",
        ])
        .arg(corpus("gulf-port.ar.txt"))
        .arg(corpus("gulf-port.en.txt"))
        .output()
        .unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(!plain.contains('\x1b'));
    assert!(plain.contains('│'));
    assert!(
        plain
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 120),
        "{plain}"
    );
    assert!(plain.contains("beads"));
    let coloured = jisr()
        .args(["align", "--format", "text", "--color", "always"])
        .arg(corpus("gulf-port.ar.txt"))
        .arg(corpus("gulf-port.en.txt"))
        .output()
        .unwrap();
    assert!(String::from_utf8(coloured.stdout)
        .unwrap()
        .contains("\x1b["));
    // Piped output with --color auto has no colour, and is TSV by default.
    let auto = jisr()
        .args(["align"])
        .arg(corpus("gulf-port.ar.txt"))
        .arg(corpus("gulf-port.en.txt"))
        .output()
        .unwrap();
    let auto = String::from_utf8(auto.stdout).unwrap();
    assert!(!auto.contains('\x1b') && auto.contains('\t'));
}

#[test]
fn explain_shows_the_evidence() {
    let out = jisr()
        .args(["align", "--format", "jsonl", "--explain"])
        .arg(corpus("gulf-port.ar.txt"))
        .arg(corpus("gulf-port.en.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    for k in [
        "words_matched",
        "numbers_matched",
        "length",
        "lexical",
        "paragraph",
        "prior",
    ] {
        assert!(first["signals"].get(k).is_some(), "{k}");
    }
}

#[test]
fn stdin_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pairs.jsonl");
    jisr()
        .args(["align", "-", "--format", "jsonl", "-o"])
        .arg(&out)
        .arg(corpus("rabat-court.en.txt"))
        .write_stdin(std::fs::read(corpus("rabat-court.ar.txt")).unwrap())
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.lines().count() >= 12);
    // Nothing but the output is left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn bom_and_crlf_input() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("a.ar.txt");
    let text = std::fs::read_to_string(corpus("gulf-port.ar.txt")).unwrap();
    std::fs::write(&src, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    let plain = jisr()
        .args(["align", "-f", "beads"])
        .arg(corpus("gulf-port.ar.txt"))
        .arg(corpus("gulf-port.en.txt"))
        .output()
        .unwrap();
    let crlf = jisr()
        .args(["align", "-f", "beads"])
        .arg(&src)
        .arg(corpus("gulf-port.en.txt"))
        .output()
        .unwrap();
    assert_eq!(plain.stdout, crlf.stdout);
}

/// Run align on (src, tgt) with `-o`, expect exit 2, a one-line message that
/// contains `needle`, and no output file.
fn fails(src: &Path, tgt: &Path, needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tsv");
    let result = jisr()
        .arg("align")
        .arg(src)
        .arg(tgt)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(2), "{needle}");
    let err = String::from_utf8(result.stderr).unwrap();
    assert!(err.starts_with("jisr: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    assert!(!err.contains("panicked"));
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left"
    );
}

#[test]
fn bad_inputs_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let en = corpus("gulf-port.en.txt");
    let ar = corpus("gulf-port.ar.txt");
    let path = |n: &str, bytes: &[u8]| {
        let p = dir.path().join(n);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    fails(
        &dir.path().join("missing.txt"),
        &en,
        "missing.txt: No such file",
    );
    fails(dir.path(), &en, "is a directory");
    fails(
        &path("bin.ar", b"\x7fELF\0\0\x01"),
        &en,
        "bin.ar: binary file (NUL byte at byte offset 4)",
    );
    fails(
        &path("latin1.ar", b"caf\xe9 au lait"),
        &en,
        "latin1.ar: invalid UTF-8 at byte offset 3",
    );
    fails(&path("empty.ar", b""), &en, "empty.ar: empty file");
    fails(&ar, &path("blank.en", b"\n  \n\n"), "blank.en: empty file");
    let mut long = vec![b'a'; 10 * 1024 * 1024];
    long.extend_from_slice(b" word");
    fails(
        &path("long.ar", &long),
        &en,
        "long.ar: line 1 is 10485765 bytes long",
    );
    fails(
        &en,
        &corpus("beirut-election.en.txt"),
        "both look like English",
    );
    fails(
        &ar,
        &corpus("beirut-election.ar.txt"),
        "both look like Arabic",
    );
}

#[test]
fn srx_rules_can_be_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let srx = dir.path().join("none.srx");
    // Rules that never break: every paragraph is one sentence.
    std::fs::write(
        &srx,
        r#"<srx version="2.0"><header cascade="no"/><body><languagerules><languagerule languagerulename="none"><rule break="no"><beforebreak>.</beforebreak><afterbreak></afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="none"/></maprules></body></srx>"#,
    )
    .unwrap();
    let out = jisr()
        .args(["align", "-f", "jsonl", "--srx"])
        .arg(&srx)
        .arg(corpus("gulf-port.ar.txt"))
        .arg(corpus("gulf-port.en.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let n: usize = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["src"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    let paragraphs = std::fs::read_to_string(corpus("gulf-port.ar.txt"))
        .unwrap()
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .count();
    assert_eq!(n, paragraphs);
    let bad = dir.path().join("bad.srx");
    std::fs::write(&bad, "<srx><body>\n<languagerules><languagerule languagerulename=\"x\"><rule><beforebreak>(</beforebreak></rule></languagerule></languagerules></body></srx>").unwrap();
    jisr()
        .args(["align", "--srx"])
        .arg(&bad)
        .arg(corpus("gulf-port.ar.txt"))
        .arg(corpus("gulf-port.en.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.srx:2: bad rule pattern"));
}

#[test]
fn help_is_available_for_align() {
    jisr()
        .args(["align", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--presplit"));
    jisr()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("align"));
}

#[test]
fn dictionary_cache_changes_nothing_but_time() {
    if jisr::Lexicon::system_dictionaries("ar", "en").is_empty() {
        require::<(), _>(
            "FreeDict ara-eng",
            Err("not installed (Debian: apt-get install dict-freedict-ara-eng)"),
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let run = |cache_dir: &Path| {
        let out = jisr()
            .env("JISR_CACHE_DIR", cache_dir)
            .args(["align", "--presplit", "--format", "beads"])
            .arg(corpus("beirut-election.ar"))
            .arg(corpus("beirut-election.en"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let uncached = run(Path::new(""));
    assert_eq!(run(&cache), uncached, "run that writes the cache");
    let files = std::fs::read_dir(&cache).unwrap().count();
    assert_eq!(files, 2, "one cache file per FreeDict direction");
    assert_eq!(run(&cache), uncached, "run that reads the cache");
    // A cache that cannot be written is no error.
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, "").unwrap();
    assert_eq!(run(&blocked.join("cache")), uncached);
}

/// `jisr align gulf-port --presplit --format beads -o OUT`.
fn align_to(out: &Path) -> assert_cmd::assert::Assert {
    jisr()
        .args(["align", "--presplit", "--format", "beads", "-o"])
        .arg(out)
        .arg(corpus("gulf-port.ar"))
        .arg(corpus("gulf-port.en"))
        .assert()
}

#[cfg(unix)]
#[test]
fn output_file_keeps_its_permissions_and_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("beads.txt");
    std::fs::write(&file, "old\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    align_to(&link).success();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("[0]:[0]\n"), "{written}");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[cfg(unix)]
#[test]
fn output_to_a_pipe_or_device_is_written_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        require::<(), _>("mkfifo", Err("cannot make a FIFO"));
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    align_to(&fifo).success();
    // Checked before waiting for the reader, which would wait forever on a
    // FIFO that nobody opened.
    let kind = std::fs::metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by a file");
    let received = reader.join().unwrap();
    assert!(received.starts_with("[0]:[0]\n"), "{received}");
}
