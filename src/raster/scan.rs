//! Scan conversion of egui meshes into a horizontal band of canvas rows.
//!
//! Coverage is exact: vertices snap to a 1/256-pixel grid (as GPUs do), pixel centres are tested against
//! edge functions in integers with the top-left rule, so triangles sharing an edge
//! never double-blend or leave gaps. Consecutive triangles of a mesh that share an edge, keep
//! the shape convex and interpolate to the same values (egui's convex fans, rectangle pairs and
//! glyph quads) are merged into one convex polygon, which is then filled row by row with one
//! span per row; that keeps per-row work proportional to the outline, not to the triangle count.
//! Triangles covering only a few pixel centres (feathering around curves) skip all that and are
//! tested centre by centre.
//!
//! The release profile keeps overflow checks, so hot integer arithmetic whose range is bounded
//! (see [`MAX_PX`]) uses wrapping operations purely to drop those checks.

use egui::epaint::{ClippedPrimitive, Mesh, Primitive, Vertex};
use egui::{Color32, Pos2, Rect, TextureFilter};

use super::bins::Bin;
use super::texture::{Texture, TextureStore};

/// Sub-pixel steps per pixel.
const SUB_BITS: u32 = 8;
const SUB: i64 = 1 << SUB_BITS;
const HALF: i64 = SUB / 2;
/// Beyond this many pixels from the origin, fixed-point edge arithmetic could leave the range in
/// which f64 division is exact (below 2^51), so such triangles are clipped first and pixels
/// beyond it (a canvas side over 65 534 px) are left untouched.
pub(super) const MAX_PX: i64 = 1 << 16;
/// Caps the polygon an edge-sharing run of triangles can grow into.
const MAX_POLY_VERTICES: usize = 256;
/// How far (in 0..=255 colour units / texels) a vertex may sit off a polygon's interpolation
/// plane and still be merged into it: rounding noise, not a real change of gradient.
const COLOR_TOLERANCE: f64 = 0.02;
const TEXEL_TOLERANCE: f64 = 1e-3;
/// Premultiplied channels of a texel times a vertex colour are in 0..=255², so full is 255².
const FULL: u32 = 255 * 255;
/// Triangles whose bounding box holds at most this many pixel centres skip polygon set-up.
const TINY_BOX: i64 = 6;

/// The rows `y0..y0 + pixels.len() / width` of a canvas.
pub(super) struct Band<'a> {
    pub(super) pixels: &'a mut [[u8; 4]],
    pub(super) width: usize,
    pub(super) y0: usize,
}

/// Rasterises the triangles `bin` lists for this band, in order.
pub(super) fn draw_band(
    band: Band<'_>,
    primitives: &[ClippedPrimitive],
    bin: &Bin,
    textures: &TextureStore,
    pixels_per_point: f32,
) {
    let rows = band.pixels.len() / band.width.max(1);
    let limits = IRect {
        x0: 0,
        y0: band.y0 as i64,
        x1: (band.width as i64).min(MAX_PX - 2),
        y1: ((band.y0 + rows) as i64).min(MAX_PX - 2),
    };
    let mut raster = Rasterizer {
        scan: Scan {
            band,
            lo: vec![0; rows],
            hi: vec![0; rows],
            edges: Vec::new(),
            texels: TexelCache::default(),
        },
        poly: Poly::default(),
        pts: Vec::new(),
    };
    for (index, triangles) in bin.runs() {
        let Some(primitive) = primitives.get(index) else {
            continue;
        };
        let Some((mesh, texture)) = drawable(primitive, textures) else {
            continue;
        };
        let scissor = scissor(primitive.clip_rect, pixels_per_point).intersect(limits);
        if !scissor.is_empty() {
            raster.draw_mesh(mesh, triangles, texture, scissor, pixels_per_point);
        }
    }
}

/// The mesh of a primitive and the texture it samples, if it can be drawn here.
pub(super) fn drawable<'a>(
    primitive: &'a ClippedPrimitive,
    textures: &'a TextureStore,
) -> Option<(&'a Mesh, &'a Texture)> {
    // Paint callbacks need a GPU; there is nothing to draw them with here.
    let Primitive::Mesh(mesh) = &primitive.primitive else {
        return None;
    };
    // A GPU backend skips meshes whose texture is unknown, too.
    Some((mesh, textures.get(mesh.texture_id)?))
}

/// A half-open pixel rectangle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct IRect {
    pub(super) x0: i64,
    pub(super) y0: i64,
    pub(super) x1: i64,
    pub(super) y1: i64,
}

impl IRect {
    pub(super) fn intersect(self, other: Self) -> Self {
        Self {
            x0: self.x0.max(other.x0),
            y0: self.y0.max(other.y0),
            x1: self.x1.min(other.x1),
            y1: self.y1.min(other.y1),
        }
    }

    pub(super) fn is_empty(self) -> bool {
        self.x0 >= self.x1 || self.y0 >= self.y1
    }
}

/// The clip rectangle in pixels, rounded as egui_glow rounds its scissor rectangle.
pub(super) fn scissor(clip: Rect, pixels_per_point: f32) -> IRect {
    let px = |v: f32| (v * pixels_per_point).round() as i64;
    IRect {
        x0: px(clip.min.x),
        y0: px(clip.min.y),
        x1: px(clip.max.x),
        y1: px(clip.max.y),
    }
}

