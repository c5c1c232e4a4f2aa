//! Scan conversion of egui meshes into a horizontal band of canvas rows.
//!
//! Coverage is exact: vertices snap to a 1/16-pixel grid, pixel centres are tested against
//! edge functions in integers with the top-left rule (as GPUs do), so triangles sharing an edge
//! never double-blend or leave gaps. Consecutive triangles of a mesh that share an edge, keep
//! the shape convex and interpolate to the same values (egui's convex fans, rectangle pairs and
//! glyph quads) are merged into one convex polygon, which is then filled row by row with one
//! span per row; that keeps per-row work proportional to the outline, not to the triangle count.

use egui::epaint::{ClippedPrimitive, Mesh, Primitive, Vertex};
use egui::{Color32, Pos2, Rect, TextureFilter};

use super::texture::{Texture, TextureStore};

/// Sub-pixel steps per pixel.
const SUB: i64 = 16;
const HALF: i64 = SUB / 2;
/// Beyond this many pixels from the origin, fixed-point edge arithmetic could leave the range in
/// which f64 division is exact, so such triangles are clipped first and the canvas is capped.
const MAX_PX: i64 = 1 << 19;
/// Caps the polygon an edge-sharing run of triangles can grow into.
const MAX_POLY_VERTICES: usize = 256;
/// How far (in 0..=255 colour units / texels) a vertex may sit off a polygon's interpolation
/// plane and still be merged into it: rounding noise, not a real change of gradient.
const COLOR_TOLERANCE: f64 = 0.02;
const TEXEL_TOLERANCE: f64 = 1e-3;
/// Premultiplied channels of a texel times a vertex colour are in 0..=255², so full is 255².
const FULL: u32 = 255 * 255;

/// The rows `y0..y0 + pixels.len() / width` of a canvas.
pub(super) struct Band<'a> {
    pub(super) pixels: &'a mut [[u8; 4]],
    pub(super) width: usize,
    pub(super) y0: usize,
}

/// Rasterises all meshes of `primitives` that touch this band, in order.
pub(super) fn draw_band(
    band: Band<'_>,
    primitives: &[ClippedPrimitive],
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
            lo: Vec::new(),
            hi: Vec::new(),
        },
        poly: Poly::default(),
        pts: Vec::new(),
    };
    for primitive in primitives {
        // Paint callbacks need a GPU; there is nothing to draw them with here.
        let Primitive::Mesh(mesh) = &primitive.primitive else {
            continue;
        };
        // A GPU backend skips meshes whose texture is unknown, too.
        let Some(texture) = textures.get(mesh.texture_id) else {
            continue;
        };
        let scissor = scissor(primitive.clip_rect, pixels_per_point).intersect(limits);
        if !scissor.is_empty() {
            raster.draw_mesh(mesh, texture, scissor, pixels_per_point);
        }
    }
}

/// A half-open pixel rectangle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct IRect {
    x0: i64,
    y0: i64,
    x1: i64,
    y1: i64,
}

impl IRect {
    fn intersect(self, other: Self) -> Self {
        Self {
            x0: self.x0.max(other.x0),
            y0: self.y0.max(other.y0),
            x1: self.x1.min(other.x1),
            y1: self.y1.min(other.y1),
        }
    }

    fn is_empty(self) -> bool {
        self.x0 >= self.x1 || self.y0 >= self.y1
    }
}

/// The clip rectangle in pixels, rounded as egui_glow rounds its scissor rectangle.
fn scissor(clip: Rect, pixels_per_point: f32) -> IRect {
    let px = |v: f32| (v * pixels_per_point).round() as i64;
    IRect {
        x0: px(clip.min.x),
        y0: px(clip.min.y),
        x1: px(clip.max.x),
        y1: px(clip.max.y),
    }
}

fn floor_div(n: i64, d: i64) -> i64 {
    n.div_euclid(d)
}

