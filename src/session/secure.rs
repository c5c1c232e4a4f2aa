//! The session's security: both sides turn the join code into one key with SPAKE2 (a
//! password-authenticated key exchange: someone listening learns nothing of the code, and a
//! wrong guess costs a connection), confirm they hold the same key, then seal every message
//! with ChaCha20-Poly1305. No cryptography of our own: only the two crates' own calls.

use super::wire::{MAX_FRAME, MAX_HANDSHAKE_FRAME, read_frame, write_frame};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use spake2::{Ed25519Group, Identity, Password, Spake2};
use std::io::{self, Read, Write};

/// Which end of the connection we are: the nonces of the two directions never meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Host,
    Participant,
}

impl Side {
    fn byte(self) -> u8 {
        match self {
            Side::Host => 1,
            Side::Participant => 2,
        }
    }

    fn other(self) -> Side {
        match self {
            Side::Host => Side::Participant,
            Side::Participant => Side::Host,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecureError {
    #[error("the join code does not match")]
    WrongCode,
    #[error("a message was altered, replayed or sealed with another key")]
    Forged,
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Seals what we send, each message with the next nonce of our side.
pub struct Seal {
    cipher: ChaCha20Poly1305,
    side: Side,
    count: u64,
}

/// Opens what the other side sends, in order: a message replayed, dropped or altered fails.
pub struct Open {
    cipher: ChaCha20Poly1305,
    side: Side,
    count: u64,
}

const HOST_ID: &[u8] = b"journeymap host";
const PARTICIPANT_ID: &[u8] = b"journeymap participant";
const CONFIRM: &[u8] = b"journeymap session v1";

/// Runs the key exchange and the key confirmation over `stream`.
pub fn handshake(
    stream: &mut (impl Read + Write),
    code: &str,
    side: Side,
) -> Result<(Seal, Open), SecureError> {
    let password = Password::new(code.trim().to_uppercase());
    let (host, participant) = (Identity::new(HOST_ID), Identity::new(PARTICIPANT_ID));
    let (spake, outbound) = match side {
        Side::Host => Spake2::<Ed25519Group>::start_a(&password, &host, &participant),
        Side::Participant => Spake2::<Ed25519Group>::start_b(&password, &host, &participant),
    };
    write_frame(stream, &outbound)?;
    let inbound = read_frame(stream, MAX_HANDSHAKE_FRAME)?;
    let key = spake.finish(&inbound).map_err(|_| SecureError::WrongCode)?;
    let cipher = ChaCha20Poly1305::new(Key::from_slice(&key));
    let mut seal = Seal {
        cipher: cipher.clone(),
        side,
        count: 0,
    };
    let mut open = Open {
        cipher,
        side: side.other(),
        count: 0,
    };
    seal.send(stream, CONFIRM)?;
    match open.receive_at_most(stream, MAX_HANDSHAKE_FRAME) {
        Ok(confirm) if confirm == CONFIRM => Ok((seal, open)),
        Ok(_) | Err(SecureError::Forged) => Err(SecureError::WrongCode),
        Err(other) => Err(other),
    }
}

fn nonce(side: Side, counter: u64) -> Nonce {
    let mut nonce = [0; 12];
    nonce[0] = side.byte();
    nonce[4..].copy_from_slice(&counter.to_be_bytes());
    *Nonce::from_slice(&nonce)
}

impl Seal {
    pub fn send(&mut self, out: &mut impl Write, message: &[u8]) -> Result<(), SecureError> {
        let sealed = self
            .cipher
            .encrypt(&nonce(self.side, self.count), message)
            .map_err(|_| SecureError::Forged)?;
        self.count += 1;
        Ok(write_frame(out, &sealed)?)
    }
}

impl Open {
    pub fn receive(&mut self, input: &mut impl Read) -> Result<Vec<u8>, SecureError> {
        self.receive_at_most(input, MAX_FRAME)
    }

    fn receive_at_most(
        &mut self,
        input: &mut impl Read,
        limit: usize,
    ) -> Result<Vec<u8>, SecureError> {
        let sealed = read_frame(input, limit)?;
        let message = self
            .cipher
            .decrypt(&nonce(self.side, self.count), sealed.as_slice())
            .map_err(|_| SecureError::Forged)?;
        self.count += 1;
        Ok(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{TcpListener, TcpStream};
    use std::thread;

    fn pair(
        host_code: &'static str,
        participant_code: &'static str,
    ) -> [Result<(Seal, Open), SecureError>; 2] {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let host = thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            handshake(&mut stream, host_code, Side::Host)
        });
        let mut stream = TcpStream::connect(address).unwrap();
        let participant = handshake(&mut stream, participant_code, Side::Participant);
        [host.join().unwrap(), participant]
    }

    #[test]
    fn the_same_code_gives_one_key_and_another_code_is_refused() {
        let [host, participant] = pair("K7WQ-3M", "k7wq-3m");
        assert!(host.is_ok() && participant.is_ok());
        let [host, participant] = pair("K7WQ-3M", "K7WQ-3N");
        assert!(matches!(host, Err(SecureError::WrongCode)));
        assert!(matches!(participant, Err(SecureError::WrongCode)));
    }

    #[test]
    fn an_altered_or_replayed_message_does_not_open() {
        let cipher = ChaCha20Poly1305::new(Key::from_slice(&[7; 32]));
        let mut seal = Seal {
            cipher: cipher.clone(),
            side: Side::Host,
            count: 0,
        };
        let mut open = Open {
            cipher,
            side: Side::Host,
            count: 0,
        };
        let mut wire = Vec::new();
        seal.send(&mut wire, b"first").unwrap();
        seal.send(&mut wire, b"second").unwrap();
        let first = wire[..4 + 5 + 16].to_vec();
        let mut altered = first.clone();
        altered[6] ^= 1;
        assert!(matches!(
            open.receive(&mut altered.as_slice()),
            Err(SecureError::Forged)
        ));
        assert_eq!(open.receive(&mut first.as_slice()).unwrap(), b"first");
        // The first message again, where the second belongs.
        assert!(matches!(
            open.receive(&mut first.as_slice()),
            Err(SecureError::Forged)
        ));
    }
}
