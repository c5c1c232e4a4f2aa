//! Voting rounds, compared and merged round by round: known by name and date.

use super::super::*;
use super::{listed, sample};
use crate::model::{CardDots, Journey, Touchpoint, TouchpointId, VotingRound};

fn round(name: &str, date: &str, dots: &[(u32, u32)]) -> VotingRound {
    VotingRound {
        name: name.into(),
        date: date.into(),
        dots_per_voter: 3,
        voters: 4,
        results: dots
            .iter()
            .map(|&(card, dots)| CardDots {
                card: TouchpointId(card),
                dots,
            })
            .collect(),
    }
}

fn names(rounds: &[VotingRound]) -> Vec<&str> {
    rounds.iter().map(|r| r.name.as_str()).collect()
}

/// The sample with two rounds: "Fix first" and "Quick wins".
fn two_rounds() -> Journey {
    let mut journey = sample();
    journey.rounds = vec![
        round("Fix first", "2026-11-30", &[(1, 3)]),
        round("Quick wins", "2026-12-01", &[(2, 1)]),
    ];
    journey
}

#[test]
fn rounds_added_removed_and_changed_are_listed_by_name_and_date() {
    let old = two_rounds();
    let mut new = old.clone();
    new.rounds.remove(0);
    new.rounds[0].results[0].dots = 4;
    new.rounds
        .push(round("Second look", "2026-12-07", &[(3, 2)]));
    assert_eq!(
        listed(&old, &new),
        "voting round \"Fix first\" (2026-11-30): removed\n\
         voting round \"Quick wins\" (2026-12-01): results card 2: 1 dot → card 2: 4 dots\n\
         voting round \"Second look\" (2026-12-07): added\n"
    );
}

#[test]
fn rounds_added_on_both_sides_are_all_kept_ours_first_and_equal_ones_once() {
    let mut base = sample();
    base.rounds = vec![round("Fix first", "2026-11-30", &[(1, 3)])];
    let mut ours = base.clone();
    ours.rounds.push(round("Ours", "2026-12-02", &[(2, 2)]));
    ours.rounds.push(round("Both", "2026-12-03", &[(4, 1)]));
    let mut theirs = base.clone();
    theirs.rounds.push(round("Theirs", "2026-12-02", &[(3, 5)]));
    theirs.rounds.push(round("Both", "2026-12-03", &[(4, 1)]));
    let merged = merge(&base, &ours, &theirs).expect("a valid merge");
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(
        names(&merged.journey.rounds),
        ["Fix first", "Ours", "Both", "Theirs"]
    );
}

#[test]
fn a_round_removed_on_one_side_and_untouched_on_the_other_is_removed() {
    let base = two_rounds();
    let mut ours = base.clone();
    ours.rounds.remove(0);
    let mut theirs = base.clone();
    theirs.rounds[1].voters = 6;
    let merged = merge(&base, &ours, &theirs).expect("a valid merge");
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.journey.rounds, [theirs.rounds[1].clone()]);
}

#[test]
fn a_round_changed_differently_on_both_sides_is_a_conflict_that_keeps_ours() {
    let mut base = sample();
    base.rounds = vec![round("Fix first", "2026-11-30", &[(1, 3)])];
    let mut ours = base.clone();
    ours.rounds[0].results[0].dots = 5;
    let mut theirs = base.clone();
    theirs.rounds[0].results[0].dots = 1;
    theirs.rounds[0].voters = 2;
    let merged = merge(&base, &ours, &theirs).expect("a valid merge");
    assert_eq!(
        merged.conflicts,
        [Conflict {
            item: "voting round \"Fix first\" (2026-11-30)".into(),
            field: "results",
            base: "card 1: 3 dots".into(),
            ours: "card 1: 5 dots".into(),
            theirs: "card 1: 1 dot".into(),
        }]
    );
    // Their change to another field of the round lands.
    assert_eq!(merged.journey.rounds[0].results, ours.rounds[0].results);
    assert_eq!(merged.journey.rounds[0].voters, 2);

    // One round added on both sides under the same name and date, differently: ours, listed.
    let mut ours = base.clone();
    ours.rounds.push(round("Again", "2026-12-09", &[(1, 1)]));
    let mut theirs = base.clone();
    theirs.rounds.push(round("Again", "2026-12-09", &[(2, 1)]));
    let merged = merge(&base, &ours, &theirs).expect("a valid merge");
    assert_eq!(merged.journey.rounds, ours.rounds);
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    assert_eq!(merged.conflicts[0].field, "added");
}

#[test]
fn their_rounds_dots_follow_their_cards_when_those_are_renumbered() {
    let base = sample();
    let (persona, stage) = (base.personas[0].id, base.stages[0].id);
    let mut ours = base.clone();
    ours.touchpoints
        .push(Touchpoint::new(TouchpointId(5), persona, stage, "Ours"));
    let mut theirs = base.clone();
    theirs
        .touchpoints
        .push(Touchpoint::new(TouchpointId(5), persona, stage, "Theirs"));
    theirs.rounds = vec![round("Fix first", "2026-11-30", &[(5, 3)])];
    let merged = merge(&base, &ours, &theirs).expect("a valid merge").journey;
    let their_card = merged
        .touchpoints
        .iter()
        .find(|t| t.title == "Theirs")
        .expect("their card kept");
    assert_ne!(their_card.id, TouchpointId(5));
    assert_eq!(merged.rounds[0].results[0].card, their_card.id);
}
