//! Finding sessions over mDNS, in one process: hosts announce, a browser finds them with their
//! titles, names and ports, and loses each one whose announcement is dropped.
//!
//! Everything runs on this machine's IPv4 loopback, on an mDNS port of the test's own (not
//! 5353): the test finds only its own hosts, real responders on the machine cannot disturb it,
//! and nothing is sent onto the network CI runs on. Linux delivers multicast on `lo` although
//! `lo` has no MULTICAST flag, and needs no multicast route for it: checked in a fresh network
//! namespace (`unshare -n`, only `lo` up, no routes), as in a bare CI container. So there is no
//! condition under which this test could only skip: it always asserts, and a discovery that
//! does not work fails it.

use journeymap::session::discover::{Advertisement, Browser, FoundHost, Scope};
use std::net::{TcpListener, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Announcing takes a probe of about a second; the rest is margin for a loaded CI machine.
const PATIENCE: Duration = Duration::from_secs(30);

/// A UDP port nobody here uses, for this test's mDNS.
fn free_mdns_port() -> u16 {
    let socket = UdpSocket::bind("127.0.0.1:0").expect("a free UDP port");
    socket.local_addr().expect("its address").port()
}

/// A TCP port as a session would listen on (kept open, so that it stays ours).
fn session_port() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free TCP port");
    let port = listener.local_addr().expect("its address").port();
    (listener, port)
}

fn wait_until(browser: &Browser, what: &str, done: impl Fn(&[FoundHost]) -> bool) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let hosts = browser.hosts();
        if done(&hosts) {
            return;
        }
        assert_eq!(browser.failure(), None, "discovery failed");
        assert!(
            Instant::now() < deadline,
            "{what} within {PATIENCE:?}; the list is {hosts:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn hosts_are_found_with_title_name_and_port_and_leave_when_they_stop() {
    let scope = Scope::this_machine(free_mdns_port());
    let (_first_session, first_port) = session_port();
    let (_second_session, second_port) = session_port();

    // One host announces before anyone looks, the other while the browser looks.
    let first = Advertisement::start(scope, "Onboarding", "Ana", first_port).expect("announced");
    let wakes = Arc::new(AtomicUsize::new(0));
    let woken = wakes.clone();
    let browser = Browser::start(scope, move || {
        woken.fetch_add(1, Ordering::SeqCst);
    });
    let second =
        Advertisement::start(scope, "Checkout: a long day", "Bo", second_port).expect("announced");

    let expected = vec![
        FoundHost {
            title: "Checkout: a long day".into(),
            host: "Bo".into(),
            address: format!("127.0.0.1:{second_port}"),
        },
        FoundHost {
            title: "Onboarding".into(),
            host: "Ana".into(),
            address: format!("127.0.0.1:{first_port}"),
        },
    ];
    wait_until(&browser, "both hosts found", |hosts| hosts == expected);
    assert!(
        wakes.load(Ordering::SeqCst) >= 2,
        "the window is woken as hosts are found"
    );

    // Leaving the session says goodbye: the host leaves the list, the other stays.
    drop(second);
    wait_until(&browser, "the stopped host removed", |hosts| {
        hosts == &expected[1..]
    });
    drop(first);
    wait_until(&browser, "the last host removed", <[FoundHost]>::is_empty);
}

#[test]
fn a_hostile_title_and_name_arrive_cut_and_clean() {
    let scope = Scope::this_machine(free_mdns_port());
    let (_session, port) = session_port();
    let title = format!("\u{1b}[2J{}\u{202E}", "Long ".repeat(100));
    let _host = Advertisement::start(scope, &title, "A\nna\u{7}", port).expect("announced");
    let browser = Browser::start(scope, || {});
    wait_until(&browser, "the host found", |hosts| hosts.len() == 1);
    let found = &browser.hosts()[0];
    assert_eq!(found.host, "A na");
    assert!(found.title.starts_with("[2JLong Long"), "{}", found.title);
    assert!(found.title.ends_with('…'), "{}", found.title);
    assert!(found.title.chars().all(|c| !c.is_control()));
}
