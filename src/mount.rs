//! Mounting the widget: the one export `lectern.js` calls for every widget
//! (the standalone page's and each embed's), and the handle it keeps.
//! `lectern.js` resolves what a page says (attributes, `?lang=`,
//! `?article=`, the pre-render's inline JSON, the element's events) into
//! one options object: JavaScript does that in fewer bytes than the wasm.
//! A panic aborts at once (a trap); `lectern.js` notices it and reports it
//! in every widget, so there is no panic hook here.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;
use yew::{AppHandle, AttrValue, Callback};

use crate::fence::Fence;
use crate::reader::state::{Action, Prefs};
use crate::reader::{initial_state, reader_view, ReaderView};
use crate::views::article::{Handlers, Refs};
use crate::views::{Doc, RelatedMode};
use crate::{Reader, ReaderProps};

/// A Yew app and the element it renders into (its subtree's host).
struct Live {
    host: Element,
    app: AppHandle<Widget>,
}

/// A widget's app, once mounted, and its command channel.
#[derive(Default)]
struct WidgetState {
    app: Option<Live>,
    /// Destroyed before it went live: the takeover stops where it is.
    destroyed: bool,
    commands: Option<Callback<Action>>,
    /// `setLanguage` calls made before the widget was ready.
    queued: Vec<String>,
}

/// One widget, as `lectern.js` holds it.
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
        state.destroyed = true;
        if let Some(live) = state.app.take() {
            retire(live);
        }
    }

    /// Shows the article in the version that best matches `lang` (a
    /// command, negotiated like `data-lectern-lang`: `zh-TW` gives 繁體; a
    /// pair `en+zh-Hans` shows two).
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
fn prefs(storage: bool, options: &JsValue) -> Rc<Prefs> {
    let text = |key: &str| {
        js_sys::Reflect::get(options, &key.into())
            .ok()
            .and_then(|v| v.as_string())
            .filter(|v| !v.trim().is_empty())
    };
    // `{ TAG: URL }`: the catalogs `lectern.js` ships beside itself.
    let catalogs = js_sys::Reflect::get(options, &"catalogs".into())
        .ok()
        .filter(JsValue::is_object)
        .map(|map| {
            js_sys::Object::entries(map.unchecked_ref())
                .iter()
                .filter_map(|entry| {
                    let pair = js_sys::Array::from(&entry);
                    Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
                })
                .collect()
        })
        .unwrap_or_default();
    Rc::new(Prefs {
        ui_lang: text("uiLang"),
        catalogs,
        strings: text("strings"),
        stored: storage.then(crate::browser::stored_language).flatten(),
        browser: crate::browser::browser_languages(),
        // Chosen on this page already, else stored.
        settings: crate::widgets::settings()
            .or_else(|| storage.then(crate::browser::stored_settings).flatten())
            .unwrap_or_default(),
    })
}

/// The app's root: the Reader, keyed, so that an app taken from the pool
/// starts a Reader afresh (every hook new); none while the app waits in the
/// pool; or the warm-up paragraph (see [`warm_up`]).
#[derive(yew::Properties, PartialEq)]
pub struct WidgetProps {
    reader: Option<ReaderProps>,
    generation: u32,
}

/// The generation of a warm-up app.
const WARM_UP: u32 = u32::MAX;

#[yew::component]
fn Widget(props: &WidgetProps) -> yew::Html {
    match &props.reader {
        Some(reader) => yew::html! { <Reader key={props.generation} ..reader.clone() /> },
        None if props.generation == WARM_UP => warm_view(),
        None => yew::Html::default(),
    }
}

/// The throwaway paragraph of [`warm_up`], with a listener (Yew's
/// listener code is compiled too).
fn warm_view() -> yew::Html {
    let onclick = Callback::from(|_: yew::MouseEvent| ());
    yew::html! { <p class="lc-warm" {onclick}>{ "·" }</p> }
}

/// Hydrates a throwaway paragraph in a detached element, so that the
/// browser compiles Yew's hydration code (a phone compiles each wasm
/// function on its first call) in a task of its own before the article's
/// hydration, not in it; once a page (`None` after). Destroy the app it
/// returns in a later task.
fn warm_up() -> Option<AppHandle<Widget>> {
    // Once a page: the code stays compiled (and Yew keeps every app's
    // event registry for the page's life; see `POOL`).
    if WARMED.with(|warmed| warmed.replace(true)) {
        return None;
    }
    let document = web_sys::window()?.document()?;
    let root = document.create_element("div").ok()?;
    let p = document.create_element("p").ok()?;
    p.set_class_name("lc-warm");
    p.set_text_content(Some("·"));
    root.append_with_node_1(&p).ok()?;
    // Checked like an article's pre-render: a paragraph built here that
    // the view no longer renders would make Yew's hydration trap.
    if !crate::hydrate::fits_root(&root, &warm_view()) || !crate::hydrate::mark(&root, 1) {
        return None;
    }
    let props = WidgetProps {
        reader: None,
        generation: WARM_UP,
    };
    Some(yew::Renderer::<Widget>::with_root_and_props(root, props).hydrate())
}

