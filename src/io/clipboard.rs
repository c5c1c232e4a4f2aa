//! Cards on the clipboard as RON text, so they travel between windows and journeys.

use crate::model::Touchpoint;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
#[serde(rename = "JourneymapCards")]
struct Clip {
    cards: Vec<Touchpoint>,
}

pub fn to_text(cards: &[Touchpoint]) -> String {
    let clip = Clip {
        cards: cards.to_vec(),
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(true)
        .depth_limit(3);
    ron::Options::default()
        .to_string_pretty(&clip, config)
        .expect("cards always serialise")
}

/// The cards in clipboard text, or why there are none.
pub fn from_text(text: &str) -> Result<Vec<Touchpoint>, String> {
    if !text.trim_start().starts_with("JourneymapCards") {
        return Err("The clipboard holds no Journeymap cards".into());
    }
    let clip: Clip =
        ron::from_str(text).map_err(|e| format!("The cards on the clipboard are damaged ({e})"))?;
    if let Some(t) = clip
        .cards
        .iter()
        .find(|t| t.emotion.is_some_and(|e| !e.is_valid()))
    {
        return Err(format!(
            "Card \"{}\" on the clipboard has an emotion out of range",
            t.title
        ));
    }
    if let Some(t) = clip
        .cards
        .iter()
        .find(|t| t.metrics.iter().any(|m| !m.value.is_finite()))
    {
        return Err(format!(
            "Card \"{}\" on the clipboard has a metric that is not a number",
            t.title
        ));
    }
    Ok(clip.cards)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Emotion, PersonaId, StageId, TouchpointId};

    #[test]
    fn cards_survive_the_clipboard() {
        let mut t = Touchpoint::new(TouchpointId(4), PersonaId(1), StageId(2), "Checkout");
        t.emotion = Some(Emotion(-1));
        t.tags = vec!["web".into()];
        assert_eq!(from_text(&to_text(&[t.clone()])), Ok(vec![t]));
    }

    #[test]
    fn other_text_is_not_cards() {
        assert!(from_text("hello").is_err());
        assert!(from_text("JourneymapCards(cards: [(").is_err());
    }
}
