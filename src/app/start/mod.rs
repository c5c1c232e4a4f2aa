//! The start screen, shown when the app starts with no file to open (the first run, or the last
//! file is gone): the recent files, a gallery of the templates with a picture of each, Open…,
//! and the basic keys.

mod thumbnails;

use super::Command;
use crate::model::Journey;
use crate::templates::{self, TEMPLATES, Template};
use egui::{Align2, Rect, RichText, Sense, TextureHandle, Ui, WidgetInfo, vec2};
use std::path::{Path, PathBuf};
use thumbnails::Thumbnails;

/// A tile of the gallery and its picture, in points.
const TILE_WIDTH: f32 = 240.0;
const PICTURE_HEIGHT: f32 = 150.0;
/// Room under the picture for the title and two lines of description.
const TEXT_HEIGHT: f32 = 62.0;
const GAP: f32 = 16.0;
const SIDE_WIDTH: f32 = 270.0;
/// Wider than this (four tiles and the side column), the content stays centred.
const MAX_WIDTH: f32 = 4.0 * TILE_WIDTH + 3.0 * GAP + 2.0 * GAP + SIDE_WIDTH;

/// The keys a newcomer needs first, in the hint line; the keys themselves come from the
/// command table, so the hint follows any change there.
const BASIC_KEYS: [(Command, &str); 7] = [
    (Command::New, "new"),
    (Command::Open, "open"),
    (Command::Save, "save"),
    (Command::AddCard, "add a card"),
    (Command::EditTitle, "rename"),
    (Command::Undo, "undo"),
    (Command::Shortcuts, "every shortcut"),
];

pub struct StartScreen {
    /// The templates that load (a broken one is left out), and their journeys.
    templates: Vec<&'static Template>,
    journeys: Vec<Journey>,
    thumbnails: Thumbnails,
}

/// What the user picked.
pub enum Choice {
    Template(Journey),
    Open,
    Recent(PathBuf),
}

/// The commands that mean something before there is a journey: starting or opening one,
/// and help. The others (editing, the view) wait for a journey.
pub fn allows(command: Command) -> bool {
    matches!(
        command,
        Command::New
            | Command::Open
            | Command::Import
            | Command::Quit
            | Command::Shortcuts
            | Command::About
            // A participant's first step: the host's map replaces the start screen.
            | Command::JoinWorkshop
    )
}

impl Default for StartScreen {
    fn default() -> Self {
        let (templates, journeys): (Vec<_>, Vec<_>) = TEMPLATES
            .iter()
            .filter_map(|t| match t.journey() {
                Ok(j) => Some((t, j)),
                Err(e) => {
                    // Templates are checked by tests; a broken one is left out, not fatal.
                    log::error!("{e}");
                    None
                }
            })
            .unzip();
        let thumbnails = Thumbnails::new(templates.len());
        Self {
            templates,
            journeys,
            thumbnails,
        }
    }
}

impl StartScreen {
    /// The screen in the whole window under the menus: the hint of the keys along the bottom,
    /// the gallery and the recent files above it.
    pub fn ui(&mut self, ui: &mut Ui, recent: &[PathBuf]) -> Option<Choice> {
        let dark = ui.visuals().dark_mode;
        self.thumbnails.poll(ui.ctx(), &self.journeys, dark);
        egui::Panel::bottom("start keys").show(ui, |ui| {
            ui.add_space(2.0);
            ui.label(RichText::new(hint(ui.ctx())).weak());
        });
        egui::CentralPanel::default()
            .show(ui, |ui| self.content(ui, recent))
            .inner
    }

