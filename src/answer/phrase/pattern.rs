//! A parsed pattern: its nodes, and for each alternation the branches that may start before
//! each byte.

use super::Words;
use super::chars::{is_word_char, non_ascii_fold};

/// A set of bytes, one bit each.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct ByteSet([u64; 4]);

impl ByteSet {
    #[inline]
    pub(super) fn insert(&mut self, byte: u8) {
        self.0[usize::from(byte >> 6)] |= 1 << (byte & 63);
    }

    #[inline]
    pub(super) fn for_each(&self, mut f: impl FnMut(u8)) {
        for (word, &bits) in self.0.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                f((word * 64) as u8 + bits.trailing_zeros() as u8);
                bits &= bits - 1;
            }
        }
    }

    #[inline]
    pub(super) fn len(&self) -> usize {
        self.0.iter().map(|bits| bits.count_ones() as usize).sum()
    }

    #[inline]
    pub(super) fn contains(&self, byte: u8) -> bool {
        self.0[usize::from(byte >> 6)] & (1 << (byte & 63)) != 0
    }

    #[inline]
    pub(super) fn union(&mut self, other: &ByteSet) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine |= theirs;
        }
    }

    #[inline]
    pub(super) fn everything() -> ByteSet {
        ByteSet([u64::MAX; 4])
    }
}

/// Items filed under small numbers, each number's items side by side.
#[derive(Debug)]
pub(super) struct Filed<T> {
    /// `items[starts[k]..starts[k + 1]]` are filed under `k`.
    starts: Box<[u32]>,
    items: Box<[T]>,
}

impl<T: Copy + Default> Filed<T> {
    /// Files each `(key, item)`, keys below `keys`, keeping their order within a key.
    pub(super) fn new(keys: usize, filed: &[(usize, T)]) -> Filed<T> {
        let mut starts = vec![0u32; keys + 1];
        for &(key, _) in filed {
            starts[key + 1] += 1;
        }
        for key in 1..=keys {
            starts[key] += starts[key - 1];
        }
        let mut next = starts.clone();
        let mut items = vec![T::default(); filed.len()];
        for &(key, item) in filed {
            items[next[key] as usize] = item;
            next[key] += 1;
        }
        Filed {
            starts: starts.into_boxed_slice(),
            items: items.into_boxed_slice(),
        }
    }

    #[inline]
    pub(super) fn get(&self, key: usize) -> &[T] {
        &self.items[self.starts[key] as usize..self.starts[key + 1] as usize]
    }
}

impl Node {
    #[inline]
    pub(super) fn is_assertion(&self) -> bool {
        matches!(self, Node::WordBoundary | Node::TextStart | Node::TextEnd)
    }
}

#[derive(Debug)]
pub(super) enum Node {
    /// Lower-case ASCII, matched case-insensitively.
    Literal(Vec<u8>),
    Class(Class),
    WordBoundary,
    TextStart,
    TextEnd,
    Group(Alternation),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: u32,
    },
}

#[derive(Debug)]
pub(super) enum Class {
    Word,
    Digit,
    Space,
    /// Bracketed: inclusive ranges, with the case variants of ASCII letters added.
    Set(Box<[(char, char)]>),
}

impl Class {
    pub(super) fn contains(&self, c: char, words: Words) -> bool {
        match self {
            Class::Word => is_word_char(c, words),
            Class::Digit => c.is_ascii_digit(),
            // `char::is_whitespace` is Unicode White_Space, as `\s` is.
            Class::Space => c.is_whitespace(),
            Class::Set(ranges) => ranges.iter().any(|&(low, high)| (low..=high).contains(&c)),
        }
    }

    /// The bytes (of the lower-cased text) a character of the class may start with.
    pub(super) fn first_bytes(&self) -> ByteSet {
        let mut set = ByteSet::default();
        let mut insert = |low: u8, high: u8| (low..=high).for_each(|byte| set.insert(byte));
        match self {
            Class::Word => {
                insert(b'0', b'9');
                insert(b'A', b'Z');
                insert(b'_', b'_');
                insert(b'a', b'z');
                insert(0xC0, 0xFF);
            }
            Class::Digit => insert(b'0', b'9'),
            Class::Space => {
                insert(b'\t', b'\r');
                insert(b' ', b' ');
                insert(0xC0, 0xFF);
            }
            Class::Set(ranges) => {
                for &(low, high) in ranges.iter() {
                    if low.is_ascii() {
                        insert(low as u8, high.min('\x7F') as u8);
                    }
                    if !high.is_ascii() {
                        insert(0xC0, 0xFF);
                    }
                }
            }
        }
        set
    }
}

