use super::{
    Persona, PersonaId, RowId, Stage, StageId, StageRow, Target, Touchpoint, TouchpointId,
    VotingRound,
};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// The file format version this build writes; older versions are migrated on load.
/// Version 2 added stage rows and metric targets; version 3 dot-voting rounds.
pub const FORMAT_VERSION: u32 = 3;

/// A customer journey map: personas (lanes) × stages (columns) of touchpoints (cards).
///
/// Order is meaning: `personas` is the lane order, `stages` the column order, and the order of
/// touchpoints within one persona × stage cell is their order in `touchpoints`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Journey {
    pub version: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default)]
    pub personas: Vec<Persona>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub touchpoints: Vec<Touchpoint>,
    /// Rows across the stage columns, in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<StageRow>,
    /// At most one target per metric name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    /// Dot-voting rounds, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<VotingRound>,
}

impl Default for Journey {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            title: "Untitled journey".to_owned(),
            description: String::new(),
            personas: Vec::new(),
            stages: Vec::new(),
            touchpoints: Vec::new(),
            rows: Vec::new(),
            targets: Vec::new(),
            rounds: Vec::new(),
        }
    }
}

/// The item an invariant violation is about, named the way the user knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Journey,
    Persona(PersonaId, String),
    Stage(StageId, String),
    Touchpoint(TouchpointId, String),
    Row(RowId, String),
}

impl Item {
    /// The list in the file that holds the item, and its id, to find it in the text.
    pub fn section(&self) -> Option<(&'static str, u32)> {
        match self {
            Item::Journey => None,
            Item::Persona(id, _) => Some(("personas", id.0)),
            Item::Stage(id, _) => Some(("stages", id.0)),
            Item::Touchpoint(id, _) => Some(("touchpoints", id.0)),
            Item::Row(id, _) => Some(("rows", id.0)),
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Journey => write!(f, "journey"),
            Item::Persona(id, name) => write!(f, "persona {id} \"{}\"", short(name)),
            Item::Stage(id, name) => write!(f, "stage {id} \"{}\"", short(name)),
            Item::Touchpoint(id, title) => write!(f, "touchpoint {id} \"{}\"", short(title)),
            Item::Row(id, name) => write!(f, "row {id} \"{}\"", short(name)),
        }
    }
}

/// A name as an error quotes it: enough to recognise the item, never a whole page.
fn short(name: &str) -> String {
    const MAX: usize = 40;
    match name.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &name[..end]),
        None => name.to_owned(),
    }
}

/// A broken invariant: which item, which field, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{item}, field `{field}`: {problem}")]
pub struct Violation {
    pub item: Item,
    pub field: &'static str,
    pub problem: String,
}

/// Summary figures, as `check` prints them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    pub personas: usize,
    pub stages: usize,
    pub touchpoints: usize,
    pub pain_points: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::words::count;
        write!(
            f,
            "{}, {}, {}, {}",
            count(self.personas, "persona"),
            count(self.stages, "stage"),
            count(self.touchpoints, "touchpoint"),
            count(self.pain_points, "pain point")
        )
    }
}

