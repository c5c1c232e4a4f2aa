//! Property tests on the edit history: random sequences of the edits the app makes (through the
//! user-level constructors in `journeymap::edit`), applied through one `History`, must keep the
//! journey valid after every step, undo step by step back to the original journey and redo step
//! by step to the final one, keep the dirty flag honest, drop the redo stack on a new edit, and
//! undo a merged stream of edits (typing into one field) in one step.

use journeymap::edit::{self, Edit, History, MergeKey, Slot};
use journeymap::model::{Channel, Emotion, Journey, Kind, Metric, Touchpoint, TouchpointId};
use journeymap::templates;
use proptest::prelude::*;
use proptest::test_runner::Config;

fn ecommerce() -> Journey {
    let j = templates::find("ecommerce")
        .expect("the ecommerce template")
        .journey()
        .expect("the ecommerce template loads");
    j.validate().expect("the ecommerce template is valid");
    j
}

/// A change to one field of a card, as the inspector makes it.
#[derive(Clone, Debug)]
enum Change {
    Title(String),
    Notes(String),
    Channel(usize),
    OtherChannel(String),
    Kind,
    Emotion(Option<i8>),
    PainPoint(Option<String>),
    Owner(String),
    Votes(u32),
    AddMetric(String, f64),
    RemoveMetrics,
    Tags(Vec<String>),
}

/// An abstract operation: indices are taken modulo the current counts when it is applied, so
/// every operation addresses something that exists.
#[derive(Clone, Debug)]
enum Op {
    /// Move some cards to a cell, before one of its cards (or at its end).
    Move {
        cards: Vec<usize>,
        persona: usize,
        stage: usize,
        before: Option<usize>,
    },
    /// Paste copies of some cards into a cell.
    Paste {
        cards: Vec<usize>,
        persona: usize,
        stage: usize,
        before: Option<usize>,
    },
    Duplicate(Vec<usize>),
    Remove(Vec<usize>),
    Update(usize, Change),
    RemovePersona(usize),
    RemoveStage(usize),
    AddPersona(String),
    AddStage(String),
    AddCard {
        persona: usize,
        stage: usize,
        title: String,
    },
    MovePersona(usize, usize),
    MoveStage(usize, usize),
    SetTitle(String),
    /// Typing into a card's title: one `apply_merging` per keystroke, then maybe focus leaves.
    TypeCardTitle {
        card: usize,
        text: String,
        seal: bool,
    },
    /// Typing into the journey title.
    TypeJourneyTitle {
        text: String,
        seal: bool,
    },
    Seal,
    MarkSaved,
}

fn name() -> impl Strategy<Value = String> {
    "[A-Za-zÀÿ0-9][A-Za-zÀÿ0-9 ,.'!?—-]{0,24}"
}

fn any_text() -> impl Strategy<Value = String> {
    // Card titles, notes and owners may be empty or blank; names and the journey title may not.
    prop_oneof![Just(String::new()), Just("   ".to_owned()), name()]
}

fn indices() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(any::<usize>(), 1..5)
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        any_text().prop_map(Change::Title),
        any_text().prop_map(Change::Notes),
        (0..Channel::NAMED.len()).prop_map(Change::Channel),
        any_text().prop_map(Change::OtherChannel),
        Just(Change::Kind),
        prop::option::of(Emotion::MIN..=Emotion::MAX).prop_map(Change::Emotion),
        prop::option::of(any_text()).prop_map(Change::PainPoint),
        any_text().prop_map(Change::Owner),
        (0u32..50).prop_map(Change::Votes),
        (name(), -1.0e6f64..1.0e6).prop_map(|(n, v)| Change::AddMetric(n, v)),
        Just(Change::RemoveMetrics),
        prop::collection::vec(name(), 0..4).prop_map(Change::Tags),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let target = || {
        (
            indices(),
            any::<usize>(),
            any::<usize>(),
            prop::option::of(any::<usize>()),
        )
    };
    prop_oneof![
        4 => target().prop_map(|(cards, persona, stage, before)| Op::Move {
            cards,
            persona,
            stage,
            before
        }),
        2 => target().prop_map(|(cards, persona, stage, before)| Op::Paste {
            cards,
            persona,
            stage,
            before
        }),
        2 => indices().prop_map(Op::Duplicate),
        2 => indices().prop_map(Op::Remove),
        4 => (any::<usize>(), change()).prop_map(|(i, c)| Op::Update(i, c)),
        1 => any::<usize>().prop_map(Op::RemovePersona),
        1 => any::<usize>().prop_map(Op::RemoveStage),
        1 => name().prop_map(Op::AddPersona),
        1 => name().prop_map(Op::AddStage),
        2 => (any::<usize>(), any::<usize>(), any_text())
            .prop_map(|(persona, stage, title)| Op::AddCard { persona, stage, title }),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::MovePersona(a, b)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::MoveStage(a, b)),
        1 => name().prop_map(Op::SetTitle),
        2 => (any::<usize>(), name(), any::<bool>())
            .prop_map(|(card, text, seal)| Op::TypeCardTitle { card, text, seal }),
        1 => (name(), any::<bool>()).prop_map(|(text, seal)| Op::TypeJourneyTitle { text, seal }),
        1 => Just(Op::Seal),
        1 => Just(Op::MarkSaved),
    ]
}

