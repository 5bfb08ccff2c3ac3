//! Reading dictd dictionaries, with and without the stemmed-dictionary cache.

use jisr::language::fold;
use jisr::lexicon::cache::DictCache;
use jisr::lexicon::Vocabulary;
use jisr::Lexicon;

mod common;
use common::{require, write_dictd};

#[test]
fn dictd_entries_are_read() {
    let dir = tempfile::tempdir().unwrap();
    // A pronunciation line and an explanation after ` - ` are not glosses.
    let index = write_dictd(
        dir.path(),
        "freedict-ara-eng",
        &[(
            "مدرسة",
            "/madrasa/\n1. school\n2. academy - a place of learning",
        )],
    );
    let mut lex = Lexicon::new();
    lex.add_file(&index, "ar").unwrap();
    assert_eq!(lex.lookup(&fold("مدرسة")), ["school", "academy"]);
}

#[test]
fn cached_dictionary_gives_the_same_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    let index = write_dictd(
        dir.path(),
        "freedict-eng-ara",
        &[
            ("school", "1. مدرسة"),
            ("ports", "موانئ، مرافئ"),
            ("the", "ال"),
            ("tram", "ترام"),
        ],
    );
    let cache = DictCache::new(dir.path().join("cache"));
    let vocabulary = Vocabulary::from_texts(&["The school by the port.", "المدرسة"]);
    let load = |vocabulary: Option<&Vocabulary>, cache: Option<&DictCache>| {
        let mut lex = Lexicon::new();
        lex.add_file_for(&index, "ar", vocabulary, cache).unwrap();
        lex
    };
    for v in [None, Some(&vocabulary)] {
        let parsed = load(v, None);
        assert_eq!(load(v, Some(&cache)), parsed, "cache written");
        assert_eq!(load(v, Some(&cache)), parsed, "cache read");
    }
    let filtered = load(Some(&vocabulary), Some(&cache));
    assert_eq!(filtered.lookup("مدرسه"), ["school"]);
    assert_eq!(filtered.lookup("مواني"), ["port"]);
    assert!(
        filtered.lookup("ترام").is_empty(),
        "tram is not in the texts"
    );
    assert_eq!(load(None, Some(&cache)).lookup("ترام"), ["tram"]);
}

#[test]
fn installed_freedict_loads() {
    let found = Lexicon::system_dictionaries("ar", "en");
    let found = if found.is_empty() {
        Err("not installed (Debian: apt-get install dict-freedict-ara-eng)")
    } else {
        Ok(found)
    };
    let Some(found) = require("FreeDict ara-eng", found) else {
        return;
    };
    let mut lex = Lexicon::new();
    for p in found {
        lex.add_file(&p, "ar").unwrap();
    }
    assert!(lex.lookup(&fold("مدرسة")).iter().any(|t| t == "school"));
}
