//! CSV in and out, with files as Excel, LibreOffice and Google Sheets write them, made here;
//! every way a file can be wrong; the command line's `import` and `export`.

use journeymap::io::csv;
use journeymap::model::{Channel, Emotion, Journey, Kind, Metric};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn read(bytes: &[u8]) -> Journey {
    let imported = csv::read(bytes, Path::new("data.csv")).unwrap();
    let journey = imported.into_journey("data");
    journey.validate().unwrap();
    journey
}

fn refusal(bytes: &[u8]) -> String {
    csv::read(bytes, Path::new("data.csv"))
        .unwrap_err()
        .to_string()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    output
}

#[test]
fn excel_in_europe_bom_semicolons_crlf_quoted_line_breaks_decimal_commas_and_a_1_to_5_scale() {
    let text = "\u{feff}Segment;Phase;Touchpoint;Channel;Score;Pain;Department;CSAT (%);Tags;;\r\n\
                Busy parent;Awareness;Sees an ad;Social media;4;;Marketing;72,5;mobile, ads;;\r\n\
                Busy parent;Purchase;\"Pays; twice\r\nthen calls\";Website;1;\"Charged \"\"twice\"\"\";Payments;;;;\r\n\
                Student;Awareness;Hears from a friend;Word of mouth;5;;;;;;\r\n\
                ;;;;;;;;;;\r\n\
                ;;;;;;;;;;\r\n";
    let j = read(text.as_bytes());
    let names: Vec<&str> = j.personas.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Busy parent", "Student"]);
    let stages: Vec<&str> = j.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(stages, ["Awareness", "Purchase"]);
    assert_eq!(j.touchpoints.len(), 3);
    let ad = &j.touchpoints[0];
    assert_eq!(ad.emotion, Some(Emotion(1)), "4 on 1..5 is +1");
    assert_eq!(ad.channel, Some(Channel::SocialMedia));
    assert_eq!(ad.owner, "Marketing");
    assert_eq!(ad.tags, ["mobile", "ads"]);
    assert_eq!(
        ad.metrics,
        [Metric {
            name: "CSAT".into(),
            value: 72.5,
            unit: "%".into()
        }]
    );
    let pays = &j.touchpoints[1];
    assert_eq!(pays.title, "Pays; twice\nthen calls");
    assert_eq!(pays.pain_point.as_deref(), Some("Charged \"twice\""));
    assert_eq!(pays.emotion, Some(Emotion(-2)));
    assert_eq!(j.touchpoints[2].channel, Some(Channel::Reviews));
    let summary = csv::read(text.as_bytes(), Path::new("data.csv"))
        .unwrap()
        .summary();
    assert!(summary.contains("emotions from 1..5"), "{summary}");
}

#[test]
fn libreoffice_and_google_sheets_commas_lf_or_crlf_and_a_minus_2_to_2_scale() {
    let libre = "Persona,Stage,Title,Emotion,Kind,Votes,Notes\n\
                 Ann,Sign-up,\"Fills in a form, slowly\",-1,Indirect,3,\"Line one\nline two\"\n\
                 Ann,Sign-up,Gets the email,2,direct,,\n";
    let j = read(libre.as_bytes());
    assert_eq!(j.touchpoints[0].title, "Fills in a form, slowly");
    assert_eq!(j.touchpoints[0].kind, Kind::Indirect);
    assert_eq!(j.touchpoints[0].votes, 3);
    assert_eq!(j.touchpoints[0].notes, "Line one\nline two");
    assert_eq!(j.touchpoints[1].emotion, Some(Emotion(2)));

    let sheets = "Step,Actor,Feeling,NPS\r\nOpens the app,Ann,0,9\r\nLogs in,Bob,+1,\r\n";
    let j = read(sheets.as_bytes());
    assert_eq!(
        j.stages[0].name, "Journey",
        "no stage column: one default stage"
    );
    assert_eq!(j.touchpoints[0].metrics[0].value, 9.0);
    assert_eq!(j.touchpoints[1].emotion, Some(Emotion(1)));

    let tabs = "Title\tStage\tPersona\nA\tS\tP\n";
    assert_eq!(read(tabs.as_bytes()).touchpoints[0].title, "A");
}

#[test]
fn a_text_column_of_other_data_is_left_out_and_said_so() {
    let text = "Title,Date,Score\nA,2024-01-01,1\nB,2024-01-02,2\n";
    let imported = csv::read(text.as_bytes(), Path::new("data.csv")).unwrap();
    assert!(imported.cards[0].metrics.is_empty());
    let summary = imported.summary();
    assert!(summary.contains("\"Date\" left out"), "{summary}");
    assert!(
        summary.contains("from -2..2"),
        "only 1 and 2: the -2..2 scale"
    );
}

