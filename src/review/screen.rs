//! What the full-screen views share: the terminal session (raw mode and
//! the alternate screen, restored on every way out, panics included), the
//! event loop, colours, a scrolled list of items of several lines each, and
//! the message shown when the window is too small.
//!
//! The views ([`super::app::ReviewScreen`], [`super::revision::RevisionScreen`])
//! only draw into a ratatui [`Frame`] and react to keys, so tests run them on
//! ratatui's `TestBackend` without a terminal.

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::crossterm::{cursor, execute, terminal};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::{Frame, Terminal};

/// Narrowest window the views draw in: a column of text needs some room.
pub const MIN_WIDTH: u16 = 40;
/// Lowest window the views draw in: one line of text, the status and the help line.
pub const MIN_HEIGHT: u16 = 4;

/// What a view wants after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on.
    Continue,
    /// Leave the view.
    Quit,
}

/// A full-screen view: draws itself and reacts to keys.
pub trait Screen {
    /// Draw the whole frame.
    fn draw(&mut self, frame: &mut Frame);
    /// React to a key press.
    fn key(&mut self, key: KeyEvent) -> Flow;
    /// A question the view is asking, shown even in a window too small to
    /// draw in (the quit key may have asked one there).
    fn question(&self) -> Option<String> {
        None
    }
}

/// Show `screen` on `terminal` until it quits: draw, wait for an event,
/// react, draw again. `next_event` gives the next event, or `None` when it
/// timed out (the view is then drawn again, which is cheap, and the caller
/// may use the pause to notice a signal and return an error). A resize is
/// an event: the next draw fits the new size.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    screen: &mut dyn Screen,
    mut next_event: impl FnMut() -> io::Result<Option<Event>>,
) -> io::Result<()> {
    loop {
        terminal.draw(|frame| draw_or_refuse(frame, screen))?;
        match next_event()? {
            // Windows reports releases too; a key acts once.
            Some(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                // Keys acting on what cannot be seen would surprise; the
                // quit key, and the answer to the question it asks, work.
                let size = terminal.size()?;
                let too_small = is_too_small(Rect::new(0, 0, size.width, size.height));
                if too_small && !is_quit_key(&key) && screen.question().is_none() {
                    continue;
                }
                if screen.key(key) == Flow::Quit {
                    return Ok(());
                }
            }
            _ => {}
        }
    }
}

/// `q` or Ctrl-C: the keys that still work in a window too small to draw in.
pub fn is_quit_key(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('q')
        || (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL))
}

/// Is the window too small for the views?
pub fn is_too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Draw `screen`, or say the window is too small.
pub fn draw_or_refuse(frame: &mut Frame, screen: &mut dyn Screen) {
    let area = frame.area();
    if is_too_small(area) {
        let mut text = format!(
            "Window too small ({}×{}): needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge it, or press q.",
            area.width, area.height
        );
        if let Some(q) = screen.question() {
            text = format!("{q}\n{text}");
        }
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
    } else {
        screen.draw(frame);
    }
}

/// A view's three parts: the list, the status line and the bottom line
/// (help, messages, prompts).
pub fn areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The next event from the terminal, or `None` after `timeout`.
pub fn poll_event(timeout: Duration) -> io::Result<Option<Event>> {
    if event::poll(timeout)? {
        event::read().map(Some)
    } else {
        Ok(None)
    }
}

