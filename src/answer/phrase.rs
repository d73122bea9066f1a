//! Phrase patterns: the corner of regex syntax that the cue and heading-word tables are written
//! in, matched without building an automaton.
//!
//! The tables are a few thousand characters of alternations ("used to|at the time|back
//! (then|in)|..."). Compiled as case-insensitive regexes they took ~85 M instructions (15 ms),
//! most of a one-answer run. Parsed here they take ~2 M, and matching is quicker than the
//! regex crate's lazy DFA: all the patterns of a set are searched in one pass, a position is
//! tried only where the text starts the way some branch must (up to eight bytes read from the
//! pattern), and each alternation jumps to the branches that can begin with the next byte.
//!
//! A pattern means what it means to the `regex` crate with `(?i)`, so tables read the same as
//! before: `|`, groups, `?`, `*`, `+`, `{m,n}`, bracketed classes, `^`, `$`, `\b`, `\w`, `\d`
//! (ASCII digits, narrow patterns only), `\s` and escaped punctuation. Case folding is
//! Unicode's simple folding, which for ASCII letters adds only `ſ` (for `s`) and the Kelvin
//! sign (for `k`). What a word is depends on [`Words`]. Anything else is refused when the
//! pattern is parsed. The tests check every table against the regex crate.

use std::borrow::Cow;
use std::sync::LazyLock;

/// What `\b` and `\w` take to be a word character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// As `crate::signals::text::narrow_classes` rewrites them: `\b` looks at ASCII only and
    /// `\w` means ASCII word characters and the Latin letters up to U+024F, case-folded.
    Narrow,
    /// Unicode word characters, as in a plain `regex::Regex`.
    Unicode,
}

/// Phrase patterns searched together: one pass over a text tells which of them match.
///
/// A position is tried for a phrase only when the text there starts the way one of its
/// branches must (its first bytes, read from the pattern), so most positions cost a table
/// look-up, positions inside words are mostly skipped, and most phrases are never tried.
#[derive(Debug)]
pub struct PhraseSet {
    roots: Vec<Alternation>,
    words: Words,
    openings: Openings,
    /// The bytes an opening may begin with: positions at other bytes are skipped.
    leading: ByteSet,
    /// The bytes an opening not tied to a word boundary or the start may begin with: other
    /// positions inside a word are skipped.
    loose: ByteSet,
    /// For each byte, the phrases whose match may start with it, for texts where openings
    /// do not apply (see [`Search::folds`]).
    starting: Box<[u64; 256]>,
    /// The phrases that can match nothing, tried at the end of such texts too.
    nullable: u64,
    /// The phrases whose every branch starts with `\b`.
    starts_at_boundary: u64,
}

impl PhraseSet {
    /// Parses `sources` (at most 64). Panics on syntax outside the supported corner: the
    /// patterns are built-in tables, and their tests parse every one of them.
    pub fn new(sources: &[&str], words: Words) -> PhraseSet {
        assert!(sources.len() <= 64, "at most 64 phrases in a set");
        let mut roots = Vec::with_capacity(sources.len());
        let mut filed = Vec::new();
        let mut starting = Box::new([0; 256]);
        let (mut nullable, mut starts_at_boundary) = (0, 0);
        for (i, source) in sources.iter().enumerate() {
            let phrase = 1 << i;
            let root = Parser::new(source, words).alternation(0);
            let mut first = ByteSet::default();
            if root.first_bytes(&mut first) {
                nullable |= phrase;
                first = ByteSet::everything();
            }
            first.for_each(|byte| starting[usize::from(byte)] |= phrase);
            let mut every_branch_at_boundary = true;
            for branch in &root.branches {
                let place = match branch.first() {
                    Some(Node::WordBoundary) => Place::BOUNDARY,
                    Some(Node::TextStart) => Place::START,
                    _ => Place::ANYWHERE,
                };
                every_branch_at_boundary &= place == Place::BOUNDARY;
                let mut heads = Vec::new();
                extend_heads(branch, &Then::Done, Head::start(), &mut heads);
                for head in heads {
                    head.file(phrase, place, &mut filed);
                }
            }
            if every_branch_at_boundary {
                starts_at_boundary |= phrase;
            }
            roots.push(root);
        }
        let (mut leading, mut loose) = (ByteSet::default(), ByteSet::default());
        for &(key, opening) in filed.iter().filter(|(key, _)| *key != Openings::END) {
            leading.insert((key >> 5) as u8);
            if opening.place == Place::ANYWHERE {
                loose.insert((key >> 5) as u8);
            }
        }
        PhraseSet {
            roots,
            words,
            openings: Openings::new(filed),
            leading,
            loose,
            starting,
            nullable,
            starts_at_boundary,
        }
    }

