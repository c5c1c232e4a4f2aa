//! Workshop mode driven like a facilitator would: keys only, counted; headers renamed by
//! arrows; whatever is added scrolled into view; presenting with no editing chrome; a voting
//! round with hidden then revealed totals, undone; the timer on a clock the test steps.

mod common;

use common::{double_click_at, harness, harness_sized, journey};
use egui::{Event, Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeymap::app::AppState;
use journeymap::app::workshop::Timer;
use journeymap::canvas::Selection;
use journeymap::clock::Clock;
use journeymap::model::{Emotion, Journey};
use journeymap::templates;
use std::sync::{Arc, Mutex};

fn ecommerce() -> Journey {
    templates::find("ecommerce").unwrap().journey().unwrap()
}

/// The app and the keys pressed on it; text typed into a field is not a key press.
struct Keyboard {
    h: Harness<'static, AppState>,
    keys: usize,
}

impl Keyboard {
    fn new(journey: Journey) -> Self {
        Self {
            h: harness(journey),
            keys: 0,
        }
    }

    fn press(&mut self, key: Key) {
        self.h.key_press(key);
        self.h.run();
        self.keys += 1;
    }

    fn shift(&mut self, key: Key) {
        self.h.key_press_modifiers(Modifiers::SHIFT, key);
        self.h.run();
        self.keys += 1;
    }

    fn type_text(&mut self, text: &str) {
        self.h.event(Event::Text(text.into()));
        self.h.run();
    }

    /// A card in the cursor's cell: `start` (N or Enter), the title, Enter, then its emotion
    /// as a digit. Returns the keys it took beyond the title.
    fn card(&mut self, start: Key, title: &str, digit: Key) -> usize {
        let before = self.keys;
        self.press(start);
        self.type_text(title);
        self.press(Key::Enter);
        self.press(digit);
        self.keys - before
    }
}

#[test]
fn a_whole_map_from_the_blank_template_without_the_mouse() {
    let mut k = Keyboard::new(templates::blank());
    // The stages, renamed one after another: the cursor climbs to the header row and walks it.
    k.press(Key::ArrowUp); // onto the first cell
    k.press(Key::ArrowUp); // onto the first stage's header
    for (i, name) in ["Discover", "Buy", "Use"].into_iter().enumerate() {
        if i > 0 {
            k.press(Key::ArrowRight);
        }
        k.press(Key::Enter);
        k.type_text(name);
        k.press(Key::Enter);
    }
    let j = journey(&k.h);
    let names: Vec<&str> = j.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Discover", "Buy", "Use"], "each stage renamed once");

    // A second persona below the first: P opens its name at once.
    k.press(Key::ArrowDown); // the empty cell under "Use"
    for _ in 0..3 {
        k.press(Key::ArrowLeft); // to the persona header
    }
    k.press(Key::Enter);
    k.type_text("First-time buyer");
    k.press(Key::Enter);
    k.press(Key::P);
    k.type_text("Returning buyer");
    k.press(Key::Enter);

    // Eight cards: Enter on an empty cell, N for a second card in a cell; each with an
    // emotion, in at most three keys beyond its title.
    let mut beyond = Vec::new();
    k.press(Key::ArrowRight); // Returning buyer × Discover
    beyond.push(k.card(Key::Enter, "Gets a reminder email", Key::Num4));
    k.press(Key::ArrowRight);
    beyond.push(k.card(Key::Enter, "Reorders in two taps", Key::Num5));
    beyond.push(k.card(Key::N, "Pays with a saved card", Key::Num4));
    k.press(Key::ArrowRight);
    beyond.push(k.card(Key::Enter, "Tracks the parcel", Key::Num3));
    k.press(Key::ArrowUp); // First-time buyer × Use
    beyond.push(k.card(Key::Enter, "Unboxes the order", Key::Num4));
    k.press(Key::ArrowLeft);
    beyond.push(k.card(Key::Enter, "Checkout asks for an account", Key::Num1));
    // The pain point and its words, and a vote, at a keystroke each.
    k.press(Key::X);
    k.type_text("Forced sign-up");
    k.press(Key::Enter);
    k.press(Key::V);
    k.press(Key::ArrowLeft);
    beyond.push(k.card(Key::Enter, "Sees an ad", Key::Num3));
    beyond.push(k.card(Key::N, "Reads reviews", Key::Num4));
    assert!(beyond.iter().all(|&n| n <= 3), "{beyond:?}");

    let j = journey(&k.h);
    let cell = |persona: usize, stage: usize| -> Vec<(&str, Option<Emotion>)> {
        j.cell(j.personas[persona].id, j.stages[stage].id)
            .map(|t| (t.title.as_str(), t.emotion))
            .collect()
    };
    assert_eq!(j.personas.len(), 2);
    assert_eq!(j.personas[0].name, "First-time buyer");
    assert_eq!(j.personas[1].name, "Returning buyer");
    assert_eq!(j.touchpoints.len(), 8);
    assert_eq!(
        cell(0, 0),
        [
            ("Sees an ad", Some(Emotion(0))),
            ("Reads reviews", Some(Emotion(1)))
        ]
    );
    assert_eq!(
        cell(0, 1),
        [("Checkout asks for an account", Some(Emotion(-2)))]
    );
    assert_eq!(cell(0, 2), [("Unboxes the order", Some(Emotion(1)))]);
    assert_eq!(cell(1, 0), [("Gets a reminder email", Some(Emotion(1)))]);
    assert_eq!(
        cell(1, 1),
        [
            ("Reorders in two taps", Some(Emotion(2))),
            ("Pays with a saved card", Some(Emotion(1)))
        ]
    );
    assert_eq!(cell(1, 2), [("Tracks the parcel", Some(Emotion(0)))]);
    let checkout = j
        .touchpoints
        .iter()
        .find(|t| t.title == "Checkout asks for an account")
        .unwrap();
    assert_eq!(checkout.pain_point.as_deref(), Some("Forced sign-up"));
    assert_eq!(checkout.votes, 1);
    // Every key counted: 10 for the stages, 8 for the personas, 3 for each card, 6 moves
    // between cells, 3 for the pain point and the vote.
    assert_eq!(k.keys, 10 + 8 + 8 * 3 + 6 + 3, "keys pressed");
}

#[test]
fn digits_set_the_emotion_v_counts_votes_and_the_table_keeps_its_letters() {
    let mut k = Keyboard::new(ecommerce());
    k.press(Key::ArrowDown); // the first card
    k.press(Key::Num1);
    assert_eq!(journey(&k.h).touchpoints[0].emotion, Some(Emotion(-2)));
    k.press(Key::Num5);
    assert_eq!(journey(&k.h).touchpoints[0].emotion, Some(Emotion(2)));
    k.press(Key::V);
    k.press(Key::V);
    k.shift(Key::V);
    assert_eq!(journey(&k.h).touchpoints[0].votes, 1);
    k.shift(Key::V);
    k.shift(Key::V);
    assert_eq!(journey(&k.h).touchpoints[0].votes, 0, "never below zero");
    // In the table, letters and digits type into cells.
    k.h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    k.h.run();
    let before = journey(&k.h);
    k.press(Key::V);
    k.press(Key::Num4);
    assert_eq!(journey(&k.h), before);
}

/// At 100 % in a small window, a stage added after the last one and a persona added below the
/// last one are scrolled into view with their name fields, clear of the inspector.
#[test]
fn a_new_stage_and_a_new_persona_are_scrolled_into_view() {
    let mut h = harness_sized(ecommerce(), vec2(1100.0, 700.0));
    h.key_press(Key::Num0);
    h.run();
    let last = journey(&h).stages[4].id;
    h.state_mut().selection = Selection::Stage(last);
    h.key_press(Key::S);
    h.run();
    h.run();
    let canvas = h.state().canvas.rect;
    let field = editor_rect(&h);
    assert!(canvas.contains_rect(field), "{field:?} in {canvas:?}");
    let j = journey(&h);
    assert_eq!(j.stages.len(), 6);
    assert_eq!(j.stages[5].name, "New stage");
    h.event(Event::Text("Advocacy".into()));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(journey(&h).stages[5].name, "Advocacy");
    let header = h.get_by_label("Advocacy").rect();
    assert!(canvas.contains_rect(header), "{header:?} in {canvas:?}");

    let last = journey(&h).personas[1].id;
    h.state_mut().selection = Selection::Persona(last);
    h.key_press(Key::P);
    h.run();
    h.run();
    let field = editor_rect(&h);
    assert!(canvas.contains_rect(field), "{field:?} in {canvas:?}");
    assert_eq!(journey(&h).personas.len(), 3);
}

/// N on a card of the tallest cell: the new card's field sits below the stack, where the card
/// will be, and the lane's emotion band moves down out of its way.
#[test]
fn a_new_card_in_a_full_cell_is_typed_in_place_not_over_the_emotion_band() {
    let mut h = harness(ecommerce());
    h.get_by_label("Unboxes: the boots fit").click();
    h.run();
    h.key_press(Key::N);
    h.run();
    h.run();
    let field = editor_rect(&h);
    let last = h.get_by_label("Unboxes: the boots fit").rect();
    let app = h.state_mut();
    let view = app.canvas.view();
    let band = view.to_screen_rect(app.doc.layout().emotion_bands[0]);
    assert!(
        !field.intersects(band),
        "{field:?} over the emotion band {band:?}"
    );
    assert!(field.top() > last.bottom(), "below the stack");
    h.event(Event::Text("Leaves a review".into()));
    h.key_press(Key::Enter);
    h.run();
    let j = journey(&h);
    let cell: Vec<_> = j
        .cell(j.personas[0].id, j.stages[3].id)
        .map(|t| t.title.as_str())
        .collect();
    assert_eq!(cell.last(), Some(&"Leaves a review"));
}

/// The map's own text field (the tool bar has Find).
fn editor_rect(h: &Harness<'_, AppState>) -> egui::Rect {
    let canvas = h.state().canvas.rect;
    h.query_all_by_role(egui::accesskit::Role::TextInput)
        .map(|n| n.rect())
        .find(|r| canvas.contains(r.center()))
        .expect("a text field on the map")
}

#[test]
fn presenting_shows_the_map_alone_read_only_and_escape_leaves_in_one_press() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    h.get_by_label("Sees an Instagram ad").click();
    h.run();
    h.key_press(Key::F11);
    h.run();
    assert!(h.state().workshop.presentation.on);
    for chrome in [
        "File",
        "Workshop",
        "+ Card",
        "Touchpoint",
        "Zoom 53 %",
        "Find cards (Ctrl+F)",
    ] {
        assert!(h.query_by_label(chrome).is_none(), "{chrome} is hidden");
    }
    // Read-only: keys and double-clicks that would edit do nothing.
    for key in [Key::N, Key::Enter, Key::Delete, Key::Num1, Key::X, Key::S] {
        h.key_press(key);
        h.run();
    }
    let card = h.get_by_label("Pays with Apple Pay").rect().center();
    double_click_at(&mut h, card);
    h.run();
    assert!(
        h.query_by_role(egui::accesskit::Role::TextInput).is_none(),
        "no editor, no Find"
    );
    assert!(h.state().canvas.inline.is_none());
    assert_eq!(journey(&h), original);
    // E: the facilitator edits, still without chrome.
    h.key_press(Key::E);
    h.run();
    h.key_press(Key::N);
    h.run();
    h.run();
    assert!(h.query_by_role(egui::accesskit::Role::TextInput).is_some());
    assert!(h.query_by_label("File").is_none());
    // Escape leaves at once, even from the open field, and the chrome comes back.
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().workshop.presentation.on);
    assert!(h.state().canvas.inline.is_none());
    h.get_by_label("File");
    assert_eq!(journey(&h), original);
}

