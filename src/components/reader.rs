//! The container: loads the article named by `src`, picks the reader's
//! language, switches versions and opens related articles in place, and
//! decides which view to show. Stale responses never win: a new document or
//! unmounting aborts the request in flight and drops its result.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use super::article_view::ArticleView;
use super::status::{load_failed, skeleton};
use super::{Doc, HeadingLevel, RelatedMode};
use crate::error::LoadError;
use crate::i18n::{negotiate, Preferences, UiLang};
use crate::model::Article;

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
    /// The standalone page: the language is reflected in `?lang=`, related
    /// articles opened in place get a history entry, and the page's `lang`
    /// and title follow the article.
    #[prop_or_default]
    pub standalone: bool,
    /// The host page's origin: links to other origins get `rel="noopener noreferrer"`.
    #[prop_or_default]
    pub page_origin: Option<AttrValue>,
    /// The reader chose another language.
    #[prop_or_default]
    pub on_language_change: Callback<String>,
    /// An error is shown (its message).
    #[prop_or_default]
    pub on_error: Callback<String>,
    /// The outcome of fetching `src`, when it was already fetched (the
    /// standalone page fetches it while its pre-rendered HTML is on screen,
    /// then mounts with it). A failure shows at once, with Retry.
    #[prop_or_default]
    pub initial: Option<Result<Doc, LoadError>>,
}

/// The state of the document being shown.
#[derive(Clone, PartialEq, Debug)]
enum Load {
    Loading,
    Ready(Doc),
    Failed(LoadError),
}

/// What to do once the next article has rendered.
#[derive(Debug, Default)]
enum AfterRender {
    #[default]
    Nothing,
    /// Put this block back where it was on screen (a language switch).
    KeepPassage(String, f64),
    /// Scroll to the title and focus it (a related article opened in place).
    FocusTitle,
}

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

fn next_id_prefix() -> AttrValue {
    let n = NEXT_INSTANCE.with(|c| {
        let n = c.get();
        c.set(n.wrapping_add(1));
        n
    });
    AttrValue::from(format!("lectern-{n}"))
}

/// Documents already fetched, by URL: switching back is instant. A few
/// entries (an article's versions and the ones opened from it), so a list.
#[derive(Default)]
struct Documents(Vec<(String, Doc)>);

impl Documents {
    fn get(&self, url: &str) -> Option<Doc> {
        self.0
            .iter()
            .find(|(u, _)| u == url)
            .map(|(_, article)| article.clone())
    }

    fn contains(&self, url: &str) -> bool {
        self.0.iter().any(|(u, _)| u == url)
    }

    /// Keeps the first document stored for `url`.
    fn insert(&mut self, url: String, article: Doc) {
        if !self.contains(&url) {
            self.0.push((url, article));
        }
    }
}

type Cache = Rc<RefCell<Documents>>;

