//! Random edits of a journey, as people make them, for the co-editing property tests.

use journeymap::edit::{self, Edit, Slot};
use journeymap::model::{Emotion, Journey, TouchpointId};
use proptest::prelude::*;

/// One edit, with indices taken modulo what the journey has when it is made.
#[derive(Clone, Debug)]
pub enum Op {
    Move {
        card: usize,
        persona: usize,
        stage: usize,
    },
    Title {
        card: usize,
        title: String,
    },
    Emotion {
        card: usize,
        emotion: i8,
    },
    Add {
        persona: usize,
        stage: usize,
        title: String,
    },
    Remove {
        card: usize,
    },
    RemovePersona(usize),
    AddPersona(String),
    MoveStage(usize, usize),
}

pub fn op() -> impl Strategy<Value = Op> {
    let i = || 0..64usize;
    prop_oneof![
        (i(), i(), i()).prop_map(|(card, persona, stage)| Op::Move {
            card,
            persona,
            stage
        }),
        (i(), "[a-z ]{1,12}").prop_map(|(card, title)| Op::Title { card, title }),
        (i(), -2..=2i8).prop_map(|(card, emotion)| Op::Emotion { card, emotion }),
        (i(), i(), "[a-z ]{1,12}").prop_map(|(persona, stage, title)| Op::Add {
            persona,
            stage,
            title
        }),
        i().prop_map(|card| Op::Remove { card }),
        i().prop_map(Op::RemovePersona),
        "[A-Z][a-z]{1,8}".prop_map(Op::AddPersona),
        (i(), i()).prop_map(|(a, b)| Op::MoveStage(a, b)),
    ]
}

fn card(j: &Journey, i: usize) -> Option<TouchpointId> {
    (!j.touchpoints.is_empty()).then(|| j.touchpoints[i % j.touchpoints.len()].id)
}

pub fn slot(j: &Journey, persona: usize, stage: usize) -> Option<Slot> {
    Some(Slot {
        persona: j.personas.get(persona % j.personas.len().max(1))?.id,
        stage: j.stages.get(stage % j.stages.len().max(1))?.id,
        before: None,
    })
}

pub fn edit_for(j: &Journey, op: &Op) -> Option<Edit> {
    match op {
        Op::Move {
            card: c,
            persona,
            stage,
        } => edit::move_touchpoints(j, &[card(j, *c)?], slot(j, *persona, *stage)?),
        Op::Title { card: c, title } => {
            let mut t = j.touchpoints[j.touchpoint_index(card(j, *c)?)?].clone();
            t.title = title.clone();
            edit::update_touchpoint(j, t)
        }
        Op::Emotion { card: c, emotion } => {
            let mut t = j.touchpoints[j.touchpoint_index(card(j, *c)?)?].clone();
            t.emotion = Some(Emotion(*emotion));
            edit::update_touchpoint(j, t)
        }
        Op::Add {
            persona,
            stage,
            title,
        } => {
            let slot = slot(j, *persona, *stage)?;
            edit::add_touchpoint(j, slot.persona, slot.stage, title).map(|(e, _)| e)
        }
        Op::Remove { card: c } => edit::remove_touchpoints(j, &[card(j, *c)?]),
        Op::RemovePersona(p) => {
            let id = j.personas.get(p % j.personas.len().max(1))?.id;
            edit::remove_persona(j, id)
        }
        Op::AddPersona(name) => Some(edit::add_persona(j, name, j.personas.len()).0),
        Op::MoveStage(a, b) => {
            let n = j.stages.len();
            (n > 1).then(|| Edit::MoveStage {
                from: a % n,
                to: b % n,
            })
        }
    }
}
