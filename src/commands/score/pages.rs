//! `--html-dir DIR`: the bank page as `DIR/index.html` and one review page per answer file,
//! named so the bank page's links find them.

use super::scoring::Scorer;
use crate::commands::review::Reviewer;
use coach::report::bank::page_name;
use coach::report::review::html;
use coach::walk::Input;
use rayon::prelude::*;
use std::path::Path;

/// Writes the bank page and the review pages; the first failure is the message.
pub fn write(
    dir: &Path,
    bank_page: &[u8],
    inputs: &[Input],
    scorer: &Scorer,
) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: cannot create the folder: {e}", dir.display()))?;
    let save = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: cannot write: {e}", path.display()))
    };
    save("index.html", bank_page)?;
    inputs
        .par_iter()
        .filter(|input| matches!(input, Input::File { .. }))
        .try_for_each(|input| {
            let reviewer = Reviewer::new(scorer, input.clone());
            let (reviews, _) = reviewer.review();
            if reviews.is_empty() {
                // Unreadable or unscorable: the bank page lists it, and there is no review.
                return Ok(());
            }
            let page = html::render(input.display(), &reviews);
            save(&page_name(input.display()), page.as_bytes())
        })
}
