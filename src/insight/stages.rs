//! What each stage's rows show, derived from the cards in one pass. Nothing here is stored: the
//! rows are recomputed from the cards on every change, so they can never disagree with them.

use crate::model::{Channel, Emotion, Journey, PersonaId, Target, TouchpointId};
use std::collections::HashMap;

/// One line of a pain-point or opportunity cell: a card's text with where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Line<'j> {
    pub touchpoint: TouchpointId,
    pub persona: PersonaId,
    pub text: &'j str,
    pub votes: u32,
    pub emotion: Option<Emotion>,
}

/// A metric over one stage's cards: their mean value and how many carry it.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricMean<'j> {
    /// As first written in the journey (names match whatever their case).
    pub name: &'j str,
    pub unit: &'j str,
    pub mean: f64,
    pub n: usize,
    pub target: Option<&'j Target>,
}

impl MetricMean<'_> {
    pub fn misses_target(&self) -> bool {
        self.target.is_some_and(|t| t.missed_by(self.mean))
    }
}

/// An owner involved in a stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerCount<'j> {
    pub owner: &'j str,
    pub cards: usize,
    pub pain_points: usize,
}

/// A channel used in a stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelCount<'j> {
    pub channel: &'j Channel,
    pub cards: usize,
}

/// Everything the derived rows show for one stage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StageSummary<'j> {
    /// The stage's column.
    pub column: usize,
    /// Most votes first, then the worst emotion, then map order.
    pub pain_points: Vec<Line<'j>>,
    pub opportunities: Vec<Line<'j>>,
    /// In the order the metric names first appear in the journey.
    pub metrics: Vec<MetricMean<'j>>,
    /// Most cards first.
    pub owners: Vec<OwnerCount<'j>>,
    /// Most cards first.
    pub channels: Vec<ChannelCount<'j>>,
    pub digital: usize,
    pub physical: usize,
    /// Each persona's mean emotion in the stage, in lane order (None: no card has one).
    pub emotions: Vec<Option<f32>>,
    /// The stage's mean emotion over all its cards that have one.
    pub mean_emotion: Option<f32>,
}

/// The summaries of every stage, in column order.
pub fn summarise(journey: &Journey) -> Vec<StageSummary<'_>> {
    let column: HashMap<_, _> = journey
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let lane: HashMap<_, _> = journey
        .personas
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    // Metric names in first-seen order, matched whatever their case.
    let mut metric_names: Vec<(String, &str, &str)> = Vec::new();
    let mut summaries = vec![StageSummary::default(); journey.stages.len()];
    // Per stage: sum and count per metric name, per persona emotion sums.
    let mut metric_sums = vec![Vec::<(f64, usize)>::new(); journey.stages.len()];
    let mut emotion_sums = vec![vec![(0i32, 0usize); journey.personas.len()]; journey.stages.len()];
    for t in &journey.touchpoints {
        let Some(&c) = column.get(&t.stage) else {
            continue;
        };
        let s = &mut summaries[c];
        let line = |text| Line {
            touchpoint: t.id,
            persona: t.persona,
            text,
            votes: t.votes,
            emotion: t.emotion,
        };
        if let Some(pain) = &t.pain_point {
            s.pain_points.push(line(pain.as_str()));
        }
        if !t.opportunity.trim().is_empty() {
            s.opportunities.push(line(t.opportunity.as_str()));
        }
        let owner = t.owner.trim();
        if !owner.is_empty() {
            match s
                .owners
                .iter_mut()
                .find(|o| o.owner.eq_ignore_ascii_case(owner))
            {
                Some(o) => {
                    o.cards += 1;
                    o.pain_points += usize::from(t.pain_point.is_some());
                }
                None => s.owners.push(OwnerCount {
                    owner,
                    cards: 1,
                    pain_points: usize::from(t.pain_point.is_some()),
                }),
            }
        }
        if let Some(channel) = &t.channel {
            match s.channels.iter_mut().find(|ch| ch.channel == channel) {
                Some(ch) => ch.cards += 1,
                None => s.channels.push(ChannelCount { channel, cards: 1 }),
            }
            match channel.is_digital() {
                Some(true) => s.digital += 1,
                Some(false) => s.physical += 1,
                None => {}
            }
        }
        if let (Some(e), Some(&l)) = (t.emotion, lane.get(&t.persona)) {
            let sum = &mut emotion_sums[c][l];
            sum.0 += i32::from(e.0);
            sum.1 += 1;
        }
        for m in &t.metrics {
            let key = m.name.trim().to_lowercase();
            let index = match metric_names.iter().position(|(k, _, _)| *k == key) {
                Some(i) => i,
                None => {
                    metric_names.push((key, m.name.trim(), m.unit.as_str()));
                    metric_names.len() - 1
                }
            };
            let sums = &mut metric_sums[c];
            if sums.len() <= index {
                sums.resize(index + 1, (0.0, 0));
            }
            sums[index].0 += m.value;
            sums[index].1 += 1;
        }
    }
    for (c, s) in summaries.iter_mut().enumerate() {
        s.column = c;
        let by_priority = |a: &Line, b: &Line| {
            b.votes.cmp(&a.votes).then_with(|| {
                // No emotion sorts after any emotion.
                let e = |l: &Line| l.emotion.map_or(i8::MAX, |e| e.0);
                e(a).cmp(&e(b))
            })
        };
        s.pain_points.sort_by(by_priority);
        s.opportunities.sort_by(by_priority);
        s.owners.sort_by_key(|o| std::cmp::Reverse(o.cards));
        s.channels.sort_by_key(|c| std::cmp::Reverse(c.cards));
        s.metrics = metric_sums[c]
            .iter()
            .enumerate()
            .filter(|(_, (_, n))| *n > 0)
            .map(|(i, &(sum, n))| {
                let (_, name, unit) = metric_names[i];
                MetricMean {
                    name,
                    unit,
                    mean: sum / n as f64,
                    n,
                    target: journey.target(name),
                }
            })
            .collect();
        s.emotions = emotion_sums[c]
            .iter()
            .map(|&(sum, n)| (n > 0).then(|| sum as f32 / n as f32))
            .collect();
        let (sum, n) = emotion_sums[c]
            .iter()
            .fold((0, 0), |(s, n), &(a, b)| (s + a, n + b));
        s.mean_emotion = (n > 0).then(|| sum as f32 / n as f32);
    }
    summaries
}