#[test]
fn the_spotlight_walks_the_stages_with_the_arrows() {
    use journeymap::app::workshop::Spotlight;
    let mut h = harness(ecommerce());
    let j = journey(&h);
    h.key_press(Key::F11);
    h.run();
    h.key_press(Key::Space);
    h.run();
    assert_eq!(
        h.state().workshop.spotlight,
        Some(Spotlight::Stage(j.stages[0].id))
    );
    for _ in 0..2 {
        h.key_press(Key::ArrowRight);
        h.run();
    }
    assert_eq!(
        h.state().workshop.spotlight,
        Some(Spotlight::Stage(j.stages[2].id))
    );
    for _ in 0..9 {
        h.key_press(Key::ArrowRight);
        h.run();
    }
    assert_eq!(
        h.state().workshop.spotlight,
        Some(Spotlight::Stage(j.stages[4].id))
    );
    h.key_press(Key::Space);
    h.run();
    assert_eq!(h.state().workshop.spotlight, None);
    assert_eq!(journey(&h), j);
}

#[test]
fn a_voting_round_hides_the_totals_until_revealed_and_undoes_as_one_step() {
    let mut h = harness(ecommerce());
    let original = journey(&h);
    h.get_by_label("Workshop").click();
    h.run();
    h.get_by_label("Start a vote…").click();
    h.run();
    h.get_by_label("Start voting").click();
    h.run();
    assert!(h.state().workshop.voting.is_open());
    // Voter 1: three dots, by click and by key.
    h.get_by_label("Voter 1 of 6");
    h.get_by_label("Shipping cost shows at the last step")
        .click();
    h.run();
    h.get_by_label("Shipping cost shows at the last step")
        .click();
    h.run();
    h.key_press(Key::V);
    h.run();
    h.get_by_label("0 left");
    h.key_press(Key::V);
    h.run();
    assert_eq!(
        journey(&h),
        original,
        "the totals stay hidden: no card changed"
    );
    h.get_by_label("Next voter").click();
    h.run();
    h.get_by_label("Voter 2 of 6");
    h.get_by_label("3 left");
    h.get_by_label("Invoice is missing our VAT number").click();
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run();
    // Voter 3 votes on the projector: presenting is read-only, but dots are not edits.
    h.get_by_label("Voter 3 of 6");
    h.key_press(Key::F11);
    h.run();
    h.get_by_label("Invoice is missing our VAT number").click();
    h.run();
    h.key_press(Key::V);
    h.run();
    h.get_by_label("1 left");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(journey(&h), original);
    h.get_by_label("Reveal").click();
    h.run();
    let j = journey(&h);
    let votes = |title: &str| {
        j.touchpoints
            .iter()
            .find(|t| t.title == title)
            .unwrap()
            .votes
    };
    assert_eq!(votes("Shipping cost shows at the last step"), 3);
    assert_eq!(votes("Invoice is missing our VAT number"), 3);
    assert_eq!(
        votes("Sees an Instagram ad"),
        0,
        "the round's dots replace the votes"
    );
    assert_eq!(j.rounds.len(), 1);
    assert_eq!(j.rounds[0].name, "Vote 1");
    assert_eq!((j.rounds[0].voters, j.rounds[0].dots_per_voter), (6, 3));
    h.get_by_label("1. Shipping cost shows at the last step — 3 dots");
    h.get_by_label("2. Invoice is missing our VAT number — 3 dots");
    // The round survives a save and a load.
    let text = journeymap::io::to_ron(&j);
    assert!(text.contains("rounds: ["), "{text}");
    assert_eq!(
        journeymap::io::from_ron(&text, std::path::Path::new("v.ron")).unwrap(),
        j
    );
    // One undo takes back the round and every card's votes.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(journey(&h), original);
}

