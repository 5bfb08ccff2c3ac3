//! The review editor's screen: the beads side by side as `jisr align
//! --format text` shows them (Arabic right to left, wrapped to the window),
//! the selected bead highlighted, a status line and a help line, and the
//! keys that drive an [`Editor`].
//!
//! Writing goes through a [`Saver`] the caller gives: the program decides
//! which files may be written (never one of the texts being reviewed).

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::edit::{Editor, Found, Refused, Side};
use super::screen::{
    areas, draw_help, help_line, is_quit_key, Flow, ItemList, Palette, Prompt, PromptKey, Screen,
};
use super::Review;
use crate::render::{cell_lines, style};

/// Writes a review to a file: something to add to the message saying so
/// (often nothing), or why it could not (one line).
pub type Saver = Box<dyn FnMut(&Review, &Path) -> Result<String, String>>;

/// The keys of the review editor: (keys, what they do), in the order of
/// the help screen.
pub const KEYS: &[(&str, &str)] = &[
    ("↑ ↓  k j", "previous / next bead"),
    ("PgUp PgDn", "a screen up / down"),
    ("g G  Home End", "first / last bead"),
    (
        "n N",
        "next / previous doubtful bead (after a search: match)",
    ),
    (
        "/",
        "search both languages (case, harakat, alef and yaa forms ignored)",
    ),
    ("Esc", "end the search: n N go to doubtful beads again"),
    ("m", "merge the bead with the next one"),
    (
        "s",
        "split: move the bead's last source sentence into the next bead",
    ),
    ("S", "take back the next bead's first source sentence"),
    ("t T", "the same for target sentences"),
    (
        "o",
        "the bead's last source sentence has no counterpart (1-0)",
    ),
    (
        "O",
        "the bead's last target sentence has no counterpart (0-1)",
    ),
    (
        "space",
        "confirm the bead as reviewed (again: take it back)",
    ),
    ("Enter", "confirm the bead and go to the next one"),
    ("u", "undo"),
    ("Ctrl-r", "redo"),
    ("w", "write the review (to -o FILE, or the file opened)"),
    ("q", "quit (asks when there are unsaved changes)"),
    ("?", "this help"),
];

/// The help line: the keys most used, the first ones always shown.
const SHORT_KEYS: &[(&str, &str)] = &[
    ("?", "help"),
    ("q", "quit"),
    ("w", "write"),
    ("j/k", "move"),
    ("n/N", "doubtful"),
    ("space", "reviewed"),
    ("m", "merge"),
    ("s/t", "split"),
    ("S/T", "take back"),
    ("o/O", "no counterpart"),
    ("u", "undo"),
    ("^r", "redo"),
    ("/", "search"),
];

/// What the help screen says besides the keys.
const NOTES: &[&str] = &[
    "A bead is doubtful when its confidence is below the threshold (--doubtful) and nobody has confirmed it yet. \
     A bead you merge or split is a new link: it is no longer reviewed, and keeps the lowest confidence of the beads it came from.",
    "Gutter: bead number, shape (source-target sentences), ✓ reviewed or ? doubtful, confidence.",
];

/// What the bottom line is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    /// Keys act on the beads.
    Normal,
    /// The help screen is shown; any key goes back.
    Help,
    /// Typing a search.
    Search(Prompt),
    /// Typing the file to write to; then quit when `quit` is set.
    SavePath {
        /// The input.
        prompt: Prompt,
        /// Quit once written (`w` answered to the quit question).
        quit: bool,
    },
    /// `q` with unsaved changes: asking whether to quit.
    ConfirmQuit,
}

/// A message on the bottom line until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Message {
    /// What happened.
    Info(String),
    /// What was refused or failed.
    Warning(String),
}

/// The review editor's screen.
pub struct ReviewScreen {
    /// The review and its history.
    editor: Editor,
    /// Styles.
    palette: Palette,
    /// Where `w` writes (`None`: it asks).
    save_to: Option<PathBuf>,
    /// Writes the review.
    saver: Saver,
    /// What keys do now.
    mode: Mode,
    /// Shown on the bottom line until the next key.
    message: Option<Message>,
    /// The search `n`/`N` follow, until Esc.
    search: Option<String>,
    /// The scrolled list of beads.
    list: ItemList,
}

