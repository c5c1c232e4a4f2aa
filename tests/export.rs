//! The PNG export end to end: golden images of every template, the journey carried inside the
//! image, damaged images, and the `export` command line.
//!
//! Regenerate the golden images (after an intended change to the picture, then look at them):
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test --release --test export
//! ```

use journeymap::export::{self, Options};
use journeymap::io;
use journeymap::layout::Detail;
use journeymap::model::{
    Channel, Emotion, Journey, Metric, Persona, PersonaId, Stage, StageId, Touchpoint, TouchpointId,
};
use journeymap::templates::TEMPLATES;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The date printed in every golden image, so they do not change with the calendar.
const DATE: &str = "2026-01-15";

fn options(scale: f32, dark: bool) -> Options {
    Options {
        scale,
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

/// Decodes any PNG into straight RGBA8.
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a readable PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("readable pixels");
    buf.truncate(info.buffer_size());
    assert_eq!(
        (info.color_type, info.bit_depth),
        (png::ColorType::Rgba, png::BitDepth::Eight),
        "golden images are RGBA8"
    );
    (info.width, info.height, buf)
}

fn encode(image: &export::Image, journey: &Journey) -> Vec<u8> {
    let mut bytes = Vec::new();
    io::png::encode(&mut bytes, &image.rgba, image.width, image.height, journey).unwrap();
    bytes
}

// ---------------------------------------------------------------------------------------------
// Golden images
// ---------------------------------------------------------------------------------------------

/// How far a rendering may drift from its golden image.
///
/// The renderer is deterministic, so on the machine that made the goldens the images match
/// exactly. Elsewhere, floating-point details (FMA contraction, libm, a different glyph
/// rasteriser build) move anti-aliased edges by a rounding step: a few pixels along glyph and
/// curve edges change by a few levels. Two rules keep that noise out while catching real change:
/// - at least 99.9 % of pixels within 2 levels per channel: a colour, blending or layout change
///   touches far more than 0.1 % of the picture (≈ 1,300 pixels of a 1× map);
/// - no pixel off by more than 64 levels: a local change (one glyph, a marker, a dot of the
///   emotion curve, a one-pixel shift of a line) is small in area but large in value.
const CLOSE: u8 = 2;
const MIN_CLOSE_FRACTION: f64 = 0.999;
const MAX_DIFF: u8 = 64;

struct Diff {
    close_fraction: f64,
    max: u8,
    worst: (u32, u32),
    mask: Vec<u8>,
}

fn diff(width: u32, expected: &[u8], actual: &[u8]) -> Diff {
    let mut close = 0usize;
    let mut max = 0u8;
    let mut worst = (0, 0);
    let mut mask = Vec::with_capacity(actual.len());
    for (i, (e, a)) in expected.chunks(4).zip(actual.chunks(4)).enumerate() {
        let d = e.iter().zip(a).map(|(e, a)| e.abs_diff(*a)).max().unwrap();
        if d <= CLOSE {
            close += 1;
            // Faded actual pixels, so the differences stand out.
            mask.extend(a[..3].iter().map(|c| 192 + c / 4));
            mask.push(255);
        } else {
            mask.extend_from_slice(&[255, 0, 0, 255]);
        }
        if d > max {
            max = d;
            worst = (i as u32 % width, i as u32 / width);
        }
    }
    Diff {
        close_fraction: close as f64 / (expected.len() / 4).max(1) as f64,
        max,
        worst,
        mask,
    }
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Where a failing test leaves the actual image and a difference mask.
fn failure_dir() -> PathBuf {
    let dir = std::env::temp_dir().join("journeymap-golden");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn check_golden(name: &str, scale: f32, dark: bool) {
    let file = format!("{name}-{scale}x{}.png", if dark { "-dark" } else { "" });
    check_golden_as(name, &file, &options(scale, dark));
}

/// A template drawn with `options` against the golden image `file`.
fn check_golden_as(name: &str, file: &str, options: &Options) {
    let journey = template(name);
    let image = export::render(&journey, options).unwrap();
    let golden = golden_dir().join(file);
    let actual = encode(&image, &journey);

    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&golden, &actual).unwrap();
        eprintln!("wrote {}", golden.display());
        return;
    }

    let regenerate = "regenerate with `UPDATE_GOLDEN=1 cargo test --release --test export` \
                      (then look at the images)";
    let bytes = std::fs::read(&golden)
        .unwrap_or_else(|e| panic!("{}: {e}; {regenerate}", golden.display()));
    let (width, height, expected) = decode(&bytes);
    let keep_actual = || {
        let path = failure_dir().join(file.replace(".png", ".actual.png"));
        std::fs::write(&path, &actual).unwrap();
        path
    };
    if (width, height) != (image.width, image.height) {
        panic!(
            "{file}: the image is {} × {} px, the golden {width} × {height} px; actual image: {}; \
             {regenerate}",
            image.width,
            image.height,
            keep_actual().display()
        );
    }
    let d = diff(width, &expected, &image.rgba);
    if d.close_fraction < MIN_CLOSE_FRACTION || d.max > MAX_DIFF {
        let mask = failure_dir().join(file.replace(".png", ".diff.png"));
        let mut encoder = png::Encoder::new(std::fs::File::create(&mask).unwrap(), width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&d.mask).unwrap();
        writer.finish().unwrap();
        panic!(
            "{file} differs from its golden image: {:.4} % of pixels within {CLOSE} levels \
             (at least {:.1} % must be), largest difference {} levels at ({}, {}) (at most \
             {MAX_DIFF} allowed); actual image: {}; differences in red: {}; {regenerate}",
            d.close_fraction * 100.0,
            MIN_CLOSE_FRACTION * 100.0,
            d.max,
            d.worst.0,
            d.worst.1,
            keep_actual().display(),
            mask.display()
        );
    }
}

macro_rules! golden {
    ($($test:ident: $name:literal, $scale:literal, $dark:literal;)*) => {$(
        #[test]
        fn $test() {
            check_golden($name, $scale, $dark);
        }
    )*};
}

golden! {
    golden_ecommerce_1x: "ecommerce", 1.0, false;
    golden_ecommerce_2x: "ecommerce", 2.0, false;
    golden_ecommerce_1x_dark: "ecommerce", 1.0, true;
    golden_saas_trial_1x: "saas-trial", 1.0, false;
    golden_saas_trial_2x: "saas-trial", 2.0, false;
    golden_service_1x: "service", 1.0, false;
    golden_service_2x: "service", 2.0, false;
    golden_blank_1x: "blank", 1.0, false;
    golden_blank_2x: "blank", 2.0, false;
    golden_saas_onboarding_1x: "saas-onboarding", 1.0, false;
    golden_saas_onboarding_2x: "saas-onboarding", 2.0, false;
    golden_retail_1x: "retail", 1.0, false;
    golden_retail_2x: "retail", 2.0, false;
    golden_clinic_1x: "clinic", 1.0, false;
    golden_clinic_2x: "clinic", 2.0, false;
    golden_bank_account_1x: "bank-account", 1.0, false;
    golden_bank_account_2x: "bank-account", 2.0, false;
    golden_hotel_1x: "hotel", 1.0, false;
    golden_hotel_2x: "hotel", 2.0, false;
    golden_public_service_1x: "public-service", 1.0, false;
    golden_public_service_2x: "public-service", 2.0, false;
}

/// The map as the app can show it: a lens, heat, and each card detail level.
#[test]
fn golden_ecommerce_with_a_lens_and_heat() {
    let j = template("ecommerce");
    let options = Options {
        lens: journeymap::insight::Lens::parse("owner=Product", &j).unwrap(),
        heat: journeymap::insight::Heat::parse("CSAT"),
        ..options(1.0, false)
    };
    check_golden_as("ecommerce", "ecommerce-lens-heat-1x.png", &options);
}

/// The template compared with an older version of it: a card added, one changed, one moved, one
/// removed (a ghost in its old place), the as-is emotion curves dashed under the to-be ones, and
/// a stage's changed metric.
#[test]
fn golden_ecommerce_compared_with_an_older_version() {
    let new = template("ecommerce");
    let mut old = new.clone();
    let at = |j: &Journey, id: u32| j.touchpoint_index(TouchpointId(id)).unwrap();
    let nine = at(&old, 9);
    old.touchpoints[nine].emotion = Some(Emotion(0));
    old.touchpoints[nine].pain_point = None;
    let thirteen = at(&old, 13);
    old.touchpoints[thirteen].persona = PersonaId(2);
    old.touchpoints.remove(at(&old, 18));
    let mut gone = Touchpoint::new(
        TouchpointId(99),
        PersonaId(1),
        StageId(2),
        "Calls to ask about stock",
    );
    gone.emotion = Some(Emotion(-2));
    old.touchpoints.insert(at(&old, 6) + 1, gone);
    // The as-is CSAT of Consideration was lower: its metric row reads `CSAT 70 % → 88 %`.
    let eight = at(&old, 8);
    let csat = old.touchpoints[eight]
        .metrics
        .iter_mut()
        .find(|m| m.name == "CSAT")
        .unwrap();
    csat.value = 70.0;
    let diff = journeymap::compare::diff(&old, &new);
    let picture = journeymap::compare::picture::Picture::new(&diff, &old, &new)
        .named("before-workshop.ron", "after-workshop.ron");
    let options = Options {
        compare: Some(std::sync::Arc::new(picture)),
        ..options(1.0, false)
    };
    check_golden_as("ecommerce", "ecommerce-diff-1x.png", &options);
}

#[test]
fn golden_ecommerce_at_each_card_detail() {
    for (detail, file) in [
        (Detail::Compact, "ecommerce-compact-1x.png"),
        (Detail::Detailed, "ecommerce-detailed-1x.png"),
    ] {
        let options = Options {
            detail,
            ..options(1.0, false)
        };
        check_golden_as("ecommerce", file, &options);
    }
}

#[test]
fn every_template_has_golden_images() {
    for t in &TEMPLATES {
        for scale in [1, 2] {
            let path = golden_dir().join(format!("{}-{scale}x.png", t.name));
            assert!(
                path.exists() || std::env::var_os("UPDATE_GOLDEN").is_some(),
                "{} is missing: add a golden! line for it and run \
                 `UPDATE_GOLDEN=1 cargo test --release --test export`",
                path.display()
            );
        }
    }
}

#[test]
fn the_golden_images_carry_their_journeys() {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        return;
    }
    for t in &TEMPLATES {
        let path = golden_dir().join(format!("{}-1x.png", t.name));
        assert_eq!(io::load(&path).unwrap(), t.journey().unwrap(), "{}", t.name);
    }
}

