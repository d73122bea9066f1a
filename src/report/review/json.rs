//! `coach review --format json`: the review as data. Each answer is the object `coach score
//! --format json` writes for it, unchanged, with one key more: `review`, holding the answer's
//! lines (sections and marked words), the margin notes, the time budget and the top fixes
//! (README, "JSON output").

use crate::report::FileError;
use crate::report::json::{FileJson, SCHEMA_VERSION};
use crate::report::pretty;
use crate::review::Review;
use serde_json::{Value, json};

/// The document for `reviews`, and the inputs that could not be reviewed.
pub fn render(reviews: &[Review], errors: &[FileError]) -> String {
    let files: Vec<Value> = reviews.iter().map(file).collect();
    let document = json!({
        "files": files,
        "errors": errors,
        "schema_version": SCHEMA_VERSION,
    });
    let mut out = Vec::new();
    pretty::write_at(&mut out, 0, &document).expect("writing JSON to memory cannot fail");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// One answer: the score's object with `review` added.
fn file(review: &Review) -> Value {
    let mut object = serde_json::to_value(FileJson {
        file: &review.report,
        meta: None,
    })
    .expect("a report serializes");
    if let Value::Object(map) = &mut object {
        map.insert(
            "review".to_string(),
            serde_json::to_value(review).expect("a review serializes"),
        );
    }
    object
}
