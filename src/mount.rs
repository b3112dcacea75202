//! Mounting the widget: the exports `lectern.js` calls (the standalone page,
//! and one widget per host element) and the events a host hears. A panic
//! aborts at once (a trap); `lectern.js` notices it and reports it in every
//! widget, so there is no panic hook here.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::Element;
use yew::{AppHandle, AttrValue, Callback};

use crate::fence::Fence;
use crate::reader::state::{Action, Prefs};
use crate::reader::{initial_state, reader_view, ReaderView};
use crate::views::article::{Handlers, Refs};
use crate::views::{Doc, RelatedMode};
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

/// Dispatches a bubbling, composed `CustomEvent` named `name` on `host`,
/// with `detail` `{ key: value, … }`.
fn dispatch(host: &Element, name: &str, fields: &[(&str, JsValue)]) {
    let detail = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&detail, &(*key).into(), value);
    }
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// A widget's app, once mounted, and its command channel.
#[derive(Default)]
struct WidgetState {
    app: Option<AppHandle<Reader>>,
    commands: Option<Callback<Action>>,
    /// `setLanguage` calls made before the widget was ready.
    queued: Vec<String>,
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
        state.commands = None;
        if let Some(app) = state.app.take() {
            app.destroy();
        }
    }

    /// Shows the article in the version that best matches `lang` (a
    /// command, negotiated like `data-lectern-lang`: `zh-TW` gives 繁體).
    pub fn set_language(&mut self, lang: String) {
        let mut state = self.state.borrow_mut();
        match &state.commands {
            Some(commands) => commands.emit(Action::SetLanguage(lang)),
            None => state.queued.push(lang),
        }
    }
}

/// The reader's own preferences, from the browser (what is stored only
/// where the widget may use storage).
fn prefs(storage: bool) -> Rc<Prefs> {
    Rc::new(Prefs {
        stored: storage.then(crate::browser::stored_language).flatten(),
        browser: crate::browser::browser_languages(),
        // Chosen on this page already, else stored.
        settings: crate::widgets::settings()
            .or_else(|| storage.then(crate::browser::stored_settings).flatten())
            .unwrap_or_default(),
    })
}

/// The article a pre-render carries: its JSON, inlined in the page as
/// `<script type="application/json" data-lectern-article>` under `root`
/// (removed from the page once read), checked like a fetched one; its
/// relative URLs resolve against `src`.
fn inline_article(root: &Element, src: &str, fence: &Fence) -> Option<Doc> {
    let script = root
        .query_selector("script[type=\"application/json\"][data-lectern-article]")
        .ok()??;
    script.remove();
    let text = script.text_content()?;
    let mut article = crate::api::article_from(&text, src).ok()?;
    fence.apply(&mut article);
    Some(Doc::new(article))
}

/// `lectern:load` on `element` for every document shown: the article's id,
/// its language and where it came from.
fn on_load(element: &Element) -> Callback<(String, String, &'static str)> {
    let element = element.clone();
    Callback::from(move |(id, lang, source): (String, String, &'static str)| {
        dispatch(
            &element,
            "lectern:load",
            &[
                ("id", id.into()),
                ("lang", lang.into()),
                ("source", source.into()),
            ],
        );
    })
}

/// `lectern:error` on `element` for every failure: a message for
/// developers, and whether the reader sees a saved copy instead.
fn on_error(element: &Element) -> Callback<(String, bool)> {
    let element = element.clone();
    Callback::from(move |(message, saved): (String, bool)| {
        dispatch(
            &element,
            "lectern:error",
            &[("message", message.into()), ("saved", saved.into())],
        );
    })
}

