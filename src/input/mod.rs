//! Reading input: files and standard input read with size limits, decoded
//! and checked (UTF-8, NFC, no NUL), then cut into paragraphs.

pub mod text;
