use super::{CardLook, MIN_TEXT_PX, Palette, overview, paint_card, text};
use crate::compare::picture::Picture;
use crate::layout::Layout;
use crate::model::{Journey, PersonaId, RowId, StageId, TouchpointId};
use egui::{
    Align2, CornerRadius, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Where the map sits on screen: the screen position of the map's origin, and the zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub origin: Pos2,
    pub zoom: f32,
}

impl View {
    pub fn to_screen(&self, p: Pos2) -> Pos2 {
        self.origin + p.to_vec2() * self.zoom
    }

    pub fn to_screen_rect(&self, r: Rect) -> Rect {
        Rect::from_min_max(self.to_screen(r.min), self.to_screen(r.max))
    }

    pub fn to_map(&self, p: Pos2) -> Pos2 {
        Pos2::ZERO + (p - self.origin) / self.zoom
    }

    pub fn to_map_rect(&self, r: Rect) -> Rect {
        Rect::from_min_max(self.to_map(r.min), self.to_map(r.max))
    }
}

/// How far the headers move to stay on screen when the map is scrolled past them: stage
/// headers down to the top edge of `clip`, persona headers right to its left edge, never past
/// the map's far end. Zero when the map's own headers are in view (always, in an export).
pub fn sticky_shift(view: View, clip: Rect, layout: &Layout) -> Vec2 {
    let origin = view.to_screen(Pos2::ZERO);
    let end = view.to_screen(Pos2::ZERO + layout.size);
    let header = vec2(
        layout.style.lane_header_width,
        layout.style.stage_header_height,
    ) * view.zoom;
    vec2(
        (clip.left() - origin.x).clamp(0.0, (end.x - origin.x - header.x).max(0.0)),
        (clip.top() - origin.y).clamp(0.0, (end.y - origin.y - header.y).max(0.0)),
    )
}

/// Where a header's name is written: the first line's top-left corner, its width and its font
/// size, for a header drawn at `header` (screen points) at `zoom`. The inline rename box sits
/// exactly there, so typing replaces the name in place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NamePlace {
    pub pos: Pos2,
    pub width: f32,
    pub size: f32,
}

const HEADER_PAD: f32 = 14.0;
/// The persona's colour bar along a lane header's left edge.
const PERSONA_BAR: f32 = 7.0;
const NAME_SIZE: f32 = 19.0;

pub fn stage_name_place(header: Rect, zoom: f32) -> NamePlace {
    let pad = HEADER_PAD * zoom;
    NamePlace {
        pos: header.left_top() + vec2(pad, pad * 0.8),
        width: header.width() - 2.0 * pad,
        size: NAME_SIZE * zoom,
    }
}

pub fn persona_name_place(header: Rect, zoom: f32) -> NamePlace {
    let pad = HEADER_PAD * zoom;
    let left = header.left() + PERSONA_BAR * zoom + pad;
    NamePlace {
        pos: pos2(left, header.top() + pad),
        width: header.right() - left - pad,
        size: NAME_SIZE * zoom,
    }
}

/// Interaction state the map shows: selection, hover, cards being dragged.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    /// Cards Find matches; shared with the canvas, which hands it over every frame.
    pub found: Arc<HashSet<TouchpointId>>,
    pub selected: HashSet<TouchpointId>,
    pub hovered: Option<TouchpointId>,
    pub dragged: HashSet<TouchpointId>,
    pub selected_persona: Option<PersonaId>,
    pub selected_stage: Option<StageId>,
    pub selected_row: Option<RowId>,
    /// Cards a lens does not match, drawn faded.
    pub faded: Arc<HashSet<TouchpointId>>,
    /// Cards' places on the heat scale, 0 (worst) to 1 (best), when heat is on.
    pub heat: Arc<HashMap<TouchpointId, f32>>,
    /// A vote is under way: cards keep their earlier votes to themselves, so as not to sway it.
    pub hide_votes: bool,
    /// Compared with another version: the journey painted is the picture's, with its marks.
    pub compare: Option<Arc<Picture>>,
}

