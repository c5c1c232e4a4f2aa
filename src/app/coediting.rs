//! Workshop ▸ Host and Join: the window that starts, shows and ends a co-editing session.

use super::discovery::Discovery;
use crate::document::Document;
use crate::session::{Event, Live, local_address};

#[derive(Default)]
pub struct Coediting {
    pub open: bool,
    /// The join form: the host's address, the code and the name to show others.
    address: String,
    code: String,
    name: String,
    /// Why the last attempt failed, or who came and went.
    message: Option<String>,
    /// Hosts found on the network, and our own session announced there.
    pub discovery: Discovery,
}

impl Coediting {
    /// Opens the window on the join form (or on the running session).
    pub fn show_join(&mut self) {
        self.open = true;
        self.message = None;
    }

    /// Shares the open journey and shows the code to give out.
    pub fn host(&mut self, ctx: &egui::Context, doc: &mut Document) {
        self.open = true;
        if doc.live().is_some() {
            return;
        }
        let name = self.display_name();
        match Live::host(doc.journey(), 0, &name) {
            Ok(live) => {
                wake_on_news(ctx, &live);
                if let Some(address) = live.session().address() {
                    self.discovery
                        .announce(&doc.journey().title, &name, address.port());
                }
                doc.share(live);
                self.message = None;
            }
            Err(e) => self.message = Some(format!("Could not host: {e}")),
        }
    }

    fn display_name(&self) -> String {
        match self.name.trim() {
            "" => std::env::var("USER").unwrap_or_else(|_| "Guest".to_owned()),
            name => name.to_owned(),
        }
    }

    /// Takes in colleagues' changes; call every frame. True when the host's whole map has just
    /// arrived (after joining), to be fitted into view.
    pub fn poll(&mut self, ctx: &egui::Context, doc: &mut Document) -> bool {
        let hosting = doc.live().is_some_and(|l| l.session().address().is_some());
        self.discovery
            .hosting(ctx, hosting.then_some(doc.journey().title.as_str()));
        if doc.live().is_none() {
            return false;
        }
        doc.poll_live();
        let mut arrived = false;
        if let Some(live) = doc.live_mut() {
            let hosting = live.session().address().is_some();
            for event in live.take_news() {
                self.message = Some(match event {
                    Event::Joined { name, .. } => format!("{name} joined"),
                    Event::Left { name, .. } if !hosting => {
                        format!("{name} left: you keep your copy, save it to keep it")
                    }
                    Event::Left { name, .. } => format!("{name} left"),
                    Event::Refused { address, why } => format!("Refused {address}: {why}"),
                    Event::CaughtUp => {
                        arrived |= !hosting;
                        continue;
                    }
                    Event::Changed | Event::Moved | Event::Voting => continue,
                });
            }
        }
        arrived
    }

