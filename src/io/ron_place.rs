//! Where a field is written in a journey's RON text, so that every error names a line and a
//! column. One linear pass cuts the text into tokens (strings, raw strings, characters and
//! comments are skipped whole, so a bracket or a key inside them does not count); finding a
//! field is then a walk over the tokens. Only error paths call this.

use crate::model::Violation;

/// A token that can matter for finding a field: an identifier, a number or a punctuation mark.
#[derive(Debug, PartialEq)]
struct Token<'a> {
    text: &'a str,
    /// How many brackets are open around it (a bracket counts the ones outside itself).
    depth: usize,
    line: usize,
    col: usize,
}

impl Token<'_> {
    fn place(&self) -> (usize, usize) {
        (self.line, self.col)
    }
}

/// Where the violating field is, or failing that its item, its list, or the journey's start.
pub fn violation(text: &str, v: &Violation) -> (usize, usize) {
    let tokens = tokenize(text);
    let start = tokens.first().map_or((1, 1), Token::place);
    let Some((section, id)) = v.item.section() else {
        return key(&tokens, 0..tokens.len(), 1, v.field).map_or(start, |i| tokens[i].place());
    };
    let Some(list) = key(&tokens, 0..tokens.len(), 1, section) else {
        return start;
    };
    let mut items = items(&tokens, list).filter(|item| {
        key(&tokens, item.clone(), 3, "id")
            .and_then(|i| tokens.get(i + 2))
            .is_some_and(|t| t.text.parse::<u32>() == Ok(id))
    });
    // A duplicate id is reported on the second item that has it; any other violation on the
    // first (validation stops at the duplicate, so it never reaches a later one's fields).
    let first = items.next();
    let item = if v.field == "id" {
        items.next().or(first)
    } else {
        first
    };
    let Some(item) = item else {
        return tokens[list].place();
    };
    // A field the item does not write (a default): the item's id.
    key(&tokens, item.clone(), 3, v.field)
        .or_else(|| key(&tokens, item.clone(), 3, "id"))
        .map_or(tokens[item.start].place(), |i| tokens[i].place())
}

/// Where the journey's `version` field is written.
pub fn version(text: &str) -> Option<(usize, usize)> {
    let tokens = tokenize(text);
    key(&tokens, 0..tokens.len(), 1, "version").map(|i| tokens[i].place())
}

/// The index of the key `name` written at `depth` (followed by a colon) within `range`.
fn key(tokens: &[Token], range: std::ops::Range<usize>, depth: usize, name: &str) -> Option<usize> {
    range.into_iter().find(|&i| {
        let t = &tokens[i];
        t.depth == depth && t.text == name && tokens.get(i + 1).is_some_and(|n| n.text == ":")
    })
}

/// The token ranges of the items of the list whose key is at `list`: each from its `(` to its
/// `)`, at depth 2.
fn items<'t>(
    tokens: &'t [Token],
    list: usize,
) -> impl Iterator<Item = std::ops::Range<usize>> + 't {
    let body = tokens[list..]
        .iter()
        .position(|t| t.depth == 1 && t.text == "[")
        .map(|p| list + p + 1);
    let end = body.map_or(list, |b| {
        tokens[b..]
            .iter()
            .position(|t| t.depth == 1)
            .map_or(tokens.len(), |p| b + p)
    });
    let starts = body.map_or(0..0, |b| b..end);
    starts
        .filter(|&i| tokens[i].depth == 2 && tokens[i].text == "(")
        .map(move |i| {
            let close = tokens[i + 1..end]
                .iter()
                .position(|t| t.depth == 2)
                .map_or(end, |p| i + 1 + p);
            i..close
        })
}

/// The text cut into tokens, in one pass.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let b = text.as_bytes();
    let mut cur = Cursor {
        b,
        i: 0,
        line: 1,
        col: 1,
    };
    let mut depth = 0usize;
    let mut tokens = Vec::new();
    while let Some(c) = cur.peek(0) {
        let (start, line, col) = (cur.i, cur.line, cur.col);
        let mut push = |cur: &Cursor, depth: usize| {
            tokens.push(Token {
                text: &text[start..cur.i],
                depth,
                line,
                col,
            });
        };
        match c {
            b'"' => {
                cur.bump();
                cur.skip_string();
            }
            b'r' | b'b' if cur.raw_hashes().is_some() => {
                let hashes = cur.raw_hashes().unwrap_or(0);
                cur.skip_raw(hashes);
            }
            b'\'' => {
                cur.bump();
                cur.skip_char();
            }
            b'/' if cur.peek(1) == Some(b'/') => cur.skip_while(|c| c != b'\n'),
            b'/' if cur.peek(1) == Some(b'*') => cur.skip_block_comment(),
            b'(' | b'[' | b'{' => {
                cur.bump();
                push(&cur, depth);
                depth += 1;
            }
            b')' | b']' | b'}' => {
                cur.bump();
                depth = depth.saturating_sub(1);
                push(&cur, depth);
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'+' => {
                cur.skip_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.'));
                if cur.i == start {
                    cur.bump();
                }
                push(&cur, depth);
            }
            c if c.is_ascii_whitespace() => cur.bump(),
            _ => {
                cur.bump();
                // The rest of a multi-byte character: no token starts inside it.
                cur.skip_while(|c| c & 0xc0 == 0x80);
                push(&cur, depth);
            }
        }
    }
    tokens
}

