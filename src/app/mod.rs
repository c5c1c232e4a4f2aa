//! The desktop app: menus, panels, dialogs, shortcuts around the canvas.

mod about;
mod actions;
pub mod coediting;
pub mod commands;
pub mod compare;
mod data_files;
mod dialogs;
pub mod discovery;
pub mod exports;
mod file_ops;
pub mod files;
pub mod find;
pub mod icon;
mod inspector;
pub mod load_problem;
mod new_dialog;
pub mod recovery;
mod row_inspector;
pub mod settings;
pub mod start;
mod story;
pub mod table;
mod targets;
mod text_field;
mod toolbar;
mod topbar;
pub mod watch;
pub mod workshop;

use crate::canvas::{Canvas, Selection};
use crate::document::Document;
use crate::model::Journey;
use crate::render::Palette;
use crate::{io, templates};
pub use commands::{Command, View};
use dialogs::{Confirm, Pending};
use files::Files;
use settings::Settings;
use std::path::PathBuf;
use std::process::ExitCode;

/// The views of the journey: the map lives in `AppState::canvas`; the table here.
#[derive(Default)]
pub struct Views {
    pub active: View,
    pub table: table::TableView,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Everything the window shows; eframe and the UI tests drive it through [`AppState::ui`].
pub struct AppState {
    pub doc: Document,
    pub selection: Selection,
    pub canvas: Canvas,
    pub files: Files,
    pub status: Option<Status>,
    pub settings: Settings,
    pub autosave: recovery::Autosave,
    pub watch: watch::DiskWatch,
    pub exports: exports::Exports,
    pub find: find::Find,
    pub inspector: inspector::Inspector,
    /// Lens, heat and the journey health window.
    pub story: story::Story,
    /// The map and the table, and which one is shown.
    pub views: Views,
    /// The start screen, while there is no journey yet (started with no file to open).
    pub start: Option<start::StartScreen>,
    pub about: about::About,
    /// Compare mode: the journey beside another version of it.
    pub compare: Option<compare::CompareView>,
    /// A journey that could not be opened, and what the user can do about it.
    pub load_problem: Option<load_problem::LoadProblem>,
    /// Save waits for "overwrite the newer file on disk?".
    overwrite: Option<PathBuf>,
    pub show_shortcuts: bool,
    /// Workshop ▸ Host and Join: co-editing with colleagues on the local network.
    pub coediting: coediting::Coediting,
    /// The keyboard cursor, presenting, the spotlight, dot voting and the timer.
    pub workshop: workshop::Workshop,
    confirm: Option<Confirm>,
    /// What waits for an answer to "Save changes?".
    pub unsaved: Option<Pending>,
    /// What waits for a save to finish (the user chose Save in that question).
    after_save: Option<Pending>,
    pub new_dialog: Option<new_dialog::NewDialog>,
    /// The user agreed to close with unsaved changes (or saved them).
    close_confirmed: bool,
    last_focus: Option<egui::Id>,
    /// The history revision the selection was last checked against.
    selection_checked: Option<u64>,
    window_title: String,
}

impl AppState {
    pub fn new(journey: Journey, path: Option<PathBuf>) -> Self {
        let mut app = Self {
            doc: Document::new(journey, path),
            selection: Selection::Nothing,
            canvas: Canvas::fitting(),
            files: Files::default(),
            status: None,
            settings: Settings::default(),
            autosave: recovery::Autosave::default(),
            watch: watch::DiskWatch::default(),
            exports: exports::Exports::default(),
            find: find::Find::default(),
            inspector: inspector::Inspector::default(),
            story: story::Story::default(),
            views: Views::default(),
            start: None,
            about: about::About::default(),
            compare: None,
            load_problem: None,
            overwrite: None,
            show_shortcuts: false,
            coediting: coediting::Coediting::default(),
            workshop: workshop::Workshop::default(),
            confirm: None,
            unsaved: None,
            after_save: None,
            new_dialog: None,
            close_confirmed: false,
            last_focus: None,
            selection_checked: None,
            window_title: String::new(),
        };
        app.watch.reset(app.doc.path.as_deref());
        app
    }

