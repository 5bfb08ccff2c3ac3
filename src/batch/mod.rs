//! Many documents at once: pairing the files of a folder, JSONL documents,
//! and a one-line summary per aligned document.
//!
//! A folder holds `NAME.ar.txt` beside `NAME.en.txt` (running text; a saved
//! page `NAME.ar.html` or `.htm`, or a Word document `NAME.ar.docx`, may
//! stand for either), or `NAME.ar` beside `NAME.en` (one sentence a line,
//! [`Layout::Presplit`](crate::input::text::Layout::Presplit)).
//! [`pair_files`] lists it once, O(files · log files) for the sort.
//! Corpus builders that run jisr as the map step of a distributed engine send
//! one JSON object a line instead, read by [`parse_json_document`].

mod folder;
mod isolate;
mod jsonl;
mod summary;

pub use folder::{
    document_name, file_suffix, file_suffixes, pair_files, DocumentFiles, Pairing, REVIEW_SUFFIXES,
};
pub use isolate::{isolate_panics, panic_message};
pub use jsonl::{parse_json_document, DocumentId, JsonDocument};
pub use summary::DocumentSummary;

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::input::text::Layout;

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
