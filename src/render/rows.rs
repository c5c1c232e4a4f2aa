//! Paints the stage rows: their headers, and each stage's lines (pain points and opportunities
//! with the persona's dot and votes, metrics with their trend bar and missed targets, owners,
//! channels, every persona's emotion curve, free text).

use super::{MIN_TEXT_PX, Palette, View, text};
use crate::compare::picture::Picture;
use crate::layout::{Layout, RowLine, RowPlace};
use crate::model::{Journey, RowId, RowKind};
use egui::{Align2, CornerRadius, Painter, Rect, Shape, Stroke, pos2, vec2};

/// Paints every row that meets the painter's clip rectangle.
pub fn paint_rows(
    painter: &Painter,
    journey: &Journey,
    layout: &Layout,
    view: View,
    palette: &Palette,
    selected: Option<RowId>,
    compare: Option<&Picture>,
) {
    let visible = view.to_map_rect(painter.clip_rect());
    let size = layout.style.row_font_size * view.zoom;
    for (i, place) in layout.rows.iter().enumerate() {
        if !place.rect.intersects(visible) {
            continue;
        }
        let screen = view.to_screen_rect(place.rect);
        painter.rect_filled(screen, CornerRadius::ZERO, palette.lane[(i + 1) % 2]);
        painter.hline(
            screen.x_range(),
            screen.top(),
            Stroke::new(2.0 * view.zoom.max(0.5), palette.grid),
        );
        paint_header(
            painter,
            journey,
            place,
            view,
            palette,
            selected == Some(place.id),
        );
        if place.kind == RowKind::Emotions && !place.collapsed {
            paint_curves(painter, journey, place, view, palette);
        }
        if size < MIN_TEXT_PX || place.collapsed {
            continue;
        }
        for (cell, stage) in place.cells.iter().zip(&journey.stages) {
            for line in &cell.lines {
                let change = compare
                    .zip(line.metric.as_deref())
                    .and_then(|(picture, metric)| picture.metric_change(stage.id, metric));
                paint_line(painter, journey, place.kind, line, change, view, palette);
            }
            if cell.more > 0 {
                let last = cell
                    .lines
                    .last()
                    .map_or(cell.rect.top() + layout.style.row_padding, |l| {
                        l.rect.bottom()
                    });
                text::paint(
                    painter,
                    view.to_screen(pos2(cell.rect.left() + layout.style.row_padding, last)),
                    Align2::LEFT_TOP,
                    &format!("+{} more", cell.more),
                    size,
                    palette.muted,
                    view.to_screen_rect(cell.rect).width(),
                    1,
                );
            }
        }
    }
}

fn paint_header(
    painter: &Painter,
    journey: &Journey,
    place: &RowPlace,
    view: View,
    palette: &Palette,
    selected: bool,
) {
    let z = view.zoom;
    let r = view.to_screen_rect(place.header);
    painter.rect_filled(r, CornerRadius::ZERO, palette.header);
    if selected {
        painter.rect_stroke(
            r.shrink(1.0),
            CornerRadius::ZERO,
            Stroke::new(2.0, palette.accent),
            egui::StrokeKind::Inside,
        );
    }
    let name = journey
        .row_index(place.id)
        .map_or("", |i| journey.rows[i].name.as_str());
    if 13.0 * z < MIN_TEXT_PX {
        // Zoomed out: the name at a size that can still be read, where the row is tall enough.
        const OVERVIEW: f32 = 12.0;
        if r.height() >= OVERVIEW + 2.0 {
            let left = pos2(r.left() + 6.0, r.center().y);
            let width = r.width() - 8.0;
            text::paint(
                painter,
                left,
                Align2::LEFT_CENTER,
                name,
                OVERVIEW,
                palette.header_text,
                width,
                1,
            );
        }
        return;
    }
    let marker = if place.collapsed { "▸" } else { "▾" };
    let pad = 14.0 * z;
    let caption = if place.kind.is_derived() {
        "from the cards"
    } else {
        "notes per stage"
    };
    let title = text::paint(
        painter,
        pos2(r.left() + pad, r.top() + 6.0 * z),
        Align2::LEFT_TOP,
        &format!("{marker} {name}"),
        15.0 * z,
        palette.header_text,
        r.width() - 2.0 * pad,
        1,
    );
    if !place.collapsed {
        text::paint(
            painter,
            pos2(r.left() + pad + 14.0 * z, title.bottom() + 2.0 * z),
            Align2::LEFT_TOP,
            caption,
            11.5 * z,
            palette.muted,
            r.width() - 2.0 * pad,
            1,
        );
    }
}