/// Paints the whole map; only what meets the painter's clip rectangle is drawn in detail.
pub fn paint_map(
    painter: &Painter,
    journey: &Journey,
    layout: &Layout,
    view: View,
    palette: &Palette,
    marks: &Marks,
) {
    let z = view.zoom;
    let visible = view.to_map_rect(painter.clip_rect());
    let map_rect = Rect::from_min_size(Pos2::ZERO, layout.size);
    let grid = Stroke::new(1.0, palette.grid);

    // Lane backgrounds and emotion bands.
    for (i, (cards, band)) in layout.lanes.iter().zip(&layout.emotion_bands).enumerate() {
        let row = cards.union(*band);
        if !row.intersects(visible) {
            continue;
        }
        painter.rect_filled(
            view.to_screen_rect(row),
            CornerRadius::ZERO,
            palette.lane[i % 2],
        );
        painter.rect_filled(view.to_screen_rect(*band), CornerRadius::ZERO, palette.band);
        if let Some(picture) = &marks.compare {
            super::compare::paint_old_curve(painter, journey, layout, i, view, palette, picture);
        }
        paint_curve(painter, layout, i, view, palette);
        painter.hline(
            view.to_screen_rect(row).x_range(),
            view.to_screen(row.left_bottom()).y,
            grid,
        );
    }
    // Column lines.
    for header in &layout.stage_headers {
        let x = view.to_screen(header.right_top()).x;
        painter.vline(x, view.to_screen_rect(map_rect).y_range(), grid);
    }

    for index in layout.cards_in(visible) {
        let Some(t) = journey.touchpoints.get(index) else {
            continue;
        };
        let change = marks.compare.as_ref().and_then(|c| c.mark(t.id));
        let look = CardLook {
            detail: layout.style.detail,
            text_size: layout.style.text_size,
            hide_votes: marks.hide_votes,
            faded: marks.faded.contains(&t.id),
            heat: marks.heat.get(&t.id).copied(),
            found: marks.found.contains(&t.id),
            selected: marks.selected.contains(&t.id),
            hovered: marks.hovered == Some(t.id),
            ghost: marks.dragged.contains(&t.id),
        };
        let rect = view.to_screen_rect(layout.cards[index].rect);
        paint_card(painter, t, rect, z, palette, look);
        if let Some(change) = change {
            super::compare::paint_change(painter, rect, z, palette, change);
        }
    }
    if let Some(picture) = &marks.compare {
        super::compare::paint_ghosts(painter, layout, view, palette, picture);
    }

    let compare = marks.compare.as_deref();
    super::rows::paint_rows(
        painter,
        journey,
        layout,
        view,
        palette,
        marks.selected_row,
        compare,
    );
    paint_headers(painter, journey, layout, view, palette, marks);
    if !headers_readable(z) {
        overview::paint_overview_labels(painter, journey, layout, view, palette);
    }
}

/// Whether header text is large enough to draw at zoom `z`; below, the overview's labels
/// name stages and personas instead.
fn headers_readable(z: f32) -> bool {
    12.0 * z >= MIN_TEXT_PX
}

/// The most a persona header's text takes (two rows of name, four of description, the
/// count), in map points: a sticky name stops this far above its lane's emotion band.
const PERSONA_BLOCK: f32 = 2.0 * 24.0 + 6.0 + 4.0 * 16.0 + 6.0 + 16.0 + 14.0;

