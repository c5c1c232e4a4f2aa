//! Files like a desktop app: the unsaved-changes question, the in-app path dialog, the
//! external-change banner, crash recovery. Driven through egui_kittest on the real app state.

use egui::{Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeymap::app::AppState;
use journeymap::app::exports::Destination;
use journeymap::app::recovery::Autosave;
use journeymap::io::{self, recovery::RecoveryStore};
use journeymap::model::Journey;
use journeymap::templates;
use std::path::Path;

fn template(name: &str) -> Journey {
    templates::find(name).unwrap().journey().unwrap()
}

fn harness_with(app: AppState) -> Harness<'static, AppState> {
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(400)
        .with_context_setup(journeymap::app::setup_context)
        .build_ui_state(|ui, app: &mut AppState| app.ui(ui), app);
    h.run();
    h
}

fn harness(journey: Journey) -> Harness<'static, AppState> {
    harness_with(AppState::new(journey, None))
}

/// Makes one visible edit through the keyboard: select all cards, delete them.
fn edit(h: &mut Harness<'_, AppState>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().doc.is_dirty());
}

fn request_close(h: &mut Harness<'_, AppState>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.step();
}

/// Whether the app tells the window to close within a few frames.
fn asked_to_close(h: &mut Harness<'_, AppState>) -> bool {
    (0..3).any(|_| {
        h.step();
        h.output()
            .viewport_output
            .get(&ViewportId::ROOT)
            .is_some_and(|v| v.commands.contains(&ViewportCommand::Close))
    })
}

fn type_path(h: &mut Harness<'_, AppState>, path: &Path) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(path.display().to_string()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_window() {
    let mut h = harness(template("ecommerce"));
    request_close(&mut h);
    h.run();
    assert!(
        h.query_by_label("Don't save").is_none(),
        "no question without changes"
    );

    edit(&mut h);
    request_close(&mut h);
    let cancelled = h
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&ViewportCommand::CancelClose));
    assert!(cancelled, "the close waits for the answer");
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Don't save").is_none());
    assert!(h.state().doc.is_dirty(), "cancel keeps the work");

    request_close(&mut h);
    h.run();
    h.get_by_label("Don't save").click();
    assert!(asked_to_close(&mut h), "don't save closes the window");
}

#[test]
fn close_with_save_writes_the_file_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    io::save(&path, &template("ecommerce")).unwrap();
    let mut h = harness_with(AppState::open_or_start(Some(path.clone())));
    edit(&mut h);
    let edited = h.state().doc.journey().clone();
    request_close(&mut h);
    h.run();
    h.get_by_label("Save").click();
    assert!(asked_to_close(&mut h));
    assert_eq!(io::load(&path).unwrap(), edited);
}

#[test]
fn new_with_unsaved_changes_asks_then_offers_templates() {
    let mut h = harness(template("ecommerce"));
    edit(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    h.get(
        egui_kittest::kittest::By::new()
            .role(egui::accesskit::Role::Button)
            .label("Blank map"),
    )
    .click();
    h.run();
    assert_eq!(*h.state().doc.journey(), template("blank"));
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn open_with_unsaved_changes_saves_through_the_in_app_dialog_then_opens() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("service.ron");
    io::save(&other, &template("service")).unwrap();
    let saved = dir.path().join("workshop.ron");

    let mut h = harness(template("ecommerce"));
    edit(&mut h);
    let edited = h.state().doc.journey().clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    // No native dialog in tests: the in-app one asks for the path.
    h.get_by_label("Save the journey to (.ron):");
    type_path(&mut h, &saved);
    assert_eq!(io::load(&saved).unwrap(), edited, "saved before opening");
    h.get_by_label("Path of a journey (.ron) or a map (.png, .svg, .pdf):");
    type_path(&mut h, &other);
    assert_eq!(*h.state().doc.journey(), template("service"));
    assert_eq!(h.state().doc.path.as_deref(), Some(other.as_path()));
    assert!(h.state().window_title().starts_with("service.ron"));
}

#[test]
fn a_file_that_fails_to_load_changes_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(version: 1, title: 5)").unwrap();
    let mut h = harness(template("ecommerce"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    type_path(&mut h, &broken);
    assert_eq!(*h.state().doc.journey(), template("ecommerce"));
    let status = h
        .state()
        .status
        .clone()
        .expect("an error in the status bar");
    assert!(
        status.error && status.text.starts_with(&format!("{}:1:", broken.display())),
        "{}",
        status.text
    );
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "(version: 1, title: 5)"
    );
    // The same dialog as at start-up says what is wrong; Close keeps the journey that was open.
    h.get_by_label("Could not open “broken.ron”");
    h.get_by_label_contains("Line 1, column 21");
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().load_problem.is_none());
    assert_eq!(*h.state().doc.journey(), template("ecommerce"));
}

