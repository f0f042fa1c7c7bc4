//! The `omnirx` command-line tool: validate, generate and summarise workspace files natively,
//! with the same core as the app. Arguments are parsed into typed values first (`args`), then
//! one command runs (`commands`) and writes through a writer, so output into a closed pipe
//! (`omnirx segments FILE --json | head`) ends quietly.

mod args;
mod commands;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Why a command stopped without finishing.
#[derive(Debug)]
pub enum Failure {
    /// The arguments cannot be used together (a period that ends before it starts): exit 2, like
    /// clap's own usage errors.
    Usage(String),
    /// The file named cannot be read: exit 2.
    Unreadable(String),
    /// The data says no (an invalid file, a funnel that is not there): exit 1.
    Refused(String),
    /// Writing the output failed.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        Failure::Output(error)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Validate(arguments) => commands::validate(&arguments, &mut out),
        Command::Demo(arguments) => commands::demo(&arguments, &mut out),
        Command::Stats(arguments) => commands::stats(&arguments, &mut out),
        Command::Funnel(arguments) => commands::funnel(&arguments, &mut out),
        Command::Segments(arguments) => commands::segments(&arguments, &mut out),
        Command::Journeys(arguments) => commands::journeys(&arguments, &mut out),
        Command::ImportTable(arguments) => commands::import_table(&arguments, &mut out),
        Command::Export(arguments) => commands::export(&arguments, &mut out),
        Command::Anonymise(arguments) => commands::anonymise(&arguments, &mut out),
        Command::Merge(arguments) => commands::merge(&arguments, &mut out),
        Command::Kpis(arguments) => commands::kpis(&arguments, &mut out),
        Command::Forecast(arguments) => commands::forecast(&arguments, &mut out),
        Command::Plan(arguments) => commands::plan(&arguments, &mut out),
        Command::Encrypt(arguments) => commands::encrypt(&arguments, &mut out),
        Command::Decrypt(arguments) => commands::decrypt(&arguments, &mut out),
    };
    let result = result.and_then(|()| out.flush().map_err(Failure::Output));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`): what it wanted it has, so stop quietly.
        Err(Failure::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(Failure::Output(error)) => {
            eprintln!("omnirx: cannot write the output: {error}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\nFor more information, try '--help'.");
            ExitCode::from(2)
        }
        Err(Failure::Unreadable(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Refused(message)) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::from(1)
        }
    }
}
