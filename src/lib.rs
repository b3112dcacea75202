//! Lectern: an embeddable article reader.
//!
//! A publisher puts one element and one script on a page; Lectern fetches the
//! article as JSON (see `content-format.md`), checks it once at the edge
//! ([`model`]) and renders it with Yew: one component, the [`reader`], whose
//! whole view is plain functions ([`views`]).
//!
//! The crate compiles natively as well as to `wasm32`: the model and its
//! validation have no web dependencies and are tested natively, and the
//! Reader touches browser APIs only inside effects and event handlers.

pub mod api;
pub mod browser;
pub mod error;
pub mod fence;
pub mod hooks;
pub mod i18n;
pub mod model;
pub mod reader;
#[cfg(all(feature = "ssr", not(target_arch = "wasm32")))]
pub mod render;
pub mod settings;
pub mod views;
pub mod widgets;

pub use reader::state::Prefs;
pub use reader::{Reader, ReaderProps};
pub use views::RelatedMode;

/// The data attribute that marks an element for Lectern to mount into.
pub const SRC_ATTRIBUTE: &str = "data-lectern-src";
/// The language to show (`auto` negotiates).
pub const LANG_ATTRIBUTE: &str = "data-lectern-lang";
/// The article title's heading level.
pub const HEADING_LEVEL_ATTRIBUTE: &str = "data-lectern-heading-level";
/// `link` or `inline`: what related teasers do.
pub const RELATED_ATTRIBUTE: &str = "data-lectern-related";

/// Reads the heading level from an attribute value, falling back to `default`
/// for anything that is not a level from 1 to 6.
#[must_use]
pub fn parse_heading_level(value: Option<&str>, default: u8) -> u8 {
    value
        .and_then(|v| v.trim().parse::<u8>().ok())
        .map_or(default, |level| heading_level_or(level, default))
}

/// `level` when it is a heading level from 1 to 6, else `default`.
#[must_use]
pub fn heading_level_or(level: u8, default: u8) -> u8 {
    if (1..=6).contains(&level) {
        level
    } else {
        default
    }
}

/// A `?article=` value the standalone page accepts: a slug of lower-case
/// letters, digits and hyphens, naming a folder beside the default article's.
#[must_use]
pub fn article_slug(value: &str) -> Option<&str> {
    let ok = !value.is_empty()
        && value.len() <= 100
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok.then_some(value)
}

/// The allocator: talc instead of dlmalloc (see Cargo.toml).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
mod hydrate;
#[cfg(target_arch = "wasm32")]
mod mount;
#[cfg(target_arch = "wasm32")]
pub use mount::{mount_widget, start_standalone, WidgetHandle};

#[cfg(test)]
mod tests {
    use super::parse_heading_level;

    #[test]
    fn heading_level_accepts_one_to_six_and_falls_back_otherwise() {
        let cases = [
            (Some("1"), 1),
            (Some(" 3 "), 3),
            (Some("6"), 6),
            (Some("0"), 2),
            (Some("7"), 2),
            (Some("h1"), 2),
            (Some(""), 2),
            (None, 2),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_heading_level(value, 2), expected, "value {value:?}");
        }
    }

    #[test]
    fn article_slugs_are_plain_folder_names() {
        let cases = [
            ("sanctions-in-three-questions", true),
            ("a1", true),
            ("", false),
            ("../etc", false),
            ("a/b", false),
            ("A", false),
            ("x%2F", false),
            ("https:", false),
        ];
        for (value, ok) in cases {
            assert_eq!(super::article_slug(value).is_some(), ok, "{value:?}");
        }
    }
}
