//! The container: one state machine ([`state::State`], a `use_reducer`)
//! and one place that loads documents (the loader effect below). It loads
//! the article named by `src` (or starts from the page's pre-rendered
//! document), negotiates the reader's language, switches versions and opens
//! related articles in place, and keeps what the reader has on screen when
//! something fails. Stale responses never win: a new request or unmounting
//! aborts the one in flight, and the reducer drops any answer whose ticket
//! is not the current one.

pub mod state;

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use self::state::{Action, After, Prefs, Source, State, Why};
use crate::settings::Theme;
use crate::views::article::{article_view, ArticleViewProps, Handlers, Refs};
use crate::views::back_to_top::BackToTop;
use crate::views::status::{load_failed, skeleton};
use crate::views::{Doc, HeadingLevel, RelatedMode};

/// Properties of [`Reader`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct ReaderProps {
    /// URL of any language version of the article.
    pub src: AttrValue,
    /// Heading level of the article title: 1 on the standalone page, 2 in embeds.
    #[prop_or(2)]
    pub heading_level: u8,
    /// The language asked for (`data-lectern-lang`); `None` or `auto` negotiates.
    #[prop_or_default]
    pub lang: Option<AttrValue>,
    #[prop_or_default]
    pub related: RelatedMode,
    /// The standalone page: related articles opened in place get a history
    /// entry, and the page's `lang`, title and `?lang=` follow the article.
    #[prop_or_default]
    pub standalone: bool,
    /// The host page's origin: links to other origins get `rel="noopener noreferrer"`.
    #[prop_or_default]
    pub page_origin: Option<AttrValue>,
    /// The reader's stored choice and browser languages.
    #[prop_or_default]
    pub prefs: Rc<Prefs>,
    /// The reader chose another language.
    #[prop_or_default]
    pub on_language_change: Callback<String>,
    /// A document failed to load: its message, and whether a saved copy is
    /// shown instead.
    #[prop_or_default]
    pub on_error: Callback<(String, bool)>,
    /// Saved copies and the language choice are kept in the host origin's
    /// storage (`data-lectern-storage="off"`: never).
    #[prop_or(true)]
    pub storage: bool,
    /// The document at `src` as the page pre-rendered it (from its inline
    /// JSON): shown from the first frame, never fetched again.
    #[prop_or_default]
    pub initial: Option<Doc>,
    /// Receives the widget's command channel once it is mounted (for the
    /// JS API's `setLanguage`).
    #[prop_or_default]
    pub on_ready: Callback<Callback<Action>>,
    /// The widget shows something, for the first time or again: an article
    /// (`true`), or only an alert (`false`).
    #[prop_or_default]
    pub on_settled: Callback<bool>,
    /// Where the widget may fetch documents from, and with what credentials.
    #[prop_or_default]
    pub fence: Rc<crate::fence::Fence>,
    /// A document is shown: its article id, language and where it came
    /// from (`pre-render`, `network`).
    #[prop_or_default]
    pub on_load: Callback<(String, String, &'static str)>,
    /// The prefix of the widget's element ids (a pre-render's, chosen by
    /// its publisher); by default `lectern-N`, unique on the page.
    #[prop_or_default]
    pub id_prefix: Option<AttrValue>,
    /// A published page per version (`data-lectern-pages`: a URL with
    /// `{lang}`): the selector links to them and a choice goes there,
    /// instead of switching in place.
    pub pages: Option<AttrValue>,
}

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

fn next_id_prefix() -> String {
    let n = NEXT_INSTANCE.with(|c| {
        let n = c.get();
        c.set(n.wrapping_add(1));
        n
    });
    format!("lectern-{n}")
}

/// The state the Reader starts in, for its props.
#[must_use]
pub fn initial_state(props: &ReaderProps) -> State {
    State::new(
        &props.src,
        props.lang.as_deref(),
        Rc::clone(&props.prefs),
        props.initial.clone(),
    )
}

/// Everything [`reader_view`] needs besides the state.
pub struct ReaderView<'a> {
    pub props: &'a ReaderProps,
    pub id_prefix: &'a str,
    pub refs: &'a Refs,
    pub handlers: &'a Handlers,
    pub on_retry: &'a Callback<()>,
}

