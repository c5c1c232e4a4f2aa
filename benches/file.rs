//! Loading (parse + validate) and saving (serialise + atomic write) journeys of the sizes users
//! hit: 50, 500 and 5,000 touchpoints. Target on the 2-core CI machine, release build:
//! 5,000 touchpoints load+validate < 50 ms and save < 50 ms.
//!
//! Each group runs twice: wall-clock time (`load+validate/5000`), and on Linux the thread's CPU
//! time (`cpu load+validate/5000`), which stays readable when other builds share the machine.
//! `to_ron` is the save without the disk (no write, no fsync). `hostile` loads 2 MB and 4 MB
//! files made to be slow to scan: their times must grow linearly.

use criterion::measurement::Measurement;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use journeymap::io;
use journeymap::model::{
    Channel, Colour, Emotion, Journey, Kind, Metric, Persona, PersonaId, Stage, StageId,
    Touchpoint, TouchpointId,
};
use std::hint::black_box;
use std::path::Path;

const SIZES: [usize; 3] = [50, 500, 5_000];
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
const OWNERS: [&str; 4] = ["Marketing", "Product", "Customer support", "Logistics"];
const TAGS: [&str; 6] = ["mobile", "b2b", "returns", "pricing", "seo", "delivery"];

/// A journey of `n` touchpoints over 6 stages × 5 personas, with cards as full as real ones.
fn journey(n: usize) -> Journey {
    let personas: Vec<Persona> = PERSONAS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut p = Persona::new(PersonaId(i as u32 + 1), name, Colour::PALETTE[i % 8]);
            p.description = format!("{name}: shops from a phone and a laptop, mostly evenings.");
            p.goals = "Get the right thing delivered on time without comparing ten shops.".into();
            p.frustrations = "Hidden costs at checkout, vague delivery windows.".into();
            p
        })
        .collect();
    let stages: Vec<Stage> = STAGES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut s = Stage::new(StageId(i as u32 + 1), name);
            s.description = format!("What happens during {}.", name.to_lowercase());
            s
        })
        .collect();
    let touchpoints = (0..n)
        .map(|i| {
            let persona = PersonaId((i % PERSONAS.len()) as u32 + 1);
            let stage = StageId((i / PERSONAS.len() % STAGES.len()) as u32 + 1);
            let mut t = Touchpoint::new(
                TouchpointId(i as u32 + 1),
                persona,
                stage,
                &format!("Touchpoint {i}: compares delivery options"),
            );
            t.notes = format!(
                "Interview {}: “I opened the app on the bus, checked the price again and saved it \
                 for later because the delivery date was not shown until checkout.”",
                i % 37
            );
            t.channel = Some(if i % 17 == 0 {
                Channel::Other("Kiosk".into())
            } else {
                Channel::NAMED[i % Channel::NAMED.len()].clone()
            });
            t.kind = if i % 3 == 0 {
                Kind::Indirect
            } else {
                Kind::Direct
            };
            t.emotion = (i % 7 != 0).then(|| Emotion((i % 5) as i8 - 2));
            if i % 4 == 0 {
                t.pain_point =
                    Some("Delivery costs appear only at the last step of checkout.".into());
                t.opportunity = "Show the delivery cost and date on the product page.".into();
            }
            t.owner = OWNERS[i % OWNERS.len()].into();
            t.metrics = vec![
                Metric {
                    name: "CSAT".into(),
                    value: 60.0 + (i % 40) as f64 * 0.5,
                    unit: "%".into(),
                },
                Metric {
                    name: "Conversion rate".into(),
                    value: 1.0 + (i % 13) as f64 / 7.0,
                    unit: "%".into(),
                },
            ];
            if i % 2 == 0 {
                t.metrics.push(Metric {
                    name: "NPS".into(),
                    value: (i % 60) as f64 - 20.0,
                    unit: String::new(),
                });
            }
            t.votes = (i % 6) as u32;
            t.tags = (0..i % 3 + 1)
                .map(|k| TAGS[(i + k) % TAGS.len()].to_owned())
                .collect();
            t
        })
        .collect();
    Journey {
        title: format!("Generated journey with {n} touchpoints"),
        description: "Benchmark data: six stages, five personas, full cards.".into(),
        personas,
        stages,
        touchpoints,
        ..Journey::default()
    }
}

