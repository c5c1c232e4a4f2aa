//! The page as PDF (krilla): paths for shapes, and text as glyphs of the very fonts egui drew
//! with, subset and embedded, with each glyph's characters attached so that the text can be
//! selected, searched and copied. Text is tagged in reading (painting) order, shapes are
//! artifacts, so a screen reader reads the cards and skips the decoration.

use super::faces::Faces;
use super::vector::{Draw, Run, Segment};
use egui::{Color32, Rect, Stroke};
use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Node, SpanTag, Tag, TagGroup};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::collections::HashMap;

/// Draws onto one PDF page's surface.
pub struct Pdf<'a, 's> {
    surface: &'a mut Surface<'s>,
    fonts: HashMap<usize, Option<Font>>,
    /// A clip is pushed on the surface.
    clipped: bool,
    /// The picture's placement is pushed on the surface.
    transformed: bool,
    /// The tagged text, in order, for the document's tag tree.
    pub tags: Vec<Node>,
}

impl<'a, 's> Pdf<'a, 's> {
    pub fn new(surface: &'a mut Surface<'s>) -> Self {
        Self {
            surface,
            fonts: HashMap::new(),
            clipped: false,
            transformed: false,
            tags: Vec::new(),
        }
    }

    /// Fills `rect` with `color`, untagged (the page's background).
    pub fn background(&mut self, rect: Rect, color: Color32) {
        self.outline(&rectangle(rect), color, Stroke::NONE);
    }

    /// Pops what is still pushed (a clip, the placement); the tagged text, in order.
    pub fn finish(mut self) -> Vec<Node> {
        self.clip(None);
        if self.transformed {
            self.surface.pop();
        }
        self.tags
    }

    fn font(&mut self, face: usize, faces: &Faces) -> Option<Font> {
        self.fonts
            .entry(face)
            .or_insert_with(|| {
                let face = faces.faces.get(face)?;
                let data: krilla::Data = face.data.font.clone().into();
                Font::new(data, face.data.index)
            })
            .clone()
    }
}

impl Draw for Pdf<'_, '_> {
    fn clip(&mut self, rect: Option<Rect>) {
        if self.clipped {
            self.surface.pop();
            self.clipped = false;
        }
        if let Some(path) = rect.and_then(|r| path(&rectangle(r))) {
            self.surface.push_clip_path(&path, &FillRule::NonZero);
            self.clipped = true;
        }
    }

    fn outline(&mut self, segments: &[Segment], fill: Color32, stroke: Stroke) {
        let stroked = stroke.width > 0.0 && stroke.color.a() > 0;
        let Some(path) = path(segments) else { return };
        if fill.a() == 0 && !stroked {
            return;
        }
        // Decoration: a screen reader skips it.
        self.surface
            .start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Other,
            )));
        self.surface.set_fill((fill.a() > 0).then(|| solid(fill)));
        self.surface.set_stroke(stroked.then(|| {
            let Fill { paint, opacity, .. } = solid(stroke.color);
            krilla::paint::Stroke {
                paint,
                opacity,
                width: stroke.width,
                ..Default::default()
            }
        }));
        self.surface.draw_path(&path);
        self.surface.end_tagged();
    }

    fn text(&mut self, run: &Run, faces: &Faces) {
        let Some(font) = self.font(run.face, faces) else {
            return;
        };
        let size = run.size.max(0.01);
        let mut text = String::new();
        let mut glyphs: Vec<KrillaGlyph> = Vec::with_capacity(run.glyphs.len());
        let mut starts: Vec<f32> = Vec::with_capacity(run.glyphs.len());
        for glyph in &run.glyphs {
            let from = text.len();
            text.push(glyph.text);
            let range = from..text.len();
            match (glyph.id, glyphs.last_mut()) {
                // The rest of a cluster: its characters belong to the cluster's glyph.
                (None, Some(last)) if glyph.advance == 0.0 => last.text_range.end = range.end,
                (id, _) => {
                    glyphs.push(KrillaGlyph::new(
                        GlyphId::new(u32::from(id.unwrap_or(0))),
                        glyph.advance / size,
                        0.0,
                        0.0,
                        0.0,
                        range,
                        None,
                    ));
                    starts.push(glyph.x);
                }
            }
        }
        // Each glyph advances to where egui put the next one.
        for i in 1..glyphs.len() {
            glyphs[i - 1].x_advance = (starts[i] - starts[i - 1]) / size;
        }
        let first = starts.first().copied().unwrap_or(0.0);
        let rotated = run.angle != 0.0;
        if rotated {
            self.surface.push_transform(&Transform::from_rotate_at(
                run.angle.to_degrees(),
                run.origin.x,
                run.origin.y,
            ));
        }
        let id = self
            .surface
            .start_tagged(ContentTag::Span(SpanTag::empty()));
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(solid(run.color)));
        self.surface.draw_glyphs(
            Point::from_xy(run.origin.x + first, run.origin.y),
            &glyphs,
            font,
            &text,
            size,
            false,
        );
        self.surface.end_tagged();
        if rotated {
            self.surface.pop();
        }
        let mut paragraph = TagGroup::new(Tag::P);
        paragraph.push(id);
        self.tags.push(paragraph.into());
    }
}

