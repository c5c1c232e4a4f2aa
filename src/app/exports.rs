//! Exports run on a thread of their own: a big map takes a second to draw and compress, and the
//! window keeps responding meanwhile.

use crate::export::{self, ExportError, Options};
use crate::model::Journey;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

type Outcome = Result<[u32; 2], ExportError>;

/// The export under way, if any.
#[derive(Default)]
pub struct Exports {
    running: Option<(PathBuf, JoinHandle<Outcome>)>,
}

impl Exports {
    /// Starts exporting `journey` (a snapshot: editing goes on meanwhile) to `path`; the window
    /// is woken when it is done.
    pub fn start(
        &mut self,
        journey: Journey,
        path: PathBuf,
        options: Options,
        ctx: &egui::Context,
    ) {
        let ctx = ctx.clone();
        let target = path.clone();
        let handle = std::thread::spawn(move || {
            let outcome = export::export_png(&journey, &target, &options);
            ctx.request_repaint();
            outcome
        });
        self.running = Some((path, handle));
    }

    /// The file being written, while an export runs.
    pub fn running(&self) -> Option<&Path> {
        self.running.as_ref().map(|(path, _)| path.as_path())
    }

    /// The outcome of the export once it has finished.
    pub fn poll(&mut self) -> Option<(PathBuf, Outcome)> {
        if self.running.as_ref()?.1.is_finished() {
            self.wait()
        } else {
            None
        }
    }

    /// Waits for the export under way to finish (so that quitting never cuts one short).
    pub fn wait(&mut self) -> Option<(PathBuf, Outcome)> {
        let (path, handle) = self.running.take()?;
        let outcome = handle.join().unwrap_or_else(|_| {
            Err(ExportError::Write {
                path: path.clone(),
                source: std::io::Error::other("the export stopped unexpectedly"),
            })
        });
        Some((path, outcome))
    }
}