/// Starts the widget in `root` (which holds a pre-render when
/// `props.initial` is set): hydrates the pre-render when it is exactly what
/// the widget's first view would be, else replaces it, keeping a keyboard
/// user's focus on the same control.
fn start(root: &Element, props: ReaderProps) -> AppHandle<Reader> {
    if props.initial.is_some() {
        let view = reader_view(
            &initial_state(&props),
            &ReaderView {
                props: &props,
                id_prefix: "",
                refs: &Refs::default(),
                handlers: &Handlers::default(),
                on_retry: &Callback::noop(),
            },
        );
        if crate::hydrate::prepare(root, &view) {
            return yew::Renderer::<Reader>::with_root_and_props(root.clone(), props).hydrate();
        }
    }
    let focus = focus_position(root);
    root.set_text_content(None);
    let app = yew::Renderer::<Reader>::with_root_and_props(root.clone(), props).render();
    restore_focus(root, focus);
    app
}

/// What a widget is mounted with, from its element's attributes or the JS
/// API's options.
struct Settings {
    lang: Option<String>,
    heading_level: u8,
    related: Option<String>,
    allow: Option<String>,
    credentials: Option<String>,
    storage: Option<String>,
    pages: Option<String>,
}

/// The Reader's props for the document at `src` (absolute), with events
/// dispatched on `events`; `initial` finds the pre-render's document, within
/// the widget's fence.
fn widget_props(
    events: &Element,
    src: String,
    settings: Settings,
    standalone: bool,
    initial: &dyn Fn(&str, &Fence) -> Option<Doc>,
) -> ReaderProps {
    let storage = !settings
        .storage
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("off"));
    let origin = page_origin();
    let fence = Fence::new(
        &src,
        settings.allow.as_deref(),
        settings.credentials.as_deref(),
        origin.as_deref(),
    );
    let initial = initial(&src, &fence);
    let on_language_change = {
        let element = events.clone();
        Callback::from(move |lang: String| {
            dispatch(&element, "lectern:languagechange", &[("lang", lang.into())]);
        })
    };
    ReaderProps {
        src: src.into(),
        heading_level: settings.heading_level,
        lang: settings.lang.map(AttrValue::from),
        related: RelatedMode::parse(settings.related.as_deref()),
        standalone,
        page_origin: origin,
        prefs: prefs(storage),
        storage,
        on_language_change,
        on_error: on_error(events),
        initial,
        on_ready: Callback::noop(),
        on_settled: Callback::noop(),
        fence: Rc::new(fence),
        on_load: on_load(events),
        id_prefix: None,
        pages: settings.pages.map(AttrValue::from),
    }
}

