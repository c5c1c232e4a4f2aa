//! A whole picture in memory, drawn into by one call per batch of meshes.

use egui::{ClippedPrimitive, Color32};

use super::bins::Bins;
use super::scan::{Band, draw_band};
use super::texture::TextureStore;

/// Below this many pixels, starting threads costs more than it saves.
const MIN_PIXELS_PER_THREAD: usize = 1 << 16;

/// A premultiplied sRGB RGBA image being drawn into.
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    /// Row-major, premultiplied `[r, g, b, a]`.
    pixels: Vec<[u8; 4]>,
}

impl Canvas {
    /// A canvas filled with `background` (premultiplied, as all egui colours are).
    pub fn new(width: u32, height: u32, background: Color32) -> Self {
        Self {
            width,
            height,
            pixels: vec![background.to_array(); width as usize * height as usize],
        }
    }

    /// Rasterises egui's tessellated output (positions in points) at `pixels_per_point`,
    /// blending like egui's GPU backends. Paint callbacks and meshes with unknown textures
    /// are skipped.
    pub fn draw(
        &mut self,
        primitives: &[ClippedPrimitive],
        textures: &TextureStore,
        pixels_per_point: f32,
    ) {
        let width = self.width as usize;
        if self.pixels.is_empty() || !(pixels_per_point.is_finite() && pixels_per_point > 0.0) {
            return;
        }
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let bands = threads
            .min(self.pixels.len() / MIN_PIXELS_PER_THREAD)
            .max(1);
        let rows_per_band = self.height.div_ceil(bands as u32);
        let bins = Bins::new(
            primitives,
            textures,
            pixels_per_point,
            self.height,
            rows_per_band,
        );
        let mut bands = self
            .pixels
            .chunks_mut(rows_per_band as usize * width)
            .zip(&bins.bins)
            .enumerate();
        let draw = |(i, (pixels, bin))| {
            let band = Band {
                pixels,
                width,
                y0: i * rows_per_band as usize,
            };
            draw_band(band, primitives, bin, textures, pixels_per_point);
        };
        let first = bands.next();
        std::thread::scope(|scope| {
            for rest in bands {
                scope.spawn(move || draw(rest));
            }
            if let Some(first) = first {
                draw(first);
            }
        });
    }

    /// The premultiplied colour at (`x`, `y`); transparent outside the canvas.
    pub fn pixel(&self, x: u32, y: u32) -> Color32 {
        if x >= self.width || y >= self.height {
            return Color32::TRANSPARENT;
        }
        let [r, g, b, a] = self.pixels[y as usize * self.width as usize + x as usize];
        Color32::from_rgba_premultiplied(r, g, b, a)
    }

    /// Straight (un-premultiplied) RGBA8 bytes, row-major, ready for a PNG encoder.
    pub fn into_rgba8(mut self) -> Vec<u8> {
        unpremultiply(&mut self.pixels);
        self.pixels.into_flattened()
    }
}

/// Premultiplied pixels to straight ones, in place.
pub(super) fn unpremultiply(pixels: &mut [[u8; 4]]) {
    for p in pixels {
        match p[3] {
            255 => {}
            // Additive colours (alpha 0, colour > 0) have no straight form: drop them.
            0 => *p = [0; 4],
            a => *p = Color32::from_rgba_premultiplied(p[0], p[1], p[2], a).to_srgba_unmultiplied(),
        }
    }
}
