//! The page as vector shapes: egui's own shapes, before tessellation, walked into a small
//! drawing interface ([`Draw`]) that the SVG and PDF writers implement. The shapes come from the
//! very painting the canvas and the PNG run, so every format shows one picture; only the last
//! step (pixels, paths, glyphs) differs.

use super::faces::{Drawn, Faces};
use egui::epaint::{
    CircleShape, ClippedShape, ColorMode, CubicBezierShape, EllipseShape, Mesh, PathShape,
    QuadraticBezierShape, RectShape, Shape, StrokeKind, Tessellator, TextShape,
};
use egui::{Color32, Pos2, Rect, Stroke, Vec2, pos2, vec2};

/// One piece of an outline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Segment {
    Move(Pos2),
    Line(Pos2),
    Cubic(Pos2, Pos2, Pos2),
    Close,
}

/// A glyph of a run of text: where it sits along the baseline, from the run's origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// The glyph in the run's face; None for the characters of a cluster after its first (they
    /// are drawn by the first glyph) and for characters no face has.
    pub id: Option<u16>,
    pub x: f32,
    pub advance: f32,
    /// The characters this glyph stands for (what a reader copies).
    pub text: char,
}

/// Text in one face, size and colour, on one baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub face: usize,
    /// The em size in points.
    pub size: f32,
    pub color: Color32,
    /// The start of the baseline.
    pub origin: Pos2,
    /// Rotation about `origin`, in radians, clockwise on the page.
    pub angle: f32,
    pub glyphs: Vec<Glyph>,
}

/// What a vector backend draws: everything egui paints comes to these three calls.
pub trait Draw {
    /// Shapes from now on are clipped to `rect`; None is the whole page.
    fn clip(&mut self, rect: Option<Rect>);
    /// An outline, filled (unless transparent) then stroked on its centre line.
    fn outline(&mut self, segments: &[Segment], fill: Color32, stroke: Stroke);
    fn text(&mut self, run: &Run, faces: &Faces);
}

/// Walks egui's shapes for a page of `size` points into `draw`.
pub fn walk(shapes: &[ClippedShape], size: Vec2, faces: &mut Faces, draw: &mut dyn Draw) {
    let page = Rect::from_min_size(Pos2::ZERO, size);
    let mut clip = None;
    for clipped in shapes {
        let wanted = (!clipped.clip_rect.contains_rect(page)).then_some(clipped.clip_rect);
        if wanted != clip {
            clip = wanted;
            draw.clip(clip);
        }
        shape(&clipped.shape, faces, draw);
    }
    if clip.is_some() {
        draw.clip(None);
    }
}

fn shape(shape: &Shape, faces: &mut Faces, draw: &mut dyn Draw) {
    match shape {
        Shape::Noop | Shape::Callback(_) => {}
        Shape::Vec(shapes) => {
            for s in shapes {
                self::shape(s, faces, draw);
            }
        }
        Shape::Rect(r) => rect(r, draw),
        Shape::Circle(CircleShape {
            center,
            radius,
            fill,
            stroke,
        }) => draw.outline(
            &ellipse(*center, vec2(*radius, *radius), 0.0),
            *fill,
            *stroke,
        ),
        Shape::Ellipse(EllipseShape {
            center,
            radius,
            fill,
            stroke,
            angle,
        }) => draw.outline(&ellipse(*center, *radius, *angle), *fill, *stroke),
        Shape::LineSegment { points, stroke } => draw.outline(
            &[Segment::Move(points[0]), Segment::Line(points[1])],
            Color32::TRANSPARENT,
            *stroke,
        ),
        Shape::Path(p) => path(p, draw),
        Shape::QuadraticBezier(QuadraticBezierShape {
            points: [a, c, b],
            closed,
            fill,
            stroke,
        }) => curve(
            *a,
            *a + (*c - *a) * (2.0 / 3.0),
            *b + (*c - *b) * (2.0 / 3.0),
            *b,
            *closed,
            *fill,
            stroke,
            shape,
            draw,
        ),
        Shape::CubicBezier(CubicBezierShape {
            points: [a, c1, c2, b],
            closed,
            fill,
            stroke,
        }) => curve(*a, *c1, *c2, *b, *closed, *fill, stroke, shape, draw),
        Shape::Text(t) => text(t, faces, draw),
        Shape::Mesh(mesh) => triangles(mesh, draw),
        // Not drawn by the map; kept exact by drawing egui's own triangles.
        Shape::Band(_) => tessellated(shape, draw),
    }
}

