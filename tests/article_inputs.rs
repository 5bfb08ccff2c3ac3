//! Issue 13: articles as people have them. The corpus articles saved as web
//! pages (navigation, cookie banner, scripts, related box, footer, inline
//! `<strong>`/`<a>`) and as Word documents (title style, runs cut
//! mid-word) align as the plain text does, and nothing of the page or the
//! markup reaches the output. Broken files are one-line errors.

use std::io::Write;
use std::path::{Path, PathBuf};

mod common;
use common::{corpus, jisr};

const ARTICLES: &[&str] = &[
    "gulf-port",
    "cairo-heatwave",
    "beirut-election",
    "rabat-court",
];

/// Strings of the page chrome and markup that must not reach any output.
const CHROME: &[&str] = &[
    "cookie",
    "Accept all",
    "Front page",
    "World news",
    "Related stories",
    "Another port opens",
    "newsletter",
    "News Ltd",
    "dataLayer",
    "track()",
    "color:red",
    "<strong",
    "<a ",
    "href",
    "&amp;",
    "<br",
    "hidden note",
];

fn paragraphs(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .trim()
        .split("\n\n")
        .map(String::from)
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The paragraphs of `txt` as a news site's page: a few words of each in
/// `<strong>` and `<a>`, a `<br>` where a space was, all around the chrome.
fn web_page(txt: &Path, lang: &str) -> String {
    let dir = if lang == "ar" { "rtl" } else { "ltr" };
    let mut body = String::new();
    for p in paragraphs(txt) {
        let mut words: Vec<String> = p.split(' ').map(escape).collect();
        if words.len() > 6 {
            words[1] = format!("<strong>{}</strong>", words[1]);
            words[3] = format!("<a href=\"/x?a=1&amp;b=2\">{}</a>", words[3]);
            words[5] = format!("{}<br>", words[5]);
        }
        body.push_str(&format!("<p>\n  {}\n</p>\n", words.join(" ")));
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}" dir="{dir}"><head><meta charset="utf-8"><title>News site</title>
<script>window.dataLayer = [{{"event": "cookie consent"}}];</script><style>.x{{color:red}}</style></head>
<body><header class="site-header"><a href="/">Front page</a>
<nav><ul><li><a href="/world">World news</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div id="cookie-banner"><p>We use cookies to give you the best experience.</p><button>Accept all</button></div>
<main><article>
{body}<p hidden>A hidden note.</p>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/1">Another port opens</a></li></ul></aside>
</article>
<section class="more"><h2>Sign up</h2><p>Read our newsletter.</p></section></main>
<footer><p>Copyright 2026 News Ltd. All rights reserved.</p></footer>
<script>track();</script></body></html>
"#
    )
}

