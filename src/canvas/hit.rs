use crate::layout::Layout;
use crate::render::{View, sticky_shift};
use egui::{Pos2, Rect};

/// What lies under a point of the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A card, by its index in the journey's touchpoints.
    Card(usize),
    StageHeader(usize),
    /// The right edge of a stage's header: dragging it sets the column's width.
    StageEdge(usize),
    PersonaHeader(usize),
    /// A removed card shown in compare mode, by its index in the layout's ghosts.
    Ghost(usize),
    /// Empty space in a cell (lane, column).
    Cell(usize, usize),
    /// A stage row's header, by its index in the layout's rows.
    RowHeader(usize),
    /// A line of a stage row that comes from a card: the card's index.
    RowLine(usize),
    /// Elsewhere in a stage row's cell: the row's index in the layout, and the column.
    RowCell(usize, usize),
    Nothing,
}

/// How close (screen points) to a column's edge the pointer grabs the edge.
const EDGE_GRAB: f32 = 5.0;

/// What is under the screen point `screen` of a canvas at `canvas`, with the headers where
/// they are drawn: they stick to the canvas edges when the map is scrolled past them.
pub fn hit(layout: &Layout, view: View, canvas: Rect, screen: Pos2) -> Hit {
    let p = view.to_map(screen);
    let style = &layout.style;
    let corner = view.to_screen(Pos2::ZERO) + sticky_shift(view, canvas, layout);
    let in_header_row =
        (corner.y..=corner.y + style.stage_header_height * view.zoom).contains(&screen.y);
    let in_header_column =
        (corner.x..=corner.x + style.lane_header_width * view.zoom).contains(&screen.x);
    match (in_header_row, in_header_column) {
        (true, true) => Hit::Nothing,
        (true, false) => {
            let edge = layout
                .stage_headers
                .iter()
                .position(|r| (view.to_screen(r.right_top()).x - screen.x).abs() <= EDGE_GRAB);
            match edge {
                Some(column) => Hit::StageEdge(column),
                None => layout.column_at(p.x).map_or(Hit::Nothing, Hit::StageHeader),
            }
        }
        (false, true) => match layout.row_at(p.y) {
            Some(row) => Hit::RowHeader(row),
            None => layout.lane_at(p.y).map_or(Hit::Nothing, Hit::PersonaHeader),
        },
        (false, false) if let Some(row) = layout.row_at(p.y) => {
            match (layout.row_line_at(p), layout.column_at(p.x)) {
                (Some(card), _) => Hit::RowLine(card),
                (None, Some(column)) => Hit::RowCell(row, column),
                (None, None) => Hit::Nothing,
            }
        }
        (false, false) => match (layout.card_at(p), layout.cell_at(p)) {
            (Some(i), _) => Hit::Card(i),
            (None, _) if let Some(g) = layout.ghost_at(p) => Hit::Ghost(g),
            (None, Some((lane, column))) => Hit::Cell(lane, column),
            (None, None) => Hit::Nothing,
        },
    }
}