/// Stage and persona headers, drawn last so they read above everything.
fn paint_headers(
    painter: &Painter,
    journey: &Journey,
    layout: &Layout,
    view: View,
    palette: &Palette,
    marks: &Marks,
) {
    let z = view.zoom;
    // Names and descriptions grow with the text size; lines and frames follow the zoom alone.
    let tz = z * layout.style.text_scale();
    let shift = sticky_shift(view, painter.clip_rect(), layout);
    let pad = HEADER_PAD * tz;
    let readable = headers_readable(z);
    // The top of the lanes on screen, below the (sticky) stage headers.
    let lanes_top = view
        .to_screen(pos2(0.0, layout.style.stage_header_height))
        .y
        + shift.y;

    for (stage, rect) in journey.stages.iter().zip(&layout.stage_headers) {
        let r = view.to_screen_rect(*rect).translate(vec2(0.0, shift.y));
        if !r.intersects(painter.clip_rect()) {
            continue;
        }
        painter.rect_filled(r, CornerRadius::ZERO, palette.header);
        painter.vline(r.right(), r.y_range(), Stroke::new(1.0, palette.grid));
        if marks.selected_stage == Some(stage.id) {
            painter.rect_stroke(
                r.shrink(1.5 * z),
                CornerRadius::same(4),
                Stroke::new(3.0 * z.max(0.5), palette.accent),
                StrokeKind::Inside,
            );
        }
        if readable {
            let place = stage_name_place(r, tz);
            let name = text::paint(
                painter,
                place.pos,
                Align2::LEFT_TOP,
                &stage.name,
                place.size,
                palette.header_text,
                place.width,
                1,
            );
            text::paint(
                painter,
                pos2(r.left() + pad, name.bottom() + 3.0 * tz),
                Align2::LEFT_TOP,
                &stage.description,
                12.0 * tz,
                palette.muted,
                r.width() - 2.0 * pad,
                2,
            );
        }
    }

    for (lane, (persona, rect)) in journey
        .personas
        .iter()
        .zip(&layout.lane_headers)
        .enumerate()
    {
        let r = view.to_screen_rect(*rect).translate(vec2(shift.x, 0.0));
        if !r.intersects(painter.clip_rect()) {
            continue;
        }
        painter.rect_filled(r, CornerRadius::ZERO, palette.header);
        painter.hline(r.x_range(), r.bottom(), Stroke::new(1.0, palette.grid));
        let bar = Rect::from_min_size(r.min, vec2(PERSONA_BAR * z, r.height()));
        painter.rect_filled(bar, CornerRadius::ZERO, palette.persona(persona.colour));
        if marks.selected_persona == Some(persona.id) {
            painter.rect_stroke(
                r.shrink(1.5 * z),
                CornerRadius::same(4),
                Stroke::new(3.0 * z.max(0.5), palette.accent),
                StrokeKind::Inside,
            );
        }
        if !readable {
            continue;
        }
        let place = persona_name_place(r, tz);
        let (left, width) = (place.pos.x, place.width);
        // In a lane taller than the window the name comes along, down to the emotion band.
        let band_top = layout
            .emotion_bands
            .get(lane)
            .map_or(r.bottom(), |b| view.to_screen(b.left_top()).y);
        let top = (lanes_top + pad)
            .min(band_top - PERSONA_BLOCK * tz)
            .max(place.pos.y);
        let name = text::paint(
            painter,
            pos2(left, top),
            Align2::LEFT_TOP,
            &persona.name,
            place.size,
            palette.header_text,
            width,
            2,
        );
        let mut y = name.bottom() + 6.0 * tz;
        if !persona.description.is_empty() {
            y = text::paint(
                painter,
                pos2(left, y),
                Align2::LEFT_TOP,
                &persona.description,
                12.5 * tz,
                palette.muted,
                width,
                4,
            )
            .bottom()
                + 6.0 * tz;
        }
        let count = journey
            .touchpoints
            .iter()
            .filter(|t| t.persona == persona.id)
            .count();
        text::paint(
            painter,
            pos2(left, y),
            Align2::LEFT_TOP,
            &crate::words::count(count, "touchpoint"),
            12.0 * tz,
            palette.muted,
            width,
            1,
        );
        // Label the emotion band so the curve explains itself; compared, say which is which.
        if let Some(band) = layout.emotion_bands.get(lane) {
            let b = view.to_screen_rect(*band);
            if marks.compare.is_some() {
                let right = r.right() - pad;
                super::compare::paint_band_key(painter, right, b.center().y, tz, palette);
                continue;
            }
            text::paint(
                painter,
                pos2(r.right() - pad, b.center().y),
                Align2::RIGHT_CENTER,
                "Emotion",
                12.0 * tz,
                palette.muted,
                width,
                1,
            );
        }
    }
    // The corner last: it covers where the sticky header row and column cross.
    let corner = Rect::from_min_size(
        Pos2::ZERO,
        vec2(
            layout.style.lane_header_width,
            layout.style.stage_header_height,
        ),
    );
    painter.rect_filled(
        view.to_screen_rect(corner).translate(shift),
        CornerRadius::ZERO,
        palette.header,
    );
}

