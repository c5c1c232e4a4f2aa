//! Memory that depends on the size of the picture, not on the length of the texts: a journey
//! with a 50 MB title exports in under 300 MB. Alone in its test binary, so that the peak
//! resident size of this process's children is the export's.

use journeymap::model::{Journey, Persona, PersonaId, Stage, StageId, Touchpoint, TouchpointId};
use std::process::Command;

/// A journey whose title and one card's title are `len` characters long in all.
fn long_texts(len: usize) -> Journey {
    let mut j = Journey {
        title: "Ab cd ".repeat(len / 12),
        ..Journey::default()
    };
    j.personas.push(Persona::new(
        PersonaId(1),
        "P",
        journeymap::model::Colour::PALETTE[0],
    ));
    j.stages.push(Stage::new(StageId(1), "S"));
    j.touchpoints.push(Touchpoint::new(
        TouchpointId(1),
        PersonaId(1),
        StageId(1),
        &"Card ".repeat(len / 10),
    ));
    j
}

/// The largest resident size, in bytes, of any child process this test process has waited for.
#[cfg(target_os = "linux")]
fn largest_child_bytes() -> u64 {
    /// `struct rusage` on 64-bit Linux: two timevals, then `ru_maxrss` (KiB) and 13 more longs.
    #[repr(C)]
    struct Rusage {
        times: [i64; 4],
        max_rss_kib: i64,
        rest: [i64; 13],
    }
    unsafe extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    const RUSAGE_CHILDREN: i32 = -1;
    let mut usage = Rusage {
        times: [0; 4],
        max_rss_kib: 0,
        rest: [0; 13],
    };
    // SAFETY: `usage` is a writable struct of the kernel's layout for this target.
    let status = unsafe { getrusage(RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(status, 0, "getrusage");
    usage.max_rss_kib as u64 * 1024
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
#[test]
fn exporting_a_fifty_megabyte_title_stays_under_300_mb() {
    let dir = tempfile::tempdir().unwrap();
    let journey = long_texts(50_000_000);
    journeymap::io::save(&dir.path().join("long.ron"), &journey).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["export", "long.ron", "-o", "long.png", "--scale", "1"])
        .current_dir(dir.path())
        .output()
        .expect("the binary runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let peak = largest_child_bytes();
    assert!(peak < 300 << 20, "the export took {} MB", peak >> 20);
    let back = journeymap::io::load(&dir.path().join("long.png")).unwrap();
    assert!(back == journey, "the whole title travels in the image");
}