#[test]
fn the_image_size_follows_the_scale_and_the_map() {
    let journey = template("ecommerce");
    let one = export::render(&journey, &options(1.0, false)).unwrap();
    let two = export::render(&journey, &options(2.0, false)).unwrap();
    let three = export::render(&journey, &options(3.0, false)).unwrap();
    assert_eq!((two.width, two.height), (one.width * 2, one.height * 2));
    assert_eq!((three.width, three.height), (one.width * 3, one.height * 3));
    assert_eq!(one.rgba.len(), one.width as usize * one.height as usize * 4);
    // Opaque everywhere: the page has a background.
    assert!(three.rgba.chunks(4).all(|p| p[3] == 255));
}

#[test]
fn the_export_is_deterministic() {
    let journey = template("saas-trial");
    let a = export::render(&journey, &options(1.5, true)).unwrap();
    let b = export::render(&journey, &options(1.5, true)).unwrap();
    assert!(a.rgba == b.rgba, "two renders of the same journey differ");
}

/// A narrow map (the page is at its minimum width) whose cards use every channel there is.
fn every_channel_journey() -> Journey {
    let mut j = template("blank");
    let persona = j.personas[0].id;
    let mut channels: Vec<Channel> = Channel::NAMED.to_vec();
    for name in [
        "Fax",
        "Carrier pigeon",
        "Trade fair booth",
        "Partner reseller",
    ] {
        channels.push(Channel::Other(name.into()));
    }
    for (i, channel) in channels.into_iter().enumerate() {
        let stage = j.stages[i % j.stages.len()].id;
        let mut t = Touchpoint::new(TouchpointId(i as u32 + 1), persona, stage, "Card");
        t.channel = Some(channel);
        j.touchpoints.push(t);
    }
    j
}

