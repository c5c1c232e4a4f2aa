//! Every language on the map: Chinese, Japanese, Korean, Arabic, Hebrew and emoji draw as their
//! letters (from the system's fonts, as on screen) in the headless export, not as boxes.
//!
//! Needs the fonts CI installs (Debian's fonts-noto-cjk, fonts-noto-color-emoji; DejaVu for
//! Arabic and Hebrew).

use egui::{Align2, Color32, FontId, pos2, vec2};
use journeymap::export::{self, Options};
use journeymap::model::{Persona, PersonaId, Stage, StageId, Touchpoint, TouchpointId};
use journeymap::{fonts, raster};

/// `text` drawn large, black on white, as the export draws it; the pixels as (r, g, b) rows.
fn draw(text: &str) -> Vec<[u8; 3]> {
    let canvas = raster::render_headless(
        vec2(160.0, 60.0),
        1.0,
        Color32::WHITE,
        fonts::install,
        |ui| {
            ui.painter().text(
                pos2(8.0, 8.0),
                Align2::LEFT_TOP,
                text,
                FontId::proportional(40.0),
                Color32::BLACK,
            );
        },
    );
    (0..canvas.height)
        .flat_map(|y| (0..canvas.width).map(move |x| (x, y)))
        .map(|(x, y)| {
            let [r, g, b, _] = canvas.pixel(x, y).to_array();
            [r, g, b]
        })
        .collect()
}

fn inked(pixels: &[[u8; 3]]) -> usize {
    pixels.iter().filter(|p| **p != [255, 255, 255]).count()
}

fn differing(a: &[[u8; 3]], b: &[[u8; 3]]) -> usize {
    a.iter().zip(b).filter(|(a, b)| a != b).count()
}

/// Two different letters of one script look different: a missing glyph draws the same box
/// for both.
fn assert_drawn(script: &str, a: &str, b: &str) {
    let (pa, pb) = (draw(a), draw(b));
    assert!(inked(&pa) > 50, "{script}: {a} leaves no ink");
    assert!(
        differing(&pa, &pb) > 100,
        "{script}: {a} and {b} look the same (a box for a missing glyph?)"
    );
    let missing = fonts::missing();
    assert!(
        !missing.iter().any(|m| m == script),
        "{script} reported missing: {missing:?}"
    );
}

#[test]
fn cjk_letters_are_drawn_from_the_system_fonts() {
    assert_drawn("Han", "旅", "客");
    assert_drawn("Hiragana", "あ", "の");
    assert_drawn("Hangul", "여", "정");
}

#[test]
fn arabic_and_hebrew_letters_are_drawn() {
    assert_drawn("Arabic", "ع", "ب");
    assert_drawn("Hebrew", "ש", "ל");
}

#[test]
fn emoji_are_drawn_in_colour() {
    assert_drawn("emoji", "🥳", "🚚");
    let party = draw("🥳");
    let coloured = party
        .iter()
        .filter(|[r, g, b]| r.abs_diff(*g) > 40 || g.abs_diff(*b) > 40)
        .count();
    assert!(coloured > 100, "the emoji is drawn in colour");
    // A flag and a family are each one picture, not a row of letters or boxes.
    let flag = draw("🇩🇪");
    let letters = draw("🇩");
    assert!(differing(&flag, &letters) > 100, "a flag is one picture");
}

#[test]
fn an_exported_map_in_japanese_and_arabic_shows_its_letters() {
    let mut journey = journeymap::templates::sample();
    journey.title = "顧客ジャーニー / رحلة العميل".into();
    journey.personas = vec![Persona::new(
        PersonaId(1),
        "忙しい親",
        journey.personas[0].colour,
    )];
    journey.stages = vec![
        Stage::new(StageId(1), "認知"),
        Stage::new(StageId(2), "شراء"),
    ];
    journey.touchpoints = vec![
        Touchpoint::new(
            TouchpointId(1),
            PersonaId(1),
            StageId(1),
            "テレビ広告を見る 📺",
        ),
        Touchpoint::new(
            TouchpointId(2),
            PersonaId(1),
            StageId(2),
            "يدفع عبر الإنترنت",
        ),
    ];
    let options = Options {
        scale: 1.0,
        dark: false,
        date: Some("2026-01-15".into()),
        ..Options::default()
    };
    let image = export::render(&journey, &options).expect("exported");
    assert!(image.width > 0);
    let missing = fonts::missing();
    for script in ["Han", "Katakana", "Hiragana", "Arabic", "emoji"] {
        assert!(
            !missing.iter().any(|m| m == script),
            "{script}: {missing:?}"
        );
    }
}

#[test]
fn a_character_no_font_has_is_reported_once_by_name() {
    // U+0378 is unassigned: no font anywhere has it.
    draw("\u{378}");
    draw("a\u{378}b");
    let missing = fonts::missing();
    let named: Vec<_> = missing
        .iter()
        .filter(|m| *m == "the symbol U+0378")
        .collect();
    assert_eq!(named.len(), 1, "{missing:?}");
    assert!(fonts::missing_message(&missing).contains("the symbol U+0378"));
}
