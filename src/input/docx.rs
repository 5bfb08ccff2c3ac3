//! The text of a Word document (`.docx`, Office Open XML).
//!
//! A `.docx` file is a zip archive; the body is `word/document.xml`. Each
//! `w:p` is a paragraph, headings and the title included (their style does
//! not matter to alignment); the runs of a paragraph are joined as they
//! are, so a word cut across differently formatted runs stays one word.
//! Tables are read row by row, cell by cell, each cell's paragraphs in
//! turn. Footnotes, endnotes and comments live in other parts of the
//! archive and are not read; neither are text boxes (pull quotes repeat the
//! article), deleted and moved-away revisions, field codes, hidden text
//! (`w:vanish`) and the fallback copies of `mc:AlternateContent`.
//!
//! Cost: the archive is held in memory (it is at most the input limit), and
//! `word/document.xml` is unpacked to at most the same limit, so a zip bomb
//! is refused after `limit` bytes; the XML is then read in one pass.

use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::error::{Error, Result};
use crate::input::text::squeeze_whitespace;

/// The part of the archive that holds the body.
const DOCUMENT_PART: &str = "word/document.xml";

/// What [`Error::TooLarge`] says the limit is for.
const UNPACKED_LIMIT: &str = "word/document.xml unpacked (see --max-input-size)";

/// WordprocessingML, transitional and strict.
const W_NAMESPACES: &[&[u8]] = &[
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Markup compatibility (`mc:AlternateContent`).
const MC_NAMESPACE: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// WordprocessingML elements left out with everything in them.
const SKIPPED: &[&[u8]] = &[
    b"txbxContent",
    b"del",
    b"moveFrom",
    b"sdtPr",
    b"rPrChange",
    b"pPrChange",
];

/// The paragraphs of the `.docx` archive `bytes`, read from `name`, with
/// `word/document.xml` unpacked to at most `limit` bytes.
pub fn paragraphs(name: &Path, bytes: &[u8], limit: u64) -> Result<Vec<String>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Error::invalid(name, format!("not a DOCX file (bad zip archive: {e})")))?;
    let mut part = match archive.by_name(DOCUMENT_PART) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(Error::invalid(
                name,
                format!("not a Word document: the archive has no {DOCUMENT_PART}"),
            ))
        }
        Err(e) => return Err(Error::invalid(name, format!("{DOCUMENT_PART}: {e}"))),
    };
    let too_large = || Error::TooLarge {
        path: name.to_path_buf(),
        limit,
        what: UNPACKED_LIMIT,
    };
    // The declared size may lie: the read below is bounded as well.
    if part.size() > limit {
        return Err(too_large());
    }
    let mut xml = Vec::new();
    (&mut part)
        .take(limit.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|e| Error::invalid(name, format!("{DOCUMENT_PART}: {e}")))?;
    if xml.len() as u64 > limit {
        return Err(too_large());
    }
    let xml = std::str::from_utf8(&xml).map_err(|e| {
        Error::invalid(
            name,
            format!(
                "{DOCUMENT_PART}: invalid UTF-8 at byte offset {}",
                e.valid_up_to()
            ),
        )
    })?;
    body_paragraphs(xml)
        .map_err(|problem| Error::invalid(name, format!("{DOCUMENT_PART}: {problem}")))
}

/// Is `e`'s `val` attribute absent or true (`<w:vanish/>`, `w:val="1"`)?
fn switched_on(e: &BytesStart) -> bool {
    let val = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"val")
        .map(|a| a.value.to_ascii_lowercase());
    !matches!(val.as_deref(), Some(b"0" | b"false" | b"off"))
}

