//! A journey as a spreadsheet Excel and LibreOffice open as they should: UTF-8 with a BOM,
//! CRLF, one row per card in map order (lane by lane, stage by stage, each cell top to bottom).

use super::BOM;
use super::columns::Column;
use crate::model::{Journey, Touchpoint};

pub fn to_csv(journey: &Journey) -> Vec<u8> {
    let cards = map_order(journey);
    let mut metrics: Vec<Column> = Vec::new();
    for m in cards.iter().flat_map(|t| &t.metrics) {
        let column = Column::Metric {
            name: m.name.clone(),
            unit: m.unit.clone(),
        };
        if !metrics.contains(&column) {
            metrics.push(column);
        }
    }
    let columns: Vec<Column> = Column::BEFORE_METRICS
        .into_iter()
        .chain(metrics)
        .chain(Column::AFTER_METRICS)
        .collect();

    let mut out = BOM.to_vec();
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(&mut out);
    let mut write = |record: Vec<String>| {
        // Writing to memory cannot fail.
        if let Err(e) = writer.write_record(&record) {
            log::error!("csv: {e}");
        }
    };
    write(columns.iter().map(Column::header).collect());
    for (persona, stage) in placeholders(journey, &cards) {
        let mut record = vec![String::new(); columns.len()];
        record[0] = persona;
        record[1] = stage;
        write(record);
    }
    for card in &cards {
        write(columns.iter().map(|c| cell(journey, card, c)).collect());
    }
    drop(writer);
    out
}

fn map_order(journey: &Journey) -> Vec<&Touchpoint> {
    let mut cards = Vec::with_capacity(journey.touchpoints.len());
    for p in &journey.personas {
        for s in &journey.stages {
            cards.extend(journey.cell(p.id, s.id));
        }
    }
    cards
}

/// Rows naming only a persona and a stage, ahead of the cards, when the cards alone would not
/// bring back every lane and column in its order (a lane without cards, a stage first used by
/// the second lane). Without them, nothing.
fn placeholders(journey: &Journey, cards: &[&Touchpoint]) -> Vec<(String, String)> {
    let mut personas = Vec::new();
    let mut stages = Vec::new();
    for t in cards {
        if !personas.contains(&t.persona) {
            personas.push(t.persona);
        }
        if !stages.contains(&t.stage) {
            stages.push(t.stage);
        }
    }
    let same = personas.iter().eq(journey.personas.iter().map(|p| &p.id))
        && stages.iter().eq(journey.stages.iter().map(|s| &s.id));
    if same {
        return Vec::new();
    }
    let rows = journey.personas.len().max(journey.stages.len());
    let name = |names: Vec<&String>, i: usize| names.get(i).map_or(String::new(), |n| (*n).clone());
    (0..rows)
        .map(|i| {
            (
                name(journey.personas.iter().map(|p| &p.name).collect(), i),
                name(journey.stages.iter().map(|s| &s.name).collect(), i),
            )
        })
        .collect()
}

fn cell(journey: &Journey, card: &Touchpoint, column: &Column) -> String {
    match column {
        Column::Persona => journey
            .persona(card.persona)
            .map_or(String::new(), |p| p.name.clone()),
        Column::Stage => journey
            .stage(card.stage)
            .map_or(String::new(), |s| s.name.clone()),
        Column::Title => card.title.clone(),
        Column::Channel => card
            .channel
            .as_ref()
            .map_or(String::new(), |c| c.label().to_owned()),
        Column::Kind => card.kind.label().to_owned(),
        Column::Emotion => card.emotion.map_or(String::new(), |e| e.0.to_string()),
        Column::PainPoint => card.pain_point.clone().unwrap_or_default(),
        Column::Opportunity => card.opportunity.clone(),
        Column::Owner => card.owner.clone(),
        Column::Votes => card.votes.to_string(),
        Column::Tags => card.tags.join(", "),
        Column::Notes => card.notes.clone(),
        Column::Metric { name, unit } => card
            .metrics
            .iter()
            .find(|m| m.name == *name && m.unit == *unit)
            .map_or(String::new(), |m| m.value.to_string()),
        Column::Unnamed => String::new(),
    }
}
