//! The table view: every touchpoint as a row, a column per field, the same document and
//! selection as the map. Built on egui_extras' `TableBuilder`: it is already a dependency (no
//! new crate to build), lays out only the rows in view (`body.rows`), and has resizable
//! columns and scrolling to a row, which is all this table needs; egui_table's extras (sticky
//! columns, grouped headers) are not.

mod fields;
mod rows;

use super::Command;
use crate::canvas::Selection;
use crate::document::Document;
use crate::edit::{self, Edit};
use crate::model::{Journey, TouchpointId};
use egui::{Key, Sense, Ui};
use egui_extras::{Column, TableBuilder};
pub use fields::Field;
use rows::Rows;

const ROW_HEIGHT: f32 = 22.0;

/// A cell being typed into.
struct Editing {
    id: TouchpointId,
    field: Field,
    text: String,
    focus: bool,
}

#[derive(Default)]
pub struct TableView {
    /// Rows whose words contain this text (as Find does on the map).
    pub filter: String,
    /// The map's lens: only the cards it matches are rows.
    pub lens: crate::insight::Lens,
    /// The column the rows are sorted by, ascending or not; None: map order.
    pub sort: Option<(Field, bool)>,
    pub hidden: Vec<Field>,
    /// The cell the keyboard is on: a card, and a column among the shown ones.
    cursor: Option<(TouchpointId, usize)>,
    editing: Option<Editing>,
    /// What a key asked for, done in the next `ui` (where the document is at hand).
    pending: Option<Command>,
    rows: Rows,
    /// The field and value "Set for N rows" applies.
    bulk: (Option<Field>, String),
    scroll_to: Option<usize>,
}

impl TableView {
    /// Keys the shell routes here while the table is shown. Returns whether the table took it.
    pub fn command(&mut self, command: Command) -> bool {
        let takes = matches!(
            command,
            Command::SelectLeft
                | Command::SelectRight
                | Command::SelectUp
                | Command::SelectDown
                | Command::EditTitle
        );
        if takes {
            self.pending = Some(command);
        }
        takes
    }

    pub fn is_editing(&self) -> bool {
        self.editing.is_some()
    }

