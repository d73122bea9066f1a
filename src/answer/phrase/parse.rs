//! Reading a pattern into nodes.

use super::Words;
use super::chars::non_ascii_fold;
use super::pattern::{Alternation, ByteSet, Class, Node, sequence_first_bytes};

/// Reads a pattern into nodes.
pub(super) struct Parser<'s> {
    chars: Vec<char>,
    at: usize,
    source: &'s str,
    words: Words,
}

impl Parser<'_> {
    pub(super) fn new(source: &str, words: Words) -> Parser<'_> {
        Parser {
            chars: source.chars().collect(),
            at: 0,
            source,
            words,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek();
        self.at += 1;
        c
    }

    fn refuse(&self, what: &str) -> ! {
        panic!("phrase pattern {:?}: {what} at {}", self.source, self.at)
    }

    pub(super) fn alternation(&mut self, depth: usize) -> Alternation {
        let mut branches = vec![Vec::new()];
        loop {
            match self.peek() {
                None if depth > 0 => self.refuse("unclosed group"),
                None => break,
                Some(')') if depth == 0 => self.refuse("unopened group"),
                Some(')') => {
                    self.bump();
                    break;
                }
                Some('|') => {
                    self.bump();
                    branches.push(Vec::new());
                }
                Some(_) => {
                    let branch = branches.last_mut().expect("a branch");
                    // Runs of plain characters become one literal.
                    if let Some(byte) = self.plain_character() {
                        match branch.last_mut() {
                            Some(Node::Literal(bytes)) => bytes.push(byte),
                            _ => branch.push(Node::Literal(vec![byte])),
                        }
                        continue;
                    }
                    let atom = self.atom(depth);
                    branch.push(self.quantified(atom));
                }
            }
        }
        Alternation::new(branches)
    }

    /// The next character, lower-cased, if it is plain ASCII text with no quantifier after.
    fn plain_character(&mut self) -> Option<u8> {
        let metacharacter = |c: &char| {
            matches!(
                c,
                '(' | ')' | '[' | ']' | '{' | '}' | '|' | '?' | '*' | '+' | '.' | '^' | '$' | '\\'
            )
        };
        let c = self.peek().filter(|c| c.is_ascii() && !metacharacter(c))?;
        if matches!(self.chars.get(self.at + 1), Some('?' | '*' | '+' | '{')) {
            return None;
        }
        self.bump();
        Some(c.to_ascii_lowercase() as u8)
    }

    fn atom(&mut self, depth: usize) -> Node {
        match self.bump().expect("an atom") {
            '(' if self.peek() == Some('?') => self.refuse("group flags"),
            '(' => Node::Group(self.alternation(depth + 1)),
            '[' => Node::Class(self.set()),
            '^' => Node::TextStart,
            '$' => Node::TextEnd,
            '\\' => match self.bump() {
                Some('b') => Node::WordBoundary,
                Some('w') => Node::Class(Class::Word),
                // ASCII, as `narrow_classes` makes it; Unicode patterns have no use for it.
                Some('d') if self.words == Words::Narrow => Node::Class(Class::Digit),
                Some('s') => Node::Class(Class::Space),
                Some(c) if c.is_ascii_punctuation() => literal(c),
                _ => self.refuse("escape"),
            },
            '.' | '*' | '+' | '?' | '{' | ']' | '}' => self.refuse("metacharacter"),
            c if c.is_ascii() => literal(c),
            _ => self.refuse("non-ASCII literal"),
        }
    }

    fn quantified(&mut self, atom: Node) -> Node {
        let (min, max) = match self.peek() {
            Some('{') => self.bounds(),
            Some(c @ ('?' | '*' | '+')) => {
                self.bump();
                (u32::from(c == '+'), if c == '?' { 1 } else { u32::MAX })
            }
            _ => return atom,
        };
        if matches!(self.peek(), Some('?' | '+')) {
            self.refuse("lazy or possessive repeat");
        }
        // Every round consumes text, so a repeat always moves forward.
        if sequence_first_bytes(std::slice::from_ref(&atom), &mut ByteSet::default()) {
            self.refuse("repeat of what may match nothing");
        }
        Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        }
    }

    /// Reads `{m}`, `{m,}` or `{m,n}`.
    fn bounds(&mut self) -> (u32, u32) {
        let number = |parser: &mut Self| {
            let start = parser.at;
            while parser.peek().is_some_and(|c| c.is_ascii_digit()) {
                parser.bump();
            }
            let digits: String = parser.chars[start..parser.at].iter().collect();
            digits.parse::<u32>().ok()
        };
        self.bump();
        let min = number(self).unwrap_or_else(|| self.refuse("repeat bounds"));
        let max = if self.peek() == Some(',') {
            self.bump();
            number(self).unwrap_or(u32::MAX)
        } else {
            min
        };
        if self.bump() != Some('}') || max < min {
            self.refuse("repeat bounds");
        }
        (min, max)
    }

    /// A bracketed class, after its `[`.
    fn set(&mut self) -> Class {
        if self.peek() == Some('^') {
            self.refuse("negated class");
        }
        let mut ranges = Vec::new();
        loop {
            let low = match self.bump() {
                None => self.refuse("unclosed class"),
                Some(']') => break,
                Some('\\') => match self.bump() {
                    Some(c) if c.is_ascii_punctuation() => c,
                    _ => self.refuse("class escape"),
                },
                Some('[') => self.refuse("nested class"),
                Some(c) => c,
            };
            let high = if self.peek() == Some('-') && self.chars.get(self.at + 1) != Some(&']') {
                self.bump();
                self.bump().unwrap_or_else(|| self.refuse("unclosed class"))
            } else {
                low
            };
            ranges.push((low, high));
        }
        // (?i): a letter in the class stands for its case variants too.
        let letters: Vec<char> = ranges
            .iter()
            .flat_map(|&(low, high)| low..=high)
            .filter(char::is_ascii_alphabetic)
            .collect();
        for letter in letters {
            let lower = letter.to_ascii_lowercase();
            for variant in [lower, letter.to_ascii_uppercase()] {
                ranges.push((variant, variant));
            }
            if let Some(folded) = non_ascii_fold(lower as u8).and_then(|s| s.chars().next()) {
                ranges.push((folded, folded));
            }
        }
        Class::Set(ranges.into_boxed_slice())
    }
}

fn literal(c: char) -> Node {
    Node::Literal(vec![c.to_ascii_lowercase() as u8])
}