#[test]
fn without_a_native_dialog_the_in_app_one_appears_and_says_why() {
    // This machine has no desktop portal and no zenity (as in CI), so rfd gives nothing at once.
    let mut app = AppState::new(template("ecommerce"), None);
    app.files.native = true;
    let mut h = harness_with(app);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    for _ in 0..200 {
        h.step();
        if h.state().files.no_native_reason.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
    h.get_by_label("Path of a journey (.ron) or a map (.png, .svg, .pdf):");
    h.get_by_label_contains("No system file dialog is available here");
}

#[test]
fn a_file_changed_on_disk_shows_a_banner_that_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    io::save(&path, &template("ecommerce")).unwrap();
    let mut h = harness_with(AppState::open_or_start(Some(path.clone())));
    let mut teammate = template("ecommerce");
    teammate.title = "Edited by a teammate".into();
    // Make sure the modification time moves even on coarse file systems.
    std::thread::sleep(std::time::Duration::from_millis(20));
    io::save(&path, &teammate).unwrap();
    h.run_steps(90);
    h.get_by_label_contains("was changed on disk by another program");
    h.get_by_label("Reload").click();
    h.run();
    assert_eq!(*h.state().doc.journey(), teammate);
    assert!(h.query_by_label("Reload").is_none());
}

#[test]
fn save_never_silently_overwrites_a_newer_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    io::save(&path, &template("ecommerce")).unwrap();
    let mut h = harness_with(AppState::open_or_start(Some(path.clone())));
    edit(&mut h);
    let mut teammate = template("ecommerce");
    teammate.title = "Edited by a teammate".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    io::save(&path, &teammate).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Overwrite");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        io::load(&path).unwrap(),
        teammate,
        "cancel keeps their version"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Overwrite").click();
    h.run();
    assert_eq!(io::load(&path).unwrap(), *h.state().doc.journey());
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn after_a_crash_the_next_start_restores_exactly_the_last_edits() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workshop.ron");
    io::save(&path, &template("ecommerce")).unwrap();

    // The session that will crash (a process id that is not running).
    let mut app = AppState::open_or_start(Some(path.clone()));
    app.autosave = Autosave::new(RecoveryStore::for_process(
        data.path().to_path_buf(),
        4_000_000_001,
    ));
    let mut first = harness_with(app);
    first.key_press_modifiers(Modifiers::COMMAND, Key::A);
    first.run();
    first.key_press(Key::Delete);
    first.run();
    let edited = first.state().doc.journey().clone();
    // Autosave writes within 5 seconds of the last change (3 s of frames here).
    first.run_steps(180);
    let recovery = data.path().join("recovery-4000000001.ron");
    assert!(recovery.exists(), "the recovery file was written");
    drop(first); // the crash: no save, no close

    let mut app = AppState::open_or_start(Some(path.clone()));
    app.autosave = Autosave::new(RecoveryStore::for_process(
        data.path().to_path_buf(),
        4_000_000_002,
    ));
    let mut second = harness_with(app);
    second.get_by_label("Restore unsaved work?");
    second.get_by_label(&format!("File: {}", path.display()));
    second.get_by_label("Restore").click();
    second.run();
    assert_eq!(
        *second.state().doc.journey(),
        edited,
        "exactly the last edits"
    );
    assert!(
        second.state().doc.is_dirty(),
        "restored work still needs saving"
    );
    assert_eq!(second.state().doc.path.as_deref(), Some(path.as_path()));
    assert!(!recovery.exists(), "the crashed session's file is consumed");
    assert_eq!(
        io::load(&path).unwrap(),
        template("ecommerce"),
        "the file itself is untouched"
    );

    // A clean save removes the recovery file.
    second.key_press_modifiers(Modifiers::COMMAND, Key::S);
    second.run();
    assert!(!data.path().join("recovery-4000000002.ron").exists());
    assert_eq!(io::load(&path).unwrap(), edited);
}