struct Steps(Mutex<f64>);

impl Clock for Steps {
    fn seconds(&self) -> f64 {
        *self.0.lock().unwrap()
    }
}

#[test]
fn the_timer_counts_down_on_its_clock_pauses_adds_a_minute_and_ends_gently() {
    let clock = Arc::new(Steps(Mutex::new(0.0)));
    let at = |t: f64| *clock.0.lock().unwrap() = t;
    let mut h = harness(ecommerce());
    h.state_mut().workshop.timer = Timer::with_clock(clock.clone());
    h.key_press(Key::T);
    h.run();
    h.get_by_label("05:00");
    at(61.0);
    h.run();
    h.get_by_label("03:59");
    h.get_by_label("Pause").click();
    h.run();
    at(200.0);
    h.run();
    h.get_by_label("03:59");
    h.key_press_modifiers(Modifiers::SHIFT, Key::T);
    h.run();
    h.get_by_label("04:59");
    h.key_press(Key::T);
    h.run();
    at(200.0 + 299.0);
    // The sign at the end pulses: the window keeps repainting for a few seconds.
    h.run_steps(2);
    h.get_by_label("00:00");
    h.get_by_label("Time's up");
    // Presenting keeps the timer in view.
    h.key_press(Key::F11);
    h.run_steps(2);
    h.get_by_label("Time's up");
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.get_by_label("✕").click();
    h.run_steps(2);
    assert!(h.query_by_label("00:00").is_none());
}

