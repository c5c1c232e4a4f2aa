//! The metric rows of two versions side by side: for each stage whose metric mean reads
//! differently now, `CSAT 62 % → 80 %` (as-is → to-be).

use crate::insight::summarise;
use crate::model::{Journey, StageId, number};
use foldhash::{HashMap, HashMapExt};

/// What a stage's metric line says when its mean changed, by stage and lower-case metric name.
pub type MetricChanges = HashMap<(StageId, String), String>;

/// The stage metrics of `new` whose mean, as the row writes it, differs from the mean in `old`
/// (the same stage, the same metric whatever its case), and those the stage did not measure
/// before (`NPS — → 42`). A metric no longer measured has no line in `new` to mark.
pub fn metric_changes(old: &Journey, new: &Journey) -> MetricChanges {
    let mut before = HashMap::new();
    for (stage, summary) in old.stages.iter().zip(summarise(old)) {
        for m in summary.metrics {
            before.insert((stage.id, m.name.to_lowercase()), number(m.mean, m.unit));
        }
    }
    let mut changes = HashMap::new();
    for (stage, summary) in new.stages.iter().zip(summarise(new)) {
        for m in summary.metrics {
            let key = (stage.id, m.name.to_lowercase());
            let now = number(m.mean, m.unit);
            let was = match before.get(&key) {
                Some(was) if *was == now => continue,
                Some(was) => was.as_str(),
                None => "—",
            };
            changes.insert(key, format!("{} {was} → {now}", m.name));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Metric, TouchpointId};

    fn csat(journey: &mut Journey, card: u32, value: f64) {
        let i = journey
            .touchpoint_index(TouchpointId(card))
            .expect("the card");
        journey.touchpoints[i].metrics = vec![Metric {
            name: "CSAT".into(),
            value,
            unit: "%".into(),
        }];
    }

    #[test]
    fn a_stage_whose_metric_mean_changed_reads_old_then_new() {
        let template = crate::templates::find("ecommerce").expect("the template");
        let mut old = template.journey().expect("it loads");
        // Two cards of the Purchase stage (9 and 10): a mean of 62 % as-is, 80 % to-be.
        csat(&mut old, 9, 60.0);
        csat(&mut old, 10, 64.0);
        let mut new = old.clone();
        csat(&mut new, 9, 78.0);
        csat(&mut new, 10, 82.0);
        let purchase = old.touchpoints[old.touchpoint_index(TouchpointId(9)).unwrap()].stage;

        let changes = metric_changes(&old, &new);
        assert_eq!(
            changes
                .get(&(purchase, "csat".to_owned()))
                .map(String::as_str),
            Some("CSAT 62 % → 80 %")
        );
        // Every other stage's CSAT kept its mean: shown plainly, not listed.
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert!(metric_changes(&old, &old).is_empty());

        // A metric the stage did not measure before reads as new.
        let nine = new.touchpoint_index(TouchpointId(9)).expect("card 9");
        new.touchpoints[nine].metrics.push(Metric {
            name: "Basket size".into(),
            value: 42.0,
            unit: "€".into(),
        });
        let changes = metric_changes(&old, &new);
        assert_eq!(
            changes
                .get(&(purchase, "basket size".to_owned()))
                .map(String::as_str),
            Some("Basket size — → 42 €")
        );
    }
}