/// What the history should look like: the journey after each undo step (`states[0]` is the
/// original), where undo/redo stands, which state was saved, and the open merge stream.
struct Model {
    states: Vec<Journey>,
    /// `states[at]` is the current journey.
    at: usize,
    saved: Option<usize>,
    merging: Option<MergeKey>,
}

impl Model {
    fn new(j: &Journey) -> Self {
        Self {
            states: vec![j.clone()],
            at: 0,
            saved: Some(0),
            merging: None,
        }
    }

    /// Records the effect of one edit given to the history (`key` for `apply_merging`).
    fn record(&mut self, before: &Journey, after: &Journey, key: Option<MergeKey>) {
        if before == after {
            // An edit that changes nothing records nothing (and leaves any merge stream open).
            return;
        }
        self.states.truncate(self.at + 1);
        if self.saved.is_some_and(|s| s > self.at) {
            // The saved state was undone and is now unreachable.
            self.saved = None;
        }
        if key.is_some() && self.merging == key && self.at > 0 {
            self.states[self.at] = after.clone();
            if self.saved == Some(self.at) {
                self.saved = None;
            }
        } else {
            self.states.push(after.clone());
            self.at += 1;
        }
        self.merging = key;
    }

    fn dirty(&self) -> bool {
        self.saved != Some(self.at)
    }
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[i % items.len()])
}

fn card_ids(j: &Journey, picks: &[usize]) -> Vec<TouchpointId> {
    let all: Vec<TouchpointId> = j.touchpoints.iter().map(|t| t.id).collect();
    picks
        .iter()
        .filter_map(|&i| pick(&all, i).copied())
        .collect()
}

/// A slot in a cell that exists; `before` picks a card of that cell, or (for variety, when the
/// cell is empty) any card of the journey.
fn slot(j: &Journey, persona: usize, stage: usize, before: Option<usize>) -> Option<Slot> {
    let persona = pick(&j.personas, persona).map(|p| p.id)?;
    let stage = pick(&j.stages, stage).map(|s| s.id)?;
    let before = before.and_then(|b| {
        let cell: Vec<TouchpointId> = j.cell(persona, stage).map(|t| t.id).collect();
        if cell.is_empty() {
            pick(&card_ids(j, &[b]), 0).copied()
        } else {
            pick(&cell, b).copied()
        }
    });
    Some(Slot {
        persona,
        stage,
        before,
    })
}

fn changed(t: &Touchpoint, change: &Change) -> Touchpoint {
    let mut t = t.clone();
    match change.clone() {
        Change::Title(s) => t.title = s,
        Change::Notes(s) => t.notes = s,
        Change::Channel(i) => t.channel = Some(Channel::NAMED[i].clone()),
        Change::OtherChannel(s) => t.channel = Some(Channel::Other(s)),
        Change::Kind => {
            t.kind = match t.kind {
                Kind::Direct => Kind::Indirect,
                Kind::Indirect => Kind::Direct,
            }
        }
        Change::Emotion(e) => t.emotion = e.map(Emotion),
        Change::PainPoint(p) => t.pain_point = p,
        Change::Owner(s) => t.owner = s,
        Change::Votes(v) => t.votes = v,
        Change::AddMetric(name, value) => t.metrics.push(Metric {
            name,
            value,
            unit: "%".to_owned(),
        }),
        Change::RemoveMetrics => t.metrics.clear(),
        Change::Tags(tags) => t.tags = tags,
    }
    t
}

