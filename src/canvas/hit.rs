use crate::layout::Layout;
use egui::Pos2;

/// What lies under a map point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A card, by its index in the journey's touchpoints.
    Card(usize),
    StageHeader(usize),
    PersonaHeader(usize),
    /// Empty space in a cell (lane, column).
    Cell(usize, usize),
    Nothing,
}

pub fn hit(layout: &Layout, p: Pos2) -> Hit {
    if let Some(i) = layout.card_at(p) {
        return Hit::Card(i);
    }
    if let Some(i) = layout.stage_headers.iter().position(|r| r.contains(p)) {
        return Hit::StageHeader(i);
    }
    if let Some(i) = layout.lane_headers.iter().position(|r| r.contains(p)) {
        return Hit::PersonaHeader(i);
    }
    match layout.cell_at(p) {
        Some((lane, column)) => Hit::Cell(lane, column),
        None => Hit::Nothing,
    }
}
