//! The journey file: pretty, deterministic RON with a format version.

use super::{LoadError, SaveError, atomic, ron_place};
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
        .enumerate_arrays(false)
        // "Don't" stays readable in the file (not "Don\'t"); strings with quotes or
        // backslashes are written as raw strings, r#"…"#.
        .escape_strings(false);
    let mut text = Text(String::with_capacity(4096));
    ron::Options::default()
        .to_writer_pretty(&mut text, journey, config)
        // Serialising our own plain data types has no failure case (no maps with non-string keys,
        // no custom serialisers that fail).
        .expect("a journey always serialises");
    text.0.push('\n');
    text.0
}

/// The text being written. ron writes strings one character at a time; taking single bytes
/// without a call to `memcpy` makes saving a large journey about a fifth faster.
struct Text(String);

impl std::fmt::Write for Text {
    #[inline]
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        match s.as_bytes() {
            [b] if b.is_ascii() => self.0.push(char::from(*b)),
            _ => self.0.push_str(s),
        }
        Ok(())
    }

    #[inline]
    fn write_char(&mut self, c: char) -> std::fmt::Result {
        self.0.push(c);
        Ok(())
    }
}

/// Reads a journey from `text`; `path` only names the source in errors.
pub fn from_ron(text: &str, path: &Path) -> Result<Journey, LoadError> {
    from_ron_versioned(text, path).map(|(journey, _)| journey)
}

/// [`from_ron`], and the format version the text was written in (older ones are migrated).
pub fn from_ron_versioned(text: &str, path: &Path) -> Result<(Journey, u32), LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::new(
            path,
            Some((1, 1)),
            "the file is empty; expected a journey: (version: 1, title: \"…\", personas: […], …)",
        ));
    }
    // One parse on the way that matters (a file of this version); the version alone is read
    // only when that fails, so a newer file that does not parse as this build's journey is
    // refused for its version rather than for whatever it holds that this build does not know.
    let journey = match ron::from_str::<Journey>(text) {
        Ok(journey) if (1..=FORMAT_VERSION).contains(&journey.version) => journey,
        Ok(journey) => return Err(version_error(journey.version, text, path)),
        Err(e) => {
            return Err(match read_version(text) {
                Some(0) => LoadError::new(
                    path,
                    Some((1, 1)),
                    format!("missing field `version`; expected `version: {FORMAT_VERSION}`"),
                ),
                Some(v) if !(1..=FORMAT_VERSION).contains(&v) => version_error(v, text, path),
                _ => spanned(text, path, &e),
            });
        }
    };
    journey
        .validate()
        .map_err(|v| invariant_error(text, path, &v))?;
    let version = journey.version;
    Ok((migrate(journey), version))
}

/// One step per format version, each taking a journey of its version to the next.
const MIGRATIONS: [fn(Journey) -> Journey; 2] = [v1_to_v2, v2_to_v3];

/// Brings a journey read from an older format up to [`FORMAT_VERSION`].
fn migrate(mut journey: Journey) -> Journey {
    while let Some(step) = journey
        .version
        .checked_sub(1)
        .and_then(|i| MIGRATIONS.get(i as usize))
    {
        journey = step(journey);
    }
    journey
}

/// Version 2 added stage rows and metric targets, which a version-1 journey has none of.
fn v1_to_v2(journey: Journey) -> Journey {
    Journey {
        version: 2,
        ..journey
    }
}

/// Version 3 added dot-voting rounds, which a version-2 journey has none of.
fn v2_to_v3(journey: Journey) -> Journey {
    Journey {
        version: 3,
        ..journey
    }
}

pub fn load(path: &Path) -> Result<Journey, LoadError> {
    load_versioned(path).map(|(journey, _)| journey)
}

/// [`load`], and the format version the file was written in.
pub fn load_versioned(path: &Path) -> Result<(Journey, u32), LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::new(path, None, e.to_string()))?;
    from_bytes_versioned(bytes, path)
}

/// A journey from the bytes of a file (.ron, or a .png, .pdf or .svg with one inside) read from
/// elsewhere, such as a revision in git; `path` only names the source in errors.
pub fn from_bytes_versioned(bytes: Vec<u8>, path: &Path) -> Result<(Journey, u32), LoadError> {
    if super::png::is_png(&bytes) {
        return super::png::journey_from_png_versioned(&bytes, path);
    }
    if super::pdf::is_pdf(&bytes) {
        return super::pdf::journey_from_pdf_versioned(&bytes, path);
    }
    if super::svg::is_svg(&bytes) {
        return super::svg::journey_from_svg_versioned(&bytes, path);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        // The bytes before the bad one are valid UTF-8, so the position counts characters.
        let before = String::from_utf8_lossy(&e.as_bytes()[..offset]);
        let line = 1 + before.matches('\n').count();
        let col = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        LoadError::new(
            path,
            Some((line, col)),
            format!("not a journey: the file is not UTF-8 text (invalid byte at offset {offset})"),
        )
    })?;
    from_ron_versioned(&text, path)
}

/// Writes the journey atomically: the old file stays whole until the new one is complete.
pub fn save(path: &Path, journey: &Journey) -> Result<(), SaveError> {
    atomic::write_atomic(path, to_ron(journey).as_bytes()).map_err(|source| SaveError {
        path: path.to_owned(),
        source,
    })
}

/// Reads only the version (0 when it is missing), to refuse a file this build cannot read.
fn read_version(text: &str) -> Option<u32> {
    #[derive(Deserialize)]
    #[serde(rename = "Journey")]
    struct Probe {
        #[serde(default)]
        version: u32,
    }
    ron::from_str::<Probe>(text).ok().map(|p| p.version)
}

fn version_error(version: u32, text: &str, path: &Path) -> LoadError {
    let message = if version > FORMAT_VERSION {
        format!(
            "this journey was saved in format version {version} by a newer Journeymap; \
             this build reads versions up to {FORMAT_VERSION}: update Journeymap to open it"
        )
    } else {
        format!("unknown format version {version}; expected {FORMAT_VERSION}")
    };
    LoadError::new(path, ron_place::version(text).or(Some((1, 1))), message)
}

fn spanned(text: &str, path: &Path, e: &ron::error::SpannedError) -> LoadError {
    let start = skip_blanks(text, (e.span.start.line, e.span.start.col));
    LoadError::new(path, Some(start), e.code.to_string())
}

/// ron puts some errors (a value of the wrong type) on the blank before the value; point at the
/// value itself when it follows on the same line. At the end of a line, the end of the last
/// token is the right place (a missing comma, a file cut short).
fn skip_blanks(text: &str, start: (usize, usize)) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    let mut chars = text.chars();
    while (line, col) < start {
        match chars.next() {
            Some('\n') => (line, col) = (line + 1, 1),
            Some(_) => col += 1,
            None => return start,
        }
    }
    if (line, col) != start {
        return start;
    }
    for c in chars {
        match c {
            '\r' | '\n' => break,
            c if c.is_whitespace() => col += 1,
            _ => return (line, col),
        }
    }
    start
}

fn invariant_error(text: &str, path: &Path, v: &Violation) -> LoadError {
    LoadError::new(path, Some(ron_place::violation(text, v)), v.to_string())
}
