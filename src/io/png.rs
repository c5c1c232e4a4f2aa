//! Map images that carry their journey: a PNG with the journey's RON in a compressed iTXt chunk.

use super::{LoadError, atomic, ron_file};
use crate::model::Journey;
use std::io::{self, Cursor, Write};
use std::path::Path;

/// The iTXt keyword under which the journey travels inside the image.
const KEYWORD: &str = "journeymap";
/// Enough for journeys far larger than anyone maps, small enough that a hostile file cannot
/// make us inflate gigabytes.
const TEXT_LIMIT: usize = 64 * 1024 * 1024;
const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
}

/// Encodes straight RGBA8 pixels with the journey embedded, into any writer.
pub fn encode(
    out: &mut dyn Write,
    rgba: &[u8],
    width: u32,
    height: u32,
    journey: &Journey,
) -> io::Result<()> {
    let mut encoder = png::Encoder::new(out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(io::Error::other)?;
    let mut chunk = png::text_metadata::ITXtChunk::new(KEYWORD, ron_file::to_ron(journey));
    chunk.compressed = true;
    writer.write_text_chunk(&chunk).map_err(io::Error::other)?;
    writer.write_image_data(rgba).map_err(io::Error::other)?;
    writer.finish().map_err(io::Error::other)
}

/// Writes the image atomically, like a journey file.
pub fn write(
    path: &Path,
    rgba: &[u8],
    width: u32,
    height: u32,
    journey: &Journey,
) -> io::Result<()> {
    atomic::write_atomic_with(path, |w| encode(w, rgba, width, height, journey))
}

/// Reads the journey embedded in a map image.
pub fn journey_from_png(bytes: &[u8], path: &Path) -> Result<Journey, LoadError> {
    let fail = |message: String| LoadError::new(path, None, message);
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_ignore_text_chunk(false);
    let reader = decoder
        .read_info()
        .map_err(|e| fail(format!("not a readable PNG image: {e}")))?;
    let mut chunk = reader
        .info()
        .utf8_text
        .iter()
        .find(|c| c.keyword == KEYWORD)
        .cloned()
        .ok_or_else(|| {
            fail(
                "this PNG image holds no journey (it was not exported by Journeymap, or the \
                 journey was stripped from it)"
                    .into(),
            )
        })?;
    chunk
        .decompress_text_with_limit(TEXT_LIMIT)
        .map_err(|e| fail(format!("the journey inside this PNG is damaged: {e}")))?;
    let text = chunk
        .get_text()
        .map_err(|e| fail(format!("the journey inside this PNG is damaged: {e}")))?;
    let inner = path.with_file_name(format!(
        "{} (embedded journey)",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    ron_file::from_ron(&text, &inner)
}
