//! A picture cut into horizontal strips that draw independently: in any order, on any thread,
//! each into a small buffer that is reused. A big export never has to be in memory whole, and
//! its memory never has to be faulted in (which costs about as much as drawing it).

use egui::{Color32, Vec2};

use super::Painted;
use super::bins::Bins;
use super::canvas::unpremultiply;
use super::scan::{Band, draw_band};

pub struct Strips<'a> {
    painted: &'a Painted,
    width: u32,
    height: u32,
    background: [u8; 4],
    bins: Bins,
}

impl<'a> Strips<'a> {
    /// The strips of `rows_per_strip` rows (the last may be shorter) of what [`super::paint_headless`]
    /// produced, on a canvas of `size` points filled with `background`.
    pub fn new(painted: &'a Painted, size: Vec2, background: Color32, rows_per_strip: u32) -> Self {
        let [width, height] = super::pixel_size(size, painted.pixels_per_point);
        let bins = Bins::new(
            &painted.primitives,
            &painted.textures,
            painted.pixels_per_point,
            height,
            rows_per_strip,
        );
        Self {
            painted,
            width,
            height,
            background: background.to_array(),
            bins,
        }
    }

    /// The picture's size in pixels.
    pub fn size(&self) -> [u32; 2] {
        [self.width, self.height]
    }

    pub fn count(&self) -> usize {
        self.bins.bins.len()
    }

    /// Draws strip `index` into `buffer` (resized to fit) and returns it as straight RGBA8
    /// bytes, row-major; empty for an index past the last strip.
    pub fn draw<'b>(&self, index: usize, buffer: &'b mut Vec<[u8; 4]>) -> &'b [u8] {
        let width = self.width as usize;
        let rows = self.bins.rows_per_strip as usize;
        let y0 = index.saturating_mul(rows);
        let rows = rows.min((self.height as usize).saturating_sub(y0));
        buffer.clear();
        buffer.resize(rows * width, self.background);
        if let Some(bin) = self.bins.bins.get(index)
            && rows > 0
        {
            let painted = self.painted;
            let band = Band {
                pixels: buffer,
                width,
                y0,
            };
            draw_band(
                band,
                &painted.primitives,
                bin,
                &painted.textures,
                painted.pixels_per_point,
            );
        }
        // Over an opaque background every pixel stays opaque (src + dst·(1−αsrc) keeps α = 255
        // exactly), and the straight form of an opaque pixel is the pixel itself.
        if self.background[3] != 255 {
            unpremultiply(buffer);
        }
        buffer.as_flattened()
    }
}