/// Every prefix of `text`, one per keystroke.
fn keystrokes(text: &str) -> impl Iterator<Item = &str> {
    text.char_indices().map(|(i, c)| &text[..i + c.len_utf8()])
}

/// Applies one abstract operation through the history, checking each edit against the model.
fn apply(op: &Op, j: &mut Journey, h: &mut History, model: &mut Model) {
    let plain = |j: &mut Journey, h: &mut History, model: &mut Model, edit: Option<Edit>| {
        if let Some(edit) = edit {
            let before = j.clone();
            h.apply(j, edit.clone())
                .unwrap_or_else(|e| panic!("{op:?}: {edit:?} refused: {e}"));
            model.record(&before, j, None);
        }
    };
    match op {
        Op::Move {
            cards,
            persona,
            stage,
            before,
        } => {
            let ids = card_ids(j, cards);
            let edit =
                slot(j, *persona, *stage, *before).and_then(|s| edit::move_touchpoints(j, &ids, s));
            plain(j, h, model, edit);
        }
        Op::Paste {
            cards,
            persona,
            stage,
            before,
        } => {
            let ids = card_ids(j, cards);
            let copies: Vec<Touchpoint> = ids
                .iter()
                .filter_map(|&id| j.touchpoint_index(id))
                .map(|i| j.touchpoints[i].clone())
                .collect();
            let edit = slot(j, *persona, *stage, *before)
                .and_then(|s| edit::add_touchpoints(j, &copies, s))
                .map(|(edit, new_ids)| {
                    assert_eq!(new_ids.len(), copies.len(), "{op:?}");
                    edit
                });
            plain(j, h, model, edit);
        }
        Op::Duplicate(cards) => {
            let ids = card_ids(j, cards);
            let edit = edit::duplicate_touchpoints(j, &ids).map(|(edit, _)| edit);
            plain(j, h, model, edit);
        }
        Op::Remove(cards) => {
            let ids = card_ids(j, cards);
            let edit = edit::remove_touchpoints(j, &ids);
            plain(j, h, model, edit);
        }
        Op::Update(card, change) => {
            let edit = pick(&card_ids(j, &[*card]), 0)
                .copied()
                .and_then(|id| j.touchpoint_index(id))
                .and_then(|i| edit::update_touchpoint(j, changed(&j.touchpoints[i], change)));
            plain(j, h, model, edit);
        }
        Op::RemovePersona(p) => {
            let edit = pick(&j.personas, *p).and_then(|p| edit::remove_persona(j, p.id));
            plain(j, h, model, edit);
        }
        Op::RemoveStage(s) => {
            let edit = pick(&j.stages, *s).and_then(|s| edit::remove_stage(j, s.id));
            plain(j, h, model, edit);
        }
        Op::AddPersona(name) => {
            let (edit, id) = edit::add_persona(j, name, usize::MAX);
            plain(j, h, model, Some(edit));
            assert_eq!(j.personas.last().map(|p| p.id), Some(id), "{op:?}");
        }
        Op::AddStage(name) => {
            let (edit, id) = edit::add_stage(j, name, usize::MAX);
            plain(j, h, model, Some(edit));
            assert_eq!(j.stages.last().map(|s| s.id), Some(id), "{op:?}");
        }
        Op::AddCard {
            persona,
            stage,
            title,
        } => {
            let cell = pick(&j.personas, *persona)
                .map(|p| p.id)
                .zip(pick(&j.stages, *stage).map(|s| s.id));
            let added = cell.and_then(|(p, s)| edit::add_touchpoint(j, p, s, title));
            if let Some((edit, id)) = added {
                plain(j, h, model, Some(edit));
                let (p, s) = cell.unwrap();
                assert_eq!(
                    j.cell(p, s).last().map(|t| t.id),
                    Some(id),
                    "{op:?}: the new card is not at the end of its cell"
                );
            }
        }
        Op::MovePersona(from, to) => {
            let edit = within(j.personas.len(), *from, *to)
                .map(|(from, to)| Edit::MovePersona { from, to });
            plain(j, h, model, edit);
        }
        Op::MoveStage(from, to) => {
            let edit =
                within(j.stages.len(), *from, *to).map(|(from, to)| Edit::MoveStage { from, to });
            plain(j, h, model, edit);
        }
        Op::SetTitle(title) => plain(j, h, model, Some(Edit::SetTitle(title.clone()))),
        Op::TypeCardTitle { card, text, seal } => {
            if let Some(id) = pick(&card_ids(j, &[*card]), 0).copied() {
                let key = MergeKey {
                    field: "touchpoint title",
                    item: u64::from(id.0),
                };
                for typed in keystrokes(text) {
                    let i = j.touchpoint_index(id).expect("the card being typed into");
                    let card = Touchpoint {
                        title: typed.to_owned(),
                        ..j.touchpoints[i].clone()
                    };
                    let edit = edit::update_touchpoint(j, card).expect("an update");
                    let before = j.clone();
                    h.apply_merging(j, edit, key)
                        .unwrap_or_else(|e| panic!("{op:?}: refused: {e}"));
                    model.record(&before, j, Some(key));
                }
                if *seal {
                    h.seal();
                    model.merging = None;
                }
            }
        }
        Op::TypeJourneyTitle { text, seal } => {
            let key = MergeKey {
                field: "journey title",
                item: 0,
            };
            for typed in keystrokes(text) {
                let before = j.clone();
                h.apply_merging(j, Edit::SetTitle(typed.to_owned()), key)
                    .unwrap_or_else(|e| panic!("{op:?}: refused: {e}"));
                model.record(&before, j, Some(key));
            }
            if *seal {
                h.seal();
                model.merging = None;
            }
        }
        Op::Seal => {
            h.seal();
            model.merging = None;
        }
        Op::MarkSaved => {
            h.mark_saved();
            model.saved = Some(model.at);
            model.merging = None;
        }
    }
}

