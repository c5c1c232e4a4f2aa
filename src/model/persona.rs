use super::{Colour, PersonaId, StageId};
use serde::{Deserialize, Serialize};

/// A customer segment; one swimlane of the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Persona {
    pub id: PersonaId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub goals: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub frustrations: String,
    #[serde(default = "default_colour")]
    pub colour: Colour,
}

fn default_colour() -> Colour {
    Colour::PALETTE[0]
}

impl Persona {
    pub fn new(id: PersonaId, name: &str, colour: Colour) -> Self {
        Self {
            id,
            name: name.to_owned(),
            description: String::new(),
            goals: String::new(),
            frustrations: String::new(),
            colour,
        }
    }
}

/// A phase of the relationship; one column of the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub id: StageId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The column's width in points, when the user has set one (dragging the header's edge).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f32>,
}

impl Stage {
    /// Column widths a user can set: room for a card's title at the narrow end, a third of a
    /// projector's width at the wide one.
    pub const WIDTHS: std::ops::RangeInclusive<f32> = 160.0..=640.0;

    pub fn new(id: StageId, name: &str) -> Self {
        Self {
            id,
            name: name.to_owned(),
            description: String::new(),
            width: None,
        }
    }
}