/// A rectangle with rounded corners, its stroke inside, on or outside its edge as egui draws it.
fn rect(r: &RectShape, draw: &mut dyn Draw) {
    let radius = |r: &RectShape, grow: f32| {
        let c = r.corner_radius;
        [c.nw, c.ne, c.se, c.sw].map(|v| (f32::from(v) + grow).max(0.0))
    };
    let turn = |p: Pos2| rotate(p, r.rect.center(), r.angle);
    if r.fill != Color32::TRANSPARENT {
        draw.outline(&rounded(r.rect, radius(r, 0.0), turn), r.fill, Stroke::NONE);
    }
    if r.stroke.width > 0.0 && r.stroke.color != Color32::TRANSPARENT {
        let grow = match r.stroke_kind {
            StrokeKind::Inside => -r.stroke.width / 2.0,
            StrokeKind::Middle => 0.0,
            StrokeKind::Outside => r.stroke.width / 2.0,
        };
        draw.outline(
            &rounded(r.rect.expand(grow), radius(r, grow), turn),
            Color32::TRANSPARENT,
            r.stroke,
        );
    }
}

/// How far a cubic's control points sit along the tangents for a quarter circle.
const KAPPA: f32 = 0.552_284_8;

/// A rectangle's outline with corner radii `[nw, ne, se, sw]`, each point passed through `turn`.
fn rounded(r: Rect, radii: [f32; 4], turn: impl Fn(Pos2) -> Pos2) -> Vec<Segment> {
    let limit = r.width().min(r.height()) / 2.0;
    let [nw, ne, se, sw] = radii.map(|v| v.min(limit));
    let (l, t, rt, b) = (r.left(), r.top(), r.right(), r.bottom());
    let k = |v: f32| v * (1.0 - KAPPA);
    let mut s = vec![
        Segment::Move(pos2(l + nw, t)),
        Segment::Line(pos2(rt - ne, t)),
    ];
    if ne > 0.0 {
        s.push(Segment::Cubic(
            pos2(rt - k(ne), t),
            pos2(rt, t + k(ne)),
            pos2(rt, t + ne),
        ));
    }
    s.push(Segment::Line(pos2(rt, b - se)));
    if se > 0.0 {
        s.push(Segment::Cubic(
            pos2(rt, b - k(se)),
            pos2(rt - k(se), b),
            pos2(rt - se, b),
        ));
    }
    s.push(Segment::Line(pos2(l + sw, b)));
    if sw > 0.0 {
        s.push(Segment::Cubic(
            pos2(l + k(sw), b),
            pos2(l, b - k(sw)),
            pos2(l, b - sw),
        ));
    }
    s.push(Segment::Line(pos2(l, t + nw)));
    if nw > 0.0 {
        s.push(Segment::Cubic(
            pos2(l, t + k(nw)),
            pos2(l + k(nw), t),
            pos2(l + nw, t),
        ));
    }
    s.push(Segment::Close);
    for segment in &mut s {
        *segment = match *segment {
            Segment::Move(p) => Segment::Move(turn(p)),
            Segment::Line(p) => Segment::Line(turn(p)),
            Segment::Cubic(a, b, c) => Segment::Cubic(turn(a), turn(b), turn(c)),
            Segment::Close => Segment::Close,
        };
    }
    s
}

