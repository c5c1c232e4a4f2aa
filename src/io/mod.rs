//! Reading and writing journeys: RON files, map images, CSV and Mermaid, never half a file.

pub mod atomic;
pub mod clipboard;
pub mod csv;
mod embedded;
mod error;
pub mod import;
pub mod mermaid;
pub mod pdf;
pub mod png;
pub mod recovery;
mod ron_file;
mod ron_place;
pub mod svg;

pub use error::{LoadError, SaveError, excerpt};
pub use ron_file::{
    from_bytes_versioned, from_ron, from_ron_versioned, load, load_versioned, save, to_ron,
};