/// Checks the history against the model right now.
fn check(step: &str, j: &Journey, h: &History, model: &Model) -> Result<(), TestCaseError> {
    if let Err(v) = j.validate() {
        return Err(TestCaseError::fail(format!("{step}: invalid journey: {v}")));
    }
    prop_assert!(
        *j == model.states[model.at],
        "{step}: the journey is not the one after {} undo steps",
        model.at
    );
    prop_assert_eq!(h.can_undo(), model.at > 0, "{}: can_undo", step);
    prop_assert_eq!(
        h.can_redo(),
        model.at + 1 < model.states.len(),
        "{}: can_redo",
        step
    );
    prop_assert_eq!(h.is_dirty(), model.dirty(), "{}: is_dirty", step);
    Ok(())
}

/// Runs `ops` from the template; returns the journey, its history and the model.
fn run(ops: &[Op]) -> Result<(Journey, History, Model), TestCaseError> {
    let mut j = ecommerce();
    let mut h = History::new();
    let mut model = Model::new(&j);
    for (n, op) in ops.iter().enumerate() {
        apply(op, &mut j, &mut h, &mut model);
        check(&format!("after op {n} {op:?}"), &j, &h, &model)?;
    }
    Ok((j, h, model))
}

/// Undoes every step, checking each state on the way, then redoes every step.
fn undo_all_redo_all(
    j: &mut Journey,
    h: &mut History,
    model: &mut Model,
) -> Result<(), TestCaseError> {
    let original = model.states[0].clone();
    let last = model.states.last().unwrap().clone();
    while model.at > 0 {
        prop_assert!(h.undo(j), "undo refused with {} steps left", model.at);
        model.at -= 1;
        model.merging = None;
        check(&format!("undo to step {}", model.at), j, h, model)?;
    }
    prop_assert!(!h.undo(j), "an undo beyond the first step");
    prop_assert!(
        *j == original,
        "undo all does not give the original journey"
    );
    if model.saved == Some(0) {
        prop_assert!(!h.is_dirty(), "dirty after undoing everything");
    }
    while model.at + 1 < model.states.len() {
        prop_assert!(h.redo(j), "redo refused at step {}", model.at);
        model.at += 1;
        check(&format!("redo to step {}", model.at), j, h, model)?;
    }
    prop_assert!(!h.redo(j), "a redo beyond the last step");
    prop_assert!(*j == last, "redo all does not give the final journey");
    Ok(())
}