/// A lane's emotion curve: a line through each cell's mean emotion, with a dot per cell.
fn paint_curve(painter: &Painter, layout: &Layout, lane: usize, view: View, palette: &Palette) {
    let (Some(band), Some(curve)) = (layout.emotion_bands.get(lane), layout.curves.get(lane))
    else {
        return;
    };
    let z = view.zoom;
    let b = view.to_screen_rect(*band);
    let neutral_y = b.center().y;
    painter.add(Shape::dashed_line(
        &[pos2(b.left(), neutral_y), pos2(b.right(), neutral_y)],
        Stroke::new(1.0, palette.grid),
        6.0 * z,
        5.0 * z,
    ));
    for pair in curve.windows(2) {
        let (a, c) = (pair[0], pair[1]);
        let colour = palette.emotion_mean((a.mean + c.mean) / 2.0);
        painter.line_segment(
            [view.to_screen(a.pos), view.to_screen(c.pos)],
            Stroke::new(3.0 * z.max(0.4), colour),
        );
    }
    for p in curve {
        let c = view.to_screen(p.pos);
        painter.circle(
            c,
            6.0 * z,
            palette.emotion_mean(p.mean),
            Stroke::new(2.0 * z, palette.card),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Style;
    use crate::model::Touchpoint;

    /// Every shape the map paints at 100 %, in painting order.
    fn painted(journey: &Journey, layout: &Layout, marks: &Marks) -> Vec<Shape> {
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, layout.size)),
            ..Default::default()
        };
        let view = View {
            origin: Pos2::ZERO,
            zoom: 1.0,
        };
        let output = ctx.run_ui(input, |ui| {
            let palette = Palette::light();
            paint_map(ui.painter(), journey, layout, view, &palette, marks);
        });
        output.shapes.into_iter().map(|c| c.shape).collect()
    }

    fn texts(shapes: &[Shape]) -> Vec<String> {
        shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::Text(text) => Some(text.galley.text().to_owned()),
                _ => None,
            })
            .collect()
    }

    /// Every text the map paints at 100 %, in painting order.
    fn painted_texts(journey: &Journey) -> Vec<String> {
        let layout = Layout::new(journey, &Style::default());
        texts(&painted(journey, &layout, &Marks::default()))
    }

    #[test]
    fn compared_a_lane_band_shows_the_as_is_and_the_to_be_curve_and_which_is_which() {
        let old = crate::templates::find("ecommerce")
            .unwrap()
            .journey()
            .unwrap();
        let mut new = old.clone();
        let twelve = new.touchpoint_index(TouchpointId(12)).unwrap();
        new.touchpoints[twelve].emotion = Some(crate::model::Emotion(2));
        let picture = Picture::new(&crate::compare::diff(&old, &new), &old, &new);
        let layout = picture.layout(&new, &Style::default());
        let card = &new.touchpoints[twelve];
        let (lane, column) = (layout.cards[twelve].lane, layout.cards[twelve].column);
        let was = picture.old_means[&(card.persona, card.stage)];
        let as_is = crate::layout::emotion_point(
            layout.emotion_bands[lane],
            layout.stage_headers[column].center().x,
            was,
        );
        let to_be = layout.curves[lane]
            .iter()
            .find(|p| p.column == column)
            .unwrap();
        assert!(to_be.mean > was);
        let marks = Marks {
            compare: Some(Arc::new(picture)),
            ..Marks::default()
        };
        let shapes = painted(&new, &layout, &marks);
        let dot_at = |p: Pos2, filled: bool| {
            shapes.iter().any(|s| match s {
                Shape::Circle(c) => {
                    c.center.distance(p) < 0.5 && (c.fill != egui::Color32::TRANSPARENT) == filled
                }
                _ => false,
            })
        };
        assert!(dot_at(as_is, false), "the as-is curve's ring at {as_is:?}");
        assert!(
            dot_at(to_be.pos, true),
            "the to-be curve's dot at {:?}",
            to_be.pos
        );
        let written = texts(&shapes);
        for word in ["to-be", "as-is"] {
            assert_eq!(
                written.iter().filter(|t| *t == word).count(),
                new.personas.len()
            );
        }
        // Without a comparison, one curve and no key.
        let plain = Layout::new(&new, &Style::default());
        let shapes = painted(&new, &plain, &Marks::default());
        assert!(!texts(&shapes).contains(&"as-is".to_owned()));
    }

    #[test]
    fn a_persona_header_counts_its_touchpoints_in_words() {
        let mut journey = crate::templates::find("blank").unwrap().journey().unwrap();
        let (persona, stage) = (journey.personas[0].id, journey.stages[0].id);
        let texts = painted_texts(&journey);
        assert!(texts.contains(&"0 touchpoints".to_owned()), "{texts:?}");
        journey.touchpoints.push(Touchpoint::new(
            crate::model::TouchpointId(1),
            persona,
            stage,
            "Signs up",
        ));
        let texts = painted_texts(&journey);
        assert!(texts.contains(&"1 touchpoint".to_owned()), "{texts:?}");
    }
}
