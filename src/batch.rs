//! Many documents at once: pairing the files of a folder, JSONL documents,
//! and a one-line summary per aligned document.
//!
//! A folder holds `NAME.ar.txt` beside `NAME.en.txt` (running text), or
//! `NAME.ar` beside `NAME.en` (one sentence a line, [`Layout::Presplit`]).
//! [`pair_files`] lists it once, O(files · log files) for the sort.
//! Corpus builders that run jisr as the map step of a distributed engine send
//! one JSON object a line instead, read by [`parse_json_document`].

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::align::Alignment;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::text::Layout;

/// The two files of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFiles {
    /// The document's name: the file name without language and extension.
    pub name: String,
    /// The original.
    pub src: PathBuf,
    /// The translation.
    pub tgt: PathBuf,
}

/// What [`pair_files`] found in a folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pairing {
    /// Documents with both files, by name.
    pub pairs: Vec<DocumentFiles>,
    /// Files of either language without their partner, by path.
    pub unpaired: Vec<PathBuf>,
}

/// The ending of a file in `lang` for a layout: `.ar.txt`, or `.ar` presplit.
pub fn file_suffix(lang: &str, layout: Layout) -> String {
    match layout {
        Layout::Raw => format!(".{lang}.txt"),
        Layout::Presplit => format!(".{lang}"),
    }
}

/// The document name of an article file: `gulf-port.ar.txt` is `gulf-port`.
/// Only endings that are there are taken off (`notes.txt` is `notes`).
pub fn document_name(path: &Path, lang: &str) -> String {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = file.strip_suffix(".txt").unwrap_or(&file);
    let base = base.strip_suffix(&format!(".{lang}")).unwrap_or(base);
    if base.is_empty() {
        file
    } else {
        base.to_string()
    }
}

/// Pair the files of `dir`: `NAME` + [`file_suffix`] of each language.
/// Hidden files and files of other names are ignored.
pub fn pair_files(dir: &Path, src_lang: &str, tgt_lang: &str, layout: Layout) -> Result<Pairing> {
    if !dir.is_dir() && dir.exists() {
        return Err(Error::invalid(dir, "not a directory"));
    }
    let (src_suffix, tgt_suffix) = (file_suffix(src_lang, layout), file_suffix(tgt_lang, layout));
    let mut src: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut tgt: BTreeMap<String, PathBuf> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let Some(file) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        if file.starts_with('.') || entry.path().is_dir() {
            continue;
        }
        if let Some(name) = file.strip_suffix(&src_suffix).filter(|n| !n.is_empty()) {
            src.insert(name.to_string(), entry.path());
        } else if let Some(name) = file.strip_suffix(&tgt_suffix).filter(|n| !n.is_empty()) {
            tgt.insert(name.to_string(), entry.path());
        }
    }
    let mut pairing = Pairing::default();
    for (name, src_path) in src {
        match tgt.remove(&name) {
            Some(tgt_path) => pairing.pairs.push(DocumentFiles {
                name,
                src: src_path,
                tgt: tgt_path,
            }),
            None => pairing.unpaired.push(src_path),
        }
    }
    pairing.unpaired.extend(tgt.into_values());
    pairing.unpaired.sort();
    Ok(pairing)
}

/// A document id in JSONL input: a string or a number.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum JsonId {
    /// `"id": "article-7"`.
    Text(String),
    /// `"id": 7`.
    Number(serde_json::Number),
}

/// One JSONL input line as sent.
#[derive(Debug, Deserialize)]
struct JsonLine {
    /// The document id.
    id: JsonId,
    /// The original.
    src: String,
    /// The translation.
    tgt: String,
}

/// A document read from one JSONL line: `{"id": .., "src": "..", "tgt": ".."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonDocument {
    /// The id, as text (a number id is written in decimal).
    pub id: String,
    /// The original, NFC with `\n` line ends.
    pub src: String,
    /// The translation, NFC with `\n` line ends.
    pub tgt: String,
}

