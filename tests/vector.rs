//! SVG and PDF exports end to end: real text (every card title can be found), the same picture
//! as the PNG export (rasterised by resvg and by poppler's pdftoppm), the journey carried
//! inside byte for byte, damaged and foreign files, goldens, and the command line.
//!
//! Regenerate the goldens (after an intended change to the picture, then look at them):
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test --release --test vector
//! ```

use journeymap::export::{self, Options, Page, Paper};
use journeymap::io;
use journeymap::model::Journey;
use journeymap::templates::TEMPLATES;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const DATE: &str = "2026-01-15";

fn options(dark: bool) -> Options {
    Options {
        scale: export::VECTOR_SCALE,
        dark,
        date: Some(DATE.to_owned()),
        ..Options::default()
    }
}

fn template(name: &str) -> Journey {
    journeymap::templates::find(name)
        .unwrap_or_else(|| panic!("no template {name}"))
        .journey()
        .unwrap()
}

fn svg_of(journey: &Journey, dark: bool) -> String {
    Page::for_vectors(journey, &options(dark)).to_svg()
}

fn pdf_of(journey: &Journey, paper: Paper, landscape: bool) -> Vec<u8> {
    Page::for_vectors(journey, &options(false))
        .to_pdf(paper, landscape)
        .unwrap()
}

/// Whitespace of any kind and length as one space: text wraps differently in every viewer.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an SVG's `<text>` elements, one per line, unescaped.
fn svg_text(svg: &str) -> String {
    let mut out = String::new();
    for part in svg.split("<text ").skip(1) {
        let Some((_, rest)) = part.split_once('>') else {
            continue;
        };
        let inner = rest.split("</text>").next().unwrap_or("");
        let inner = inner
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        out.push_str(&inner);
        out.push('\n');
    }
    out
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text of a card title as the card shows it: whole, or its shown start when cut with `…`.
fn findable(title: &str, text: &str) -> bool {
    let (title, text) = (words(title), words(text));
    text.contains(&title) || {
        // A title too long for its card ends in an ellipsis: its first words are there.
        let start: String = title.chars().take(24).collect();
        text.contains(start.trim_end()) && text.contains('…')
    }
}

#[test]
fn every_card_title_is_real_text_in_the_svg_and_the_pdf() {
    for t in &TEMPLATES {
        let journey = t.journey().unwrap();
        let svg = svg_text(&svg_of(&journey, false));
        let pdf = pdftotext(&pdf_of(&journey, Paper::Fit, false));
        for card in &journey.touchpoints {
            assert!(
                findable(&card.title, &svg),
                "{}: {:?} not in the SVG's text",
                t.name,
                card.title
            );
            assert!(
                findable(&card.title, &pdf),
                "{}: {:?} not in the PDF's text:\n{pdf}",
                t.name,
                card.title
            );
        }
        assert!(findable(&journey.title, &pdf), "{}: title", t.name);
    }
}

// --- The same picture as the PNG ------------------------------------------------------------

/// An RGBA picture.
struct Picture {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
}

fn png_picture(journey: &Journey) -> Picture {
    let image = export::render(journey, &options(false)).unwrap();
    Picture {
        width: image.width,
        height: image.height,
        rgba: image.rgba,
    }
}

/// The SVG drawn by resvg, with egui's fonts and the system's, at the PNG's scale.
fn resvg_picture(svg: &str) -> Picture {
    let mut options = resvg::usvg::Options::default();
    let db = options.fontdb_mut();
    db.load_system_fonts();
    for data in egui::FontDefinitions::default().font_data.values() {
        db.load_font_data((*data.font).as_ref().to_vec());
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options).unwrap();
    let size = tree
        .size()
        .to_int_size()
        .scale_by(export::VECTOR_SCALE)
        .unwrap();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(export::VECTOR_SCALE, export::VECTOR_SCALE),
        &mut pixmap.as_mut(),
    );
    let mut rgba = pixmap.data().to_vec();
    for px in rgba.chunks_exact_mut(4) {
        let c = resvg::tiny_skia::PremultipliedColorU8::from_rgba(px[0], px[1], px[2], px[3])
            .map(|c| c.demultiply());
        if let Some(c) = c {
            px.copy_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
        }
    }
    Picture {
        width: size.width(),
        height: size.height(),
        rgba,
    }
}

