//! Review files: a [`Review`] saved as JSONL or TMX and read back.
//!
//! **JSONL** is the working format and loses nothing. One bead a line, as
//! `jisr align --format jsonl` writes it (`src`, `tgt`, `src_ids`,
//! `tgt_ids`, `score`, `paragraph`) plus `"reviewed": true|false` and
//! `"lang": [SRC, TGT]`; a bead whose side spans several paragraphs also
//! carries `src_paragraphs` / `tgt_paragraphs`, the paragraph of each of its
//! sentences (the `paragraph` field names only the first). Plain `jisr align
//! --format jsonl` output reads too: no bead is reviewed, the languages are
//! guessed from the text, and every sentence of a bead takes the bead's
//! paragraph. The score is written rounded to 3 decimals, so that is the
//! confidence read back.
//!
//! **TMX** is the translation memory a CAT tool reads: one `<tu>` a bead with
//! text on both sides, as `jisr align --format tmx` writes it, plus a
//! `x-reviewed` prop (and `x-src-lengths` / `x-tgt-lengths`, the length in
//! characters of each sentence of a side with several, so that reading splits
//! the segment back). A bead with an empty side (a sentence left untranslated
//! or added) is **left out**: a unit must translate something, and one with an
//! empty segment would be offered to translators as an empty translation.
//! Reopening a TMX therefore gives its units, in order, as beads of texts made
//! of them alone; nothing is lost for re-alignment, since a sentence between
//! two reviewed units can only be a 1-0 or 0-1 bead again. Save as JSONL to
//! keep the unpaired sentences in the review.
//!
//! Both readers check everything (ids, texts, scores, paragraphs) and fail
//! with one line naming the file and, for JSONL, the line:
//! `review.jsonl:7: src_ids skip sentence 12`. Saving writes a temporary file
//! beside the target and renames it over the target, so a review file is
//! never left half written.

use std::io::{self, BufRead, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Review, ReviewBead};
use crate::align::Bead;
use crate::document::{Document, Sentence};
use crate::error::{Error, Result};
use crate::export::beads::JsonBead;
use crate::export::tmx::{
    read_tmx_bytes, remove_forbidden_chars, TmxConfig, TmxDate, TmxWriter, TranslationUnit, Variant,
};
use crate::input::text::{display_path, read_limited, DEFAULT_MAX_INPUT_SIZE};
use crate::language::{language_code, resolve_language};

/// The two file formats of a review, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFormat {
    /// `.jsonl`: one bead a line.
    Jsonl,
    /// `.tmx`: a translation memory.
    Tmx,
}

impl ReviewFormat {
    /// The format a file name asks for (`.jsonl` or `.tmx`, in any case),
    /// or a one-line error naming the file.
    pub fn of(path: &Path) -> Result<ReviewFormat> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("jsonl") => Ok(ReviewFormat::Jsonl),
            Some("tmx") => Ok(ReviewFormat::Tmx),
            _ => Err(Error::invalid(
                display_path(path),
                "not a review file: expected a name ending in .jsonl or .tmx",
            )),
        }
    }
}

/// One bead line as written: the fields of `jisr align --format jsonl`,
/// then what a review adds.
#[derive(Serialize)]
pub(crate) struct ReviewLine<'a> {
    /// The bead as `jisr align --format jsonl` writes it.
    #[serde(flatten)]
    pub bead: JsonBead<'a>,
    /// Confirmed by a person.
    pub reviewed: bool,
    /// Languages `[source, target]` (not in `jisr align` output).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<[&'a str; 2]>,
    /// The paragraph of each source sentence, when they are not all one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src_paragraphs: Option<Vec<usize>>,
    /// The paragraph of each target sentence, when they are not all one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tgt_paragraphs: Option<Vec<usize>>,
}

/// One bead line as read. Unknown fields (`signals` of `--explain`) are
/// ignored.
#[derive(Deserialize)]
struct LineIn {
    src: Vec<String>,
    tgt: Vec<String>,
    src_ids: Vec<usize>,
    tgt_ids: Vec<usize>,
    score: f64,
    paragraph: [usize; 2],
    #[serde(default)]
    reviewed: bool,
    #[serde(default)]
    lang: Option<[String; 2]>,
    #[serde(default)]
    src_paragraphs: Option<Vec<usize>>,
    #[serde(default)]
    tgt_paragraphs: Option<Vec<usize>>,
    /// Batch output names the document of each bead: one file, one pair.
    #[serde(default)]
    document: Option<serde_json::Value>,
}

