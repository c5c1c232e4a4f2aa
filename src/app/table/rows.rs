//! Which rows the table shows, in which order: filtered and sorted once per change, not per
//! frame (5,000 rows sort in a few milliseconds; a frame has four).

use super::Field;
use crate::insight::Lens;
use crate::model::{Journey, TouchpointId};

/// What the rows were made for: the history revision, the filter, the map's lens and the sort.
type MadeFor = (u64, String, Lens, Option<(Field, bool)>);

#[derive(Default)]
pub struct Rows {
    /// Touchpoint ids in display order.
    ids: Vec<TouchpointId>,
    made_for: Option<MadeFor>,
}

impl Rows {
    pub fn update(
        &mut self,
        j: &Journey,
        revision: u64,
        filter: &str,
        lens: &Lens,
        sort: &Option<(Field, bool)>,
    ) {
        let key = (revision, filter.to_owned(), lens.clone(), sort.clone());
        if self.made_for.as_ref() == Some(&key) {
            return;
        }
        let query = filter.trim().to_lowercase();
        // Map order first: lane by lane, stage by stage, each cell top to bottom.
        let mut cards: Vec<&crate::model::Touchpoint> = Vec::with_capacity(j.touchpoints.len());
        for p in &j.personas {
            for s in &j.stages {
                cards.extend(j.cell(p.id, s.id));
            }
        }
        if !query.is_empty() {
            let named =
                |name: Option<&str>| name.is_some_and(|n| n.to_lowercase().contains(&query));
            cards.retain(|t| {
                t.mentions(&query)
                    || named(j.persona(t.persona).map(|p| p.name.as_str()))
                    || named(j.stage(t.stage).map(|s| s.name.as_str()))
            });
        }
        // The lens the map shows picks the rows here too.
        cards.retain(|t| lens.matches(j, t));
        if let Some((field, ascending)) = sort {
            // Stable: equal rows keep map order.
            cards.sort_by(|a, b| {
                let order = field.compare(j, a, b);
                if *ascending { order } else { order.reverse() }
            });
        }
        self.ids = cards.into_iter().map(|t| t.id).collect();
        self.made_for = Some(key);
    }

    pub fn ids(&self) -> &[TouchpointId] {
        &self.ids
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn position(&self, id: TouchpointId) -> Option<usize> {
        self.ids.iter().position(|&i| i == id)
    }
}
