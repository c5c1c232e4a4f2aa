//! SVG map images that carry their journey: the RON, deflated and in base64, in the image's
//! `<metadata>`, where viewers ignore it and editors keep it.

use super::{LoadError, embedded};
use crate::model::Journey;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::path::Path;

const OPEN: &str = "<journeymap:journey";
const CLOSE: &str = "</journeymap:journey>";

/// Whether the bytes look like an SVG document (an XML or `<svg` start, `<svg` near the top).
pub fn is_svg(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = &start[start.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    let head = &start[..start.len().min(4096)];
    (head.starts_with(b"<?xml") || head.starts_with(b"<svg") || head.starts_with(b"<!--"))
        && head.windows(4).any(|w| w == b"<svg")
}

/// The `<title>`, `<desc>` and `<metadata>` elements for the head of a map's SVG.
pub fn head(journey: &Journey) -> String {
    let data = STANDARD.encode(embedded::deflate(journey));
    let mut out = format!(
        "<title>{}</title>\n",
        crate::export::svg::escape(&journey.title)
    );
    if let Some(description) = journey_description(journey) {
        out.push_str(&format!(
            "<desc>{}</desc>\n",
            crate::export::svg::escape(description)
        ));
    }
    out.push_str(&format!(
        "<metadata>{OPEN} xmlns:journeymap=\"https://journeymap.invalid/2026/journey\" \
         encoding=\"zlib+base64\">{data}{CLOSE}</metadata>\n"
    ));
    out
}

fn journey_description(journey: &Journey) -> Option<&str> {
    Some(journey.description.as_str()).filter(|d| !d.trim().is_empty())
}

/// Reads the journey embedded in a map's SVG, and the format version it was written in.
pub fn journey_from_svg_versioned(bytes: &[u8], path: &Path) -> Result<(Journey, u32), LoadError> {
    let fail = |message: &str| LoadError::new(path, None, message);
    let Some(open) = find(bytes, OPEN.as_bytes()) else {
        return Err(fail(
            "this SVG image holds no journey (it was not exported by Journeymap, or the journey \
             was stripped from it)",
        ));
    };
    let after = &bytes[open..];
    let (Some(start), Some(end)) = (find(after, b">"), find(after, CLOSE.as_bytes())) else {
        return Err(fail(
            "the SVG image is cut short: the journey it should hold is not complete",
        ));
    };
    let data: Vec<u8> = after
        .get(start + 1..end)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let deflated = STANDARD.decode(&data).map_err(|_| {
        fail(
            "the journey inside this SVG image is damaged (its base64 text does not decode); \
             the picture may still open, but the journey cannot be restored from it",
        )
    })?;
    embedded::inflate(&deflated, path, "SVG image")
}

/// Where `needle` first occurs in `haystack` (a linear scan).
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut from = 0;
    while let Some(i) = haystack.get(from..)?.iter().position(|&b| b == first) {
        let at = from + i;
        if haystack.get(at..at + needle.len())? == needle {
            return Some(at);
        }
        from = at + 1;
    }
    None
}