/// The Reader's whole view, a function of its state: plain elements and
/// text, no components (so a pre-render can be checked against it before
/// it is hydrated).
pub fn reader_view(state: &State, view: &ReaderView<'_>) -> Html {
    let ui = state.ui();
    let failed = state.failure.as_ref().map(|failure| {
        let retry = failure.error.is_retryable().then_some(view.on_retry);
        (
            load_failed(&failure.error, &ui, retry, state.saved.as_deref()),
            failure.request.why,
        )
    });
    let body = match (&state.shown, failed) {
        (Some(shown), failed) => {
            let notice_at_related = matches!(&failed, Some((_, Why::Related)));
            let choice = state.current_choice().unwrap_or_default();
            article_view(&ArticleViewProps {
                article: &shown.doc,
                second: state.second.as_ref().map(|s| &*s.doc),
                choice: &choice,
                target: state.target(),
                settings: state.settings,
                settings_open: state.settings_open,
                host_face: state.host_face,
                heading_level: HeadingLevel::new(view.props.heading_level),
                pages: view.props.pages.as_deref(),
                id_prefix: view.id_prefix,
                related_mode: view.props.related,
                page_origin: view.props.page_origin.as_deref(),
                bio_open: state.bio_open,
                back_to_top: BackToTop::new(state.header_out_of_view, state.scrolling_up),
                notice: failed.map(|(alert, _)| alert).unwrap_or_default(),
                notice_at_related,
                refs: view.refs,
                handlers: view.handlers,
                ui: &ui,
            })
        }
        (None, Some((alert, _))) => alert,
        (None, None) => skeleton(&ui),
    };
    let settings = state.settings;
    // Said once a block's link is copied; a second copy changes the text
    // (a no-break space) so that it is said again.
    let said = (state.copied > 0).then(|| {
        let nbsp = if state.copied.is_multiple_of(2) {
            "\u{a0}"
        } else {
            ""
        };
        format!("{}{nbsp}", ui.text(crate::i18n::Key::LinkCopied))
    });
    html! {
        <div class="lectern" id={view.id_prefix.to_owned()} ref={view.refs.root.clone()}
            lang={ui.tag.clone()} dir={ui.dir.as_str()}
            data-theme={settings.theme.map(Theme::name)}
            data-size={settings.size_name()}
            data-font={settings.sans.map(|sans| if sans { "sans" } else { "serif" })}
            data-pair={state.second.is_some().then_some("")}>
            { body }
            <p class="lc-visually-hidden" role="status">{ for said }</p>
        </div>
    }
}

/// What the Reader keeps besides its state, made once: its element ids'
/// prefix, the elements it reaches into, the documents it has, its command
/// channel and what the reader can do.
struct Local {
    id_prefix: String,
    refs: Refs,
    cache: Cache,
    dispatch: Callback<Action>,
    handlers: Handlers,
}

impl Local {
    fn new(props: &ReaderProps, dispatch: Callback<Action>) -> Self {
        let refs = Refs::default();
        let mut cache = Documents::default();
        if let Some(doc) = &props.initial {
            cache.insert(props.src.to_string(), doc.clone());
        }
        Self {
            id_prefix: props
                .id_prefix
                .as_ref()
                .map_or_else(next_id_prefix, ToString::to_string),
            handlers: handlers(props, &dispatch, &refs),
            refs,
            cache: Rc::new(std::cell::RefCell::new(cache)),
            dispatch,
        }
    }
}

