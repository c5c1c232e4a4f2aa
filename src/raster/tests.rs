use std::sync::Arc;

use egui::epaint::{
    ClippedPrimitive, ColorImage, ImageDelta, Mesh, PaintCallback, Primitive, TextureId, Vertex,
};
use egui::{Color32, Pos2, Rect, TextureOptions, TexturesDelta, Vec2, pos2, vec2};

use super::{Canvas, TextureStore, render_headless};

const BG: Color32 = Color32::from_rgb(200, 200, 200);
const USER: TextureId = TextureId::User(7);

fn upload(store: &mut TextureStore, id: TextureId, delta: ImageDelta) {
    let mut deltas = TexturesDelta::default();
    deltas.set.insert(id, [delta].into_iter().collect());
    store.apply(&deltas);
    deltas.clear();
}

/// A store holding what egui's font atlas guarantees: a white texel at `WHITE_UV`.
fn white_store() -> TextureStore {
    let mut store = TextureStore::new();
    let image = ColorImage::new([1, 1], vec![Color32::WHITE]);
    upload(
        &mut store,
        TextureId::default(),
        ImageDelta::full(image, TextureOptions::LINEAR),
    );
    store
}

fn clipped(mesh: Mesh, clip_rect: Rect) -> ClippedPrimitive {
    ClippedPrimitive {
        clip_rect,
        primitive: Primitive::Mesh(mesh),
    }
}

fn rect_mesh(rect: Rect, color: Color32) -> Mesh {
    let mut mesh = Mesh::default();
    mesh.add_colored_rect(rect, color);
    mesh
}

/// Asserts every pixel: `inside(x, y)` ones are `fill`, the others the background.
fn assert_pixels(canvas: &Canvas, fill: Color32, inside: impl Fn(u32, u32) -> bool) {
    for y in 0..canvas.height {
        for x in 0..canvas.width {
            let expected = if inside(x, y) { fill } else { BG };
            assert_eq!(canvas.pixel(x, y), expected, "pixel ({x}, {y})");
        }
    }
}

#[test]
fn filled_rect_has_exact_edges_at_ppp_1_and_2() {
    let store = white_store();
    let red = Color32::from_rgb(220, 20, 60);
    let rect = Rect::from_min_max(pos2(2.0, 3.0), pos2(7.0, 9.0));
    for ppp in [1u32, 2] {
        let mut canvas = Canvas::new(16 * ppp, 16 * ppp, BG);
        canvas.draw(
            &[clipped(rect_mesh(rect, red), Rect::EVERYTHING)],
            &store,
            ppp as f32,
        );
        assert_pixels(&canvas, red, |x, y| {
            (2 * ppp..7 * ppp).contains(&x) && (3 * ppp..9 * ppp).contains(&y)
        });
    }
}

#[test]
fn rect_edges_between_pixel_centres_follow_the_centres() {
    let store = white_store();
    let blue = Color32::from_rgb(10, 20, 230);
    // Centres 2.5 ..= 6.5 lie in [2.25, 6.75); 1.5 and 7.5 do not. Bottom edge on a centre
    // (5.5) excludes that row, top edge on a centre (1.5) includes it.
    let rect = Rect::from_min_max(pos2(2.25, 1.5), pos2(6.75, 5.5));
    let mut canvas = Canvas::new(10, 8, BG);
    canvas.draw(
        &[clipped(rect_mesh(rect, blue), Rect::EVERYTHING)],
        &store,
        1.0,
    );
    assert_pixels(&canvas, blue, |x, y| {
        (2..=6).contains(&x) && (1..=4).contains(&y)
    });
}