impl Journey {
    /// Checks every invariant; returns the first violation in file order.
    pub fn validate(&self) -> Result<(), Violation> {
        let fail = |item: Item, field: &'static str, problem: String| {
            Err(Violation {
                item,
                field,
                problem,
            })
        };
        if self.title.trim().is_empty() {
            return fail(Item::Journey, "title", "the title is empty".into());
        }
        let mut personas = HashSet::new();
        for p in &self.personas {
            let item = || Item::Persona(p.id, p.name.clone());
            if !personas.insert(p.id) {
                return fail(
                    item(),
                    "id",
                    format!("another persona already has id {}", p.id),
                );
            }
            if p.name.trim().is_empty() {
                return fail(item(), "name", "the name is empty".into());
            }
        }
        let mut stages = HashSet::new();
        for s in &self.stages {
            let item = || Item::Stage(s.id, s.name.clone());
            if !stages.insert(s.id) {
                return fail(
                    item(),
                    "id",
                    format!("another stage already has id {}", s.id),
                );
            }
            if let Some(w) = s.width
                && !Stage::WIDTHS.contains(&w)
            {
                return fail(
                    item(),
                    "width",
                    format!(
                        "expected a width from {} to {} points, found {w}",
                        Stage::WIDTHS.start(),
                        Stage::WIDTHS.end()
                    ),
                );
            }
            if s.name.trim().is_empty() {
                return fail(item(), "name", "the name is empty".into());
            }
        }
        let mut touchpoints = HashSet::new();
        for t in &self.touchpoints {
            let item = || Item::Touchpoint(t.id, t.title.clone());
            if !touchpoints.insert(t.id) {
                return fail(
                    item(),
                    "id",
                    format!("another touchpoint already has id {}", t.id),
                );
            }
            if !personas.contains(&t.persona) {
                return fail(
                    item(),
                    "persona",
                    format!("there is no persona with id {}", t.persona),
                );
            }
            if !stages.contains(&t.stage) {
                return fail(
                    item(),
                    "stage",
                    format!("there is no stage with id {}", t.stage),
                );
            }
            if let Some(e) = t.emotion.filter(|e| !e.is_valid()) {
                return fail(
                    item(),
                    "emotion",
                    format!("expected an emotion from -2 to 2, found {}", e.0),
                );
            }
            for m in &t.metrics {
                if m.name.trim().is_empty() {
                    return fail(item(), "metrics", "a metric has an empty name".into());
                }
                if !m.value.is_finite() {
                    return fail(
                        item(),
                        "metrics",
                        format!("metric \"{}\" has no finite value ({})", m.name, m.value),
                    );
                }
            }
        }
        self.validate_rows(&stages)?;
        self.validate_targets()?;
        self.validate_rounds()
    }

    /// A round may name cards deleted since (its results are history), but not lose its name.
    fn validate_rounds(&self) -> Result<(), Violation> {
        match self.rounds.iter().position(|r| r.name.trim().is_empty()) {
            Some(i) => Err(Violation {
                item: Item::Journey,
                field: "rounds",
                problem: format!("voting round {} has an empty name", i + 1),
            }),
            None => Ok(()),
        }
    }

    fn validate_rows(&self, stages: &HashSet<StageId>) -> Result<(), Violation> {
        let mut ids = HashSet::new();
        for r in &self.rows {
            let fail = |field: &'static str, problem: String| {
                Err(Violation {
                    item: Item::Row(r.id, r.name.clone()),
                    field,
                    problem,
                })
            };
            if !ids.insert(r.id) {
                return fail("id", format!("another row already has id {}", r.id));
            }
            if r.name.trim().is_empty() {
                return fail("name", "the name is empty".into());
            }
            if r.kind.is_derived() && !r.cells.is_empty() {
                return fail(
                    "cells",
                    "only text rows hold text; this row is derived from the cards".into(),
                );
            }
            let mut seen = HashSet::new();
            for c in &r.cells {
                if !stages.contains(&c.stage) {
                    return fail("cells", format!("there is no stage with id {}", c.stage));
                }
                if !seen.insert(c.stage) {
                    return fail("cells", format!("stage {} has two cells", c.stage));
                }
            }
        }
        Ok(())
    }

    fn validate_targets(&self) -> Result<(), Violation> {
        let mut names = HashSet::new();
        for t in &self.targets {
            let fail = |problem: String| {
                Err(Violation {
                    item: Item::Journey,
                    field: "targets",
                    problem,
                })
            };
            if t.metric.trim().is_empty() {
                return fail("a target has an empty metric name".into());
            }
            let (super::Goal::AtLeast(v) | super::Goal::AtMost(v)) = t.goal;
            if !v.is_finite() {
                return fail(format!(
                    "the target of \"{}\" is not a finite number",
                    t.metric
                ));
            }
            if !names.insert(t.metric.to_lowercase()) {
                return fail(format!("\"{}\" has two targets", t.metric));
            }
        }
        Ok(())
    }

    /// The target set for a metric name (names match whatever their case).
    pub fn target(&self, metric: &str) -> Option<&Target> {
        self.targets
            .iter()
            .find(|t| t.metric.eq_ignore_ascii_case(metric))
    }

    pub fn row_index(&self, id: RowId) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }

    pub fn next_row_id(&self) -> RowId {
        RowId(next_free(self.rows.iter().map(|r| r.id.0)))
    }

    pub fn summary(&self) -> Summary {
        Summary {
            personas: self.personas.len(),
            stages: self.stages.len(),
            touchpoints: self.touchpoints.len(),
            pain_points: self
                .touchpoints
                .iter()
                .filter(|t| t.pain_point.is_some())
                .count(),
        }
    }

    pub fn persona(&self, id: PersonaId) -> Option<&Persona> {
        self.personas.iter().find(|p| p.id == id)
    }

    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn touchpoint_index(&self, id: TouchpointId) -> Option<usize> {
        self.touchpoints.iter().position(|t| t.id == id)
    }

    pub fn persona_index(&self, id: PersonaId) -> Option<usize> {
        self.personas.iter().position(|p| p.id == id)
    }

    pub fn stage_index(&self, id: StageId) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// The touchpoints of one cell, in their order.
    pub fn cell(&self, persona: PersonaId, stage: StageId) -> impl Iterator<Item = &Touchpoint> {
        self.touchpoints
            .iter()
            .filter(move |t| t.persona == persona && t.stage == stage)
    }

    pub fn next_persona_id(&self) -> PersonaId {
        PersonaId(next_free(self.personas.iter().map(|p| p.id.0)))
    }

    pub fn next_stage_id(&self) -> StageId {
        StageId(next_free(self.stages.iter().map(|s| s.id.0)))
    }

    /// `count` ids no touchpoint uses, for cards being added (paste, duplicate).
    pub fn fresh_touchpoint_ids(&self, count: usize) -> Vec<TouchpointId> {
        let used: HashSet<u32> = self.touchpoints.iter().map(|t| t.id.0).collect();
        let start = self.next_touchpoint_id().0;
        // Upwards from the next id, wrapping round to 1: a hand-edited file may hold the largest.
        (start..=u32::MAX)
            .chain(1..start)
            .filter(|id| !used.contains(id))
            .take(count)
            .map(TouchpointId)
            .collect()
    }

    pub fn next_touchpoint_id(&self) -> TouchpointId {
        TouchpointId(next_free(self.touchpoints.iter().map(|t| t.id.0)))
    }
}

/// One past the largest id in use, so ids are never reused while a journey grows; the smallest
/// free one when a hand-edited file has taken the very largest.
fn next_free(ids: impl Iterator<Item = u32> + Clone) -> u32 {
    match ids.clone().max() {
        None => 1,
        Some(max) => max.checked_add(1).unwrap_or_else(|| {
            let used: HashSet<u32> = ids.collect();
            (1..).find(|id| !used.contains(id)).unwrap_or(0)
        }),
    }
}