/// The paragraphs of a bead side's sentences when they are not all one.
fn side_paragraphs(doc: &Document, range: &Range<usize>) -> Option<Vec<usize>> {
    let paras: Vec<usize> = doc.sentences[range.clone()]
        .iter()
        .map(|s| s.paragraph)
        .collect();
    paras.windows(2).any(|w| w[0] != w[1]).then_some(paras)
}

/// The engine's bead for a review bead, for the writers shared with `jisr align`.
fn as_bead(review: &Review, k: usize) -> Bead {
    let b = &review.beads[k];
    Bead {
        src: b.src.clone(),
        tgt: b.tgt.clone(),
        confidence: b.confidence,
        paragraph: review.paragraph(k),
        signals: Default::default(),
    }
}

impl Review {
    /// Read a review file, `.jsonl` or `.tmx` by its name (`-` is not
    /// accepted: the format could not be told; use [`Review::read_jsonl`]).
    pub fn load(path: &Path) -> Result<Review> {
        let format = ReviewFormat::of(path)?;
        let name = display_path(path);
        let bytes = read_limited(path, DEFAULT_MAX_INPUT_SIZE)?;
        match format {
            ReviewFormat::Jsonl => Review::read_jsonl(&bytes[..], &name),
            ReviewFormat::Tmx => Review::read_tmx(&bytes[..], &name),
        }
    }

