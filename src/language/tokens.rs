//! Word tokens of folded text, and what counts as a letter.

/// Word tokens of folded text: runs of letters, digits and marks. A number
/// is its digits alone, whatever the convention of its separators: `1,200`,
/// `1.200` and `1 200` are all `1200`, and `3.5` and `3,5` are both `35` (a
/// `.` or `,` between digits is left out, and so is a space before a group of
/// three digits that follows groups of three, or a first group of one to
/// three). English, German and French numbers then compare equal.
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
            // Digits in the current group, and whether every group so far
            // could be a thousands group (a first of 1 to 3, then 3s).
            let (mut group, mut grouped) = (0usize, true);
            while let Some(d) = cur {
                if d.is_ascii_digit() {
                    tok.push(d);
                    group += 1;
                } else if (d == '.' || d == ',')
                    && rest.peek().is_some_and(|n| n.is_ascii_digit())
                    && !tok.is_empty()
                {
                    grouped = false;
                    group = 0;
                } else if is_group_space(d)
                    && grouped
                    && (1..=3).contains(&group)
                    && (group == 3 || group == tok.len())
                    && three_digits_follow(rest.clone())
                {
                    group = 0;
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

/// A space that may separate groups of three digits (`18 000`, French).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Do exactly three digits come next (and then no digit)?
fn three_digits_follow(mut rest: impl Iterator<Item = char>) -> bool {
    (0..3).all(|_| rest.next().is_some_and(|c| c.is_ascii_digit()))
        && !rest.next().is_some_and(|c| c.is_ascii_digit())
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
                // Groups of digits and the separators between them.
                let mut groups: Vec<(String, char)> = Vec::new();
                let start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                groups.push((chars[start..i].iter().collect(), ' '));
                loop {
                    let sep = match chars.get(i) {
                        Some(&s)
                            if matches!(
                                s,
                                '.' | ',' | ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}'
                            ) =>
                        {
                            s
                        }
                        _ => break,
                    };
                    let j = i + 1;
                    let mut k = j;
                    while k < chars.len() && chars[k].is_ascii_digit() {
                        k += 1;
                    }
                    let next: String = chars[j..k].iter().collect();
                    let ok = if sep == '.' || sep == ',' {
                        !next.is_empty()
                    } else {
                        let thousands = groups.iter().all(|(_, s)| *s != '.' && *s != ',')
                            && groups[0].0.len() <= 3
                            && groups[1..].iter().all(|(g, _)| g.len() == 3);
                        thousands && next.len() == 3
                    };
                    if !ok {
                        break;
                    }
                    groups.push((next, sep));
                    i = k;
                }
                tok = groups.iter().map(|(g, _)| g.as_str()).collect();
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
            'ا', '\u{064E}', '\u{0301}', 'é', '%', '(', 'x', '\u{00A0}', '\u{202F}', '2', '3',
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
            vec!["بلغ", "35", "في", "الميه", "و", "1200", "دولار"]
        );
        assert_eq!(
            tokens("the u.s. rate, 3.5%."),
            vec!["the", "u", "s", "rate", "35"]
        );
        assert_eq!(tokens("don't well-known"), vec!["don't", "well-known"]);
        // German, French and English conventions give the same number.
        for text in [
            "18.000 und 4,8",
            "18 000 et 4,8",
            "18\u{202F}000 et 4,8",
            "18,000 and 4.8",
        ] {
            let numbers: Vec<String> = tokens(text)
                .into_iter()
                .filter(|t| t.starts_with('1') || t.starts_with('4'))
                .collect();
            assert_eq!(numbers, vec!["18000", "48"], "{text}");
        }
        // A space joins only groups of three: a year and a count stay apart.
        assert_eq!(
            tokens("in 2019 300 people"),
            vec!["in", "2019", "300", "people"]
        );
        assert_eq!(tokens("1 2345"), vec!["1", "2345"]);
        assert_eq!(tokens("1 234 567 x"), vec!["1234567", "x"]);
        // Other numeric characters neither hang nor make empty tokens.
        assert_eq!(tokens("x² ½ ٣"), vec!["x"]);
    }
}
