//! File ▸ Import and Export of data: tables (CSV) and Mermaid journeys, in and out.

use super::AppState;
use super::files::Purpose;
use crate::canvas::Selection;
use crate::io;
use std::path::Path;

impl AppState {
    /// A table or Mermaid journey as a new, unsaved journey (saving asks where).
    pub(super) fn import_new(&mut self, path: &Path) {
        match io::import::read(path) {
            Ok(imported) => {
                let summary = imported.summary();
                let title = path
                    .file_stem()
                    .map_or("Imported journey".into(), |s| s.to_string_lossy());
                self.replace_document(imported.into_journey(&title), None);
                self.info(format!("Imported {}: {summary}", path.display()));
            }
            Err(e) => self.import_refused(&e),
        }
    }

    /// Adds a file's touchpoints to the open journey as one undo step; they end up selected.
    pub(super) fn import_into(&mut self, path: &Path) {
        match io::import::read(path) {
            Ok(imported) => {
                let before = self.doc.journey().touchpoints.len();
                self.apply(imported.add_to(self.doc.journey()));
                let added = self.doc.journey().touchpoints[before..].iter();
                self.selection = Selection::Cards(added.map(|t| t.id).collect());
                self.info(format!(
                    "Added from {}: {} (Ctrl+Z takes them out again)",
                    path.display(),
                    imported.summary()
                ));
            }
            Err(e) => self.import_refused(&e),
        }
    }

    /// The first problem in the status bar; all of them in a dialog and the log.
    fn import_refused(&mut self, e: &io::import::ImportError) {
        log::warn!("{e}");
        self.files.refused_import = Some(e.to_string());
        let first = e.to_string().lines().next().unwrap_or_default().to_owned();
        let total = e.problems.len() + e.more;
        let more = match total {
            0 | 1 => String::new(),
            n => format!(" (and {} more; nothing imported)", n - 1),
        };
        self.error(format!("{first}{more}"));
    }

    pub(super) fn export_data(&mut self, purpose: Purpose, path: &Path) {
        let journey = self.doc.journey();
        let (bytes, note) = match purpose {
            Purpose::ExportMermaid => {
                let (text, changed) = io::mermaid::to_mermaid(journey);
                let note = match changed {
                    0 => String::new(),
                    n => format!(
                        " ({} changed to fit Mermaid)",
                        crate::words::count(n, "name")
                    ),
                };
                (text.into_bytes(), note)
            }
            _ => (io::csv::to_csv(journey), String::new()),
        };
        match io::atomic::write_atomic(path, &bytes) {
            Ok(()) => self.info(format!("Exported {}{note}", path.display())),
            Err(e) => self.error(format!("{}: could not write: {e}", path.display())),
        }
    }
}
