//! The menu bar and the tool bar: title, file, zoom, undo/redo, add buttons.

use super::{AppState, Command};
use egui::{RichText, Ui};

pub fn ui(app: &mut AppState, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(app, ui, Command::New);
                item(app, ui, Command::Open);
                ui.menu_button("Open Recent", |ui| {
                    let recent = app.settings.recent.clone();
                    if recent.is_empty() {
                        ui.label(RichText::new("No recent files").weak());
                    }
                    for path in recent {
                        if ui.button(path.display().to_string()).clicked() {
                            app.guard_unsaved(super::dialogs::Pending::OpenPath(path));
                        }
                    }
                    ui.separator();
                    if ui.button("Clear recent files").clicked() {
                        app.settings.recent.clear();
                        app.settings.store();
                    }
                });
                ui.separator();
                item(app, ui, Command::Save);
                item(app, ui, Command::SaveAs);
                item(app, ui, Command::ExportPng);
                ui.separator();
                item(app, ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                item(app, ui, Command::Undo);
                item(app, ui, Command::Redo);
                ui.separator();
                item(app, ui, Command::Cut);
                item(app, ui, Command::Copy);
                item(app, ui, Command::CopyMapImage);
                item(app, ui, Command::Paste);
                item(app, ui, Command::Duplicate);
                item(app, ui, Command::Delete);
                ui.separator();
                item(app, ui, Command::SelectAll);
                item(app, ui, Command::EmotionUp);
                item(app, ui, Command::EmotionDown);
                ui.separator();
                item(app, ui, Command::AddCard);
                item(app, ui, Command::AddStage);
                item(app, ui, Command::AddPersona);
            });
            ui.menu_button("View", |ui| {
                item(app, ui, Command::FitMap);
                item(app, ui, Command::ActualSize);
                item(app, ui, Command::ZoomIn);
                item(app, ui, Command::ZoomOut);
                ui.separator();
                item(app, ui, Command::Present);
                ui.separator();
                ui.label("Theme");
                let mut pref = ui.ctx().options(|o| o.theme_preference);
                let before = pref;
                ui.radio_value(&mut pref, egui::ThemePreference::System, "Follow system");
                ui.radio_value(&mut pref, egui::ThemePreference::Light, "Light");
                ui.radio_value(&mut pref, egui::ThemePreference::Dark, "Dark");
                if pref != before {
                    ui.ctx().set_theme(pref);
                    app.settings.theme = pref;
                    app.settings.store();
                }
            });
            ui.menu_button("Help", |ui| {
                item(app, ui, Command::Shortcuts);
            });
        });
    });

    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let title = app.doc.journey().title.clone();
            let field = super::text_field::Field {
                id_salt: "journey title",
                multiline: false,
                allow_empty: false,
                hint: "Journey title",
            };
            ui.scope(|ui| {
                ui.style_mut().override_text_style = Some(egui::TextStyle::Heading);
                ui.set_max_width(360.0);
                let (value, response) = super::text_field::show(ui, field, &title);
                response.on_hover_text("Journey title");
                if let Some(v) = value {
                    let key = crate::edit::MergeKey {
                        field: "j-title",
                        item: 0,
                    };
                    if let Err(e) = app.doc.apply_merging(crate::edit::Edit::SetTitle(v), key) {
                        app.error(e.to_string());
                    }
                }
            });
            let dirty = if app.doc.is_dirty() { " (edited)" } else { "" };
            ui.label(RichText::new(format!("{}{dirty}", app.doc.file_name())).weak())
                .on_hover_text(
                    app.doc
                        .path
                        .as_deref()
                        .map_or("Not saved yet".into(), |p| p.display().to_string()),
                );
            ui.separator();
            tool(
                app,
                ui,
                "⟲",
                Command::Undo,
                app.doc.history.can_undo(),
                &ctx,
            );
            tool(
                app,
                ui,
                "⟳",
                Command::Redo,
                app.doc.history.can_redo(),
                &ctx,
            );
            ui.separator();
            tool(app, ui, "+ Card", Command::AddCard, true, &ctx);
            tool(app, ui, "+ Stage", Command::AddStage, true, &ctx);
            tool(app, ui, "+ Persona", Command::AddPersona, true, &ctx);
            ui.separator();
            tool(app, ui, "−", Command::ZoomOut, true, &ctx);
            ui.label(format!("{:.0} %", app.canvas.camera.zoom * 100.0))
                .on_hover_text("Zoom (Ctrl + scroll)");
            tool(app, ui, "+", Command::ZoomIn, true, &ctx);
            tool(app, ui, "⛶ Fit", Command::FitMap, true, &ctx);
            tool(app, ui, "1:1", Command::ActualSize, true, &ctx);
            ui.separator();
            find_field(app, ui);
        });
        ui.add_space(4.0);
    });
}

/// A menu entry that shows its shortcut.
fn item(app: &mut AppState, ui: &mut Ui, command: Command) {
    let mut button = egui::Button::new(command.label());
    if let Some(s) = command.shortcut_text(ui.ctx()) {
        button = button.shortcut_text(s);
    }
    if ui.add(button).clicked() {
        let ctx = ui.ctx().clone();
        app.run(&ctx, command);
        ui.close();
    }
}

/// Find: type to ring the matching cards, Enter (or F3) steps through them, Escape clears.
fn find_field(app: &mut AppState, ui: &mut Ui) {
    let hint = match Command::Find.shortcut_text(ui.ctx()) {
        Some(s) => format!("Find cards ({s})"),
        None => "Find cards".to_owned(),
    };
    let response = ui.add(
        egui::TextEdit::singleline(&mut app.find.query)
            .hint_text(hint)
            .desired_width(200.0),
    );
    let response = response.on_hover_text("Find cards by their words; Enter for the next one");
    if std::mem::take(&mut app.find.focus_requested) {
        response.request_focus();
    }
    let (enter, escape) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::Enter),
            i.key_pressed(egui::Key::Escape),
        )
    });
    if response.lost_focus() && escape {
        app.find.query.clear();
    } else if response.lost_focus() && enter {
        app.find_next();
        // Enter again goes on to the next card.
        response.request_focus();
    }
    app.refresh_find();
    if !app.find.query.trim().is_empty() {
        let n = app.find.matches().len();
        ui.label(RichText::new(format!("{n} found")).weak());
    }
}

/// A tool-bar button with a tooltip naming the action and its shortcut.
fn tool(
    app: &mut AppState,
    ui: &mut Ui,
    text: &str,
    command: Command,
    enabled: bool,
    ctx: &egui::Context,
) {
    let tip = match command.shortcut_text(ctx) {
        Some(s) => format!("{} ({s})", command.label()),
        None => command.label().to_owned(),
    };
    if ui
        .add_enabled(enabled, egui::Button::new(text))
        .on_hover_text(tip)
        .clicked()
    {
        app.run(ctx, command);
    }
}
