//! A journey that could not be opened: which file, where, what was expected, the offending line,
//! and what the user can do next. It takes the whole window's attention instead of leaving a
//! line in the status bar over some other journey.

use crate::io::{self, LoadError};
use egui::text::{LayoutJob, TextFormat};
use egui::{Context, FontId, Modal, RichText};
use std::io::Read;
use std::path::Path;

/// What the user can do about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    OpenAnother,
    New,
    /// The path does not exist: make a new journey there.
    Create,
    Close,
}

pub struct LoadProblem {
    pub error: LoadError,
    /// Nothing is at the path (as opposed to a file that could not be read).
    pub missing: bool,
    excerpt: Option<Excerpt>,
}

/// A short stretch of the offending line around the column, made safe to show.
#[derive(Debug, PartialEq, Eq)]
pub struct Excerpt {
    pub before: String,
    pub at: String,
    pub after: String,
}

/// The excerpt shows this many characters before the column and after it.
const BEFORE: usize = 32;
const AFTER: usize = 48;
/// Only this much of a file is read again for the excerpt (the line is usually near the top).
const SCAN_LIMIT: u64 = 64 << 20;

impl LoadProblem {
    pub fn new(error: LoadError) -> Self {
        let missing = error.position.is_none() && matches!(error.path.try_exists(), Ok(false));
        let excerpt = error
            .position
            .and_then(|(line, column)| read_excerpt(&error.path, line, column));
        Self {
            error,
            missing,
            excerpt,
        }
    }

    fn file_name(&self) -> String {
        let name = self
            .error
            .path
            .file_name()
            .unwrap_or(self.error.path.as_os_str());
        io::excerpt(&name.to_string_lossy(), 80)
    }

    /// The dialog; returns what the user chose, once they have.
    pub fn ui(&self, ctx: &Context) -> Option<Choice> {
        let mut choice = None;
        Modal::new(egui::Id::unique("load problem")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(if self.missing {
                format!("“{}” does not exist", self.file_name())
            } else {
                format!("Could not open “{}”", self.file_name())
            });
            ui.label(
                RichText::new(io::excerpt(&self.error.path.display().to_string(), 200)).weak(),
            );
            ui.add_space(6.0);
            match self.error.position {
                Some((line, column)) => ui.label(format!(
                    "Line {line}, column {column}: {}",
                    self.error.message
                )),
                None if self.missing => ui.label(
                    "There is no file at this path. Create a new journey there, or open another.",
                ),
                None => ui.label(&self.error.message),
            };
            if let Some(excerpt) = &self.excerpt {
                ui.add_space(4.0);
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.label(excerpt.job(ui));
                });
            }
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if self.missing && ui.button("Create it").clicked() {
                    choice = Some(Choice::Create);
                }
                if ui.button("Open another…").clicked() {
                    choice = Some(Choice::OpenAnother);
                }
                if ui.button("New…").clicked() {
                    choice = Some(Choice::New);
                }
                if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(Choice::Close);
                }
            });
        });
        choice
    }
}

impl Excerpt {
    /// Monospace, the character at the column marked.
    fn job(&self, ui: &egui::Ui) -> LayoutJob {
        let font = FontId::monospace(13.0);
        let plain = TextFormat::simple(font.clone(), ui.visuals().text_color());
        let marked = TextFormat {
            background: ui.visuals().error_fg_color.gamma_multiply(0.35),
            underline: egui::Stroke::new(2.0, ui.visuals().error_fg_color),
            ..plain.clone()
        };
        let mut job = LayoutJob::default();
        job.append(&self.before, 0.0, plain.clone());
        // At the end of a line there is nothing to mark: mark the place itself.
        let at = if self.at.is_empty() { " " } else { &self.at };
        job.append(at, 0.0, marked);
        job.append(&self.after, 0.0, plain);
        job
    }
}

fn read_excerpt(path: &Path, line: usize, column: usize) -> Option<Excerpt> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(SCAN_LIMIT)
        .read_to_end(&mut bytes)
        .ok()?;
    line_excerpt(&bytes, line, column)
}

/// The stretch of line `line` (1-based) around character `column` (1-based): control
/// characters escaped, invalid UTF-8 shown as �, at most a few dozen characters either side.
pub fn line_excerpt(bytes: &[u8], line: usize, column: usize) -> Option<Excerpt> {
    let start = if line <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .nth(line - 2)?
            .0
            + 1
    };
    let rest = &bytes[start..];
    let text = &rest[..rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())];
    let chars = text.utf8_chunks().flat_map(|chunk| {
        let bad = (!chunk.invalid().is_empty()).then_some('\u{fffd}');
        chunk.valid().chars().chain(bad)
    });
    let column = column.max(1) - 1;
    let first = column.saturating_sub(BEFORE);
    let mut before = String::new();
    let mut at = String::new();
    let mut after = String::new();
    for (i, c) in chars
        .enumerate()
        .skip(first)
        .take(column - first + 2 + AFTER)
    {
        match i.cmp(&column) {
            std::cmp::Ordering::Less => before.push(c),
            std::cmp::Ordering::Equal => at.push(c),
            std::cmp::Ordering::Greater => after.push(c),
        }
    }
    let cut_before = if first > 0 { "…" } else { "" };
    // One character more than is shown was taken, to know whether the line goes on.
    let cut_after = after.chars().count() > AFTER;
    if cut_after {
        after.pop();
    }
    Some(Excerpt {
        before: format!("{cut_before}{}", io::excerpt(&before, BEFORE)),
        at: io::excerpt(&at, 1),
        after: format!(
            "{}{}",
            io::excerpt(&after, AFTER),
            if cut_after { "…" } else { "" }
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_excerpt_is_the_stretch_around_the_column_escaped_and_cut() {
        let text = format!(
            "(\n  title: \x1b[2J{}X{}\n)",
            "a".repeat(100),
            "b".repeat(100)
        );
        // Line 2: "  title: ", ESC "[2J", then 100 a, X at column 9 + 4 + 100 + 1 = 114.
        let e = line_excerpt(text.as_bytes(), 2, 114).unwrap();
        assert_eq!(e.at, "X");
        assert_eq!(e.before, format!("…{}", "a".repeat(32)));
        assert_eq!(e.after, format!("{}…", "b".repeat(48)));
        let e = line_excerpt(text.as_bytes(), 2, 10).unwrap();
        assert_eq!(e.before, "  title: ");
        assert_eq!(e.at, "\\u{1b}");
        assert!(e.after.starts_with("[2Jaaa"), "{}", e.after);
        assert_eq!(line_excerpt(text.as_bytes(), 9, 1), None);
    }

    #[test]
    fn invalid_utf8_and_the_end_of_a_line_are_shown() {
        let e = line_excerpt(b"ab\xffcd", 1, 3).unwrap();
        assert_eq!(
            (e.before.as_str(), e.at.as_str(), e.after.as_str()),
            ("ab", "\u{fffd}", "cd")
        );
        let e = line_excerpt(b"(version: 1", 1, 12).unwrap();
        assert_eq!((e.before.as_str(), e.at.as_str()), ("(version: 1", ""));
    }
}
