//! Walking a revision: the segments of a [`Diff`] one under the other as
//! `jisr diff` prints them (the source sentences, then the old and the new
//! translation with the words that changed coloured, or marked `[-…-]` and
//! `{+…+}` without colour), `n`/`N` from change to change.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::screen::{areas, draw_help, help_line, is_quit_key, Flow, ItemList, Palette, Screen};
use crate::diff::view::{kind_style, paint, position, wrap_changes, Piece};
use crate::diff::{char_detail, ChangeOp, Diff, SegmentKind};
use crate::printable::printable;
use crate::render::{cell_lines, style};

/// The keys of the revision walk: (keys, what they do).
pub const KEYS: &[(&str, &str)] = &[
    ("n N", "next / previous change"),
    ("↑ ↓  k j", "previous / next segment (changed or not)"),
    ("PgUp PgDn", "a screen up / down"),
    ("g G  Home End", "first / last segment"),
    ("q", "quit"),
    ("?", "this help"),
];

/// The help line.
const SHORT_KEYS: &[(&str, &str)] = &[
    ("?", "help"),
    ("q", "quit"),
    ("n/N", "next/previous change"),
    ("j/k", "move"),
    ("g/G", "first/last"),
];

/// The labels' width: `  old │ `.
const LABEL: usize = 5;

/// The revision walk's screen.
pub struct RevisionScreen {
    /// What changed.
    diff: Diff,
    /// The selected segment.
    selected: usize,
    /// Styles.
    palette: Palette,
    /// Words differing in at most this many characters are shown character
    /// by character, as `jisr diff` shows them.
    max_char_edits: usize,
    /// The help screen is shown.
    help: bool,
    /// Shown on the bottom line until the next key.
    message: Option<String>,
    /// The scrolled list of segments.
    list: ItemList,
}

impl RevisionScreen {
    /// A screen walking `diff`, its first change selected.
    pub fn new(diff: Diff, palette: Palette, max_char_edits: usize) -> Self {
        let selected = diff
            .segments
            .iter()
            .position(|s| s.is_change())
            .unwrap_or(0);
        RevisionScreen {
            diff,
            selected,
            palette,
            max_char_edits,
            help: false,
            message: None,
            list: ItemList::default(),
        }
    }

    /// The selected segment.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Select the next (or previous) changed segment; no wrapping around,
    /// so that the ends are noticed.
    fn next_change(&mut self, forward: bool) {
        let changed = |k: &usize| self.diff.segments[*k].is_change();
        let found = if forward {
            (self.selected + 1..self.diff.segments.len()).find(changed)
        } else {
            (0..self.selected).rev().find(changed)
        };
        match found {
            Some(k) => self.selected = k,
            None if forward => self.message = Some("no change below".into()),
            None => self.message = Some("no change above".into()),
        }
    }

    /// Move by `delta` segments, stopping at either end.
    fn move_by(&mut self, delta: isize) {
        let last = self.diff.segments.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Which change (1-based) the selected segment is, and how many there are.
    fn change_number(&self) -> (Option<usize>, usize) {
        let changes: Vec<usize> = (0..self.diff.segments.len())
            .filter(|&k| self.diff.segments[k].is_change())
            .collect();
        let at = changes
            .iter()
            .position(|&k| k == self.selected)
            .map(|i| i + 1);
        (at, changes.len())
    }

    /// The lines of segment `k`: heading, source, old and new text, a blank line.
    fn segment_lines(&self, k: usize, total: usize) -> Vec<Line<'static>> {
        let p = self.palette;
        let seg = &self.diff.segments[k];
        let heading_style = if k == self.selected {
            p.selected_gutter()
        } else {
            p.style(style::BOLD)
        };
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("#{}", k + 1), heading_style),
            Span::raw(" "),
            Span::styled(seg.kind.to_string(), p.style(kind_style(seg.kind))),
            Span::raw(" "),
            Span::styled(position(seg), p.style(style::DIM)),
        ])];
        let cols = total.saturating_sub(LABEL + 3).max(2);
        let label = |name: &str| Span::styled(format!("{name:>LABEL$} │ "), p.style(style::DIM));
        let src = self.diff.src_text(seg);
        if let (Some(doc), false) = (&self.diff.src, src.is_empty()) {
            let name: String = doc.language.chars().take(LABEL).collect();
            // Escaped before wrapping, so that widths count the escapes.
            for line in cell_lines(&printable(&src), cols) {
                lines.push(Line::from(vec![
                    label(&name),
                    Span::raw(printable(line.trim_end()).into_owned()),
                ]));
            }
        }
        let detail = char_detail(&seg.changes, self.max_char_edits);
        let mut side = |name: &str, op: ChangeOp| {
            for line in wrap_changes(&detail, op, cols, !p.color) {
                let mut spans = vec![label(name)];
                spans.extend(self.spans(&line));
                lines.push(Line::from(spans));
            }
        };
        match seg.kind {
            SegmentKind::Unchanged => side("", ChangeOp::Equal),
            SegmentKind::Moved if detail.iter().all(|c| c.op == ChangeOp::Equal) => {
                side("", ChangeOp::Equal)
            }
            SegmentKind::Inserted => side("new", ChangeOp::Insert),
            SegmentKind::Deleted => side("old", ChangeOp::Delete),
            _ => {
                side("old", ChangeOp::Delete);
                side("new", ChangeOp::Insert);
            }
        }
        lines.push(Line::raw(""));
        lines
    }

    /// One wrapped line of changes: coloured as `jisr diff` colours them,
    /// or its plain text with the `[-…-]` and `{+…+}` marks.
    fn spans(&self, line: &[Piece]) -> Vec<Span<'static>> {
        if !self.palette.color {
            return vec![Span::raw(paint(line, false))];
        }
        line.iter()
            .map(|(text, op)| {
                let text = printable(text).into_owned();
                match op {
                    ChangeOp::Equal => Span::raw(text),
                    ChangeOp::Delete => Span::styled(text, self.palette.style(style::DELETED)),
                    ChangeOp::Insert => Span::styled(text, self.palette.style(style::INSERTED)),
                }
            })
            .collect()
    }

    /// The status line.
    fn status(&self, width_cols: usize) -> Line<'static> {
        let (at, changes) = self.change_number();
        let where_ = match at {
            Some(i) => format!("change {i} of {changes}"),
            None if changes == 0 => "no change".to_string(),
            None => format!("{changes} changes"),
        };
        let text = format!(
            " {where_} │ segment {} of {} │ {}",
            (self.selected + 1).min(self.diff.segments.len()),
            self.diff.segments.len(),
            self.diff.summary()
        );
        self.palette.status_line(&text, width_cols)
    }
}