/// Is a [`TerminalSession`] holding the terminal (raw mode, alternate screen)?
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The terminal in raw mode on the alternate screen, for the views. Dropped
/// (however the view ends, an error included) or on a panic, the terminal
/// is given back as it was.
pub struct TerminalSession {
    /// The ratatui terminal on standard output.
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalSession {
    /// Take the terminal. The first session also installs a panic hook that
    /// restores the terminal before the hook installed before it reports
    /// the panic: otherwise the report would be written on the alternate
    /// screen, which is wiped when it is left, in raw mode.
    pub fn start() -> io::Result<TerminalSession> {
        install_restore_hook();
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let session = (|| {
            execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
            Terminal::new(CrosstermBackend::new(io::stdout()))
        })();
        match session {
            Ok(terminal) => Ok(TerminalSession { terminal }),
            Err(e) => {
                restore_terminal();
                Err(e)
            }
        }
    }
}

impl Drop for TerminalSession {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Leave raw mode and the alternate screen, show the cursor; nothing when
/// no session holds the terminal, so it is safe to call twice.
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        // Raw mode first: it has more effects than the alternate screen.
        let _ = terminal::disable_raw_mode();
        let _ = execute!(io::stdout(), terminal::LeaveAlternateScreen, cursor::Show);
    }
}

/// Wrap the panic hook in place with one that restores the terminal first; once.
fn install_restore_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
    });
}

/// Styles of the views: the ANSI styles of the text views
/// ([`crate::render::style`]), without their colours when colour is off.
/// Bold, dim and reverse video stay: they are not colours, and the
/// selection must show on a monochrome terminal too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Use colours.
    pub color: bool,
}

impl Palette {
    /// The ratatui style of an ANSI style.
    pub fn style(self, s: anstyle::Style) -> Style {
        let mut out = Style::new();
        if self.color {
            if let Some(c) = s.get_fg_color().and_then(color) {
                out = out.fg(c);
            }
            if let Some(c) = s.get_bg_color().and_then(color) {
                out = out.bg(c);
            }
        }
        let effects = s.get_effects();
        for (effect, modifier) in [
            (anstyle::Effects::BOLD, Modifier::BOLD),
            (anstyle::Effects::DIMMED, Modifier::DIM),
            (anstyle::Effects::ITALIC, Modifier::ITALIC),
            (anstyle::Effects::UNDERLINE, Modifier::UNDERLINED),
            (anstyle::Effects::STRIKETHROUGH, Modifier::CROSSED_OUT),
            (anstyle::Effects::INVERT, Modifier::REVERSED),
        ] {
            if effects.contains(effect) {
                out = out.add_modifier(modifier);
            }
        }
        out
    }

