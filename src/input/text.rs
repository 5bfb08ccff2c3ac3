//! Reading article files: bytes to checked, NFC-normalised paragraphs.
//!
//! A file is accepted when it is UTF-8 text (a BOM and CRLF or CR line ends are
//! accepted), holds no NUL byte, has some visible text (not only spaces,
//! zero-width or bidi marks) and no line longer than [`MAX_LINE_BYTES`].
//! Reading and checking take a few passes over the bytes (read, NUL scan,
//! UTF-8 check, NFC, paragraphs), each O(n); reading stops at the size limit
//! ([`DEFAULT_MAX_INPUT_SIZE`] unless told otherwise) or after the piece
//! holding the first NUL, so an endless stream or a binary file costs at most
//! the limit.
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

/// Largest input read by default, in bytes (`--max-input-size`). A long news
/// article is under 100 KB and a book a few megabytes; 64 MiB leaves room
/// for both while an endless stream is refused in well under a second.
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 64 << 20;

/// What [`Error::TooLarge`] says the article limit is for.
pub const INPUT_LIMIT: &str = "an input (see --max-input-size)";

/// How much is read at a time: the size limit and the NUL check are applied
/// after each piece, so at most this much is read past either.
pub(crate) const READ_PIECE: u64 = 1 << 20;

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

/// What may be read from one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Largest input accepted, in bytes; checked while reading, so an
    /// endless stream (`/dev/urandom`, `yes`) is refused at the limit.
    pub max_size: u64,
    /// Refuse FIFOs, sockets and devices instead of reading them. A file met
    /// while scanning a folder should be regular (a FIFO there would block the
    /// whole run); one named on the command line may be a stream, as process
    /// substitution `<(...)` and `/dev/stdin` are.
    pub regular_only: bool,
}

impl Default for ReadLimits {
    /// [`DEFAULT_MAX_INPUT_SIZE`], streams allowed.
    fn default() -> Self {
        ReadLimits {
            max_size: DEFAULT_MAX_INPUT_SIZE,
            regular_only: false,
        }
    }
}

/// Is `path` a regular file (after following symbolic links)? A folder scan
/// should skip what is not: a FIFO blocks the reader until someone writes
/// to it, and a device such as `/dev/zero` never ends.
pub fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Read a whole input (`-` for stdin) with the default [`ReadLimits`] and
/// check it is text; returns NFC text with `\n` line ends and no BOM.
pub fn read_text(path: &Path) -> Result<String> {
    read_text_with(path, ReadLimits::default())
}

/// [`read_text`] within `limits`.
pub fn read_text_with(path: &Path, limits: ReadLimits) -> Result<String> {
    read_text_as(path, limits, INPUT_LIMIT)
}

/// [`read_text_with`], naming the kind of input in the size-limit error.
pub(crate) fn read_text_as(path: &Path, limits: ReadLimits, what: &'static str) -> Result<String> {
    let bytes = read_input(path, limits, what, true)?;
    decode(&display_path(path), &bytes)
}

/// The bytes of `path` (`-` for stdin), refused with [`Error::TooLarge`] as
/// soon as more than `limit` bytes have come (a regular file larger than
/// `limit` is refused before it is read). For readers of other formats
/// (TMX, batch input) that want the same protection as article files.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let limits = ReadLimits {
        max_size: limit,
        regular_only: false,
    };
    read_input(path, limits, INPUT_LIMIT, false)
}

