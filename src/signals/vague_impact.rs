//! **vague_impact** (pitfall): impact claimed with intensifiers and no number.
//!
//! Why: "significantly improved performance" is the sentence interviewers stop believing;
//! the same claim with "p95 from 900 to 300 ms" is evidence.
//!
//! Fires: "significantly improved performance", "things got a lot better", "a huge impact".
//! Does not fire: "significantly faster: p95 dropped from 900 to 300 ms", "improved latency by 40%".

use super::Evidence;
use super::pattern::{Pattern, pattern};
use super::text::has_number;
use crate::answer::Answer;
use std::sync::LazyLock;

/// Intensifiers that stand in for a number.
const INTENSIFIER: &str = r"(?:significantly|greatly|hugely|massively|dramatically|substantially|considerably|tremendously|vastly|drastically|noticeably|sharply|markedly|enormously|meaningfully|incredibly|much|(?:very|so) much|much,? much|a lot|a ton|loads|lots|way|far|so|super|really|quite a bit|a great deal)";
/// Words that claim a change for the better (or a smaller cost).
const CHANGE: &str = r"(?:better|faster|fast|improved|improving|improve|improves|reduced|reducing|cut|dropped|fell|down|up|increased|increasing|cheaper|less|fewer|quicker|snappier|smoother|stabler|more stable|easier|lower|higher|happier|healthier|shorter|nicer|more (?:reliable|stable|efficient|scalable|performant|robust|resilient|productive)|sped up|successful)";

static VAGUE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(&format!(
        concat!(
            r"\b{i}\s+(?:\w+\s+)?{c}\b",
            r"|\b{c}\b(?:\s+[\w-]+){{0,4}}?\s+{i}\b(?:\s*[.,;!—]|\s*$|\s+(?:and|after|once|since|across|for|in|on)\b)",
            r"|\b(?:huge|big|massive|major|significant|great|tremendous|positive|real|measurable|noticeable|dramatic|substantial|enormous|game-?changing|large|amazing|incredible|strong|sharp) (?:positive |business |cost )?(?:impact|improvement|improvements|difference|wins?|gains?|boost|success|reduction|savings?|uplift|increase|decrease|drop|effect|results?)\b",
            r"|\b(?:impact|improvement|difference|effect|savings?) (?:was|were) (?:enormous|huge|massive|big|significant|dramatic|substantial|tremendous)\b",
            r"|\b(?:improved|increased|reduced|boosted|enhanced|optimi[sz]ed|lowered|cut|decreased|sped up) (?:the |our |overall |system |platform )?(?:performance|reliability|stability|efficiency|latency|throughput|velocity|productivity|morale|quality|scalability|uptime|costs?|speed|experience|developer experience|resilience|availability|observability|load times?|build times?|deploy times?|toil)\b",
            r"|\bgame-?changer\b|\bmoved the needle\b|\bmade (?:a|things|everything|it|life|the \w+) (?:\w+ )?(?:better|faster|easier|smoother|difference)\b|\beveryone was (?:happy|pleased|thrilled|impressed)\b|\bwent (?:really |very |super |pretty |extremely )?(?:well|smoothly)\b|\b(?:it|this|that) (?:was|turned out) (?:a )?(?:(?:huge|big|great|massive|real) )?(?:success|win)\b"
        ),
        i = INTENSIFIER,
        c = CHANGE
    ))
});

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    answer
        .sentences
        .iter()
        .filter(|s| !has_number(&s.text))
        .filter_map(|s| {
            VAGUE
                .find(&s.text)
                .map(|m| Evidence::from_span(s, m.start(), m.end()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;

    fn fires(text: &str) -> bool {
        !super::detect(&parse(text)).is_empty()
    }

    #[test]
    fn numberless_claims_fire() {
        assert!(fires("This significantly improved performance."));
        assert!(fires("Things got a lot better for the on-call team."));
        assert!(fires("The project had a huge impact."));
    }

    #[test]
    fn claims_with_numbers_do_not() {
        assert!(!fires(
            "Significantly faster: p95 dropped from 900 to 300 ms."
        ));
        assert!(!fires("I improved latency by 40%."));
        assert!(!fires("We had a lot of meetings."));
    }

    #[test]
    fn intensifier_after_the_change_fires() {
        assert!(fires("Latency improved massively."));
        assert!(fires("Our cloud bill came down quite a bit."));
        assert!(!fires("The old system was significantly more complex."));
        assert!(!fires("Massive thanks to the storage team."));
    }
}