impl ReviewScreen {
    /// A screen editing `editor`'s review; `w` writes with `saver` to
    /// `save_to`, or asks for a file when it is `None`.
    pub fn new(editor: Editor, palette: Palette, save_to: Option<PathBuf>, saver: Saver) -> Self {
        ReviewScreen {
            editor,
            palette,
            save_to,
            saver,
            mode: Mode::Normal,
            message: None,
            search: None,
            list: ItemList::default(),
        }
    }

    /// The editor, to inspect the review.
    pub fn editor(&self) -> &Editor {
        &self.editor
    }

    /// Where `w` writes now.
    pub fn save_to(&self) -> Option<&Path> {
        self.save_to.as_deref()
    }

    /// Say what happened.
    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message::Info(text.into()));
    }

    /// Say what was refused.
    fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message::Warning(text.into()));
    }

    /// Report an editing operation: `done` when it worked, why not otherwise.
    fn report(&mut self, result: Result<(), Refused>, done: &str) {
        match result {
            Ok(()) => self.info(format!("{done} (u undoes)")),
            Err(why) => self.warn(why.to_string()),
        }
    }

    /// Report where a jump landed, or that there was nowhere to go.
    fn report_jump(&mut self, found: Option<Found>, none: String) {
        match found {
            Some(Found { wrapped: true, .. }) => self.info("went on from the other end"),
            Some(_) => {}
            None => self.warn(none),
        }
    }

    /// Write to the file given, or ask for one; true when written.
    fn write(&mut self, quit: bool) -> bool {
        match self.save_to.clone() {
            Some(path) => self.write_to(path),
            None => {
                self.mode = Mode::SavePath {
                    prompt: Prompt::new("Write to (FILE.jsonl or FILE.tmx; Esc cancels): "),
                    quit,
                };
                false
            }
        }
    }

    /// Write to `path`, which becomes where `w` writes; true when written.
    fn write_to(&mut self, path: PathBuf) -> bool {
        match (self.saver)(self.editor.review(), &path) {
            Ok(note) => {
                self.editor.mark_saved();
                self.info(format!(
                    "written to {} ({} beads, {} reviewed){note}",
                    path.display(),
                    self.editor.len(),
                    self.editor.reviewed_count()
                ));
                self.save_to = Some(path);
                true
            }
            Err(why) => {
                self.warn(why);
                false
            }
        }
    }

    /// `n` or `N`: the next match of the search, or the next doubtful bead.
    fn next(&mut self, forward: bool) {
        if let Some(query) = self.search.clone() {
            let found = self.editor.search(&query, forward);
            self.report_jump(found, format!("no bead contains “{query}”"));
        } else {
            let found = if forward {
                self.editor.next_doubtful()
            } else {
                self.editor.prev_doubtful()
            };
            let threshold = self.editor.doubtful_threshold();
            self.report_jump(
                found,
                format!("no doubtful bead (below {threshold:.2} and not reviewed)"),
            );
        }
    }

    /// A key in the normal mode.
    fn normal_key(&mut self, key: KeyEvent) -> Flow {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let page = self.list.page() as isize;
        match key.code {
            _ if is_quit_key(&key) => {
                if self.editor.is_modified() {
                    self.mode = Mode::ConfirmQuit;
                } else {
                    return Flow::Quit;
                }
            }
            KeyCode::Char('r') if ctrl => {
                let r = self.editor.redo();
                self.report(r, "redone");
            }
            _ if ctrl => {}
            KeyCode::Up | KeyCode::Char('k') => self.editor.move_by(-1),
            KeyCode::Down | KeyCode::Char('j') => self.editor.move_by(1),
            KeyCode::PageUp => self.editor.move_by(-page),
            KeyCode::PageDown => self.editor.move_by(page),
            KeyCode::Home | KeyCode::Char('g') => self.editor.select(0),
            KeyCode::End | KeyCode::Char('G') => self.editor.select(usize::MAX),
            KeyCode::Char('n') => self.next(true),
            KeyCode::Char('N') => self.next(false),
            KeyCode::Char('/') => self.mode = Mode::Search(Prompt::new("/")),
            KeyCode::Esc if self.search.take().is_some() => {
                self.info("search ended: n N go to doubtful beads");
            }
            KeyCode::Char('m') => {
                let r = self.editor.merge_next();
                self.report(r, "merged with the next bead");
            }
            KeyCode::Char(c @ ('s' | 'S' | 't' | 'T' | 'o' | 'O')) => {
                let side = if matches!(c, 's' | 'S' | 'o') {
                    Side::Source
                } else {
                    Side::Target
                };
                let name = side.name();
                let (r, done) = match c {
                    's' | 't' => (
                        self.editor.give_to_next(side),
                        format!("last {name} sentence moved to the next bead"),
                    ),
                    'S' | 'T' => (
                        self.editor.take_from_next(side),
                        format!("took the next bead's first {name} sentence"),
                    ),
                    _ => (
                        self.editor.no_counterpart(side),
                        format!("last {name} sentence marked as having no counterpart"),
                    ),
                };
                self.report(r, &done);
            }
            KeyCode::Char(' ') => {
                if let Err(why) = self.editor.toggle_reviewed() {
                    self.warn(why.to_string());
                }
            }
            KeyCode::Enter => {
                let k = self.editor.selected();
                if !self.editor.is_empty() && !self.editor.review().beads[k].reviewed {
                    let _ = self.editor.toggle_reviewed();
                }
                self.editor.move_by(1);
            }
            KeyCode::Char('u') => {
                let r = self.editor.undo();
                self.report(r, "undone");
            }
            KeyCode::Char('w') => {
                self.write(false);
            }
            KeyCode::Char('?') => self.mode = Mode::Help,
            _ => {}
        }
        Flow::Continue
    }

    /// Start searching for `query` (an empty one ends the search).
    fn start_search(&mut self, query: String) {
        if query.trim().is_empty() {
            self.search = None;
            return;
        }
        let found = self.editor.search(&query, true);
        if found.is_some() {
            self.search = Some(query.clone());
        }
        self.report_jump(found, format!("no bead contains “{query}”"));
    }

    /// The lines of bead `k`: a rule first when it opens a paragraph.
    fn bead_lines(&self, k: usize, layout: &Columns) -> Vec<Line<'static>> {
        let review = self.editor.review();
        let b = &review.beads[k];
        let selected = k == self.editor.selected();
        let p = self.palette;
        let mut lines = Vec::new();
        if k > 0 && review.paragraph(k) != review.paragraph(k - 1) {
            lines.push(Line::styled("─".repeat(layout.total), p.style(style::DIM)));
        }
        let doubtful = self.editor.is_doubtful(k);
        let flag = if b.reviewed {
            "✓"
        } else if doubtful {
            "?"
        } else {
            " "
        };
        let head = format!(
            "{:>digits$} {:<kind$} {flag} {:.2}",
            k + 1,
            format!("{}-{}", b.src.len(), b.tgt.len()),
            b.confidence,
            digits = layout.digits,
            kind = layout.kind,
        );
        let (head_style, text_style) = if selected {
            (p.selected_gutter(), p.selected_text())
        } else if b.reviewed {
            (p.style(style::INSERTED), Style::new())
        } else if doubtful {
            (p.style(style::YELLOW), Style::new())
        } else {
            (p.style(style::DIM), Style::new())
        };
        let left = cell_lines(&review.src.text_of(b.src.clone()), layout.col);
        let right = cell_lines(&review.tgt.text_of(b.tgt.clone()), layout.col);
        let blank = " ".repeat(layout.col);
        for r in 0..left.len().max(right.len()) {
            let gutter = if r == 0 {
                head.clone()
            } else {
                " ".repeat(layout.gutter)
            };
            lines.push(Line::from(vec![
                Span::styled(gutter, head_style),
                Span::styled(" ", text_style),
                Span::styled(left.get(r).unwrap_or(&blank).clone(), text_style),
                Span::styled(" │ ", p.style(style::DIM).patch(text_style)),
                Span::styled(right.get(r).unwrap_or(&blank).clone(), text_style),
            ]));
        }
        lines
    }

    /// The status line: where we are, what is done, what is unsaved.
    fn status(&self, width: usize) -> Line<'static> {
        let e = &self.editor;
        let mut parts = vec![
            if e.is_empty() {
                "no bead".to_string()
            } else {
                format!("bead {} of {}", e.selected() + 1, e.len())
            },
            format!("{} reviewed", e.reviewed_count()),
            format!(
                "{} doubtful (< {:.2})",
                e.doubtful_count(),
                e.doubtful_threshold()
            ),
            if e.is_modified() {
                "unsaved changes".to_string()
            } else {
                "no unsaved changes".to_string()
            },
        ];
        if let Some(q) = &self.search {
            parts.push(format!("search: {} (n N)", crate::printable::printable(q)));
        }
        if let Some(path) = &self.save_to {
            parts.push(format!(
                "w → {}",
                crate::printable::printable(&path.display().to_string())
            ));
        }
        self.palette
            .status_line(&format!(" {}", parts.join(" │ ")), width)
    }

    /// The bottom line: a prompt, a message or the help line.
    fn bottom(&self, width: usize) -> Line<'static> {
        match (&self.mode, &self.message) {
            (Mode::Search(p) | Mode::SavePath { prompt: p, .. }, _) => p.line(),
            (Mode::ConfirmQuit, _) => {
                Line::styled(self.question().unwrap_or_default(), self.palette.warning())
            }
            (_, Some(Message::Info(m))) => Line::raw(m.clone()),
            (_, Some(Message::Warning(m))) => Line::styled(m.clone(), self.palette.warning()),
            _ => help_line(SHORT_KEYS, width, self.palette),
        }
    }
}