#[test]
fn a_dropped_journey_file_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("service.ron");
    io::save(&path, &template("service")).unwrap();
    let mut h = harness(template("ecommerce"));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.run();
    assert_eq!(*h.state().doc.journey(), template("service"));
}

/// A file as the window system hands it over when it is dropped on the window.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Steps the app until the export under way has finished and been reported.
fn wait_for_export(h: &mut Harness<'_, AppState>) {
    let start = std::time::Instant::now();
    while h.state().exports.running().is_some() {
        assert!(start.elapsed().as_secs() < 30, "the export never finished");
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
}

/// Exports the open journey to `out` through Ctrl+E, the scale and theme named, and the in-app
/// file dialog.
fn export_through_the_dialog(h: &mut Harness<'_, AppState>, out: &Path, scale: &str, theme: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label(scale).click();
    h.get_by_label(theme).click();
    h.run();
    h.get_by_label("Choose file…").click();
    h.run();
    h.get_by_label("Write the image to (.png):");
    type_path(h, out);
}

/// The sample's cards ten times over: a map of 210 cards, 3016 × 13868 px at 2×, too tall at 3×.
fn big_journey() -> Journey {
    let mut journey = template("ecommerce");
    let cards = journey.touchpoints.clone();
    for copy in 1..10 {
        journey.touchpoints.extend(cards.iter().map(|t| {
            let mut t = t.clone();
            t.id.0 += 1000 * copy;
            t
        }));
    }
    journey.validate().unwrap();
    journey
}

#[test]
fn the_export_dialog_shows_the_size_and_offers_only_scales_that_fit() {
    let mut h = harness(big_journey());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("3016 × 13868 px");
    h.get_by_label("3×").click();
    h.run();
    assert_eq!(h.state().files.export.scale, 2.0, "3× is too large to pick");
    h.get_by_label("1×").click();
    h.run();
    assert_eq!(h.state().files.export.scale, 1.0);
    h.get_by_label("1508 × 6934 px");
}

#[test]
fn the_window_keeps_working_while_a_big_map_exports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("big.png");
    let journey = big_journey();
    let mut h = harness(journey.clone());
    export_through_the_dialog(&mut h, &out, "2×", "Light");
    assert_eq!(
        h.state().exports.running(),
        Some(&Destination::File(out.clone())),
        "the export runs in the background"
    );
    h.get_by_label("Exporting big.png…");
    // Editing goes on meanwhile; the image gets the map as it was when the export started.
    edit(&mut h);
    assert!(h.state().doc.journey().touchpoints.is_empty());
    wait_for_export(&mut h);
    let status = h.state().status.clone().unwrap();
    assert!(status.text.starts_with("Exported"), "{}", status.text);
    assert_eq!(io::load(&out).unwrap(), journey);
}

#[test]
fn an_export_that_cannot_be_written_says_why_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no such folder").join("map.png");
    let mut h = harness(template("service"));
    export_through_the_dialog(&mut h, &out, "1×", "Light");
    wait_for_export(&mut h);
    let status = h.state().status.clone().unwrap();
    assert!(status.error, "{}", status.text);
    assert!(
        status.text.contains("no such folder") && status.text.contains("could not write"),
        "{}",
        status.text
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// The whole map as the exporter draws it (today's date in the title block, as in the app).
fn rendered(journey: &Journey, scale: f32, dark: bool) -> journeymap::export::Image {
    let options = journeymap::export::Options {
        scale,
        dark,
        ..Default::default()
    };
    journeymap::export::render(journey, &options).unwrap()
}

/// Ctrl+Shift+C, then the picture the app put on the clipboard once the copy finished.
fn copy_map_picture(h: &mut Harness<'_, AppState>) -> egui::ColorImage {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    h.run();
    // Whether the copy is still running here depends on the machine's speed: only wait.
    wait_for_export(h);
    let status = h.state().status.clone().unwrap();
    assert!(status.text.starts_with("Copied the map"), "{}", status.text);
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyImage(image) => Some(image.clone()),
            _ => None,
        });
    copied.expect("a picture on the clipboard")
}