/// The paragraphs of a `word/document.xml`, or what is wrong with it.
pub fn body_paragraphs(xml: &str) -> std::result::Result<Vec<String>, String> {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut out = Vec::new();
    let mut paragraph = String::new();
    // Element depth, and the depth of the element being skipped.
    let mut depth = 0usize;
    let mut skip_from: Option<usize> = None;
    let (mut in_run, mut in_paragraph_props, mut in_run_props) = (false, false, false);
    let (mut run_hidden, mut in_text) = (false, false);
    loop {
        let at = reader.buffer_position();
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("not well-formed XML at byte {at}: {e}"))?;
        let ns: Option<&[u8]> = match ns {
            ResolveResult::Bound(n) => Some(n.into_inner()),
            _ => None,
        };
        let word = ns.is_some_and(|n| W_NAMESPACES.contains(&n));
        match event {
            Event::Start(e) => {
                depth += 1;
                if skip_from.is_some() {
                    continue;
                }
                let local = e.local_name();
                let local = local.as_ref();
                if (word && SKIPPED.contains(&local))
                    || (ns == Some(MC_NAMESPACE) && local == b"Fallback")
                {
                    skip_from = Some(depth);
                    continue;
                }
                if !word {
                    continue;
                }
                match local {
                    b"r" => (in_run, run_hidden) = (true, false),
                    b"pPr" => in_paragraph_props = true,
                    b"rPr" if in_run && !in_paragraph_props => in_run_props = true,
                    b"vanish" | b"specVanish" if in_run_props => run_hidden = switched_on(&e),
                    b"t" if in_run => in_text = true,
                    b"tab" | b"br" | b"cr" if in_run && !in_run_props && !run_hidden => {
                        paragraph.push(' ')
                    }
                    b"noBreakHyphen" if in_run && !run_hidden => paragraph.push('-'),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip_from == Some(depth) {
                    skip_from = None;
                    depth -= 1;
                    continue;
                }
                depth = depth.saturating_sub(1);
                if skip_from.is_some() || !word {
                    continue;
                }
                match e.local_name().as_ref() {
                    b"p" => {
                        let text = squeeze_whitespace(&paragraph);
                        if !crate::input::text::is_blank(&text) {
                            out.push(text);
                        }
                        paragraph.clear();
                    }
                    b"r" => in_run = false,
                    b"pPr" => in_paragraph_props = false,
                    b"rPr" => in_run_props = false,
                    b"t" => in_text = false,
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip_from.is_none() && !run_hidden => {
                let text = t
                    .unescape()
                    .map_err(|e| format!("bad character reference near byte {at}: {e}"))?;
                paragraph.push_str(&text);
            }
            Event::CData(t) if in_text && skip_from.is_none() && !run_hidden => {
                paragraph.push_str(&String::from_utf8_lossy(&t));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{inner}</w:body></w:document>"#
        )
    }

    #[test]
    fn runs_join_and_styles_do_not_matter() {
        let xml = body(
            r#"<w:p><w:pPr><w:pStyle w:val="Title"/><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>Port to double</w:t></w:r><w:r><w:t xml:space="preserve"> its capacity</w:t></w:r></w:p>
            <w:p><w:r><w:t>The Da</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>na</w:t></w:r><w:r><w:t xml:space="preserve"> port&amp;co</w:t></w:r><w:r><w:tab/><w:t>grew.</w:t></w:r><w:r><w:br/><w:t>Then</w:t></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>shown</w:t></w:r></w:p>
            <w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>"#,
        );
        assert_eq!(
            body_paragraphs(&xml).unwrap(),
            vec![
                "Port to double its capacity",
                "The Dana port&co grew. Then shown"
            ]
        );
    }

    #[test]
    fn revisions_text_boxes_fallbacks_and_fields_are_left_out() {
        let xml = body(
            r#"<w:p><w:r><w:t>Kept</w:t></w:r><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:ins><w:r><w:t xml:space="preserve"> inserted</w:t></w:r></w:ins>
            <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Pull quote</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:p><w:r><w:t>Pull quote</w:t></w:r></w:p></w:pict></mc:Fallback></mc:AlternateContent></w:r>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#,
        );
        assert_eq!(body_paragraphs(&xml).unwrap(), vec!["Kept inserted."]);
    }

    #[test]
    fn tables_are_read_row_by_row() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let xml = body(&format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("Year"),
            cell("Ships"),
            cell("2025"),
            cell("9,500")
        ));
        assert_eq!(
            body_paragraphs(&xml).unwrap(),
            vec!["Year", "Ships", "2025", "9,500"]
        );
    }

    #[test]
    fn broken_xml_is_an_error_with_its_place() {
        let err = body_paragraphs(&body("<w:p><w:r><w:t>x</w:r></w:p>")).unwrap_err();
        assert!(err.starts_with("not well-formed XML at byte "), "{err}");
    }
}
