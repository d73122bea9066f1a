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

/// Signal names as rubrics spell them, from the type itself so a new detector appears here.
impl schemars::JsonSchema for crate::signals::SignalId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SignalId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<serde_json::Value> = crate::signals::SignalId::ALL
            .into_iter()
            .filter_map(|id| serde_json::to_value(id).ok())
            .collect();
        schemars::json_schema!({
            "description": "A built-in detector: strengths first, then pitfalls.",
            "type": "string",
            "enum": names,
        })
    }
}
