//! Lenses and heat: which cards a question picks out, and a value per card to colour them by.
//! A lens combines filters (every set one must match); the cards that do not match are faded.

use crate::model::{Channel, Goal, Journey, Kind, PersonaId, Touchpoint, TouchpointId};
use std::collections::{HashMap, HashSet};

/// Filters on cards; `None` or `false` means "any".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lens {
    pub channel: Option<Channel>,
    /// Matched whatever its case.
    pub owner: Option<String>,
    pub kind: Option<Kind>,
    /// Digital (true) or physical (false) channels.
    pub digital: Option<bool>,
    pub persona: Option<PersonaId>,
    /// Matched whatever its case.
    pub tag: Option<String>,
    pub pain_point: bool,
    /// Cards whose emotion is at or below this level.
    pub emotion_at_most: Option<i8>,
    /// Cards with a metric that misses the journey's target for it.
    pub misses_target: bool,
}

impl Lens {
    pub fn is_empty(&self) -> bool {
        *self == Lens::default()
    }

    pub fn matches(&self, j: &Journey, t: &Touchpoint) -> bool {
        let same = |a: &str, b: &Option<String>| {
            b.as_ref().is_none_or(|b| a.eq_ignore_ascii_case(b.trim()))
        };
        self.channel
            .as_ref()
            .is_none_or(|c| t.channel.as_ref() == Some(c))
            && same(t.owner.trim(), &self.owner)
            && self.kind.is_none_or(|k| t.kind == k)
            && self
                .digital
                .is_none_or(|d| t.channel.as_ref().and_then(Channel::is_digital) == Some(d))
            && self.persona.is_none_or(|p| t.persona == p)
            && self
                .tag
                .as_ref()
                .is_none_or(|tag| t.tags.iter().any(|x| x.eq_ignore_ascii_case(tag.trim())))
            && (!self.pain_point || t.pain_point.is_some())
            && self
                .emotion_at_most
                .is_none_or(|level| t.emotion.is_some_and(|e| e.0 <= level))
            && (!self.misses_target
                || t.metrics.iter().any(|m| {
                    j.target(&m.name)
                        .is_some_and(|target| target.missed_by(m.value))
                }))
    }

    /// The cards that do not match, to be faded.
    pub fn faded(&self, j: &Journey) -> HashSet<TouchpointId> {
        if self.is_empty() {
            return HashSet::new();
        }
        j.touchpoints
            .iter()
            .filter(|t| !self.matches(j, t))
            .map(|t| t.id)
            .collect()
    }

    /// Reads a lens as typed on the command line: comma-separated filters such as
    /// `channel=email,owner=Support,pain,emotion<=-1,digital,misses-target,persona=Busy parent`.
    pub fn parse(text: &str, j: &Journey) -> Result<Lens, String> {
        let mut lens = Lens::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = match part.split_once("<=").or_else(|| part.split_once('=')) {
                Some((k, v)) => (k.trim().to_lowercase(), Some(v.trim())),
                None => (part.to_lowercase(), None),
            };
            match (key.as_str(), value) {
                ("pain" | "pain-point" | "pain point", None) => lens.pain_point = true,
                ("misses-target" | "missed-target", None) => lens.misses_target = true,
                ("digital", None) => lens.digital = Some(true),
                ("physical", None) => lens.digital = Some(false),
                ("direct", None) => lens.kind = Some(Kind::Direct),
                ("indirect", None) => lens.kind = Some(Kind::Indirect),
                ("owner", Some(v)) => lens.owner = Some(v.to_owned()),
                ("tag", Some(v)) => lens.tag = Some(v.to_owned()),
                ("channel", Some(v)) => {
                    lens.channel = Some(
                        Channel::NAMED
                            .iter()
                            .find(|c| {
                                c.label().eq_ignore_ascii_case(v)
                                    || format!("{c:?}").eq_ignore_ascii_case(v)
                            })
                            .cloned()
                            .unwrap_or_else(|| Channel::Other(v.to_owned())),
                    );
                }
                ("persona", Some(v)) => {
                    let persona = j.personas.iter().find(|p| p.name.eq_ignore_ascii_case(v));
                    lens.persona = Some(persona.map(|p| p.id).ok_or_else(|| {
                        format!("no persona named \"{}\"", crate::io::excerpt(v, 60))
                    })?);
                }
                ("emotion", Some(v)) => {
                    lens.emotion_at_most = Some(
                        v.parse::<i8>()
                            .ok()
                            .filter(|e| (-2..=2).contains(e))
                            .ok_or_else(|| {
                                format!(
                                    "expected an emotion from -2 to 2 after emotion<=, not \"{}\"",
                                    crate::io::excerpt(v, 20)
                                )
                            })?,
                    );
                }
                _ => {
                    return Err(format!(
                        "unknown lens \"{}\"; use channel=…, owner=…, persona=…, tag=…, direct, \
                         indirect, digital, physical, pain, emotion<=N, misses-target",
                        crate::io::excerpt(part, 40)
                    ));
                }
            }
        }
        Ok(lens)
    }
}

/// Every metric name the cards use, each once (whatever its case), in first-seen order.
pub fn metric_names(j: &Journey) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for m in j.touchpoints.iter().flat_map(|t| &t.metrics) {
        let name = m.name.trim();
        if !name.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.to_owned());
        }
    }
    names
}

