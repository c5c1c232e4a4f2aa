//! Right-to-left text (Arabic, Hebrew) in the order it is read.
//!
//! egui shapes each run of one font in its script's direction, so the letters of an Arabic word
//! come out right, but it places the runs (words, spaces, punctuation) left to right in the
//! order they were typed. This puts them in display order with the Unicode bidirectional
//! algorithm (`unicode-bidi`): right-to-left runs have their words and the marks between them
//! reversed, while each word keeps its own letters in typed order for the shaper.

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};

/// Whether the text has anything written right to left (cheap: most text has not).
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}' | '\u{10800}'..='\u{10fff}' | '\u{1e800}'..='\u{1efff}')
    })
}

/// One line of text in display order, ready for egui to lay out left to right.
pub fn display_order(line: &str) -> String {
    let bidi = BidiInfo::new(line, None);
    let mut out = String::with_capacity(line.len());
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let text = &line[run.clone()];
            if levels[run.start].is_rtl() {
                push_reversed_words(&mut out, text);
            } else {
                out.push_str(text);
            }
        }
    }
    out
}

/// A right-to-left run: its words (letters and the marks and joiners on them) in reverse order,
/// each in typed order, and the characters between them reversed and mirrored.
fn push_reversed_words(out: &mut String, run: &str) {
    let mut pieces: Vec<&str> = Vec::new();
    let mut word_start = None;
    for (i, c) in run.char_indices() {
        let in_word = matches!(
            bidi_class(c),
            BidiClass::R | BidiClass::AL | BidiClass::NSM | BidiClass::BN
        );
        match (in_word, word_start) {
            (true, None) => word_start = Some(i),
            (false, start) => {
                if let Some(s) = start {
                    pieces.push(&run[s..i]);
                }
                word_start = None;
                pieces.push(&run[i..i + c.len_utf8()]);
            }
            (true, Some(_)) => {}
        }
    }
    if let Some(s) = word_start {
        pieces.push(&run[s..]);
    }
    for piece in pieces.into_iter().rev() {
        let mut chars = piece.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => out.push(mirrored(c)),
            _ => out.push_str(piece),
        }
    }
}

/// Brackets face the other way in right-to-left text.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_to_right_text_is_left_alone() {
        assert!(!has_rtl("Checkout, día 2, 日本語"));
        assert_eq!(display_order("Checkout (day 2)"), "Checkout (day 2)");
    }

    #[test]
    fn arabic_words_are_shown_right_to_left_each_in_typed_order() {
        // "Customer journey" in Arabic: two words, read right to left.
        let text = "رحلة العميل";
        assert!(has_rtl(text));
        assert_eq!(display_order(text), "العميل رحلة");
    }

    #[test]
    fn numbers_and_latin_inside_right_to_left_text_keep_their_order() {
        // Hebrew "step 12 of" + "SaaS": the number and the Latin word read left to right.
        assert_eq!(display_order("שלב 12 של SaaS"), "SaaS של 12 שלב");
        // An Arabic word in an English sentence stays where it was typed.
        assert_eq!(display_order("Hello مرحبا world"), "Hello مرحبا world");
    }

    #[test]
    fn brackets_are_mirrored_in_right_to_left_runs() {
        assert_eq!(display_order("(رحلة)"), "(رحلة)");
        assert_eq!(display_order("رحلة (أ)"), "(أ) رحلة");
    }
}
