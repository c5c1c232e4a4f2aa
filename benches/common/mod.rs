//! What the benchmarks share: journeys of the sizes users hit.

use journeymap::model::{Journey, Touchpoint, TouchpointId};

/// The ecommerce template's personas and stages with `n` cards made from its cards.
pub fn journey(n: usize) -> Journey {
    let mut j = journeymap::templates::find("ecommerce")
        .and_then(|t| t.journey().ok())
        .expect("the ecommerce template");
    let cards = std::mem::take(&mut j.touchpoints);
    j.touchpoints = (0..n)
        .map(|i| Touchpoint {
            id: TouchpointId(i as u32 + 1),
            title: format!("{} ({i})", cards[i % cards.len()].title),
            ..cards[i % cards.len()].clone()
        })
        .collect();
    j
}