#[test]
fn clip_rect_clips_exactly() {
    let store = white_store();
    let green = Color32::from_rgb(0, 160, 0);
    let everything = Rect::from_min_max(pos2(-5.0, -5.0), pos2(50.0, 50.0));
    let clip = Rect::from_min_max(pos2(3.0, 4.0), pos2(10.0, 12.0));
    let mut canvas = Canvas::new(16, 16, BG);
    canvas.draw(&[clipped(rect_mesh(everything, green), clip)], &store, 1.0);
    assert_pixels(&canvas, green, |x, y| {
        (3..10).contains(&x) && (4..12).contains(&y)
    });

    // At ppp 2 the scissor rect is rounded like egui_glow's: 1.25 * 2 = 2.5 rounds to 3,
    // 5.2 * 2 = 10.4 to 10.
    let clip = Rect::from_min_max(pos2(1.25, 0.5), pos2(5.2, 4.0));
    let mut canvas = Canvas::new(16, 16, BG);
    canvas.draw(&[clipped(rect_mesh(everything, green), clip)], &store, 2.0);
    assert_pixels(&canvas, green, |x, y| {
        (3..10).contains(&x) && (1..8).contains(&y)
    });
}

#[test]
fn half_transparent_colour_blends_with_gpu_rounding() {
    let store = white_store();
    let half = Color32::from_rgba_premultiplied(100, 50, 0, 128);
    let rect = Rect::from_min_max(pos2(1.0, 1.0), pos2(3.0, 3.0));
    let mut canvas = Canvas::new(4, 4, BG);
    canvas.draw(
        &[clipped(rect_mesh(rect, half), Rect::EVERYTHING)],
        &store,
        1.0,
    );
    // c + 200 * (255 - 128) / 255 = c + 99.61
    assert_eq!(canvas.pixel(1, 1), Color32::from_rgb(200, 150, 100));
    assert_eq!(canvas.pixel(0, 0), BG);
}

#[test]
fn blending_matches_exact_rounding_for_all_alphas() {
    let store = white_store();
    for d in [0u8, 1, 77, 128, 254, 255] {
        let background = Color32::from_rgba_premultiplied(d, d, d, d);
        let mut mesh = Mesh::default();
        for a in 0..=255u32 {
            for c in (0..=a).step_by(3) {
                let color = Color32::from_rgba_premultiplied(c as u8, c as u8, 0, a as u8);
                let min = pos2(c as f32, a as f32);
                mesh.add_colored_rect(Rect::from_min_size(min, Vec2::splat(1.0)), color);
            }
        }
        let mut canvas = Canvas::new(256, 256, background);
        canvas.draw(&[clipped(mesh, Rect::EVERYTHING)], &store, 1.0);
        let round = |c: u32, a: u32| ((255 * c + u32::from(d) * (255 - a)) * 2 + 255) / 510;
        for a in 0..=255u32 {
            for c in (0..=a).step_by(3) {
                let expected = [round(c, a), round(c, a), round(0, a), round(a, a)];
                let got = canvas.pixel(c, a).to_array().map(u32::from);
                assert_eq!(got, expected, "colour {c}, alpha {a} over {d}");
            }
        }
    }
}

#[test]
fn shared_diagonal_through_pixel_centres_is_drawn_once() {
    let store = white_store();
    let half = Color32::from_rgba_premultiplied(0, 0, 100, 100);
    // Two triangles split along (0,0)-(8,8), which passes through every centre (i+.5, i+.5);
    // given in opposite windings, as egui does not keep one.
    let mut mesh = Mesh::default();
    for p in [
        pos2(0.0, 0.0),
        pos2(8.0, 0.0),
        pos2(8.0, 8.0),
        pos2(0.0, 8.0),
    ] {
        mesh.colored_vertex(p, half);
    }
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 3, 2);
    let mut once = Canvas::new(8, 8, BG);
    once.draw(&[clipped(mesh, Rect::EVERYTHING)], &store, 1.0);
    let expected = Color32::from_rgba_premultiplied(122, 122, 222, 255);
    for y in 0..8 {
        for x in 0..8 {
            assert_eq!(once.pixel(x, y), expected, "pixel ({x}, {y})");
        }
    }
}

fn checker() -> ColorImage {
    let (black, white) = (Color32::BLACK, Color32::WHITE);
    let pixels = (0..16usize)
        .map(|i| {
            if (i % 4 + i / 4).is_multiple_of(2) {
                black
            } else {
                white
            }
        })
        .collect();
    ColorImage::new([4, 4], pixels)
}

fn textured_quad(rect: Rect) -> ClippedPrimitive {
    let mut mesh = Mesh::with_texture(USER);
    let uv = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
    mesh.add_rect_with_uv(rect, uv, Color32::WHITE);
    clipped(mesh, Rect::EVERYTHING)
}

