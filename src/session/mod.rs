//! Co-editing: several people edit one journey at once from their laptops on the local network.
//! The journey lives in a shared CRDT document ([`doc`], Loro); connections are secured with the
//! join code ([`secure`]) and carry the document's changes ([`link`]); sessions are found on the
//! network with mDNS ([`discover`]). The app keeps working on plain journeys and edits.

pub mod discover;
pub mod doc;
pub mod link;
mod live;
pub mod secure;
mod wire;

pub use doc::{SessionDoc, SharedError, SharedJourney};
pub use link::{Event, Present, Session, SessionError, VoteCall};
pub use live::Live;

/// A new join code: 8 letters and digits that cannot be mistaken for one another when read out
/// (no 0/O, 1/I/L), shown as two groups of four.
pub fn new_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut bytes = [0u8; 8];
    // Without the system's randomness there is no safe code: the clock is not one.
    getrandom::fill(&mut bytes).expect("the system's random numbers");
    let letters: String = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    format!("{}-{}", &letters[..4], &letters[4..])
}

/// This machine's address on the local network, to give out (asking for the route to a public
/// address picks the interface; nothing is sent).
pub fn local_address() -> String {
    std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|()| s))
        .and_then(|s| s.local_addr())
        .map_or_else(|_| "127.0.0.1".to_owned(), |a| a.ip().to_string())
}
