//! The canvas and inspector driven like a user would, through egui_kittest: pointer drags, clicks,
//! double-clicks and typing on the real app state; the journey is checked afterwards.

mod common;

use common::{double_click_at, drag, harness, harness_sized, journey};
use egui::{Event, Key, Modifiers, PointerButton, Pos2, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use journeymap::app::AppState;
use journeymap::model::{Channel, Emotion, Journey, TouchpointId};
use journeymap::templates;

fn ecommerce() -> Journey {
    templates::find("ecommerce").unwrap().journey().unwrap()
}

fn id_of(h: &Harness<'_, AppState>, title: &str) -> TouchpointId {
    let j = h.state().doc.journey();
    j.touchpoints
        .iter()
        .find(|t| t.title == title)
        .unwrap_or_else(|| panic!("no card {title}"))
        .id
}

fn card_rect(h: &mut Harness<'_, AppState>, id: TouchpointId) -> egui::Rect {
    let app = h.state_mut();
    app.canvas
        .card_screen_rect(&mut app.doc, id)
        .expect("card on the map")
}

/// Screen rectangles of a stage header and a persona header, from the layout and the camera.
fn stage_header(h: &mut Harness<'_, AppState>, index: usize) -> egui::Rect {
    let app = h.state_mut();
    let view = app.canvas.view();
    view.to_screen_rect(app.doc.layout().stage_headers[index])
}

fn persona_header(h: &mut Harness<'_, AppState>, index: usize) -> egui::Rect {
    let app = h.state_mut();
    let view = app.canvas.view();
    view.to_screen_rect(app.doc.layout().lane_headers[index])
}

fn cell_rect(h: &mut Harness<'_, AppState>, lane: usize, column: usize) -> egui::Rect {
    let app = h.state_mut();
    let view = app.canvas.view();
    view.to_screen_rect(app.doc.layout().cell_rect(lane, column).unwrap())
}

fn click_at(h: &mut Harness<'_, AppState>, p: Pos2, modifiers: Modifiers) {
    h.hover_at(p);
    h.run();
    h.event(Event::ModifiersChanged(modifiers));
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

/// Drags the first card of lane 1, stage 1 onto the upper edge of the first card of lane 2,
/// stage 3: it must land at position 0 there. Returns the dragged card's id.
fn drag_instagram_ad_to_the_top_of_lane_2_stage_3(h: &mut Harness<'_, AppState>) -> TouchpointId {
    let card = id_of(h, "Sees an Instagram ad");
    let j = journey(h);
    let first_in_target = j.cell(j.personas[1].id, j.stages[2].id).next().unwrap().id;
    let from = card_rect(h, card).center();
    let target = card_rect(h, first_in_target);
    drag(h, from, pos2(target.center().x, target.top() + 4.0));
    card
}

/// Types into the focused field, then presses Enter.
fn type_then_enter(h: &mut Harness<'_, AppState>, text: &str) {
    h.event(Event::Text(text.into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

fn cell_titles(j: &Journey, persona: usize, stage: usize) -> Vec<String> {
    j.cell(j.personas[persona].id, j.stages[stage].id)
        .map(|t| t.title.clone())
        .collect()
}

/// Undoes every step back to `original`, then redoes them all back to `last`.
fn undo_all_then_redo_all(h: &mut Harness<'_, AppState>, original: &Journey, steps: usize) {
    let last = journey(h);
    for _ in 0..steps {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(
        journey(h),
        *original,
        "undo brings back the original journey"
    );
    assert!(!h.state().doc.is_dirty());
    for _ in 0..steps {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        h.run();
    }
    assert_eq!(journey(h), last, "redo brings back every change");
}

#[test]
fn cards_stages_and_headers_are_widgets_with_labels() {
    let h = harness(ecommerce());
    h.get_by_label("Sees an Instagram ad");
    h.get_by_label("Awareness");
    h.get_by_label("Busy parent");
}

#[test]
fn drag_a_card_to_another_persona_and_stage_at_position_zero() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    let card = drag_instagram_ad_to_the_top_of_lane_2_stage_3(&mut h);

    let j = journey(&h);
    let moved = &j.touchpoints[j.touchpoint_index(card).unwrap()];
    assert_eq!(
        (moved.persona, moved.stage),
        (j.personas[1].id, j.stages[2].id)
    );
    assert_eq!(cell_titles(&j, 1, 2)[0], "Sees an Instagram ad");
    assert_eq!(
        cell_titles(&j, 1, 2).len(),
        cell_titles(&original, 1, 2).len() + 1
    );
    assert!(!cell_titles(&j, 0, 0).contains(&"Sees an Instagram ad".to_owned()));
    undo_all_then_redo_all(&mut h, &original, 1);
}

#[test]
fn drag_at_half_zoom_after_a_pan_lands_in_the_same_place() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    h.state_mut().canvas.camera.zoom = 0.5;
    h.run();
    // Pan by dragging empty canvas below the map.
    let before = h.state().canvas.camera.pan;
    let empty = pos2(700.0, 860.0);
    drag(&mut h, empty, empty + vec2(80.0, -40.0));
    let panned = h.state().canvas.camera.pan - before;
    assert!(
        (panned - vec2(80.0, -40.0)).length() < 1.0,
        "panned by {panned:?}"
    );
    assert_eq!(journey(&h), original, "panning changes nothing");

    drag_instagram_ad_to_the_top_of_lane_2_stage_3(&mut h);
    let j = journey(&h);
    assert_eq!(cell_titles(&j, 1, 2)[0], "Sees an Instagram ad");
}

#[test]
fn several_selected_cards_move_together_and_keep_their_order() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    let a = id_of(&h, "Sees an Instagram ad");
    let b = id_of(&h, "Friend recommends the shop");
    let ra = card_rect(&mut h, a).center();
    let rb = card_rect(&mut h, b).center();
    click_at(&mut h, ra, Modifiers::NONE);
    click_at(&mut h, rb, Modifiers::SHIFT);
    assert_eq!(h.state().selection.cards(), &[a, b]);
    let target = cell_rect(&mut h, 1, 4);
    drag(&mut h, rb, pos2(target.center().x, target.bottom() - 10.0));
    let j = journey(&h);
    let cell = cell_titles(&j, 1, 4);
    assert_eq!(
        &cell[cell.len() - 2..],
        ["Sees an Instagram ad", "Friend recommends the shop"]
    );
    assert!(cell_titles(&j, 0, 0).is_empty());
    undo_all_then_redo_all(&mut h, &original, 1);
}

#[test]
fn escape_cancels_a_drag_and_a_drop_outside_every_cell_does_nothing() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    let card = id_of(&h, "Sees an Instagram ad");
    let from = card_rect(&mut h, card).center();
    // Escape mid-drag.
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    let target = cell_rect(&mut h, 1, 3).center();
    for i in 1..=4 {
        h.hover_at(from.lerp(target, i as f32 / 4.0));
        h.run();
    }
    h.key_press(Key::Escape);
    h.run();
    h.drop_at(target);
    h.run();
    assert_eq!(journey(&h), original);
    assert!(h.state().canvas.drag.is_none());
    // Dropped on the empty canvas below the map.
    drag(&mut h, from, pos2(700.0, 880.0));
    assert_eq!(journey(&h), original);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn dragging_headers_reorders_stages_and_lanes() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    let names = |j: &Journey| j.stages.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    let first = stage_header(&mut h, 0).center();
    let third = stage_header(&mut h, 2);
    drag(
        &mut h,
        first,
        pos2(third.center().x + 10.0, third.center().y),
    );
    assert_eq!(
        names(&journey(&h)),
        [
            "Consideration",
            "Purchase",
            "Awareness",
            "Onboarding",
            "Retention"
        ]
    );

    let second_lane = persona_header(&mut h, 1).center();
    let first_lane = persona_header(&mut h, 0);
    drag(
        &mut h,
        second_lane,
        pos2(first_lane.center().x, first_lane.top() + 10.0),
    );
    let j = journey(&h);
    assert_eq!(j.personas[0].name, original.personas[1].name);
    assert_eq!(j.personas[1].name, original.personas[0].name);
    // Cards stay with their persona and stage.
    assert_eq!(j.touchpoints.len(), original.touchpoints.len());
    for t in &original.touchpoints {
        let now = &j.touchpoints[j.touchpoint_index(t.id).unwrap()];
        assert_eq!((now.persona, now.stage), (t.persona, t.stage));
    }
    undo_all_then_redo_all(&mut h, &original, 2);
}

#[test]
fn double_click_an_empty_cell_creates_a_card_and_types_its_title() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    let cell = cell_rect(&mut h, 1, 2);
    double_click_at(&mut h, pos2(cell.center().x, cell.bottom() - 12.0));
    assert!(h.state().canvas.inline.is_some(), "an inline editor opened");
    type_then_enter(&mut h, "Calls the billing hotline");
    let j = journey(&h);
    assert_eq!(
        cell_titles(&j, 1, 2).last().map(String::as_str),
        Some("Calls the billing hotline")
    );
    assert_eq!(j.touchpoints.len(), original.touchpoints.len() + 1);
    let new = id_of(&h, "Calls the billing hotline");
    assert_eq!(h.state().selection.cards(), &[new]);
    assert!(
        h.state().window_title().starts_with('●'),
        "the window title marks unsaved changes"
    );
    undo_all_then_redo_all(&mut h, &original, 1);
}

#[test]
fn escape_in_a_new_card_creates_nothing() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    let cell = cell_rect(&mut h, 1, 2);
    double_click_at(&mut h, pos2(cell.center().x, cell.bottom() - 12.0));
    h.event(Event::Text("Never mind".into()));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(journey(&h), original);
}