#[test]
fn textured_quad_samples_checker_and_partial_update() {
    let mut store = TextureStore::new();
    upload(
        &mut store,
        USER,
        ImageDelta::full(checker(), TextureOptions::LINEAR),
    );
    let red = Color32::from_rgb(255, 0, 0);
    let patch = ColorImage::new([2, 1], vec![red, red]);
    upload(
        &mut store,
        USER,
        ImageDelta::partial([1, 2], patch, TextureOptions::LINEAR),
    );

    let expected = |tx: u32, ty: u32| {
        if ty == 2 && (1..3).contains(&tx) {
            red
        } else if (tx + ty).is_multiple_of(2) {
            Color32::BLACK
        } else {
            Color32::WHITE
        }
    };
    // One texel per pixel.
    let mut canvas = Canvas::new(6, 6, BG);
    canvas.draw(
        &[textured_quad(Rect::from_min_size(
            pos2(1.0, 1.0),
            vec2(4.0, 4.0),
        ))],
        &store,
        1.0,
    );
    for y in 0..6 {
        for x in 0..6 {
            let inside = (1..5).contains(&x) && (1..5).contains(&y);
            let want = if inside { expected(x - 1, y - 1) } else { BG };
            assert_eq!(canvas.pixel(x, y), want, "pixel ({x}, {y})");
        }
    }

    // Magnified 2x with bilinear filtering: pixel centre x + 0.5 samples texel x / 2 - 0.25.
    let mut canvas = Canvas::new(8, 8, BG);
    canvas.draw(
        &[textured_quad(Rect::from_min_size(
            Pos2::ZERO,
            vec2(4.0, 4.0),
        ))],
        &store,
        2.0,
    );
    // Clamped at the corner: texel (0, 0) only.
    assert_eq!(canvas.pixel(0, 0), Color32::BLACK);
    // Texels (0,0) black, (1,0) white, (0,1) white, (1,1) black, weights 0.75/0.25 each way:
    // 255 * (0.75 * 0.25 + 0.25 * 0.75) = 95.6.
    assert_eq!(canvas.pixel(1, 1), Color32::from_gray(96));
    // Row 0, between texel (0,0) black and (1,0) white at weight 0.25: 63.75.
    assert_eq!(canvas.pixel(1, 0), Color32::from_gray(64));
}

#[test]
fn nearest_filter_magnifies_texels_into_blocks() {
    let mut store = TextureStore::new();
    upload(
        &mut store,
        USER,
        ImageDelta::full(checker(), TextureOptions::NEAREST),
    );
    let tint = Color32::from_rgba_premultiplied(128, 64, 0, 128);
    let mut mesh = Mesh::with_texture(USER);
    let uv = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
    mesh.add_rect_with_uv(Rect::from_min_size(Pos2::ZERO, vec2(4.0, 4.0)), uv, tint);
    let mut canvas = Canvas::new(12, 12, Color32::TRANSPARENT);
    canvas.draw(&[clipped(mesh, Rect::EVERYTHING)], &store, 3.0);
    for y in 0..12 {
        for x in 0..12 {
            let white = (x / 3 + y / 3) % 2 == 1;
            // Texel times vertex colour; black texels are opaque black.
            let want = if white {
                tint
            } else {
                Color32::from_rgba_premultiplied(0, 0, 0, 128)
            };
            assert_eq!(canvas.pixel(x, y), want, "pixel ({x}, {y})");
        }
    }
}

#[test]
fn into_rgba8_unpremultiplies() {
    let store = white_store();
    let half = Color32::from_rgba_premultiplied(100, 50, 0, 128);
    let mut canvas = Canvas::new(3, 1, Color32::TRANSPARENT);
    let meshes = [
        clipped(
            rect_mesh(Rect::from_min_size(Pos2::ZERO, vec2(1.0, 1.0)), half),
            Rect::EVERYTHING,
        ),
        clipped(
            rect_mesh(
                Rect::from_min_size(pos2(1.0, 0.0), vec2(1.0, 1.0)),
                Color32::from_rgb(9, 8, 7),
            ),
            Rect::EVERYTHING,
        ),
    ];
    canvas.draw(&meshes, &store, 1.0);
    assert_eq!(canvas.pixel(0, 0), half);
    // 100 * 255 / 128 = 199.2, 50 * 255 / 128 = 99.6.
    assert_eq!(
        canvas.into_rgba8(),
        vec![199, 100, 0, 128, 9, 8, 7, 255, 0, 0, 0, 0]
    );
}

