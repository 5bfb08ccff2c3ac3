//! Reading article files: bytes to checked, NFC-normalised paragraphs.
//!
//! A file is accepted when it is UTF-8 text (a BOM and CRLF or CR line ends are
//! accepted), holds no NUL byte, has some non-blank text and no line longer than
//! [`MAX_LINE_BYTES`]. Reading is one pass over the bytes, O(n).
//!
//! Two layouts are understood:
//! - [`Layout::Raw`]: paragraphs separated by blank lines; when the file has no
//!   blank line at all, every line is a paragraph. Lines inside a blank-line
//!   separated block are joined with a space (hard-wrapped text).
//! - [`Layout::Presplit`]: every non-blank line is one sentence and blank lines
//!   separate paragraphs (the Vecalign/Bertalign/hunalign input).

use std::io::Read;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

/// Longest line accepted, in bytes. A paragraph of a news article is a few
/// kilobytes; a megabyte without a newline is a binary dump or a broken export.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// How the lines of a file map to paragraphs and sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Running text: paragraphs, to be split into sentences.
    Raw,
    /// One sentence a line, blank lines between paragraphs.
    Presplit,
}

/// The name used for standard input in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// Display name of an input path: `-` is standard input.
pub fn display_path(path: &Path) -> PathBuf {
    if path == Path::new("-") {
        PathBuf::from(STDIN_NAME)
    } else {
        path.to_path_buf()
    }
}

/// Read a whole input (`-` for stdin) and check it is text; returns NFC text
/// with `\n` line ends and no BOM.
pub fn read_text(path: &Path) -> Result<String> {
    let name = display_path(path);
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(&name, e))?;
        buf
    } else {
        if path.is_dir() {
            return Err(Error::IsDirectory { path: name });
        }
        std::fs::read(path).map_err(|e| Error::io(&name, e))?
    };
    decode(&name, &bytes)
}

/// Check and decode bytes read from `name` (see [`read_text`]).
pub fn decode(name: &Path, bytes: &[u8]) -> Result<String> {
    if let Some(offset) = memchr_nul(bytes) {
        return Err(Error::Binary {
            path: name.to_path_buf(),
            offset,
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return Err(Error::InvalidUtf8 {
                path: name.to_path_buf(),
                offset: e.valid_up_to(),
            })
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (k, line) in text.split('\n').enumerate() {
        if line.len() > MAX_LINE_BYTES {
            return Err(Error::LineTooLong {
                path: name.to_path_buf(),
                line: k + 1,
                length: line.len(),
                limit: MAX_LINE_BYTES,
            });
        }
    }
    if text.trim().is_empty() {
        return Err(Error::Empty {
            path: name.to_path_buf(),
        });
    }
    let unified = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    // Most text arrives in NFC already; the quick check skips composing it.
    // Line by line, so that the lines it is unsure of (Arabic harakat can
    // make it so) are the only ones composed. A line break never composes.
    let is_nfc = |s: &str| {
        unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
    };
    let mut out = String::with_capacity(unified.len());
    for (k, line) in unified.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if is_nfc(line) {
            out.push_str(line);
        } else {
            out.extend(line.nfc());
        }
    }
    Ok(out)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Collapse runs of whitespace to one space and trim.
pub fn squeeze_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Split checked text into blocks of non-blank lines (blank lines separate blocks).
fn blocks(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Paragraphs of running text ([`Layout::Raw`]), whitespace squeezed.
pub fn raw_paragraphs(text: &str) -> Vec<String> {
    let blocks = blocks(text);
    let has_blank_separators = blocks.len() > 1;
    if has_blank_separators {
        blocks
            .iter()
            .map(|b| squeeze_whitespace(&b.join(" ")))
            .collect()
    } else {
        // No blank line anywhere: one paragraph a line.
        blocks
            .into_iter()
            .flatten()
            .map(squeeze_whitespace)
            .collect()
    }
}

/// Paragraphs of presplit text ([`Layout::Presplit`]): each a list of sentences.
pub fn presplit_paragraphs(text: &str) -> Vec<Vec<String>> {
    blocks(text)
        .into_iter()
        .map(|b| b.into_iter().map(squeeze_whitespace).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name() -> PathBuf {
        PathBuf::from("a.txt")
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let t = decode(&name(), "\u{feff}one\r\ntwo\r\n\r\nthree\r".as_bytes()).unwrap();
        assert_eq!(t, "one\ntwo\n\nthree\n");
        assert_eq!(raw_paragraphs(&t), vec!["one two", "three"]);
    }

    #[test]
    fn one_paragraph_a_line_without_blank_lines() {
        assert_eq!(raw_paragraphs("a b.\nc d.\n"), vec!["a b.", "c d."]);
    }

    #[test]
    fn text_is_nfc() {
        // "e" + combining acute becomes one code point.
        let t = decode(&name(), "caf\u{65}\u{301}".as_bytes()).unwrap();
        assert_eq!(t, "caf\u{e9}");
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = decode(&name(), b"abc\xffdef").unwrap_err();
        assert_eq!(err.to_string(), "a.txt: invalid UTF-8 at byte offset 3");
    }

    #[test]
    fn nul_is_binary() {
        let err = decode(&name(), b"ab\0c").unwrap_err();
        assert!(err
            .to_string()
            .contains("binary file (NUL byte at byte offset 2)"));
    }

    #[test]
    fn blank_file_is_empty() {
        assert!(matches!(
            decode(&name(), b" \n\n\t\n"),
            Err(Error::Empty { .. })
        ));
    }

    #[test]
    fn presplit_keeps_lines() {
        let p = presplit_paragraphs("a\nb\n\n\nc\n");
        assert_eq!(
            p,
            vec![
                vec!["a".to_string(), "b".to_string()],
                vec!["c".to_string()]
            ]
        );
    }
}
