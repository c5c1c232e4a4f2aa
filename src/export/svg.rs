//! The page as SVG: paths for shapes, `<text>` for text (each glyph at the place egui gave it,
//! so the text fits its boxes whichever of the named fonts the viewer has), and the journey in
//! `<metadata>`.

use super::faces::Faces;
use super::vector::{Draw, Run, Segment};
use egui::{Color32, Rect, Stroke};
use std::fmt::Write;

/// Writes SVG elements for everything drawn.
pub struct Svg {
    body: String,
    /// The clip rectangles met so far, by number (`url(#clip3)`).
    clips: Vec<Rect>,
    /// Inside a `<g>` that clips.
    clipped: bool,
    /// The faces some text used, for the style sheet.
    used_faces: Vec<bool>,
}

impl Svg {
    pub fn new() -> Self {
        Self {
            body: String::with_capacity(1 << 20),
            clips: Vec::new(),
            clipped: false,
            used_faces: Vec::new(),
        }
    }

    /// The whole document: `head` (title, description, metadata) first, then a background of
    /// `background` and what was drawn.
    pub fn finish(
        mut self,
        width: f32,
        height: f32,
        background: Color32,
        head: &str,
        faces: &Faces,
    ) -> String {
        self.clip(None);
        let mut out = String::with_capacity(self.body.len() + head.len() + 4096);
        let (w, h) = (num(width), num(height));
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
             width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xml:space=\"preserve\">\n{head}<style>\n"
        );
        for (i, face) in faces.faces.iter().enumerate() {
            if self.used_faces.get(i).copied().unwrap_or(false) {
                let families: Vec<String> = face
                    .css_families()
                    .iter()
                    .map(|f| format!("'{}'", f.replace(['\'', '<', '>', '&'], "")))
                    .collect();
                let weight = if face.name == "Ubuntu-Light" {
                    ";font-weight:300"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    ".f{i}{{font-family:{},sans-serif{weight}}}",
                    families.join(",")
                );
            }
        }
        out.push_str("</style>\n<defs>\n");
        for (i, r) in self.clips.iter().enumerate() {
            let _ = writeln!(
                out,
                "<clipPath id=\"clip{i}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
                num(r.min.x),
                num(r.min.y),
                num(r.width()),
                num(r.height())
            );
        }
        out.push_str("</defs>\n");
        let _ = writeln!(
            out,
            "<rect width=\"100%\" height=\"100%\"{}/>",
            paint("fill", background)
        );
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

impl Default for Svg {
    fn default() -> Self {
        Self::new()
    }
}

impl Draw for Svg {
    fn clip(&mut self, rect: Option<Rect>) {
        if self.clipped {
            self.body.push_str("</g>\n");
            self.clipped = false;
        }
        if let Some(rect) = rect {
            let id = self
                .clips
                .iter()
                .position(|r| *r == rect)
                .unwrap_or_else(|| {
                    self.clips.push(rect);
                    self.clips.len() - 1
                });
            let _ = writeln!(self.body, "<g clip-path=\"url(#clip{id})\">");
            self.clipped = true;
        }
    }

    fn outline(&mut self, segments: &[Segment], fill: Color32, stroke: Stroke) {
        let stroked = stroke.width > 0.0 && stroke.color.a() > 0;
        if fill.a() == 0 && !stroked {
            return;
        }
        self.body.push_str("<path d=\"");
        for segment in segments {
            let _ = match *segment {
                Segment::Move(p) => write!(self.body, "M{} {}", num(p.x), num(p.y)),
                Segment::Line(p) => write!(self.body, "L{} {}", num(p.x), num(p.y)),
                Segment::Cubic(a, b, c) => write!(
                    self.body,
                    "C{} {} {} {} {} {}",
                    num(a.x),
                    num(a.y),
                    num(b.x),
                    num(b.y),
                    num(c.x),
                    num(c.y)
                ),
                Segment::Close => write!(self.body, "Z"),
            };
        }
        self.body.push('"');
        if fill.a() == 0 {
            self.body.push_str(" fill=\"none\"");
        } else {
            let _ = write!(self.body, "{}", paint("fill", fill));
        }
        if stroked {
            let _ = write!(self.body, "{}", paint("stroke", stroke.color));
            let _ = write!(self.body, " stroke-width=\"{}\"", num(stroke.width));
        }
        self.body.push_str("/>\n");
    }

    fn text(&mut self, run: &Run, _faces: &Faces) {
        if self.used_faces.len() <= run.face {
            self.used_faces.resize(run.face + 1, false);
        }
        self.used_faces[run.face] = true;
        let _ = write!(
            self.body,
            "<text class=\"f{}\" font-size=\"{}\"{} x=\"",
            run.face,
            num(run.size),
            paint("fill", run.color)
        );
        for (i, glyph) in run.glyphs.iter().enumerate() {
            if i > 0 {
                self.body.push(' ');
            }
            let _ = write!(self.body, "{}", num(run.origin.x + glyph.x));
        }
        let _ = write!(self.body, "\" y=\"{}\"", num(run.origin.y));
        if run.angle != 0.0 {
            let _ = write!(
                self.body,
                " transform=\"rotate({} {} {})\"",
                num(run.angle.to_degrees()),
                num(run.origin.x),
                num(run.origin.y)
            );
        }
        self.body.push('>');
        for glyph in &run.glyphs {
            escape_into(&mut self.body, glyph.text);
        }
        self.body.push_str("</text>\n");
    }
}

/// ` fill="#rrggbb"` (and its opacity when not opaque) from egui's premultiplied colour.
fn paint(attribute: &'static str, color: Color32) -> Paint {
    Paint(attribute, color)
}

/// See [`paint`]: written straight into the document.
struct Paint(&'static str, Color32);

impl std::fmt::Display for Paint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Paint(attribute, color) = self;
        let [r, g, b, a] = color.to_srgba_unmultiplied();
        write!(f, " {attribute}=\"#{r:02x}{g:02x}{b:02x}\"")?;
        if a < 255 {
            write!(f, " {attribute}-opacity=\"{}\"", num(f32::from(a) / 255.0))?;
        }
        Ok(())
    }
}

/// A coordinate to a hundredth of a point: finer than any screen or printer, and short.
fn num(v: f32) -> Num {
    Num(v)
}

/// See [`num`]: written straight into the document, without a string of its own.
struct Num(f32);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let r = (v * 100.0).round() / 100.0;
        if r == 0.0 {
            f.write_str("0")
        } else {
            write!(f, "{r}")
        }
    }
}

/// Escapes a character for XML text; characters XML 1.0 cannot hold become U+FFFD.
pub fn escape_into(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\t' | '\n' | '\r' => out.push(c),
        c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
        c => out.push(c),
    }
}

/// [`escape_into`] for a whole text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        escape_into(&mut out, c);
    }
    out
}
