//! The journey model: what a map is, independent of files and screens.

mod channel;
mod colour;
mod ids;
mod journey;
mod persona;
mod round;
mod row;
mod touchpoint;

pub use channel::Channel;
pub use colour::Colour;
pub use ids::{PersonaId, StageId, TouchpointId};
pub use journey::{FORMAT_VERSION, Item, Journey, Summary, Violation};
pub use persona::{Persona, Stage};
pub use round::{CardDots, VotingRound};
pub use row::{Goal, RowCell, RowId, RowKind, StageRow, Target, number};
pub use touchpoint::{Emotion, Kind, Metric, Touchpoint};
