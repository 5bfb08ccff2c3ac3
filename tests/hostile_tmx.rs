//! The TMX reader, `tmx merge` and `tmx stats` against hostile files (issue
//! 15): huge attribute lists, XML that is not well-formed, units a merge must
//! not copy through, terminal control sequences, and arbitrary or mutated
//! bytes. Each bad file is a one-line error naming the file and the line, or
//! a warning of that form for what can be skipped; never a panic.

use std::path::Path;

use jisr::export::tmx::{read_tmx, read_tmx_bytes};
use predicates::prelude::*;
use proptest::prelude::*;

mod common;
use common::jisr_in as jisr;

/// A TMX 1.4 file around `body` (which starts on line 4).
fn tmx(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n\
         <header srclang=\"ar\" creationtool=\"t\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" datatype=\"plaintext\"/>\n\
         <body>\n{body}\n</body>\n</tmx>\n"
    )
}

/// A unit with an Arabic and an English variant.
fn unit(attrs: &str, ar: &str, en: &str) -> String {
    format!(
        "<tu{attrs}><tuv xml:lang=\"ar\"><seg>{ar}</seg></tuv><tuv xml:lang=\"en\"><seg>{en}</seg></tuv></tu>"
    )
}

/// `jisr ARGS` in `dir` fails with exit 2 and exactly `expected` (one line) on stderr.
fn fails(dir: &Path, args: &[&str], expected: &str) {
    jisr(dir)
        .args(args)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!("{expected}\n"));
}

#[test]
fn a_hundred_thousand_attributes_on_one_unit_are_read() {
    // 1 MB; the quadratic duplicate check of quick-xml took 29 s on this.
    let dir = tempfile::tempdir().unwrap();
    let attrs: String = (0..100_000).map(|k| format!(" a{k}=\"v\"")).collect();
    std::fs::write(
        dir.path().join("wide.tmx"),
        tmx(&unit(&attrs, "مرحبا", "Hello")),
    )
    .unwrap();
    let read = read_tmx(&dir.path().join("wide.tmx")).unwrap();
    assert_eq!(read.units.len(), 1);
    assert_eq!(read.units[0].text("en"), Some("Hello"));
    // The same with one name given twice, far apart: refused, on its line.
    let dup = format!(" a7=\"x\"{attrs}");
    std::fs::write(dir.path().join("dup.tmx"), tmx(&unit(&dup, "a", "b"))).unwrap();
    fails(
        dir.path(),
        &["tmx", "stats", "dup.tmx"],
        "jisr: dup.tmx:5: not well-formed XML: attribute a7 given twice",
    );
}

#[test]
fn xml_that_is_not_well_formed_is_refused_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = unit("", "مرحبا", "Hello");
    for (name, text, expected) in [
        (
            "lt.tmx",
            tmx(&unit(" tuid=\"a<b\"", "x", "y")),
            "lt.tmx:5: not well-formed XML: `<` in the value of attribute tuid",
        ),
        (
            "roots.tmx",
            format!("{}<tmx version=\"1.4\"><body/></tmx>\n", tmx(&good)),
            "roots.tmx:8: not well-formed XML: a second root element <tmx> after the first one ended",
        ),
        (
            "nul.tmx",
            tmx(&unit("", "x\0y", "z")),
            "nul.tmx:5: not well-formed XML: character U+0000 is not allowed",
        ),
        (
            "esc.tmx",
            tmx(&unit("", "x", "\x1b[2J")),
            "esc.tmx:5: not well-formed XML: character U+001B is not allowed",
        ),
        (
            "charref.tmx",
            tmx(&unit("", "x&#1;", "y")),
            "charref.tmx:5: not well-formed XML: character reference to U+0001, which XML 1.0 does not allow",
        ),
        (
            "charref-attr.tmx",
            tmx(&unit(" tuid=\"&#x1b;\"", "x", "y")),
            "charref-attr.tmx:5: not well-formed XML: character reference to U+001B, which XML 1.0 does not allow",
        ),
        (
            "text-after.tmx",
            format!("{}trailing words\n", tmx(&good)),
            "text-after.tmx:8: not well-formed XML: text after the root element",
        ),
        (
            "text-before.tmx",
            format!("junk\n{}", tmx(&good)),
            "text-before.tmx:1: not well-formed XML: text before the root element",
        ),
        (
            "late-decl.tmx",
            format!("\n{}", tmx(&good)),
            "late-decl.tmx:2: not well-formed XML: the XML declaration must come first",
        ),
        (
            "comment.tmx",
            tmx(&format!("<!-- a -- b -->{good}")),
            "comment.tmx:5: not well-formed XML: ill-formed document: forbidden string `--` was found in a comment",
        ),
        (
            "entity.tmx",
            tmx(&unit("", "x &nbsp; y", "z")),
            "entity.tmx:5: not well-formed XML: unknown entity &nbsp;",
        ),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
        fails(
            dir.path(),
            &["tmx", "stats", name],
            &format!("jisr: {expected}"),
        );
        fails(
            dir.path(),
            &["tmx", "merge", name, "-o", "out.tmx"],
            &format!("jisr: {expected}"),
        );
        assert!(!dir.path().join("out.tmx").exists());
    }
}

