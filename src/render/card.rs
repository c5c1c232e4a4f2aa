use super::{MIN_TEXT_PX, Palette, paint_face, text};
use crate::layout::{Detail, TextSize};
use crate::model::{Touchpoint, number};
use egui::{Align2, Color32, CornerRadius, Painter, Rect, Stroke, StrokeKind, pos2, vec2};

/// How a card is marked beyond its content.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CardLook {
    /// How much of the card's content shows.
    pub detail: Detail,
    /// How large its text is drawn.
    pub text_size: TextSize,
    /// Its votes are not shown (a vote is under way).
    pub hide_votes: bool,
    /// A lens is on and the card does not match it.
    pub faded: bool,
    /// The card's place on the heat scale, 0 (worst) to 1 (best), when heat is on.
    pub heat: Option<f32>,
    /// Find matches the card: a highlighter ring around it.
    pub found: bool,
    pub selected: bool,
    pub hovered: bool,
    /// The card is being dragged away: drawn faintly in its old place.
    pub ghost: bool,
}

/// Below this height on screen (points) a card is drawn as a single rectangle.
const TINY: f32 = 6.0;

/// Paints one card into `rect` (screen points) at `zoom`.
pub fn paint_card(
    painter: &Painter,
    t: &Touchpoint,
    rect: Rect,
    zoom: f32,
    palette: &Palette,
    look: CardLook,
) {
    let z = zoom;
    let alpha = if look.ghost {
        0.35
    } else if look.faded {
        0.22
    } else {
        1.0
    };
    let fade = |c: Color32| c.gamma_multiply(alpha);
    let radius = CornerRadius::same((8.0 * z).round().clamp(0.0, 255.0) as u8);

    if rect.height() < TINY {
        // A few pixels high: one rectangle in the card's emotion colour (its heat, when heat is
        // on) keeps a map of thousands of cards legible and quick to draw.
        let colour = match look.heat {
            Some(h) => palette.heat(h),
            None => t
                .emotion
                .map_or(palette.card_border, |e| palette.emotion(e)),
        };
        painter.rect_filled(rect, CornerRadius::ZERO, fade(colour));
        return;
    }
    if look.found {
        let ring = 3.0 * z.max(0.5);
        painter.rect_stroke(
            rect.expand(ring + z),
            radius + (ring + z).round().clamp(0.0, 255.0) as u8,
            Stroke::new(ring, palette.found),
            StrokeKind::Inside,
        );
    }
    if !look.ghost && !look.faded {
        // Only the sliver that shows under the card's lower edge: a full-size shadow would be
        // blended and then painted over, which is most of an export's raster time.
        let shadow_top = (rect.bottom() - 2.0 * f32::from(radius.sw)).max(rect.top());
        let shadow = Rect::from_min_max(pos2(rect.left(), shadow_top), rect.max)
            .translate(vec2(0.0, 2.0 * z));
        painter.rect_filled(shadow, radius, palette.shadow);
    }
    let fill = look.heat.map_or(palette.card, |h| palette.heat(h));
    painter.rect_filled(rect, radius, fade(fill));
    let emotion_colour = t.emotion.map_or(palette.grid, |e| palette.emotion(e));
    // The emotion stripe along the left edge: the curve's colour, readable from the back row.
    // Inset by the border's width, so its rounded corners stay inside the card's outline.
    let inset = 1.0;
    let stripe = Rect::from_min_max(
        rect.min + vec2(inset, inset),
        pos2(rect.left() + 6.0 * z, rect.bottom() - inset),
    );
    let stripe_radius = radius.nw.saturating_sub(1);
    painter.rect_filled(
        stripe,
        CornerRadius {
            nw: stripe_radius,
            sw: stripe_radius,
            ne: 0,
            se: 0,
        },
        fade(emotion_colour),
    );
    let border = if look.selected {
        Stroke::new(3.0 * z.max(0.5), palette.accent)
    } else if look.hovered {
        Stroke::new(2.0 * z.max(0.5), palette.hover)
    } else {
        Stroke::new(1.0, fade(palette.card_border))
    };
    painter.rect_stroke(rect, radius, border, StrokeKind::Inside);

    let pad = 10.0 * z;
    let inner = Rect::from_min_max(
        pos2(stripe.right() + pad * 0.8, rect.top() + pad * 0.8),
        rect.max - vec2(pad, pad * 0.8),
    );
    // Text (and the face beside it) grows with the text size; the card's frame follows the zoom.
    let tz = z * look.text_size.scale();
    let small = 12.5 * tz;
    if small < MIN_TEXT_PX {
        // Far away: a bar where the title would be keeps the map's rhythm without unreadable text.
        let bar = Rect::from_min_size(
            inner.min + vec2(0.0, inner.height() * 0.3),
            vec2(inner.width() * 0.8, (inner.height() * 0.18).max(1.0)),
        );
        painter.rect_filled(bar, CornerRadius::ZERO, fade(palette.grid));
        return;
    }

    // Emotion face, top right, in the emotion colour.
    let face_r = 11.0 * tz;
    let face_c = pos2(inner.right() - face_r, inner.top() + face_r * 0.9);
    if let Some(e) = t.emotion {
        paint_face(
            painter,
            face_c,
            face_r,
            e,
            fade(emotion_colour),
            fade(Color32::WHITE),
        );
    }

    if look.detail == Detail::Compact {
        // Title only, beside the face, and a pain point's mark under the face.
        text::paint(
            painter,
            inner.left_top(),
            Align2::LEFT_TOP,
            t.display_title(),
            15.5 * tz,
            fade(palette.text),
            inner.width() - face_r * 2.0 - 6.0 * z,
            2,
        );
        if t.pain_point.is_some() {
            let mark = text::icon_label(painter, "⚠", "", small, fade(palette.pain), face_r * 2.0);
            text::place(
                painter,
                inner.right_bottom(),
                Align2::RIGHT_BOTTOM,
                mark,
                fade(palette.pain),
            );
        }
        return;
    }

    // Channel: icon and name; a card whose channel is not set yet leaves the line empty.
    if let Some(c) = &t.channel {
        let channel = text::icon_label(
            painter,
            c.icon(),
            &format!("  {}", c.label()),
            small,
            fade(palette.muted),
            inner.width() - face_r * 2.0 - 4.0 * tz,
        );
        painter.galley(inner.left_top(), channel, fade(palette.muted));
    }

    // Title: up to two lines, then an ellipsis.
    let title = text::paint(
        painter,
        inner.left_top() + vec2(0.0, 22.0 * tz),
        Align2::LEFT_TOP,
        t.display_title(),
        15.5 * tz,
        fade(if t.title.trim().is_empty() {
            palette.muted
        } else {
            palette.text
        }),
        inner.width(),
        2,
    );
    if look.detail == Detail::Detailed {
        paint_details(
            painter,
            t,
            inner,
            title.bottom() + 6.0 * tz,
            tz,
            palette,
            fade,
        );
    }

    // Bottom row: owner on the left; votes and the pain-point marker on the right.
    let mut right = inner.right();
    if t.pain_point.is_some() {
        let label = text::icon_label(
            painter,
            "⚠",
            " Pain",
            small,
            fade(palette.pain),
            inner.width() * 0.5,
        );
        let pos = pos2(right, inner.bottom());
        let marker = text::place(
            painter,
            pos,
            Align2::RIGHT_BOTTOM,
            label,
            fade(palette.pain),
        );
        right = marker.left() - 8.0 * z;
    }
    if t.votes > 0 && !look.hide_votes {
        let label = text::icon_label(
            painter,
            "👍",
            &format!(" {}", t.votes),
            small,
            fade(palette.accent),
            inner.width() * 0.3,
        );
        let pos = pos2(right, inner.bottom());
        let votes = text::place(
            painter,
            pos,
            Align2::RIGHT_BOTTOM,
            label,
            fade(palette.accent),
        );
        right = votes.left() - 8.0 * z;
    }
    if !t.owner.is_empty() {
        text::paint(
            painter,
            inner.left_bottom(),
            Align2::LEFT_BOTTOM,
            &t.owner,
            small,
            fade(palette.muted),
            (right - inner.left()).max(0.0),
            1,
        );
    }
}

