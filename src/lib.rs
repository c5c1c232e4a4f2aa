//! Journeymap: a native desktop designer for customer journey maps.
//!
//! Layers, data flowing down: `app` (the eframe shell) → `canvas` (interaction) → `render`
//! (painting, shared with `export`) → `layout` (pure geometry) → `edit` (undoable changes) →
//! `model` (the journey). `insight` derives stage rows and health from a journey; `io` reads and
//! writes files; `raster` turns egui output into pixels.

pub mod app;
pub mod canvas;
pub mod cli;
pub mod clock;
pub mod compare;
pub mod document;
pub mod edit;
pub mod export;
pub mod fonts;
pub mod git;
pub mod insight;
pub mod io;
pub mod layout;
pub mod model;
pub mod parallel;
pub mod raster;
pub mod render;
pub mod session;
pub mod templates;
pub mod words;

/// mimalloc keeps freed memory for reuse instead of handing it back to the OS and faulting it in
/// again: loading a big journey and painting a frame both allocate and free a lot, and with the
/// system allocator their times swung by 30 % from run to run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
