use crate::render::View;
use egui::{Pos2, Rect, Vec2, vec2};

/// The least zoom for a map that fits at it; a bigger map may go down to the zoom that shows it
/// whole (see [`min_zoom`]), but never below `FLOOR`.
pub const MIN_ZOOM: f32 = 0.25;
pub const MAX_ZOOM: f32 = 4.0;
const FLOOR: f32 = 0.005;
/// Space kept around a fitted map, in points.
const FIT_MARGIN: f32 = 24.0;

/// How far the user can zoom out: 25 %, or less when that is what it takes to see all of a big
/// map at once.
pub fn min_zoom(canvas: Rect, map_size: Vec2) -> f32 {
    fit_zoom(canvas, map_size).clamp(FLOOR, MIN_ZOOM)
}

/// The zoom at which the whole map fits the canvas.
fn fit_zoom(canvas: Rect, map_size: Vec2) -> f32 {
    let room = (canvas.size() - Vec2::splat(2.0 * FIT_MARGIN)).max(Vec2::splat(1.0));
    let size = map_size.max(Vec2::splat(1.0));
    (room.x / size.x).min(room.y / size.y)
}

/// Pan and zoom over the map: the map origin sits at `canvas.min + pan`, scaled by `zoom`.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Camera {
    pub pan: Vec2,
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            pan: vec2(16.0, 16.0),
            zoom: 1.0,
        }
    }
}

impl Camera {
    pub fn view(&self, canvas: Rect) -> View {
        View {
            origin: canvas.min + self.pan,
            zoom: self.zoom,
        }
    }

    /// Zooms by `factor` keeping the map point under `anchor` (screen) where it is, no further
    /// out than the whole map of `map_size` needs.
    pub fn zoom_around(&mut self, canvas: Rect, anchor: Pos2, factor: f32, map_size: Vec2) {
        let view = self.view(canvas);
        let under = view.to_map(anchor);
        self.zoom = (self.zoom * factor).clamp(min_zoom(canvas, map_size), MAX_ZOOM);
        self.pan = anchor - canvas.min - under.to_vec2() * self.zoom;
    }

    /// Shows the whole map, centred, as large as fits (at most 400 %).
    pub fn fit(&mut self, canvas: Rect, map_size: Vec2) {
        let margin = FIT_MARGIN;
        let size = map_size.max(Vec2::splat(1.0));
        self.zoom = fit_zoom(canvas, map_size).clamp(min_zoom(canvas, map_size), MAX_ZOOM);
        let used = size * self.zoom;
        self.pan = vec2(
            ((canvas.width() - used.x) / 2.0).max(margin),
            ((canvas.height() - used.y) / 2.0).max(margin),
        );
    }

    /// The stage columns across the whole canvas, from the top: for a projector, where a tall
    /// map is read down rather than shrunk to fit (at most 400 %, and no smaller than `fit`).
    pub fn fit_width(&mut self, canvas: Rect, map_size: Vec2) {
        self.fit(canvas, map_size);
        let size = map_size.max(Vec2::splat(1.0));
        let across = ((canvas.width() - 2.0 * FIT_MARGIN).max(1.0) / size.x).min(MAX_ZOOM);
        if across > self.zoom {
            self.zoom = across;
            self.pan = vec2((canvas.width() - size.x * across) / 2.0, FIT_MARGIN);
        }
    }

    /// 100 %, with the map's top-left corner in view.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Scrolls so that a map rectangle is fully on screen (keyboard navigation).
    pub fn reveal(&mut self, canvas: Rect, map_rect: Rect) {
        self.reveal_within(canvas, canvas, map_rect);
    }

    /// Scrolls so that a map rectangle is fully inside `room`, a part of the canvas (the part
    /// the sticky headers leave free).
    pub fn reveal_within(&mut self, canvas: Rect, room: Rect, map_rect: Rect) {
        let r = self.view(canvas).to_screen_rect(map_rect);
        let margin = 24.0;
        let mut shift = Vec2::ZERO;
        if r.left() < room.left() + margin {
            shift.x = room.left() + margin - r.left();
        } else if r.right() > room.right() - margin {
            shift.x = (room.right() - margin - r.right()).max(room.left() + margin - r.left());
        }
        if r.top() < room.top() + margin {
            shift.y = room.top() + margin - r.top();
        } else if r.bottom() > room.bottom() - margin {
            shift.y = (room.bottom() - margin - r.bottom()).max(room.top() + margin - r.top());
        }
        self.pan += shift;
    }
}