    /// Bit `i` is set when phrase `i` matches somewhere in `text`.
    pub fn matches(&self, text: &str) -> u64 {
        let search = Search::new(text, self.words);
        let bytes = search.bytes();
        let everything = u64::MAX >> (64 - self.roots.len().max(1));
        let mut found = 0;
        let mut word_before = false;
        for pos in 0..=bytes.len() {
            let rest = &bytes[pos..];
            let boundary = match self.words {
                Words::Narrow => {
                    let word = rest.first().is_some_and(|&b| is_ascii_word_byte(b));
                    let boundary = word != word_before;
                    word_before = word;
                    boundary
                }
                Words::Unicode => search.is_boundary(pos),
            };
            let inside_word = !boundary && pos > 0;
            let hopeless = |&byte: &u8| {
                !self.leading.contains(byte) || (inside_word && !self.loose.contains(byte))
            };
            if !search.folds && rest.first().is_some_and(hopeless) {
                continue;
            }
            let mut trying = if search.folds {
                match rest.first() {
                    Some(&byte) => self.starting[usize::from(byte)],
                    None => self.nullable,
                }
            } else {
                let place = Place::ANYWHERE
                    | if boundary { Place::BOUNDARY } else { Place(0) }
                    | if pos == 0 { Place::START } else { Place(0) };
                self.openings.phrases(rest, place)
            } & everything
                & !found;
            while trying != 0 {
                let i = trying.trailing_zeros() as usize;
                trying &= trying - 1;
                let known_boundary = boundary && self.starts_at_boundary & 1 << i != 0;
                if search.phrase(&self.roots[i], known_boundary, pos) {
                    found |= 1 << i;
                    if found == everything {
                        return found;
                    }
                }
            }
        }
        found
    }
}

/// Where a branch may start: bits for anywhere, at a word boundary, at the start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Place(u8);

impl Place {
    const ANYWHERE: Place = Place(1);
    const BOUNDARY: Place = Place(2);
    const START: Place = Place(4);
}

impl std::ops::BitOr for Place {
    type Output = Place;

    fn bitor(self, other: Place) -> Place {
        Place(self.0 | other.0)
    }
}

/// Up to eight bytes (packed little-endian, `mask` covering them) that a match starts with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Opening {
    head: u64,
    mask: u64,
    place: Place,
    phrases: u64,
}

/// Openings filed by the first two bytes they need (the second folded to 32 values); one
/// that fixes fewer bytes is filed under every key it may meet.
#[derive(Debug)]
struct Openings(Filed<Opening>);

impl Openings {
    /// The key for the end of the text.
    const END: usize = 256 * 32;

    fn key(first: u8, second: u8) -> usize {
        usize::from(first) << 5 | usize::from(second & 31)
    }

    fn key_at(rest: &[u8]) -> usize {
        match rest {
            [] => Openings::END,
            [first] => Openings::key(*first, 0),
            [first, second, ..] => Openings::key(*first, *second),
        }
    }

