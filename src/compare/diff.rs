//! What changed between two versions of a journey, item by item (matched by id) and field by
//! field, and applying those changes to the old version to get the new one.

use super::fields::{self, Differences, FieldChange, Fields};
use super::item::Item;
use super::order::{Placement, unmoved, weave};
use crate::model::{Journey, Persona, Stage, StageRow, Target, Touchpoint, VotingRound};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// One change to one item of a list.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemChange<T: Item> {
    /// New, placed after `after` in its group (first when `None`).
    Added { item: T, after: Option<T::Id> },
    /// Gone; `after` is its old neighbour, to show it where it was.
    Removed { item: T, after: Option<T::Id> },
    /// Now elsewhere: another group, or another place in its group. `item` is the new version.
    Moved {
        item: T,
        from: T::Group,
        /// Positions in the group, from 0.
        old_position: usize,
        new_position: usize,
        after: Option<T::Id>,
    },
    /// Fields changed (`item` is the new version); a move is listed apart.
    Changed { item: T, fields: Vec<FieldChange> },
}

impl<T: Item> ItemChange<T> {
    /// The item as it is now, or as it was for one removed.
    pub fn item(&self) -> &T {
        match self {
            ItemChange::Added { item, .. }
            | ItemChange::Removed { item, .. }
            | ItemChange::Moved { item, .. }
            | ItemChange::Changed { item, .. } => item,
        }
    }
}

/// One change in a journey.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The journey's own fields; `now` holds their new values (its lists are empty).
    Journey {
        fields: Vec<FieldChange>,
        now: Box<Journey>,
    },
    Persona(ItemChange<Persona>),
    Stage(ItemChange<Stage>),
    Card(ItemChange<Touchpoint>),
    Row(ItemChange<StageRow>),
    Target(ItemChange<Target>),
    Round(ItemChange<VotingRound>),
}

/// Every change from one journey to another: the journey's fields, then personas, stages,
/// cards, rows, targets and voting rounds; in each list the removals, then the rest in the new order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diff {
    pub changes: Vec<Change>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.changes.len()
    }
}

pub fn diff(old: &Journey, new: &Journey) -> Diff {
    let mut changes = Vec::new();
    let mut journey_fields = Differences::default();
    // The journey's own fields only: its lists are compared item by item below.
    let now = fields::journey(&mut journey_fields, old, new, new, Journey::default());
    if !journey_fields.0.is_empty() {
        changes.push(Change::Journey {
            fields: journey_fields.0,
            now: Box::new(now),
        });
    }
    changes.extend(list(&old.personas, &new.personas).map(Change::Persona));
    changes.extend(list(&old.stages, &new.stages).map(Change::Stage));
    changes.extend(list(&old.touchpoints, &new.touchpoints).map(Change::Card));
    changes.extend(list(&old.rows, &new.rows).map(Change::Row));
    changes.extend(list(&old.targets, &new.targets).map(Change::Target));
    changes.extend(list(&old.rounds, &new.rounds).map(Change::Round));
    Diff { changes }
}

/// Where each item stands in its group: (group, position, the item before it in the group).
pub(super) type Places<T> =
    HashMap<<T as Item>::Id, (<T as Item>::Group, usize, Option<<T as Item>::Id>)>;

pub(super) fn places<T: Item>(items: &[T]) -> Places<T> {
    let mut last: HashMap<T::Group, (usize, T::Id)> = HashMap::new();
    let mut out = HashMap::with_capacity(items.len());
    for item in items {
        let group = item.group();
        let (position, before) = match last.get(&group) {
            Some((p, id)) => (p + 1, Some(id.clone())),
            None => (0, None),
        };
        last.insert(group.clone(), (position, item.key()));
        out.insert(item.key(), (group, position, before));
    }
    out
}

/// The items of `new` that kept their place: in the same group as in `old`, and in a longest
/// run of such items that kept their order. The others were added or moved.
pub(super) fn stayed<T: Item>(old_places: &Places<T>, new: &[T]) -> HashSet<T::Id> {
    let mut runs: HashMap<T::Group, Vec<(usize, T::Id)>> = HashMap::new();
    for item in new {
        if let Some((group, position, _)) = old_places.get(&item.key())
            && *group == item.group()
        {
            runs.entry(item.group())
                .or_default()
                .push((*position, item.key()));
        }
    }
    let mut stayed = HashSet::new();
    for run in runs.values() {
        let ranks: Vec<usize> = run.iter().map(|(p, _)| *p).collect();
        for (kept, (_, id)) in unmoved(&ranks).into_iter().zip(run) {
            if kept {
                stayed.insert(id.clone());
            }
        }
    }
    stayed
}

