//! Three-way merge of journeys by item id and by field: what each side changed lands; a field
//! both sides changed differently is a conflict, which keeps our value.

use super::diff::{places, stayed};
use super::fields::{self, Field, Fields};
use super::item::Item;
use super::order::{Placement, weave};
use crate::model::{Journey, Touchpoint, Violation};
use foldhash::{HashMap, HashMapExt, HashSet};
use serde::Serialize;
use std::borrow::Cow;

/// A field both sides changed, each differently; the merge kept ours.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The item, as the user knows it: `card 12 "Checkout"`, `journey`.
    pub item: String,
    pub field: &'static str,
    pub base: String,
    pub ours: String,
    pub theirs: String,
}

/// The merged journey and what could not be merged.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub journey: Journey,
    pub conflicts: Vec<Conflict>,
}

/// Picks the side that changed a field; notes a conflict when both did, differently.
struct Pick<'a> {
    item: String,
    conflicts: &'a mut Vec<Conflict>,
}

impl Fields for Pick<'_> {
    fn field<T: Field>(&mut self, name: &'static str, base: &T, ours: &T, theirs: &T) -> T {
        if ours == theirs || theirs == base {
            ours.clone()
        } else if ours == base {
            theirs.clone()
        } else {
            self.conflicts.push(Conflict {
                item: self.item.clone(),
                field: name,
                base: base.show(),
                ours: ours.show(),
                theirs: theirs.show(),
            });
            ours.clone()
        }
    }
}

/// Merges `ours` and `theirs`, both changed from `base`. Deterministic: the same three journeys
/// always give the same result. Fails only when the result would break an invariant, so that a
/// broken journey is never written.
pub fn merge(base: &Journey, ours: &Journey, theirs: &Journey) -> Result<Merged, Violation> {
    let theirs = renumber(base, ours, theirs);
    let mut conflicts = Vec::new();
    let personas = merge_list(
        &base.personas,
        &ours.personas,
        &theirs.personas,
        &mut conflicts,
    );
    let stages = merge_list(&base.stages, &ours.stages, &theirs.stages, &mut conflicts);
    let mut touchpoints = merge_list(
        &base.touchpoints,
        &ours.touchpoints,
        &theirs.touchpoints,
        &mut conflicts,
    );
    let mut rows = merge_list(&base.rows, &ours.rows, &theirs.rows, &mut conflicts);
    let targets = merge_list(
        &base.targets,
        &ours.targets,
        &theirs.targets,
        &mut conflicts,
    );
    let rounds = merge_list(&base.rounds, &ours.rounds, &theirs.rounds, &mut conflicts);

    // A card added or changed on one side in a lane or stage the other side removed has
    // nowhere to go: ours wins, the card is listed as a conflict.
    let persona_ids: HashSet<_> = personas.iter().map(|p| p.id).collect();
    let stage_ids: HashSet<_> = stages.iter().map(|s| s.id).collect();
    touchpoints.retain(|t| {
        let homeless = !persona_ids.contains(&t.persona) || !stage_ids.contains(&t.stage);
        if homeless {
            conflicts.push(Conflict {
                item: t.subject(),
                field: "persona and stage",
                base: String::new(),
                ours: "its persona or stage removed".to_owned(),
                theirs: "the card kept there".to_owned(),
            });
        }
        !homeless
    });
    for row in &mut rows {
        let row_label = row.subject();
        row.cells.retain(|c| {
            let kept = stage_ids.contains(&c.stage);
            if !kept {
                conflicts.push(Conflict {
                    item: row_label.clone(),
                    field: "notes",
                    base: String::new(),
                    ours: format!("stage {} removed", c.stage),
                    theirs: c.text.clone(),
                });
            }
            kept
        });
    }

    let lists = Journey {
        personas,
        stages,
        touchpoints,
        rows,
        targets,
        rounds,
        ..Journey::default()
    };
    let mut pick = Pick {
        item: "journey".to_owned(),
        conflicts: &mut conflicts,
    };
    let journey = fields::journey(&mut pick, base, ours, &theirs, lists);
    journey.validate()?;
    Ok(Merged { journey, conflicts })
}

