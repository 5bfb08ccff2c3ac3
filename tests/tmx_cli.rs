//! `jisr align --format tmx`, `jisr tmx merge` and `jisr tmx stats` from the
//! outside, bad inputs included, and the TMX read by real clients: xmllint,
//! Python translate-toolkit and OmegaT (console mode).
//!
//! A client that is not installed is skipped with a message, unless
//! `JISR_REQUIRE_CLIENTS=1` (set by `.ci/run`), where a missing client fails.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use jisr::export::tmx::{read_tmx, Tmx};
use predicates::prelude::*;

mod common;
use common::{corpus, jisr_in as jisr, require};

/// Align a corpus article into `dir/NAME.tmx` and read it back.
fn align_tmx(dir: &Path, article: &str, extra: &[&str]) -> (PathBuf, Tmx) {
    let out = dir.join(format!("{article}.tmx"));
    jisr(dir)
        .arg("align")
        .arg(corpus(&format!("{article}.ar.txt")))
        .arg(corpus(&format!("{article}.en.txt")))
        .args(["--format", "tmx", "-o"])
        .arg(&out)
        .args(extra)
        .assert()
        .success()
        .stdout("");
    let tmx = read_tmx(&out).unwrap();
    (out, tmx)
}

#[test]
fn align_writes_a_tmx_with_one_unit_per_two_sided_bead() {
    let dir = tempfile::tempdir().unwrap();
    let (path, tmx) = align_tmx(dir.path(), "gulf-port", &[]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">"));
    for attr in [
        "creationtool=\"jisr\"",
        "segtype=\"sentence\"",
        "o-tmf=\"jisr\"",
        "adminlang=\"en\"",
        "srclang=\"ar\"",
        "datatype=\"plaintext\"",
        "creationdate=\"20231114T221320Z\"",
        &format!("creationtoolversion=\"{}\"", env!("CARGO_PKG_VERSION")),
    ] {
        assert!(text.contains(attr), "header lacks {attr}");
    }
    assert_eq!(tmx.version, "1.4");
    assert!(tmx.units.len() >= 14, "{} units", tmx.units.len());
    for (k, unit) in tmx.units.iter().enumerate() {
        assert_eq!(unit.tuid.as_deref(), Some((k + 1).to_string().as_str()));
        assert_eq!(unit.creation_date.as_deref(), Some("20231114T221320Z"));
        assert_eq!(unit.prop("x-document"), Some("gulf-port"));
        assert!(unit.prop("x-paragraph").is_some());
        let confidence: f64 = unit.prop("x-confidence").unwrap().parse().unwrap();
        assert!((0.0..=1.0).contains(&confidence));
        assert!(!unit.text("ar").unwrap().is_empty());
        assert!(!unit.text("en").unwrap().is_empty());
    }
    assert_eq!(
        tmx.units[0].text("en"),
        Some("The Dana Ports Authority announced on Sunday a $4.2 billion plan to expand its main port, the largest maritime infrastructure project in the region in a decade.")
    );
    // The same run gives the same bytes (fixed date).
    let again = dir.path().join("again.tmx");
    jisr(dir.path())
        .arg("align")
        .arg(corpus("gulf-port.ar.txt"))
        .arg(corpus("gulf-port.en.txt"))
        .args(["-f", "tmx", "-o"])
        .arg(&again)
        .assert()
        .success();
    assert_eq!(std::fs::read(&again).unwrap(), text.as_bytes());
}

