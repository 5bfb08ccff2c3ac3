//! `jisr align`, and the loading and set-up it shares with other subcommands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use jisr::dict_cache::DictCache;
use jisr::lexicon::Vocabulary;
use jisr::normalize::resolve_language;
use jisr::output::{write_beads, write_jsonl, write_tsv};
use jisr::render::TextView;
use jisr::text::{display_path, read_text_with, Layout};
use jisr::{Aligner, AlignerConfig, Document, Error, Lexicon, SentenceSplitter};
use rayon::prelude::*;

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
        let base = |l: &str| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase();
        let (s, t) = (base(src_lang), base(tgt_lang));
        let embedded = || match (s.as_str(), t.as_str()) {
            _ if opts.no_default_dict => Lexicon::new(),
            ("ar", "en") => Lexicon::embedded(),
            ("en", "ar") => Lexicon::embedded().reversed(),
            _ => Lexicon::new(),
        };
        let system = if opts.no_system_dict {
            Vec::new()
        } else {
            Lexicon::system_dictionaries(&s, &t)
        };
        // Installed dictionaries are loaded only for the words of the texts.
        let dictionaries: Vec<&PathBuf> = system.iter().chain(&opts.dicts).collect();
        let (embedded, vocabulary) = rayon::join(embedded, || {
            (!texts.is_empty() && !dictionaries.is_empty()).then(|| Vocabulary::from_texts(texts))
        });
        // Each dictionary on its own core.
        let cache = DictCache::from_env();
        let loaded: Vec<Result<Lexicon>> = dictionaries
            .par_iter()
            .map(|p| {
                let mut lex = Lexicon::new();
                lex.add_file_for(p, &s, vocabulary.as_ref(), cache.as_ref())?;
                Ok(lex)
            })
            .collect();
        let mut lexicons = vec![embedded];
        for lex in loaded {
            lexicons.push(lex?);
        }
        let config = AlignerConfig {
            learn_lexicon: !opts.no_learn,
            ..AlignerConfig::default()
        };
        Ok(Setup {
            aligner: Aligner::with_lexicons(lexicons.clone(), config),
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
    let read = |path| read_text_with(path, opts.read_limits());
    let (src_text, tgt_text) = rayon::join(|| read(src_path), || read(tgt_path));
    let (src_text, tgt_text) = (src_text?, tgt_text?);
    let src_lang = language(&opts.src_lang, &src_text, src_path, "ar")?;
    let tgt_lang = language(&opts.tgt_lang, &tgt_text, tgt_path, "en")?;
    if src_lang == tgt_lang {
        return Err(Error::SameLanguage {
            src: display_path(src_path),
            tgt: display_path(tgt_path),
            language: language_name(&src_lang),
        }
        .into());
    }
    Ok(LoadedPair {
        src_text,
        tgt_text,
        src_lang,
        tgt_lang,
    })
}

fn language_name(code: &str) -> String {
    match code {
        "ar" => "Arabic",
        "en" => "English",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        other => return other.to_string(),
    }
    .to_string()
}

/// The files the options read: the SRX rules and the dictionaries. An
/// output file must not be one of them either.
pub fn option_inputs(opts: &AlignOptions) -> impl Iterator<Item = &Path> {
    opts.srx.iter().chain(&opts.dicts).map(PathBuf::as_path)
}

/// Run `jisr align`.
pub fn run(args: AlignArgs) -> Result<ExitCode> {
    let inputs: Vec<&Path> = [args.src.as_path(), args.tgt.as_path()]
        .into_iter()
        .chain(option_inputs(&args.options))
        .collect();
    out::refuse_output_onto_input(args.output.as_deref(), &inputs)?;
    let pair = load_pair(&args.src, &args.tgt, &args.options)?;
    let setup = Setup::for_texts(
        &args.options,
        &pair.src_lang,
        &pair.tgt_lang,
        &[&pair.src_text, &pair.tgt_text],
    )?;
    let (src, tgt) = pair.documents(&setup, args.options.presplit);
    let al = setup.aligner.align(&src, &tgt);
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
            AlignFormat::Jsonl => write_jsonl(w, &al, &src, &tgt, None, args.explain)?,
            AlignFormat::Beads => write_beads(w, &al)?,
            AlignFormat::Tmx => {
                crate::tmx_cmd::write_align_tmx(w, &args.src, args.min_confidence, &al, &src, &tgt)?
            }
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
