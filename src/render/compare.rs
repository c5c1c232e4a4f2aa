//! The marks of a comparison with another version: a coloured outline and a label on each card
//! that changed, removed cards as ghosts, and each persona's old emotion curve, dashed.

use super::{CardLook, MIN_TEXT_PX, Palette, View, paint_card, text};
use crate::compare::picture::{CardMark, Mark, Picture};
use crate::io::excerpt;
use crate::layout::{Layout, emotion_point};
use crate::model::Journey;
use egui::{Align2, Color32, CornerRadius, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, vec2};

pub fn mark_colour(palette: &Palette, mark: Mark) -> Color32 {
    match mark {
        Mark::Added => palette.added,
        Mark::Changed => palette.changed,
        Mark::Moved => palette.moved,
        Mark::Removed => palette.removed,
    }
}

/// The word a card's label starts with.
fn word(mark: Mark) -> &'static str {
    match mark {
        Mark::Added => "New",
        Mark::Changed => "Changed",
        Mark::Moved => "Moved",
        Mark::Removed => "Removed",
    }
}

/// A card's change: its outline in the change's colour, and a label across its top edge
/// (`Changed: emotion -2 → +1`, `Moved: from Busy parent · Awareness`).
pub fn paint_change(painter: &Painter, rect: Rect, zoom: f32, palette: &Palette, mark: &CardMark) {
    let z = zoom;
    let colour = mark_colour(palette, mark.mark);
    let radius = CornerRadius::same((8.0 * z).round().clamp(0.0, 255.0) as u8);
    painter.rect_stroke(
        rect,
        radius,
        Stroke::new(2.5 * z.max(0.4), colour),
        StrokeKind::Outside,
    );
    let size = 11.5 * z;
    if size < MIN_TEXT_PX {
        return;
    }
    let label = match mark.mark {
        Mark::Added | Mark::Removed => word(mark.mark).to_owned(),
        _ => format!("{}: {}", word(mark.mark), mark.note),
    };
    // Dark theme colours are light: the label's text takes the card's colour there.
    let ink = if palette.dark {
        palette.background
    } else {
        Color32::WHITE
    };
    let pad = vec2(6.0, 2.0) * z;
    // Clear of the emotion face in the card's top right corner.
    let galley = text::galley(painter, &label, size, ink, rect.width() - 60.0 * z, 1);
    // Mostly above the card's edge, clear of its channel line.
    let size = galley.size() + 2.0 * pad;
    let pill = Rect::from_min_size(rect.left_top() + vec2(12.0 * z, -0.7 * size.y), size);
    painter.rect_filled(
        pill,
        CornerRadius::same((pill.height() / 2.0) as u8),
        colour,
    );
    painter.galley(pill.min + pad, galley, ink);
}

/// The removed cards in their old places, faint, each labelled "Removed".
pub fn paint_ghosts(
    painter: &Painter,
    layout: &Layout,
    view: View,
    palette: &Palette,
    picture: &Picture,
) {
    let visible = view.to_map_rect(painter.clip_rect());
    let look = CardLook {
        detail: layout.style.detail,
        text_size: layout.style.text_size,
        ghost: true,
        ..CardLook::default()
    };
    for ghost in layout
        .ghosts
        .iter()
        .filter(|g| g.place.rect.intersects(visible))
    {
        let (Some(card), Some(mark)) = (picture.ghost(ghost.id), picture.mark(ghost.id)) else {
            continue;
        };
        let rect = view.to_screen_rect(ghost.place.rect);
        paint_card(painter, card, rect, view.zoom, palette, look);
        paint_change(painter, rect, view.zoom, palette, mark);
    }
}

/// A lane's emotion curve as it was, dashed, through the old mean of each of its cells that
/// still has a column.
pub fn paint_old_curve(
    painter: &Painter,
    journey: &Journey,
    layout: &Layout,
    lane: usize,
    view: View,
    palette: &Palette,
    picture: &Picture,
) {
    let (Some(band), Some(persona)) = (layout.emotion_bands.get(lane), journey.personas.get(lane))
    else {
        return;
    };
    let points: Vec<Pos2> = journey
        .stages
        .iter()
        .zip(&layout.stage_headers)
        .filter_map(|(stage, header)| {
            let mean = picture.old_means.get(&(persona.id, stage.id))?;
            Some(view.to_screen(emotion_point(*band, header.center().x, *mean)))
        })
        .collect();
    let z = view.zoom;
    let stroke = Stroke::new(2.0 * z.max(0.4), palette.muted);
    painter.add(Shape::dashed_line(&points, stroke, 7.0 * z, 5.0 * z));
    for p in points {
        painter.circle_stroke(p, 4.0 * z, stroke);
    }
}