/// A Word document of `paragraphs`: the first in the Title style, every
/// word longer than four letters cut into two runs, the second bold.
fn word_document(paragraphs: &[String]) -> Vec<u8> {
    let mut body = String::new();
    for (k, p) in paragraphs.iter().enumerate() {
        body.push_str("<w:p>");
        if k == 0 {
            body.push_str(r#"<w:pPr><w:pStyle w:val="Title"/></w:pPr>"#);
        }
        for (i, word) in p.split(' ').enumerate() {
            let space = if i == 0 { "" } else { " " };
            let chars: Vec<char> = word.chars().collect();
            if chars.len() > 4 {
                let (a, b) = chars.split_at(chars.len() / 2);
                let (a, b): (String, String) = (a.iter().collect(), b.iter().collect());
                body.push_str(&format!(
                    r#"<w:r><w:t xml:space="preserve">{space}{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{}</w:t></w:r>"#,
                    escape(&a),
                    escape(&b)
                ));
            } else {
                body.push_str(&format!(
                    r#"<w:r><w:t xml:space="preserve">{space}{}</w:t></w:r>"#,
                    escape(word)
                ));
            }
        }
        body.push_str("</w:p>");
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    docx_with(&document)
}

/// A `.docx` archive whose `word/document.xml` is `document`.
fn docx_with(document: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        .unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.start_file("word/footnotes.xml", options).unwrap();
    zip.write_all(b"<w:footnotes>A footnote never read.</w:footnotes>")
        .unwrap();
    zip.finish().unwrap().into_inner()
}

/// The standard output of a run that must succeed.
fn stdout_of(out: std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    String::from_utf8(out.stdout).unwrap()
}

fn run(args: &[&Path], extra: &[&str]) -> String {
    stdout_of(jisr().arg("align").args(extra).args(args).output().unwrap())
}

fn assert_no_chrome(out: &str, what: &str) {
    for s in CHROME {
        assert!(!out.contains(s), "{what}: {s:?} reached the output");
    }
}

/// Write the pair of `name` in both new formats into `dir`.
fn saved_as_page_and_document(dir: &Path, name: &str) -> [(PathBuf, PathBuf); 2] {
    let (ar, en) = (
        corpus(&format!("{name}.ar.txt")),
        corpus(&format!("{name}.en.txt")),
    );
    let page = |lang: &str, txt: &Path| {
        let path = dir.join(format!("{name}.{lang}.html"));
        std::fs::write(&path, web_page(txt, lang)).unwrap();
        path
    };
    let doc = |lang: &str, txt: &Path| {
        let path = dir.join(format!("{name}.{lang}.docx"));
        std::fs::write(&path, word_document(&paragraphs(txt))).unwrap();
        path
    };
    [
        (page("ar", &ar), page("en", &en)),
        (doc("ar", &ar), doc("en", &en)),
    ]
}

#[test]
fn pages_and_word_documents_align_as_the_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    for name in ARTICLES {
        let plain = [
            corpus(&format!("{name}.ar.txt")),
            corpus(&format!("{name}.en.txt")),
        ];
        let plain_paths: Vec<&Path> = plain.iter().map(PathBuf::as_path).collect();
        let want_beads = run(&plain_paths, &["--format", "beads"]);
        let want_tsv = run(&plain_paths, &["--format", "tsv"]);
        for (src, tgt) in saved_as_page_and_document(dir.path(), name) {
            let what = format!("{name}: {}", src.display());
            assert_eq!(
                run(&[&src, &tgt], &["--format", "beads"]),
                want_beads,
                "{what}"
            );
            let tsv = run(&[&src, &tgt], &["--format", "tsv"]);
            assert_eq!(tsv, want_tsv, "{what}");
            for format in ["jsonl", "tmx"] {
                assert_no_chrome(&run(&[&src, &tgt], &["--format", format]), &what);
            }
            assert_no_chrome(&tsv, &what);
        }
    }
}

#[test]
fn batch_and_diff_read_pages_and_documents() {
    let dir = tempfile::tempdir().unwrap();
    let [(ar_html, _), (_, en_docx)] = saved_as_page_and_document(dir.path(), "gulf-port");
    std::fs::remove_file(dir.path().join("gulf-port.en.html")).unwrap();
    std::fs::remove_file(dir.path().join("gulf-port.ar.docx")).unwrap();
    assert!(ar_html.exists() && en_docx.exists());
    // A second file of the same document and language: the .txt is read.
    std::fs::copy(
        corpus("gulf-port.ar.txt"),
        dir.path().join("gulf-port.ar.txt"),
    )
    .unwrap();
    let out = jisr()
        .args(["batch", "--format", "tsv"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "gulf-port.ar.html: gulf-port.ar.txt is read for this document instead, skipped"
        ),
        "{stderr}"
    );
    let tsv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(tsv.lines().count(), 18, "{tsv}");
    assert_no_chrome(&tsv, "batch");

    // diff: the revised text against the page of the first version.
    let rev = corpus("gulf-port.en.rev.txt");
    let old_page = dir.path().join("old.html");
    std::fs::write(&old_page, web_page(&corpus("gulf-port.en.txt"), "en")).unwrap();
    let diff = |old: &Path| {
        let out = jisr()
            .args(["diff", "--format", "jsonl"])
            .arg(&ar_html)
            .arg(old)
            .arg(&rev)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let from_page = diff(&old_page);
    assert_eq!(from_page, diff(&corpus("gulf-port.en.txt")));
    assert_no_chrome(&from_page, "diff");
}

#[test]
fn input_format_overrides_the_guess() {
    let dir = tempfile::tempdir().unwrap();
    // A page saved as .txt is still told by its content.
    let page = dir.path().join("page.en.txt");
    std::fs::write(&page, web_page(&corpus("gulf-port.en.txt"), "en")).unwrap();
    let ar = corpus("gulf-port.ar.txt");
    let en = corpus("gulf-port.en.txt");
    let want = run(&[&ar, &en], &["--format", "beads"]);
    assert_eq!(run(&[&ar, &page], &["--format", "beads"]), want);
    // --input-format txt reads the markup as text.
    let as_text = run(&[&ar, &page], &["--format", "tsv", "--input-format", "txt"]);
    assert!(as_text.contains("<strong>"), "{as_text}");
    // A Word document without its extension, and from stdin.
    let doc = dir.path().join("article-en");
    std::fs::write(&doc, word_document(&paragraphs(&en))).unwrap();
    assert_eq!(run(&[&ar, &doc], &["--format", "beads"]), want);
    let out = jisr()
        .args(["align", "--format", "beads", "--input-format", "docx"])
        .arg(&ar)
        .arg("-")
        .write_stdin(std::fs::read(&doc).unwrap())
        .output()
        .unwrap();
    // The docx format applies to both sides: the Arabic text is no archive.
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("gulf-port.ar.txt: not a DOCX file"),
        "{stderr}"
    );
    let out = jisr()
        .args(["align", "--format", "beads"])
        .arg(&ar)
        .arg("-")
        .write_stdin(std::fs::read(&doc).unwrap())
        .output()
        .unwrap();
    assert_eq!(stdout_of(out), want);
}

#[test]
fn page_language_is_a_hint_when_none_is_given() {
    // Too short for the guess (which says English for any Latin text).
    let dir = tempfile::tempdir().unwrap();
    let de = dir.path().join("de.html");
    let fr = dir.path().join("fr.html");
    std::fs::write(&de, r#"<html lang="de-CH"><p>Der Hafen wächst.</p></html>"#).unwrap();
    std::fs::write(&fr, r#"<html lang="fr"><p>Le port grandit.</p></html>"#).unwrap();
    let tmx = run(&[&de, &fr], &["--format", "tmx"]);
    assert!(
        tmx.contains(r#"xml:lang="de""#) && tmx.contains(r#"xml:lang="fr""#),
        "{tmx}"
    );
    let tmx = run(&[&de, &fr], &["--format", "tmx", "--src-lang", "nl"]);
    assert!(tmx.contains(r#"xml:lang="nl""#), "{tmx}");
}

#[test]
fn broken_files_are_one_line_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let en = corpus("gulf-port.en.txt");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write("bad.docx", b"PK\x03\x04 not really a zip"),
            "bad.docx: not a DOCX file (bad zip archive: ",
        ),
        (
            write("empty.docx", b""),
            "empty.docx: not a DOCX file (bad zip archive: ",
        ),
        (
            write("nobody.docx", &{
                let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
                    .unwrap();
                zip.write_all(b"hello").unwrap();
                zip.finish().unwrap().into_inner()
            }),
            "nobody.docx: not a Word document: the archive has no word/document.xml",
        ),
        (
            write("xml.docx", &docx_with("<w:document><w:body><w:p></w:body>")),
            "xml.docx: word/document.xml: not well-formed XML at byte ",
        ),
        (
            write(
                "blank.docx",
                &docx_with(
                    r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>"#,
                ),
            ),
            "blank.docx: no text found in the document",
        ),
        (
            write(
                "chrome.html",
                b"<html><nav><p>Home</p></nav><footer><p>Legal</p></footer></html>",
            ),
            "chrome.html: no article text found in the page",
        ),
        (
            write("deep.html", "<div>".repeat(50_000).as_bytes()),
            "deep.html: elements nested 50000 deep (limit 4096): not an article page",
        ),
        (
            write("latin1.html", b"<meta charset=iso-8859-1><p>caf\xe9</p>"),
            "latin1.html: the page is encoded as iso-8859-1",
        ),
    ];
    for (path, want) in cases {
        let out = jisr().arg("align").arg(&path).arg(&en).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("jisr: "), "{stderr}");
        assert!(stderr.contains(want), "{want:?} not in {stderr:?}");
    }
}

#[test]
fn a_zip_bomb_is_refused_at_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    // 2 MiB of paragraphs pack to a few kilobytes.
    let para = "<w:p><w:r><w:t>The port grew again this year.</w:t></w:r></w:p>";
    let document = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}</w:body></w:document>"#,
        para.repeat((2 << 20) / para.len())
    );
    let bytes = docx_with(&document);
    assert!(bytes.len() < 64 << 10, "{}", bytes.len());
    let bomb = dir.path().join("bomb.docx");
    std::fs::write(&bomb, bytes).unwrap();
    let out = jisr()
        .args(["align", "--max-input-size", "1M"])
        .arg(&bomb)
        .arg(corpus("gulf-port.ar.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("bomb.docx: larger than 1 MiB, the size limit for word/document.xml unpacked (see --max-input-size)"),
        "{stderr}"
    );
}