/// The PDF drawn by poppler's pdftoppm at the PNG's scale.
fn pdftoppm_picture(pdf: &[u8], dir: &Path) -> Picture {
    let path = dir.join("map.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftoppm")
        .args(["-png", "-singlefile", "-r"])
        .arg(format!("{}", 72.0 * export::VECTOR_SCALE))
        .arg(&path)
        .arg(dir.join("page"))
        .output()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let image = image::open(dir.join("page.png")).unwrap().to_rgba8();
    Picture {
        width: image.width(),
        height: image.height(),
        rgba: image.into_raw(),
    }
}

/// How two pictures of one map differ: the mean difference per channel (0-255), and the share
/// of pixels where some channel differs by more than a quarter of its range.
fn difference(a: &Picture, b: &Picture) -> (f64, f64) {
    assert!(
        a.width.abs_diff(b.width) <= 1 && a.height.abs_diff(b.height) <= 1,
        "sizes differ: {}×{} and {}×{}",
        a.width,
        a.height,
        b.width,
        b.height
    );
    let (w, h) = (
        a.width.min(b.width) as usize,
        a.height.min(b.height) as usize,
    );
    let (mut sum, mut far) = (0u64, 0u64);
    for y in 0..h {
        for x in 0..w {
            let i = (y * a.width as usize + x) * 4;
            let j = (y * b.width as usize + x) * 4;
            let d = (0..3)
                .map(|c| a.rgba[i + c].abs_diff(b.rgba[j + c]))
                .max()
                .unwrap_or(0);
            sum += (0..3)
                .map(|c| u64::from(a.rgba[i + c].abs_diff(b.rgba[j + c])))
                .sum::<u64>();
            far += u64::from(d > 64);
        }
    }
    let pixels = (w * h) as f64;
    (sum as f64 / (pixels * 3.0), far as f64 / pixels)
}

/// Text is drawn by three rasterisers (egui's atlas, resvg, poppler) with their own
/// antialiasing and hinting, so glyph edges differ; layout must not: a card, line or word in
/// another place makes whole strokes differ, well above these bounds.
const MEAN_LIMIT: f64 = 4.0;
const FAR_LIMIT: f64 = 0.03;

#[test]
fn the_svg_and_the_pdf_show_the_png_picture() {
    let dir = tempfile::tempdir().unwrap();
    for t in &TEMPLATES {
        let journey = t.journey().unwrap();
        let png = png_picture(&journey);
        let svg = resvg_picture(&svg_of(&journey, false));
        let pdf = pdftoppm_picture(&pdf_of(&journey, Paper::Fit, false), dir.path());
        for (what, picture) in [("SVG", &svg), ("PDF", &pdf)] {
            // To look at them: SAVE_PICTURES=/some/dir cargo test --release --test vector
            if let Some(dir) = std::env::var_os("SAVE_PICTURES") {
                let name = format!("{}-{}.png", t.name, what.to_lowercase());
                image::RgbaImage::from_raw(picture.width, picture.height, picture.rgba.clone())
                    .unwrap()
                    .save(Path::new(&dir).join(name))
                    .unwrap();
            }
            let (mean, far) = difference(&png, picture);
            eprintln!(
                "{} {what}: mean {mean:.2}, far {:.2} %",
                t.name,
                far * 100.0
            );
            assert!(
                mean < MEAN_LIMIT && far < FAR_LIMIT,
                "{} {what} differs from the PNG: mean {mean:.2}, {:.2} % of pixels far",
                t.name,
                far * 100.0
            );
        }
    }
}

// --- The journey inside -----------------------------------------------------------------------

#[test]
fn the_journey_comes_back_byte_for_byte_from_svg_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    for t in &TEMPLATES {
        let journey = t.journey().unwrap();
        let ron = io::to_ron(&journey);
        let svg = dir.path().join("map.svg");
        let pdf = dir.path().join("map.pdf");
        export::export_svg(&journey, &svg, &options(true)).unwrap();
        export::export_pdf(&journey, &pdf, &options(false), Paper::A4, true).unwrap();
        for path in [&svg, &pdf] {
            let back = io::load(path).unwrap();
            assert_eq!(
                io::to_ron(&back),
                ron,
                "{} through {}",
                t.name,
                path.display()
            );
        }
    }
}

