//! Journey health: the summary a team acts on. Per persona the mean emotion and its lowest stage;
//! per stage the pain points, mean emotion and metrics against their targets; and the pain
//! points to fix first, by votes and then by how bad the emotion is.

use super::stages::{StageSummary, summarise};
use crate::model::{Journey, number};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Health {
    pub title: String,
    pub personas: Vec<PersonaHealth>,
    pub stages: Vec<StageHealth>,
    pub fix_first: Vec<Priority>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PersonaHealth {
    pub persona: String,
    pub mean_emotion: Option<f32>,
    /// The stage where this persona feels worst, and its mean emotion there.
    pub lowest_stage: Option<(String, f32)>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageHealth {
    pub stage: String,
    pub pain_points: usize,
    pub mean_emotion: Option<f32>,
    pub metrics: Vec<MetricHealth>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetricHealth {
    pub metric: String,
    pub unit: String,
    pub mean: f64,
    pub n: usize,
    /// `≥ 80 %`, when the journey sets a target.
    pub target: Option<String>,
    pub misses_target: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Priority {
    pub rank: usize,
    pub touchpoint: String,
    pub persona: String,
    pub stage: String,
    pub pain_point: String,
    pub votes: u32,
    pub emotion: Option<i8>,
}

pub fn health(journey: &Journey) -> Health {
    let summaries = summarise(journey);
    Health {
        title: journey.title.clone(),
        personas: persona_health(journey, &summaries),
        stages: journey
            .stages
            .iter()
            .zip(&summaries)
            .map(|(stage, s)| StageHealth {
                stage: stage.name.clone(),
                pain_points: s.pain_points.len(),
                mean_emotion: s.mean_emotion,
                metrics: s
                    .metrics
                    .iter()
                    .map(|m| MetricHealth {
                        metric: m.name.to_owned(),
                        unit: m.unit.to_owned(),
                        mean: m.mean,
                        n: m.n,
                        target: m.target.map(|t| t.describe(m.unit)),
                        misses_target: m.misses_target(),
                    })
                    .collect(),
            })
            .collect(),
        fix_first: fix_first(journey, &summaries),
    }
}

fn persona_health(journey: &Journey, summaries: &[StageSummary<'_>]) -> Vec<PersonaHealth> {
    journey
        .personas
        .iter()
        .enumerate()
        .map(|(lane, p)| {
            let emotions: Vec<f32> = journey
                .touchpoints
                .iter()
                .filter(|t| t.persona == p.id)
                .filter_map(|t| t.emotion.map(|e| f32::from(e.0)))
                .collect();
            let lowest = journey
                .stages
                .iter()
                .zip(summaries)
                .filter_map(|(stage, s)| Some((stage.name.clone(), (*s.emotions.get(lane)?)?)))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            PersonaHealth {
                persona: p.name.clone(),
                mean_emotion: (!emotions.is_empty())
                    .then(|| emotions.iter().sum::<f32>() / emotions.len() as f32),
                lowest_stage: lowest,
            }
        })
        .collect()
}

/// Every pain point, most voted first, then the worst emotion, then map order.
fn fix_first(journey: &Journey, summaries: &[StageSummary<'_>]) -> Vec<Priority> {
    let mut lines: Vec<_> = journey
        .stages
        .iter()
        .zip(summaries)
        .flat_map(|(stage, s)| s.pain_points.iter().map(move |l| (stage, l)))
        .collect();
    let emotion = |e: Option<crate::model::Emotion>| e.map_or(i8::MAX, |e| e.0);
    lines.sort_by(|(_, a), (_, b)| {
        b.votes
            .cmp(&a.votes)
            .then_with(|| emotion(a.emotion).cmp(&emotion(b.emotion)))
    });
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (stage, l))| Priority {
            rank: i + 1,
            touchpoint: journey
                .touchpoint_index(l.touchpoint)
                .map(|i| journey.touchpoints[i].title.clone())
                .unwrap_or_default(),
            persona: journey
                .persona(l.persona)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            stage: stage.name.clone(),
            pain_point: l.text.to_owned(),
            votes: l.votes,
            emotion: l.emotion.map(|e| e.0),
        })
        .collect()
}

/// A mean emotion as the report prints it: signed, one decimal, never "-0.0".
pub fn emotion(mean: Option<f32>) -> String {
    match mean {
        None => "–".to_owned(),
        Some(m) => {
            let rounded = (m * 10.0).round() / 10.0;
            if rounded == 0.0 {
                "0.0".to_owned()
            } else {
                format!("{rounded:+.1}")
            }
        }
    }
}

/// The report in Markdown, to paste into a wiki.
pub fn markdown(h: &Health) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = format!("# Journey health: {}\n\n## Personas\n\n", cell(&h.title));
    out.push_str("| Persona | Mean emotion | Lowest stage |\n|---|---:|---|\n");
    for p in &h.personas {
        let lowest = p.lowest_stage.as_ref().map_or("–".to_owned(), |(s, e)| {
            format!("{} ({})", cell(s), emotion(Some(*e)))
        });
        out.push_str(&format!(
            "| {} | {} | {lowest} |\n",
            cell(&p.persona),
            emotion(p.mean_emotion)
        ));
    }
    out.push_str(
        "\n## Stages\n\n| Stage | Pain points | Mean emotion | Metrics |\n|---|---:|---:|---|\n",
    );
    for s in &h.stages {
        let metrics: Vec<String> = s
            .metrics
            .iter()
            .map(|m| {
                let mut text = format!(
                    "{} {} (n={})",
                    cell(&m.metric),
                    number(m.mean, &m.unit),
                    m.n
                );
                if let Some(target) = &m.target {
                    let verdict = if m.misses_target { "misses" } else { "meets" };
                    text.push_str(&format!(", {verdict} {target}"));
                }
                text
            })
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            cell(&s.stage),
            s.pain_points,
            emotion(s.mean_emotion),
            if metrics.is_empty() {
                "–".to_owned()
            } else {
                metrics.join("; ")
            }
        ));
    }
    out.push_str("\n## Fix first\n\n");
    if h.fix_first.is_empty() {
        out.push_str("No pain points.\n");
    }
    for p in &h.fix_first {
        out.push_str(&format!(
            "{}. **{}** ({}, {}): {} ({} votes, emotion {})\n",
            p.rank,
            cell(&p.pain_point),
            cell(&p.persona),
            cell(&p.stage),
            cell(&p.touchpoint),
            p.votes,
            match p.emotion {
                None => "–".to_owned(),
                Some(0) => "0".to_owned(),
                Some(e) => format!("{e:+}"),
            }
        ));
    }
    out
}

/// The report as one long table (section, persona, stage, measure, value): it pastes into a
/// spreadsheet and pivots there.
pub fn csv(h: &Health) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut row = |fields: [&str; 5]| {
        // Writing to memory cannot fail.
        let _ = w.write_record(fields);
    };
    row(["section", "persona", "stage", "measure", "value"]);
    for p in &h.personas {
        row([
            "persona",
            &p.persona,
            "",
            "mean emotion",
            &emotion(p.mean_emotion),
        ]);
        if let Some((stage, e)) = &p.lowest_stage {
            row([
                "persona",
                &p.persona,
                stage,
                "lowest stage",
                &emotion(Some(*e)),
            ]);
        }
    }
    for s in &h.stages {
        row([
            "stage",
            "",
            &s.stage,
            "pain points",
            &s.pain_points.to_string(),
        ]);
        row([
            "stage",
            "",
            &s.stage,
            "mean emotion",
            &emotion(s.mean_emotion),
        ]);
        for m in &s.metrics {
            row(["stage", "", &s.stage, &m.metric, &number(m.mean, &m.unit)]);
            if let Some(target) = &m.target {
                let verdict = if m.misses_target { "misses" } else { "meets" };
                row([
                    "stage",
                    "",
                    &s.stage,
                    &format!("{} target", m.metric),
                    &format!("{verdict} {target}"),
                ]);
            }
        }
    }
    for p in &h.fix_first {
        row([
            "fix first",
            &p.persona,
            &p.stage,
            &p.pain_point,
            &format!("{} votes", p.votes),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The report as JSON, for scripts.
pub fn json(h: &Health) -> String {
    serde_json::to_string_pretty(h).unwrap_or_default() + "\n"
}
