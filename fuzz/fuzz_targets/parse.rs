//! Reading and parsing: any bytes either fail with a reason or give an answer whose spans and
//! line numbers stay inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = coach::source::from_bytes("fuzz.md", data.to_vec(), u64::MAX) else {
        return;
    };
    let answer = coach::answer::parse(&source.text);
    let lines = source.text.split('\n').count();
    for section in &answer.sections {
        assert!(section.start_line >= 1 && section.start_line <= section.end_line);
        assert!(section.end_line <= lines, "{section:?} past line {lines}");
    }
    for sentence in &answer.sentences {
        assert!(sentence.line >= 1 && sentence.line <= lines);
        assert!(sentence.breaks.iter().all(|(_, line)| *line <= lines));
    }
});
