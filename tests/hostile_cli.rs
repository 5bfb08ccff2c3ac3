//! `align`, `eval` and the output code against hostile input and options
//! (issue 15): absurd option values, `-o` onto an input or a dangling link,
//! a full disk, an interrupted write, control characters and unpaired bidi
//! overrides in the text, gold beads beyond the text.

use std::path::Path;
use std::time::Duration;

use predicates::prelude::*;

mod common;
use common::{corpus, jisr_in};

/// [`jisr_in`] without `RUST_BACKTRACE` and with a time limit.
fn jisr(dir: &Path) -> assert_cmd::Command {
    let mut cmd = jisr_in(dir);
    cmd.env_remove("RUST_BACKTRACE")
        .timeout(Duration::from_secs(120));
    cmd
}

/// `dir/ar.txt` and `dir/en.txt`: the gulf-port article.
fn article(dir: &Path) {
    std::fs::copy(corpus("gulf-port.ar.txt"), dir.join("ar.txt")).unwrap();
    std::fs::copy(corpus("gulf-port.en.txt"), dir.join("en.txt")).unwrap();
}

#[test]
fn absurd_option_values_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path());
    let align = ["align", "ar.txt", "en.txt", "-f", "text"];
    let diff = ["diff", "en.txt", "en.txt"];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            [&align[..], &["--width", "1000000000000"]].concat(),
            "--width <COLS>",
        ),
        (
            [&align[..], &["--width", "1e12"]].concat(),
            "--width <COLS>",
        ),
        ([&align[..], &["--width", "3"]].concat(), "--width <COLS>"),
        (
            [&align[..], &["--low-confidence", "2"]].concat(),
            "--low-confidence <P>",
        ),
        (
            [&align[..], &["--min-confidence=-1"]].concat(),
            "--min-confidence <P>",
        ),
        (
            [&align[..], &["--min-confidence", "NaN"]].concat(),
            "--min-confidence <P>",
        ),
        (vec!["batch", "--stdin", "--chunk", "1e12"], "--chunk <N>"),
        (
            vec!["batch", "--stdin", "--chunk", "1000000000000"],
            "--chunk <N>",
        ),
        (vec!["batch", "--stdin", "--chunk", "0"], "--chunk <N>"),
        (
            vec!["batch", "--stdin", "--low-confidence", "inf"],
            "--low-confidence <P>",
        ),
        (
            [&diff[..], &["-C", "18446744073709551615"]].concat(),
            "--context <N>",
        ),
        (
            [&diff[..], &["--width", "99999999999"]].concat(),
            "--width <COLS>",
        ),
    ];
    for (args, option) in cases {
        let out = jisr(dir.path())
            .args(&args)
            .write_stdin("")
            .assert()
            .code(2)
            .stdout("");
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("jisr: invalid value '") && stderr.contains(option),
            "{args:?}: {stderr}"
        );
    }
    // The limits themselves are accepted.
    jisr(dir.path())
        .args(align)
        .args([
            "--width",
            "20",
            "--low-confidence",
            "1",
            "--min-confidence",
            "0",
        ])
        .assert()
        .success();
}

