//! The map's story in the real app, driven as a user does: stage rows (add a text row, write a
//! stage's note, move, collapse, undo everything; click a pain point to see its card), lenses
//! and heat, card detail; and the same from the command line.

mod common;

use common::{click_at, harness, journey};
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeymap::app::AppState;
use journeymap::canvas::Selection;
use journeymap::model::RowKind;
use journeymap::templates;

/// The screen rectangle of the header of the row at `index` in the layout.
fn row_header(h: &mut Harness<'_, AppState>, index: usize) -> egui::Rect {
    let app = h.state_mut();
    let view = app.canvas.view();
    view.to_screen_rect(app.doc.layout().rows[index].header)
}

#[test]
fn a_text_row_is_added_written_moved_collapsed_and_undone_back_to_the_original() {
    let original = templates::find("blank").unwrap().journey().unwrap();
    let mut h = harness(original.clone());
    let rows_before = original.rows.len();

    // The journey inspector's "+ Row" menu.
    h.get_by_label("+ Row").click();
    h.run();
    h.get_by_label("Notes").click();
    h.run();
    let j = journey(&h);
    assert_eq!(j.rows.len(), rows_before + 1);
    let added = j.rows.last().unwrap().clone();
    assert_eq!((added.kind, added.name.as_str()), (RowKind::Text, "Notes"));

    // Select it on the map and write the second stage's note in the inspector.
    let header = row_header(&mut h, rows_before);
    click_at(&mut h, header.center());
    assert_eq!(h.state().selection, Selection::Row(added.id));
    let stage = j.stages[1].clone();
    let field = h
        .get_all_by_role(egui::accesskit::Role::MultilineTextInput)
        .nth(1)
        .expect("a text field per stage");
    field.focus();
    h.run();
    h.event(Event::Text("Backstage: the warehouse packs".into()));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    let row = journey(&h).rows.last().unwrap().clone();
    assert_eq!(row.text(stage.id), "Backstage: the warehouse packs");

    // Move it up, above the derived rows, then collapse it.
    h.get_by_label("⏶ Up").click();
    h.run();
    assert_eq!(journey(&h).rows[rows_before - 1].id, added.id);
    h.get_by_label("Collapsed (only its name shows)").click();
    h.run();
    assert!(journey(&h).rows[rows_before - 1].collapsed);
    let collapsed = h.state_mut().doc.layout().rows[rows_before - 1].clone();
    assert!(collapsed.cells.is_empty());
    assert!(collapsed.rect.height() < 40.0, "{:?}", collapsed.rect);

    // Every step undoes, back to the journey as it was.
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(journey(&h), original);
}

#[test]
fn clicking_a_pain_point_line_selects_its_card() {
    let j = templates::find("ecommerce").unwrap().journey().unwrap();
    let mut h = harness(j.clone());
    let (row, line) = {
        let app = h.state_mut();
        let layout = app.doc.layout();
        let row = layout
            .rows
            .iter()
            .find(|r| r.kind == RowKind::PainPoints)
            .expect("the template has a pain-point row");
        let line = row
            .cells
            .iter()
            .flat_map(|c| &c.lines)
            .find(|l| l.touchpoint.is_some())
            .expect("a pain point")
            .clone();
        (row.id, line)
    };
    assert!(j.row_index(row).is_some());
    let rect = h.state().canvas.view().to_screen_rect(line.rect);
    click_at(&mut h, rect.center());
    let card = line.touchpoint.unwrap();
    assert_eq!(h.state().selection, Selection::Cards(vec![card]));
    let index = j.touchpoint_index(card).unwrap();
    assert_eq!(
        j.touchpoints[index].pain_point.as_deref(),
        Some(line.text.as_str())
    );
}

