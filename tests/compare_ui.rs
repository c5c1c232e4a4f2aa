//! Compare mode in the app, driven as a user drives it: File ▸ Compare with…, a path, the list
//! of changes beside the map, a click that shows a card, and back to editing.

mod common;

use common::{click_at, harness, journey};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeymap::app::AppState;
use journeymap::model::{Emotion, PersonaId, StageId, Touchpoint, TouchpointId};
use std::path::Path;

fn ecommerce() -> journeymap::model::Journey {
    journeymap::templates::find("ecommerce")
        .expect("the template")
        .journey()
        .expect("the template loads")
}

/// File ▸ Compare with…, the path typed, Compare.
fn compare_with(h: &mut Harness<'_, AppState>, path: &Path) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Compare with…").click();
    h.run();
    // The field starts with the current folder: replace it.
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(&path.display().to_string());
    h.get_by_label("Compare").click();
    h.run();
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
    compare_with(&mut h, &old_path);

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
    // The panel took room from the map: the whole map is fitted beside it.
    let app = h.state_mut();
    let size = app.doc.layout().size;
    let map = app
        .canvas
        .view()
        .to_screen_rect(egui::Rect::from_min_size(egui::Pos2::ZERO, size));
    assert!(
        app.canvas.rect.expand(1.0).contains_rect(map),
        "{map:?} in {:?}",
        app.canvas.rect
    );
    // Which curve is which: the other file is the as-is, the open map the to-be.
    assert!(h.query_by_label("As-is: before-workshop.ron").is_some());
    assert!(h.query_by_label("To-be: this map").is_some());
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

/// A card the other version had and this one does not: its ghost takes its old place on the
/// map, pushes the cards under it down, and is not there to click, edit or drag.
#[test]
fn a_removed_card_shows_as_a_ghost_in_its_old_place_and_edits_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut old = ecommerce();
    let five = old.touchpoint_index(TouchpointId(5)).expect("card 5");
    let gone = Touchpoint::new(
        TouchpointId(99),
        PersonaId(1),
        StageId(2),
        "Calls to ask about stock",
    );
    old.touchpoints.insert(five + 1, gone);
    let old_path = dir.path().join("as-is.ron");
    journeymap::io::save(&old_path, &old).expect("saved");

    let mut h = harness(ecommerce());
    let plain = h.state_mut().doc.layout().clone();
    compare_with(&mut h, &old_path);
    assert!(h.state().compare.is_some());

    // The ghost sits between cards 5 and 6, as in the other version; card 6 moved down for it.
    let before = journey(&h);
    let index = |id: u32| before.touchpoint_index(TouchpointId(id)).expect("the card");
    let layout = h.state_mut().doc.layout().clone();
    assert_eq!(layout.cards.len(), before.touchpoints.len());
    let [ghost] = layout.ghosts.as_slice() else {
        panic!("one ghost: {:?}", layout.ghosts);
    };
    assert_eq!(ghost.id, TouchpointId(99));
    let (card5, card6) = (layout.cards[index(5)], layout.cards[index(6)]);
    assert_eq!(
        (ghost.place.lane, ghost.place.column),
        (card5.lane, card5.column)
    );
    assert!(card5.rect.bottom() < ghost.place.rect.top());
    assert!(ghost.place.rect.bottom() < card6.rect.top());
    assert_eq!(ghost.place.rect, plain.cards[index(6)].rect);
    assert!(
        painted_texts(&h).contains(&"Calls to ask about stock".to_owned()),
        "the ghost's title is on the map"
    );
    // It says what it is to a screen reader (and on hover), as a label, not a button.
    h.get_by_label(
        "Removed card \"Calls to ask about stock\": it is in the other version, not in this map",
    );

    // A click and a double-click on the ghost change nothing and open no editor.
    let view = h.state().canvas.view();
    let on_ghost = view.to_screen_rect(ghost.place.rect).center();
    h.get_by_label("Reads other parents’ reviews").click();
    h.run();
    assert_eq!(h.state().selection.cards(), [TouchpointId(6)]);
    click_at(&mut h, on_ghost);
    common::double_click_at(&mut h, on_ghost);
    assert!(h.state().canvas.inline.is_none());
    assert_eq!(h.state().selection.cards(), [TouchpointId(6)]);

    // The real cards around it are hit where they are drawn.
    click_at(&mut h, view.to_screen_rect(card5.rect).center());
    assert_eq!(h.state().selection.cards(), [TouchpointId(5)]);
    click_at(&mut h, view.to_screen_rect(card6.rect).center());
    assert_eq!(h.state().selection.cards(), [TouchpointId(6)]);

    // Dragging the ghost moves the view, never a card.
    common::drag(&mut h, on_ghost, view.to_screen_rect(card5.rect).center());
    assert_eq!(journey(&h), before);
    assert!(!h.state().doc.can_undo());
    assert_eq!(h.state().selection.cards(), [TouchpointId(6)]);

    // Back to editing: the plain map, no ghost.
    h.get_by_label("Leave compare").click();
    h.run();
    let layout = h.state_mut().doc.layout().clone();
    assert!(layout.ghosts.is_empty());
    assert_eq!(layout.cards, plain.cards);
    assert!(!painted_texts(&h).contains(&"Calls to ask about stock".to_owned()));
}

/// Every text painted in the last frame.
fn painted_texts(h: &Harness<'_, AppState>) -> Vec<String> {
    h.output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Text(text) => Some(text.galley.text().to_owned()),
            _ => None,
        })
        .collect()
}

/// Opening another map ends the comparison: its changes were about the map that was open.
#[test]
fn opening_another_map_leaves_compare_mode() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let old_path = dir.path().join("before.ron");
    journeymap::io::save(&old_path, &ecommerce()).expect("saved");
    let mut h = harness(ecommerce());
    compare_with(&mut h, &old_path);
    assert!(h.state().compare.is_some());

    let other = journeymap::templates::find("blank")
        .and_then(|t| t.journey().ok())
        .expect("the blank template");
    h.state_mut().replace_document(other, None);
    h.run();
    assert!(h.state().compare.is_none());
    assert!(h.state().canvas.compare.is_none());
    assert!(h.query_by_label("Leave compare").is_none());
}