/// `f64::round`, `floor` and `ceil` compile to libm calls on baseline x86-64 (no SSE4.1);
/// these truncating casts are single instructions. Out-of-range values saturate.
fn round_i64(v: f64) -> i64 {
    (v + 0.5f64.copysign(v)) as i64
}

/// For `|v| < 2^62`.
fn floor_i64(v: f64) -> i64 {
    let t = v as i64;
    t - i64::from(t as f64 > v)
}

/// For `|v| < 2^62`.
fn ceil_i64(v: f64) -> i64 {
    let t = v as i64;
    t + i64::from((t as f64) < v)
}

/// The first pixel whose centre lies at or after fixed-point coordinate `v` (shifts are
/// floor divisions by `SUB`; wrapping only skips overflow checks, `v` is far from the limits).
fn first_centre(v: i64) -> i64 {
    v.wrapping_add(HALF - 1) >> SUB_BITS
}

/// The last pixel whose centre lies at or before fixed-point coordinate `v`.
fn last_centre(v: i64) -> i64 {
    v.wrapping_sub(HALF) >> SUB_BITS
}

/// `f32::min` and `max` of three, without the NaN handling of the std versions (NaN is
/// rejected separately).
fn min3(a: f32, b: f32, c: f32) -> f32 {
    let m = if a < b { a } else { b };
    if m < c { m } else { c }
}

fn max3(a: f32, b: f32, c: f32) -> f32 {
    let m = if a > b { a } else { b };
    if m > c { m } else { c }
}

/// Interpolated values: premultiplied r, g, b, a in 0..=255, then u and v in texel space
/// (`u * width - 0.5`, so integers are texel centres).
type Attrs = [f64; 6];

fn attrs(color: Color32, uv: Pos2, texture: &Texture) -> Attrs {
    let [r, g, b, a] = color.to_array().map(f64::from);
    let u = f64::from(uv.x) * texture.width as f64 - 0.5;
    let v = f64::from(uv.y) * texture.height as f64 - 0.5;
    [r, g, b, a, u, v]
}

/// The affine function through three vertices' attributes, in pixel coordinates.
struct Plane {
    base: [f64; 2],
    value: Attrs,
    dx: Attrs,
    dy: Attrs,
}

impl Plane {
    fn new(p: [[f64; 2]; 3], a: [Attrs; 3]) -> Option<Self> {
        let d1 = [p[1][0] - p[0][0], p[1][1] - p[0][1]];
        let d2 = [p[2][0] - p[0][0], p[2][1] - p[0][1]];
        let det = d1[0] * d2[1] - d2[0] * d1[1];
        if det == 0.0 || !det.is_finite() {
            return None;
        }
        let inv = 1.0 / det;
        let (mut dx, mut dy) = ([0.0; 6], [0.0; 6]);
        for i in 0..6 {
            let (d1a, d2a) = (a[1][i] - a[0][i], a[2][i] - a[0][i]);
            dx[i] = (d1a * d2[1] - d2a * d1[1]) * inv;
            dy[i] = (d2a * d1[0] - d1a * d2[0]) * inv;
        }
        Some(Self {
            base: p[0],
            value: a[0],
            dx,
            dy,
        })
    }

    fn at(&self, i: usize, x: f64, y: f64) -> f64 {
        self.value[i] + self.dx[i] * (x - self.base[0]) + self.dy[i] * (y - self.base[1])
    }

    /// Does this plane reproduce the attributes `a` at `p` (up to rounding noise)?
    fn predicts(&self, p: [f64; 2], a: &Attrs) -> bool {
        (0..6).all(|i| {
            let tolerance = if i < 4 {
                COLOR_TOLERANCE
            } else {
                TEXEL_TOLERANCE
            };
            (self.at(i, p[0], p[1]) - a[i]).abs() <= tolerance
        })
    }
}

/// A mesh vertex: snapped to the fixed-point grid for coverage, in float pixels for
/// interpolation (snapping would bend the gradients of thin feathering quads enough to stop
/// them merging).
#[derive(Clone, Copy)]
struct PVert {
    index: u32,
    x: i64,
    y: i64,
    pos: [f64; 2],
    color: Color32,
    uv: Pos2,
}

impl PVert {
    fn same_attrs(&self, other: &Self) -> bool {
        self.color == other.color && self.uv == other.uv
    }
}

fn uniform(tri: &[PVert; 3]) -> bool {
    tri[0].same_attrs(&tri[1]) && tri[0].same_attrs(&tri[2])
}

/// Twice the signed area of the turn `a → b → c`, for points within the fixed-point range
/// (wrapping ops only skip overflow checks: no term reaches 2^51).
fn cross(a: [i64; 2], b: [i64; 2], c: [i64; 2]) -> i64 {
    let (abx, aby) = (b[0].wrapping_sub(a[0]), b[1].wrapping_sub(a[1]));
    let (bcx, bcy) = (c[0].wrapping_sub(b[0]), c[1].wrapping_sub(b[1]));
    abx.wrapping_mul(bcy).wrapping_sub(aby.wrapping_mul(bcx))
}