#[test]
fn ctrl_shift_c_copies_the_whole_map_as_a_picture() {
    let journey = template("ecommerce");
    let mut h = harness(journey.clone());
    let copied = copy_map_picture(&mut h);
    // The export dialog's last choice: 2×, light.
    let expected = rendered(&journey, 2.0, false);
    assert_eq!(
        copied.size,
        [expected.width as usize, expected.height as usize]
    );
    assert!(
        copied.as_raw() == expected.rgba.as_slice(),
        "the picture is the map"
    );
    assert_eq!(journey, *h.state().doc.journey(), "copying changes nothing");
}

#[test]
fn a_map_too_big_for_the_clipboard_is_copied_at_a_smaller_scale() {
    // 3016 × 13868 px at 2× is 42 megapixels, over the clipboard's 24: 1× it is.
    let mut h = harness(big_journey());
    assert_eq!(copy_map_picture(&mut h).size, [1508, 6934]);
}

/// Presses `key` and tells whether the frame that took it asked the window for `command` (a
/// step runs a frame per event, so the release's frame would hide it).
fn key_asks_window(h: &mut Harness<'_, AppState>, key: Key, command: &ViewportCommand) -> bool {
    let event = |pressed| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    h.event(event(true));
    h.step();
    let asked = h
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(command));
    h.event(event(false));
    h.run();
    asked
}

#[test]
fn f11_presents_the_map_alone_full_screen_and_escape_comes_back() {
    let mut h = harness(template("ecommerce"));
    let zoom = h.state().canvas.camera.zoom;
    h.get_by_label("Journey");
    assert!(key_asks_window(
        &mut h,
        Key::F11,
        &ViewportCommand::Fullscreen(true)
    ));
    assert!(h.state().workshop.presentation.on);
    assert!(
        h.query_by_label("Journey").is_none(),
        "the inspector steps aside"
    );
    assert!(
        h.state().canvas.camera.zoom > zoom,
        "the map fills the room it gets"
    );
    // Escape leaves presenting in one press, a card selected or not.
    h.get_by_label("Sees an Instagram ad").click();
    h.run();
    assert!(key_asks_window(
        &mut h,
        Key::Escape,
        &ViewportCommand::Fullscreen(false)
    ));
    assert!(!h.state().workshop.presentation.on);
    h.get_by_label("Touchpoint");
}

#[test]
fn quitting_waits_for_the_export_under_way() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.png");
    let journey = template("ecommerce");
    let mut h = harness(journey.clone());
    export_through_the_dialog(&mut h, &out, "2×", "Light");
    // What the window does on quitting.
    h.state_mut().finish_export(None);
    assert!(h.state().exports.running().is_none());
    assert_eq!(io::load(&out).unwrap(), journey);
    let status = h.state().status.clone().unwrap();
    assert!(status.text.starts_with("Exported"), "{}", status.text);
}

#[test]
fn export_png_asks_scale_and_theme_then_the_file_and_writes_the_map_with_its_journey() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.png");
    let journey = template("service");
    let mut h = harness(journey.clone());
    export_through_the_dialog(&mut h, &out, "1×", "Dark");
    wait_for_export(&mut h);
    assert_eq!(
        io::load(&out).unwrap(),
        journey,
        "the image carries the journey"
    );
    let expected = rendered(&journey, 1.0, true);
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&out).unwrap()));
    let info = decoder.read_info().unwrap();
    assert_eq!(
        (info.info().width, info.info().height),
        (expected.width, expected.height)
    );
    let status = h.state().status.clone().unwrap();
    assert!(status.text.starts_with("Exported"), "{}", status.text);
}