#[test]
fn inspector_changes_emotion_channel_and_title_each_as_one_undo_step() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    let card = id_of(&h, "Pays with Apple Pay");
    h.get_by_label("Pays with Apple Pay").click();
    h.run();
    assert_eq!(h.state().selection.cards(), &[card]);

    h.get_by_label("Very positive").click();
    h.run();
    h.get_by_label("Channel").click();
    h.run();
    h.get_by_label("✉  Email").click();
    h.run();
    // Typing a title is one step, however many characters.
    let title = h.get(
        By::new()
            .role(egui::accesskit::Role::TextInput)
            .label("Title")
            .value("Pays with Apple Pay"),
    );
    title.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("Pays with Apple Pay in one tap".into()));
    h.run();
    h.event(Event::Text("!".into()));
    h.run();

    let j = journey(&h);
    let t = &j.touchpoints[j.touchpoint_index(card).unwrap()];
    assert_eq!(t.emotion, Some(Emotion(2)));
    assert_eq!(t.channel, Some(Channel::Email));
    assert_eq!(t.title, "Pays with Apple Pay in one tap!");
    // Leave the field so the shortcuts go to the map again.
    h.key_press(Key::Escape);
    h.run();
    undo_all_then_redo_all(&mut h, &original, 3);
}

#[test]
fn keyboard_moves_selection_deletes_duplicates_and_undoes() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    h.get_by_label("Sees an Instagram ad").click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(
        h.state().selection.cards(),
        &[id_of(&h, "Friend recommends the shop")]
    );
    h.key_press(Key::ArrowRight);
    h.run();
    let right = h.state().selection.cards()[0];
    assert_eq!(
        journey(&h).touchpoints[journey(&h).touchpoint_index(right).unwrap()].stage,
        original.stages[1].id
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(
        journey(&h).touchpoints.len(),
        original.touchpoints.len() + 1
    );
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(
        journey(&h),
        original,
        "deleting the duplicate restores the journey"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert_eq!(
        h.state().selection.cards().len(),
        original.touchpoints.len()
    );
    h.key_press(Key::Delete);
    h.run();
    assert!(journey(&h).touchpoints.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(journey(&h).touchpoints, original.touchpoints);
}

#[test]
fn brackets_step_the_emotion_of_the_selected_cards_along_the_scale() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    let (sad, happy) = (
        id_of(&h, "Shipping cost shows at the last step"),
        id_of(&h, "Friend recommends the shop"),
    );
    let emotion = |h: &Harness<'_, AppState>, id| {
        let j = h.state().doc.journey();
        j.touchpoints[j.touchpoint_index(id).unwrap()].emotion
    };
    assert_eq!(
        (emotion(&h, sad), emotion(&h, happy)),
        (Some(Emotion(-2)), Some(Emotion(2)))
    );
    let sad_rect = card_rect(&mut h, sad);
    click_at(&mut h, sad_rect.center(), Modifiers::NONE);
    let happy_rect = card_rect(&mut h, happy);
    click_at(&mut h, happy_rect.center(), Modifiers::SHIFT);
    assert_eq!(h.state().selection.cards().len(), 2);

    // Up: the happiest card stays where the scale ends, the other moves.
    h.key_press(Key::CloseBracket);
    h.run();
    assert_eq!(
        (emotion(&h, sad), emotion(&h, happy)),
        (Some(Emotion(-1)), Some(Emotion(2)))
    );
    for _ in 0..3 {
        h.key_press(Key::CloseBracket);
        h.run();
    }
    assert_eq!(
        (emotion(&h, sad), emotion(&h, happy)),
        (Some(Emotion(2)), Some(Emotion(2)))
    );
    // Nothing left to change: a message, and no undo step.
    h.key_press(Key::CloseBracket);
    h.run();
    assert!(
        h.state()
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("end of the emotion scale"),
        "{:?}",
        h.state().status
    );
    h.key_press(Key::OpenBracket);
    h.run();
    assert_eq!(
        (emotion(&h, sad), emotion(&h, happy)),
        (Some(Emotion(1)), Some(Emotion(1)))
    );
    undo_all_then_redo_all(&mut h, &original, 5);
}

