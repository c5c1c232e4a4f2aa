//! The menu bar: File, Edit, View, Workshop, Help.

use super::{AppState, Command};
use egui::{RichText, Ui};

pub fn ui(app: &mut AppState, ui: &mut Ui) {
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
                item(app, ui, Command::Import);
                item(app, ui, Command::ImportInto);
                item(app, ui, Command::ExportCsv);
                item(app, ui, Command::ExportMermaid);
                ui.separator();
                item(app, ui, Command::CompareWith);
                item(app, ui, Command::CompareWithRevision);
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
                item(app, ui, Command::PainPoint);
                item(app, ui, Command::VoteUp);
                item(app, ui, Command::VoteDown);
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
                item(app, ui, Command::ToggleTable);
                item(app, ui, Command::ToggleInspector);
                item(app, ui, Command::Present);
                ui.separator();
                item(app, ui, Command::CardDetail);
                item(app, ui, Command::Lens);
                item(app, ui, Command::Health);
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
            ui.menu_button("Workshop", |ui| workshop_menu(app, ui));
            ui.menu_button("Help", |ui| {
                item(app, ui, Command::Shortcuts);
                ui.separator();
                item(app, ui, Command::About);
            });
            if app.start.is_none() {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    view_tabs(app, ui);
                });
            }
        });
    });
}

/// The two views of the journey as tabs at the right of the menu bar, where there is room
/// whatever the window's width (laid out right to left: Table, then Map).
fn view_tabs(app: &mut AppState, ui: &mut Ui) {
    let active = app.views.active;
    let tip = match Command::ToggleTable.shortcut_text(ui.ctx()) {
        Some(s) => format!("{} ({s})", Command::ToggleTable.label()),
        None => Command::ToggleTable.label().to_owned(),
    };
    for (view, name) in [(super::View::Table, "Table"), (super::View::Map, "Map")] {
        if ui
            .selectable_label(active == view, name)
            .on_hover_text(&tip)
            .clicked()
            && active != view
        {
            let ctx = ui.ctx().clone();
            app.run(&ctx, Command::ToggleTable);
        }
    }
}

/// Facilitating a room: presenting, voting, the timer.
fn workshop_menu(app: &mut AppState, ui: &mut Ui) {
    item(app, ui, Command::Present);
    item(app, ui, Command::Spotlight);
    item(app, ui, Command::HideDetails);
    ui.menu_button("Text size", |ui| {
        let style = app.doc.style().clone();
        for size in crate::layout::TextSize::ALL {
            if ui.radio(style.text_size == size, size.label()).clicked() {
                app.doc
                    .set_style(crate::layout::Style::sized(style.detail, size));
            }
        }
        if let Some(s) = Command::TextSize.shortcut_text(ui.ctx()) {
            ui.label(RichText::new(format!("{s} steps through them")).weak());
        }
    });
    ui.separator();
    item(app, ui, Command::StartVote);
    if app.workshop.voting.is_open() {
        item(app, ui, Command::NextVoter);
        item(app, ui, Command::RevealVotes);
    }
    item(app, ui, Command::VotingRounds);
    ui.separator();
    item(app, ui, Command::ShowTimer);
    item(app, ui, Command::TimerStartPause);
    item(app, ui, Command::TimerAddMinute);
    ui.separator();
    item(app, ui, Command::HostWorkshop);
    item(app, ui, Command::JoinWorkshop);
}

/// A menu entry that shows its shortcut.
pub(super) fn item(app: &mut AppState, ui: &mut Ui, command: Command) {
    let mut button = egui::Button::new(command.label());
    if let Some(s) = command.shortcut_text(ui.ctx()) {
        button = button.shortcut_text(s);
    }
    if ui.add_enabled(app.can_run(command), button).clicked() {
        let ctx = ui.ctx().clone();
        app.run(&ctx, command);
        ui.close();
    }
}
