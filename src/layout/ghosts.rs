//! Removed cards drawn where they were (compare mode): each takes its old place in its cell,
//! but is none of the journey's cards, so nothing hits, drags or edits it as one.

use super::{CardPlace, Layout, Style};
use crate::model::{Journey, TouchpointId};
use egui::Pos2;

/// Where a ghost sits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GhostPlace {
    pub id: TouchpointId,
    pub place: CardPlace,
}

impl Layout {
    /// The layout of `shown`, a journey with ghosts among its cards, for the journey without
    /// them: its cards keep their order in `shown`, so after the ghosts are lifted out the card
    /// indices are the journey's own, and the ghosts keep the room they were given.
    pub fn with_ghosts(
        shown: &Journey,
        style: &Style,
        is_ghost: impl Fn(TouchpointId) -> bool,
    ) -> Layout {
        let mut layout = Layout::new(shown, style);
        let mut index = vec![None; shown.touchpoints.len()];
        let mut cards = Vec::with_capacity(shown.touchpoints.len());
        for (i, (t, place)) in shown.touchpoints.iter().zip(&layout.cards).enumerate() {
            if !is_ghost(t.id) {
                index[i] = Some(cards.len());
                cards.push(*place);
            } else if place.rect.is_positive() {
                layout.ghosts.push(GhostPlace {
                    id: t.id,
                    place: *place,
                });
            }
        }
        for cell in &mut layout.cells {
            *cell = cell.iter().filter_map(|&i| index[i]).collect();
            // A card's slot counts cards only: keyboard steps walk the cell by it.
            for (slot, &i) in cell.iter().enumerate() {
                cards[i].slot = slot;
            }
        }
        layout.cards = cards;
        layout.card_index = shown
            .touchpoints
            .iter()
            .zip(&index)
            .filter_map(|(t, i)| Some((t.id, (*i)?)))
            .collect();
        layout
    }

    /// The ghost under a map point, by its index in `ghosts`.
    pub fn ghost_at(&self, p: Pos2) -> Option<usize> {
        self.ghosts.iter().position(|g| g.place.rect.contains(p))
    }

    /// How many cards and ghosts a cell stacks.
    pub(super) fn stacked(&self, lane: usize, column: usize) -> usize {
        let ghosts = self
            .ghosts
            .iter()
            .filter(|g| (g.place.lane, g.place.column) == (lane, column))
            .count();
        self.cell_cards(lane, column).len() + ghosts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Touchpoint;

    #[test]
    fn a_ghost_takes_room_in_its_cell_but_is_none_of_the_cards() {
        let journey = crate::templates::sample();
        let first = &journey.touchpoints[0];
        let mut shown = journey.clone();
        let ghost = Touchpoint::new(TouchpointId(9999), first.persona, first.stage, "Gone");
        shown.touchpoints.insert(0, ghost);
        let style = Style::default();
        let plain = Layout::new(&journey, &style);
        let layout = Layout::with_ghosts(&shown, &style, |id| id == TouchpointId(9999));

        assert_eq!(layout.cards.len(), journey.touchpoints.len());
        let [ghost] = layout.ghosts.as_slice() else {
            panic!("one ghost: {:?}", layout.ghosts);
        };
        let place = plain.cards[0];
        assert_eq!(ghost.place.rect, place.rect);
        // The card it pushed down is one slot lower on screen, but still first of its cell.
        assert_eq!(
            layout.cards[0].rect.top(),
            plain.cards[0].rect.top() + style.card_height + style.card_gap
        );
        assert_eq!(layout.cards[0].slot, 0);
        assert_eq!(
            layout.cell_cards(place.lane, place.column),
            plain.cell_cards(place.lane, place.column)
        );
        assert_eq!(layout.card_at(layout.cards[0].rect.center()), Some(0));
        assert_eq!(layout.card_at(ghost.place.rect.center()), None);
        assert_eq!(layout.ghost_at(ghost.place.rect.center()), Some(0));
        // A new card goes under the ghost too.
        let next = layout.next_card_rect(place.lane, place.column).unwrap();
        let plain_next = plain.next_card_rect(place.lane, place.column).unwrap();
        assert_eq!(
            next.top(),
            plain_next.top() + style.card_height + style.card_gap
        );
    }
}
