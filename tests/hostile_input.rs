//! Hostile input to the readers (issue 15): endless and huge files, FIFOs,
//! CR-only and invisible text, letterless text, bad SRX rules.

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

mod common;
use common::{corpus, jisr};

/// Write `bytes` to `dir/name`.
fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Run jisr with `args`, expect exit 2 and one `jisr: ` line holding `needle`.
fn refused(args: &[&std::ffi::OsStr], needle: &str) {
    let out = jisr().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{needle}: {err}");
    assert!(err.starts_with("jisr: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    assert!(out.stdout.is_empty());
}

fn os<S: AsRef<std::ffi::OsStr> + ?Sized>(s: &S) -> &std::ffi::OsStr {
    s.as_ref()
}

/// Two short sentences an English tester types into a file.
const SHORT_EN: &str = "The port opened today. Ships arrived at noon.\n";
const SHORT_AR: &str = "افتتح الميناء اليوم. وصلت السفن ظهرا.\n";

// --- Item 3: endless and huge input is refused while it is read ---

#[test]
fn issue15_dev_zero_is_refused_at_once() {
    let en = corpus("gulf-port.en.txt");
    refused(
        &[os("align"), os("/dev/zero"), en.as_os_str()],
        "/dev/zero: binary file (NUL byte at byte offset 0)",
    );
}

#[test]
fn issue15_file_over_the_input_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // 1.1 MB of Arabic, 0.7 MB of English.
    let ar = file(
        dir.path(),
        "big.ar.txt",
        "افتتح الميناء اليوم.\n".repeat(30_000).as_bytes(),
    );
    let en = file(
        dir.path(),
        "big.en.txt",
        "The port opened today.\n".repeat(30_000).as_bytes(),
    );
    refused(
        &[
            os("align"),
            os("--max-input-size"),
            os("1M"),
            ar.as_os_str(),
            en.as_os_str(),
        ],
        "big.ar.txt: larger than 1 MiB, the size limit for an input (see --max-input-size)",
    );
    // Under the limit it is read.
    jisr()
        .args([
            "align",
            "-f",
            "beads",
            "--presplit",
            "--max-input-size",
            "2M",
        ])
        .arg(&ar)
        .arg(&en)
        .assert()
        .success();
}

#[test]
fn issue15_endless_stdin_is_refused_at_the_limit() {
    // `yes` never stops: the limit must be checked while reading.
    let mut yes = StdCommand::new("yes")
        .arg("The port opened today.")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = yes.stdout.take().unwrap();
    let ar = corpus("gulf-port.ar.txt");
    let out = StdCommand::new(assert_cmd::cargo::cargo_bin("jisr"))
        .args(["align", "--max-input-size", "4M"])
        .arg(&ar)
        .arg("-")
        .stdin(Stdio::from(stdout))
        .output()
        .unwrap();
    yes.kill().unwrap();
    yes.wait().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(
        err.trim_end(),
        "jisr: <stdin>: larger than 4 MiB, the size limit for an input (see --max-input-size)"
    );
}

#[test]
fn issue15_bad_size_values_are_refused() {
    for bad in ["0", "-1", "1X", "", "99999999999999999999", "16777216T"] {
        let out = jisr()
            .args(["align", &format!("--max-input-size={bad}"), "a", "b"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--max-input-size"), "{bad}: {err}");
    }
}

#[test]
fn issue15_srx_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut srx = b"<srx version=\"2.0\"><!-- ".to_vec();
    srx.extend(std::iter::repeat_n(b'x', 2 << 20));
    let srx = file(dir.path(), "huge.srx", &srx);
    let (ar, en) = (corpus("gulf-port.ar.txt"), corpus("gulf-port.en.txt"));
    refused(
        &[
            os("align"),
            os("--max-input-size"),
            os("1M"),
            os("--srx"),
            srx.as_os_str(),
            ar.as_os_str(),
            en.as_os_str(),
        ],
        "huge.srx: larger than 1 MiB",
    );
}

#[test]
fn issue15_gzip_bomb_dictionary_stops_at_the_dictionary_limit() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    // 300 MiB of spaces compress to about 300 KB: more than the 256 MiB a
    // dictionary may hold once decompressed.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![b' '; 1 << 20];
    for _ in 0..300 {
        gz.write_all(&block).unwrap();
    }
    let dz = gz.finish().unwrap();
    file(dir.path(), "freedict-ara-eng.dict.dz", &dz);
    let index = file(dir.path(), "freedict-ara-eng.index", b"word\tA\tB\n");
    let (ar, en) = (corpus("gulf-port.ar.txt"), corpus("gulf-port.en.txt"));
    let out = jisr()
        .env("JISR_CACHE_DIR", "")
        .args(["align", "--no-system-dict", "--dict"])
        .arg(&index)
        .arg(&ar)
        .arg(&en)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.trim_end().ends_with(
            "freedict-ara-eng.dict.dz: larger than 256 MiB, the size limit for a dictionary (decompressed)"
        ),
        "{err}"
    );
}

