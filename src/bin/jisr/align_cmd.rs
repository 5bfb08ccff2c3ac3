//! `jisr align`, and the loading and set-up it shares with other subcommands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use jisr::export::beads::{write_beads, write_jsonl, write_tsv};
use jisr::input::article::Article;
use jisr::input::text::{display_path, Layout};
use jisr::language::resolve_language;
use jisr::render::TextView;
use jisr::review::file::write_jsonl_reviewed;
use jisr::review::Review;
use jisr::{Aligner, Alignment, Anchor, Document, Error, FoundAnchors, Lexicon, SentenceSplitter};

use crate::args::{AlignArgs, AlignFormat, AlignOptions};
use crate::out;

/// A source and target read and checked, not yet split.
pub struct LoadedPair {
    /// Source text (NFC).
    pub src_text: String,
    /// Target text (NFC).
    pub tgt_text: String,
    /// Source language code.
    pub src_lang: String,
    /// Target language code.
    pub tgt_lang: String,
}

impl LoadedPair {
    /// Split both texts with the setup's splitter, or by lines when presplit.
    pub fn documents(&self, setup: &Setup, presplit: bool) -> (Document, Document) {
        let layout = if presplit {
            Layout::Presplit
        } else {
            Layout::Raw
        };
        let doc = |lang: &str, text: &str| match layout {
            Layout::Presplit => Document::from_presplit(lang, text),
            Layout::Raw => Document::from_raw(lang, text, setup.splitter()),
        };
        rayon::join(
            || doc(&self.src_lang, &self.src_text),
            || doc(&self.tgt_lang, &self.tgt_text),
        )
    }
}

/// Resolve a language option for the text read from `path`: `auto` guesses
/// from the text, and a text without letters is refused.
pub fn language(option: &str, text: &str, path: &Path, fallback: &'static str) -> Result<String> {
    resolve_language(option, text, fallback)
        .map_err(|e| Error::invalid(display_path(path), e.to_string()).into())
}

/// [`language`] for an article read from `path`: the language it declares
/// stands in for `auto` when it fits the text.
pub fn article_language(
    option: &str,
    article: &Article,
    path: &Path,
    fallback: &'static str,
) -> Result<String> {
    language(
        article.language_option(option),
        &article.text,
        path,
        fallback,
    )
}

/// The aligner and splitter the options ask for, for a language pair.
pub struct Setup {
    /// The aligner.
    pub aligner: Aligner,
    /// The lexicons the aligner was built from (`jisr pair` translates with them).
    pub lexicons: Vec<Lexicon>,
    /// The sentence splitter: from `--srx`, or the built-in rules, compiled
    /// when first needed (presplit input never needs them).
    splitter: std::sync::OnceLock<SentenceSplitter>,
}

impl Setup {
    /// The sentence splitter.
    pub fn splitter(&self) -> &SentenceSplitter {
        self.splitter.get_or_init(SentenceSplitter::default_rules)
    }

    /// Build from options for the pair `src_lang`-`tgt_lang`.
    pub fn new(opts: &AlignOptions, src_lang: &str, tgt_lang: &str) -> Result<Setup> {
        Self::for_texts(opts, src_lang, tgt_lang, &[])
    }

    /// [`Setup::new`] for known texts: installed dictionaries are loaded only
    /// for the words of `texts` (all of them when `texts` is empty).
    pub fn for_texts(
        opts: &AlignOptions,
        src_lang: &str,
        tgt_lang: &str,
        texts: &[&str],
    ) -> Result<Setup> {
        let splitter = std::sync::OnceLock::new();
        if let Some(p) = &opts.srx {
            let _ = splitter.set(SentenceSplitter::from_file(p, opts.read_limits())?);
        }
        let mut builder = Aligner::for_languages(src_lang, tgt_lang);
        builder
            .embedded_dictionary(!opts.no_default_dict)
            .system_dictionaries(!opts.no_system_dict)
            .learn_lexicon(!opts.no_learn);
        for dict in &opts.dicts {
            builder.dictionary(dict);
        }
        let (aligner, lexicons) = builder.build_with_lexicons(texts)?;
        Ok(Setup {
            aligner,
            lexicons,
            splitter,
        })
    }
}

/// Read both sides and check they are an original and a translation.
pub fn load_pair(src_path: &Path, tgt_path: &Path, opts: &AlignOptions) -> Result<LoadedPair> {
    if src_path == Path::new("-") && tgt_path == Path::new("-") {
        anyhow::bail!("only one of SRC and TGT can be `-` (standard input)");
    }
    // Both files at once: checking a long text (UTF-8, NFC) takes a while.
    let (src, tgt) = rayon::join(
        || opts.read_article(src_path),
        || opts.read_article(tgt_path),
    );
    let (src, tgt) = (src?, tgt?);
    let src_lang = article_language(&opts.src_lang, &src, src_path, "ar")?;
    let tgt_lang = article_language(&opts.tgt_lang, &tgt, tgt_path, "en")?;
    let (src_text, tgt_text) = (src.text, tgt.text);
    Error::check_languages(
        display_path(src_path),
        &src_lang,
        display_path(tgt_path),
        &tgt_lang,
    )?;
    Ok(LoadedPair {
        src_text,
        tgt_text,
        src_lang,
        tgt_lang,
    })
}