/// A convex polygon being grown from the triangles of one mesh.
#[derive(Default)]
struct Poly {
    verts: Vec<PVert>,
    /// Sign of the polygon's turns: +1 or -1 (egui mixes windings).
    orient: i64,
    /// Where the latest vertex went in: the next triangle of a run usually shares an edge there.
    last: usize,
    /// `None` while every vertex has the same colour and UV.
    plane: Option<Plane>,
}

impl Poly {
    /// Vertex `i` (in `0..2n`, wrapping) as a point.
    fn at(&self, i: usize) -> [i64; 2] {
        let n = self.verts.len();
        let v = &self.verts[if i >= n { i - n } else { i }];
        [v.x, v.y]
    }

    /// The turn at vertex `i` (in `0..=n`), positive where the polygon turns its own way.
    fn turn(&self, i: usize) -> i64 {
        let n = self.verts.len();
        cross(self.at(i + n - 1), self.at(i), self.at(i + 1)) * self.orient
    }

    /// Tries to add triangle `tri` (non-degenerate) across one of this polygon's edges.
    fn merge(&mut self, tri: &[PVert; 3], texture: &Texture) -> bool {
        let n = self.verts.len();
        if !(3..MAX_POLY_VERTICES).contains(&n) {
            return false;
        }
        if self.plane.is_none() && !(uniform(tri) && tri[0].same_attrs(&self.verts[0])) {
            return false;
        }
        let candidates = if n == 3 {
            [0, 1, 2]
        } else {
            [self.last.checked_sub(1).unwrap_or(n - 1), self.last, n - 1]
        };
        for k in candidates {
            let a = self.verts[k].index;
            let b = self.verts[if k + 1 == n { 0 } else { k + 1 }].index;
            let shares = |i: u32| tri.iter().any(|v| v.index == i);
            if !shares(a) || !shares(b) {
                continue;
            }
            let Some(c) = tri.iter().find(|v| v.index != a && v.index != b) else {
                return false;
            };
            if let Some(plane) = &self.plane
                && !plane.predicts(c.pos, &attrs(c.color, c.uv, texture))
            {
                return false;
            }
            let j = k + 1;
            self.verts.insert(j, *c);
            // The triangle lies outside edge a-b, so the union stays convex exactly when the
            // three vertices around the new one still turn the polygon's way.
            if self.turn(j) > 0 && self.turn(j - 1) >= 0 && self.turn(j + 1) >= 0 {
                self.last = j;
                return true;
            }
            self.verts.remove(j);
            return false;
        }
        false
    }
}

struct Rasterizer<'a> {
    scan: Scan<'a>,
    poly: Poly,
    /// Scratch: the polygon's outline handed to `Scan::fill`.
    pts: Vec<[i64; 2]>,
}

