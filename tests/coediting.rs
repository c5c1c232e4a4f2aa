//! Two app windows in one test, co-editing over loopback: one hosts from Workshop ▸ Host this
//! map, the other joins from Workshop ▸ Join a map with the address and the code the host shows,
//! typed or picked from the hosts found on the network.

mod common;

use common::{drag, harness, harness_of, journey};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use journeymap::app::AppState;
use journeymap::edit::Edit;
use journeymap::model::{Journey, TouchpointId};
use journeymap::session::discover::Scope;
use journeymap::templates;
use std::net::UdpSocket;
use std::time::{Duration, Instant};

fn ecommerce() -> Journey {
    templates::find("ecommerce")
        .and_then(|t| t.journey().ok())
        .expect("the ecommerce template")
}

/// Runs both windows until their journeys agree with `done` (the network works in the
/// background meanwhile).
fn until(
    a: &mut Harness<'_, AppState>,
    b: &mut Harness<'_, AppState>,
    done: impl Fn(&Journey, &Journey) -> bool,
) {
    until_both(a, b, |a, b| done(&journey(a), &journey(b)));
}

/// Runs both windows until `done` holds of them.
fn until_both(
    a: &mut Harness<'_, AppState>,
    b: &mut Harness<'_, AppState>,
    done: impl Fn(&Harness<'_, AppState>, &Harness<'_, AppState>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        a.run();
        b.run();
        if done(a, b) {
            return;
        }
        assert!(Instant::now() < deadline, "the two windows never agreed");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn card_centre(h: &mut Harness<'_, AppState>, id: TouchpointId) -> egui::Pos2 {
    let app = h.state_mut();
    let rect = app.canvas.card_screen_rect(&mut app.doc, id);
    rect.expect("the card is on the map").center()
}

fn menu(h: &mut Harness<'_, AppState>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

/// The windows announce and look for sessions on this machine's loopback only, on an mDNS
/// port of the test's own: they find each other and send nothing onto the network (why this
/// works in a bare container: tests/discovery.rs).
fn this_machine() -> Scope {
    let socket = UdpSocket::bind("127.0.0.1:0").expect("a free UDP port");
    Scope::this_machine(socket.local_addr().expect("its address").port())
}

/// A window hosting the ecommerce map; its port and join code.
fn host_window(scope: Scope) -> (Harness<'static, AppState>, u16, String) {
    let mut host = harness(ecommerce());
    host.state_mut().coediting.discovery.scope = scope;
    menu(&mut host, "Workshop", "Host this map…");
    let (port, code) = {
        let live = host.state().doc.live().expect("hosting");
        (
            live.session().address().expect("listening").port(),
            live.code().to_owned(),
        )
    };
    (host, port, code)
}

/// A participant's window on the start screen (their first step), with the join form open.
fn guest_window(scope: Scope) -> Harness<'static, AppState> {
    let mut guest = harness_of(AppState::starting(), egui::vec2(1400.0, 900.0));
    guest.state_mut().doc.path = Some("mine.ron".into());
    guest.state_mut().coediting.discovery.scope = scope;
    menu(&mut guest, "Workshop", "Join a map…");
    guest
}

fn type_into(h: &mut Harness<'_, AppState>, field: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, field).click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, field)
        .type_text(text);
    h.run();
}

/// Joins with what the form holds and waits until both windows hold the same map.
fn join(host: &mut Harness<'_, AppState>, guest: &mut Harness<'_, AppState>) {
    guest.get_by_label("Join").click();
    until(host, guest, |a, b| a == b);
    assert!(
        guest.state().start.is_none(),
        "the host's map replaces the start screen"
    );
}

/// A host window and a guest window joined to it through the Workshop menu, in sync.
fn connected() -> (Harness<'static, AppState>, Harness<'static, AppState>) {
    let scope = this_machine();
    let (mut host, port, code) = host_window(scope);
    let mut guest = guest_window(scope);
    for (field, text) in [
        ("Address", format!("127.0.0.1:{port}")),
        ("Join code", code),
        ("Your name", "Ana".to_owned()),
    ] {
        type_into(&mut guest, field, &text);
    }
    join(&mut host, &mut guest);
    (host, guest)
}

#[test]
fn a_host_found_on_the_network_is_picked_by_click_or_keyboard_and_joined() {
    let scope = this_machine();
    // The host names themself in the form, then hosts from it.
    let mut host = harness(ecommerce());
    host.state_mut().coediting.discovery.scope = scope;
    menu(&mut host, "Workshop", "Join a map…");
    type_into(&mut host, "Your name", "Ana");
    host.get_by_label("Host this map").click();
    host.run();
    host.get_by_label("Listed under Join on this network.");
    let port = {
        let live = host.state().doc.live().expect("hosting");
        live.session().address().expect("listening").port()
    };

    let mut guest = guest_window(scope);
    guest.get_by_label("Found on this network");
    // The map's title, who hosts it, and the address to join.
    let row = format!("{} · Ana 127.0.0.1:{port}", ecommerce().title);
    let deadline = Instant::now() + Duration::from_secs(30);
    while guest.query_by_label(&row).is_none() {
        assert!(Instant::now() < deadline, "{row:?} was never listed");
        host.run();
        guest.run();
        std::thread::sleep(Duration::from_millis(20));
    }
    let address =
        |h: &Harness<'_, AppState>| h.get_by_role_and_label(Role::TextInput, "Address").value();
    assert_eq!(address(&guest).as_deref(), Some(""));

    guest.get_by_label(&row).click();
    guest.run();
    assert_eq!(address(&guest), Some(format!("127.0.0.1:{port}")));

    // From the keyboard: the row is a button that Enter presses; the code is next to type.
    type_into(&mut guest, "Address", "x");
    guest.get_by_label(&row).focus();
    guest.run();
    guest.key_press(Key::Enter);
    guest.run();
    assert_eq!(address(&guest), Some(format!("127.0.0.1:{port}")));
    assert!(
        guest
            .get_by_role_and_label(Role::TextInput, "Join code")
            .is_focused()
    );

    let code = host.state().doc.live().expect("hosting").code().to_owned();
    type_into(&mut guest, "Join code", &code);
    type_into(&mut guest, "Your name", "Bo");
    join(&mut host, &mut guest);
    host.get_by_label("Bo");
}

/// A map renamed while hosted is listed under its new name once the typing has settled.
#[test]
fn a_map_renamed_while_hosted_is_listed_under_its_new_title() {
    let scope = this_machine();
    let (mut host, port, _) = host_window(scope);
    let mut guest = guest_window(scope);
    host.state_mut()
        .doc
        .apply(Edit::SetTitle("Renamed in the room".into()))
        .expect("renamed");
    let listed = |h: &Harness<'_, AppState>, title: &str| {
        h.query_by_label_contains(&format!("127.0.0.1:{port}"))
            .is_some_and(|row| {
                row.accesskit_node()
                    .label()
                    .is_some_and(|l| l.starts_with(title))
            })
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while !listed(&guest, "Renamed in the room · ") {
        assert!(
            Instant::now() < deadline,
            "never listed under the new title"
        );
        host.run();
        guest.run();
        std::thread::sleep(Duration::from_millis(20));
    }
    // The old title is gone from the list: its announcement said goodbye.
    assert!(!listed(&guest, &ecommerce().title));
}

/// Connected, with both session windows put away to work on the map.
fn connected_at_work() -> (Harness<'static, AppState>, Harness<'static, AppState>) {
    let (mut host, mut guest) = connected();
    for h in [&mut host, &mut guest] {
        h.get_by_label("Close window").click();
        h.run();
    }
    (host, guest)
}

#[test]
fn a_card_dragged_in_one_window_moves_in_the_other_and_undo_there_leaves_it() {
    let (mut host, mut guest) = connected();
    host.get_by_label("Ana");
    assert_eq!(
        guest.state().doc.path,
        None,
        "Save must not overwrite the guest's own file"
    );
    // Both put the window away to work on the map.
    for h in [&mut host, &mut guest] {
        h.get_by_label("Close window").click();
        h.run();
    }

    // The guest makes a change of their own: the first card's emotion a step up.
    let first = journey(&guest).touchpoints[0].clone();
    let at = card_centre(&mut guest, first.id);
    drag(&mut guest, at, at);
    guest.key_press(Key::CloseBracket);
    guest.run();
    let stepped = journey(&guest).touchpoints[0].emotion;
    assert_ne!(stepped, first.emotion);

    // The host drags a card to another cell.
    let j = journey(&host);
    let card = j.touchpoints[3].id;
    let (to_persona, to_stage) = (j.personas[1].id, j.stages[4].id);
    let from = card_centre(&mut host, card);
    let to = {
        let app = host.state_mut();
        let view = app.canvas.view();
        view.to_screen_rect(app.doc.layout().cell_rect(1, 4).expect("a cell"))
            .center()
    };
    drag(&mut host, from, to);
    let moved = |j: &Journey| {
        j.touchpoints
            .iter()
            .any(|t| t.id == card && t.persona == to_persona && t.stage == to_stage)
    };
    assert!(
        moved(&journey(&host)),
        "the drag moved the card on the host"
    );
    until(&mut host, &mut guest, |a, b| a == b && moved(b));
    // The guest sees which card the host is on (the one just dragged).
    let deadline = Instant::now() + Duration::from_secs(20);
    while !guest
        .state()
        .canvas
        .others
        .iter()
        .any(|o| o.card == Some(card.0))
    {
        assert!(Instant::now() < deadline, "the host's place never showed");
        host.run();
        guest.run();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(journey(&host).touchpoints[0].emotion, stepped);

    // Ctrl+Z in the guest's window takes back the guest's own change, not the host's drag.
    guest.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    until(&mut host, &mut guest, |a, b| {
        a == b && b.touchpoints[0].emotion == first.emotion
    });
    assert!(moved(&journey(&guest)), "the host's drag stays");
}

#[test]
fn a_guest_removed_by_the_host_keeps_working_and_reconnects_with_both_sides_changes() {
    let (mut host, mut guest) = connected();
    host.get_by_label("Remove").click();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !guest.state().doc.live().is_some_and(|l| l.disconnected()) {
        assert!(Instant::now() < deadline, "the guest never noticed");
        host.run();
        guest.run();
        std::thread::sleep(Duration::from_millis(20));
    }
    guest.run();
    guest.get_by_label("The connection to the host was lost. Your changes are kept.");

    // Offline, the guest steps a card's emotion; meanwhile the host renames the journey.
    let g = journey(&guest);
    let edit = journeymap::edit::step_emotion(&g, &[g.touchpoints[5].id], false).expect("a step");
    guest.state_mut().doc.apply(edit).expect("stepped");
    let stepped = journey(&guest).touchpoints[5].emotion;
    assert_ne!(stepped, g.touchpoints[5].emotion, "the offline edit took");
    let edit = journeymap::edit::Edit::SetTitle("Renamed while Ana was away".into());
    host.state_mut().doc.apply(edit).expect("renamed");

    guest.get_by_label("Reconnect").click();
    until(&mut host, &mut guest, |a, b| {
        a == b && a.title == "Renamed while Ana was away" && a.touchpoints[5].emotion == stepped
    });
}

/// The host starts a vote from the Workshop menu; it returns once the guest's bar shows it.
fn call_a_vote(host: &mut Harness<'_, AppState>, guest: &mut Harness<'_, AppState>) {
    menu(host, "Workshop", "Start a vote…");
    host.get_by_label("Start voting").click();
    until_both(host, guest, |_, g| {
        g.query_by_label_contains("Called by").is_some()
    });
}

/// A vote called on the host reaches the guest's laptop; each places their own dots, nobody
/// sees totals, and the host's reveal counts both.
#[test]
fn a_vote_called_on_the_host_is_placed_on_the_guest_laptop_and_counted_at_the_reveal() {
    let (mut host, mut guest) = connected_at_work();
    let original = journey(&host);
    call_a_vote(&mut host, &mut guest);
    let (shipping, invoice) = (
        "Shipping cost shows at the last step",
        "Invoice is missing our VAT number",
    );
    for _ in 0..2 {
        guest.get_by_label(shipping).click();
        guest.run();
    }
    guest.get_by_label("1 left");
    host.get_by_label(invoice).click();
    host.run();
    until_both(&mut host, &mut guest, |h, _| {
        h.query_by_label("2 people voted").is_some()
    });
    assert_eq!(journey(&host), original, "the totals stay hidden");
    assert_eq!(journey(&guest), original);
    assert!(
        guest.query_by_label("Reveal").is_none(),
        "only the caller reveals"
    );

    host.get_by_label("Reveal").click();
    until_both(&mut host, &mut guest, |h, g| {
        journey(h) == journey(g) && !journey(g).rounds.is_empty()
    });
    until_both(&mut host, &mut guest, |_, g| {
        !g.state().workshop.voting.is_open()
    });
    let j = journey(&guest);
    let votes = |title: &str| {
        j.touchpoints
            .iter()
            .find(|t| t.title == title)
            .map(|t| t.votes)
    };
    assert_eq!(votes(shipping), Some(2));
    assert_eq!(votes(invoice), Some(1));
    assert_eq!(j.rounds[0].voters, 2);
}

/// A vote in turns started before hosting stays one: hosting does not turn it into a room vote
/// and drop the other voters' dots.
#[test]
fn a_vote_in_turns_started_before_hosting_keeps_every_voter() {
    let mut h = harness(ecommerce());
    menu(&mut h, "Workshop", "Start a vote…");
    h.get_by_label("Start voting").click();
    h.run();
    let shipping = "Shipping cost shows at the last step";
    h.get_by_label(shipping).click();
    h.run();
    h.get_by_label("Next voter").click();
    h.run();
    h.get_by_label(shipping).click();
    h.run();
    menu(&mut h, "Workshop", "Host this map…");
    h.get_by_label("Voter 2 of 6");
    h.get_by_label("Reveal").click();
    h.run();
    let j = journey(&h);
    let votes = j
        .touchpoints
        .iter()
        .find(|t| t.title == shipping)
        .map(|t| t.votes);
    assert_eq!(votes, Some(2));
    assert_eq!(j.rounds[0].voters, 6);
}

/// A participant can leave a vote (its caller gone quiet, say); it is not joined again, and when
/// the caller leaves the session the vote ends for everyone.
#[test]
fn a_participant_leaves_a_vote_and_a_caller_who_leaves_ends_it() {
    let (mut host, mut guest) = connected_at_work();
    call_a_vote(&mut host, &mut guest);
    guest.get_by_label("Leave the vote").click();
    for _ in 0..5 {
        host.run();
        guest.run();
    }
    assert!(!guest.state().workshop.voting.is_open(), "not joined again");

    // A second vote: the guest takes part, then the host leaves the session.
    host.get_by_label("Cancel vote").click();
    host.run();
    call_a_vote(&mut host, &mut guest);
    host.state_mut().doc.stop_sharing();
    until_both(&mut host, &mut guest, |_, g| {
        !g.state().workshop.voting.is_open()
    });
    assert!(
        host.state().workshop.voting.is_open(),
        "the caller's vote goes on at home"
    );
}
