//! What the CSV and Mermaid importers share: cards read from a file with their persona and stage
//! named, a new journey or one undo step that adds them to an open one, and the list of problems
//! that refuses a file whole.

use super::excerpt;
use crate::edit::Edit;
use crate::model::{Colour, Journey, Persona, PersonaId, Stage, StageId, Touchpoint};
use std::fmt;
use std::path::{Path, PathBuf};

/// The persona of a card whose file names none (Mermaid's task without actors, an empty cell).
pub const DEFAULT_PERSONA: &str = "Customer";
/// The stage of a card whose file names none (tasks before any `section`).
pub const DEFAULT_STAGE: &str = "Journey";

/// Cards read from a file, before they join a journey.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    pub title: Option<String>,
    pub description: Option<String>,
    /// In first-seen order; cards refer to them by position.
    pub personas: Vec<String>,
    pub stages: Vec<String>,
    /// Each card's `persona` and `stage` hold positions in the lists above; ids are assigned later.
    pub cards: Vec<Touchpoint>,
    /// What the user should know about how the file was read ("emotion read as 1..5").
    pub notes: Vec<String>,
}

impl Imported {
    /// The position of the persona named `name`, added when new (names match whatever their case).
    pub fn persona(&mut self, name: &str) -> PersonaId {
        PersonaId(position_or_push(&mut self.personas, name))
    }

    pub fn stage(&mut self, name: &str) -> StageId {
        StageId(position_or_push(&mut self.stages, name))
    }

    /// "12 touchpoints, 2 personas, 4 stages; emotion read as 1..5".
    pub fn summary(&self) -> String {
        use crate::words::count;
        let mut text = format!(
            "{}, {}, {}",
            count(self.cards.len(), "touchpoint"),
            count(self.personas.len(), "persona"),
            count(self.stages.len(), "stage")
        );
        for note in &self.notes {
            text.push_str("; ");
            text.push_str(note);
        }
        text
    }

    /// A new journey of these cards; `fallback_title` names it when the file does not.
    pub fn into_journey(self, fallback_title: &str) -> Journey {
        let mut journey = Journey {
            title: self
                .title
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| fallback_title.to_owned()),
            description: self.description.unwrap_or_default(),
            ..Journey::default()
        };
        let edit = Self::additions(&journey, &self.personas, &self.stages, self.cards);
        // Every position is valid by construction: the additions go at the ends of empty lists.
        if let Err(e) = edit.apply(&mut journey) {
            log::error!("import: {e}");
        }
        journey
    }

    /// One undo step that adds the cards to `journey`, after its own cards; personas and stages
    /// are matched by name (whatever their case) and the missing ones added at the end.
    pub fn add_to(&self, journey: &Journey) -> Edit {
        Self::additions(journey, &self.personas, &self.stages, self.cards.clone())
    }

    fn additions(
        journey: &Journey,
        personas: &[String],
        stages: &[String],
        cards: Vec<Touchpoint>,
    ) -> Edit {
        let mut edits = Vec::new();
        let mut next = journey.next_persona_id().0;
        let persona_ids: Vec<PersonaId> = personas
            .iter()
            .map(
                |name| match find(journey.personas.iter().map(|p| (&p.name, p.id)), name) {
                    Some(id) => id,
                    None => {
                        let id = PersonaId(next);
                        next += 1;
                        let count = journey.personas.len() + edits.len();
                        let colour = Colour::PALETTE[count % Colour::PALETTE.len()];
                        edits.push(Edit::InsertPersona {
                            index: count,
                            persona: Persona::new(id, name, colour),
                        });
                        id
                    }
                },
            )
            .collect();
        let mut next = journey.next_stage_id().0;
        let mut added_stages = 0;
        let stage_ids: Vec<StageId> = stages
            .iter()
            .map(
                |name| match find(journey.stages.iter().map(|s| (&s.name, s.id)), name) {
                    Some(id) => id,
                    None => {
                        let id = StageId(next);
                        next += 1;
                        edits.push(Edit::InsertStage {
                            index: journey.stages.len() + added_stages,
                            stage: Stage::new(id, name),
                        });
                        added_stages += 1;
                        id
                    }
                },
            )
            .collect();
        let ids = journey.fresh_touchpoint_ids(cards.len());
        let start = journey.touchpoints.len();
        for (offset, (card, id)) in cards.into_iter().zip(ids).enumerate() {
            let persona = persona_ids.get(card.persona.0 as usize).copied();
            let stage = stage_ids.get(card.stage.0 as usize).copied();
            let (Some(persona), Some(stage)) = (persona, stage) else {
                continue; // not made by `Imported::persona`/`stage`: nowhere to put it
            };
            edits.push(Edit::InsertTouchpoint {
                index: start + offset,
                touchpoint: Touchpoint {
                    id,
                    persona,
                    stage,
                    ..card
                },
            });
        }
        Edit::Batch(edits)
    }
}

fn position_or_push(names: &mut Vec<String>, name: &str) -> u32 {
    let found = names.iter().position(|n| same_name(n, name));
    let index = found.unwrap_or_else(|| {
        names.push(name.to_owned());
        names.len() - 1
    });
    index as u32
}

