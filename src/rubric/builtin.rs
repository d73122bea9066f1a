//! Rubrics shipped inside the binary.

/// (name, YAML) for every built-in rubric; the first is the default.
const BUILT_INS: &[(&str, &str)] = &[
    (
        "infra-leadership",
        include_str!("../../rubrics/infra-leadership.yaml"),
    ),
    ("star", include_str!("../../rubrics/star.yaml")),
    (
        "incident-response",
        include_str!("../../rubrics/incident-response.yaml"),
    ),
    ("conflict", include_str!("../../rubrics/conflict.yaml")),
    ("failure", include_str!("../../rubrics/failure.yaml")),
    ("influence", include_str!("../../rubrics/influence.yaml")),
    ("ambiguity", include_str!("../../rubrics/ambiguity.yaml")),
];

/// The rubric used when nothing names one.
pub const DEFAULT: &str = "infra-leadership";

pub fn text(name: &str) -> Option<&'static str> {
    BUILT_INS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

pub fn names() -> impl Iterator<Item = &'static str> {
    BUILT_INS.iter().map(|(n, _)| *n)
}