#[test]
fn the_inspector_emotion_faces_work_from_the_keyboard() {
    let mut h = harness(ecommerce());
    let card = id_of(&h, "Pays with Apple Pay");
    h.get_by_label("Pays with Apple Pay").click();
    h.run();
    h.get_by_label("Very negative").focus();
    h.run();
    // The arrow keys move between the faces, Space picks one; the map keeps its selection.
    h.key_press(Key::ArrowRight);
    h.run();
    h.key_press(Key::Space);
    h.run();
    let j = journey(&h);
    assert_eq!(
        j.touchpoints[j.touchpoint_index(card).unwrap()].emotion,
        Some(Emotion(-1))
    );
    assert_eq!(h.state().selection.cards(), &[card]);
}

#[test]
fn find_rings_the_matching_cards_and_enter_steps_through_them() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    // The sample's cards that mention delivery, checked by hand: in their notes (1, 9, 10,
    // 17), title (12), tags (13), channel (14) and pain point (16).
    let expected: Vec<TouchpointId> = [1, 9, 10, 12, 13, 14, 16, 17].map(TouchpointId).to_vec();

    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(Event::Text("Delivery".into()));
    h.run();
    let found: std::collections::HashSet<_> = expected.iter().copied().collect();
    assert_eq!(*h.state().canvas.found, found, "case does not matter");
    h.get_by_label(&format!("{} found", expected.len()));

    // Enter selects the first match, and again the next; F3 too, from anywhere.
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().selection.cards(), &expected[..1]);
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().selection.cards(), &expected[1..2]);
    h.key_press(Key::F3);
    h.run();
    assert_eq!(h.state().selection.cards(), &expected[2..3]);
    let status = h.state().status.clone().unwrap().text;
    assert!(
        status.starts_with(&format!("Card 3 of {}", expected.len())),
        "{status}"
    );

    // Escape in the field clears the search; finding changed nothing in the journey.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().find.query.is_empty());
    assert!(h.state().canvas.found.is_empty());
    assert_eq!(journey(&h), original);
    assert!(!h.state().doc.history.can_undo());
}

/// The first step from "no emotion" is one step from neutral, not neutral itself.
#[test]
fn a_card_without_an_emotion_takes_one_step_from_neutral() {
    let mut j = ecommerce();
    j.touchpoints[0].emotion = None;
    j.touchpoints[1].emotion = None;
    let (first, second) = (j.touchpoints[0].id, j.touchpoints[1].id);
    let mut h = harness(j);
    for (id, key, expected) in [
        (first, Key::OpenBracket, -1),
        (second, Key::CloseBracket, 1),
    ] {
        let rect = card_rect(&mut h, id);
        click_at(&mut h, rect.center(), Modifiers::NONE);
        h.key_press(key);
        h.run();
        let j = journey(&h);
        assert_eq!(
            j.touchpoints[j.touchpoint_index(id).unwrap()].emotion,
            Some(Emotion(expected))
        );
    }
}

