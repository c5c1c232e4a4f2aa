//! Which triangles each horizontal strip of a picture has to draw, found in one pass, so that
//! strips draw independently (in any order, on any thread) without each of them looking at
//! every triangle of the picture.

use egui::epaint::ClippedPrimitive;

use super::scan::{IRect, MAX_PX, drawable, scissor};
use super::texture::TextureStore;

/// The triangles one strip draws, in painting order.
#[derive(Default)]
pub(super) struct Bin {
    /// Runs of `triangles` from one primitive: (primitive index, end of the run).
    runs: Vec<(u32, u32)>,
    /// Triangle numbers within their mesh: triangle `t` is `mesh.indices[3t..3t + 3]`.
    triangles: Vec<u32>,
}

impl Bin {
    fn push(&mut self, primitive: u32, triangle: u32) {
        self.triangles.push(triangle);
        let end = self.triangles.len() as u32;
        match self.runs.last_mut() {
            Some((last, run_end)) if *last == primitive => *run_end = end,
            _ => self.runs.push((primitive, end)),
        }
    }

    /// (primitive index, its triangles) in painting order.
    pub(super) fn runs(&self) -> impl Iterator<Item = (usize, &[u32])> {
        let mut start = 0;
        self.runs.iter().map(move |&(primitive, end)| {
            let run = &self.triangles[start as usize..end as usize];
            start = end;
            (primitive as usize, run)
        })
    }
}

/// The strips of `rows_per_strip` rows (the last one may be shorter) of a picture `height`
/// pixels high, each with its bin.
pub(super) struct Bins {
    pub(super) rows_per_strip: u32,
    pub(super) bins: Vec<Bin>,
}

impl Bins {
    pub(super) fn new(
        primitives: &[ClippedPrimitive],
        textures: &TextureStore,
        pixels_per_point: f32,
        height: u32,
        rows_per_strip: u32,
    ) -> Self {
        let rows_per_strip = rows_per_strip.max(1);
        let mut bins: Vec<Bin> = (0..height.div_ceil(rows_per_strip))
            .map(|_| Bin::default())
            .collect();
        let canvas = IRect {
            x0: 0,
            y0: 0,
            x1: MAX_PX - 2,
            y1: i64::from(height).min(MAX_PX - 2),
        };
        let ppp = pixels_per_point;
        for (index, primitive) in primitives.iter().enumerate() {
            let Some((mesh, _)) = drawable(primitive, textures) else {
                continue;
            };
            let clip = scissor(primitive.clip_rect, ppp).intersect(canvas);
            if clip.is_empty() || index > u32::MAX as usize {
                continue;
            }
            // Rows a triangle can touch: its pixel rows, give or take one, within the clip.
            let (first_row, last_row) = (clip.y0 as f32, (clip.y1 - 1) as f32);
            for (triangle, tri) in mesh.indices.chunks_exact(3).enumerate() {
                let y = |k: usize| mesh.vertices.get(tri[k] as usize).map(|v| v.pos.y * ppp);
                let (Some(y0), Some(y1), Some(y2)) = (y(0), y(1), y(2)) else {
                    continue;
                };
                let (top, bottom) = (y0.min(y1).min(y2) - 1.0, y0.max(y1).max(y2) + 1.0);
                // Also rejects NaN, which fails every comparison.
                if !(top <= last_row && bottom >= first_row) {
                    continue;
                }
                // Saturating casts: the bounds are finite and clamped to the canvas here.
                let first = top.max(first_row) as u32 / rows_per_strip;
                let last = bottom.min(last_row) as u32 / rows_per_strip;
                for bin in &mut bins[first as usize..=last as usize] {
                    bin.push(index as u32, triangle as u32);
                }
            }
        }
        Self {
            rows_per_strip,
            bins,
        }
    }
}
