//! What the aligner knows of languages: folding and tokens, language
//! detection and tags, stemming and stop words, name transliteration.

pub mod normalize;
pub(crate) mod stem;
pub(crate) mod translit;