impl Rasterizer<'_> {
    fn draw_mesh(
        &mut self,
        mesh: &Mesh,
        triangles: &[u32],
        texture: &Texture,
        scissor: IRect,
        ppp: f32,
    ) {
        // Triangles entirely outside the scissor (give or take a pixel) cannot touch it.
        let (cull_x0, cull_y0) = ((scissor.x0 - 1) as f32, (scissor.y0 - 1) as f32);
        let (cull_x1, cull_y1) = ((scissor.x1 + 1) as f32, (scissor.y1 + 1) as f32);
        let limit = MAX_PX as f32;
        let scale = f64::from(ppp);
        for &triangle in triangles {
            let first = triangle as usize * 3;
            let Some(tri) = mesh.indices.get(first..first + 3) else {
                continue;
            };
            let vertex = |k: usize| mesh.vertices.get(tri[k] as usize);
            let (Some(v0), Some(v1), Some(v2)) = (vertex(0), vertex(1), vertex(2)) else {
                continue;
            };
            // A bin also lists triangles that only come near the band.
            let (y0, y1, y2) = (v0.pos.y * ppp, v1.pos.y * ppp, v2.pos.y * ppp);
            if max3(y0, y1, y2) < cull_y0 || min3(y0, y1, y2) > cull_y1 {
                continue;
            }
            let (x0, x1, x2) = (v0.pos.x * ppp, v1.pos.x * ppp, v2.pos.x * ppp);
            if max3(x0, x1, x2) < cull_x0 || min3(x0, x1, x2) > cull_x1 {
                continue;
            }
            if !(x0 + x1 + x2 + y0 + y1 + y2).is_finite() {
                continue;
            }
            // egui emits many zero-area triangles (thick strokes' middle band has no width).
            if v0.pos == v1.pos || v1.pos == v2.pos || v2.pos == v0.pos {
                continue;
            }
            let in_range = max3(x0.abs(), x1.abs(), x2.abs()) <= limit
                && max3(y0.abs(), y1.abs(), y2.abs()) <= limit;
            if in_range {
                let snap = |index: u32, v: &Vertex| {
                    let pos = [f64::from(v.pos.x) * scale, f64::from(v.pos.y) * scale];
                    PVert {
                        index,
                        x: round_i64(pos[0] * SUB as f64),
                        y: round_i64(pos[1] * SUB as f64),
                        pos,
                        color: v.color,
                        uv: v.uv,
                    }
                };
                let tri = [snap(tri[0], v0), snap(tri[1], v1), snap(tri[2], v2)];
                let area = cross(
                    [tri[0].x, tri[0].y],
                    [tri[1].x, tri[1].y],
                    [tri[2].x, tri[2].y],
                );
                // Zero-area triangles cover no pixel centre under the top-left rule.
                if area != 0 && (self.poly.verts.is_empty() || !self.poly.merge(&tri, texture)) {
                    self.flush(texture, scissor);
                    if !self.scan.tiny(&tri, area, texture, scissor) {
                        self.start(tri, area, texture);
                    }
                }
            } else {
                self.flush(texture, scissor);
                let p =
                    [v0, v1, v2].map(|v| [f64::from(v.pos.x) * scale, f64::from(v.pos.y) * scale]);
                self.draw_clipped(p, [v0, v1, v2], texture, scissor);
            }
        }
        self.flush(texture, scissor);
    }

    fn start(&mut self, tri: [PVert; 3], area: i64, texture: &Texture) {
        let poly = &mut self.poly;
        poly.verts.clear();
        poly.verts.extend_from_slice(&tri);
        poly.orient = area.signum();
        poly.last = 2;
        poly.plane = None;
        if !uniform(&tri) {
            poly.plane = Plane::new(
                [tri[0].pos, tri[1].pos, tri[2].pos],
                [
                    attrs(tri[0].color, tri[0].uv, texture),
                    attrs(tri[1].color, tri[1].uv, texture),
                    attrs(tri[2].color, tri[2].uv, texture),
                ],
            );
            if poly.plane.is_none() {
                poly.verts.clear();
            }
        }
    }

    fn flush(&mut self, texture: &Texture, scissor: IRect) {
        let poly = &mut self.poly;
        if poly.verts.len() >= 3 {
            let source = match poly.plane.take() {
                Some(plane) => Source::Smooth(plane),
                None => Source::Uniform(poly.verts[0].color, poly.verts[0].uv),
            };
            self.pts.clear();
            self.pts.extend(poly.verts.iter().map(|v| [v.x, v.y]));
            self.scan
                .fill(&self.pts, poly.orient, &source, texture, scissor);
        }
        poly.verts.clear();
    }

    /// Draws a triangle reaching far outside the fixed-point range: clip it to just around the
    /// scissor first. Intersections are computed from canonically ordered endpoints, so
    /// neighbours sharing a clipped edge snap it identically.
    fn draw_clipped(
        &mut self,
        p: [[f64; 2]; 3],
        vs: [&Vertex; 3],
        texture: &Texture,
        scissor: IRect,
    ) {
        let mut outline = p.to_vec();
        for (axis, bound, keep_above) in [
            (0, (scissor.x0 - 1) as f64, true),
            (0, (scissor.x1 + 1) as f64, false),
            (1, (scissor.y0 - 1) as f64, true),
            (1, (scissor.y1 + 1) as f64, false),
        ] {
            outline = clip_to_half_plane(&outline, axis, bound, keep_above);
        }
        self.pts.clear();
        for q in outline {
            let q = [round_i64(q[0] * SUB as f64), round_i64(q[1] * SUB as f64)];
            if self.pts.last() != Some(&q) && self.pts.first() != Some(&q) {
                self.pts.push(q);
            }
        }
        let n = self.pts.len();
        let area: i64 = (0..n)
            .map(|i| {
                let (a, b) = (self.pts[i], self.pts[(i + 1) % n]);
                a[0] * b[1] - b[0] * a[1]
            })
            .sum();
        if n < 3 || area == 0 {
            return;
        }
        let source = if vs[0].color == vs[1].color
            && vs[0].color == vs[2].color
            && vs[0].uv == vs[1].uv
            && vs[0].uv == vs[2].uv
        {
            Source::Uniform(vs[0].color, vs[0].uv)
        } else {
            match Plane::new(p, vs.map(|v| attrs(v.color, v.uv, texture))) {
                Some(plane) => Source::Smooth(plane),
                None => return,
            }
        };
        self.scan
            .fill(&self.pts, area.signum(), &source, texture, scissor);
    }
}

/// One Sutherland–Hodgman step: keeps the part of a convex outline on one side of an
/// axis-aligned line.
fn clip_to_half_plane(
    outline: &[[f64; 2]],
    axis: usize,
    bound: f64,
    keep_above: bool,
) -> Vec<[f64; 2]> {
    let inside = |q: &[f64; 2]| {
        if keep_above {
            q[axis] >= bound
        } else {
            q[axis] <= bound
        }
    };
    let mut out = Vec::with_capacity(outline.len() + 1);
    for (i, a) in outline.iter().enumerate() {
        let b = &outline[(i + 1) % outline.len()];
        if inside(a) {
            out.push(*a);
        }
        if inside(a) != inside(b) {
            let (s, e) = if a < b { (a, b) } else { (b, a) };
            let t = (bound - s[axis]) / (e[axis] - s[axis]);
            let mut q = [s[0] + t * (e[0] - s[0]), s[1] + t * (e[1] - s[1])];
            q[axis] = bound;
            out.push(q);
        }
    }
    out
}

