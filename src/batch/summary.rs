//! The one-line summary of an aligned document.

use std::collections::BTreeMap;
use std::fmt;

use crate::align::Alignment;
use crate::document::Document;

/// The per-document line of `jisr batch`: sentences, beads by shape, weak beads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSummary {
    /// The document name.
    pub name: String,
    /// Source sentences and language.
    pub src: (usize, String),
    /// Target sentences and language.
    pub tgt: (usize, String),
    /// Number of beads of each shape (`1-1`, `2-1`, `0-1`, ...).
    pub beads: BTreeMap<String, usize>,
    /// Beads below the low-confidence threshold.
    pub low_confidence: usize,
}

impl DocumentSummary {
    /// Summarise an alignment; `threshold` marks low confidence.
    pub fn new(
        name: &str,
        alignment: &Alignment,
        src: &Document,
        tgt: &Document,
        threshold: f64,
    ) -> Self {
        let mut beads = BTreeMap::new();
        for b in &alignment.beads {
            *beads.entry(b.kind()).or_default() += 1;
        }
        DocumentSummary {
            name: name.to_string(),
            src: (src.len(), src.language.clone()),
            tgt: (tgt.len(), tgt.language.clone()),
            beads,
            low_confidence: alignment.low_confidence(threshold),
        }
    }
}

impl fmt::Display for DocumentSummary {
    /// `gulf-port: 12 ar + 13 en sentences; beads 1-1 ×11, 1-2 ×1; 1 low-confidence`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} {} + {} {} sentences; beads ",
            self.name, self.src.0, self.src.1, self.tgt.0, self.tgt.1
        )?;
        // Most frequent shape first, so 1-1 leads.
        let mut kinds: Vec<(&String, &usize)> = self.beads.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        write!(
            f,
            "{}; {} low-confidence",
            kinds.join(", "),
            self.low_confidence
        )
    }
}
