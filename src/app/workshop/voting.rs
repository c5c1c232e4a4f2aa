//! Dot voting: the facilitator sets the dots per person and the number of voters; each voter
//! in turn places dots on cards (click, or V on the selected card) and sees only their own; the
//! totals stay hidden until the reveal, which sets every card's votes to its dots and keeps the
//! round (name, date, results) in the journey, as one undo step.
//!
//! In a co-editing session the vote is the room's: whoever starts it calls it for everyone, each
//! person places their dots on their own laptop and sees only their own, and the caller's
//! reveal counts them all.

use crate::canvas::Selection;
use crate::document::Document;
use crate::edit::Edit;
use crate::layout::Layout;
use crate::model::{CardDots, Journey, TouchpointId, VotingRound};
use crate::render::{Palette, View};
use egui::{Align2, RichText};

/// A vote under way.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Round {
    name: String,
    dots_per_voter: u32,
    voters: u32,
    /// The voter whose turn it is, from 0.
    voter: u32,
    /// Each voter's dots, a card once per dot.
    dots: Vec<Vec<TouchpointId>>,
    /// The vote as the co-editing session knows it; None outside a session.
    room: Option<RoomVote>,
    /// Started here and not yet called in the session (done on the next frame).
    to_call: bool,
}

/// A vote called in a co-editing session.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RoomVote {
    round: u64,
    /// Who called it, when someone else did: they count the dots and reveal them.
    caller: Option<String>,
    /// Our dots as last sent to the caller.
    sent: Vec<TouchpointId>,
}

impl Round {
    fn left(&self) -> u32 {
        let placed = self.dots.get(self.voter as usize).map_or(0, Vec::len);
        self.dots_per_voter.saturating_sub(placed as u32)
    }
}

/// What the "Start a vote" window holds.
#[derive(Clone, Debug)]
struct Setup {
    name: String,
    dots_per_voter: u32,
    voters: u32,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            name: String::new(),
            dots_per_voter: 3,
            voters: 6,
        }
    }
}

#[derive(Default)]
pub struct Voting {
    pub setup_open: bool,
    pub rounds_open: bool,
    setup: Setup,
    round: Option<Round>,
    /// The session's vote this person left (it is not joined again).
    left: Option<u64>,
}

impl Voting {
    pub fn is_open(&self) -> bool {
        self.round.is_some()
    }

    /// Starts a round (what the setup window's Start does).
    pub fn start(&mut self, name: &str, dots_per_voter: u32, voters: u32) {
        let voters = voters.clamp(1, 1000);
        self.round = Some(Round {
            name: name.trim().to_owned(),
            dots_per_voter: dots_per_voter.clamp(1, 100),
            voters,
            voter: 0,
            dots: vec![Vec::new(); voters as usize],
            room: None,
            to_call: true,
        });
        self.setup_open = false;
    }

    /// Keeps a vote in step with the co-editing session, once a frame: calls the vote started
    /// here, joins one called by someone else, sends our dots when they change, and ends a
    /// vote whose caller ended it. Says what the person should know.
    pub fn follow_session(&mut self, doc: &Document) -> Option<String> {
        let Some(session) = doc.live().map(|live| live.session()) else {
            let round = self.round.as_mut()?;
            // Started outside a session: it stays a vote in turns, even if hosting starts.
            round.to_call = false;
            return match round.room.as_ref()?.caller {
                // Someone else's vote cannot go on without the session.
                Some(_) => {
                    self.round = None;
                    Some("Left the session: the vote there goes on without you".to_owned())
                }
                // Ours goes on here, with our own dots.
                None => {
                    round.room = None;
                    Some("Left the session: the vote goes on here, with your dots".to_owned())
                }
            };
        };
        let call = session.vote();
        if let Some(round) = &mut self.round
            && std::mem::take(&mut round.to_call)
        {
            let number = session.call_vote(&round.name, round.dots_per_voter);
            round.voters = 1;
            round.dots.truncate(1);
            round.room = Some(RoomVote {
                round: number,
                caller: None,
                sent: Vec::new(),
            });
            return Some("Vote called: everyone places their dots on their own laptop".to_owned());
        }
        let ours = self.round.as_ref().and_then(|r| r.room.as_ref());
        match (ours, &call) {
            // Someone called a vote: take part (unless this person left it).
            (None, Some(call))
                if self.round.is_none()
                    && !session.called(call)
                    && self.left != Some(call.round) =>
            {
                self.round = Some(Round {
                    name: call.name.clone(),
                    dots_per_voter: call.dots_per_voter.clamp(1, 100),
                    voters: 1,
                    voter: 0,
                    dots: vec![Vec::new()],
                    room: Some(RoomVote {
                        round: call.round,
                        caller: Some(call.caller.clone()),
                        sent: Vec::new(),
                    }),
                    to_call: false,
                });
                return Some(format!(
                    "{} called a vote: place your {} on the cards that matter most",
                    call.caller,
                    crate::words::count(call.dots_per_voter as usize, "dot")
                ));
            }
            // The caller revealed or cancelled it.
            (Some(room), call)
                if room.caller.is_some() && call.as_ref().is_none_or(|c| c.round != room.round) =>
            {
                let caller = room.caller.clone().unwrap_or_default();
                self.round = None;
                return Some(format!("{caller} ended the vote"));
            }
            _ => {}
        }
        if let Some(round) = &mut self.round
            && let Some(room) = &mut round.room
            && room.caller.is_some()
            && round.dots.first() != Some(&room.sent)
        {
            room.sent = round.dots.first().cloned().unwrap_or_default();
            let cards: Vec<u32> = room.sent.iter().map(|c| c.0).collect();
            session.cast(room.round, &cards);
        }
        None
    }

