//! Help ▸ About: the version, the licence, and where the app keeps its settings and recovery
//! files (what a user looks for before reinstalling, or to back them up).

use crate::io::recovery::RecoveryStore;
use egui::{Context, RichText};
use std::path::Path;

#[derive(Default)]
pub struct About {
    pub open: bool,
    /// The app's icon, made into a texture the first time the window opens.
    icon: Option<egui::TextureHandle>,
}

impl About {
    /// `settings` is the settings file, None when the app keeps its settings in memory only.
    pub fn ui(&mut self, ctx: &Context, settings: Option<&Path>) {
        if !self.open {
            return;
        }
        let recovery = RecoveryStore::default_dir();
        let icon = self
            .icon
            .get_or_insert_with(|| {
                let icon = super::icon::icon();
                let size = [icon.width as usize, icon.height as usize];
                let pixels = egui::ColorImage::from_rgba_unmultiplied(size, &icon.rgba);
                ctx.load_texture("app icon", pixels, egui::TextureOptions::LINEAR)
            })
            .id();
        egui::Window::new("About Journeymap")
            .open(&mut self.open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.set_max_width(480.0);
                ui.horizontal(|ui| {
                    ui.image((icon, egui::vec2(56.0, 56.0)));
                    ui.vertical(|ui| {
                        ui.horizontal(|ui| {
                            ui.heading("Journeymap");
                            let version = format!("version {}", env!("CARGO_PKG_VERSION"));
                            ui.label(RichText::new(version).weak());
                        });
                        ui.label(env!("CARGO_PKG_DESCRIPTION"));
                    });
                });
                ui.add_space(8.0);
                egui::Grid::new("about")
                    .num_columns(2)
                    .spacing([16.0, 6.0])
                    .show(ui, |ui| {
                        ui.label("Licence");
                        ui.label(format!(
                            "{} (LICENSE-MIT, LICENSE-APACHE)",
                            env!("CARGO_PKG_LICENSE")
                        ));
                        ui.end_row();
                        place(ui, "Settings", settings);
                        place(ui, "Recovery files", recovery.as_deref());
                    });
            });
    }
}

/// One folder or file: its path, selectable so it can be copied into a file manager.
fn place(ui: &mut egui::Ui, what: &str, path: Option<&Path>) {
    ui.label(what);
    match path {
        Some(path) => ui.add(
            egui::Label::new(RichText::new(path.display().to_string()).monospace())
                .selectable(true),
        ),
        None => ui.label(RichText::new("not kept (no home folder)").weak()),
    };
    ui.end_row();
}
