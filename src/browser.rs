//! Small wrappers over the browser APIs the widget uses, for effects and
//! event handlers only (views render without a browser). Every one
//! fails quietly: a blocked storage or an old browser never stops reading.

use wasm_bindgen::JsCast;

use crate::reader::state::Passage;
use web_sys::{Element, HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// The key under which the reader's language choice is stored.
pub const STORAGE_KEY: &str = "lectern:lang";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The reader's stored language choice, if storage is allowed and holds one.
#[must_use]
pub fn stored_language() -> Option<String> {
    window()?
        .local_storage()
        .ok()??
        .get_item(STORAGE_KEY)
        .ok()?
}

/// Stores the reader's language choice; does nothing where storage is blocked.
pub fn store_language(lang: &str) {
    if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(STORAGE_KEY, lang);
    }
}

/// `navigator.languages`, most preferred first.
#[must_use]
pub fn browser_languages() -> Vec<String> {
    let Some(window) = window() else {
        return Vec::new();
    };
    window
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

/// Where saved copies live: `lectern:saved:` and the document's URL.
pub const SAVED_PREFIX: &str = "lectern:saved:";
/// At most this many bytes of saved copies in all (UTF-16, as storage
/// counts them), so that the host's own storage never fills because of us.
pub const SAVED_LIMIT: usize = 512 * 1024;

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok()?
}

/// Keeps `text`, the JSON of the document at `url`, as its saved copy,
/// dated `date`; evicts the oldest copies to stay under [`SAVED_LIMIT`].
/// Fails quietly (blocked, full, or too large to keep).
pub fn save_copy(url: &str, date: &str, text: &str) {
    let Some(storage) = storage() else { return };
    let key = format!("{SAVED_PREFIX}{url}");
    let size = |k: &str, v: &str| (k.encode_utf16().count() + v.encode_utf16().count()) * 2;
    let value = format!("{date}\n{text}");
    let needed = size(&key, &value);
    if needed > SAVED_LIMIT {
        return;
    }
    // The other copies: the oldest go first while we would be over.
    let mut copies: Vec<(String, String, usize)> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(SAVED_PREFIX) && *k != key)
        .filter_map(|k| {
            let v = storage.get_item(&k).ok()??;
            let date = v.split('\n').next().unwrap_or_default().to_owned();
            let bytes = size(&k, &v);
            Some((k, date, bytes))
        })
        .collect();
    let mut total: usize = copies.iter().map(|c| c.2).sum::<usize>() + needed;
    while total > SAVED_LIMIT {
        let Some(oldest) = (0..copies.len()).min_by(|&a, &b| copies[a].1.cmp(&copies[b].1)) else {
            break;
        };
        let (k, _, bytes) = copies.swap_remove(oldest);
        let _ = storage.remove_item(&k);
        total -= bytes;
    }
    let _ = storage.set_item(&key, &value);
}

/// The saved copy of the document at `url`: its date and its JSON.
#[must_use]
pub fn saved_copy(url: &str) -> Option<(String, String)> {
    let value = storage()?
        .get_item(&format!("{SAVED_PREFIX}{url}"))
        .ok()??;
    let (date, text) = value.split_once('\n')?;
    Some((date.to_owned(), text.to_owned()))
}

/// Today's date and time, ISO 8601 (UTC).
#[must_use]
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Whether the reader asked to save data (`navigator.connection.saveData`,
/// the `Save-Data` preference).
#[must_use]
pub fn saves_data() -> bool {
    window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"connection".into()).ok())
        .filter(wasm_bindgen::JsValue::is_object)
        .and_then(|c| js_sys::Reflect::get(&c, &"saveData".into()).ok())
        .is_some_and(|v| v.is_truthy())
}

