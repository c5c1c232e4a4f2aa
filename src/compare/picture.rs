//! What a map with its changes marked shows: the new journey with the removed cards put back as
//! ghosts where they were, each card's change, and each persona's old emotion curve.

use super::describe::{cell_name, phrase};
use super::diff::{Change, Diff, ItemChange};
use crate::model::{Journey, PersonaId, StageId, TouchpointId};
use foldhash::{HashMap, HashMapExt};

/// How a card changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Added,
    Changed,
    Moved,
    /// Gone: drawn as a ghost in its old place.
    Removed,
}

/// A card's change, and what the map writes beside it: `emotion -2 → +1`, `from Busy parent ·
/// Awareness`.
#[derive(Clone, Debug, PartialEq)]
pub struct CardMark {
    pub mark: Mark,
    pub note: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    /// The new journey, with each removed card back after its old neighbour (when its lane and
    /// stage are still there), as its title only, so that it counts in no curve or stage row.
    pub journey: Journey,
    pub cards: HashMap<TouchpointId, CardMark>,
    /// The old mean emotion of each cell that had one.
    pub old_means: HashMap<(PersonaId, StageId), f32>,
}

impl Picture {
    pub fn new(diff: &Diff, old: &Journey, new: &Journey) -> Picture {
        let mut cards: HashMap<TouchpointId, CardMark> = HashMap::new();
        let mut ghosts = Vec::new();
        let mut mark = |id: TouchpointId, mark: Mark, note: String| {
            let entry = cards.entry(id).or_insert(CardMark {
                mark,
                note: String::new(),
            });
            // A card moved and changed reads as changed, with both notes.
            if mark == Mark::Changed {
                entry.mark = Mark::Changed;
            }
            if !entry.note.is_empty() {
                entry.note.push_str("; ");
            }
            entry.note.push_str(&note);
        };
        for change in &diff.changes {
            let Change::Card(c) = change else { continue };
            match c {
                ItemChange::Added { item, .. } => mark(item.id, Mark::Added, "new".to_owned()),
                ItemChange::Changed { item, fields } => {
                    let notes: Vec<String> = fields.iter().map(phrase).collect();
                    mark(item.id, Mark::Changed, notes.join(", "));
                }
                ItemChange::Moved { item, from, .. } => {
                    let note = if *from == (item.persona, item.stage) {
                        "moved within the cell".to_owned()
                    } else {
                        format!("from {}", cell_name(old, from.0, from.1))
                    };
                    mark(item.id, Mark::Moved, note);
                }
                ItemChange::Removed { item, after } => {
                    if new.persona(item.persona).is_some() && new.stage(item.stage).is_some() {
                        mark(item.id, Mark::Removed, "removed".to_owned());
                        ghosts.push((item.clone(), *after));
                    }
                }
            }
        }
        let mut journey = new.clone();
        for (old_card, after) in ghosts {
            // Only its title and place: what a removed card held must not count in the new
            // journey's curves and stage rows.
            let ghost = crate::model::Touchpoint::new(
                old_card.id,
                old_card.persona,
                old_card.stage,
                &old_card.title,
            );
            let cell = (ghost.persona, ghost.stage);
            // After its old neighbour if that is still in the cell, else first in the cell.
            let at = after
                .and_then(|a| journey.touchpoint_index(a))
                .filter(|&i| {
                    let t = &journey.touchpoints[i];
                    (t.persona, t.stage) == cell
                })
                .map(|i| i + 1)
                .or_else(|| {
                    journey
                        .touchpoints
                        .iter()
                        .position(|t| (t.persona, t.stage) == cell)
                })
                .unwrap_or(journey.touchpoints.len());
            journey.touchpoints.insert(at, ghost);
        }
        let mut sums: HashMap<(PersonaId, StageId), (f32, f32)> = HashMap::new();
        for t in &old.touchpoints {
            if let Some(e) = t.emotion {
                let sum = sums.entry((t.persona, t.stage)).or_default();
                *sum = (sum.0 + f32::from(e.0), sum.1 + 1.0);
            }
        }
        let old_means = sums
            .into_iter()
            .map(|(cell, (sum, n))| (cell, sum / n))
            .collect();
        Picture {
            journey,
            cards,
            old_means,
        }
    }

    pub fn mark(&self, id: TouchpointId) -> Option<&CardMark> {
        self.cards.get(&id)
    }
}
