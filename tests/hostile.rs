//! Hostile files, run through the real binary: they fail at once with a message a user can read
//! and a terminal cannot be harmed by, and they leave nothing behind. How long the hostile
//! parses take is measured in `benches/file.rs`; here a watchdog only tells a hang from an
//! answer.

use proptest::prelude::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Far beyond what any of these takes when it is not stuck (well under a second).
const HANG: Duration = Duration::from_secs(60);

/// Runs the binary in `dir`, killing it if it has not answered within [`HANG`].
fn run(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("{args:?} did not finish within {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    output
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// `check` on `name` holding `bytes`: exit code 1, and the error line.
fn check_fails(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    let o = run(dir.path(), &["check", name]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        fs::read(dir.path().join(name)).unwrap(),
        bytes,
        "the file is untouched"
    );
    stderr(&o)
}

#[test]
fn megabytes_of_nested_lists_and_raw_string_hashes_fail_at_once_with_a_position() {
    // Both took minutes in the scan that cut big files for a parallel parse.
    let nested = format!("[{}]", "[],".repeat(1_000_000));
    assert!(check_fails("b.ron", nested.as_bytes()).starts_with("b.ron:1:"));
    let raw = format!("r{}\"{}", "#".repeat(500_000), "\"".repeat(500_000));
    assert!(check_fails("r.ron", raw.as_bytes()).starts_with("r.ron:1:"));
}

#[test]
fn control_characters_in_a_file_never_reach_the_terminal() {
    let text = "(version: 1, title: \"t\", personas: [(id: 1, name: \"p\", colour: \"\x1b[2J\x1b]0;owned\x07\")])";
    let err = check_fails("c.ron", text.as_bytes());
    assert!(!err.trim_end().chars().any(char::is_control), "{err:?}");
    assert!(
        err.contains("\\u{1b}[2J"),
        "the escape is shown, not sent: {err}"
    );
}

#[test]
fn a_huge_quoted_value_is_cut_in_the_message() {
    let name = "x".repeat(100_000);
    let text = format!(
        "(version: 1, title: \"t\", personas: [(id: 1, name: \"{name}\", colour: \"red\")])"
    );
    let err = check_fails("long.ron", text.as_bytes());
    assert!(err.starts_with("long.ron:1:"), "{err}");
    assert!(err.len() < 1000, "{} bytes of message", err.len());
}

#[test]
fn every_validation_error_names_a_line_and_column_even_on_one_line() {
    let cases = [
        (r#"(version: 1, title: " ")"#, (1, 14)),
        (
            r#"(version: 1, title: "t", personas: [(id: 1, name: "")])"#,
            (1, 45),
        ),
        (
            r#"(version: 1, title: "t", stages: [(id: 3, name: "s", width: Some(9999.0))])"#,
            (1, 54),
        ),
        (
            r#"(version: 1, title: "t", personas: [(id: 1, name: "p")], stages: [(id: 1, name: "s")], touchpoints: [(id: 1, persona: 1, stage: 2, title: "c")])"#,
            (1, 122),
        ),
    ];
    for (text, (line, col)) in cases {
        let err = check_fails("one.ron", text.as_bytes());
        assert!(
            err.starts_with(&format!("one.ron:{line}:{col}: ")),
            "{text}\n{err}"
        );
    }
}

#[test]
fn png_problems_are_told_in_words_not_decoder_dumps() {
    // A header chunk with a damaged name, then the end chunk: whole, but not a PNG.
    let mut bad_header = b"\x89PNG\r\n\x1a\n\0\0\0\rIHD\xcb".to_vec();
    bad_header.extend_from_slice(&[0; 17]);
    bad_header.extend_from_slice(b"\0\0\0\0IEND\xae\x42\x60\x82");
    let err = check_fails("bad.png", &bad_header);
    assert!(err.contains("not a PNG image that can be read"), "{err}");
    assert!(!err.contains("ChunkType") && !err.contains('{'), "{err}");

    // A journey chunk that inflates to more than 64 MiB.
    let journey = journeymap::templates::sample();
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("map.png");
    let mut big = journey.clone();
    big.description = " ".repeat(70 << 20);
    let mut bytes = Vec::new();
    journeymap::io::png::encode(&mut bytes, &[0; 4], 1, 1, &big).unwrap();
    fs::write(&png, &bytes).unwrap();
    let err = check_fails("huge.png", &bytes);
    assert!(err.contains("larger than 64 MiB"), "{err}");
    assert!(!err.contains("decompression space"), "{err}");
}

#[test]
fn a_scale_out_of_range_is_refused_with_the_range() {
    let dir = tempfile::tempdir().unwrap();
    for scale in ["1e30", "1e-30", "0", "-2", "NaN", "inf"] {
        let o = run(
            dir.path(),
            &[
                "export",
                "nothing.ron",
                "-o",
                "out.png",
                &format!("--scale={scale}"),
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{scale}");
        assert!(stderr(&o).contains("from 0.25 to 8"), "{}", stderr(&o));
    }
}

#[test]
fn a_killed_export_leaves_nothing_behind_after_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    journeymap::io::save(
        &dir.path().join("map.ron"),
        &journeymap::templates::sample(),
    )
    .unwrap();
    for delay in [5, 20, 60] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_journeymap"))
            .args(["export", "map.ron", "-o", "out.png", "--scale", "3"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
    }
    let o = run(dir.path(), &["export", "map.ron", "-o", "out.png"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["map.ron", "out.png"]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A mutated journey file either loads as a valid journey or gives an error with a position;
    /// it never panics.
    #[test]
    fn a_mutated_journey_file_loads_or_says_where_it_is_wrong(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)
    ) {
        let mut bytes = journeymap::io::to_ron(&journeymap::templates::sample()).into_bytes();
        for (at, byte, how) in edits {
            let i = at.index(bytes.len().max(1));
            match how {
                0 if i < bytes.len() => bytes[i] = byte,
                1 => bytes.insert(i.min(bytes.len()), byte),
                _ if i < bytes.len() => { bytes.remove(i); }
                _ => {}
            }
        }
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
        match journeymap::io::from_ron(&text, Path::new("m.ron")) {
            Ok(journey) => prop_assert!(journey.validate().is_ok()),
            Err(e) => {
                prop_assert!(e.position.is_some(), "{e}");
                prop_assert!(!e.to_string().chars().any(char::is_control), "{e}");
            }
        }
    }

    /// A map image with bytes flipped, cut short or spliced either gives back a valid journey or
    /// says what is wrong; it never panics.
    #[test]
    fn a_mutated_map_image_loads_or_says_what_is_wrong(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        cut in any::<prop::sample::Index>(),
    ) {
        let journey = journeymap::templates::sample();
        let mut bytes = Vec::new();
        journeymap::io::png::encode(&mut bytes, &[255; 4 * 16], 4, 4, &journey).unwrap();
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        bytes.truncate(bytes.len() - cut.index(bytes.len() / 4));
        match journeymap::io::png::journey_from_png(&bytes, Path::new("m.png")) {
            Ok(back) => prop_assert!(back.validate().is_ok()),
            Err(e) => prop_assert!(!e.to_string().chars().any(char::is_control), "{e}"),
        }
    }
}
