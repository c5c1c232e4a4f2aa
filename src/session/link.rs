//! A session over TCP: the host accepts participants, each connection is secured (see
//! [`secure`](super::secure)), the two sides tell each other what they hold (a version vector)
//! and send what the other lacks, then every change as it is made. The host passes each
//! participant's changes on to the others. Whatever arrives is imported into the shared document;
//! the owner of the session hears of it through [`Event`]s.

use super::SessionDoc;
use super::secure::{self, Open, Seal, SecureError, Side};
use loro::{LoroDoc, Subscription, VersionVector};
use std::io;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::thread;
use std::time::Duration;

/// What happened in the session, for the window or the command line to act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Someone's changes arrived: read the journey again.
    Changed,
    /// Someone selected another card.
    Moved,
    /// A dot vote was called or ended, or someone placed their dots.
    Voting,
    /// The other side has sent everything it held when we connected.
    CaughtUp,
    Joined {
        who: u64,
        name: String,
    },
    Left {
        who: u64,
        name: String,
    },
    /// A connection that did not know the join code, or broke the protocol.
    Refused {
        address: String,
        why: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("could not reach {address}: {source}")]
    Connect { address: String, source: io::Error },
    #[error(transparent)]
    Secure(#[from] SecureError),
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// How long a peer may take to answer during the handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone)]
enum Message {
    Hello {
        name: String,
        version: Vec<u8>,
    },
    Updates(Vec<u8>),
    CaughtUp,
    /// Someone's name and the card they have selected; `from` tells people apart across relays.
    Presence {
        from: u64,
        name: String,
        card: Option<u32>,
    },
    /// A dot vote called by `from`: everyone votes on their own laptop.
    Call(VoteCall),
    Ended {
        round: u64,
    },
    /// Someone's dots in a vote, a card once per dot; each ballot replaces their last.
    Ballot {
        from: u64,
        round: u64,
        cards: Vec<u32>,
    },
}

/// A dot vote under way in the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoteCall {
    pub round: u64,
    /// Who called it (their presence id) and their name: they count the dots and reveal them.
    pub by: u64,
    pub caller: String,
    /// The vote's name.
    pub name: String,
    pub dots_per_voter: u32,
}

/// The vote under way, and the dots placed in it by each of the others.
#[derive(Default)]
struct Votes {
    call: Option<VoteCall>,
    ballots: std::collections::HashMap<u64, (u64, Vec<u32>)>,
}

/// At most this many dots in a ballot (a vote allows at most 100 a person).
const MAX_BALLOT: usize = 1000;

/// Someone else in the session, and the card they are on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Present {
    /// Stable for the session: a colour can be picked from it.
    pub id: u64,
    pub name: String,
    pub card: Option<u32>,
}

/// Who is where: ours to send to newcomers, and the others' with the link they came through.
#[derive(Default)]
struct Presences {
    mine: Option<Message>,
    others: std::collections::HashMap<u64, (u64, Present)>,
}

fn short(name: &[u8]) -> String {
    String::from_utf8_lossy(name).chars().take(64).collect()
}

/// Writes `text` as its length (two bytes) and its bytes, cut to what two bytes can say.
fn put_text(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let len = u16::try_from(bytes.len()).unwrap_or(u16::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&bytes[..usize::from(len)]);
}

/// Reads what [`put_text`] wrote: the text (cut to 64 characters) and the bytes after it.
fn take_text(bytes: &[u8]) -> Option<(String, &[u8])> {
    let len = usize::from(u16::from_be_bytes([*bytes.first()?, *bytes.get(1)?]));
    Some((short(bytes.get(2..2 + len)?), bytes.get(2 + len..)?))
}

fn take_u64(bytes: &[u8]) -> Option<(u64, &[u8])> {
    Some((
        u64::from_be_bytes(bytes.get(..8)?.try_into().ok()?),
        &bytes[8..],
    ))
}

fn take_u32(bytes: &[u8]) -> Option<(u32, &[u8])> {
    Some((
        u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?),
        &bytes[4..],
    ))
}

