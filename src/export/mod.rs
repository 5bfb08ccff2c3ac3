//! Writing alignments: beads, TSV and JSONL ([`beads`]), and TMX translation
//! memories, which are read and merged here too ([`tmx`]).

pub mod beads;
pub mod tmx;
