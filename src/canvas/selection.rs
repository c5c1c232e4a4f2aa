use crate::model::{Journey, PersonaId, RowId, StageId, TouchpointId};

/// What the user has selected: cards, or one lane, one column or one stage row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    Nothing,
    /// In the order they were picked.
    Cards(Vec<TouchpointId>),
    Persona(PersonaId),
    Stage(StageId),
    Row(RowId),
}

impl Selection {
    pub fn cards(&self) -> &[TouchpointId] {
        match self {
            Selection::Cards(ids) => ids,
            _ => &[],
        }
    }

    pub fn contains_card(&self, id: TouchpointId) -> bool {
        self.cards().contains(&id)
    }

    /// Click: select only this card. Shift/Ctrl-click: add it, or take it out again.
    pub fn click_card(&mut self, id: TouchpointId, add: bool) {
        match self {
            Selection::Cards(ids) if add => {
                if let Some(i) = ids.iter().position(|&c| c == id) {
                    ids.remove(i);
                } else {
                    ids.push(id);
                }
            }
            _ => *self = Selection::Cards(vec![id]),
        }
    }

    /// Drops ids that no longer exist (after undo, delete, or a reload).
    pub fn retain_existing(&mut self, j: &Journey) {
        let keep = match self {
            Selection::Nothing => true,
            Selection::Cards(ids) => {
                let existing: std::collections::HashSet<_> =
                    j.touchpoints.iter().map(|t| t.id).collect();
                ids.retain(|id| existing.contains(id));
                !ids.is_empty()
            }
            Selection::Persona(id) => j.persona(*id).is_some(),
            Selection::Stage(id) => j.stage(*id).is_some(),
            Selection::Row(id) => j.row_index(*id).is_some(),
        };
        if !keep {
            *self = Selection::Nothing;
        }
    }
}