    /// A dot from the current voter on `card`; says when none are left.
    pub fn place_on(&mut self, card: TouchpointId) -> Option<String> {
        let round = self.round.as_mut()?;
        if round.left() == 0 {
            return Some("No dots left: Next voter (Shift+Enter), or reveal".to_owned());
        }
        round.dots[round.voter as usize].push(card);
        None
    }

    pub fn place_dot(&mut self, selection: &Selection) -> Option<String> {
        match selection.cards().last() {
            Some(&card) => self.place_on(card),
            None => Some("Select a card to vote for".to_owned()),
        }
    }

    /// Takes back one of the current voter's dots from the selected card.
    pub fn take_dot(&mut self, selection: &Selection) -> Option<String> {
        let round = self.round.as_mut()?;
        let card = *selection.cards().last()?;
        let mine = &mut round.dots[round.voter as usize];
        let at = mine.iter().rposition(|&c| c == card)?;
        mine.remove(at);
        None
    }

    pub fn next_voter(&mut self) -> Option<String> {
        let round = self.round.as_mut()?;
        if round.voter + 1 < round.voters {
            round.voter += 1;
            None
        } else {
            Some("That was the last voter: reveal the votes".to_owned())
        }
    }

    /// Ends the round: every card's votes become its dots and the round is kept, as one step.
    pub fn reveal(&mut self, doc: &mut Document) -> Option<String> {
        if let Some(caller) = self
            .round
            .as_ref()?
            .room
            .as_ref()
            .and_then(|r| r.caller.clone())
        {
            return Some(format!("{caller} called this vote and reveals it"));
        }
        let mut round = self.round.take()?;
        if let Some(room) = &round.room {
            let Some(session) = doc.live().map(|live| live.session()) else {
                return Some("Not in the session any more: the vote cannot be counted".to_owned());
            };
            // Everyone's dots: ours, and each colleague's as they last sent them.
            let theirs = session.ballots(room.round);
            round.dots.extend(
                theirs
                    .into_iter()
                    .map(|cards| cards.into_iter().map(TouchpointId).collect()),
            );
            let present = 1 + session.others().len();
            round.voters = (round.dots.len().max(present)) as u32;
            session.end_vote(room.round);
        }
        let result = round_result(
            doc.journey(),
            &round,
            &crate::clock::date(crate::clock::now_secs()),
        );
        let edit = reveal_edit(doc.journey(), result);
        self.rounds_open = true;
        doc.apply(edit).err().map(|e| e.to_string())
    }

    /// Ends the vote without counting it (for everyone, in a session we called it in).
    pub fn cancel(&mut self, doc: &Document) {
        if let Some(Round {
            room:
                Some(RoomVote {
                    round,
                    caller: None,
                    ..
                }),
            ..
        }) = self.round.take()
            && let Some(live) = doc.live()
        {
            live.session().end_vote(round);
        }
    }

