//! An [`Aligner`] for a language pair: which word lists it loads.
//!
//! The one place that decides the dictionaries for `jisr align`, `batch`,
//! `diff` and `eval` alike: the embedded Arabic-English list in the pair's
//! direction, the FreeDict dictionaries installed for the pair, dictionaries
//! named by the caller, and the cache of stemmed FreeDict files.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::align::{Aligner, AlignerConfig};
use crate::error::Result;
use crate::language::language_code;
use crate::lexicon::cache::DictCache;
use crate::lexicon::{Lexicon, Vocabulary};

// Beside the builder rather than in src/align/, which holds the scoring
// model itself: these are the ways a caller sets it.
setters!(AlignerConfig {
    /// Sets the bonus when a bead starts a paragraph on both sides.
    paragraph_both: f64,
    /// Sets the penalty when a bead starts a target paragraph only.
    paragraph_target_only: f64,
    /// Sets the penalty when a bead starts a source paragraph only.
    paragraph_source_only: f64,
    /// Sets the penalty when a bead spans a paragraph boundary inside one side.
    paragraph_crossing: f64,
    /// Sets the standard deviation of the log length ratio of unrelated sentences.
    length_sigma_random: f64,
    /// Sets whether a word table is learnt from the first pass for a realignment.
    learn_lexicon: bool,
    /// Sets the initial band half-width (sentences) around the diagonal.
    band: usize,
});

/// Where stemmed FreeDict dictionaries are cached between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum CacheChoice {
    /// `$JISR_CACHE_DIR` (empty turns caching off), else the user's cache
    /// folder (see [`DictCache::from_env`]).
    #[default]
    FromEnvironment,
    /// This folder (created when first written).
    In(PathBuf),
    /// No cache: each dictionary is stemmed on every run.
    Off,
}

/// Builds an [`Aligner`] for a language pair: start with
/// [`Aligner::for_languages`], change what you need, then [`build`] or
/// [`build_for`].
///
/// By default the aligner uses the embedded word list when the pair is
/// Arabic and English (in the pair's direction), the FreeDict dictionaries
/// installed under [`SYSTEM_DICT_DIR`] for the pair, the cache the
/// environment names, and learns a word table from the texts it aligns.
///
/// [`build`]: AlignerBuilder::build
/// [`build_for`]: AlignerBuilder::build_for
/// [`SYSTEM_DICT_DIR`]: crate::lexicon::SYSTEM_DICT_DIR
#[derive(Debug, Clone)]
pub struct AlignerBuilder {
    /// Source language code (`ar-SA` given is `ar`).
    src: String,
    /// Target language code.
    tgt: String,
    /// Use the embedded Arabic-English list.
    embedded: bool,
    /// Use the FreeDict dictionaries installed for the pair.
    system: bool,
    /// Dictionary files given by the caller.
    dictionaries: Vec<PathBuf>,
    /// Where FreeDict dictionaries are cached.
    cache: CacheChoice,
    /// Scoring weights and passes.
    config: AlignerConfig,
}

impl Aligner {
    /// A builder for an aligner of `src_language` texts with their
    /// `tgt_language` translations (codes or tags: `ar`, `en-GB`).
    ///
    /// ```
    /// let aligner = jisr::Aligner::for_languages("en", "ar")
    ///     .system_dictionaries(false)
    ///     .build()?;
    /// # Ok::<(), jisr::Error>(())
    /// ```
    pub fn for_languages(src_language: &str, tgt_language: &str) -> AlignerBuilder {
        AlignerBuilder {
            src: language_code(src_language),
            tgt: language_code(tgt_language),
            embedded: true,
            system: true,
            dictionaries: Vec::new(),
            cache: CacheChoice::default(),
            config: AlignerConfig::default(),
        }
    }
}

impl AlignerBuilder {
    /// Use the embedded Arabic-English word list (on by default; it has
    /// words only for Arabic and English).
    pub fn embedded_dictionary(&mut self, yes: bool) -> &mut Self {
        self.embedded = yes;
        self
    }

    /// Use the FreeDict dictionaries installed for the pair under
    /// [`SYSTEM_DICT_DIR`](crate::lexicon::SYSTEM_DICT_DIR) (on by default).
    pub fn system_dictionaries(&mut self, yes: bool) -> &mut Self {
        self.system = yes;
        self
    }

    /// Also use a dictionary file: FreeDict dictd (`.index`, `.dict`,
    /// `.dict.dz`) or hunalign (`.dic`). The direction of a dictd file is
    /// read from its name (`freedict-ara-eng`); a `.dic` lists
    /// `TARGET @ SOURCE` lines.
    pub fn dictionary(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.dictionaries.push(path.into());
        self
    }

    /// Where stemmed FreeDict dictionaries are cached (default: as the
    /// environment says).
    pub fn cache(&mut self, cache: CacheChoice) -> &mut Self {
        self.cache = cache;
        self
    }

    /// Learn a word table from the texts aligned, in a second pass (on by
    /// default; off is faster and relies on the dictionaries alone).
    pub fn learn_lexicon(&mut self, yes: bool) -> &mut Self {
        self.config.learn_lexicon = yes;
        self
    }

    /// Scoring weights (see [`AlignerConfig`]); replaces an earlier
    /// [`learn_lexicon`](Self::learn_lexicon).
    pub fn config(&mut self, config: AlignerConfig) -> &mut Self {
        self.config = config;
        self
    }

