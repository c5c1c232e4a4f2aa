//! The story tools over the map: the lens and heat bar (which cards a question picks out, and
//! what colours them), and the journey health window. Both read the journey; neither edits it.

use crate::canvas::Canvas;
use crate::document::Document;
use crate::insight::{self, Heat, Lens};
use crate::model::{Channel, Journey, Kind};
use egui::{ComboBox, Ui};
use std::sync::Arc;

#[derive(Default)]
pub struct Story {
    /// The lens bar shows under the tool bar.
    pub lens_open: bool,
    pub lens: Lens,
    pub heat: Heat,
    pub health_open: bool,
    /// What the canvas marks were last worked out for: the history revision, lens and heat.
    marked: Option<(u64, Lens, Heat)>,
    /// Cards matching the lens, of all cards (None: no lens).
    pub matching: Option<(usize, usize)>,
    /// The health the window shows, and the history revision it was worked out for.
    health: Option<(u64, insight::Health)>,
}

impl Story {
    /// Hands the canvas the faded cards and the heat, when the journey, lens or heat changed.
    pub fn mark(&mut self, doc: &Document, canvas: &mut Canvas) {
        let revision = doc.history.revision();
        let current = self.marked.as_ref().is_some_and(|(r, lens, heat)| {
            *r == revision && *lens == self.lens && *heat == self.heat
        });
        if current {
            return;
        }
        let j = doc.journey();
        let faded = self.lens.faded(j);
        self.matching = (!self.lens.is_empty())
            .then(|| (j.touchpoints.len() - faded.len(), j.touchpoints.len()));
        canvas.faded = Arc::new(faded);
        canvas.heat = Arc::new(self.heat.values(j));
        self.marked = Some((revision, self.lens.clone(), self.heat.clone()));
    }

    /// Escape: a lens or heat in use is cleared first. Returns whether there was one.
    pub fn clear(&mut self) -> bool {
        let had = !self.lens.is_empty() || self.heat != Heat::Off;
        self.lens = Lens::default();
        self.heat = Heat::Off;
        had
    }

    /// The lens bar: one picker per filter, then heat.
    pub fn lens_bar(&mut self, ui: &mut Ui, j: &Journey) {
        ui.horizontal_wrapped(|ui| {
            ui.strong("Lens");
            let any = "Any";
            pick(
                ui,
                "Channel",
                &mut self.lens.channel,
                any,
                channels(j),
                |c| c.label().to_owned(),
            );
            pick(
                ui,
                "Owner",
                &mut self.lens.owner,
                any,
                owners(j),
                Clone::clone,
            );
            pick(
                ui,
                "Kind",
                &mut self.lens.kind,
                any,
                vec![Kind::Direct, Kind::Indirect],
                |k| k.label().to_owned(),
            );
            pick(
                ui,
                "Digital",
                &mut self.lens.digital,
                any,
                vec![true, false],
                |d| if *d { "Digital" } else { "Physical" }.to_owned(),
            );
            let personas: Vec<_> = j.personas.iter().map(|p| p.id).collect();
            pick(ui, "Persona", &mut self.lens.persona, any, personas, |id| {
                j.persona(*id).map_or(String::new(), |p| p.name.clone())
            });
            pick(ui, "Tag", &mut self.lens.tag, any, tags(j), Clone::clone);
            pick(
                ui,
                "Emotion",
                &mut self.lens.emotion_at_most,
                any,
                vec![-2, -1, 0, 1],
                |e| format!("{e:+} or below"),
            );
            ui.checkbox(&mut self.lens.pain_point, "Pain points");
            ui.checkbox(&mut self.lens.misses_target, "Misses a target");
            ui.separator();
            let caption = ui.strong("Heat").id;
            let mut heats = vec![Heat::Off, Heat::Emotion, Heat::Votes];
            heats.extend(insight::metric_names(j).into_iter().map(Heat::Metric));
            ComboBox::from_id_salt("heat")
                .width(88.0)
                .selected_text(self.heat.label().unwrap_or_else(|| "Off".into()))
                .show_ui(ui, |ui| {
                    for heat in heats {
                        let label = heat.label().unwrap_or_else(|| "Off".into());
                        ui.selectable_value(&mut self.heat, heat, label);
                    }
                })
                .response
                .labelled_by(caption);
            if self.heat != Heat::Off {
                heat_scale(ui);
            }
            if ui
                .button("Clear")
                .on_hover_text("Show every card plainly again (Escape)")
                .clicked()
            {
                self.clear();
            }
        });
    }

