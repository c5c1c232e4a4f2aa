//! Starts the real binary on a journey under a private Xvfb display and checks that a window
//! titled with the journey's title appears, that the map renders (the screen is not one flat
//! colour), that the app keeps running, and that it logs no panic and no error.
//!
//! Needs Xvfb and xwininfo (Debian/Ubuntu: `apt-get install xvfb x11-utils`) and Mesa's software
//! OpenGL (`libegl1 libegl-mesa0 libgl1-mesa-dri`) plus the libraries winit loads at run time
//! (`libxkbcommon-x11-0 libxcursor1 libxi6`). Without Xvfb the test fails: install it.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

const WINDOW_TIMEOUT: Duration = Duration::from_secs(30);
const RENDER_TIMEOUT: Duration = Duration::from_secs(30);

/// Kills and reaps a child process when dropped, so nothing outlives the test, pass or fail.
struct Guard {
    name: &'static str,
    child: Child,
}

impl Guard {
    /// Panics with `log` when the process has exited already.
    fn assert_running(&mut self, log: &Path) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!(
                "{} exited early ({status}); its output:\n{}",
                self.name,
                fs::read_to_string(log).unwrap_or_default()
            );
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Finds a program on PATH.
fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

fn require(program: &str, package: &str) -> PathBuf {
    which(program).unwrap_or_else(|| {
        panic!(
            "`{program}` is not installed; the smoke test needs it to run the app under a \
             virtual X display. Install it: sudo apt-get install {package} \
             (with Mesa: libegl1 libegl-mesa0 libgl1-mesa-dri libxkbcommon-x11-0 libxcursor1 libxi6)"
        )
    })
}

/// Starts Xvfb on a display number it picks itself (`-displayfd`), with its framebuffer
/// mirrored as an XWD file in `fbdir`. Returns the guard and the display name (":N").
fn start_xvfb(xvfb: &Path, fbdir: &Path, log: &Path) -> (Guard, String) {
    let mut child = Command::new(xvfb)
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1600x1000x24",
            "-nolisten",
            "tcp",
        ])
        .arg("-fbdir")
        .arg(fbdir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(File::create(log).expect("the Xvfb log"))
        .spawn()
        .expect("Xvfb starts");
    let stdout = child.stdout.take().expect("Xvfb's stdout");
    let mut guard = Guard {
        name: "Xvfb",
        child,
    };
    // Xvfb writes the display number once it accepts connections.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
    let number = line.trim();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        guard.assert_running(log);
        panic!(
            "Xvfb did not report a display number; its log:\n{}",
            fs::read_to_string(log).unwrap_or_default()
        );
    }
    (guard, format!(":{number}"))
}