#[test]
fn the_legend_stays_inside_the_page_margins() {
    let journey = every_channel_journey();
    let options = options(1.0, false);
    let image = export::render(&journey, &options).unwrap();
    if std::env::var_os("KEEP_IMAGES").is_some() {
        let path = failure_dir().join("every-channel.png");
        std::fs::write(&path, encode(&image, &journey)).unwrap();
        eprintln!("wrote {}", path.display());
    }
    let background = [0xf3, 0xf4, 0xf6, 0xff];
    let (w, h) = (image.width as usize, image.height as usize);
    let legend_top = h - journeymap::render::LEGEND_HEIGHT as usize + 2;
    for y in legend_top..h {
        for x in w - 24..w {
            let p = &image.rgba[(y * w + x) * 4..][..4];
            assert_eq!(
                p, background,
                "legend ink in the right margin at ({x}, {y})"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The journey inside the image
// ---------------------------------------------------------------------------------------------

#[test]
fn every_template_survives_the_round_trip_through_a_png() {
    for t in &TEMPLATES {
        let journey = t.journey().unwrap();
        let image = export::render(&journey, &options(1.0, false)).unwrap();
        let bytes = encode(&image, &journey);
        let back = io::png::journey_from_png(&bytes, Path::new("map.png")).unwrap();
        assert_eq!(back, journey, "{}", t.name);
        assert_eq!(io::to_ron(&back), io::to_ron(&journey), "{}", t.name);
    }
}

/// Everything that could trip up the text chunk: non-ASCII, quotes, escapes, newlines, emoji,
/// a channel of the user's own, metrics, empty strings.
fn awkward_journey() -> Journey {
    let mut j = Journey {
        title: "Ünïcödé \"quoted\" \\ back\\slash — 日本語 😃".into(),
        description: "Line one\nline two\ttabbed\r\nand a zero-width joiner: 👩‍💻".into(),
        ..Journey::default()
    };
    j.personas.push(Persona::new(
        PersonaId(7),
        "Zoë (r\"aw)",
        journeymap::model::Colour::PALETTE[3],
    ));
    j.stages.push(Stage::new(StageId(3), "Ärger"));
    j.stages.push(Stage::new(StageId(9), "}\"),(]"));
    let mut t = Touchpoint::new(TouchpointId(4_000_000_000), PersonaId(7), StageId(9), "");
    t.channel = Some(Channel::Other("Fax 📠 \"machine\"".into()));
    t.emotion = Some(Emotion(-2));
    t.pain_point = Some(String::new());
    t.metrics.push(Metric {
        name: "CSAT".into(),
        value: -0.1e-300,
        unit: "%".into(),
    });
    t.votes = u32::MAX;
    t.tags = vec!["".into(), "a,b".into()];
    j.touchpoints.push(t);
    j.validate().unwrap();
    j
}

#[test]
fn an_awkward_journey_survives_the_round_trip() {
    let journey = awkward_journey();
    let image = export::render(&journey, &options(1.0, false)).unwrap();
    let bytes = encode(&image, &journey);
    let back = io::png::journey_from_png(&bytes, Path::new("map.png")).unwrap();
    assert_eq!(back, journey);
    assert_eq!(io::to_ron(&back), io::to_ron(&journey));
}

#[test]
fn export_png_writes_a_file_that_opens_as_the_journey() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.png");
    let journey = template("service");
    let [w, h] = export::export_png(&journey, &path, &options(2.0, false)).unwrap();
    let (dw, dh, pixels) = decode(&std::fs::read(&path).unwrap());
    assert_eq!((w, h), (dw, dh));
    // Drawn and compressed strip by strip, it is the very picture `render` draws whole.
    let image = export::render(&journey, &options(2.0, false)).unwrap();
    assert_eq!((image.width, image.height), (w, h));
    assert!(
        pixels == image.rgba,
        "the file's pixels differ from the rendered ones"
    );
    assert_eq!(io::load(&path).unwrap(), journey);
    // Nothing but the image is left in the directory: the write was atomic.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn pixels_survive_encoding_in_many_bands() {
    let journey = template("blank");
    // Bands hold about 1 MB: this image takes three, the last one short.
    let (width, height) = (700u32, 1000u32);
    assert!(io::png::band_rows(width) < height / 2);
    let rgba: Vec<u8> = (0..width * height * 4)
        .map(|i| ((i / 4 % width / 50 + i / (4 * width) / 30) * 37 + i % 4 * 60) as u8)
        .collect();
    let mut bytes = Vec::new();
    io::png::encode(&mut bytes, &rgba, width, height, &journey).unwrap();
    let (w, h, decoded) = decode(&bytes);
    assert_eq!((w, h), (width, height));
    assert!(decoded == rgba, "the decoded pixels differ");
    assert!(bytes.len() < rgba.len() / 10, "{} bytes", bytes.len());

    let wrong_size = io::png::encode(&mut Vec::new(), &rgba[4..], width, height, &journey);
    assert!(wrong_size.is_err());
}

#[test]
fn an_encoder_refuses_missing_rows_extra_rows_and_rows_of_another_width() {
    let journey = template("blank");
    let mut compressor = io::png::BandCompressor::default();
    let band = compressor.compress(&[9; 3 * 2 * 4], 3).unwrap();
    let mut short = io::png::Encoder::new(Vec::new(), 3, 3, &journey).unwrap();
    short.write_band(&band).unwrap();
    assert!(short.finish().is_err(), "one row is missing");
    let mut long = io::png::Encoder::new(Vec::new(), 3, 3, &journey).unwrap();
    long.write_band(&band).unwrap();
    assert!(long.write_band(&band).is_err(), "four rows for three");
    let mut narrow = io::png::Encoder::new(Vec::new(), 2, 2, &journey).unwrap();
    assert!(
        narrow.write_band(&band).is_err(),
        "rows of 3 pixels in an image 2 wide"
    );
}

// ---------------------------------------------------------------------------------------------
// Images without a journey, damaged, cut short
// ---------------------------------------------------------------------------------------------

/// A plain 4 × 3 PNG, as any other program would write it.
fn plain_png(text: Option<(&str, &str)>) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, 4, 3);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    if let Some((keyword, text)) = text {
        encoder
            .add_itxt_chunk(keyword.to_owned(), text.to_owned())
            .unwrap();
    }
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[200; 4 * 3 * 4]).unwrap();
    writer.finish().unwrap();
    bytes
}

