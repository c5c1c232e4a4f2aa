//! The map as a PNG image: the canvas's own painting, run headless and rasterised on the CPU,
//! with a title block, a legend, and the journey embedded so the image can be opened again.

use crate::insight::{Heat, Lens};
mod faces;
pub mod pdf;
pub mod svg;
mod vector;
#[cfg(feature = "vello")]
mod vello;

pub use pdf::Paper;

use crate::compare::picture::Picture;
use crate::io::atomic;
use crate::io::png::{BandCompressor, Encoder, band_rows};
use crate::layout::{Detail, Layout, Style};
use crate::model::Journey;
use crate::parallel;
use crate::raster::{self, Painted, Strips};
use crate::render::{self, HEADER_HEIGHT, LEGEND_HEIGHT, Marks, Palette, View};
use egui::{Color32, Pos2, Rect, Ui, pos2, vec2};
use std::convert::Infallible;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Image limits: beyond these, memory use explodes and most viewers refuse the file anyway.
pub const MAX_SIDE: u32 = 16_384;
pub const MAX_PIXELS: u64 = 256_000_000;
/// Margin around the map, in points.
const MARGIN: f32 = 24.0;
/// The legend needs this much width to show its three groups.
const MIN_WIDTH: f32 = 1100.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Pixels per point: 1, 2 or 3 in the app; any positive value from the command line.
    pub scale: f32,
    pub dark: bool,
    /// The date printed in the title block; today when None.
    pub date: Option<String>,
    /// Cards the lens does not match are faded; heat colours the cards; detail sizes them.
    pub lens: Lens,
    pub heat: Heat,
    pub detail: Detail,
    /// Compared with another version: the picture is painted, with its marks (the journey
    /// inside the file stays the one exported).
    pub compare: Option<Arc<Picture>>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            scale: 2.0,
            dark: false,
            date: None,
            lens: Lens::default(),
            heat: Heat::Off,
            detail: Detail::Standard,
            compare: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "the map is too large to export at {scale}×: {width} × {height} px (the limit is \
         {MAX_SIDE} px a side and {} megapixels); {suggestion}",
        MAX_PIXELS / 1_000_000
    )]
    TooLarge {
        scale: f32,
        width: u64,
        height: u64,
        suggestion: String,
    },
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    #[error("the scale must be a positive number, not {0}")]
    BadScale(f32),
    #[error("{}: could not write the image: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A rendered map: straight RGBA8 pixels.
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// The size of the exported picture in points, and where the map sits in it.
fn frame(layout: &Layout) -> (egui::Vec2, Pos2) {
    let width = (layout.size.x + 2.0 * MARGIN).max(MIN_WIDTH);
    let height = HEADER_HEIGHT + layout.size.y + MARGIN + LEGEND_HEIGHT;
    (vec2(width, height), pos2(MARGIN, HEADER_HEIGHT))
}

/// The size in pixels of the exported picture at `scale`, or why it cannot be exported.
pub fn image_size(journey: &Journey, scale: f32) -> Result<[u32; 2], ExportError> {
    let (size, _) = frame(&Layout::new(journey, &Style::default()));
    check_size(size, scale)?;
    Ok(raster::pixel_size(size, scale))
}

/// Checks that the image fits the limits at `scale`; suggests a scale that does when it doesn't.
fn check_size(points: egui::Vec2, scale: f32) -> Result<(), ExportError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(ExportError::BadScale(scale));
    }
    let px = |v: f32, s: f32| (f64::from(v) * f64::from(s)).round() as u64;
    let fits = |s: f32| {
        let (w, h) = (px(points.x, s), px(points.y, s));
        w <= u64::from(MAX_SIDE) && h <= u64::from(MAX_SIDE) && w * h <= MAX_PIXELS
    };
    if fits(scale) {
        return Ok(());
    }
    let suggestion = [3.0, 2.0, 1.5, 1.0, 0.75, 0.5, 0.25]
        .into_iter()
        .find(|&s| s < scale && fits(s))
        .map_or_else(
            || "even 0.25× does not fit; export one image per persona (--per-persona)".to_owned(),
            |s| format!("try --scale {s}"),
        );
    Err(ExportError::TooLarge {
        scale,
        width: px(points.x, scale),
        height: px(points.y, scale),
        suggestion,
    })
}

/// One exported page, laid out and checked against the size limits, ready to paint.
pub struct Page<'a> {
    /// The journey the file carries.
    journey: &'a Journey,
    layout: Layout,
    /// The whole picture, in points.
    size: egui::Vec2,
    map_origin: Pos2,
    palette: Palette,
    date: String,
    scale: f32,
    marks: Marks,
    /// The heat's name for the scale in the title block.
    heat: Option<String>,
}

