//! Command-line flags (clap derive), one struct per subcommand.

use std::ops::RangeInclusive;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Align Arabic news articles with their English translations, export TMX,
/// and show what an editor changed between two versions of a translation.
#[derive(Debug, Parser)]
#[command(name = "jisr", version, about, long_about = None, after_help = "Exit status: 0 success (diff: no change), 1 diff found changes, 2 trouble.")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Align a source text with its translation, paragraphs then sentences.
    Align(AlignArgs),
    /// Show what changed between two versions of a translation, beside the source.
    Diff(DiffArgs),
    /// Align every NAME.ar.txt of a folder with its NAME.en.txt (or JSONL documents from stdin).
    Batch(BatchArgs),
    /// Translation memories: merge TMX files, count what they hold.
    Tmx(TmxArgs),
    /// Find which English article translates which Arabic article, in two folders of articles.
    Pair(PairArgs),
    /// Check and correct an alignment full-screen, then write it (or walk a revision's changes).
    Review(ReviewArgs),
    /// Align every NAME.gold's pair NAME.xx/NAME.yy (--presplit) or NAME.xx.txt/NAME.yy.txt and score it against the gold beads
    Eval(EvalArgs),
}

/// A whole-number option within `range`: an absurd value (`--width
/// 1000000000000`) is refused when the arguments are read, before anything
/// is sized by it.
fn whole_number(
    range: RangeInclusive<usize>,
) -> impl Fn(&str) -> Result<usize, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        let expected = || {
            format!(
                "expected a whole number from {} to {}",
                range.start(),
                range.end()
            )
        };
        let n: usize = text.trim().parse().map_err(|_| expected())?;
        if range.contains(&n) {
            Ok(n)
        } else {
            Err(expected())
        }
    }
}

/// Width of a text view in columns: narrower than 20 leaves no room for
/// text, and no terminal is 10,000 columns wide.
const WIDTH: RangeInclusive<usize> = 20..=10_000;

/// A confidence threshold: a number from 0 to 1.
fn probability(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err("expected a number from 0 to 1".to_string()),
    }
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and NO_COLOR is not set (CLICOLOR_FORCE:
    /// also when piped; CLICOLOR=0 or TERM=dumb: never).
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Output formats of `align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// Side by side, for reading (default on a terminal).
    Text,
    /// Source TAB target, one bead a line (default when piped).
    Tsv,
    /// One JSON object a line per bead.
    Jsonl,
    /// `[0, 1]:[2]` a line, the Vecalign/Bertalign bead format.
    Beads,
    /// A TMX 1.4b translation memory, for OmegaT, Trados, memoQ.
    Tmx,
}

/// Formats of an article file (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// UTF-8 text.
    Txt,
    /// A web page: the article's text, without menus, banners, scripts and footers.
    Html,
    /// A Word document (.docx).
    Docx,
}

/// Options shared by everything that reads and aligns a pair of texts.
#[derive(Debug, Clone, Args)]
pub struct AlignOptions {
    /// Input is one sentence a line, blank lines between paragraphs.
    #[arg(long)]
    pub presplit: bool,
    /// Source language code (`auto`: guess from the text; Arabic script is `ar`).
    #[arg(long, default_value = "auto", value_name = "LANG")]
    pub src_lang: String,
    /// Target language code (`auto`: guess from the text).
    #[arg(long, default_value = "auto", value_name = "LANG")]
    pub tgt_lang: String,
    /// Sentence segmentation rules in SRX 2.0 (default: the built-in rules).
    #[arg(long, value_name = "FILE")]
    pub srx: Option<PathBuf>,
    /// A bilingual dictionary: FreeDict dictd (`.index`) or hunalign (`.dic`). Repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Do not load FreeDict dictionaries installed under /usr/share/dictd.
    #[arg(long)]
    pub no_system_dict: bool,
    /// Do not use the embedded Arabic-English word list.
    #[arg(long)]
    pub no_default_dict: bool,
    /// Do not learn a word table from the input (one pass instead of two).
    #[arg(long)]
    pub no_learn: bool,
    /// Largest input file (article, SRX) read: bytes, or with K, M, G (powers of 1024). Checked while reading, so endless input is refused.
    #[arg(long, default_value = "64M", value_name = "SIZE", value_parser = jisr::input::text::parse_size)]
    pub max_input_size: u64,
    /// Format of the articles [default: from the file name (.html, .htm, .docx) or content, else txt].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,
}

impl AlignOptions {
    /// The article format `--input-format` asks for, if any.
    pub fn input_format(&self) -> Option<jisr::input::article::InputFormat> {
        use jisr::input::article::InputFormat;
        self.input_format.map(|f| match f {
            InputFormatArg::Txt => InputFormat::Txt,
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Docx => InputFormat::Docx,
        })
    }

    /// Read the article at `path` as the options say.
    pub fn read_article(
        &self,
        path: &std::path::Path,
    ) -> jisr::Result<jisr::input::article::Article> {
        jisr::input::article::read_article(path, self.input_format(), self.read_limits())
    }

    /// How the input files named on the command line may be read.
    pub fn read_limits(&self) -> jisr::input::text::ReadLimits {
        jisr::input::text::ReadLimits {
            max_size: self.max_input_size,
            ..Default::default()
        }
    }
}

/// `jisr align`.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The original text (`-` for stdin).
    pub src: PathBuf,
    /// The translation (`-` for stdin).
    pub tgt: PathBuf,
    /// Output format [default: text on a terminal, tsv otherwise].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<AlignFormat>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Show the evidence behind each bead (JSONL: a `signals` field; text: a line per bead).
    #[arg(long)]
    pub explain: bool,
    /// Beads below this confidence are marked in the text view.
    #[arg(long, default_value_t = 0.5, value_name = "P", value_parser = probability)]
    pub low_confidence: f64,
    /// Width of the text view [default: the terminal's, or 100].
    #[arg(long, value_name = "COLS", value_parser = whole_number(WIDTH))]
    pub width: Option<usize>,
    /// Colour: auto, always, never (auto heeds NO_COLOR, CLICOLOR, CLICOLOR_FORCE).
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// TMX: leave out units whose confidence is below P.
    #[arg(long, default_value_t = 0.0, value_name = "P", value_parser = probability)]
    pub min_confidence: f64,
    /// A review of this pair (.jsonl or .tmx, as `jisr review` saves it): its reviewed beads are kept as they are, found by their sentences' text, and only the sentences between them are aligned.
    #[arg(long, value_name = "FILE")]
    pub reviewed: Option<PathBuf>,
    #[command(flatten)]
    pub options: AlignOptions,
}

/// Output formats of `batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// One TMX 1.4b translation memory (`x-document` names each unit's document).
    Tmx,
    /// One JSON object a line per bead, with a `document` field.
    Jsonl,
    /// Document TAB source TAB target, one bead a line.
    Tsv,
}

