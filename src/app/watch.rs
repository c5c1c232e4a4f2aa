//! Notices when someone else changes the open file (a teammate through git, a shared drive).

use super::AppState;
use egui::{Context, RichText};
use std::path::Path;
use std::time::SystemTime;

/// How often the file's metadata is checked, in seconds: a stat call, cheap enough.
pub const CHECK_EVERY: f64 = 1.0;

/// What the file looked like when we last read or wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

#[derive(Default)]
pub struct DiskWatch {
    pub stamp: Option<Stamp>,
    last_check: Option<f64>,
    /// The file changed under us: the banner shows.
    pub changed: bool,
}

impl DiskWatch {
    pub fn reset(&mut self, path: Option<&Path>) {
        self.stamp = path.and_then(Stamp::of);
        self.changed = false;
    }

    /// True when the file on disk is not the one we last read or wrote.
    pub fn differs(&self, path: &Path) -> bool {
        self.stamp.is_some() && Stamp::of(path) != self.stamp
    }
}

impl AppState {
    pub(super) fn watch_disk(&mut self, ctx: &Context) {
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        let now = ctx.input(|i| i.time);
        if self.watch.last_check.is_some_and(|t| now - t < CHECK_EVERY) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(CHECK_EVERY));
            return;
        }
        self.watch.last_check = Some(now);
        if !self.watch.changed && self.watch.differs(&path) {
            self.watch.changed = true;
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(CHECK_EVERY));
    }

    pub(super) fn changed_banner(&mut self, ui: &mut egui::Ui) {
        if !self.watch.changed {
            return;
        }
        let path = self.doc.path.clone();
        egui::Panel::top("changed on disk")
            .frame(
                egui::Frame::new()
                    .fill(ui.visuals().warn_fg_color.gamma_multiply(0.18))
                    .inner_margin(8.0),
            )
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let lose = if self.doc.is_dirty() {
                        " Reloading drops your unsaved changes."
                    } else {
                        ""
                    };
                    ui.label(
                        RichText::new(format!(
                            "⚠ {} was changed on disk by another program.{lose}",
                            self.doc.file_name()
                        ))
                        .strong(),
                    );
                    if ui.button("Reload").clicked()
                        && let Some(path) = &path
                    {
                        self.open_path(path);
                    }
                    if ui
                        .button("Keep my version")
                        .on_hover_text("Saving will then overwrite the file on disk")
                        .clicked()
                    {
                        self.watch.reset(path.as_deref());
                    }
                });
            });
    }
}