// --- Item 5: a FIFO named on the command line is read ---

#[cfg(unix)]
#[test]
fn issue15_fifo_on_the_command_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("en.fifo");
    let made = StdCommand::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, SHORT_EN).unwrap())
    };
    let ar = file(dir.path(), "a.ar.txt", SHORT_AR.as_bytes());
    jisr()
        .args(["align", "-f", "tsv"])
        .arg(&ar)
        .arg(&fifo)
        .assert()
        .success()
        .stdout(predicates::str::contains("Ships arrived at noon."));
    writer.join().unwrap();
}

// --- Item 9: the language of short and letterless texts ---

#[test]
fn issue15_short_english_source_with_arabic_target_aligns() {
    let dir = tempfile::tempdir().unwrap();
    let en = file(dir.path(), "s.en.txt", SHORT_EN.as_bytes());
    let ar = file(dir.path(), "s.ar.txt", SHORT_AR.as_bytes());
    jisr()
        .args(["align", "-f", "tsv"])
        .arg(&en)
        .arg(&ar)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "The port opened today.\tافتتح الميناء اليوم.",
        ));
}

#[test]
fn issue15_letterless_files_are_refused_unless_the_language_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let numbers = "12 345\n67.8 - 90 %\n";
    let a = file(dir.path(), "a.txt", numbers.as_bytes());
    let b = file(dir.path(), "b.txt", numbers.as_bytes());
    refused(
        &[os("align"), a.as_os_str(), b.as_os_str()],
        "a.txt: no letters: cannot tell its language; give it with --src-lang/--tgt-lang",
    );
    let ar = corpus("gulf-port.ar.txt");
    refused(
        &[os("align"), ar.as_os_str(), b.as_os_str()],
        "b.txt: no letters",
    );
    jisr()
        .args(["align", "--src-lang", "ar", "--tgt-lang", "en"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
}

// --- Item 13: CR-only text, invisible text, bad SRX rules ---

#[test]
fn issue15_cr_only_file_over_a_megabyte_is_read_as_lines() {
    let dir = tempfile::tempdir().unwrap();
    // An old Mac export: lines end in a lone CR, 1.2 MB in all.
    let line = "The port opened today and ships arrived at noon.\r";
    let en = file(dir.path(), "mac.en.txt", line.repeat(25_000).as_bytes());
    let ar_line = "افتتح الميناء اليوم ووصلت السفن ظهرا.\n";
    let ar = file(dir.path(), "mac.ar.txt", ar_line.repeat(25_000).as_bytes());
    jisr()
        .args(["align", "-f", "beads", "--presplit"])
        .arg(&ar)
        .arg(&en)
        .assert()
        .success();
}

#[test]
fn issue15_file_of_invisible_characters_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let invisible = "\u{200B}\u{FEFF}\u{200E}\u{200F}\u{00A0}\n\u{2060}\u{202B}\u{202C}\u{2066}\u{2069}\u{00AD}\u{200C}\u{200D}\u{061C}\u{FE0F}\n";
    let blank = file(dir.path(), "blank.en.txt", invisible.as_bytes());
    let ar = corpus("gulf-port.ar.txt");
    refused(
        &[os("align"), ar.as_os_str(), blank.as_os_str()],
        "blank.en.txt: empty file, no text to align",
    );
}

