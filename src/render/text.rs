use super::bidi;
use crate::fonts;
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Align2, Color32, FontId, Galley, Painter, Pos2, Rect};
use std::sync::Arc;

/// Lays out text that wraps to `max_width` and stops at `max_rows` with an ellipsis, so it never
/// spills out of its box. Only what can be shown is laid out, so a text of any length costs
/// the same as one that fills its box.
pub fn galley(
    painter: &Painter,
    text: &str,
    size: f32,
    color: Color32,
    max_width: f32,
    max_rows: usize,
) -> Arc<Galley> {
    let format = TextFormat::simple(FontId::proportional(size), color);
    let mut job = LayoutJob::single_section(shown(text, size, max_width, max_rows), format.clone());
    job.wrap = wrapping(max_width, max_rows);
    let galley = painter.layout_job(job);
    if !bidi::has_rtl(galley.text()) {
        return galley;
    }
    // Lines break in typed order; each line is then shown in reading order.
    let lines = rows_in_reading_order(&galley);
    let mut job = LayoutJob::single_section(lines.join("\n"), format);
    job.wrap.max_rows = lines.len();
    painter.layout_job(job)
}

/// The text of each row of a galley, in reading order. A row has one glyph per character of
/// the text (the shaper's glyphs of a right-to-left run are in visual order, so the characters
/// are taken from the text, counted by the row's glyphs), plus the ellipsis where it was cut.
fn rows_in_reading_order(galley: &Galley) -> Vec<String> {
    let mut rest = galley.text();
    let last = galley.rows.len().saturating_sub(1);
    let mut lines = Vec::with_capacity(galley.rows.len());
    for (i, placed) in galley.rows.iter().enumerate() {
        let cut = i == last && galley.elided;
        let count = placed.row.glyphs.len() - usize::from(cut);
        let end = rest
            .char_indices()
            .nth(count)
            .map_or(rest.len(), |(at, _)| at);
        let (line, after) = rest.split_at(end);
        let mut line = bidi::display_order(line);
        if cut {
            line.push('…');
        }
        lines.push(line);
        rest = after.strip_prefix('\n').unwrap_or(after);
    }
    lines
}

/// Wrapping to `max_width`, at most `max_rows` rows, the last one cut with an ellipsis.
fn wrapping(max_width: f32, max_rows: usize) -> TextWrapping {
    TextWrapping {
        max_width: max_width.max(1.0),
        max_rows,
        // Where a word is longer than a row, egui still cuts it; otherwise it breaks at a space
        // or a dash.
        break_anywhere: false,
        overflow_character: Some('…'),
    }
}

/// The part of `text` that can be seen in `max_rows` rows of `max_width`: no glyph is narrower
/// than a fifth of the font size, so anything beyond is cut (and marked cut) before layout.
fn shown(text: &str, size: f32, max_width: f32, max_rows: usize) -> String {
    let per_row = (max_width.max(1.0) / (size.max(1.0) * 0.2)).ceil() as usize + 1;
    let limit = per_row.saturating_mul(max_rows.max(1));
    match text.char_indices().nth(limit) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// An icon in the monochrome icon font (so it takes the colour of its label, unlike a colour
/// emoji) and its label, on one row cut with an ellipsis.
pub fn icon_label(
    painter: &Painter,
    icon: &str,
    label: &str,
    size: f32,
    color: Color32,
    max_width: f32,
) -> Arc<Galley> {
    let mut job = LayoutJob::default();
    job.append(icon, 0.0, TextFormat::simple(fonts::icons(size), color));
    job.append(
        &shown(label, size, max_width, 1),
        0.0,
        TextFormat::simple(FontId::proportional(size), color),
    );
    job.wrap = wrapping(max_width, 1);
    painter.layout_job(job)
}

/// Paints a laid-out text anchored at `pos`; returns where it went.
pub fn place(
    painter: &Painter,
    pos: Pos2,
    anchor: Align2,
    galley: Arc<Galley>,
    color: Color32,
) -> Rect {
    let rect = anchor.anchor_size(pos, galley.size());
    painter.galley(rect.min, galley, color);
    rect
}

/// Paints text anchored at `pos`; returns where it went.
#[allow(clippy::too_many_arguments)]
pub fn paint(
    painter: &Painter,
    pos: Pos2,
    anchor: Align2,
    text: &str,
    size: f32,
    color: Color32,
    max_width: f32,
    max_rows: usize,
) -> Rect {
    let g = galley(painter, text, size, color, max_width, max_rows);
    place(painter, pos, anchor, g, color)
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn a_long_text_is_cut_to_what_its_rows_can_show() {
        let long = "word ".repeat(100_000);
        let cut = shown(&long, 10.0, 100.0, 2);
        assert_eq!(cut.chars().count(), 2 * 51 + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(shown("short", 10.0, 100.0, 2), "short");
        // A line that could hold very many rows still stops somewhere.
        assert!(shown(&long, 10.0, 100.0, usize::MAX).len() <= long.len());
    }
}