/// What a polygon paints, before looking at where it lands.
enum Source {
    Uniform(Color32, Pos2),
    Smooth(Plane),
}

/// What a polygon paints per pixel.
enum Shade {
    /// An opaque colour: spans are plain fills.
    Opaque([u8; 4]),
    /// One premultiplied colour in 0..=255² per channel.
    Solid([u32; 4]),
    /// A constant colour times texels that map one-to-one onto pixels (text, unscaled
    /// images): pixel (x, y) shows texel (x + ox, y + oy), no filtering needed.
    Aligned { color: [u32; 4], ox: i64, oy: i64 },
    /// Interpolated colour times a texel, constant or sampled per pixel.
    Smooth(Smooth),
}

/// Attributes interpolated across a polygon, relative to its first pixel (so f32 is precise).
struct Smooth {
    origin: (i64, i64),
    /// The attributes at the centre of pixel `origin`, and their change per pixel.
    value: [f32; 6],
    dx: [f32; 6],
    dy: [f32; 6],
    texel: Option<[f32; 4]>,
    filter: TextureFilter,
}

impl Shade {
    /// The shade of `source` over the pixel box `cols` × `rows`; `None` if it changes nothing.
    fn new(
        source: &Source,
        texture: &Texture,
        texels: &mut TexelCache,
        cols: (i64, i64),
        rows: (i64, i64),
    ) -> Option<Self> {
        let plane = match source {
            Source::Uniform(color, uv) => return Self::uniform(*color, *uv, texture, texels),
            Source::Smooth(plane) => plane,
        };
        let constant =
            |from: usize, to: usize| (from..to).all(|i| plane.dx[i] == 0.0 && plane.dy[i] == 0.0);
        if constant(0, 4)
            && let Some((ox, oy)) = aligned_offset(plane, texture, cols, rows)
        {
            let color = std::array::from_fn(|i| round_i64(plane.value[i]).clamp(0, 255) as u32);
            return Some(Self::Aligned { color, ox, oy });
        }
        // Without mipmaps, GPUs pick the minification filter once texels get smaller than pixels.
        let footprint = (plane.dx[4] * plane.dy[5] - plane.dy[4] * plane.dx[5]).abs();
        let filter = if footprint > 1.0 {
            texture.options.minification
        } else {
            texture.options.magnification
        };
        let texel = constant(4, 6).then(|| {
            texels.sample(
                texture,
                plane.value[4] as f32,
                plane.value[5] as f32,
                filter,
            )
        });
        let (x, y) = (cols.0 as f64 + 0.5, rows.0 as f64 + 0.5);
        Some(Self::Smooth(Smooth {
            origin: (cols.0, rows.0),
            value: std::array::from_fn(|i| plane.at(i, x, y) as f32),
            dx: plane.dx.map(|d| d as f32),
            dy: plane.dy.map(|d| d as f32),
            texel,
            filter,
        }))
    }

    fn uniform(
        color: Color32,
        uv: Pos2,
        texture: &Texture,
        texels: &mut TexelCache,
    ) -> Option<Self> {
        let [.., u, v] = attrs(color, uv, texture);
        let texel = texels.sample(texture, u as f32, v as f32, texture.options.magnification);
        let color = color.to_array();
        let s: [u32; 4] = std::array::from_fn(|i| {
            (round_i64(f64::from(f32::from(color[i]) * texel[i])).clamp(0, i64::from(FULL))) as u32
        });
        if s == [0; 4] {
            None
        } else if s[3] == FULL {
            Some(Self::Opaque(s.map(|c| ((c + 127) / 255).min(255) as u8)))
        } else {
            Some(Self::Solid(s))
        }
    }
}

/// The last constant texel sampled: nearly every untextured polygon samples the same one
/// (egui's white texel).
#[derive(Default)]
struct TexelCache {
    key: Option<(*const Texture, [u32; 2], TextureFilter)>,
    texel: [f32; 4],
}

impl TexelCache {
    fn sample(&mut self, texture: &Texture, tx: f32, ty: f32, filter: TextureFilter) -> [f32; 4] {
        let key = Some((
            std::ptr::from_ref(texture),
            [tx.to_bits(), ty.to_bits()],
            filter,
        ));
        if self.key != key {
            self.texel = texture.sample(tx, ty, filter);
            self.key = key;
        }
        self.texel
    }
}

/// If texel space is pixel space shifted by whole texels over the box, and the box stays
/// inside the texture, the shift.
fn aligned_offset(
    plane: &Plane,
    texture: &Texture,
    (c0, c1): (i64, i64),
    (r0, r1): (i64, i64),
) -> Option<(i64, i64)> {
    let (w, h) = ((c1 - c0 + 1) as f64, (r1 - r0 + 1) as f64);
    let drift_u = (plane.dx[4] - 1.0).abs() * w + plane.dy[4].abs() * h;
    let drift_v = plane.dx[5].abs() * w + (plane.dy[5] - 1.0).abs() * h;
    if drift_u > TEXEL_TOLERANCE || drift_v > TEXEL_TOLERANCE {
        return None;
    }
    let (x, y) = (c0 as f64 + 0.5, r0 as f64 + 0.5);
    let u = plane.at(4, x, y) - c0 as f64;
    let v = plane.at(5, x, y) - r0 as f64;
    let (ou, ov) = (round_i64(u) as f64, round_i64(v) as f64);
    if (u - ou).abs() > TEXEL_TOLERANCE || (v - ov).abs() > TEXEL_TOLERANCE {
        return None;
    }
    let (ox, oy) = (ou as i64, ov as i64);
    let inside = c0 + ox >= 0
        && c1 + ox < texture.width as i64
        && r0 + oy >= 0
        && r1 + oy < texture.height as i64;
    inside.then_some((ox, oy))
}

