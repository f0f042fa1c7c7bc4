//! The `omnirx` command-line tool for workspace files (subcommands arrive with the workspace format).

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    match arguments.first().map(String::as_str) {
        Some("--version") | Some("-V") => println!("omnirx {}", env!("CARGO_PKG_VERSION")),
        _ => {
            eprintln!("usage: omnirx --version");
            std::process::exit(2);
        }
    }
}