    /// The journey health window: what to fix first, per persona and per stage.
    pub fn health_window(&mut self, ctx: &egui::Context, doc: &Document) {
        if !self.health_open {
            return;
        }
        // Worked out again only after a change, not on every frame the window is open.
        let revision = doc.history.revision();
        if self.health.as_ref().is_none_or(|(r, _)| *r != revision) {
            self.health = Some((revision, insight::health(doc.journey())));
        }
        let Some((_, h)) = &self.health else {
            return;
        };
        let mut open = self.health_open;
        egui::Window::new("Journey health")
            .open(&mut open)
            .default_width(520.0)
            .vscroll(true)
            .show(ctx, |ui| {
                ui.heading("Fix first");
                if h.fix_first.is_empty() {
                    ui.label("No pain points.");
                }
                for p in h.fix_first.iter().take(10) {
                    ui.label(format!(
                        "{}. {} — {}, {} ({} votes)",
                        p.rank, p.pain_point, p.persona, p.stage, p.votes
                    ));
                }
                ui.separator();
                ui.heading("Personas");
                for p in &h.personas {
                    let lowest = p.lowest_stage.as_ref().map_or(String::new(), |(s, e)| {
                        format!(", lowest at {s} ({})", insight::health::emotion(Some(*e)))
                    });
                    ui.label(format!(
                        "{}: mean emotion {}{lowest}",
                        p.persona,
                        insight::health::emotion(p.mean_emotion)
                    ));
                }
                ui.separator();
                ui.heading("Stages");
                for s in &h.stages {
                    ui.label(format!(
                        "{}: {} pain points, mean emotion {}",
                        s.stage,
                        s.pain_points,
                        insight::health::emotion(s.mean_emotion)
                    ));
                    for m in s.metrics.iter().filter(|m| m.target.is_some()) {
                        let verdict = if m.misses_target { "misses" } else { "meets" };
                        ui.label(format!(
                            "    {} {} {verdict} {}",
                            m.metric,
                            crate::model::number(m.mean, &m.unit),
                            m.target.as_deref().unwrap_or_default()
                        ));
                    }
                }
                ui.separator();
                ui.label(
                    egui::RichText::new(
                        "journeymap report FILE --format md writes this for a wiki.",
                    )
                    .weak(),
                );
            });
        self.health_open = open;
    }
}

/// The heat's scale, as the cards are coloured: worst on the left, best on the right.
fn heat_scale(ui: &mut Ui) {
    let palette = crate::render::Palette::for_dark_mode(ui.visuals().dark_mode);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(96.0, 12.0), egui::Sense::hover());
    const STEPS: usize = 16;
    let w = rect.width() / STEPS as f32;
    for i in 0..STEPS {
        let cell = egui::Rect::from_min_size(
            rect.min + egui::vec2(w * i as f32, 0.0),
            egui::vec2(w + 0.5, rect.height()),
        );
        let t = i as f32 / (STEPS - 1) as f32;
        ui.painter().rect_filled(cell, 0.0, palette.heat(t));
    }
    ui.label(egui::RichText::new("worst → best").weak());
}

/// A drop-down for one filter: "Any", then every value.
fn pick<T: Clone + PartialEq>(
    ui: &mut Ui,
    name: &str,
    value: &mut Option<T>,
    any: &str,
    choices: Vec<T>,
    label: impl Fn(&T) -> String,
) {
    let caption = ui.label(name).id;
    ComboBox::from_id_salt(name)
        .width(88.0)
        .selected_text(value.as_ref().map_or(any.to_owned(), &label))
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, any);
            for choice in choices {
                let text = label(&choice);
                ui.selectable_value(value, Some(choice), text);
            }
        })
        .response
        .labelled_by(caption);
}

fn channels(j: &Journey) -> Vec<Channel> {
    let mut all: Vec<Channel> = Vec::new();
    for c in j.touchpoints.iter().filter_map(|t| t.channel.clone()) {
        if !all.contains(&c) {
            all.push(c);
        }
    }
    all
}

fn owners(j: &Journey) -> Vec<String> {
    distinct(j.touchpoints.iter().map(|t| t.owner.trim()))
}

fn tags(j: &Journey) -> Vec<String> {
    distinct(
        j.touchpoints
            .iter()
            .flat_map(|t| t.tags.iter().map(|s| s.trim())),
    )
}

/// The non-empty values, each once (whatever its case), in first-seen order.
fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for v in values.filter(|v| !v.is_empty()) {
        if !seen.iter().any(|s| s.eq_ignore_ascii_case(v)) {
            seen.push(v.to_owned());
        }
    }
    seen
}
