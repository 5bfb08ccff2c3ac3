//! Views of a [`Diff`]: the terminal text, JSON lines, and a self-contained
//! HTML page. Every renderer writes to any `&mut dyn Write`; colour is the
//! caller's choice, so tests capture coloured and plain bytes alike.
//!
//! The text view is stacked rather than side by side: the Arabic source
//! (reordered for display with `unicode-bidi` and right-aligned), then the
//! old and the new English, each wrapped to the full width. Three columns of
//! a 100-column terminal would leave 30 columns a sentence. Without colour,
//! deletions are written `[-like this-]` and insertions `{+like this+}`, the
//! `wdiff` convention, so the plain view still shows every change. Text from
//! the files goes through [`printable`]: a control sequence in a sentence is
//! shown as an escape, never obeyed by the terminal.

use std::io::{self, Write};

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use super::{char_detail, Change, ChangeOp, Diff, Segment, SegmentKind};
use crate::printable::printable;
use crate::render::{cell_lines, style, width};

/// Options of the text and HTML views.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ViewOptions {
    /// Total width of the text view in columns.
    pub width: usize,
    /// Use ANSI colour (text view).
    pub color: bool,
    /// Show only unchanged segments within this many segments of a change
    /// (`None`: show all).
    pub context: Option<usize>,
    /// Words differing in at most this many characters are shown character
    /// by character (0: never).
    pub max_char_edits: usize,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            width: 100,
            color: false,
            context: None,
            max_char_edits: 3,
        }
    }
}

setters!(ViewOptions {
    /// Sets the total width of the text view in columns.
    width: usize,
    /// Sets whether the text view uses ANSI colour.
    color: bool,
    /// Shows only unchanged segments within this many segments of a change
    /// (`None`: show all).
    context: Option<usize>,
    /// Sets the character difference up to which words are shown character
    /// by character (0: never).
    max_char_edits: usize,
});

/// Which segments a view shows, and the runs of unchanged segments it hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Show segment number `k`.
    Segment(usize),
    /// `n` unchanged segments are hidden here.
    Hidden(usize),
}

/// The rows of a view with `context` unchanged segments kept around each change.
pub fn rows(diff: &Diff, context: Option<usize>) -> Vec<Row> {
    let n = diff.segments.len();
    let Some(ctx) = context else {
        return (0..n).map(Row::Segment).collect();
    };
    let mut keep = vec![false; n];
    for (k, s) in diff.segments.iter().enumerate() {
        if s.is_change() {
            for slot in keep
                .iter_mut()
                .take((k + ctx + 1).min(n))
                .skip(k.saturating_sub(ctx))
            {
                *slot = true;
            }
        }
    }
    let mut out = Vec::new();
    let mut hidden = 0;
    for (k, kept) in keep.into_iter().enumerate() {
        if kept {
            if hidden > 0 {
                out.push(Row::Hidden(std::mem::take(&mut hidden)));
            }
            out.push(Row::Segment(k));
        } else {
            hidden += 1;
        }
    }
    if hidden > 0 {
        out.push(Row::Hidden(hidden));
    }
    out
}

/// Sentence numbers as `3` or `3-4` (1-based, as people count).
fn numbers(ids: &[usize]) -> String {
    match (ids.first(), ids.last()) {
        (Some(a), Some(b)) if a == b => format!("{}", a + 1),
        (Some(a), Some(b)) => format!("{}-{}", a + 1, b + 1),
        _ => "-".to_string(),
    }
}

/// Where a segment stands: `old 8 → new 9`.
pub(crate) fn position(seg: &Segment) -> String {
    format!("old {} → new {}", numbers(&seg.old), numbers(&seg.new))
}

/// The style of a kind's heading.
pub(crate) fn kind_style(kind: SegmentKind) -> anstyle::Style {
    match kind {
        SegmentKind::Unchanged => style::DIM,
        SegmentKind::Deleted => style::HEAD_DELETED,
        SegmentKind::Inserted => style::HEAD_INSERTED,
        _ => style::HEAD_CHANGED,
    }
}

/// A word (or part of one) with its style, for wrapping styled text.
pub(crate) type Piece = (String, ChangeOp);

