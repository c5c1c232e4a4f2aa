//! Fault injection: a process saving in a loop is killed (SIGKILL) at random moments; the
//! journey file is always the complete old or the complete new journey, never empty or partial.

use journeymap::io;
use journeymap::model::{Journey, TouchpointId};
use journeymap::templates;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const TARGET_ENV: &str = "JOURNEYMAP_SAVE_LOOP_TARGET";
const KILLS: usize = 300;

/// Two journeys to alternate between; the big one makes each write take long enough that
/// kills land in the middle of writes.
fn journeys() -> (Journey, Journey) {
    let small = templates::find("ecommerce").unwrap().journey().unwrap();
    let mut big = small.clone();
    big.title = "Big".into();
    for n in 0..200u32 {
        for t in &small.touchpoints {
            let mut copy = t.clone();
            copy.id = TouchpointId(1000 + n * 100 + t.id.0);
            big.touchpoints.push(copy);
        }
    }
    (small, big)
}

/// The child: saves the two journeys in turn until it is killed.
#[test]
#[ignore = "the child process of the kill test; it loops until killed"]
fn child_save_loop() {
    let target = std::env::var_os(TARGET_ENV).expect("run by the kill test");
    let (small, big) = journeys();
    loop {
        io::save(Path::new(&target), &big).unwrap();
        io::save(Path::new(&target), &small).unwrap();
    }
}

#[test]
fn a_killed_save_leaves_the_old_or_the_new_journey_never_a_partial_one() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("map.ron");
    let (small, big) = journeys();
    io::save(&target, &small).unwrap();
    let exe = std::env::current_exe().unwrap();
    // A small linear congruential generator: varied kill moments, the same every run.
    let mut seed: u64 = 0x5eed;
    let (mut saw_small, mut saw_big) = (0, 0);
    for kill in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "child_save_loop",
                "--test-threads",
                "1",
            ])
            .env(TARGET_ENV, &target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        std::thread::sleep(Duration::from_micros(5_000 + (seed >> 33) % 60_000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        let text = std::fs::read_to_string(&target).unwrap();
        let journey = io::from_ron(&text, &target)
            .unwrap_or_else(|e| panic!("kill {kill}: the file is not a whole journey: {e}"));
        if journey == small {
            saw_small += 1;
        } else if journey == big {
            saw_big += 1;
        } else {
            panic!("kill {kill}: the file holds neither journey");
        }
    }
    // Both outcomes happened, so the kills really interrupted a saving loop.
    assert!(
        saw_small > 0 && saw_big > 0,
        "small {saw_small}, big {saw_big}"
    );
}