fn ceil_div(n: i64, d: i64) -> i64 {
    -(-n).div_euclid(d)
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
        let dx = std::array::from_fn(|i| {
            ((a[1][i] - a[0][i]) * d2[1] - (a[2][i] - a[0][i]) * d1[1]) * inv
        });
        let dy = std::array::from_fn(|i| {
            ((a[2][i] - a[0][i]) * d1[0] - (a[1][i] - a[0][i]) * d2[0]) * inv
        });
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

/// A mesh vertex snapped to the fixed-point grid.
#[derive(Clone, Copy)]
struct PVert {
    index: u32,
    x: i64,
    y: i64,
    color: Color32,
    uv: Pos2,
}

impl PVert {
    fn pos(&self) -> [f64; 2] {
        [self.x as f64 / SUB as f64, self.y as f64 / SUB as f64]
    }

    fn same_attrs(&self, other: &Self) -> bool {
        self.color == other.color && self.uv == other.uv
    }
}

fn uniform(tri: &[PVert; 3]) -> bool {
    tri[0].same_attrs(&tri[1]) && tri[0].same_attrs(&tri[2])
}

/// Twice the signed area of the turn `a → b → c`.
fn cross(a: [i64; 2], b: [i64; 2], c: [i64; 2]) -> i64 {
    (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
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
    fn at(&self, i: usize) -> [i64; 2] {
        let v = &self.verts[i % self.verts.len()];
        [v.x, v.y]
    }

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
            [(self.last + n - 1) % n, self.last, n - 1]
        };
        for k in candidates {
            let (a, b) = (self.verts[k].index, self.verts[(k + 1) % n].index);
            let shares = |i: u32| tri.iter().any(|v| v.index == i);
            if !shares(a) || !shares(b) {
                continue;
            }
            let Some(c) = tri.iter().find(|v| v.index != a && v.index != b) else {
                return false;
            };
            if let Some(plane) = &self.plane
                && !plane.predicts(c.pos(), &attrs(c.color, c.uv, texture))
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
    fn draw_mesh(&mut self, mesh: &Mesh, texture: &Texture, scissor: IRect, ppp: f32) {
        let scale = f64::from(ppp);
        // Triangles entirely outside the scissor (give or take a pixel) cannot touch it.
        let (cull_x0, cull_y0) = ((scissor.x0 - 1) as f64, (scissor.y0 - 1) as f64);
        let (cull_x1, cull_y1) = ((scissor.x1 + 1) as f64, (scissor.y1 + 1) as f64);
        let limit = MAX_PX as f64;
        for tri in mesh.indices.chunks_exact(3) {
            let vertex = |k: usize| mesh.vertices.get(tri[k] as usize);
            let (Some(v0), Some(v1), Some(v2)) = (vertex(0), vertex(1), vertex(2)) else {
                continue;
            };
            let vs = [v0, v1, v2];
            let p = vs.map(|v| [f64::from(v.pos.x) * scale, f64::from(v.pos.y) * scale]);
            if !p.iter().flatten().all(|c| c.is_finite()) {
                continue;
            }
            let min_x = p[0][0].min(p[1][0]).min(p[2][0]);
            let max_x = p[0][0].max(p[1][0]).max(p[2][0]);
            let min_y = p[0][1].min(p[1][1]).min(p[2][1]);
            let max_y = p[0][1].max(p[1][1]).max(p[2][1]);
            if max_x < cull_x0 || min_x > cull_x1 || max_y < cull_y0 || min_y > cull_y1 {
                continue;
            }
            if p.iter().flatten().all(|c| c.abs() <= limit) {
                let tri: [PVert; 3] = std::array::from_fn(|k| PVert {
                    index: tri[k],
                    x: (p[k][0] * SUB as f64).round() as i64,
                    y: (p[k][1] * SUB as f64).round() as i64,
                    color: vs[k].color,
                    uv: vs[k].uv,
                });
                let area = cross(
                    [tri[0].x, tri[0].y],
                    [tri[1].x, tri[1].y],
                    [tri[2].x, tri[2].y],
                );
                // Zero-area triangles cover no pixel centre under the top-left rule.
                if area != 0 && !self.poly.merge(&tri, texture) {
                    self.flush(texture, scissor);
                    self.start(tri, area, texture);
                }
            } else {
                self.flush(texture, scissor);
                self.draw_clipped(p, vs, texture, scissor);
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
                tri.map(|v| v.pos()),
                tri.map(|v| attrs(v.color, v.uv, texture)),
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
            let q = [
                (q[0] * SUB as f64).round() as i64,
                (q[1] * SUB as f64).round() as i64,
            ];
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
enum Shade<'p> {
    /// An opaque colour: spans are plain fills.
    Opaque([u8; 4]),
    /// One premultiplied colour in 0..=255² per channel.
    Solid([u32; 4]),
    /// A constant colour times texels that map one-to-one onto pixels (text, unscaled
    /// images): pixel (x, y) shows texel (x + ox, y + oy), no filtering needed.
    Aligned { color: [u32; 4], ox: i64, oy: i64 },
    /// Interpolated colour times a texel, constant or sampled per pixel.
    Smooth {
        plane: &'p Plane,
        texel: Option<[f32; 4]>,
        filter: TextureFilter,
    },
}

impl<'p> Shade<'p> {
    /// The shade of `source` over the pixel box `cols` × `rows`; `None` if it changes nothing.
    fn new(
        source: &'p Source,
        texture: &Texture,
        cols: (i64, i64),
        rows: (i64, i64),
    ) -> Option<Self> {
        let plane = match source {
            Source::Uniform(color, uv) => return Self::uniform(*color, *uv, texture),
            Source::Smooth(plane) => plane,
        };
        let constant =
            |from: usize, to: usize| (from..to).all(|i| plane.dx[i] == 0.0 && plane.dy[i] == 0.0);
        if constant(0, 4)
            && let Some((ox, oy)) = aligned_offset(plane, texture, cols, rows)
        {
            let color = std::array::from_fn(|i| plane.value[i].round().clamp(0.0, 255.0) as u32);
            return Some(Self::Aligned { color, ox, oy });
        }
        // Without mipmaps, GPUs pick the minification filter once texels get smaller than pixels.
        let footprint = (plane.dx[4] * plane.dy[5] - plane.dy[4] * plane.dx[5]).abs();
        let filter = if footprint > 1.0 {
            texture.options.minification
        } else {
            texture.options.magnification
        };
        let texel = constant(4, 6)
            .then(|| texture.sample(plane.value[4] as f32, plane.value[5] as f32, filter));
        Some(Self::Smooth {
            plane,
            texel,
            filter,
        })
    }

    fn uniform(color: Color32, uv: Pos2, texture: &Texture) -> Option<Self> {
        let [.., u, v] = attrs(color, uv, texture);
        let texel = texture.sample(u as f32, v as f32, texture.options.magnification);
        let color = color.to_array();
        let s: [u32; 4] =
            std::array::from_fn(|i| ((f32::from(color[i]) * texel[i]).round() as u32).min(FULL));
        if s == [0; 4] {
            None
        } else if s[3] == FULL {
            Some(Self::Opaque(s.map(|c| ((c + 127) / 255).min(255) as u8)))
        } else {
            Some(Self::Solid(s))
        }
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
    let (ou, ov) = (u.round(), v.round());
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

/// The band being drawn into, with per-row span scratch space.
struct Scan<'a> {
    band: Band<'a>,
    /// First and last covered column of each row of the polygon being filled.
    lo: Vec<i64>,
    hi: Vec<i64>,
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
        // Pixels whose centre lies inside the bounding box.
        let c0 = ceil_div(x_min - HALF, SUB).max(scissor.x0);
        let c1 = floor_div(x_max - HALF, SUB).min(scissor.x1 - 1);
        let r0 = ceil_div(y_min - HALF, SUB).max(scissor.y0);
        let r1 = floor_div(y_max - HALF, SUB).min(scissor.y1 - 1);
        if c0 > c1 || r0 > r1 {
            return;
        }
        let Some(shade) = Shade::new(source, texture, (c0, c1), (r0, r1)) else {
            return;
        };
        let rows = (r1 - r0 + 1) as usize;
        self.lo.clear();
        self.lo.resize(rows, c0);
        self.hi.clear();
        self.hi.resize(rows, c1);
        for (i, &a) in pts.iter().enumerate() {
            let b = pts[(i + 1) % pts.len()];
            if a != b {
                self.clip_rows(a, b, orient, r0, r1);
            }
        }
        for (i, row) in (r0..=r1).enumerate() {
            let (l, h) = (self.lo[i], self.hi[i]);
            if l <= h {
                self.span(row, l, h, &shade, texture);
            }
        }
    }

    /// Narrows the spans of rows `r0..=r1` to the inner side of edge `a → b`.
    fn clip_rows(&mut self, a: [i64; 2], b: [i64; 2], orient: i64, r0: i64, r1: i64) {
        // Edge function E(p) = ea·x + eb·y + ec, positive inside.
        let ea = (a[1] - b[1]) * orient;
        let eb = (b[0] - a[0]) * orient;
        let ec = -(ea * a[0] + eb * a[1]);
        // Top-left rule: a centre exactly on an edge belongs to the polygon only if the edge is
        // a left edge or a top edge, so shared edges are drawn exactly once.
        let top_left = ea > 0 || (ea == 0 && eb > 0);
        // In a convex polygon only the rows this edge spans are bounded by it.
        let er0 = ceil_div(a[1].min(b[1]) - HALF, SUB).max(r0);
        let er1 = floor_div(a[1].max(b[1]) - HALF, SUB).min(r1);
        if er0 > er1 {
            return;
        }
        let rows = (er0 - r0) as usize..=(er1 - r0) as usize;
        if ea == 0 {
            // A horizontal edge only touches the row whose centres lie on it.
            if !top_left {
                self.hi[rows].fill(i64::MIN);
            }
            return;
        }
        // Covered: ea·SUB·x + rest >= 0 for pixel column x, i.e. x >= -rest / (ea·SUB) when
        // ea > 0, x <= the same when ea < 0. All terms stay below 2^53, so f64 division is
        // exact enough for ceil/floor to be exact.
        let denom = (ea * SUB) as f64;
        let mut rest = ea * HALF + eb * (er0 * SUB + HALF) + ec - i64::from(!top_left);
        let step = eb * SUB;
        for i in rows {
            let q = (-rest) as f64 / denom;
            if ea > 0 {
                self.lo[i] = self.lo[i].max(q.ceil() as i64);
            } else {
                self.hi[i] = self.hi[i].min(q.floor() as i64);
            }
            rest += step;
        }
    }

    /// Paints columns `l..=h` of canvas row `row`.
    fn span(&mut self, row: i64, l: i64, h: i64, shade: &Shade<'_>, texture: &Texture) {
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
                        blend(d, std::array::from_fn(|i| color[i] * u32::from(t[i])));
                    }
                }
            }
            Shade::Smooth {
                plane,
                texel,
                filter,
            } => {
                let (x, y) = (l as f64 + 0.5, row as f64 + 0.5);
                let start: [f32; 6] = std::array::from_fn(|i| plane.at(i, x, y) as f32);
                let step: [f32; 6] = plane.dx.map(|d| d as f32);
                for (k, d) in pixels.iter_mut().enumerate() {
                    let k = k as f32;
                    let attr = |i: usize| start[i] + step[i] * k;
                    let t = texel.unwrap_or_else(|| texture.sample(attr(4), attr(5), filter));
                    blend_f32(d, std::array::from_fn(|i| attr(i).clamp(0.0, 255.0) * t[i]));
                }
            }
        }
    }
}

/// `dst = src + dst·(1 − src.a)` in gamma space, `src` premultiplied in 0..=255², rounded to
/// nearest: the result is `(255·s + d·(255² − sa)) / 255²`.
#[inline]
fn blend(d: &mut [u8; 4], s: [u32; 4]) {
    let inv = FULL - s[3];
    for i in 0..4 {
        let n = s[i] * 255 + u32::from(d[i]) * inv + FULL / 2;
        d[i] = (n / FULL).min(255) as u8;
    }
}

/// [`blend`] for a source with fractional channels.
#[inline]
fn blend_f32(d: &mut [u8; 4], s: [f32; 4]) {
    const SCALE: f32 = 1.0 / FULL as f32;
    let inv = FULL as f32 - s[3];
    for i in 0..4 {
        // `as u8` saturates, which also absorbs channels above alpha (additive colours).
        d[i] = ((s[i] * 255.0 + f32::from(d[i]) * inv) * SCALE + 0.5) as u8;
    }
}