#[test]
fn copy_and_paste_cards_between_two_journeys() {
    let mut source = harness(ecommerce());
    source.get_by_label("Sees an Instagram ad").click();
    source.run();
    source.event(Event::Copy);
    source.step();
    let copied = copied_text(&source);

    let blank = templates::find("blank").unwrap().journey().unwrap();
    let mut target = harness(blank.clone());
    target.event(Event::Paste(copied));
    target.run();
    let j = journey(&target);
    assert_eq!(j.touchpoints.len(), 1);
    assert_eq!(j.touchpoints[0].title, "Sees an Instagram ad");
    assert_eq!(
        (j.touchpoints[0].persona, j.touchpoints[0].stage),
        (blank.personas[0].id, blank.stages[0].id)
    );
    j.validate().unwrap();
    target.event(Event::Paste("not cards at all".into()));
    target.run();
    assert_eq!(journey(&target).touchpoints.len(), 1);
}

#[test]
fn deleting_a_stage_with_cards_asks_first() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    h.get_by_label("Purchase").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(
        journey(&h),
        original,
        "nothing is deleted before the answer"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(journey(&h), original);
    h.key_press(Key::Delete);
    h.run();
    h.get_by_label("Delete stage").click();
    h.run();
    let j = journey(&h);
    assert_eq!(j.stages.len(), original.stages.len() - 1);
    assert!(
        j.touchpoints
            .iter()
            .all(|t| t.stage != original.stages[2].id)
    );
    j.validate().unwrap();
    undo_all_then_redo_all(&mut h, &original, 1);
}

#[test]
fn dragging_a_column_edge_sets_its_width_and_double_click_resets_it() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    let zoom = h.state().canvas.camera.zoom;
    let header = stage_header(&mut h, 0);
    let next = stage_header(&mut h, 1);
    let card = id_of(&h, "Sees an Instagram ad");
    let card_before = card_rect(&mut h, card);
    let edge = pos2(header.right(), header.center().y);
    drag(&mut h, edge, edge + vec2(100.0, 0.0));
    let wide = (250.0 + 100.0 / zoom).round();
    assert_eq!(journey(&h).stages[0].width, Some(wide));
    // The column's cards grow with it; the columns after it move right.
    let card_after = card_rect(&mut h, card);
    assert!((card_after.width() - (card_before.width() + 100.0)).abs() < 1.0);
    assert!((stage_header(&mut h, 1).left() - (next.left() + 100.0)).abs() < 1.0);
    // Dragging far left stops at the narrowest a column can be.
    let edge = pos2(stage_header(&mut h, 0).right(), header.center().y);
    drag(&mut h, edge, edge - vec2(400.0, 0.0));
    assert_eq!(journey(&h).stages[0].width, Some(160.0));
    // Each drag is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(journey(&h).stages[0].width, Some(wide));
    // A double-click on the edge brings the default width back.
    let edge = pos2(stage_header(&mut h, 0).right(), header.center().y);
    double_click_at(&mut h, edge);
    assert_eq!(journey(&h).stages[0].width, None);
    assert!(h.state().canvas.inline.is_none(), "no rename from the edge");
    undo_all_then_redo_all(&mut h, &original, 2);
}

#[test]
fn the_stage_inspector_sets_the_column_width_from_the_keyboard() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    let header = stage_header(&mut h, 1);
    click_at(&mut h, header.center(), Modifiers::NONE);
    h.get_by_label("Column width").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Column width").type_text("300");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(journey(&h).stages[1].width, Some(300.0));
    h.get_by_label("Default").click();
    h.run();
    assert_eq!(journey(&h).stages[1].width, None);
    undo_all_then_redo_all(&mut h, &original, 2);
}

#[test]
fn escape_while_dragging_a_column_edge_keeps_the_width() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    let header = stage_header(&mut h, 2);
    let edge = pos2(header.right(), header.center().y);
    h.hover_at(edge);
    h.run();
    h.drag_at(edge);
    h.run();
    for i in 1..=4 {
        h.hover_at(edge + vec2(20.0 * i as f32, 0.0));
        h.run();
    }
    assert!(
        journey(&h).stages[2].width.is_some(),
        "the width follows live"
    );
    h.key_press(Key::Escape);
    h.run();
    h.drop_at(edge + vec2(80.0, 0.0));
    h.run();
    assert_eq!(journey(&h), original);
    assert!(!h.state().doc.history.can_undo(), "nothing to undo");
}

#[test]
fn double_click_a_stage_header_renames_it() {
    let mut h = harness(ecommerce());
    let header = stage_header(&mut h, 0).center();
    double_click_at(&mut h, header);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_then_enter(&mut h, "Discover");
    assert_eq!(journey(&h).stages[0].name, "Discover");
}

#[test]
fn zoom_keys_and_fit() {
    let mut h = harness(ecommerce());
    h.key_press(Key::Num0);
    h.run();
    assert_eq!(h.state().canvas.camera.zoom, 1.0);
    h.key_press(Key::Minus);
    h.run();
    assert!((h.state().canvas.camera.zoom - 0.8).abs() < 1e-4);
    h.key_press(Key::F);
    h.run();
    let app = h.state_mut();
    let size = app.doc.layout().size * app.canvas.camera.zoom;
    assert!(
        size.x <= app.canvas.rect.width() && size.y <= app.canvas.rect.height(),
        "the whole map is in view"
    );
}