fn find<'a, Id>(mut items: impl Iterator<Item = (&'a String, Id)>, name: &str) -> Option<Id> {
    items.find(|(n, _)| same_name(n, name)).map(|(_, id)| id)
}

/// Names match whatever their case and surrounding spaces.
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a == b
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

/// How many problems a refusal lists; the rest are counted.
pub const SHOWN_PROBLEMS: usize = 20;

/// One thing wrong in a file: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file, when the problem has a place.
    pub line: Option<u64>,
    pub message: String,
}

/// Why a file was refused: every problem found (the first [`SHOWN_PROBLEMS`] kept), nothing
/// imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub path: PathBuf,
    pub problems: Vec<Problem>,
    /// Problems found beyond those kept.
    pub more: usize,
}

impl ImportError {
    pub fn new(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
            problems: Vec::new(),
            more: 0,
        }
    }

    /// Records a problem; its message may quote the file and is made safe to print here.
    pub fn push(&mut self, line: Option<u64>, message: impl Into<String>) {
        if self.problems.len() < SHOWN_PROBLEMS {
            self.problems.push(Problem {
                line,
                message: excerpt(&message.into(), MAX_MESSAGE),
            });
        } else {
            self.more += 1;
        }
    }

    pub fn one(path: &Path, line: Option<u64>, message: impl Into<String>) -> Self {
        let mut e = Self::new(path);
        e.push(line, message);
        e
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Err(self) when anything was found wrong.
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

const MAX_MESSAGE: usize = 200;

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = excerpt(&self.path.display().to_string(), 200);
        for (n, p) in self.problems.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
            }
            match p.line {
                Some(line) => write!(f, "{path}:{line}: {}", p.message)?,
                None => write!(f, "{path}: {}", p.message)?,
            }
        }
        if self.more > 0 {
            let s = if self.more == 1 { "" } else { "s" };
            write!(
                f,
                "\n{path}: … and {} more problem{s}; nothing was imported",
                self.more
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

/// Which importer reads a file, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    /// `.mmd`, or the first Mermaid journey block of a Markdown file (`.md`).
    Mermaid,
}

impl Format {
    pub fn of(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match extension.as_str() {
            "csv" | "tsv" | "txt" => Some(Format::Csv),
            "mmd" | "mermaid" | "md" | "markdown" => Some(Format::Mermaid),
            _ => None,
        }
    }
}

/// Reads a CSV or Mermaid file (chosen by its extension) into cards.
pub fn read(path: &Path) -> Result<Imported, ImportError> {
    let Some(format) = Format::of(path) else {
        return Err(ImportError::one(
            path,
            None,
            "unknown file type; import reads .csv (a table of touchpoints), .mmd or .md \
             (a Mermaid journey)",
        ));
    };
    let bytes = std::fs::read(path)
        .map_err(|e| ImportError::one(path, None, format!("could not read the file: {e}")))?;
    match format {
        Format::Csv => super::csv::read(&bytes, path),
        Format::Mermaid => super::mermaid::read(&bytes, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TouchpointId;

    fn card(imported: &mut Imported, persona: &str, stage: &str, title: &str) {
        let (p, s) = (imported.persona(persona), imported.stage(stage));
        imported
            .cards
            .push(Touchpoint::new(TouchpointId(0), p, s, title));
    }

    #[test]
    fn adding_to_a_journey_matches_names_whatever_their_case_and_is_one_undo_step() {
        let journey = crate::templates::sample();
        let mut imported = Imported::default();
        let persona = journey.personas[0].name.to_uppercase();
        let stage = journey.stages[1].name.clone();
        card(&mut imported, &persona, &stage, "From research");
        card(
            &mut imported,
            "Night-shift nurse",
            "Aftercare",
            "Asks again",
        );

        let edit = imported.add_to(&journey);
        let mut after = journey.clone();
        let undo = edit.apply(&mut after).unwrap();
        after.validate().unwrap();
        assert_eq!(after.personas.len(), journey.personas.len() + 1);
        assert_eq!(after.stages.len(), journey.stages.len() + 1);
        let n = after.touchpoints.len();
        let added = &after.touchpoints[n - 2];
        assert_eq!(
            (added.persona, added.stage),
            (journey.personas[0].id, journey.stages[1].id)
        );
        undo.apply(&mut after).unwrap();
        assert_eq!(after, journey);
    }

    #[test]
    fn a_refusal_lists_twenty_problems_then_counts_the_rest() {
        let mut e = ImportError::new(Path::new("data.csv"));
        for line in 1..=25 {
            e.push(Some(line), "column \"Emotion\": found \"\x1b[2J\"");
        }
        let text = e.to_string();
        assert_eq!(text.lines().count(), 21, "{text}");
        assert!(text.starts_with("data.csv:1: column \"Emotion\": found \"\\u{1b}[2J\""));
        assert!(
            text.ends_with("… and 5 more problems; nothing was imported"),
            "{text}"
        );
    }
}
