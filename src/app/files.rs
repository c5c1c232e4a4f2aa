//! Choosing files: native dialogs off the UI thread, and an in-app path dialog where the system
//! has none (no desktop portal, no zenity).

use crate::document::Document;
use crate::export;
use egui::{Context, Modal, RichText};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    /// Another version of the open journey, to compare it with.
    Compare,
    SaveAs,
    Export,
    /// A table (.csv) or Mermaid journey (.mmd, .md) to open as a new journey.
    Import,
    /// The same, its cards added to the open journey.
    ImportInto,
    ExportCsv,
    ExportMermaid,
}

impl Purpose {
    fn title(self) -> &'static str {
        match self {
            Purpose::Open => "Open a journey",
            Purpose::Compare => "Compare with a journey",
            Purpose::SaveAs => "Save journey as",
            Purpose::Export => "Export map",
            Purpose::Import => "Import a table or Mermaid journey",
            Purpose::ImportInto => "Add touchpoints from a table or Mermaid journey",
            Purpose::ExportCsv => "Export touchpoints as CSV",
            Purpose::ExportMermaid => "Export as a Mermaid journey",
        }
    }

    /// The extension a file written for this purpose gets (a map's: its format's).
    fn extension(self, format: ExportFormat) -> Option<&'static str> {
        match self {
            Purpose::SaveAs => Some("ron"),
            Purpose::Export => Some(format.extension()),
            Purpose::ExportCsv => Some("csv"),
            Purpose::ExportMermaid => Some("mmd"),
            Purpose::Open | Purpose::Compare | Purpose::Import | Purpose::ImportInto => None,
        }
    }
}

/// A native dialog that answers "nothing" this fast was never shown: there is no dialog service
/// (rfd tries D-Bus, then dbus-launch, then zenity, which takes a few hundred ms).
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(600);

/// What the map is exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Png,
    Svg,
    Pdf,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Png => "png",
            ExportFormat::Svg => "svg",
            ExportFormat::Pdf => "pdf",
        }
    }

    fn filter(self) -> &'static str {
        match self {
            ExportFormat::Png => "PNG image",
            ExportFormat::Svg => "SVG image",
            ExportFormat::Pdf => "PDF document",
        }
    }
}

/// The export settings the user picks before choosing the file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExportChoice {
    pub format: ExportFormat,
    pub scale: f32,
    pub dark: bool,
    /// One image per persona lane, for a map too large to be one.
    pub per_persona: bool,
    /// The map as the window shows it (lens, heat, card detail) rather than plain.
    pub as_shown: bool,
    /// The PDF's page, and whether its paper is turned sideways.
    pub paper: export::Paper,
    pub landscape: bool,
}

impl Default for ExportChoice {
    fn default() -> Self {
        Self {
            format: ExportFormat::Png,
            scale: 2.0,
            dark: false,
            per_persona: false,
            as_shown: false,
            paper: export::Paper::Fit,
            landscape: true,
        }
    }
}

struct Waiting {
    purpose: Purpose,
    answer: Receiver<Option<PathBuf>>,
    since: Instant,
    suggested: PathBuf,
}

/// An in-app stand-in for the native dialog: a path field.
struct PathDialog {
    purpose: Purpose,
    path: String,
    focus: bool,
}

#[derive(Default)]
pub struct Files {
    /// Try native dialogs first (the desktop app turns this on; tests have no desktop).
    pub native: bool,
    waiting: Option<Waiting>,
    dialog: Option<PathDialog>,
    /// Said once per run: why the in-app dialog appears instead of the system's.
    pub no_native_reason: Option<String>,
    results: Vec<(Purpose, PathBuf)>,
    pub last_dir: Option<PathBuf>,
    pub export: ExportChoice,
    /// The export settings dialog is open.
    pub choosing_export: bool,
    /// Every problem of an import that was refused, one a line, until the user closes them.
    pub refused_import: Option<String>,
}

impl Files {
    /// Why an import was refused: every problem found (at most twenty, then how many more),
    /// so the file can be mended in one go.
    fn refused_import_ui(&mut self, ctx: &Context) {
        let Some(problems) = &self.refused_import else {
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("refused import")).show(ctx, |ui| {
            ui.set_max_width(640.0);
            ui.heading("Nothing was imported");
            ui.label("The file has problems; mend them and import it again:");
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for line in problems.lines() {
                        ui.label(RichText::new(line).monospace());
                    }
                });
            close = ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
        if close {
            self.refused_import = None;
        }
    }