impl<'a> Page<'a> {
    /// Lays the journey out and refuses a picture too large for `options.scale`.
    pub fn new(journey: &'a Journey, options: &Options) -> Result<Self, ExportError> {
        let page = Self::laid_out(journey, options);
        check_size(page.size, options.scale)?;
        Ok(page)
    }

    /// A page for SVG and PDF: no pixels, so no pixel limit (the scale is ignored). It is laid
    /// out as the PNG at 2× is (egui places glyphs on its pixel grid), so text breaks exactly
    /// where it does in the default PNG.
    pub fn for_vectors(journey: &'a Journey, options: &Options) -> Self {
        Self::laid_out(
            journey,
            &Options {
                scale: VECTOR_SCALE,
                ..options.clone()
            },
        )
    }

    fn laid_out(journey: &'a Journey, options: &Options) -> Self {
        let style = Style::with_detail(options.detail);
        let layout = match &options.compare {
            Some(picture) => picture.layout(journey, &style),
            None => Layout::new(journey, &style),
        };
        let (size, map_origin) = frame(&layout);
        Self {
            journey,
            layout,
            size,
            map_origin,
            palette: Palette::for_dark_mode(options.dark),
            date: options.date.clone().unwrap_or_else(today),
            scale: options.scale,
            marks: Marks {
                faded: Arc::new(options.lens.faded(journey)),
                heat: Arc::new(options.heat.values(journey)),
                compare: options.compare.clone(),
                ..Marks::default()
            },
            heat: options.heat.label(),
        }
    }

    /// The picture's size in points (multiply by the scale for pixels).
    pub fn size(&self) -> egui::Vec2 {
        self.size
    }

    pub fn background(&self) -> Color32 {
        self.palette.background
    }

    /// Paints the title block, the whole map (no selection or hover) and the legend.
    pub fn paint(&self, ui: &mut Ui) {
        let painter = ui.painter();
        let page = Rect::from_min_size(Pos2::ZERO, self.size);
        let header = Rect::from_min_size(Pos2::ZERO, vec2(self.size.x, HEADER_HEIGHT));
        render::paint_export_header(painter, header, self.journey, &self.date, &self.palette);

        let view = View {
            origin: self.map_origin,
            zoom: 1.0,
        };
        render::paint_map(
            painter,
            self.journey,
            &self.layout,
            view,
            &self.palette,
            &self.marks,
        );
        let legend = Rect::from_min_max(pos2(0.0, page.bottom() - LEGEND_HEIGHT), page.max);
        render::paint_legend(painter, legend, self.journey, &self.palette);
        if let Some(picture) = &self.marks.compare {
            // Right of the legend's groups, on its last rows.
            let at = pos2(legend.right() - MARGIN, legend.bottom() - 40.0);
            render::paint_compare_key(painter, at, picture, &self.palette);
        }
        if let Some(heat) = &self.heat {
            // Right of the legend's groups, on its first row.
            let at = pos2(legend.right() - MARGIN, legend.top() + 40.0);
            render::paint_heat_scale(painter, at, heat, &self.palette);
        }
    }

    /// egui's passes for the page, headless, tessellated.
    pub fn paint_headless(&self) -> Painted {
        raster::paint_headless(self.size, self.scale, crate::fonts::install, |ui| {
            self.paint(ui)
        })
    }

    /// The page as vector shapes and text, drawn into `draw`: the same painting as
    /// [`Self::paint_headless`], walked before tessellation.
    fn draw_vector(&self, draw: &mut dyn vector::Draw) -> faces::Faces {
        let (ctx, output) = raster::run_headless(
            self.size,
            self.scale,
            crate::fonts::install,
            |ui| self.paint(ui),
            |_| {},
        );
        let mut faces = faces::Faces::of(&ctx);
        vector::walk(&output.shapes, self.size, &mut faces, draw);
        faces
    }

    /// The page as an SVG document with the journey inside.
    pub fn to_svg(&self) -> String {
        let mut svg = svg::Svg::new();
        let faces = self.draw_vector(&mut svg);
        svg.finish(
            self.size.x,
            self.size.y,
            self.background(),
            &crate::io::svg::head(self.journey),
            &faces,
        )
    }

