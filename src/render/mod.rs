//! Draws a laid-out map with an egui Painter. The canvas and the PNG export run this same code,
//! so the exported image is what the user saw.

mod bidi;
mod card;
mod compare;
mod face;
mod legend;
mod map;
mod overview;
mod palette;
mod rows;
mod text;

pub use card::{CardLook, paint_card};
pub use compare::{mark_colour, paint_compare_key, paint_curve_swatch};
pub use face::paint_face;
pub use legend::{
    HEADER_HEIGHT, LEGEND_HEIGHT, paint_export_header, paint_heat_scale, paint_legend,
};
pub use map::{
    Marks, NamePlace, View, paint_map, persona_name_place, stage_name_place, sticky_shift,
};
pub use palette::Palette;

/// Below this on-screen size, text is unreadable anyway; it is replaced by quiet bars, which also
/// keeps a zoomed-out 5,000-card map fast.
pub const MIN_TEXT_PX: f32 = 5.0;
