//! File ▸ New: pick a template by its name, its description and a small picture of its map.

use crate::layout::{Layout, Style};
use crate::model::Journey;
use crate::render::{self, Marks, View};
use crate::templates::{TEMPLATES, Template};
use egui::{Context, Modal, RichText, Sense, Ui, WidgetInfo, vec2};

const PREVIEW: egui::Vec2 = vec2(176.0, 100.0);

/// The open dialog: each template read and laid out once, when the dialog opens.
pub struct NewDialog {
    templates: Vec<(&'static Template, Journey, Layout)>,
}

pub enum Answer {
    Chosen(Journey),
    Cancel,
}

impl NewDialog {
    pub fn new() -> Self {
        let style = Style::default();
        let templates = TEMPLATES
            .iter()
            .filter_map(|t| match t.journey() {
                Ok(j) => {
                    let layout = Layout::new(&j, &style);
                    Some((t, j, layout))
                }
                Err(e) => {
                    // Templates are checked by tests; a broken one is left out, not fatal.
                    log::error!("{e}");
                    None
                }
            })
            .collect();
        Self { templates }
    }

    /// None while the dialog is still open.
    pub fn ui(&mut self, ctx: &Context) -> Option<Answer> {
        let mut answer = None;
        Modal::new(egui::Id::unique("new journey")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("New journey");
            ui.label("Start from a template:");
            ui.add_space(6.0);
            // Ten templates are taller than a laptop's window: the list scrolls, Cancel stays.
            let max_height = (ctx.content_rect().height() - 200.0).max(PREVIEW.y * 2.0);
            egui::ScrollArea::vertical()
                .max_height(max_height)
                .show(ui, |ui| {
                    for (template, journey, layout) in &self.templates {
                        if choice(ui, template, journey, layout).clicked() {
                            answer = Some(Answer::Chosen(journey.clone()));
                        }
                    }
                });
            ui.add_space(4.0);
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                answer = Some(Answer::Cancel);
            }
        });
        answer
    }
}

/// One template as a row to click (or Tab to and press Enter): its map, its name, what it holds.
fn choice(ui: &mut Ui, template: &Template, journey: &Journey, layout: &Layout) -> egui::Response {
    let pad = 8.0;
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(vec2(width, PREVIEW.y + 2.0 * pad), Sense::click());
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, template.title));
    let visuals = ui.style().interact(&response);
    let hot = response.hovered() || response.has_focus();
    ui.painter().rect(
        rect,
        6.0,
        if hot {
            visuals.weak_bg_fill
        } else {
            ui.visuals().faint_bg_color
        },
        visuals.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let picture = egui::Rect::from_min_size(rect.min + vec2(pad, pad), PREVIEW);
    paint_preview(ui, picture, journey, layout);
    let text = egui::Rect::from_min_max(
        egui::pos2(picture.right() + 2.0 * pad, rect.top() + pad),
        rect.max - vec2(pad, pad),
    );
    let mut text_ui = ui.new_child(egui::UiBuilder::new().max_rect(text));
    // Text that selects itself would take the click from the row.
    text_ui.style_mut().interaction.selectable_labels = false;
    text_ui.label(RichText::new(template.title).strong().size(16.0));
    text_ui.label(template.description);
    response
}

/// The template's map, fitted into `rect`: the same painting as the canvas and the export.
fn paint_preview(ui: &Ui, rect: egui::Rect, journey: &Journey, layout: &Layout) {
    let palette = super::AppState::palette(ui.ctx());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, palette.background);
    let zoom = (rect.width() / layout.size.x).min(rect.height() / layout.size.y);
    let origin = rect.center() - layout.size * zoom / 2.0;
    let view = View { origin, zoom };
    render::paint_map(&painter, journey, layout, view, &palette, &Marks::default());
    painter.rect_stroke(
        rect,
        4.0,
        egui::Stroke::new(1.0, palette.grid),
        egui::StrokeKind::Inside,
    );
}