/// Read `path` within `limits`; with `stop_at_nul`, reading stops after
/// the piece that holds a NUL byte (the caller refuses the file as binary,
/// so `/dev/zero` is not read to the limit first).
pub(crate) fn read_input(
    path: &Path,
    limits: ReadLimits,
    what: &'static str,
    stop_at_nul: bool,
) -> Result<Vec<u8>> {
    let name = display_path(path);
    if path == Path::new("-") {
        let stdin = std::io::stdin().lock();
        return read_capped(stdin, &name, limits.max_size, what, stop_at_nul, 0);
    }
    let meta = std::fs::metadata(path).map_err(|e| Error::io(&name, e))?;
    if meta.is_dir() {
        return Err(Error::IsDirectory { path: name });
    }
    if limits.regular_only && !meta.is_file() {
        return Err(not_regular(&name, &meta));
    }
    if meta.is_file() && meta.len() > limits.max_size {
        return Err(Error::TooLarge {
            path: name,
            limit: limits.max_size,
            what,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(&name, e))?;
    if limits.regular_only {
        // The path may have been replaced between the check and the open.
        let meta = file.metadata().map_err(|e| Error::io(&name, e))?;
        if !meta.is_file() {
            return Err(not_regular(&name, &meta));
        }
    }
    read_capped(file, &name, limits.max_size, what, stop_at_nul, meta.len())
}

/// The error for a FIFO, socket or device where a regular file was expected.
fn not_regular(name: &Path, meta: &std::fs::Metadata) -> Error {
    #[cfg(unix)]
    let kind = {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            "a FIFO"
        } else if t.is_socket() {
            "a socket"
        } else if t.is_char_device() || t.is_block_device() {
            "a device"
        } else {
            "not a regular file"
        }
    };
    #[cfg(not(unix))]
    let kind = {
        let _ = meta;
        "not a regular file"
    };
    Error::invalid(name, format!("{kind}, expected a regular file"))
}

/// Read `reader` to its end, refusing it once more than `limit` bytes have
/// come; `size_hint` (the file's length, 0 when unknown) sizes the buffer.
pub(crate) fn read_capped(
    mut reader: impl Read,
    name: &Path,
    limit: u64,
    what: &'static str,
    stop_at_nul: bool,
    size_hint: u64,
) -> Result<Vec<u8>> {
    // One more byte than the file holds, so that the last read finds its end
    // without growing the buffer.
    let capacity = size_hint.min(limit).saturating_add(1);
    let mut buf = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    loop {
        let start = buf.len();
        let n = (&mut reader)
            .take(READ_PIECE)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(name, e))?;
        if buf.len() as u64 > limit {
            return Err(Error::TooLarge {
                path: name.to_path_buf(),
                limit,
                what,
            });
        }
        // A short piece is the end of the input.
        if (n as u64) < READ_PIECE || (stop_at_nul && memchr::memchr(0, &buf[start..]).is_some()) {
            return Ok(buf);
        }
    }
}

/// `limit` for messages: `64 MiB`, `512 KiB`, or bytes.
pub fn human_size(limit: u64) -> String {
    match limit {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
    }
}

/// Parse a size as given on the command line: bytes, or a number with a
/// binary unit `K`, `M`, `G` (`KiB`, `MB`, ... are accepted: all mean
/// powers of 1024). At least one byte; at most 2^63 bytes.
///
/// ```
/// assert_eq!(jisr::input::text::parse_size("64M"), Ok(64 << 20));
/// assert_eq!(jisr::input::text::parse_size("1000"), Ok(1000));
/// assert!(jisr::input::text::parse_size("0").is_err());
/// ```
pub fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let s = s.trim();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = s.split_at(digits);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        other => return Err(format!("unknown unit {other:?} (expected K, M, G or T)")),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("expected a size such as 64M or 1000000, got {s:?}"))?;
    match n.checked_mul(1 << shift) {
        Some(0) => Err("a size of 0 would refuse every input".to_string()),
        Some(bytes) if bytes <= 1 << 63 => Ok(bytes),
        _ => Err(format!("{s} is too large")),
    }
}

/// Check and decode bytes read from `name` (see [`read_text`]).
pub fn decode(name: &Path, bytes: &[u8]) -> Result<String> {
    if let Some(offset) = memchr::memchr(0, bytes) {
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
    // A lone CR ends a line as LF does (old Mac files), before the lines
    // are measured.
    let unified = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    for (k, line) in unified.split('\n').enumerate() {
        if line.len() > MAX_LINE_BYTES {
            return Err(Error::LineTooLong {
                path: name.to_path_buf(),
                line: k + 1,
                length: line.len(),
                limit: MAX_LINE_BYTES,
            });
        }
    }
    if is_blank(&unified) {
        return Err(Error::Empty {
            path: name.to_path_buf(),
        });
    }
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

/// Does `c` show nothing: white space, a control character, or a
/// default-ignorable code point (zero-width spaces and joiners, bidi marks
/// and isolates, BOM, soft hyphen, variation selectors, tags)? A text of
/// these alone looks empty to a reader, so it is refused as empty.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c as u32,
            0x00AD
                | 0x034F
                | 0x061C
                | 0x115F..=0x1160
                | 0x17B4..=0x17B5
                | 0x180B..=0x180F
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x206F
                | 0x3164
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xFFA0
                | 0xFFF0..=0xFFF8
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0000..=0xE0FFF
        )
}

