//! Stage rows: rows that run across every stage column, below the persona lanes (or above them),
//! each cell summarising or annotating one stage; and the targets a journey sets its metrics.

use super::StageId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifies a stage row.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct RowId(pub u32);

impl fmt::Display for RowId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What a stage row shows. All but `Text` are derived from the cards on every change and never
/// stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RowKind {
    /// Every pain point of the stage, most voted first.
    PainPoints,
    /// Every opportunity of the stage, most voted first.
    Opportunities,
    /// Each metric's mean over the stage's cards, against its target.
    Metrics,
    /// The owners involved in the stage, with their cards and pain points.
    Owners,
    /// The channels used in the stage, and the digital/physical split.
    Channels,
    /// Every persona's emotion curve in one row.
    Emotions,
    /// Free text per stage, written by the team.
    Text,
}

impl RowKind {
    pub const ALL: [RowKind; 7] = [
        RowKind::PainPoints,
        RowKind::Opportunities,
        RowKind::Metrics,
        RowKind::Owners,
        RowKind::Channels,
        RowKind::Emotions,
        RowKind::Text,
    ];

    /// The name a new row of this kind gets.
    pub fn label(self) -> &'static str {
        match self {
            RowKind::PainPoints => "Pain points",
            RowKind::Opportunities => "Opportunities",
            RowKind::Metrics => "Metrics",
            RowKind::Owners => "Owners",
            RowKind::Channels => "Channels",
            RowKind::Emotions => "Emotion, all personas",
            RowKind::Text => "Notes",
        }
    }

    pub fn is_derived(self) -> bool {
        self != RowKind::Text
    }
}

/// One stage's text in a text row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowCell {
    pub stage: StageId,
    pub text: String,
}

/// A row across the stage columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageRow {
    pub id: RowId,
    pub name: String,
    pub kind: RowKind,
    /// Shown above the persona lanes instead of below them.
    #[serde(default, skip_serializing_if = "is_false")]
    pub above: bool,
    /// Only the header shows.
    #[serde(default, skip_serializing_if = "is_false")]
    pub collapsed: bool,
    /// The text of each stage that has some (text rows only), in stage order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<RowCell>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl StageRow {
    pub fn new(id: RowId, kind: RowKind) -> Self {
        Self {
            id,
            name: kind.label().to_owned(),
            kind,
            above: false,
            collapsed: false,
            cells: Vec::new(),
        }
    }

    /// The text of one stage's cell ("" when it has none).
    pub fn text(&self, stage: StageId) -> &str {
        self.cells
            .iter()
            .find(|c| c.stage == stage)
            .map_or("", |c| c.text.as_str())
    }

    /// This row with one stage's text set (an empty text removes the cell); `order` is the
    /// journey's stage order, which the cells keep.
    pub fn with_text(&self, stage: StageId, text: &str, order: &[StageId]) -> StageRow {
        let mut row = self.clone();
        row.cells.retain(|c| c.stage != stage);
        if !text.is_empty() {
            row.cells.push(RowCell {
                stage,
                text: text.to_owned(),
            });
        }
        let rank = |s: StageId| order.iter().position(|&o| o == s).unwrap_or(usize::MAX);
        row.cells.sort_by_key(|c| rank(c.stage));
        row
    }
}

/// Which way a metric should go.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Goal {
    /// The value should be at least this (CSAT ≥ 80).
    AtLeast(f64),
    /// The value should be at most this (churn ≤ 5).
    AtMost(f64),
}

/// A target for one metric name, set once per journey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub metric: String,
    pub goal: Goal,
}

impl Target {
    /// Whether `value` misses the target.
    pub fn missed_by(&self, value: f64) -> bool {
        match self.goal {
            Goal::AtLeast(t) => value < t,
            Goal::AtMost(t) => value > t,
        }
    }

    /// `≥ 80` or `≤ 5`.
    pub fn describe(&self, unit: &str) -> String {
        let (sign, t) = match self.goal {
            Goal::AtLeast(t) => ('≥', t),
            Goal::AtMost(t) => ('≤', t),
        };
        format!("{sign} {}", number(t, unit))
    }
}

/// A measured value as people write it: at most one decimal, no "-0", the unit after a space
/// (`68 %`, `4.5 min`, `-12`).
pub fn number(value: f64, unit: &str) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    // Rounding a small negative value gives -0, which reads as a sign error.
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let digits = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    if unit.is_empty() {
        digits
    } else {
        format!("{digits} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number(68.0, "%"), "68 %");
        assert_eq!(number(67.96, "%"), "68 %");
        assert_eq!(number(4.25, "min"), "4.3 min");
        assert_eq!(number(-0.04, ""), "0");
        assert_eq!(number(-12.0, ""), "-12");
    }

    #[test]
    fn targets_are_missed_on_the_wrong_side_only() {
        let csat = Target {
            metric: "CSAT".into(),
            goal: Goal::AtLeast(80.0),
        };
        assert!(csat.missed_by(79.9) && !csat.missed_by(80.0));
        let churn = Target {
            metric: "Churn".into(),
            goal: Goal::AtMost(5.0),
        };
        assert!(churn.missed_by(5.1) && !churn.missed_by(5.0));
        assert_eq!(csat.describe("%"), "≥ 80 %");
    }

    #[test]
    fn a_text_cell_is_set_cleared_and_kept_in_stage_order() {
        let order = [StageId(3), StageId(1), StageId(2)];
        let row = StageRow::new(RowId(1), RowKind::Text)
            .with_text(StageId(2), "b", &order)
            .with_text(StageId(3), "a", &order);
        assert_eq!(
            row.cells.iter().map(|c| c.stage).collect::<Vec<_>>(),
            [StageId(3), StageId(2)]
        );
        assert_eq!(row.text(StageId(2)), "b");
        let cleared = row.with_text(StageId(2), "", &order);
        assert_eq!(cleared.cells.len(), 1);
        assert_eq!(cleared.text(StageId(2)), "");
    }
}
