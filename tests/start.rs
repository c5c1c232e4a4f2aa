//! The start screen, driven like a user would: a template picked from the gallery (by pointer
//! and by keyboard), a recent file, and the commands that wait until there is a journey.

mod common;

use common::{harness_of, journey};
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use journeymap::app::AppState;
use journeymap::templates;

fn start_screen() -> Harness<'static, AppState> {
    harness_of(AppState::starting(), vec2(1400.0, 900.0))
}

fn template(name: &str) -> journeymap::model::Journey {
    templates::find(name).unwrap().journey().unwrap()
}

#[test]
fn a_template_clicked_in_the_gallery_becomes_the_journey() {
    let mut h = start_screen();
    assert!(h.state().start.is_some());
    assert_eq!(h.state().window_title(), "Journeymap");
    h.get_by_label("Bank account opening").click();
    h.run();
    assert!(h.state().start.is_none(), "the start screen closes");
    assert_eq!(journey(&h), template("bank-account"));
    assert!(h.state().doc.path.is_none(), "a new, unsaved journey");
    assert!(!h.state().doc.is_dirty());
    // The map and its tool bar are back.
    h.get_by_label("+ Card");
}

#[test]
fn the_gallery_is_reached_with_tab_and_opened_with_enter() {
    let mut h = start_screen();
    let focused = |h: &Harness<'_, AppState>, label: &str| {
        h.get_by_label(label).accesskit_node().is_focused()
    };
    // Tab goes through the menus first, then the tiles in reading order.
    for _ in 0..12 {
        if focused(&h, "Online shop") {
            break;
        }
        h.key_press(Key::Tab);
        h.run();
    }
    assert!(focused(&h, "Online shop"), "Tab reaches the first template");
    // The arrows move between tiles: right to the blank map, down to the row under it.
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(focused(&h, "Blank map"));
    h.key_press(Key::ArrowDown);
    h.run();
    assert!(focused(&h, "Service business"));
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().start.is_none());
    assert_eq!(journey(&h), template("service"));
}

#[test]
fn a_recent_file_opens_from_the_start_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hotel-workshop.ron");
    journeymap::io::save(&path, &template("hotel")).unwrap();
    let mut app = AppState::starting();
    app.settings.recent = vec![path.clone(), dir.path().join("gone.ron")];
    let mut h = harness_of(app, vec2(1400.0, 900.0));
    h.get(By::new().label_contains("hotel-workshop.ron"))
        .click();
    h.run();
    assert!(h.state().start.is_none());
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(journey(&h), template("hotel"));
}

#[test]
fn editing_waits_for_a_journey_but_new_works() {
    let mut h = start_screen();
    let before = journey(&h);
    h.key_press(Key::N);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(journey(&h), before);
    assert!(h.state().start.is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(
        h.state().new_dialog.is_some(),
        "Ctrl+N offers the templates"
    );
}