/// The detailed card's middle: notes, the pain point's text, the opportunity and the metrics,
/// each cut to its rows, stopping above the bottom row.
fn paint_details(
    painter: &Painter,
    t: &Touchpoint,
    inner: Rect,
    mut y: f32,
    z: f32,
    palette: &Palette,
    fade: impl Fn(Color32) -> Color32,
) {
    let size = 12.5 * z;
    let floor = inner.bottom() - 22.0 * z;
    let metrics: Vec<String> = t
        .metrics
        .iter()
        .take(3)
        .map(|m| format!("{} {}", m.name, number(m.value, &m.unit)))
        .collect();
    let pain = t.pain_point.as_deref().map(|p| format!("⚠ {p}"));
    let opportunity = (!t.opportunity.is_empty()).then(|| format!("→ {}", t.opportunity));
    let blocks = [
        (
            (!t.notes.is_empty()).then_some(t.notes.as_str()),
            palette.muted,
            3,
        ),
        (pain.as_deref(), palette.pain, 2),
        (opportunity.as_deref(), palette.accent, 2),
    ];
    for (text_of, colour, rows) in blocks
        .into_iter()
        .filter_map(|(text, colour, rows)| Some((text?, colour, rows)))
    {
        let room = ((floor - y) / (size * 1.3)).floor();
        if room < 1.0 {
            return;
        }
        let r = text::paint(
            painter,
            pos2(inner.left(), y),
            Align2::LEFT_TOP,
            text_of,
            size,
            fade(colour),
            inner.width(),
            rows.min(room as usize),
        );
        y = r.bottom() + 4.0 * z;
    }
    for m in metrics {
        if y + size * 1.3 > floor {
            return;
        }
        let r = text::paint(
            painter,
            pos2(inner.left(), y),
            Align2::LEFT_TOP,
            &m,
            size,
            fade(palette.text),
            inner.width(),
            1,
        );
        y = r.bottom() + 2.0 * z;
    }
}
