//! The table view driven as a user does: Ctrl+T, sort by a column, edit a cell in place, set one
//! field of several rows at once, add and delete a row, and undo back to the original journey.

mod common;

use common::journey;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeymap::app::table::Field;
use journeymap::app::{AppState, View};
use journeymap::model::Journey;
use journeymap::templates;

/// The table needs a wide window for its columns.
fn harness(journey: Journey) -> Harness<'static, AppState> {
    common::harness_sized(journey, egui::vec2(1600.0, 900.0))
}

fn type_then(h: &mut Harness<'_, AppState>, text: &str, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(Event::Text(text.into()));
    h.run();
    h.key_press(key);
    h.run();
}

fn card<'a>(j: &'a Journey, title: &str) -> &'a journeymap::model::Touchpoint {
    j.touchpoints.iter().find(|t| t.title == title).unwrap()
}

#[test]
fn sort_edit_in_place_bulk_set_add_delete_and_undo_back_to_the_original() {
    let original = templates::sample();
    let mut h = harness(original.clone());
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    assert_eq!(h.state().views.active, View::Table);

    // Sort: the header sorts ascending, then descending.
    h.get_by_label("Emotion").click();
    h.run();
    assert_eq!(h.state().views.table.sort, Some((Field::Emotion, true)));
    h.get_by_label("Emotion ⏶").click();
    h.run();
    assert_eq!(h.state().views.table.sort, Some((Field::Emotion, false)));

    // Edit in place: click a cell, Enter, type, Enter.
    h.get_by_label("Sees an Instagram ad").click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    type_then(&mut h, "Sees a TV ad", Key::Enter);
    let j = journey(&h);
    assert!(j.touchpoints.iter().any(|t| t.title == "Sees a TV ad"));

    // Escape cancels: Enter, type, Escape leaves the title alone.
    h.key_press(Key::Enter);
    h.run();
    type_then(&mut h, "Not this", Key::Escape);
    assert_eq!(journey(&h), j);

    // Bulk: two rows, Owner set for both as one undo step.
    h.get_by_label("Pays with Apple Pay").click();
    h.run();
    h.get_by_label("Answers the NPS survey")
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    assert_eq!(h.state().selection.cards().len(), 2);
    h.get_by_label("Set for 2 rows:").click();
    h.run();
    // The list's entry (it comes first), not the column header of the same name.
    h.get_all_by_label("Owner").next().unwrap().click();
    h.run();
    h.get_by_label("to").focus();
    h.run();
    h.event(Event::Text("Payments team".into()));
    h.run();
    h.get_by_label("Set").click();
    h.run();
    let j = journey(&h);
    assert_eq!(card(&j, "Pays with Apple Pay").owner, "Payments team");
    assert_eq!(card(&j, "Answers the NPS survey").owner, "Payments team");

    // Add a row and type its title; then delete it again.
    h.get_by_label("+ Row").click();
    h.run();
    type_then(&mut h, "Calls the hotline", Key::Enter);
    let j = journey(&h);
    assert_eq!(j.touchpoints.len(), original.touchpoints.len() + 1);
    assert!(j.touchpoints.iter().any(|t| t.title == "Calls the hotline"));
    h.get_by_label("Calls the hotline").click();
    h.run();
    h.get_by_label("Delete rows").click();
    h.run();
    assert_eq!(journey(&h).touchpoints.len(), original.touchpoints.len());

    // Undo: delete, the title, the added row, the bulk set, the edit: the original.
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(journey(&h), original);
}

#[test]
fn the_maps_lens_picks_the_tables_rows_too() {
    let j = templates::find("ecommerce").unwrap().journey().unwrap();
    let mut h = harness(j.clone());
    h.state_mut().story.lens = journeymap::insight::Lens::parse("pain", &j).expect("a lens");
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    // A card with a pain point is a row; one without is not.
    h.get_by_label("Shipping cost shows at the last step");
    assert!(h.query_by_label("Sees an Instagram ad").is_none());
    h.state_mut().story.lens = journeymap::insight::Lens::default();
    h.run();
    h.get_by_label("Sees an Instagram ad");
}

#[test]
fn the_map_and_table_tabs_switch_views() {
    let mut h = harness(templates::find("ecommerce").unwrap().journey().unwrap());
    h.get_by_label("Table").click();
    h.run();
    assert_eq!(h.state().views.active, View::Table);
    h.get_by_label("Map").click();
    h.run();
    assert_eq!(h.state().views.active, View::Map);
}

#[test]
fn the_status_bar_shows_the_zoom_on_the_map_only() {
    let mut h = harness(templates::find("ecommerce").unwrap().journey().unwrap());
    assert!(
        h.query_by_label_contains("Zoom ").is_some(),
        "the map's zoom"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    assert!(
        h.query_by_label_contains("Zoom ").is_none(),
        "the table has no zoom"
    );
}
