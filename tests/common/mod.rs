//! Helpers for browser tests: each test mounts into its own fresh element,
//! and waits by bounded polling, never by fixed sleeps.

#![allow(dead_code)]

use std::time::Duration;

use gloo_timers::future::sleep;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// How long a test waits for the page to show something.
const PATIENCE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

/// A fresh, empty element attached to the document, for one test's widget.
pub fn fresh_root() -> Element {
    let document = document();
    let root = document.create_element("div").expect("create a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("attach the root");
    root
}

/// A `data:` URL serving `json` as an article document, so a test needs no server.
pub fn data_url(json: &str) -> String {
    let encoded: String = js_sys::encode_uri_component(json).into();
    format!("data:application/json,{encoded}")
}

/// Waits until `selector` matches inside `root`, and returns the element.
pub async fn find(root: &Element, selector: &str) -> HtmlElement {
    let deadline = js_sys::Date::now() + PATIENCE.as_secs_f64() * 1000.0;
    loop {
        if let Ok(Some(element)) = root.query_selector(selector) {
            return element.dyn_into().expect("an HTML element");
        }
        assert!(
            js_sys::Date::now() < deadline,
            "nothing matched {selector:?} within {PATIENCE:?}; the widget shows: {:?}",
            root.text_content()
        );
        sleep(POLL).await;
    }
}

/// Waits until the element matching `selector` shows `text`.
pub async fn see_text(root: &Element, selector: &str, text: &str) -> HtmlElement {
    let deadline = js_sys::Date::now() + PATIENCE.as_secs_f64() * 1000.0;
    loop {
        let element = find(root, selector).await;
        if element.text_content().unwrap_or_default().trim() == text {
            return element;
        }
        assert!(
            js_sys::Date::now() < deadline,
            "{selector:?} never showed {text:?}; it shows {:?}",
            element.text_content()
        );
        sleep(POLL).await;
    }
}
