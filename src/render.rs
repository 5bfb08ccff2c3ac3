//! The side-by-side terminal view of an alignment.
//!
//! Arabic (and any right-to-left text) is reordered for display with
//! `unicode-bidi` after wrapping, line by line, and right-aligned in its
//! column; columns are measured with `unicode-width`, never in bytes. Colour
//! is plain ANSI SGR, chosen by the caller.

use std::io::{self, Write};

use unicode_bidi::{BidiInfo, Level};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

use crate::align::Alignment;
use crate::document::Document;
use crate::language::{dominant_script, Script};
use crate::printable::{is_bidi_control, printable_keeping_bidi};

/// ANSI styles used by the views (`{style}` starts one, [`RESET`](style::RESET) ends it).
pub mod style {
    use anstyle::{AnsiColor, Color, Style};

    /// Reset.
    pub const RESET: anstyle::Reset = anstyle::Reset;
    /// Dim (gutter, separators).
    pub const DIM: Style = Style::new().dimmed();
    /// Bold.
    pub const BOLD: Style = Style::new().bold();
    /// Yellow (low confidence).
    pub const YELLOW: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Yellow)));
    /// Red and struck through (deleted text).
    pub const DELETED: Style = Style::new()
        .fg_color(Some(Color::Ansi(AnsiColor::Red)))
        .strikethrough();
    /// Green (inserted text).
    pub const INSERTED: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Green)));
    /// Cyan (headings).
    pub const CYAN: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Cyan)));
    /// Bold red, green and yellow (the headings of deleted, inserted and
    /// other changed segments).
    pub const HEAD_DELETED: Style = BOLD.fg_color(Some(Color::Ansi(AnsiColor::Red)));
    /// See [`HEAD_DELETED`].
    pub const HEAD_INSERTED: Style = BOLD.fg_color(Some(Color::Ansi(AnsiColor::Green)));
    /// See [`HEAD_DELETED`].
    pub const HEAD_CHANGED: Style = BOLD.fg_color(Some(Color::Ansi(AnsiColor::Yellow)));
}

