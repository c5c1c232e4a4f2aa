//! Every field of every item, listed once: the diff and the merge both walk these lists, and
//! each list destructures and rebuilds its struct without `..`, so a field added to the model
//! does not compile until it is listed here.

use crate::model::{
    CardDots, Channel, Colour, Goal, Journey, Kind, Metric, Persona, PersonaId, RowCell, RowKind,
    Stage, StageId, StageRow, Target, Touchpoint, VotingRound, number,
};
use serde::Serialize;

/// A value of one field, as the user reads it in a list of changes.
pub trait Field: PartialEq + Clone {
    /// The value in words; "" when the field is empty (no pain point, no owner).
    fn show(&self) -> String;
}

impl Field for String {
    fn show(&self) -> String {
        self.clone()
    }
}

impl Field for u32 {
    fn show(&self) -> String {
        self.to_string()
    }
}

impl Field for bool {
    fn show(&self) -> String {
        if *self { "yes" } else { "no" }.to_owned()
    }
}

impl Field for Option<String> {
    fn show(&self) -> String {
        self.clone().unwrap_or_default()
    }
}

impl Field for Option<Channel> {
    fn show(&self) -> String {
        self.as_ref()
            .map_or(String::new(), |c| c.label().to_owned())
    }
}

impl Field for Kind {
    fn show(&self) -> String {
        self.label().to_owned()
    }
}

impl Field for Option<crate::model::Emotion> {
    fn show(&self) -> String {
        match self {
            None => String::new(),
            Some(e) if e.0 == 0 => "0".to_owned(),
            Some(e) => format!("{:+}", e.0),
        }
    }
}

impl Field for Vec<Metric> {
    fn show(&self) -> String {
        let each: Vec<String> = self
            .iter()
            .map(|m| format!("{} {}", m.name, number(m.value, &m.unit)))
            .collect();
        each.join(", ")
    }
}

impl Field for Vec<String> {
    fn show(&self) -> String {
        self.join(", ")
    }
}

/// A round's results are kept whole: one room's dots, not something to merge dot by dot.
impl Field for Vec<CardDots> {
    fn show(&self) -> String {
        let each: Vec<String> = self
            .iter()
            .map(|r| {
                format!(
                    "card {}: {}",
                    r.card,
                    crate::words::count(r.dots as usize, "dot")
                )
            })
            .collect();
        each.join(", ")
    }
}

impl Field for Colour {
    fn show(&self) -> String {
        self.to_string()
    }
}

impl Field for Option<f32> {
    fn show(&self) -> String {
        self.map_or(String::new(), |w| format!("{w} pt"))
    }
}

impl Field for PersonaId {
    fn show(&self) -> String {
        format!("persona {self}")
    }
}

impl Field for StageId {
    fn show(&self) -> String {
        format!("stage {self}")
    }
}

impl Field for RowKind {
    fn show(&self) -> String {
        self.label().to_owned()
    }
}

impl Field for Vec<RowCell> {
    fn show(&self) -> String {
        let each: Vec<String> = self
            .iter()
            .map(|c| format!("stage {}: {}", c.stage, c.text))
            .collect();
        each.join("; ")
    }
}

impl Field for Goal {
    fn show(&self) -> String {
        Target {
            metric: String::new(),
            goal: *self,
        }
        .describe("")
    }
}

