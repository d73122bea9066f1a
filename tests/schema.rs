//! The committed JSON Schema must match the rubric types. When this fails, regenerate it:
//!
//!     cargo run -q -- rubric schema > schema/rubric.schema.json
//!
//! or run this test with `COACH_UPDATE_SCHEMA=1` to write it in place.

use std::path::Path;

#[test]
fn committed_schema_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(coach::rubric::schema::COMMITTED_PATH);
    let fresh = coach::rubric::schema::json();
    if std::env::var_os("COACH_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).expect("schema written");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: the rubric types changed. Regenerate it with\n    \
         cargo run -q -- rubric schema > schema/rubric.schema.json\n\
         or COACH_UPDATE_SCHEMA=1 cargo test --test schema",
        path.display()
    );
}

#[test]
fn schema_describes_the_format() {
    let schema: serde_json::Value =
        serde_json::from_str(&coach::rubric::schema::json()).expect("valid JSON");
    let props = &schema["properties"];
    for key in [
        "extends",
        "remove",
        "override",
        "checks",
        "pass-score",
        "grades",
        "length",
    ] {
        assert!(props.get(key).is_some(), "no `{key}` in the schema");
    }
    assert_eq!(schema["additionalProperties"], false);
    let check = &schema["$defs"]["CheckSpec"];
    assert_eq!(check["additionalProperties"], false);
    let required: Vec<&str> = check["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for key in ["id", "title", "points", "hint"] {
        assert!(required.contains(&key), "{key} should be required");
    }
    let signals = serde_json::to_string(&schema["$defs"]["SignalId"]).unwrap();
    assert!(signals.contains("before-after") && signals.contains("hiding-behind-we"));
}
