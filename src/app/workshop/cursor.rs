//! The keyboard cursor: where the arrow keys are on the map. It walks every cell, with cards or
//! without, and the stage and persona headers. A card or header under the cursor is the
//! selection; an empty cell has no selection of its own, so the cursor keeps it here.

use crate::canvas::Selection;
use crate::layout::Layout;
use crate::model::{Journey, PersonaId, StageId};
use egui::Rect;

/// A place the cursor can be, by position in the layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spot {
    Stage(usize),
    Persona(usize),
    Card {
        lane: usize,
        column: usize,
        slot: usize,
    },
    /// A cell without cards.
    EmptyCell {
        lane: usize,
        column: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Left,
    Right,
    Up,
    Down,
}

/// The empty cell the cursor is on, while nothing is selected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub cell: Option<(PersonaId, StageId)>,
}

impl Cursor {
    /// Where the cursor is: the selection's last card or header, else its empty cell.
    pub fn spot(&self, journey: &Journey, layout: &Layout, selection: &Selection) -> Option<Spot> {
        match selection {
            Selection::Cards(ids) => {
                let place = layout.cards.get(journey.touchpoint_index(*ids.last()?)?)?;
                Some(Spot::Card {
                    lane: place.lane,
                    column: place.column,
                    slot: place.slot,
                })
            }
            Selection::Stage(id) => journey.stage_index(*id).map(Spot::Stage),
            Selection::Persona(id) => journey.persona_index(*id).map(Spot::Persona),
            Selection::Row(_) => None,
            Selection::Nothing => {
                let (persona, stage) = self.cell?;
                Some(Spot::EmptyCell {
                    lane: journey.persona_index(persona)?,
                    column: journey.stage_index(stage)?,
                })
            }
        }
    }

    /// The cell new cards go to: the cursor's, when it is on one.
    pub fn cell(
        &self,
        journey: &Journey,
        layout: &Layout,
        selection: &Selection,
    ) -> Option<(PersonaId, StageId)> {
        let (lane, column) = match self.spot(journey, layout, selection)? {
            Spot::Card { lane, column, .. } | Spot::EmptyCell { lane, column } => (lane, column),
            Spot::Stage(_) | Spot::Persona(_) => return None,
        };
        Some((
            journey.personas.get(lane)?.id,
            journey.stages.get(column)?.id,
        ))
    }

    /// Puts the cursor on `spot`: selects its card or header, or remembers its empty cell.
    pub fn place(&mut self, spot: Spot, journey: &Journey, layout: &Layout) -> Selection {
        self.cell = None;
        match spot {
            Spot::Stage(c) => Selection::Stage(journey.stages[c].id),
            Spot::Persona(l) => Selection::Persona(journey.personas[l].id),
            Spot::Card { lane, column, slot } => {
                let index = layout.cell_cards(lane, column)[slot];
                Selection::Cards(vec![journey.touchpoints[index].id])
            }
            Spot::EmptyCell { lane, column } => {
                self.cell = Some((journey.personas[lane].id, journey.stages[column].id));
                Selection::Nothing
            }
        }
    }
}