/// An ellipse as four cubics.
fn ellipse(center: Pos2, radius: Vec2, angle: f32) -> Vec<Segment> {
    let at = |x: f32, y: f32| rotate(center + vec2(x * radius.x, y * radius.y), center, angle);
    let k = KAPPA;
    vec![
        Segment::Move(at(1.0, 0.0)),
        Segment::Cubic(at(1.0, k), at(k, 1.0), at(0.0, 1.0)),
        Segment::Cubic(at(-k, 1.0), at(-1.0, k), at(-1.0, 0.0)),
        Segment::Cubic(at(-1.0, -k), at(-k, -1.0), at(0.0, -1.0)),
        Segment::Cubic(at(k, -1.0), at(1.0, -k), at(1.0, 0.0)),
        Segment::Close,
    ]
}

fn rotate(p: Pos2, about: Pos2, angle: f32) -> Pos2 {
    if angle == 0.0 {
        return p;
    }
    about + egui::emath::Rot2::from_angle(angle) * (p - about)
}

fn path(p: &PathShape, draw: &mut dyn Draw) {
    let (Some(&first), ColorMode::Solid(color)) = (p.points.first(), &p.stroke.color) else {
        // A gradient along the stroke: egui's own triangles.
        return tessellated(&Shape::Path(p.clone()), draw);
    };
    if p.stroke.kind != StrokeKind::Middle && p.stroke.width > 0.0 {
        return tessellated(&Shape::Path(p.clone()), draw);
    }
    let mut segments = Vec::with_capacity(p.points.len() + 1);
    segments.push(Segment::Move(first));
    segments.extend(p.points[1..].iter().map(|&q| Segment::Line(q)));
    if p.closed {
        segments.push(Segment::Close);
    }
    draw.outline(&segments, p.fill, Stroke::new(p.stroke.width, *color));
}

#[allow(clippy::too_many_arguments)]
fn curve(
    a: Pos2,
    c1: Pos2,
    c2: Pos2,
    b: Pos2,
    closed: bool,
    fill: Color32,
    stroke: &egui::epaint::PathStroke,
    whole: &Shape,
    draw: &mut dyn Draw,
) {
    let ColorMode::Solid(color) = stroke.color else {
        return tessellated(whole, draw);
    };
    let mut segments = vec![Segment::Move(a), Segment::Cubic(c1, c2, b)];
    if closed {
        segments.push(Segment::Close);
    }
    draw.outline(&segments, fill, Stroke::new(stroke.width, color));
}

/// A mesh as filled triangles (one colour each: egui's meshes here are flat-coloured).
fn triangles(mesh: &Mesh, draw: &mut dyn Draw) {
    let vertex = |i: &u32| mesh.vertices.get(*i as usize);
    for tri in mesh.indices.chunks_exact(3) {
        let (Some(a), Some(b), Some(c)) = (vertex(&tri[0]), vertex(&tri[1]), vertex(&tri[2]))
        else {
            continue;
        };
        if a.color.a() == 0 {
            continue;
        }
        draw.outline(
            &[
                Segment::Move(a.pos),
                Segment::Line(b.pos),
                Segment::Line(c.pos),
                Segment::Close,
            ],
            a.color,
            Stroke::NONE,
        );
    }
}

/// A shape with no vector equivalent here, as egui's triangles.
fn tessellated(shape: &Shape, draw: &mut dyn Draw) {
    let mut tessellator = Tessellator::new(1.0, Default::default(), [1, 1], Vec::new());
    let mut mesh = Mesh::default();
    tessellator.tessellate_shape(shape.clone(), &mut mesh);
    triangles(&mesh, draw);
}