fn config() -> Config {
    Config {
        cases: 256,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Random edits keep the journey valid; every step undoes to exactly the journey before it
    /// (undo all gives the original, not dirty); every step redoes (redo all gives the final
    /// journey); a step is recorded exactly when an edit changes the journey, merged streams
    /// being one step; `is_dirty` is true exactly away from the saved state.
    #[test]
    fn undo_all_gives_the_original_and_redo_all_the_final_journey(
        ops in prop::collection::vec(op(), 1..40)
    ) {
        let (mut j, mut h, mut model) = run(&ops)?;
        let final_journey = j.clone();
        prop_assert!(final_journey == *model.states.last().unwrap());
        undo_all_redo_all(&mut j, &mut h, &mut model)?;
        prop_assert!(j == final_journey);
        // And once more, from the redone end: the history survives a full round trip.
        undo_all_redo_all(&mut j, &mut h, &mut model)?;
        prop_assert!(j == final_journey);
    }

    /// Undoing a random number of steps and then making a new edit drops the redo stack; undo
    /// all still gives the original journey and redo all the new final one.
    #[test]
    fn a_new_edit_after_undo_clears_redo(
        ops in prop::collection::vec(op(), 1..40),
        undo in any::<prop::sample::Index>(),
        title in name(),
        more in prop::collection::vec(op(), 0..8),
    ) {
        let (mut j, mut h, mut model) = run(&ops)?;
        let steps = undo.index(model.at + 1);
        for _ in 0..steps {
            prop_assert!(h.undo(&mut j));
            model.at -= 1;
            model.merging = None;
            check("undo a prefix", &j, &h, &model)?;
        }
        // A title no state has, so the edit surely changes the journey.
        let title = format!("{title} (new)");
        let before = j.clone();
        h.apply(&mut j, Edit::SetTitle(title.clone())).unwrap();
        model.record(&before, &j, None);
        check("the new edit", &j, &h, &model)?;
        prop_assert!(!h.can_redo(), "redo survives a new edit");
        let now = j.clone();
        prop_assert!(!h.redo(&mut j), "redo did something after a new edit");
        prop_assert!(j == now, "a refused redo changed the journey");
        prop_assert_eq!(&j.title, &title);
        for (n, op) in more.iter().enumerate() {
            apply(op, &mut j, &mut h, &mut model);
            check(&format!("after more op {n} {op:?}"), &j, &h, &model)?;
        }
        undo_all_redo_all(&mut j, &mut h, &mut model)?;
    }

    /// Several `apply_merging` with one key, then `seal`: one undo step takes all of them back,
    /// one redo step puts them all back; the next stream with the same key after the seal is a
    /// step of its own, and so is a stream interrupted by another key.
    #[test]
    fn merged_edits_undo_in_one_step(
        prefix in prop::collection::vec(op(), 0..10),
        card in any::<usize>(),
        first in name(),
        second in name(),
        other in name(),
    ) {
        let (mut j, mut h, _) = run(&prefix)?;
        // Make sure there is a card to type into.
        if j.touchpoints.is_empty() {
            let (e, _) = edit::add_persona(&j, "Lane", usize::MAX);
            h.apply(&mut j, e).unwrap();
            let (e, _) = edit::add_stage(&j, "Column", usize::MAX);
            h.apply(&mut j, e).unwrap();
            let (p, s) = (j.personas[0].id, j.stages[0].id);
            let (e, _) = edit::add_touchpoint(&j, p, s, "Card").unwrap();
            h.apply(&mut j, e).unwrap();
        }
        h.seal();
        let id = j.touchpoints[card % j.touchpoints.len()].id;
        let key = MergeKey { field: "touchpoint title", item: u64::from(id.0) };
        let type_into = |j: &mut Journey, h: &mut History, text: &str, suffix: &str| {
            for typed in keystrokes(text) {
                let i = j.touchpoint_index(id).unwrap();
                let card = Touchpoint {
                    title: format!("{typed}{suffix}"),
                    ..j.touchpoints[i].clone()
                };
                let edit = edit::update_touchpoint(j, card).unwrap();
                h.apply_merging(j, edit, key).unwrap();
            }
        };
        let start = j.clone();

        // First stream, sealed.
        type_into(&mut j, &mut h, &first, " ①");
        h.seal();
        let after_first = j.clone();
        prop_assert!(after_first != start);
        // Second stream with the same key: its own step, since the first was sealed.
        type_into(&mut j, &mut h, &second, " ②");
        // Interrupted by another key (the journey title), then the same key again.
        let title_key = MergeKey { field: "journey title", item: 0 };
        h.apply_merging(&mut j, Edit::SetTitle(format!("{other} ③")), title_key).unwrap();
        let after_title = j.clone();
        type_into(&mut j, &mut h, &second, " ④");
        h.seal();
        let end = j.clone();

        prop_assert!(h.undo(&mut j));
        prop_assert!(j == after_title, "the stream after the interruption is not one step");
        prop_assert!(h.undo(&mut j));
        let i = j.touchpoint_index(id).unwrap();
        prop_assert_eq!(&j.touchpoints[i].title, &format!("{second} ②"));
        prop_assert!(h.undo(&mut j));
        prop_assert!(j == after_first, "the second stream is not one step");
        prop_assert!(h.undo(&mut j));
        prop_assert!(j == start, "the first stream is not one undo step");
        for _ in 0..4 {
            prop_assert!(h.redo(&mut j));
        }
        prop_assert!(j == end, "redo of the merged steps does not give the final journey");
        prop_assert!(!h.can_redo());
    }
}

/// An edit the journey cannot take is refused, changes nothing and records nothing.
#[test]
fn a_refused_edit_changes_nothing() {
    let mut j = ecommerce();
    let original = j.clone();
    let mut h = History::new();
    let n = j.touchpoints.len();
    let bad = [
        Edit::RemoveTouchpoint { index: n },
        Edit::MoveStage {
            from: 0,
            to: j.stages.len(),
        },
        // A batch whose second edit fails rolls back its first.
        Edit::Batch(vec![
            Edit::SetTitle("Half done".into()),
            Edit::RemoveTouchpoint { index: 0 },
            Edit::RemovePersona { index: 99 },
        ]),
    ];
    for edit in bad {
        assert!(h.apply(&mut j, edit.clone()).is_err(), "{edit:?} accepted");
        assert_eq!(j, original, "{edit:?} changed the journey");
        assert!(!h.can_undo() && !h.is_dirty(), "{edit:?} was recorded");
    }
}

/// A hand-edited file may hold very large ids; new cards must still get unused ids.
/// Fails today: `add_touchpoints` and `duplicate_touchpoints` (src/edit/ops.rs) count up from
/// `next_touchpoint_id` with `saturating_add`, without checking that the ids after it are free:
/// near `u32::MAX` the count saturates, and when the largest id is taken it runs into used ids.
/// Either way a paste or a duplicate of several cards reuses an id: an invalid journey.
#[test]
fn new_cards_get_unused_ids_when_ids_are_large() {
    // The largest id taken: the next id is the smallest free one, and the id after it is taken.
    let mut taken = ecommerce();
    taken.touchpoints[0].id = TouchpointId(u32::MAX);
    let free = taken.next_touchpoint_id();
    taken.touchpoints[1].id = TouchpointId(free.0 + 1);
    // The largest id one below the maximum: counting up saturates at u32::MAX.
    let mut near = ecommerce();
    near.touchpoints[0].id = TouchpointId(u32::MAX - 1);
    let mut failures = Vec::new();
    for (case, j) in [
        ("largest id taken", taken),
        ("largest id u32::MAX - 1", near),
    ] {
        j.validate().unwrap();
        let ids: Vec<TouchpointId> = j.touchpoints.iter().take(3).map(|t| t.id).collect();
        let cards: Vec<Touchpoint> = j.touchpoints[..3].to_vec();
        let slot = Slot {
            persona: j.personas[0].id,
            stage: j.stages[0].id,
            before: None,
        };

        let mut pasted = j.clone();
        let (edit, _) = edit::add_touchpoints(&pasted, &cards, slot).unwrap();
        History::new().apply(&mut pasted, edit).unwrap();
        if let Err(v) = pasted.validate() {
            failures.push(format!("{case}, paste: {v}"));
        }

        let mut duplicated = j.clone();
        let (edit, _) = edit::duplicate_touchpoints(&duplicated, &ids).unwrap();
        History::new().apply(&mut duplicated, edit).unwrap();
        if let Err(v) = duplicated.validate() {
            failures.push(format!("{case}, duplicate: {v}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Two generated positions brought into a list of `n` items; None for an empty list.
fn within(n: usize, from: usize, to: usize) -> Option<(usize, usize)> {
    (n > 0).then(|| (from % n, to % n))
}
