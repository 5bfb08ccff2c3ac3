//! Issue 14: `--color auto` follows the conventions clap's own colours
//! follow (through `anstream`): NO_COLOR turns colour off, CLICOLOR_FORCE
//! turns it on even when piped, CLICOLOR=0 turns it off.

use predicates::prelude::*;

mod common;
use common::{corpus, jisr};

fn diff_auto(env: &[(&str, &str)]) -> assert_cmd::assert::Assert {
    let mut cmd = jisr();
    cmd.env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .arg("diff")
        .arg(corpus("gulf-port.en.txt"))
        .arg(corpus("gulf-port.en.rev.txt"))
        .args(["--color", "auto"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    // Exit code 1: the versions differ, as with diff(1).
    cmd.assert().code(1)
}

#[test]
fn clicolor_force_colours_piped_output() {
    diff_auto(&[]).stdout(predicate::str::contains("\x1b[").not());
    let deleted = jisr::render::style::DELETED.to_string();
    diff_auto(&[("CLICOLOR_FORCE", "1")]).stdout(predicate::str::contains(deleted));
}

#[test]
fn no_color_wins_over_clicolor_force() {
    diff_auto(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")])
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn colour_never_goes_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("diff.txt");
    let mut cmd = jisr();
    cmd.env("CLICOLOR_FORCE", "1")
        .arg("diff")
        .arg(corpus("gulf-port.en.txt"))
        .arg(corpus("gulf-port.en.rev.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    assert!(!std::fs::read_to_string(&out).unwrap().contains('\x1b'));
}