/// A galley as runs of glyphs: one per stretch of a row in one face, size and colour. Glyphs sit
/// where egui placed them, so the text breaks and fits exactly as on screen.
fn text(t: &TextShape, faces: &mut Faces, draw: &mut dyn Draw) {
    let galley = &t.galley;
    let sections = &galley.job.sections;
    // One glyph per character, newlines aside (see render::text); the section of each character.
    let mut section_of = Vec::with_capacity(galley.job.text.len());
    for (i, section) in sections.iter().enumerate() {
        let Some(part) = galley
            .job
            .text
            .get(section.byte_range.start.0..section.byte_range.end.0)
        else {
            continue;
        };
        section_of.extend(part.chars().filter(|&c| c != '\n').map(|_| i));
    }
    let opacity = t.opacity_factor;
    let mut k = 0;
    for placed in &galley.rows {
        let mut run: Option<Run> = None;
        for glyph in &placed.row.glyphs {
            let section = section_of
                .get(k)
                .or(section_of.last())
                .and_then(|&i| sections.get(i));
            k += 1;
            let Some(section) = section else { continue };
            let format = &section.format;
            let mut color = t.override_text_color.unwrap_or(format.color);
            if color == Color32::PLACEHOLDER {
                color = t.fallback_color;
            }
            if opacity < 1.0 {
                color = color.gamma_multiply(opacity);
            }
            let drawn = faces.drawn(&format.font_id.family, glyph.chr);
            let visible = glyph.uv_rect.size != Vec2::ZERO;
            let face = drawn.map_or(0, |d| d.face);
            let data = faces.faces.get(face).map(|f| f.data.tweak.clone());
            let (scale, y_offset) = data.map_or((1.0, 0.0), |tw| {
                (
                    tw.scale,
                    format.font_id.size * tw.scale * tw.y_offset_factor + tw.y_offset,
                )
            });
            let size = format.font_id.size * scale;
            let baseline = t.pos + placed.pos.to_vec2() + vec2(0.0, glyph.pos.y + y_offset);
            let same = run.as_ref().is_some_and(|r| {
                r.face == face
                    && r.size == size
                    && r.color == color
                    && (r.origin.y - baseline.y).abs() < 0.01
            });
            if !same {
                if let Some(done) = run.take() {
                    emit(done, t, draw, faces);
                }
                run = Some(Run {
                    face,
                    size,
                    color,
                    origin: pos2(t.pos.x + placed.pos.x, baseline.y),
                    angle: t.angle,
                    glyphs: Vec::new(),
                });
            }
            if let Some(run) = &mut run {
                let mut x = glyph.pos.x;
                let mut id = drawn
                    .filter(|_| visible || glyph.chr == ' ')
                    .map(|Drawn { glyph, .. }| glyph);
                // A letter egui's shaper joined to the one before (a ligature such as "fi"):
                // the letters' own glyphs, side by side, stand in for the ligature's glyph.
                if let (Some(previous), Some(drawn)) = (run.glyphs.last_mut(), drawn)
                    && glyph.advance_width == 0.0
                    && glyph.chr.is_alphabetic()
                    && previous.text.is_alphabetic()
                    && let Some(own) = previous
                        .id
                        .and_then(|g| faces.advance(Drawn { glyph: g, ..drawn }, size))
                {
                    previous.advance = own;
                    x = previous.x + own;
                    id = Some(drawn.glyph);
                }
                run.glyphs.push(Glyph {
                    id,
                    x,
                    advance: glyph.advance_width,
                    text: glyph.chr,
                });
            }
        }
        if let Some(done) = run.take() {
            emit(done, t, draw, faces);
        }
    }
}

/// Hands a run to the backend, turned about the text's anchor when the text is rotated.
fn emit(mut run: Run, t: &TextShape, draw: &mut dyn Draw, faces: &Faces) {
    if t.angle != 0.0 {
        run.origin = rotate(run.origin, t.pos, t.angle);
    }
    if run.glyphs.iter().any(|g| !g.text.is_whitespace()) {
        draw.text(&run, faces);
    }
}