/// The names of every metric in the journey, in first-seen order (for trends across stages).
pub fn metric_names(summaries: &[StageSummary<'_>]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for s in summaries {
        for m in &s.metrics {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(m.name)) {
                names.push(m.name.to_owned());
            }
        }
    }
    names
}

/// One metric's mean in every stage (None where no card carries it), for its trend.
pub fn trend(summaries: &[StageSummary<'_>], metric: &str) -> Vec<Option<f64>> {
    summaries
        .iter()
        .map(|s| {
            s.metrics
                .iter()
                .find(|m| m.name.eq_ignore_ascii_case(metric))
                .map(|m| m.mean)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Colour, Goal, Metric, Persona, Stage, StageId, Target, Touchpoint, TouchpointId,
    };

    fn card(id: u32, persona: u32, stage: u32) -> Touchpoint {
        Touchpoint::new(
            TouchpointId(id),
            PersonaId(persona),
            StageId(stage),
            &format!("Card {id}"),
        )
    }

    fn metric(name: &str, value: f64, unit: &str) -> Metric {
        Metric {
            name: name.into(),
            value,
            unit: unit.into(),
        }
    }

    /// Two personas, two stages, cards with pain points, votes, metrics and owners.
    fn journey() -> Journey {
        let mut j = Journey {
            personas: vec![
                Persona::new(PersonaId(1), "A", Colour::PALETTE[0]),
                Persona::new(PersonaId(2), "B", Colour::PALETTE[1]),
            ],
            stages: vec![Stage::new(StageId(1), "One"), Stage::new(StageId(2), "Two")],
            targets: vec![Target {
                metric: "CSAT".into(),
                goal: Goal::AtLeast(80.0),
            }],
            ..Journey::default()
        };
        let mut a = card(1, 1, 1);
        a.pain_point = Some("Slow".into());
        a.votes = 1;
        a.emotion = Some(Emotion(-1));
        a.owner = "Support".into();
        a.metrics = vec![metric("CSAT", 60.0, "%"), metric("NPS", 10.0, "")];
        a.channel = Some(Channel::PhoneCall);
        let mut b = card(2, 2, 1);
        b.pain_point = Some("Confusing".into());
        b.votes = 1;
        b.emotion = Some(Emotion(-2));
        b.owner = "support".into();
        b.metrics = vec![metric("csat", 70.0, "%")];
        let mut c = card(3, 1, 1);
        c.pain_point = Some("Expensive".into());
        c.votes = 4;
        c.opportunity = "Show prices early".into();
        c.owner = "Sales".into();
        c.emotion = Some(Emotion(1));
        let mut d = card(4, 1, 2);
        d.metrics = vec![metric("CSAT", 90.0, "%")];
        d.emotion = Some(Emotion(2));
        j.touchpoints = vec![a, b, c, d];
        j
    }

    #[test]
    fn pain_points_come_most_voted_first_then_worst_emotion() {
        let j = journey();
        let s = summarise(&j);
        let texts: Vec<&str> = s[0].pain_points.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["Expensive", "Confusing", "Slow"]);
        assert_eq!(s[0].pain_points[1].persona, PersonaId(2));
        assert!(s[1].pain_points.is_empty());
        assert_eq!(s[0].opportunities.len(), 1);
    }

    #[test]
    fn metrics_are_means_with_n_matched_whatever_the_case_and_checked_against_targets() {
        let j = journey();
        let s = summarise(&j);
        let csat = &s[0].metrics[0];
        assert_eq!((csat.name, csat.unit, csat.n), ("CSAT", "%", 2));
        assert!((csat.mean - 65.0).abs() < 1e-9);
        assert!(csat.misses_target());
        assert_eq!((s[0].metrics[1].name, s[0].metrics[1].n), ("NPS", 1));
        assert!(
            !s[0].metrics[1].misses_target(),
            "no target: nothing to miss"
        );
        assert!(!s[1].metrics[0].misses_target(), "90 meets ≥ 80");
        assert_eq!(metric_names(&s), ["CSAT", "NPS"]);
        assert_eq!(trend(&s, "csat"), [Some(65.0), Some(90.0)]);
        assert_eq!(trend(&s, "NPS"), [Some(10.0), None]);
    }

    #[test]
    fn owners_channels_and_emotions_are_counted_per_stage() {
        let j = journey();
        let s = summarise(&j);
        assert_eq!(
            s[0].owners,
            [
                OwnerCount {
                    owner: "Support",
                    cards: 2,
                    pain_points: 2
                },
                OwnerCount {
                    owner: "Sales",
                    cards: 1,
                    pain_points: 1
                }
            ]
        );
        assert_eq!(
            s[0].channels[0].cards, 1,
            "one card on the phone, two without a channel"
        );
        assert_eq!((s[0].digital, s[0].physical), (0, 1));
        assert_eq!(s[0].emotions, [Some(0.0), Some(-2.0)]);
        assert_eq!(s[1].emotions, [Some(2.0), None]);
        assert_eq!(s[0].mean_emotion, Some(-2.0 / 3.0));
    }
}
