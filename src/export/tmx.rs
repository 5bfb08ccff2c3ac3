//! TMX translation memories: write an alignment as TMX 1.4b, read TMX 1.1 to 1.4b.
//!
//! Translators load TMX into OmegaT, Trados or memoQ. [`TmxWriter`] writes one
//! `<tu>` per bead that has text on both sides, with `<prop>`s naming the
//! document (`x-document`), the paragraph (`x-paragraph`) and the aligner's
//! confidence (`x-confidence`). 1-0 and 0-1 beads are no translation units;
//! they are counted in the [`TmxSummary`] instead.
//!
//! XML 1.0 cannot carry every Unicode scalar value: C0 control characters other
//! than tab, line feed and carriage return, U+FFFE and U+FFFF are not allowed
//! even as character references. The writer removes them and counts them in the
//! summary so that the caller can warn; everything else is escaped, a carriage
//! return as `&#13;` so that parsers do not turn it into a line feed.
//!
//! [`read_tmx`] reads any TMX from 1.1 on: `xml:lang` or the old `lang`
//! attribute, in any case, and `<seg>`s with inline markup. The content of
//! `<bpt>`, `<ept>`, `<ph>`, `<it>` and `<ut>` is native code of the original
//! format and is dropped; the text of `<hi>` and `<sub>` is kept.
//!
//! The reader refuses XML that is not well-formed (one line naming the file
//! and the line), skips a `<tu>` without `<tuv>` and ignores a `creationdate`
//! that is no date, with a [`TmxWarning`] each.
//!
//! Writing and reading are one pass each, linear in the size of the file
//! (attributes included: their names are checked for repeats with a hash set).
//!
//! ```
//! use jisr::export::tmx::{read_tmx_str, TmxConfig, TmxDate, TmxWriter};
//! use jisr::{Aligner, Document};
//!
//! let src = Document::from_presplit("ar", "مرحبا بالعالم.\n");
//! let tgt = Document::from_presplit("en", "Hello, world.\n");
//! let alignment = Aligner::default().align(&src, &tgt);
//! let mut config = TmxConfig::new("ar");
//! config.date(TmxDate::from_unix_seconds(0));
//! let mut writer = TmxWriter::new(Vec::new(), config).unwrap();
//! let summary = writer.write_alignment("hello", &alignment, &src, &tgt).unwrap();
//! let bytes = writer.finish().unwrap();
//! assert_eq!(summary.units, 1);
//!
//! let tmx = read_tmx_str("hello.tmx".as_ref(), std::str::from_utf8(&bytes).unwrap()).unwrap();
//! assert_eq!(tmx.units[0].text("EN"), Some("Hello, world."));
//! assert_eq!(tmx.units[0].prop("x-document"), Some("hello"));
//! ```

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::align::Alignment;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::export::beads::joined;
use crate::input::text::squeeze_whitespace;
use crate::printable::printable;

/// A point in time as TMX writes it: `YYYYMMDDThhmmssZ`, always UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TmxDate {
    /// Seconds since 1970-01-01T00:00:00Z.
    seconds: u64,
}

impl TmxDate {
    /// The current time (the epoch if the clock is set before it).
    pub fn now() -> Self {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        TmxDate { seconds }
    }

    /// A fixed time, for reproducible files (`SOURCE_DATE_EPOCH`) and tests.
    pub fn from_unix_seconds(seconds: u64) -> Self {
        TmxDate { seconds }
    }
}

impl fmt::Display for TmxDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = (self.seconds / 86_400) as i64;
        let rest = self.seconds % 86_400;
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
            rest / 3600,
            rest / 60 % 60,
            rest % 60
        )
    }
}

/// Gregorian date of a day number counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, exact for every day a `u64` of seconds can name): a few
/// integer operations instead of a date crate.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of the 400-year era, [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365], from March 1st
    let mp = (5 * doy + 2) / 153; // month from March, [0, 11]
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Is `c` allowed in an XML 1.0 document (the `Char` production)?
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` without the characters XML 1.0 forbids, and how many were removed.
pub fn remove_forbidden_chars(s: &str) -> (Cow<'_, str>, usize) {
    let removed = s.chars().filter(|&c| !is_xml_char(c)).count();
    if removed == 0 {
        (Cow::Borrowed(s), 0)
    } else {
        (
            Cow::Owned(s.chars().filter(|&c| is_xml_char(c)).collect()),
            removed,
        )
    }
}

/// Escape text content: the markup characters, and a carriage return as a
/// character reference because a literal one would be read back as a line feed.
fn escape_text(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '\r']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escape an attribute value; whitespace other than space is a character
/// reference, since attribute-value normalisation would turn it into a space.
fn escape_attribute(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// One language side of a translation unit (a `<tuv>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The language code as written (`ar`, `en-US`).
    pub lang: String,
    /// The text of the `<seg>`, inline markup removed.
    pub text: String,
}

/// A translation unit (a `<tu>`): its props and one variant per language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TranslationUnit {
    /// The `tuid` attribute; the writer numbers units without one.
    pub tuid: Option<String>,
    /// The `creationdate` attribute; the writer uses its own date without one.
    pub creation_date: Option<String>,
    /// `<prop type="...">value</prop>` pairs, in order.
    pub props: Vec<(String, String)>,
    /// The variants, in order.
    pub variants: Vec<Variant>,
}

