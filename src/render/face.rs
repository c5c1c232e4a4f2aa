//! A painted face for an emotion: crisp at every zoom, and readable without colour (the mouth
//! curves up or down, brows frown at the extremes).

use crate::model::Emotion;
use egui::{Color32, Painter, Pos2, Shape, Stroke, pos2, vec2};

/// Paints a filled disc in `fill` with a face in `ink`.
pub fn paint_face(
    painter: &Painter,
    centre: Pos2,
    radius: f32,
    emotion: Emotion,
    fill: Color32,
    ink: Color32,
) {
    painter.circle_filled(centre, radius, fill);
    let r = radius;
    let stroke = Stroke::new((r * 0.13).max(0.8), ink);
    // Eyes.
    for side in [-1.0, 1.0] {
        painter.circle_filled(
            centre + vec2(side * r * 0.36, -r * 0.22),
            (r * 0.11).max(0.7),
            ink,
        );
    }
    // Mouth: a parabola whose bend follows the emotion.
    let bend = f32::from(emotion.0) * 0.16 * r;
    let y = centre.y + r * 0.32 - bend * 0.3;
    let points: Vec<Pos2> = (0..=8)
        .map(|i| {
            let t = i as f32 / 8.0 * 2.0 - 1.0;
            pos2(centre.x + t * r * 0.45, y + bend * (1.0 - t * t))
        })
        .collect();
    painter.add(Shape::line(points, stroke));
    // Brows at the extremes: angry slant for -2, raised for +2.
    if emotion.0.abs() == 2 {
        let tilt = if emotion.0 < 0 { 0.12 } else { -0.06 };
        for side in [-1.0_f32, 1.0] {
            let inner = centre + vec2(side * r * 0.18, -r * (0.48 - tilt));
            let outer = centre + vec2(side * r * 0.52, -r * (0.48 + tilt));
            painter.line_segment([inner, outer], stroke);
        }
    }
}