    pub fn modal_open(&self) -> bool {
        self.dialog.is_some() || self.choosing_export || self.refused_import.is_some()
    }

    pub fn waiting(&self) -> bool {
        self.waiting.is_some()
    }

    /// Asks the user for a path for `purpose`; the answer arrives through [`Files::take_results`].
    pub fn request(&mut self, purpose: Purpose, doc: &Document) {
        let dir = self
            .last_dir
            .clone()
            .or_else(|| {
                doc.path
                    .as_deref()
                    .and_then(Path::parent)
                    .map(Path::to_path_buf)
            })
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let stem = doc.path.as_deref().and_then(Path::file_stem).map_or_else(
            || export::slug(&doc.journey().title, "journey"),
            |s| s.to_string_lossy().into_owned(),
        );
        let name = match purpose {
            Purpose::Open | Purpose::Compare | Purpose::Import | Purpose::ImportInto => {
                String::new()
            }
            _ => format!(
                "{stem}.{}",
                purpose.extension(self.export.format).unwrap_or("ron")
            ),
        };
        let suggested = dir.join(&name);
        if !self.native || self.no_native_reason.is_some() {
            self.open_in_app(purpose, &suggested);
            return;
        }
        let (tx, rx) = channel();
        let title = purpose.title();
        let format = self.export.format;
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new().set_title(title).set_directory(&dir);
            let answer = match purpose {
                Purpose::Open | Purpose::Compare => dialog
                    .add_filter("Journeys and maps", &["ron", "png", "svg", "pdf"])
                    .add_filter("Journey", &["ron"])
                    .add_filter("Map with journey", &["png", "svg", "pdf"])
                    .pick_file(),
                Purpose::SaveAs => dialog
                    .add_filter("Journey", &["ron"])
                    .set_file_name(name)
                    .save_file(),
                Purpose::Export => dialog
                    .add_filter(format.filter(), &[format.extension()])
                    .set_file_name(name)
                    .save_file(),
                Purpose::Import | Purpose::ImportInto => dialog
                    .add_filter("Tables and Mermaid journeys", &["csv", "mmd", "md"])
                    .pick_file(),
                Purpose::ExportCsv => dialog
                    .add_filter("CSV table", &["csv"])
                    .set_file_name(name)
                    .save_file(),
                Purpose::ExportMermaid => dialog
                    .add_filter("Mermaid journey", &["mmd"])
                    .set_file_name(name)
                    .save_file(),
            };
            let _ = tx.send(answer);
        });
        self.waiting = Some(Waiting {
            purpose,
            answer: rx,
            since: Instant::now(),
            suggested,
        });
    }

    fn open_in_app(&mut self, purpose: Purpose, suggested: &Path) {
        self.dialog = Some(PathDialog {
            purpose,
            path: suggested.display().to_string(),
            focus: true,
        });
    }

    /// Collects a native dialog's answer without blocking the UI.
    pub fn poll(&mut self, ctx: &Context) {
        let Some(w) = &self.waiting else {
            return;
        };
        match w.answer.try_recv() {
            Ok(Some(path)) => {
                self.finish(w.purpose, path);
                self.waiting = None;
            }
            Ok(None) if w.since.elapsed() < NO_DIALOG_WITHIN => {
                let (purpose, suggested) = (w.purpose, w.suggested.clone());
                self.waiting = None;
                self.no_native_reason = Some(
                    "No system file dialog is available here (no desktop portal and no zenity), \
                     so Journeymap asks for paths itself."
                        .into(),
                );
                self.open_in_app(purpose, &suggested);
            }
            Ok(None) | Err(TryRecvError::Disconnected) => self.waiting = None,
            Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(50)),
        }
    }

    fn finish(&mut self, purpose: Purpose, path: PathBuf) {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            self.last_dir = Some(dir.to_path_buf());
        }
        self.results.push((purpose, path));
    }

    pub fn take_results(&mut self) -> Vec<(Purpose, PathBuf)> {
        std::mem::take(&mut self.results)
    }

    pub fn ui(&mut self, ctx: &Context, doc: &Document) {
        if self.choosing_export {
            self.export_choice_ui(ctx, doc);
        }
        self.refused_import_ui(ctx);
        let Some(dialog) = &mut self.dialog else {
            return;
        };
        let mut done = None;
        let mut cancel = false;
        Modal::new(egui::Id::unique("path dialog")).show(ctx, |ui| {
            ui.set_min_width(520.0);
            ui.heading(dialog.purpose.title());
            if let Some(reason) = &self.no_native_reason {
                ui.label(RichText::new(reason).weak());
            }
            ui.add_space(6.0);
            ui.label(match dialog.purpose {
                Purpose::Open | Purpose::Compare => {
                    "Path of a journey (.ron) or a map (.png, .svg, .pdf):"
                }
                Purpose::SaveAs => "Save the journey to (.ron):",
                Purpose::Export => match self.export.format {
                    ExportFormat::Png => "Write the image to (.png):",
                    ExportFormat::Svg => "Write the image to (.svg):",
                    ExportFormat::Pdf => "Write the document to (.pdf):",
                },
                Purpose::Import | Purpose::ImportInto => {
                    "Path of a table (.csv) or a Mermaid journey (.mmd, .md):"
                }
                Purpose::ExportCsv => "Write the table to (.csv):",
                Purpose::ExportMermaid => "Write the Mermaid journey to (.mmd):",
            });
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut dialog.path)
                        .id_salt("path field")
                        .desired_width(f32::INFINITY),
                )
                .accessible_name("Path");
            if dialog.focus {
                field.request_focus();
                dialog.focus = false;
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let ok = match dialog.purpose {
                    Purpose::Open => "Open",
                    Purpose::Compare => "Compare",
                    Purpose::SaveAs => "Save",
                    Purpose::Export | Purpose::ExportCsv | Purpose::ExportMermaid => "Export",
                    Purpose::Import | Purpose::ImportInto => "Import",
                };
                if ui.button(ok).clicked() || enter {
                    done = Some(PathBuf::from(dialog.path.trim()));
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    cancel = true;
                }
            });
        });
        if let Some(path) = done.filter(|p| !p.as_os_str().is_empty()) {
            let purpose = dialog.purpose;
            self.dialog = None;
            let path = with_extension(purpose, path, self.export.format);
            self.finish(purpose, path);
        } else if cancel {
            self.dialog = None;
        }
    }

    fn export_choice_ui(&mut self, ctx: &Context, doc: &Document) {
        let mut go = false;
        let mut cancel = false;
        Modal::new(egui::Id::unique("export choice")).show(ctx, |ui| {
            ui.set_min_width(360.0);
            ui.heading("Export");
            ui.label(RichText::new("The whole map, with a title block and a legend; the journey travels inside the file.").weak());
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                ui.label("Format");
                ui.radio_value(&mut self.export.format, ExportFormat::Png, "PNG")
                    .on_hover_text("An image for chats and slides");
                ui.radio_value(&mut self.export.format, ExportFormat::Svg, "SVG")
                    .on_hover_text("A vector image for wikis: sharp at any size");
                ui.radio_value(&mut self.export.format, ExportFormat::Pdf, "PDF")
                    .on_hover_text("For print and handouts: text can be searched and copied");
            });
            let journey = doc.journey();
            if self.export.format != ExportFormat::Png {
                if self.export.format == ExportFormat::Pdf {
                    self.paper_ui(ui);
                }
                go |= self.theme_and_buttons_ui(ui, true, &mut cancel);
                return;
            }
            let whole_fits = export::image_size(journey, 1.0).is_ok();
            if !whole_fits && !journey.personas.is_empty() {
                // No scale fits the whole map: one image per persona is the way out.
                self.export.per_persona = true;
            }
            ui.checkbox(&mut self.export.as_shown, "As shown: lens, heat and card detail")
                .on_hover_text("Export the map faded, coloured and sized as the window shows it; otherwise plain");
            ui.add_enabled_ui(whole_fits, |ui| {
                ui.checkbox(&mut self.export.per_persona, "One image per persona")
                    .on_hover_text(
                        "Each persona's lane across every stage in an image of its own, \
                         named after the file and the persona (map-busy-parent.png)",
                    )
                    .on_disabled_hover_text(
                        "The whole map is too large for one image at any scale: each \
                         persona gets an image of their own",
                    );
            });
            let per_persona = self.export.per_persona;
            let size_at = |s: f32| {
                if per_persona {
                    export::per_persona_size(journey, s)
                } else {
                    export::image_size(journey, s)
                }
            };
            let sizes = [1.0, 2.0, 3.0].map(|s| (s, size_at(s)));
            let size = sizes
                .iter()
                .find(|(s, _)| *s == self.export.scale)
                .map(|(_, size)| size);
            ui.horizontal(|ui| {
                ui.label("Scale");
                for (s, size) in &sizes {
                    let radio = egui::RadioButton::new(self.export.scale == *s, format!("{s}×"));
                    let response = ui.add_enabled(size.is_ok(), radio);
                    if let Err(e) = size {
                        response.on_disabled_hover_text(too_large(e));
                    } else if response.clicked() {
                        self.export.scale = *s;
                    }
                }
                if let Some(Ok([w, h])) = size {
                    ui.add_space(8.0);
                    let each = if per_persona { " at most, each" } else { "" };
                    ui.label(RichText::new(format!("{w} × {h} px{each}")).weak());
                }
            });
            if let Some(Err(e)) = size {
                ui.colored_label(ui.visuals().error_fg_color, too_large(e));
            }
            go |= self.theme_and_buttons_ui(ui, size.is_some_and(Result::is_ok), &mut cancel);
        });
        if go {
            self.choosing_export = false;
            self.request(Purpose::Export, doc);
        } else if cancel {
            self.choosing_export = false;
        }
    }
}