    /// The current voter's own dots, on their cards; nobody else's.
    pub fn paint_dots(
        &self,
        painter: &egui::Painter,
        journey: &Journey,
        layout: &Layout,
        view: View,
        palette: &Palette,
    ) {
        let Some(round) = &self.round else {
            return;
        };
        let Some(mine) = round.dots.get(round.voter as usize) else {
            return;
        };
        let mut counts: Vec<(TouchpointId, usize)> = Vec::new();
        for &card in mine {
            match counts.iter_mut().find(|(c, _)| *c == card) {
                Some((_, n)) => *n += 1,
                None => counts.push((card, 1)),
            }
        }
        let z = view.zoom;
        let r = 7.0 * z.max(0.6);
        for (card, n) in counts {
            let Some(rect) = journey
                .touchpoint_index(card)
                .and_then(|i| layout.cards.get(i))
                .map(|p| view.to_screen_rect(p.rect))
            else {
                continue;
            };
            for k in 0..n {
                // Stuck across the card's top edge, like a dot sticker, clear of its text.
                let centre = rect.left_top() + egui::vec2(14.0 * z + r + k as f32 * 2.4 * r, 0.0);
                painter.circle(
                    centre,
                    r,
                    palette.accent,
                    egui::Stroke::new(1.5, palette.card),
                );
            }
        }
    }

    /// The setup window, the voting bar over the map, and the rounds with their rankings.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        canvas: egui::Rect,
        doc: &mut Document,
    ) -> Option<String> {
        let mut message = self.follow_session(doc);
        self.setup_window(ctx, doc.journey(), doc.live().is_some());
        if self.round.is_some() {
            message = self.bar(ctx, canvas, doc).or(message);
        }
        self.rounds_window(ctx, doc.journey());
        message
    }

    /// `in_session`: everyone votes on their own laptop, so there are no turns to set.
    fn setup_window(&mut self, ctx: &egui::Context, journey: &Journey, in_session: bool) {
        if !self.setup_open {
            return;
        }
        if self.setup.name.trim().is_empty() {
            self.setup.name = format!("Vote {}", journey.rounds.len() + 1);
        }
        let mut open = true;
        let mut start = false;
        egui::Window::new("Start a vote")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                egui::Grid::new("vote setup").num_columns(2).show(ui, |ui| {
                    let label = ui.label("Name");
                    ui.text_edit_singleline(&mut self.setup.name)
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Dots per person");
                    ui.add(egui::DragValue::new(&mut self.setup.dots_per_voter).range(1..=20))
                        .labelled_by(label.id);
                    ui.end_row();
                    if !in_session {
                        let label = ui.label("Voters");
                        ui.add(egui::DragValue::new(&mut self.setup.voters).range(1..=100))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
                let how = if in_session {
                    "Everyone in the session places dots on their own laptop (click a card, or \
                     V); the totals stay hidden until you reveal them."
                } else {
                    "Each voter in turn places dots (click a card, or V); the totals stay \
                     hidden until you reveal them."
                };
                ui.label(RichText::new(how).weak());
                start = ui.button("Start voting").clicked();
            });
        if start {
            let Setup {
                name,
                dots_per_voter,
                voters,
            } = self.setup.clone();
            self.start(&name, dots_per_voter, voters);
            self.setup.name.clear();
        } else if !open {
            self.setup_open = false;
        }
    }

    /// Whose turn it is and the dots they have left, along the bottom of the map. In a session
    /// there are no turns: each person sees their own dots, and the caller how many have voted.
    fn bar(
        &mut self,
        ctx: &egui::Context,
        canvas: egui::Rect,
        doc: &mut Document,
    ) -> Option<String> {
        let round = self.round.as_ref()?;
        let (voter, voters, left, per) = (
            round.voter,
            round.voters,
            round.left(),
            round.dots_per_voter,
        );
        let name = round.name.clone();
        let room = round.room.as_ref().map(|room| {
            let voted = doc.live().map_or(0, |live| {
                live.session().ballots(room.round).len() + usize::from(!round.dots[0].is_empty())
            });
            (room.caller.clone(), voted)
        });
        let mut action = None;
        egui::Area::new(egui::Id::unique("voting bar"))
            .pivot(Align2::CENTER_BOTTOM)
            .fixed_pos(canvas.center_bottom() + egui::vec2(0.0, -16.0))
            .show(ctx, |ui| {
                egui::Frame::window(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.strong(&name);
                        ui.separator();
                        let who = match &room {
                            None => format!("Voter {} of {voters}", voter + 1),
                            Some((Some(caller), _)) => format!("Called by {caller}"),
                            Some((None, 1)) => "1 person voted".to_owned(),
                            Some((None, voted)) => format!("{voted} people voted"),
                        };
                        ui.label(RichText::new(who).size(18.0));
                        let dots: String =
                            (0..per).map(|i| if i < left { '●' } else { '○' }).collect();
                        ui.label(RichText::new(dots).size(18.0))
                            .on_hover_text("Your dots left");
                        ui.label(format!("{left} left"));
                        if matches!(room, Some((Some(_), _))) {
                            ui.separator();
                            if ui
                                .button("Leave the vote")
                                .on_hover_text("Stop voting; the others' vote goes on")
                                .clicked()
                            {
                                action = Some(3);
                            }
                        } else {
                            ui.separator();
                            if room.is_none()
                                && ui
                                    .add_enabled(
                                        voter + 1 < voters,
                                        egui::Button::new("Next voter"),
                                    )
                                    .on_hover_text("Shift+Enter")
                                    .clicked()
                            {
                                action = Some(0);
                            }
                            if ui.button("Reveal").clicked() {
                                action = Some(1);
                            }
                            if ui.button("Cancel vote").clicked() {
                                action = Some(2);
                            }
                        }
                    });
                    let hint = match &room {
                        Some((Some(caller), _)) => format!(
                            "Click a card or press V to place a dot · Shift+V takes one back · \
                             nobody sees your dots until {caller} reveals"
                        ),
                        Some((None, _)) => "Everyone places dots on their own laptop · click a \
                                            card or press V for yours"
                            .to_owned(),
                        None => "Click a card or press V to place a dot · Shift+V takes one back"
                            .to_owned(),
                    };
                    ui.label(RichText::new(hint).weak());
                });
            });
        match action {
            Some(0) => self.next_voter(),
            Some(1) => self.reveal(doc),
            Some(2) => {
                self.cancel(doc);
                Some("Vote cancelled".to_owned())
            }
            Some(3) => {
                self.left = self.round.take()?.room.map(|room| room.round);
                Some("You left the vote".to_owned())
            }
            _ => None,
        }
    }

    /// Every round, newest first, with its ranking: what the room wants fixed first.
    fn rounds_window(&mut self, ctx: &egui::Context, journey: &Journey) {
        if !self.rounds_open {
            return;
        }
        let mut open = true;
        egui::Window::new("Voting rounds")
            .open(&mut open)
            .default_width(460.0)
            .vscroll(true)
            .show(ctx, |ui| {
                if journey.rounds.is_empty() {
                    ui.label("No votes yet: Workshop ▸ Start a vote…");
                }
                for round in journey.rounds.iter().rev() {
                    ui.heading(format!("{} · {}", round.name, round.date));
                    ui.label(
                        RichText::new(format!(
                            "{} voters × {} dots: {} of {} placed",
                            round.voters,
                            round.dots_per_voter,
                            round.dots_placed(),
                            round.dots_available()
                        ))
                        .weak(),
                    );
                    ui.label("Fix first:");
                    for (rank, line) in round.ranking().iter().take(10).enumerate() {
                        let title = journey
                            .touchpoint_index(line.card)
                            .map_or("(deleted card)", |i| journey.touchpoints[i].display_title());
                        ui.label(format!(
                            "{}. {title} — {}",
                            rank + 1,
                            crate::words::count(line.dots as usize, "dot")
                        ));
                    }
                    ui.separator();
                }
            });
        self.rounds_open = open;
    }
}

