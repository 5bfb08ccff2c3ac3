//! One side of a translation: a language code and its sentences, grouped in paragraphs.

use std::path::Path;

use crate::error::{Error, Result};
use crate::export::beads::joined;
use crate::input::text::{display_path, presplit_paragraphs, raw_paragraphs, read_text};
use crate::language::resolve_language;
use crate::segment::SentenceSplitter;

/// A sentence and the paragraph it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence as printed (NFC, whitespace squeezed).
    pub text: String,
    /// 0-based paragraph number.
    pub paragraph: usize,
}

/// A text split into sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Language code (`ar`, `en`, ...).
    pub language: String,
    /// The sentences in order.
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// Build from paragraphs that are already lists of sentences.
    pub fn from_paragraphs(language: &str, paragraphs: Vec<Vec<String>>) -> Self {
        let sentences = paragraphs
            .into_iter()
            .filter(|p| !p.is_empty())
            .enumerate()
            .flat_map(|(k, p)| {
                p.into_iter()
                    .map(move |text| Sentence { text, paragraph: k })
            })
            .collect();
        Document {
            language: language.to_string(),
            sentences,
        }
    }

    /// Presplit text: one sentence a line, blank lines between paragraphs.
    pub fn from_presplit(language: &str, text: &str) -> Self {
        Self::from_paragraphs(language, presplit_paragraphs(text))
    }

    /// Running text, split into sentences with `splitter`.
    pub fn from_raw(language: &str, text: &str, splitter: &SentenceSplitter) -> Self {
        let paragraphs = raw_paragraphs(text)
            .iter()
            .map(|p| splitter.split(language, p))
            .collect();
        Self::from_paragraphs(language, paragraphs)
    }

    /// Read a text file (`-` is standard input) and split it with
    /// `splitter`. `language` is a tag (`ar`, `en-GB`), or `auto` to guess
    /// it from the text. The file must be UTF-8 text of at most
    /// 64 MiB; a text without a letter cannot be guessed and is refused.
    pub fn from_file(path: &Path, language: &str, splitter: &SentenceSplitter) -> Result<Self> {
        let text = read_text(path)?;
        let language = resolve_language(language, &text, "en")
            .map_err(|e| Error::invalid(display_path(path), e.to_string()))?;
        Ok(Self::from_raw(&language, &text, splitter))
    }

    /// The text of the sentences `range`, joined by a space: a bead's side
    /// (`doc.text_of(bead.src.clone())`).
    pub fn text_of(&self, range: std::ops::Range<usize>) -> String {
        joined(self, range)
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// True when there is no sentence.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// Number of paragraphs.
    pub fn paragraph_count(&self) -> usize {
        self.sentences.last().map_or(0, |s| s.paragraph + 1)
    }

    /// Does sentence `i` open a paragraph other than the first?
    pub fn starts_paragraph(&self, i: usize) -> bool {
        i > 0
            && i < self.sentences.len()
            && self.sentences[i].paragraph != self.sentences[i - 1].paragraph
    }
}
