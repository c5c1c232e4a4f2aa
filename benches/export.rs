//! PNG export of generated journeys of 50, 500 and 5,000 touchpoints, phase by phase and end to
//! end. Target: 500 touchpoints at 2× in at most 300 ms end to end.
//!
//! ```sh
//! cargo bench --bench export -- --warm-up-time 1 --measurement-time 5
//! ```
//!
//! 5,000 touchpoints do not fit the size limits at 2× (about 640 megapixels), so that journey is
//! measured at 1× (160 megapixels), the largest of the app's scales that fits. 500 touchpoints are
//! also measured end to end at 1×, to show what the pixel count costs.
//!
//! Phases: `layout` (geometry), `paint_tessellate` (egui passes: text layout, shapes, font atlas,
//! then meshes), `rasterise` (meshes to one image of straight RGBA, on every core), `png_encode`
//! (that image into memory, with the journey chunk, on every core), `end_to_end` (layout, paint,
//! then strips drawn and compressed on every core and joined in order, as the app and the CLI
//! export; into memory rather than a file, so that the disk is not measured).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use journeymap::export::{self, Options, Page};
use journeymap::io;
use journeymap::layout::{Layout, Style};
use journeymap::model::{
    Channel, Colour, Emotion, Journey, Persona, PersonaId, Stage, StageId, Touchpoint, TouchpointId,
};
use std::hint::black_box;
use std::time::Duration;

/// A journey of `n` touchpoints spread evenly over the cells of a grid that grows with `n`, with
/// the variety of a real map: channels, emotions, pain points, votes, owners, long titles.
fn journey(n: usize) -> Journey {
    let (personas, stages) = match n {
        0..=99 => (3, 6),
        100..=999 => (6, 12),
        _ => (10, 50),
    };
    let mut j = Journey {
        title: format!("Generated journey of {n} touchpoints"),
        description: "Every cell of the grid holds about the same number of cards, with the \
                      variety of a real map."
            .into(),
        ..Journey::default()
    };
    for p in 0..personas {
        let mut persona = Persona::new(
            PersonaId(p + 1),
            &format!("Persona {}", p + 1),
            Colour::PALETTE[p as usize % Colour::PALETTE.len()],
        );
        persona.description = "Busy, price-aware, shops on the phone in the evening".into();
        j.personas.push(persona);
    }
    for s in 0..stages {
        let mut stage = Stage::new(StageId(s + 1), &format!("Stage {}", s + 1));
        stage.description = "What happens here".into();
        j.stages.push(stage);
    }
    let titles = [
        "Reads reviews",
        "Compares delivery options and prices across three shops",
        "Chats with support about a missing parcel that was marked as delivered",
        "Signs up",
    ];
    for i in 0..n {
        let cell = i % (personas * stages) as usize;
        let mut t = Touchpoint::new(
            TouchpointId(i as u32 + 1),
            PersonaId(cell as u32 / stages + 1),
            StageId(cell as u32 % stages + 1),
            titles[i % titles.len()],
        );
        t.channel = Some(Channel::NAMED[i % Channel::NAMED.len()].clone());
        t.emotion = (i % 7 != 6).then(|| Emotion((i % 5) as i8 - 2));
        t.pain_point = (i % 4 == 1).then(|| "Slow".to_owned());
        t.votes = (i % 6) as u32;
        if i % 3 == 0 {
            t.owner = "Customer care".into();
        }
        j.touchpoints.push(t);
    }
    j.validate().expect("a valid journey");
    j
}

/// A light page at `scale`, dated so that every run draws the same pixels.
fn options(scale: f32) -> Options {
    Options {
        scale,
        dark: false,
        date: Some("2026-01-15".into()),
        ..Options::default()
    }
}

fn encode(journey: &Journey, rgba: &[u8], width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(rgba.len() / 8);
    io::png::encode(&mut out, rgba, width, height, journey).unwrap();
    out
}

