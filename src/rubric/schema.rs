//! The JSON Schema of the rubric format, generated from the serde types so it cannot drift.

use super::model::RubricSpec;

/// Where the committed copy lives, relative to the repository root.
pub const COMMITTED_PATH: &str = "schema/rubric.schema.json";

/// The schema as pretty JSON with a trailing newline, byte-for-byte what is committed.
pub fn json() -> String {
    let schema = schemars::schema_for!(RubricSpec);
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}