/// Mounts a widget into `container` (inside `host`'s shadow root), for the
/// article at `src`. Events are dispatched on `host`.
///
/// A pre-render inside `container` (declarative shadow DOM) is hydrated or
/// replaced. A pre-render in the page (`slot`, shown through a `<slot>`)
/// gives way once the widget shows something: at once when it carries its
/// JSON, else when the document has arrived.
///
/// `options` is `lectern.js`'s options object: `src`, `lang`, `headingLevel`,
/// `related`, `allow`, `credentials`, `storage` (one object costs less, in
/// the wasm and in the glue, than as many arguments).
#[wasm_bindgen]
#[must_use]
pub fn mount_widget(
    container: Element,
    host: Element,
    slot: Option<Element>,
    options: &JsValue,
) -> WidgetHandle {
    let option = |key: &str| {
        js_sys::Reflect::get(options, &key.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let level = js_sys::Reflect::get(options, &"headingLevel".into())
        .ok()
        .and_then(|v| v.as_f64());
    let handle_state = Rc::new(RefCell::new(WidgetState::default()));
    let on_ready = {
        let state = Rc::clone(&handle_state);
        Callback::from(move |commands: Callback<Action>| {
            let queued = std::mem::take(&mut state.borrow_mut().queued);
            for lang in queued {
                commands.emit(Action::SetLanguage(lang));
            }
            state.borrow_mut().commands = Some(commands);
        })
    };
    let settings = Settings {
        // `?lang=` on the page (what a pre-rendered language link asks for)
        // counts when the widget's language is `auto`.
        lang: option("lang")
            .filter(|l| !l.eq_ignore_ascii_case("auto"))
            .or_else(|| crate::browser::query_param("lang")),
        heading_level: (1..=6_u8)
            .find(|&l| Some(f64::from(l)) == level)
            .unwrap_or(2),
        related: option("related"),
        allow: option("allow"),
        credentials: option("credentials"),
        storage: option("storage"),
        pages: None,
    };
    // Made absolute once, here: every later request and the cache use it.
    let src = absolute(&option("src").unwrap_or_default());
    let props = ReaderProps {
        on_ready,
        ..widget_props(&host, src, settings, false, &|src, fence| {
            inline_article(&container, src, fence).or_else(|| {
                slot.as_ref()
                    .and_then(|slot| inline_article(&host_of(slot), src, fence))
            })
        })
    };
    let Some(slot) = slot else {
        handle_state.borrow_mut().app = Some(start(&container, props));
        return WidgetHandle {
            state: handle_state,
        };
    };
    // The page's pre-render (through the slot) gives way to the widget once
    // the widget shows something: at once when the pre-render carried its
    // JSON, else when the document has arrived (a pre-render made by an
    // older release).
    let reveal = {
        let container = container.clone();
        let pending = Cell::new(Some(slot));
        Callback::from(move |()| {
            if let Some(slot) = pending.take() {
                let focus = focus_position(&host_of(&slot));
                slot.remove();
                let _ = container.remove_attribute("hidden");
                restore_focus(&container, focus);
            }
        })
    };
    container.set_text_content(None);
    let props = ReaderProps {
        on_settled: reveal,
        ..props
    };
    let app = yew::Renderer::<Reader>::with_root_and_props(container, props).render();
    handle_state.borrow_mut().app = Some(app);
    WidgetHandle {
        state: handle_state,
    }
}

/// The standalone page: the element marked `data-lectern-standalone`, title
/// as `h1`, `?article=SLUG` opening a sibling article (`../SLUG/en.json`
/// relative to the element's src) and `?lang=` choosing the version.
///
/// The build pre-renders the default article into the element, with its
/// JSON: the widget hydrates it in place (or replaces it when it does not
/// match), and fetches only a version the reader prefers to it.
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
    let src = absolute(&src);
    // `?article=SLUG`: a sibling of the pre-rendered article.
    let other = crate::browser::query_param("article")
        .as_deref()
        .and_then(article_slug)
        .and_then(|slug| web_sys::Url::new_with_base(&format!("../{slug}/en.json"), &src).ok())
        .map(|url| url.href());
    let settings = Settings {
        lang: crate::browser::query_param("lang").or_else(|| element.get_attribute(LANG_ATTRIBUTE)),
        heading_level: parse_heading_level(
            element.get_attribute(HEADING_LEVEL_ATTRIBUTE).as_deref(),
            1,
        ),
        related: element.get_attribute(RELATED_ATTRIBUTE),
        allow: element.get_attribute("data-lectern-allow"),
        credentials: element.get_attribute("data-lectern-credentials"),
        storage: element.get_attribute("data-lectern-storage"),
        pages: element.get_attribute("data-lectern-pages"),
    };
    // With `?article=`, the pre-render (hidden before the first paint) is
    // replaced, never hydrated.
    let fetch_only = other.is_some();
    let props = widget_props(
        &element,
        other.unwrap_or(src),
        settings,
        true,
        &|src, fence| {
            (!fetch_only)
                .then(|| inline_article(&element, src, fence))
                .flatten()
        },
    );
    // The page lives as long as the widget.
    std::mem::forget(start(&element, props));
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

/// Right after the widget's first render (which is synchronous), focuses
/// the control at `index` under `root`, before the reader can press a key.
fn restore_focus(root: &Element, index: Option<u32>) {
    let Some(index) = index else { return };
    if let Some(element) = root
        .query_selector_all(FOCUSABLE)
        .ok()
        .and_then(|all| all.item(index))
        .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
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