#[test]
fn align_tmx_language_codes_and_min_confidence() {
    let dir = tempfile::tempdir().unwrap();
    let (_, all) = align_tmx(
        dir.path(),
        "beirut-election",
        &["--src-lang", "ar-LB", "--tgt-lang", "en-US"],
    );
    let unit = &all.units[0];
    assert_eq!(all.src_lang, "ar-LB");
    assert_eq!(unit.variants[0].lang, "ar-LB");
    assert_eq!(unit.variants[1].lang, "en-US");
    assert_eq!(unit.prop("x-document"), Some("beirut-election"));
    let min = all
        .units
        .iter()
        .map(|u| u.prop("x-confidence").unwrap().parse::<f64>().unwrap())
        .fold(1.0, f64::min);
    // P is at most 1: only units of full confidence are left.
    let (_, top) = align_tmx(dir.path(), "beirut-election", &["--min-confidence", "1"]);
    assert!(top
        .units
        .iter()
        .all(|u| u.prop("x-confidence").unwrap().parse::<f64>().unwrap() == 1.0));
    let (_, some) = align_tmx(
        dir.path(),
        "beirut-election",
        &["--min-confidence", &format!("{}", (min + 0.0005).min(1.0))],
    );
    assert!(some.units.len() < all.units.len());
}

#[test]
fn align_tmx_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    jisr(dir.path())
        .arg("align")
        .arg(corpus("rabat-court.ar.txt"))
        .arg(corpus("rabat-court.en.txt"))
        .args(["-f", "tmx"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "<prop type=\"x-document\">rabat-court</prop>",
        ))
        .stdout(predicate::str::ends_with("</tmx>\n"));
}

#[test]
fn forbidden_characters_are_removed_with_a_warning_naming_the_document() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ctl.ar"),
        "قال الوزير\u{1} إن الميناء سيفتح.\nوأضاف أن العمال عادوا.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ctl.en"),
        "The minister said\u{1b} the port \u{FFFF}would open.\nHe added that workers returned.\n",
    )
    .unwrap();
    jisr(dir.path())
        .args([
            "align",
            "ctl.ar",
            "ctl.en",
            "--presplit",
            "-f",
            "tmx",
            "-o",
            "ctl.tmx",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "jisr: warning: ctl: removed 3 character(s) that XML 1.0 does not allow",
        ));
    let tmx = read_tmx(&dir.path().join("ctl.tmx")).unwrap();
    assert_eq!(
        tmx.units[0].text("en"),
        Some("The minister said the port would open.")
    );
    xmllint_accepts(&dir.path().join("ctl.tmx"));
}

#[test]
fn merge_drops_duplicates_and_stats_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (a, ta) = align_tmx(dir.path(), "gulf-port", &[]);
    let (b, tb) = align_tmx(dir.path(), "rabat-court", &[]);
    let total = ta.units.len() + tb.units.len();
    jisr(dir.path())
        .args(["tmx", "merge"])
        .args([&a, &b, &a])
        .args(["-o", "all.tmx"])
        .assert()
        .success()
        .stdout("")
        .stderr(format!(
            "jisr: {} units from 3 files: {total} written, {} duplicates dropped\n",
            total + ta.units.len(),
            ta.units.len()
        ));
    let all = read_tmx(&dir.path().join("all.tmx")).unwrap();
    assert_eq!(all.units.len(), total);
    let tuids: Vec<String> = all.units.iter().map(|u| u.tuid.clone().unwrap()).collect();
    assert_eq!(
        tuids,
        (1..=total).map(|k| k.to_string()).collect::<Vec<_>>()
    );
    jisr(dir.path())
        .args(["tmx", "stats", "all.tmx"])
        .assert()
        .success()
        .stdout(format!(
            "file: all.tmx\nversion: 1.4\nsource language: ar\nunits: {total}\nlanguages: ar ({total}), en ({total})\n\
             documents: 2\n  gulf-port: {} units\n  rabat-court: {} units\nduplicates: 0\n",
            ta.units.len(),
            tb.units.len()
        ));
    // Merging to stdout works too.
    jisr(dir.path())
        .args(["tmx", "merge", "all.tmx"])
        .assert()
        .success()
        .stdout(predicate::str::contains("<tmx version=\"1.4\">"));
}

