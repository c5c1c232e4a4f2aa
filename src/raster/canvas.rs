//! The image being drawn into.

use egui::{ClippedPrimitive, Color32};

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
    /// A background not yet written into `pixels` (which are zero until then). First touching a
    /// big canvas (page faults) costs about as much as drawing it, so the drawing threads do it,
    /// each for its own rows.
    pending_background: Option<[u8; 4]>,
    /// Drawn over an opaque background, every pixel stays opaque (src + dst·(1−αsrc) keeps
    /// α = 255 exactly), so the straight form equals the premultiplied one.
    opaque: bool,
}

impl Canvas {
    /// A canvas filled with `background` (premultiplied, as all egui colours are).
    pub fn new(width: u32, height: u32, background: Color32) -> Self {
        let background = background.to_array();
        Self {
            width,
            height,
            // Zeroed memory comes straight from the OS, untouched until written.
            pixels: vec![[0; 4]; width as usize * height as usize],
            pending_background: (background != [0; 4]).then_some(background),
            opaque: background[3] == 255,
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
        // Each thread draws every primitive, clipped to its own band of rows.
        let rows_per_band = (self.height as usize).div_ceil(bands);
        let mut chunks = self.pixels.chunks_mut(rows_per_band * width).enumerate();
        let background = self.pending_background.take();
        let draw = |(i, pixels): (usize, &mut [[u8; 4]])| {
            if let Some(background) = background {
                pixels.fill(background);
            }
            let band = Band {
                pixels,
                width,
                y0: i * rows_per_band,
            };
            draw_band(band, primitives, textures, pixels_per_point);
        };
        let first = chunks.next();
        std::thread::scope(|scope| {
            for rest in chunks {
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
        let [r, g, b, a] = self
            .pending_background
            .unwrap_or(self.pixels[y as usize * self.width as usize + x as usize]);
        Color32::from_rgba_premultiplied(r, g, b, a)
    }

    /// Straight (un-premultiplied) RGBA8 bytes, row-major, ready for a PNG encoder.
    pub fn into_rgba8(mut self) -> Vec<u8> {
        if let Some(background) = self.pending_background {
            self.pixels.fill(background);
        }
        if self.opaque {
            return self.pixels.into_flattened();
        }
        for p in &mut self.pixels {
            match p[3] {
                255 => {}
                // Additive colours (alpha 0, colour > 0) have no straight form: drop them.
                0 => *p = [0; 4],
                a => {
                    *p = Color32::from_rgba_premultiplied(p[0], p[1], p[2], a)
                        .to_srgba_unmultiplied()
                }
            }
        }
        self.pixels.into_flattened()
    }
}
