//! Pure derivations from a journey: what the stage rows show, and the journey's health. Nothing
//! here is stored or knows of the screen; everything is recomputed from the cards.

pub mod health;
pub mod lens;
pub mod stages;

pub use health::{Health, health};
pub use lens::{Heat, Lens, metric_names};
pub use stages::{StageSummary, summarise};
