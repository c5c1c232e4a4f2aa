//! Workshop mode: a facilitator at a projector, both hands on the keyboard. The cursor walks
//! the map, single keys set the fields a room argues about, presenting shows the map alone,
//! a spotlight walks the room through it, dot voting ranks what to fix first, and a timer keeps
//! the pace. Each part is its own struct; `Workshop` only holds them and runs their commands.

pub mod cursor;
mod present;
pub mod timer;
pub mod voting;

use super::Command;
use crate::canvas::{Canvas, InlineEdit, Selection};
use crate::document::Document;
use crate::edit;
use crate::layout::{Detail, Style};
use crate::model::Emotion;
use crate::render::Palette;
pub use cursor::{Cursor, Spot, Step};
pub use present::{Presentation, Spotlight};
pub use timer::Timer;
pub use voting::Voting;

#[derive(Default)]
pub struct Workshop {
    pub cursor: Cursor,
    pub presentation: Presentation,
    pub spotlight: Option<Spotlight>,
    pub voting: Voting,
    pub timer: Timer,
    /// The card detail to come back to when details are shown again.
    detail_before_hiding: Option<Detail>,
}

/// What the workshop's commands read and change.
pub struct Env<'a> {
    pub doc: &'a mut Document,
    pub selection: &'a mut Selection,
    pub canvas: &'a mut Canvas,
}

impl Workshop {
    /// Whether `command` may run now: presenting is read-only until the facilitator asks to
    /// edit (placing a dot in a vote changes no card, so V works there), and the voting keys
    /// mean something only during a vote.
    pub fn allows(&self, command: Command) -> bool {
        let dot = self.voting.is_open() && matches!(command, Command::VoteUp | Command::VoteDown);
        let editing = !self.presentation.read_only() || !command.edits_journey() || dot;
        let voting = match command {
            Command::NextVoter | Command::RevealVotes => self.voting.is_open(),
            _ => true,
        };
        editing && voting
    }

    /// Runs a workshop command; returns a message for the status bar, if any.
    pub fn run(&mut self, command: Command, env: Env<'_>) -> Option<String> {
        match command {
            Command::SelectLeft => self.arrow(Step::Left, env),
            Command::SelectRight => self.arrow(Step::Right, env),
            Command::SelectUp => self.arrow(Step::Up, env),
            Command::SelectDown => self.arrow(Step::Down, env),
            Command::AddStage => self.add_header(true, env),
            Command::AddPersona => self.add_header(false, env),
            Command::PainPoint => pain_point(env),
            Command::VoteUp if self.voting.is_open() => self.voting.place_dot(env.selection),
            Command::VoteDown if self.voting.is_open() => self.voting.take_dot(env.selection),
            Command::VoteUp | Command::VoteDown => {
                let delta = if command == Command::VoteUp { 1 } else { -1 };
                let ids = env.selection.cards();
                change(env.doc, edit::add_votes(env.doc.journey(), ids, delta), ids)
            }
            Command::Feel(level) => {
                let ids = env.selection.cards();
                change(
                    env.doc,
                    edit::set_emotion(env.doc.journey(), ids, Some(Emotion(level))),
                    ids,
                )
            }
            Command::PresentEdit => Some(self.presentation.toggle_editing().to_owned()),
            Command::Spotlight => self.toggle_spotlight(env),
            Command::HideDetails => Some(self.hide_details(env.doc)),
            Command::TextSize => {
                let style = env.doc.style();
                let size = style.text_size.next();
                env.doc.set_style(Style::sized(style.detail, size));
                env.canvas.fit_pending = self.presentation.on;
                Some(format!("Text size: {}", size.label()))
            }
            Command::StartVote => {
                self.voting.setup_open = true;
                None
            }
            Command::NextVoter => self.voting.next_voter(),
            Command::RevealVotes => self.voting.reveal(env.doc),
            Command::VotingRounds => {
                self.voting.rounds_open = true;
                None
            }
            Command::ShowTimer => {
                self.timer.shown = true;
                None
            }
            Command::TimerStartPause => {
                self.timer.start_or_pause();
                None
            }
            Command::TimerAddMinute => {
                self.timer.add_minute();
                None
            }
            _ => None,
        }
    }

