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

/// The allocator: talc instead of dlmalloc (see Cargo.toml).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
mod hydrate;
#[cfg(target_arch = "wasm32")]
mod mount;
#[cfg(target_arch = "wasm32")]
pub use mount::{mount_widget, WidgetHandle};
