//! jisr (جسر, "bridge"): align Arabic news articles with their English translations.
#![deny(missing_docs)]

pub mod error;
pub mod normalize;
pub mod segment;
pub mod text;

pub use error::{Error, Result};
