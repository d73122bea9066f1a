//! Writes a bank of realistic, distinct interview answers into a folder, for load tests and demos.
//!
//! `cargo run --example gen_bank -- DIR [COUNT] [SEED]` (defaults: 1000 answers, seed 7).
//! The same seed always writes the same bytes. Answers are 150–700 words, strong, middling or
//! weak, in the shapes people write: `##` headings, bold labels, `S:`/`T:` letters, bullets,
//! plain prose, and prep docs with two stories under their own titles.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// SplitMix64: tiny, fast and good enough to vary text; no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, low: u32, high: u32) -> u32 {
        low + (self.next() % u64::from(high - low + 1)) as u32
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// What an answer is about: the system, what hurt, and the number that shows it.
struct Topic {
    title: &'static str,
    system: &'static str,
    pain: &'static str,
    metric: &'static str,
    unit: &'static str,
    /// Before-value range; the after value is a fraction of it.
    before: (u32, u32),
    option_a: &'static str,
    option_b: &'static str,
}

const TOPICS: &[Topic] = &[
    Topic {
        title: "Postgres fleet upgrade",
        system: "fleet of Postgres clusters",
        pain: "was two major versions behind and failovers stalled writes",
        metric: "failover time",
        unit: " seconds",
        before: (60, 180),
        option_a: "logical replication with a short cutover",
        option_b: "in-place pg_upgrade during a long window",
    },
    Topic {
        title: "CI pipeline speed-up",
        system: "CI pipeline for the monorepo",
        pain: "had grown so slow that engineers batched changes to avoid it",
        metric: "median build time",
        unit: " minutes",
        before: (25, 55),
        option_a: "remote build caching",
        option_b: "buying bigger runners",
    },
    Topic {
        title: "Kubernetes migration",
        system: "batch workloads on hand-built VMs",
        pain: "drifted from each other and failed in ways nobody could reproduce",
        metric: "failed nightly jobs per week",
        unit: "",
        before: (8, 30),
        option_a: "a managed Kubernetes service",
        option_b: "running our own control plane",
    },
    Topic {
        title: "On-call load reduction",
        system: "payments on-call rotation",
        pain: "paged people at night for alerts that needed no action",
        metric: "pages per week",
        unit: "",
        before: (30, 90),
        option_a: "SLO-based alerting on burn rate",
        option_b: "tuning every static threshold by hand",
    },
    Topic {
        title: "Checkout latency",
        system: "checkout service",
        pain: "slowed to a crawl during sales and customers abandoned carts",
        metric: "p99 latency",
        unit: " ms",
        before: (700, 2400),
        option_a: "caching price lookups at the edge",
        option_b: "rewriting the pricing service",
    },
    Topic {
        title: "Cloud cost cut",
        system: "analytics cluster",
        pain: "cost more every month while most nodes sat idle at night",
        metric: "monthly spend in thousands of dollars",
        unit: "k",
        before: (90, 400),
        option_a: "autoscaling with spot instances",
        option_b: "a three-year reserved commitment",
    },
    Topic {
        title: "Secrets rotation",
        system: "service credentials",
        pain: "lived in config files and had not been rotated in years",
        metric: "days to rotate every secret",
        unit: " days",
        before: (30, 120),
        option_a: "a central vault with short-lived tokens",
        option_b: "a script that rewrote config files",
    },
    Topic {
        title: "Logging pipeline rebuild",
        system: "logging pipeline",
        pain: "dropped events under load, so incidents had gaps in their timelines",
        metric: "share of events dropped at peak",
        unit: "%",
        before: (5, 25),
        option_a: "a buffered queue in front of the indexers",
        option_b: "doubling the indexer fleet",
    },
    Topic {
        title: "DNS provider switch",
        system: "DNS setup",
        pain: "depended on one provider whose outages took every site down",
        metric: "minutes of DNS downtime per quarter",
        unit: " minutes",
        before: (40, 200),
        option_a: "two providers with health-checked failover",
        option_b: "a bigger contract with the same provider",
    },
    Topic {
        title: "Release process overhaul",
        system: "mobile release process",
        pain: "needed a full day of manual steps and often shipped regressions",
        metric: "hours per release",
        unit: " hours",
        before: (6, 14),
        option_a: "an automated release train with staged rollout",
        option_b: "a checklist and a dedicated release manager",
    },
    Topic {
        title: "Disaster recovery drill",
        system: "disaster recovery plan",
        pain: "existed only on paper and had never been tested",
        metric: "recovery time in a drill",
        unit: " hours",
        before: (10, 48),
        option_a: "quarterly game days with a scripted restore",
        option_b: "a yearly tabletop review",
    },
    Topic {
        title: "Queue migration",
        system: "message queue",
        pain: "ran on an unsupported version and lost messages during restarts",
        metric: "messages lost per million",
        unit: "",
        before: (20, 300),
        option_a: "a managed streaming service with dual writes",
        option_b: "patching the old broker ourselves",
    },
];

