//! Issue 15 for the web-page and Word readers: arbitrary and mutated bytes
//! give an article or a one-line error, never a panic.

use std::io::Write;
use std::path::Path;

use proptest::prelude::*;

const PAGE: &str = r##"<!doctype html><html lang="ar" dir="rtl"><head><title>t</title>
<script>var x = "<p>not text</p>";</script><style>p{}</style></head><body>
<nav><a href="/">الرئيسية</a></nav><div class="cookie">نستخدم ملفات تعريف الارتباط</div>
<article><h1>ميناء الدانة</h1><p>أعلنت هيئة <strong>الموانئ</strong> يوم الأحد عن خطة.</p>
<p>وقال المدير<br>إن المشروع &amp; الخطة <a href="#">ستبدأ</a> في 2025.</p>
<table><tr><td>أ</td><td>ب</td></tr></table></article>
<aside>اقرأ أيضا</aside><footer>حقوق</footer><!-- comment --></body></html>"##;

const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Port plan</w:t></w:r></w:p>
<w:p><w:r><w:t>The author</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ity announced</w:t></w:r>
<w:r><w:t xml:space="preserve"> a plan.</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;

/// A minimal Word file holding `document` as word/document.xml.
fn docx(document: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document).unwrap();
    zip.finish().unwrap().into_inner()
}

/// `bytes` with a few bytes changed, dropped or repeated at the places `edits` picks.
fn mutate(bytes: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for &(at, op, value) in edits {
        if b.is_empty() {
            break;
        }
        let at = at % b.len();
        match op % 4 {
            0 => b[at] = value,
            1 => {
                b.remove(at);
            }
            2 => b.insert(at, value),
            _ => {
                let end = (at + value as usize % 64).min(b.len());
                let piece = b[at..end].to_vec();
                b.splice(at..at, piece);
            }
        }
    }
    b
}

fn one_line_string(result: Result<impl Sized, String>) -> Result<(), TestCaseError> {
    if let Err(msg) = result {
        prop_assert!(!msg.is_empty());
        prop_assert!(!msg.contains('\n') && !msg.contains('\r'), "{msg:?}");
    }
    Ok(())
}

fn one_line_error(result: jisr::Result<impl Sized>) -> Result<(), TestCaseError> {
    one_line_string(result.map_err(|e| e.to_string()))
}

#[test]
fn the_seed_page_and_document_read() {
    let page = jisr::input::html::extract(PAGE).unwrap();
    let text = page.paragraphs.join("\n");
    assert!(text.contains("الموانئ") && text.contains("ستبدأ"), "{text}");
    assert!(
        !text.contains("not text") && !text.contains("حقوق"),
        "{text}"
    );
    let paragraphs =
        jisr::input::docx::paragraphs(Path::new("a.docx"), &docx(DOCUMENT.as_bytes()), 1 << 20)
            .unwrap();
    assert!(
        paragraphs.iter().any(|p| p.contains("authority announced")),
        "{paragraphs:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn html_reader_takes_any_text(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        one_line_string(jisr::input::html::extract(&String::from_utf8_lossy(&bytes)))?;
    }

    #[test]
    fn html_reader_takes_a_mutated_page(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..16)
    ) {
        let page = mutate(PAGE.as_bytes(), &edits);
        one_line_string(jisr::input::html::extract(&String::from_utf8_lossy(&page)))?;
    }

    #[test]
    fn docx_reader_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        one_line_error(jisr::input::docx::paragraphs(Path::new("a.docx"), &bytes, 1 << 20))?;
    }

    #[test]
    fn docx_reader_takes_a_mutated_file(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)
    ) {
        let file = mutate(&docx(DOCUMENT.as_bytes()), &edits);
        one_line_error(jisr::input::docx::paragraphs(Path::new("a.docx"), &file, 1 << 20))?;
    }

    #[test]
    fn docx_reader_takes_a_mutated_document(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..16)
    ) {
        let file = docx(&mutate(DOCUMENT.as_bytes(), &edits));
        one_line_error(jisr::input::docx::paragraphs(Path::new("a.docx"), &file, 1 << 20))?;
    }
}