fn bench(c: &mut Criterion) {
    // (touchpoints, scale, phase by phase too?) 500 at 1× shows what the pixel count costs.
    for (n, scale, phases) in [
        (50, 2.0, true),
        (500, 2.0, true),
        (500, 1.0, false),
        (5_000, 1.0, true),
    ] {
        let j = journey(n);
        let options = options(scale);
        let page = Page::new(&j, &options).expect("fits the size limits");
        let image = export::render(&j, &options).unwrap();
        let png = encode(&j, &image.rgba, image.width, image.height);
        let id = format!("{n}_touchpoints_{scale}x");
        eprintln!(
            "{id}: {} × {} px ({:.1} megapixels), PNG {:.1} MB",
            image.width,
            image.height,
            f64::from(image.width) * f64::from(image.height) / 1e6,
            png.len() as f64 / 1e6
        );

        let mut group = c.benchmark_group("export");
        if n >= 500 {
            group.sample_size(10);
        }
        if n >= 5_000 {
            group.measurement_time(Duration::from_secs(20));
        }
        if phases {
            group.bench_function(BenchmarkId::new("layout", &id), |b| {
                b.iter(|| Layout::new(black_box(&j), &Style::default()))
            });
            group.bench_function(BenchmarkId::new("paint_tessellate", &id), |b| {
                b.iter(|| black_box(&page).paint_headless())
            });
            let painted = page.paint_headless();
            group.bench_function(BenchmarkId::new("rasterise", &id), |b| {
                b.iter(|| export::rasterise(&page, black_box(&painted)))
            });
            group.bench_function(BenchmarkId::new("png_encode", &id), |b| {
                b.iter(|| encode(&j, black_box(&image.rgba), image.width, image.height))
            });
        }
        group.bench_function(BenchmarkId::new("end_to_end", &id), |b| {
            b.iter(|| {
                let mut png = Vec::new();
                let page = Page::new(black_box(&j), &options).unwrap();
                page.encode_png(&mut png).unwrap();
                png
            })
        });
        group.finish();
    }
}

/// SVG and PDF of 50, 500 and 5,000 touchpoints, end to end into memory (egui's passes, the
/// shapes walked, the document written). Targets: 500 touchpoints to SVG in 50 ms, to PDF in
/// 150 ms.
fn vector(c: &mut Criterion) {
    for n in [50, 500, 5_000] {
        let j = journey(n);
        let options = options(export::VECTOR_SCALE);
        let page = Page::for_vectors(&j, &options);
        let id = format!("{n}_touchpoints");
        let svg = page.to_svg();
        let pdf = page.to_pdf(export::Paper::Fit, false).unwrap();
        eprintln!(
            "{id}: SVG {:.0} KB, PDF {:.0} KB",
            svg.len() as f64 / 1024.0,
            pdf.len() as f64 / 1024.0
        );
        let mut group = c.benchmark_group("vector");
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("svg", &id), |b| {
            b.iter(|| Page::for_vectors(black_box(&j), &options).to_svg())
        });
        group.bench_function(BenchmarkId::new("pdf", &id), |b| {
            b.iter(|| {
                Page::for_vectors(black_box(&j), &options)
                    .to_pdf(export::Paper::Fit, false)
                    .unwrap()
            })
        });
        group.finish();
    }
}

/// vello_cpu against src/raster (issue 14): the page into straight RGBA in memory, egui's passes
/// included, 500 touchpoints at 1× and 2×. vello draws on one thread: its `multithreading`
/// feature breaks egui, which shares the crate (see Cargo.toml).
/// Prints how far the two pictures differ; with `JOURNEYMAP_VELLO_PNG=DIR` it writes both.
///
/// ```sh
/// cargo bench --features vello --bench export -- vello
/// ```
#[cfg(feature = "vello")]
fn vello(c: &mut Criterion) {
    let j = journey(500);
    for scale in [1.0, 2.0] {
        let options = options(scale);
        let page = Page::new(&j, &options).expect("fits the size limits");
        let id = format!("500_touchpoints_{scale}x");
        let ours = export::rasterise(&page, &page.paint_headless());
        let theirs = page.render_vello().expect("within vello's size");
        let differences: Vec<u8> = ours
            .rgba
            .iter()
            .zip(&theirs.rgba)
            .map(|(a, b)| a.abs_diff(*b))
            .collect();
        let pixels = differences.chunks(4);
        let far = pixels.filter(|p| p.iter().any(|&d| d > 64)).count();
        eprintln!(
            "{id}: mean channel difference {:.2}, pixels off by more than 64: {:.2} %",
            differences.iter().map(|&d| f64::from(d)).sum::<f64>() / differences.len() as f64,
            100.0 * far as f64 / (differences.len() / 4) as f64
        );
        if let Some(dir) = std::env::var_os("JOURNEYMAP_VELLO_PNG") {
            for (name, image) in [("raster", &ours), ("vello", &theirs)] {
                let path = std::path::Path::new(&dir).join(format!("{id}-{name}.png"));
                let png = encode(&j, &image.rgba, image.width, image.height);
                std::fs::write(path, png).unwrap();
            }
        }
        let mut group = c.benchmark_group("vello");
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("src_raster", &id), |b| {
            b.iter(|| export::rasterise(&page, &black_box(&page).paint_headless()))
        });
        group.bench_function(BenchmarkId::new("vello_cpu", &id), |b| {
            b.iter(|| black_box(&page).render_vello())
        });
        group.finish();
    }
}

#[cfg(not(feature = "vello"))]
criterion_group!(benches, bench, vector);
#[cfg(feature = "vello")]
criterion_group!(benches, bench, vector, vello);
criterion_main!(benches);