#[test]
fn output_onto_an_input_is_refused_under_any_name() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path());
    let en = dir.path().join("en.txt");
    let before = std::fs::read(&en).unwrap();
    std::fs::hard_link(&en, dir.path().join("hard.txt")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("en.txt", dir.path().join("soft.txt")).unwrap();
    std::fs::write(dir.path().join("rules.srx"), "not read").unwrap();
    let refused = |output: &str, input: &str, extra: &[&str]| {
        let line = if output == input {
            format!("jisr: {output}: is also an input; not overwriting it (choose another output file)\n")
        } else {
            format!("jisr: {output}: is the same file as the input {input}; not overwriting it (choose another output file)\n")
        };
        jisr(dir.path())
            .args(["align", "ar.txt", "en.txt", "-o", output])
            .args(extra)
            .assert()
            .code(2)
            .stdout("")
            .stderr(line);
    };
    refused("en.txt", "en.txt", &[]);
    refused("./en.txt", "en.txt", &[]);
    refused("hard.txt", "en.txt", &[]);
    #[cfg(unix)]
    refused("soft.txt", "en.txt", &[]);
    refused("rules.srx", "rules.srx", &["--srx", "rules.srx"]);
    assert_eq!(std::fs::read(&en).unwrap(), before);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("rules.srx")).unwrap(),
        "not read"
    );
    // Standard input redirected from the file -o names.
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("jisr"))
        .args(["align", "ar.txt", "-", "-o", "en.txt"])
        .current_dir(dir.path())
        .stdin(std::fs::File::open(&en).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "jisr: en.txt: is the same file as the input <stdin>; not overwriting it (choose another output file)\n"
    );
    assert_eq!(std::fs::read(&en).unwrap(), before);
}

#[cfg(target_os = "linux")]
#[test]
fn write_errors_name_the_file_or_stdout() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path());
    jisr(dir.path())
        .args(["align", "ar.txt", "en.txt", "-o", "/dev/full"])
        .assert()
        .code(2)
        .stderr("jisr: /dev/full: write failed: No space left on device (os error 28)\n");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let corpora = corpus("");
    let corpora = corpora.to_str().unwrap();
    for args in [
        &["align", "ar.txt", "en.txt"][..],
        &["eval", "--presplit", corpora],
    ] {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("jisr"));
        cmd.args(args);
        let out = cmd
            .current_dir(dir.path())
            .env_remove("RUST_BACKTRACE")
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "jisr: <stdout>: write failed: No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn output_onto_a_dangling_link_creates_the_file_it_names() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path());
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::os::unix::fs::symlink("out/beads.tsv", dir.path().join("link.tsv")).unwrap();
    jisr(dir.path())
        .args(["align", "ar.txt", "en.txt", "-o", "link.tsv"])
        .assert()
        .success()
        .stderr("");
    let link = std::fs::symlink_metadata(dir.path().join("link.tsv")).unwrap();
    assert!(link.file_type().is_symlink());
    let written = std::fs::read_to_string(dir.path().join("out/beads.tsv")).unwrap();
    assert!(written.lines().count() > 10, "{written}");
}

/// Send `signal` to `batch --stdin -o out.jsonl` while it waits for input
/// with its temporary output file open: the file goes, the output is not
/// created, and the process ends by that signal.
#[cfg(unix)]
fn interrupt_while_writing(signal: &str, number: i32) {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("jisr"))
        .args(["batch", "--stdin", "-o", "out.jsonl"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let temporary = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".jisr-"))
            .collect::<Vec<_>>()
    };
    let started = std::time::Instant::now();
    while temporary().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let sent = Command::new("kill")
        .args(["-s", signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    // `wait` would close the child's stdin first: the end of its input
    // would race with the signal.
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{signal}: still running"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        status.signal() == Some(number) || status.code() == Some(128 + number),
        "{signal}: {status:?}"
    );
    assert_eq!(temporary(), Vec::<String>::new(), "{signal}");
    assert!(!dir.path().join("out.jsonl").exists());
}

#[cfg(unix)]
#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    interrupt_while_writing("TERM", 15);
    interrupt_while_writing("INT", 2);
    interrupt_while_writing("HUP", 1);
}

