//! Properties of the importers: any journey comes back from CSV equal in content, and hostile
//! bytes fed to the CSV and Mermaid importers never panic, answer fast, and explain themselves
//! in text safe for a terminal.

use journeymap::io::{csv, mermaid};
use journeymap::model::{
    Channel, Colour, Emotion, Journey, Kind, Metric, Persona, PersonaId, Stage, StageId,
    Touchpoint, TouchpointId,
};
use proptest::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// Metric columns; a card holds each at most once (one cell per column).
const METRICS: [(&str, &str); 3] = [("CSAT", "%"), ("NPS", ""), ("Time to answer", "min")];

fn name() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ]{0,8}[a-z]"
}

fn text() -> impl Strategy<Value = String> {
    "[^\r]{0,12}"
}

fn channel() -> impl Strategy<Value = Option<Channel>> {
    prop_oneof![
        Just(None),
        prop::sample::select(Channel::NAMED.to_vec()).prop_map(Some),
        "Kiosk[0-9]".prop_map(|n| Some(Channel::Other(n))),
    ]
}

prop_compose! {
    fn card(personas: usize, stages: usize)(
        persona in 0..personas, stage in 0..stages, title in text(), notes in text(),
        channel in channel(), indirect in any::<bool>(), emotion in prop::option::of(-2i8..=2),
        pain_point in prop::option::of("[^\r]{1,12}"), opportunity in text(), owner in text(),
        metrics in prop::collection::vec((any::<bool>(), -1e6f64..1e6), 3),
        votes in any::<u32>(), tags in prop::collection::vec("[a-z][a-z0-9 ]{0,5}[a-z0-9]", 0..3),
    ) -> Touchpoint {
        let metrics = METRICS.iter().zip(metrics).filter(|(_, (on, _))| *on)
            .map(|((name, unit), (_, value))| Metric { name: (*name).into(), value, unit: (*unit).into() })
            .collect();
        Touchpoint {
            id: TouchpointId(0),
            persona: PersonaId(persona as u32 + 1),
            stage: StageId(stage as u32 + 1),
            title, notes, channel,
            kind: if indirect { Kind::Indirect } else { Kind::Direct },
            emotion: emotion.map(Emotion), pain_point, opportunity, owner, metrics, votes, tags,
        }
    }
}

fn unique(names: Vec<String>) -> Vec<String> {
    let mut seen = Vec::<String>::new();
    for n in names {
        if !seen.iter().any(|s| s.to_lowercase() == n.to_lowercase()) {
            seen.push(n);
        }
    }
    seen
}

fn journey() -> impl Strategy<Value = Journey> {
    (
        prop::collection::vec(name(), 1..4).prop_map(unique),
        prop::collection::vec(name(), 1..5).prop_map(unique),
    )
        .prop_flat_map(|(personas, stages)| {
            let cards = prop::collection::vec(card(personas.len(), stages.len()), 0..25);
            (Just(personas), Just(stages), cards)
        })
        .prop_map(|(personas, stages, cards)| Journey {
            personas: personas
                .iter()
                .enumerate()
                .map(|(i, n)| Persona::new(PersonaId(i as u32 + 1), n, Colour::PALETTE[0]))
                .collect(),
            stages: stages
                .iter()
                .enumerate()
                .map(|(i, n)| Stage::new(StageId(i as u32 + 1), n))
                .collect(),
            touchpoints: cards
                .into_iter()
                .enumerate()
                .map(|(i, c)| Touchpoint {
                    id: TouchpointId(i as u32 + 1),
                    ..c
                })
                .collect(),
            ..Journey::default()
        })
}

/// Lane names, stage names, and each card with its lane's and stage's names.
type Content = (Vec<String>, Vec<String>, Vec<(String, String, Touchpoint)>);

/// The journey's content as the map shows it: lane names, stage names, and each card (with its
/// lane's and stage's names, without its id) in map order. A card's metrics come back in the
/// order of the table's columns, so they are compared by name.
fn content(j: &Journey) -> Content {
    let mut cards = Vec::new();
    for p in &j.personas {
        for s in &j.stages {
            for t in j.cell(p.id, s.id) {
                let mut metrics = t.metrics.clone();
                metrics.sort_by(|a, b| a.name.cmp(&b.name));
                let t = Touchpoint {
                    id: TouchpointId(0),
                    metrics,
                    persona: PersonaId(0),
                    stage: StageId(0),
                    ..t.clone()
                };
                cards.push((p.name.clone(), s.name.clone(), t));
            }
        }
    }
    (
        j.personas.iter().map(|p| p.name.clone()).collect(),
        j.stages.iter().map(|s| s.name.clone()).collect(),
        cards,
    )
}

