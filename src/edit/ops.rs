//! Edits the way the user thinks of them (move these cards there, delete this lane), built from
//! primitive edits so that every one of them keeps the journey's invariants.

use super::Edit;
use crate::model::{
    Emotion, Journey, Persona, PersonaId, RowId, RowKind, Stage, StageId, StageRow, Touchpoint,
    TouchpointId,
};

/// Where cards go: a cell, and the card they are placed before (None: at the end of the cell).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub persona: PersonaId,
    pub stage: StageId,
    pub before: Option<TouchpointId>,
}

/// Removes the given cards (unknown ids are ignored).
pub fn remove_touchpoints(j: &Journey, ids: &[TouchpointId]) -> Option<Edit> {
    let mut indices: Vec<usize> = ids
        .iter()
        .filter_map(|&id| j.touchpoint_index(id))
        .collect();
    indices.sort_unstable();
    indices.dedup();
    let edits: Vec<Edit> = indices
        .into_iter()
        .rev()
        .map(|index| Edit::RemoveTouchpoint { index })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Places `cards` into `slot`, in the given order; they must not be in the journey already
/// (for moves, remove them first). Returns the primitive inserts.
fn insert_at_slot(j: &Journey, cards: Vec<Touchpoint>, slot: Slot) -> Vec<Edit> {
    let index = slot
        .before
        .and_then(|b| j.touchpoint_index(b))
        .or_else(|| {
            j.touchpoints
                .iter()
                .rposition(|t| t.persona == slot.persona && t.stage == slot.stage)
                .map(|i| i + 1)
        })
        .unwrap_or(j.touchpoints.len());
    cards
        .into_iter()
        .enumerate()
        .map(|(offset, mut touchpoint)| {
            touchpoint.persona = slot.persona;
            touchpoint.stage = slot.stage;
            Edit::InsertTouchpoint {
                index: index + offset,
                touchpoint,
            }
        })
        .collect()
}

/// Moves cards (in their current order) to a slot. Returns None when nothing would change.
pub fn move_touchpoints(j: &Journey, ids: &[TouchpointId], slot: Slot) -> Option<Edit> {
    if slot.before.is_some_and(|b| ids.contains(&b)) {
        // Dropping a group just before one of its own members leaves it where it is.
        return None;
    }
    let moving: Vec<Touchpoint> = j
        .touchpoints
        .iter()
        .filter(|t| ids.contains(&t.id))
        .cloned()
        .collect();
    if moving.is_empty() || j.persona(slot.persona).is_none() || j.stage(slot.stage).is_none() {
        return None;
    }
    let remove = remove_touchpoints(j, ids)?;
    let mut after = j.clone();
    remove.clone().apply(&mut after).ok()?;
    let mut edits = vec![remove];
    edits.extend(insert_at_slot(&after, moving, slot));
    let edit = Edit::Batch(edits);
    let mut check = j.clone();
    edit.clone().apply(&mut check).ok()?;
    (check != *j).then_some(edit)
}

/// Adds copies of `cards` with fresh ids into a slot (paste, duplicate). Returns the edit and the
/// new ids in order.
pub fn add_touchpoints(
    j: &Journey,
    cards: &[Touchpoint],
    slot: Slot,
) -> Option<(Edit, Vec<TouchpointId>)> {
    if cards.is_empty() || j.persona(slot.persona).is_none() || j.stage(slot.stage).is_none() {
        return None;
    }
    let ids = j.fresh_touchpoint_ids(cards.len());
    let fresh: Vec<Touchpoint> = cards
        .iter()
        .zip(&ids)
        .map(|(t, &id)| Touchpoint { id, ..t.clone() })
        .collect();
    Some((Edit::Batch(insert_at_slot(j, fresh, slot)), ids))
}

/// Duplicates each card right after itself in its own cell.
pub fn duplicate_touchpoints(
    j: &Journey,
    ids: &[TouchpointId],
) -> Option<(Edit, Vec<TouchpointId>)> {
    let originals: Vec<usize> = (0..j.touchpoints.len())
        .filter(|&i| ids.contains(&j.touchpoints[i].id))
        .collect();
    let new_ids = j.fresh_touchpoint_ids(originals.len());
    // From the back, so earlier insert positions stay valid.
    let edits: Vec<Edit> = originals
        .iter()
        .zip(&new_ids)
        .rev()
        .map(|(&index, &id)| Edit::InsertTouchpoint {
            index: index + 1,
            touchpoint: Touchpoint {
                id,
                ..j.touchpoints[index].clone()
            },
        })
        .collect();
    (!edits.is_empty()).then_some((Edit::Batch(edits), new_ids))
}

/// Moves the emotion of the cards `ids` one step up the scale (`up`) or down, as one edit; a
/// card without an emotion takes the first step from neutral (up: positive, down: negative).
/// None when no card changes (all at the end of the scale already, or no card).
pub fn step_emotion(j: &Journey, ids: &[TouchpointId], up: bool) -> Option<Edit> {
    let step = if up { 1 } else { -1 };
    change_cards(j, ids, |t| {
        let from = t.emotion.map_or(0, |e| e.0);
        t.emotion = Some(Emotion((from + step).clamp(Emotion::MIN, Emotion::MAX)));
    })
}

/// Sets the emotion of the cards `ids` (None clears it), as one edit.
pub fn set_emotion(j: &Journey, ids: &[TouchpointId], emotion: Option<Emotion>) -> Option<Edit> {
    change_cards(j, ids, |t| t.emotion = emotion)
}

/// Adds `delta` votes to each of the cards `ids` (never below zero), as one edit.
pub fn add_votes(j: &Journey, ids: &[TouchpointId], delta: i64) -> Option<Edit> {
    change_cards(j, ids, |t| {
        t.votes = (i64::from(t.votes) + delta).clamp(0, i64::from(u32::MAX)) as u32;
    })
}

/// Changes each of the cards `ids` with `change`, as one edit of the cards that changed; None
/// when none did.
fn change_cards(
    j: &Journey,
    ids: &[TouchpointId],
    change: impl Fn(&mut Touchpoint),
) -> Option<Edit> {
    let edits: Vec<Edit> = ids
        .iter()
        .filter_map(|&id| {
            let index = j.touchpoint_index(id)?;
            let mut touchpoint = j.touchpoints[index].clone();
            change(&mut touchpoint);
            (touchpoint != j.touchpoints[index])
                .then_some(Edit::UpdateTouchpoint { index, touchpoint })
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Replaces a card's contents (inspector edits).
pub fn update_touchpoint(j: &Journey, touchpoint: Touchpoint) -> Option<Edit> {
    let index = j.touchpoint_index(touchpoint.id)?;
    Some(Edit::UpdateTouchpoint { index, touchpoint })
}

pub fn update_persona(j: &Journey, persona: Persona) -> Option<Edit> {
    let index = j.persona_index(persona.id)?;
    Some(Edit::UpdatePersona { index, persona })
}

pub fn update_stage(j: &Journey, stage: Stage) -> Option<Edit> {
    let index = j.stage_index(stage.id)?;
    Some(Edit::UpdateStage { index, stage })
}

/// Removes a lane and every card in it.
pub fn remove_persona(j: &Journey, id: PersonaId) -> Option<Edit> {
    let index = j.persona_index(id)?;
    let cards: Vec<TouchpointId> = j
        .touchpoints
        .iter()
        .filter(|t| t.persona == id)
        .map(|t| t.id)
        .collect();
    let mut edits: Vec<Edit> = remove_touchpoints(j, &cards).into_iter().collect();
    edits.push(Edit::RemovePersona { index });
    Some(Edit::Batch(edits))
}

/// Removes a column and every card in it.
pub fn remove_stage(j: &Journey, id: StageId) -> Option<Edit> {
    let index = j.stage_index(id)?;
    let cards: Vec<TouchpointId> = j
        .touchpoints
        .iter()
        .filter(|t| t.stage == id)
        .map(|t| t.id)
        .collect();
    let mut edits: Vec<Edit> = remove_touchpoints(j, &cards).into_iter().collect();
    // Text rows lose the stage's cell with it.
    edits.extend(j.rows.iter().enumerate().filter_map(|(i, row)| {
        let mut row = row.clone();
        let before = row.cells.len();
        row.cells.retain(|c| c.stage != id);
        (row.cells.len() != before).then_some(Edit::UpdateRow { index: i, row })
    }));
    edits.push(Edit::RemoveStage { index });
    Some(Edit::Batch(edits))
}

/// Adds a stage row of `kind` at the bottom, named after its kind.
pub fn add_row(j: &Journey, kind: RowKind) -> (Edit, RowId) {
    let id = j.next_row_id();
    let edit = Edit::InsertRow {
        index: j.rows.len(),
        row: StageRow::new(id, kind),
    };
    (edit, id)
}

/// Moves a stage row to where `target` is, taking its side of the lanes (above or below).
pub fn place_row(j: &Journey, row: RowId, target: RowId) -> Option<Edit> {
    let from = j.row_index(row)?;
    let to = j.row_index(target)?;
    let above = j.rows[to].above;
    let mut edits = Vec::new();
    if from != to {
        edits.push(Edit::MoveRow { from, to });
    }
    if j.rows[from].above != above {
        edits.push(Edit::UpdateRow {
            index: to,
            row: StageRow {
                above,
                ..j.rows[from].clone()
            },
        });
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Sets one stage's text in a text row.
pub fn set_row_text(j: &Journey, row: RowId, stage: StageId, text: &str) -> Option<Edit> {
    let index = j.row_index(row)?;
    let order: Vec<StageId> = j.stages.iter().map(|s| s.id).collect();
    let updated = j.rows[index].with_text(stage, text, &order);
    (updated != j.rows[index]).then_some(Edit::UpdateRow {
        index,
        row: updated,
    })
}

/// Adds a lane at `index` (the bottom when out of range) with the next palette colour.
pub fn add_persona(j: &Journey, name: &str, index: usize) -> (Edit, PersonaId) {
    let id = j.next_persona_id();
    let colour =
        crate::model::Colour::PALETTE[j.personas.len() % crate::model::Colour::PALETTE.len()];
    let edit = Edit::InsertPersona {
        index: index.min(j.personas.len()),
        persona: Persona::new(id, name, colour),
    };
    (edit, id)
}

/// Adds a column at `index` (the right end when out of range).
pub fn add_stage(j: &Journey, name: &str, index: usize) -> (Edit, StageId) {
    let id = j.next_stage_id();
    let edit = Edit::InsertStage {
        index: index.min(j.stages.len()),
        stage: Stage::new(id, name),
    };
    (edit, id)
}

/// Adds one new card at the end of a cell.
pub fn add_touchpoint(
    j: &Journey,
    persona: PersonaId,
    stage: StageId,
    title: &str,
) -> Option<(Edit, TouchpointId)> {
    let card = Touchpoint::new(TouchpointId(0), persona, stage, title);
    let slot = Slot {
        persona,
        stage,
        before: None,
    };
    add_touchpoints(j, &[card], slot).map(|(edit, ids)| (edit, ids[0]))
}