    /// The selected item's text: a grey background in colour; bold alone
    /// would not show on a monochrome terminal against bold text, so there
    /// the gutter's reverse video ([`Palette::selected_gutter`]) marks it.
    pub fn selected_text(self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The selected item's gutter: reverse video, which every terminal has.
    pub fn selected_gutter(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The status line: `text` in reverse video across the whole `width`.
    pub fn status_line(self, text: &str, width: usize) -> Line<'static> {
        let pad = width.saturating_sub(crate::render::width(text));
        Line::styled(
            format!("{text}{}", " ".repeat(pad)),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// A message about something refused or failed.
    pub fn warning(self) -> Style {
        self.style(crate::render::style::HEAD_DELETED)
    }
}

/// The ratatui colour of an ANSI colour (the views use the 16 basic ones).
fn color(c: anstyle::Color) -> Option<Color> {
    use anstyle::AnsiColor as A;
    let anstyle::Color::Ansi(c) = c else {
        return None;
    };
    Some(match c {
        A::Black => Color::Black,
        A::Red => Color::Red,
        A::Green => Color::Green,
        A::Yellow => Color::Yellow,
        A::Blue => Color::Blue,
        A::Magenta => Color::Magenta,
        A::Cyan => Color::Cyan,
        A::White => Color::Gray,
        A::BrightBlack => Color::DarkGray,
        A::BrightRed => Color::LightRed,
        A::BrightGreen => Color::LightGreen,
        A::BrightYellow => Color::LightYellow,
        A::BrightBlue => Color::LightBlue,
        A::BrightMagenta => Color::LightMagenta,
        A::BrightCyan => Color::LightCyan,
        A::BrightWhite => Color::White,
    })
}

/// A list of items of several lines each, scrolled so that the selected
/// item shows. Only the items on screen are laid out, so a long document
/// costs no more per frame than a short one.
#[derive(Debug, Clone, Default)]
pub struct ItemList {
    /// The first item on screen.
    top: usize,
    /// How many items were on screen when last drawn (a page, for PgUp/PgDn).
    shown: usize,
}

impl ItemList {
    /// Items on screen when last drawn, at least 1.
    pub fn page(&self) -> usize {
        self.shown.max(1)
    }

    /// Draw items from `top` into `area`, `selected` among them: scrolled
    /// up to it when it is above, down until it fits when below. `lines(k)`
    /// lays out item `k`.
    pub fn draw(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        count: usize,
        selected: usize,
        mut lines: impl FnMut(usize) -> Vec<Line<'static>>,
    ) {
        let height = area.height as usize;
        self.top = self.top.min(selected).min(count.saturating_sub(1));
        let mut laid: Vec<(usize, Vec<Line<'static>>)> = Vec::new();
        if selected < count {
            // Lay out from the top to the selected item; drop items from the
            // top while the selected one does not fit below them.
            let mut used = 0;
            for k in self.top..=selected {
                let l = lines(k);
                used += l.len();
                laid.push((k, l));
            }
            while used > height && laid.len() > 1 {
                used -= laid.remove(0).1.len();
            }
            self.top = laid[0].0;
            let mut k = selected + 1;
            while used < height && k < count {
                let l = lines(k);
                used += l.len();
                laid.push((k, l));
                k += 1;
            }
        }
        let mut shown = 0;
        let mut rows: Vec<Line<'static>> = Vec::with_capacity(height);
        for (_, l) in laid {
            if rows.len() >= height {
                break;
            }
            if rows.len() + l.len() <= height {
                shown += 1;
            }
            rows.extend(l);
        }
        rows.truncate(height);
        self.shown = shown;
        frame.render_widget(Paragraph::new(rows), area);
    }
}

/// A one-line text input at the bottom of the screen (`/` search, the path
/// `w` asks for).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    /// What is asked, shown before the input.
    pub label: String,
    /// What was typed so far.
    pub input: String,
}

/// What a key did to a [`Prompt`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKey {
    /// Still typing.
    Editing,
    /// Enter: the text typed.
    Done(String),
    /// Esc (or Ctrl-C): given up.
    Cancelled,
}

impl Prompt {
    /// A prompt asking `label`.
    pub fn new(label: &str) -> Prompt {
        Prompt {
            label: label.to_string(),
            input: String::new(),
        }
    }

    /// React to a key.
    pub fn key(&mut self, key: KeyEvent) -> PromptKey {
        match key.code {
            KeyCode::Enter => PromptKey::Done(std::mem::take(&mut self.input)),
            KeyCode::Esc => PromptKey::Cancelled,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                PromptKey::Cancelled
            }
            KeyCode::Backspace => {
                self.input.pop();
                PromptKey::Editing
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.input.push(c);
                PromptKey::Editing
            }
            _ => PromptKey::Editing,
        }
    }

    /// The prompt line, the cursor shown as a reversed space after the input.
    pub fn line(&self) -> Line<'static> {
        Line::from(vec![
            Span::styled(
                self.label.clone(),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(crate::printable::printable(&self.input).into_owned()),
            Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED)),
        ])
    }
}

/// The help screen: a title and one line a key, `keys` as (keys, what they do).
pub fn draw_help(frame: &mut Frame, title: &str, keys: &[(&str, &str)], notes: &[&str]) {
    let key_width = keys
        .iter()
        .map(|(k, _)| crate::render::width(k))
        .max()
        .unwrap_or(0);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::styled(title.to_string(), bold), Line::raw("")];
    for (k, what) in keys {
        let pad = key_width - crate::render::width(k);
        lines.push(Line::from(vec![
            Span::styled(format!("  {k}{}", " ".repeat(pad)), bold),
            Span::raw(format!("  {what}")),
        ]));
    }
    lines.push(Line::raw(""));
    for note in notes {
        lines.push(Line::raw(note.to_string()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw("Press any key to go back."));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        frame.area(),
    );
}