impl Message {
    fn encode(&self) -> Vec<u8> {
        match self {
            Message::Hello { name, version } => {
                let mut out = vec![0];
                put_text(&mut out, name);
                out.extend_from_slice(version);
                out
            }
            Message::Updates(bytes) => [&[1][..], bytes].concat(),
            Message::CaughtUp => vec![2],
            Message::Presence { from, name, card } => {
                let mut out = vec![3];
                out.extend_from_slice(&from.to_be_bytes());
                out.push(u8::from(card.is_some()));
                out.extend_from_slice(&card.unwrap_or(0).to_be_bytes());
                out.extend_from_slice(name.as_bytes());
                out
            }
            Message::Call(call) => {
                let mut out = vec![4];
                out.extend_from_slice(&call.round.to_be_bytes());
                out.extend_from_slice(&call.by.to_be_bytes());
                out.extend_from_slice(&call.dots_per_voter.to_be_bytes());
                put_text(&mut out, &call.caller);
                put_text(&mut out, &call.name);
                out
            }
            Message::Ended { round } => [&[5][..], &round.to_be_bytes()].concat(),
            Message::Ballot { from, round, cards } => {
                let mut out = vec![6];
                out.extend_from_slice(&from.to_be_bytes());
                out.extend_from_slice(&round.to_be_bytes());
                for card in cards.iter().take(MAX_BALLOT) {
                    out.extend_from_slice(&card.to_be_bytes());
                }
                out
            }
        }
    }

    /// None for anything malformed: it is dropped, and the connection goes on.
    fn decode(bytes: &[u8]) -> Option<Message> {
        let (&tag, rest) = bytes.split_first()?;
        match tag {
            0 => {
                let (name, version) = take_text(rest)?;
                Some(Message::Hello {
                    name,
                    version: version.to_vec(),
                })
            }
            1 => Some(Message::Updates(rest.to_vec())),
            2 => Some(Message::CaughtUp),
            3 => {
                let from = u64::from_be_bytes(rest.get(..8)?.try_into().ok()?);
                let card = u32::from_be_bytes(rest.get(9..13)?.try_into().ok()?);
                Some(Message::Presence {
                    from,
                    name: short(rest.get(13..)?),
                    card: (*rest.get(8)? == 1).then_some(card),
                })
            }
            4 => {
                let (round, rest) = take_u64(rest)?;
                let (by, rest) = take_u64(rest)?;
                let (dots_per_voter, rest) = take_u32(rest)?;
                let (caller, rest) = take_text(rest)?;
                let (name, _) = take_text(rest)?;
                Some(Message::Call(VoteCall {
                    round,
                    by,
                    caller,
                    name,
                    dots_per_voter: dots_per_voter.min(100),
                }))
            }
            5 => Some(Message::Ended {
                round: take_u64(rest)?.0,
            }),
            6 => {
                let (from, rest) = take_u64(rest)?;
                let (round, rest) = take_u64(rest)?;
                let cards = rest
                    .chunks_exact(4)
                    .take(MAX_BALLOT)
                    .filter_map(|c| Some(u32::from_be_bytes(c.try_into().ok()?)))
                    .collect();
                Some(Message::Ballot { from, round, cards })
            }
            _ => None,
        }
    }
}

/// One connected peer, as the others see it.
struct Peer {
    who: u64,
    name: String,
    outbox: Sender<Message>,
    stream: TcpStream,
}

/// Called whenever an event is sent: a window asks for a repaint with it, instead of polling.
type Waker = Arc<OnceLock<Box<dyn Fn() + Send + Sync>>>;

/// A session this process takes part in: as host, or as a participant of one.
pub struct Session {
    doc: SessionDoc,
    peers: Arc<Mutex<Vec<Peer>>>,
    events: Receiver<Event>,
    waker: Waker,
    presences: Arc<Mutex<Presences>>,
    votes: Arc<Mutex<Votes>>,
    /// Tells us apart from the others in presence messages.
    me: u64,
    name: String,
    address: Option<SocketAddr>,
    _local_changes: Subscription,
}