/// What the reader can do, as the views call it.
fn handlers(props: &ReaderProps, dispatch: &Callback<Action>, refs: &Refs) -> Handlers {
    let on_select_language = {
        let (dispatch, on_change) = (dispatch.clone(), props.on_language_change.clone());
        let (storage, root) = (props.storage, refs.root.clone());
        Callback::from(move |lang: String| {
            if storage {
                crate::browser::store_language(&lang);
            }
            on_change.emit(lang.clone());
            let passage = root
                .cast::<web_sys::Element>()
                .and_then(|root| crate::browser::passage_in_view(&root));
            dispatch.emit(Action::ChooseLanguage(lang, passage));
        })
    };
    // A block's link: marked, copied (and said), and on the standalone
    // page the address; an embed never touches its host's URL.
    let on_link = {
        let (dispatch, standalone) = (dispatch.clone(), props.standalone);
        Callback::from(move |fragment: String| {
            let copied = dispatch.reform(|()| Action::Copied);
            crate::browser::copy_link(&fragment, move || copied.emit(()));
            if standalone {
                crate::browser::set_fragment(&fragment);
            }
            dispatch.emit(Action::Fragment {
                fragment,
                scroll: false,
            });
        })
    };
    // Every widget on the page takes them at once; kept where the widget
    // may use storage.
    let on_settings = {
        let storage = props.storage;
        Callback::from(move |settings: crate::settings::Settings| {
            crate::widgets::apply_settings(settings);
            if storage {
                crate::browser::store_settings(settings);
            }
        })
    };
    let on_back_to_top = {
        let (root, title) = (refs.root.clone(), refs.title.clone());
        Callback::from(move |()| {
            if let (Some(root), Some(title)) = (
                root.cast::<web_sys::Element>(),
                title.cast::<web_sys::Element>(),
            ) {
                crate::browser::scroll_to(&root);
                crate::browser::focus_without_scroll(&title);
            }
        })
    };
    // Escape closes a panel and gives focus back to its button.
    let closing = |action: Action, button: &NodeRef| {
        let (dispatch, button) = (dispatch.clone(), button.clone());
        Callback::from(move |()| {
            dispatch.emit(action.clone());
            if let Some(button) = button.cast::<web_sys::Element>() {
                crate::browser::focus_without_scroll(&button);
            }
        })
    };
    Handlers {
        on_select_language,
        on_open_related: Callback::noop(),
        on_back_to_top,
        on_toggle_bio: dispatch.reform(|()| Action::ToggleBio),
        on_close_bio: closing(Action::CloseBio, &refs.bio_button),
        on_link,
        on_toggle_settings: {
            let (dispatch, root) = (dispatch.clone(), refs.root.clone());
            Callback::from(move |()| {
                let host = root.cast::<web_sys::Element>().is_some_and(|root| {
                    crate::browser::sets_property(&root, "--lectern-font-body")
                });
                dispatch.emit(Action::HostFace(host));
                dispatch.emit(Action::ToggleSettings);
            })
        },
        on_close_settings: closing(Action::CloseSettings, &refs.settings_button),
        on_settings,
    }
}