    fn new(mut filed: Vec<(usize, Opening)>) -> Openings {
        // One opening per key, head, mask and place, for all the phrases that share it.
        filed.sort_unstable();
        let mut merged: Vec<(usize, Opening)> = Vec::with_capacity(filed.len());
        for (key, opening) in filed {
            match merged.last_mut() {
                Some((k, o))
                    if *k == key
                        && (o.head, o.mask, o.place)
                            == (opening.head, opening.mask, opening.place) =>
                {
                    o.phrases |= opening.phrases;
                }
                _ => merged.push((key, opening)),
            }
        }
        Openings(Filed::new(Openings::END + 1, &merged))
    }

    /// The phrases with an opening at the start of `rest`, in one of the `places`.
    fn phrases(&self, rest: &[u8], places: Place) -> u64 {
        let eight = next_eight(rest);
        self.0
            .get(Openings::key_at(rest))
            .iter()
            .filter(|opening| {
                eight & opening.mask == opening.head && opening.place.0 & places.0 != 0
            })
            .fold(0, |phrases, opening| phrases | opening.phrases)
    }
}

/// Items filed under small numbers, each number's items side by side.
#[derive(Debug)]
struct Filed<T> {
    /// `items[starts[k]..starts[k + 1]]` are filed under `k`.
    starts: Box<[u32]>,
    items: Box<[T]>,
}

impl<T: Copy + Default> Filed<T> {
    /// Files each `(key, item)`, keys below `keys`, keeping their order within a key.
    fn new(keys: usize, filed: &[(usize, T)]) -> Filed<T> {
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

    fn get(&self, key: usize) -> &[T] {
        &self.items[self.starts[key] as usize..self.starts[key + 1] as usize]
    }
}

/// Bytes every match of a branch starts with, as far as they can be told from the pattern.
#[derive(Debug, Clone, Default)]
struct Head {
    bytes: [u8; Head::MAX],
    len: usize,
    /// Nothing more can be added: what follows varies.
    closed: bool,
    /// When no byte is known: the bytes the match may start with, if known.
    lead: Option<ByteSet>,
    /// The branch may match nothing here, so it may be at the end of the text.
    empty: bool,
}

impl Head {
    const MAX: usize = 8;

    /// Before the first node of a branch.
    fn start() -> Head {
        Head {
            empty: true,
            ..Head::default()
        }
    }

    fn push(mut self, literal: &[u8]) -> Head {
        let taken = literal.len().min(Head::MAX - self.len);
        self.bytes[self.len..self.len + taken].copy_from_slice(&literal[..taken]);
        self.len += taken;
        self.closed |= self.len == Head::MAX;
        self.empty = false;
        self
    }

    /// Ends the head before a class (whose first bytes are `lead`) or something unknown.
    fn close(mut self, lead: Option<ByteSet>) -> Head {
        if !self.closed && self.len == 0 {
            self.lead = lead;
            self.empty = false;
        }
        self.closed = true;
        self
    }

