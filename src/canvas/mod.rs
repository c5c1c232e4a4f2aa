//! The interactive map: pan and zoom, selection, drag and drop, inline editing. It paints through
//! `render` and changes the journey only through edits on the document.

mod camera;
mod drag;
mod hit;
mod inline;
mod selection;

pub use camera::{Camera, MAX_ZOOM, MIN_ZOOM, min_zoom};
pub use drag::Drag;
pub use hit::{Hit, hit};
pub use inline::{InlineEdit, InlineTarget};
pub use selection::Selection;

use crate::document::Document;
use crate::edit;
use crate::model::{PersonaId, Stage, StageId, TouchpointId};
use crate::render::{self, Marks, Palette, View};
use egui::{Id, Rect, Response, Sense, Ui, WidgetInfo};

/// Above this many cards on screen, cards get no widget of their own (they are too small to aim
/// at anyway); the canvas still hit-tests them through the layout.
const MAX_CARD_WIDGETS: usize = 1500;

pub struct Canvas {
    pub camera: Camera,
    pub drag: Option<Drag>,
    pub inline: Option<InlineEdit>,
    /// Where the canvas was on screen last frame, for keyboard commands (fit, reveal).
    pub rect: Rect,
    /// Fit the map into the canvas as soon as its size is known.
    pub fit_pending: bool,
    /// Fitting fills the width and lets a tall map run down (presenting).
    pub fit_width: bool,
    /// The pointer's last known position: a release can come with the pointer leaving.
    last_pointer: Option<egui::Pos2>,
    /// Cards that Find matches, ringed on the map.
    pub found: std::sync::Arc<std::collections::HashSet<TouchpointId>>,
    /// Cards the lens does not match, and each card's place on the heat scale.
    pub faded: std::sync::Arc<std::collections::HashSet<TouchpointId>>,
    pub heat: std::sync::Arc<std::collections::HashMap<TouchpointId, f32>>,
    /// Compare mode's marks, set by the app every frame.
    pub compare: Option<std::sync::Arc<crate::compare::picture::Picture>>,
    /// A header drag just ended with the pointer on a header: its tooltip would cover the
    /// cards under it, so headers stay quiet until the pointer leaves them.
    header_tips_quiet: bool,
    /// Presenting: the map can be panned, zoomed and clicked, but nothing opens an editor,
    /// starts a drag or offers to add.
    pub read_only: bool,
    /// A vote is under way: the cards' votes are not shown.
    pub hide_votes: bool,
    /// Colleagues in a co-editing session and the cards they are on, outlined in their colour.
    pub others: Vec<crate::session::Present>,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            camera: Camera::default(),
            drag: None,
            inline: None,
            rect: Rect::ZERO,
            fit_pending: false,
            fit_width: false,
            last_pointer: None,
            found: Default::default(),
            faded: Default::default(),
            compare: None,
            others: Vec::new(),
            heat: Default::default(),
            header_tips_quiet: false,
            read_only: false,
            hide_votes: false,
        }
    }
}

pub fn card_widget_id(id: TouchpointId) -> Id {
    Id::unique(("journeymap card", id.0))
}

pub fn stage_widget_id(id: StageId) -> Id {
    Id::unique(("journeymap stage", id.0))
}

pub fn persona_widget_id(id: PersonaId) -> Id {
    Id::unique(("journeymap persona", id.0))
}

impl Canvas {
    /// A canvas that fits the map into view on its first frame.
    pub fn fitting() -> Self {
        Self {
            fit_pending: true,
            ..Self::default()
        }
    }

