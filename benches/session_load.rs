//! Co-editing under load, over loopback: 20 participants each make 10 edits a second for 30 s
//! through one host. Each edit's time to arrive everywhere (at the host and at all 19 others) is
//! measured; the median and the 99th percentile are printed, with how many edits did not arrive
//! everywhere (target: median under 50 ms, p99 under 250 ms, none lost).
//!
//! `cargo bench --bench session_load`. A latency distribution is not what criterion measures,
//! so this prints its own figures. JOURNEYMAP_LOAD_PEERS, _RATE, _SECONDS and _ADD_EVERY change
//! the load.
//!
//! Each participant works as the app does: it retitles its own card (and every tenth edit adds a
//! card), and reads the journey at most once a frame, however many changes came.

mod common;

use journeymap::model::{Journey, Touchpoint, TouchpointId};
use journeymap::session::{Event, Session, SharedJourney};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const CODE: &str = "LOAD-TEST";

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// When each edit was made, and when it had arrived at each of the others.
struct Ledger {
    made: Vec<Vec<Instant>>,
    /// Per writer and edit: the last arrival so far and how many have it.
    arrived: Vec<Vec<(Option<Instant>, usize)>>,
}

impl Ledger {
    fn made(&mut self, writer: usize) -> usize {
        self.made[writer].push(Instant::now());
        self.arrived[writer].push((None, 0));
        self.made[writer].len()
    }

    fn arrived(&mut self, writer: usize, edits: std::ops::Range<usize>, at: Instant) {
        for (last, count) in &mut self.arrived[writer][edits] {
            *last = Some(last.map_or(at, |l: Instant| l.max(at)));
            *count += 1;
        }
    }
}

/// The edit number in a card title `"<writer>:<edit>"`.
fn edit_number(title: &str, writer: usize) -> Option<usize> {
    let (who, n) = title.split_once(':')?;
    (who.parse::<usize>().ok()? == writer).then(|| n.parse().ok())?
}

/// Notes, for every writer's card, the edits that arrived since the last look.
fn look(journey: &Journey, seen: &mut [usize], me: Option<usize>, ledger: &Mutex<Ledger>) {
    let now = Instant::now();
    let mut ledger = ledger.lock().expect("the ledger");
    for (writer, last) in seen.iter_mut().enumerate() {
        if Some(writer) == me {
            continue;
        }
        let latest = journey
            .touchpoints
            .get(writer)
            .and_then(|t| edit_number(&t.title, writer))
            .unwrap_or(0);
        if latest > *last {
            ledger.arrived(writer, *last..latest, now);
            *last = latest;
        }
    }
}

/// One person in the session: what they hold, and the load's settings.
struct Person {
    shared: SharedJourney,
    session: Session,
    journey: Journey,
    /// The last edit of each writer seen here.
    seen: Vec<usize>,
    /// Others' changes arrived that have not been read yet.
    unread: bool,
    last_read: Instant,
}

/// What every person shares: the ledger and how many writers have made their last edit.
struct Load {
    ledger: Mutex<Ledger>,
    done: AtomicUsize,
    peers: usize,
    /// Every this many edits also adds a card (0: never).
    add_every: usize,
}

/// The app reads others' changes at most once a frame.
const FRAME: Duration = Duration::from_micros(16_667);

impl Person {
    fn new(shared: SharedJourney, session: Session, journey: Journey, peers: usize) -> Person {
        Person {
            shared,
            session,
            journey,
            seen: vec![0; peers],
            unread: false,
            last_read: Instant::now(),
        }
    }

    /// Takes in what arrives until `until`, reading the journey once a frame at most, as the
    /// app does, however many changes came.
    fn wait(&mut self, until: Instant, me: Option<usize>, load: &Load) {
        loop {
            let now = Instant::now();
            if self.unread && now >= self.last_read + FRAME {
                if let Some(journey) = self.shared.read() {
                    self.journey = journey;
                    look(&self.journey, &mut self.seen, me, &load.ledger);
                }
                self.unread = false;
                self.last_read = now;
            }
            if now >= until {
                return;
            }
            let wake = if self.unread {
                until.min(self.last_read + FRAME)
            } else {
                until
            };
            if let Some(event) = self.session.next_event(wake.saturating_duration_since(now)) {
                self.unread |= std::iter::once(event)
                    .chain(self.session.events())
                    .any(|e| e == Event::Changed);
            }
        }
    }

