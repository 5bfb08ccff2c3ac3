//! jisr (جسر, "bridge"): align Arabic news articles with their English
//! translations, sentence by sentence; write the result as a TMX translation
//! memory; show what changed between two versions of a translation.
//!
//! # Aligning two texts
//!
//! Build an [`Aligner`] for the language pair with [`Aligner::for_languages`]
//! (it chooses the dictionaries: the embedded Arabic-English list in the
//! pair's direction, FreeDict dictionaries installed for the pair, files you
//! add), read or split each side into a [`Document`], and align them. Every
//! sentence of both sides is in exactly one [`Bead`] of the [`Alignment`]:
//!
//! ```
//! use jisr::{Aligner, Document, SentenceSplitter};
//!
//! let splitter = SentenceSplitter::default_rules();
//! let ar = Document::from_raw("ar", "قال الوزير إن الميناء سيفتح. ووصلت السفن أمس.", &splitter);
//! let en = Document::from_raw("en", "The minister said the port will open. The ships arrived yesterday.", &splitter);
//! let aligner = Aligner::for_languages("ar", "en")
//!     .system_dictionaries(false) // the same result on any machine
//!     .build()?;
//! let alignment = aligner.align(&ar, &en);
//! for bead in &alignment.beads {
//!     println!("{:.2}  {}  |  {}", bead.confidence, ar.text_of(bead.src.clone()), en.text_of(bead.tgt.clone()));
//! }
//! assert_eq!(alignment.beads.len(), 2);
//! assert_eq!(alignment.beads[1].tgt, 1..2);
//! # Ok::<(), jisr::Error>(())
//! ```
//!
//! [`Document::from_file`] reads a file (and can guess its language);
//! [`Document::from_presplit`] takes one sentence a line. Many documents
//! aligned together with [`Aligner::align_many`] share the word table the
//! aligner learns from them.
//!
//! # Output and the other tools
//!
//! - [`export::beads`]: beads as TSV, JSONL or `[0, 1]:[2]` lines;
//! - [`export::tmx`]: TMX 1.4b memories written, read, merged and counted;
//! - [`diff`]: what changed between two versions of a translation, beside
//!   the source sentences they translate ([`diff::Differ`]);
//! - [`review`]: an alignment a person checks and corrects
//!   ([`review::Review`], saved and reopened as JSONL or TMX, edited with
//!   `review::edit::Editor` and its undo); its confirmed beads are kept
//!   when the pair is aligned again ([`Aligner::align_anchored`]);
//! - [`Error`]: every error names its input (file, line), on one line.
//!
//! The other modules are the inner workings of these (reading input,
//! language detection and stemming, segmentation, dictionaries); they may
//! change between versions.
//!
//! # Features
//!
//! `cli` (default) builds the `jisr` command and pulls in what only it
//! needs (clap, indicatif, terminal_size, anyhow, signal-hook). A program
//! using the library turns it off: `jisr = { version = "0.1",
//! default-features = false }`.
#![deny(missing_docs)]

/// Setters for the fields of a `#[non_exhaustive]` options struct, each
/// taking `&mut self` and returning it so that calls chain (as `similar`
/// and `bat` do): a struct users build from `Default` can then gain fields
/// without breaking them.
macro_rules! setters {
    ($ty:ty { $($(#[$doc:meta])* $field:ident: $t:ty),* $(,)? }) => {
        impl $ty {
            $(
                $(#[$doc])*
                pub fn $field(&mut self, value: $t) -> &mut Self {
                    self.$field = value;
                    self
                }
            )*
        }
    };
}

// The documented API is the facade below plus `diff` and `export`. The
// `#[doc(hidden)]` modules are public only because the jisr binary and the
// integration tests reach into them; they may change in any version (bat
// does the same for its binary).
pub(crate) mod align;
#[doc(hidden)]
pub mod batch;
pub(crate) mod builder;
pub mod diff;
pub(crate) mod document;
pub(crate) mod error;
#[doc(hidden)]
pub mod eval;
pub mod export;
pub(crate) mod hash;
#[doc(hidden)]
pub mod input;
#[doc(hidden)]
pub mod language;
#[doc(hidden)]
pub mod lexicon;
#[doc(hidden)]
pub mod pair;
#[doc(hidden)]
pub mod printable;
#[doc(hidden)]
pub mod render;
pub mod review;
#[doc(hidden)]
pub mod segment;

pub use align::{Aligner, AlignerConfig, Alignment, Anchor, Bead, FoundAnchors, Signals};
pub use builder::{AlignerBuilder, CacheChoice};
pub use diff::{Diff, DiffOptions, Differ};
pub use document::{Document, Sentence};
pub use error::{Error, Result};
pub use export::tmx::{read_tmx, Tmx, TmxConfig, TmxWriter};
pub use language::{language_code, resolve_language};
pub use lexicon::Lexicon;
pub use segment::SentenceSplitter;