/// The changes from `old` to `new` of one list.
pub fn list<T: Item>(old: &[T], new: &[T]) -> impl Iterator<Item = ItemChange<T>> {
    let old_by_id: HashMap<T::Id, &T> = old.iter().map(|i| (i.key(), i)).collect();
    let new_ids: HashSet<T::Id> = new.iter().map(Item::key).collect();
    let old_places = places(old);
    let new_places = places(new);
    let stayed = stayed(&old_places, new);

    let mut out = Vec::new();
    for item in old.iter().filter(|i| !new_ids.contains(&i.key())) {
        let after = old_places.get(&item.key()).and_then(|(_, _, b)| b.clone());
        out.push(ItemChange::Removed {
            item: item.clone(),
            after,
        });
    }
    for item in new {
        let (_, new_position, after) = new_places[&item.key()].clone();
        let Some(before) = old_by_id.get(&item.key()) else {
            out.push(ItemChange::Added {
                item: item.clone(),
                after,
            });
            continue;
        };
        if !stayed.contains(&item.key()) {
            let (from, old_position, _) = old_places[&item.key()].clone();
            out.push(ItemChange::Moved {
                item: item.clone(),
                from,
                old_position,
                new_position,
                after,
            });
        }
        if *before == item {
            continue;
        }
        let mut differences = Differences::default();
        T::fields(&mut differences, before, item, item);
        differences
            .0
            .retain(|c| !T::PLACE_FIELDS.contains(&c.field));
        if !differences.0.is_empty() {
            out.push(ItemChange::Changed {
                item: item.clone(),
                fields: differences.0,
            });
        }
    }
    out.into_iter()
}

/// Takes the new version's side of every field.
struct Theirs;

impl Fields for Theirs {
    fn field<T: super::fields::Field>(&mut self, _: &'static str, _: &T, _: &T, theirs: &T) -> T {
        theirs.clone()
    }
}

/// `old` with the listed changes made: applying `diff(old, new)` gives `new` (up to the order
/// of cards of different cells, which means nothing).
pub fn apply(old: &Journey, diff: &Diff) -> Journey {
    let mut personas = Vec::new();
    let mut stages = Vec::new();
    let mut cards = Vec::new();
    let mut rows = Vec::new();
    let mut targets = Vec::new();
    let mut rounds = Vec::new();
    let mut own = None;
    for change in &diff.changes {
        match change {
            Change::Journey { now, .. } => own = Some(now.as_ref()),
            Change::Persona(c) => personas.push(c.clone()),
            Change::Stage(c) => stages.push(c.clone()),
            Change::Card(c) => cards.push(c.clone()),
            Change::Row(c) => rows.push(c.clone()),
            Change::Target(c) => targets.push(c.clone()),
            Change::Round(c) => rounds.push(c.clone()),
        }
    }
    let lists = Journey {
        personas: apply_list(&old.personas, &personas),
        stages: apply_list(&old.stages, &stages),
        touchpoints: apply_list(&old.touchpoints, &cards),
        rows: apply_list(&old.rows, &rows),
        targets: apply_list(&old.targets, &targets),
        rounds: apply_list(&old.rounds, &rounds),
        ..Journey::default()
    };
    fields::journey(&mut Theirs, old, old, own.unwrap_or(old), lists)
}

/// One list with its changes made.
pub fn apply_list<T: Item>(old: &[T], changes: &[ItemChange<T>]) -> Vec<T> {
    let mut items: HashMap<T::Id, T> = old.iter().map(|i| (i.key(), i.clone())).collect();
    let mut placed = Vec::new();
    let mut moving = HashSet::new();
    for change in changes {
        match change {
            ItemChange::Removed { item, .. } => {
                items.remove(&item.key());
            }
            ItemChange::Changed { item, .. } => {
                items.insert(item.key(), item.clone());
            }
            ItemChange::Added { item, after } | ItemChange::Moved { item, after, .. } => {
                moving.insert(item.key());
                placed.push(Placement {
                    id: item.key(),
                    after: after.clone(),
                });
                items.insert(item.key(), item.clone());
            }
        }
    }
    let kept: Vec<T::Id> = old
        .iter()
        .map(Item::key)
        .filter(|id| items.contains_key(id) && !moving.contains(id))
        .collect();
    let order = weave(
        &kept,
        &placed,
        |id| items.get(id).map(Item::group),
        |_| false,
    );
    order
        .into_iter()
        .filter_map(|id| items.remove(&id))
        .collect()
}