/// How a key entry is drawn: a card's outline, or one of the two emotion curves.
#[derive(Clone, Copy)]
enum Swatch {
    Card(Mark),
    /// The as-is curve: dashed, grey.
    AsIs,
    /// The to-be curve: solid, in the emotion's colour.
    ToBe,
}

fn paint_swatch(painter: &Painter, swatch: Rect, kind: Swatch, z: f32, palette: &Palette) {
    let (left, right) = (swatch.left_center(), swatch.right_center());
    match kind {
        Swatch::Card(m) => {
            painter.rect_stroke(
                swatch,
                CornerRadius::same(3),
                Stroke::new(2.5 * z, mark_colour(palette, m)),
                StrokeKind::Inside,
            );
        }
        Swatch::AsIs => {
            let stroke = Stroke::new(2.0 * z, palette.muted);
            painter.add(Shape::dashed_line(&[left, right], stroke, 5.0 * z, 3.0 * z));
            painter.circle_stroke(swatch.center(), 3.5 * z, stroke);
        }
        Swatch::ToBe => {
            let colour = palette.emotion_mean(1.0);
            painter.line_segment([left, right], Stroke::new(3.0 * z, colour));
            painter.circle_filled(swatch.center(), 4.0 * z, colour);
        }
    }
}

/// The swatch of a version's emotion curve, for a key outside the map (the compare panel).
pub fn paint_curve_swatch(painter: &Painter, swatch: Rect, as_is: bool, palette: &Palette) {
    let kind = if as_is { Swatch::AsIs } else { Swatch::ToBe };
    paint_swatch(painter, swatch, kind, 1.0, palette);
}

/// One row of key entries, right-aligned at `right` (x) and centred on `y`.
fn paint_key_row(
    painter: &Painter,
    right: f32,
    y: f32,
    entries: &[(Swatch, String)],
    palette: &Palette,
) {
    let mut x = right;
    for (kind, name) in entries.iter().rev() {
        let r = text::paint(
            painter,
            Pos2::new(x, y),
            Align2::RIGHT_CENTER,
            name,
            12.0,
            palette.muted,
            260.0,
            1,
        );
        let swatch = Rect::from_center_size(Pos2::new(r.left() - 14.0, y), vec2(18.0, 10.0));
        paint_swatch(painter, swatch, *kind, 1.0, palette);
        x = swatch.left() - 16.0;
    }
}

/// `As-is: before.ron`, or `As-is` when the version has no name.
fn version(word: &str, name: &str) -> String {
    if name.is_empty() {
        word.to_owned()
    } else {
        format!("{word}: {}", excerpt(name, 24))
    }
}

/// What the marks mean, right-aligned at `right_top`: the two versions' emotion curves (their
/// names kept short, clear of the legend's groups) on one row, a swatch per kind of change on the
/// row under it.
pub fn paint_compare_key(painter: &Painter, right_top: Pos2, picture: &Picture, palette: &Palette) {
    let [as_is, to_be] = &picture.names;
    let versions = [
        (Swatch::AsIs, version("As-is", as_is)),
        (Swatch::ToBe, version("To-be", to_be)),
    ];
    paint_key_row(painter, right_top.x, right_top.y - 16.0, &versions, palette);
    let marks = [Mark::Added, Mark::Changed, Mark::Moved, Mark::Removed]
        .map(|m| (Swatch::Card(m), word(m).to_owned()));
    paint_key_row(painter, right_top.x, right_top.y + 6.0, &marks, palette);
}

/// Beside a lane's emotion band, right-aligned at `right` and centred on `y`: "Emotion", and
/// which of its two curves is the as-is and which the to-be.
pub fn paint_band_key(painter: &Painter, right: f32, y: f32, z: f32, palette: &Palette) {
    let line = 15.0 * z;
    text::paint(
        painter,
        Pos2::new(right, y - line),
        Align2::RIGHT_CENTER,
        "Emotion",
        12.0 * z,
        palette.muted,
        200.0 * z,
        1,
    );
    for (i, (kind, name)) in [(Swatch::ToBe, "to-be"), (Swatch::AsIs, "as-is")]
        .into_iter()
        .enumerate()
    {
        let row = y + i as f32 * line;
        let r = text::paint(
            painter,
            Pos2::new(right, row),
            Align2::RIGHT_CENTER,
            name,
            11.0 * z,
            palette.muted,
            200.0 * z,
            1,
        );
        let swatch =
            Rect::from_center_size(Pos2::new(r.left() - 14.0 * z, row), vec2(18.0, 10.0) * z);
        paint_swatch(painter, swatch, kind, z, palette);
    }
}