#[test]
fn frees_take_effect_at_the_next_apply() {
    let mut store = white_store();
    let mut free = TexturesDelta::default();
    free.free.insert(TextureId::default());
    store.apply(&free);
    free.clear();
    let red = Color32::from_rgb(255, 0, 0);
    let primitives = [clipped(
        rect_mesh(Rect::from_min_size(Pos2::ZERO, vec2(1.0, 1.0)), red),
        Rect::EVERYTHING,
    )];
    let mut canvas = Canvas::new(1, 1, BG);
    canvas.draw(&primitives, &store, 1.0);
    assert_eq!(
        canvas.pixel(0, 0),
        red,
        "still usable by the pass that freed it"
    );
    store.apply(&TexturesDelta::default());
    let mut canvas = Canvas::new(1, 1, BG);
    canvas.draw(&primitives, &store, 1.0);
    assert_eq!(canvas.pixel(0, 0), BG, "gone one pass later");
}

#[test]
fn huge_triangles_are_clipped_not_dropped() {
    let store = white_store();
    let teal = Color32::from_rgb(0, 128, 128);
    // egui clamps infinite rects to ±1e7 points.
    let rect = Rect::from_min_max(pos2(-1e7, 2.0), pos2(1e7, 1e7));
    for ppp in [1.0, 2.0] {
        let mut canvas = Canvas::new(8, 8, BG);
        canvas.draw(
            &[clipped(rect_mesh(rect, teal), Rect::EVERYTHING)],
            &store,
            ppp,
        );
        let first_row = if ppp == 1.0 { 2 } else { 4 };
        assert_pixels(&canvas, teal, |_, y| y >= first_row);
    }
}

#[test]
fn odd_input_does_not_panic() {
    let store = white_store();
    let mut mesh = Mesh::default();
    let v = |x: f32, y: f32| Vertex {
        pos: pos2(x, y),
        uv: Pos2::ZERO,
        color: Color32::RED,
    };
    mesh.vertices = vec![
        v(0.0, 0.0),
        v(f32::NAN, 1.0),
        v(4.0, 4.0),
        v(1.0, 1.0),
        v(f32::INFINITY, 0.0),
    ];
    mesh.indices = vec![0, 1, 2, 0, 2, 99, 0, 3, 2, 0, 0, 0, 4, 2, 0, 1, 2];
    let callback = PaintCallback {
        rect: Rect::EVERYTHING,
        callback: Arc::new(()),
    };
    let primitives = [
        clipped(mesh, Rect::EVERYTHING),
        clipped(Mesh::default(), Rect::EVERYTHING),
        clipped(rect_mesh(Rect::EVERYTHING, Color32::RED), Rect::NOTHING),
        clipped(
            rect_mesh(Rect::EVERYTHING, Color32::RED),
            Rect::from_min_max(pos2(f32::NAN, 0.0), pos2(1.0, f32::NAN)),
        ),
        ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Callback(callback),
        },
        clipped(Mesh::with_texture(TextureId::User(404)), Rect::EVERYTHING),
    ];
    for (w, h) in [(0, 0), (0, 5), (5, 0), (5, 5)] {
        for ppp in [1.0, 0.0, -1.0, f32::NAN, 1e-6, 1e6] {
            let mut canvas = Canvas::new(w, h, BG);
            canvas.draw(&primitives, &store, ppp);
            assert_eq!(canvas.into_rgba8().len(), (w * h * 4) as usize);
        }
    }
    // Patches outside the texture or for unknown textures are ignored.
    let mut store = TextureStore::new();
    let patch = || ColorImage::new([3, 3], vec![Color32::RED; 9]);
    upload(
        &mut store,
        USER,
        ImageDelta::partial([0, 0], patch(), TextureOptions::LINEAR),
    );
    upload(
        &mut store,
        USER,
        ImageDelta::full(checker(), TextureOptions::LINEAR),
    );
    upload(
        &mut store,
        USER,
        ImageDelta::partial([3, 3], patch(), TextureOptions::LINEAR),
    );
    upload(
        &mut store,
        USER,
        ImageDelta::partial([9, 0], patch(), TextureOptions::LINEAR),
    );
    let empty = ColorImage::new([0, 0], vec![]);
    upload(
        &mut store,
        TextureId::User(8),
        ImageDelta::full(empty, TextureOptions::LINEAR),
    );
    let mut mesh = Mesh::with_texture(TextureId::User(8));
    let uv = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
    mesh.add_rect_with_uv(
        Rect::from_min_size(Pos2::ZERO, vec2(4.0, 4.0)),
        uv,
        Color32::WHITE,
    );
    let huge = Rect::from_min_max(pos2(-1e7, -1e7), pos2(1e7, 1e7));
    let mut canvas = Canvas::new(4, 4, BG);
    canvas.draw(
        &[clipped(mesh, Rect::EVERYTHING), textured_quad(huge)],
        &store,
        1.0,
    );
    assert_ne!(canvas.pixel(0, 0), BG, "the huge quad is drawn");
    let mut canvas = Canvas::new(4, 4, BG);
    canvas.draw(
        &[textured_quad(Rect::from_min_size(
            Pos2::ZERO,
            vec2(4.0, 4.0),
        ))],
        &store,
        1.0,
    );
    assert_eq!(
        canvas.pixel(0, 0),
        Color32::BLACK,
        "patch before upload ignored"
    );
    assert_eq!(canvas.pixel(3, 3), Color32::RED, "clipped patch applied");
}