/// A position in the text that knows its line and column (columns count characters).
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
    line: usize,
    col: usize,
}

impl Cursor<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.b.get(self.i + ahead).copied()
    }

    fn bump(&mut self) {
        let Some(c) = self.peek(0) else { return };
        self.i += 1;
        if c == b'\n' {
            self.line += 1;
            self.col = 1;
        } else if c & 0xc0 != 0x80 {
            self.col += 1;
        }
    }

    fn skip_while(&mut self, keep: impl Fn(u8) -> bool) {
        while self.peek(0).is_some_and(&keep) {
            self.bump();
        }
    }

    /// After an opening quote: up to and past the closing one (backslash escapes honoured).
    fn skip_string(&mut self) {
        while let Some(c) = self.peek(0) {
            self.bump();
            match c {
                b'\\' => self.bump(),
                b'"' => return,
                _ => {}
            }
        }
    }

    /// After an opening `'`: up to and past the closing one.
    fn skip_char(&mut self) {
        if self.peek(0) == Some(b'\\') {
            self.bump();
        }
        self.bump();
        self.skip_while(|c| c != b'\'');
        self.bump();
    }

    /// At `r`, `b` or `br` that opens a raw string: the number of its `#`s.
    fn raw_hashes(&self) -> Option<usize> {
        let after_ident = self.i > 0 && {
            let p = self.b[self.i - 1];
            p.is_ascii_alphanumeric() || p == b'_'
        };
        let mut j = self.i + usize::from(self.peek(0) == Some(b'b'));
        if after_ident || self.b.get(j) != Some(&b'r') {
            return None;
        }
        j += 1;
        let hashes = self.b[j..].iter().take_while(|&&c| c == b'#').count();
        (self.b.get(j + hashes) == Some(&b'"')).then_some(hashes)
    }

    /// At the start of a raw string with `hashes` `#`s: past its end. Linear: the `#`s after a
    /// quote are counted only up to the next character that is not one.
    fn skip_raw(&mut self, hashes: usize) {
        self.skip_while(|c| c != b'"');
        self.bump();
        while let Some(c) = self.peek(0) {
            self.bump();
            if c == b'"' {
                let run = self.b[self.i..]
                    .iter()
                    .take(hashes)
                    .take_while(|&&c| c == b'#')
                    .count();
                if run == hashes {
                    for _ in 0..hashes {
                        self.bump();
                    }
                    return;
                }
            }
        }
    }

    /// After `/*`: past the matching `*/` (RON block comments nest).
    fn skip_block_comment(&mut self) {
        self.bump();
        self.bump();
        let mut depth = 1;
        while let Some(c) = self.peek(0) {
            match (c, self.peek(1)) {
                (b'/', Some(b'*')) => depth += 1,
                (b'*', Some(b'/')) => depth -= 1,
                _ => {
                    self.bump();
                    continue;
                }
            }
            self.bump();
            self.bump();
            if depth == 0 {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, PersonaId, TouchpointId};

    fn violation_at(text: &str, item: Item, field: &'static str) -> (usize, usize) {
        violation(
            text,
            &Violation {
                item,
                field,
                problem: String::new(),
            },
        )
    }

    #[test]
    fn a_field_on_one_line_is_found_at_its_column() {
        assert_eq!(
            violation_at(r#"(version: 1, title: " ")"#, Item::Journey, "title"),
            (1, 14)
        );
    }

    #[test]
    fn keys_inside_strings_comments_and_raw_strings_do_not_count() {
        let text = "(\n  version: 1, /* title: */ description: r#\"title: \"x\"#,\n  // title:\n  \"title:\", title: \"\",\n)";
        assert_eq!(violation_at(text, Item::Journey, "title"), (4, 13));
    }

    #[test]
    fn an_item_is_found_by_its_id_and_a_duplicate_on_its_second_copy() {
        let text = "(version: 1, title: \"t\", personas: [(id: 1, name: \"a\"), (id: 2, name: \" \"), (id: 2, name: \"c\")])";
        let persona = |n| Item::Persona(PersonaId(n), String::new());
        assert_eq!(violation_at(text, persona(2), "name"), (1, 65));
        assert_eq!(violation_at(text, persona(2), "id"), (1, 78));
        // A field the item does not write: the item's id.
        assert_eq!(violation_at(text, persona(1), "colour"), (1, 38));
        // No such item: the list.
        let missing = Item::Touchpoint(TouchpointId(9), String::new());
        assert_eq!(violation_at(text, missing, "title"), (1, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "(title: \"ü\", version: 2)";
        assert_eq!(version(text), Some((1, 14)));
    }

    #[test]
    fn hostile_raw_strings_are_scanned_in_one_pass() {
        // Quadratic scanning took minutes on this (a quote after every hash run).
        let text = format!("r{}\"{}", "#".repeat(200_000), "\"".repeat(200_000));
        assert!(tokenize(&text).is_empty());
    }
}
