//! `diff`, `merge` and `git-setup`: journeys in version control.

use crate::compare::picture::Picture;
use crate::compare::{self, describe};
use crate::model::Journey;
use crate::{export, git, io};
use clap::ValueEnum;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// How `diff` lists the changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One line per change.
    #[default]
    Text,
    /// A Markdown list, for a pull request or a wiki.
    Md,
    /// For scripts.
    Json,
}

/// Exit code of `diff` and `merge` when something could not be read or written, as `diff` has
/// it: 0 is "the same", 1 "different" (or "conflicts"), 2 trouble.
const TROUBLE: u8 = 2;

/// What git's external diff gets: path, old-file, old-hex, old-mode, new-file, new-hex, new-mode.
const GIT_ARGUMENTS: usize = 7;

/// A version of a journey named on the command line: a file (.ron or an exported map), or
/// `REV:path` in the git repository around the current directory. `/dev/null` and an empty file
/// (git's stand-ins for "no file") are a journey with nothing in it.
fn load(spec: &str) -> Result<Journey, String> {
    let path = Path::new(spec);
    let bytes = if git::is_revision(spec) {
        git::read_revision(Path::new("."), spec)?
    } else {
        std::fs::read(path).map_err(|e| format!("{}: {e}", io::excerpt(spec, 200)))?
    };
    if bytes.is_empty() {
        return Ok(empty());
    }
    io::from_bytes_versioned(bytes, path)
        .map(|(journey, _)| journey)
        .map_err(|e| e.to_string())
}

/// The journey before a file existed.
fn empty() -> Journey {
    Journey {
        title: String::new(),
        ..Journey::default()
    }
}

fn trouble(message: &str) -> ExitCode {
    eprintln!("journeymap: {message}");
    ExitCode::from(TROUBLE)
}

/// Where and how `diff -o` draws the new version with its changes marked.
pub struct Image {
    pub path: PathBuf,
    pub scale: f32,
    pub dark: bool,
}

