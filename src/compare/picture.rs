//! What a map with its changes marked shows: the new journey with the removed cards put back as
//! ghosts where they were, each card's change, and each persona's old emotion curve.

use super::describe::{cell_name, phrase};
use super::diff::{Change, Diff, ItemChange};
use super::metrics::{MetricChanges, metric_changes};
use crate::layout::{Layout, Style};
use crate::model::{Journey, PersonaId, StageId, Touchpoint, TouchpointId};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

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

/// A removed card, shown where it was: its title only, so that it counts in no curve or stage
/// row, and its old neighbour in the cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Ghost {
    pub card: Touchpoint,
    pub after: Option<TouchpointId>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    /// The removed cards whose lane and stage are still there, in the diff's order.
    pub ghosts: Vec<Ghost>,
    pub cards: HashMap<TouchpointId, CardMark>,
    /// The old mean emotion of each cell that had one.
    pub old_means: HashMap<(PersonaId, StageId), f32>,
    /// The stage metrics whose mean changed, as their row then reads.
    pub metrics: MetricChanges,
    /// What the two versions are called in the key: the other (as-is) and this one (to-be).
    pub names: [String; 2],
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
                        // Only its title and place: what a removed card held must not count in
                        // the new journey's curves and stage rows.
                        let card = Touchpoint::new(item.id, item.persona, item.stage, &item.title);
                        ghosts.push(Ghost {
                            card,
                            after: *after,
                        });
                    }
                }
            }
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
            ghosts,
            cards,
            old_means,
            metrics: metric_changes(old, new),
            names: Default::default(),
        }
    }

    /// The same picture with the versions named (a file's name, a revision): the as-is, then
    /// the to-be.
    pub fn named(self, as_is: &str, to_be: &str) -> Picture {
        Picture {
            names: [as_is.to_owned(), to_be.to_owned()],
            ..self
        }
    }

    /// `CSAT 62 % → 80 %`, when the metric (by its lower-case name) changed in the stage.
    pub fn metric_change(&self, stage: StageId, metric: &str) -> Option<&str> {
        self.metrics
            .get(&(stage, metric.to_owned()))
            .map(String::as_str)
    }

    /// `journey` with each ghost back after its old neighbour when that is still in its cell,
    /// else first in the cell; and the ids of the ghosts put in. A ghost whose cell is gone, or
    /// whose id a card has taken again since, stays out.
    pub fn shown(&self, journey: &Journey) -> (Journey, HashSet<TouchpointId>) {
        let mut shown = journey.clone();
        let mut put = HashSet::new();
        for ghost in &self.ghosts {
            let card = &ghost.card;
            let cell = (card.persona, card.stage);
            let homeless =
                shown.persona(card.persona).is_none() || shown.stage(card.stage).is_none();
            if homeless || journey.touchpoint_index(card.id).is_some() {
                continue;
            }
            let at = ghost
                .after
                .and_then(|a| shown.touchpoint_index(a))
                .filter(|&i| {
                    let t = &shown.touchpoints[i];
                    (t.persona, t.stage) == cell
                })
                .map(|i| i + 1)
                .or_else(|| {
                    shown
                        .touchpoints
                        .iter()
                        .position(|t| (t.persona, t.stage) == cell)
                })
                .unwrap_or(shown.touchpoints.len());
            shown.touchpoints.insert(at, card.clone());
            put.insert(card.id);
        }
        (shown, put)
    }

    /// The layout of `journey` with the ghosts in their old places, taking room beside its
    /// cards: the canvas and the diff image both use it, so they agree on where everything is.
    pub fn layout(&self, journey: &Journey, style: &Style) -> Layout {
        let (shown, ghosts) = self.shown(journey);
        Layout::with_ghosts(&shown, style, |id| ghosts.contains(&id))
    }

    /// The removed card `id`, as its ghost shows it.
    pub fn ghost(&self, id: TouchpointId) -> Option<&Touchpoint> {
        self.ghosts.iter().map(|g| &g.card).find(|c| c.id == id)
    }

    pub fn mark(&self, id: TouchpointId) -> Option<&CardMark> {
        self.cards.get(&id)
    }
}