impl TranslationUnit {
    /// The value of the first prop of this type.
    pub fn prop(&self, kind: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, v)| v.as_str())
    }

    /// The text of the first variant in `lang` (compared without case, as
    /// language tags are).
    pub fn text(&self, lang: &str) -> Option<&str> {
        self.variants
            .iter()
            .find(|v| v.lang.eq_ignore_ascii_case(lang))
            .map(|v| v.text.as_str())
    }

    /// What makes two units the same for `tmx merge`: each variant's language
    /// (lower case) and whitespace-squeezed text, in language order.
    pub fn duplicate_key(&self) -> Vec<(String, String)> {
        let mut key: Vec<(String, String)> = self
            .variants
            .iter()
            .map(|v| (v.lang.to_ascii_lowercase(), squeeze_whitespace(&v.text)))
            .collect();
        key.sort();
        key
    }
}

/// What [`TmxWriter::write_alignment`] wrote and left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TmxSummary {
    /// Translation units written.
    pub units: usize,
    /// 1-0 beads (source sentences without translation): not units.
    pub source_only: usize,
    /// 0-1 beads (target sentences without source): not units.
    pub target_only: usize,
    /// Beads left out for a confidence below the minimum.
    pub below_min_confidence: usize,
    /// Characters XML 1.0 forbids, removed from the text.
    pub removed_chars: usize,
}

impl TmxSummary {
    /// Add another summary's counts to this one.
    pub fn add(&mut self, other: &TmxSummary) {
        self.units += other.units;
        self.source_only += other.source_only;
        self.target_only += other.target_only;
        self.below_min_confidence += other.below_min_confidence;
        self.removed_chars += other.removed_chars;
    }
}

/// How [`TmxWriter`] writes.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TmxConfig {
    /// The header's `srclang`; each `<tuv>` takes the language of its
    /// [`Document`].
    pub src_lang: String,
    /// Beads with a lower confidence are left out (0 keeps all).
    pub min_confidence: f64,
    /// `creationdate` of the header and of every unit.
    pub date: TmxDate,
}

impl TmxConfig {
    /// The source language, no confidence filter, the current time.
    pub fn new(src_lang: &str) -> Self {
        TmxConfig {
            src_lang: src_lang.to_string(),
            min_confidence: 0.0,
            date: TmxDate::now(),
        }
    }
}

// No `Default`: a memory has no sensible default source language, so
// `TmxConfig::new` takes it and the setters change the rest.
setters!(TmxConfig {
    /// Leaves out beads with a lower confidence (0 keeps all).
    min_confidence: f64,
    /// Sets the `creationdate` of the header and of every unit.
    date: TmxDate,
});

/// Writes a TMX 1.4b document: [`TmxWriter::new`] writes the header, then any
/// number of alignments or units, and [`TmxWriter::finish`] closes the body.
pub struct TmxWriter<W: Write> {
    /// The XML writer, indenting by two spaces.
    xml: quick_xml::Writer<W>,
    /// Languages, filter and date.
    config: TmxConfig,
    /// The date as written, computed once.
    date: String,
    /// Number of units written so far (the next `tuid` is this plus one).
    written: usize,
}

impl<W: Write> TmxWriter<W> {
    /// Start a document: XML declaration, `<tmx version="1.4">`, header, `<body>`.
    pub fn new(inner: W, config: TmxConfig) -> io::Result<Self> {
        let mut xml = quick_xml::Writer::new_with_indent(inner, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let date = config.date.to_string();
        let src_lang = escape_attribute(&remove_forbidden_chars(&config.src_lang).0);
        let version = env!("CARGO_PKG_VERSION");
        let mut tmx = BytesStart::new("tmx");
        tmx.push_attribute(("version", "1.4"));
        xml.write_event(Event::Start(tmx))?;
        let mut header = BytesStart::new("header");
        push_escaped(&mut header, "creationtool", "jisr");
        push_escaped(&mut header, "creationtoolversion", version);
        push_escaped(&mut header, "segtype", "sentence");
        push_escaped(&mut header, "o-tmf", "jisr");
        push_escaped(&mut header, "adminlang", "en");
        push_escaped(&mut header, "srclang", &src_lang);
        push_escaped(&mut header, "datatype", "plaintext");
        push_escaped(&mut header, "creationdate", &date);
        xml.write_event(Event::Empty(header))?;
        xml.write_event(Event::Start(BytesStart::new("body")))?;
        Ok(TmxWriter {
            xml,
            config,
            date,
            written: 0,
        })
    }

    /// Write the beads of one document that have text on both sides and
    /// enough confidence, named `document` in their `x-document` prop.
    pub fn write_alignment(
        &mut self,
        document: &str,
        alignment: &Alignment,
        src: &Document,
        tgt: &Document,
    ) -> io::Result<TmxSummary> {
        let mut summary = TmxSummary::default();
        for bead in &alignment.beads {
            if bead.tgt.is_empty() {
                summary.source_only += 1;
                continue;
            }
            if bead.src.is_empty() {
                summary.target_only += 1;
                continue;
            }
            if bead.confidence < self.config.min_confidence {
                summary.below_min_confidence += 1;
                continue;
            }
            let unit = TranslationUnit {
                tuid: None,
                creation_date: None,
                props: vec![
                    ("x-document".to_string(), document.to_string()),
                    (
                        "x-paragraph".to_string(),
                        format!("{},{}", bead.paragraph.0, bead.paragraph.1),
                    ),
                    (
                        "x-confidence".to_string(),
                        format!("{:.3}", bead.confidence),
                    ),
                ],
                variants: vec![
                    Variant {
                        lang: src.language.clone(),
                        text: joined(src, bead.src.clone()),
                    },
                    Variant {
                        lang: tgt.language.clone(),
                        text: joined(tgt, bead.tgt.clone()),
                    },
                ],
            };
            summary.removed_chars += self.write_unit(&unit)?;
            summary.units += 1;
        }
        Ok(summary)
    }

    /// Write one unit as it is (numbered when it has no `tuid`); returns the
    /// number of forbidden characters removed from it.
    pub fn write_unit(&mut self, unit: &TranslationUnit) -> io::Result<usize> {
        self.written += 1;
        let mut removed = 0;
        let mut clean = |s: &str| {
            let (c, n) = remove_forbidden_chars(s);
            removed += n;
            c.into_owned()
        };
        let tuid = match &unit.tuid {
            Some(t) => clean(t),
            None => self.written.to_string(),
        };
        let date = match &unit.creation_date {
            Some(d) => clean(d),
            None => self.date.clone(),
        };
        let mut tu = BytesStart::new("tu");
        push_escaped(&mut tu, "tuid", &escape_attribute(&tuid));
        push_escaped(&mut tu, "creationdate", &escape_attribute(&date));
        self.xml.write_event(Event::Start(tu))?;
        for (kind, value) in &unit.props {
            let mut prop = BytesStart::new("prop");
            push_escaped(&mut prop, "type", &escape_attribute(&clean(kind)));
            self.xml.write_event(Event::Start(prop))?;
            self.xml
                .write_event(Event::Text(BytesText::from_escaped(escape_text(&clean(
                    value,
                )))))?;
            self.xml.write_event(Event::End(BytesEnd::new("prop")))?;
        }
        for variant in &unit.variants {
            let mut tuv = BytesStart::new("tuv");
            push_escaped(
                &mut tuv,
                "xml:lang",
                &escape_attribute(&clean(&variant.lang)),
            );
            self.xml.write_event(Event::Start(tuv))?;
            self.xml.write_event(Event::Start(BytesStart::new("seg")))?;
            // Always a text event, even empty: it keeps the indenting writer
            // from putting whitespace inside the segment.
            self.xml
                .write_event(Event::Text(BytesText::from_escaped(escape_text(&clean(
                    &variant.text,
                )))))?;
            self.xml.write_event(Event::End(BytesEnd::new("seg")))?;
            self.xml.write_event(Event::End(BytesEnd::new("tuv")))?;
        }
        self.xml.write_event(Event::End(BytesEnd::new("tu")))?;
        Ok(removed)
    }

    /// Close `<body>` and `<tmx>` and return the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.xml.write_event(Event::End(BytesEnd::new("body")))?;
        self.xml.write_event(Event::End(BytesEnd::new("tmx")))?;
        let mut inner = self.xml.into_inner();
        inner.write_all(b"\n")?;
        Ok(inner)
    }
}