/// Branches, with an index from the byte at the current position to the branches that may
/// start there (branches that may match nothing are listed under every byte).
#[derive(Debug)]
pub(super) struct Alternation {
    pub(super) branches: Vec<Vec<Node>>,
    /// The bytes a match may start with, and whether a branch may match nothing.
    first: ByteSet,
    nullable: bool,
    /// The branches to try before each byte; 256 is the end of the text.
    by_byte: Filed<Entry>,
}

/// A branch as listed under a byte.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Entry {
    /// Up to eight bytes every match of the branch starts with (its literal after any `\b` or
    /// `^`), packed little-endian, with `mask` covering them: most branches are turned away
    /// by one comparison with the text's next eight bytes.
    pub(super) head: u64,
    pub(super) mask: u64,
    pub(super) branch: u16,
}

impl Entry {
    pub(super) fn new(branch: u16, nodes: &[Node]) -> Entry {
        let literal = match nodes.iter().find(|n| !n.is_assertion()) {
            Some(Node::Literal(bytes)) => &bytes[..bytes.len().min(8)],
            _ => &[],
        };
        let (head, mask) = literal
            .iter()
            .enumerate()
            .fold((0, 0), |(head, mask), (i, &byte)| {
                (head | u64::from(byte) << (8 * i), mask | 0xFF << (8 * i))
            });
        Entry { head, mask, branch }
    }
}

/// The next eight bytes at the start of `rest` (zeros past its end), little-endian.
#[inline]
pub(super) fn next_eight(rest: &[u8]) -> u64 {
    match rest.first_chunk::<8>() {
        Some(eight) => u64::from_le_bytes(*eight),
        None => {
            let mut eight = [0; 8];
            eight[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(eight)
        }
    }
}

impl Alternation {
    pub(super) fn new(branches: Vec<Vec<Node>>) -> Alternation {
        // A branch that may match nothing is tried before every byte and at the end.
        let firsts: Vec<(ByteSet, bool)> = branches
            .iter()
            .map(|nodes| {
                let mut first = ByteSet::default();
                let nullable = sequence_first_bytes(nodes, &mut first);
                (first, nullable)
            })
            .collect();
        let mut first = ByteSet::default();
        firsts.iter().for_each(|(branch, _)| first.union(branch));
        let nullable = firsts.iter().any(|&(_, nullable)| nullable);
        let filings =
            |&(first, nullable): &(ByteSet, bool)| if nullable { 257 } else { first.len() };
        let mut filed = Vec::with_capacity(firsts.iter().map(filings).sum());
        for (id, ((first, nullable), nodes)) in firsts.iter().zip(&branches).enumerate() {
            let entry = Entry::new(u16::try_from(id).expect("branch count"), nodes);
            if *nullable {
                filed.extend((0..257).map(|bucket| (bucket, entry)));
            } else {
                first.for_each(|byte| filed.push((usize::from(byte), entry)));
            }
        }
        Alternation {
            branches,
            first,
            nullable,
            by_byte: Filed::new(257, &filed),
        }
    }

    /// Adds the bytes a match may start with; true when a branch can match nothing.
    pub(super) fn first_bytes(&self, set: &mut ByteSet) -> bool {
        set.union(&self.first);
        self.nullable
    }

    #[inline]
    pub(super) fn candidates(&self, next_byte: Option<u8>) -> &[Entry] {
        self.by_byte.get(next_byte.map_or(256, usize::from))
    }
}

/// Adds the bytes a match of `nodes` may start with; true when it can match nothing.
pub(super) fn sequence_first_bytes(nodes: &[Node], set: &mut ByteSet) -> bool {
    for node in nodes {
        let nullable = match node {
            Node::Literal(bytes) => {
                fold_first_byte(bytes[0], set);
                false
            }
            Node::Class(class) => {
                set.union(&class.first_bytes());
                false
            }
            Node::WordBoundary | Node::TextStart | Node::TextEnd => true,
            Node::Group(alternation) => alternation.first_bytes(set),
            Node::Repeat { node, min, .. } => {
                let inner = sequence_first_bytes(std::slice::from_ref(node), set);
                inner || *min == 0
            }
        };
        if !nullable {
            return false;
        }
    }
    true
}

/// The bytes a character of the lower-cased text that folds to `lower` may start with.
fn fold_first_byte(lower: u8, set: &mut ByteSet) {
    set.insert(lower);
    if let Some(folded) = non_ascii_fold(lower) {
        set.insert(folded.as_bytes()[0]);
    }
}
