//! JSONL documents, one JSON object a line, as corpus builders send them
//! when jisr runs as the map step of a distributed engine.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

/// A document's id in the output: a name (a file name without language and
/// extension, or a JSON string id), or a JSON number id kept as written.
///
/// `7` and `"7"` are different ids, and a number id is never converted: it
/// is written back as the same JSON token (`123456789012345678901234567890`
/// stays that, not `1.2345678901234568e+29`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DocumentId {
    /// A name, written as a JSON string.
    Name(String),
    /// A JSON number, as written in the input (`7`, `-1.50`, `1e3`).
    Number(String),
}

impl DocumentId {
    /// The name, or the number as written.
    pub fn as_str(&self) -> &str {
        match self {
            DocumentId::Name(s) | DocumentId::Number(s) => s,
        }
    }

    /// The id as JSON: `"article-7"` or `7`, for messages that must tell
    /// the two apart.
    pub fn to_json(&self) -> String {
        match self {
            DocumentId::Name(s) => serde_json::Value::from(s.as_str()).to_string(),
            DocumentId::Number(s) => s.clone(),
        }
    }
}

impl fmt::Display for DocumentId {
    /// The name, or the number as written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for DocumentId {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            DocumentId::Name(s) => serializer.serialize_str(s),
            DocumentId::Number(token) => {
                // A raw value is copied into serde_json's output unchanged;
                // going through f64 would round big ids.
                let raw =
                    RawValue::from_string(token.clone()).map_err(serde::ser::Error::custom)?;
                raw.serialize(serializer)
            }
        }
    }
}

/// One JSONL input line as sent.
#[derive(Debug, Deserialize)]
struct JsonLine<'a> {
    /// The document id, as written: checked to be a string or a number.
    #[serde(borrow)]
    id: &'a RawValue,
    /// The original.
    src: String,
    /// The translation.
    tgt: String,
}

/// A document read from one JSONL line: `{"id": .., "src": "..", "tgt": ".."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonDocument {
    /// The id, a string or a number as written.
    pub id: DocumentId,
    /// The original, NFC with `\n` line ends.
    pub src: String,
    /// The translation, NFC with `\n` line ends.
    pub tgt: String,
}

/// Parse line `line_no` (1-based) of the JSONL input `name`; errors name the line.
pub fn parse_json_document(name: &Path, line_no: usize, line: &str) -> Result<JsonDocument> {
    let expected = "(expected {\"id\": .., \"src\": \"..\", \"tgt\": \"..\"})";
    let parsed: JsonLine = serde_json::from_str(line).map_err(|e| {
        let message = e.to_string();
        // serde_json ends its messages with "at line 1 column N"; the line is ours.
        let message = message.split(" at line ").next().unwrap_or(&message);
        let message = if e.is_data() {
            message.to_string()
        } else {
            format!("not JSON: {message}")
        };
        Error::parse(name, line_no, format!("{message} {expected}"))
    })?;
    let raw = parsed.id.get();
    let id = if raw.starts_with('"') {
        let text: String = serde_json::from_str(raw)
            .map_err(|e| Error::parse(name, line_no, format!("\"id\": {e}")))?;
        DocumentId::Name(text)
    } else if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        DocumentId::Number(raw.to_string())
    } else {
        let kind = match raw.as_bytes().first() {
            Some(b'{') => "an object",
            Some(b'[') => "an array",
            Some(b'n') => "null",
            _ => "a boolean",
        };
        return Err(Error::parse(
            name,
            line_no,
            format!("\"id\" is {kind}, expected a string or a number {expected}"),
        ));
    };
    let clean = |field: &str, text: &str| -> Result<String> {
        if text.trim().is_empty() {
            return Err(Error::parse(
                name,
                line_no,
                format!("document {}: \"{field}\" has no text", id.to_json()),
            ));
        }
        Ok(text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .nfc()
            .collect())
    };
    Ok(JsonDocument {
        src: clean("src", &parsed.src)?,
        tgt: clean("tgt", &parsed.tgt)?,
        id,
    })
}
