//! CPU rasteriser for egui output: draws tessellated egui meshes into an RGBA image without a
//! GPU, blending exactly like egui's GPU backends (premultiplied sRGB, gamma-space blending,
//! bilinear textures), plus [`render_headless`] to run a ui and rasterise it in one call.

mod bins;
mod canvas;
mod scan;
mod strips;
mod texture;

#[cfg(test)]
mod tests;

pub use canvas::Canvas;
pub use strips::Strips;
pub use texture::TextureStore;

use egui::{
    ClippedPrimitive, Color32, Context, FullOutput, Pos2, RawInput, Rect, TexturesDelta, Ui, Vec2,
    ViewportId,
};

/// egui asks for another pass when it needs one to measure what it lays out (fonts set up
/// before the first pass already take effect in it); more than this means something keeps
/// changing.
const MAX_PASSES: usize = 4;

/// egui's output for one headless picture: tessellated meshes, the textures they sample, and
/// the pixels per point they were made for.
pub struct Painted {
    pub primitives: Vec<ClippedPrimitive>,
    pub textures: TextureStore,
    pub pixels_per_point: f32,
}

/// Runs `paint` headless in a fresh egui Context for a canvas of `size` points at
/// `pixels_per_point`, as many passes as egui asks for (at most 4, so layout
/// settles), applying every textures delta of every pass in order, then tessellates the last
/// pass. `setup` configures the context first (fonts, theme/visuals, style).
pub fn paint_headless(
    size: Vec2,
    pixels_per_point: f32,
    setup: impl FnOnce(&Context),
    paint: impl FnMut(&mut Ui),
) -> Painted {
    let mut textures = TextureStore::new();
    let (ctx, output) = run_headless(size, pixels_per_point, setup, paint, |delta| {
        textures.apply(delta)
    });
    Painted {
        primitives: ctx.tessellate(output.shapes, output.pixels_per_point),
        textures,
        pixels_per_point: output.pixels_per_point,
    }
}

/// The passes of [`paint_headless`], untessellated: the context (for its fonts) and the last
/// pass's output, whose shapes the vector exports walk. `textures` sees every pass's delta.
pub fn run_headless(
    size: Vec2,
    pixels_per_point: f32,
    setup: impl FnOnce(&Context),
    mut paint: impl FnMut(&mut Ui),
    mut textures: impl FnMut(&TexturesDelta),
) -> (Context, FullOutput) {
    let ppp = valid_ppp(pixels_per_point);
    let size = Vec2::new(finite_or_zero(size.x), finite_or_zero(size.y));
    let ctx = Context::default();
    setup(&ctx);
    // Animations would make the picture depend on how many passes ran.
    ctx.all_styles_mut(|style| style.animation_time = 0.0);

    let screen = Rect::from_min_size(Pos2::ZERO, size);
    let mut input = RawInput {
        screen_rect: Some(screen),
        // The default (2048) is a GPU portability limit; big exports need a bigger font atlas.
        max_texture_side: Some(8192),
        ..Default::default()
    };
    if let Some(viewport) = input.viewports.get_mut(&ViewportId::ROOT) {
        // Unlike `set_pixels_per_point`, this takes effect in the very first pass.
        viewport.native_pixels_per_point = Some(ppp);
        viewport.inner_rect = Some(screen);
    }

    let mut pass = 0;
    let output = loop {
        input.time = Some(pass as f64 / 60.0);
        let mut output = ctx.run_ui(input.clone(), &mut paint);
        textures(&output.textures_delta);
        output.textures_delta.clear();
        pass += 1;
        let wants_repaint = output
            .viewport_output
            .get(&ViewportId::ROOT)
            .is_some_and(|viewport| viewport.repaint_delay.is_zero());
        if pass >= MAX_PASSES || !wants_repaint {
            break output;
        }
    };
    (ctx, output)
}

/// Rasterises what [`paint_headless`] produced onto a canvas of `size` points.
pub fn rasterise(painted: &Painted, size: Vec2, background: Color32) -> Canvas {
    let [width, height] = pixel_size(size, painted.pixels_per_point);
    let mut canvas = Canvas::new(width, height, background);
    canvas.draw(
        &painted.primitives,
        &painted.textures,
        painted.pixels_per_point,
    );
    canvas
}

/// The size in pixels of `size` points.
pub fn pixel_size(size: Vec2, pixels_per_point: f32) -> [u32; 2] {
    let pixels = |points: f32| (finite_or_zero(points) * pixels_per_point).round() as u32;
    [pixels(size.x), pixels(size.y)]
}

/// [`paint_headless`] then [`rasterise`]: a ui, headless, as pixels.
pub fn render_headless(
    size: Vec2,
    pixels_per_point: f32,
    background: Color32,
    setup: impl FnOnce(&Context),
    paint: impl FnMut(&mut Ui),
) -> Canvas {
    let painted = paint_headless(size, pixels_per_point, setup, paint);
    rasterise(&painted, size, background)
}

fn valid_ppp(pixels_per_point: f32) -> f32 {
    if pixels_per_point.is_finite() && pixels_per_point > 0.0 {
        pixels_per_point
    } else {
        1.0
    }
}

fn finite_or_zero(v: f32) -> f32 {
    if v.is_finite() { v.max(0.0) } else { 0.0 }
}
