//! Mounting the widget: the exports `lectern.js` calls (the standalone page,
//! and one widget per host element), the events a host hears, and a panic
//! hook that reports inside the widgets instead of touching the host page.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::{AppHandle, AttrValue, Callback};

use crate::components::RelatedMode;
use crate::i18n::UiLang;
use crate::{
    article_slug, parse_heading_level, Reader, ReaderProps, HEADING_LEVEL_ATTRIBUTE,
    LANG_ATTRIBUTE, RELATED_ATTRIBUTE, SRC_ATTRIBUTE,
};

thread_local! {
    /// The elements widgets render into, for the panic hook.
    static ROOTS: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
}

fn page_origin() -> Option<AttrValue> {
    web_sys::window()?
        .location()
        .origin()
        .ok()
        .map(AttrValue::from)
}

/// Dispatches a bubbling, composed `CustomEvent` named `name` on `host`,
/// with `detail` `{ key: value }`.
fn dispatch(host: &Element, name: &str, key: &str, value: &str) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &key.into(), &value.into());
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// One embedded widget, as `lectern.js` holds it.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<Reader>>,
    props: ReaderProps,
    container: Element,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the widget and forgets it.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        let container = self.container.clone();
        ROOTS.with(|roots| roots.borrow_mut().retain(|r| *r != container));
    }

    /// Shows the article in `lang`, when it has that version.
    pub fn set_language(&mut self, lang: String) {
        if let Some(app) = self.app.as_mut() {
            self.props.lang = Some(lang.into());
            app.update(self.props.clone());
        }
    }
}

/// Mounts a widget into `container` (inside `host`'s shadow root), for the
/// article at `src`. Events are dispatched on `host`.
#[wasm_bindgen]
#[must_use]
pub fn mount_widget(
    container: Element,
    host: Element,
    src: String,
    lang: Option<String>,
    heading_level: u8,
    related: Option<String>,
) -> WidgetHandle {
    install_panic_hook();
    let on_language_change = {
        let host = host.clone();
        Callback::from(move |lang: String| dispatch(&host, "lectern:languagechange", "lang", &lang))
    };
    let on_error = Callback::from(move |message: String| {
        dispatch(&host, "lectern:error", "message", &message);
    });
    let props = ReaderProps {
        src: src.into(),
        heading_level: parse_heading_level(Some(&heading_level.to_string()), 2),
        lang: lang.map(AttrValue::from),
        related: RelatedMode::parse(related.as_deref()),
        standalone: false,
        page_origin: page_origin(),
        on_language_change,
        on_error,
        initial: None,
    };
    ROOTS.with(|roots| roots.borrow_mut().push(container.clone()));
    let app =
        yew::Renderer::<Reader>::with_root_and_props(container.clone(), props.clone()).render();
    WidgetHandle {
        app: Some(app),
        props,
        container,
    }
}

/// The standalone page: the element marked `data-lectern-standalone`, title
/// as `h1`, `?article=SLUG` opening a sibling article (`../SLUG/en.json`
/// relative to the element's src) and `?lang=` choosing the version.
///
/// The build pre-renders the default article into the element, so it is
/// readable before the wasm arrives. When that is what the reader asked for,
/// it stays on screen while the document is fetched, and the widget then
/// takes its place with the same markup; otherwise it gives way at once.
#[wasm_bindgen]
pub fn start_standalone() {
    install_panic_hook();
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-lectern-standalone]").ok().flatten())
    else {
        return;
    };
    let Some(src) = element.get_attribute(SRC_ATTRIBUTE) else {
        return;
    };
    let mut src = absolute(&src);
    let mut keep_prerendered = element.child_element_count() > 0;
    if let Some(slug) = crate::browser::query_param("article") {
        if let Some(slug) = article_slug(&slug) {
            if let Ok(url) = web_sys::Url::new_with_base(&format!("../{slug}/en.json"), &src) {
                src = url.href();
                keep_prerendered = false;
            }
        }
    }
    let lang =
        crate::browser::query_param("lang").or_else(|| element.get_attribute(LANG_ATTRIBUTE));
    let prerendered_lang = element
        .query_selector("article[lang]")
        .ok()
        .flatten()
        .and_then(|a| a.get_attribute("lang"));
    if lang.is_some() && lang != prerendered_lang {
        keep_prerendered = false;
    }
    let props = ReaderProps {
        src: src.into(),
        heading_level: parse_heading_level(
            element.get_attribute(HEADING_LEVEL_ATTRIBUTE).as_deref(),
            1,
        ),
        lang: lang.map(AttrValue::from),
        related: RelatedMode::parse(element.get_attribute(RELATED_ATTRIBUTE).as_deref()),
        standalone: true,
        page_origin: page_origin(),
        on_language_change: Callback::noop(),
        on_error: Callback::noop(),
        initial: None,
    };
    ROOTS.with(|roots| roots.borrow_mut().push(element.clone()));
    if !keep_prerendered {
        mount_replacing(element, props);
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut props = props;
        if let Ok(controller) = web_sys::AbortController::new() {
            let result = crate::api::fetch_article(&props.src, &controller).await;
            props.initial = Some(result.map(std::rc::Rc::new));
        }
        mount_replacing(element, props);
    });
}

/// Mounts the widget in place of whatever `element` holds.
fn mount_replacing(element: Element, props: ReaderProps) {
    element.set_text_content(None);
    let _app = yew::Renderer::<Reader>::with_root_and_props(element, props).render();
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
        let roots = ROOTS.with(|roots| roots.borrow().clone());
        for root in roots {
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
            let _ = alert.set_attribute("class", "lectern lc-error");
            let _ = alert.set_attribute("lang", ui.tag());
            alert.set_text_content(Some(ui.strings().widget_crashed));
            root.set_text_content(None);
            let _ = root.append_child(&alert);
        }
    }));
}
