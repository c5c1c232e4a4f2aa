//! Touchpoints as a spreadsheet: one row per card, a header naming the columns. Reads what
//! Excel, LibreOffice and Google Sheets write (a BOM or none; comma, semicolon or tab; quoted
//! fields with line breaks; CRLF; empty rows and columns) and refuses a file whole, with every
//! problem listed, rather than import half of it.

pub(crate) mod cells;
mod columns;
mod write;

use super::import::{DEFAULT_PERSONA, DEFAULT_STAGE, ImportError, Imported};
use crate::model::{Emotion, Metric, Touchpoint, TouchpointId};
use columns::Column;
use std::path::Path;
pub use write::to_csv;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// One row of the file, with its line number (where the row starts: quoted cells may span lines).
struct Row {
    line: u64,
    cells: Vec<String>,
}

impl Row {
    fn cell(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.cells.get(c))
            .map_or("", String::as_str)
    }
}

/// Reads a CSV file's bytes into cards; `path` names the file in problems.
pub fn read(bytes: &[u8], path: &Path) -> Result<Imported, ImportError> {
    let mut problems = ImportError::new(path);
    let rows = rows(bytes, &mut problems);
    let Some((header, body)) = rows.split_first() else {
        problems.push(
            None,
            "the file is empty: expected a header row naming the columns (Persona, Stage, \
             Title, …) and a row per touchpoint",
        );
        return Err(problems);
    };
    let table = Table::new(header, body, &mut problems);
    let imported = table.cards(body, &mut problems);
    problems.into_result().map(|()| imported)
}

/// The rows that hold anything, each cell as text.
fn rows(bytes: &[u8], problems: &mut ImportError) -> Vec<Row> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(bytes))
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut record = ::csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line());
                problems.push(line, format!("not readable as CSV: {e}"));
                break;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        let cells: Result<Vec<String>, _> = record
            .iter()
            .map(|c| std::str::from_utf8(c).map(str::to_owned))
            .collect();
        match cells {
            Ok(cells) if cells.iter().all(|c| c.trim().is_empty()) => {}
            Ok(cells) => rows.push(Row { line, cells }),
            Err(_) => problems.push(
                Some(line),
                "not UTF-8 text: save the file as \"CSV UTF-8\" (Excel) or with the \
                 character set UTF-8 (LibreOffice)",
            ),
        }
    }
    rows
}

/// The separator the header row uses most: comma, semicolon (Excel in much of Europe) or tab.
fn delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(count) = counts.iter_mut().find(|(d, _)| *d == b) {
                    count.1 += 1;
                }
            }
            _ => {}
        }
    }
    // The first of the most used wins, so a header with none of them reads as commas.
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// Which column holds what, and how the file's values are to be read.
struct Table {
    columns: Vec<Column>,
    headers: Vec<String>,
    /// Metric columns whose values are not numbers at all: ignored, and said so.
    ignored: Vec<usize>,
    /// Emotions run 1..5 in this file rather than -2..2.
    one_to_five: bool,
}

impl Table {
    fn new(header: &Row, body: &[Row], problems: &mut ImportError) -> Table {
        let columns: Vec<Column> = header
            .cells
            .iter()
            .map(|h| Column::from_header(h))
            .collect();
        for (i, column) in columns.iter().enumerate() {
            let named_twice =
                !matches!(column, Column::Unnamed) && columns[..i].iter().any(|c| c == column);
            if named_twice {
                problems.push(
                    Some(header.line),
                    format!(
                        "column \"{}\": another column already holds the {}",
                        header.cells[i].trim(),
                        what(column)
                    ),
                );
            }
        }
        if !columns.contains(&Column::Title) {
            problems.push(
                Some(header.line),
                "no column names the touchpoints: expected a header such as \"Title\", \
                 \"Touchpoint\", \"Step\" or \"Task\"",
            );
        }
        let ignored = (0..columns.len())
            .filter(|&i| matches!(columns[i], Column::Metric { .. }))
            .filter(|&i| {
                let values = body.iter().map(|r| r.cell(Some(i)).trim());
                let mut values = values.filter(|v| !v.is_empty()).peekable();
                values.peek().is_some() && values.all(|v| cells::number(v).is_none())
            })
            .collect();
        let emotion = columns.iter().position(|c| *c == Column::Emotion);
        let scores = body
            .iter()
            .filter_map(|r| cells::whole_number(r.cell(emotion)));
        let (mut low, mut high) = (false, false);
        for n in scores {
            low |= n < 1;
            high |= n > 2;
        }
        Table {
            headers: header.cells.iter().map(|h| h.trim().to_owned()).collect(),
            columns,
            ignored,
            one_to_five: high && !low,
        }
    }

    fn index(&self, column: &Column) -> Option<usize> {
        self.columns.iter().position(|c| c == column)
    }

