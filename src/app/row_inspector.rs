//! The inspector of a stage row (name, where it sits, collapsed, its text per stage, order,
//! removal), and the "+ Row" menu that adds one. Every change is an undoable edit.

use crate::edit::{self, Edit, MergeKey};
use crate::model::{Journey, RowKind, StageRow};
use egui::{RichText, Ui};

/// The row's form; returns the edit it asks for, and the undo step typing merges into.
pub fn ui(ui: &mut Ui, j: &Journey, row: &StageRow) -> Option<(Edit, Option<MergeKey>)> {
    let index = j.row_index(row.id)?;
    let key = |field, stage: u32| MergeKey {
        field,
        item: (u64::from(row.id.0) << 32) | u64::from(stage),
    };
    ui.heading("Stage row");
    ui.label(
        RichText::new(if row.kind.is_derived() {
            format!("{}: worked out from the cards", row.kind.label())
        } else {
            "Text: a note per stage".to_owned()
        })
        .weak(),
    );
    ui.add_space(4.0);
    let mut new = row.clone();
    let mut merge = None;
    let name_label = ui.label(RichText::new("Name").strong()).id;
    let (name, response) = super::text_field::show(
        ui,
        super::text_field::Field {
            id_salt: "row-name",
            multiline: false,
            allow_empty: false,
            hint: "Name",
        },
        &row.name,
    );
    response.labelled_by(name_label);
    if let Some(name) = name {
        new.name = name;
        merge = Some(key("row-name", 0));
    }
    ui.add_space(4.0);
    ui.checkbox(&mut new.above, "Above the persona lanes");
    ui.checkbox(&mut new.collapsed, "Collapsed (only its name shows)");
    if row.kind == RowKind::Text {
        ui.separator();
        for stage in &j.stages {
            let label = ui.label(RichText::new(&stage.name).strong()).id;
            let (text, response) = ui
                .push_id(stage.id.0, |ui| {
                    super::text_field::show(
                        ui,
                        super::text_field::Field {
                            id_salt: "row-cell",
                            multiline: true,
                            allow_empty: true,
                            hint: "Text for this stage",
                        },
                        row.text(stage.id),
                    )
                })
                .inner;
            response.labelled_by(label);
            if let Some(text) = text {
                let order: Vec<_> = j.stages.iter().map(|s| s.id).collect();
                new = new.with_text(stage.id, &text, &order);
                merge = Some(key("row-cell", stage.id.0));
            }
        }
    }
    ui.separator();
    let mut edit = None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new("⏶ Up"))
            .on_hover_text("Move the row up")
            .clicked()
        {
            edit = Some(Edit::MoveRow {
                from: index,
                to: index - 1,
            });
        }
        if ui
            .add_enabled(index + 1 < j.rows.len(), egui::Button::new("⏷ Down"))
            .on_hover_text("Move the row down")
            .clicked()
        {
            edit = Some(Edit::MoveRow {
                from: index,
                to: index + 1,
            });
        }
        if ui.button("Remove row").clicked() {
            edit = Some(Edit::RemoveRow { index });
        }
    });
    if let Some(edit) = edit {
        return Some((edit, None));
    }
    (new != *row).then_some((Edit::UpdateRow { index, row: new }, merge))
}

/// "+ Row ▾": a menu of the row kinds; returns the edit that adds the chosen one.
pub fn add_menu(ui: &mut Ui, j: &Journey) -> Option<Edit> {
    let mut added = None;
    ui.menu_button("+ Row", |ui| {
        for kind in RowKind::ALL {
            if ui.button(kind.label()).clicked() {
                added = Some(edit::add_row(j, kind).0);
                ui.close();
            }
        }
    })
    .response
    .on_hover_text("Add a row across the stages: pain points, opportunities, metrics, owners, channels, every persona's emotion, or text");
    added
}