    /// The page, centred in the window and no wider than four tiles and the side column.
    fn content(&mut self, ui: &mut Ui, recent: &[PathBuf]) -> Option<Choice> {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let width = (ui.available_width() - 2.0 * GAP).min(MAX_WIDTH);
                let margin = ((ui.available_width() - width) / 2.0).max(0.0);
                ui.horizontal_top(|ui| {
                    ui.add_space(margin);
                    ui.vertical(|ui| {
                        ui.set_width(width);
                        self.page(ui, width, recent)
                    })
                    .inner
                })
                .inner
            })
            .inner
    }

    /// The title, then the gallery beside Open… and the recent files (above it, in a window too
    /// narrow for two tiles beside them).
    fn page(&mut self, ui: &mut Ui, width: f32, recent: &[PathBuf]) -> Option<Choice> {
        ui.add_space(28.0);
        ui.label(RichText::new("Journeymap").size(28.0).strong());
        let welcome = "Start a customer journey map from a template, or open one.";
        ui.label(RichText::new(welcome).weak());
        ui.add_space(20.0);
        let gallery = width - SIDE_WIDTH - 2.0 * GAP;
        let mut choice = None;
        if gallery < 2.0 * TILE_WIDTH + GAP {
            choice = side(ui, recent);
            ui.add_space(20.0);
            choice = self.gallery(ui, width).map(Choice::Template).or(choice);
        } else {
            ui.horizontal_top(|ui| {
                // The spacing egui adds between the two columns is part of the gap.
                let spacing = ui.spacing().item_spacing.x;
                ui.vertical(|ui| {
                    ui.set_width(gallery);
                    choice = self.gallery(ui, gallery).map(Choice::Template);
                });
                ui.add_space(2.0 * GAP - 2.0 * spacing);
                ui.vertical(|ui| {
                    ui.set_width(SIDE_WIDTH);
                    choice = side(ui, recent).or(choice.take());
                });
            });
        }
        ui.add_space(24.0);
        choice
    }

    /// The templates as tiles, as many to a row as fit; the journey of the one clicked.
    fn gallery(&self, ui: &mut Ui, width: f32) -> Option<Journey> {
        ui.label(RichText::new("New from a template").heading());
        ui.add_space(8.0);
        let per_row = (((width + GAP) / (TILE_WIDTH + GAP)).floor() as usize).max(1);
        let mut chosen = None;
        for (row, tiles) in self.templates.chunks(per_row).enumerate() {
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = GAP;
                for (column, template) in tiles.iter().enumerate() {
                    let index = row * per_row + column;
                    let sample = template.name == templates::DEFAULT;
                    if tile(ui, template, sample, self.thumbnails.get(index)).clicked() {
                        chosen = self.journeys.get(index).cloned();
                    }
                }
            });
            ui.add_space(GAP);
        }
        chosen
    }
}

/// One template: its picture, its name and what it holds; a button to click, or to reach with
/// Tab or the arrows and press Enter. The `sample` (the template with the most in it) says so.
fn tile(
    ui: &mut Ui,
    template: &Template,
    sample: bool,
    picture: Option<&TextureHandle>,
) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(
        vec2(TILE_WIDTH, PICTURE_HEIGHT + TEXT_HEIGHT),
        Sense::click(),
    );
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, template.title));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let hot = response.hovered() || response.has_focus();
    let fill = if hot {
        visuals.widgets.hovered.weak_bg_fill
    } else {
        visuals.faint_bg_color
    };
    let stroke = if response.has_focus() {
        visuals.selection.stroke
    } else {
        visuals.widgets.noninteractive.bg_stroke
    };
    let painter = ui.painter();
    painter.rect(rect, 8.0, fill, stroke, egui::StrokeKind::Inside);

    let picture_rect = Rect::from_min_size(rect.min, vec2(TILE_WIDTH, PICTURE_HEIGHT)).shrink(8.0);
    paint_picture(ui, picture_rect, picture, sample);
    let text_width = TILE_WIDTH - 20.0;
    let left = rect.left() + 10.0;
    let title = painter.layout(
        template.title.to_owned(),
        egui::FontId::proportional(15.0),
        visuals.strong_text_color(),
        text_width,
    );
    let title_top = picture_rect.bottom() + 6.0;
    let title_height = title.size().y;
    painter.galley(egui::pos2(left, title_top), title, visuals.text_color());
    let mut description = egui::text::LayoutJob::simple(
        template.description.to_owned(),
        egui::FontId::proportional(12.5),
        visuals.weak_text_color(),
        text_width,
    );
    description.wrap.max_rows = 2;
    let description = ui.fonts_mut(|f| f.layout_job(description));
    painter.galley(
        egui::pos2(left, title_top + title_height + 2.0),
        description,
        visuals.text_color(),
    );
    response
}

