//! The right-hand panel: every field of what is selected.

use super::AppState;
use super::text_field::{self, Field};
use crate::canvas::Selection;
use crate::edit::{self, Edit, MergeKey};
use crate::layout::Style;
use crate::model::{Channel, Colour, Emotion, Kind, Metric, Persona, Stage, Touchpoint};
use egui::{RichText, Ui};

/// The inspector panel's own state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspector {
    /// Shown (Ctrl+I and the tool bar's button hide it, for a small window or a projector).
    pub open: bool,
}

impl Default for Inspector {
    fn default() -> Self {
        Self { open: true }
    }
}

/// The inspector's first width: a third of a small window, at most 340 points.
pub fn default_width(window: f32) -> f32 {
    (window * 0.3).clamp(220.0, 340.0)
}

/// How wide the user can make it: never more than 40 % of the window.
pub fn widths(window: f32) -> egui::Rangef {
    egui::Rangef::new(220.0, (window * 0.4).clamp(220.0, 560.0))
}

pub fn ui(app: &mut AppState, ui: &mut Ui) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(8.0);
            let j = app.doc.journey();
            let edit = match app.selection.clone() {
                Selection::Cards(ids) if ids.len() == 1 => j
                    .touchpoint_index(ids[0])
                    .and_then(|i| touchpoint(ui, &j.touchpoints[i]))
                    .map(|(t, merge)| (edit::update_touchpoint(j, t), merge)),
                Selection::Cards(ids) => {
                    ui.heading(format!("{} touchpoints selected", ids.len()));
                    ui.label(
                        "Drag them together, or use Duplicate (Ctrl+D), Copy (Ctrl+C) and Delete.",
                    );
                    None
                }
                Selection::Persona(id) => j
                    .persona(id)
                    .and_then(|p| persona(ui, p))
                    .map(|(p, merge)| (edit::update_persona(j, p), merge)),
                Selection::Stage(id) => j
                    .stage(id)
                    .and_then(|s| stage(ui, s))
                    .map(|(s, merge)| (edit::update_stage(j, s), merge)),
                Selection::Row(id) => j
                    .row_index(id)
                    .and_then(|i| super::row_inspector::ui(ui, j, &j.rows[i]))
                    .map(|(e, merge)| (Some(e), merge)),
                Selection::Nothing => journey(ui, app),
            };
            if let Some((Some(edit), merge)) = edit {
                let result = match merge {
                    Some(key) => app.doc.apply_merging(edit, key),
                    None => app.doc.apply(edit),
                };
                if let Err(e) = result {
                    app.error(e.to_string());
                }
            }
        });
}

/// A text field whose typing merges into one undo step per field and item.
fn text(
    ui: &mut Ui,
    label: &str,
    current: &str,
    multiline: bool,
    allow_empty: bool,
    key: MergeKey,
    merge: &mut Option<MergeKey>,
) -> Option<String> {
    let label_id = ui.label(RichText::new(label).strong()).id;
    let field = Field {
        id_salt: key.field,
        multiline,
        allow_empty,
        hint: label,
    };
    let (value, response) = text_field::show(ui, field, current);
    // Screen readers (and the UI tests) find the field by its label.
    response.labelled_by(label_id);
    ui.add_space(4.0);
    if value.is_some() {
        *merge = Some(key);
    }
    value
}