// ---- Files that cannot be opened (issue 10) ----

#[test]
fn a_broken_file_given_at_start_is_named_with_its_line_and_never_shown_as_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(\n  version: 1,\n  title: 5,\n)\n").unwrap();
    let mut h = harness_with(AppState::open_or_start(Some(broken.clone())));
    assert_ne!(*h.state().doc.journey(), templates::sample());
    assert_eq!(h.state().doc.path, None);
    h.get_by_label("Could not open “broken.ron”");
    h.get_by_label_contains("Line 3, column 10: Expected string");
    h.get_by_label_contains("title: 5,");
    assert!(h.query_by_label("Create it").is_none());
    h.get_by_label("Open another…");
    h.get_by_label("New…").click();
    h.run();
    assert!(h.state().new_dialog.is_some(), "the templates are offered");
    assert!(h.query_by_label("Could not open “broken.ron”").is_none());
}

#[test]
fn a_file_from_a_newer_version_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.ron");
    std::fs::write(&newer, "(version: 9, title: \"From the future\")").unwrap();
    let h = harness_with(AppState::open_or_start(Some(newer)));
    h.get_by_label("Could not open “newer.ron”");
    h.get_by_label_contains("by a newer Journeymap");
}

#[test]
fn a_missing_path_offers_to_create_the_journey_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workshop.ron");
    let mut h = harness_with(AppState::open_or_start(Some(path.clone())));
    h.get_by_label("“workshop.ron” does not exist");
    h.get_by_label("Create it").click();
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    assert!(!h.state().doc.is_dirty());
    assert_eq!(io::load(&path).unwrap(), *h.state().doc.journey());
    assert_eq!(h.state().doc.journey().title, "workshop");
}

/// The sample's cards thirty times over: too tall for one image even at 1×.
fn huge_journey() -> Journey {
    let mut journey = template("ecommerce");
    let cards = journey.touchpoints.clone();
    for copy in 1..30 {
        journey.touchpoints.extend(cards.iter().map(|t| {
            let mut t = t.clone();
            t.id.0 += 1000 * copy;
            t
        }));
    }
    journey.validate().unwrap();
    journey
}

#[test]
fn a_map_too_large_for_one_image_exports_one_image_per_persona() {
    let journey = huge_journey();
    assert!(journeymap::export::image_size(&journey, 1.0).is_err());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("huge.png");
    let mut h = harness(journey.clone());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.state().files.export.per_persona, "offered at once");
    h.get_by_label("1×").click();
    h.run();
    h.get_by_label("Choose file…").click();
    h.run();
    type_path(&mut h, &out);
    assert_eq!(
        h.state().exports.running(),
        Some(&Destination::PerPersona(out.clone()))
    );
    wait_for_export(&mut h);
    let status = h.state().status.clone().unwrap();
    assert!(
        status
            .text
            .starts_with("Exported 2 images, one per persona"),
        "{}",
        status.text
    );
    for persona in &journey.personas {
        let slug = journeymap::export::slug(&persona.name, "persona");
        let part = io::load(&dir.path().join(format!("huge-{slug}.png"))).unwrap();
        assert_eq!(part.personas, vec![persona.clone()]);
    }
    assert!(!out.exists());
}

#[test]
fn a_dropped_table_with_problems_lists_every_one_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.csv");
    std::fs::write(
        &path,
        "Persona,Stage,Title,Emotion\nAnn,Look,Sees an ad,great\nAnn,Buy,Pays,9\nBob,Look,Searches,1\n",
    )
    .unwrap();
    let original = template("ecommerce");
    let mut h = harness(original.clone());
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.run();
    assert_eq!(*h.state().doc.journey(), original, "nothing was imported");
    h.get_by_label("Nothing was imported");
    // The first problem is also in the status bar; the dialog lists them all.
    assert_eq!(h.get_all_by_label_contains("data.csv:2:").count(), 2);
    assert_eq!(h.get_all_by_label_contains("data.csv:3:").count(), 1);
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().files.refused_import.is_none());
}
