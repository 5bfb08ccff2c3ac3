//! `jisr review` driven in a pseudo-terminal: keys are typed into the real
//! binary, the screen is read back with a terminal emulator (`vt100`), and
//! the files it writes are checked against `jisr align`.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{corpus, jisr, require};
use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use serde_json::Value;

/// A program running in a pseudo-terminal, its screen emulated.
struct Pty {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Pty {
    /// Run `program args` in a `cols`×`rows` terminal, in `dir`, with `env`
    /// set (and NO_COLOR unset unless `env` sets it).
    fn spawn(
        program: &Path,
        args: &[&str],
        dir: &Path,
        size: (u16, u16),
        env: &[(&str, &str)],
    ) -> Pty {
        let (cols, rows) = size;
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("CLICOLOR");
        cmd.env_remove("CLICOLOR_FORCE");
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Pty {
            child,
            master: pair.master,
            writer,
            screen,
        }
    }

    /// `jisr ARGS` in a pseudo-terminal.
    fn jisr(args: &[&str], dir: &Path, size: (u16, u16), env: &[(&str, &str)]) -> Pty {
        Pty::spawn(Path::new(env!("CARGO_BIN_EXE_jisr")), args, dir, size, env)
    }

    /// The screen's text.
    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `what` (at most 60 s: the first run
    /// aligns the pair); its text then.
    fn wait_for(&mut self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if text.contains(what) {
                return text;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                std::thread::sleep(Duration::from_millis(200));
                panic!(
                    "jisr ended ({status:?}) before showing {what:?}; screen:\n{}",
                    self.text()
                );
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "no {what:?} on the screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Type `keys`, one at a time (a key a read, as a person types).
    fn keys(&mut self, keys: &str) {
        for k in keys.as_bytes() {
            self.writer.write_all(&[*k]).unwrap();
            self.writer.flush().unwrap();
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Type `keys`, then wait for `what`.
    fn press(&mut self, keys: &str, what: &str) -> String {
        self.keys(keys);
        self.wait_for(what)
    }

    /// Resize the terminal, as a window manager does (the program gets SIGWINCH).
    fn resize(&mut self, cols: u16, rows: u16) {
        self.screen.lock().unwrap().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Wait for the program to end; its exit code.
    fn exit_code(&mut self) -> u32 {
        self.wait().exit_code()
    }

    /// Wait for the program to end.
    fn wait(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "still running:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Is the emulated terminal on the alternate screen?
    fn alternate(&self) -> bool {
        self.screen.lock().unwrap().screen().alternate_screen()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The gulf-port pair, as arguments.
fn gulf_port() -> [String; 2] {
    ["gulf-port.ar.txt", "gulf-port.en.txt"].map(|f| corpus(f).display().to_string())
}

/// JSON lines of a file.
fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `jisr align --format jsonl` of the gulf-port pair.
fn aligned() -> Vec<Value> {
    let [ar, en] = gulf_port();
    let out = jisr()
        .args(["align", "--format", "jsonl", &ar, &en])
        .output()
        .unwrap();
    assert!(out.status.success());
    json_lines(&String::from_utf8(out.stdout).unwrap())
}

/// The aligner's beads with the first two merged, as a review file holds
/// them: what the acceptance case must write.
fn first_two_merged() -> Vec<Value> {
    let mut beads = aligned();
    let second = beads.remove(1);
    let first = &mut beads[0];
    for key in ["src", "tgt", "src_ids", "tgt_ids"] {
        let mut joined = first[key].as_array().unwrap().clone();
        joined.extend(second[key].as_array().unwrap().iter().cloned());
        first[key] = Value::Array(joined);
    }
    let low = first["score"]
        .as_f64()
        .unwrap()
        .min(second["score"].as_f64().unwrap());
    first["score"] = low.into();
    beads
}

/// Check the review file at `path` holds `expected`'s beads, field by
/// field, none reviewed except those at `reviewed`.
fn assert_beads(path: &Path, expected: &[Value], reviewed: &[usize]) {
    let saved = json_lines(&std::fs::read_to_string(path).unwrap());
    assert_eq!(saved.len(), expected.len(), "{saved:#?}");
    for (k, (s, e)) in saved.iter().zip(expected).enumerate() {
        for key in ["src", "tgt", "src_ids", "tgt_ids", "score", "paragraph"] {
            assert_eq!(s[key], e[key], "bead {k}, {key}");
        }
        assert_eq!(s["reviewed"], reviewed.contains(&k), "bead {k}");
    }
}

#[test]
fn merge_write_quit_saves_the_aligners_beads_with_that_change() {
    let dir = tempfile::tempdir().unwrap();
    let [ar, en] = gulf_port();
    let mut pty = Pty::jisr(
        &["review", &ar, &en, "-o", "out.jsonl"],
        dir.path(),
        (120, 40),
        &[],
    );
    let n = aligned().len();
    pty.wait_for(&format!("bead 1 of {n} │ 0 reviewed"));
    pty.press("m", &format!("bead 1 of {} │", n - 1));
    pty.press("w", "written to out.jsonl");
    pty.keys("q");
    assert_eq!(pty.exit_code(), 0);
    assert!(!pty.alternate(), "the terminal is back on the main screen");
    assert_beads(&dir.path().join("out.jsonl"), &first_two_merged(), &[]);
}

#[test]
fn move_split_undo_confirm_save_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let [ar, en] = gulf_port();
    let mut expected = aligned();
    let n = expected.len();
    let mut pty = Pty::jisr(
        &["review", &ar, &en, "-o", "out.jsonl"],
        dir.path(),
        (120, 40),
        &[],
    );
    pty.wait_for(&format!("bead 1 of {n}"));
    // Bead 7 is 2-1: its last source sentence goes to bead 8, and back.
    let seven = &expected[6];
    assert_eq!(seven["src_ids"].as_array().unwrap().len(), 2, "{seven}");
    pty.press("jjjjjj", &format!("bead 7 of {n}"));
    let screen = pty.press("s", "last source sentence moved to the next bead");
    assert!(screen.contains(" 7 1-1 "), "{screen}");
    assert!(screen.contains(" 8 2-1 "), "{screen}");
    let screen = pty.press("u", "undone");
    assert!(
        screen.contains(" 7 2-1 ") && screen.contains(" 8 1-1 "),
        "{screen}"
    );
    assert!(screen.contains("no unsaved changes"), "{screen}");
    // Confirm beads 7 and 8 (Enter confirms and moves on), then write.
    pty.press(" ", "1 reviewed");
    pty.press("j\r", "2 reviewed");
    let screen = pty.press("w", "written to out.jsonl");
    assert!(screen.contains("bead 9 of"), "{screen}");
    pty.keys("q");
    assert_eq!(pty.exit_code(), 0);
    assert_beads(&dir.path().join("out.jsonl"), &expected, &[6, 7]);

    // Reopened, the review file is where `w` writes.
    let mut pty = Pty::jisr(&["review", "out.jsonl"], dir.path(), (120, 40), &[]);
    let screen = pty.wait_for(&format!("bead 1 of {n} │ 2 reviewed"));
    assert!(screen.contains("w → out.jsonl"), "{screen}");
    // Bead 2's source sentence has no counterpart: 1-1 becomes 0-1, 1-0.
    pty.press("gj", &format!("bead 2 of {n}"));
    pty.press("o", "no counterpart");
    pty.press("w", "written to out.jsonl");
    pty.keys("q");
    assert_eq!(pty.exit_code(), 0);
    let saved = json_lines(&std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap());
    assert_eq!(saved.len(), n + 1);
    assert_eq!(saved[1]["src"], Value::Array(vec![]));
    assert_eq!(saved[1]["tgt"], expected[1]["tgt"]);
    assert_eq!(saved[2]["src"], expected[1]["src"]);
    assert_eq!(saved[2]["tgt"], Value::Array(vec![]));
    let reviewed: Vec<usize> = (0..saved.len())
        .filter(|&k| saved[k]["reviewed"] == true)
        .collect();
    assert_eq!(reviewed, [7, 8], "the confirmed beads, one further down");
    expected.remove(1);
    for (s, e) in saved[3..].iter().zip(&expected[1..]) {
        assert_eq!(s["src_ids"], e["src_ids"]);
        assert_eq!(s["tgt_ids"], e["tgt_ids"]);
    }
}

#[test]
fn quit_with_unsaved_changes_asks_and_w_asks_for_a_file_without_o() {
    let dir = tempfile::tempdir().unwrap();
    let [ar, en] = gulf_port();
    let mut pty = Pty::jisr(&["review", &ar, &en], dir.path(), (120, 40), &[]);
    pty.wait_for("bead 1 of");
    pty.press("m", "unsaved changes");
    pty.press(
        "q",
        "Unsaved changes: q quits without writing, w writes and quits",
    );
    pty.press("x", "not quitting");
    pty.press("w", "Write to (FILE.jsonl or FILE.tmx; Esc cancels):");
    let screen = pty.press(&format!("{ar}\r"), "is also an input; not overwriting it");
    assert!(screen.contains("unsaved changes"), "{screen}");
    pty.press("wmine.tmx\r", "written to mine.tmx");
    pty.keys("q");
    assert_eq!(pty.exit_code(), 0);
    let tmx = std::fs::read_to_string(dir.path().join("mine.tmx")).unwrap();
    assert!(tmx.contains("x-reviewed"), "{tmx}");
}

#[test]
fn resizing_redraws_and_a_window_too_small_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let [ar, en] = gulf_port();
    let mut pty = Pty::jisr(&["review", &ar, &en], dir.path(), (120, 40), &[]);
    pty.wait_for("bead 1 of");
    pty.resize(60, 20);
    // The status line moves to the new last but one row.
    let start = Instant::now();
    loop {
        let rows: Vec<String> = pty.text().lines().map(str::to_string).collect();
        if rows.len() >= 19 && rows[18].starts_with(" bead 1 of") {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "{rows:#?}");
        std::thread::sleep(Duration::from_millis(50));
    }
    pty.resize(30, 3);
    pty.wait_for("Window too small (30×3)");
    pty.keys("m");
    pty.resize(100, 30);
    let screen = pty.wait_for("bead 1 of");
    assert!(
        screen.contains("no unsaved changes"),
        "keys do nothing while too small: {screen}"
    );
    pty.keys("q");
    assert_eq!(pty.exit_code(), 0);

    // Started too small, it says so and q still quits.
    let mut pty = Pty::jisr(&["review", &ar, &en], dir.path(), (20, 3), &[]);
    pty.wait_for("Window too");
    pty.keys("q");
    assert_eq!(pty.exit_code(), 0);
}

/// Does any cell of the screen have a colour?
fn has_colour(pty: &Pty) -> bool {
    let parser = pty.screen.lock().unwrap();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    (0..rows).any(|r| {
        (0..cols).any(|c| {
            screen.cell(r, c).is_some_and(|cell| {
                cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
            })
        })
    })
}

/// Is the selected bead's gutter (` 1 1-1`, top left) in reverse video?
fn selection_reversed(pty: &Pty) -> bool {
    let parser = pty.screen.lock().unwrap();
    parser
        .screen()
        .cell(0, 1)
        .is_some_and(|c| c.inverse() && c.contents() == "1")
}

#[test]
fn no_color_and_monochrome_terminals_show_the_selection_in_reverse_video() {
    let dir = tempfile::tempdir().unwrap();
    let [ar, en] = gulf_port();
    /// Extra arguments, environment, colour expected.
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], bool);
    let cases: [Case; 4] = [
        (&[], &[], true),
        (&[], &[("NO_COLOR", "1")], false),
        (&["--color", "never"], &[], false),
        (&[], &[("TERM", "vt100")], false),
    ];
    for (extra, env, colour) in cases {
        let mut args = vec!["review", ar.as_str(), en.as_str()];
        args.extend(extra);
        let mut pty = Pty::jisr(&args, dir.path(), (120, 30), env);
        pty.wait_for("bead 1 of");
        assert_eq!(has_colour(&pty), colour, "{extra:?} {env:?}");
        assert!(
            selection_reversed(&pty),
            "{extra:?} {env:?}:\n{}",
            pty.text()
        );
        pty.keys("q");
        assert_eq!(pty.exit_code(), 0);
    }
}

#[test]
fn a_revision_walk_goes_from_change_to_change() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        "gulf-port.ar.txt",
        "gulf-port.en.txt",
        "gulf-port.en.rev.txt",
    ]
    .map(|f| corpus(f).display().to_string());
    let args = ["review", files[0].as_str(), &files[1], &files[2]];
    let mut pty = Pty::jisr(&args, dir.path(), (120, 40), &[("NO_COLOR", "1")]);
    let screen = pty.wait_for("change 1 of");
    // The diff's own count of changes.
    let out = jisr()
        .args(["diff", "--format", "jsonl", &files[0], &files[1], &files[2]])
        .output()
        .unwrap();
    let changes = json_lines(&String::from_utf8(out.stdout).unwrap())
        .iter()
        .filter(|s| s["kind"] != "unchanged")
        .count();
    assert!(changes >= 2, "the corpus revision has several changes");
    assert!(
        screen.contains(&format!("change 1 of {changes}")),
        "{screen}"
    );
    assert!(screen.contains("[-") || screen.contains("{+"), "{screen}");
    pty.press("n", &format!("change 2 of {changes}"));
    // From the last segment back to the change before it and on again:
    // the last change, whether or not the last segment is one.
    pty.press("GNn", &format!("change {changes} of {changes}"));
    pty.keys("q");
    assert_eq!(pty.exit_code(), 0);

    // In colour, the words changed are coloured, not marked.
    let mut pty = Pty::jisr(&args, dir.path(), (120, 40), &[]);
    let screen = pty.wait_for("change 1 of");
    assert!(!screen.contains("{+") && !screen.contains("[-"), "{screen}");
    assert!(has_colour(&pty));
    pty.keys("q");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn a_signal_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let [ar, en] = gulf_port();
    let mut pty = Pty::jisr(&["review", &ar, &en], dir.path(), (120, 40), &[]);
    pty.wait_for("bead 1 of");
    assert!(pty.alternate());
    let pid = pty.child.process_id().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status();
    assert!(killed.unwrap().success());
    let status = pty.wait();
    assert_eq!(status.signal(), Some("Terminated"), "{status:?}");
    assert!(!pty.alternate(), "back on the main screen:\n{}", pty.text());
}

#[test]
fn without_a_terminal_it_says_so_in_one_line() {
    let [ar, en] = gulf_port();
    let out = jisr().args(["review", &ar, &en]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(
            "jisr: review is a full-screen editor: standard input and output must be a terminal"
        ),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_review_files_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    std::fs::write(dir.path().join("broken.jsonl"), "{\"src\": 1}\n").unwrap();
    for (args, message) in [
        (vec!["review", "notes.txt"], "notes.txt: "),
        (vec!["review", "broken.jsonl"], "broken.jsonl:1: "),
        (vec!["review", "missing.jsonl"], "missing.jsonl: "),
        (
            vec!["review", "a.txt", "b.txt", "-o", "out.txt"],
            "out.txt: ",
        ),
    ] {
        let mut pty = Pty::jisr(&args, dir.path(), (100, 30), &[]);
        assert_eq!(pty.exit_code(), 2, "{args:?}");
        let text = pty.text();
        let line = text.trim();
        assert!(
            line.starts_with(&format!("jisr: {message}")),
            "{args:?}: {text}"
        );
        assert_eq!(line.lines().count(), 1, "{text}");
    }
}

/// The acceptance case of issue 12 checked from outside, in tmux: open
/// gulf-port, `m`, `w`, `q`; the file holds the aligner's beads with only
/// the first two merged.
#[test]
fn acceptance_in_tmux() {
    let Some(tmux) = Tmux::start("acceptance") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let [ar, en] = gulf_port();
    let out = dir.path().join("out.jsonl");
    let command = format!(
        "{} review '{ar}' '{en}' -o '{}'; echo EXIT=$?; sleep 60",
        env!("CARGO_BIN_EXE_jisr"),
        out.display()
    );
    tmux.run(&command);
    tmux.pane("bead 1 of");
    tmux.send("m");
    tmux.pane("merged with the next bead");
    tmux.send("w");
    tmux.pane("written to");
    tmux.send("q");
    tmux.pane("EXIT=0");
    drop(tmux);
    assert_beads(&out, &first_two_merged(), &[]);
}

/// A tmux server of its own (`-L`), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// A server named after `test`; `None` (skipped, or a failure under
    /// JISR_REQUIRE_CLIENTS=1) without tmux.
    fn start(test: &str) -> Option<Tmux> {
        let found = std::process::Command::new("tmux")
            .arg("-V")
            .output()
            .map_err(|e| e.to_string())
            .and_then(|o| {
                if o.status.success() {
                    Ok(())
                } else {
                    Err("tmux -V failed".into())
                }
            });
        require("tmux", found)?;
        Some(Tmux {
            socket: format!("jisr-test-{test}-{}", std::process::id()),
        })
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap()
    }

    /// Run `command` in a new 120×40 session.
    fn run(&self, command: &str) {
        let started = self.tmux(&["new-session", "-d", "-x", "120", "-y", "40", command]);
        assert!(started.status.success(), "{started:?}");
    }

    fn send(&self, keys: &str) {
        self.tmux(&["send-keys", keys]);
    }

    /// Wait until the pane shows `what`; its text.
    fn pane(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let shown = self.tmux(&["capture-pane", "-p"]);
            let text = String::from_utf8_lossy(&shown.stdout).to_string();
            if text.contains(what) {
                return text;
            }
            if start.elapsed() > Duration::from_secs(60) {
                panic!("no {what:?} in tmux:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

#[test]
fn a_terminal_closed_under_it_ends_the_editor() {
    // The window closed under the editor (here: its tmux server killed).
    // It must end, not spin on a core reading end of file for ever.
    let Some(tmux) = Tmux::start("closed") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // A file name of its own, to find this editor among the processes.
    let src = dir.path().join("closed-terminal.ar.txt");
    std::fs::copy(corpus("gulf-port.ar.txt"), &src).unwrap();
    let [_, en] = gulf_port();
    tmux.run(&format!(
        "exec {} review '{}' '{en}'",
        env!("CARGO_BIN_EXE_jisr"),
        src.display()
    ));
    tmux.pane("bead 1 of");
    drop(tmux);
    let running = || {
        std::process::Command::new("pgrep")
            .args(["-f", "closed-terminal.ar.txt"])
            .output()
            .map(|o| !o.stdout.is_empty())
            .unwrap_or(false)
    };
    let start = Instant::now();
    while running() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = std::process::Command::new("pkill")
                .args(["-9", "-f", "closed-terminal.ar.txt"])
                .status();
            panic!("jisr review still running 10 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The panic hook restores the terminal before the hook it wraps reports:
/// the test binary runs itself in a pseudo-terminal (`JISR_PANIC_CHILD`),
/// takes the terminal as `jisr review` does and panics.
#[test]
fn a_panic_restores_the_terminal_before_it_is_reported() {
    if std::env::var_os("JISR_PANIC_CHILD").is_some() {
        std::panic::set_hook(Box::new(|_| {
            // What the report sees: the terminal's modes, from `stty`.
            let stty = std::process::Command::new("stty")
                .arg("-a")
                .stdin(std::process::Stdio::inherit())
                .output();
            let modes = stty.map(|o| String::from_utf8_lossy(&o.stdout).to_string());
            let cooked = modes.is_ok_and(|m| {
                let set = |flag: &str| m.split_whitespace().any(|w| w == flag);
                set("icanon") && set("echo")
            });
            eprintln!("REPORTED cooked={cooked}");
        }));
        let _session = jisr::review::screen::TerminalSession::start().unwrap();
        print!("ON THE ALTERNATE SCREEN");
        std::io::stdout().flush().unwrap();
        panic!("boom");
    }
    let dir = tempfile::tempdir().unwrap();
    let me: PathBuf = std::env::current_exe().unwrap();
    let mut pty = Pty::spawn(
        &me,
        &[
            "--exact",
            "a_panic_restores_the_terminal_before_it_is_reported",
            "--nocapture",
            "--test-threads=1",
        ],
        dir.path(),
        (100, 30),
        &[("JISR_PANIC_CHILD", "1")],
    );
    let screen = pty.wait_for("REPORTED");
    assert!(screen.contains("REPORTED cooked=true"), "{screen}");
    assert!(!pty.alternate(), "{screen}");
    assert!(!screen.contains("ON THE ALTERNATE SCREEN"), "{screen}");
    pty.exit_code();
}