/// The widget: one state machine, one `Local`, and four effects (mounted,
/// loading, shown, after a render).
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let state = use_reducer(|| initial_state(props));
    let local = {
        let dispatcher = state.dispatcher();
        use_memo((), move |()| {
            Local::new(
                props,
                Callback::from(move |action| dispatcher.dispatch(action)),
            )
        })
    };

    // Once mounted: the command channel (the JS API); the widget's place
    // among the page's widgets (settings, fragments); the page's fragment,
    // now and on every `hashchange`; on the standalone page, Back and
    // Forward between articles opened in place. Unmounting ends them all
    // and aborts every prefetch still in flight.
    {
        let local = local.clone();
        let (on_ready, standalone, src) =
            (props.on_ready.clone(), props.standalone, props.src.clone());
        use_effect_with((), move |()| {
            let cache = local.cache.clone();
            let ended = later(move || {
                let dispatch = local.dispatch.clone();
                on_ready.emit(dispatch.clone());
                let registration =
                    crate::widgets::register(local.refs.root.clone(), dispatch.clone());
                let fragment = {
                    let dispatch = dispatch.clone();
                    move |fragment| {
                        dispatch.emit(Action::Fragment {
                            fragment,
                            scroll: true,
                        });
                    }
                };
                if let Some(now) = crate::browser::fragment() {
                    fragment(now);
                }
                let hash = crate::browser::on_hash_change(fragment);
                let history = standalone
                    .then(|| {
                        crate::browser::on_history_pop(&src, move |url| {
                            dispatch.emit(Action::Navigate(url));
                        })
                    })
                    .flatten();
                (registration, hash, history)
            });
            move || {
                ended();
                cache.borrow_mut().close();
            }
        });
    }

    // The one place that loads documents: the request the state waits for,
    // from the cache or the network.
    {
        let local = local.clone();
        let (on_error, fence) = (props.on_error.clone(), props.fence.clone());
        let storage = props.storage;
        let request = state
            .pending
            .as_ref()
            .map(|p| (p.url.clone(), p.ticket, p.why));
        use_effect_with(request, move |request| {
            let current = Rc::new(Cell::new(true));
            let mut controller = None;
            if let Some((url, ticket, why)) = request.clone() {
                let (dispatch, cache, root) = (
                    local.dispatch.clone(),
                    local.cache.clone(),
                    local.refs.root.clone(),
                );
                let passage = move || {
                    root.cast::<web_sys::Element>()
                        .and_then(|root| crate::browser::passage_in_view(&root))
                };
                let cached = cache.borrow().get(&url);
                if !fence.allows(&url) {
                    let error = crate::error::LoadError::Blocked;
                    on_error.emit((format!("{error} ({url})"), false));
                    dispatch.emit(Action::Failed {
                        ticket,
                        error,
                        saved: None,
                    });
                } else if let Some(doc) = cached {
                    dispatch.emit(Action::Loaded {
                        ticket,
                        doc,
                        passage: passage(),
                    });
                } else if let Ok(abort) = web_sys::AbortController::new() {
                    controller = Some(abort.clone());
                    let current = Rc::clone(&current);
                    wasm_bindgen_futures::spawn_local(async move {
                        let result =
                            crate::api::fetch_article(&url, &abort, fence.credentials(&url)).await;
                        // Checked (above) and shown (below) in tasks of
                        // their own: neither blocks the page for long.
                        crate::browser::next_task().await;
                        if !current.get() {
                            return;
                        }
                        match result {
                            Ok((mut article, text)) => {
                                if storage {
                                    crate::browser::save_copy(
                                        &url,
                                        &crate::browser::now_iso(),
                                        &text,
                                    );
                                }
                                fence.apply(&mut article);
                                let doc = Doc::new(article);
                                cache.borrow_mut().insert(url, doc.clone());
                                dispatch.emit(Action::Loaded {
                                    ticket,
                                    doc,
                                    passage: passage(),
                                });
                            }
                            Err(error) => {
                                // Offline mode: the reader's saved copy of
                                // the widget's own article, when nothing
                                // else would show.
                                let saved = (storage && why == Why::First)
                                    .then(|| saved_copy(&url, &fence))
                                    .flatten();
                                on_error.emit((error.to_string(), saved.is_some()));
                                dispatch.emit(Action::Failed {
                                    ticket,
                                    error,
                                    saved,
                                });
                            }
                        }
                    });
                }
            }
            move || {
                current.set(false);
                if let Some(controller) = controller {
                    controller.abort();
                }
            }
        });
    }

    // The UI catalogs the state wants (`State::catalogs_wanted`), fetched
    // beside the document; and the host's own (`data-lectern-strings`),
    // through the same fence as documents. Each URL is fetched once for the
    // page (`catalog::claim`) and kept (so one that arrives after the wanted
    // list moved on still counts); the Reader, while mounted, renders again
    // in its words.
    {
        let (dispatch, cache) = (local.dispatch.clone(), local.cache.clone());
        let fence = props.fence.clone();
        let host = props.prefs.strings.clone().filter(|url| fence.allows(url));
        let wanted = state.catalogs_wanted();
        use_effect_with(wanted, move |wanted| {
            let urls = wanted.iter().map(|url| (url.clone(), false));
            let host = host.map(|url| (fence.credentials(&url), url));
            let host = host
                .into_iter()
                .map(|(credentials, url)| (url, credentials));
            for (url, credentials) in urls.chain(host) {
                let (dispatch, cache) = (dispatch.clone(), cache.clone());
                fetch_catalog(url, credentials, move || {
                    if !cache.borrow().closed {
                        dispatch.emit(Action::Catalog);
                    }
                });
            }
        });
    }

    // Whenever something is shown: tell the host (`lectern:load` per
    // document; settled); the standalone page follows (language, title,
    // `?lang=`); the other versions are prefetched when idle (not while a
    // version is on its way); back-to-top watches the header and the
    // direction of scrolling (it floats only on the way back up).
    {
        let local = local.clone();
        let (on_load, on_settled, fence) = (
            props.on_load.clone(),
            props.on_settled.clone(),
            props.fence.clone(),
        );
        let (standalone, published) = (props.standalone, props.pages.is_some());
        let shown = state
            .shown
            .as_ref()
            .map(|s| (s.doc.clone(), state.shows, s.source));
        let partner = state.second.as_ref().map(|s| s.doc.clone());
        let failed_alone = state.shown.is_none() && state.failure.is_some();
        let nothing_pending = state.pending.is_none();
        let catalogs = state.catalogs_of_versions();
        use_effect_with((shown, partner, failed_alone), move |deps| {
            let (shown, partner, failed_alone) = deps.clone();
            later(move || {
                let mut watch = None;
                if let Some((doc, _, source)) = &shown {
                    let second = partner.iter().map(|p| (p, Source::Network));
                    for (doc, source) in std::iter::once((doc, *source)).chain(second) {
                        on_load.emit((doc.id.to_string(), doc.lang.to_string(), source.name()));
                    }
                    if standalone {
                        let choice = partner.as_ref().map_or_else(
                            || doc.lang.to_string(),
                            |p| format!("{}+{}", doc.lang, p.lang),
                        );
                        crate::browser::reflect_standalone(
                            doc.lang.as_str(),
                            &doc.title,
                            &choice,
                            !published,
                        );
                    }
                    if nothing_pending {
                        prefetch_when_idle(doc, catalogs, &local.cache, &fence);
                    }
                    let (dispatch, up) = (local.dispatch.clone(), local.dispatch.clone());
                    watch = Some((
                        crate::hooks::observe(&local.refs.header, move |out| {
                            dispatch.emit(Action::HeaderOutOfView(out));
                        }),
                        crate::browser::on_scroll_direction(move |is_up| {
                            up.emit(Action::ScrollingUp(is_up));
                        }),
                    ));
                }
                if shown.is_some() || failed_alone {
                    on_settled.emit(shown.is_some());
                }
                // Dropping the observation disconnects it.
                watch
            })
        });
    }

    // Once the view has rendered: keep the passage, focus the title or go
    // to the targeted block.
    {
        let local = local.clone();
        let after = (
            state.after.clone(),
            state.afters,
            state.target().map(str::to_owned),
        );
        use_effect_with(after, move |(after, _, target)| {
            let refs = &local.refs;
            let root = refs.root.cast::<web_sys::Element>();
            match (after, root) {
                (After::KeepPassage(passage), Some(root)) => {
                    crate::browser::restore_passage(&root, passage);
                }
                (After::FocusTitle, _) => {
                    if let Some(title) = refs.title.cast::<web_sys::Element>() {
                        crate::browser::scroll_to(&title);
                        crate::browser::focus_without_scroll(&title);
                    }
                }
                (After::ScrollToTarget, Some(root)) => {
                    if let Some(block) = target {
                        crate::browser::go_to_block(&root, block);
                    }
                }
                _ => {}
            }
        });
    }

    // Opening a related article reads the article on screen.
    let handlers = Handlers {
        on_open_related: {
            let dispatch = local.dispatch.clone();
            let article = state.shown.as_ref().map(|s| s.doc.clone());
            let (standalone, page_origin) = (props.standalone, props.page_origin.clone());
            Callback::from(move |index: usize| {
                let Some(teaser) = article.as_ref().and_then(|a| a.related.get(index)) else {
                    return;
                };
                let Some(src) = &teaser.article else { return };
                if standalone {
                    let page = teaser
                        .href
                        .as_ref()
                        .map(ToString::to_string)
                        .filter(|href| {
                            crate::views::inline::origin_of(href) == page_origin.as_deref()
                        });
                    crate::browser::push_article(src.as_str(), page.as_deref());
                }
                dispatch.emit(Action::OpenRelated(src.to_string()));
            })
        },
        ..local.handlers.clone()
    };
    let on_retry = local.dispatch.reform(|()| Action::Retry);
    reader_view(
        &state,
        &ReaderView {
            props,
            id_prefix: &local.id_prefix,
            refs: &local.refs,
            handlers: &handlers,
            on_retry: &on_retry,
        },
    )
}