/// `journeymap diff`: the changes from the first file to the second, or git's external diff
/// (`--git`, seven arguments) or textconv (`--textconv`, one file).
pub fn diff(
    files: &[String],
    format: DiffFormat,
    image: Option<&Image>,
    git_diff: bool,
    textconv: bool,
) -> ExitCode {
    if textconv {
        return match files {
            [file] => textconv_of(file),
            _ => trouble("diff --textconv takes one file"),
        };
    }
    // What the image's key calls each version: a file's name, or under git the path at its
    // blob (git's files are temporary).
    let (label, old, new, names) = match (git_diff, files) {
        (false, [old, new]) => (None, old, new, [version_name(old), version_name(new)]),
        (true, [path, old, old_blob, _, new, new_blob, _]) => (
            Some(path),
            old,
            new,
            [blob_name(path, old_blob), blob_name(path, new_blob)],
        ),
        (true, _) => {
            return trouble(&format!(
                "diff --git takes the {GIT_ARGUMENTS} arguments git gives an external diff: \
                 path old-file old-hex old-mode new-file new-hex new-mode"
            ));
        }
        (false, _) => return trouble("diff takes two files: OLD NEW"),
    };
    let journeys = load(old).and_then(|o| load(new).map(|n| (o, n)));
    let (old_journey, new_journey) = match journeys {
        Ok(pair) => pair,
        Err(e) => return trouble(&e),
    };
    let diff = compare::diff(&old_journey, &new_journey);
    if let Some(image) = image {
        let [old_name, new_name] = &names;
        let picture = Picture::new(&diff, &old_journey, &new_journey).named(old_name, new_name);
        match draw(picture, diff.len(), &new_journey, image) {
            // The listing may be going to a pipe: the image's line goes with the errors.
            Ok(written) => eprintln!("{written}"),
            Err(e) => return trouble(&e),
        }
    }
    let lines = describe::lines(&diff, &old_journey, &new_journey);
    let listing = match format {
        DiffFormat::Text => describe::text(&lines),
        DiffFormat::Md => describe::markdown(&lines),
        DiffFormat::Json => describe::json(&lines) + "\n",
    };
    match label {
        // git stops at an external diff that exits with anything but 0.
        Some(path) => {
            if !diff.is_empty() {
                println!("journeymap diff a/{path} b/{path}");
                print!("{listing}");
            }
            ExitCode::SUCCESS
        }
        None => {
            if !diff.is_empty() || format != DiffFormat::Text {
                print!("{listing}");
            }
            if diff.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// What the key of a diff image calls a version: a file's name, or `REV:path` as given.
fn version_name(spec: &str) -> String {
    match Path::new(spec).file_name() {
        Some(name) if !git::is_revision(spec) => name.to_string_lossy().into_owned(),
        _ => spec.to_owned(),
    }
}

/// A version git hands an external diff: `map.ron @ 1a2b3c4`, or `map.ron (working tree)` when
/// git gives no blob (all zeros).
fn blob_name(path: &str, blob: &str) -> String {
    let name = version_name(path);
    if blob.chars().all(|c| c == '0') {
        format!("{name} (working tree)")
    } else {
        format!("{name} @ {}", blob.chars().take(7).collect::<String>())
    }
}

/// Draws `new` with the changes of `picture` marked; says what was written.
fn draw(picture: Picture, changes: usize, new: &Journey, image: &Image) -> Result<String, String> {
    let options = export::Options {
        scale: image.scale,
        dark: image.dark,
        compare: Some(Arc::new(picture)),
        ..export::Options::default()
    };
    let path = &image.path;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let written = match extension.as_deref() {
        Some("png") => {
            export::export_png(new, path, &options).map(|[w, h]| format!("{w} × {h} px"))
        }
        Some("svg") => {
            export::export_svg(new, path, &options).map(|b| format!("{} KB", b.div_ceil(1024)))
        }
        Some("pdf") => export::export_pdf(new, path, &options, export::Paper::Fit, false)
            .map(|b| format!("{} KB", b.div_ceil(1024))),
        _ => {
            return Err(format!(
                "{}: unknown image type; the picture of the changes must end in .png, .svg or .pdf",
                path.display()
            ));
        }
    }
    .map_err(|e| e.to_string())?;
    Ok(format!(
        "{}: the new version with {} marked, {written}",
        path.display(),
        crate::words::count(changes, "change")
    ))
}

/// The journey in a file as text git can diff line by line: its RON, even when the file is a
/// map image. A file that is not a journey shows as it is (text) or as a one-line note, so that
/// git never stops on it.
fn textconv_of(file: &str) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => return trouble(&format!("{}: {e}", io::excerpt(file, 200))),
    };
    match io::from_bytes_versioned(bytes.clone(), Path::new(file)) {
        Ok((journey, _)) => print!("{}", io::to_ron(&journey)),
        Err(e) => match String::from_utf8(bytes) {
            Ok(text) => print!("{text}"),
            Err(_) => println!("(not a journey: {e})"),
        },
    }
    ExitCode::SUCCESS
}

/// `journeymap merge BASE OURS THEIRS -o OUT`: 0 merged cleanly, 1 merged with conflicts
/// (ours kept for each, listed), 2 nothing written.
pub fn merge(base: &str, ours: &str, theirs: &str, output: &Path) -> ExitCode {
    let loaded = load(base).and_then(|b| Ok((b, load(ours)?, load(theirs)?)));
    let (base, ours, theirs) = match loaded {
        Ok(three) => three,
        Err(e) => return trouble(&e),
    };
    let merged = match compare::merge(&base, &ours, &theirs) {
        Ok(merged) => merged,
        Err(v) => {
            return trouble(&format!(
                "{}: not written: the merged journey would be broken: {v}",
                output.display()
            ));
        }
    };
    if let Err(e) = io::save(output, &merged.journey) {
        return trouble(&e.to_string());
    }
    if merged.conflicts.is_empty() {
        println!(
            "{}: merged ({})",
            output.display(),
            merged.journey.summary()
        );
        return ExitCode::SUCCESS;
    }
    for c in &merged.conflicts {
        let value = |v: &str| {
            if v.is_empty() {
                "(none)".to_owned()
            } else {
                io::excerpt(v, 60)
            }
        };
        eprintln!(
            "conflict: {}, {}: base {}, ours {}, theirs {}",
            io::excerpt(&c.item, 80),
            c.field,
            value(&c.base),
            value(&c.ours),
            value(&c.theirs)
        );
    }
    eprintln!(
        "{}: merged with {}; ours kept for each",
        output.display(),
        crate::words::count(merged.conflicts.len(), "conflict")
    );
    ExitCode::FAILURE
}

/// `journeymap git-setup`: Journeymap as the diff and merge driver of the current repository.
pub fn git_setup() -> ExitCode {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("journeymap"));
    match git::setup(Path::new("."), &exe) {
        Ok(done) => {
            for line in done {
                println!("{line}");
            }
            println!("git diff and git merge now read journeys (*.ron) with Journeymap");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("journeymap: git-setup: {e}");
            ExitCode::FAILURE
        }
    }
}
