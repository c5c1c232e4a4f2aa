//! Every kind of change, diffed, described, applied and merged.

use super::describe::{lines, text};
use super::*;
use crate::model::{
    Channel, Colour, Emotion, Goal, Journey, Persona, PersonaId, RowId, RowKind, Stage, StageId,
    StageRow, Target, Touchpoint, TouchpointId,
};

mod rounds;

/// Two lanes × two stages, four cards: 1 and 2 in (1, 1), 3 in (1, 2), 4 in (2, 1).
fn sample() -> Journey {
    let (p1, p2, s1, s2) = (PersonaId(1), PersonaId(2), StageId(1), StageId(2));
    let card = |id, persona, stage, title: &str| {
        let mut t = Touchpoint::new(TouchpointId(id), persona, stage, title);
        t.emotion = Some(Emotion(-1));
        t
    };
    Journey {
        title: "Shop".into(),
        personas: vec![
            Persona::new(p1, "Busy parent", Colour::PALETTE[0]),
            Persona::new(p2, "Student", Colour::PALETTE[1]),
        ],
        stages: vec![Stage::new(s1, "Awareness"), Stage::new(s2, "Purchase")],
        touchpoints: vec![
            card(1, p1, s1, "Sees an ad"),
            card(2, p1, s1, "Reads reviews"),
            card(3, p1, s2, "Checkout"),
            card(4, p2, s1, "Asks a friend"),
        ],
        rows: vec![StageRow::new(RowId(1), RowKind::PainPoints)],
        targets: vec![Target {
            metric: "CSAT".into(),
            goal: Goal::AtLeast(80.0),
        }],
        ..Journey::default()
    }
}

/// The diff's lines as text, and a check that applying it to `old` gives `new`.
fn listed(old: &Journey, new: &Journey) -> String {
    let d = diff(old, new);
    let applied = apply(old, &d);
    assert!(diff(&applied, new).is_empty(), "{:?}", diff(&applied, new));
    assert_eq!(same_cells(&applied), same_cells(new));
    text(&lines(&d, old, new))
}

/// The cards in cell order: what a journey means, whatever the order of different cells.
fn same_cells(j: &Journey) -> Journey {
    let mut j = j.clone();
    j.touchpoints.sort_by_key(|t| (t.persona, t.stage));
    j
}

fn card(j: &mut Journey, id: u32) -> &mut Touchpoint {
    j.touchpoints
        .iter_mut()
        .find(|t| t.id == TouchpointId(id))
        .expect("a card of the sample")
}

#[test]
fn a_journey_has_no_changes_from_itself() {
    let j = sample();
    assert!(diff(&j, &j).is_empty());
    assert_eq!(text(&lines(&diff(&j, &j), &j, &j)), "");
}

#[test]
fn changed_fields_are_named_with_old_and_new_values() {
    let old = sample();
    let mut new = old.clone();
    let c = card(&mut new, 3);
    c.emotion = Some(Emotion(1));
    c.pain_point = Some("Card declined".into());
    c.channel = Some(Channel::Website);
    c.votes = 3;
    assert_eq!(
        listed(&old, &new),
        "card 3 \"Checkout\": channel added: Website, emotion -1 → +1, pain point added: Card \
         declined, votes 0 → 3\n"
    );
    let back = listed(&new, &old);
    assert!(back.contains("pain point removed"), "{back}");
}

#[test]
fn cards_added_removed_and_renamed_are_listed_with_their_cell() {
    let old = sample();
    let mut new = old.clone();
    new.touchpoints.retain(|t| t.id != TouchpointId(4));
    new.touchpoints.push(Touchpoint::new(
        TouchpointId(9),
        PersonaId(2),
        StageId(2),
        "Pays by phone",
    ));
    card(&mut new, 1).title = "Sees a video ad".into();
    assert_eq!(
        listed(&old, &new),
        "card 4 \"Asks a friend\": removed (Student · Awareness)\n\
         card 1 \"Sees a video ad\": renamed \"Sees an ad\" → \"Sees a video ad\"\n\
         card 9 \"Pays by phone\": added (Student · Purchase)\n"
    );
}

#[test]
fn cards_moved_to_another_cell_or_within_one_are_moves_not_changes() {
    let old = sample();
    let mut new = old.clone();
    card(&mut new, 3).persona = PersonaId(2);
    new.touchpoints.swap(0, 1);
    assert_eq!(
        listed(&old, &new),
        "card 1 \"Sees an ad\": moved within Busy parent · Awareness from position 1 to 2\n\
         card 3 \"Checkout\": moved from Busy parent · Purchase to Student · Purchase\n"
    );
}

#[test]
fn the_order_of_cards_of_different_cells_is_no_change() {
    let old = sample();
    let mut new = old.clone();
    new.touchpoints.reverse();
    // Cards 1 and 2 share a cell: only their order counts.
    assert_eq!(
        listed(&old, &new),
        "card 1 \"Sees an ad\": moved within Busy parent · Awareness from position 1 to 2\n"
    );
}

