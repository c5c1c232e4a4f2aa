//! Order within a list: which items moved, and putting items back after their neighbours.
//! Both linear (or n log n), so a 5,000-card journey diffs and merges at once.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::hash::Hash;

/// The positions (into `ranks`) of a longest strictly increasing run of `ranks`: the items that
/// kept their order; every other item moved. Of several such runs, the one that keeps the
/// earlier items: a card dragged to the end of its cell is the one that moved, not all the
/// others. Patience sorting from the end, n log n.
pub fn unmoved(ranks: &[usize]) -> Vec<bool> {
    // Walking backwards, tails[k] is the index of the largest first rank of an increasing run
    // of length k + 1 starting there.
    let mut tails: Vec<usize> = Vec::new();
    let mut next: Vec<Option<usize>> = vec![None; ranks.len()];
    for (i, &rank) in ranks.iter().enumerate().rev() {
        let k = tails.partition_point(|&t| ranks[t] > rank);
        next[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut kept = vec![false; ranks.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        kept[i] = true;
        at = next[i];
    }
    kept
}

/// One item to put back into a list: after `after` (an item of its group), or first in its
/// group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement<Id> {
    pub id: Id,
    pub after: Option<Id>,
}

/// `kept` (in order) with every placed item put after its anchor, in one pass. An item placed
/// first in its group goes before the group's first kept item. `sticky` kept items stay next to
/// their anchor: placed items go after the run of them in their group (in a merge, their side's
/// additions go after ours at the same place, as if their edits came second). An anchor that
/// never turns up sends its items to the end rather than losing them.
pub fn weave<Id, G>(
    kept: &[Id],
    placed: &[Placement<Id>],
    group: impl Fn(&Id) -> G,
    sticky: impl Fn(&Id) -> bool,
) -> Vec<Id>
where
    Id: Clone + Eq + Hash,
    G: Clone + Eq + Hash,
{
    let mut after: HashMap<Id, Vec<Id>> = HashMap::new();
    // Per group, the items waiting for the end of a sticky run; first, those placed first.
    let mut waiting: HashMap<G, Vec<Id>> = HashMap::new();
    for p in placed {
        match &p.after {
            Some(a) => after.entry(a.clone()).or_default().push(p.id.clone()),
            None => waiting.entry(group(&p.id)).or_default().push(p.id.clone()),
        }
    }
    let mut last: HashMap<G, usize> = HashMap::new();
    for (i, k) in kept.iter().enumerate() {
        last.insert(group(k), i);
    }
    let mut out = Vec::with_capacity(kept.len() + placed.len());
    let mut emitted: HashSet<Id> = HashSet::new();
    let mut emit = |ids: Vec<Id>, out: &mut Vec<Id>, after: &mut HashMap<Id, Vec<Id>>| {
        // Each item, then whatever was placed after it, depth first.
        let mut stack: Vec<Id> = ids.into_iter().rev().collect();
        while let Some(id) = stack.pop() {
            if emitted.insert(id.clone()) {
                if let Some(next) = after.remove(&id) {
                    stack.extend(next.into_iter().rev());
                }
                out.push(id);
            }
        }
    };
    for (i, k) in kept.iter().enumerate() {
        let g = group(k);
        if !sticky(k) {
            let ready = waiting.remove(&g).unwrap_or_default();
            emit(ready, &mut out, &mut after);
        }
        // Its placed items wait until the sticky run after it has passed.
        let next = after.remove(k).unwrap_or_default();
        emit(vec![k.clone()], &mut out, &mut after);
        waiting.entry(g.clone()).or_default().extend(next);
        if last.get(&g) == Some(&i) {
            let ready = waiting.remove(&g).unwrap_or_default();
            emit(ready, &mut out, &mut after);
        }
    }
    // Groups with no kept item, then anchors that never came: in the order they were placed.
    let rest = placed.iter().map(|p| p.id.clone()).collect();
    emit(rest, &mut out, &mut after);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: u32, after: Option<u32>) -> Placement<u32> {
        Placement { id, after }
    }

    #[test]
    fn the_longest_run_in_order_stays_and_the_rest_moved() {
        assert_eq!(unmoved(&[0, 1, 2]), [true, true, true]);
        assert_eq!(unmoved(&[2, 0, 1]), [false, true, true]);
        assert_eq!(unmoved(&[1, 2, 0, 3]), [true, true, false, true]);
        // Of two equally long runs, the earlier item stays.
        assert_eq!(unmoved(&[1, 0]), [true, false]);
        assert!(unmoved(&[]).is_empty());
    }

    #[test]
    fn placed_items_follow_their_anchor_and_chains_follow_them() {
        let order = weave(
            &[1, 2, 3],
            &[place(5, Some(1)), place(6, Some(5)), place(4, None)],
            |_| (),
            |_| false,
        );
        assert_eq!(order, [4, 1, 5, 6, 2, 3]);
    }

    #[test]
    fn placed_items_go_after_a_sticky_run_at_their_anchor() {
        // 7 was added by the other side after 1: theirs comes after it.
        let order = weave(&[1, 7, 2], &[place(5, Some(1))], |_| (), |&id| id == 7);
        assert_eq!(order, [1, 7, 5, 2]);
    }

    #[test]
    fn an_item_first_in_its_group_goes_before_that_group_only() {
        let order = weave(&[1, 2, 3, 4], &[place(9, None)], |&id| id >= 3, |_| false);
        assert_eq!(order, [1, 2, 9, 3, 4]);
        let lost = weave(&[1], &[place(9, Some(42))], |_| (), |_| false);
        assert_eq!(lost, [1, 9]);
    }
}
