//! `journeymap report`: the journey's health, checked against figures worked out by hand for a
//! journey built here, in each of its three formats.

use journeymap::model::{
    Colour, Emotion, Goal, Journey, Metric, Persona, PersonaId, Stage, StageId, Target, Touchpoint,
    TouchpointId,
};
use std::process::Command;

/// Two personas over three stages:
/// - Ann: Look (+1), Buy (-2, pain "Hidden fees", 3 votes, CSAT 60 %), Use (+2, CSAT 90 %)
/// - Bob: Look (-1, pain "Ad spam", 3 votes), Buy (0, pain "Slow site", 5 votes, CSAT 70 %)
///
/// By hand: Ann's mean emotion (1 - 2 + 2) / 3 = +0.3, lowest at Buy (-2.0); Bob's (-1 + 0) / 2
/// = -0.5, lowest at Look (-1.0). Look: 1 pain point, mean 0.0; Buy: 2 pain points, mean -1.0,
/// CSAT (60 + 70) / 2 = 65 % (n=2) misses ≥ 80 %; Use: none, +2.0, CSAT 90 % meets it. Fix first:
/// Slow site (5 votes), then Hidden fees (3 votes, emotion -2) before Ad spam (3 votes, -1).
fn journey() -> Journey {
    let card = |id: u32, persona: u32, stage: u32, emotion: i8| {
        let mut t = Touchpoint::new(
            TouchpointId(id),
            PersonaId(persona),
            StageId(stage),
            &format!("Card {id}"),
        );
        t.emotion = Some(Emotion(emotion));
        t
    };
    let csat = |value| Metric {
        name: "CSAT".into(),
        value,
        unit: "%".into(),
    };
    let mut buy_ann = card(2, 1, 2, -2);
    buy_ann.pain_point = Some("Hidden fees".into());
    buy_ann.votes = 3;
    buy_ann.metrics = vec![csat(60.0)];
    let mut use_ann = card(3, 1, 3, 2);
    use_ann.metrics = vec![csat(90.0)];
    let mut look_bob = card(4, 2, 1, -1);
    look_bob.pain_point = Some("Ad spam".into());
    look_bob.votes = 3;
    let mut buy_bob = card(5, 2, 2, 0);
    buy_bob.pain_point = Some("Slow site".into());
    buy_bob.votes = 5;
    buy_bob.metrics = vec![csat(70.0)];
    Journey {
        title: "Shop".into(),
        personas: vec![
            Persona::new(PersonaId(1), "Ann", Colour::PALETTE[0]),
            Persona::new(PersonaId(2), "Bob", Colour::PALETTE[1]),
        ],
        stages: vec![
            Stage::new(StageId(1), "Look"),
            Stage::new(StageId(2), "Buy"),
            Stage::new(StageId(3), "Use"),
        ],
        touchpoints: vec![card(1, 1, 1, 1), buy_ann, use_ann, look_bob, buy_bob],
        targets: vec![Target {
            metric: "CSAT".into(),
            goal: Goal::AtLeast(80.0),
        }],
        ..Journey::default()
    }
}

fn report(format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    journeymap::io::save(&dir.path().join("shop.ron"), &journey()).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["report", "shop.ron", "--format", format])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn the_markdown_report_has_the_figures_worked_out_by_hand() {
    let md = report("md");
    for expected in [
        "# Journey health: Shop",
        "| Ann | +0.3 | Buy (-2.0) |",
        "| Bob | -0.5 | Look (-1.0) |",
        "| Look | 1 | 0.0 | – |",
        "| Buy | 2 | -1.0 | CSAT 65 % (n=2), misses ≥ 80 % |",
        "| Use | 0 | +2.0 | CSAT 90 % (n=1), meets ≥ 80 % |",
        "1. **Slow site** (Bob, Buy): Card 5 (5 votes, emotion 0)",
        "2. **Hidden fees** (Ann, Buy): Card 2 (3 votes, emotion -2)",
        "3. **Ad spam** (Bob, Look): Card 4 (3 votes, emotion -1)",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
}

#[test]
fn the_csv_report_is_one_long_table() {
    let csv = report("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "section,persona,stage,measure,value");
    for expected in [
        "persona,Ann,,mean emotion,+0.3",
        "persona,Bob,Look,lowest stage,-1.0",
        "stage,,Buy,CSAT,65 %",
        "stage,,Buy,CSAT target,misses ≥ 80 %",
        "fix first,Bob,Buy,Slow site,5 votes",
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in\n{csv}");
    }
}

#[test]
fn the_json_report_carries_the_same_figures() {
    let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    assert_eq!(json["stages"][1]["pain_points"], 2);
    assert_eq!(json["stages"][1]["metrics"][0]["mean"], 65.0);
    assert_eq!(json["stages"][1]["metrics"][0]["misses_target"], true);
    assert_eq!(json["fix_first"][0]["pain_point"], "Slow site");
    assert_eq!(json["personas"][1]["lowest_stage"][0], "Look");
}