fn solid(color: Color32) -> Fill {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::new(f32::from(a) / 255.0).unwrap_or(NormalizedF32::ONE),
        rule: FillRule::NonZero,
    }
}

fn rectangle(r: Rect) -> [Segment; 5] {
    [
        Segment::Move(r.left_top()),
        Segment::Line(r.right_top()),
        Segment::Line(r.right_bottom()),
        Segment::Line(r.left_bottom()),
        Segment::Close,
    ]
}

fn path(segments: &[Segment]) -> Option<Path> {
    let mut builder = PathBuilder::new();
    for segment in segments {
        match *segment {
            Segment::Move(p) => builder.move_to(p.x, p.y),
            Segment::Line(p) => builder.line_to(p.x, p.y),
            Segment::Cubic(a, b, c) => builder.cubic_to(a.x, a.y, b.x, b.y, c.x, c.y),
            Segment::Close => builder.close(),
        }
    }
    builder.finish()
}

/// The paper a PDF is printed on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    /// One page the size of the map.
    #[default]
    Fit,
    A4,
    A3,
    A2,
    A1,
    Letter,
    Tabloid,
}

impl Paper {
    pub const ALL: [Paper; 7] = [
        Paper::Fit,
        Paper::A4,
        Paper::A3,
        Paper::A2,
        Paper::A1,
        Paper::Letter,
        Paper::Tabloid,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Paper::Fit => "fit",
            Paper::A4 => "a4",
            Paper::A3 => "a3",
            Paper::A2 => "a2",
            Paper::A1 => "a1",
            Paper::Letter => "letter",
            Paper::Tabloid => "tabloid",
        }
    }

    /// Width and height in points, portrait; None for [`Paper::Fit`].
    pub fn size(self) -> Option<(f32, f32)> {
        let mm = |w: f32, h: f32| Some((w * 72.0 / 25.4, h * 72.0 / 25.4));
        match self {
            Paper::Fit => None,
            Paper::A4 => mm(210.0, 297.0),
            Paper::A3 => mm(297.0, 420.0),
            Paper::A2 => mm(420.0, 594.0),
            Paper::A1 => mm(594.0, 841.0),
            Paper::Letter => Some((612.0, 792.0)),
            Paper::Tabloid => Some((792.0, 1224.0)),
        }
    }
}

/// Margin around the map on a sheet of paper, in points (about 12 mm).
const PAPER_MARGIN: f32 = 34.0;

/// The page's size and how the picture of `size` sits on it: its offset and scale.
pub fn placement(size: egui::Vec2, paper: Paper, landscape: bool) -> (egui::Vec2, egui::Vec2, f32) {
    let Some((w, h)) = paper.size() else {
        return (size, egui::Vec2::ZERO, 1.0);
    };
    let (w, h) = if landscape { (h, w) } else { (w, h) };
    let room = egui::vec2(w - 2.0 * PAPER_MARGIN, h - 2.0 * PAPER_MARGIN);
    let scale = (room.x / size.x).min(room.y / size.y);
    let offset = (egui::vec2(w, h) - size * scale) / 2.0;
    (egui::vec2(w, h), offset, scale)
}

impl Pdf<'_, '_> {
    /// Places the picture on the page: moved by `offset`, then scaled.
    pub fn transform(&mut self, offset: egui::Vec2, scale: f32) {
        if offset != egui::Vec2::ZERO || scale != 1.0 {
            self.surface.push_transform(&Transform::from_row(
                scale, 0.0, 0.0, scale, offset.x, offset.y,
            ));
            self.transformed = true;
        }
    }
}

/// Title, subject (the journey's description) and creation date (`date` is YYYY-MM-DD).
pub fn metadata(journey: &crate::model::Journey, date: &str) -> krilla::metadata::Metadata {
    let mut metadata = krilla::metadata::Metadata::new()
        .title(journey.title.clone())
        .creator("Journeymap".to_owned())
        .language("en".to_owned());
    if !journey.description.trim().is_empty() {
        metadata = metadata.description(journey.description.clone());
    }
    let mut parts = date.split('-').map(|p| p.parse::<u16>().ok());
    if let (Some(Some(y)), Some(Some(m)), Some(Some(d))) =
        (parts.next(), parts.next(), parts.next())
    {
        let date = krilla::metadata::DateTime::new(y)
            .month(u8::try_from(m).unwrap_or(1))
            .day(u8::try_from(d).unwrap_or(1));
        metadata = metadata.creation_date(date);
    }
    metadata
}

/// The journey's RON as the PDF's attachment (see [`crate::io::pdf`]).
pub fn journey_file(journey: &crate::model::Journey) -> krilla::embed::EmbeddedFile {
    use crate::io::pdf::{FILE_NAME, MIME_TYPE};
    krilla::embed::EmbeddedFile {
        path: FILE_NAME.to_owned(),
        mime_type: krilla::embed::MimeType::new(MIME_TYPE),
        description: Some("The journey this map shows: open it in Journeymap".to_owned()),
        association_kind: krilla::embed::AssociationKind::Source,
        data: crate::io::to_ron(journey).into_bytes().into(),
        modification_date: None,
        compress: Some(true),
        location: None,
    }
}