thread_local! {
    /// Apps of destroyed widgets, for the next widgets. Yew never removes a
    /// subtree's delegated event listeners (they are "static": see
    /// `HostHandlers::add_listener` in Yew 0.23's `subtree_root.rs`), so an
    /// app made for every widget would keep every one's memory for the
    /// page's life; a single-page host mounts one on every route change.
    static POOL: std::cell::RefCell<Vec<Live>> = const { std::cell::RefCell::new(Vec::new()) };
    static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// Whether [`warm_up`] has run on this page.
    static WARMED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The pool keeps at most this many apps (more widgets at once than that
/// are destroyed for good).
const POOL_SIZE: usize = 8;

fn generation() -> u32 {
    GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    })
}

/// A destroyed widget's app, emptied and out of the page, back to the pool.
fn retire(mut live: Live) {
    live.app.update(WidgetProps {
        reader: None,
        generation: 0,
    });
    live.host.remove();
    POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        if pool.len() < POOL_SIZE {
            pool.push(live);
        } else {
            live.app.destroy();
        }
    });
}

/// Starts the widget in `root`: hydrates a pre-render that is exactly what
/// the widget's first view would be, else replaces it (telling
/// `replacing(true)` before and `replacing(false)` once rendered, so that
/// `lectern.js` keeps a keyboard user's focus on the same control). The
/// check and the hydration are tasks of their own (see [`mount_widget`]):
/// should anything change the pre-render in between, it is replaced. A
/// replacing widget takes an app from the pool when there is one.
async fn start(root: &Element, props: ReaderProps, replacing: Option<js_sys::Function>) -> Live {
    let widget = |reader: ReaderProps| WidgetProps {
        reader: Some(reader),
        generation: generation(),
    };
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
        if crate::hydrate::fits_root(root, &view) {
            crate::browser::next_task().await;
            // Checked again (the code is compiled now: it is quick); the
            // app's root and the Reader each take their markers.
            if crate::hydrate::fits_root(root, &view) && crate::hydrate::mark(root, 2) {
                let app = yew::Renderer::<Widget>::with_root_and_props(root.clone(), widget(props))
                    .hydrate();
                return Live {
                    host: root.clone(),
                    app,
                };
            }
        }
    }
    let tell = |on: bool| {
        if let Some(f) = &replacing {
            let _ = f.call1(&JsValue::NULL, &on.into());
        }
    };
    tell(true);
    root.set_text_content(None);
    let live = match POOL.with(|pool| pool.borrow_mut().pop()) {
        Some(mut live) => {
            let _ = root.append_with_node_1(&live.host);
            live.app.update(widget(props));
            live
        }
        None => Live {
            host: root.clone(),
            app: yew::Renderer::<Widget>::with_root_and_props(root.clone(), widget(props)).render(),
        },
    };
    // Yew renders at the end of the microtasks: after it.
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL)).await;
    tell(false);
    live
}

/// Mounts a widget into `container` with `lectern.js`'s options, resolved:
/// `src` (absolute), `lang`, `headingLevel`, `related`, `allow`,
/// `credentials`, `storage`, `pages`, `standalone`, `json` (the
/// pre-render's document, when it carries one), `emit(name, a, b, c)` (the
/// element's `lectern:*` events), `settled(article)` (the widget shows an
/// article, or only an alert)
/// and `replacing(on)` (see `start`).
///
/// Going live is split into tasks, so that none blocks the page for long
/// (a phone compiles each wasm function on its first call, which costs
/// more than running it): the reader's preferences; a throwaway hydration
/// that compiles Yew's ([`warm_up`]); the pre-render's document, parsed
/// and checked; the first view, checked against the pre-render; the
/// hydration (or the first render) and its effects.
#[wasm_bindgen]
#[must_use]
pub fn mount_widget(container: Element, options: &JsValue) -> WidgetHandle {
    let state = Rc::new(RefCell::new(WidgetState::default()));
    let (task, options) = (Rc::clone(&state), options.clone());
    wasm_bindgen_futures::spawn_local(async move {
        crate::browser::next_task().await;
        let Some(props) = props(&options, &task) else {
            return;
        };
        crate::browser::next_task().await;
        let json = js_sys::Reflect::get(&options, &"json".into())
            .ok()
            .and_then(|v| v.as_string());
        // A pre-render to hydrate: the page's first one warms Yew up.
        if let Some(warm) = json.as_ref().and_then(|_| warm_up()) {
            crate::browser::next_task().await;
            warm.destroy();
        }
        if task.borrow().destroyed {
            return;
        }
        // The pre-render's UI catalog: its words from the first frame.
        if let Some(catalog) = js_sys::Reflect::get(&options, &"catalog".into())
            .ok()
            .and_then(|v| v.as_string())
            .and_then(|text| crate::api::catalog_from(&text).ok())
        {
            crate::i18n::catalog::register(catalog);
        }
        let initial = json
            .and_then(|json| crate::api::article_from(&json, &props.src).ok())
            .map(|mut article| {
                props.fence.apply(&mut article);
                Doc::new(article)
            });
        crate::browser::next_task().await;
        let replacing = js_sys::Reflect::get(&options, &"replacing".into())
            .ok()
            .and_then(|v| v.dyn_into().ok());
        if task.borrow().destroyed {
            return;
        }
        let live = start(&container, ReaderProps { initial, ..props }, replacing).await;
        let mut task = task.borrow_mut();
        if task.destroyed {
            // Destroyed while it was being started.
            retire(live);
        } else {
            task.app = Some(live);
        }
    });
    WidgetHandle { state }
}

