//! The parts only the exported image has: a title block and a legend that explains the symbols.

use super::{Palette, text};
use crate::model::{Channel, Emotion, Journey};
use egui::{Align2, CornerRadius, Painter, Rect, pos2, vec2};

/// Height of the legend strip under the exported map, in points.
pub const LEGEND_HEIGHT: f32 = 132.0;
/// Height of the title block above the exported map, in points.
pub const HEADER_HEIGHT: f32 = 104.0;

/// The title block: journey title, description and the date of export.
pub fn paint_export_header(
    painter: &Painter,
    rect: Rect,
    journey: &Journey,
    date: &str,
    palette: &Palette,
) {
    let pad = 24.0;
    let width = rect.width() - 2.0 * pad;
    let dated = text::paint(
        painter,
        pos2(rect.right() - pad, rect.top() + pad),
        Align2::RIGHT_TOP,
        &format!("Exported {date}"),
        13.0,
        palette.muted,
        width * 0.3,
        1,
    );
    let title = text::paint(
        painter,
        rect.left_top() + vec2(pad, pad - 4.0),
        Align2::LEFT_TOP,
        &journey.title,
        28.0,
        palette.text,
        dated.left() - rect.left() - 2.0 * pad,
        1,
    );
    text::paint(
        painter,
        pos2(rect.left() + pad, title.bottom() + 6.0),
        Align2::LEFT_TOP,
        &journey.description,
        14.0,
        palette.muted,
        width,
        2,
    );
}

/// Explains the symbols: the channels the map uses, the emotion scale, the pain-point marker.
pub fn paint_legend(painter: &Painter, rect: Rect, journey: &Journey, palette: &Palette) {
    let pad = 24.0;
    let size = 13.0;
    painter.hline(
        rect.x_range(),
        rect.top(),
        egui::Stroke::new(1.0, palette.grid),
    );
    let heading = |x: f32, label: &str| {
        text::paint(
            painter,
            pos2(x, rect.top() + 16.0),
            Align2::LEFT_TOP,
            label,
            14.0,
            palette.text,
            300.0,
            1,
        )
    };

    // Emotion scale.
    let mut x = rect.left() + pad;
    heading(x, "Emotion");
    let mut y = rect.top() + 44.0;
    for e in Emotion::SCALE.iter().rev() {
        painter.circle_filled(pos2(x + 9.0, y + 8.0), 8.0, palette.emotion(*e));
        text::paint(
            painter,
            pos2(x + 9.0, y + 8.0),
            Align2::CENTER_CENTER,
            e.face(),
            11.0,
            egui::Color32::WHITE,
            20.0,
            1,
        );
        text::paint(
            painter,
            pos2(x + 24.0, y),
            Align2::LEFT_TOP,
            e.label(),
            size,
            palette.muted,
            160.0,
            1,
        );
        x += 140.0;
        if x > rect.left() + pad + 140.0 * 2.5 {
            x = rect.left() + pad;
            y += 24.0;
        }
    }

    // Markers.
    let x = rect.left() + pad + 460.0;
    heading(x, "Markers");
    let row = |y: f32, symbol: &str, colour, label: &str| {
        text::paint(
            painter,
            pos2(x, y),
            Align2::LEFT_TOP,
            symbol,
            size,
            colour,
            60.0,
            1,
        );
        text::paint(
            painter,
            pos2(x + 56.0, y),
            Align2::LEFT_TOP,
            label,
            size,
            palette.muted,
            220.0,
            1,
        );
    };
    row(rect.top() + 44.0, "⚠ Pain", palette.pain, "pain point");
    row(rect.top() + 68.0, "👍 3", palette.accent, "votes");
    painter.rect_filled(
        Rect::from_min_size(pos2(x, rect.top() + 94.0), vec2(6.0, 16.0)),
        CornerRadius::ZERO,
        palette.emotion(Emotion(1)),
    );
    text::paint(
        painter,
        pos2(x + 56.0, rect.top() + 94.0),
        Align2::LEFT_TOP,
        "card edge: emotion",
        size,
        palette.muted,
        220.0,
        1,
    );

    // Channels in use, in the picker's order.
    let x0 = x + 300.0;
    heading(x0, "Channels");
    let mut used: Vec<&Channel> = Vec::new();
    for t in &journey.touchpoints {
        if !used.contains(&&t.channel) {
            used.push(&t.channel);
        }
    }
    used.sort_by_key(|c| {
        Channel::NAMED
            .iter()
            .position(|n| n == *c)
            .unwrap_or(usize::MAX)
    });
    let column_width = 190.0;
    let rows = 3;
    for (i, channel) in used.iter().enumerate() {
        let cx = x0 + (i / rows) as f32 * column_width;
        if cx + column_width > rect.right() {
            break;
        }
        let cy = rect.top() + 44.0 + (i % rows) as f32 * 24.0;
        text::paint(
            painter,
            pos2(cx, cy),
            Align2::LEFT_TOP,
            &format!("{}  {}", channel.icon(), channel.label()),
            size,
            palette.muted,
            column_width - 10.0,
            1,
        );
    }
}