    /// The table; returns a message for the status bar when an edit was refused.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        selection: &mut Selection,
    ) -> Option<String> {
        let fields: Vec<Field> = Field::all(doc.journey())
            .into_iter()
            .filter(|f| !self.hidden.contains(f))
            .collect();
        self.rows.update(
            doc.journey(),
            doc.history.revision(),
            &self.filter,
            &self.lens,
            &self.sort,
        );
        let mut message = egui::Frame::new()
            .inner_margin(egui::Margin::symmetric(8, 6))
            .show(ui, |ui| self.tools(ui, doc, selection))
            .inner;
        ui.separator();
        self.keys(ui, doc, selection, &fields);
        self.typing_starts_editing(ui, doc, &fields);
        let table = egui::Frame::new()
            .inner_margin(egui::Margin::symmetric(8, 0))
            .show(ui, |ui| self.table(ui, doc, selection, &fields));
        message = table.inner.or(message);
        message
    }

    /// Filter, columns, add and delete, and setting one field of every selected row.
    fn tools(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        selection: &mut Selection,
    ) -> Option<String> {
        let mut message = None;
        ui.horizontal(|ui| {
            let label = ui.label("Filter").id;
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("words in any field")
                    .desired_width(180.0),
            )
            .labelled_by(label)
            .on_hover_text("Shows the rows whose words contain this text");
            ui.label(format!("{} rows", self.rows.len()));
            ui.separator();
            ui.menu_button("Columns", |ui| {
                for field in Field::all(doc.journey()) {
                    let mut shown = !self.hidden.contains(&field);
                    if ui.checkbox(&mut shown, field.name()).changed() {
                        self.hidden.retain(|f| *f != field);
                        if !shown {
                            self.hidden.push(field);
                        }
                    }
                }
            });
            if ui
                .button("+ Row")
                .on_hover_text("Add a touchpoint")
                .clicked()
            {
                message = self.add_row(doc, selection);
            }
            let picked = selection.cards().len();
            let delete = ui.add_enabled(picked > 0, egui::Button::new("Delete rows"));
            if delete.clicked()
                && let Some(edit) = edit::remove_touchpoints(doc.journey(), selection.cards())
            {
                message = apply(doc, edit);
                *selection = Selection::Nothing;
            }
            if picked > 1 {
                ui.separator();
                message = self.bulk_ui(ui, doc, selection).or(message.take());
            }
        });
        message
    }

    fn bulk_ui(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        selection: &Selection,
    ) -> Option<String> {
        let ids = selection.cards();
        let label = ui.label(format!("Set for {} rows:", ids.len())).id;
        let (field, value) = &mut self.bulk;
        egui::ComboBox::from_id_salt("bulk field")
            .selected_text(field.as_ref().map_or("Field…", Field::name))
            .show_ui(ui, |ui| {
                for f in fields::BULK {
                    let name = f.name().to_owned();
                    ui.selectable_value(field, Some(f), name);
                }
            })
            .response
            .labelled_by(label);
        ui.add(egui::TextEdit::singleline(value).desired_width(120.0))
            .labelled_by(ui.label("to").id);
        let set = ui.add_enabled(field.is_some(), egui::Button::new("Set"));
        let field = field.clone()?;
        if !set.clicked() {
            return None;
        }
        let j = doc.journey();
        let mut edits = Vec::new();
        for &id in ids {
            let Some(index) = j.touchpoint_index(id) else {
                continue;
            };
            match field.set(j, &j.touchpoints[index], value) {
                Ok(card) if card != j.touchpoints[index] => {
                    edits.push(Edit::UpdateTouchpoint {
                        index,
                        touchpoint: card,
                    });
                }
                Ok(_) => {}
                Err(e) => return Some(e),
            }
        }
        // All the rows at once: one undo step.
        (!edits.is_empty())
            .then(|| apply(doc, Edit::Batch(edits)))
            .flatten()
    }

    /// A new row in the cell of the row the cursor is on (else the first cell), its title
    /// being typed.
    fn add_row(&mut self, doc: &mut Document, selection: &mut Selection) -> Option<String> {
        let j = doc.journey();
        let near = self.cursor.and_then(|(id, _)| j.touchpoint_index(id));
        let (persona, stage) = match near {
            Some(i) => (j.touchpoints[i].persona, j.touchpoints[i].stage),
            None => match (j.personas.first(), j.stages.first()) {
                (Some(p), Some(s)) => (p.id, s.id),
                _ => return Some("Add a persona and a stage first".to_owned()),
            },
        };
        let (edit, id) = edit::add_touchpoint(j, persona, stage, "")?;
        let message = apply(doc, edit);
        *selection = Selection::Cards(vec![id]);
        self.filter.clear();
        self.rows.update(
            doc.journey(),
            doc.history.revision(),
            &self.filter,
            &self.lens,
            &self.sort,
        );
        self.scroll_to = self.rows.position(id);
        self.start_editing(doc.journey(), id, Field::Title, None);
        message
    }

    fn start_editing(
        &mut self,
        j: &Journey,
        id: TouchpointId,
        field: Field,
        typed: Option<String>,
    ) {
        let Some(index) = j.touchpoint_index(id) else {
            return;
        };
        let text = typed.unwrap_or_else(|| field.text(j, &j.touchpoints[index]));
        self.editing = Some(Editing {
            id,
            field,
            text,
            focus: true,
        });
    }

    /// Arrows move the cursor, Enter edits its cell (the shell routes these keys here).
    fn keys(&mut self, ui: &Ui, doc: &Document, selection: &mut Selection, fields: &[Field]) {
        let Some(command) = self.pending.take() else {
            return;
        };
        let j = doc.journey();
        let ids = self.rows.ids().to_vec();
        if ids.is_empty() || fields.is_empty() {
            return;
        }
        let (row, column) = match self.cursor {
            Some((id, column)) => (
                ids.iter().position(|&i| i == id).unwrap_or(0),
                column.min(fields.len() - 1),
            ),
            None => (0, 0),
        };
        let (row, column) = match command {
            Command::SelectUp => (row.saturating_sub(1), column),
            Command::SelectDown => ((row + 1).min(ids.len() - 1), column),
            Command::SelectLeft => (row, column.saturating_sub(1)),
            Command::SelectRight => (row, (column + 1).min(fields.len() - 1)),
            Command::EditTitle if self.cursor.is_some() => {
                self.start_editing(j, ids[row], fields[column].clone(), None);
                return;
            }
            _ => (row, column),
        };
        self.cursor = Some((ids[row], column));
        self.scroll_to = Some(row);
        *selection = Selection::Cards(vec![ids[row]]);
        ui.ctx().request_repaint();
    }

    /// A character typed on a cell (no field focused) starts editing it with that character.
    fn typing_starts_editing(&mut self, ui: &Ui, doc: &Document, fields: &[Field]) {
        if self.editing.is_some() || ui.ctx().memory(|m| m.focused().is_some()) {
            return;
        }
        let Some((id, column)) = self.cursor else {
            return;
        };
        let typed: String = ui.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Text(t) => Some(t.as_str()),
                    _ => None,
                })
                .collect()
        });
        if let Some(field) = fields.get(column).filter(|_| !typed.is_empty()) {
            self.start_editing(doc.journey(), id, field.clone(), Some(typed));
        }
    }

    fn table(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        selection: &mut Selection,
        fields: &[Field],
    ) -> Option<String> {
        let mut message = None;
        let mut clicked: Option<(TouchpointId, usize, bool)> = None;
        let mut sort_by: Option<Field> = None;
        let mut commit: Option<(Editing, bool)> = None;
        let mut cancel = false;
        let mut builder = TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .sense(Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .min_scrolled_height(0.0);
        for field in fields {
            builder = builder.column(Column::initial(field.width()).at_least(40.0).clip(true));
        }
        if let Some(row) = self.scroll_to.take() {
            builder = builder.scroll_to_row(row, None);
        }
        let j = doc.journey();
        let ids = self.rows.ids().to_vec();
        builder
            .header(ROW_HEIGHT + 4.0, |mut header| {
                for field in fields {
                    header.col(|ui| {
                        let arrow = match &self.sort {
                            Some((f, true)) if f == field => " ⏶",
                            Some((f, false)) if f == field => " ⏷",
                            _ => "",
                        };
                        let text = egui::RichText::new(format!("{}{arrow}", field.name())).strong();
                        if ui
                            .add(egui::Button::new(text).frame(false))
                            .on_hover_text("Sort by this column; again to reverse")
                            .clicked()
                        {
                            sort_by = Some(field.clone());
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, ids.len(), |mut row| {
                    let id = ids[row.index()];
                    let Some(index) = j.touchpoint_index(id) else {
                        return;
                    };
                    let card = &j.touchpoints[index];
                    row.set_selected(selection.contains_card(id));
                    for (column, field) in fields.iter().enumerate() {
                        let (_, response) = row.col(|ui| {
                            match self
                                .editing
                                .as_mut()
                                .filter(|e| e.id == id && e.field == *field)
                            {
                                Some(editing) => {
                                    let edit = ui
                                        .add(
                                            egui::TextEdit::singleline(&mut editing.text)
                                                .desired_width(f32::INFINITY),
                                        )
                                        .accessible_name(field.name());
                                    if editing.focus {
                                        edit.request_focus();
                                        editing.focus = false;
                                    }
                                    if edit.lost_focus() {
                                        let (escape, tab) = ui.input(|i| {
                                            (i.key_pressed(Key::Escape), i.key_pressed(Key::Tab))
                                        });
                                        cancel = escape;
                                        if !escape && let Some(e) = self.editing.take() {
                                            commit = Some((e, tab));
                                        }
                                    }
                                }
                                None => {
                                    let text = field.text(j, card);
                                    let cursor = self.cursor == Some((id, column));
                                    let label = egui::Label::new(text.replace('\n', " ⏎ "))
                                        .truncate()
                                        .selectable(false)
                                        .sense(Sense::click());
                                    let r = ui.add(label);
                                    if cursor {
                                        let stroke = ui.visuals().selection.stroke;
                                        ui.painter().rect_stroke(
                                            ui.max_rect().expand(1.0),
                                            2.0,
                                            stroke,
                                            egui::StrokeKind::Inside,
                                        );
                                    }
                                    if r.clicked() || r.double_clicked() {
                                        let add =
                                            ui.input(|i| i.modifiers.command || i.modifiers.shift);
                                        clicked = Some((id, column, add));
                                    }
                                    if r.double_clicked() {
                                        clicked = Some((id, column, false));
                                        self.pending = Some(Command::EditTitle);
                                    }
                                }
                            }
                        });
                        if response.clicked() {
                            let add = response
                                .ctx
                                .input(|i| i.modifiers.command || i.modifiers.shift);
                            clicked = Some((id, column, add));
                        }
                    }
                });
            });
        if cancel {
            self.editing = None;
        }
        if let Some((editing, tab)) = commit {
            let j = doc.journey();
            if let Some(index) = j.touchpoint_index(editing.id) {
                match editing.field.set(j, &j.touchpoints[index], &editing.text) {
                    Ok(card) if card != j.touchpoints[index] => {
                        message = apply(
                            doc,
                            Edit::UpdateTouchpoint {
                                index,
                                touchpoint: card,
                            },
                        );
                    }
                    Ok(_) => {}
                    Err(e) => message = Some(e),
                }
            }
            if tab {
                self.pending = Some(Command::SelectRight);
            }
        }
        if let Some((id, column, add)) = clicked {
            self.cursor = Some((id, column));
            if self.editing.as_ref().is_none_or(|e| e.id != id) {
                self.editing = None;
            }
            selection.click_card(id, add);
        }
        if let Some(field) = sort_by {
            self.sort = match self.sort.take() {
                Some((f, true)) if f == field => Some((f, false)),
                Some((f, false)) if f == field => None,
                _ => Some((field, true)),
            };
        }
        message
    }
}

fn apply(doc: &mut Document, edit: Edit) -> Option<String> {
    doc.apply(edit).err().map(|e| e.to_string())
}
