//! Articles as people have them: a text file, a saved web page or a Word
//! document, read into the text the rest of jisr takes.
//!
//! [`read_article`] reads a file (or stdin) within [`ReadLimits`], tells its
//! format from the name or the content unless told ([`InputFormat`]), and
//! returns an [`Article`]: paragraphs separated by blank lines, checked and
//! NFC-normalised as [`crate::input::text::read_text`] does, and the language the
//! file declares, if any. The formats themselves are read by
//! [`crate::input::html`] and [`crate::input::docx`].

use std::path::Path;

use crate::error::{Error, Result};
use crate::input::text::{decode, display_path, read_input, ReadLimits};
use crate::language::{dominant_script, Script};

/// What [`Error::TooLarge`] says the article limit is for.
const INPUT_LIMIT: &str = "an input (see --max-input-size)";

/// The format of an article file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// UTF-8 text ([`crate::input::text`]).
    Txt,
    /// An HTML page ([`crate::input::html`]).
    Html,
    /// A Word document, `.docx` ([`crate::input::docx`]).
    Docx,
}

impl InputFormat {
    /// The format a file name says: `.html`, `.htm`, `.xhtml` and `.docx`
    /// (any case); `None` for other names.
    pub fn from_name(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Some(InputFormat::Html),
            "docx" => Some(InputFormat::Docx),
            _ => None,
        }
    }

    /// The format the first bytes of a file show: a zip archive is a Word
    /// document, text that opens with `<!DOCTYPE html` or `<html` (after a
    /// BOM, blank space and comments) is a page, anything else is text.
    pub fn from_content(bytes: &[u8]) -> InputFormat {
        if bytes.starts_with(b"PK\x03\x04") {
            return InputFormat::Docx;
        }
        let head = &bytes[..bytes.len().min(1024)];
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let mut head = String::from_utf8_lossy(head).to_ascii_lowercase();
        loop {
            let trimmed = head.trim_start();
            if let Some(rest) = trimmed.strip_prefix("<!--") {
                head = rest.split_once("-->").map_or("", |(_, r)| r).to_string();
            } else if let Some(rest) = trimmed.strip_prefix("<?xml") {
                head = rest.split_once("?>").map_or("", |(_, r)| r).to_string();
            } else {
                break;
            }
        }
        let head = head.trim_start();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            InputFormat::Html
        } else {
            InputFormat::Txt
        }
    }
}

/// An article read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The text: NFC, `\n` line ends, paragraphs separated by blank lines
    /// (for a page or a document, one paragraph a line).
    pub text: String,
    /// The language the file declares (`<html lang>`), as a primary subtag.
    pub language: Option<String>,
    /// The format it was read as.
    pub format: InputFormat,
}

impl Article {
    /// The language option to resolve for this article: `option` when one
    /// was given (not `auto`); else the declared language, when it fits the
    /// text's script (a page left marked `en` by its template while its
    /// text is Arabic is not believed); else `auto`.
    pub fn language_option<'a>(&'a self, option: &'a str) -> &'a str {
        if option != "auto" {
            return option;
        }
        match &self.language {
            Some(lang) => {
                let arabic_text = dominant_script(&self.text) == Script::Arabic;
                if crate::input::html::is_right_to_left(lang) == arabic_text {
                    lang
                } else {
                    "auto"
                }
            }
            None => "auto",
        }
    }
}

/// Read the article at `path` (`-` for stdin) within `limits`, as `format`
/// or, when `None`, as its name or else its content says.
pub fn read_article(
    path: &Path,
    format: Option<InputFormat>,
    limits: ReadLimits,
) -> Result<Article> {
    let name = display_path(path);
    let by_name = format.or_else(|| InputFormat::from_name(path));
    // Text is read only to its first NUL (a binary file is refused at
    // once); a Word document is a zip archive, full of them.
    let stop_at_nul = by_name != Some(InputFormat::Docx);
    let mut bytes = read_input(path, limits, INPUT_LIMIT, stop_at_nul)?;
    let format = by_name.unwrap_or_else(|| InputFormat::from_content(&bytes));
    if stop_at_nul && format == InputFormat::Docx {
        if path == Path::new("-") {
            // Stdin cannot be read again: the archive may have been cut
            // at the first piece that holds a NUL.
            if bytes.len() as u64 >= crate::input::text::READ_PIECE {
                return Err(Error::invalid(
                    name,
                    "looks like a Word document: give --input-format docx to read it from standard input",
                ));
            }
        } else {
            bytes = read_input(path, limits, INPUT_LIMIT, false)?;
        }
    }
    let (paragraphs, language) = match format {
        InputFormat::Txt => {
            return Ok(Article {
                text: decode(&name, &bytes)?,
                language: None,
                format,
            })
        }
        InputFormat::Html => {
            let html = page_text(&name, &bytes)?;
            let page = crate::input::html::extract(html)
                .map_err(|problem| Error::invalid(&name, problem))?;
            (page.paragraphs, page.language)
        }
        InputFormat::Docx => (
            crate::input::docx::paragraphs(&name, &bytes, limits.max_size)?,
            None,
        ),
    };
    if paragraphs.is_empty() {
        let what = match format {
            InputFormat::Html => "no article text found in the page",
            _ => "no text found in the document",
        };
        return Err(Error::invalid(name, what));
    }
    // The extracted text gets the checks and normalisation of a text file.
    let text = decode(&name, paragraphs.join("\n\n").as_bytes())?;
    Ok(Article {
        text,
        language,
        format,
    })
}