/// A small journey image: a tiny picture, so the chunk is most of the file.
fn small_journey_png() -> (Journey, Vec<u8>) {
    let journey = template("ecommerce");
    let mut bytes = Vec::new();
    io::png::encode(&mut bytes, &[128; 2 * 2 * 4], 2, 2, &journey).unwrap();
    (journey, bytes)
}

/// The byte range of the first chunk of `kind`: (start of its length field, start of its data,
/// end of its data).
fn find_chunk(bytes: &[u8], kind: &[u8; 4]) -> (usize, usize, usize) {
    let mut pos = 8;
    loop {
        let length = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
        if &bytes[pos + 4..pos + 8] == kind {
            return (pos, pos + 8, pos + 8 + length);
        }
        pos += 12 + length;
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Writes `bytes` to a file and loads it the way the app and `check` do.
fn load_bytes(bytes: &[u8]) -> Result<Journey, io::LoadError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.png");
    std::fs::write(&path, bytes).unwrap();
    io::load(&path)
}

fn load_error(bytes: &[u8]) -> String {
    let e = load_bytes(bytes)
        .expect_err("the image should be refused")
        .to_string();
    assert!(e.contains("/map.png"), "the message names the file: {e}");
    e
}

#[test]
fn a_png_without_a_journey_is_refused_clearly() {
    let e = load_error(&plain_png(None));
    assert!(e.contains("holds no journey"), "{e}");
    // Someone else's text chunks are not ours.
    let e = load_error(&plain_png(Some(("Comment", "journeymap"))));
    assert!(e.contains("holds no journey"), "{e}");
}

#[test]
fn a_damaged_journey_chunk_is_refused_clearly() {
    let (_, good) = small_journey_png();
    let (start, data, end) = find_chunk(&good, b"iTXt");
    // keyword \0, compression flag 1, method 0, empty language \0, empty translation \0.
    let text = data + "journeymap".len() + 5;
    assert_eq!(
        good[data + "journeymap".len() + 1],
        1,
        "the chunk is compressed"
    );

    // Garbage in the middle of the compressed text, with a CRC that matches the garbage.
    let mut bytes = good.clone();
    for b in &mut bytes[text + 10..text + 40] {
        *b ^= 0x5a;
    }
    let crc = crc32(&bytes[start + 4..end]);
    bytes[end..end + 4].copy_from_slice(&crc.to_be_bytes());
    let e = load_error(&bytes);
    assert!(
        e.contains("the journey inside this PNG image is damaged"),
        "{e}"
    );

    // The same garbage, with the CRC left as it was.
    let mut bytes = good.clone();
    bytes[text + 20] ^= 0xff;
    let e = load_error(&bytes);
    assert!(e.contains("damaged") && e.contains("checksum"), "{e}");

    // A chunk whose compressed text is no deflate stream at all.
    let mut chunk = b"iTXtjourneymap\0\x01\0\0\0".to_vec();
    chunk.extend_from_slice(b"this is not zlib data");
    let mut bytes = good[..start].to_vec();
    bytes.extend_from_slice(&((chunk.len() - 4) as u32).to_be_bytes());
    bytes.extend_from_slice(&chunk);
    bytes.extend_from_slice(&crc32(&chunk).to_be_bytes());
    bytes.extend_from_slice(&good[end + 4..]);
    let e = load_error(&bytes);
    assert!(e.contains("damaged"), "{e}");
}

#[test]
fn a_journey_moved_behind_the_pixels_still_opens() {
    // Other tools may write text chunks after the image data when they save the image again.
    let (journey, good) = small_journey_png();
    let (start, _, end) = find_chunk(&good, b"iTXt");
    let chunk = &good[start..end + 4];
    let without: Vec<u8> = [&good[..start], &good[end + 4..]].concat();
    let (iend, _, _) = find_chunk(&without, b"IEND");
    let moved = [&without[..iend], chunk, &without[iend..]].concat();
    assert!(find_chunk(&moved, b"iTXt").0 > find_chunk(&moved, b"IDAT").0);
    assert_eq!(load_bytes(&moved).unwrap(), journey);

    // And damaged there, it is reported as damaged.
    let mut damaged = moved.clone();
    let (_, data, _) = find_chunk(&damaged, b"iTXt");
    damaged[data + 30] ^= 0x40;
    let e = load_error(&damaged);
    assert!(e.contains("damaged"), "{e}");
}

#[test]
fn a_chunk_with_text_that_is_not_a_journey_names_the_place() {
    let bytes = plain_png(Some(("journeymap", "(version: 1, title: 42)")));
    let e = load_error(&bytes);
    assert!(e.contains("map.png (embedded journey):1:"), "{e}");
}

#[test]
fn a_truncated_png_is_refused_clearly() {
    let (journey, good) = small_journey_png();
    let (_, data, end) = find_chunk(&good, b"iTXt");
    // Not even the whole signature: not recognised as an image, and not a journey file either.
    assert!(load_error(&[]).contains("the file is empty"));
    assert!(load_error(&good[..4]).contains("not a journey"));
    for cut in [8, 20, 33, 40, data + 3, (data + end) / 2, end + 2] {
        let e = load_error(&good[..cut]);
        assert!(e.contains("cut short"), "cut at {cut}: {e}");
    }
    // Cut inside the pixels: the journey itself is whole and checked, so it is given back.
    let (_, idat, _) = find_chunk(&good, b"IDAT");
    assert_eq!(load_bytes(&good[..idat + 2]).unwrap(), journey);
}

#[test]
fn no_cut_or_flipped_byte_makes_loading_panic() {
    let mut bytes = Vec::new();
    let mut journey = template("blank");
    journey.title = "Small".into();
    io::png::encode(&mut bytes, &[0; 4], 1, 1, &journey).unwrap();
    for cut in 0..bytes.len() {
        let _ = io::png::journey_from_png(&bytes[..cut], Path::new("cut.png"));
    }
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..3000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut damaged = bytes.clone();
        let at = 8 + (seed as usize % (bytes.len() - 8));
        damaged[at] ^= 1 << ((seed >> 32) % 8);
        if let Ok(j) = io::png::journey_from_png(&damaged, Path::new("flip.png")) {
            // A flip the checks cannot see (in the pixels, or a CRC-free spot) changes nothing.
            assert_eq!(j, journey, "flip at {at} gave another journey");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

fn journeymap(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(dir)
        // No display: the command must not need one.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs the command, checks its exit code, and returns (stdout, stderr).
fn expect(code: i32, args: &[&str], dir: &Path) -> (String, String) {
    let out = journeymap(args, dir);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(
        out.status.code(),
        Some(code),
        "journeymap {}\nstdout: {stdout}\nstderr: {stderr}",
        args.join(" ")
    );
    (stdout, stderr)
}

fn write_template(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.ron"));
    io::save(&path, &template(name)).unwrap();
    path
}

#[test]
fn cli_exports_an_image_that_check_and_export_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let source = write_template(d, "ecommerce");
    let (stdout, _) = expect(0, &["export", "ecommerce.ron", "-o", "map.png"], d);
    let (w, h, _) = decode(&std::fs::read(d.join("map.png")).unwrap());
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("map.png: "), "{stdout}");
    assert!(stdout.contains(&format!("{w} × {h} px")), "{stdout}");
    // The default scale is 2×.
    let one = export::render(&template("ecommerce"), &options(1.0, false)).unwrap();
    assert_eq!((w, h), (one.width * 2, one.height * 2));

    let (stdout, _) = expect(0, &["check", "map.png"], d);
    assert!(stdout.starts_with("map.png: 2 personas"), "{stdout}");

    let (stdout, _) = expect(0, &["export", "map.png", "-o", "back.ron"], d);
    assert!(stdout.starts_with("back.ron: "), "{stdout}");
    assert_eq!(
        std::fs::read(d.join("back.ron")).unwrap(),
        std::fs::read(&source).unwrap(),
        "the RON written back from the image differs from the source"
    );
}

#[test]
fn cli_scale_and_theme() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_template(d, "blank");
    expect(
        0,
        &[
            "export",
            "blank.ron",
            "-o",
            "a.PNG",
            "--scale",
            "1",
            "--theme",
            "dark",
        ],
        d,
    );
    let (w, h, rgba) = decode(&std::fs::read(d.join("a.PNG")).unwrap());
    let expected = export::render(&template("blank"), &options(1.0, true)).unwrap();
    assert_eq!((w, h), (expected.width, expected.height));
    // The dark page background in the corner.
    assert_eq!(&rgba[..4], &[0x14, 0x17, 0x1c, 255]);
    expect(0, &["export", "blank.ron", "-o", "b.png", "--scale=1.5"], d);
    let (w, _, _) = decode(&std::fs::read(d.join("b.png")).unwrap());
    assert_eq!(w, (expected.width as f32 * 1.5).round() as u32);
}

#[test]
fn cli_source_date_epoch_makes_exports_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_template(d, "blank");
    let run = |out: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_journeymap"))
            .args(["export", "blank.ron", "-o", out, "--scale", "1"])
            .current_dir(d)
            .env("SOURCE_DATE_EPOCH", "1768435200") // 2026-01-15
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(d.join(out)).unwrap()
    };
    let a = run("a.png");
    assert!(a == run("b.png"), "two exports of the same journey differ");
    let expected = export::render(&template("blank"), &options(1.0, false)).unwrap();
    assert!(
        decode(&a).2 == expected.rgba,
        "the date is not the one in SOURCE_DATE_EPOCH"
    );
}

