//! `coach review`'s three renderings of one [`Review`](crate::review::Review): the terminal
//! view, a self-contained HTML page, and JSON.

pub mod html;
pub mod json;
pub mod text;
