//! What the diff and the merge need of each kind of listed item: its id, the group whose order
//! it is part of, and its fields.

use super::fields::{self, Fields};
use crate::io::excerpt;
use crate::model::{
    Persona, PersonaId, RowId, Stage, StageId, StageRow, Target, Touchpoint, TouchpointId,
    VotingRound,
};
use std::fmt::{self, Display};
use std::hash::Hash;

pub trait Item: Clone + PartialEq {
    type Id: Clone + Eq + Hash + Ord + Display;
    /// The items whose order means something together: a card's cell, or the whole list.
    type Group: Clone + Eq + Hash;
    /// What the user calls it: "persona", "card".
    const NOUN: &'static str;
    /// The fields that say where it is, reported as a move rather than a change.
    const PLACE_FIELDS: &'static [&'static str] = &[];
    fn key(&self) -> Self::Id;
    fn group(&self) -> Self::Group;
    fn name(&self) -> &str;
    /// The item as a list of changes or conflicts names it: `card 12 "Checkout"`.
    fn subject(&self) -> String {
        format!(
            "{} {} \"{}\"",
            Self::NOUN,
            self.key(),
            excerpt(self.name(), 60)
        )
    }
    /// Every field seen in three versions (see [`Fields`]).
    fn fields<F: Fields>(f: &mut F, base: &Self, ours: &Self, theirs: &Self) -> Self;
}

impl Item for Persona {
    type Id = PersonaId;
    type Group = ();
    const NOUN: &'static str = "persona";
    fn key(&self) -> PersonaId {
        self.id
    }
    fn group(&self) {}
    fn name(&self) -> &str {
        &self.name
    }
    fn fields<F: Fields>(f: &mut F, base: &Self, ours: &Self, theirs: &Self) -> Self {
        fields::persona(f, base, ours, theirs)
    }
}

impl Item for Stage {
    type Id = StageId;
    type Group = ();
    const NOUN: &'static str = "stage";
    fn key(&self) -> StageId {
        self.id
    }
    fn group(&self) {}
    fn name(&self) -> &str {
        &self.name
    }
    fn fields<F: Fields>(f: &mut F, base: &Self, ours: &Self, theirs: &Self) -> Self {
        fields::stage(f, base, ours, theirs)
    }
}

/// A card's order means something within its cell only.
impl Item for Touchpoint {
    type Id = TouchpointId;
    type Group = (PersonaId, StageId);
    const NOUN: &'static str = "card";
    const PLACE_FIELDS: &'static [&'static str] = &["persona", "stage"];
    fn key(&self) -> TouchpointId {
        self.id
    }
    fn group(&self) -> (PersonaId, StageId) {
        (self.persona, self.stage)
    }
    fn name(&self) -> &str {
        self.display_title()
    }
    fn fields<F: Fields>(f: &mut F, base: &Self, ours: &Self, theirs: &Self) -> Self {
        fields::touchpoint(f, base, ours, theirs)
    }
}

impl Item for StageRow {
    type Id = RowId;
    type Group = ();
    const NOUN: &'static str = "row";
    fn key(&self) -> RowId {
        self.id
    }
    fn group(&self) {}
    fn name(&self) -> &str {
        &self.name
    }
    fn fields<F: Fields>(f: &mut F, base: &Self, ours: &Self, theirs: &Self) -> Self {
        fields::row(f, base, ours, theirs)
    }
}

/// A target is known by its metric's name, whatever its case (one target per metric).
impl Item for Target {
    type Id = String;
    type Group = ();
    const NOUN: &'static str = "target";
    fn key(&self) -> String {
        self.metric.to_lowercase()
    }
    fn group(&self) {}
    fn name(&self) -> &str {
        &self.metric
    }
    fn fields<F: Fields>(f: &mut F, base: &Self, ours: &Self, theirs: &Self) -> Self {
        fields::target(f, base, ours, theirs)
    }
}

/// A voting round has no id: its name and the day it was held tell it apart.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoundKey {
    pub name: String,
    pub date: String,
}

impl Display for RoundKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" ({})", excerpt(&self.name, 60), self.date)
    }
}

impl Item for VotingRound {
    type Id = RoundKey;
    type Group = ();
    const NOUN: &'static str = "voting round";
    fn key(&self) -> RoundKey {
        RoundKey {
            name: self.name.clone(),
            date: self.date.clone(),
        }
    }
    fn group(&self) {}
    fn name(&self) -> &str {
        &self.name
    }
    /// `voting round "Fix first" (2026-11-30)`: its key is its name.
    fn subject(&self) -> String {
        format!("{} {}", Self::NOUN, self.key())
    }
    fn fields<F: Fields>(f: &mut F, base: &Self, ours: &Self, theirs: &Self) -> Self {
        fields::round(f, base, ours, theirs)
    }
}
