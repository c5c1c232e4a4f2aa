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
}

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

impl Message {
    fn encode(&self) -> Vec<u8> {
        match self {
            Message::Hello { name, version } => {
                let name = name.as_bytes();
                let len = u16::try_from(name.len()).unwrap_or(u16::MAX);
                let mut out = vec![0];
                out.extend_from_slice(&len.to_be_bytes());
                out.extend_from_slice(&name[..usize::from(len)]);
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
        }
    }

    /// None for anything malformed: it is dropped, and the connection goes on.
    fn decode(bytes: &[u8]) -> Option<Message> {
        let (&tag, rest) = bytes.split_first()?;
        match tag {
            0 => {
                let len = usize::from(u16::from_be_bytes([*rest.first()?, *rest.get(1)?]));
                let name = rest.get(2..2 + len)?;
                Some(Message::Hello {
                    name: short(name),
                    version: rest.get(2 + len..)?.to_vec(),
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
        Shared {
            doc: self.doc.clone(),
            peers: self.peers.clone(),
            events: sink,
            waker: self.waker.clone(),
            presences: self.presences.clone(),
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
        for peer in lock(&self.peers).iter() {
            let _ = peer.outbox.send(message.clone());
        }
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

    /// Disconnects a participant (the host's "remove").
    pub fn remove(&self, who: u64) {
        if let Some(peer) = lock(&self.peers).iter().find(|p| p.who == who) {
            let _ = peer.stream.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        for peer in lock(&self.peers).iter() {
            let _ = peer.stream.shutdown(Shutdown::Both);
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

static NEXT_PEER: AtomicU64 = AtomicU64::new(1);

/// What each connection's threads share with the session.
#[derive(Clone)]
struct Shared {
    doc: SessionDoc,
    peers: Arc<Mutex<Vec<Peer>>>,
    events: Sender<Event>,
    waker: Waker,
    presences: Arc<Mutex<Presences>>,
    /// Our display name, told to whoever connects.
    name: String,
}

impl Shared {
    fn tell(&self, event: Event) {
        let _ = self.events.send(event);
        if let Some(wake) = self.waker.get() {
            wake();
        }
    }

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
                self.tell(Event::Refused {
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
        lock(&self.peers).push(Peer {
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
            for message in presences.mine.iter().cloned().chain(others) {
                let _ = outbox.send(message);
            }
        }
        drop(outbox);
        self.tell(Event::Joined {
            who,
            name: name.clone(),
        });
        thread::spawn(move || {
            for message in queue {
                if seal.send(&mut writer, &message.encode()).is_err() {
                    let _ = writer.shutdown(Shutdown::Both);
                    break;
                }
            }
        });
        // A forged or oversized frame ends this connection only; a malformed message is dropped.
        while let Ok(message) = open.receive(&mut reader) {
            match Message::decode(&message) {
                Some(Message::Updates(bytes)) => {
                    if self.doc.import(&bytes) {
                        for peer in lock(&self.peers).iter().filter(|p| p.who != who) {
                            let _ = peer.outbox.send(Message::Updates(bytes.clone()));
                        }
                        self.tell(Event::Changed);
                    }
                }
                Some(Message::CaughtUp) => {
                    self.tell(Event::CaughtUp);
                }
                Some(Message::Presence { from, name, card }) => {
                    let present = Present {
                        id: from,
                        name: name.clone(),
                        card,
                    };
                    lock(&self.presences).others.insert(from, (who, present));
                    let relayed = Message::Presence { from, name, card };
                    for peer in lock(&self.peers).iter().filter(|p| p.who != who) {
                        let _ = peer.outbox.send(relayed.clone());
                    }
                    self.tell(Event::Moved);
                }
                Some(Message::Hello { .. }) | None => {}
            }
        }
        let _ = reader.shutdown(Shutdown::Both);
        lock(&self.peers).retain(|p| p.who != who);
        lock(&self.presences)
            .others
            .retain(|_, (via, _)| *via != who);
        self.tell(Event::Left { who, name });
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
        ];
        for message in &good {
            let bytes = message.encode();
            assert!(Message::decode(&bytes).is_some());
            // Every truncation decodes to something or nothing, never a panic.
            for end in 0..bytes.len() {
                let _ = Message::decode(&bytes[..end]);
            }
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
