//! Whether output a person reads is coloured: `--color`, else on a terminal unless `NO_COLOR`
//! says otherwise (`CLICOLOR_FORCE` colours a pipe), as anstream decides for standard output.

use crate::cli::ColorWhen;
use coach::report::paint::Paint;

/// The paint for standard output under `when`.
pub fn stdout(when: ColorWhen) -> Paint {
    Paint::new(match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    })
}