fn touchpoint(ui: &mut Ui, t: &Touchpoint) -> Option<(Touchpoint, Option<MergeKey>)> {
    let mut new = t.clone();
    let mut merge = None;
    let mut changed = false;
    let key = |field| MergeKey {
        field,
        item: u64::from(t.id.0),
    };
    ui.heading("Touchpoint");
    ui.add_space(4.0);
    if let Some(v) = text(
        ui,
        "Title",
        &t.title,
        false,
        true,
        key("tp-title"),
        &mut merge,
    ) {
        new.title = v;
    }
    if let Some(v) = text(
        ui,
        "Notes",
        &t.notes,
        true,
        true,
        key("tp-notes"),
        &mut merge,
    ) {
        new.notes = v;
    }

    let channel_label = ui.label(RichText::new("Channel").strong());
    let combo = channel_picker(ui, &mut new.channel, &mut changed);
    let _ = combo
        .labelled_by(channel_label.id)
        .accessible_name("Channel");
    if let Some(Channel::Other(name)) = &t.channel
        && let Some(v) = text(
            ui,
            "Other channel",
            name,
            false,
            true,
            key("tp-channel"),
            &mut merge,
        )
    {
        new.channel = Some(Channel::Other(v));
    }
    ui.add_space(4.0);

    ui.horizontal(|ui| {
        ui.label(RichText::new("Kind").strong());
        for kind in [Kind::Direct, Kind::Indirect] {
            changed |= ui
                .radio_value(&mut new.kind, kind, kind.label())
                .on_hover_text(match kind {
                    Kind::Direct => "The brand runs it in real time (a support call, a checkout)",
                    Kind::Indirect => {
                        "The brand does not run it (reviews, social mentions, word of mouth)"
                    }
                })
                .changed();
        }
    });
    if let Some(digital) = t.channel.as_ref().and_then(Channel::is_digital) {
        let kind = if digital {
            "Digital channel"
        } else {
            "Physical channel"
        };
        let muted = AppState::palette(ui.ctx()).muted;
        ui.label(RichText::new(kind).small().color(muted));
    }
    ui.add_space(4.0);

    ui.label(RichText::new("Emotion").strong());
    changed |= emotion_picker(ui, &mut new.emotion);
    ui.add_space(4.0);

    let mut pain = t.pain_point.is_some();
    if ui
        .checkbox(&mut pain, RichText::new("Pain point").strong())
        .changed()
    {
        new.pain_point = pain.then(String::new);
        changed = true;
    }
    // The field is always there, greyed out until ticked, so that nothing below moves.
    let field = Field {
        id_salt: "tp-pain",
        multiline: true,
        allow_empty: true,
        hint: if t.pain_point.is_some() {
            "What goes wrong here?"
        } else {
            "Tick Pain point to describe it"
        },
    };
    let current = t.pain_point.as_deref().unwrap_or_default();
    let (value, _) = ui
        .add_enabled_ui(t.pain_point.is_some(), |ui| {
            text_field::show(ui, field, current)
        })
        .inner;
    if let Some(v) = value.filter(|_| t.pain_point.is_some()) {
        new.pain_point = Some(v);
        merge = Some(key("tp-pain"));
    }
    ui.add_space(4.0);
    if let Some(v) = text(
        ui,
        "Opportunity",
        &t.opportunity,
        true,
        true,
        key("tp-opportunity"),
        &mut merge,
    ) {
        new.opportunity = v;
    }
    if let Some(v) = text(
        ui,
        "Owner",
        &t.owner,
        false,
        true,
        key("tp-owner"),
        &mut merge,
    ) {
        new.owner = v;
    }

    ui.label(RichText::new("Metrics").strong());
    // The name takes what the value, unit and remove button leave.
    let name_width = (ui.available_width() - 170.0).max(80.0);
    let mut remove = None;
    for (i, m) in new.metrics.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            // Through a draft, like the other fields: an emptied name is kept from the journey
            // until a new one is typed.
            let salt = format!("tp-metric-name-{i}");
            let field = Field {
                id_salt: &salt,
                multiline: false,
                allow_empty: false,
                hint: "Name",
            };
            let size = egui::vec2(name_width, ui.spacing().interact_size.y);
            let (renamed, name) = ui
                .allocate_ui(size, |ui| text_field::show(ui, field, &m.name))
                .inner;
            // The whole name, when the field shows it cut.
            let name = name.on_hover_text(m.name.clone());
            if let Some(v) = renamed {
                m.name = v;
            }
            let value = ui
                .add(
                    egui::DragValue::new(&mut m.value)
                        .speed(0.5)
                        .max_decimals(2),
                )
                .accessible_name(format!("{} value", m.name));
            let unit = ui.add(
                egui::TextEdit::singleline(&mut m.unit)
                    .desired_width(40.0)
                    .hint_text("Unit"),
            );
            if ui
                .small_button("🗑")
                .on_hover_text("Remove this metric")
                .clicked()
            {
                remove = Some(i);
            }
            if name.changed() || value.changed() || unit.changed() {
                merge = Some(key("tp-metrics"));
            }
        });
    }
    if let Some(i) = remove {
        new.metrics.remove(i);
        changed = true;
    }
    if ui.button("+ Add metric").clicked() {
        new.metrics.push(Metric {
            name: "CSAT".into(),
            value: 0.0,
            unit: "%".into(),
        });
        changed = true;
    }
    ui.add_space(4.0);

    ui.horizontal(|ui| {
        let label = ui.label(RichText::new("Votes").strong());
        let votes = ui
            .add(egui::DragValue::new(&mut new.votes).range(0..=999))
            .labelled_by(label.id)
            .accessible_name("Votes");
        changed |= votes.changed();
        if ui.small_button("+1").on_hover_text("Add a vote").clicked() {
            new.votes = new.votes.saturating_add(1);
            changed = true;
        }
    });
    ui.add_space(4.0);
    let tags = t.tags.join(", ");
    if let Some(v) = text(
        ui,
        "Tags (comma separated)",
        &tags,
        false,
        true,
        key("tp-tags"),
        &mut merge,
    ) {
        new.tags = v
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
    }

    (new != *t).then_some((new, if changed { None } else { merge }))
}