/// What a refusal may look like: one line per problem naming the file, no control characters.
fn readable(message: &str, file: &str) -> Result<(), TestCaseError> {
    prop_assert!(message.lines().count() <= 21, "{message}");
    for line in message.lines() {
        prop_assert!(line.starts_with(file), "{line}");
        prop_assert!(!line.chars().any(char::is_control), "{line:?}");
    }
    Ok(())
}

/// Mutates `bytes` by replacing, inserting and removing bytes at the given places.
fn mutate(mut bytes: Vec<u8>, edits: Vec<(prop::sample::Index, u8, u8)>) -> Vec<u8> {
    for (at, byte, how) in edits {
        let i = at.index(bytes.len().max(1));
        match how {
            0 if i < bytes.len() => bytes[i] = byte,
            1 => bytes.insert(i.min(bytes.len()), byte),
            _ if i < bytes.len() => {
                bytes.remove(i);
            }
            _ => {}
        }
    }
    bytes
}

/// Far more than any of these takes (well under a millisecond); a slow scan shows.
const QUICK: Duration = Duration::from_millis(250);

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_journey_comes_back_from_csv_equal_in_content(original in journey()) {
        let bytes = csv::to_csv(&original);
        let back = csv::read(&bytes, Path::new("j.csv"))
            .map_err(|e| TestCaseError::fail(e.to_string()))?
            .into_journey("j");
        prop_assert!(back.validate().is_ok());
        prop_assert_eq!(content(&back), content(&original));
    }

    #[test]
    fn a_mutated_csv_file_imports_or_lists_its_problems(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..10)
    ) {
        let bytes = mutate(csv::to_csv(&journeymap::templates::sample()), edits);
        let start = Instant::now();
        let result = csv::read(&bytes, Path::new("m.csv"));
        prop_assert!(start.elapsed() < QUICK);
        match result {
            Ok(imported) => prop_assert!(imported.into_journey("m").validate().is_ok()),
            Err(e) => readable(&e.to_string(), "m.csv")?,
        }
    }

    #[test]
    fn a_mutated_mermaid_file_imports_or_says_which_line_is_wrong(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..10)
    ) {
        let text = mermaid::to_mermaid(&journeymap::templates::sample()).0;
        let bytes = mutate(text.into_bytes(), edits);
        let start = Instant::now();
        let result = mermaid::read(&bytes, Path::new("m.mmd"));
        prop_assert!(start.elapsed() < QUICK);
        match result {
            Ok(imported) => prop_assert!(imported.into_journey("m").validate().is_ok()),
            Err(e) => readable(&e.to_string(), "m.mmd")?,
        }
    }

    /// Made of the pieces of Mermaid's grammar, in any order: keywords, colons, comments, braces.
    #[test]
    fn mermaid_pieces_in_any_order_import_or_say_which_line_is_wrong(
        pieces in prop::collection::vec(prop::sample::select(vec![
            "journey", "title ", "section ", "accTitle:", "accDescr", "{", "}", ":", ": 5",
            ": 3: A, B", ",", ";", "#", "%%", "%%{", "}%%", "---", "\n", "\r\n", " ", "Task",
            "\u{1b}[2J", "\u{202e}", "é", "```mermaid\n", "```\n",
        ]), 0..40)
    ) {
        let text: String = pieces.concat();
        for path in ["p.mmd", "p.md"] {
            let start = Instant::now();
            let result = mermaid::read(text.as_bytes(), Path::new(path));
            prop_assert!(start.elapsed() < QUICK);
            match result {
                Ok(imported) => prop_assert!(imported.into_journey("p").validate().is_ok()),
                Err(e) => readable(&e.to_string(), path)?,
            }
        }
    }
}

#[test]
fn megabytes_of_hostile_input_are_answered_quickly() {
    let hostile: [&[u8]; 5] = [
        &b"\"".repeat(2_000_000),
        &b";".repeat(2_000_000),
        &b"Title,E\n".repeat(250_000),
        &b"x%%".repeat(700_000),
        &b"journey\n:".repeat(200_000),
    ];
    for bytes in hostile {
        for path in ["h.csv", "h.mmd"] {
            let start = Instant::now();
            let result = match path {
                "h.csv" => csv::read(bytes, Path::new(path)).map(|_| ()),
                _ => mermaid::read(bytes, Path::new(path)).map(|_| ()),
            };
            assert!(start.elapsed() < Duration::from_secs(2), "{path}");
            if let Err(e) = result {
                readable(&e.to_string(), path).unwrap();
            }
        }
    }
}
