//! Map images that carry their journey: a PNG with the journey's RON in a compressed iTXt chunk.

mod bands;

pub use bands::{Band, BandCompressor, band_rows};

use super::{LoadError, ron_file};
use crate::model::Journey;
use std::io::{self, Cursor, Write};
use std::path::Path;

/// The iTXt keyword under which the journey travels inside the image.
const KEYWORD: &str = "journeymap";
/// Enough for journeys far larger than anyone maps, small enough that a hostile file cannot
/// make us inflate gigabytes.
const TEXT_LIMIT: usize = 64 * 1024 * 1024;
const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
}

/// Writes a map image band by band: the header and the journey first, then the pixels' bands
/// (from [`BandCompressor`]), top to bottom, as they come.
pub struct Encoder<W: Write> {
    writer: png::Writer<W>,
    /// The zlib stream not yet written out as an IDAT chunk.
    idat: Vec<u8>,
    /// Adler-32 of the filtered rows so far.
    adler: u32,
    width: u32,
    rows_left: u32,
}

/// IDAT chunks of about this size: any split is valid, and these are written as they fill.
const IDAT_BYTES: usize = 1 << 18;

impl<W: Write> Encoder<W> {
    pub fn new(out: W, width: u32, height: u32, journey: &Journey) -> io::Result<Self> {
        let mut encoder = png::Encoder::new(out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(io::Error::other)?;
        let mut chunk = png::text_metadata::ITXtChunk::new(KEYWORD, ron_file::to_ron(journey));
        chunk.compressed = true;
        writer.write_text_chunk(&chunk).map_err(io::Error::other)?;
        Ok(Self {
            writer,
            idat: bands::ZLIB_HEADER.to_vec(),
            adler: bands::ADLER_START,
            width,
            rows_left: height,
        })
    }

    /// Appends the next band of rows.
    pub fn write_band(&mut self, band: &Band) -> io::Result<()> {
        if band.width != self.width {
            return Err(io::Error::other(format!(
                "rows {} pixels wide in an image {} pixels wide",
                band.width, self.width
            )));
        }
        self.rows_left = self
            .rows_left
            .checked_sub(band.rows)
            .ok_or_else(|| io::Error::other("more rows of pixels than the image has"))?;
        self.adler = bands::adler32_combine(self.adler, band.adler, band.len);
        self.idat.extend_from_slice(&band.deflated);
        if self.idat.len() >= IDAT_BYTES {
            self.write_idat()?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<()> {
        if self.rows_left != 0 {
            return Err(io::Error::other(format!(
                "{} rows of pixels are missing",
                self.rows_left
            )));
        }
        self.idat.extend_from_slice(&bands::FINAL_BLOCK);
        self.idat.extend_from_slice(&self.adler.to_be_bytes());
        self.write_idat()?;
        self.writer.finish().map_err(io::Error::other)
    }

    fn write_idat(&mut self) -> io::Result<()> {
        self.writer
            .write_chunk(png::chunk::IDAT, &self.idat)
            .map_err(io::Error::other)?;
        self.idat.clear();
        Ok(())
    }
}

/// Encodes straight RGBA8 pixels with the journey embedded, into any writer, on every core.
pub fn encode(
    out: &mut dyn Write,
    rgba: &[u8],
    width: u32,
    height: u32,
    journey: &Journey,
) -> io::Result<()> {
    if rgba.len() as u64 != u64::from(width) * u64::from(height) * 4 {
        return Err(io::Error::other(format!(
            "{} bytes of pixels for a {width} × {height} image",
            rgba.len()
        )));
    }
    let mut encoder = Encoder::new(out, width, height, journey)?;
    let band_bytes = band_rows(width) as usize * width as usize * 4;
    crate::parallel::ordered(
        rgba.len().div_ceil(band_bytes),
        |i, compressor: &mut BandCompressor| {
            let rows = &rgba[i * band_bytes..rgba.len().min((i + 1) * band_bytes)];
            compressor.compress(rows, width)
        },
        |band| encoder.write_band(&band?),
    )?;
    encoder.finish()
}

/// Reads the journey embedded in a map image.
///
/// The journey is checked end to end (the chunk's CRC, zlib's checksum, then the RON and the
/// journey's invariants), so an image whose pixels were cut short still gives back its journey
/// when the chunk itself is whole; anything less gives an error that says what is wrong.
pub fn journey_from_png(bytes: &[u8], path: &Path) -> Result<Journey, LoadError> {
    journey_from_png_versioned(bytes, path).map(|(journey, _)| journey)
}

/// [`journey_from_png`], and the format version the journey inside was written in.
pub fn journey_from_png_versioned(bytes: &[u8], path: &Path) -> Result<(Journey, u32), LoadError> {
    let fail = |message: &str| LoadError::new(path, None, message);
    let damaged = |why: &str| {
        fail(&format!(
            "the journey inside this PNG image is damaged ({why}); the picture may still open, \
             but the journey cannot be restored from it"
        ))
    };
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_ignore_text_chunk(false);
    let mut reader = decoder.read_info().map_err(|e| match scan(bytes) {
        Scan::Truncated { at } => fail(&truncated(at)),
        _ => fail(match e {
            png::DecodingError::LimitsExceeded => {
                "the PNG image is larger than Journeymap reads (its header declares a huge image)"
            }
            _ => "not a PNG image that can be read: its header or one of its chunks is malformed",
        }),
    })?;
    let find = |info: &png::Info| {
        info.utf8_text
            .iter()
            .find(|c| c.keyword == KEYWORD)
            .cloned()
    };
    let mut chunk = find(reader.info());
    if chunk.is_none() {
        // The decoder skips ancillary chunks that fail their CRC or do not parse, and reads only
        // up to the pixels: walk the chunks to tell a missing journey from a damaged one, and
        // read past the pixels only when there is a journey chunk there (other tools may move
        // text chunks behind the pixels when they save the image again).
        chunk = match scan(bytes) {
            Scan::Found(_) => reader.finish().ok().and_then(|()| find(reader.info())),
            Scan::Truncated { at } => return Err(fail(&truncated(at))),
            Scan::Absent => {
                return Err(fail(
                    "this PNG image holds no journey (it was not exported by Journeymap, or \
                     the journey was stripped from it)",
                ));
            }
        };
    }
    let Some(mut chunk) = chunk else {
        return Err(damaged("its chunk fails its checksum or is malformed"));
    };
    if chunk.decompress_text_with_limit(TEXT_LIMIT).is_err() {
        return Err(if larger_than_limit(bytes) {
            fail(&format!(
                "the journey inside this PNG image is larger than {} MiB, more than Journeymap \
                 reads",
                TEXT_LIMIT >> 20
            ))
        } else {
            damaged("its compressed text does not inflate")
        });
    }
    let text = chunk
        .get_text()
        .map_err(|_| damaged("its text is not UTF-8"))?;
    let inner = path.with_file_name(format!(
        "{} (embedded journey)",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    ron_file::from_ron_versioned(&text, &inner)
}

/// Whether the journey's compressed text inflates to more than [`TEXT_LIMIT`] (the decoder does
/// not say why it gave up, so this looks again, on the error path only).
fn larger_than_limit(bytes: &[u8]) -> bool {
    use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_zlib_with_limit};
    let Scan::Found(body) = scan(bytes) else {
        return false;
    };
    // keyword, NUL, compression flag and method, then language NUL translated keyword NUL text.
    let Some(rest) = bytes[body].get(KEYWORD.len() + 3..) else {
        return false;
    };
    rest.splitn(3, |&b| b == 0).nth(2).is_some_and(|text| {
        decompress_to_vec_zlib_with_limit(text, TEXT_LIMIT)
            .is_err_and(|e| e.status == TINFLStatus::HasMoreOutput)
    })
}

fn truncated(at: usize) -> String {
    format!(
        "the PNG image is cut short (the file ends after {at} bytes, in the middle of a chunk) \
         and the journey it should hold is not complete"
    )
}

/// What a plain walk over the file's chunks finds.
#[derive(Debug, PartialEq, Eq)]
enum Scan {
    /// A whole iTXt chunk with our keyword; the range of its data.
    Found(std::ops::Range<usize>),
    /// The file ends inside a chunk (or before IEND) without a whole journey chunk.
    Truncated { at: usize },
    /// Every chunk is whole and none is ours.
    Absent,
}

fn scan(bytes: &[u8]) -> Scan {
    let mut pos = SIGNATURE.len();
    let be32 = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    loop {
        let (Some(length), Some(kind)) = (be32(pos), bytes.get(pos + 4..pos + 8)) else {
            return Scan::Truncated { at: bytes.len() };
        };
        let data = pos + 8;
        let end = data.saturating_add(length as usize).saturating_add(4);
        if end > bytes.len() {
            return Scan::Truncated { at: bytes.len() };
        }
        let body = &bytes[data..end - 4];
        if kind == b"iTXt"
            && body.starts_with(KEYWORD.as_bytes())
            && body.get(KEYWORD.len()) == Some(&0)
        {
            return Scan::Found(data..end - 4);
        }
        if kind == b"IEND" {
            return Scan::Absent;
        }
        pos = end;
    }
}
