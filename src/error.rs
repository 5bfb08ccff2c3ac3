//! Typed errors of the jisr library.
//!
//! Every error that concerns an input names the file (or `<stdin>`) and, where it
//! makes sense, the line or byte offset, so that the binary can print it on one line.
//! Control characters in paths and messages (a line break or an ESC taken
//! from a file name or from the input) are shown escaped, so an error is
//! always one line and never drives the terminal.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, with the input it concerns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{}: {source}", shown(path))]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The path names a directory where a file was expected.
    #[error("{}: is a directory, expected a text file", shown(path))]
    IsDirectory {
        /// The directory.
        path: PathBuf,
    },
    /// A NUL byte: the file is binary, not text.
    #[error(
        "{}: binary file (NUL byte at byte offset {offset}), expected UTF-8 text",
        shown(path)
    )]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// The bytes are not valid UTF-8.
    #[error("{}: invalid UTF-8 at byte offset {offset}", shown(path))]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The file holds no text (only whitespace, or nothing).
    #[error("{}: empty file, no text to align", shown(path))]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A line is too long to be a paragraph of an article.
    #[error(
        "{}: line {line} is {length} bytes long (limit {limit}): not an article text",
        shown(path)
    )]
    LineTooLong {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// Length of the line in bytes.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// An input is larger than the size limit for its kind: reading stopped
    /// at the limit, so an endless stream is refused as soon as it passes it.
    #[error("{}: larger than {}, the size limit for {what}", shown(path), crate::input::text::human_size(*.limit))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
        /// What kind of input the limit is for, and how to change it.
        what: &'static str,
    },
    /// Source and target are in the same language (by their language
    /// codes, `en-US` is `en`): not an original and its translation.
    #[error(
        "{} and {}: both look like {}; expected an original and its translation",
        shown(src),
        shown(tgt),
        crate::language::language_name(language)
    )]
    SameLanguage {
        /// Source file, or how the source is named (`<stdin>:5: document 7: src`).
        src: PathBuf,
        /// Target file, or how the target is named.
        tgt: PathBuf,
        /// The language tag both have.
        language: String,
    },
    /// A file has a syntax error (SRX, TMX, dictionary, bead file, JSON line).
    #[error("{}:{line}: {}", shown(path), shown_str(message))]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Anything else about an input that makes it unusable.
    #[error("{}: {}", shown(path), shown_str(message))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// `s` with control characters and bidi controls escaped as Rust does
/// (`\n`, `\u{1b}`, `\u{202e}`); borrowed when there is none.
fn shown_str(s: &str) -> Cow<'_, str> {
    let escaped = |c: char| {
        c.is_control()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escaped(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path for a message: lossy UTF-8, control characters escaped.
fn shown(path: &Path) -> String {
    shown_str(&path.to_string_lossy()).into_owned()
}

impl Error {
    /// Build an [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
    /// Build an [`Error::Parse`].
    pub fn parse(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Error::Parse {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
    /// [`Error::SameLanguage`] when the languages `src_lang` and `tgt_lang`
    /// of the texts named `src` and `tgt` are one (by [`language_code`]).
    ///
    /// [`language_code`]: crate::language::language_code
    pub fn check_languages(
        src: impl Into<PathBuf>,
        src_lang: &str,
        tgt: impl Into<PathBuf>,
        tgt_lang: &str,
    ) -> Result<()> {
        use crate::language::language_code;
        if language_code(src_lang) != language_code(tgt_lang) {
            return Ok(());
        }
        Err(Error::SameLanguage {
            src: src.into(),
            tgt: tgt.into(),
            language: src_lang.to_string(),
        })
    }
    /// Build an [`Error::Invalid`].
    pub fn invalid(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_paths_are_one_line_without_terminal_controls() {
        // Issue 15: an SRX error quoted a line break from the input.
        let err = Error::parse(
            "a\nb.srx",
            3,
            "expected `</x>`, found `</x\r\ny>` \u{1b}[2J\u{202e}",
        );
        assert_eq!(
            err.to_string(),
            "a\\nb.srx:3: expected `</x>`, found `</x\\r\\ny>` \\u{1b}[2J\\u{202e}"
        );
        let err = Error::invalid("plain.txt", "nothing to escape: قال");
        assert_eq!(err.to_string(), "plain.txt: nothing to escape: قال");
    }
}