/// `jisr batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Folder of NAME.ar.txt and NAME.en.txt files (.html, .htm or .docx instead of .txt; NAME.ar and NAME.en with --presplit); with EN_DIR, a folder of Arabic articles. A NAME.review.jsonl (or .tmx) beside them is a review of the pair: its reviewed beads are kept.
    #[arg(required_unless_present = "stdin", conflicts_with = "stdin")]
    pub dir: Option<PathBuf>,
    /// A folder of English articles: pair them with DIR's by content (as `jisr pair` does), then align the pairs.
    #[arg(value_name = "EN_DIR", conflicts_with = "stdin")]
    pub en_dir: Option<PathBuf>,
    /// Read JSONL documents `{"id": .., "src": "..", "tgt": ".."}` from stdin, write JSONL beads.
    #[arg(long)]
    pub stdin: bool,
    /// Output format [default: tmx; jsonl with --stdin].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<BatchFormat>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// TMX: leave out units whose confidence is below P.
    #[arg(long, default_value_t = 0.0, value_name = "P", value_parser = probability)]
    pub min_confidence: f64,
    /// Beads below this confidence count as low-confidence in the summary.
    #[arg(long, default_value_t = 0.5, value_name = "P", value_parser = probability)]
    pub low_confidence: f64,
    /// With --stdin: documents aligned together (and held in memory) at a time, 1 to 100000.
    #[arg(long, default_value_t = 256, value_name = "N", value_parser = whole_number(1..=100_000))]
    pub chunk: usize,
    #[command(flatten)]
    pub options: AlignOptions,
}

/// Output formats of `pair`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PairFormat {
    /// A table, for reading (default on a terminal).
    Text,
    /// ARABIC TAB ENGLISH TAB CONFIDENCE, one article a line; `-` for no partner (default when piped).
    Tsv,
    /// One JSON object a line per article.
    Jsonl,
}

