//! One key for every form of an English word: "add", "added" and "adding" read "ad"; "built"
//! and "build" read "build". Rules that name a word once (rubric `terms:`) compare these keys.
//!
//! Why not the stem alone: the English stemmer undoubles a consonant only after it strips an
//! ending ("added" is "ad", "add" stays "add"), and it cannot know that "ran" is "run". The key
//! is the stem of the word's base form with a final doubled consonant undone.

use super::roles::stem;

/// Past tenses and participles whose base form no suffix rule finds.
const IRREGULAR: &[(&str, &str)] = &[
    ("am", "be"),
    ("are", "be"),
    ("been", "be"),
    ("began", "begin"),
    ("begun", "begin"),
    ("bent", "bend"),
    ("bought", "buy"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("came", "come"),
    ("caught", "catch"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("dealt", "deal"),
    ("did", "do"),
    ("done", "do"),
    ("drawn", "draw"),
    ("drew", "draw"),
    ("driven", "drive"),
    ("drove", "drive"),
    ("dug", "dig"),
    ("fallen", "fall"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("fought", "fight"),
    ("found", "find"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("gave", "give"),
    ("given", "give"),
    ("gone", "go"),
    ("got", "get"),
    ("gotten", "get"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("had", "have"),
    ("has", "have"),
    ("heard", "hear"),
    ("held", "hold"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("is", "be"),
    ("kept", "keep"),
    ("knew", "know"),
    ("known", "know"),
    ("laid", "lay"),
    ("led", "lead"),
    ("left", "leave"),
    ("lost", "lose"),
    ("made", "make"),
    ("meant", "mean"),
    ("met", "meet"),
    ("oversaw", "oversee"),
    ("paid", "pay"),
    ("ran", "run"),
    ("rebuilt", "rebuild"),
    ("rewritten", "rewrite"),
    ("rewrote", "rewrite"),
    ("risen", "rise"),
    ("rose", "rise"),
    ("said", "say"),
    ("sat", "sit"),
    ("saw", "see"),
    ("seen", "see"),
    ("sent", "send"),
    ("shook", "shake"),
    ("shot", "shoot"),
    ("slept", "sleep"),
    ("sold", "sell"),
    ("sought", "seek"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("spun", "spin"),
    ("stood", "stand"),
    ("stuck", "stick"),
    ("swept", "sweep"),
    ("taken", "take"),
    ("taught", "teach"),
    ("thought", "think"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("told", "tell"),
    ("took", "take"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("understood", "understand"),
    ("undertook", "undertake"),
    ("was", "be"),
    ("went", "go"),
    ("were", "be"),
    ("woke", "wake"),
    ("woken", "wake"),
    ("won", "win"),
    ("wound", "wind"),
    ("written", "write"),
    ("wrote", "write"),
];

/// The comparison key of a lower-case word: its base form's stem, a final double consonant
/// made single ("add" and "added" both "ad"; "ran" and "runs" both "run").
pub fn key(lower: &str) -> String {
    let base = IRREGULAR
        .binary_search_by(|(form, _)| form.cmp(&lower))
        .map_or(lower, |i| IRREGULAR[i].1);
    let mut key = stem(base).into_owned();
    let bytes = key.as_bytes();
    if let [.., a, b] = bytes
        && a == b
        && matches!(
            a,
            b'b' | b'd' | b'f' | b'g' | b'm' | b'n' | b'p' | b'r' | b't'
        )
    {
        key.pop();
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn every_form_of_a_verb_has_one_key() {
        for forms in [
            ["add", "added", "adding", "adds"],
            ["build", "built", "building", "builds"],
            ["run", "ran", "running", "runs"],
            ["stop", "stopped", "stopping", "stops"],
            ["alert", "alerts", "alerted", "alerting"],
        ] {
            let keys: Vec<String> = forms.iter().map(|w| key(w)).collect();
            assert!(keys.iter().all(|k| *k == keys[0]), "{forms:?}: {keys:?}");
        }
        assert_ne!(key("run"), key("rung"));
    }
}