#[test]
fn issue15_bad_srx_regex_is_one_line_naming_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let srx = file(
        dir.path(),
        "bad.srx",
        "<srx><body><languagerules>\n<languagerule languagerulename=\"en\">\n<rule break=\"no\"><beforebreak>Mr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n<rule><beforebreak>[.</beforebreak><afterbreak>\\s</afterbreak></rule>\n</languagerule></languagerules></body></srx>".as_bytes(),
    );
    let (ar, en) = (corpus("gulf-port.ar.txt"), corpus("gulf-port.en.txt"));
    refused(
        &[
            os("align"),
            os("--srx"),
            srx.as_os_str(),
            ar.as_os_str(),
            en.as_os_str(),
        ],
        "bad.srx:4: bad rule pattern: rule 2 of languagerule \"en\", beforebreak \"[.\": unclosed character class",
    );
}

// --- Item 5: arbitrary and mutated bytes to the readers ---

mod parsers {
    use std::path::Path;

    use jisr::input::text::{decode, raw_paragraphs};
    use jisr::segment::{SentenceSplitter, DEFAULT_SRX};
    use jisr::{Error, Lexicon};
    use proptest::prelude::*;

    use super::common::write_dictd;

    /// Bytes that matter to the formats: line ends, NUL, UTF-8 lead and
    /// continuation bytes, XML and regex syntax, dictd and hunalign separators.
    const INTERESTING: &[u8] = b"\0\r\n\t <>&\"'/=[](){}\\*+?|.@#\xff\xc3\xd8\x80\xef\xbb\xbf";

    /// One edit of a byte string.
    #[derive(Debug, Clone)]
    enum Edit {
        Replace(usize, u8),
        Insert(usize, u8),
        Delete(usize),
        Truncate(usize),
        /// Repeat a slice (`start`, `len`) `n` times in place.
        Repeat(usize, usize, usize),
    }

    fn byte() -> impl Strategy<Value = u8> {
        prop_oneof![any::<u8>(), prop::sample::select(INTERESTING)]
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let at = any::<usize>();
        prop_oneof![
            4 => (at, byte()).prop_map(|(i, b)| Edit::Replace(i, b)),
            4 => (at, byte()).prop_map(|(i, b)| Edit::Insert(i, b)),
            2 => at.prop_map(Edit::Delete),
            1 => at.prop_map(Edit::Truncate),
            1 => (at, 1..64usize, 1..50usize).prop_map(|(i, l, n)| Edit::Repeat(i, l, n)),
        ]
    }

    fn edits() -> impl Strategy<Value = Vec<Edit>> {
        prop::collection::vec(edit(), 1..12)
    }

    /// `base` with `edits` applied (positions taken modulo the length).
    fn mutate(base: &[u8], edits: &[Edit]) -> Vec<u8> {
        let mut b = base.to_vec();
        for e in edits {
            let len = b.len();
            let at = |i: usize| if len == 0 { 0 } else { i % len };
            match *e {
                Edit::Replace(i, x) if len > 0 => b[at(i)] = x,
                Edit::Insert(i, x) => b.insert(if len == 0 { 0 } else { i % (len + 1) }, x),
                Edit::Delete(i) if len > 0 => {
                    b.remove(at(i));
                }
                Edit::Truncate(i) => b.truncate(at(i)),
                Edit::Repeat(i, l, n) if len > 0 => {
                    let start = at(i);
                    let piece = b[start..(start + l).min(len)].to_vec();
                    for _ in 0..n {
                        b.splice(start..start, piece.iter().copied());
                    }
                }
                _ => {}
            }
        }
        b
    }

