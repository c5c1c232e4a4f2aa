//! Where a diagram's text comes from and what Mermaid takes out before parsing it: a Markdown
//! file's first journey block, YAML front matter (its `title`), `%%{init: …}%%` directives.
//! Everything taken out is replaced by blank space, so line numbers stay the file's.

use super::lexer::{Kind, Lexer};

pub struct Diagram {
    pub text: String,
    /// The file's line the text starts on.
    pub first_line: u64,
}

/// The first fenced ```mermaid block whose diagram is a journey.
pub fn markdown_block(text: &str) -> Option<Diagram> {
    let mut lines = text.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        let Some((opening, info)) = fence(line) else {
            continue;
        };
        let mut body = String::new();
        for (_, line) in lines.by_ref() {
            if fence(line).is_some_and(|(f, rest)| f.starts_with(&opening) && rest.is_empty()) {
                break;
            }
            body.push_str(line);
            body.push('\n');
        }
        let mermaid = info
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("mermaid"));
        if mermaid && is_journey(&body) {
            return Some(Diagram {
                text: body,
                first_line: number as u64 + 2,
            });
        }
    }
    None
}

/// A fence line: its run of backticks or tildes (at least three, indented up to three spaces)
/// and the info after it.
fn fence(line: &str) -> Option<(String, &str)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let mark = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let run = trimmed.len() - trimmed.trim_start_matches(mark).len();
    (run >= 3).then(|| (trimmed[..run].to_owned(), trimmed[run..].trim()))
}

fn is_journey(text: &str) -> bool {
    let (text, _) = strip_front_matter_and_directives(text);
    Lexer::new(&text, 1)
        .next()
        .is_some_and(|t| t.kind == Kind::Journey)
}

/// The text with front matter and directives blanked out, and the front matter's `title`.
pub fn strip_front_matter_and_directives(text: &str) -> (String, Option<String>) {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    let mut title = None;
    let mut rest = text.as_str();
    let leading = rest.len() - rest.trim_start_matches(['\n', ' ', '\t']).len();
    if let Some(after) = rest[leading..].strip_prefix("---")
        && let Some((first, _)) = after.split_once('\n')
        && first.trim().is_empty()
        && let Some(end) = after.find("\n---")
    {
        let yaml = &after[..end];
        let closing = end + 4 + line_end(&after[end + 4..]);
        title = yaml.lines().find_map(|l| {
            let value = l.strip_prefix("title:")?.trim();
            Some(value.trim_matches(['"', '\'']).to_owned())
        });
        let taken = &rest[..leading + 3 + closing];
        out.push_str(&blank(taken));
        rest = &rest[leading + 3 + closing..];
    }
    while let Some(start) = rest.find("%%{") {
        let Some(length) = rest[start..].find("}%%") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&blank(&rest[start..start + length + 3]));
        rest = &rest[start + length + 3..];
    }
    out.push_str(rest);
    (out, title.filter(|t| !t.is_empty()))
}

fn line_end(text: &str) -> usize {
    text.find('\n').unwrap_or(text.len())
}

/// The same number of lines, nothing on them.
fn blank(text: &str) -> String {
    text.chars().filter(|&c| c == '\n').collect()
}
