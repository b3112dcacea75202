//! Mounting the widget: the exports `lectern.js` calls (the standalone page,
//! and one widget per host element) and the events a host hears. A panic
//! aborts at once (a trap); `lectern.js` notices it and reports it in every
//! widget, so there is no panic hook here.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::{AppHandle, AttrValue, Callback};

use crate::components::RelatedMode;
use crate::{
    article_slug, heading_level_or, parse_heading_level, Reader, ReaderProps,
    HEADING_LEVEL_ATTRIBUTE, LANG_ATTRIBUTE, RELATED_ATTRIBUTE, SRC_ATTRIBUTE,
};

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

/// A widget's app, once mounted, and what it was mounted with.
struct WidgetState {
    app: Option<AppHandle<Reader>>,
    props: ReaderProps,
    destroyed: bool,
}

/// One embedded widget, as `lectern.js` holds it.
#[wasm_bindgen]
pub struct WidgetHandle {
    state: Rc<RefCell<WidgetState>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the widget and forgets it.
    pub fn destroy(&mut self) {
        let mut state = self.state.borrow_mut();
        state.destroyed = true;
        if let Some(app) = state.app.take() {
            app.destroy();
        }
    }

    /// Shows the article in `lang`, when it has that version.
    pub fn set_language(&mut self, lang: String) {
        let mut state = self.state.borrow_mut();
        state.props.lang = Some(lang.into());
        let props = state.props.clone();
        if let Some(app) = state.app.as_mut() {
            app.update(props);
        }
    }
}

/// Mounts a widget into `container` (inside `host`'s shadow root), for the
/// article at `src`. Events are dispatched on `host`. With `prerendered` (the
/// slot showing a publisher's pre-rendered article), the document is fetched
/// first and the widget then takes the slot's place.
#[wasm_bindgen]
#[must_use]
pub fn mount_widget(
    container: Element,
    host: Element,
    src: String,
    lang: Option<String>,
    heading_level: u8,
    related: Option<String>,
    prerendered: Option<Element>,
) -> WidgetHandle {
    let on_language_change = {
        let host = host.clone();
        Callback::from(move |lang: String| {
            dispatch(&host, "lectern:languagechange", "lang", &lang);
        })
    };
    let on_error = Callback::from(move |message: String| {
        dispatch(&host, "lectern:error", "message", &message);
    });
    let props = ReaderProps {
        src: src.into(),
        heading_level: heading_level_or(heading_level, 2),
        lang: lang.map(AttrValue::from),
        related: RelatedMode::parse(related.as_deref()),
        standalone: false,
        page_origin: page_origin(),
        on_language_change,
        on_error,
        initial: None,
    };
    let state = Rc::new(RefCell::new(WidgetState {
        app: None,
        props,
        destroyed: false,
    }));
    let handle = WidgetHandle {
        state: Rc::clone(&state),
    };
    let Some(slot) = prerendered else {
        start_widget(&state, container, None);
        return handle;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let src = state.borrow().props.src.clone();
        let initial = match web_sys::AbortController::new() {
            Ok(controller) => Some(
                crate::api::fetch_article(&src, &controller)
                    .await
                    .map(crate::components::Doc::new),
            ),
            Err(_) => None,
        };
        if state.borrow().destroyed {
            return;
        }
        let focus = focus_position(&host_of(&slot));
        slot.remove();
        let _ = container.remove_attribute("hidden");
        start_widget(&state, container.clone(), initial);
        restore_focus(container, focus);
    });
    handle
}

fn start_widget(
    state: &Rc<RefCell<WidgetState>>,
    container: Element,
    initial: Option<Result<crate::components::Doc, crate::error::LoadError>>,
) {
    let mut state = state.borrow_mut();
    let mut props = state.props.clone();
    props.initial = initial;
    state.app = Some(yew::Renderer::<Reader>::with_root_and_props(container, props).render());
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
    if !keep_prerendered {
        mount_replacing(element, props);
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut props = props;
        if let Ok(controller) = web_sys::AbortController::new() {
            let result = crate::api::fetch_article(&props.src, &controller).await;
            props.initial = Some(result.map(crate::components::Doc::new));
        }
        mount_replacing(element, props);
    });
}

/// Mounts the widget in place of whatever `element` holds (the pre-rendered
/// article), keeping a keyboard user's focus on the same control.
fn mount_replacing(element: Element, props: ReaderProps) {
    let focus = focus_position(&element);
    element.set_text_content(None);
    let _app = yew::Renderer::<Reader>::with_root_and_props(element.clone(), props).render();
    restore_focus(element, focus);
}

/// What a reader can focus, in document order.
const FOCUSABLE: &str = "a[href], button, [tabindex]";

/// The host element of a slot's shadow root (the element the publisher wrote).
fn host_of(slot: &Element) -> Element {
    slot.get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .map_or_else(|_| slot.clone(), |root| root.host())
}

/// The index, among the focusable elements under `root`, of the one that
/// has focus, if focus is under `root`.
fn focus_position(root: &Element) -> Option<u32> {
    let active = web_sys::window()?.document()?.active_element()?;
    if !root.contains(Some(&active)) {
        return None;
    }
    let all = root.query_selector_all(FOCUSABLE).ok()?;
    (0..all.length()).find(|&i| all.item(i).is_some_and(|node| node == *active))
}

/// After the widget's first render, focuses the control at `index` under `root`.
fn restore_focus(root: Element, index: Option<u32>) {
    let Some(index) = index else { return };
    crate::browser::when_idle(move || {
        if let Some(element) = root
            .query_selector_all(FOCUSABLE)
            .ok()
            .and_then(|all| all.item(index))
            .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

/// `src` made absolute against the page.
fn absolute(src: &str) -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|page| web_sys::Url::new_with_base(src, &page).ok())
        .map_or_else(|| src.to_owned(), |u| u.href())
}

/// Panics on purpose, for the test that a panic is reported in every
/// widget on the page (`e2e/embed.test.mjs`). Nothing calls it otherwise.
#[doc(hidden)]
#[wasm_bindgen]
pub fn lectern_test_panic() {
    panic!("lectern_test_panic");
}