#[test]
fn render_headless_draws_rect_and_label() {
    let background = Color32::from_rgb(250, 250, 250);
    let fill = Color32::from_rgb(30, 90, 200);
    let render = |ppp: f32| {
        render_headless(
            vec2(200.0, 100.0),
            ppp,
            background,
            |ctx| ctx.set_visuals(egui::Visuals::light()),
            |ui| {
                let rect = Rect::from_min_size(pos2(10.0, 10.0), vec2(40.0, 20.0));
                ui.painter().rect_filled(rect, 0.0, fill);
                let label = Rect::from_min_size(pos2(10.0, 50.0), vec2(180.0, 30.0));
                ui.put(label, egui::Label::new("Journey map export"));
            },
        )
    };
    for ppp in [1u32, 2] {
        let canvas = render(ppp as f32);
        assert_eq!((canvas.width, canvas.height), (200 * ppp, 100 * ppp));
        // The rect is pixel-aligned, so its feathering straddles the edge and the pixels inside
        // are exactly the fill, the ones outside exactly the background.
        for y in 0..40 * ppp {
            for x in 0..60 * ppp {
                let inside = (10 * ppp..50 * ppp).contains(&x) && (10 * ppp..30 * ppp).contains(&y);
                let want = if inside { fill } else { background };
                assert_eq!(canvas.pixel(x, y), want, "pixel ({x}, {y}) at ppp {ppp}");
            }
        }
        let text_pixels = (50 * ppp..80 * ppp)
            .flat_map(|y| (10 * ppp..190 * ppp).map(move |x| (x, y)))
            .filter(|&(x, y)| canvas.pixel(x, y) != background)
            .count();
        assert!(
            text_pixels > 50 * (ppp * ppp) as usize,
            "only {text_pixels} text pixels at ppp {ppp}"
        );
    }
}

