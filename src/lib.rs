//! Lectern: an embeddable article reader.
//!
//! A publisher puts one element and one script on a page; Lectern fetches the
//! article as JSON (see `content-format.md`), checks it once at the edge
//! ([`model`]) and renders it with Yew ([`components`]).
//!
//! The crate compiles natively as well as to `wasm32`: the model and its
//! validation have no web dependencies and are tested natively, and the
//! components touch browser APIs only inside effects and event handlers.

pub mod api;
pub mod components;
pub mod error;
pub mod model;

pub use components::reader::{Reader, ReaderProps};

/// The data attribute that marks an element for Lectern to mount into.
pub const SRC_ATTRIBUTE: &str = "data-lectern-src";
/// Optional attribute choosing the article title's heading level.
pub const HEADING_LEVEL_ATTRIBUTE: &str = "data-lectern-heading-level";

/// Reads the heading level from an attribute value, falling back to `default`
/// for anything that is not a level from 1 to 6.
#[must_use]
pub fn parse_heading_level(value: Option<&str>, default: u8) -> u8 {
    value
        .and_then(|v| v.trim().parse::<u8>().ok())
        .filter(|level| (1..=6).contains(level))
        .unwrap_or(default)
}

/// Mounts a [`Reader`] into every element of the document that carries
/// [`SRC_ATTRIBUTE`], and returns how many it mounted.
///
/// `default_heading_level` applies where the element has no valid
/// [`HEADING_LEVEL_ATTRIBUTE`].
#[cfg(target_arch = "wasm32")]
#[must_use]
pub fn mount_all(default_heading_level: u8) -> usize {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return 0;
    };
    let Ok(nodes) = document.query_selector_all(&format!("[{SRC_ATTRIBUTE}]")) else {
        return 0;
    };
    let mut mounted = 0;
    for index in 0..nodes.length() {
        let Some(element) = nodes
            .item(index)
            .and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
        else {
            continue;
        };
        let Some(src) = element.get_attribute(SRC_ATTRIBUTE) else {
            continue;
        };
        let heading_level = parse_heading_level(
            element.get_attribute(HEADING_LEVEL_ATTRIBUTE).as_deref(),
            default_heading_level,
        );
        let props = ReaderProps {
            src: src.into(),
            heading_level,
        };
        // The app lives as long as the page: the handle is not needed again.
        let _handle = yew::Renderer::<Reader>::with_root_and_props(element, props).render();
        mounted += 1;
    }
    mounted
}

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
}