/// Column layout of the bead list for a window width.
struct Columns {
    /// Digits of the bead number.
    digits: usize,
    /// Width of the shape (`1-2`).
    kind: usize,
    /// Width of the gutter: number, shape, flag, confidence.
    gutter: usize,
    /// Width of each text column.
    col: usize,
    /// The whole width.
    total: usize,
}

impl Columns {
    /// Fit the gutter and two text columns into `total` columns.
    fn new(review: &Review, total: usize) -> Columns {
        let digits = review.beads.len().to_string().len().max(2);
        let kind = review
            .beads
            .iter()
            .map(|b| b.src.len().to_string().len() + 1 + b.tgt.len().to_string().len())
            .max()
            .unwrap_or(0)
            .max(3);
        // "12 1-1 ✓ 0.98"
        let gutter = digits + 1 + kind + 3 + 4;
        // The gutter, a space, the source column, " │ ", the target column.
        let col = (total.saturating_sub(gutter + 4) / 2).max(1);
        Columns {
            digits,
            kind,
            gutter,
            col,
            total,
        }
    }
}

impl Screen for ReviewScreen {
    fn draw(&mut self, frame: &mut Frame) {
        if self.mode == Mode::Help {
            draw_help(frame, "jisr review: keys", KEYS, NOTES);
            return;
        }
        let [list, status, bottom] = areas(frame.area());
        let columns = Columns::new(self.editor.review(), list.width as usize);
        let mut items = std::mem::take(&mut self.list);
        items.draw(
            frame,
            list,
            self.editor.len(),
            self.editor.selected(),
            |k| self.bead_lines(k, &columns),
        );
        self.list = items;
        let width = frame.area().width as usize;
        frame.render_widget(Paragraph::new(self.status(width)), status);
        frame.render_widget(Paragraph::new(self.bottom(width)), bottom);
    }

