//! Co-editing: several people edit one journey at once from their laptops on the local network.
//! The journey lives in a shared CRDT document ([`doc`], Loro); connections are secured with the
//! join code ([`secure`]) and carry the document's changes ([`link`]). The app keeps working on
//! plain journeys and edits.

pub mod doc;
pub mod link;
pub mod secure;
mod wire;

pub use doc::{SharedError, SharedJourney};
pub use link::{Event, Session, SessionError};

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
