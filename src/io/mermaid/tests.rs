use super::*;
use std::path::Path;

/// The example of Mermaid's user-journey documentation.
const DOCS: &str = "journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
";

fn read_mmd(text: &str) -> Result<Imported, ImportError> {
    read(text.as_bytes(), Path::new("j.mmd"))
}

fn error(text: &str) -> String {
    read_mmd(text).unwrap_err().to_string()
}

#[test]
fn the_documentation_example_becomes_a_lane_per_actor_and_a_stage_per_section() {
    let imported = read_mmd(DOCS).unwrap();
    assert_eq!(imported.title.as_deref(), Some("My working day"));
    assert_eq!(imported.personas, ["Me", "Cat"]);
    assert_eq!(imported.stages, ["Go to work", "Go home"]);
    assert_eq!(
        imported.cards.len(),
        6,
        "Do work is one card in each actor's lane"
    );
    let emotions: Vec<i8> = imported
        .cards
        .iter()
        .map(|c| c.emotion.unwrap().0)
        .collect();
    assert_eq!(emotions, [2, 0, -2, -2, 2, 2]);
    let journey = imported.into_journey("fallback");
    journey.validate().unwrap();
    assert_eq!(to_mermaid(&journey).0, DOCS);
}

#[test]
fn the_grammars_corners_as_mermaid_reads_them() {
    // Mermaid's own parser tests: tasks with no actors, an empty actor, no space after a colon.
    let text = "journey\ntitle T\nsection Documentation\nA task: 5: Alice, Bob\nB task: 3:Bob\n\
                C task: 5\nE task: 5:\n";
    let imported = read_mmd(text).unwrap();
    assert_eq!(imported.personas, ["Alice", "Bob", DEFAULT_PERSONA]);
    assert_eq!(imported.cards.len(), 5);

    // Keywords in any case, CRLF, comments of both kinds, accessibility lines, front matter,
    // a directive, and the description in its block form.
    let text = "---\r\ntitle: From front matter\r\n---\r\n%%{init: {'theme': 'dark'}}%%\r\n\
                JOURNEY\r\n  %% a comment\r\n  accTitle: For screen readers\r\n  \
                accDescr {\r\n    Two lines\r\n    of description\r\n  }\r\n  SECTION Start # here\r\n  \
                Sign up: 4: Ann # she liked it\r\n";
    let imported = read_mmd(text).unwrap();
    assert_eq!(imported.title.as_deref(), Some("From front matter"));
    assert_eq!(
        imported.description.as_deref(),
        Some("Two lines\nof description")
    );
    assert_eq!(imported.stages, ["Start"]);
    assert_eq!(imported.cards[0].title, "Sign up");
    assert_eq!(imported.cards[0].emotion, Some(Emotion(1)));
}

#[test]
fn tasks_before_any_section_land_in_a_default_stage_and_scores_are_clamped_and_said() {
    let imported = read_mmd("journey\nWake up: 9: Me\nSnooze: 2.6: Me\nGet up: 0x1: Me\n").unwrap();
    assert_eq!(imported.stages, [DEFAULT_STAGE]);
    let emotions: Vec<i8> = imported
        .cards
        .iter()
        .map(|c| c.emotion.unwrap().0)
        .collect();
    assert_eq!(emotions, [2, 0, -2]);
    let summary = imported.summary();
    assert!(summary.contains("1 score outside 1..5"), "{summary}");
    assert!(summary.contains("1 score rounded"), "{summary}");
}

#[test]
fn what_mermaid_rejects_is_refused_with_the_line_and_what_was_expected() {
    assert_eq!(
        error("flowchart LR\nA-->B"),
        "j.mmd:1: expected `journey`: a Mermaid journey diagram starts with it"
    );
    assert_eq!(
        error("journey\nsection S\nMake tea\nDrink it: 5: Me"),
        "j.mmd:3: expected a score after the task \"Make tea\", as in `Make tea: 5: Actor`"
    );
    assert_eq!(
        error("journey\nsection S\nMake tea:\n"),
        "j.mmd:3: expected a score after the task \"Make tea\", as in `Make tea: 5: Actor`"
    );
    assert!(
        error("journey\nsection S\nA: 5: Me; B: 3: Me").starts_with("j.mmd:3: unexpected \";\"")
    );
    assert!(error("journey\nsection S\n: 5: Me").starts_with("j.mmd:3: expected a task name"));
    assert_eq!(
        error("journey\nsection S\nTea: great: Me\n"),
        "j.mmd:3: task \"Tea\": expected a score from 1 to 5, found \"great\""
    );
    // A task whose name starts with `journey` is Mermaid's `journey` keyword.
    assert!(error("journey\nJourney home: 3: Me").starts_with("j.mmd:2: `journey` may only"));
}

#[test]
fn the_first_journey_block_of_a_markdown_file_is_read_with_the_files_line_numbers() {
    let md = "# Notes\n\n```mermaid\nflowchart LR\n  A-->B\n```\n\nText.\n\n```mermaid\n\
              journey\n  section S\n  Broken\n```\n";
    let e = read(md.as_bytes(), Path::new("doc.md")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "doc.md:13: expected a score after the task \"Broken\", as in `Broken: 5: Actor`"
    );
    let e = read(b"# Nothing here\n", Path::new("doc.md")).unwrap_err();
    assert!(e.to_string().contains("no Mermaid journey"), "{e}");
}

#[test]
fn export_groups_a_title_shared_across_lanes_into_one_task_and_round_trips() {
    let journey = crate::templates::sample();
    let (text, _) = to_mermaid(&journey);
    let back = read_mmd(&text).unwrap().into_journey("x");
    back.validate().unwrap();
    let (again, changed) = to_mermaid(&back);
    assert_eq!(
        again, text,
        "Journeymap → Mermaid → Journeymap → Mermaid is stable"
    );
    assert_eq!(changed, 0);

    let text = "journey\n    title T\n    section S\n      Pay: 2: Ann, Bob\n      Leave: 3: Bob\n";
    let back = read_mmd(text).unwrap().into_journey("x");
    assert_eq!(to_mermaid(&back).0, text);
}

#[test]
fn names_mermaid_cannot_hold_are_changed_and_counted() {
    let mut journey = crate::templates::blank();
    journey.title = "Q3; review #2".into();
    journey.touchpoints.push(Touchpoint::new(
        TouchpointId(1),
        journey.personas[0].id,
        journey.stages[0].id,
        "Step 1: sign up",
    ));
    journey.touchpoints.push(Touchpoint::new(
        TouchpointId(2),
        journey.personas[0].id,
        journey.stages[0].id,
        "Title of the page",
    ));
    let (text, changed) = to_mermaid(&journey);
    assert_eq!(changed, 3, "{text}");
    let back = read_mmd(&text).unwrap();
    assert_eq!(back.cards[0].title, "Step 1 - sign up");
    assert_eq!(back.cards[1].title, "\"Title of the page\"");
    assert_eq!(back.title.as_deref(), Some("Q3 review 2"));
}