/// The bytes of a page as text: UTF-8, the encoding of the web. A page in
/// another encoding is refused with the encoding its `<meta>` declares.
fn page_text<'a>(name: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: name.to_path_buf(),
            offset,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
        match declared_charset(&head) {
            Some(charset) if charset != "utf-8" && charset != "utf8" => Error::invalid(
                name,
                format!(
                    "the page is encoded as {charset}; convert it to UTF-8 first (iconv -f {charset} -t UTF-8)"
                ),
            ),
            _ => Error::InvalidUtf8 {
                path: name.to_path_buf(),
                offset: e.valid_up_to(),
            },
        }
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The `charset` a page's head declares (`<meta charset=...>` or the
/// `content` of an `http-equiv` meta), lower case.
fn declared_charset(head: &str) -> Option<String> {
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_name_then_content() {
        assert_eq!(
            InputFormat::from_name(Path::new("a.ar.HTML")),
            Some(InputFormat::Html)
        );
        assert_eq!(
            InputFormat::from_name(Path::new("a.htm")),
            Some(InputFormat::Html)
        );
        assert_eq!(
            InputFormat::from_name(Path::new("a.en.docx")),
            Some(InputFormat::Docx)
        );
        assert_eq!(InputFormat::from_name(Path::new("a.en.txt")), None);
        assert_eq!(InputFormat::from_name(Path::new("-")), None);
        for page in [
            "<!DOCTYPE html><p>x",
            "\u{feff}  <html lang=ar>",
            "<!-- saved from url -->\n<HTML>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC",
        ] {
            assert_eq!(
                InputFormat::from_content(page.as_bytes()),
                InputFormat::Html,
                "{page}"
            );
        }
        for text in ["The <html> tag opens a page.", "<b>bold</b> text", ""] {
            assert_eq!(
                InputFormat::from_content(text.as_bytes()),
                InputFormat::Txt,
                "{text}"
            );
        }
        assert_eq!(
            InputFormat::from_content(b"PK\x03\x04\x14\0"),
            InputFormat::Docx
        );
    }

    #[test]
    fn declared_language_is_believed_when_it_fits_the_script() {
        let article = |text: &str, lang: Option<&str>| Article {
            text: text.to_string(),
            language: lang.map(String::from),
            format: InputFormat::Html,
        };
        assert_eq!(
            article("The port grew.", Some("en")).language_option("auto"),
            "en"
        );
        assert_eq!(
            article("Der Hafen wuchs.", Some("de")).language_option("auto"),
            "de"
        );
        assert_eq!(
            article("نما الميناء.", Some("ar")).language_option("auto"),
            "ar"
        );
        assert_eq!(
            article("نما الميناء.", Some("en")).language_option("auto"),
            "auto"
        );
        assert_eq!(
            article("The port grew.", Some("ar")).language_option("auto"),
            "auto"
        );
        assert_eq!(
            article("The port grew.", None).language_option("auto"),
            "auto"
        );
        assert_eq!(
            article("The port grew.", Some("en")).language_option("fr"),
            "fr"
        );
    }

    #[test]
    fn a_page_in_another_encoding_names_it() {
        let bytes = b"<html><head><meta charset=\"windows-1256\"></head><p>\xc7\xe1</p>";
        let err = page_text(Path::new("p.html"), bytes).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.html: the page is encoded as windows-1256; convert it to UTF-8 first (iconv -f windows-1256 -t UTF-8)"
        );
        let err = page_text(Path::new("p.html"), b"<p>\xff</p>").unwrap_err();
        assert_eq!(err.to_string(), "p.html: invalid UTF-8 at byte offset 3");
    }
}
