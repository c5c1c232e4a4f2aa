use super::{Channel, PersonaId, StageId, TouchpointId};
use serde::{Deserialize, Serialize};

/// Whether the brand runs the interaction itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// The brand runs it in real time: a support call, a checkout.
    #[default]
    Direct,
    /// The brand does not run it: reviews, social mentions, word of mouth.
    Indirect,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Direct => "Direct",
            Kind::Indirect => "Indirect",
        }
    }
}

/// How the customer feels, from -2 (very negative) to +2 (very positive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Emotion(pub i8);

impl Emotion {
    pub const MIN: i8 = -2;
    pub const MAX: i8 = 2;
    /// The five points of the scale, worst first.
    pub const SCALE: [Emotion; 5] = [Emotion(-2), Emotion(-1), Emotion(0), Emotion(1), Emotion(2)];

    pub fn is_valid(self) -> bool {
        (Self::MIN..=Self::MAX).contains(&self.0)
    }

    pub fn label(self) -> &'static str {
        match self.0 {
            i8::MIN..=-2 => "Very negative",
            -1 => "Negative",
            0 => "Neutral",
            1 => "Positive",
            _ => "Very positive",
        }
    }
}

/// A measurement taken at a touchpoint, e.g. CSAT 72 %.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub name: String,
    pub value: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
}

/// One interaction between a persona and the business, at one stage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Touchpoint {
    pub id: TouchpointId,
    pub persona: PersonaId,
    pub stage: StageId,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Where it happens; None until the user picks one ("Not set"). The file holds the channel
    /// itself (`channel: Email`), as it always has, and leaves the field out when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare_option")]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion: Option<Emotion>,
    /// What goes wrong here; `None` when nothing does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain_point: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub opportunity: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<Metric>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub votes: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// An optional field written as its bare value (`channel: Email`, not `channel: Some(Email)`),
/// so files from before the channel could be unset read and write exactly as they did.
mod bare_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => v.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(deserializer).map(Some)
    }
}

impl Touchpoint {
    /// Whether the card's words contain `query` (already lower-cased): its title, notes,
    /// channel, owner, pain point, opportunity, metric names or tags.
    pub fn mentions(&self, query: &str) -> bool {
        let has = |text: &str| text.to_lowercase().contains(query);
        has(&self.title)
            || has(&self.notes)
            || self.channel.as_ref().is_some_and(|c| has(c.label()))
            || has(&self.owner)
            || self.pain_point.as_deref().is_some_and(has)
            || has(&self.opportunity)
            || self.metrics.iter().any(|m| has(&m.name))
            || self.tags.iter().any(|t| has(t))
    }

    pub fn new(id: TouchpointId, persona: PersonaId, stage: StageId, title: &str) -> Self {
        Self {
            id,
            persona,
            stage,
            title: title.to_owned(),
            ..Self::default()
        }
    }

    /// The title, or a placeholder for a card whose title is still empty.
    pub fn display_title(&self) -> &str {
        if self.title.trim().is_empty() {
            "Untitled touchpoint"
        } else {
            &self.title
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Journey;
    use std::path::Path;

    #[test]
    fn a_card_without_a_channel_leaves_the_field_out_and_one_with_a_channel_is_written_bare() {
        let mut journey = crate::templates::find("blank").unwrap().journey().unwrap();
        let (persona, stage) = (journey.personas[0].id, journey.stages[0].id);
        let mut emailed = Touchpoint::new(TouchpointId(1), persona, stage, "Gets an email");
        emailed.channel = Some(Channel::Email);
        let unset = Touchpoint::new(TouchpointId(2), persona, stage, "Something happens");
        journey.touchpoints = vec![emailed, unset];

        let text = crate::io::to_ron(&journey);
        assert_eq!(text.matches("channel:").count(), 1, "{text}");
        assert!(text.contains("channel: Email,"), "{text}");
        assert!(!text.contains("Some(") && !text.contains("None"), "{text}");
        let back: Journey = crate::io::from_ron(&text, Path::new("round.ron")).unwrap();
        assert_eq!(back, journey);
        assert_eq!(back.touchpoints[1].channel, None);
    }
}