#[test]
fn cli_refuses_a_map_too_large_and_suggests_a_scale() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 60 stages are too wide for 2× (and for 8×, the largest scale there is); 1× fits.
    let mut journey = template("blank");
    for i in journey.stages.len()..60 {
        let id = StageId(100 + i as u32);
        journey.stages.push(Stage::new(id, &format!("Stage {i}")));
    }
    io::save(&d.join("wide.ron"), &journey).unwrap();
    let (_, stderr) = expect(
        1,
        &["export", "wide.ron", "-o", "big.png", "--scale", "8"],
        d,
    );
    assert!(stderr.contains("too large"), "{stderr}");
    assert!(stderr.contains("try --scale 1"), "{stderr}");
    assert!(!d.join("big.png").exists());

    let (_, stderr) = expect(1, &["export", "wide.ron", "-o", "wide.png"], d);
    assert!(stderr.contains("wide.ron"), "{stderr}");
    assert!(stderr.contains("try --scale 1"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn cli_reports_bad_input_and_output_with_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_template(d, "blank");

    let (_, stderr) = expect(1, &["export", "missing.ron", "-o", "map.png"], d);
    assert!(stderr.contains("missing.ron"), "{stderr}");

    std::fs::write(d.join("plain.png"), plain_png(None)).unwrap();
    let (_, stderr) = expect(1, &["export", "plain.png", "-o", "map.ron"], d);
    assert!(
        stderr.contains("plain.png: this PNG image holds no journey"),
        "{stderr}"
    );
    assert!(!d.join("map.ron").exists());

    std::fs::write(d.join("broken.ron"), "(\n  version: 1,\n  title: 42,\n)\n").unwrap();
    let (_, stderr) = expect(1, &["export", "broken.ron", "-o", "map.png"], d);
    assert!(stderr.contains("broken.ron:3:10:"), "{stderr}");

    let (_, stderr) = expect(1, &["export", "blank.ron", "-o", "map.jpg"], d);
    assert!(
        stderr.contains("map.jpg") && stderr.contains(".png"),
        "{stderr}"
    );
    let (_, stderr) = expect(1, &["export", "blank.ron", "-o", "map"], d);
    assert!(stderr.contains("unknown output type"), "{stderr}");

    for out in ["no/such/dir/map.png", "no/such/dir/map.ron"] {
        let (_, stderr) = expect(1, &["export", "blank.ron", "-o", out], d);
        assert!(stderr.contains(out), "{stderr}");
    }
    // Only the files this test wrote: nothing half-written was left behind.
    let mut names: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["blank.ron", "broken.ron", "plain.png"]);
}

#[test]
fn cli_usage_errors_exit_with_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_template(d, "blank");
    for args in [
        &["export", "blank.ron"][..],
        &["export", "-o", "map.png"],
        &["export", "blank.ron", "-o", "map.png", "--scale", "0"],
        &["export", "blank.ron", "-o", "map.png", "--scale", "-2"],
        &["export", "blank.ron", "-o", "map.png", "--scale", "big"],
        &["export", "blank.ron", "-o", "map.png", "--scale", "inf"],
        &["export", "blank.ron", "-o", "map.png", "--theme", "sepia"],
        &["export", "blank.ron", "-o", "map.png", "--dpi", "300"],
    ] {
        let (_, stderr) = expect(2, args, d);
        assert!(stderr.starts_with("error: "), "{stderr}");
    }
    assert_eq!(std::fs::read_dir(d).unwrap().count(), 1);
}