    /// The start screen, over an empty journey that nothing can change until the user picks
    /// a template or opens a file.
    pub fn starting() -> Self {
        let mut app = Self::new(templates::blank(), None);
        app.start = Some(start::StartScreen::default());
        app
    }

    /// Opens `path`, or shows the start screen when there is none. A file that fails to load is
    /// named with what is wrong in it over an empty journey, never over a template, which
    /// could pass for the user's file.
    pub fn open_or_start(path: Option<PathBuf>) -> Self {
        match path {
            None => Self::starting(),
            Some(path) => match io::load(&path) {
                Ok(journey) => Self::new(journey, Some(path)),
                Err(e) => {
                    let mut app = Self::new(templates::blank(), None);
                    app.load_problem = Some(load_problem::LoadProblem::new(e));
                    app
                }
            },
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        log::warn!("{text}");
        self.status = Some(Status { text, error: true });
    }

    pub fn palette(ctx: &egui::Context) -> Palette {
        Palette::for_dark_mode(ctx.global_style().visuals.dark_mode)
    }

    /// One frame of the whole app.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.handle_close(&ctx);
        self.open_dropped_files(&ctx);
        self.files.poll(&ctx);
        self.take_file_results(&ctx);
        self.poll_export(&ctx);
        if self.coediting.poll(&ctx, &mut self.doc) {
            // The host's whole map arrived: show all of it, in place of the start screen.
            self.canvas.fit_pending = true;
            self.start = None;
        }
        if let Some(live) = self.doc.live_mut() {
            live.share_selection(self.selection.cards().first().map(|id| id.0));
            self.canvas.others = live.session().others();
        } else {
            self.canvas.others.clear();
        }
        if let Some(missing) = crate::fonts::take_news() {
            self.error(crate::fonts::missing_message(&missing));
        }
        // Before the focus bookkeeping: a field that just gave up focus (Escape) still keeps
        // this frame's keys from the map.
        self.handle_keyboard(&ctx);
        self.seal_on_focus_change(&ctx);
        // Undo, delete or a reload may have removed selected items; check after changes only.
        let revision = self.doc.history.revision();
        if self.selection_checked != Some(revision) {
            self.selection.retain_existing(self.doc.journey());
            self.selection_checked = Some(revision);
        }
        // A selection (a click, say) takes the cursor off its empty cell.
        if self.selection != Selection::Nothing {
            self.workshop.cursor.cell = None;
        }

        // Presenting shows the map alone: no menus, tools, inspector or status bar.
        let presenting = self.workshop.presentation.on;
        if !presenting {
            topbar::ui(self, ui);
        }
        if self.start.is_some() {
            self.start_screen(ui);
            self.windows(&ctx);
            return;
        }
        if !presenting {
            toolbar::ui(self, ui);
        }
        if self.story.lens_open && !presenting {
            egui::Panel::top("lens").show(ui, |ui| {
                self.story.lens_bar(ui, self.doc.journey());
            });
        }
        self.changed_banner(ui);
        self.story.mark(&self.doc, &mut self.canvas);
        self.canvas.compare = self.compare.as_mut().map(|c| c.picture(&self.doc));
        self.doc.set_compared(self.canvas.compare.clone());
        if let Some(view) = self.compare.as_mut().filter(|_| !presenting) {
            let palette = Self::palette(ui.ctx());
            let mut action = None;
            egui::Panel::left("compare")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| action = view.ui(ui, &palette));
            if let Some(action) = action {
                self.compare_action(action);
            }
        }
        if !presenting {
            egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
            let window = ctx.content_rect().width();
            let mut open = self.inspector.open;
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(inspector::default_width(window))
                .size_range(inspector::widths(window))
                .show_collapsible(ui, &mut open, |ui| inspector::ui(self, ui));
            self.inspector.open = open;
        }
        egui::CentralPanel::no_frame().show(ui, |ui| match self.views.active {
            View::Map => {
                let palette = Self::palette(ui.ctx());
                self.canvas.read_only = self.workshop.presentation.read_only();
                self.canvas.fit_width = self.workshop.presentation.on;
                self.canvas.hide_votes = self.workshop.voting.is_open();
                self.canvas
                    .ui(ui, &mut self.doc, &mut self.selection, &palette);
                if let Some(message) = self.workshop.vote_by_click(ui, &self.canvas, &mut self.doc)
                {
                    self.info(message);
                }
                self.workshop.paint_over_map(
                    ui,
                    &self.canvas,
                    &mut self.doc,
                    &palette,
                    &self.selection,
                );
            }
            View::Table => {
                if self.views.table.lens != self.story.lens {
                    self.views.table.lens = self.story.lens.clone();
                }
                if let Some(problem) = self.views.table.ui(ui, &mut self.doc, &mut self.selection) {
                    self.error(problem);
                }
            }
        });
        self.windows(&ctx);
    }

