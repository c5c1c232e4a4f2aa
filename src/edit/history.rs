use super::{Edit, EditError};
use crate::model::Journey;

/// Identifies a stream of edits that form one undo step, e.g. typing into one field of one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MergeKey {
    pub field: &'static str,
    pub item: u64,
}

#[derive(Clone, Debug)]
struct Step {
    undo: Edit,
    redo: Edit,
    merge: Option<MergeKey>,
    /// Names the journey state this step leads to, for the dirty flag.
    state: u64,
}

/// The undo/redo history of one journey.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// While true, the next edit with the top step's merge key joins that step.
    merging: bool,
    next_state: u64,
    saved_state: u64,
    revision: u64,
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies an edit as its own undo step. An edit that changes nothing records nothing.
    pub fn apply(&mut self, journey: &mut Journey, edit: Edit) -> Result<(), EditError> {
        self.record(journey, edit, None)
    }

    /// Applies an edit that joins the previous one while they share `key` and the stream was not
    /// sealed in between: typing a word into a field is one undo step, not one per character.
    pub fn apply_merging(
        &mut self,
        journey: &mut Journey,
        edit: Edit,
        key: MergeKey,
    ) -> Result<(), EditError> {
        self.record(journey, edit, Some(key))
    }

    /// Ends the current merge stream (focus left the field).
    pub fn seal(&mut self) {
        self.merging = false;
    }

    fn record(
        &mut self,
        journey: &mut Journey,
        edit: Edit,
        merge: Option<MergeKey>,
    ) -> Result<(), EditError> {
        let inverse = edit.clone().apply(journey)?;
        if inverse == edit {
            return Ok(());
        }
        self.next_state += 1;
        self.revision += 1;
        self.undone.clear();
        let state = self.next_state;
        match self.done.last_mut() {
            Some(top) if self.merging && merge.is_some() && top.merge == merge => {
                top.redo = edit;
                top.state = state;
            }
            _ => self.done.push(Step {
                undo: inverse,
                redo: edit,
                merge,
                state,
            }),
        }
        self.merging = merge.is_some();
        Ok(())
    }

    pub fn undo(&mut self, journey: &mut Journey) -> bool {
        self.merging = false;
        let Some(step) = self.done.pop() else {
            return false;
        };
        if step.undo.clone().apply(journey).is_err() {
            // Only a bug could get here; keep the step so nothing is silently lost.
            log::error!("undo failed; the history no longer matches the journey");
            self.done.push(step);
            return false;
        }
        self.revision += 1;
        self.undone.push(step);
        true
    }

    pub fn redo(&mut self, journey: &mut Journey) -> bool {
        self.merging = false;
        let Some(step) = self.undone.pop() else {
            return false;
        };
        if step.redo.clone().apply(journey).is_err() {
            log::error!("redo failed; the history no longer matches the journey");
            self.undone.push(step);
            return false;
        }
        self.revision += 1;
        self.done.push(step);
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// The state of the journey as the history knows it: equal states mean equal journeys.
    fn state(&self) -> u64 {
        self.done.last().map_or(0, |s| s.state)
    }

    /// True when the journey differs from what was last saved (or loaded).
    pub fn is_dirty(&self) -> bool {
        self.state() != self.saved_state
    }

    /// The journey differs from its file although nothing was edited here (a restored recovery).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    pub fn mark_saved(&mut self) {
        self.saved_state = self.state();
        self.merging = false;
    }

    /// The journey was replaced by a change made elsewhere (a colleague's, in a co-editing
    /// session): the steps recorded here no longer address it, so they go.
    pub fn replaced(&mut self) {
        self.done.clear();
        self.undone.clear();
        self.merging = false;
        self.revision += 1;
        self.saved_state = u64::MAX;
    }

    /// Counts every change, undo and redo included: caches and autosave watch it.
    pub fn revision(&self) -> u64 {
        self.revision
    }
}
