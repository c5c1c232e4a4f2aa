//! Co-editing over loopback, in one process and with no window: a host and participants connected
//! by TCP with the join code, as `journeymap host` and the app's Workshop ▸ Join connect.

mod common;

use common::ops::{Op, edit_for, op};
use journeymap::edit::{self, Edit};
use journeymap::model::Journey;
use journeymap::session::{Event, Session, SessionError, SharedJourney};
use journeymap::templates;
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

const CODE: &str = "K7WQ-3MPX";

fn ecommerce() -> Journey {
    templates::find("ecommerce")
        .and_then(|t| t.journey().ok())
        .expect("the ecommerce template loads")
}

/// One person in the session: their journey, the document under it and their connection.
struct Person {
    journey: Journey,
    shared: SharedJourney,
    session: Session,
}

impl Person {
    fn host(journey: &Journey) -> Person {
        let mut shared = SharedJourney::new();
        shared.start(journey).expect("written");
        let session = Session::host(shared.session_doc(), 0, CODE, "Host").expect("hosting");
        Person {
            journey: journey.clone(),
            shared,
            session,
        }
    }

    fn address(&self) -> String {
        let port = self.session.address().expect("listening").port();
        format!("127.0.0.1:{port}")
    }

    fn join(host: &Person, name: &str) -> Person {
        let mut shared = SharedJourney::new();
        let session =
            Session::join(shared.session_doc(), &host.address(), CODE, name).expect("joined");
        wait_for(&session, |e| *e == Event::CaughtUp);
        let journey = shared.read().expect("the host's journey");
        Person {
            journey,
            shared,
            session,
        }
    }

    fn edit(&mut self, edit: Option<Edit>) {
        let edit = edit.expect("an edit");
        let before = self.journey.clone();
        edit.apply(&mut self.journey).expect("applies");
        self.shared.write(&before, &self.journey).expect("written");
    }

    fn retitle(&mut self, card: usize, title: &str) {
        let mut t = self.journey.touchpoints[card].clone();
        t.title = title.to_owned();
        let edit = edit::update_touchpoint(&self.journey, t);
        self.edit(edit);
    }

    /// Reads the journey again, as the app does on [`Event::Changed`].
    fn refresh(&mut self) {
        self.journey = self.shared.read().expect("a valid journey");
    }
}

fn wait_for(session: &Session, wanted: impl Fn(&Event) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        if session.next_event(left).is_some_and(|e| wanted(&e)) {
            return;
        }
    }
    panic!("the event never came");
}

/// Waits until everyone reads the same journey, and returns it.
fn settled(people: &mut [&mut Person]) -> Journey {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        for p in people.iter_mut() {
            p.refresh();
        }
        if people.windows(2).all(|w| w[0].journey == w[1].journey) {
            return people[0].journey.clone();
        }
        assert!(Instant::now() < deadline, "the journeys never agreed");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn three_people_edit_at_once_and_all_see_every_edit() {
    let start = ecommerce();
    let mut host = Person::host(&start);
    let mut ana = Person::join(&host, "Ana");
    let mut ben = Person::join(&host, "Ben");
    assert_eq!(ana.journey, start);
    host.retitle(0, "Sees a TV ad");
    ana.retitle(1, "Asks a friend");
    let edit = edit::step_emotion(&ben.journey, &[ben.journey.touchpoints[2].id], false);
    ben.edit(edit);
    let all = settled(&mut [&mut host, &mut ana, &mut ben]);
    assert_eq!(all.touchpoints[0].title, "Sees a TV ad");
    assert_eq!(all.touchpoints[1].title, "Asks a friend");
    assert_ne!(all.touchpoints[2].emotion, start.touchpoints[2].emotion);
    let names: Vec<String> = host.session.peers().into_iter().map(|(_, n)| n).collect();
    assert_eq!(names, ["Ana", "Ben"]);
}

#[test]
fn a_wrong_code_is_refused_and_learns_nothing() {
    let host = Person::host(&ecommerce());
    let mut shared = SharedJourney::new();
    let joined = Session::join(shared.session_doc(), &host.address(), "WRONG-CODE", "Eve");
    assert!(
        matches!(joined, Err(SessionError::Secure(_))),
        "{:?}",
        joined.err()
    );
    assert_eq!(shared.read(), None);
    assert!(shared.doc().oplog_vv().is_empty());
    wait_for(&host.session, |e| matches!(e, Event::Refused { .. }));
}

#[test]
fn garbage_and_oversized_frames_leave_the_host_and_others_unharmed() {
    let mut host = Person::host(&ecommerce());
    let mut ana = Person::join(&host, "Ana");
    for junk in [
        vec![0xff; 4],                      // a frame of 4 GB
        b"GET / HTTP/1.1\r\n\r\n".to_vec(), // someone's browser
        vec![0, 0, 0, 32, 1, 2, 3],         // a handshake cut short
    ] {
        let mut stream = TcpStream::connect(host.address()).expect("connected");
        stream.write_all(&junk).expect("sent");
        drop(stream);
    }
    host.retitle(0, "Still here");
    let all = settled(&mut [&mut host, &mut ana]);
    assert_eq!(all.touchpoints[0].title, "Still here");
}

#[test]
fn a_participant_offline_keeps_working_and_both_sides_merge_on_reconnect() {
    let mut host = Person::host(&ecommerce());
    let ana = Person::join(&host, "Ana");
    // Ana's Wi-Fi drops: her connection goes, her journey and document stay.
    let Person {
        mut journey,
        mut shared,
        session,
    } = ana;
    drop(session);
    wait_for(&host.session, |e| matches!(e, Event::Left { .. }));
    let mut t = journey.touchpoints[0].clone();
    t.title = "Offline edit".into();
    let before = journey.clone();
    edit::update_touchpoint(&journey, t)
        .expect("an edit")
        .apply(&mut journey)
        .expect("applies");
    shared.write(&before, &journey).expect("written");
    host.retitle(1, "Edit meanwhile");
    let session =
        Session::join(shared.session_doc(), &host.address(), CODE, "Ana").expect("rejoined");
    let mut ana = Person {
        journey,
        shared,
        session,
    };
    let all = settled(&mut [&mut host, &mut ana]);
    assert_eq!(all.touchpoints[0].title, "Offline edit");
    assert_eq!(all.touchpoints[1].title, "Edit meanwhile");
}

/// Leaving right after an edit (closing the window, Leave) still sends it: what is queued goes
/// out before the connection closes.
#[test]
fn an_edit_made_just_before_leaving_still_reaches_the_others() {
    for _ in 0..20 {
        let mut host = Person::host(&ecommerce());
        let mut ana = Person::join(&host, "Ana");
        ana.retitle(0, "Last words");
        drop(ana);
        let deadline = Instant::now() + Duration::from_secs(20);
        while host.journey.touchpoints[0].title != "Last words" {
            assert!(Instant::now() < deadline, "the last edit was lost");
            host.session.next_event(Duration::from_millis(50));
            host.refresh();
        }
    }
}

#[test]
fn the_host_can_remove_a_participant() {
    let host = Person::host(&ecommerce());
    let _ana = Person::join(&host, "Ana");
    let (who, _) = host.session.peers()[0].clone();
    host.session.remove(who);
    wait_for(&host.session, |e| matches!(e, Event::Left { .. }));
    assert!(host.session.peers().is_empty());
}

/// Waits until `session` sees the others as `wanted` (names and cards).
fn sees(session: &Session, wanted: &[(&str, Option<u32>)]) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let others: Vec<(String, Option<u32>)> = session
            .others()
            .into_iter()
            .map(|p| (p.name, p.card))
            .collect();
        let expected: Vec<(String, Option<u32>)> =
            wanted.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect();
        if others == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "saw {others:?}, not {expected:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn everyone_sees_which_card_the_others_are_on_and_who_left() {
    let host = Person::host(&ecommerce());
    let ana = Person::join(&host, "Ana");
    ana.session.share_selection(Some(5));
    host.session.share_selection(Some(2));
    sees(&host.session, &[("Ana", Some(5))]);
    sees(&ana.session, &[("Host", Some(2))]);
    // A newcomer learns where everyone already is, Ana's place relayed by the host.
    let ben = Person::join(&host, "Ben");
    sees(&ben.session, &[("Ana", Some(5)), ("Host", Some(2))]);
    ben.session.share_selection(None);
    sees(&ana.session, &[("Ben", None), ("Host", Some(2))]);
    drop(ben);
    sees(&host.session, &[("Ana", Some(5))]);
}

