//! Answers about single words, remembered per thread. Words repeat across a bank (a few tens
//! of thousands of distinct ones in 10,000 answers), so a verdict that costs a pattern run or
//! a stemmer pass is worked out once per word and thread, not once per occurrence.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

/// Distinct words remembered per thread before the memory is cleared.
const WORDS_REMEMBERED: usize = 1 << 16;

/// One thread's memory of answers about words. Looked up once per word of every sentence: a
/// fast hash, not a DoS-proof one.
pub type Memo<T> = RefCell<HashMap<Box<str>, T, foldhash::fast::RandomState>>;

/// `compute(word)`, remembered in `memo` for the next time this thread asks.
pub fn remembered<T: Clone + 'static>(
    memo: &'static LocalKey<Memo<T>>,
    word: &str,
    compute: impl FnOnce(&str) -> T,
) -> T {
    memo.with(|known| {
        if let Some(answer) = known.borrow().get(word) {
            return answer.clone();
        }
        let answer = compute(word);
        let mut known = known.borrow_mut();
        if known.len() >= WORDS_REMEMBERED {
            known.clear();
        }
        known.insert(word.into(), answer.clone());
        answer
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static LENGTHS: Memo<usize> = Memo::default();
        static CALLS: Cell<usize> = const { Cell::new(0) };
    }

    fn length(word: &str) -> usize {
        remembered(&LENGTHS, word, |w| {
            CALLS.with(|c| c.set(c.get() + 1));
            w.len()
        })
    }

    #[test]
    fn each_word_is_worked_out_once() {
        assert_eq!(length("canary"), 6);
        assert_eq!(length("canary"), 6);
        assert_eq!(length("rollback"), 8);
        assert_eq!(CALLS.with(Cell::get), 2);
    }
}
