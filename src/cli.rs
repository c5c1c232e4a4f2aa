//! The command line: open the app, or run a headless subcommand.

use crate::layout::Detail;
use crate::model::{FORMAT_VERSION, Journey};
use crate::{export, insight, io, templates};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod compare;
mod session;
pub use compare::DiffFormat;

#[derive(Parser, Debug)]
#[command(
    name = "journeymap",
    version,
    about = "Design customer journey maps: personas × stages of touchpoints",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A journey (.ron) or a map exported by Journeymap (.png, .svg, .pdf) to open in the app.
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
    /// The journey's health: per persona the mean emotion and its lowest stage, per stage the
    /// pain points, mean emotion and metrics against their targets, and the pain points to fix
    /// first. Markdown pastes into a wiki.
    Report {
        /// The journey (.ron) or map image exported by Journeymap (.png).
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
    /// Make a journey from a table of touchpoints (.csv) or a Mermaid journey (.mmd, or the first
    /// Mermaid journey block of a .md file). A file with any problem is refused whole, every
    /// problem listed.
    Import {
        /// The table (.csv) or Mermaid diagram (.mmd, .md) to read.
        file: PathBuf,
        /// Where to write the journey: .ron (or .csv, .mmd to convert).
        #[arg(long, short)]
        output: PathBuf,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Share a journey for co-editing on the local network, with no window: prints the join code
    /// and the address to give out, lists the session under Workshop ▸ Join on the network, and
    /// saves the file as changes arrive. Stop with Ctrl+C.
    Host {
        file: PathBuf,
        /// The TCP port to listen on (0 or none: any free port).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// The join code to use instead of a new random one.
        #[arg(long)]
        code: Option<String>,
        /// Do not announce the session on the local network (mDNS), so that it is not listed
        /// under Workshop ▸ Join: participants type the address instead.
        #[arg(long)]
        no_announce: bool,
    },
    /// Join a co-editing session, wait until caught up, and write the journey it holds.
    Join {
        /// The host's address, as it printed it (HOST:PORT).
        address: String,
        #[arg(long)]
        code: String,
        #[arg(long, short)]
        output: PathBuf,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export a journey as a map (OUT.png, OUT.svg or OUT.pdf, each with the journey inside), a
    /// journey file (OUT.ron), a table of its touchpoints (OUT.csv, for spreadsheets) or a
    /// Mermaid journey diagram (OUT.mmd). Needs no display and no GPU.
    Export {
        /// The journey (.ron) or map exported by Journeymap (.png, .svg, .pdf) to export.
        file: PathBuf,
        /// Where to write: a path ending in .png, .svg or .pdf for the map, .ron for the journey
        /// file, .csv for the table, .mmd for Mermaid. An existing file is replaced (atomically).
        #[arg(long, short)]
        output: PathBuf,
        /// Pixels per point of the image, from 0.25 to 8: 1 for 100 %, 2 or 3 for high-density
        /// screens and print.
        #[arg(long, default_value = "2", value_parser = parse_scale)]
        scale: f32,
        /// The colour theme of the image.
        #[arg(long, value_enum, default_value_t = Theme::Light)]
        theme: Theme,
        /// One image per persona lane, OUT-<persona>.png each, for a map too large to be one
        /// image.
        #[arg(long)]
        per_persona: bool,
        #[command(flatten)]
        shown: Shown,
        /// The PDF's page: `fit` (one page the size of the map) or a paper size, the map
        /// scaled to fit with margins.
        #[arg(long, default_value = "fit", value_parser = parse_page)]
        page: export::Paper,
        /// Turn the PDF's paper sideways.
        #[arg(long)]
        landscape: bool,
    },
    /// What changed between two versions of a journey, in the user's words: personas, stages,
    /// cards and rows added, removed, moved, and changed field by field. Exit code 0 when they
    /// are the same, 1 when they differ, 2 when one cannot be read (as `diff` does).
    Diff {
        /// OLD NEW: each a journey (.ron), a map exported by Journeymap (.png, .svg, .pdf), or
        /// REV:PATH, a file in a git revision (`HEAD~1:map.ron`). With --git, the seven
        /// arguments git gives an external diff; with --textconv, one file.
        #[arg(required = true, num_args = 1..=7)]
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Also draw NEW with the changes marked (added, changed, moved, removed cards, and the
        /// old emotion curves dashed): OUT.png, OUT.svg or OUT.pdf.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Pixels per point of a PNG, from 0.25 to 8.
        #[arg(long, default_value = "2", value_parser = parse_scale)]
        scale: f32,
        /// The colour theme of the image.
        #[arg(long, value_enum, default_value_t = Theme::Light)]
        theme: Theme,
        /// Run as git's external diff (diff.journeymap.command); always exits 0, as git needs.
        #[arg(long, conflicts_with = "textconv")]
        git: bool,
        /// Print the journey in one file as text for git to diff (diff.journeymap.textconv).
        #[arg(long)]
        textconv: bool,
    },
    /// Three-way merge of two versions of a journey changed from one base, by item id and by
    /// field. A field both sides changed differently is a conflict: OUT keeps ours, the
    /// conflicts are listed and the exit code is 1 (2 when nothing could be written). Works as
    /// git's merge driver (see git-setup).
    Merge {
        base: String,
        ours: String,
        theirs: String,
        /// Where to write the merged journey (atomically; may be OURS).
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Make Journeymap git's diff and merge driver for journeys (*.ron) in the current
    /// repository: writes the repository's config and .gitattributes.
    GitSetup,
}

/// How the map is drawn: plain by default, or "as shown" in the app.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Shown {
    /// Fade the cards that do not match, e.g. `--lens "owner=Support,pain"`. Filters:
    /// channel=…, owner=…, persona=…, tag=…, direct, indirect, digital, physical, pain,
    /// emotion<=N, misses-target; all must match.
    #[arg(long)]
    lens: Option<String>,
    /// Colour every card by `emotion`, `votes` or a metric's name (e.g. `--heat CSAT`).
    #[arg(long)]
    heat: Option<String>,
    /// How much each card shows.
    #[arg(long, value_enum, default_value_t = CardDetail::Standard)]
    detail: CardDetail,
}

/// Card detail levels, as the command line names them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum CardDetail {
    /// Title and emotion only.
    Compact,
    #[default]
    Standard,
    /// Also notes, pain point, opportunity and metrics.
    Detailed,
}

/// How `report` writes the journey's health.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown tables and a ranked list, for a wiki.
    Md,
    /// One long table: section, persona, stage, measure, value.
    Csv,
    /// For scripts.
    Json,
}

/// The colour theme of an exported image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Theme {
    Light,
    Dark,
}