    /// The source language code.
    pub fn source_language(&self) -> &str {
        &self.src
    }

    /// The target language code.
    pub fn target_language(&self) -> &str {
        &self.tgt
    }

    /// The aligner, with every entry of its dictionaries loaded.
    pub fn build(&self) -> Result<Aligner> {
        self.build_for(&[])
    }

    /// The aligner for known texts: dictionary files are loaded only for the
    /// words of `texts` (all of their entries when `texts` is empty). Other
    /// entries could not match anything in those texts, and skipping them
    /// makes loading FreeDict several times faster.
    pub fn build_for(&self, texts: &[&str]) -> Result<Aligner> {
        let (lexicons, flip) = self.lexicons_for(texts)?;
        Ok(Aligner::with_lexicons(lexicons, self.config.clone()).looking_up_target(flip))
    }

    /// [`AlignerBuilder::build_for`], with a copy of the lexicons the aligner
    /// was built from (for callers that translate words themselves, such as
    /// pairing articles).
    pub fn build_with_lexicons(&self, texts: &[&str]) -> Result<(Aligner, Vec<Lexicon>)> {
        let (lexicons, flip) = self.lexicons_for(texts)?;
        let aligner =
            Aligner::with_lexicons(lexicons.clone(), self.config.clone()).looking_up_target(flip);
        Ok((aligner, lexicons))
    }

    /// The lexicons [`AlignerBuilder::build_for`] gives the aligner, and
    /// whether they translate the target language into the source's (they
    /// keep one orientation for a pair: the languages in alphabetical order).
    pub fn lexicons_for(&self, texts: &[&str]) -> Result<(Vec<Lexicon>, bool)> {
        // Dictionaries are read in one orientation for a pair, whichever
        // side is the source (the languages in alphabetical order), so that
        // en→ar gives the transposed beads of ar→en.
        let flip = language_code(&self.src) > language_code(&self.tgt);
        let (s, t) = if flip {
            (self.tgt.as_str(), self.src.as_str())
        } else {
            (self.src.as_str(), self.tgt.as_str())
        };
        let embedded = || {
            if self.embedded {
                Lexicon::embedded_for(s, t)
            } else {
                Lexicon::new()
            }
        };
        let system = if self.system {
            Lexicon::system_dictionaries(s, t)
        } else {
            Vec::new()
        };
        let files: Vec<&Path> = system
            .iter()
            .chain(&self.dictionaries)
            .map(PathBuf::as_path)
            .collect();
        let (embedded, vocabulary) = rayon::join(embedded, || {
            (!texts.is_empty() && !files.is_empty()).then(|| Vocabulary::from_texts(texts))
        });
        let cache = match &self.cache {
            CacheChoice::FromEnvironment => DictCache::from_env(),
            CacheChoice::In(dir) => Some(DictCache::new(dir)),
            CacheChoice::Off => None,
        };
        // Each dictionary on its own core.
        let loaded: Vec<Result<Lexicon>> = files
            .par_iter()
            .map(|path| {
                let mut lexicon = Lexicon::new();
                lexicon.add_file_for(path, s, vocabulary.as_ref(), cache.as_ref())?;
                Ok(lexicon)
            })
            .collect();
        let mut lexicons = vec![embedded];
        for lexicon in loaded {
            lexicons.push(lexicon?);
        }
        Ok((lexicons, flip))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    /// One sentence each way whose words only the embedded list links.
    fn pair(src_lang: &str, tgt_lang: &str) -> (Document, Document) {
        let ar = "وصل الوزير إلى الميناء.\n\nقالت الحكومة إن السفن جديدة.\n";
        let en = "The minister reached the port.\n\nThe government said the ships are new.\n";
        let (s, t) = if src_lang == "ar" { (ar, en) } else { (en, ar) };
        (
            Document::from_presplit(src_lang, s),
            Document::from_presplit(tgt_lang, t),
        )
    }

    /// Words matched by the embedded list in an alignment of `pair`.
    fn matched(aligner: &Aligner, src_lang: &str, tgt_lang: &str) -> u32 {
        let (src, tgt) = pair(src_lang, tgt_lang);
        aligner
            .align(&src, &tgt)
            .beads
            .iter()
            .map(|b| b.signals.words_matched)
            .sum()
    }

    fn offline(src: &str, tgt: &str) -> AlignerBuilder {
        let mut builder = Aligner::for_languages(src, tgt);
        builder
            .system_dictionaries(false)
            .cache(CacheChoice::Off)
            .learn_lexicon(false);
        builder
    }

    #[test]
    fn the_embedded_list_serves_both_directions() {
        let ar_en = offline("ar", "en").build().unwrap();
        let en_ar = offline("en-GB", "ar-SA").build().unwrap();
        assert!(matched(&ar_en, "ar", "en") > 0);
        assert_eq!(matched(&en_ar, "en", "ar"), matched(&ar_en, "ar", "en"));
        // So does the default aligner, which is not told the direction.
        let default = Aligner::default();
        assert_eq!(matched(&default, "en", "ar"), matched(&ar_en, "ar", "en"));
        let none = offline("en", "ar")
            .embedded_dictionary(false)
            .build()
            .unwrap();
        assert_eq!(matched(&none, "en", "ar"), 0);
    }

    #[test]
    fn language_tags_become_codes() {
        let builder = Aligner::for_languages("AR_sa", "en-GB");
        assert_eq!(builder.source_language(), "ar");
        assert_eq!(builder.target_language(), "en");
    }
}
