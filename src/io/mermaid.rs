//! Mermaid's user-journey diagrams: `title`, `section` (a stage), `Task: score: Actor, Actor`
//! (a card in each actor's lane, score 1..5 as emotion -2..2). Reads `.mmd` files and the first
//! Mermaid journey block of a Markdown file, exactly as far as Mermaid's own parser does: what
//! Mermaid accepts is imported, what it rejects is refused with the line and what was expected.

mod lexer;
mod source;
mod write;

use super::import::{DEFAULT_PERSONA, DEFAULT_STAGE, ImportError, Imported};
use crate::model::{Emotion, StageId, Touchpoint, TouchpointId};
use lexer::{Kind, Lexer, Token};
use std::path::Path;
pub use write::to_mermaid;

/// Reads a `.mmd` file, or the first Mermaid journey block of a Markdown file (`.md`).
pub fn read(bytes: &[u8], path: &Path) -> Result<Imported, ImportError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ImportError::one(path, None, format!("not UTF-8 text ({e})")))?;
    let markdown = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    let diagram = if markdown {
        source::markdown_block(text).ok_or_else(|| {
            ImportError::one(
                path,
                None,
                "no Mermaid journey in this Markdown file: expected a ```mermaid block that \
                 starts with `journey`",
            )
        })?
    } else {
        source::Diagram {
            text: text.to_owned(),
            first_line: 1,
        }
    };
    parse(&diagram, path)
}

/// The diagram's statements, read by Mermaid's grammar:
/// `journey (title | accTitle | accDescr | section | taskName taskData)*`.
fn parse(diagram: &source::Diagram, path: &Path) -> Result<Imported, ImportError> {
    let (text, front_title) = source::strip_front_matter_and_directives(&diagram.text);
    let mut tokens = Lexer::new(&text, diagram.first_line).peekable();
    let mut imported = Imported {
        title: front_title,
        ..Imported::default()
    };
    match tokens.next() {
        Some(Token {
            kind: Kind::Journey,
            ..
        }) => {}
        other => {
            let line = other.map_or(diagram.first_line, |t| t.line);
            return Err(ImportError::one(
                path,
                Some(line),
                "expected `journey`: a Mermaid journey diagram starts with it",
            ));
        }
    }
    let mut stage: Option<StageId> = None;
    let mut scores = Scores::default();
    while let Some(token) = tokens.next() {
        let line = token.line;
        let refuse = |message: String| Err(ImportError::one(path, Some(line), message));
        match token.kind {
            Kind::Title(title) => imported.title = Some(title.trim().to_owned()),
            // The accessible title is for screen readers; the description becomes the journey's.
            Kind::AccTitle(_) => {}
            Kind::AccDescr(text) => {
                let lines: Vec<&str> = text.trim().lines().map(str::trim).collect();
                imported.description = Some(lines.join("\n"));
            }
            Kind::Section(name) => stage = Some(imported.stage(or(name, DEFAULT_STAGE))),
            Kind::TaskName(name) => {
                let Some(Token {
                    kind: Kind::TaskData(data),
                    ..
                }) = tokens.next_if(|t| matches!(t.kind, Kind::TaskData(_)))
                else {
                    return refuse(format!(
                        "expected a score after the task \"{}\", as in `{}: 5: Actor`",
                        name.trim(),
                        name.trim()
                    ));
                };
                let stage = *stage.get_or_insert_with(|| imported.stage(DEFAULT_STAGE));
                let emotion = match scores.read(&data[1..]) {
                    Some(emotion) => emotion,
                    None => return refuse(score_problem(name, data)),
                };
                for actor in actors(data) {
                    let persona = imported.persona(or(actor, DEFAULT_PERSONA));
                    let mut card = Touchpoint::new(TouchpointId(0), persona, stage, name.trim());
                    card.emotion = Some(emotion);
                    imported.cards.push(card);
                }
            }
            Kind::Journey => return refuse("`journey` may only start the diagram".to_owned()),
            Kind::TaskData(_) | Kind::Colon => {
                return refuse(
                    "expected a task name before the colon, as in `Make tea: 5: Me`".to_owned(),
                );
            }
            Kind::Invalid(c) => {
                return refuse(format!(
                    "unexpected \"{c}\": expected a title, a section or a task"
                ));
            }
        }
    }
    imported.notes.extend(scores.notes());
    Ok(imported)
}

fn or<'a>(name: &'a str, default: &'a str) -> &'a str {
    let name = name.trim();
    if name.is_empty() { default } else { name }
}

/// Mermaid's `addTask`: the actors are the second `:` piece split at commas; none is one card
/// in the default lane.
fn actors(data: &str) -> Vec<&str> {
    match data[1..].split(':').nth(1) {
        Some(people) => people.split(',').map(str::trim).collect(),
        None => vec![""],
    }
}

fn score_problem(name: &str, data: &str) -> String {
    let score = data[1..].split(':').next().unwrap_or("").trim();
    format!(
        "task \"{}\": expected a score from 1 to 5, found \"{score}\"",
        name.trim()
    )
}

/// Scores as JavaScript's `Number()` reads them, and what had to give to fit 1..5.
#[derive(Default)]
struct Scores {
    clamped: usize,
    rounded: usize,
}

impl Scores {
    fn read(&mut self, data: &str) -> Option<Emotion> {
        let score = js_number(data.split(':').next().unwrap_or(""))?;
        let rounded = score.round();
        if rounded != score && score.is_finite() {
            self.rounded += 1;
        }
        let clamped = rounded.clamp(1.0, 5.0);
        if clamped != rounded {
            self.clamped += 1;
        }
        Some(Emotion(clamped as i8 - 3))
    }

    fn notes(&self) -> Vec<String> {
        use crate::words::count;
        let mut notes = Vec::new();
        if self.clamped > 0 {
            notes.push(format!(
                "{} outside 1..5 brought to the nearest end",
                count(self.clamped, "score")
            ));
        }
        if self.rounded > 0 {
            notes.push(format!(
                "{} rounded to a whole number",
                count(self.rounded, "score")
            ));
        }
        notes
    }
}

/// JavaScript's `Number(text)`: blank is 0; decimals, exponents, `Infinity`, `0x…`; else NaN (None).
fn js_number(text: &str) -> Option<f64> {
    let text = text.trim_matches(lexer::js_space);
    if text.is_empty() {
        return Some(0.0);
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(digits) = text.strip_prefix(prefix) {
            return u64::from_str_radix(digits, radix).ok().map(|n| n as f64);
        }
    }
    let unsigned = text.trim_start_matches(['+', '-']);
    if unsigned == "Infinity" && text.len() - unsigned.len() <= 1 {
        return Some(if text.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    let plain = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'));
    plain.then(|| text.parse::<f64>().ok()).flatten()
}

#[cfg(test)]
mod tests;