/// Whether the reader asked for reduced motion.
#[must_use]
pub fn prefers_reduced_motion() -> bool {
    window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Scrolls `element` to the top of the viewport, smoothly unless the reader
/// prefers reduced motion.
pub fn scroll_to(element: &Element) {
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(if prefers_reduced_motion() {
        ScrollBehavior::Instant
    } else {
        ScrollBehavior::Smooth
    });
    options.set_block(ScrollLogicalPosition::Start);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Moves focus to `element` without scrolling to it.
pub fn focus_without_scroll(element: &Element) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

/// The body blocks of the article under `root`, in order.
fn body_blocks(root: &Element) -> Option<web_sys::NodeList> {
    root.query_selector_all(".lc-article__body > *").ok()
}

/// The passage in view: the first body block under `root` whose bottom is
/// below the top of the viewport (its id, and its position for documents
/// without ids), and how far its top is from there.
#[must_use]
pub fn passage_in_view(root: &Element) -> Option<Passage> {
    let blocks = body_blocks(root)?;
    (0..blocks.length()).find_map(|index| {
        let block = blocks.item(index)?.dyn_into::<Element>().ok()?;
        let rect = block.get_bounding_client_rect();
        (rect.bottom() > 0.0).then(|| Passage {
            id: block.get_attribute("data-block-id"),
            index,
            top: rect.top(),
        })
    })
}

/// Scrolls so the passage's block under `root` is where it was, instantly:
/// the block with the same id, or (without ids) at the same position.
pub fn restore_passage(root: &Element, passage: &Passage) {
    let Some(window) = window() else { return };
    let by_id = passage.id.as_ref().and_then(|id| {
        let selector = format!("[data-block-id=\"{}\"]", id.replace(['"', '\\'], ""));
        root.query_selector(&selector).ok().flatten()
    });
    let block = by_id.or_else(|| {
        body_blocks(root)?
            .item(passage.index)?
            .dyn_into::<Element>()
            .ok()
    });
    if let Some(block) = block {
        let now = block.get_bounding_client_rect().top();
        window.scroll_by_with_x_and_y(0.0, now - passage.top);
    }
}

/// Whether `element`'s computed style has a value for the custom property
/// `name` (a host's `--lectern-*` setting).
#[must_use]
pub fn sets_property(element: &Element, name: &str) -> bool {
    window()
        .and_then(|w| w.get_computed_style(element).ok().flatten())
        .and_then(|style| style.get_property_value(name).ok())
        .is_some_and(|value| !value.trim().is_empty())
}

/// The standalone page follows the article: `<html lang dir>`, the document's
/// title, and `?lang=` (the language, or the pair `choice`) so a reader can
/// share what they read (without a new history entry; not on a published
/// page, whose own URL is that).
pub fn reflect_standalone(lang: &str, title: &str, choice: &str, query: bool) {
    let Some(window) = window() else { return };
    if let Some(document) = window.document() {
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("lang", lang);
            let _ = html.set_attribute("dir", crate::model::langtag::direction(lang).as_str());
        }
        document.set_title(title);
    }
    let Ok(url) = web_sys::Url::new(&window.location().href().unwrap_or_default()) else {
        return;
    };
    if !query || url.search_params().get("lang").as_deref() == Some(choice) {
        return;
    }
    url.search_params().set("lang", choice);
    replace_url(&window, &url.href());
}

/// Replaces the page's URL, keeping its history state.
fn replace_url(window: &web_sys::Window, url: &str) {
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(url));
    }
}

/// The page's fragment (`#…`, decoded), when it has one.
#[must_use]
pub fn fragment() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    let decoded = js_sys::decode_uri_component(&hash).ok().map(String::from);
    Some(decoded.unwrap_or(hash)).filter(|h| h.len() > 1)
}

/// Calls `on_change` with the page's fragment after each `hashchange`;
/// listens as long as the value returned lives.
#[must_use]
pub fn on_hash_change(on_change: impl Fn(String) + 'static) -> Option<gloo_events::EventListener> {
    let window = window()?;
    Some(gloo_events::EventListener::new(
        &window,
        "hashchange",
        move |_| on_change(fragment().unwrap_or_default()),
    ))
}

/// The page's URL with `fragment` in place of its own.
fn page_url_with(window: &web_sys::Window, fragment: &str) -> Option<String> {
    let href = window.location().href().ok()?;
    let page = href.split('#').next().unwrap_or(&href);
    Some(format!("{page}{fragment}"))
}

/// Copies the page's URL with `fragment` to the clipboard, where the
/// browser allows it; `on_copied` once it is there.
pub fn copy_link(fragment: &str, on_copied: impl FnOnce() + 'static) {
    let Some(window) = window() else { return };
    let Some(url) = page_url_with(&window, fragment) else {
        return;
    };
    // `navigator.clipboard` is missing where the page is not secure.
    let clipboard = window.navigator().clipboard();
    if clipboard.is_undefined() {
        return;
    }
    let promise = clipboard.write_text(&url);
    wasm_bindgen_futures::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            on_copied();
        }
    });
}

