//! Typing straight on the map: a new card's title, a card's title or pain point, a stage or
//! persona name, a text row's note for a stage.

use super::{Canvas, Selection};
use crate::document::Document;
use crate::edit;
use crate::model::{Persona, PersonaId, RowId, Stage, StageId, StageRow, Touchpoint, TouchpointId};
use crate::render;
use egui::text::{CCursor, CCursorRange};
use egui::{FontId, Id, Key, Rect, TextEdit, Ui, pos2, vec2};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InlineTarget {
    /// A card that does not exist yet: Enter creates it with the typed title, Escape forgets it.
    NewCard {
        persona: PersonaId,
        stage: StageId,
    },
    Card(TouchpointId),
    /// What goes wrong at a card: Enter marks it a pain point with the typed text.
    PainPoint(TouchpointId),
    Stage(StageId),
    Persona(PersonaId),
    /// One stage's cell of a text row.
    RowText {
        row: RowId,
        stage: StageId,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlineEdit {
    pub target: InlineTarget,
    pub text: String,
    focused: bool,
}

/// The one inline editor's widget id (tests focus it by role; only one is open at a time).
pub fn inline_editor_id() -> Id {
    Id::unique("journeymap inline editor")
}

impl InlineEdit {
    fn open(target: InlineTarget, text: &str) -> Self {
        Self {
            target,
            text: text.to_owned(),
            focused: false,
        }
    }
    pub fn new_card(persona: PersonaId, stage: StageId) -> Self {
        Self::open(InlineTarget::NewCard { persona, stage }, "")
    }
    pub fn card(t: &Touchpoint) -> Self {
        Self::open(InlineTarget::Card(t.id), &t.title)
    }
    pub fn pain_point(t: &Touchpoint) -> Self {
        Self::open(
            InlineTarget::PainPoint(t.id),
            t.pain_point.as_deref().unwrap_or_default(),
        )
    }
    pub fn stage(s: &Stage) -> Self {
        Self::open(InlineTarget::Stage(s.id), &s.name)
    }
    pub fn persona(p: &Persona) -> Self {
        Self::open(InlineTarget::Persona(p.id), &p.name)
    }
    pub fn row_text(row: &StageRow, stage: StageId) -> Self {
        Self::open(
            InlineTarget::RowText { row: row.id, stage },
            row.text(stage),
        )
    }
}

/// A card being typed into a cell gets a place of its own in the layout, so its editor sits
/// where the card will be and never over the lane's emotion band.
pub fn make_room(canvas: &Canvas, doc: &mut Document) {
    let j = doc.journey();
    let open_slot = match canvas.inline.as_ref().map(|e| &e.target) {
        Some(InlineTarget::NewCard { persona, stage }) => {
            j.persona_index(*persona).zip(j.stage_index(*stage))
        }
        _ => None,
    };
    if doc.style().open_slot != open_slot {
        let style = crate::layout::Style {
            open_slot,
            ..doc.style().clone()
        };
        doc.set_style(style);
    }
}

/// Shows the editor over its target; commits on Enter or when focus leaves, cancels on Escape.
pub fn ui(canvas: &mut Canvas, ui: &mut Ui, doc: &mut Document, selection: &mut Selection) {
    if canvas.inline.is_none() {
        return;
    }
    // Checked before the text field runs: it gives up focus on Escape and swallows the key.
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        canvas.inline = None;
        return;
    }
    let Some(editing) = canvas.inline.as_mut() else {
        return;
    };
    let view = canvas.camera.view(canvas.rect);
    let z = view.zoom;
    let (journey, layout) = doc.journey_and_layout();
    // The editor's text is as large as the text it replaces.
    let tz = z * layout.style.text_scale();
    let map_rect = match &editing.target {
        InlineTarget::NewCard { persona, stage } => {
            let (Some(lane), Some(column)) =
                (journey.persona_index(*persona), journey.stage_index(*stage))
            else {
                canvas.inline = None;
                return;
            };
            layout.next_card_rect(lane, column)
        }
        InlineTarget::Card(id) | InlineTarget::PainPoint(id) => {
            journey.touchpoint_index(*id).map(|i| layout.cards[i].rect)
        }
        InlineTarget::Stage(id) => journey.stage_index(*id).map(|i| layout.stage_headers[i]),
        InlineTarget::Persona(id) => journey.persona_index(*id).map(|i| layout.lane_headers[i]),
        InlineTarget::RowText { row, stage } => layout
            .rows
            .iter()
            .find(|r| r.id == *row)
            .zip(journey.stage_index(*stage))
            .and_then(|(r, column)| r.cells.get(column))
            .map(|cell| cell.rect),
    };
    let Some(map_rect) = map_rect else {
        canvas.inline = None;
        return;
    };
    // Headers stick to the canvas edges; their editors go where they are drawn.
    let shift = crate::render::sticky_shift(view, canvas.rect, layout);
    let screen = view.to_screen_rect(map_rect);
    // A header's name is replaced in place: same corner, same size. A card's title box sits
    // across the card's middle.
    let name = match editing.target {
        InlineTarget::Stage(_) => Some(render::stage_name_place(
            screen.translate(vec2(0.0, shift.y)),
            tz,
        )),
        InlineTarget::Persona(_) => Some(render::persona_name_place(
            screen.translate(vec2(shift.x, 0.0)),
            tz,
        )),
        _ => None,
    };
    let (field, font, margin) = match name {
        Some(name) => {
            let margin = egui::vec2(4.0, 2.0);
            let size = vec2(name.width.max(80.0), name.size * 1.25) + 2.0 * margin;
            (
                Rect::from_min_size(name.pos - margin, size),
                name.size,
                margin,
            )
        }
        None => {
            let font = 15.5 * tz.max(0.6);
            // A pain point is typed over the card's bottom row, where its mark goes, and leaves
            // the title in view; a title over the title.
            let top = match editing.target {
                InlineTarget::PainPoint(_) => screen.bottom() - 4.0 * z - font * 1.8,
                _ => screen.center().y - font * 0.9,
            };
            let field = Rect::from_min_size(
                pos2(screen.left() + 8.0 * z, top),
                vec2((screen.width() - 16.0 * z).max(80.0), font * 1.8),
            );
            (field, font, egui::vec2(4.0, 2.0))
        }
    };
    let id = inline_editor_id();
    let hint = match editing.target {
        InlineTarget::NewCard { .. } => "New touchpoint title",
        InlineTarget::Card(_) => "Touchpoint title",
        InlineTarget::PainPoint(_) => "What goes wrong here?",
        InlineTarget::Stage(_) => "Stage name",
        InlineTarget::Persona(_) => "Persona name",
        InlineTarget::RowText { .. } => "Text for this stage",
    };
    let response = ui.put(
        field,
        TextEdit::singleline(&mut editing.text)
            .id(id)
            .font(FontId::proportional(font))
            .margin(egui::Margin::symmetric(margin.x as i8, margin.y as i8))
            .hint_text(hint)
            .desired_width(field.width()),
    );
    if !editing.focused {
        editing.focused = true;
        response.request_focus();
        if let Some(mut state) = TextEdit::load_state(ui.ctx(), id) {
            let end = CCursor::new(editing.text.chars().count());
            state
                .cursor
                .set_char_range(Some(CCursorRange::two(CCursor::new(0), end)));
            state.store(ui.ctx(), id);
        }
        // What is being typed is in view: a header along its own axis, anything else whole.
        let (across, down) = match editing.target {
            InlineTarget::Stage(_) => (true, false),
            InlineTarget::Persona(_) => (false, true),
            _ => (true, true),
        };
        canvas.reveal(&layout.style, map_rect, across, down);
        return;
    }
    if !response.lost_focus() {
        return;
    }
    let Some(editing) = canvas.inline.take() else {
        return;
    };
    commit(editing, doc, selection);
}

fn commit(editing: InlineEdit, doc: &mut Document, selection: &mut Selection) {
    let text = editing.text.trim().to_owned();
    let j = doc.journey();
    let edit = match editing.target {
        InlineTarget::NewCard { persona, stage } => {
            if text.is_empty() {
                return;
            }
            edit::add_touchpoint(j, persona, stage, &text).map(|(edit, id)| {
                *selection = Selection::Cards(vec![id]);
                edit
            })
        }
        InlineTarget::Card(id) => j
            .touchpoint_index(id)
            .map(|i| Touchpoint {
                title: text,
                ..j.touchpoints[i].clone()
            })
            .and_then(|t| edit::update_touchpoint(j, t)),
        // Marked even without words: the room can say what later.
        InlineTarget::PainPoint(id) => j
            .touchpoint_index(id)
            .map(|i| Touchpoint {
                pain_point: Some(text),
                ..j.touchpoints[i].clone()
            })
            .and_then(|t| edit::update_touchpoint(j, t)),
        // An emptied cell is simply empty.
        InlineTarget::RowText { row, stage } => edit::set_row_text(j, row, stage, &text),
        // A name may not be empty: an emptied name keeps the old one.
        _ if text.is_empty() => None,
        InlineTarget::Stage(id) => j
            .stage(id)
            .map(|s| Stage {
                name: text,
                ..s.clone()
            })
            .and_then(|s| edit::update_stage(j, s)),
        InlineTarget::Persona(id) => j
            .persona(id)
            .map(|p| Persona {
                name: text,
                ..p.clone()
            })
            .and_then(|p| edit::update_persona(j, p)),
    };
    if let Some(edit) = edit
        && let Err(e) = doc.apply(edit)
    {
        log::error!("inline edit refused: {e}");
    }
}