    /// Write the review to `path`, `.jsonl` or `.tmx` by its name, through a
    /// temporary file in the same folder renamed over `path` once complete.
    /// A TMX leaves out the beads with an empty side (see the module
    /// documentation; [`Review::unpaired`] counts them).
    pub fn save(&self, path: &Path) -> Result<()> {
        let format = ReviewFormat::of(path)?;
        // A link is followed, so that the file it names is replaced, not the link.
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let fail = |e: io::Error| Error::io(path, e);
        let mut tmp = tempfile::Builder::new()
            .prefix(".jisr-review-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(fail)?;
        if let Ok(meta) = std::fs::metadata(&target) {
            // Saving again keeps who may read the file.
            tmp.as_file()
                .set_permissions(meta.permissions())
                .map_err(fail)?;
        }
        {
            let mut w = io::BufWriter::new(tmp.as_file_mut());
            match format {
                ReviewFormat::Jsonl => self.write_jsonl(&mut w),
                ReviewFormat::Tmx => self
                    .write_tmx(&mut w, &document_name(path), tmx_date())
                    .map(drop),
            }
            .map_err(fail)?;
            w.flush().map_err(fail)?;
        }
        tmp.as_file().sync_all().map_err(fail)?;
        tmp.persist(&target).map_err(|e| fail(e.error))?;
        Ok(())
    }

    /// Beads with an empty side: what a TMX leaves out.
    pub fn unpaired(&self) -> usize {
        self.beads
            .iter()
            .filter(|b| b.src.is_empty() || b.tgt.is_empty())
            .count()
    }

    /// Write one bead a line (see the module documentation).
    pub fn write_jsonl(&self, w: &mut dyn Write) -> io::Result<()> {
        for (k, b) in self.beads.iter().enumerate() {
            let bead = as_bead(self, k);
            let line = ReviewLine {
                bead: JsonBead::new(&bead, &self.src, &self.tgt, None, false),
                reviewed: b.reviewed,
                lang: Some([&self.src.language, &self.tgt.language]),
                src_paragraphs: side_paragraphs(&self.src, &b.src),
                tgt_paragraphs: side_paragraphs(&self.tgt, &b.tgt),
            };
            serde_json::to_writer(&mut *w, &line)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Read one bead a line from `reader`; `name` names it in errors
    /// (`name:LINE: problem`).
    pub fn read_jsonl(reader: impl BufRead, name: &Path) -> Result<Review> {
        let mut reading = JsonlReader::new(name);
        for (k, line) in reader.split(b'\n').enumerate() {
            let line = line.map_err(|e| Error::io(name, e))?;
            reading.line(k + 1, &line)?;
        }
        reading.finish()
    }

    /// Write a TMX memory of the beads with text on both sides, each unit
    /// named `document` in its `x-document` prop and dated `date`. Returns
    /// how many units were written.
    pub fn write_tmx(&self, w: &mut dyn Write, document: &str, date: TmxDate) -> io::Result<usize> {
        let mut config = TmxConfig::new(&self.src.language);
        config.date(date);
        let mut writer = TmxWriter::new(w, config)?;
        let mut units = 0;
        for (k, b) in self.beads.iter().enumerate() {
            if b.src.is_empty() || b.tgt.is_empty() {
                continue;
            }
            let (sp, tp) = self.paragraph(k);
            let mut props = vec![
                ("x-document".to_string(), document.to_string()),
                ("x-paragraph".to_string(), format!("{sp},{tp}")),
                ("x-confidence".to_string(), format!("{:.3}", b.confidence)),
                ("x-reviewed".to_string(), b.reviewed.to_string()),
            ];
            for (kind, doc, range) in [
                ("x-src-lengths", &self.src, &b.src),
                ("x-tgt-lengths", &self.tgt, &b.tgt),
            ] {
                if range.len() > 1 {
                    props.push((kind.to_string(), sentence_lengths(doc, range)));
                }
            }
            let unit = TranslationUnit {
                props,
                variants: vec![
                    Variant {
                        lang: self.src.language.clone(),
                        text: self.src.text_of(b.src.clone()),
                    },
                    Variant {
                        lang: self.tgt.language.clone(),
                        text: self.tgt.text_of(b.tgt.clone()),
                    },
                ],
                ..TranslationUnit::default()
            };
            writer.write_unit(&unit)?;
            units += 1;
        }
        writer.finish()?;
        Ok(units)
    }

    /// Read a TMX memory from `reader`, its units as beads in order; `name`
    /// names it in errors. The source language is the header's `srclang`
    /// (the first unit's first language when that is `*all*`), the target
    /// language the first other language of the first unit; every unit must
    /// have both. A unit without `x-confidence` is taken as sure (1.0): it
    /// comes from a memory someone made.
    pub fn read_tmx(mut reader: impl Read, name: &Path) -> Result<Review> {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(name, e))?;
        let tmx = read_tmx_bytes(name, &bytes)?;
        let Some(first) = tmx.units.first() else {
            return Err(Error::invalid(
                name,
                "no translation units: nothing to review",
            ));
        };
        let src_lang = match tmx.src_lang.trim() {
            "" | "*all*" => first.variants[0].lang.clone(),
            l => l.to_string(),
        };
        let Some(tgt_lang) = first
            .variants
            .iter()
            .find(|v| language_code(&v.lang) != language_code(&src_lang))
            .map(|v| v.lang.clone())
        else {
            return Err(Error::invalid(
                name,
                format!("unit 1 has no language other than {src_lang}: not a bilingual memory"),
            ));
        };
        let mut src = Document {
            language: src_lang.clone(),
            sentences: Vec::new(),
        };
        let mut tgt = Document {
            language: tgt_lang.clone(),
            sentences: Vec::new(),
        };
        let mut beads = Vec::with_capacity(tmx.units.len());
        let mut last_paragraph = (0, 0);
        for (k, unit) in tmx.units.iter().enumerate() {
            let fail = |problem: String| {
                let id = unit
                    .tuid
                    .as_ref()
                    .map(|t| format!(" (tuid {t})"))
                    .unwrap_or_default();
                Error::invalid(name, format!("unit {}{id}: {problem}", k + 1))
            };
            let paragraph = match unit.prop("x-paragraph") {
                None => last_paragraph,
                Some(p) => p
                    .split_once(',')
                    .and_then(|(s, t)| Some((s.trim().parse().ok()?, t.trim().parse().ok()?)))
                    .ok_or_else(|| fail(format!("x-paragraph {p:?} is not two numbers")))?,
            };
            if paragraph.0 < last_paragraph.0 || paragraph.1 < last_paragraph.1 {
                return Err(fail(format!(
                    "x-paragraph {},{} comes after {},{}",
                    paragraph.0, paragraph.1, last_paragraph.0, last_paragraph.1
                )));
            }
            last_paragraph = paragraph;
            let confidence = match unit.prop("x-confidence") {
                None => 1.0,
                Some(c) => c
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|c| (0.0..=1.0).contains(c))
                    .ok_or_else(|| fail(format!("x-confidence {c:?} is not a number in [0, 1]")))?,
            };
            let reviewed = match unit.prop("x-reviewed").map(str::trim) {
                None | Some("false") => false,
                Some("true") => true,
                Some(other) => {
                    return Err(fail(format!(
                        "x-reviewed {other:?} is neither true nor false"
                    )))
                }
            };
            let side = |doc: &mut Document, lang: &str, lengths: &str, para: usize| {
                let text = unit
                    .variants
                    .iter()
                    .find(|v| language_code(&v.lang) == language_code(lang))
                    .map(|v| v.text.as_str())
                    .ok_or_else(|| fail(format!("no {lang} segment")))?;
                if text.trim().is_empty() {
                    return Err(fail(format!("empty {lang} segment")));
                }
                let start = doc.sentences.len();
                doc.sentences
                    .extend(
                        split_lengths(text, unit.prop(lengths))
                            .into_iter()
                            .map(|text| Sentence {
                                text,
                                paragraph: para,
                            }),
                    );
                Ok(start..doc.sentences.len())
            };
            let src_range = side(&mut src, &src_lang, "x-src-lengths", paragraph.0)?;
            let tgt_range = side(&mut tgt, &tgt_lang, "x-tgt-lengths", paragraph.1)?;
            beads.push(ReviewBead {
                src: src_range,
                tgt: tgt_range,
                confidence,
                reviewed,
            });
        }
        Ok(Review { src, tgt, beads })
    }
}

/// `x-src-lengths` of a bead side: each sentence's length in characters (as
/// the TMX writer will write it), comma-separated.
fn sentence_lengths(doc: &Document, range: &Range<usize>) -> String {
    doc.sentences[range.clone()]
        .iter()
        .map(|s| {
            remove_forbidden_chars(&s.text)
                .0
                .chars()
                .count()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A segment cut back into its sentences by their lengths; the whole segment
/// when the lengths are missing or do not fit it (its text was edited in
/// a memory editor, say).
fn split_lengths(text: &str, lengths: Option<&str>) -> Vec<String> {
    let whole = || vec![text.to_string()];
    let Some(lengths) = lengths else {
        return whole();
    };
    let Ok(lengths) = lengths
        .split(',')
        .map(|n| n.trim().parse::<usize>())
        .collect::<std::result::Result<Vec<_>, _>>()
    else {
        return whole();
    };
    let chars: Vec<char> = text.chars().collect();
    let mut parts = Vec::with_capacity(lengths.len());
    let mut at = 0;
    for (k, &n) in lengths.iter().enumerate() {
        if k > 0 {
            // Sentences are joined by one space.
            if chars.get(at) != Some(&' ') {
                return whole();
            }
            at += 1;
        }
        let Some(part) = chars.get(at..at + n).filter(|p| !p.is_empty()) else {
            return whole();
        };
        parts.push(part.iter().collect());
        at += n;
    }
    if at == chars.len() {
        parts
    } else {
        whole()
    }
}

/// The `x-document` name of a review saved as `path`: its file name without
/// the extension and a `.review` before it (`gulf-port.review.tmx` is
/// `gulf-port`).
fn document_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    stem.strip_suffix(".review").unwrap_or(&stem).to_string()
}

/// The date written into a TMX review: `SOURCE_DATE_EPOCH` when it is a
/// number (reproducible files), else now.
fn tmx_date() -> TmxDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .map_or_else(TmxDate::now, TmxDate::from_unix_seconds)
}

/// What the JSONL reader has built so far.
struct JsonlReader<'a> {
    name: &'a Path,
    src: Vec<Sentence>,
    tgt: Vec<Sentence>,
    beads: Vec<ReviewBead>,
    lang: Option<[String; 2]>,
    document: Option<serde_json::Value>,
}

impl<'a> JsonlReader<'a> {
    fn new(name: &'a Path) -> Self {
        JsonlReader {
            name,
            src: Vec::new(),
            tgt: Vec::new(),
            beads: Vec::new(),
            lang: None,
            document: None,
        }
    }