/// Puts `fragment` in the page's address, without scrolling or a history
/// entry (the standalone page's own address only).
pub fn set_fragment(fragment: &str) {
    let Some(window) = window() else { return };
    if let Some(url) = page_url_with(&window, fragment) {
        replace_url(&window, &url);
    }
}

/// Scrolls to the block `block` under `root`, when this widget is the first
/// on the page to hold it (every widget marks it; one scrolls).
pub fn go_to_block(root: &Element, block: &str) {
    let Ok(Some(element)) = root.query_selector(&format!("[data-block-id=\"{block}\"]")) else {
        return;
    };
    let link = element
        .query_selector(".lc-block__link")
        .ok()
        .flatten()
        .and_then(|link| link.get_attribute("href"))
        .map(|href| {
            format!(
                "[href=\"{}\"]",
                href.replace('\\', "\\\\").replace('"', "\\\"")
            )
        });
    if link.is_none_or(|selector| crate::widgets::is_first_holding(root, &selector)) {
        scroll_to(&element);
    }
}

/// The key under which the reader's settings are stored.
pub const SETTINGS_KEY: &str = "lectern:settings";

/// The reader's stored settings, where storage is allowed and holds them.
#[must_use]
pub fn stored_settings() -> Option<crate::settings::Settings> {
    let text = storage()?.get_item(SETTINGS_KEY).ok()??;
    let value = js_sys::JSON::parse(&text).ok()?;
    let field = |key: &str| js_sys::Reflect::get(&value, &key.into()).ok();
    Some(crate::settings::Settings::from_stored(
        field("size").and_then(|v| v.as_f64()),
        field("font").and_then(|v| v.as_string()).as_deref(),
        field("theme").and_then(|v| v.as_string()).as_deref(),
    ))
}

/// Stores the reader's settings; does nothing where storage is blocked.
pub fn store_settings(settings: crate::settings::Settings) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(SETTINGS_KEY, &settings.to_json());
    }
}

/// Adds a history entry for an article opened in place: its state is the
/// document's URL `src`, its URL the article's page when that is on this
/// origin (else the current URL).
pub fn push_article(src: &str, page: Option<&str>) {
    let Some(history) = window().and_then(|w| w.history().ok()) else {
        return;
    };
    let _ = history.push_state_with_url(&src.into(), "", page);
}

/// Calls `on_pop` with the document URL of the history entry the reader
/// went Back or Forward to. The current entry is first marked with
/// `current` so that Back to it works. The listener lives as long as the
/// value returned.
#[must_use]
pub fn on_history_pop(
    current: &str,
    on_pop: impl Fn(String) + 'static,
) -> Option<gloo_events::EventListener> {
    let window = window()?;
    if let Ok(history) = window.history() {
        if history.state().map_or(true, |s| s.is_null()) {
            let _ = history.replace_state(&current.into(), "");
        }
    }
    Some(gloo_events::EventListener::new(
        &window,
        "popstate",
        move |event| {
            if let Some(src) = event
                .dyn_ref::<web_sys::PopStateEvent>()
                .and_then(|e| e.state().as_string())
            {
                on_pop(src);
            }
        },
    ))
}

/// Calls `on_change(up)` when the direction the window scrolls in changes
/// (`up` true: towards the top), from a passive `scroll` listener that
/// lives as long as the value returned.
#[must_use]
pub fn on_scroll_direction(
    on_change: impl Fn(bool) + 'static,
) -> Option<gloo_events::EventListener> {
    let window = window()?;
    let last = std::cell::Cell::new((window.scroll_y().unwrap_or(0.0), false));
    Some(gloo_events::EventListener::new(
        &window.clone(),
        "scroll",
        move |_| {
            let y = window.scroll_y().unwrap_or(0.0);
            let (before, was_up) = last.get();
            let up = match y.partial_cmp(&before) {
                Some(std::cmp::Ordering::Less) => true,
                Some(std::cmp::Ordering::Greater) => false,
                _ => return,
            };
            last.set((y, up));
            if up != was_up {
                on_change(up);
            }
        },
    ))
}

/// Resolves in a task of its own (`setTimeout(0)`): work after it lets the
/// browser paint and answer input first.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `task` when the browser is idle (`requestIdleCallback`, or after a
/// second where there is none).
pub fn when_idle(task: impl FnOnce() + 'static) {
    let Some(window) = window() else { return };
    let callback = wasm_bindgen::closure::Closure::once_into_js(task);
    let function: &js_sys::Function = callback.unchecked_ref();
    if window.request_idle_callback(function).is_err() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(function, 1000);
    }
}