#[test]
fn double_clicking_a_row_name_folds_it_and_a_derived_row_follows_the_cards() {
    let mut j = templates::find("ecommerce").unwrap().journey().unwrap();
    let mut h = harness(j.clone());
    let pains = |h: &mut Harness<'_, AppState>| -> usize {
        let layout = h.state_mut().doc.layout().clone();
        let row = layout
            .rows
            .iter()
            .find(|r| r.kind == RowKind::PainPoints)
            .unwrap();
        row.cells.iter().map(|c| c.lines.len() + c.more).sum()
    };
    assert_eq!(pains(&mut h), 5);
    // A new pain point on a card shows in the row at once.
    j.touchpoints[0].pain_point = Some("Ad shown twice".into());
    let edit =
        journeymap::edit::update_touchpoint(h.state().doc.journey(), j.touchpoints[0].clone())
            .unwrap();
    h.state_mut().doc.apply(edit).unwrap();
    h.run();
    assert_eq!(pains(&mut h), 6);

    let index = h
        .state_mut()
        .doc
        .layout()
        .rows
        .iter()
        .position(|r| r.kind == RowKind::PainPoints)
        .unwrap();
    let header = row_header(&mut h, index);
    h.hover_at(header.center());
    h.run();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos: header.center(),
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        h.step();
    }
    h.run();
    assert!(h.state().doc.journey().rows[index].collapsed);
}

#[test]
fn a_lens_fades_exactly_the_cards_that_do_not_match_and_escape_clears_it() {
    let j = templates::find("ecommerce").unwrap().journey().unwrap();
    let mut h = harness(j.clone());
    h.key_press(Key::L);
    h.run();
    h.get_by_label("Pain points").click();
    h.run();
    let expected: std::collections::HashSet<_> = j
        .touchpoints
        .iter()
        .filter(|t| t.pain_point.is_none())
        .map(|t| t.id)
        .collect();
    assert_eq!(*h.state().canvas.faded, expected);
    assert_eq!(h.state().story.matching, Some((5, 21)));
    h.get_by_label("5 of 21 cards match the lens");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().canvas.faded.is_empty(), "Escape clears the lens");
    assert_eq!(journey(&h), j, "a lens changes nothing in the journey");
}

#[test]
fn the_detail_key_grows_and_shrinks_every_card() {
    let mut h = harness(templates::find("ecommerce").unwrap().journey().unwrap());
    let height = |h: &mut Harness<'_, AppState>| h.state_mut().doc.layout().cards[0].rect.height();
    let standard = height(&mut h);
    h.key_press(Key::D);
    h.run();
    let detailed = height(&mut h);
    h.key_press(Key::D);
    h.run();
    let compact = height(&mut h);
    assert!(
        compact < standard && standard < detailed,
        "{compact} {standard} {detailed}"
    );
    // The map and hit-testing follow: a click on the middle of the first card selects it.
    let id = journey(&h).touchpoints[0].id;
    let rect = {
        let app = h.state_mut();
        app.canvas.card_screen_rect(&mut app.doc, id).unwrap()
    };
    click_at(&mut h, rect.center());
    assert_eq!(h.state().selection, Selection::Cards(vec![id]));
}