/// The timer and a vote under way float over the window; the exported image is the journey's
/// alone, the same bytes as an export with neither.
#[test]
fn the_timer_and_the_vote_never_reach_an_exported_image() {
    let dir = tempfile::tempdir().unwrap();
    let (shown, plain) = (dir.path().join("shown.png"), dir.path().join("plain.png"));
    let journey_before = ecommerce();
    let mut h = harness(journey_before.clone());
    h.key_press(Key::T);
    h.run();
    h.state_mut().workshop.voting.start("Fix first", 3, 4);
    h.get_by_label("Sees an Instagram ad").click();
    h.run();
    h.get_by_label("Fix first");
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("1×").click();
    h.get_by_label("Light").click();
    h.run();
    h.get_by_label("Choose file…").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(shown.display().to_string()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.state_mut().finish_export(None);
    let options = journeymap::export::Options {
        scale: 1.0,
        ..Default::default()
    };
    journeymap::export::export_png(&journey_before, &plain, &options).unwrap();
    assert!(std::fs::read(&shown).unwrap() == std::fs::read(&plain).unwrap());
}

/// Every piece of text painted in the last frame: its text and font size (pixels: the harness
/// draws at one pixel per point).
fn painted_text(h: &Harness<'_, AppState>) -> Vec<(String, f32)> {
    fn walk(shape: &egui::Shape, out: &mut Vec<(String, f32)>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            egui::Shape::Text(t) => {
                for section in &t.galley.job.sections {
                    let range = &section.byte_range;
                    let text = &t.galley.job.text[range.start.0..range.end.0];
                    if !text.trim().is_empty() {
                        out.push((text.trim().to_owned(), section.format.font_id.size));
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// The text painted inside cards (not in stage rows or headers).
fn card_text(h: &mut Harness<'_, AppState>) -> Vec<(String, f32)> {
    let mut out = Vec::new();
    let app = h.state_mut();
    let view = app.canvas.view();
    let cards: Vec<egui::Rect> = app
        .doc
        .layout()
        .cards
        .iter()
        .map(|c| view.to_screen_rect(c.rect))
        .collect();
    for clipped in &h.output().shapes {
        let mut inside = |shape: &egui::Shape| {
            if let egui::Shape::Text(t) = shape
                && cards.iter().any(|r| r.contains(t.pos))
            {
                for section in &t.galley.job.sections {
                    let range = &section.byte_range;
                    let text = t.galley.job.text[range.start.0..range.end.0].trim();
                    if !text.is_empty() {
                        out.push((text.to_owned(), section.format.font_id.size));
                    }
                }
            }
        };
        match &clipped.shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(&mut inside),
            shape => inside(shape),
        }
    }
    out
}

/// The smallest card title and the smallest secondary text (channel, owner, votes, pain) on
/// screen, in pixels.
fn smallest_card_text(h: &mut Harness<'_, AppState>, j: &Journey) -> (f32, f32) {
    let text = card_text(h);
    let smallest = |is: &dyn Fn(&str) -> bool| {
        text.iter()
            .filter(|(t, _)| is(t))
            .map(|&(_, size)| size)
            .fold(f32::INFINITY, f32::min)
    };
    // A title cut short ends in "…".
    let shows = |whole: &str, t: &str| {
        whole == t || (t.ends_with('…') && whole.starts_with(t.trim_end_matches('…')))
    };
    let title = smallest(&|t: &str| j.touchpoints.iter().any(|c| shows(&c.title, t)));
    let secondary = smallest(&|t: &str| {
        j.touchpoints.iter().any(|c| {
            c.channel.as_ref().is_some_and(|ch| t == ch.label())
                || (!c.owner.is_empty() && shows(&c.owner, t))
        }) || t == "Pain"
    });
    (title, secondary)
}

/// A 5-stage, 2-persona map as a workshop builds it: a card in every cell, each with a channel,
/// an owner, votes, and pain points on some.
fn workshop_map() -> Journey {
    use journeymap::edit;
    let mut j = templates::blank();
    for name in ["Consider", "Advocate"] {
        let (e, _) = edit::add_stage(&j, name, usize::MAX);
        e.apply(&mut j).unwrap();
    }
    let (e, _) = edit::add_persona(&j, "Small business", usize::MAX);
    e.apply(&mut j).unwrap();
    let titles = [
        "Sees an ad",
        "Compares prices",
        "Pays at checkout",
        "Gets the parcel",
        "Tells a friend",
        "Searches for supplier",
        "Asks for a quote",
        "Pays on account",
        "Receives invoice",
        "Reorders",
    ];
    let channels = [
        journeymap::model::Channel::Website,
        journeymap::model::Channel::Email,
    ];
    let mut n = 0;
    for persona in j.personas.clone() {
        for stage in j.stages.clone() {
            let (e, id) = edit::add_touchpoint(&j, persona.id, stage.id, titles[n]).unwrap();
            e.apply(&mut j).unwrap();
            let i = j.touchpoint_index(id).unwrap();
            let t = &mut j.touchpoints[i];
            t.channel = Some(channels[n % 2].clone());
            t.owner = "Support".into();
            t.emotion = Some(Emotion((n % 5) as i8 - 2));
            t.votes = (n % 3) as u32;
            if n % 3 == 0 {
                t.pain_point = Some("Slow".into());
            }
            n += 1;
        }
    }
    j.validate().unwrap();
    j
}

/// At 1920 × 1080, presenting at the "projector" text size, the fitted map's card titles are at
/// least 24 px and its secondary text at least 18 px; "hide details" leaves titles, emotions
/// and pain marks.
#[test]
fn projector_text_is_readable_from_the_back_of_the_room() {
    let j = workshop_map();
    let mut h = harness_sized(j.clone(), vec2(1920.0, 1080.0));
    h.key_press(Key::F11);
    h.run();
    let (title, secondary) = smallest_card_text(&mut h, &j);
    eprintln!("normal text: titles {title:.1} px, secondary {secondary:.1} px");
    assert!(title < 24.0, "normal text is desk-sized ({title})");
    h.key_press(Key::A);
    h.key_press(Key::A);
    h.run();
    assert_eq!(
        h.state().doc.style().text_size,
        journeymap::layout::TextSize::Projector
    );
    let (title, secondary) = smallest_card_text(&mut h, &j);
    eprintln!(
        "projector: zoom {:.2}, titles {title:.1} px, secondary {secondary:.1} px",
        h.state().canvas.camera.zoom
    );
    assert!(title >= 24.0, "titles {title}");
    assert!(secondary >= 18.0, "secondary {secondary}");

    h.key_press_modifiers(Modifiers::SHIFT, Key::D);
    h.run();
    let text = painted_text(&h);
    assert!(
        !text.iter().any(|(t, _)| t == "Support" || t == "Website"),
        "details hidden"
    );
    assert!(text.iter().any(|(t, _)| t == "Sees an ad"));
    assert!(text.iter().any(|(t, _)| t == "⚠"), "pain marks stay");
    let (title, _) = smallest_card_text(&mut h, &j);
    eprintln!(
        "projector, details hidden: zoom {:.2}, titles {title:.1} px",
        h.state().canvas.camera.zoom
    );
    assert!(title >= 24.0);
    // Shown again: the detail there was before.
    h.key_press_modifiers(Modifiers::SHIFT, Key::D);
    h.run();
    assert_eq!(
        h.state().doc.style().detail,
        journeymap::layout::Detail::Standard
    );

    // The sample journey (5 stages, 2 personas, up to 3 cards a cell, 7 stage rows) for the
    // record: its height decides its fitted zoom.
    let sample = ecommerce();
    let mut h = harness_sized(sample.clone(), vec2(1920.0, 1080.0));
    h.key_press(Key::F11);
    h.key_press(Key::A);
    h.key_press(Key::A);
    h.run();
    let (title, secondary) = smallest_card_text(&mut h, &sample);
    eprintln!(
        "sample, projector: zoom {:.2}, titles {title:.1} px, secondary {secondary:.1} px",
        h.state().canvas.camera.zoom
    );
    assert!(
        title >= 24.0 && secondary >= 18.0,
        "presenting fits the width of a tall map"
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::D);
    h.run();
    let (title, _) = smallest_card_text(&mut h, &sample);
    eprintln!(
        "sample, projector, details hidden: zoom {:.2}, titles {title:.1} px",
        h.state().canvas.camera.zoom
    );
}
