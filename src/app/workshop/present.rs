//! Presenting: the map alone for a projector, read-only until the facilitator asks to edit; the
//! spotlight on one stage or persona; the cursor's mark on an empty cell.

use super::{Spot, Step};
use crate::layout::Layout;
use crate::model::{Journey, PersonaId, StageId};
use crate::render::{Palette, View};
use egui::{Align2, CornerRadius, FontId, Painter, Rect, Stroke, StrokeKind};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Presentation {
    /// The map alone, full screen (F11).
    pub on: bool,
    /// The facilitator pressed E: the keys and editors work again, the chrome stays away.
    pub editing: bool,
}

impl Presentation {
    pub fn read_only(&self) -> bool {
        self.on && !self.editing
    }

    pub fn start(&mut self) {
        *self = Self {
            on: true,
            editing: false,
        };
    }

    pub fn stop(&mut self) {
        *self = Self::default();
    }

    /// Returns what the status says.
    pub fn toggle_editing(&mut self) -> &'static str {
        if !self.on {
            return "Editing is always on outside presenting (F11)";
        }
        self.editing = !self.editing;
        if self.editing {
            "Editing while presenting: E again to lock the map"
        } else {
            "The map is read-only: E to edit"
        }
    }
}

/// One stage or one persona in the light, the rest of the map dimmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spotlight {
    Stage(StageId),
    Persona(PersonaId),
}

impl Spotlight {
    /// Left and right walk the stages, up and down the personas, stopping at the ends.
    pub fn step(self, journey: &Journey, step: Step) -> Spotlight {
        let (stages, personas) = (&journey.stages, &journey.personas);
        let moved = |index: Option<usize>, len: usize, by: isize| {
            index.map(|i| (i as isize + by).clamp(0, len as isize - 1) as usize)
        };
        let stage = |i: Option<usize>| {
            i.and_then(|i| stages.get(i))
                .map(|s| Spotlight::Stage(s.id))
        };
        let persona = |i: Option<usize>| {
            i.and_then(|i| personas.get(i))
                .map(|p| Spotlight::Persona(p.id))
        };
        let next = match (self, step) {
            (Spotlight::Stage(id), Step::Left | Step::Right) => {
                let by = if step == Step::Left { -1 } else { 1 };
                stage(moved(journey.stage_index(id), stages.len(), by))
            }
            (Spotlight::Persona(id), Step::Up | Step::Down) => {
                let by = if step == Step::Up { -1 } else { 1 };
                persona(moved(journey.persona_index(id), personas.len(), by))
            }
            // Across the other axis: switch to walking that one, from its first item.
            (Spotlight::Stage(_), _) => persona(Some(0)),
            (Spotlight::Persona(_), _) => stage(Some(0)),
        };
        next.unwrap_or(self)
    }

    /// Where the cursor would be on the spotlit header.
    pub fn spot(self, journey: &Journey) -> Spot {
        match self {
            Spotlight::Stage(id) => Spot::Stage(journey.stage_index(id).unwrap_or(0)),
            Spotlight::Persona(id) => Spot::Persona(journey.persona_index(id).unwrap_or(0)),
        }
    }
}

/// Dims everything but the spotlit column (headers and rows included) or lane.
pub fn paint_spotlight(
    painter: &Painter,
    journey: &Journey,
    layout: &Layout,
    view: View,
    palette: &Palette,
    spotlight: Spotlight,
) {
    let map = view.to_screen_rect(Rect::from_min_size(egui::Pos2::ZERO, layout.size));
    let lit = match spotlight {
        Spotlight::Stage(id) => journey
            .stage_index(id)
            .and_then(|c| layout.stage_headers.get(c))
            .map(|h| Rect::from_x_y_ranges(view.to_screen_rect(*h).x_range(), map.y_range())),
        Spotlight::Persona(id) => journey
            .persona_index(id)
            .and_then(|l| layout.lane_headers.get(l))
            .map(|h| Rect::from_x_y_ranges(map.x_range(), view.to_screen_rect(*h).y_range())),
    };
    let Some(lit) = lit else {
        return;
    };
    let shade = palette.background.gamma_multiply(0.8);
    // Four bands around the lit strip.
    let bands = [
        Rect::from_min_max(map.min, egui::pos2(map.right(), lit.top())),
        Rect::from_min_max(egui::pos2(map.left(), lit.bottom()), map.max),
        Rect::from_min_max(
            egui::pos2(map.left(), lit.top()),
            egui::pos2(lit.left(), lit.bottom()),
        ),
        Rect::from_min_max(
            egui::pos2(lit.right(), lit.top()),
            egui::pos2(map.right(), lit.bottom()),
        ),
    ];
    for band in bands.into_iter().filter(|b| b.is_positive()) {
        painter.rect_filled(band, CornerRadius::ZERO, shade);
    }
    painter.rect_stroke(
        lit,
        CornerRadius::ZERO,
        Stroke::new(3.0, palette.accent),
        StrokeKind::Inside,
    );
}

/// The keyboard cursor on an empty cell: a dashed-looking outline where Enter adds a card.
pub fn paint_empty_cell_cursor(painter: &Painter, rect: Rect, zoom: f32, palette: &Palette) {
    painter.rect_stroke(
        rect,
        CornerRadius::same((8.0 * zoom).round().clamp(0.0, 255.0) as u8),
        Stroke::new(2.5, palette.accent),
        StrokeKind::Inside,
    );
    // Along the bottom: the centre is where the pointer's "+ Add touchpoint" shows.
    painter.text(
        rect.center_bottom() - egui::vec2(0.0, 10.0 * zoom),
        Align2::CENTER_BOTTOM,
        "Enter or N: add a touchpoint",
        FontId::proportional((12.0 * zoom).max(9.0)),
        palette.accent,
    );
}
