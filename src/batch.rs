//! Many documents at once: pairing the files of a folder, JSONL documents,
//! and a one-line summary per aligned document.
//!
//! A folder holds `NAME.ar.txt` beside `NAME.en.txt` (running text; a saved
//! page `NAME.ar.html` or `.htm`, or a Word document `NAME.ar.docx`, may
//! stand for either), or `NAME.ar` beside `NAME.en` (one sentence a line,
//! [`Layout::Presplit`]).
//! [`pair_files`] lists it once, O(files · log files) for the sort.
//! Corpus builders that run jisr as the map step of a distributed engine send
//! one JSON object a line instead, read by [`parse_json_document`].

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use unicode_normalization::UnicodeNormalization;

use crate::align::Alignment;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::input::text::Layout;

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
    /// Files named like a document's that cannot be read as one (a FIFO, a
    /// socket, a device, a broken link), with the reason, by path. Their
    /// partners are left out too, without a word of their own.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Files left out because the document has a preferred file in the
    /// same language (`NAME.ar.html` beside `NAME.ar.txt`), with the file
    /// read instead, by path.
    pub shadowed: Vec<(PathBuf, PathBuf)>,
}

/// The ending of a file in `lang` for a layout: `.ar.txt`, or `.ar` presplit.
pub fn file_suffix(lang: &str, layout: Layout) -> String {
    match layout {
        Layout::Raw => format!(".{lang}.txt"),
        Layout::Presplit => format!(".{lang}"),
    }
}

/// Every ending of a file in `lang` for a layout, preferred first: running
/// text may also be a web page or a Word document (`.ar.html`, `.ar.htm`,
/// `.ar.docx`).
pub fn file_suffixes(lang: &str, layout: Layout) -> Vec<String> {
    match layout {
        Layout::Raw => ["txt", "html", "htm", "docx"]
            .iter()
            .map(|ext| format!(".{lang}.{ext}"))
            .collect(),
        Layout::Presplit => vec![file_suffix(lang, layout)],
    }
}

/// The document name of an article file: `gulf-port.ar.txt` is `gulf-port`.
/// Only endings that are there are taken off (`notes.txt` is `notes`).
pub fn document_name(path: &Path, lang: &str) -> String {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = [".txt", ".html", ".htm", ".docx"]
        .iter()
        .find_map(|ext| file.strip_suffix(ext))
        .unwrap_or(&file);
    let base = base.strip_suffix(&format!(".{lang}")).unwrap_or(base);
    if base.is_empty() {
        file
    } else {
        base.to_string()
    }
}

/// Why a folder entry is not a regular file (links are followed), or `None`
/// when it is one. A FIFO is never opened: reading one would wait for a
/// writer for ever.
fn not_regular(path: &Path) -> Option<String> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return Some(format!("cannot read: {e}")),
    };
    if meta.is_file() {
        return None;
    }
    let kind = file_kind(&meta.file_type());
    Some(format!("not a regular file ({kind})"))
}

