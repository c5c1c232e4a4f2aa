//! Dot-voting rounds: what a room voted to fix first, kept with the map.

use super::TouchpointId;
use serde::{Deserialize, Serialize};

/// One finished round of dot voting: its name, when it was held, how it was set up, and the dots
/// each card received (cards without dots are left out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VotingRound {
    pub name: String,
    /// The day the results were revealed, YYYY-MM-DD.
    pub date: String,
    pub dots_per_voter: u32,
    pub voters: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<CardDots>,
}

/// The dots one card received in a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardDots {
    pub card: TouchpointId,
    pub dots: u32,
}

impl VotingRound {
    /// The cards by dots received, most first ("fix first"); ties keep map order.
    pub fn ranking(&self) -> Vec<CardDots> {
        let mut ranked = self.results.clone();
        ranked.sort_by_key(|r| std::cmp::Reverse(r.dots));
        ranked
    }

    /// All the dots the room had to place.
    pub fn dots_available(&self) -> u64 {
        u64::from(self.dots_per_voter) * u64::from(self.voters)
    }

    pub fn dots_placed(&self) -> u64 {
        self.results.iter().map(|r| u64::from(r.dots)).sum()
    }
}