/// Wall-clock time, as users wait for it (criterion's default), and on Linux also the thread's
/// CPU time, which the other builds and benchmarks on a shared machine disturb far less.
fn bench<M: Measurement>(c: &mut Criterion<M>, prefix: &str) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut load = c.benchmark_group(format!("{prefix}load+validate"));
    for n in SIZES {
        let j = journey(n);
        j.validate().expect("the generated journey is valid");
        let text = io::to_ron(&j);
        assert_eq!(io::from_ron(&text, Path::new("bench.ron")).as_ref(), Ok(&j));
        load.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            // Dropping the journey is not part of loading it (the app keeps it).
            b.iter_with_large_drop(|| {
                io::from_ron(black_box(text), Path::new("bench.ron")).expect("valid")
            })
        });
    }
    load.finish();

    let mut save = c.benchmark_group(format!("{prefix}save"));
    for n in SIZES {
        let j = journey(n);
        let path = dir.path().join(format!("{n}.ron"));
        io::save(&path, &j).expect("saved");
        assert_eq!(io::load(&path).as_ref(), Ok(&j), "the saved file loads");
        save.bench_with_input(BenchmarkId::from_parameter(n), &j, |b, j| {
            b.iter(|| io::save(&path, black_box(j)).expect("saved"))
        });
    }
    save.finish();

    // The part of a save that is not the disk: the text alone, for comparison.
    let mut text = c.benchmark_group(format!("{prefix}to_ron"));
    for n in SIZES {
        let j = journey(n);
        text.bench_with_input(BenchmarkId::from_parameter(n), &j, |b, j| {
            b.iter(|| io::to_ron(black_box(j)))
        });
    }
    text.finish();

    // Hostile files must fail in time linear in their size: 4 MB takes twice what 2 MB does.
    let mut hostile = c.benchmark_group(format!("{prefix}hostile"));
    hostile.sample_size(10);
    for mb in [2, 4] {
        let n = mb << 20;
        let nested = format!("[{}]", "[],".repeat(n / 3));
        let raw = format!("r{}\"{}", "#".repeat(n / 2), "\"".repeat(n / 2));
        // Parses, then fails validation: the error's place is found by scanning the whole text.
        let hashes = "#".repeat(1000);
        let body = format!("\"{}", &hashes[1..]).repeat(n / 1000);
        let misplaced =
            format!("(version: 1, description: r{hashes}\"{body}\"{hashes}, title: \" \")");
        let cases = [
            ("nested lists", nested),
            ("raw string hashes", raw),
            ("invalid journey with a hostile raw string", misplaced),
        ];
        for (name, text) in cases {
            let id = BenchmarkId::new(name, format!("{mb} MB"));
            hostile.bench_with_input(id, &text, |b, text| {
                b.iter(|| io::from_ron(black_box(text), Path::new("hostile.ron")).is_err())
            });
        }
    }
    hostile.finish();
}

fn wall(c: &mut Criterion) {
    bench(c, "");
}

#[cfg(target_os = "linux")]
mod cpu {
    use criterion::Throughput;
    use criterion::measurement::{Measurement, ValueFormatter};

    /// CPU time of the calling thread, in nanoseconds.
    pub struct ThreadCpuTime;

    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }

    unsafe extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }

    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

    fn now() -> u64 {
        let mut t = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid, writable timespec (64-bit time on the Linux targets we run).
        let status = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
        assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
        t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
    }

    impl Measurement for ThreadCpuTime {
        type Intermediate = u64;
        type Value = u64;
        fn start(&self) -> u64 {
            now()
        }
        fn end(&self, start: u64) -> u64 {
            now() - start
        }
        fn add(&self, a: &u64, b: &u64) -> u64 {
            a + b
        }
        fn zero(&self) -> u64 {
            0
        }
        fn to_f64(&self, value: &u64) -> f64 {
            *value as f64
        }
        fn formatter(&self) -> &dyn ValueFormatter {
            &Milliseconds
        }
    }

    struct Milliseconds;

    impl ValueFormatter for Milliseconds {
        fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
            values.iter_mut().for_each(|v| *v /= 1e6);
            "ms cpu"
        }
        fn scale_throughputs(&self, _: f64, _: &Throughput, _: &mut [f64]) -> &'static str {
            "(no throughput)"
        }
        fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
            "ns"
        }
    }
}

#[cfg(target_os = "linux")]
fn cpu(c: &mut Criterion<cpu::ThreadCpuTime>) {
    bench(c, "cpu ");
}

#[cfg(target_os = "linux")]
criterion_group!(
    name = cpu_time;
    config = Criterion::default().with_measurement(cpu::ThreadCpuTime);
    targets = cpu
);
criterion_group!(wall_time, wall);

#[cfg(target_os = "linux")]
criterion_main!(wall_time, cpu_time);
#[cfg(not(target_os = "linux"))]
criterion_main!(wall_time);
