//! The journey as a Loro document, the shared state of a co-editing session.
//!
//! Each list of the journey (personas, stages, touchpoints, rows, targets) is a movable list of
//! maps, one map per item and one key per field: two people changing different fields of one card
//! both land, and a card moved by two people at once ends up in one place. Fields travel as their
//! serde (JSON) values, so a field added to an item is shared with no code here; the journey's
//! other fields (title, description, voting rounds) are the keys of one map.
//!
//! Both directions touch only what changed: a local edit compares the typed items before and
//! after it and writes only those that differ, and reading keeps each item read before until the
//! document says its map changed. On a 5,000-card map an edit or a colleague's change costs a
//! fraction of a frame (`cargo bench --bench session`).

use crate::model::{Journey, Persona, Stage, StageRow, Target, Touchpoint};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use loro::{
    ContainerID, ContainerTrait, ContainerType, ExportMode, LoroDoc, LoroMap, LoroMovableList,
    LoroValue, Subscription, VersionVector,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The map holding the journey's fields that are not lists.
const FIELDS: &str = "journey";

/// An item of one of the journey's lists as the document keeps it: one map, one key per field.
trait Item: Serialize + DeserializeOwned + PartialEq + Clone {
    /// The list's name in the document.
    const LIST: &'static str;
    /// What names the item in its list: its id, or a target's metric.
    fn name(&self) -> String;
    /// Its id's number, when it has one (a target has none and cannot be renumbered).
    fn number(&self) -> Option<u32>;
    /// Whether `other` is this item, changed or not.
    fn is(&self, other: &Self) -> bool;
    fn renumber(&mut self, number: u32);
    /// The items of this list last read, by their map.
    fn read_before(cache: &mut Cache) -> &mut HashMap<ContainerID, Self>;
}

macro_rules! numbered_item {
    ($type:ty, $list:literal, $field:ident) => {
        impl Item for $type {
            const LIST: &'static str = $list;
            fn name(&self) -> String {
                self.id.0.to_string()
            }
            fn number(&self) -> Option<u32> {
                Some(self.id.0)
            }
            fn is(&self, other: &Self) -> bool {
                self.id == other.id
            }
            fn renumber(&mut self, number: u32) {
                self.id.0 = number;
            }
            fn read_before(cache: &mut Cache) -> &mut HashMap<ContainerID, Self> {
                &mut cache.$field
            }
        }
    };
}

numbered_item!(Persona, "personas", personas);
numbered_item!(Stage, "stages", stages);
numbered_item!(Touchpoint, "touchpoints", touchpoints);
numbered_item!(StageRow, "rows", rows);

impl Item for Target {
    const LIST: &'static str = "targets";
    fn name(&self) -> String {
        self.metric.clone()
    }
    fn number(&self) -> Option<u32> {
        None
    }
    fn is(&self, other: &Self) -> bool {
        self.metric == other.metric
    }
    fn renumber(&mut self, _: u32) {}
    fn read_before(cache: &mut Cache) -> &mut HashMap<ContainerID, Self> {
        &mut cache.targets
    }
}

/// The items last read, by the map they came from, so that reading again parses only the maps
/// that changed since.
#[derive(Default)]
struct Cache {
    personas: HashMap<ContainerID, Persona>,
    stages: HashMap<ContainerID, Stage>,
    touchpoints: HashMap<ContainerID, Touchpoint>,
    rows: HashMap<ContainerID, StageRow>,
    targets: HashMap<ContainerID, Target>,
}

/// A journey shared through a Loro document.
pub struct SharedJourney {
    doc: SessionDoc,
    /// Which map of the document each item of the journey last read or written came from, by
    /// list and name: an item keeps its map even when its id is renumbered.
    maps: HashMap<(&'static str, String), ContainerID>,
    read_before: Cache,
    /// The maps changed since the last read, whoever changed them (told by the document).
    changed: Arc<Mutex<HashSet<ContainerID>>>,
    _changes: Subscription,
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
        let doc = LoroDoc::new();
        let changed: Arc<Mutex<HashSet<ContainerID>>> = Arc::default();
        let seen = changed.clone();
        let changes = doc.subscribe_root(Arc::new(move |event| {
            let mut seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
            for diff in event.events {
                // A container nested in an item (only a hostile peer makes one) changes the item.
                seen.extend(diff.path.iter().map(|(id, _)| id.clone()));
                seen.insert(diff.target.clone());
            }
        }));
        Self {
            doc: SessionDoc {
                doc,
                gate: Arc::default(),
            },
            maps: HashMap::new(),
            read_before: Cache::default(),
            changed,
            _changes: changes,
        }
    }

    pub fn doc(&self) -> &LoroDoc {
        &self.doc.doc
    }

    /// The document as a session's connections share it.
    pub fn session_doc(&self) -> SessionDoc {
        self.doc.clone()
    }

    /// Keeps the others' changes out until dropped, for a change made directly on the document
    /// (an undo) to be made whole.
    pub fn hold(&self) -> MutexGuard<'_, ()> {
        self.doc.gate.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Writes one local change, `before` → `after`, as one change of the document. Only what
    /// differs between the two is written (fields set, items added, removed or moved), so that
    /// what others changed meanwhile, already in the document or still on its way, stays.
    /// `before` is the journey last read or written.
    pub fn write(&mut self, before: &Journey, after: &Journey) -> Result<(), SharedError> {
        let gate = self.doc.gate.clone();
        let _whole = gate.lock().unwrap_or_else(PoisonError::into_inner);
        self.write_list(&before.personas, &after.personas)?;
        self.write_list(&before.stages, &after.stages)?;
        self.write_list(&before.touchpoints, &after.touchpoints)?;
        self.write_list(&before.rows, &after.rows)?;
        self.write_list(&before.targets, &after.targets)?;
        let fields = self.doc().get_map(FIELDS);
        write_fields(&fields, &other_fields(before)?, other_fields(after)?)?;
        self.doc().commit();
        Ok(())
    }

    /// Writes a whole journey into an empty document (the host's, when a session starts).
    pub fn start(&mut self, journey: &Journey) -> Result<(), SharedError> {
        let empty = Journey {
            title: String::new(),
            ..Journey::default()
        };
        let fields = self.doc().get_map(FIELDS);
        write_fields(&fields, &Map::new(), other_fields(&empty)?)?;
        self.write(&empty, journey)
    }

    /// The journey the document holds, made valid. Two people who added an item at once may have
    /// given it the same id: the later one in the list gets a new id. A card whose persona or
    /// stage is gone (a lane deleted while another person filled it) is left out but stays in the
    /// document, so undoing the deletion brings it back. None if the document holds no journey.
    pub fn read(&mut self) -> Option<Journey> {
        let gate = self.doc.gate.clone();
        let _whole = gate.lock().unwrap_or_else(PoisonError::into_inner);
        let changed =
            std::mem::take(&mut *self.changed.lock().unwrap_or_else(PoisonError::into_inner));
        let fields = Value::from(self.doc().get_map(FIELDS).get_deep_value());
        let mut journey: Journey = serde_json::from_value(fields).ok()?;
        self.maps.clear();
        journey.personas = self.read_list(&changed);
        journey.stages = self.read_list(&changed);
        journey.touchpoints = self.read_list(&changed);
        journey.rows = self.read_list(&changed);
        journey.targets = self.read_list(&changed);
        let personas: HashSet<_> = journey.personas.iter().map(|p| p.id).collect();
        let stages: HashSet<_> = journey.stages.iter().map(|s| s.id).collect();
        journey
            .touchpoints
            .retain(|t| personas.contains(&t.persona) && stages.contains(&t.stage));
        journey.validate().is_ok().then_some(journey)
    }

    /// A list's items in order, named uniquely; maps not changed since the last read are not
    /// parsed again. An item a peer wrote that is not one (a hostile or newer peer) is left out.
    fn read_list<T: Item>(&mut self, changed: &HashSet<ContainerID>) -> Vec<T> {
        let ids = item_maps(&self.doc().get_movable_list(T::LIST));
        let cache = T::read_before(&mut self.read_before);
        let mut items: Vec<(ContainerID, T)> = Vec::with_capacity(ids.len());
        for id in ids {
            if changed.contains(&id) || !cache.contains_key(&id) {
                let value = Value::from(self.doc.doc.get_map(id.clone()).get_deep_value());
                match serde_json::from_value::<T>(value) {
                    Ok(item) => cache.insert(id.clone(), item),
                    Err(_) => cache.remove(&id),
                };
            }
            if let Some(item) = cache.get(&id) {
                items.push((id, item.clone()));
            }
        }
        // Forget the maps that left the list.
        if cache.len() > items.len() {
            let present: HashSet<&ContainerID> = items.iter().map(|(id, _)| id).collect();
            cache.retain(|id, _| present.contains(id));
        }
        let mut next = items.iter().filter_map(|(_, i)| i.number()).max();
        let mut out = Vec::with_capacity(items.len());
        for (id, mut item) in items {
            let key = (T::LIST, item.name());
            if self.maps.contains_key(&key) {
                // Only numbered items can be renumbered; a second target for a metric is dropped.
                let Some(number) = next.and_then(|n| n.checked_add(1)) else {
                    continue;
                };
                next = Some(number);
                item.renumber(number);
                self.maps.insert((T::LIST, item.name()), id);
            } else {
                self.maps.insert(key, id);
            }
            out.push(item);
        }
        out
    }

    /// Writes the fields of the items that changed, when none was added, removed or moved (an
    /// edit of fields, the most common kind). False when that is not so, or an item's map is not
    /// known: nothing was written then.
    fn write_fields_only<T: Item>(&self, old: &[T], new: &[T]) -> Result<bool, SharedError> {
        if old.len() != new.len() || !old.iter().zip(new).all(|(a, b)| a.is(b)) {
            return Ok(false);
        }
        let mut changed = Vec::new();
        for (was, item) in old.iter().zip(new).filter(|(a, b)| a != b) {
            match self.maps.get(&(T::LIST, item.name())) {
                Some(id) => changed.push((id, was, item)),
                None => return Ok(false),
            }
        }
        for (id, was, item) in changed {
            let map = self.doc().get_map(id.clone());
            // Someone deleted the item meanwhile: their deletion wins, as it does when the two
            // changes cross on the network.
            if !map.is_deleted() {
                write_fields(&map, &values(was)?, values(item)?)?;
            }
        }
        Ok(true)
    }

    /// Writes one list's change: removes the items that went, adds the new ones after the item
    /// that now precedes them, moves the ones whose order changed, and sets the fields that did.
    fn write_list<T: Item>(&mut self, old: &[T], new: &[T]) -> Result<(), SharedError> {
        if old == new || self.write_fields_only(old, new)? {
            return Ok(());
        }
        let list = T::LIST;
        let shared = self.doc().get_movable_list(list);
        let mut held = Held::new(item_maps(&shared));
        let old_names: Vec<String> = old.iter().map(Item::name).collect();
        let old_at: HashMap<&str, usize> = old_names
            .iter()
            .enumerate()
            .map(|(i, name)| (name.as_str(), i))
            .collect();
        let new_names: Vec<String> = new.iter().map(Item::name).collect();
        let staying: HashSet<&str> = new_names.iter().map(String::as_str).collect();
        for name in &old_names {
            if staying.contains(name.as_str()) {
                continue;
            }
            let id = self.maps.remove(&(list, name.clone()));
            if let Some(at) = id.and_then(|id| held.position(&id)) {
                shared.delete(at, 1)?;
                held.remove(at);
            }
        }
        let stay = kept_in_order(&new_names, &old_at);
        let mut previous: Option<ContainerID> = None;
        for (i, (name, item)) in new_names.iter().zip(new).enumerate() {
            let known = self.maps.get(&(list, name.clone())).cloned();
            let from = known.as_ref().and_then(|id| held.position(id));
            // Just after the item that precedes it here, wherever that is in the document.
            let to = previous
                .as_ref()
                .map_or(0, |id| held.position(id).map_or(0, |p| p + 1));
            let was = old_at.get(name.as_str()).map(|&k| &old[k]);
            let map = match (from, known) {
                // Deleted by someone else meanwhile: their deletion wins (see above).
                (None, Some(_)) => continue,
                (Some(from), Some(id)) => {
                    if !stay.contains(&i) {
                        let to = if from < to { to - 1 } else { to };
                        if from != to {
                            shared.mov(from, to)?;
                            held.mov(from, to);
                        }
                    }
                    if was == Some(item) {
                        previous = Some(id);
                        continue;
                    }
                    self.doc().get_map(id)
                }
                _ => {
                    let map = shared.insert_container(to, LoroMap::new())?;
                    held.insert(to, map.id());
                    self.maps.insert((list, name.clone()), map.id());
                    map
                }
            };
            previous = Some(map.id());
            let was = was.map(values).transpose()?.unwrap_or_default();
            write_fields(&map, &was, values(item)?)?;
        }
        Ok(())
    }
}

/// The document as a session's connections use it. Others' changes are imported only between
/// local changes: Loro commits a pending change when it imports, so a change imported in the
/// middle of one would split it and move the places it was writing to.
#[derive(Clone)]
pub struct SessionDoc {
    doc: LoroDoc,
    gate: Arc<Mutex<()>>,
}

impl SessionDoc {
    pub fn loro(&self) -> &LoroDoc {
        &self.doc
    }

    fn hold(&self) -> MutexGuard<'_, ()> {
        self.gate.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes in changes from other peers, all at once when they are all valid; says of each
    /// whether it was a valid update.
    pub fn import_all(&self, updates: &[Vec<u8>]) -> Vec<bool> {
        let _whole = self.hold();
        if self.doc.import_batch(updates).is_ok() {
            return vec![true; updates.len()];
        }
        // One is not an update: the others go in one by one (importing one again changes nothing).
        updates
            .iter()
            .map(|update| self.doc.import(update).is_ok())
            .collect()
    }

    /// What this document holds that a peer holding `theirs` lacks.
    pub fn updates_since(&self, theirs: &VersionVector) -> Option<Vec<u8>> {
        let _whole = self.hold();
        self.doc.export(ExportMode::updates(theirs)).ok()
    }

    /// What this document holds, as a version vector's bytes.
    pub fn version(&self) -> Vec<u8> {
        let _whole = self.hold();
        self.doc.oplog_vv().encode()
    }
}

impl Default for SharedJourney {
    fn default() -> Self {
        Self::new()
    }
}

/// The maps of a list in the document's order, with each one's place found without a search.
struct Held {
    ids: Vec<ContainerID>,
    /// Where each map is; rebuilt only after an insert or a move.
    at: HashMap<ContainerID, usize>,
    stale: bool,
}

impl Held {
    fn new(ids: Vec<ContainerID>) -> Held {
        Held {
            ids,
            at: HashMap::new(),
            stale: true,
        }
    }

    fn position(&mut self, id: &ContainerID) -> Option<usize> {
        if self.stale {
            self.at = self.ids.iter().cloned().zip(0..).collect();
            self.stale = false;
        }
        self.at.get(id).copied()
    }

    fn remove(&mut self, at: usize) {
        self.ids.remove(at);
        self.stale = true;
    }

    fn insert(&mut self, at: usize, id: ContainerID) {
        self.ids.insert(at, id);
        self.stale = true;
    }

    fn mov(&mut self, from: usize, to: usize) {
        let id = self.ids.remove(from);
        self.ids.insert(to, id);
        self.stale = true;
    }
}

/// The maps of a list, in order (anything else a hostile peer put there is skipped), read from
/// the list's shallow value: the items themselves are not read.
fn item_maps(list: &LoroMovableList) -> Vec<ContainerID> {
    match list.get_value() {
        LoroValue::List(values) => values
            .iter()
            .filter_map(|value| match value {
                LoroValue::Container(id) if id.container_type() == ContainerType::Map => {
                    Some(id.clone())
                }
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
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

/// An item's fields as values.
fn values(item: &impl Serialize) -> Result<Map<String, Value>, SharedError> {
    Ok(match serde_json::to_value(item)? {
        Value::Object(fields) => fields,
        _ => Map::new(),
    })
}

/// The journey's fields that are not lists, as values.
fn other_fields(journey: &Journey) -> Result<Map<String, Value>, SharedError> {
    // Without `..`: a field added to the journey must be shared, here or as a list.
    let Journey {
        version,
        title,
        description,
        rounds,
        personas: _,
        stages: _,
        touchpoints: _,
        rows: _,
        targets: _,
    } = journey;
    let rest = Journey {
        version: *version,
        title: title.clone(),
        description: description.clone(),
        rounds: rounds.clone(),
        ..Journey::default()
    };
    let mut fields = values(&rest)?;
    for list in [
        Persona::LIST,
        Stage::LIST,
        Touchpoint::LIST,
        StageRow::LIST,
        Target::LIST,
    ] {
        fields.remove(list);
    }
    Ok(fields)
}

/// The positions in `new` of the items that kept their order from `old`: the longest run of
/// items whose old positions increase (the others moved, or are new).
fn kept_in_order(new: &[String], old_at: &HashMap<&str, usize>) -> HashSet<usize> {
    let positions: Vec<(usize, usize)> = new
        .iter()
        .enumerate()
        .filter_map(|(i, name)| Some((i, *old_at.get(name.as_str())?)))
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