impl Session {
    /// Shares `doc` with whoever connects to `port` (0: any free port) with `code`.
    pub fn host(
        doc: SessionDoc,
        port: u16,
        code: &str,
        name: &str,
    ) -> Result<Session, SessionError> {
        let listener = TcpListener::bind(("0.0.0.0", port))?;
        let address = listener.local_addr()?;
        let (session, sink) = Session::around(doc, Some(address), name);
        let shared = session.shared(sink);
        let code = code.to_owned();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = shared.clone();
                let code = code.clone();
                thread::spawn(move || shared.serve(stream, &code, Side::Host));
            }
        });
        Ok(session)
    }

    /// Joins the session at `address` with `code`, as `name`. Returns once the connection is
    /// secured; the host's journey arrives as [`Event::Changed`] then [`Event::CaughtUp`].
    pub fn join(
        doc: SessionDoc,
        address: &str,
        code: &str,
        name: &str,
    ) -> Result<Session, SessionError> {
        let failed = |source| SessionError::Connect {
            address: address.to_owned(),
            source,
        };
        let target = address
            .to_socket_addrs()
            .map_err(failed)?
            .next()
            .ok_or_else(|| failed(io::Error::new(io::ErrorKind::NotFound, "no such address")))?;
        let mut stream = TcpStream::connect_timeout(&target, HANDSHAKE_TIMEOUT).map_err(failed)?;
        stream.set_read_timeout(Some(HANDSHAKE_TIMEOUT))?;
        let (seal, open) = secure::handshake(&mut stream, code, Side::Participant)?;
        stream.set_read_timeout(None)?;
        let (session, sink) = Session::around(doc, None, name);
        let shared = session.shared(sink);
        thread::spawn(move || shared.link(stream, seal, open));
        Ok(session)
    }

    fn around(
        doc: SessionDoc,
        address: Option<SocketAddr>,
        name: &str,
    ) -> (Session, Sender<Event>) {
        let peers: Arc<Mutex<Vec<Peer>>> = Arc::default();
        let (sink, events) = mpsc::channel();
        let everyone = peers.clone();
        // Our own changes go to every peer as they are committed.
        let local_changes = doc.loro().subscribe_local_update(Box::new(move |bytes| {
            for peer in lock(&everyone).iter() {
                let _ = peer.outbox.send(Message::Updates(bytes.clone()));
            }
            true
        }));
        let session = Session {
            doc,
            peers,
            events,
            waker: Waker::default(),
            presences: Arc::default(),
            votes: Arc::default(),
            // Random, so that two laptops never pick the same one.
            me: {
                let mut bytes = [0; 8];
                getrandom::fill(&mut bytes).map_or(0, |()| u64::from_be_bytes(bytes))
            },
            name: name.to_owned(),
            address,
            _local_changes: local_changes,
        };
        (session, sink)
    }

    /// What a connection's threads need of the session; they send events into `sink`.
    fn shared(&self, sink: Sender<Event>) -> Shared {
        let hub = Hub {
            peers: self.peers.clone(),
            events: sink,
            waker: self.waker.clone(),
        };
        let (imports, work) = mpsc::channel();
        let (doc, importer) = (self.doc.clone(), hub.clone());
        thread::spawn(move || import_in_batches(doc, importer, work));
        Shared {
            doc: self.doc.clone(),
            hub,
            imports,
            presences: self.presences.clone(),
            votes: self.votes.clone(),
            name: self.name.clone(),
        }
    }

    pub fn doc(&self) -> &LoroDoc {
        self.doc.loro()
    }

    /// Calls `wake` from the network threads whenever something happens (once set, it stays).
    pub fn set_waker(&self, wake: impl Fn() + Send + Sync + 'static) {
        let _ = self.waker.set(Box::new(wake));
    }

    /// Where a host listens (the port to give out with the machine's address).
    pub fn address(&self) -> Option<SocketAddr> {
        self.address
    }

    /// What happened since the last call, without waiting.
    pub fn events(&self) -> impl Iterator<Item = Event> + '_ {
        self.events.try_iter()
    }

    /// Waits up to `timeout` for the next event.
    pub fn next_event(&self, timeout: Duration) -> Option<Event> {
        self.events.recv_timeout(timeout).ok()
    }

    /// Tells everyone which card we are on (None: no card).
    pub fn share_selection(&self, card: Option<u32>) {
        let message = Message::Presence {
            from: self.me,
            name: self.name.clone(),
            card,
        };
        lock(&self.presences).mine = Some(message.clone());
        self.send_all(&message);
    }

    /// The others in the session and the cards they are on, by name.
    pub fn others(&self) -> Vec<Present> {
        let mut others: Vec<Present> = lock(&self.presences)
            .others
            .values()
            .map(|(_, p)| p.clone())
            .collect();
        others.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        others
    }

    /// Who is connected, as (id, name).
    pub fn peers(&self) -> Vec<(u64, String)> {
        lock(&self.peers)
            .iter()
            .map(|p| (p.who, p.name.clone()))
            .collect()
    }

    /// Calls a dot vote: everyone in the session gets dots to place on their own laptop; we count
    /// them. Returns the vote's number, to cast in, count and end it.
    pub fn call_vote(&self, name: &str, dots_per_voter: u32) -> u64 {
        let mut bytes = [0; 8];
        let round = getrandom::fill(&mut bytes).map_or(self.me, |()| u64::from_be_bytes(bytes));
        let call = VoteCall {
            round,
            by: self.me,
            caller: self.name.clone(),
            name: name.chars().take(64).collect(),
            dots_per_voter,
        };
        let mut votes = lock(&self.votes);
        votes.call = Some(call.clone());
        votes.ballots.clear();
        drop(votes);
        self.send_all(&Message::Call(call));
        round
    }

    /// Ends the vote (revealed or cancelled) for everyone.
    pub fn end_vote(&self, round: u64) {
        let mut votes = lock(&self.votes);
        if votes.call.as_ref().is_some_and(|c| c.round == round) {
            votes.call = None;
        }
        drop(votes);
        self.send_all(&Message::Ended { round });
    }

    /// Our dots in the vote, a card once per dot (replacing those sent before).
    pub fn cast(&self, round: u64, cards: &[u32]) {
        self.send_all(&Message::Ballot {
            from: self.me,
            round,
            cards: cards.to_vec(),
        });
    }

    /// The vote under way, whoever called it.
    pub fn vote(&self) -> Option<VoteCall> {
        lock(&self.votes).call.clone()
    }

    /// Whether we called this vote.
    pub fn called(&self, call: &VoteCall) -> bool {
        call.by == self.me
    }

    /// The others' dots in the vote, one list of cards for each person who placed any.
    pub fn ballots(&self, round: u64) -> Vec<Vec<u32>> {
        lock(&self.votes)
            .ballots
            .values()
            .filter(|(r, cards)| *r == round && !cards.is_empty())
            .map(|(_, cards)| cards.clone())
            .collect()
    }

    fn send_all(&self, message: &Message) {
        for peer in lock(&self.peers).iter() {
            let _ = peer.outbox.send(message.clone());
        }
    }

    /// Disconnects a participant (the host's "remove").
    pub fn remove(&self, who: u64) {
        if let Some(peer) = lock(&self.peers).iter().find(|p| p.who == who) {
            let _ = peer.stream.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Session {
    /// Leaving: each connection sends what is still queued (an edit made just before, the end
    /// of our vote), then closes.
    fn drop(&mut self) {
        // A vote we called ends with us.
        let ours = lock(&self.votes).call.take().filter(|c| c.by == self.me);
        if let Some(call) = ours {
            self.send_all(&Message::Ended { round: call.round });
        }
        lock(&self.peers).clear();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

static NEXT_PEER: AtomicU64 = AtomicU64::new(1);

/// Where news of the session goes: to the connected peers, and to the session's owner.
#[derive(Clone)]
struct Hub {
    peers: Arc<Mutex<Vec<Peer>>>,
    events: Sender<Event>,
    waker: Waker,
}

impl Hub {
    /// Passes a message from connection `via` on to everyone else (the host relays).
    fn relay(&self, message: &Message, via: u64) {
        for peer in lock(&self.peers).iter().filter(|p| p.who != via) {
            let _ = peer.outbox.send(message.clone());
        }
    }

    fn tell(&self, event: Event) {
        let _ = self.events.send(event);
        if let Some(wake) = self.waker.get() {
            wake();
        }
    }
}

/// What the connections hand to the session's importer, in the order it arrived.
enum Work {
    Updates { bytes: Vec<u8>, via: u64 },
    CaughtUp,
}

/// Imports others' changes, in batches: whatever arrived while the last import ran is imported
/// at once. Loro works out the new state once per import, so under load the batches grow rather
/// than the queue (20 people editing at once through one host). Each change is passed on once
/// it is in.
fn import_in_batches(doc: SessionDoc, hub: Hub, work: Receiver<Work>) {
    let mut next = None;
    while let Some(first) = next.take().or_else(|| work.recv().ok()) {
        let Work::Updates { bytes, via } = first else {
            hub.tell(Event::CaughtUp);
            continue;
        };
        let mut batch = vec![(bytes, via)];
        for more in work.try_iter() {
            match more {
                Work::Updates { bytes, via } => batch.push((bytes, via)),
                caught_up => {
                    next = Some(caught_up);
                    break;
                }
            }
        }
        let (updates, from): (Vec<Vec<u8>>, Vec<u64>) = batch.into_iter().unzip();
        let imported = doc.import_all(&updates);
        let mut changed = false;
        for ((bytes, via), ok) in updates.into_iter().zip(from).zip(imported) {
            if ok {
                hub.relay(&Message::Updates(bytes), via);
                changed = true;
            }
        }
        if changed {
            hub.tell(Event::Changed);
        }
    }
}

/// What each connection's threads share with the session.
#[derive(Clone)]
struct Shared {
    doc: SessionDoc,
    hub: Hub,
    imports: Sender<Work>,
    presences: Arc<Mutex<Presences>>,
    votes: Arc<Mutex<Votes>>,
    /// Our display name, told to whoever connects.
    name: String,
}

impl Shared {
    /// A host's side of a new connection: the handshake, then the link.
    fn serve(self, mut stream: TcpStream, code: &str, side: Side) {
        let address = stream
            .peer_addr()
            .map_or_else(|_| "unknown".to_owned(), |a| a.to_string());
        let secured = stream
            .set_read_timeout(Some(HANDSHAKE_TIMEOUT))
            .map_err(SecureError::from)
            .and_then(|()| secure::handshake(&mut stream, code, side));
        match secured {
            Ok((seal, open)) if stream.set_read_timeout(None).is_ok() => {
                self.link(stream, seal, open)
            }
            Ok(_) => {}
            Err(why) => {
                self.hub.tell(Event::Refused {
                    address,
                    why: why.to_string(),
                });
            }
        }
    }

    /// A secured connection: hello both ways, catch up both ways, then live changes until it
    /// closes.
    fn link(self, stream: TcpStream, mut seal: Seal, mut open: Open) {
        // Each change is a small message sent at once: Nagle's algorithm would hold it back for
        // the acknowledgement of the one before (tens of milliseconds with delayed ACKs).
        let _ = stream.set_nodelay(true);
        let Ok(mut writer) = stream.try_clone() else {
            return;
        };
        let mut reader = stream;
        let hello = Message::Hello {
            name: self.name.clone(),
            version: self.doc.version(),
        };
        if seal.send(&mut writer, &hello.encode()).is_err() {
            return;
        }
        let (name, theirs) = match open
            .receive(&mut reader)
            .ok()
            .as_deref()
            .and_then(Message::decode)
        {
            Some(Message::Hello { name, version }) => (name, VersionVector::decode(&version).ok()),
            _ => return,
        };
        let Some(theirs) = theirs else { return };
        let who = NEXT_PEER.fetch_add(1, Ordering::Relaxed);
        let (outbox, queue) = mpsc::channel();
        let Ok(stream) = reader.try_clone() else {
            return;
        };
        // Registered before the catch-up is taken, so that no change made in between is missed
        // (one sent twice is imported once).
        lock(&self.hub.peers).push(Peer {
            who,
            name: name.clone(),
            outbox: outbox.clone(),
            stream,
        });
        if let Some(bytes) = self.doc.updates_since(&theirs) {
            let _ = outbox.send(Message::Updates(bytes));
        }
        let _ = outbox.send(Message::CaughtUp);
        // Where everyone already is, so that the newcomer sees it at once.
        {
            let presences = lock(&self.presences);
            let others = presences.others.values().map(|(_, p)| Message::Presence {
                from: p.id,
                name: p.name.clone(),
                card: p.card,
            });
            let call = lock(&self.votes).call.clone().map(Message::Call);
            for message in presences.mine.iter().cloned().chain(others).chain(call) {
                let _ = outbox.send(message);
            }
        }
        drop(outbox);
        self.hub.tell(Event::Joined {
            who,
            name: name.clone(),
        });
        thread::spawn(move || {
            for message in queue {
                if seal.send(&mut writer, &message.encode()).is_err() {
                    break;
                }
            }
            // Everything queued is sent (or cannot be): the connection ends, which also ends
            // the reading below.
            let _ = writer.shutdown(Shutdown::Both);
        });
        // A forged or oversized frame ends this connection only; a malformed message is dropped.
        while let Ok(message) = open.receive(&mut reader) {
            match Message::decode(&message) {
                Some(Message::Updates(bytes)) => {
                    let _ = self.imports.send(Work::Updates { bytes, via: who });
                }
                // After the changes before it are in.
                Some(Message::CaughtUp) => {
                    let _ = self.imports.send(Work::CaughtUp);
                }
                Some(Message::Presence { from, name, card }) => {
                    let present = Present {
                        id: from,
                        name: name.clone(),
                        card,
                    };
                    lock(&self.presences).others.insert(from, (who, present));
                    self.hub.relay(&Message::Presence { from, name, card }, who);
                    self.hub.tell(Event::Moved);
                }
                Some(Message::Call(call)) => {
                    let mut votes = lock(&self.votes);
                    votes.ballots.clear();
                    votes.call = Some(call.clone());
                    drop(votes);
                    self.hub.relay(&Message::Call(call), who);
                    self.hub.tell(Event::Voting);
                }
                Some(Message::Ended { round }) => {
                    let mut votes = lock(&self.votes);
                    if votes.call.as_ref().is_some_and(|c| c.round == round) {
                        votes.call = None;
                        votes.ballots.clear();
                    }
                    drop(votes);
                    self.hub.relay(&Message::Ended { round }, who);
                    self.hub.tell(Event::Voting);
                }
                Some(Message::Ballot { from, round, cards }) => {
                    lock(&self.votes)
                        .ballots
                        .insert(from, (round, cards.clone()));
                    self.hub.relay(&Message::Ballot { from, round, cards }, who);
                    self.hub.tell(Event::Voting);
                }
                Some(Message::Hello { .. }) | None => {}
            }
        }
        let _ = reader.shutdown(Shutdown::Both);
        lock(&self.hub.peers).retain(|p| p.who != who);
        lock(&self.presences)
            .others
            .retain(|_, (via, _)| *via != who);
        self.hub.tell(Event::Left { who, name });
    }
}

#[cfg(test)]
mod tests {
    use super::Message;

    #[test]
    fn malformed_messages_are_dropped_without_a_panic() {
        let good = [
            Message::Hello {
                name: "Ana".into(),
                version: vec![1, 2, 3],
            },
            Message::Updates(vec![9; 40]),
            Message::CaughtUp,
            Message::Presence {
                from: 7,
                name: "Ben".into(),
                card: Some(3),
            },
            Message::Call(super::VoteCall {
                round: 9,
                by: 7,
                caller: "Ben".into(),
                name: "Fix first".into(),
                dots_per_voter: 3,
            }),
            Message::Ended { round: 9 },
            Message::Ballot {
                from: 7,
                round: 9,
                cards: vec![1, 1, 2],
            },
        ];
        for message in &good {
            let bytes = message.encode();
            assert!(Message::decode(&bytes).is_some());
            // Every truncation decodes to something or nothing, never a panic.
            for end in 0..bytes.len() {
                let _ = Message::decode(&bytes[..end]);
            }
        }
        // A ballot of a million dots is cut to what a vote can hold.
        let mut ballot = vec![6];
        ballot.extend_from_slice(&[0; 16]);
        ballot.extend(std::iter::repeat_n(1, 4_000_000));
        match Message::decode(&ballot) {
            Some(Message::Ballot { cards, .. }) => assert_eq!(cards.len(), super::MAX_BALLOT),
            _ => panic!("a huge ballot"),
        }
        assert!(Message::decode(&[]).is_none());
        assert!(Message::decode(&[200, 1, 2]).is_none());
        assert!(
            Message::decode(&[0, 0xff, 0xff]).is_none(),
            "a name longer than the message"
        );
        assert!(
            Message::decode(&[3, 1, 2]).is_none(),
            "a presence cut short"
        );
        // A name of invalid UTF-8 and any length is shown cut and replaced, not trusted.
        let mut presence = vec![3];
        presence.extend_from_slice(&[0; 13]);
        presence.extend(std::iter::repeat_n(0xff, 10_000));
        match Message::decode(&presence) {
            Some(Message::Presence { name, card, .. }) => {
                assert_eq!(name.chars().count(), 64);
                assert_eq!(card, None);
            }
            _ => panic!("a presence with a hostile name"),
        }
    }
}