/// Add an attribute whose value is already escaped (quick-xml's own escaping
/// would leave tab and newline literal).
fn push_escaped(start: &mut BytesStart<'_>, name: &str, escaped: &str) {
    start.push_attribute(quick_xml::events::attributes::Attribute {
        key: quick_xml::name::QName(name.as_bytes()),
        value: Cow::Owned(escaped.as_bytes().to_vec()),
    });
}

/// A TMX document as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tmx {
    /// The `version` attribute of `<tmx>` (`1.4`, `1.1`, ...).
    pub version: String,
    /// The `srclang` of the header (may be `*all*`).
    pub src_lang: String,
    /// The translation units in order.
    pub units: Vec<TranslationUnit>,
    /// What the reader skipped or ignored, in file order.
    pub warnings: Vec<TmxWarning>,
}

/// Something of a TMX file the reader left out: a `<tu>` with no `<tuv>`
/// (nothing to translate, and TMX requires one), or a `creationdate` that is
/// no date (the unit is kept without it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TmxWarning {
    /// The file.
    pub path: PathBuf,
    /// 1-based line of the element.
    pub line: usize,
    /// What was left out and why.
    pub message: String,
}

impl fmt::Display for TmxWarning {
    /// `FILE:LINE: message`, with control characters from the file escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string();
        write!(
            f,
            "{}:{}: {}",
            printable(&path),
            self.line,
            printable(&self.message)
        )
    }
}

/// Read a TMX file (UTF-8, with or without a byte order mark).
pub fn read_tmx(path: &Path) -> Result<Tmx> {
    if path.is_dir() {
        return Err(Error::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_tmx_bytes(path, &bytes)
}

/// Read TMX from bytes (UTF-8, with or without a byte order mark); `path`
/// names them in errors.
pub fn read_tmx_bytes(path: &Path, bytes: &[u8]) -> Result<Tmx> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::invalid(
            path,
            "UTF-16 TMX is not supported; convert it to UTF-8",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    read_tmx_str(path, text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Elements whose content is native code of the original format, not text.
fn is_native_code(name: &[u8]) -> bool {
    matches!(name, b"bpt" | b"ept" | b"ph" | b"it" | b"ut")
}

/// Line numbers of byte offsets, by binary search over the line starts.
struct Lines {
    /// Byte offset of the start of every line after the first.
    starts: Vec<usize>,
}

impl Lines {
    fn of(text: &str) -> Lines {
        let starts = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(k, _)| k + 1)
            .collect();
        Lines { starts }
    }

    /// 1-based line of byte offset `pos`.
    fn line(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos) + 1
    }
}

/// The attributes of an element, checked as XML requires: each name once,
/// no `<` in a value, entities known and character references to allowed
/// characters. One pass with a hash set: quick-xml's own duplicate check
/// compares every name with every earlier one, which took 29 s on 100,000
/// attributes.
struct Attributes<'a> {
    /// Names and unescaped values, in order.
    list: Vec<(&'a [u8], Cow<'a, str>)>,
}

impl<'a> Attributes<'a> {
    /// Parse and check the attributes of `e`; an error is a message.
    fn of(e: &'a BytesStart<'_>) -> std::result::Result<Attributes<'a>, String> {
        let mut list = Vec::new();
        let mut names: HashSet<&[u8]> = HashSet::new();
        let mut iter = e.attributes();
        iter.with_checks(false);
        for a in iter {
            let a = a.map_err(|err| format!("not well-formed XML: bad attribute: {err}"))?;
            let name: &'a [u8] = a.key.into_inner();
            let shown = || printable(&String::from_utf8_lossy(name)).into_owned();
            if !names.insert(name) {
                return Err(format!(
                    "not well-formed XML: attribute {} given twice",
                    shown()
                ));
            }
            if a.value.contains(&b'<') {
                return Err(format!(
                    "not well-formed XML: `<` in the value of attribute {}",
                    shown()
                ));
            }
            let not_utf8 = |_| "not well-formed XML: attribute value is not UTF-8".to_string();
            let value = match a.value {
                Cow::Borrowed(v) => unescape_checked(std::str::from_utf8(v).map_err(not_utf8)?)?,
                Cow::Owned(v) => Cow::Owned(
                    unescape_checked(&String::from_utf8(v).map_err(|e| not_utf8(e.utf8_error()))?)?
                        .into_owned(),
                ),
            };
            list.push((name, value));
        }
        Ok(Attributes { list })
    }

    /// The value of attribute `name`.
    fn get(&self, name: &[u8]) -> Option<&str> {
        self.list
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_ref())
    }
}

