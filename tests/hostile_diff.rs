//! `jisr diff` against hostile input (issue 15): long revisions with nothing
//! to anchor on, and text that carries terminal control sequences.

use std::path::Path;

use serde_json::Value;

mod common;
use common::jisr_in as jisr;

/// Run `jisr diff ARGS` in `dir`: exit code 1 (something changed) and stdout.
fn diff(dir: &Path, args: &[&str]) -> String {
    let out = jisr(dir).arg("diff").args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Indexes of one side over all JSON lines, in output order.
fn ids(lines: &[Value], side: &str) -> Vec<usize> {
    lines
        .iter()
        .flat_map(|l| l["ids"][side].as_array().unwrap().clone())
        .map(|v| v.as_u64().unwrap() as usize)
        .collect()
}

/// 12,000 sentences on each side, and no sentence unique: the full table
/// this replaced would have 144 million cells (about 4 GB and minutes); the
/// bench `benches/diff_scale.sh` has the figures. Checked here: the run ends,
/// every sentence is in one segment, and the band follows the text.
#[test]
fn long_repeated_revision_is_diffed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let kinds = [
        "The port authority announced a plan on Sunday.",
        "Cargo volumes grew by 3.5 percent last year.",
        "Analysts expect the growth to continue.",
        "The project will create about 7,000 jobs.",
        "Work on the new quay begins in March.",
        "The minister thanked the workers.",
        "Ships will wait less at the entrance.",
    ];
    let n = 12_000;
    let old: Vec<&str> = (0..n).map(|k| kinds[k % kinds.len()]).collect();
    let mut new: Vec<String> = old.iter().map(|s| s.to_string()).collect();
    for k in (5..n).step_by(100) {
        new[k] = new[k].replace("the", "a");
    }
    std::fs::write(dir.path().join("old.txt"), old.join("\n") + "\n").unwrap();
    std::fs::write(dir.path().join("new.txt"), new.join("\n") + "\n").unwrap();
    let out = diff(
        dir.path(),
        &["--presplit", "--format", "jsonl", "old.txt", "new.txt"],
    );
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut old_ids = ids(&lines, "old");
    old_ids.sort_unstable();
    assert_eq!(old_ids, (0..n).collect::<Vec<_>>());
    assert_eq!(ids(&lines, "new"), (0..n).collect::<Vec<_>>());
    let edited = lines.iter().filter(|l| l["kind"] == "edited").count();
    let unchanged = lines.iter().filter(|l| l["kind"] == "unchanged").count();
    let changed_lines = new.iter().zip(&old).filter(|(a, b)| a != b).count();
    assert_eq!((edited, unchanged), (changed_lines, n - changed_lines));
}

#[test]
fn control_sequences_in_the_text_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    // ESC sequences (clear screen, set title), a C1 CSI, and a right-to-left
    // override left open in the source.
    std::fs::write(
        dir.path().join("ar.txt"),
        "قال الوزير \u{202E}إن الميناء سيفتح.\n\nوأضاف أن العمال عادوا.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("old.txt"),
        "The minister said the port would open.\n\nHe added that workers returned.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("new.txt"),
        "The minister said the port \x1b[2J\x1b]0;owned\x07would open.\n\n\
         He added that \u{9b}31m workers returned.\n",
    )
    .unwrap();
    let sgr = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    for color in ["never", "always"] {
        let out = diff(
            dir.path(),
            &[
                "--color",
                color,
                "--src-lang",
                "ar",
                "ar.txt",
                "old.txt",
                "new.txt",
            ],
        );
        // The only ESC left is the view's own colour (SGR: ESC [ digits m).
        let without_sgr = sgr.replace_all(&out, "");
        assert!(
            !without_sgr.chars().any(|c| c.is_control() && c != '\n'),
            "{without_sgr:?}"
        );
        assert!(
            without_sgr.contains("\\u{1b}[2J\\u{1b}]0;owned\\u{7}"),
            "{without_sgr}"
        );
        assert!(without_sgr.contains("\\u{9b}31m"), "{without_sgr}");
        // The override is shown, not obeyed: it cannot reverse the columns
        // printed after it.
        assert!(!without_sgr.contains('\u{202E}'), "{without_sgr}");
        assert!(without_sgr.contains("u{202e}"), "{without_sgr}");
    }
}
