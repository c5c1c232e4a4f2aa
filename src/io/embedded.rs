//! What the SVG and PDF containers share: the journey's RON, deflated, read back within a limit.

use super::{LoadError, ron_file};
use crate::model::Journey;
use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_zlib_with_limit};
use std::path::Path;

/// Enough for journeys far larger than anyone maps, small enough that a hostile file cannot
/// make us inflate gigabytes.
pub const TEXT_LIMIT: usize = 64 * 1024 * 1024;

/// The journey's RON, zlib-compressed.
pub fn deflate(journey: &Journey) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(ron_file::to_ron(journey).as_bytes(), 6)
}

/// Reads the journey back from what [`deflate`] made; `kind` names the container ("SVG image").
pub fn inflate(deflated: &[u8], path: &Path, kind: &str) -> Result<(Journey, u32), LoadError> {
    let damaged = |why: &str| {
        LoadError::new(
            path,
            None,
            format!(
                "the journey inside this {kind} is damaged ({why}); the picture may still open, \
                 but the journey cannot be restored from it"
            ),
        )
    };
    let text = decompress_to_vec_zlib_with_limit(deflated, TEXT_LIMIT).map_err(|e| {
        if e.status == TINFLStatus::HasMoreOutput {
            LoadError::new(
                path,
                None,
                format!(
                    "the journey inside this {kind} is larger than {} MiB, more than Journeymap \
                     reads",
                    TEXT_LIMIT >> 20
                ),
            )
        } else {
            damaged("its compressed text does not inflate")
        }
    })?;
    let text = String::from_utf8(text).map_err(|_| damaged("its text is not UTF-8"))?;
    ron_file::from_ron_versioned(&text, &inner_path(path))
}

/// How errors in the journey inside a file name it: `map.svg (embedded journey):3:5: …`.
pub fn inner_path(path: &Path) -> std::path::PathBuf {
    path.with_file_name(format!(
        "{} (embedded journey)",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ))
}
