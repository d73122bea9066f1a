//! coach: scores behavioral-interview answers (STAR) against a rubric, offline.
//!
//! The flow runs one way: [`source`] reads bytes, [`answer`] parses them into sections and
//! sentences, [`signals`] detects what interviewers listen for, [`engine::score`] weighs the
//! signals with a [`rubric`], and [`report`] renders the result.

pub mod answer;
pub mod baseline;
pub mod budget;
pub mod config;
pub mod engine;
pub mod linear;
pub mod memo;
pub mod report;
pub mod review;
pub mod rubric;
pub mod signals;
pub mod source;
pub mod stories;
pub mod walk;
pub mod yaml;
