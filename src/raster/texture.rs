//! Textures uploaded by egui (font atlas, user images), kept on the CPU for sampling.

use std::collections::HashMap;

use egui::epaint::{ImageData, ImageDelta, TextureId};
use egui::{TextureFilter, TextureOptions, TextureWrapMode, TexturesDelta};

/// One texture: premultiplied sRGBA texels, row-major.
pub(super) struct Texture {
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) texels: Vec<[u8; 4]>,
    pub(super) options: TextureOptions,
}

impl Texture {
    fn from_delta(image: &ImageData, options: TextureOptions) -> Self {
        let ImageData::Color(image) = image;
        let [width, height] = image.size;
        let mut texels: Vec<[u8; 4]> = image.pixels.iter().map(|c| c.to_array()).collect();
        // A malformed image must not make sampling index out of bounds.
        texels.resize(width.saturating_mul(height), [0; 4]);
        Self {
            width,
            height,
            texels,
            options,
        }
    }

    /// Copies a patch into this texture; parts outside the texture are dropped.
    fn patch(&mut self, pos: [usize; 2], image: &ImageData, options: TextureOptions) {
        let ImageData::Color(image) = image;
        let [patch_w, patch_h] = image.size;
        let [x0, y0] = pos;
        if x0 >= self.width || y0 >= self.height || patch_w == 0 {
            return;
        }
        let copy_w = patch_w.min(self.width - x0);
        for (row, src) in image.pixels.chunks(patch_w).take(patch_h).enumerate() {
            let y = y0 + row;
            if y >= self.height {
                break;
            }
            let start = y * self.width + x0;
            for (dst, src) in self.texels[start..start + copy_w].iter_mut().zip(src) {
                *dst = src.to_array();
            }
        }
        self.options = options;
    }

    /// The texel at integer coordinates, wrapped as the texture's options say.
    fn fetch(&self, x: i64, y: i64) -> [f32; 4] {
        let wrap = self.options.wrap_mode;
        let x = wrap_index(x, self.width, wrap);
        let y = wrap_index(y, self.height, wrap);
        self.texels[y * self.width + x].map(f32::from)
    }

    /// Samples at texel-space coordinates (`u * width - 0.5`, so integers are texel centres),
    /// returning channels in 0..=255. Empty textures are transparent.
    pub(super) fn sample(&self, tx: f32, ty: f32, filter: TextureFilter) -> [f32; 4] {
        if self.width == 0 || self.height == 0 {
            return [0.0; 4];
        }
        match filter {
            TextureFilter::Nearest => self.fetch(floor_i64(tx + 0.5), floor_i64(ty + 0.5)),
            TextureFilter::Linear => {
                let (x0, y0) = (floor_i64(tx), floor_i64(ty));
                let (wx, wy) = (tx - x0 as f32, ty - y0 as f32);
                let (x1, y1) = (x0.saturating_add(1), y0.saturating_add(1));
                let (t00, t10) = (self.fetch(x0, y0), self.fetch(x1, y0));
                let (t01, t11) = (self.fetch(x0, y1), self.fetch(x1, y1));
                std::array::from_fn(|i| {
                    let top = t00[i] + (t10[i] - t00[i]) * wx;
                    let bottom = t01[i] + (t11[i] - t01[i]) * wx;
                    top + (bottom - top) * wy
                })
            }
        }
    }
}

/// `f32::floor` without the libm call it compiles to on baseline x86-64; saturates.
fn floor_i64(v: f32) -> i64 {
    let t = v as i64;
    t.saturating_sub(i64::from(t as f32 > v))
}

/// Maps an integer texel coordinate into `0..n` (`n > 0`).
fn wrap_index(i: i64, n: usize, mode: TextureWrapMode) -> usize {
    let n = n as i64;
    let i = match mode {
        TextureWrapMode::ClampToEdge => i.clamp(0, n - 1),
        TextureWrapMode::Repeat => i.rem_euclid(n),
        TextureWrapMode::MirroredRepeat => {
            let m = i.rem_euclid(2 * n);
            if m < n { m } else { 2 * n - 1 - m }
        }
    };
    i as usize
}

/// Textures known to the rasteriser, kept across passes; apply every `TexturesDelta` of every
/// pass, in order.
#[derive(Default)]
pub struct TextureStore {
    textures: HashMap<TextureId, Texture>,
    /// egui frees a texture only after the pass that announced it has been painted,
    /// so frees wait for the next `apply`.
    pending_free: Vec<TextureId>,
}

impl TextureStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies one pass's delta: whole and partial (`pos: Some`) updates, in order per texture.
    /// The textures it frees stay usable until the next call, because the primitives of the
    /// pass that carried the delta may still use them.
    pub fn apply(&mut self, delta: &TexturesDelta) {
        for id in self.pending_free.drain(..) {
            self.textures.remove(&id);
        }
        for (id, deltas) in &delta.set {
            for delta in deltas {
                self.set(*id, delta);
            }
        }
        self.pending_free.extend(delta.free.iter().copied());
    }

    fn set(&mut self, id: TextureId, delta: &ImageDelta) {
        match delta.pos {
            None => {
                self.textures
                    .insert(id, Texture::from_delta(&delta.image, delta.options));
            }
            Some(pos) => {
                // A patch for a texture never uploaded has nothing to land on.
                if let Some(texture) = self.textures.get_mut(&id) {
                    texture.patch(pos, &delta.image, delta.options);
                }
            }
        }
    }

    pub(super) fn get(&self, id: TextureId) -> Option<&Texture> {
        self.textures.get(&id)
    }
}
