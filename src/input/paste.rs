//! Text pasted from a web page: where its paragraphs and headings are.
//!
//! A page copied from a browser comes as one paragraph a line, with its
//! headings (the title, subheadings, a "Search" box) on lines of their own
//! and often no blank line between them; the headline may come twice (the
//! page's title bar, then the article's). Hard-wrapped text also has
//! several lines a paragraph, but there a line ends only where the next
//! word did not fit. So within a block of lines (between blank lines):
//!
//! - a block with a line longer than [`HARD_WRAP_MAX`] columns is not
//!   hard-wrapped: every line is a paragraph;
//! - else a line ends its paragraph when the first word of the next line
//!   would have fitted on it (a heading, a short last line): the break was
//!   the writer's, not the wrapper's.
//!
//! Then a heading (a short line without final punctuation) that repeats
//! one of the two paragraphs before it is dropped. Cost: linear in the text.

use unicode_width::UnicodeWidthChar;

/// Widest line a text wrapper makes: 72 to 80 columns are the custom, and
/// nobody wraps at more than 120. Lines of pasted paragraphs are longer.
pub const HARD_WRAP_MAX: usize = 120;

/// Most words a heading has.
const HEADING_MAX_WORDS: usize = 20;

fn columns(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The paragraphs of one block of non-blank lines, whitespace squeezed.
pub fn block_paragraphs(lines: &[&str]) -> Vec<String> {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| crate::input::text::squeeze_whitespace(l))
        .collect();
    let widest = lines.iter().map(|l| columns(l)).max().unwrap_or(0);
    if widest > HARD_WRAP_MAX {
        return lines;
    }
    // Where the first word of the next line would have fitted.
    let fits: Vec<bool> = (0..lines.len())
        .map(|k| match lines.get(k + 1) {
            Some(next) => {
                let word = next.split(' ').next().unwrap_or("");
                columns(&lines[k]) + 1 + columns(word) <= widest
            }
            None => true,
        })
        .collect();
    let mut out = Vec::new();
    let mut paragraph = String::new();
    for (k, line) in lines.iter().enumerate() {
        if !paragraph.is_empty() {
            paragraph.push(' ');
        }
        paragraph.push_str(line);
        // A heading line after the end of a sentence is a paragraph of its
        // own, though its first word did not fit on the line before.
        let heading_next = k + 1 < lines.len() && fits[k + 1] && is_heading(&lines[k + 1]);
        if fits[k] || (heading_next && has_final_punctuation(line)) {
            out.push(std::mem::take(&mut paragraph));
        }
    }
    out
}

/// Does `s` end as a sentence or a clause does (closing quotes and
/// brackets aside)?
fn has_final_punctuation(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '›']);
    s.ends_with(['.', '!', '?', '؟', '…', ':', ';', ',', '،', '؛'])
}

/// Is `s` a heading: a short line without final punctuation?
pub fn is_heading(s: &str) -> bool {
    !has_final_punctuation(s) && s.split_whitespace().count() <= HEADING_MAX_WORDS
}

/// `paragraphs` without the headings that repeat one of the two kept
/// paragraphs before them (case and spacing aside): the headline of a
/// page pasted twice.
pub fn drop_repeated_headings(paragraphs: Vec<String>) -> Vec<String> {
    let key = |s: &str| crate::input::text::squeeze_whitespace(s).to_lowercase();
    let mut out: Vec<String> = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        let repeated = is_heading(&p) && {
            let this = key(&p);
            out.iter().rev().take(2).any(|before| key(before) == this)
        };
        if !repeated {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_wrapped_lines_join_and_written_breaks_stay() {
        let wrapped = [
            "The port authority said on Monday that the new quay would open",
            "in March, and that ships of up to 400 metres could then call.",
            "Financing",
            "The banks lend the money at a fixed rate for twenty years, the",
            "authority said.",
            "Work starts in May.",
        ];
        assert_eq!(
            block_paragraphs(&wrapped),
            vec![
                "The port authority said on Monday that the new quay would open in March, and that ships of up to 400 metres could then call.",
                "Financing",
                "The banks lend the money at a fixed rate for twenty years, the authority said.",
                "Work starts in May.",
            ]
        );
    }

    #[test]
    fn pasted_page_lines_are_paragraphs() {
        let long = "x".repeat(130);
        assert_eq!(
            block_paragraphs(&["Search", "Port grows", "Port grows", &long, "Next."]),
            vec!["Search", "Port grows", "Port grows", long.as_str(), "Next."]
        );
        // Short lines, each broken by hand.
        assert_eq!(
            block_paragraphs(&[
                "Search",
                "Port to double its capacity",
                "The port of Dana will double its capacity by 2028"
            ]),
            vec![
                "Search",
                "Port to double its capacity",
                "The port of Dana will double its capacity by 2028"
            ]
        );
    }

    #[test]
    fn a_repeated_headline_is_kept_once() {
        let paragraphs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            drop_repeated_headings(paragraphs(&[
                "Search",
                "Port grows",
                "PORT  grows",
                "It grew.",
                "It grew."
            ])),
            paragraphs(&["Search", "Port grows", "It grew.", "It grew."])
        );
        assert_eq!(
            drop_repeated_headings(paragraphs(&[
                "Port grows",
                "3 March 2026",
                "Port grows",
                "Text."
            ])),
            paragraphs(&["Port grows", "3 March 2026", "Text."])
        );
        assert!(is_heading("Helpful keywords: Oman, Sohar, water"));
        assert!(!is_heading("He said (in Arabic)."));
        assert!(!is_heading("«انتهى الأمر.»"));
    }
}
