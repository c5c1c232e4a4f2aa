//! Every template loads, passes the same checks as `journeymap check`, renders, and holds a
//! map worth starting from.

use journeymap::export::{self, Options};
use journeymap::templates::{self, TEMPLATES};
use std::path::Path;
use std::process::Command;

#[test]
fn every_template_loads_validates_and_renders() {
    for t in &TEMPLATES {
        let journey = t.journey().unwrap_or_else(|e| panic!("{}: {e}", t.name));
        journey
            .validate()
            .unwrap_or_else(|e| panic!("{}: {e}", t.name));
        let options = Options {
            scale: 0.25,
            date: Some(String::new()),
            ..Options::default()
        };
        let image = export::render(&journey, &options).unwrap_or_else(|e| panic!("{e}"));
        let [width, height] = export::image_size(&journey, 0.25).unwrap();
        assert_eq!((image.width, image.height), (width, height), "{}", t.name);
        // Not one flat colour: the map was drawn.
        let first = &image.rgba[..4];
        assert!(
            image.rgba.chunks_exact(4).any(|px| px != first),
            "{} rendered as a blank image",
            t.name
        );
    }
}

/// A template other than the blank one is a real journey: several personas, stages and cards in
/// every lane, emotions and owners on the cards, pain points, and targets for metrics that the
/// cards measure (a target nothing measures would never show).
#[test]
fn every_example_template_has_real_content() {
    for t in TEMPLATES.iter().filter(|t| t.name != "blank") {
        let j = t.journey().unwrap();
        let name = t.name;
        assert!(j.personas.len() >= 2, "{name}: personas");
        assert!(j.stages.len() >= 4, "{name}: stages");
        assert!(j.touchpoints.len() >= 12, "{name}: touchpoints");
        for p in &j.personas {
            assert!(
                j.touchpoints.iter().any(|c| c.persona == p.id),
                "{name}: no cards for {}",
                p.name
            );
        }
        let with = |f: &dyn Fn(&journeymap::model::Touchpoint) -> bool| {
            j.touchpoints.iter().filter(|c| f(c)).count()
        };
        assert_eq!(
            with(&|c| c.emotion.is_some()),
            j.touchpoints.len(),
            "{name}: emotions"
        );
        assert!(
            with(&|c| !c.owner.is_empty()) * 10 >= j.touchpoints.len() * 9,
            "{name}: owners"
        );
        assert!(
            with(&|c| c.pain_point.is_some()) >= 4,
            "{name}: pain points"
        );
        assert!(with(&|c| !c.metrics.is_empty()) >= 6, "{name}: metrics");
        assert!(
            !j.rows.is_empty() && !j.targets.is_empty(),
            "{name}: rows and targets"
        );
        for target in &j.targets {
            assert!(
                j.touchpoints
                    .iter()
                    .any(|c| c.metrics.iter().any(|m| m.name == target.metric)),
                "{name}: the target for {} has no metric on any card",
                target.metric
            );
        }
    }
}

/// Each file in assets/templates is offered (none forgotten in the list), and the installed
/// command line's `check` accepts it.
#[test]
fn every_template_file_is_listed_and_passes_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/templates");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in &files {
        let stem = file.file_stem().unwrap().to_str().unwrap();
        assert!(
            templates::find(stem).is_some(),
            "{stem} is not in TEMPLATES"
        );
    }
    assert_eq!(files.len(), TEMPLATES.len());
    let out = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .arg("check")
        .args(&files)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.lines().count(), files.len(), "{stdout}");
}