/// The help line: `keys` as `k what` pairs, as many as fit the width.
pub fn help_line(keys: &[(&str, &str)], width: usize, palette: Palette) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, what) in keys {
        let w = crate::render::width(k) + 1 + crate::render::width(what) + 2;
        if used + w > width {
            break;
        }
        used += w;
        spans.push(Span::styled(
            k.to_string(),
            Style::new().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::styled(
            format!(" {what}  "),
            palette.style(crate::render::style::DIM),
        ));
    }
    Line::from(spans)
}

/// Draw `screen` in a `w`×`h` test terminal; its text, a line a row,
/// trailing spaces trimmed.
#[cfg(test)]
pub(crate) fn drawn(screen: &mut dyn Screen, w: u16, h: u16) -> String {
    let mut t = Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw_or_refuse(f, screen)).unwrap();
    let b = t.backend().buffer();
    (0..h)
        .map(|y| {
            let row: String = (0..w).map(|x| b[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A view of `n` items of `k % 3 + 1` lines each.
    struct Items {
        list: ItemList,
        selected: usize,
        n: usize,
    }

    impl Screen for Items {
        fn draw(&mut self, frame: &mut Frame) {
            let area = frame.area();
            let n = self.n;
            self.list.draw(frame, area, n, self.selected, |k| {
                (0..k % 3 + 1)
                    .map(|r| Line::raw(format!("item {k} line {r}")))
                    .collect()
            });
        }
        fn key(&mut self, _: KeyEvent) -> Flow {
            Flow::Continue
        }
    }

    #[test]
    fn the_selected_item_is_always_on_screen() {
        let mut items = Items {
            list: ItemList::default(),
            selected: 0,
            n: 30,
        };
        for selected in (0..30).chain((0..30).rev()).chain([29, 0, 17]) {
            items.selected = selected;
            let text = drawn(&mut items, 40, 5);
            assert!(
                text.contains(&format!("item {selected} line 0")),
                "{selected}: {text}"
            );
        }
        // Going down, the list scrolls only as far as the selected item needs.
        items.selected = 4;
        items.list = ItemList::default();
        assert!(drawn(&mut items, 40, 5).starts_with("item 3 line 0\nitem 4 line 0"));
        assert!(items.list.page() >= 2);
    }

    #[test]
    fn a_window_too_small_says_so() {
        let mut items = Items {
            list: ItemList::default(),
            selected: 0,
            n: 3,
        };
        let text = drawn(&mut items, 30, 3);
        assert!(text.starts_with("Window too small (30×3)"), "{text}");
        assert!(!text.contains("item"));
    }

    #[test]
    fn the_monochrome_palette_keeps_reverse_and_bold_but_no_colour() {
        let mono = Palette { color: false };
        let s = mono.style(crate::render::style::HEAD_DELETED);
        assert_eq!(s.fg, None);
        assert!(s.add_modifier.contains(Modifier::BOLD));
        assert!(mono
            .selected_gutter()
            .add_modifier
            .contains(Modifier::REVERSED));
        assert_eq!(mono.selected_text().bg, None);
        let colour = Palette { color: true };
        assert_eq!(
            colour.style(crate::render::style::HEAD_DELETED).fg,
            Some(Color::Red)
        );
    }

    #[test]
    fn a_prompt_edits_and_ends() {
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let mut p = Prompt::new("/");
        for c in "portx".chars() {
            assert_eq!(p.key(key(KeyCode::Char(c))), PromptKey::Editing);
        }
        p.key(key(KeyCode::Backspace));
        assert_eq!(p.key(key(KeyCode::Enter)), PromptKey::Done("port".into()));
        assert_eq!(p.key(key(KeyCode::Esc)), PromptKey::Cancelled);
    }
}