const STAKEHOLDERS: &[&str] = &[
    "Security",
    "Finance",
    "the product manager",
    "the SRE team",
    "the data team",
    "support",
    "the payments team",
];
const GUARDRAILS: &[&str] = &[
    "behind a feature flag, starting with 5% of traffic",
    "as a canary on two internal services first",
    "in stages, one region a week, with automatic rollback",
    "with a blue/green switch we could flip back in a minute",
    "after a load test at three times peak traffic",
];
const INCIDENTS: &[&str] = &[
    "a connection-pool leak showed up in the canary",
    "one region's rollout doubled error rates for ten minutes",
    "a missing index made the first cutover time out",
    "a stale cache served old prices to a handful of users",
];
const LESSONS: &[&str] = &[
    "Next time I would write the rollback plan before the design doc, not after.",
    "I learned to agree the success metric with stakeholders on day one.",
    "Looking back, I would have run the load test a month earlier.",
    "What I would do differently is bring support in before the first rollout, not during it.",
];
// Filler sentences are put together from parts so that long answers rarely repeat themselves.
const WEAK_WHO: &[&str] = &[
    "We kind of",
    "The team",
    "Somebody",
    "We basically",
    "Honestly we",
    "I think we",
    "We sort of",
    "Everyone",
];
const WEAK_DID: &[&str] = &[
    "looked into",
    "talked about",
    "worked on",
    "tried to improve",
    "leveraged",
    "dealt with",
    "had meetings about",
    "pushed on",
];
const WEAK_WHAT: &[&str] = &[
    "the whole thing",
    "various issues",
    "best practices",
    "the synergies",
    "a lot of stuff",
    "the process",
    "some of the problems",
    "different approaches",
];
const WEAK_TAIL: &[&str] = &[
    "for a while.",
    "and it was challenging.",
    "more or less.",
    "which helped a lot.",
    "until it was better.",
    "across the organization.",
    "and it went well overall.",
];
const STRONG_DID: &[&str] = &[
    "I wrote",
    "I reviewed",
    "I ran",
    "I set up",
    "I documented",
    "I measured",
    "I automated",
    "I scheduled",
    "I paired on",
    "I prototyped",
];
const STRONG_WHAT: &[&str] = &[
    "a design doc for the cutover",
    "the rollback path",
    "a dashboard of the metric per service",
    "the load test plan",
    "the migration checklist",
    "a weekly risk review",
    "the alert rules",
    "a dry run in staging",
    "the on-call handover notes",
    "the capacity model",
];
const STRONG_TAIL: &[&str] = &[
    "with {who}",
    "before the first rollout",
    "so owners could see their own numbers",
    "in week {week}",
    "and shared it in the team channel",
    "so the next team could reuse it",
];

#[derive(Clone, Copy, PartialEq)]
enum Strength {
    Strong,
    Mixed,
    Weak,
}

#[derive(Clone, Copy)]
enum Shape {
    Headings,
    BoldLabels,
    Letters,
    Bullets,
    Prose,
}