/// A slow, obviously correct rasteriser: every triangle on its own, every pixel centre of the
/// scissor tested with the same fixed-point top-left rule, barycentric interpolation and
/// blending in f64.
fn reference_draw(
    (width, height): (u32, u32),
    background: Color32,
    primitives: &[ClippedPrimitive],
    store: &TextureStore,
    ppp: f32,
) -> Vec<[u8; 4]> {
    let (w, h) = (i64::from(width), i64::from(height));
    let mut pixels = vec![background.to_array(); (w * h) as usize];
    for primitive in primitives {
        let Primitive::Mesh(mesh) = &primitive.primitive else {
            continue;
        };
        let texture = store.get(mesh.texture_id).expect("texture uploaded");
        let clip = primitive.clip_rect;
        let px = |v: f32| (v * ppp).round() as i64;
        let (sx0, sy0) = (px(clip.min.x).clamp(0, w), px(clip.min.y).clamp(0, h));
        let (sx1, sy1) = (px(clip.max.x).clamp(sx0, w), px(clip.max.y).clamp(sy0, h));
        for tri in mesh.indices.chunks_exact(3) {
            let v = [tri[0], tri[1], tri[2]].map(|i| mesh.vertices[i as usize]);
            let snap = |c: f32| (f64::from(c) * f64::from(ppp) * 256.0).round() as i64;
            let f = v.map(|v| [snap(v.pos.x), snap(v.pos.y)]);
            let area = (f[1][0] - f[0][0]) * (f[2][1] - f[0][1])
                - (f[1][1] - f[0][1]) * (f[2][0] - f[0][0]);
            if area == 0 {
                continue;
            }
            let o = area.signum();
            for y in sy0..sy1 {
                for x in sx0..sx1 {
                    let (cx, cy) = (x * 256 + 128, y * 256 + 128);
                    let mut weights = [0.0; 3];
                    let inside = (0..3).all(|e| {
                        let (a, b) = (f[e], f[(e + 1) % 3]);
                        let (ea, eb) = ((a[1] - b[1]) * o, (b[0] - a[0]) * o);
                        let value = ea * (cx - a[0]) + eb * (cy - a[1]);
                        weights[(e + 2) % 3] = value as f64 / (area * o) as f64;
                        value > 0 || (value == 0 && (ea > 0 || (ea == 0 && eb > 0)))
                    });
                    if !inside {
                        continue;
                    }
                    let mix = |a: [f64; 3]| (0..3).map(|k| weights[k] * a[k]).sum::<f64>();
                    let u = mix(v.map(|v| f64::from(v.uv.x))) * texture.width as f64 - 0.5;
                    let t = mix(v.map(|v| f64::from(v.uv.y))) * texture.height as f64 - 0.5;
                    let texel = texture.sample(u as f32, t as f32, texture.options.magnification);
                    let s: [f64; 4] = std::array::from_fn(|i| {
                        let c = mix(v.map(|v| f64::from(v.color.to_array()[i])));
                        c * f64::from(texel[i]) / 65025.0
                    });
                    let d = &mut pixels[(y * w + x) as usize];
                    for i in 0..4 {
                        let out = s[i] * 255.0 + f64::from(d[i]) * (1.0 - s[3]);
                        d[i] = (out + 0.5).floor().clamp(0.0, 255.0) as u8;
                    }
                }
            }
        }
    }
    pixels
}

/// Runs `paint` for two passes and returns the tessellated last pass with its textures.
fn tessellate(
    size: Vec2,
    ppp: f32,
    mut paint: impl FnMut(&mut egui::Ui),
) -> (Vec<ClippedPrimitive>, TextureStore) {
    let ctx = egui::Context::default();
    let mut input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
        ..Default::default()
    };
    if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
        viewport.native_pixels_per_point = Some(ppp);
    }
    let mut store = TextureStore::new();
    let mut shapes = Vec::new();
    for _ in 0..2 {
        let mut output = ctx.run_ui(input.clone(), &mut paint);
        store.apply(&output.textures_delta);
        output.textures_delta.clear();
        shapes = output.shapes;
    }
    (ctx.tessellate(shapes, ppp), store)
}

/// The size of [`scene`], in points.
const SCENE: Vec2 = vec2(240.0, 110.0);