#[test]
fn clicking_the_add_hint_in_a_cell_starts_a_new_card_there() {
    let mut h = harness(ecommerce());
    let slot = {
        let app = h.state_mut();
        let view = app.canvas.view();
        view.to_screen_rect(app.doc.layout().free_card_rect(1, 2).unwrap())
    };
    click_at(&mut h, slot.center(), Modifiers::NONE);
    type_then_enter(&mut h, "Asks for a quote");
    let j = journey(&h);
    assert_eq!(
        cell_titles(&j, 1, 2).last().map(String::as_str),
        Some("Asks for a quote")
    );
}

#[test]
fn shift_dragging_a_band_selects_the_cards_inside_it() {
    let mut h = harness(ecommerce());
    let (a, b) = (
        id_of(&h, "Sees an Instagram ad"),
        id_of(&h, "Reads other parents’ reviews"),
    );
    let (a, b) = (card_rect(&mut h, a), card_rect(&mut h, b));
    let from = a.left_top() - vec2(4.0, 4.0);
    let to = b.right_bottom() + vec2(4.0, 4.0);
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    drag(&mut h, from, to);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    let mut picked: Vec<String> = h
        .state()
        .selection
        .cards()
        .iter()
        .map(|id| {
            journey(&h).touchpoints[journey(&h).touchpoint_index(*id).unwrap()]
                .title
                .clone()
        })
        .collect();
    picked.sort();
    assert_eq!(
        picked,
        [
            "Compares boots in the app",
            "Friend recommends the shop",
            "Reads other parents’ reviews",
            "Sees an Instagram ad"
        ]
    );
}

#[test]
fn dragging_near_the_canvas_edge_scrolls_the_map() {
    let mut h = harness(ecommerce());
    h.key_press(Key::Num0);
    h.run();
    let card = id_of(&h, "Pays with Apple Pay");
    let from = card_rect(&mut h, card).center();
    let edge = {
        let r = h.state().canvas.rect;
        pos2(r.center().x, r.bottom() - 5.0)
    };
    let before = h.state().canvas.camera.pan;
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for i in 1..=30 {
        h.hover_at(from.lerp(edge, (i as f32 / 6.0).min(1.0)));
        h.step();
    }
    let scrolled = h.state().canvas.camera.pan - before;
    assert!(
        scrolled.y < -50.0,
        "the map scrolled up under the pointer: {scrolled:?}"
    );
    h.key_press(Key::Escape);
    h.run();
    h.drop_at(edge);
    h.run();
}

#[test]
fn enter_renames_the_selected_card_and_n_adds_one_to_its_cell() {
    let mut h = harness(ecommerce());
    h.get_by_label("Pays with Apple Pay").click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_then_enter(&mut h, "Pays in one tap");
    let j = journey(&h);
    assert_eq!(
        cell_titles(&j, 0, 2),
        ["Shipping cost shows at the last step", "Pays in one tap"]
    );

    h.key_press(Key::N);
    h.run();
    type_then_enter(&mut h, "Gets a receipt");
    let j = journey(&h);
    assert_eq!(
        cell_titles(&j, 0, 2).last().map(String::as_str),
        Some("Gets a receipt")
    );
}

#[test]
fn question_mark_lists_every_shortcut() {
    let mut h = harness(ecommerce());
    h.key_press(Key::Questionmark);
    h.run();
    assert!(h.query_all_by_label("Keyboard shortcuts").count() > 0);
    h.get_by_label("Duplicate");
    h.get_by_label("Fit map");
}

#[test]
fn headers_stick_to_the_edges_and_still_drag_when_the_map_is_scrolled() {
    let mut h = harness(ecommerce());
    h.key_press(Key::Num0);
    h.run();
    // Scroll down and right past the headers.
    h.state_mut().canvas.camera.pan -= vec2(300.0, 250.0);
    h.run();
    let canvas = h.state().canvas.rect;
    let header = h.get_by_label("Purchase").rect();
    assert!(
        (header.top() - canvas.top()).abs() < 1.0,
        "the stage header sits at the canvas top: {header:?} in {canvas:?}"
    );
    let lane = h.get_by_label("Busy parent").rect();
    assert!(
        (lane.left() - canvas.left()).abs() < 1.0,
        "the persona header sits at the left edge"
    );
    // Dragging the sticky header still reorders the stages.
    let from = header.center();
    let to = h.get_by_label("Onboarding").rect().center() + vec2(10.0, 0.0);
    drag(&mut h, from, to);
    let names: Vec<String> = journey(&h).stages.iter().map(|s| s.name.clone()).collect();
    assert_eq!(
        names,
        [
            "Awareness",
            "Consideration",
            "Onboarding",
            "Purchase",
            "Retention"
        ]
    );
}

#[test]
fn a_metric_name_can_be_cleared_and_retyped_without_an_empty_name_reaching_the_journey() {
    let mut h = harness(ecommerce());
    let card = id_of(&h, "Pays with Apple Pay");
    h.get_by_label("Pays with Apple Pay").click();
    h.run();
    let name = h.get(
        By::new()
            .role(egui::accesskit::Role::TextInput)
            .value("Payment success"),
    );
    name.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    let metric = |h: &Harness<'_, AppState>| {
        let j = journey(h);
        j.touchpoints[j.touchpoint_index(card).unwrap()].metrics[0]
            .name
            .clone()
    };
    assert_eq!(
        metric(&h),
        "Payment success",
        "an empty name never reaches the journey"
    );
    h.event(Event::Text("Success rate".into()));
    h.run();
    assert_eq!(metric(&h), "Success rate");
    journey(&h).validate().unwrap();
}

