//! Property tests of the diff and the merge on random edit sequences: applying a diff's changes
//! to the old journey gives the new one; edits on two branches to different items merge to what
//! both sequences applied give; merging is deterministic; conflicts are exactly the fields both
//! sides changed differently.

use journeymap::compare::{self, apply, diff, merge};
use journeymap::model::{
    CardDots, Emotion, Journey, PersonaId, StageId, Touchpoint, TouchpointId, VotingRound,
};
use journeymap::templates;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn ecommerce() -> Journey {
    templates::find("ecommerce")
        .expect("the ecommerce template")
        .journey()
        .expect("the ecommerce template loads")
}

/// One edit; indices are taken modulo what exists, so every edit addresses something.
#[derive(Clone, Debug)]
enum Op {
    Emotion(usize, Option<i8>),
    Title(usize, String),
    Owner(usize, String),
    Votes(usize, u32),
    PainPoint(usize, Option<String>),
    Remove(usize),
    /// To the end of another cell.
    MoveTo(usize, usize, usize),
    /// To another place in the list (within its cell, or a cell order change that means nothing).
    Reorder(usize, usize),
    Add(usize, usize, String),
    RenamePersona(usize, String),
    SwapPersonas(usize, usize),
    RenameStage(usize, String),
    SwapStages(usize, usize),
    AddStage(String),
    RemoveStage(usize),
    CollapseRow(usize),
    Retitle(String),
}

fn words() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z ]{0,12}"
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0usize..64;
    prop_oneof![
        card_op(),
        (i.clone(), i.clone()).prop_map(|(c, to)| Op::Reorder(c, to)),
        (i.clone(), words()).prop_map(|(p, n)| Op::RenamePersona(p, n)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::SwapPersonas(a, b)),
        (i.clone(), words()).prop_map(|(s, n)| Op::RenameStage(s, n)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::SwapStages(a, b)),
        words().prop_map(Op::AddStage),
        i.clone().prop_map(Op::RemoveStage),
        i.prop_map(Op::CollapseRow),
        words().prop_map(Op::Retitle),
    ]
}

/// A card edit with its card named by id, so that it can be made again on another branch.
#[derive(Clone, Debug)]
enum Step {
    Set(TouchpointId, Op),
    Remove(TouchpointId),
    MoveTo(TouchpointId, PersonaId, StageId),
    Add(Touchpoint),
}

/// Makes one edit; new cards take ids from `next_id` up, so two branches never share one.
/// Returns the card edit made, by id.
fn edit(j: &mut Journey, op: &Op, next_id: &mut u32) -> Option<Step> {
    let cards = j.touchpoints.len();
    let card = |i: usize| j.touchpoints.get(i % cards.max(1)).map(|t| t.id);
    let named = |s: &str| {
        if s.trim().is_empty() {
            "x".to_owned()
        } else {
            s.to_owned()
        }
    };
    let step = match op {
        Op::Emotion(c, _)
        | Op::Title(c, _)
        | Op::Owner(c, _)
        | Op::Votes(c, _)
        | Op::PainPoint(c, _) => card(*c).map(|id| Step::Set(id, op.clone())),
        Op::Remove(c) => card(*c).map(Step::Remove),
        // To another cell: a card "moved" to the end of its own cell keeps its place there.
        Op::MoveTo(c, p, s) => {
            let persona = j.personas[p % j.personas.len()].id;
            let stage = j.stages[s % j.stages.len()].id;
            card(*c)
                .filter(|&id| {
                    j.touchpoints
                        .iter()
                        .any(|t| t.id == id && (t.persona, t.stage) != (persona, stage))
                })
                .map(|id| Step::MoveTo(id, persona, stage))
        }
        Op::Add(p, s, t) => {
            let persona = j.personas[p % j.personas.len()].id;
            let stage = j.stages[s % j.stages.len()].id;
            *next_id += 1;
            Some(Step::Add(Touchpoint::new(
                TouchpointId(*next_id - 1),
                persona,
                stage,
                t,
            )))
        }
        Op::Reorder(c, to) if cards > 0 => {
            let t = j.touchpoints.remove(c % cards);
            j.touchpoints.insert(to % cards, t);
            None
        }
        Op::RenamePersona(p, n) => {
            let len = j.personas.len();
            j.personas[p % len].name = named(n);
            None
        }
        Op::SwapPersonas(a, b) => {
            let len = j.personas.len();
            j.personas.swap(a % len, b % len);
            None
        }
        Op::RenameStage(s, n) => {
            let len = j.stages.len();
            j.stages[s % len].name = named(n);
            None
        }
        Op::SwapStages(a, b) => {
            let len = j.stages.len();
            j.stages.swap(a % len, b % len);
            None
        }
        Op::AddStage(n) => {
            let id = j.next_stage_id();
            j.stages.push(journeymap::model::Stage::new(id, &named(n)));
            None
        }
        // A stage goes with its cards and notes; one stays, so that cards have somewhere to go.
        Op::RemoveStage(s) if j.stages.len() > 1 => {
            let id = j.stages.remove(s % j.stages.len()).id;
            j.touchpoints.retain(|t| t.stage != id);
            for r in &mut j.rows {
                r.cells.retain(|c| c.stage != id);
            }
            None
        }
        Op::CollapseRow(r) if !j.rows.is_empty() => {
            let len = j.rows.len();
            j.rows[r % len].collapsed ^= true;
            None
        }
        Op::Retitle(t) => {
            j.title = named(t);
            None
        }
        _ => None,
    };
    if let Some(step) = &step {
        perform(j, step);
    }
    step
}