/// The Reader's props from `lectern.js`'s options (all but the initial
/// document); `None` once the widget has been destroyed.
fn props(options: &JsValue, handle: &Rc<RefCell<WidgetState>>) -> Option<ReaderProps> {
    if handle.borrow().destroyed {
        return None;
    }
    let get = |key: &str| js_sys::Reflect::get(options, &key.into()).ok();
    let text = |key: &str| get(key).and_then(|v| v.as_string());
    let function = |key: &str| get(key).and_then(|v| v.dyn_into::<js_sys::Function>().ok());
    let src = text("src").unwrap_or_default();
    let storage = text("storage").is_none_or(|s| !s.trim().eq_ignore_ascii_case("off"));
    let origin = web_sys::window().and_then(|w| w.location().origin().ok());
    let fence = Fence::new(
        &src,
        text("allow").as_deref(),
        text("credentials").as_deref(),
        origin.as_deref(),
    );
    let level = get("headingLevel").and_then(|v| v.as_f64());
    let emit = {
        let emit = function("emit");
        move |name: &str, a: JsValue, b: JsValue, c: JsValue| {
            if let Some(emit) = &emit {
                let _ = emit.call4(&JsValue::NULL, &name.into(), &a, &b, &c);
            }
        }
    };
    let emit = Rc::new(emit);
    let on_ready = {
        let state = Rc::clone(handle);
        Callback::from(move |commands: Callback<Action>| {
            let queued = std::mem::take(&mut state.borrow_mut().queued);
            for lang in queued {
                commands.emit(Action::SetLanguage(lang));
            }
            state.borrow_mut().commands = Some(commands);
        })
    };
    Some(ReaderProps {
        src: src.into(),
        heading_level: (1..=6_u8)
            .find(|&l| Some(f64::from(l)) == level)
            .unwrap_or(2),
        lang: text("lang").map(AttrValue::from),
        related: RelatedMode::parse(text("related").as_deref()),
        standalone: get("standalone").is_some_and(|v| v.is_truthy()),
        page_origin: origin.map(AttrValue::from),
        prefs: prefs(storage, options),
        storage,
        on_language_change: {
            let emit = Rc::clone(&emit);
            Callback::from(move |lang: String| {
                emit(
                    "languagechange",
                    lang.into(),
                    JsValue::UNDEFINED,
                    JsValue::UNDEFINED,
                );
            })
        },
        on_error: {
            let emit = Rc::clone(&emit);
            Callback::from(move |(message, saved): (String, bool)| {
                emit("error", message.into(), saved.into(), JsValue::UNDEFINED);
            })
        },
        initial: None,
        on_ready,
        on_settled: {
            let settled = function("settled");
            Callback::from(move |article: bool| {
                if let Some(settled) = &settled {
                    let _ = settled.call1(&JsValue::NULL, &article.into());
                }
            })
        },
        fence: Rc::new(fence),
        on_load: Callback::from(move |(id, lang, source): (String, String, &'static str)| {
            emit("load", id.into(), lang.into(), source.into());
        }),
        id_prefix: None,
        pages: text("pages").map(AttrValue::from),
    })
}

/// Panics on purpose, for the test that a panic is reported in every
/// widget on the page (`e2e/embed.test.mjs`). Nothing calls it otherwise.
#[doc(hidden)]
#[wasm_bindgen]
pub fn lectern_test_panic() {
    panic!("lectern_test_panic");
}
