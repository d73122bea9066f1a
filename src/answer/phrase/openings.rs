//! What a match must start with, read from the pattern: a position is tried for a phrase only
//! where the text starts that way.

use super::pattern::{ByteSet, Filed, Node, next_eight, sequence_first_bytes};

/// Where a branch may start: bits for anywhere, at a word boundary, at the start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Place(u8);

impl Place {
    pub(super) const ANYWHERE: Place = Place(1);
    pub(super) const BOUNDARY: Place = Place(2);
    pub(super) const START: Place = Place(4);

    /// The places a position is: anywhere, and maybe at a word boundary or the start.
    pub(super) fn of(boundary: bool, start: bool) -> Place {
        let mut places = Place::ANYWHERE.0;
        if boundary {
            places |= Place::BOUNDARY.0;
        }
        if start {
            places |= Place::START.0;
        }
        Place(places)
    }
}

/// Up to eight bytes (packed little-endian, `mask` covering them) that a match starts with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Opening {
    head: u64,
    mask: u64,
    pub(super) place: Place,
    phrases: u64,
}

/// Openings filed by the first two bytes they need (the second folded to 32 values); one
/// that fixes fewer bytes is filed under every key it may meet.
#[derive(Debug)]
pub(super) struct Openings(Filed<Opening>);

impl Openings {
    /// The key for the end of the text.
    pub(super) const END: usize = 256 * 32;

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

    pub(super) fn new(mut filed: Vec<(usize, Opening)>) -> Openings {
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
    pub(super) fn phrases(&self, rest: &[u8], places: Place) -> u64 {
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

/// Bytes every match of a branch starts with, as far as they can be told from the pattern.
#[derive(Debug, Clone, Default)]
pub(super) struct Head {
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
    pub(super) fn start() -> Head {
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
    pub(super) fn file(&self, phrase: u64, place: Place, filed: &mut Vec<(usize, Opening)>) {
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
pub(super) enum Then<'p, 'n> {
    Done,
    Close(ByteSet),
    Sequence(&'p [Node], &'n Then<'p, 'n>),
}

/// The heads of a branch: `head` followed by what `nodes` (then `then`) match first, added to
/// `out`. Past a few hundred, heads are closed where they stand: shorter, but still true.
pub(super) fn extend_heads(nodes: &[Node], then: &Then<'_, '_>, head: Head, out: &mut Vec<Head>) {
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