/// Display width of a string in terminal columns: the sum of its
/// characters' widths (combining marks, bidi controls and other
/// default-ignorables take none, wide characters two).
///
/// Not `UnicodeWidthStr::width`, which counts a lam-alef pair (`لا`) as one
/// column, a ligature: terminals give each letter its own cell, and a line
/// reordered for display turns every definite article `ال` into such a
/// pair, so lines measured that way came out wider than the screen.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Wrap logical text into lines of at most `cols` columns, at spaces where
/// possible, inside long words at grapheme boundaries otherwise.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    // Two columns hold any character, a wide one included.
    let cols = cols.max(2);
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let need = if cur.is_empty() {
            width(word)
        } else {
            width(&cur) + 1 + width(word)
        };
        if need <= cols {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if width(word) <= cols {
            cur.push_str(word);
        } else {
            for g in word.graphemes(true) {
                if !cur.is_empty() && width(&cur) + width(g) > cols {
                    lines.push(std::mem::take(&mut cur));
                }
                cur.push_str(g);
            }
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Is this text written right to left (mostly Arabic script)?
pub fn is_rtl(text: &str) -> bool {
    dominant_script(text) == Script::Arabic
}

/// Visual (display) order of one logical line; right-to-left paragraphs get
/// an RTL base level so that Latin words and numbers inside keep their order.
/// Bidi formatting characters (overrides, embeddings, isolates, marks) are
/// applied, then left out: printed, an unpaired override would go on
/// reversing the rest of the screen line, the other column included.
pub fn visual(line: &str) -> String {
    if !line.chars().any(|c| {
        crate::language::is_arabic(c) || matches!(c as u32, 0x0590..=0x05FF) || is_bidi_control(c)
    }) {
        return line.to_string();
    }
    let level = if is_rtl(line) {
        Some(Level::rtl())
    } else {
        Some(Level::ltr())
    };
    let info = BidiInfo::new(line, level);
    let mut out = String::new();
    for para in &info.paragraphs {
        out.extend(
            info.reorder_line(para, para.range.clone())
                .chars()
                .filter(|&c| !is_bidi_control(c)),
        );
    }
    out
}

/// Lines of a cell: wrapped, in display order, padded to `cols` (right-aligned when RTL).
/// Control characters of the text are shown as escapes, never sent to the terminal.
pub fn cell_lines(text: &str, cols: usize) -> Vec<String> {
    let text = printable_keeping_bidi(text);
    let text = text.as_ref();
    let rtl = is_rtl(text);
    wrap(text, cols)
        .into_iter()
        .map(|l| {
            let v = visual(&l);
            let pad = cols.saturating_sub(width(&v));
            if rtl {
                format!("{}{}", " ".repeat(pad), v)
            } else {
                format!("{}{}", v, " ".repeat(pad))
            }
        })
        .collect()
}

/// Options of the side-by-side view.
#[derive(Debug, Clone)]
pub struct TextView {
    /// Total width in columns.
    pub width: usize,
    /// Use ANSI colour.
    pub color: bool,
    /// Beads below this confidence are marked.
    pub low_confidence: f64,
    /// Print the evidence under each bead.
    pub explain: bool,
}

impl TextView {
    /// Write the alignment side by side: number and shape, source, target.
    pub fn write(
        &self,
        w: &mut dyn Write,
        al: &Alignment,
        src: &Document,
        tgt: &Document,
    ) -> io::Result<()> {
        let (c, dim, reset, yellow) = if self.color {
            (
                true,
                style::DIM.to_string(),
                style::RESET.to_string(),
                style::YELLOW.to_string(),
            )
        } else {
            (false, String::new(), String::new(), String::new())
        };
        // "123 1-2 ?": the bead number takes as many digits as the last one needs.
        let digits = al.beads.len().saturating_sub(1).to_string().len().max(3);
        let kind_width = al
            .beads
            .iter()
            .map(|b| b.kind().len())
            .max()
            .unwrap_or(0)
            .max(3);
        let gutter = digits + kind_width + 3;
        // Gutter, a space, the source column, " │ ", the target column.
        let col = (self.width.saturating_sub(gutter + 4) / 2).max(1);
        let mut last_para = None;
        for (k, b) in al.beads.iter().enumerate() {
            if last_para.is_some() && last_para != Some(b.paragraph) {
                writeln!(w, "{dim}{}{reset}", "─".repeat(gutter + 4 + 2 * col))?;
            }
            last_para = Some(b.paragraph);
            let low = b.confidence < self.low_confidence;
            let src_text = crate::export::beads::joined(src, b.src.clone());
            let tgt_text = crate::export::beads::joined(tgt, b.tgt.clone());
            let left = cell_lines(&src_text, col);
            let right = cell_lines(&tgt_text, col);
            let rows = left.len().max(right.len());
            for r in 0..rows {
                let head = if r == 0 {
                    format!(
                        "{:>digits$} {:<kind_width$}{}",
                        k,
                        b.kind(),
                        if low { " ?" } else { "  " }
                    )
                } else {
                    " ".repeat(gutter)
                };
                let l = left.get(r).cloned().unwrap_or_else(|| " ".repeat(col));
                let rr = right.get(r).cloned().unwrap_or_default();
                let mark = if low && c { &yellow } else { &dim };
                writeln!(w, "{mark}{head}{reset} {l} {dim}│{reset} {}", rr.trim_end())?;
            }
            if self.explain {
                let s = &b.signals;
                let evidence = format!(
                    "confidence {:.2}: words {}/{} matched, numbers {}/{}, lexical {:+.1}, length {:+.1}, paragraph {:+.1}, prior {:+.1}",
                    b.confidence, s.words_matched, s.words_matchable, s.numbers_matched, s.numbers_total,
                    s.lexical, s.length, s.paragraph, s.prior
                );
                // Under the text, wrapped like it: a line the terminal wraps
                // itself would break the columns below.
                for line in wrap(&evidence, self.width.saturating_sub(gutter + 1)) {
                    writeln!(w, "{dim}{:gutter$} {line}{reset}", "")?;
                }
            }
        }
        let n11 = al
            .beads
            .iter()
            .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
            .count();
        let low = al.low_confidence(self.low_confidence);
        let summary = format!(
            "{} beads ({} 1-1), {} source and {} target sentences, {} low-confidence (marked ?)",
            al.beads.len(),
            n11,
            src.len(),
            tgt.len(),
            low
        );
        for line in wrap(&summary, self.width) {
            writeln!(w, "{dim}{line}{reset}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_measures_columns_not_bytes() {
        let lines = wrap("قال الوزير إن الميناء سيفتح", 12);
        assert!(lines.iter().all(|l| width(l) <= 12), "{lines:?}");
        assert_eq!(lines.join(" "), "قال الوزير إن الميناء سيفتح");
    }

    #[test]
    fn arabic_is_reordered_and_right_aligned() {
        let cell = cell_lines("مرحبا 2025", 20);
        assert_eq!(cell.len(), 1);
        assert!(cell[0].starts_with(' '));
        // In display order the number comes first (leftmost) and the word is reversed.
        assert!(cell[0].trim_start().starts_with("2025"), "{:?}", cell[0]);
        assert!(cell[0].ends_with("ابحرم"));
    }

    #[test]
    fn control_sequences_are_shown_not_sent() {
        let cell = cell_lines("The port\x1b[2J opened\x07.", 40).join("|");
        assert!(!cell.contains(['\x1b', '\x07']), "{cell:?}");
        assert!(cell.contains("port\\u{1b}[2J opened\\u{7}."), "{cell:?}");
    }

    #[test]
    fn an_unpaired_override_stays_inside_its_cell() {
        // U+202E (right-to-left override) with no U+202C to close it.
        for text in ["قال \u{202e}الوزير 2025", "abc \u{202e}def", "x \u{2067}y"] {
            let cell = cell_lines(text, 30);
            assert!(
                cell.iter().all(|l| !l.contains(is_bidi_control)),
                "{cell:?}"
            );
        }
        // The override is honoured inside the cell: "def" is shown reversed.
        assert_eq!(cell_lines("abc \u{202e}def", 10)[0].trim_end(), "abc fed");
    }
}
