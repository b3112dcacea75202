//! Mounting the widget into a page: reading an element's attributes into
//! props, the standalone page's start, and a panic hook that reports inside
//! the widgets instead of touching the host page.

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::AttrValue;

use crate::components::RelatedMode;
use crate::i18n::UiLang;
use crate::{
    article_slug, parse_heading_level, Reader, ReaderProps, HEADING_LEVEL_ATTRIBUTE,
    LANG_ATTRIBUTE, RELATED_ATTRIBUTE, SRC_ATTRIBUTE,
};

fn page_origin() -> Option<AttrValue> {
    web_sys::window()?
        .location()
        .origin()
        .ok()
        .map(AttrValue::from)
}

/// Props from an element's `data-lectern-*` attributes; `None` without a src.
fn props_for(element: &Element, default_heading_level: u8) -> Option<ReaderProps> {
    let src = element.get_attribute(SRC_ATTRIBUTE)?;
    Some(ReaderProps {
        src: src.into(),
        heading_level: parse_heading_level(
            element.get_attribute(HEADING_LEVEL_ATTRIBUTE).as_deref(),
            default_heading_level,
        ),
        lang: element.get_attribute(LANG_ATTRIBUTE).map(AttrValue::from),
        related: RelatedMode::parse(element.get_attribute(RELATED_ATTRIBUTE).as_deref()),
        standalone: false,
        page_origin: page_origin(),
        on_language_change: yew::Callback::noop(),
        on_error: yew::Callback::noop(),
    })
}

fn marked_elements() -> Vec<Element> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let Ok(nodes) = document.query_selector_all(&format!("[{SRC_ATTRIBUTE}]")) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// Mounts a [`Reader`] into every element of the document that carries
/// [`SRC_ATTRIBUTE`], and returns how many it mounted.
#[allow(clippy::must_use_candidate)] // mounting is the point; the count is extra
pub fn mount_all(default_heading_level: u8) -> usize {
    install_panic_hook();
    let mut mounted = 0;
    for element in marked_elements() {
        if let Some(props) = props_for(&element, default_heading_level) {
            // The app lives as long as the page: the handle is not needed again.
            let _handle = yew::Renderer::<Reader>::with_root_and_props(element, props).render();
            mounted += 1;
        }
    }
    mounted
}

/// The standalone page: the first `[data-lectern-src]` element, title as
/// `h1`, `?article=SLUG` opening a sibling article (`../SLUG/en.json`
/// relative to the element's src) and `?lang=` choosing the version.
pub fn start_standalone() {
    install_panic_hook();
    let Some(element) = marked_elements().into_iter().next() else {
        return;
    };
    let Some(mut props) = props_for(&element, 1) else {
        return;
    };
    if let Some(slug) = crate::browser::query_param("article") {
        if let Some(slug) = article_slug(&slug) {
            if let Ok(url) =
                web_sys::Url::new_with_base(&format!("../{slug}/en.json"), &absolute(&props.src))
            {
                props.src = url.href().into();
            }
        }
    }
    if let Some(lang) = crate::browser::query_param("lang") {
        props.lang = Some(lang.into());
    }
    props.standalone = true;
    let _handle = yew::Renderer::<Reader>::with_root_and_props(element, props).render();
}

/// `src` made absolute against the page.
fn absolute(src: &str) -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|page| web_sys::Url::new_with_base(src, &page).ok())
        .map_or_else(|| src.to_owned(), |u| u.href())
}

/// Reports a panic inside each widget (an alert in its language) and on the
/// console, never by replacing the host page. Installed once.
pub fn install_panic_hook() {
    thread_local! {
        static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Lectern: {info}").into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(roots) = document.query_selector_all(".lectern") else {
            return;
        };
        for root in (0..roots.length()).filter_map(|i| roots.item(i)?.dyn_into::<Element>().ok()) {
            let lang = root
                .query_selector("[lang]")
                .ok()
                .flatten()
                .and_then(|e| e.get_attribute("lang"))
                .unwrap_or_else(|| "en".to_owned());
            let ui = UiLang::for_tag(&lang);
            let Ok(alert) = document.create_element("p") else {
                continue;
            };
            let _ = alert.set_attribute("role", "alert");
            let _ = alert.set_attribute("class", "lc-error");
            let _ = alert.set_attribute("lang", ui.tag());
            alert.set_text_content(Some(ui.strings().widget_crashed));
            root.set_text_content(None);
            let _ = root.append_child(&alert);
        }
    }));
}
