//! Opening, saving and exporting the document.

use super::AppState;
use super::dialogs::Pending;
use super::exports::{Destination, Exported, Outcome};
use super::files::{ExportFormat, Purpose};
use super::load_problem::{Choice, LoadProblem};
use crate::canvas::Selection;
use crate::document::Document;
use crate::export;
use crate::io;
use crate::model::Journey;

/// Pictures for the clipboard stay under this many pixels (96 MB uncompressed): the clipboard
/// holds them raw, and chats and slides scale them down anyway.
const CLIPBOARD_PIXELS: u64 = 24_000_000;
use std::path::{Path, PathBuf};

impl AppState {
    /// Saves to the document's file, or asks where when it has none yet.
    pub fn save(&mut self) {
        match self.doc.path.clone() {
            Some(path) if is_ron(&path) => self.save_to(&path),
            _ => self.files.request(Purpose::SaveAs, &self.doc),
        }
    }

    /// Saves, then carries on with what the user had asked for (New, Open, Close).
    pub(super) fn save_then(&mut self, pending: Pending) {
        self.after_save = Some(pending);
        self.save();
        self.continue_after_save();
    }

    fn continue_after_save(&mut self) {
        if !self.doc.is_dirty()
            && !self.files.waiting()
            && !self.files.modal_open()
            && let Some(pending) = self.after_save.take()
        {
            self.proceed(pending);
        }
    }

    /// Saves to `path`; a newer file on disk (someone else saved it) is not overwritten
    /// without asking.
    pub fn save_to(&mut self, path: &Path) {
        let ours = self.doc.path.as_deref() == Some(path);
        if ours && self.watch.differs(path) {
            self.overwrite = Some(path.to_path_buf());
            return;
        }
        self.write_to(path);
    }

