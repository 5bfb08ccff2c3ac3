//! Where output goes: stdout, or a file written atomically; colour decisions.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::args::ColorChoice;

/// Is `-` or nothing: standard output.
pub fn is_stdout(path: Option<&Path>) -> bool {
    path.is_none_or(|p| p == Path::new("-"))
}

/// Run `write` on stdout, or on a temporary file beside `path` that is
/// renamed over `path` only when everything was written: no half-written
/// output file is ever left behind. The file keeps the permissions it had
/// (a new one gets those the umask allows), a symbolic link stays a link to
/// the file it names, and a device or pipe (`-o /dev/null`, a FIFO) is
/// written to directly, never replaced.
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    if is_stdout(path) {
        let stdout = io::stdout();
        let mut lock = io::BufWriter::new(stdout.lock());
        write(&mut lock)?;
        lock.flush()?;
        return Ok(());
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
        let mut w = io::BufWriter::new(file);
        write(&mut w)?;
        w.flush()
            .with_context(|| format!("{}: write failed", path.display()))?;
        return Ok(());
    }
    // Replace the file a link names, not the link.
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    };
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
    let tmp = builder.tempfile_in(&dir).with_context(|| {
        format!(
            "{}: cannot create a temporary file in {}",
            path.display(),
            dir.display()
        )
    })?;
    {
        let mut w = io::BufWriter::new(tmp.as_file());
        write(&mut w)?;
        w.flush()
            .with_context(|| format!("{}: write failed", path.display()))?;
    }
    tmp.persist(&target)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
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
        ColorChoice::Auto => {
            to_stdout
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
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
