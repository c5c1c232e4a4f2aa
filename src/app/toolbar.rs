//! The tool bar under the menus: the journey's title, undo and redo, add buttons, zoom, Find and
//! the inspector's toggle. What a narrow window cannot show goes into a MORE menu rather than
//! off the edge, and no button moves while the user clicks (the zoom read-out keeps one width).

use super::{AppState, Command};
use egui::{RichText, Ui, WidgetText};

/// The add buttons: what they say and do.
const ADD: [(&str, Command); 3] = [
    ("+ Card", Command::AddCard),
    ("+ Stage", Command::AddStage),
    ("+ Persona", Command::AddPersona),
];
/// The title field never gets narrower than this, nor wider than `TITLE_MAX`.
const TITLE_MIN: f32 = 140.0;
const TITLE_MAX: f32 = 360.0;
const FIND_WIDTH: f32 = 150.0;

/// Which groups of tools the bar has room for; the others are in the MORE menu.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Room {
    title: f32,
    add: bool,
    zoom: bool,
    find: bool,
}

impl Room {
    /// Shares `width` out: the zoom tools and Find before the add buttons (those are in the Edit
    /// menu too), Find first while it is in use; what is left widens the title.
    fn new(ui: &Ui, width: f32, finding: bool) -> Self {
        let gap = ui.spacing().item_spacing.x;
        let separator = 6.0 + gap;
        let button = |text: &str| text_width(ui, text) + 2.0 * ui.spacing().button_padding.x + gap;
        let undo = button("⟲") + button("⟳");
        let right = button(MORE) + button(INSPECTOR_ICON) + separator;
        let add = separator + ADD.iter().map(|(text, _)| button(text)).sum::<f32>();
        let zoom = separator
            + button("−")
            + zoom_label_width(ui)
            + gap
            + button("+")
            + button("⛶ Fit")
            + button("1:1");
        // The count of matches shows only while finding.
        let count = if finding {
            text_width(ui, "999 found") + gap
        } else {
            0.0
        };
        let find = separator + FIND_WIDTH + gap + count;
        let mut left = width - TITLE_MIN - gap - separator - undo - right;
        let mut fits = |needed: f32| {
            let fits = needed <= left;
            if fits {
                left -= needed;
            }
            fits
        };
        let (find, zoom) = if finding {
            let find = fits(find);
            (find, fits(zoom))
        } else {
            let zoom = fits(zoom);
            (fits(find), zoom)
        };
        let add = fits(add);
        Self {
            title: (TITLE_MIN + left.max(0.0)).min(TITLE_MAX),
            add,
            zoom,
            find,
        }
    }

    fn all(self) -> bool {
        self.add && self.zoom && self.find
    }
}

const INSPECTOR_ICON: &str = "☰";
/// The overflow menu's button (the fonts have no "⋯").
const MORE: &str = "…";

fn text_width(ui: &Ui, text: &str) -> f32 {
    WidgetText::from(text)
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Button,
        )
        .size()
        .x
}

/// The zoom read-out is as wide as its widest value, so that "+" stays where it was.
fn zoom_label_width(ui: &Ui) -> f32 {
    text_width(ui, "400 %")
}

pub fn ui(app: &mut AppState, ui: &mut Ui) {
    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let finding = app.find.focus_requested || !app.find.query.is_empty();
            let room = Room::new(ui, ui.available_width(), finding);
            title_field(app, ui, room.title);
            ui.separator();
            let (undo, redo) = (app.doc.can_undo(), app.doc.can_redo());
            tool(app, ui, "⟲", Command::Undo, undo);
            tool(app, ui, "⟳", Command::Redo, redo);
            if room.add {
                ui.separator();
                for (text, command) in ADD {
                    tool(app, ui, text, command, true);
                }
            }
            if room.zoom {
                ui.separator();
                zoom_tools(app, ui);
            }
            if room.find {
                ui.separator();
                find_field(app, ui);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                inspector_toggle(app, ui);
                if !room.all() {
                    overflow_menu(app, ui, room);
                }
            });
        });
        ui.add_space(4.0);
    });
}