/// Parse line `line_no` (1-based) of the JSONL input `name`; errors name the line.
pub fn parse_json_document(name: &Path, line_no: usize, line: &str) -> Result<JsonDocument> {
    let parsed: JsonLine = serde_json::from_str(line).map_err(|e| {
        let message = e.to_string();
        // serde_json ends its messages with "at line 1 column N"; the line is ours.
        let message = message.split(" at line ").next().unwrap_or(&message);
        let message = if e.is_data() {
            message.to_string()
        } else {
            format!("not JSON: {message}")
        };
        Error::parse(
            name,
            line_no,
            format!("{message} (expected {{\"id\": .., \"src\": \"..\", \"tgt\": \"..\"}})"),
        )
    })?;
    let id = match parsed.id {
        JsonId::Text(t) => t,
        JsonId::Number(n) => n.to_string(),
    };
    let clean = |field: &str, text: &str| -> Result<String> {
        if text.trim().is_empty() {
            return Err(Error::parse(
                name,
                line_no,
                format!("document {id:?}: \"{field}\" has no text"),
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

/// The per-document line of `jisr batch`: sentences, beads by shape, weak beads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSummary {
    /// The document name.
    pub name: String,
    /// Source sentences and language.
    pub src: (usize, String),
    /// Target sentences and language.
    pub tgt: (usize, String),
    /// Number of beads of each shape (`1-1`, `2-1`, `0-1`, ...).
    pub beads: BTreeMap<String, usize>,
    /// Beads below the low-confidence threshold.
    pub low_confidence: usize,
}

impl DocumentSummary {
    /// Summarise an alignment; `threshold` marks low confidence.
    pub fn new(
        name: &str,
        alignment: &Alignment,
        src: &Document,
        tgt: &Document,
        threshold: f64,
    ) -> Self {
        let mut beads = BTreeMap::new();
        for b in &alignment.beads {
            *beads.entry(b.kind()).or_default() += 1;
        }
        DocumentSummary {
            name: name.to_string(),
            src: (src.len(), src.language.clone()),
            tgt: (tgt.len(), tgt.language.clone()),
            beads,
            low_confidence: alignment.low_confidence(threshold),
        }
    }
}

impl fmt::Display for DocumentSummary {
    /// `gulf-port: 12 ar + 13 en sentences; beads 1-1 ×11, 1-2 ×1; 1 low-confidence`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} {} + {} {} sentences; beads ",
            self.name, self.src.0, self.src.1, self.tgt.0, self.tgt.1
        )?;
        // Most frequent shape first, so 1-1 leads.
        let mut kinds: Vec<(&String, &usize)> = self.beads.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        write!(
            f,
            "{}; {} low-confidence",
            kinds.join(", "),
            self.low_confidence
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_pair_by_name_and_orphans_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "a.ar.txt",
            "a.en.txt",
            "b.ar.txt",
            "c.en.txt",
            "a.en.rev.txt",
            "a.ar",
            ".x.ar.txt",
            "notes.md",
        ] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let p = pair_files(dir.path(), "ar", "en", Layout::Raw).unwrap();
        assert_eq!(p.pairs.len(), 1);
        assert_eq!(p.pairs[0].name, "a");
        assert_eq!(p.pairs[0].tgt, dir.path().join("a.en.txt"));
        assert_eq!(
            p.unpaired,
            vec![dir.path().join("b.ar.txt"), dir.path().join("c.en.txt")]
        );
        let p = pair_files(dir.path(), "ar", "en", Layout::Presplit).unwrap();
        assert_eq!((p.pairs.len(), p.unpaired.len()), (0, 1));
    }

    #[test]
    fn missing_dir_is_an_io_error() {
        let err = pair_files(Path::new("/no/such/dir"), "ar", "en", Layout::Raw).unwrap_err();
        assert!(err.to_string().starts_with("/no/such/dir: "), "{err}");
    }

    #[test]
    fn document_names_lose_language_and_extension() {
        assert_eq!(
            document_name(Path::new("corpora/gulf-port.ar.txt"), "ar"),
            "gulf-port"
        );
        assert_eq!(document_name(Path::new("gulf-port.ar"), "ar"), "gulf-port");
        assert_eq!(document_name(Path::new("notes.txt"), "ar"), "notes");
    }

    #[test]
    fn json_documents_are_checked() {
        let name = Path::new("<stdin>");
        let d = parse_json_document(name, 1, r#"{"id": 7, "src": "a\r\nb", "tgt": "c"}"#).unwrap();
        assert_eq!((d.id.as_str(), d.src.as_str()), ("7", "a\nb"));
        let err =
            parse_json_document(name, 3, r#"{"id": "x", "src": " ", "tgt": "c"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "<stdin>:3: document \"x\": \"src\" has no text"
        );
        let err = parse_json_document(name, 4, "{not json")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("<stdin>:4: not JSON: key must be a string"),
            "{err}"
        );
        let err = parse_json_document(name, 5, r#"{"id": "x", "src": "a"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("<stdin>:5: missing field `tgt`"), "{err}");
    }
}