impl Files {
    /// The PDF's page: the map's own size, or a sheet of paper portrait or landscape.
    fn paper_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label("Page");
            egui::ComboBox::from_id_salt("pdf page")
                .selected_text(paper_label(self.export.paper))
                .show_ui(ui, |ui| {
                    for paper in export::Paper::ALL {
                        ui.selectable_value(&mut self.export.paper, paper, paper_label(paper));
                    }
                });
            ui.add_enabled_ui(self.export.paper != export::Paper::Fit, |ui| {
                ui.radio_value(&mut self.export.landscape, false, "Portrait");
                ui.radio_value(&mut self.export.landscape, true, "Landscape");
            });
        });
    }

    /// The theme, then Choose file… (when `can_go`) and Cancel; true when Choose file… is clicked.
    fn theme_and_buttons_ui(&mut self, ui: &mut egui::Ui, can_go: bool, cancel: &mut bool) -> bool {
        let mut go = false;
        ui.horizontal(|ui| {
            ui.label("Theme");
            ui.radio_value(&mut self.export.dark, false, "Light");
            ui.radio_value(&mut self.export.dark, true, "Dark");
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            go = ui
                .add_enabled(can_go, egui::Button::new("Choose file…"))
                .clicked();
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                *cancel = true;
            }
        });
        go
    }
}

fn paper_label(paper: export::Paper) -> &'static str {
    match paper {
        export::Paper::Fit => "The map's size",
        export::Paper::A4 => "A4",
        export::Paper::A3 => "A3",
        export::Paper::A2 => "A2",
        export::Paper::A1 => "A1",
        export::Paper::Letter => "Letter",
        export::Paper::Tabloid => "Tabloid",
    }
}

/// Why a scale cannot be picked, in the app's words (the error's own text suggests a
/// command-line option).
fn too_large(e: &export::ExportError) -> String {
    match e {
        export::ExportError::TooLarge { width, height, .. } => format!(
            "Too large at this scale: {width} × {height} px (an image can have {} px a side \
             and {} megapixels at most)",
            export::MAX_SIDE,
            export::MAX_PIXELS / 1_000_000
        ),
        e => e.to_string(),
    }
}

/// Typed paths without an extension get the one their purpose implies.
fn with_extension(purpose: Purpose, path: PathBuf, format: ExportFormat) -> PathBuf {
    match purpose.extension(format) {
        Some(extension) if path.extension().is_none() => path.with_extension(extension),
        _ => path,
    }
}