    /// Check line number `n` and add its bead.
    fn line(&mut self, n: usize, bytes: &[u8]) -> Result<()> {
        let fail = |problem: String| Error::parse(self.name, n, problem);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let bytes = if n == 1 {
            bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes)
        } else {
            bytes
        };
        let text = std::str::from_utf8(bytes).map_err(|e| {
            fail(format!(
                "invalid UTF-8 at byte {} of the line",
                e.valid_up_to()
            ))
        })?;
        if text.trim().is_empty() {
            return Ok(());
        }
        let line: LineIn = serde_json::from_str(text).map_err(|e| fail(json_problem(&e)))?;
        if let Some((doc, first)) = agree(&mut self.document, line.document) {
            return Err(fail(format!(
                "bead of document {doc} after beads of document {first}: a review file holds one pair"
            )));
        }
        if let Some((lang, first)) = agree(&mut self.lang, line.lang) {
            return Err(fail(format!(
                "languages {lang:?} differ from the first bead's {first:?}"
            )));
        }
        if !(0.0..=1.0).contains(&line.score) {
            return Err(fail(format!("score {} is not in [0, 1]", line.score)));
        }
        if line.src_ids.is_empty() && line.tgt_ids.is_empty() {
            return Err(fail("a bead with no sentence on either side".to_string()));
        }
        let sides = [
            (
                &mut self.src,
                "src",
                line.src,
                line.src_ids,
                line.src_paragraphs,
            ),
            (
                &mut self.tgt,
                "tgt",
                line.tgt,
                line.tgt_ids,
                line.tgt_paragraphs,
            ),
        ];
        let mut ranges = [0..0, 0..0];
        for (k, (sentences, name, texts, ids, paragraphs)) in sides.into_iter().enumerate() {
            let side = Side {
                name,
                texts,
                ids: &ids,
                paragraph: line.paragraph[k],
                paragraphs,
            };
            ranges[k] = add_side(sentences, side).map_err(&fail)?;
        }
        let [src, tgt] = ranges;
        self.beads.push(ReviewBead {
            src,
            tgt,
            confidence: line.score,
            reviewed: line.reviewed,
        });
        Ok(())
    }