    /// Files the head under every key it may meet.
    fn file(&self, phrase: u64, place: Place, filed: &mut Vec<(usize, Opening)>) {
        let bytes = &self.bytes[..self.len];
        let (head, mask) = bytes
            .iter()
            .enumerate()
            .fold((0, 0), |(head, mask), (i, &byte)| {
                (head | u64::from(byte) << (8 * i), mask | 0xFF << (8 * i))
            });
        let opening = Opening {
            head,
            mask,
            place,
            phrases: phrase,
        };
        let mut file_first = |first: u8| {
            for second in 0..32 {
                filed.push((Openings::key(first, second), opening));
            }
        };
        match bytes {
            [first, second, ..] => filed.push((Openings::key(*first, *second), opening)),
            [first] => file_first(*first),
            [] => {
                self.lead
                    .unwrap_or_else(ByteSet::everything)
                    .for_each(file_first);
                if self.empty || self.lead.is_none() {
                    filed.push((Openings::END, opening));
                }
            }
        }
    }
}

/// What follows the nodes being read for heads: the rest of an enclosing sequence, or the end
/// of what is known (after a repeat that may go round again).
enum Then<'p, 'n> {
    Done,
    Close(ByteSet),
    Sequence(&'p [Node], &'n Then<'p, 'n>),
}

/// The heads of a branch: `head` followed by what `nodes` (then `then`) match first, added to
/// `out`. Past a few hundred, heads are closed where they stand: shorter, but still true.
fn extend_heads(nodes: &[Node], then: &Then<'_, '_>, head: Head, out: &mut Vec<Head>) {
    const MOST: usize = 512;
    if head.closed || out.len() > MOST {
        out.push(head.close(None));
        return;
    }
    let Some((node, rest)) = nodes.split_first() else {
        match then {
            Then::Done => out.push(head),
            Then::Close(lead) => out.push(head.close(Some(*lead))),
            Then::Sequence(nodes, then) => extend_heads(nodes, then, head, out),
        }
        return;
    };
    match node {
        Node::Literal(literal) => extend_heads(rest, then, head.push(literal), out),
        Node::WordBoundary | Node::TextStart | Node::TextEnd => extend_heads(rest, then, head, out),
        Node::Class(class) => out.push(head.close(Some(class.first_bytes()))),
        Node::Group(alternation) => {
            let after = Then::Sequence(rest, then);
            for branch in &alternation.branches {
                extend_heads(branch, &after, head.clone(), out);
            }
        }
        Node::Repeat { node, min, max } => {
            let once = std::slice::from_ref(&**node);
            if *max == 1 {
                extend_heads(once, &Then::Sequence(rest, then), head.clone(), out);
            } else {
                // After one round, more may follow: nothing further is known.
                let mut lead = ByteSet::default();
                sequence_first_bytes(once, &mut lead);
                extend_heads(once, &Then::Close(lead), head.clone(), out);
            }
            if *min == 0 {
                extend_heads(rest, then, head, out);
            }
        }
    }
}

/// A set of bytes, one bit each.
#[derive(Debug, Default, Clone, Copy)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn insert(&mut self, byte: u8) {
        self.0[usize::from(byte >> 6)] |= 1 << (byte & 63);
    }

    fn for_each(&self, mut f: impl FnMut(u8)) {
        for (word, &bits) in self.0.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                f((word * 64) as u8 + bits.trailing_zeros() as u8);
                bits &= bits - 1;
            }
        }
    }

    fn len(&self) -> usize {
        self.0.iter().map(|bits| bits.count_ones() as usize).sum()
    }

    fn contains(&self, byte: u8) -> bool {
        self.0[usize::from(byte >> 6)] & (1 << (byte & 63)) != 0
    }

    fn union(&mut self, other: &ByteSet) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine |= theirs;
        }
    }

    fn everything() -> ByteSet {
        ByteSet([u64::MAX; 4])
    }
}

/// A word character to `\b` in narrow patterns.
fn is_ascii_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

impl Node {
    fn is_assertion(&self) -> bool {
        matches!(self, Node::WordBoundary | Node::TextStart | Node::TextEnd)
    }
}

#[derive(Debug)]
enum Node {
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
enum Class {
    Word,
    Digit,
    Space,
    /// Bracketed: inclusive ranges, with the case variants of ASCII letters added.
    Set(Box<[(char, char)]>),
}

impl Class {
    fn contains(&self, c: char, words: Words) -> bool {
        match self {
            Class::Word => is_word_char(c, words),
            Class::Digit => c.is_ascii_digit(),
            // `char::is_whitespace` is Unicode White_Space, as `\s` is.
            Class::Space => c.is_whitespace(),
            Class::Set(ranges) => ranges.iter().any(|&(low, high)| (low..=high).contains(&c)),
        }
    }