#[test]
fn pasted_page_headings_and_notes_are_sentences_of_their_own() {
    // corpora/sohar-desalination.en.txt is a page as a browser copies it:
    // a "Search" line, the headline twice, the standfirst and a subheading
    // without blank lines, the translator's note and the keywords line.
    let tsv = run(
        &[
            &corpus("sohar-desalination.ar.txt"),
            &corpus("sohar-desalination.en.txt"),
        ],
        &["--format", "tsv"],
    );
    let lines: Vec<&str> = tsv.lines().collect();
    for alone in [
        "\tSearch",
        "\tBrine and gas",
        "\tThis article was translated and edited by the Jisr news desk.",
        "\tHelpful keywords: Oman, Sohar, desalination, solar energy, water",
    ] {
        assert!(
            lines.contains(&alone),
            "{alone:?} is not a 0-1 bead:\n{tsv}"
        );
    }
    let headline = "Oman to build Gulf's largest solar desalination plant in Sohar";
    assert_eq!(tsv.matches(headline).count(), 1, "{tsv}");
    assert!(
        lines.contains(
            &format!("عمان تبني أكبر محطة لتحلية المياه بالطاقة الشمسية في الخليج\t{headline}")
                .as_str()
        ),
        "{tsv}"
    );
    assert!(
        lines.contains(&"الشمس نهارا والشبكة ليلا\tSolar power by day, the grid by night"),
        "{tsv}"
    );
}
