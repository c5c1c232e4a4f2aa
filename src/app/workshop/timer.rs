//! The workshop's countdown: start, pause, a minute more, and a gentle sign when time is up.
//! It floats over the map in the window and when presenting, and is never part of an exported
//! image (the export paints the journey, not the window).

use crate::clock::{Clock, SteadyClock};
use crate::render::Palette;
use egui::{Align2, Color32, RichText, Ui};
use std::sync::Arc;

const DEFAULT_MINUTES: u32 = 5;
/// How long the sign at the end pulses before it stays still.
const SIGN_SECONDS: f64 = 6.0;

pub struct Timer {
    clock: Arc<dyn Clock>,
    /// The timer floats over the map.
    pub shown: bool,
    /// The countdown's length, in seconds.
    length: f64,
    /// Time run before the current start.
    run_before: f64,
    /// When the current run started, on the clock; None while paused or stopped.
    started: Option<f64>,
}

impl Default for Timer {
    fn default() -> Self {
        Self::with_clock(Arc::new(SteadyClock::default()))
    }
}

impl Timer {
    pub fn with_clock(clock: Arc<dyn Clock>) -> Self {
        Self {
            clock,
            shown: false,
            length: f64::from(DEFAULT_MINUTES * 60),
            run_before: 0.0,
            started: None,
        }
    }

    fn elapsed(&self) -> f64 {
        self.run_before + self.started.map_or(0.0, |s| self.clock.seconds() - s)
    }

    /// Seconds left, never below zero.
    pub fn remaining(&self) -> f64 {
        (self.length - self.elapsed()).max(0.0)
    }

    pub fn running(&self) -> bool {
        self.started.is_some() && !self.finished()
    }

    pub fn finished(&self) -> bool {
        self.elapsed() >= self.length
    }

    /// The time left as the room reads it: minutes and seconds, rounded up (a timer showing
    /// 00:00 has finished).
    pub fn text(&self) -> String {
        let left = self.remaining().ceil() as u64;
        format!("{:02}:{:02}", left / 60, left % 60)
    }

    /// Starts, pauses, or after the end starts the same length again.
    pub fn start_or_pause(&mut self) {
        self.shown = true;
        let now = self.clock.seconds();
        if self.finished() {
            self.run_before = 0.0;
            self.started = Some(now);
        } else if let Some(started) = self.started.take() {
            self.run_before += now - started;
        } else {
            self.started = Some(now);
        }
    }

    /// A minute more: also after the end, when the room needs it.
    pub fn add_minute(&mut self) {
        self.shown = true;
        if self.finished() {
            // Carry on from the end, not from a past that ran over.
            self.run_before = self.length;
            self.started = self.started.map(|_| self.clock.seconds());
        }
        self.length += 60.0;
    }

    pub fn reset(&mut self) {
        self.run_before = 0.0;
        self.started = None;
    }

    fn set_minutes(&mut self, minutes: u32) {
        self.length = f64::from(minutes.max(1) * 60);
        self.reset();
    }

    /// The timer's panel at the bottom right of `canvas`, larger when presenting.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        canvas: egui::Rect,
        presenting: bool,
        palette: &Palette,
    ) {
        if !self.shown {
            return;
        }
        if self.running() {
            // Wake for the next whole second on the display.
            let to_next = match self.remaining().fract() {
                f if f > 0.01 => f,
                _ => 1.0,
            };
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(to_next));
        }
        let finished = self.finished();
        let over_for = self.elapsed() - self.length;
        let pulsing = finished && self.started.is_some() && over_for < SIGN_SECONDS;
        if pulsing {
            ctx.request_repaint();
        }
        egui::Area::new(egui::Id::unique("workshop timer"))
            // The bottom corner: clear of the stage names the room reads along the top.
            .pivot(Align2::RIGHT_BOTTOM)
            .fixed_pos(canvas.right_bottom() + egui::vec2(-16.0, -16.0))
            .show(ctx, |ui| {
                // The sign: the frame glows in the accent colour, softly pulsing for a while.
                let glow = if pulsing {
                    0.5 + 0.5 * (over_for * std::f64::consts::TAU / 1.5).cos() as f32
                } else {
                    1.0
                };
                let stroke = if finished {
                    egui::Stroke::new(3.0, palette.accent.gamma_multiply(glow))
                } else {
                    ui.visuals().window_stroke
                };
                egui::Frame::window(ui.style())
                    .stroke(stroke)
                    .show(ui, |ui| {
                        self.contents(ui, presenting, finished, palette.accent);
                    });
            });
    }

    fn contents(&mut self, ui: &mut Ui, presenting: bool, finished: bool, accent: Color32) {
        let size = if presenting { 44.0 } else { 28.0 };
        ui.vertical_centered(|ui| {
            let time = RichText::new(self.text()).monospace().size(size).strong();
            ui.label(if finished { time.color(accent) } else { time });
            if finished {
                ui.label(RichText::new("Time's up").color(accent).strong());
            }
            ui.horizontal(|ui| {
                let start = if self.running() { "Pause" } else { "Start" };
                if ui.button(start).on_hover_text("T").clicked() {
                    self.start_or_pause();
                }
                if ui.button("+1 min").on_hover_text("Shift+T").clicked() {
                    self.add_minute();
                }
                if ui.button("Reset").clicked() {
                    self.reset();
                }
                if ui.button("✕").on_hover_text("Hide the timer").clicked() {
                    self.shown = false;
                }
            });
            if self.started.is_none() && self.run_before == 0.0 {
                let mut minutes = (self.length / 60.0).round() as u32;
                let set = ui
                    .add(
                        egui::DragValue::new(&mut minutes)
                            .range(1..=180)
                            .suffix(" min"),
                    )
                    .on_hover_text("The countdown's length");
                if set.changed() {
                    self.set_minutes(minutes);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    struct Steps(Mutex<f64>);

    impl Clock for Steps {
        fn seconds(&self) -> f64 {
            *self.0.lock().unwrap()
        }
    }

    #[test]
    fn counts_down_pauses_adds_a_minute_and_ends() {
        let clock = Arc::new(Steps(Mutex::new(100.0)));
        let set = |t: f64| *clock.0.lock().unwrap() = t;
        let mut timer = Timer::with_clock(clock.clone());
        assert_eq!(timer.text(), "05:00");
        timer.start_or_pause();
        set(130.5);
        assert_eq!(timer.text(), "04:30");
        timer.start_or_pause();
        set(1000.0);
        assert_eq!(timer.text(), "04:30", "paused");
        timer.add_minute();
        assert_eq!(timer.text(), "05:30");
        timer.start_or_pause();
        set(1330.0);
        assert!(timer.finished() && !timer.running());
        assert_eq!(timer.text(), "00:00");
        timer.add_minute();
        assert_eq!(timer.text(), "01:00", "a minute more after the end");
        assert!(timer.running());
    }
}
