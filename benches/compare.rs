//! Diff and three-way merge of journeys of the sizes users hit: 50, 500 and 5,000 touchpoints,
//! each side with a workshop's worth of edits (a tenth of the cards changed, some moved,
//! removed and added). Target on the 2-core CI machine, release build: diff and merge of
//! 5,000-card journeys under 20 ms each.

mod common;

use common::journey;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use journeymap::compare::{diff, merge};
use journeymap::model::{Emotion, Journey, TouchpointId};
use std::hint::black_box;

const SIZES: [usize; 3] = [50, 500, 5_000];

/// One side's edits, on the cards whose index leaves `side` modulo 20: emotion and owner
/// changed on a tenth, a cell changed on one in a hundred, one in a hundred removed, and new
/// cards with ids from `first_new`.
fn edited(base: &Journey, side: usize, first_new: u32) -> Journey {
    let mut j = base.clone();
    let (personas, stages) = (j.personas.len(), j.stages.len());
    for (i, t) in j.touchpoints.iter_mut().enumerate() {
        if i % 20 == side {
            t.emotion = Some(Emotion((i % 5) as i8 - 2));
            t.owner = format!("Team {side}");
        }
        if i % 100 == side + 2 {
            t.persona = j.personas[(i / 7) % personas].id;
            t.stage = j.stages[(i / 3) % stages].id;
        }
    }
    j.touchpoints.retain(|t| t.id.0 as usize % 100 != side + 5);
    for k in 0..base.touchpoints.len() / 100 {
        let mut t = base.touchpoints[k].clone();
        t.id = TouchpointId(first_new + k as u32);
        t.title = format!("New on side {side}");
        j.touchpoints.push(t);
    }
    j
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare");
    for n in SIZES {
        let base = journey(n);
        let ours = edited(&base, 0, 1_000_000);
        let theirs = edited(&base, 1, 2_000_000);
        group.bench_with_input(BenchmarkId::new("diff", n), &n, |b, _| {
            b.iter(|| diff(black_box(&base), black_box(&ours)))
        });
        group.bench_with_input(BenchmarkId::new("merge", n), &n, |b, _| {
            b.iter(|| merge(black_box(&base), black_box(&ours), black_box(&theirs)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
