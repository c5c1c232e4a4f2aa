//! Zoomed far out, header text is too small to read; stage and persona names come back as
//! labels of a fixed, readable size over the overview, so that a big map stays navigable.

use super::{Palette, View, sticky_shift, text};
use crate::layout::Layout;
use crate::model::Journey;
use egui::epaint::TextShape;
use egui::{CornerRadius, Painter, Pos2, Rect, Vec2, pos2, vec2};

/// On-screen text size of the labels, in points.
const STAGE_SIZE: f32 = 14.0;
const PERSONA_SIZE: f32 = 14.0;
/// A stage name lies on its side in a column narrower than this.
const UPRIGHT_MIN_WIDTH: f32 = 72.0;
/// The longest a label gets, in points; a stage name on its side gets less.
const MAX_LENGTH: f32 = 220.0;
const SIDEWAYS_LENGTH: f32 = 120.0;
const PAD: Vec2 = vec2(5.0, 2.0);

pub fn paint_overview_labels(
    painter: &Painter,
    journey: &Journey,
    layout: &Layout,
    view: View,
    palette: &Palette,
) {
    let clip = painter.clip_rect();
    let shift = sticky_shift(view, clip, layout);
    // Below the (sticky) stage headers, and right of the persona headers.
    let map_top = view.to_screen(Pos2::ZERO).y + shift.y;
    let map_left = view.to_screen(Pos2::ZERO).x + shift.x;

    // Persona names start below the lowest stage name.
    let mut stage_labels_end = map_top;
    for (stage, header) in journey.stages.iter().zip(&layout.stage_headers) {
        let column = view.to_screen_rect(*header);
        if column.right() < clip.left() || column.left() > clip.right() {
            continue;
        }
        let top = map_top + 4.0;
        if column.width() >= UPRIGHT_MIN_WIDTH {
            let g = text::galley(
                painter,
                &stage.name,
                STAGE_SIZE,
                palette.header_text,
                (column.width() - 2.0 * PAD.x - 4.0).min(MAX_LENGTH),
                1,
            );
            let at = pos2(column.left() + 2.0 + PAD.x, top + PAD.y);
            let area = Rect::from_min_size(at, g.size());
            stage_labels_end = stage_labels_end.max(area.bottom() + 2.0 * PAD.y);
            backing(painter, area, palette);
            painter.galley(at, g, palette.header_text);
        } else {
            // On its side, reading upwards, centred on the column.
            let g = text::galley(
                painter,
                &stage.name,
                STAGE_SIZE,
                palette.header_text,
                SIDEWAYS_LENGTH,
                1,
            );
            let size = g.size();
            let at = pos2(column.center().x - size.y / 2.0, top + PAD.y + size.x);
            let area = Rect::from_min_size(pos2(at.x, top + PAD.y), vec2(size.y, size.x));
            stage_labels_end = stage_labels_end.max(area.bottom() + 2.0 * PAD.y);
            backing(painter, area, palette);
            painter.add(
                TextShape::new(at, g, palette.header_text).with_angle(-std::f32::consts::FRAC_PI_2),
            );
        }
    }

    for (persona, header) in journey.personas.iter().zip(&layout.lane_headers) {
        let lane = view.to_screen_rect(*header);
        let g = text::galley(
            painter,
            &persona.name,
            PERSONA_SIZE,
            palette.header_text,
            MAX_LENGTH,
            1,
        );
        // The name stays in view while any of its lane is, and never leaves the lane.
        let top = (lane.top() + PAD.y)
            .max(stage_labels_end)
            .min(lane.bottom() - g.size().y - PAD.y);
        if top < lane.top() || lane.bottom() < clip.top() || lane.top() > clip.bottom() {
            continue;
        }
        let at = pos2(map_left + 4.0 + PAD.x, top);
        backing(painter, Rect::from_min_size(at, g.size()), palette);
        painter.galley(at, g, palette.header_text);
    }
}

/// A card-coloured plate behind a label, so it reads over the cards.
fn backing(painter: &Painter, text: Rect, palette: &Palette) {
    painter.rect_filled(
        text.expand2(PAD),
        CornerRadius::same(4),
        palette.header.gamma_multiply(0.92),
    );
}