/// The names of all windows on `display`, as `xwininfo -root -tree` lists them.
fn window_list(xwininfo: &Path, display: &str) -> String {
    Command::new(xwininfo)
        .args(["-root", "-tree"])
        .env("DISPLAY", display)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

/// What the screen shows: the number of distinct colours and the share of the commonest one.
#[derive(Clone, Copy, Debug)]
struct Screen {
    colours: usize,
    commonest: f64,
}

/// Reads the XWD file Xvfb keeps of its framebuffer (`-fbdir`).
fn read_screen(file: &Path) -> Option<Screen> {
    let data = fs::read(file).ok()?;
    let field = |i: usize| -> Option<u32> {
        let b = data.get(4 * i..4 * i + 4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let header_size = field(0)? as usize;
    let (width, height) = (field(4)? as usize, field(5)? as usize);
    let bits_per_pixel = field(11)? as usize;
    let bytes_per_line = field(12)? as usize;
    let lsb_first = field(7)? == 0;
    let mask = match field(14)? | field(15)? | field(16)? {
        0 => 0x00ff_ffff,
        mask => mask,
    };
    let ncolours = field(19)? as usize;
    if bits_per_pixel != 32 || width == 0 || height == 0 {
        return None;
    }
    let pixels = data.get(header_size + 12 * ncolours..)?;
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for y in 0..height {
        let row = pixels.get(y * bytes_per_line..y * bytes_per_line + 4 * width)?;
        for px in row.chunks_exact(4) {
            let px = [px[0], px[1], px[2], px[3]];
            let v = if lsb_first {
                u32::from_le_bytes(px)
            } else {
                u32::from_be_bytes(px)
            };
            *counts.entry(v & mask).or_default() += 1;
        }
    }
    let commonest = counts.values().copied().max().unwrap_or(0);
    Some(Screen {
        colours: counts.len(),
        commonest: commonest as f64 / (width * height) as f64,
    })
}

/// A journey file from a template, written by the binary itself; returns it and its title.
fn journey_file(bin: &Path, dir: &Path) -> (PathBuf, String) {
    let file = dir.join("smoke.ron");
    let out = Command::new(bin)
        .args(["new", "--template", "service", "-o"])
        .arg(&file)
        .output()
        .expect("journeymap new runs");
    assert!(
        out.status.success(),
        "journeymap new failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let journey = journeymap::io::load(&file).expect("the new journey loads");
    (file, journey.title)
}

#[test]
fn the_app_opens_a_window_with_the_journey_and_renders_it() {
    let xvfb = require("Xvfb", "xvfb");
    let xwininfo = require("xwininfo", "x11-utils");
    let bin = Path::new(env!("CARGO_BIN_EXE_journeymap"));

    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir = |name: &str| {
        let d = tmp.path().join(name);
        fs::create_dir_all(&d).unwrap();
        d
    };
    let (fbdir, runtime, home) = (dir("fb"), dir("run"), dir("home"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&runtime, fs::Permissions::from_mode(0o700)).unwrap();
    }
    let (file, title) = journey_file(bin, tmp.path());
    let saved = fs::read(&file).unwrap();

    let xvfb_log = tmp.path().join("xvfb.log");
    let (_xvfb, display) = start_xvfb(&xvfb, &fbdir, &xvfb_log);

    // The app: X11 only, in a private runtime, home and config, so it neither touches the
    // user's settings nor opens on the user's own desktop.
    let app_log = tmp.path().join("app.log");
    let child = Command::new(bin)
        .arg(&file)
        .env("DISPLAY", &display)
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("JOURNEYMAP_CONFIG_DIR", home.join("journeymap"))
        .env("RUST_LOG", "warn")
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(File::create(&app_log).expect("the app log"))
        .spawn()
        .expect("the app starts");
    let mut app = Guard {
        name: "journeymap",
        child,
    };
    let log = || fs::read_to_string(&app_log).unwrap_or_default();

    // 1. A window whose name holds the journey's title.
    let start = Instant::now();
    let windows = loop {
        let windows = window_list(&xwininfo, &display);
        if windows.contains(&title) {
            break windows;
        }
        app.assert_running(&app_log);
        assert!(
            start.elapsed() < WINDOW_TIMEOUT,
            "no window named after \"{title}\" within {WINDOW_TIMEOUT:?}; windows:\n{windows}\n\
             app log:\n{}",
            log()
        );
        sleep(Duration::from_millis(250));
    };
    let name_line = windows.lines().find(|l| l.contains(&title)).unwrap();
    assert!(
        name_line.contains("Journeymap") && name_line.contains("smoke.ron"),
        "the window is not named \"FILE — TITLE — Journeymap\": {name_line}"
    );

    // 2. The map renders: the screen fills with more than one flat colour.
    let fb = fbdir.join("Xvfb_screen0");
    let start = Instant::now();
    let screen = loop {
        let screen = read_screen(&fb);
        if let Some(s) = screen
            .as_ref()
            .filter(|s| s.colours >= 32 && s.commonest < 0.9)
        {
            break *s;
        }
        app.assert_running(&app_log);
        assert!(
            start.elapsed() < RENDER_TIMEOUT,
            "the window never rendered the map within {RENDER_TIMEOUT:?} (screen: {screen:?}); \
             app log:\n{}",
            log()
        );
        sleep(Duration::from_millis(250));
    };
    eprintln!(
        "smoke: window {name_line:?} on {display}; {} colours, commonest {:.0} %",
        screen.colours,
        screen.commonest * 100.0
    );

    // 3. It keeps running, repainting, and logs no trouble.
    sleep(Duration::from_secs(2));
    app.assert_running(&app_log);
    drop(app);
    let log = log();
    assert!(!log.contains("panicked"), "the app panicked:\n{log}");
    let errors: Vec<&str> = log.lines().filter(|l| l.contains("ERROR")).collect();
    assert!(
        errors.is_empty(),
        "the app logged errors:\n{}",
        errors.join("\n")
    );
    // Opening a journey writes nothing.
    assert!(
        fs::read(&file).unwrap() == saved,
        "the app changed the journey file"
    );
}