    /// Arrows move the spotlight while it is on (walking the room through the journey), the
    /// cursor otherwise.
    fn arrow(&mut self, step: Step, env: Env<'_>) -> Option<String> {
        if let Some(spotlight) = self.spotlight {
            let (journey, layout) = env.doc.journey_and_layout();
            let moved = spotlight.step(journey, step);
            self.spotlight = Some(moved);
            let spot = moved.spot(journey);
            reveal(env.canvas, layout, spot);
            return None;
        }
        let (journey, layout) = env.doc.journey_and_layout();
        let from = self.cursor.spot(journey, layout, env.selection);
        let spot = cursor::step(layout, from, step)?;
        *env.selection = self.cursor.place(spot, journey, layout);
        reveal(env.canvas, layout, spot);
        None
    }

    /// A stage after the cursor's (`stage`) or a persona below it, its name field open at once
    /// and in view.
    fn add_header(&mut self, stage: bool, env: Env<'_>) -> Option<String> {
        let (journey, layout) = env.doc.journey_and_layout();
        let (lane, column) = match self.cursor.spot(journey, layout, env.selection) {
            Some(Spot::Stage(c)) => (None, Some(c)),
            Some(Spot::Persona(l)) => (Some(l), None),
            Some(Spot::Card { lane, column, .. } | Spot::EmptyCell { lane, column }) => {
                (Some(lane), Some(column))
            }
            None => (None, None),
        };
        let (add, spot) = if stage {
            let index = column.map_or(journey.stages.len(), |c| c + 1);
            (
                edit::add_stage(journey, "New stage", index).0,
                Spot::Stage(index),
            )
        } else {
            let index = lane.map_or(journey.personas.len(), |l| l + 1);
            (
                edit::add_persona(journey, "New persona", index).0,
                Spot::Persona(index),
            )
        };
        if let Err(e) = env.doc.apply(add) {
            return Some(e.to_string());
        }
        let (journey, layout) = env.doc.journey_and_layout();
        *env.selection = self.cursor.place(spot, journey, layout);
        env.canvas.inline = match spot {
            Spot::Stage(i) => Some(InlineEdit::stage(&journey.stages[i])),
            Spot::Persona(i) => Some(InlineEdit::persona(&journey.personas[i])),
            _ => None,
        };
        reveal(env.canvas, layout, spot);
        None
    }

    /// Enter on an empty cell starts a card there; anywhere else it renames (see actions).
    pub fn enter(&self, env: Env<'_>) -> bool {
        let (journey, layout) = env.doc.journey_and_layout();
        match self.cursor.spot(journey, layout, env.selection) {
            Some(Spot::EmptyCell { lane, column }) => {
                env.canvas.inline = Some(InlineEdit::new_card(
                    journey.personas[lane].id,
                    journey.stages[column].id,
                ));
                true
            }
            _ => false,
        }
    }

    /// Space: the cursor's stage (or persona) in the spotlight, the rest dimmed; again: off.
    fn toggle_spotlight(&mut self, env: Env<'_>) -> Option<String> {
        if self.spotlight.take().is_some() {
            return None;
        }
        let (journey, layout) = env.doc.journey_and_layout();
        let spotlight = match self.cursor.spot(journey, layout, env.selection) {
            Some(Spot::Persona(l)) => Spotlight::Persona(journey.personas[l].id),
            Some(
                Spot::Stage(c) | Spot::Card { column: c, .. } | Spot::EmptyCell { column: c, .. },
            ) => Spotlight::Stage(journey.stages[c].id),
            None => Spotlight::Stage(journey.stages.first()?.id),
        };
        self.spotlight = Some(spotlight);
        Some("Spotlight: arrows step through the journey, Space turns it off".to_owned())
    }

    /// Titles, emotions and pain marks only; again: the detail there was before.
    fn hide_details(&mut self, doc: &mut Document) -> String {
        let style = doc.style();
        let detail = match self.detail_before_hiding.take() {
            Some(before) if style.detail == Detail::Compact => before,
            _ => {
                self.detail_before_hiding = Some(style.detail);
                Detail::Compact
            }
        };
        doc.set_style(Style::sized(detail, style.text_size));
        format!("Cards: {}", detail.label())
    }

