//! Exports run on a thread of their own: a big map takes a second to draw and compress, and the
//! window keeps responding meanwhile.

use crate::export::{self, ExportError, Image, Options};
use crate::model::Journey;
use std::path::PathBuf;
use std::thread::JoinHandle;

/// Where the picture of the map goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// A PNG file, with the journey inside.
    File(PathBuf),
    /// One PNG per persona lane beside this path (`map-<persona>.png`), for a map too large to
    /// be one image.
    PerPersona(PathBuf),
    /// An SVG or a PDF (by the path's extension), with the journey inside; a PDF on `paper`.
    Vector {
        path: PathBuf,
        paper: export::Paper,
        landscape: bool,
    },
    /// The clipboard, for pasting into a chat or a slide.
    Clipboard,
}

/// What a finished export produced.
pub enum Exported {
    /// The file was written; its size in pixels.
    File { path: PathBuf, size: [u32; 2] },
    /// The SVG or PDF was written; its size in bytes.
    Vector { path: PathBuf, bytes: u64 },
    /// One file per persona was written; each with its size in pixels.
    Files(Vec<(PathBuf, [u32; 2])>),
    /// The picture, for the window to put on the clipboard.
    Image(Image),
}

pub type Outcome = Result<Exported, ExportError>;

/// The export under way, if any.
#[derive(Default)]
pub struct Exports {
    running: Option<(Destination, JoinHandle<Outcome>)>,
}

impl Exports {
    /// Starts exporting `journey` (a snapshot: editing goes on meanwhile) to `destination`; the
    /// window is woken when it is done.
    pub fn start(
        &mut self,
        journey: Journey,
        destination: Destination,
        options: Options,
        ctx: &egui::Context,
    ) {
        let ctx = ctx.clone();
        let target = destination.clone();
        let handle = std::thread::spawn(move || {
            let outcome = match target {
                Destination::File(path) => export::export_png(&journey, &path, &options)
                    .map(|size| Exported::File { path, size }),
                Destination::PerPersona(path) => {
                    export::export_per_persona(&journey, &path, &options).map(Exported::Files)
                }
                Destination::Vector {
                    path,
                    paper,
                    landscape,
                } => {
                    let pdf = path
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
                    let written = if pdf {
                        export::export_pdf(&journey, &path, &options, paper, landscape)
                    } else {
                        export::export_svg(&journey, &path, &options)
                    };
                    written.map(|bytes| Exported::Vector { path, bytes })
                }
                Destination::Clipboard => export::render(&journey, &options).map(Exported::Image),
            };
            ctx.request_repaint();
            outcome
        });
        self.running = Some((destination, handle));
    }

    /// Where the export under way goes.
    pub fn running(&self) -> Option<&Destination> {
        self.running.as_ref().map(|(destination, _)| destination)
    }

    /// The outcome of the export once it has finished.
    pub fn poll(&mut self) -> Option<Outcome> {
        if self.running.as_ref()?.1.is_finished() {
            self.wait()
        } else {
            None
        }
    }

    /// Waits for the export under way to finish (so that quitting never cuts one short).
    pub fn wait(&mut self) -> Option<Outcome> {
        let (destination, handle) = self.running.take()?;
        Some(handle.join().unwrap_or_else(|_| {
            Err(ExportError::Write {
                path: match destination {
                    Destination::File(path)
                    | Destination::PerPersona(path)
                    | Destination::Vector { path, .. } => path,
                    Destination::Clipboard => PathBuf::from("the clipboard"),
                },
                source: std::io::Error::other("the export stopped unexpectedly"),
            })
        }))
    }
}