/// A name for a file type that is not a regular file.
fn file_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// Pair the files of `dir`: `NAME` + [`file_suffix`] of each language.
/// Hidden files and files of other names are ignored. Names need not be
/// UTF-8: they are matched as bytes, and the document name shows the bytes
/// that are not UTF-8 as U+FFFD.
pub fn pair_files(dir: &Path, src_lang: &str, tgt_lang: &str, layout: Layout) -> Result<Pairing> {
    if !dir.is_dir() && dir.exists() {
        return Err(Error::invalid(dir, "not a directory"));
    }
    let (src_suffixes, tgt_suffixes) = (
        file_suffixes(src_lang, layout),
        file_suffixes(tgt_lang, layout),
    );
    // By the name's bytes: two names that differ only in bytes that are not
    // UTF-8 are two documents. With each path, the rank of its ending.
    let mut src: BTreeMap<Vec<u8>, (usize, PathBuf)> = BTreeMap::new();
    let mut tgt: BTreeMap<Vec<u8>, (usize, PathBuf)> = BTreeMap::new();
    let mut shadowed: Vec<(PathBuf, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let file = entry.file_name();
        let file = file.as_encoded_bytes();
        if file.starts_with(b".") || entry.path().is_dir() {
            continue;
        }
        let stem = |suffixes: &[String]| {
            suffixes.iter().enumerate().find_map(|(rank, suffix)| {
                file.strip_suffix(suffix.as_bytes())
                    .filter(|n| !n.is_empty())
                    .map(|n| (n.to_vec(), rank))
            })
        };
        let (side, name, rank) = match (stem(&src_suffixes), stem(&tgt_suffixes)) {
            (Some((name, rank)), _) => (&mut src, name, rank),
            (None, Some((name, rank))) => (&mut tgt, name, rank),
            (None, None) => continue,
        };
        let path = entry.path();
        match side.get_mut(&name) {
            Some(kept) if kept.0 < rank => shadowed.push((path, kept.1.clone())),
            Some(kept) => {
                let old = std::mem::replace(kept, (rank, path)).1;
                shadowed.push((old, kept.1.clone()));
            }
            None => {
                side.insert(name, (rank, path));
            }
        }
    }
    shadowed.sort();
    let mut pairing = Pairing {
        shadowed,
        ..Pairing::default()
    };
    let src = src.into_iter().map(|(name, (_, path))| (name, path));
    let mut tgt: BTreeMap<Vec<u8>, PathBuf> = tgt
        .into_iter()
        .map(|(name, (_, path))| (name, path))
        .collect();
    for (name, src_path) in src {
        let Some(tgt_path) = tgt.remove(&name) else {
            match not_regular(&src_path) {
                Some(why) => pairing.unreadable.push((src_path, why)),
                None => pairing.unpaired.push(src_path),
            }
            continue;
        };
        let unreadable: Vec<(PathBuf, String)> = [&src_path, &tgt_path]
            .into_iter()
            .filter_map(|p| Some((p.clone(), not_regular(p)?)))
            .collect();
        if !unreadable.is_empty() {
            pairing.unreadable.extend(unreadable);
            continue;
        }
        pairing.pairs.push(DocumentFiles {
            name: String::from_utf8_lossy(&name).into_owned(),
            src: src_path,
            tgt: tgt_path,
        });
    }
    for tgt_path in tgt.into_values() {
        match not_regular(&tgt_path) {
            Some(why) => pairing.unreadable.push((tgt_path, why)),
            None => pairing.unpaired.push(tgt_path),
        }
    }
    pairing.unpaired.sort();
    pairing.unreadable.sort();
    Ok(pairing)
}

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

/// The message a panic was raised with (`panic!("...")`, an index out of
/// bounds), or a stand-in when it carried something else.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic without a message".to_string()
    }
}