    /// During a vote, a click on a card places the current voter's dot on it.
    pub fn vote_by_click(
        &mut self,
        ui: &egui::Ui,
        canvas: &Canvas,
        doc: &mut Document,
    ) -> Option<String> {
        if !self.voting.is_open() {
            return None;
        }
        let click = ui.input(|i| {
            i.pointer
                .primary_clicked()
                .then(|| i.pointer.interact_pos())
                .flatten()
        })?;
        // Not through the voting bar or a window floating over the map.
        if !canvas.rect.contains(click) || ui.ctx().layer_id_at(click) != Some(ui.layer_id()) {
            return None;
        }
        let (journey, layout) = doc.journey_and_layout();
        match crate::canvas::hit(layout, canvas.view(), canvas.rect, click) {
            crate::canvas::Hit::Card(i) => self.voting.place_on(journey.touchpoints[i].id),
            _ => None,
        }
    }

    /// The workshop's windows and floating panels: the vote's setup, bar and rounds, the timer.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        canvas: egui::Rect,
        doc: &mut Document,
        palette: &Palette,
    ) -> Option<String> {
        self.timer.ui(ctx, canvas, self.presentation.on, palette);
        self.voting.ui(ctx, canvas, doc)
    }

    /// What the workshop draws over the map on screen (never in an exported image): the
    /// spotlight's shade, the cursor on an empty cell, the current voter's dots.
    pub fn paint_over_map(
        &self,
        ui: &egui::Ui,
        canvas: &Canvas,
        doc: &mut Document,
        palette: &Palette,
        selection: &Selection,
    ) {
        let painter = ui.painter_at(canvas.rect);
        let view = canvas.view();
        let (journey, layout) = doc.journey_and_layout();
        if let Some(spotlight) = self.spotlight {
            present::paint_spotlight(&painter, journey, layout, view, palette, spotlight);
        }
        if let Some(Spot::EmptyCell { lane, column }) = self.cursor.spot(journey, layout, selection)
            && selection == &Selection::Nothing
            && canvas.inline.is_none()
            && let Some((rect, ..)) = cursor::reveal_rect(layout, Spot::EmptyCell { lane, column })
        {
            present::paint_empty_cell_cursor(
                &painter,
                view.to_screen_rect(rect),
                view.zoom,
                palette,
            );
        }
        self.voting
            .paint_dots(&painter, journey, layout, view, palette);
    }
}

/// Applies a change to the selected cards, or says why nothing changed.
fn change(
    doc: &mut Document,
    edit: Option<edit::Edit>,
    ids: &[crate::model::TouchpointId],
) -> Option<String> {
    match edit {
        Some(edit) => doc.apply(edit).err().map(|e| e.to_string()),
        None if ids.is_empty() => Some("Select cards first".to_owned()),
        None => None,
    }
}

/// X: a card without a pain point gets one, its text typed at once; one with it loses it.
fn pain_point(env: Env<'_>) -> Option<String> {
    let Some(&id) = env.selection.cards().last() else {
        return Some("Select a card first".to_owned());
    };
    let j = env.doc.journey();
    let t = &j.touchpoints[j.touchpoint_index(id)?];
    if t.pain_point.is_some() {
        let cleared = crate::model::Touchpoint {
            pain_point: None,
            ..t.clone()
        };
        let edit = edit::update_touchpoint(j, cleared)?;
        return env.doc.apply(edit).err().map(|e| e.to_string());
    }
    env.canvas.inline = Some(InlineEdit::pain_point(t));
    None
}

/// Scrolls the canvas so that `spot` is in view, clear of the sticky headers.
pub fn reveal(canvas: &mut Canvas, layout: &crate::layout::Layout, spot: Spot) {
    if let Some((rect, across, down)) = cursor::reveal_rect(layout, spot) {
        canvas.reveal(&layout.style, rect, across, down);
    }
}