/// The edge function `a·x + b·y + c` of one polygon edge, in fixed point: a pixel centre is
/// covered when the function is at least `min` there for every edge.
#[derive(Clone, Copy)]
struct Edge {
    a: i64,
    b: i64,
    c: i64,
    /// Top-left rule: a centre exactly on an edge (value 0) belongs to the polygon only if the
    /// edge is a left or a top edge, so shared edges are drawn exactly once.
    min: i64,
    y_min: i64,
    y_max: i64,
}

impl Edge {
    /// For points within the fixed-point range (below 2^24 in magnitude).
    fn new(p: [i64; 2], q: [i64; 2], orient: i64) -> Self {
        // Wrapping ops only skip overflow checks: every term stays below 2^51.
        let a = p[1].wrapping_sub(q[1]).wrapping_mul(orient);
        let b = q[0].wrapping_sub(p[0]).wrapping_mul(orient);
        let top_left = a > 0 || (a == 0 && b > 0);
        Self {
            a,
            b,
            c: a.wrapping_mul(p[0])
                .wrapping_add(b.wrapping_mul(p[1]))
                .wrapping_neg(),
            min: i64::from(!top_left),
            y_min: p[1].min(q[1]),
            y_max: p[1].max(q[1]),
        }
    }

    /// The function at a fixed-point position within the canvas. Coordinates below 2^24 and
    /// coefficients below 2^25 keep every term below 2^51, so wrapping ops (which only skip
    /// the release profile's overflow checks) never wrap.
    fn at(&self, x: i64, y: i64) -> i64 {
        self.a
            .wrapping_mul(x)
            .wrapping_add(self.b.wrapping_mul(y))
            .wrapping_add(self.c)
    }
}

/// The band being drawn into, with per-row span scratch space.
struct Scan<'a> {
    band: Band<'a>,
    /// First and last covered column of each row of the polygon being filled.
    lo: Vec<i64>,
    hi: Vec<i64>,
    /// The edges of the polygon being filled.
    edges: Vec<Edge>,
    texels: TexelCache,
}