fn paint_line(
    painter: &Painter,
    journey: &Journey,
    kind: RowKind,
    line: &RowLine,
    change: Option<&str>,
    view: View,
    palette: &Palette,
) {
    if line.text.is_empty() {
        return;
    }
    let z = view.zoom;
    let r = view.to_screen_rect(line.rect);
    let size = 13.0 * z;
    if kind == RowKind::Text {
        let rows = (line.rect.height() / 20.0).floor().max(1.0) as usize;
        text::paint(
            painter,
            r.left_top(),
            Align2::LEFT_TOP,
            &line.text,
            size,
            palette.text,
            r.width(),
            rows,
        );
        return;
    }
    let mut left = r.left();
    let mid = r.center().y;
    if let Some(colour) = line
        .persona
        .and_then(|p| journey.persona(p))
        .map(|p| palette.persona(p.colour))
    {
        painter.circle_filled(pos2(left + 4.0 * z, mid), 4.0 * z, colour);
        left += 13.0 * z;
    }
    let mut right = r.right();
    if !line.detail.is_empty() {
        let detail = text::paint(
            painter,
            pos2(right, mid),
            Align2::RIGHT_CENTER,
            &line.detail,
            11.5 * z,
            palette.muted,
            r.width() * 0.4,
            1,
        );
        right = detail.left() - 6.0 * z;
    }
    // A changed metric needs the room more than the trend bar, which ranks only the new value.
    if let Some(bar) = line.bar.filter(|_| change.is_none()) {
        // The stage's place between the metric's lowest and highest stage mean.
        let track = Rect::from_min_size(
            pos2(right - 36.0 * z, mid - 3.0 * z),
            vec2(36.0 * z, 6.0 * z),
        );
        painter.rect_filled(track, CornerRadius::same(2), palette.band);
        let fill = Rect::from_min_size(
            track.min,
            vec2(track.width() * bar.clamp(0.05, 1.0), track.height()),
        );
        painter.rect_filled(
            fill,
            CornerRadius::same(2),
            if line.missed {
                palette.pain
            } else {
                palette.accent
            },
        );
        right = track.left() - 6.0 * z;
    }
    // Compared with another version, a changed metric reads `CSAT 62 % → 80 %`.
    let text = change.unwrap_or(&line.text);
    let (shown, colour) = match (&line.channel, line.missed) {
        (_, true) => (format!("⚠ {text}"), palette.pain),
        (Some(channel), _) => {
            let galley = text::icon_label(
                painter,
                channel.icon(),
                &format!("  {}", line.text),
                size,
                palette.text,
                right - left,
            );
            text::place(
                painter,
                pos2(left, mid),
                Align2::LEFT_CENTER,
                galley,
                palette.text,
            );
            return;
        }
        _ if change.is_some() => (text.to_owned(), palette.changed),
        _ => (text.to_owned(), palette.text),
    };
    text::paint(
        painter,
        pos2(left, mid),
        Align2::LEFT_CENTER,
        &shown,
        size,
        colour,
        (right - left).max(0.0),
        1,
    );
}

/// Every persona's emotion curve in one band, in the persona's colour.
fn paint_curves(
    painter: &Painter,
    journey: &Journey,
    place: &RowPlace,
    view: View,
    palette: &Palette,
) {
    let z = view.zoom;
    let band = view.to_screen_rect(place.rect);
    let x0 = view.to_screen(place.header.right_top()).x;
    let mid = band.center().y;
    painter.add(Shape::dashed_line(
        &[pos2(x0, mid), pos2(band.right(), mid)],
        Stroke::new(1.0, palette.grid),
        6.0 * z,
        5.0 * z,
    ));
    for (persona, points) in &place.curves {
        let colour = journey
            .persona(*persona)
            .map_or(palette.muted, |p| palette.persona(p.colour));
        let points: Vec<_> = points.iter().map(|p| view.to_screen(*p)).collect();
        painter.add(Shape::line(
            points.clone(),
            Stroke::new(2.5 * z.max(0.4), colour),
        ));
        for p in points {
            painter.circle(p, 4.5 * z, colour, Stroke::new(1.5 * z, palette.card));
        }
    }
}
