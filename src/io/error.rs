use std::fmt;
use std::path::{Path, PathBuf};

/// Why a journey could not be read, worded like a compiler: `FILE:LINE:COL: what was expected`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place in the text.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl LoadError {
    /// The message may quote the file: it is made safe for a terminal here, once for every
    /// error (see [`excerpt`]).
    pub fn new(path: &Path, position: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            position,
            message: excerpt(&message.into(), MAX_MESSAGE),
        }
    }
}

/// A message longer than this quotes too much of the file to be read.
const MAX_MESSAGE: usize = 400;

/// Text quoted from a file, safe to print: control characters (an ESC could rewrite a terminal)
/// are written as escapes such as `\u{1b}`, and the text is cut to `max` characters with `…`.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    for (n, c) in text.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_bidi_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Bidirectional overrides can make a terminal show text in an order it was not written in.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A file's name is quoted from the disk, so it is made as safe as its contents.
        let path = excerpt(&self.path.display().to_string(), MAX_MESSAGE);
        match self.position {
            Some((line, col)) => write!(f, "{path}:{line}:{col}: {}", self.message),
            None => write!(f, "{path}: {}", self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// Why a journey could not be written; the previous file, if any, is left as it was.
#[derive(Debug, thiserror::Error)]
#[error("{}: could not save: {source}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_from_a_file_are_escaped_and_long_quotes_cut() {
        let e = LoadError::new(
            Path::new("m\x1b.ron"),
            Some((3, 4)),
            format!("bad colour \"\x1b[2J\u{202e}x\"; {}", "a".repeat(1000)),
        );
        let shown = e.to_string();
        assert!(!shown.chars().any(|c| c.is_control()), "{shown}");
        assert!(shown.starts_with("m\\u{1b}.ron:3:4: bad colour \"\\u{1b}[2J\\u{202e}x\""));
        assert!(shown.ends_with('…') && shown.chars().count() < 450);
    }
}
