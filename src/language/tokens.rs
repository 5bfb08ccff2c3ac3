//! Word tokens of folded text, and what counts as a letter.

/// Word tokens of folded text: runs of letters, digits and marks; a number
/// keeps its inner `.` and `,` (`3.5`, `1,200`), and thousands separators are
/// removed so that `1,200` and `1200` compare equal.
pub fn tokens(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(folded, |t| out.push(t.to_string()));
    out
}

/// The words of an original (unfolded) text that begin with a capital
/// (names, in a Latin script), folded and trimmed of punctuation: the
/// aligner's and the pairer's name candidates.
pub fn capitalised_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .filter(|w| {
            w.chars()
                .find(|&c| is_letter(c))
                .is_some_and(char::is_uppercase)
        })
        .map(|w| {
            crate::language::fold(w.trim_matches(|c: char| !is_letter(c) && !c.is_ascii_digit()))
        })
}

/// [`tokens`] without a string per token: calls `visit` with each in turn.
/// One pass over the characters, looking one behind and one ahead.
pub fn for_each_token(folded: &str, mut visit: impl FnMut(&str)) {
    let mut rest = folded.chars().peekable();
    let (mut prev, mut cur) = (None, rest.next());
    let mut tok = String::new();
    macro_rules! advance {
        () => {{
            prev = cur;
            cur = rest.next();
        }};
    }
    while let Some(c) = cur {
        tok.clear();
        if c.is_ascii_digit() {
            while let Some(d) = cur {
                if d.is_ascii_digit() {
                    tok.push(d);
                } else if (d == '.' || d == ',')
                    && rest.peek().is_some_and(|n| n.is_ascii_digit())
                    && !tok.is_empty()
                {
                    if d == '.' {
                        tok.push('.');
                    }
                } else {
                    break;
                }
                advance!();
            }
            visit(&tok);
        } else if is_letter(c) || (!c.is_ascii() && c.is_numeric()) {
            // Digits join a Latin word (`cop28`, `g20`) but not an Arabic one:
            // `و1200` is the conjunction and a number. An apostrophe or
            // hyphen between letters is inside the word.
            while let Some(d) = cur {
                let inner = matches!(d, '\'' | '’' | '-')
                    && prev.is_some_and(is_letter)
                    && rest.peek().is_some_and(|&n| is_letter(n));
                let joins = d.is_ascii_digit() && prev.is_some_and(|p| p.is_ascii_alphanumeric());
                if !(is_letter(d) || is_mark(d) || inner || joins) {
                    break;
                }
                tok.push(d);
                advance!();
            }
            if tok.is_empty() {
                // A numeric character that is neither an ASCII digit nor a
                // letter (a superscript, a fraction): skip it.
                advance!();
            } else {
                visit(&tok);
            }
        } else {
            advance!();
        }
    }
}

/// `char::is_alphabetic` with fast paths for ASCII and Arabic letters, which
/// are nearly all the text jisr sees (the general lookup is a binary search).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match c as u32 {
        0x0621..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5 => true,
        0x0600..=0x06FF => false,
        _ => c.is_alphabetic(),
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::fold::fold;

    /// The index-based tokenizer `for_each_token` replaced, kept to check it.
    fn reference_tokens(folded: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut visit = |t: &str| out.push(t.to_string());
        let chars: Vec<char> = folded.chars().collect();
        let mut tok = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            tok.clear();
            if c.is_ascii_digit() {
                while i < chars.len() {
                    let d = chars[i];
                    if d.is_ascii_digit() {
                        tok.push(d);
                    } else if (d == '.' || d == ',')
                        && i + 1 < chars.len()
                        && chars[i + 1].is_ascii_digit()
                        && !tok.is_empty()
                    {
                        if d == '.' {
                            tok.push('.');
                        }
                    } else {
                        break;
                    }
                    i += 1;
                }
                visit(&tok);
            } else if is_letter(c) || (!c.is_ascii() && c.is_numeric()) {
                // Digits join a Latin word (`cop28`, `g20`) but not an Arabic one:
                // `و1200` is the conjunction and a number.
                while i < chars.len()
                    && (is_letter(chars[i])
                        || is_mark(chars[i])
                        || inner_apostrophe(&chars, i)
                        || (chars[i].is_ascii_digit() && chars[i - 1].is_ascii_alphanumeric()))
                {
                    tok.push(chars[i]);
                    i += 1;
                }
                if tok.is_empty() {
                    // A numeric character that is neither an ASCII digit nor a
                    // letter (a superscript, a fraction): skip it.
                    i += 1;
                } else {
                    visit(&tok);
                }
            } else {
                i += 1;
            }
        }
        out
    }

    fn inner_apostrophe(chars: &[char], i: usize) -> bool {
        (chars[i] == '\'' || chars[i] == '’' || chars[i] == '-')
            && i > 0
            && is_letter(chars[i - 1])
            && i + 1 < chars.len()
            && is_letter(chars[i + 1])
    }

    #[test]
    fn one_pass_tokens_equal_the_index_based_ones() {
        use proptest::prelude::*;
        let alphabet = prop::sample::select(vec![
            'a', 'Z', 'e', '1', '9', '0', '.', ',', '\'', '’', '-', ' ', '\n', '²', '½', '٣', 'ب',
            'ا', '\u{064E}', '\u{0301}', 'é', '%', '(', 'x',
        ]);
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(2000));
        runner
            .run(&prop::collection::vec(alphabet, 0..24), |chars| {
                let text: String = chars.into_iter().collect();
                prop_assert_eq!(tokens(&text), reference_tokens(&text));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn tokens_keep_numbers_whole() {
        assert_eq!(
            tokens(&fold("بلغ ٣٫٥ في المئة و1,200 دولار")),
            vec!["بلغ", "3.5", "في", "الميه", "و", "1200", "دولار"]
        );
        assert_eq!(
            tokens("the u.s. rate, 3.5%."),
            vec!["the", "u", "s", "rate", "3.5"]
        );
        assert_eq!(tokens("don't well-known"), vec!["don't", "well-known"]);
        // Other numeric characters neither hang nor make empty tokens.
        assert_eq!(tokens("x² ½ ٣"), vec!["x"]);
    }
}