#[test]
fn files_without_a_journey_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("drawing.svg");
    std::fs::write(
        &svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>",
    )
    .unwrap();
    let err = io::load(&svg).unwrap_err().to_string();
    assert!(err.contains("holds no journey"), "{err}");

    let pdf = dir.path().join("letter.pdf");
    let mut document = krilla::Document::new();
    document.start_page().finish();
    std::fs::write(&pdf, document.finish().unwrap()).unwrap();
    let err = io::load(&pdf).unwrap_err().to_string();
    assert!(err.contains("holds no journey"), "{err}");

    // Cut short: an error, not a panic, and never a wrong journey.
    let journey = template("ecommerce");
    for bytes in [
        svg_of(&journey, false).into_bytes(),
        pdf_of(&journey, Paper::Fit, false),
    ] {
        for cut in [bytes.len() / 2, bytes.len() - 40, 100] {
            let path = dir.path().join("cut");
            std::fs::write(&path, &bytes[..cut]).unwrap();
            if let Ok(back) = io::load(&path) {
                assert_eq!(back, journey);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Flipped, cut and spliced bytes in an exported SVG or PDF never panic, and whatever loads
    /// is a valid journey.
    #[test]
    fn mutated_vector_files_never_panic(
        pdf in any::<bool>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let bytes = mutated_sources(pdf);
        let mut bytes = bytes.clone();
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if pdf && cut.index(4) == 0 {
            bytes.truncate(cut.index(bytes.len()));
        }
        let path = Path::new(if pdf { "m.pdf" } else { "m.svg" });
        let loaded = if pdf {
            io::pdf::journey_from_pdf_versioned(&bytes, path)
        } else {
            io::svg::journey_from_svg_versioned(&bytes, path)
        };
        if let Ok((journey, _)) = loaded {
            prop_assert!(journey.validate().is_ok());
        }
    }
}

/// The files the proptest mutates: made once.
fn mutated_sources(pdf: bool) -> &'static Vec<u8> {
    use std::sync::OnceLock;
    static SOURCES: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    let (svg, pdf_bytes) = SOURCES.get_or_init(|| {
        let journey = template("blank");
        (
            svg_of(&journey, false).into_bytes(),
            pdf_of(&journey, Paper::Fit, false),
        )
    });
    if pdf { pdf_bytes } else { svg }
}

// --- Goldens ---------------------------------------------------------------------------------

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// One template per format: the SVG's text exactly, and the PDF's page as poppler draws it
/// (within the tolerance above; its bytes carry a document id and font subsets).
#[test]
fn golden_svg_and_pdf_of_the_service_template() {
    let journey = template("service");
    let svg = svg_of(&journey, false);
    let dir = tempfile::tempdir().unwrap();
    let page = pdftoppm_picture(&pdf_of(&journey, Paper::A4, true), dir.path());
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(golden("service.svg"), &svg).unwrap();
        image::RgbaImage::from_raw(page.width, page.height, page.rgba.clone())
            .unwrap()
            .save(golden("service-a4-landscape.pdf.png"))
            .unwrap();
        return;
    }
    let want = std::fs::read_to_string(golden("service.svg")).unwrap();
    assert!(svg == want, "the SVG differs from tests/golden/service.svg");
    let want = image::open(golden("service-a4-landscape.pdf.png"))
        .unwrap()
        .to_rgba8();
    let want = Picture {
        width: want.width(),
        height: want.height(),
        rgba: want.into_raw(),
    };
    let (mean, far) = difference(&want, &page);
    assert!(
        mean < 1.0 && far < 0.005,
        "PDF page: mean {mean:.2}, far {far:.4}"
    );
}

// --- The command line -------------------------------------------------------------------------

#[test]
fn the_command_line_exports_svg_and_pdf_and_reads_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_journeymap");
    let ron = dir.path().join("map.ron");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(bin).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let os = |s: &Path| s.as_os_str().to_owned();
    let (code, _, err) = run(&[
        "new".as_ref(),
        "-o".as_ref(),
        &os(&ron),
        "--template".as_ref(),
        "saas-trial".as_ref(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let pdf = dir.path().join("map.pdf");
    let (code, out, err) = run(&[
        "export".as_ref(),
        &os(&ron),
        "-o".as_ref(),
        &os(&pdf),
        "--page".as_ref(),
        "a3".as_ref(),
        "--landscape".as_ref(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("a3 landscape"), "{out}");
    let svg = dir.path().join("map.svg");
    let (code, _, err) = run(&["export".as_ref(), &os(&pdf), "-o".as_ref(), &os(&svg)]);
    assert_eq!(code, Some(0), "{err}");
    let back = dir.path().join("back.ron");
    let (code, _, err) = run(&["export".as_ref(), &os(&svg), "-o".as_ref(), &os(&back)]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(std::fs::read(&ron).unwrap(), std::fs::read(&back).unwrap());
    let (code, out, err) = run(&["check".as_ref(), &os(&pdf), &os(&svg)]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
}