    /// The bytes (of the lower-cased text) a character of the class may start with.
    fn first_bytes(&self) -> ByteSet {
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
struct Alternation {
    branches: Vec<Vec<Node>>,
    /// The bytes a match may start with, and whether a branch may match nothing.
    first: ByteSet,
    nullable: bool,
    /// The branches to try before each byte; 256 is the end of the text.
    by_byte: Filed<Entry>,
}

/// A branch as listed under a byte.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// Up to eight bytes every match of the branch starts with (its literal after any `\b` or
    /// `^`), packed little-endian, with `mask` covering them: most branches are turned away
    /// by one comparison with the text's next eight bytes.
    head: u64,
    mask: u64,
    branch: u16,
}

impl Entry {
    fn new(branch: u16, nodes: &[Node]) -> Entry {
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
fn next_eight(rest: &[u8]) -> u64 {
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
    fn new(branches: Vec<Vec<Node>>) -> Alternation {
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
    fn first_bytes(&self, set: &mut ByteSet) -> bool {
        set.union(&self.first);
        self.nullable
    }

    fn candidates(&self, next_byte: Option<u8>) -> &[Entry] {
        self.by_byte.get(next_byte.map_or(256, usize::from))
    }
}

/// Adds the bytes a match of `nodes` may start with; true when it can match nothing.
fn sequence_first_bytes(nodes: &[Node], set: &mut ByteSet) -> bool {
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

/// The one character outside ASCII that folds to an ASCII letter: `ſ` to `s`, `K` to `k`.
fn non_ascii_fold(lower: u8) -> Option<&'static str> {
    match lower {
        b's' => Some("\u{17F}"),
        b'k' => Some("\u{212A}"),
        _ => None,
    }
}

/// `\w` in narrowed patterns: the ASCII word characters and Latin letters of
/// `narrow_classes`, and the letters that fold to them under `(?i)`.
fn is_narrow_word_char(c: char) -> bool {
    matches!(c,
        '0'..='9' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{24F}' | '\u{253}'..='\u{254}' | '\u{256}'..='\u{257}' | '\u{259}'
        | '\u{25B}' | '\u{260}' | '\u{263}' | '\u{268}'..='\u{269}' | '\u{26F}' | '\u{272}'
        | '\u{275}' | '\u{280}' | '\u{283}' | '\u{288}'..='\u{28C}' | '\u{292}' | '\u{1E9E}'
        | '\u{212A}'..='\u{212B}' | '\u{2C65}'..='\u{2C66}' | '\u{2C7E}'..='\u{2C7F}'
        | '\u{A7DC}')
}

/// Unicode `\w`. ASCII, Latin letters, and the punctuation and symbols answers are full of
/// (dashes, quotes, arrows, emoji) are decided here; the rest by the regex crate's own class,
/// built on first need only (the tables of `char` may follow a newer Unicode than it does).
fn is_unicode_word_char(c: char) -> bool {
    static WORD: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"^\w$").expect("word class"));
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let within = |ranges: &[std::ops::RangeInclusive<char>]| ranges.iter().any(|r| r.contains(&c));
    if within(LATIN_LETTERS) {
        return true;
    }
    !within(NOT_WORDS) && WORD.is_match(c.encode_utf8(&mut [0; 4]))
}

/// The letters of Latin-1 and Latin Extended-A and -B.
const LATIN_LETTERS: &[std::ops::RangeInclusive<char>] = &[
    '\u{C0}'..='\u{D6}',
    '\u{D8}'..='\u{F6}',
    '\u{F8}'..='\u{24F}',
];

/// Punctuation and symbols, none of them word characters.
const NOT_WORDS: &[std::ops::RangeInclusive<char>] = &[
    '\u{A0}'..='\u{A9}',
    '\u{AB}'..='\u{B4}',
    '\u{B6}'..='\u{B9}',
    '\u{BB}'..='\u{BF}',
    '\u{D7}'..='\u{D7}',
    '\u{F7}'..='\u{F7}',
    '\u{2000}'..='\u{200B}',
    '\u{200E}'..='\u{203E}',
    '\u{2041}'..='\u{2053}',
    '\u{2055}'..='\u{205F}',
    '\u{2190}'..='\u{23FF}',
    '\u{2500}'..='\u{2775}',
    '\u{2794}'..='\u{27BF}',
    '\u{3000}'..='\u{3004}',
    '\u{1F000}'..='\u{1F12F}',
    '\u{1F18A}'..='\u{1FAFF}',
];

fn is_word_char(c: char, words: Words) -> bool {
    match words {
        Words::Narrow => is_narrow_word_char(c),
        Words::Unicode => is_unicode_word_char(c),
    }
}

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
struct Search<'t> {
    text: Cow<'t, str>,
    words: Words,
    /// The text holds `ſ` or `K`, which literals must also accept.
    folds: bool,
}

impl Search<'_> {
    fn new(text: &str, words: Words) -> Search<'_> {
        let text = if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
        let folds = !text.is_ascii() && (text.contains('\u{17F}') || text.contains('\u{212A}'));
        Search { text, words, folds }
    }

    fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// Whether the pattern `root` matches at `pos`. When `at_boundary`, every branch starts
    /// with `\b` and a word boundary is known to be there.
    fn phrase(&self, root: &Alternation, at_boundary: bool, pos: usize) -> bool {
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

    fn is_boundary(&self, pos: usize) -> bool {
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

/// Reads a pattern into nodes.
struct Parser<'s> {
    chars: Vec<char>,
    at: usize,
    source: &'s str,
    words: Words,
}

impl Parser<'_> {
    fn new(source: &str, words: Words) -> Parser<'_> {
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

    fn alternation(&mut self, depth: usize) -> Alternation {
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
        let c = self
            .peek()
            .filter(|c| c.is_ascii() && !"()[]{}|?*+.^$\\".contains(*c))?;
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

/// Checking phrase patterns against the regexes they stand for.
#[cfg(test)]
pub(super) mod testing {
    use proptest::prelude::*;

    /// Every line and sentence of the test corpus and the samples.
    pub fn corpus_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("tests/corpus"), root.join("samples")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).expect("corpus dir") {
                let path = entry.expect("corpus entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    files.push(std::fs::read_to_string(path).expect("corpus file"));
                }
            }
        }
        let mut texts = Vec::new();
        for file in files {
            texts.extend(file.lines().map(str::to_string));
            texts.extend(
                super::super::parse(&file)
                    .sentences
                    .into_iter()
                    .map(|s| s.text),
            );
        }
        texts
    }

