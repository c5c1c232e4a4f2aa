//! Modal questions and the shortcut sheet.

use super::files::Purpose;
use super::{AppState, Command};
use crate::model::{PersonaId, StageId};
use egui::{Context, Modal, RichText};

/// A destructive action waiting for a yes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirm {
    DeletePersona(PersonaId),
    DeleteStage(StageId),
}

/// What the user asked for while there were unsaved changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    New,
    Open,
    OpenPath(std::path::PathBuf),
    Close,
}

impl AppState {
    pub(super) fn modal_open(&self) -> bool {
        self.confirm.is_some()
            || self.unsaved.is_some()
            || self.files.modal_open()
            || self.new_dialog.is_some()
            || self.autosave.offer.is_some()
            || self.overwrite.is_some()
            || self.load_problem.is_some()
    }

    /// Runs `pending` now, or first asks Save / Don't save / Cancel when there are unsaved changes.
    pub fn guard_unsaved(&mut self, pending: Pending) {
        if self.doc.is_dirty() {
            self.unsaved = Some(pending);
        } else {
            self.proceed(pending);
        }
    }

    pub(super) fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::New => self.new_dialog = Some(super::new_dialog::NewDialog::new()),
            Pending::Open => self.files.request(Purpose::Open, &self.doc),
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::Close => {
                self.close_confirmed = true;
            }
        }
    }
}

pub fn ui(app: &mut AppState, ctx: &Context) {
    if let Some(what) = app.confirm {
        let j = app.doc.journey();
        let (kind, name, cards) = match what {
            Confirm::DeletePersona(id) => (
                "persona",
                j.persona(id).map(|p| p.name.clone()).unwrap_or_default(),
                j.touchpoints.iter().filter(|t| t.persona == id).count(),
            ),
            Confirm::DeleteStage(id) => (
                "stage",
                j.stage(id).map(|s| s.name.clone()).unwrap_or_default(),
                j.touchpoints.iter().filter(|t| t.stage == id).count(),
            ),
        };
        let body = format!(
            "It holds {}; they will be deleted too. You can undo this with Ctrl+Z.",
            crate::words::count(cards, "touchpoint")
        );
        let yes = RichText::new(format!("Delete {kind}"))
            .color(ctx.global_style().visuals.error_fg_color);
        let answer = ask(
            ctx,
            "confirm delete",
            &format!("Delete {kind} “{name}”?"),
            &body,
            yes,
        );
        if let Some(yes) = answer {
            app.confirm = None;
            if yes {
                app.delete_confirmed(what);
            }
        }
    }

    if let Some(pending) = app.unsaved.clone() {
        let mut answer = None;
        Modal::new(egui::Id::unique("unsaved changes")).show(ctx, |ui| {
            ui.set_max_width(440.0);
            ui.heading(format!("Save changes to “{}”?", app.doc.file_name()));
            ui.add_space(6.0);
            ui.label("Your changes will be lost if you don't save them.");
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some(UnsavedAnswer::Save);
                }
                if ui.button("Don't save").clicked() {
                    answer = Some(UnsavedAnswer::Discard);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(UnsavedAnswer::Cancel);
                }
            });
        });
        match answer {
            Some(UnsavedAnswer::Save) => {
                app.unsaved = None;
                app.save_then(pending);
            }
            Some(UnsavedAnswer::Discard) => {
                app.unsaved = None;
                app.clear_recovery();
                app.proceed(pending);
            }
            Some(UnsavedAnswer::Cancel) => app.unsaved = None,
            None => {}
        }
    }

    if let Some(dialog) = app.new_dialog.as_mut() {
        match dialog.ui(ctx) {
            Some(super::new_dialog::Answer::Chosen(journey)) => {
                app.new_dialog = None;
                app.replace_document(journey, None);
            }
            Some(super::new_dialog::Answer::Cancel) => app.new_dialog = None,
            None => {}
        }
    }

    if app.show_shortcuts {
        let mut open = true;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| shortcut_sheet(ui, ctx));
        app.show_shortcuts = open;
    }
}

/// Every shortcut and pointer gesture, in two columns so that the sheet fits a laptop screen (and
/// scrolls on a smaller window).
fn shortcut_sheet(ui: &mut egui::Ui, ctx: &Context) {
    let mut rows: Vec<(&str, String)> = Command::ALL
        .iter()
        .filter_map(|c| Some((c.label(), c.shortcut_text(ctx)?)))
        .collect();
    rows.extend(
        [
            ("Pan", "Drag empty space · middle button · scroll"),
            ("Zoom", "Ctrl + scroll · pinch"),
            ("Select many", "Shift/Ctrl + click · Shift + drag a band"),
            ("Add a card", "Double-click an empty cell"),
            ("Rename", "Double-click a card, stage or persona"),
        ]
        .map(|(what, how)| (what, how.to_owned())),
    );
    let (left, right) = rows.split_at(rows.len().div_ceil(2));
    let max_height = (ctx.content_rect().height() - 120.0).max(200.0);
    egui::ScrollArea::vertical()
        .max_height(max_height)
        // A window offers its content only its default height (420): ask for what fits.
        .min_scrolled_height(max_height)
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for (id, rows) in [("shortcuts left", left), ("shortcuts right", right)] {
                    egui::Grid::new(id)
                        .num_columns(2)
                        .striped(true)
                        .spacing([24.0, 6.0])
                        .show(ui, |ui| {
                            for (what, how) in rows {
                                ui.label(*what);
                                ui.label(RichText::new(how).monospace());
                                ui.end_row();
                            }
                        });
                    ui.add_space(16.0);
                }
            });
        });
}

/// A modal yes/no question; Cancel or Escape answers no. None while it is still open.
pub(super) fn ask(
    ctx: &Context,
    id: &str,
    heading: &str,
    body: &str,
    yes: impl Into<egui::WidgetText>,
) -> Option<bool> {
    let mut answer = None;
    Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(heading);
        ui.add_space(6.0);
        ui.label(body);
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button(yes).clicked() {
                answer = Some(true);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                answer = Some(false);
            }
        });
    });
    answer
}

enum UnsavedAnswer {
    Save,
    Discard,
    Cancel,
}
