//! Past-tense verbs that tell a step taken ("rewrote", "migrated"). The section cues and the
//! ownership detector both ask whether a word is one; each adds the words its own context
//! rules out (a feeling in a narrative, an adjective opening a bullet).

/// Irregular past tenses a speaker uses for what they did ("-ed" forms are found by rule).
const IRREGULAR: &[&str] = &[
    "wrote",
    "rewrote",
    "built",
    "rebuilt",
    "ran",
    "set",
    "led",
    "made",
    "took",
    "undertook",
    "drove",
    "began",
    "sat",
    "stood",
    "held",
    "went",
    "did",
    "undid",
    "gave",
    "kept",
    "found",
    "dug",
    "split",
    "broke",
    "brought",
    "chose",
    "put",
    "got",
    "spoke",
    "met",
    "sent",
    "read",
    "drew",
    "threw",
    "spent",
    "cut",
    "sought",
    "fought",
    "taught",
    "bought",
    "sold",
    "froze",
    "shut",
    "spun",
    "told",
    "wound",
    "tore",
    "hid",
    "paid",
    "let",
    "laid",
    "won",
    "oversaw",
    "swept",
];

/// Words of five letters or more in "-ed" that are no past tense at all (shorter ones never
/// pass the rule).
const NOT_PAST: &[&str] = &[
    "speed", "hundred", "indeed", "embed", "exceed", "proceed", "succeed",
];

/// Whether `word` (lower case, no punctuation) is a past tense that can tell a step taken.
pub fn is_past_deed(word: &str) -> bool {
    if IRREGULAR.contains(&word) {
        return true;
    }
    word.len() > 4 && word.ends_with("ed") && !NOT_PAST.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::is_past_deed;

    #[test]
    fn past_tenses_regular_and_irregular() {
        for word in ["migrated", "rolled", "wrote", "oversaw", "spent"] {
            assert!(is_past_deed(word), "{word}");
        }
        for word in ["need", "hundred", "write", "red", "bed", "speed"] {
            assert!(!is_past_deed(word), "{word}");
        }
    }
}