    pub fn view(&self) -> View {
        self.camera.view(self.rect)
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        selection: &mut Selection,
        palette: &Palette,
    ) {
        let (rect, background) =
            ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        background.widget_info(|| WidgetInfo::labeled(egui::Role::Canvas, true, "Journey map"));
        self.rect = rect;
        inline::make_room(self, doc);
        if self.fit_pending && rect.width() > 1.0 {
            if self.fit_width {
                self.camera.fit_width(rect, doc.layout().size);
            } else {
                self.camera.fit(rect, doc.layout().size);
            }
            self.fit_pending = false;
        }
        self.pan_and_zoom(ui, &background, doc.layout().size);
        self.quiet_header_tips(ui, doc);

        let responses = self.register_widgets(ui, doc, background);
        self.handle_pointer(ui, doc, selection, &responses);
        self.edge_cursor(ui, doc);
        drag::update(self, ui, doc, selection);

        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, palette.background);
        let view = self.view();
        let marks = self.marks(doc, selection, ui);
        let (journey, layout) = doc.journey_and_layout();
        render::paint_map(&painter, journey, layout, view, palette, &marks);
        self.paint_others(&painter, doc, palette);
        self.paint_add_hint(ui, &painter, doc, palette);
        drag::paint(self, ui, &painter, doc, palette);
        inline::ui(self, ui, doc, selection);
    }

    /// Scroll pans; Ctrl+scroll and pinch zoom around the pointer; the middle button drags the map.
    fn pan_and_zoom(&mut self, ui: &Ui, background: &Response, map_size: egui::Vec2) {
        let rect = self.rect;
        let Some(pointer) = ui
            .input(|i| i.pointer.hover_pos())
            .filter(|p| rect.contains(*p))
        else {
            return;
        };
        let (scroll, zoom, middle, delta) = ui.input(|i| {
            (
                i.smooth_scroll_delta,
                i.zoom_delta(),
                i.pointer.middle_down(),
                i.pointer.delta(),
            )
        });
        if zoom != 1.0 {
            self.camera.zoom_around(rect, pointer, zoom, map_size);
        }
        self.camera.pan += scroll;
        if middle || background.dragged_by(egui::PointerButton::Middle) {
            self.camera.pan += delta;
        }
    }

    /// Headers explain themselves on hover, but not during a header drag nor right after it.
    fn quiet_header_tips(&mut self, ui: &Ui, doc: &mut Document) {
        // A pointer that is nowhere for a moment (a release can come with it) has not left.
        let left_headers = ui.input(|i| i.pointer.hover_pos()).is_some_and(|p| {
            !matches!(
                hit(doc.layout(), self.view(), self.rect, p),
                Hit::StageHeader(_) | Hit::StageEdge(_) | Hit::PersonaHeader(_)
            )
        });
        if matches!(
            self.drag,
            Some(Drag::Stage { .. } | Drag::Persona { .. } | Drag::ColumnWidth { .. })
        ) {
            self.header_tips_quiet = true;
        } else if left_headers {
            self.header_tips_quiet = false;
        }
    }

    /// Every visible card and header becomes a widget with its name as accessible label, at its
    /// real screen position, so screen readers, keyboard users and tests find it.
    fn register_widgets(&self, ui: &Ui, doc: &mut Document, background: Response) -> Vec<Response> {
        let view = self.view();
        let visible = view.to_map_rect(self.rect);
        let (journey, layout) = doc.journey_and_layout();
        let mut responses = vec![background];
        let sense = Sense::click_and_drag();
        let on_screen: Vec<usize> = layout.cards_in(visible).collect();
        if on_screen.len() <= MAX_CARD_WIDGETS {
            for i in on_screen {
                let t = &journey.touchpoints[i];
                let r = view
                    .to_screen_rect(layout.cards[i].rect)
                    .intersect(self.rect);
                let response = ui.interact(r, card_widget_id(t.id), sense);
                response.widget_info(|| {
                    WidgetInfo::labeled(egui::Role::Button, true, t.display_title())
                });
                responses.push(response);
            }
        }
        // A removed card shown in compare mode says what it is; it is not a control.
        if let Some(picture) = &self.compare {
            for ghost in &layout.ghosts {
                let r = view.to_screen_rect(ghost.place.rect).intersect(self.rect);
                let Some(card) = picture.ghost(ghost.id).filter(|_| r.is_positive()) else {
                    continue;
                };
                let title = card.display_title();
                let response = ui.interact(
                    r,
                    Id::unique(("journeymap ghost", ghost.id.0)),
                    Sense::hover(),
                );
                response.widget_info(|| {
                    let text = format!(
                        "Removed card \"{title}\": it is in the other version, not in this map"
                    );
                    WidgetInfo::labeled(egui::Role::Label, true, text)
                });
                response.on_hover_text(format!(
                    "Removed card \"{title}\"\nIt is in the other version, not in this map"
                ));
            }
        }
        let shift = render::sticky_shift(view, self.rect, layout);
        for (stage, header) in journey.stages.iter().zip(&layout.stage_headers) {
            let r = view
                .to_screen_rect(*header)
                .translate(egui::vec2(0.0, shift.y))
                .intersect(self.rect);
            if r.is_positive() {
                let response = ui.interact(r, stage_widget_id(stage.id), sense);
                response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &stage.name));
                responses.push(self.header_tip(response));
            }
        }
        for (persona, header) in journey.personas.iter().zip(&layout.lane_headers) {
            let r = view
                .to_screen_rect(*header)
                .translate(egui::vec2(shift.x, 0.0))
                .intersect(self.rect);
            if r.is_positive() {
                let response = ui.interact(r, persona_widget_id(persona.id), sense);
                response
                    .widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &persona.name));
                responses.push(self.header_tip(response));
            }
        }
        responses
    }

    fn header_tip(&self, header: Response) -> Response {
        if self.drag.is_some() || self.header_tips_quiet || self.read_only {
            header
        } else {
            header.on_hover_text("Drag to reorder · double-click to rename")
        }
    }

    /// Clicks select, double-clicks edit or create, presses start drags. Whichever widget got
    /// the event, the layout decides what is under the pointer, so every zoom and pan agrees.
    fn handle_pointer(
        &mut self,
        ui: &Ui,
        doc: &mut Document,
        selection: &mut Selection,
        responses: &[Response],
    ) {
        let view = self.view();
        let modifiers = ui.input(|i| i.modifiers);
        let add = modifiers.shift || modifiers.command || modifiers.ctrl;
        let canvas = self.rect;
        let at = |r: &Response| r.interact_pointer_pos();
        let (journey, layout) = doc.journey_and_layout();

        let mut reset_width = None;
        let mut toggle_row = None;
        let double_click = responses
            .iter()
            .find(|r| r.double_clicked())
            .filter(|_| !self.read_only);
        if let Some(p) = double_click.and_then(at) {
            self.inline = match hit(layout, view, canvas, p) {
                Hit::StageEdge(i) => {
                    // Back to the width every column has by default.
                    reset_width = edit::update_stage(
                        journey,
                        Stage {
                            width: None,
                            ..journey.stages[i].clone()
                        },
                    );
                    None
                }
                Hit::Card(i) => Some(InlineEdit::card(&journey.touchpoints[i])),
                Hit::StageHeader(i) => Some(InlineEdit::stage(&journey.stages[i])),
                Hit::PersonaHeader(i) => Some(InlineEdit::persona(&journey.personas[i])),
                Hit::Cell(lane, column) => Some(InlineEdit::new_card(
                    journey.personas[lane].id,
                    journey.stages[column].id,
                )),
                Hit::RowHeader(i) => {
                    // Double-clicking a row's name folds it away or opens it again.
                    toggle_row = journey
                        .row_index(layout.rows[i].id)
                        .map(|index| (index, journey.rows[index].clone()));
                    None
                }
                Hit::RowCell(row, column) => journey
                    .row_index(layout.rows[row].id)
                    .map(|i| &journey.rows[i])
                    .filter(|r| r.kind == crate::model::RowKind::Text)
                    .map(|r| InlineEdit::row_text(r, journey.stages[column].id)),
                // A removed card is not there to edit.
                Hit::Ghost(_) | Hit::RowLine(_) | Hit::Nothing => None,
            };
        } else if let Some(p) = responses.iter().find(|r| r.clicked()).and_then(at) {
            match hit(layout, view, canvas, p) {
                Hit::Card(i) => selection.click_card(journey.touchpoints[i].id, add),
                Hit::StageHeader(i) | Hit::StageEdge(i) => {
                    *selection = Selection::Stage(journey.stages[i].id)
                }
                Hit::PersonaHeader(i) => *selection = Selection::Persona(journey.personas[i].id),
                Hit::RowHeader(i) | Hit::RowCell(i, _) => {
                    *selection = Selection::Row(layout.rows[i].id)
                }
                Hit::RowLine(i) => {
                    // A pain point or opportunity shows its card.
                    *selection = Selection::Cards(vec![journey.touchpoints[i].id]);
                    self.camera.reveal(canvas, layout.cards[i].rect);
                }
                Hit::Cell(lane, column)
                    if !self.read_only
                        && layout
                            .free_card_rect(lane, column)
                            .is_some_and(|r| r.contains(view.to_map(p))) =>
                {
                    self.inline = Some(InlineEdit::new_card(
                        journey.personas[lane].id,
                        journey.stages[column].id,
                    ));
                }
                Hit::Cell(..) | Hit::Nothing if !add => *selection = Selection::Nothing,
                _ => {}
            }
        }

        let started = responses
            .iter()
            .any(|r| r.drag_started_by(egui::PointerButton::Primary));
        if started
            && self.drag.is_none()
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
        {
            // Presenting moves nothing but the view.
            let under = if self.read_only {
                Hit::Nothing
            } else {
                hit(layout, view, canvas, origin)
            };
            self.drag = Drag::start(
                under,
                view.to_map(origin),
                modifiers.shift,
                journey,
                layout,
                selection,
            );
        }
        if let Some(edit) = reset_width
            && let Err(e) = doc.apply(edit)
        {
            log::error!("column width refused: {e}");
        }
        if let Some((index, mut row)) = toggle_row {
            row.collapsed = !row.collapsed;
            if let Err(e) = doc.apply(edit::Edit::UpdateRow { index, row }) {
                log::error!("row refused: {e}");
            }
        }
    }

    fn marks(&self, doc: &mut Document, selection: &Selection, ui: &Ui) -> Marks {
        let view = self.view();
        let (journey, layout) = doc.journey_and_layout();
        let hovered = match (&self.drag, ui.input(|i| i.pointer.hover_pos())) {
            (None, Some(p)) if self.rect.contains(p) => match hit(layout, view, self.rect, p) {
                Hit::Card(i) => Some(journey.touchpoints[i].id),
                _ => None,
            },
            _ => None,
        };
        Marks {
            compare: self.compare.clone(),
            found: self.found.clone(),
            faded: self.faded.clone(),
            heat: self.heat.clone(),
            selected: selection.cards().iter().copied().collect(),
            hovered,
            dragged: match &self.drag {
                Some(Drag::Cards { ids, .. }) => ids.iter().copied().collect(),
                _ => Default::default(),
            },
            selected_persona: match selection {
                Selection::Persona(id) => Some(*id),
                _ => None,
            },
            selected_stage: match selection {
                Selection::Stage(id) => Some(*id),
                _ => None,
            },
            selected_row: match selection {
                Selection::Row(id) => Some(*id),
                _ => None,
            },
            hide_votes: self.hide_votes,
        }
    }

    /// Drops the drag under way, if any, leaving the journey as it was before it (a column
    /// edge changes the width as it goes).
    pub fn cancel_drag(&mut self, doc: &mut Document) {
        if let Some(Drag::ColumnWidth { changed: true, .. }) = self.drag {
            doc.undo();
        }
        self.drag = None;
    }

    /// A column's edge shows that it can be dragged (and double-clicked back to its width).
    fn edge_cursor(&self, ui: &Ui, doc: &mut Document) {
        let on_edge = match (&self.drag, ui.input(|i| i.pointer.hover_pos())) {
            (Some(Drag::ColumnWidth { .. }), _) => true,
            (None, Some(p)) if self.rect.contains(p) => {
                matches!(
                    hit(doc.layout(), self.view(), self.rect, p),
                    Hit::StageEdge(_)
                )
            }
            _ => false,
        };
        if on_edge {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeColumn);
        }
    }

    /// Each colleague's card outlined in their colour, with their name on a tab above it.
    fn paint_others(&self, painter: &egui::Painter, doc: &mut Document, palette: &Palette) {
        let view = self.view();
        let (journey, layout) = doc.journey_and_layout();
        for other in &self.others {
            let Some(index) = other
                .card
                .and_then(|card| journey.touchpoint_index(TouchpointId(card)))
            else {
                continue;
            };
            let colour = palette.colleague(other.id);
            let r = view.to_screen_rect(layout.cards[index].rect).expand(3.0);
            painter.rect_stroke(
                r,
                7.0,
                egui::Stroke::new(2.5, colour),
                egui::StrokeKind::Outside,
            );
            let font = egui::FontId::proportional(12.0);
            let galley = painter.layout_no_wrap(other.name.clone(), font, egui::Color32::WHITE);
            let tab = egui::Rect::from_min_size(
                r.right_top() - egui::vec2(galley.size().x + 12.0, galley.size().y + 4.0),
                galley.size() + egui::vec2(12.0, 4.0),
            );
            painter.rect_filled(tab, 4.0, colour);
            painter.galley(tab.min + egui::vec2(6.0, 2.0), galley, egui::Color32::WHITE);
        }
    }

    /// Over empty space in a cell, a "+" shows where a new card would go (click or double-click).
    fn paint_add_hint(
        &self,
        ui: &Ui,
        painter: &egui::Painter,
        doc: &mut Document,
        palette: &Palette,
    ) {
        if self.drag.is_some() || self.inline.is_some() || self.read_only {
            return;
        }
        let Some(pointer) = ui
            .input(|i| i.pointer.hover_pos())
            .filter(|p| self.rect.contains(*p))
        else {
            return;
        };
        let view = self.view();
        let layout = doc.layout();
        let Hit::Cell(lane, column) = hit(layout, view, self.rect, pointer) else {
            return;
        };
        let Some(slot) = layout.free_card_rect(lane, column) else {
            return;
        };
        let r = view.to_screen_rect(slot);
        let z = view.zoom;
        let over = r.contains(pointer);
        let colour = if over {
            palette.accent
        } else {
            palette.muted.gamma_multiply(0.7)
        };
        painter.rect_stroke(
            r,
            8.0 * z,
            egui::Stroke::new(1.5, colour),
            egui::StrokeKind::Inside,
        );
        painter.text(
            r.center(),
            egui::Align2::CENTER_CENTER,
            "+ Add touchpoint",
            egui::FontId::proportional(14.0 * z),
            colour,
        );
        if over {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
    }

    /// Scrolls so that the map rectangle `rect` is on screen, clear of the sticky headers.
    /// A header is revealed along its own axis only: `across` for a stage header (left and
    /// right), `down` for a persona header; a card along both.
    pub fn reveal(&mut self, style: &crate::layout::Style, rect: Rect, across: bool, down: bool) {
        let view = self.view();
        let middle = view.to_map_rect(self.rect).center();
        let rect = Rect::from_x_y_ranges(
            if across {
                rect.x_range()
            } else {
                egui::Rangef::point(middle.x)
            },
            if down {
                rect.y_range()
            } else {
                egui::Rangef::point(middle.y)
            },
        );
        let headers = egui::vec2(style.lane_header_width, style.stage_header_height) * view.zoom;
        let covered = egui::vec2(
            if across { headers.x } else { 0.0 },
            if down { headers.y } else { 0.0 },
        );
        let room = Rect::from_min_max(self.rect.min + covered, self.rect.max);
        self.camera.reveal_within(self.rect, room, rect);
    }

    /// Screen rectangle of a card as the canvas shows it now (tests and keyboard navigation).
    pub fn card_screen_rect(&self, doc: &mut Document, id: TouchpointId) -> Option<Rect> {
        let index = doc.journey().touchpoint_index(id)?;
        let rect = doc.layout().cards.get(index)?.rect;
        Some(self.view().to_screen_rect(rect))
    }
}