    /// `can_host`: there is a map to share (not the start screen).
    pub fn ui(&mut self, ctx: &egui::Context, doc: &mut Document, can_host: bool) {
        // Looking only while the join form is on screen: never once a session has started.
        self.discovery.look(ctx, self.open && doc.live().is_none());
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new("Workshop together")
            .open(&mut open)
            // Below the tool bar, over the map's corner rather than the menus.
            .default_pos([24.0, 96.0])
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| match doc.live() {
                Some(_) => self.session_ui(ui, doc),
                None => self.join_ui(ui, doc, can_host),
            });
        self.open = open;
    }

    fn join_ui(&mut self, ui: &mut egui::Ui, doc: &mut Document, can_host: bool) {
        ui.label(if can_host {
            "Join a map hosted on this network, or host the open one."
        } else {
            "Join a map hosted on this network."
        });
        let picked = self.discovery.found_ui(ui, &self.address);
        if let Some(address) = &picked {
            self.address.clone_from(address);
        }
        egui::Grid::new("join").num_columns(2).show(ui, |ui| {
            for (label, text, hint) in [
                ("Address", &mut self.address, "192.168.1.20:7878"),
                ("Join code", &mut self.code, "K7WQ-3MPX"),
                ("Your name", &mut self.name, "shown to the others"),
            ] {
                // A host picked from the list: the code is what to type next.
                let next = picked.is_some() && label == "Join code";
                let label = ui.label(label);
                let field = ui
                    .add(egui::TextEdit::singleline(text).hint_text(hint))
                    .labelled_by(label.id);
                if next {
                    field.request_focus();
                }
                ui.end_row();
            }
        });
        ui.horizontal(|ui| {
            let ready = !self.address.trim().is_empty() && !self.code.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Join")).clicked() {
                match Live::join(self.address.trim(), &self.code, &self.display_name()) {
                    Ok(live) => {
                        wake_on_news(ui.ctx(), &live);
                        // The host's map is not the file open here: Save asks where (a copy).
                        doc.path = None;
                        doc.share(live);
                        self.message = Some("Joined: the host's map is on its way".into());
                    }
                    Err(e) => self.message = Some(format!("Could not join: {e}")),
                }
            }
            if can_host && ui.button("Host this map").clicked() {
                self.host(ui.ctx(), doc);
            }
        });
        self.message_ui(ui);
    }

    fn session_ui(&mut self, ui: &mut egui::Ui, doc: &mut Document) {
        let Some(live) = doc.live() else { return };
        if let Some(address) = live.session().address() {
            ui.label("Give out the address and the code:");
            egui::Grid::new("hosting").num_columns(2).show(ui, |ui| {
                ui.label("Address");
                ui.monospace(format!("{}:{}", local_address(), address.port()));
                ui.end_row();
                ui.label("Join code");
                ui.heading(live.code());
                ui.end_row();
            });
            self.discovery.announced_ui(ui);
        } else {
            ui.label(format!("In the session with code {}", live.code()));
        }
        ui.separator();
        let others = live.session().others();
        let palette = crate::render::Palette::for_dark_mode(ui.visuals().dark_mode);
        let colour = |name: &str| {
            others
                .iter()
                .find(|o| o.name == name)
                .map(|o| palette.colleague(o.id))
        };
        // The host sees its connections, each removable; a participant sees everyone.
        let people: Vec<(Option<u64>, String)> = if live.session().address().is_some() {
            let peers = live.session().peers();
            peers
                .into_iter()
                .map(|(who, name)| (Some(who), name))
                .collect()
        } else {
            others.iter().map(|o| (None, o.name.clone())).collect()
        };
        let lost = live.disconnected();
        if lost {
            ui.label("The connection to the host was lost. Your changes are kept.");
        } else if people.is_empty() {
            ui.weak("Nobody else is connected.");
        }
        let mut removed = None;
        for (who, name) in &people {
            ui.horizontal(|ui| {
                // Their colour, as their card's outline shows it on the map.
                let (dot, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                if let Some(colour) = colour(name) {
                    ui.painter().circle_filled(dot.center(), 5.0, colour);
                }
                ui.label(name);
                if let Some(who) = who
                    && ui
                        .small_button("Remove")
                        .on_hover_text("Disconnect this participant")
                        .clicked()
                {
                    removed = Some(*who);
                }
            });
        }
        if let Some(who) = removed {
            live.session().remove(who);
        }
        self.message_ui(ui);
        if lost
            && ui
                .button("Reconnect")
                .on_hover_text("Join the host again; both sides' changes are exchanged")
                .clicked()
            && let Some(live) = doc.live_mut()
        {
            match live.reconnect() {
                Ok(()) => {
                    wake_on_news(ui.ctx(), live);
                    self.message = Some("Reconnected".into());
                }
                Err(e) => self.message = Some(format!("Could not reconnect: {e}")),
            }
        }
        ui.separator();
        if ui
            .button("Leave the session")
            .on_hover_text("Your copy of the map stays open; save it to keep it")
            .clicked()
        {
            doc.stop_sharing();
            self.message = None;
        }
    }

    fn message_ui(&self, ui: &mut egui::Ui) {
        if let Some(message) = &self.message {
            ui.label(message);
        }
    }
}

/// Colleagues' changes repaint the window as they arrive.
fn wake_on_news(ctx: &egui::Context, live: &Live) {
    let ctx = ctx.clone();
    live.session().set_waker(move || ctx.request_repaint());
}