    /// The page as a PDF document on `paper`, with the journey inside.
    pub fn to_pdf(&self, paper: Paper, landscape: bool) -> Result<Vec<u8>, ExportError> {
        use krilla::{Document, SerializeSettings, page::PageSettings};
        let (page_size, offset, scale) = pdf::placement(self.size, paper, landscape);
        let failed = |why: String| ExportError::Pdf(why);
        let mut document = Document::new_with(SerializeSettings {
            enable_tagging: true,
            ..Default::default()
        });
        let settings = PageSettings::from_wh(page_size.x, page_size.y)
            .ok_or_else(|| failed(format!("a page of {page_size:?} points")))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut writer = pdf::Pdf::new(&mut surface);
        writer.background(
            Rect::from_min_size(Pos2::ZERO, page_size),
            self.background(),
        );
        let tags = {
            writer.transform(offset, scale);
            self.draw_vector(&mut writer);
            writer.finish()
        };
        surface.finish();
        page.finish();
        let mut tree = krilla::tagging::TagTree::new();
        // The whole map, with a description for readers that do not walk its text.
        let alt = format!(
            "Customer journey map \"{}\": {}",
            self.journey.title,
            self.journey.summary()
        );
        let mut map =
            krilla::tagging::TagGroup::new(krilla::tagging::Tag::Part.with_alt_text(Some(alt)));
        for tag in tags {
            map.push(tag);
        }
        tree.push(map);
        document.set_tag_tree(tree);
        document.set_metadata(pdf::metadata(self.journey, &self.date));
        document
            .embed_file(pdf::journey_file(self.journey))
            .ok_or_else(|| failed("the journey could not be embedded".to_owned()))?;
        document.finish().map_err(|e| failed(format!("{e:?}")))
    }

    /// The painted page in strips of as many rows as a PNG band holds.
    fn strips<'p>(&self, painted: &'p Painted) -> Strips<'p> {
        let [width, _] = raster::pixel_size(self.size, painted.pixels_per_point);
        Strips::new(painted, self.size, self.background(), band_rows(width))
    }

    /// Paints the page and writes it as a PNG with the journey inside. Each core draws a strip
    /// and compresses it while the finished ones are written in order, so the whole picture is
    /// never in memory at once. Returns the size in pixels.
    pub fn encode_png(&self, out: &mut dyn Write) -> io::Result<[u32; 2]> {
        let painted = self.paint_headless();
        let strips = self.strips(&painted);
        let [width, height] = strips.size();
        let mut encoder = Encoder::new(out, width, height, self.journey)?;
        parallel::ordered(
            strips.count(),
            |i, (pixels, compressor): &mut (Vec<[u8; 4]>, BandCompressor)| {
                compressor.compress(strips.draw(i, pixels), width)
            },
            |band| encoder.write_band(&band?),
        )?;
        encoder.finish()?;
        Ok([width, height])
    }
}

#[cfg(feature = "vello")]
impl Page<'_> {
    /// The page drawn by vello_cpu (see [`vello`]); None when it is wider or taller than vello's
    /// 65,535 pixels.
    pub fn render_vello(&self) -> Option<Image> {
        let [width, height] = raster::pixel_size(self.size, self.scale);
        let mut canvas = vello::Vello::new(
            u16::try_from(width).ok()?,
            u16::try_from(height).ok()?,
            self.scale,
        );
        canvas.background(
            Rect::from_min_size(Pos2::ZERO, self.size),
            self.background(),
        );
        self.draw_vector(&mut canvas);
        let rgba = canvas
            .finish()
            .take_unpremultiplied()
            .into_iter()
            .flat_map(|p| [p.r, p.g, p.b, p.a])
            .collect();
        Some(Image {
            width,
            height,
            rgba,
        })
    }
}

/// Rasterises a painted page into one image, on every core.
pub fn rasterise(page: &Page<'_>, painted: &Painted) -> Image {
    let strips = page.strips(painted);
    let [width, height] = strips.size();
    let mut rgba = Vec::with_capacity(width as usize * height as usize * 4);
    let drawn = parallel::ordered(
        strips.count(),
        |i, pixels: &mut Vec<[u8; 4]>| strips.draw(i, pixels).to_vec(),
        |rows| {
            rgba.extend_from_slice(&rows);
            Ok::<(), Infallible>(())
        },
    );
    let Ok(()) = drawn;
    Image {
        width,
        height,
        rgba,
    }
}

/// Renders the whole map (no selection or hover) into pixels.
pub fn render(journey: &Journey, options: &Options) -> Result<Image, ExportError> {
    let page = Page::new(journey, options)?;
    Ok(rasterise(&page, &page.paint_headless()))
}

/// The whole page `width` pixels wide, undated: a small picture of a map (the start screen's
/// gallery of templates).
pub fn picture(journey: &Journey, width: f32, dark: bool) -> Result<Image, ExportError> {
    let [points, _] = image_size(journey, 1.0)?;
    let options = Options {
        scale: width / points as f32,
        dark,
        date: Some(String::new()),
        ..Options::default()
    };
    render(journey, &options)
}

/// Renders and writes the PNG atomically, with the journey inside. Returns the pixel size.
pub fn export_png(
    journey: &Journey,
    path: &Path,
    options: &Options,
) -> Result<[u32; 2], ExportError> {
    let page = Page::new(journey, options)?;
    let mut size = [0; 2];
    atomic::write_atomic_with(path, |out| {
        let mut out = io::BufWriter::with_capacity(1 << 20, out);
        size = page.encode_png(&mut out)?;
        out.flush()
    })
    .map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })?;
    Ok(size)
}