    /// The dialogs and windows over the views, and the work after each frame.
    fn windows(&mut self, ctx: &egui::Context) {
        dialogs::ui(self, ctx);
        self.coediting.ui(ctx, &mut self.doc, self.start.is_none());
        let palette = Self::palette(ctx);
        if let Some(message) = self
            .workshop
            .ui(ctx, self.canvas.rect, &mut self.doc, &palette)
        {
            self.info(message);
        }
        self.story.health_window(ctx, &self.doc);
        self.about.ui(ctx, self.settings.file.as_deref());
        self.load_problem_ui(ctx);
        self.restore_offer_ui(ctx);
        self.overwrite_question(ctx);
        self.files.ui(ctx, &self.doc);
        self.update_window_title(ctx);
        self.autosave(ctx);
        self.watch_disk(ctx);
    }

    /// The start screen in the whole window; what the user picks there replaces the empty
    /// journey behind it (and closes the screen).
    fn start_screen(&mut self, ui: &mut egui::Ui) {
        let Some(start) = self.start.as_mut() else {
            return;
        };
        let choice = start.ui(ui, &self.settings.recent);
        match choice {
            Some(start::Choice::Template(journey)) => self.replace_document(journey, None),
            Some(start::Choice::Open) => self.guard_unsaved(Pending::Open),
            Some(start::Choice::Recent(path)) => self.guard_unsaved(Pending::OpenPath(path)),
            None => {}
        }
    }

    /// Whether `command` means anything now: before there is a journey, only starting or
    /// opening one and help do.
    pub fn can_run(&self, command: Command) -> bool {
        self.start.is_none() || start::allows(command)
    }

