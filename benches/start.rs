//! The start screen's gallery: every template's page drawn 480 px wide, as the gallery draws its
//! pictures (on a thread, once per theme, while the screen is already shown).
//!
//! ```sh
//! cargo bench --bench start -- --warm-up-time 1 --measurement-time 5
//! ```

use criterion::{Criterion, criterion_group, criterion_main};
use journeymap::export;
use journeymap::templates::TEMPLATES;
use std::hint::black_box;

/// The gallery's picture width in pixels (`app/start/thumbnails.rs`).
const WIDTH: f32 = 480.0;

fn bench(c: &mut Criterion) {
    let journeys: Vec<_> = TEMPLATES.iter().map(|t| t.journey().unwrap()).collect();
    c.bench_function("gallery/ecommerce", |b| {
        b.iter(|| export::picture(black_box(&journeys[0]), WIDTH, false).unwrap())
    });
    c.bench_function("gallery/all_templates", |b| {
        b.iter(|| {
            for journey in &journeys {
                black_box(export::picture(journey, WIDTH, false).unwrap());
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
