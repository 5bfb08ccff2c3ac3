//! jisr (جسر, "bridge"): align Arabic news articles with their English translations.
#![deny(missing_docs)]

pub mod align;
pub mod batch;
pub mod dict_cache;
pub mod diff;
pub mod document;
pub mod error;
pub mod eval;
pub mod lexicon;
pub mod normalize;
pub mod output;
pub mod pair;
pub mod printable;
pub mod render;
pub mod segment;
pub mod stem;
pub mod text;
pub mod tmx;
pub mod translit;

pub use align::{Aligner, AlignerConfig, Alignment, Bead};
pub use document::{Document, Sentence};
pub use error::{Error, Result};
pub use lexicon::Lexicon;
pub use segment::SentenceSplitter;