/// `jisr pair`.
#[derive(Debug, Args)]
#[command(
    after_help = "Each line: ARABIC<TAB>ENGLISH<TAB>CONFIDENCE; an article without a partner has `-` in the other column and no confidence.\nExit status: 0 success, 2 trouble (an article that cannot be read is reported and skipped; the others are still paired)."
)]
pub struct PairArgs {
    /// Folder of Arabic articles, or a file listing their paths one a line (`-`: stdin).
    #[arg(value_name = "AR_DIR")]
    pub src: PathBuf,
    /// Folder of English articles, or a file listing their paths one a line (`-`: stdin).
    #[arg(value_name = "EN_DIR")]
    pub tgt: PathBuf,
    /// Output format [default: text on a terminal, tsv otherwise].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<PairFormat>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Show what decided each pair: shared names, numbers, dictionary words, sentences aligned in order.
    #[arg(long)]
    pub explain: bool,
    /// Leave unpaired the articles whose best partner has a confidence below P.
    #[arg(long, default_value_t = 0.5, value_name = "P", value_parser = probability)]
    pub min_confidence: f64,
    #[command(flatten)]
    pub options: AlignOptions,
}

/// `jisr tmx`.
#[derive(Debug, Args)]
pub struct TmxArgs {
    /// What to do with the memories.
    #[command(subcommand)]
    pub command: TmxCommand,
}

/// Subcommands of `jisr tmx`.
#[derive(Debug, Subcommand)]
pub enum TmxCommand {
    /// Combine memories, dropping duplicate units (same texts after whitespace squeeze).
    Merge(TmxMergeArgs),
    /// Count units, languages, documents (x-document props) and duplicates.
    Stats(TmxStatsArgs),
}

/// `jisr tmx merge`.
#[derive(Debug, Args)]
pub struct TmxMergeArgs {
    /// TMX files (1.1 to 1.4b).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `jisr tmx stats`.
#[derive(Debug, Args)]
pub struct TmxStatsArgs {
    /// A TMX file (1.1 to 1.4b).
    pub input: PathBuf,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Source, old and new text per segment, changes marked (for reading).
    Text,
    /// One JSON object a line per segment.
    Jsonl,
    /// A self-contained HTML page, side by side.
    Html,
}

/// `jisr diff`.
#[derive(Debug, Args)]
#[command(
    override_usage = "jisr diff [OPTIONS] [SRC] OLD NEW",
    after_help = "Exit status: 0 nothing changed, 1 something changed, 2 trouble."
)]
pub struct DiffArgs {
    /// `[SRC] OLD NEW`: the original (optional), the earlier and the revised
    /// translation. One of them may be `-` (stdin).
    #[arg(num_args = 2..=3, required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Colour: auto, always, never (auto heeds NO_COLOR, CLICOLOR, CLICOLOR_FORCE).
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Show only unchanged segments within N segments of a change (0 to 10000).
    #[arg(long, short = 'C', value_name = "N", value_parser = whole_number(0..=10_000))]
    pub context: Option<usize>,
    /// Width of the text view [default: the terminal's, or 100].
    #[arg(long, value_name = "COLS", value_parser = whole_number(WIDTH))]
    pub width: Option<usize>,
    /// Pager for long text output on a terminal [default: $PAGER, or `less -R`].
    #[arg(long, value_name = "CMD")]
    pub pager: Option<String>,
    /// Never use a pager.
    #[arg(long, conflicts_with = "pager")]
    pub no_pager: bool,
    #[command(flatten)]
    pub options: AlignOptions,
}

/// `jisr eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Folder with NAME.gold beside NAME.ar and NAME.en (any two language codes), and NAME.ar.txt, NAME.en.txt for raw scoring
    pub dir: PathBuf,
    #[command(flatten)]
    pub options: AlignOptions,
}

/// `jisr review`.
#[derive(Debug, Args)]
#[command(
    override_usage = "jisr review [OPTIONS] SRC TGT\n       jisr review [OPTIONS] FILE.jsonl|FILE.tmx\n       jisr review [OPTIONS] SRC OLD NEW",
    after_help = "In the editor, ? lists the keys. Needs a terminal on standard input and output.\nExit status: 0 success, 2 trouble (no terminal, bad input, a file that cannot be written)."
)]
pub struct ReviewArgs {
    /// SRC TGT: align the pair and review it. FILE.jsonl or FILE.tmx: reopen a
    /// review written with `w`. SRC OLD NEW: walk the changes between two
    /// versions of a translation.
    #[arg(num_args = 1..=3, required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where `w` writes the review: FILE.jsonl or FILE.tmx, atomically [default: the review file opened; else `w` asks].
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Beads below this confidence, not yet reviewed, are doubtful (n and N go to them).
    #[arg(long, default_value_t = 0.5, value_name = "BELOW", value_parser = probability)]
    pub doubtful: f64,
    /// Colour: auto, always, never (auto heeds NO_COLOR, CLICOLOR, CLICOLOR_FORCE).
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    #[command(flatten)]
    pub options: AlignOptions,
}