/// An older TMX from another tool: version 1.1, `lang` attributes in upper
/// case, inline codes, whitespace differences between duplicates.
const OLD_TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
<header creationtool="OldTool" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="EN" srclang="AR" datatype="rtf"/>
<body>
<tu tuid="a"><prop type="x-document">old</prop>
<tuv lang="AR"><seg>مرحبا <bpt i="1">{\b </bpt>بالعالم<ept i="1">}</ept></seg></tuv>
<tuv lang="EN"><seg>Hello <hi>world</hi></seg></tuv></tu>
<tu tuid="b"><prop type="x-document">old</prop>
<tuv lang="AR"><seg>مرحبا   بالعالم</seg></tuv>
<tuv lang="EN"><seg>Hello world<ph>\par</ph></seg></tuv></tu>
</body>
</tmx>
"#;

#[test]
fn old_tmx_is_read_and_its_duplicates_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.tmx"), OLD_TMX).unwrap();
    jisr(dir.path())
        .args(["tmx", "stats", "old.tmx"])
        .assert()
        .success()
        .stdout(predicate::str::contains("version: 1.1\n"))
        .stdout(predicate::str::contains(
            "units: 2\nlanguages: AR (2), EN (2)\ndocuments: 1\n  old: 2 units\nduplicates: 1\n",
        ));
    jisr(dir.path())
        .args(["tmx", "merge", "old.tmx", "-o", "new.tmx"])
        .assert()
        .success()
        .stderr("jisr: 2 units from 1 files: 1 written, 1 duplicates dropped\n");
    let new = read_tmx(&dir.path().join("new.tmx")).unwrap();
    assert_eq!(new.src_lang, "AR");
    assert_eq!(new.units[0].text("ar"), Some("مرحبا بالعالم"));
    assert_eq!(new.units[0].text("en"), Some("Hello world"));
}

#[test]
fn malformed_tmx_names_file_and_line_and_leaves_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let (good, _) = align_tmx(dir.path(), "gulf-port", &[]);
    std::fs::write(
        dir.path().join("bad.tmx"),
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"ar\"/>\n<body>\n<tu><tuv xml:lang=\"ar\"><seg>x</tuv></tu>\n</body>\n</tmx>\n",
    )
    .unwrap();
    jisr(dir.path())
        .args(["tmx", "merge"])
        .arg(&good)
        .args(["bad.tmx", "-o", "all.tmx"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "jisr: bad.tmx:5: not well-formed XML",
        ));
    assert!(!dir.path().join("all.tmx").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".jisr-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    jisr(dir.path())
        .args(["tmx", "stats", "bad.tmx"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("jisr: bad.tmx:5: "));
}

#[test]
fn bad_tmx_inputs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), "<html>\n<body/>\n</html>\n").unwrap();
    std::fs::write(
        dir.path().join("latin1.tmx"),
        b"<tmx version=\"1.4\"><body>caf\xe9</body></tmx>",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.tmx"), "").unwrap();
    for (file, message) in [
        (
            "page.html",
            "jisr: page.html:1: not a TMX file: the root element is <html>, not <tmx>\n",
        ),
        (
            "latin1.tmx",
            "jisr: latin1.tmx: invalid UTF-8 at byte offset 28\n",
        ),
        (
            "empty.tmx",
            "jisr: empty.tmx:1: no <tmx> element: not a TMX file\n",
        ),
        (
            "missing.tmx",
            "jisr: missing.tmx: No such file or directory (os error 2)\n",
        ),
        (".", "jisr: .: is a directory, expected a text file\n"),
    ] {
        jisr(dir.path())
            .args(["tmx", "stats", file])
            .assert()
            .code(2)
            .stdout("")
            .stderr(message);
    }
    jisr(dir.path()).args(["tmx", "merge"]).assert().code(2);
}

/// `xmllint --noout` finds the file well-formed (libxml2, the parser behind
/// most Linux XML tools).
fn xmllint_accepts(path: &Path) {
    match Process::new("xmllint").arg("--noout").arg(path).output() {
        Ok(out) => assert!(
            out.status.success() && out.stderr.is_empty(),
            "xmllint: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => {
            require::<(), _>("xmllint", Err(format!("cannot run it: {e}")));
        }
    }
}

