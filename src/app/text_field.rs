//! A text field bound to a model value through edits: it keeps its own draft while focused, so a
//! name can be emptied and retyped without the empty name ever reaching the journey.

use egui::{Response, TextEdit, Ui};

pub struct Field<'a> {
    pub id_salt: &'a str,
    pub multiline: bool,
    pub allow_empty: bool,
    pub hint: &'a str,
}

/// Shows the field; returns the new value when the user changed it to something acceptable, and
/// the response (callers seal the undo step when focus leaves).
pub fn show(ui: &mut Ui, field: Field<'_>, current: &str) -> (Option<String>, Response) {
    let id = ui.make_persistent_id(field.id_salt);
    let draft_id = id.with("draft");
    let mut draft = ui
        .data(|d| d.get_temp::<String>(draft_id))
        .unwrap_or_else(|| current.to_owned());
    let edit = if field.multiline {
        TextEdit::multiline(&mut draft).desired_rows(2)
    } else {
        TextEdit::singleline(&mut draft)
    };
    let response = ui.add(
        edit.id(id)
            .hint_text(field.hint)
            .desired_width(f32::INFINITY),
    );
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(draft_id, draft.clone()));
    } else {
        ui.data_mut(|d| d.remove::<String>(draft_id));
    }
    let acceptable = field.allow_empty || !draft.trim().is_empty();
    let changed = response.changed() && acceptable && draft != current;
    (changed.then_some(draft), response)
}
