//! Text made safe to show on a terminal.
//!
//! Article texts, file names and document ids come from outside: an ESC in
//! them would reach the terminal as a control sequence (clear the screen, set
//! the title), a newline would break a one-line message in two, and a bidi
//! override (U+202E) would reverse whatever follows it on the screen line.
//! Such characters are shown as Rust-style escapes (`\u{1b}`) instead. Cost:
//! one scan, and a copy only when something is escaped.

use std::borrow::Cow;
use std::fmt::Write;

/// Is `c` a bidi formatting character: an embedding, override or isolate
/// (U+202A–U+202E, U+2066–U+2069) or a directional mark (LRM, RLM, ALM)?
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Is `c` a control character or a line or paragraph separator: something
/// a terminal acts on instead of showing?
fn is_terminal_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `s` with every character that `escaped` selects written as `\u{HEX}`.
fn escape_where(s: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    let Some(first) = s.find(&escaped) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if escaped(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` safe for a one-line message: control characters (C0, DEL, C1),
/// line and paragraph separators and bidi formatting characters become
/// `\u{HEX}` escapes; everything else, Arabic included, is kept.
pub fn printable(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| is_terminal_control(c) || is_bidi_control(c))
}

/// [`printable`] that keeps bidi formatting characters, for text that is
/// reordered for display afterwards (the reordering applies them, and the
/// caller removes them from what it prints).
pub fn printable_keeping_bidi(s: &str) -> Cow<'_, str> {
    escape_where(s, is_terminal_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_separators_and_overrides_are_escaped() {
        assert_eq!(printable("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("one\ntwo\r"), "one\\u{a}two\\u{d}");
        assert_eq!(printable("x\u{202e}y\u{2029}"), "x\\u{202e}y\\u{2029}");
        assert_eq!(printable("\u{9b}\u{7f}"), "\\u{9b}\\u{7f}");
        assert_eq!(printable_keeping_bidi("\u{202e}\x07"), "\u{202e}\\u{7}");
    }

    #[test]
    fn ordinary_text_is_borrowed() {
        for s in ["ميناء الدانة 2025", "gulf-port", ""] {
            assert!(matches!(printable(s), Cow::Borrowed(_)), "{s}");
        }
    }
}