    /// The review, once every line is read.
    fn finish(self) -> Result<Review> {
        if self.beads.is_empty() {
            return Err(Error::invalid(self.name, "no beads: an empty review file"));
        }
        let language = |sentences: &[Sentence], fallback| {
            let text: String = sentences
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            resolve_language("auto", &text, fallback).unwrap_or_else(|_| "und".to_string())
        };
        let [src_lang, tgt_lang] = match self.lang {
            Some(l) => l,
            None => [language(&self.src, "ar"), language(&self.tgt, "en")],
        };
        Ok(Review {
            src: Document {
                language: src_lang,
                sentences: self.src,
            },
            tgt: Document {
                language: tgt_lang,
                sentences: self.tgt,
            },
            beads: self.beads,
        })
    }
}

/// Keep the first value of a field every bead must agree on; `value` and
/// the first one when they differ.
fn agree<T: PartialEq + Clone>(first: &mut Option<T>, value: Option<T>) -> Option<(T, T)> {
    match (first.as_ref(), value) {
        (Some(f), Some(v)) if *f != v => Some((v, f.clone())),
        (None, v @ Some(_)) => {
            *first = v;
            None
        }
        _ => None,
    }
}

/// One side of a bead line.
struct Side<'a> {
    /// `src` or `tgt`, for messages.
    name: &'static str,
    texts: Vec<String>,
    ids: &'a [usize],
    /// The bead's paragraph on this side.
    paragraph: usize,
    /// Each sentence's paragraph, when written.
    paragraphs: Option<Vec<usize>>,
}

/// Check a bead side against the sentences read so far and add its
/// sentences; returns their range or the problem.
fn add_side(
    sentences: &mut Vec<Sentence>,
    side: Side<'_>,
) -> std::result::Result<Range<usize>, String> {
    let name = side.name;
    let next = sentences.len();
    let range = next..next + side.ids.len();
    if side.ids.iter().copied().ne(range.clone()) {
        let first = side.ids[0];
        return Err(if first < next {
            format!(
                "{name}_ids {:?} repeat sentence {first}, already in an earlier bead",
                side.ids
            )
        } else if first > next {
            format!(
                "{name}_ids {:?} skip sentence {next}: every sentence must be in a bead, in order",
                side.ids
            )
        } else {
            format!("{name}_ids {:?} are not consecutive", side.ids)
        });
    }
    if side.texts.len() != side.ids.len() {
        return Err(format!(
            "{} {name} texts for {} {name}_ids",
            side.texts.len(),
            side.ids.len()
        ));
    }
    if let Some(k) = side.texts.iter().position(|t| t.trim().is_empty()) {
        return Err(format!("{name} sentence {} is empty", next + k));
    }
    let paragraphs = match side.paragraphs {
        Some(p) if p.len() != side.ids.len() => {
            return Err(format!(
                "{} {name}_paragraphs for {} {name}_ids",
                p.len(),
                side.ids.len()
            ))
        }
        Some(p) if p.first().is_some_and(|&f| f != side.paragraph) => {
            return Err(format!(
                "{name}_paragraphs start at {} but the bead's paragraph is {}",
                p[0], side.paragraph
            ))
        }
        Some(p) => p,
        None => vec![side.paragraph; side.ids.len()],
    };
    let mut last = sentences.last().map_or(0, |s| s.paragraph);
    for &p in &paragraphs {
        if p < last {
            return Err(format!("{name} paragraph {p} comes after paragraph {last}"));
        }
        last = p;
    }
    sentences.extend(
        side.texts
            .into_iter()
            .zip(paragraphs)
            .map(|(text, paragraph)| Sentence { text, paragraph }),
    );
    Ok(range)
}