/// One field that differs, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// What to do with one field seen in three versions (base, ours, theirs): the diff passes the
/// new version twice and notes the difference, the merge picks a side or notes a conflict.
pub trait Fields {
    fn field<T: Field>(&mut self, name: &'static str, base: &T, ours: &T, theirs: &T) -> T;
}

/// Records which fields differ between an old and a new version (given as ours and theirs).
#[derive(Default)]
pub struct Differences(pub Vec<FieldChange>);

impl Fields for Differences {
    fn field<T: Field>(&mut self, name: &'static str, old: &T, new: &T, _: &T) -> T {
        if old != new {
            self.0.push(FieldChange {
                field: name,
                old: old.show(),
                new: new.show(),
            });
        }
        new.clone()
    }
}

/// The journey's own fields (not its lists, which are merged item by item); the lists are taken
/// from `lists`.
pub fn journey<F: Fields>(
    f: &mut F,
    base: &Journey,
    ours: &Journey,
    theirs: &Journey,
    lists: Journey,
) -> Journey {
    let Journey {
        version,
        title,
        description,
        personas: _,
        stages: _,
        touchpoints: _,
        rows: _,
        targets: _,
        rounds: _,
    } = ours;
    let Journey {
        personas,
        stages,
        touchpoints,
        rows,
        targets,
        rounds,
        ..
    } = lists;
    Journey {
        version: f.field("format version", &base.version, version, &theirs.version),
        title: f.field("title", &base.title, title, &theirs.title),
        description: f.field(
            "description",
            &base.description,
            description,
            &theirs.description,
        ),
        personas,
        stages,
        touchpoints,
        rows,
        targets,
        rounds,
    }
}

pub fn persona<F: Fields>(f: &mut F, base: &Persona, ours: &Persona, theirs: &Persona) -> Persona {
    let Persona {
        id,
        name,
        description,
        goals,
        frustrations,
        colour,
    } = ours;
    Persona {
        id: *id,
        name: f.field("name", &base.name, name, &theirs.name),
        description: f.field(
            "description",
            &base.description,
            description,
            &theirs.description,
        ),
        goals: f.field("goals", &base.goals, goals, &theirs.goals),
        frustrations: f.field(
            "frustrations",
            &base.frustrations,
            frustrations,
            &theirs.frustrations,
        ),
        colour: f.field("colour", &base.colour, colour, &theirs.colour),
    }
}

pub fn stage<F: Fields>(f: &mut F, base: &Stage, ours: &Stage, theirs: &Stage) -> Stage {
    let Stage {
        id,
        name,
        description,
        width,
    } = ours;
    Stage {
        id: *id,
        name: f.field("name", &base.name, name, &theirs.name),
        description: f.field(
            "description",
            &base.description,
            description,
            &theirs.description,
        ),
        width: f.field("column width", &base.width, width, &theirs.width),
    }
}

/// A card's fields; its lane and stage are the fields "persona" and "stage".
pub fn touchpoint<F: Fields>(
    f: &mut F,
    base: &Touchpoint,
    ours: &Touchpoint,
    theirs: &Touchpoint,
) -> Touchpoint {
    let Touchpoint {
        id,
        persona,
        stage,
        title,
        notes,
        channel,
        kind,
        emotion,
        pain_point,
        opportunity,
        owner,
        metrics,
        votes,
        tags,
    } = ours;
    let b = base;
    let t = theirs;
    Touchpoint {
        id: *id,
        persona: f.field("persona", &b.persona, persona, &t.persona),
        stage: f.field("stage", &b.stage, stage, &t.stage),
        title: f.field("title", &b.title, title, &t.title),
        notes: f.field("notes", &b.notes, notes, &t.notes),
        channel: f.field("channel", &b.channel, channel, &t.channel),
        kind: f.field("direct or indirect", &b.kind, kind, &t.kind),
        emotion: f.field("emotion", &b.emotion, emotion, &t.emotion),
        pain_point: f.field("pain point", &b.pain_point, pain_point, &t.pain_point),
        opportunity: f.field("opportunity", &b.opportunity, opportunity, &t.opportunity),
        owner: f.field("owner", &b.owner, owner, &t.owner),
        metrics: f.field("metrics", &b.metrics, metrics, &t.metrics),
        votes: f.field("votes", &b.votes, votes, &t.votes),
        tags: f.field("tags", &b.tags, tags, &t.tags),
    }
}

pub fn row<F: Fields>(f: &mut F, base: &StageRow, ours: &StageRow, theirs: &StageRow) -> StageRow {
    let StageRow {
        id,
        name,
        kind,
        above,
        collapsed,
        cells,
    } = ours;
    let b = base;
    let t = theirs;
    StageRow {
        id: *id,
        name: f.field("name", &b.name, name, &t.name),
        kind: f.field("kind", &b.kind, kind, &t.kind),
        above: f.field("above the lanes", &b.above, above, &t.above),
        collapsed: f.field("collapsed", &b.collapsed, collapsed, &t.collapsed),
        cells: f.field("notes", &b.cells, cells, &t.cells),
    }
}

/// A target is known by its metric's name, so only its goal can change.
pub fn target<F: Fields>(f: &mut F, base: &Target, ours: &Target, theirs: &Target) -> Target {
    let Target { metric, goal } = ours;
    Target {
        metric: metric.clone(),
        goal: f.field("goal", &base.goal, goal, &theirs.goal),
    }
}

/// A round is known by its name and date, so only its setup and results can change.
pub fn round<F: Fields>(
    f: &mut F,
    base: &VotingRound,
    ours: &VotingRound,
    theirs: &VotingRound,
) -> VotingRound {
    let VotingRound {
        name,
        date,
        dots_per_voter,
        voters,
        results,
    } = ours;
    let b = base;
    let t = theirs;
    VotingRound {
        name: name.clone(),
        date: date.clone(),
        dots_per_voter: f.field(
            "dots per voter",
            &b.dots_per_voter,
            dots_per_voter,
            &t.dots_per_voter,
        ),
        voters: f.field("voters", &b.voters, voters, &t.voters),
        results: f.field("results", &b.results, results, &t.results),
    }
}