/// The widget.
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let id_prefix = use_state(next_id_prefix);
    let doc_url = use_state(|| props.src.to_string());
    let load = use_state(|| match &props.initial {
        None => Load::Loading,
        Some(Ok(article)) => Load::Ready(article.clone()),
        Some(Err(error)) => Load::Failed(error.clone()),
    });
    // A failed initial fetch is shown, not repeated, until Retry.
    let skip_first_fetch = use_mut_ref(|| matches!(props.initial, Some(Err(_))));
    let attempt = use_state(|| 0_u32);
    let cache: Cache = use_mut_ref(|| {
        let mut cache = Documents::default();
        if let Some(Ok(article)) = &props.initial {
            cache.insert(props.src.to_string(), article.clone());
        }
        cache
    });
    let negotiated = use_mut_ref(|| false);
    let after = use_mut_ref(AfterRender::default);
    let root = use_node_ref();
    let title_ref = use_node_ref();

    // A new `src` starts over, language negotiation included.
    {
        let (doc_url, negotiated) = (doc_url.clone(), negotiated.clone());
        use_effect_with(props.src.clone(), move |src| {
            if *doc_url != src.as_str() {
                *negotiated.borrow_mut() = false;
                doc_url.set(src.to_string());
            }
        });
    }

    // Fetch the document being shown (or take it from the cache).
    {
        let (load, cache, negotiated, doc_url_handle) = (
            load.clone(),
            cache.clone(),
            negotiated.clone(),
            doc_url.clone(),
        );
        let explicit = props.lang.clone();
        let on_error = props.on_error.clone();
        use_effect_with(((*doc_url).clone(), *attempt), move |(url, _)| {
            let cached = cache.borrow().get(url);
            let current = Rc::new(Cell::new(true));
            let mut controller = None;
            if skip_first_fetch.replace(false) {
                // The initial failure is on screen already.
            } else if let Some(article) = cached {
                let preferred = if negotiated.replace(true) {
                    None
                } else {
                    preferred_version(&article, explicit.as_deref())
                };
                match preferred {
                    Some(href) => doc_url_handle.set(href),
                    None => load.set(Load::Ready(article)),
                }
            } else {
                if !matches!(*load, Load::Ready(_)) {
                    load.set(Load::Loading);
                }
                let abort = web_sys::AbortController::new().ok();
                if let Some(abort) = abort.clone() {
                    let (current, url) = (Rc::clone(&current), url.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = crate::api::fetch_article(&url, &abort).await;
                        if !current.get() {
                            return;
                        }
                        match result {
                            Ok(article) => {
                                let article = Doc::new(article);
                                cache.borrow_mut().insert(url, article.clone());
                                if !negotiated.replace(true) {
                                    if let Some(href) =
                                        preferred_version(&article, explicit.as_deref())
                                    {
                                        doc_url_handle.set(href);
                                        return;
                                    }
                                }
                                load.set(Load::Ready(article));
                            }
                            Err(error) => {
                                on_error.emit(error.to_string());
                                load.set(Load::Failed(error));
                            }
                        }
                    });
                }
                controller = abort;
            }
            move || {
                current.set(false);
                if let Some(controller) = controller {
                    controller.abort();
                }
            }
        });
    }

    // The host asked for another language (`setLanguage`): switch to it,
    // keeping the passage, once an article is shown.
    {
        let (load, doc_url, after, root) =
            (load.clone(), doc_url.clone(), after.clone(), root.clone());
        use_effect_with(props.lang.clone(), move |lang| {
            if let (Some(lang), Load::Ready(article)) = (lang, &*load) {
                if article.lang.as_str() != lang.as_str() {
                    if let Some(href) = version_href(article, lang) {
                        remember_passage(&root, &after);
                        doc_url.set(href);
                    }
                }
            }
        });
    }

    // Once an article has rendered: keep the passage or focus the title,
    // update the standalone page, and prefetch the other versions when idle.
    {
        let (after, root, title_ref, cache) = (
            after.clone(),
            root.clone(),
            title_ref.clone(),
            cache.clone(),
        );
        let standalone = props.standalone;
        let shown = match &*load {
            Load::Ready(article) => Some(article.clone()),
            _ => None,
        };
        use_effect_with(shown, move |shown| {
            if let Some(article) = shown {
                match after.take() {
                    AfterRender::KeepPassage(id, top) => {
                        if let Some(root) = root.cast::<web_sys::Element>() {
                            crate::browser::restore_passage(&root, &id, top);
                        }
                    }
                    AfterRender::FocusTitle => {
                        if let Some(title) = title_ref.cast::<web_sys::Element>() {
                            crate::browser::scroll_to(&title);
                            crate::browser::focus_without_scroll(&title);
                        }
                    }
                    AfterRender::Nothing => {}
                }
                if standalone {
                    crate::browser::reflect_standalone(article.lang.as_str(), &article.title);
                }
                prefetch_when_idle(article, &cache);
            }
        });
    }

    // The standalone page: Back and Forward move between articles opened in place.
    {
        let doc_url = doc_url.clone();
        let standalone = props.standalone;
        use_effect_with(standalone, move |standalone| {
            let current = (*doc_url).clone();
            let listener = standalone
                .then(|| crate::browser::on_history_pop(&current, move |src| doc_url.set(src)))
                .flatten();
            move || drop(listener)
        });
    }

    let on_select_language = {
        let (load, doc_url, after, root) =
            (load.clone(), doc_url.clone(), after.clone(), root.clone());
        let on_change = props.on_language_change.clone();
        Callback::from(move |lang: String| {
            let Load::Ready(article) = &*load else { return };
            if article.lang.as_str() == lang {
                return;
            }
            let Some(href) = version_href(article, &lang) else {
                return;
            };
            if let Some((id, top)) = root
                .cast::<web_sys::Element>()
                .and_then(|root| crate::browser::passage_in_view(&root))
            {
                *after.borrow_mut() = AfterRender::KeepPassage(id, top);
            }
            crate::browser::store_language(&lang);
            on_change.emit(lang);
            doc_url.set(href);
        })
    };

    let on_open_related = {
        let (load, doc_url, after) = (load.clone(), doc_url.clone(), after.clone());
        let (standalone, page_origin) = (props.standalone, props.page_origin.clone());
        Callback::from(move |index: usize| {
            let Load::Ready(article) = &*load else { return };
            let Some(teaser) = article.related.get(index) else {
                return;
            };
            let Some(src) = &teaser.article else { return };
            *after.borrow_mut() = AfterRender::FocusTitle;
            if standalone {
                let page = teaser
                    .href
                    .as_ref()
                    .map(ToString::to_string)
                    .filter(|href| super::inline::origin_of(href) == page_origin.as_deref());
                crate::browser::push_article(src.as_str(), page.as_deref());
            }
            doc_url.set(src.to_string());
        })
    };

    let on_back_to_top = {
        let (root, title_ref) = (root.clone(), title_ref.clone());
        Callback::from(move |()| {
            if let (Some(root), Some(title)) = (
                root.cast::<web_sys::Element>(),
                title_ref.cast::<web_sys::Element>(),
            ) {
                crate::browser::scroll_to(&root);
                crate::browser::focus_without_scroll(&title);
            }
        })
    };

    let ui = UiLang::for_tag(props.lang.as_deref().unwrap_or("en"));
    let body = match &*load {
        Load::Loading => skeleton(ui),
        Load::Ready(article) => html! {
            <ArticleView article={article.clone()} heading_level={HeadingLevel::new(props.heading_level)}
                id_prefix={(*id_prefix).clone()} related_mode={props.related} {on_select_language}
                {on_open_related} {on_back_to_top} title_ref={title_ref}
                page_origin={props.page_origin.clone()} />
        },
        Load::Failed(error) => {
            let on_retry = error.is_retryable().then(|| {
                let attempt = attempt.clone();
                Callback::from(move |()| attempt.set(attempt.wrapping_add(1)))
            });
            load_failed(error, ui, on_retry.as_ref())
        }
    };
    html! { <div class="lectern" id={(*id_prefix).clone()} ref={root}>{ body }</div> }
}

