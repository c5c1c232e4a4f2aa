//! The command line, run as a user runs it: the real binary, its output and its exit codes.

use journeymap::templates::TEMPLATES;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The broken files in tests/data and the position their error must start with (`None`: only
/// the path, for a PNG without a journey).
const BROKEN: &[(&str, Option<(usize, usize)>)] = &[
    ("truncated.ron", Some((40, 13))),
    ("wrong-type.ron", Some((3, 10))),
    ("newer-version.ron", Some((2, 3))),
    ("dangling-persona.ron", Some((28, 7))),
    ("duplicate-id.ron", Some((27, 7))),
    ("not-ron.txt", Some((1, 1))),
    ("journey.json", Some((1, 1))),
    ("empty.ron", Some((1, 1))),
    ("binary.bin", Some((3, 11))),
    ("no-journey.png", None),
];

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in `dir` with `args`; asserts it did not panic.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    output
}

fn run(args: &[&str]) -> Output {
    run_in(manifest_dir(), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed by a signal")
}

/// The summary line `check` prints, built here from the counts (not from `Summary`'s Display).
fn summary_line(path: &str, name: &str) -> String {
    let j = journeymap::templates::find(name)
        .unwrap()
        .journey()
        .unwrap();
    let pains = j
        .touchpoints
        .iter()
        .filter(|t| t.pain_point.is_some())
        .count();
    if name == "blank" {
        assert_eq!(
            (j.personas.len(), j.stages.len(), j.touchpoints.len()),
            (1, 3, 0)
        );
        format!("{path}: 1 persona, 3 stages, 0 touchpoints, 0 pain points")
    } else {
        // Every example template has two personas and five or six stages.
        let stages = j.stages.len();
        assert_eq!(j.personas.len(), 2, "{name}");
        assert!((5..=6).contains(&stages), "{name}");
        format!(
            "{path}: 2 personas, {stages} stages, {} touchpoints, {pains} pain points",
            j.touchpoints.len()
        )
    }
}

#[test]
fn templates_lists_every_name_with_its_description() {
    let o = run(&["templates"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let names = journeymap::templates::TEMPLATES.map(|t| t.name);
    assert_eq!(lines.len(), names.len(), "{out}");
    for (line, name) in lines.iter().zip(names) {
        let (first, rest) = line.split_once(' ').unwrap_or((line, ""));
        assert_eq!(first, name, "{out}");
        assert!(
            rest.trim().len() > 10,
            "{name} has a short description: {line:?}"
        );
    }
    assert_eq!(stderr(&o), "");
}

#[test]
fn new_writes_a_valid_file_and_refuses_to_overwrite_it() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["new", "-o", "map.ron"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let written = fs::read(dir.path().join("map.ron")).unwrap();
    let ecommerce = fs::read(manifest_dir().join("assets/templates/ecommerce.ron")).unwrap();
    assert_eq!(
        written, ecommerce,
        "the default template is ecommerce, saved canonically"
    );
    assert!(stdout(&o).starts_with("map.ron: "), "{}", stdout(&o));

    // Again: refused, exit 1, the file untouched.
    fs::write(dir.path().join("map.ron"), "my own work").unwrap();
    let o = run_in(dir.path(), &["new", "--template", "blank", "-o", "map.ron"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("map.ron already exists"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        fs::read_to_string(dir.path().join("map.ron")).unwrap(),
        "my own work"
    );

    // --force overwrites.
    let o = run_in(
        dir.path(),
        &["new", "--template", "blank", "-o", "map.ron", "--force"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let blank = fs::read(manifest_dir().join("assets/templates/blank.ron")).unwrap();
    assert_eq!(fs::read(dir.path().join("map.ron")).unwrap(), blank);

    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["map.ron"], "no temporary files left");
}

#[test]
fn new_writes_every_template_and_check_summarises_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut expected = String::new();
    for t in &TEMPLATES {
        let file = format!("{}.ron", t.name);
        let o = run_in(dir.path(), &["new", "-t", t.name, "--output", &file]);
        assert_eq!(code(&o), 0, "{}: {}", t.name, stderr(&o));
        let source = fs::read(manifest_dir().join(format!("assets/templates/{file}"))).unwrap();
        assert_eq!(
            fs::read(dir.path().join(&file)).unwrap(),
            source,
            "{}",
            t.name
        );
        expected += &summary_line(&file, t.name);
        expected.push('\n');
        files.push(file);
    }
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let o = run_in(dir.path(), &args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), expected);
    assert_eq!(stderr(&o), "");
}

#[test]
fn new_with_an_unknown_template_lists_the_names() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["new", "--template", "nope", "-o", "map.ron"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("\"nope\""), "{err}");
    for t in &TEMPLATES {
        assert!(err.contains(t.name), "{err} does not list {}", t.name);
    }
    assert!(!dir.path().join("map.ron").exists());
}

#[test]
fn new_into_a_missing_folder_fails_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["new", "-o", "no/such/map.ron"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("no/such/map.ron"), "{}", stderr(&o));
    assert!(fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn check_reports_each_broken_file_with_its_position() {
    for &(name, position) in BROKEN {
        let path = format!("tests/data/{name}");
        let o = run(&["check", &path]);
        assert_eq!(code(&o), 1, "{name}");
        assert_eq!(stdout(&o), "", "{name}");
        let err = stderr(&o);
        let prefix = match position {
            Some((line, col)) => format!("{path}:{line}:{col}: "),
            None => format!("{path}: "),
        };
        assert!(
            err.starts_with(&prefix),
            "{name}: expected {prefix:?}…, got {err:?}"
        );
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err:?}");
        assert!(
            err.trim_end().len() > prefix.len() + 5,
            "{name}: says what is wrong: {err:?}"
        );
    }
}

#[test]
fn check_with_good_and_bad_files_reports_both_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        manifest_dir().join("assets/templates/saas-trial.ron"),
        dir.path().join("good.ron"),
    )
    .unwrap();
    fs::copy(
        manifest_dir().join("tests/data/wrong-type.ron"),
        dir.path().join("bad.ron"),
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["check", "good.ron", "bad.ron", "missing.ron", "good.ron"],
    );
    assert_eq!(code(&o), 1);
    let good = summary_line("good.ron", "saas-trial");
    assert_eq!(stdout(&o), format!("{good}\n{good}\n"));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with("bad.ron:3:10: "), "{err}");
    assert!(lines[1].starts_with("missing.ron: "), "{err}");
}