/// The files the options read: the SRX rules and the dictionaries. An
/// output file must not be one of them either.
pub fn option_inputs(opts: &AlignOptions) -> impl Iterator<Item = &Path> {
    opts.srx.iter().chain(&opts.dicts).map(PathBuf::as_path)
}

/// Read, split and align the pair at `src_path` and `tgt_path` as the
/// options say (`jisr align`, `jisr review SRC TGT`); with `reviewed`, the
/// reviewed beads of that review file are kept as anchors (returned).
pub fn align_pair(
    src_path: &Path,
    tgt_path: &Path,
    opts: &AlignOptions,
    reviewed: Option<(&Review, &Path)>,
) -> Result<(Document, Document, Alignment, Option<Vec<Anchor>>)> {
    let pair = load_pair(src_path, tgt_path, opts)?;
    let setup = Setup::for_texts(
        opts,
        &pair.src_lang,
        &pair.tgt_lang,
        &[&pair.src_text, &pair.tgt_text],
    )?;
    let (src, tgt) = pair.documents(&setup, opts.presplit);
    let (al, anchors) = match reviewed {
        Some((review, path)) => {
            let (al, anchors) = align_reviewed(&setup.aligner, &src, &tgt, review, path);
            (al, Some(anchors))
        }
        None => (setup.aligner.align(&src, &tgt), None),
    };
    Ok((src, tgt, al, anchors))
}

/// Run `jisr align`.
pub fn run(args: AlignArgs) -> Result<ExitCode> {
    let inputs: Vec<&Path> = [args.src.as_path(), args.tgt.as_path()]
        .into_iter()
        .chain(args.reviewed.as_deref())
        .chain(option_inputs(&args.options))
        .collect();
    out::refuse_output_onto_input(args.output.as_deref(), &inputs)?;
    // Before the texts: a bad review file is found at once.
    let review = args.reviewed.as_deref().map(Review::load).transpose()?;
    let reviewed = review.as_ref().zip(args.reviewed.as_deref());
    let (src, tgt, al, anchors) = align_pair(&args.src, &args.tgt, &args.options, reviewed)?;
    let to_stdout = out::is_stdout(args.output.as_deref());
    let format = args
        .format
        .unwrap_or(if to_stdout && out::stdout_is_terminal() {
            AlignFormat::Text
        } else {
            AlignFormat::Tsv
        });
    let color = out::use_color(args.color, to_stdout) && format == AlignFormat::Text;
    let width = args.width.unwrap_or_else(out::terminal_width);
    out::write_output(args.output.as_deref(), |w| {
        match format {
            AlignFormat::Text => TextView {
                width,
                color,
                low_confidence: args.low_confidence,
                explain: args.explain,
            }
            .write(w, &al, &src, &tgt)?,
            AlignFormat::Tsv => write_tsv(w, &al, &src, &tgt, None)?,
            AlignFormat::Jsonl => match &anchors {
                Some(anchors) => {
                    write_jsonl_reviewed(w, &al, (&src, &tgt), anchors, None, args.explain)?
                }
                None => write_jsonl(w, &al, &src, &tgt, None, args.explain)?,
            },
            AlignFormat::Beads => write_beads(w, &al)?,
            AlignFormat::Tmx => {
                crate::tmx_cmd::write_align_tmx(w, &args.src, args.min_confidence, &al, &src, &tgt)?
            }
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Align `src` and `tgt` around the reviewed beads of `review` (read from
/// `path`) found in them; warn about those no longer found. Returns the
/// alignment and the anchors it kept.
pub fn align_reviewed(
    aligner: &Aligner,
    src: &Document,
    tgt: &Document,
    review: &Review,
    path: &Path,
) -> (Alignment, Vec<Anchor>) {
    let found = review.reviewed_anchors(src, tgt);
    if let Some(warning) = dropped_warning(path, &found) {
        out::report(&warning);
    }
    let al = aligner.align_anchored(src, tgt, &found.anchors);
    (al, found.anchors)
}

/// The warning, naming the review file, when some of its reviewed beads
/// are no longer in the texts.
pub fn dropped_warning(path: &Path, found: &FoundAnchors) -> Option<String> {
    (found.dropped > 0).then(|| {
        format!(
            "jisr: warning: {}: {} of {} reviewed beads no longer match the texts and were dropped",
            display_path(path).display(),
            found.dropped,
            found.dropped + found.anchors.len()
        )
    })
}
