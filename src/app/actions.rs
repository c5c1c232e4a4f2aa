//! What commands do: editing the selection, the clipboard, moving around, files.

use super::dialogs::Confirm;
use super::files::Purpose;
use super::workshop::Env;
use super::{AppState, Command, View};
use crate::canvas::{InlineEdit, Selection};
use crate::edit::{self, Slot};
use crate::io::clipboard;
use crate::model::TouchpointId;
use egui::{Context, Event};

impl AppState {
    /// Runs keyboard shortcuts and clipboard events; text fields keep the keys they need.
    pub(super) fn handle_keyboard(&mut self, ctx: &Context) {
        // Escape always leaves presenting in one press, from a field too.
        if self.workshop.presentation.on
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.canvas.inline = None;
            self.present(ctx, false);
            return;
        }
        let typing = ctx.egui_wants_keyboard_input() || self.last_focus.is_some();
        let modal_open = self.modal_open();
        // Most specific first: Ctrl+Shift+Z must not be taken as Ctrl+Z.
        let mut commands: Vec<Command> = Command::ALL.to_vec();
        commands.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| modifier_count(s.modifiers)))
        });
        for command in commands {
            let Some(shortcut) = command.shortcut() else {
                continue;
            };
            if (typing && command.yields_to_text_fields())
                || (modal_open && command != Command::Quit)
                || !command.available(self.views.active)
                || !self.workshop.allows(command)
            {
                continue;
            }
            if command == Command::Paste {
                continue; // arrives as an Event::Paste with the clipboard's text
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.run(ctx, command);
            }
        }
        if typing || modal_open || self.start.is_some() {
            return;
        }
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                Event::Copy => self.run(ctx, Command::Copy),
                Event::Cut => self.run(ctx, Command::Cut),
                Event::Paste(text) => self.paste(&text),
                _ => {}
            }
        }
    }

    pub fn run(&mut self, ctx: &Context, command: Command) {
        if !self.can_run(command) {
            return;
        }
        if self.views.active == View::Table && self.views.table.command(command) {
            return;
        }
        match command {
            Command::New => self.guard_unsaved(super::dialogs::Pending::New),
            Command::Open => self.guard_unsaved(super::dialogs::Pending::Open),
            Command::Save => self.save(),
            Command::SaveAs => self.files.request(Purpose::SaveAs, &self.doc),
            Command::ExportPng => self.files.choosing_export = true,
            Command::Import => self.files.request(Purpose::Import, &self.doc),
            Command::ImportInto => self.files.request(Purpose::ImportInto, &self.doc),
            Command::CompareWith => self.files.request(Purpose::Compare, &self.doc),
            Command::CompareWithRevision => self.compare_with_revision(None),
            Command::ExportCsv => self.files.request(Purpose::ExportCsv, &self.doc),
            Command::ExportMermaid => self.files.request(Purpose::ExportMermaid, &self.doc),
            Command::ToggleTable => {
                self.views.active = match self.views.active {
                    View::Map => View::Table,
                    View::Table => View::Map,
                };
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo => {
                if !self.doc.undo() {
                    self.info("Nothing to undo");
                }
            }
            Command::Redo | Command::RedoAlt => {
                if !self.doc.redo() {
                    self.info("Nothing to redo");
                }
            }
            Command::Copy => self.copy(ctx),
            Command::CopyMapImage => self.copy_map_image(ctx),
            Command::Cut => {
                self.copy(ctx);
                self.delete_cards();
            }
            // The clipboard's text comes back as an Event::Paste (see `handle_keyboard`).
            Command::Paste => ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste),
            Command::Duplicate => self.duplicate(),
            Command::Delete => self.delete(),
            Command::SelectAll => {
                self.selection = Selection::Cards(
                    self.doc
                        .journey()
                        .touchpoints
                        .iter()
                        .map(|t| t.id)
                        .collect(),
                );
            }
            Command::Find => self.find.focus_requested = true,
            Command::FindNext => self.find_next(),
            Command::EmotionUp | Command::EmotionDown => {
                let up = command == Command::EmotionUp;
                match edit::step_emotion(self.doc.journey(), self.selection.cards(), up) {
                    Some(edit) => self.apply(edit),
                    None if self.selection.cards().is_empty() => self.info("Select cards first"),
                    None => self.info("Already at the end of the emotion scale"),
                }
            }
            Command::AddCard => self.add_card(),
            Command::EditTitle => {
                let env = Env {
                    doc: &mut self.doc,
                    selection: &mut self.selection,
                    canvas: &mut self.canvas,
                };
                if !self.workshop.enter(env) {
                    self.edit_title();
                }
            }
            Command::FitMap => {
                let size = self.doc.layout().size;
                self.canvas.camera.fit(self.canvas.rect, size);
            }
            Command::ActualSize => self.canvas.camera.reset(),
            Command::ZoomIn | Command::ZoomOut => {
                let factor = if command == Command::ZoomIn {
                    1.25
                } else {
                    0.8
                };
                let rect = self.canvas.rect;
                let size = self.doc.layout().size;
                self.canvas
                    .camera
                    .zoom_around(rect, rect.center(), factor, size);
            }
            Command::Present => self.present(ctx, !self.workshop.presentation.on),
            Command::ToggleInspector => self.inspector.open = !self.inspector.open,
            Command::CardDetail => {
                let style = self.doc.style();
                let detail = style.detail.next();
                self.doc
                    .set_style(crate::layout::Style::sized(detail, style.text_size));
                self.info(format!("Cards: {}", detail.label()));
            }
            Command::Lens => self.story.lens_open = !self.story.lens_open,
            Command::Health => self.story.health_open = !self.story.health_open,
            Command::HostWorkshop => self.coediting.host(ctx, &mut self.doc),
            Command::JoinWorkshop => self.coediting.show_join(),
            Command::ClearSelection => {
                self.canvas.cancel_drag(&mut self.doc);
                // Escape first drops a selection (or the cursor), then a spotlight, then a lens.
                let had_selection = self.selection != Selection::Nothing
                    || self.workshop.cursor.cell.take().is_some();
                if !had_selection && self.workshop.spotlight.take().is_none() {
                    self.story.clear();
                }
                self.selection = Selection::Nothing;
            }
            Command::Shortcuts => self.show_shortcuts = !self.show_shortcuts,
            Command::About => self.about.open = true,
            Command::SelectLeft
            | Command::SelectRight
            | Command::SelectUp
            | Command::SelectDown
            | Command::AddStage
            | Command::AddPersona
            | Command::PainPoint
            | Command::VoteUp
            | Command::VoteDown
            | Command::Feel(_)
            | Command::PresentEdit
            | Command::Spotlight
            | Command::HideDetails
            | Command::TextSize
            | Command::StartVote
            | Command::NextVoter
            | Command::RevealVotes
            | Command::VotingRounds
            | Command::ShowTimer
            | Command::TimerStartPause
            | Command::TimerAddMinute => {
                let env = Env {
                    doc: &mut self.doc,
                    selection: &mut self.selection,
                    canvas: &mut self.canvas,
                };
                if let Some(message) = self.workshop.run(command, env) {
                    self.info(message);
                }
            }
        }
    }

    /// Presenting shows the map alone, full screen and fitted, for a projector.
    fn present(&mut self, ctx: &Context, on: bool) {
        if on {
            self.workshop.presentation.start();
        } else {
            self.workshop.presentation.stop();
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        self.canvas.fit_pending = true;
    }

    pub(super) fn apply(&mut self, edit: edit::Edit) {
        if let Err(e) = self.doc.apply(edit) {
            self.error(e.to_string());
        }
    }

    /// The cell new cards go to: that of the selected card, else the first cell.
    fn target_cell(&self) -> Option<Slot> {
        let j = self.doc.journey();
        let (persona, stage) = match self
            .selection
            .cards()
            .last()
            .and_then(|&id| j.touchpoint_index(id))
        {
            Some(i) => (j.touchpoints[i].persona, j.touchpoints[i].stage),
            None => match (&self.selection, self.workshop.cursor.cell) {
                (Selection::Persona(p), _) => (*p, j.stages.first()?.id),
                (Selection::Stage(s), _) => (j.personas.first()?.id, *s),
                (Selection::Nothing, Some(cell)) => cell,
                _ => (j.personas.first()?.id, j.stages.first()?.id),
            },
        };
        Some(Slot {
            persona,
            stage,
            before: None,
        })
    }

    fn add_card(&mut self) {
        match self.target_cell() {
            Some(slot) => self.canvas.inline = Some(InlineEdit::new_card(slot.persona, slot.stage)),
            None => self.info("Add a persona and a stage first"),
        }
    }

    fn edit_title(&mut self) {
        let j = self.doc.journey();
        self.canvas.inline = match &self.selection {
            Selection::Cards(ids) => ids
                .last()
                .and_then(|&id| j.touchpoint_index(id))
                .map(|i| InlineEdit::card(&j.touchpoints[i])),
            Selection::Persona(id) => j.persona(*id).map(InlineEdit::persona),
            Selection::Stage(id) => j.stage(*id).map(InlineEdit::stage),
            Selection::Row(_) | Selection::Nothing => None,
        };
    }

    fn copy(&mut self, ctx: &Context) {
        let j = self.doc.journey();
        let picked: std::collections::HashSet<_> = self.selection.cards().iter().collect();
        let cards: Vec<_> = j
            .touchpoints
            .iter()
            .filter(|t| picked.contains(&t.id))
            .cloned()
            .collect();
        if cards.is_empty() {
            return;
        }
        let n = cards.len();
        ctx.copy_text(clipboard::to_text(&cards));
        self.info(format!("Copied {}", crate::words::count(n, "card")));
    }

    /// Pastes cards copied from this or another journey into the selected cell.
    pub fn paste(&mut self, text: &str) {
        let cards = match clipboard::from_text(text) {
            Ok(cards) => cards,
            Err(e) => {
                self.info(e);
                return;
            }
        };
        let Some(slot) = self.target_cell() else {
            self.info("Add a persona and a stage first");
            return;
        };
        let j = self.doc.journey();
        // "Pasted 2 cards into Busy parent · Purchase": what arrived, and where to look for it.
        let cell = match (j.persona(slot.persona), j.stage(slot.stage)) {
            (Some(p), Some(s)) => format!(" into {} · {}", p.name, s.name),
            _ => String::new(),
        };
        if let Some((edit, ids)) = edit::add_touchpoints(j, &cards, slot) {
            let pasted = crate::words::count(ids.len(), "card");
            self.apply(edit);
            self.selection = Selection::Cards(ids);
            self.info(format!("Pasted {pasted}{cell}"));
        }
    }

    fn duplicate(&mut self) {
        if let Some((edit, ids)) =
            edit::duplicate_touchpoints(self.doc.journey(), self.selection.cards())
        {
            self.apply(edit);
            self.selection = Selection::Cards(ids);
        }
    }

    fn delete_cards(&mut self) {
        if let Some(edit) = edit::remove_touchpoints(self.doc.journey(), self.selection.cards()) {
            self.apply(edit);
            self.selection = Selection::Nothing;
        }
    }

    /// Deletes the selection; a lane or column that holds cards asks first.
    pub fn delete(&mut self) {
        let j = self.doc.journey();
        match self.selection.clone() {
            Selection::Cards(_) => self.delete_cards(),
            Selection::Persona(id) => {
                let cards = j.touchpoints.iter().filter(|t| t.persona == id).count();
                if cards == 0 {
                    self.delete_confirmed(Confirm::DeletePersona(id));
                } else {
                    self.confirm = Some(Confirm::DeletePersona(id));
                }
            }
            Selection::Stage(id) => {
                let cards = j.touchpoints.iter().filter(|t| t.stage == id).count();
                if cards == 0 {
                    self.delete_confirmed(Confirm::DeleteStage(id));
                } else {
                    self.confirm = Some(Confirm::DeleteStage(id));
                }
            }
            // A row holds no cards (a text row's notes come back with undo).
            Selection::Row(id) => {
                if let Some(index) = j.row_index(id)
                    && let Err(e) = self.doc.apply(edit::Edit::RemoveRow { index })
                {
                    self.error(e.to_string());
                }
            }
            Selection::Nothing => {}
        }
    }

    pub(super) fn delete_confirmed(&mut self, what: Confirm) {
        let j = self.doc.journey();
        let edit = match what {
            Confirm::DeletePersona(id) => edit::remove_persona(j, id),
            Confirm::DeleteStage(id) => edit::remove_stage(j, id),
        };
        if let Some(edit) = edit {
            self.apply(edit);
            self.selection = Selection::Nothing;
        }
    }

    /// Selects one card and brings it into view.
    pub(crate) fn show_card(&mut self, id: TouchpointId) {
        self.selection = Selection::Cards(vec![id]);
        let (journey, layout) = self.doc.journey_and_layout();
        if let Some(index) = journey.touchpoint_index(id) {
            let rect = layout.cards[index].rect;
            let canvas = self.canvas.rect;
            self.canvas.camera.reveal(canvas, rect);
        }
    }
}

fn modifier_count(m: egui::Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.ctrl || m.command || m.mac_cmd)
}