#[test]
fn text_view_shows_control_characters_and_keeps_overrides_in_their_cell() {
    let dir = tempfile::tempdir().unwrap();
    // An unpaired right-to-left override (U+202E) and an isolate (U+2067)
    // in the Arabic; ESC sequences and a bell in the English.
    std::fs::write(
        dir.path().join("ar.txt"),
        "قال الوزير \u{202e}إن الميناء سيفتح في الربيع.\nوأضاف \u{2067}أن العمال عادوا.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("en.txt"),
        "The minister said \x1b[2J\x1b]0;owned\x07the port would open in spring.\nHe added that the workers had returned.\n",
    )
    .unwrap();
    let out = jisr(dir.path())
        .args([
            "align", "ar.txt", "en.txt", "-f", "text", "--color", "never", "--width", "100",
        ])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!stdout.contains(['\x1b', '\x07']), "{stdout:?}");
    assert!(
        stdout.contains("\\u{1b}[2J\\u{1b}]0;owned\\u{7}the"),
        "{stdout}"
    );
    let bidi = [
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}',
    ];
    assert!(!stdout.contains(bidi), "{stdout:?}");
    // Machine formats keep the text as it is.
    jisr(dir.path())
        .args(["align", "ar.txt", "en.txt", "-f", "jsonl"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\\u001b[2J"));
}

#[test]
fn eval_refuses_gold_beads_beyond_the_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("doc.ar"),
        "قال الوزير إن الميناء سيفتح.\nوأضاف أن العمال عادوا.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("doc.en"),
        "The minister said the port would open.\nHe added that the workers had returned.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("doc.gold"), "[0]:[0]\n[1]:[1, 7]\n").unwrap();
    jisr(dir.path())
        .args(["eval", "--presplit", "."])
        .assert()
        .code(2)
        .stdout("")
        .stderr("jisr: ./doc.gold:2: target sentence 7 is beyond the text, which has 2 (numbered from 0)\n");
    std::fs::write(dir.path().join("doc.gold"), "[0]:[0]\n[1]:[1]\n").unwrap();
    jisr(dir.path())
        .args(["eval", "--presplit", "."])
        .assert()
        .success()
        .stdout(predicate::str::contains("strict P 1.0000"));
}

#[test]
fn a_skewed_pair_aligns_or_fails_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ar.txt"),
        "قال الوزير إن الميناء سيفتح في الربيع.\n",
    )
    .unwrap();
    let en: String = (1..=60)
        .map(|k| format!("Paragraph {k} of the report lists the port's {k} new cranes.\n"))
        .collect();
    std::fs::write(dir.path().join("en.txt"), en).unwrap();
    let out = jisr(dir.path())
        .args([
            "align",
            "ar.txt",
            "en.txt",
            "-f",
            "beads",
            "-o",
            "beads.txt",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        assert!(dir.path().join("beads.txt").exists());
    } else {
        // The panic hook's one line; nothing is written.
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("jisr: internal error (a bug, please report it): "),
            "{stderr}"
        );
        assert!(!dir.path().join("beads.txt").exists());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "a temporary file is left: {left:?}");
    }
}

#[test]
fn diff_and_tmx_merge_refuse_output_onto_an_input() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path());
    std::fs::copy(dir.path().join("en.txt"), dir.path().join("new.txt")).unwrap();
    std::fs::write(dir.path().join("rules.srx"), "not read").unwrap();
    let refused = |args: &[&str], output: &str| {
        jisr(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
            "jisr: {output}: is also an input; not overwriting it (choose another output file)\n"
        ));
    };
    let before = std::fs::read(dir.path().join("new.txt")).unwrap();
    refused(&["diff", "en.txt", "new.txt", "-o", "new.txt"], "new.txt");
    refused(
        &["diff", "ar.txt", "en.txt", "new.txt", "-o", "ar.txt"],
        "ar.txt",
    );
    refused(
        &[
            "diff",
            "en.txt",
            "new.txt",
            "--srx",
            "rules.srx",
            "-o",
            "rules.srx",
        ],
        "rules.srx",
    );
    assert_eq!(std::fs::read(dir.path().join("new.txt")).unwrap(), before);
    jisr(dir.path())
        .args(["align", "ar.txt", "en.txt", "-f", "tmx", "-o", "a.tmx"])
        .assert()
        .success();
    let memory = std::fs::read(dir.path().join("a.tmx")).unwrap();
    refused(&["tmx", "merge", "a.tmx", "a.tmx", "-o", "a.tmx"], "a.tmx");
    assert_eq!(std::fs::read(dir.path().join("a.tmx")).unwrap(), memory);
}