/// Is `b` XML white space (space, tab, line feed, carriage return)?
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Parse TMX text; `path` names it in errors, which carry the line number.
///
/// The text must be well-formed XML: besides what quick-xml checks (tags
/// closed in order, comments without `--`), every character must be one XML
/// 1.0 allows, attribute names unique and values free of `<`, entities
/// known, and there must be one root element with only comments, processing
/// instructions and white space around it. Units without a `<tuv>` are
/// skipped and a `creationdate` that is no date is ignored, each with a
/// [`TmxWarning`]; a `<tuv>` without a language code is an error, since its
/// text could be neither used nor kept.
pub fn read_tmx_str(path: &Path, text: &str) -> Result<Tmx> {
    let lines = Lines::of(text);
    let fail_at = |pos: usize, message: String| Error::parse(path, lines.line(pos), message);
    // Raw characters first, so that the events below see XML characters only.
    if let Some((pos, c)) = text.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        return Err(fail_at(
            pos,
            format!(
                "not well-formed XML: character U+{:04X} is not allowed",
                c as u32
            ),
        ));
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_comments = true;
    let mut tmx = Tmx::default();
    // Element names from the root down to the current element.
    let mut open: Vec<Vec<u8>> = Vec::new();
    // The unit being read, and the line it starts on.
    let mut unit: Option<(TranslationUnit, usize)> = None;
    let mut prop: Option<(String, String)> = None;
    let mut variant: Option<Variant> = None;
    // Inside a <seg>: for each open inline element, is its text kept?
    let mut seg_keep: Option<Vec<bool>> = None;
    let mut seen_root = false;
    loop {
        let pos = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                return Err(fail_at(
                    reader.error_position() as usize,
                    format!("not well-formed XML: {}", printable(&e.to_string())),
                ));
            }
        };
        let fail = |message: String| fail_at(pos, message);
        let outside_root = open.is_empty();
        match event {
            Event::Decl(_) if pos != 0 => {
                return Err(fail(
                    "not well-formed XML: the XML declaration must come first".to_string(),
                ))
            }
            Event::DocType(_) if seen_root => {
                return Err(fail(
                    "not well-formed XML: a DOCTYPE after the root element".to_string(),
                ))
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = e.name().as_ref().to_vec();
                let shown = || printable(&String::from_utf8_lossy(&name)).into_owned();
                if seen_root && outside_root {
                    return Err(fail(format!(
                        "not well-formed XML: a second root element <{}> after the first one ended",
                        shown()
                    )));
                }
                let attrs = Attributes::of(e).map_err(fail)?;
                if !seen_root {
                    if name != b"tmx" {
                        return Err(fail(format!(
                            "not a TMX file: the root element is <{}>, not <tmx>",
                            shown()
                        )));
                    }
                    seen_root = true;
                    tmx.version = attrs.get(b"version").unwrap_or_default().to_string();
                } else if let Some(keep) = seg_keep.as_mut() {
                    if !is_empty {
                        let parent = *keep.last().unwrap_or(&true);
                        keep.push(match name.as_slice() {
                            n if is_native_code(n) => false,
                            b"sub" => true,
                            _ => parent,
                        });
                    }
                } else {
                    match name.as_slice() {
                        b"header" => {
                            tmx.src_lang = attrs.get(b"srclang").unwrap_or_default().to_string()
                        }
                        b"tu" => {
                            if unit.is_some() {
                                // Two units would become one, or one be lost.
                                return Err(fail("<tu> inside <tu>".to_string()));
                            }
                            let line = lines.line(pos);
                            let creation_date = attrs.get(b"creationdate").and_then(|d| {
                                let date = parse_tmx_date(d);
                                if date.is_none() {
                                    tmx.warnings.push(TmxWarning {
                                        path: path.to_path_buf(),
                                        line,
                                        message: format!(
                                            "creationdate {d:?} is not a TMX date (YYYYMMDDThhmmssZ): ignored"
                                        ),
                                    });
                                }
                                date
                            });
                            let new = TranslationUnit {
                                tuid: attrs.get(b"tuid").map(str::to_string),
                                creation_date,
                                ..TranslationUnit::default()
                            };
                            unit = Some((new, line));
                            if is_empty {
                                end_unit(path, &mut unit, &mut tmx);
                            }
                        }
                        b"prop" if open.last().is_some_and(|p| p == b"tu") => {
                            let kind = attrs.get(b"type").unwrap_or_default().to_string();
                            if is_empty {
                                if let Some((u, _)) = unit.as_mut() {
                                    u.props.push((kind, String::new()));
                                }
                            } else {
                                prop = Some((kind, String::new()));
                            }
                        }
                        b"tuv" => {
                            let Some((u, _)) = unit.as_mut() else {
                                return Err(fail("<tuv> outside <tu>".to_string()));
                            };
                            if variant.is_some() {
                                return Err(fail("<tuv> inside <tuv>".to_string()));
                            }
                            let lang = attrs
                                .get(b"xml:lang")
                                .or_else(|| attrs.get(b"lang"))
                                .ok_or_else(|| {
                                    fail("<tuv> without xml:lang (or lang)".to_string())
                                })?;
                            if lang.trim().is_empty() {
                                return Err(fail("<tuv> with an empty language code".to_string()));
                            }
                            let v = Variant {
                                lang: lang.to_string(),
                                text: String::new(),
                            };
                            if is_empty {
                                u.variants.push(v);
                            } else {
                                variant = Some(v);
                            }
                        }
                        b"seg" if variant.is_some() && !is_empty => seg_keep = Some(Vec::new()),
                        _ => {}
                    }
                }
                if !is_empty {
                    open.push(name);
                }
            }
            Event::End(ref e) => {
                let name = e.name().as_ref().to_vec();
                open.pop();
                if let Some(keep) = seg_keep.as_mut() {
                    if name == b"seg" && keep.is_empty() {
                        seg_keep = None;
                    } else {
                        keep.pop();
                    }
                    continue;
                }
                match name.as_slice() {
                    b"prop" => {
                        if let (Some(p), Some((u, _))) = (prop.take(), unit.as_mut()) {
                            u.props.push(p);
                        }
                    }
                    b"tuv" => {
                        if let (Some(v), Some((u, _))) = (variant.take(), unit.as_mut()) {
                            u.variants.push(v);
                        }
                    }
                    b"tu" => end_unit(path, &mut unit, &mut tmx),
                    _ => {}
                }
            }
            Event::Text(ref e) if outside_root => {
                if let Some(k) = e.iter().position(|&b| !is_xml_space(b)) {
                    let place = if seen_root { "after" } else { "before" };
                    return Err(fail_at(
                        pos + k,
                        format!("not well-formed XML: text {place} the root element"),
                    ));
                }
            }
            Event::CData(_) if outside_root => {
                return Err(fail(
                    "not well-formed XML: CDATA outside the root element".to_string(),
                ))
            }
            Event::Text(ref e) => {
                // Unescaped even when not kept: a bad entity is an error anywhere.
                let raw = std::str::from_utf8(e.as_ref())
                    .map_err(|_| fail("not well-formed XML: text is not UTF-8".to_string()))?;
                let t = unescape_checked(raw).map_err(fail)?;
                let keep_text = seg_keep.as_ref().map(|k| *k.last().unwrap_or(&true));
                append_text(keep_text, &mut variant, &mut prop, &t);
            }
            Event::CData(ref e) => {
                let keep_text = seg_keep.as_ref().map(|k| *k.last().unwrap_or(&true));
                if keep_text == Some(true) || prop.is_some() {
                    let t = String::from_utf8_lossy(e.as_ref()).into_owned();
                    append_text(keep_text, &mut variant, &mut prop, &t);
                }
            }
            Event::Eof => {
                if let Some(name) = open.last() {
                    let shown = printable(&String::from_utf8_lossy(name)).into_owned();
                    return Err(fail(format!("unexpected end of file inside <{shown}>")));
                }
                if !seen_root {
                    return Err(fail("no <tmx> element: not a TMX file".to_string()));
                }
                return Ok(tmx);
            }
            _ => {}
        }
    }
}