/// What colours the cards.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Heat {
    #[default]
    Off,
    Emotion,
    Votes,
    /// One metric, by name.
    Metric(String),
}

impl Heat {
    /// "Emotion", "Votes", "CSAT" … as the legend names it.
    pub fn label(&self) -> Option<String> {
        match self {
            Heat::Off => None,
            Heat::Emotion => Some("Emotion".into()),
            Heat::Votes => Some("Votes".into()),
            Heat::Metric(name) => Some(name.clone()),
        }
    }

    pub fn parse(text: &str) -> Heat {
        match text.trim().to_lowercase().as_str() {
            "" | "off" | "none" => Heat::Off,
            "emotion" => Heat::Emotion,
            "votes" => Heat::Votes,
            _ => Heat::Metric(text.trim().to_owned()),
        }
    }

    /// Each card's place on the scale from 0 (worst) to 1 (best), for the cards that have a
    /// value. Votes count as "hot": more votes is higher. A metric with an "at most" target is
    /// better the lower it is.
    pub fn values(&self, j: &Journey) -> HashMap<TouchpointId, f32> {
        let raw: Vec<(TouchpointId, f64)> = match self {
            Heat::Off => return HashMap::new(),
            Heat::Emotion => j
                .touchpoints
                .iter()
                .filter_map(|t| Some((t.id, f64::from(t.emotion?.0))))
                .collect(),
            Heat::Votes => j
                .touchpoints
                .iter()
                .map(|t| (t.id, f64::from(t.votes)))
                .collect(),
            Heat::Metric(name) => j
                .touchpoints
                .iter()
                .filter_map(|t| {
                    let m = t
                        .metrics
                        .iter()
                        .find(|m| m.name.eq_ignore_ascii_case(name))?;
                    Some((t.id, m.value))
                })
                .collect(),
        };
        let (lo, hi) = match self {
            Heat::Emotion => (-2.0, 2.0),
            _ => raw
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(_, v)| {
                    (lo.min(v), hi.max(v))
                }),
        };
        let lower_is_better = matches!(self, Heat::Metric(name)
            if j.target(name).is_some_and(|t| matches!(t.goal, Goal::AtMost(_))));
        raw.into_iter()
            .map(|(id, v)| {
                let t = if hi > lo { (v - lo) / (hi - lo) } else { 1.0 };
                let t = if lower_is_better { 1.0 - t } else { t };
                (id, t as f32)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Journey {
        crate::templates::sample()
    }

    #[test]
    fn lenses_combine_and_every_filter_must_match() {
        let j = sample();
        let lens = Lens::parse("owner=product, pain", &j).unwrap();
        let matching: Vec<&str> = j
            .touchpoints
            .iter()
            .filter(|t| lens.matches(&j, t))
            .map(|t| t.title.as_str())
            .collect();
        assert_eq!(matching, ["Shipping cost shows at the last step"]);
        assert_eq!(lens.faded(&j).len(), j.touchpoints.len() - 1);
        assert!(
            Lens::default().faded(&j).is_empty(),
            "no lens fades nothing"
        );
    }

    #[test]
    fn emotion_persona_channel_and_targets_filter_as_named() {
        let j = sample();
        let count = |text: &str| {
            let lens = Lens::parse(text, &j).unwrap();
            j.touchpoints.iter().filter(|t| lens.matches(&j, t)).count()
        };
        assert_eq!(count("emotion<=-2"), 2);
        assert_eq!(count("persona=Small-business buyer"), 9);
        assert_eq!(count("channel=email"), 3);
        assert_eq!(count("physical"), 3, "two deliveries and a catalogue");
        // CSAT 52 % misses ≥ 80 %, NPS 38 misses ≥ 40, checkout completion 46 % misses ≥ 60 %
        // and the return rate of 11 % misses ≤ 10 %.
        assert_eq!(count("misses-target"), 4);
        assert!(
            Lens::parse("colour=red", &j)
                .unwrap_err()
                .contains("unknown lens")
        );
        assert!(Lens::parse("persona=Nobody", &j).is_err());
        assert!(Lens::parse("emotion<=9", &j).is_err());
    }

    #[test]
    fn heat_places_cards_from_worst_to_best() {
        let j = sample();
        let by_title = |heat: &Heat, title: &str| {
            let values = heat.values(&j);
            let t = j.touchpoints.iter().find(|t| t.title == title).unwrap();
            values.get(&t.id).copied()
        };
        assert_eq!(
            by_title(&Heat::Emotion, "Shipping cost shows at the last step"),
            Some(0.0)
        );
        assert_eq!(
            by_title(&Heat::Emotion, "Friend recommends the shop"),
            Some(1.0)
        );
        assert_eq!(
            by_title(&Heat::Votes, "Shipping cost shows at the last step"),
            Some(1.0)
        );
        let csat = Heat::parse("csat");
        assert_eq!(by_title(&csat, "Asks about bulk prices in chat"), Some(1.0));
        assert_eq!(
            by_title(&csat, "Asks the chatbot where the parcel is"),
            Some(0.0)
        );
        assert_eq!(
            by_title(&csat, "Sees an Instagram ad"),
            None,
            "no CSAT on that card"
        );
    }
}