/// Makes a card edit; a card that is not there is left alone.
fn perform(j: &mut Journey, step: &Step) {
    let at = |j: &Journey, id: TouchpointId| j.touchpoints.iter().position(|t| t.id == id);
    match step {
        Step::Set(id, op) => {
            let Some(i) = at(j, *id) else { return };
            let t = &mut j.touchpoints[i];
            match op {
                Op::Emotion(_, e) => t.emotion = e.map(Emotion),
                Op::Title(_, v) => t.title = v.clone(),
                Op::Owner(_, v) => t.owner = v.clone(),
                Op::Votes(_, v) => t.votes = *v,
                Op::PainPoint(_, v) => t.pain_point = v.clone(),
                _ => {}
            }
        }
        Step::Remove(id) => j.touchpoints.retain(|t| t.id != *id),
        Step::MoveTo(id, persona, stage) => {
            let Some(i) = at(j, *id) else { return };
            let mut t = j.touchpoints.remove(i);
            (t.persona, t.stage) = (*persona, *stage);
            j.touchpoints.push(t);
        }
        Step::Add(t) => j.touchpoints.push(t.clone()),
    }
}

fn edited(base: &Journey, ops: &[Op], first_id: u32) -> Journey {
    let mut j = base.clone();
    let mut next = first_id;
    for op in ops {
        edit(&mut j, op, &mut next);
    }
    j.validate().expect("the edits keep the journey valid");
    j
}

/// The journey as it means: cards of different cells in no particular order.
fn by_cell(j: &Journey) -> Journey {
    let mut j = j.clone();
    j.touchpoints.sort_by_key(|t| (t.persona, t.stage));
    j
}

/// Edits of cards only: fields, removals, moves and new cards; no persona or stage.
fn card_op() -> impl Strategy<Value = Op> {
    let i = 0usize..64;
    prop_oneof![
        field_op(),
        i.clone().prop_map(Op::Remove),
        (i.clone(), i.clone(), i.clone()).prop_map(|(c, p, s)| Op::MoveTo(c, p, s)),
        (i.clone(), i, words()).prop_map(|(p, s, t)| Op::Add(p, s, t)),
    ]
}

/// Makes card edits only on cards of one parity of id (and cards it added itself); returns the
/// journey and the edits made, by card id.
fn edited_on(base: &Journey, ops: &[Op], parity: u32, first_id: u32) -> (Journey, Vec<Step>) {
    let mut j = base.clone();
    let mut next = first_id;
    let mut steps = Vec::new();
    let mut moved = std::collections::HashSet::new();
    for op in ops {
        // The branch's own card: the first of its parity from the index on.
        let n = j.touchpoints.len();
        let own = (0..n)
            .map(|k| (op_card(op) + k) % n)
            .find(|&k| j.touchpoints[k].id.0 % 2 == parity);
        let op = match (op, own) {
            (Op::Add(..), _) => op.clone(),
            (_, Some(k)) => with_card(op, k),
            (_, None) => continue,
        };
        // A card moved away and back has moved past the other branch's new cards when the
        // edits are made one after the other, yet not moved at all on its own branch: each card
        // moves once at most, so that "both applied" is one journey.
        if let Some(k) = own
            && matches!(op, Op::MoveTo(..))
            && !moved.insert(j.touchpoints[k].id)
        {
            continue;
        }
        steps.extend(edit(&mut j, &op, &mut next));
    }
    (j, steps)
}