    fn write_to(&mut self, path: &Path) {
        match io::save(path, self.doc.journey()) {
            Ok(()) => {
                self.doc.path = Some(path.to_path_buf());
                self.doc.history.mark_saved();
                self.watch.reset(Some(path));
                self.clear_recovery();
                self.info(format!("Saved {}", path.display()));
                self.saved(path);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn overwrite_question(&mut self, ctx: &egui::Context) {
        let Some(path) = self.overwrite.clone() else {
            return;
        };
        let answer = super::dialogs::ask(
            ctx,
            "overwrite newer",
            &format!("“{}” changed on disk", self.doc.file_name()),
            "Someone else saved this file after you opened it. Saving now replaces their version with yours.",
            "Overwrite",
        );
        match answer {
            Some(true) => {
                self.overwrite = None;
                self.write_to(&path);
            }
            Some(false) => {
                self.overwrite = None;
                self.after_save = None;
            }
            None => {}
        }
    }

    /// Opens a journey or a map image, or imports a table or Mermaid journey as a new unsaved
    /// journey; a file that fails to load changes nothing.
    pub fn open_path(&mut self, path: &Path) {
        if io::import::Format::of(path).is_some() {
            return self.import_new(path);
        }
        match io::load(path) {
            Ok(journey) => {
                // A map image opens as an unsaved journey: saving writes a .ron beside it.
                let keep = is_ron(path).then(|| path.to_path_buf());
                self.replace_document(journey, keep);
                self.info(format!("Opened {}", path.display()));
                self.opened(path);
            }
            Err(e) => {
                self.error(e.to_string());
                self.load_problem = Some(LoadProblem::new(e));
            }
        }
    }

    /// The dialog about a file that could not be opened, and what the user chose in it.
    pub(super) fn load_problem_ui(&mut self, ctx: &egui::Context) {
        let Some(choice) = self.load_problem.as_ref().and_then(|p| p.ui(ctx)) else {
            return;
        };
        let Some(problem) = self.load_problem.take() else {
            return;
        };
        match choice {
            Choice::OpenAnother => self.guard_unsaved(Pending::Open),
            Choice::New => self.guard_unsaved(Pending::New),
            Choice::Create => self.create_at(&problem.error.path),
            Choice::Close => {}
        }
    }

    /// A new, blank journey saved at `path`, titled after the file's name.
    fn create_at(&mut self, path: &Path) {
        let mut journey = crate::templates::blank();
        if let Some(stem) = path
            .file_stem()
            .map(|s| s.to_string_lossy().trim().to_owned())
            && !stem.is_empty()
        {
            journey.title = stem;
        }
        match io::save(path, &journey) {
            Ok(()) => {
                self.replace_document(journey, Some(path.to_path_buf()));
                self.info(format!("Created {}", path.display()));
                self.opened(path);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub fn replace_document(&mut self, journey: Journey, path: Option<PathBuf>) {
        self.remember_view();
        self.clear_recovery();
        self.doc = Document::new(journey, path);
        // A comparison was about the map that was open.
        self.compare = None;
        self.start = None;
        self.selection = Selection::Nothing;
        self.selection_checked = None;
        self.canvas.inline = None;
        self.canvas.drag = None;
        self.watch.reset(self.doc.path.as_deref());
        match self
            .doc
            .path
            .as_ref()
            .and_then(|p| self.settings.views.get(p))
        {
            Some(camera) => {
                self.canvas.camera = *camera;
                self.canvas.fit_pending = false;
            }
            None => self.canvas.fit_pending = true,
        }
    }

    /// Keeps the zoom and pan of the open file for the next time it opens.
    pub(super) fn remember_view(&mut self) {
        if let Some(path) = self.doc.path.clone() {
            self.settings.views.insert(path, self.canvas.camera);
            self.settings.store();
        }
    }

    /// Starts exporting the map as it is now; the status bar follows the export.
    pub fn export_to(&mut self, path: &Path, ctx: &egui::Context) {
        let choice = self.files.export;
        let options = self.export_options(choice.scale);
        let destination = match choice.format {
            ExportFormat::Png if choice.per_persona => Destination::PerPersona(path.to_owned()),
            ExportFormat::Png => Destination::File(path.to_owned()),
            ExportFormat::Svg | ExportFormat::Pdf => Destination::Vector {
                path: path.to_owned(),
                paper: choice.paper,
                landscape: choice.landscape,
            },
        };
        self.start_export(destination, options, ctx);
    }

    /// Starts copying the whole map to the clipboard as a picture, at the export scale and
    /// theme last chosen, or at a smaller scale for a map too big for the clipboard.
    pub fn copy_map_image(&mut self, ctx: &egui::Context) {
        let chosen = self.files.export.scale;
        let fits = |scale: f32| {
            export::image_size(self.doc.journey(), scale)
                .is_ok_and(|[w, h]| u64::from(w) * u64::from(h) <= CLIPBOARD_PIXELS)
        };
        let scale = [chosen, 2.0, 1.0, 0.5, 0.25]
            .into_iter()
            .filter(|&s| s <= chosen)
            .find(|&s| fits(s));
        match scale {
            Some(scale) => {
                let options = self.export_options(scale);
                self.start_export(Destination::Clipboard, options, ctx);
            }
            None => self.error("The map is too large to copy as a picture; export it as a PNG"),
        }
    }

    fn export_options(&self, scale: f32) -> export::Options {
        let plain = export::Options {
            scale,
            dark: self.files.export.dark,
            ..export::Options::default()
        };
        if self.files.export.as_shown {
            export::Options {
                lens: self.story.lens.clone(),
                heat: self.story.heat.clone(),
                detail: self.doc.style().detail,
                ..plain
            }
        } else {
            plain
        }
    }

    fn start_export(
        &mut self,
        destination: Destination,
        options: export::Options,
        ctx: &egui::Context,
    ) {
        // One export at a time: a second one waits for the first (a second at most).
        self.finish_export(Some(ctx));
        self.exports
            .start(self.doc.journey().clone(), destination, options, ctx);
    }

    /// Reports the export that has finished, if one has.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        if let Some(done) = self.exports.poll() {
            self.report_export(done, Some(ctx));
        }
    }

    /// Waits for the export under way, if any, and reports it. Without a window (quitting), a
    /// picture meant for the clipboard goes nowhere.
    pub fn finish_export(&mut self, ctx: Option<&egui::Context>) {
        if let Some(done) = self.exports.wait() {
            self.report_export(done, ctx);
        }
    }

    fn report_export(&mut self, outcome: Outcome, ctx: Option<&egui::Context>) {
        match outcome {
            Err(e) => self.error(e.to_string()),
            Ok(Exported::File { path, size: [w, h] }) => {
                self.info(format!("Exported {} ({w} × {h} px)", path.display()));
            }
            Ok(Exported::Vector { path, bytes }) => {
                self.info(format!(
                    "Exported {} ({} KB)",
                    path.display(),
                    bytes.div_ceil(1024)
                ));
            }
            Ok(Exported::Files(files)) => {
                let names: Vec<String> = files
                    .iter()
                    .filter_map(|(path, _)| path.file_name())
                    .map(|name| name.to_string_lossy().into_owned())
                    .collect();
                let n = names.len();
                self.info(format!(
                    "Exported {n} image{}, one per persona: {}",
                    if n == 1 { "" } else { "s" },
                    crate::io::excerpt(&names.join(", "), 200)
                ));
            }
            Ok(Exported::Image(image)) => {
                let [w, h] = [image.width, image.height];
                if let Some(ctx) = ctx {
                    ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(
                        [w as usize, h as usize],
                        &image.rgba,
                    ));
                    self.info(format!(
                        "Copied the map as a picture ({w} × {h} px): paste it into a chat or a slide"
                    ));
                }
            }
        }
    }

    pub(super) fn take_file_results(&mut self, ctx: &egui::Context) {
        for (purpose, path) in self.files.take_results() {
            match purpose {
                Purpose::Open => self.open_path(&path),
                Purpose::SaveAs => self.save_to(&path),
                Purpose::Export => self.export_to(&path, ctx),
                Purpose::Import => self.guard_unsaved(Pending::OpenPath(path)),
                Purpose::ImportInto => self.import_into(&path),
                Purpose::Compare => self.compare_with_file(&path),
                Purpose::ExportCsv | Purpose::ExportMermaid => self.export_data(purpose, &path),
            }
        }
        if self.after_save.is_some() && !self.files.waiting() && !self.files.modal_open() {
            if self.doc.is_dirty() {
                // The save was cancelled or failed: so is what was waiting for it.
                self.after_save = None;
            } else {
                self.continue_after_save();
            }
        }
    }
}

fn is_ron(path: &Path) -> bool {
    !path.extension().is_some_and(|e| {
        ["png", "svg", "pdf"]
            .iter()
            .any(|map| e.eq_ignore_ascii_case(map))
    })
}
