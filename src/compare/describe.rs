//! A diff in the user's words: one line per change, as text, Markdown or JSON.

use super::diff::{Change, Diff, ItemChange};
use super::fields::FieldChange;
use super::item::Item;
use crate::io::excerpt;
use crate::model::{Journey, PersonaId, StageId};
use serde::Serialize;

/// One change, described.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    /// "journey", "persona", "stage", "card", "row", "target" or "voting round".
    pub item: &'static str,
    pub id: String,
    /// Its name (a card's title), as it is now, or as it was when removed.
    pub name: String,
    /// "added", "removed", "moved" or "changed".
    pub change: &'static str,
    /// What happened, after the item's name: `emotion -1 → +1, pain point removed`.
    pub what: String,
    /// The fields that changed, for a change.
    pub fields: Vec<FieldChange>,
    /// The item in words: `card 12 "Checkout"`, `voting round "Fix first" (2026-11-30)`,
    /// `journey` (JSON has its parts instead).
    #[serde(skip)]
    pub subject: String,
}

/// Longer values (notes) are cut short in a list of changes; JSON has them whole.
const SHOWN: usize = 60;

/// `emotion -1 → +1`, `pain point removed`, `owner added: Support`, `renamed "A" → "B"`.
pub fn phrase(c: &FieldChange) -> String {
    let (old, new) = (excerpt(&c.old, SHOWN), excerpt(&c.new, SHOWN));
    match c.field {
        "name" | "title" => format!("renamed \"{old}\" → \"{new}\""),
        _ if c.old.is_empty() => format!("{} added: {new}", c.field),
        _ if c.new.is_empty() => format!("{} removed", c.field),
        field => format!("{field} {old} → {new}"),
    }
}

fn phrases(fields: &[FieldChange]) -> String {
    fields.iter().map(phrase).collect::<Vec<_>>().join(", ")
}

/// Names the places of items of each kind in a journey.
trait Places: Item {
    /// Where the item's group is: `Busy parent · Checkout` for a card's cell, "" otherwise.
    fn cell(group: &Self::Group, journey: &Journey) -> String;
    /// What a position in the list is called: lane, column, row.
    const PLACE: &'static str;
}

macro_rules! listed {
    ($t:ty, $place:literal) => {
        impl Places for $t {
            fn cell(_: &(), _: &Journey) -> String {
                String::new()
            }
            const PLACE: &'static str = $place;
        }
    };
}
listed!(crate::model::Persona, "lane");
listed!(crate::model::Stage, "column");
listed!(crate::model::StageRow, "row");
listed!(crate::model::Target, "place");
listed!(crate::model::VotingRound, "place");

impl Places for crate::model::Touchpoint {
    fn cell(&(persona, stage): &(PersonaId, StageId), journey: &Journey) -> String {
        cell_name(journey, persona, stage)
    }
    const PLACE: &'static str = "position";
}

/// `Busy parent · Checkout`: a cell named by its lane and column.
pub fn cell_name(journey: &Journey, persona: PersonaId, stage: StageId) -> String {
    let persona = journey
        .persona(persona)
        .map_or(format!("persona {persona}"), |p| excerpt(&p.name, 40));
    let stage = journey
        .stage(stage)
        .map_or(format!("stage {stage}"), |s| excerpt(&s.name, 40));
    format!("{persona} · {stage}")
}

fn line<T: Places>(c: &ItemChange<T>, old: &Journey, new: &Journey) -> Line {
    let item = c.item();
    let within = |journey: &Journey| {
        let cell = T::cell(&item.group(), journey);
        if cell.is_empty() {
            cell
        } else {
            format!(" ({cell})")
        }
    };
    let (change, what, fields) = match c {
        ItemChange::Added { .. } => ("added", format!("added{}", within(new)), Vec::new()),
        ItemChange::Removed { .. } => ("removed", format!("removed{}", within(old)), Vec::new()),
        ItemChange::Moved {
            from,
            old_position,
            new_position,
            ..
        } => {
            let (from_cell, to_cell) = (T::cell(from, old), T::cell(&item.group(), new));
            let what = if *from != item.group() {
                format!("moved from {from_cell} to {to_cell}")
            } else if from_cell.is_empty() {
                format!(
                    "moved from {place} {} to {place} {}",
                    old_position + 1,
                    new_position + 1,
                    place = T::PLACE
                )
            } else {
                format!(
                    "moved within {to_cell} from {place} {} to {}",
                    old_position + 1,
                    new_position + 1,
                    place = T::PLACE
                )
            };
            ("moved", what, Vec::new())
        }
        ItemChange::Changed { fields, .. } => ("changed", phrases(fields), fields.clone()),
    };
    Line {
        item: T::NOUN,
        id: item.key().to_string(),
        name: item.name().to_owned(),
        change,
        what,
        fields,
        subject: item.subject(),
    }
}

/// Every change of `diff` (from `old` to `new`), described, in the diff's order.
pub fn lines(diff: &Diff, old: &Journey, new: &Journey) -> Vec<Line> {
    diff.changes
        .iter()
        .map(|change| match change {
            Change::Journey { fields, .. } => Line {
                item: "journey",
                id: String::new(),
                name: new.title.clone(),
                change: "changed",
                what: phrases(fields),
                fields: fields.clone(),
                subject: "journey".to_owned(),
            },
            Change::Persona(c) => line(c, old, new),
            Change::Stage(c) => line(c, old, new),
            Change::Card(c) => line(c, old, new),
            Change::Row(c) => line(c, old, new),
            Change::Target(c) => line(c, old, new),
            Change::Round(c) => line(c, old, new),
        })
        .collect()
}

/// One line per change: `card 12 "Checkout": emotion -1 → +1, pain point removed`.
pub fn text(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| format!("{}: {}\n", l.subject, l.what))
        .collect()
}

/// A Markdown list, for a pull request or a wiki.
pub fn markdown(lines: &[Line]) -> String {
    if lines.is_empty() {
        return "No changes.\n".to_owned();
    }
    // Characters Markdown would read as formatting are escaped, so a card's title shows as it is.
    let escape = |s: &str| {
        s.chars().fold(String::new(), |mut out, c| {
            if "\\`*_[]<>|#".contains(c) {
                out.push('\\');
            }
            out.push(c);
            out
        })
    };
    let mut out = format!("**{}**\n\n", crate::words::count(lines.len(), "change"));
    for l in lines {
        out.push_str(&format!(
            "- **{}**: {}\n",
            escape(&l.subject),
            escape(&l.what)
        ));
    }
    out
}

/// `{"equal": false, "changes": [...]}`, every value whole.
pub fn json(lines: &[Line]) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        equal: bool,
        changes: &'a [Line],
    }
    serde_json::to_string_pretty(&Report {
        equal: lines.is_empty(),
        changes: lines,
    })
    .unwrap_or_default()
}