fn persona(ui: &mut Ui, p: &Persona) -> Option<(Persona, Option<MergeKey>)> {
    let mut new = p.clone();
    let mut merge = None;
    let key = |field| MergeKey {
        field,
        item: u64::from(p.id.0),
    };
    ui.heading("Persona");
    ui.add_space(4.0);
    if let Some(v) = text(ui, "Name", &p.name, false, false, key("p-name"), &mut merge) {
        new.name = v;
    }
    if let Some(v) = text(
        ui,
        "Description",
        &p.description,
        true,
        true,
        key("p-description"),
        &mut merge,
    ) {
        new.description = v;
    }
    if let Some(v) = text(
        ui,
        "Goals",
        &p.goals,
        true,
        true,
        key("p-goals"),
        &mut merge,
    ) {
        new.goals = v;
    }
    if let Some(v) = text(
        ui,
        "Frustrations",
        &p.frustrations,
        true,
        true,
        key("p-frustrations"),
        &mut merge,
    ) {
        new.frustrations = v;
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new("Colour").strong());
        let mut rgb = [p.colour.r, p.colour.g, p.colour.b];
        if ui.color_edit_button_srgb(&mut rgb).changed() {
            new.colour = Colour::rgb(rgb[0], rgb[1], rgb[2]);
            merge = Some(key("p-colour"));
        }
        for c in Colour::PALETTE {
            let swatch = egui::Button::new("")
                .fill(egui::Color32::from_rgb(c.r, c.g, c.b))
                .min_size(egui::vec2(18.0, 18.0));
            if ui.add(swatch).on_hover_text(c.to_string()).clicked() {
                new.colour = c;
            }
        }
    });
    (new != *p).then_some((new, merge))
}

fn stage(ui: &mut Ui, s: &Stage) -> Option<(Stage, Option<MergeKey>)> {
    let mut new = s.clone();
    let mut merge = None;
    let key = |field| MergeKey {
        field,
        item: u64::from(s.id.0),
    };
    ui.heading("Stage");
    ui.add_space(4.0);
    if let Some(v) = text(ui, "Name", &s.name, false, false, key("s-name"), &mut merge) {
        new.name = v;
    }
    if let Some(v) = text(
        ui,
        "Description",
        &s.description,
        true,
        true,
        key("s-description"),
        &mut merge,
    ) {
        new.description = v;
    }
    ui.add_space(4.0);
    // The width a dragged header edge sets, here for the keyboard too.
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new("Column width").strong());
        let mut width = s.width.unwrap_or(Style::default().column_width);
        let field = ui
            .add(
                egui::DragValue::new(&mut width)
                    .range(Stage::WIDTHS)
                    .speed(2.0)
                    .max_decimals(0)
                    .suffix(" pt"),
            )
            .labelled_by(label.id)
            .accessible_name("Column width");
        if field.changed() {
            new.width = Some(width.round());
            merge = Some(key("s-width"));
        }
        if s.width.is_some()
            && ui
                .small_button("Default")
                .on_hover_text("Back to the width every column has by default")
                .clicked()
        {
            new.width = None;
            merge = None;
        }
    });
    (new != *s).then_some((new, merge))
}

