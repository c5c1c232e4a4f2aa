//! Compare mode in the app, driven as a user drives it: File ▸ Compare with…, a path, the list
//! of changes beside the map, a click that shows a card, and back to editing.

mod common;

use common::{harness, journey};
use egui::Key;
use egui_kittest::kittest::Queryable;
use journeymap::model::{Emotion, TouchpointId};

fn ecommerce() -> journeymap::model::Journey {
    journeymap::templates::find("ecommerce")
        .expect("the template")
        .journey()
        .expect("the template loads")
}

#[test]
fn compare_with_a_file_lists_the_changes_marks_the_map_and_shows_a_card() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut old = ecommerce();
    let nine = old.touchpoint_index(TouchpointId(9)).expect("card 9");
    old.touchpoints[nine].emotion = Some(Emotion(0));
    let old_path = dir.path().join("before-workshop.ron");
    journeymap::io::save(&old_path, &old).expect("saved");

    let mut h = harness(ecommerce());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Compare with…").click();
    h.run();
    // The field starts with the current folder: replace it.
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(&old_path.display().to_string());
    h.get_by_label("Compare").click();
    h.run();

    // The panel names what is compared and lists the change; the map has its marks.
    let status = h.state().status.as_ref().map(|s| s.text.clone());
    let compared = h.state().compare.as_ref().map(|c| c.label.clone());
    assert_eq!(
        compared.as_deref(),
        Some("before-workshop.ron"),
        "{status:?}"
    );
    assert!(
        h.query_by_label_contains("Since before-workshop.ron")
            .is_some()
    );
    let change = "card 9 \"Shipping cost shows at the last step\"";
    h.get_by_label(change).click();
    h.run();
    assert_eq!(h.state().selection.cards(), [TouchpointId(9)]);
    let marked = h
        .state()
        .canvas
        .compare
        .clone()
        .expect("the map shows the changes");
    assert!(marked.mark(TouchpointId(9)).is_some());

    // An edit in compare mode is compared at once, and undoes as always.
    h.key_press(Key::CloseBracket);
    h.run();
    assert_eq!(journey(&h).touchpoints[nine].emotion, Some(Emotion(-1)));
    assert!(h.query_by_label_contains("emotion 0 → -1").is_some());

    h.get_by_label("Leave compare").click();
    h.run();
    assert!(h.state().compare.is_none());
    assert!(h.state().canvas.compare.is_none());
    assert!(h.query_by_label("Leave compare").is_none());
}

#[test]
fn compare_with_a_revision_without_a_saved_file_says_what_to_do() {
    let mut h = harness(ecommerce());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Compare with a git revision…").click();
    h.run();
    assert!(h.state().compare.is_none());
    let status = h
        .state()
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("git repository"), "{status}");
}