/// The round as kept: its dots per card, in map order, cards without dots left out.
fn round_result(journey: &Journey, round: &Round, date: &str) -> VotingRound {
    let mut dots: std::collections::HashMap<TouchpointId, u32> = Default::default();
    for &card in round.dots.iter().flatten() {
        *dots.entry(card).or_default() += 1;
    }
    let results = journey
        .touchpoints
        .iter()
        .filter_map(|t| {
            Some(CardDots {
                card: t.id,
                dots: *dots.get(&t.id)?,
            })
        })
        .collect();
    let name = if round.name.is_empty() {
        format!("Vote {}", journey.rounds.len() + 1)
    } else {
        round.name.clone()
    };
    VotingRound {
        name,
        date: date.to_owned(),
        dots_per_voter: round.dots_per_voter,
        voters: round.voters,
        results,
    }
}

/// One edit: every card's votes become its dots in the round, and the round joins the journey.
fn reveal_edit(journey: &Journey, round: VotingRound) -> Edit {
    let dots: std::collections::HashMap<TouchpointId, u32> =
        round.results.iter().map(|d| (d.card, d.dots)).collect();
    let mut edits: Vec<Edit> = journey
        .touchpoints
        .iter()
        .enumerate()
        .filter_map(|(index, t)| {
            let dots = dots.get(&t.id).copied().unwrap_or(0);
            (t.votes != dots).then(|| Edit::UpdateTouchpoint {
                index,
                touchpoint: crate::model::Touchpoint {
                    votes: dots,
                    ..t.clone()
                },
            })
        })
        .collect();
    edits.push(Edit::InsertRound {
        index: journey.rounds.len(),
        round,
    });
    Edit::Batch(edits)
}