/// A PDF's page by its name: fit, a4, a3, a2, a1, letter or tabloid.
fn parse_page(text: &str) -> Result<export::Paper, String> {
    let name = text.trim().to_ascii_lowercase();
    export::Paper::ALL
        .into_iter()
        .find(|paper| paper.name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = export::Paper::ALL.iter().map(|p| p.name()).collect();
            format!(
                "expected one of {}, not \"{}\"",
                names.join(", "),
                io::excerpt(text, 40)
            )
        })
}

/// The scales an image can be exported at: below, text is unreadable; above, any map is over
/// the size limit.
const SCALES: std::ops::RangeInclusive<f32> = 0.25..=8.0;

/// A scale is a number within [`SCALES`] (0.5, 1, 2, 3 …).
fn parse_scale(text: &str) -> Result<f32, String> {
    match text.trim().parse::<f32>() {
        Ok(s) if SCALES.contains(&s) => Ok(s),
        _ => Err(format!(
            "expected a number from {} to {}, such as 1, 2 or 3, not \"{}\"",
            SCALES.start(),
            SCALES.end(),
            io::excerpt(text, 40)
        )),
    }
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
        Command::Report { file, format } => {
            report(io::load(&file).map_err(|e| e.to_string()).map(|journey| {
                let h = insight::health(&journey);
                let text = match format {
                    ReportFormat::Md => insight::health::markdown(&h),
                    ReportFormat::Csv => insight::health::csv(&h),
                    ReportFormat::Json => insight::health::json(&h),
                };
                text.trim_end().to_owned()
            }))
        }
        Command::Import {
            file,
            output,
            force,
        } => report(import(&file, &output, force)),
        Command::Host {
            file,
            port,
            code,
            no_announce,
        } => report(session::host(&file, port, code, !no_announce)),
        Command::Join {
            address,
            code,
            output,
            force,
        } => report(session::join(&address, &code, &output, force)),
        Command::Check { files } => {
            let mut ok = true;
            for file in &files {
                match io::load_versioned(file) {
                    Ok((j, version)) if version < FORMAT_VERSION => println!(
                        "{}: {} (format version {version}: read through a migration, saved as \
                         version {FORMAT_VERSION} when it is next saved)",
                        file.display(),
                        j.summary()
                    ),
                    Ok((j, _)) => println!("{}: {}", file.display(), j.summary()),
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
        Command::Diff {
            files,
            format,
            output,
            scale,
            theme,
            git,
            textconv,
        } => {
            let image = output.map(|path| compare::Image {
                path,
                scale,
                dark: theme == Theme::Dark,
            });
            compare::diff(&files, format, image.as_ref(), git, textconv)
        }
        Command::Merge {
            base,
            ours,
            theirs,
            output,
        } => compare::merge(&base, &ours, &theirs, &output),
        Command::GitSetup => compare::git_setup(),
        Command::Export {
            file,
            output,
            scale,
            theme,
            per_persona,
            shown,
            page,
            landscape,
        } => report(export_file(
            &file,
            &output,
            scale,
            theme,
            per_persona,
            &shown,
            (page, landscape),
        )),
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

/// Says once which scripts no installed font could draw in the image.
fn warn_missing_fonts() {
    let missing = crate::fonts::missing();
    if !missing.is_empty() {
        eprintln!(
            "journeymap: warning: {}",
            crate::fonts::missing_message(&missing)
        );
    }
}

/// What `export` writes, chosen by the output's extension.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Png,
    Svg,
    Pdf,
    Ron,
    Csv,
    Mermaid,
}

impl Format {
    fn of(output: &Path) -> Result<Format, String> {
        let extension = output
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("png") => Ok(Format::Png),
            Some("svg") => Ok(Format::Svg),
            Some("pdf") => Ok(Format::Pdf),
            Some("ron") => Ok(Format::Ron),
            Some("csv") => Ok(Format::Csv),
            Some("mmd") => Ok(Format::Mermaid),
            _ => Err(format!(
                "{}: unknown output type; the output must end in .png, .svg or .pdf (a map), \
                 .ron (a journey file), .csv (a table of touchpoints) or .mmd (a Mermaid journey)",
                output.display()
            )),
        }
    }
}

fn import(input: &Path, output: &Path, force: bool) -> Result<String, String> {
    let format = Format::of(output)?;
    if matches!(format, Format::Png | Format::Svg | Format::Pdf) {
        return Err("import writes a journey: give an output ending in .ron".to_owned());
    }
    if output.exists() && !force {
        return Err(format!(
            "{} already exists; use --force to overwrite it",
            output.display()
        ));
    }
    // Every problem is on its own line, each `FILE:LINE: what was expected`.
    let imported = io::import::read(input).map_err(|e| e.to_string())?;
    let summary = imported.summary();
    let title = input
        .file_stem()
        .map_or("Imported journey".into(), |s| s.to_string_lossy());
    let journey = imported.into_journey(&title);
    let written = write_data(&journey, output, format)?;
    Ok(format!(
        "{}: imported {summary}\n{written}",
        input.display()
    ))
}

/// Writes the journey as a file of data (not an image); says what was written.
fn write_data(journey: &Journey, output: &Path, format: Format) -> Result<String, String> {
    let failed = |e: std::io::Error| format!("{}: could not write: {e}", output.display());
    match format {
        Format::Csv => {
            io::atomic::write_atomic(output, &io::csv::to_csv(journey)).map_err(failed)?;
            Ok(format!(
                "{}: table written, one row per touchpoint ({})",
                output.display(),
                journey.summary()
            ))
        }
        Format::Mermaid => {
            let (text, changed) = io::mermaid::to_mermaid(journey);
            io::atomic::write_atomic(output, text.as_bytes()).map_err(failed)?;
            let note = match changed {
                0 => String::new(),
                n => format!(
                    "; {} changed to fit Mermaid (no `:`, `#` or `;` in names, no `,` in actors)",
                    crate::words::count(n, "name")
                ),
            };
            Ok(format!(
                "{}: Mermaid journey written ({}){note}",
                output.display(),
                journey.summary()
            ))
        }
        // Maps are drawn by `export_file`; the callers send them nowhere else.
        Format::Ron | Format::Png | Format::Svg | Format::Pdf => {
            io::save(output, journey).map_err(|e| e.to_string())?;
            Ok(format!(
                "{}: journey written ({})",
                output.display(),
                journey.summary()
            ))
        }
    }
}

fn export_file(
    input: &Path,
    output: &Path,
    scale: f32,
    theme: Theme,
    per_persona: bool,
    shown: &Shown,
    (paper, landscape): (export::Paper, bool),
) -> Result<String, String> {
    let format = Format::of(output)?;
    if per_persona && format != Format::Png {
        return Err("--per-persona writes images: give an output ending in .png".to_owned());
    }
    // The load error already reads `FILE:LINE:COL: what was expected`.
    let journey = io::load(input).map_err(|e| e.to_string())?;
    let theme_name = match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    let options = export::Options {
        scale,
        dark: theme == Theme::Dark,
        date: None,
        lens: shown
            .lens
            .as_deref()
            .map(|text| insight::Lens::parse(text, &journey))
            .transpose()?
            .unwrap_or_default(),
        heat: shown
            .heat
            .as_deref()
            .map(insight::Heat::parse)
            .unwrap_or_default(),
        detail: match shown.detail {
            CardDetail::Compact => Detail::Compact,
            CardDetail::Standard => Detail::Standard,
            CardDetail::Detailed => Detail::Detailed,
        },
        compare: None,
    };
    // Name the input: the size is the journey's, not the output's.
    let too_large = |e: export::ExportError| match e {
        export::ExportError::TooLarge { .. } => format!("{}: {e}", input.display()),
        e => e.to_string(),
    };
    if per_persona {
        if journey.personas.is_empty() {
            return Err(format!("{}: the journey has no personas", input.display()));
        }
        let written = export::export_per_persona(&journey, output, &options).map_err(too_large)?;
        warn_missing_fonts();
        let lines: Vec<String> = written
            .iter()
            .map(|(path, [w, h])| {
                format!(
                    "{}: {w} × {h} px image of one persona at {scale}×, {theme_name} theme",
                    path.display()
                )
            })
            .collect();
        return Ok(lines.join("\n"));
    }
    match format {
        Format::Ron | Format::Csv | Format::Mermaid => write_data(&journey, output, format),
        Format::Svg => {
            let bytes = export::export_svg(&journey, output, &options).map_err(too_large)?;
            warn_missing_fonts();
            Ok(format!(
                "{}: SVG map, {} KB, {theme_name} theme ({})",
                output.display(),
                bytes.div_ceil(1024),
                journey.summary()
            ))
        }
        Format::Pdf => {
            let bytes = export::export_pdf(&journey, output, &options, paper, landscape)
                .map_err(too_large)?;
            warn_missing_fonts();
            let sheet = match paper {
                export::Paper::Fit => "one page the size of the map".to_owned(),
                paper if landscape => format!("{} landscape", paper.name()),
                paper => format!("{} portrait", paper.name()),
            };
            Ok(format!(
                "{}: PDF map, {sheet}, {} KB, {theme_name} theme ({})",
                output.display(),
                bytes.div_ceil(1024),
                journey.summary()
            ))
        }
        Format::Png => {
            let [width, height] =
                export::export_png(&journey, output, &options).map_err(too_large)?;
            warn_missing_fonts();
            Ok(format!(
                "{}: {width} × {height} px map image at {scale}×, {theme_name} theme ({})",
                output.display(),
                journey.summary()
            ))
        }
    }
}