fn cli(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_exports_as_shown_and_refuses_a_lens_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    journeymap::io::save(&dir.path().join("m.ron"), &templates::sample()).unwrap();
    let plain = cli(
        dir.path(),
        &["export", "m.ron", "-o", "plain.png", "--scale", "1"],
    );
    assert_eq!(plain.status.code(), Some(0));
    let shown = cli(
        dir.path(),
        &[
            "export",
            "m.ron",
            "-o",
            "shown.png",
            "--scale",
            "1",
            "--lens",
            "pain",
            "--heat",
            "votes",
            "--detail",
            "compact",
        ],
    );
    assert_eq!(
        shown.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    let size = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().len();
    assert_ne!(size("plain.png"), size("shown.png"), "a different picture");
    let bad = cli(
        dir.path(),
        &["export", "m.ron", "-o", "x.png", "--lens", "colour=red"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown lens \"colour=red\""));
    assert!(!dir.path().join("x.png").exists());
}

/// Press, move in steps, release: a real pointer drag. Frames are stepped, not run until
/// still: near the canvas edge a drag keeps scrolling the map.
fn drag(h: &mut Harness<'_, AppState>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    for i in 1..=8 {
        h.hover_at(from + (to - from) * (i as f32 / 8.0));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
}

#[test]
fn rows_are_reordered_by_dragging_their_names_even_above_the_lanes() {
    let mut original = templates::find("ecommerce").unwrap().journey().unwrap();
    original.rows[1].above = true;
    let mut h = harness(original.clone());
    let names = |h: &Harness<'_, AppState>| -> Vec<String> {
        h.state()
            .doc
            .journey()
            .rows
            .iter()
            .map(|r| r.name.clone())
            .collect()
    };
    // Layout order: the opportunities above the lanes, then the rest below.
    let pains = row_header(&mut h, 1);
    let goals = row_header(&mut h, original.rows.len() - 1);
    drag(&mut h, pains.center(), goals.center());
    let after = names(&h);
    assert_eq!(
        after.last().map(String::as_str),
        Some("Pain points"),
        "{after:?}"
    );
    // Onto the row above the lanes: it moves there and goes above too.
    let pains = row_header(&mut h, original.rows.len() - 1);
    let above = row_header(&mut h, 0);
    drag(&mut h, pains.center(), above.center());
    let j = journey(&h);
    let moved = j.rows.iter().find(|r| r.name == "Pain points").unwrap();
    assert!(moved.above, "it crossed the lanes");
    assert!(
        h.state_mut().doc.layout().rows[0].id == moved.id
            || h.state_mut().doc.layout().rows[1].id == moved.id
    );
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(journey(&h), original);
}

#[test]
fn targets_are_added_and_removed_in_the_journey_inspector_as_undoable_edits() {
    let original = templates::find("ecommerce").unwrap().journey().unwrap();
    let mut h = harness(original.clone());
    assert_eq!(original.targets.len(), 4);
    h.get_all_by_label("🗑")
        .next()
        .expect("a remove button")
        .click();
    h.run();
    let j = journey(&h);
    assert_eq!(j.targets.len(), 3);
    assert!(
        j.target("CSAT").is_none(),
        "the first target, CSAT, is gone"
    );
    h.get_by_label("+ Target").click();
    h.run();
    assert_eq!(journey(&h).targets.len(), 4);
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(journey(&h), original);
}

#[test]
fn a_text_rows_note_is_typed_straight_on_the_map() {
    let original = templates::find("ecommerce").unwrap().journey().unwrap();
    let mut h = harness(original.clone());
    let row = {
        let layout = h.state_mut().doc.layout().clone();
        let text_row = layout.rows.iter().find(|r| r.kind == RowKind::Text);
        text_row.expect("the template has a text row").clone()
    };
    let cell = h.state().canvas.view().to_screen_rect(row.cells[1].rect);
    h.hover_at(cell.center());
    h.run();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos: cell.center(),
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        h.step();
    }
    h.run();
    assert!(
        h.state().canvas.inline.is_some(),
        "the note opens for typing"
    );
    h.event(Event::Text("Sure of size and delivery date".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let j = journey(&h);
    let stage = j.stages[1].id;
    assert_eq!(
        j.rows.iter().find(|r| r.id == row.id).unwrap().text(stage),
        "Sure of size and delivery date"
    );
    assert_eq!(
        h.state().selection,
        Selection::Row(row.id),
        "the row is the selection"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(journey(&h), original);
}

#[test]
fn the_health_window_ranks_what_to_fix_first_and_follows_the_cards() {
    let j = templates::find("ecommerce").unwrap().journey().unwrap();
    let mut h = harness(j.clone());
    h.key_press(Key::H);
    h.run();
    h.get_by_label("Fix first");
    h.get_by_label_contains("1. Surprise shipping cost");
    // Votes change the ranking at once.
    let mut card = j.touchpoints.iter().find(|t| t.votes == 3).unwrap().clone();
    card.votes = 9;
    let edit = journeymap::edit::update_touchpoint(&j, card).unwrap();
    h.state_mut().doc.apply(edit).unwrap();
    h.run();
    h.get_by_label_contains("1. The chatbot cannot read live carrier status");
}
