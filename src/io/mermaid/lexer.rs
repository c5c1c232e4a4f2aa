//! Mermaid's `journey` lexer, rule for rule (packages/mermaid/src/diagrams/user-journey/parser/
//! journey.jison): case-insensitive, the first rule that matches wins, as in jison's default
//! lexer. Keeping its quirks is the point: what Mermaid reads, this reads the same way.

/// A token, with the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Token<'a> {
    pub line: u64,
    pub kind: Kind<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind<'a> {
    Journey,
    /// `title X`: the text after `title `.
    Title(&'a str),
    /// `accTitle: X`.
    AccTitle(&'a str),
    /// `accDescr: X` or `accDescr { X }`.
    AccDescr(&'a str),
    /// `section X`: the text after `section `.
    Section(&'a str),
    TaskName(&'a str),
    /// `: 5: Me, Cat`, colon included.
    TaskData(&'a str),
    /// A colon with nothing after it on the line.
    Colon,
    /// A character no rule takes (`;`).
    Invalid(char),
}

/// JavaScript's `\s`.
pub fn js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

pub struct Lexer<'a> {
    text: &'a str,
    at: usize,
    line: u64,
}

impl<'a> Lexer<'a> {
    /// `first_line`: the line of the file the text starts on (a Markdown block's first line).
    pub fn new(text: &'a str, first_line: u64) -> Self {
        Self {
            text,
            at: 0,
            line: first_line,
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    /// Moves past `len` bytes, counting line breaks.
    fn advance(&mut self, len: usize) -> &'a str {
        let taken = &self.text[self.at..self.at + len];
        self.line += taken.bytes().filter(|&b| b == b'\n').count() as u64;
        self.at += len;
        taken
    }
}

/// The length of the longest prefix of `text` whose characters all pass `keep`.
fn span(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.find(|c| !keep(c)).unwrap_or(text.len())
}

/// `keyword` at the start of `text`, whatever its case: its length.
fn keyword(text: &str, keyword: &str) -> Option<usize> {
    let head = text.get(..keyword.len())?;
    head.eq_ignore_ascii_case(keyword).then_some(keyword.len())
}

/// `keyword \s* <sign> \s*`: the length of all of it.
fn keyword_then(text: &str, word: &str, sign: char) -> Option<usize> {
    let mut len = keyword(text, word)?;
    len += span(&text[len..], js_space);
    text[len..].starts_with(sign).then_some(())?;
    len += 1;
    Some(len + span(&text[len..], js_space))
}

/// `keyword \s <not these>+`: its length, and where the text after the space starts.
fn keyword_line(text: &str, word: &str, stop: &[char]) -> Option<(usize, usize)> {
    let len = keyword(text, word)?;
    let space = text[len..].chars().next().filter(|&c| js_space(c))?;
    let start = len + space.len_utf8();
    let value = span(&text[start..], |c| !stop.contains(&c));
    (value > 0).then_some((start + value, start))
}

fn line_end(text: &str) -> usize {
    text.find('\n').unwrap_or(text.len())
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.rest();
            let mut chars = rest.chars();
            let first = chars.next()?;
            let line = self.line;
            let token = |kind| Some(Token { line, kind });
            // %%(?!\{)[^\n]*  — a comment (directives were taken out before).
            if rest.starts_with("%%") && !rest[2..].starts_with('{') {
                self.advance(line_end(rest));
                continue;
            }
            // [^\}]\%\%[^\n]*  — also a comment, the character before it included.
            if first != '}' && chars.as_str().starts_with("%%") {
                let start = first.len_utf8();
                self.advance(start + line_end(&rest[start..]));
                continue;
            }
            if first == '\n' {
                self.advance(span(rest, |c| c == '\n'));
                continue; // NEWLINE: the grammar takes it anywhere between statements
            }
            if js_space(first) {
                self.advance(span(rest, js_space));
                continue;
            }
            if first == '#' {
                self.advance(line_end(rest));
                continue;
            }
            if let Some(len) = keyword(rest, "journey") {
                self.advance(len);
                return token(Kind::Journey);
            }
            if let Some((len, start)) = keyword_line(rest, "title", &['#', '\n', ';']) {
                let all = self.advance(len);
                return token(Kind::Title(&all[start..]));
            }
            for (word, make) in [
                ("accTitle", Kind::AccTitle as fn(&'a str) -> Kind<'a>),
                ("accDescr", Kind::AccDescr),
            ] {
                if let Some(len) = keyword_then(rest, word, ':') {
                    self.advance(len);
                    let value = self.advance(line_end(self.rest()));
                    return token(make(value));
                }
            }
            if let Some(len) = keyword_then(rest, "accDescr", '{') {
                self.advance(len);
                let body = self.rest();
                let value = self.advance(body.find('}').unwrap_or(body.len()));
                if self.rest().starts_with('}') {
                    self.advance(1);
                }
                if value.is_empty() {
                    continue;
                }
                return token(Kind::AccDescr(value));
            }
            if let Some((len, start)) = keyword_line(rest, "section", &['#', ':', '\n', ';']) {
                let all = self.advance(len);
                return token(Kind::Section(&all[start..]));
            }
            let name = span(rest, |c| !matches!(c, '#' | ':' | '\n' | ';'));
            if name > 0 {
                return token(Kind::TaskName(self.advance(name)));
            }
            if first == ':' {
                let data = span(&rest[1..], |c| !matches!(c, '#' | '\n' | ';'));
                let all = self.advance(1 + data);
                return token(if data > 0 {
                    Kind::TaskData(all)
                } else {
                    Kind::Colon
                });
            }
            self.advance(first.len_utf8());
            return token(Kind::Invalid(first));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind<'_>> {
        Lexer::new(text, 1).map(|t| t.kind).collect()
    }

    #[test]
    fn tokens_as_mermaid_reads_them() {
        assert_eq!(
            kinds("JOURNEY\n  Title My day # note\nsection Go to work\n  Make tea: 5: Me, Cat\n"),
            vec![
                Kind::Journey,
                Kind::Title("My day "),
                Kind::Section("Go to work"),
                Kind::TaskName("Make tea"),
                Kind::TaskData(": 5: Me, Cat"),
            ]
        );
        // A comment right after one character swallows that character too.
        assert_eq!(kinds("x%% gone\ny"), vec![Kind::TaskName("y")]);
        assert_eq!(
            kinds("accDescr {\n a\n b\n}title T"),
            vec![Kind::AccDescr("a\n b\n"), Kind::Title("T")]
        );
        assert_eq!(
            kinds("a:;"),
            vec![Kind::TaskName("a"), Kind::Colon, Kind::Invalid(';')]
        );
    }
}
