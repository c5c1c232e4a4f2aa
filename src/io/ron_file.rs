//! The journey file: pretty, deterministic RON with a format version.

use super::{LoadError, SaveError, atomic};
use crate::model::{FORMAT_VERSION, Journey, Violation};
use ron::ser::PrettyConfig;
use serde::Deserialize;
use std::path::Path;

/// The journey as the text of a `.ron` file: the same journey always gives the same bytes.
pub fn to_ron(journey: &Journey) -> String {
    let config = PrettyConfig::new()
        .indentor("  ")
        .new_line("\n")
        .depth_limit(4)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut text = ron::Options::default()
        .to_string_pretty(journey, config)
        // Serialising our own plain data types has no failure case (no maps with non-string keys,
        // no custom serialisers that fail).
        .expect("a journey always serialises");
    text.push('\n');
    text
}

/// Reads a journey from `text`; `path` only names the source in errors.
pub fn from_ron(text: &str, path: &Path) -> Result<Journey, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::new(
            path,
            Some((1, 1)),
            "the file is empty; expected a journey: (version: 1, title: \"…\", personas: […], …)",
        ));
    }
    let version = read_version(text, path)?;
    let journey = match version {
        FORMAT_VERSION => ron::from_str::<Journey>(text).map_err(|e| spanned(path, &e))?,
        v if v > FORMAT_VERSION => {
            return Err(LoadError::new(
                path,
                None,
                format!(
                    "this journey was saved in format version {v} by a newer Journeymap; \
                     this build reads versions up to {FORMAT_VERSION}: update Journeymap to open it"
                ),
            ));
        }
        v => {
            return Err(LoadError::new(
                path,
                None,
                format!("unknown format version {v}; expected {FORMAT_VERSION}"),
            ));
        }
    };
    journey
        .validate()
        .map_err(|v| invariant_error(text, path, &v))?;
    Ok(journey)
}

pub fn load(path: &Path) -> Result<Journey, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::new(path, None, e.to_string()))?;
    if super::png::is_png(&bytes) {
        return super::png::journey_from_png(&bytes, path);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        LoadError::new(
            path,
            None,
            format!(
                "not a journey: the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    from_ron(&text, path)
}

/// Writes the journey atomically: the old file stays whole until the new one is complete.
pub fn save(path: &Path, journey: &Journey) -> Result<(), SaveError> {
    atomic::write_atomic(path, to_ron(journey).as_bytes()).map_err(|source| SaveError {
        path: path.to_owned(),
        source,
    })
}

/// Reads only the version, so a newer file is refused before any of it is misread.
fn read_version(text: &str, path: &Path) -> Result<u32, LoadError> {
    #[derive(Deserialize)]
    #[serde(rename = "Journey")]
    struct Probe {
        /// 0 when missing: no real file has version 0.
        #[serde(default)]
        version: u32,
    }
    let probe: Probe = ron::from_str(text).map_err(|e| spanned(path, &e))?;
    if probe.version == 0 {
        return Err(LoadError::new(
            path,
            Some((1, 1)),
            format!("missing field `version`; expected `version: {FORMAT_VERSION}`"),
        ));
    }
    Ok(probe.version)
}

fn spanned(path: &Path, e: &ron::error::SpannedError) -> LoadError {
    let start = e.span.start;
    LoadError::new(path, Some((start.line, start.col)), e.code.to_string())
}

fn invariant_error(text: &str, path: &Path, v: &Violation) -> LoadError {
    LoadError::new(path, locate(text, v), v.to_string())
}

/// Finds the line and column of the violating field (or of its item) in the file's text.
fn locate(text: &str, v: &Violation) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let find_key = |from: usize, to: usize, key: &str| {
        (from..to).find_map(|i| {
            let trimmed = lines[i].trim_start();
            trimmed
                .strip_prefix(key)
                .filter(|rest| rest.trim_start().starts_with(':'))
                .map(|_| (i, lines[i].len() - trimmed.len()))
        })
    };
    let Some((section, id)) = v.item.section() else {
        return find_key(0, lines.len(), v.field).map(|(l, c)| (l + 1, c + 1));
    };
    let (start, _) = find_key(0, lines.len(), section)?;
    let id_line = (start..lines.len()).find(|&i| {
        let t = lines[i].trim_start();
        t.strip_prefix("id")
            .and_then(|r| r.trim_start().strip_prefix(':'))
            .map(|r| r.trim().trim_end_matches(',').trim() == id.to_string())
            .unwrap_or(false)
    })?;
    // The item's block ends where the next item's id begins.
    let end = (id_line + 1..lines.len())
        .find(|&i| lines[i].trim_start().starts_with("id:"))
        .unwrap_or(lines.len());
    let (line, col) = find_key(id_line, end, v.field).unwrap_or((
        id_line,
        lines[id_line].len() - lines[id_line].trim_start().len(),
    ));
    Some((line + 1, col + 1))
}