#[test]
fn a_vote_is_called_for_everyone_and_each_ballot_reaches_the_caller() {
    let host = Person::host(&ecommerce());
    let ana = Person::join(&host, "Ana");
    let round = host.session.call_vote("Fix first", 3);
    wait_for(&ana.session, |e| *e == Event::Voting);
    let call = ana.session.vote().expect("the call arrived");
    assert_eq!(
        (call.round, call.name.as_str(), call.caller.as_str()),
        (round, "Fix first", "Host")
    );
    assert_eq!(call.dots_per_voter, 3);
    assert!(!ana.session.called(&call) && host.session.called(&call));

    // A second ballot replaces the first; someone who comes later learns of the vote at once.
    ana.session.cast(round, &[4, 4]);
    ana.session.cast(round, &[4, 4, 7]);
    let ben = Person::join(&host, "Ben");
    assert_eq!(ben.session.vote().map(|c| c.round), Some(round));
    let deadline = Instant::now() + Duration::from_secs(20);
    while host.session.ballots(round) != [vec![4, 4, 7]] {
        assert!(Instant::now() < deadline, "the ballot never arrived");
        host.session.next_event(Duration::from_millis(50));
    }
    assert!(host.session.ballots(round + 1).is_empty());

    host.session.end_vote(round);
    wait_for(&ana.session, |e| *e == Event::Voting);
    assert_eq!(ana.session.vote(), None);
}

/// What one person does next: an edit on the journey as they last saw it, or a look at the
/// others' changes that have arrived so far.
fn step() -> impl Strategy<Value = Option<Op>> {
    prop_oneof![4 => op().prop_map(Some), 1 => Just(None)]
}

proptest! {
    #![proptest_config(Config { cases: 16, ..Config::default() })]

    /// Three people connected over loopback edit at once: each on the journey as they last saw
    /// it while the others' changes arrive in the background (moves of one card, a lane deleted
    /// while another fills it, adds). Once everything has arrived, all three hold one valid
    /// journey.
    #[test]
    fn three_people_over_loopback_end_with_one_valid_journey(
        steps in proptest::collection::vec((0..3usize, step()), 1..30)
    ) {
        let host = Person::host(&ecommerce());
        let ana = Person::join(&host, "Ana");
        let ben = Person::join(&host, "Ben");
        let mut people = [host, ana, ben];
        for (who, step) in &steps {
            let person = &mut people[*who];
            match step {
                Some(op) => {
                    if let Some(edit) = edit_for(&person.journey, op) {
                        person.edit(Some(edit));
                    }
                }
                None => person.refresh(),
            }
        }
        let [host, ana, ben] = &mut people;
        let all = settled(&mut [host, ana, ben]);
        prop_assert!(all.validate().is_ok());
    }
}
