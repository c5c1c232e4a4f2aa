//! The table's columns: a touchpoint field each, what a cell shows, how it sorts, and how typed
//! text becomes the field's new value.

use crate::io::csv::cells;
use crate::model::{Emotion, Journey, Metric, Touchpoint};
use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Persona,
    Stage,
    Title,
    Channel,
    Kind,
    Emotion,
    PainPoint,
    Opportunity,
    Owner,
    /// One column per metric name in the journey.
    Metric(String),
    Votes,
    Tags,
    Notes,
}

/// The fields several selected rows can be set to at once.
pub const BULK: [Field; 7] = [
    Field::Channel,
    Field::Owner,
    Field::Kind,
    Field::Emotion,
    Field::Persona,
    Field::Stage,
    Field::Tags,
];

impl Field {
    /// Every column of `journey`, in the order of the CSV export.
    pub fn all(journey: &Journey) -> Vec<Field> {
        let mut fields = vec![
            Field::Persona,
            Field::Stage,
            Field::Title,
            Field::Channel,
            Field::Kind,
            Field::Emotion,
            Field::PainPoint,
            Field::Opportunity,
            Field::Owner,
        ];
        for m in journey.touchpoints.iter().flat_map(|t| &t.metrics) {
            let field = Field::Metric(m.name.clone());
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
        fields.extend([Field::Votes, Field::Tags, Field::Notes]);
        fields
    }

    pub fn name(&self) -> &str {
        match self {
            Field::Persona => "Persona",
            Field::Stage => "Stage",
            Field::Title => "Title",
            Field::Channel => "Channel",
            Field::Kind => "Kind",
            Field::Emotion => "Emotion",
            Field::PainPoint => "Pain point",
            Field::Opportunity => "Opportunity",
            Field::Owner => "Owner",
            Field::Metric(name) => name,
            Field::Votes => "Votes",
            Field::Tags => "Tags",
            Field::Notes => "Notes",
        }
    }

    /// A starting width in points: room for what the column usually holds.
    pub fn width(&self) -> f32 {
        match self {
            Field::Title | Field::PainPoint | Field::Opportunity | Field::Notes => 200.0,
            Field::Persona | Field::Stage | Field::Channel | Field::Owner | Field::Tags => 120.0,
            _ => 70.0,
        }
    }

    /// What the cell shows (and what editing starts from).
    pub fn text(&self, j: &Journey, t: &Touchpoint) -> String {
        match self {
            Field::Persona => j.persona(t.persona).map_or("", |p| &p.name).to_owned(),
            Field::Stage => j.stage(t.stage).map_or("", |s| &s.name).to_owned(),
            Field::Title => t.title.clone(),
            Field::Channel => t.channel.as_ref().map_or("", |c| c.label()).to_owned(),
            Field::Kind => t.kind.label().to_owned(),
            Field::Emotion => t.emotion.map_or(String::new(), |e| match e.0 {
                0 => "0".to_owned(),
                n => format!("{n:+}"),
            }),
            Field::PainPoint => t.pain_point.clone().unwrap_or_default(),
            Field::Opportunity => t.opportunity.clone(),
            Field::Owner => t.owner.clone(),
            Field::Metric(name) => metric(t, name).map_or(String::new(), |m| m.value.to_string()),
            Field::Votes => t.votes.to_string(),
            Field::Tags => t.tags.join(", "),
            Field::Notes => t.notes.clone(),
        }
    }

    /// Orders two cards by this field: lanes and stages in map order, numbers as numbers, text
    /// whatever its case; empty cells last.
    pub fn compare(&self, j: &Journey, a: &Touchpoint, b: &Touchpoint) -> Ordering {
        let number = |t: &Touchpoint| -> Option<f64> {
            match self {
                Field::Persona => j.persona_index(t.persona).map(|i| i as f64),
                Field::Stage => j.stage_index(t.stage).map(|i| i as f64),
                Field::Emotion => t.emotion.map(|e| f64::from(e.0)),
                Field::Votes => Some(f64::from(t.votes)),
                Field::Metric(name) => metric(t, name).map(|m| m.value),
                _ => None,
            }
        };
        match (number(a), number(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => {
                let (x, y) = (self.text(j, a), self.text(j, b));
                match (x.is_empty(), y.is_empty()) {
                    (false, true) => Ordering::Less,
                    (true, false) => Ordering::Greater,
                    _ => x.to_lowercase().cmp(&y.to_lowercase()),
                }
            }
        }
    }

    /// The card with this field set from typed text, or what was expected.
    pub fn set(&self, j: &Journey, t: &Touchpoint, text: &str) -> Result<Touchpoint, String> {
        let mut t = t.clone();
        let trimmed = text.trim();
        match self {
            Field::Persona => {
                t.persona = j
                    .personas
                    .iter()
                    .find(|p| p.name.trim().eq_ignore_ascii_case(trimmed))
                    .ok_or_else(|| format!("No persona is named \"{trimmed}\""))?
                    .id;
            }
            Field::Stage => {
                t.stage = j
                    .stages
                    .iter()
                    .find(|s| s.name.trim().eq_ignore_ascii_case(trimmed))
                    .ok_or_else(|| format!("No stage is named \"{trimmed}\""))?
                    .id;
            }
            Field::Title => t.title = text.to_owned(),
            Field::Channel => t.channel = cells::channel(text),
            Field::Kind => t.kind = cells::kind(text)?,
            Field::Emotion if trimmed.is_empty() => t.emotion = None,
            Field::Emotion => {
                t.emotion = Some(
                    cells::whole_number(trimmed)
                        .filter(|n| (-2..=2).contains(n))
                        .map(|n| Emotion(n as i8))
                        .ok_or("Expected an emotion from -2 to 2")?,
                );
            }
            Field::PainPoint => t.pain_point = (!trimmed.is_empty()).then(|| text.to_owned()),
            Field::Opportunity => t.opportunity = text.to_owned(),
            Field::Owner => t.owner = text.to_owned(),
            Field::Metric(name) => {
                let at = t.metrics.iter().position(|m| m.name == *name);
                match (cells::number(trimmed), at) {
                    (_, Some(i)) if trimmed.is_empty() => {
                        t.metrics.remove(i);
                    }
                    (None, _) if trimmed.is_empty() => {}
                    (None, _) => return Err(format!("Expected a number for {name}")),
                    (Some(value), Some(i)) => t.metrics[i].value = value,
                    (Some(value), None) => t.metrics.push(Metric {
                        name: name.clone(),
                        value,
                        unit: String::new(),
                    }),
                }
            }
            Field::Votes => t.votes = cells::votes(text)?,
            Field::Tags => t.tags = cells::tags(text),
            Field::Notes => t.notes = text.to_owned(),
        }
        Ok(t)
    }
}

fn metric<'a>(t: &'a Touchpoint, name: &str) -> Option<&'a Metric> {
    t.metrics.iter().find(|m| m.name == name)
}