/// Runs `work` in a task of its own after this one (the hydration or
/// render that scheduled it is long enough), unless the returned teardown
/// runs first; the teardown drops what `work` made (listeners, observers).
fn later<T: 'static>(work: impl FnOnce() -> T + 'static) -> impl FnOnce() {
    // `Some(None)`: waiting; `Some(Some(_))`: done; `None`: torn down.
    let held: Rc<std::cell::RefCell<Option<Option<T>>>> =
        Rc::new(std::cell::RefCell::new(Some(None)));
    let slot = Rc::clone(&held);
    wasm_bindgen_futures::spawn_local(async move {
        crate::browser::next_task().await;
        if slot.borrow().is_some() {
            let made = work();
            if let Some(done) = slot.borrow_mut().as_mut() {
                *done = Some(made);
            }
        }
    });
    move || drop(held.borrow_mut().take())
}

/// The reader's saved copy of the document at `url`, checked like a
/// fetched one, with the date it was saved as the reader reads it.
fn saved_copy(url: &str, fence: &crate::fence::Fence) -> Option<(Doc, String)> {
    let (date, text) = crate::browser::saved_copy(url)?;
    let mut article = crate::api::article_from(&text, url).ok()?;
    fence.apply(&mut article);
    let shown = crate::views::date::format_date(&date, article.lang.as_str())
        .unwrap_or_else(|| date.get(..10).unwrap_or(&date).to_owned());
    Some((Doc::new(article), shown))
}