/// Close the unit being read: kept when it has a variant, else skipped with
/// a warning (TMX requires a `<tuv>`, and a unit without one translates
/// nothing).
fn end_unit(path: &Path, unit: &mut Option<(TranslationUnit, usize)>, tmx: &mut Tmx) {
    if let Some((u, line)) = unit.take() {
        if u.variants.is_empty() {
            tmx.warnings.push(TmxWarning {
                path: path.to_path_buf(),
                line,
                message: "<tu> without <tuv>: skipped".to_string(),
            });
        } else {
            tmx.units.push(u);
        }
    }
}

/// Text or an attribute value with its references replaced, checked as XML
/// requires: known entities only, and character references to characters
/// XML 1.0 allows (quick-xml refuses `&#0;` but lets `&#1;` through).
fn unescape_checked(raw: &str) -> std::result::Result<Cow<'_, str>, String> {
    use quick_xml::escape::EscapeError;
    let text = quick_xml::escape::unescape(raw).map_err(|err| match err {
        EscapeError::UnrecognizedEntity(_, name) => {
            format!("not well-formed XML: unknown entity &{};", printable(&name))
        }
        EscapeError::UnterminatedEntity(_) => {
            "not well-formed XML: `&` that starts no entity (write `&amp;`)".to_string()
        }
        other => format!("not well-formed XML: {}", printable(&other.to_string())),
    })?;
    if let Cow::Owned(t) = &text {
        if let Some(c) = t.chars().find(|&c| !is_xml_char(c)) {
            return Err(format!(
                "not well-formed XML: character reference to U+{:04X}, which XML 1.0 does not allow",
                c as u32
            ));
        }
    }
    Ok(text)
}

