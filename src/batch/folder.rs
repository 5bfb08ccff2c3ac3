//! A folder of documents: `NAME.ar.txt` beside `NAME.en.txt` (a saved page
//! or a Word document may stand for either), or `NAME.ar` beside `NAME.en`
//! ([`Layout::Presplit`]). [`pair_files`] lists it once, O(files · log files)
//! for the sort.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    /// A review of the pair beside it, `NAME.review.jsonl` (preferred) or
    /// `NAME.review.tmx`: its reviewed beads are the pair's anchors.
    pub review: Option<PathBuf>,
}

/// Endings of a review file, preferred first (see [`DocumentFiles::review`]).
pub const REVIEW_SUFFIXES: [&str; 2] = [".review.jsonl", ".review.tmx"];

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
    // Review files by name, with the rank of their ending.
    let mut reviews: BTreeMap<Vec<u8>, (usize, PathBuf)> = BTreeMap::new();
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
            (None, None) => {
                let review = REVIEW_SUFFIXES
                    .iter()
                    .enumerate()
                    .find_map(|(rank, suffix)| {
                        Some((file.strip_suffix(suffix.as_bytes())?.to_vec(), rank))
                    });
                if let Some((name, rank)) = review.filter(|(n, _)| !n.is_empty()) {
                    let kept = reviews.entry(name).or_insert((rank, entry.path()));
                    if rank < kept.0 {
                        *kept = (rank, entry.path());
                    }
                }
                continue;
            }
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
            review: reviews.remove(&name).map(|(_, path)| path),
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