/// The five parts of one answer, each a list of sentences.
struct Parts {
    title: String,
    situation: Vec<String>,
    task: Vec<String>,
    actions: Vec<String>,
    results: Vec<String>,
    reflection: Vec<String>,
}

impl Parts {
    fn words(&self) -> usize {
        [
            &self.situation,
            &self.task,
            &self.actions,
            &self.results,
            &self.reflection,
        ]
        .iter()
        .flat_map(|p| p.iter())
        .map(|s| s.split_whitespace().count())
        .sum()
    }
}

/// Writes `count` answers into `dir`; most files hold one answer, some hold two stories.
pub fn generate(seed: u64, count: usize, dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(seed);
    let mut written = Vec::new();
    let mut made = 0;
    let mut file_index = 0;
    while made < count {
        file_index += 1;
        let two = count - made >= 2 && rng.below(10) == 0;
        let text = if two {
            made += 2;
            let first = answer(&mut rng, made - 1, true);
            let second = answer(&mut rng, made, true);
            format!(
                "# Prep doc {file_index}\n\n## {}\n\n{}\n## {}\n\n{}",
                first.0, first.1, second.0, second.1
            )
        } else {
            made += 1;
            answer(&mut rng, made, false).1
        };
        let path = dir.join(format!("answer-{file_index:04}.md"));
        std::fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

/// One answer: its title and its markdown. A story in a prep doc uses labels, not headings.
fn answer(rng: &mut Rng, number: usize, in_doc: bool) -> (String, String) {
    let strength = match rng.below(10) {
        0..=2 => Strength::Strong,
        3..=5 => Strength::Mixed,
        _ => Strength::Weak,
    };
    let shapes = if in_doc { 3 } else { 5 };
    let shape = match rng.below(shapes) {
        0 if in_doc => Shape::Bullets,
        0 => Shape::Headings,
        1 => Shape::BoldLabels,
        2 => Shape::Letters,
        3 => Shape::Bullets,
        _ => Shape::Prose,
    };
    let parts = parts(rng, strength, number);
    let title = parts.title.clone();
    (title, render(&parts, shape))
}

fn parts(rng: &mut Rng, strength: Strength, number: usize) -> Parts {
    let topic = &TOPICS[rng.below(TOPICS.len())];
    let before = rng.range(topic.before.0, topic.before.1);
    let after = (before * rng.range(10, 45) / 100).max(1);
    let teams = rng.range(3, 40);
    let weeks = rng.range(4, 30);
    let stakeholder = rng.pick(STAKEHOLDERS);
    let strong = strength == Strength::Strong;
    let weak = strength == Strength::Weak;
    let mut p = Parts {
        title: format!("{} ({number})", topic.title),
        situation: Vec::new(),
        task: Vec::new(),
        actions: Vec::new(),
        results: Vec::new(),
        reflection: Vec::new(),
    };
    if weak {
        p.situation.push(format!(
            "So basically our {} {} and it was not great.",
            topic.system, topic.pain
        ));
        p.task
            .push("We were supposed to make it better somehow, I guess.".to_string());
        p.actions.push(format!(
            "We looked at {} and some other stuff and went with that.",
            topic.option_a
        ));
        p.results.push(
            "Things got a lot better and people were happy with how it turned out.".to_string(),
        );
    } else {
        p.situation.push(format!(
            "At my last company our {} {}, used by {teams} teams.",
            topic.system, topic.pain
        ));
        p.situation.push(format!(
            "The {} was {before}{} and getting worse every month.",
            topic.metric, topic.unit
        ));
        p.task.push(format!(
            "I owned the fix: my goal was to bring the {} under {}{} within {weeks} weeks, with no customer-visible downtime.",
            topic.metric,
            after + 1,
            topic.unit
        ));
        p.actions.push(format!(
            "I compared {} with {} and chose the first, accepting {} more weeks of work for far less risk.",
            topic.option_a,
            topic.option_b,
            rng.range(2, 6)
        ));
        p.actions.push(format!(
            "I agreed the rollout plan with {stakeholder} and rolled the change out {}.",
            rng.pick(GUARDRAILS)
        ));
        p.results.push(format!(
            "The {} went from {before}{} to {after}{}.",
            topic.metric, topic.unit, topic.unit
        ));
    }
    if strong {
        p.actions.push(format!(
            "Midway, {}; I rolled back within {} minutes, found the cause, and added a check so it could not recur.",
            rng.pick(INCIDENTS),
            rng.range(3, 15)
        ));
        p.results.push(format!(
            "Availability held at 99.9{}% through the change, and {} other teams adopted the same approach.",
            rng.range(1, 9),
            rng.range(2, 9)
        ));
        p.reflection.push(format!(
            "The trade-off was speed: {} would have been faster to start but riskier to finish.",
            topic.option_b
        ));
        p.reflection.push(rng.pick(LESSONS).to_string());
    } else if !weak {
        p.reflection
            .push("In hindsight I would have involved other teams earlier.".to_string());
    }
    // Pad with detail (or rambling) until the answer reaches its target length.
    let target = rng.range(150, 700) as usize;
    let mut turn = 0;
    while p.words() < target {
        let sentence = if weak || (strength == Strength::Mixed && turn % 2 == 1) {
            format!(
                "{} {} {} {}",
                rng.pick(WEAK_WHO),
                rng.pick(WEAK_DID),
                rng.pick(WEAK_WHAT),
                rng.pick(WEAK_TAIL)
            )
        } else {
            let tail = rng
                .pick(STRONG_TAIL)
                .replace("{who}", rng.pick(STAKEHOLDERS))
                .replace("{week}", &rng.range(1, weeks).to_string());
            format!("{} {} {tail}.", rng.pick(STRONG_DID), rng.pick(STRONG_WHAT))
        };
        match turn % 4 {
            0 => p.situation.push(sentence),
            _ => p.actions.push(sentence),
        }
        turn += 1;
    }
    while p.words() > 700 {
        p.actions.pop();
    }
    p
}

fn render(p: &Parts, shape: Shape) -> String {
    let sections: [(&str, &str, &Vec<String>); 5] = [
        ("Situation", "S", &p.situation),
        ("Task", "T", &p.task),
        ("Actions", "A", &p.actions),
        ("Results", "R", &p.results),
        ("Reflection", "L", &p.reflection),
    ];
    let mut out = String::new();
    match shape {
        Shape::Headings => {
            let _ = writeln!(out, "# {}\n", p.title);
            for (name, _, sentences) in sections.iter().filter(|s| !s.2.is_empty()) {
                let _ = writeln!(out, "## {name}\n\n{}\n", sentences.join(" "));
            }
        }
        Shape::BoldLabels => {
            for (name, _, sentences) in sections.iter().filter(|s| !s.2.is_empty()) {
                let _ = writeln!(out, "**{name}:** {}\n", sentences.join(" "));
            }
        }
        Shape::Letters => {
            for (_, letter, sentences) in sections.iter().filter(|s| !s.2.is_empty()) {
                let _ = writeln!(out, "{letter}: {}\n", sentences.join(" "));
            }
        }
        Shape::Bullets => {
            for (name, _, sentences) in sections.iter().filter(|s| !s.2.is_empty()) {
                let _ = writeln!(out, "**{name}**\n");
                for sentence in sentences.iter() {
                    let _ = writeln!(out, "- {sentence}");
                }
                out.push('\n');
            }
        }
        Shape::Prose => {
            for (_, _, sentences) in sections.iter().filter(|s| !s.2.is_empty()) {
                let _ = writeln!(out, "{}\n", sentences.join(" "));
            }
        }
    }
    out
}

#[allow(dead_code)]
fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: gen_bank DIR [COUNT] [SEED]");
        std::process::exit(2);
    };
    let count = args.get(1).and_then(|c| c.parse().ok()).unwrap_or(1000);
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(7);
    let files = generate(seed, count, Path::new(dir))?;
    println!("wrote {count} answers in {} files to {dir}", files.len());
    Ok(())
}