/// A TMX date from what a file wrote in `creationdate`: `YYYYMMDDThhmmssZ`,
/// or ISO 8601's extended form `YYYY-MM-DDThh:mm:ssZ` that some tools write,
/// returned in the TMX form; `None` when it is neither or no real date.
pub fn parse_tmx_date(s: &str) -> Option<String> {
    let compact: String = if s.len() == 20 {
        let b = s.as_bytes();
        if b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        [&s[..4], &s[5..7], &s[8..13], &s[14..16], &s[17..]].concat()
    } else {
        s.to_string()
    };
    let b = compact.as_bytes();
    let digits_at = |k: usize| k != 8 && k < 15;
    if b.len() != 16
        || b[8] != b'T'
        || b[15] != b'Z'
        || (0..16).any(|k| digits_at(k) && !b[k].is_ascii_digit())
    {
        return None;
    }
    // All ASCII from here, so any byte range is a string slice.
    let number = |r: std::ops::Range<usize>| -> u32 {
        b[r].iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
    };
    let (year, month, day) = (number(0..4), number(4..6), number(6..8));
    let (hour, minute, second) = (number(9..11), number(11..13), number(13..15));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (day >= 1 && day <= days && hour < 24 && minute < 60 && second < 60).then_some(compact)
}

/// Send text to the segment being read (when `keep_text` says so) or to the prop.
fn append_text(
    keep_text: Option<bool>,
    variant: &mut Option<Variant>,
    prop: &mut Option<(String, String)>,
    t: &str,
) {
    match keep_text {
        Some(true) => {
            if let Some(v) = variant.as_mut() {
                v.text.push_str(t);
            }
        }
        Some(false) => {}
        None => {
            if let Some(p) = prop.as_mut() {
                p.1.push_str(t);
            }
        }
    }
}

/// Units of several memories without duplicates (see
/// [`TranslationUnit::duplicate_key`]); the first of each is kept. Returns the
/// units and how many were dropped.
pub fn merge(memories: impl IntoIterator<Item = Tmx>) -> (Vec<TranslationUnit>, usize) {
    let mut seen = HashSet::new();
    let mut units = Vec::new();
    let mut dropped = 0;
    for tmx in memories {
        for unit in tmx.units {
            if seen.insert(unit.duplicate_key()) {
                units.push(unit);
            } else {
                dropped += 1;
            }
        }
    }
    (units, dropped)
}

/// Counts over a memory, for `jisr tmx stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TmxStats {
    /// Translation units.
    pub units: usize,
    /// Variants per language (first spelling seen, compared without case).
    pub languages: BTreeMap<String, usize>,
    /// Units per `x-document` prop (units without one are not counted).
    pub documents: BTreeMap<String, usize>,
    /// Units that repeat an earlier unit (same texts after whitespace squeeze).
    pub duplicates: usize,
}

impl TmxStats {
    /// Count the units of `tmx`.
    pub fn of(tmx: &Tmx) -> Self {
        let mut stats = TmxStats {
            units: tmx.units.len(),
            ..TmxStats::default()
        };
        let mut spelling: BTreeMap<String, String> = BTreeMap::new();
        let mut seen = HashSet::new();
        for unit in &tmx.units {
            for v in &unit.variants {
                let shown = spelling
                    .entry(v.lang.to_ascii_lowercase())
                    .or_insert_with(|| v.lang.clone());
                *stats.languages.entry(shown.clone()).or_default() += 1;
            }
            if let Some(d) = unit.prop("x-document") {
                *stats.documents.entry(d.to_string()).or_default() += 1;
            }
            if !seen.insert(unit.duplicate_key()) {
                stats.duplicates += 1;
            }
        }
        stats
    }
}

