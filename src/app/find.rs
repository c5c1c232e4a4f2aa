//! Find (Ctrl+F): cards whose words contain the query are ringed on the map, and Enter steps
//! through them, selecting each and scrolling it into view.

use super::AppState;
use crate::layout::Layout;
use crate::model::{Journey, TouchpointId};

#[derive(Default)]
pub struct Find {
    pub query: String,
    /// Ctrl+F asks the field for keyboard focus on the next frame.
    pub focus_requested: bool,
    /// The cards the query matches, in map order.
    matches: Vec<TouchpointId>,
    /// The query and journey revision `matches` were found for.
    found_for: Option<(String, u64)>,
}

impl Find {
    /// Finds the matches again if the query or the journey changed; true if it did. They come
    /// in the map's reading order (see [`Layout::map_order`]), whatever the file's order.
    pub fn refresh(&mut self, journey: &Journey, layout: &Layout, revision: u64) -> bool {
        let query = self.query.trim().to_lowercase();
        let key = Some((query.clone(), revision));
        if self.found_for == key {
            return false;
        }
        self.matches = if query.is_empty() {
            Vec::new()
        } else {
            layout
                .map_order()
                .filter_map(|i| journey.touchpoints.get(i))
                .filter(|t| t.mentions(&query))
                .map(|t| t.id)
                .collect()
        };
        self.found_for = key;
        true
    }

    pub fn matches(&self) -> &[TouchpointId] {
        &self.matches
    }
}

impl AppState {
    /// Keeps the matches, and the rings on the map, in step with the query and the journey.
    pub(super) fn refresh_find(&mut self) {
        let revision = self.doc.history.revision();
        let (journey, layout) = self.doc.journey_and_layout();
        if self.find.refresh(journey, layout, revision) {
            self.canvas.found = std::sync::Arc::new(self.find.matches().iter().copied().collect());
        }
    }

    /// Selects the match after the selected card (the first one after the last), and scrolls
    /// it into view.
    pub fn find_next(&mut self) {
        self.refresh_find();
        let query = self.find.query.trim().to_owned();
        let found = self.find.matches();
        let Some(&first) = found.first() else {
            if !query.is_empty() {
                self.info(format!("No card mentions “{query}”"));
            }
            return;
        };
        let next = self
            .selection
            .cards()
            .last()
            .and_then(|c| found.iter().position(|id| id == c))
            .and_then(|i| found.get(i + 1))
            .copied()
            .unwrap_or(first);
        let (at, total) = (
            found.iter().position(|&id| id == next).map_or(0, |i| i + 1),
            found.len(),
        );
        self.show_card(next);
        self.info(format!("Card {at} of {total} that mention “{query}”"));
    }
}
