//! What the UI tests share: the real app in a headless harness, and reading its journey.
// Each test binary uses a part of this.
#![allow(dead_code)]

pub mod ops;

use egui::{Event, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use journeymap::app::AppState;
use journeymap::model::Journey;

/// The app on `journey`, in a window of `size`, after its first frames.
pub fn harness_sized(journey: Journey, size: egui::Vec2) -> Harness<'static, AppState> {
    harness_of(AppState::new(journey, None), size)
}

/// `app` in a window of `size`, after its first frames.
pub fn harness_of(app: AppState, size: egui::Vec2) -> Harness<'static, AppState> {
    let mut h = Harness::builder()
        .with_size(size)
        // Real frame times, so that two clicks can make a double-click.
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(120)
        .with_context_setup(journeymap::app::setup_context)
        .build_ui_state(|ui, app: &mut AppState| app.ui(ui), app);
    h.run();
    h
}

pub fn harness(journey: Journey) -> Harness<'static, AppState> {
    harness_sized(journey, vec2(1400.0, 900.0))
}

/// The journey as the app holds it now.
pub fn journey(h: &Harness<'_, AppState>) -> Journey {
    h.state().doc.journey().clone()
}

/// Press, move in steps, release: a real pointer drag.
pub fn drag(h: &mut Harness<'_, AppState>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for i in 1..=6 {
        h.hover_at(from.lerp(to, i as f32 / 6.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

/// The primary button pressed and released at `p`, in one frame's events.
fn press_and_release(h: &mut Harness<'_, AppState>, p: Pos2) {
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
}

/// One click at `p`, the pointer there before it.
pub fn click_at(h: &mut Harness<'_, AppState>, p: Pos2) {
    h.hover_at(p);
    h.run();
    press_and_release(h, p);
    h.run();
}

/// Two clicks at `p`, quick enough to be a double-click.
pub fn double_click_at(h: &mut Harness<'_, AppState>, p: Pos2) {
    h.hover_at(p);
    h.run();
    for _ in 0..2 {
        press_and_release(h, p);
        h.step();
    }
    h.run();
}
