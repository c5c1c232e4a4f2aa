//! Parsing a big journey on every core: the touchpoints list is cut at item boundaries and the
//! pieces are parsed in parallel. At the slightest doubt (a piece that does not parse, a layout
//! the scanner does not follow) the caller parses the text whole, which is also what gives an
//! error its exact line and column.

use crate::model::{Journey, Touchpoint};
use std::ops::Range;

/// Below this, starting threads costs more than it saves.
const MIN_BYTES: usize = 256 * 1024;

/// The journey in `text`, parsed in pieces; None means "parse it whole".
pub fn parse(text: &str) -> Option<Journey> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if text.len() < MIN_BYTES || threads < 2 {
        return None;
    }
    let list = touchpoint_list(text.as_bytes())?;
    let pieces = cut(&list, threads.min(8));
    // The journey without its cards: the list emptied.
    let head = format!("{}{}", &text[..=list.open], &text[list.close..]);
    std::thread::scope(|scope| {
        let parts: Vec<_> = pieces
            .into_iter()
            .map(|range| {
                scope.spawn(move || {
                    ron::from_str::<Vec<Touchpoint>>(&format!("[{}]", &text[range])).ok()
                })
            })
            .collect();
        let mut journey: Journey = ron::from_str(&head).ok()?;
        if !journey.touchpoints.is_empty() {
            return None;
        }
        for part in parts {
            journey.touchpoints.extend(part.join().ok()??);
        }
        Some(journey)
    })
}

/// Where the journey's `touchpoints: [ … ]` list is: its brackets, and the positions just after
/// each comma between its items.
struct List {
    open: usize,
    close: usize,
    boundaries: Vec<usize>,
}

/// Cuts the list's inside into at most `n` ranges of whole items.
fn cut(list: &List, n: usize) -> Vec<Range<usize>> {
    let per_piece = list.boundaries.len().div_ceil(n).max(1);
    let mut starts = vec![list.open + 1];
    starts.extend(
        list.boundaries
            .iter()
            .copied()
            .skip(per_piece - 1)
            .step_by(per_piece),
    );
    starts.dedup();
    let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
    ends.push(list.close);
    starts
        .into_iter()
        .zip(ends)
        .map(|(s, e)| s..e)
        .filter(|r| !r.is_empty())
        .collect()
}

/// Scans RON text for the journey-level `touchpoints` list, skipping strings, raw strings,
/// characters and comments so that brackets and commas inside them do not count.
fn touchpoint_list(b: &[u8]) -> Option<List> {
    let mut depth = 0usize;
    let mut open = None;
    let mut boundaries = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let after_ident = i > 0 && is_ident(b[i - 1]);
        match c {
            b'"' => i = skip_string(b, i + 1)?,
            b'r' | b'b' if !after_ident && raw_start(b, i).is_some() => {
                let (hashes, quote) = raw_start(b, i)?;
                i = skip_raw(b, quote + 1, hashes)?;
            }
            b'\'' => i = skip_char(b, i + 1)?,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = b[i..]
                    .iter()
                    .position(|&x| x == b'\n')
                    .map_or(b.len(), |p| i + p + 1);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => i = skip_block_comment(b, i + 2)?,
            b'(' | b'[' | b'{' => {
                depth += 1;
                if c == b'[' && depth == 2 && open.is_none() && names_touchpoints(&b[..i]) {
                    open = Some(i);
                }
                i += 1;
            }
            b')' | b']' | b'}' => {
                if depth == 2
                    && c == b']'
                    && let Some(open) = open
                {
                    return Some(List {
                        open,
                        close: i,
                        boundaries,
                    });
                }
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            b',' => {
                if depth == 2 && open.is_some() {
                    boundaries.push(i + 1);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Whether the text before a `[` ends in `touchpoints:` (blanks allowed around the colon).
fn names_touchpoints(before: &[u8]) -> bool {
    let s = std::str::from_utf8(before).unwrap_or("").trim_end();
    s.strip_suffix(':')
        .map(str::trim_end)
        .and_then(|s| s.strip_suffix("touchpoints"))
        .is_some_and(|s| !s.bytes().last().is_some_and(is_ident))
}

/// After an opening quote: the index after the closing one (backslash escapes honoured).
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// At `r`, `b` or `br`: the number of `#` and the index of the opening quote of a raw string.
fn raw_start(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if b[j] == b'b' {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|&&x| x == b'#').count();
    (b.get(j + hashes) == Some(&b'"')).then_some((hashes, j + hashes))
}

/// After the opening quote of a raw string: the index after `"` and its `#`s.
fn skip_raw(b: &[u8], mut i: usize, hashes: usize) -> Option<usize> {
    while i < b.len() {
        if b[i] == b'"'
            && b[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&x| x == b'#')
                .count()
                == hashes
        {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    None
}

/// After an opening `'`: the index after the closing one.
fn skip_char(b: &[u8], i: usize) -> Option<usize> {
    let start = if b.get(i) == Some(&b'\\') {
        i + 2
    } else {
        i + 1
    };
    b[start.min(b.len())..]
        .iter()
        .position(|&x| x == b'\'')
        .map(|p| start + p + 1)
}

/// After `/*`: the index after the matching `*/` (RON block comments nest).
fn skip_block_comment(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 1;
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PersonaId, StageId, TouchpointId};

    /// A journey big enough to be split, with strings that hold brackets, commas, quotes and
    /// the very text of an item boundary.
    fn big() -> Journey {
        let mut j = crate::templates::sample();
        let tricky = [
            "plain",
            "with ), ( and ], [ inside",
            "quote \" and backslash \\ and r#\"raw\"# ),\n\t\t(",
            "line one\n    ),\n    (\n      id: 99,",
            "/* not a comment */ // nor this ',' '",
        ];
        for n in 0..3_000u32 {
            let mut t = Touchpoint::new(
                TouchpointId(1000 + n),
                PersonaId(1 + n % 2),
                StageId(1 + n % 5),
                "Card",
            );
            t.notes = tricky[n as usize % tricky.len()].to_owned();
            t.tags = vec![format!("tag {n}"), "a,b".into()];
            j.touchpoints.push(t);
        }
        j
    }

    #[test]
    fn a_big_journey_parses_in_pieces_to_exactly_what_a_whole_parse_gives() {
        let journey = big();
        let text = crate::io::to_ron(&journey);
        assert!(text.len() > MIN_BYTES);
        let list = touchpoint_list(text.as_bytes()).expect("the list is found");
        assert_eq!(
            list.boundaries.len(),
            journey.touchpoints.len(),
            "one comma after each item"
        );
        assert_eq!(parse(&text), Some(journey));
    }

    #[test]
    fn pieces_cover_the_list_without_gaps() {
        let list = List {
            open: 10,
            close: 100,
            boundaries: vec![20, 30, 40, 50, 60, 70, 80, 90, 99],
        };
        let pieces = cut(&list, 2);
        assert_eq!(pieces.first().map(|r| r.start), Some(11));
        assert_eq!(pieces.last().map(|r| r.end), Some(100));
        assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(pieces.len(), 2);
    }

    #[test]
    fn text_it_cannot_follow_is_left_to_the_whole_parse() {
        let mut text = crate::io::to_ron(&big());
        text.truncate(text.len() - 40);
        assert_eq!(parse(&text), None);
        assert_eq!(parse("(version: 1, title: \"t\")"), None);
    }
}
