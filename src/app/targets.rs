//! The journey's metric targets (`CSAT ≥ 80 %`, `Churn ≤ 5 %`), edited in the journey inspector.
//! Every change is one undoable edit of the whole list.

use crate::edit::Edit;
use crate::model::{Goal, Journey, Target};
use egui::{ComboBox, DragValue, RichText, Ui};

/// The targets' form; returns the edit that sets the changed list.
pub fn ui(ui: &mut Ui, j: &Journey) -> Option<Edit> {
    ui.label(RichText::new("Metric targets").strong());
    let names = crate::insight::metric_names(j);
    let mut targets = j.targets.clone();
    let mut remove = None;
    for (i, target) in targets.iter_mut().enumerate() {
        ui.push_id(i, |ui| {
            // Two short lines, so that a narrow inspector keeps its width.
            let caption = ui
                .horizontal(|ui| {
                    let caption = ui.label("Metric").id;
                    ComboBox::from_id_salt("metric")
                        .selected_text(&target.metric)
                        .width(ui.available_width().min(180.0))
                        .show_ui(ui, |ui| {
                            for name in &names {
                                ui.selectable_value(&mut target.metric, name.clone(), name);
                            }
                        })
                        .response
                        .labelled_by(caption);
                    caption
                })
                .inner;
            ui.horizontal(|ui| {
                let (mut at_least, mut value) = match target.goal {
                    Goal::AtLeast(v) => (true, v),
                    Goal::AtMost(v) => (false, v),
                };
                ui.selectable_value(&mut at_least, true, "≥")
                    .on_hover_text("At least: higher is better");
                ui.selectable_value(&mut at_least, false, "≤")
                    .on_hover_text("At most: lower is better");
                ui.add(DragValue::new(&mut value).speed(0.5))
                    .on_hover_text("The target's value")
                    .labelled_by(caption);
                target.goal = if at_least {
                    Goal::AtLeast(value)
                } else {
                    Goal::AtMost(value)
                };
                if ui
                    .small_button("🗑")
                    .on_hover_text("Remove the target")
                    .clicked()
                {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        targets.remove(i);
    }
    let free = names.iter().find(|n| {
        j.target(n).is_none() && !targets.iter().any(|t| t.metric.eq_ignore_ascii_case(n))
    });
    if let Some(name) = free
        && ui
            .button("+ Target")
            .on_hover_text("Set a target for a metric: values that miss it are marked on the map")
            .clicked()
    {
        targets.push(Target {
            metric: name.clone(),
            goal: Goal::AtLeast(0.0),
        });
    }
    // Two targets for one name would break the journey: keep the first.
    let mut seen = Vec::new();
    targets.retain(|t| {
        let key = t.metric.to_lowercase();
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
    (targets != j.targets).then_some(Edit::SetTargets(targets))
}