/// Run `run` on all `items` together, as [`Aligner::align_many`] aligns the
/// documents of a batch so that they share what it learns; when that
/// panics, run each item alone to find the ones it panics on, then the
/// others together again. Each item gets its result, or the panic's message.
///
/// This is the last line of defence, not a fix: a panic is a bug, but one
/// document that hits it must not cost the others their output. `run` must
/// return one result per item, in order. Cost: one run of `run` when nothing
/// panics; otherwise one per item (in parallel) and one more for the rest.
///
/// [`Aligner::align_many`]: crate::Aligner::align_many
pub fn isolate_panics<T, R>(
    items: &[T],
    run: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<std::result::Result<R, String>>
where
    T: Clone + Sync,
    R: Send,
{
    use rayon::prelude::*;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    // `run` only reads `items`; what a panic leaves half-built is dropped
    // with the unwinding, so nothing broken is seen afterwards.
    let guarded =
        |part: &[T]| catch_unwind(AssertUnwindSafe(|| run(part))).map_err(|p| panic_message(&*p));
    let message = match guarded(items) {
        Ok(all) => return all.into_iter().map(Ok).collect(),
        Err(message) => message,
    };
    if items.len() == 1 {
        return vec![Err(message)];
    }
    let mut results: Vec<std::result::Result<R, String>> = items
        .par_iter()
        .map(|item| {
            guarded(std::slice::from_ref(item))?
                .pop()
                .ok_or_else(|| "no result".to_string())
        })
        .collect();
    let good: Vec<usize> = (0..items.len()).filter(|&k| results[k].is_ok()).collect();
    if good.len() > 1 {
        let together: Vec<T> = good.iter().map(|&k| items[k].clone()).collect();
        if let Ok(joint) = guarded(&together) {
            for (k, r) in good.into_iter().zip(joint) {
                results[k] = Ok(r);
            }
        }
    }
    results
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
    fn a_panicking_item_is_reported_and_the_others_run_together() {
        let calls = std::sync::Mutex::new(Vec::new());
        let run = |xs: &[u32]| -> Vec<u32> {
            calls.lock().unwrap().push(xs.to_vec());
            // Like the word table a batch learns, the result depends on
            // which items run together.
            let together = xs.len() as u32;
            xs.iter()
                .map(|&x| {
                    if x == 3 {
                        panic!("index out of bounds: item {x}");
                    }
                    x * 10 + together
                })
                .collect()
        };
        let results = isolate_panics(&[1, 2, 3, 4], run);
        assert_eq!(
            results,
            vec![
                Ok(13),
                Ok(23),
                Err("index out of bounds: item 3".to_string()),
                Ok(43)
            ]
        );
        assert_eq!(calls.lock().unwrap().last(), Some(&vec![1, 2, 4]));
        // Nothing panics: one joint run.
        calls.lock().unwrap().clear();
        assert_eq!(isolate_panics(&[1, 2], run), vec![Ok(12), Ok(22)]);
        assert_eq!(calls.lock().unwrap().len(), 1);
        assert_eq!(
            isolate_panics(&[3], run),
            vec![Err("index out of bounds: item 3".to_string())]
        );
    }

    #[test]
    fn json_ids_are_kept_as_written() {
        let name = Path::new("<stdin>");
        let id = |id: &str| {
            let line = format!(r#"{{"id": {id} , "src": "a", "tgt": "b"}}"#);
            parse_json_document(name, 1, &line).map(|d| d.id)
        };
        let big = "123456789012345678901234567890";
        assert_eq!(id(big).unwrap(), DocumentId::Number(big.into()));
        assert_eq!(serde_json::to_string(&id(big).unwrap()).unwrap(), big);
        for written in ["-0.50", "1e3", "7"] {
            assert_eq!(
                serde_json::to_string(&id(written).unwrap()).unwrap(),
                written
            );
        }
        assert_eq!(id(r#""1""#).unwrap(), DocumentId::Name("1".into()));
        assert_ne!(id(r#""1""#).unwrap(), id("1").unwrap());
        assert_eq!(
            serde_json::to_string(&id(r#""a\"b""#).unwrap()).unwrap(),
            r#""a\"b""#
        );
        for (bad, kind) in [("true", "a boolean"), ("null", "null"), ("[1]", "an array")] {
            let err = id(bad).unwrap_err().to_string();
            assert!(
                err.starts_with(&format!(
                    "<stdin>:1: \"id\" is {kind}, expected a string or a number"
                )),
                "{err}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn fifos_are_not_opened_and_byte_names_are_paired() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.ar.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        std::fs::write(dir.path().join("pipe.en.txt"), "x").unwrap();
        std::os::unix::fs::symlink("nowhere", dir.path().join("gone.en.txt")).unwrap();
        let latin1 = |ext: &str| {
            let mut name = b"caf\xe9".to_vec();
            name.extend_from_slice(ext.as_bytes());
            dir.path().join(OsStr::from_bytes(&name))
        };
        std::fs::write(latin1(".ar.txt"), "x").unwrap();
        std::fs::write(latin1(".en.txt"), "x").unwrap();
        let p = pair_files(dir.path(), "ar", "en", Layout::Raw).unwrap();
        assert_eq!(p.pairs.len(), 1);
        assert_eq!(p.pairs[0].name, "caf\u{fffd}");
        assert_eq!(p.pairs[0].src, latin1(".ar.txt"));
        assert_eq!(p.unpaired, Vec::<PathBuf>::new());
        assert_eq!(p.unreadable.len(), 2, "{:?}", p.unreadable);
        assert_eq!(p.unreadable[0].0, dir.path().join("gone.en.txt"));
        assert!(
            p.unreadable[0].1.starts_with("cannot read: "),
            "{:?}",
            p.unreadable
        );
        assert_eq!(
            p.unreadable[1],
            (fifo, "not a regular file (a FIFO)".to_string())
        );
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
        assert_eq!(
            (&d.id, d.src.as_str()),
            (&DocumentId::Number("7".into()), "a\nb")
        );
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