/// Wrap changes into lines of at most `cols` columns, breaking at spaces;
/// `side` keeps the equal text and the changes of that side only.
/// `markers` counts the `[-`/`-]` (or `{+`/`+}`) the plain view adds around
/// each changed run.
pub(crate) fn wrap_changes(
    changes: &[Change],
    side: ChangeOp,
    cols: usize,
    markers: bool,
) -> Vec<Vec<Piece>> {
    // Words are runs of non-space characters; a word may mix styles
    // ("Shah" equal, "i" inserted, "n" equal).
    let mut words: Vec<Vec<Piece>> = vec![Vec::new()];
    for c in changes
        .iter()
        .filter(|c| c.op == ChangeOp::Equal || c.op == side)
    {
        for ch in c.text.chars() {
            if ch.is_whitespace() {
                if words.last().is_some_and(|w| !w.is_empty()) {
                    words.push(Vec::new());
                }
                continue;
            }
            let word = words.last_mut().unwrap();
            match word.last_mut() {
                Some((text, op)) if *op == c.op => text.push(ch),
                _ => word.push((ch.to_string(), c.op)),
            }
        }
    }
    words.retain(|w| !w.is_empty());
    let extra = if markers { 4 } else { 0 };
    // Width of `w` placed after a piece of op `before`: a changed run that
    // continues from the previous word adds no new markers.
    let word_width = |w: &Vec<Piece>, before: Option<ChangeOp>| {
        let mut prev = before;
        let mut total = 0;
        for (t, op) in w {
            total += width(&printable(t));
            if *op != ChangeOp::Equal && prev != Some(*op) {
                total += extra;
            }
            prev = Some(*op);
        }
        total
    };
    // A word wider than the column (a long URL) is cut at grapheme
    // boundaries into pieces that fit, as the source column's wrap does.
    let words: Vec<Vec<Piece>> = words
        .into_iter()
        .flat_map(|w| {
            if word_width(&w, None) <= cols {
                return vec![w];
            }
            let mut parts: Vec<Vec<Piece>> = vec![Vec::new()];
            let mut used = 0;
            for (text, op) in w {
                for g in text.graphemes(true) {
                    let part = parts.last_mut().unwrap();
                    let opens = op != ChangeOp::Equal && part.last().map(|p| p.1) != Some(op);
                    let need = width(&printable(g)) + if opens { extra } else { 0 };
                    if used > 0 && used + need > cols {
                        parts.push(vec![(g.to_string(), op)]);
                        used = width(&printable(g)) + if op == ChangeOp::Equal { 0 } else { extra };
                        continue;
                    }
                    used += need;
                    match part.last_mut() {
                        Some((t, o)) if *o == op => t.push_str(g),
                        _ => part.push((g.to_string(), op)),
                    }
                }
            }
            parts
        })
        .collect();
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let mut used = 0;
    for w in words {
        let ww = word_width(&w, line.last().map(|p| p.1));
        if used > 0 && used + 1 + ww > cols {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        let ww = word_width(&w, line.last().map(|p| p.1));
        if used > 0 {
            // The space between two changed words of the same kind is part
            // of the change; between others it is plain.
            let op = match (line.last().map(|p| p.1), w.first().map(|p| p.1)) {
                (Some(a), Some(b)) if a == b => a,
                _ => ChangeOp::Equal,
            };
            line.push((" ".to_string(), op));
            used += 1;
        }
        used += ww;
        line.extend(w);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// One wrapped line of pieces, styled or marked.
pub(crate) fn paint(line: &[Piece], color: bool) -> String {
    let mut out = String::new();
    let mut k = 0;
    while k < line.len() {
        // Join neighbours of the same op so that markers enclose whole runs.
        let op = line[k].1;
        let mut text = String::new();
        while k < line.len() && line[k].1 == op {
            text.push_str(&line[k].0);
            k += 1;
        }
        // Shown, not obeyed: control characters escaped, and bidi controls
        // closed inside the run, so that neither colour nor columns leak.
        let text = printable(&text);
        match (op, color) {
            (ChangeOp::Equal, _) => out.push_str(&text),
            (ChangeOp::Delete, true) => {
                out.push_str(&format!("{}{text}{}", style::DELETED, style::RESET))
            }
            (ChangeOp::Insert, true) => {
                out.push_str(&format!("{}{text}{}", style::INSERTED, style::RESET))
            }
            (ChangeOp::Delete, false) => out.push_str(&format!("[-{text}-]")),
            (ChangeOp::Insert, false) => out.push_str(&format!("{{+{text}+}}")),
        }
    }
    out
}

/// Write the terminal view: a heading per segment, the source right to
/// left, the old and the new text, then the one-line summary.
pub fn write_text(w: &mut dyn Write, diff: &Diff, opts: &ViewOptions) -> io::Result<()> {
    let (dim, bold, reset) = if opts.color {
        (
            style::DIM.to_string(),
            style::BOLD.to_string(),
            style::RESET.to_string(),
        )
    } else {
        (String::new(), String::new(), String::new())
    };
    let label_width = 5; // "  old "
                         // The label, " │ ", the text.
    let cols = opts.width.saturating_sub(label_width + 3).max(2);
    let mut last_src: Option<&[usize]> = None;
    for row in rows(diff, opts.context) {
        let k = match row {
            Row::Hidden(n) => {
                let s = if n == 1 { "" } else { "s" };
                writeln!(w, "{dim}… {n} unchanged segment{s}{reset}")?;
                writeln!(w)?;
                last_src = None;
                continue;
            }
            Row::Segment(k) => k,
        };
        let seg = &diff.segments[k];
        let ks = if opts.color {
            kind_style(seg.kind).to_string()
        } else {
            String::new()
        };
        writeln!(
            w,
            "{bold}#{}{reset} {ks}{}{reset} {dim}{}{reset}",
            k + 1,
            seg.kind,
            position(seg)
        )?;
        if diff.src.is_some() {
            let same = last_src == Some(seg.src.as_slice());
            let src = diff.src_text(seg);
            if same && !src.is_empty() {
                writeln!(
                    w,
                    "{dim}{:>label_width$} │ (same source as above){reset}",
                    "ar"
                )?;
            } else if !src.is_empty() {
                // Escaped before wrapping, so that widths count the escapes;
                // balanced again per line, since wrapping cuts through pairs.
                for line in cell_lines(&printable(&src), cols) {
                    writeln!(
                        w,
                        "{dim}{:>label_width$} │{reset} {}",
                        "ar",
                        printable(line.trim_end())
                    )?;
                }
            }
            last_src = Some(seg.src.as_slice());
        }
        let detail = char_detail(&seg.changes, opts.max_char_edits);
        let mut side = |label: &str, op: ChangeOp, changes: &[Change]| -> io::Result<()> {
            for line in wrap_changes(changes, op, cols, !opts.color) {
                writeln!(
                    w,
                    "{dim}{label:>label_width$} │{reset} {}",
                    paint(&line, opts.color)
                )?;
            }
            Ok(())
        };
        match seg.kind {
            SegmentKind::Unchanged => side("", ChangeOp::Equal, &detail)?,
            SegmentKind::Moved if detail.iter().all(|c| c.op == ChangeOp::Equal) => {
                side("", ChangeOp::Equal, &detail)?
            }
            SegmentKind::Inserted => side("new", ChangeOp::Insert, &detail)?,
            SegmentKind::Deleted => side("old", ChangeOp::Delete, &detail)?,
            _ => {
                side("old", ChangeOp::Delete, &detail)?;
                side("new", ChangeOp::Insert, &detail)?;
            }
        }
        writeln!(w)?;
    }
    for line in crate::render::wrap(&diff.summary().to_string(), opts.width) {
        writeln!(w, "{bold}{line}{reset}")?;
    }
    Ok(())
}

/// One line of the JSON lines view.
#[derive(Debug, Serialize)]
struct JsonSegment<'a> {
    kind: SegmentKind,
    src: Vec<&'a str>,
    old: Vec<&'a str>,
    new: Vec<&'a str>,
    changes: &'a [Change],
    #[serde(skip_serializing_if = "Option::is_none")]
    chars: Option<Vec<Change>>,
    ids: Ids<'a>,
}

/// Sentence indexes (0-based) of a JSON line.
#[derive(Debug, Serialize)]
struct Ids<'a> {
    src: &'a [usize],
    old: &'a [usize],
    new: &'a [usize],
}

/// Write one JSON object a line per segment: `kind`; `src`, `old`, `new`
/// (sentence texts); `changes` (word-level `op` and `text`); `chars` (the
/// character-level view, only when it differs); `ids` (0-based sentence
/// indexes of `src`, `old` and `new`).
pub fn write_jsonl(w: &mut dyn Write, diff: &Diff, max_char_edits: usize) -> io::Result<()> {
    let texts = |doc: Option<&crate::Document>, ids: &[usize]| -> Vec<String> {
        doc.map_or(Vec::new(), |d| {
            ids.iter()
                .filter_map(|&i| d.sentences.get(i))
                .map(|s| s.text.clone())
                .collect()
        })
    };
    for seg in &diff.segments {
        let (src, old, new) = (
            texts(diff.src.as_ref(), &seg.src),
            texts(Some(&diff.old), &seg.old),
            texts(Some(&diff.new), &seg.new),
        );
        let chars = char_detail(&seg.changes, max_char_edits);
        let line = JsonSegment {
            kind: seg.kind,
            src: src.iter().map(String::as_str).collect(),
            old: old.iter().map(String::as_str).collect(),
            new: new.iter().map(String::as_str).collect(),
            changes: &seg.changes,
            chars: (chars != seg.changes).then_some(chars),
            ids: Ids {
                src: &seg.src,
                old: &seg.old,
                new: &seg.new,
            },
        };
        serde_json::to_writer(&mut *w, &line)?;
        writeln!(w)?;
    }
    Ok(())
}

/// Escape text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One side of a segment in HTML, with `<del>` or `<ins>` around changes.
fn html_side(changes: &[Change], side: ChangeOp) -> String {
    let mut out = String::new();
    for c in changes
        .iter()
        .filter(|c| c.op == ChangeOp::Equal || c.op == side)
    {
        let text = escape_html(&c.text);
        match c.op {
            ChangeOp::Equal => out.push_str(&text),
            ChangeOp::Delete => out.push_str(&format!("<del>{text}</del>")),
            ChangeOp::Insert => out.push_str(&format!("<ins>{text}</ins>")),
        }
    }
    out
}

const CSS: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',sans-serif;margin:2em;color:#1d1d1f;background:#fff}
h1{font-size:1.3em;margin:0 0 .3em}
p.summary{color:#444;margin:0 0 1.2em}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-bottom:1px solid #ddd;padding:.45em .6em;vertical-align:top;text-align:left;line-height:1.45}
th{background:#f4f4f6;font-weight:600}
col.num{width:3em}col.kind{width:6.5em}
td.src{text-align:right;font-family:'Noto Naskh Arabic','Noto Sans Arabic','DejaVu Sans',serif;font-size:1.08em}
tr.unchanged td{color:#777}
td.kind span.tag{display:inline-block;padding:0 .4em;border-radius:.3em;font-size:.85em}
tr.edited span.tag,tr.moved span.tag,tr.merged span.tag,tr.split span.tag{background:#fff3c4}
tr.inserted span.tag{background:#d4f7d4}
tr.deleted span.tag{background:#fbd3d3}
del{background:#fbd3d3;color:#8b0000;text-decoration:line-through}
ins{background:#d4f7d4;color:#05540f;text-decoration:none}
tr.hidden td{text-align:center;color:#888;font-style:italic}
.pos{display:block;color:#888;font-size:.8em}
";

/// Write a self-contained HTML page (inline CSS, no script, no external
/// asset): a side-by-side table of source, old and new text, Arabic right
/// to left, deletions in `<del>` and insertions in `<ins>`.
pub fn write_html(
    w: &mut dyn Write,
    diff: &Diff,
    title: &str,
    opts: &ViewOptions,
) -> io::Result<()> {
    let src_lang = diff
        .src
        .as_ref()
        .map_or("ar", |d| d.language.as_str())
        .to_string();
    let lang = escape_html(&diff.new.language);
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, "<html lang=\"{lang}\">")?;
    writeln!(w, "<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(w, "<title>{}</title>", escape_html(title))?;
    writeln!(w, "<style>\n{CSS}</style>\n</head>\n<body>")?;
    writeln!(w, "<h1>{}</h1>", escape_html(title))?;
    writeln!(
        w,
        "<p class=\"summary\">{}</p>",
        escape_html(&diff.summary().to_string())
    )?;
    let with_src = diff.src.is_some();
    writeln!(w, "<table>")?;
    write!(w, "<colgroup><col class=\"num\"><col class=\"kind\">")?;
    if with_src {
        write!(w, "<col>")?;
    }
    writeln!(w, "<col><col></colgroup>")?;
    write!(w, "<thead><tr><th>#</th><th>change</th>")?;
    if with_src {
        write!(w, "<th>source</th>")?;
    }
    writeln!(w, "<th>old</th><th>new</th></tr></thead>\n<tbody>")?;
    let ncols = if with_src { 5 } else { 4 };
    for row in rows(diff, opts.context) {
        let k = match row {
            Row::Hidden(n) => {
                let s = if n == 1 { "" } else { "s" };
                writeln!(w, "<tr class=\"hidden\"><td colspan=\"{ncols}\">… {n} unchanged segment{s}</td></tr>")?;
                continue;
            }
            Row::Segment(k) => k,
        };
        let seg = &diff.segments[k];
        let detail = char_detail(&seg.changes, opts.max_char_edits);
        write!(
            w,
            "<tr class=\"{kind}\"><td>{n}</td><td class=\"kind\"><span class=\"tag\">{kind}</span><span class=\"pos\">{pos}</span></td>",
            kind = seg.kind,
            n = k + 1,
            pos = escape_html(&position(seg)),
        )?;
        if with_src {
            write!(
                w,
                "<td class=\"src\" dir=\"rtl\" lang=\"{}\">{}</td>",
                escape_html(&src_lang),
                escape_html(&diff.src_text(seg))
            )?;
        }
        let (old, new) = match seg.kind {
            SegmentKind::Unchanged => {
                let t = html_side(&detail, ChangeOp::Equal);
                (t.clone(), t)
            }
            _ => (
                html_side(&detail, ChangeOp::Delete),
                html_side(&detail, ChangeOp::Insert),
            ),
        };
        writeln!(
            w,
            "<td class=\"old\">{old}</td><td class=\"new\">{new}</td></tr>"
        )?;
    }
    writeln!(w, "</tbody>\n</table>\n</body>\n</html>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Differ;
    use crate::Document;

    fn sample() -> Diff {
        let old = Document::from_paragraphs(
            "en",
            vec![vec![
                "Spokesman Mahmoud Shaheen spoke.".into(),
                "Nothing changed here.".into(),
                "Gone <soon> & forgotten.".into(),
            ]],
        );
        let new = Document::from_paragraphs(
            "en",
            vec![vec![
                "Spokesman Mahmoud Shahin spoke.".into(),
                "Nothing changed here.".into(),
            ]],
        );
        Differ::default().diff(&old, &new)
    }

    #[test]
    fn plain_text_marks_changes_wdiff_style() {
        let mut out = Vec::new();
        write_text(&mut out, &sample(), &ViewOptions::default()).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.contains("old │ Spokesman Mahmoud Shah[-ee-]n spoke."),
            "{s}"
        );
        assert!(
            s.contains("new │ Spokesman Mahmoud Shah{+i+}n spoke."),
            "{s}"
        );
        assert!(s.contains("[-Gone <soon> & forgotten.-]"), "{s}");
        assert!(!s.contains('\x1b'));
    }

    #[test]
    fn colour_uses_the_deleted_and_inserted_styles() {
        let mut out = Vec::new();
        write_text(
            &mut out,
            &sample(),
            &ViewOptions {
                color: true,
                ..ViewOptions::default()
            },
        )
        .unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains(&format!("{}ee{}", style::DELETED, style::RESET)));
        assert!(s.contains(&format!("{}i{}", style::INSERTED, style::RESET)));
    }

    #[test]
    fn context_hides_far_unchanged_segments() {
        let lines: Vec<String> = (0..6)
            .map(|k| format!("Sentence number {k} is here."))
            .collect();
        let old = Document::from_paragraphs("en", vec![lines.clone()]);
        let mut changed = lines;
        changed[5] = "Sentence number five is here.".into();
        let new = Document::from_paragraphs("en", vec![changed]);
        let d = Differ::default().diff(&old, &new);
        assert_eq!(
            rows(&d, Some(1)),
            vec![Row::Hidden(4), Row::Segment(4), Row::Segment(5)]
        );
        assert_eq!(rows(&d, None).len(), 6);
    }

    #[test]
    fn html_is_escaped() {
        let mut out = Vec::new();
        write_html(&mut out, &sample(), "a <b>", &ViewOptions::default()).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.contains("<del>Gone &lt;soon&gt; &amp; forgotten.</del>"),
            "{s}"
        );
        assert!(s.contains("<title>a &lt;b&gt;</title>"));
    }

    #[test]
    fn jsonl_has_one_segment_a_line() {
        let mut out = Vec::new();
        write_jsonl(&mut out, &sample(), 3).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<serde_json::Value> = s
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["kind"], "edited");
        assert_eq!(lines[0]["changes"][1]["op"], "delete");
        assert_eq!(lines[0]["changes"][1]["text"], "Shaheen");
        assert_eq!(lines[0]["chars"][1]["text"], "ee");
        assert_eq!(lines[2]["kind"], "deleted");
    }
}
