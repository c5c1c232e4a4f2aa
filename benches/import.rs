//! Importing research data: a 5,000-row CSV (target < 20 ms) and a 500-task Mermaid journey
//! (target < 5 ms), each read, checked and made into a journey, release build.

use criterion::{Criterion, criterion_group, criterion_main};
use journeymap::io::{csv, mermaid};
use std::hint::black_box;
use std::path::Path;

const STAGES: [&str; 6] = [
    "Awareness",
    "Consideration",
    "Purchase",
    "Onboarding",
    "Retention",
    "Advocacy",
];
const PERSONAS: [&str; 5] = [
    "Busy parent",
    "Small-business buyer",
    "Student on a budget",
    "Retired hobbyist",
    "Procurement manager",
];

/// A spreadsheet as research exports look: Excel's semicolons and BOM, a 1..5 score, metrics,
/// quoted notes with line breaks.
fn spreadsheet(rows: usize) -> Vec<u8> {
    let mut text = String::from(
        "\u{feff}Segment;Phase;Touchpoint;Channel;Kind;Score;Pain point;Opportunity;Department;\
         CSAT (%);NPS;Votes;Tags;Notes\r\n",
    );
    for i in 0..rows {
        text.push_str(&format!(
            "{};{};Step {i}: compares delivery options;Website;Direct;{};{};Show the date up \
             front;Logistics;{},5;{};{};mobile, delivery;\"Said in interview {i}:\r\n\
             \"\"I gave up twice\"\"\"\r\n",
            PERSONAS[i % 5],
            STAGES[(i / 5) % 6],
            1 + i % 5,
            if i % 3 == 0 {
                "Delivery cost shown late"
            } else {
                ""
            },
            60 + i % 40,
            i % 11,
            i % 4,
        ));
    }
    text.into_bytes()
}

fn diagram(tasks: usize) -> String {
    let mut text = String::from("journey\n  title A long day\n");
    for i in 0..tasks {
        if i % 50 == 0 {
            text.push_str(&format!("  section {} {}\n", STAGES[(i / 50) % 6], i / 50));
        }
        text.push_str(&format!(
            "    Task number {i}: {}: {}, {}\n",
            1 + i % 5,
            PERSONAS[i % 5],
            PERSONAS[(i + 2) % 5]
        ));
    }
    text
}

fn import(c: &mut Criterion) {
    let bytes = spreadsheet(5_000);
    c.bench_function("csv import/5000", |b| {
        b.iter(|| {
            let imported = csv::read(black_box(&bytes), Path::new("data.csv")).unwrap();
            black_box(imported.into_journey("data"))
        })
    });
    let text = diagram(500);
    c.bench_function("mermaid import/500", |b| {
        b.iter(|| {
            let imported = mermaid::read(black_box(text.as_bytes()), Path::new("j.mmd")).unwrap();
            black_box(imported.into_journey("j"))
        })
    });
}

criterion_group!(benches, import);
criterion_main!(benches);
