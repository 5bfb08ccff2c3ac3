//! jisr (جسر, "bridge"): align Arabic news articles with their English translations.
#![deny(missing_docs)]

pub mod align;
pub mod batch;
pub mod builder;
pub mod diff;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod input;
pub mod language;
pub mod lexicon;
pub mod printable;
pub mod render;
pub mod segment;

// Old paths still used by code the lead is changing: `crate::text` by
// src/eval.rs, `jisr::text` and `jisr::output` by the binary's eval_cmd.rs,
// `crate::normalize` inside src/align/words.rs. To go once those use the
// new ones.
#[doc(hidden)]
pub use export::beads as output;
#[doc(hidden)]
pub use input::text;
pub(crate) use language::normalize;

pub use align::{Aligner, AlignerConfig, Alignment, Bead};
pub use document::{Document, Sentence};
pub use error::{Error, Result};
pub use lexicon::Lexicon;
pub use segment::SentenceSplitter;
