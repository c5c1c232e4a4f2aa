//! Compare mode: the open journey beside another version of it (a file, or a git revision of
//! its file). The map marks what changed since that version; a list beside it names every
//! change, and a click on a card's change selects and shows the card.

use crate::compare::describe::{self, Line};
use crate::compare::picture::{Mark, Picture};
use crate::compare::{self as diffing, Change};
use crate::document::Document;
use crate::git::Revision;
use crate::model::{Journey, TouchpointId};
use crate::render::{Palette, mark_colour, paint_curve_swatch};
use egui::{RichText, ScrollArea};
use std::sync::Arc;

mod start;

/// What the user asked of the compare panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Select the card and bring it into view.
    Show(TouchpointId),
    /// Compare with this git revision (its short hash) instead.
    Revision(String),
    Leave,
}

pub struct CompareView {
    /// The other version: what the open journey is compared with.
    other: Journey,
    /// What it is called: a file's name, or a revision.
    pub label: String,
    /// The revisions of the open file, newest first, when it is kept in git.
    revisions: Vec<Revision>,
    /// The document revision the changes were worked out for.
    computed: Option<u64>,
    picture: Arc<Picture>,
    /// Each change in words, with the card it is about.
    lines: Vec<(Line, Option<TouchpointId>, Option<Mark>)>,
}

impl CompareView {
    pub fn new(other: Journey, label: String, revisions: Vec<Revision>) -> Self {
        Self {
            other,
            label,
            revisions,
            computed: None,
            picture: Arc::default(),
            lines: Vec::new(),
        }
    }

    /// The marks for the map, worked out again after each change to the document.
    pub fn picture(&mut self, doc: &Document) -> Arc<Picture> {
        let revision = doc.history.revision();
        if self.computed != Some(revision) {
            let now = doc.journey();
            let diff = diffing::diff(&self.other, now);
            let picture = Picture::new(&diff, &self.other, now).named(&self.label, "this map");
            let lines = describe::lines(&diff, &self.other, now);
            self.lines = diff
                .changes
                .iter()
                .zip(lines)
                .map(|(change, line)| {
                    let card = match change {
                        Change::Card(c) => Some(c.item().id),
                        _ => None,
                    };
                    let mark = card.and_then(|id| picture.mark(id)).map(|m| m.mark);
                    (line, card, mark)
                })
                .collect();
            self.picture = Arc::new(picture);
            self.computed = Some(revision);
        }
        self.picture.clone()
    }

    /// The panel: what is compared, the revision picker, and the list of changes.
    pub fn ui(&mut self, ui: &mut egui::Ui, palette: &Palette) -> Option<Action> {
        let mut action = None;
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.heading("Changes");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Leave compare").clicked() {
                    action = Some(Action::Leave);
                }
            });
        });
        ui.label(RichText::new(format!("Since {}", self.label)).weak());
        // The other version is the as-is, the open map the to-be: both curves share each band.
        versions_key(ui, &self.label, palette);
        if !self.revisions.is_empty() {
            egui::ComboBox::from_id_salt("compare revision")
                .selected_text("Another revision…")
                .width(ui.available_width())
                .show_ui(ui, |ui| {
                    for r in &self.revisions {
                        let text = format!("{}  {}  ({})", r.hash, r.subject, r.when);
                        if ui.selectable_label(false, text).clicked() {
                            action = Some(Action::Revision(r.hash.clone()));
                        }
                    }
                });
        }
        ui.separator();
        if self.lines.is_empty() {
            ui.label("No changes: the two versions are the same journey.");
        }
        ScrollArea::vertical().show(ui, |ui| {
            for (line, card, mark) in &self.lines {
                let colour = mark.map_or(palette.muted, |m| mark_colour(palette, m));
                let heading = RichText::new(line.subject.as_str()).strong().color(colour);
                let detail = line.what.clone();
                match card {
                    // A removed card has nothing to show on the map.
                    Some(id) if *mark != Some(Mark::Removed) => {
                        let clicked = ui
                            .add(egui::Button::selectable(false, heading).wrap())
                            .on_hover_text("Select and show the card")
                            .clicked();
                        if clicked {
                            action = Some(Action::Show(*id));
                        }
                    }
                    // Lined up with the buttons' text.
                    _ => indented(ui, heading),
                }
                indented(ui, RichText::new(detail).small());
                ui.add_space(4.0);
            }
        });
        action
    }

    /// Compares with another version instead.
    pub fn replace(&mut self, other: Journey, label: String) {
        self.other = other;
        self.label = label;
        self.computed = None;
    }
}

/// Which emotion curve is which: the other version's (as-is) and the open map's (to-be).
fn versions_key(ui: &mut egui::Ui, other: &str, palette: &Palette) {
    for (as_is, text) in [
        (true, format!("As-is: {other}")),
        (false, "To-be: this map".to_owned()),
    ] {
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(22.0, 12.0), egui::Sense::hover());
            paint_curve_swatch(ui.painter(), swatch, as_is, palette);
            ui.label(text);
        });
    }
}

/// A label where a button's text would start.
fn indented(ui: &mut egui::Ui, text: RichText) {
    ui.horizontal_wrapped(|ui| {
        ui.add_space(ui.spacing().button_padding.x);
        ui.label(text);
    });
}