    /// A .ron or a journey .png dropped on the window opens (asking first about unsaved work).
    fn open_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped.first().map(|f| f.path().to_path_buf()) {
            self.guard_unsaved(Pending::OpenPath(path));
        }
    }

    /// Closing the window with unsaved changes asks first; the close waits for the answer.
    fn handle_close(&mut self, ctx: &egui::Context) {
        if self.close_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.is_dirty()
            && !self.close_confirmed
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.unsaved = Some(Pending::Close);
        }
    }

    /// Typing in one field is one undo step; leaving the field ends it.
    fn seal_on_focus_change(&mut self, ctx: &egui::Context) {
        let focus = ctx.memory(|m| m.focused());
        if focus != self.last_focus {
            self.doc.history.seal();
            self.last_focus = focus;
        }
    }

    fn saved(&mut self, path: &std::path::Path) {
        self.settings.remember(path);
        self.settings.store();
    }

    fn opened(&mut self, path: &std::path::Path) {
        self.saved(path);
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let summary = self.doc.journey().summary();
            // The file's name lives here, where its "edited" mark moves no button.
            let dirty = if self.doc.is_dirty() { " (edited)" } else { "" };
            ui.label(format!("{}{dirty}", self.doc.file_name()))
                .on_hover_text(
                    self.doc
                        .path
                        .as_deref()
                        .map_or("Not saved yet".into(), |p| p.display().to_string()),
                );
            ui.separator();
            ui.label(summary.to_string());
            // The zoom is the map's; the table has none.
            if self.views.active == View::Map {
                ui.separator();
                ui.label(format!("Zoom {:.0} %", self.canvas.camera.zoom * 100.0));
            }
            if let Some((matching, all)) = self.story.matching {
                ui.separator();
                ui.label(format!(
                    "{matching} of {} match the lens",
                    crate::words::count(all, "card")
                ));
            }
            if let Some(destination) = self.exports.running() {
                // No spinner: it would repaint the window all along; the export wakes it when done.
                ui.separator();
                ui.label(match destination {
                    exports::Destination::File(path)
                    | exports::Destination::Vector { path, .. } => {
                        let name = path.file_name().unwrap_or(path.as_os_str());
                        format!("Exporting {}…", name.to_string_lossy())
                    }
                    exports::Destination::PerPersona(_) => {
                        "Exporting one image per persona…".to_owned()
                    }
                    exports::Destination::Clipboard => "Copying the map as a picture…".to_owned(),
                });
            } else if let Some(status) = &self.status {
                ui.separator();
                let colour = if status.error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                ui.colored_label(colour, &status.text);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("?")
                    .on_hover_text("Keyboard shortcuts (?)")
                    .clicked()
                {
                    self.show_shortcuts = true;
                }
            });
        });
    }

    /// "map.ron — Journeymap", with a mark while there are unsaved changes.
    pub fn window_title(&self) -> String {
        if self.start.is_some() {
            return "Journeymap".to_owned();
        }
        let mark = if self.doc.is_dirty() { "● " } else { "" };
        format!(
            "{mark}{} — {} — Journeymap",
            self.doc.file_name(),
            self.doc.journey().title
        )
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}

/// The eframe shell around [`AppState`].
struct JourneymapApp {
    state: AppState,
}

impl eframe::App for JourneymapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.state.ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Quitting never cuts an export short.
        self.state.finish_export(None);
    }
}

/// Starts the desktop app; returns when the window closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let settings = Settings::load();
    // With no file given, carry on where the last session ended.
    let file = file.or_else(|| settings.recent.first().filter(|p| p.exists()).cloned());
    let mut state = AppState::open_or_start(file);
    state.files.native = true;
    state.files.last_dir = settings.last_dir.clone();
    let theme = settings.theme;
    if let Some(camera) = state.doc.path.as_ref().and_then(|p| settings.views.get(p)) {
        state.canvas.camera = *camera;
        state.canvas.fit_pending = false;
    }
    state.settings = settings;
    if let Some(dir) = crate::io::recovery::RecoveryStore::default_dir() {
        state.autosave = recovery::Autosave::new(crate::io::recovery::RecoveryStore::new(dir));
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(state.window_title())
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true)
            .with_icon(icon::icon())
            .with_app_id(icon::APP_ID),
        renderer: eframe::Renderer::Glow,
        // `setup_context` installs the system fonts itself, to be told what none of them has.
        system_font_fallback: false,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Journeymap",
        options,
        Box::new(|cc| {
            setup_context(&cc.egui_ctx);
            cc.egui_ctx.set_theme(theme);
            Ok(Box::new(JourneymapApp { state }))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("journeymap: could not open a window: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Context settings the app and its tests share.
pub fn setup_context(ctx: &egui::Context) {
    crate::fonts::install(ctx);
    // Ctrl +/- zoom the map, not the whole interface.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    ctx.global_style_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.interaction.tooltip_delay = 0.3;
    });
}
