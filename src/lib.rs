//! Journeymap: a native desktop designer for customer journey maps.
//!
//! Layers, data flowing down: `app` (the eframe shell) → `canvas` (interaction) → `render`
//! (painting, shared with `export`) → `layout` (pure geometry) → `edit` (undoable changes) →
//! `model` (the journey). `io` reads and writes files; `raster` turns egui output into pixels.

pub mod app;
pub mod canvas;
pub mod cli;
pub mod clock;
pub mod document;
pub mod edit;
pub mod export;
pub mod io;
pub mod layout;
pub mod model;
pub mod raster;
pub mod render;
pub mod templates;