impl Screen for RevisionScreen {
    fn draw(&mut self, frame: &mut Frame) {
        if self.help {
            let notes = [
                "Each change is shown with the source sentences it translates; without colour, deletions are [-marked-] and insertions {+marked+}.",
            ];
            draw_help(frame, "jisr review SRC OLD NEW: keys", KEYS, &notes);
            return;
        }
        let [list, status, bottom] = areas(frame.area());
        let total = list.width as usize;
        let mut items = std::mem::take(&mut self.list);
        items.draw(frame, list, self.diff.segments.len(), self.selected, |k| {
            self.segment_lines(k, total)
        });
        self.list = items;
        let w = frame.area().width as usize;
        frame.render_widget(Paragraph::new(self.status(w)), status);
        let bottom_line = match &self.message {
            Some(m) => Line::styled(m.clone(), self.palette.warning()),
            None => help_line(SHORT_KEYS, w, self.palette),
        };
        frame.render_widget(Paragraph::new(bottom_line), bottom);
    }

    fn key(&mut self, key: KeyEvent) -> Flow {
        self.message = None;
        if std::mem::take(&mut self.help) {
            return Flow::Continue;
        }
        if is_quit_key(&key) {
            return Flow::Quit;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return Flow::Continue;
        }
        let page = self.list.page() as isize;
        match key.code {
            KeyCode::Char('n') => self.next_change(true),
            KeyCode::Char('N') => self.next_change(false),
            KeyCode::Up | KeyCode::Char('k') => self.move_by(-1),
            KeyCode::Down | KeyCode::Char('j') => self.move_by(1),
            KeyCode::PageUp => self.move_by(-page),
            KeyCode::PageDown => self.move_by(page),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.move_by(isize::MAX),
            KeyCode::Char('?') => self.help = true,
            _ => {}
        }
        Flow::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Differ;
    use crate::review::screen::{draw_or_refuse, drawn};
    use crate::Document;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    fn sample() -> Diff {
        let en = |s: &[&str]| {
            Document::from_paragraphs("en", vec![s.iter().map(|t| t.to_string()).collect()])
        };
        let old = en(&[
            "The port opened on Monday.",
            "Nothing changed here.",
            "The minister was happy.",
        ]);
        let new = en(&[
            "The port opened on Tuesday.",
            "Nothing changed here.",
            "The minister was very happy.",
        ]);
        Differ::default().diff(&old, &new)
    }

    fn text(s: &mut RevisionScreen) -> String {
        drawn(s, 80, 20)
    }

    #[test]
    fn n_walks_from_change_to_change() {
        let mut s = RevisionScreen::new(sample(), Palette { color: false }, 3);
        assert_eq!(s.selected(), 0);
        let t = text(&mut s);
        assert!(t.contains("change 1 of 2 │ segment 1 of 3"), "{t}");
        assert!(t.contains("old │ The port opened on [-Monday-]."), "{t}");
        assert!(t.contains("new │ The port opened on {+Tuesday+}."), "{t}");
        s.key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE));
        assert_eq!(s.selected(), 2, "the unchanged segment is skipped");
        s.key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE));
        assert!(text(&mut s).contains("no change below"));
        s.key(KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE));
        assert!(text(&mut s).contains(" 2 changes │ segment 2 of 3"));
        s.key(KeyEvent::new(KeyCode::Char('N'), KeyModifiers::NONE));
        assert_eq!(s.selected(), 0);
        assert_eq!(
            s.key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
            Flow::Quit
        );
    }

    #[test]
    fn colour_marks_changes_with_the_diff_styles() {
        let mut s = RevisionScreen::new(sample(), Palette { color: true }, 3);
        let mut t = Terminal::new(TestBackend::new(80, 20)).unwrap();
        t.draw(|f| draw_or_refuse(f, &mut s)).unwrap();
        let b = t.backend().buffer();
        let cells: Vec<_> = (0..20)
            .flat_map(|y| (0..80).map(move |x| (x, y)))
            .map(|p| &b[p])
            .collect();
        let inserted = cells
            .iter()
            .filter(|c| c.fg == ratatui::style::Color::Green)
            .map(|c| c.symbol())
            .collect::<String>();
        assert_eq!(inserted, "Tuesdayvery");
        assert!(!text(&mut s).contains("{+"));
    }
}