/// Notes the passage in view, to bring it back after the next render.
fn remember_passage(root: &NodeRef, after: &RefCell<AfterRender>) {
    if let Some((id, top)) = root
        .cast::<web_sys::Element>()
        .and_then(|root| crate::browser::passage_in_view(&root))
    {
        *after.borrow_mut() = AfterRender::KeepPassage(id, top);
    }
}

/// The URL of the article's version in `lang`.
fn version_href(article: &Article, lang: &str) -> Option<String> {
    article
        .translations
        .iter()
        .find(|t| t.lang.as_str() == lang)
        .and_then(|t| t.href.as_ref())
        .map(ToString::to_string)
}

/// The URL of the version the reader prefers, when it is not this one.
fn preferred_version(article: &Article, explicit: Option<&str>) -> Option<String> {
    let available: Vec<&str> = article
        .translations
        .iter()
        .filter(|t| t.href.is_some())
        .map(|t| t.lang.as_str())
        .collect();
    let stored = crate::browser::stored_language();
    let browser = crate::browser::browser_languages();
    let prefs = Preferences {
        explicit,
        stored: stored.as_deref(),
        browser: &browser,
    };
    let chosen = negotiate(&prefs, &available, article.lang.as_str());
    (chosen != article.lang.as_str())
        .then(|| version_href(article, chosen))
        .flatten()
}

/// Fetches the article's other versions into the cache when the browser is idle.
fn prefetch_when_idle(article: &Article, cache: &Cache) {
    let urls: Vec<String> = article
        .translations
        .iter()
        .filter_map(|t| t.href.as_ref().map(ToString::to_string))
        .filter(|url| !cache.borrow().contains(url))
        .collect();
    if urls.is_empty() {
        return;
    }
    let cache = Rc::clone(cache);
    crate::browser::when_idle(move || {
        for url in urls {
            let cache = Rc::clone(&cache);
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(controller) = web_sys::AbortController::new() else {
                    return;
                };
                if let Ok(article) = crate::api::fetch_article(&url, &controller).await {
                    cache.borrow_mut().insert(url, Doc::new(article));
                }
            });
        }
    });
}
