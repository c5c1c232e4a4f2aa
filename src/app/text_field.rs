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
    let focused = ui.memory(|m| m.has_focus(id));
    // A one-line field too narrow for its text ends in "…" until it is focused for typing.
    let mut elided = |ui: &Ui, text: &dyn egui::TextBuffer, width: f32| {
        ui.ctx()
            .fonts_mut(|f| f.layout_job(elided_line(ui, text.as_str(), width)))
    };
    let edit = if field.multiline {
        TextEdit::multiline(&mut draft).desired_rows(2)
    } else if focused {
        TextEdit::singleline(&mut draft)
    } else {
        TextEdit::singleline(&mut draft).layouter(&mut elided)
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

/// One line of `text` in the field's font, cut at `width` with an ellipsis.
fn elided_line(ui: &Ui, text: &str, width: f32) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let mut job = egui::text::LayoutJob::simple_singleline(
        text.to_owned(),
        font,
        ui.visuals().widgets.inactive.text_color(),
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width(width);
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_too_long_for_its_field_ends_in_an_ellipsis_and_a_short_one_is_whole() {
        let ctx = egui::Context::default();
        let _ = ctx.run_ui(egui::RawInput::default(), |ui| {
            let layout = |text: &str| {
                ui.ctx()
                    .fonts_mut(|f| f.layout_job(elided_line(ui, text, 80.0)))
            };
            let long = layout("Net promoter score after the first delivery");
            assert_eq!(long.rows.len(), 1);
            assert!(long.size().x <= 80.5, "{}", long.size().x);
            let shown: String = long.rows[0].glyphs.iter().map(|g| g.chr).collect();
            assert!(shown.ends_with('…'), "{shown}");
            let short = layout("CSAT");
            let shown: String = short.rows[0].glyphs.iter().map(|g| g.chr).collect();
            assert_eq!(shown, "CSAT");
        });
    }
}
