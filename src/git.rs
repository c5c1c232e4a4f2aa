//! The `git` command, for maps kept in a repository: reading a file as it was in a revision, and
//! installing Journeymap as git's diff and merge driver. Runs `git`; never writes a repository's
//! objects.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs git in `dir` and returns its output, or what git said when it failed.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| format!("could not run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let said = String::from_utf8_lossy(&output.stderr);
        Err(crate::io::excerpt(said.trim(), 300))
    }
}

/// Whether `text` names a file in a revision (`HEAD~1:map.ron`, `main:./map.ron`) rather than a
/// file on disk.
pub fn is_revision(text: &str) -> bool {
    !Path::new(text).exists() && text.contains(':') && !text.starts_with(':')
}

/// The bytes of a file as it was in a revision: `REV:path` (from the repository's top) or
/// `REV:./path` (from `dir`).
pub fn read_revision(dir: &Path, spec: &str) -> Result<Vec<u8>, String> {
    // `cat-file` gives the stored bytes as they are, never through a textconv filter.
    git(dir, &["cat-file", "blob", spec]).map_err(|e| format!("{spec}: {e}"))
}

/// One commit that changed a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    /// The short hash.
    pub hash: String,
    pub subject: String,
    /// "3 days ago".
    pub when: String,
}

/// The last commits that changed `file`, newest first (at most `limit`).
pub fn revisions(file: &Path, limit: usize) -> Result<Vec<Revision>, String> {
    let (dir, name) = folder_and_name(file);
    let count = format!("-n{limit}");
    let out = git(
        dir,
        &["log", &count, "--format=%h%x09%ar%x09%s", "--", &name],
    )?;
    Ok(String::from_utf8_lossy(&out)
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            Some(Revision {
                hash: parts.next()?.to_owned(),
                when: parts.next()?.to_owned(),
                subject: parts.next().unwrap_or_default().to_owned(),
            })
        })
        .collect())
}

/// The folder git runs in for `file` ("." for a bare name), and the file's name there.
fn folder_and_name(file: &Path) -> (&Path, String) {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, name)
}

/// `file` as it was in commit `hash`.
pub fn read_file_at(file: &Path, hash: &str) -> Result<Vec<u8>, String> {
    let (dir, name) = folder_and_name(file);
    read_revision(dir, &format!("{hash}:./{name}"))
}

/// `'text'` for the shell git runs drivers with.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The lines `.gitattributes` needs: journeys (and maps that carry one) diff and merge with
/// Journeymap.
pub const ATTRIBUTES: [&str; 1] = ["*.ron diff=journeymap merge=journeymap"];

/// The git config entries for `journeymap` at `exe`: name, value.
pub fn config(exe: &Path) -> [(&'static str, String); 4] {
    let exe = quoted(&exe.display().to_string());
    [
        ("diff.journeymap.command", format!("{exe} diff --git")),
        ("diff.journeymap.textconv", format!("{exe} diff --textconv")),
        (
            "merge.journeymap.name",
            "Journeymap: merge journeys by card and field".to_owned(),
        ),
        (
            "merge.journeymap.driver",
            format!("{exe} merge %O %A %B -o %A"),
        ),
    ]
}

/// Installs Journeymap as the diff and merge driver of the repository around `dir`: the
/// repository's config, and `.gitattributes` at its top (lines already there are kept).
/// Returns what it did, a line each.
pub fn setup(dir: &Path, exe: &Path) -> Result<Vec<String>, String> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let mut done = Vec::new();
    for (name, value) in config(exe) {
        git(&top, &["config", "--local", name, &value])?;
        done.push(format!("git config {name} {value}"));
    }
    let attributes = top.join(".gitattributes");
    let old = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", attributes.display())),
    };
    let missing: Vec<&str> = ATTRIBUTES
        .into_iter()
        .filter(|line| !old.lines().any(|l| l.trim() == *line))
        .collect();
    if !missing.is_empty() {
        let mut text = old.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for line in &missing {
            text.push_str(line);
            text.push('\n');
        }
        crate::io::atomic::write_atomic(&attributes, text.as_bytes())
            .map_err(|e| format!("{}: could not write: {e}", attributes.display()))?;
        for line in missing {
            done.push(format!("{}: {line}", attributes.display()));
        }
    }
    Ok(done)
}
