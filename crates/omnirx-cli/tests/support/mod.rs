//! What the CLI's test files share: running the `omnirx` binary as a user does.

use std::process::Command;

/// Runs `omnirx` with `arguments`: its exit code, standard output and standard error.
pub fn omnirx(arguments: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_omnirx"))
        .args(arguments)
        .output()
        .expect("omnirx runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