impl Scan<'_> {
    /// Fills the convex polygon `pts` (fixed-point, turning the `orient` way) within `scissor`.
    fn fill(
        &mut self,
        pts: &[[i64; 2]],
        orient: i64,
        source: &Source,
        texture: &Texture,
        scissor: IRect,
    ) {
        let (mut x_min, mut x_max) = (i64::MAX, i64::MIN);
        let (mut y_min, mut y_max) = (i64::MAX, i64::MIN);
        for p in pts {
            x_min = x_min.min(p[0]);
            x_max = x_max.max(p[0]);
            y_min = y_min.min(p[1]);
            y_max = y_max.max(p[1]);
        }
        // An axis-aligned rectangle (glyphs, images, plain fills) covers exactly the centres
        // in [min, max) on both axes under the top-left rule: no edge walking needed.
        let rect = pts.len() == 4
            && (0..4).all(|i| {
                let (p, q) = (pts[i], pts[(i + 1) & 3]);
                (p[0] == q[0]) != (p[1] == q[1])
            });
        let (c0, c1, r0, r1) = if rect {
            (
                first_centre(x_min),
                first_centre(x_max) - 1,
                first_centre(y_min),
                first_centre(y_max) - 1,
            )
        } else {
            // Pixels whose centre lies inside the bounding box.
            (
                first_centre(x_min),
                last_centre(x_max),
                first_centre(y_min),
                last_centre(y_max),
            )
        };
        let (c0, c1) = (c0.max(scissor.x0), c1.min(scissor.x1 - 1));
        let (r0, r1) = (r0.max(scissor.y0), r1.min(scissor.y1 - 1));
        if c0 > c1 || r0 > r1 {
            return;
        }
        let Some(shade) = Shade::new(source, texture, &mut self.texels, (c0, c1), (r0, r1)) else {
            return;
        };
        if rect {
            for row in r0..=r1 {
                self.span(row, c0, c1, &shade, texture);
            }
            return;
        }
        self.edges.clear();
        let mut a = pts[pts.len() - 1];
        for &b in pts {
            if a != b {
                self.edges.push(Edge::new(a, b, orient));
            }
            a = b;
        }
        let rows = (r1 - r0 + 1) as usize;
        self.lo[..rows].fill(c0);
        self.hi[..rows].fill(c1);
        for k in 0..self.edges.len() {
            self.clip_rows(self.edges[k], r0, r1);
        }
        for (i, row) in (r0..=r1).enumerate() {
            let (l, h) = (self.lo[i], self.hi[i]);
            if l <= h {
                self.span(row, l, h, &shade, texture);
            }
        }
    }

    /// Draws a triangle touching at most [`TINY_BOX`] pixel centres (the bulk of egui's
    /// feathering around curves) directly, testing each centre, with barycentric weights from
    /// the edge functions: far cheaper than polygon set-up. Returns false for bigger ones.
    fn tiny(&mut self, tri: &[PVert; 3], area: i64, texture: &Texture, scissor: IRect) -> bool {
        let xs = [tri[0].x, tri[1].x, tri[2].x];
        let ys = [tri[0].y, tri[1].y, tri[2].y];
        let c0 = first_centre(xs[0].min(xs[1]).min(xs[2])).max(scissor.x0);
        let c1 = last_centre(xs[0].max(xs[1]).max(xs[2])).min(scissor.x1 - 1);
        let r0 = first_centre(ys[0].min(ys[1]).min(ys[2])).max(scissor.y0);
        let r1 = last_centre(ys[0].max(ys[1]).max(ys[2])).min(scissor.y1 - 1);
        if c0 > c1 || r0 > r1 {
            return true;
        }
        // Both spans are small and positive here, so these products cannot overflow.
        if (c1 - c0 + 1).wrapping_mul(r1 - r0 + 1) > TINY_BOX {
            return false;
        }
        let orient = area.signum();
        let p = [[xs[0], ys[0]], [xs[1], ys[1]], [xs[2], ys[2]]];
        // Edge k is opposite vertex k, so its value over the area is vertex k's weight.
        let edges = [
            Edge::new(p[1], p[2], orient),
            Edge::new(p[2], p[0], orient),
            Edge::new(p[0], p[1], orient),
        ];
        let solid = if uniform(tri) {
            match Shade::uniform(tri[0].color, tri[0].uv, texture, &mut self.texels) {
                Some(shade) => Some(shade),
                None => return true,
            }
        } else {
            None
        };
        let texel = (tri[0].uv == tri[1].uv && tri[0].uv == tri[2].uv).then(|| {
            let [.., u, v] = attrs(tri[0].color, tri[0].uv, texture);
            self.texels
                .sample(texture, u as f32, v as f32, texture.options.magnification)
        });
        let colors = tri.map(|v| v.color.to_array().map(f32::from));
        let inv_area = 1.0 / area.abs() as f32;
        // Edge values at the first centre, and their change per column and per row.
        let (x0, y0) = (c0 * SUB + HALF, r0 * SUB + HALF);
        let first = edges.map(|e| e.at(x0, y0));
        let (step_x, step_y) = (edges.map(|e| e.a * SUB), edges.map(|e| e.b * SUB));
        let mut row_start = first;
        for row in r0..=r1 {
            let mut w = row_start;
            let line = (row as usize - self.band.y0) * self.band.width;
            for x in c0..=c1 {
                if w[0] >= edges[0].min && w[1] >= edges[1].min && w[2] >= edges[2].min {
                    let d = &mut self.band.pixels[line + x as usize];
                    match solid {
                        Some(Shade::Opaque(color)) => *d = color,
                        Some(Shade::Solid(s)) => blend(d, s),
                        _ => {
                            let l = w.map(|w| w as f32 * inv_area);
                            let mix = |i: usize| {
                                (l[0] * colors[0][i] + l[1] * colors[1][i] + l[2] * colors[2][i])
                                    .clamp(0.0, 255.0)
                            };
                            let t = texel.unwrap_or_else(|| {
                                let (w, h) = (texture.width as f32, texture.height as f32);
                                let uv = tri.map(|v| v.uv);
                                let u = l[0] * uv[0].x + l[1] * uv[1].x + l[2] * uv[2].x;
                                let v = l[0] * uv[0].y + l[1] * uv[1].y + l[2] * uv[2].y;
                                let filter = texture.options.magnification;
                                texture.sample(u * w - 0.5, v * h - 0.5, filter)
                            });
                            blend_f32(d, std::array::from_fn(|i| mix(i) * t[i]));
                        }
                    }
                }
                // Wrapping only skips overflow checks: values stay below 2^51.
                w = std::array::from_fn(|k| w[k].wrapping_add(step_x[k]));
            }
            row_start = std::array::from_fn(|k| row_start[k].wrapping_add(step_y[k]));
        }
        true
    }

    /// Narrows the spans of rows `r0..=r1` to the inner side of `edge`.
    fn clip_rows(&mut self, edge: Edge, r0: i64, r1: i64) {
        // In a convex polygon only the rows an edge spans are bounded by it.
        let er0 = first_centre(edge.y_min).max(r0);
        let er1 = last_centre(edge.y_max).min(r1);
        if er0 > er1 {
            return;
        }
        let rows = (er0 - r0) as usize..=(er1 - r0) as usize;
        let Edge { a, b, .. } = edge;
        if a == 0 {
            // A horizontal edge only touches the row whose centres lie on it, which it
            // excludes unless it is a top edge.
            if edge.at(0, er0 * SUB + HALF) < edge.min {
                self.hi[rows].fill(i64::MIN);
            }
            return;
        }
        // Covered: a·SUB·x + rest >= 0 for pixel column x, i.e. x >= -rest / (a·SUB) when
        // a > 0, x <= the same when a < 0. |rest| < 2^51, so the f64 quotient is off by less
        // than half the gap 1 / (a·SUB) between possible exact quotients: ceil/floor are exact.
        let denom = (a * SUB) as f64;
        let mut rest = edge.at(HALF, er0 * SUB + HALF) - edge.min;
        if b == 0 {
            // Vertical: the same bound on every row.
            let q = (-rest) as f64 / denom;
            if a > 0 {
                let bound = ceil_i64(q);
                self.lo[rows]
                    .iter_mut()
                    .for_each(|lo| *lo = (*lo).max(bound));
            } else {
                let bound = floor_i64(q);
                self.hi[rows]
                    .iter_mut()
                    .for_each(|hi| *hi = (*hi).min(bound));
            }
            return;
        }
        let step = b * SUB;
        for i in rows {
            let q = (-rest) as f64 / denom;
            if a > 0 {
                self.lo[i] = self.lo[i].max(ceil_i64(q));
            } else {
                self.hi[i] = self.hi[i].min(floor_i64(q));
            }
            rest = rest.wrapping_add(step);
        }
    }

    /// Paints columns `l..=h` of canvas row `row`.
    #[inline(always)]
    fn span(&mut self, row: i64, l: i64, h: i64, shade: &Shade, texture: &Texture) {
        let start = (row as usize - self.band.y0) * self.band.width;
        let pixels = &mut self.band.pixels[start + l as usize..=start + h as usize];
        match *shade {
            Shade::Opaque(color) => pixels.fill(color),
            Shade::Solid(s) => pixels.iter_mut().for_each(|d| blend(d, s)),
            Shade::Aligned { color, ox, oy } => {
                let first = (row + oy) as usize * texture.width + (l + ox) as usize;
                let texels = &texture.texels[first..first + pixels.len()];
                for (d, t) in pixels.iter_mut().zip(texels) {
                    // Most of a glyph's box is empty.
                    if *t != [0; 4] {
                        // color ≤ 255, so no overflow (wrapping only skips the check).
                        blend(
                            d,
                            std::array::from_fn(|i| color[i].wrapping_mul(u32::from(t[i]))),
                        );
                    }
                }
            }
            Shade::Smooth(ref smooth) => {
                let (dx, dy) = ((l - smooth.origin.0) as f32, (row - smooth.origin.1) as f32);
                // Attribute values at the span's first pixel.
                let at = |i: usize| smooth.value[i] + smooth.dx[i] * dx + smooth.dy[i] * dy;
                let step = smooth.dx;
                let (r, g, b, a) = (at(0), at(1), at(2), at(3));
                let color = |k: f32| -> [f32; 4] {
                    [
                        r + step[0] * k,
                        g + step[1] * k,
                        b + step[2] * k,
                        a + step[3] * k,
                    ]
                    .map(|c| c.clamp(0.0, 255.0))
                };
                if let Some(t) = smooth.texel {
                    for (k, d) in pixels.iter_mut().enumerate() {
                        let c = color(k as f32);
                        blend_f32(d, std::array::from_fn(|i| c[i] * t[i]));
                    }
                } else {
                    let (u, v) = (at(4), at(5));
                    for (k, d) in pixels.iter_mut().enumerate() {
                        let k = k as f32;
                        let t = texture.sample(u + step[4] * k, v + step[5] * k, smooth.filter);
                        let c = color(k);
                        blend_f32(d, std::array::from_fn(|i| c[i] * t[i]));
                    }
                }
            }
        }
    }
}

