//! Each question-specific built-in ranks the graded answers written for its question: the
//! stronger answer scores clearly above the weaker one.

mod support;

fn score(rubric: &str, answer: &str) -> u64 {
    let path = format!("tests/corpus/graded/{answer}.md");
    let report = support::coach(&["score", "--format", "json", "--rubric", rubric, &path]).json();
    report["files"][0]["score"].as_u64().expect("a score")
}

#[test]
fn stronger_answers_outscore_weaker_ones_under_their_rubric() {
    let pairs = [
        ("conflict", "g1-conflict-vague", "g3-disagreement-schema"),
        ("failure", "g1-failure-blames-others", "g3-missed-deadline"),
        (
            "incident-response",
            "g1-short-vague-cicd",
            "g4-incident-login-keys",
        ),
        (
            "influence",
            "g2-mentoring-no-outcome",
            "g4-influence-staged-releases",
        ),
        ("ambiguity", "g1-short-vague-cicd", "g3-cdn-migration"),
    ];
    for (rubric, weaker, stronger) in pairs {
        let (low, high) = (score(rubric, weaker), score(rubric, stronger));
        assert!(
            high >= low + 15,
            "{rubric}: {stronger} scored {high}, {weaker} scored {low}"
        );
    }
}
