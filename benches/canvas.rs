//! One whole frame of the real app, headless: `Context::run_ui` over `AppState::ui` plus
//! tessellation (no GPU), at a 1600×1000 screen, for journeys of 50, 500 and 5,000 touchpoints,
//! zoomed to fit and at 100 %, with four derived stage rows under the lanes, and the table view
//! of the same touchpoints; and the derivation
//! of those rows alone (`derive rows`). The pointer moves between frames, so every measured frame is a
//! real repaint (hover changes, widgets re-registered) with warm font and galley caches.
//!
//!     cargo bench --bench canvas -- --warm-up-time 1 --measurement-time 4
//!
//! On a busy machine wall-clock medians wander; `JOURNEYMAP_CANVAS_FRAMES=N cargo bench --bench
//! canvas` instead runs N frames of each case and prints the time on the CPU per frame, split
//! into `run_ui` (the app's UI code and egui) and `tessellate`.

use criterion::{BenchmarkId, Criterion, criterion_group};
use egui::{Event, Pos2, RawInput, Rect, vec2};
use journeymap::app::{AppState, setup_context};
use journeymap::model::{
    Channel, Colour, Emotion, Journey, Kind, Metric, Persona, PersonaId, RowId, RowKind, Stage,
    StageId, StageRow, Touchpoint, TouchpointId,
};
use std::hint::black_box;
use std::time::{Duration, Instant};

const SCREEN: egui::Vec2 = vec2(1600.0, 1000.0);
const STAGES: usize = 8;
const PERSONAS: usize = 6;

/// A small deterministic generator, so every run measures the same journey.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const VERBS: [&str; 12] = [
    "Compares",
    "Reads reviews of",
    "Asks support about",
    "Gets an email about",
    "Searches for",
    "Waits for",
    "Pays for",
    "Returns",
    "Shares a photo of",
    "Complains on social media about",
    "Signs up for",
    "Tracks the delivery of",
];
const OBJECTS: [&str; 12] = [
    "the winter boots",
    "a bulk order of printer paper",
    "next-day delivery options",
    "the loyalty programme",
    "an invoice with the company VAT number",
    "a replacement part",
    "the monthly subscription box",
    "a discount code that did not apply at checkout",
    "the kids' rain jackets",
    "the store's opening hours",
    "a gift card",
    "the size guide",
];
const OWNERS: [&str; 7] = [
    "Marketing",
    "Customer service",
    "E-commerce",
    "Logistics",
    "Finance",
    "Product",
    "",
];
const PAINS: [&str; 4] = [
    "Shipping costs appear only at the last step",
    "The delivery window is vague",
    "No answer for two days",
    "Has to type the card number again",
];

/// A map of `n` touchpoints spread over 8 stages × 6 personas, with realistic content.
fn journey(n: usize) -> Journey {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n as u64);
    let stage_names = [
        "Awareness",
        "Consideration",
        "Purchase",
        "Delivery",
        "Onboarding",
        "Use",
        "Support",
        "Loyalty",
    ];
    let persona_names = [
        "Busy parent",
        "Small-business buyer",
        "Student on a budget",
        "Retired hobbyist",
        "Gift shopper",
        "Returning customer",
    ];
    let personas: Vec<Persona> = (0..PERSONAS)
        .map(|i| {
            let mut p = Persona::new(
                PersonaId(i as u32 + 1),
                persona_names[i],
                Colour::PALETTE[i % Colour::PALETTE.len()],
            );
            p.description = "Shops on the phone in the gaps: on the bus, after bedtime.".into();
            p
        })
        .collect();
    let stages: Vec<Stage> = (0..STAGES)
        .map(|i| {
            let mut s = Stage::new(StageId(i as u32 + 1), stage_names[i]);
            s.description = "What the customer does and expects here.".into();
            s
        })
        .collect();
    let touchpoints = (0..n)
        .map(|i| {
            let cell = rng.below(PERSONAS * STAGES);
            let mut t = Touchpoint::new(
                TouchpointId(i as u32 + 1),
                personas[cell / STAGES].id,
                stages[cell % STAGES].id,
                &format!("{} {}", rng.pick(&VERBS), rng.pick(&OBJECTS)),
            );
            t.channel = Some(Channel::NAMED[rng.below(Channel::NAMED.len())].clone());
            t.kind = if rng.below(4) == 0 {
                Kind::Indirect
            } else {
                Kind::Direct
            };
            t.emotion = (rng.below(10) != 0).then(|| Emotion(rng.below(5) as i8 - 2));
            t.pain_point = (rng.below(4) == 0).then(|| rng.pick(&PAINS).to_owned());
            t.owner = rng.pick(&OWNERS).to_owned();
            t.votes = if rng.below(5) < 2 {
                rng.below(12) as u32 + 1
            } else {
                0
            };
            if rng.below(6) == 0 {
                t.metrics.push(Metric {
                    name: "CSAT".into(),
                    value: 40.0 + rng.below(60) as f64,
                    unit: "%".into(),
                });
            }
            t.notes = "Said in the interview that this is where she nearly gave up.".into();
            t
        })
        .collect();
    // Four derived stage rows under the lanes, as a map that tells its story has.
    let rows = [
        RowKind::PainPoints,
        RowKind::Opportunities,
        RowKind::Metrics,
        RowKind::Owners,
    ]
    .into_iter()
    .enumerate()
    .map(|(i, kind)| StageRow::new(RowId(i as u32 + 1), kind))
    .collect();
    let j = Journey {
        title: format!("Benchmark map, {n} touchpoints"),
        personas,
        stages,
        touchpoints,
        rows,
        ..Journey::default()
    };
    j.validate().expect("a valid benchmark journey");
    j
}

