//! The window's side of finding sessions on the network: the Join form's list of hosts found,
//! and the host's announcement of its own session (the network side is `session::discover`).

use crate::session::discover::{Advertisement, Browser, FoundHost, Scope};
use egui::AtomExt;
use std::time::{Duration, Instant};

/// After this long with nothing found, say that the address can be typed instead.
const PATIENCE: Duration = Duration::from_secs(5);

/// The join form's width while it looks for hosts.
const LIST_WIDTH: f32 = 420.0;

#[derive(Default)]
pub struct Discovery {
    /// Where to announce and look: the local network, or this machine only (tests).
    pub scope: Scope,
    /// Looking, while the Join form is shown.
    browser: Option<Browser>,
    /// While hosting: the announcement, or why there is none.
    announced: Option<Result<Announced, String>>,
    /// A new title of the hosted map and since when it reads so: it is announced once it has
    /// settled, not at every keystroke.
    retitled: Option<(String, Instant)>,
}

/// The session as announced: what it said, to say it again under a new title.
struct Announced {
    _advertisement: Advertisement,
    title: String,
    name: String,
    port: u16,
}

/// How long a new title must stay unchanged before the session is announced under it.
const SETTLE: Duration = Duration::from_secs(1);

impl Discovery {
    /// Announces a session just hosted. A failure leaves hosting as it is: it is logged and
    /// the host's window says discovery is off.
    pub fn announce(&mut self, title: &str, name: &str, port: u16) {
        // The old announcement says goodbye first.
        self.announced = None;
        let announced = Advertisement::start(self.scope, title, name, port)
            .map(|advertisement| Announced {
                _advertisement: advertisement,
                title: title.to_owned(),
                name: name.to_owned(),
                port,
            })
            .map_err(|e| {
                log::warn!("the session is not announced on the network: {e}");
                e.to_string()
            });
        self.announced = Some(announced);
    }

    /// Call every frame with the hosted map's title, None when not hosting: says goodbye on the
    /// network when the session has ended, and announces it again when the map is renamed.
    pub fn hosting(&mut self, ctx: &egui::Context, title: Option<&str>) {
        let Some(title) = title else {
            self.announced = None;
            self.retitled = None;
            return;
        };
        let Some(Ok(announced)) = &self.announced else {
            return;
        };
        if announced.title == title {
            self.retitled = None;
            return;
        }
        match &self.retitled {
            Some((typed, since)) if typed == title && since.elapsed() >= SETTLE => {
                let (name, port) = (announced.name.clone(), announced.port);
                self.retitled = None;
                self.announce(title, &name, port);
            }
            Some((typed, _)) if typed == title => {}
            _ => {
                self.retitled = Some((title.to_owned(), Instant::now()));
                ctx.request_repaint_after(SETTLE);
            }
        }
    }

    /// Looks for hosts while `shown` (the Join form is on screen); stops the daemon otherwise.
    pub fn look(&mut self, ctx: &egui::Context, shown: bool) {
        if !shown {
            self.browser = None;
        } else if self.browser.is_none() {
            let ctx = ctx.clone();
            self.browser = Some(Browser::start(self.scope, move || ctx.request_repaint()));
        }
    }

    /// The hosts found, each a button that puts its address in the form; the address clicked.
    pub fn found_ui(&self, ui: &mut egui::Ui, address: &str) -> Option<String> {
        let browser = self.browser.as_ref()?;
        ui.add_space(6.0);
        // Room for a usual title with its host and address on one line, and the same width
        // whatever is found, so that the window does not jump.
        ui.set_min_width(LIST_WIDTH);
        ui.label(egui::RichText::new("Found on this network").strong());
        let hosts = browser.hosts();
        let mut picked = None;
        if hosts.is_empty() {
            nothing_found_ui(ui, browser);
        }
        let width = ui.available_width();
        for host in hosts {
            // One line each: a long title is cut (the hover shows it whole), the host stays.
            let mut text = egui::Atoms::new(egui::RichText::new(&host.title).atom_shrink(true));
            if !host.host.is_empty() {
                text.push_right(egui::RichText::new(format!("· {}", host.host)).weak());
            }
            let button = egui::Button::selectable(host.address == address, text)
                .right_text(egui::RichText::new(&host.address).monospace().weak())
                .truncate()
                .min_size(egui::vec2(width, 0.0));
            if ui
                .add(button)
                .on_hover_text(format!("{}: click to fill in the address", title_of(&host)))
                .clicked()
            {
                picked = Some(host.address);
            }
        }
        ui.add_space(6.0);
        picked
    }

    /// Under the address and code the host gives out: whether others can find the session.
    pub fn announced_ui(&self, ui: &mut egui::Ui) {
        match &self.announced {
            Some(Ok(_)) => {
                ui.weak("Listed under Join on this network.");
            }
            Some(Err(why)) => {
                ui.weak("Discovery is off: give out the address.")
                    .on_hover_text(why);
            }
            None => {}
        }
    }
}

/// "Onboarding, hosted by Ana".
fn title_of(host: &FoundHost) -> String {
    if host.host.is_empty() {
        host.title.clone()
    } else {
        format!("{}, hosted by {}", host.title, host.host)
    }
}

fn nothing_found_ui(ui: &mut egui::Ui, browser: &Browser) {
    if let Some(why) = browser.failure() {
        ui.weak("No hosts found by discovery on this network: type the address.")
            .on_hover_text(why);
        return;
    }
    if browser.looked_for() < PATIENCE {
        // The spinner repaints, so the line changes when patience runs out.
        ui.horizontal(|ui| {
            spinner(ui);
            ui.weak("Looking for maps on this network…");
        });
    } else {
        ui.weak("None found. Many venue networks block this: type the address.");
    }
}

/// A small turning arc. Not egui's spinner, which asks for a repaint every frame: this one
/// turns at a calm frame rate (and so lets a test harness see the window settle).
fn spinner(ui: &mut egui::Ui) {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::new(egui::accesskit::Role::ProgressIndicator));
    let start = ui.input(|i| i.time) * std::f64::consts::TAU * 0.75;
    let points: Vec<egui::Pos2> = (0..=16)
        .map(|i| {
            let angle = start + f64::from(i) / 16.0 * 240f64.to_radians();
            let (sin, cos) = angle.sin_cos();
            rect.center() + (size * 0.5 - 2.0) * egui::vec2(cos as f32, sin as f32)
        })
        .collect();
    let colour = ui.visuals().weak_text_color();
    ui.painter()
        .add(egui::Shape::line(points, egui::Stroke::new(2.0, colour)));
    ui.ctx().request_repaint_after(Duration::from_millis(40));
}
