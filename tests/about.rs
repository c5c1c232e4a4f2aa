//! Help ▸ About: the version, the licence, and where settings and recovery files live.

mod common;

use common::harness;
use egui_kittest::kittest::{By, Queryable};
use journeymap::templates;

#[test]
fn help_about_shows_the_version_licence_and_folders() {
    let mut h = harness(templates::sample());
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About Journeymap").click();
    h.run();
    h.get(By::new().label_contains(&format!("version {}", env!("CARGO_PKG_VERSION"))));
    h.get(By::new().label_contains("MIT OR Apache-2.0"));
    h.get_by_label("Settings");
    h.get_by_label("Recovery files");
}
