//! Typed errors of the jisr library.
//!
//! Every error that concerns an input names the file (or `<stdin>`) and, where it
//! makes sense, the line or byte offset, so that the binary can print it on one line.

use std::path::PathBuf;

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, with the input it concerns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The path names a directory where a file was expected.
    #[error("{path}: is a directory, expected a text file")]
    IsDirectory {
        /// The directory.
        path: PathBuf,
    },
    /// A NUL byte: the file is binary, not text.
    #[error("{path}: binary file (NUL byte at byte offset {offset}), expected UTF-8 text")]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// The bytes are not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The file holds no text (only whitespace, or nothing).
    #[error("{path}: empty file, no text to align")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A line is too long to be a paragraph of an article.
    #[error("{path}: line {line} is {length} bytes long (limit {limit}): not an article text")]
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
    #[error("{path}: larger than {}, the size limit for {what}", crate::text::human_size(*.limit))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
        /// What kind of input the limit is for, and how to change it.
        what: &'static str,
    },
    /// Source and target look like the same language.
    #[error("{src} and {tgt}: both files look like {language}; expected an original and its translation")]
    SameLanguage {
        /// Source file.
        src: PathBuf,
        /// Target file.
        tgt: PathBuf,
        /// The language both look like.
        language: String,
    },
    /// A file has a syntax error (SRX, TMX, dictionary, bead file, JSON line).
    #[error("{path}:{line}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Anything else about an input that makes it unusable.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
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
    /// Build an [`Error::Invalid`].
    pub fn invalid(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }
}