    fn cards(&self, body: &[Row], problems: &mut ImportError) -> Imported {
        let mut imported = Imported::default();
        if let Some(emotion) = self.index(&Column::Emotion) {
            let scale = if self.one_to_five {
                "1..5 (3 is neutral)"
            } else {
                "-2..2"
            };
            imported.notes.push(format!(
                "column \"{}\" read as emotions from {scale}",
                self.headers[emotion]
            ));
        }
        for &i in &self.ignored {
            imported.notes.push(format!(
                "column \"{}\" left out: its values are not numbers",
                self.headers[i]
            ));
        }
        for row in body {
            self.card(row, &mut imported, problems);
        }
        imported
    }

    /// Reads one row: a card, or (with no card fields at all) a persona or stage to create.
    fn card(&self, row: &Row, imported: &mut Imported, problems: &mut ImportError) {
        let mut card = Touchpoint::new(TouchpointId(0), Default::default(), Default::default(), "");
        let mut is_card = false;
        let mut names = (None, None);
        for (i, column) in self.columns.iter().enumerate() {
            let cell = row.cell(Some(i));
            // Spaces are text in a text field (a title of two spaces stays so), nothing elsewhere.
            let text = matches!(
                column,
                Column::Title
                    | Column::PainPoint
                    | Column::Opportunity
                    | Column::Owner
                    | Column::Notes
            );
            let blank = if text {
                cell.is_empty()
            } else {
                cell.trim().is_empty()
            };
            if blank || self.ignored.contains(&i) {
                continue;
            }
            let mut problem = |expected: String| {
                problems.push(
                    Some(row.line),
                    format!(
                        "column \"{}\": {expected}, found \"{}\"",
                        self.headers[i],
                        cell.trim()
                    ),
                );
            };
            is_card |= !matches!(column, Column::Persona | Column::Stage | Column::Unnamed);
            match column {
                Column::Persona => names.0 = Some(cell.trim()),
                Column::Stage => names.1 = Some(cell.trim()),
                Column::Title => card.title = cells::text(cell),
                Column::Channel => card.channel = cells::channel(cell),
                Column::Kind => match cells::kind(cell) {
                    Ok(kind) => card.kind = kind,
                    Err(expected) => problem(expected),
                },
                Column::Emotion => match self.emotion(cell) {
                    Ok(emotion) => card.emotion = Some(emotion),
                    Err(expected) => problem(expected),
                },
                Column::PainPoint => card.pain_point = Some(cells::text(cell)),
                Column::Opportunity => card.opportunity = cells::text(cell),
                Column::Owner => card.owner = cells::text(cell),
                Column::Votes => match cells::votes(cell) {
                    Ok(votes) => card.votes = votes,
                    Err(expected) => problem(expected),
                },
                Column::Tags => card.tags = cells::tags(cell),
                Column::Notes => card.notes = cells::text(cell),
                Column::Metric { name, unit } => match cells::number(cell) {
                    Some(value) => card.metrics.push(Metric {
                        name: name.clone(),
                        value,
                        unit: unit.clone(),
                    }),
                    None => problem(format!("expected a number for the metric \"{name}\"")),
                },
                Column::Unnamed => {}
            }
        }
        match (is_card, names) {
            (true, (persona, stage)) => {
                card.persona = imported.persona(persona.unwrap_or(DEFAULT_PERSONA));
                card.stage = imported.stage(stage.unwrap_or(DEFAULT_STAGE));
                imported.cards.push(card);
            }
            // A row with only a persona or a stage keeps its place in the order of lanes or
            // columns (export writes these for lanes and columns without cards).
            (false, (persona, stage)) => {
                if let Some(persona) = persona {
                    imported.persona(persona);
                }
                if let Some(stage) = stage {
                    imported.stage(stage);
                }
            }
        }
    }

    fn emotion(&self, cell: &str) -> Result<Emotion, String> {
        let (range, offset) = if self.one_to_five {
            (1..=5, 3)
        } else {
            (-2..=2, 0)
        };
        match cells::whole_number(cell) {
            Some(n) if range.contains(&n) => Ok(Emotion((n - offset) as i8)),
            Some(_) if self.one_to_five => Err("expected an emotion from 1 to 5".to_owned()),
            Some(_) => Err(
                "expected an emotion from -2 to 2 (the file has values below 1, so it is not \
                 the 1..5 scale)"
                    .to_owned(),
            ),
            None => Err("expected -2..2 or 1..5".to_owned()),
        }
    }
}

/// A field as problems name it.
fn what(column: &Column) -> String {
    match column {
        Column::Metric { name, .. } => format!("metric \"{name}\""),
        Column::PainPoint => "pain point".to_owned(),
        other => other.header().to_lowercase(),
    }
}