/// Where one arrow key takes the cursor from `from` (None: from nowhere, to the first cell).
/// Left of the first column are the persona headers, above the first lane the stage headers.
pub fn step(layout: &Layout, from: Option<Spot>, step: Step) -> Option<Spot> {
    let (lanes, columns) = (layout.lanes.len(), layout.columns());
    if lanes == 0 || columns == 0 {
        return match (from, step) {
            (Some(Spot::Stage(c)), Step::Left) if c > 0 => Some(Spot::Stage(c - 1)),
            (Some(Spot::Stage(c)), Step::Right) if c + 1 < columns => Some(Spot::Stage(c + 1)),
            (Some(Spot::Persona(l)), Step::Up) if l > 0 => Some(Spot::Persona(l - 1)),
            (Some(Spot::Persona(l)), Step::Down) if l + 1 < lanes => Some(Spot::Persona(l + 1)),
            (None, _) if columns > 0 => Some(Spot::Stage(0)),
            (None, _) if lanes > 0 => Some(Spot::Persona(0)),
            _ => from,
        };
    }
    let in_cell = |lane: usize, column: usize, slot: usize| {
        let n = layout.cell_cards(lane, column).len();
        if n == 0 {
            Spot::EmptyCell { lane, column }
        } else {
            Spot::Card {
                lane,
                column,
                slot: slot.min(n - 1),
            }
        }
    };
    let Some(from) = from else {
        return Some(in_cell(0, 0, 0));
    };
    let (lane, column, slot) = match from {
        Spot::Stage(c) => {
            return Some(match step {
                Step::Left if c > 0 => Spot::Stage(c - 1),
                Step::Right if c + 1 < columns => Spot::Stage(c + 1),
                Step::Down => in_cell(0, c.min(columns - 1), 0),
                _ => from,
            });
        }
        Spot::Persona(l) => {
            return Some(match step {
                Step::Up if l > 0 => Spot::Persona(l - 1),
                Step::Down if l + 1 < lanes => Spot::Persona(l + 1),
                Step::Right => in_cell(l.min(lanes - 1), 0, 0),
                _ => from,
            });
        }
        Spot::Card { lane, column, slot } => (lane, column, slot),
        Spot::EmptyCell { lane, column } => (lane, column, 0),
    };
    let n = layout.cell_cards(lane, column).len();
    Some(match step {
        Step::Left if column > 0 => in_cell(lane, column - 1, slot),
        Step::Left => Spot::Persona(lane),
        Step::Right if column + 1 < columns => in_cell(lane, column + 1, slot),
        Step::Up if slot > 0 => in_cell(lane, column, slot - 1),
        Step::Up if lane > 0 => in_cell(lane - 1, column, usize::MAX),
        Step::Up => Spot::Stage(column),
        Step::Down if slot + 1 < n => in_cell(lane, column, slot + 1),
        Step::Down if lane + 1 < lanes => in_cell(lane + 1, column, 0),
        _ => from,
    })
}

