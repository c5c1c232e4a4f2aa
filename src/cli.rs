//! The command line: open the app, or run a headless subcommand.

use crate::{io, templates};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "journeymap",
    version,
    about = "Design customer journey maps: personas × stages of touchpoints",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A journey (.ron) or a map image exported by Journeymap (.png) to open in the app.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the templates a new journey can start from.
    Templates,
    /// Write a new journey from a template.
    New {
        /// The template to start from (see `journeymap templates`).
        #[arg(long, short, default_value = templates::DEFAULT)]
        template: String,
        /// Where to write the journey.
        #[arg(long, short)]
        output: PathBuf,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Validate journeys (.ron files or map images) and summarise each.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Runs a subcommand; prints results to stdout and problems to stderr.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Templates => {
            let width = templates::TEMPLATES
                .iter()
                .map(|t| t.name.len())
                .max()
                .unwrap_or(0);
            for t in &templates::TEMPLATES {
                println!("{:width$}  {}", t.name, t.description);
            }
            ExitCode::SUCCESS
        }
        Command::New {
            template,
            output,
            force,
        } => report(new(&template, &output, force)),
        Command::Check { files } => {
            let mut ok = true;
            for file in &files {
                match io::load(file) {
                    Ok(j) => println!("{}: {}", file.display(), j.summary()),
                    Err(e) => {
                        eprintln!("{e}");
                        ok = false;
                    }
                }
            }
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn report(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("journeymap: {message}");
            ExitCode::FAILURE
        }
    }
}

fn new(template: &str, output: &Path, force: bool) -> Result<String, String> {
    let t = templates::find(template).ok_or_else(|| {
        let names: Vec<&str> = templates::TEMPLATES.iter().map(|t| t.name).collect();
        format!(
            "no template named \"{template}\"; choose one of: {}",
            names.join(", ")
        )
    })?;
    if output.exists() && !force {
        return Err(format!(
            "{} already exists; use --force to overwrite it",
            output.display()
        ));
    }
    let journey = t.journey().map_err(|e| e.to_string())?;
    io::save(output, &journey).map_err(|e| e.to_string())?;
    Ok(format!(
        "{}: new journey from template {} ({})",
        output.display(),
        t.name,
        journey.summary()
    ))
}