#[test]
fn bad_rows_are_all_listed_with_their_line_and_column_and_nothing_is_imported() {
    let text = "Title,Emotion,Kind,Votes,CSAT\n\
                Ok,1,Direct,0,80\n\
                \"Two\nlines\",great,Direct,0,80\n\
                Bad kind,1,Sideways,-3,eighty\n";
    assert_eq!(
        refusal(text.as_bytes()),
        "data.csv:3: column \"Emotion\": expected -2..2 or 1..5, found \"great\"\n\
         data.csv:5: column \"Kind\": expected Direct or Indirect, found \"Sideways\"\n\
         data.csv:5: column \"Votes\": expected a whole number of votes, 0 or more, found \"-3\"\n\
         data.csv:5: column \"CSAT\": expected a number for the metric \"CSAT\", found \"eighty\""
    );
    assert_eq!(
        refusal(b"Title,Emotion\nA,-1\nB,5\n"),
        "data.csv:3: column \"Emotion\": expected an emotion from -2 to 2 (the file has values \
         below 1, so it is not the 1..5 scale), found \"5\""
    );
    assert!(refusal(b"").contains("the file is empty"));
    assert!(
        refusal(b"Persona,Stage\nA,B\n").contains("data.csv:1: no column names the touchpoints")
    );
    assert!(refusal(b"Title,Step\nA,B\n").contains("another column already holds the title"));
    assert!(refusal(b"Title\n\xff\xfe\n").contains("data.csv:2: not UTF-8 text"));
    let escape = refusal(b"Title,Emotion\nA,\x1b[2J\n");
    assert!(escape.contains("found \"\\u{1b}[2J\""), "{escape}");
}

#[test]
fn at_most_twenty_problems_are_shown_then_how_many_more() {
    let mut text = String::from("Title,Emotion\n");
    for n in 0..45 {
        text.push_str(&format!("Card {n},great\n"));
    }
    let shown = refusal(text.as_bytes());
    assert_eq!(shown.lines().count(), 21);
    assert!(shown.starts_with("data.csv:2: column \"Emotion\""));
    assert!(shown.ends_with("data.csv: … and 25 more problems; nothing was imported"));
}

#[test]
fn every_template_round_trips_its_cards_lanes_and_stages() {
    for template in journeymap::templates::TEMPLATES.iter() {
        let original = template.journey().unwrap();
        let bytes = csv::to_csv(&original);
        assert!(bytes.starts_with(b"\xef\xbb\xbf"), "a BOM for Excel");
        assert!(String::from_utf8_lossy(&bytes).contains("\r\n"));
        let back = read(&bytes);
        let names = |j: &Journey| -> (Vec<String>, Vec<String>) {
            (
                j.personas.iter().map(|p| p.name.clone()).collect(),
                j.stages.iter().map(|s| s.name.clone()).collect(),
            )
        };
        assert_eq!(names(&back), names(&original), "{}", template.name);
        assert_eq!(back.touchpoints.len(), original.touchpoints.len());
        assert_eq!(csv::to_csv(&back), bytes, "{}: stable", template.name);
    }
}

#[test]
fn import_and_export_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("data.csv"),
        "Persona;Stage;Title;Emotion\r\nAnn;Browse;Looks;5\r\nAnn;Buy;Pays;2\r\n",
    )
    .unwrap();
    let o = run(d, &["import", "data.csv", "-o", "map.ron"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("imported 2 touchpoints, 1 persona, 2 stages"),
        "{out}"
    );
    assert!(out.contains("emotions from 1..5"), "{out}");
    let journey = journeymap::io::load(&d.join("map.ron")).unwrap();
    assert_eq!(journey.title, "data");
    assert_eq!(journey.touchpoints[0].emotion, Some(Emotion(2)));

    let o = run(d, &["import", "data.csv", "-o", "map.ron"]);
    assert_eq!(o.status.code(), Some(1), "an existing output needs --force");

    let o = run(d, &["export", "map.ron", "-o", "out.csv"]);
    assert_eq!(o.status.code(), Some(0));
    let written = fs::read_to_string(d.join("out.csv")).unwrap();
    assert!(written.starts_with("\u{feff}Persona,Stage,Title,Channel,Kind,Emotion"));
    assert!(written.contains("Ann,Browse,Looks,,Direct,2,"), "{written}");

    fs::write(d.join("bad.csv"), "Title,Emotion\nA,great\nB,1\nC,nope\n").unwrap();
    let o = run(d, &["import", "bad.csv", "-o", "bad.ron"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.csv:2: column \"Emotion\": expected -2..2 or 1..5, found \"great\""));
    assert!(err.contains("bad.csv:4:"), "{err}");
    assert!(!d.join("bad.ron").exists(), "nothing half-imported");
}
