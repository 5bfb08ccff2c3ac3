//! Align two text files with the jisr library and print the beads.
//!
//! `cargo run --example align -- corpora/gulf-port.ar.txt corpora/gulf-port.en.txt`

use std::path::PathBuf;

use jisr::{Aligner, Document, SentenceSplitter};

fn main() -> Result<(), jisr::Error> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [src_path, tgt_path] = args.as_slice() else {
        eprintln!("usage: align SOURCE TRANSLATION");
        std::process::exit(2);
    };
    let splitter = SentenceSplitter::default_rules();
    let src = Document::from_file(src_path, "auto", &splitter)?;
    let tgt = Document::from_file(tgt_path, "auto", &splitter)?;
    // Installed dictionaries are loaded only for the words of these texts.
    let aligner = Aligner::for_languages(&src.language, &tgt.language)
        .build_for(&[&src.text_of(0..src.len()), &tgt.text_of(0..tgt.len())])?;
    let alignment = aligner.align(&src, &tgt);
    for bead in &alignment.beads {
        println!(
            "{:.2}\t{}\t{}",
            bead.confidence,
            src.text_of(bead.src.clone()),
            tgt.text_of(bead.tgt.clone())
        );
    }
    Ok(())
}