#[derive(Clone, Copy, Debug, PartialEq)]
/// What a measured frame shows: the map fitted or at 100 %, or the table of every touchpoint.
enum Case {
    Fit,
    Actual,
    Table,
}

/// The app in a headless egui context, ready to run frames.
struct Frames {
    ctx: egui::Context,
    app: AppState,
    time: f64,
    frame: usize,
}

impl Frames {
    fn new(journey: Journey, case: Case) -> Self {
        let ctx = egui::Context::default();
        setup_context(&ctx);
        let mut frames = Self {
            ctx,
            app: AppState::new(journey, None),
            time: 0.0,
            frame: 0,
        };
        // The first frame lays out the panels and fits the map into the canvas.
        frames.run(None);
        match case {
            Case::Actual => frames.app.canvas.camera.reset(),
            Case::Table => frames.app.views.active = journeymap::app::commands::View::Table,
            Case::Fit => {}
        }
        // Warm the font atlas and galley caches over every hover position.
        for _ in 0..3 * POINTER_PATH {
            frames.step();
        }
        frames
    }

    /// Where the pointer is on frame `frame`: a loop through the canvas, over cards and gaps.
    fn pointer(&self) -> Pos2 {
        let canvas = self.app.canvas.rect;
        let t = (self.frame % POINTER_PATH) as f32 / POINTER_PATH as f32;
        let angle = t * std::f32::consts::TAU;
        let radius = canvas.size().min_elem() * 0.3;
        canvas.center() + vec2(angle.cos(), angle.sin()) * radius
    }

    /// One frame with the pointer moved along its path; returns the triangle count.
    fn step(&mut self) -> usize {
        self.frame += 1;
        let pointer = self.pointer();
        self.run(Some(pointer))
    }

    fn run(&mut self, pointer: Option<Pos2>) -> usize {
        self.run_timed(pointer, &mut [Duration::ZERO; 2])
    }

    /// One frame; adds the CPU time of `run_ui` and of `tessellate` to `spent`.
    fn run_timed(&mut self, pointer: Option<Pos2>, spent: &mut [Duration; 2]) -> usize {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events: pointer.map(Event::PointerMoved).into_iter().collect(),
            focused: true,
            ..RawInput::default()
        };
        let app = &mut self.app;
        let t0 = cpu_time();
        let output = self.ctx.run_ui(input, |ui| app.ui(ui));
        let t1 = cpu_time();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let t2 = cpu_time();
        spent[0] += t1.saturating_sub(t0);
        spent[1] += t2.saturating_sub(t1);
        primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.indices.len() / 3,
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum()
    }

    /// How many cards the canvas shows now.
    fn visible_cards(&mut self) -> usize {
        let view = self.app.canvas.view();
        let visible = view.to_map_rect(self.app.canvas.rect);
        self.app.doc.layout().cards_in(visible).count()
    }
}

/// Frames per loop of the pointer's path.
const POINTER_PATH: usize = 24;

const SIZES: [usize; 3] = [50, 500, 5_000];
const CASES: [Case; 3] = [Case::Fit, Case::Actual, Case::Table];

/// The time this thread has spent on a CPU (Linux; elsewhere wall-clock time).
fn cpu_time() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_else(|| START.get_or_init(Instant::now).elapsed())
}

/// `JOURNEYMAP_CANVAS_FRAMES=N`: N frames per case, CPU time per frame by phase.
fn profile(frames: usize) {
    for n in SIZES {
        let journey = journey(n);
        for case in CASES {
            let mut f = Frames::new(journey.clone(), case);
            let mut spent = [Duration::ZERO; 2];
            let wall = Instant::now();
            for _ in 0..frames {
                f.frame += 1;
                let pointer = f.pointer();
                black_box(f.run_timed(Some(pointer), &mut spent));
            }
            let per = |d: Duration| d.as_secs_f64() * 1e3 / frames as f64;
            println!(
                "{n:>5} touchpoints {case:?}: {:.3} ms CPU a frame (run_ui {:.3}, tessellate {:.3}); \
                 wall {:.3} ms",
                per(spent[0] + spent[1]),
                per(spent[0]),
                per(spent[1]),
                per(wall.elapsed()),
            );
        }
    }
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for n in SIZES {
        let journey = journey(n);
        for case in CASES {
            let mut frames = Frames::new(journey.clone(), case);
            let triangles = frames.step();
            eprintln!(
                "{n} touchpoints, {case:?}: zoom {:.0} %, {} cards visible, {triangles} triangles",
                frames.app.canvas.camera.zoom * 100.0,
                frames.visible_cards(),
            );
            let name = match case {
                Case::Fit => "fit",
                Case::Actual => "100%",
                Case::Table => "table",
            };
            group.bench_function(BenchmarkId::new(name, n), |b| {
                b.iter(|| black_box(frames.step()))
            });
        }
    }
    group.finish();
}

/// Deriving what every stage row shows, from all the cards (done on every change).
fn derive(c: &mut Criterion) {
    let mut group = c.benchmark_group("derive rows");
    for n in SIZES {
        let journey = journey(n);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| black_box(journeymap::insight::summarise(black_box(&journey)).len()))
        });
    }
    group.finish();
}

criterion_group!(benches, frame, derive);

fn main() {
    let frames = std::env::var("JOURNEYMAP_CANVAS_FRAMES").ok();
    if let Some(frames) = frames.and_then(|f| f.parse().ok()) {
        profile(frames);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