#[test]
fn personas_and_stages_added_removed_renamed_and_reordered() {
    let old = sample();
    let mut new = old.clone();
    new.personas.reverse();
    new.personas[0].colour = Colour::rgb(0, 0, 0);
    new.stages[0].name = "Discovery".into();
    new.stages.push(Stage::new(StageId(3), "Loyalty"));
    let out = listed(&old, &new);
    assert_eq!(
        out,
        "persona 2 \"Student\": colour #e48a3c → #000000\n\
         persona 1 \"Busy parent\": moved from lane 1 to lane 2\n\
         stage 1 \"Discovery\": renamed \"Awareness\" → \"Discovery\"\n\
         stage 3 \"Loyalty\": added\n"
    );
    let mut fewer = old.clone();
    fewer.personas.truncate(1);
    fewer.touchpoints.retain(|t| t.persona == PersonaId(1));
    assert!(listed(&old, &fewer).starts_with("persona 2 \"Student\": removed\n"));
}

#[test]
fn the_journey_rows_and_targets_are_compared_too() {
    let old = sample();
    let mut new = old.clone();
    new.title = "Shop 2".into();
    new.description = "After the redesign".into();
    new.rows[0].collapsed = true;
    new.rows
        .push(StageRow::new(RowId(2), RowKind::Text).with_text(StageId(1), "Goal", &[StageId(1)]));
    new.targets[0].goal = Goal::AtLeast(85.0);
    assert_eq!(
        listed(&old, &new),
        "journey: renamed \"Shop\" → \"Shop 2\", description added: After the redesign\n\
         row 1 \"Pain points\": collapsed no → yes\n\
         row 2 \"Notes\": added\n\
         target csat \"CSAT\": goal ≥ 80 → ≥ 85\n"
    );
}

#[test]
fn changes_from_both_sides_to_different_fields_and_items_all_land() {
    let base = sample();
    let mut ours = base.clone();
    card(&mut ours, 1).emotion = Some(Emotion(2));
    ours.stages[1].name = "Buying".into();
    let mut theirs = base.clone();
    card(&mut theirs, 1).owner = "Marketing".into();
    card(&mut theirs, 4).votes = 5;
    theirs.title = "Shop (reviewed)".into();
    let merged = merge(&base, &ours, &theirs).expect("a valid merge");
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let j = merged.journey;
    assert_eq!(j.touchpoints[0].emotion, Some(Emotion(2)));
    assert_eq!(j.touchpoints[0].owner, "Marketing");
    assert_eq!(j.touchpoints[3].votes, 5);
    assert_eq!(j.stages[1].name, "Buying");
    assert_eq!(j.title, "Shop (reviewed)");
}

#[test]
fn a_field_both_sides_changed_differently_keeps_ours_and_is_listed() {
    let base = sample();
    let mut ours = base.clone();
    card(&mut ours, 3).emotion = Some(Emotion(1));
    let mut theirs = base.clone();
    card(&mut theirs, 3).emotion = Some(Emotion(-2));
    card(&mut theirs, 3).notes = "Slow".into();
    let merged = merge(&base, &ours, &theirs).expect("a valid merge");
    assert_eq!(
        merged.conflicts,
        [Conflict {
            item: "card 3 \"Checkout\"".into(),
            field: "emotion",
            base: "-1".into(),
            ours: "+1".into(),
            theirs: "-2".into(),
        }]
    );
    let c = &merged.journey.touchpoints[2];
    assert_eq!((c.emotion, c.notes.as_str()), (Some(Emotion(1)), "Slow"));
}

#[test]
fn new_items_from_both_sides_are_kept_and_their_clashing_ids_renumbered() {
    let base = sample();
    let mut ours = base.clone();
    ours.touchpoints.push(Touchpoint::new(
        TouchpointId(5),
        PersonaId(1),
        StageId(2),
        "Ours",
    ));
    let mut theirs = base.clone();
    theirs
        .personas
        .push(Persona::new(PersonaId(3), "Retiree", Colour::PALETTE[2]));
    theirs.touchpoints.push(Touchpoint::new(
        TouchpointId(5),
        PersonaId(3),
        StageId(2),
        "Theirs",
    ));
    let merged = merge(&base, &ours, &theirs).expect("a valid merge");
    assert!(merged.conflicts.is_empty());
    let titles: Vec<(u32, &str)> = merged
        .journey
        .touchpoints
        .iter()
        .map(|t| (t.id.0, t.title.as_str()))
        .collect();
    assert_eq!(titles[4..], [(5, "Ours"), (6, "Theirs")]);
    assert_eq!(merged.journey.touchpoints[5].persona, PersonaId(3));
}

#[test]
fn order_changes_from_both_sides_merge() {
    let base = sample();
    let mut ours = base.clone();
    ours.personas.reverse();
    let mut theirs = base.clone();
    theirs.stages.reverse();
    theirs.touchpoints.swap(0, 1);
    let merged = merge(&base, &ours, &theirs).expect("a valid merge").journey;
    assert_eq!(merged.personas[0].id, PersonaId(2));
    assert_eq!(merged.stages[0].id, StageId(2));
    assert_eq!(merged.touchpoints[0].id, TouchpointId(2));
}

#[test]
fn a_card_one_side_changed_in_a_lane_the_other_removed_is_a_conflict() {
    let base = sample();
    let mut ours = base.clone();
    ours.personas.retain(|p| p.id != PersonaId(2));
    ours.touchpoints.retain(|t| t.persona != PersonaId(2));
    let mut theirs = base.clone();
    card(&mut theirs, 4).votes = 2;
    let merged = merge(&base, &ours, &theirs).expect("a valid merge");
    assert_eq!(merged.journey.personas.len(), 1);
    assert!(
        merged
            .journey
            .touchpoints
            .iter()
            .all(|t| t.id != TouchpointId(4))
    );
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].field, "removed");
}