/// Write the `jisr tmx stats` report of `tmx`, read from `path`: one
/// `key: value` a line. Everything taken from the file (its name, languages,
/// document names) goes through [`printable`], so that a control sequence
/// in a prop is shown, not obeyed by the terminal.
pub fn write_stats(w: &mut dyn Write, path: &Path, tmx: &Tmx, stats: &TmxStats) -> io::Result<()> {
    let shown = |s: &str| printable(s).into_owned();
    writeln!(w, "file: {}", shown(&path.display().to_string()))?;
    writeln!(w, "version: {}", shown(&tmx.version))?;
    writeln!(w, "source language: {}", shown(&tmx.src_lang))?;
    writeln!(w, "units: {}", stats.units)?;
    let languages: Vec<String> = stats
        .languages
        .iter()
        .map(|(l, n)| format!("{} ({n})", shown(l)))
        .collect();
    writeln!(w, "languages: {}", languages.join(", "))?;
    writeln!(w, "documents: {}", stats.documents.len())?;
    for (name, n) in &stats.documents {
        writeln!(w, "  {}: {n} units", shown(name))?;
    }
    writeln!(w, "duplicates: {}", stats.duplicates)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Bead, Signals};
    use proptest::prelude::*;

    fn docs() -> (Document, Document) {
        let src = Document::from_presplit("ar", "قال الوزير إن الميناء سيفتح.\nوأضاف أن العمال عادوا.\n\nخبر & <عاجل>.\nجملة بلا ترجمة.\n");
        let tgt = Document::from_presplit(
            "en",
            "The minister said the port would open.\nHe added that workers returned.\n\nBreaking & <urgent> \"news\".\nAn added line.\n",
        );
        (src, tgt)
    }

    fn bead(
        src: std::ops::Range<usize>,
        tgt: std::ops::Range<usize>,
        confidence: f64,
        paragraph: usize,
    ) -> Bead {
        Bead {
            src,
            tgt,
            confidence,
            paragraph: (paragraph, paragraph),
            signals: Signals::default(),
        }
    }

    fn alignment() -> Alignment {
        Alignment {
            beads: vec![
                bead(0..1, 0..1, 0.98, 0),
                bead(1..2, 1..2, 0.91, 0),
                bead(2..3, 2..3, 0.40, 1),
                bead(3..4, 3..3, 0.30, 1),
                bead(4..4, 3..4, 0.20, 1),
            ],
        }
    }

    fn write(config: TmxConfig, units: &[TranslationUnit]) -> String {
        let mut w = TmxWriter::new(Vec::new(), config).unwrap();
        for u in units {
            w.write_unit(u).unwrap();
        }
        String::from_utf8(w.finish().unwrap()).unwrap()
    }

    fn fixed(src: &str) -> TmxConfig {
        TmxConfig {
            date: TmxDate::from_unix_seconds(1_700_000_000),
            ..TmxConfig::new(src)
        }
    }

    #[test]
    fn dates_are_utc_tmx_dates() {
        assert_eq!(
            TmxDate::from_unix_seconds(0).to_string(),
            "19700101T000000Z"
        );
        assert_eq!(
            TmxDate::from_unix_seconds(1_700_000_000).to_string(),
            "20231114T221320Z"
        );
        // A leap day, and the last second of a century year that is a leap year.
        assert_eq!(
            TmxDate::from_unix_seconds(1_709_210_096).to_string(),
            "20240229T123456Z"
        );
        assert_eq!(
            TmxDate::from_unix_seconds(978_307_199).to_string(),
            "20001231T235959Z"
        );
    }

    #[test]
    fn creation_dates_are_checked_and_iso_dates_rewritten() {
        for (given, read) in [
            ("20231114T221320Z", Some("20231114T221320Z")),
            ("2023-11-14T22:13:20Z", Some("20231114T221320Z")),
            ("20240229T000000Z", Some("20240229T000000Z")),
            ("20230229T000000Z", None),
            ("19000229T000000Z", None),
            ("20231114T241320Z", None),
            ("20231114T221360Z", None),
            ("20231314T221320Z", None),
            ("20231100T221320Z", None),
            ("2023-11-14 22:13:20", None),
            ("+2023114T221320Z", None),
            ("20231114T221320", None),
            ("2023-11-14T22:13:20+02", None),
            ("", None),
            ("٢٠٢٣١١١٤T221320Z", None),
        ] {
            assert_eq!(parse_tmx_date(given).as_deref(), read, "{given}");
        }
        // What the writer writes, the reader takes.
        for seconds in [0, 951_782_400, 1_700_000_000, 4_102_444_799] {
            let date = TmxDate::from_unix_seconds(seconds).to_string();
            assert_eq!(parse_tmx_date(&date), Some(date));
        }
        assert_eq!(parse_tmx_date("\u{e9}231114T221320Z"), None);
        assert_eq!(parse_tmx_date("2023-1\u{e9}14T22:13:20Z"), None);
    }

    proptest! {
        #[test]
        fn any_creation_date_is_read_or_refused(s in "[0-9TZ:\\-\u{e9}\u{661}]{14,22}") {
            if let Some(d) = parse_tmx_date(&s) {
                prop_assert_eq!(parse_tmx_date(&d), Some(d.clone()));
            }
        }
    }

    #[test]
    fn snapshot_of_a_small_memory() {
        let (src, tgt) = docs();
        let tgt = Document {
            language: "en-US".to_string(),
            ..tgt
        };
        let mut w = TmxWriter::new(Vec::new(), fixed("ar")).unwrap();
        let summary = w
            .write_alignment("gulf-port", &alignment(), &src, &tgt)
            .unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            summary,
            TmxSummary {
                units: 3,
                source_only: 1,
                target_only: 1,
                below_min_confidence: 0,
                removed_chars: 0
            }
        );
        insta::assert_snapshot!(text.replace(env!("CARGO_PKG_VERSION"), "VERSION"));
    }

    #[test]
    fn alignment_round_trips() {
        let (src, tgt) = docs();
        let mut w = TmxWriter::new(Vec::new(), fixed("ar")).unwrap();
        w.write_alignment("doc", &alignment(), &src, &tgt).unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        let tmx = read_tmx_str(Path::new("t.tmx"), &text).unwrap();
        assert_eq!(tmx.version, "1.4");
        assert_eq!(tmx.src_lang, "ar");
        assert_eq!(tmx.units.len(), 3);
        assert_eq!(tmx.units[2].text("ar"), Some("خبر & <عاجل>."));
        assert_eq!(
            tmx.units[2].text("en"),
            Some("Breaking & <urgent> \"news\".")
        );
        assert_eq!(tmx.units[2].prop("x-paragraph"), Some("1,1"));
        assert_eq!(tmx.units[2].prop("x-confidence"), Some("0.400"));
        assert_eq!(tmx.units[2].tuid.as_deref(), Some("3"));
        assert_eq!(
            tmx.units[0].creation_date.as_deref(),
            Some("20231114T221320Z")
        );
        // Writing what was read gives the same bytes.
        assert_eq!(write(fixed("ar"), &tmx.units), text);
    }

    #[test]
    fn min_confidence_leaves_out_weak_units() {
        let (src, tgt) = docs();
        let config = TmxConfig {
            min_confidence: 0.5,
            ..fixed("ar")
        };
        let mut w = TmxWriter::new(Vec::new(), config).unwrap();
        let summary = w.write_alignment("doc", &alignment(), &src, &tgt).unwrap();
        assert_eq!((summary.units, summary.below_min_confidence), (2, 1));
    }

    #[test]
    fn forbidden_characters_are_removed_and_counted() {
        let unit = TranslationUnit {
            variants: vec![
                Variant {
                    lang: "ar".into(),
                    text: "a\u{1}b\u{FFFF}c\u{FFFE}\td".into(),
                },
                Variant {
                    lang: "en".into(),
                    text: "x\u{0}y\u{1B}".into(),
                },
            ],
            ..TranslationUnit::default()
        };
        let mut w = TmxWriter::new(Vec::new(), fixed("ar")).unwrap();
        assert_eq!(w.write_unit(&unit).unwrap(), 5);
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        let tmx = read_tmx_str(Path::new("t.tmx"), &text).unwrap();
        assert_eq!(tmx.units[0].text("ar"), Some("abc\td"));
        assert_eq!(tmx.units[0].text("en"), Some("xy"));
    }

    #[test]
    fn old_and_inline_tmx_is_read() {
        let old = r#"<?xml version="1.0"?>
<tmx version="1.1"><header srclang="EN-US" creationtool="x" segtype="sentence" datatype="rtf"/>
<body>
<tu tuid="7"><prop type="x-document">d &amp; e</prop><note>ignored</note>
 <tuv lang="EN-US"><seg>Press <bpt i="1">{\b </bpt>Save<ept i="1">}</ept> now<ph>\tab</ph>!</seg></tuv>
 <tuv xml:lang="AR"><seg><hi type="b">احفظ</hi> <it pos="begin">&lt;x&gt;</it>الآن<![CDATA[ <ok> ]]></seg></tuv>
</tu>
<tu><tuv xml:lang="en"><seg>Note<ph>[1<sub>footnote</sub>]</ph></seg></tuv></tu>
</body></tmx>"#;
        let tmx = read_tmx_str(Path::new("old.tmx"), old).unwrap();
        assert_eq!(tmx.version, "1.1");
        assert_eq!(tmx.src_lang, "EN-US");
        assert_eq!(tmx.units.len(), 2);
        let u = &tmx.units[0];
        assert_eq!(u.tuid.as_deref(), Some("7"));
        assert_eq!(u.prop("x-document"), Some("d & e"));
        assert_eq!(u.text("en-us"), Some("Press Save now!"));
        assert_eq!(u.text("ar"), Some("احفظ الآن <ok> "));
        assert_eq!(tmx.units[1].text("EN"), Some("Notefootnote"));
    }

    #[test]
    fn malformed_tmx_names_the_line() {
        let bad = "<tmx version=\"1.4\">\n<header srclang=\"ar\"/>\n<body>\n<tu><tuv xml:lang=\"ar\"><seg>x</tuv></tu>\n</body></tmx>\n";
        let err = read_tmx_str(Path::new("bad.tmx"), bad)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("bad.tmx:4: not well-formed XML"), "{err}");
        let err = read_tmx_str(Path::new("a.tmx"), "<html>\n</html>")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "a.tmx:1: not a TMX file: the root element is <html>, not <tmx>"
        );
        let err = read_tmx_str(Path::new("a.tmx"), "<tmx>\n<body>\n<tu>\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unexpected end of file inside <tu>"), "{err}");
        let err = read_tmx_str(
            Path::new("a.tmx"),
            "<tmx><body>\n<tu><tuv><seg/></tuv></tu></body></tmx>",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(err, "a.tmx:2: <tuv> without xml:lang (or lang)");
        for (nested, message) in [
            ("<tu><tu/></tu>", "a.tmx:2: <tu> inside <tu>"),
            (
                "<tu><tuv lang=\"en\"><tuv lang=\"ar\"/></tuv></tu>",
                "a.tmx:2: <tuv> inside <tuv>",
            ),
        ] {
            let text = format!("<tmx><body>\n{nested}</body></tmx>");
            let err = read_tmx_str(Path::new("a.tmx"), &text).unwrap_err();
            assert_eq!(err.to_string(), message);
        }
        let err = read_tmx_str(Path::new("a.tmx"), "")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a TMX file"), "{err}");
    }

    #[test]
    fn merge_and_stats_see_duplicates_through_whitespace() {
        let unit = |ar: &str, en: &str, doc: &str| TranslationUnit {
            props: vec![("x-document".into(), doc.into())],
            variants: vec![
                Variant {
                    lang: "ar".into(),
                    text: ar.into(),
                },
                Variant {
                    lang: "en".into(),
                    text: en.into(),
                },
            ],
            ..TranslationUnit::default()
        };
        let a = Tmx {
            units: vec![unit("س  ص", "a b", "one"), unit("ع", "c", "one")],
            ..Tmx::default()
        };
        let b = Tmx {
            units: vec![unit("س ص", " a\tb ", "two"), unit("ع", "d", "two")],
            ..Tmx::default()
        };
        let all = Tmx {
            units: a.units.iter().chain(&b.units).cloned().collect(),
            ..Tmx::default()
        };
        let stats = TmxStats::of(&all);
        assert_eq!((stats.units, stats.duplicates), (4, 1));
        assert_eq!(stats.documents.get("two"), Some(&2));
        assert_eq!(stats.languages.get("ar"), Some(&4));
        let (units, dropped) = merge([a, b]);
        assert_eq!((units.len(), dropped), (3, 1));
    }

    proptest! {
        #[test]
        fn any_text_round_trips_minus_forbidden_chars(
            ar in "(\\PC|[&<>\"'\\r\\n\\t\\x00-\\x1f\\u{fffe}\\u{ffff}]){0,40}",
            en in any::<String>(),
            doc in "[a-z&<>\"' ]{1,10}",
        ) {
            let unit = TranslationUnit {
                props: vec![("x-document".to_string(), doc.clone())],
                variants: vec![Variant { lang: "ar".into(), text: ar.clone() }, Variant { lang: "en".into(), text: en.clone() }],
                ..TranslationUnit::default()
            };
            let text = write(fixed("ar"), &[unit]);
            let tmx = read_tmx_str(Path::new("p.tmx"), &text).unwrap();
            prop_assert_eq!(tmx.units.len(), 1);
            let unit = &tmx.units[0];
            let (ar_clean, en_clean) = (remove_forbidden_chars(&ar).0, remove_forbidden_chars(&en).0);
            prop_assert_eq!(unit.text("ar"), Some(ar_clean.as_ref()));
            prop_assert_eq!(unit.text("en"), Some(en_clean.as_ref()));
            prop_assert_eq!(unit.prop("x-document"), Some(doc.as_str()));
            prop_assert!(text.chars().all(is_xml_char));
        }
    }
}