fn title_field(app: &mut AppState, ui: &mut Ui, width: f32) {
    let title = app.doc.journey().title.clone();
    let field = super::text_field::Field {
        id_salt: "journey title",
        multiline: false,
        allow_empty: false,
        hint: "Journey title",
    };
    ui.scope(|ui| {
        ui.style_mut().override_text_style = Some(egui::TextStyle::Heading);
        ui.set_max_width(width);
        let (value, response) = super::text_field::show(ui, field, &title);
        response.on_hover_text("Journey title");
        if let Some(v) = value {
            let key = crate::edit::MergeKey {
                field: "j-title",
                item: 0,
            };
            if let Err(e) = app.doc.apply_merging(crate::edit::Edit::SetTitle(v), key) {
                app.error(e.to_string());
            }
        }
    });
}

fn zoom_tools(app: &mut AppState, ui: &mut Ui) {
    tool(app, ui, "−", Command::ZoomOut, true);
    let size = egui::vec2(zoom_label_width(ui), ui.spacing().interact_size.y);
    ui.add_sized(size, egui::Label::new(zoom_text(app)))
        .on_hover_text("Zoom (Ctrl + scroll)");
    tool(app, ui, "+", Command::ZoomIn, true);
    tool(app, ui, "⛶ Fit", Command::FitMap, true);
    tool(app, ui, "1:1", Command::ActualSize, true);
}

fn zoom_text(app: &AppState) -> String {
    format!("{:.0} %", app.canvas.camera.zoom * 100.0)
}

/// What the bar has no room for, as menu entries.
fn overflow_menu(app: &mut AppState, ui: &mut Ui, room: Room) {
    ui.menu_button(MORE, |ui| {
        if !room.find {
            find_field(app, ui);
            ui.separator();
        }
        if !room.zoom {
            ui.label(RichText::new(format!("Zoom {}", zoom_text(app))).weak());
            for command in [
                Command::ZoomIn,
                Command::ZoomOut,
                Command::FitMap,
                Command::ActualSize,
            ] {
                super::topbar::item(app, ui, command);
            }
            ui.separator();
        }
        if !room.add {
            for (_, command) in ADD {
                super::topbar::item(app, ui, command);
            }
        }
    })
    .response
    .on_hover_text("More tools: what this window has no room for");
}

/// Shows or hides the inspector; lit while it is shown.
fn inspector_toggle(app: &mut AppState, ui: &mut Ui) {
    let command = Command::ToggleInspector;
    let button = egui::Button::new(INSPECTOR_ICON).selected(app.inspector.open);
    let verb = if app.inspector.open { "Hide" } else { "Show" };
    let tip = match command.shortcut_text(ui.ctx()) {
        Some(s) => format!("{verb} the inspector ({s})"),
        None => format!("{verb} the inspector"),
    };
    if ui.add(button).on_hover_text(tip).clicked() {
        let ctx = ui.ctx().clone();
        app.run(&ctx, command);
    }
}

/// Find: type to ring the matching cards, Enter (or F3) steps through them, Escape clears.
fn find_field(app: &mut AppState, ui: &mut Ui) {
    let hint = match Command::Find.shortcut_text(ui.ctx()) {
        Some(s) => format!("Find cards ({s})"),
        None => "Find cards".to_owned(),
    };
    let response = ui.add(
        egui::TextEdit::singleline(&mut app.find.query)
            .hint_text(hint)
            .desired_width(FIND_WIDTH),
    );
    let response = response.on_hover_text("Find cards by their words; Enter for the next one");
    if std::mem::take(&mut app.find.focus_requested) {
        response.request_focus();
    }
    let (enter, escape) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::Enter),
            i.key_pressed(egui::Key::Escape),
        )
    });
    if response.lost_focus() && escape {
        app.find.query.clear();
    } else if response.lost_focus() && enter {
        app.find_next();
        // Enter again goes on to the next card.
        response.request_focus();
    }
    app.refresh_find();
    if !app.find.query.trim().is_empty() {
        let n = app.find.matches().len();
        ui.label(RichText::new(format!("{n} found")).weak());
    }
}

/// A tool-bar button with a tooltip naming the action and its shortcut.
fn tool(app: &mut AppState, ui: &mut Ui, text: &str, command: Command, enabled: bool) {
    let tip = match command.shortcut_text(ui.ctx()) {
        Some(s) => format!("{} ({s})", command.label()),
        None => command.label().to_owned(),
    };
    if ui
        .add_enabled(enabled, egui::Button::new(text))
        .on_hover_text(tip)
        .clicked()
    {
        let ctx = ui.ctx().clone();
        app.run(&ctx, command);
    }
}
