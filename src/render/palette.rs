use crate::model::{Colour, Emotion};
use egui::Color32;

/// The map's colours for one theme: calm surfaces, strong text, one accent for selection.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    pub dark: bool,
    pub background: Color32,
    pub lane: [Color32; 2],
    pub grid: Color32,
    pub header: Color32,
    pub header_text: Color32,
    pub card: Color32,
    pub card_border: Color32,
    pub shadow: Color32,
    pub text: Color32,
    pub muted: Color32,
    pub accent: Color32,
    pub hover: Color32,
    /// The ring around cards that Find matches: a highlighter, apart from the selection blue.
    pub found: Color32,
    pub pain: Color32,
    pub band: Color32,
    /// Very negative to very positive. A diverging scale that stays apart for the common kinds of
    /// colour blindness; cards also show a face, so colour is never the only cue.
    pub emotion: [Color32; 5],
    /// The emotion scale drawn as outlines on the window's panels (the faces not chosen in the
    /// inspector): the same hues, dark or light enough to read against the panel.
    pub emotion_outline: [Color32; 5],
    /// Compared with another version: cards added, changed, moved and removed; hues apart from
    /// the emotion scale, the selection and Find.
    pub added: Color32,
    pub changed: Color32,
    pub moved: Color32,
    pub removed: Color32,
}

impl Palette {
    pub fn light() -> Self {
        Self {
            dark: false,
            background: Color32::from_rgb(0xf3, 0xf4, 0xf6),
            lane: [
                Color32::from_rgb(0xfb, 0xfb, 0xfc),
                Color32::from_rgb(0xf3, 0xf4, 0xf7),
            ],
            grid: Color32::from_rgb(0xdc, 0xdf, 0xe5),
            header: Color32::from_rgb(0xe7, 0xea, 0xef),
            header_text: Color32::from_rgb(0x1f, 0x29, 0x37),
            card: Color32::WHITE,
            card_border: Color32::from_rgb(0xcf, 0xd4, 0xdc),
            shadow: Color32::from_black_alpha(22),
            text: Color32::from_rgb(0x11, 0x18, 0x27),
            muted: Color32::from_rgb(0x5b, 0x64, 0x72),
            accent: Color32::from_rgb(0x25, 0x63, 0xeb),
            hover: Color32::from_rgb(0x93, 0xb4, 0xf5),
            found: Color32::from_rgb(0xf5, 0x9e, 0x0b),
            pain: Color32::from_rgb(0xc2, 0x41, 0x0c),
            band: Color32::from_rgb(0xee, 0xf0, 0xf4),
            emotion: [
                Color32::from_rgb(0xc8, 0x3e, 0x4d),
                Color32::from_rgb(0xe8, 0x8a, 0x3c),
                Color32::from_rgb(0x9a, 0xa1, 0xab),
                Color32::from_rgb(0x4a, 0x9d, 0xc4),
                Color32::from_rgb(0x21, 0x66, 0xac),
            ],
            emotion_outline: [
                Color32::from_rgb(0xb0, 0x2a, 0x3a),
                Color32::from_rgb(0xa8, 0x55, 0x0e),
                Color32::from_rgb(0x5b, 0x64, 0x72),
                Color32::from_rgb(0x1f, 0x72, 0x9c),
                Color32::from_rgb(0x21, 0x66, 0xac),
            ],
            added: Color32::from_rgb(0x15, 0x80, 0x3d),
            changed: Color32::from_rgb(0xa2, 0x1c, 0xaf),
            moved: Color32::from_rgb(0x0e, 0x74, 0x90),
            removed: Color32::from_rgb(0xb9, 0x1c, 0x1c),
        }
    }