fn op_card(op: &Op) -> usize {
    match op {
        Op::Emotion(c, _)
        | Op::Title(c, _)
        | Op::Owner(c, _)
        | Op::Votes(c, _)
        | Op::PainPoint(c, _)
        | Op::Remove(c)
        | Op::MoveTo(c, _, _) => *c,
        _ => 0,
    }
}

fn with_card(op: &Op, k: usize) -> Op {
    match op.clone() {
        Op::Emotion(_, e) => Op::Emotion(k, e),
        Op::Title(_, v) => Op::Title(k, v),
        Op::Owner(_, v) => Op::Owner(k, v),
        Op::Votes(_, v) => Op::Votes(k, v),
        Op::PainPoint(_, v) => Op::PainPoint(k, v),
        Op::Remove(_) => Op::Remove(k),
        Op::MoveTo(_, p, s) => Op::MoveTo(k, p, s),
        other => other,
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 200,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Applying the listed changes to the old journey gives the new one; a journey has no
    /// changes from itself.
    #[test]
    fn applying_the_diff_to_the_old_journey_gives_the_new_one(
        ops in prop::collection::vec(op(), 0..30)
    ) {
        let old = ecommerce();
        let new = edited(&old, &ops, 1000);
        let d = diff(&old, &new);
        prop_assert!(diff(&new, &new).is_empty());
        prop_assert_eq!(d.is_empty(), by_cell(&old) == by_cell(&new));
        prop_assert_eq!(by_cell(&apply(&old, &d)), by_cell(&new));
        // And back again.
        prop_assert_eq!(by_cell(&apply(&new, &diff(&new, &old))), by_cell(&old));
    }

    /// Two branches that edit different cards (and add their own) merge, without conflicts, to
    /// what both edit sequences applied one after the other give; the merge is deterministic.
    #[test]
    fn edits_to_different_items_merge_to_both_sequences_applied(
        ours_ops in prop::collection::vec(card_op(), 0..20),
        theirs_ops in prop::collection::vec(card_op(), 0..20),
    ) {
        let base = ecommerce();
        let (ours, _) = edited_on(&base, &ours_ops, 0, 10_000);
        let (theirs, steps) = edited_on(&base, &theirs_ops, 1, 20_001);
        // Both sequences, one after the other: their edits made again on ours.
        let mut both = ours.clone();
        for step in &steps {
            perform(&mut both, step);
        }
        let merged = merge(&base, &ours, &theirs).expect("a valid merge");
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let (m, b) = (by_cell(&merged.journey), by_cell(&both));
        let ids = |j: &Journey| j.touchpoints.iter().map(|t| (t.persona.0, t.stage.0, t.id.0)).collect::<Vec<_>>();
        prop_assert_eq!(ids(&m), ids(&b));
        prop_assert!(m == b, "{:?}", journeymap::compare::diff(&b, &m));
        prop_assert_eq!(merge(&base, &ours, &theirs).expect("a valid merge"), merged);
    }

    /// Both branches set fields of the same cards: the conflicts are exactly the fields both
    /// changed, differently; every other change lands.
    #[test]
    fn conflicts_are_exactly_the_fields_both_sides_changed_differently(
        ours_ops in prop::collection::vec(field_op(), 0..20),
        theirs_ops in prop::collection::vec(field_op(), 0..20),
    ) {
        let base = ecommerce();
        let ours = edited(&base, &ours_ops, 1);
        let theirs = edited(&base, &theirs_ops, 1);
        let merged = merge(&base, &ours, &theirs).expect("a valid merge");
        let mut expected = BTreeSet::new();
        for ((b, o), t) in base.touchpoints.iter().zip(&ours.touchpoints).zip(&theirs.touchpoints) {
            let both = |field: &'static str, differ: [bool; 3]| {
                let [ours_changed, theirs_changed, apart] = differ;
                (ours_changed && theirs_changed && apart).then_some((b.id, field))
            };
            expected.extend([
                both("title", [o.title != b.title, t.title != b.title, o.title != t.title]),
                both("emotion", [o.emotion != b.emotion, t.emotion != b.emotion, o.emotion != t.emotion]),
                both("owner", [o.owner != b.owner, t.owner != b.owner, o.owner != t.owner]),
                both("votes", [o.votes != b.votes, t.votes != b.votes, o.votes != t.votes]),
                both("pain point", [
                    o.pain_point != b.pain_point,
                    t.pain_point != b.pain_point,
                    o.pain_point != t.pain_point,
                ]),
            ].into_iter().flatten());
        }
        let found: BTreeSet<(TouchpointId, &str)> = merged
            .conflicts
            .iter()
            .map(|c| {
                let id = c.item.split(' ').nth(1).and_then(|n| n.parse().ok()).unwrap_or(0);
                (TouchpointId(id), c.field)
            })
            .collect();
        prop_assert_eq!(found, expected);
        // Where only one side changed a field, that side's value is in the result.
        let sides = base.touchpoints.iter().zip(&ours.touchpoints).zip(&theirs.touchpoints);
        for (((b, o), t), m) in sides.zip(&merged.journey.touchpoints) {
            if o.votes == b.votes {
                prop_assert_eq!(m.votes, t.votes);
            } else {
                prop_assert_eq!(m.votes, o.votes);
            }
        }
    }
}