/// The template's picture in `picture_rect` (an ellipsis while it is being drawn), and the
/// sample's badge.
fn paint_picture(ui: &Ui, picture_rect: Rect, picture: Option<&TextureHandle>, sample: bool) {
    let painter = ui.painter();
    let visuals = ui.visuals();
    let palette = super::AppState::palette(ui.ctx());
    painter.rect_filled(picture_rect, 4.0, palette.background);
    if let Some(texture) = picture {
        // The page across the tile's width, from its top (the title block and the first
        // lanes); a page wider than the tile's shape is fitted whole instead.
        let size = texture.size_vec2();
        let zoom = picture_rect.width() / size.x;
        let shown_height = (size.y * zoom).min(picture_rect.height());
        let uv = Rect::from_min_max(
            egui::Pos2::ZERO,
            egui::pos2(1.0, shown_height / (size.y * zoom)),
        );
        let shown = Rect::from_min_size(picture_rect.min, vec2(picture_rect.width(), shown_height));
        painter.image(texture.id(), shown, uv, egui::Color32::WHITE);
    } else {
        painter.text(
            picture_rect.center(),
            Align2::CENTER_CENTER,
            "…",
            egui::FontId::proportional(18.0),
            visuals.weak_text_color(),
        );
    }
    painter.rect_stroke(
        picture_rect,
        4.0,
        egui::Stroke::new(1.0, palette.grid),
        egui::StrokeKind::Inside,
    );
    if sample {
        let label = painter.layout_no_wrap(
            "Sample".to_owned(),
            egui::FontId::proportional(12.0),
            palette.background,
        );
        let badge = Rect::from_min_size(
            picture_rect.right_top() + vec2(-label.size().x - 18.0, 6.0),
            label.size() + vec2(12.0, 4.0),
        );
        painter.rect_filled(badge, 6.0, palette.accent);
        painter.galley(badge.min + vec2(6.0, 2.0), label, palette.background);
    }
}

/// Open… and the recent files; what was clicked.
fn side(ui: &mut Ui, recent: &[PathBuf]) -> Option<Choice> {
    let mut choice = None;
    let open = egui::Button::new(RichText::new(Command::Open.label()).size(15.0))
        .min_size(vec2(SIDE_WIDTH, 34.0));
    if ui
        .add(open)
        .on_hover_text("A journey (.ron) or a map exported by Journeymap")
        .clicked()
    {
        choice = Some(Choice::Open);
    }
    ui.add_space(20.0);
    ui.label(RichText::new("Recent files").heading());
    ui.add_space(8.0);
    if recent.is_empty() {
        ui.label(RichText::new("The journeys you open or save will be listed here.").weak());
    }
    for path in recent {
        if recent_file(ui, path).clicked() {
            choice = Some(Choice::Recent(path.clone()));
        }
    }
    choice
}

/// A recent file: its name, and its folder under it; a file that is gone cannot be clicked.
fn recent_file(ui: &mut Ui, path: &Path) -> egui::Response {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let folder = path
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let exists = path.exists();
    let mut text = egui::text::LayoutJob::default();
    let visuals = ui.visuals();
    text.append(
        &name,
        0.0,
        egui::TextFormat::simple(egui::FontId::proportional(14.0), visuals.text_color()),
    );
    let under = if exists {
        folder
    } else {
        format!("{folder} (not found)")
    };
    text.append(
        &format!("\n{under}"),
        0.0,
        egui::TextFormat::simple(egui::FontId::proportional(12.0), visuals.weak_text_color()),
    );
    text.wrap.max_width = SIDE_WIDTH - 16.0;
    text.wrap.max_rows = 2;
    let button = egui::Button::new(text)
        .frame(false)
        .min_size(vec2(SIDE_WIDTH, 0.0));
    ui.add_enabled(exists, button)
        .on_hover_text(path.display().to_string())
}

/// "Ctrl+N new · Ctrl+O open · …".
fn hint(ctx: &egui::Context) -> String {
    BASIC_KEYS
        .iter()
        .filter_map(|(command, what)| Some(format!("{} {what}", command.shortcut_text(ctx)?)))
        .collect::<Vec<_>>()
        .join("   ·   ")
}
