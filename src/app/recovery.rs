//! Autosave to the recovery file, and the offer to restore what a crash left behind.

use super::AppState;
use crate::clock;
use crate::io::recovery::{self, RecoveryStore, Snapshot};
use egui::{Context, Modal, RichText};
use std::path::PathBuf;

/// Seconds after the last change before the recovery file is written: well inside the
/// five-second promise, and rarely while someone is still typing.
pub const AUTOSAVE_DELAY: f64 = 2.0;

#[derive(Default)]
pub struct Autosave {
    /// Where recovery files go; None turns autosave off (tests that do not exercise it).
    pub store: Option<RecoveryStore>,
    /// The history revision last written to the recovery file.
    written: Option<u64>,
    /// The revision of the last change seen, and when it was seen (egui time, seconds).
    change: Option<(u64, f64)>,
    /// A recovery file from a crashed session, waiting for the user's answer.
    pub offer: Option<(PathBuf, Snapshot)>,
}

impl Autosave {
    pub fn new(store: RecoveryStore) -> Self {
        let offer = store.find_orphan();
        Self {
            store: Some(store),
            offer,
            ..Self::default()
        }
    }
}

impl AppState {
    /// Writes the recovery file once the journey has rested for [`AUTOSAVE_DELAY`] after a
    /// change; removes it once there is nothing unsaved.
    pub(super) fn autosave(&mut self, ctx: &Context) {
        let Some(store) = &self.autosave.store else {
            return;
        };
        let revision = self.doc.history.revision();
        if !self.doc.is_dirty() {
            if self.autosave.written.is_some() {
                store.clear();
                self.autosave.written = None;
            }
            return;
        }
        if self.autosave.written == Some(revision) {
            return;
        }
        let now = ctx.input(|i| i.time);
        let since = match self.autosave.change {
            Some((r, t)) if r == revision => t,
            _ => {
                self.autosave.change = Some((revision, now));
                now
            }
        };
        let wait = AUTOSAVE_DELAY - (now - since);
        if wait > 0.0 {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
            return;
        }
        self.write_recovery();
    }

    fn write_recovery(&mut self) {
        let Some(store) = &self.autosave.store else {
            return;
        };
        let snapshot = Snapshot {
            file: self.doc.path.clone(),
            saved_at: clock::now_secs(),
            journey: self.doc.journey().clone(),
        };
        match store.write(&snapshot) {
            Ok(()) => self.autosave.written = Some(self.doc.history.revision()),
            Err(e) => self.error(format!(
                "Could not write the recovery file {}: {e}",
                store.own_file().display()
            )),
        }
    }

    /// Removes the recovery file: the work is saved, or the user chose to drop it.
    pub(super) fn clear_recovery(&mut self) {
        if let Some(store) = &self.autosave.store {
            store.clear();
        }
        self.autosave.written = None;
    }

    pub(super) fn restore_offer_ui(&mut self, ctx: &Context) {
        let Some((path, snapshot)) = &self.autosave.offer else {
            return;
        };
        let mut answer = None;
        Modal::new(egui::Id::unique("restore offer")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("Restore unsaved work?");
            ui.add_space(6.0);
            let belongs = snapshot
                .file
                .as_deref()
                .map_or("a journey that was never saved".to_owned(), |f| {
                    f.display().to_string()
                });
            ui.label(format!(
                "Journeymap closed without saving “{}”.",
                snapshot.journey.title
            ));
            ui.label(RichText::new(format!("File: {belongs}")).weak());
            ui.label(
                RichText::new(format!(
                    "Last change kept: {}",
                    clock::date_time(snapshot.saved_at)
                ))
                .weak(),
            );
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    answer = Some(true);
                }
                if ui.button("Discard").clicked() {
                    answer = Some(false);
                }
            });
        });
        let Some(restore) = answer else {
            return;
        };
        let orphan = path.clone();
        if let Some((_, snapshot)) = self.autosave.offer.take()
            && restore
        {
            self.replace_document(snapshot.journey, snapshot.file);
            self.doc.history.mark_unsaved();
            // Ours first, then theirs: at no moment is the work in no recovery file.
            self.write_recovery();
            self.info("Restored the unsaved work; save it to keep it");
        }
        recovery::discard(&orphan);
    }
}