    /// A result, or an error a user reads on one line.
    fn one_line<T>(result: Result<T, Error>) -> Result<Option<T>, TestCaseError> {
        match result {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(!msg.is_empty());
                prop_assert!(!msg.contains('\n') && !msg.contains('\r'), "{msg:?}");
                Ok(None)
            }
        }
    }

    fn article() -> Vec<u8> {
        std::fs::read(super::corpus("gulf-port.ar.txt")).unwrap()[..3000].to_vec()
    }

    /// Decode, then split what decoded: the text reader and what reads its
    /// output never panic.
    fn decode_and_split(bytes: &[u8]) -> Result<(), TestCaseError> {
        if let Some(text) = one_line(decode(Path::new("x.txt"), bytes))? {
            let splitter = SentenceSplitter::default_rules();
            for p in raw_paragraphs(&text) {
                for lang in ["ar", "en"] {
                    for s in splitter.split(lang, &p) {
                        prop_assert!(!s.trim().is_empty());
                    }
                }
            }
            let _ = jisr::language::resolve_language("auto", &text, "ar");
        }
        Ok(())
    }

    /// A mutated SRX file: a splitter or a one-line error; a splitter splits.
    fn srx(text: &str) -> Result<(), TestCaseError> {
        if let Some(splitter) = one_line(SentenceSplitter::from_srx(Path::new("r.srx"), text))? {
            for lang in ["ar", "en", "x"] {
                splitter.split(
                    lang,
                    "Mr. Smith arrived. قال د. أحمد: «نعم». Yes!  (3.5) ok",
                );
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn text_decoder_takes_any_bytes(bytes in prop::collection::vec(byte(), 0..2000)) {
            decode_and_split(&bytes)?;
        }

        #[test]
        fn text_decoder_takes_a_mutated_article(e in edits()) {
            decode_and_split(&mutate(&article(), &e))?;
        }

        #[test]
        fn srx_reader_takes_any_text(bytes in prop::collection::vec(byte(), 0..600)) {
            srx(&String::from_utf8_lossy(&bytes))?;
        }

        #[test]
        fn srx_reader_takes_mutated_rules(e in edits()) {
            srx(&String::from_utf8_lossy(&mutate(DEFAULT_SRX.as_bytes(), &e)))?;
        }

        #[test]
        fn hunalign_reader_takes_mutated_files(e in edits(), reversed in any::<bool>()) {
            let dic = &jisr::lexicon::DEFAULT_DIC.as_bytes()[..2000];
            let text = String::from_utf8_lossy(&mutate(dic, &e)).into_owned();
            one_line(Lexicon::new().add_hunalign_text(Path::new("x.dic"), &text, reversed))?;
            // Through the file reader too (UTF-8, NUL and size checks).
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("x.dic");
            std::fs::write(&path, mutate(dic, &e)).unwrap();
            one_line(Lexicon::new().add_file(&path, "ar"))?;
        }

        #[test]
        fn dictd_reader_takes_mutated_files(
            index_edits in edits(),
            data_edits in edits(),
            compress in any::<bool>(),
            vocabulary in any::<bool>(),
        ) {
            use std::io::Write;
            let dir = tempfile::tempdir().unwrap();
            let index = write_dictd(
                dir.path(),
                "freedict-ara-eng",
                &[
                    ("مدرسة", "/madrasa/\n1. school\n2. academy - a place of learning"),
                    ("ميناء", "port; harbour"),
                    ("00databaseshort", "a test"),
                    ("سفن", "ships, vessels"),
                ],
            );
            let plain = dir.path().join("freedict-ara-eng.dict");
            let index_bytes = std::fs::read(&index).unwrap();
            std::fs::write(&index, mutate(&index_bytes, &index_edits)).unwrap();
            let data_bytes = std::fs::read(&plain).unwrap();
            let data = if compress {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                gz.write_all(&data_bytes).unwrap();
                let dz = dir.path().join("freedict-ara-eng.dict.dz");
                std::fs::write(&dz, mutate(&gz.finish().unwrap(), &data_edits)).unwrap();
                std::fs::remove_file(&plain).unwrap();
                dz
            } else {
                std::fs::write(&plain, mutate(&data_bytes, &data_edits)).unwrap();
                plain
            };
            let vocabulary = vocabulary.then(|| {
                jisr::lexicon::Vocabulary::from_texts(&["المدرسة والميناء", "school port"])
            });
            one_line(Lexicon::new().add_dictd(&index, &data, true, vocabulary.as_ref(), None))?;
            one_line(Lexicon::new().add_file(&index, "ar"))?;
        }
    }
}
