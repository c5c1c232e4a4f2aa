//! What co-editing costs on the laptop that edits: writing one local change into the shared
//! document (done on every edit in a session) and reading the journey back after others'
//! changes arrive (done at most once a frame), at 500 and 5,000 cards. Target: both well under a
//! frame (16 ms) at 5,000 cards on the 2-core CI machine.

mod common;

use common::journey;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use journeymap::session::SharedJourney;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("session");
    for n in [500, 5_000] {
        let start = journey(n);
        let mut shared = SharedJourney::new();
        shared.start(&start).expect("written");
        // A title typed in the middle card, then typed back: each write is a real change.
        let mut edited = start.clone();
        edited.touchpoints[n / 2].title.push('!');
        let mut states = [start.clone(), edited];
        group.bench_with_input(BenchmarkId::new("write one edit", n), &n, |b, _| {
            b.iter(|| {
                shared.write(&states[0], &states[1]).expect("written");
                states.swap(0, 1);
            })
        });
        group.bench_with_input(BenchmarkId::new("read", n), &n, |b, _| {
            b.iter(|| black_box(shared.read()))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
