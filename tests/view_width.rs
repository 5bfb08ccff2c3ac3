//! Issue 13: the terminal views fit the screen. No line of `align --format
//! text` (with or without `--explain`) or of `diff`'s text view is wider
//! than `--width`, on every article of the corpus, at the widths people use.

use std::path::Path;

use unicode_width::UnicodeWidthChar;

mod common;
use common::{corpus, jisr};

const WIDTHS: [usize; 4] = [60, 80, 100, 120];

/// Columns a terminal gives `line`: SGR colour sequences take none, and
/// each character its own width (combining marks and bidi controls none,
/// wide characters two; a lam-alef pair two, as terminals draw it).
fn columns(line: &str) -> usize {
    let mut total = 0;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        total += c.width().unwrap_or(0);
    }
    total
}

/// Every line of `out` fits in `width` columns.
fn assert_fits(out: &[u8], width: usize, what: &str) {
    let text = String::from_utf8(out.to_vec()).unwrap();
    assert!(text.lines().count() > 5, "{what}: no view\n{text}");
    for line in text.lines() {
        assert!(
            columns(line) <= width,
            "{what}: {} columns at --width {width}:\n{line}",
            columns(line)
        );
    }
}

/// The articles of the corpus: NAME and its two language codes, from the
/// gold files and the NAME.LANG.txt files beside them.
fn articles() -> Vec<(String, String, String)> {
    let dir = corpus("");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut out = Vec::new();
    for stem in names.iter().filter_map(|n| n.strip_suffix(".gold")) {
        let mut langs: Vec<&str> = names
            .iter()
            .filter_map(|n| {
                n.strip_prefix(stem)?
                    .strip_prefix('.')?
                    .strip_suffix(".txt")
            })
            .filter(|l| !l.contains('.'))
            .collect();
        langs.sort_by_key(|l| (*l != "ar", *l != "de", *l));
        assert_eq!(langs.len(), 2, "{stem}: {langs:?}");
        out.push((stem.to_string(), langs[0].to_string(), langs[1].to_string()));
    }
    out.sort();
    assert!(out.len() >= 6, "{out:?}");
    out
}

#[test]
fn align_text_view_fits_the_width() {
    for (name, src, tgt) in articles() {
        let (src, tgt) = (
            corpus(&format!("{name}.{src}.txt")),
            corpus(&format!("{name}.{tgt}.txt")),
        );
        for width in WIDTHS {
            for explain in [false, true] {
                let mut cmd = jisr();
                cmd.args(["align", "--format", "text", "--color"])
                    .arg(if width == 80 { "always" } else { "never" })
                    .arg(format!("--width={width}"))
                    .arg(&src)
                    .arg(&tgt);
                if explain {
                    cmd.arg("--explain");
                }
                let out = cmd.output().unwrap();
                assert!(out.status.success(), "{name}");
                assert_fits(
                    &out.stdout,
                    width,
                    &format!("align {name} explain={explain}"),
                );
            }
        }
    }
}

#[test]
fn diff_text_view_fits_the_width() {
    let mut checked = 0;
    for (name, src, tgt) in articles() {
        let rev = corpus(&format!("{name}.{tgt}.rev.txt"));
        if !Path::new(&rev).exists() {
            continue;
        }
        for width in WIDTHS {
            let out = jisr()
                .args(["diff", "--no-pager", "--color"])
                .arg(if width == 80 { "always" } else { "never" })
                .arg(format!("--width={width}"))
                .arg(corpus(&format!("{name}.{src}.txt")))
                .arg(corpus(&format!("{name}.{tgt}.txt")))
                .arg(&rev)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{name}");
            assert_fits(&out.stdout, width, &format!("diff {name}"));
        }
        checked += 1;
    }
    assert!(checked >= 4);
}

#[test]
fn a_word_wider_than_the_view_is_cut_to_fit() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("https://example.org/{}", "a".repeat(150));
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    std::fs::write(
        &old,
        format!("The report is at {url} today.\n\nIt rained.\n"),
    )
    .unwrap();
    std::fs::write(
        &new,
        format!("The report is at {url}b now.\n\nIt rained.\n"),
    )
    .unwrap();
    for width in WIDTHS {
        let out = jisr()
            .args(["diff", "--no-pager", "--color=never"])
            .arg(format!("--width={width}"))
            .arg(&old)
            .arg(&new)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8(out.stdout.clone()).unwrap();
        assert!(text.contains("today") && text.contains("now"), "{text}");
        assert_fits(&out.stdout, width, "diff with a long URL");
    }
}

#[test]
fn lam_alef_takes_two_columns() {
    // What a terminal shows, and what the views must count: a unicode-width
    // string measure would say 1.
    assert_eq!(columns("لا"), 2);
    assert_eq!(jisr::render::width("لا"), 2);
    assert_eq!(columns("\x1b[2mab\u{301}\u{200f}\x1b[0m"), 2);
    assert_eq!(columns("日本"), 4);
}
