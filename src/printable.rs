//! Text from files made safe to print on a terminal.
//!
//! Text read from an input (a sentence, a TMX prop, a file name) may hold
//! bytes a terminal obeys rather than shows: an ESC sequence can clear the
//! screen, retitle the window or rewrite the prompt, a carriage return
//! overwrites the line, and a right-to-left override left open reverses
//! every column printed after it. [`printable`] turns every control
//! character into a visible escape and closes the bidirectional embeddings,
//! overrides and isolates a piece of text opens, so that nothing it does
//! reaches past it.
//!
//! Apply it to each piece as it is printed: one field, one cell line (after
//! wrapping and reordering, since a balanced piece cut in two is two
//! unbalanced ones). The escapes are plain ASCII, so a second pass changes
//! nothing but the balance of the new piece. Width is measured on the result.

use std::borrow::Cow;
use std::fmt::Write as _;

/// How a bidirectional formatting character acts on the text after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bidi {
    /// LRE, RLE, LRO, RLO: open an embedding or override, closed by PDF.
    OpenEmbedding,
    /// PDF: closes the innermost embedding or override.
    CloseEmbedding,
    /// LRI, RLI, FSI: open an isolate, closed by PDI.
    OpenIsolate,
    /// PDI: closes the innermost isolate and every embedding inside it.
    CloseIsolate,
}

/// POP DIRECTIONAL FORMATTING.
const PDF: char = '\u{202C}';
/// POP DIRECTIONAL ISOLATE.
const PDI: char = '\u{2069}';

fn bidi(c: char) -> Option<Bidi> {
    match c {
        '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => Some(Bidi::OpenEmbedding),
        PDF => Some(Bidi::CloseEmbedding),
        '\u{2066}' | '\u{2067}' | '\u{2068}' => Some(Bidi::OpenIsolate),
        PDI => Some(Bidi::CloseIsolate),
        _ => None,
    }
}

/// Must `c` be shown as an escape? C0 and C1 controls, DEL, and the line and
/// paragraph separators (which some terminals take as a line break).
fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `s` with every control character written as a visible escape (`\t`,
/// `\n`, `\r`, else `\u{1b}` as Rust writes it) and its bidirectional
/// controls balanced: a closing control with nothing to close is dropped,
/// and whatever is still open at the end is closed there. Borrowed when
/// there is nothing to change, which is the common case.
pub(crate) fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_control(c) || bidi(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    // The embeddings and isolates open at this point, innermost last.
    let mut open: Vec<Bidi> = Vec::new();
    for c in s.chars() {
        match bidi(c) {
            Some(opening @ (Bidi::OpenEmbedding | Bidi::OpenIsolate)) => {
                open.push(opening);
                out.push(c);
            }
            // As in UAX #9: a PDF does not close past an isolate.
            Some(Bidi::CloseEmbedding) => {
                if open.last() == Some(&Bidi::OpenEmbedding) {
                    open.pop();
                    out.push(c);
                }
            }
            Some(Bidi::CloseIsolate) => {
                if let Some(k) = open.iter().rposition(|b| *b == Bidi::OpenIsolate) {
                    for _ in k + 1..open.len() {
                        out.push(PDF);
                    }
                    open.truncate(k);
                    out.push(c);
                }
            }
            None if is_control(c) => match c {
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                _ => {
                    let _ = write!(out, "\\u{{{:x}}}", c as u32);
                }
            },
            None => out.push(c),
        }
    }
    for b in open.into_iter().rev() {
        out.push(if b == Bidi::OpenIsolate { PDI } else { PDF });
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_text_is_borrowed() {
        let s = "The port grew by 3.5% — قال الوزير";
        assert!(matches!(printable(s), Cow::Borrowed(_)));
        // Marks (LRM, RLM, ALM) have no scope: they stay.
        assert!(matches!(printable("a\u{200F}b\u{61C}"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_become_visible_escapes() {
        assert_eq!(printable("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("\x1b]0;owned\x07"), "\\u{1b}]0;owned\\u{7}");
        assert_eq!(printable("x\ty\r\nz"), "x\\ty\\r\\nz");
        assert_eq!(printable("\0\x7f"), "\\u{0}\\u{7f}");
        // C1: CSI and NEL, which some terminals obey as ESC [ and a newline.
        assert_eq!(printable("\u{9b}2J\u{85}"), "\\u{9b}2J\\u{85}");
        assert_eq!(printable("a\u{2028}b\u{2029}"), "a\\u{2028}b\\u{2029}");
    }

    #[test]
    fn bidi_controls_are_balanced() {
        // An override left open is closed at the end of the piece.
        assert_eq!(printable("\u{202E}evil"), "\u{202E}evil\u{202C}");
        assert_eq!(printable("\u{2067}x"), "\u{2067}x\u{2069}");
        // A closer with nothing to close is dropped.
        assert_eq!(printable("a\u{202C}b\u{2069}c"), "abc");
        // Paired ones are kept as they are.
        assert_eq!(printable("a\u{202B}b\u{202C}c"), "a\u{202B}b\u{202C}c");
        // A PDI closes the embeddings inside its isolate; a PDF does not
        // close past an isolate.
        assert_eq!(
            printable("\u{2066}\u{202D}x\u{2069}"),
            "\u{2066}\u{202D}x\u{202C}\u{2069}"
        );
        assert_eq!(printable("\u{2066}x\u{202C}y"), "\u{2066}xy\u{2069}");
        assert_eq!(
            printable("\u{202A}\u{2068}x"),
            "\u{202A}\u{2068}x\u{2069}\u{202C}"
        );
    }

    /// Net openings after each prefix: never negative, zero at the end.
    fn balanced(s: &str) -> bool {
        let mut open: Vec<Bidi> = Vec::new();
        for c in s.chars() {
            match bidi(c) {
                Some(b @ (Bidi::OpenEmbedding | Bidi::OpenIsolate)) => open.push(b),
                Some(closing) => {
                    let opening = if closing == Bidi::CloseIsolate {
                        Bidi::OpenIsolate
                    } else {
                        Bidi::OpenEmbedding
                    };
                    if open.pop() != Some(opening) {
                        return false;
                    }
                }
                None => {}
            }
        }
        open.is_empty()
    }

    proptest! {
        #[test]
        fn output_has_no_control_and_balanced_bidi(
            s in "([a-z \\x00-\\x1f\\x7f-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{2028}\\u{2029}]|\\PC){0,40}"
        ) {
            let p = printable(&s);
            prop_assert!(!p.chars().any(is_control), "{:?}", p);
            prop_assert!(balanced(&p), "{:?}", p);
            // A second pass changes nothing.
            prop_assert_eq!(printable(&p), p.clone());
            // Nothing but bidi controls is lost: text without them, escaped,
            // is the same.
            let strip = |t: &str| t.chars().filter(|c| bidi(*c).is_none()).collect::<String>();
            prop_assert_eq!(strip(&p), strip(&printable(&strip(&s))));
        }
    }
}
