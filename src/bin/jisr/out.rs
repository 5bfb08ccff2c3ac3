//! Where output goes: stdout, or a file written atomically; colour decisions.

use std::io::{self, IsTerminal, Write};
#[cfg(unix)]
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use jisr::printable::printable;

use crate::args::ColorChoice;

/// Is `-` or nothing: standard output.
pub fn is_stdout(path: Option<&Path>) -> bool {
    path.is_none_or(|p| p == Path::new("-"))
}

/// How standard output is named in error messages.
pub const STDOUT_NAME: &str = "<stdout>";

/// A writer that remembers whether the writer under it failed: an error
/// coming out of a format writer can then be told apart from one of the
/// output itself, which must name the file.
struct Tracked<W> {
    /// Where the bytes go.
    inner: W,
    /// Did a write or flush fail?
    failed: bool,
}

impl<W: Write> Write for Tracked<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.failed |= result.is_err();
        result
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.failed |= result.is_err();
        result
    }
}

/// Run `write` on a buffered `sink`, flush it, and name `name` in an error
/// of the sink (`corpus.tmx: write failed: No space left on device`).
fn write_named<W: Write>(
    sink: W,
    name: &dyn std::fmt::Display,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let mut w = io::BufWriter::new(Tracked {
        inner: sink,
        failed: false,
    });
    let result = write(&mut w).and_then(|()| w.flush().map_err(anyhow::Error::from));
    if w.get_ref().failed {
        // The buffer is lost with the output; dropping it must not write again.
        let _ = w.into_parts();
        return result.with_context(|| format!("{name}: write failed"));
    }
    result
}

/// Refuse an output file that is one of the inputs: writing it would
/// replace the article being read. The same file is found through another
/// name too (a symbolic or hard link): same device and inode. `-` among
/// `inputs` is standard input, which may be a redirected file. Call before
/// reading anything, for every command that has `-o`.
pub fn refuse_output_onto_input(output: Option<&Path>, inputs: &[&Path]) -> Result<()> {
    let Some(output) = output.filter(|_| !is_stdout(output)) else {
        return Ok(());
    };
    let Some(out_id) = file_identity(output) else {
        return Ok(());
    };
    for input in inputs {
        if file_identity(input) == Some(out_id) {
            let input_name = jisr::input::text::display_path(input);
            return Err(if input_name == output {
                anyhow::anyhow!(
                    "{}: is also an input; not overwriting it (choose another output file)",
                    output.display()
                )
            } else {
                anyhow::anyhow!(
                    "{}: is the same file as the input {}; not overwriting it (choose another output file)",
                    output.display(),
                    input_name.display()
                )
            });
        }
    }
    Ok(())
}

/// What makes a regular file the same file under any name: device and
/// inode on Unix, the canonical path elsewhere. `None` for what is not a
/// regular file (a missing file, a device, a pipe: writing those replaces
/// nothing). `-` is standard input.
#[cfg(unix)]
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = if path == Path::new("-") {
        let stdin = io::stdin().as_fd().try_clone_to_owned().ok()?;
        std::fs::File::from(stdin).metadata().ok()?
    } else {
        std::fs::metadata(path).ok()?
    };
    meta.is_file().then(|| (meta.dev(), meta.ino()))
}

/// What makes a regular file the same file under any name.
#[cfg(not(unix))]
fn file_identity(path: &Path) -> Option<PathBuf> {
    std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    std::fs::canonicalize(path).ok()
}

/// The file a path names once symbolic links are followed, even when the
/// last link dangles (then the file does not exist yet, and writing creates
/// it where the link points). Relative links are resolved from the link's
/// folder; a loop ends after 40 links, as the kernel's does.
fn link_target(path: &Path) -> PathBuf {
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => {}
            _ => return target,
        }
        let Ok(next) = std::fs::read_link(&target) else {
            return target;
        };
        target = match target.parent() {
            Some(dir) if next.is_relative() => dir.join(next),
            _ => next,
        };
    }
    target
}

/// Run `write` on stdout, or on a temporary file beside `path` that is
/// renamed over `path` only when everything was written: no half-written
/// output file is ever left behind, even when the process is interrupted
/// (see [`TEMP_FILES`]). The file keeps the permissions it had (a new one gets
/// those the umask allows), a symbolic link stays a link to the file it
/// names (a dangling one gets its file created), and a device or pipe
/// (`-o /dev/null`, a FIFO) is written to directly, never replaced. Write
/// errors name the file, or `<stdout>`.
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    if is_stdout(path) {
        return write_named(io::stdout().lock(), &STDOUT_NAME, write);
    }
    let path = path.unwrap();
    let existing = std::fs::metadata(path).ok();
    if existing
        .as_ref()
        .is_some_and(|m| !m.is_file() && !m.is_dir())
    {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("{}: cannot open for writing", path.display()))?;
        return write_named(file, &path.display(), write);
    }
    // Replace the file a link names, not the link.
    let target = link_target(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".jisr-").suffix(".tmp");
    if let Some(permissions) = existing
        .map(|m| m.permissions())
        .or_else(new_file_permissions)
    {
        builder.permissions(permissions);
    }
    let tmp = create_registered_temp(|| builder.tempfile_in(&dir)).with_context(|| {
        format!(
            "{}: cannot create a temporary file in {}",
            path.display(),
            dir.display()
        )
    })?;
    let tmp_path = tmp.path().to_path_buf();
    let kept = match write_named(tmp.as_file(), &path.display(), write) {
        Ok(()) => tmp
            .persist(&target)
            .map(drop)
            .map_err(|e| e.error)
            .with_context(|| format!("{}: cannot write", path.display())),
        Err(e) => {
            drop(tmp);
            Err(e)
        }
    };
    forget_temp(&tmp_path);
    kept
}