#[test]
fn check_reads_a_map_image_with_its_journey() {
    let dir = tempfile::tempdir().unwrap();
    let journey = journeymap::templates::find("service")
        .unwrap()
        .journey()
        .unwrap();
    let options = journeymap::export::Options {
        scale: 0.5,
        ..Default::default()
    };
    journeymap::export::export_png(&journey, &dir.path().join("map.png"), &options).unwrap();
    let o = run_in(dir.path(), &["check", "map.png"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), summary_line("map.png", "service") + "\n");
}

#[test]
fn usage_errors_exit_with_2() {
    let cases: &[&[&str]] = &[
        &["check"],
        &["check", "--frobnicate", "x.ron"],
        &["--frobnicate"],
        &["new"],
        &["new", "-o"],
        &["templates", "extra"],
        &["fly", "to", "the", "moon"],
    ];
    for args in cases {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).starts_with("error: "),
            "{args:?}: {}",
            stderr(&o)
        );
        assert_eq!(stdout(&o), "", "{args:?}");
    }
}

#[test]
fn help_and_version_succeed() {
    let o = run(&["--help"]);
    assert_eq!(code(&o), 0);
    for word in ["templates", "new", "check"] {
        assert!(stdout(&o).contains(word), "{}", stdout(&o));
    }
    let o = run(&["--version"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn check_never_panics_on_odd_input() {
    let dir = tempfile::tempdir().unwrap();
    let odd: &[(&str, &[u8])] = &[
        ("nul.ron", b"\0"),
        ("deep.ron", &[b'['; 100_000]),
        ("deep-structs.ron", &[b'('; 50_000]),
        (
            "huge-number.ron",
            b"(version: 99999999999999999999999, title: \"x\")",
        ),
        ("negative-version.ron", b"(version: -1, title: \"x\")"),
        (
            "emoji.ron",
            "(version: 1, title: \"😀\", personas: [(id: 1, name: 😀)])".as_bytes(),
        ),
        ("half-png.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("crlf.ron", b"(\r\n  version: 1,\r\n  title: 5,\r\n)\r\n"),
    ];
    let mut args = vec!["check".to_owned()];
    for (name, bytes) in odd {
        fs::write(dir.path().join(name), bytes).unwrap();
        args.push((*name).to_owned());
    }
    args.push(".".to_owned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run_in(dir.path(), &args);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), odd.len() + 1, "{err}");
    for ((name, _), line) in odd.iter().zip(&lines) {
        assert!(line.starts_with(&format!("{name}:")), "{line}");
    }
    assert!(lines[2].starts_with("deep-structs.ron:1:"), "{err}");
    assert!(lines[7].starts_with("crlf.ron:3:10: "), "{err}");
    assert!(lines[odd.len()].starts_with(".: "), "{err}");
}

#[test]
fn a_file_saved_by_new_round_trips_through_check_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("map.ron");
    let o = run(&["new", "--template", "service", "-o", path.to_str().unwrap()]);
    assert_eq!(code(&o), 0);
    let before = fs::read(&path).unwrap();
    let o = run(&["check", path.to_str().unwrap()]);
    assert_eq!(code(&o), 0);
    assert_eq!(fs::read(&path).unwrap(), before, "check does not write");
}

#[test]
fn export_per_persona_writes_one_image_per_lane_with_its_part_of_the_journey() {
    let dir = tempfile::tempdir().unwrap();
    let input = manifest_dir().join("assets/templates/ecommerce.ron");
    let out = run_in(
        dir.path(),
        &[
            "export",
            input.to_str().unwrap(),
            "-o",
            "shop.png",
            "--per-persona",
            "--scale",
            "0.5",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let journey = journeymap::templates::find("ecommerce")
        .unwrap()
        .journey()
        .unwrap();
    assert_eq!(stdout(&out).lines().count(), journey.personas.len());
    for persona in &journey.personas {
        let name = format!(
            "shop-{}.png",
            journeymap::export::slug(&persona.name, "persona")
        );
        let part =
            journeymap::io::load(&dir.path().join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(part.personas, vec![persona.clone()], "{name}");
        let cards = journey
            .touchpoints
            .iter()
            .filter(|t| t.persona == persona.id);
        assert!(part.touchpoints.iter().eq(cards), "{name}");
        assert!(stdout(&out).contains(&name), "{}", stdout(&out));
    }
    assert!(!dir.path().join("shop.png").exists());
    let ron = run_in(
        dir.path(),
        &[
            "export",
            input.to_str().unwrap(),
            "-o",
            "x.ron",
            "--per-persona",
        ],
    );
    assert_eq!(code(&ron), 1);
    assert!(
        stderr(&ron).contains("--per-persona writes images"),
        "{}",
        stderr(&ron)
    );
}

#[test]
fn host_with_no_announce_gives_out_the_address_is_not_listed_and_stops_on_ctrl_c() {
    use std::io::{BufRead, BufReader};
    let o = run(&["host", "--help"]);
    assert!(stdout(&o).contains("--no-announce"), "{}", stdout(&o));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.ron");
    fs::copy(manifest_dir().join("assets/templates/blank.ron"), &file).unwrap();
    let mut host = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["host", "--no-announce"])
        .arg(&file)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let out = host.stdout.take().expect("its output");
    let mut lines = BufReader::new(out).lines();
    let mut said = Vec::new();
    for line in lines.by_ref() {
        let line = line.expect("a line");
        let done = line.starts_with("Stop with Ctrl+C");
        said.push(line);
        if done {
            break;
        }
    }
    assert!(said.iter().any(|l| l.starts_with("Address:")), "{said:?}");
    assert!(!said.iter().any(|l| l.contains("isted")), "{said:?}");

    // Ctrl+C stops it cleanly: a last save, a goodbye, exit code 0.
    let interrupted = Command::new("kill")
        .args(["-INT", &host.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let status = host.wait().expect("ended");
    assert!(status.success(), "{status:?} {rest:?}");
    assert!(rest.iter().any(|l| l.starts_with("Stopped")), "{rest:?}");
    assert_eq!(
        journeymap::io::load(&file).expect("the file loads"),
        journeymap::io::load(&manifest_dir().join("assets/templates/blank.ron")).expect("blank")
    );
}