/// With nothing selected: the journey itself, and a few figures.
fn journey(ui: &mut Ui, app: &AppState) -> Option<(Option<Edit>, Option<MergeKey>)> {
    let j = app.doc.journey();
    let mut merge = None;
    let key = |field| MergeKey { field, item: 0 };
    ui.heading("Journey");
    ui.add_space(4.0);
    let mut edit = None;
    if let Some(v) = text(
        ui,
        "Title",
        &j.title,
        false,
        false,
        key("j-title"),
        &mut merge,
    ) {
        edit = Some(Edit::SetTitle(v));
    }
    if let Some(v) = text(
        ui,
        "Description",
        &j.description,
        true,
        true,
        key("j-description"),
        &mut merge,
    ) {
        edit = Some(Edit::SetDescription(v));
    }
    ui.separator();
    let s = j.summary();
    ui.label(s.to_string());
    let with_emotion: Vec<f32> = j
        .touchpoints
        .iter()
        .filter_map(|t| t.emotion)
        .map(|e| f32::from(e.0))
        .collect();
    if !with_emotion.is_empty() {
        let mean = with_emotion.iter().sum::<f32>() / with_emotion.len() as f32;
        ui.label(format!(
            "Mean emotion {} over {}",
            crate::words::signed_tenths(mean),
            crate::words::count(with_emotion.len(), "touchpoint")
        ));
    }
    ui.add_space(8.0);
    if let Some(add) = super::row_inspector::add_menu(ui, j) {
        edit = Some(add);
    }
    ui.add_space(8.0);
    if let Some(targets) = super::targets::ui(ui, j) {
        edit = Some(targets);
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Click a card, a stage, a persona or a row to edit it. Double-click an empty cell to add a touchpoint.").weak());
    edit.map(|e| (Some(e), merge))
}

/// The channel drop-down: "Not set", every named channel, then one of the user's own. It opens
/// tall enough to show them all (a window too short for that scrolls).
fn channel_picker(
    ui: &mut Ui,
    channel: &mut Option<Channel>,
    changed: &mut bool,
) -> egui::Response {
    let shown = match channel {
        Some(c) => RichText::new(format!("{}  {}", c.icon(), c.label())),
        None => RichText::new(NOT_SET).weak(),
    };
    let spacing = ui.spacing();
    let row = ui.text_style_height(&egui::TextStyle::Button)
        + 2.0 * spacing.button_padding.y
        + spacing.item_spacing.y;
    // "Not set", the named channels and "Other…", in the menu's frame.
    let everything = (Channel::NAMED.len() + 2) as f32 * row
        + spacing.menu_margin.sum().y
        + spacing.item_spacing.y;
    let room = ui.ctx().content_rect().height() - 48.0;
    let other = matches!(channel, Some(Channel::Other(_)));
    egui::ComboBox::from_id_salt("channel")
        .selected_text(shown)
        .width(ui.available_width() - 8.0)
        .height(everything.min(room))
        // When the window is too short for the whole list, the scroll bar shows all along.
        .popup_style(egui::style::StyleModifier::new(
            |style: &mut egui::Style| {
                style.spacing.scroll = egui::style::ScrollStyle::solid();
            },
        ))
        .show_ui(ui, |ui| {
            *changed |= ui.selectable_value(channel, None, NOT_SET).changed();
            for c in Channel::NAMED {
                let label = format!("{}  {}", c.icon(), c.label());
                *changed |= ui.selectable_value(channel, Some(c), label).changed();
            }
            if ui.selectable_label(other, "✱  Other…").clicked() && !other {
                *channel = Some(Channel::Other(String::new()));
                *changed = true;
            }
        })
        .response
}

/// What the channel picker says for a card whose channel nobody has picked yet.
const NOT_SET: &str = "Not set";

/// None, then the five faces of the scale; the chosen one is filled with its colour.
fn emotion_picker(ui: &mut Ui, emotion: &mut Option<Emotion>) -> bool {
    let palette = AppState::palette(ui.ctx());
    let mut changed = false;
    ui.horizontal(|ui| {
        changed |= ui.selectable_value(emotion, None, "None").changed();
        for e in Emotion::SCALE {
            let chosen = *emotion == Some(e);
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(34.0, 34.0), egui::Sense::click());
            let response = response
                .on_hover_text(format!("{:+} {}", e.0, e.label()))
                .accessible_name(e.label());
            // The chosen face is filled; the others are outlines, readable but quieter.
            let (fill, ink) = if chosen {
                (palette.emotion(e), egui::Color32::WHITE)
            } else {
                (ui.visuals().panel_fill, palette.emotion_outline(e))
            };
            let radius = if response.hovered() || chosen {
                15.0
            } else {
                13.0
            };
            crate::render::paint_face(ui.painter(), rect.center(), radius, e, fill, ink);
            if !chosen {
                ui.painter()
                    .circle_stroke(rect.center(), radius, egui::Stroke::new(1.5, ink));
            }
            if chosen {
                ui.painter().circle_stroke(
                    rect.center(),
                    16.5,
                    egui::Stroke::new(2.0, ui.visuals().text_color()),
                );
            }
            // Keyboard focus (Tab, then the arrow keys; Space or Enter picks) must show.
            if response.has_focus() {
                ui.painter().rect_stroke(
                    rect,
                    6.0,
                    ui.visuals().selection.stroke,
                    egui::StrokeKind::Inside,
                );
            }
            if response.clicked() && !chosen {
                *emotion = Some(e);
                changed = true;
            }
        }
    });
    changed
}