/// Writes the map as an SVG atomically, with the journey inside. Returns its size in bytes.
pub fn export_svg(journey: &Journey, path: &Path, options: &Options) -> Result<u64, ExportError> {
    let svg = Page::for_vectors(journey, options).to_svg();
    atomic::write_atomic(path, svg.as_bytes()).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })?;
    Ok(svg.len() as u64)
}

/// Writes the map as a PDF atomically, with the journey inside. Returns its size in bytes.
pub fn export_pdf(
    journey: &Journey,
    path: &Path,
    options: &Options,
    paper: Paper,
    landscape: bool,
) -> Result<u64, ExportError> {
    let pdf = Page::for_vectors(journey, options).to_pdf(paper, landscape)?;
    atomic::write_atomic(path, &pdf).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })?;
    Ok(pdf.len() as u64)
}

/// The pixels per point vector pages are laid out at (see [`Page::for_vectors`]).
pub const VECTOR_SCALE: f32 = 2.0;

/// One image per persona lane, for a map too large to be one picture: `map.png` becomes
/// `map-busy-parent.png`, `map-first-time-buyer.png`… beside it. Each image holds one lane
/// across every stage, and that part of the journey, so it opens again like any export.
pub fn persona_parts(journey: &Journey, path: &Path) -> Vec<(PathBuf, Journey)> {
    let stem = path
        .file_stem()
        .map_or_else(|| "map".to_owned(), |s| s.to_string_lossy().into_owned());
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut used = std::collections::HashSet::new();
    journey
        .personas
        .iter()
        .map(|persona| {
            let base = format!("{stem}-{}", slug(&persona.name, "persona"));
            // Two personas of one name still get a file each.
            let name = (1..)
                .map(|n| match n {
                    1 => base.clone(),
                    n => format!("{base}-{n}"),
                })
                .find(|name| used.insert(name.clone()))
                .unwrap_or(base);
            let part = Journey {
                title: format!("{} — {}", journey.title, persona.name),
                personas: vec![persona.clone()],
                touchpoints: journey
                    .touchpoints
                    .iter()
                    .filter(|t| t.persona == persona.id)
                    .cloned()
                    .collect(),
                ..journey.clone()
            };
            (dir.join(format!("{name}.png")), part)
        })
        .collect()
}

/// The size of the largest per-persona image at `scale`, or why one of them cannot be exported.
pub fn per_persona_size(journey: &Journey, scale: f32) -> Result<[u32; 2], ExportError> {
    let mut largest = [0, 0];
    for (_, part) in persona_parts(journey, Path::new("map.png")) {
        let [w, h] = image_size(&part, scale)?;
        largest = [largest[0].max(w), largest[1].max(h)];
    }
    Ok(largest)
}

/// Writes one image per persona (see [`persona_parts`]); every lane is checked against the size
/// limits before the first file is written. Returns each file and its size in pixels.
pub fn export_per_persona(
    journey: &Journey,
    path: &Path,
    options: &Options,
) -> Result<Vec<(PathBuf, [u32; 2])>, ExportError> {
    let parts = persona_parts(journey, path);
    for (_, part) in &parts {
        image_size(part, options.scale)?;
    }
    parts
        .iter()
        .map(|(path, part)| export_png(part, path, options).map(|size| (path.clone(), size)))
        .collect()
}

/// A file name from a title or a name: "Online shop: first order" -> "online-shop-first-order".
/// Letters of any script stay; everything else (slashes, dots, spaces) becomes one dash, and
/// the name is cut to fit any file system. `fallback` stands in for a name with no letters.
pub fn slug(title: &str, fallback: &str) -> String {
    let s: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let s: String = s.chars().take(60).collect();
    let s = s.trim_end_matches('-');
    if s.is_empty() {
        fallback.to_owned()
    } else {
        s.to_owned()
    }
}

/// Today's date as YYYY-MM-DD (UTC). `SOURCE_DATE_EPOCH` (the reproducible-builds convention)
/// overrides the clock, so that a docs build makes the same image twice.
fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or_else(crate::clock::now_secs);
    crate::clock::date(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_maps_are_refused_with_a_scale_that_fits() {
        let err = check_size(vec2(6000.0, 5000.0), 3.0)
            .unwrap_err()
            .to_string();
        assert!(err.contains("18000 × 15000 px"), "{err}");
        assert!(err.contains("try --scale 2"), "{err}");
        assert!(check_size(vec2(6000.0, 5000.0), 2.0).is_ok());
        assert!(matches!(
            check_size(vec2(10.0, 10.0), 0.0),
            Err(ExportError::BadScale(_))
        ));
    }
}