/// What to bring into view for a spot, in map units, and along which axes (across, down):
/// headers stick to the canvas edges, so only their own axis matters.
pub fn reveal_rect(layout: &Layout, spot: Spot) -> Option<(Rect, bool, bool)> {
    Some(match spot {
        Spot::Stage(c) => (*layout.stage_headers.get(c)?, true, false),
        Spot::Persona(l) => {
            let header = layout.lane_headers.get(l)?;
            let name = Rect::from_min_size(
                header.min,
                egui::vec2(header.width(), layout.style.card_height),
            );
            (name, false, true)
        }
        Spot::Card { lane, column, slot } => {
            let index = *layout.cell_cards(lane, column).get(slot)?;
            (layout.cards.get(index)?.rect, true, true)
        }
        Spot::EmptyCell { lane, column } => (
            layout
                .free_card_rect(lane, column)
                .or_else(|| layout.cell_rect(lane, column))?,
            true,
            true,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Style;

    fn layout(journey: &Journey) -> Layout {
        Layout::new(journey, &Style::default())
    }

    /// Blank template: one persona, three stages, no cards; one card added in the middle.
    fn journey() -> Journey {
        let mut j = crate::templates::blank();
        let card = crate::model::Touchpoint::new(
            crate::model::TouchpointId(1),
            j.personas[0].id,
            j.stages[1].id,
            "Middle",
        );
        j.touchpoints.push(card);
        j
    }

    #[test]
    fn arrows_walk_every_cell_and_both_header_rows() {
        let j = journey();
        let l = layout(&j);
        let walk = |from, steps: &[Step]| {
            steps
                .iter()
                .try_fold(from, |at, &s| step(&l, Some(at), s))
                .unwrap()
        };
        let first = Spot::EmptyCell { lane: 0, column: 0 };
        assert_eq!(step(&l, None, Step::Right), Some(first));
        assert_eq!(
            walk(first, &[Step::Right]),
            Spot::Card {
                lane: 0,
                column: 1,
                slot: 0
            }
        );
        assert_eq!(
            walk(first, &[Step::Right, Step::Right]),
            Spot::EmptyCell { lane: 0, column: 2 }
        );
        assert_eq!(walk(first, &[Step::Left]), Spot::Persona(0));
        assert_eq!(walk(first, &[Step::Up]), Spot::Stage(0));
        assert_eq!(
            walk(first, &[Step::Up, Step::Right, Step::Right]),
            Spot::Stage(2)
        );
        assert_eq!(walk(first, &[Step::Up, Step::Down]), first);
        // The edges hold: nothing beyond the last stage or below the last lane.
        assert_eq!(
            walk(Spot::Stage(2), &[Step::Right, Step::Up]),
            Spot::Stage(2)
        );
        assert_eq!(walk(first, &[Step::Down]), first);
        assert_eq!(
            walk(Spot::Persona(0), &[Step::Up, Step::Left]),
            Spot::Persona(0)
        );
    }

    #[test]
    fn an_empty_cell_is_remembered_and_a_card_is_selected() {
        let j = journey();
        let l = layout(&j);
        let mut cursor = Cursor::default();
        let empty = Spot::EmptyCell { lane: 0, column: 2 };
        let selection = cursor.place(empty, &j, &l);
        assert_eq!(selection, Selection::Nothing);
        assert_eq!(cursor.spot(&j, &l, &selection), Some(empty));
        assert_eq!(
            cursor.cell(&j, &l, &selection),
            Some((j.personas[0].id, j.stages[2].id))
        );
        let card = Spot::Card {
            lane: 0,
            column: 1,
            slot: 0,
        };
        let selection = cursor.place(card, &j, &l);
        assert_eq!(
            selection,
            Selection::Cards(vec![crate::model::TouchpointId(1)])
        );
        assert_eq!(cursor.cell, None);
        assert_eq!(cursor.spot(&j, &l, &selection), Some(card));
    }

    /// A journey of `personas` × `stages` with `cards[i]` cards in cell i (row by row).
    fn grid(personas: usize, stages: usize, cards: &[usize]) -> Journey {
        use crate::edit;
        let mut j = crate::templates::blank();
        j.personas.truncate(0);
        j.stages.truncate(0);
        j.rows.clear();
        for p in 0..personas {
            let (e, _) = edit::add_persona(&j, &format!("P{p}"), usize::MAX);
            e.apply(&mut j).unwrap();
        }
        for s in 0..stages {
            let (e, _) = edit::add_stage(&j, &format!("S{s}"), usize::MAX);
            e.apply(&mut j).unwrap();
        }
        for (cell, &n) in cards.iter().enumerate().take(personas * stages) {
            let (p, s) = (j.personas[cell / stages].id, j.stages[cell % stages].id);
            for _ in 0..n {
                let (e, _) = edit::add_touchpoint(&j, p, s, "Card").unwrap();
                e.apply(&mut j).unwrap();
            }
        }
        j
    }

    proptest::proptest! {
        /// Whatever the map and the keys, the cursor lands on something that exists, placing
        /// it there and reading it back gives the same spot, and from a lane's header Right
        /// visits every column of that lane in order.
        #[test]
        fn the_cursor_always_lands_on_something_that_exists(
            personas in 0usize..4,
            stages in 0usize..5,
            cards in proptest::collection::vec(0usize..4, 20),
            keys in proptest::collection::vec(0u8..4, 0..40),
        ) {
            let j = grid(personas, stages, &cards);
            let l = layout(&j);
            let mut cursor = Cursor::default();
            let mut at = None;
            for key in keys {
                let s = [Step::Left, Step::Right, Step::Up, Step::Down][usize::from(key)];
                at = step(&l, at, s);
                if let Some(spot) = at {
                    let selection = cursor.place(spot, &j, &l);
                    proptest::prop_assert_eq!(cursor.spot(&j, &l, &selection), Some(spot));
                    proptest::prop_assert!(reveal_rect(&l, spot).is_some());
                }
            }
            for lane in 0..personas {
                let mut at = Spot::Persona(lane);
                for column in 0..stages {
                    at = step(&l, Some(at), Step::Right).unwrap();
                    let here = match at {
                        Spot::Card { lane, column, .. } | Spot::EmptyCell { lane, column } => (lane, column),
                        other => panic!("{other:?}"),
                    };
                    proptest::prop_assert_eq!(here, (lane, column));
                }
            }
        }
    }
}