/// Temporary output files to remove when the process is interrupted.
///
/// A temporary file removes itself when dropped, but SIGINT, SIGTERM or
/// SIGHUP end the process without running destructors. The first temporary
/// file starts a thread that waits for those signals; it removes the files
/// still listed here, then ends the process by the same signal (the shell
/// sees status 130 for SIGINT, 143 for SIGTERM). A process that writes only
/// to stdout never starts the thread.
static TEMP_FILES: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Create a temporary file with `create` and list it in [`TEMP_FILES`]. The
/// list stays locked from before creation to listing, so a signal between
/// the two still finds the file.
fn create_registered_temp(
    create: impl FnOnce() -> io::Result<tempfile::NamedTempFile>,
) -> io::Result<tempfile::NamedTempFile> {
    start_signal_thread();
    let mut files = TEMP_FILES.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = create()?;
    files.push(tmp.path().to_path_buf());
    Ok(tmp)
}

/// Take a temporary file off [`TEMP_FILES`]: it was renamed or removed.
fn forget_temp(path: &Path) {
    let mut files = TEMP_FILES.lock().unwrap_or_else(|e| e.into_inner());
    files.retain(|p| p != path);
}

/// Start the thread that removes [`TEMP_FILES`] on a signal, once.
fn start_signal_thread() {
    #[cfg(unix)]
    {
        use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
        static STARTED: std::sync::Once = std::sync::Once::new();
        STARTED.call_once(|| {
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let files = TEMP_FILES.lock().unwrap_or_else(|e| e.into_inner());
                    for path in files.iter() {
                        let _ = std::fs::remove_file(path);
                    }
                    // Die by the signal, as without the handler; the list
                    // stays locked so that no new file is created meanwhile.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        });
    }
}

/// Permissions of a newly created file: read and write for all, less the
/// process's umask (read from /proc on Linux, 022 on other Unixes). `None`
/// elsewhere: the temporary file's own.
fn new_file_permissions() -> Option<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let umask = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("Umask:"))
                    .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            })
            .unwrap_or(0o022);
        Some(std::fs::Permissions::from_mode(0o666 & !umask))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Should output to stdout be coloured?
pub fn use_color(choice: ColorChoice, to_stdout: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // The conventions clap's own colours follow: NO_COLOR, then
        // CLICOLOR_FORCE (even when piped), CLICOLOR=0, a terminal that is
        // not TERM=dumb. Never into a file.
        ColorChoice::Auto => {
            to_stdout && anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
        }
    }
}

/// Is stdout a terminal?
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Width of the terminal, or 100.
pub fn terminal_width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .unwrap_or(100)
}

/// Was this error a closed pipe (`jisr ... | head`)?
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// An error and its causes on one line, without repeating a cause the
/// message already holds (ripgrep prints errors this way).
pub fn error_line(err: &anyhow::Error) -> String {
    let mut msg = err.to_string();
    for cause in err.chain().skip(1) {
        let c = cause.to_string();
        if !msg.contains(&c) {
            msg.push_str(": ");
            msg.push_str(&c);
        }
    }
    msg
}

/// How many [`catching_panics`] calls are running, on any thread.
static CATCHING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Report a panic on one line, `jisr: internal error (...): MESSAGE at
/// FILE:LINE`, instead of Rust's several; say nothing while
/// [`catching_panics`] runs, whose caller reports the panic itself, naming
/// the document. With `RUST_BACKTRACE` set, Rust's own report and backtrace.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
            return default(info);
        }
        if CATCHING.load(std::sync::atomic::Ordering::SeqCst) > 0 {
            return;
        }
        let message = jisr::batch::panic_message(info.payload());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "jisr: internal error (a bug, please report it): {}{place}",
            printable(&message)
        );
    }));
}

/// Run `f`, whose panics are caught and reported by the caller (with
/// [`jisr::batch::isolate_panics`]): the panic hook stays silent meanwhile.
pub fn catching_panics<R>(f: impl FnOnce() -> R) -> R {
    /// Ends the silence however `f` ends.
    struct Silence;
    impl Drop for Silence {
        fn drop(&mut self) {
            CATCHING.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        }
    }
    CATCHING.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let _silence = Silence;
    f()
}

/// Print `line` on stderr with control characters from file names, ids and
/// texts shown as escapes (see [`jisr::printable`]).
pub fn report(line: &str) {
    eprintln!("{}", printable(line));
}