/// Voting rounds named `{side} {i}`, one a day, with the dots each round's cards received.
fn rounds(side: &str, dots: &[Vec<u32>]) -> Vec<VotingRound> {
    dots.iter()
        .enumerate()
        .map(|(i, cards)| VotingRound {
            name: format!("{side} {i}"),
            date: format!("2026-12-{:02}", i + 1),
            dots_per_voter: 3,
            voters: 5,
            results: cards
                .iter()
                .enumerate()
                .map(|(card, &dots)| CardDots {
                    card: TouchpointId(card as u32 + 1),
                    dots,
                })
                .collect(),
        })
        .collect()
}

fn round_dots() -> impl Strategy<Value = Vec<Vec<u32>>> {
    prop::collection::vec(prop::collection::vec(0u32..6, 0..4), 0..4)
}

proptest! {
    #![proptest_config(config())]

    /// Rounds added on two branches all land, ours first, then theirs; a round both added
    /// alike lands once; a round one side removed and the other left alone is gone; the merge
    /// is deterministic.
    #[test]
    fn voting_rounds_added_on_two_branches_all_land(
        base_dots in round_dots(),
        ours_dots in round_dots(),
        theirs_dots in round_dots(),
        shared_dots in round_dots(),
        removed in prop::collection::btree_set(0usize..4, 0..3),
    ) {
        let mut base = ecommerce();
        base.rounds = rounds("Earlier", &base_dots);
        let shared = rounds("Both", &shared_dots);
        let mut ours = base.clone();
        ours.rounds.extend(rounds("Ours", &ours_dots));
        ours.rounds.extend(shared.clone());
        let mut theirs = base.clone();
        let mut i = 0;
        theirs.rounds.retain(|_| {
            i += 1;
            !removed.contains(&(i - 1))
        });
        let kept = theirs.rounds.clone();
        theirs.rounds.extend(rounds("Theirs", &theirs_dots));
        theirs.rounds.extend(shared.clone());

        let merged = merge(&base, &ours, &theirs).expect("a valid merge");
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let mut expected = kept;
        expected.extend(rounds("Ours", &ours_dots));
        expected.extend(shared);
        expected.extend(rounds("Theirs", &theirs_dots));
        prop_assert_eq!(&merged.journey.rounds, &expected);
        prop_assert_eq!(merge(&base, &ours, &theirs).expect("a valid merge"), merged);
    }
}

/// Edits of one field of a card.
fn field_op() -> impl Strategy<Value = Op> {
    let i = 0usize..64;
    prop_oneof![
        (i.clone(), prop::option::of(-2i8..=2)).prop_map(|(c, e)| Op::Emotion(c, e)),
        (i.clone(), words()).prop_map(|(c, t)| Op::Title(c, t)),
        (i.clone(), words()).prop_map(|(c, t)| Op::Owner(c, t)),
        (i.clone(), 0u32..9).prop_map(|(c, v)| Op::Votes(c, v)),
        (i, prop::option::of(words())).prop_map(|(c, p)| Op::PainPoint(c, p)),
    ]
}

#[test]
fn the_diff_of_the_templates_applies_both_ways() {
    for t in &templates::TEMPLATES {
        let j = t.journey().expect("a template loads");
        let other = ecommerce();
        let d = diff(&j, &other);
        assert_eq!(by_cell(&apply(&j, &d)), by_cell(&other), "{}", t.name);
        assert_eq!(compare::diff(&j, &j).len(), 0);
    }
}
