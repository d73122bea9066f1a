//! Numbers written as words: "three", "twenty-five", "a hundred and forty", "a dozen".
//!
//! The detectors that only ask whether a sentence holds a figure know a short list of words
//! ([`super::find`]); the figures reading ([`super::find_spelled`]) knows them all, since "a
//! hundred and forty percent uptime" is as impossible written out as in digits.

/// Every number word up to the hundreds, as a regex fragment for the quantity pattern (verbose
/// mode, so spaces are written `\s`). Thousands and above are magnitudes the quantity pattern
/// reads after the number ("ten billion").
pub const SPELLED_OUT: &str = concat!(
    r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine)\s+hundred",
    r"(?:\s+(?:and\s+)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine))?",
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine)\b|\s(?:one|two|three|four|five|six|seven|eight|nine)\b)?",
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen",
    r"|zero|one|two|three|four|five|six|seven|eight|nine|hundred|a\s+dozen|dozen)"
);

/// Whether `text` holds a number in words that [`super::find`]'s short list does not read:
/// "seventy", "twenty-five", "one hundred", "a hundred and forty".
pub fn beyond_the_short_list(text: &str) -> bool {
    const ONLY_HERE: [&str; 10] = [
        "zero",
        "thirteen",
        "fourteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "seventy",
        "eighty",
        "ninety",
    ];
    let is = |word: &str, list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    let mut previous = "";
    for word in text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let compound = is(previous, &TENS) && is(word, &ONES[1..10]);
        let hundreds = word.eq_ignore_ascii_case("hundred") && is(previous, &ONES[1..10])
            || previous.eq_ignore_ascii_case("hundred") && word.eq_ignore_ascii_case("and");
        if is(word, &ONLY_HERE) || compound || hundreds {
            return true;
        }
        previous = word;
    }
    false
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The value of the number words that open `text` ("twenty-five hours" is 25, "a hundred and
/// forty" 140, "a dozen" 12), or None when it opens with none. Magnitudes ("thousand",
/// "billion") are left to the caller, which scales by them.
pub fn value(text: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut read_any = false;
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .peekable();
    while let Some(word) = words.next() {
        let next_is_multiplier = words.peek().is_some_and(|n| n == "hundred" || n == "dozen");
        if let Some(ones) = ONES.iter().position(|w| *w == word) {
            total += ones as f64;
        } else if let Some(tens) = TENS.iter().position(|w| *w == word) {
            total += (tens as f64 + 2.0) * 10.0;
        } else if word == "hundred" {
            total = total.max(1.0) * 100.0;
        } else if word == "dozen" {
            total = total.max(1.0) * 12.0;
        } else if (word == "a" || word == "an") && next_is_multiplier && !read_any {
            total = 1.0;
        } else if word == "and" && read_any {
            continue;
        } else {
            break;
        }
        read_any = true;
    }
    read_any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_hundreds_and_dozens() {
        assert_eq!(value("three"), Some(3.0));
        assert_eq!(value("twenty-five hours"), Some(25.0));
        assert_eq!(value("twenty five"), Some(25.0));
        assert_eq!(value("a hundred and forty percent"), Some(140.0));
        assert_eq!(value("one hundred twenty"), Some(120.0));
        assert_eq!(value("a dozen services"), Some(12.0));
        assert_eq!(value("Ninety-Nine"), Some(99.0));
        assert_eq!(value("hundred"), Some(100.0));
    }

    #[test]
    fn words_only_the_full_reading_knows() {
        assert!(beyond_the_short_list("twenty-five hours a day"));
        assert!(beyond_the_short_list("one hundred users"));
        assert!(beyond_the_short_list("a hundred and forty percent"));
        assert!(beyond_the_short_list("Ninety servers"));
        assert!(!beyond_the_short_list("two teams and a hundred services"));
        assert!(!beyond_the_short_list("p99 fell from 320 ms to 185 ms"));
    }

    #[test]
    fn words_that_are_not_numbers() {
        assert_eq!(value("several"), None);
        assert_eq!(value("a few"), None);
        assert_eq!(value(""), None);
        assert_eq!(value("and ten"), None);
    }
}