/// Fetches the UI catalog at `url` (unless a widget on the page has it or
/// is fetching it) and keeps it for the page; then `arrived`. `url` may be
/// the catalog itself, as `lectern.js` hands over one a bundler inlined.
fn fetch_catalog(url: String, credentials: bool, arrived: impl FnOnce() + 'static) {
    if !crate::i18n::catalog::claim(&url) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(controller) = web_sys::AbortController::new() else {
            return;
        };
        // A catalog a bundler inlined comes as its text (`lectern.js`).
        let catalog = if url.starts_with('{') {
            crate::api::catalog_from(&url)
        } else {
            crate::api::fetch_catalog(&url, &controller, credentials).await
        };
        match catalog {
            Ok(catalog) => {
                crate::i18n::catalog::register(catalog);
                arrived();
                // Another widget may be waiting for the same words.
                crate::widgets::catalog_arrived();
            }
            Err(_) => crate::i18n::catalog::release(&url),
        }
    });
}

/// Documents already fetched, by URL: switching back is instant. A few
/// entries (an article's versions and the ones opened from it), so a list;
/// the URLs being prefetched, so none is fetched twice at once; their
/// requests in flight, aborted when the widget goes; and whether it has
/// gone (then nothing more is fetched).
#[derive(Default)]
struct Documents {
    docs: Vec<(String, Doc)>,
    fetching: Vec<String>,
    requests: Vec<web_sys::AbortController>,
    closed: bool,
}

impl Documents {
    fn get(&self, url: &str) -> Option<Doc> {
        self.docs
            .iter()
            .find(|(u, _)| u == url)
            .map(|(_, article)| article.clone())
    }

    fn contains(&self, url: &str) -> bool {
        self.docs.iter().any(|(u, _)| u == url)
    }

    /// Keeps the first document stored for `url`.
    fn insert(&mut self, url: String, article: Doc) {
        if !self.contains(&url) {
            self.docs.push((url, article));
        }
    }

    /// The widget is gone: every request in flight stops, none starts.
    fn close(&mut self) {
        self.closed = true;
        for request in self.requests.drain(..) {
            request.abort();
        }
    }
}

type Cache = Rc<std::cell::RefCell<Documents>>;

/// Fetches the article's other versions into the cache when the browser is
/// idle; never when the reader asked to save data (`Save-Data`).
fn prefetch_when_idle(
    article: &Doc,
    catalogs: Vec<String>,
    cache: &Cache,
    fence: &Rc<crate::fence::Fence>,
) {
    if crate::browser::saves_data() {
        return;
    }
    // The UI catalogs those versions speak, kept for the page.
    if !catalogs.is_empty() {
        let cache = Rc::clone(cache);
        crate::browser::when_idle(move || {
            for url in catalogs {
                if cache.borrow().closed {
                    return;
                }
                fetch_catalog(url, false, || {});
            }
        });
    }
    let urls: Vec<String> = article
        .translations
        .iter()
        .filter_map(|t| t.href.as_ref().map(ToString::to_string))
        .filter(|url| !cache.borrow().contains(url) && !cache.borrow().fetching.contains(url))
        .collect();
    if urls.is_empty() {
        return;
    }
    cache.borrow_mut().fetching.extend(urls.iter().cloned());
    let (cache, fence) = (Rc::clone(cache), Rc::clone(fence));
    crate::browser::when_idle(move || {
        for url in urls {
            // Destroyed before the browser was idle: nothing to fetch.
            if cache.borrow().closed {
                return;
            }
            let Ok(controller) = web_sys::AbortController::new() else {
                return;
            };
            cache.borrow_mut().requests.push(controller.clone());
            let (cache, fence) = (Rc::clone(&cache), Rc::clone(&fence));
            wasm_bindgen_futures::spawn_local(async move {
                let credentials = fence.credentials(&url);
                let result = crate::api::fetch_article(&url, &controller, credentials).await;
                let mut documents = cache.borrow_mut();
                documents.requests.retain(|r| *r != controller);
                documents.fetching.retain(|u| *u != url);
                if let (Ok((mut article, _)), false) = (result, documents.closed) {
                    fence.apply(&mut article);
                    documents.insert(url, Doc::new(article));
                }
            });
        }
    });
}