/// Shapes of every kind egui tessellates: rounded translucent rects with strokes, a circle, thick
/// and hairline diagonals, text.
fn scene(ui: &mut egui::Ui) {
    let painter = ui.painter();
    let stroke = egui::Stroke::new(1.0, Color32::from_rgb(60, 70, 110));
    for (i, radius) in [0u8, 3, 6, 12].into_iter().enumerate() {
        let rect = Rect::from_min_size(pos2(8.0 + 55.0 * i as f32, 8.0), vec2(48.3, 30.0));
        let fill = Color32::from_rgba_unmultiplied(200, 120, 40, 90 + 50 * i as u8);
        painter.rect(rect, radius, fill, stroke, egui::StrokeKind::Inside);
    }
    painter.circle(
        pos2(40.0, 70.0),
        17.5,
        Color32::from_rgb(20, 160, 90),
        stroke,
    );
    painter.line_segment([pos2(70.0, 50.0), pos2(200.0, 95.0)], (2.5, Color32::RED));
    painter.line_segment([pos2(70.0, 95.0), pos2(200.0, 52.0)], (0.7, Color32::BLUE));
    let font = egui::FontId::proportional(13.0);
    let text_color = Color32::from_rgb(30, 30, 30);
    painter.text(
        pos2(72.0, 60.0),
        egui::Align2::LEFT_TOP,
        "Onboarding, 3 steps",
        font,
        text_color,
    );
}

#[test]
fn matches_a_naive_per_triangle_rasteriser() {
    for ppp in [1.0, 1.5, 2.0] {
        let (primitives, store) = tessellate(SCENE, ppp, scene);
        let size = ((SCENE.x * ppp) as u32, (SCENE.y * ppp) as u32);
        let mut canvas = Canvas::new(size.0, size.1, BG);
        canvas.draw(&primitives, &store, ppp);
        let expected = reference_draw(size, BG, &primitives, &store, ppp);
        let (mut differing, mut worst) = (0, 0);
        for (i, want) in expected.iter().enumerate() {
            let got = canvas
                .pixel(i as u32 % size.0, i as u32 / size.0)
                .to_array();
            let diff = (0..4).map(|c| got[c].abs_diff(want[c])).max().unwrap_or(0);
            differing += usize::from(diff > 1);
            worst = worst.max(diff);
        }
        // Polygons interpolate from unsnapped positions, the reference from snapped ones:
        // thin feathering can differ by a level or two, nothing more.
        assert!(worst <= 3, "ppp {ppp}: a pixel differs by {worst}");
        assert!(
            differing * 200 < expected.len(),
            "ppp {ppp}: {differing} pixels differ by > 1"
        );
    }
}

#[test]
fn strips_of_any_height_draw_the_canvas_picture() {
    let size = SCENE;
    for ppp in [1.0, 2.0] {
        let (primitives, textures) = tessellate(size, ppp, scene);
        let painted = super::Painted {
            primitives,
            textures,
            pixels_per_point: ppp,
        };
        let canvas = super::rasterise(&painted, size, BG);
        for rows in [1, 7, 64, 10_000] {
            let strips = super::Strips::new(&painted, size, BG, rows);
            assert_eq!(strips.size(), [canvas.width, canvas.height]);
            let mut buffer = Vec::new();
            let mut y = 0;
            let (mut differing, mut worst) = (0, 0);
            for i in 0..strips.count() {
                let rgba = strips.draw(i, &mut buffer);
                for (k, got) in rgba.chunks_exact(4).enumerate() {
                    let x = k as u32 % canvas.width;
                    let want = canvas.pixel(x, y + k as u32 / canvas.width).to_array();
                    let diff = (0..4).map(|c| got[c].abs_diff(want[c])).max().unwrap_or(0);
                    differing += usize::from(diff > 0);
                    worst = worst.max(diff);
                }
                y += (rgba.len() / 4) as u32 / canvas.width;
            }
            assert_eq!(y, canvas.height, "strips of {rows} rows cover the picture");
            // A polygon cut by a strip edge is merged from other triangles on each side, so its
            // colours are interpolated from (equal up to rounding noise) other planes: a level
            // at most, on under 1 % of the pixels even with strips of one row.
            assert!(
                worst <= 1,
                "ppp {ppp}, rows {rows}: a pixel differs by {worst}"
            );
            assert!(
                differing * 100 < (canvas.width * canvas.height) as usize,
                "ppp {ppp}, rows {rows}: {differing} pixels differ"
            );
        }
        assert!(
            super::Strips::new(&painted, size, BG, 7)
                .draw(99, &mut Vec::new())
                .is_empty(),
            "a strip past the end is empty"
        );
    }
}