    pub fn dark() -> Self {
        Self {
            dark: true,
            background: Color32::from_rgb(0x14, 0x17, 0x1c),
            lane: [
                Color32::from_rgb(0x1b, 0x1f, 0x26),
                Color32::from_rgb(0x20, 0x25, 0x2d),
            ],
            grid: Color32::from_rgb(0x33, 0x3a, 0x45),
            header: Color32::from_rgb(0x26, 0x2c, 0x36),
            header_text: Color32::from_rgb(0xe6, 0xe9, 0xef),
            card: Color32::from_rgb(0x2b, 0x31, 0x3c),
            card_border: Color32::from_rgb(0x44, 0x4c, 0x59),
            shadow: Color32::from_black_alpha(70),
            text: Color32::from_rgb(0xf1, 0xf3, 0xf6),
            muted: Color32::from_rgb(0xa3, 0xab, 0xb8),
            accent: Color32::from_rgb(0x60, 0xa5, 0xfa),
            hover: Color32::from_rgb(0x3b, 0x5b, 0x8f),
            found: Color32::from_rgb(0xfb, 0xbf, 0x24),
            pain: Color32::from_rgb(0xfb, 0x92, 0x3c),
            band: Color32::from_rgb(0x18, 0x1c, 0x22),
            emotion: [
                Color32::from_rgb(0xe5, 0x5a, 0x68),
                Color32::from_rgb(0xf0, 0xa0, 0x5a),
                Color32::from_rgb(0x9a, 0xa1, 0xab),
                Color32::from_rgb(0x6c, 0xb8, 0xdc),
                Color32::from_rgb(0x4b, 0x8f, 0xe0),
            ],
            emotion_outline: [
                Color32::from_rgb(0xef, 0x7a, 0x86),
                Color32::from_rgb(0xf0, 0xa0, 0x5a),
                Color32::from_rgb(0xb4, 0xbb, 0xc5),
                Color32::from_rgb(0x6c, 0xb8, 0xdc),
                Color32::from_rgb(0x6f, 0xa8, 0xf0),
            ],
            added: Color32::from_rgb(0x4a, 0xde, 0x80),
            changed: Color32::from_rgb(0xe8, 0x79, 0xf9),
            moved: Color32::from_rgb(0x22, 0xd3, 0xee),
            removed: Color32::from_rgb(0xf8, 0x71, 0x71),
        }
    }

    pub fn for_dark_mode(dark: bool) -> Self {
        if dark { Self::dark() } else { Self::light() }
    }

    pub fn emotion(&self, e: Emotion) -> Color32 {
        self.emotion[(e.0.clamp(Emotion::MIN, Emotion::MAX) - Emotion::MIN) as usize]
    }

    pub fn emotion_outline(&self, e: Emotion) -> Color32 {
        self.emotion_outline[(e.0.clamp(Emotion::MIN, Emotion::MAX) - Emotion::MIN) as usize]
    }

    /// A continuous colour for a mean emotion on the curve.
    pub fn emotion_mean(&self, mean: f32) -> Color32 {
        let t = (mean.clamp(-2.0, 2.0) + 2.0).min(3.999);
        let i = t.floor() as usize;
        lerp(self.emotion[i], self.emotion[i + 1], t.fract())
    }

    /// A card's fill on the heat scale: the very negative emotion's colour at 0 (worst), the
    /// card's own colour in the middle, the very positive one at 1 (best), mixed into the card
    /// so that its text stays readable.
    pub fn heat(&self, t: f32) -> Color32 {
        let t = t.clamp(0.0, 1.0);
        let (end, amount) = if t < 0.5 {
            (self.emotion[0], 1.0 - 2.0 * t)
        } else {
            (self.emotion[4], 2.0 * t - 1.0)
        };
        lerp(self.card, end, 0.45 * amount)
    }

    pub fn persona(&self, c: Colour) -> Color32 {
        Color32::from_rgb(c.r, c.g, c.b)
    }

    /// A colleague's colour in a co-editing session, the same on every screen.
    pub fn colleague(&self, id: u64) -> Color32 {
        self.persona(Colour::PALETTE[(id % Colour::PALETTE.len() as u64) as usize])
    }
}

fn lerp(a: Color32, b: Color32, t: f32) -> Color32 {
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG contrast ratio of two opaque colours.
    fn contrast(a: Color32, b: Color32) -> f32 {
        let luminance = |c: Color32| {
            let linear = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * linear(c.r()) + 0.7152 * linear(c.g()) + 0.0722 * linear(c.b())
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// The inspector's faces and captions sit on egui's panels: they must read there, in both
    /// themes (3:1 for shapes, 4.5:1 for small text).
    #[test]
    fn inspector_faces_and_captions_read_on_the_panel_in_both_themes() {
        for (palette, visuals) in [
            (Palette::light(), egui::Visuals::light()),
            (Palette::dark(), egui::Visuals::dark()),
        ] {
            let panel = visuals.panel_fill;
            for e in Emotion::SCALE {
                let c = contrast(palette.emotion_outline(e), panel);
                assert!(c >= 3.0, "{e:?} outline {c:.2} on dark={}", palette.dark);
            }
            let caption = contrast(palette.muted, panel);
            assert!(
                caption >= 4.5,
                "caption {caption:.2} on dark={}",
                palette.dark
            );
        }
    }
}