/// Is there nothing visible in `s` (see [`is_invisible`])?
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_invisible)
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
        if is_blank(line) {
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

/// Paragraphs of running text ([`Layout::Raw`]), whitespace squeezed; the
/// lines of a block are paragraphs or joined as the pasted-page rules (`paste.rs`) tell, and
/// a headline pasted twice is kept once.
pub fn raw_paragraphs(text: &str) -> Vec<String> {
    crate::input::paste::drop_repeated_headings(raw_blocks(text))
}

/// [`raw_paragraphs`] before repeated headlines are dropped.
fn raw_blocks(text: &str) -> Vec<String> {
    let blocks = blocks(text);
    let has_blank_separators = blocks.len() > 1;
    if has_blank_separators {
        blocks
            .iter()
            .flat_map(|b| crate::input::paste::block_paragraphs(b))
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
    fn lone_cr_ends_a_line_before_lines_are_measured() {
        // Issue 15: an old Mac file over 1 MB was one long line.
        let mac = "word word word.\r".repeat(MAX_LINE_BYTES / 16 + 1);
        let t = decode(&name(), mac.as_bytes()).unwrap();
        assert_eq!(t.lines().count(), MAX_LINE_BYTES / 16 + 1);
        let err = decode(
            &name(),
            format!("a\r{}", "b".repeat(MAX_LINE_BYTES + 1)).as_bytes(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("line 2 is"), "{err}");
    }

    #[test]
    fn invisible_text_is_empty() {
        // Issue 15: zero-width spaces, BOMs, bidi marks, NBSP and the like.
        for text in [
            "\u{200B}\u{FEFF}\u{200E}",
            "\u{00A0}\u{202E}\n\u{2066}\u{2069}\u{00AD}\r\n\u{E0041}",
        ] {
            assert!(
                matches!(decode(&name(), text.as_bytes()), Err(Error::Empty { .. })),
                "{text:?}"
            );
        }
        assert!(decode(&name(), "\u{200B}x".as_bytes()).is_ok());
        // A line of them separates paragraphs as a blank line does.
        assert_eq!(
            raw_paragraphs("a\nb\n\u{200B}\u{200F}\nc"),
            vec!["a b", "c"]
        );
    }

    #[test]
    fn reading_stops_at_the_limit_and_at_a_nul() {
        let endless = std::io::repeat(b'a');
        let err = read_capped(endless, &name(), 3 << 20, "x", false, 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt: larger than 3 MiB, the size limit for x"
        );
        let zeros = std::io::repeat(0);
        let bytes = read_capped(zeros, &name(), 1 << 30, "x", true, 0).unwrap();
        assert_eq!(bytes.len() as u64, READ_PIECE);
        let exact = read_capped(&[b'a'; 1000][..], &name(), 1000, "x", false, 1000).unwrap();
        assert_eq!(exact.len(), 1000);
        let over = read_capped(&[b'a'; 1001][..], &name(), 1000, "x", false, 0);
        assert!(matches!(over, Err(Error::TooLarge { limit: 1000, .. })));
    }

    #[test]
    fn regular_file_is_refused_before_it_is_read_when_too_large() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "text\n").unwrap();
        let small = ReadLimits {
            max_size: 4,
            regular_only: true,
        };
        assert!(matches!(
            read_text_with(&path, small),
            Err(Error::TooLarge { limit: 4, .. })
        ));
        assert_eq!(read_limited(&path, 5).unwrap(), b"text\n");
        assert!(is_regular_file(&path));
        assert!(!is_regular_file(dir.path()));
        assert!(!is_regular_file(&dir.path().join("missing")));
    }

    #[cfg(unix)]
    #[test]
    fn fifo_is_refused_without_blocking_when_regular_files_are_asked() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("member.ar.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(!is_regular_file(&fifo));
        let limits = ReadLimits {
            regular_only: true,
            ..ReadLimits::default()
        };
        // No writer: opening the FIFO would block forever.
        let err = read_text_with(&fifo, limits).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("member.ar.txt: a FIFO, expected a regular file"),
            "{err}"
        );
        let err = read_text_with(Path::new("/dev/null"), limits).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("a device, expected a regular file"),
            "{err}"
        );
    }

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("64M"), Ok(DEFAULT_MAX_INPUT_SIZE));
        assert_eq!(parse_size("512 KiB"), Ok(512 << 10));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert_eq!(parse_size("17"), Ok(17));
        for bad in [
            "",
            "M",
            "0",
            "0K",
            "1.5M",
            "-1",
            "12Q",
            "16777216T",
            "99999999999999999999",
        ] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
        assert_eq!(human_size(64 << 20), "64 MiB");
        assert_eq!(human_size(3 << 30), "3 GiB");
        assert_eq!(human_size(1536), "1536 bytes");
        assert_eq!(human_size(1000), "1000 bytes");
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
