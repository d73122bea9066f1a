//! Matching a parsed pattern at a position, by backtracking.

use super::Words;
use super::chars::{is_ascii_word_byte, is_unicode_word_char, non_ascii_fold};
use super::pattern::{Alternation, Class, Node, next_eight};
use std::borrow::Cow;

/// What to match after the current sequence: the rest of an enclosing sequence, or another
/// round of a repeat.
enum Next<'p, 'n> {
    Done,
    Sequence(&'p [Node], &'n Next<'p, 'n>),
    Repeat {
        node: &'p Node,
        min: u32,
        max: u32,
        count: u32,
        then: &'n Next<'p, 'n>,
    },
}

/// One text being searched, lower-cased in ASCII: that changes neither its length nor which
/// of its characters are word characters, and literals then compare byte for byte.
pub(super) struct Search<'t> {
    text: Cow<'t, str>,
    words: Words,
    /// The text holds `ſ` or `K`, which literals must also accept.
    pub(super) folds: bool,
}

impl Search<'_> {
    pub(super) fn new(text: &str, words: Words) -> Search<'_> {
        let text = if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
        let folds = !text.is_ascii() && (text.contains('\u{17F}') || text.contains('\u{212A}'));
        Search { text, words, folds }
    }

    pub(super) fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// Whether the pattern `root` matches at `pos`. When `at_boundary`, every branch starts
    /// with `\b` and a word boundary is known to be there.
    pub(super) fn phrase(&self, root: &Alternation, at_boundary: bool, pos: usize) -> bool {
        let rest = &self.bytes()[pos..];
        let eight = next_eight(rest);
        root.candidates(rest.first().copied())
            .iter()
            .filter(|entry| self.folds || eight & entry.mask == entry.head)
            .map(|entry| &root.branches[usize::from(entry.branch)])
            .filter(|branch| !self.inside_run(branch, pos))
            .any(|branch| {
                let nodes = if at_boundary { &branch[1..] } else { branch };
                self.sequence(nodes, pos, &Next::Done)
            })
    }

    /// A branch that opens with an unbounded repeat of a class (`\d+...`) matches inside a
    /// run of that class only if it matches where the run starts, which was tried first:
    /// trying it again at every character of a long run would take quadratic time.
    fn inside_run(&self, branch: &[Node], pos: usize) -> bool {
        match branch.first() {
            Some(Node::Repeat { node, min, max }) if *min >= 1 && *max == u32::MAX => {
                matches!(&**node, Node::Class(class)
                    if self.char_before(pos).is_some_and(|c| class.contains(c, self.words)))
            }
            _ => false,
        }
    }

    fn alternation(&self, alternation: &Alternation, pos: usize, next: &Next<'_, '_>) -> bool {
        let rest = &self.bytes()[pos..];
        let eight = next_eight(rest);
        alternation
            .candidates(rest.first().copied())
            .iter()
            .filter(|entry| self.folds || eight & entry.mask == entry.head)
            .any(|entry| self.sequence(&alternation.branches[usize::from(entry.branch)], pos, next))
    }

    fn sequence(&self, nodes: &[Node], pos: usize, next: &Next<'_, '_>) -> bool {
        let Some((node, rest)) = nodes.split_first() else {
            return self.resume(pos, next);
        };
        match node {
            Node::Literal(literal) => self
                .literal(pos, literal)
                .is_some_and(|end| self.sequence(rest, end, next)),
            Node::Class(class) => self
                .char_at(pos)
                .filter(|&c| class.contains(c, self.words))
                .is_some_and(|c| self.sequence(rest, pos + c.len_utf8(), next)),
            Node::WordBoundary => self.is_boundary(pos) && self.sequence(rest, pos, next),
            Node::TextStart => pos == 0 && self.sequence(rest, pos, next),
            Node::TextEnd => pos == self.text.len() && self.sequence(rest, pos, next),
            Node::Group(alternation) => {
                self.alternation(alternation, pos, &Next::Sequence(rest, next))
            }
            Node::Repeat { node, min, max } => match &**node {
                Node::Class(class) => self.repeat_class(class, *min, *max, pos, rest, next),
                _ => self.repeat(node, *min, *max, 0, pos, &Next::Sequence(rest, next)),
            },
        }
    }

    /// A repeated class, the common case (`\w+`, `\d+`, `\s*`): take as many characters as
    /// allowed, then give them back one at a time until what follows matches.
    #[inline(never)]
    fn repeat_class(
        &self,
        class: &Class,
        min: u32,
        max: u32,
        pos: usize,
        rest: &[Node],
        next: &Next<'_, '_>,
    ) -> bool {
        let mut end = pos;
        let mut count = 0;
        while count < max
            && let Some(c) = self.char_at(end).filter(|&c| class.contains(c, self.words))
        {
            end += c.len_utf8();
            count += 1;
        }
        loop {
            if count < min {
                return false;
            }
            if self.sequence(rest, end, next) {
                return true;
            }
            let Some(c) = self.char_before(end).filter(|_| count > 0) else {
                return false;
            };
            end -= c.len_utf8();
            count -= 1;
        }
    }

    /// Greedy: one more round if allowed, else (or if that fails) what follows.
    #[inline(never)]
    fn repeat(
        &self,
        node: &Node,
        min: u32,
        max: u32,
        count: u32,
        pos: usize,
        then: &Next<'_, '_>,
    ) -> bool {
        if count < max {
            let again = Next::Repeat {
                node,
                min,
                max,
                count: count + 1,
                then,
            };
            if self.sequence(std::slice::from_ref(node), pos, &again) {
                return true;
            }
        }
        count >= min && self.resume(pos, then)
    }

    fn resume(&self, pos: usize, next: &Next<'_, '_>) -> bool {
        match next {
            Next::Done => true,
            Next::Sequence(nodes, then) => self.sequence(nodes, pos, then),
            Next::Repeat {
                node,
                min,
                max,
                count,
                then,
            } => self.repeat(node, *min, *max, *count, pos, then),
        }
    }

    /// The end of `literal` (lower case) matched at `pos`.
    fn literal(&self, pos: usize, literal: &[u8]) -> Option<usize> {
        let rest = &self.bytes()[pos..];
        let plain = literal.len() <= rest.len() && literal.iter().zip(rest).all(|(l, r)| l == r);
        if plain {
            return Some(pos + literal.len());
        }
        if !self.folds {
            return None;
        }
        let mut at = pos;
        for &lower in literal {
            if *self.bytes().get(at)? == lower {
                at += 1;
            } else {
                let folded = non_ascii_fold(lower)?;
                if !self.bytes()[at..].starts_with(folded.as_bytes()) {
                    return None;
                }
                at += folded.len();
            }
        }
        Some(at)
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        match self.bytes().get(pos) {
            Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
            _ => self.text.get(pos..)?.chars().next(),
        }
    }

    fn char_before(&self, pos: usize) -> Option<char> {
        self.text.get(..pos)?.chars().next_back()
    }

    pub(super) fn is_boundary(&self, pos: usize) -> bool {
        match self.words {
            Words::Narrow => {
                let bytes = self.bytes();
                let word = |byte: Option<&u8>| byte.is_some_and(|&b| is_ascii_word_byte(b));
                let before = pos.checked_sub(1).and_then(|p| bytes.get(p));
                word(before) != word(bytes.get(pos))
            }
            Words::Unicode => {
                let word = |c: Option<char>| c.is_some_and(is_unicode_word_char);
                word(self.char_before(pos)) != word(self.char_at(pos))
            }
        }
    }
}
