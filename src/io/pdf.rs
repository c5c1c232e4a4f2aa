//! PDF map documents that carry their journey: the RON as an embedded file (`journey.ron`,
//! deflated), which PDF viewers list as an attachment.

use super::{LoadError, embedded};
use crate::model::Journey;
use std::path::Path;

/// The embedded file's name and media type; the type marks it as ours in the file.
pub const FILE_NAME: &str = "journey.ron";
pub const MIME_TYPE: &str = "application/x-journeymap+ron";
/// How the media type appears in the file: a PDF name escapes the `/` (and may escape `+`).
const MARKER: &[u8] = b"application#2Fx-journeymap";

pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// Reads the journey embedded in a map's PDF, and the format version it was written in.
///
/// This reads the files Journeymap writes (the embedded file's stream, uncompressed object);
/// a PDF rewritten by another tool may hide it in a compressed object stream, and then says
/// that it holds no journey.
pub fn journey_from_pdf_versioned(bytes: &[u8], path: &Path) -> Result<(Journey, u32), LoadError> {
    let fail = |message: &str| LoadError::new(path, None, message);
    let Some(marker) = super::svg::find(bytes, MARKER) else {
        return Err(fail(
            "this PDF holds no journey (it was not exported by Journeymap, or the journey was \
             removed from it)",
        ));
    };
    let cut =
        || fail("the PDF is cut short or damaged: the journey it should hold is not complete");
    // The stream's dictionary runs from its `<<` to the `stream` keyword after the marker.
    let dict_start = bytes[..marker]
        .windows(2)
        .rposition(|w| w == b"<<")
        .ok_or_else(cut)?;
    let keyword = marker + super::svg::find(&bytes[marker..], b"stream").ok_or_else(cut)?;
    let dict = &bytes[dict_start..keyword];
    let length = super::svg::find(dict, b"/Length")
        .and_then(|at| {
            let digits: Vec<u8> = dict[at + 7..]
                .iter()
                .copied()
                .skip_while(u8::is_ascii_whitespace)
                .take_while(u8::is_ascii_digit)
                .take(12)
                .collect();
            std::str::from_utf8(&digits).ok()?.parse::<usize>().ok()
        })
        .ok_or_else(|| fail("the journey inside this PDF is damaged (its length is missing)"))?;
    let mut start = keyword + b"stream".len();
    if bytes.get(start) == Some(&b'\r') {
        start += 1;
    }
    if bytes.get(start) == Some(&b'\n') {
        start += 1;
    }
    let data = bytes
        .get(start..start.saturating_add(length))
        .ok_or_else(cut)?;
    if super::svg::find(dict, b"/FlateDecode").is_some() {
        embedded::inflate(data, path, "PDF")
    } else {
        let text = std::str::from_utf8(data)
            .map_err(|_| fail("the journey inside this PDF is damaged (its text is not UTF-8)"))?;
        super::ron_file::from_ron_versioned(text, &embedded::inner_path(path))
    }
}
