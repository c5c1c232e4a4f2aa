//! Comparing journeys: what changed between two versions (a diff, in the user's words), and a
//! three-way merge of two versions changed from one base. Pure: no files, no screen.

pub mod describe;
pub mod diff;
mod fields;
mod item;
pub mod merge;
mod metrics;
mod order;
pub mod picture;

pub use diff::{Change, Diff, ItemChange, apply, diff};
pub use fields::FieldChange;
pub use item::Item;
pub use merge::{Conflict, Merged, merge};

#[cfg(test)]
mod tests;
