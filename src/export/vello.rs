//! vello_cpu as a third picture backend, built only for `benches/vello.rs` (feature `vello`):
//! issue 14 asked whether it draws the PNG as fast as src/raster. It draws the vector walk that
//! the SVG and PDF writers draw, so it shows the same picture.

use super::faces::Faces;
use super::vector::{Draw, Run, Segment};
use egui::{Color32, Pos2, Rect, Stroke};
use std::sync::Arc;
use vello_cpu::kurbo::{self, Affine, BezPath};
use vello_cpu::peniko::{Blob, Color, FontData};
use vello_cpu::{Glyph, Pixmap, RenderContext, Resources};

pub struct Vello {
    ctx: RenderContext,
    resources: Resources,
    clipped: bool,
    fonts: Vec<Option<FontData>>,
}

/// A face's bytes for vello, shared with egui's copy rather than copied.
struct Bytes(Arc<egui::epaint::text::FontData>);

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        (*self.0.font).as_ref()
    }
}

fn color(c: Color32) -> Color {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    Color::from_rgba8(r, g, b, a)
}

fn point(p: Pos2) -> kurbo::Point {
    kurbo::Point::new(f64::from(p.x), f64::from(p.y))
}

impl Vello {
    /// A canvas of `width` × `height` pixels showing points at `scale`.
    pub fn new(width: u16, height: u16, scale: f32) -> Self {
        let mut ctx = RenderContext::new(width, height);
        ctx.set_transform(Affine::scale(f64::from(scale)));
        Self {
            ctx,
            resources: Resources::new(),
            clipped: false,
            fonts: Vec::new(),
        }
    }

    pub fn background(&mut self, rect: Rect, fill: Color32) {
        self.ctx.set_paint(color(fill));
        self.ctx.fill_rect(&kurbo::Rect::new(
            f64::from(rect.left()),
            f64::from(rect.top()),
            f64::from(rect.right()),
            f64::from(rect.bottom()),
        ));
    }

    /// Rasterises everything drawn, as premultiplied RGBA.
    pub fn finish(mut self) -> Pixmap {
        self.ctx.flush();
        let mut pixmap = Pixmap::new(self.ctx.width(), self.ctx.height());
        self.ctx.render(&mut pixmap, &mut self.resources);
        pixmap
    }

    fn font(&mut self, face: usize, faces: &Faces) -> Option<FontData> {
        if self.fonts.len() <= face {
            self.fonts.resize(face + 1, None);
        }
        if self.fonts[face].is_none() {
            let data = faces.faces.get(face)?.data.clone();
            let index = data.index;
            self.fonts[face] = Some(FontData::new(Blob::new(Arc::new(Bytes(data))), index));
        }
        self.fonts[face].clone()
    }
}

impl Draw for Vello {
    fn clip(&mut self, rect: Option<Rect>) {
        if self.clipped {
            self.ctx.pop_layer();
        }
        self.clipped = rect.is_some();
        if let Some(r) = rect {
            let rect = kurbo::Rect::new(
                f64::from(r.left()),
                f64::from(r.top()),
                f64::from(r.right()),
                f64::from(r.bottom()),
            );
            self.ctx.push_clip_layer(&kurbo::Shape::to_path(&rect, 0.1));
        }
    }

    fn outline(&mut self, segments: &[Segment], fill: Color32, stroke: Stroke) {
        let mut path = BezPath::new();
        for segment in segments {
            match *segment {
                Segment::Move(p) => path.move_to(point(p)),
                Segment::Line(p) => path.line_to(point(p)),
                Segment::Cubic(a, b, c) => path.curve_to(point(a), point(b), point(c)),
                Segment::Close => path.close_path(),
            }
        }
        if fill.a() > 0 {
            self.ctx.set_paint(color(fill));
            self.ctx.fill_path(&path);
        }
        if stroke.width > 0.0 && stroke.color.a() > 0 {
            self.ctx.set_paint(color(stroke.color));
            self.ctx
                .set_stroke(kurbo::Stroke::new(f64::from(stroke.width)));
            self.ctx.stroke_path(&path);
        }
    }

    fn text(&mut self, run: &Run, faces: &Faces) {
        let Some(font) = self.font(run.face, faces) else {
            return;
        };
        let glyphs = run.glyphs.iter().filter_map(|g| {
            Some(Glyph {
                id: u32::from(g.id?),
                x: g.x,
                y: 0.0,
            })
        });
        let at = Affine::translate((f64::from(run.origin.x), f64::from(run.origin.y)))
            * Affine::rotate(f64::from(run.angle));
        let scene = *self.ctx.transform();
        self.ctx.set_transform(scene * at);
        self.ctx.set_paint(color(run.color));
        self.ctx
            .glyph_run(&mut self.resources, &font)
            .font_size(run.size)
            .hint(false)
            .fill_glyphs(glyphs);
        self.ctx.set_transform(scene);
    }
}
