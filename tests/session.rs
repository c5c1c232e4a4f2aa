//! The shared document of a co-editing session: every journey survives the trip through it, and
//! peers that edit at once end up with one and the same valid journey.

mod common;

use common::ops::{edit_for, op, slot};
use journeymap::edit::{self, Edit};
use journeymap::model::{Emotion, Journey};
use journeymap::session::SharedJourney;
use journeymap::templates;
use loro::ExportMode;
use proptest::prelude::*;
use proptest::test_runner::Config;

fn ecommerce() -> Journey {
    templates::find("ecommerce")
        .and_then(|t| t.journey().ok())
        .expect("the ecommerce template loads")
}

#[test]
fn every_template_survives_the_shared_document() {
    for template in &templates::TEMPLATES {
        let journey = template.journey().expect("the template loads");
        let mut shared = SharedJourney::new();
        shared.start(&journey).expect("written");
        let mut copy = SharedJourney::new();
        copy.doc()
            .import(&shared.doc().export(ExportMode::Snapshot).expect("exported"))
            .expect("imported");
        assert_eq!(copy.read().as_ref(), Some(&journey), "{}", template.name);
    }
}

/// Two peers from one start, both edited, then each caught up with the other.
fn both_edit(a: impl FnOnce(&mut Peer), b: impl FnOnce(&mut Peer)) -> (Peer, Peer) {
    let start = ecommerce();
    let mut host = SharedJourney::new();
    host.start(&start).expect("written");
    let snapshot = host.doc().export(ExportMode::Snapshot).expect("exported");
    let mut peers = [1, 2].map(|n| {
        let mut shared = SharedJourney::new();
        shared.doc().set_peer_id(n).expect("a peer id");
        shared.doc().import(&snapshot).expect("imported");
        let journey = shared.read().expect("the journey");
        Peer { journey, shared }
    });
    a(&mut peers[0]);
    b(&mut peers[1]);
    let [mut first, mut second] = peers;
    first.catch_up(&second);
    second.catch_up(&first);
    assert_eq!(first.journey, second.journey);
    (first, second)
}

#[test]
fn edits_to_different_fields_and_cards_all_land() {
    let (merged, _) = both_edit(
        |p| {
            let mut t = p.journey.touchpoints[0].clone();
            t.title = "Sees a TV ad".into();
            let edit = edit::update_touchpoint(&p.journey, t);
            p.edit(edit);
        },
        |p| {
            let mut t = p.journey.touchpoints[0].clone();
            t.emotion = Some(Emotion(-2));
            let edit = edit::update_touchpoint(&p.journey, t);
            p.edit(edit);
            let mut t = p.journey.touchpoints[1].clone();
            t.owner = "Marketing".into();
            let edit = edit::update_touchpoint(&p.journey, t);
            p.edit(edit);
        },
    );
    assert_eq!(merged.journey.touchpoints[0].title, "Sees a TV ad");
    assert_eq!(merged.journey.touchpoints[0].emotion, Some(Emotion(-2)));
    assert_eq!(merged.journey.touchpoints[1].owner, "Marketing");
}

#[test]
fn a_card_moved_by_two_people_at_once_ends_up_in_one_place() {
    let move_to = |stage: usize| {
        move |p: &mut Peer| {
            let id = p.journey.touchpoints[0].id;
            let slot = slot(&p.journey, 0, stage).expect("a cell");
            let edit = edit::move_touchpoints(&p.journey, &[id], slot);
            p.edit(edit);
        }
    };
    let (merged, _) = both_edit(move_to(2), move_to(3));
    let start = ecommerce();
    let id = start.touchpoints[0].id;
    assert_eq!(merged.journey.touchpoints.len(), start.touchpoints.len());
    assert_eq!(
        merged
            .journey
            .touchpoints
            .iter()
            .filter(|t| t.id == id)
            .count(),
        1
    );
}

#[test]
fn cards_added_at_once_with_the_same_id_are_both_kept() {
    let add = |title: &'static str| {
        move |p: &mut Peer| {
            let (persona, stage) = (p.journey.personas[0].id, p.journey.stages[0].id);
            let edit = edit::add_touchpoint(&p.journey, persona, stage, title).map(|(e, _)| e);
            p.edit(edit);
        }
    };
    let (merged, _) = both_edit(add("Calls the shop"), add("Visits the shop"));
    let titles: Vec<&str> = merged
        .journey
        .touchpoints
        .iter()
        .map(|t| t.title.as_str())
        .collect();
    assert!(titles.contains(&"Calls the shop") && titles.contains(&"Visits the shop"));
    assert_eq!(
        merged.journey.touchpoints.len(),
        ecommerce().touchpoints.len() + 2
    );
}

#[test]
fn cards_added_to_a_lane_deleted_meanwhile_come_back_when_the_deletion_is_undone() {
    let (mut merged, _) = both_edit(
        |p| {
            let id = p.journey.personas[0].id;
            let edit = edit::remove_persona(&p.journey, id);
            p.edit(edit);
        },
        |p| {
            let (persona, stage) = (p.journey.personas[0].id, p.journey.stages[0].id);
            let edit =
                edit::add_touchpoint(&p.journey, persona, stage, "Asks a friend").map(|(e, _)| e);
            p.edit(edit);
        },
    );
    assert!(merged.journey.validate().is_ok());
    assert!(
        !merged
            .journey
            .touchpoints
            .iter()
            .any(|t| t.title == "Asks a friend")
    );
    // The lane back, as the person who deleted it would undo it.
    let lane = ecommerce().personas[0].clone();
    let edit = Edit::InsertPersona {
        index: 0,
        persona: lane,
    };
    merged.edit(Some(edit));
    let journey = merged.shared.read().expect("valid");
    assert!(
        journey
            .touchpoints
            .iter()
            .any(|t| t.title == "Asks a friend")
    );
}