/// A JSON error as a problem of its line: serde's message with the column,
/// the line being the file's, not the one-line document's.
fn json_problem(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    if e.is_eof() {
        format!("line ends inside the JSON object (a truncated file?): {message}")
    } else {
        format!("not a bead: {message} at column {}", e.column())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A review of a made-up pair: a 2-1 bead across a source paragraph
    /// break, a 1-0 and a 0-1 bead, texts that need escaping.
    fn sample() -> Review {
        let src = Document::from_paragraphs(
            "ar",
            vec![
                vec!["قال الوزير إن الميناء سيفتح.".into()],
                vec![
                    "وبلغت الصادرات \"300\" مليون دولار.".into(),
                    "وأضاف أن الطرق جاهزة.".into(),
                ],
                vec!["جملة بلا ترجمة.".into(), "وانتهى الاجتماع.".into()],
            ],
        );
        let tgt = Document::from_paragraphs(
            "en",
            vec![
                vec![
                    "The minister said the port & the roads will open.".into(),
                    "Exports reached <300> million dollars\\.".into(),
                ],
                vec!["An added sentence.".into(), "The meeting ended.".into()],
            ],
        );
        let bead = |src: Range<usize>, tgt: Range<usize>, confidence, reviewed| ReviewBead {
            src,
            tgt,
            confidence,
            reviewed,
        };
        Review {
            src,
            tgt,
            beads: vec![
                bead(0..2, 0..1, 0.25, true),
                bead(2..3, 1..2, 0.9, false),
                bead(3..4, 2..2, 0.5, true),
                bead(4..4, 2..3, 0.125, false),
                bead(4..5, 3..4, 1.0, true),
            ],
        }
    }

    fn jsonl(review: &Review) -> Vec<u8> {
        let mut out = Vec::new();
        review.write_jsonl(&mut out).unwrap();
        out
    }

    fn read(text: &str) -> Result<Review> {
        Review::read_jsonl(text.as_bytes(), Path::new("r.jsonl"))
    }

    fn error(text: &str) -> String {
        read(text).unwrap_err().to_string()
    }

    #[test]
    fn jsonl_round_trips_and_keeps_align_fields_first() {
        let review = sample();
        assert!(review.is_consistent());
        let bytes = jsonl(&review);
        let text = std::str::from_utf8(&bytes).unwrap();
        let first = text.lines().next().unwrap();
        assert!(
            first.starts_with(r#"{"src":["قال الوزير إن الميناء سيفتح.","وبلغت الصادرات \"300\" مليون دولار."],"tgt":["The minister said the port & the roads will open."],"src_ids":[0,1],"tgt_ids":[0],"score":0.25,"paragraph":[0,0],"reviewed":true,"lang":["ar","en"],"src_paragraphs":[0,1]}"#),
            "{first}"
        );
        assert_eq!(read(text).unwrap(), review);
    }

    #[test]
    fn plain_align_output_loads_unreviewed_with_guessed_languages() {
        let review = sample();
        let alignment = crate::align::Alignment {
            beads: (0..review.beads.len())
                .map(|k| as_bead(&review, k))
                .collect(),
        };
        let mut out = Vec::new();
        crate::export::beads::write_jsonl(
            &mut out,
            &alignment,
            &review.src,
            &review.tgt,
            None,
            true,
        )
        .unwrap();
        let back = read(std::str::from_utf8(&out).unwrap()).unwrap();
        assert_eq!(
            (back.src.language.as_str(), back.tgt.language.as_str()),
            ("ar", "en")
        );
        assert!(back.beads.iter().all(|b| !b.reviewed));
        let ranges = |r: &Review| {
            r.beads
                .iter()
                .map(|b| (b.src.clone(), b.tgt.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ranges(&back), ranges(&review));
        assert_eq!(back.src.text_of(0..5), review.src.text_of(0..5));
        // Without per-sentence paragraphs the 2-1 bead is one paragraph.
        assert_eq!(back.src.sentences[1].paragraph, 0);
        assert_eq!(back.src.sentences[2].paragraph, 1);
    }

    #[test]
    fn tmx_round_trips_the_paired_beads() {
        let review = sample();
        let mut out = Vec::new();
        let units = review
            .write_tmx(&mut out, "port", TmxDate::from_unix_seconds(0))
            .unwrap();
        assert_eq!(units, 3);
        assert_eq!(review.unpaired(), 2);
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(r#"<prop type="x-reviewed">true</prop>"#),
            "{text}"
        );
        let back = Review::read_tmx(text.as_bytes(), Path::new("r.tmx")).unwrap();
        // The paired beads, in order, their sentences split back.
        assert_eq!(back.beads.len(), 3);
        for (b, k) in back.beads.iter().zip([0, 1, 4]) {
            let orig = &review.beads[k];
            assert_eq!(
                back.src.text_of(b.src.clone()),
                review.src.text_of(orig.src.clone())
            );
            assert_eq!(
                back.tgt.text_of(b.tgt.clone()),
                review.tgt.text_of(orig.tgt.clone())
            );
            assert_eq!((b.src.len(), b.tgt.len()), (orig.src.len(), orig.tgt.len()));
            assert_eq!((b.confidence, b.reviewed), (orig.confidence, orig.reviewed));
        }
        assert_eq!(back.paragraph(2), review.paragraph(4));
        assert_eq!(
            (back.src.language.as_str(), back.tgt.language.as_str()),
            ("ar", "en")
        );
        assert!(back.is_consistent());
        // Without unpaired beads and paragraph-crossing beads, exact.
        let mut paired = back.clone();
        paired.beads[0].reviewed = false;
        let mut again = Vec::new();
        paired
            .write_tmx(&mut again, "port", TmxDate::from_unix_seconds(0))
            .unwrap();
        assert_eq!(
            Review::read_tmx(&again[..], Path::new("r.tmx")).unwrap(),
            paired
        );
    }

    #[test]
    fn a_segment_edited_in_a_memory_editor_stays_one_sentence() {
        assert_eq!(split_lengths("Ab cd ef", Some("2,5")), vec!["Ab", "cd ef"]);
        assert_eq!(split_lengths("Ab cd ef", Some("3,4")), vec!["Ab cd ef"]);
        assert_eq!(split_lengths("Ab cd ef", Some("2,2")), vec!["Ab cd ef"]);
        assert_eq!(split_lengths("Ab cd ef", Some("x")), vec!["Ab cd ef"]);
        assert_eq!(split_lengths("Ab cd ef", None), vec!["Ab cd ef"]);
    }

    #[test]
    fn tmx_reviewed_prop_and_languages_are_checked() {
        let unit = |props: &str| {
            format!(
                r#"<tmx version="1.4"><header srclang="ar"/><body><tu>{props}<tuv xml:lang="ar"><seg>قال.</seg></tuv><tuv xml:lang="en-GB"><seg>Said.</seg></tuv></tu></body></tmx>"#
            )
        };
        let read = |t: String| Review::read_tmx(t.as_bytes(), Path::new("r.tmx"));
        let plain = read(unit("")).unwrap();
        assert_eq!(plain.tgt.language, "en-GB");
        assert_eq!(
            (plain.beads[0].confidence, plain.beads[0].reviewed),
            (1.0, false)
        );
        let err = read(unit(r#"<prop type="x-reviewed">yes</prop>"#)).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"r.tmx: unit 1: x-reviewed "yes" is neither true nor false"#
        );
        let err = read(unit(r#"<prop type="x-confidence">2</prop>"#)).unwrap_err();
        assert!(err.to_string().contains("not a number in [0, 1]"), "{err}");
        let empty = r#"<tmx version="1.4"><header srclang="ar"/><body></body></tmx>"#;
        assert_eq!(
            read(empty.into()).unwrap_err().to_string(),
            "r.tmx: no translation units: nothing to review"
        );
    }

    #[test]
    fn hostile_jsonl_is_one_line_naming_the_line() {
        let good = String::from_utf8(jsonl(&sample())).unwrap();
        let lines: Vec<&str> = good.lines().collect();
        // Truncated in the middle of the last line.
        let cut = &good[..good.len() - 20];
        let e = error(cut);
        assert!(
            e.starts_with("r.jsonl:5: line ends inside the JSON object"),
            "{e}"
        );
        // A bead missing: sentence ids jump.
        let e = error(&[lines[0], lines[2]].join("\n"));
        assert_eq!(
            e,
            "r.jsonl:2: src_ids [3] skip sentence 2: every sentence must be in a bead, in order"
        );
        let e = error(&[lines[0], lines[1], lines[1]].join("\n"));
        assert!(
            e.starts_with("r.jsonl:3: src_ids [2] repeat sentence 2"),
            "{e}"
        );
        // Missing field.
        let e = error(&lines[0].replace(r#""src_ids":[0,1],"#, ""));
        assert!(
            e.starts_with("r.jsonl:1: not a bead: missing field `src_ids`"),
            "{e}"
        );
        // Overlapping ids within a bead.
        let e = error(&lines[0].replace(r#""src_ids":[0,1]"#, r#""src_ids":[0,0]"#));
        assert_eq!(e, "r.jsonl:1: src_ids [0, 0] are not consecutive");
        // Texts and ids disagree.
        let e = error(&lines[0].replace(r#""tgt_ids":[0]"#, r#""tgt_ids":[0,1]"#));
        assert_eq!(e, "r.jsonl:1: 1 tgt texts for 2 tgt_ids");
        let e = error(
            &lines[1]
                .replace("0.9", "1.5")
                .replace(r#"[2]"#, "[0]")
                .replace(r#""tgt_ids":[1]"#, r#""tgt_ids":[0]"#),
        );
        assert_eq!(e, "r.jsonl:1: score 1.5 is not in [0, 1]");
        assert_eq!(error(""), "r.jsonl: no beads: an empty review file");
        assert_eq!(error("\n\n"), "r.jsonl: no beads: an empty review file");
        let mut bytes = good.as_bytes().to_vec();
        let second = good.find('\n').unwrap() + 10;
        bytes[second] = 0xFF;
        let e = Review::read_jsonl(&bytes[..], Path::new("r.jsonl"))
            .unwrap_err()
            .to_string();
        assert_eq!(e, "r.jsonl:2: invalid UTF-8 at byte 9 of the line");
        let e =
            error(r#"{"src":[],"tgt":[],"src_ids":[],"tgt_ids":[],"score":1,"paragraph":[0,0]}"#);
        assert_eq!(e, "r.jsonl:1: a bead with no sentence on either side");
        let e = error(
            r#"{"src":[" "],"tgt":[],"src_ids":[0],"tgt_ids":[],"score":1,"paragraph":[0,0]}"#,
        );
        assert_eq!(e, "r.jsonl:1: src sentence 0 is empty");
        let two = format!(
            "{}\n{}",
            lines[0].replacen('{', r#"{"document":"a","#, 1),
            lines[1].replacen('{', r#"{"document":"b","#, 1)
        );
        assert!(
            error(&two).contains("r.jsonl:2: bead of document \"b\" after beads of document \"a\"")
        );
        let e = error("[1, 2]");
        assert!(e.starts_with("r.jsonl:1: not a bead: invalid type"), "{e}");
    }

    #[test]
    fn load_and_save_go_by_the_extension_and_replace_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let review = sample();
        for name in ["a.review.jsonl", "a.review.tmx"] {
            let path = dir.path().join(name);
            std::fs::write(&path, "old").unwrap();
            review.save(&path).unwrap();
            let back = Review::load(&path).unwrap();
            assert_eq!(
                back.beads.len(),
                if name.ends_with("jsonl") { 5 } else { 3 }
            );
        }
        let tmx = std::fs::read_to_string(dir.path().join("a.review.tmx")).unwrap();
        assert!(tmx.contains(r#"<prop type="x-document">a</prop>"#));
        let other = dir.path().join("a.txt");
        assert_eq!(
            review.save(&other).unwrap_err().to_string(),
            format!(
                "{}: not a review file: expected a name ending in .jsonl or .tmx",
                other.display()
            )
        );
        assert!(!other.exists());
        assert!(Review::load(&dir.path().join("missing.jsonl")).is_err());
        // Only the two saved files: no temporary file left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    /// A random consistent review: bead shapes up to 3-3 (none 0-0), texts
    /// with quotes, backslashes, Arabic and controls, paragraph breaks anywhere.
    fn any_review() -> impl Strategy<Value = Review> {
        let text = "[a-z\"\\\\ءاب \u{1}\t]{0,12}[a-zب.]";
        let bead = (0usize..4, 0usize..4, 0u32..=1000, any::<bool>())
            .prop_filter("not 0-0", |(a, b, _, _)| a + b > 0);
        proptest::collection::vec(bead, 1..12).prop_flat_map(move |beads| {
            let n: usize = beads.iter().map(|b| b.0).sum();
            let m: usize = beads.iter().map(|b| b.1).sum();
            (
                Just(beads),
                proptest::collection::vec((text, any::<bool>()), n),
                proptest::collection::vec((text, any::<bool>()), m),
            )
                .prop_map(|(beads, s, t)| {
                    let doc = |lang: &str, sentences: Vec<(String, bool)>| {
                        let mut paragraph = 0;
                        let sentences = sentences
                            .into_iter()
                            .enumerate()
                            .map(|(k, (text, breaks))| {
                                paragraph += usize::from(breaks && k > 0);
                                Sentence { text, paragraph }
                            })
                            .collect();
                        Document {
                            language: lang.into(),
                            sentences,
                        }
                    };
                    let (mut i, mut j) = (0, 0);
                    let beads = beads
                        .into_iter()
                        .map(|(a, b, c, reviewed)| {
                            let bead = ReviewBead {
                                src: i..i + a,
                                tgt: j..j + b,
                                confidence: f64::from(c) / 1000.0,
                                reviewed,
                            };
                            (i, j) = (i + a, j + b);
                            bead
                        })
                        .collect();
                    Review {
                        src: doc("ar-SA", s),
                        tgt: doc("en", t),
                        beads,
                    }
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn random_reviews_round_trip_through_jsonl(review in any_review()) {
            prop_assert!(review.is_consistent());
            let bytes = jsonl(&review);
            let back = Review::read_jsonl(&bytes[..], Path::new("p.jsonl")).unwrap();
            prop_assert_eq!(back, review);
        }
    }
}
