//! Helpers for browser tests: each test mounts into its own fresh element,
//! and waits by bounded polling, never by fixed sleeps.

#![allow(dead_code)]

use std::time::Duration;

use gloo_timers::future::sleep;
use lectern::{Reader, ReaderProps, RelatedMode};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// How long a test waits for the page to show something.
const PATIENCE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

/// The sample article, served from the crate root by the test runner.
pub const SAMPLE_EN: &str = "/content/china-opportunity-to-lead-on-north-korea/en.json";
pub const SAMPLE_ZH_HANS: &str = "/content/china-opportunity-to-lead-on-north-korea/zh-Hans.json";
pub const SAMPLE_TITLE_EN: &str = "China’s Opportunity to Lead on North Korea";
pub const SAMPLE_TITLE_ZH_HANS: &str = "中国在朝鲜问题上发挥领导作用的机遇";
pub const SAMPLE_TITLE_ZH_HANT: &str = "中國在朝鮮問題上發揮領導作用的機遇";
pub const BLOCKS: &str = "/tests/fixtures/blocks/en.json";

pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

/// Forgets the reader's stored language, so tests do not leak into each other.
pub fn clear_storage() {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.clear();
    }
}

/// Loads the widget's stylesheet into the test page (the runner serves the
/// crate's files), for tests whose behaviour depends on layout.
pub async fn with_styles() {
    let document = document();
    if document.get_element_by_id("lectern-styles").is_none() {
        let link = document.create_element("link").expect("create a link");
        link.set_id("lectern-styles");
        link.set_attribute("rel", "stylesheet").expect("rel");
        link.set_attribute("href", "/styles/lectern.css")
            .expect("href");
        document
            .head()
            .expect("a head")
            .append_child(&link)
            .expect("attach the link");
    }
    let link: web_sys::HtmlLinkElement = document
        .get_element_by_id("lectern-styles")
        .expect("the link")
        .dyn_into()
        .expect("a link element");
    wait_until("the stylesheet to load", || {
        link.sheet()
            .and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok())
            .and_then(|s| s.css_rules().ok())
            .is_some_and(|rules| rules.length() > 0)
    })
    .await;
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

/// The page has the Chinese UI catalogs, as a page does once the widget
/// has fetched them (`i18n/*.json` beside `lectern.js`) or a pre-render
/// carried them: these tests have no server for the files.
fn register_catalogs() {
    for json in [
        include_str!("../../i18n/zh-Hans.json"),
        include_str!("../../i18n/zh-Hant.json"),
    ] {
        if let Ok(catalog) = lectern::api::catalog_from(json) {
            lectern::i18n::catalog::register(catalog);
        }
    }
}

/// Props for `src` with the defaults of an embed.
pub fn props(src: &str) -> ReaderProps {
    register_catalogs();
    ReaderProps {
        src: src.to_owned().into(),
        heading_level: 2,
        lang: None,
        related: RelatedMode::Link,
        standalone: false,
        page_origin: web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .map(Into::into),
        on_language_change: yew::Callback::noop(),
        on_error: yew::Callback::noop(),
        initial: None,
        prefs: std::rc::Rc::new(lectern::Prefs {
            stored: lectern::browser::stored_language(),
            browser: lectern::browser::browser_languages(),
            settings: lectern::settings::Settings::default(),
            ..lectern::Prefs::default()
        }),
        on_ready: yew::Callback::noop(),
        on_settled: yew::Callback::noop(),
        fence: std::rc::Rc::default(),
        storage: true,
        on_load: yew::Callback::noop(),
        id_prefix: None,
        pages: None,
    }
}

/// Mounts a widget with `props` into a fresh element; returns the element.
pub fn mount(props: ReaderProps) -> Element {
    let root = fresh_root();
    yew::Renderer::<Reader>::with_root_and_props(root.clone(), props).render();
    root
}

/// A `data:` URL serving `json` as an article document, so a test needs no server.
pub fn data_url(json: &str) -> String {
    let encoded: String = js_sys::encode_uri_component(json).into();
    format!("data:application/json,{encoded}")
}

fn deadline() -> f64 {
    js_sys::Date::now() + PATIENCE.as_secs_f64() * 1000.0
}

/// Waits until `condition` holds; fails the test with `what` otherwise.
pub async fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = deadline();
    while !condition() {
        assert!(
            js_sys::Date::now() < deadline,
            "waited {PATIENCE:?} for {what}"
        );
        sleep(POLL).await;
    }
}

/// Waits until `selector` matches inside `root`, and returns the element.
pub async fn find(root: &impl AsRef<Element>, selector: &str) -> HtmlElement {
    let root = root.as_ref();
    let deadline = deadline();
    loop {
        if let Ok(Some(element)) = root.query_selector(selector) {
            return element.dyn_into().expect("an HTML element");
        }
        assert!(
            js_sys::Date::now() < deadline,
            "nothing matched {selector:?} within {PATIENCE:?}; the widget shows: {:?}",
            text(root).chars().take(300).collect::<String>()
        );
        sleep(POLL).await;
    }
}

/// Every element matching `selector` inside `root`, now.
pub fn find_all(root: &impl AsRef<Element>, selector: &str) -> Vec<HtmlElement> {
    let root = root.as_ref();
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// The element's text, trimmed.
pub fn text(element: &impl AsRef<Element>) -> String {
    element
        .as_ref()
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Waits until the element matching `selector` shows `expected`.
pub async fn see_text(root: &impl AsRef<Element>, selector: &str, expected: &str) -> HtmlElement {
    let deadline = deadline();
    loop {
        let element = find(root, selector).await;
        if text(&element) == expected {
            return element;
        }
        assert!(
            js_sys::Date::now() < deadline,
            "{selector:?} never showed {expected:?}; it shows {:?}",
            text(&element)
        );
        sleep(POLL).await;
    }
}

/// The button or link inside `root` whose text is `label`.
pub async fn button(root: &impl AsRef<Element>, label: &str) -> HtmlElement {
    let mut found = None;
    wait_until(&format!("a button labelled {label:?}"), || {
        found = find_all(root, "button, a[href]")
            .into_iter()
            .find(|b| text(b) == label);
        found.is_some()
    })
    .await;
    found.expect("found above")
}

/// The element that has focus.
pub fn focused() -> Option<Element> {
    document().active_element()
}