// ---- Small windows, big maps (issue 10) ----

/// Every text the last frame painted, with where it went on screen.
fn painted_texts(h: &Harness<'_, AppState>) -> Vec<(String, egui::Rect)> {
    h.output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Text(t) => Some((t.galley.text().to_owned(), t.visual_bounding_rect())),
            _ => None,
        })
        .collect()
}

#[test]
fn at_800_by_600_the_toolbar_fits_and_the_rest_is_in_its_overflow_menu() {
    let mut h = harness_sized(ecommerce(), vec2(800.0, 600.0));
    let inside = |r: egui::Rect| r.left() >= 0.0 && r.right() <= 800.0;
    for label in ["⟲", "⟳", "−", "+", "⛶ Fit", "1:1", "…", "☰"] {
        let r = h.get_by_label(label).rect();
        assert!(inside(r), "{label} is cut off: {r:?}");
    }
    let find = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .map(|n| n.rect())
        .filter(|r| r.top() < 60.0)
        .collect::<Vec<_>>();
    assert_eq!(find.len(), 2, "the title and Find fields: {find:?}");
    assert!(find.iter().all(|r| inside(*r)), "{find:?}");
    // The inspector leaves the map most of a small window.
    assert!(
        h.state().canvas.rect.width() >= 520.0,
        "{:?}",
        h.state().canvas.rect
    );
    // The add buttons had no room: they are in the "…" menu.
    assert!(h.query_by_label("+ Card").is_none());
    h.get_by_label("…").click();
    h.run();
    // A menu entry's name carries its shortcut.
    h.get_by_label_contains("Add touchpoint").click();
    h.run();
    assert!(
        h.state().canvas.inline.is_some(),
        "a new card is being named"
    );
}

#[test]
fn ctrl_i_and_the_toolbar_button_hide_and_show_the_inspector() {
    let mut h = harness(ecommerce());
    let with_inspector = h.state().canvas.rect.width();
    h.get_by_label("Journey");
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    assert!(!h.state().inspector.open);
    assert!(
        h.query_by_label("Journey").is_none(),
        "the inspector is gone"
    );
    assert!(h.state().canvas.rect.width() > with_inspector + 200.0);
    h.get_by_label("☰").click();
    h.run();
    assert!(h.state().inspector.open);
    h.get_by_label("Journey");
    assert_eq!(h.state().canvas.rect.width(), with_inspector);
}

#[test]
fn toolbar_buttons_stay_put_when_the_journey_is_edited_and_zoomed() {
    let mut h = harness(ecommerce());
    let labels = ["⟲", "⟳", "+ Card", "+ Persona", "−", "+", "⛶ Fit", "1:1"];
    let before: Vec<_> = labels.iter().map(|l| h.get_by_label(l).rect()).collect();
    // An edit marks the journey as edited; zooming out changes the read-out.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().doc.is_dirty());
    for _ in 0..4 {
        h.get_by_label("−").click();
        h.run();
    }
    let after: Vec<_> = labels.iter().map(|l| h.get_by_label(l).rect()).collect();
    assert_eq!(before, after);
}

#[test]
fn ticking_pain_point_leaves_the_vote_button_where_it_was() {
    let mut h = harness(ecommerce());
    let j = journey(&h);
    let card = j
        .touchpoints
        .iter()
        .find(|t| t.pain_point.is_none())
        .expect("a card without a pain point")
        .id;
    let at = card_rect(&mut h, card).center();
    click_at(&mut h, at, Modifiers::NONE);
    let vote = h.get_by_label("+1").rect();
    h.get_by_label("Pain point").click();
    h.run();
    let j = journey(&h);
    let t = &j.touchpoints[j.touchpoint_index(card).unwrap()];
    assert_eq!(t.pain_point.as_deref(), Some(""));
    assert_eq!(h.get_by_label("+1").rect(), vote);
}

/// `personas` lanes × `stages` columns with `per_cell` cards in every cell.
fn grid_journey(personas: u32, stages: u32, per_cell: u32) -> Journey {
    let mut text = String::from("(version: 1, title: \"Big\", personas: [");
    for p in 1..=personas {
        text += &format!("(id: {p}, name: \"Persona {p}\", colour: \"#4c78a8\"),");
    }
    text += "], stages: [";
    for s in 1..=stages {
        text += &format!("(id: {s}, name: \"Stage {s}\"),");
    }
    text += "], touchpoints: [";
    let mut id = 0;
    for p in 1..=personas {
        for s in 1..=stages {
            for _ in 0..per_cell {
                id += 1;
                text += &format!("(id: {id}, persona: {p}, stage: {s}, title: \"Card {id}\"),");
            }
        }
    }
    text += "])";
    journeymap::io::from_ron(&text, std::path::Path::new("big.ron")).unwrap()
}