    fn key(&mut self, key: KeyEvent) -> Flow {
        self.message = None;
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Normal => return self.normal_key(key),
            Mode::Help => {}
            Mode::Search(mut prompt) => match prompt.key(key) {
                PromptKey::Editing => self.mode = Mode::Search(prompt),
                PromptKey::Done(query) => self.start_search(query),
                PromptKey::Cancelled => {}
            },
            Mode::SavePath { mut prompt, quit } => match prompt.key(key) {
                PromptKey::Editing => self.mode = Mode::SavePath { prompt, quit },
                PromptKey::Done(path) if path.trim().is_empty() => {
                    self.warn("not written: no file given")
                }
                PromptKey::Done(path) => {
                    if self.write_to(PathBuf::from(path.trim())) && quit {
                        return Flow::Quit;
                    }
                }
                PromptKey::Cancelled => self.info("not written"),
            },
            Mode::ConfirmQuit => match key.code {
                KeyCode::Char('q' | 'y') => return Flow::Quit,
                KeyCode::Char('w') => {
                    if self.write(true) {
                        return Flow::Quit;
                    }
                }
                _ => self.info("not quitting"),
            },
        }
        Flow::Continue
    }

    fn question(&self) -> Option<String> {
        (self.mode == Mode::ConfirmQuit).then(|| {
            "Unsaved changes: q quits without writing, w writes and quits, any other key goes back."
                .to_string()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::screen::{draw_or_refuse, drawn};
    use crate::Document;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A review of three Arabic-English 1-1 beads, the second doubtful.
    fn sample() -> Review {
        let src = Document::from_paragraphs(
            "ar",
            vec![
                vec![
                    "افتتح الميناء الجديد.".into(),
                    "قال الوزير إنه سعيد.".into(),
                ],
                vec!["وصلت أول سفينة.".into()],
            ],
        );
        let tgt = Document::from_paragraphs(
            "en",
            vec![
                vec![
                    "The new port opened.".into(),
                    "The minister said he was happy.".into(),
                ],
                vec!["The first ship arrived.".into()],
            ],
        );
        let beads = [0.9, 0.3, 0.8]
            .iter()
            .enumerate()
            .map(|(k, &confidence)| super::super::ReviewBead {
                src: k..k + 1,
                tgt: k..k + 1,
                confidence,
                reviewed: false,
            })
            .collect();
        Review { src, tgt, beads }
    }

    /// The files written, by path.
    type Written = Rc<RefCell<Vec<(PathBuf, Review)>>>;

    fn screen(save_to: Option<&str>) -> (ReviewScreen, Written) {
        let written: Written = Rc::default();
        let w = written.clone();
        let saver: Saver = Box::new(move |review: &Review, path: &Path| {
            if path.ends_with("forbidden.jsonl") {
                return Err(format!("{}: is also an input", path.display()));
            }
            w.borrow_mut().push((path.to_path_buf(), review.clone()));
            Ok(String::new())
        });
        let s = ReviewScreen::new(
            Editor::new(sample()),
            Palette { color: false },
            save_to.map(PathBuf::from),
            saver,
        );
        (s, written)
    }

    fn press(s: &mut ReviewScreen, keys: &str) -> Flow {
        let mut flow = Flow::Continue;
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            flow = s.key(KeyEvent::new(code, KeyModifiers::NONE));
        }
        flow
    }

    fn text(s: &mut ReviewScreen, w: u16, h: u16) -> String {
        drawn(s, w, h)
    }

    #[test]
    fn the_screen_shows_both_texts_the_status_and_the_keys() {
        let (mut s, _) = screen(None);
        let t = text(&mut s, 100, 12);
        assert!(t.contains("The new port opened."), "{t}");
        // Arabic in display order, right-aligned in its column.
        assert!(
            t.contains(&crate::render::visual("افتتح الميناء الجديد.")),
            "{t}"
        );
        assert!(t.contains(" 2 1-1 ? 0.30"), "{t}");
        assert!(
            t.contains("bead 1 of 3 │ 0 reviewed │ 1 doubtful (< 0.50) │ no unsaved changes"),
            "{t}"
        );
        assert!(
            t.lines()
                .last()
                .unwrap()
                .starts_with("? help  q quit  w write"),
            "{t}"
        );
        // A rule between the paragraphs.
        assert!(t.contains("────"), "{t}");
    }

    #[test]
    fn keys_edit_and_the_status_follows() {
        let (mut s, _) = screen(None);
        press(&mut s, "m");
        assert_eq!(s.editor().len(), 2);
        let t = text(&mut s, 100, 12);
        assert!(t.contains(" 1 2-2 ? 0.30"), "{t}");
        assert!(t.contains("unsaved changes"), "{t}");
        assert!(t.contains("merged with the next bead (u undoes)"), "{t}");
        press(&mut s, "u");
        assert_eq!(s.editor().len(), 3);
        s.key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
        assert_eq!(s.editor().len(), 2);
        press(&mut s, "us");
        assert_eq!(s.editor().review().beads[1].src, 0..2);
        press(&mut s, "u ");
        assert!(s.editor().review().beads[0].reviewed);
        press(&mut s, "jt");
        let b = &s.editor().review().beads;
        assert_eq!((b[1].src.clone(), b[1].tgt.clone()), (1..2, 1..1));
        assert_eq!((b[2].src.clone(), b[2].tgt.clone()), (2..3, 1..3));
        press(&mut s, "uo");
        assert_eq!(s.editor().review().beads[2].src, 1..2);
        assert_eq!(s.editor().review().beads[2].tgt, 2..2);
    }

    #[test]
    fn n_goes_to_doubtful_beads_then_search_matches() {
        let (mut s, _) = screen(None);
        press(&mut s, "n");
        assert_eq!(s.editor().selected(), 1);
        press(&mut s, "/ship\n");
        assert_eq!(s.editor().selected(), 2);
        assert!(text(&mut s, 100, 12).contains("search: ship (n N)"));
        press(&mut s, "n");
        assert_eq!(s.editor().selected(), 2);
        assert!(text(&mut s, 100, 12).contains("went on from the other end"));
        press(&mut s, "\x1bg");
        press(&mut s, "/nothing like it\n");
        assert!(text(&mut s, 100, 12).contains("no bead contains “nothing like it”"));
        press(&mut s, "N");
        assert_eq!(s.editor().selected(), 1, "n N are back on doubtful beads");
    }

    #[test]
    fn w_writes_and_q_then_quits_at_once() {
        let (mut s, written) = screen(Some("out.jsonl"));
        press(&mut s, "m");
        assert_eq!(press(&mut s, "q"), Flow::Continue);
        assert!(text(&mut s, 100, 12).contains("Unsaved changes: q quits without writing"));
        press(&mut s, "x");
        assert_eq!(press(&mut s, "w"), Flow::Continue);
        assert_eq!(written.borrow().len(), 1);
        assert_eq!(written.borrow()[0].1.beads.len(), 2);
        assert!(text(&mut s, 100, 12).contains("written to out.jsonl (2 beads, 0 reviewed)"));
        assert_eq!(press(&mut s, "q"), Flow::Quit);
    }

    #[test]
    fn w_without_a_file_asks_for_one() {
        let (mut s, written) = screen(None);
        press(&mut s, " w");
        assert!(text(&mut s, 100, 12).contains("Write to (FILE.jsonl or FILE.tmx; Esc cancels):"));
        press(&mut s, "forbidden.jsonl\n");
        assert!(text(&mut s, 100, 12).contains("forbidden.jsonl: is also an input"));
        assert!(s.editor().is_modified());
        press(&mut s, "wmine.jsonl\n");
        assert_eq!(written.borrow()[0].0, PathBuf::from("mine.jsonl"));
        assert_eq!(s.save_to(), Some(Path::new("mine.jsonl")));
        // The quit question's `w` asks too, then quits.
        let (mut s, written) = screen(None);
        press(&mut s, "mqw");
        assert_eq!(press(&mut s, "later.tmx\n"), Flow::Quit);
        assert_eq!(written.borrow()[0].0, PathBuf::from("later.tmx"));
    }

    #[test]
    fn help_shows_every_key_and_any_key_goes_back() {
        let (mut s, _) = screen(None);
        press(&mut s, "?");
        let t = text(&mut s, 100, 40);
        for (k, _) in KEYS {
            assert!(t.contains(k), "{k}: {t}");
        }
        assert_eq!(
            press(&mut s, "q"),
            Flow::Continue,
            "q leaves the help, not the editor"
        );
        assert!(text(&mut s, 100, 12).contains("bead 1 of 3"));
    }

    #[test]
    fn without_colour_the_selection_is_reverse_video() {
        let (mut s, _) = screen(None);
        let mut t = Terminal::new(TestBackend::new(100, 12)).unwrap();
        t.draw(|f| draw_or_refuse(f, &mut s)).unwrap();
        let buf = t.backend().buffer();
        let row = (0..12)
            .find(|&y| buf[(0, y)].symbol() == " " && buf[(1, y)].symbol() == "1")
            .unwrap();
        let cell = &buf[(1, row)];
        assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
        assert!((0..100).all(|x| buf[(x, row)].fg == ratatui::style::Color::Reset));
    }
}
