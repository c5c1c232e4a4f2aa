//! The journey as a Loro document, the shared state of a co-editing session.
//!
//! Each list of the journey (personas, stages, touchpoints, rows, targets) is a movable list of
//! maps, one map per item and one key per field: two people changing different fields of one card
//! both land, and a card moved by two people at once ends up in one place. Fields travel as their
//! serde (JSON) values, so a field added to the model is shared with no code here; the journey's
//! other fields (title, description, and any added later) are the keys of one map.

use crate::model::Journey;
use loro::{
    ContainerID, ContainerTrait, LoroDoc, LoroMap, LoroMovableList, LoroValue, ValueOrContainer,
};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// The journey's lists, each with the field that names an item in it.
const LISTS: [(&str, &str); 5] = [
    ("personas", "id"),
    ("stages", "id"),
    ("touchpoints", "id"),
    ("rows", "id"),
    ("targets", "metric"),
];

/// The map holding the journey's fields that are not lists.
const FIELDS: &str = "journey";

/// A journey shared through a Loro document.
pub struct SharedJourney {
    doc: LoroDoc,
    /// Which map of the document each item of the journey last read or written came from, by
    /// list and name: an item keeps its map even when its id is renumbered.
    maps: HashMap<(&'static str, String), ContainerID>,
}

#[derive(Debug, thiserror::Error)]
pub enum SharedError {
    #[error("the shared document refused a change: {0}")]
    Loro(#[from] loro::LoroError),
    #[error("the journey could not be written as values: {0}")]
    Values(#[from] serde_json::Error),
}

impl SharedJourney {
    /// An empty document (a participant's, before catching up with the host).
    pub fn new() -> Self {
        Self {
            doc: LoroDoc::new(),
            maps: HashMap::new(),
        }
    }

    pub fn doc(&self) -> &LoroDoc {
        &self.doc
    }

    /// Writes one local change, `before` → `after`, as one change of the document. Only what
    /// differs between the two is written (fields set, items added, removed or moved), so that
    /// what others changed meanwhile, already in the document or still on its way, stays.
    /// `before` is the journey last read or written.
    pub fn write(&mut self, before: &Journey, after: &Journey) -> Result<(), SharedError> {
        self.write_change(fields_of(before)?, fields_of(after)?)
    }

    /// Writes a whole journey into an empty document (the host's, when a session starts).
    pub fn start(&mut self, journey: &Journey) -> Result<(), SharedError> {
        self.write_change(Map::new(), fields_of(journey)?)
    }

    fn write_change(
        &mut self,
        mut old: Map<String, Value>,
        mut new: Map<String, Value>,
    ) -> Result<(), SharedError> {
        for (list, key) in LISTS {
            let items = |whole: &mut Map<String, Value>| match whole.remove(list) {
                Some(Value::Array(items)) => named(items, key),
                _ => Vec::new(),
            };
            let (old_items, new_items) = (items(&mut old), items(&mut new));
            self.write_list(list, old_items, new_items)?;
        }
        write_fields(&self.doc.get_map(FIELDS), &old, new)?;
        self.doc.commit();
        Ok(())
    }

    /// The journey the document holds, made valid. Two people who added an item at once may have
    /// given it the same id: the later one in the list gets a new id. A card whose persona or
    /// stage is gone (a lane deleted while another person filled it) is left out but stays in the
    /// document, so undoing the deletion brings it back. None if the document holds no journey.
    pub fn read(&mut self) -> Option<Journey> {
        let mut whole = match Value::from(self.doc.get_map(FIELDS).get_deep_value()) {
            Value::Object(fields) => fields,
            _ => Map::new(),
        };
        self.maps.clear();
        for (list, key) in LISTS {
            let items = self.read_list(list, key);
            whole.insert(list.to_owned(), Value::Array(items));
        }
        let mut journey: Journey = serde_json::from_value(Value::Object(whole)).ok()?;
        let personas: HashSet<_> = journey.personas.iter().map(|p| p.id).collect();
        let stages: HashSet<_> = journey.stages.iter().map(|s| s.id).collect();
        journey
            .touchpoints
            .retain(|t| personas.contains(&t.persona) && stages.contains(&t.stage));
        journey.validate().is_ok().then_some(journey)
    }

    /// The items of a list as JSON objects, in order, named uniquely.
    fn read_list(&mut self, list: &'static str, key: &str) -> Vec<Value> {
        let maps = maps_of(&self.doc.get_movable_list(list));
        let mut items: Vec<(ContainerID, Map<String, Value>)> = maps
            .into_iter()
            .filter_map(|map| match Value::from(map.get_deep_value()) {
                Value::Object(fields) => Some((map.id(), fields)),
                _ => None,
            })
            .collect();
        let mut next_id = items
            .iter()
            .filter_map(|(_, item)| item.get(key)?.as_u64())
            .max()
            .unwrap_or(0);
        let mut out = Vec::with_capacity(items.len());
        for (id, mut item) in items.drain(..) {
            let Some(mut name) = name_of(&item, key) else {
                continue;
            };
            if self.maps.contains_key(&(list, name.clone())) {
                // Only numeric ids can be renumbered; a second target for a metric is dropped.
                if !item.get(key).is_some_and(Value::is_u64) {
                    continue;
                }
                next_id += 1;
                item.insert(key.to_owned(), Value::from(next_id));
                name = next_id.to_string();
            }
            self.maps.insert((list, name), id);
            out.push(Value::Object(item));
        }
        out
    }

    /// Writes one list's change: removes the items that went, adds the new ones after the item
    /// that now precedes them, moves the ones whose order changed, and sets the fields that did.
    fn write_list(
        &mut self,
        list: &'static str,
        old: Vec<(String, Map<String, Value>)>,
        new: Vec<(String, Map<String, Value>)>,
    ) -> Result<(), SharedError> {
        let shared = self.doc.get_movable_list(list);
        let mut held: Vec<ContainerID> = maps_of(&shared).iter().map(ContainerTrait::id).collect();
        let old_at: HashMap<&str, usize> = old
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (name.as_str(), i))
            .collect();
        let new_names: HashSet<&str> = new.iter().map(|(name, _)| name.as_str()).collect();
        for (name, _) in &old {
            if new_names.contains(name.as_str()) {
                continue;
            }
            let id = self.maps.remove(&(list, name.clone()));
            if let Some(at) = id.and_then(|id| held.iter().position(|h| *h == id)) {
                shared.delete(at, 1)?;
                held.remove(at);
            }
        }
        let stay = kept_in_order(&new, &old_at);
        let mut previous: Option<ContainerID> = None;
        for (i, (name, fields)) in new.into_iter().enumerate() {
            let known = self.maps.get(&(list, name.clone())).cloned();
            let from = known
                .as_ref()
                .and_then(|id| held.iter().position(|h| h == id));
            // Just after the item that precedes it here, wherever that is in the document.
            let to = match &previous {
                Some(id) => held.iter().position(|h| h == id).map_or(0, |p| p + 1),
                None => 0,
            };
            let map = match from {
                Some(from) if stay.contains(&i) => existing(&shared, from),
                Some(from) => {
                    let to = if from < to { to - 1 } else { to };
                    if from != to {
                        shared.mov(from, to)?;
                        let id = held.remove(from);
                        held.insert(to, id);
                    }
                    existing(&shared, to)
                }
                None => {
                    let map = shared.insert_container(to, LoroMap::new())?;
                    held.insert(to, map.id());
                    self.maps.insert((list, name.clone()), map.id());
                    Some(map)
                }
            };
            let Some(map) = map else { continue };
            previous = Some(map.id());
            let before = old_at.get(name.as_str()).map(|&k| &old[k].1);
            write_fields(&map, before.unwrap_or(&Map::new()), fields)?;
        }
        Ok(())
    }
}

impl Default for SharedJourney {
    fn default() -> Self {
        Self::new()
    }
}

/// An item's name in its list (its id, or a target's metric), as text.
fn name_of(item: &Map<String, Value>, key: &str) -> Option<String> {
    item.get(key).map(|name| match name {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    })
}

/// The maps of a list, in order (anything else a hostile peer put there is skipped).
fn maps_of(list: &LoroMovableList) -> Vec<LoroMap> {
    (0..list.len())
        .filter_map(|i| match list.get(i)? {
            ValueOrContainer::Container(loro::Container::Map(map)) => Some(map),
            _ => None,
        })
        .collect()
}

/// Sets the keys whose values changed from `before` to `after` and removes those `after` lacks.
fn write_fields(
    map: &LoroMap,
    before: &Map<String, Value>,
    after: Map<String, Value>,
) -> Result<(), SharedError> {
    for name in before.keys() {
        if !after.contains_key(name) {
            map.delete(name)?;
        }
    }
    for (name, value) in after {
        if before.get(&name) != Some(&value) {
            map.insert(&name, LoroValue::from(value))?;
        }
    }
    Ok(())
}

fn fields_of(journey: &Journey) -> Result<Map<String, Value>, SharedError> {
    Ok(match serde_json::to_value(journey)? {
        Value::Object(fields) => fields,
        _ => Map::new(),
    })
}

/// The items of a list with their names; one without a name is left out.
fn named(items: Vec<Value>, key: &str) -> Vec<(String, Map<String, Value>)> {
    items
        .into_iter()
        .filter_map(|item| match item {
            Value::Object(fields) => Some((name_of(&fields, key)?, fields)),
            _ => None,
        })
        .collect()
}

fn existing(list: &LoroMovableList, index: usize) -> Option<LoroMap> {
    match list.get(index)? {
        ValueOrContainer::Container(loro::Container::Map(map)) => Some(map),
        _ => None,
    }
}

/// The positions in `new` of the items that kept their order from `old`: the longest run of
/// items whose old positions increase (the others moved, or are new).
fn kept_in_order(
    new: &[(String, Map<String, Value>)],
    old_at: &HashMap<&str, usize>,
) -> HashSet<usize> {
    let positions: Vec<(usize, usize)> = new
        .iter()
        .enumerate()
        .filter_map(|(i, (name, _))| Some((i, *old_at.get(name.as_str())?)))
        .collect();
    // Patience sorting: tails[k] ends the best run of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; positions.len()];
    for (j, &(_, old)) in positions.iter().enumerate() {
        let k = tails.partition_point(|&t| positions[t].1 < old);
        before[j] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(j);
        } else {
            tails[k] = j;
        }
    }
    let mut kept = HashSet::new();
    let mut at = tails.last().copied();
    while let Some(j) = at {
        kept.insert(positions[j].0);
        at = before[j];
    }
    kept
}