/// One peer: a journey it edits and the document it shares.
struct Peer {
    journey: Journey,
    shared: SharedJourney,
}

impl Peer {
    fn edit(&mut self, edit: Option<Edit>) {
        if let Some(edit) = edit {
            let before = self.journey.clone();
            edit.apply(&mut self.journey).expect("the edit applies");
            self.shared.write(&before, &self.journey).expect("written");
        }
    }

    fn catch_up(&mut self, from: &Peer) {
        let updates = from
            .shared
            .doc()
            .export(ExportMode::updates(&self.shared.doc().oplog_vv()))
            .expect("exported");
        self.shared.doc().import(&updates).expect("imported");
        self.journey = self.shared.read().expect("a valid journey");
    }
}

proptest! {
    #![proptest_config(Config { cases: 64, ..Config::default() })]

    /// Three peers start from one journey, each makes its own edits without seeing the others',
    /// then all exchange updates: all three hold the same valid journey.
    #[test]
    fn concurrent_edits_converge(ops in proptest::collection::vec((0..3usize, op()), 1..24)) {
        let start = ecommerce();
        let mut host = SharedJourney::new();
        host.start(&start).expect("written");
        let snapshot = host.doc().export(ExportMode::Snapshot).expect("exported");
        let mut peers: Vec<Peer> = (0..3)
            .map(|n| {
                let shared = SharedJourney::new();
                shared.doc().set_peer_id(n + 1).expect("a peer id");
                shared.doc().import(&snapshot).expect("imported");
                let mut shared = shared;
                let journey = shared.read().expect("the journey");
                Peer { journey, shared }
            })
            .collect();
        for (who, op) in &ops {
            let peer = &mut peers[*who];
            let edit = edit_for(&peer.journey, op);
            peer.edit(edit);
        }
        // Two passes: after the first, the last peer has everything; after the second, all do.
        for _ in 0..2 {
            for a in 0..3 {
                for b in 0..3 {
                    if a != b {
                        let (from, to) = if a < b {
                            let (left, right) = peers.split_at_mut(b);
                            (&left[a], &mut right[0])
                        } else {
                            let (left, right) = peers.split_at_mut(a);
                            (&right[0], &mut left[b])
                        };
                        to.catch_up(from);
                    }
                }
            }
        }
        prop_assert_eq!(&peers[0].journey, &peers[1].journey);
        prop_assert_eq!(&peers[1].journey, &peers[2].journey);
        prop_assert!(peers[0].journey.validate().is_ok());
    }
}

/// loro#1046: a delete on one peer while another edits then moves the same element, with the edit
/// and the move arriving as two separate imports, made loro 1.13.7 panic. It must merge here.
#[test]
fn a_card_deleted_while_another_edits_then_moves_it_merges() {
    let (mut a, mut b) = both_edit(|_| {}, |_| {});
    let id = a.journey.touchpoints[0].id;
    let edit = edit::remove_touchpoints(&a.journey, &[id]);
    a.edit(edit);
    // Each of B's edits as its own batch, as the session sends them.
    let batch = |b: &mut Peer, edit: Option<Edit>| {
        let since = b.shared.doc().oplog_vv();
        b.edit(edit);
        b.shared
            .doc()
            .export(ExportMode::updates(&since))
            .expect("exported")
    };
    let mut t = b.journey.touchpoints[0].clone();
    t.title = "Edited before the move".into();
    let edit = edit::update_touchpoint(&b.journey, t);
    let edited = batch(&mut b, edit);
    let slot = slot(&b.journey, 1, 3).expect("a cell");
    let edit = edit::move_touchpoints(&b.journey, &[id], slot);
    let moved = batch(&mut b, edit);
    let batches = [edited, moved];
    for batch in &batches {
        a.shared.doc().import(batch).expect("imported");
    }
    b.catch_up(&a);
    a.journey = a.shared.read().expect("valid");
    assert_eq!(a.journey, b.journey);
}

/// What a peer that knows the code sends is still checked: updates that are not updates (cut,
/// random, huge) are refused one by one without a panic, and the valid ones beside them land.
#[test]
fn garbage_updates_are_refused_and_valid_ones_beside_them_land() {
    let mut host = SharedJourney::new();
    host.start(&ecommerce()).expect("written");
    let valid = host
        .doc()
        .export(ExportMode::all_updates())
        .expect("exported");
    let mut noise = 0x2545_f491_4f6c_dd1d_u64;
    let random: Vec<u8> = (0..1_000_000)
        .map(|_| {
            noise ^= noise << 13;
            noise ^= noise >> 7;
            noise ^= noise << 17;
            noise as u8
        })
        .collect();
    let garbage = vec![
        Vec::new(),
        valid[..valid.len() / 2].to_vec(),
        random,
        vec![0xff; 64],
    ];
    let mut batch = garbage.clone();
    batch.push(valid.clone());
    let mut peer = SharedJourney::new();
    let landed = peer.session_doc().import_all(&batch);
    assert_eq!(landed, [false, false, false, false, true]);
    assert_eq!(peer.read(), Some(ecommerce()));
    assert!(
        SharedJourney::new()
            .session_doc()
            .import_all(&garbage)
            .iter()
            .all(|ok| !ok)
    );
}