/// `dst = src + dst·(1 − src.a)` in gamma space, `src` premultiplied in 0..=255², rounded to
/// nearest: the result is `(255·s + d·(255² − sa)) / 255²`.
#[inline]
fn blend(d: &mut [u8; 4], s: [u32; 4]) {
    // Wrapping ops only to skip the release profile's overflow checks in this hot loop:
    // with s ≤ 255², sa ≤ 255² and d ≤ 255 nothing exceeds 2^26.
    let inv = FULL.wrapping_sub(s[3]);
    for i in 0..4 {
        let n = s[i]
            .wrapping_mul(255)
            .wrapping_add(u32::from(d[i]).wrapping_mul(inv))
            .wrapping_add(FULL / 2);
        d[i] = (n / FULL).min(255) as u8;
    }
}

/// [`blend`] for a source with fractional channels.
#[inline]
fn blend_f32(d: &mut [u8; 4], s: [f32; 4]) {
    /// Adding 2^23 to a float in 0..2^22 leaves it rounded to an integer in the low mantissa
    /// bits: a much shorter rounding than `as u8`, which guards against NaN and overflow.
    const ROUND: f32 = 8_388_608.0;
    let keep = 1.0 - s[3] * (1.0 / FULL as f32);
    for i in 0..4 {
        // Non-negative by construction; `min` caps additive colours (channel above alpha) and
        // maps NaN (from NaN texture coordinates) to 255.
        let v = (s[i] * (1.0 / 255.0) + f32::from(d[i]) * keep).min(255.0);
        d[i] = (v + ROUND).to_bits() as u8;
    }
}
