//! Case-insensitive matching for ASCII letters only.
//!
//! The regex crate's `(?i)` applies Unicode's case folding: every `k` also matches the Kelvin
//! sign, every `s` the long s, and every class of Latin letters gains a dozen far-off code
//! points. Each of those is a multi-byte branch in every automaton, which made the detector
//! patterns slower to build and to run, for characters no answer contains. Letters beyond
//! ASCII in a pattern's classes are listed in both cases already (see `narrow_classes`).

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Repetition,
};

/// `hir`, matching each ASCII letter in either case.
pub fn ascii_case_insensitive(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0) {
            Ok(text) => Hir::concat(text.chars().map(either_case).collect()),
            // Only a byte-mode escape such as `(?-u:\xFF)` makes one; it has no case.
            Err(_) => hir.clone(),
        },
        HirKind::Class(Class::Unicode(class)) => {
            let mut folded = class.clone();
            let other_case = class.ranges().iter().flat_map(|range| {
                other_case_ranges(u32::from(range.start()), u32::from(range.end()))
                    .map(|(start, end)| ClassUnicodeRange::new(ascii_char(start), ascii_char(end)))
            });
            folded.union(&ClassUnicode::new(other_case));
            // `(?i)` folds a negated class before negating it; here the negation is already
            // done, so `[^a-z]` would come out as everything. Patterns are constants: insist.
            assert!(
                folded == *class || !is_negated(class),
                "write both cases in a negated class: {class:?}"
            );
            match ascii_with_any_byte_above(&folded) {
                Some(bytes) => Hir::class(Class::Bytes(bytes)),
                None => Hir::class(Class::Unicode(folded)),
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut folded = class.clone();
            let other_case = class.ranges().iter().flat_map(|range| {
                other_case_ranges(u32::from(range.start()), u32::from(range.end()))
                    .map(|(start, end)| ClassBytesRange::new(start as u8, end as u8))
            });
            folded.union(&ClassBytes::new(other_case));
            Hir::class(Class::Bytes(folded))
        }
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(ascii_case_insensitive(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(ascii_case_insensitive(&capture.sub)),
            ..capture.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii_case_insensitive).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(ascii_case_insensitive).collect())
        }
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
    }
}

/// A negated class such as `[^.;]` as a byte class, when it admits every character beyond
/// ASCII: its ASCII part stays as written and any byte of a multi-byte character matches.
///
/// Each copy of a Unicode negated class is a small UTF-8 automaton of its own, and the gaps
/// of detector patterns repeat one up to 80 times; as a byte range it is one state. A gap then
/// counts the bytes of a non-ASCII character rather than the character, which only narrows a
/// gap already full of accented or CJK text. `None` for any other class.
fn ascii_with_any_byte_above(class: &ClassUnicode) -> Option<ClassBytes> {
    let last = class.ranges().last()?;
    if u32::from(last.start()) > 0x80 || last.end() != char::MAX {
        return None;
    }
    let ascii = class
        .ranges()
        .iter()
        .filter(|range| range.start().is_ascii())
        .map(|range| {
            let end = u32::from(range.end()).min(0x7F);
            ClassBytesRange::new(range.start() as u8, end as u8)
        });
    let mut bytes = ClassBytes::new(ascii);
    bytes.push(ClassBytesRange::new(0x80, 0xFF));
    Some(bytes)
}

/// A class covering most of Unicode can only have come from a negation.
fn is_negated(class: &ClassUnicode) -> bool {
    let size: u32 = class
        .ranges()
        .iter()
        .map(|range| u32::from(range.end()) - u32::from(range.start()) + 1)
        .sum();
    size > u32::from(char::MAX) / 2
}

/// The ASCII letters of `start..=end`, in the other case, as ranges.
fn other_case_ranges(start: u32, end: u32) -> impl Iterator<Item = (u32, u32)> {
    [
        (u32::from(b'a'), u32::from(b'z')),
        (u32::from(b'A'), u32::from(b'Z')),
    ]
    .into_iter()
    .filter_map(move |(low, high)| {
        let (from, to) = (start.max(low), end.min(high));
        (from <= to).then_some((from ^ 0x20, to ^ 0x20))
    })
}

fn ascii_char(code: u32) -> char {
    char::from_u32(code).expect("an ASCII letter")
}

fn either_case(c: char) -> Hir {
    if c.is_ascii_alphabetic() {
        let (lower, upper) = (c.to_ascii_lowercase(), c.to_ascii_uppercase());
        Hir::class(Class::Unicode(ClassUnicode::new([
            ClassUnicodeRange::new(upper, upper),
            ClassUnicodeRange::new(lower, lower),
        ])))
    } else {
        Hir::literal(c.to_string().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::super::pattern;

    #[test]
    fn negated_classes_that_name_both_cases_are_fine() {
        let p = pattern(r"[^a-zA-Z]x");
        assert!(p.is_match("1x") && !p.is_match("ax") && !p.is_match("Ax"));
    }

    #[test]
    fn a_negated_class_that_names_a_character_beyond_ascii_still_refuses_it() {
        let p = pattern(r"a[^.’]b");
        assert!(p.is_match("aéb") && p.is_match("a-b"));
        assert!(!p.is_match("a’b") && !p.is_match("a.b"));
    }

    #[test]
    #[should_panic(expected = "write both cases in a negated class")]
    fn a_negated_class_naming_one_case_is_refused() {
        pattern(r"[^a-z]x");
    }
}
