//! Machine formats for an alignment: TSV, JSONL and bead lists.
//!
//! All writers take any `io::Write`; the caller decides where bytes go.

use std::io::{self, Write};

use serde::Serialize;

use crate::align::{Alignment, Bead};
use crate::batch::DocumentId;
use crate::document::Document;

/// One bead as a JSON line.
#[derive(Debug, Serialize)]
pub struct JsonBead<'a> {
    /// Document name or id, in batch output (a number id stays a number).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<&'a DocumentId>,
    /// Source sentences.
    pub src: Vec<&'a str>,
    /// Target sentences.
    pub tgt: Vec<&'a str>,
    /// Source sentence numbers (0-based).
    pub src_ids: Vec<usize>,
    /// Target sentence numbers (0-based).
    pub tgt_ids: Vec<usize>,
    /// Confidence in [0, 1], rounded to 3 decimals.
    pub score: f64,
    /// Paragraph numbers `[source, target]`.
    pub paragraph: [usize; 2],
    /// The evidence, with `--explain`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signals: Option<&'a crate::align::Signals>,
}

impl<'a> JsonBead<'a> {
    /// Build the JSON view of a bead.
    pub fn new(
        bead: &'a Bead,
        src: &'a Document,
        tgt: &'a Document,
        document: Option<&'a DocumentId>,
        explain: bool,
    ) -> Self {
        JsonBead {
            document,
            src: bead
                .src
                .clone()
                .map(|i| src.sentences[i].text.as_str())
                .collect(),
            tgt: bead
                .tgt
                .clone()
                .map(|j| tgt.sentences[j].text.as_str())
                .collect(),
            src_ids: bead.src.clone().collect(),
            tgt_ids: bead.tgt.clone().collect(),
            score: (bead.confidence * 1000.0).round() / 1000.0,
            paragraph: [bead.paragraph.0, bead.paragraph.1],
            signals: explain.then_some(&bead.signals),
        }
    }
}

/// Sentences of a bead side joined by a space.
pub fn joined(doc: &Document, range: std::ops::Range<usize>) -> String {
    range
        .map(|i| doc.sentences[i].text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Tab and newline inside a TSV field would break the format; they become spaces.
fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// `source TAB target` a bead (document name first when given).
pub fn write_tsv(
    w: &mut dyn Write,
    al: &Alignment,
    src: &Document,
    tgt: &Document,
    document: Option<&str>,
) -> io::Result<()> {
    for b in &al.beads {
        if let Some(d) = document {
            write!(w, "{}\t", tsv_field(d))?;
        }
        writeln!(
            w,
            "{}\t{}",
            tsv_field(&joined(src, b.src.clone())),
            tsv_field(&joined(tgt, b.tgt.clone()))
        )?;
    }
    Ok(())
}

/// One JSON object a line per bead.
pub fn write_jsonl(
    w: &mut dyn Write,
    al: &Alignment,
    src: &Document,
    tgt: &Document,
    document: Option<&DocumentId>,
    explain: bool,
) -> io::Result<()> {
    for b in &al.beads {
        serde_json::to_writer(&mut *w, &JsonBead::new(b, src, tgt, document, explain))?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Format a bead as `[0, 1]:[2]` (Vecalign/Bertalign bead files).
pub fn bead_line(b: &Bead) -> String {
    let list = |r: std::ops::Range<usize>| r.map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
    format!("[{}]:[{}]", list(b.src.clone()), list(b.tgt.clone()))
}

/// One bead a line, `[0, 1]:[2]`.
pub fn write_beads(w: &mut dyn Write, al: &Alignment) -> io::Result<()> {
    for b in &al.beads {
        writeln!(w, "{}", bead_line(b))?;
    }
    Ok(())
}

/// Parse a bead file line `[0, 1]:[2]` into source and target indexes.
pub fn parse_bead_line(line: &str) -> Option<(Vec<usize>, Vec<usize>)> {
    let (s, t) = line.trim().split_once(':')?;
    let list = |x: &str| -> Option<Vec<usize>> {
        let inner = x.trim().strip_prefix('[')?.strip_suffix(']')?;
        inner
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| p.parse().ok())
            .collect()
    };
    Some((list(s)?, list(t)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bead_lines_round_trip() {
        assert_eq!(parse_bead_line("[0, 1]:[2]"), Some((vec![0, 1], vec![2])));
        assert_eq!(parse_bead_line("[5]:[]"), Some((vec![5], vec![])));
        assert_eq!(parse_bead_line("[x]:[]"), None);
    }
}
