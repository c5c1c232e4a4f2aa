//! Frames on the wire: a 4-byte big-endian length, then that many bytes. Every frame is bounded,
//! so a peer cannot make us allocate more than [`MAX_FRAME`].

use std::io::{self, Read, Write};

/// The largest frame accepted: a whole 5,000-card journey's history fits many times over.
pub const MAX_FRAME: usize = 32 << 20;

pub fn write_frame(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .ok()
        .filter(|&n| n as usize <= MAX_FRAME)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "a frame too large to send"))?;
    out.write_all(&len.to_be_bytes())?;
    out.write_all(bytes)?;
    out.flush()
}

/// The largest frame before the other side has proved it knows the join code.
pub const MAX_HANDSHAKE_FRAME: usize = 1024;

/// Reads one frame of at most `limit` bytes.
pub fn read_frame(input: &mut impl Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut len = [0; 4];
    input.read_exact(&mut len)?;
    let len = u32::from_be_bytes(len) as usize;
    if len > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a frame of {len} bytes, over the limit of {limit}"),
        ));
    }
    let mut bytes = vec![0; len];
    input.read_exact(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_oversized_ones_are_refused_before_allocating() {
        let mut wire = Vec::new();
        write_frame(&mut wire, b"hello").unwrap();
        write_frame(&mut wire, b"").unwrap();
        let mut input = wire.as_slice();
        assert_eq!(read_frame(&mut input, MAX_FRAME).unwrap(), b"hello");
        assert_eq!(read_frame(&mut input, MAX_FRAME).unwrap(), b"");
        let huge = u32::MAX.to_be_bytes();
        let error = read_frame(&mut huge.as_slice(), MAX_FRAME).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
    }
}