    /// Makes `me`'s next edit: a new title on its card, and every `add_every`th time a new card.
    fn edit(&mut self, me: usize, load: &Load) {
        let before = self.journey.clone();
        let n = load.ledger.lock().expect("the ledger").made(me);
        self.journey.touchpoints[me].title = format!("{me}:{n}");
        if load.add_every > 0 && n.is_multiple_of(load.add_every) {
            let id = TouchpointId(1_000_000 + (me * 100_000 + n) as u32);
            let (persona, stage) = (before.personas[0].id, before.stages[0].id);
            let card = Touchpoint::new(id, persona, stage, "Added");
            self.journey.touchpoints.push(card);
        }
        self.shared.write(&before, &self.journey).expect("written");
    }

    /// Takes in the others' changes until every edit made has arrived here, or `until`; then
    /// reads the journey as the document holds it, to compare with everyone's.
    fn settle(&mut self, me: Option<usize>, load: &Load, until: Instant) {
        while Instant::now() < until {
            if load.done.load(Ordering::SeqCst) == load.peers {
                let ledger = load.ledger.lock().expect("the ledger");
                let all_here =
                    (0..load.peers).all(|w| Some(w) == me || self.seen[w] >= ledger.made[w].len());
                if all_here {
                    break;
                }
            }
            self.wait(Instant::now() + FRAME, me, load);
        }
        if let Some(now) = self.shared.read() {
            self.journey = now;
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(at).copied().unwrap_or_default()
}

fn main() {
    let peers = setting("JOURNEYMAP_LOAD_PEERS", 20) as usize;
    let rate = setting("JOURNEYMAP_LOAD_RATE", 10);
    let seconds = setting("JOURNEYMAP_LOAD_SECONDS", 30);
    let start = common::journey(100);
    let mut shared = SharedJourney::new();
    shared.start(&start).expect("written");
    let session = Session::host(shared.session_doc(), 0, CODE, "Host").expect("hosting");
    let address = format!("127.0.0.1:{}", session.address().expect("listening").port());
    let mut host = Person::new(shared, session, start, peers);
    let load = Arc::new(Load {
        ledger: Mutex::new(Ledger {
            made: vec![Vec::new(); peers],
            arrived: vec![Vec::new(); peers],
        }),
        done: AtomicUsize::new(0),
        peers,
        add_every: setting("JOURNEYMAP_LOAD_ADD_EVERY", 10) as usize,
    });
    let ready = Arc::new(Barrier::new(peers + 1));
    let interval = Duration::from_micros(1_000_000 / rate.max(1));
    let editing = Duration::from_secs(seconds);
    let settling = Duration::from_secs(20);
    let workers: Vec<_> = (0..peers)
        .map(|me| {
            let (address, load, ready) = (address.clone(), load.clone(), ready.clone());
            thread::spawn(move || {
                let mut shared = SharedJourney::new();
                let name = format!("Peer {me}");
                let session =
                    Session::join(shared.session_doc(), &address, CODE, &name).expect("joined");
                while session.next_event(Duration::from_secs(30)) != Some(Event::CaughtUp) {}
                let journey = shared.read().expect("the host's journey");
                let mut person = Person::new(shared, session, journey, peers);
                ready.wait();
                let began = Instant::now();
                // Spread over the interval: people do not type in step.
                let mut next = began + interval * me as u32 / peers as u32;
                while next < began + editing {
                    person.wait(next, Some(me), &load);
                    person.edit(me, &load);
                    next += interval;
                }
                load.done.fetch_add(1, Ordering::SeqCst);
                person.settle(Some(me), &load, began + editing + settling);
                person.journey
            })
        })
        .collect();
    ready.wait();
    let began = Instant::now();
    host.settle(None, &load, began + editing + settling);
    let journeys: Vec<Journey> = workers
        .into_iter()
        .map(|w| w.join().expect("a participant"))
        .collect();
    let ledger = load.ledger.lock().expect("the ledger");
    let everywhere = peers; // the host and the other participants
    let mut latencies = Vec::new();
    let mut lost = 0;
    for (made, arrived) in ledger.made.iter().zip(&ledger.arrived) {
        for (at, (last, count)) in made.iter().zip(arrived) {
            match last {
                Some(last) if *count == everywhere => latencies.push(*last - *at),
                _ => lost += 1,
            }
        }
    }
    latencies.sort();
    let same = journeys.iter().all(|j| *j == host.journey);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{peers} participants × {rate} edits/s × {seconds} s ({}): \
         {} edits, {lost} not everywhere; \
         time to arrive everywhere: median {:.1} ms, p99 {:.1} ms, max {:.1} ms; \
         all {} journeys equal at the end: {same}",
        match load.add_every {
            0 => "no card added".to_owned(),
            n => format!("a card added every {n} edits"),
        },
        latencies.len() + lost,
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99)),
        ms(latencies.last().copied().unwrap_or_default()),
        peers + 1,
    );
}