/// One list merged: items by id, fields by [`Pick`], order by what each side moved.
fn merge_list<T: Item>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    conflicts: &mut Vec<Conflict>,
) -> Vec<T> {
    let base_by_id: HashMap<T::Id, &T> = base.iter().map(|i| (i.key(), i)).collect();
    let theirs_by_id: HashMap<T::Id, &T> = theirs.iter().map(|i| (i.key(), i)).collect();
    let ours_ids: HashSet<T::Id> = ours.iter().map(Item::key).collect();
    // Borrowed until the end: most items are taken whole from one side, and copied once.
    let mut merged: HashMap<T::Id, Cow<T>> = HashMap::with_capacity(ours.len());

    for o in ours {
        let id = o.key();
        match (base_by_id.get(&id), theirs_by_id.get(&id)) {
            // Most items changed on one side at most: taken whole, without a walk of fields.
            (Some(b), Some(t)) if o == *t || t == b => {
                merged.insert(id, Cow::Borrowed(o));
            }
            (Some(b), Some(t)) if o == *b => {
                merged.insert(id, Cow::Borrowed(*t));
            }
            (Some(b), Some(t)) => {
                let mut pick = Pick {
                    item: o.subject(),
                    conflicts,
                };
                merged.insert(id, Cow::Owned(T::fields(&mut pick, b, o, t)));
            }
            // Removed on their side: gone, unless we changed it.
            (Some(b), None) => {
                if o != *b {
                    conflicts.push(removed_but_changed(o, "changed", "removed"));
                    merged.insert(id, Cow::Borrowed(o));
                }
            }
            // New on both sides under one key, differently (items known by a name, not a
            // number, are not renumbered): ours is kept, and listed.
            (None, Some(t)) if o != *t => {
                conflicts.push(Conflict {
                    item: o.subject(),
                    field: "added",
                    base: String::new(),
                    ours: "added".to_owned(),
                    theirs: "added differently".to_owned(),
                });
                merged.insert(id, Cow::Borrowed(o));
            }
            // New on our side (and on theirs only when identical: see `renumber`).
            (None, _) => {
                merged.insert(id, Cow::Borrowed(o));
            }
        }
    }
    for t in theirs.iter().filter(|t| !ours_ids.contains(&t.key())) {
        match base_by_id.get(&t.key()) {
            // We removed it; if they changed it, ours still wins, and it is listed.
            Some(b) if t != *b => conflicts.push(removed_but_changed(t, "removed", "changed")),
            Some(_) => {}
            None => {
                merged.insert(t.key(), Cow::Borrowed(t));
            }
        }
    }

    // Order: ours, with what they added or moved put after its neighbour on their side, unless
    // we moved it too.
    let base_places = places(base);
    let placed_by = |side: &[T]| -> HashSet<T::Id> {
        let kept = stayed(&base_places, side);
        side.iter()
            .map(Item::key)
            .filter(|id| !kept.contains(id))
            .collect()
    };
    let ours_placed = placed_by(ours);
    let theirs_placed: HashSet<T::Id> = placed_by(theirs)
        .into_iter()
        .filter(|id| !ours_placed.contains(id) && merged.contains_key(id))
        .collect();
    let group_of = |id: &T::Id| merged.get(id).map(|i| i.group());
    let their_places = places(theirs);
    let placements: Vec<Placement<T::Id>> = theirs
        .iter()
        .map(Item::key)
        .filter(|id| theirs_placed.contains(id))
        .map(|id| {
            // Their nearest neighbour that is in the result, in the same group.
            let mut after = their_places.get(&id).and_then(|(_, _, b)| b.clone());
            while let Some(a) = &after
                && (group_of(a) != group_of(&id))
            {
                after = their_places.get(a).and_then(|(_, _, b)| b.clone());
            }
            Placement { id, after }
        })
        .collect();
    let kept: Vec<T::Id> = ours
        .iter()
        .map(Item::key)
        .filter(|id| merged.contains_key(id) && !theirs_placed.contains(id))
        .collect();
    let order = weave(&kept, &placements, group_of, |id| ours_placed.contains(id));
    order
        .into_iter()
        .filter_map(|id| merged.remove(&id).map(Cow::into_owned))
        .collect()
}

