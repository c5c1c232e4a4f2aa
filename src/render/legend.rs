//! The parts only the exported image has: a title block and a legend that explains the symbols.

use super::{Palette, text};
use crate::model::{Channel, Emotion, Journey};
use egui::{Align2, Color32, CornerRadius, Galley, Painter, Pos2, Rect, Stroke, pos2, vec2};

/// Height of the legend strip under the exported map, in points.
pub const LEGEND_HEIGHT: f32 = 132.0;
/// Height of the title block above the exported map, in points.
pub const HEADER_HEIGHT: f32 = 104.0;

/// The title block: journey title, description and the date of export, which sits on the title's
/// baseline at the right.
pub fn paint_export_header(
    painter: &Painter,
    rect: Rect,
    journey: &Journey,
    date: &str,
    palette: &Palette,
) {
    let width = rect.width() - 2.0 * PAD;
    let dated = text::galley(
        painter,
        &format!("Exported {date}"),
        13.0,
        palette.muted,
        width * 0.3,
        1,
    );
    let title = text::galley(
        painter,
        &journey.title,
        28.0,
        palette.text,
        width - dated.size().x - PAD,
        1,
    );
    let title_pos = rect.left_top() + vec2(PAD, PAD - 4.0);
    let baseline = title_pos.y + first_baseline(&title);
    let dated_pos = pos2(
        rect.right() - PAD - dated.size().x,
        baseline - first_baseline(&dated),
    );
    let title_bottom = title_pos.y + title.size().y;
    painter.galley(title_pos, title, palette.text);
    painter.galley(dated_pos, dated, palette.muted);
    text::paint(
        painter,
        pos2(rect.left() + PAD, title_bottom + 6.0),
        Align2::LEFT_TOP,
        &journey.description,
        14.0,
        palette.muted,
        width,
        2,
    );
}

/// How far below a galley's top its first line of text sits.
fn first_baseline(galley: &Galley) -> f32 {
    galley
        .rows
        .first()
        .and_then(|row| row.row.glyphs.first().map(|glyph| row.pos.y + glyph.pos.y))
        .unwrap_or(galley.size().y * 0.8)
}

/// Page margin: the legend lines up with the map and the title block.
const PAD: f32 = 24.0;
/// Where the headings and the three rows of entries sit, below the legend's top edge.
const HEADING_Y: f32 = 16.0;
const ROWS_Y: [f32; 3] = [44.0, 68.0, 92.0];
/// Entry text.
const SIZE: f32 = 13.0;
/// Space between two groups, and between two columns of channels.
const GROUP_GAP: f32 = 48.0;
const COLUMN_GAP: f32 = 28.0;

