//! What the aligner knows of languages: folding and tokens, language
//! detection and tags, stemming and stop words, name transliteration.
//!
//! The functions of `fold`, `tokens` and `detect` that the rest of the
//! crate uses are re-exported here, so callers write `language::fold`.

pub mod detect;
pub mod fold;
pub mod glued;
pub(crate) mod stem;
pub mod tokens;
pub(crate) mod translit;

pub use detect::{
    dominant_script, guess_language, language_code, language_name, resolve_language, NoLetters,
    Script,
};
pub use fold::{fold, fold_keeping_word_ends, is_arabic, unmark_word_ends};
pub use glued::{split_glued, KnownWords};
pub use tokens::{capitalised_words, for_each_token, is_letter, tokens};