/// An item one side removed and the other changed.
fn removed_but_changed<T: Item>(item: &T, ours: &str, theirs: &str) -> Conflict {
    Conflict {
        item: item.subject(),
        field: "removed",
        base: "there".to_owned(),
        ours: ours.to_owned(),
        theirs: theirs.to_owned(),
    }
}

/// Their side with its new ids that clash with different new items of ours renumbered (to ids
/// neither side uses), and every reference to them following.
/// Usually nothing clashes, and their side is taken as it is.
fn renumber<'a>(base: &Journey, ours: &Journey, theirs: &'a Journey) -> Cow<'a, Journey> {
    let card_id = |t: &Touchpoint| t.id.0;
    let personas = clashes(&base.personas, &ours.personas, &theirs.personas, |p| p.id.0);
    let stages = clashes(&base.stages, &ours.stages, &theirs.stages, |s| s.id.0);
    if personas.is_empty()
        && stages.is_empty()
        && clashes(
            &base.touchpoints,
            &ours.touchpoints,
            &theirs.touchpoints,
            card_id,
        )
        .is_empty()
        && clashes(&base.rows, &ours.rows, &theirs.rows, |r| r.id.0).is_empty()
    {
        return Cow::Borrowed(theirs);
    }
    let mut theirs = theirs.clone();
    let follow = |map: &HashMap<u32, u32>, id: u32| map.get(&id).copied().unwrap_or(id);
    for p in &mut theirs.personas {
        p.id.0 = follow(&personas, p.id.0);
    }
    for s in &mut theirs.stages {
        s.id.0 = follow(&stages, s.id.0);
    }
    for t in &mut theirs.touchpoints {
        t.persona.0 = follow(&personas, t.persona.0);
        t.stage.0 = follow(&stages, t.stage.0);
    }
    for r in &mut theirs.rows {
        for c in &mut r.cells {
            c.stage.0 = follow(&stages, c.stage.0);
        }
    }
    let cards = clashes(
        &base.touchpoints,
        &ours.touchpoints,
        &theirs.touchpoints,
        card_id,
    );
    for t in &mut theirs.touchpoints {
        t.id.0 = follow(&cards, t.id.0);
    }
    // Their rounds' dots go with the cards they were given to.
    for dots in theirs.rounds.iter_mut().flat_map(|r| &mut r.results) {
        dots.card.0 = follow(&cards, dots.card.0);
    }
    let rows = clashes(&base.rows, &ours.rows, &theirs.rows, |r| r.id.0);
    for r in &mut theirs.rows {
        r.id.0 = follow(&rows, r.id.0);
    }
    Cow::Owned(theirs)
}

/// Their new ids that ours also gave to a new, different item, each with a fresh id.
fn clashes<T: PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    id: impl Fn(&T) -> u32,
) -> HashMap<u32, u32> {
    let in_base: HashSet<u32> = base.iter().map(&id).collect();
    let ours_new: HashMap<u32, &T> = ours
        .iter()
        .filter(|o| !in_base.contains(&id(o)))
        .map(|o| (id(o), o))
        .collect();
    let mut used: HashSet<u32> = base.iter().chain(ours).chain(theirs).map(&id).collect();
    let mut next = used.iter().max().map_or(1, |m| m.saturating_add(1));
    let mut map = HashMap::new();
    for t in theirs {
        if ours_new.get(&id(t)).is_some_and(|o| *o != t) {
            // Upwards from past the largest id; a hand-edited file may hold u32::MAX.
            while used.contains(&next) || next == 0 {
                next = next.wrapping_add(1);
            }
            used.insert(next);
            map.insert(id(t), next);
        }
    }
    map
}