#[test]
fn xmllint_finds_jisr_tmx_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = align_tmx(dir.path(), "gulf-port", &[]);
    let (b, _) = align_tmx(dir.path(), "beirut-election", &[]);
    xmllint_accepts(&a);
    jisr(dir.path())
        .args(["tmx", "merge"])
        .args([&a, &b])
        .args(["-o", "m.tmx"])
        .assert()
        .success();
    xmllint_accepts(&dir.path().join("m.tmx"));
}

#[test]
fn translate_toolkit_reads_every_unit() {
    let dir = tempfile::tempdir().unwrap();
    let (path, tmx) = align_tmx(dir.path(), "rabat-court", &[]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients/tt_read_tmx.py");
    let out = match Process::new("python3")
        .arg(&script)
        .arg(&path)
        .args(["ar", "en"])
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            require::<(), _>("python3", Err(format!("cannot run it: {e}")));
            return;
        }
    };
    if out.status.code() == Some(3) {
        require::<(), _>(
            "translate-toolkit",
            Err("the Python module `translate` is not installed (pip install translate-toolkit)"),
        );
        return;
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let units = seen["units"].as_array().unwrap();
    assert_eq!(units.len(), tmx.units.len());
    for (theirs, ours) in units.iter().zip(&tmx.units) {
        assert_eq!(theirs["id"].as_str(), ours.tuid.as_deref());
        assert_eq!(theirs["source"].as_str(), ours.text("ar"));
        assert_eq!(theirs["target"].as_str(), ours.text("en"));
    }
}

/// The OmegaT jar: `OMEGAT_JAR`, or where Debian's `omegat` package puts it.
fn omegat_jar() -> Option<PathBuf> {
    let jar = std::env::var_os("OMEGAT_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/omegat/OmegaT.jar"));
    jar.exists().then_some(jar)
}

const OMEGAT_PROJECT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>ar</source_lang>
    <target_lang>en</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneArabicTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"#;

/// OmegaT in console mode translates the Arabic of an article from jisr's
/// TMX in `tm/auto/` (exact matches are inserted there). Sentence
/// segmentation is off and every unit's Arabic is its own paragraph, so
/// OmegaT's segments are jisr's units.
#[test]
fn omegat_translates_the_article_from_the_tmx() {
    let Some(jar) = omegat_jar() else {
        require::<(), _>(
            "OmegaT",
            Err("/usr/share/omegat/OmegaT.jar not found (apt-get install omegat)"),
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    for sub in [
        "source",
        "target",
        "tm/auto",
        "glossary",
        "dictionary",
        "omegat",
    ] {
        std::fs::create_dir_all(project.join(sub)).unwrap();
    }
    let (_, tmx) = align_tmx(&project.join("tm/auto"), "gulf-port", &[]);
    std::fs::write(project.join("omegat.project"), OMEGAT_PROJECT).unwrap();
    let arabic: Vec<&str> = tmx.units.iter().map(|u| u.text("ar").unwrap()).collect();
    let english: Vec<&str> = tmx.units.iter().map(|u| u.text("en").unwrap()).collect();
    std::fs::write(
        project.join("source/gulf-port.txt"),
        arabic.join("\n\n") + "\n",
    )
    .unwrap();
    let run = Process::new("java")
        .arg("-Djava.awt.headless=true")
        .arg("-jar")
        .arg(&jar)
        .arg("--mode=console-translate")
        .arg(&project)
        // OmegaT keeps its settings under $HOME/.omegat: a fresh one per test.
        .env("HOME", dir.path().join("home"))
        .output();
    let out = match run {
        Ok(out) => out,
        Err(e) => {
            require::<(), _>("java", Err(format!("cannot run it: {e}")));
            return;
        }
    };
    let log =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "OmegaT failed:\n{log}");
    let target = std::fs::read_to_string(project.join("target/gulf-port.txt"))
        .unwrap_or_else(|e| panic!("no target file ({e}); OmegaT said:\n{log}"));
    let segments: Vec<&str> = target
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(segments, english, "OmegaT said:\n{log}");
}