#[test]
fn merge_skips_empty_units_refuses_unknown_languages_and_checks_dates() {
    let dir = tempfile::tempdir().unwrap();
    let body = [
        unit(" creationdate=\"20231114T221320Z\"", "واحد", "one"),
        "<tu tuid=\"empty\"><prop type=\"x-document\">d</prop></tu>".to_string(),
        "<tu tuid=\"also-empty\"/>".to_string(),
        unit(" creationdate=\"2023-11-14T22:13:20Z\"", "اثنان", "two"),
        unit(" creationdate=\"yesterday\"", "ثلاثة", "three"),
        unit(" creationdate=\"20231332T250000Z\"", "أربعة", "four"),
    ]
    .join("\n");
    std::fs::write(dir.path().join("mixed.tmx"), tmx(&body)).unwrap();
    let warnings = "jisr: warning: mixed.tmx:6: <tu> without <tuv>: skipped\n\
         jisr: warning: mixed.tmx:7: <tu> without <tuv>: skipped\n\
         jisr: warning: mixed.tmx:9: creationdate \"yesterday\" is not a TMX date (YYYYMMDDThhmmssZ): ignored\n\
         jisr: warning: mixed.tmx:10: creationdate \"20231332T250000Z\" is not a TMX date (YYYYMMDDThhmmssZ): ignored\n";
    jisr(dir.path())
        .args(["tmx", "merge", "mixed.tmx", "-o", "out.tmx"])
        .assert()
        .success()
        .stderr(format!(
            "{warnings}jisr: 4 units from 1 files: 4 written, 0 duplicates dropped\n"
        ));
    let out = read_tmx(&dir.path().join("out.tmx")).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let dates: Vec<&str> = out
        .units
        .iter()
        .map(|u| u.creation_date.as_deref().unwrap())
        .collect();
    // The ISO 8601 extended form is written the TMX way; a bad date gives
    // way to the merge's own (SOURCE_DATE_EPOCH in these tests).
    assert_eq!(
        dates,
        [
            "20231114T221320Z",
            "20231114T221320Z",
            "20231114T221320Z",
            "20231114T221320Z"
        ]
    );
    assert!(out.units.iter().all(|u| u.variants.len() == 2));
    // `stats` reads the same way and says so.
    jisr(dir.path())
        .args(["tmx", "stats", "mixed.tmx"])
        .assert()
        .success()
        .stderr(warnings)
        .stdout(predicate::str::contains("units: 4\n"));

    // A variant without a language: its text cannot be used or guessed, and
    // dropping it would lose a translation, so the file is refused.
    for (name, attr) in [("blank.tmx", "xml:lang=\"\""), ("space.tmx", "lang=\" \"")] {
        std::fs::write(
            dir.path().join(name),
            tmx(&format!(
                "{}\n<tu><tuv {attr}><seg>x</seg></tuv></tu>",
                unit("", "a", "b")
            )),
        )
        .unwrap();
        fails(
            dir.path(),
            &["tmx", "merge", name, "-o", "out2.tmx"],
            &format!("jisr: {name}:6: <tuv> with an empty language code"),
        );
        assert!(!dir.path().join("out2.tmx").exists());
    }
}

#[test]
fn stats_escapes_terminal_controls_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // C1 controls (CSI, NEL) and bidi overrides are allowed in XML; ESC and
    // BEL are not, but a character name in a file name is.
    let body = [
        "<tu><prop type=\"x-document\">\u{9b}2J\u{202E}evil</prop>\
         <tuv xml:lang=\"ar\u{85}\"><seg>a</seg></tuv><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>",
    ]
    .join("\n");
    let text = tmx(&body).replace("srclang=\"ar\"", "srclang=\"ar\u{2066}\"");
    let name = "x\x1b]0;owned\x07.tmx";
    std::fs::write(dir.path().join(name), text).unwrap();
    let out = jisr(dir.path())
        .args(["tmx", "stats", name])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.chars().any(|c| c.is_control() && c != '\n'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains("file: x\\u{1b}]0;owned\\u{7}.tmx\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("source language: ar\\u{2066}\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("languages: ar\\u{85} (1), en (1)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  \\u{9b}2J\\u{202e}evil: 1 units\n"),
        "{stdout}"
    );
}

/// A small valid memory for the mutation test.
fn seed() -> Vec<u8> {
    tmx(&[
        unit(" tuid=\"1\" creationdate=\"20231114T221320Z\"", "مرحبا &amp; <hi>أهلا</hi>", "Hello &lt;b&gt;"),
        "<tu><prop type=\"x-document\">d</prop><tuv lang=\"EN\"><seg>a<bpt i=\"1\">{</bpt>b<![CDATA[c]]></seg></tuv></tu>".to_string(),
        "<!-- note --><?pi x?>".to_string(),
    ]
    .join("\n"))
    .into_bytes()
}

/// The reader's answer: a memory, or an error naming the file on one line.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    match read_tmx_bytes(Path::new("p.tmx"), bytes) {
        Ok(tmx) => {
            for w in &tmx.warnings {
                let shown = w.to_string();
                prop_assert!(shown.starts_with("p.tmx:") && !shown.contains('\n'));
            }
        }
        Err(e) => {
            let shown = e.to_string();
            prop_assert!(shown.starts_with("p.tmx"), "{}", shown);
            prop_assert!(!shown.contains('\n'), "{}", shown);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_are_a_memory_or_a_one_line_error(
        bytes in proptest::collection::vec(any::<u8>(), 0..2_000)
    ) {
        check(&bytes)?;
    }

    #[test]
    fn mutated_memories_are_a_memory_or_a_one_line_error(
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), 0..4u8, prop::sample::select(
                b"<>&;\"'=/![]?-#x0 \n\xff\xc3\x00\x1b".to_vec())),
            1..12,
        )
    ) {
        let mut bytes = seed();
        for (at, kind, b) in edits {
            let k = at.index(bytes.len() + 1);
            match kind {
                0 => bytes.insert(k, b),
                1 if k < bytes.len() => { bytes.remove(k); }
                2 if k < bytes.len() => bytes[k] = b,
                _ => bytes.truncate(k),
            }
        }
        check(&bytes)?;
    }
}