#[test]
fn a_750_card_map_fits_the_window_and_names_its_stages_and_personas() {
    let j = grid_journey(10, 15, 5);
    assert_eq!(j.touchpoints.len(), 750);
    let mut h = harness(j.clone());
    let (canvas, map) = {
        let app = h.state_mut();
        let size = app.doc.layout().size;
        let view = app.canvas.view();
        (
            app.canvas.rect,
            view.to_screen_rect(egui::Rect::from_min_size(Pos2::ZERO, size)),
        )
    };
    assert!(h.state().canvas.camera.zoom < 0.25);
    assert!(
        canvas.contains_rect(map),
        "{map:?} is not all in {canvas:?}"
    );
    // Zooming out further stops where the whole map fits.
    for _ in 0..10 {
        h.key_press(Key::Minus);
        h.run();
    }
    let fit = h.state().canvas.camera.zoom;
    h.key_press(Key::F);
    h.run();
    assert!((h.state().canvas.camera.zoom - fit).abs() < 1e-4);
    let texts = painted_texts(&h);
    let names = j
        .stages
        .iter()
        .map(|s| &s.name)
        .chain(j.personas.iter().map(|p| &p.name));
    for name in names {
        let shown = texts
            .iter()
            .any(|(text, r)| text == name && canvas.contains_rect(*r) && r.height() >= 10.0);
        assert!(shown, "{name} is not shown in large on the overview");
    }
}

#[test]
fn the_journey_summary_never_shows_a_negative_zero_or_one_touchpoints() {
    // One card a step below neutral among twenty or more neutral ones: a mean just below zero.
    let mut j = ecommerce();
    for t in &mut j.touchpoints {
        t.emotion = Some(Emotion(0));
    }
    j.touchpoints[0].emotion = Some(Emotion(-1));
    let n = j.touchpoints.len();
    assert!(n > 20, "the mean must round to zero");
    let h = harness(j);
    h.get_by_label(&format!("Mean emotion 0.0 over {n} touchpoints"));

    let mut j = ecommerce();
    for t in &mut j.touchpoints {
        t.emotion = None;
    }
    j.touchpoints[0].emotion = Some(Emotion(1));
    let h = harness(j);
    h.get_by_label("Mean emotion +1.0 over 1 touchpoint");
}

#[test]
fn find_steps_through_cards_in_the_order_the_map_shows_them() {
    // The last stage moved to the front: file order and map order differ.
    let mut j = ecommerce();
    j.stages.rotate_right(1);
    let mentions = |t: &journeymap::model::Touchpoint| t.mentions("delivery");
    // Reading order: persona by persona, stage by stage, each cell top to bottom.
    let expected: Vec<TouchpointId> = j
        .personas
        .iter()
        .flat_map(|p| j.stages.iter().map(move |s| (p.id, s.id)))
        .flat_map(|(p, s)| {
            j.touchpoints
                .iter()
                .filter(move |t| t.persona == p && t.stage == s && mentions(t))
                .map(|t| t.id)
        })
        .collect();
    let file_order: Vec<TouchpointId> = j
        .touchpoints
        .iter()
        .filter(|t| mentions(t))
        .map(|t| t.id)
        .collect();
    assert_ne!(expected, file_order);

    let mut h = harness(j);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(Event::Text("delivery".into()));
    h.run();
    let mut seen = Vec::new();
    for _ in &expected {
        h.key_press(Key::F3);
        h.run();
        seen.extend_from_slice(h.state().selection.cards());
    }
    assert_eq!(seen, expected);
}

#[test]
fn a_header_tooltip_never_covers_the_map_during_or_after_a_drag() {
    const TIP: &str = "Drag to reorder · double-click to rename";
    let mut h = harness(ecommerce());
    let rest = |h: &mut Harness<'_, AppState>, at: Pos2| {
        h.hover_at(at);
        // Longer than the tooltip delay, the pointer still.
        for _ in 0..40 {
            h.step();
        }
    };
    // Resting on a header shows what it does.
    let header = persona_header(&mut h, 1);
    let from = pos2(header.center().x, header.top() + 20.0);
    rest(&mut h, from);
    assert!(
        h.query_by_label(TIP).is_some(),
        "the tooltip shows on hover"
    );

    let to = persona_header(&mut h, 0).center();
    h.drag_at(from);
    h.run();
    for i in 1..=6 {
        h.hover_at(from.lerp(to, i as f32 / 6.0));
        h.run();
    }
    rest(&mut h, to);
    assert!(h.query_by_label(TIP).is_none(), "no tooltip while dragging");
    h.drop_at(to);
    h.run();
    assert_ne!(
        journey(&h).personas,
        ecommerce().personas,
        "the lanes moved"
    );
    // The pointer rests where it let go, on a header: a tooltip would cover the cards.
    rest(&mut h, to);
    assert!(
        h.query_by_label(TIP).is_none(),
        "no tooltip right after the drop"
    );

    let first = journey(&h).touchpoints[0].id;
    let card = card_rect(&mut h, first).center();
    rest(&mut h, card);
    assert!(
        h.query_by_label(TIP).is_none(),
        "no tooltip left over the cards"
    );
    // Once the pointer has left the headers, they explain themselves again.
    rest(&mut h, to);
    assert!(h.query_by_label(TIP).is_some(), "the tooltip is back");
}

