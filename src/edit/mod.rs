//! Every change to a journey as a value with an inverse: one history gives undo, redo, the dirty
//! flag and autosave triggers, and the UI never mutates the model behind the history's back.

mod history;
mod ops;

pub use history::{History, MergeKey};
pub use ops::*;

use crate::model::{Journey, Persona, Stage, StageRow, Target, Touchpoint, VotingRound};

/// One primitive change, addressed by position. Positions are valid because the history replays
/// edits in strict order; `apply` still refuses bad ones rather than panicking.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetTitle(String),
    SetDescription(String),
    InsertPersona {
        index: usize,
        persona: Persona,
    },
    RemovePersona {
        index: usize,
    },
    UpdatePersona {
        index: usize,
        persona: Persona,
    },
    MovePersona {
        from: usize,
        to: usize,
    },
    InsertStage {
        index: usize,
        stage: Stage,
    },
    RemoveStage {
        index: usize,
    },
    UpdateStage {
        index: usize,
        stage: Stage,
    },
    MoveStage {
        from: usize,
        to: usize,
    },
    InsertTouchpoint {
        index: usize,
        touchpoint: Touchpoint,
    },
    RemoveTouchpoint {
        index: usize,
    },
    UpdateTouchpoint {
        index: usize,
        touchpoint: Touchpoint,
    },
    InsertRow {
        index: usize,
        row: StageRow,
    },
    RemoveRow {
        index: usize,
    },
    UpdateRow {
        index: usize,
        row: StageRow,
    },
    MoveRow {
        from: usize,
        to: usize,
    },
    SetTargets(Vec<Target>),
    /// A dot-voting round joins the journey's rounds.
    InsertRound {
        index: usize,
        round: VotingRound,
    },
    RemoveRound {
        index: usize,
    },
    /// Several edits applied in order as one undo step.
    Batch(Vec<Edit>),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("edit refused: position {index} is out of range (length {len})")]
pub struct EditError {
    pub index: usize,
    pub len: usize,
}

impl Edit {
    /// Applies the edit and returns its inverse. On error the journey is unchanged.
    pub fn apply(self, j: &mut Journey) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::SetTitle(title) => Edit::SetTitle(std::mem::replace(&mut j.title, title)),
            Edit::SetDescription(d) => {
                Edit::SetDescription(std::mem::replace(&mut j.description, d))
            }
            Edit::InsertPersona { index, persona } => {
                insert(&mut j.personas, index, persona)?;
                Edit::RemovePersona { index }
            }
            Edit::RemovePersona { index } => Edit::InsertPersona {
                index,
                persona: remove(&mut j.personas, index)?,
            },
            Edit::UpdatePersona { index, persona } => Edit::UpdatePersona {
                index,
                persona: replace(&mut j.personas, index, persona)?,
            },
            Edit::MovePersona { from, to } => {
                move_item(&mut j.personas, from, to)?;
                Edit::MovePersona { from: to, to: from }
            }
            Edit::InsertStage { index, stage } => {
                insert(&mut j.stages, index, stage)?;
                Edit::RemoveStage { index }
            }
            Edit::RemoveStage { index } => Edit::InsertStage {
                index,
                stage: remove(&mut j.stages, index)?,
            },
            Edit::UpdateStage { index, stage } => Edit::UpdateStage {
                index,
                stage: replace(&mut j.stages, index, stage)?,
            },
            Edit::MoveStage { from, to } => {
                move_item(&mut j.stages, from, to)?;
                Edit::MoveStage { from: to, to: from }
            }
            Edit::InsertTouchpoint { index, touchpoint } => {
                insert(&mut j.touchpoints, index, touchpoint)?;
                Edit::RemoveTouchpoint { index }
            }
            Edit::RemoveTouchpoint { index } => Edit::InsertTouchpoint {
                index,
                touchpoint: remove(&mut j.touchpoints, index)?,
            },
            Edit::UpdateTouchpoint { index, touchpoint } => Edit::UpdateTouchpoint {
                index,
                touchpoint: replace(&mut j.touchpoints, index, touchpoint)?,
            },
            Edit::InsertRow { index, row } => {
                insert(&mut j.rows, index, row)?;
                Edit::RemoveRow { index }
            }
            Edit::RemoveRow { index } => Edit::InsertRow {
                index,
                row: remove(&mut j.rows, index)?,
            },
            Edit::UpdateRow { index, row } => Edit::UpdateRow {
                index,
                row: replace(&mut j.rows, index, row)?,
            },
            Edit::MoveRow { from, to } => {
                move_item(&mut j.rows, from, to)?;
                Edit::MoveRow { from: to, to: from }
            }
            Edit::SetTargets(targets) => {
                Edit::SetTargets(std::mem::replace(&mut j.targets, targets))
            }
            Edit::InsertRound { index, round } => {
                insert(&mut j.rounds, index, round)?;
                Edit::RemoveRound { index }
            }
            Edit::RemoveRound { index } => Edit::InsertRound {
                index,
                round: remove(&mut j.rounds, index)?,
            },
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(j) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // Roll back what was done so a failed batch changes nothing.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(j);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
        })
    }
}

fn check<T>(v: &[T], index: usize, len: usize) -> Result<(), EditError> {
    if index < len {
        Ok(())
    } else {
        Err(EditError {
            index,
            len: v.len(),
        })
    }
}

fn insert<T>(v: &mut Vec<T>, index: usize, item: T) -> Result<(), EditError> {
    check(v, index, v.len() + 1)?;
    v.insert(index, item);
    Ok(())
}

fn remove<T>(v: &mut Vec<T>, index: usize) -> Result<T, EditError> {
    check(v, index, v.len())?;
    Ok(v.remove(index))
}

fn replace<T>(v: &mut [T], index: usize, item: T) -> Result<T, EditError> {
    check(v, index, v.len())?;
    Ok(std::mem::replace(&mut v[index], item))
}

/// Moves the item at `from` so that it ends up at index `to`.
fn move_item<T>(v: &mut Vec<T>, from: usize, to: usize) -> Result<(), EditError> {
    check(v, from, v.len())?;
    check(v, to, v.len())?;
    let item = v.remove(from);
    v.insert(to, item);
    Ok(())
}