    /// Text made of the words of `patterns`, digits, punctuation and the characters that
    /// test case folding and word boundaries beyond ASCII.
    pub fn texts_from(patterns: &[&str]) -> impl Strategy<Value = String> + use<> {
        let mut pieces: Vec<String> = patterns
            .iter()
            .flat_map(|p| {
                let words = [r"\b", r"\w", r"\d", r"\s"]
                    .iter()
                    .fold(p.to_string(), |p, escape| p.replace(escape, " "));
                words
                    .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        pieces.sort();
        pieces.dedup();
        for extra in [
            " ", " ", " ", "  ", ", ", ". ", ";", "-", "'", "’", "\n", "é", "ſ", "\u{212A}",
            "\u{301}", "—", "📍", "\u{A0}", "40", "3.5", "%", "$", "~", "x", "k", "ms", "ed", "I",
            "THE",
        ] {
            pieces.push(extra.to_string());
        }
        proptest::collection::vec(proptest::sample::select(pieces), 0..14)
            .prop_map(|parts| parts.concat())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_match(pattern: &str, words: Words, text: &str) -> bool {
        PhraseSet::new(&[pattern], words).matches(text) != 0
    }

    /// `pattern` matches `text` here exactly when the regex crate says it does.
    fn agrees(pattern: &str, words: Words, text: &str) -> bool {
        let regex = match words {
            Words::Narrow => crate::signals::text::pattern(pattern),
            Words::Unicode => regex::Regex::new(&format!("(?i){pattern}")).unwrap(),
        };
        is_match(pattern, words, text) == regex.is_match(text)
    }

    #[test]
    fn matches_like_the_regex_crate() {
        let cases: &[(&str, &[&str])] = &[
            (
                r"\b(used to|back (then|in)|kept (failing|paging))\b",
                &[
                    "We used to",
                    "Back thenX",
                    "back in",
                    "kept  failing",
                    "KEPT PAGING.",
                ],
            ),
            (
                r"^(so,? |well,? )?(when i (first )?(joined|took over)|i('m| am) an? )",
                &[
                    "So, when I first joined",
                    "well when i took over",
                    "I'm an SRE",
                    "x I am a",
                ],
            ),
            (
                r"\b(after|^within) (about )?(a|two|\d+|the (first|next)) (\w+ )?(days?|weeks?)",
                &[
                    "within 3 days",
                    "After the next two weeks",
                    "after a few week",
                    "x within a day",
                ],
            ),
            (
                r"\bsince\s*([,.;]|$)",
                &[
                    "ever since.",
                    "since",
                    "since then",
                    "ſince ,",
                    "uſed since  ;",
                ],
            ),
            (
                r"\d+(\.\d+)?\s?(%|ms|x\b|percent|k\b|\$)",
                &[
                    "40%",
                    "3.5 ms",
                    "2xs",
                    "2x faster",
                    "10K users",
                    "5 $",
                    "5  %",
                ],
            ),
            (
                r"\bi was the (\w+ ){0,2}(lead|owner|point person)\b",
                &[
                    "I was the lead",
                    "i was the tech lead",
                    "I was the new tech lead",
                    "I was the a b c lead",
                ],
            ),
            (
                r"\b(trade-?offs?|on-?call)\b",
                &["tradeoff", "trade-offs", "on call", "On-Call"],
            ),
            (
                r"\bki\b|\bsk\b",
                &["\u{212A}i", "s\u{212A}", "KI", "\u{17F}k"],
            ),
            (
                r"\bi('d| would) have (\w+ed|done)\b",
                &["I'd have tried", "i would have zoned", "I'd have éed"],
            ),
        ];
        for (pattern, texts) in cases {
            for text in *texts {
                for words in [Words::Narrow, Words::Unicode] {
                    if words == Words::Unicode && pattern.contains(r"\d") {
                        continue;
                    }
                    assert!(
                        agrees(pattern, words, text),
                        "{pattern:?} on {text:?} ({words:?})"
                    );
                }
            }
        }
    }

    #[test]
    fn unicode_words_see_letters_beyond_ascii() {
        let impact = r"\bimpact\b";
        assert!(is_match(impact, Words::Narrow, "Impacté"));
        assert!(!is_match(impact, Words::Unicode, "Impacté"));
        assert!(is_match(impact, Words::Unicode, "Impact — résumé"));
        assert!(agrees(r"\blearn\w*\b", Words::Unicode, "Learnings\u{301}"));
    }

    #[test]
    fn narrow_word_class_is_the_folded_regex_class() {
        let regex = crate::signals::text::pattern(r"^\w$");
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_narrow_word_char(c),
                regex.is_match(c.encode_utf8(&mut buf)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn unicode_word_and_space_classes_are_the_regex_classes() {
        let word = regex::Regex::new(r"^\w$").unwrap();
        let space = regex::Regex::new(r"^\s$").unwrap();
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = c.encode_utf8(&mut buf);
            assert_eq!(is_unicode_word_char(c), word.is_match(text), "{c:?}");
            assert_eq!(
                Class::Space.contains(c, Words::Unicode),
                space.is_match(text),
                "{c:?}"
            );
        }
    }

    #[test]
    #[should_panic(expected = "metacharacter")]
    fn unsupported_syntax_is_refused() {
        PhraseSet::new(&["a.b"], Words::Narrow);
    }
}