#[test]
fn paste_says_what_it_pasted_and_where_and_the_edit_menu_shows_its_shortcut() {
    let mut h = harness(ecommerce());
    h.get_by_label("Sees an Instagram ad").click();
    h.run();
    h.event(Event::Copy);
    h.step();
    let copied = copied_text(&h);
    h.run();
    assert_eq!(h.state().status.as_ref().unwrap().text, "Copied 1 card");
    h.event(Event::Paste(copied));
    h.run();
    let j = journey(&h);
    let persona = &j.personas[0].name;
    let stage = &j.stages[0].name;
    assert_eq!(
        h.state().status.as_ref().unwrap().text,
        format!("Pasted 1 card into {persona} · {stage}")
    );

    h.get_by_label("Edit").click();
    h.run();
    // A menu entry's name includes its shortcut, as shown to the right of it.
    let entry = |h: &Harness<'_, AppState>, name: &str| {
        h.get_all_by_role(egui::accesskit::Role::Button)
            .filter_map(|n| n.accesskit_node().label())
            .find(|l| l.starts_with(name) && l[name.len()..].starts_with(char::is_whitespace))
            .unwrap_or_else(|| panic!("no menu entry {name}"))
    };
    let copy = entry(&h, "Copy");
    let paste = entry(&h, "Paste");
    assert_eq!(paste, copy.replace("Copy", "Paste").replace("+C", "+V"));
}

#[test]
fn a_new_card_has_no_channel_until_the_user_picks_one_from_the_whole_list() {
    let mut h = harness(ecommerce());
    let cell = cell_rect(&mut h, 1, 2);
    double_click_at(&mut h, pos2(cell.center().x, cell.bottom() - 30.0));
    type_then_enter(&mut h, "Calls the shop");
    let card = id_of(&h, "Calls the shop");
    let channel = |h: &Harness<'_, AppState>| {
        let j = journey(h);
        j.touchpoints[j.touchpoint_index(card).unwrap()]
            .channel
            .clone()
    };
    assert_eq!(channel(&h), None);
    assert_eq!(h.state().selection.cards(), &[card]);
    h.get(By::new().label("Channel").value("Not set"));

    // Every channel is in view once the list opens: the last one takes a real click.
    h.get_by_label("Channel").click();
    h.run();
    for c in Channel::NAMED {
        h.get_by_label(&format!("{}  {}", c.icon(), c.label()));
    }
    // A pointer click at the entry's centre, after scrolling it into view.
    h.get_by_label("👪  Community").scroll_to_me();
    h.run();
    h.get_by_label("👪  Community").click();
    h.run();
    assert_eq!(channel(&h), Some(Channel::Community));
    h.get_by_label("Digital channel");

    // Back to not set, as one undo step each.
    h.get_by_label("Channel").click();
    h.run();
    h.get_by_label("Not set").scroll_to_me();
    h.run();
    h.get_by_label("Not set").click();
    h.run();
    assert_eq!(channel(&h), None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(channel(&h), Some(Channel::Community));
}

#[test]
fn renaming_a_header_types_over_its_name_in_place() {
    let mut h = harness(ecommerce());
    let zoom = h.state().canvas.camera.zoom;
    for persona in [true, false] {
        let header = if persona {
            persona_header(&mut h, 1)
        } else {
            stage_header(&mut h, 2)
        };
        let name = if persona {
            journeymap::render::persona_name_place(header, zoom)
        } else {
            journeymap::render::stage_name_place(header, zoom)
        };
        double_click_at(&mut h, header.center());
        let j = journey(&h);
        let current = if persona {
            &j.personas[1].name
        } else {
            &j.stages[2].name
        };
        // Not the inspector's "Name" field: the box on the map.
        let field = h
            .get_all(
                By::new()
                    .role(egui::accesskit::Role::TextInput)
                    .value(current),
            )
            .find(|n| n.accesskit_node().label().as_deref() != Some("Name"))
            .expect("a rename box on the map")
            .rect();
        // The text starts where the name was drawn: the field's margin (4, 2) away from it.
        let text_at = field.min + vec2(4.0, 2.0);
        assert!(
            (text_at - name.pos).length() < 1.5,
            "text at {text_at:?}, name at {:?}",
            name.pos
        );
        h.key_press(Key::Escape);
        // Long enough that the next two clicks are a double-click of their own.
        for _ in 0..40 {
            h.step();
        }
    }
}

#[test]
fn in_a_lane_taller_than_the_window_the_persona_name_stays_in_view() {
    let j = grid_journey(2, 3, 30);
    let mut h = harness(j);
    h.key_press(Key::Num0);
    h.run();
    // Scroll down into the middle of the first lane.
    let lane = h.state_mut().doc.layout().lanes[0];
    assert!(lane.height() > 2000.0, "{lane:?}");
    h.state_mut().canvas.camera.pan.y = -lane.center().y;
    h.run();
    let canvas = h.state().canvas.rect;
    let name = painted_texts(&h)
        .into_iter()
        .find(|(text, _)| text == "Persona 1")
        .expect("the persona name is painted");
    assert!(
        canvas.contains_rect(name.1),
        "{:?} is off {canvas:?}",
        name.1
    );
}

#[test]
fn the_new_dialog_shows_each_template_by_name_with_what_it_holds_and_a_picture() {
    let mut h = harness(ecommerce());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    let button = |title| By::new().role(egui::accesskit::Role::Button).label(title);
    for t in &templates::TEMPLATES {
        h.get(button(t.title));
        h.get_by_label(t.description);
        assert!(
            h.query_by_label(t.name).is_none() || t.name == t.title,
            "no slug {}",
            t.name
        );
    }
    h.get(button("SaaS trial")).click();
    h.run();
    assert!(h.state().new_dialog.is_none());
    let saas = templates::find("saas-trial").unwrap().journey().unwrap();
    assert_eq!(journey(&h), saas);
}

/// The text the last frame put on the clipboard.
fn copied_text(h: &Harness<'_, AppState>) -> String {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("the card went to the clipboard")
}