/// Explains the symbols: the emotion scale and curve, the card markers, the channels the map uses.
/// Groups sit side by side; channels fill columns of three until the page ends, the rest being
/// counted in a last "+ N more" entry.
pub fn paint_legend(painter: &Painter, rect: Rect, journey: &Journey, palette: &Palette) {
    painter.hline(
        (rect.left() + PAD)..=(rect.right() - PAD),
        rect.top(),
        Stroke::new(1.0, palette.grid),
    );
    let heading = |x: f32, label: &str| {
        text::paint(
            painter,
            pos2(x, rect.top() + HEADING_Y),
            Align2::LEFT_TOP,
            label,
            14.0,
            palette.text,
            300.0,
            1,
        )
    };
    let entry = |pos: Pos2, label: &str, width: f32| {
        text::paint(
            painter,
            pos,
            Align2::LEFT_TOP,
            label,
            SIZE,
            palette.muted,
            width,
            1,
        )
    };
    let row = |i: usize| rect.top() + ROWS_Y[i];

    // Emotion: the five faces as the cards show them, worst to best, then the curve.
    let x = rect.left() + PAD;
    let mut right = heading(x, "Emotion").right();
    let face_r = 11.0;
    let step = 44.0;
    for (i, e) in Emotion::SCALE.iter().enumerate() {
        let c = pos2(x + face_r + i as f32 * step, row(0) + 8.0);
        super::paint_face(painter, c, face_r, *e, palette.emotion(*e), Color32::WHITE);
    }
    let scale_right = x + 2.0 * face_r + 4.0 * step;
    entry(pos2(x, row(1) + 2.0), Emotion::SCALE[0].label(), step * 2.0);
    let best = text::paint(
        painter,
        pos2(scale_right, row(1) + 2.0),
        Align2::RIGHT_TOP,
        Emotion::SCALE[4].label(),
        SIZE,
        palette.muted,
        step * 2.0,
        1,
    );
    right = right.max(best.right());
    // A piece of curve, drawn like the map's: the mean emotion of each stage's cards.
    let curve = [(-1.5, 0.0), (0.5, -6.0), (1.5, -2.0)]
        .map(|(mean, dy): (f32, f32)| (pos2(0.0, row(2) + 10.0 + dy), mean));
    let curve_x = |i: usize| x + 6.0 + i as f32 * 30.0;
    for i in 0..2 {
        let (a, b) = (curve[i], curve[i + 1]);
        painter.line_segment(
            [pos2(curve_x(i), a.0.y), pos2(curve_x(i + 1), b.0.y)],
            Stroke::new(3.0, palette.emotion_mean((a.1 + b.1) / 2.0)),
        );
    }
    for (i, (p, mean)) in curve.iter().enumerate() {
        painter.circle(
            pos2(curve_x(i), p.y),
            6.0,
            palette.emotion_mean(*mean),
            Stroke::new(2.0, palette.card),
        );
    }
    let label = entry(
        pos2(curve_x(2) + 16.0, row(2)),
        "mean emotion of a stage",
        220.0,
    );
    right = right.max(label.right());

    // Markers, as on the cards.
    let x = right + GROUP_GAP;
    let symbols = x + 60.0;
    right = heading(x, "Markers").right();
    let marker = |i: usize, (icon, name): (&str, &str), colour: Color32, label: &str| {
        let symbol = text::icon_label(painter, icon, name, SIZE, colour, symbols - x - 4.0);
        painter.galley(pos2(x, row(i)), symbol, colour);
        entry(pos2(symbols, row(i)), label, 220.0).right()
    };
    right = right.max(marker(0, ("⚠", " Pain"), palette.pain, "pain point"));
    right = right.max(marker(1, ("👍", " 3"), palette.accent, "votes"));
    painter.rect_filled(
        Rect::from_min_size(pos2(x, row(2)), vec2(6.0, 16.0)),
        CornerRadius::ZERO,
        palette.emotion(Emotion(1)),
    );
    right = right.max(marker(2, ("", ""), palette.muted, "card edge: emotion"));

    // The channels in use, in the picker's order (the user's own channels last).
    let mut used: Vec<&Channel> = Vec::new();
    for c in journey
        .touchpoints
        .iter()
        .filter_map(|t| t.channel.as_ref())
    {
        if !used.contains(&c) {
            used.push(c);
        }
    }
    if used.is_empty() {
        return;
    }
    used.sort_by_key(|c| {
        Channel::NAMED
            .iter()
            .position(|n| n == *c)
            .unwrap_or(usize::MAX)
    });
    let x = right + GROUP_GAP;
    heading(x, "Channels");
    let limit = rect.right() - PAD;
    let galleys: Vec<_> = used
        .iter()
        .map(|c| {
            let name = format!("  {}", c.label());
            text::icon_label(painter, c.icon(), &name, SIZE, palette.muted, 220.0)
        })
        .collect();
    // Whole columns that fit; the last slot shown counts the rest when not all of them do.
    let rows = ROWS_Y.len();
    let mut columns: Vec<(f32, f32)> = Vec::new(); // (x, width)
    let mut cx = x;
    for chunk in galleys.chunks(rows) {
        let width = chunk.iter().map(|g| g.size().x).fold(0.0, f32::max);
        if cx + width > limit {
            break;
        }
        columns.push((cx, width));
        cx += width + COLUMN_GAP;
    }
    let mut shown = (columns.len() * rows).min(used.len());
    let more = if shown < used.len() {
        shown = shown.saturating_sub(1);
        Some(format!("+ {} more", used.len() - shown))
    } else {
        None
    };
    for (i, galley) in galleys.into_iter().take(shown).enumerate() {
        let (cx, _) = columns[i / rows];
        painter.galley(pos2(cx, row(i % rows)), galley, palette.muted);
    }
    if let Some(more) = more {
        let pos = columns
            .get(shown / rows)
            .map_or(pos2(x, row(0)), |&(cx, _)| pos2(cx, row(shown % rows)));
        entry(pos, &more, (limit - pos.x).max(60.0));
    }
}

/// The heat's scale, right-aligned at `right_top`: its name, then a bar from worst to best.
pub fn paint_heat_scale(painter: &Painter, right_top: Pos2, name: &str, palette: &Palette) {
    const STEPS: usize = 24;
    let bar = Rect::from_min_size(right_top - vec2(120.0, 0.0), vec2(120.0, 10.0));
    for i in 0..STEPS {
        let t = i as f32 / (STEPS - 1) as f32;
        let w = bar.width() / STEPS as f32;
        let cell = Rect::from_min_size(
            bar.min + vec2(w * i as f32, 0.0),
            vec2(w + 0.5, bar.height()),
        );
        painter.rect_filled(cell, CornerRadius::ZERO, palette.heat(t));
    }
    painter.rect_stroke(
        bar,
        CornerRadius::ZERO,
        Stroke::new(1.0, palette.grid),
        egui::StrokeKind::Inside,
    );
    let label = format!("Heat: {name}, worst → best");
    text::paint(
        painter,
        pos2(bar.left() - 8.0, bar.center().y),
        Align2::RIGHT_CENTER,
        &label,
        12.0,
        palette.muted,
        320.0,
        1,
    );
}
